/* table.c — the binding table: a compact RCU-read index per kind, the writers' control plane,
 * the per-port probe plan, and resolve.
 *
 * Layout (see docs/architecture.md):
 *  - a binding is an immutable `struct rec` (key, parameter block, precomputed hash): ~96 bytes;
 *  - each kind has an open-addressing index: a byte array of tags (0 empty, 1 tombstone, else 8
 *    bits of the hash) beside an array of record pointers, probed in aligned groups of 16 (one
 *    SSE2 compare per group), load <= 3/4. A miss usually reads one group of tags; a hit one
 *    group, one pointer and the record;
 *  - the index is published through one RCU pointer; add fills a slot, update swaps a slot's
 *    pointer, delete leaves a tombstone, growth builds a new index and publishes it; replaced
 *    records and indexes are freed after a grace period;
 *  - a 64 KiB per-port byte map says which kinds of binding exist on a port, so resolve skips
 *    probes that cannot hit.
 */
#include "sslb/table.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uthash.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "hash_int.h"
#include "rcu_int.h"

#define TAG_EMPTY 0
#define TAG_TOMB 1

/* Slots come in aligned groups of GROUP (a 16-byte run of tags: one SSE2 compare, one cache
 * line). A key lives in the first group of its probe sequence that had a free slot when it was
 * added, so a lookup checks a whole group and stops at the first group holding an empty slot
 * (tombstones do not stop it; only a rebuild turns them back into empties). */
#define GROUP 16

/* Port map classes. */
enum {
    PM_EXACT = 0x01, /* IP:port with a real address */
    PM_SNI = 0x02,
    PM_SCOPED = 0x04,
    PM_CCS = 0x08,
    PM_WILD6 = 0x10, /* [::]:port */
    PM_WILD4 = 0x20, /* 0.0.0.0:port */
};
#define PM_NCLASS 6

/* Interned strings: store name, CTL identifier, CTL store name. Writer-side only (uthash under
 * the mutex); entries live until the table is destroyed, so readers may hold their pointers. */
struct strs {
    UT_hash_handle hh;
    const char *s[3];
    size_t keylen;
    char key[]; /* per field: presence byte, then the string and NUL */
};

struct rec {
    uint64_t hash;
    const struct strs *strs; /* NULL: no strings set */
    uint32_t check_mode, fresh, timeout, flags;
    uint8_t certhash[SSLB_CERTHASH_LEN];
    uint8_t appid[16];
    uint8_t certhash_len, kind, family, host_len;
    uint16_t port;
    uint8_t addr[16];
    char host[]; /* host kinds: host_len bytes, NUL, zeros up to HOST_AREA */
};

/* Bytes allocated for a record's host name: rounded up to 16 so the read path can copy it in
 * fixed 16-byte moves (a variable-length memcpy costs more than the lookup itself). */
#define HOST_AREA(len) (((size_t)(len) + 1 + 15) & ~(size_t)15)

struct index {
    size_t mask;
    uint8_t *tags;
    struct rec **slots;
};

struct kindtab {
    struct index *idx; /* RCU-published */
    size_t live;       /* writer-only: records */
    size_t used;       /* writer-only: records + tombstones */
};

struct sslb_table {
    struct kindtab kind[SSLB_KIND_COUNT];
    uint8_t portmap[65536];                 /* readers: atomic byte loads */
    uint32_t (*portcount)[PM_NCLASS];       /* writer-only */
    sslb_central central;
    pthread_mutex_t lock;
    struct strs *pool;
};

/* A key as the index compares it, built once per probe. */
struct pkey {
    uint64_t hash;
    uint8_t kind, family, host_len;
    uint16_t port;
    const uint8_t *addr;
    const char *host;
};

static inline uint8_t tag_of(uint64_t h)
{
    uint8_t t = (uint8_t)(h >> 56);
    return t < 2 ? (uint8_t)(t + 2) : t;
}

static inline int rec_matches(const struct rec *r, const struct pkey *k)
{
    if (r->hash != k->hash || r->port != k->port) return 0;
    switch (k->kind) {
    case SSLB_IPPORT:
        return r->family == k->family && memcmp(r->addr, k->addr, 16) == 0;
    case SSLB_HOSTPORT:
    case SSLB_SCOPEDCCS:
        return r->host_len == k->host_len && memcmp(r->host, k->host, k->host_len) == 0;
    default:
        return 1;
    }
}

/* rec_matches for the read path, whose host names (the lower-cased SNI) are zero-padded to
 * HOST_AREA like the records': compares 8 bytes at a time instead of calling memcmp. */
static inline int rec_matches_padded(const struct rec *r, const struct pkey *k)
{
    if (r->hash != k->hash || r->port != k->port) return 0;
    if (k->kind != SSLB_HOSTPORT && k->kind != SSLB_SCOPEDCCS) return rec_matches(r, k);
    if (r->host_len != k->host_len) return 0;
    if (HOST_AREA(k->host_len) > 240) return memcmp(r->host, k->host, k->host_len) == 0;
    uint64_t diff = 0;
    for (size_t i = 0; i < HOST_AREA(k->host_len); i += 8) {
        uint64_t x, y;
        memcpy(&x, r->host + i, 8);
        memcpy(&y, k->host + i, 8);
        diff |= x ^ y;
    }
    return diff == 0;
}

/* The reader's probe: lock-free, wait-free in the absence of pathological tombstone chains
 * (bounded by the capacity in any case, since an index always keeps a quarter of its slots
 * empty). Must run inside a read-side section. */
static inline const struct rec *index_find(const struct kindtab *kt, const struct pkey *k)
{
    const struct index *ix = sslb__rcu_deref(kt->idx);
    /* Locals: the acquire loads below would otherwise make the compiler reload these. */
    const size_t mask = ix->mask;
    const uint8_t *tags = ix->tags;
    struct rec *const *slots = ix->slots;
    size_t g = k->hash & mask & ~(size_t)(GROUP - 1);
    uint8_t tag = tag_of(k->hash);

    for (;;) {
        unsigned hits = 0, empty = 0;
#if defined(__SSE2__) && !defined(SSLB_TSAN)
        /* Each byte read is one a writer stored (x86 loads do not tear bytes), and the fence
         * orders the slot loads after it, as a byte-wise acquire would. */
        __m128i grp = _mm_load_si128((const __m128i *)(const void *)&tags[g]);
        hits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(grp, _mm_set1_epi8((char)tag)));
        empty = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(grp, _mm_setzero_si128()));
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
#else
        for (unsigned b = 0; b < GROUP; b++) { /* the same, byte by byte (what TSan can check) */
            uint8_t t = __atomic_load_n(&tags[g + b], __ATOMIC_ACQUIRE);
            hits |= (unsigned)(t == tag) << b;
            empty |= (unsigned)(t == TAG_EMPTY) << b;
        }
#endif
        while (hits) {
            const struct rec *r = __atomic_load_n(&slots[g + (size_t)__builtin_ctz(hits)], __ATOMIC_ACQUIRE);
            if (r && rec_matches_padded(r, k)) return r;
            hits &= hits - 1;
        }
        if (empty) return NULL;
        g = (g + GROUP) & mask;
    }
}

/* Starts fetching the tag and slot a probe for hash h will read first, so that the probes of one
 * resolve wait for memory together rather than one after another. */
static inline void index_prefetch(const struct kindtab *kt, uint64_t h)
{
    const struct index *ix = sslb__rcu_deref(kt->idx);
    size_t g = h & ix->mask & ~(size_t)(GROUP - 1);

    __builtin_prefetch(&ix->tags[g]);
    __builtin_prefetch(&ix->slots[g]); /* a group's 16 pointers span two cache lines */
    __builtin_prefetch(&ix->slots[g + GROUP / 2]);
}

static void pkey_from_key(struct pkey *p, const sslb_key *k)
{
    memset(p, 0, sizeof *p);
    p->kind = k->kind;
    p->family = k->family;
    p->port = k->port;
    p->addr = k->addr;
    p->host = k->host;
    p->host_len = k->host_len;
    switch (k->kind) {
    case SSLB_IPPORT:
        p->hash = sslb__hash_ip(k->family, k->addr, k->port);
        break;
    case SSLB_HOSTPORT:
    case SSLB_SCOPEDCCS:
        p->hash = sslb__hash_host(k->host, k->host_len, k->port);
        break;
    default:
        p->hash = sslb__hash_port(k->port);
        break;
    }
}

static void pkey_from_rec(struct pkey *p, const struct rec *r)
{
    p->hash = r->hash;
    p->kind = r->kind;
    p->family = r->family;
    p->port = r->port;
    p->addr = r->addr;
    p->host = r->host;
    p->host_len = r->host_len;
}

/* ---- index maintenance (writers, under the mutex) ---------------------------------------- */

/* One block: the header, the tags (cache-line aligned, so a group is one aligned 16-byte
 * load within one line), then the record pointers. */
static struct index *index_new(size_t cap)
{
    size_t bytes = 64 + cap + cap * sizeof(struct rec *);
    struct index *ix = aligned_alloc(64, (bytes + 63) & ~(size_t)63);

    if (!ix) return NULL;
    memset(ix, 0, bytes);
    ix->mask = cap - 1;
    ix->tags = (uint8_t *)ix + 64;
    ix->slots = (struct rec **)(void *)(ix->tags + cap);
    return ix;
}

/* Writer's search: the slot holding k, or -1 with *free_slot the first slot an insert may use
 * (a tombstone or an empty slot, in probe order). */
static long index_locate(const struct index *ix, const struct pkey *k, size_t *free_slot)
{
    size_t g = k->hash & ix->mask & ~(size_t)(GROUP - 1);
    uint8_t tag = tag_of(k->hash);
    long free_at = -1;

    for (;;) {
        int saw_empty = 0;
        for (size_t i = g; i < g + GROUP; i++) {
            uint8_t t = ix->tags[i];
            if (t == TAG_EMPTY || t == TAG_TOMB) {
                if (free_at < 0) free_at = (long)i;
                saw_empty |= t == TAG_EMPTY;
            } else if (t == tag && rec_matches(ix->slots[i], k)) {
                return (long)i;
            }
        }
        if (saw_empty) {
            *free_slot = (size_t)free_at;
            return -1;
        }
        g = (g + GROUP) & ix->mask;
    }
}

static void tag_store(struct index *ix, size_t i, uint8_t v)
{
    __atomic_store_n(&ix->tags[i], v, __ATOMIC_RELEASE);
}

/* Publishes r in slot i: the pointer first, then the tag, so a reader that sees the tag sees r. */
static void index_fill(struct index *ix, size_t i, struct rec *r)
{
    __atomic_store_n(&ix->slots[i], r, __ATOMIC_RELEASE);
    tag_store(ix, i, tag_of(r->hash));
}

static void free_ptr(void *p)
{
    free(p);
}

/* Makes room for one more record: rebuilds into a fresh index when load would pass 3/4. */
static sslb_rc index_reserve(struct kindtab *kt)
{
    struct index *old = kt->idx, *nx;
    size_t cap = old->mask + 1, ncap = 16;

    if ((kt->used + 1) * 4 <= cap * 3) return SSLB_OK;
    while (ncap < 2 * (kt->live + 1)) ncap *= 2;
    if (!(nx = index_new(ncap))) return SSLB_ENOMEM;
    for (size_t i = 0; i < cap; i++) {
        if (old->tags[i] > TAG_TOMB) {
            struct pkey k;
            size_t j;
            pkey_from_rec(&k, old->slots[i]);
            index_locate(nx, &k, &j);
            nx->slots[j] = old->slots[i];
            tag_store(nx, j, old->tags[i]); /* nx is not published yet */
        }
    }
    sslb__rcu_assign(kt->idx, nx);
    kt->used = kt->live;
    sslb__rcu_defer(free_ptr, old);
    return SSLB_OK;
}

/* ---- records and strings ----------------------------------------------------------------- */

static int pm_class(const struct rec *r)
{
    static const uint8_t zero[16];
    switch (r->kind) {
    case SSLB_IPPORT:
        if (memcmp(r->addr, zero, 16) != 0) return PM_EXACT;
        return r->family == 6 ? PM_WILD6 : PM_WILD4;
    case SSLB_HOSTPORT:
        return PM_SNI;
    case SSLB_SCOPEDCCS:
        return PM_SCOPED;
    default:
        return PM_CCS;
    }
}

static int pm_slot(int cls)
{
    return __builtin_ctz((unsigned)cls);
}

static void port_count(sslb_table *t, const struct rec *r, int delta)
{
    int cls = pm_class(r);
    uint32_t *c = &t->portcount[r->port][pm_slot(cls)];

    if (delta > 0 && (*c)++ == 0)
        __atomic_fetch_or(&t->portmap[r->port], (uint8_t)cls, __ATOMIC_RELEASE);
    else if (delta < 0 && --(*c) == 0)
        __atomic_fetch_and(&t->portmap[r->port], (uint8_t)~cls, __ATOMIC_RELEASE);
}

static sslb_rc strs_intern(sslb_table *t, const sslb_params *p, const struct strs **out)
{
    const char *in[3] = {p->store_name, p->ctl_identifier, p->ctl_store_name};
    char key[3 * (SSLB_STRING_MAX + 2)];
    size_t n = 0, off[3] = {0, 0, 0};
    struct strs *s;

    if (!in[0] && !in[1] && !in[2]) {
        *out = NULL;
        return SSLB_OK;
    }
    for (int i = 0; i < 3; i++) {
        key[n++] = in[i] ? 1 : 0;
        off[i] = n;
        if (in[i]) {
            size_t l = strlen(in[i]);
            memcpy(key + n, in[i], l + 1);
            n += l + 1;
        }
    }
    HASH_FIND(hh, t->pool, key, n, s);
    if (!s) {
        if (!(s = malloc(sizeof *s + n))) return SSLB_ENOMEM;
        memcpy(s->key, key, n);
        s->keylen = n;
        for (int i = 0; i < 3; i++) s->s[i] = in[i] ? s->key + off[i] : NULL;
        HASH_ADD_KEYPTR(hh, t->pool, s->key, s->keylen, s);
    }
    *out = s;
    return SSLB_OK;
}

static sslb_rc rec_new(sslb_table *t, const sslb_binding *b, struct rec **out)
{
    const sslb_key *k = &b->key;
    const sslb_params *p = &b->params;
    size_t hl = (k->kind == SSLB_HOSTPORT || k->kind == SSLB_SCOPEDCCS) ? k->host_len : 0;
    struct rec *r = malloc(sizeof *r + (hl ? HOST_AREA(hl) : 0)); /* an IP record ends at its NUL */
    struct pkey pk;

    if (!r) return SSLB_ENOMEM;
    memset(r, 0, sizeof *r);
    if (strs_intern(t, p, &r->strs) != SSLB_OK) {
        free(r);
        return SSLB_ENOMEM;
    }
    pkey_from_key(&pk, k);
    r->hash = pk.hash;
    r->check_mode = p->check_mode;
    r->fresh = p->revocation_freshness_time;
    r->timeout = p->url_retrieval_timeout;
    r->flags = p->flags;
    r->certhash_len = p->certhash_len;
    memcpy(r->certhash, p->certhash, sizeof r->certhash);
    memcpy(r->appid, p->appid.b, 16);
    r->kind = k->kind;
    r->family = k->kind == SSLB_IPPORT ? k->family : 0;
    r->port = k->port;
    if (k->kind == SSLB_IPPORT) memcpy(r->addr, k->addr, 16);
    r->host_len = (uint8_t)hl;
    if (hl) {
        memset(r->host, 0, HOST_AREA(hl));
        memcpy(r->host, k->host, hl);
    } else {
        r->host[0] = '\0';
    }
    *out = r;
    return SSLB_OK;
}

static void rec_fill(const struct rec *r, sslb_binding *b)
{
    sslb_key *k = &b->key;
    sslb_params *p = &b->params;

    k->kind = r->kind; /* with addr and host_len below, every byte before host is set */
    k->family = r->family;
    k->port = r->port;
    memcpy(k->addr, r->addr, 16);
    k->host_len = r->host_len;
    if (r->host_len == 0) {
        k->host[0] = '\0';
    } else if (HOST_AREA(r->host_len) <= 240) {
        for (size_t i = 0; i < HOST_AREA(r->host_len); i += 16) memcpy(k->host + i, r->host + i, 16);
    } else {
        memcpy(k->host, r->host, (size_t)r->host_len + 1);
    }
    p->certhash_len = r->certhash_len;
    memcpy(p->certhash, r->certhash, sizeof p->certhash);
    memcpy(p->appid.b, r->appid, 16);
    p->check_mode = r->check_mode;
    p->revocation_freshness_time = r->fresh;
    p->url_retrieval_timeout = r->timeout;
    p->flags = r->flags;
    p->store_name = r->strs ? r->strs->s[0] : NULL;
    p->ctl_identifier = r->strs ? r->strs->s[1] : NULL;
    p->ctl_store_name = r->strs ? r->strs->s[2] : NULL;
}

static int strs_equal(const struct strs *a, const struct strs *b)
{
    if (!a || !b) return a == b;
    return a->keylen == b->keylen && memcmp(a->key, b->key, a->keylen) == 0;
}

/* Same parameter block (records may come from different tables, so strings by content). */
static int rec_same_params(const struct rec *a, const struct rec *b)
{
    return strs_equal(a->strs, b->strs) && a->check_mode == b->check_mode && a->fresh == b->fresh &&
           a->timeout == b->timeout && a->flags == b->flags && a->certhash_len == b->certhash_len &&
           memcmp(a->certhash, b->certhash, sizeof a->certhash) == 0 &&
           memcmp(a->appid, b->appid, 16) == 0;
}

/* ---- life cycle -------------------------------------------------------------------------- */

sslb_rc sslb_table_create(sslb_table **out)
{
    sslb_table *t = calloc(1, sizeof *t);

    *out = NULL;
    if (!t) return SSLB_ENOMEM;
    t->portcount = calloc(65536, sizeof *t->portcount);
    for (int i = 0; i < SSLB_KIND_COUNT; i++) t->kind[i].idx = index_new(16);
    if (!t->portcount || !t->kind[0].idx || !t->kind[1].idx || !t->kind[2].idx || !t->kind[3].idx) {
        for (int i = 0; i < SSLB_KIND_COUNT; i++) free(t->kind[i].idx);
        free(t->portcount);
        free(t);
        return SSLB_ENOMEM;
    }
    pthread_mutex_init(&t->lock, NULL);
    sslb__rcu_online();
    *out = t;
    return SSLB_OK;
}

void sslb_table_destroy(sslb_table *t)
{
    struct strs *s, *tmp;

    if (!t) return;
    sslb__rcu_barrier(); /* every deferred free has run */
    for (int k = 0; k < SSLB_KIND_COUNT; k++) {
        struct index *ix = t->kind[k].idx;
        for (size_t i = 0; i <= ix->mask; i++)
            if (ix->tags[i] > TAG_TOMB) free(ix->slots[i]);
        free(ix);
    }
    HASH_ITER(hh, t->pool, s, tmp) {
        HASH_DEL(t->pool, s);
        free(s);
    }
    pthread_mutex_destroy(&t->lock);
    free(t->portcount);
    free(t);
}

void sslb_table_set_central(sslb_table *t, const sslb_central *c)
{
    pthread_mutex_lock(&t->lock);
    if (c)
        t->central = *c;
    else
        memset(&t->central, 0, sizeof t->central);
    pthread_mutex_unlock(&t->lock);
}

void sslb_table_quiesce(sslb_table *t)
{
    (void)t;
    sslb__rcu_barrier();
}

/* ---- writers ----------------------------------------------------------------------------- */

enum op { OP_ADD, OP_UPDATE, OP_DELETE };

/* The one write path; t->lock held. For OP_DELETE only b->key is read. */
static sslb_rc write_locked(sslb_table *t, enum op op, const sslb_binding *b, sslb_diag *d)
{
    struct kindtab *kt;
    struct index *ix;
    struct pkey pk;
    struct rec *r = NULL, *old;
    size_t free_slot = 0;
    long at;
    sslb_rc rc;

    if (b->key.kind >= SSLB_KIND_COUNT) return sslb_diagf(d, SSLB_EINVAL, "unknown key kind");
    if (b->key.port == 0) return sslb_diagf(d, SSLB_EINVAL, "port 0 is not a valid port");
    if (op != OP_DELETE && (rc = sslb_params_check(b->key.kind, &b->params, d)) != SSLB_OK) return rc;
    kt = &t->kind[b->key.kind];
    pkey_from_key(&pk, &b->key);
    at = index_locate(kt->idx, &pk, &free_slot);
    if (op == OP_ADD && at >= 0) return SSLB_EEXISTS;
    if ((op == OP_UPDATE || op == OP_DELETE) && at < 0) return SSLB_ENOTFOUND;

    if (op == OP_DELETE) {
        ix = kt->idx;
        old = ix->slots[at];
        tag_store(ix, (size_t)at, TAG_TOMB);
        __atomic_store_n(&ix->slots[at], NULL, __ATOMIC_RELEASE);
        kt->live--;
        port_count(t, old, -1);
        sslb__rcu_defer(free_ptr, old);
        return SSLB_OK;
    }
    if ((rc = rec_new(t, b, &r)) != SSLB_OK) return rc;
    if (at >= 0) { /* update: one pointer store */
        ix = kt->idx;
        old = ix->slots[at];
        __atomic_store_n(&ix->slots[at], r, __ATOMIC_RELEASE);
        sslb__rcu_defer(free_ptr, old);
        return SSLB_OK;
    }
    if ((rc = index_reserve(kt)) != SSLB_OK) {
        free(r);
        return rc;
    }
    ix = kt->idx;
    index_locate(ix, &pk, &free_slot);
    if (ix->tags[free_slot] == TAG_EMPTY) kt->used++;
    index_fill(ix, free_slot, r);
    kt->live++;
    port_count(t, r, +1);
    return SSLB_OK;
}

static sslb_rc write_op(sslb_table *t, enum op op, const sslb_binding *b, sslb_diag *d)
{
    sslb_rc rc;

    pthread_mutex_lock(&t->lock);
    rc = write_locked(t, op, b, d);
    pthread_mutex_unlock(&t->lock);
    return rc;
}

sslb_rc sslb_table_add(sslb_table *t, const sslb_binding *b, sslb_diag *d)
{
    return write_op(t, OP_ADD, b, d);
}

sslb_rc sslb_table_update(sslb_table *t, const sslb_binding *b, sslb_diag *d)
{
    return write_op(t, OP_UPDATE, b, d);
}

sslb_rc sslb_table_delete(sslb_table *t, const sslb_key *k)
{
    sslb_binding b;

    memset(&b.params, 0, sizeof b.params); /* a delete reads only the key */
    memcpy(&b.key, k, sizeof b.key);
    return write_op(t, OP_DELETE, &b, NULL);
}

/* ---- control-plane reads ----------------------------------------------------------------- */

sslb_rc sslb_table_query(sslb_table *t, const sslb_key *k, sslb_binding *out)
{
    struct pkey pk;
    size_t unused;
    long at;

    if (k->kind >= SSLB_KIND_COUNT) return SSLB_EINVAL;
    pkey_from_key(&pk, k);
    pthread_mutex_lock(&t->lock);
    at = index_locate(t->kind[k->kind].idx, &pk, &unused);
    if (at >= 0) rec_fill(t->kind[k->kind].idx->slots[at], out);
    pthread_mutex_unlock(&t->lock);
    return at >= 0 ? SSLB_OK : SSLB_ENOTFOUND;
}

size_t sslb_table_count(sslb_table *t)
{
    size_t n = 0;

    pthread_mutex_lock(&t->lock);
    for (int k = 0; k < SSLB_KIND_COUNT; k++) n += t->kind[k].live;
    pthread_mutex_unlock(&t->lock);
    return n;
}

struct ordered {
    const struct rec *r;
    char text[SSLB_KEYTEXT_MAX];
};

static int ordered_cmp(const void *a, const void *b)
{
    return strcasecmp(((const struct ordered *)a)->text, ((const struct ordered *)b)->text);
}

/* Collects one kind's records sorted by key text; *out is malloc'd (NULL when empty). */
static sslb_rc collect_sorted(const struct kindtab *kt, struct ordered **out, size_t *n)
{
    const struct index *ix = kt->idx;
    struct ordered *v = NULL;
    size_t m = 0;

    if (kt->live && !(v = malloc(kt->live * sizeof *v))) return SSLB_ENOMEM;
    for (size_t i = 0; i <= ix->mask; i++) {
        if (ix->tags[i] > TAG_TOMB) {
            sslb_binding b;
            rec_fill(ix->slots[i], &b);
            v[m].r = ix->slots[i];
            sslb_key_format(&b.key, v[m].text, sizeof v[m].text);
            m++;
        }
    }
    if (m > 1) qsort(v, m, sizeof *v, ordered_cmp);
    *out = v;
    *n = m;
    return SSLB_OK;
}

int sslb_table_foreach(sslb_table *t, sslb_visit_fn fn, void *ctx)
{
    int ret = 0;

    pthread_mutex_lock(&t->lock);
    for (int k = 0; k < SSLB_KIND_COUNT && ret == 0; k++) {
        struct ordered *v;
        size_t n;
        if (collect_sorted(&t->kind[k], &v, &n) != SSLB_OK) {
            ret = SSLB_ENOMEM;
            break;
        }
        for (size_t i = 0; i < n && ret == 0; i++) {
            sslb_binding b;
            rec_fill(v[i].r, &b);
            ret = fn(ctx, &b);
        }
        free(v);
    }
    pthread_mutex_unlock(&t->lock);
    return ret;
}

sslb_rc sslb_table_assign(sslb_table *dst, sslb_table *src)
{
    sslb_rc rc = SSLB_OK;

    if (dst == src) return SSLB_OK;
    pthread_mutex_lock(&src->lock);
    pthread_mutex_lock(&dst->lock);
    for (int k = 0; k < SSLB_KIND_COUNT && rc == SSLB_OK; k++) {
        const struct index *sx = src->kind[k].idx;
        /* 1. add or update every binding of src */
        for (size_t i = 0; i <= sx->mask && rc == SSLB_OK; i++) {
            const struct rec *r = sx->slots[i];
            struct pkey pk;
            size_t unused;
            long at;
            if (sx->tags[i] <= TAG_TOMB) continue;
            pkey_from_rec(&pk, r);
            at = index_locate(dst->kind[k].idx, &pk, &unused);
            if (at < 0 || !rec_same_params(dst->kind[k].idx->slots[at], r)) {
                sslb_binding b;
                rec_fill(r, &b);
                rc = write_locked(dst, at < 0 ? OP_ADD : OP_UPDATE, &b, NULL);
            }
        }
        /* 2. delete what src does not have */
        for (size_t i = 0; rc == SSLB_OK && i <= dst->kind[k].idx->mask; i++) {
            struct index *dx = dst->kind[k].idx;
            struct pkey pk;
            size_t unused;
            if (dx->tags[i] <= TAG_TOMB) continue;
            pkey_from_rec(&pk, dx->slots[i]);
            if (index_locate(sx, &pk, &unused) < 0) {
                sslb_binding b;
                rec_fill(dx->slots[i], &b);
                rc = write_locked(dst, OP_DELETE, &b, NULL);
            }
        }
    }
    pthread_mutex_unlock(&dst->lock);
    pthread_mutex_unlock(&src->lock);
    return rc;
}

/* ---- resolve: the critical path ---------------------------------------------------------- */

/* Lower-cases a byte of a host name; 0 for a byte no host name may hold. */
static const uint8_t host_lower[256] = {
    ['-'] = '-', ['_'] = '_', ['.'] = '.',
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
    ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
#define L(c) [c] = c, [c - 'a' + 'A'] = c
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'),
    L('m'), L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'),
    L('y'), L('z'),
#undef L
};

/* 1 if the (lower-case) name could be a bound host name: valid bytes, no empty label. Only
 * the trace and the central store need to know; the fast path just finds no match. */
static int sni_valid(const char *name, size_t len)
{
    uint8_t bad = 0, prev = '.';

    for (size_t i = 0; i < len; i++) {
        uint8_t c = host_lower[(uint8_t)name[i]];
        bad |= (uint8_t)((c == 0) | ((c == '.') & (prev == '.')));
        prev = c;
    }
    return !bad && prev != '.';
}

static void trace_add(sslb_trace *tr, int step, int table, int outcome, int why, const sslb_key *k,
                      const char *text)
{
    sslb_probe *p;

    if (!tr || tr->count >= SSLB_TRACE_MAX) return;
    p = &tr->probe[tr->count++];
    p->step = (uint8_t)step;
    p->table = (uint8_t)table;
    p->outcome = (uint8_t)outcome;
    p->why = (uint8_t)why;
    if (k)
        sslb_key_format(k, p->key, sizeof p->key);
    else
        snprintf(p->key, sizeof p->key, "%s", text ? text : "");
}

/* One traced probe of table `kind` for the key described by pk; NULL on miss. */
static const struct rec *probe(const sslb_table *t, sslb_trace *tr, int step, const struct pkey *pk)
{
    const struct rec *r = index_find(&t->kind[pk->kind], pk);

    if (tr) {
        sslb_key k;
        memset(&k, 0, sizeof k);
        k.kind = pk->kind;
        k.family = pk->family;
        k.port = pk->port;
        if (pk->addr) memcpy(k.addr, pk->addr, 16);
        k.host_len = pk->host_len;
        if (pk->host) memcpy(k.host, pk->host, pk->host_len);
        trace_add(tr, step, pk->kind, r ? SSLB_PROBE_HIT : SSLB_PROBE_MISS, SSLB_WHY_NONE, &k, NULL);
    }
    return r;
}

static void skip(sslb_trace *tr, int step, int table, int why, const char *what)
{
    trace_add(tr, step, table, SSLB_PROBE_SKIPPED, why, NULL, what);
}

static sslb_rc matched(const struct rec *r, int step, sslb_match *out)
{
    out->step = (uint8_t)step;
    out->central = 0;
    out->central_file[0] = '\0';
    rec_fill(r, &out->binding);
    memcpy(out->certhash, r->certhash, sizeof out->certhash);
    return SSLB_OK;
}

/* Step 3's file look-ups: "<sni>.pfx", then "_.<parent>.pfx". Outside any read-side section. */
static int central_find(const sslb_central *c, const char *sni, size_t len, sslb_match *out,
                        sslb_trace *tr)
{
    char name[SSLB_HOST_MAX + 8];
    const char *dot = memchr(sni, '.', len);

    if (!c->find) {
        skip(tr, 3, SSLB_PROBE_CENTRAL, SSLB_WHY_NO_CENTRAL, "central store");
        return 0;
    }
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0)
            snprintf(name, sizeof name, "%.*s", (int)len, sni);
        else if (dot)
            snprintf(name, sizeof name, "_.%.*s", (int)(len - (size_t)(dot + 1 - sni)), dot + 1);
        else
            break;
        if (c->find(c->ctx, name, out->certhash)) {
            snprintf(out->central_file, sizeof out->central_file, "%s.pfx", name);
            trace_add(tr, 3, SSLB_PROBE_CENTRAL, SSLB_PROBE_HIT, SSLB_WHY_NONE, NULL, out->central_file);
            out->central = 1;
            return 1;
        }
        snprintf(out->central_file, sizeof out->central_file, "%s.pfx", name);
        trace_add(tr, 3, SSLB_PROBE_CENTRAL, SSLB_PROBE_MISS, SSLB_WHY_FILE_MISSING, NULL,
                  out->central_file);
    }
    out->central_file[0] = '\0';
    return 0;
}

sslb_rc sslb_table_resolve(sslb_table *t, const sslb_addr *local, uint16_t port, const char *sni,
                           size_t sni_len, sslb_match *out, sslb_trace *tr)
{
    static const uint8_t zero[16];
    static const uint8_t v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    char name[HOST_AREA(SSLB_HOST_MAX) + 16]; /* room for the 16-byte padding store */
    uint8_t addr[16], family = local->family, pm;
    uint64_t sni_hash = 0;
    int step;
    const struct rec *r;
    struct pkey pk;
    int have_sni = 0;

    if (tr) tr->count = 0;
    memcpy(addr, local->bytes, 16);
    if (family == 6 && memcmp(addr, v4mapped, 12) == 0) { /* ::ffff:a.b.c.d is a.b.c.d */
        memmove(addr, addr + 12, 4);
        memset(addr + 4, 0, 12);
        family = 4;
    }
    if (sni && sni_len && sni_len <= SSLB_HOST_MAX) {
        sni_hash = sslb__hash_host_lower(sni, sni_len, port, name);
        memset(name + sni_len, 0, 16); /* NUL and padding to HOST_AREA, as records have (fixed size: no call) */
        /* An invalid name cannot match a binding; validate only where it matters. */
        have_sni = !tr || sni_valid(name, sni_len);
    }

    sslb__rcu_read_lock();
    pm = __atomic_load_n(&t->portmap[port], __ATOMIC_ACQUIRE);

    /* The probe plan: start the memory fetches of the first two probes that can hit at once. */
    memset(&pk, 0, sizeof pk);
    pk.kind = SSLB_IPPORT;
    pk.family = family;
    pk.port = port;
    pk.addr = addr;
    pk.hash = sslb__hash_ip(family, addr, port);
    if (pm & PM_EXACT) index_prefetch(&t->kind[SSLB_IPPORT], pk.hash);
    if (have_sni && (pm & PM_SNI)) index_prefetch(&t->kind[SSLB_HOSTPORT], sni_hash);

    /* 1. exact A:P */
    if (memcmp(addr, zero, 16) == 0) {
        skip(tr, 1, SSLB_IPPORT, SSLB_WHY_WILDCARD_LOCAL, "exact address");
    } else if (!(pm & PM_EXACT)) {
        skip(tr, 1, SSLB_IPPORT, SSLB_WHY_PORT_EMPTY, "exact address");
    } else {
        if ((r = probe(t, tr, step = 1, &pk))) goto hit;
    }

    /* 2. SNI S:P, 3. scoped CCS S:P, then CCS P */
    if (!have_sni) {
        int why = sni && sni_len ? SSLB_WHY_BAD_SNI : SSLB_WHY_NO_SNI;
        skip(tr, 2, SSLB_HOSTPORT, why, "hostname");
        skip(tr, 3, SSLB_CCS, why, "central certificate store");
    } else {
        pk.host = name;
        pk.host_len = (uint8_t)sni_len;
        pk.hash = sni_hash;
        if (!(pm & PM_SNI)) {
            skip(tr, 2, SSLB_HOSTPORT, SSLB_WHY_PORT_EMPTY, "hostname");
        } else {
            pk.kind = SSLB_HOSTPORT;
            if ((r = probe(t, tr, step = 2, &pk))) goto hit;
        }
        if (!(pm & (PM_SCOPED | PM_CCS))) {
            skip(tr, 3, SSLB_CCS, SSLB_WHY_PORT_EMPTY, "central certificate store");
        } else if (!tr && !sni_valid(name, sni_len)) {
            /* never hand the central store a name that is not a host name ("../x") */
        } else {
            pk.kind = SSLB_SCOPEDCCS;
            if (!(pm & PM_SCOPED))
                skip(tr, 3, SSLB_SCOPEDCCS, SSLB_WHY_PORT_EMPTY, "scoped CCS");
            else if ((r = probe(t, tr, 3, &pk)))
                goto hit3;
            pk.kind = SSLB_CCS;
            pk.host = NULL;
            pk.host_len = 0;
            pk.hash = sslb__hash_port(port);
            if (!(pm & PM_CCS))
                skip(tr, 3, SSLB_CCS, SSLB_WHY_PORT_EMPTY, "CCS");
            else if ((r = probe(t, tr, 3, &pk)))
                goto hit3;
        }
    }

wildcards:
    /* 4. [::]:P for IPv6 clients, 5. 0.0.0.0:P for all */
    memset(&pk, 0, sizeof pk);
    pk.kind = SSLB_IPPORT;
    pk.port = port;
    pk.addr = zero;
    if (family == 4) {
        skip(tr, 4, SSLB_IPPORT, SSLB_WHY_CLIENT_IPV4, "[::]");
    } else if (!(pm & PM_WILD6)) {
        skip(tr, 4, SSLB_IPPORT, SSLB_WHY_PORT_EMPTY, "[::]");
    } else {
        pk.family = 6;
        pk.hash = sslb__hash_ip(6, zero, port);
        if ((r = probe(t, tr, step = 4, &pk))) goto hit;
    }
    if (!(pm & PM_WILD4)) {
        skip(tr, 5, SSLB_IPPORT, SSLB_WHY_PORT_EMPTY, "0.0.0.0");
    } else {
        pk.family = 4;
        pk.hash = sslb__hash_ip(4, zero, port);
        if ((r = probe(t, tr, step = 5, &pk))) goto hit;
    }
    sslb__rcu_read_unlock();
    return SSLB_ENOTFOUND;

hit:
    matched(r, step, out);
    sslb__rcu_read_unlock();
    return SSLB_OK;
hit3:
    /* A CCS binding: leave the read-side section (the file look-up may touch the disk), then ask
     * the central store; without a file, go on to the wildcards. */
    matched(r, 3, out);
    sslb__rcu_read_unlock();
    if (central_find(&t->central, name, sni_len, out, tr)) return SSLB_OK;
    sslb__rcu_read_lock();
    pm = __atomic_load_n(&t->portmap[port], __ATOMIC_ACQUIRE);
    goto wildcards;
}
