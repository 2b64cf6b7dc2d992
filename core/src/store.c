/* store.c — bindings.reg: the registry-export reader and writer, and durable, locked changes. */
#include "sslb/store.h"

#include "file_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define REG_HEADER "Windows Registry Editor Version 5.00"
#define REG_PARAMS "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"

/* Registry subkey of each kind's table, in sslb_kind order. */
static const char *const table_keys[SSLB_KIND_COUNT] = {
    "SslBindingInfo", "SslSniBindingInfo", "SslCcsBindingInfo", "SslScopedCcsBindingInfo"};

struct sslb_store {
    char dir[PATH_MAX];
    char path[PATH_MAX];
    char lockpath[PATH_MAX];
    char detail[512];
    unsigned skipped;
    int known;            /* the fields below describe what this handle last read or wrote */
    int existed;
    struct stat version;
};

static sslb_rc fail(sslb_store *s, sslb_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static sslb_rc fail(sslb_store *s, sslb_rc rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->detail, sizeof s->detail, fmt, ap);
    va_end(ap);
    return rc;
}

sslb_rc sslb_store_open(const char *dir, sslb_store **out, sslb_diag *d)
{
    sslb_store *s;
    char tmp[PATH_MAX];
    struct stat st;

    *out = NULL;
    if (strlen(dir) + 32 >= PATH_MAX) return sslb_diagf(d, SSLB_EINVAL, "state directory path is too long");
    snprintf(tmp, sizeof tmp, "%s", dir);
    if (sslb__mkdirs(tmp, 0700) != 0 || stat(dir, &st) != 0)
        return sslb_diagf(d, SSLB_EACCESS, "cannot create state directory %s: %s", dir, strerror(errno));
    if (!S_ISDIR(st.st_mode)) return sslb_diagf(d, SSLB_EINVAL, "%s is not a directory", dir);
    if (!(s = calloc(1, sizeof *s))) return SSLB_ENOMEM;
    snprintf(s->dir, sizeof s->dir, "%s", dir);
    snprintf(s->path, sizeof s->path, "%s/bindings.reg", dir);
    snprintf(s->lockpath, sizeof s->lockpath, "%s/bindings.lock", dir);
    *out = s;
    return SSLB_OK;
}

void sslb_store_close(sslb_store *s)
{
    free(s);
}

const char *sslb_store_path(const sslb_store *s)
{
    return s->path;
}

const char *sslb_store_detail(const sslb_store *s)
{
    return s->detail;
}

unsigned sslb_store_skipped(const sslb_store *s)
{
    return s->skipped;
}

/* ---- reading ----------------------------------------------------------------------------- */

/* UTF-16LE (after its BOM) → UTF-8. Returns a malloc'd buffer or NULL (bad surrogate: *bad). */
static char *utf16le_to_utf8(const unsigned char *p, size_t n, size_t *outlen, size_t *badline)
{
    char *out = malloc(n / 2 * 3 + 1), *o = out;
    size_t line = 1;

    if (!out) return NULL;
    *badline = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t c = (uint32_t)p[i] | (uint32_t)p[i + 1] << 8;
        if (c >= 0xd800 && c <= 0xdbff) {
            uint32_t c2 = i + 3 < n ? ((uint32_t)p[i + 2] | (uint32_t)p[i + 3] << 8) : 0;
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

/* The parser's state. */
struct parser {
    const char *name;
    sslb_table *t;
    unsigned skipped;
    sslb_diag *d;
    size_t line;         /* line of the current logical line */
    int in_binding;      /* the current key is a binding */
    int in_unknown;      /* the current key is skipped */
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
    return n >= l && strncasecmp(s, prefix, l) == 0;
}

/* A CCS binding's registry key is "0.0.0.0:<port>", as Windows writes it; a bare port is
 * accepted too. */
static sslb_rc ccs_key_parse(const char *text, sslb_key *k, sslb_diag *d)
{
    sslb_key ip;
    sslb_rc rc;

    if (!strchr(text, ':')) return sslb_key_parse(SSLB_CCS, text, k, d);
    if ((rc = sslb_key_parse(SSLB_IPPORT, text, &ip, d)) != SSLB_OK) return rc;
    static const uint8_t any[16];
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
    if (n <= plen && strncasecmp(s, REG_PARAMS, n) == 0 &&
        (n == plen || REG_PARAMS[n] == '\\'))
        return SSLB_OK;
    if (starts_with_ci(s, n, REG_PARAMS "\\")) {
        const char *rest = s + plen + 1;
        size_t rn = n - plen - 1;
        for (int k = 0; k < SSLB_KIND_COUNT; k++) {
            size_t tl = strlen(table_keys[k]);
            char text[SSLB_KEYTEXT_MAX];
            sslb_diag sub;
            if (rn < tl || strncasecmp(rest, table_keys[k], tl) != 0) continue;
            if (rn == tl) return SSLB_OK; /* the table's own key */
            if (rest[tl] != '\\') continue;
            if (rn - tl - 1 >= sizeof text) return corrupt(p, p->line, "binding key is too long");
            memcpy(text, rest + tl + 1, rn - tl - 1);
            text[rn - tl - 1] = '\0';
            if (strchr(text, '\\')) break; /* a deeper subkey: unknown */
            memset(&p->b, 0, sizeof p->b);
            sslb_params_init(&p->b.params);
            if ((k == SSLB_CCS ? ccs_key_parse(text, &p->b.key, &sub) : sslb_key_parse((sslb_kind)k, text, &p->b.key, &sub)) !=
                SSLB_OK)
                return corrupt(p, p->line, "bad binding key '%s': %s", text, sub.text);
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

/* Reads a quoted registry string at *s (with \\ and \" escapes) into out. */
static int read_quoted(const char **s, const char *end, char *out, size_t outsz)
{
    const char *q = *s;
    size_t o = 0;

    if (q >= end || *q != '"') return -1;
    for (q++; q < end && *q != '"'; q++) {
        if (*q == '\\') {
            if (++q >= end) return -1;
        }
        if (o + 1 >= outsz) return -1;
        out[o++] = *q;
    }
    if (q >= end) return -1;
    out[o] = '\0';
    *s = q + 1;
    return 0;
}

/* Parses "hh,hh,..." into out (max bytes); returns the count or -1. */
static long read_hex(const char *s, const char *end, uint8_t *out, size_t max)
{
    size_t n = 0;

    while (s < end && (*s == ' ' || *s == '\t')) s++;
    if (s == end) return 0;
    for (;;) {
        int hi, lo;
        while (s < end && (*s == ' ' || *s == '\t')) s++;
        if (end - s < 2) return -1;
        hi = s[0] >= '0' && s[0] <= '9' ? s[0] - '0' : (s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'f' ? (s[0] | 0x20) - 'a' + 10 : -1;
        lo = s[1] >= '0' && s[1] <= '9' ? s[1] - '0' : (s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'f' ? (s[1] | 0x20) - 'a' + 10 : -1;
        if (hi < 0 || lo < 0 || n >= max) return -1;
        out[n++] = (uint8_t)(hi << 4 | lo);
        s += 2;
        while (s < end && (*s == ' ' || *s == '\t')) s++;
        if (s == end) return (long)n;
        if (*s++ != ',') return -1;
    }
}

enum vtype { V_STRING, V_DWORD, V_BINARY, V_OTHER, V_DELETE };

static sslb_rc parse_value_line(struct parser *p, const char *s, size_t n)
{
    static const char *const dword_names[] = {"DefaultSslCertCheckMode", "DefaultSslRevocationFreshnessTime",
                                              "DefaultSslRevocationUrlRetrievalTimeout", "DefaultFlags"};
    static const char *const string_names[] = {"SslCertStoreName", "DefaultSslCtlIdentifier",
                                               "DefaultSslCtlStoreName"};
    const char *end = s + n, *v;
    char name[256], str[SSLB_STRING_MAX + 2];
    uint8_t bin[64];
    long nbin = 0;
    uint32_t dw = 0;
    enum vtype type;

    if (*s == '@') {
        snprintf(name, sizeof name, "@");
        v = s + 1;
    } else if (read_quoted(&s, end, name, sizeof name) == 0) {
        v = s;
    } else {
        return corrupt(p, p->line, "expected a key [..] or a value \"name\"=..., found '%.40s'", s);
    }
    if (v >= end || *v != '=') return corrupt(p, p->line, "expected '=' after the value name");
    v++;
    if (!p->in_binding && !p->in_unknown) {
        /* values of an ancestor key (e.g. Parameters itself): not ours */
        p->skipped++;
        return SSLB_OK;
    }
    if (*v == '"') {
        type = V_STRING;
        if (read_quoted(&v, end, str, sizeof str) != 0 || v != end)
            return corrupt(p, p->line, "value %s: unterminated or overlong string", name);
    } else if (starts_with_ci(v, (size_t)(end - v), "dword:")) {
        char *e;
        type = V_DWORD;
        v += 6;
        if (end - v != 8) return corrupt(p, p->line, "value %s: a dword has 8 hex digits", name);
        errno = 0;
        dw = (uint32_t)strtoul(v, &e, 16);
        if (e != end || errno) return corrupt(p, p->line, "value %s: bad dword", name);
    } else if (starts_with_ci(v, (size_t)(end - v), "hex:")) {
        type = V_BINARY;
        if ((nbin = read_hex(v + 4, end, bin, sizeof bin)) < 0)
            return p->in_unknown ? SSLB_OK : corrupt(p, p->line, "value %s: bad hex list", name);
    } else if (starts_with_ci(v, (size_t)(end - v), "hex(")) {
        type = V_OTHER;
    } else if (*v == '-' && v + 1 == end) {
        type = V_DELETE;
    } else {
        return corrupt(p, p->line, "value %s: unknown value type '%.20s'", name, v);
    }
    if (p->in_unknown) return SSLB_OK;

    if (strcasecmp(name, "SslCertHash") == 0) {
        if (type != V_BINARY) return corrupt(p, p->line, "SslCertHash must be hex");
        if (nbin != 0 && nbin != SSLB_CERTHASH_LEN)
            return corrupt(p, p->line, "SslCertHash has %ld bytes, expected %d", nbin, SSLB_CERTHASH_LEN);
        p->b.params.certhash_len = (uint8_t)nbin;
        memcpy(p->b.params.certhash, bin, (size_t)nbin);
        p->has_hash = nbin != 0;
        return SSLB_OK;
    }
    if (strcasecmp(name, "AppId") == 0) {
        if (type != V_BINARY || nbin != 16) return corrupt(p, p->line, "AppId must be 16 bytes of hex");
        memcpy(p->b.params.appid.b, bin, 16);
        p->has_appid = 1;
        return SSLB_OK;
    }
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(name, dword_names[i]) != 0) continue;
        if (type != V_DWORD) return corrupt(p, p->line, "%s must be a dword", name);
        *(uint32_t *[]){&p->b.params.check_mode, &p->b.params.revocation_freshness_time,
                        &p->b.params.url_retrieval_timeout, &p->b.params.flags}[i] = dw;
        return SSLB_OK;
    }
    for (int i = 0; i < 3; i++) {
        sslb_diag sub;
        if (strcasecmp(name, string_names[i]) != 0) continue;
        if (type != V_STRING) return corrupt(p, p->line, "%s must be a string", name);
        if (str[0] == '\0') return SSLB_OK; /* an empty string is "not set" */
        if (sslb_string_check(str, &sub) != SSLB_OK) return corrupt(p, p->line, "%s: %s", name, sub.text);
        memcpy(p->strs[i], str, strlen(str) + 1);
        *(const char **[]){&p->b.params.store_name, &p->b.params.ctl_identifier,
                           &p->b.params.ctl_store_name}[i] = p->strs[i];
        return SSLB_OK;
    }
    p->skipped++; /* a value we do not know */
    return SSLB_OK;
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
        /* Gather one logical line: physical lines joined while they end with '\'. */
        for (;;) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            const char *e = nl ? nl : end;
            size_t n;
            phys++;
            if (e > s && e[-1] == '\r') e--;
            if (ln) while (s < e && (*s == ' ' || *s == '\t')) s++;
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
            if (ln && logical[ln - 1] == '\\' && logical[0] == '"') {
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
        if (logical[0] == '[')
            rc = parse_key_line(p, logical, ln);
        else
            rc = parse_value_line(p, logical, ln);
    }
    if (rc == SSLB_OK && !seen_header && len > 0)
        rc = corrupt(p, 1, "not a registry export: expected '%s'", REG_HEADER);
    if (rc == SSLB_OK) rc = finish_binding(p);
    free(logical);
    return rc;
}

sslb_rc sslb_reg_parse(const char *buf, size_t len, const char *name, sslb_table *t, unsigned *skipped,
                       sslb_diag *d)
{
    struct parser p;
    char *conv = NULL;
    sslb_rc rc;

    memset(&p, 0, sizeof p);
    p.name = name;
    p.t = t;
    p.d = d;
    if (len >= 2 && (unsigned char)buf[0] == 0xff && (unsigned char)buf[1] == 0xfe) {
        size_t badline = 0;
        if (!(conv = utf16le_to_utf8((const unsigned char *)buf + 2, len - 2, &len, &badline)))
            return badline ? corrupt(&p, badline, "invalid UTF-16 text") : SSLB_ENOMEM;
        buf = conv;
    } else if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    rc = parse_text(&p, buf, len);
    free(conv);
    if (skipped) *skipped = p.skipped;
    return rc;
}

/* ---- writing ----------------------------------------------------------------------------- */

static void put_string(FILE *f, const char *name, const char *v)
{
    fprintf(f, "\"%s\"=\"", name);
    for (; *v; v++) {
        if (*v == '\\' || *v == '"') fputc('\\', f);
        fputc(*v, f);
    }
    fputs("\"\n", f);
}

static void put_hex(FILE *f, const char *name, const uint8_t *b, size_t n)
{
    fprintf(f, "\"%s\"=hex:", name);
    for (size_t i = 0; i < n; i++) fprintf(f, i ? ",%02x" : "%02x", b[i]);
    fputc('\n', f);
}

static void put_binding(FILE *f, const sslb_binding *b)
{
    const sslb_params *p = &b->params;
    char key[SSLB_KEYTEXT_MAX];

    if (b->key.kind == SSLB_CCS) /* Windows keys a CCS binding by 0.0.0.0:<port> */
        snprintf(key, sizeof key, "0.0.0.0:%u", (unsigned)b->key.port);
    else
        sslb_key_format(&b->key, key, sizeof key);
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

static int write_merged(sslb_table *t, FILE *f, sslb_store_op op, const sslb_binding *change)
{
    struct writer w = {f, op, change, 0, -1};

    fputs(REG_HEADER "\n\n", f);
    if (sslb_table_foreach(t, visit, &w) != 0) return -1;
    if (change && !w.done && op == SSLB_STORE_ADD) emit(&w, change);
    return ferror(f) ? -1 : 0;
}

int sslb_reg_write(sslb_table *t, FILE *f)
{
    return write_merged(t, f, SSLB_STORE_ADD, NULL);
}

/* ---- the file: load, refresh, durable change ---------------------------------------------- */

static void remember(sslb_store *s, const struct stat *st)
{
    s->known = 1;
    s->existed = st != NULL;
    if (st) s->version = *st;
}

sslb_rc sslb_store_load(sslb_store *s, sslb_table *t)
{
    struct stat st;
    sslb_table *fresh = NULL;
    char *buf = NULL;
    sslb_diag d = {{0}};
    sslb_rc rc;
    int fd = open(s->path, O_RDONLY | O_CLOEXEC);

    s->detail[0] = '\0';
    if (fd < 0) {
        if (errno != ENOENT) return fail(s, SSLB_EREAD, "%s: %s", s->path, strerror(errno));
        remember(s, NULL);
        s->skipped = 0;
        if ((rc = sslb_table_create(&fresh)) != SSLB_OK) return rc;
        rc = sslb_table_assign(t, fresh);
        sslb_table_destroy(fresh);
        return rc;
    }
    if (fstat(fd, &st) != 0 || !(buf = malloc((size_t)st.st_size + 1))) {
        close(fd);
        return fail(s, SSLB_EREAD, "%s: cannot read", s->path);
    }
    for (off_t got = 0; got < st.st_size;) {
        ssize_t r = read(fd, buf + got, (size_t)(st.st_size - got));
        if (r <= 0) {
            if (r < 0 && errno == EINTR) continue;
            free(buf);
            close(fd);
            return fail(s, SSLB_EREAD, "%s: read error", s->path);
        }
        got += r;
    }
    close(fd);
    if ((rc = sslb_table_create(&fresh)) != SSLB_OK) {
        free(buf);
        return rc;
    }
    rc = sslb_reg_parse(buf, (size_t)st.st_size, s->path, fresh, &s->skipped, &d);
    free(buf);
    if (rc == SSLB_OK) rc = sslb_table_assign(t, fresh);
    sslb_table_destroy(fresh);
    if (rc != SSLB_OK) return fail(s, rc, "%s", d.text[0] ? d.text : sslb_strerror(rc));
    remember(s, &st);
    return SSLB_OK;
}

sslb_rc sslb_store_refresh(sslb_store *s, sslb_table *t)
{
    struct stat st;
    int exists = stat(s->path, &st) == 0;

    if (s->known && exists == s->existed && (!exists || sslb__same_version(&st, &s->version)))
        return SSLB_OK;
    return sslb_store_load(s, t);
}

struct merged {
    sslb_table *t;
    sslb_store_op op;
    const sslb_binding *b;
};

static int fill_merged(FILE *f, void *ctx)
{
    struct merged *m = ctx;
    return write_merged(m->t, f, m->op, m->b);
}

static sslb_rc write_file(sslb_store *s, sslb_table *t, sslb_store_op op, const sslb_binding *b)
{
    struct merged m = {t, op, b};
    struct stat st;

    if (sslb__replace(s->path, 0600, fill_merged, &m, &st) != 0)
        return fail(s, SSLB_EWRITE, "%s: cannot write: %s", s->path, strerror(errno));
    remember(s, &st);
    return SSLB_OK;
}

sslb_rc sslb_store_apply(sslb_store *s, sslb_table *t, sslb_store_op op, const sslb_binding *b, sslb_diag *d)
{
    sslb_binding cur;
    sslb_rc rc;
    int lockfd;

    s->detail[0] = '\0';
    if (op != SSLB_STORE_DELETE && (rc = sslb_params_check(b->key.kind, &b->params, d)) != SSLB_OK) return rc;
    if ((lockfd = sslb__lock(s->lockpath)) < 0)
        return fail(s, SSLB_ELOCKED, "%s: cannot lock: %s", s->lockpath, strerror(errno));
    if ((rc = sslb_store_refresh(s, t)) != SSLB_OK) goto out;
    rc = sslb_table_query(t, &b->key, &cur);
    if (op == SSLB_STORE_ADD && rc == SSLB_OK) {
        rc = SSLB_EEXISTS;
        goto out;
    }
    if (op != SSLB_STORE_ADD && rc != SSLB_OK) goto out;
    if ((rc = write_file(s, t, op, b)) != SSLB_OK) goto out;
    switch (op) {
    case SSLB_STORE_ADD:
        rc = sslb_table_add(t, b, d);
        break;
    case SSLB_STORE_UPDATE:
        rc = sslb_table_update(t, b, d);
        break;
    default:
        rc = sslb_table_delete(t, &b->key);
        break;
    }
out:
    close(lockfd); /* releases the lock */
    return rc;
}
