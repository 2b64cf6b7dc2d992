/* main.c — sslbind-tlsbench: full TLS handshakes per second, latency, server CPU and memory of
 * sslbind-tls, nginx and HAProxy on loopback with the same certificates (1, 1 000, 10 000 names,
 * each with its own certificate; ECDSA P-256 and RSA-2048) under the same load, against the
 * crypto floor measured in the same run. `sslbind-tlsbench load …` runs the load generator alone
 * against a server already running. See docs/performance.md ("The handshake benchmark"). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/opensslv.h>

#include "sslb/endpoint.h"
#include "sslb/param.h"
#include "sslb/store.h"
#include "sslb/table.h"
#include "sslb/version.h"
#include "../cli.h"
#include "../sample.h"
#include "tlsbench.h"

enum server { S_SSLBIND, S_NGINX, S_HAPROXY, S_COUNT };
#define MAX_ROUNDS 64
static const char *const server_names[S_COUNT] = {"sslbind", "nginx", "haproxy"};
#define APPID "{5f1e7c8a-2b3d-4e6f-8a9b-0c1d2e3f4a5b}"

static struct {
    size_t sizes[8];
    int nsizes;
    int keys[KEY_COUNT], servers[S_COUNT], tls[2], ntls;
    size_t handshakes, warmup, rsa_keys, shell_max;
    int idle;
    int rounds;
    int concurrency, threads, workers, request, keep, inject_fault, max_errors;
    uint64_t seed;
    double timeout, floor_seconds;
    const char *json, *plot, *cache, *workdir, *host;
    char *bin[S_COUNT + 1];       /* sslbind-tls, nginx, haproxy, sslbind */
    enum floor_fault floor_fault; /* --inject-floor-fault */
} opt = {{1, 1000, 10000},
         3,
         {1, 1},
         {1, 1, 1},
         {13, 12},
         2,
         5000,
         200,
         16,
         2000,
         10000,
         5,
         16,
         0,
         0,
         1,
         0,
         0,
         0,
         42,
         10.0,
         0.3,
         NULL,
         NULL,
         NULL,
         NULL,
         "127.0.0.1",
         {NULL},
         FAULT_NONE};

/* ---- results ---- */

struct row {
    enum server server;
    enum keytype key;
    size_t names;
    int tls;
    struct load_result r;
    size_t warm_errors, warm_wrong;
    double cpu_s, cpu_per_1000, rss_kib, pss_kib, pss_anon_kib, rss_end_kib, setup_s;
    int nproc;
    int idle, idle_up, idle_held; /* idle rows: connections opened, established, still open after */
    int rounds;                   /* timed in so many rounds, interleaved with the other servers' */
    double round_hs[MAX_ROUNDS];  /* each round's handshakes/s */
};

static struct row rows[256];
static size_t nrows;
static struct floor_cost floors[KEY_COUNT];
static int have_floor[KEY_COUNT];
/* Under every server: OpenSSL's work for one connection (library) and the kernel's (transport),
 * per key type and TLS version ([0]: 1.3, [1]: 1.2); their sum is what no server goes below. */
struct reach {
    int have; /* both measured, every check passed */
    struct lib_floor lib;
    struct tcp_floor tcp;
};
static struct reach reach[KEY_COUNT][2];
static int floor_failed; /* a check of theirs failed: no figure, and exit status 1 */
#define TLS_INDEX(tls) ((tls) == 13 ? 0 : 1)
#define REACH_TARGET 1.3 /* issue 11: server CPU per handshake within 1.3x of the crypto floor */
static char skipped[S_COUNT][200];
static char cache_dir[PATH_MAX]; /* --cache, or the work directory's certs */

static const struct row *find_row(enum server s, enum keytype k, size_t n, int tls)
{
    for (size_t i = 0; i < nrows; i++)
        if (rows[i].server == s && rows[i].key == k && rows[i].names == n && rows[i].tls == tls && !rows[i].idle)
            return &rows[i];
    return NULL;
}

static const struct row *find_idle(enum server s, enum keytype k)
{
    for (size_t i = 0; i < nrows; i++)
        if (rows[i].server == s && rows[i].key == k && rows[i].idle) return &rows[i];
    return NULL;
}

/* snprintf into a path buffer: a path too long for it stops the run rather than being cut. */
#define PATHF(buf, ...)                                                                                                \
    do {                                                                                                               \
        if ((size_t)snprintf(buf, sizeof buf, __VA_ARGS__) >= sizeof buf) {                                            \
            fprintf(stderr, "sslbind-tlsbench: a path under %s is too long\n", opt.workdir ? opt.workdir : "/tmp");    \
            exit(2);                                                                                                   \
        }                                                                                                              \
    } while (0)

/* ---- files ---- */

static void remove_tree(const char *path)
{
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/rm", "rm", "-rf", "--", path, (char *)NULL);
        _exit(127);
    }
    if (pid > 0) waitpid(pid, NULL, 0);
}

/* Runs argv, output to `out` (NULL: /dev/null); its exit status, or -1. */
static int run(char *const argv[], const char *out)
{
    pid_t pid = spawn(argv, out ? out : "/dev/null", out ? out : "/dev/null");
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* An executable: the path itself if it has a '/', else looked up in PATH, /usr/sbin, /sbin. */
static char *find_program(const char *name)
{
    char buf[PATH_MAX];
    const char *path = getenv("PATH");
    char *dirs;

    if (strchr(name, '/')) return access(name, X_OK) == 0 ? strdup(name) : NULL;
    snprintf(buf, sizeof buf, "%s:/usr/sbin:/sbin:/usr/local/sbin", path ? path : "/usr/bin:/bin");
    dirs = strdup(buf);
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        snprintf(buf, sizeof buf, "%s/%s", d, name);
        if (access(buf, X_OK) == 0) {
            free(dirs);
            return strdup(buf);
        }
    }
    free(dirs);
    return NULL;
}

/* A program built beside this one (build/bin). */
static char *sibling(const char *name)
{
    char self[PATH_MAX], buf[PATH_MAX + 64];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) return NULL;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash) return NULL;
    *slash = '\0';
    snprintf(buf, sizeof buf, "%s/%s", self, name);
    return access(buf, X_OK) == 0 ? strdup(buf) : NULL;
}

/* ---- setting up each server: the same names and certificates ---- */

/* The emulated machine: every certificate imported with `sslbind cert import` (one sslbind
 * process runs the whole script), and an SNI binding per name. Up to --shell-max names the
 * bindings are added by the same script (`http add sslcert hostnameport=…`); above, the shell
 * rewrites bindings.reg at each add (quadratic), so the table is built with the core library and
 * bindings.reg written once by the same writer the shell uses (sslb_reg_write); a sample is read
 * back through `sslbind http show sslcert`. */
static int setup_sslbind(const struct certset *cs, size_t n, const char *dir, int port)
{
    char script[PATH_MAX], out[PATH_MAX], hex[41], line[PATH_MAX + 200], saved[PATH_MAX], certs[PATH_MAX];
    FILE *f;
    int via_shell = n <= opt.shell_max, reuse = 0;
    struct stat st;

    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return -1;
    PATHF(script, "%s.script", dir);
    PATHF(out, "%s.out", dir);
    PATHF(certs, "%s/certs", dir);
    /* --cache keeps the store each import made (sslbind's import slows as the store grows:
     * 10 000 take minutes): a later run copies it instead of importing again */
    PATHF(saved, "%s/%s/sslbind-certs-%zu", cache_dir, key_names[cs->key], n);
    if (opt.cache && stat(saved, &st) == 0 && S_ISDIR(st.st_mode)) {
        char *cp[] = {"/bin/cp", "-a", saved, certs, NULL};
        reuse = run(cp, NULL) == 0;
        /* a saved store made from an older set (a cache that two runs changed at once) lacks
         * some of today's certificates: import again rather than measure CERT_NOT_FOUND */
        for (size_t i = 0; reuse && i < n; i++) {
            char crt[PATH_MAX + 64];
            thumb_hex(cs->thumb[i], hex);
            PATHF(crt, "%s/my/%s.crt", certs, hex);
            reuse = stat(crt, &st) == 0;
        }
        if (!reuse) remove_tree(certs);
    }
    if (!(f = fopen(script, "w"))) return -1;
    for (size_t i = 0; !reuse && i < n; i++) fprintf(f, "cert import file=%s\n", cs->pem[i]);
    for (size_t i = 0; via_shell && i < n; i++) {
        thumb_hex(cs->thumb[i], hex);
        fprintf(f, "http add sslcert hostnameport=%s:%d certhash=%s appid=%s\n", cs->names[i], port, hex, APPID);
    }
    if (fclose(f) != 0) return -1;
    char *argv[] = {opt.bin[S_COUNT], "--state", (char *)dir, "-f", script, NULL};
    if (run(argv, out) != 0) {
        fprintf(stderr, "sslbind-tlsbench: sslbind -f %s failed; its output is in %s\n", script, out);
        return -1;
    }
    if (opt.cache && !reuse) {
        char tmp[PATH_MAX + 8];
        PATHF(tmp, "%s.tmp", saved);
        remove_tree(tmp);
        char *cp[] = {"/bin/cp", "-a", certs, tmp, NULL};
        if (run(cp, NULL) != 0 || rename(tmp, saved) != 0) remove_tree(tmp); /* no cache: no harm */
    }
    /* every import printed the thumbprint the benchmark expects, in order */
    size_t k = 0, added = 0;
    if (!(f = fopen(out, "r"))) return -1;
    while (fgets(line, sizeof line, f)) {
        char *h = strstr(line, "Certificate Hash");
        if (h && (h = strrchr(line, ' '))) {
            thumb_hex(cs->thumb[k < n ? k : 0], hex);
            if (k >= n || strncmp(h + 1, hex, 40) != 0) {
                fclose(f);
                fprintf(stderr, "sslbind-tlsbench: sslbind imported %s as certificate %zu, expected %s\n", h + 1, k,
                        hex);
                return -1;
            }
            k++;
        }
        added += strstr(line, "SSL Certificate successfully added") != NULL;
    }
    fclose(f);
    if ((reuse ? k != 0 : k != n) || (via_shell && added != n)) {
        fprintf(stderr, "sslbind-tlsbench: sslbind imported %zu and bound %zu of %zu certificates (see %s)\n", k, added,
                n, out);
        return -1;
    }
    if (via_shell) return 0;

    sslb_table *t;
    sslb_diag d = {{0}};
    char reg[PATH_MAX], tmp[PATH_MAX];
    if (sslb_table_create(&t) != SSLB_OK) return -1;
    for (size_t i = 0; i < n; i++) {
        sslb_binding b;
        char kt[300];
        memset(&b, 0, sizeof b);
        snprintf(kt, sizeof kt, "%s:%d", cs->names[i], port);
        sslb_params_init(&b.params);
        b.params.certhash_len = SSLB_CERTHASH_LEN;
        memcpy(b.params.certhash, cs->thumb[i], SSLB_CERTHASH_LEN);
        if (sslb_key_parse(SSLB_HOSTPORT, kt, &b.key, &d) != SSLB_OK ||
            sslb_guid_parse(APPID, &b.params.appid, &d) != SSLB_OK || sslb_table_add(t, &b, &d) != SSLB_OK) {
            fprintf(stderr, "sslbind-tlsbench: binding %s: %s\n", kt, d.text);
            sslb_table_destroy(t);
            return -1;
        }
    }
    PATHF(reg, "%s/bindings.reg", dir);
    PATHF(tmp, "%s/bindings.reg.tlsbench", dir);
    int bad = !(f = fopen(tmp, "w")) || sslb_reg_write(t, f) != 0;
    if (f && fclose(f) != 0) bad = 1;
    sslb_table_destroy(t);
    if (bad || rename(tmp, reg) != 0) {
        fprintf(stderr, "sslbind-tlsbench: cannot write %s\n", reg);
        return -1;
    }
    /* the shell reads it back: the first and the last binding, with their certificates */
    for (size_t s = 0; s < 2; s++) {
        size_t i = s ? n - 1 : 0;
        char kt[300];
        snprintf(kt, sizeof kt, "hostnameport=%s:%d", cs->names[i], port);
        char *argv2[] = {opt.bin[S_COUNT], "--state", (char *)dir, "http", "show", "sslcert", kt, NULL};
        int ok = run(argv2, out) == 0;
        thumb_hex(cs->thumb[i], hex);
        if (ok && (f = fopen(out, "r"))) {
            ok = 0;
            while (fgets(line, sizeof line, f)) ok |= strstr(line, hex) != NULL;
            fclose(f);
        }
        if (!ok) {
            fprintf(stderr, "sslbind-tlsbench: sslbind does not show %s with %s (see %s)\n", kt, hex, out);
            return -1;
        }
    }
    return 0;
}

/* The servers' file-descriptor limit: the one this process raised to (they inherit it). */
static long fd_limit(void)
{
    struct rlimit rl;
    return getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < 65536 ? (long)rl.rlim_cur
                                                                                                     : 65536;
}

/* nginx: one server block per name, each with its own ssl_certificate. */
static int setup_nginx(const struct certset *cs, size_t n, const char *dir, int port)
{
    char path[PATH_MAX];
    FILE *f;

    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return -1;
    PATHF(path, "%s/nginx.conf", dir);
    if (!(f = fopen(path, "w"))) return -1;
    fprintf(f,
            "# written by sslbind-tlsbench: %zu names, one server block and certificate each\n"
            "daemon off;\nmaster_process on;\nworker_processes %d;\npid %s/nginx.pid;\n"
            "error_log %s/error.log error;\nworker_rlimit_nofile %ld;\n"
            "events { worker_connections %ld; }\n"
            "http {\n  access_log off;\n  client_header_timeout 600s;\n  default_type text/plain;\n  ssl_protocols "
            "TLSv1.2 TLSv1.3;\n"
            "  server_names_hash_max_size 131072;\n  server_names_hash_bucket_size 128;\n"
            "  client_body_temp_path %s/tmp-body;\n  proxy_temp_path %s/tmp-proxy;\n"
            "  fastcgi_temp_path %s/tmp-fastcgi;\n  uwsgi_temp_path %s/tmp-uwsgi;\n  scgi_temp_path %s/tmp-scgi;\n",
            n, opt.workers, dir, dir, fd_limit(), fd_limit() / 2, dir, dir, dir, dir, dir);
    for (size_t i = 0; i < n; i++)
        fprintf(f,
                "  server {\n    listen %s:%d ssl;\n    server_name %s;\n    ssl_certificate %s;\n"
                "    ssl_certificate_key %s;\n    location / { return 200 \"ok\\n\"; }\n  }\n",
                opt.host, port, cs->names[i], cs->pem[i], cs->pem[i]);
    fputs("}\n", f);
    return fclose(f) == 0 ? 0 : -1;
}

/* HAProxy: one bind line with a crt-list, a line per name (its file, the name as SNI filter). */
static int setup_haproxy(const struct certset *cs, size_t n, const char *dir, int port)
{
    char path[PATH_MAX], list[PATH_MAX];
    FILE *f;

    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return -1;
    PATHF(list, "%s/crt-list.txt", dir);
    if (!(f = fopen(list, "w"))) return -1;
    for (size_t i = 0; i < n; i++) fprintf(f, "%s %s\n", cs->pem[i], cs->names[i]);
    if (fclose(f) != 0) return -1;
    PATHF(path, "%s/haproxy.cfg", dir);
    if (!(f = fopen(path, "w"))) return -1;
    fprintf(f,
            "# written by sslbind-tlsbench: %zu names, a crt-list line and certificate each\n"
            "global\n  maxconn %ld\n  nbthread %d\n  tune.ssl.default-dh-param 2048\n"
            "defaults\n  mode http\n  maxconn %ld\n  timeout client 600s\n  timeout connect 5s\n  timeout server 10s\n"
            "frontend tlsbench\n  bind %s:%d ssl crt-list %s\n"
            "  http-request return status 200 content-type text/plain string \"ok\"\n",
            n, fd_limit() / 2 - 100, opt.workers, fd_limit() / 2 - 100, opt.host, port, list);
    return fclose(f) == 0 ? 0 : -1;
}

/* The servers running now: a signal that ends the benchmark ends them too (each runs in a
 * process group of its own, so it would outlive us). */
#define MAX_LIVE (8 * S_COUNT) /* every size's servers */
static volatile pid_t running[MAX_LIVE];
static char doomed_work[PATH_MAX]; /* the work directory to remove on such a signal, if ours */

static void on_fatal(int sig)
{
    int status;
    pid_t pid;
    for (int s = 0; s < MAX_LIVE; s++)
        if ((pid = running[s]) > 0) {
            kill(-pid, SIGTERM);
            waitpid(pid, &status, 0); /* its files are closed before they are removed */
        }
    if (doomed_work[0] && (pid = fork()) == 0) { /* fork, execl and waitpid are async-signal-safe */
        execl("/bin/rm", "rm", "-rf", "--", doomed_work, (char *)NULL);
        _exit(127);
    }
    if (doomed_work[0] && pid > 0) waitpid(pid, &status, 0);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Starts server s over the first n names of cs; its pid (port in *port), or -1. */
static pid_t start_server(enum server s, const struct certset *cs, size_t n, const char *work, int *port, int slot)
{
    char dir[PATH_MAX], conf[PATH_MAX], listen_on[PATH_MAX], out[PATH_MAX], err[PATH_MAX];
    pid_t pid = -1;

    PATHF(dir, "%s/%s-%s-%zu", work, server_names[s], key_names[cs->key], n);
    PATHF(out, "%s.stdout", dir);
    PATHF(err, "%s.stderr", dir);
    for (int attempt = 0; attempt < 3 && pid < 0; attempt++) {
        if ((*port = free_port(opt.host)) < 0) return -1;
        if (s == S_SSLBIND) {
            if (setup_sslbind(cs, n, dir, *port) != 0) return -1;
            PATHF(listen_on, strchr(opt.host, ':') ? "[%s]:%d" : "%s:%d", opt.host, *port);
            /* as the peers are configured: as many workers, no line per handshake (nginx logs no
             * access, HAProxy no traffic), and timeouts that let --idle's silent clients stay */
            char workers[16];
            snprintf(workers, sizeof workers, "%d", opt.workers);
            char *argv[] = {opt.bin[S_SSLBIND],
                            "--state",
                            dir,
                            "--listen",
                            listen_on,
                            "--workers",
                            workers,
                            "--quiet",
                            "--handshake-timeout",
                            "600",
                            "--idle-timeout",
                            "600",
                            NULL};
            pid = spawn(argv, out, err);
        } else if (s == S_NGINX) {
            if (setup_nginx(cs, n, dir, *port) != 0) return -1;
            PATHF(conf, "%s/nginx.conf", dir);
            PATHF(listen_on, "%s/error.log", dir);
            char *argv[] = {opt.bin[S_NGINX], "-p", dir, "-c", conf, "-e", listen_on, NULL};
            pid = spawn(argv, out, err);
        } else {
            if (setup_haproxy(cs, n, dir, *port) != 0) return -1;
            PATHF(conf, "%s/haproxy.cfg", dir);
            char *argv[] = {opt.bin[S_HAPROXY], "-db", "-f", conf, NULL};
            pid = spawn(argv, out, err);
        }
        if (pid > 0) running[slot] = pid;
        if (pid > 0 && wait_listening(pid, opt.host, *port, 120) != 0) { /* another took the port? */
            stop(pid);
            running[slot] = 0;
            pid = -1;
            if (s == S_SSLBIND) remove_tree(dir);
        }
    }
    if (pid < 0) fprintf(stderr, "sslbind-tlsbench: %s did not start on %s; see %s\n", server_names[s], opt.host, err);
    return pid;
}

static struct load_cfg base_cfg(const struct certset *cs, size_t n, int port)
{
    struct load_cfg c = {.host = opt.host,
                         .port = port,
                         .names = cs->names,
                         .thumb = (const uint8_t(*)[THUMB_LEN])cs->thumb,
                         .nnames = n,
                         .handshakes = opt.handshakes,
                         .concurrency = opt.concurrency,
                         .threads = opt.threads,
                         .seed = opt.seed,
                         .request = opt.request,
                         .timeout = opt.timeout,
                         .inject_fault = opt.inject_fault};
    return c;
}

/* ---- one key type: every server of every size started and warmed, then rounds in turn ---- */

/* A server started for one certificate count. */
struct live {
    enum server s;
    size_t n; /* names */
    int slot; /* in running[] */
    pid_t pid;
    int port;
    double setup_s;
    struct proc_usage u0; /* after the warm-up */
    struct load_result warm;
};

/* Starts L->s over the first L->n names and warms it up (the first handshakes: lazy loading,
 * page faults; checked, not timed). 0, or -1 (said why; nothing left running). */
static int start_warm(const struct certset *cs, const char *work, struct live *L)
{
    double t0 = bench_now_s();

    bench_progress("[%s %zu names] %s: setting up", key_names[cs->key], L->n, server_names[L->s]);
    if ((L->pid = start_server(L->s, cs, L->n, work, &L->port, L->slot)) < 0) return -1;
    L->setup_s = bench_now_s() - t0;
    if (opt.warmup) {
        struct load_cfg cfg = base_cfg(cs, L->n, L->port);
        bench_progress("[%s %zu names] %s: warm-up", key_names[cs->key], L->n, server_names[L->s]);
        cfg.handshakes = opt.warmup;
        cfg.tls = opt.tls[0];
        cfg.seed = opt.seed ^ 0x5741524d; /* other names than the timed run's first ones */
        cfg.inject_fault = 0;
        load_run(&cfg, &L->warm);
    }
    if (proc_usage(L->pid, &L->u0) != 0) {
        fprintf(stderr, "sslbind-tlsbench: %s exited during the warm-up\n", server_names[L->s]);
        stop(L->pid);
        running[L->slot] = 0;
        L->pid = -1;
        return -1;
    }
    return 0;
}

/* Each round's percentiles of one row, until close_rounds takes their medians. */
struct round_pct {
    double p50[MAX_ROUNDS], p90[MAX_ROUNDS], p99[MAX_ROUNDS];
};

/* One round of row r against server l: its share of opt.handshakes, with the round's names (the
 * same for every server), added to r (counts, seconds, CPU summed; max the largest). */
static void run_round(struct row *r, const struct certset *cs, const struct live *l, int round, struct round_pct *pct)
{
    size_t share = opt.handshakes / (size_t)opt.rounds + (round < (int)(opt.handshakes % (size_t)opt.rounds));
    struct load_cfg cfg = base_cfg(cs, l->n, l->port);
    struct load_result res;
    struct proc_usage a, b;

    cfg.tls = r->tls;
    cfg.handshakes = share;
    cfg.seed = opt.seed + (uint64_t)round * 0x9e3779b97f4a7c15ull; /* each round its names, alike for all */
    cfg.inject_fault = opt.inject_fault && round == 0 && !r->idle; /* once per timed row */
    memset(&res, 0, sizeof res);
    proc_usage(l->pid, &a);
    if (load_run(&cfg, &res) != 0) fprintf(stderr, "sslbind-tlsbench: load: %s\n", res.first_error);
    proc_usage(l->pid, &b);
    r->cpu_s += b.cpu_s - a.cpu_s;
    r->r.ok += res.ok;
    r->r.errors += res.errors;
    r->r.wrong += res.wrong;
    r->r.http_bad += res.http_bad;
    r->r.seconds += res.seconds;
    r->r.max_us = fmax(r->r.max_us, res.max_us);
    if (!r->r.first_error[0]) memcpy(r->r.first_error, res.first_error, sizeof res.first_error);
    if (!r->r.first_wrong[0]) memcpy(r->r.first_wrong, res.first_wrong, sizeof res.first_wrong);
    r->round_hs[round] = res.hs_per_s;
    pct->p50[round] = res.p50_us;
    pct->p90[round] = res.p90_us;
    pct->p99[round] = res.p99_us;
}

/* A row's hs/s, p50, p90 and p99: the medians of its rounds'. */
static void close_rounds(struct row *r, struct round_pct *pct)
{
    double hs[MAX_ROUNDS];
    memcpy(hs, r->round_hs, sizeof hs); /* sorted by the median; the JSON lists them in order */
    r->r.hs_per_s = sample_median(hs, (size_t)r->rounds);
    r->r.p50_us = sample_median(pct->p50, (size_t)r->rounds);
    r->r.p90_us = sample_median(pct->p90, (size_t)r->rounds);
    r->r.p99_us = sample_median(pct->p99, (size_t)r->rounds);
    r->cpu_per_1000 = r->r.ok ? r->cpu_s / (double)r->r.ok * 1000 : 0;
}

/* The timed rows of one key type: for each TLS version, opt.rounds rounds; in each, every live
 * server of every size in turn (the order rotated from round to round) takes its share of
 * opt.handshakes (each round its own names, the same for all). A host whose speed drifts during
 * the run (a shared machine) then slows every server and every size alike. A row's hs/s, p50,
 * p90 and p99 are the medians of its rounds'; its counts, seconds and CPU the sums; max the
 * largest. */
static void measure_rounds(struct live *L, int nl, const struct certset *cs)
{
    struct row *row_of[MAX_LIVE];
    struct round_pct pct[MAX_LIVE];
    int order[MAX_LIVE], nlive = 0;

    for (int i = 0; i < nl; i++)
        if (L[i].pid > 0) order[nlive++] = i;
    for (int v = 0; v < opt.ntls; v++) {
        if (nrows + (size_t)nlive > sizeof rows / sizeof rows[0]) return;
        for (int i = 0; i < nlive; i++) {
            const struct live *l = &L[order[i]];
            struct row *r = row_of[order[i]] = &rows[nrows++];
            memset(r, 0, sizeof *r);
            r->server = l->s;
            r->key = cs->key;
            r->names = l->n;
            r->tls = opt.tls[v];
            r->setup_s = l->setup_s;
            r->rss_kib = l->u0.rss_kib;
            r->pss_kib = l->u0.pss_kib;
            r->pss_anon_kib = l->u0.pss_anon_kib;
            r->nproc = l->u0.nproc;
            r->rounds = opt.rounds;
            if (v == 0) {
                r->warm_errors = l->warm.errors;
                r->warm_wrong = l->warm.wrong;
            }
        }
        for (int round = 0; round < opt.rounds; round++)
            for (int i = 0; i < nlive; i++) {
                int k = order[(i + round) % nlive];
                const struct live *l = &L[k];
                bench_progress("[%s, TLS 1.%d] round %d of %d: %s, %zu names", key_names[cs->key], opt.tls[v] % 10,
                               round + 1, opt.rounds, server_names[l->s], l->n);
                run_round(row_of[k], cs, l, round, &pct[k]);
            }
        for (int i = 0; i < nlive; i++) close_rounds(row_of[order[i]], &pct[order[i]]);
    }
}

/* A server's last rows, then stops it: at the smallest certificate count, the same load again
 * while idle clients hold connections open (they must not keep new clients from being served;
 * the first TLS version), and the resident memory at the end. */
static void finish(struct live *L, const struct certset *cs)
{
    struct proc_usage u1;
    size_t smallest = opt.sizes[0], n = L->n;
    enum server s = L->s;

    for (int i = 1; i < opt.nsizes; i++) smallest = opt.sizes[i] < smallest ? opt.sizes[i] : smallest;
    if (opt.idle > 0 && n == smallest && nrows < sizeof rows / sizeof rows[0]) {
        int *fds = malloc((size_t)opt.idle * sizeof *fds);
        struct row *r = &rows[nrows++];
        struct round_pct pct;
        struct proc_usage a;
        memset(r, 0, sizeof *r);
        r->server = s;
        r->key = cs->key;
        r->names = n;
        r->tls = opt.tls[0];
        r->idle = opt.idle;
        r->setup_s = L->setup_s;
        r->rounds = opt.rounds; /* as the idle-free row: its p99 is compared with a median of as many rounds' */
        bench_progress("[%s %zu names] %s: %d idle connections", key_names[cs->key], n, server_names[s], opt.idle);
        r->idle_up = fds ? idle_open(opt.host, L->port, opt.idle, fds, 5) : 0;
        proc_usage(L->pid, &a);
        r->rss_kib = a.rss_kib;
        r->pss_kib = a.pss_kib;
        r->pss_anon_kib = a.pss_anon_kib;
        r->nproc = a.nproc;
        for (int round = 0; round < opt.rounds; round++) {
            bench_progress("[%s %zu names] %s: TLS 1.%d beside %d idle connections, round %d of %d", key_names[cs->key],
                           n, server_names[s], opt.tls[0] % 10, r->idle_up, round + 1, opt.rounds);
            run_round(r, cs, L, round, &pct);
        }
        close_rounds(r, &pct);
        proc_usage(L->pid, &a);
        r->idle_held = fds ? idle_held(fds, opt.idle) : 0;
        r->rss_end_kib = a.rss_kib;
        if (fds) idle_close(fds, opt.idle);
        free(fds);
    }
    proc_usage(L->pid, &u1);
    for (size_t i = 0; i < nrows; i++)
        if (!rows[i].idle && rows[i].server == s && rows[i].key == cs->key && rows[i].names == n)
            rows[i].rss_end_kib = u1.rss_kib;
    stop(L->pid);
    running[L->slot] = 0;
    L->pid = -1;
}

/* One key type: every server of every size up at once (idle ones take no CPU), the rounds, then
 * each server's idle row and stop. 0, or -1 when a server did not start. */
static int measure(const struct certset *cs, const char *work)
{
    struct live L[MAX_LIVE];
    int status = 0, nl = 0;

    for (int si = 0; si < opt.nsizes; si++)
        for (int s = 0; s < S_COUNT; s++) {
            if (!opt.servers[s] || nl == MAX_LIVE) continue;
            memset(&L[nl], 0, sizeof L[nl]);
            L[nl].s = s;
            L[nl].n = opt.sizes[si];
            L[nl].slot = nl;
            if (start_warm(cs, work, &L[nl]) != 0) status = -1;
            nl++;
        }
    measure_rounds(L, nl, cs);
    for (int i = 0; i < nl; i++)
        if (L[i].pid > 0) finish(&L[i], cs);
    return status;
}

/* ---- the floors under every server ---- */

/* The library and the transport floor of key k and version tls, with the first name's
 * certificate; a failed check is said, and no figure kept. */
static void measure_reach(enum keytype k, int tls, const struct certset *cs)
{
    struct reach *R = &reach[k][TLS_INDEX(tls)];
    char why[256];
    enum floor_fault lf = opt.floor_fault == FAULT_BYTES ? FAULT_NONE : opt.floor_fault;

    memset(R, 0, sizeof *R);
    bench_progress("library floor: %s, TLS 1.%d", key_names[k], tls % 10);
    if (libfloor_measure(k, tls, cs->pem[0], cs->names[0], cs->thumb[0], opt.floor_seconds, lf, &R->lib, why,
                         sizeof why) != 0) {
        fprintf(stderr, "sslbind-tlsbench: library floor, %s TLS 1.%d: %s; no floor reported\n", key_names[k], tls % 10,
                why);
        floor_failed = 1;
        return;
    }
    bench_progress("transport floor: %s, TLS 1.%d", key_names[k], tls % 10);
    if (tcpfloor_measure(opt.host, &R->lib.shape, opt.concurrency, opt.floor_seconds,
                         opt.floor_fault == FAULT_BYTES ? FAULT_BYTES : FAULT_NONE, &R->tcp, why, sizeof why) != 0) {
        fprintf(stderr, "sslbind-tlsbench: transport floor, %s TLS 1.%d: %s; no floor reported\n", key_names[k],
                tls % 10, why);
        floor_failed = 1;
        return;
    }
    R->have = 1;
}

/* Library + transport of key k and version tls, in µs; NaN when not measured. */
static double reach_us(enum keytype k, int tls)
{
    const struct reach *R = &reach[k][TLS_INDEX(tls)];
    return R->have ? R->lib.us + R->tcp.us : NAN;
}

/* ---- output ---- */

static double ratio(double a, double b)
{
    return b > 0 && a > 0 ? a / b : NAN;
}

static double floor_per_1000(enum keytype k)
{
    return have_floor[k] ? floors[k].total_us / 1000 : NAN;
}

/* The same server, key and version at the smallest count under r's; NULL if none. */
static const struct row *base_row(const struct row *r)
{
    const struct row *base = NULL;
    for (size_t i = 0; i < nrows; i++)
        if (!rows[i].idle && rows[i].server == r->server && rows[i].key == r->key && rows[i].tls == r->tls &&
            rows[i].names < r->names && (!base || rows[i].names < base->names))
            base = &rows[i];
    return base;
}

/* Memory per certificate: (Pss at n - Pss at the smallest count) / (n - that count), Pss summed
 * over the server's processes, so pages nginx's master shares with its workers (the
 * certificates, loaded before the fork) count once, as a single process's do. Its anonymous
 * part (Pss_Anon): the whole Pss also holds a share of the libraries' pages, which moves with
 * the number of servers up (nine at once), more than 20 certificates take. */
static double kib_per_cert(const struct row *r)
{
    const struct row *base = base_row(r);
    if (!base || r->pss_anon_kib <= 0 || base->pss_anon_kib <= 0) return NAN; /* no smaps_rollup */
    return (r->pss_anon_kib - base->pss_anon_kib) / (double)(r->names - base->names);
}

/* The same from VmRSS summed over the processes (shared pages once per process: the JSON's
 * rss_per_cert_kib, beside it). */
static double rss_per_cert(const struct row *r)
{
    const struct row *base = base_row(r);
    return base ? (r->rss_kib - base->rss_kib) / (double)(r->names - base->names) : NAN;
}

/* A column of the table: the number, or "-" where there is none. */
static void col(FILE *f, int width, int prec, double v)
{
    if (isnan(v) || isinf(v)) fprintf(f, " %*s", width, "-");
    else fprintf(f, " %*.*f", width, prec, v);
}

/* The library and transport floors, their sum against the crypto floor, and what that says of
 * the 1.3x target. */
static void print_reach(FILE *f)
{
    fputs("\n== under every server: OpenSSL's work for one connection (library) and the kernel's (transport) ==\n", f);
    fprintf(f, "%-10s %4s %10s %12s %8s %10s %10s  %s\n", "key", "TLS", "library us", "transport us", "sum us",
            "CPU s/1000", "sum/crypto", "bytes in/out per turn (server)");
    for (int k = 0; k < KEY_COUNT; k++)
        for (int v = 0; v < opt.ntls; v++) {
            const struct reach *R = &reach[k][TLS_INDEX(opt.tls[v])];
            if (!opt.keys[k]) continue;
            fprintf(f, "%-10s %4s", key_names[k], opt.tls[v] == 13 ? "1.3" : "1.2");
            if (!R->have) {
                fputs("  not measured: a check failed (said above the tables)\n", f);
                continue;
            }
            double sum = R->lib.us + R->tcp.us;
            fprintf(f, " %10.1f %12.1f %8.1f %10.3f", R->lib.us, R->tcp.us, sum, sum / 1000);
            col(f, 10, 2, have_floor[k] ? sum / floors[k].total_us : NAN);
            fputs(" ", f);
            for (int t = 0; t < R->lib.shape.n; t++) fprintf(f, " %zu/%zu", R->lib.shape.in[t], R->lib.shape.out[t]);
            fputc('\n', f);
        }
    fputs("library: the server's SSL calls for one connection of the load (handshake, request, answer,\n"
          "close_notify), OpenSSL in memory, the same certificate and client; transport: the same bytes over\n"
          "TCP on loopback with sslbind-tls's system calls, no TLS (docs/performance.md)\n",
          f);
    for (int k = 0; k < KEY_COUNT; k++)
        for (int v = 0; v < opt.ntls; v++) {
            double sum = opt.keys[k] ? reach_us(k, opt.tls[v]) : NAN;
            if (isnan(sum) || !have_floor[k]) continue;
            double x = sum / floors[k].total_us;
            fprintf(
                f, "%s TLS 1.%d: (library + transport) / crypto floor = %.2f: %s\n", key_names[k], opt.tls[v] % 10, x,
                x >= REACH_TARGET ? "the 1.3x target is out of reach of any server using this OpenSSL on this kernel"
                                  : "below 1.3: the 1.3x target is not ruled out by OpenSSL and the kernel");
        }
}

static void print_tables(FILE *f)
{
    fprintf(
        f,
        "sslbind-tlsbench %s, %s; %ld CPUs; %zu handshakes per row in %d rounds, %d in flight on %d client thread(s), "
        "%s, seed %llu\n",
        SSLB_VERSION_STRING, OpenSSL_version(OPENSSL_VERSION), sysconf(_SC_NPROCESSORS_ONLN), opt.handshakes,
        opt.rounds, opt.concurrency, opt.threads, opt.request ? "one HTTP request each" : "handshake only",
        (unsigned long long)opt.seed);
    fputs("\n== crypto floor: one handshake's server-side public-key work (OpenSSL, this process) ==\n", f);
    for (int k = 0; k < KEY_COUNT; k++)
        if (have_floor[k])
            fprintf(f, "%-10s sign %.1f us + X25519 keygen %.1f us + derive %.1f us = %.1f us (%.3f CPU s per 1000)\n",
                    key_names[k], floors[k].sign_us, floors[k].keygen_us, floors[k].derive_us, floors[k].total_us,
                    floors[k].total_us / 1000);
    print_reach(f);
    for (int s = 0; s < S_COUNT; s++)
        if (skipped[s][0]) fprintf(f, "%s: skipped: %s\n", server_names[s], skipped[s]);
    for (int k = 0; k < KEY_COUNT; k++)
        for (int v = 0; v < opt.ntls; v++) {
            int any = 0;
            for (size_t i = 0; i < nrows; i++) any |= rows[i].key == (enum keytype)k && rows[i].tls == opt.tls[v];
            if (!any) continue;
            fprintf(f, "\n== %s, TLS 1.%d ==\n", key_names[k], opt.tls[v] % 10);
            fprintf(f, "%7s %-8s %9s %8s %8s %10s %7s %7s %9s %9s %6s %5s %7s %7s\n", "names", "server", "hs/s",
                    "p50 ms", "p99 ms", "CPU s/1000", "xfloor", "xreach", "RSS MiB", "KiB/cert", "errors", "wrong",
                    "/nginx", "/haproxy");
            for (int si = 0; si < opt.nsizes; si++)
                for (int s = 0; s < S_COUNT; s++) {
                    const struct row *r = find_row(s, k, opt.sizes[si], opt.tls[v]);
                    if (!r) continue;
                    const struct row *ng = find_row(S_NGINX, k, r->names, r->tls),
                                     *hp = find_row(S_HAPROXY, k, r->names, r->tls);
                    fprintf(f, "%7zu %-8s %9.0f %8.2f %8.2f %10.3f", r->names, server_names[s], r->r.hs_per_s,
                            r->r.p50_us / 1000, r->r.p99_us / 1000, r->cpu_per_1000);
                    col(f, 7, 2, ratio(r->cpu_per_1000, floor_per_1000(k)));
                    col(f, 7, 2, ratio(r->cpu_per_1000, reach_us(k, r->tls) / 1000));
                    col(f, 9, 1, r->rss_kib / 1024);
                    col(f, 9, 1, kib_per_cert(r));
                    fprintf(f, " %6zu %5zu", r->r.errors + r->warm_errors, r->r.wrong + r->warm_wrong);
                    col(f, 7, 2, ng && ng != r ? ratio(r->r.hs_per_s, ng->r.hs_per_s) : NAN);
                    col(f, 7, 2, hp && hp != r ? ratio(r->r.hs_per_s, hp->r.hs_per_s) : NAN);
                    fputc('\n', f);
                }
        }
    for (int k = 0; k < KEY_COUNT; k++) {
        int any = 0;
        for (int s = 0; s < S_COUNT; s++) any |= find_idle(s, k) != NULL;
        if (!any) continue;
        fprintf(f, "\n== %s: %d idle connections (connect, say nothing) held open during the run ==\n", key_names[k],
                opt.idle);
        fprintf(f, "%7s %-8s %7s %7s %9s %8s %8s %9s %6s %5s\n", "names", "server", "up", "held", "hs/s", "p50 ms",
                "p99 ms", "p99/free", "errors", "wrong");
        for (int s = 0; s < S_COUNT; s++) {
            const struct row *r = find_idle(s, k), *free_run = r ? find_row(s, k, r->names, r->tls) : NULL;
            if (!r) continue;
            fprintf(f, "%7zu %-8s %7d %7d %9.0f %8.2f %8.2f", r->names, server_names[s], r->idle_up, r->idle_held,
                    r->r.hs_per_s, r->r.p50_us / 1000, r->r.p99_us / 1000);
            col(f, 9, 2, free_run ? ratio(r->r.p99_us, free_run->r.p99_us) : NAN);
            fprintf(f, " %6zu %5zu\n", r->r.errors, r->r.wrong);
        }
    }
    for (size_t i = 0; i < nrows; i++)
        if (rows[i].r.first_error[0])
            fprintf(f, "first error, %s %s %zu names TLS 1.%d%s: %s\n", server_names[rows[i].server],
                    key_names[rows[i].key], rows[i].names, rows[i].tls % 10, rows[i].idle ? " beside idle clients" : "",
                    rows[i].r.first_error);
}

static void print_targets(FILE *f)
{
    fputs("\n== targets (issue 11) ==\n", f);
    for (size_t i = 0; i < nrows; i++) {
        const struct row *r = &rows[i];
        if (r->server != S_SSLBIND) continue;
        if (r->idle) {
            const struct row *free_run = find_row(S_SSLBIND, r->key, r->names, r->tls);
            if (free_run && free_run->r.p99_us > 0)
                BENCH_TARGET(f, r->r.p99_us <= 2 * free_run->r.p99_us && r->r.errors == 0 && r->r.ok > 0,
                             "%s %zu names TLS 1.%d: beside %d idle connections (%d held), p99 %.2f ms = %.2fx the "
                             "idle-free run, "
                             "%zu failed (goal <= 2x, none failed)",
                             key_names[r->key], r->names, r->tls % 10, r->idle_up, r->idle_held, r->r.p99_us / 1000,
                             r->r.p99_us / free_run->r.p99_us, r->r.errors);
            continue;
        }
        const struct row *ng = find_row(S_NGINX, r->key, r->names, r->tls),
                         *hp = find_row(S_HAPROXY, r->key, r->names, r->tls);
        double best = fmax(ng ? ng->r.hs_per_s : 0, hp ? hp->r.hs_per_s : 0);
        const char *by = ng && (!hp || ng->r.hs_per_s >= hp->r.hs_per_s) ? "nginx" : "haproxy";
        if (best > 0)
            BENCH_TARGET(f, r->r.hs_per_s >= best,
                         "%s %zu names TLS 1.%d: %.0f hs/s = %.2fx the better peer (%s) (goal >= 1)", key_names[r->key],
                         r->names, r->tls % 10, r->r.hs_per_s, r->r.hs_per_s / best, by);
        const struct row *one = find_row(S_SSLBIND, r->key, 1, r->tls);
        if (r->names == 10000 && one)
            BENCH_TARGET(f, r->r.hs_per_s >= 0.95 * one->r.hs_per_s,
                         "%s TLS 1.%d: 10000 names %.3fx the throughput of 1 (goal >= 0.95)", key_names[r->key],
                         r->tls % 10, r->r.hs_per_s / one->r.hs_per_s);
        double fl = floor_per_1000(r->key);
        if (!isnan(fl) && r->cpu_per_1000 > 0)
            BENCH_TARGET(f, r->cpu_per_1000 <= REACH_TARGET * fl,
                         "%s %zu names TLS 1.%d: server CPU %.2fx the crypto floor (goal <= 1.3; library + transport "
                         "alone: %.2fx)",
                         key_names[r->key], r->names, r->tls % 10, r->cpu_per_1000 / fl,
                         reach_us(r->key, r->tls) / 1000 / fl);
        double mine = kib_per_cert(r), theirs = hp ? kib_per_cert(hp) : NAN;
        if (!isnan(mine) && !isnan(theirs) && r->names >= 1000)
            BENCH_TARGET(f, mine <= theirs,
                         "%s %zu names TLS 1.%d: %.1f KiB per certificate (Pss_Anon), HAProxy %.1f (goal <= HAProxy)",
                         key_names[r->key], r->names, r->tls % 10, mine, theirs);
    }
}

static void json_num(FILE *f, const char *name, double v)
{
    bench_json_num(f, name, v, 4);
}

static void json_str(FILE *f, const char *name, const char *s)
{
    fprintf(f, ", \"%s\": \"", name);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

static int write_json(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "sslbind-tlsbench: %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(f, "[\n  {\"kind\": \"meta\"");
    json_str(f, "version", SSLB_VERSION_STRING);
    json_str(f, "openssl", OpenSSL_version(OPENSSL_VERSION));
    fprintf(f,
            ", \"cpus\": %ld, \"handshakes\": %zu, \"warmup\": %zu, \"concurrency\": %d, \"client_threads\": %d, "
            "\"server_workers\": %d, \"request\": %s, \"seed\": %llu, \"rsa_shared_keys\": %zu, \"idle\": %d, "
            "\"rounds\": %d}",
            sysconf(_SC_NPROCESSORS_ONLN), opt.handshakes, opt.warmup, opt.concurrency, opt.threads, opt.workers,
            opt.request ? "true" : "false", (unsigned long long)opt.seed, opt.rsa_keys, opt.idle, opt.rounds);
    for (int k = 0; k < KEY_COUNT; k++)
        if (have_floor[k]) {
            fprintf(f, ",\n  {\"kind\": \"floor\"");
            json_str(f, "key", key_names[k]);
            json_num(f, "sign_us", floors[k].sign_us);
            json_num(f, "x25519_keygen_us", floors[k].keygen_us);
            json_num(f, "x25519_derive_us", floors[k].derive_us);
            json_num(f, "floor_us", floors[k].total_us);
            json_num(f, "floor_cpu_s_per_1000", floors[k].total_us / 1000);
            fputc('}', f);
        }
    for (int k = 0; k < KEY_COUNT; k++)
        for (int v = 0; v < opt.ntls; v++) {
            const struct reach *R = &reach[k][TLS_INDEX(opt.tls[v])];
            if (!R->have) continue;
            double sum = R->lib.us + R->tcp.us;
            fprintf(f, ",\n  {\"kind\": \"reach\"");
            json_str(f, "key", key_names[k]);
            fprintf(f, ", \"tls\": \"1.%d\"", opt.tls[v] % 10);
            json_str(f, "cipher", R->lib.cipher);
            json_num(f, "library_us", R->lib.us);
            fprintf(f, ", \"library_connections\": %zu, \"library_batches\": %d", R->lib.connections, R->lib.batches);
            json_num(f, "clock_reading_us", R->lib.timer_us);
            json_num(f, "transport_us", R->tcp.us);
            fprintf(f, ", \"transport_connections\": %zu, \"transport_batches\": %d, \"transport_syscalls\": %zu",
                    R->tcp.connections, R->tcp.batches, R->tcp.syscalls);
            fputs(", \"bytes_in\": [", f);
            for (int t = 0; t < R->lib.shape.n; t++) fprintf(f, "%s%zu", t ? ", " : "", R->lib.shape.in[t]);
            fputs("], \"bytes_out\": [", f);
            for (int t = 0; t < R->lib.shape.n; t++) fprintf(f, "%s%zu", t ? ", " : "", R->lib.shape.out[t]);
            fprintf(f, "], \"client_tail\": %zu", R->lib.shape.tail);
            json_num(f, "reach_us", sum);
            json_num(f, "reach_cpu_s_per_1000", sum / 1000);
            json_num(f, "floor_us", have_floor[k] ? floors[k].total_us : NAN);
            json_num(f, "reach_vs_floor", have_floor[k] ? sum / floors[k].total_us : NAN);
            fprintf(f, ", \"target_in_reach\": %s",
                    !have_floor[k]                            ? "null"
                    : sum / floors[k].total_us < REACH_TARGET ? "true"
                                                              : "false");
            fputc('}', f);
        }
    for (int s = 0; s < S_COUNT; s++)
        if (skipped[s][0]) {
            fprintf(f, ",\n  {\"kind\": \"skipped\"");
            json_str(f, "server", server_names[s]);
            json_str(f, "reason", skipped[s]);
            fputc('}', f);
        }
    for (size_t i = 0; i < nrows; i++) {
        const struct row *r = &rows[i];
        const struct row *ng = find_row(S_NGINX, r->key, r->names, r->tls),
                         *hp = find_row(S_HAPROXY, r->key, r->names, r->tls);
        fprintf(f, ",\n  {\"kind\": \"%s\"", r->idle ? "idle" : "handshake");
        json_str(f, "server", server_names[r->server]);
        json_str(f, "key", key_names[r->key]);
        fprintf(
            f,
            ", \"names\": %zu, \"tls\": \"1.%d\", \"handshakes\": %zu, \"ok\": %zu, \"errors\": %zu, "
            "\"http_errors\": %zu, \"wrong\": %zu, \"warmup_errors\": %zu, \"warmup_wrong\": %zu, \"processes\": %d",
            r->names, r->tls % 10, opt.handshakes, r->r.ok, r->r.errors, r->r.http_bad, r->r.wrong, r->warm_errors,
            r->warm_wrong, r->nproc);
        fprintf(f, ", \"rounds\": %d, \"round_hs_per_s\": [", r->rounds);
        for (int k = 0; k < r->rounds; k++) fprintf(f, "%s%.4f", k ? ", " : "", r->round_hs[k]);
        fputc(']', f);
        json_num(f, "seconds", r->r.seconds);
        json_num(f, "hs_per_s", r->r.hs_per_s);
        json_num(f, "p50_us", r->r.p50_us);
        json_num(f, "p90_us", r->r.p90_us);
        json_num(f, "p99_us", r->r.p99_us);
        json_num(f, "max_us", r->r.max_us);
        json_num(f, "cpu_s", r->cpu_s);
        json_num(f, "cpu_s_per_1000", r->cpu_per_1000);
        json_num(f, "floor_cpu_s_per_1000", floor_per_1000(r->key));
        json_num(f, "cpu_vs_floor", ratio(r->cpu_per_1000, floor_per_1000(r->key)));
        json_num(f, "reach_cpu_s_per_1000", reach_us(r->key, r->tls) / 1000);
        json_num(f, "cpu_vs_reach", ratio(r->cpu_per_1000, reach_us(r->key, r->tls) / 1000));
        json_num(f, "rss_kib", r->rss_kib);
        json_num(f, "pss_kib", r->pss_kib);
        json_num(f, "pss_anon_kib", r->pss_anon_kib);
        json_num(f, "rss_end_kib", r->rss_end_kib);
        json_num(f, "pss_anon_per_cert_kib", kib_per_cert(r));
        json_num(f, "rss_per_cert_kib", rss_per_cert(r));
        json_num(f, "hs_vs_nginx", ng && ng != r ? ratio(r->r.hs_per_s, ng->r.hs_per_s) : NAN);
        json_num(f, "hs_vs_haproxy", hp && hp != r ? ratio(r->r.hs_per_s, hp->r.hs_per_s) : NAN);
        json_num(f, "cpu_vs_nginx", ng && ng != r ? ratio(r->cpu_per_1000, ng->cpu_per_1000) : NAN);
        json_num(f, "cpu_vs_haproxy", hp && hp != r ? ratio(r->cpu_per_1000, hp->cpu_per_1000) : NAN);
        json_num(f, "setup_s", r->setup_s);
        if (r->idle) {
            const struct row *free_run = find_row(r->server, r->key, r->names, r->tls);
            fprintf(f, ", \"idle\": %d, \"idle_up\": %d, \"idle_held\": %d", r->idle, r->idle_up, r->idle_held);
            json_num(f, "p99_vs_idle_free", free_run ? ratio(r->r.p99_us, free_run->r.p99_us) : NAN);
        }
        json_str(f, "first_error", r->r.first_error);
        json_str(f, "first_wrong", r->r.first_wrong);
        fputc('}', f);
    }
    fputs("\n]\n", f);
    return fclose(f) == 0 ? 0 : -1;
}

static int write_plot(const char *path)
{
    char script[] = "/tmp/sslbind-tlsbench-plot-XXXXXX", cmd[128];
    int fd = mkstemp(script), cols = 0;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

    if (!f) return -1;
    for (int k = 0; k < KEY_COUNT; k++) cols += opt.keys[k] * opt.ntls;
    size_t plen = strlen(path);
    if (plen > 4 && strcmp(path + plen - 4, ".png") == 0)
        fprintf(f, "set terminal pngcairo size %d,800\n", cols > 1 ? 400 * cols + 80 : 640);
    else fprintf(f, "set terminal svg size %d,800 dynamic background '#ffffff'\n", cols > 1 ? 400 * cols + 80 : 640);
    fprintf(f, "set output '%s'\n", path);
    fprintf(f,
            "set logscale x\nset xrange [0.5:*]\nset yrange [0:*]\nset key top right font ',9'\nset grid\n"
            "set multiplot layout 2,%d title 'sslbind-tlsbench: full TLS handshakes, %zu per point, %d in flight'\n",
            cols, opt.handshakes, opt.concurrency);
    for (int panel = 0; panel < 2; panel++)
        for (int k = 0; k < KEY_COUNT; k++)
            for (int v = 0; v < opt.ntls; v++) {
                if (!opt.keys[k]) continue;
                for (int s = 0; s < S_COUNT; s++) {
                    fprintf(f, "$d%d_%d_%d_%d << EOD\n", panel, k, v, s);
                    for (int si = 0; si < opt.nsizes; si++) {
                        const struct row *r = find_row(s, k, opt.sizes[si], opt.tls[v]);
                        if (r) fprintf(f, "%zu %.4f\n", r->names, panel ? r->cpu_per_1000 : r->r.hs_per_s);
                    }
                    fputs("EOD\n", f);
                }
                fprintf(f, "set title '%s, TLS 1.%d'\nset xlabel 'names (certificates)'\nset ylabel '%s'\n",
                        key_names[k], opt.tls[v] % 10, panel ? "server CPU s per 1000 handshakes" : "handshakes/s");
                fputs("plot ", f);
                for (int s = 0; s < S_COUNT; s++)
                    for (int si = 0; si < opt.nsizes; si++)
                        if (find_row(s, k, opt.sizes[si], opt.tls[v])) { /* only servers that ran */
                            fprintf(f, "$d%d_%d_%d_%d w lp t '%s', ", panel, k, v, s, server_names[s]);
                            break;
                        }
                if (panel && have_floor[k]) fprintf(f, "%.5f w l dt 2 t 'crypto floor', ", floors[k].total_us / 1000);
                if (panel && !isnan(reach_us(k, opt.tls[v])))
                    fprintf(f, "%.5f w l dt 3 t 'library + transport'\n", reach_us(k, opt.tls[v]) / 1000);
                else fputs("1/0 notitle\n", f);
            }
    fputs("unset multiplot\n", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "gnuplot %s", script);
    int rc = system(cmd);
    unlink(script);
    if (rc != 0) fprintf(stderr, "sslbind-tlsbench: gnuplot failed; is it installed (tools/deps)?\n");
    return rc == 0 ? 0 : -1;
}

/* ---- options ---- */

/* A number for option `name`, within [min, max]; exits with a message otherwise. */
static double num_arg(const char *name, const char *text, double min, double max)
{
    return bench_num_arg("sslbind-tlsbench", 2, name, text, min, max);
}

/* A comma list of words from `words`: sets on[i] for each; exits on an unknown one. */
static void word_list(const char *name, const char *text, const char *const *words, int nwords, int *on)
{
    char buf[256];
    memset(on, 0, (size_t)nwords * sizeof *on);
    snprintf(buf, sizeof buf, "%s", text);
    for (char *save = NULL, *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        int i;
        for (i = 0; i < nwords && strcmp(w, words[i]) != 0; i++)
            ;
        if (i == nwords) {
            fprintf(stderr, "sslbind-tlsbench: %s: '%s' is not one of", name, w);
            for (int j = 0; j < nwords; j++) fprintf(stderr, " %s", words[j]);
            fputc('\n', stderr);
            exit(2);
        }
        on[i] = 1;
    }
}

static void usage(FILE *f)
{
    fputs(
        "usage: sslbind-tlsbench [--sizes N,N,…] [--keys ecdsa,rsa] [--tls 1.3,1.2] [--servers sslbind,nginx,haproxy]\n"
        "                        [--handshakes N] [--rounds N] [--warmup N] [--concurrency N] [--threads N]\n"
        "                        [--workers N] [--seed N] [--no-request] [--timeout SEC] [--cache DIR] [--workdir DIR] "
        "[--keep]\n"
        "                        [--idle N] [--rsa-keys N] [--shell-max N] [--floor-seconds SEC] [--max-errors N]\n"
        "                        [--json FILE] [--plot FILE.svg|FILE.png] [--sslbind PATH] [--sslbind-tls PATH]\n"
        "                        [--nginx PATH|none] [--haproxy PATH|none] [--inject-fault]\n"
        "                        [--inject-floor-fault version|cert|bytes]\n"
        "       sslbind-tlsbench load --connect IP:PORT --names FILE [--tls 1.3|1.2] [--handshakes N]\n"
        "                        [--concurrency N] [--threads N] [--seed N] [--no-request] [--timeout SEC]\n"
        "       sslbind-tlsbench --help | --version\n"
        "Full TLS handshakes against sslbind-tls, nginx and HAProxy on loopback with the same certificates\n"
        "(one per name) and the same load; the crypto floor, and the library and transport floors under\n"
        "every server, measured in the same run. Defaults: sizes\n"
        "1,1000,10000, both key types, TLS 1.3 and 1.2, 5000 handshakes per row in 5 rounds (the servers\n"
        "take turns, so a host whose speed drifts slows them alike), 16 in flight, and the smallest\n"
        "size again beside 10000 idle connections (--idle 0: not).\n"
        "nginx and HAProxy come from tools/bench-peers; a missing one is skipped and said so.\n"
        "load: the load generator alone; FILE has a line 'name sha1-thumbprint' per name.\n"
        "\n"
        "  --sizes N,N,...      numbers of names, each with its own certificate (default 1,1000,10000)\n"
        "  --keys ecdsa,rsa     key types: ECDSA P-256, RSA-2048 (default both)\n"
        "  --tls 1.3,1.2        protocol versions, each a row of its own (default both)\n"
        "  --servers LIST       which of sslbind, nginx, haproxy (default all)\n"
        "  --handshakes N       connections per row (default 5000; load: 1000)\n"
        "  --rounds N           each row timed in N rounds, the servers taking turns (default 5)\n"
        "  --warmup N           unmeasured, checked connections after each start (default 200)\n"
        "  --concurrency N      connections in flight (default 16)\n"
        "  --threads N          client threads (default: the number of CPUs; load: 1)\n"
        "  --workers N          nginx worker processes and HAProxy threads (default: the number of CPUs)\n"
        "  --seed N             seed of the names asked for, the same for every server (default 42)\n"
        "  --no-request         handshake only (default: one HTTP request and its answer per connection)\n"
        "  --timeout SEC        per connection (default 10)\n"
        "  --idle N             silent connections held open in one more run at the smallest size\n"
        "                       (default 10000; 0: none)\n"
        "  --cache DIR          keep the generated certificates and sslbind's stores there for later runs\n"
        "  --workdir DIR        where the states and configurations go (default a new directory in /tmp)\n"
        "  --keep               keep the work directory (default: removed after)\n"
        "  --rsa-keys N         RSA keys shared round-robin by the RSA certificates (default 16; 0: one each)\n"
        "  --shell-max N        up to N names, bindings added by the sslbind script; above, bindings.reg\n"
        "                       written once by the core library (default 2000)\n"
        "  --floor-seconds SEC  CPU time per timed operation of the crypto floor, and the server's CPU time\n"
        "                       of the library floor and of the transport floor, each (default 0.3)\n"
        "  --max-errors N       failed connections tolerated before exit status 1 (default 0)\n"
        "  --json FILE          write every row as JSON\n"
        "  --plot FILE          draw handshakes/s and CPU per handshake against the names (gnuplot;\n"
        "                       .png: PNG, else SVG)\n"
        "  --sslbind PATH, --sslbind-tls PATH  the programs to use (default: beside this one)\n"
        "  --nginx PATH|none, --haproxy PATH|none  the peers (default: found in PATH or /usr/sbin);\n"
        "                       none: run as if not installed\n"
        "  --inject-fault       expect a wrong certificate once per row: the run must fail (for tests)\n"
        "  --inject-floor-fault version|cert|bytes  the library floor expects the other TLS version or\n"
        "                       another certificate, or the transport floor a byte less: no floor, exit 1\n"
        "  --connect IP:PORT, --names FILE  for load: the server, and the names with their thumbprints\n"
        "  --help, --version    this text, or the version\n"
        "\n"
        "Exit status: 0; 1 when a served certificate was wrong, errors exceed --max-errors or a floor failed\n"
        "its check; 2 bad usage.\n",
        f);
}

static void version(void)
{
    printf("sslbind-tlsbench %s (sslbind library %s, %s)\n", SSLB_VERSION_STRING, sslb_version(),
           OpenSSL_version(OPENSSL_VERSION));
}

/* sslbind-tlsbench load …: the load generator against a running server. */
static int load_main(int argc, char **argv)
{
    const char *connect_to = NULL, *names = NULL;
    struct load_cfg c = {
        .tls = 13, .handshakes = 1000, .concurrency = 16, .threads = 1, .seed = 42, .request = 1, .timeout = 10};
    struct load_result r;
    char host[256];

    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--connect") == 0 && v) connect_to = argv[++i];
        else if (strcmp(a, "--names") == 0 && v) names = argv[++i];
        else if (strcmp(a, "--tls") == 0 && v) {
            i++;
            if (strcmp(v, "1.3") != 0 && strcmp(v, "1.2") != 0) {
                fprintf(stderr, "sslbind-tlsbench: --tls: '%s' is not 1.3 or 1.2\n", v);
                return 2;
            }
            c.tls = v[2] == '3' ? 13 : 12;
        } else if (strcmp(a, "--handshakes") == 0 && v) c.handshakes = (size_t)num_arg(a, argv[++i], 1, 1e8);
        else if (strcmp(a, "--concurrency") == 0 && v) c.concurrency = (int)num_arg(a, argv[++i], 1, 100000);
        else if (strcmp(a, "--threads") == 0 && v) c.threads = (int)num_arg(a, argv[++i], 1, 64);
        else if (strcmp(a, "--seed") == 0 && v) c.seed = (uint64_t)num_arg(a, argv[++i], 0, 1e15);
        else if (strcmp(a, "--timeout") == 0 && v) c.timeout = num_arg(a, argv[++i], 0.1, 3600);
        else if (strcmp(a, "--no-request") == 0) c.request = 0;
        else if (strcmp(a, "--inject-fault") == 0) c.inject_fault = 1;
        else {
            usage(stderr);
            return 2;
        }
    }
    const char *colon = connect_to ? strrchr(connect_to, ':') : NULL;
    if (!colon || !names || colon == connect_to || (size_t)(colon - connect_to) >= sizeof host) {
        fprintf(stderr, "sslbind-tlsbench: load needs --connect IP:PORT and --names FILE\n");
        return 2;
    }
    size_t hl = (size_t)(colon - connect_to);
    if (connect_to[0] == '[' && hl >= 2 && connect_to[hl - 1] == ']') {
        memcpy(host, connect_to + 1, hl - 2);
        host[hl - 2] = '\0';
    } else {
        memcpy(host, connect_to, hl);
        host[hl] = '\0';
    }
    c.host = host;
    c.port = (int)num_arg("--connect", colon + 1, 1, 65535);
    FILE *f = fopen(names, "r");
    size_t cap = 0, n = 0;
    char **nm = NULL, line[1024];
    uint8_t(*th)[THUMB_LEN] = NULL;
    if (!f) {
        fprintf(stderr, "sslbind-tlsbench: %s: %s\n", names, strerror(errno));
        return 2;
    }
    while (fgets(line, sizeof line, f)) {
        char name[300], hex[64];
        if (line[0] == '#' || line[0] == '\n') continue;
        if (sscanf(line, "%299s %63s", name, hex) != 2 || strlen(hex) != 40) {
            fprintf(stderr, "sslbind-tlsbench: %s: '%.*s' is not 'name thumbprint'\n", names, (int)strcspn(line, "\n"),
                    line);
            fclose(f);
            return 2;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            nm = realloc(nm, cap * sizeof *nm);
            th = realloc(th, cap * sizeof *th);
            if (!nm || !th) abort();
        }
        if (thumb_parse(hex, th[n]) != 0) {
            fprintf(stderr, "sslbind-tlsbench: %s: '%s' is not 40 hex digits\n", names, hex);
            fclose(f);
            return 2;
        }
        nm[n++] = strdup(name);
    }
    fclose(f);
    if (!n) {
        fprintf(stderr, "sslbind-tlsbench: %s: no names\n", names);
        return 2;
    }
    c.names = nm;
    c.thumb = (const uint8_t(*)[THUMB_LEN])th;
    c.nnames = n;
    int rc = load_run(&c, &r);
    printf("%zu handshakes to %s, TLS 1.%d, %zu names: %.0f hs/s, p50 %.2f ms, p99 %.2f ms; ok %zu, errors %zu, "
           "wrong %zu\n",
           c.handshakes, connect_to, c.tls % 10, n, r.hs_per_s, r.p50_us / 1000, r.p99_us / 1000, r.ok, r.errors,
           r.wrong);
    if (r.first_error[0]) printf("first error: %s\n", r.first_error);
    if (r.first_wrong[0]) printf("wrong answer: %s\n", r.first_wrong);
    for (size_t i = 0; i < n; i++) free(nm[i]);
    free(nm);
    free(th);
    return rc != 0 || r.wrong || r.errors || r.http_bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *path_opt[S_COUNT + 1] = {NULL};
    static const char *const keywords[KEY_COUNT] = {"ecdsa", "rsa"};
    int status = 0;

    signal(SIGPIPE, SIG_IGN); /* a server closing first is an error counted, not the end of the run */
    signal(SIGINT, on_fatal);
    signal(SIGTERM, on_fatal);
    signal(SIGHUP, on_fatal);
    if (argc > 1 && strcmp(argv[1], "load") == 0) return load_main(argc, argv);
    opt.threads = opt.workers = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (opt.threads < 1) opt.threads = opt.workers = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--sizes") == 0 && v) {
            char *end = NULL;
            opt.nsizes = 0;
            for (const char *p = v;; p = end + 1) { /* digits only: "16," and ",16" alike refused */
                unsigned long long x = isdigit((unsigned char)*p) ? strtoull(p, &end, 10) : 0;
                if (x < 1 || x > 100000 || (*end && *end != ',') || opt.nsizes == 8) {
                    fprintf(stderr,
                            "sslbind-tlsbench: --sizes takes up to 8 numbers from 1 to 100000, separated by commas\n");
                    return 2;
                }
                int dup = 0;
                for (int k = 0; k < opt.nsizes; k++) dup |= opt.sizes[k] == (size_t)x;
                if (!dup) opt.sizes[opt.nsizes++] = (size_t)x; /* a size given twice is one row set */
                if (!*end) break;
            }
            i++;
        } else if (strcmp(a, "--keys") == 0 && v) word_list(a, argv[++i], keywords, KEY_COUNT, opt.keys);
        else if (strcmp(a, "--servers") == 0 && v) word_list(a, argv[++i], server_names, S_COUNT, opt.servers);
        else if (strcmp(a, "--tls") == 0 && v) {
            static const char *const versions[2] = {"1.3", "1.2"};
            int on[2];
            word_list(a, argv[++i], versions, 2, on);
            opt.ntls = 0;
            if (on[0]) opt.tls[opt.ntls++] = 13;
            if (on[1]) opt.tls[opt.ntls++] = 12;
        } else if (strcmp(a, "--handshakes") == 0 && v) opt.handshakes = (size_t)num_arg(a, argv[++i], 1, 1e8);
        else if (strcmp(a, "--rounds") == 0 && v) opt.rounds = (int)num_arg(a, argv[++i], 1, MAX_ROUNDS);
        else if (strcmp(a, "--warmup") == 0 && v) opt.warmup = (size_t)num_arg(a, argv[++i], 0, 1e7);
        else if (strcmp(a, "--concurrency") == 0 && v) opt.concurrency = (int)num_arg(a, argv[++i], 1, 100000);
        else if (strcmp(a, "--threads") == 0 && v) opt.threads = (int)num_arg(a, argv[++i], 1, 64);
        else if (strcmp(a, "--workers") == 0 && v) opt.workers = (int)num_arg(a, argv[++i], 1, 256);
        else if (strcmp(a, "--seed") == 0 && v) opt.seed = (uint64_t)num_arg(a, argv[++i], 0, 1e15);
        else if (strcmp(a, "--timeout") == 0 && v) opt.timeout = num_arg(a, argv[++i], 0.1, 3600);
        else if (strcmp(a, "--floor-seconds") == 0 && v) opt.floor_seconds = num_arg(a, argv[++i], 0.001, 60);
        else if (strcmp(a, "--rsa-keys") == 0 && v) opt.rsa_keys = (size_t)num_arg(a, argv[++i], 0, 1e6);
        else if (strcmp(a, "--shell-max") == 0 && v) opt.shell_max = (size_t)num_arg(a, argv[++i], 0, 1e6);
        else if (strcmp(a, "--idle") == 0 && v) opt.idle = (int)num_arg(a, argv[++i], 0, 1e6);
        else if (strcmp(a, "--max-errors") == 0 && v) opt.max_errors = (int)num_arg(a, argv[++i], 0, 1e9);
        else if (strcmp(a, "--no-request") == 0) opt.request = 0;
        else if (strcmp(a, "--keep") == 0) opt.keep = 1;
        else if (strcmp(a, "--inject-fault") == 0) opt.inject_fault = 1;
        else if (strcmp(a, "--inject-floor-fault") == 0 && v) {
            static const char *const faults[3] = {"version", "cert", "bytes"};
            int on[3];
            word_list(a, argv[++i], faults, 3, on);
            opt.floor_fault = on[0] ? FAULT_VERSION : on[1] ? FAULT_CERT : on[2] ? FAULT_BYTES : FAULT_NONE;
        } else if (strcmp(a, "--json") == 0 && v) opt.json = argv[++i];
        else if (strcmp(a, "--plot") == 0 && v) opt.plot = argv[++i];
        else if (strcmp(a, "--cache") == 0 && v) opt.cache = argv[++i];
        else if (strcmp(a, "--workdir") == 0 && v) opt.workdir = argv[++i];
        else if (strcmp(a, "--sslbind-tls") == 0 && v) path_opt[S_SSLBIND] = argv[++i];
        else if (strcmp(a, "--nginx") == 0 && v) path_opt[S_NGINX] = argv[++i];
        else if (strcmp(a, "--haproxy") == 0 && v) path_opt[S_HAPROXY] = argv[++i];
        else if (strcmp(a, "--sslbind") == 0 && v) path_opt[S_COUNT] = argv[++i];
        else if (strcmp(a, "--version") == 0) {
            version();
            return 0;
        } else if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "sslbind-tlsbench: unknown or incomplete option '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (opt.ntls == 0 || !(opt.keys[0] || opt.keys[1])) {
        usage(stderr);
        return 2;
    }

    /* the programs: ours beside this one, the peers from PATH (or /usr/sbin) */
    opt.bin[S_SSLBIND] = path_opt[S_SSLBIND] ? find_program(path_opt[S_SSLBIND]) : sibling("sslbind-tls");
    opt.bin[S_COUNT] = path_opt[S_COUNT] ? find_program(path_opt[S_COUNT]) : sibling("sslbind");
    for (int s = S_NGINX; s <= S_HAPROXY; s++) /* "none": run as if it were not installed */
        if (!path_opt[s] || strcmp(path_opt[s], "none") != 0)
            opt.bin[s] = find_program(path_opt[s] ? path_opt[s] : server_names[s]);
    if (opt.servers[S_SSLBIND] && (!opt.bin[S_SSLBIND] || !opt.bin[S_COUNT])) {
        fprintf(stderr,
                "sslbind-tlsbench: sslbind-tls and sslbind not found beside this program (--sslbind-tls, --sslbind)\n");
        return 2;
    }
    for (int s = S_NGINX; s <= S_HAPROXY; s++) {
        if (!opt.servers[s]) continue;
        if (path_opt[s] && strcmp(path_opt[s], "none") != 0 && !opt.bin[s]) {
            fprintf(stderr, "sslbind-tlsbench: --%s %s: not an executable\n", server_names[s], path_opt[s]);
            return 2;
        }
        if (!opt.bin[s]) {
            snprintf(skipped[s], sizeof skipped[s], "not installed (tools/bench-peers installs it)");
            opt.servers[s] = 0;
        }
    }

    struct rlimit rl; /* connections in flight, and the servers' (children inherit it) */
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 65536) {
        struct rlimit want = {65536, rl.rlim_max > 65536 ? rl.rlim_max : 65536};
        /* HAProxy reserves two descriptors per connection: 10 000 idle clients need more than
         * the usual 20 000; root may raise the hard limit (CAP_SYS_RESOURCE), others take theirs */
        if (setrlimit(RLIMIT_NOFILE, &want) != 0 && rl.rlim_cur < rl.rlim_max) {
            rl.rlim_cur = rl.rlim_max > 65536 ? 65536 : rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
        }
    }

    if ((size_t)opt.rounds > opt.handshakes) opt.rounds = (int)opt.handshakes; /* each round one at least */
    if (opt.idle > 0) {
        /* every server gets the same idle count: what the client can open, and what HAProxy's
         * maxconn (half the descriptors: it reserves two per connection) leaves beside the load */
        long room = fd_limit() - opt.concurrency - 64;
        const char *why = "descriptors to spare (ulimit -n)";
        if (opt.servers[S_HAPROXY] && fd_limit() / 2 - 100 - opt.concurrency - 64 < room) {
            room = fd_limit() / 2 - 100 - opt.concurrency - 64;
            why = "connections HAProxy can hold beside the load (maxconn: half of ulimit -n)";
        }
        if (room < opt.idle) {
            fprintf(stderr, "sslbind-tlsbench: --idle %d: only %ld %s; using %ld for every server\n", opt.idle,
                    room > 0 ? room : 0, why, room > 0 ? room : 0);
            opt.idle = room > 0 ? (int)room : 0;
        }
    }
    char work[PATH_MAX];
    int made_work = 0;
    if (opt.workdir) {
        snprintf(work, sizeof work, "%s", opt.workdir);
        if (mkdir(work, 0700) != 0 && errno != EEXIST) {
            fprintf(stderr, "sslbind-tlsbench: %s: %s\n", work, strerror(errno));
            return 2;
        }
        char *abs = realpath(work, NULL);
        if (abs) {
            snprintf(work, sizeof work, "%s", abs);
            free(abs);
        }
    } else {
        snprintf(work, sizeof work, "/tmp/sslbind-tlsbench-XXXXXX");
        if (!mkdtemp(work)) {
            fprintf(stderr, "sslbind-tlsbench: cannot make a work directory in /tmp\n");
            return 2;
        }
        made_work = 1;
        if (!opt.keep) memcpy(doomed_work, work, sizeof doomed_work);
    }
    if (opt.cache) {
        if (mkdir(opt.cache, 0700) != 0 && errno != EEXIST) {
            fprintf(stderr, "sslbind-tlsbench: --cache %s: %s\n", opt.cache, strerror(errno));
            return 2;
        }
        char *abs = realpath(opt.cache, NULL);
        PATHF(cache_dir, "%s", abs ? abs : opt.cache);
        free(abs);
    } else {
        PATHF(cache_dir, "%s/certs", work);
    }

    size_t maxn = 0;
    for (int i = 0; i < opt.nsizes; i++) maxn = opt.sizes[i] > maxn ? opt.sizes[i] : maxn;
    for (int k = 0; k < KEY_COUNT && status == 0; k++) {
        if (!opt.keys[k]) continue;
        bench_progress("crypto floor: %s", key_names[k]);
        have_floor[k] = floor_measure(k, opt.floor_seconds, &floors[k]) == 0;
        struct certset cs;
        bench_progress("certificates: %zu %s", maxn, key_names[k]);
        if (certset_make(&cs, k, maxn, cache_dir, opt.rsa_keys) != 0) {
            certset_free(&cs);
            status = 1;
            break;
        }
        for (int v = 0; v < opt.ntls; v++) measure_reach(k, opt.tls[v], &cs); /* before any server starts */
        if (measure(&cs, work) != 0) status = 1;
        certset_free(&cs);
    }
    bench_progress("%s", "");
    if (isatty(2)) fputs("\r\033[K", stderr);
    print_tables(stdout);
    print_targets(stdout);
    if (opt.json && write_json(opt.json) != 0) status = 1;
    if (opt.plot && write_plot(opt.plot) != 0) status = 1;

    size_t wrong = 0, errors = 0;
    for (size_t i = 0; i < nrows; i++) {
        wrong += rows[i].r.wrong + rows[i].warm_wrong;
        if (!rows[i].idle) /* beside idle clients, failures are what is measured: reported, not fatal */
            errors += rows[i].r.errors + rows[i].warm_errors;
        if (rows[i].r.first_wrong[0])
            fprintf(stderr, "sslbind-tlsbench: wrong answer from %s: %s\n", server_names[rows[i].server],
                    rows[i].r.first_wrong);
    }
    if (wrong) {
        fprintf(stderr,
                "sslbind-tlsbench: %zu handshakes served a certificate other than the one bound to their name\n",
                wrong);
        status = 1;
    }
    if (floor_failed) {
        fprintf(stderr, "sslbind-tlsbench: a library or transport floor failed its check (above): not reported\n");
        status = 1;
    }
    if (errors > (size_t)opt.max_errors) {
        fprintf(stderr, "sslbind-tlsbench: %zu connections failed (--max-errors %d)\n", errors, opt.max_errors);
        status = 1;
    }
    if (made_work && !opt.keep) remove_tree(work);
    else if (opt.keep) fprintf(stderr, "sslbind-tlsbench: kept %s\n", work);
    for (int s = 0; s <= S_COUNT; s++) free(opt.bin[s]);
    return status;
}
