/* test_sesscache.c — sslbind-tls's server-side session cache (tls/sesscache.c) through the
 * callbacks OpenSSL calls: bounded whatever is inserted (first in, first out, in one shard and in
 * sixteen), expiry, a session another binding may not resume left alone, an ID inserted twice,
 * OpenSSL's removals, and two threads inserting and looking up at once (run under TSan too).
 * The sessions are made with SSL_SESSION_new (a TLS 1.2 session with an ID of our choosing, what
 * the cache keys on); the cache keeps them serialized and hands out a parsed copy. */
#include <criterion/criterion.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "sesscache.h"

struct fixture {
    SSL_CTX *ctx;
    SSL *ssl;
    struct sesscache *c;
    int (*add)(SSL *, SSL_SESSION *);
    SSL_SESSION *(*get)(SSL *, const unsigned char *, int, int *);
    void (*del)(SSL_CTX *, SSL_SESSION *);
};

static int allow_all = 1;

static int want_all(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    (void)sess;
    return 1;
}

static int allow_flag(SSL *ssl, const unsigned char *ctx, unsigned int len)
{
    (void)ssl;
    (void)ctx;
    (void)len;
    return __atomic_load_n(&allow_all, __ATOMIC_RELAXED);
}

static int want_none(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    (void)sess;
    return 0;
}

static void open_cache(struct fixture *f, size_t capacity, sesscache_want_fn want)
{
    memset(f, 0, sizeof *f);
    __atomic_store_n(&allow_all, 1, __ATOMIC_RELAXED);
    f->ctx = SSL_CTX_new(TLS_server_method());
    cr_assert(f->ctx);
    f->c = sesscache_open(capacity);
    cr_assert(f->c, "a cache of %zu", capacity);
    cr_assert_eq(sesscache_install(f->c, f->ctx, want, allow_flag), 0);
    f->ssl = SSL_new(f->ctx);
    f->add = SSL_CTX_sess_get_new_cb(f->ctx);
    f->get = SSL_CTX_sess_get_get_cb(f->ctx);
    f->del = SSL_CTX_sess_get_remove_cb(f->ctx);
    cr_assert(f->ssl && f->add && f->get && f->del);
}

static void close_cache(struct fixture *f)
{
    SSL_free(f->ssl);
    SSL_CTX_free(f->ctx);
    sesscache_close(f->c);
}

static void make_id(uint32_t n, unsigned char id[32])
{
    memset(id, 0xa5, 32);
    memcpy(id, &n, sizeof n);
    memcpy(id + 28, &n, sizeof n);
}

static const SSL_CIPHER *suite; /* ECDHE-ECDSA-AES256-GCM-SHA384, found once */
static pthread_once_t suite_once = PTHREAD_ONCE_INIT;

static void find_suite(void)
{
    static const unsigned char id[2] = {0xc0, 0x2c};
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL *ssl = ctx ? SSL_new(ctx) : NULL;
    if (ssl) suite = SSL_CIPHER_find(ssl, id);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

/* A TLS 1.2 session with ID n, made made_ago seconds ago and valid for timeout seconds. */
static SSL_SESSION *session(uint32_t n, long made_ago, long timeout)
{
    unsigned char id[32], key[48];
    SSL_SESSION *s = SSL_SESSION_new();

    pthread_once(&suite_once, find_suite);
    make_id(n, id);
    memset(key, (int)(n & 0xff), sizeof key);
    cr_assert(suite && s && SSL_SESSION_set1_id(s, id, sizeof id) == 1 &&
              SSL_SESSION_set_protocol_version(s, TLS1_2_VERSION) == 1 && SSL_SESSION_set_cipher(s, suite) == 1 &&
              SSL_SESSION_set1_master_key(s, key, sizeof key) == 1 &&
              SSL_SESSION_set1_id_context(s, (const unsigned char *)"binding", 7) == 1);
    SSL_SESSION_set_time(s, (long)time(NULL) - made_ago);
    SSL_SESSION_set_timeout(s, timeout);
    return s;
}

/* Offers s to the cache as OpenSSL does (with a reference for the cache to keep, or to give back
 * by returning 0), then releases ours. */
static void insert(struct fixture *f, SSL_SESSION *s)
{
    SSL_SESSION_up_ref(s);
    if (!f->add(f->ssl, s)) SSL_SESSION_free(s);
    SSL_SESSION_free(s);
}

/* Looks ID n up: the timeout of the session found (a parsed copy, freed here), or -1. */
static long lookup_timeout(struct fixture *f, uint32_t n)
{
    unsigned char id[32];
    const unsigned char *got;
    unsigned int len;
    int copy = 1;
    long t;
    SSL_SESSION *s;

    make_id(n, id);
    s = f->get(f->ssl, id, sizeof id, &copy);
    cr_assert_eq(copy, 0, "the session found is handed over with its only reference");
    if (!s) return -1;
    got = SSL_SESSION_get_id(s, &len);
    cr_assert(len == sizeof id && memcmp(got, id, len) == 0, "the session found has the ID asked for");
    t = SSL_SESSION_get_timeout(s);
    SSL_SESSION_free(s);
    return t;
}

static int lookup(struct fixture *f, uint32_t n)
{
    return lookup_timeout(f, n) >= 0;
}

Test(sesscache, one_shard_keeps_the_last_sessions_in)
{
    struct fixture f;
    open_cache(&f, 4, want_all);
    for (uint32_t n = 1; n <= 10; n++) insert(&f, session(n, 0, 3600));
    cr_assert_eq(sesscache_count(f.c), 4);
    for (uint32_t n = 1; n <= 6; n++) cr_assert_not(lookup(&f, n), "session %u was evicted", n);
    for (uint32_t n = 7; n <= 10; n++) cr_assert(lookup(&f, n), "session %u is among the last four", n);
    close_cache(&f);
}

Test(sesscache, sixteen_shards_never_hold_more_than_the_capacity)
{
    struct fixture f;
    open_cache(&f, 20000, want_all);
    for (uint32_t n = 1; n <= 60000; n++) insert(&f, session(n, 0, 3600));
    cr_assert_eq(sesscache_count(f.c), 20000, "every shard full, none over: %zu", sesscache_count(f.c));
    for (uint32_t n = 59001; n <= 60000; n++) cr_assert(lookup(&f, n), "recent session %u kept", n);
    for (uint32_t n = 1; n <= 1000; n++) cr_assert_not(lookup(&f, n), "old session %u evicted", n);
    close_cache(&f);
}

Test(sesscache, an_expired_session_is_not_resumed_and_leaves)
{
    struct fixture f;
    open_cache(&f, 8, want_all);
    insert(&f, session(1, 100, 10)); /* made 100 s ago, valid for 10 */
    insert(&f, session(2, 100, 1000));
    cr_assert_eq(sesscache_count(f.c), 2);
    cr_assert_not(lookup(&f, 1));
    cr_assert_eq(sesscache_count(f.c), 1);
    cr_assert(lookup(&f, 2));
    close_cache(&f);
}

Test(sesscache, a_session_the_connection_may_not_resume_stays_for_its_own)
{
    struct fixture f;
    open_cache(&f, 8, want_all);
    insert(&f, session(1, 0, 3600));
    __atomic_store_n(&allow_all, 0, __ATOMIC_RELAXED); /* another binding's connection asks */
    cr_assert_not(lookup(&f, 1));
    cr_assert_eq(sesscache_count(f.c), 1);
    __atomic_store_n(&allow_all, 1, __ATOMIC_RELAXED);
    cr_assert(lookup(&f, 1));
    close_cache(&f);
}

/* A TLS 1.3 stateful ticket is used once; the second ClientHello of a HelloRetryRequest offers
 * it again on the same connection, and must find it (another connection must not). */
Test(sesscache, a_tls13_ticket_is_found_again_by_the_connection_that_took_it_only)
{
    struct fixture f;
    SSL_SESSION *s;
    SSL *mine, *other;

    open_cache(&f, 8, want_all);
    s = session(1, 0, 3600);
    cr_assert_eq(SSL_SESSION_set_protocol_version(s, TLS1_3_VERSION), 1);
    insert(&f, s);
    cr_assert(lookup(&f, 1), "the first ClientHello resumes it");
    cr_assert_eq(sesscache_count(f.c), 0, "used once: out of the cache");
    cr_assert(lookup(&f, 1), "the second ClientHello of the same connection resumes it too");
    mine = f.ssl;
    cr_assert(other = SSL_new(f.ctx));
    f.ssl = other;
    cr_assert_not(lookup(&f, 1), "another connection does not");
    f.ssl = mine;
    SSL_free(other);
    __atomic_store_n(&allow_all, 0, __ATOMIC_RELAXED); /* the second ClientHello reached another binding */
    cr_assert_not(lookup(&f, 1));
    __atomic_store_n(&allow_all, 1, __ATOMIC_RELAXED);
    insert(&f, session(2, 0, 3600)); /* the connection's new ticket: the one it took is forgotten */
    cr_assert_not(lookup(&f, 1));
    close_cache(&f);
}

Test(sesscache, the_same_id_again_replaces_the_session)
{
    struct fixture f;
    open_cache(&f, 8, want_all);
    insert(&f, session(1, 0, 3600));
    insert(&f, session(1, 0, 7200));
    cr_assert_eq(sesscache_count(f.c), 1);
    cr_assert_eq(lookup_timeout(&f, 1), 7200);
    close_cache(&f);
}

Test(sesscache, openssl_removes_the_session_it_names)
{
    struct fixture f;
    SSL_SESSION *gone = session(1, 0, 3600), *other = session(2, 0, 3600);
    open_cache(&f, 8, want_all);
    insert(&f, session(1, 0, 3600));
    insert(&f, session(3, 0, 3600));
    f.del(f.ctx, other); /* not in the cache: nothing happens */
    cr_assert_eq(sesscache_count(f.c), 2);
    f.del(f.ctx, gone);
    cr_assert_eq(sesscache_count(f.c), 1);
    cr_assert_not(lookup(&f, 1));
    cr_assert(lookup(&f, 3));
    SSL_SESSION_free(gone);
    SSL_SESSION_free(other);
    close_cache(&f);
}

Test(sesscache, a_session_the_binding_does_not_want_is_not_kept)
{
    struct fixture f;
    open_cache(&f, 8, want_none);
    insert(&f, session(1, 0, 3600));
    cr_assert_eq(sesscache_count(f.c), 0);
    cr_assert_not(lookup(&f, 1));
    close_cache(&f);
}

struct worker {
    struct fixture *f;
    SSL *ssl;
    uint32_t base;
    long hits;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    for (uint32_t i = 0; i < 20000; i++) {
        unsigned char id[32];
        int copy;
        SSL_SESSION *s = session(w->base + i, 0, 3600);
        SSL_SESSION_up_ref(s);
        if (!w->f->add(w->ssl, s)) SSL_SESSION_free(s);
        SSL_SESSION_free(s);
        make_id(w->base + i / 2, id);
        if ((s = w->f->get(w->ssl, id, sizeof id, &copy))) {
            w->hits++;
            SSL_SESSION_free(s);
        }
    }
    return NULL;
}

Test(sesscache, two_threads_insert_and_look_up_at_once)
{
    struct fixture f;
    struct worker w[2];
    pthread_t t[2];
    open_cache(&f, 1000, want_all);
    for (int i = 0; i < 2; i++) {
        w[i] = (struct worker){&f, SSL_new(f.ctx), (uint32_t)i << 24, 0};
        cr_assert(w[i].ssl);
        cr_assert_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    cr_assert_eq(sesscache_count(f.c), 1000);
    cr_assert_gt(w[0].hits + w[1].hits, 0);
    for (int i = 0; i < 2; i++) SSL_free(w[i].ssl);
    close_cache(&f);
}
