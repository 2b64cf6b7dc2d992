/* sha256_int.h — SHA-256 (FIPS 180-4), so the table library can tell two versions of
 * bindings.reg apart by content without linking OpenSSL. Internal to the library. */
#ifndef SSLB_SHA256_INT_H
#define SSLB_SHA256_INT_H

#include <stddef.h>
#include <stdint.h>

#define SSLB__SHA256_LEN 32

/* The SHA-256 digest of the len bytes at buf (any alignment; buf may be NULL when len is 0).
 * Pure, thread-safe. Uses the CPU's SHA instructions where it has them (x86 SHA-NI, detected
 * once per process), the portable code elsewhere. */
void sslb__sha256(const void *buf, size_t len, uint8_t out[SSLB__SHA256_LEN]);

/* Test hooks (tests/core/test_sha256.c), compiled into every build so the tests exercise the code
 * that ships; no program calls them. sslb__sha256_using(1, …) digests with the portable code
 * whatever the CPU, (0, …) as sslb__sha256 does. sslb__sha256_accelerated() says whether
 * sslb__sha256 uses the SHA instructions on this CPU (1) or the portable code (0). */
void sslb__sha256_using(int portable, const void *buf, size_t len, uint8_t out[SSLB__SHA256_LEN]);
int sslb__sha256_accelerated(void);

#endif
