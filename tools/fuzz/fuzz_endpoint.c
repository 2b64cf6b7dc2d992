/* fuzz_endpoint.c — the parsers of endpoints: sslb_addr_parse, sslb_port_parse, sslb_host_parse,
 * sslb_key_parse for each of the four kinds, and the IIS layer's sslb_bindinfo_parse, all on the
 * same input. Beyond "no crash": what is accepted is canonical and reads back to itself —
 * format(parse(x)) parses to the same key, an accepted host name is lower-case letters, digits,
 * '-', '_' and dots within the DNS limits, an accepted port is 1..65535 written in digits.
 * tools/fuzz/run-all runs it; tests/fuzz replays its corpus. */
#include <string.h>

#include "fuzz_util.h"
#include "sslb/apphost.h"
#include "sslb/endpoint.h"

static void check_addr(const char *text)
{
    sslb_addr a, b;
    sslb_diag d;
    char buf[64], brk[70];

    if (sslb_addr_parse(text, &a, &d) != SSLB_OK) return;
    FZ_CHECK(a.family == 4 || a.family == 6, "family %u for '%s'", a.family, text);
    if (a.family == 4)
        for (int i = 4; i < 16; i++) FZ_CHECK(a.bytes[i] == 0, "IPv4 '%s' has bytes past the fourth", text);
    sslb_addr_format(&a, buf, sizeof buf);
    FZ_CHECK(sslb_addr_parse(buf, &b, &d) == SSLB_OK, "'%s' formats as '%s', which is refused: %s", text, buf, d.text);
    FZ_CHECK(memcmp(&a, &b, sizeof a) == 0, "'%s' → '%s' reads back as another address", text, buf);
    if (a.family == 6) { /* the bracketed form is the same address */
        snprintf(brk, sizeof brk, "[%s]", buf);
        FZ_CHECK(sslb_addr_parse(brk, &b, &d) == SSLB_OK && memcmp(&a, &b, sizeof a) == 0, "'%s' refused", brk);
    }
}

static void check_port(const char *text)
{
    uint16_t p, q;
    sslb_diag d;
    char buf[8];

    if (sslb_port_parse(text, &p, &d) != SSLB_OK) return;
    FZ_CHECK(p >= 1, "port 0 accepted from '%s'", text);
    for (const char *c = text; *c; c++) FZ_CHECK(*c >= '0' && *c <= '9', "port '%s' accepted with a non-digit", text);
    snprintf(buf, sizeof buf, "%u", (unsigned)p);
    FZ_CHECK(sslb_port_parse(buf, &q, &d) == SSLB_OK && q == p, "port %s does not read back", buf);
}

static void check_host(const char *bytes, size_t len)
{
    char out[SSLB_HOST_MAX + 1], again[SSLB_HOST_MAX + 1];
    sslb_diag d;
    size_t label = 0;

    if (sslb_host_parse(bytes, len, out, &d) != SSLB_OK) return;
    FZ_CHECK(len >= 1 && len <= SSLB_HOST_MAX, "host name of %zu bytes accepted", len);
    FZ_CHECK(strlen(out) == len, "accepted host name of %zu bytes gives %zu", len, strlen(out));
    for (size_t i = 0; i < len; i++) {
        char c = out[i];
        if (c == '.') {
            FZ_CHECK(label > 0, "empty label accepted in '%s'", out);
            label = 0;
            continue;
        }
        FZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_',
                 "character 0x%02x in accepted host name", (unsigned char)c);
        FZ_CHECK(++label <= SSLB_LABEL_MAX, "label over %d characters accepted", SSLB_LABEL_MAX);
        char o = bytes[i] >= 'A' && bytes[i] <= 'Z' ? (char)(bytes[i] - 'A' + 'a') : bytes[i];
        FZ_CHECK(o == c, "host name not lower-cased as ASCII at %zu", i);
    }
    FZ_CHECK(label > 0, "host name ending with a dot accepted: '%s'", out);
    FZ_CHECK(sslb_host_parse(out, len, again, &d) == SSLB_OK && strcmp(out, again) == 0, "'%s' not idempotent", out);
}

static void check_key(sslb_kind kind, const char *text)
{
    sslb_key k, k2;
    sslb_diag d;
    char buf[SSLB_KEYTEXT_MAX];

    if (sslb_key_parse(kind, text, &k, &d) != SSLB_OK) return;
    FZ_CHECK(k.kind == kind, "key of kind %u from kind %d", k.kind, (int)kind);
    FZ_CHECK(k.port >= 1, "key '%s' has port 0", text);
    sslb_key_format(&k, buf, sizeof buf);
    FZ_CHECK(strlen(buf) < SSLB_KEYTEXT_MAX - 1, "formatted key fills the buffer");
    FZ_CHECK(sslb_key_parse(kind, buf, &k2, &d) == SSLB_OK, "%s key '%s' formats as '%s', refused: %s",
             sslb_kind_name(kind), text, buf, d.text);
    FZ_CHECK(sslb_key_equal(&k, &k2), "%s key '%s' → '%s' reads back as another key", sslb_kind_name(kind), text, buf);
    FZ_CHECK(memcmp(&k, &k2, sizeof k) == 0, "%s key '%s': parsed keys differ in padding or unused bytes",
             sslb_kind_name(kind), text);
    FZ_CHECK(sslb_key_compare(&k, &k2) == 0, "key '%s' does not compare equal to itself", buf);
    if (kind == SSLB_HOSTPORT || kind == SSLB_SCOPEDCCS)
        FZ_CHECK(k.host_len == strlen(k.host), "host_len %u for '%s'", k.host_len, k.host);
}

static void check_bindinfo(const char *text)
{
    sslb_bindinfo bi;
    sslb_diag d;

    memset(&d, 0, sizeof d);
    if (sslb_bindinfo_parse(text, &bi, &d) != SSLB_OK) {
        FZ_CHECK(memchr(d.text, '\0', sizeof d.text) != NULL, "diag not terminated");
        return;
    }
    FZ_CHECK(memchr(bi.host, '\0', sizeof bi.host) != NULL, "bindinfo host not terminated");
    for (const char *c = bi.host; *c; c++)
        FZ_CHECK(!(*c >= 'A' && *c <= 'Z'), "bindinfo host '%s' not lower-case", bi.host);
    if (!bi.any_ip) FZ_CHECK(bi.ip.family == 4 || bi.ip.family == 6, "bindinfo '%s': family %u", text, bi.ip.family);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fz_cstr(data, size);
    char *raw = fz_bytes(data, size);

    check_addr(text);
    check_port(text);
    check_host(raw, size);
    for (int k = 0; k < SSLB_KIND_COUNT; k++) check_key((sslb_kind)k, text);
    check_bindinfo(text);
    free(raw);
    free(text);
    return 0;
}
