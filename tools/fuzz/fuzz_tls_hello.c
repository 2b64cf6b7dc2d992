/* fuzz_tls_hello.c — the TLS endpoint's ClientHello path: a ClientHello reaches an OpenSSL server
 * object through memory BIOs, with sslbind-tls's own callback (tls/hello.c, see fuzz_tls.h):
 * the SNI extension read from the raw bytes, resolve over the binding table, the certificate
 * taken from the certificate cache (central store included) and installed on the connection.
 *
 * Input: one selector byte, then the body of a ClientHello handshake message (the harness adds the
 * record and handshake headers, so lengths there are always right and the fuzzer's mutations land
 * in the hello itself). Selector bits 0-1: the local address reached (10.0.0.1:443,
 * 10.0.0.2:443, [2001:db8::1]:443, 10.10.10.1:8443); bit 2: let the handshake go on after the
 * callback (else it stops there, which is faster). Checked: the callback's verdict is a set of
 * terminated strings, a served connection has a certificate, and an SNI the callback keeps is
 * exactly the extension's name. */
#include "fuzz_tls.h"

static int complete;

static int hello_cb(SSL *ssl, int *alert, void *arg)
{
    struct verdict *v = SSL_get_ex_data(ssl, verdict_index);
    int r = on_client_hello(ssl, alert, arg);

    FZ_CHECK(memchr(v->local, '\0', sizeof v->local) && memchr(v->sni, '\0', sizeof v->sni) &&
                 memchr(v->binding, '\0', sizeof v->binding) && memchr(v->cert, '\0', sizeof v->cert) &&
                 memchr(v->result, '\0', sizeof v->result),
             "a verdict string is not terminated");
    if (getenv("SSLB_FUZZ_VERBOSE"))
        fprintf(stderr, "hello: local %s sni '%s' -> %s %s [%s]\n", v->local, v->sni, v->binding, v->cert, v->result);
    FZ_CHECK(strlen(v->sni) <= SSLB_HOST_MAX + 1, "SNI of %zu bytes kept", strlen(v->sni));
    if (v->sni[0]) { /* what was kept is the name the client sent, whole */
        const unsigned char *p;
        size_t len;
        FZ_CHECK(SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_server_name, &p, &len) && len >= 5, "SNI from nowhere");
        size_t nl = (size_t)p[3] << 8 | p[4];
        FZ_CHECK(nl == strlen(v->sni) && memcmp(p + 5, v->sni, nl) == 0, "kept SNI '%s' is not the %zu-byte name sent",
                 v->sni, nl);
    }
    if (r == SSL_CLIENT_HELLO_SUCCESS) {
        FZ_CHECK(SSL_get_certificate(ssl) != NULL, "served without a certificate");
        if (!complete) {
            *alert = SSL_AD_HANDSHAKE_FAILURE;
            return SSL_CLIENT_HELLO_ERROR;
        }
    }
    return r;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_tls_setup("tls_hello");
    SSL_CTX_set_client_hello_cb(fz_sv.ctx, hello_cb, &fz_sv);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct verdict v;
    uint8_t *rec;
    size_t body;

    if (size < 1 || size - 1 > 16384 - 4) return 0;
    body = size - 1;
    complete = (data[0] >> 2) & 1;
    /* record: handshake(22), TLS 1.0 record version, length; handshake: client_hello(1), u24 length */
    if (!(rec = malloc(9 + body))) abort();
    rec[0] = 22;
    rec[1] = 3;
    rec[2] = 1;
    rec[3] = (uint8_t)((body + 4) >> 8);
    rec[4] = (uint8_t)(body + 4);
    rec[5] = 1;
    rec[6] = (uint8_t)(body >> 16);
    rec[7] = (uint8_t)(body >> 8);
    rec[8] = (uint8_t)body;
    if (body) memcpy(rec + 9, data + 1, body);

    SSL *ssl = SSL_new(fz_sv.ctx);
    BIO *in = BIO_new_mem_buf(rec, (int)(9 + body)), *out = BIO_new(BIO_s_mem());
    if (!ssl || !in || !out) abort();
    SSL_set_bio(ssl, in, out);
    memset(&v, 0, sizeof v);
    fz_set_local(data[0], &v);
    SSL_set_ex_data(ssl, verdict_index, &v);
    SSL_set_accept_state(ssl);
    (void)SSL_do_handshake(ssl);
    ERR_clear_error();
    SSL_free(ssl);
    free(rec);
    return 0;
}
