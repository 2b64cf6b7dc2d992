/* fuzz_tls_request.c — what the TLS endpoint does with the request once the handshake is done:
 * the Host header read from the raw request (tls/main.c's host_header), the IIS route it
 * selects (tls/route.c's route_match over the sites of fuzz_tls.h) and the answer written
 * (reply). Input: one selector byte (bits 0-1: the local address, as in fuzz_tls_hello.c), then
 * the request bytes, as the endpoint holds them (NUL-terminated; a NUL inside ends them).
 * Checked: the answer is one well-formed HTTP response whose Content-Length is its body's length,
 * with no byte of the request's Host header that could split a header or drive a terminal. */
#include "fuzz_tls.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_tls_setup("tls_request");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const locals[] = {"10.0.0.1:443", "10.0.0.2:443", "[2001:db8::1]:443", "10.10.10.1:8443"};
    struct verdict v;
    char out[2048];
    sslb_diag d;
    sslb_key k;

    if (size < 1) return 0;
    memset(&v, 0, sizeof v);
    snprintf(v.local, sizeof v.local, "%s", locals[data[0] & 3]);
    if (sslb_key_parse(SSLB_IPPORT, v.local, &k, &d) != SSLB_OK) abort();
    v.addr.family = k.family;
    memcpy(v.addr.bytes, k.addr, 16);
    v.port = k.port;
    snprintf(v.sni, sizeof v.sni, "www.contoso.com");
    snprintf(v.binding, sizeof v.binding, "Hostname:port www.contoso.com:443");
    snprintf(v.cert, sizeof v.cert, "2006557039ef547eb88124f0ef5d7e7d1639adff");

    char *req = fz_cstr(data + 1, size - 1); /* reply() edits it in place, as the endpoint's buffer */
    int n = reply(&fz_sv, &v, req, out, sizeof out);
    FZ_CHECK(n > 0 && (size_t)n < sizeof out, "reply of %d bytes", n);
    FZ_CHECK(strlen(out) == (size_t)n, "reply has a NUL inside");
    const char *body = strstr(out, "\r\n\r\n");
    FZ_CHECK(body != NULL, "reply without the end of its headers");
    body += 4;
    const char *cl = strstr(out, "Content-Length: ");
    long clen = cl ? strtol(cl + 16, NULL, 10) : -1;
    FZ_CHECK(cl && cl < body && clen >= 0 && (size_t)clen == strlen(body), "Content-Length %ld, body %zu bytes", clen,
             strlen(body));
    for (const char *p = out; p < body - 4; p++) /* headers: printable, CRLF only as line ends */
        FZ_CHECK((*p >= 0x20 && *p < 0x7f) || (p[0] == '\r' && p[1] == '\n') || (p[-1] == '\r' && p[0] == '\n'),
                 "byte 0x%02x in the reply's headers", (unsigned char)*p);
    for (const char *p = body; *p; p++) /* body: text lines */
        FZ_CHECK((*p >= 0x20 && *p < 0x7f) || *p == '\n', "byte 0x%02x in the reply's body", (unsigned char)*p);
    free(req);
    return 0;
}
