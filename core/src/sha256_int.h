/* sha256_int.h — SHA-256 (FIPS 180-4), so the table library can tell two versions of
 * bindings.reg apart by content without linking OpenSSL. Internal to the library. */
#ifndef SSLB_SHA256_INT_H
#define SSLB_SHA256_INT_H

#include <stddef.h>
#include <stdint.h>

#define SSLB__SHA256_LEN 32

/* The SHA-256 digest of the len bytes at buf. Pure, thread-safe. */
void sslb__sha256(const void *buf, size_t len, uint8_t out[SSLB__SHA256_LEN]);

#endif
