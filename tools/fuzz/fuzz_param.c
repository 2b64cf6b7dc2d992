/* fuzz_param.c — the parsers of a binding's values: sslb_certhash_parse, sslb_guid_parse,
 * sslb_u32_parse, sslb_string_check, sslb_utf8_valid, and the name checks of stores
 * (sslb_store_name_check) and IIS sites (sslb_site_name_check), all on the same input.
 * Each accept/refuse decision is compared with an independent reading of param.h's contract
 * (40 hex digits; a braced GUID; decimal 0..4294967295;
 * 1..255 bytes of valid UTF-8 without control characters; RFC 3629 for sslb_utf8_valid), and what is accepted formats
 * and reads back to itself. tools/fuzz/run-all runs it; tests/fuzz replays its corpus. */
#include <string.h>

#include "fuzz_util.h"
#include "sslb/apphost.h"
#include "sslb/certstore.h"
#include "sslb/param.h"

static int ishex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static void check_certhash(const char *text)
{
    uint8_t h[SSLB_CERTHASH_LEN], h2[SSLB_CERTHASH_LEN];
    char buf[2 * SSLB_CERTHASH_LEN + 1];
    sslb_diag d;
    size_t n = strlen(text);
    int want = n == 2 * SSLB_CERTHASH_LEN;

    for (size_t i = 0; want && i < n; i++) want = ishex(text[i]);
    int got = sslb_certhash_parse(text, h, &d) == SSLB_OK;
    FZ_CHECK(got == want, "certhash '%s': parser says %d, the contract %d", text, got, want);
    if (!got) return;
    sslb_certhash_format(h, buf);
    for (size_t i = 0; i < n; i++) FZ_CHECK(buf[i] == lower(text[i]), "certhash '%s' formats as '%s'", text, buf);
    FZ_CHECK(sslb_certhash_parse(buf, h2, &d) == SSLB_OK && memcmp(h, h2, sizeof h) == 0, "'%s' does not read back",
             buf);
}

static void check_guid(const char *text)
{
    static const char shape[] = "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}";
    sslb_guid g, g2;
    char buf[SSLB_GUID_TEXT];
    sslb_diag d;
    int want = strlen(text) == 38;

    for (size_t i = 0; want && i < 38; i++) want = shape[i] == 'x' ? ishex(text[i]) : text[i] == shape[i];
    int got = sslb_guid_parse(text, &g, &d) == SSLB_OK;
    FZ_CHECK(got == want, "GUID '%s': parser says %d, the contract %d", text, got, want);
    if (!got) return;
    sslb_guid_format(&g, buf);
    for (size_t i = 0; i < 38; i++) FZ_CHECK(buf[i] == lower(text[i]), "GUID '%s' formats as '%s'", text, buf);
    FZ_CHECK(sslb_guid_parse(buf, &g2, &d) == SSLB_OK && memcmp(&g, &g2, sizeof g) == 0, "'%s' does not read back",
             buf);
}

static void check_u32(const char *text)
{
    uint32_t v = 0;
    uint64_t want_v = 0;
    sslb_diag d;
    int want = *text != '\0';

    for (const char *p = text; want && *p; p++) {
        want = *p >= '0' && *p <= '9';
        want_v = want_v * 10 + (uint64_t)(*p - '0');
        if (want_v > UINT32_MAX) want = 0;
    }
    int got = sslb_u32_parse(text, &v, &d) == SSLB_OK;
    FZ_CHECK(got == want, "u32 '%s': parser says %d, the contract %d", text, got, want);
    if (got) FZ_CHECK(v == want_v, "u32 '%s' read as %u", text, v);
}

/* RFC 3629 section 4, written out again: the offset of the first byte that does not start a valid
 * character, or len when all are valid. */
static size_t utf8_first_bad(const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned lo = 0x80, hi = 0xbf;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) n = 1;
        else if (c == 0xe0) n = 2, lo = 0xa0;
        else if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef) n = 2;
        else if (c == 0xed) n = 2, hi = 0x9f;
        else if (c == 0xf0) n = 3, lo = 0x90;
        else if (c >= 0xf1 && c <= 0xf3) n = 3;
        else if (c == 0xf4) n = 3, hi = 0x8f;
        else return i;
        if (i + n >= len) return i; /* truncated */
        if (s[i + 1] < lo || s[i + 1] > hi) return i;
        for (size_t k = 2; k <= n; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xbf) return i;
        i += n + 1;
    }
    return len;
}

static void check_utf8(const uint8_t *data, size_t size)
{
    size_t bad = (size_t)-1, want = utf8_first_bad(data, size);
    char *copy = fz_bytes(data, size); /* exactly size bytes: a read past them is an ASan report */
    int got = sslb_utf8_valid(copy, size, &bad);

    FZ_CHECK(got == (want == size), "UTF-8 validity of %zu bytes: %d, the RFC says first bad at %zu", size, got, want);
    if (!got) FZ_CHECK(bad == want, "first invalid UTF-8 byte at %zu, the RFC says %zu", bad, want);
    free(copy);
}

static void check_strings(const char *text)
{
    sslb_diag d;
    size_t n = strlen(text);
    int want = n >= 1 && n <= SSLB_STRING_MAX && utf8_first_bad((const unsigned char *)text, n) == n;

    for (const unsigned char *p = (const unsigned char *)text; want && *p; p++) want = *p >= 0x20 && *p != 0x7f;
    int got = sslb_string_check(text, &d) == SSLB_OK;
    FZ_CHECK(got == want, "string '%s': check says %d, the contract %d", text, got, want);
    /* no oracle for these two: no crash, and a refusal says why in a terminated sentence */
    memset(&d, 0x55, sizeof d);
    if (sslb_store_name_check(text, &d) != SSLB_OK)
        FZ_CHECK(memchr(d.text, '\0', sizeof d.text) != NULL, "store name refusal not terminated");
    memset(&d, 0x55, sizeof d);
    if (sslb_site_name_check(text, &d) != SSLB_OK)
        FZ_CHECK(memchr(d.text, '\0', sizeof d.text) != NULL, "site name refusal not terminated");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fz_cstr(data, size);

    check_certhash(text);
    check_guid(text);
    check_u32(text);
    check_strings(text);
    check_utf8(data, size);
    free(text);
    return 0;
}
