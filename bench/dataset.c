/* dataset.c — bindings and queries of realistic shapes, from a fixed seed.
 *
 * Bindings: half IP:port (3/4 IPv4 in 10.0.0.0/8, 1/4 IPv6 in 2001:db8::/32), half
 * hostname:port (names like "app-00c3f1.eu-west-2.contoso.com"), ports 443 (4/5) and 8443
 * (1/5), and one 0.0.0.0:443 fallback. 8443 has no fallback, so queries there can miss.
 * Queries: sni-hit (unbound client address, a bound host name), ip-hit (a bound address, no
 * SNI), fallback (unbound address and name on 443), miss (unbound address and name on 8443),
 * mixed (40% sni-hit, 30% ip-hit, 20% fallback, 10% miss). Every query's SNI is a copy in
 * the queries' own pool of names, as a ClientHello's is in a server's buffer.
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

int dataset_make(struct dataset *ds, size_t n, size_t nq, uint64_t seed)
{
    size_t n_ip = n / 2, n_host = n - n_ip - 1, off = 0;
    uint64_t s = seed;

    memset(ds, 0, sizeof *ds);
    if (n < 4) return -1;
    ds->n = n;
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
    return 0;
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
    for (int w = 0; w < W_COUNT; w++) free(ds->q[w]);
    memset(ds, 0, sizeof *ds);
}
