/* test_sha256.c — the table library's own SHA-256 (bindings.reg's content check without
 * OpenSSL), both of its paths: the portable code (forced with the sslb__sha256_using hook) and
 * the one chosen for this CPU (the SHA instructions where it has them). Each is checked against
 * FIPS 180-4's examples and OpenSSL's answer: every length to 300, every length around the
 * padding's block boundaries to 8 KiB, 1 MiB of random bytes, and unaligned starts. Each input
 * lies at the end of a buffer of its exact size, so ASan sees any read past it. */
#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/src/sha256_int.h"

static void hex(const uint8_t *d, char *out)
{
    for (int i = 0; i < SSLB__SHA256_LEN; i++) snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* Digests the n bytes of src, copied to off bytes into an allocation of exactly off + n bytes,
 * with OpenSSL and with both paths; fails naming the path that differs. */
static void agree(const uint8_t *src, size_t n, size_t off)
{
    uint8_t *buf = malloc(off + n ? off + n : 1);
    cr_assert(buf);
    if (n) memcpy(buf + off, src, n);
    uint8_t theirs[SSLB__SHA256_LEN], portable[SSLB__SHA256_LEN], chosen[SSLB__SHA256_LEN];
    cr_assert(EVP_Digest(buf + off, n, theirs, NULL, EVP_sha256(), NULL));
    sslb__sha256_using(1, buf + off, n, portable);
    sslb__sha256(buf + off, n, chosen);
    free(buf);
    cr_assert(memcmp(portable, theirs, sizeof theirs) == 0, "portable path: length %zu at offset %zu", n, off);
    cr_assert(memcmp(chosen, theirs, sizeof theirs) == 0, "%s path: length %zu at offset %zu",
              sslb__sha256_accelerated() ? "SHA-NI" : "portable", n, off);
}

/* splitmix64: the same "random" bytes in every run, so a failure can be replayed */
static void fill(uint8_t *p, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        p[i] = (uint8_t)(z ^ (z >> 31));
    }
}

Test(sha256, fips_180_examples_on_both_paths)
{
    static const struct {
        const char *msg;
        size_t repeat;
        const char *digest;
    } v[] = {
        {"", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
         "klmnopqrlmnopqrsmnopqrstnopqrstu",
         1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
        {"a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        size_t len = strlen(v[i].msg), n = len * v[i].repeat;
        char *msg = malloc(n + 1);
        cr_assert(msg);
        for (size_t r = 0; r < v[i].repeat; r++) memcpy(msg + r * len, v[i].msg, len);
        for (int portable = 1; portable >= 0; portable--) {
            uint8_t d[SSLB__SHA256_LEN];
            char h[2 * SSLB__SHA256_LEN + 1];
            sslb__sha256_using(portable, msg, n, d);
            hex(d, h);
            cr_assert_str_eq(h, v[i].digest, "%s path: \"%s\" x %zu", portable ? "portable" : "chosen", v[i].msg,
                             v[i].repeat);
        }
        free(msg);
    }
}

Test(sha256, both_paths_agree_with_openssl_at_every_length_to_300)
{
    static uint8_t buf[300];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)(i * 131 + 7);
    for (size_t n = 0; n <= sizeof buf; n++) agree(buf, n, 0);
}

/* 64k - 9 and 64k - 8 are 55 and 56 mod 64: the last lengths whose padding fits one block, and
 * the first that need two; 64k itself is the first length of k whole blocks. */
Test(sha256, both_paths_agree_with_openssl_around_every_block_boundary_to_8k)
{
    static uint8_t buf[8192 + 16];
    fill(buf, sizeof buf, 1);
    for (size_t m = 64; m <= 8192; m += 64)
        for (size_t n = m - 9; n <= m + 9; n++) agree(buf, n, 0);
}

Test(sha256, both_paths_agree_with_openssl_on_1_mib_of_random_bytes)
{
    size_t n = 1u << 20;
    uint8_t *buf = malloc(n);
    cr_assert(buf);
    fill(buf, n, 42);
    agree(buf, n, 0);
    agree(buf, n - 1, 0);
    agree(buf + 1, n - 1, 3); /* unaligned too */
    free(buf);
}

Test(sha256, both_paths_agree_with_openssl_at_unaligned_starts)
{
    static const size_t lengths[] = {0, 1, 31, 55, 56, 63, 64, 65, 127, 128, 1000, 4096 + 17};
    static uint8_t src[4096 + 17];
    fill(src, sizeof src, 7);
    for (size_t off = 0; off <= 64; off++)
        for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) agree(src, lengths[i], off);
}

/* On a CPU that has the SHA instructions the accelerated path must be the one chosen, or the
 * tests above would test the portable code twice. */
Test(sha256, the_sha_instructions_are_used_where_the_cpu_has_them)
{
    int has = 0;
#if defined(__x86_64__) || defined(__i386__)
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        char line[8192];
        while (!has && fgets(line, sizeof line, f))
            if (strncmp(line, "flags", 5) == 0 && strstr(line, " sha_ni")) has = 1;
        fclose(f);
    }
#endif
    if (has) cr_assert(sslb__sha256_accelerated(), "/proc/cpuinfo lists sha_ni but the portable code is chosen");
    else
        cr_log_warn("this CPU has no SHA instructions (or /proc/cpuinfo does not say): "
                    "both paths are the portable code");
}
