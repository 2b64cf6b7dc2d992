/* timing.h — the TSC bracket around one timed operation (inline, so it costs the same
 * everywhere it is used). */
#ifndef SSLB_BENCH_TIMING_H
#define SSLB_BENCH_TIMING_H

#include <stdint.h>
#include <x86intrin.h>

static inline uint64_t tsc_begin(void)
{
    _mm_lfence();
    uint64_t t = __rdtsc();
    _mm_lfence();
    return t;
}

static inline uint64_t tsc_end(void)
{
    unsigned aux;
    uint64_t t = __rdtscp(&aux);
    _mm_lfence();
    return t;
}

#endif
