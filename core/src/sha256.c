/* sha256.c — SHA-256 as FIPS 180-4 specifies it (section 6.2), one whole buffer at a time.
 *
 * Two implementations of the compression function: portable C, and on x86 the SHA extensions
 * (SHA-NI: SHA256RNDS2, SHA256MSG1, SHA256MSG2), about 7x faster (docs/performance.md, "Writing
 * bindings"). bindings.reg's content check digests the whole file at every write and at every
 * refresh within the settling time, so a script of adds spent 40-65 % of its CPU here. The
 * choice is made once per process, from CPUID (not from the compiler's flags: the SHA function
 * alone is compiled for those instructions, with a target attribute, so the library runs on any
 * x86-64). */
#include "sha256_int.h"

#include <stdatomic.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define SSLB_SHA_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Compresses the n 64-byte blocks at p into the state h (a, b, … h of section 6.2). */
typedef void blocks_fn(uint32_t h[8], const uint8_t *p, size_t n);

/* ---- portable ------------------------------------------------------------------------------ */

static uint32_t ror(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

static void block(uint32_t h[8], const uint8_t *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
}

static void blocks_portable(uint32_t h[8], const uint8_t *p, size_t n)
{
    for (; n; n--, p += 64) block(h, p);
}

/* ---- x86 SHA extensions -------------------------------------------------------------------- */

#ifdef SSLB_SHA_X86
#define SHA_TARGET __attribute__((target("sha,sse4.1")))

/* What the instructions compute, in the lanes of a 128-bit register (lane 0 the lowest):
 *  - _mm_sha256rnds2_epu32(cdgh, abef, wk): two rounds. abef holds a, b, e, f in lanes 3..0,
 *    cdgh holds c, d, g, h in lanes 3..0; lanes 0 and 1 of wk are W[t] + K[t] of the two rounds.
 *    It returns the new a, b, e, f; after two rounds the new c, d, g, h are the old a, b, e, f.
 *  - _mm_sha256msg1_epu32(x, y), x = W[t..t+3], y = W[t+4..]: lane i is W[t+i] + σ0(W[t+i+1]).
 *  - _mm_sha256msg2_epu32(x, y), y = W[t-4..t-1], x lane i = W[t+i-16] + σ0(W[t+i-15]) +
 *    W[t+i-7]: returns W[t..t+3], each lane i plus σ1(W[t+i-2]): lanes 0 and 1 take it from y's
 *    lanes 2 and 3, lanes 2 and 3 from the W[t] and W[t+1] it has just made. */

/* Four rounds from W[4q..4q+3] (lanes 0..3 of w): two SHA256RNDS2. */
SHA_TARGET static inline void rounds4(__m128i *abef, __m128i *cdgh, __m128i w, int q)
{
    __m128i wk = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)&K[4 * q]));
    __m128i next = _mm_sha256rnds2_epu32(*cdgh, *abef, wk);
    *cdgh = *abef;
    *abef = next;
    next = _mm_sha256rnds2_epu32(*cdgh, *abef, _mm_shuffle_epi32(wk, 0x0e)); /* lanes 2, 3 down */
    *cdgh = *abef;
    *abef = next;
}

/* W[t..t+3] from the four groups before it: W[t-16..], W[t-12..], W[t-8..], W[t-4..]. */
SHA_TARGET static inline __m128i schedule(__m128i w16, __m128i w12, __m128i w8, __m128i w4)
{
    __m128i x = _mm_sha256msg1_epu32(w16, w12);
    x = _mm_add_epi32(x, _mm_alignr_epi8(w4, w8, 4)); /* W[t-7..t-4] */
    return _mm_sha256msg2_epu32(x, w4);
}

SHA_TARGET static void blocks_sha_ni(uint32_t h[8], const uint8_t *p, size_t n)
{
    /* each 32-bit lane's bytes reversed: the message words are big-endian */
    const __m128i bswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    __m128i abef = _mm_set_epi32((int)h[0], (int)h[1], (int)h[4], (int)h[5]);
    __m128i cdgh = _mm_set_epi32((int)h[2], (int)h[3], (int)h[6], (int)h[7]);

    for (; n; n--, p += 64) {
        __m128i abef0 = abef, cdgh0 = cdgh;
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), bswap);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);
        rounds4(&abef, &cdgh, w0, 0);
        rounds4(&abef, &cdgh, w1, 1);
        rounds4(&abef, &cdgh, w2, 2);
        rounds4(&abef, &cdgh, w3, 3);
        for (int q = 4; q < 16; q += 4) {
            w0 = schedule(w0, w1, w2, w3);
            rounds4(&abef, &cdgh, w0, q);
            w1 = schedule(w1, w2, w3, w0);
            rounds4(&abef, &cdgh, w1, q + 1);
            w2 = schedule(w2, w3, w0, w1);
            rounds4(&abef, &cdgh, w2, q + 2);
            w3 = schedule(w3, w0, w1, w2);
            rounds4(&abef, &cdgh, w3, q + 3);
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }
    uint32_t x[4], y[4];
    _mm_storeu_si128((__m128i *)x, abef);
    _mm_storeu_si128((__m128i *)y, cdgh);
    h[0] = x[3];
    h[1] = x[2];
    h[4] = x[1];
    h[5] = x[0];
    h[2] = y[3];
    h[3] = y[2];
    h[6] = y[1];
    h[7] = y[0];
}

/* CPUID: leaf 7 EBX bit 29 (SHA), leaf 1 ECX bits 9 (SSSE3) and 19 (SSE4.1). */
static int cpu_has_sha_ni(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19))) return 0;
    if (__get_cpuid_max(0, NULL) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    return (b & (1u << 29)) != 0;
}
#endif

/* 0: not chosen yet; 1: portable; 2: SHA-NI. Chosen at the first digest: CPUID is slow in a
 * virtual machine (the hypervisor answers it), and the answer never changes. Threads racing
 * here all store the same value. */
static atomic_int chosen;

static int choose(void)
{
    int c = atomic_load_explicit(&chosen, memory_order_relaxed);
    if (c) return c;
#ifdef SSLB_SHA_X86
    c = cpu_has_sha_ni() ? 2 : 1;
#else
    c = 1;
#endif
    atomic_store_explicit(&chosen, c, memory_order_relaxed);
    return c;
}

int sslb__sha256_accelerated(void)
{
    return choose() == 2;
}

static void digest(blocks_fn *blocks, const void *buf, size_t len, uint8_t out[SSLB__SHA256_LEN])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const uint8_t *p = buf;
    size_t n = len % 64;
    if (len >= 64) {
        blocks(h, p, len / 64);
        p += len - n;
    }
    /* the tail, the 0x80 byte, zeros, and the length in bits, big-endian: one or two blocks */
    uint8_t last[128] = {0};
    if (n) memcpy(last, p, n);
    last[n] = 0x80;
    size_t total = n + 1 + 8 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) last[total - 1 - i] = (uint8_t)(bits >> (8 * i));
    blocks(h, last, total / 64);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(h[i] >> 8);
        out[4 * i + 3] = (uint8_t)h[i];
    }
}

void sslb__sha256_using(int portable, const void *buf, size_t len, uint8_t out[SSLB__SHA256_LEN])
{
#ifdef SSLB_SHA_X86
    if (!portable && choose() == 2) {
        digest(blocks_sha_ni, buf, len, out);
        return;
    }
#endif
    digest(blocks_portable, buf, len, out);
}

void sslb__sha256(const void *buf, size_t len, uint8_t out[SSLB__SHA256_LEN])
{
    sslb__sha256_using(0, buf, len, out);
}
