/* main.c — sslbind-bench: the lookup's latency and throughput against baselines measured in
 * the same run, the write path, loading bindings.reg, and memory per binding.
 * See docs/performance.md for what each figure means and how it is timed. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <math.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#include "cli.h"
#include "bench.h"
#include "sample.h"
#include "sslb/store.h"
#include "sslb/version.h"
#include "timing.h"

/* ---- options ---- */

/* --inject-fault's plants. Each goes into the check of an implementation's batched resolve when
 * it has one (sslbind-batch), else into the check of its single resolve. */
enum {
    FAULT_NONE,
    FAULT_ANSWER,   /* one expected answer corrupted */
    FAULT_SNI_FIRST /* the implementation's answers as if it probed SNI before the exact IP:port */
};

#define MAX_IMPLS 16

static struct {
    size_t sizes[16];
    int nsizes;
    const char *json, *plot;
    double duration; /* seconds per throughput run */
    int rounds;      /* throughput runs in interleaved rounds: 1 reader, 2 readers, beside a writer */
    size_t samples;  /* bracketed samples per row */
    size_t batch;    /* operations per batch average */
    size_t nq;       /* queries per workload */
    double writer_rate;
    uint64_t seed;
    int load;   /* measure loading bindings.reg */
    int chosen; /* --impls given: run only the implementations marked in run[] */
    int run[MAX_IMPLS];
    int inject_fault; /* FAULT_*: a planted error the answer check must catch */
} opt = {{16, 1000, 100000, 1000000}, 4, NULL, NULL, 0.2, 5, 100000, 200000, 262144, 10000, 42, 1, 0, {0}, 0};

/* ---- results ---- */

struct row {
    char workload[24], impl[24];
    size_t bindings;
    int threads;
    struct stats st;
    double batch_ns; /* the mean of a batch timed by one pair of clock reads; NAN: none */
    double bytes_per_binding, resident_per_binding;
    double fixed_bytes; /* what the same implementation's empty table costs */
    double checked;     /* answers compared with the expected binding for this row; NAN: none */
    double extra;       /* writer rows: updates/s; load rows: ms; ipport-memory: bindings */
    double bracket;     /* the empty bracket's cost subtracted from this row's samples */
    int rounds;         /* throughput rows: the runs they merge, one per round */
    double ratio;       /* 2 readers' row: the median over rounds of its lookups/s over the same round's
                           one reader's. NAN: none */
};

static struct row *rows;
static size_t nrows, caprows;

static struct row *add_row(const char *workload, const char *impl, size_t n, int threads)
{
    struct row *r;
    if (nrows == caprows) {
        caprows = caprows ? caprows * 2 : 256;
        rows = realloc(rows, caprows * sizeof *rows);
        if (!rows) abort();
    }
    r = &rows[nrows++];
    memset(r, 0, sizeof *r);
    r->ratio = NAN;
    snprintf(r->workload, sizeof r->workload, "%s", workload);
    snprintf(r->impl, sizeof r->impl, "%s", impl);
    r->bindings = n;
    r->threads = threads;
    r->batch_ns = NAN;
    r->checked = NAN;
    return r;
}

static const struct row *find_row(const char *workload, const char *impl, size_t n, int threads)
{
    for (size_t i = 0; i < nrows; i++)
        if (rows[i].bindings == n && rows[i].threads == threads && strcmp(rows[i].workload, workload) == 0 &&
            strcmp(rows[i].impl, impl) == 0)
            return &rows[i];
    return NULL;
}

/* Rates and sizes in units a reader takes in at a glance. */
static const char *fmt_rate(char *buf, size_t size, double per_s, const char *what)
{
    if (per_s >= 1e9) snprintf(buf, size, "%.2f G %s/s", per_s / 1e9, what);
    else if (per_s >= 1e6) snprintf(buf, size, "%.2f M %s/s", per_s / 1e6, what);
    else if (per_s >= 1e3) snprintf(buf, size, "%.1f k %s/s", per_s / 1e3, what);
    else snprintf(buf, size, "%.0f %s/s", per_s, what);
    return buf;
}

static const char *fmt_bytes(char *buf, size_t size, double b)
{
    if (b >= 1024.0 * 1048576) snprintf(buf, size, "%.2f GiB", b / (1024.0 * 1048576));
    else if (b >= 1048576) snprintf(buf, size, "%.1f MiB", b / 1048576);
    else if (b >= 1024) snprintf(buf, size, "%.1f KiB", b / 1024);
    else snprintf(buf, size, "%.0f B", b);
    return buf;
}

/* A table's fixed cost dominates its bytes per binding when its empty self is half of it. */
static int fixed_dominates(const struct row *r)
{
    double total = r->bytes_per_binding * (double)r->bindings;
    return total > 0 && r->fixed_bytes >= 4096 && r->fixed_bytes >= 0.5 * total;
}

/* ---- correctness: every answer checked ---- */

static void wrong_answer(const struct impl *im, const struct dataset *ds, const char *set, size_t k, int32_t got,
                         int32_t want, const char *how)
{
    fprintf(stderr,
            "\nsslbind-bench: wrong answer: %s%s, %zu bindings, workload %s, query %zu: got binding %d, expected %d\n",
            im->name, how, ds->n, set, k, got, want);
    exit(1);
}

/* FAULT_SNI_FIRST's query: the same name and port from an address no binding holds (TEST-NET-1),
 * so that a hostname:port binding's answer is what probing SNI first would give. */
static struct query sni_only(const struct query *q)
{
    struct query u = *q;
    memset(&u.addr, 0, sizeof u.addr);
    u.addr.family = 4;
    u.addr.bytes[0] = 192;
    u.addr.bytes[2] = 2;
    u.addr.bytes[3] = 1;
    return u;
}

static int32_t checked_resolve(const struct impl *im, void *state, const struct dataset *ds, const struct query *q,
                               int fault)
{
    if (fault == FAULT_SNI_FIRST && q->sni) {
        struct query u = sni_only(q);
        int32_t id = im->resolve(state, &u);
        if (dataset_is_host(ds, id)) return id;
    }
    return im->resolve(state, q);
}

static void checked_batch(const struct impl *im, void *state, const struct dataset *ds, const struct query *q, size_t n,
                          int32_t *ids, int fault)
{
    im->resolve_batch(state, q, n, ids);
    if (fault == FAULT_SNI_FIRST) {
        struct query u[BATCH_MAX];
        int32_t first[BATCH_MAX];
        for (size_t j = 0; j < n; j++) u[j] = sni_only(&q[j]);
        im->resolve_batch(state, u, n, first);
        for (size_t j = 0; j < n; j++)
            if (q[j].sni && dataset_is_host(ds, first[j])) ids[j] = first[j];
    }
}

/* One set of queries (a workload's, or the checked-only ones), each answer compared with the
 * binding that must answer, through the single resolve and, when the implementation has one,
 * the batched resolve; exits on the first wrong one. Returns how many answers were compared. */
static size_t verify_set(const struct impl *im, void *state, const struct dataset *ds, const char *set,
                         const struct query *qs, size_t nq, size_t fault_at)
{
    int fault = opt.inject_fault, single = im->resolve_batch ? FAULT_NONE : fault;
    size_t checked = 0;

    for (size_t k = 0; k < nq; k++) {
        const struct query *q = &qs[k];
        int32_t want = q->expect, got = checked_resolve(im, state, ds, q, single);
        if (single == FAULT_ANSWER && k == fault_at) want ^= 1;
        if (got != want) wrong_answer(im, ds, set, k, got, want, "");
        checked++;
    }
    for (size_t k = 0; im->resolve_batch && k < nq; k += BATCH_MAX) { /* and in batches, every answer again */
        size_t n = nq - k < BATCH_MAX ? nq - k : BATCH_MAX;
        int32_t ids[BATCH_MAX];
        checked_batch(im, state, ds, &qs[k], n, ids, fault);
        for (size_t j = 0; j < n; j++) {
            int32_t want = qs[k + j].expect;
            if (fault == FAULT_ANSWER && k + j == fault_at) want ^= 1;
            if (ids[j] != want) wrong_answer(im, ds, set, k + j, ids[j], want, " (batched)");
        }
        checked += n;
    }
    return checked;
}

/* Every query of every workload, then the checked-only queries where the probe order decides the
 * answer (dataset.c, make_checks). Returns how many answers were compared. */
static size_t verify(const struct impl *im, void *state, const struct dataset *ds)
{
    size_t checked = 0;
    for (int w = 0; w < W_COUNT; w++)
        checked += verify_set(im, state, ds, workload_names[w], ds->q[w], ds->nq, w == W_MIXED ? ds->nq / 2 : SIZE_MAX);
    return checked + verify_set(im, state, ds, "order-checks", ds->vq, ds->nvq, SIZE_MAX);
}

/* ---- read latency ---- */

/* A server has the ClientHello it is answering in cache: bring the query and its SNI bytes in
 * before timing, so the figures are the table's cost, not the harness's. */
static inline int32_t warm(const struct query *q)
{
    volatile char c = 0;
    int32_t e = *(volatile const int32_t *)&q->expect;
    for (size_t i = 0; q->sni && i < q->sni_len; i += 16) c = q->sni[i];
    if (q->sni && q->sni_len) c = q->sni[q->sni_len - 1];
    (void)c;
    return e;
}

static inline void prefetch_query(const struct query *q)
{
    __builtin_prefetch(q);
    if (q->sni) __builtin_prefetch(q->sni);
}

static void measure_reads(const struct impl *im, void *state, const struct dataset *ds, int w, struct row *r)
{
    const struct query *qs = ds->q[w];
    double *s = malloc(opt.samples * sizeof *s), t0, ns, bracket = bracket_cost_now();
    size_t mask = ds->nq - 1;
    int64_t sum = 0, want = 0;

    for (size_t i = 0; i < opt.samples; i++) { /* single resolves, bracketed */
        const struct query *q = &qs[(i * 7919) & mask];
        warm(q);
        uint64_t a = tsc_begin();
        int32_t id = im->resolve(state, q);
        uint64_t b = tsc_end();
        s[i] = (double)(b - a) * tsc_ns_per_tick() - bracket;
        sum += id;
        want += q->expect;
    }
    t0 = now_ns(); /* a batch between one pair of clock reads */
    for (size_t i = 0; i < opt.batch; i++) {
        const struct query *q = &qs[i & mask];
        prefetch_query(&qs[(i + 8) & mask]);
        sum += im->resolve(state, q);
        want += q->expect;
    }
    ns = (now_ns() - t0) / (double)opt.batch;
    if (sum != want) {
        fprintf(stderr, "\nsslbind-bench: %s answered differently while timed\n", im->name);
        exit(1);
    }
    stats_from_samples(s, opt.samples, &r->st);
    r->st.mops = 1e3 / ns;
    r->batch_ns = ns;
    r->bracket = bracket;
    free(s);
}

/* measure_reads for a batched implementation: each sample is one batch of BATCH_MAX queries
 * (bracketed, per lookup); the batch mean runs batches back to back. */
static void measure_batches(const struct impl *im, void *state, const struct dataset *ds, int w, struct row *r)
{
    const struct query *qs = ds->q[w];
    size_t nb = ds->nq / BATCH_MAX, samples = opt.samples / BATCH_MAX + 1, runs = opt.batch / BATCH_MAX + 1;
    double *s = malloc(samples * sizeof *s), t0, ns, bracket = bracket_cost_now();
    int32_t ids[BATCH_MAX];
    int64_t sum = 0, want = 0;

    for (size_t i = 0; i < samples; i++) {
        const struct query *q = &qs[((i * 7919) % nb) * BATCH_MAX];
        for (size_t k = 0; k < BATCH_MAX; k++) warm(&q[k]);
        uint64_t a = tsc_begin();
        im->resolve_batch(state, q, BATCH_MAX, ids);
        uint64_t b = tsc_end();
        s[i] = ((double)(b - a) * tsc_ns_per_tick() - bracket) / BATCH_MAX;
        for (size_t k = 0; k < BATCH_MAX; k++) sum += ids[k], want += q[k].expect;
    }
    t0 = now_ns();
    for (size_t i = 0; i < runs; i++) {
        const struct query *q = &qs[(i % nb) * BATCH_MAX], *next = &qs[((i + 1) % nb) * BATCH_MAX];
        for (size_t k = 0; k < BATCH_MAX; k++) prefetch_query(&next[k]); /* as the single loop does */
        im->resolve_batch(state, q, BATCH_MAX, ids);
        for (size_t k = 0; k < BATCH_MAX; k++) sum += ids[k], want += q[k].expect;
    }
    ns = (now_ns() - t0) / (double)(runs * BATCH_MAX);
    if (sum != want) {
        fprintf(stderr, "\nsslbind-bench: %s answered differently while timed\n", im->name);
        exit(1);
    }
    stats_from_samples(s, samples, &r->st);
    r->st.mops = 1e3 / ns;
    r->batch_ns = ns;
    r->bracket = bracket;
    free(s);
}

/* ---- throughput, with and without a writer ---- */

struct reader {
    _Alignas(64) pthread_t th; /* each reader on its own cache lines */
    const struct impl *im;
    void *state;
    const struct query *qs;
    size_t nq, offset;
    int *stop; /* set by the main thread (atomic) */
    long ops, wrong;
    double bracket; /* the empty bracket's cost, subtracted from each sample */
    double *samples;
    size_t nsamples, cap;
    double elapsed;
};

static void *reader_main(void *p)
{
    struct reader *r = p;
    size_t mask = r->nq - 1, i = r->offset, nsamples = 0;
    long ops = 0, wrong = 0;
    double t0 = now_ns();

    while (!__atomic_load_n(r->stop, __ATOMIC_RELAXED)) {
        for (int k = 0; k < 4096; k++, i++) {
            const struct query *q = &r->qs[i & mask];
            prefetch_query(&r->qs[(i + 8) & mask]);
            if ((k & 63) == 0 && nsamples < r->cap) {
                warm(q);
                uint64_t a = tsc_begin();
                int32_t id = r->im->resolve(r->state, q);
                uint64_t b = tsc_end();
                r->samples[nsamples++] = (double)(b - a) * tsc_ns_per_tick() - r->bracket;
                wrong += id != q->expect;
            } else {
                wrong += r->im->resolve(r->state, q) != q->expect;
            }
        }
        ops += 4096;
    }
    r->elapsed = now_ns() - t0;
    r->ops = ops;
    r->wrong = wrong;
    r->nsamples = nsamples;
    return NULL;
}

struct writer {
    pthread_t th;
    const struct impl *im;
    void *state;
    const struct dataset *ds;
    int *stop;   /* set by the main thread (atomic) */
    double rate; /* per second; 0: as fast as it can */
    long updates, failed;
    double elapsed;
    double *lat;
    size_t nlat, cap;
};

static void *writer_main(void *p)
{
    struct writer *w = p;
    uint64_t rng = 99;
    double t0 = now_ns(), next = t0, period = w->rate > 0 ? 1e9 / w->rate : 0;

    while (!__atomic_load_n(w->stop, __ATOMIC_RELAXED)) {
        sslb_binding b;
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        b = w->ds->b[(rng >> 33) % (w->ds->n - 1)];                             /* any binding but the fallback */
        b.params.flags ^= (uint32_t)(w->updates & 1) * SSLB_FLAG_DISABLE_HTTP2; /* same id, new block */
        double a = now_ns();
        w->failed += w->im->update(w->state, &b) != 0;
        double e = now_ns();
        if (w->nlat < w->cap) w->lat[w->nlat++] = e - a;
        w->updates++;
        if (period > 0) {
            next += period;
            if (next > e) {
                struct timespec ts = {(time_t)(next / 1e9), (long)fmod(next, 1e9)};
                clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
            }
        }
    }
    w->elapsed = now_ns() - t0;
    return NULL;
}

#define MAX_ROUNDS 32

/* One throughput row's runs, one per round: every run's sampled resolves merged, and each run's
 * own lookups/s, for the 2-reader ratio taken round by round. */
struct tput {
    double *s;
    size_t n, cap;
    double ops, secs; /* lookups and reader-seconds over every run */
    double mops[MAX_ROUNDS];
    int runs;
    double bracket; /* the first run's */
    long wrong;
};

/* Runs `threads` readers on the mixed workload (and a writer when rate >= 0) for the set
 * duration, once, adding the run to t (and, if wr, filling the writer). */
static void run_throughput(const struct impl *im, void *state, const struct dataset *ds, int threads, double rate,
                           struct tput *t, struct writer *wr)
{
    struct reader rd[8];
    int stop = 0;
    double ops = 0, secs = 0, bracket = bracket_cost_now(); /* measured again, as each row */
    long wrong = 0;

    memset(rd, 0, sizeof rd);
    for (int i = 0; i < threads; i++) {
        rd[i] = (struct reader){.im = im,
                                .state = state,
                                .qs = ds->q[W_MIXED],
                                .nq = ds->nq,
                                .offset = (size_t)i * ds->nq / 2,
                                .stop = &stop,
                                .bracket = bracket,
                                .cap = 200000};
        rd[i].samples = malloc(rd[i].cap * sizeof(double));
        pthread_create(&rd[i].th, NULL, reader_main, &rd[i]);
    }
    if (wr) {
        memset(wr, 0, sizeof *wr);
        wr->im = im;
        wr->state = state;
        wr->ds = ds;
        wr->stop = &stop;
        wr->rate = rate;
        wr->cap = 1000000;
        wr->lat = malloc(wr->cap * sizeof(double));
        pthread_create(&wr->th, NULL, writer_main, wr);
    }
    usleep((useconds_t)(opt.duration * 1e6));
    __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
    if (wr) pthread_join(wr->th, NULL);
    if (t->n + (size_t)threads * 200000 > t->cap) {
        t->cap = t->n + (size_t)threads * 200000;
        if (!(t->s = realloc(t->s, t->cap * sizeof(double)))) abort();
    }
    for (int i = 0; i < threads; i++) {
        pthread_join(rd[i].th, NULL);
        ops += (double)rd[i].ops;
        secs += rd[i].elapsed / 1e9;
        wrong += rd[i].wrong;
        memcpy(t->s + t->n, rd[i].samples, rd[i].nsamples * sizeof(double));
        t->n += rd[i].nsamples;
        free(rd[i].samples);
    }
    if (wrong || (wr && wr->failed)) {
        fprintf(stderr, "\nsslbind-bench: %s: %ld wrong answers and %ld failed updates under concurrency\n", im->name,
                wrong, wr ? wr->failed : 0);
        exit(1);
    }
    if (t->runs == 0) t->bracket = bracket;
    t->mops[t->runs] = ops / (secs / threads) / 1e6;
    t->runs++;
    t->ops += ops;
    t->secs += secs;
}

/* The row of t's runs: percentiles of every sample, lookups/s the median of the runs'. */
static void tput_row(struct row *r, struct tput *t)
{
    double m[MAX_ROUNDS];

    memcpy(m, t->mops, sizeof m);
    stats_from_samples(t->s, t->n, &r->st);
    r->st.mops = sample_median(m, (size_t)t->runs);
    r->batch_ns = t->secs * 1e9 / t->ops; /* each reader's mean per lookup */
    r->checked = t->ops;                  /* every reader's answer was compared */
    r->bracket = t->bracket;
    r->rounds = t->runs;
    free(t->s);
    t->s = NULL;
}

/* The median over rounds of a[k] / b[k]. */
static double round_ratio(const double *a, const double *b, int n)
{
    double q[MAX_ROUNDS];
    int k = 0;

    for (int i = 0; i < n; i++)
        if (b[i] > 0) q[k++] = a[i] / b[i];
    return sample_median(q, (size_t)k);
}

/* 2 readers' lookups/s over one's: the median of the rounds' ratios, or of the rows'. */
static double two_readers(const struct row *t1, const struct row *t2)
{
    return !isnan(t2->ratio) ? t2->ratio : t1->st.mops > 0 ? t2->st.mops / t1->st.mops : 0;
}

/* A reader's p99 beside the writer over its p99 alone, each of its rounds' samples merged. */
static double writer_effect(const struct row *alone, const struct row *with)
{
    return alone && alone->st.p99 > 0 ? with->st.p99 / alone->st.p99 : 0;
}

/* ---- the write path and the store ---- */

static void measure_writes(void *state, const struct dataset *ds)
{
    sslb_table *t = impl_sslbind_table(state);
    size_t n = ds->n - 1, ops = n < 10000 ? n : 10000;
    double *add = malloc(ops * sizeof(double)), *upd = malloc(ops * sizeof(double)),
           *del = malloc(ops * sizeof(double));
    uint64_t rng = 7;

    for (size_t i = 0; i < ops; i++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        sslb_binding b = ds->b[(rng >> 33) % n];
        double t0 = now_ns();
        int bad = sslb_table_update(t, &b, NULL) != SSLB_OK;
        double t1 = now_ns();
        bad |= sslb_table_delete(t, &b.key) != SSLB_OK;
        double t2 = now_ns();
        bad |= sslb_table_add(t, &b, NULL) != SSLB_OK;
        double t3 = now_ns();
        if (bad) {
            fprintf(stderr, "\nsslbind-bench: a write failed\n");
            exit(1);
        }
        upd[i] = t1 - t0;
        del[i] = t2 - t1;
        add[i] = t3 - t2;
    }
    stats_from_samples(upd, ops, &add_row("update", "sslbind", ds->n, 1)->st);
    stats_from_samples(del, ops, &add_row("delete", "sslbind", ds->n, 1)->st);
    stats_from_samples(add, ops, &add_row("add", "sslbind", ds->n, 1)->st);
    free(add);
    free(upd);
    free(del);
    sslb_table_quiesce(t);
}

static void measure_load(void *state, const struct dataset *ds)
{
    char dir[] = "/tmp/sslbind-bench-XXXXXX", path[64];
    sslb_table *t = impl_sslbind_table(state), *fresh;
    sslb_store *s;
    FILE *f;
    double t0, ms;

    if (!mkdtemp(dir)) return;
    snprintf(path, sizeof path, "%s/bindings.reg", dir);
    if (!(f = fopen(path, "w")) || sslb_reg_write(t, f) != 0 || fclose(f) != 0) {
        fprintf(stderr, "\nsslbind-bench: cannot write %s\n", path);
        exit(1);
    }
    sslb_table_create(&fresh);
    sslb_store_open(dir, &s, NULL);
    t0 = now_ns();
    sslb_diag d = {{0}};
    if (sslb_store_load(s, fresh, &d) != SSLB_OK || sslb_table_count(fresh) != ds->n) {
        fprintf(stderr, "\nsslbind-bench: load failed: %s\n", d.text);
        exit(1);
    }
    ms = (now_ns() - t0) / 1e6;
    struct row *r = add_row("load", "sslbind", ds->n, 1);
    r->extra = ms;
    r->st.p50 = r->st.p99 = r->st.p999 = ms * 1e6 / (double)ds->n; /* per binding */
    r->st.mops = (double)ds->n / (ms * 1e3);
    r->batch_ns = ms * 1e6 / (double)ds->n;
    sslb_store_close(s);
    sslb_table_destroy(fresh);
    unlink(path);
    rmdir(dir);
}

/* ---- one size ---- */

/* The heap an implementation's empty table takes: its fixed cost. */
static double empty_cost(const struct impl *im)
{
    struct dataset none;
    size_t a0, r0, a1, r1;
    void *state;

    memset(&none, 0, sizeof none);
    heap_bytes(&a0, &r0);
    if (!(state = im->build(&none))) {
        fprintf(stderr, "sslbind-bench: %s: cannot build an empty table\n", im->name);
        exit(1);
    }
    heap_bytes(&a1, &r1);
    im->destroy(state);
    return a1 > a0 ? (double)(a1 - a0) : 0;
}

static void run_size(size_t n)
{
    struct dataset ds;
    double chase_bytes = 0;
    size_t nq = opt.nq;

    while (nq > 1 && nq / 2 >= 4 * n && nq > 65536) nq /= 2;
    if (dataset_make(&ds, n, nq, opt.seed) != 0) {
        fprintf(stderr, "sslbind-bench: cannot build a data set of %zu bindings\n", n);
        exit(1);
    }
    for (size_t i = 0; bench_impls[i]; i++) {
        const struct impl *im = bench_impls[i];
        size_t a0, r0, a1, r1;
        double fixed, bytes;
        void *state;
        if (im->max_n && n > im->max_n) continue;
        if (opt.chosen && (i >= MAX_IMPLS || !opt.run[i])) continue;
        bench_progress("[%zu bindings] %s: building", n, im->name);
        fixed = empty_cost(im);
        heap_bytes(&a0, &r0);
        if (!(state = im->build(&ds))) {
            fprintf(stderr, "sslbind-bench: %s: build failed\n", im->name);
            exit(1);
        }
        heap_bytes(&a1, &r1);
        bytes = a1 > a0 ? (double)(a1 - a0) : 0;
        /* the floor's working set: sslbind's table, or the largest table measured without it */
        if (im == &impl_sslbind) chase_bytes = bytes;
        else if (!find_row("sni-hit", "sslbind", n, 1) && bytes > chase_bytes) chase_bytes = bytes;
        bench_progress("[%zu bindings] %s: checking every answer", n, im->name);
        double checked = (double)verify(im, state, &ds);
        for (int w = 0; w < W_COUNT; w++) {
            bench_progress("[%zu bindings] %s: %s", n, im->name, workload_names[w]);
            struct row *r = add_row(workload_names[w], im->name, n, 1);
            if (im->resolve_batch) measure_batches(im, state, &ds, w, r);
            else measure_reads(im, state, &ds, w, r);
            r->bytes_per_binding = bytes / (double)n;
            r->resident_per_binding = (double)(r1 > r0 ? r1 - r0 : 0) / (double)n;
            r->fixed_bytes = fixed;
            r->checked = checked; /* before timing; the timed loops compare a checksum too */
        }
        if (im == &impl_sslbind) {
            /* The memory goal is per IP:port binding: a table of only those, measured alone. */
            sslb_table *ipt;
            size_t nip = 0, a2, r2, a3, r3;
            heap_bytes(&a2, &r2);
            sslb_table_create(&ipt);
            for (size_t k = 0; k < n; k++) {
                sslb_binding ib;
                dataset_ip_binding(k, &ib);
                nip += sslb_table_add(ipt, &ib, NULL) == SSLB_OK;
            }
            heap_bytes(&a3, &r3);
            struct row *mr = add_row("ipport-memory", "sslbind", n, 1);
            mr->bytes_per_binding = (double)(a3 - a2) / (double)nip;
            mr->resident_per_binding = (double)(r3 > r2 ? r3 - r2 : 0) / (double)nip;
            mr->fixed_bytes = fixed;
            mr->extra = (double)nip;
            sslb_table_destroy(ipt);
        }
        int tp = !im->max_n && !im->resolve_batch; /* not the small-table baselines, not the batch */
        if (tp || im->update) {
            /* in rounds, so that a burst of the host's other work slows one round, not a row:
             * 1 reader, 2 readers, 1 reader beside a writer at --writer-rate, in turn */
            struct tput t1 = {0}, t2 = {0}, tw = {0};
            double wupd = 0, wsecs = 0;
            for (int k = 0; k < opt.rounds; k++) {
                if (tp)
                    for (int th = 1; th <= 2; th++) {
                        bench_progress("[%zu bindings] %s: throughput, %d thread(s), round %d of %d", n, im->name, th,
                                       k + 1, opt.rounds);
                        run_throughput(im, state, &ds, th, -1, th == 1 ? &t1 : &t2, NULL);
                    }
                if (im->update) {
                    struct writer wr;
                    bench_progress("[%zu bindings] %s: reader with a writer at %.0f/s, round %d of %d", n, im->name,
                                   opt.writer_rate, k + 1, opt.rounds);
                    run_throughput(im, state, &ds, 1, opt.writer_rate, &tw, &wr);
                    wupd += (double)wr.updates;
                    wsecs += wr.elapsed / 1e9;
                    free(wr.lat);
                }
            }
            for (int th = 1; tp && th <= 2; th++) {
                /* the latency rows are single-threaded; throughput rows have their own name */
                struct row *r = add_row("mixed-throughput", im->name, n, th);
                tput_row(r, th == 1 ? &t1 : &t2);
                if (th == 2) r->ratio = round_ratio(t2.mops, t1.mops, t2.runs);
                r->bytes_per_binding = bytes / (double)n;
                r->resident_per_binding = (double)(r1 > r0 ? r1 - r0 : 0) / (double)n;
                r->fixed_bytes = fixed;
            }
            if (im->update) {
                /* the writer's effect is judged on the rounds' samples merged, not round by round: a
                 * small table's p99 (60 ns) moves by the timer's 10 ns step between rounds */
                struct row *r = add_row("mixed+writer", im->name, n, 1);
                tput_row(r, &tw);
                r->extra = wupd / wsecs;
            }
            free(t1.s);
            free(t2.s);
        }
        if (im->update) {
            struct writer wr;
            struct tput t = {0};
            bench_progress("[%zu bindings] %s: writer as fast as it can, with a reader", n, im->name);
            struct row *r = add_row("writer-max", im->name, n, 1);
            run_throughput(im, state, &ds, 1, 0, &t, &wr);
            tput_row(r, &t);
            r->extra = (double)wr.updates / (wr.elapsed / 1e9);
            stats_from_samples(wr.lat, wr.nlat, &add_row("update-under-readers", im->name, n, 1)->st);
            free(wr.lat);
        }
        if (im == &impl_sslbind) {
            bench_progress("[%zu bindings] sslbind: write path", n);
            measure_writes(state, &ds);
            if (opt.load) {
                bench_progress("[%zu bindings] sslbind: loading bindings.reg", n);
                measure_load(state, &ds);
            }
        }
        im->destroy(state);
    }
    bench_progress("[%zu bindings] memory latency over %.1f MiB", n, chase_bytes / 1048576);
    struct row *r = add_row("pointer-chase", "memory-latency", n, 1);
    memory_latency((size_t)chase_bytes, opt.samples, &r->st, &r->bracket);
    r->batch_ns = 1e3 / r->st.mops;
    r->extra = chase_bytes;
    dataset_free(&ds);
}

/* ---- output ---- */

static struct machine machine;

static int is_latency_workload(const char *w)
{
    for (int k = 0; k < W_COUNT; k++)
        if (strcmp(w, workload_names[k]) == 0) return 1;
    return 0;
}

/* The implementations that have rows, in the order they first appear (memory-latency apart). */
static int impls_in_rows(const char *names[], int max)
{
    int k = 0;
    for (size_t i = 0; i < nrows; i++) {
        int seen = strcmp(rows[i].impl, "memory-latency") == 0;
        for (int j = 0; j < k && !seen; j++) seen = strcmp(names[j], rows[i].impl) == 0;
        if (!seen && k < max) names[k++] = rows[i].impl;
    }
    return k;
}

static void print_header(FILE *f)
{
    struct timer_info ti;
    timer_info(&ti);
    fprintf(f, "sslbind-bench %s\n", SSLB_VERSION_STRING);
    fprintf(f, "machine: %s; %d CPUs online (%d configured", machine.cpu, machine.cpus_online, machine.cpus_configured);
    if (machine.cores_per_socket > 0) fprintf(f, ", %d cores per socket", machine.cores_per_socket);
    fprintf(f, "); %s\n", machine.kernel[0] ? machine.kernel : "unknown kernel");
    fprintf(f, "load average (1, 5, 15 min): %.2f %.2f %.2f at start, %.2f %.2f %.2f at end\n", machine.load_start[0],
            machine.load_start[1], machine.load_start[2], machine.load_end[0], machine.load_end[1],
            machine.load_end[2]);
    fprintf(f,
            "timer: TSC at %.3f GHz (%.3f ns per tick), measured resolution %.1f ns (two reads in a row differ by "
            "that in %.0f %% of pairs);\n       an empty bracket costs %.1f ns (median at start; measured again "
            "before each row and subtracted from its bracketed samples)\n",
            1.0 / ti.ns_per_tick, ti.ns_per_tick, ti.tsc_step_ns, ti.tsc_step_share * 100, ti.bracket_ns);
    fprintf(
        f,
        "       CLOCK_MONOTONIC, which times the batch means, steps by at least %.0f ns (clock_getres says %.0f ns)\n",
        ti.mono_step_ns, ti.mono_claimed_ns);
}

static void print_tables(FILE *f)
{
    char b1[48], b2[48], b3[48];
    const char *names[MAX_IMPLS * 2];
    int nimpl = impls_in_rows(names, MAX_IMPLS * 2);

    for (int s = 0; s < opt.nsizes; s++) {
        size_t n = opt.sizes[s];
        const struct row *mem = find_row("pointer-chase", "memory-latency", n, 1);
        const struct row *first = NULL;
        int marked = 0;
        for (size_t i = 0; i < nrows && !first; i++)
            if (rows[i].bindings == n && is_latency_workload(rows[i].workload)) first = &rows[i];
        fprintf(f, "\n== %zu bindings ==  memory-latency p50 %.1f ns over %s; empty bracket %.1f ns (subtracted)\n", n,
                mem ? mem->st.p50 : 0, fmt_bytes(b1, sizeof b1, mem ? mem->extra : 0),
                first ? first->bracket : bracket_cost_ns());
        fprintf(f, "%-10s %-14s %8s %8s %8s %8s %8s %7s  %10s %8s %8s\n", "workload", "impl", "p50 ns", "p90", "p99",
                "p99.9", "batch", "Mops", "B/binding", "/sslbind", "/memlat");
        for (int w = 0; w < W_COUNT; w++) {
            const struct row *sb = find_row(workload_names[w], "sslbind", n, 1);
            for (size_t i = 0; i < nrows; i++) {
                const struct row *r = &rows[i];
                char bytes[24];
                if (r->bindings != n || strcmp(r->workload, workload_names[w]) != 0) continue;
                snprintf(bytes, sizeof bytes, "%.0f%s", r->bytes_per_binding, fixed_dominates(r) ? "*" : " ");
                marked |= fixed_dominates(r);
                fprintf(f, "%-10s %-14s %8.1f %8.1f %8.1f %8.1f %8.1f %7.1f  %10s", r->workload, r->impl, r->st.p50,
                        r->st.p90, r->st.p99, r->st.p999, r->batch_ns, r->st.mops, bytes);
                if (sb && r != sb && sb->st.p50 > 0) fprintf(f, " %8.2f", r->st.p50 / sb->st.p50);
                else fprintf(f, " %8s", "");
                if (mem && mem->st.p50 > 0) fprintf(f, " %8.2f", r->st.p50 / mem->st.p50);
                fputc('\n', f);
            }
        }
        if (marked) {
            fprintf(f,
                    "* fixed overhead: at %zu bindings the empty table's cost is most of these bytes, not a cost per "
                    "binding:\n",
                    n);
            for (int k = 0; k < nimpl; k++) {
                const struct row *r = find_row("sni-hit", names[k], n, 1);
                if (!r || !fixed_dominates(r)) continue;
                double total = r->bytes_per_binding * (double)n;
                fprintf(f, "    %-14s empty %s of %s; beyond it %.0f B per binding\n", r->impl,
                        fmt_bytes(b1, sizeof b1, r->fixed_bytes), fmt_bytes(b2, sizeof b2, total),
                        (total - r->fixed_bytes) / (double)n);
            }
        }
        int any = 0;
        for (int k = 0; k < nimpl; k++) {
            const struct row *t1 = find_row("mixed-throughput", names[k], n, 1),
                             *t2 = find_row("mixed-throughput", names[k], n, 2);
            if (!t1) continue;
            fprintf(f, "%s%s %.1f", any++ ? "; " : "throughput (mixed, M lookups/s, 1 and 2 readers): ", names[k],
                    t1->st.mops);
            if (t2) fprintf(f, " / %.1f (x%.2f)", t2->st.mops, two_readers(t1, t2));
        }
        if (any)
            fprintf(f, "%s\n",
                    opt.rounds > 1 ? " (medians of the rounds; x: the median of the rounds' 2-reader / 1-reader ratios)"
                                   : "");
        for (int k = 0; k < nimpl; k++) {
            const struct row *alone = find_row("mixed-throughput", names[k], n, 1),
                             *with = find_row("mixed+writer", names[k], n, 1),
                             *wmax = find_row("writer-max", names[k], n, 1),
                             *uu = find_row("update-under-readers", names[k], n, 1);
            if (!with) continue;
            fprintf(f, "%-14s reader p99 %.1f ns alone, %.1f ns beside a writer at %s (x%.2f%s)", names[k],
                    alone ? alone->st.p99 : 0, with->st.p99, fmt_rate(b1, sizeof b1, with->extra, "updates"),
                    writer_effect(alone, with), with->rounds > 1 ? ", the rounds' samples merged" : "");
            if (wmax) fprintf(f, "; unthrottled writer %s", fmt_rate(b2, sizeof b2, wmax->extra, "updates"));
            if (uu) fprintf(f, ", update p50 %.0f ns p99 %.0f ns", uu->st.p50, uu->st.p99);
            fputc('\n', f);
        }
        const char *wp[] = {"update", "add", "delete"};
        for (int k = 0; k < 3; k++) {
            const struct row *r = find_row(wp[k], "sslbind", n, 1);
            if (r) fprintf(f, "sslbind %-7s p50 %8.1f ns  p99 %8.1f ns\n", wp[k], r->st.p50, r->st.p99);
        }
        const struct row *mr = find_row("ipport-memory", "sslbind", n, 1);
        if (mr) {
            fprintf(f, "memory: %.0f bytes per IP:port binding in a table of %.0f of them (%.0f resident)",
                    mr->bytes_per_binding, mr->extra, mr->resident_per_binding);
            if (fixed_dominates(mr))
                fprintf(f, "; fixed overhead: the empty table is %s of %s, beyond it %.0f B per binding",
                        fmt_bytes(b1, sizeof b1, mr->fixed_bytes),
                        fmt_bytes(b2, sizeof b2, mr->bytes_per_binding * (double)mr->bindings),
                        (mr->bytes_per_binding * (double)mr->bindings - mr->fixed_bytes) / (double)mr->bindings);
            fputc('\n', f);
        }
        const struct row *ld = find_row("load", "sslbind", n, 1);
        if (ld)
            fprintf(f, "load bindings.reg: %.1f ms (%s)\n", ld->extra,
                    fmt_rate(b3, sizeof b3, ld->st.mops * 1e6, "bindings"));
    }
}

/* A table size as the targets name it: 16, 1k, 100k, 1M, 10M. */
static const char *size_label(char *buf, size_t size, size_t n)
{
    if (n >= 1000000 && n % 100000 == 0) snprintf(buf, size, "%gM", (double)n / 1e6);
    else if (n >= 1000 && n % 100 == 0) snprintf(buf, size, "%gk", (double)n / 1e3);
    else snprintf(buf, size, "%zu", n);
    return buf;
}

/* The fastest of the peers (by p50) for a workload and size; NULL if none ran. */
static const struct row *fastest_peer(const char *workload, size_t n)
{
    static const char *const peers[] = {"uthash", "urcu-lfht", "ck-ht"};
    const struct row *best = NULL;
    for (int k = 0; k < 3; k++) {
        const struct row *r = find_row(workload, peers[k], n, 1);
        if (r && (!best || r->st.p50 < best->st.p50)) best = r;
    }
    return best;
}

/* The slowest of the peers (by p50): "never slower than any of them" compares with each. */
static const struct row *slowest_ok_peer(const char *workload, size_t n, double sb_p50)
{
    static const char *const peers[] = {"uthash", "urcu-lfht", "ck-ht"};
    for (int k = 0; k < 3; k++) {
        const struct row *r = find_row(workload, peers[k], n, 1);
        if (r && r->st.p50 < sb_p50) return r; /* the first one sslbind is slower than */
    }
    return NULL;
}

/* The row of the handshake's path (sslbind-lean) for a workload and size, else sslbind's (the
 * full copy) when sslbind-lean did not run. */
static const struct row *handshake_row(const char *workload, size_t n)
{
    const struct row *r = find_row(workload, "sslbind-lean", n, 1);
    return r ? r : find_row(workload, "sslbind", n, 1);
}

static void print_targets(FILE *f)
{
    const size_t big = 1000000, huge = 10000000;
    const struct row *mem = find_row("pointer-chase", "memory-latency", big, 1);
    fputs("\n== targets (issue 12; p50 unless said) ==\n", f);
    if (mem) {
        for (int w = 0; w < W_MIXED; w++) {
            const struct row *sb = handshake_row(workload_names[w], big);
            if (!sb) continue; /* not run (--impls) */
            double lim = w == W_MISS ? 0.5 : 1.3, x = sb->st.p50 / mem->st.p50;
            BENCH_TARGET(f, x <= lim, "1M %-8s %s p50 %.1f ns = %.2fx memory-latency (goal <= %.1fx)",
                         workload_names[w], sb->impl, sb->st.p50, x, lim);
        }
        for (int w = 0; w < W_MIXED; w++) {
            const struct row *bt = find_row(workload_names[w], "sslbind-batch", big, 1);
            if (!bt) continue;
            double x = bt->batch_ns / mem->st.p50;
            BENCH_TARGET(f, x <= 0.4,
                         "1M %-8s %s batched resolve %.1f ns per lookup = %.2fx memory-latency (goal <= 0.4x)",
                         workload_names[w], bt->impl, bt->batch_ns, x);
        }
    }
    for (int s = 0; s < opt.nsizes; s++) { /* against the peers: the handshake's path when it ran */
        size_t n = opt.sizes[s];
        char sz[16];
        size_label(sz, sizeof sz, n);
        for (int w = 0; w < W_COUNT; w++) {
            const struct row *sb = handshake_row(workload_names[w], n), *best = fastest_peer(workload_names[w], n);
            if (!sb || !best || sb->st.p50 <= 0) continue;
            if (n >= 100000) {
                double x = best->st.p50 / sb->st.p50;
                BENCH_TARGET(f, x >= 1.5, "%s %-8s %s %.1f ns, the fastest peer %s %.1f ns: %.2fx (goal >= 1.5x)", sz,
                             workload_names[w], sb->impl, sb->st.p50, best->impl, best->st.p50, x);
            } else if (n == 16 || n == 1000) {
                const struct row *beat = slowest_ok_peer(workload_names[w], n, sb->st.p50),
                                 *lin = find_row(workload_names[w], "linear", n, 1);
                struct timer_info ti;
                char also[200] = "";
                timer_info(&ti);
                /* linear is not one of the peers: said when it is faster (by p50, or by
                 * batch mean at no higher p50), not judged */
                if (lin && (lin->st.p50 < sb->st.p50 || (lin->st.p50 <= sb->st.p50 && lin->batch_ns < sb->batch_ns)))
                    snprintf(also, sizeof also,
                             "; faster: linear %.1f ns, batch means %.1f and %s's %.1f ns (not one of the issue's "
                             "peers: not judged)",
                             lin->st.p50, lin->batch_ns, sb->impl, sb->batch_ns);
                if (beat && sb->st.p50 - beat->st.p50 <= ti.tsc_step_ns * 1.01)
                    BENCH_TARGET(f, 0,
                                 "%s %-8s %s %.1f ns, slower than %s %.1f ns (goal: never slower than a peer); within "
                                 "the timer's %.1f ns resolution, batch means %.1f and %.1f ns%s",
                                 sz, workload_names[w], sb->impl, sb->st.p50, beat->impl, beat->st.p50, ti.tsc_step_ns,
                                 sb->batch_ns, beat->batch_ns, also);
                else if (beat)
                    BENCH_TARGET(f, 0, "%s %-8s %s %.1f ns, slower than %s %.1f ns (goal: never slower than a peer)%s",
                                 sz, workload_names[w], sb->impl, sb->st.p50, beat->impl, beat->st.p50, also);
                else
                    BENCH_TARGET(f, 1,
                                 "%s %-8s %s %.1f ns, the fastest peer %s %.1f ns (goal: never slower than a peer)%s",
                                 sz, workload_names[w], sb->impl, sb->st.p50, best->impl, best->st.p50, also);
            }
        }
    }
    for (int s = 0; s < opt.nsizes; s++) {
        size_t n = opt.sizes[s];
        char sz[16];
        const struct row *a = handshake_row("sni-hit", n), *b = handshake_row("ip-hit", n);
        if (n > 1000 || !a || !b) continue;
        size_label(sz, sizeof sz, n);
        BENCH_TARGET(f, a->batch_ns <= 25, "%s sni-hit  %s batch mean %.1f ns (goal <= 25, hashing the name included)",
                     sz, a->impl, a->batch_ns);
        BENCH_TARGET(f, b->batch_ns <= 15, "%s ip-hit   %s batch mean %.1f ns (goal <= 15)", sz, b->impl, b->batch_ns);
    }
    const struct row *hmem = find_row("pointer-chase", "memory-latency", huge, 1);
    for (int w = 0; hmem && w <= W_IP_HIT; w++) {
        const struct row *sb = handshake_row(workload_names[w], huge);
        if (sb)
            BENCH_TARGET(f, sb->st.p50 / hmem->st.p50 <= 1.6,
                         "10M %-8s %s p50 %.1f ns = %.2fx memory-latency (goal <= 1.6x)", workload_names[w], sb->impl,
                         sb->st.p50, sb->st.p50 / hmem->st.p50);
    }
    for (int s = 0; s < opt.nsizes; s++) {
        size_t n = opt.sizes[s];
        const struct row *t1 = find_row("mixed-throughput", "sslbind", n, 1),
                         *t2 = find_row("mixed-throughput", "sslbind", n, 2),
                         *w = find_row("mixed+writer", "sslbind", n, 1), *wm = find_row("writer-max", "sslbind", n, 1);
        if (!t1 || !t2 || !w || !wm) continue;
        char rate[48], sz[16];
        size_label(sz, sizeof sz, n);
        int rounds = t2->rounds > 1;
        BENCH_TARGET(f, two_readers(t1, t2) >= 1.9, "%s sslbind 2 readers %.2fx one (goal >= 1.9x%s)", sz,
                     two_readers(t1, t2), rounds ? ", median of the rounds" : "");
        BENCH_TARGET(f, writer_effect(t1, w) <= 1.1,
                     "%s sslbind reader p99 with a writer %.2fx without (goal <= 1.10x%s)", sz, writer_effect(t1, w),
                     rounds ? ", the rounds' samples merged" : "");
        BENCH_TARGET(f, wm->extra >= 100000, "%s sslbind writer sustains %s beside a reader (goal >= 100 k/s)", sz,
                     fmt_rate(rate, sizeof rate, wm->extra, "updates"));
    }
    const struct row *u = find_row("update", "sslbind", big, 1), *ip = find_row("ip-hit", "sslbind", big, 1);
    if (u) BENCH_TARGET(f, u->st.p50 <= 2000, "1M sslbind update p50 %.0f ns (goal <= 2000)", u->st.p50);
    const struct row *mr = find_row("ipport-memory", "sslbind", big, 1);
    if (mr)
        BENCH_TARGET(f, mr->bytes_per_binding <= 128,
                     "1M sslbind bytes per IP:port binding %.0f (goal <= 128; %.0f in the mixed table)",
                     mr->bytes_per_binding, ip ? ip->bytes_per_binding : 0);
}

static void write_json(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "sslbind-bench: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    fputs("[\n", f);
    for (size_t i = 0; i < nrows; i++) {
        const struct row *r = &rows[i];
        fprintf(f, "  {\"workload\": \"%s\", \"impl\": \"%s\", \"bindings\": %zu, \"threads\": %d", r->workload,
                r->impl, r->bindings, r->threads);
        bench_json_num(f, "p50_ns", r->st.p50, 2);
        bench_json_num(f, "p90_ns", r->st.p90, 2);
        bench_json_num(f, "p99_ns", r->st.p99, 2);
        bench_json_num(f, "p999_ns", r->st.p999, 2);
        bench_json_num(f, "max_ns", r->st.max, 2);
        bench_json_num(f, "batch_ns", r->batch_ns, 2);
        bench_json_num(f, "mops", r->st.mops, 4);
        bench_json_num(f, "bytes_per_binding", r->bytes_per_binding, 1);
        bench_json_num(f, "resident_bytes_per_binding", r->resident_per_binding, 1);
        bench_json_num(f, "fixed_bytes", r->fixed_bytes, 0);
        bench_json_num(f, "checked", r->checked, 0);
        bench_json_num(f, "extra", r->extra, 2);
        bench_json_num(f, "bracket_ns", r->bracket, 2);
        if (r->rounds) fprintf(f, ", \"rounds\": %d", r->rounds);
        if (!isnan(r->ratio)) bench_json_num(f, "round_ratio", r->ratio, 4);
        fprintf(f, "}%s\n", i + 1 < nrows ? "," : "");
    }
    fputs("]\n", f);
    if (fclose(f) != 0) {
        fprintf(stderr, "sslbind-bench: %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

/* Each series' look, the same in every plot whichever implementations ran. */
static void series_style(FILE *f, const char *impl, int k)
{
    static const struct {
        const char *impl, *color;
        int pt;
    } styles[] = {{"sslbind", "#8b00d0", 4}, {"sslbind-batch", "#d62728", 5}, {"sslbind-lean", "#e377c2", 3},
                  {"uthash", "#009e73", 6},  {"urcu-lfht", "#2b8cd8", 8},     {"ck-ht", "#e69f00", 10},
                  {"linear", "#a08c00", 12}, {"memory-latency", "#000000", 2}};
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
        if (strcmp(styles[i].impl, impl) == 0) {
            fprintf(f, "w lp lw 1.5 pt %d lc rgb '%s'%s", styles[i].pt, styles[i].color,
                    strcmp(impl, "memory-latency") == 0 ? " dt 2" : "");
            return;
        }
    fprintf(f, "w lp lw 1.5 pt %d lc %d", 1 + k % 3, k + 1); /* one the list does not know yet */
}

/* p50 against table size, one panel per workload, every implementation a series and the
 * memory floor dashed; the sixth panel holds the legend, so it covers no data, and each
 * panel's y-range is set around all of its points. Values at or under the floor of the log
 * scale (a bracketed p50 can come out at or under zero after the bracket is subtracted) are
 * drawn at the floor, which the title names. */
static int write_plot(const char *path)
{
    char script[] = "/tmp/sslbind-bench-plot-XXXXXX";
    const char *names[MAX_IMPLS * 2];
    int nimpl = impls_in_rows(names, MAX_IMPLS * 2), fd = mkstemp(script), rc;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    const double floor_ns = 0.5;
    size_t plen = strlen(path), xmin = SIZE_MAX, xmax = 0;

    if (!f) {
        fprintf(stderr, "sslbind-bench: cannot write a plot script: %s\n", strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < nrows; i++) {
        if (rows[i].bindings < xmin) xmin = rows[i].bindings;
        if (rows[i].bindings > xmax) xmax = rows[i].bindings;
    }
    if (plen > 4 && strcmp(path + plen - 4, ".png") == 0) fputs("set terminal pngcairo size 1500,900 font ',10'\n", f);
    else fputs("set terminal svg size 1500,900 dynamic background '#ffffff' font 'sans,10'\n", f);
    fputs("set output ARG1\n", f);
    fputs("set logscale xy\nset grid\nset key off\n", f);
    fprintf(f, "set xrange [%g:%g]\nset xtics (", (double)xmin / 2, (double)xmax * 2);
    for (int s = 0; s < opt.nsizes; s++) { /* a tic at each size measured: 16, 1k, 100k, 1M */
        double v = (double)opt.sizes[s];
        const char *unit = v >= 1e6 ? "M" : v >= 1e3 ? "k" : "";
        fprintf(f, "%s'%g%s' %zu", s ? ", " : "", v >= 1e6 ? v / 1e6 : v >= 1e3 ? v / 1e3 : v, unit, opt.sizes[s]);
    }
    fputs(")\n", f);
    /* 1-2-5 tics: a log axis spanning less than two decades would otherwise show one label */
    fputs("set ytics ('0.5' 0.5, '1' 1, '2' 2, '5' 5, '10' 10, '20' 20, '50' 50, '100' 100, '200' 200, '500' 500, "
          "'1k' 1000, '2k' 2000, '5k' 5000, '10k' 10000, '20k' 20000, '50k' 50000, '100k' 100000)\n",
          f);
    fprintf(f,
            "set multiplot layout 2,3 title 'sslbind-bench %s: p50 latency (ns) against table size (bindings); "
            "memory-latency dashed; values under %.1f ns drawn at %.1f'\n",
            SSLB_VERSION_STRING, floor_ns, floor_ns);
    for (int w = 0; w < W_COUNT; w++) {
        double lo = INFINITY, hi = 0;
        for (int k = 0; k <= nimpl; k++) {
            const char *impl = k < nimpl ? names[k] : "memory-latency";
            const char *wl = k < nimpl ? workload_names[w] : "pointer-chase";
            fprintf(f, "$d%d_%d << EOD\n", w, k);
            for (size_t i = 0; i < nrows; i++)
                if (strcmp(rows[i].impl, impl) == 0 && strcmp(rows[i].workload, wl) == 0 && rows[i].threads == 1) {
                    double v = rows[i].st.p50 > floor_ns ? rows[i].st.p50 : floor_ns;
                    fprintf(f, "%zu %.3f\n", rows[i].bindings, v);
                    if (v < lo) lo = v;
                    if (v > hi) hi = v;
                }
            fputs("EOD\n", f);
        }
        if (hi <= 0) lo = 1, hi = 10;
        fprintf(f, "set title '%s'\nset xlabel 'bindings'\nset ylabel 'ns'\nset yrange [%g:%g]\n", workload_names[w],
                lo / 1.6, hi * 1.6);
        fputs("plot ", f);
        for (int k = 0; k <= nimpl; k++) {
            fprintf(f, "%s$d%d_%d ", k ? ", " : "", w, k);
            series_style(f, k < nimpl ? names[k] : "memory-latency", k);
            fprintf(f, " t '%s'", k < nimpl ? names[k] : "memory-latency");
        }
        fputc('\n', f);
    }
    /* the legend's own panel: the same series styles, no data, no axes */
    fputs("unset title\nunset xlabel\nunset ylabel\nunset grid\nunset border\nunset tics\nunset logscale\n"
          "set xrange [0:1]\nset yrange [0:1]\nset key center center box Left reverse spacing 1.6 font ',12'\nplot ",
          f);
    for (int k = 0; k <= nimpl; k++) {
        fprintf(f, "%sNaN ", k ? ", " : "");
        series_style(f, k < nimpl ? names[k] : "memory-latency", k);
        fprintf(f, " t '%s'", k < nimpl ? names[k] : "memory-latency (one cache miss)");
    }
    fputs("\nunset multiplot\n", f);
    fclose(f);
    { /* gnuplot -c SCRIPT OUTPUT, without a shell: the path needs no quoting */
        char *args[] = {"gnuplot", "-c", script, (char *)path, NULL};
        pid_t pid;
        int status = 0;
        rc = posix_spawnp(&pid, "gnuplot", NULL, NULL, args, environ);
        if (rc != 0) {
            fprintf(stderr, "sslbind-bench: cannot run gnuplot (%s); tools/deps installs it\n", strerror(rc));
        } else if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "sslbind-bench: gnuplot could not draw %s\n", path);
            rc = -1;
        }
    }
    unlink(script);
    return rc ? -1 : 0;
}

/* A number for option `name`, within [min, max]; exits with a message otherwise. */
static double num_arg(const char *name, const char *text, double min, double max)
{
    return bench_num_arg("sslbind-bench", 1, name, text, min, max);
}

static void usage(FILE *f)
{
    fputs("usage: sslbind-bench [--sizes N,N,...] [--impls NAME,...] [--json FILE] [--plot FILE.svg|FILE.png]\n"
          "                     [--duration SEC] [--rounds N] [--samples N] [--batch N] [--writer-rate N] [--seed N]\n"
          "                     [--no-load] [--quick] [--inject-fault[=answer|sni-first]] [--help] [--version]\n",
          f);
}

static void help(void)
{
    usage(stdout);
    fputs("\n"
          "Measures the binding lookup (sslbind's resolve) against the tables one would pick instead, on\n"
          "the same keys and probe order, in one run: latency percentiles of single resolves, batch\n"
          "means, throughput with 1 and 2 readers, readers beside a writer, the write path, loading\n"
          "bindings.reg, and memory per binding. Every answer is checked before anything is timed.\n"
          "Prints the machine, the timer's measured resolution, one table per size and a targets block.\n"
          "\n"
          "  --sizes N,N,...  table sizes, each 4 to 16000000 (default 16,1000,100000,1000000; a size\n"
          "                   of 10000000 takes about 6 GB and a minute)\n"
          "  --impls NAME,... run only these implementations (default: all): sslbind, sslbind-lean,\n"
          "                   sslbind-batch, uthash, urcu-lfht, ck-ht, linear (sizes up to 1000\n"
          "                   only); memory-latency,\n"
          "                   the floor every ratio uses, is measured at every size regardless\n"
          "  --json FILE      write every row as JSON: an array of objects, fields described in\n"
          "                   docs/performance.md\n"
          "  --plot FILE      draw p50 latency against table size with gnuplot, one panel per\n"
          "                   workload; FILE ending in .png gives PNG, anything else SVG\n"
          "  --duration SEC   seconds per throughput run (default 0.2)\n"
          "  --rounds N       throughput runs in N rounds, each 1 reader, 2 readers, 1 reader beside\n"
          "                   the writer in turn; the rows merge them; 2 readers over one is the\n"
          "                   median of the rounds' ratios (1 to 32, default 5)\n"
          "  --samples N      single resolves timed one by one per latency row (default 100000)\n"
          "  --batch N        resolves in each batch mean, timed by one pair of clock reads\n"
          "                   (default 200000)\n"
          "  --writer-rate N  updates per second of the writer running beside a reader (default 10000)\n"
          "  --seed N         the data set's seed (default 42)\n"
          "  --no-load        skip timing the load of a bindings.reg holding the whole table\n"
          "  --quick          short runs, for tests: 2 rounds of 0.05 s throughput runs, 2000 samples, batches of\n"
          "                   20000, 4096 queries per workload (at large sizes the bindings those\n"
          "                   queries touch stay in cache, so misses cost less than in a default run)\n"
          "  --inject-fault[=answer|sni-first]\n"
          "                   plant an error the answer check must stop the run for (tests use it\n"
          "                   to prove the check works): answer (the default) corrupts one expected\n"
          "                   answer; sni-first answers as if each implementation probed the SNI\n"
          "                   before the exact IP:port; for sslbind-batch, both go into its\n"
          "                   batched check\n"
          "  --help           this help, on standard output\n"
          "  --version        the version\n"
          "\n"
          "Implementations (each answers every workload with the same keys and probe order):\n"
          "  sslbind          the core's full resolve (sslb_table_resolve: the binding's copy)\n"
          "  sslbind-lean     the handshake's resolve (sslb_table_resolve_lean: certificate hash,\n"
          "                   store, flags; the latency targets use it when it ran)\n"
          "  sslbind-batch    sslb_table_resolve_batch, 16 ClientHellos at once\n"
          "  uthash           one uthash table per key kind: what one writes first\n"
          "  urcu-lfht        liburcu's RCU lock-free hash table (cds_lfht), readers under\n"
          "                   rcu_read_lock, a writer replacing entries beside them\n"
          "  ck-ht            Concurrency Kit's ck_ht, one writer and many readers (SPMC)\n"
          "  linear           an array scan\n"
          "  memory-latency   a dependent pointer chase over as much memory as sslbind's table:\n"
          "                   what one cache miss per lookup costs at that size\n"
          "\n"
          "Columns: p50 to p99.9 of single resolves, each timed alone (ns, the empty bracket's cost\n"
          "subtracted); batch, the mean ns of a batch; Mops, millions of lookups per second from it;\n"
          "B/binding, heap bytes per binding (marked * where the empty table's fixed cost is most\n"
          "of it); /sslbind and /memlat, p50 divided by sslbind's and by memory-latency's.\n"
          "\n"
          "Exit status: 0 when the run completes (targets met or not), 1 on a wrong answer, a failed\n"
          "build or write, or a bad option. Figures, method and targets: docs/performance.md.\n",
          stdout);
}

/* --impls: names separated by commas, each one the registry knows (or memory-latency). */
static void parse_impls(const char *list)
{
    const char *p = list;
    opt.chosen = 1;
    memset(opt.run, 0, sizeof opt.run);
    while (*p) {
        size_t len = strcspn(p, ","), i;
        int found = len == strlen("memory-latency") && strncmp(p, "memory-latency", len) == 0;
        for (i = 0; bench_impls[i] && i < MAX_IMPLS && !found; i++)
            if (strlen(bench_impls[i]->name) == len && strncmp(bench_impls[i]->name, p, len) == 0) {
                opt.run[i] = 1;
                found = 1;
            }
        if (!found) {
            fprintf(stderr, "sslbind-bench: --impls: unknown implementation '%.*s'; known:", (int)len, p);
            for (i = 0; bench_impls[i]; i++) fprintf(stderr, " %s", bench_impls[i]->name);
            fputs(" memory-latency\n", stderr);
            exit(1);
        }
        p += len;
        if (*p == ',') p++;
    }
}

/* An output file must be writable before the run starts, not found unwritable after it: opened
 * for appending (which changes nothing in it), and removed again if it did not exist. */
static void check_writable(const char *option, const char *path)
{
    int existed = access(path, F_OK) == 0;
    FILE *f = fopen(path, "a");

    if (!f) {
        fprintf(stderr, "sslbind-bench: %s %s: %s\n", option, path, strerror(errno));
        exit(1);
    }
    fclose(f);
    if (!existed) unlink(path);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes_value = strcmp(a, "--sizes") == 0 || strcmp(a, "--json") == 0 || strcmp(a, "--plot") == 0 ||
                          strcmp(a, "--duration") == 0 || strcmp(a, "--rounds") == 0 || strcmp(a, "--samples") == 0 ||
                          strcmp(a, "--batch") == 0 || strcmp(a, "--writer-rate") == 0 || strcmp(a, "--seed") == 0 ||
                          strcmp(a, "--impls") == 0;
        if (takes_value && !v) {
            fprintf(stderr, "sslbind-bench: %s needs a value\n", a);
            usage(stderr);
            return 1;
        }
        if (strcmp(a, "--sizes") == 0) {
            char *end = NULL;
            opt.nsizes = 0;
            /* each number in digits (no sign, blank or empty item: "16," and ",16" alike refused) */
            for (const char *p = v;; p = end + 1) {
                if (opt.nsizes == 16) {
                    fprintf(stderr, "sslbind-bench: --sizes takes at most 16 sizes\n");
                    return 1;
                }
                end = (char *)p;
                opt.sizes[opt.nsizes++] = isdigit((unsigned char)*p) ? strtoull(p, &end, 10) : 0;
                if (opt.sizes[opt.nsizes - 1] < 4 || opt.sizes[opt.nsizes - 1] > 16000000 || (*end && *end != ',')) {
                    size_t len = strcspn(p, ",");
                    fprintf(stderr,
                            "sslbind-bench: --sizes: '%.*s' is not a size: the sizes are numbers from 4 to 16000000, "
                            "separated by commas\n",
                            (int)(len > 40 ? 40 : len), p);
                    return 1;
                }
                if (!*end) break;
            }
            if (opt.nsizes == 0) {
                fprintf(stderr, "sslbind-bench: --sizes takes numbers from 4 to 16000000, separated by commas\n");
                return 1;
            }
            i++;
        } else if (strcmp(a, "--json") == 0) opt.json = argv[++i];
        else if (strcmp(a, "--plot") == 0) opt.plot = argv[++i];
        else if (strcmp(a, "--duration") == 0) opt.duration = num_arg(a, argv[++i], 0.001, 3600);
        else if (strcmp(a, "--rounds") == 0) opt.rounds = (int)num_arg(a, argv[++i], 1, MAX_ROUNDS);
        else if (strcmp(a, "--samples") == 0) opt.samples = (size_t)num_arg(a, argv[++i], 100, 1e8);
        else if (strcmp(a, "--batch") == 0) opt.batch = (size_t)num_arg(a, argv[++i], 1000, 1e10);
        else if (strcmp(a, "--writer-rate") == 0) opt.writer_rate = num_arg(a, argv[++i], 0, 1e8);
        else if (strcmp(a, "--seed") == 0) opt.seed = (uint64_t)num_arg(a, argv[++i], 0, 1e15);
        else if (strcmp(a, "--impls") == 0) parse_impls(argv[++i]);
        else if (strcmp(a, "--no-load") == 0) opt.load = 0;
        else if (strcmp(a, "--inject-fault") == 0 || strcmp(a, "--inject-fault=answer") == 0)
            opt.inject_fault = FAULT_ANSWER;
        else if (strcmp(a, "--inject-fault=sni-first") == 0) opt.inject_fault = FAULT_SNI_FIRST;
        else if (strncmp(a, "--inject-fault=", 15) == 0) {
            fprintf(stderr, "sslbind-bench: --inject-fault: unknown fault '%.40s': answer or sni-first\n", a + 15);
            return 1;
        } else if (strcmp(a, "--quick") == 0) {
            opt.duration = 0.05;
            opt.rounds = 2;
            opt.samples = 2000;
            opt.batch = 20000;
            opt.nq = 4096;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            help();
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("sslbind-bench %s\n", SSLB_VERSION_STRING);
            return 0;
        } else {
            fprintf(stderr, "sslbind-bench: unknown option '%s'\n", a);
            usage(stderr);
            return 1;
        }
    }
    if (opt.json) check_writable("--json", opt.json);
    if (opt.plot) check_writable("--plot", opt.plot);
    machine_probe(&machine);
    bench_rcu_online(); /* before any heap is measured: it creates the registration table */
    timing_init();
    for (int s = 0; s < opt.nsizes; s++) run_size(opt.sizes[s]);
    machine_load(machine.load_end);
    bench_progress("%s", "");
    if (isatty(2)) fputs("\r\033[K", stderr);
    print_header(stdout);
    print_tables(stdout);
    print_targets(stdout);
    if (opt.json) write_json(opt.json);
    int rc = opt.plot && write_plot(opt.plot) != 0;
    free(rows);
    return rc;
}
