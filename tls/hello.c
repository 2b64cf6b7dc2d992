/* hello.c — the ClientHello callback: what http.sys does at a handshake. The SNI is read from
 * the raw extension, resolve chooses the binding (local address, port, SNI as sent), and the
 * binding's certificate comes from the cache, already parsed and checked: no file is read. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/sha.h>
#include <openssl/tls1.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

#include "certcache.h"
#include "server.h"
#include "sesscache.h"
#include "sslb/param.h"
#include "watch.h"

int verdict_index = -1;

static void escape_as(const unsigned char *s, size_t n, char *out, size_t outlen, int blank)
{
    size_t k = 0;

    for (size_t i = 0; i < n && k + 5 <= outlen; i++) /* room for "\xNN" and the NUL */
        if (s[i] > 0x20 - blank && s[i] < 0x7f && s[i] != '\\' && s[i] != '"') out[k++] = (char)s[i];
        else k += (size_t)snprintf(out + k, outlen - k, "\\x%02x", s[i]);
    out[k] = '\0';
}

void escape(const unsigned char *s, size_t n, char *out, size_t outlen)
{
    escape_as(s, n, out, outlen, 1);
}

void escape_word(const unsigned char *s, size_t n, char *out, size_t outlen)
{
    escape_as(s, n, out, outlen, 0);
}

/* ---- the log: workers never write(2) it themselves ------------------------------------------
 *
 * While the server serves (log_start .. log_stop), a line goes into a buffer of LOG_BUFFER bytes
 * under a mutex held for a memcpy, and one log thread writes the buffer out (double-buffered:
 * it takes the filled buffer whole, leaves an empty one, and writes without the mutex). A
 * standard error nobody reads (a stopped pipe reader) blocks that thread alone: workers go on
 * serving; once the buffer is full, lines are dropped and counted, and when the writer gets
 * through again it says "sslbind-tls: N log lines dropped …". Before and after, lines are written
 * directly (start-up, the fuzz harnesses). */
#define LOG_BUFFER (256 * 1024)

static struct {
    pthread_mutex_t m;
    pthread_cond_t wake, done_cv;
    char *buf, *spare; /* the producers' buffer and the writer's */
    size_t len;
    unsigned long dropped;
    int on, stop, done;
    pthread_t th;
} lg = {.m = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER, .done_cv = PTHREAD_COND_INITIALIZER};

static void write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDERR_FILENO, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        p += w;
        n -= (size_t)w;
    }
}

static void *log_main(void *arg)
{
    char *mine = lg.spare;

    (void)arg;
    pthread_mutex_lock(&lg.m);
    for (;;) {
        while (!lg.len && !lg.dropped && !lg.stop) pthread_cond_wait(&lg.wake, &lg.m);
        if (!lg.len && !lg.dropped) break; /* stopping, and everything written */
        char *out = lg.buf;
        size_t n = lg.len;
        unsigned long dropped = lg.dropped;
        lg.buf = mine;
        lg.len = 0;
        lg.dropped = 0;
        pthread_mutex_unlock(&lg.m);
        write_all(out, n);
        if (dropped) {
            char note[160];
            int k = snprintf(note, sizeof note,
                             "sslbind-tls: %lu log lines dropped (standard error was not read fast enough)\n", dropped);
            if (k > 0) write_all(note, (size_t)k);
        }
        mine = out;
        pthread_mutex_lock(&lg.m);
    }
    lg.spare = mine; /* the buffers may have swapped: log_stop frees both */
    lg.done = 1;
    pthread_cond_broadcast(&lg.done_cv);
    pthread_mutex_unlock(&lg.m);
    return NULL;
}

int log_start(void)
{
    if (lg.on) return 0;
    if (!(lg.buf = malloc(LOG_BUFFER)) || !(lg.spare = malloc(LOG_BUFFER))) {
        free(lg.buf);
        lg.buf = NULL;
        return -1;
    }
    lg.len = lg.dropped = 0;
    lg.stop = lg.done = 0;
    if (pthread_create(&lg.th, NULL, log_main, NULL) != 0) {
        free(lg.buf);
        free(lg.spare);
        lg.buf = lg.spare = NULL;
        return -1;
    }
    __atomic_store_n(&lg.on, 1, __ATOMIC_RELEASE);
    return 0;
}

void log_stop(int seconds)
{
    struct timespec until;
    int done;

    if (!lg.on) return;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += seconds;
    pthread_mutex_lock(&lg.m);
    lg.stop = 1;
    pthread_cond_signal(&lg.wake);
    while (!lg.done && pthread_cond_timedwait(&lg.done_cv, &lg.m, &until) == 0) {
    }
    done = lg.done;
    pthread_mutex_unlock(&lg.m);
    if (!done) { /* blocked in write(2): left to the exit; what it holds is lost */
        pthread_detach(lg.th);
        return;
    }
    pthread_join(lg.th, NULL);
    __atomic_store_n(&lg.on, 0, __ATOMIC_RELEASE);
    free(lg.buf);
    free(lg.spare);
    lg.buf = lg.spare = NULL;
}

/* One log line: whatever the arguments hold (a path an administrator chose with a newline or an
 * escape sequence in it), a control character is written as \xNN, so a line is always one line
 * and says what it seems to (what clients send is escaped before, by escape()). */
void log_line(const char *fmt, ...)
{
    char raw[4096], buf[4096];
    va_list ap;
    size_t n = 0;

    va_start(ap, fmt);
    int len = vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    if (len < 0) return;
    for (const unsigned char *p = (const unsigned char *)raw; *p && n + 5 <= sizeof buf - 1; p++)
        if (*p >= 0x20 && *p != 0x7f) buf[n++] = (char)*p;
        else n += (size_t)snprintf(buf + n, sizeof buf - n, "\\x%02x", *p);
    buf[n++] = '\n';
    if (!__atomic_load_n(&lg.on, __ATOMIC_ACQUIRE)) {
        write_all(buf, (size_t)n);
        return;
    }
    pthread_mutex_lock(&lg.m);
    if (lg.stop && !lg.done) {
        lg.dropped++; /* stopping: the writer may be stuck; nothing is added behind it */
    } else if (lg.len + (size_t)n <= LOG_BUFFER) {
        memcpy(lg.buf + lg.len, buf, (size_t)n);
        lg.len += (size_t)n;
        pthread_cond_signal(&lg.wake);
    } else {
        lg.dropped++;
    }
    pthread_mutex_unlock(&lg.m);
}

void log_verdict(const struct server *sv, const struct verdict *v)
{
    if (sv->opt.quiet) return;
    log_line("sslbind-tls: %s sni=%s -> %s%s%s [%s]%s%s", v->local, v->sni_shown[0] ? v->sni_shown : "(none)",
             v->binding, v->cert[0] ? " cert " : "", v->cert, v->result, v->why[0] ? ": " : "", v->why);
}

int transient_failure(int err)
{
    int fd;

    if (err == EMFILE || err == ENFILE || err == ENOMEM || err == EIO) return 1;
    /* the error the core's read met may be lost on its way out: ask the system */
    if ((fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) return errno == EMFILE || errno == ENFILE;
    close(fd);
    return 0;
}

int verdict_local(struct verdict *v, int fd)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char ab[INET6_ADDRSTRLEN];

    memset(&v->addr, 0, sizeof v->addr);
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) return -1;
    if (ss.ss_family == AF_INET) {
        const struct sockaddr_in *in = (const void *)&ss;
        v->addr.family = 4;
        memcpy(v->addr.bytes, &in->sin_addr, 4);
        v->port = ntohs(in->sin_port);
    } else if (ss.ss_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const void *)&ss;
        v->addr.family = 6;
        memcpy(v->addr.bytes, &in6->sin6_addr, 16);
        v->port = ntohs(in6->sin6_port);
    } else {
        return -1;
    }
    sslb_addr_format(&v->addr, ab, sizeof ab);
    snprintf(v->local, sizeof v->local, v->addr.family == 6 ? "[%s]:%u" : "%s:%u", ab, v->port);
    return 0;
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
    escape_word(p + 5, nl, v->sni_shown, sizeof v->sni_shown);
    if (nl == 0 || nl >= sizeof v->sni) snprintf(v->why, sizeof v->why, "an SNI of %zu bytes is not a host name", nl);
    else if (memchr(p + 5, '\0', nl)) snprintf(v->why, sizeof v->why, "the SNI holds a NUL byte: no host name does");
    if (v->why[0]) {
        *alert = SSL_AD_UNRECOGNIZED_NAME;
        return -1;
    }
    memcpy(v->sni, p + 5, nl);
    v->sni[nl] = '\0';
    return 0;
}

/* Installs the certificate of m from the cache (pinned by the caller). SSLB_OK, or the result
 * word and why in v. */
static int serve_cert(struct server *sv, const sslb_lean *m, SSL *ssl, struct verdict *v)
{
    const char *named = sslb_table_store_name(sv->table, m->store_id);
    const char *store = m->central ? SSLB_CCS_STORE : named ? named : "MY";
    const struct cc_entry *e =
        m->central ? certcache_get_ccs(sv->cache, m->central_file) : certcache_get(sv->cache, store, m->certhash);

    if (!e || !e->found) {
        snprintf(v->result, sizeof v->result, "CERT_NOT_FOUND");
        snprintf(v->why, sizeof v->why, "not in store %s", store);
        return -1;
    }
    if (!e->x) {
        snprintf(v->result, sizeof v->result, "CERT_NOT_FOUND");
        snprintf(v->why, sizeof v->why, "%s", e->why);
        return -1;
    }
    /* one slot per key type: after a HelloRetryRequest, the first ClientHello's binding may have
     * filled another (an EC certificate, this one RSA), and OpenSSL would choose between the two */
    SSL_certs_clear(ssl);
    if (SSL_use_cert_and_key(ssl, e->x, e->key, e->chain, 1) != 1) { /* its chain too, built at load */
        char r[160] = "OpenSSL will not serve it";
        unsigned long err = ERR_peek_last_error();
        if (err) ERR_error_string_n(err, r, sizeof r);
        ERR_clear_error();
        snprintf(v->result, sizeof v->result, "CERT_NOT_FOUND");
        snprintf(v->why, sizeof v->why, "%s", r);
        return -1;
    }
    return 0;
}

/* A miss that a central-store file could have answered, had it been usable: "www.contoso.com.pfx"
 * or its wildcard form "_.contoso.com.pfx" is there but cannot serve (resolve goes on past such a
 * file as past a missing one, as http.sys does): says which file and why, for the log. Only on the
 * NO_BINDING path; reads the cache (pinned), never a file. */
static void central_note(struct server *sv, struct verdict *v)
{
    char file[SSLB_HOST_MAX + 8], sni[sizeof v->sni];
    const char *dot;
    size_t n = strlen(v->sni);

    if (!n) return;
    if (v->sni[n - 1] == '.') n--;                    /* resolve drops one trailing dot */
    for (size_t i = 0; i <= n && i < sizeof sni; i++) /* and compares names lower-cased, as the files are */
        sni[i] = i == n ? '\0' : (char)sslb_ascii_lower((unsigned char)v->sni[i]);
    dot = strchr(sni, '.');
    for (int wild = 0; wild < 2; wild++) {
        const struct cc_entry *e;
        if (wild && (!dot || (size_t)(dot - sni) + 1 >= n)) return;
        if (wild) snprintf(file, sizeof file, "_%s.pfx", dot);
        else snprintf(file, sizeof file, "%s.pfx", sni);
        if ((e = certcache_get_ccs(sv->cache, file)) && !e->x) {
            snprintf(v->why, sizeof v->why, "the central store's %.130s is there, but %.120s", file,
                     e->why[0] ? e->why : "it cannot serve");
            return;
        }
    }
}

/* The key of the binding a lean result matched, from the query: resolve's steps say which
 * (1 the exact address, 4 [::], 5 0.0.0.0; the SNI for host-name and scoped CCS bindings, without
 * the one trailing dot resolve drops; the port alone for CCS). For the log and the answer. */
static void matched_key(const sslb_lean *m, const struct verdict *v, sslb_key *k)
{
    size_t n = strlen(v->sni);
    memset(k, 0, sizeof *k);
    k->kind = m->kind;
    k->port = v->port;
    if (m->kind == SSLB_IPPORT) {
        k->family = m->step == 1 ? v->addr.family : m->step == 4 ? 6 : 4;
        if (m->step == 1) memcpy(k->addr, v->addr.bytes, sizeof k->addr);
    } else if (m->kind == SSLB_HOSTPORT || m->kind == SSLB_SCOPEDCCS) {
        if (n && v->sni[n - 1] == '.') n--;
        for (size_t i = 0; i < n && i < SSLB_HOST_MAX; i++)
            k->host[i] = (char)sslb_ascii_lower((unsigned char)v->sni[i]);
        k->host_len = (uint8_t)(n < SSLB_HOST_MAX ? n : SSLB_HOST_MAX);
    }
}

/* A client certificate asked for by the binding is the application's to judge (http.sys hands
 * it over; the check mode's revocation and usage checks are not emulated): any chain is taken,
 * and none is verified (a long chain from a client costs nothing). */
static int take_any_client_chain(X509_STORE_CTX *x, void *arg)
{
    (void)x;
    (void)arg;
    return 1;
}

/* What the matched binding's DefaultFlags ask of this handshake, as http.sys applies them: the
 * protocol versions (set here, before OpenSSL chooses one: it does after this callback), and a
 * client certificate asked for. Disable Legacy TLS needs nothing: TLS 1.0 and 1.1 are never
 * offered (spec/lookup.md's endpoint speaks TLS 1.2 and 1.3). 0, or -1 with v and *alert set. */
static int apply_flags(SSL *ssl, const sslb_lean *m, struct verdict *v, int *alert)
{
    const uint32_t both = SSLB_FLAG_DISABLE_TLS12 | SSLB_FLAG_DISABLE_TLS13;

    if ((m->flags & both) == both) {
        *alert = SSL_AD_PROTOCOL_VERSION;
        snprintf(v->result, sizeof v->result, "NO_PROTOCOL");
        snprintf(v->why, sizeof v->why, "the binding disables both TLS 1.2 and TLS 1.3");
        return -1;
    }
    /* A second ClientHello, after a HelloRetryRequest, comes with TLS 1.3 chosen at the first, and
     * OpenSSL no longer takes bounds (it ignores them: the version is fixed, RFC 8446 4.1.4).
     * (SSL_version says TLS 1.3 at a first ClientHello too: only with the count does it tell.) */
    if (v->hello_seen > 1 && SSL_version(ssl) == TLS1_3_VERSION && (m->flags & SSLB_FLAG_DISABLE_TLS13)) {
        *alert = SSL_AD_PROTOCOL_VERSION;
        snprintf(v->result, sizeof v->result, "NO_PROTOCOL");
        snprintf(v->why, sizeof v->why, "the binding disables TLS 1.3, chosen at the first ClientHello (a retry)");
        return -1;
    }
    if (((m->flags & SSLB_FLAG_DISABLE_TLS13) && SSL_set_max_proto_version(ssl, TLS1_2_VERSION) != 1) ||
        ((m->flags & SSLB_FLAG_DISABLE_TLS12) && SSL_set_min_proto_version(ssl, TLS1_3_VERSION) != 1)) {
        snprintf(v->result, sizeof v->result, "HANDSHAKE_FAILED");
        snprintf(v->why, sizeof v->why, "OpenSSL would not restrict the protocol versions");
        return -1;
    }
    /* on as well as off: after a HelloRetryRequest the callback runs again, and the second
     * ClientHello may name another binding (another SNI) than the first, whose flag must not
     * carry over (the context's mode is none) */
    SSL_set_verify(ssl, m->flags & SSLB_FLAG_NEGOTIATE_CLIENT_CERT ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, NULL);
    return 0;
}

/* The session flags, as http.sys applies them (the evidence: docs/tls.md, "Sessions"): a TLS 1.2
 * session resumes by its ID from the server-side cache unless disablesessionid; a ticket
 * (RFC 5077) is sent only with enablesessionticket. TLS 1.3 has no session IDs: without
 * enablesessionticket its ticket is stateful (Schannel's default: the ticket names a cache
 * entry; OpenSSL does the same under SSL_OP_NO_TICKET), so disablesessionid (or no cache)
 * leaves it nothing to send; with it, the ticket carries the session, encrypted. One ticket per
 * handshake (OpenSSL's default is two): each stateful one is a cache entry, and a resumption
 * gets a new one. */
/* A TLS 1.2 full handshake on a binding that resumes by nothing (disablesessionid without
 * enablesessionticket): the ServerHello's session ID empty, as http.sys sends it, so the client
 * keeps no session it could never resume. OpenSSL calls this once the new session exists and
 * before the ServerHello (SSL_set_cert_cb; full handshakes only). TLS 1.3 echoes the client's
 * legacy ID: left alone. */
static int blank_session_id(SSL *ssl, void *arg)
{
    SSL_SESSION *sess = SSL_get_session(ssl);
    (void)arg;
    if (sess && SSL_version(ssl) != TLS1_3_VERSION) SSL_SESSION_set1_id(sess, (const unsigned char *)"", 0);
    return 1;
}

static void apply_session_flags(const struct server *sv, SSL *ssl, uint32_t flags)
{
    const int ticket = (flags & SSLB_FLAG_ENABLE_SESSION_TICKET) != 0;
    const int by_id = !(flags & SSLB_FLAG_DISABLE_SESSION_ID) && sv->sessions;

    if (ticket) SSL_clear_options(ssl, SSL_OP_NO_TICKET);
    else SSL_set_options(ssl, SSL_OP_NO_TICKET);
    SSL_set_num_tickets(ssl, ticket || by_id ? 1 : 0);
    /* set or unset at each ClientHello: after a HelloRetryRequest the second may name another
     * binding, whose flags alone count (the context has no cert callback of its own) */
    SSL_set_cert_cb(ssl, !ticket && !by_id ? blank_session_id : NULL, NULL);
}

/* Whether the cache keeps the session a full handshake made (sesscache_want_fn): a TLS 1.2
 * session unless the binding disables session IDs; a TLS 1.3 one only when its ticket is the
 * stateful kind (no enablesessionticket). */
static int session_wanted(SSL *ssl, SSL_SESSION *sess)
{
    const struct verdict *v = SSL_get_ex_data(ssl, verdict_index);

    if (!v || (v->flags & SSLB_FLAG_DISABLE_SESSION_ID)) return 0;
    return SSL_SESSION_get_protocol_version(sess) != TLS1_3_VERSION || !(v->flags & SSLB_FLAG_ENABLE_SESSION_TICKET);
}

/* Whether a cached session may resume on ssl (sesscache_allow_fn): only under the session
 * context its binding set at this ClientHello. OpenSSL checks it again; the cache never hands a
 * session to another binding in the first place. */
static int session_allowed(SSL *ssl, const unsigned char *ctx, unsigned int len)
{
    const struct verdict *v = SSL_get_ex_data(ssl, verdict_index);

    return v && v->hello_seen && len == sizeof v->sid_ctx && memcmp(ctx, v->sid_ctx, len) == 0;
}

/* Sessions resume only under the binding (and certificate, flags and, for the central store, the
 * name) that made them: a ticket from one binding must not skip another's certificate, and
 * OpenSSL refuses to resume without a context when a client certificate is asked for. */
_Static_assert(sizeof((struct verdict *)0)->sid_ctx == SHA256_DIGEST_LENGTH, "the session context is a SHA-256");
_Static_assert(SHA256_DIGEST_LENGTH <= SSL_MAX_SID_CTX_LENGTH, "OpenSSL takes a context this long");

static int set_session_context(SSL *ssl, const sslb_lean *m, struct verdict *v)
{
    unsigned char *ctx = v->sid_ctx;
    char text[sizeof v->binding + sizeof v->sni + 64];
    int n = snprintf(text, sizeof text, "%s|%s|%08x|%s", v->binding, v->cert, (unsigned)m->flags,
                     m->kind == SSLB_CCS || m->central ? v->sni : "");

    if (n < 0 || !SHA256((const unsigned char *)text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1, ctx))
        return -1;
    return SSL_set_session_id_context(ssl, ctx, sizeof v->sid_ctx) == 1 ? 0 : -1;
}

/* A second ClientHello (after a HelloRetryRequest) naming another host than the first did: RFC
 * 8446 4.1.2 forbids the change. The verdict's line names the second only: this one says so. */
static void note_renamed(const struct server *sv, const struct verdict *v, const char *first)
{
    if (sv->opt.quiet || strcmp(first, v->sni_shown) == 0) return;
    log_line("sslbind-tls: %s sni=%s: a ClientHello after a HelloRetryRequest; the first named %s (RFC 8446 4.1.2 "
             "forbids the change): resolved again",
             v->local, v->sni_shown[0] ? v->sni_shown : "(none)", first[0] ? first : "(none)");
}

int on_client_hello(SSL *ssl, int *alert, void *arg)
{
    struct server *sv = arg;
    struct verdict *v = SSL_get_ex_data(ssl, verdict_index);
    sslb_lean m;
    sslb_key key;
    sslb_rc rc;
    int ok, sni_rc;
    char first[sizeof v->sni_shown];
    const char *before = NULL;

    *alert = SSL_AD_HANDSHAKE_FAILURE;
    if (!v) return SSL_CLIENT_HELLO_ERROR;
    if (v->hello_seen++) before = memcpy(first, v->sni_shown, sizeof first); /* a retry */
    v->binding[0] = v->cert[0] = v->result[0] = '\0';
    v->reset = 0;
    sni_rc = client_sni(ssl, v, alert);
    if (before) note_renamed(sv, v, before);
    if (sni_rc != 0) { /* never resolved: no SNI binding can match it */
        snprintf(v->binding, sizeof v->binding, "no binding");
        snprintf(v->result, sizeof v->result, "INVALID_SNI");
        return SSL_CLIENT_HELLO_ERROR;
    }
    watch_sync(sv); /* what a command changed before this handshake: its events are queued */
    certcache_pin(sv->cache);
    /* the handshake's path: the lean result, no copy of the binding, no trace */
    rc = sslb_table_resolve_lean(sv->table, &v->addr, v->port, v->sni[0] ? v->sni : NULL, strlen(v->sni), &m);
    if (rc != SSLB_OK) {
        central_note(sv, v);
        certcache_unpin(sv->cache);
        snprintf(v->binding, sizeof v->binding, "no binding");
        snprintf(v->result, sizeof v->result, "NO_BINDING");
        /* spec/lookup.md step 6: http.sys resets the connection (IIS's ERR_CONNECTION_RESET); the
         * alert OpenSSL writes on this error is dropped by the connection, never sent */
        v->reset = 1;
        return SSL_CLIENT_HELLO_ERROR;
    }
    {
        static const char *const labels[] = {"IP:port", "Hostname:port", "CCS", "Scoped CCS"};
        char k[SSLB_KEYTEXT_MAX];
        matched_key(&m, v, &key);
        snprintf(v->binding, sizeof v->binding, "%s %s", labels[m.kind], sslb_key_format(&key, k, sizeof k));
    }
    /* a CCS binding's certificate is its file's: a rejecting one has none (no file looked up) */
    if (m.kind == SSLB_IPPORT || m.kind == SSLB_HOSTPORT || m.central) sslb_certhash_format(m.certhash, v->cert);
    if (m.flags & SSLB_FLAG_REJECT) {
        certcache_unpin(sv->cache);
        snprintf(v->result, sizeof v->result, "REJECTED");
        return SSL_CLIENT_HELLO_ERROR;
    }
    v->flags = m.flags;
    apply_session_flags(sv, ssl, m.flags);
    if (apply_flags(ssl, &m, v, alert) != 0 || set_session_context(ssl, &m, v) != 0) {
        if (!v->result[0]) snprintf(v->result, sizeof v->result, "HANDSHAKE_FAILED");
        certcache_unpin(sv->cache);
        return SSL_CLIENT_HELLO_ERROR;
    }
    ok = serve_cert(sv, &m, ssl, v) == 0;
    certcache_unpin(sv->cache);
    if (!ok) return SSL_CLIENT_HELLO_ERROR;
    snprintf(v->result, sizeof v->result, "SERVED");
    return SSL_CLIENT_HELLO_SUCCESS;
}

int hello_setup(struct server *sv)
{
    if (verdict_index < 0 && (verdict_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL)) < 0) return -1;
    SSL_CTX_set_client_hello_cb(sv->ctx, on_client_hello, sv);
    SSL_CTX_set_cert_verify_callback(sv->ctx, take_any_client_chain, NULL);
    if (sv->sessions && sesscache_install(sv->sessions, sv->ctx, session_wanted, session_allowed) != 0) return -1;
    return 0;
}
