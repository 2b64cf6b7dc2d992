/* hrr_client.c — a TLS 1.3 client that makes the server send a HelloRetryRequest and names
 * another host in its second ClientHello than in its first (RFC 8446 4.1.2 forbids it; a server
 * MAY refuse it), to check what sslbind-tls's ClientHello callback, run once per ClientHello,
 * carries over from the first binding to the second.
 *
 * Forcing the HelloRetryRequest: OpenSSL 3.0's server takes a key share for any group a stock
 * OpenSSL 3.0 client can make one for (X25519, X448, P-256/384/521, ffdhe2048 to 8192: all in
 * its default list), so no order of standard groups makes it ask for another. The client's first
 * group is therefore one the server does not know: "hrr-private", 0xFE00 (ecdhe_private_use,
 * RFC 8446 4.2.7), declared by a provider built in below whose key management is the default
 * provider's X25519 under another name. ClientHello 1 carries a key share for 0xFE00 only and
 * lists X25519 after it; the server ignores the share and asks for X25519 (as it would a client
 * offering only a post-quantum share it does not know).
 *
 * Changing the name: the message callback sees the HelloRetryRequest before OpenSSL processes it,
 * and sets the second name then; ClientHello 2 is built after. What each ClientHello carried is
 * read from the bytes written to the socket (a BIO callback), not from what the client meant.
 *
 * hrr-client [-sess_in FILE] [-sess_out FILE] IP PORT NAME1 NAME2 [GROUPS]: NAME2 "-" keeps NAME1;
 * GROUPS (default "hrr-private:X25519") "X25519" makes no HelloRetryRequest; -sess_in offers the
 * session in FILE (PEM), -sess_out saves the one the server sent (as openssl s_client's options).
 * Prints, one per line:
 *   hrr: yes|no
 *   clienthello N: sni=NAME|(none) key_share=0xGGGG[,…]
 *   certificate request: yes|no
 *   certificate: sha1=HEX subject=… (or "certificate: none")
 *   result: served TLSv1.3 | alert received: DESC | failed: REASON
 *   resumed: yes|no (with -sess_in, when served)
 *   answer: LINE (the reply's "binding used:" and "certificate:" lines, when served)
 * Exit status 0 when the run could be made (whatever its result), 2 on a usage or set-up error. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/provider.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

/* ---- the provider: one TLS group the server does not know, keyed as X25519 ---------------- */

static unsigned int group_id = 0xFE00, group_bits = 128;
static int group_min_tls = TLS1_3_VERSION, group_max_tls = 0, group_dtls = -1, group_kem = 0;
static OSSL_PARAM group_params[] = {
    OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_NAME, "hrr-private", sizeof "hrr-private"),
    OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_NAME_INTERNAL, "x25519", sizeof "x25519"),
    OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_ALG, "HRR-X25519", sizeof "HRR-X25519"),
    OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_ID, &group_id),
    OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_SECURITY_BITS, &group_bits),
    OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MIN_TLS, &group_min_tls),
    OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MAX_TLS, &group_max_tls),
    OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MIN_DTLS, &group_dtls),
    OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MAX_DTLS, &group_dtls),
    OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_IS_KEM, &group_kem),
    OSSL_PARAM_END};

/* the default provider's X25519 key management, under our name (libssl takes a group only when
 * its key management comes from the provider that declares it) */
static OSSL_ALGORITHM keymgmt[2];
static void *default_ctx;
static OSSL_PROVIDER *loaded[2]; /* unloaded at the end: the library frees a loaded one then only */

static const OSSL_ALGORITHM *hrr_query(void *provctx, int operation_id, int *no_cache)
{
    (void)provctx;
    *no_cache = 0;
    return operation_id == OSSL_OP_KEYMGMT ? keymgmt : NULL;
}

static int hrr_capabilities(void *provctx, const char *capability, OSSL_CALLBACK *cb, void *arg)
{
    (void)provctx;
    return strcasecmp(capability, "TLS-GROUP") == 0 ? cb(group_params, arg) : 1;
}

static const OSSL_DISPATCH hrr_dispatch[] = {{OSSL_FUNC_PROVIDER_QUERY_OPERATION, (void (*)(void))hrr_query},
                                             {OSSL_FUNC_PROVIDER_GET_CAPABILITIES, (void (*)(void))hrr_capabilities},
                                             {0, NULL}};

static int hrr_init(const OSSL_CORE_HANDLE *handle, const OSSL_DISPATCH *in, const OSSL_DISPATCH **out, void **provctx)
{
    (void)handle;
    (void)in;
    *out = hrr_dispatch;
    *provctx = default_ctx; /* the forwarded functions take the default provider's context */
    return 1;
}

static int load_providers(void)
{
    OSSL_PROVIDER *def = loaded[0] = OSSL_PROVIDER_load(NULL, "default");
    const OSSL_ALGORITHM *a;
    int no_cache;

    if (!def || !(a = OSSL_PROVIDER_query_operation(def, OSSL_OP_KEYMGMT, &no_cache))) return -1;
    for (; a->algorithm_names; a++)
        if (strncasecmp(a->algorithm_names, "X25519:", 7) == 0 || strcasecmp(a->algorithm_names, "X25519") == 0) break;
    if (!a->algorithm_names) return -1;
    keymgmt[0] = (OSSL_ALGORITHM){"HRR-X25519", "provider=hrr", a->implementation, "X25519 under another name"};
    default_ctx = OSSL_PROVIDER_get0_provider_ctx(def);
    if (OSSL_PROVIDER_add_builtin(NULL, "hrr", hrr_init) != 1 || !(loaded[1] = OSSL_PROVIDER_load(NULL, "hrr")))
        return -1;
    return 0;
}

static void unload_providers(void)
{
    for (int i = 1; i >= 0; i--)
        if (loaded[i]) OSSL_PROVIDER_unload(loaded[i]);
}

/* ---- what happened ------------------------------------------------------------------------- */

static struct {
    const char *second; /* the name for ClientHello 2, NULL to keep the first */
    int hrr, certreq, alert_in;
    unsigned char out[16384]; /* the bytes written to the socket until the handshake ends */
    size_t outlen;
} seen = {.alert_in = -1};

static const unsigned char hrr_random[32] = {0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C,
                                             0x02, 0x1E, 0x65, 0xB8, 0x91, 0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB,
                                             0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

static void on_message(int write_p, int version, int content_type, const void *buf, size_t len, SSL *ssl, void *arg)
{
    const unsigned char *p = buf;

    (void)version;
    (void)arg;
    if (write_p) return;
    if (content_type == SSL3_RT_ALERT && len == 2) seen.alert_in = p[1];
    if (content_type != SSL3_RT_HANDSHAKE || len < 1) return;
    if (p[0] == SSL3_MT_CERTIFICATE_REQUEST) seen.certreq = 1;
    /* ServerHello: type, length (3), legacy_version (2), random (32) */
    if (p[0] == SSL3_MT_SERVER_HELLO && len >= 38 && memcmp(p + 6, hrr_random, 32) == 0) {
        seen.hrr = 1;
        if (seen.second) SSL_set_tlsext_host_name(ssl, seen.second);
    }
}

static long on_bio(BIO *b, int oper, const char *argp, size_t len, int argi, long argl, int ret, size_t *processed)
{
    (void)b;
    (void)len;
    (void)argi;
    (void)argl;
    if (oper == (BIO_CB_WRITE | BIO_CB_RETURN) && ret > 0 && processed) {
        size_t n = *processed;
        if (n > sizeof seen.out - seen.outlen) n = sizeof seen.out - seen.outlen;
        memcpy(seen.out + seen.outlen, argp, n);
        seen.outlen += n;
    }
    return ret;
}

static unsigned u16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* One ClientHello's server_name and key_share groups, from its handshake message. */
static void print_hello(int n, const unsigned char *m, size_t len)
{
    char sni[300] = "(none)", shares[200] = "(none)";
    size_t i = 4 + 2 + 32, end;

    if (i < len) i += 1 + m[i];            /* legacy_session_id */
    if (i + 2 <= len) i += 2 + u16(m + i); /* cipher_suites */
    if (i < len) i += 1 + m[i];            /* legacy_compression_methods */
    if (i + 2 > len) {
        printf("clienthello %d: malformed\n", n);
        return;
    }
    end = i + 2 + u16(m + i);
    if (end > len) end = len;
    for (i += 2; i + 4 <= end;) {
        unsigned type = u16(m + i), elen = u16(m + i + 2);
        const unsigned char *e = m + i + 4;
        if (i + 4 + elen > end) break;
        if (type == TLSEXT_TYPE_server_name && elen >= 5) {
            unsigned nl = u16(e + 3);
            if (5 + nl <= elen) snprintf(sni, sizeof sni, "%.*s", (int)nl, (const char *)e + 5);
        } else if (type == TLSEXT_TYPE_key_share && elen >= 2) {
            size_t k = 0;
            for (unsigned j = 2; j + 4 <= elen && k + 8 < sizeof shares; j += 4 + u16(e + j + 2))
                k += (size_t)snprintf(shares + k, sizeof shares - k, "%s0x%04x", k ? "," : "", u16(e + j));
        }
        i += 4 + elen;
    }
    printf("clienthello %d: sni=%s key_share=%s\n", n, sni, shares);
}

/* The ClientHellos in the plaintext records the client wrote (each in one record here). */
static void print_hellos(void)
{
    int n = 0;

    for (size_t i = 0; i + 5 <= seen.outlen;) {
        size_t rl = u16(seen.out + i + 3);
        const unsigned char *r = seen.out + i + 5;
        if (i + 5 + rl > seen.outlen) break;
        if (seen.out[i] == SSL3_RT_HANDSHAKE && rl >= 4 && r[0] == SSL3_MT_CLIENT_HELLO) print_hello(++n, r, rl);
        i += 5 + rl;
    }
    if (!n) printf("clienthello 1: none written\n");
}

static void print_certificate(SSL *ssl)
{
    X509 *x = SSL_get0_peer_certificate(ssl);
    unsigned char md[20];
    unsigned int mdlen = 0;
    char hex[41], subject[256];

    if (!x || X509_digest(x, EVP_sha1(), md, &mdlen) != 1 || mdlen != 20) {
        printf("certificate: none\n");
        return;
    }
    for (unsigned i = 0; i < 20; i++) snprintf(hex + 2 * i, 3, "%02x", md[i]);
    X509_NAME_oneline(X509_get_subject_name(x), subject, sizeof subject);
    printf("certificate: sha1=%s subject=%s\n", hex, subject);
}

/* After a handshake that went through: one request, and the lines of the reply that say which
 * binding and certificate the server used. */
static void print_answer(SSL *ssl, const char *host)
{
    char req[512], buf[8192];
    size_t len = 0;
    int n;

    n = snprintf(req, sizeof req, "GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", host);
    if (SSL_write(ssl, req, n) != n) return;
    while (len < sizeof buf - 1 && (n = SSL_read(ssl, buf + len, (int)(sizeof buf - 1 - len))) > 0) len += (size_t)n;
    buf[len] = '\0';
    for (char *save = NULL, *line = strtok_r(buf, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save))
        if (strncmp(line, "binding used:", 13) == 0 || strncmp(line, "certificate:", 12) == 0)
            printf("answer: %s\n", line);
}

static SSL_SESSION *read_session(const char *file)
{
    FILE *f = fopen(file, "r");
    SSL_SESSION *sess = f ? PEM_read_SSL_SESSION(f, NULL, NULL, NULL) : NULL;

    if (f) fclose(f);
    return sess;
}

static int write_session(SSL *ssl, const char *file)
{
    SSL_SESSION *sess = SSL_get1_session(ssl);
    FILE *f = sess ? fopen(file, "w") : NULL;
    int ok = f && PEM_write_SSL_SESSION(f, sess) == 1;

    if (f && fclose(f) != 0) ok = 0;
    SSL_SESSION_free(sess);
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    const char *groups, *sess_in = NULL, *sess_out = NULL;
    SSL_SESSION *offered = NULL;
    SSL_CTX *ctx;
    SSL *ssl;
    BIO *bio;
    int fd, r;

    for (; argc > 2 && (strcmp(argv[1], "-sess_in") == 0 || strcmp(argv[1], "-sess_out") == 0); argc -= 2, argv += 2)
        *(strcmp(argv[1], "-sess_in") == 0 ? &sess_in : &sess_out) = argv[2];
    groups = argc > 5 ? argv[5] : "hrr-private:X25519";
    if (argc < 5 || argc > 6 || inet_pton(AF_INET, argv[1], &sa.sin_addr) != 1) {
        fprintf(stderr, "usage: hrr-client [-sess_in FILE] [-sess_out FILE] IP PORT NAME1 NAME2|- [GROUPS]\n");
        return 2;
    }
    if (sess_in && !(offered = read_session(sess_in))) {
        fprintf(stderr, "hrr-client: no session in %s\n", sess_in);
        return 2;
    }
    sa.sin_port = htons((uint16_t)strtol(argv[2], NULL, 10));
    seen.second = strcmp(argv[4], "-") == 0 ? NULL : argv[4];
    if (load_providers() != 0 || !(ctx = SSL_CTX_new(TLS_client_method()))) {
        fprintf(stderr, "hrr-client: cannot load the providers\n");
        ERR_print_errors_fp(stderr);
        return 2;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); /* what was served is printed, not judged */
    if (SSL_CTX_set1_groups_list(ctx, groups) != 1) {
        fprintf(stderr, "hrr-client: groups %s refused\n", groups);
        ERR_print_errors_fp(stderr);
        return 2;
    }
    SSL_CTX_set_msg_callback(ctx, on_message);
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        perror("hrr-client: connect");
        return 2;
    }
    ssl = SSL_new(ctx);
    bio = BIO_new_socket(fd, BIO_CLOSE);
    if (!ssl || !bio) return 2;
    BIO_set_callback_ex(bio, on_bio);
    SSL_set_bio(ssl, bio, bio);
    SSL_set_tlsext_host_name(ssl, argv[3]);
    if (offered) SSL_set_session(ssl, offered);
    errno = 0;
    r = SSL_connect(ssl);
    int sys_err = SSL_get_error(ssl, r) == SSL_ERROR_SYSCALL ? errno : 0; /* a reset: ECONNRESET */
    printf("hrr: %s\n", seen.hrr ? "yes" : "no");
    print_hellos();
    printf("certificate request: %s\n", seen.certreq ? "yes" : "no");
    print_certificate(ssl);
    if (r == 1) {
        printf("result: served %s\n", SSL_get_version(ssl));
        if (offered) printf("resumed: %s\n", SSL_session_reused(ssl) ? "yes" : "no");
        print_answer(ssl, seen.second ? seen.second : argv[3]); /* the tickets come with it */
        if (sess_out && write_session(ssl, sess_out) != 0) fprintf(stderr, "hrr-client: no session to save\n");
    } else if (seen.alert_in >= 0) {
        printf("result: alert received: %s\n", SSL_alert_desc_string_long(seen.alert_in));
    } else {
        char why[256] = "closed";
        unsigned long e = ERR_peek_last_error();
        if (e) ERR_error_string_n(e, why, sizeof why);
        else if (sys_err) snprintf(why, sizeof why, "%s", strerror(sys_err));
        printf("result: failed: %s\n", why);
    }
    SSL_free(ssl);
    SSL_SESSION_free(offered);
    SSL_CTX_free(ctx);
    unload_providers();
    return 0;
}
