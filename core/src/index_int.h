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

/* Slots come in aligned groups of GROUP (a 16-byte run of tags: one SSE2 compare). A key lives
 * in the first group of its probe sequence that had a free slot when it was added, so a lookup
 * checks a whole group and stops at the first group holding an empty slot. A delete leaves a
 * tombstone only in a group that has been full (no empty slot): a probe may have passed it. */
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
struct cold;  /* interned cold part of a parameter block (table.c) */
struct sname; /* a store name's id (table.c) */
#define SNAME_CHUNK 1024
#define SNAME_CHUNKS 1024 /* at most SNAME_CHUNK * SNAME_CHUNKS - 1 distinct store names */

/* A binding's hot record: what a hit compares and what the handshake needs, 56 bytes (host
 * kinds: 40 + the name's HOST_AREA). The rest of the parameter block (AppId, check mode,
 * freshness, timeout, certificate-hash length, strings) is interned in `cold`, which bindings
 * with the same values share. The kind is the index's. Immutable once a reader can see it. */
struct rec {
    struct cold *cold;
    uint32_t flags;
    uint32_t store_id; /* the store name's id (sslb_table_store_name), 0: none */
    uint16_t port;
    uint8_t family;   /* IP:port */
    uint8_t host_len; /* host kinds */
    uint8_t certhash[SSLB_CERTHASH_LEN];
    union {
        uint8_t addr[16]; /* IP:port */
        char host[16];    /* host kinds: host_len bytes, NUL, zeros up to HOST_AREA (past the struct) */
    };
};
_Static_assert(sizeof(struct rec) == 56, "a record and its pointer fill one cache line");

/* Bytes a record's host name takes: rounded up to 16 so the read path can copy it in fixed
 * 16-byte moves (a variable-length memcpy costs more than the lookup itself). */
#define HOST_AREA(len) (((size_t)(len) + 1 + 15) & ~(size_t)15)
#define REC_HOST_OFF offsetof(struct rec, host)

static inline int kind_has_host(int kind)
{
    return kind == SSLB_HOSTPORT || kind == SSLB_SCOPEDCCS;
}

/* Bytes of a record of this kind and host length. */
static inline size_t rec_size(int kind, size_t host_len)
{
    if (!kind_has_host(kind) || HOST_AREA(host_len) <= 16) return sizeof(struct rec);
    return REC_HOST_OFF + HOST_AREA(host_len);
}

static inline const char *rec_host(const struct rec *r)
{
    return (const char *)r + REC_HOST_OFF;
}

/* One slot's entry, parallel to the tags: the slot's record lives in it ("home"), so the reader
 * computes its address from the slot number and a hit's record load does not wait for another
 * load from memory. `over`, in the same cache line, is NULL while the home record is current;
 * else it points to the current record, kept out of line while readers may still be reading
 * the home one (after an update, or in a slot reused before a grace period), or for good when
 * the host name does not fit. IP and CCS entries are 64 bytes; host entries 128 (names up to
 * 79 characters at home). */
struct ent {
    struct rec *over;
    struct rec rec;
};
#define ENT_SMALL 64
#define ENT_HOST 128

/* Writer-side state of a slot. */
enum { W_FREE, W_HOME, W_OVER };

struct index {
    /* what readers use, in the first cache line */
    size_t cap;     /* slots: GROUP * ngroups */
    size_t ngroups; /* any number >= 1: the first group is a multiply-shift of the hash */
    size_t esize;   /* bytes per entry */
    uint8_t *tags;
    unsigned char *ents; /* cap entries of esize bytes, cache-line aligned */
    uint64_t *filter;    /* large indexes: the read-side filter, fwords words (atomic); else NULL */
    size_t fwords;
    uint32_t gen;    /* rebuilds of this kind: fold notes name their index by it */
    uint32_t ewords; /* words of the exact-address filter (at EXACT_AT) */
    /* writer-only */
    uint8_t exact_on; /* the exact-address filter is kept (else its one word is all ones) */
    size_t stale;     /* deletes since the filters were built (their bits are still set) */
    uint64_t *seq;    /* per slot, the last event that left readers on its home */
    uint8_t *where;   /* W_* */
};

struct kindtab {
    struct index *idx; /* RCU-published */
    size_t live;       /* writer-only: records */
    size_t used;       /* writer-only: records + tombstones */
};

/* A slot whose current record is out of line, to bring home once its grace period has ended. */
struct fold {
    uint64_t seq;
    uint32_t gen, slot;
    uint8_t kind;
};

struct sslb_table {
    struct kindtab kind[SSLB_KIND_COUNT];
    uint64_t hash_and, hash_or;       /* hashes are (h & and) | or: ~0, 0 except in tests */
    uint8_t portmap[65536];           /* readers: atomic byte loads */
    uint8_t prefetch;                 /* atomic, a hint: 1 when some index is large (index_large) */
    uint8_t prefetch_forced;          /* writer-only: test hook, prefetch whatever the size */
    uint8_t filter_forced;            /* writer-only: test hook, a filter whatever the size */
    uint32_t (*portcount)[PM_NCLASS]; /* writer-only */
    sslb_central central;
    pthread_mutex_t lock;
    struct strs *pool;      /* writer-only */
    size_t pool_bytes;      /* writer-only */
    struct cold *cold_pool; /* writer-only */
    long fail_after;        /* test hook: allocations before they fail; < 0 never */
    /* Store names by id (1..): chunks of SNAME_CHUNK pointers, filled once, read lock-free with
     * acquire loads; names live as long as the table (sslb_table_store_name's promise). */
    const char **snames[SNAME_CHUNKS];
    uint32_t snames_n;       /* writer-only: ids given */
    struct sname *sname_map; /* writer-only: name -> id (uthash) */
    /* Grace periods for homes (index.c): every event that leaves readers on a home (update,
     * delete) takes the next number; a marker handed to call_rcu says when all events up to a
     * number are past their grace period. 64 bits: they never wrap (2^64 events at 10^9 a
     * second take 584 years), so "seq <= done_seq" is a plain compare; 32-bit numbers wrapped
     * after 2^31 events, and then every home looked busy for good (or, under a read-side
     * section held open across them, free too early). */
    uint64_t ev_seq;     /* writer-only: last event */
    uint64_t done_seq;   /* atomic: events whose grace period has ended */
    uint64_t marker_seq; /* atomic: the marker in flight covers events up to this */
    int marker_busy;     /* atomic */
    struct fold *folds;  /* writer-only ring */
    size_t fold_head, fold_n, fold_cap;
};

/* A key as the index compares it, built once per probe. */
struct pkey {
    uint64_t hash;
    uint8_t kind, family, host_len;
    uint16_t port;
    uint32_t id;     /* key_id(port, family, host_len): the reader compares it with rec_id */
    uint64_t a0, a1; /* IP:port: the 16 address bytes as words, for the reader */
    const uint8_t *addr;
    const char *host;
};

/* A record's port, family and host_len read as one word (family is 0 in host records, host_len
 * 0 in the others: table.c zeroes records), and a key's, so the reader checks all three with
 * one compare. */
_Static_assert(offsetof(struct rec, family) == offsetof(struct rec, port) + 2 &&
                   offsetof(struct rec, host_len) == offsetof(struct rec, port) + 3,
               "port, family and host_len make one 32-bit word");
static inline uint32_t rec_id(const struct rec *r)
{
    uint32_t v;
    memcpy(&v, &r->port, 4);
    return v;
}

static inline uint32_t key_id(uint16_t port, uint8_t family, uint8_t host_len)
{
    struct {
        uint16_t port;
        uint8_t family, host_len;
    } x = {port, family, host_len};
    uint32_t v;
    memcpy(&v, &x, 4);
    return v;
}

static inline uint8_t tag_of(uint64_t h)
{
    uint8_t t = (uint8_t)(h >> 56);
    return t < 2 ? (uint8_t)(t + 2) : t;
}

/* The first slot of the first group of h's probe: the low 32 bits scaled to ngroups. */
static inline size_t group_first(const struct index *ix, uint64_t h)
{
    return (size_t)(((uint64_t)(uint32_t)h * ix->ngroups) >> 32) * GROUP;
}

/* The slot of its first group where a key is put when it is free (bits 32..35 of the hash), and
 * its mate (the other slot of the same aligned pair) when it is not: the reader starts fetching
 * both entries with the tags (one 128-byte block for IP entries), so a key in its preferred pair
 * costs one wait for memory, not a tag load and then an entry load. Pairs fill like bins of two:
 * at load 5/8, 85 % of keys fit in theirs (a single preferred slot: 74 % at best). */
static inline size_t slot_pref(uint64_t h)
{
    return (size_t)(h >> 32) & (GROUP - 1);
}

static inline size_t slot_pair(uint64_t h)
{
    return slot_pref(h) & ~(size_t)1;
}

static inline size_t group_next(const struct index *ix, size_t g)
{
    g += GROUP;
    return g == ix->cap ? 0 : g;
}

static inline struct ent *ent_at(const struct index *ix, size_t i)
{
    return (struct ent *)(void *)(ix->ents + i * ix->esize);
}

/* The reader's view of slot i: the out-of-line record if there is one, else the home one. */
static inline const struct rec *ent_rec(const struct ent *e)
{
    const struct rec *o = __atomic_load_n(&e->over, __ATOMIC_ACQUIRE);
    return o ? o : &e->rec;
}

/* The read-side filter of a large index: a blocked Bloom filter, one 64-bit word per key (a
 * multiply-shift of the hash's low 32 bits onto the words) with FILTER_K bits set in it (from
 * bits 36..47 of the hash, which neither the tag nor the preferred slot uses). A key's bits are
 * set before its tag is published and never cleared while the index lives (a delete leaves them:
 * false positives only), so a clear bit proves the key absent without touching the tags: the
 * probe plan of a single resolve and the batch's both ask it; index_find does not. A kind whose
 * deletes since its filter was built pass index_stale's bound gets its index rebuilt at the same
 * size, with a fresh filter.
 * Its size is what makes it pay: FILTER_PER_GROUP, one word per group of 16 slots (half a byte
 * per slot, 4.6 to 6.4 bits per key between loads 7/8 and 5/8, 7 to 13 % false positives), keeps a 1 M
 * binding table's filters near 1 MiB, which the probes keep in the caches while tags and entries
 * are not; a byte per slot (2 % false positives) was no likelier to be in cache than the tags
 * themselves, and a single miss then waited for memory all the same (measured, docs/performance.md). */
#define FILTER_PER_GROUP 1
#define FILTER_K 2

static inline uint64_t filter_mask(uint64_t h)
{
    return (uint64_t)1 << ((h >> 36) & 63) | (uint64_t)1 << ((h >> 42) & 63); /* FILTER_K bits */
}

static inline size_t filter_word(const struct index *ix, uint64_t h)
{
    return (size_t)(((uint64_t)(uint32_t)h * ix->fwords) >> 32);
}

/* 0: no key with hash h is in ix (a key added before the caller's read-side section began has
 * its bits set); 1: maybe. Indexes without a filter always answer maybe. */
static inline int filter_maybe(const struct index *ix, uint64_t h)
{
    uint64_t m;
    if (!ix->filter) return 1;
    m = filter_mask(h);
    return (__atomic_load_n(&ix->filter[filter_word(ix, h)], __ATOMIC_RELAXED) & m) == m;
}

/* The exact-address filter of a small IP:port index: one bit per key with a real address, set
 * before its tag is published and never cleared while the index lives (as the filter's: deletes
 * past index_stale's bound get the index rebuilt with fresh filters), from a hash of the address
 * and port alone, so that the common miss of step 1 (a client address no
 * binding holds) costs neither the key hash nor a probe of the tags. A single resolve of a table
 * without a large index asks it (resolve_prepared); EXACT_PER_GROUP words per group of 16 slots
 * (16 bits per slot: 4 to 5 % false positives between loads 5/8 and 7/8). An index too large
 * for the caches, or of another kind, has one word of all ones instead: always maybe (the
 * prefetching plans use the filter above). The words start at EXACT_AT in the index's block, a
 * constant offset, so a reader pays no pointer load for them. */
#define EXACT_PER_GROUP 4
#define EXACT_AT ((sizeof(struct index) + 63) & ~(size_t)63)

/* The address hash: one 64-bit multiply, its high half folded onto the low one (the word from
 * the low 32 bits, the bit from the low 6). w0, w1: the 16 address bytes as little-endian words;
 * the port goes in bits 32..47, which an IPv4 address leaves zero. (A 128-bit product, as
 * sslb__fold makes, cost spills of its halves in resolve.) */
static inline uint64_t exact_hash(uint64_t w0, uint64_t w1, uint16_t port)
{
    uint64_t m = (w0 ^ w1 ^ (uint64_t)port << 32) * SSLB__H2;
    return m ^ m >> 32;
}

static inline const uint64_t *exact_words(const struct index *ix)
{
    return (const uint64_t *)(const void *)((const unsigned char *)ix + EXACT_AT);
}

static inline size_t exact_word(const struct index *ix, uint64_t f)
{
    return (size_t)(((uint64_t)(uint32_t)f * ix->ewords) >> 32);
}

/* 0: no IP:port key with this address hash is in ix (as filter_maybe says); 1: maybe. */
static inline int exact_maybe(const struct index *ix, uint64_t f)
{
    return (int)(__atomic_load_n(&exact_words(ix)[exact_word(ix, f)], __ATOMIC_RELAXED) >> (f & 63)) & 1;
}

static inline int rec_matches(const struct rec *r, const struct pkey *k)
{
    if (r->port != k->port) return 0;
    switch (k->kind) {
    case SSLB_IPPORT:
        return r->family == k->family && memcmp(r->addr, k->addr, 16) == 0;
    case SSLB_HOSTPORT:
    case SSLB_SCOPEDCCS:
        return r->host_len == k->host_len && memcmp(rec_host(r), k->host, k->host_len) == 0;
    default:
        return 1;
    }
}

/* rec_matches for the read path: one compare for port, family and host length (k->id), the
 * address as two words (k->a0, k->a1), and host names (the lower-cased SNI) zero-padded to
 * HOST_AREA like the records', compared 16 bytes at a time instead of calling memcmp. */
static inline int rec_matches_padded(const struct rec *r, const struct pkey *k)
{
    if (rec_id(r) != k->id) return 0;
    if (k->kind == SSLB_IPPORT) {
        uint64_t x0, x1;
        memcpy(&x0, r->addr, 8);
        memcpy(&x1, r->addr + 8, 8);
        return ((x0 ^ k->a0) | (x1 ^ k->a1)) == 0;
    }
    if (!kind_has_host(k->kind)) return 1;
    const char *h = rec_host(r);
    if (HOST_AREA(k->host_len) > 240) return memcmp(h, k->host, k->host_len) == 0;
#if defined(__SSE2__)
    __m128i diff = _mm_setzero_si128();
    for (size_t i = 0; i < HOST_AREA(k->host_len); i += 16)
        diff = _mm_or_si128(diff, _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)(h + i)),
                                                _mm_loadu_si128((const __m128i *)(const void *)(k->host + i))));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(diff, _mm_setzero_si128())) == 0xffff;
#else
    uint64_t diff = 0;
    for (size_t i = 0; i < HOST_AREA(k->host_len); i += 8) {
        uint64_t x, y;
        memcpy(&x, h + i, 8);
        memcpy(&y, k->host + i, 8);
        diff |= x ^ y;
    }
    return diff == 0;
#endif
}

/* The tags of group g equal to tag (*hits) and empty (*empty), one bit per slot. */
static inline void group_match(const uint8_t *tags, size_t g, uint8_t tag, unsigned *hits, unsigned *empty)
{
#if defined(__SSE2__) && !defined(SSLB_TSAN)
    /* Each byte read is one a writer stored (x86 loads do not tear bytes), and the fence
     * orders the slot loads after it, as a byte-wise acquire would. */
    __m128i grp = _mm_load_si128((const __m128i *)(const void *)&tags[g]);
    __m128i want = _mm_shuffle_epi32(_mm_cvtsi32_si128((int)(tag * 0x01010101u)), 0); /* _mm_set1_epi8 in 3 */
    *hits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(grp, want));
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

/* A probe's first group as read ahead of the probe (the batch's second stage): the index it was
 * read in, the group, and its tags equal to the key's tag and empty. ix NULL: not read. Valid
 * only inside the read-side section it was read in. */
struct first {
    const struct index *ix;
    size_t g;
    unsigned hits, empty;
};

/* The reader's probe of ix from k's first group on, until a group holds an empty slot; f: NULL,
 * or that group as already read (the batch's: index_first), which is then not read again. Must
 * run inside the read-side section ix (and f) was read in. slot and groups as index_find's. */
static inline __attribute__((always_inline)) const struct rec *
index_scan(const struct index *ix, const struct pkey *k, const struct first *f, long *slot, unsigned *groups)
{
    /* Locals: the acquire loads below would otherwise make the compiler reload these. */
    const uint8_t *tags = ix->tags;
    const unsigned char *ents = ix->ents;
    const size_t esize = kind_has_host(k->kind) ? ENT_HOST : ENT_SMALL; /* ix->esize, a constant where inlined */
    size_t g = f ? f->g : group_first(ix, k->hash);
    uint8_t tag = tag_of(k->hash);

    for (;;) {
        unsigned hits, empty;
        if (f) {
            hits = f->hits;
            empty = f->empty;
            f = NULL;
        } else {
            group_match(tags, g, tag, &hits, &empty);
        }
        if (groups) ++*groups;
        while (hits) {
            size_t i = g + (size_t)__builtin_ctz(hits);
            const struct rec *r = ent_rec((const struct ent *)(const void *)(ents + i * esize));
            if (rec_matches_padded(r, k)) {
                if (slot) *slot = (long)i;
                return r;
            }
            hits &= hits - 1;
        }
        if (empty) return NULL;
        g = group_next(ix, g);
    }
}

/* The reader's probe: lock-free, wait-free in the absence of pathological tombstone chains
 * (bounded by the capacity in any case, since an index always keeps an eighth of its slots
 * empty). Must run inside a read-side section. It does not ask the filter: the probe plans do
 * (resolve_prepared's, the batch's) and skip the probe when the filter says absent; small tables,
 * which have no filter, pay nothing for it. slot and groups (NULL on the fast path, where
 * they compile away) receive where k was found and how many groups were read. */
static inline __attribute__((always_inline)) const struct rec *
index_find(const struct kindtab *kt, const struct pkey *k, long *slot, unsigned *groups)
{
    return index_scan(sslb__rcu_deref(kt->idx), k, NULL, slot, groups);
}

/* Reads the first group of h's probe in ix (its tags fetched ahead) into *f and starts fetching
 * the entry of its first candidate slot, so that the probe proper (index_scan from *f) finds it
 * in cache. Touches nothing it would not read anyway; inside a read-side section. */
static inline __attribute__((always_inline)) void index_first(const struct index *ix, uint64_t h, struct first *f)
{
    f->ix = ix;
    f->g = group_first(ix, h);
    group_match(ix->tags, f->g, tag_of(h), &f->hits, &f->empty);
    if (f->hits) {
        const unsigned char *e = ix->ents + (f->g + (size_t)__builtin_ctz(f->hits)) * ix->esize;
        __builtin_prefetch(e);
        if (ix->esize > 64) __builtin_prefetch(e + 64);
    }
}

/* The functions below that only prefetch are always_inline: a prefetch is no side effect to
 * GCC, so a function whose only effect is one, left out of line until after GCC's analysis of
 * side effects, is found pure and its calls are deleted as dead. That happened to
 * index_fetch_tags while it was static inline only: the batch's first stage fetched nothing
 * (test_resolve's the_compiled_batch_starts_its_fetches now checks the compiled code). */

/* index_first for a single resolve's probe plan, which probes from scratch afterwards. */
static inline __attribute__((always_inline)) void index_peek(const struct kindtab *kt, uint64_t h)
{
    struct first f;
    index_first(sslb__rcu_deref(kt->idx), h, &f);
}

/* Starts fetching the group of tags a probe for hash h will read first, so that the probes of
 * one resolve wait for memory together rather than one after another. resolve_prepared calls
 * it only for keys the filter let through. */
static inline __attribute__((always_inline)) void index_prefetch(const struct kindtab *kt, uint64_t h)
{
    const struct index *ix = sslb__rcu_deref(kt->idx);
    size_t g = group_first(ix, h);
    const unsigned char *e = ix->ents + (g + slot_pair(h)) * ix->esize;

    __builtin_prefetch(&ix->tags[g]);
    __builtin_prefetch(e); /* the key's preferred pair: where most keys are */
    __builtin_prefetch(e + 64);
    if (ix->esize > 64) {
        __builtin_prefetch(e + 128);
        __builtin_prefetch(e + 192);
    }
}

/* The batch's first stage: starts fetching the first group of tags of hash h's probe in ix and,
 * with filter set, its filter word, together (one wait for both, while the other queries are
 * hashed); the next stage reads the word (filter_maybe) and reads the tags only of keys it lets
 * through. Fetching the tags after reading the word instead cost the batch a third wait for
 * memory whenever the words were not in cache (sni-hit 0.59 -> 0.54x memory-latency per lookup,
 * alternating runs). */
static inline __attribute__((always_inline)) void index_fetch_tags(const struct index *ix, uint64_t h, int filter)
{
    if (filter && ix->filter) __builtin_prefetch(&ix->filter[filter_word(ix, h)]);
    __builtin_prefetch(&ix->tags[group_first(ix, h)]);
}

/* filter_maybe of kind's current index (inside a read-side section): what both probe plans ask. */
static inline int index_maybe(const struct kindtab *kt, uint64_t h)
{
    return filter_maybe(sslb__rcu_deref(kt->idx), h);
}

/* Whether prefetching pays for itself: when the entries do not fit in the caches anyway. Below
 * that, index_prefetch and index_peek only cost instructions (a third of a small table's hit). */
#define PREFETCH_FROM ((size_t)4 << 20)
static inline int index_large(const struct index *ix)
{
    return ix->cap * ix->esize >= PREFETCH_FROM;
}

/* The readers' hint (t->prefetch) that some index is large: any value is correct, only the
 * speed depends on it. */
static inline int table_prefetch(const sslb_table *t)
{
    return __atomic_load_n(&t->prefetch, __ATOMIC_RELAXED);
}

/* The hash every index of t files a key under: the real one, unless a test forced it. */
static inline uint64_t key_hash(const sslb_table *t, uint64_t h)
{
    return (h & t->hash_and) | t->hash_or;
}

/* ---- index.c ---------------------------------------------------------------------------- */

void pkey_from_key(const sslb_table *t, struct pkey *p, const sslb_key *k);
void pkey_from_rec(const sslb_table *t, struct pkey *p, const struct rec *r, int kind);
struct index *index_new(sslb_table *t, int kind, size_t ngroups);
/* The writer's view of slot i's record (under the mutex). */
const struct rec *slot_rec(const struct index *ix, size_t i);
long index_locate(const struct index *ix, const struct pkey *k, size_t *free_slot);
/* The number of groups an index built for n records has (load 5/8). */
size_t index_groups_for(size_t n);
/* kt's records in a fresh index of ngroups groups (fresh filter, no tombstone, keys in their
 * preferred slot first); not published. NULL when out of memory. */
struct index *index_rebuilt(sslb_table *t, const struct kindtab *kt, int kind, size_t ngroups);
/* 1 when kt's filter holds so many deleted keys' bits that its index should be rebuilt. */
int index_stale(const struct kindtab *kt);
/* Rebuilds, at the same size, and publishes every index whose filter is stale (after a batch
 * is published; amortised O(1) per delete). Out of memory, an index just stays as it is. */
void index_refilter(sslb_table *t);
/* Publishing (the mutex held; none can fail). r is a prepared out-of-line record: it is
 * published, or copied home and freed. */
void index_add(sslb_table *t, struct index *ix, int kind, size_t slot, struct rec *r, uint64_t hash);
/* Replaces slot's record by r; returns the old record's cold part (the caller releases it). */
struct cold *index_replace(sslb_table *t, struct index *ix, int kind, size_t slot, struct rec *r);
/* Empties slot (a tombstone if its group has been full); returns the old record's cold part.
 * *was_empty: 1 when the slot went back to empty (used shrinks). */
struct cold *index_remove(sslb_table *t, struct index *ix, size_t slot, int *was_empty);
/* After a rebuild is published: frees the old index's out-of-line records that the new index
 * holds at home, and the old index, after a grace period. */
void index_retire(struct index *old, const struct index *nx, int kind);
/* Brings home at most `most` out-of-line records whose grace period has ended, and starts a
 * grace-period marker when events wait for one. */
void index_fold(sslb_table *t, size_t most);
/* Sets t->prefetch after indexes were published. */
void index_hint(sslb_table *t);
/* Frees an index and every out-of-line record it holds (destroy: no reader left). */
void index_free_all(struct index *ix);

/* ---- table.c ---------------------------------------------------------------------------- */

/* Every allocation a writer makes (align 0: malloc), so sslb__table_fail_alloc_after reaches it. */
void *tab_alloc(sslb_table *t, size_t align, size_t n);
void rec_fill(const struct rec *r, int kind, sslb_binding *b, char *strbuf);

#endif
