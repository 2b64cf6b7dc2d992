/* param.c — values of the parameter block: parse, check, format. */
#include "sslb/param.h"

#include <string.h>

#include "ascii_int.h"

void sslb_params_init(sslb_params *p)
{
    memset(p, 0, sizeof *p);
}

sslb_rc sslb_string_check(const char *text, sslb_diag *d)
{
    size_t n = strlen(text), bad;

    if (n == 0) return sslb_diagf(d, SSLB_EINVAL, "expected a value, found nothing");
    if (n > SSLB_STRING_MAX)
        return sslb_diagf(d, SSLB_EINVAL, "%zu characters long: at most %d allowed", n, SSLB_STRING_MAX);
    for (const unsigned char *s = (const unsigned char *)text; *s; s++)
        if (*s < 0x20 || *s == 0x7f) return sslb_diagf(d, SSLB_EINVAL, "has the control character 0x%02x", *s);
    if (!sslb_utf8_valid(text, n, &bad))
        return sslb_diagf(d, SSLB_EINVAL, "is not valid UTF-8 (byte 0x%02x at position %zu)", (unsigned char)text[bad],
                          bad + 1);
    return SSLB_OK;
}

sslb_rc sslb_params_check(sslb_kind kind, const sslb_params *p, sslb_diag *d)
{
    /* the fields by name, not by any program's option or tag for them */
    static const char *const names[] = {"the certificate store name", "the CTL identifier", "the CTL store name"};
    const char *strs[] = {p->store_name, p->ctl_identifier, p->ctl_store_name};
    int has_hash = p->certhash_len != 0;

    if (p->certhash_len != 0 && p->certhash_len != SSLB_CERTHASH_LEN)
        return sslb_diagf(d, SSLB_EINVAL, "the certificate hash has %u bytes: expected %d", p->certhash_len,
                          SSLB_CERTHASH_LEN);
    if ((kind == SSLB_IPPORT || kind == SSLB_HOSTPORT) && !has_hash)
        return sslb_diagf(d, SSLB_EINVAL, "%s binding needs a certificate hash",
                          kind == SSLB_IPPORT ? "an IP:port" : "a hostname:port");
    if ((kind == SSLB_CCS || kind == SSLB_SCOPEDCCS) && has_hash)
        return sslb_diagf(d, SSLB_EINVAL,
                          "a CCS binding has no certificate hash (the certificate is found by host name)");
    for (int i = 0; i < 3; i++) {
        sslb_diag sub;
        if (strs[i] && sslb_string_check(strs[i], &sub) != SSLB_OK)
            return sslb_diagf(d, SSLB_EINVAL, "%s: %s", names[i], sub.text);
    }
    return SSLB_OK;
}

static int str_equal(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

int sslb_params_equal(const sslb_params *a, const sslb_params *b)
{
    return a->certhash_len == b->certhash_len && memcmp(a->certhash, b->certhash, a->certhash_len) == 0 &&
           memcmp(&a->appid, &b->appid, sizeof a->appid) == 0 && a->check_mode == b->check_mode &&
           a->revocation_freshness_time == b->revocation_freshness_time &&
           a->url_retrieval_timeout == b->url_retrieval_timeout && a->flags == b->flags &&
           str_equal(a->store_name, b->store_name) && str_equal(a->ctl_identifier, b->ctl_identifier) &&
           str_equal(a->ctl_store_name, b->ctl_store_name);
}

static const char hexdigits[] = "0123456789abcdef";

/* Characters that look like nothing, by name: a thumbprint copied from the Details tab of
 * Windows' certificate dialog starts with an invisible U+200E, the classic cause of netsh's
 * "The parameter is incorrect." for a hash that looks right. */
static const struct {
    unsigned cp;
    const char *name;
} invisibles[] = {
    {0x00a0, "NO-BREAK SPACE"},
    {0x200b, "ZERO WIDTH SPACE"},
    {0x200c, "ZERO WIDTH NON-JOINER"},
    {0x200d, "ZERO WIDTH JOINER"},
    {0x200e, "LEFT-TO-RIGHT MARK, often copied with a thumbprint from the certificate dialog"},
    {0x200f, "RIGHT-TO-LEFT MARK"},
    {0x202a, "LEFT-TO-RIGHT EMBEDDING"},
    {0x202c, "POP DIRECTIONAL FORMATTING"},
    {0x2060, "WORD JOINER"},
    {0xfeff, "ZERO WIDTH NO-BREAK SPACE, a byte-order mark"},
};

/* The refusal of the character at text[i], the pos-th character: printable ASCII as itself,
 * anything else as U+XXXX (its UTF-8 decoded), named when invisible. */
static sslb_rc bad_digit(const char *text, size_t i, size_t n, size_t pos, sslb_diag *d)
{
    const unsigned char *s = (const unsigned char *)text + i;
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
    unsigned cp;

    if (s[0] >= 0x20 && s[0] < 0x7f)
        return sslb_diagf(d, SSLB_EINVAL, "expected 40 hexadecimal digits, found '%c' at position %zu", s[0], pos);
    if (s[0] >= 0x80 && (len > n - i || !sslb_utf8_valid(text + i, len, NULL)))
        return sslb_diagf(d, SSLB_EINVAL,
                          "expected 40 hexadecimal digits, found the byte 0x%02x (not UTF-8) at position %zu", s[0],
                          pos);
    cp = len == 1   ? s[0]
         : len == 2 ? (s[0] & 0x1fu) << 6 | (s[1] & 0x3fu)
         : len == 3 ? (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu)
                    : (s[0] & 0x07u) << 18 | (s[1] & 0x3fu) << 12 | (s[2] & 0x3fu) << 6 | (s[3] & 0x3fu);
    for (size_t k = 0; k < sizeof invisibles / sizeof invisibles[0]; k++)
        if (invisibles[k].cp == cp)
            return sslb_diagf(
                d, SSLB_EINVAL,
                "expected 40 hexadecimal digits, found the invisible character U+%04X (%s) at position %zu", cp,
                invisibles[k].name, pos);
    return sslb_diagf(d, SSLB_EINVAL, "expected 40 hexadecimal digits, found %s U+%04X at position %zu",
                      cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ? "the control character" : "the character",
                      cp, pos);
}

sslb_rc sslb_certhash_parse(const char *text, uint8_t out[SSLB_CERTHASH_LEN], sslb_diag *d)
{
    size_t n = strlen(text);

    for (size_t i = 0; i < n; i++) /* the first that is no digit: all before it are ASCII, one byte each */
        if (sslb__hexval((unsigned char)text[i]) < 0) return bad_digit(text, i, n, i + 1, d);
    if (n != 2 * SSLB_CERTHASH_LEN) return sslb_diagf(d, SSLB_EINVAL, "expected 40 hexadecimal digits, found %zu", n);
    for (size_t i = 0; i < SSLB_CERTHASH_LEN; i++)
        out[i] =
            (uint8_t)(sslb__hexval((unsigned char)text[2 * i]) << 4 | sslb__hexval((unsigned char)text[2 * i + 1]));
    return SSLB_OK;
}

char *sslb_certhash_format(const uint8_t hash[SSLB_CERTHASH_LEN], char *buf)
{
    for (size_t i = 0; i < SSLB_CERTHASH_LEN; i++) {
        buf[2 * i] = hexdigits[hash[i] >> 4];
        buf[2 * i + 1] = hexdigits[hash[i] & 15];
    }
    buf[2 * SSLB_CERTHASH_LEN] = '\0';
    return buf;
}

/* Text order of the GUID's 16 bytes: Data1 (4, little-endian in memory), Data2, Data3, Data4. */
static const uint8_t guid_text_order[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};

sslb_rc sslb_guid_parse(const char *text, sslb_guid *out, sslb_diag *d)
{
    static const char shape[] = "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}";
    size_t n = strlen(text);
    uint8_t seq[16];
    int k = 0;

    if (n == 36 && text[0] != '{') return sslb_diagf(d, SSLB_EINVAL, "expected a GUID in braces, like %s", shape);
    if (n != 38) return sslb_diagf(d, SSLB_EINVAL, "expected a GUID of 38 characters, like %s; found %zu", shape, n);
    for (size_t i = 0; i < 38; i++) {
        if (shape[i] != 'x') {
            if (text[i] != shape[i])
                return sslb_diagf(d, SSLB_EINVAL, "expected '%c' at position %zu of a GUID like %s", shape[i], i + 1,
                                  shape);
        } else if (sslb__hexval((unsigned char)text[i]) < 0) {
            return sslb_diagf(d, SSLB_EINVAL, "GUID has the non-hexadecimal character '%c' at position %zu",
                              text[i] >= 0x20 && text[i] < 0x7f ? text[i] : '?', i + 1);
        }
    }
    for (size_t i = 1; i < 37;) {
        if (text[i] == '-') {
            i++;
            continue;
        }
        seq[k++] = (uint8_t)(sslb__hexval((unsigned char)text[i]) << 4 | sslb__hexval((unsigned char)text[i + 1]));
        i += 2;
    }
    for (int i = 0; i < 16; i++) out->b[guid_text_order[i]] = seq[i];
    return SSLB_OK;
}

char *sslb_guid_format(const sslb_guid *g, char *buf)
{
    char *p = buf;

    *p++ = '{';
    for (int i = 0; i < 16; i++) {
        uint8_t v = g->b[guid_text_order[i]];
        if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
        *p++ = hexdigits[v >> 4];
        *p++ = hexdigits[v & 15];
    }
    *p++ = '}';
    *p = '\0';
    return buf;
}

sslb_rc sslb_u32_parse(const char *text, uint32_t *out, sslb_diag *d)
{
    uint64_t v = 0;

    if (*text == '\0') return sslb_diagf(d, SSLB_EINVAL, "expected a number 0-4294967295, found nothing");
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            return sslb_diagf(d, SSLB_EINVAL, "'%.32s': expected an unsigned decimal number 0-4294967295", text);
        v = v * 10 + (uint64_t)(*p - '0');
        if (v > UINT32_MAX) return sslb_diagf(d, SSLB_EINVAL, "'%.32s' is too large: at most 4294967295", text);
    }
    *out = (uint32_t)v;
    return SSLB_OK;
}

/* ---- text ---------------------------------------------------------------------------------- */

int sslb_ascii_lower(int c)
{
    return sslb__lower(c);
}

int sslb_ascii_casecmp(const char *a, const char *b)
{
    return sslb__casecmp(a, b);
}

int sslb_ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    return sslb__ncasecmp(a, b, n);
}

/* RFC 3629's table: the lead byte fixes the length and the range of the second byte (which is
 * where overlong forms, surrogates and values above U+10FFFF show). */
int sslb_utf8_valid(const char *text, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;

    while (i < len) {
        unsigned c = s[i], lo = 0x80, hi = 0xbf;
        size_t n;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) n = 1;
        else if (c >= 0xe0 && c <= 0xef) n = 2, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
        else if (c >= 0xf0 && c <= 0xf4) n = 3, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
        else break; /* 0x80..0xc1 (a continuation, or an overlong 2-byte lead), 0xf5..0xff */
        if (len - i <= n || s[i + 1] < lo || s[i + 1] > hi) break;
        size_t k = 2;
        while (k <= n && (s[i + k] & 0xc0) == 0x80) k++;
        if (k <= n) break; /* a continuation byte missing */
        i += n + 1;
    }
    if (i < len && bad) *bad = i;
    return i == len;
}
