/* sample.h — what both benchmarks do with arrays of measurements (sslbind-bench's rounds and
 * percentiles, sslbind-tlsbench's latencies and rounds). */
#ifndef SSLB_BENCH_SAMPLE_H
#define SSLB_BENCH_SAMPLE_H

#include <stddef.h>

/* qsort's comparison of two doubles, ascending. */
int sample_cmp(const void *a, const void *b);

/* Sorts v[0..n) and returns its median (the mean of the middle two when n is even); NAN when n
 * is 0. */
double sample_median(double *v, size_t n);

#endif
