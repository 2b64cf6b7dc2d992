/* index_int.h — what the binding table's three files share (private to the library):
 * table.c, the control plane (add, update, delete, assign, query, foreach under the writers'
 * mutex; records and interned strings); index.c, the read index (layout, writer-side search and
 * fill, growth); resolve.c, lookup.md's steps and the trace. The reader's probe is here, inline,
 * because resolve's speed depends on it being inlined.
 */
#ifndef SSLB_INDEX_INT_H
#define SSLB_INDEX_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sslb/table.h"
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

struct strs;  /* interned strings (table.c) */
struct sname; /* a store name's id (table.c) */
#define SNAME_CHUNK 1024
#define SNAME_CHUNKS 1024 /* at most SNAME_CHUNK * SNAME_CHUNKS - 1 distinct store names */

struct rec {
    uint64_t hash;
    struct strs *strs; /* NULL: no strings set */
    uint32_t check_mode, fresh, timeout, flags;
    uint32_t store_id; /* the store name's id (sslb_table_store_name), 0: none */
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
    /* Store names by id (1..): chunks of SNAME_CHUNK pointers, filled once, read lock-free with
     * acquire loads; names live as long as the table (sslb_table_store_name's promise). */
    const char **snames[SNAME_CHUNKS];
    uint32_t snames_n;                      /* writer-only: ids given */
    struct sname *sname_map;                /* writer-only: name -> id (uthash) */
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

/* The tags of group g equal to tag (*hits) and empty (*empty), one bit per slot. */
static inline void group_match(const uint8_t *tags, size_t g, uint8_t tag, unsigned *hits,
                               unsigned *empty)
{
#if defined(__SSE2__) && !defined(SSLB_TSAN)
    /* Each byte read is one a writer stored (x86 loads do not tear bytes), and the fence
     * orders the slot loads after it, as a byte-wise acquire would. */
    __m128i grp = _mm_load_si128((const __m128i *)(const void *)&tags[g]);
    *hits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(grp, _mm_set1_epi8((char)tag)));
    *empty = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(grp, _mm_setzero_si128()));
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
#else
    unsigned h = 0, e = 0;
    for (unsigned b = 0; b < GROUP; b++) { /* the same, byte by byte (what TSan can check) */
        uint8_t t = __atomic_load_n(&tags[g + b], __ATOMIC_ACQUIRE);
        h |= (unsigned)(t == tag) << b;
        e |= (unsigned)(t == TAG_EMPTY) << b;
    }
    *hits = h;
    *empty = e;
#endif
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
        unsigned hits, empty;
        group_match(tags, g, tag, &hits, &empty);
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

/* The batch's second stage: reads the first group of h's probe (prefetched by index_prefetch)
 * and starts fetching the record of its first candidate slot, so that the probe proper finds it
 * in cache. Touches nothing it would not read anyway; inside a read-side section. */
static inline void index_peek(const struct kindtab *kt, uint64_t h)
{
    const struct index *ix = sslb__rcu_deref(kt->idx);
    size_t g = h & ix->mask & ~(size_t)(GROUP - 1);
    unsigned hits, empty;

    group_match(ix->tags, g, tag_of(h), &hits, &empty);
    if (hits) {
        const struct rec *r = __atomic_load_n(&ix->slots[g + (size_t)__builtin_ctz(hits)], __ATOMIC_ACQUIRE);
        if (r) {
            __builtin_prefetch(r);
            __builtin_prefetch((const char *)r + 64); /* a host record's name */
        }
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

/* ---- index.c ---------------------------------------------------------------------------- */

void sslb__pkey_from_key(const sslb_table *t, struct pkey *p, const sslb_key *k);
void sslb__pkey_from_rec(struct pkey *p, const struct rec *r);
struct index *sslb__index_new(sslb_table *t, size_t cap);
long sslb__index_locate(const struct index *ix, const struct pkey *k, size_t *free_slot);
void sslb__tag_store(struct index *ix, size_t i, uint8_t v);
void sslb__index_fill(struct index *ix, size_t i, struct rec *r);
struct index *sslb__index_rebuilt(sslb_table *t, const struct kindtab *kt, size_t n);

/* ---- table.c ---------------------------------------------------------------------------- */

/* Every allocation a writer makes (align 0: malloc), so sslb__table_fail_alloc_after reaches it. */
void *sslb__tab_alloc(sslb_table *t, size_t align, size_t n);
void sslb__rec_fill(const struct rec *r, sslb_binding *b, char *strbuf);

#endif
