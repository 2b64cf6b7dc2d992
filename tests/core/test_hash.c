/* test_hash.c — the key hash of the read index (core/src/hash_int.h).
 *
 * The index takes three things from a key's 64-bit hash: the tag (top 8 bits), the first group
 * (the low 32 bits, multiply-shifted to the number of groups) and the preferred slot in it (bits
 * 32..35). Checked here: that the reader's one-pass hash (lower-casing the SNI as it hashes) and
 * the writers' hash of the stored lower-case name agree for every length and any case, that the
 * lower-cased copy is exact and no byte past the name is read, and that each of the three bit
 * fields spreads realistic key sets (sequential addresses, host names that differ in a few
 * characters) evenly: a chi-square bound per field, and no full 64-bit collision.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/src/hash_int.h"

static const char host_bytes[] = "abcdefghijklmnopqrstuvwxyz0123456789-._";

static uint64_t next(uint64_t *s) /* splitmix64 */
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

Test(hash, the_readers_pass_equals_the_writers_hash_for_every_length_and_case)
{
    uint64_t seed = 1;
    char lower[256], out[256 + 16];

    for (size_t len = 1; len <= 255; len++) {
        for (int round = 0; round < 8; round++) {
            /* the SNI alone in a buffer of exactly len bytes: ASan sees any read past it */
            char *sni = malloc(len);
            cr_assert_not_null(sni);
            for (size_t i = 0; i < len; i++) {
                char c = host_bytes[next(&seed) % (sizeof host_bytes - 1)];
                lower[i] = c;
                sni[i] = (next(&seed) & 1) && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
            }
            uint16_t port = (uint16_t)next(&seed);
            memset(out, 0x5a, sizeof out);
            uint64_t h = sslb__hash_host_lower(sni, len, port, out);
            cr_assert_eq(h, sslb__hash_host(lower, len, port), "length %zu", len);
            cr_assert_eq(memcmp(out, lower, len), 0, "the lower-cased copy, length %zu", len);
            cr_assert_neq(h, sslb__hash_host(lower, len, (uint16_t)(port + 1)), "the port counts, length %zu", len);
            free(sni);
        }
    }
}

Test(hash, every_byte_and_the_length_count)
{
    char a[256], b[256], out[256 + 16];

    memset(a, 'a', sizeof a);
    for (size_t len = 1; len <= 255; len++) {
        uint64_t h = sslb__hash_host_lower(a, len, 443, out);
        cr_assert_neq(h, sslb__hash_host_lower(a, len - 1 ? len - 1 : 2, 443, out), "length %zu", len);
        for (size_t i = 0; i < len; i++) {
            memcpy(b, a, len);
            b[i] = 'b';
            cr_assert_neq(sslb__hash_host_lower(b, len, 443, out), h, "length %zu, byte %zu", len, i);
        }
    }
}

/* Chi-square of n keys over k buckets against the uniform spread: below k - 1 + 6 standard
 * deviations (a fixed key set, so this is a property of the hash, not a chance). */
static void spread(const uint64_t *h, size_t n, const char *what)
{
    enum { NG = 4093 }; /* groups of an index of ~40 000 keys (any count works: multiply-shift) */
    static unsigned count[NG];
    struct {
        const char *field;
        size_t k;
    } fields[] = {{"tag (bits 56-63)", 256}, {"first group (bits 0-31)", NG}, {"preferred slot (bits 32-35)", 16}};

    for (size_t f = 0; f < 3; f++) {
        size_t k = fields[f].k;
        double chi = 0, e = (double)n / (double)k;
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++) {
            size_t b = f == 0   ? (size_t)(h[i] >> 56)
                       : f == 1 ? (size_t)(((uint64_t)(uint32_t)h[i] * NG) >> 32)
                                : (size_t)(h[i] >> 32) & 15;
            count[b]++;
        }
        for (size_t b = 0; b < k; b++) chi += ((double)count[b] - e) * ((double)count[b] - e) / e;
        double bound = (double)(k - 1) + 6 * sqrt(2.0 * (double)(k - 1));
        cr_assert_lt(chi, bound, "%s: %s chi-square %.1f over %zu buckets (bound %.1f)", what, fields[f].field, chi, k,
                     bound);
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void no_collision(uint64_t *h, size_t n, const char *what)
{
    qsort(h, n, sizeof *h, cmp_u64);
    for (size_t i = 1; i < n; i++) cr_assert_neq(h[i], h[i - 1], "%s: two keys share a 64-bit hash", what);
}

enum { N = 60000 };

Test(hash, host_names_spread_over_tags_groups_and_slots)
{
    static const char *const domains[] = {"contoso.com", "fabrikam.net", "example.org", "tailspintoys.com"};
    static uint64_t h[N];
    char name[128], out[128 + 16];

    /* names that differ in a few characters, in every chunk position and length class */
    for (size_t i = 0; i < N; i++) {
        int len;
        switch (i % 4) {
        case 0:
            len = snprintf(name, sizeof name, "app-%06zx.eu-west-%zu.%s", i, i % 3, domains[i % 4]);
            break;
        case 1:
            len = snprintf(name, sizeof name, "h%zu.io", i);
            break;
        case 2:
            len = snprintf(name, sizeof name, "www.%s.shop-%zu.example", domains[i % 4], i);
            break;
        default:
            len = snprintf(name, sizeof name, "%zu", i);
            break;
        }
        h[i] = sslb__hash_host_lower(name, (size_t)len, i % 5 ? 443 : 8443, out);
    }
    spread(h, N, "host names");
    no_collision(h, N, "host names");

    /* one name on many ports */
    for (size_t i = 0; i < N; i++) h[i] = sslb__hash_host("www.contoso.com", 15, (uint16_t)(i + 1));
    spread(h, N, "one name, ports 1..60000");
    no_collision(h, N, "one name, ports 1..60000");
}

Test(hash, addresses_spread_over_tags_groups_and_slots)
{
    static uint64_t h[N];
    uint8_t a[16];

    for (size_t i = 0; i < N; i++) { /* 10.0.0.0 on, sequential */
        memset(a, 0, sizeof a);
        a[0] = 10;
        a[1] = (uint8_t)(i >> 16);
        a[2] = (uint8_t)(i >> 8);
        a[3] = (uint8_t)i;
        h[i] = sslb__hash_ip(4, a, 443);
    }
    spread(h, N, "sequential IPv4");
    no_collision(h, N, "sequential IPv4");

    for (size_t i = 0; i < N; i++) { /* 2001:db8::/32, the last bytes sequential */
        memset(a, 0, sizeof a);
        a[0] = 0x20, a[1] = 0x01, a[2] = 0x0d, a[3] = 0xb8;
        a[14] = (uint8_t)(i >> 8);
        a[15] = (uint8_t)i;
        h[i] = sslb__hash_ip(6, a, i & 1 ? 443 : 8443);
    }
    spread(h, N, "sequential IPv6");
    no_collision(h, N, "sequential IPv6");

    memset(a, 0, sizeof a);
    a[0] = 192, a[1] = 0, a[2] = 2, a[3] = 7;
    for (size_t i = 0; i < N; i++) h[i] = sslb__hash_ip(4, a, (uint16_t)(i + 1));
    spread(h, N, "one address, ports 1..60000");
    no_collision(h, N, "one address, ports 1..60000");
}
