/* impl.c — the implementations under test, all answering the same queries in the same probe
 * order (exact IP:port, SNI host:port, [::]:port for IPv6 clients, 0.0.0.0:port), reading the
 * query as the core does (an IPv4-mapped address as IPv4, the name lower-cased and without one
 * trailing dot: query_addr, query_sni_len, hostkey_make):
 *   sslbind        the core's sslb_table_resolve() (the full copy of the binding: sim, the shell);
 *   sslbind-lean   sslb_table_resolve_lean(), the handshake's path (certificate hash, store,
 *                  flags, step: no copy of the binding);
 *   sslbind-batch  sslb_table_resolve_batch() on BATCH_MAX queries at once (lean results);
 *   uthash         one plain uthash table per kind with its default hash, what a user of the
 *                  library would write first;
 *   urcu-lfht, ck-ht   the concurrent tables one would pick instead (peers.c);
 *   linear         an array scan (small tables only).
 * CCS is not exercised: no workload has CCS bindings.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uthash.h>

#include "bench.h"

/* ---- sslbind ---- */

static void *sb_build(const struct dataset *ds)
{
    sslb_table *t;
    if (sslb_table_create(&t) != SSLB_OK) return NULL;
    for (size_t i = 0; i < ds->n; i++)
        if (sslb_table_add(t, &ds->b[i], NULL) != SSLB_OK) {
            sslb_table_destroy(t);
            return NULL;
        }
    return t;
}

static int32_t sb_resolve(void *state, const struct query *q)
{
    sslb_match m;
    if (sslb_table_resolve(state, &q->addr, q->port, q->sni, q->sni_len, &m, NULL) != SSLB_OK) return -1;
    return binding_id(m.certhash);
}

static void sb_destroy(void *state)
{
    sslb_table_destroy(state);
}

static int sb_update(void *state, const sslb_binding *b)
{
    return sslb_table_update(state, b, NULL) == SSLB_OK ? 0 : -1;
}

sslb_table *impl_sslbind_table(void *state)
{
    return state;
}

const struct impl impl_sslbind = {"sslbind", 0, sb_build, sb_resolve, sb_destroy, sb_update, NULL};

/* ---- sslbind-lean: sslb_table_resolve_lean, what a handshake calls ---- */

static int32_t sbb_resolve(void *state, const struct query *q)
{
    sslb_lean l;
    if (sslb_table_resolve_lean(state, &q->addr, q->port, q->sni, q->sni_len, &l) != SSLB_OK) return -1;
    return binding_id(l.certhash);
}

const struct impl impl_sslbind_lean = {"sslbind-lean", 0, sb_build, sbb_resolve, sb_destroy, NULL, NULL};

/* ---- sslbind-batch: sslb_table_resolve_batch, the handshake's lean result ---- */

static void sbb_resolve_batch(void *state, const struct query *q, size_t n, int32_t *ids)
{
    sslb_query sq[BATCH_MAX];
    sslb_lean out[BATCH_MAX];

    memset(sq, 0, n * sizeof sq[0]);
    for (size_t i = 0; i < n; i++) {
        sq[i].local = q[i].addr;
        sq[i].port = q[i].port;
        sq[i].sni = q[i].sni;
        sq[i].sni_len = q[i].sni_len;
    }
    sslb_table_resolve_batch(state, n, sq, out);
    for (size_t i = 0; i < n; i++) ids[i] = out[i].rc == SSLB_OK ? binding_id(out[i].certhash) : -1;
}

const struct impl impl_sslbind_batch = {"sslbind-batch", 0, sb_build, sbb_resolve, sb_destroy, NULL, sbb_resolve_batch};

/* ---- uthash ---- */

struct ut_entry {
    UT_hash_handle hh;
    sslb_params params;
    struct ipkey ip; /* IP entries */
    size_t keylen;   /* host entries: lower-case name, then the port's two bytes */
    uint8_t key[];
};

struct ut_state {
    struct ut_entry *ip, *host;
};

static void *ut_build(const struct dataset *ds)
{
    struct ut_state *s = calloc(1, sizeof *s);

    for (size_t i = 0; s && i < ds->n; i++) {
        const sslb_binding *b = &ds->b[i];
        struct ut_entry *e;
        if (b->key.kind == SSLB_IPPORT) {
            e = calloc(1, sizeof *e);
            e->params = b->params;
            ipkey_make(&e->ip, b->key.family, b->key.addr, b->key.port);
            HASH_ADD(hh, s->ip, ip, sizeof e->ip, e);
        } else {
            e = calloc(1, sizeof *e + b->key.host_len + 2);
            e->params = b->params;
            e->keylen = hostkey_make(e->key, b->key.host, b->key.host_len, b->key.port);
            HASH_ADD_KEYPTR(hh, s->host, e->key, e->keylen, e);
        }
    }
    return s;
}

static struct ut_entry *ut_find_ip(struct ut_state *s, uint8_t family, const uint8_t *addr, uint16_t port)
{
    struct ipkey k;
    struct ut_entry *e;
    ipkey_make(&k, family, addr, port);
    HASH_FIND(hh, s->ip, &k, sizeof k, e);
    return e;
}

static int32_t ut_resolve(void *state, const struct query *q)
{
    static const uint8_t zero[16];
    struct ut_state *s = state;
    struct ut_entry *e;

    uint8_t family, buf[16];
    const uint8_t *addr = query_addr(q, &family, buf);

    if ((e = ut_find_ip(s, family, addr, q->port))) return binding_id(e->params.certhash);
    if (q->sni) {
        uint8_t key[HOSTKEY_MAX];
        size_t len = hostkey_make(key, q->sni, query_sni_len(q), q->port);
        HASH_FIND(hh, s->host, key, len, e);
        if (e) return binding_id(e->params.certhash);
    }
    if (family == 6 && (e = ut_find_ip(s, 6, zero, q->port))) return binding_id(e->params.certhash);
    if ((e = ut_find_ip(s, 4, zero, q->port))) return binding_id(e->params.certhash);
    return -1;
}

static void ut_destroy(void *state)
{
    struct ut_state *s = state;
    struct ut_entry *e, *tmp;
    HASH_ITER(hh, s->ip, e, tmp)
    {
        HASH_DEL(s->ip, e);
        free(e);
    }
    HASH_ITER(hh, s->host, e, tmp)
    {
        HASH_DEL(s->host, e);
        free(e);
    }
    free(s);
}

const struct impl impl_uthash = {"uthash", 0, ut_build, ut_resolve, ut_destroy, NULL, NULL};

/* ---- linear ---- */

struct lin_state {
    size_t n;
    const sslb_binding *b;
};

static void *lin_build(const struct dataset *ds)
{
    struct lin_state *s = malloc(sizeof *s);
    if (s) {
        s->n = ds->n;
        s->b = ds->b;
    }
    return s;
}

static int32_t lin_find_ip(const struct lin_state *s, uint8_t family, const uint8_t *addr, uint16_t port)
{
    for (size_t i = 0; i < s->n; i++) {
        const sslb_key *k = &s->b[i].key;
        if (k->kind == SSLB_IPPORT && k->port == port && k->family == family && memcmp(k->addr, addr, 16) == 0)
            return binding_id(s->b[i].params.certhash);
    }
    return -1;
}

static int32_t lin_resolve(void *state, const struct query *q)
{
    static const uint8_t zero[16];
    const struct lin_state *s = state;
    int32_t id;
    uint8_t family, buf[16];
    const uint8_t *addr = query_addr(q, &family, buf);

    if ((id = lin_find_ip(s, family, addr, q->port)) >= 0) return id;
    if (q->sni) {
        size_t len = query_sni_len(q);
        for (size_t i = 0; i < s->n; i++) {
            const sslb_key *k = &s->b[i].key;
            if (k->kind == SSLB_HOSTPORT && k->port == q->port && k->host_len == len &&
                strncasecmp(k->host, q->sni, len) == 0)
                return binding_id(s->b[i].params.certhash);
        }
    }
    if (family == 6 && (id = lin_find_ip(s, 6, zero, q->port)) >= 0) return id;
    return lin_find_ip(s, 4, zero, q->port);
}

static void lin_destroy(void *state)
{
    free(state);
}

const struct impl impl_linear = {"linear", 1000, lin_build, lin_resolve, lin_destroy, NULL, NULL};

/* ---- the registry ---- */

const struct impl *const bench_impls[] = {&impl_sslbind,   &impl_sslbind_lean, &impl_sslbind_batch, &impl_uthash,
                                          &impl_urcu_lfht, &impl_ck_ht,        &impl_linear,        NULL};
