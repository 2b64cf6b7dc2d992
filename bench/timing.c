/* timing.c — clocks, percentiles, heap statistics, and the memory-latency floor.
 *
 * A single operation is timed between two TSC reads (lfence; rdtsc; lfence … rdtscp; lfence),
 * so the CPU cannot overlap it with its neighbours; the median cost of an empty bracket is
 * measured once and subtracted. Ticks become nanoseconds through a calibration against
 * CLOCK_MONOTONIC. Averages come from batches timed with one pair of clock reads.
 */
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <x86intrin.h>

#ifdef SSLB_HAVE_JEMALLOC
#include <jemalloc/jemalloc.h>
#else
#include <malloc.h>
#include <stdio.h>
#include <unistd.h>
#endif

#include "bench.h"
#include "sample.h"
#include "timing.h"

static double ns_per_tick;
static double empty_bracket_ns;
static double tsc_step_ns, tsc_step_share, mono_step_ns, mono_claimed_ns;

double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int tsc_have_rdtscp = 1;

static sigjmp_buf probe_jmp;

static void probe_sigill(int sig)
{
    (void)sig;
    siglongjmp(probe_jmp, 1);
}

/* Runs rdtscp once with SIGILL caught: under valgrind (which does not emulate it) the bracket
 * ends with lfence; rdtsc instead, so `valgrind --tool=callgrind` can count a resolve's
 * instructions. */
static void probe_rdtscp(void)
{
    struct sigaction sa, old;
    unsigned aux;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = probe_sigill;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGILL, &sa, &old) != 0) return;
    if (sigsetjmp(probe_jmp, 1) == 0) (void)__rdtscp(&aux);
    else tsc_have_rdtscp = 0;
    sigaction(SIGILL, &old, NULL);
}

void timing_init(void)
{
    double t0 = now_ns(), t1;
    uint64_t c0 = __rdtsc(), c1;
    double empties[20001];

    probe_rdtscp();
    do t1 = now_ns();
    while (t1 - t0 < 100e6);
    c1 = __rdtsc();
    ns_per_tick = (t1 - t0) / (double)(c1 - c0);
    for (int i = 0; i < 20001; i++) {
        uint64_t a = tsc_begin();
        uint64_t b = tsc_end();
        empties[i] = (double)(b - a) * ns_per_tick;
    }
    qsort(empties, 20001, sizeof empties[0], sample_cmp);
    empty_bracket_ns = empties[10000];

    /* The resolution each clock really has here, measured: the commonest non-zero difference
     * of two TSC reads in a row (the counter's step, or a read's own cost where that is
     * larger: a virtual machine's TSC may advance in steps of many ticks), and the smallest
     * step CLOCK_MONOTONIC takes. */
    enum { MAXD = 4096 };
    static unsigned hist[MAXD];
    unsigned pairs = 0, best = 0;
    memset(hist, 0, sizeof hist);
    for (int i = 0; i < 200000; i++) {
        uint64_t a = __rdtsc(), b = __rdtsc();
        if (b > a && b - a < MAXD) {
            hist[b - a]++;
            pairs++;
        }
    }
    for (unsigned d = 1; d < MAXD; d++)
        if (hist[d] > hist[best]) best = d;
    tsc_step_ns = (double)best * ns_per_tick;
    tsc_step_share = pairs ? (double)hist[best] / pairs : 0;
    int64_t mstep = INT64_MAX;
    for (int i = 0; i < 10000; i++) {
        struct timespec x, y;
        int spins = 0;
        clock_gettime(CLOCK_MONOTONIC, &x);
        do clock_gettime(CLOCK_MONOTONIC, &y);
        while (y.tv_sec == x.tv_sec && y.tv_nsec == x.tv_nsec && ++spins < 1000000);
        int64_t d = (int64_t)(y.tv_sec - x.tv_sec) * 1000000000 + (y.tv_nsec - x.tv_nsec);
        if (d > 0 && d < mstep) mstep = d;
    }
    mono_step_ns = mstep == INT64_MAX ? 0 : (double)mstep;
    struct timespec res;
    mono_claimed_ns = clock_getres(CLOCK_MONOTONIC, &res) == 0 ? (double)res.tv_sec * 1e9 + (double)res.tv_nsec : 0;
}

void timer_info(struct timer_info *ti)
{
    ti->ns_per_tick = ns_per_tick;
    ti->tsc_step_ns = tsc_step_ns;
    ti->tsc_step_share = tsc_step_share;
    ti->bracket_ns = empty_bracket_ns;
    ti->mono_step_ns = mono_step_ns;
    ti->mono_claimed_ns = mono_claimed_ns;
}

double tsc_ns_per_tick(void)
{
    return ns_per_tick;
}

double bracket_cost_ns(void)
{
    return empty_bracket_ns;
}

/* The empty bracket's median now: measured right before each row, since on a shared machine
 * it drifts by more than the shortest operations take. */
double bracket_cost_now(void)
{
    double e[2001];
    for (int i = 0; i < 2001; i++) {
        uint64_t a = tsc_begin();
        uint64_t b = tsc_end();
        e[i] = (double)(b - a) * ns_per_tick;
    }
    qsort(e, 2001, sizeof e[0], sample_cmp);
    return e[1000];
}

void stats_from_samples(double *s, size_t n, struct stats *st)
{
    double sum = 0;

    memset(st, 0, sizeof *st);
    if (n == 0) return;
    qsort(s, n, sizeof *s, sample_cmp);
    for (size_t i = 0; i < n; i++) sum += s[i];
    st->p50 = s[n / 2];
    st->p90 = s[(size_t)((double)n * 0.90)];
    st->p99 = s[(size_t)((double)n * 0.99)];
    st->p999 = s[(size_t)((double)n * 0.999)];
    st->max = s[n - 1];
    st->mean = sum / (double)n;
}

#ifndef SSLB_HAVE_JEMALLOC
static size_t resident_bytes(void)
{
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
        fclose(f);
    }
    return (size_t)rss * (size_t)sysconf(_SC_PAGESIZE);
}
#endif

void heap_bytes(size_t *allocated, size_t *resident)
{
#ifdef SSLB_HAVE_JEMALLOC
    uint64_t epoch = 1;
    size_t sz = sizeof(size_t), esz = sizeof epoch;
    mallctl("thread.tcache.flush", NULL, NULL, NULL, 0);
    mallctl("epoch", &epoch, &esz, &epoch, esz);
    mallctl("stats.allocated", allocated, &sz, NULL, 0);
    sz = sizeof(size_t);
    mallctl("stats.resident", resident, &sz, NULL, 0);
#elif defined(__SANITIZE_ADDRESS__)
    /* ASan's allocator answers through its own interface (mallinfo reports nothing). */
    extern size_t __sanitizer_get_current_allocated_bytes(void);
    *allocated = __sanitizer_get_current_allocated_bytes();
    *resident = resident_bytes();
#else
    struct mallinfo2 mi = mallinfo2();
    *allocated = mi.uordblks + mi.hblkhd;
    *resident = resident_bytes();
#endif
}

/* A random cyclic permutation of cache-line nodes (Sattolo), chased one dependent load at a
 * time. The result is what one cache miss per lookup costs at this working-set size. */
void memory_latency(size_t bytes, size_t samples, struct stats *st, double *bracket_out)
{
    size_t n = bytes / 64 < 16 ? 16 : bytes / 64;
    void **nodes = aligned_alloc(64, n * 64);
    size_t *order = malloc(n * sizeof *order);
    double *s = malloc(samples * sizeof *s), t0;
    uint64_t rng = 0x1234567;
    void **p;

    for (size_t i = 0; i < n; i++) order[i] = i;
    for (size_t i = n - 1; i > 0; i--) { /* Sattolo: one cycle through every node */
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        size_t j = (size_t)(rng >> 33) % i, t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < n; i++) nodes[order[i] * 8] = &nodes[order[(i + 1) % n] * 8];
    free(order);
    p = &nodes[0];
    for (size_t i = 0; i < n; i++) p = *p; /* warm up */
    double bracket = bracket_cost_now();
    for (size_t i = 0; i < samples; i++) {
        uint64_t a = tsc_begin();
        p = *p;
        uint64_t b = tsc_end();
        s[i] = (double)(b - a) * ns_per_tick - bracket;
    }
    *bracket_out = bracket;
    t0 = now_ns(); /* the batch: the chase alone, the clock read before the samples are sorted */
    for (size_t i = 0; i < samples; i++) p = *p;
    double t1 = now_ns();
    stats_from_samples(s, samples, st);
    st->mops = (double)samples / (t1 - t0) * 1e3;
    if (p == NULL) abort(); /* keeps the chase alive */
    free(s);
    free(nodes);
}
