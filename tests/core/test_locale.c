/* test_locale.c — the library under a Turkish locale. tolower(), isalnum() and strcasecmp()
 * follow the caller's locale: under tr_TR.UTF-8 "DISABLE" is not "disable" to strcasecmp, and
 * under tr_TR (ISO-8859-9) tolower('I') is the dotless ı. A program that calls setlocale() must
 * get the same answers from the library as one that does not. Each test runs under every
 * Turkish locale the machine has, and is skipped, saying so, where there is none (CI installs
 * locales-all). */
#include <criterion/criterion.h>
#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "helpers.h"
#include "files.h"
#include "sslb/certstore.h"
#include "sslb/param.h"
#include "sslb/store.h"

#define NO_LOCALE                                                                                                      \
    "no Turkish locale on this machine (apt-get install locales-all, or locale-gen tr_TR.UTF-8): the "                 \
    "library's independence from the locale was NOT tested"

static const char *const turkish[] = {"tr_TR.UTF-8", "tr_TR.utf8", "tr_TR.ISO-8859-9", "tr_TR"};

/* Calls fn under each Turkish locale found (one per encoding), then returns to "C". */
static void under_turkish(void (*fn)(const char *locale))
{
    int ran_utf8 = 0, ran_8bit = 0;

    for (size_t i = 0; i < sizeof turkish / sizeof turkish[0]; i++) {
        int utf8 = strstr(turkish[i], "tf") != NULL;
        if ((utf8 ? ran_utf8 : ran_8bit) || !setlocale(LC_ALL, turkish[i])) continue;
        /* the locale really changes the C library's answers, else the test proves nothing */
        cr_assert(strcasecmp("DISABLE", "disable") != 0 || tolower('I') != 'i', "%s: not Turkish", turkish[i]);
        fn(turkish[i]);
        *(utf8 ? &ran_utf8 : &ran_8bit) = 1;
    }
    setlocale(LC_ALL, "C");
    if (!ran_utf8 && !ran_8bit) {
        /* on standard error too: ctest shows the test as skipped (SKIP_REGULAR_EXPRESSION) */
        fprintf(stderr, "SKIPPED: %s\n", NO_LOCALE);
        cr_skip_test("%s", NO_LOCALE);
    }
}

static void words(const char *locale)
{
    cr_assert_eq(sslb_ascii_casecmp("WEBHOSTING", "webhosting"), 0, "%s", locale);
    cr_assert_eq(sslb_ascii_ncasecmp("SslBindingInfo", "SSLBINDINGINFO", 14), 0, "%s", locale);
    cr_assert_eq(sslb_ascii_lower('I'), 'i', "%s", locale);
    cr_assert_eq(sslb_ascii_lower(0xdd), 0xdd, "%s: only ASCII letters change", locale);
    cr_assert_neq(sslb_ascii_casecmp("\xc4\xb0", "i"), 0, "%s: İ is not i in a file format", locale);
}

Test(locale, enable_disable_and_names_compare_in_ascii)
{
    under_turkish(words);
}

static void keys(const char *locale)
{
    sslb_key k, l;
    char out[SSLB_KEYTEXT_MAX];

    cr_assert_eq(sslb_key_parse(SSLB_HOSTPORT, "WWW.ISTANBUL.COM.TR:443", &k, NULL), SSLB_OK, "%s", locale);
    cr_assert_str_eq(sslb_key_format(&k, out, sizeof out), "www.istanbul.com.tr:443", "%s", locale);
    cr_assert_eq(sslb_key_parse(SSLB_HOSTPORT, "www.istanbul.com.tr:443", &l, NULL), SSLB_OK);
    cr_assert(sslb_key_equal(&k, &l), "%s", locale);
    cr_assert_eq(sslb_key_compare(&k, &l), 0, "%s", locale);
    cr_assert_eq(sslb_key_parse(SSLB_HOSTPORT, "\xe9t\xe9.com:443", &k, NULL), SSLB_EINVAL,
                 "%s: a Latin-5 letter is no host name character", locale);
}

Test(locale, host_names_lower_case_in_ascii)
{
    under_turkish(keys);
}

/* A registry export in capitals, as a hand-edited file may be: key and value names compare
 * case-insensitively, in ASCII. */
static const char capitals[] =
    "Windows Registry Editor Version 5.00\n\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CURRENTCONTROLSET\\SERVICES\\HTTP\\PARAMETERS\\SSLBINDINGINFO\\10.0.0.1:443]\n"
    "\"SSLCERTHASH\"=HEX:11,11,11,11,11,11,11,11,11,11,11,11,11,11,11,11,11,11,11,11\n"
    "\"APPID\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\n"
    "\"SSLCERTSTORENAME\"=\"WebHosting\"\n"
    "\"DEFAULTSSLCERTCHECKMODE\"=DWORD:00000001\n"
    "\"DEFAULTFLAGS\"=DWORD:00000008\n\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CURRENTCONTROLSET\\SERVICES\\HTTP\\PARAMETERS\\SSLSNIBINDINGINFO\\WWW.ISTANBUL.COM."
    "TR:443]\n"
    "\"SSLCERTHASH\"=hex:22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22\n"
    "\"APPID\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\n";

static void registry(const char *locale)
{
    sslb_table *t;
    sslb_binding got;
    sslb_key k;
    sslb_diag d = {{0}};
    unsigned skipped = 99;

    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    cr_assert_eq(sslb_reg_parse(capitals, sizeof capitals - 1, "bindings.reg", t, &skipped, &d), SSLB_OK, "%s: %s",
                 locale, d.text);
    cr_assert_eq(skipped, 0, "%s: nothing unknown", locale);
    cr_assert_eq(sslb_table_count(t), 2, "%s", locale);
    sslb_key_parse(SSLB_IPPORT, "10.0.0.1:443", &k, NULL);
    cr_assert_eq(sslb_table_query(t, &k, &got), SSLB_OK);
    cr_assert_eq(got.params.flags, 8, "%s", locale);
    cr_assert_eq(got.params.check_mode, 1, "%s", locale);
    cr_assert_str_eq(got.params.store_name, "WebHosting");
    sslb_table_destroy(t);
}

Test(locale, registry_names_compare_in_ascii)
{
    under_turkish(registry);
}

/* The whole round: a change written and read back under the locale is the file "C" writes. */
static char expected[4096];

static void round_trip(const char *locale)
{
    char dir[] = "/tmp/sslb-locale-XXXXXX";
    sslb_table *t;
    sslb_store *s;
    sslb_binding b = mkbind(SSLB_HOSTPORT, "WWW.ISTANBUL.COM.TR:443", 0x1f);
    sslb_diag dg = {{0}};
    FILE *f;
    char text[4096];
    size_t n;

    b.params.store_name = "WEBHOSTING";
    b.params.flags = SSLB_FLAG_DISABLE_HTTP2;
    cr_assert(mkdtemp(dir));
    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    cr_assert_eq(sslb_store_open(dir, &s, NULL), SSLB_OK);
    cr_assert_eq(sslb_store_apply(s, t, SSLB_STORE_ADD, &b, &dg), SSLB_OK, "%s: %s", locale, dg.text);
    cr_assert(f = fopen(sslb_store_path(s), "r"));
    n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    if (!expected[0]) {
        memcpy(expected, text, n + 1);
    } else {
        cr_assert_str_eq(text, expected, "%s writes another file", locale);
    }
    cr_assert_eq(sslb_store_load(s, t, &dg), SSLB_OK, "%s: %s", locale, dg.text);
    cr_assert_eq(sslb_table_count(t), 1);
    sslb_store_close(s);
    sslb_table_destroy(t);
    scratch_remove(dir);
}

Test(locale, the_store_writes_and_reads_the_same_file)
{
    round_trip("C");
    under_turkish(round_trip);
}

/* Store names compare case-insensitively (MY = My = my): under tr_TR "WEBHOSTING" lower-cased
 * by tolower() was "webhosting" with a dotless ı, another directory, and the certificate was
 * not found (1312). */
static void stores(const char *locale)
{
    char dir[] = "/tmp/sslb-locale-XXXXXX";
    sslb_certstore *cs;
    sslb_certinfo info;
    sslb_diag d = {{0}};

    cr_assert(mkdtemp(dir));
    cr_assert_eq(sslb_certstore_open(dir, &cs, &d), SSLB_OK, "%s: %s", locale, d.text);
    cr_assert_eq(sslb_cert_create(cs, "WEBHOSTING", "www.istanbul.com.tr", NULL, 30, &info, &d), SSLB_OK, "%s: %s",
                 locale, d.text);
    cr_assert_eq(sslb_cert_check_usable(cs, "webhosting", info.thumb, &d), SSLB_OK, "%s: %s", locale, d.text);
    cr_assert_eq(sslb_cert_check_usable(cs, "WebHosting", info.thumb, &d), SSLB_OK, "%s: %s", locale, d.text);
    sslb_certstore_close(cs);
    scratch_remove(dir);
}

Test(locale, certificate_store_names_compare_in_ascii)
{
    under_turkish(stores);
}
