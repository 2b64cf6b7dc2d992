/* reg.c — the registry-export format of bindings.reg: decoding the text (UTF-8, UTF-16 with a
 * byte-order mark), the reader (what `reg export` writes on Windows; keys and values it does not
 * know are skipped whatever their size) and the writer. No files and no locks here: store.c
 * owns those. */
#include "sslb/store.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_int.h"
#include "reg_int.h"

#define REG_HEADER "Windows Registry Editor Version 5.00"
#define REG_PARAMS "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"

/* Registry subkey of each kind's table, in sslb_kind order. */
static const char *const table_keys[SSLB_KIND_COUNT] = {"SslBindingInfo", "SslSniBindingInfo", "SslCcsBindingInfo",
                                                        "SslScopedCcsBindingInfo"};

/* ---- decoding ------------------------------------------------------------------------------ */

/* UTF-16 (after its BOM; big-endian when be) → a malloc'd UTF-8 buffer, or NULL: out of memory
 * (*badline 0) or invalid text (*badline its line: a lone surrogate, a NUL, an odd length). */
static char *utf16_to_utf8(const unsigned char *p, size_t n, int be, size_t *outlen, size_t *badline)
{
    char *out, *o;
    size_t line = 1;

    *badline = 0;
    if (n / 2 > (SIZE_MAX - 1) / 3 || !(out = malloc(n / 2 * 3 + 1))) return NULL;
    o = out;
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t c = be ? (uint32_t)p[i] << 8 | p[i + 1] : (uint32_t)p[i] | (uint32_t)p[i + 1] << 8;
        if (c >= 0xd800 && c <= 0xdbff) {
            uint32_t c2 = 0;
            if (i + 3 < n) c2 = be ? (uint32_t)p[i + 2] << 8 | p[i + 3] : (uint32_t)p[i + 2] | (uint32_t)p[i + 3] << 8;
            if (c2 < 0xdc00 || c2 > 0xdfff) goto bad;
            c = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
            i += 2;
        } else if (c >= 0xdc00 && c <= 0xdfff) {
            goto bad;
        }
        if (c == '\n') line++;
        if (c == 0) goto bad;
        if (c < 0x80) {
            *o++ = (char)c;
        } else if (c < 0x800) {
            *o++ = (char)(0xc0 | c >> 6);
            *o++ = (char)(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            *o++ = (char)(0xe0 | c >> 12);
            *o++ = (char)(0x80 | ((c >> 6) & 0x3f));
            *o++ = (char)(0x80 | (c & 0x3f));
        } else {
            *o++ = (char)(0xf0 | c >> 18);
            *o++ = (char)(0x80 | ((c >> 12) & 0x3f));
            *o++ = (char)(0x80 | ((c >> 6) & 0x3f));
            *o++ = (char)(0x80 | (c & 0x3f));
        }
    }
    if (n % 2) goto bad;
    *o = '\0';
    *outlen = (size_t)(o - out);
    return out;
bad:
    free(out);
    *badline = line;
    return NULL;
}

sslb_rc sslb_text_decode(const char *buf, size_t len, const char **text, size_t *textlen, char **owned, size_t *badline)
{
    const unsigned char *u = (const unsigned char *)buf;

    *owned = NULL;
    *badline = 0;
    if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
        if (!(*owned = utf16_to_utf8(u + 2, len - 2, u[0] == 0xfe, textlen, badline)))
            return *badline ? SSLB_ECORRUPT : SSLB_ENOMEM;
        *text = *owned;
        return SSLB_OK;
    }
    if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
        buf += 3;
        len -= 3;
    }
    *text = buf;
    *textlen = len;
    return SSLB_OK;
}

/* ---- reading ------------------------------------------------------------------------------- */

/* The values of a binding key, as the registry names them. */
enum known { K_HASH, K_APPID, K_CHECKMODE, K_FRESHNESS, K_TIMEOUT, K_FLAGS, K_STORE, K_CTLID, K_CTLSTORE, K_COUNT };
static const char *const known_names[K_COUNT] = {"SslCertHash",
                                                 "AppId",
                                                 "DefaultSslCertCheckMode",
                                                 "DefaultSslRevocationFreshnessTime",
                                                 "DefaultSslRevocationUrlRetrievalTimeout",
                                                 "DefaultFlags",
                                                 "SslCertStoreName",
                                                 "DefaultSslCtlIdentifier",
                                                 "DefaultSslCtlStoreName"};

/* The parser's state. */
struct parser {
    const char *name;
    sslb_table *t;
    unsigned skipped;
    sslb_diag *d;
    size_t line;    /* line of the current logical line */
    int in_binding; /* the current key is a binding */
    int in_unknown; /* the current key is skipped */
    size_t key_line;
    sslb_binding b;
    int has_appid, has_hash;
    char strs[3][SSLB_STRING_MAX + 1];
};

static sslb_rc corrupt(struct parser *p, size_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static sslb_rc corrupt(struct parser *p, size_t line, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sslb_diagf(p->d, SSLB_ECORRUPT, "%s:%zu: %s", p->name, line, msg);
}

static sslb_rc finish_binding(struct parser *p)
{
    sslb_diag sub;
    sslb_rc rc;

    if (!p->in_binding) return SSLB_OK;
    p->in_binding = 0;
    if (!p->has_appid) return corrupt(p, p->key_line, "binding has no AppId value");
    if (!p->has_hash && (p->b.key.kind == SSLB_IPPORT || p->b.key.kind == SSLB_HOSTPORT))
        return corrupt(p, p->key_line, "binding has no SslCertHash value");
    rc = sslb_table_add(p->t, &p->b, &sub);
    if (rc == SSLB_EEXISTS) return corrupt(p, p->key_line, "the same binding appears twice");
    if (rc == SSLB_EINVAL) return corrupt(p, p->key_line, "%s", sub.text);
    return rc;
}

static int starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t l = strlen(prefix);
    return n >= l && sslb__ncasecmp(s, prefix, l) == 0;
}

/* A CCS binding's registry key is "0.0.0.0:<port>", as Windows writes it; a bare port is
 * accepted too. */
static sslb_rc ccs_key_parse(const char *text, sslb_key *k, sslb_diag *d)
{
    static const uint8_t any[16];
    sslb_key ip;
    sslb_rc rc;

    if (!strchr(text, ':')) return sslb_key_parse(SSLB_CCS, text, k, d);
    if ((rc = sslb_key_parse(SSLB_IPPORT, text, &ip, d)) != SSLB_OK) return rc;
    if (ip.family != 4 || memcmp(ip.addr, any, 16) != 0)
        return sslb_diagf(d, SSLB_EINVAL, "a CCS binding's key is 0.0.0.0:<port>");
    sslb_key_ccs(k, ip.port);
    return SSLB_OK;
}

static sslb_rc parse_key_line(struct parser *p, const char *s, size_t n)
{
    size_t plen = strlen(REG_PARAMS);
    sslb_rc rc;

    if ((rc = finish_binding(p)) != SSLB_OK) return rc;
    p->in_unknown = 0;
    if (n < 2 || s[n - 1] != ']') return corrupt(p, p->line, "a key line must end with ']'");
    s++;
    n -= 2;
    if (n && s[0] == '-') { /* a deletion key: not ours to act on */
        p->skipped++;
        p->in_unknown = 1;
        return SSLB_OK;
    }
    /* Ancestors of the tables, and the tables themselves: no values expected, nothing to do. */
    if (n <= plen && sslb__ncasecmp(s, REG_PARAMS, n) == 0 && (n == plen || REG_PARAMS[n] == '\\')) return SSLB_OK;
    if (starts_with_ci(s, n, REG_PARAMS "\\")) {
        const char *rest = s + plen + 1;
        size_t rn = n - plen - 1;
        for (int k = 0; k < SSLB_KIND_COUNT; k++) {
            size_t tl = strlen(table_keys[k]);
            char text[SSLB_KEYTEXT_MAX];
            sslb_diag sub;
            if (rn < tl || sslb__ncasecmp(rest, table_keys[k], tl) != 0) continue;
            if (rn == tl) return SSLB_OK; /* the table's own key */
            if (rest[tl] != '\\') continue;
            if (memchr(rest + tl + 1, '\\', rn - tl - 1)) break; /* a deeper subkey: unknown */
            if (rn - tl - 1 >= sizeof text) return corrupt(p, p->line, "binding key is too long");
            memcpy(text, rest + tl + 1, rn - tl - 1);
            text[rn - tl - 1] = '\0';
            memset(&p->b, 0, sizeof p->b);
            sslb_params_init(&p->b.params);
            rc = k == SSLB_CCS ? ccs_key_parse(text, &p->b.key, &sub)
                               : sslb_key_parse((sslb_kind)k, text, &p->b.key, &sub);
            if (rc != SSLB_OK) return corrupt(p, p->line, "bad binding key '%s': %s", text, sub.text);
            p->in_binding = 1;
            p->key_line = p->line;
            p->has_appid = p->has_hash = 0;
            return SSLB_OK;
        }
    }
    p->skipped++;
    p->in_unknown = 1;
    return SSLB_OK;
}

/* The registry string that opens at s (a '"'; escapes \\ and \"), of any length: *body and
 * *bodylen are its raw content between the quotes, *after the byte after the closing quote.
 * -1 when s is not a '"' or the string is not closed before end. */
static int scan_quoted(const char *s, const char *end, const char **body, size_t *bodylen, const char **after)
{
    const char *q;

    if (s >= end || *s != '"') return -1;
    for (q = s + 1; q < end && *q != '"'; q++)
        if (*q == '\\' && ++q >= end) return -1;
    if (q >= end) return -1;
    *body = s + 1;
    *bodylen = (size_t)(q - s - 1);
    *after = q + 1;
    return 0;
}

/* The raw body of a quoted string without its escapes, NUL-terminated in out (outsz bytes).
 * -1 when it does not fit. */
static int unescape(const char *body, size_t n, char *out, size_t outsz)
{
    size_t o = 0;

    for (size_t i = 0; i < n; i++) {
        if (body[i] == '\\') i++; /* scan_quoted saw that an escaped byte follows */
        if (o + 1 >= outsz) return -1;
        out[o++] = body[i];
    }
    out[o] = '\0';
    return 0;
}

/* Parses "hh,hh,..." of any length (blanks allowed around the bytes); the first max bytes go to
 * out (out NULL: only counted). Returns the count of bytes, or -1 when it is not a hex list. */
static long read_hex(const char *s, const char *end, uint8_t *out, size_t max)
{
    long n = 0;

    while (s < end && (*s == ' ' || *s == '\t')) s++;
    if (s == end) return 0;
    for (;;) {
        int hi, lo;
        while (s < end && (*s == ' ' || *s == '\t')) s++;
        if (end - s < 2) return -1;
        hi = sslb__hexval((unsigned char)s[0]);
        lo = sslb__hexval((unsigned char)s[1]);
        if (hi < 0 || lo < 0 || n == LONG_MAX) return -1;
        if (out && (size_t)n < max) out[n] = (uint8_t)(hi << 4 | lo);
        n++;
        s += 2;
        while (s < end && (*s == ' ' || *s == '\t')) s++;
        if (s == end) return n;
        if (*s++ != ',') return -1;
    }
}

/* A dword is exactly 8 hex digits: no sign, no 0x, nothing strtoul would also take. */
static int read_dword(const char *s, const char *end, uint32_t *out)
{
    uint32_t v = 0;

    if (end - s != 8) return -1;
    for (; s < end; s++) {
        int h = sslb__hexval((unsigned char)*s);
        if (h < 0) return -1;
        v = v << 4 | (uint32_t)h;
    }
    *out = v;
    return 0;
}

/* "hex(<type>):hh,hh,…" after "hex(": a type of 1-8 hex digits and a hex list. 0 or -1. */
static int read_typed_hex(const char *s, const char *end)
{
    const char *t = s;

    while (t < end && sslb__isxdigit((unsigned char)*t)) t++;
    if (t == s || t - s > 8 || end - t < 2 || t[0] != ')' || t[1] != ':') return -1;
    return read_hex(t + 2, end, NULL, 0) < 0 ? -1 : 0;
}

static int known_value(const char *name, size_t n)
{
    for (int k = 0; k < K_COUNT; k++)
        if (strlen(known_names[k]) == n && sslb__ncasecmp(name, known_names[k], n) == 0) return k;
    return -1; /* a name with an escape never matches: no known name holds '\' or '"' */
}

enum vtype { V_STRING, V_DWORD, V_BINARY, V_OTHER, V_DELETE };

/* Stores a value we know into the binding being read. */
static sslb_rc assign_value(struct parser *p, int which, enum vtype type, const uint8_t *bin, long nbin, uint32_t dw,
                            const char *body, size_t bodylen)
{
    const char *name = known_names[which];
    char str[SSLB_STRING_MAX + 2];
    sslb_diag sub;
    int i;

    switch (which) {
    case K_HASH:
        if (type != V_BINARY) return corrupt(p, p->line, "SslCertHash must be hex");
        if (nbin != 0 && nbin != SSLB_CERTHASH_LEN)
            return corrupt(p, p->line, "SslCertHash has %ld bytes, expected %d", nbin, SSLB_CERTHASH_LEN);
        p->b.params.certhash_len = (uint8_t)nbin;
        memcpy(p->b.params.certhash, bin, (size_t)nbin);
        p->has_hash = nbin != 0;
        return SSLB_OK;
    case K_APPID:
        if (type != V_BINARY || nbin != 16) return corrupt(p, p->line, "AppId must be 16 bytes of hex");
        memcpy(p->b.params.appid.b, bin, 16);
        p->has_appid = 1;
        return SSLB_OK;
    case K_CHECKMODE:
    case K_FRESHNESS:
    case K_TIMEOUT:
    case K_FLAGS:
        if (type != V_DWORD) return corrupt(p, p->line, "%s must be a dword", name);
        *(uint32_t *[]){&p->b.params.check_mode, &p->b.params.revocation_freshness_time,
                        &p->b.params.url_retrieval_timeout, &p->b.params.flags}[which - K_CHECKMODE] = dw;
        return SSLB_OK;
    default:
        i = which - K_STORE;
        if (type != V_STRING) return corrupt(p, p->line, "%s must be a string", name);
        if (unescape(body, bodylen, str, sizeof str) != 0)
            return corrupt(p, p->line, "%s: longer than %d bytes", name, SSLB_STRING_MAX);
        if (str[0] == '\0') return SSLB_OK; /* an empty string is "not set" */
        if (sslb_string_check(str, &sub) != SSLB_OK) return corrupt(p, p->line, "%s: %s", name, sub.text);
        memcpy(p->strs[i], str, strlen(str) + 1);
        *(const char **[]){&p->b.params.store_name, &p->b.params.ctl_identifier, &p->b.params.ctl_store_name}[i] =
            p->strs[i];
        return SSLB_OK;
    }
}

static sslb_rc parse_value_line(struct parser *p, const char *s, size_t n)
{
    const char *end = s + n, *name, *v, *body = NULL;
    size_t namelen, bodylen = 0;
    uint8_t bin[64];
    long nbin = 0;
    uint32_t dw = 0;
    int which = -1, shown;
    enum vtype type;

    if (*s == '@') { /* the key's default value */
        name = s;
        namelen = 1;
        v = s + 1;
    } else if (scan_quoted(s, end, &name, &namelen, &v) != 0) {
        return corrupt(p, p->line, "expected a key [..] or a value \"name\"=..., found '%.40s'", s);
    }
    shown = namelen > 60 ? 60 : (int)namelen; /* a name may be 16383 characters long */
    if (v >= end || *v != '=') return corrupt(p, p->line, "expected '=' after the value name");
    v++;
    if (!p->in_binding && !p->in_unknown) {
        /* values of an ancestor key (e.g. Parameters itself): not ours */
        p->skipped++;
        return SSLB_OK;
    }
    if (p->in_binding && *s == '"') which = known_value(name, namelen);
    /* The type and the shape of the data are checked for every value; only the values we know
     * are read, so one we do not know may be as long as the registry allows. */
    if (*v == '"') {
        const char *after;
        type = V_STRING;
        if (scan_quoted(v, end, &body, &bodylen, &after) != 0 || after != end)
            return corrupt(p, p->line, "value %.*s: the string is not closed, or text follows it", shown, name);
    } else if (starts_with_ci(v, (size_t)(end - v), "dword:")) {
        type = V_DWORD;
        if (read_dword(v + 6, end, &dw) != 0)
            return corrupt(p, p->line, "value %.*s: a dword has 8 hex digits, found '%.20s'", shown, name, v + 6);
    } else if (starts_with_ci(v, (size_t)(end - v), "hex:")) {
        type = V_BINARY;
        if ((nbin = read_hex(v + 4, end, which < 0 ? NULL : bin, sizeof bin)) < 0)
            return corrupt(p, p->line, "value %.*s: bad hex list", shown, name);
    } else if (starts_with_ci(v, (size_t)(end - v), "hex(")) {
        type = V_OTHER;
        if (read_typed_hex(v + 4, end) != 0) return corrupt(p, p->line, "value %.*s: bad hex(type) list", shown, name);
    } else if (*v == '-' && v + 1 == end) {
        type = V_DELETE;
    } else {
        return corrupt(p, p->line, "value %.*s: unknown value type '%.20s'", shown, name, v);
    }
    if (p->in_unknown) return SSLB_OK;
    if (which < 0) {
        p->skipped++; /* a value we do not know */
        return SSLB_OK;
    }
    return assign_value(p, which, type, bin, nbin, dw, body, bodylen);
}

static sslb_rc parse_text(struct parser *p, const char *buf, size_t len)
{
    const char *s = buf, *end = buf + len;
    size_t phys = 0;
    int seen_header = 0;
    char *logical = NULL;
    size_t cap = 0;
    sslb_rc rc = SSLB_OK;

    while (s < end && rc == SSLB_OK) {
        size_t ln = 0;
        p->line = phys + 1;
        /* Gather one logical line: a value's physical lines are joined while they end with '\'
         * (reg export continues long hex lists so, whatever the value's name or key). */
        for (;;) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            const char *e = nl ? nl : end;
            size_t n;
            phys++;
            if (e > s && e[-1] == '\r') e--;
            if (ln)
                while (s < e && (*s == ' ' || *s == '\t')) s++;
            n = (size_t)(e - s);
            if (memchr(s, '\0', n)) {
                rc = corrupt(p, phys, "NUL byte in the text");
                break;
            }
            if (ln + n + 1 > cap) {
                char *nb = realloc(logical, cap = (ln + n + 1) * 2);
                if (!nb) {
                    rc = SSLB_ENOMEM;
                    break;
                }
                logical = nb;
            }
            memcpy(logical + ln, s, n);
            ln += n;
            s = nl ? nl + 1 : end;
            if (ln && logical[ln - 1] == '\\' && logical[0] != '[' && logical[0] != ';') {
                ln--;
                if (s >= end) {
                    rc = corrupt(p, phys, "the file ends inside a continued value");
                    break;
                }
                continue;
            }
            break;
        }
        if (rc != SSLB_OK) break;
        while (ln && (logical[ln - 1] == ' ' || logical[ln - 1] == '\t')) ln--;
        logical[ln] = '\0';
        if (ln == 0 || logical[0] == ';') continue;
        if (!seen_header) {
            if (strcmp(logical, REG_HEADER) != 0 && strcmp(logical, "REGEDIT4") != 0) {
                rc = corrupt(p, p->line, "not a registry export: expected '%s'", REG_HEADER);
                break;
            }
            seen_header = 1;
            continue;
        }
        if (logical[0] == '[') rc = parse_key_line(p, logical, ln);
        else rc = parse_value_line(p, logical, ln);
    }
    /* An empty file too: sslbind writes an empty table as the header and a blank line, so zero
     * bytes can only be damage (a truncation, "> bindings.reg"), never to be replaced silently. */
    if (rc == SSLB_OK && !seen_header)
        rc = corrupt(p, 1, "%s: expected '%s'", len ? "not a registry export" : "empty file", REG_HEADER);
    if (rc == SSLB_OK) rc = finish_binding(p);
    free(logical);
    return rc;
}

sslb_rc sslb_reg_parse(const char *buf, size_t len, const char *name, sslb_table *t, unsigned *skipped, sslb_diag *d)
{
    struct parser p;
    const char *text;
    char *owned;
    size_t textlen, badline;
    sslb_rc rc;

    memset(&p, 0, sizeof p);
    p.name = name;
    p.t = t;
    p.d = d;
    if ((rc = sslb_text_decode(buf, len, &text, &textlen, &owned, &badline)) != SSLB_OK)
        return rc == SSLB_ECORRUPT ? corrupt(&p, badline, "invalid UTF-16 text") : rc;
    rc = parse_text(&p, text, textlen);
    free(owned);
    if (skipped) *skipped = p.skipped;
    return rc;
}

/* ---- writing ------------------------------------------------------------------------------- */

static void put_string(FILE *f, const char *name, const char *v)
{
    fprintf(f, "\"%s\"=\"", name);
    for (; *v; v++) {
        if (*v == '\\' || *v == '"') fputc('\\', f);
        fputc(*v, f);
    }
    fputs("\"\n", f);
}

/* "Name"=hex:0a,1b,… : the bytes formatted by hand, one fwrite (an fprintf per byte was a
 * quarter of a script's adds, which rewrite the whole file each). */
static void put_hex(FILE *f, const char *name, const uint8_t *b, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char line[3 * 256 + 2], *o = line;

    fprintf(f, "\"%s\"=hex:", name);
    for (size_t i = 0; i < n; i++) {
        if (o > line + sizeof line - 4) {
            fwrite(line, 1, (size_t)(o - line), f);
            o = line;
        }
        if (i) *o++ = ',';
        *o++ = digits[b[i] >> 4];
        *o++ = digits[b[i] & 15];
    }
    *o++ = '\n';
    fwrite(line, 1, (size_t)(o - line), f);
}

static void put_binding(FILE *f, const sslb_binding *b)
{
    const sslb_params *p = &b->params;
    char key[SSLB_KEYTEXT_MAX];

    if (b->key.kind == SSLB_CCS) /* Windows keys a CCS binding by 0.0.0.0:<port> */
        snprintf(key, sizeof key, "0.0.0.0:%u", (unsigned)b->key.port);
    else sslb_key_format(&b->key, key, sizeof key);
    fprintf(f, "[%s\\%s\\%s]\n", REG_PARAMS, table_keys[b->key.kind], key);
    if (p->certhash_len) put_hex(f, "SslCertHash", p->certhash, p->certhash_len);
    put_hex(f, "AppId", p->appid.b, 16);
    if (p->store_name) put_string(f, "SslCertStoreName", p->store_name);
    fprintf(f, "\"DefaultSslCertCheckMode\"=dword:%08x\n", p->check_mode);
    fprintf(f, "\"DefaultSslRevocationFreshnessTime\"=dword:%08x\n", p->revocation_freshness_time);
    fprintf(f, "\"DefaultSslRevocationUrlRetrievalTimeout\"=dword:%08x\n", p->url_retrieval_timeout);
    if (p->ctl_identifier) put_string(f, "DefaultSslCtlIdentifier", p->ctl_identifier);
    if (p->ctl_store_name) put_string(f, "DefaultSslCtlStoreName", p->ctl_store_name);
    fprintf(f, "\"DefaultFlags\"=dword:%08x\n\n", p->flags);
}

/* The writer's walk: the table's bindings in order, with one pending change merged in. */
struct writer {
    FILE *f;
    sslb_store_op op;
    const sslb_binding *change; /* NULL: none */
    int done;
    int last_kind;
};

static void emit(struct writer *w, const sslb_binding *b)
{
    if (b->key.kind != w->last_kind) {
        fprintf(w->f, "[%s\\%s]\n\n", REG_PARAMS, table_keys[b->key.kind]);
        w->last_kind = b->key.kind;
    }
    put_binding(w->f, b);
}

static int visit(void *ctx, const sslb_binding *b)
{
    struct writer *w = ctx;

    if (w->change && !w->done) {
        int c = sslb_key_compare(&w->change->key, &b->key);
        if (c == 0) {
            w->done = 1;
            if (w->op != SSLB_STORE_DELETE) emit(w, w->change);
            return 0;
        }
        if (c < 0 && w->op == SSLB_STORE_ADD) {
            w->done = 1;
            emit(w, w->change);
        }
    }
    emit(w, b);
    return 0;
}

int sslb__reg_write_merged(sslb_table *t, FILE *f, sslb_store_op op, const sslb_binding *change)
{
    struct writer w = {f, op, change, 0, -1};

    fputs(REG_HEADER "\n\n", f);
    if (sslb_table_foreach(t, visit, &w) != 0) return -1;
    if (change && !w.done && op == SSLB_STORE_ADD) emit(&w, change);
    return ferror(f) ? -1 : 0;
}

sslb_rc sslb_reg_write(sslb_table *t, FILE *f)
{
    return sslb__reg_write_merged(t, f, SSLB_STORE_ADD, NULL) == 0 ? SSLB_OK : SSLB_EWRITE;
}
