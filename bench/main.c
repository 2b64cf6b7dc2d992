/* main.c — sslbind-bench: the lookup's latency and throughput against baselines measured in
 * the same run, the write path, loading bindings.reg, and memory per binding.
 * See docs/performance.md for what each figure means and how it is timed. */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "sslb/store.h"
#include "timing.h"

/* ---- options ---- */

static struct {
    size_t sizes[16];
    int nsizes;
    const char *json, *plot;
    double duration;   /* seconds per throughput run */
    size_t samples;    /* bracketed samples per row */
    size_t batch;      /* operations per batch average */
    size_t nq;         /* queries per workload */
    double writer_rate;
    uint64_t seed;
    int load;          /* measure loading bindings.reg */
    const char *impls; /* comma-separated names to run; NULL: all */
    int inject_fault;  /* corrupt one expected answer: the verifier must catch it */
} opt = {{16, 1000, 100000, 1000000}, 4, NULL, NULL, 0.5, 100000, 200000, 262144, 10000, 42, 1, NULL, 0};

/* ---- results ---- */

struct row {
    char workload[24], impl[24];
    size_t bindings;
    int threads;
    struct stats st;
    double bytes_per_binding, resident_per_binding;
    double extra;   /* writer rows: updates/s; load rows: ms */
    double batch_ns; /* read rows: the mean of many resolves between one pair of clock reads */
    double bracket; /* the empty bracket's cost subtracted from this row's samples */
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
    snprintf(r->workload, sizeof r->workload, "%s", workload);
    snprintf(r->impl, sizeof r->impl, "%s", impl);
    r->bindings = n;
    r->threads = threads;
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

static void progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void progress(const char *fmt, ...)
{
    va_list ap;
    if (!isatty(2)) return;
    fputs("\r\033[K", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

/* ---- correctness: every answer checked ---- */

static void verify(const struct impl *im, void *state, const struct dataset *ds)
{
    for (int w = 0; w < W_COUNT; w++)
        for (size_t k = 0; k < ds->nq; k++) {
            const struct query *q = &ds->q[w][k];
            int32_t want = q->expect, got = im->resolve(state, q);
            if (opt.inject_fault && w == W_MIXED && k == ds->nq / 2) want ^= 1;
            if (got != want) {
                fprintf(stderr, "\nsslbind-bench: wrong answer: %s, %zu bindings, workload %s, query %zu: "
                                "got binding %d, expected %d\n",
                        im->name, ds->n, workload_names[w], k, got, want);
                exit(1);
            }
        }
    for (int w = 0; im->resolve_batch && w < W_COUNT; w++) /* and in batches, every answer again */
        for (size_t k = 0; k < ds->nq; k += BATCH_MAX) {
            size_t n = ds->nq - k < BATCH_MAX ? ds->nq - k : BATCH_MAX;
            int32_t ids[BATCH_MAX];
            im->resolve_batch(state, &ds->q[w][k], n, ids);
            for (size_t i = 0; i < n; i++)
                if (ids[i] != ds->q[w][k + i].expect) {
                    fprintf(stderr, "\nsslbind-bench: wrong answer: %s (batch), %zu bindings, workload %s, query %zu: "
                                    "got binding %d, expected %d\n",
                            im->name, ds->n, workload_names[w], k + i, ids[i], ds->q[w][k + i].expect);
                    exit(1);
                }
        }
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
    int *stop;          /* set by the main thread (atomic) */
    long ops, wrong;
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
                r->samples[nsamples++] = (double)(b - a) * tsc_ns_per_tick() - bracket_cost_ns();
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
    sslb_table *t;
    const struct dataset *ds;
    int *stop;          /* set by the main thread (atomic) */
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
        b = w->ds->b[(rng >> 33) % (w->ds->n - 1)]; /* any binding but the fallback */
        b.params.flags ^= (uint32_t)(w->updates & 1) * SSLB_FLAG_DISABLE_HTTP2; /* same id, new block */
        double a = now_ns();
        w->failed += sslb_table_update(w->t, &b, NULL) != SSLB_OK;
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

/* Runs `threads` readers on the mixed workload (and a writer when rate >= 0) for the set
 * duration. Fills r (readers: mops and latency from sampled resolves) and, if wr, the writer. */
static void run_throughput(const struct impl *im, void *state, const struct dataset *ds, int threads,
                           double rate, struct row *r, struct writer *wr)
{
    struct reader rd[8];
    int stop = 0;
    double *all, ops = 0, secs = 0;
    size_t nall = 0;
    long wrong = 0;

    memset(rd, 0, sizeof rd);
    for (int i = 0; i < threads; i++) {
        rd[i] = (struct reader){.im = im, .state = state, .qs = ds->q[W_MIXED], .nq = ds->nq,
                                .offset = (size_t)i * ds->nq / 2, .stop = &stop, .cap = 200000};
        rd[i].samples = malloc(rd[i].cap * sizeof(double));
        pthread_create(&rd[i].th, NULL, reader_main, &rd[i]);
    }
    if (wr) {
        memset(wr, 0, sizeof *wr);
        wr->t = impl_sslbind_table(state);
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
    all = malloc((size_t)threads * 200000 * sizeof(double));
    for (int i = 0; i < threads; i++) {
        pthread_join(rd[i].th, NULL);
        ops += (double)rd[i].ops;
        secs += rd[i].elapsed / 1e9;
        wrong += rd[i].wrong;
        memcpy(all + nall, rd[i].samples, rd[i].nsamples * sizeof(double));
        nall += rd[i].nsamples;
        free(rd[i].samples);
    }
    if (wrong || (wr && wr->failed)) {
        fprintf(stderr, "\nsslbind-bench: %ld wrong answers and %ld failed updates under concurrency\n", wrong,
                wr ? wr->failed : 0);
        exit(1);
    }
    stats_from_samples(all, nall, &r->st);
    r->st.mops = ops / (secs / threads) / 1e6;
    free(all);
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
    if (sslb_store_load(s, fresh) != SSLB_OK || sslb_table_count(fresh) != ds->n) {
        fprintf(stderr, "\nsslbind-bench: load failed: %s\n", sslb_store_detail(s));
        exit(1);
    }
    ms = (now_ns() - t0) / 1e6;
    struct row *r = add_row("load", "sslbind", ds->n, 1);
    r->extra = ms;
    r->st.p50 = r->st.p99 = r->st.p999 = ms * 1e6 / (double)ds->n; /* per binding */
    r->st.mops = (double)ds->n / (ms * 1e3);
    sslb_store_close(s);
    sslb_table_destroy(fresh);
    unlink(path);
    rmdir(dir);
}

/* ---- one size ---- */

static void run_size(size_t n)
{
    const struct impl *impls[] = {&impl_sslbind, &impl_sslbind_batch, &impl_uthash, &impl_linear};
    struct dataset ds;
    double sb_bytes = 0;
    size_t nq = opt.nq;

    while (nq > 1 && nq / 2 >= 4 * n && nq > 65536) nq /= 2;
    if (dataset_make(&ds, n, nq, opt.seed) != 0) {
        fprintf(stderr, "sslbind-bench: cannot build a data set of %zu bindings\n", n);
        exit(1);
    }
    for (size_t i = 0; i < sizeof impls / sizeof impls[0]; i++) {
        const struct impl *im = impls[i];
        size_t a0, r0, a1, r1;
        void *state;
        if (im->max_n && n > im->max_n) continue;
        if (opt.impls && !strstr(opt.impls, im->name)) continue;
        progress("[%zu bindings] %s: building", n, im->name);
        heap_bytes(&a0, &r0);
        if (!(state = im->build(&ds))) {
            fprintf(stderr, "sslbind-bench: %s: build failed\n", im->name);
            exit(1);
        }
        heap_bytes(&a1, &r1);
        progress("[%zu bindings] %s: checking every answer", n, im->name);
        verify(im, state, &ds);
        for (int w = 0; w < W_COUNT; w++) {
            progress("[%zu bindings] %s: %s", n, im->name, workload_names[w]);
            struct row *r = add_row(workload_names[w], im->name, n, 1);
            if (im->resolve_batch)
                measure_batches(im, state, &ds, w, r);
            else
                measure_reads(im, state, &ds, w, r);
            r->bytes_per_binding = (double)(a1 - a0) / (double)n;
            r->resident_per_binding = (double)(r1 > r0 ? r1 - r0 : 0) / (double)n;
        }
        if (im == &impl_sslbind) {
            sb_bytes = (double)(a1 - a0);
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
            mr->extra = (double)nip;
            sslb_table_destroy(ipt);
        }
        if (im != &impl_linear && !im->resolve_batch) {
            for (int th = 1; th <= 2; th++) {
                progress("[%zu bindings] %s: throughput, %d thread(s)", n, im->name, th);
                struct row *r = add_row("mixed", im->name, n, th);
                run_throughput(im, state, &ds, th, -1, r, NULL);
                r->bytes_per_binding = (double)(a1 - a0) / (double)n;
                r->resident_per_binding = (double)(r1 > r0 ? r1 - r0 : 0) / (double)n;
                /* the latency rows above are single-threaded batch figures; keep throughput rows apart */
                snprintf(r->workload, sizeof r->workload, "mixed-throughput");
            }
        }
        if (im == &impl_sslbind) {
            struct writer wr;
            struct row *r;
            progress("[%zu bindings] sslbind: reader with a writer at %.0f/s", n, opt.writer_rate);
            r = add_row("mixed+writer", "sslbind", n, 1);
            run_throughput(im, state, &ds, 1, opt.writer_rate, r, &wr);
            r->extra = (double)wr.updates / (wr.elapsed / 1e9);
            free(wr.lat);
            progress("[%zu bindings] sslbind: writer as fast as it can, with a reader", n);
            r = add_row("writer-max", "sslbind", n, 1);
            run_throughput(im, state, &ds, 1, 0, r, &wr);
            r->extra = (double)wr.updates / (wr.elapsed / 1e9);
            stats_from_samples(wr.lat, wr.nlat, &add_row("update-under-readers", "sslbind", n, 1)->st);
            free(wr.lat);
            progress("[%zu bindings] sslbind: write path", n);
            measure_writes(state, &ds);
            if (opt.load) {
                progress("[%zu bindings] sslbind: loading bindings.reg", n);
                measure_load(state, &ds);
            }
        }
        im->destroy(state);
    }
    progress("[%zu bindings] memory latency over %.1f MiB", n, sb_bytes / 1048576);
    struct row *r = add_row("pointer-chase", "memory-latency", n, 1);
    memory_latency((size_t)sb_bytes, opt.samples, &r->st);
    dataset_free(&ds);
}

/* ---- output ---- */

static void print_tables(FILE *f)
{
    fprintf(f, "clock: %.3f ns per TSC tick; an empty rdtscp bracket costs %.1f ns (subtracted)\n",
            tsc_ns_per_tick(), bracket_cost_ns());
    for (int s = 0; s < opt.nsizes; s++) {
        size_t n = opt.sizes[s];
        const struct row *mem = find_row("pointer-chase", "memory-latency", n, 1);
        const struct row *first = find_row("sni-hit", "sslbind", n, 1);
        fprintf(f, "\n== %zu bindings ==  memory-latency p50 %.1f ns; empty bracket %.1f ns (subtracted)\n", n,
                mem ? mem->st.p50 : 0, first ? first->bracket : bracket_cost_ns());
        fprintf(f, "%-12s %-9s %8s %8s %8s %8s %8s %7s  %9s %8s %8s\n", "workload", "impl", "p50 ns", "p90",
                "p99", "p99.9", "batch", "Mops", "B/binding", "/uthash", "/memlat");
        for (int w = 0; w < W_COUNT; w++) {
            const struct row *ut = find_row(workload_names[w], "uthash", n, 1);
            for (size_t i = 0; i < nrows; i++) {
                const struct row *r = &rows[i];
                if (r->bindings != n || strcmp(r->workload, workload_names[w]) != 0) continue;
                fprintf(f, "%-12s %-9s %8.1f %8.1f %8.1f %8.1f %8.1f %7.1f  %9.0f", r->workload, r->impl, r->st.p50,
                        r->st.p90, r->st.p99, r->st.p999, 1e3 / r->st.mops, r->st.mops, r->bytes_per_binding);
                if (ut && r != ut) fprintf(f, " %8.2f", r->st.p50 / ut->st.p50);
                else fprintf(f, " %8s", "");
                if (mem) fprintf(f, " %8.2f", r->st.p50 / mem->st.p50);
                fputc('\n', f);
            }
        }
        fprintf(f, "throughput (mixed): ");
        for (size_t i = 0; i < nrows; i++)
            if (rows[i].bindings == n && strcmp(rows[i].workload, "mixed-throughput") == 0)
                fprintf(f, "%s x%d %.1f Mops/s   ", rows[i].impl, rows[i].threads, rows[i].st.mops);
        fputc('\n', f);
        const struct row *alone = find_row("mixed-throughput", "sslbind", n, 1),
                         *with = find_row("mixed+writer", "sslbind", n, 1), *wmax = find_row("writer-max", "sslbind", n, 1);
        if (alone && with)
            fprintf(f, "reader p99 alone %.1f ns, with a writer at %.0f updates/s %.1f ns (x%.2f)\n", alone->st.p99,
                    with->extra, with->st.p99, with->st.p99 / alone->st.p99);
        if (wmax) fprintf(f, "writer, unthrottled, beside a reader: %.0f updates/s\n", wmax->extra);
        const char *wp[] = {"update", "add", "delete", "update-under-readers"};
        for (int k = 0; k < 4; k++) {
            const struct row *r = find_row(wp[k], "sslbind", n, 1);
            if (r) fprintf(f, "%-21s p50 %8.1f ns  p99 %8.1f ns\n", wp[k], r->st.p50, r->st.p99);
        }
        const struct row *mr = find_row("ipport-memory", "sslbind", n, 1);
        if (mr) fprintf(f, "memory: %.0f bytes per IP:port binding in a table of %.0f of them (%.0f resident)\n",
                        mr->bytes_per_binding, mr->extra, mr->resident_per_binding);
        const struct row *ld = find_row("load", "sslbind", n, 1);
        if (ld) fprintf(f, "load bindings.reg: %.1f ms (%.2f M bindings/s)\n", ld->extra, ld->st.mops);
    }
}

static void print_targets(FILE *f)
{
    const size_t big = 1000000;
    const struct row *mem = find_row("pointer-chase", "memory-latency", big, 1);
    fputs("\n== targets ==\n", f);
#define TARGET(cond, ...)                                                                                       \
    do {                                                                                                         \
        fprintf(f, "%-5s ", (cond) ? "met" : "MISS");                                                            \
        fprintf(f, __VA_ARGS__);                                                                                 \
        fputc('\n', f);                                                                                          \
    } while (0)
    if (mem) {
        for (int w = 0; w < W_MIXED; w++) {
            const struct row *sb = find_row(workload_names[w], "sslbind", big, 1),
                             *ut = find_row(workload_names[w], "uthash", big, 1);
            if (!sb) continue; /* not run (--impls, --workloads) */
            double lim = w == W_MISS ? 0.6 : w == W_FALLBACK ? 1.5 : 1.3, x = sb->st.p50 / mem->st.p50;
            TARGET(x <= lim, "1M %-8s p50 %.1f ns = %.2fx memory-latency (goal <= %.1fx)", workload_names[w], sb->st.p50, x,
                   lim);
            if (w <= W_IP_HIT && ut)
                TARGET(ut->st.p50 / sb->st.p50 >= 3, "1M %-8s sslbind %.2fx faster than uthash (goal >= 3x)",
                       workload_names[w], ut->st.p50 / sb->st.p50);
        }
        const struct row *u = find_row("update", "sslbind", big, 1), *ip = find_row("ip-hit", "sslbind", big, 1);
        if (u) TARGET(u->st.p50 <= 2000, "1M update p50 %.0f ns (goal <= 2000)", u->st.p50);
        const struct row *mr = find_row("ipport-memory", "sslbind", big, 1);
        if (mr)
            TARGET(mr->bytes_per_binding <= 128, "1M bytes per IP:port binding %.0f (goal <= 128; %.0f in the mixed table)",
                   mr->bytes_per_binding, ip ? ip->bytes_per_binding : 0);
    }
    for (int s = 0; s < opt.nsizes; s++) {
        size_t n = opt.sizes[s];
        const struct row *a = find_row("sni-hit", "sslbind", n, 1), *b = find_row("ip-hit", "sslbind", n, 1);
        if (n > 1000 || !a || !b) continue;
        TARGET(a->st.p50 <= 25, "%zu sni-hit p50 %.1f ns (goal <= 25)", n, a->st.p50);
        TARGET(b->st.p50 <= 20, "%zu ip-hit p50 %.1f ns (goal <= 20)", n, b->st.p50);
    }
    for (int s = 0; s < opt.nsizes; s++) {
        size_t n = opt.sizes[s];
        const struct row *t1 = find_row("mixed-throughput", "sslbind", n, 1), *t2 = find_row("mixed-throughput", "sslbind", n, 2),
                         *w = find_row("mixed+writer", "sslbind", n, 1), *wm = find_row("writer-max", "sslbind", n, 1);
        if (!t1 || !t2 || !w || !wm) continue;
        TARGET(t2->st.mops / t1->st.mops >= 1.9, "%zu 2 readers %.2fx one (goal >= 1.9x)", n, t2->st.mops / t1->st.mops);
        TARGET(w->st.p99 <= 1.1 * t1->st.p99, "%zu reader p99 with writer %.2fx without (goal <= 1.10x)", n,
               w->st.p99 / t1->st.p99);
        TARGET(wm->extra >= 100000, "%zu writer sustains %.0f updates/s beside a reader (goal >= 100000)", n, wm->extra);
    }
#undef TARGET
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
        fprintf(f,
                "  {\"workload\": \"%s\", \"impl\": \"%s\", \"bindings\": %zu, \"threads\": %d, \"p50_ns\": %.2f, "
                "\"p90_ns\": %.2f, \"p99_ns\": %.2f, \"p999_ns\": %.2f, \"max_ns\": %.2f, \"mops\": %.4f, "
                "\"bytes_per_binding\": %.1f, \"resident_bytes_per_binding\": %.1f, \"extra\": %.2f, "
                "\"bracket_ns\": %.2f, \"batch_ns\": %.2f}%s\n",
                r->workload, r->impl, r->bindings, r->threads, r->st.p50, r->st.p90, r->st.p99, r->st.p999, r->st.max,
                r->st.mops, r->bytes_per_binding, r->resident_per_binding, r->extra, r->bracket, r->batch_ns,
                i + 1 < nrows ? "," : "");
    }
    fputs("]\n", f);
    fclose(f);
}

static void write_plot(const char *path)
{
    char script[] = "/tmp/sslbind-bench-plot-XXXXXX";
    const char *impls[] = {"sslbind", "uthash", "linear"};
    int fd = mkstemp(script);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    char cmd[256];

    if (!f) return;
    size_t plen = strlen(path);
    if (plen > 4 && strcmp(path + plen - 4, ".png") == 0)
        fputs("set terminal pngcairo size 1200,800\n", f);
    else
        fputs("set terminal svg size 1200,800 dynamic background '#ffffff'\n", f);
    fprintf(f, "set output '%s'\n", path);
    fputs("set logscale xy\nset key bottom right font ',9'\nset grid\nset multiplot layout 2,3 title "
          "'sslbind-bench: p50 latency against table size'\n",
          f);
    for (int w = 0; w < W_COUNT; w++) {
        for (int k = 0; k < 3; k++) {
            fprintf(f, "$%s_%d << EOD\n", impls[k], w);
            for (size_t i = 0; i < nrows; i++)
                if (strcmp(rows[i].impl, impls[k]) == 0 && strcmp(rows[i].workload, workload_names[w]) == 0)
                    fprintf(f, "%zu %.3f\n", rows[i].bindings, rows[i].st.p50);
            fputs("EOD\n", f);
        }
        fprintf(f, "$mem_%d << EOD\n", w);
        for (size_t i = 0; i < nrows; i++)
            if (strcmp(rows[i].impl, "memory-latency") == 0) fprintf(f, "%zu %.3f\n", rows[i].bindings, rows[i].st.p50);
        fputs("EOD\n", f);
        fprintf(f, "set title '%s'\nset xlabel 'bindings'\nset ylabel 'ns'\n", workload_names[w]);
        fprintf(f, "plot $sslbind_%d w lp t 'sslbind', $uthash_%d w lp t 'uthash', $linear_%d w lp t 'linear', "
                   "$mem_%d w lp dt 2 t 'memory-latency'\n",
                w, w, w, w);
    }
    fputs("unset multiplot\n", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "gnuplot %s", script);
    if (system(cmd) != 0) fprintf(stderr, "sslbind-bench: gnuplot failed; is it installed (tools/deps)?\n");
    unlink(script);
}

/* A number for option `name`, within [min, max]; exits with a message otherwise. */
static double num_arg(const char *name, const char *text, double min, double max)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(text, &end);
    if (errno || end == text || *end || !(v >= min && v <= max)) {
        fprintf(stderr, "sslbind-bench: %s: '%s' is not a number in %g..%g\n", name, text, min, max);
        exit(1);
    }
    return v;
}

static void usage(void)
{
    fputs("usage: sslbind-bench [--sizes N,N,…] [--json FILE] [--plot FILE.svg|FILE.png] [--duration SEC]\n"
          "                     [--samples N] [--batch N] [--writer-rate N] [--seed N] [--no-load] [--quick]\n"
          "                     [--impls sslbind,uthash,linear]\n"
          "default sizes 16,1000,100000,1000000; 10000000 on request.\n",
          stderr);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--sizes") == 0 && v) {
            char *end;
            opt.nsizes = 0;
            for (const char *p = v; *p && opt.nsizes < 16; p = *end ? end + 1 : end) {
                opt.sizes[opt.nsizes++] = strtoull(p, &end, 10);
                if (end == p || opt.sizes[opt.nsizes - 1] < 4 || opt.sizes[opt.nsizes - 1] > 16000000 ||
                    (*end && *end != ',')) {
                    fprintf(stderr, "sslbind-bench: --sizes takes numbers from 4 to 16000000, separated by commas\n");
                    return 1;
                }
            }
            i++;
        } else if (strcmp(a, "--json") == 0 && v) opt.json = argv[++i];
        else if (strcmp(a, "--plot") == 0 && v) opt.plot = argv[++i];
        else if (strcmp(a, "--duration") == 0 && v) opt.duration = num_arg(a, argv[++i], 0.001, 3600);
        else if (strcmp(a, "--samples") == 0 && v) opt.samples = (size_t)num_arg(a, argv[++i], 100, 1e8);
        else if (strcmp(a, "--batch") == 0 && v) opt.batch = (size_t)num_arg(a, argv[++i], 1000, 1e10);
        else if (strcmp(a, "--writer-rate") == 0 && v) opt.writer_rate = num_arg(a, argv[++i], 0, 1e8);
        else if (strcmp(a, "--seed") == 0 && v) opt.seed = (uint64_t)num_arg(a, argv[++i], 0, 1e15);
        else if (strcmp(a, "--no-load") == 0) opt.load = 0;
        else if (strcmp(a, "--impls") == 0 && v) opt.impls = argv[++i];
        else if (strcmp(a, "--inject-fault") == 0) opt.inject_fault = 1;
        else if (strcmp(a, "--quick") == 0) {
            opt.duration = 0.05;
            opt.samples = 2000;
            opt.batch = 20000;
            opt.nq = 4096;
        } else {
            usage();
            return strcmp(a, "--help") == 0 ? 0 : 1;
        }
    }
    timing_init();
    for (int s = 0; s < opt.nsizes; s++) run_size(opt.sizes[s]);
    progress("%s", "");
    if (isatty(2)) fputs("\r\033[K", stderr);
    print_tables(stdout);
    print_targets(stdout);
    if (opt.json) write_json(opt.json);
    if (opt.plot) write_plot(opt.plot);
    free(rows);
    return 0;
}
