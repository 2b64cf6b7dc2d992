/* libfloor.c — the library floor: what OpenSSL itself spends on the server side of one
 * connection of the load, with no server program around it. A client and a server SSL object in
 * this thread talk through a BIO pair (no sockets): the client is made as the load generator
 * makes its connections (load_client_ctx: one TLS version, X25519 and P-256 offered, no session
 * kept or offered, SNI set), the server has the benchmark's certificate and key (the first
 * name's file) and sessions as sslbind-tls keeps them by default — one stateful ticket in TLS
 * 1.3, no ticket and the session kept by ID in TLS 1.2 (here in OpenSSL's own server-side cache,
 * which keeps a reference: sslbind-tls's serialises it, its own cost) — and no automatic chain
 * search (the certificate is self-signed; every server can skip it). One connection: the
 * handshake, the load's HTTP request read, an answer of sslbind-tls's size written, the
 * close_notify sent, SSL_free. Only the server's calls are timed (this thread's CPU time around
 * each turn of consecutive server calls, less one clock reading's cost), per connection; the
 * figure is the median of a few batches'. Not counted: a server program's own work (resolve,
 * its session cache, buffers, logging) and the kernel's: sockets, the transport floor's. Every
 * connection is checked: the version asked for, the certificate expected, a new session, the
 * request read whole and the answer the client got — a floor of failed handshakes is none. */
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "../sample.h"
#include "tlsbench.h"

#define BATCHES 5
#define MIN_PER_BATCH 10

enum { C_HS, C_WRITE, C_READ, C_DONE };
enum { S_HS, S_READ, S_WRITE, S_SHUT, S_DONE };

struct pair {
    SSL *c, *s;
    BIO *cbio, *sbio; /* the two ends: the client's, the server's */
    int cst, sst;
    const char *req, *ans;
    size_t reqlen, anslen, reqgot, ansgot;
    char reqbuf[512], ansbuf[1024];
};

static int blocked(SSL *ssl, int r)
{
    int e = SSL_get_error(ssl, r);
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
}

/* Reads until *got bytes of buf (cap) hold exactly `want`'s `len`: 1 when they do, 0 when ssl
 * must wait for more, -1 on an error or other bytes. */
static int read_exactly(SSL *ssl, char *buf, size_t cap, size_t *got, const char *want, size_t len)
{
    int r;
    while (*got < len) {
        if ((r = SSL_read(ssl, buf + *got, (int)(cap - *got))) <= 0) return blocked(ssl, r) ? 0 : -1;
        *got += (size_t)r;
    }
    return *got == len && memcmp(buf, want, len) == 0 ? 1 : -1;
}

/* The client as the load generator drives it: handshake, request, the answer to its end, then
 * its close_notify. 0 while it goes on, -1 on an error. */
static int client_turn(struct pair *p)
{
    int r;
    if (p->cst == C_HS) {
        if ((r = SSL_do_handshake(p->c)) != 1) return blocked(p->c, r) ? 0 : -1;
        p->cst = C_WRITE;
    }
    if (p->cst == C_WRITE) {
        if ((r = SSL_write(p->c, p->req, (int)p->reqlen)) <= 0) return blocked(p->c, r) ? 0 : -1;
        p->cst = C_READ;
    }
    if (p->cst == C_READ) {
        if ((r = read_exactly(p->c, p->ansbuf, sizeof p->ansbuf, &p->ansgot, p->ans, p->anslen)) != 1) return r;
        SSL_shutdown(p->c); /* close_notify; the server's is not awaited */
        p->cst = C_DONE;
    }
    return 0;
}

/* The server's calls until it must wait for the client: the handshake, the request's head, the
 * answer, the close_notify (not waiting for the client's, as sslbind-tls). */
static int server_turn(struct pair *p)
{
    int r;
    if (p->sst == S_HS) {
        if ((r = SSL_do_handshake(p->s)) != 1) return blocked(p->s, r) ? 0 : -1;
        p->sst = S_READ;
    }
    if (p->sst == S_READ) {
        if ((r = read_exactly(p->s, p->reqbuf, sizeof p->reqbuf, &p->reqgot, p->req, p->reqlen)) != 1) return r;
        p->sst = S_WRITE;
    }
    if (p->sst == S_WRITE) {
        if ((r = SSL_write(p->s, p->ans, (int)p->anslen)) <= 0) return blocked(p->s, r) ? 0 : -1;
        p->sst = S_SHUT;
    }
    if (p->sst == S_SHUT) {
        if (SSL_shutdown(p->s) < 0) return -1;
        p->sst = S_DONE;
    }
    return 0;
}

/* The server's context: the certificate and key of `pem`, sessions as sslbind-tls's defaults. */
static SSL_CTX *server_ctx(const char *pem)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx || SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
        SSL_CTX_use_certificate_file(ctx, pem, SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, pem, SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key(ctx) != 1 ||
        SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"tlsbench", 8) != 1 ||
        SSL_CTX_set_num_tickets(ctx, 1) != 1) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_mode(ctx, SSL_MODE_NO_AUTO_CHAIN);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET); /* TLS 1.2: no ticket; TLS 1.3: the ticket is stateful */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_cache_size(ctx, 20000); /* sslbind-tls's --session-cache default */
    SSL_CTX_set_timeout(ctx, 36000);
    return ctx;
}

struct run {
    SSL_CTX *cctx, *sctx;
    int tls; /* the version the checks expect */
    const char *name;
    uint8_t thumb[THUMB_LEN];
    const char *req, *ans;
    size_t reqlen, anslen;
    double timer; /* seconds per clock reading */
};

/* One connection; the server's CPU seconds in *spent and its turns in *t. 0, or -1 (why said). */
static int one(const struct run *R, double *spent, struct turns *t, char *cipher, size_t clen, char *why, size_t wl)
{
    struct pair p;
    double t0, s = 0;
    int rc = -1, guard = 0;
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned mdlen = 0;

    memset(&p, 0, sizeof p);
    memset(t, 0, sizeof *t);
    p.req = R->req;
    p.reqlen = R->reqlen;
    p.ans = R->ans;
    p.anslen = R->anslen;
    ERR_clear_error();
    if (BIO_new_bio_pair(&p.cbio, 0, &p.sbio, 0) != 1 || !(p.c = SSL_new(R->cctx))) {
        snprintf(why, wl, "cannot make the client (out of memory)");
        goto out;
    }
    SSL_set_bio(p.c, p.cbio, p.cbio); /* each SSL object owns its end from here */
    SSL_set_connect_state(p.c);
    if (SSL_set_tlsext_host_name(p.c, R->name) != 1) {
        snprintf(why, wl, "cannot set the SNI %s", R->name);
        goto out;
    }
    if (client_turn(&p) != 0) { /* the ClientHello */
        snprintf(why, wl, "the client failed to start");
        goto out;
    }
    while (p.sst != S_DONE && guard++ < 2 * TURNS_MAX) {
        size_t in = BIO_ctrl_pending(p.sbio);
        int r;
        if (!in) {
            snprintf(why, wl, "the server waits and the client has nothing to send (turn %d)", t->n + 1);
            goto out;
        }
        t0 = cpu_now();
        if (!p.s) { /* what a server does for a new connection */
            p.s = SSL_new(R->sctx);
            if (p.s) {
                SSL_set_bio(p.s, p.sbio, p.sbio);
                SSL_set_accept_state(p.s);
            }
        }
        r = p.s ? server_turn(&p) : -1;
        s += cpu_now() - t0 - R->timer;
        if (r != 0) {
            unsigned long e = ERR_peek_last_error();
            char es[160] = "";
            if (e) ERR_error_string_n(e, es, sizeof es);
            snprintf(why, wl, "the server failed in turn %d%s%s", t->n + 1, es[0] ? ": " : "", es);
            goto out;
        }
        if (t->n == TURNS_MAX || BIO_ctrl_pending(p.sbio) != 0) {
            snprintf(why, wl, "the server left bytes unread or took more than %d turns", TURNS_MAX);
            goto out;
        }
        t->in[t->n] = in;
        t->out[t->n++] = BIO_ctrl_pending(p.cbio);
        if (client_turn(&p) != 0) {
            snprintf(why, wl, "the client failed after the server's turn %d (answer %zu of %zu bytes)", t->n, p.ansgot,
                     p.anslen);
            goto out;
        }
    }
    if (p.sst != S_DONE || p.cst != C_DONE) {
        snprintf(why, wl, "the connection did not end (server state %d, client state %d)", p.sst, p.cst);
        goto out;
    }
    t->tail = BIO_ctrl_pending(p.sbio); /* the client's close_notify, which the server never reads */
    /* what was done is what was asked for */
    int want = R->tls == 12 ? TLS1_2_VERSION : TLS1_3_VERSION;
    X509 *x = SSL_get0_peer_certificate(p.c);
    if (SSL_version(p.s) != want) {
        snprintf(why, wl, "negotiated %s, not TLS 1.%d", SSL_get_version(p.s), R->tls % 10);
        goto out;
    }
    if (!x || X509_digest(x, EVP_sha1(), md, &mdlen) != 1 || mdlen != THUMB_LEN || memcmp(md, R->thumb, THUMB_LEN)) {
        char got[2 * THUMB_LEN + 1] = "(none)", exp[2 * THUMB_LEN + 1];
        if (x && mdlen == THUMB_LEN) thumb_hex(md, got);
        thumb_hex(R->thumb, exp);
        snprintf(why, wl, "the client got certificate %s, expected %s", got, exp);
        goto out;
    }
    if (SSL_session_reused(p.s)) {
        snprintf(why, wl, "a session was resumed: not a full handshake");
        goto out;
    }
    if (cipher) snprintf(cipher, clen, "%s", SSL_get_cipher_name(p.s));
    rc = 0;
out:
    if (p.s) { /* the server's end of the pair with it */
        t0 = cpu_now();
        SSL_free(p.s);
        s += cpu_now() - t0 - R->timer;
    } else {
        BIO_free(p.sbio);
    }
    if (p.c) SSL_free(p.c);
    else BIO_free(p.cbio);
    ERR_clear_error();
    *spent = s;
    return rc;
}

/* What one reading of the thread's CPU clock costs (seconds): a timed interval's share of it. */
static double clock_cost(void)
{
    double best = 1;
    for (int k = 0; k < 5; k++) {
        double t0 = cpu_now(), t1 = t0;
        for (int i = 0; i < 200; i++) t1 = cpu_now();
        best = (t1 - t0) / 200 < best ? (t1 - t0) / 200 : best;
    }
    return best;
}

int libfloor_measure(enum keytype key, int tls, const char *pem, const char *name, const uint8_t thumb[THUMB_LEN],
                     double seconds, enum floor_fault fault, struct lib_floor *f, char *why, size_t whylen)
{
    struct run R;
    char req[400], ans[1024], body[600], hex[2 * THUMB_LEN + 1];
    double per[BATCHES], spent;
    struct turns t;
    int rc = -1;

    memset(f, 0, sizeof *f);
    memset(&R, 0, sizeof R);
    why[0] = '\0';
    (void)key;                                                    /* the certificate's: pem says it */
    R.tls = fault == FAULT_VERSION ? (tls == 12 ? 13 : 12) : tls; /* the client asks for the other */
    R.name = name;
    memcpy(R.thumb, thumb, THUMB_LEN);
    if (fault == FAULT_CERT) R.thumb[0] ^= 1;
    /* the load's request, and an answer the size of sslbind-tls's to it (its body names the
     * local address, the SNI, the binding and the certificate) */
    thumb_hex(thumb, hex);
    int blen = snprintf(body, sizeof body,
                        "sslbind-tls: local 127.0.0.1:40000, SNI %s\nbinding used: Hostname:port %s:40000\n"
                        "certificate: %s\n",
                        name, name, hex);
    int alen = snprintf(
        ans, sizeof ans,
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", blen, body);
    int qlen = load_request(req, sizeof req, name);
    if (blen < 0 || alen < 0 || qlen < 0 || (size_t)alen >= sizeof ans || (size_t)qlen >= sizeof req) {
        snprintf(why, whylen, "the name %s is too long", name);
        return -1;
    }
    R.req = req;
    R.reqlen = (size_t)qlen;
    R.ans = ans;
    R.anslen = (size_t)alen;
    if (!(R.cctx = load_client_ctx(tls)) || !(R.sctx = server_ctx(pem))) {
        snprintf(why, whylen, "cannot make the contexts from %s", pem);
        goto out;
    }
    f->timer_us = (R.timer = clock_cost()) * 1e6;
    /* one unmeasured: first-use set-up; its turns are the connection's shape */
    if (one(&R, &spent, &f->shape, f->cipher, sizeof f->cipher, why, whylen) != 0) goto out;
    for (int b = 0; b < BATCHES; b++) {
        double cpu = 0;
        size_t n = 0;
        while (cpu < seconds / BATCHES || n < MIN_PER_BATCH) {
            if (one(&R, &spent, &t, NULL, 0, why, whylen) != 0) goto out;
            if (t.n != f->shape.n) {
                snprintf(why, whylen, "a connection took %d turns, the first %d", t.n, f->shape.n);
                goto out;
            }
            cpu += spent;
            n++;
        }
        per[b] = cpu / (double)n * 1e6;
        f->connections += n;
    }
    f->batches = BATCHES;
    f->us = sample_median(per, BATCHES);
    rc = 0;
out:
    SSL_CTX_free(R.cctx);
    SSL_CTX_free(R.sctx);
    if (rc != 0 && !why[0]) snprintf(why, whylen, "failed");
    return rc;
}
