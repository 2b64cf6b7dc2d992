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

/* ASCII classes, whatever the locale */
static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_xdigit(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* RFC 9110 §5.6.2: tchar */
static int is_tchar(unsigned char c)
{
    return is_alnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* A field value's byte (RFC 9110 §5.5: VCHAR, obs-text, SP, HTAB): no NUL, no other CTL, no DEL. */
static int is_value_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || (c > 0x20 && c != 0x7f);
}

/* Whether h[0..n) is a Host value http.sys would take (RFC 9110 §7.2, RFC 3986 §3.2.2): a DNS
 * name of labels of letters, digits, '-' and '_' (one trailing dot allowed), or an IPv4
 * address, or an IPv6 address in brackets; then an optional ":port" of 1 to 5 digits up to
 * 65535. At most 255 bytes: a longer one is refused, never cut. "" is valid (no host). */
static int valid_host(const char *h, size_t n)
{
    size_t i = 0, label = 0;

    if (n == 0) return 1;
    if (n > 255) return 0;
    if (h[0] == '[') {
        for (i = 1; i < n && h[i] != ']'; i++)
            if (!(is_xdigit((unsigned char)h[i]) || h[i] == ':' || h[i] == '.')) return 0;
        if (i >= n || i < 3) return 0;
        i++;
    } else {
        for (; i < n && h[i] != ':'; i++) {
            unsigned char c = (unsigned char)h[i];
            if (c == '.') {
                if (label == 0) return 0; /* an empty label: "a..b", ".a" */
                label = 0;
            } else if (is_alnum(c) || c == '-' || c == '_') {
                if (++label > 63) return 0;
            } else {
                return 0;
            }
        }
        if (i == 0) return 0;
    }
    if (i == n) return 1;
    if (h[i] != ':' || n - i - 1 < 1 || n - i - 1 > 5) return 0; /* ":" then 1 to 5 digits */
    unsigned long port = 0;
    for (size_t k = i + 1; k < n; k++) {
        if (h[k] < '0' || h[k] > '9') return 0;
        port = port * 10 + (unsigned long)(h[k] - '0');
    }
    return port <= 65535;
}

/* A refused head: the first Host line's value, taken as it is, for the log alone. */
static void host_for_log(const char *buf, struct request *rq)
{
    for (const char *h = buf, *end = buf + rq->len; h < end;) {
        const char *he = memchr(h, '\n', (size_t)(end - h));
        if (!he) return;
        const char *ve = he > h && he[-1] == '\r' ? he - 1 : he, *v = h + 5;
        if (h != buf && ve - h >= 5 && sslb_ascii_ncasecmp(h, "Host:", 5) == 0) {
            while (v < ve && (*v == ' ' || *v == '\t')) v++;
            while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
            rq->has_host = 1;
            rq->host_off = (size_t)(v - buf);
            rq->host_len = (size_t)(ve - v);
            return;
        }
        h = he + 1;
    }
}

static long refuse(struct request *rq, const char *buf, int status, const char *why)
{
    if (!rq->has_host) host_for_log(buf, rq);
    rq->status = status;
    rq->why = why;
    rq->keep_alive = 0;
    return (long)rq->len;
}

long http_request_head(const char *buf, size_t n, struct request *rq)
{
    const char *end = NULL, *p, *lend, *line_end;
    int close_it = 0, body = 0, hosts = 0, bad_host = 0, absolute = 0;

    /* one empty line before a request line is skipped (RFC 9112 §2.2: a server SHOULD ignore at
     * least one; a client may send one after a body), counted in the head's length; a head of
     * empty lines only stays a 400 */
    size_t skip = n && buf[0] == '\n' ? 1 : n > 1 && buf[0] == '\r' && buf[1] == '\n' ? 2 : 0;
    if (skip && n == skip) return 0; /* what follows it is not here yet */
    if (skip && buf[skip] != '\r' && buf[skip] != '\n') {
        long r = http_request_head(buf + skip, n - skip, rq);
        rq->len += skip;
        if (rq->has_host) rq->host_off += skip;
        return r > 0 ? r + (long)skip : r;
    }

    /* the end of the head: an empty line; a line ends in CRLF or, as RFC 9112 §2.2 allows a
     * recipient to accept, a bare LF */
    for (size_t i = 0; i < n; i++)
        if (buf[i] == '\n' && ((i >= 1 && buf[i - 1] == '\n') || (i >= 2 && buf[i - 1] == '\r' && buf[i - 2] == '\n') ||
                               i == 0 || (i == 1 && buf[0] == '\r'))) {
            end = buf + i + 1;
            break;
        }
    memset(rq, 0, sizeof *rq);
    if (!end) {
        if (n < TLS_REQUEST_MAX) return 0;
        /* too long: answered 431 (RFC 6585 §5), then closed */
        lend = memchr(buf, '\n', n);
        line_end =
            lend && lend > buf && lend[-1] == '\r' ? lend - 1 : lend; /* the line logged without its CR, as below */
        escape((const unsigned char *)buf, line_end ? (size_t)(line_end - buf) : sizeof rq->line / 4, rq->line,
               sizeof rq->line);
        rq->len = n;
        refuse(rq, buf, 431, "Request Header Fields Too Large");
        return -1;
    }
    rq->len = (size_t)(end - buf);
    lend = memchr(buf, '\n', rq->len);
    line_end = lend > buf && lend[-1] == '\r' ? lend - 1 : lend;
    escape((const unsigned char *)buf, (size_t)(line_end - buf), rq->line, sizeof rq->line);

    /* the request line (RFC 9112 §3): method SP request-target SP HTTP-version, nothing else */
    p = buf;
    while (p < line_end && is_tchar((unsigned char)*p)) p++;
    if (p == buf || p >= line_end || *p != ' ') return refuse(rq, buf, 400, "Bad Request");
    rq->head_only = p - buf == 4 && memcmp(buf, "HEAD", 4) == 0;
    const char *target = ++p;
    while (p < line_end && (unsigned char)*p > 0x20 && (unsigned char)*p < 0x7f) p++;
    if (p == target || p >= line_end || *p != ' ') return refuse(rq, buf, 400, "Bad Request");
    size_t tlen = (size_t)(p - target);
    const char *ver = ++p;
    if (line_end - ver != 8 || memcmp(ver, "HTTP/", 5) != 0 || !is_digit((unsigned char)ver[5]) || ver[6] != '.' ||
        !is_digit((unsigned char)ver[7]))
        return refuse(rq, buf, 400, "Bad Request");
    if (ver[5] != '1') return refuse(rq, buf, 505, "HTTP Version Not Supported");
    int http11 = ver[7] != '0';
    /* absolute-form (RFC 9112 §3.2.2): the target's authority is the host, Host is ignored */
    size_t scheme = tlen >= 8 && sslb_ascii_ncasecmp(target, "https://", 8) == 0  ? 8
                    : tlen >= 7 && sslb_ascii_ncasecmp(target, "http://", 7) == 0 ? 7
                                                                                  : 0;
    if (scheme) { /* "http://a" is one too, and "https://" one with an empty host */
        const char *a = target + scheme, *ae = a;
        while (ae < target + tlen && *ae != '/' && *ae != '?' && *ae != '#') ae++;
        if (memchr(a, '@', (size_t)(ae - a))) return refuse(rq, buf, 400, "Bad Request - Invalid Hostname");
        if (!valid_host(a, (size_t)(ae - a)) || ae == a) return refuse(rq, buf, 400, "Bad Request - Invalid Hostname");
        absolute = 1;
        rq->has_host = 1;
        rq->host_off = (size_t)(a - buf);
        rq->host_len = (size_t)(ae - a);
    }

    /* the fields (RFC 9112 §5): name ":" OWS value OWS, the name a token right before the colon */
    for (const char *h = lend + 1; h < end;) {
        const char *he = memchr(h, '\n', (size_t)(end - h)), *ve = he > h && he[-1] == '\r' ? he - 1 : he;
        if (ve == h) break;                                                      /* the empty line */
        if (*h == ' ' || *h == '\t') return refuse(rq, buf, 400, "Bad Request"); /* obs-fold (§5.2) */
        const char *colon = h;
        while (colon < ve && is_tchar((unsigned char)*colon)) colon++;
        if (colon == h || colon >= ve || *colon != ':') return refuse(rq, buf, 400, "Bad Request");
        for (const char *q = colon + 1; q < ve; q++)
            if (!is_value_byte((unsigned char)*q)) return refuse(rq, buf, 400, "Bad Request");
        size_t nl = (size_t)(colon - h);
        const char *val = colon + 1, *vend = ve;
        while (val < vend && (*val == ' ' || *val == '\t')) val++;
        while (vend > val && (vend[-1] == ' ' || vend[-1] == '\t')) vend--;
        if (nl == 10 && sslb_ascii_ncasecmp(h, "Connection", 10) == 0)
            close_it |= has_token(val, (size_t)(vend - val), "close");
        else if ((nl == 14 && sslb_ascii_ncasecmp(h, "Content-Length", 14) == 0 &&
                  !all_zero(val, (size_t)(vend - val))) ||
                 (nl == 17 && sslb_ascii_ncasecmp(h, "Transfer-Encoding", 17) == 0))
            body = 1; /* a body this server does not read (or a length it cannot tell): answer, then close */
        else if (nl == 4 && sslb_ascii_ncasecmp(h, "Host", 4) == 0) {
            hosts++;
            bad_host |= !valid_host(val, (size_t)(vend - val));
            if (!absolute) {
                rq->has_host = 1;
                rq->host_off = (size_t)(val - buf);
                rq->host_len = (size_t)(vend - val);
            }
        }
        h = he + 1;
    }
    /* RFC 9112 §3.2: more than one Host, an invalid one, or none in an HTTP/1.1 request (whose
     * target names no host) is a 400 (http.sys's words) */
    if (hosts > 1 || bad_host || (http11 && !absolute && !hosts))
        return refuse(rq, buf, 400, "Bad Request - Invalid Hostname");
    rq->keep_alive = http11 && !close_it && !body;
    rq->body = body;
    return (long)rq->len;
}

int reply(struct server *sv, const struct verdict *v, const struct request *rq, const char *head, int keep_alive,
          char *out, size_t n, int *status_out)
{
    char body[2600], safe_host[300], sni[sizeof v->sni_shown], host[SSLB_HOST_MAX + 8];
    const struct routes *rs = router_get(sv->router);
    const struct route *r = NULL;
    size_t sl;
    int blen, status = rq->status;
    const char *text;

    snprintf(host, sizeof host, "%.*s", rq->has_host ? (int)rq->host_len : 0, rq->has_host ? head + rq->host_off : "");
    if (!status) {
        r = rs->enabled ? route_match(rs, &v->addr, v->port, host) : NULL;
        status = rs->enabled && !r ? 400 : 200;
    }
    escape_word((const unsigned char *)(rq->has_host ? head + rq->host_off : ""), rq->has_host ? rq->host_len : 0,
                safe_host, sizeof safe_host);
    /* www.contoso.com. is www.contoso.com (spec/lookup.md, edge cases) */
    snprintf(sni, sizeof sni, "%s", v->sni_shown[0] ? v->sni_shown : "(none)");
    sl = strlen(sni);
    if (v->sni_shown[0] && sl > 1 && sni[sl - 1] == '.' && sni[sl - 2] != '.') sni[sl - 1] = '\0';
    blen = snprintf(body, sizeof body, "sslbind-tls: local %s, SNI %s\nbinding used: %s\ncertificate: %s\n", v->local,
                    sni, v->binding, v->cert);
    if (rq->status && blen > 0 && (size_t)blen < sizeof body)
        blen += snprintf(body + blen, sizeof body - (size_t)blen, "request refused: %d %s\n", rq->status, rq->why);
    else if (rs->enabled && blen > 0 && (size_t)blen < sizeof body)
        blen += snprintf(body + blen, sizeof body - (size_t)blen,
                         r ? "host header: %s\nsite: %s (id %u)\nrouted by: %s\n"
                           : "host header: %s\nsite: (none: 400 Bad Request)\n",
                         rq->has_host ? safe_host : "(none)", r ? r->site : "", r ? r->id : 0, r ? r->binding : "");
    router_put(rs);
    if (blen < 0 || (size_t)blen >= sizeof body) blen = (int)strlen(body);
    if (status_out) *status_out = status;
    text = status == 200   ? "200 OK"
           : status == 431 ? "431 Request Header Fields Too Large"
           : status == 505 ? "505 HTTP Version Not Supported"
                           : "400 Bad Request";
    return snprintf(out, n, "HTTP/1.1 %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: %s\r\n\r\n%s",
                    text, blen, keep_alive ? "keep-alive" : "close", body);
}
