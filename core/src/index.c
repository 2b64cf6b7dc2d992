/* index.c — the read index of one kind: its layout, the writers' search, publication, growth,
 * and the grace periods that let a slot's home record be rewritten (see index_int.h for the
 * reader's probe and docs/architecture.md for why it is safe).
 *
 * Publication rules, each a store a concurrent reader can follow:
 *  - a record becomes visible by its tag (release), after its entry is complete;
 *  - a home record is written only while no reader can be reading it: in a slot never used
 *    since the index was built, or once a grace period has passed since the last event that
 *    left readers on it (seq <= done_seq). Otherwise the new record goes out of line and
 *    `over` (release) points to it, and a fold brings it home after the grace period;
 *  - a replaced or deleted out-of-line record is freed after a grace period (call_rcu).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "index_int.h"
#include "table_int.h"

static void free_ptr(void *p)
{
    free(p);
}

void pkey_from_key(const sslb_table *t, struct pkey *p, const sslb_key *k)
{
    memset(p, 0, sizeof *p);
    p->kind = k->kind;
    p->family = k->family;
    p->port = k->port;
    p->addr = k->addr;
    p->host = k->host;
    p->host_len = k->host_len;
    p->id = key_id(k->port, k->kind == SSLB_IPPORT ? k->family : 0, kind_has_host(k->kind) ? k->host_len : 0);
    if (k->kind == SSLB_IPPORT) {
        memcpy(&p->a0, k->addr, 8);
        memcpy(&p->a1, k->addr + 8, 8);
    }
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

/* k's fields from a record, without its hash. */
static void pkey_fields(struct pkey *p, const struct rec *r, int kind)
{
    memset(p, 0, sizeof *p);
    p->kind = (uint8_t)kind;
    p->port = r->port;
    if (kind == SSLB_IPPORT) {
        p->family = r->family;
        p->addr = r->addr;
        memcpy(&p->a0, r->addr, 8);
        memcpy(&p->a1, r->addr + 8, 8);
    } else if (kind_has_host(kind)) {
        p->host = rec_host(r);
        p->host_len = r->host_len;
    }
    p->id = rec_id(r);
}

void pkey_from_rec(const sslb_table *t, struct pkey *p, const struct rec *r, int kind)
{
    pkey_fields(p, r, kind);
    switch (kind) {
    case SSLB_IPPORT:
        p->hash = sslb__hash_ip(r->family, r->addr, r->port);
        break;
    case SSLB_HOSTPORT:
    case SSLB_SCOPEDCCS:
        p->hash = sslb__hash_host(p->host, r->host_len, r->port);
        break;
    default:
        p->hash = sslb__hash_port(r->port);
        break;
    }
    p->hash = key_hash(t, p->hash);
}

/* ---- layout ------------------------------------------------------------------------------ */

#define HUGE_PAGE ((size_t)2 << 20)
#define HUGE_FROM ((size_t)8 << 20)

size_t index_groups_for(size_t n)
{
    return n < 10 ? 1 : (n + 9) / 10; /* 16 slots per 10 records: load 5/8 */
}

/* One block: the header, the tags, the filter (large indexes), the entries (cache-line
 * aligned: an IP entry is one line), then the writer's arrays. Tags, filter and writer arrays
 * start zeroed (every slot empty and free);
 * every slot's seq is the last finished event, so every home is free to write. */
struct index *index_new(sslb_table *t, int kind, size_t ngroups)
{
    size_t cap = ngroups * GROUP, esize = kind_has_host(kind) ? ENT_HOST : ENT_SMALL;
    /* The filter: for an index whose entries do not fit in the caches (below that, the tags
     * are in cache and a filter would only cost instructions), or when a test asks. */
    size_t fwords = cap * esize >= PREFETCH_FROM || t->filter_forced ? ngroups * FILTER_PER_GROUP : 0;
    /* The exact-address filter: for a small IP:port index (index_int.h), else one word of ones. */
    int exact_on = kind == SSLB_IPPORT && cap * esize < PREFETCH_FROM;
    size_t ewords = exact_on ? ngroups * EXACT_PER_GROUP : 1;
    size_t tags_at = EXACT_AT + ((ewords * sizeof(uint64_t) + 63) & ~(size_t)63);
    size_t filter_at = tags_at + ((cap + 63) & ~(size_t)63);
    size_t ents_at = filter_at + ((fwords * sizeof(uint64_t) + 63) & ~(size_t)63);
    size_t seq_at = ents_at + cap * esize, where_at = seq_at + cap * sizeof(uint64_t);
    size_t bytes = where_at + cap;
    /* A large index asks for huge pages: a hit's entry load then misses the cache but not the
     * TLB (with 4 KiB pages, 1 M bindings' entries span 25 000 pages). */
    size_t align = bytes >= HUGE_FROM ? HUGE_PAGE : 64;
    unsigned char *m = tab_alloc(t, align, bytes);
    struct index *ix = (struct index *)(void *)m;
    uint64_t done = __atomic_load_n(&t->done_seq, __ATOMIC_ACQUIRE);

    if (!ix) return NULL;
#ifdef MADV_HUGEPAGE
    if (align == HUGE_PAGE) madvise(m, (bytes + align - 1) & ~(align - 1), MADV_HUGEPAGE); /* a hint */
#endif
    memset(ix, 0, sizeof *ix);
    ix->cap = cap;
    ix->ngroups = ngroups;
    ix->esize = esize;
    ix->tags = m + tags_at;
    ix->filter = fwords ? (uint64_t *)(void *)(m + filter_at) : NULL;
    ix->fwords = fwords;
    ix->ewords = (uint32_t)ewords;
    ix->exact_on = (uint8_t)exact_on;
    memset(m + EXACT_AT, exact_on ? 0 : 0xff, ewords * sizeof(uint64_t));
    ix->ents = m + ents_at;
    ix->seq = (uint64_t *)(void *)(m + seq_at);
    ix->where = m + where_at;
    memset(ix->tags, 0, cap);
    if (fwords) memset(ix->filter, 0, fwords * sizeof(uint64_t));
    memset(ix->where, W_FREE, cap);
    for (size_t i = 0; i < cap; i++) ix->seq[i] = done;
    return ix;
}

const struct rec *slot_rec(const struct index *ix, size_t i)
{
    const struct ent *e = ent_at(ix, i);
    return ix->where[i] == W_OVER ? e->over : &e->rec;
}

static int fits_home(const struct index *ix, int kind, const struct rec *r)
{
    return rec_size(kind, r->host_len) <= ix->esize - offsetof(struct ent, rec);
}

/* Writer's search: the slot holding k, or -1 with *free_slot the first slot an insert may use
 * (a tombstone or an empty slot, in probe order). */
long index_locate(const struct index *ix, const struct pkey *k, size_t *free_slot)
{
    size_t g = group_first(ix, k->hash), pref = slot_pref(k->hash);
    uint8_t tag = tag_of(k->hash);
    long free_group = -1;

    for (;;) {
        int saw_empty = 0, saw_free = 0;
        for (size_t i = g; i < g + GROUP; i++) {
            uint8_t t = ix->tags[i];
            if (t == TAG_EMPTY || t == TAG_TOMB) {
                saw_free = 1;
                saw_empty |= t == TAG_EMPTY;
            } else if (t == tag && rec_matches(slot_rec(ix, i), k)) {
                return (long)i;
            }
        }
        if (saw_free && free_group < 0) free_group = (long)g;
        if (saw_empty) break;
        g = group_next(ix, g);
    }
    /* the first group with a free slot; in it, the preferred slot, its mate, then the first free
     * slot from the preferred one on */
    if (ix->tags[(size_t)free_group + pref] <= TAG_TOMB) {
        *free_slot = (size_t)free_group + pref;
        return -1;
    }
    if (ix->tags[(size_t)free_group + (pref ^ 1)] <= TAG_TOMB) {
        *free_slot = (size_t)free_group + (pref ^ 1);
        return -1;
    }
    for (size_t j = 0; j < GROUP; j++) {
        size_t i = (size_t)free_group + ((pref + j) & (GROUP - 1));
        if (ix->tags[i] <= TAG_TOMB) {
            *free_slot = i;
            break;
        }
    }
    return -1;
}

/* ---- grace periods for homes ------------------------------------------------------------- */

static int home_free(const sslb_table *t, const struct index *ix, size_t i)
{
    return ix->seq[i] <= __atomic_load_n(&t->done_seq, __ATOMIC_ACQUIRE);
}

/* Readers may be on slot i's home (or following its `over`) until a grace period passes. */
static void mark_event(sslb_table *t, struct index *ix, size_t i)
{
    ix->seq[i] = ++t->ev_seq;
}

static void push_fold(sslb_table *t, int kind, const struct index *ix, size_t i)
{
    struct fold *f;

    if (t->fold_n == t->fold_cap) { /* plain realloc: a fold that cannot be queued just waits for the next rebuild */
        size_t ncap = t->fold_cap ? 2 * t->fold_cap : 64;
        struct fold *nf = malloc(ncap * sizeof *nf);
        if (!nf) return;
        for (size_t k = 0; k < t->fold_n; k++) nf[k] = t->folds[(t->fold_head + k) % t->fold_cap];
        free(t->folds);
        t->folds = nf;
        t->fold_cap = ncap;
        t->fold_head = 0;
    }
    f = &t->folds[(t->fold_head + t->fold_n) % t->fold_cap];
    f->seq = ix->seq[i];
    f->gen = ix->gen;
    f->slot = (uint32_t)i;
    f->kind = (uint8_t)kind;
    t->fold_n++;
}

static void marker_done(void *p)
{
    sslb_table *t = p;
    __atomic_store_n(&t->done_seq, __atomic_load_n(&t->marker_seq, __ATOMIC_RELAXED), __ATOMIC_RELEASE);
    __atomic_store_n(&t->marker_busy, 0, __ATOMIC_RELEASE);
}

void index_fold(sslb_table *t, size_t most)
{
    uint64_t done = __atomic_load_n(&t->done_seq, __ATOMIC_ACQUIRE);

    while (t->fold_n && most--) {
        struct fold f = t->folds[t->fold_head];
        struct index *ix = t->kind[f.kind].idx;
        struct ent *e;
        struct rec *o;
        /* A note that can no longer apply (its index was rebuilt, its slot is not out of line)
         * goes at once, whatever its number. Only a note whose grace period is still running
         * waits at the head, and it becomes ready: done_seq only grows, a marker is under way
         * whenever it is behind ev_seq (below), and f.seq <= ev_seq. */
        int moot = ix->gen != f.gen || ix->where[f.slot] != W_OVER;
        if (!moot && f.seq > done) break;
        t->fold_head = (t->fold_head + 1) % t->fold_cap;
        t->fold_n--;
        /* a later event on the slot has its own note */
        if (moot || !home_free(t, ix, f.slot)) continue;
        e = ent_at(ix, f.slot);
        o = e->over;
        if (!fits_home(ix, f.kind, o)) continue;
        memcpy(&e->rec, o, rec_size(f.kind, o->host_len));  /* no reader is on the home */
        __atomic_store_n(&e->over, NULL, __ATOMIC_RELEASE); /* readers now read it at home */
        ix->where[f.slot] = W_HOME;
        sslb__rcu_defer(free_ptr, o); /* readers that loaded `over` still read it */
    }
    if (t->ev_seq != done && !__atomic_load_n(&t->marker_busy, __ATOMIC_ACQUIRE)) {
        __atomic_store_n(&t->marker_seq, t->ev_seq, __ATOMIC_RELAXED);
        __atomic_store_n(&t->marker_busy, 1, __ATOMIC_RELAXED);
        sslb__rcu_defer(marker_done, t);
    }
}

void index_hint(sslb_table *t)
{
    int large = t->prefetch_forced;

    for (int k = 0; k < SSLB_KIND_COUNT; k++) large |= index_large(t->kind[k].idx);
    __atomic_store_n(&t->prefetch, (uint8_t)large, __ATOMIC_RELAXED);
}

/* ---- publication (writers, under the mutex) ---------------------------------------------- */

static void tag_store(struct index *ix, size_t i, uint8_t v)
{
    __atomic_store_n(&ix->tags[i], v, __ATOMIC_RELEASE);
}

/* Makes r slot i's current record: at home when no reader can be there (r is freed), else out
 * of line (r is published). The slot's tag is not touched. */
static void put_record(sslb_table *t, struct index *ix, int kind, size_t i, struct rec *r)
{
    struct ent *e = ent_at(ix, i);
    int fits = fits_home(ix, kind, r);

    if (fits && home_free(t, ix, i)) {
        memcpy(&e->rec, r, rec_size(kind, r->host_len));
        __atomic_store_n(&e->over, NULL, __ATOMIC_RELEASE);
        ix->where[i] = W_HOME;
        free(r);
    } else {
        __atomic_store_n(&e->over, r, __ATOMIC_RELEASE);
        ix->where[i] = W_OVER;
        if (fits) push_fold(t, kind, ix, i);
    }
}

/* Sets hash's bits in ix's filter (writers serialise: a plain read of the word, then an atomic
 * store that a reader may load at any time; bits are only ever added). */
static void filter_set(struct index *ix, uint64_t hash)
{
    uint64_t *w;

    if (!ix->filter) return;
    w = &ix->filter[filter_word(ix, hash)];
    __atomic_store_n(w, *w | filter_mask(hash), __ATOMIC_RELAXED);
}

/* Sets r's bit in ix's exact-address filter (as filter_set; only keys with a real address:
 * step 1 probes no other). */
static void exact_set(struct index *ix, const struct rec *r)
{
    uint64_t w0, w1, f, *w;

    if (!ix->exact_on) return;
    memcpy(&w0, r->addr, 8);
    memcpy(&w1, r->addr + 8, 8);
    if (!(w0 | w1)) return;
    f = exact_hash(w0, w1, r->port);
    w = (uint64_t *)(void *)((unsigned char *)ix + EXACT_AT) + exact_word(ix, f);
    __atomic_store_n(w, *w | (uint64_t)1 << (f & 63), __ATOMIC_RELAXED);
}

void index_add(sslb_table *t, struct index *ix, int kind, size_t slot, struct rec *r, uint64_t hash)
{
    assert(ix->where[slot] == W_FREE);
    exact_set(ix, r); /* r itself may be freed by put_record */
    put_record(t, ix, kind, slot, r);
    filter_set(ix, hash);              /* before the tag, whose store is a release: a reader */
    tag_store(ix, slot, tag_of(hash)); /* that sees the tag sees the key's bits and its entry */
}

struct cold *index_replace(sslb_table *t, struct index *ix, int kind, size_t slot, struct rec *r)
{
    struct ent *e = ent_at(ix, slot);
    struct cold *old;

    if (ix->where[slot] == W_HOME) {
        /* readers are on the home record: the new one goes out of line, one pointer store */
        old = e->rec.cold;
        __atomic_store_n(&e->over, r, __ATOMIC_RELEASE);
        ix->where[slot] = W_OVER;
        mark_event(t, ix, slot);
        if (fits_home(ix, kind, r)) push_fold(t, kind, ix, slot);
    } else {
        struct rec *o = e->over;
        old = o->cold;
        put_record(t, ix, kind, slot, r); /* home if its grace period is over */
        sslb__rcu_defer(free_ptr, o);
    }
    return old;
}

struct cold *index_remove(sslb_table *t, struct index *ix, size_t slot, int *was_empty)
{
    struct ent *e = ent_at(ix, slot);
    size_t g = slot & ~(size_t)(GROUP - 1);
    int group_has_empty = 0;
    struct cold *old;

    for (size_t i = g; i < g + GROUP; i++) group_has_empty |= ix->tags[i] == TAG_EMPTY;
    /* A group with an empty slot has never been full, so no probe went past it: the slot can be
     * empty again (SwissTable's rule). Else a tombstone keeps later keys reachable. */
    tag_store(ix, slot, group_has_empty ? TAG_EMPTY : TAG_TOMB);
    *was_empty = group_has_empty;
    if (ix->where[slot] == W_OVER) {
        old = e->over->cold;
        sslb__rcu_defer(free_ptr, e->over);
    } else {
        old = e->rec.cold;
    }
    ix->where[slot] = W_FREE;
    mark_event(t, ix, slot);                 /* readers may still be on the entry */
    ix->stale += ix->filter || ix->exact_on; /* its bits stay in either filter: only a rebuild
                                                clears them (false positives, never answers) */
    return old;
}

int index_stale(const struct kindtab *kt)
{
    const struct index *ix = kt->idx;

    /* Past half the live records, stale bits would raise the false positives (a filter sized
     * for 7/8 load then holds up to 1.5 times its keys); and past an eighth of the slots, so a
     * rebuild (O(cap)) comes at most once per cap/8 deletes: amortised O(1) per delete. A small
     * table's exact-address filter has 16 bits a slot, so it bears more: past the live records
     * and the slots (at most 2 bits of 16 a slot set, ~12 % false positives); without a bound,
     * churn of distinct addresses would fill it with the bits of addresses long deleted. */
    if (ix->filter) return ix->stale > kt->live / 2 && ix->stale >= ix->cap / 8;
    return ix->exact_on && ix->stale > kt->live && ix->stale >= ix->cap;
}

/* ---- growth ------------------------------------------------------------------------------ */

/* Copies old's record in slot i into nx's free slot j (nx unpublished: plain stores). */
static void rebuild_put(struct index *nx, const struct index *old, int kind, size_t i, size_t j, uint64_t hash)
{
    const struct rec *r = slot_rec(old, i);
    struct ent *e = ent_at(nx, j);

    if (fits_home(nx, kind, r)) {
        memcpy(&e->rec, r, rec_size(kind, r->host_len));
        e->over = NULL;
        nx->where[j] = W_HOME;
    } else {
        e->over = (struct rec *)r; /* moves to the new index */
        nx->where[j] = W_OVER;
    }
    nx->tags[j] = old->tags[i];
    filter_set(nx, hash);
    exact_set(nx, r);
}

/* A fresh index of ngroups groups holding kt's records at home (those that fit) and no
 * tombstone, with a fresh filter; not published. NULL when out of memory. An unpublished index
 * can be laid out freely: the keys whose preferred slot is free go there first (a reader's
 * fetch of that entry then overlaps the tags'), then the others in probe order. */
struct index *index_rebuilt(sslb_table *t, const struct kindtab *kt, int kind, size_t ngroups)
{
    const struct index *old = kt->idx;
    struct index *nx;
    uint64_t *hs; /* the first pass's hashes, for the second (NULL: hash again) */

    if (!(nx = index_new(t, kind, ngroups))) return NULL;
    nx->gen = old->gen + 1;
    hs = malloc(old->cap * sizeof *hs);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < old->cap; i++) {
            struct pkey k;
            size_t j;
            if (old->tags[i] <= TAG_TOMB) continue;
            if (pass == 1 && hs) {
                pkey_fields(&k, slot_rec(old, i), kind);
                k.hash = hs[i];
            } else {
                pkey_from_rec(t, &k, slot_rec(old, i), kind);
                if (hs) hs[i] = k.hash;
            }
            j = group_first(nx, k.hash) + slot_pref(k.hash);
            if (pass == 0) {
                if (nx->tags[j] != TAG_EMPTY) j ^= 1;   /* its mate */
                if (nx->tags[j] != TAG_EMPTY) continue; /* both taken: placed in the second pass */
            } else {
                /* placed in the first pass (no key is twice in an index), or search */
                if (nx->tags[j ^ 1] == old->tags[i] && rec_matches(slot_rec(nx, j ^ 1), &k)) continue;
                if (nx->tags[j] == old->tags[i] && rec_matches(slot_rec(nx, j), &k)) continue;
                index_locate(nx, &k, &j);
            }
            rebuild_put(nx, old, kind, i, j, k.hash);
        }
    }
    free(hs);
    return nx;
}

/* Publishes kind's rebuilt index nx in place of the current one (one pointer store: the same
 * bindings) and retires the old one. */
static void index_swap(sslb_table *t, int kind, struct index *nx)
{
    struct kindtab *kt = &t->kind[kind];
    struct index *old = kt->idx;

    sslb__rcu_assign(kt->idx, nx);
    kt->used = kt->live;
    index_retire(old, nx, kind);
}

void index_refilter(sslb_table *t)
{
    int changed = 0;

    for (int k = 0; k < SSLB_KIND_COUNT; k++) {
        struct index *nx;
        if (!index_stale(&t->kind[k])) continue;
        if (!(nx = index_rebuilt(t, &t->kind[k], k, t->kind[k].idx->ngroups))) continue;
        index_swap(t, k, nx);
        changed = 1;
    }
    if (changed) index_hint(t);
}

void index_retire(struct index *old, const struct index *nx, int kind)
{
    for (size_t i = 0; i < old->cap; i++) {
        const struct rec *o;
        if (old->tags[i] <= TAG_TOMB || old->where[i] != W_OVER) continue;
        o = ent_at(old, i)->over;
        if (fits_home(nx, kind, o)) sslb__rcu_defer(free_ptr, (void *)o); /* the new index holds a copy at home */
    }
    sslb__rcu_defer(free_ptr, old);
}

void index_free_all(struct index *ix)
{
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->tags[i] > TAG_TOMB && ix->where[i] == W_OVER) free(ent_at(ix, i)->over);
    free(ix);
}

/* ---- test hooks (table_int.h) ------------------------------------------------------------ */

void sslb__table_index_info(sslb_table *t, sslb_kind kind, sslb__index_info *out)
{
    const struct index *ix;

    memset(out, 0, sizeof *out);
    if ((unsigned)kind >= SSLB_KIND_COUNT) return;
    pthread_mutex_lock(&t->lock);
    ix = t->kind[kind].idx;
    out->cap = ix->cap;
    out->live = t->kind[kind].live;
    out->used = t->kind[kind].used;
    out->gen = ix->gen;
    out->filter_words = ix->fwords;
    out->exact_words = ix->exact_on ? ix->ewords : 0;
    for (size_t i = 0; i < out->exact_words; i++) out->exact_bits += (size_t)__builtin_popcountll(exact_words(ix)[i]);
    out->stale = ix->stale;
    out->folds = t->fold_n;
    for (size_t i = 0; i < ix->cap; i++) {
        out->tombs += ix->tags[i] == TAG_TOMB;
        if (ix->tags[i] > TAG_TOMB && kind == SSLB_IPPORT) {
            const struct rec *r = slot_rec(ix, i);
            uint64_t w0, w1;
            memcpy(&w0, r->addr, 8);
            memcpy(&w1, r->addr + 8, 8);
            out->exact_misses += (w0 | w1) && !exact_maybe(ix, exact_hash(w0, w1, r->port));
        }
        out->over += ix->tags[i] > TAG_TOMB && ix->where[i] == W_OVER;
    }
    pthread_mutex_unlock(&t->lock);
}

void sslb__table_advance_events(sslb_table *t, uint64_t n, int ended)
{
    if (ended) sslb__rcu_barrier(); /* no marker in flight: none moves done_seq back afterwards */
    pthread_mutex_lock(&t->lock);
    t->ev_seq += n;
    if (ended) {
        __atomic_store_n(&t->marker_seq, t->ev_seq, __ATOMIC_RELAXED);
        __atomic_store_n(&t->done_seq, t->ev_seq, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&t->lock);
}

size_t sslb__table_index_scan(sslb_table *t, sslb_kind kind, size_t *pref)
{
    const struct index *ix;
    size_t misses = 0;

    *pref = 0;
    if ((unsigned)kind >= SSLB_KIND_COUNT) return 0;
    pthread_mutex_lock(&t->lock);
    ix = t->kind[kind].idx;
    for (size_t i = 0; i < ix->cap; i++) {
        struct pkey k;
        if (ix->tags[i] <= TAG_TOMB) continue;
        pkey_from_rec(t, &k, slot_rec(ix, i), kind);
        *pref += (i & ~(size_t)1) == group_first(ix, k.hash) + slot_pair(k.hash);
        misses += !filter_maybe(ix, k.hash);
    }
    pthread_mutex_unlock(&t->lock);
    return misses;
}

sslb_rc sslb__table_force_filter(sslb_table *t, int on)
{
    sslb_rc rc = SSLB_OK;

    pthread_mutex_lock(&t->lock);
    t->filter_forced = on != 0;
    for (int k = 0; k < SSLB_KIND_COUNT; k++) { /* every index rebuilt at its size, with a filter or not */
        struct index *nx = index_rebuilt(t, &t->kind[k], k, t->kind[k].idx->ngroups);
        if (!nx) {
            rc = SSLB_ENOMEM;
            continue;
        }
        index_swap(t, k, nx);
    }
    index_hint(t);
    pthread_mutex_unlock(&t->lock);
    return rc;
}

void sslb__table_force_prefetch(sslb_table *t, int on)
{
    pthread_mutex_lock(&t->lock);
    t->prefetch_forced = on != 0;
    index_hint(t);
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
    if (index_maybe(&t->kind[k->kind], pk.hash)) /* as the batch's plan asks */
        index_find(&t->kind[k->kind], &pk, &slot, groups);
    sslb__rcu_read_unlock();
    return slot;
}
