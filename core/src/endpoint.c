/* endpoint.c — parsing and formatting of addresses, ports, host names and binding keys. */
#include "sslb/endpoint.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "ascii_int.h"

static const uint8_t v4mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

sslb_rc sslb_addr_parse(const char *text, sslb_addr *out, sslb_diag *d)
{
    char buf[64];
    size_t len = strlen(text);

    memset(out, 0, sizeof *out);
    if (len == 0) return sslb_diagf(d, SSLB_EINVAL, "expected an IP address, found nothing");
    if (text[0] == '[') {
        if (len < 3 || text[len - 1] != ']')
            return sslb_diagf(d, SSLB_EINVAL, "'%.64s': an IPv6 address opened with '[' must end with ']'", text);
        text++;
        len -= 2;
    }
    if (len >= sizeof buf) return sslb_diagf(d, SSLB_EINVAL, "'%.64s...': too long for an IP address", text);
    memcpy(buf, text, len);
    buf[len] = '\0';

    if (strchr(buf, ':')) {
        if (strchr(buf, '%'))
            return sslb_diagf(d, SSLB_EINVAL, "'%s': scoped IPv6 addresses (%%zone) are not accepted", buf);
        if (inet_pton(AF_INET6, buf, out->bytes) != 1)
            return sslb_diagf(d, SSLB_EINVAL, "'%s' is not a valid IPv6 address", buf);
        out->family = 6;
        if (memcmp(out->bytes, v4mapped_prefix, 12) == 0) {
            memmove(out->bytes, out->bytes + 12, 4);
            memset(out->bytes + 4, 0, 12);
            out->family = 4;
        }
        return SSLB_OK;
    }
    if (inet_pton(AF_INET, buf, out->bytes) != 1)
        return sslb_diagf(d, SSLB_EINVAL,
                          "'%s' is not a valid IPv4 address (expected four decimal numbers 0-255, like 10.0.0.1)", buf);
    out->family = 4;
    return SSLB_OK;
}

int sslb_addr_is_wildcard(const sslb_addr *a)
{
    static const uint8_t zero[16];
    return memcmp(a->bytes, zero, 16) == 0;
}

sslb_rc sslb_port_parse(const char *text, uint16_t *out, sslb_diag *d)
{
    unsigned long v = 0;
    const char *p = text;

    if (*p == '\0') return sslb_diagf(d, SSLB_EINVAL, "expected a port number 1-65535, found nothing");
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return sslb_diagf(d, SSLB_EINVAL, "port '%.32s': expected a decimal number 1-65535", text);
        v = v * 10 + (unsigned long)(*p - '0');
        if (v > 65535) break;
    }
    if (v == 0 || v > 65535) return sslb_diagf(d, SSLB_EINVAL, "port '%.32s' is out of range: expected 1-65535", text);
    *out = (uint16_t)v;
    return SSLB_OK;
}

sslb_rc sslb_host_parse(const char *name, size_t len, char *out, sslb_diag *d)
{
    size_t label = 0;

    if (len == 0) return sslb_diagf(d, SSLB_EINVAL, "expected a host name, found nothing");
    if (len > SSLB_HOST_MAX)
        return sslb_diagf(d, SSLB_EINVAL, "host name is %zu characters long: at most %d allowed", len, SSLB_HOST_MAX);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c == '.') {
            if (label == 0) return sslb_diagf(d, SSLB_EINVAL, "host name '%.*s' has an empty label", (int)len, name);
            label = 0;
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
            label++;
        } else if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c - 'A' + 'a');
            label++;
        } else if (c >= 0x80) {
            return sslb_diagf(d, SSLB_EINVAL,
                              "host name has a non-ASCII byte: write international names in their xn-- form");
        } else if (c == '*') {
            return sslb_diagf(d, SSLB_EINVAL, "host name '%.*s': wildcards are not allowed in a binding key", (int)len,
                              name);
        } else {
            return sslb_diagf(
                d, SSLB_EINVAL,
                "host name has the character '%c' (0x%02x): only letters, digits, '-' and '_' are allowed",
                c >= 0x20 && c < 0x7f ? c : '?', c);
        }
        if (label > SSLB_LABEL_MAX)
            return sslb_diagf(d, SSLB_EINVAL, "host name has a label longer than %d characters", SSLB_LABEL_MAX);
        out[i] = (char)c;
    }
    if (label == 0)
        return sslb_diagf(d, SSLB_EINVAL, "host name '%.*s' ends with a dot or has an empty label", (int)len, name);
    out[len] = '\0';
    return SSLB_OK;
}

void sslb_key_ipport(sslb_key *k, const sslb_addr *a, uint16_t port)
{
    memset(k, 0, sizeof *k);
    k->kind = SSLB_IPPORT;
    k->family = a->family;
    k->port = port;
    memcpy(k->addr, a->bytes, 16);
}

sslb_rc sslb_key_hostport(sslb_key *k, sslb_kind kind, const char *host, size_t len, uint16_t port, sslb_diag *d)
{
    sslb_rc rc;

    memset(k, 0, sizeof *k);
    if ((rc = sslb_host_parse(host, len, k->host, d)) != SSLB_OK) return rc;
    k->kind = (uint8_t)kind;
    k->port = port;
    k->host_len = (uint8_t)len;
    return SSLB_OK;
}

void sslb_key_ccs(sslb_key *k, uint16_t port)
{
    memset(k, 0, sizeof *k);
    k->kind = SSLB_CCS;
    k->port = port;
}

/* Splits "X:port" at its last colon. */
static sslb_rc split_port(const char *text, const char *what, size_t *hostlen, uint16_t *port, sslb_diag *d)
{
    const char *colon = strrchr(text, ':');
    sslb_rc rc;

    if (!colon) return sslb_diagf(d, SSLB_EINVAL, "'%.80s': expected %s:port", text, what);
    if ((rc = sslb_port_parse(colon + 1, port, d)) != SSLB_OK) return rc;
    *hostlen = (size_t)(colon - text);
    return SSLB_OK;
}

sslb_rc sslb_key_parse(sslb_kind kind, const char *text, sslb_key *out, sslb_diag *d)
{
    size_t hostlen = 0;
    uint16_t port = 0;
    sslb_rc rc;

    memset(out, 0, sizeof *out);
    switch (kind) {
    case SSLB_IPPORT: {
        char abuf[64];
        sslb_addr a;
        if (text[0] != '[') {
            const char *c1 = strchr(text, ':');
            if (c1 && strchr(c1 + 1, ':'))
                return sslb_diagf(d, SSLB_EINVAL,
                                  "'%.80s': an IPv6 address must be written in brackets, like [2001:db8::1]:443", text);
        } else {
            const char *close = strchr(text, ']');
            if (!close || close[1] != ':')
                return sslb_diagf(d, SSLB_EINVAL, "'%.80s': expected [IPv6 address]:port", text);
        }
        if ((rc = split_port(text, "address", &hostlen, &port, d)) != SSLB_OK) return rc;
        if (hostlen >= sizeof abuf) return sslb_diagf(d, SSLB_EINVAL, "'%.80s': too long for an IP address", text);
        memcpy(abuf, text, hostlen);
        abuf[hostlen] = '\0';
        if ((rc = sslb_addr_parse(abuf, &a, d)) != SSLB_OK) return rc;
        sslb_key_ipport(out, &a, port);
        return SSLB_OK;
    }
    case SSLB_HOSTPORT:
    case SSLB_SCOPEDCCS:
        if ((rc = split_port(text, "hostname", &hostlen, &port, d)) != SSLB_OK) return rc;
        return sslb_key_hostport(out, kind, text, hostlen, port, d);
    case SSLB_CCS:
        if ((rc = sslb_port_parse(text, &port, d)) != SSLB_OK) return rc;
        sslb_key_ccs(out, port);
        return SSLB_OK;
    default:
        return sslb_diagf(d, SSLB_EINVAL, "unknown key kind %d", (int)kind);
    }
}

char *sslb_addr_format(const sslb_addr *a, char *buf, size_t n)
{
    if (!inet_ntop(a->family == 6 ? AF_INET6 : AF_INET, a->bytes, buf, (socklen_t)n) && n) buf[0] = '\0';
    return buf;
}

char *sslb_key_format(const sslb_key *k, char *buf, size_t n)
{
    char abuf[INET6_ADDRSTRLEN];

    switch (k->kind) {
    case SSLB_IPPORT: {
        sslb_addr a = {.family = k->family};
        memcpy(a.bytes, k->addr, 16);
        sslb_addr_format(&a, abuf, sizeof abuf);
        snprintf(buf, n, k->family == 6 ? "[%s]:%u" : "%s:%u", abuf, (unsigned)k->port);
        break;
    }
    case SSLB_HOSTPORT:
    case SSLB_SCOPEDCCS:
        snprintf(buf, n, "%s:%u", k->host, (unsigned)k->port);
        break;
    default:
        snprintf(buf, n, "%u", (unsigned)k->port);
        break;
    }
    return buf;
}

int sslb_key_compare(const sslb_key *a, const sslb_key *b)
{
    char ta[SSLB_KEYTEXT_MAX], tb[SSLB_KEYTEXT_MAX];

    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    return sslb__casecmp(sslb_key_format(a, ta, sizeof ta), sslb_key_format(b, tb, sizeof tb));
}

int sslb_key_equal(const sslb_key *a, const sslb_key *b)
{
    return a->kind == b->kind && a->family == b->family && a->port == b->port && memcmp(a->addr, b->addr, 16) == 0 &&
           a->host_len == b->host_len && memcmp(a->host, b->host, a->host_len) == 0;
}

const char *sslb_kind_name(sslb_kind kind)
{
    static const char *const names[SSLB_KIND_COUNT] = {"IP:port", "hostname:port", "CCS", "scoped CCS"};
    return (unsigned)kind < SSLB_KIND_COUNT ? names[kind] : "?";
}
