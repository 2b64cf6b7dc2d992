/* table.c — the binding table's control plane: records, interned strings, the writers (add,
 * update, delete, assign) and the control-plane reads. The read index is in index.c, resolve in
 * resolve.c.
 *
 * Layout (see docs/architecture.md and index.c):
 *  - a binding is a 56-byte hot record (key, certificate hash, flags, store-name id; host kinds
 *    add their name) that lives in its slot's entry of the index, and a cold block (AppId, check
 *    mode, freshness, timeout, strings) interned here and shared by every binding with the same
 *    values;
 *  - each kind has an open-addressing index: tags probed in groups of 16 (one SSE2 compare),
 *    entries parallel to them, load 5/8 to 7/8; a hit costs the tags and one entry line;
 *  - every write (add, update, delete, a whole assign) first prepares all it needs — an
 *    out-of-line record, its strings and cold block, a bigger index — and only then publishes:
 *    out of memory changes nothing; publishing is index.c's;
 *  - replaced records, indexes, cold blocks and strings no binding uses any more are freed after
 *    a grace period; store names live as long as the table;
 *  - a 64 KiB per-port byte map says which kinds of binding exist on a port, so resolve skips
 *    probes that cannot hit.
 */
#include "sslb/table.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_int.h"
#include "table_int.h"

static void *tab_malloc(sslb_table *t, size_t n);

/* uthash: out of memory comes back to us (the element is not added and its hh.tbl is NULL)
 * instead of exit(), and its allocations go through the table's, so the test hook reaches them.
 * Every HASH_ADD below runs where `t` is the table. */
#define HASH_NONFATAL_OOM 1
#define uthash_malloc(sz) tab_malloc(t, sz)
#define uthash_free(ptr, sz) free(ptr)
#include <uthash.h>

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

/* ---- allocation (writers, under the mutex) ----------------------------------------------- */

/* Every allocation a writer makes, uthash's included, so sslb__table_fail_alloc_after reaches
 * them all. align 0: malloc. */
void *tab_alloc(sslb_table *t, size_t align, size_t n)
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

/* ---- records and strings ----------------------------------------------------------------- */

static int pm_class(int kind, const struct rec *r)
{
    static const uint8_t zero[16];
    switch (kind) {
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

static void port_count(sslb_table *t, int cls, uint16_t port, int delta)
{
    uint32_t *c = &t->portcount[port][pm_slot(cls)];

    if (delta > 0 && (*c)++ == 0) __atomic_fetch_or(&t->portmap[port], (uint8_t)cls, __ATOMIC_RELEASE);
    else if (delta < 0 && --(*c) == 0) __atomic_fetch_and(&t->portmap[port], (uint8_t)~cls, __ATOMIC_RELEASE);
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

/* The cold part of a parameter block, interned: bindings with the same AppId, check mode,
 * freshness, timeout, hash length and strings share one entry (a machine has a few
 * applications, not one per binding). Reference-counted by records; freed after a grace period
 * like them (readers copy it out in rec_fill). */
struct cold_key {
    uint8_t appid[16];
    uint32_t check_mode, fresh, timeout;
    uint32_t certhash_len;
    struct strs *strs; /* NULL: no strings */
};

struct cold {
    UT_hash_handle hh;
    size_t refs; /* records holding it; writers only */
    struct cold_key k;
};

static sslb_rc cold_intern(sslb_table *t, const sslb_params *p, struct cold **out)
{
    struct cold_key k;
    struct cold *c;
    sslb_rc rc;

    *out = NULL;
    memset(&k, 0, sizeof k); /* no stray padding bytes in the key */
    memcpy(k.appid, p->appid.b, 16);
    k.check_mode = p->check_mode;
    k.fresh = p->revocation_freshness_time;
    k.timeout = p->url_retrieval_timeout;
    k.certhash_len = p->certhash_len;
    if ((rc = strs_intern(t, p, &k.strs)) != SSLB_OK) return rc;
    HASH_FIND(hh, t->cold_pool, &k, sizeof k, c);
    if (c) {
        c->refs++;
        strs_release(t, k.strs); /* the entry holds one already */
        *out = c;
        return SSLB_OK;
    }
    if (!(c = tab_malloc(t, sizeof *c))) {
        strs_release(t, k.strs);
        return SSLB_ENOMEM;
    }
    memset(c, 0, sizeof *c);
    c->k = k;
    c->refs = 1;
    HASH_ADD(hh, t->cold_pool, k, sizeof k, c);
    if (!c->hh.tbl) {
        strs_release(t, k.strs);
        free(c);
        return SSLB_ENOMEM;
    }
    *out = c;
    return SSLB_OK;
}

/* Drops one reference; the last one frees the entry after a grace period. */
static void cold_release(sslb_table *t, struct cold *c)
{
    if (!c) return;
    assert(c->refs > 0);
    if (--c->refs > 0) return;
    HASH_DEL(t->cold_pool, c);
    strs_release(t, c->k.strs);
    sslb__rcu_defer(free_ptr, c);
}

/* A store name's id: interned once per table, never freed before the table (readers keep the
 * pointer sslb_table_store_name gives them). */
struct sname {
    UT_hash_handle hh;
    uint32_t id;
    char name[];
};

static sslb_rc sname_id(sslb_table *t, const char *name, uint32_t *id)
{
    struct sname *e;
    size_t len;
    uint32_t n = t->snames_n + 1, c = n / SNAME_CHUNK;

    *id = 0;
    if (!name) return SSLB_OK;
    len = strlen(name);
    HASH_FIND(hh, t->sname_map, name, len, e);
    if (e) {
        *id = e->id;
        return SSLB_OK;
    }
    if (c >= SNAME_CHUNKS) return SSLB_ENOMEM; /* a million distinct store names */
    if (!t->snames[c]) {
        const char **chunk = tab_malloc(t, SNAME_CHUNK * sizeof *chunk);
        if (!chunk) return SSLB_ENOMEM;
        memset(chunk, 0, SNAME_CHUNK * sizeof *chunk);
        __atomic_store_n(&t->snames[c], chunk, __ATOMIC_RELEASE);
    }
    if (!(e = tab_malloc(t, sizeof *e + len + 1))) return SSLB_ENOMEM;
    memcpy(e->name, name, len + 1);
    e->id = n;
    HASH_ADD_KEYPTR(hh, t->sname_map, e->name, len, e);
    if (!e->hh.tbl) {
        free(e);
        return SSLB_ENOMEM;
    }
    __atomic_store_n(&t->snames[c][n % SNAME_CHUNK], e->name, __ATOMIC_RELEASE);
    t->snames_n = n;
    *id = n;
    return SSLB_OK;
}

const char *sslb_table_store_name(sslb_table *t, uint32_t id)
{
    const char **chunk;

    if (id == 0 || id / SNAME_CHUNK >= SNAME_CHUNKS) return NULL;
    chunk = __atomic_load_n(&t->snames[id / SNAME_CHUNK], __ATOMIC_ACQUIRE);
    return chunk ? __atomic_load_n(&chunk[id % SNAME_CHUNK], __ATOMIC_ACQUIRE) : NULL;
}

/* A record for binding b, out of line (publishing may copy it home). */
static sslb_rc rec_new(sslb_table *t, const sslb_binding *b, struct rec **out)
{
    const sslb_key *k = &b->key;
    const sslb_params *p = &b->params;
    size_t hl = kind_has_host(k->kind) ? k->host_len : 0;
    size_t size = rec_size(k->kind, hl);
    struct rec *r = tab_malloc(t, size);
    sslb_rc rc;

    if (!r) return SSLB_ENOMEM;
    memset(r, 0, size);
    if ((rc = sname_id(t, p->store_name, &r->store_id)) != SSLB_OK || (rc = cold_intern(t, p, &r->cold)) != SSLB_OK) {
        free(r);
        return rc;
    }
    r->flags = p->flags;
    memcpy(r->certhash, p->certhash, sizeof r->certhash);
    r->port = k->port;
    if (k->kind == SSLB_IPPORT) {
        r->family = k->family;
        memcpy(r->addr, k->addr, 16);
    }
    r->host_len = (uint8_t)hl;
    if (hl) memcpy((char *)r + REC_HOST_OFF, k->host, hl); /* NUL and padding: zeroed above */
    *out = r;
    return SSLB_OK;
}

/* Copies r (of this kind) out to b. The strings are copied to strbuf (STRS_KEY_MAX bytes) when
 * given, so they outlive the read-side section; else b points into the pool (valid while the
 * mutex is held or the table unchanged). */
void rec_fill(const struct rec *r, int kind, sslb_binding *b, char *strbuf)
{
    static const uint8_t zero[16];
    sslb_key *k = &b->key;
    sslb_params *p = &b->params;
    const struct cold *c = r->cold;
    const struct strs *s = c->k.strs;

    k->kind = (sslb_kind)kind; /* with addr and host_len below, every byte before host is set */
    k->port = r->port;
    if (kind == SSLB_IPPORT) {
        k->family = r->family;
        memcpy(k->addr, r->addr, 16);
        k->host_len = 0;
    } else {
        k->family = 0;
        memcpy(k->addr, zero, 16);
        k->host_len = kind_has_host(kind) ? r->host_len : 0;
    }
    if (k->host_len == 0) {
        k->host[0] = '\0';
    } else if (HOST_AREA(k->host_len) <= 240) {
        const char *h = rec_host(r);
        for (size_t i = 0; i < HOST_AREA(k->host_len); i += 16) memcpy(k->host + i, h + i, 16);
    } else {
        memcpy(k->host, rec_host(r), (size_t)k->host_len + 1);
    }
    p->certhash_len = (uint8_t)c->k.certhash_len;
    memcpy(p->certhash, r->certhash, sizeof p->certhash);
    memcpy(p->appid.b, c->k.appid, 16);
    p->check_mode = c->k.check_mode;
    p->revocation_freshness_time = c->k.fresh;
    p->url_retrieval_timeout = c->k.timeout;
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
    const struct cold_key *x = &a->cold->k, *y = &b->cold->k;
    return strs_equal(x->strs, y->strs) && x->check_mode == y->check_mode && x->fresh == y->fresh &&
           x->timeout == y->timeout && a->flags == b->flags && x->certhash_len == y->certhash_len &&
           memcmp(a->certhash, b->certhash, sizeof a->certhash) == 0 && memcmp(x->appid, y->appid, 16) == 0;
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
    for (int i = 0; i < SSLB_KIND_COUNT; i++) t->kind[i].idx = index_new(t, i, 1);
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
    struct cold *c, *ctmp;
    struct sname *sn, *sntmp;

    if (!t) return;
    sslb__rcu_barrier(); /* every deferred free (and grace-period marker) has run */
    for (int k = 0; k < SSLB_KIND_COUNT; k++) index_free_all(t->kind[k].idx);
    HASH_ITER(hh, t->cold_pool, c, ctmp)
    {
        HASH_DEL(t->cold_pool, c);
        free(c);
    }
    HASH_ITER(hh, t->pool, s, tmp)
    {
        HASH_DEL(t->pool, s);
        free(s);
    }
    HASH_ITER(hh, t->sname_map, sn, sntmp)
    {
        HASH_DEL(t->sname_map, sn);
        free(sn);
    }
    for (int i = 0; i < SNAME_CHUNKS; i++) free(t->snames[i]);
    free(t->folds);
    pthread_mutex_destroy(&t->lock);
    free(t->portcount);
    free(t);
}

void sslb_table_set_central(sslb_table *t, const sslb_central *c)
{
    pthread_mutex_lock(&t->lock);
    if (c) t->central = *c;
    else memset(&t->central, 0, sizeof t->central);
    pthread_mutex_unlock(&t->lock);
}

void sslb_table_quiesce(sslb_table *t)
{
    /* Twice: the first fold may start a marker for events the first barrier did not cover. */
    for (int pass = 0; pass < 2; pass++) {
        sslb__rcu_barrier();
        pthread_mutex_lock(&t->lock);
        index_fold(t, (size_t)-1);
        pthread_mutex_unlock(&t->lock);
    }
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

/* The most slots an index may use (records + tombstones): 7/8, so every probe ends at a group
 * with an empty slot. */
static int over_load(size_t used, size_t cap)
{
    return used * 8 > cap * 7;
}

/* Prepares the indexes: a kind whose adds would take its load past 7/8 gets a rebuilt index. */
static sslb_rc batch_reserve(sslb_table *t, struct batch *bt)
{
    for (int k = 0; k < SSLB_KIND_COUNT; k++) {
        const struct kindtab *kt = &t->kind[k];
        if (!bt->adds[k] || !over_load(kt->used + bt->adds[k], kt->idx->cap)) continue;
        if (!(bt->grown[k] = index_rebuilt(t, kt, k, index_groups_for(kt->live + bt->adds[k])))) return SSLB_ENOMEM;
    }
    return SSLB_OK;
}

/* Undoes a prepared batch: nothing of it was published, so it is freed at once. */
static void batch_abort(sslb_table *t, struct batch *bt)
{
    for (size_t i = 0; i < bt->n; i++) {
        if (!bt->c[i].r) continue;
        cold_release(t, bt->c[i].r->cold);
        free(bt->c[i].r);
    }
    for (int k = 0; k < SSLB_KIND_COUNT; k++) free(bt->grown[k]);
}

/* Publishes one change with the stores a concurrent reader can follow (see index.c). */
static void publish_one(sslb_table *t, const struct change *c)
{
    int kind = c->pk.kind;
    struct kindtab *kt = &t->kind[kind];
    struct index *ix = kt->idx;
    size_t free_slot = 0;
    long at = index_locate(ix, &c->pk, &free_slot);
    uint16_t port = c->pk.port;
    int cls, was_empty;

    switch (c->op) {
    case OP_ADD:
        assert(at < 0);
        cls = pm_class(kind, c->r); /* before: the record may be copied home and freed */
        if (ix->tags[free_slot] == TAG_EMPTY) kt->used++;
        assert(!over_load(kt->used, ix->cap)); /* every probe ends */
        index_add(t, ix, kind, free_slot, c->r, c->pk.hash);
        kt->live++;
        port_count(t, cls, port, +1);
        return;
    case OP_UPDATE: /* one store: a reader sees the old record or the new one */
        assert(at >= 0);
        cold_release(t, index_replace(t, ix, kind, (size_t)at, c->r));
        return;
    case OP_DELETE:
        assert(at >= 0);
        cls = pm_class(kind, slot_rec(ix, (size_t)at));
        cold_release(t, index_remove(t, ix, (size_t)at, &was_empty));
        if (was_empty) kt->used--;
        kt->live--;
        port_count(t, cls, port, -1);
        return;
    }
}

/* Publishes a prepared batch: the bigger indexes first (one pointer store each, the same
 * bindings), then each change in order; the old indexes are retired last, since a delete's
 * key may point into one. */
static void batch_publish(sslb_table *t, struct batch *bt)
{
    struct index *old[SSLB_KIND_COUNT] = {NULL};

    for (int k = 0; k < SSLB_KIND_COUNT; k++) {
        struct kindtab *kt = &t->kind[k];
        if (!bt->grown[k]) continue;
        old[k] = kt->idx;
        sslb__rcu_assign(kt->idx, bt->grown[k]);
        kt->used = kt->live;
        bt->grown[k] = NULL;
    }
    for (size_t i = 0; i < bt->n; i++) publish_one(t, &bt->c[i]);
    bt->n = 0;
    for (int k = 0; k < SSLB_KIND_COUNT; k++)
        if (old[k]) index_retire(old[k], t->kind[k].idx, k);
    index_refilter(t); /* deletes may have left too many stale filter bits */
    index_hint(t);
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
        pkey_from_rec(t, &c.pk, c.r, b->key.kind);
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

/* Folds brought home per write: bounded, so a write's latency stays O(1). */
#define FOLDS_PER_WRITE 8

static sslb_rc write_op(sslb_table *t, enum op op, const sslb_binding *b, sslb_diag *d)
{
    sslb_rc rc;

    pthread_mutex_lock(&t->lock);
    rc = write_locked(t, op, b, d);
    index_fold(t, FOLDS_PER_WRITE);
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
        for (size_t i = 0; i < sx->cap; i++) {
            struct change *c;
            sslb_binding b;
            size_t unused;
            long at;
            if (sx->tags[i] <= TAG_TOMB) continue;
            assert(bt->n < most);
            c = &bt->c[bt->n];
            rec_fill(slot_rec(sx, i), k, &b, NULL);
            pkey_from_key(dst, &c->pk, &b.key);
            at = index_locate(dx, &c->pk, &unused);
            if (at >= 0 && rec_same_params(slot_rec(dx, (size_t)at), slot_rec(sx, i))) continue;
            c->r = NULL;
            if ((rc = rec_new(dst, &b, &c->r)) != SSLB_OK) return rc;
            pkey_from_rec(dst, &c->pk, c->r, k);
            c->op = at < 0 ? OP_ADD : OP_UPDATE;
            bt->adds[k] += at < 0;
            bt->n++;
        }
        for (size_t i = 0; i < dx->cap; i++) {
            struct change *c;
            sslb_binding b;
            struct pkey in_src;
            size_t unused;
            if (dx->tags[i] <= TAG_TOMB) continue;
            rec_fill(slot_rec(dx, i), k, &b, NULL);
            pkey_from_key(src, &in_src, &b.key);
            if (index_locate(sx, &in_src, &unused) >= 0) continue;
            assert(bt->n < most);
            c = &bt->c[bt->n];
            pkey_from_rec(dst, &c->pk, slot_rec(dx, i), k);
            c->r = NULL;
            c->op = OP_DELETE;
            bt->n++;
        }
    }
    return batch_reserve(dst, bt);
}

sslb_rc sslb_table_assign(sslb_table *dst, sslb_table *src)
{
    sslb_table *first, *second;
    struct batch bt;
    sslb_rc rc;

    if (dst == src) return SSLB_OK;
    memset(&bt, 0, sizeof bt);
    /* Both mutexes, the lower address first: assign(a, b) and assign(b, a) at once would
     * otherwise each hold one and wait for the other. */
    first = (uintptr_t)src < (uintptr_t)dst ? src : dst;
    second = first == src ? dst : src;
    pthread_mutex_lock(&first->lock);
    pthread_mutex_lock(&second->lock);
    if ((rc = assign_prepare(dst, src, &bt)) == SSLB_OK) batch_publish(dst, &bt);
    else batch_abort(dst, &bt);
    free(bt.c);
    index_fold(dst, FOLDS_PER_WRITE);
    pthread_mutex_unlock(&second->lock);
    pthread_mutex_unlock(&first->lock);
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
    if (at >= 0) rec_fill(slot_rec(t->kind[k->kind].idx, (size_t)at), k->kind, out, NULL);
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
static sslb_rc collect_sorted(sslb_table *t, const struct kindtab *kt, int kind, struct ordered **out, size_t *n)
{
    const struct index *ix = kt->idx;
    struct ordered *v = NULL;
    size_t m = 0;

    if (kt->live && !(v = tab_malloc(t, kt->live * sizeof *v))) return SSLB_ENOMEM;
    for (size_t i = 0; i < ix->cap; i++) {
        if (ix->tags[i] > TAG_TOMB) {
            sslb_binding b;
            v[m].r = slot_rec(ix, i);
            rec_fill(v[m].r, kind, &b, NULL);
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
        if (collect_sorted(t, &t->kind[k], k, &v, &n) != SSLB_OK) {
            ret = SSLB_ENOMEM;
            break;
        }
        for (size_t i = 0; i < n && ret == 0; i++) {
            sslb_binding b;
            rec_fill(v[i].r, k, &b, NULL);
            ret = fn(ctx, &b);
        }
        free(v);
    }
    pthread_mutex_unlock(&t->lock);
    return ret;
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

void sslb__table_pool_size(sslb_table *t, size_t *entries, size_t *bytes)
{
    pthread_mutex_lock(&t->lock);
    *entries = HASH_COUNT(t->pool);
    *bytes = t->pool_bytes;
    pthread_mutex_unlock(&t->lock);
}
