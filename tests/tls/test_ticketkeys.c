/* test_ticketkeys.c — sslbind-tls's session ticket keys (tls/ticketkeys.c) through the work of
 * OpenSSL's ticket callback, on a clock of the test's own: a ticket made now decrypts with the
 * key that made it; after a rotation a new key encrypts and the old one still decrypts (2: the
 * ticket is renewed); after the next one the old key is gone (0: a full handshake); a reader
 * refuses a key past its life even when the writer is late; a writer late by a whole period
 * starts afresh; lives out of range are refused; keys are random; readers in two threads while
 * the writer rotates (run under TSan too). The "ticket" here is a message encrypted and MACed as
 * OpenSSL does with the contexts the callback set up. */
#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <urcu/urcu-qsbr.h>

#include "ticketkeys.h"

static const unsigned char plain[] = "a session, as OpenSSL encodes it";

struct ticket {
    unsigned char name[16], iv[EVP_MAX_IV_LENGTH], ct[64], mac[32];
    int ctlen;
};

static EVP_MAC *hmac;

/* ThreadSanitizer cannot see a grace period: a reader's quiescent state releases this token and
 * the callback that wipes a key set acquires it (as certcache.c does for the endpoint). */
#ifdef SSLB_TSAN
void __tsan_release(void *addr);
void __tsan_acquire(void *addr);
static char token;
static void released(void)
{
    __tsan_release(&token);
}
static void acquired(void)
{
    __tsan_acquire(&token);
}
#define RETIRING released
#define GRACE_ENDED acquired
#define QUIESCENT() (released(), urcu_qsbr_quiescent_state())
#define OFFLINE() (released(), urcu_qsbr_thread_offline())
#else
#define RETIRING NULL
#define GRACE_ENDED NULL
#define QUIESCENT() urcu_qsbr_quiescent_state()
#define OFFLINE() urcu_qsbr_thread_offline()
#endif

/* Each test calls these itself (the TSan build's stand-in for Criterion has no suites). */
static void setup(void)
{
    urcu_qsbr_register_thread();
    hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    cr_assert(hmac);
}

static void teardown(void)
{
    EVP_MAC_free(hmac);
    urcu_qsbr_unregister_thread();
}

/* Closes k as the endpoint does: offline (it waits for the grace periods). */
static void close_keys(struct ticketkeys *k)
{
    OFFLINE();
    ticketkeys_close(k);
    urcu_qsbr_thread_online();
}

#define BROKEN (-9) /* what the helpers return when OpenSSL fails, or a ticket does not come out as made */

/* A ticket made at now: the callback's result (1), and the ticket in t. Any thread. */
static int make_ticket(struct ticketkeys *k, long long now, struct ticket *t)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    EVP_MAC_CTX *h = EVP_MAC_CTX_new(hmac);
    int rc, n = 0, f = 0;
    size_t ml = 0;

    memset(t, 0, sizeof *t);
    rc = c && h ? ticketkeys_crypt(k, now, t->name, t->iv, c, h, 1) : BROKEN;
    if (rc == 1) {
        if (EVP_EncryptUpdate(c, t->ct, &n, plain, sizeof plain) != 1 || EVP_EncryptFinal_ex(c, t->ct + n, &f) != 1)
            rc = BROKEN;
        t->ctlen = n + f;
        if (EVP_MAC_init(h, NULL, 0, NULL) != 1 || EVP_MAC_update(h, t->ct, (size_t)t->ctlen) != 1 ||
            EVP_MAC_final(h, t->mac, &ml, sizeof t->mac) != 1 || ml != 32)
            rc = BROKEN;
    }
    EVP_CIPHER_CTX_free(c);
    EVP_MAC_CTX_free(h);
    return rc;
}

/* Offers t at now: the callback's result; when it decrypts (1 or 2), the MAC and the plaintext
 * must come out as made (else BROKEN). Any thread. */
static int offer(struct ticketkeys *k, long long now, const struct ticket *t)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    EVP_MAC_CTX *h = EVP_MAC_CTX_new(hmac);
    unsigned char name[16], iv[EVP_MAX_IV_LENGTH], out[80], mac[32];
    int rc, n = 0, f = 0;
    size_t ml = 0;

    memcpy(name, t->name, sizeof name);
    memcpy(iv, t->iv, sizeof iv);
    rc = c && h ? ticketkeys_crypt(k, now, name, iv, c, h, 0) : BROKEN;
    if (rc == 1 || rc == 2) {
        /* the MAC key is the one that made the ticket, and the ticket decrypts */
        if (EVP_MAC_init(h, NULL, 0, NULL) != 1 || EVP_MAC_update(h, t->ct, (size_t)t->ctlen) != 1 ||
            EVP_MAC_final(h, mac, &ml, sizeof mac) != 1 || ml != 32 || memcmp(mac, t->mac, 32) != 0)
            rc = BROKEN;
        else if (EVP_DecryptUpdate(c, out, &n, t->ct, t->ctlen) != 1 || EVP_DecryptFinal_ex(c, out + n, &f) != 1 ||
                 n + f != (int)sizeof plain || memcmp(out, plain, sizeof plain) != 0)
            rc = BROKEN;
    }
    EVP_CIPHER_CTX_free(c);
    EVP_MAC_CTX_free(h);
    return rc;
}

Test(ticketkeys, a_key_encrypts_for_half_its_life_then_decrypts_for_the_other_half_then_is_gone)
{
    struct ticketkeys *k = ticketkeys_open(6, 0, RETIRING, GRACE_ENDED); /* life 6 s: rotations every 3 s */
    struct ticket t0, t1, t2;

    setup();
    cr_assert(k);
    cr_assert_eq(make_ticket(k, 0, &t0), 1);
    cr_assert_eq(offer(k, 1000, &t0), 1, "the current key: resumed as it is");
    cr_assert_eq(ticketkeys_tick(k, 2999), 1, "the next rotation is 1 ms away");
    cr_assert_eq(ticketkeys_rotations(k), 0);
    cr_assert_eq(ticketkeys_tick(k, 3000), 3000, "rotated; the next in 3 s");
    cr_assert_eq(ticketkeys_rotations(k), 1);
    cr_assert_eq(make_ticket(k, 3001, &t1), 1);
    cr_assert_neq(memcmp(t0.name, t1.name, 16), 0, "a new key encrypts");
    cr_assert_eq(offer(k, 3001, &t0), 2, "the previous key still decrypts: the ticket is renewed");
    cr_assert_eq(offer(k, 3001, &t1), 1);
    cr_assert_eq(ticketkeys_tick(k, 6100), 2900, "on the schedule, not from the late tick");
    cr_assert_eq(offer(k, 6100, &t0), 0, "the first key retired: a full handshake");
    cr_assert_eq(offer(k, 6100, &t1), 2);
    cr_assert_eq(make_ticket(k, 6100, &t2), 1);
    cr_assert(memcmp(t2.name, t0.name, 16) != 0 && memcmp(t2.name, t1.name, 16) != 0);
    cr_assert_eq(offer(k, 6100, &t2), 1);
    close_keys(k);
    teardown();
}

Test(ticketkeys, a_reader_refuses_a_key_past_its_life_when_the_writer_is_late)
{
    struct ticketkeys *k = ticketkeys_open(6, 0, RETIRING, GRACE_ENDED);
    struct ticket t0, t1;

    setup();
    cr_assert(k);
    cr_assert_eq(make_ticket(k, 0, &t0), 1);
    ticketkeys_tick(k, 3000);
    cr_assert_eq(make_ticket(k, 3000, &t1), 1);
    /* no tick at 6000: the first key is still in the set, but its life is over */
    cr_assert_eq(offer(k, 5999, &t0), 2);
    cr_assert_eq(offer(k, 6000, &t0), 0, "retired by the clock");
    cr_assert_eq(offer(k, 8999, &t1), 1);
    cr_assert_eq(offer(k, 9000, &t1), 0, "retired by the clock too, current or not");
    cr_assert_eq(make_ticket(k, 8999, &t0), 1);
    cr_assert_eq(make_ticket(k, 9000, &t0), 0, "no ticket under a key past its life: no reader would take it");
    close_keys(k);
    teardown();
}

Test(ticketkeys, a_writer_late_by_a_whole_period_starts_afresh)
{
    struct ticketkeys *k = ticketkeys_open(6, 0, RETIRING, GRACE_ENDED);
    struct ticket t0, t1;

    setup();
    cr_assert(k);
    cr_assert_eq(make_ticket(k, 0, &t0), 1);
    cr_assert_eq(ticketkeys_tick(k, 100000), 3000, "a new key born now");
    cr_assert_eq(ticketkeys_rotations(k), 1);
    cr_assert_eq(offer(k, 100000, &t0), 0, "the old key is not kept past its life");
    cr_assert_eq(make_ticket(k, 100000, &t1), 1);
    cr_assert_eq(offer(k, 102999, &t1), 1);
    cr_assert_eq(ticketkeys_tick(k, 103000), 3000);
    cr_assert_eq(offer(k, 103000, &t1), 2);
    close_keys(k);
    teardown();
}

Test(ticketkeys, unknown_names_are_refused_and_keys_are_random)
{
    struct ticketkeys *a = ticketkeys_open(TICKETKEYS_LIFE_DEFAULT, 0, RETIRING, GRACE_ENDED);
    struct ticketkeys *b = ticketkeys_open(TICKETKEYS_LIFE_DEFAULT, 0, RETIRING, GRACE_ENDED);
    struct ticket ta, tb;

    setup();
    cr_assert(a && b);
    cr_assert_eq(make_ticket(a, 0, &ta), 1);
    cr_assert_eq(make_ticket(b, 0, &tb), 1);
    cr_assert_neq(memcmp(ta.name, tb.name, 16), 0, "each key set draws its own keys");
    cr_assert_eq(offer(a, 1, &tb), 0, "another server's ticket: a full handshake");
    cr_assert_eq(offer(b, 1, &ta), 0);
    cr_assert_eq(ticketkeys_tick(a, 1), TICKETKEYS_LIFE_DEFAULT * 500 - 1, "the default rotates every 5 hours");
    close_keys(a);
    close_keys(b);
    teardown();
}

Test(ticketkeys, lives_out_of_range_are_refused)
{
    setup();
    cr_assert_null(ticketkeys_open(TICKETKEYS_LIFE_MIN - 1, 0, NULL, NULL));
    cr_assert_null(ticketkeys_open(TICKETKEYS_LIFE_MAX + 1, 0, NULL, NULL));
    struct ticketkeys *k = ticketkeys_open(TICKETKEYS_LIFE_MIN, 0, RETIRING, GRACE_ENDED);
    cr_assert(k);
    cr_assert_eq(ticketkeys_tick(k, 0), 1000);
    close_keys(k);
    teardown();
}

struct shared {
    struct ticketkeys *k;
    long long now; /* the writer's clock: ms, atomic */
    int stop;      /* atomic */
    long counts[3], broken;
};

/* A worker: makes a ticket and offers it at once, again and again, announcing a quiescent state
 * between them as the endpoint's loop does. The writer may rotate in between: any of 0, 1, 2;
 * never a ticket that does not come out as made (a key read while it was wiped). */
static void *reader(void *p)
{
    struct shared *s = p;
    struct ticket t;

    urcu_qsbr_register_thread();
    while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
        long long now = __atomic_load_n(&s->now, __ATOMIC_ACQUIRE);
        int rc = make_ticket(s->k, now, &t);
        if (rc == 1) rc = offer(s->k, now, &t);
        if (rc >= 0 && rc <= 2) s->counts[rc]++;
        else s->broken++;
        QUIESCENT();
    }
    urcu_qsbr_unregister_thread();
    return NULL;
}

Test(ticketkeys, readers_in_two_threads_while_the_writer_rotates)
{
    struct shared s[2];
    pthread_t th[2];
    struct ticketkeys *k = ticketkeys_open(6, 0, RETIRING, GRACE_ENDED);
    long long now = 0;

    setup();
    cr_assert(k);
    for (int i = 0; i < 2; i++) {
        memset(&s[i], 0, sizeof s[i]);
        s[i].k = k;
        cr_assert_eq(pthread_create(&th[i], NULL, reader, &s[i]), 0);
    }
    for (int r = 0; r < 300; r++) { /* a rotation every 3 s of the test's clock */
        now += 3000;
        for (int i = 0; i < 2; i++) __atomic_store_n(&s[i].now, now, __ATOMIC_RELEASE);
        cr_assert_eq(ticketkeys_tick(k, now), 3000);
        OFFLINE(); /* let the wiping go on */
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
        urcu_qsbr_thread_online();
    }
    for (int i = 0; i < 2; i++) {
        __atomic_store_n(&s[i].stop, 1, __ATOMIC_RELEASE);
        cr_assert_eq(pthread_join(th[i], NULL), 0);
        cr_assert_eq(s[i].broken, 0, "every ticket decrypted came out as made");
        cr_assert_gt(s[i].counts[1], 0, "tickets made and resumed under the current key");
    }
    cr_assert_eq(ticketkeys_rotations(k), 300);
    close_keys(k);
    teardown();
}
