/* test_endpoint.c — addresses, ports, host names, keys: parse, canonical form, order. */
#include <criterion/criterion.h>
#include <string.h>

#include "sslb/endpoint.h"

static char *fmt(sslb_kind kind, const char *text)
{
    static char buf[SSLB_KEYTEXT_MAX];
    sslb_key k;
    sslb_diag d;
    cr_assert_eq(sslb_key_parse(kind, text, &k, &d), SSLB_OK, "%s: %s", text, d.text);
    return sslb_key_format(&k, buf, sizeof buf);
}

static void refused(sslb_kind kind, const char *text, const char *why)
{
    sslb_key k;
    sslb_diag d = {{0}};
    cr_assert_eq(sslb_key_parse(kind, text, &k, &d), SSLB_EINVAL, "%s accepted", text);
    cr_assert(strstr(d.text, why), "'%s': diag '%s' lacks '%s'", text, d.text, why);
}

Test(endpoint, ipv4_keys_parse_and_format)
{
    cr_assert_str_eq(fmt(SSLB_IPPORT, "0.0.0.0:443"), "0.0.0.0:443");
    cr_assert_str_eq(fmt(SSLB_IPPORT, "10.1.2.3:65535"), "10.1.2.3:65535");
    cr_assert_str_eq(fmt(SSLB_IPPORT, "255.255.255.255:1"), "255.255.255.255:1");
}

Test(endpoint, ipv6_keys_are_canonical_rfc5952)
{
    cr_assert_str_eq(fmt(SSLB_IPPORT, "[2001:DB8:0::1]:443"), "[2001:db8::1]:443");
    cr_assert_str_eq(fmt(SSLB_IPPORT, "[::]:443"), "[::]:443");
    cr_assert_str_eq(fmt(SSLB_IPPORT, "[fe80:0:0:0:0:0:0:1]:8443"), "[fe80::1]:8443");
    cr_assert_str_eq(fmt(SSLB_IPPORT, "[2001:db8:0:1:0:0:0:1]:443"), "[2001:db8:0:1::1]:443");
}

Test(endpoint, two_spellings_are_one_key)
{
    sslb_key a, b;
    cr_assert_eq(sslb_key_parse(SSLB_IPPORT, "[2001:DB8:0::1]:443", &a, NULL), SSLB_OK);
    cr_assert_eq(sslb_key_parse(SSLB_IPPORT, "[2001:db8::0001]:443", &b, NULL), SSLB_OK);
    cr_assert(memcmp(&a, &b, sizeof a) == 0);
    cr_assert(sslb_key_equal(&a, &b));
    cr_assert_eq(sslb_key_parse(SSLB_HOSTPORT, "WWW.Contoso.COM:443", &a, NULL), SSLB_OK);
    cr_assert_eq(sslb_key_parse(SSLB_HOSTPORT, "www.contoso.com:443", &b, NULL), SSLB_OK);
    cr_assert(memcmp(&a, &b, sizeof a) == 0);
}

Test(endpoint, v4_mapped_binding_is_the_ipv4_key)
{
    cr_assert_str_eq(fmt(SSLB_IPPORT, "[::ffff:10.0.0.1]:443"), "10.0.0.1:443");
}

Test(endpoint, bad_ipport_values_are_refused_with_reason)
{
    refused(SSLB_IPPORT, "1.2.3.4:0", "out of range");
    refused(SSLB_IPPORT, "1.2.3.4:65536", "out of range");
    refused(SSLB_IPPORT, "1.2.3.4:-1", "decimal");
    refused(SSLB_IPPORT, "1.2.3.4", "address:port");
    refused(SSLB_IPPORT, "1.2.3.4:", "nothing");
    refused(SSLB_IPPORT, "1.2.3:443", "IPv4");
    refused(SSLB_IPPORT, "256.1.1.1:443", "IPv4");
    refused(SSLB_IPPORT, "fe80::1:443", "brackets");
    refused(SSLB_IPPORT, "[fe80::1]443", "[IPv6 address]:port");
    refused(SSLB_IPPORT, "[fe80::1:443", "[IPv6 address]:port");
    refused(SSLB_IPPORT, "[fe80::g]:443", "IPv6");
    refused(SSLB_IPPORT, "[fe80::1%eth0]:443", "scoped");
    refused(SSLB_IPPORT, "www.contoso.com:443", "IPv4");
    refused(SSLB_IPPORT, "", "address:port");
}

Test(endpoint, host_names_follow_dns_rules)
{
    char long_label[80], long_name[300];
    cr_assert_str_eq(fmt(SSLB_HOSTPORT, "xn--bcher-kva.example:443"), "xn--bcher-kva.example:443");
    cr_assert_str_eq(fmt(SSLB_HOSTPORT, "under_score.contoso.com:8443"), "under_score.contoso.com:8443");
    cr_assert_str_eq(fmt(SSLB_SCOPEDCCS, "Www.Contoso.com:443"), "www.contoso.com:443");
    refused(SSLB_HOSTPORT, "www..contoso.com:443", "empty label");
    refused(SSLB_HOSTPORT, "www.contoso.com.:443", "dot");
    refused(SSLB_HOSTPORT, ".contoso.com:443", "empty label");
    refused(SSLB_HOSTPORT, "*.contoso.com:443", "wildcard");
    refused(SSLB_HOSTPORT, "*:443", "wildcard"); /* the bare *, as http add sslcert hostnameport=*:443 */
    refused(SSLB_HOSTPORT,
            "b\xc3\xbc"
            "cher.example:443",
            "xn--");
    refused(SSLB_HOSTPORT, "www contoso:443", "character");
    refused(SSLB_HOSTPORT, ":443", "nothing");
    refused(SSLB_HOSTPORT, "www.contoso.com", "hostname:port");
    memset(long_label, 'a', 64);
    memcpy(long_label + 64, ".com:443", 9);
    refused(SSLB_HOSTPORT, long_label, "label longer than 63");
    for (int i = 0; i < 256; i += 2) memcpy(long_name + i, "a.", 2);
    memcpy(long_name + 255, ":443", 5); /* 255 characters */
    refused(SSLB_HOSTPORT, long_name, "at most 253");
}

Test(endpoint, label_of_63_and_name_of_253_are_fine)
{
    char name[300];
    memset(name, 'a', 63);
    memcpy(name + 63, ".com:443", 9);
    fmt(SSLB_HOSTPORT, name);
    for (int i = 0; i < 252; i += 2) memcpy(name + i, "a.", 2);
    memcpy(name + 252, "a:443", 6);
    fmt(SSLB_HOSTPORT, name);
}

Test(endpoint, ccs_key_is_a_port)
{
    cr_assert_str_eq(fmt(SSLB_CCS, "443"), "443");
    refused(SSLB_CCS, "0", "out of range");
    refused(SSLB_CCS, "x443", "decimal");
    refused(SSLB_CCS, "99999999999999999999", "out of range");
}

Test(endpoint, addr_parse_accepts_brackets_and_maps_v4)
{
    sslb_addr a;
    char buf[64];
    cr_assert_eq(sslb_addr_parse("[2001:db8::1]", &a, NULL), SSLB_OK);
    cr_assert_eq(a.family, 6);
    cr_assert_str_eq(sslb_addr_format(&a, buf, sizeof buf), "2001:db8::1");
    cr_assert_eq(sslb_addr_parse("::ffff:192.0.2.7", &a, NULL), SSLB_OK);
    cr_assert_eq(a.family, 4);
    cr_assert_str_eq(sslb_addr_format(&a, buf, sizeof buf), "192.0.2.7");
    cr_assert_eq(sslb_addr_parse("0.0.0.0", &a, NULL), SSLB_OK);
    cr_assert(sslb_addr_is_wildcard(&a));
    cr_assert_eq(sslb_addr_parse("[::1", &a, NULL), SSLB_EINVAL);
    cr_assert_eq(sslb_addr_parse("", &a, NULL), SSLB_EINVAL);
}

Test(endpoint, enumeration_order_is_kind_then_text_case_insensitive)
{
    sslb_key a, b, c, h;
    sslb_key_parse(SSLB_IPPORT, "10.0.0.1:443", &a, NULL);
    sslb_key_parse(SSLB_IPPORT, "9.0.0.1:443", &b, NULL);
    sslb_key_parse(SSLB_IPPORT, "[::1]:443", &c, NULL);
    sslb_key_parse(SSLB_HOSTPORT, "a.example:443", &h, NULL);
    cr_assert_lt(sslb_key_compare(&a, &b), 0); /* "10." < "9." as text */
    cr_assert_lt(sslb_key_compare(&b, &c), 0); /* "9" < "[" */
    cr_assert_lt(sslb_key_compare(&c, &h), 0); /* ipport before hostnameport */
    cr_assert_eq(sslb_key_compare(&h, &h), 0);
}
