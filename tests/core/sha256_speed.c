/* sha256_speed.c — the throughput of the table library's SHA-256, both paths (the portable code
 * and the SHA instructions), with OpenSSL's beside them, on one buffer digested many times:
 *     build/tests/sha256-speed [BYTES [ROUNDS]]     (defaults: 1 MiB, 100 rounds)
 * Each round digests the buffer once with each implementation, in turn, so a busy machine slows
 * all three alike; it prints each one's median and best MB/s (10^6 bytes per second). Exits 1
 * if the three digests differ. Registered in ctest with a small buffer as a smoke test only:
 * speeds are read by people, never asserted. */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../core/src/sha256_int.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

enum { PORTABLE, CHOSEN, OPENSSL, NIMPL };

static void run(int impl, const uint8_t *buf, size_t n, uint8_t *out)
{
    if (impl == OPENSSL) EVP_Digest(buf, n, out, NULL, EVP_sha256(), NULL);
    else sslb__sha256_using(impl == PORTABLE, buf, n, out);
}

int main(int argc, char **argv)
{
    char *end = NULL;
    size_t n = argc > 1 ? (size_t)strtoull(argv[1], &end, 10) : 1u << 20;
    if (end && *end) n = 0;
    end = NULL;
    long rounds = argc > 2 ? strtol(argv[2], &end, 10) : 100;
    if (end && *end) rounds = 0;
    if (n == 0 || rounds <= 0 || rounds > 1000000) {
        fprintf(stderr, "usage: sha256-speed [BYTES [ROUNDS]] (both > 0)\n");
        return 2;
    }
    uint8_t *buf = malloc(n);
    double *secs = malloc(sizeof *secs * (size_t)rounds * NIMPL);
    if (!buf || !secs) return 2;
    for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)(i * 2654435761u >> 13);

    uint8_t d[NIMPL][SSLB__SHA256_LEN];
    for (long r = 0; r < rounds; r++)
        for (int impl = 0; impl < NIMPL; impl++) {
            double t0 = now();
            run(impl, buf, n, d[impl]);
            secs[impl * rounds + r] = now() - t0;
        }
    static const char *const name[NIMPL] = {"sslbind portable", "sslbind chosen", "OpenSSL"};
    printf("SHA-256 of %zu bytes, %ld rounds; the chosen path here: %s\n", n, rounds,
           sslb__sha256_accelerated() ? "SHA instructions" : "portable");
    for (int impl = 0; impl < NIMPL; impl++) {
        double *s = secs + impl * rounds;
        qsort(s, (size_t)rounds, sizeof *s, cmp_double);
        printf("%-17s median %8.1f MB/s   best %8.1f MB/s\n", name[impl], (double)n / s[rounds / 2] / 1e6,
               (double)n / s[0] / 1e6);
    }
    int ok =
        memcmp(d[PORTABLE], d[OPENSSL], SSLB__SHA256_LEN) == 0 && memcmp(d[CHOSEN], d[OPENSSL], SSLB__SHA256_LEN) == 0;
    if (!ok) fprintf(stderr, "sha256-speed: the digests differ\n");
    free(buf);
    free(secs);
    return ok ? 0 : 1;
}
