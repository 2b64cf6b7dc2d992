/* resolve.c — resolve: spec/lookup.md's steps over the read indexes, the probe plan, the trace,
 * and the central store's file look-ups. The critical path: no lock, no wait (RCU).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "index_int.h"

/* Lower-cases a byte of a host name; 0 for a byte no host name may hold (laid out by hand). */
/* clang-format off */
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
/* clang-format on */

/* 1 if the (lower-case) name could be a bound host name: valid bytes, no empty label, no label
 * over SSLB_LABEL_MAX (sslb_host_parse's rules; the length is checked before). Only the trace
 * and the central store need to know; the fast path just finds no match. */
static int sni_valid(const char *name, size_t len)
{
    uint8_t bad = 0, prev = '.';
    size_t label = 0;

    for (size_t i = 0; i < len; i++) {
        uint8_t c = host_lower[(uint8_t)name[i]];
        label = c == '.' ? 0 : label + 1;
        bad |= (uint8_t)((c == 0) | ((c == '.') & (prev == '.')) | (label > SSLB_LABEL_MAX));
        prev = c;
    }
    return !bad && prev != '.';
}

/* A query made ready to probe: the client's address as looked up, the SNI lower-cased, padded
 * and hashed. resolve prepares one; resolve_batch prepares a chunk before probing any. Only
 * scalars and pointers, so that a single resolve keeps it in registers; the bytes it points to
 * (a v4-mapped address made IPv4, the lower-cased name) are in a struct prep_buf beside it. */
struct prep {
    const uint8_t *addr; /* 16 bytes: the caller's address, or buf->addr */
    const char *name;    /* buf->name */
    size_t sni_len;
    uint64_t w0, w1;            /* the address as words (the exact-address filter's input) */
    uint64_t ip_hash, sni_hash; /* ip_hash: only when prepare was asked for it */
    uint16_t port;
    uint8_t family;
    uint8_t addr_set;  /* the address is not all zeros (step 1 can hit) */
    uint8_t sni_given; /* the client sent an SNI */
    uint8_t have_sni;  /* the SNI steps are probed (a name that could match) */
    uint8_t note;      /* SSLB_NOTE_SNI_DOT when a trailing dot was dropped */
};

struct prep_buf {
    uint8_t addr[16];                         /* ::ffff:a.b.c.d as a.b.c.d */
    char name[HOST_AREA(SSLB_HOST_MAX) + 16]; /* room for the 16-byte padding store */
};

/* hash_ip: hash the IP:port key now (the probe plans want it); else resolve_prepared hashes it
 * when the exact-address filter lets it through. */
static inline __attribute__((always_inline)) void prepare(const sslb_table *t, struct prep *p, struct prep_buf *buf,
                                                          const sslb_addr *local, uint16_t port, const char *sni,
                                                          size_t sni_len, int traced, int hash_ip)
{
    /* ::ffff:a.b.c.d is a.b.c.d: the words of the prefix and of the bytes it covers (constants) */
    static const uint8_t mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0};
    static const uint8_t mask[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0};
    uint64_t w0, w1, m1, k1;

    memcpy(&w0, local->bytes, 8);
    memcpy(&w1, local->bytes + 8, 8);
    memcpy(&m1, mapped + 8, 8);
    memcpy(&k1, mask + 8, 8);
    p->addr = local->bytes;
    p->family = local->family;
    p->port = port;
    if (__builtin_expect(p->family == 6, 0) && w0 == 0 && (w1 & k1) == m1) {
        memcpy(buf->addr, local->bytes + 12, 4);
        memset(buf->addr + 4, 0, 12);
        memcpy(&w0, buf->addr, 8);
        w1 = 0;
        p->addr = buf->addr;
        p->family = 4;
    }
    p->addr_set = (w0 | w1) != 0;
    p->w0 = w0;
    p->w1 = w1;
    p->ip_hash = hash_ip ? key_hash(t, sslb__hash_ip_words(p->family, w0, w1, port)) : 0;
    p->name = buf->name;
    p->sni_given = sni && sni_len;
    p->have_sni = 0;
    p->note = 0;
    p->sni_len = 0;
    p->sni_hash = 0;
    if (!p->sni_given) return;
    if (sni[sni_len - 1] == '.') { /* lookup.md: "www.contoso.com." is "www.contoso.com" */
        sni_len--;
        p->note = SSLB_NOTE_SNI_DOT;
    }
    if (sni_len == 0 || sni_len > SSLB_HOST_MAX) return; /* "." or too long: invalid */
    p->sni_len = sni_len;
    p->sni_hash = key_hash(t, sslb__hash_host_lower(sni, sni_len, port, buf->name));
    memset(buf->name + sni_len, 0, 16); /* NUL and padding to HOST_AREA, as records have (fixed size: no call) */
    /* An invalid name cannot match a binding; validate only where it matters. A second trailing
     * dot leaves a name ending in a dot: invalid, like any empty label. */
    p->have_sni = !traced || sni_valid(buf->name, sni_len);
}

/* Where a resolve writes its answer: a full match (with the binding's copy) or a lean result. */
struct sink {
    sslb_match *m;
    sslb_lean *l;
    int lean; /* l is the one (a constant where resolve_prepared is inlined: no test is made) */
};

static void trace_add(sslb_trace *tr, int step, int table, int outcome, int why, int note, const sslb_key *k,
                      const char *text)
{
    sslb_probe *p;

    if (!tr || tr->count >= SSLB_TRACE_MAX) return;
    p = &tr->probe[tr->count++];
    p->step = (uint8_t)step;
    p->table = (uint8_t)table;
    p->outcome = (uint8_t)outcome;
    p->why = (uint8_t)why;
    p->note = (uint8_t)note;
    if (k) sslb_key_format(k, p->key, sizeof p->key);
    else snprintf(p->key, sizeof p->key, "%s", text ? text : "");
}

/* One traced probe of table `kind` for the key described by pk; NULL on miss. */
/* Inlined (as skip and resolve_prepared are), so the untraced callers compile the trace away. */
/* maybe 0: the probe plan (a large table's) found the key absent in its index's filter (a miss,
 * without reading the index). */
static inline __attribute__((always_inline)) const struct rec *probe(const sslb_table *t, sslb_trace *tr, int step,
                                                                     int note, const struct pkey *pk, int maybe)
{
    const struct rec *r = maybe ? index_find(&t->kind[pk->kind], pk, NULL, NULL) : NULL;

    if (tr) {
        sslb_key k;
        memset(&k, 0, sizeof k);
        k.kind = pk->kind;
        k.family = pk->family;
        k.port = pk->port;
        if (pk->addr) memcpy(k.addr, pk->addr, 16);
        k.host_len = pk->host_len;
        if (pk->host) memcpy(k.host, pk->host, pk->host_len);
        trace_add(tr, step, pk->kind, r ? SSLB_PROBE_HIT : SSLB_PROBE_MISS, SSLB_WHY_NONE, note, &k, NULL);
    }
    return r;
}

static inline __attribute__((always_inline)) void skip(sslb_trace *tr, int step, int table, int why, int note,
                                                       const char *what)
{
    trace_add(tr, step, table, SSLB_PROBE_SKIPPED, why, note, NULL, what);
}

/* Copies what the sink wants of r; inside the read-side section. */
static inline __attribute__((always_inline)) void matched(const struct rec *r, int kind, int step, struct sink o)
{
    if (!o.lean) {
        sslb_match *out = o.m;
        out->step = (uint8_t)step;
        out->central = 0;
        out->central_file[0] = '\0';
        rec_fill(r, kind, &out->binding, out->strings);
        memcpy(out->certhash, r->certhash, sizeof out->certhash);
    } else {
        sslb_lean *out = o.l;
        /* step, central, kind, reserved: one store of constants where this is inlined */
        const uint8_t head[4] = {(uint8_t)step, 0, (uint8_t)kind, 0};
        _Static_assert(offsetof(sslb_lean, reserved) == offsetof(sslb_lean, step) + 3, "four bytes in a row");
        memcpy((unsigned char *)out + offsetof(sslb_lean, step), head, sizeof head);
        /* flags and store_id: one 8-byte move (they follow each other in both) */
        _Static_assert(offsetof(sslb_lean, store_id) == offsetof(sslb_lean, flags) + 4 &&
                           offsetof(struct rec, store_id) == offsetof(struct rec, flags) + 4,
                       "flags, then store_id");
        memcpy(&out->flags, &r->flags, 8);
        memcpy(out->certhash, r->certhash, sizeof out->certhash);
        out->central_file[0] = '\0';
    }
}

/* Step 3's file look-ups: "<sni>.pfx", then "_.<parent>.pfx". Outside any read-side section. */
static int central_find(const sslb_central *c, const char *sni, size_t len, struct sink o, sslb_trace *tr, int note)
{
    char name[SSLB_HOST_MAX + 8];
    const char *dot = memchr(sni, '.', len);
    char *file = !o.lean ? o.m->central_file : o.l->central_file;
    size_t fsize = !o.lean ? sizeof o.m->central_file : sizeof o.l->central_file;
    uint8_t *certhash = !o.lean ? o.m->certhash : o.l->certhash;

    if (!c->find) {
        skip(tr, 3, SSLB_PROBE_CENTRAL, SSLB_WHY_NO_CENTRAL, note, "central store");
        return 0;
    }
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0) snprintf(name, sizeof name, "%.*s", (int)len, sni);
        else if (dot) snprintf(name, sizeof name, "_.%.*s", (int)(len - (size_t)(dot + 1 - sni)), dot + 1);
        else break;
        int found = c->find(c->ctx, name, certhash);
        if (found > 0) {
            snprintf(file, fsize, "%s.pfx", name);
            trace_add(tr, 3, SSLB_PROBE_CENTRAL, SSLB_PROBE_HIT, SSLB_WHY_NONE, note, NULL, file);
            if (!o.lean) o.m->central = 1;
            else o.l->central = 1;
            return 1;
        }
        snprintf(file, fsize, "%s.pfx", name);
        trace_add(tr, 3, SSLB_PROBE_CENTRAL, SSLB_PROBE_MISS,
                  found < 0 ? SSLB_WHY_FILE_UNUSABLE : SSLB_WHY_FILE_MISSING, note, NULL, file);
    }
    file[0] = '\0';
    return 0;
}

/* The probes of steps 1 and 2 that may hit (may, below): the others' filters proved their keys
 * absent. */
#define MAY_IP 1
#define MAY_SNI 2

/* What the batch learnt of a query before resolving it, all in the read-side section it holds
 * around the chunk: its probes' first groups (steps 1 and 2), and, from resolve_prepared, that
 * it reached step 3's central certificate store, which a resolve may not ask inside a section. */
struct ahead {
    struct first ip, sni;
    uint8_t later; /* resolve_prepared stopped at step 3: resolve again, outside the section */
};

/* lookup.md's steps for a prepared query. prefetch: run the probe plan (large tables), which asks
 * the filters; may: what a batch's plan already learnt from them (else both). exact: ask step 1's
 * exact-address filter, then hash the IP:port key (prepared without its hash); else q->ip_hash
 * is there. ah: NULL, or the batch's: the caller holds the read-side section (in which
 * may and ah's groups were read), and a query that reaches step 3's CCS probes stops there with
 * ah->later set (its answer not written: the caller resolves it again). */
static inline __attribute__((always_inline)) sslb_rc resolve_prepared(sslb_table *t, struct prep *q, struct sink o,
                                                                      sslb_trace *tr, int prefetch, unsigned may,
                                                                      int exact, struct ahead *ah)
{
    static const uint8_t zero[16];
    const uint16_t port = q->port;
    const int note = q->note;
    uint8_t pm;
    const struct rec *r;
    struct pkey pk;

    sslb__rcu_section rs;

    if (tr) tr->count = 0;
    rs = ah ? NULL : sslb__rcu_enter();
    pm = __atomic_load_n(&t->portmap[port], __ATOMIC_ACQUIRE);

    /* The probe plan: start the memory fetches of the first two probes that can hit at once. */
    pk = (struct pkey){.kind = SSLB_IPPORT,
                       .family = q->family,
                       .port = port,
                       .id = key_id(port, q->family, 0),
                       .a0 = q->w0,
                       .a1 = q->w1,
                       .addr = q->addr,
                       .hash = q->ip_hash};
    /* (Only when some index is too large for the caches: else this only costs instructions.)
     * The filters first: a key one rules out is not fetched, not peeked at, not probed. Their
     * words are small enough to stay in the caches (index_int.h), so a miss costs no wait for
     * memory, and a hit's fetches start a cache hit later. */
    int ip_maybe = 1, sni_maybe = 1;
    if (prefetch) {
        if (pm & PM_EXACT) ip_maybe = index_maybe(&t->kind[SSLB_IPPORT], pk.hash);
        if (q->have_sni && (pm & PM_SNI)) sni_maybe = index_maybe(&t->kind[SSLB_HOSTPORT], q->sni_hash);
        if (!ip_maybe) may &= ~(unsigned)MAY_IP;
        if (!sni_maybe) may &= ~(unsigned)MAY_SNI;
    }
    if (prefetch && (pm & PM_EXACT) && ip_maybe) index_prefetch(&t->kind[SSLB_IPPORT], pk.hash);
    if (prefetch && q->have_sni && (pm & PM_SNI) && sni_maybe) {
        index_prefetch(&t->kind[SSLB_HOSTPORT], q->sni_hash);
        /* ... and of their candidate entries: a hit's record then costs one wait, not two (a
         * peek reads the tags: only for keys the filter lets through) */
        if (pm & PM_EXACT) {
            if (ip_maybe) index_peek(&t->kind[SSLB_IPPORT], pk.hash);
            index_peek(&t->kind[SSLB_HOSTPORT], q->sni_hash);
        }
    }

    /* 1. exact A:P */
    if (!q->addr_set) {
        skip(tr, 1, SSLB_IPPORT, SSLB_WHY_WILDCARD_LOCAL, 0, "exact address");
    } else if (!(pm & PM_EXACT)) {
        skip(tr, 1, SSLB_IPPORT, SSLB_WHY_PORT_EMPTY, 0, "exact address");
    } else {
        unsigned maybe = may & MAY_IP;
        if (exact) { /* a client address no binding holds is ruled out here, most of the time */
            maybe = maybe && exact_maybe(sslb__rcu_deref(t->kind[SSLB_IPPORT].idx), exact_hash(q->w0, q->w1, port));
            if (maybe) pk.hash = key_hash(t, sslb__hash_ip_words(q->family, q->w0, q->w1, port));
        }
        /* the batch's probe starts from the group it read; kept out of probe(): with the group
         * an argument of probe, the compiler laid out the single resolve otherwise, and its SNI
         * hit took 115 -> 160 ns back to back at 1 M */
        if ((r = ah && ah->ip.ix ? index_scan(ah->ip.ix, &pk, &ah->ip, NULL, NULL) : probe(t, tr, 1, 0, &pk, maybe))) {
            matched(r, SSLB_IPPORT, 1, o);
            goto hit;
        }
    }

    /* 2. SNI S:P, 3. scoped CCS S:P, then CCS P */
    if (!q->have_sni) {
        int why = q->sni_given ? SSLB_WHY_BAD_SNI : SSLB_WHY_NO_SNI;
        skip(tr, 2, SSLB_HOSTPORT, why, note, "hostname");
        skip(tr, 3, SSLB_CCS, why, note, "central certificate store");
    } else {
        pk.host = q->name;
        pk.host_len = (uint8_t)q->sni_len;
        pk.id = key_id(port, 0, pk.host_len);
        pk.hash = q->sni_hash;
        if (!(pm & PM_SNI)) {
            skip(tr, 2, SSLB_HOSTPORT, SSLB_WHY_PORT_EMPTY, note, "hostname");
        } else {
            pk.kind = SSLB_HOSTPORT;
            if ((r = ah && ah->sni.ix ? index_scan(ah->sni.ix, &pk, &ah->sni, NULL, NULL)
                                      : probe(t, tr, 2, note, &pk, may & MAY_SNI))) {
                matched(r, SSLB_HOSTPORT, 2, o);
                goto hit;
            }
        }
        if (!(pm & (PM_SCOPED | PM_CCS))) {
            skip(tr, 3, SSLB_CCS, SSLB_WHY_PORT_EMPTY, note, "central certificate store");
        } else if (!tr && !sni_valid(q->name, q->sni_len)) {
            /* never hand the central store a name that is not a host name ("../x") */
        } else if (ah) {
            ah->later = 1;
            return SSLB_ENOTFOUND;
        } else {
            pk.kind = SSLB_SCOPEDCCS;
            if (!(pm & PM_SCOPED)) skip(tr, 3, SSLB_SCOPEDCCS, SSLB_WHY_PORT_EMPTY, note, "scoped CCS");
            else if ((r = probe(t, tr, 3, note, &pk, 1))) goto hit3;
            pk.kind = SSLB_CCS;
            pk.host = NULL;
            pk.host_len = 0;
            pk.id = key_id(port, 0, 0);
            pk.hash = key_hash(t, sslb__hash_port(port));
            if (!(pm & PM_CCS)) skip(tr, 3, SSLB_CCS, SSLB_WHY_PORT_EMPTY, note, "CCS");
            else if ((r = probe(t, tr, 3, note, &pk, 1))) goto hit3;
        }
    }

wildcards:
    /* 4. [::]:P for IPv6 clients, 5. 0.0.0.0:P for all */
    pk = (struct pkey){.kind = SSLB_IPPORT, .port = port, .addr = zero}; /* a0 = a1 = 0 */
    if (q->family == 4) {
        skip(tr, 4, SSLB_IPPORT, SSLB_WHY_CLIENT_IPV4, 0, "[::]");
    } else if (!(pm & PM_WILD6)) {
        skip(tr, 4, SSLB_IPPORT, SSLB_WHY_PORT_EMPTY, 0, "[::]");
    } else {
        pk.family = 6;
        pk.id = key_id(port, 6, 0);
        pk.hash = key_hash(t, sslb__hash_ip(6, zero, port));
        if ((r = probe(t, tr, 4, 0, &pk, 1))) {
            matched(r, SSLB_IPPORT, 4, o);
            goto hit;
        }
    }
    if (!(pm & PM_WILD4)) {
        skip(tr, 5, SSLB_IPPORT, SSLB_WHY_PORT_EMPTY, 0, "0.0.0.0");
    } else {
        pk.family = 4;
        pk.id = key_id(port, 4, 0);
        pk.hash = key_hash(t, sslb__hash_ip(4, zero, port));
        if ((r = probe(t, tr, 5, 0, &pk, 1))) {
            matched(r, SSLB_IPPORT, 5, o);
            goto hit;
        }
    }
    if (!ah) sslb__rcu_leave(rs);
    return SSLB_ENOTFOUND;

hit: /* each hit copies its answer where it is found: its step and kind are constants there */
    if (!ah) sslb__rcu_leave(rs);
    return SSLB_OK;
hit3:
    /* A CCS binding: leave the read-side section (the file look-up may touch the disk), then ask
     * the central store; without a file, go on to the wildcards. With reject=enable it refuses
     * "before any certificate is looked at" (lookup.md): no file asked for, file or none. */
    matched(r, pk.kind, 3, o);
    if (__builtin_expect(r->flags & SSLB_FLAG_REJECT, 0)) {
        sslb__rcu_leave(rs);
        skip(tr, 3, SSLB_PROBE_CENTRAL, SSLB_WHY_REJECT, note, "central store");
        return SSLB_OK;
    }
    sslb__rcu_leave(rs);
    if (central_find(&t->central, q->name, q->sni_len, o, tr, note)) return SSLB_OK;
    rs = sslb__rcu_enter();
    pm = __atomic_load_n(&t->portmap[port], __ATOMIC_ACQUIRE);
    goto wildcards;
}

sslb_rc sslb_table_resolve(sslb_table *t, const sslb_addr *local, uint16_t port, const char *sni, size_t sni_len,
                           sslb_match *out, sslb_trace *tr)
{
    struct prep q;
    struct prep_buf b;
    struct sink o = {out, NULL, 0};

    const int prefetch = table_prefetch(t);

    prepare(t, &q, &b, local, port, sni, sni_len, tr != NULL, prefetch);
    return resolve_prepared(t, &q, o, tr, prefetch, MAY_IP | MAY_SNI, !prefetch, NULL);
}

sslb_rc sslb_table_resolve_lean(sslb_table *t, const sslb_addr *local, uint16_t port, const char *sni, size_t sni_len,
                                sslb_lean *out)
{
    struct prep q;
    struct prep_buf b;
    struct sink o = {NULL, out, 1};

    /* Two copies, each with its plan a constant: the small tables' has no trace of the probe
     * plan, so the compiler keeps more of the query in registers. */
    if (!table_prefetch(t)) {
        prepare(t, &q, &b, local, port, sni, sni_len, 0, 0);
        return out->rc = resolve_prepared(t, &q, o, NULL, 0, MAY_IP | MAY_SNI, 1, NULL);
    }
    prepare(t, &q, &b, local, port, sni, sni_len, 0, 1);
    return out->rc = resolve_prepared(t, &q, o, NULL, 1, MAY_IP | MAY_SNI, 0, NULL);
}

/* Queries prepared and fetched together: enough that every query's lines are on the way before
 * the first is waited for, few enough that the chunk's own state stays in L1 (about 13 KiB at
 * 32). The three stages below each run over the whole chunk: run as a rolling pipeline instead
 * (query k hashed as k - D is read and k - 2 D resolved), a batch of 16 was no faster at D = 8
 * and slower at 5 and 3. Memory answers more random lines per second the more are in flight
 * (7.0 ns a line with 16, 5.8 with 32): at 1 M bindings a chunk of 32 took SNI hits from 57 to
 * 49 ns per lookup against 16, IP hits from 30 to 26, and the fallback and the miss, answered
 * by the filters from the caches, from 31 to 36 and 28 to 31 (medians of 8 alternating runs).
 * That comparison was made while GCC had dropped the first stage's fetches (index_int.h);
 * with them back, a chunk of 32 took SNI hits to 45 ns (docs/performance.md, History). */
#define BATCH_CHUNK 32

/* A chunk of a batch and what its stages learn, all in one read-side section: the indexes
 * read in it (ixi, ixs), then per query its prepared keys, its plan, and its first groups. */
struct chunk {
    sslb_table *t;
    const sslb_query *qs;
    sslb_lean *out;
    const struct index *ixi, *ixs; /* IP:port, hostname:port */
    struct prep q[BATCH_CHUNK];
    struct prep_buf b[BATCH_CHUNK];
    struct ahead ah[BATCH_CHUNK];
    uint8_t plan[BATCH_CHUNK]; /* the probes planned: PLAN_IP, PLAN_SNI */
    uint8_t may[BATCH_CHUNK];  /* MAY_IP, MAY_SNI: the probes not ruled out */
};
#define PLAN_IP 1
#define PLAN_SNI 2

/* Stage 1: hash query i's keys and at once start fetching, for each probe that can hit, its
 * first group of tags and its filter word (hashing the next queries covers that wait); not the
 * filter word of an IP probe alone: its tags answer as much, and they are fetched anyway. Not
 * fetching the IP tags of a query that has an SNI probe too (the client address most often one
 * no binding holds) saved a line for the SNI hit, but a bound address that sends an SNI, as
 * every modern client does, then waited for its tags in stage 3: 46 -> 72 ns per lookup
 * (docs/performance.md). */
static inline __attribute__((always_inline)) void stage_hash(struct chunk *c, size_t i)
{
    const sslb_query *x = &c->qs[i];
    struct prep *q = &c->q[i];
    uint8_t pm, plan;

    prepare(c->t, q, &c->b[i], &x->local, x->port, x->sni, x->sni_len, 0, 1);
    pm = __atomic_load_n(&c->t->portmap[q->port], __ATOMIC_ACQUIRE);
    plan = (uint8_t)((pm & PM_EXACT ? PLAN_IP : 0) | (q->have_sni && (pm & PM_SNI) ? PLAN_SNI : 0));
    c->plan[i] = plan;
    if (plan & PLAN_IP) index_fetch_tags(c->ixi, q->ip_hash, plan & PLAN_SNI);
    if (plan & PLAN_SNI) index_fetch_tags(c->ixs, q->sni_hash, 1);
}

/* Stage 2: read what stage 1 fetched (now arriving): the filter words, and for the probes they
 * let through, the first group of tags, into ah, starting the fetch of its first candidate
 * entry. */
static inline __attribute__((always_inline)) void stage_peek(struct chunk *c, size_t i)
{
    const uint8_t plan = c->plan[i];
    struct ahead *ah = &c->ah[i];

    c->may[i] = MAY_IP | MAY_SNI;
    ah->ip.ix = ah->sni.ix = NULL;
    ah->later = 0;
    if (plan & PLAN_IP) {
        if (!(plan & PLAN_SNI) || filter_maybe(c->ixi, c->q[i].ip_hash)) index_first(c->ixi, c->q[i].ip_hash, &ah->ip);
        else c->may[i] &= (uint8_t)~MAY_IP;
    }
    if (plan & PLAN_SNI) {
        if (filter_maybe(c->ixs, c->q[i].sni_hash)) index_first(c->ixs, c->q[i].sni_hash, &ah->sni);
        else c->may[i] &= (uint8_t)~MAY_SNI;
    }
}

/* Stage 3: resolve query i from what stages 1 and 2 learnt (its probes of steps 1 and 2 start
 * from the groups read, their entries in cache or on the way); 1 when it matched. */
static inline __attribute__((always_inline)) size_t stage_resolve(struct chunk *c, size_t i)
{
    struct sink o = {NULL, &c->out[i], 1};
    return (c->out[i].rc = resolve_prepared(c->t, &c->q[i], o, NULL, 0, c->may[i], 0, &c->ah[i])) == SSLB_OK;
}

size_t sslb_table_resolve_batch(sslb_table *t, size_t n, const sslb_query *qs, sslb_lean *out)
{
    struct chunk c;
    size_t found = 0;

    if (!table_prefetch(t)) { /* every index fits in the caches: nothing to overlap, resolve one by one */
        for (size_t i = 0; i < n; i++) {
            struct sink o = {NULL, &out[i], 1};
            prepare(t, &c.q[0], &c.b[0], &qs[i].local, qs[i].port, qs[i].sni, qs[i].sni_len, 0, 0);
            out[i].rc = resolve_prepared(t, &c.q[0], o, NULL, 0, MAY_IP | MAY_SNI, 1, NULL);
            found += out[i].rc == SSLB_OK;
        }
        return found;
    }
    c.t = t;
    for (size_t base = 0; base < n; base += BATCH_CHUNK) {
        size_t m = n - base < BATCH_CHUNK ? n - base : BATCH_CHUNK, later = 0;
        /* One read-side section for the chunk's three stages, so that what the first two read
         * (filters, groups) is what the third resolves from, in the indexes they were read in;
         * a query that gets to step 3's central store is resolved again after it, alone. */
        sslb__rcu_section rs = sslb__rcu_enter();
        c.qs = qs + base;
        c.out = out + base;
        c.ixi = sslb__rcu_deref(t->kind[SSLB_IPPORT].idx);
        c.ixs = sslb__rcu_deref(t->kind[SSLB_HOSTPORT].idx);
        for (size_t i = 0; i < m; i++) stage_hash(&c, i);
        for (size_t i = 0; i < m; i++) stage_peek(&c, i);
        for (size_t i = 0; i < m; i++) {
            found += stage_resolve(&c, i);
            later += c.ah[i].later;
        }
        sslb__rcu_leave(rs);
        for (size_t i = 0; later && i < m; i++) { /* step 3's central store: a resolve of its own */
            if (!c.ah[i].later) continue;
            struct sink o = {NULL, &out[base + i], 1};
            out[base + i].rc = resolve_prepared(t, &c.q[i], o, NULL, 0, MAY_IP | MAY_SNI, 0, NULL);
            found += out[base + i].rc == SSLB_OK;
            later--;
        }
    }
    return found;
}
