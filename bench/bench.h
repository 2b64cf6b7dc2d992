/* bench.h — what the benchmark's files share: the data set, the implementations under test,
 * timing and results. The harness drives the core's real sslb_table_resolve(). */
#ifndef SSLB_BENCH_H
#define SSLB_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sslb/table.h"

/* ---- the data set ------------------------------------------------------------------------- */

enum workload { W_SNI_HIT, W_IP_HIT, W_FALLBACK, W_MISS, W_MIXED, W_COUNT };
extern const char *const workload_names[W_COUNT];

struct query {
    sslb_addr addr;
    uint16_t port;
    uint8_t sni_len;
    const char *sni; /* NULL: no SNI */
    int32_t expect;  /* the binding id that must answer, -1 for none */
};

struct dataset {
    size_t n;        /* bindings */
    sslb_binding *b; /* b[i] has id i, written in the first 4 bytes of its hash */
    size_t n_ip;     /* b[0 .. n_ip) are IP:port bindings of bound addresses, */
    size_t n_host;   /* then n_host hostname:port bindings, then the wildcards (0.0.0.0:443 last) */
    size_t nq;       /* queries per workload */
    struct query *q[W_COUNT];
    char *names; /* storage of host names */
    /* Checked, never timed: the queries whose answer depends on the probe order and on how the
     * query is read (spec/lookup.md): a bound IP:port that also sends a bound name, [::]:port
     * against 0.0.0.0:port for an IPv6 client, names in mixed case and with a trailing dot,
     * IPv4-mapped addresses, a bound name on another port. */
    size_t nvq;
    struct query *vq;
    char *vnames;
};

/* Builds n bindings of realistic shapes (IPv4, IPv6, host names under a few domains, ports
 * 443 and 8443, one 0.0.0.0:443 fallback; from 8 bindings on, [::]:4443 and 0.0.0.0:4443 too,
 * a port only the checked queries ask) and nq queries per workload, from a fixed seed. */
int dataset_make(struct dataset *ds, size_t n, size_t nq, uint64_t seed);
void dataset_free(struct dataset *ds);

/* Whether binding id is one of the data set's hostname:port bindings. */
static inline int dataset_is_host(const struct dataset *ds, int32_t id)
{
    return id >= 0 && (size_t)id >= ds->n_ip && (size_t)id < ds->n_ip + ds->n_host;
}

/* IP:port binding number i of the bound ranges (the same as the data set's). */
void dataset_ip_binding(size_t i, sslb_binding *b);

static inline int32_t binding_id(const uint8_t *certhash)
{
    return (int32_t)((uint32_t)certhash[0] | (uint32_t)certhash[1] << 8 | (uint32_t)certhash[2] << 16 |
                     (uint32_t)certhash[3] << 24);
}

/* ---- keys, as every hash-table baseline encodes them ----------------------------------- */

/* An IP:port key: 20 bytes, padding zeroed, so it can be hashed and compared as bytes. */
struct ipkey {
    uint8_t family, pad;
    uint16_t port;
    uint8_t addr[16];
};

static inline void ipkey_make(struct ipkey *k, uint8_t family, const uint8_t *addr, uint16_t port)
{
    k->family = family;
    k->pad = 0;
    k->port = port;
    for (int i = 0; i < 16; i++) k->addr[i] = addr[i];
}

/* A host-name key: the name in lower case, then the port's two bytes; returns its length.
 * key holds HOSTKEY_MAX bytes (a query's SNI is at most 255 bytes). */
#define HOSTKEY_MAX 257
static inline size_t hostkey_make(uint8_t *key, const char *name, size_t len, uint16_t port)
{
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        key[i] = (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    key[len] = (uint8_t)(port & 0xff);
    key[len + 1] = (uint8_t)(port >> 8);
    return len + 2;
}

/* How the core reads a query before it probes (spec/lookup.md), which every peer does alike: an
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d) is looked up as a.b.c.d (family and address in
 * *family and the returned pointer, which may be buf); an SNI with one trailing dot is the name
 * without it (the length to look up). */
static inline const uint8_t *query_addr(const struct query *q, uint8_t *family, uint8_t *buf)
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (__builtin_expect(q->addr.family == 6, 0) && memcmp(q->addr.bytes, mapped, 12) == 0) {
        memcpy(buf, q->addr.bytes + 12, 4);
        memset(buf + 4, 0, 12);
        *family = 4;
        return buf;
    }
    *family = q->addr.family;
    return q->addr.bytes;
}

static inline size_t query_sni_len(const struct query *q)
{
    return q->sni_len && q->sni[q->sni_len - 1] == '.' ? q->sni_len - 1u : q->sni_len;
}

/* ---- the implementations ------------------------------------------------------------------ */

struct impl {
    const char *name;
    size_t max_n;                                           /* 0: any size */
    void *(*build)(const struct dataset *ds);               /* ds->n may be 0: the empty table */
    int32_t (*resolve)(void *state, const struct query *q); /* binding id, -1 for none */
    void (*destroy)(void *state);
    /* Optional. Replaces the parameter block of b's key (which the table holds) while readers
     * resolve in other threads; 0 on success. NULL: the table is not made for concurrent
     * writers, and the with-writer runs skip it. */
    int (*update)(void *state, const sslb_binding *b);
    /* Optional: n (<= BATCH_MAX) consecutive queries at once, ids[i] as resolve would give. When
     * set, every answer is checked through it too, and the row's bracketed samples and batch mean
     * time whole batches (per lookup). */
    void (*resolve_batch)(void *state, const struct query *q, size_t n, int32_t *ids);
};
#define BATCH_MAX 32 /* resolve_batch's chunk: one chunk per call */

extern const struct impl impl_sslbind, impl_sslbind_lean, impl_sslbind_batch, impl_uthash, impl_linear, impl_urcu_lfht,
    impl_ck_ht;

/* Every implementation, in the order of the report; NULL-terminated. */
extern const struct impl *const bench_impls[];

/* sslbind's table inside impl_sslbind's state (for the write path and throughput runs). */
sslb_table *impl_sslbind_table(void *state);

/* Makes the calling thread an RCU reader of liburcu's memb flavour, registered through the
 * core (which registers a thread on its first resolve and unregisters it at thread exit), so
 * the peers and sslbind share one registration per thread. Cheap after the first call. */
void bench_rcu_online_slow(void);
extern __thread int bench_rcu_ready;
static inline void bench_rcu_online(void)
{
    if (__builtin_expect(!bench_rcu_ready, 0)) bench_rcu_online_slow();
}

/* ---- timing -------------------------------------------------------------------------------- */

void timing_init(void); /* calibrates the TSC against CLOCK_MONOTONIC */
double tsc_ns_per_tick(void);
double bracket_cost_ns(void);  /* the median cost of an empty rdtscp bracket, at start */
double bracket_cost_now(void); /* the same, measured again now */
double now_ns(void);

/* What the clocks can resolve, measured at start (not what they claim). */
struct timer_info {
    double ns_per_tick;     /* TSC, calibrated against CLOCK_MONOTONIC over 100 ms */
    double tsc_step_ns;     /* the commonest non-zero difference of two TSC reads in a row */
    double tsc_step_share;  /* the share of such pairs that differ by exactly that */
    double bracket_ns;      /* median empty bracket */
    double mono_step_ns;    /* the smallest non-zero difference of two CLOCK_MONOTONIC reads */
    double mono_claimed_ns; /* what clock_getres says */
};
void timer_info(struct timer_info *ti);

/* The machine: CPU model, CPUs, load averages (1, 5, 15 min). */
struct machine {
    char cpu[128];
    int cpus_online, cpus_configured, cores_per_socket;
    char kernel[128];
    double load_start[3], load_end[3];
};
void machine_probe(struct machine *m); /* fills all but load_end */
void machine_load(double load[3]);

struct stats {
    double p50, p90, p99, p999, max, mean; /* ns */
    double mops;                           /* from batch averages */
};

/* Sorts samples (ns) and fills the percentiles. */
void stats_from_samples(double *samples, size_t n, struct stats *st);

/* Allocated and resident bytes of the process's heap (jemalloc's statistics when linked). */
void heap_bytes(size_t *allocated, size_t *resident);

/* The machine's floor: a dependent pointer chase over `bytes` of memory. *bracket_out: the
 * empty bracket's cost subtracted from its samples. */
void memory_latency(size_t bytes, size_t samples, struct stats *st, double *bracket_out);

#endif
