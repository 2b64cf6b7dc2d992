/* test_sha256.c — the table library's own SHA-256 (bindings.reg's content check without
 * OpenSSL): FIPS 180-4's examples, and OpenSSL's answer at every length around the padding's
 * block boundaries. */
#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "../../core/src/sha256_int.h"

static void hex(const uint8_t *d, char *out)
{
    for (int i = 0; i < SSLB__SHA256_LEN; i++) snprintf(out + 2 * i, 3, "%02x", d[i]);
}

Test(sha256, fips_180_examples)
{
    static const struct {
        const char *msg, *digest;
    } v[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t d[SSLB__SHA256_LEN];
        char h[2 * SSLB__SHA256_LEN + 1];
        sslb__sha256(v[i].msg, strlen(v[i].msg), d);
        hex(d, h);
        cr_assert_str_eq(h, v[i].digest, "\"%s\"", v[i].msg);
    }
}

Test(sha256, agrees_with_openssl_at_every_length_to_300)
{
    static uint8_t buf[300];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)(i * 131 + 7);
    for (size_t n = 0; n <= sizeof buf; n++) {
        uint8_t ours[SSLB__SHA256_LEN], theirs[SSLB__SHA256_LEN];
        sslb__sha256(buf, n, ours);
        cr_assert(EVP_Digest(buf, n, theirs, NULL, EVP_sha256(), NULL));
        cr_assert(memcmp(ours, theirs, sizeof ours) == 0, "length %zu", n);
    }
}
