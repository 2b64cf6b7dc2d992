/* tls_main.c — sslbind-tls: a real TLS endpoint over the emulated machine. At each ClientHello
 * it asks the core's resolve which binding http.sys would use (local address, port, SNI), serves
 * that binding's certificate from the machine's stores, and answers one HTTP request saying what
 * it did; `openssl s_client` and `curl` can connect to it. Loopback use: it serves what it is
 * told to listen on. The binding table is reloaded when another process changes bindings.reg,
 * while handshakes resolve concurrently (the RCU read path).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/tls1.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "sslb/certstore.h"
#include "sslb/store.h"
#include "sslb/table.h"
#include "route.h"
#include "sslb/param.h"
#include "sslb/statedir.h"

#define MAX_LISTEN 16
#define MAX_WORKERS 64
#define MAX_CONNECTIONS 1000000000L /* --max-connections: at most this */

struct server {
    sslb_table *table;
    sslb_store *store;
    sslb_certstore *certs;
    struct router *router;      /* IIS sites, when the state directory has them */
    SSL_CTX *ctx;
    pthread_mutex_t log_lock;
    int busy;                   /* connections in flight (atomic) */
};

/* What the ClientHello callback decided, kept on the connection for the log and the reply. */
struct verdict {
    char local[64];
    char sni[SSLB_HOST_MAX + 2];      /* as sent (a trailing dot allowed), "" when none or invalid */
    char sni_shown[4 * 255 + 16];     /* as sent, escaped: what the log and the reply show */
    char binding[SSLB_KEYTEXT_MAX + 32], cert[41], result[32];
    char why[300];                    /* why the result, when it is not SERVED ("" if obvious) */
    sslb_addr addr;                   /* the local address and port the client reached */
    uint16_t port;
};

static int verdict_index;
static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

/* Bytes a client sent, made safe for a log line or a reply: control bytes, backslash and
 * anything not ASCII become \xNN, so a name can neither forge a log line nor drive a terminal. */
static void escape(const unsigned char *s, size_t n, char *out, size_t outlen)
{
    size_t k = 0;

    for (size_t i = 0; i < n && k + 5 <= outlen; i++) /* room for "\xNN" and the NUL */
        if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\') out[k++] = (char)s[i];
        else k += (size_t)snprintf(out + k, outlen - k, "\\x%02x", s[i]);
    out[k] = '\0';
}

static void logf_line(struct server *sv, const struct verdict *v)
{
    pthread_mutex_lock(&sv->log_lock);
    fprintf(stderr, "sslbind-tls: %s sni=%s -> %s%s%s [%s]%s%s\n", v->local, v->sni_shown[0] ? v->sni_shown : "(none)",
            v->binding, v->cert[0] ? " cert " : "", v->cert, v->result, v->why[0] ? ": " : "", v->why);
    pthread_mutex_unlock(&sv->log_lock);
}

/* The SNI host name of a ClientHello into v->sni (and, escaped, v->sni_shown). 0 when the client
 * sent none or a usable one; -1 when the extension is there but its name cannot be a host name:
 * empty, longer than a DNS name, holding a NUL byte (which a C string would cut, matching the
 * name before it), or a malformed list. *alert is then the alert to send. */
static int client_sni(SSL *ssl, struct verdict *v, int *alert)
{
    const unsigned char *p;
    size_t len, list, nl;

    v->sni[0] = v->sni_shown[0] = v->why[0] = '\0';
    if (!SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_server_name, &p, &len)) return 0;
    /* server_name_list: u16 length, then one entry: type host_name (0), u16 length, name */
    list = len >= 2 ? (size_t)p[0] << 8 | p[1] : 0;
    nl = len >= 5 ? (size_t)p[3] << 8 | p[4] : 0;
    if (len < 5 || list + 2 != len || p[2] != TLSEXT_NAMETYPE_host_name || nl + 5 > len) {
        snprintf(v->why, sizeof v->why, "malformed server_name extension");
        *alert = SSL_AD_DECODE_ERROR;
        return -1;
    }
    escape(p + 5, nl, v->sni_shown, sizeof v->sni_shown);
    if (nl == 0 || nl >= sizeof v->sni)
        snprintf(v->why, sizeof v->why, "an SNI of %zu bytes is not a host name", nl);
    else if (memchr(p + 5, '\0', nl))
        snprintf(v->why, sizeof v->why, "the SNI holds a NUL byte: no host name does");
    if (v->why[0]) {
        *alert = SSL_AD_UNRECOGNIZED_NAME;
        return -1;
    }
    memcpy(v->sni, p + 5, nl);
    v->sni[nl] = '\0';
    return 0;
}

static int on_client_hello(SSL *ssl, int *alert, void *arg)
{
    struct server *sv = arg;
    struct verdict *v = SSL_get_ex_data(ssl, verdict_index);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    sslb_addr a;
    uint16_t port;
    sslb_match m;
    sslb_cert *cert = NULL;
    const char *store = NULL;
    sslb_diag d = {{0}};
    sslb_rc rc;

    *alert = SSL_AD_HANDSHAKE_FAILURE;
    memset(&a, 0, sizeof a);
    if (getsockname(SSL_get_fd(ssl), (struct sockaddr *)&ss, &sl) != 0) return SSL_CLIENT_HELLO_ERROR;
    if (ss.ss_family == AF_INET) {
        const struct sockaddr_in *in = (const void *)&ss;
        a.family = 4;
        memcpy(a.bytes, &in->sin_addr, 4);
        port = ntohs(in->sin_port);
    } else {
        const struct sockaddr_in6 *in6 = (const void *)&ss;
        a.family = 6;
        memcpy(a.bytes, &in6->sin6_addr, 16);
        port = ntohs(in6->sin6_port);
    }
    {
        char ab[INET6_ADDRSTRLEN];
        sslb_addr_format(&a, ab, sizeof ab);
        snprintf(v->local, sizeof v->local, a.family == 6 ? "[%s]:%u" : "%s:%u", ab, port);
    }
    v->addr = a;
    v->port = port;
    if (client_sni(ssl, v, alert) != 0) { /* never resolved: no SNI binding can match it */
        snprintf(v->binding, sizeof v->binding, "no binding");
        snprintf(v->result, sizeof v->result, "INVALID_SNI");
        return SSL_CLIENT_HELLO_ERROR;
    }
    rc = sslb_table_resolve(sv->table, &a, port, v->sni[0] ? v->sni : NULL, strlen(v->sni), &m, NULL);
    if (rc != SSLB_OK) {
        snprintf(v->binding, sizeof v->binding, "no binding");
        snprintf(v->result, sizeof v->result, "NO_BINDING");
        return SSL_CLIENT_HELLO_ERROR;
    }
    {
        static const char *const labels[] = {"IP:port", "Hostname:port", "CCS", "Scoped CCS"};
        char k[SSLB_KEYTEXT_MAX];
        snprintf(v->binding, sizeof v->binding, "%s %s", labels[m.binding.key.kind],
                 sslb_key_format(&m.binding.key, k, sizeof k));
    }
    sslb_certhash_format(m.certhash, v->cert);
    if (m.binding.params.flags & SSLB_FLAG_REJECT) {
        snprintf(v->result, sizeof v->result, "REJECTED");
        return SSL_CLIENT_HELLO_ERROR;
    }
    rc = sslb_cert_load_match(sv->certs, &m, &cert, &store);
    if (rc != SSLB_OK || sslb_cert_use(cert, ssl, &d) != SSLB_OK) {
        snprintf(v->result, sizeof v->result, "CERT_NOT_FOUND");
        if (rc != SSLB_OK) snprintf(v->why, sizeof v->why, "not in store %s", store);
        else snprintf(v->why, sizeof v->why, "%s", d.text);
        sslb_cert_free(cert);
        return SSL_CLIENT_HELLO_ERROR;
    }
    sslb_cert_free(cert);
    snprintf(v->result, sizeof v->result, "SERVED");
    return SSL_CLIENT_HELLO_SUCCESS;
}

/* The Host header's value (NUL-terminated in place), or NULL. */
static char *host_header(char *req)
{
    for (char *line = strstr(req, "\r\n"); line && line[2] && !(line[2] == '\r' && line[3] == '\n');
         line = strstr(line + 2, "\r\n")) {
        char *h = line + 2;
        if (sslb_ascii_ncasecmp(h, "Host:", 5) != 0) continue;
        h += 5;
        while (*h == ' ' || *h == '\t') h++;
        char *end = strstr(h, "\r\n");
        if (end) *end = '\0';
        while (end && end > h && (end[-1] == ' ' || end[-1] == '\t')) *--end = '\0';
        return h;
    }
    return NULL;
}

/* The HTTP answer: what the handshake did and, when the state directory has IIS sites, which
 * site the request is routed to (400 Bad Request when none, as http.sys answers). */
static int reply(struct server *sv, const struct verdict *v, char *req, char *out, size_t n)
{
    char body[2600], safe_host[300];
    const struct routes *rs = router_get(sv->router);
    const char *host = host_header(req);
    const struct route *r = rs->enabled ? route_match(rs, &v->addr, v->port, host) : NULL;
    size_t k = 0;
    int blen, status = rs->enabled && !r ? 400 : 200;

    for (const char *p = host ? host : ""; *p && k + 5 < sizeof safe_host; p++) /* printable ASCII only */
        k += (size_t)((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f
                          ? snprintf(safe_host + k, sizeof safe_host - k, "%c", *p)
                          : snprintf(safe_host + k, sizeof safe_host - k, "\\x%02x", (unsigned char)*p));
    safe_host[k] = '\0';
    blen = snprintf(body, sizeof body, "sslbind-tls: local %s, SNI %s\nbinding used: %s\ncertificate: %s\n", v->local,
                    v->sni_shown[0] ? v->sni_shown : "(none)", v->binding, v->cert);
    if (rs->enabled && blen > 0 && (size_t)blen < sizeof body)
        blen += snprintf(body + blen, sizeof body - (size_t)blen, r ? "host header: %s\nsite: %s (id %u)\nrouted by: %s\n"
                                                                   : "host header: %s\nsite: (none: 400 Bad Request)\n",
                         host ? safe_host : "(none)", r ? r->site : "", r ? r->id : 0, r ? r->binding : "");
    router_put(rs);
    if (blen < 0 || (size_t)blen >= sizeof body) blen = (int)strlen(body);
    return snprintf(out, n, "HTTP/1.1 %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
                    status == 200 ? "200 OK" : "400 Bad Request", blen, body);
}

struct conn {
    struct server *sv;
    int fd;
};

/* One connection: the handshake, one HTTP request, one answer. */
static void *serve(void *p)
{
    struct conn *c = p;
    struct server *sv = c->sv;
    struct verdict v;
    SSL *ssl = SSL_new(sv->ctx);
    char req[8192], resp[3072];
    int n, got = 0;

    memset(&v, 0, sizeof v);
    if (ssl && SSL_set_fd(ssl, c->fd) == 1 && SSL_set_ex_data(ssl, verdict_index, &v) == 1) {
        if (SSL_accept(ssl) == 1) {
            while (got < (int)sizeof req - 1 && (n = SSL_read(ssl, req + got, (int)sizeof req - 1 - got)) > 0) {
                got += n;
                req[got] = '\0';
                if (strstr(req, "\r\n\r\n")) break;
            }
            int rlen = reply(sv, &v, req, resp, sizeof resp);
            SSL_write(ssl, resp, rlen);
            SSL_shutdown(ssl);
        } else if (!v.result[0]) {
            snprintf(v.result, sizeof v.result, "HANDSHAKE_FAILED");
        } else if (strcmp(v.result, "SERVED") == 0 && !v.why[0]) { /* the client refused it, say */
            char r[160] = "";
            unsigned long e = ERR_peek_last_error();
            if (e) ERR_error_string_n(e, r, sizeof r);
            snprintf(v.why, sizeof v.why, "then the handshake failed%s%s", r[0] ? ": " : "", r);
        }
        if (v.local[0]) logf_line(sv, &v);
    }
    ERR_clear_error();
    SSL_free(ssl);
    close(c->fd);
    free(c);
    __atomic_fetch_sub(&sv->busy, 1, __ATOMIC_RELEASE);
    return NULL;
}

static int listen_on(const char *text, int *fd_out)
{
    sslb_key k;
    sslb_diag d;
    struct sockaddr_storage ss;
    socklen_t sl;
    int fd, one = 1;

    if (sslb_key_parse(SSLB_IPPORT, text, &k, &d) != SSLB_OK) {
        fprintf(stderr, "sslbind-tls: --listen %s: %s\n", text, d.text);
        return -1;
    }
    memset(&ss, 0, sizeof ss);
    if (k.family == 4) {
        struct sockaddr_in *in = (void *)&ss;
        in->sin_family = AF_INET;
        in->sin_port = htons(k.port);
        memcpy(&in->sin_addr, k.addr, 4);
        sl = sizeof *in;
    } else {
        struct sockaddr_in6 *in6 = (void *)&ss;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(k.port);
        memcpy(&in6->sin6_addr, k.addr, 16);
        sl = sizeof *in6;
    }
    if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (k.family == 6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, 64) != 0) {
        fprintf(stderr, "sslbind-tls: --listen %s: %s\n", text, strerror(errno));
        close(fd);
        return -1;
    }
    *fd_out = fd;
    return 0;
}

static void usage(FILE *f)
{
    fputs("usage: sslbind-tls [--state DIR] --listen IP:PORT [--listen IP:PORT …] [--max-connections N]\n"
          "Serves TLS on each address with the certificate http.sys would choose, and answers one\n"
          "HTTP request per connection saying which binding and certificate were used.\n",
          f);
}

/* --max-connections N: 1..MAX_CONNECTIONS, digits only. 0, or -1 (said why). */
static int parse_max(const char *text, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = text[0] >= '0' && text[0] <= '9' ? strtol(text, &end, 10) : 0;
    if (v < 1 || errno == ERANGE || *end || v > MAX_CONNECTIONS) {
        fprintf(stderr, "sslbind-tls: --max-connections: '%s' is not a number from 1 to %ld\n", text, MAX_CONNECTIONS);
        return -1;
    }
    *out = v;
    return 0;
}

/* Accepts connections until a signal (or max_conn of them), a thread each. */
static void serve_all(struct server *sv, struct pollfd *pfd, int nl, long max_conn)
{
    char why[600];
    long served = 0;

    while (!stopping && (max_conn < 0 || served < max_conn)) {
        int r = poll(pfd, (nfds_t)nl, 500);
        if (r < 0 && errno != EINTR) break;
        for (int i = 0; r > 0 && i < nl; i++) {
            if (!(pfd[i].revents & POLLIN)) continue;
            int fd = accept4(pfd[i].fd, NULL, NULL, SOCK_CLOEXEC);
            if (fd < 0) continue;
            struct timeval tv = {5, 0}; /* a silent client cannot hold a worker */
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
            /* see changes another sslbind made before this handshake resolves */
            if (sslb_store_refresh(sv->store, sv->table) != SSLB_OK)
                fprintf(stderr, "sslbind-tls: keeping the table in memory: %s\n", sslb_store_detail(sv->store));
            if (router_refresh(sv->router, why, sizeof why) != 0)
                fprintf(stderr, "sslbind-tls: keeping the sites in memory: %s\n", why);
            if (__atomic_load_n(&sv->busy, __ATOMIC_ACQUIRE) >= MAX_WORKERS) {
                close(fd);
                continue;
            }
            struct conn *c = malloc(sizeof *c);
            pthread_t th;
            if (!c) {
                close(fd);
                continue;
            }
            c->sv = sv;
            c->fd = fd;
            __atomic_fetch_add(&sv->busy, 1, __ATOMIC_RELEASE);
            if (pthread_create(&th, NULL, serve, c) != 0) {
                __atomic_fetch_sub(&sv->busy, 1, __ATOMIC_RELEASE);
                close(fd);
                free(c);
                continue;
            }
            pthread_detach(th);
            served++;
        }
    }
    while (__atomic_load_n(&sv->busy, __ATOMIC_ACQUIRE) > 0) usleep(10000); /* let workers finish */
}

/* Opens everything the server needs over state. 0, or -1 (said why). */
static int server_open(struct server *sv, const char *state)
{
    char why[600];
    sslb_diag d = {{0}};

    if (sslb_table_create(&sv->table) != SSLB_OK) {
        fprintf(stderr, "sslbind-tls: out of memory\n");
        return -1;
    }
    if (sslb_store_open(state, &sv->store, &d) != SSLB_OK || sslb_certstore_open(state, &sv->certs, &d) != SSLB_OK ||
        sslb_cert_server_ctx(&sv->ctx, &d) != SSLB_OK) {
        fprintf(stderr, "sslbind-tls: %s\n", d.text[0] ? d.text : "out of memory");
        return -1;
    }
    sslb_table_set_central(sv->table, sslb_certstore_central(sv->certs));
    if (!(sv->router = router_open(state)) || router_refresh(sv->router, why, sizeof why) != 0) {
        fprintf(stderr, "sslbind-tls: %s\n", sv->router ? why : "out of memory");
        return -1;
    }
    if (sslb_store_load(sv->store, sv->table) != SSLB_OK) {
        fprintf(stderr, "sslbind-tls: %s\n", sslb_store_detail(sv->store));
        return -1;
    }
    if ((verdict_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL)) < 0) {
        fprintf(stderr, "sslbind-tls: out of memory\n");
        return -1;
    }
    SSL_CTX_set_client_hello_cb(sv->ctx, on_client_hello, sv);
    return 0;
}

/* Frees whatever server_open opened: every exit path goes through here. */
static void server_close(struct server *sv)
{
    SSL_CTX_free(sv->ctx);
    sslb_certstore_close(sv->certs);
    sslb_store_close(sv->store);
    sslb_table_destroy(sv->table);
    router_close(sv->router);
    pthread_mutex_destroy(&sv->log_lock);
}

int main(int argc, char **argv)
{
    struct server sv;
    struct pollfd pfd[MAX_LISTEN];
    const char *state = NULL; /* --state, else sslb_state_dir_find() */
    char *defstate = NULL;
    int nl = 0, status = 1;
    long max_conn = -1;
    sslb_diag d = {{0}};

    memset(&sv, 0, sizeof sv);
    pthread_mutex_init(&sv.log_lock, NULL);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--state") == 0 && i + 1 < argc) {
            state = argv[++i];
        } else if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
            if (nl == MAX_LISTEN) {
                fprintf(stderr, "sslbind-tls: --listen %s: at most %d addresses\n", argv[i + 1], MAX_LISTEN);
                goto out;
            }
            if (listen_on(argv[++i], &pfd[nl].fd) != 0) goto out;
            pfd[nl++].events = POLLIN;
        } else if (strcmp(argv[i], "--max-connections") == 0 && i + 1 < argc) {
            if (parse_max(argv[++i], &max_conn) != 0) goto out;
        } else {
            int help = strcmp(argv[i], "--help") == 0;
            usage(help ? stdout : stderr);
            status = help ? 0 : 1;
            goto out;
        }
    }
    if (nl == 0) {
        usage(stderr);
        goto out;
    }
    if (!state || !*state) {
        if (sslb_state_dir_find(&defstate, &d) != SSLB_OK) {
            fprintf(stderr, "sslbind-tls: %s\n", d.text[0] ? d.text : "out of memory");
            goto out;
        }
        state = defstate;
    }
    if (server_open(&sv, state) != 0) goto out;
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--listen") == 0) printf("sslbind-tls: listening on %s\n", argv[++i]);
    fflush(stdout);
    serve_all(&sv, pfd, nl, max_conn);
    status = 0;
out:
    for (int i = 0; i < nl; i++) close(pfd[i].fd);
    server_close(&sv);
    free(defstate);
    return status;
}
