/* cli.h — what the two benchmark programs (sslbind-bench, sslbind-tlsbench) share of their
 * command lines and reports: option numbers, the progress line, JSON numbers, a monotonic clock.
 * Header-only: each program includes it once. */
#ifndef SSLB_BENCH_CLI_H
#define SSLB_BENCH_CLI_H

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* A number for option `name`, within [min, max]; otherwise says so as `prog` and exits with
 * `status` (each program's usage-error status). */
static inline double bench_num_arg(const char *prog, int status, const char *name, const char *text, double min,
                                   double max)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(text, &end);
    if (errno || end == text || *end || !(v >= min && v <= max)) {
        fprintf(stderr, "%s: %s: '%s' is not a number in %g..%g\n", prog, name, text, min, max);
        exit(status);
    }
    return v;
}

/* One line of progress on a terminal's standard error, overwritten by the next; nothing when
 * standard error is a file or a pipe. */
static inline void bench_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void bench_progress(const char *fmt, ...)
{
    va_list ap;
    if (!isatty(2)) return;
    fputs("\r\033[K", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

/* ", "name": v" with `decimals` digits after the point, or null when v is not a number. */
static inline void bench_json_num(FILE *f, const char *name, double v, int decimals)
{
    fprintf(f, ", \"%s\": ", name);
    if (isfinite(v)) fprintf(f, "%.*f", decimals, v);
    else fputs("null", f);
}

/* One line of a report's targets block on f: "met" or "MISS", then what was measured against
 * what goal (printf arguments). */
#define BENCH_TARGET(f, cond, ...)                                                                                     \
    do {                                                                                                               \
        fprintf((f), "%-5s ", (cond) ? "met" : "MISS");                                                                \
        fprintf((f), __VA_ARGS__);                                                                                     \
        fputc('\n', (f));                                                                                              \
    } while (0)

/* Seconds on CLOCK_MONOTONIC. */
static inline double bench_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
