/* hash_int.h — the key hash shared by the read index and the control plane.
 *
 * A wyhash-style multiply-fold: 64-bit words folded through 64x64→128 multiplies. Fast for the
 * short keys here (an IP:port key is two words; a host name a handful). Keys are inserted only by
 * administrators, so flooding is not a threat; clients can only look up.
 */
#ifndef SSLB_HASH_INT_H
#define SSLB_HASH_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define SSLB__H0 0xa0761d6478bd642full
#define SSLB__H1 0xe7037ed1a0b428dbull
#define SSLB__H2 0x8ebc6af09c88c6e3ull

static inline uint64_t sslb__fold(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* Hash of an IP:port key whose 16 address bytes are the little-endian words w0, w1. */
static inline uint64_t sslb__hash_ip_words(uint8_t family, uint64_t w0, uint64_t w1, uint16_t port)
{
    return sslb__fold(sslb__fold(w0 ^ SSLB__H0, w1 ^ SSLB__H1) ^ ((uint64_t)port << 8 | family), SSLB__H2);
}

/* Hash of an IP:port key (family 4 or 6, 16 address bytes, port). */
static inline uint64_t sslb__hash_ip(uint8_t family, const uint8_t addr[16], uint16_t port)
{
    uint64_t w0, w1;
    memcpy(&w0, addr, 8);
    memcpy(&w1, addr + 8, 8);
    return sslb__hash_ip_words(family, w0, w1, port);
}

/* The last len - i (1..7) bytes of s as a zero-padded little-endian word, read without a
 * variable-length memcpy (a call, and a store-forwarding stall when the word is read back):
 * one overlapping 8-byte read when the string is long enough, else 4/2/1-byte reads. */
static inline uint64_t sslb__tail8(const char *s, size_t len, size_t i)
{
    size_t n = len - i;
    uint64_t w = 0;

    if (len >= 8) {
        memcpy(&w, s + len - 8, 8);
        return w >> (8 * (8 - n));
    }
    if (n & 4) {
        uint32_t x;
        memcpy(&x, s + i, 4);
        w = x;
        i += 4;
    }
    if (n & 2) {
        uint16_t x;
        memcpy(&x, s + i, 2);
        w |= (uint64_t)x << (8 * (n & 4));
        i += 2;
    }
    if (n & 1) w |= (uint64_t)(uint8_t)s[i] << (8 * (n & 6));
    return w;
}

/* ASCII A-Z → a-z in each byte of w; every other byte unchanged (SWAR). */
static inline uint64_t sslb__lower8(uint64_t w)
{
    const uint64_t hi = 0x8080808080808080ull;
    uint64_t low7 = w & ~hi;
    uint64_t ge_a = low7 + 0x3f3f3f3f3f3f3f3full; /* high bit set where byte >= 'A' */
    uint64_t gt_z = low7 + 0x2525252525252525ull; /* high bit set where byte >  'Z' */
    uint64_t upper = (ge_a & ~gt_z) & ~w & hi;
    return w | (upper >> 2);
}

/* Lower-cases the 16 bytes a, b (ASCII A-Z only; every other byte unchanged) in place. */
static inline void sslb__lower16(uint64_t *a, uint64_t *b)
{
#if defined(__SSE2__)
    __m128i x = _mm_set_epi64x((long long)*b, (long long)*a);
    /* 'A'..'Z' + 63 are the bytes -128..-103: one signed compare finds them */
    __m128i t = _mm_add_epi8(x, _mm_set1_epi8((char)(128 - 'A')));
    __m128i up = _mm_cmplt_epi8(t, _mm_set1_epi8((char)(-128 + 26)));
    x = _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20)));
    *a = (uint64_t)_mm_cvtsi128_si64(x);
    *b = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(x, x));
#else
    *a = sslb__lower8(*a);
    *b = sslb__lower8(*b);
#endif
}

/* Lower-cases the 16 bytes at name into out and returns them as the words *a, *b. */
static inline __attribute__((always_inline)) void sslb__lower_chunk(const char *name, char *out, uint64_t *a,
                                                                    uint64_t *b)
{
#if defined(__SSE2__)
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)name);
    /* 'A'..'Z' + 63 are the bytes -128..-103: one signed compare finds them (as sslb__lower16) */
    __m128i up = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(128 - 'A'))), _mm_set1_epi8((char)(-128 + 26)));
    x = _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20)));
    _mm_storeu_si128((__m128i *)(void *)out, x);
    *a = (uint64_t)_mm_cvtsi128_si64(x);
    *b = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(x, x));
#else
    memcpy(a, name, 8);
    memcpy(b, name + 8, 8);
    sslb__lower16(a, b);
    memcpy(out, a, 8);
    memcpy(out + 8, b, 8);
#endif
}

/* Lower-cases name (1 <= len <= 255) into out and returns its hash with port. The name is read
 * in 16-byte chunks, each chunk's two words folded into the state by one 64x64->128 multiply
 * (wyhash's step); the last chunk is the name's last 16 bytes, overlapping the one before, so no
 * chunk needs padding; a name shorter than 16 bytes is one chunk: two overlapping words from 8
 * bytes on, one zero-padded word below. out must hold len rounded up to 16 bytes: it receives
 * the lower-cased name (the bytes past len unspecified: a caller that compares zero-padded names
 * pads them itself). The index's hash of a host name (sslb__hash_host) is this one, so a lookup
 * never copies or lower-cases a name twice. */
static inline __attribute__((always_inline)) uint64_t sslb__hash_host_lower(const char *name, size_t len, uint16_t port,
                                                                            char *out)
{
    uint64_t h = SSLB__H0 ^ ((uint64_t)len << 16 | port), a, b;

    if (len >= 16) {
        for (size_t i = 0; i + 16 < len; i += 16) {
            sslb__lower_chunk(name + i, out + i, &a, &b);
            h = sslb__fold(a ^ SSLB__H1, b ^ h);
        }
        sslb__lower_chunk(name + len - 16, out + len - 16, &a, &b);
    } else {
        if (len >= 8) { /* bytes 0-7 and len-8..len-1 */
            memcpy(&a, name, 8);
            memcpy(&b, name + len - 8, 8);
        } else {
            a = sslb__tail8(name, len, 0);
            b = 0;
        }
        sslb__lower16(&a, &b);
        memcpy(out, &a, 8);
        if (len >= 8) memcpy(out + len - 8, &b, 8);
    }
    h = sslb__fold(a ^ SSLB__H1, b ^ h);
    return sslb__fold(h, SSLB__H2);
}

/* Hash of a lower-case host name and port (the writers' side of sslb__hash_host_lower). */
static inline uint64_t sslb__hash_host(const char *s, size_t len, uint16_t port)
{
    char scratch[256 + 16];
    return sslb__hash_host_lower(s, len < 256 ? len : 255, port, scratch);
}

/* Hash of a port alone (the CCS table). */
static inline uint64_t sslb__hash_port(uint16_t port)
{
    return sslb__fold((uint64_t)port ^ SSLB__H0, SSLB__H2);
}

#endif
