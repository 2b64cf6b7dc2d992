/* ticketkeys.c — session ticket keys that rotate (see ticketkeys.h). A ticket is what OpenSSL
 * makes of it under the keys this file gives: AES-256-CBC and HMAC-SHA256, as OpenSSL's own
 * default, with a 16-byte key name in clear in front (RFC 5077 section 4's recommended format). */
#include "ticketkeys.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <urcu/urcu-qsbr.h>

#define NAME_LEN 16
#define AES_LEN 32  /* AES-256 */
#define HMAC_LEN 32 /* HMAC-SHA256: a key as long as the digest */

struct tkey {
    unsigned char name[NAME_LEN]; /* sent in clear: which key made a ticket */
    unsigned char aes[AES_LEN], hmac[HMAC_LEN];
    long long born_ms; /* when it became the current key; retired at born + life */
};

/* An immutable set: [0] the current key, [1] the previous one (n == 2), published whole. */
struct tset {
    struct rcu_head rcu;
    void (*grace_ended)(void); /* stored with release when the set is made, loaded with acquire by
                                * the callback that wipes it, before it calls it */
    int n;
    struct tkey k[2];
};

struct ticketkeys {
    struct tset *cur; /* published: written by the writer, read with acquire by the readers */
    long long life_ms, half_ms;
    EVP_CIPHER *cipher;
    unsigned long rotations; /* the writer's */
    void (*retiring)(void);
    void (*grace_ended)(void);
};

static int ex_index = -1; /* SSL_CTX ex_data: the ticketkeys of a context */

long long ticketkeys_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_BOOTTIME, &ts); /* counts a suspend: a key's life is the wall clock's */
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A new key from the CSPRNG (the secrets from OpenSSL's private generator), its name unlike
 * other's (NULL allowed). 0, or -1 when the generator fails. */
static int make_key(struct tkey *t, long long born_ms, const struct tkey *other)
{
    do {
        if (RAND_bytes(t->name, NAME_LEN) != 1) return -1;
    } while (other && memcmp(t->name, other->name, NAME_LEN) == 0);
    if (RAND_priv_bytes(t->aes, AES_LEN) != 1 || RAND_priv_bytes(t->hmac, HMAC_LEN) != 1) {
        OPENSSL_cleanse(t, sizeof *t);
        return -1;
    }
    t->born_ms = born_ms;
    return 0;
}

/* Wipes a set (every key it holds, copies of live keys included) and frees it. */
static void set_free(struct tset *s)
{
    if (!s) return;
    OPENSSL_cleanse(s, sizeof *s);
    free(s);
}

static void set_free_rcu(struct rcu_head *h)
{
    struct tset *s = caa_container_of(h, struct tset, rcu);
    void (*grace_ended)(void) = __atomic_load_n(&s->grace_ended, __ATOMIC_ACQUIRE);
    if (grace_ended) grace_ended();
    set_free(s);
}

struct ticketkeys *ticketkeys_open(long life_s, long long now_ms, void (*retiring)(void), void (*grace_ended)(void))
{
    struct ticketkeys *k;
    struct tset *s;

    if (life_s < TICKETKEYS_LIFE_MIN || life_s > TICKETKEYS_LIFE_MAX) return NULL;
    if (!(k = calloc(1, sizeof *k)) || !(s = calloc(1, sizeof *s))) {
        free(k);
        return NULL;
    }
    k->life_ms = life_s * 1000;
    k->half_ms = k->life_ms / 2;
    k->retiring = retiring;
    k->grace_ended = grace_ended;
    s->n = 1;
    if (!(k->cipher = EVP_CIPHER_fetch(NULL, "AES-256-CBC", NULL)) || make_key(&s->k[0], now_ms, NULL) != 0) {
        EVP_CIPHER_free(k->cipher);
        set_free(s);
        free(k);
        return NULL;
    }
    __atomic_store_n(&s->grace_ended, grace_ended, __ATOMIC_RELEASE);
    k->cur = s;
    return k;
}

void ticketkeys_close(struct ticketkeys *k)
{
    if (!k) return;
    urcu_qsbr_barrier(); /* the sets retired earlier are wiped */
    set_free(k->cur);
    EVP_CIPHER_free(k->cipher);
    free(k);
}

long long ticketkeys_tick(struct ticketkeys *k, long long now_ms)
{
    struct tset *old = k->cur, *s; /* the writer's own pointer: only it stores there */
    long long due = old->k[0].born_ms + k->half_ms, born;

    if (now_ms < due) return due - now_ms;
    if (!(s = calloc(1, sizeof *s))) return 1000; /* tried again in a second */
    /* on the schedule; a writer late by a whole half-life (a suspended process) starts afresh:
     * the old current key has then reached its life too */
    born = now_ms < due + k->half_ms ? due : now_ms;
    if (make_key(&s->k[0], born, &old->k[0]) != 0) {
        free(s);
        return 1000;
    }
    s->n = 1;
    if (born == due) { /* the current key only decrypts now; the previous one retires */
        s->k[1] = old->k[0];
        s->n = 2;
    }
    __atomic_store_n(&s->grace_ended, k->grace_ended, __ATOMIC_RELEASE);
    __atomic_store_n(&k->cur, s, __ATOMIC_RELEASE);
    k->rotations++;
    if (k->retiring) k->retiring();
    urcu_qsbr_call_rcu(&old->rcu, set_free_rcu); /* wiped once no reader can hold it */
    return born + k->half_ms - now_ms;
}

unsigned long ticketkeys_rotations(const struct ticketkeys *k)
{
    return k->rotations;
}

int ticketkeys_crypt(struct ticketkeys *k, long long now_ms, unsigned char name[16], unsigned char *iv,
                     EVP_CIPHER_CTX *c, EVP_MAC_CTX *h, int enc)
{
    static char digest[] = "SHA256";
    const struct tset *s = __atomic_load_n(&k->cur, __ATOMIC_ACQUIRE);
    const struct tkey *t = NULL;
    int i = 0;

    if (enc) {
        t = &s->k[0];
        if (now_ms >= t->born_ms + k->life_ms) return 0; /* a late writer: no ticket no reader would take */
        memcpy(name, t->name, NAME_LEN);
        if (RAND_bytes(iv, EVP_CIPHER_get_iv_length(k->cipher)) != 1) return -1;
    } else {
        for (i = 0; i < s->n && !t; i++)
            if (memcmp(s->k[i].name, name, NAME_LEN) == 0 && now_ms < s->k[i].born_ms + k->life_ms) t = &s->k[i];
        if (!t) return 0; /* retired, or never ours: a full handshake, and a new ticket */
        i--;
    }
    OSSL_PARAM p[3];
    p[0] = OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_KEY, (void *)t->hmac, HMAC_LEN);
    p[1] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0);
    p[2] = OSSL_PARAM_construct_end();
    if (EVP_MAC_CTX_set_params(h, p) != 1) return -1;
    if (enc ? EVP_EncryptInit_ex(c, k->cipher, NULL, t->aes, iv) != 1
            : EVP_DecryptInit_ex(c, k->cipher, NULL, t->aes, iv) != 1)
        return -1;
    return enc || i == 0 ? 1 : 2; /* 2: an older key's ticket: renewed under the current key */
}

static int ticket_cb(SSL *ssl, unsigned char *name, unsigned char *iv, EVP_CIPHER_CTX *c, EVP_MAC_CTX *h, int enc)
{
    struct ticketkeys *k = SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ex_index);
    return k ? ticketkeys_crypt(k, ticketkeys_now_ms(), name, iv, c, h, enc) : -1;
}

int ticketkeys_install(struct ticketkeys *k, SSL_CTX *ctx)
{
    if (ex_index < 0 && (ex_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL)) < 0) return -1;
    if (SSL_CTX_set_ex_data(ctx, ex_index, k) != 1) return -1;
    return SSL_CTX_set_tlsext_ticket_key_evp_cb(ctx, ticket_cb) == 1 ? 0 : -1;
}
