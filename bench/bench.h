/* bench.h — what the benchmark's files share: the data set, the implementations under test,
 * timing and results. The harness drives the core's real sslb_table_resolve(). */
#ifndef SSLB_BENCH_H
#define SSLB_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "sslb/table.h"

/* ---- the data set ------------------------------------------------------------------------- */

enum workload { W_SNI_HIT, W_IP_HIT, W_FALLBACK, W_MISS, W_MIXED, W_COUNT };
extern const char *const workload_names[W_COUNT];

struct query {
    sslb_addr addr;
    uint16_t port;
    uint8_t sni_len;
    const char *sni;  /* NULL: no SNI */
    int32_t expect;   /* the binding id that must answer, -1 for none */
};

struct dataset {
    size_t n;             /* bindings */
    sslb_binding *b;      /* b[i] has id i, written in the first 4 bytes of its hash */
    size_t nq;            /* queries per workload */
    struct query *q[W_COUNT];
    char *names;          /* storage of host names */
};

/* Builds n bindings of realistic shapes (IPv4, IPv6, host names under a few domains, ports
 * 443 and 8443, one 0.0.0.0:443 fallback) and nq queries per workload, from a fixed seed. */
int dataset_make(struct dataset *ds, size_t n, size_t nq, uint64_t seed);
void dataset_free(struct dataset *ds);

/* IP:port binding number i of the bound ranges (the same as the data set's). */
void dataset_ip_binding(size_t i, sslb_binding *b);

static inline int32_t binding_id(const uint8_t *certhash)
{
    return (int32_t)((uint32_t)certhash[0] | (uint32_t)certhash[1] << 8 | (uint32_t)certhash[2] << 16 |
                     (uint32_t)certhash[3] << 24);
}

/* ---- the implementations ------------------------------------------------------------------ */

struct impl {
    const char *name;
    size_t max_n;                                    /* 0: any size */
    void *(*build)(const struct dataset *ds);
    int32_t (*resolve)(void *state, const struct query *q); /* binding id, -1 for none */
    void (*destroy)(void *state);
    /* Optional: n (<= BATCH_MAX) consecutive queries at once; ids[i] as resolve would give. */
    void (*resolve_batch)(void *state, const struct query *q, size_t n, int32_t *ids);
};
#define BATCH_MAX 16

extern const struct impl impl_sslbind, impl_sslbind_batch, impl_uthash, impl_linear;

/* sslbind's table inside impl_sslbind's state (for the write path and throughput runs). */
sslb_table *impl_sslbind_table(void *state);

/* ---- timing -------------------------------------------------------------------------------- */

void timing_init(void);          /* calibrates the TSC against CLOCK_MONOTONIC */
double tsc_ns_per_tick(void);
double bracket_cost_ns(void);    /* the median cost of an empty rdtscp bracket, at start */
double bracket_cost_now(void);   /* the same, measured again now */
double now_ns(void);

struct stats {
    double p50, p90, p99, p999, max, mean; /* ns */
    double mops;                           /* from batch averages */
};

/* Sorts samples (ns) and fills the percentiles. */
void stats_from_samples(double *samples, size_t n, struct stats *st);

/* Allocated and resident bytes of the process's heap (jemalloc's statistics when linked). */
void heap_bytes(size_t *allocated, size_t *resident);

/* The machine's floor: a dependent pointer chase over `bytes` of memory. */
void memory_latency(size_t bytes, size_t samples, struct stats *st);

#endif
