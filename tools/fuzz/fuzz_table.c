/* fuzz_table.c — the binding table (sslb/table.h) against a model: the input drives adds,
 * updates, deletes, bulk adds and deletes (growth, stale-filter rebuilds), assign (snapshot,
 * restore, clear), the test hooks that switch plans (large tables' prefetch and filters on a
 * small table), colliding hashes, failed allocations and grace periods, and after them compares
 * every answer of sslb_table_resolve (match and trace), sslb_table_resolve_lean and
 * sslb_table_resolve_batch (1..70 queries: chunks of 32 crossed), sslb_table_query, _count and
 * _foreach with a plain array of bindings and spec/lookup.md's order written out again here
 * (exact IP:port, SNI hostname:port, scoped CCS then CCS with the central store's two file
 * names, [::] for IPv6 clients, 0.0.0.0). The model calls nothing of the table, resolve or their
 * hashing: only sslb_key_format (the trace's key texts, the enumeration order) and
 * sslb_params_equal (to compare what the table gives with what it holds).
 * tools/fuzz/run-all runs it; tests/fuzz replays its corpus.
 *
 * The input (a byte read past the end is 0):
 *   byte 0    bit 0: force_prefetch; bit 1: force_filter; bit 2: a central store;
 *             bits 3-4: the hash: real, every key one hash (and_mask 0), one group with real
 *             tags, a few groups / tags / preferred slots (sslb__table_force_hash)
 *   then operations, one byte each (op = low 4 bits, a = high 4 bits) and their arguments:
 *     0 add K P    1 update K P    2 delete K    3 query K     (kind a & 3, key byte K, params P)
 *     4, 14 resolve Q                  one query, three bytes (below), by the three resolves
 *     5 batch N Q…                     (N % 70) + 1 queries, as far as the input goes
 *     6 bulk add C B   7 bulk delete C B   C + 1 bindings from index 4 B on: a & 1 ? host
 *                                      names "hI.bulk.test:443" : 10.1.I/256.I%256:443
 *     8 assign                         a & 3: other := main, main := other, main := empty,
 *                                      other := empty
 *     9 plan                           a & 3: prefetch off, on, filter on, off; a >> 2: keep,
 *                                      central store on, off, keep
 *     10 quiesce   11 fail N           the next write's allocations fail after N (0..255);
 *                                      quiesce and ended events run twice per input at most
 *     12, 15 check                     count, foreach, query of every key, each key resolved
 *     13 events E                      sslb__table_advance_events(2^(a) events, ended E & 1)
 *   key byte K: IP:port: address K & 7 of ip_pool, port (K >> 3) & 3 of ports; hostname:port
 *   and scoped CCS: name K & 15 of names, port (K >> 4) & 3; CCS: port K & 3.
 *   params byte P: (P & 0xe0) == 0xe0: invalid (P & 3: a 7-byte hash, a hash where none
 *   belongs or none where one does, a store name with a control byte, one of 256 bytes);
 *   else store name P & 3, flags (P >> 2) & 3, CTL identifier P & 16, CTL store P & 32,
 *   AppId and check mode P >> 6; the certificate hash numbers the write.
 *   query: address A & 15 (0-7 ip_pool, 8-13 query_extra, 14-15 the bulk addresses of index
 *   4 X and 4 X + 1), port (A >> 4) & 7 of query_ports; SNI byte S: form S >> 4 of name
 *   S & 15 (see sni_make), extra byte X; with bit 7 of A, form 1 names the bulk name of index
 *   4 X + (S & 3) instead.
 * At the end: a full check, and a sweep of queries over the pools by all three resolves. */
#include <string.h>

#include "fuzz_util.h"
#include "sslb/table.h"
#include "../../core/src/table_int.h" /* the test hooks */

/* ---- the input --------------------------------------------------------------------------- */

struct input {
    const uint8_t *p;
    size_t n, i;
};

static uint8_t next(struct input *in)
{
    return in->i < in->n ? in->p[in->i++] : 0;
}

static int done(const struct input *in)
{
    return in->i >= in->n;
}

/* ---- the pools the keys and queries are drawn from ------------------------------------------ */

struct ipaddr {
    uint8_t family;
    uint8_t b[16];
};

/* binding addresses: two wildcards, IPv4 and IPv6, one IPv6 holding an IPv4's bytes */
static const struct ipaddr ip_pool[8] = {
    {4, {0}},
    {6, {0}},
    {4, {10, 0, 0, 1}},
    {4, {10, 0, 0, 2}},
    {6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
    {6, {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
    {6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1}}, /* ::a00:1, not IPv4-mapped */
    {4, {255, 255, 255, 255}},
};

/* client addresses: the above, then unbound neighbours and IPv4-mapped ones (14, 15: bulk) */
static const struct ipaddr query_extra[6] = {
    {4, {10, 0, 0, 3}},
    {6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1}}, /* ::ffff:10.0.0.1 is 10.0.0.1 */
    {6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0}},  /* ::ffff:0.0.0.0 is 0.0.0.0 */
    {6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}},
    {6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 255, 255, 255, 255}},
    {6, {0x20, 0x01, 0x0d, 0xb8}},
};

static const uint16_t ports[4] = {443, 444, 8443, 65535};
static const uint16_t query_ports[8] = {443, 444, 8443, 65535, 1, 445, 80, 0};

#define NAMES 16
static char names[NAMES][SSLB_HOST_MAX + 1]; /* lower-case host names, made once (make_names) */

static const char *const short_names[12] = {
    "a",
    "b",
    "www.contoso.com",
    "contoso.com",
    "shop.contoso.com",
    "www.contoso.con", /* one byte from www.contoso.com */
    "www_contoso-com",
    "x.y.z",
    "_.contoso.com",
    "abcdefghijklmno", /* 15, 16 and 17 bytes: the hash's 16-byte chunks */
    "abcdefghijklmnop",
    "abcdefghijklmnopq",
};

/* n bytes of labels of 63 (dots between), letters from c on */
static void long_name(char *out, size_t n, char c)
{
    for (size_t i = 0; i < n; i++) out[i] = i % 64 == 63 ? '.' : (char)(c + (char)(i % 7));
    out[n] = '\0';
}

static void make_names(void)
{
    for (int i = 0; i < 12; i++) snprintf(names[i], sizeof names[i], "%s", short_names[i]);
    long_name(names[12], 79, 'a');  /* the longest name a record holds at home */
    long_name(names[13], 80, 'a');  /* the shortest that does not */
    long_name(names[14], 253, 'k'); /* SSLB_HOST_MAX */
    long_name(names[15], 252, 'k');
}

/* The central certificate store as the harness fakes it: file names, what find() says. */
static const struct {
    const char *name;
    int found; /* 1 usable, -1 unusable */
} central_files[] = {
    {"www.contoso.com", 1}, {"_.contoso.com", 1},     {"shop.contoso.com", -1}, {"a", 1},
    {"_.y.z", 1},           {"abcdefghijklmnop", -1},
};
#define CENTRAL_FILES (sizeof central_files / sizeof central_files[0])

static void thumb_of(size_t i, uint8_t out[SSLB_CERTHASH_LEN])
{
    memset(out, (int)(0xc0 + i), SSLB_CERTHASH_LEN);
}

/* 1 (thumbprint written), 0 or -1, as sslb_central.find */
static int central_lookup(const char *name, uint8_t thumb[SSLB_CERTHASH_LEN])
{
    for (size_t i = 0; i < CENTRAL_FILES; i++) {
        if (strcmp(central_files[i].name, name) != 0) continue;
        if (central_files[i].found > 0) thumb_of(i, thumb);
        return central_files[i].found;
    }
    return 0;
}

static int central_find(void *ctx, const char *name, uint8_t thumb[SSLB_CERTHASH_LEN])
{
    (void)ctx;
    return central_lookup(name, thumb);
}

/* ---- keys and parameters ------------------------------------------------------------------ */

static void key_ip(sslb_key *k, const struct ipaddr *a, uint16_t port)
{
    memset(k, 0, sizeof *k);
    k->kind = SSLB_IPPORT;
    k->family = a->family;
    k->port = port;
    memcpy(k->addr, a->b, 16);
}

static void key_host(sslb_key *k, sslb_kind kind, const char *host, uint16_t port)
{
    memset(k, 0, sizeof *k);
    k->kind = (uint8_t)kind;
    k->port = port;
    k->host_len = (uint8_t)strlen(host);
    memcpy(k->host, host, k->host_len);
}

static void key_of(sslb_key *k, sslb_kind kind, uint8_t b)
{
    if (kind == SSLB_IPPORT) key_ip(k, &ip_pool[b & 7], ports[(b >> 3) & 3]);
    else if (kind == SSLB_CCS) {
        memset(k, 0, sizeof *k);
        k->kind = SSLB_CCS;
        k->port = ports[b & 3];
    } else key_host(k, kind, names[b & 15], ports[(b >> 4) & 3]);
}

static void bulk_addr(struct ipaddr *a, unsigned i)
{
    memset(a, 0, sizeof *a);
    a->family = 4;
    a->b[0] = 10;
    a->b[1] = 1;
    a->b[2] = (uint8_t)(i >> 8);
    a->b[3] = (uint8_t)i;
}

static void bulk_name(char *out, size_t n, unsigned i)
{
    snprintf(out, n, "h%u.bulk.test", i);
}

static char long_store[SSLB_STRING_MAX + 2]; /* 256 bytes: one too many */

/* Fills p from the params byte; 1 when the block is valid for the kind. serial numbers the
 * certificate hash so that an answer from an older write shows. */
static int params_of(sslb_params *p, sslb_kind kind, uint8_t v, uint32_t serial)
{
    static const char *const stores[4] = {NULL, "MY", "WebHosting", "My"};
    static const uint32_t flags[4] = {0, SSLB_FLAG_REJECT, SSLB_FLAG_NEGOTIATE_CLIENT_CERT | SSLB_FLAG_DISABLE_HTTP2,
                                      0xffffffffu};
    int hashed = kind == SSLB_IPPORT || kind == SSLB_HOSTPORT;

    memset(p, 0, sizeof *p);
    if (hashed) {
        p->certhash_len = SSLB_CERTHASH_LEN;
        memset(p->certhash, 0xab, SSLB_CERTHASH_LEN);
        memcpy(p->certhash, &serial, sizeof serial);
        p->certhash[4] = v;
    }
    if ((v & 0xe0) == 0xe0) {
        switch (v & 3) {
        case 0:
            p->certhash_len = 7;
            break;
        case 1:
            p->certhash_len = hashed ? 0 : SSLB_CERTHASH_LEN;
            break;
        case 2:
            p->store_name = "M\001Y";
            break;
        default:
            p->store_name = long_store;
            break;
        }
        return 0;
    }
    p->store_name = stores[v & 3];
    p->flags = flags[(v >> 2) & 3];
    p->ctl_identifier = v & 16 ? "ctl" : NULL;
    p->ctl_store_name = v & 32 ? "CA" : NULL;
    p->appid.b[0] = (uint8_t)(v >> 6);
    p->check_mode = v >> 6 ? SSLB_CHECK_NO_REVOCATION : 0;
    p->revocation_freshness_time = (uint32_t)(v >> 6) * 60;
    p->url_retrieval_timeout = v >> 7 ? 15000 : 0;
    return 1;
}

static int str_same(const char *a, const char *b)
{
    return !a || !b ? a == b : strcmp(a, b) == 0;
}

/* endpoint.h's key: fields compared; the host's bytes past its NUL are not part of it */
static int key_same(const sslb_key *a, const sslb_key *b)
{
    return a->kind == b->kind && a->family == b->family && a->port == b->port && memcmp(a->addr, b->addr, 16) == 0 &&
           a->host_len == b->host_len && memcmp(a->host, b->host, a->host_len) == 0 && a->host[a->host_len] == '\0' &&
           b->host[b->host_len] == '\0';
}

static const char *key_text(const sslb_key *k, char *buf)
{
    return sslb_key_format(k, buf, SSLB_KEYTEXT_MAX);
}

/* ---- the model: an array of bindings ----------------------------------------------------- */

#define MODEL_MAX 4096 /* 32 + 64 + 4 + 64 keys of the pools, 2 × 1024 bulk ones */

struct model {
    size_t n;
    sslb_binding b[MODEL_MAX]; /* strings: the harness's constants (never freed) */
};

static struct model *m_main, *m_other, *m_before; /* each table's; main's before a write that may fail */

static long m_find(const struct model *m, const sslb_key *k)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->b[i].key.kind == k->kind && m->b[i].key.port == k->port && key_same(&m->b[i].key, k)) return (long)i;
    return -1;
}

/* what sslb_table_add / _update / _delete must answer, and the model changed accordingly */
static sslb_rc m_write(struct model *m, int op, const sslb_binding *b, int valid)
{
    long at = m_find(m, &b->key);

    if (op != 2 && !valid) return SSLB_EINVAL;
    if (op == 0) {
        if (at >= 0) return SSLB_EEXISTS;
        if (m->n == MODEL_MAX) abort();
        m->b[m->n++] = *b;
        return SSLB_OK;
    }
    if (at < 0) return SSLB_ENOTFOUND;
    if (op == 1) m->b[at] = *b;
    else m->b[at] = m->b[--m->n];
    return SSLB_OK;
}

/* 1 when some binding of this kind on this port is of the class: for IP:port, 1 a real
 * address, 4 0.0.0.0, 6 [::] */
static int m_port_has(const struct model *m, sslb_kind kind, uint16_t port, int ipclass)
{
    for (size_t i = 0; i < m->n; i++) {
        const sslb_key *k = &m->b[i].key;
        if (k->kind != kind || k->port != port) continue;
        if (kind != SSLB_IPPORT) return 1;
        static const uint8_t zero[16];
        int real = memcmp(k->addr, zero, 16) != 0;
        if (ipclass == 1 ? real : !real && k->family == ipclass) return 1;
    }
    return 0;
}

/* The answer the model expects for one query. */
struct expect {
    sslb_rc rc;
    int step, central;
    const sslb_binding *b;
    uint8_t certhash[SSLB_CERTHASH_LEN];
    char file[SSLB_HOST_MAX + 16];
    sslb_trace tr;
};

static void m_trace(struct expect *e, int step, int table, int outcome, int why, int note, const sslb_key *k,
                    const char *text)
{
    sslb_probe *p;

    FZ_CHECK(e->tr.count < SSLB_TRACE_MAX, "the model's trace overflows");
    p = &e->tr.probe[e->tr.count++];
    memset(p, 0, sizeof *p);
    p->step = (uint8_t)step;
    p->table = (uint8_t)table;
    p->outcome = (uint8_t)outcome;
    p->why = (uint8_t)why;
    p->note = (uint8_t)note;
    if (k) key_text(k, p->key);
    else snprintf(p->key, sizeof p->key, "%s", text);
}

/* A probe of the model for key k: its binding or NULL, traced. */
static const sslb_binding *m_probe(const struct model *m, struct expect *e, int step, int note, const sslb_key *k)
{
    long at = m_find(m, k);
    m_trace(e, step, k->kind, at >= 0 ? SSLB_PROBE_HIT : SSLB_PROBE_MISS, SSLB_WHY_NONE, note, k, NULL);
    return at >= 0 ? &m->b[at] : NULL;
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* endpoint.h's host name: labels of [a-z0-9_-] (after lower-casing), 1..63 each, at most 253 */
static int host_valid(const char *s, size_t len)
{
    size_t label = 0;

    if (len == 0 || len > SSLB_HOST_MAX) return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '.') {
            if (label == 0) return 0;
            label = 0;
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
            if (++label > SSLB_LABEL_MAX) return 0;
        } else return 0;
    }
    return label > 0;
}

/* Step 3's central store: "<S>.pfx", then "_.<S without its first label>.pfx". 1 on a hit. */
static int m_central(struct expect *e, int central_on, const char *s, int note)
{
    char name[SSLB_HOST_MAX + 8];
    const char *dot = strchr(s, '.');

    if (!central_on) {
        m_trace(e, 3, SSLB_PROBE_CENTRAL, SSLB_PROBE_SKIPPED, SSLB_WHY_NO_CENTRAL, note, NULL, "central store");
        return 0;
    }
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0) snprintf(name, sizeof name, "%s", s);
        else if (dot) snprintf(name, sizeof name, "_.%s", dot + 1);
        else break;
        int found = central_lookup(name, e->certhash);
        snprintf(e->file, sizeof e->file, "%s.pfx", name);
        m_trace(e, 3, SSLB_PROBE_CENTRAL, found > 0 ? SSLB_PROBE_HIT : SSLB_PROBE_MISS,
                found > 0   ? SSLB_WHY_NONE
                : found < 0 ? SSLB_WHY_FILE_UNUSABLE
                            : SSLB_WHY_FILE_MISSING,
                note, NULL, e->file);
        if (found > 0) return 1;
    }
    e->file[0] = '\0';
    return 0;
}

static void m_hit(struct expect *e, int step, const sslb_binding *b)
{
    e->rc = SSLB_OK;
    e->step = step;
    e->b = b;
    if (!e->central) memcpy(e->certhash, b->params.certhash, SSLB_CERTHASH_LEN);
}

/* spec/lookup.md, "Order of the probes", with docs/architecture.md's trace. */
static void m_resolve(const struct model *m, int central_on, const sslb_addr *local, uint16_t port, const char *sni,
                      size_t sni_len, struct expect *e)
{
    static const uint8_t zero[16], mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    struct ipaddr a = {local->family, {0}};
    char s[SSLB_HOST_MAX + 2];
    int note = 0, given = sni && sni_len, valid = 0;
    const sslb_binding *b;
    sslb_key k;

    memset(e, 0, sizeof *e);
    e->rc = SSLB_ENOTFOUND;
    memcpy(a.b, local->bytes, 16);
    if (a.family == 6 && memcmp(a.b, mapped, 12) == 0) { /* ::ffff:a.b.c.d is a.b.c.d (our choice) */
        memmove(a.b, a.b + 12, 4);
        memset(a.b + 4, 0, 12);
        a.family = 4;
    }
    if (given) {
        size_t len = sni_len;
        if (sni[len - 1] == '.') { /* one trailing dot dropped (our choice) */
            len--;
            note = SSLB_NOTE_SNI_DOT;
        }
        if (len <= SSLB_HOST_MAX) {
            for (size_t i = 0; i < len; i++) s[i] = lower(sni[i]);
            s[len] = '\0';
            valid = host_valid(s, len);
        }
    }

    /* 1. exact A:P (A itself, not a wildcard) */
    if (memcmp(a.b, zero, 16) == 0) {
        m_trace(e, 1, SSLB_IPPORT, SSLB_PROBE_SKIPPED, SSLB_WHY_WILDCARD_LOCAL, 0, NULL, "exact address");
    } else if (!m_port_has(m, SSLB_IPPORT, port, 1)) {
        m_trace(e, 1, SSLB_IPPORT, SSLB_PROBE_SKIPPED, SSLB_WHY_PORT_EMPTY, 0, NULL, "exact address");
    } else {
        key_ip(&k, &a, port);
        if ((b = m_probe(m, e, 1, 0, &k))) return m_hit(e, 1, b);
    }

    /* 2. S:P; 3. scoped CCS S:P, then CCS P, then the central store's files */
    if (!valid) {
        int why = given ? SSLB_WHY_BAD_SNI : SSLB_WHY_NO_SNI;
        m_trace(e, 2, SSLB_HOSTPORT, SSLB_PROBE_SKIPPED, why, note, NULL, "hostname");
        m_trace(e, 3, SSLB_CCS, SSLB_PROBE_SKIPPED, why, note, NULL, "central certificate store");
    } else {
        if (!m_port_has(m, SSLB_HOSTPORT, port, 0)) {
            m_trace(e, 2, SSLB_HOSTPORT, SSLB_PROBE_SKIPPED, SSLB_WHY_PORT_EMPTY, note, NULL, "hostname");
        } else {
            key_host(&k, SSLB_HOSTPORT, s, port);
            if ((b = m_probe(m, e, 2, note, &k))) return m_hit(e, 2, b);
        }
        int scoped = m_port_has(m, SSLB_SCOPEDCCS, port, 0), ccs = m_port_has(m, SSLB_CCS, port, 0);
        b = NULL;
        if (!scoped && !ccs) {
            m_trace(e, 3, SSLB_CCS, SSLB_PROBE_SKIPPED, SSLB_WHY_PORT_EMPTY, note, NULL, "central certificate store");
        } else {
            key_host(&k, SSLB_SCOPEDCCS, s, port);
            if (!scoped)
                m_trace(e, 3, SSLB_SCOPEDCCS, SSLB_PROBE_SKIPPED, SSLB_WHY_PORT_EMPTY, note, NULL, "scoped CCS");
            else b = m_probe(m, e, 3, note, &k);
            if (!b) {
                memset(&k, 0, sizeof k);
                k.kind = SSLB_CCS;
                k.port = port;
                if (!ccs) m_trace(e, 3, SSLB_CCS, SSLB_PROBE_SKIPPED, SSLB_WHY_PORT_EMPTY, note, NULL, "CCS");
                else b = m_probe(m, e, 3, note, &k);
            }
        }
        if (b && (b->params.flags & SSLB_FLAG_REJECT)) { /* refused before any certificate: no file asked */
            m_trace(e, 3, SSLB_PROBE_CENTRAL, SSLB_PROBE_SKIPPED, SSLB_WHY_REJECT, note, NULL, "central store");
            return m_hit(e, 3, b);
        }
        if (b && m_central(e, central_on, s, note)) {
            e->central = 1;
            return m_hit(e, 3, b);
        }
    }

    /* 4. [::]:P for IPv6 clients; 5. 0.0.0.0:P for all */
    if (a.family == 4) {
        m_trace(e, 4, SSLB_IPPORT, SSLB_PROBE_SKIPPED, SSLB_WHY_CLIENT_IPV4, 0, NULL, "[::]");
    } else if (!m_port_has(m, SSLB_IPPORT, port, 6)) {
        m_trace(e, 4, SSLB_IPPORT, SSLB_PROBE_SKIPPED, SSLB_WHY_PORT_EMPTY, 0, NULL, "[::]");
    } else {
        key_ip(&k, &ip_pool[1], port);
        if ((b = m_probe(m, e, 4, 0, &k))) return m_hit(e, 4, b);
    }
    if (!m_port_has(m, SSLB_IPPORT, port, 4)) {
        m_trace(e, 5, SSLB_IPPORT, SSLB_PROBE_SKIPPED, SSLB_WHY_PORT_EMPTY, 0, NULL, "0.0.0.0");
    } else {
        key_ip(&k, &ip_pool[0], port);
        if ((b = m_probe(m, e, 5, 0, &k))) return m_hit(e, 5, b);
    }
}

/* ---- the tables under test, and the comparisons ------------------------------------------ */

struct run {
    sslb_table *t, *other; /* other: NULL until an assign makes it */
    int central_on;
    int fail_next; /* >= 0: the next write's allocations fail after this many */
    int waits;     /* quiesces and ended grace periods so far (each waits for the call_rcu thread) */
    uint32_t serial;
};

static const sslb_central central = {central_find, NULL};

/* An empty table, never written, the source of "main := empty": made once. Each input's own
 * tables are destroyed at its end, and "other" is made only by an input that assigns: a destroy
 * waits for every deferred free (an RCU barrier, some 10-30 ms here, the call_rcu thread's
 * batching), which costs more than the rest of an input; deferring the destroys instead left
 * each input with more mallocs than frees, and libFuzzer then ran it again for leaks. */
static sslb_table *empty_table;

/* A query as the harness keeps it: the SNI in a buffer of exactly its length (ASan sees a read
 * past it), NULL for none. */
struct q {
    sslb_addr local;
    uint16_t port;
    char *sni;
    size_t len;
};

static const char *q_text(const struct q *q, char *buf, size_t n)
{
    char a[64];
    sslb_addr_format(&q->local, a, sizeof a);
    snprintf(buf, n, "%s port %u SNI %s%.*s%s (%zu bytes)", a, (unsigned)q->port, q->sni ? "'" : "",
             q->sni ? (int)(q->len > 60 ? 60 : q->len) : 4, q->sni ? q->sni : "none", q->sni ? "'" : "", q->len);
    return buf;
}

static void check_full(const struct run *r, const struct q *q, const struct expect *e)
{
    sslb_match mt;
    sslb_trace tr;
    char qt[200], a[SSLB_KEYTEXT_MAX], b[SSLB_KEYTEXT_MAX];

    memset(&mt, 0x5a, sizeof mt);
    sslb_rc rc = sslb_table_resolve(r->t, &q->local, q->port, q->sni, q->len, &mt, &tr);
    q_text(q, qt, sizeof qt);
    FZ_CHECK(tr.count == e->tr.count, "%s: %u probes traced, the model %u", qt, tr.count, e->tr.count);
    for (unsigned i = 0; i < tr.count; i++) {
        const sslb_probe *p = &tr.probe[i], *x = &e->tr.probe[i];
        FZ_CHECK(p->step == x->step && p->table == x->table && p->outcome == x->outcome && p->why == x->why &&
                     p->note == x->note && strcmp(p->key, x->key) == 0,
                 "%s: probe %u is step %u table %u outcome %u why %u note %u '%s', the model's step %u table %u "
                 "outcome %u why %u note %u '%s'",
                 qt, i, p->step, p->table, p->outcome, p->why, p->note, p->key, x->step, x->table, x->outcome, x->why,
                 x->note, x->key);
    }
    FZ_CHECK(rc == e->rc, "%s: resolve says %d, the model %d", qt, (int)rc, (int)e->rc);
    if (rc != SSLB_OK) return;
    FZ_CHECK(mt.step == e->step && mt.central == e->central, "%s: step %u central %u, the model step %d central %d", qt,
             mt.step, mt.central, e->step, e->central);
    FZ_CHECK(key_same(&mt.binding.key, &e->b->key), "%s: binding %s, the model's %s", qt, key_text(&mt.binding.key, a),
             key_text(&e->b->key, b));
    FZ_CHECK(sslb_params_equal(&mt.binding.params, &e->b->params),
             "%s: binding %s's parameters differ from the model's", qt, key_text(&e->b->key, b));
    FZ_CHECK(memcmp(mt.certhash, e->certhash, SSLB_CERTHASH_LEN) == 0, "%s: another certificate hash", qt);
    FZ_CHECK(strcmp(mt.central_file, e->file) == 0, "%s: central file '%s', the model '%s'", qt, mt.central_file,
             e->file);
}

static void check_lean_one(const struct run *r, const struct q *q, const struct expect *e, const sslb_lean *l,
                           const char *how)
{
    char qt[200];

    q_text(q, qt, sizeof qt);
    FZ_CHECK(l->rc == e->rc, "%s: %s says %d, the model %d", qt, how, (int)l->rc, (int)e->rc);
    if (l->rc != SSLB_OK) return;
    FZ_CHECK(l->step == e->step && l->central == e->central && l->kind == e->b->key.kind,
             "%s: %s step %u central %u kind %u, the model step %d central %d kind %u", qt, how, l->step, l->central,
             l->kind, e->step, e->central, e->b->key.kind);
    FZ_CHECK(l->flags == e->b->params.flags, "%s: %s flags %#x, the model %#x", qt, how, l->flags, e->b->params.flags);
    const char *store = sslb_table_store_name(r->t, l->store_id);
    FZ_CHECK(str_same(store, e->b->params.store_name), "%s: %s store '%s', the model '%s'", qt, how,
             store ? store : "(none)", e->b->params.store_name ? e->b->params.store_name : "(none)");
    FZ_CHECK((l->store_id == 0) == (e->b->params.store_name == NULL), "%s: %s store id %u", qt, how, l->store_id);
    FZ_CHECK(memcmp(l->certhash, e->certhash, SSLB_CERTHASH_LEN) == 0, "%s: %s another certificate hash", qt, how);
    FZ_CHECK(strcmp(l->central_file, e->file) == 0, "%s: %s central file '%s', the model '%s'", qt, how,
             l->central_file, e->file);
}

/* One query by the full and the lean resolve. */
static void check_query(const struct run *r, const struct q *q)
{
    struct expect e;
    sslb_lean l;

    m_resolve(m_main, r->central_on, &q->local, q->port, q->sni, q->len, &e);
    check_full(r, q, &e);
    memset(&l, 0x5a, sizeof l);
    sslb_rc rc = sslb_table_resolve_lean(r->t, &q->local, q->port, q->sni, q->len, &l);
    FZ_CHECK(rc == l.rc, "resolve_lean returns %d, its rc says %d", (int)rc, (int)l.rc);
    check_lean_one(r, q, &e, &l, "resolve_lean");
}

#define BATCH_MAX 70

static void check_batch(const struct run *r, const struct q *qs, size_t n)
{
    static struct expect e[BATCH_MAX];
    sslb_query bq[BATCH_MAX];
    sslb_lean out[BATCH_MAX];
    size_t want = 0;

    memset(bq, 0, sizeof bq);
    for (size_t i = 0; i < n; i++) {
        bq[i] = (sslb_query){qs[i].local, qs[i].port, qs[i].sni, qs[i].len};
        m_resolve(m_main, r->central_on, &qs[i].local, qs[i].port, qs[i].sni, qs[i].len, &e[i]);
        want += e[i].rc == SSLB_OK;
    }
    memset(out, 0x5a, sizeof out);
    size_t got = sslb_table_resolve_batch(r->t, n, bq, out);
    for (size_t i = 0; i < n; i++) {
        char how[64];
        snprintf(how, sizeof how, "resolve_batch [%zu of %zu]", i, n);
        check_lean_one(r, &qs[i], &e[i], &out[i], how);
    }
    FZ_CHECK(got == want, "resolve_batch of %zu: %zu matched, the model %zu", n, got, want);
}

/* ---- queries ----------------------------------------------------------------------------- */

static void q_free(struct q *q)
{
    free(q->sni);
    q->sni = NULL;
}

static void q_sni(struct q *q, const char *s, size_t len)
{
    q->sni = malloc(len ? len : 1);
    if (!q->sni) abort();
    if (len) memcpy(q->sni, s, len);
    q->len = len;
}

/* The SNI of form f (0..15) made from name nm, extra byte x (and, for raw bytes, the input). */
static void sni_make(struct q *q, int f, const char *nm, uint8_t x, struct input *in)
{
    static const char odd[8] = {'/', (char)0x80, ' ', '\0', 0x7f, '@', '[', '`'};
    char s[600];
    size_t n = strlen(nm);
    const char *dot;

    memcpy(s, nm, n + 1);
    switch (f) {
    case 0: /* no SNI */
        q->sni = NULL, q->len = 0;
        return;
    case 1: /* the name */
        break;
    case 2:  /* upper case */
    case 12: /* upper case, a trailing dot */
        for (size_t i = 0; i < n; i++)
            if (s[i] >= 'a' && s[i] <= 'z') s[i] = (char)(s[i] - 32);
        if (f == 12) s[n++] = '.';
        break;
    case 3: /* mixed case */
        for (size_t i = 0; i < n; i++)
            if (s[i] >= 'a' && s[i] <= 'z' && (i + x) % 2) s[i] = (char)(s[i] - 32);
        break;
    case 4: /* a trailing dot */
        s[n++] = '.';
        break;
    case 5: /* two */
        s[n++] = '.', s[n++] = '.';
        break;
    case 6: /* one byte off */
        s[x % n]++;
        break;
    case 7: /* the parent */
        dot = strchr(nm, '.');
        n = dot ? strlen(dot + 1) : 0;
        memcpy(s, dot ? dot + 1 : "", n);
        break;
    case 8: /* a child */
        n = (size_t)snprintf(s, sizeof s, "%c.%s", 'a' + x % 26, nm);
        break;
    case 9: /* given, empty */
        n = 0;
        break;
    case 10: /* a lone dot */
        s[0] = '.', n = 1;
        break;
    case 11: { /* a byte no host name holds, inserted */
        size_t at = (x >> 3) % (n + 1);
        memmove(s + at + 1, s + at, n - at);
        s[at] = odd[x & 7];
        n++;
        break;
    }
    case 13: /* what a lower-casing by | 0x20 would take for the name: '-' 0x0d, '.' 0x0e, digits 0x10.. */
        for (size_t i = 0; i < n; i++) s[i] = (char)(s[i] & ~0x20);
        break;
    case 14: /* x bytes of the input, as they are */
        n = 0;
        while (in && n < x && !done(in)) s[n++] = (char)next(in);
        break;
    default: /* long: 253 bytes, 254, 253 and a dot, a label of 64 */
        if ((x & 3) == 3) {
            memset(s, 'c', 64);
            memcpy(s + 64, ".d", 2);
            n = 66;
        } else {
            long_name(s, 253, 'k');
            n = 253;
            if ((x & 3) == 1) s[n++] = 'x';
            if ((x & 3) == 2) s[n++] = '.';
        }
        if (x & 4)
            for (size_t i = 0; i < n; i++)
                if (s[i] >= 'a' && s[i] <= 'z') s[i] = (char)(s[i] - 32);
        break;
    }
    q_sni(q, s, n);
}

static void addr_of(sslb_addr *a, const struct ipaddr *p)
{
    memset(a, 0, sizeof *a);
    a->family = p->family;
    memcpy(a->bytes, p->b, 16);
}

static void query_make(struct q *q, uint8_t ab, uint8_t sb, uint8_t x, struct input *in)
{
    struct ipaddr a;
    unsigned ai = ab & 15;
    char bulk[32];

    if (ai < 8) a = ip_pool[ai];
    else if (ai < 14) a = query_extra[ai - 8];
    else bulk_addr(&a, (unsigned)x * 4 + (ai - 14));
    addr_of(&q->local, &a);
    q->port = query_ports[(ab >> 4) & 7];
    bulk_name(bulk, sizeof bulk, (unsigned)x * 4 + (sb & 3));
    /* the bulk names stand in for the names of form 1 when bit 7 of A is set */
    sni_make(q, sb >> 4, (ab & 0x80) && (sb >> 4) == 1 ? bulk : names[sb & 15], x, in);
}

/* ---- operations -------------------------------------------------------------------------- */

/* Every binding of the model found by sslb_table_query, and each one's own query resolved. */
static void check_key_query(const struct run *r, const sslb_key *k)
{
    sslb_binding got;
    long at = m_find(m_main, k);
    char kt[SSLB_KEYTEXT_MAX];
    sslb_rc rc = sslb_table_query(r->t, k, &got);

    FZ_CHECK(rc == (at >= 0 ? SSLB_OK : SSLB_ENOTFOUND), "query %s: %d, the model %s", key_text(k, kt), (int)rc,
             at >= 0 ? "bound" : "not bound");
    if (rc != SSLB_OK) return;
    FZ_CHECK(key_same(&got.key, k), "query %s: another key", key_text(k, kt));
    FZ_CHECK(sslb_params_equal(&got.params, &m_main->b[at].params), "query %s: parameters differ from the model's",
             key_text(k, kt));
}

/* A query that reaches key k's probe first when it is bound. */
static void check_key_resolve(const struct run *r, const sslb_key *k)
{
    struct q q;

    memset(&q, 0, sizeof q);
    q.port = k->port;
    if (k->kind == SSLB_IPPORT) {
        q.local.family = k->family;
        memcpy(q.local.bytes, k->addr, 16);
    } else {
        addr_of(&q.local, &query_extra[3]); /* [::2]: no exact binding, the wildcards of IPv6 */
        q_sni(&q, k->kind == SSLB_CCS ? "www.contoso.com" : k->host,
              k->kind == SSLB_CCS ? strlen("www.contoso.com") : k->host_len);
    }
    check_query(r, &q);
    check_batch(r, &q, 1);
    q_free(&q);
}

struct walk {
    const struct model *m;
    size_t seen;
    int kind;
    char prev[SSLB_KEYTEXT_MAX];
};

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int d = (unsigned char)lower(*a) - (unsigned char)lower(*b);
        if (d || !*a) return d;
    }
}

static int visit(void *ctx, const sslb_binding *b)
{
    struct walk *w = ctx;
    char kt[SSLB_KEYTEXT_MAX];
    long at = m_find(w->m, &b->key);

    key_text(&b->key, kt);
    FZ_CHECK(at >= 0, "foreach gives %s, which the model does not hold", kt);
    FZ_CHECK(sslb_params_equal(&b->params, &w->m->b[at].params), "foreach: %s's parameters differ from the model's",
             kt);
    FZ_CHECK(b->key.kind > w->kind || (b->key.kind == w->kind && ascii_casecmp(w->prev, kt) < 0),
             "foreach: %s after %s (kind %d)", kt, w->prev, w->kind);
    w->kind = b->key.kind;
    memcpy(w->prev, kt, sizeof kt);
    w->seen++;
    return 0;
}

static void check_all(const struct run *r)
{
    struct walk w = {m_main, 0, -1, ""};

    FZ_CHECK(sslb_table_count(r->t) == m_main->n, "count %zu, the model %zu", sslb_table_count(r->t), m_main->n);
    FZ_CHECK(sslb_table_foreach(r->t, visit, &w) == 0, "foreach failed");
    FZ_CHECK(w.seen == m_main->n, "foreach gives %zu bindings, the model holds %zu", w.seen, m_main->n);
    for (size_t i = 0; i < m_main->n; i++) {
        sslb_key k = m_main->b[i].key;
        check_key_query(r, &k);
        if (i % (m_main->n / 64 + 1) == 0) check_key_resolve(r, &k); /* 64 or so: the model's is O(n) */
    }
    FZ_CHECK(!r->other || sslb_table_count(r->other) == m_other->n, "the other table: count %zu, the model %zu",
             r->other ? sslb_table_count(r->other) : 0, m_other->n);
}

/* One add, update or delete on the main table (op 0, 1, 2), against the model. */
/* resolve: also resolve the key's own query (bulk writes ask it for one write in 8: the
 * model's resolve is O(n)). */
static void write_one(struct run *r, int op, const sslb_binding *b, int valid, int resolve)
{
    char kt[SSLB_KEYTEXT_MAX];
    sslb_diag d;
    sslb_rc rc, want;
    int failing = r->fail_next >= 0;

    if (failing) {
        memcpy(m_before, m_main, sizeof *m_before);
        sslb__table_fail_alloc_after(r->t, r->fail_next);
        r->fail_next = -1;
    }
    want = m_write(m_main, op, b, valid);
    rc = op == 0   ? sslb_table_add(r->t, b, &d)
         : op == 1 ? sslb_table_update(r->t, b, &d)
                   : sslb_table_delete(r->t, &b->key);
    if (failing) {
        sslb__table_fail_alloc_after(r->t, -1);
        if (rc == SSLB_ENOMEM && want == SSLB_OK) memcpy(m_main, m_before, sizeof *m_main); /* nothing changed */
    }
    FZ_CHECK(rc == want || (failing && rc == SSLB_ENOMEM && want == SSLB_OK), "%s %s: %d, the model %d",
             op == 0   ? "add"
             : op == 1 ? "update"
                       : "delete",
             key_text(&b->key, kt), (int)rc, (int)want);
    check_key_query(r, &b->key);
    if (resolve) check_key_resolve(r, &b->key);
}

static void op_write(struct run *r, int op, sslb_kind kind, struct input *in)
{
    sslb_binding b;
    uint8_t kb = next(in);
    int valid = 1;

    key_of(&b.key, kind, kb);
    if (op != 2) valid = params_of(&b.params, kind, next(in), ++r->serial);
    else memset(&b.params, 0, sizeof b.params);
    write_one(r, op, &b, valid, 1);
}

static void op_bulk(struct run *r, int del, int hosts, struct input *in)
{
    unsigned count = next(in) + 1u, base = next(in) * 4u;
    char name[32];
    sslb_binding b;

    for (unsigned i = base; i < base + count && i < 1024; i++) {
        if (hosts) {
            bulk_name(name, sizeof name, i);
            key_host(&b.key, SSLB_HOSTPORT, name, 443);
        } else {
            struct ipaddr a;
            bulk_addr(&a, i);
            key_ip(&b.key, &a, 443);
        }
        params_of(&b.params, b.key.kind, (uint8_t)(i & 0x1f), ++r->serial);
        write_one(r, del ? 2 : 0, &b, 1, i % 8 == 0);
    }
}

static void op_assign(struct run *r, int which)
{
    if (!r->other && sslb_table_create(&r->other) != SSLB_OK) abort();
    sslb_table *dst = which == 1 || which == 2 ? r->t : r->other;
    sslb_table *src = which == 0 ? r->t : which == 1 ? r->other : empty_table;
    struct model *mdst = dst == r->t ? m_main : m_other;
    const struct model *msrc = src == r->t ? m_main : src == r->other ? m_other : NULL;
    int failing = r->fail_next >= 0;
    sslb_rc rc;

    if (failing) sslb__table_fail_alloc_after(dst, r->fail_next);
    r->fail_next = -1;
    rc = sslb_table_assign(dst, src);
    if (failing) sslb__table_fail_alloc_after(dst, -1);
    FZ_CHECK(rc == SSLB_OK || (failing && rc == SSLB_ENOMEM), "assign: %d", (int)rc);
    if (rc == SSLB_OK) {
        if (msrc) memcpy(mdst, msrc, sizeof *mdst);
        else mdst->n = 0;
    }
    check_all(r);
}

static void op_plan(struct run *r, unsigned a)
{
    switch (a & 3) {
    case 0:
        sslb__table_force_prefetch(r->t, 0);
        break;
    case 1:
        sslb__table_force_prefetch(r->t, 1);
        break;
    case 2:
        FZ_CHECK(sslb__table_force_filter(r->t, 1) == SSLB_OK, "force_filter on failed");
        break;
    default:
        FZ_CHECK(sslb__table_force_filter(r->t, 0) == SSLB_OK, "force_filter off failed");
        break;
    }
    if ((a >> 2) == 1 || (a >> 2) == 2) {
        r->central_on = (a >> 2) == 1;
        sslb_table_set_central(r->t, r->central_on ? &central : NULL);
    }
}

static void op_resolve(struct run *r, struct input *in)
{
    struct q q;
    uint8_t ab = next(in), sb = next(in), x = next(in);

    memset(&q, 0, sizeof q);
    query_make(&q, ab, sb, x, in);
    check_query(r, &q);
    q_free(&q);
}

static void op_batch(struct run *r, struct input *in)
{
    struct q qs[BATCH_MAX];
    size_t n = next(in) % BATCH_MAX + 1, k = 0;

    memset(qs, 0, sizeof qs);
    do {
        uint8_t ab = next(in), sb = next(in), x = next(in);
        query_make(&qs[k++], ab, sb, x, in);
    } while (k < n && !done(in));
    check_batch(r, qs, k);
    for (size_t i = 0; i < k; i++) q_free(&qs[i]);
}

/* At the end: queries over the pools (every client address, the bound ports and one unbound, no
 * SNI and four names in turn, case and a dot varied), by the three resolves. */
static void sweep(const struct run *r)
{
    struct q qs[BATCH_MAX];
    size_t n = 0;
    unsigned turn = 0;

    for (unsigned p = 0; p < 6; p++) {
        for (unsigned ai = 0; ai < 14; ai++) {
            for (unsigned s = 0; s < 5; s++, turn++) {
                struct q *q = &qs[n++];
                uint8_t ab = (uint8_t)(ai | p << 4), sb = s == 0 ? 0 : (uint8_t)((1 + turn % 4) << 4 | turn % NAMES);
                memset(q, 0, sizeof *q);
                query_make(q, ab, sb, (uint8_t)turn, NULL);
                check_query(r, q);
                if (n == BATCH_MAX) {
                    check_batch(r, qs, n);
                    while (n) q_free(&qs[--n]);
                }
            }
        }
    }
    check_batch(r, qs, n);
    while (n) q_free(&qs[--n]);
}

/* Operations that wait for grace periods (some 10-30 ms each here) are run this many times per
 * input at most; more would slow the search without reaching anything new. */
#define WAITS_MAX 2

static void run_ops(struct run *r, struct input *in)
{
    while (!done(in)) {
        uint8_t o = next(in);
        unsigned a = o >> 4;
        switch (o & 15) {
        case 0:
        case 1:
        case 2:
            op_write(r, o & 15, (sslb_kind)(a & 3), in);
            break;
        case 3: {
            sslb_key k;
            key_of(&k, (sslb_kind)(a & 3), next(in));
            check_key_query(r, &k);
            break;
        }
        case 4:
        case 14:
            op_resolve(r, in);
            break;
        case 5:
            op_batch(r, in);
            break;
        case 6:
        case 7:
            op_bulk(r, (o & 15) == 7, a & 1, in);
            break;
        case 8:
            op_assign(r, a & 3);
            break;
        case 9:
            op_plan(r, a);
            break;
        case 10:
            if (r->waits++ < WAITS_MAX) sslb_table_quiesce(r->t);
            break;
        case 11:
            r->fail_next = next(in);
            break;
        case 13: {
            int ended = next(in) & 1;
            if (!ended || r->waits++ < WAITS_MAX) sslb__table_advance_events(r->t, 1ull << a, ended);
            break;
        }
        default:
            check_all(r);
            break;
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    make_names();
    memset(long_store, 's', SSLB_STRING_MAX + 1);
    m_main = malloc(sizeof *m_main);
    m_other = malloc(sizeof *m_other);
    m_before = malloc(sizeof *m_before);
    if (!m_main || !m_other || !m_before) abort();
    if (sslb_table_create(&empty_table) != SSLB_OK) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint64_t hash_and[4] = {~0ull, 0, 0xff00000000000000ull, 0xf0000000f0000003ull};
    struct input in = {data, size, 0};
    struct run r = {NULL, NULL, 0, -1, 0, 0};
    uint8_t h = next(&in);

    if (!m_main) LLVMFuzzerInitialize(NULL, NULL);
    m_main->n = m_other->n = 0;
    if (sslb_table_create(&r.t) != SSLB_OK) abort();
    FZ_CHECK(sslb__table_force_hash(r.t, hash_and[(h >> 3) & 3], 0) == SSLB_OK, "force_hash on an empty table");
    if (h & 1) sslb__table_force_prefetch(r.t, 1);
    if (h & 2) FZ_CHECK(sslb__table_force_filter(r.t, 1) == SSLB_OK, "force_filter failed");
    r.central_on = (h & 4) != 0;
    if (r.central_on) sslb_table_set_central(r.t, &central);

    run_ops(&r, &in);
    check_all(&r);
    sweep(&r);

    sslb_table_destroy(r.t);
    sslb_table_destroy(r.other);
    return 0;
}
