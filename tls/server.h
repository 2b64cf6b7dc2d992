/* server.h — what the parts of sslbind-tls share: the server object, the verdict a ClientHello
 * gets, and the functions each file offers the others (and the fuzz harnesses).
 *
 *   main.c       options, start-up, signals, listeners, the drain, exit
 *   conn.c       the workers: one epoll loop each, non-blocking OpenSSL, timeouts, keep-alive
 *   hello.c      the ClientHello callback: SNI, resolve, the certificate from the cache, the log
 *   http.c       requests read from a connection, Host-header routing, the answer
 *   certcache.c  every certificate of the stores loaded once, read without a lock (RCU)
 *   watch.c      changes to bindings.reg, the stores and the IIS files, noticed with inotify
 *   route.c      which IIS site a request goes to
 *   sesscache.c  the server-side session cache (TLS 1.2 session IDs, TLS 1.3 stateful tickets)
 *   ticketkeys.c the keys of encrypted session tickets, rotated (forward secrecy)
 */
#ifndef SSLBIND_TLS_SERVER_H
#define SSLBIND_TLS_SERVER_H

#include <openssl/ssl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "sslb/certstore.h"
#include "sslb/endpoint.h"
#include "sslb/store.h"
#include "sslb/table.h"

struct router;
struct certcache;
struct watch;
struct sesscache;
struct ticketkeys;

#define TLS_MAX_LISTEN 16
#define TLS_MAX_WORKERS 1024
#define TLS_REQUEST_MAX 8192 /* a request's line and headers, at most */

struct options {
    long max_connections;  /* -1: no limit */
    int workers;           /* 0: the number of CPUs */
    int handshake_timeout; /* seconds: the whole handshake; also the drain's bound */
    int idle_timeout;      /* seconds: from the handshake or the last answer to a whole request */
    int quiet;             /* no line per connection and request */
    long session_cache;    /* sessions the server-side cache holds at most; 0: no cache */
    long ticket_key_life;  /* seconds a session ticket key lives (ticketkeys.h) */
};

struct server {
    sslb_table *table;
    sslb_store *store;
    sslb_certstore *certs;
    struct router *router;      /* IIS sites, when the state directory has them */
    struct certcache *cache;    /* every certificate of the stores, ready to serve */
    struct watch *watch;        /* what tells the cache, the table and the router of changes */
    struct sesscache *sessions; /* TLS sessions to resume, NULL when --session-cache 0 */
    struct ticketkeys *tickets; /* the keys of encrypted session tickets, rotated by serve() */
    SSL_CTX *ctx;
    struct options opt;
};

/* What the ClientHello callback decided, kept on the connection for the log and the reply. The
 * connection fills local, addr and port before the handshake. */
struct verdict {
    char local[64];
    char sni[SSLB_HOST_MAX + 2];  /* as sent (a trailing dot allowed), "" when none or invalid */
    char sni_shown[4 * 255 + 16]; /* as sent, escaped: what the log and the reply show */
    char binding[SSLB_KEYTEXT_MAX + 32], cert[41], result[32];
    char why[300];  /* why the result, when it is not SERVED ("" if obvious) */
    sslb_addr addr; /* the local address and port the client reached */
    uint16_t port;
    int hello_seen;            /* the callback ran: how often (2 after a HelloRetryRequest) */
    int reset;                 /* no binding: the connection is reset, not answered with an alert */
    uint32_t flags;            /* the matched binding's SSLB_FLAG_* */
    unsigned char sid_ctx[32]; /* the binding's session context (SHA-256), set at the ClientHello */
};

/* hello.c */
extern int verdict_index;           /* SSL ex_data index of the connection's struct verdict */
int hello_setup(struct server *sv); /* the index and the callback on sv->ctx: 0, or -1 */
int on_client_hello(SSL *ssl, int *alert, void *arg);
/* Bytes a client sent, made safe for a log line or a reply: printable ASCII kept but for `\` and
 * `"`, \xNN for anything else — so that a field quoted with `"` ends where it seems to. */
void escape(const unsigned char *s, size_t n, char *out, size_t outlen);
/* The same for a field that is not quoted (the SNI, a Host value): a blank is \x20 too. */
void escape_word(const unsigned char *s, size_t n, char *out, size_t outlen);
/* One line to standard error, whole (lines of several workers never interleave). Between
 * log_start and log_stop it goes through a bounded buffer and a log thread: a log line never
 * blocks the caller (a full buffer drops the line, and the count is said later). */
void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int log_start(void);        /* the log thread: 0, or -1 (lines then written directly) */
void log_stop(int seconds); /* what is buffered written, waiting at most seconds */
void log_verdict(const struct server *sv, const struct verdict *v);
/* The local address of fd into v (local, addr, port): 0, or -1. */
int verdict_local(struct verdict *v, int fd);
/* Whether a read that failed with errno err may succeed when tried again: out of descriptors
 * (EMFILE, ENFILE: also when this process is out of them now, whatever err says), out of memory,
 * an I/O error. A reload that fails so keeps what is served and is retried (watch.c). */
int transient_failure(int err);

/* http.c */
struct request {
    size_t len;     /* bytes of the request line and headers, the blank line included */
    int keep_alive; /* HTTP/1.1 without Connection: close and without a body */
    int head_only;  /* HEAD: the answer's headers, no body */
    int body;       /* it announces a body (which this server does not read) */
    int status;     /* 0: a request to answer; 400, 431 or 505: refused (why says why), then closed */
    const char *why;
    int has_host;              /* a Host header, or the authority of an absolute-form target */
    size_t host_off, host_len; /* where its value is in the head (blanks around it left out) */
    char line[160];            /* the request line, escaped, for the log */
};
/* Whether buf[0..n) holds a whole request head (RFC 9112: a request line, fields, an empty line;
 * lines end in CRLF or a bare LF): its length (>0), 0 for not yet, -1 when n has reached
 * TLS_REQUEST_MAX without one (rq then says 431). Fills rq when whole: a head RFC 9112 refuses
 * (no token method, a malformed line, a name that is no token or blanks before its colon, a CTL,
 * obs-fold, several or an invalid Host) has rq->status 400 (505 for another HTTP version). */
long http_request_head(const char *buf, size_t n, struct request *rq);
/* The HTTP answer to the request rq whose head is head: what the handshake did and, when the
 * state directory has IIS sites, which site the request is routed to (400 when none, as
 * http.sys answers); a refused one says why. keep_alive says which Connection header it
 * carries. Its length. status_out (may be NULL) receives the status. */
int reply(struct server *sv, const struct verdict *v, const struct request *rq, const char *head, int keep_alive,
          char *out, size_t n, int *status_out);

/* conn.c */
/* Runs the workers over the listening sockets until one of sigs (blocked by the caller in every
 * thread) arrives or max_connections were accepted, then drains: 0, or -1 if the workers could
 * not start (said why). The calling thread waits for the signals, applies changes to the state
 * directory in the background and rotates the session ticket keys when due meanwhile. */
int serve(struct server *sv, const int *lfd, int nl, const sigset_t *sigs);
void request_stop(void); /* async-signal-safe */
/* 1 when a stop was asked for: request_stop, or a SIGTERM or SIGINT not yet taken (every thread
 * blocks them; serve() takes them, and may be busy reading everything again meanwhile). */
int stop_pending(void);

#endif
