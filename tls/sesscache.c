/* sesscache.c — a bounded, sharded server-side session cache (see sesscache.h). Each shard is a
 * ring of slots filled in turn (the slot to fill next evicts what it holds: first in, first out)
 * and a chained hash index over them by session ID. A session is kept serialized (OpenSSL's DER,
 * i2d_SSL_SESSION: ~200 bytes for a TLS 1.2 session without a client certificate, where the
 * SSL_SESSION object holds ~1.1 kB of heap), with its session context and its expiry beside it;
 * a look-up compares the context, then parses the DER into a new session for the connection.
 * An expired session is dropped when it is looked up, any other when the ring comes back to its
 * slot, so the cache never holds more than its capacity whatever the clients do. Memory is freed
 * outside the shard's lock. */
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sesscache.h"

#define MAX_SHARDS 16
#define SLOTS_PER_SHARD_MIN 256 /* below 2 x this, one shard: a small cache evicts in exact order */
#define DER_MAX                                                                                                        \
    4096 /* a larger session (a large client certificate) is not kept: at most                                         \
          * 4 KiB a slot, 80 MiB for Schannel's 20 000 (it documents 2-4 KB) */

struct slot {
    unsigned char *der; /* the session, serialized; NULL: a free slot */
    uint32_t derlen;
    int32_t next;                                    /* the next slot of its hash chain + 1, 0: none */
    time_t expires;                                  /* its time plus its timeout */
    unsigned char id[SSL_MAX_SSL_SESSION_ID_LENGTH]; /* the session's ID, its key */
    unsigned int idlen;
    unsigned char ctx[SSL_MAX_SID_CTX_LENGTH]; /* its session context */
    unsigned int ctxlen;
    int tls13; /* a TLS 1.3 stateful ticket: used once */
};

struct shard {
    pthread_mutex_t mu;
    uint32_t cap;    /* slots */
    uint32_t fill;   /* the slot the next session goes to */
    uint32_t count;  /* slots holding a session */
    uint32_t mask;   /* buckets - 1 (a power of two at least cap) */
    int32_t *bucket; /* the first slot of each chain + 1, 0: none (calloc'd: pages untouched until used) */
    struct slot *slot;
} __attribute__((aligned(64))); /* two workers on two shards never share a cache line */

struct sesscache {
    uint64_t seed;    /* keys the hash: a client choosing IDs cannot choose their shard */
    unsigned nshards; /* a power of two */
    sesscache_want_fn want;
    sesscache_allow_fn allow;
    struct shard shard[MAX_SHARDS];
};

/* A TLS 1.3 stateful ticket the cache handed out, and so unlinked (used once), kept on the
 * connection that took it: after a HelloRetryRequest the second ClientHello offers it again and
 * finds it there (that connection only). Freed with the connection, or when it gets its new
 * ticket (on_new). */
struct spent {
    unsigned char *der;
    uint32_t derlen;
    time_t expires;
    unsigned char id[SSL_MAX_SSL_SESSION_ID_LENGTH];
    unsigned int idlen;
    unsigned char ctx[SSL_MAX_SID_CTX_LENGTH];
    unsigned int ctxlen;
};

static int ctx_index = -1, spent_index = -1;
static pthread_once_t ctx_index_once = PTHREAD_ONCE_INIT;

static void free_spent(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
    struct spent *sp = ptr;

    (void)parent;
    (void)ad;
    (void)idx;
    (void)argl;
    (void)argp;
    if (sp) OPENSSL_free(sp->der);
    free(sp);
}

static void make_ctx_index(void)
{
    ctx_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
    spent_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, free_spent);
}

/* Forgets the ticket ssl took, if any. */
static void drop_spent(SSL *ssl)
{
    struct spent *sp = spent_index >= 0 ? SSL_get_ex_data(ssl, spent_index) : NULL;

    if (!sp) return;
    SSL_set_ex_data(ssl, spent_index, NULL);
    free_spent(NULL, sp, NULL, 0, 0, NULL);
}

/* Keeps the unlinked slot x (its bytes der) on ssl, in place of what it kept before; frees der
 * when it cannot. */
static void keep_spent(SSL *ssl, const struct slot *x, unsigned char *der)
{
    struct spent *sp = malloc(sizeof *sp);

    drop_spent(ssl);
    if (!sp || spent_index < 0) {
        free(sp);
        OPENSSL_free(der);
        return;
    }
    sp->der = der;
    sp->derlen = x->derlen;
    sp->expires = x->expires;
    memcpy(sp->id, x->id, sizeof sp->id);
    sp->idlen = x->idlen;
    memcpy(sp->ctx, x->ctx, sizeof sp->ctx);
    sp->ctxlen = x->ctxlen;
    if (SSL_set_ex_data(ssl, spent_index, sp) != 1) free_spent(NULL, sp, NULL, 0, 0, NULL);
}

/* The ticket ssl took, when it offers it again (id[0..len)) and may still resume it: a new
 * session parsed from it, or NULL. */
static SSL_SESSION *spent_again(struct sesscache *c, SSL *ssl, const unsigned char *id, int len)
{
    const struct spent *sp = spent_index >= 0 ? SSL_get_ex_data(ssl, spent_index) : NULL;
    const unsigned char *p;

    if (!sp || sp->idlen != (unsigned int)len || memcmp(sp->id, id, sp->idlen) != 0 || sp->expires < time(NULL) ||
        !c->allow(ssl, sp->ctx, sp->ctxlen))
        return NULL;
    p = sp->der;
    return d2i_SSL_SESSION(NULL, &p, (long)sp->derlen);
}

static uint64_t id_hash(const struct sesscache *c, const unsigned char *id, unsigned int len)
{
    uint64_t h = c->seed ^ len;
    for (unsigned int i = 0; i < len; i += 8) {
        uint64_t w = 0;
        memcpy(&w, id + i, len - i < 8 ? len - i : 8);
        h ^= w;
        h *= 0x9e3779b97f4a7c15u; /* splitmix64's finaliser, one round per word */
        h ^= h >> 31;
    }
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9u;
    return h ^ (h >> 32);
}

static struct shard *shard_of(struct sesscache *c, uint64_t h)
{
    return &c->shard[(h >> 56) & (c->nshards - 1)];
}

/* The slot holding id in s, or -1; *prev receives the slot before it in its chain (-1: the
 * bucket's head). Under s->mu. */
static int32_t find(const struct shard *s, uint64_t h, const unsigned char *id, unsigned int len, int32_t *prev)
{
    int32_t p = -1;
    for (int32_t i = s->bucket[h & s->mask] - 1; i >= 0; p = i, i = s->slot[i].next - 1)
        if (s->slot[i].idlen == len && memcmp(s->slot[i].id, id, len) == 0) {
            if (prev) *prev = p;
            return i;
        }
    return -1;
}

/* Takes slot i (found with prev) out of its chain; its session's bytes, for the caller to free.
 * Under s->mu. */
static unsigned char *unlink_slot(struct shard *s, uint64_t h, int32_t i, int32_t prev)
{
    unsigned char *old = s->slot[i].der;
    if (prev < 0) s->bucket[h & s->mask] = s->slot[i].next;
    else s->slot[prev].next = s->slot[i].next;
    s->slot[i].der = NULL;
    s->slot[i].next = 0;
    s->count--;
    return old;
}

static unsigned char *evict(struct sesscache *c, struct shard *s, int32_t i)
{
    int32_t prev = -1;
    uint64_t h;
    if (!s->slot[i].der) return NULL;
    h = id_hash(c, s->slot[i].id, s->slot[i].idlen);
    if (find(s, h, s->slot[i].id, s->slot[i].idlen, &prev) != i) abort(); /* the index lost a slot */
    return unlink_slot(s, h, i, prev);
}

static struct sesscache *cache_of(SSL_CTX *ctx)
{
    return ctx_index >= 0 ? SSL_CTX_get_ex_data(ctx, ctx_index) : NULL;
}

/* OpenSSL's new-session callback: the session serialized into the cache. 0: OpenSSL keeps its
 * reference (the connection's own, released with it). */
static int on_new(SSL *ssl, SSL_SESSION *sess)
{
    struct sesscache *c = cache_of(SSL_get_SSL_CTX(ssl));
    unsigned char *gone[2] = {NULL, NULL}, *der;
    unsigned int len, ctxlen;
    const unsigned char *id = SSL_SESSION_get_id(sess, &len);
    const unsigned char *ctx = SSL_SESSION_get0_id_context(sess, &ctxlen);
    struct shard *s;
    uint64_t h;
    int32_t i, prev;
    int n;

    if (c) drop_spent(ssl); /* resumed: the ticket it took is replaced */
    if (!c || len == 0 || len > SSL_MAX_SSL_SESSION_ID_LENGTH || ctxlen > SSL_MAX_SID_CTX_LENGTH || !c->want(ssl, sess))
        return 0;
    der = NULL; /* one encoding into a buffer OpenSSL sizes (asking for the length first encodes twice) */
    if ((n = i2d_SSL_SESSION(sess, &der)) <= 0 || n > DER_MAX) {
        OPENSSL_free(der);
        return 0;
    }
    h = id_hash(c, id, len);
    s = shard_of(c, h);
    pthread_mutex_lock(&s->mu);
    if ((i = find(s, h, id, len, &prev)) >= 0) gone[0] = unlink_slot(s, h, i, prev); /* the same ID again */
    i = (int32_t)s->fill;
    s->fill = s->fill + 1 == s->cap ? 0 : s->fill + 1;
    gone[1] = evict(c, s, i);
    memcpy(s->slot[i].id, id, len);
    s->slot[i].idlen = len;
    memcpy(s->slot[i].ctx, ctx, ctxlen);
    s->slot[i].ctxlen = ctxlen;
    s->slot[i].expires = (time_t)SSL_SESSION_get_time(sess) + (time_t)SSL_SESSION_get_timeout(sess);
    s->slot[i].tls13 = SSL_SESSION_get_protocol_version(sess) == TLS1_3_VERSION;
    s->slot[i].der = der;
    s->slot[i].derlen = (uint32_t)n;
    s->slot[i].next = s->bucket[h & s->mask];
    s->bucket[h & s->mask] = i + 1;
    s->count++;
    pthread_mutex_unlock(&s->mu);
    OPENSSL_free(gone[0]);
    OPENSSL_free(gone[1]);
    return 0;
}

/* OpenSSL's look-up callback: a new session parsed from the cached one (its only reference
 * handed over: *copy = 0), or NULL. An expired session is dropped; one the connection may not
 * resume (another binding's) is left in place, unparsed. */
static SSL_SESSION *on_get(SSL *ssl, const unsigned char *id, int len, int *copy)
{
    struct sesscache *c = cache_of(SSL_get_SSL_CTX(ssl));
    unsigned char *gone = NULL, *taken = NULL, der[DER_MAX];
    const unsigned char *p = der;
    uint32_t n = 0;
    struct shard *s;
    struct slot sx;
    uint64_t h;
    int32_t i, prev;

    *copy = 0;
    if (!c || len <= 0 || len > SSL_MAX_SSL_SESSION_ID_LENGTH) return NULL;
    h = id_hash(c, id, (unsigned int)len);
    s = shard_of(c, h);
    pthread_mutex_lock(&s->mu);
    if ((i = find(s, h, id, (unsigned int)len, &prev)) >= 0) {
        struct slot *x = &s->slot[i];
        if (x->expires < time(NULL)) {
            gone = unlink_slot(s, h, i, prev);
        } else if (c->allow(ssl, x->ctx, x->ctxlen)) {
            memcpy(der, x->der, x->derlen); /* parsed after the unlock: the lock is held for a copy */
            n = x->derlen;
            /* a TLS 1.3 ticket is used once (RFC 8446 4.6.1): the resumption gets a new one, and
             * one ticket resumed again and again would add an entry each time, pushing every
             * other client's sessions out for the price of resumptions; kept on the connection
             * for its second ClientHello, if a HelloRetryRequest makes one */
            if (x->tls13) {
                sx = *x;
                taken = unlink_slot(s, h, i, prev);
            }
        }
    }
    pthread_mutex_unlock(&s->mu);
    OPENSSL_free(gone);
    if (taken) keep_spent(ssl, &sx, taken);
    if (!n && i < 0) return spent_again(c, ssl, id, len);
    return n ? d2i_SSL_SESSION(NULL, &p, (long)n) : NULL;
}

/* OpenSSL's remove callback: a session that failed, or that must not be resumed again. */
static void on_remove(SSL_CTX *ctx, SSL_SESSION *sess)
{
    struct sesscache *c = cache_of(ctx);
    unsigned char *gone = NULL;
    unsigned int len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &len);
    struct shard *s;
    uint64_t h;
    int32_t i, prev;

    if (!c || len == 0 || len > SSL_MAX_SSL_SESSION_ID_LENGTH) return;
    h = id_hash(c, id, len);
    s = shard_of(c, h);
    pthread_mutex_lock(&s->mu);
    if ((i = find(s, h, id, len, &prev)) >= 0) gone = unlink_slot(s, h, i, prev);
    pthread_mutex_unlock(&s->mu);
    OPENSSL_free(gone);
}

struct sesscache *sesscache_open(size_t capacity)
{
    struct sesscache *c;
    unsigned n = 1;

    if (capacity == 0 || capacity > INT32_MAX / 2 || !(c = calloc(1, sizeof *c))) return NULL;
    while (n < MAX_SHARDS && capacity / (2u * n) >= SLOTS_PER_SHARD_MIN) n *= 2;
    c->nshards = n;
    if (RAND_bytes((unsigned char *)&c->seed, sizeof c->seed) != 1)
        c->seed = (uint64_t)time(NULL) * 0x9e3779b97f4a7c15u;
    for (unsigned k = 0; k < n; k++) {
        struct shard *s = &c->shard[k];
        uint32_t buckets = 1;
        s->cap = (uint32_t)(capacity / n + (k < capacity % n));
        while (buckets < s->cap) buckets *= 2;
        s->mask = buckets - 1;
        pthread_mutex_init(&s->mu, NULL);
        s->bucket = calloc(buckets, sizeof *s->bucket);
        s->slot = calloc(s->cap, sizeof *s->slot);
        if (!s->bucket || !s->slot) {
            c->nshards = k + 1;
            sesscache_close(c);
            return NULL;
        }
    }
    return c;
}

void sesscache_close(struct sesscache *c)
{
    if (!c) return;
    for (unsigned k = 0; k < c->nshards; k++) {
        struct shard *s = &c->shard[k];
        for (uint32_t i = 0; s->slot && i < s->cap; i++) OPENSSL_free(s->slot[i].der);
        free(s->slot);
        free(s->bucket);
        pthread_mutex_destroy(&s->mu);
    }
    free(c);
}

int sesscache_install(struct sesscache *c, SSL_CTX *ctx, sesscache_want_fn want, sesscache_allow_fn allow)
{
    pthread_once(&ctx_index_once, make_ctx_index);
    if (ctx_index < 0 || SSL_CTX_set_ex_data(ctx, ctx_index, c) != 1) return -1;
    c->want = want;
    c->allow = allow;
    /* server side only; OpenSSL's table neither searched nor written; no flush every 255
     * handshakes (which takes the context's lock) */
    SSL_CTX_set_session_cache_mode(ctx,
                                   SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_sess_set_new_cb(ctx, on_new);
    SSL_CTX_sess_set_get_cb(ctx, on_get);
    SSL_CTX_sess_set_remove_cb(ctx, on_remove);
    return 0;
}

size_t sesscache_count(struct sesscache *c)
{
    size_t n = 0;
    for (unsigned k = 0; c && k < c->nshards; k++) {
        pthread_mutex_lock(&c->shard[k].mu);
        n += c->shard[k].count;
        pthread_mutex_unlock(&c->shard[k].mu);
    }
    return n;
}
