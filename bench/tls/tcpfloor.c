/* tcpfloor.c — the transport floor: the kernel's part of one connection of the load, seen from
 * the server, with no TLS. A server thread runs an epoll loop shaped as one of sslbind-tls's
 * workers (docs/tls.md), and a client thread drives it with the load's concurrency, over TCP on
 * loopback; each connection moves the bytes one TLS connection moves (the library floor's turns:
 * for TLS 1.3 the ClientHello, the server's flight, the client's Finished and request, the
 * server's ticket, answer and close_notify in one send, then the client's close_notify). Per
 * connection the server makes the system calls strace shows sslbind-tls making for one such
 * connection: accept4 on the non-blocking listener (and one that finds no more, per wake-up),
 * setsockopt(TCP_NODELAY), epoll_ctl(ADD); per turn an epoll_wait, a read of the turn's bytes
 * and, but in the last turn, one more read that finds nothing (OpenSSL reads until it would
 * block), and one send; at the end ioctl(FIONREAD) and close. Measured: the server thread's CPU
 * time (what the kernel spends in its system calls, loopback's delivery of what it sends
 * included) per connection, the median of a few batches'. Not counted: any TLS, and anything a
 * server program does beyond these calls. Every connection's bytes are checked both ways. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../sample.h"
#include "tlsbench.h"

#define BATCHES 5
#define MIN_PER_BATCH 100
#define MAX_PER_BATCH 20000
#define BUF 17000 /* bigger than any turn: a TLS record and then some */

struct shared {
    const struct turns *t;
    size_t expect_in; /* what the server checks it reads in the first turn: t->in[0], or one less (a fault) */
    int lfd;
    struct sockaddr_storage addr;
    socklen_t addrlen;
    size_t n; /* connections in this batch */
    int concurrency;
    double server_cpu;
    size_t served, syscalls, bad_server, bad_client;
    char why[160];
};

struct sconn {
    int fd, turn;
    size_t got;
};

static void say(struct shared *sh, const char *what)
{
    if (!sh->why[0]) snprintf(sh->why, sizeof sh->why, "%s", what);
}

/* The server: an epoll loop over the listener and its connections, until n are served. */
static void *server_main(void *p)
{
    struct shared *sh = p;
    const struct turns *t = sh->t;
    static char out[BUF]; /* written, never read: what a record's bytes are does not matter */
    char buf[BUF];
    struct epoll_event evs[64], ev = {.events = EPOLLIN, .data.ptr = NULL};
    struct sconn *pool = calloc((size_t)sh->concurrency + 64, sizeof *pool);
    int ep = epoll_create1(EPOLL_CLOEXEC), idle = 0;
    size_t calls = 0;
    double t0 = cpu_now();

    if (!pool || ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, sh->lfd, &ev) != 0) {
        say(sh, "no memory or epoll for the transport's server");
        sh->bad_server++;
        goto out;
    }
    for (int i = 0; i < sh->concurrency + 64; i++) pool[i].fd = -1;
    while (sh->served + sh->bad_server < sh->n) {
        int k = epoll_wait(ep, evs, 64, 2000);
        calls++;
        if (k == 0 && ++idle == 3) {
            say(sh, "the transport's server waited 6 s for its client");
            sh->bad_server++;
            break;
        }
        if (k > 0) idle = 0;
        for (int e = 0; e < k; e++) {
            struct sconn *c = evs[e].data.ptr;
            if (!c) { /* the listener: accept what is there, as sslbind-tls's workers do */
                for (;;) {
                    int fd = accept4(sh->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC), one = 1, i;
                    calls++;
                    if (fd < 0) break;
                    for (i = 0; i < sh->concurrency + 64 && pool[i].fd >= 0; i++)
                        ;
                    if (i == sh->concurrency + 64) {
                        say(sh, "more connections than the client keeps in flight");
                        close(fd);
                        sh->bad_server++;
                        continue;
                    }
                    pool[i].fd = fd;
                    pool[i].turn = 0;
                    pool[i].got = 0;
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event cev = {.events = EPOLLIN, .data.ptr = &pool[i]};
                    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &cev);
                    calls += 2;
                }
                continue;
            }
            int last = c->turn == t->n - 1, gone = 0;
            size_t want = c->turn == 0 ? sh->expect_in : t->in[c->turn];
            for (;;) { /* the turn's bytes; then, but in the last turn, until the socket is empty */
                ssize_t r = read(c->fd, buf, sizeof buf);
                calls++;
                if (r > 0) {
                    c->got += (size_t)r;
                    if (last && c->got >= want) break;
                    continue;
                }
                gone = r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
                break;
            }
            if (!gone && c->got < want) continue; /* the rest of the turn is still to come */
            if (gone || c->got != want) {
                char m[160];
                snprintf(m, sizeof m, "the transport's server read %zu bytes in turn %d, expected %zu%s", c->got,
                         c->turn + 1, want, gone ? " (the client closed)" : "");
                say(sh, m);
                sh->bad_server++;
                close(c->fd);
                c->fd = -1;
                continue;
            }
            ssize_t w = send(c->fd, out, t->out[c->turn], MSG_NOSIGNAL);
            calls++;
            if (w != (ssize_t)t->out[c->turn]) {
                say(sh, "the transport's server could not send a turn whole");
                sh->bad_server++;
                close(c->fd);
                c->fd = -1;
                continue;
            }
            c->got = 0;
            if (++c->turn == t->n) { /* as sslbind-tls: is the client still sending? then close */
                int pending = 0;
                ioctl(c->fd, FIONREAD, &pending);
                close(c->fd);
                calls += 2;
                c->fd = -1;
                sh->served++;
            }
        }
    }
out:
    sh->server_cpu = cpu_now() - t0;
    sh->syscalls = calls;
    for (int i = 0; pool && i < sh->concurrency + 64; i++)
        if (pool[i].fd >= 0) close(pool[i].fd);
    free(pool);
    if (ep >= 0) close(ep);
    return NULL;
}

struct cconn {
    int fd, turn, up;
    size_t got;
};

/* Starts a connection on c: 0, or -1 (counted). */
static int cstart(struct shared *sh, int ep, struct cconn *c)
{
    int one = 1;
    memset(c, 0, sizeof *c);
    if ((c->fd = socket(sh->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) < 0) return -1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct epoll_event ev = {.events = EPOLLOUT, .data.ptr = c};
    if ((connect(c->fd, (struct sockaddr *)&sh->addr, sh->addrlen) != 0 && errno != EINPROGRESS) ||
        epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) != 0) {
        close(c->fd);
        c->fd = -1;
        return -1;
    }
    return 0;
}

/* The client: the mirror image, `concurrency` connections in flight. */
static void *client_main(void *p)
{
    struct shared *sh = p;
    const struct turns *t = sh->t;
    static char out[BUF];
    char buf[BUF];
    struct epoll_event evs[64];
    struct cconn *slot = calloc((size_t)sh->concurrency, sizeof *slot);
    int ep = epoll_create1(EPOLL_CLOEXEC), live = 0;
    size_t started = 0;

    if (!slot || ep < 0) {
        say(sh, "no memory or epoll for the transport's client");
        sh->bad_client = sh->n;
        free(slot);
        if (ep >= 0) close(ep);
        return NULL;
    }
    for (int i = 0; i < sh->concurrency; i++) slot[i].fd = -1;
    for (int i = 0; i < sh->concurrency && started < sh->n; i++, started++) {
        if (cstart(sh, ep, &slot[i]) == 0) live++;
        else sh->bad_client++;
    }
    while (live > 0) {
        int k = epoll_wait(ep, evs, 64, 2000);
        if (k == 0) {
            say(sh, "the transport's client waited 2 s for its server");
            sh->bad_client += (size_t)live;
            break;
        }
        for (int e = 0; e < k; e++) {
            struct cconn *c = evs[e].data.ptr;
            int done = 0, bad = 0;
            if (!c->up) { /* connected: the first turn's bytes */
                int err = 0;
                socklen_t l = sizeof err;
                struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
                c->up = 1;
                bad = getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l) != 0 || err ||
                      send(c->fd, out, t->in[0], MSG_NOSIGNAL) != (ssize_t)t->in[0] ||
                      epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) != 0;
            } else {
                for (;;) {
                    ssize_t r = read(c->fd, buf, sizeof buf);
                    if (r > 0) {
                        c->got += (size_t)r;
                        continue;
                    }
                    bad = r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
                    break;
                }
                if (c->got > t->out[c->turn]) bad = 1;
                else if (c->got == t->out[c->turn]) {
                    c->got = 0;
                    bad = 0;
                    if (++c->turn == t->n) { /* the answer whole: the client's close_notify, then close */
                        if (t->tail) send(c->fd, out, t->tail, MSG_NOSIGNAL);
                        done = 1;
                    } else if (send(c->fd, out, t->in[c->turn], MSG_NOSIGNAL) != (ssize_t)t->in[c->turn]) {
                        bad = 1;
                    }
                }
            }
            if (bad && !sh->why[0]) {
                char m[160];
                snprintf(m, sizeof m, "the transport's client got %zu bytes in turn %d, expected %zu", c->got,
                         c->turn + 1, t->out[c->turn < t->n ? c->turn : 0]);
                say(sh, m);
            }
            if (!bad && !done) continue;
            sh->bad_client += (size_t)bad;
            close(c->fd);
            c->fd = -1;
            live--;
            if (started < sh->n) {
                started++;
                if (cstart(sh, ep, c) == 0) live++;
                else sh->bad_client++;
            }
        }
    }
    for (int i = 0; i < sh->concurrency; i++) /* after a wait in vain: what is still open */
        if (slot[i].fd >= 0) close(slot[i].fd);
    free(slot);
    close(ep);
    return NULL;
}

/* One batch of n connections: the server thread's CPU seconds per connection, or -1. */
static double batch(struct shared *sh, size_t n)
{
    pthread_t s, c;
    sh->n = n;
    sh->served = sh->syscalls = sh->bad_server = sh->bad_client = 0;
    sh->server_cpu = 0;
    if (pthread_create(&s, NULL, server_main, sh) != 0) {
        say(sh, "cannot start the transport's server thread");
        return -1;
    }
    if (pthread_create(&c, NULL, client_main, sh) != 0) {
        say(sh, "cannot start the transport's client thread");
        sh->bad_client = n; /* the server gives up after its wait */
    } else {
        pthread_join(c, NULL);
    }
    pthread_join(s, NULL);
    if (sh->bad_server || sh->bad_client || sh->served != n) return -1;
    return sh->server_cpu / (double)n;
}

int tcpfloor_measure(const char *host, const struct turns *t, int concurrency, double seconds, enum floor_fault fault,
                     struct tcp_floor *f, char *why, size_t whylen)
{
    struct shared sh;
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    double per[BATCHES], est;
    int one = 1, rc = -1;

    memset(f, 0, sizeof *f);
    memset(&sh, 0, sizeof sh);
    why[0] = '\0';
    sh.t = t;
    sh.expect_in = t->in[0] - (fault == FAULT_BYTES); /* the server expects a byte less than is sent */
    sh.concurrency = concurrency < 1 ? 1 : concurrency;
    if (t->n < 1 || t->n > TURNS_MAX) {
        snprintf(why, whylen, "no turns to make");
        return -1;
    }
    for (int i = 0; i < t->n; i++)
        if (!t->in[i] || !t->out[i] || t->in[i] > BUF || t->out[i] > BUF) {
            snprintf(why, whylen, "turn %d: %zu bytes in, %zu out: not what one send carries here", i + 1, t->in[i],
                     t->out[i]);
            return -1;
        }
    if (load_sockaddr(host, 0, &sh.addr, &sh.addrlen) != 0 ||
        (sh.lfd = socket(sh.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) < 0) {
        snprintf(why, whylen, "cannot make a socket on %s", host);
        return -1;
    }
    setsockopt(sh.lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(sh.lfd, (struct sockaddr *)&sh.addr, sh.addrlen) != 0 || listen(sh.lfd, 4096) != 0 ||
        getsockname(sh.lfd, (struct sockaddr *)&ss, &sl) != 0) {
        snprintf(why, whylen, "cannot listen on %s: %s", host, strerror(errno));
        close(sh.lfd);
        return -1;
    }
    memcpy(&sh.addr, &ss, sl);
    sh.addrlen = sl;
    /* unmeasured: first use; and how many connections a batch's share of the time takes */
    if ((est = batch(&sh, MIN_PER_BATCH)) < 0) goto out;
    size_t n = est > 0 ? (size_t)(seconds / BATCHES / est) : MAX_PER_BATCH;
    n = n < MIN_PER_BATCH ? MIN_PER_BATCH : n > MAX_PER_BATCH ? MAX_PER_BATCH : n;
    for (int b = 0; b < BATCHES; b++) {
        double s = batch(&sh, n);
        if (s < 0) goto out;
        per[b] = s * 1e6;
        f->connections += n;
        f->syscalls = (sh.syscalls + n / 2) / n;
    }
    f->batches = BATCHES;
    f->us = sample_median(per, BATCHES);
    rc = 0;
out:
    if (rc != 0) snprintf(why, whylen, "%s", sh.why[0] ? sh.why : "the transport's exchange failed");
    close(sh.lfd);
    return rc;
}
