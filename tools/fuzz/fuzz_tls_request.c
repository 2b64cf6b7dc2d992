/* fuzz_tls_request.c — what the TLS endpoint does with the request once the handshake is done:
 * where the request head ends and whether the connection stays open (tls/http.c's
 * http_request_head, which also validates it as RFC 9112 asks), the Host it found, the IIS route it
 * selects (tls/route.c's route_match over the sites of fuzz_tls.h) and the answer written
 * (reply), with keep-alive and without. Input: one selector byte (bits 0-1: the local address, as in fuzz_tls_hello.c),
 * then the request bytes, as the endpoint holds them. Checked: the answer is
 * one well-formed HTTP response whose Content-Length is its body's length, with no byte of the request's Host header
 * that could split a header or drive a terminal. */
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
    struct verdict v;
    struct request rq;
    char out[4096];
    int status = 0;

    if (size < 1) return 0;
    memset(&v, 0, sizeof v);
    fz_set_local(data[0], &v);
    snprintf(v.sni, sizeof v.sni, "www.contoso.com");
    snprintf(v.binding, sizeof v.binding, "Hostname:port www.contoso.com:443");
    snprintf(v.cert, sizeof v.cert, "2006557039ef547eb88124f0ef5d7e7d1639adff");

    long head = http_request_head((const char *)data + 1, size - 1, &rq);
    FZ_CHECK(
        head == 0 || head == -1 ||
            (head > 0 && (size_t)head <= size - 1 && rq.len == (size_t)head && memchr(rq.line, '\0', sizeof rq.line)),
        "request head of %ld bytes in %zu", head, size - 1);
    FZ_CHECK(head != -1 || size - 1 >= TLS_REQUEST_MAX, "a short request refused as too long");
    for (const char *p = head > 0 ? rq.line : ""; *p; p++)
        FZ_CHECK(*p >= 0x20 && *p < 0x7f, "byte 0x%02x in the logged request line", (unsigned char)*p);
    if (head == 0) return 0;
    FZ_CHECK(!rq.has_host || rq.host_off + rq.host_len <= rq.len, "Host at %zu+%zu in a head of %zu", rq.host_off,
             rq.host_len, rq.len);
    int n = reply(&fz_sv, &v, &rq, (const char *)data + 1, data[0] >> 7, out, sizeof out, &status);
    FZ_CHECK(status == 200 || status == 400 || status == 431 || status == 505, "status %d", status);
    FZ_CHECK(status != 200 || rq.status == 0, "a refused head answered 200");
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
    return 0;
}
