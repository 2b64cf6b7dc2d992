/* dataset.c — bindings and queries of realistic shapes, from a fixed seed.
 *
 * Bindings: half IP:port (3/4 IPv4 in 10.0.0.0/8, 1/4 IPv6 in 2001:db8::/32), half
 * hostname:port (names like "app-00c3f1.eu-west-2.contoso.com"), ports 443 (4/5) and 8443
 * (1/5), and one 0.0.0.0:443 fallback. 8443 has no fallback, so queries there can miss.
 * Queries: sni-hit (unbound client address, a bound host name), ip-hit (a bound address, no
 * SNI), fallback (unbound address and name on 443), miss (unbound address and name on 8443),
 * mixed (40% sni-hit, 30% ip-hit, 20% fallback, 10% miss). Every query's SNI is a copy in
 * the queries' own pool of names, as a ClientHello's is in a server's buffer. From 8 bindings
 * on, [::]:4443 and 0.0.0.0:4443 too, for the checked-only queries (make_checks), which no
 * timed workload asks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

const char *const workload_names[W_COUNT] = {"sni-hit", "ip-hit", "fallback", "miss", "mixed"};

static const char *const domains[] = {"contoso.com", "fabrikam.net", "example.org", "tailspintoys.com",
                                      "wingtiptoys.co.uk"};
static const char *const regions[] = {"eu-west", "us-east", "ap-south", "sa-east"};

static uint64_t next(uint64_t *s) /* splitmix64 */
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void set_id(sslb_binding *b, uint32_t id)
{
    sslb_params_init(&b->params);
    b->params.certhash_len = SSLB_CERTHASH_LEN;
    memcpy(b->params.certhash, &id, 4);
    memset(b->params.certhash + 4, 0xab, SSLB_CERTHASH_LEN - 4);
    memset(b->params.appid.b, 0x11, 16);
}

/* Address number i of the bound ranges (distinct for distinct i). */
static void bound_addr(size_t i, sslb_addr *a)
{
    uint32_t x = (uint32_t)(i * 2654435761u) & 0xffffffu; /* a bijection on 24 bits */

    memset(a, 0, sizeof *a);
    if (i % 4 != 3) {
        a->family = 4;
        a->bytes[0] = 10;
        a->bytes[1] = (uint8_t)(x >> 16);
        a->bytes[2] = (uint8_t)(x >> 8);
        a->bytes[3] = (uint8_t)x;
    } else {
        a->family = 6;
        a->bytes[0] = 0x20;
        a->bytes[1] = 0x01;
        a->bytes[2] = 0x0d;
        a->bytes[3] = 0xb8;
        memcpy(a->bytes + 8, &i, sizeof i);
        a->bytes[15] ^= 0x5a;
    }
}

/* A client address no binding holds: 192.168/16 or fd00::/8. */
static void client_addr(uint64_t r, sslb_addr *a)
{
    memset(a, 0, sizeof *a);
    if (r % 5) {
        a->family = 4;
        a->bytes[0] = 192;
        a->bytes[1] = 168;
        a->bytes[2] = (uint8_t)(r >> 8);
        a->bytes[3] = (uint8_t)(r >> 16);
    } else {
        a->family = 6;
        a->bytes[0] = 0xfd;
        memcpy(a->bytes + 8, &r, 8);
    }
}

/* A copy of name at *dst, its letters in alternating case (from the first letter's case,
 * upper when `upper`) and with a trailing dot when `dot`; returns the copy. */
static const char *odd_name(char **dst, const char *name, size_t len, int upper, int dot, uint8_t *out_len)
{
    char *d = *dst;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (c >= 'a' && c <= 'z' && (upper ^= 1)) c = (char)(c - 32);
        d[i] = c;
    }
    if (dot) d[len++] = '.';
    d[len] = '\0';
    *dst += len + 1;
    *out_len = (uint8_t)len;
    return d;
}

/* A host binding on port `port`, from a random start (NULL if there is none). */
static const sslb_binding *host_on(const struct dataset *ds, uint64_t r, uint16_t port)
{
    for (size_t k = 0; k < ds->n_host; k++) {
        const sslb_binding *h = &ds->b[ds->n_ip + (r + k) % ds->n_host];
        if (h->key.port == port) return h;
    }
    return NULL;
}

#define VQ_ROUNDS 32 /* rounds of the checked queries below */
#define VQ_PER 12    /* queries per round at most */

/* The checked-only queries (struct dataset's vq): each round asks every case once, from its own
 * draws. Expected answers follow spec/lookup.md's order: exact IP:port, then SNI name:port, then
 * [::]:port for an IPv6 client, then 0.0.0.0:port. */
static int make_checks(struct dataset *ds, uint64_t *s)
{
    const size_t wild6 = ds->n - 3, wild4 = ds->n - 2; /* [::]:4443, 0.0.0.0:4443 (n >= 8) */
    const int pair = ds->n >= 8;
    char *np;

    ds->vq = calloc(VQ_ROUNDS * VQ_PER, sizeof *ds->vq);
    ds->vnames = np = malloc(VQ_ROUNDS * VQ_PER * 64);
    if (!ds->vq || !ds->vnames) return -1;
    for (size_t k = 0; k < VQ_ROUNDS; k++) {
        const sslb_binding *ip = &ds->b[next(s) % ds->n_ip], *h;
        struct query *q;
        int upper = (int)(k & 1), dot = (int)(k >> 1 & 1);

        /* a bound IP:port that also sends a bound name on that port: the exact IP:port wins */
        if ((h = host_on(ds, next(s), ip->key.port))) {
            q = &ds->vq[ds->nvq++];
            q->addr.family = ip->key.family;
            memcpy(q->addr.bytes, ip->key.addr, 16);
            q->port = ip->key.port;
            q->sni = odd_name(&np, h->key.host, h->key.host_len, upper, dot, &q->sni_len);
            q->expect = binding_id(ip->params.certhash);
            if (ip->key.family == 4) { /* the same from its IPv4-mapped IPv6 address */
                struct query *m = &ds->vq[ds->nvq++];
                *m = *q;
                memset(&m->addr, 0, sizeof m->addr);
                m->addr.family = 6;
                m->addr.bytes[10] = m->addr.bytes[11] = 0xff;
                memcpy(m->addr.bytes + 12, ip->key.addr, 4);
            }
        }
        if (ip->key.family == 4) { /* an IPv4-mapped bound address, no SNI: its IPv4 binding */
            q = &ds->vq[ds->nvq++];
            q->addr.family = 6;
            q->addr.bytes[10] = q->addr.bytes[11] = 0xff;
            memcpy(q->addr.bytes + 12, ip->key.addr, 4);
            q->port = ip->key.port;
            q->expect = binding_id(ip->params.certhash);
        }
        /* a bound name in mixed case, with or without one trailing dot, from an unbound address */
        h = &ds->b[ds->n_ip + next(s) % ds->n_host];
        q = &ds->vq[ds->nvq++];
        client_addr(next(s), &q->addr);
        q->port = h->key.port;
        q->sni = odd_name(&np, h->key.host, h->key.host_len, !upper, !dot, &q->sni_len);
        q->expect = binding_id(h->params.certhash);
        /* the same name on the other port: no SNI binding there (443: the fallback; 8443: none) */
        q = &ds->vq[ds->nvq++];
        client_addr(next(s), &q->addr);
        q->port = h->key.port == 443 ? 8443 : 443;
        q->sni = odd_name(&np, h->key.host, h->key.host_len, upper, dot, &q->sni_len);
        q->expect = q->port == 443 ? (int32_t)(ds->n - 1) : -1;
        if (!pair) continue;
        /* port 4443 has [::]:4443 and 0.0.0.0:4443: an IPv6 client gets [::], an IPv4 client
         * (IPv4-mapped too) 0.0.0.0, with no SNI, an unbound one, or a name bound on 443 */
        for (int c = 0; c < 3; c++) {
            static const char *const other = "www.unbound.example";
            uint64_t r = next(s);
            q = &ds->vq[ds->nvq++];
            if (c == 0) { /* IPv6 */
                memset(&q->addr, 0, sizeof q->addr);
                q->addr.family = 6;
                q->addr.bytes[0] = 0xfd;
                memcpy(q->addr.bytes + 8, &r, 8);
            } else if (c == 1) { /* IPv4 */
                memset(&q->addr, 0, sizeof q->addr);
                q->addr.family = 4;
                q->addr.bytes[0] = 192;
                q->addr.bytes[1] = 168;
                q->addr.bytes[2] = (uint8_t)r;
                q->addr.bytes[3] = (uint8_t)(r >> 8);
            } else { /* IPv4-mapped: looked up as IPv4 */
                memset(&q->addr, 0, sizeof q->addr);
                q->addr.family = 6;
                q->addr.bytes[10] = q->addr.bytes[11] = 0xff;
                q->addr.bytes[12] = 192;
                q->addr.bytes[13] = 168;
                q->addr.bytes[14] = (uint8_t)r;
                q->addr.bytes[15] = (uint8_t)(r >> 8);
            }
            q->port = 4443;
            switch ((r >> 16) % 3) {
            case 0:
                break;
            case 1:
                q->sni = odd_name(&np, other, strlen(other), upper, dot, &q->sni_len);
                break;
            default:
                if ((h = host_on(ds, r >> 20, 443)))
                    q->sni = odd_name(&np, h->key.host, h->key.host_len, upper, dot, &q->sni_len);
            }
            q->expect = (int32_t)(c == 0 ? wild6 : wild4);
        }
        /* an IPv6 client sending a bound name on 443: the name wins over 0.0.0.0:443 */
        h = host_on(ds, next(s), 443);
        if (h) {
            uint64_t r = next(s);
            q = &ds->vq[ds->nvq++];
            q->addr.family = 6;
            q->addr.bytes[0] = 0xfd;
            memcpy(q->addr.bytes + 8, &r, 8);
            q->port = 443;
            q->sni = odd_name(&np, h->key.host, h->key.host_len, upper, dot, &q->sni_len);
            q->expect = binding_id(h->params.certhash);
        }
    }
    return 0;
}

int dataset_make(struct dataset *ds, size_t n, size_t nq, uint64_t seed)
{
    /* from 8 bindings on, [::]:4443 and 0.0.0.0:4443 (the checked queries' port) take the
     * place of one IP:port and one hostname:port binding */
    size_t n_wild = n >= 8 ? 3 : 1, n_ip = n / 2 - (n_wild - 1) / 2, n_host = n - n_ip - n_wild, off = 0;
    uint64_t s = seed;

    memset(ds, 0, sizeof *ds);
    if (n < 4) return -1;
    ds->n = n;
    ds->n_ip = n_ip;
    ds->n_host = n_host;
    ds->nq = nq;
    ds->b = calloc(n, sizeof *ds->b);
    ds->names = malloc((n_host + 3 * nq) * 48 + 64);
    for (int w = 0; w < W_COUNT; w++) ds->q[w] = calloc(nq, sizeof(struct query));
    if (!ds->b || !ds->names || !ds->q[W_COUNT - 1]) return -1;

    for (size_t i = 0; i < n_ip; i++) {
        sslb_addr a;
        bound_addr(i, &a);
        sslb_key_ipport(&ds->b[i].key, &a, i % 5 == 4 ? 8443 : 443);
        set_id(&ds->b[i], (uint32_t)i);
    }
    for (size_t j = 0; j < n_host; j++) {
        size_t i = n_ip + j;
        char *name = ds->names + off;
        int len = snprintf(name, 48, "app-%06zx.%s-%d.%s", j, regions[j % 4], (int)(j / 4 % 3) + 1, domains[j % 5]);
        sslb_key_hostport(&ds->b[i].key, SSLB_HOSTPORT, name, (size_t)len, j % 5 == 4 ? 8443 : 443, NULL);
        set_id(&ds->b[i], (uint32_t)i);
        off += (size_t)len + 1;
    }
    if (n_wild == 3) {
        sslb_addr any6 = {.family = 6}, any4 = {.family = 4};
        sslb_key_ipport(&ds->b[n - 3].key, &any6, 4443);
        set_id(&ds->b[n - 3], (uint32_t)(n - 3));
        sslb_key_ipport(&ds->b[n - 2].key, &any4, 4443);
        set_id(&ds->b[n - 2], (uint32_t)(n - 2));
    }
    {
        sslb_addr any = {.family = 4};
        sslb_key_ipport(&ds->b[n - 1].key, &any, 443);
        set_id(&ds->b[n - 1], (uint32_t)(n - 1));
    }

    /* Queries, each workload from its own draws. */
    for (size_t k = 0; k < nq; k++) {
        uint64_t r = next(&s);
        struct query *q;
        const sslb_binding *b;

        q = &ds->q[W_SNI_HIT][k]; /* a bound name from an unbound address */
        b = &ds->b[n_ip + r % (n_host ? n_host : 1)];
        client_addr(next(&s), &q->addr);
        q->port = b->key.port;
        /* the name in the queries' own pool, as the other workloads' names (a ClientHello's SNI
         * is in the server's buffer), not inside the 360-byte bindings of the data set */
        q->sni = memcpy(ds->names + off, b->key.host, b->key.host_len);
        ds->names[off + b->key.host_len] = '\0';
        q->sni_len = b->key.host_len;
        off += b->key.host_len + 1u;
        q->expect = binding_id(b->params.certhash);

        q = &ds->q[W_IP_HIT][k]; /* a bound address, no SNI */
        b = &ds->b[next(&s) % n_ip];
        q->addr.family = b->key.family;
        memcpy(q->addr.bytes, b->key.addr, 16);
        q->port = b->key.port;
        q->expect = binding_id(b->params.certhash);

        for (int w = W_FALLBACK; w <= W_MISS; w++) { /* unbound address and name */
            char *name = ds->names + off;
            q = &ds->q[w][k];
            client_addr(next(&s), &q->addr);
            q->port = w == W_FALLBACK ? 443 : 8443;
            q->sni_len = (uint8_t)snprintf(name, 48, "www-%06x.%s", (unsigned)(next(&s) & 0xffffff), domains[k % 5]);
            q->sni = name;
            off += q->sni_len + 1u;
            q->expect = w == W_FALLBACK ? (int32_t)(n - 1) : -1;
        }
    }
    for (size_t k = 0; k < nq; k++) { /* mixed: 40 / 30 / 20 / 10 */
        uint64_t r = next(&s) % 10;
        int w = r < 4 ? W_SNI_HIT : r < 7 ? W_IP_HIT : r < 9 ? W_FALLBACK : W_MISS;
        ds->q[W_MIXED][k] = ds->q[w][next(&s) % nq];
    }
    return make_checks(ds, &s);
}

void dataset_ip_binding(size_t i, sslb_binding *b)
{
    sslb_addr a;
    memset(b, 0, sizeof *b);
    bound_addr(i, &a);
    sslb_key_ipport(&b->key, &a, i % 5 == 4 ? 8443 : 443);
    set_id(b, (uint32_t)i);
}

void dataset_free(struct dataset *ds)
{
    free(ds->b);
    free(ds->names);
    free(ds->vq);
    free(ds->vnames);
    for (int w = 0; w < W_COUNT; w++) free(ds->q[w]);
    memset(ds, 0, sizeof *ds);
}
