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

Test(param, enable_disable_any_case)
{
    int b = -1;
    cr_assert_eq(sslb_bool_parse("Enable", &b, NULL), SSLB_OK);
    cr_assert_eq(b, 1);
    cr_assert_eq(sslb_bool_parse("DISABLE", &b, NULL), SSLB_OK);
    cr_assert_eq(b, 0);
    cr_assert_eq(sslb_bool_parse("enabled", &b, NULL), SSLB_EINVAL);
    cr_assert_eq(sslb_bool_parse("", &b, NULL), SSLB_EINVAL);
}

Test(param, params_check_matches_kind)
{
    sslb_params p;
    sslb_diag d;
    sslb_params_init(&p);
    cr_assert_eq(sslb_params_check(SSLB_IPPORT, &p, &d), SSLB_EINVAL);
    cr_assert(strstr(d.text, "required"));
    cr_assert_eq(sslb_params_check(SSLB_CCS, &p, &d), SSLB_OK);
    p.certhash_len = 20;
    cr_assert_eq(sslb_params_check(SSLB_HOSTPORT, &p, &d), SSLB_OK);
    cr_assert_eq(sslb_params_check(SSLB_CCS, &p, &d), SSLB_EINVAL);
    p.store_name = "bad\tname";
    cr_assert_eq(sslb_params_check(SSLB_IPPORT, &p, &d), SSLB_EINVAL);
    cr_assert(strstr(d.text, "certstorename"));
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
