/* test_param.c — the parameter block's values: hash, GUID, numbers, enable/disable, strings. */
#include <criterion/criterion.h>
#include <string.h>

#include "sslb/param.h"

static void refused_hash(const char *text, const char *why)
{
    uint8_t h[20];
    sslb_diag d = {{0}};
    cr_assert_eq(sslb_certhash_parse(text, h, &d), SSLB_EINVAL, "%s accepted", text);
    cr_assert(strstr(d.text, why), "'%s': '%s' lacks '%s'", text, d.text, why);
}

Test(param, certhash_round_trips_lower_case)
{
    uint8_t h[20];
    char out[41];
    cr_assert_eq(sslb_certhash_parse("40DB5BB1BF5659A155258D1D007C530FCB8996C2", h, NULL), SSLB_OK);
    cr_assert_eq(h[0], 0x40);
    cr_assert_eq(h[19], 0xc2);
    cr_assert_str_eq(sslb_certhash_format(h, out), "40db5bb1bf5659a155258d1d007c530fcb8996c2");
}

Test(param, certhash_of_wrong_length_or_digits_is_refused)
{
    refused_hash("40db5bb1bf5659a155258d1d007c530fcb8996c", "found 39");
    refused_hash("40db5bb1bf5659a155258d1d007c530fcb8996c21", "found 41");
    refused_hash("40db5bb1bf5659a155258d1d007c530fcb8996cg", "'g' at position 40");
    refused_hash("", "found 0");
}

Test(param, certhash_names_the_invisible_character_copied_with_it)
{
    /* '?' at a byte position, for a character the user never saw */
    refused_hash("\xe2\x80\x8e"
                 "40db5bb1bf5659a155258d1d007c530fcb8996c2",
                 "found the invisible character U+200E (LEFT-TO-RIGHT MARK, often copied with a thumbprint from the "
                 "certificate dialog) at position 1");
    refused_hash("40\xc2\xa0"
                 "db5bb1bf5659a155258d1d007c530fcb8996c2",
                 "found the invisible character U+00A0 (NO-BREAK SPACE) at position 3");
    refused_hash("\xc3\xa9\xc3\xa9x", "found the character U+00E9 at position 1");
    refused_hash("ab\xc3\xa9", "found the character U+00E9 at position 3");
    refused_hash("\xf0\x9f\x94\x92", "found the character U+1F512 at position 1");
    refused_hash("ab\tcd", "found the control character U+0009 at position 3");
    refused_hash("\xc3\xa9\xff", "found the character U+00E9 at position 1");
    refused_hash("a\xff", "found the byte 0xff (not UTF-8) at position 2");
    refused_hash("a\xe2\x80", "found the byte 0xe2 (not UTF-8) at position 2");
}

Test(param, guid_round_trips_in_windows_byte_order)
{
    sslb_guid g;
    char out[SSLB_GUID_TEXT];
    cr_assert_eq(sslb_guid_parse("{4DC3E181-E14B-4A21-B022-59FC669B0914}", &g, NULL), SSLB_OK);
    /* Data1 0x4dc3e181 little-endian first, as the registry's AppId holds it */
    cr_assert_eq(g.b[0], 0x81);
    cr_assert_eq(g.b[3], 0x4d);
    cr_assert_eq(g.b[4], 0x4b);
    cr_assert_eq(g.b[6], 0x21);
    cr_assert_eq(g.b[8], 0xb0);
    cr_assert_eq(g.b[15], 0x14);
    cr_assert_str_eq(sslb_guid_format(&g, out), "{4dc3e181-e14b-4a21-b022-59fc669b0914}");
}

Test(param, malformed_guids_are_refused)
{
    sslb_guid g;
    sslb_diag d;
    cr_assert_eq(sslb_guid_parse("4dc3e181-e14b-4a21-b022-59fc669b0914", &g, &d), SSLB_EINVAL);
    cr_assert(strstr(d.text, "braces"));
    cr_assert_eq(sslb_guid_parse("{4dc3e181-e14b-4a21-b022-59fc669b091}", &g, &d), SSLB_EINVAL);
    cr_assert_eq(sslb_guid_parse("{4dc3e181-e14b-4a21-b022-59fc669b091x}", &g, &d), SSLB_EINVAL);
    cr_assert(strstr(d.text, "non-hexadecimal"));
    cr_assert_eq(sslb_guid_parse("{4dc3e181:e14b-4a21-b022-59fc669b0914}", &g, &d), SSLB_EINVAL);
    cr_assert(strstr(d.text, "expected '-'"));
}

Test(param, numbers_are_unsigned_32_bit)
{
    uint32_t v;
    cr_assert_eq(sslb_u32_parse("0", &v, NULL), SSLB_OK);
    cr_assert_eq(sslb_u32_parse("4294967295", &v, NULL), SSLB_OK);
    cr_assert_eq(v, 4294967295u);
    cr_assert_eq(sslb_u32_parse("4294967296", &v, NULL), SSLB_EINVAL);
    cr_assert_eq(sslb_u32_parse("-1", &v, NULL), SSLB_EINVAL);
    cr_assert_eq(sslb_u32_parse("", &v, NULL), SSLB_EINVAL);
    cr_assert_eq(sslb_u32_parse("12a", &v, NULL), SSLB_EINVAL);
    cr_assert_eq(sslb_u32_parse("99999999999999999999999", &v, NULL), SSLB_EINVAL);
}

Test(param, params_check_matches_kind)
{
    sslb_params p;
    sslb_diag d;
    sslb_params_init(&p);
    cr_assert_eq(sslb_params_check(SSLB_IPPORT, &p, &d), SSLB_EINVAL);
    cr_assert_str_eq(d.text, "an IP:port binding needs a certificate hash"); /* the field, not netsh's tag */
    cr_assert_eq(sslb_params_check(SSLB_CCS, &p, &d), SSLB_OK);
    p.certhash_len = 20;
    cr_assert_eq(sslb_params_check(SSLB_HOSTPORT, &p, &d), SSLB_OK);
    cr_assert_eq(sslb_params_check(SSLB_CCS, &p, &d), SSLB_EINVAL);
    p.store_name = "bad\tname";
    cr_assert_eq(sslb_params_check(SSLB_IPPORT, &p, &d), SSLB_EINVAL);
    cr_assert_str_eq(d.text, "the certificate store name: has the control character 0x09");
}

Test(param, strings_have_limits)
{
    char s[300];
    memset(s, 'x', 256);
    s[256] = 0;
    cr_assert_eq(sslb_string_check(s, NULL), SSLB_EINVAL);
    s[255] = 0;
    cr_assert_eq(sslb_string_check(s, NULL), SSLB_OK);
    cr_assert_eq(sslb_string_check("", NULL), SSLB_EINVAL);
}

/* RFC 3629's table, edge by edge: the first and last of each length, the surrogates' edges,
 * overlong forms, values above U+10FFFF, truncated and broken sequences. */
Test(param, utf8_is_valid_exactly_as_rfc3629_says)
{
    static const char *const good[] = {"",
                                       "a",
                                       "\xc2\x80",
                                       "\xdf\xbf",
                                       "\xe0\xa0\x80",
                                       "\xed\x9f\xbf",
                                       "\xee\x80\x80",
                                       "\xef\xbf\xbf",
                                       "\xf0\x90\x80\x80",
                                       "\xf4\x8f\xbf\xbf",
                                       "caf\xc3\xa9 \xf0\x9f\x94\x92"};
    static const struct {
        const char *s;
        size_t bad;
    } bad[] = {
        {"\xc0\x80", 0},
        {"\xc1\xbf", 0},
        {"\xe0\x9f\xbf", 0},
        {"\xed\xa0\x80", 0},
        {"\xed\xbf\xbf", 0},
        {"\xf0\x8f\xbf\xbf", 0},
        {"\xf4\x90\x80\x80", 0},
        {"\xf5\x80\x80\x80", 0},
        {"\xff", 0},
        {"\x80", 0},
        {"ab\xc2", 2},
        {"ab\xe0\xa0", 2},
        {"\xc2\x41", 0},
        {"ok\xe2\x82\x28", 2},
        {"\xf0\x9f\x94\x92\xbf", 4},
    };
    size_t at;

    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        cr_assert(sslb_utf8_valid(good[i], strlen(good[i]), NULL), "good[%zu] refused", i);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        at = 99;
        cr_assert_not(sslb_utf8_valid(bad[i].s, strlen(bad[i].s), &at), "bad[%zu] accepted", i);
        cr_assert_eq(at, bad[i].bad, "bad[%zu]: first bad byte at %zu, expected %zu", i, at, bad[i].bad);
    }
    cr_assert(sslb_utf8_valid("a\0b", 3, NULL), "NUL is a valid character: callers refuse control characters");
}

Test(param, strings_must_be_valid_utf8)
{
    sslb_diag d = {{0}};

    cr_assert_eq(sslb_string_check("Web\xc3\xa9", NULL), SSLB_OK);
    cr_assert_eq(sslb_string_check("Web\xed\xa0\x80", &d), SSLB_EINVAL, "a surrogate");
    cr_assert(strstr(d.text, "not valid UTF-8 (byte 0xed at position 4)"), "%s", d.text);
    cr_assert_eq(sslb_string_check("\xe0\x80\xaf", NULL), SSLB_EINVAL, "an overlong '/'");
    cr_assert_eq(sslb_string_check("\xf4\x90\x80\x80", NULL), SSLB_EINVAL, "above U+10FFFF");
}

Test(param, ascii_case_ignores_only_ascii_letters)
{
    cr_assert_eq(sslb_ascii_casecmp("WebHosting", "WEBHOSTING"), 0);
    cr_assert_lt(sslb_ascii_casecmp("a", "B"), 0);
    cr_assert_gt(sslb_ascii_casecmp("b", "A"), 0);
    cr_assert_neq(sslb_ascii_casecmp("\xc3\x89", "\xc3\xa9"), 0, "not Unicode case folding");
    cr_assert_eq(sslb_ascii_ncasecmp("SslCertHashX", "SSLCERTHASHY", 11), 0);
    cr_assert_neq(sslb_ascii_ncasecmp("ab", "abc", 3), 0);
    cr_assert_eq(sslb_ascii_lower('Z'), 'z');
    cr_assert_eq(sslb_ascii_lower('['), '[');
    cr_assert_eq(sslb_ascii_lower(0xc9), 0xc9);
}
