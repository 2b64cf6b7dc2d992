/* test_store.c — bindings.reg: format, round trip, Windows exports, damage, concurrency. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>

#include "helpers.h"
#include "sslb/store.h"

static char dir[64];
static sslb_table *t;
static sslb_store *s;

static void setup(void)
{
    snprintf(dir, sizeof dir, "%s", "/tmp/sslb-store-XXXXXX");
    cr_assert(mkdtemp(dir));
    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    cr_assert_eq(sslb_store_open(dir, &s, NULL), SSLB_OK);
}

static void teardown(void)
{
    char cmd[128];
    sslb_store_close(s);
    sslb_table_destroy(t);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(store, .init = setup, .fini = teardown);

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    cr_assert(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len) *len = (size_t)n;
    return buf;
}

static void spit(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert(f);
    cr_assert_eq(fwrite(buf, 1, len, f), len);
    fclose(f);
}

static void apply_ok(sslb_store_op op, const sslb_binding *b)
{
    sslb_diag d = {{0}};
    sslb_rc rc = sslb_store_apply(s, t, op, b, &d);
    cr_assert_eq(rc, SSLB_OK, "%s: %s %s", sslb_rcname(rc), d.text, sslb_store_detail(s));
}

static sslb_binding full_binding(void)
{
    sslb_binding b = mkbind(SSLB_IPPORT, "[2001:db8::1]:8443", 0);
    sslb_certhash_parse("40db5bb1bf5659a155258d1d007c530fcb8996c2", b.params.certhash, NULL);
    sslb_guid_parse("{4dc3e181-e14b-4a21-b022-59fc669b0914}", &b.params.appid, NULL);
    b.params.store_name = "Web \"Hosting\"\\x";
    b.params.ctl_identifier = "ctl id";
    b.params.ctl_store_name = "Root";
    b.params.check_mode = 0x10007;
    b.params.revocation_freshness_time = 86400;
    b.params.url_retrieval_timeout = 4294967295u;
    b.params.flags = 0xdfff;
    return b;
}

Test(store, writes_the_registry_export_format)
{
    sslb_binding b = mkbind(SSLB_IPPORT, "0.0.0.0:7048", 0);
    sslb_certhash_parse("40db5bb1bf5659a155258d1d007c530fcb8996c2", b.params.certhash, NULL);
    sslb_guid_parse("{4dc3e181-e14b-4a21-b022-59fc669b0914}", &b.params.appid, NULL);
    apply_ok(SSLB_STORE_ADD, &b);
    char *text = slurp(sslb_store_path(s), NULL);
    cr_assert_str_eq(text,
        "Windows Registry Editor Version 5.00\n"
        "\n"
        "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo]\n"
        "\n"
        "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:7048]\n"
        "\"SslCertHash\"=hex:40,db,5b,b1,bf,56,59,a1,55,25,8d,1d,00,7c,53,0f,cb,89,96,c2\n"
        "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\n"
        "\"DefaultSslCertCheckMode\"=dword:00000000\n"
        "\"DefaultSslRevocationFreshnessTime\"=dword:00000000\n"
        "\"DefaultSslRevocationUrlRetrievalTimeout\"=dword:00000000\n"
        "\"DefaultFlags\"=dword:00000000\n"
        "\n");
    free(text);
}

struct snapshot {
    char text[8192];
    size_t n;
};

static int snap(void *ctx, const sslb_binding *b)
{
    struct snapshot *sn = ctx;
    char k[SSLB_KEYTEXT_MAX], h[41] = "-", g[SSLB_GUID_TEXT];
    if (b->params.certhash_len) sslb_certhash_format(b->params.certhash, h);
    sn->n += (size_t)snprintf(sn->text + sn->n, sizeof sn->text - sn->n, "%d %s %s %s %s|%s|%s %x %u %u %x\n",
                              b->key.kind, sslb_key_format(&b->key, k, sizeof k), h,
                              sslb_guid_format(&b->params.appid, g),
                              b->params.store_name ? b->params.store_name : "(null)",
                              b->params.ctl_identifier ? b->params.ctl_identifier : "(null)",
                              b->params.ctl_store_name ? b->params.ctl_store_name : "(null)",
                              b->params.check_mode, b->params.revocation_freshness_time,
                              b->params.url_retrieval_timeout, b->params.flags);
    return 0;
}

Test(store, round_trip_keeps_every_field_of_every_kind)
{
    sslb_binding b = full_binding();
    struct snapshot before = {.n = 0}, after = {.n = 0};
    sslb_table *t2;
    sslb_store *s2;

    apply_ok(SSLB_STORE_ADD, &b);
    b = mkbind(SSLB_HOSTPORT, "www.contoso.com:443", 0x5a);
    b.params.store_name = "WebHosting";
    apply_ok(SSLB_STORE_ADD, &b);
    b = mkbind(SSLB_CCS, "443", 0x11);
    b.params.flags = SSLB_FLAG_REJECT;
    apply_ok(SSLB_STORE_ADD, &b);
    b = mkbind(SSLB_SCOPEDCCS, "shop.contoso.com:443", 0x22);
    apply_ok(SSLB_STORE_ADD, &b);
    b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 0x33);
    apply_ok(SSLB_STORE_ADD, &b);

    cr_assert_eq(sslb_table_create(&t2), SSLB_OK);
    cr_assert_eq(sslb_store_open(dir, &s2, NULL), SSLB_OK);
    cr_assert_eq(sslb_store_load(s2, t2), SSLB_OK, "%s", sslb_store_detail(s2));
    cr_assert_eq(sslb_store_skipped(s2), 0);
    sslb_table_foreach(t, snap, &before);
    sslb_table_foreach(t2, snap, &after);
    cr_assert_eq(sslb_table_count(t2), 5);
    cr_assert_str_eq(after.text, before.text);
    cr_assert(strstr(after.text, "Web \"Hosting\"\\x|ctl id|Root 10007 86400 4294967295 dfff"));
    sslb_store_close(s2);
    sslb_table_destroy(t2);
}

Test(store, update_and_delete_are_durable_and_checked)
{
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 1), got;
    sslb_table *t2;
    sslb_store *s2;
    char *before, *after;

    cr_assert_eq(sslb_store_apply(s, t, SSLB_STORE_UPDATE, &b, NULL), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_store_apply(s, t, SSLB_STORE_DELETE, &b, NULL), SSLB_ENOTFOUND);
    apply_ok(SSLB_STORE_ADD, &b);
    before = slurp(sslb_store_path(s), NULL);
    cr_assert_eq(sslb_store_apply(s, t, SSLB_STORE_ADD, &b, NULL), SSLB_EEXISTS);
    after = slurp(sslb_store_path(s), NULL);
    cr_assert_str_eq(before, after, "a failed add must not touch the file");
    free(before);
    free(after);
    b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 2);
    apply_ok(SSLB_STORE_UPDATE, &b);

    cr_assert_eq(sslb_table_create(&t2), SSLB_OK);
    cr_assert_eq(sslb_store_open(dir, &s2, NULL), SSLB_OK);
    cr_assert_eq(sslb_store_load(s2, t2), SSLB_OK);
    cr_assert_eq(sslb_table_query(t2, &b.key, &got), SSLB_OK);
    cr_assert_eq(got.params.certhash[0], 2);
    cr_assert_eq(sslb_table_count(t2), 1);
    apply_ok(SSLB_STORE_DELETE, &b);
    cr_assert_eq(sslb_store_refresh(s2, t2), SSLB_OK);
    cr_assert_eq(sslb_table_count(t2), 0, "refresh sees the other handle's delete");
    sslb_store_close(s2);
    sslb_table_destroy(t2);
}

Test(store, no_temporary_file_is_left_behind)
{
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 1);
    struct dirent *e;
    DIR *dp;
    apply_ok(SSLB_STORE_ADD, &b);
    cr_assert(dp = opendir(dir));
    while ((e = readdir(dp)))
        cr_assert_null(strstr(e->d_name, ".tmp"), "left behind: %s", e->d_name);
    closedir(dp);
}

Test(store, a_stale_handle_reloads_before_it_writes)
{
    sslb_table *t2;
    sslb_store *s2;
    sslb_binding a = mkbind(SSLB_IPPORT, "10.0.0.1:443", 1), b = mkbind(SSLB_IPPORT, "10.0.0.2:443", 2);

    cr_assert_eq(sslb_table_create(&t2), SSLB_OK);
    cr_assert_eq(sslb_store_open(dir, &s2, NULL), SSLB_OK);
    cr_assert_eq(sslb_store_load(s2, t2), SSLB_OK);
    apply_ok(SSLB_STORE_ADD, &a);
    cr_assert_eq(sslb_store_apply(s2, t2, SSLB_STORE_ADD, &b, NULL), SSLB_OK);
    cr_assert_eq(sslb_table_count(t2), 2, "the second handle saw the first one's add");
    cr_assert_eq(sslb_store_apply(s2, t2, SSLB_STORE_ADD, &a, NULL), SSLB_EEXISTS);
    sslb_store_close(s2);
    sslb_table_destroy(t2);
    cr_assert_eq(sslb_store_load(s, t), SSLB_OK);
    cr_assert_eq(sslb_table_count(t), 2);
}

/* A registry export as `reg export` writes it on Windows: UTF-16LE with BOM, CRLF, hex lists
 * continued with '\', values and keys sslbind does not know. */
static const char windows_export[] =
    "Windows Registry Editor Version 5.00\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]\r\n"
    "\"EnableNonSsl\"=dword:00000001\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo]\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443]\r\n"
    "\"SslCertHash\"=hex:40,db,5b,b1,bf,56,59,a1,55,25,8d,1d,00,7c,53,0f,cb,89,96,\\\r\n"
    "  c2\r\n"
    "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\r\n"
    "\"DefaultSslCertCheckMode\"=dword:00000000\r\n"
    "\"DefaultSslRevocationFreshnessTime\"=dword:00000000\r\n"
    "\"DefaultSslRevocationUrlRetrievalTimeout\"=dword:00000000\r\n"
    "\"SslCertStoreName\"=\"MY\"\r\n"
    "\"DefaultFlags\"=dword:00000000\r\n"
    "\"DefaultHttp2Settings\"=hex(3):01,02,\\\r\n"
    "  03\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\[::]:443]\r\n"
    "\"SslCertHash\"=hex:11,11,11,11,11,11,11,11,11,11,11,11,11,11,11,11,11,11,11,11\r\n"
    "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslSniBindingInfo\\Www.Contoso.com:443]\r\n"
    "\"SslCertHash\"=hex:22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22\r\n"
    "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\r\n"
    "\"SslCertStoreName\"=\"WebHosting\"\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\UrlAclInfo]\r\n"
    "\"http://+:80/Temporary_Listen_Addresses/\"=hex:01,00,04,80\r\n"
    "\r\n";

static size_t to_utf16le(const char *in, char *out)
{
    size_t n = 0;
    out[n++] = (char)0xff;
    out[n++] = (char)0xfe;
    for (; *in; in++) {
        out[n++] = *in;
        out[n++] = 0;
    }
    return n;
}

Test(store, loads_a_windows_utf16_export)
{
    char *buf = malloc(2 * sizeof windows_export + 2);
    size_t n = to_utf16le(windows_export, buf);
    sslb_binding got;
    sslb_key k;

    spit(sslb_store_path(s), buf, n);
    free(buf);
    cr_assert_eq(sslb_store_load(s, t), SSLB_OK, "%s", sslb_store_detail(s));
    cr_assert_eq(sslb_table_count(t), 3);
    /* unknown: EnableNonSsl value, DefaultHttp2Settings value, UrlAclInfo key */
    cr_assert_eq(sslb_store_skipped(s), 3);
    sslb_key_parse(SSLB_IPPORT, "0.0.0.0:443", &k, NULL);
    cr_assert_eq(sslb_table_query(t, &k, &got), SSLB_OK);
    cr_assert_eq(got.params.certhash[19], 0xc2, "the continued hex line was joined");
    cr_assert_str_eq(got.params.store_name, "MY");
    sslb_key_parse(SSLB_HOSTPORT, "www.contoso.com:443", &k, NULL);
    cr_assert_eq(sslb_table_query(t, &k, &got), SSLB_OK);
    cr_assert_str_eq(got.params.store_name, "WebHosting");
}

Test(store, loads_a_utf8_export_with_bom_and_crlf)
{
    char buf[sizeof windows_export + 3];
    memcpy(buf, "\xef\xbb\xbf", 3);
    memcpy(buf + 3, windows_export, sizeof windows_export - 1);
    spit(sslb_store_path(s), buf, sizeof windows_export + 2);
    cr_assert_eq(sslb_store_load(s, t), SSLB_OK, "%s", sslb_store_detail(s));
    cr_assert_eq(sslb_table_count(t), 3);
}

/* Writes `text` as bindings.reg and expects load and apply to refuse it naming `line`. */
static void refused_file(const char *text, size_t len, int line, const char *why)
{
    char want[64], *after;
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.9:443", 9);

    sslb_binding keep = mkbind(SSLB_IPPORT, "192.0.2.1:443", 1);
    sslb_table_add(t, &keep, NULL); /* in memory before: must survive the failed load */
    spit(sslb_store_path(s), text, len);
    cr_assert_eq(sslb_store_load(s, t), SSLB_ECORRUPT, "accepted: %s", why);
    snprintf(want, sizeof want, "bindings.reg:%d: ", line);
    cr_assert(strstr(sslb_store_detail(s), want), "'%s' lacks '%s'", sslb_store_detail(s), want);
    cr_assert(strstr(sslb_store_detail(s), why), "'%s' lacks '%s'", sslb_store_detail(s), why);
    cr_assert_eq(sslb_table_count(t), 1, "a failed load changes nothing");
    cr_assert_eq(sslb_store_apply(s, t, SSLB_STORE_ADD, &b, NULL), SSLB_ECORRUPT);
    after = slurp(sslb_store_path(s), NULL);
    cr_assert(memcmp(after, text, len) == 0, "a damaged file is never overwritten");
    free(after);
}

Test(store, truncated_file_is_refused_with_its_line)
{
    const char *cut = strstr(windows_export, ",59,a1");
    refused_file(windows_export, (size_t)(cut - windows_export), 9, "SslCertHash has 6 bytes");
}

Test(store, file_ending_inside_a_continued_value_is_refused)
{
    const char *cut = strstr(windows_export, "  c2");
    refused_file(windows_export, (size_t)(cut - windows_export), 9, "ends inside a continued value");
}

Test(store, damaged_files_are_refused_with_their_line)
{
    static const char head[] = "Windows Registry Editor Version 5.00\n\n"
                               "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\";
    char buf[1024];
    int n;

    refused_file("garbage\n", 8, 1, "not a registry export");
    n = snprintf(buf, sizeof buf, "%s10.0.0.1:443]\n\"AppId\"=hex:00\n", head);
    refused_file(buf, (size_t)n, 4, "AppId must be 16 bytes");
    n = snprintf(buf, sizeof buf, "%s10.0.0.1:99999]\n", head);
    refused_file(buf, (size_t)n, 3, "bad binding key");
    n = snprintf(buf, sizeof buf, "%s10.0.0.1:443]\n\"AppId\"=hex:%s\n", head,
                 "00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00");
    refused_file(buf, (size_t)n, 3, "no SslCertHash");
    n = snprintf(buf, sizeof buf, "%s10.0.0.1:443]\nthis is not a value\n", head);
    refused_file(buf, (size_t)n, 4, "expected a key");
    n = snprintf(buf, sizeof buf, "%s10.0.0.1:443]\n\"DefaultFlags\"=dword:12\n", head);
    refused_file(buf, (size_t)n, 4, "8 hex digits");
    n = snprintf(buf, sizeof buf, "%s10.0.0.1:443\n", head);
    refused_file(buf, (size_t)n, 3, "must end with ']'");
}

Test(store, ccs_bindings_are_keyed_as_windows_keys_them)
{
    static const char text[] =
        "Windows Registry Editor Version 5.00\n\n"
        "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslCcsBindingInfo\\0.0.0.0:443]\n"
        "\"AppId\"=hex:00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00\n";
    sslb_binding b = mkbind(SSLB_CCS, "8443", 1), got;
    char *written;

    spit(sslb_store_path(s), text, sizeof text - 1);
    cr_assert_eq(sslb_store_load(s, t), SSLB_OK, "%s", sslb_store_detail(s));
    b.key.port = 443;
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK, "0.0.0.0:443 is the CCS binding of port 443");
    b = mkbind(SSLB_CCS, "8443", 1);
    apply_ok(SSLB_STORE_ADD, &b);
    written = slurp(sslb_store_path(s), NULL);
    cr_assert(strstr(written, "\\SslCcsBindingInfo\\0.0.0.0:8443]\n"), "%s", written);
    cr_assert(strstr(written, "\\SslCcsBindingInfo\\0.0.0.0:443]\n"));
    free(written);
}

Test(store, a_ccs_key_with_a_real_address_is_refused)
{
    static const char text[] =
        "Windows Registry Editor Version 5.00\n\n"
        "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslCcsBindingInfo\\10.0.0.1:443]\n";
    refused_file(text, sizeof text - 1, 3, "a CCS binding's key is 0.0.0.0:<port>");
}

Test(store, a_binding_twice_is_refused)
{
    static const char text[] =
        "Windows Registry Editor Version 5.00\n\n"
        "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslCcsBindingInfo\\443]\n"
        "\"AppId\"=hex:00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00\n\n"
        "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslCcsBindingInfo\\0443]\n"
        "\"AppId\"=hex:00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00\n";
    refused_file(text, sizeof text - 1, 6, "appears twice");
}

Test(store, bad_utf16_is_refused)
{
    char buf[8] = {(char)0xff, (char)0xfe, 'W', 0, 0x00, (char)0xdc, 'x', 0};
    refused_file(buf, sizeof buf, 1, "invalid UTF-16");
}

Test(store, many_processes_adding_at_once_lose_nothing, .timeout = 120)
{
    enum { PROCS = 6, EACH = 15 };
    pid_t pids[PROCS];

    for (int p = 0; p < PROCS; p++) {
        if ((pids[p] = fork()) == 0) {
            sslb_table *ct;
            sslb_store *cs;
            int bad = 0;
            if (sslb_table_create(&ct) != SSLB_OK || sslb_store_open(dir, &cs, NULL) != SSLB_OK) _exit(2);
            for (int i = 0; i < EACH; i++) {
                char key[64];
                sslb_binding b;
                snprintf(key, sizeof key, "10.0.%d.%d:443", p, i + 1);
                b = mkbind(SSLB_IPPORT, key, (uint8_t)p);
                if (sslb_store_apply(cs, ct, SSLB_STORE_ADD, &b, NULL) != SSLB_OK) bad++;
            }
            _exit(bad ? 1 : 0);
        }
        cr_assert_gt(pids[p], 0);
    }
    for (int p = 0; p < PROCS; p++) {
        int st;
        cr_assert_eq(waitpid(pids[p], &st, 0), pids[p]);
        cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child %d failed", p);
    }
    cr_assert_eq(sslb_store_load(s, t), SSLB_OK, "%s", sslb_store_detail(s));
    cr_assert_eq(sslb_table_count(t), PROCS * EACH);
}

Test(store, a_writer_killed_at_any_moment_leaves_a_whole_table, .timeout = 120)
{
    /* A child adds and deletes bindings as fast as it can; it is killed (SIGKILL) at varied
     * moments. After each kill the file must load, and hold only whole bindings. */
    for (int round = 0; round < 25; round++) {
        pid_t pid = fork();
        cr_assert_geq(pid, 0);
        if (pid == 0) {
            sslb_table *ct;
            sslb_store *cs;
            if (sslb_table_create(&ct) != SSLB_OK || sslb_store_open(dir, &cs, NULL) != SSLB_OK) _exit(2);
            for (int i = 0;; i++) {
                char key[64];
                sslb_binding b;
                snprintf(key, sizeof key, "10.%d.%d.%d:443", round, (i / 250) % 250, i % 250 + 1);
                b = mkbind(SSLB_IPPORT, key, (uint8_t)i);
                sslb_store_apply(cs, ct, SSLB_STORE_ADD, &b, NULL);
                if (i % 3 == 2) sslb_store_apply(cs, ct, SSLB_STORE_DELETE, &b, NULL);
            }
        }
        usleep((useconds_t)(2000 + round * 1500));
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        cr_assert_eq(sslb_store_load(s, t), SSLB_OK, "round %d: %s", round, sslb_store_detail(s));
    }
    cr_assert_gt(sslb_table_count(t), 0, "the children did write");
    /* the next writer sweeps what the killed ones left */
    sslb_binding b = mkbind(SSLB_IPPORT, "192.0.2.1:443", 1);
    struct dirent *e;
    DIR *dp;
    apply_ok(SSLB_STORE_ADD, &b);
    cr_assert(dp = opendir(dir));
    while ((e = readdir(dp))) cr_assert_null(strstr(e->d_name, ".tmp."), "left behind: %s", e->d_name);
    closedir(dp);
}

Test(store, missing_file_is_an_empty_table)
{
    put(t, SSLB_IPPORT, "10.0.0.1:443", 1);
    cr_assert_eq(sslb_store_load(s, t), SSLB_OK);
    cr_assert_eq(sslb_table_count(t), 0);
}

Test(store, state_directory_is_created_private)
{
    char sub[128];
    struct stat st;
    sslb_store *s2;
    snprintf(sub, sizeof sub, "%s/a/b/state", dir);
    cr_assert_eq(sslb_store_open(sub, &s2, NULL), SSLB_OK);
    cr_assert_eq(stat(sub, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0700);
    sslb_store_close(s2);
}
