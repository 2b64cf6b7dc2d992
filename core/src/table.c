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
 *    records and indexes, and strings no binding uses any more, are freed after a grace period;
 *  - every write (add, update, delete, a whole assign) first prepares all it needs — records,
 *    strings, a bigger index — and only then publishes: out of memory changes nothing;
 *  - a 64 KiB per-port byte map says which kinds of binding exist on a port, so resolve skips
 *    probes that cannot hit.
 */
#include "sslb/table.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "hash_int.h"
#include "rcu_int.h"
#include "table_int.h"

static void *tab_malloc(sslb_table *t, size_t n);

/* uthash: out of memory comes back to us (the element is not added and its hh.tbl is NULL)
 * instead of exit(), and its allocations go through the table's, so the test hook reaches them.
 * Every HASH_ADD below runs where `t` is the table. */
#define HASH_NONFATAL_OOM 1
#define uthash_malloc(sz) tab_malloc(t, sz)
#define uthash_free(ptr, sz) free(ptr)
#include <uthash.h>

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

/* Interned strings: store name, CTL identifier, CTL store name, one entry per distinct triple.
 * Writers find and count them in a uthash pool under the mutex; each record holds one reference.
 * When the last record using an entry is retired, the entry leaves the pool and is freed after a
 * grace period, like the record: a reader may still be copying it out (rec_fill). */
struct strs {
    UT_hash_handle hh;
    const char *s[3];
    size_t refs; /* records holding it; writers only */
    size_t keylen;
    char key[]; /* per field: presence byte, then the string and NUL */
};
#define STRS_KEY_MAX (3 * (SSLB_STRING_MAX + 2))
_Static_assert(sizeof(((sslb_match *)0)->strings) >= STRS_KEY_MAX, "a match holds any strings");

struct rec {
    uint64_t hash;
    struct strs *strs; /* NULL: no strings set */
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
    uint64_t hash_and, hash_or;             /* hashes are (h & and) | or: ~0, 0 except in tests */
    uint8_t portmap[65536];                 /* readers: atomic byte loads */
    uint32_t (*portcount)[PM_NCLASS];       /* writer-only */
    sslb_central central;
    pthread_mutex_t lock;
    struct strs *pool;                      /* writer-only */
    size_t pool_bytes;                      /* writer-only */
    long fail_after;                        /* test hook: allocations before they fail; < 0 never */
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
 * empty). Must run inside a read-side section. slot and groups (NULL on the fast path, where
 * they compile away) receive where k was found and how many groups were read. */
static inline const struct rec *index_find(const struct kindtab *kt, const struct pkey *k,
                                           long *slot, unsigned *groups)
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
        if (groups) ++*groups;
        while (hits) {
            size_t i = g + (size_t)__builtin_ctz(hits);
            const struct rec *r = __atomic_load_n(&slots[i], __ATOMIC_ACQUIRE);
            if (r && rec_matches_padded(r, k)) {
                if (slot) *slot = (long)i;
                return r;
            }
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

/* The hash every index of t files a key under: the real one, unless a test forced it. */
static inline uint64_t key_hash(const sslb_table *t, uint64_t h)
{
    return (h & t->hash_and) | t->hash_or;
}

static void pkey_from_key(const sslb_table *t, struct pkey *p, const sslb_key *k)
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
    p->hash = key_hash(t, p->hash);
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

/* ---- allocation (writers, under the mutex) ----------------------------------------------- */

/* Every allocation a writer makes, uthash's included, so sslb__table_fail_alloc_after reaches
 * them all. align 0: malloc. */
static void *tab_alloc(sslb_table *t, size_t align, size_t n)
{
    if (t->fail_after == 0) return NULL;
    if (t->fail_after > 0) t->fail_after--;
    if (!align) return malloc(n);
    return aligned_alloc(align, (n + align - 1) & ~(align - 1));
}

static void *tab_malloc(sslb_table *t, size_t n)
{
    return tab_alloc(t, 0, n);
}

static void free_ptr(void *p)
{
    free(p);
}

/* ---- index maintenance (writers, under the mutex) ---------------------------------------- */

/* One block: the header, the tags (cache-line aligned, so a group is one aligned 16-byte
 * load within one line), then the record pointers. */
static struct index *index_new(sslb_table *t, size_t cap)
{
    size_t bytes = 64 + cap + cap * sizeof(struct rec *);
    struct index *ix = tab_alloc(t, 64, bytes);

    assert(cap >= GROUP && (cap & (cap - 1)) == 0);
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

/* A fresh index with room for n records at load 1/2, holding kt's records and no tombstone; not
 * published. NULL when out of memory. */
static struct index *index_rebuilt(sslb_table *t, const struct kindtab *kt, size_t n)
{
    const struct index *old = kt->idx;
    struct index *nx;
    size_t ncap = GROUP;

    while (ncap < 2 * n) ncap *= 2;
    if (!(nx = index_new(t, ncap))) return NULL;
    for (size_t i = 0; i <= old->mask; i++) {
        if (old->tags[i] > TAG_TOMB) {
            struct pkey k;
            size_t j;
            pkey_from_rec(&k, old->slots[i]);
            index_locate(nx, &k, &j);
            nx->slots[j] = old->slots[i]; /* plain stores: nx is not published yet */
            nx->tags[j] = old->tags[i];
        }
    }
    return nx;
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

/* The pool entry for p's strings, with one more reference (NULL when p has none). */
static sslb_rc strs_intern(sslb_table *t, const sslb_params *p, struct strs **out)
{
    const char *in[3] = {p->store_name, p->ctl_identifier, p->ctl_store_name};
    char key[STRS_KEY_MAX];
    size_t n = 0, off[3] = {0, 0, 0};
    struct strs *s;

    *out = NULL;
    if (!in[0] && !in[1] && !in[2]) return SSLB_OK;
    for (int i = 0; i < 3; i++) {
        key[n++] = in[i] ? 1 : 0;
        off[i] = n;
        if (in[i]) {
            size_t l = strlen(in[i]);
            if (l > SSLB_STRING_MAX) return SSLB_EINVAL; /* sslb_params_check refuses it first */
            memcpy(key + n, in[i], l + 1);
            n += l + 1;
        }
    }
    HASH_FIND(hh, t->pool, key, n, s);
    if (s) {
        s->refs++;
        *out = s;
        return SSLB_OK;
    }
    if (!(s = tab_malloc(t, sizeof *s + n))) return SSLB_ENOMEM;
    memcpy(s->key, key, n);
    s->keylen = n;
    s->refs = 1;
    for (int i = 0; i < 3; i++) s->s[i] = in[i] ? s->key + off[i] : NULL;
    HASH_ADD_KEYPTR(hh, t->pool, s->key, s->keylen, s);
    if (!s->hh.tbl) { /* uthash ran out of memory (HASH_NONFATAL_OOM): s was not added */
        free(s);
        return SSLB_ENOMEM;
    }
    t->pool_bytes += sizeof *s + n;
    *out = s;
    return SSLB_OK;
}

/* Drops one reference. The last one takes the entry out of the pool at once (a later intern
 * makes a new one) and frees it after a grace period: a reader may still be copying it. */
static void strs_release(sslb_table *t, struct strs *s)
{
    if (!s) return;
    assert(s->refs > 0);
    if (--s->refs > 0) return;
    HASH_DEL(t->pool, s);
    t->pool_bytes -= sizeof *s + s->keylen;
    sslb__rcu_defer(free_ptr, s);
}

static sslb_rc rec_new(sslb_table *t, const sslb_binding *b, struct rec **out)
{
    const sslb_key *k = &b->key;
    const sslb_params *p = &b->params;
    size_t hl = (k->kind == SSLB_HOSTPORT || k->kind == SSLB_SCOPEDCCS) ? k->host_len : 0;
    /* an IP record ends at its NUL */
    struct rec *r = tab_malloc(t, sizeof *r + (hl ? HOST_AREA(hl) : 0));
    struct pkey pk;
    sslb_rc rc;

    if (!r) return SSLB_ENOMEM;
    memset(r, 0, sizeof *r);
    if ((rc = strs_intern(t, p, &r->strs)) != SSLB_OK) {
        free(r);
        return rc;
    }
    pkey_from_key(t, &pk, k);
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

/* A record no index points to any more: freed after a grace period; its strings' reference too. */
static void rec_retire(sslb_table *t, struct rec *r)
{
    strs_release(t, r->strs);
    sslb__rcu_defer(free_ptr, r);
}

/* Copies r out to b. The strings are copied to strbuf (STRS_KEY_MAX bytes) when given, so they
 * outlive the read-side section; else b points into the pool (valid while the mutex is held or
 * the table unchanged). */
static void rec_fill(const struct rec *r, sslb_binding *b, char *strbuf)
{
    sslb_key *k = &b->key;
    sslb_params *p = &b->params;
    const struct strs *s = r->strs;

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
    if (!s) {
        p->store_name = p->ctl_identifier = p->ctl_store_name = NULL;
        return;
    }
    const char *base = s->key;
    if (strbuf) {
        memcpy(strbuf, s->key, s->keylen);
        base = strbuf;
    }
    p->store_name = s->s[0] ? base + (s->s[0] - s->key) : NULL;
    p->ctl_identifier = s->s[1] ? base + (s->s[1] - s->key) : NULL;
    p->ctl_store_name = s->s[2] ? base + (s->s[2] - s->key) : NULL;
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
    t->hash_and = ~(uint64_t)0;
    t->fail_after = -1;
    t->portcount = calloc(65536, sizeof *t->portcount);
    for (int i = 0; i < SSLB_KIND_COUNT; i++) t->kind[i].idx = index_new(t, GROUP);
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

/* ---- writers: prepare, then publish ------------------------------------------------------ */

enum op { OP_ADD, OP_UPDATE, OP_DELETE };

/* One change. pk points into the new record (add, update) or into the key of the binding to
 * delete (the caller's, or dst's record in an assign), so it stays valid until published. */
struct change {
    struct pkey pk;
    struct rec *r; /* add, update: the new record; delete: NULL */
    enum op op;
};

/* Changes to one table, made in two phases so that they are all or nothing: preparing does
 * everything that can fail (the new records, their strings, bigger indexes) and changes nothing
 * a reader or a later write can see; publishing only stores, and cannot fail. */
struct batch {
    struct change *c;
    size_t n;
    size_t adds[SSLB_KIND_COUNT];
    struct index *grown[SSLB_KIND_COUNT]; /* a bigger index to publish first, or NULL */
};

/* Prepares the indexes: a kind whose adds would take its load past 3/4 gets a rebuilt index. */
static sslb_rc batch_reserve(sslb_table *t, struct batch *bt)
{
    for (int k = 0; k < SSLB_KIND_COUNT; k++) {
        const struct kindtab *kt = &t->kind[k];
        if (!bt->adds[k] || (kt->used + bt->adds[k]) * 4 <= (kt->idx->mask + 1) * 3) continue;
        if (!(bt->grown[k] = index_rebuilt(t, kt, kt->live + bt->adds[k]))) return SSLB_ENOMEM;
    }
    return SSLB_OK;
}

/* Undoes a prepared batch: nothing of it was published, so it is freed at once. */
static void batch_abort(sslb_table *t, struct batch *bt)
{
    for (size_t i = 0; i < bt->n; i++) {
        if (!bt->c[i].r) continue;
        strs_release(t, bt->c[i].r->strs);
        free(bt->c[i].r);
    }
    for (int k = 0; k < SSLB_KIND_COUNT; k++) free(bt->grown[k]);
}

/* Publishes one change with the stores a concurrent reader can follow (see index_find). */
static void publish_one(sslb_table *t, const struct change *c)
{
    struct kindtab *kt = &t->kind[c->pk.kind];
    struct index *ix = kt->idx;
    size_t free_slot = 0;
    long at = index_locate(ix, &c->pk, &free_slot);
    struct rec *old;

    switch (c->op) {
    case OP_ADD:
        assert(at < 0);
        if (ix->tags[free_slot] == TAG_EMPTY) kt->used++;
        assert(kt->used * 4 <= (ix->mask + 1) * 3); /* a quarter stays empty, so every probe ends */
        index_fill(ix, free_slot, c->r);
        kt->live++;
        port_count(t, c->r, +1);
        return;
    case OP_UPDATE: /* one pointer store: a reader sees the old record or the new one */
        assert(at >= 0);
        old = ix->slots[at];
        __atomic_store_n(&ix->slots[at], c->r, __ATOMIC_RELEASE);
        rec_retire(t, old);
        return;
    case OP_DELETE:
        assert(at >= 0);
        old = ix->slots[at];
        tag_store(ix, (size_t)at, TAG_TOMB);
        __atomic_store_n(&ix->slots[at], NULL, __ATOMIC_RELEASE);
        kt->live--;
        port_count(t, old, -1);
        rec_retire(t, old);
        return;
    }
}

/* Publishes a prepared batch: the bigger indexes first (one pointer store each, the same
 * bindings), then each change in order. */
static void batch_publish(sslb_table *t, struct batch *bt)
{
    for (int k = 0; k < SSLB_KIND_COUNT; k++) {
        struct kindtab *kt = &t->kind[k];
        struct index *old = kt->idx;
        if (!bt->grown[k]) continue;
        sslb__rcu_assign(kt->idx, bt->grown[k]);
        kt->used = kt->live;
        sslb__rcu_defer(free_ptr, old);
        bt->grown[k] = NULL;
    }
    for (size_t i = 0; i < bt->n; i++) publish_one(t, &bt->c[i]);
    bt->n = 0;
}

/* The one write path of add, update and delete; t->lock held. For OP_DELETE only b->key is read. */
static sslb_rc write_locked(sslb_table *t, enum op op, const sslb_binding *b, sslb_diag *d)
{
    struct change c;
    struct batch bt;
    size_t unused;
    long at;
    sslb_rc rc;

    if (b->key.kind >= SSLB_KIND_COUNT) return sslb_diagf(d, SSLB_EINVAL, "unknown key kind");
    if (b->key.port == 0) return sslb_diagf(d, SSLB_EINVAL, "port 0 is not a valid port");
    if (op != OP_DELETE && (rc = sslb_params_check(b->key.kind, &b->params, d)) != SSLB_OK) return rc;
    memset(&c, 0, sizeof c);
    memset(&bt, 0, sizeof bt);
    pkey_from_key(t, &c.pk, &b->key);
    at = index_locate(t->kind[b->key.kind].idx, &c.pk, &unused);
    if (op == OP_ADD && at >= 0) return SSLB_EEXISTS;
    if (op != OP_ADD && at < 0) return SSLB_ENOTFOUND;
    c.op = op;
    if (op != OP_DELETE) {
        if ((rc = rec_new(t, b, &c.r)) != SSLB_OK) return rc;
        pkey_from_rec(&c.pk, c.r);
    }
    bt.c = &c;
    bt.n = 1;
    bt.adds[b->key.kind] = op == OP_ADD;
    if ((rc = batch_reserve(t, &bt)) != SSLB_OK) {
        batch_abort(t, &bt);
        return rc;
    }
    batch_publish(t, &bt);
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

/* Prepares dst := src as one batch: per kind, the adds and updates (src's bindings that dst lacks
 * or holds differently), then the deletes (dst's bindings that src lacks). Both mutexes held. */
static sslb_rc assign_prepare(sslb_table *dst, sslb_table *src, struct batch *bt)
{
    size_t most = 0;
    sslb_rc rc;

    for (int k = 0; k < SSLB_KIND_COUNT; k++) most += src->kind[k].live + dst->kind[k].live;
    if (most && !(bt->c = tab_malloc(dst, most * sizeof *bt->c))) return SSLB_ENOMEM;
    for (int k = 0; k < SSLB_KIND_COUNT; k++) {
        const struct index *sx = src->kind[k].idx, *dx = dst->kind[k].idx;
        for (size_t i = 0; i <= sx->mask; i++) {
            struct change *c;
            sslb_binding b;
            size_t unused;
            long at;
            if (sx->tags[i] <= TAG_TOMB) continue;
            assert(bt->n < most);
            c = &bt->c[bt->n];
            rec_fill(sx->slots[i], &b, NULL);
            pkey_from_key(dst, &c->pk, &b.key);
            at = index_locate(dx, &c->pk, &unused);
            if (at >= 0 && rec_same_params(dx->slots[at], sx->slots[i])) continue;
            c->r = NULL;
            if ((rc = rec_new(dst, &b, &c->r)) != SSLB_OK) return rc;
            pkey_from_rec(&c->pk, c->r);
            c->op = at < 0 ? OP_ADD : OP_UPDATE;
            bt->adds[k] += at < 0;
            bt->n++;
        }
        for (size_t i = 0; i <= dx->mask; i++) {
            struct change *c;
            sslb_binding b;
            struct pkey in_src;
            size_t unused;
            if (dx->tags[i] <= TAG_TOMB) continue;
            rec_fill(dx->slots[i], &b, NULL);
            pkey_from_key(src, &in_src, &b.key);
            if (index_locate(sx, &in_src, &unused) >= 0) continue;
            assert(bt->n < most);
            c = &bt->c[bt->n];
            pkey_from_rec(&c->pk, dx->slots[i]);
            c->r = NULL;
            c->op = OP_DELETE;
            bt->n++;
        }
    }
    return batch_reserve(dst, bt);
}

sslb_rc sslb_table_assign(sslb_table *dst, sslb_table *src)
{
    struct batch bt;
    sslb_rc rc;

    if (dst == src) return SSLB_OK;
    memset(&bt, 0, sizeof bt);
    pthread_mutex_lock(&src->lock);
    pthread_mutex_lock(&dst->lock);
    if ((rc = assign_prepare(dst, src, &bt)) == SSLB_OK)
        batch_publish(dst, &bt);
    else
        batch_abort(dst, &bt);
    free(bt.c);
    pthread_mutex_unlock(&dst->lock);
    pthread_mutex_unlock(&src->lock);
    return rc;
}

/* ---- control-plane reads ----------------------------------------------------------------- */

sslb_rc sslb_table_query(sslb_table *t, const sslb_key *k, sslb_binding *out)
{
    struct pkey pk;
    size_t unused;
    long at;

    if (k->kind >= SSLB_KIND_COUNT) return SSLB_EINVAL;
    pthread_mutex_lock(&t->lock);
    pkey_from_key(t, &pk, k);
    at = index_locate(t->kind[k->kind].idx, &pk, &unused);
    if (at >= 0) rec_fill(t->kind[k->kind].idx->slots[at], out, NULL);
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

static int ordered_cmp(const void *a, const void *b) /* ASCII: the same order under every locale */
{
    return sslb_ascii_casecmp(((const struct ordered *)a)->text, ((const struct ordered *)b)->text);
}

/* Collects one kind's records sorted by key text; *out is malloc'd (NULL when empty). */
static sslb_rc collect_sorted(sslb_table *t, const struct kindtab *kt, struct ordered **out,
                              size_t *n)
{
    const struct index *ix = kt->idx;
    struct ordered *v = NULL;
    size_t m = 0;

    if (kt->live && !(v = tab_malloc(t, kt->live * sizeof *v))) return SSLB_ENOMEM;
    for (size_t i = 0; i <= ix->mask; i++) {
        if (ix->tags[i] > TAG_TOMB) {
            sslb_binding b;
            rec_fill(ix->slots[i], &b, NULL);
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
        if (collect_sorted(t, &t->kind[k], &v, &n) != SSLB_OK) {
            ret = SSLB_ENOMEM;
            break;
        }
        for (size_t i = 0; i < n && ret == 0; i++) {
            sslb_binding b;
            rec_fill(v[i].r, &b, NULL);
            ret = fn(ctx, &b);
        }
        free(v);
    }
    pthread_mutex_unlock(&t->lock);
    return ret;
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
    const struct rec *r = index_find(&t->kind[pk->kind], pk, NULL, NULL);

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
    rec_fill(r, &out->binding, out->strings);
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
        sni_hash = key_hash(t, sslb__hash_host_lower(sni, sni_len, port, name));
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
    pk.hash = key_hash(t, sslb__hash_ip(family, addr, port));
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
            pk.hash = key_hash(t, sslb__hash_port(port));
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
        pk.hash = key_hash(t, sslb__hash_ip(6, zero, port));
        if ((r = probe(t, tr, step = 4, &pk))) goto hit;
    }
    if (!(pm & PM_WILD4)) {
        skip(tr, 5, SSLB_IPPORT, SSLB_WHY_PORT_EMPTY, "0.0.0.0");
    } else {
        pk.family = 4;
        pk.hash = key_hash(t, sslb__hash_ip(4, zero, port));
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

/* ---- test hooks (table_int.h) ------------------------------------------------------------ */

void sslb__table_fail_alloc_after(sslb_table *t, long n)
{
    pthread_mutex_lock(&t->lock);
    t->fail_after = n < 0 ? -1 : n;
    pthread_mutex_unlock(&t->lock);
}

sslb_rc sslb__table_force_hash(sslb_table *t, uint64_t and_mask, uint64_t or_bits)
{
    sslb_rc rc = SSLB_OK;

    pthread_mutex_lock(&t->lock);
    for (int k = 0; k < SSLB_KIND_COUNT; k++)
        if (t->kind[k].live) rc = SSLB_EINVAL;
    if (rc == SSLB_OK) {
        t->hash_and = and_mask;
        t->hash_or = or_bits;
    }
    pthread_mutex_unlock(&t->lock);
    return rc;
}

void sslb__table_index_info(sslb_table *t, sslb_kind kind, sslb__index_info *out)
{
    const struct index *ix;

    memset(out, 0, sizeof *out);
    if ((unsigned)kind >= SSLB_KIND_COUNT) return;
    pthread_mutex_lock(&t->lock);
    ix = t->kind[kind].idx;
    out->cap = ix->mask + 1;
    out->live = t->kind[kind].live;
    out->used = t->kind[kind].used;
    for (size_t i = 0; i <= ix->mask; i++) out->tombs += ix->tags[i] == TAG_TOMB;
    pthread_mutex_unlock(&t->lock);
}

long sslb__table_probe(sslb_table *t, const sslb_key *k, unsigned *groups)
{
    char host[HOST_AREA(SSLB_HOST_MAX)]; /* zero-padded, as resolve pads the SNI */
    struct pkey pk;
    long slot = -1;

    if (groups) *groups = 0;
    if (k->kind >= SSLB_KIND_COUNT || k->host_len > SSLB_HOST_MAX) return -1;
    pkey_from_key(t, &pk, k);
    memset(host, 0, sizeof host);
    memcpy(host, k->host, k->host_len);
    pk.host = host;
    sslb__rcu_read_lock();
    index_find(&t->kind[k->kind], &pk, &slot, groups);
    sslb__rcu_read_unlock();
    return slot;
}

void sslb__table_pool_size(sslb_table *t, size_t *entries, size_t *bytes)
{
    pthread_mutex_lock(&t->lock);
    *entries = HASH_COUNT(t->pool);
    *bytes = t->pool_bytes;
    pthread_mutex_unlock(&t->lock);
}
