/* resolve.c — resolve: spec/lookup.md's steps over the read indexes, the probe plan, the trace,
 * and the central store's file look-ups. The critical path: no lock, no wait (RCU).
 */
#include <stdio.h>
#include <string.h>

#include "index_int.h"


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
    sslb__rec_fill(r, &out->binding, out->strings);
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

