/* http.c — the HTTP side of a connection: where a request head ends, whether the connection
 * stays open after it (HTTP/1.1 keep-alive), the Host header, and the answer: what the handshake
 * did and, with IIS sites, which site the request is routed to. */
#include <stdio.h>
#include <string.h>

#include "route.h"
#include "server.h"
#include "sslb/param.h"

/* Whether the header value holds the token tok (comma-separated, any case). */
static int has_token(const char *v, size_t n, const char *tok)
{
    size_t tl = strlen(tok);

    for (size_t i = 0; i < n;) {
        while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ',')) i++;
        size_t s = i;
        while (i < n && v[i] != ',') i++;
        size_t e = i;
        while (e > s && (v[e - 1] == ' ' || v[e - 1] == '\t')) e--;
        if (e - s == tl && sslb_ascii_ncasecmp(v + s, tok, tl) == 0) return 1;
    }
    return 0;
}

/* Whether the value is "0" (blanks around it allowed): no body. The head is not NUL-terminated,
 * so no strtol here. */
static int all_zero(const char *v, size_t n)
{
    size_t i = 0, zeros = 0;
    while (i < n && (v[i] == ' ' || v[i] == '\t')) i++;
    while (i < n && v[i] == '0') i++, zeros++;
    while (i < n && (v[i] == ' ' || v[i] == '\t')) i++;
    return zeros > 0 && i == n;
}

long http_request_head(const char *buf, size_t n, struct request *rq)
{
    const char *end = NULL, *eol;
    int http11, close_it = 0, body = 0;

    for (size_t i = 3; i < n; i++)
        if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
            end = buf + i + 1;
            break;
        }
    if (!end) return n >= TLS_REQUEST_MAX ? -1 : 0;
    memset(rq, 0, sizeof *rq);
    rq->len = (size_t)(end - buf);
    eol = memchr(buf, '\r', rq->len);
    escape((const unsigned char *)buf, (size_t)(eol - buf), rq->line, sizeof rq->line);
    /* "METHOD TARGET HTTP/1.1": the version is the request line's last word */
    rq->head_only = eol - buf >= 5 && memcmp(buf, "HEAD ", 5) == 0;
    http11 = eol - buf >= 9 && memcmp(eol - 9, " HTTP/1.1", 9) == 0;
    for (const char *h = eol + 2; h < end - 2;) {
        const char *he = memchr(h, '\r', (size_t)(end - h));
        const char *colon = memchr(h, ':', (size_t)(he - h));
        if (colon) {
            size_t nl = (size_t)(colon - h);
            const char *val = colon + 1;
            if (nl == 10 && sslb_ascii_ncasecmp(h, "Connection", 10) == 0)
                close_it |= has_token(val, (size_t)(he - val), "close");
            else if ((nl == 14 && sslb_ascii_ncasecmp(h, "Content-Length", 14) == 0 &&
                      !all_zero(val, (size_t)(he - val))) ||
                     (nl == 17 && sslb_ascii_ncasecmp(h, "Transfer-Encoding", 17) == 0))
                body = 1; /* a body this server does not read (or a length it cannot tell): answer, then close */
        }
        h = he + 2;
    }
    rq->keep_alive = http11 && !close_it && !body;
    rq->body = body;
    return (long)rq->len;
}

char *host_header(char *req)
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

int reply(struct server *sv, const struct verdict *v, char *req, int keep_alive, char *out, size_t n, int *status_out)
{
    char body[2600], safe_host[300], sni[sizeof v->sni_shown];
    const struct routes *rs = router_get(sv->router);
    const char *host = host_header(req);
    const struct route *r = rs->enabled ? route_match(rs, &v->addr, v->port, host) : NULL;
    size_t sl;
    int blen, status = rs->enabled && !r ? 400 : 200;

    escape((const unsigned char *)(host ? host : ""), host ? strlen(host) : 0, safe_host, sizeof safe_host);
    /* www.contoso.com. is www.contoso.com (spec/lookup.md, edge cases) */
    snprintf(sni, sizeof sni, "%s", v->sni_shown[0] ? v->sni_shown : "(none)");
    sl = strlen(sni);
    if (v->sni_shown[0] && sl > 1 && sni[sl - 1] == '.' && sni[sl - 2] != '.') sni[sl - 1] = '\0';
    blen = snprintf(body, sizeof body, "sslbind-tls: local %s, SNI %s\nbinding used: %s\ncertificate: %s\n", v->local,
                    sni, v->binding, v->cert);
    if (rs->enabled && blen > 0 && (size_t)blen < sizeof body)
        blen += snprintf(body + blen, sizeof body - (size_t)blen,
                         r ? "host header: %s\nsite: %s (id %u)\nrouted by: %s\n"
                           : "host header: %s\nsite: (none: 400 Bad Request)\n",
                         host ? safe_host : "(none)", r ? r->site : "", r ? r->id : 0, r ? r->binding : "");
    router_put(rs);
    if (blen < 0 || (size_t)blen >= sizeof body) blen = (int)strlen(body);
    if (status_out) *status_out = status;
    return snprintf(out, n, "HTTP/1.1 %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: %s\r\n\r\n%s",
                    status == 200 ? "200 OK" : "400 Bad Request", blen, keep_alive ? "keep-alive" : "close", body);
}
