/* peers.c — the concurrent tables one would pick instead of sslbind's. Each answers the same
 * queries with the same keys (bench.h: a 20-byte IP:port key; the lower-case name and the port
 * for a host name), the same value block (a copy of the binding's sslb_params) and the same
 * probe order as uthash in impl.c: exact IP:port, SNI name:port, [::]:port for an IPv6 client,
 * 0.0.0.0:port. One table per key kind, as uthash has.
 *
 *   urcu-lfht  liburcu's RCU lock-free hash table (cds_lfht) with the memb flavour the core
 *              uses, created with CDS_LFHT_AUTO_RESIZE | CDS_LFHT_ACCOUNTING and as many
 *              buckets as keys (a power of two), hashed with MurmurHash64A. A resolve holds
 *              rcu_read_lock across its probes; the writer replaces a node (cds_lfht_replace)
 *              and frees the old one after a grace period (call_rcu).
 *   ck-ht      Concurrency Kit's ck_ht in SPMC mode (one writer, any number of readers), byte
 *              string keys, its own MurmurHash64A, sized for its 50 % load factor. ck_ht leaves
 *              memory reclamation to its user: readers here run under the same urcu read-side
 *              section as the others (ck_epoch's begin would add an atomic exchange per lookup
 *              on x86: a cost of the reclamation scheme, not of the table), and the writer frees
 *              a replaced entry, and any map a growth retired, after a grace period.
 *
 * An entry is one allocation: the key, then the parameter block at the next 8-byte boundary (a
 * hit's key and certificate hash share a cache line for IP keys), then the RCU head that frees
 * it. The writer's update replaces a whole entry, as sslbind's does: a reader sees the old or
 * the new block, never a mix.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <urcu/urcu-memb.h>
#include <urcu/rculfhash.h>
#include <ck_ht.h>

#include "bench.h"

/* ---- RCU registration, shared with the core ---- */

__thread int bench_rcu_ready;
static sslb_table *rcu_dummy; /* one binding: resolving it registers the calling thread */
static pthread_once_t rcu_once = PTHREAD_ONCE_INIT;

static void rcu_dummy_make(void)
{
    sslb_binding b;
    sslb_addr a = {.family = 4, .bytes = {127, 0, 0, 1}};

    memset(&b, 0, sizeof b);
    sslb_key_ipport(&b.key, &a, 443);
    sslb_params_init(&b.params);
    b.params.certhash_len = SSLB_CERTHASH_LEN;
    memset(b.params.certhash, 0x5a, SSLB_CERTHASH_LEN);
    if (sslb_table_create(&rcu_dummy) != SSLB_OK || sslb_table_add(rcu_dummy, &b, NULL) != SSLB_OK) {
        fprintf(stderr, "sslbind-bench: cannot create a table\n");
        exit(1);
    }
}

void bench_rcu_online_slow(void)
{
    sslb_addr a = {.family = 4, .bytes = {127, 0, 0, 1}};
    sslb_match m;

    pthread_once(&rcu_once, rcu_dummy_make);
    if (sslb_table_resolve(rcu_dummy, &a, 443, NULL, 0, &m, NULL) != SSLB_OK) {
        fprintf(stderr, "sslbind-bench: the registration table does not resolve\n");
        exit(1);
    }
#ifdef _LGPL_SOURCE
    /* If the core ever stopped registering resolving threads, the peers' read-side sections
     * would be undefined: say so rather than measure it. */
    if (!URCU_TLS(urcu_memb_reader).registered) {
        fprintf(stderr, "sslbind-bench: the core did not register this thread with liburcu\n");
        exit(1);
    }
#endif
    bench_rcu_ready = 1;
}

/* ---- what both peers share ---- */

/* MurmurHash64A (Austin Appleby, public domain), the hash ck_ht uses by default. */
static uint64_t murmur64a(const void *key, size_t len, uint64_t seed)
{
    const uint64_t m = 0xc6a4a7935bd1e995ull;
    const uint8_t *p = key, *end = p + (len & ~(size_t)7);
    uint64_t h = seed ^ (len * m);

    for (; p != end; p += 8) {
        uint64_t k;
        memcpy(&k, p, 8);
        k *= m;
        k ^= k >> 47;
        k *= m;
        h ^= k;
        h *= m;
    }
    switch (len & 7) {
    case 7:
        h ^= (uint64_t)p[6] << 48; /* fall through */
    case 6:
        h ^= (uint64_t)p[5] << 40; /* fall through */
    case 5:
        h ^= (uint64_t)p[4] << 32; /* fall through */
    case 4:
        h ^= (uint64_t)p[3] << 24; /* fall through */
    case 3:
        h ^= (uint64_t)p[2] << 16; /* fall through */
    case 2:
        h ^= (uint64_t)p[1] << 8; /* fall through */
    case 1:
        h ^= (uint64_t)p[0];
        h *= m;
    }
    h ^= h >> 47;
    h *= m;
    h ^= h >> 47;
    return h;
}

#define PEER_SEED 0x5eedu

/* The end of an entry: the parameter block, then what frees the entry after a grace period. */
struct tail {
    sslb_params params;
    struct rcu_head head;
    void *start; /* the allocation */
};

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static void free_tail(struct rcu_head *head)
{
    free(caa_container_of(head, struct tail, head)->start);
}

/* The key of a binding, as the tables file it; returns its length. */
static size_t binding_key(const sslb_binding *b, uint8_t *key)
{
    if (b->key.kind == SSLB_IPPORT) {
        struct ipkey k;
        ipkey_make(&k, b->key.family, b->key.addr, b->key.port);
        memcpy(key, &k, sizeof k);
        return sizeof k;
    }
    return hostkey_make(key, b->key.host, b->key.host_len, b->key.port);
}

static size_t pow2_at_least(size_t n, size_t min)
{
    size_t p = min;
    while (p < n) p <<= 1;
    return p;
}

static void count_kinds(const struct dataset *ds, size_t *nip, size_t *nhost)
{
    *nip = *nhost = 0;
    for (size_t i = 0; i < ds->n; i++) ++*(ds->b[i].key.kind == SSLB_IPPORT ? nip : nhost);
}

static const uint8_t zero16[16];

/* ---- urcu-lfht ---- */

struct lf_node {
    struct cds_lfht_node node; /* next, reverse hash */
    uint16_t keylen;
    uint8_t key[]; /* then, 8-aligned, struct tail */
};

struct lf_lookup {
    const uint8_t *key;
    size_t len;
};

struct lf_state {
    struct cds_lfht *ip, *host;
};

static struct tail *lf_tail(const struct lf_node *n)
{
    return (struct tail *)((char *)n + align8(offsetof(struct lf_node, key) + n->keylen));
}

static struct lf_node *lf_node_new(const uint8_t *key, size_t len, const sslb_params *p)
{
    struct lf_node *n = malloc(align8(offsetof(struct lf_node, key) + len) + sizeof(struct tail));
    if (!n) return NULL;
    n->keylen = (uint16_t)len;
    memcpy(n->key, key, len);
    lf_tail(n)->params = *p;
    lf_tail(n)->start = n;
    return n;
}

static int lf_match(struct cds_lfht_node *node, const void *key)
{
    const struct lf_node *n = caa_container_of(node, struct lf_node, node);
    const struct lf_lookup *l = key;
    return n->keylen == l->len && memcmp(n->key, l->key, l->len) == 0;
}

static struct cds_lfht *lf_new(size_t keys)
{
    unsigned long buckets = pow2_at_least(keys, 1);
    return cds_lfht_new_flavor(buckets, buckets, 0, CDS_LFHT_AUTO_RESIZE | CDS_LFHT_ACCOUNTING, &urcu_memb_flavor,
                               NULL);
}

static void lf_destroy_table(struct cds_lfht *ht)
{
    struct cds_lfht_iter it;
    struct cds_lfht_node *node;
    struct lf_node **gone = NULL;
    size_t n = 0, cap = 0;

    if (!ht) return;
    urcu_memb_read_lock();
    cds_lfht_for_each(ht, &it, node)
    {
        if (cds_lfht_del(ht, node) != 0) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            if (!(gone = realloc(gone, cap * sizeof *gone))) abort();
        }
        gone[n++] = caa_container_of(node, struct lf_node, node);
    }
    urcu_memb_read_unlock();
    urcu_memb_synchronize_rcu();
    for (size_t i = 0; i < n; i++) free(gone[i]);
    free(gone);
    if (cds_lfht_destroy(ht, NULL) != 0) {
        fprintf(stderr, "sslbind-bench: urcu-lfht: cds_lfht_destroy failed\n");
        exit(1);
    }
}

static void lf_destroy(void *state)
{
    struct lf_state *s = state;
    lf_destroy_table(s->ip);
    lf_destroy_table(s->host);
    urcu_memb_barrier(); /* the writer's deferred frees have run */
    free(s);
}

static void *lf_build(const struct dataset *ds)
{
    struct lf_state *s = calloc(1, sizeof *s);
    size_t nip, nhost;
    int bad = 0;

    if (!s) return NULL;
    bench_rcu_online();
    count_kinds(ds, &nip, &nhost);
    s->ip = lf_new(nip);
    s->host = lf_new(nhost);
    if (!s->ip || !s->host) {
        lf_destroy(s);
        return NULL;
    }
    urcu_memb_read_lock(); /* adding needs a read-side section */
    for (size_t i = 0; i < ds->n && !bad; i++) {
        uint8_t key[HOSTKEY_MAX];
        size_t len = binding_key(&ds->b[i], key);
        struct lf_node *n = lf_node_new(key, len, &ds->b[i].params);
        struct lf_lookup l = {key, len};
        struct cds_lfht *ht = ds->b[i].key.kind == SSLB_IPPORT ? s->ip : s->host;
        if (!n) bad = 1;
        else if (cds_lfht_add_unique(ht, murmur64a(key, len, PEER_SEED), lf_match, &l, &n->node) != &n->node) {
            free(n); /* a duplicate key: the data set is wrong */
            bad = 1;
        }
    }
    urcu_memb_read_unlock();
    if (bad) {
        lf_destroy(s);
        return NULL;
    }
    return s;
}

static inline const struct lf_node *lf_find(struct cds_lfht *ht, const uint8_t *key, size_t len)
{
    struct cds_lfht_iter it;
    struct lf_lookup l = {key, len};
    cds_lfht_lookup(ht, murmur64a(key, len, PEER_SEED), lf_match, &l, &it);
    struct cds_lfht_node *n = cds_lfht_iter_get_node(&it);
    return n ? caa_container_of(n, struct lf_node, node) : NULL;
}

static inline const struct lf_node *lf_find_ip(struct cds_lfht *ht, uint8_t family, const uint8_t *addr, uint16_t port)
{
    struct ipkey k;
    ipkey_make(&k, family, addr, port);
    return lf_find(ht, (const uint8_t *)&k, sizeof k);
}

static int32_t lf_resolve(void *state, const struct query *q)
{
    struct lf_state *s = state;
    const struct lf_node *n;
    int32_t id = -1;
    uint8_t family, buf[16];
    const uint8_t *addr = query_addr(q, &family, buf);

    bench_rcu_online();
    urcu_memb_read_lock();
    n = lf_find_ip(s->ip, family, addr, q->port);
    if (!n && q->sni) {
        uint8_t key[HOSTKEY_MAX];
        n = lf_find(s->host, key, hostkey_make(key, q->sni, query_sni_len(q), q->port));
    }
    if (!n && family == 6) n = lf_find_ip(s->ip, 6, zero16, q->port);
    if (!n) n = lf_find_ip(s->ip, 4, zero16, q->port);
    if (n) id = binding_id(lf_tail(n)->params.certhash);
    urcu_memb_read_unlock();
    return id;
}

static int lf_update(void *state, const sslb_binding *b)
{
    struct lf_state *s = state;
    struct cds_lfht *ht = b->key.kind == SSLB_IPPORT ? s->ip : s->host;
    uint8_t key[HOSTKEY_MAX];
    size_t len = binding_key(b, key);
    unsigned long hash = murmur64a(key, len, PEER_SEED);
    struct lf_lookup l = {key, len};
    struct lf_node *n = lf_node_new(key, len, &b->params), *old = NULL;
    struct cds_lfht_iter it;
    int rc = -1;

    if (!n) return -1;
    bench_rcu_online();
    urcu_memb_read_lock();
    cds_lfht_lookup(ht, hash, lf_match, &l, &it);
    struct cds_lfht_node *cur = cds_lfht_iter_get_node(&it);
    if (cur && cds_lfht_replace(ht, &it, hash, lf_match, &l, &n->node) == 0) {
        old = caa_container_of(cur, struct lf_node, node);
        rc = 0;
    }
    urcu_memb_read_unlock();
    if (old) urcu_memb_call_rcu(&lf_tail(old)->head, free_tail);
    else free(n);
    return rc;
}

const struct impl impl_urcu_lfht = {"urcu-lfht", 0, lf_build, lf_resolve, lf_destroy, lf_update, NULL};

/* ---- ck-ht ---- */

/* ck_ht's memory: a block whose header can queue it for a free after a grace period, which is
 * what ck_ht asks for (defer) when a growth retires a map readers may still probe. */
struct ck_block {
    struct rcu_head head;
    _Alignas(16) unsigned char data[];
};

static void *ck_block_malloc(size_t n)
{
    struct ck_block *b = malloc(sizeof *b + n);
    return b ? b->data : NULL;
}

static void ck_block_free_now(struct rcu_head *head)
{
    free(caa_container_of(head, struct ck_block, head));
}

static void ck_block_free(void *p, size_t size, bool defer)
{
    struct ck_block *b;
    (void)size;
    if (!p) return;
    b = (struct ck_block *)(void *)((unsigned char *)p - offsetof(struct ck_block, data));
    if (defer) urcu_memb_call_rcu(&b->head, ck_block_free_now);
    else free(b);
}

static struct ck_malloc ck_allocator = {.malloc = ck_block_malloc, .realloc = NULL, .free = ck_block_free};

struct ck_state {
    ck_ht_t ip, host;
    int have_ip, have_host;
};

/* An entry: the key at the start, the tail at the next 8-byte boundary. */
static struct tail *ck_tail(const void *start, size_t keylen)
{
    return (struct tail *)((char *)start + align8(keylen));
}

static void *ck_entry_new(const uint8_t *key, size_t len, const sslb_params *p)
{
    uint8_t *e = malloc(align8(len) + sizeof(struct tail));
    if (!e) return NULL;
    memcpy(e, key, len);
    ck_tail(e, len)->params = *p;
    ck_tail(e, len)->start = e;
    return e;
}

static void ck_destroy_table(ck_ht_t *ht)
{
    ck_ht_iterator_t it = CK_HT_ITERATOR_INITIALIZER;
    ck_ht_entry_t *e;
    while (ck_ht_next(ht, &it, &e)) free(ck_ht_entry_key(e));
    ck_ht_destroy(ht);
}

static void ck_destroy(void *state)
{
    struct ck_state *s = state;
    urcu_memb_barrier(); /* retired maps and replaced entries freed */
    if (s->have_ip) ck_destroy_table(&s->ip);
    if (s->have_host) ck_destroy_table(&s->host);
    free(s);
}

static void *ck_build(const struct dataset *ds)
{
    struct ck_state *s = calloc(1, sizeof *s);
    size_t nip, nhost;

    if (!s) return NULL;
    bench_rcu_online(); /* a growth frees the old map through call_rcu */
    count_kinds(ds, &nip, &nhost);
    s->have_ip = ck_ht_init(&s->ip, CK_HT_MODE_BYTESTRING, NULL, &ck_allocator, pow2_at_least(2 * nip, 8), PEER_SEED);
    s->have_host =
        ck_ht_init(&s->host, CK_HT_MODE_BYTESTRING, NULL, &ck_allocator, pow2_at_least(2 * nhost, 8), PEER_SEED);
    if (!s->have_ip || !s->have_host) {
        ck_destroy(s);
        return NULL;
    }
    for (size_t i = 0; i < ds->n; i++) {
        uint8_t key[HOSTKEY_MAX];
        size_t len = binding_key(&ds->b[i], key);
        ck_ht_t *ht = ds->b[i].key.kind == SSLB_IPPORT ? &s->ip : &s->host;
        void *e = ck_entry_new(key, len, &ds->b[i].params);
        ck_ht_hash_t h;
        ck_ht_entry_t ent;
        if (!e) {
            ck_destroy(s);
            return NULL;
        }
        ck_ht_hash(&h, ht, e, (uint16_t)len);
        ck_ht_entry_set(&ent, h, e, (uint16_t)len, &ck_tail(e, len)->params);
        if (!ck_ht_put_spmc(ht, h, &ent)) { /* a duplicate key, or no memory */
            free(e);
            ck_destroy(s);
            return NULL;
        }
    }
    return s;
}

static inline const sslb_params *ck_find(ck_ht_t *ht, const void *key, size_t len)
{
    ck_ht_hash_t h;
    ck_ht_entry_t e;
    ck_ht_hash(&h, ht, key, (uint16_t)len);
    ck_ht_entry_key_set(&e, key, (uint16_t)len);
    return ck_ht_get_spmc(ht, h, &e) ? ck_ht_entry_value(&e) : NULL;
}

static inline const sslb_params *ck_find_ip(ck_ht_t *ht, uint8_t family, const uint8_t *addr, uint16_t port)
{
    struct ipkey k;
    ipkey_make(&k, family, addr, port);
    return ck_find(ht, &k, sizeof k);
}

static int32_t ck_resolve(void *state, const struct query *q)
{
    struct ck_state *s = state;
    const sslb_params *p;
    int32_t id = -1;
    uint8_t family, buf[16];
    const uint8_t *addr = query_addr(q, &family, buf);

    bench_rcu_online();
    urcu_memb_read_lock();
    p = ck_find_ip(&s->ip, family, addr, q->port);
    if (!p && q->sni) {
        uint8_t key[HOSTKEY_MAX];
        p = ck_find(&s->host, key, hostkey_make(key, q->sni, query_sni_len(q), q->port));
    }
    if (!p && family == 6) p = ck_find_ip(&s->ip, 6, zero16, q->port);
    if (!p) p = ck_find_ip(&s->ip, 4, zero16, q->port);
    if (p) id = binding_id(p->certhash);
    urcu_memb_read_unlock();
    return id;
}

/* The single writer ck_ht's SPMC mode allows (the harness runs one writer thread at most). */
static int ck_update(void *state, const sslb_binding *b)
{
    struct ck_state *s = state;
    ck_ht_t *ht = b->key.kind == SSLB_IPPORT ? &s->ip : &s->host;
    uint8_t key[HOSTKEY_MAX];
    size_t len = binding_key(b, key);
    void *e = ck_entry_new(key, len, &b->params);
    ck_ht_hash_t h;
    ck_ht_entry_t ent;

    if (!e) return -1;
    bench_rcu_online();
    ck_ht_hash(&h, ht, e, (uint16_t)len);
    ck_ht_entry_set(&ent, h, e, (uint16_t)len, &ck_tail(e, len)->params);
    if (!ck_ht_set_spmc(ht, h, &ent)) {
        free(e);
        return -1;
    }
    if (ck_ht_entry_empty(&ent)) return -1; /* it was not there: an insert, not an update */
    /* ent is the replaced entry: readers may still hold its key or its block */
    urcu_memb_call_rcu(&ck_tail(ck_ht_entry_key(&ent), len)->head, free_tail);
    return 0;
}

const struct impl impl_ck_ht = {"ck-ht", 0, ck_build, ck_resolve, ck_destroy, ck_update, NULL};
