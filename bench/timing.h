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

/* 1 if rdtscp runs here (timing_init finds out: CPUID cannot tell, as some hypervisors hide
 * the flag of an instruction they run, and valgrind shows the flag of one it cannot run). */
extern int tsc_have_rdtscp;

static inline uint64_t tsc_end(void)
{
    unsigned aux;
    uint64_t t;

    if (__builtin_expect(tsc_have_rdtscp, 1)) {
        t = __rdtscp(&aux);
    } else { /* the same wait for what came before, without the instruction */
        _mm_lfence();
        t = __rdtsc();
    }
    _mm_lfence();
    return t;
}

#endif
