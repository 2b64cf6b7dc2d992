/* load.c — the load generator: full handshakes, N connections in flight over a few threads,
 * each with its own epoll loop and non-blocking OpenSSL. Connection k (0 … handshakes-1) asks,
 * as SNI, for name load_pick(seed, k): the same sequence for every server. Each connection is
 * new (no session cache, no ticket offered or reused); the served certificate's SHA-1 must be
 * the one expected for the name asked, or the answer is counted wrong. */
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "sslb/param.h"
#include "../cli.h"
#include "../sample.h"
#include "tlsbench.h"

size_t load_pick(uint64_t seed, size_t k, size_t n)
{
    uint64_t z = seed + (k + 1) * 0x9e3779b97f4a7c15ull; /* splitmix64 of (seed, k) */
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return (size_t)(z % n);
}

enum cstate { C_IDLE, C_CONNECTING, C_HANDSHAKE, C_WRITE, C_READ };

struct conn {
    enum cstate st;
    int fd;
    SSL *ssl;
    size_t k, name;
    double t0, deadline;
    char *hdr; /* the answer's head, up to HDR_MAX bytes (allocated while reading) */
    size_t nhdr;
    int head_done, status;
    long body_left; /* bytes of body still to come; -1: until the server closes */
};

#define HDR_MAX 2048

struct shared {
    const struct load_cfg *cfg;
    SSL_CTX *ctx;
    struct sockaddr_storage addr;
    socklen_t addrlen;
    size_t next;    /* the next connection number (atomic) */
    double *lat_us; /* per connection number; NAN: failed */
};

struct worker {
    pthread_t th;
    struct shared *sh;
    int nslots;
    size_t ok, errors, wrong, http_bad;
    char first_error[256], first_wrong[320];
};

static void fail(struct worker *w, struct conn *c, const char *what)
{
    char buf[256], e[160] = "";
    unsigned long code = ERR_peek_last_error();
    if (code) ERR_error_string_n(code, e, sizeof e);
    snprintf(buf, sizeof buf, "%s %s%s%s", w->sh->cfg->names[c->name], what, e[0] ? ": " : "", e);
    if (!w->errors++) snprintf(w->first_error, sizeof w->first_error, "%s", buf);
    ERR_clear_error();
}

static void finish(struct conn *c)
{
    free(c->hdr);
    c->hdr = NULL;
    if (c->ssl) SSL_free(c->ssl);
    if (c->fd >= 0) close(c->fd);
    c->ssl = NULL;
    c->fd = -1;
    c->st = C_IDLE;
}

/* Starts connection number k on slot c; 0, or -1 when there is no more to start. */
static int start(struct worker *w, int ep, struct conn *c)
{
    struct shared *sh = w->sh;
    const struct load_cfg *cfg = sh->cfg;
    size_t k = __atomic_fetch_add(&sh->next, 1, __ATOMIC_RELAXED);
    struct epoll_event ev;
    int one = 1;

    if (k >= cfg->handshakes) return -1;
    memset(c, 0, sizeof *c);
    c->fd = -1;
    c->k = k;
    c->name = load_pick(cfg->seed, k, cfg->nnames);
    c->t0 = bench_now_s();
    c->deadline = c->t0 + cfg->timeout;
    sh->lat_us[k] = NAN;
    if ((c->fd = socket(sh->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) < 0) {
        fail(w, c, strerror(errno));
        return 0;
    }
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c->fd, (struct sockaddr *)&sh->addr, sh->addrlen) != 0 && errno != EINPROGRESS) {
        char m[128];
        snprintf(m, sizeof m, "connect: %s", strerror(errno));
        fail(w, c, m);
        finish(c);
        return 0;
    }
    c->st = C_CONNECTING;
    ev.events = EPOLLOUT;
    ev.data.ptr = c;
    if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) != 0) {
        fail(w, c, "epoll_ctl");
        finish(c);
    }
    return 0;
}

static void want(int ep, struct conn *c, int err)
{
    struct epoll_event ev = {.events = err == SSL_ERROR_WANT_WRITE ? EPOLLOUT : EPOLLIN, .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
}

/* The served certificate against the one expected for the name asked. */
static void check_cert(struct worker *w, struct conn *c)
{
    const struct load_cfg *cfg = w->sh->cfg;
    X509 *x = SSL_get0_peer_certificate(c->ssl);
    uint8_t md[EVP_MAX_MD_SIZE], want_t[THUMB_LEN];
    unsigned len = 0;
    char got[41] = "(none)", exp[41];

    memcpy(want_t, cfg->thumb[c->name], THUMB_LEN);
    if (cfg->inject_fault && c->k == cfg->handshakes / 2) want_t[0] ^= 1;
    if (x && X509_digest(x, EVP_sha1(), md, &len) == 1 && len == THUMB_LEN && memcmp(md, want_t, THUMB_LEN) == 0)
        return;
    if (x && len == THUMB_LEN) thumb_hex(md, got);
    thumb_hex(want_t, exp);
    if (!w->wrong++)
        snprintf(w->first_wrong, sizeof w->first_wrong, "connection %zu, SNI %s: served %s, expected %s", c->k,
                 cfg->names[c->name], got, exp);
}

/* Advances c as far as it can go without blocking. */
static void step(struct worker *w, int ep, struct conn *c)
{
    const struct load_cfg *cfg = w->sh->cfg;
    int r, e;

    if (c->st == C_CONNECTING) {
        int err = 0;
        socklen_t l = sizeof err;
        if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l) != 0 || err) {
            char m[128];
            snprintf(m, sizeof m, "connect: %s", strerror(err ? err : errno));
            fail(w, c, m);
            finish(c);
            return;
        }
        if (!(c->ssl = SSL_new(w->sh->ctx)) || SSL_set_fd(c->ssl, c->fd) != 1 ||
            SSL_set_tlsext_host_name(c->ssl, cfg->names[c->name]) != 1) {
            fail(w, c, "SSL_new");
            finish(c);
            return;
        }
        SSL_set_connect_state(c->ssl);
        c->st = C_HANDSHAKE;
    }
    if (c->st == C_HANDSHAKE) {
        if ((r = SSL_do_handshake(c->ssl)) != 1) {
            e = SSL_get_error(c->ssl, r);
            if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
                want(ep, c, e);
                return;
            }
            if (e == SSL_ERROR_SYSCALL && !ERR_peek_last_error()) { /* no alert: the socket said why */
                char m[128];
                snprintf(m, sizeof m, "handshake failed: %s",
                         errno ? strerror(errno) : "the server closed the connection");
                fail(w, c, m);
            } else {
                fail(w, c, "handshake failed");
            }
            finish(c);
            return;
        }
        w->sh->lat_us[c->k] = (bench_now_s() - c->t0) * 1e6;
        check_cert(w, c);
        if (!cfg->request) {
            SSL_shutdown(c->ssl); /* close_notify; the server's is not awaited */
            w->ok++;
            finish(c);
            return;
        }
        c->st = C_WRITE;
    }
    if (c->st == C_WRITE) {
        char req[400];
        int n = load_request(req, sizeof req, cfg->names[c->name]);
        if ((r = SSL_write(c->ssl, req, n)) <= 0) {
            e = SSL_get_error(c->ssl, r);
            if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
                want(ep, c, e);
                return;
            }
            w->sh->lat_us[c->k] = NAN;
            fail(w, c, "request not sent");
            finish(c);
            return;
        }
        c->st = C_READ;
    }
    if (c->st == C_READ) {
        char buf[4096];
        int complete = 0;
        if (!c->hdr && !(c->hdr = malloc(HDR_MAX + 1))) {
            fail(w, c, "out of memory");
            finish(c);
            return;
        }
        while (!complete) {
            r = SSL_read(c->ssl, buf, sizeof buf);
            if (r <= 0) {
                e = SSL_get_error(c->ssl, r);
                if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
                    want(ep, c, e);
                    return;
                }
                complete = c->head_done && c->body_left < 0; /* closed: the end of a body without a length */
                break;
            }
            size_t used = 0;
            if (!c->head_done) { /* the head: status line, then Content-Length, up to the blank line */
                size_t take = (size_t)r < HDR_MAX - c->nhdr ? (size_t)r : HDR_MAX - c->nhdr;
                memcpy(c->hdr + c->nhdr, buf, take);
                c->nhdr += take;
                c->hdr[c->nhdr] = '\0';
                char *end = strstr(c->hdr, "\r\n\r\n");
                if (!end) {
                    if (c->nhdr == HDR_MAX) break; /* a head this long is not the answer expected */
                    continue;
                }
                c->head_done = 1;
                used = take - (c->nhdr - (size_t)(end + 4 - c->hdr));
                c->status =
                    strncmp(c->hdr, "HTTP/1.", 7) == 0 && c->hdr[8] == ' ' ? (int)strtol(c->hdr + 9, NULL, 10) : 0;
                c->body_left = -1;
                for (char *l = strstr(c->hdr, "\r\n"); l && l < end; l = strstr(l + 2, "\r\n"))
                    if (sslb_ascii_ncasecmp(l + 2, "content-length:", 15) == 0) c->body_left = strtol(l + 17, NULL, 10);
            }
            if (c->body_left >= 0) {
                c->body_left -= (long)((size_t)r - used);
                complete = c->body_left <= 0; /* the whole answer: keep-alive or not, done */
            }
        }
        ERR_clear_error();
        if (complete && c->status == 200) {
            SSL_shutdown(c->ssl);
            w->ok++;
        } else {
            w->http_bad++;
            w->sh->lat_us[c->k] = NAN;
            char m[64];
            if (c->status) snprintf(m, sizeof m, "answered %d", c->status);
            fail(w, c, c->status && c->status != 200 ? m : c->nhdr ? "answer cut short" : "closed without an answer");
        }
        finish(c);
    }
}

static void *worker_main(void *p)
{
    struct worker *w = p;
    int ep = epoll_create1(EPOLL_CLOEXEC), live = 0;
    struct conn *slots = calloc((size_t)w->nslots, sizeof *slots);
    struct epoll_event evs[256];
    double next_scan = bench_now_s() + 0.1;

    if (ep < 0 || !slots) {
        snprintf(w->first_error, sizeof w->first_error, "no memory or epoll for the client");
        w->errors++;
        free(slots);
        if (ep >= 0) close(ep);
        return NULL;
    }
    for (int i = 0; i < w->nslots; i++) {
        slots[i].fd = -1;
        if (start(w, ep, &slots[i]) == 0) live++;
    }
    while (live > 0) {
        int n = epoll_wait(ep, evs, 256, 100);
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            step(w, ep, c);
        }
        double t = bench_now_s();
        if (t >= next_scan) { /* connections past their time */
            next_scan = t + 0.1;
            for (int i = 0; i < w->nslots; i++)
                if (slots[i].st != C_IDLE && t > slots[i].deadline) {
                    w->sh->lat_us[slots[i].k] = NAN;
                    fail(w, &slots[i], "timed out");
                    finish(&slots[i]);
                }
        }
        live = 0;
        for (int i = 0; i < w->nslots; i++) {
            if (slots[i].st == C_IDLE && start(w, ep, &slots[i]) != 0) continue;
            live += slots[i].st != C_IDLE || slots[i].fd >= 0;
            if (slots[i].st == C_IDLE) { /* started and failed at once: try the next number */
                i--;
                continue;
            }
        }
    }
    close(ep);
    free(slots);
    return NULL;
}

static double pct(const double *s, size_t n, double p)
{
    if (!n) return 0;
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return s[i < n ? i : n - 1];
}

SSL_CTX *load_client_ctx(int tls)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    int v = tls == 12 ? TLS1_2_VERSION : TLS1_3_VERSION;

    if (!ctx) return NULL;
    SSL_CTX_set_min_proto_version(ctx, v);
    SSL_CTX_set_max_proto_version(ctx, v);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF); /* a new session every time */
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); /* self-signed: the thumbprint is checked instead */
    if (SSL_CTX_set1_groups_list(ctx, "X25519:P-256") != 1) {
        /* X25519 (the floor's key exchange) is the key share every server takes; P-256 is listed
         * because a TLS 1.2 server presents an ECDSA P-256 certificate only to clients naming it */
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

int load_request(char *buf, size_t n, const char *name)
{
    return snprintf(buf, n, "GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", name);
}

int load_run(const struct load_cfg *cfg, struct load_result *res)
{
    struct shared sh;
    struct worker *w;
    int threads = cfg->threads < 1 ? 1 : cfg->threads;
    double t0;

    memset(res, 0, sizeof *res);
    memset(&sh, 0, sizeof sh);
    sh.cfg = cfg;
    if (threads > cfg->concurrency) threads = cfg->concurrency;
    if (load_sockaddr(cfg->host, cfg->port, &sh.addr, &sh.addrlen) != 0) {
        snprintf(res->first_error, sizeof res->first_error, "%s is not a numeric address", cfg->host);
        return -1;
    }
    if (!(sh.ctx = load_client_ctx(cfg->tls))) return -1;
    /* a connection never started (a client thread that could not start) has no latency: NaN */
    if (!(sh.lat_us = malloc(cfg->handshakes * sizeof(double))) || !(w = calloc((size_t)threads, sizeof *w))) {
        free(sh.lat_us);
        SSL_CTX_free(sh.ctx);
        return -1;
    }
    for (size_t k = 0; k < cfg->handshakes; k++) sh.lat_us[k] = NAN;
    t0 = bench_now_s();
    int started = 0;
    for (int i = 0; i < threads; i++) {
        w[i].sh = &sh;
        w[i].nslots = cfg->concurrency / threads + (i < cfg->concurrency % threads);
        if (pthread_create(&w[i].th, NULL, worker_main, &w[i]) == 0) started++;
        else break;
    }
    if (started < threads) { /* an error, the first said: no figure from a run without its clients */
        snprintf(res->first_error, sizeof res->first_error, "cannot start client thread %d of %d", started + 1,
                 threads);
        res->errors++;
    }
    for (int i = 0; i < started; i++) {
        pthread_join(w[i].th, NULL);
        res->ok += w[i].ok;
        res->errors += w[i].errors;
        res->wrong += w[i].wrong;
        res->http_bad += w[i].http_bad;
        if (!res->first_error[0] && w[i].first_error[0])
            snprintf(res->first_error, sizeof res->first_error, "%s", w[i].first_error);
        if (!res->first_wrong[0] && w[i].first_wrong[0])
            snprintf(res->first_wrong, sizeof res->first_wrong, "%s", w[i].first_wrong);
    }
    res->seconds = bench_now_s() - t0;
    /* handshakes per second: the handshakes completed over the run's wall time */
    size_t ns = 0;
    for (size_t k = 0; k < cfg->handshakes; k++)
        if (!isnan(sh.lat_us[k])) sh.lat_us[ns++] = sh.lat_us[k];
    qsort(sh.lat_us, ns, sizeof(double), sample_cmp);
    res->hs_per_s = res->seconds > 0 ? (double)ns / res->seconds : 0;
    res->p50_us = pct(sh.lat_us, ns, 0.50);
    res->p90_us = pct(sh.lat_us, ns, 0.90);
    res->p99_us = pct(sh.lat_us, ns, 0.99);
    res->max_us = ns ? sh.lat_us[ns - 1] : 0;
    free(sh.lat_us);
    free(w);
    SSL_CTX_free(sh.ctx);
    return 0;
}

/* ---- idle clients: connections that connect and then say nothing ---- */

int load_sockaddr(const char *host, int port, struct sockaddr_storage *ss, socklen_t *sl)
{
    struct sockaddr_in *in = (void *)ss;
    struct sockaddr_in6 *in6 = (void *)ss;
    memset(ss, 0, sizeof *ss);
    if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
        in->sin_family = AF_INET;
        in->sin_port = htons((uint16_t)port);
        *sl = sizeof *in;
    } else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        *sl = sizeof *in6;
    } else {
        return -1;
    }
    return 0;
}

int idle_open(const char *host, int port, int n, int *fds, double wait_s)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    int ep = epoll_create1(EPOLL_CLOEXEC), open_n = 0, done = 0, up = 0;
    struct epoll_event evs[512];

    for (int i = 0; i < n; i++) fds[i] = -1;
    if (ep < 0 || load_sockaddr(host, port, &ss, &sl) != 0) {
        if (ep >= 0) close(ep);
        return 0;
    }
    for (int i = 0; i < n; i++) {
        int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) break;
        if (connect(fd, (struct sockaddr *)&ss, sl) != 0 && errno != EINPROGRESS) {
            close(fd);
            continue;
        }
        struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = (uint32_t)i};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        fds[i] = fd;
        open_n++;
    }
    /* wait for the handshakes of TCP (a full backlog holds some back: they stay pending) */
    double end = bench_now_s() + wait_s;
    while (done < open_n && bench_now_s() < end) {
        int k = epoll_wait(ep, evs, 512, 100);
        for (int j = 0; j < k; j++) {
            int i = (int)evs[j].data.u32, err = 0;
            socklen_t l = sizeof err;
            epoll_ctl(ep, EPOLL_CTL_DEL, fds[i], NULL);
            done++;
            if (getsockopt(fds[i], SOL_SOCKET, SO_ERROR, &err, &l) == 0 && !err) up++;
        }
    }
    close(ep);
    return up;
}

int idle_held(const int *fds, int n)
{
    int held = 0;
    for (int i = 0; i < n; i++) {
        char c;
        if (fds[i] < 0) continue;
        ssize_t r = recv(fds[i], &c, 1, MSG_PEEK | MSG_DONTWAIT);
        held += r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK); /* open, nothing said: still held */
    }
    return held;
}

void idle_close(int *fds, int n)
{
    for (int i = 0; i < n; i++)
        if (fds[i] >= 0) {
            close(fds[i]);
            fds[i] = -1;
        }
}
