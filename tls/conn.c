/* conn.c — the workers. A fixed set of threads, each with its own epoll loop; every listening
 * socket is in every worker's epoll set with EPOLLEXCLUSIVE, so the kernel wakes one worker per
 * new connection, and a worker accepts a few at a time before it serves its own connections
 * again. Connections are non-blocking; OpenSSL's WANT_READ / WANT_WRITE choose what a
 * connection waits for. No connection can hold a worker: a slow or idle client costs a slot in
 * a list, not a thread.
 *
 * Time limits, each one deadline per connection: the whole handshake within the handshake
 * timeout from accept (not per read: a byte a second does not extend it); then each request's
 * head within the idle timeout from the end of the handshake or of the previous answer (the same
 * bound for a keep-alive connection waiting and for a slow request); an answer the client does
 * not read, the same. All deadlines of one kind have the same length, so each kind is a FIFO
 * list ordered by deadline: setting a deadline moves the connection to its list's tail, and
 * expiry looks at the heads.
 *
 * Writes: OpenSSL writes each record through the connection's own BIO into a small buffer,
 * sent when the connection is about to wait (or the buffer is full): a TLS 1.3 handshake's
 * session ticket, the answer and the close_notify go out in one send(2) instead of three. A
 * connection never waits for input with output unsent; an answer followed by the end of the
 * connection is sent whole before the descriptor closes (S_CLOSING, bounded by the idle timeout).
 * When the client may still be sending (a request body this server does not read, requests
 * pipelined after the last one), the connection lingers (S_LINGER): write side shut, what comes
 * in read and dropped until the client closes or LINGER_S pass; a close with unread input would
 * make the kernel reset the connection and the client lose the answer it has not read yet.
 *
 * Stopping (SIGTERM, SIGINT, --max-connections reached): every worker stops accepting, closes
 * keep-alive connections waiting between requests, lets the others finish (handshake, request,
 * answer; no keep-alive after it) for at most the handshake timeout, then closes what is left.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <urcu/urcu-qsbr.h>

#include "certcache.h"
#include "server.h"
#include "ticketkeys.h"
#include "watch.h"

enum { K_LISTEN, K_STOP, K_CONN };
enum { S_HANDSHAKE, S_READ, S_WRITE, S_CLOSING, S_LINGER };
enum { L_HANDSHAKE, L_IDLE, L_LINGER, L_COUNT };
#define LINGER_S 5 /* at most, reading what a client still sends after the last answer */

struct tag {
    int kind;
    int fd;
};

struct conn {
    struct tag t; /* first: epoll's data.ptr points here */
    SSL *ssl;
    int state;
    unsigned events;    /* what epoll waits for now */
    int list;           /* L_HANDSHAKE or L_IDLE */
    int linked;         /* in that list */
    long long deadline; /* ms, CLOCK_MONOTONIC */
    struct conn *prev, *next;
    int requests;   /* answered so far */
    int keep_alive; /* the answer being written keeps the connection */
    int linger;     /* a request announced a body this server does not read */
    char *in;       /* the request head being read (TLS_REQUEST_MAX), NULL when none */
    size_t inlen;
    char *out; /* the answer being written */
    size_t outlen, outoff;
    char *wbuf; /* TLS records not yet sent (WBUF_CAP), NULL when none */
    size_t wlen, woff;
    char local[64]; /* the local address, as the log shows it */
    sslb_addr addr; /* and as resolve takes it */
    uint16_t port;
    struct verdict *v; /* made with the SSL object, at the client's first bytes */
};

struct list {
    struct conn *head, *tail;
};

/* A listening socket. Bound to one address (not 0.0.0.0 or [::]), every connection it accepts
 * has that local address: known once, not asked of the kernel per connection. */
struct listener {
    struct tag t; /* first: epoll's data.ptr points here */
    int specific;
    struct verdict local; /* local, addr and port, when specific */
};

struct worker {
    struct server *sv;
    pthread_t th;
    int ep;
    const struct listener *listeners;
    int nl;
    struct list lists[L_COUNT];
    long nconns;
    int draining;
    long long drain_deadline;
    long long accept_resume; /* accepting paused (out of descriptors) until then; 0: not */
};

static int stop_flag;    /* atomic: set by a signal or by --max-connections */
static int stop_fd = -1; /* an eventfd every worker watches */
static long accepted;    /* atomic: connections accepted, for --max-connections */

void request_stop(void)
{
    uint64_t one = 1;
    __atomic_store_n(&stop_flag, 1, __ATOMIC_RELEASE);
    if (stop_fd >= 0 && write(stop_fd, &one, sizeof one) < 0) { /* already signalled */
    }
}

int stop_pending(void)
{
    sigset_t p;

    if (__atomic_load_n(&stop_flag, __ATOMIC_ACQUIRE)) return 1;
    return sigpending(&p) == 0 && (sigismember(&p, SIGTERM) == 1 || sigismember(&p, SIGINT) == 1);
}

/* ---- the write buffer ------------------------------------------------------------------------ */

#define WBUF_CAP 4096 /* a handshake's flight, tickets, an answer; a larger record goes straight out */
#define WBUF_SLACK                                                                                                     \
    64 /* room past WBUF_CAP for an alert (the close_notify) while the socket is full:                                 \
        * OpenSSL would keep a refused one pending, and SSL_shutdown is called once */
static BIO_METHOD *wbio_method;

/* send(2) on a non-blocking socket, again when a signal interrupts it; no SIGPIPE. */
static ssize_t send_some(int fd, const char *p, size_t n)
{
    ssize_t k;
    while ((k = send(fd, p, n, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
    }
    return k;
}

/* Sends what c->wbuf holds: 0 when all of it went (the buffer freed), 1 when the socket is full
 * (the rest kept), -1 when the connection is gone. */
static int flush_out(struct conn *c)
{
    while (c->woff < c->wlen) {
        ssize_t k = send_some(c->t.fd, c->wbuf + c->woff, c->wlen - c->woff);
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            memmove(c->wbuf, c->wbuf + c->woff, c->wlen - c->woff);
            c->wlen -= c->woff;
            c->woff = 0;
            return 1;
        }
        if (k < 0) return -1;
        c->woff += (size_t)k;
    }
    free(c->wbuf);
    c->wbuf = NULL;
    c->wlen = c->woff = 0;
    return 0;
}

static int pending_out(const struct conn *c)
{
    return c->wlen > c->woff;
}

static int wbio_write(BIO *b, const char *data, size_t n, size_t *written)
{
    struct conn *c = BIO_get_data(b);
    int f;

    BIO_clear_retry_flags(b);
    if (c->wlen + n > WBUF_CAP && (f = flush_out(c)) != 0 && /* no room: what is there goes first */
        !(f > 0 && n <= WBUF_SLACK && c->wlen + n <= WBUF_CAP + WBUF_SLACK)) {
        if (f > 0) BIO_set_retry_write(b);
        return 0;
    }
    if (n > WBUF_CAP) { /* the buffer is empty: a large record goes out as it is */
        ssize_t k = send_some(c->t.fd, data, n);
        if (k < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) BIO_set_retry_write(b);
            return 0;
        }
        *written = (size_t)k;
        return 1;
    }
    if (!c->wbuf && !(c->wbuf = malloc(WBUF_CAP + WBUF_SLACK))) return 0;
    memcpy(c->wbuf + c->wlen, data, n);
    c->wlen += n;
    *written = n;
    return 1;
}

static long wbio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)num;
    (void)ptr;
    switch (cmd) {
    case BIO_CTRL_FLUSH: /* the end of a flight: sent when the connection waits, with what follows */
        return 1;
    case BIO_CTRL_WPENDING: {
        const struct conn *c = BIO_get_data(b);
        return (long)(c->wlen - c->woff);
    }
    default:
        return 0;
    }
}

/* The BIO method every connection's writes go through; made once, before the workers start. */
static int wbio_setup(void)
{
    if (wbio_method) return 0;
    if (!(wbio_method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "sslbind-tls buffered socket")) ||
        BIO_meth_set_write_ex(wbio_method, wbio_write) != 1 || BIO_meth_set_ctrl(wbio_method, wbio_ctrl) != 1) {
        BIO_meth_free(wbio_method);
        wbio_method = NULL;
        return -1;
    }
    return 0;
}

/* c->ssl reads the socket and writes through c's buffer. 0, or -1. */
static int set_bios(struct conn *c)
{
    BIO *r = BIO_new_socket(c->t.fd, BIO_NOCLOSE), *wr = wbio_method ? BIO_new(wbio_method) : NULL;
    if (!r || !wr) {
        BIO_free(r);
        BIO_free(wr);
        return -1;
    }
    BIO_set_data(wr, c);
    BIO_set_init(wr, 1);
    SSL_set_bio(c->ssl, r, wr);
    return 0;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- deadline lists ---------------------------------------------------------------------- */

static void unlink_conn(struct worker *w, struct conn *c)
{
    struct list *l = &w->lists[c->list];
    if (!c->linked) return;
    c->linked = 0;
    if (c->prev) c->prev->next = c->next;
    else l->head = c->next;
    if (c->next) c->next->prev = c->prev;
    else l->tail = c->prev;
    c->prev = c->next = NULL;
}

static void set_deadline(struct worker *w, struct conn *c, int list, int seconds)
{
    struct list *l = &w->lists[list];
    unlink_conn(w, c);
    c->list = list;
    c->deadline = now_ms() + (long long)seconds * 1000;
    c->linked = 1;
    c->prev = l->tail;
    if (l->tail) l->tail->next = c;
    else l->head = c;
    l->tail = c;
}

/* ---- connections ------------------------------------------------------------------------- */

static void conn_close(struct worker *w, struct conn *c)
{
    ERR_clear_error();
    if (c->ssl && c->state != S_HANDSHAKE && c->state != S_CLOSING && c->state != S_LINGER && !SSL_in_init(c->ssl))
        SSL_shutdown(c->ssl); /* close_notify, not waited for */
    ERR_clear_error();
    if (pending_out(c)) flush_out(c); /* once, without waiting: an alert, the close_notify */
    free(c->wbuf);
    unlink_conn(w, c);
    close(c->t.fd); /* leaves the epoll set with it (the descriptor is never duplicated) */
    SSL_free(c->ssl);
    free(c->v);
    free(c->in);
    free(c->out);
    free(c);
    w->nconns--;
}

/* Closes c with a TCP reset and nothing more sent: what OpenSSL buffered (its alert) is dropped,
 * and SO_LINGER {1, 0} makes close(2) send an RST instead of a FIN. For a ClientHello no binding
 * matched (hello.c: v->reset), as http.sys answers it. */
static void conn_reset(struct worker *w, struct conn *c)
{
    const struct linger now = {.l_onoff = 1, .l_linger = 0};

    c->wlen = c->woff = 0;
    setsockopt(c->t.fd, SOL_SOCKET, SO_LINGER, &now, sizeof now);
    conn_close(w, c);
}

static int want(struct worker *w, struct conn *c, unsigned events)
{
    struct epoll_event ev = {.events = events, .data.ptr = c};
    if (c->events == events) return 0;
    c->events = events;
    return epoll_ctl(w->ep, EPOLL_CTL_MOD, c->t.fd, &ev);
}

/* The outcome of an OpenSSL call that returned r: 1 when it must wait (epoll set), 0 on
 * failure or a closed connection. Before waiting for input, what is buffered goes out; while
 * some of it cannot, the connection waits for the socket to take it (not for input: a client
 * that sends without reading is not served further until it reads). */
static int wait_for(struct worker *w, struct conn *c, int r)
{
    int f;

    switch (SSL_get_error(c->ssl, r)) {
    case SSL_ERROR_WANT_READ:
        if ((f = flush_out(c)) < 0) return 0;
        return want(w, c, f ? EPOLLOUT : EPOLLIN) == 0;
    case SSL_ERROR_WANT_WRITE:
        return want(w, c, EPOLLOUT) == 0;
    default:
        return 0;
    }
}

static void handshake_failed(struct worker *w, struct conn *c)
{
    struct verdict *v = c->v;

    if (!v || !v->hello_seen) return; /* not a TLS client, or gone before its ClientHello */
    if (!v->result[0]) {
        snprintf(v->result, sizeof v->result, "HANDSHAKE_FAILED");
    } else if (strcmp(v->result, "SERVED") == 0 && !v->why[0]) { /* the client refused it, say */
        char r[160] = "";
        unsigned long e = ERR_peek_last_error();
        if (e) ERR_error_string_n(e, r, sizeof r);
        const char *by = ""; /* a version the client wanted, refused by the binding's flag */
        if (ERR_GET_REASON(e) == SSL_R_UNSUPPORTED_PROTOCOL)
            by = (v->flags & SSLB_FLAG_DISABLE_TLS13)   ? " (the binding disables TLS 1.3)"
                 : (v->flags & SSLB_FLAG_DISABLE_TLS12) ? " (the binding disables TLS 1.2)"
                                                        : "";
        snprintf(v->why, sizeof v->why, "then the handshake failed%s%s%s", r[0] ? ": " : "", r, by);
    }
    log_verdict(w->sv, v);
}

static int do_read(struct worker *w, struct conn *c);

/* Whether the client may still be sending: a close now would reset the connection. */
static int unread_input(const struct conn *c)
{
    int n = 0;
    return c->linger || c->inlen > 0 || SSL_has_pending(c->ssl) || (ioctl(c->t.fd, FIONREAD, &n) == 0 && n > 0);
}

/* S_CLOSING: sends what is left; then lingers while the client may still be sending, or closes.
 * 0 when c is closed, 1 while it waits (first: it has just begun closing, its deadline starts). */
static int closing(struct worker *w, struct conn *c, int first)
{
    int f = flush_out(c);

    if (f > 0 && want(w, c, EPOLLOUT) == 0) {
        if (first) set_deadline(w, c, L_IDLE, w->sv->opt.idle_timeout);
        return 1;
    }
    if (f == 0 && unread_input(c) && shutdown(c->t.fd, SHUT_WR) == 0 && want(w, c, EPOLLIN) == 0) {
        c->state = S_LINGER;
        set_deadline(w, c, L_LINGER, w->sv->opt.idle_timeout < LINGER_S ? w->sv->opt.idle_timeout : LINGER_S);
        return 1;
    }
    conn_close(w, c);
    return 0;
}

/* S_LINGER: what the client still sends is read and dropped; its end (or an error) closes. */
static void linger_read(struct worker *w, struct conn *c)
{
    char sink[4096];

    for (int i = 0; i < 16; i++) { /* then back to the loop: others wait */
        ssize_t k = recv(c->t.fd, sink, sizeof sink, 0);
        if (k > 0) continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
        conn_close(w, c);
        return;
    }
}

/* The last answer is written: the close_notify after it, everything sent, then closed. 0 when c
 * is closed, 1 while it waits (S_CLOSING, S_LINGER). */
static int finish(struct worker *w, struct conn *c)
{
    ERR_clear_error();
    SSL_shutdown(c->ssl);
    ERR_clear_error();
    c->state = S_CLOSING;
    return closing(w, c, 1);
}

/* Writes the answer; then the end, or 2: read the next request (the caller loops: a client
 * pipelining thousands of requests must not make the stack as deep). 0 when c is closed, 1
 * when it waits. */
static int do_write(struct worker *w, struct conn *c)
{
    while (c->outoff < c->outlen) {
        ERR_clear_error();
        int r = SSL_write(c->ssl, c->out + c->outoff, (int)(c->outlen - c->outoff));
        if (r <= 0) {
            if (wait_for(w, c, r)) return 1;
            conn_close(w, c);
            return 0;
        }
        c->outoff += (size_t)r;
    }
    free(c->out);
    c->out = NULL;
    c->requests++;
    if (!c->keep_alive || w->draining) return finish(w, c);
    c->state = S_READ;
    set_deadline(w, c, L_IDLE, w->sv->opt.idle_timeout);
    return 2; /* a pipelined request may be there already */
}

/* Answers the request at the head of c->in: do_write's result. */
static int answer(struct worker *w, struct conn *c, const struct request *rq)
{
    char head[TLS_REQUEST_MAX + 1], out[3072];
    int status = 200, n;

    memcpy(head, c->in, rq->len);
    head[rq->len] = '\0';
    memmove(c->in, c->in + rq->len, c->inlen - rq->len); /* what a client pipelined stays */
    c->inlen -= rq->len;
    c->keep_alive = rq->keep_alive && !w->draining;
    /* a body, or a head refused (what follows it is no request): answered, then a lingering
     * close (the write side shut, what the client still sends read and dropped) */
    c->linger |= rq->body || rq->status;
    watch_sync(w->sv); /* IIS sites changed since the handshake */
    n = reply(w->sv, c->v, rq, head, c->keep_alive, out, sizeof out, &status);
    if (!w->sv->opt.quiet) {
        char host[300] = "(none)";
        if (rq->has_host) escape_word((const unsigned char *)head + rq->host_off, rq->host_len, host, sizeof host);
        log_line("sslbind-tls: %s request \"%s\" host=%s -> %d%s%s", c->local, rq->line, host, status,
                 rq->status ? " " : "", rq->status ? rq->why : "");
    }
    if (n < 0 || (size_t)n >= sizeof out || !(c->out = malloc((size_t)n))) {
        conn_close(w, c);
        return 0;
    }
    memcpy(c->out, out, (size_t)n);
    c->outlen = (size_t)n;
    if (rq->head_only) c->outlen = (size_t)(strstr(out, "\r\n\r\n") + 4 - out); /* the headers alone */
    c->outoff = 0;
    c->state = S_WRITE;
    return do_write(w, c);
}

/* Reads until a whole request head is there, then answers it, and the next one while the
 * client keeps the connection. 0 when c is closed, 1 when it waits. */
static int do_read(struct worker *w, struct conn *c)
{
    struct request rq;
    long got;

    for (;;) {
        if (c->in && (got = http_request_head(c->in, c->inlen, &rq)) != 0) {
            /* got -1: a head longer than TLS_REQUEST_MAX, answered 431 (rq says so) */
            if (got < 0 && !w->sv->opt.quiet)
                log_line("sslbind-tls: %s request head longer than %d bytes: refused", c->local, TLS_REQUEST_MAX);
            int r = answer(w, c, &rq);
            if (r != 2) return r;
            continue;
        }
        if (!c->in && !(c->in = malloc(TLS_REQUEST_MAX))) {
            conn_close(w, c);
            return 0;
        }
        ERR_clear_error();
        int r = SSL_read(c->ssl, c->in + c->inlen, (int)(TLS_REQUEST_MAX - c->inlen));
        if (r <= 0) {
            if (wait_for(w, c, r)) {
                if (c->inlen == 0) { /* waiting between requests: no buffer held */
                    free(c->in);
                    c->in = NULL;
                }
                return 1;
            }
            conn_close(w, c);
            return 0;
        }
        c->inlen += (size_t)r;
    }
}

static int do_handshake(struct worker *w, struct conn *c)
{
    /* the SSL object is made when the client's first bytes arrive: a connection that sends
     * nothing costs a few hundred bytes, not OpenSSL's ~10 KiB */
    if (!c->ssl) {
        if (!(c->v = calloc(1, sizeof *c->v)) || !(c->ssl = SSL_new(w->sv->ctx)) || set_bios(c) != 0 ||
            SSL_set_ex_data(c->ssl, verdict_index, c->v) != 1) {
            ERR_clear_error();
            conn_close(w, c);
            return 0;
        }
        memcpy(c->v->local, c->local, sizeof c->v->local);
        c->v->addr = c->addr;
        c->v->port = c->port;
        SSL_set_accept_state(c->ssl);
    }
    ERR_clear_error();
    int r = SSL_do_handshake(c->ssl);
    if (r == 1) {
        log_verdict(w->sv, c->v);
        c->state = S_READ;
        set_deadline(w, c, L_IDLE, w->sv->opt.idle_timeout);
        return do_read(w, c);
    }
    if (wait_for(w, c, r)) return 1;
    handshake_failed(w, c);
    if (c->v->reset) conn_reset(w, c);
    else conn_close(w, c);
    return 0;
}

static void on_conn(struct worker *w, struct conn *c, unsigned events)
{
    if ((events & (EPOLLERR | EPOLLHUP)) && !(events & (EPOLLIN | EPOLLOUT))) {
        if (c->state == S_HANDSHAKE) handshake_failed(w, c);
        conn_close(w, c);
        return;
    }
    if (c->state == S_CLOSING) {
        closing(w, c, 0);
        return;
    }
    if (c->state == S_LINGER) {
        linger_read(w, c);
        return;
    }
    if (pending_out(c)) { /* the socket takes what is buffered first */
        int f = flush_out(c);
        if (f < 0) {
            conn_close(w, c);
            return;
        }
        if (f > 0) return; /* still EPOLLOUT */
    }
    switch (c->state) {
    case S_HANDSHAKE:
        do_handshake(w, c);
        break;
    case S_READ:
        do_read(w, c);
        break;
    case S_WRITE:
        if (do_write(w, c) == 2) do_read(w, c);
        break;
    }
}

/* ---- accepting ----------------------------------------------------------------------------- */

static void listeners_ctl(struct worker *w, int op)
{
    for (int i = 0; i < w->nl; i++) {
        struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.ptr = (void *)&w->listeners[i]};
        epoll_ctl(w->ep, op, w->listeners[i].t.fd, op == EPOLL_CTL_DEL ? NULL : &ev);
    }
}

static void new_conn(struct worker *w, const struct listener *l, int fd)
{
    struct conn *c = calloc(1, sizeof *c);
    struct epoll_event ev = {.events = EPOLLIN};
    int one = 1;
    struct verdict v;
    const struct verdict *lv = &l->local;

    if (!l->specific) { /* a wildcard listener: which of the machine's addresses the client reached */
        memset(&v, 0, sizeof v);
        lv = &v;
    }
    if (!c || (!l->specific && verdict_local(&v, fd) != 0)) {
        free(c);
        close(fd);
        return;
    }
    memcpy(c->local, lv->local, sizeof c->local);
    c->addr = lv->addr;
    c->port = lv->port;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->t.kind = K_CONN;
    c->t.fd = fd;
    c->state = S_HANDSHAKE;
    c->events = EPOLLIN;
    c->list = L_HANDSHAKE;
    ev.data.ptr = c;
    if (epoll_ctl(w->ep, EPOLL_CTL_ADD, fd, &ev) != 0) {
        SSL_free(c->ssl);
        free(c);
        close(fd);
        return;
    }
    w->nconns++;
    set_deadline(w, c, L_HANDSHAKE, w->sv->opt.handshake_timeout);
}

static void on_listener(struct worker *w, const struct listener *l)
{
    int lfd = l->t.fd;
    long max = w->sv->opt.max_connections;

    for (int i = 0; i < 16 && !w->draining; i++) {
        if (max > 0 && __atomic_fetch_add(&accepted, 1, __ATOMIC_ACQ_REL) >= max) {
            request_stop();
            return;
        }
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (max > 0) __atomic_fetch_sub(&accepted, 1, __ATOMIC_ACQ_REL);
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                /* out of descriptors: stop accepting here for a moment (the listener would
                 * stay readable and spin the loop) */
                listeners_ctl(w, EPOLL_CTL_DEL);
                w->accept_resume = now_ms() + 100;
            }
            return;
        }
        new_conn(w, l, fd);
        if (max > 0 && __atomic_load_n(&accepted, __ATOMIC_ACQUIRE) >= max) request_stop();
    }
}

/* ---- the loop -------------------------------------------------------------------------------- */

static void start_drain(struct worker *w)
{
    if (w->draining) return;
    w->draining = 1;
    w->drain_deadline = now_ms() + (long long)w->sv->opt.handshake_timeout * 1000;
    if (!w->accept_resume) listeners_ctl(w, EPOLL_CTL_DEL);
    w->accept_resume = 0;
    epoll_ctl(w->ep, EPOLL_CTL_DEL, stop_fd, NULL);
    /* keep-alive connections waiting between requests are done */
    for (struct conn *c = w->lists[L_IDLE].head, *next; c; c = next) {
        next = c->next;
        if (c->state == S_READ && c->inlen == 0 && c->requests > 0) {
            if (pending_out(c)) finish(w, c); /* answers not yet sent: sent first (c goes to the tail) */
            else conn_close(w, c);
        }
    }
}

static void expire(struct worker *w, long long now)
{
    for (int l = 0; l < L_COUNT; l++)
        while (w->lists[l].head && w->lists[l].head->deadline <= now) {
            struct conn *c = w->lists[l].head;
            if (c->state == S_HANDSHAKE && !w->sv->opt.quiet)
                log_line("sslbind-tls: %s sni=%s: handshake timed out after %d s%s", c->local,
                         c->v && c->v->sni_shown[0] ? c->v->sni_shown : "(none)", w->sv->opt.handshake_timeout,
                         c->v && c->v->hello_seen ? "" : " (no ClientHello)");
            else if (c->state == S_READ && pending_out(c) && !w->sv->opt.quiet)
                log_line("sslbind-tls: %s: answers not read by the client within %d s: closed", c->local,
                         w->sv->opt.idle_timeout);
            else if (c->state == S_READ && c->inlen > 0 && !w->sv->opt.quiet)
                log_line("sslbind-tls: %s: request head not complete within %d s: closed", c->local,
                         w->sv->opt.idle_timeout);
            conn_close(w, c);
        }
}

static int next_timeout(struct worker *w, long long now)
{
    long long t = now + 1000;
    for (int l = 0; l < L_COUNT; l++)
        if (w->lists[l].head && w->lists[l].head->deadline < t) t = w->lists[l].head->deadline;
    if (w->accept_resume && w->accept_resume < t) t = w->accept_resume;
    if (w->draining && w->drain_deadline < t) t = w->drain_deadline;
    return t <= now ? 0 : (int)(t - now);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct epoll_event evs[64];

    urcu_qsbr_register_thread();
    for (;;) {
        long long now = now_ms();
        if (__atomic_load_n(&stop_flag, __ATOMIC_ACQUIRE) && !w->draining) start_drain(w);
        if (w->draining && (w->nconns == 0 || now >= w->drain_deadline)) break;
        if (w->accept_resume && now >= w->accept_resume) {
            w->accept_resume = 0;
            listeners_ctl(w, EPOLL_CTL_ADD);
        }
        int timeout = next_timeout(w, now);
        certcache_offline();
        int n = epoll_wait(w->ep, evs, 64, timeout);
        certcache_online();
        int stop = 0;
        for (int i = 0; i < n; i++) {
            struct tag *t = evs[i].data.ptr;
            if (t->kind == K_LISTEN) on_listener(w, (const struct listener *)t);
            else if (t->kind == K_STOP) stop = 1;
            else on_conn(w, (struct conn *)t, evs[i].events);
        }
        /* after the batch: the drain closes idle keep-alive connections, which later events of
         * the same batch may name */
        if (stop) start_drain(w);
        expire(w, now_ms());
        certcache_quiescent();
    }
    /* what the drain leaves */
    for (int l = 0; l < L_COUNT; l++)
        while (w->lists[l].head) conn_close(w, w->lists[l].head);
    urcu_qsbr_unregister_thread();
    return NULL;
}

int serve(struct server *sv, const int *lfd, int nl, const sigset_t *sigs)
{
    static struct tag stop_tag = {K_STOP, -1};
    struct listener *tags = calloc((size_t)nl, sizeof *tags);
    struct worker *ws = calloc((size_t)sv->opt.workers, sizeof *ws);
    int started = 0, rc = 0;

    if (!tags || !ws || wbio_setup() != 0 || (stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0) {
        fprintf(stderr, "sslbind-tls: cannot start the workers: out of memory\n");
        free(tags);
        free(ws);
        return -1;
    }
    stop_tag.fd = stop_fd;
    if (__atomic_load_n(&stop_flag, __ATOMIC_ACQUIRE)) request_stop();
    for (int i = 0; i < nl; i++) {
        static const uint8_t zero[16];
        tags[i].t = (struct tag){K_LISTEN, lfd[i]};
        tags[i].specific = verdict_local(&tags[i].local, lfd[i]) == 0 &&
                           memcmp(tags[i].local.addr.bytes, zero, tags[i].local.addr.family == 6 ? 16 : 4) != 0;
    }
    for (int i = 0; i < sv->opt.workers; i++) {
        struct worker *w = &ws[i];
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &stop_tag};
        w->sv = sv;
        w->listeners = tags;
        w->nl = nl;
        if ((w->ep = epoll_create1(EPOLL_CLOEXEC)) < 0 || epoll_ctl(w->ep, EPOLL_CTL_ADD, stop_fd, &ev) != 0) {
            fprintf(stderr, "sslbind-tls: cannot start worker %d: %s\n", i + 1, strerror(errno));
            rc = -1;
            break;
        }
        listeners_ctl(w, EPOLL_CTL_ADD);
        if ((errno = pthread_create(&w->th, NULL, worker_main, w)) != 0) {
            fprintf(stderr, "sslbind-tls: cannot start worker %d: %s\n", i + 1, strerror(errno));
            close(w->ep);
            rc = -1;
            break;
        }
        started++;
    }
    if (rc != 0) request_stop();
    /* this thread: signals, and changes applied in the background (so that the inotify queue
     * never fills while no handshake comes). It is registered with RCU and online. */
    while (!__atomic_load_n(&stop_flag, __ATOMIC_ACQUIRE)) {
        long long wait = 1000, due = sv->tickets ? ticketkeys_tick(sv->tickets, ticketkeys_now_ms()) : wait;
        if (due < wait) wait = due; /* a rotation on time, whatever the key's life */
        struct timespec one = {(time_t)(wait / 1000), (long)(wait % 1000) * 1000000L};
        certcache_offline();
        int sig = sigtimedwait(sigs, NULL, &one);
        certcache_online();
        if (sig == SIGTERM || sig == SIGINT) request_stop();
        else if (sig == SIGHUP) watch_reread(sv); /* what a daemon's reload means: everything again */
        else watch_sync(sv);
    }
    certcache_offline();
    /* no new connection: the listeners stop listening (the backlog is reset), though they stay
     * open until the workers have let go of them */
    for (int i = 0; i < nl; i++) shutdown(lfd[i], SHUT_RD);
    for (int i = 0; i < started; i++) {
        pthread_join(ws[i].th, NULL);
        close(ws[i].ep);
    }
    close(stop_fd);
    stop_fd = -1;
    BIO_meth_free(wbio_method);
    wbio_method = NULL;
    free(tags);
    free(ws);
    return rc;
}
