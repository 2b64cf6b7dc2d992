/* test_was.c — one server's view of the sites (WAS): bindingInformation as IIS Manager reads it,
 * live / foreign / invalid bindings, the addresses file, start and stop, and reconciliation
 * (sites.state) after a change, also for two servers sharing one configuration. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "sslb/apphost.h"
#include "../../core/src/apphost_int.h"
#include "../../core/src/sha256_int.h"

/* ---- bindingInformation ------------------------------------------------------------------------ */

static sslb_bindinfo parse_ok(const char *info)
{
    sslb_bindinfo bi;
    sslb_diag d = {{0}};
    sslb_rc rc = sslb_bindinfo_parse(info, &bi, &d);
    cr_assert_eq(rc, SSLB_OK, "%s: %s: %s", info, sslb_rcname(rc), d.text);
    return bi;
}

static void parse_bad(const char *info, const char *why)
{
    sslb_bindinfo bi;
    sslb_diag d = {{0}};
    cr_assert_eq(sslb_bindinfo_parse(info, &bi, &d), SSLB_EINVAL, "%s is invalid", info);
    cr_assert(d.text[0], "%s: a reason", info);
    if (why) cr_assert(strstr(d.text, why), "%s: '%s' does not say '%s'", info, d.text, why);
}

Test(bindinfo, valid_forms)
{
    sslb_bindinfo bi;
    sslb_addr a;

    bi = parse_ok("*:443:");
    cr_assert(bi.any_ip && bi.port == 443 && bi.host[0] == '\0');
    bi = parse_ok(":443:");
    cr_assert(bi.any_ip && bi.port == 443 && bi.host[0] == '\0');
    bi = parse_ok("10.0.0.1:443:www.contoso.com");
    cr_assert(!bi.any_ip && bi.port == 443);
    cr_assert_str_eq(bi.host, "www.contoso.com");
    cr_assert_eq(sslb_addr_parse("10.0.0.1", &a, NULL), SSLB_OK);
    cr_assert(bi.ip.family == 4 && memcmp(bi.ip.bytes, a.bytes, 16) == 0);
    bi = parse_ok("[2001:db8::1]:443:");
    cr_assert_eq(sslb_addr_parse("2001:db8::1", &a, NULL), SSLB_OK);
    cr_assert(!bi.any_ip && bi.ip.family == 6 && memcmp(bi.ip.bytes, a.bytes, 16) == 0 && bi.port == 443);
    bi = parse_ok("*:443:*.contoso.com");
    cr_assert_str_eq(bi.host, "*.contoso.com");
    bi = parse_ok("*:80:WWW.Contoso.COM");
    cr_assert_str_eq(bi.host, "www.contoso.com", "lower case");
    bi = parse_ok("*:65535:");
    cr_assert_eq(bi.port, 65535);
    bi = parse_ok("*:1:");
    cr_assert_eq(bi.port, 1);
}

Test(bindinfo, invalid_forms)
{
    parse_bad("10.10.10.1:www.contoso.com", "port"); /* the KB's typo: no port */
    parse_bad("*:0:", "port");
    parse_bad("*:70000:", "port");
    parse_bad("*:99999999999999999999:", "port");
    parse_bad("*::", "port");
    parse_bad("*:x:", "port");
    parse_bad("2001:db8::1:443:", "Invalid IP address.");
    parse_bad("999.1.1.1:443:", "Invalid IP address.");
    parse_bad("www.contoso.com:443:", "Invalid IP address.");
    parse_bad("*:443:bad host", NULL);
    parse_bad("*:443:*", NULL);
    parse_bad("", NULL);
    parse_bad("443", NULL);
    parse_bad("*:443", NULL);
    parse_bad("808:*", NULL);
}

/* A valid host name of n characters: labels of 63 'a' joined by '.' (never ending in '.'). */
static void long_name(char *out, size_t n)
{
    for (size_t i = 0; i < n; i++) out[i] = i % 64 == 63 ? '.' : 'a';
    if (n && out[n - 1] == '.') out[n - 1] = 'a';
    out[n] = '\0';
}

/* "*." and a name: the whole must fit SSLB_HOST_MAX (and never the buffer's end). */
Test(bindinfo, wildcard_host_length)
{
    char info[600], name[300];
    sslb_bindinfo bi;

    long_name(name, 251);
    snprintf(info, sizeof info, "*:443:*.%s", name);
    bi = parse_ok(info);
    cr_assert_eq(strlen(bi.host), 253);
    cr_assert_eq(bi.host[0], '*');
    long_name(name, 252);
    snprintf(info, sizeof info, "*:443:*.%s", name);
    parse_bad(info, NULL);
    long_name(name, 253); /* "*." + 253: host_parse alone would take the 253 and write past host[] */
    snprintf(info, sizeof info, "*:443:*.%s", name);
    parse_bad(info, NULL);
    snprintf(info, sizeof info, "*:443:%s", name); /* 253 without "*.": fine */
    bi = parse_ok(info);
    cr_assert_eq(strlen(bi.host), 253);
}

/* ---- a server and its configuration ------------------------------------------------------------ */

static char dir[64];

static void setup(void)
{
    scratch_make(dir, sizeof dir, "was");
}

static void teardown(void)
{
    scratch_remove(dir);
}

TestSuite(was, .init = setup, .fini = teardown);

/* Writes D/applicationHost.config holding these <site> elements. */
static void write_sites(const char *d, const char *sites)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/applicationHost.config", d);
    f = fopen(path, "wb");
    cr_assert(f);
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n    <system.applicationHost>\n"
            "        <sites>\n%s        </sites>\n    </system.applicationHost>\n</configuration>\n",
            sites);
    cr_assert_eq(fclose(f), 0);
}

static sslb_apphost *open_config(const char *d)
{
    sslb_apphost *ah = NULL;
    sslb_diag dg = {{0}};
    sslb_rc rc = sslb_apphost_open(d, NULL, &ah, &dg);
    cr_assert_eq(rc, SSLB_OK, "%s: %s", sslb_rcname(rc), dg.text);
    return ah;
}

static sslb_server *open_server(const char *d)
{
    sslb_server *s = NULL;
    sslb_diag dg = {{0}};
    cr_assert_eq(sslb_server_open(d, &s, &dg), SSLB_OK, "%s", dg.text);
    return s;
}

static void add_address(sslb_server *s, const char *ip)
{
    sslb_addr a;
    sslb_diag dg = {{0}};
    cr_assert_eq(sslb_addr_parse(ip, &a, NULL), SSLB_OK);
    cr_assert_eq(sslb_server_address_add(s, &a, &dg), SSLB_OK, "%s: %s", ip, dg.text);
}

/* What the notes of a reconcile said. */
struct notes {
    size_t n;
    uint32_t id[8];
    char prefix[8][300];
};

static void note(void *ctx, uint32_t id, const char *prefix)
{
    struct notes *ns = ctx;
    cr_assert_lt(ns->n, 8);
    ns->id[ns->n] = id;
    snprintf(ns->prefix[ns->n], sizeof ns->prefix[0], "%s", prefix);
    ns->n++;
}

static void reconcile(sslb_server *s, const sslb_apphost *ah, uint32_t edited, struct notes *ns)
{
    sslb_diag dg = {{0}};
    sslb_rc rc = sslb_was_reconcile(s, ah, edited, ns ? note : NULL, ns, &dg);
    cr_assert_eq(rc, SSLB_OK, "%s: %s", sslb_rcname(rc), dg.text);
}

/* That ns holds one note, of site id for prefix. */
static void assert_one_note(const struct notes *ns, uint32_t id, const char *prefix)
{
    cr_assert_eq(ns->n, 1);
    cr_assert_eq(ns->id[0], id);
    cr_assert_str_eq(ns->prefix[0], prefix);
}

static void assert_state(const char *d, const char *want)
{
    char path[512];
    char *got;
    snprintf(path, sizeof path, "%s/sites.state", d);
    got = slurp_maybe(path, NULL);
    cr_assert(got, "%s is missing", path);
    cr_assert_str_eq(got, want, "%s:\n%s\nwant:\n%s", path, got, want);
    free(got);
}

static size_t site_of(const sslb_apphost *ah, uint32_t id)
{
    long i = sslb_apphost_find_id(ah, id);
    cr_assert_geq(i, 0, "no site %u", id);
    return (size_t)i;
}

#define SITE(name, id, extra, bindings)                                                                                \
    "            <site name=\"" name "\" id=\"" #id "\"" extra ">\n                <bindings>\n" bindings              \
    "                </bindings>\n            </site>\n"
#define BIND(proto, info) "                    <binding protocol=\"" proto "\" bindingInformation=\"" info "\" />\n"

/* ---- liveness ---------------------------------------------------------------------------------- */

Test(was, liveness_of_bindings)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    sslb_bstatus st;

    add_address(s, "10.10.10.1");
    write_sites(dir, SITE("A", 2, "",
                          BIND("https", "10.10.10.1:443:") BIND("https", "*:443:") BIND("https", "10.10.10.3:443:")
                              BIND("http", "10.10.10.1:www.contoso.com") BIND("net.tcp", "808:*") BIND("http", ":80:")
                                  BIND("http", "127.0.0.1:80:") BIND("http", "[::1]:80:")
                                      BIND("HTTPS", "[2001:db8::1]:443:")));
    ah = open_config(dir);
    static const sslb_liveness want[] = {SSLB_LIVE, SSLB_LIVE, SSLB_FOREIGN, SSLB_INVALID, SSLB_OTHER,
                                         SSLB_LIVE, SSLB_LIVE, SSLB_LIVE,    SSLB_FOREIGN};
    cr_assert_eq(sslb_apphost_site(ah, 0)->nbindings, sizeof want / sizeof want[0]);
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        sslb_was_binding_status(s, ah, 0, k, &st);
        cr_assert_eq(st.live, want[k], "binding %zu (%s): %d, want %d", k, sslb_apphost_site(ah, 0)->bindings[k].info,
                     st.live, want[k]);
        cr_assert_eq(st.clash_site, 0);
        if (st.live == SSLB_INVALID) cr_assert(st.why[0], "an invalid binding says why");
    }
    sslb_was_binding_status(s, ah, 0, 0, &st);
    cr_assert_eq(st.bi.port, 443);
    sslb_was_binding_status(s, ah, 0, 99, &st);
    cr_assert_eq(st.live, SSLB_INVALID);
    sslb_was_binding_status(s, ah, 5, 0, &st);
    cr_assert_eq(st.live, SSLB_INVALID);
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

Test(was, addresses_file)
{
    sslb_server *s = open_server(dir), *again;
    sslb_addr a, lo;
    sslb_diag dg = {{0}};
    char path[512], *text;

    cr_assert_eq(sslb_server_address_count(s), 2);
    cr_assert_eq(sslb_addr_parse("127.0.0.1", &lo, NULL), SSLB_OK);
    cr_assert(sslb_server_owns(s, &lo));
    add_address(s, "10.10.10.1");
    add_address(s, "2001:db8::5");
    cr_assert_eq(sslb_addr_parse("10.10.10.1", &a, NULL), SSLB_OK);
    cr_assert_eq(sslb_server_address_add(s, &a, &dg), SSLB_EEXISTS);
    cr_assert_eq(sslb_server_address_add(s, &lo, &dg), SSLB_EEXISTS);
    cr_assert_eq(sslb_addr_parse("0.0.0.0", &a, NULL), SSLB_OK);
    cr_assert_eq(sslb_server_address_add(s, &a, &dg), SSLB_EINVAL);
    cr_assert_eq(sslb_server_address_delete(s, &lo, &dg), SSLB_EINVAL);
    snprintf(path, sizeof path, "%s/addresses", dir);
    text = slurp(path, NULL);
    cr_assert_str_eq(text, "10.10.10.1\n2001:db8::5\n");
    free(text);

    again = open_server(dir);
    cr_assert_eq(sslb_server_address_count(again), 4);
    cr_assert_eq(sslb_addr_parse("10.10.10.1", &a, NULL), SSLB_OK);
    cr_assert(sslb_server_owns(again, &a));
    cr_assert_eq(sslb_server_address_delete(again, &a, &dg), SSLB_OK, "%s", dg.text);
    cr_assert_eq(sslb_server_address_delete(again, &a, &dg), SSLB_ENOTFOUND);
    cr_assert(!sslb_server_owns(again, &a));
    text = slurp(path, NULL);
    cr_assert_str_eq(text, "2001:db8::5\n");
    free(text);
    sslb_server_close(again);
    sslb_server_close(s);
}

/* A NUL byte in addresses or sites.state refuses the file (read as text, the rest of the file
 * would be silently gone, and the next change would write it back without it); a message names
 * the line an editor shows, empty lines counted (fuzz review, findings 1 and 2). */
Test(was, server_files_nul_and_line_numbers)
{
    static const struct {
        const char *file, *text;
        size_t len;
        const char *where;
    } cases[] = {
        {"addresses", "10.0.0.1\n\0garbage\nnot-an-ip\n10.0.0.9\n", 37, "addresses:2: the line holds a NUL byte"},
        {"addresses", "10.0.0.1\n\n\r\nnot-an-ip\n", 22, "addresses:4: "},
        {"sites.state", "1 Started\n\n2 Stop\0ped\n", 22, "sites.state:3: "},
        {"sites.state", "1 Started\n\n\n2 Sometimes\n", 24, "sites.state:4: "},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[700], sub[600];
        sslb_server *s = NULL;
        sslb_diag dg = {{0}};
        snprintf(sub, sizeof sub, "%s/nul%zu", dir, i);
        cr_assert_eq(mkdir(sub, 0700), 0);
        snprintf(path, sizeof path, "%s/%s", sub, cases[i].file);
        FILE *f = fopen(path, "wb");
        cr_assert(f);
        cr_assert_eq(fwrite(cases[i].text, 1, cases[i].len, f), cases[i].len);
        fclose(f);
        cr_assert_eq(sslb_server_open(sub, &s, &dg), SSLB_ECORRUPT, "case %zu: %s", i, dg.text);
        cr_assert(strstr(dg.text, cases[i].where), "case %zu: %s", i, dg.text);
    }
    /* blank lines and CRLF line ends are still read */
    char sub[600], path[700];
    sslb_server *s = NULL;
    sslb_diag dg = {{0}};
    sslb_addr a;
    snprintf(sub, sizeof sub, "%s/crlf", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/addresses", sub);
    FILE *f = fopen(path, "wb");
    cr_assert(f);
    fputs("\r\n10.0.0.1\r\n\n# a comment\n10.0.0.9", f);
    fclose(f);
    cr_assert_eq(sslb_server_open(sub, &s, &dg), SSLB_OK, "%s", dg.text);
    cr_assert_eq(sslb_server_address_count(s), 4);
    cr_assert_eq(sslb_addr_parse("10.0.0.9", &a, NULL), SSLB_OK);
    cr_assert(sslb_server_owns(s, &a));
    sslb_server_close(s);
}

/* ---- start, stop, reconcile --------------------------------------------------------------------- */

Test(was, reconcile_starts_new_auto_start_sites)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    sslb_diag dg = {{0}};
    uint32_t other = 99;

    write_sites(dir, SITE("Default Web Site", 1, "", BIND("http", "*:80:"))
                         SITE("A", 2, " serverAutoStart=\"true\"", BIND("https", "*:443:a.example"))
                             SITE("B", 3, " serverAutoStart=\"false\"", BIND("https", "*:443:b.example")));
    ah = open_config(dir);
    cr_assert(!sslb_was_started(s, 1));
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "1 Started\n2 Started\n3 Stopped\n");
    cr_assert(sslb_was_started(s, 1) && sslb_was_started(s, 2) && !sslb_was_started(s, 3));

    /* a site with state is not auto-started again */
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "1 Started\n2 Started\n3 Stopped\n");

    /* start and stop by hand; both are idempotent */
    cr_assert_eq(sslb_was_start(s, ah, site_of(ah, 3), &other, &dg), SSLB_OK, "%s", dg.text);
    cr_assert_eq(other, 0);
    assert_state(dir, "1 Started\n2 Started\n3 Started\n");
    cr_assert_eq(sslb_was_start(s, ah, site_of(ah, 3), &other, &dg), SSLB_OK);
    cr_assert_eq(sslb_was_stop(s, ah, site_of(ah, 1), &dg), SSLB_OK);
    cr_assert_eq(sslb_was_stop(s, ah, site_of(ah, 1), &dg), SSLB_OK);
    assert_state(dir, "1 Stopped\n2 Started\n3 Started\n");
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "1 Stopped\n2 Started\n3 Started\n");
    cr_assert_eq(sslb_was_start(s, ah, 7, &other, &dg), SSLB_ENOTFOUND);

    /* another handle on the same directory reads the state */
    sslb_server *two = open_server(dir);
    cr_assert(!sslb_was_started(two, 1) && sslb_was_started(two, 3));
    sslb_server_close(two);

    /* WAS never writes the SSL table */
    char reg[512];
    snprintf(reg, sizeof reg, "%s/bindings.reg", dir);
    cr_assert_neq(access(reg, F_OK), 0);
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

Test(was, a_second_site_on_the_same_binding_cannot_start)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    sslb_diag dg = {{0}};
    uint32_t other = 0;
    sslb_bstatus st;

    write_sites(dir, SITE("www", 2, "", BIND("https", "*:443:www.contoso.com"))
                         SITE("www2", 3, "", BIND("http", "*:80:") BIND("https", ":443:WWW.Contoso.com")));
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "2 Started\n3 Stopped\n");

    cr_assert_eq(sslb_was_can_start(s, ah, 1, &other, &dg), SSLB_EEXISTS);
    cr_assert_eq(other, 2);
    other = 0;
    cr_assert_eq(sslb_was_start(s, ah, 1, &other, &dg), SSLB_EEXISTS);
    cr_assert_eq(other, 2);
    cr_assert(strstr(dg.text, ":443:WWW.Contoso.com"), "%s", dg.text);
    assert_state(dir, "2 Started\n3 Stopped\n");
    sslb_was_binding_status(s, ah, 1, 1, &st);
    cr_assert_eq(st.live, SSLB_LIVE);
    cr_assert_eq(st.clash_site, 2);
    sslb_was_binding_status(s, ah, 1, 0, &st);
    cr_assert_eq(st.clash_site, 0);
    /* the first site is not held back by a stopped one */
    sslb_was_binding_status(s, ah, 0, 0, &st);
    cr_assert_eq(st.clash_site, 0);

    /* once the first stops, the second can start; then the first cannot */
    cr_assert_eq(sslb_was_stop(s, ah, 0, &dg), SSLB_OK);
    cr_assert_eq(sslb_was_start(s, ah, 1, &other, &dg), SSLB_OK, "%s", dg.text);
    cr_assert_eq(sslb_was_start(s, ah, 0, &other, &dg), SSLB_EEXISTS);
    cr_assert_eq(other, 3);
    assert_state(dir, "2 Stopped\n3 Started\n");
    /* the status report's view of the sites (kept between calls) follows the new states */
    sslb_was_binding_status(s, ah, 1, 1, &st);
    cr_assert_eq(st.clash_site, 0);
    sslb_was_binding_status(s, ah, 0, 0, &st);
    cr_assert_eq(st.clash_site, 3);
    sslb_apphost_close(ah);
    /* and a changed configuration: www2's https binding moves to another host */
    write_sites(dir, SITE("www", 2, "", BIND("https", "*:443:www.contoso.com"))
                         SITE("www2", 3, "", BIND("http", "*:80:") BIND("https", ":443:shop.contoso.com")));
    ah = open_config(dir);
    sslb_was_binding_status(s, ah, 0, 0, &st);
    cr_assert_eq(st.clash_site, 0);
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

/* The report's view follows this server's addresses: a binding on an address the server gains
 * clashes with a started site's binding on the same address. */
Test(was, binding_status_follows_address_changes)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    sslb_bstatus st;

    write_sites(dir, SITE("a", 2, "", BIND("https", "10.1.1.1:443:")) SITE("b", 3, "", BIND("https", "10.1.1.1:443:"))
                         SITE("c", 4, "", BIND("https", "*:8443:")));
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    sslb_was_binding_status(s, ah, 2, 0, &st); /* a live binding: the view is built (10.1.1.1 foreign) */
    cr_assert_eq(st.live, SSLB_LIVE);
    cr_assert_eq(st.clash_site, 0);
    sslb_was_binding_status(s, ah, 1, 0, &st);
    cr_assert_eq(st.live, SSLB_FOREIGN);
    add_address(s, "10.1.1.1");
    sslb_was_binding_status(s, ah, 1, 0, &st);
    cr_assert_eq(st.live, SSLB_LIVE);
    cr_assert_eq(st.clash_site, 2, "the view was rebuilt: %u", st.clash_site);
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

Test(was, an_invalid_binding_cannot_start)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    sslb_diag dg = {{0}};
    uint32_t other = 99;

    write_sites(dir, SITE("kb", 2, "", BIND("http", "10.10.10.1:www.contoso.com"))
                         SITE("ok", 3, "", BIND("http", "*:80:") BIND("net.tcp", "808:*")));
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "2 Stopped\n3 Started\n");
    cr_assert_eq(sslb_was_start(s, ah, 0, &other, &dg), SSLB_EINVAL);
    cr_assert_eq(other, 0);
    cr_assert(strstr(dg.text, "10.10.10.1:www.contoso.com"), "%s", dg.text);
    cr_assert_eq(sslb_was_can_start(s, ah, 0, &other, &dg), SSLB_EINVAL);
    assert_state(dir, "2 Stopped\n3 Started\n");
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

struct set_info {
    uint32_t id;
    const char *info;
};

static sslb_rc set_first_binding(sslb_apphost *ah, void *ctx, sslb_diag *d)
{
    const struct set_info *si = ctx;
    long i = sslb_apphost_find_id(ah, si->id);
    if (i < 0) return sslb_diagf(d, SSLB_ENOTFOUND, "no site");
    return sslb_apphost_binding_set(ah, (size_t)i, 0, "bindingInformation", si->info, d);
}

static void set_binding(sslb_apphost *ah, uint32_t id, const char *info)
{
    struct set_info si = {id, info};
    sslb_diag dg = {{0}};
    cr_assert_eq(sslb_apphost_change(ah, set_first_binding, &si, &dg), SSLB_OK, "%s", dg.text);
}

#define TWO_SITES                                                                                                      \
    SITE("www", 2, "", BIND("https", "*:443:www.contoso.com"))                                                         \
    SITE("shop", 3, "", BIND("https", "*:443:shop.contoso.com"))

/* The config of TWO_SITES, opened, reconciled once (both start) with its notes in ns (NULL: none). */
static sslb_apphost *two_sites(sslb_server *s, struct notes *ns)
{
    sslb_apphost *ah;
    write_sites(dir, TWO_SITES);
    ah = open_config(dir);
    reconcile(s, ah, 0, ns);
    return ah;
}

Test(was, an_edit_that_clashes_stops_the_edited_site)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    struct notes ns = {0};

    ah = two_sites(s, &ns);
    assert_state(dir, "2 Started\n3 Started\n");
    cr_assert_eq(ns.n, 0);

    set_binding(ah, 3, "*:443:www.contoso.com");
    reconcile(s, ah, 3, &ns);
    assert_one_note(&ns, 3, "https://www.contoso.com:443/");
    assert_state(dir, "2 Started\n3 Stopped\n");
    cr_assert(sslb_was_started(s, 2) && !sslb_was_started(s, 3));

    /* nothing more to do: no note */
    ns.n = 0;
    reconcile(s, ah, 3, &ns);
    cr_assert_eq(ns.n, 0);
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

Test(was, the_edited_site_loses_even_when_it_comes_first)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    struct notes ns = {0};

    ah = two_sites(s, NULL);
    set_binding(ah, 2, "*:443:SHOP.contoso.com");
    reconcile(s, ah, 2, &ns);
    assert_one_note(&ns, 2, "https://shop.contoso.com:443/");
    assert_state(dir, "2 Stopped\n3 Started\n");
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

Test(was, without_an_edited_site_the_later_one_loses)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah, *other;
    struct notes ns = {0};
    sslb_diag dg = {{0}};

    ah = two_sites(s, NULL);
    /* another server edited the shared file: this one reconciles at its start, no edited site */
    other = open_config(dir);
    set_binding(other, 2, "*:443:shop.contoso.com");
    sslb_apphost_close(other);
    cr_assert_eq(sslb_apphost_refresh(ah, &dg), SSLB_OK, "%s", dg.text);
    reconcile(s, ah, 0, &ns);
    assert_one_note(&ns, 3, "https://shop.contoso.com:443/");
    assert_state(dir, "2 Started\n3 Stopped\n");
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

Test(was, an_edit_to_an_invalid_binding_stops_the_site)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    struct notes ns = {0};

    ah = two_sites(s, NULL);
    set_binding(ah, 3, "*:99999:shop.contoso.com");
    reconcile(s, ah, 3, &ns);
    cr_assert_eq(ns.n, 0); /* no W3SVC line: the front end's own note names the invalid binding */
    assert_state(dir, "2 Started\n3 Stopped\n");
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

Test(was, foreign_bindings_never_clash)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    sslb_bstatus st;
    struct notes ns = {0};

    add_address(s, "10.10.10.1");
    write_sites(dir, SITE("Site1", 2, "", BIND("https", "10.10.10.1:443:") BIND("https", "10.10.10.3:443:"))
                         SITE("Site2", 3, "", BIND("https", "10.10.10.3:443:") BIND("https", "10.10.10.4:443:"))
                             SITE("Site3", 4, "", BIND("https", "10.10.10.1:443:x.example")));
    ah = open_config(dir);
    reconcile(s, ah, 0, &ns);
    assert_state(dir, "2 Started\n3 Started\n4 Started\n");
    cr_assert_eq(ns.n, 0);
    sslb_was_binding_status(s, ah, 1, 0, &st);
    cr_assert_eq(st.live, SSLB_FOREIGN);
    cr_assert_eq(st.clash_site, 0);
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

Test(was, http_and_https_on_one_endpoint_clash)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    sslb_diag dg = {{0}};
    uint32_t other = 0;

    add_address(s, "10.0.0.1");
    write_sites(dir, SITE("plain", 2, "", BIND("http", "*:8080:x.example"))
                         SITE("tls", 3, "", BIND("https", "*:8080:X.example"))
                             SITE("ip", 4, "", BIND("https", "10.0.0.1:8080:x.example"))
                                 SITE("port", 5, "", BIND("https", "*:8443:x.example"))
                                     SITE("host", 6, "", BIND("https", "*:8080:y.example"))
                                         SITE("nohost", 7, "", BIND("https", "*:8080:")));
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "2 Started\n3 Stopped\n4 Started\n5 Started\n6 Started\n7 Started\n");
    cr_assert_eq(sslb_was_start(s, ah, 1, &other, &dg), SSLB_EEXISTS);
    cr_assert_eq(other, 2);
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

Test(was, sites_state_forgets_deleted_sites)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    sslb_diag dg = {{0}};

    write_sites(dir, TWO_SITES SITE("third", 4, " serverAutoStart=\"false\"", BIND("http", "*:80:")));
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "2 Started\n3 Started\n4 Stopped\n");
    sslb_apphost_close(ah);
    write_sites(dir, SITE("shop", 3, "", BIND("https", "*:443:shop.contoso.com")));
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "3 Started\n");
    cr_assert(!sslb_was_started(s, 2));
    /* a new site with an old id is new: serverAutoStart decides again */
    sslb_apphost_close(ah);
    write_sites(dir, SITE("shop", 3, "", BIND("https", "*:443:shop.contoso.com"))
                         SITE("again", 2, "", BIND("http", "*:81:")));
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "3 Started\n2 Started\n");
    cr_assert_eq(sslb_was_stop(s, ah, 0, &dg), SSLB_OK);
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

Test(was, a_damaged_sites_state_is_corrupt)
{
    char path[512];
    sslb_server *s = NULL;
    sslb_diag dg = {{0}};
    FILE *f;

    snprintf(path, sizeof path, "%s/sites.state", dir);
    f = fopen(path, "w");
    cr_assert(f);
    fputs("2 Started\n3 Running\n", f);
    fclose(f);
    cr_assert_eq(sslb_server_open(dir, &s, &dg), SSLB_ECORRUPT);
    cr_assert(strstr(dg.text, ":2"), "%s", dg.text);
    cr_assert_eq(s, NULL);
}

/* A FIFO (or a device) where this server's files are is refused at once, never waited on, and
 * the refusal says what it is rather than "Invalid argument". */
Test(was, a_fifo_for_a_server_file_is_refused_and_named)
{
    static const char *const files[] = {"sites.state", "addresses", "sites.state.next"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[512];
        sslb_server *s = NULL;
        sslb_diag dg = {{0}};
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        cr_assert_eq(mkfifo(path, 0600), 0, "%s", path);
        cr_assert_neq(sslb_server_open(dir, &s, &dg), SSLB_OK, "%s", files[i]);
        cr_assert(strstr(dg.text, files[i]) && strstr(dg.text, "not a regular file (a FIFO"), "%s: %s", files[i],
                  dg.text);
        cr_assert_eq(s, NULL);
        cr_assert_eq(unlink(path), 0);
    }
}

Test(was, a_sites_state_listing_an_id_twice_is_corrupt)
{
    char path[512];
    sslb_server *s = NULL;
    sslb_diag dg = {{0}};

    snprintf(path, sizeof path, "%s/sites.state", dir);
    spit(path, "2 Started\n3 Stopped\n2 Stopped\n", strlen("2 Started\n3 Stopped\n2 Stopped\n"));
    cr_assert_eq(sslb_server_open(dir, &s, &dg), SSLB_ECORRUPT);
    cr_assert(strstr(dg.text, ":3: site 2 is listed twice"), "%s", dg.text);
    cr_assert_eq(s, NULL);
}

/* appcmd refuses /id:0, and sites.state cannot hold it: a file with id="0" is a config error at
 * the site's line, and nothing is written. The state sslbind writes it reads back, also for many
 * sites (the index by id grows past its first size). */
Test(was, a_site_id_zero_is_a_config_error_and_the_state_reads_back)
{
    char path[512], sites[160 * 200 + 1] = "";
    sslb_apphost *ah = NULL;
    sslb_server *s = open_server(dir);
    sslb_diag dg = {{0}};

    write_sites(dir, SITE("one", 1, "", BIND("http", "*:80:")) "            <site name=\"S\" id=\"0\" />\n");
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &dg), SSLB_ECORRUPT);
    cr_assert(strstr(dg.text, "'0'") && strstr(dg.text, "'id'"), "%s", dg.text);
    cr_assert_eq(sslb_apphost_error_line(ah), 10);
    sslb_apphost_close(ah);
    snprintf(path, sizeof path, "%s/sites.state", dir);
    cr_assert_neq(access(path, F_OK), 0);

    for (int i = 1; i <= 200; i++)
        snprintf(sites + strlen(sites), sizeof sites - strlen(sites),
                 "<site name=\"s%d\" id=\"%d\"><bindings><binding protocol=\"http\" bindingInformation=\"*:%d:\" "
                 "/></bindings></site>\n",
                 i, i * 7919, 1000 + i);
    write_sites(dir, sites);
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    sslb_server_close(s);
    s = open_server(dir);
    for (int i = 1; i <= 200; i++) cr_assert(sslb_was_started(s, (uint32_t)(i * 7919)), "site %d", i * 7919);
    cr_assert(!sslb_was_started(s, 7918));
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

/* Many sites: reconciliation looks endpoints up (IP or any, port, host in any case) instead of
 * comparing every pair; the same sites lose as before. 20 000 sites took minutes when the check
 * was quadratic (the timeout is generous: a loaded machine must not fail it). */
Test(was, many_sites_reconcile_by_endpoint, .timeout = 120)
{
    enum { N = 20000 };
    char path[512];
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    struct notes ns = {0};
    FILE *f;

    snprintf(path, sizeof path, "%s/applicationHost.config", dir);
    f = fopen(path, "wb");
    cr_assert(f);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n<system.applicationHost>\n<sites>\n", f);
    for (int i = 1; i <= N; i++)
        fprintf(f,
                "<site name=\"s%d\" id=\"%d\"><bindings><binding protocol=\"http\" "
                "bindingInformation=\"*:80:h%d.example\" />"
                "</bindings></site>\n",
                i, i, i);
    /* the same endpoint as site 7 (host in another case, https): a clash; 10.9.9.9 is foreign,
     * and *:80: without a host is another endpoint */
    fprintf(
        f,
        "<site name=\"late\" id=\"%d\"><bindings><binding protocol=\"https\" bindingInformation=\"*:80:H7.Example\" />"
        "<binding protocol=\"http\" bindingInformation=\"*:80:\" /></bindings></site>\n",
        N + 1);
    fprintf(f,
            "<site name=\"other\" id=\"%d\"><bindings><binding protocol=\"http\" "
            "bindingInformation=\"10.9.9.9:80:h8.example\" />"
            "</bindings></site>\n",
            N + 2);
    fputs("</sites>\n</system.applicationHost>\n</configuration>\n", f);
    cr_assert_eq(fclose(f), 0);
    ah = open_config(dir);
    cr_assert_eq(sslb_apphost_count(ah), N + 2);
    reconcile(s, ah, 0, &ns);
    assert_one_note(&ns, N + 1, "https://h7.example:80/");
    cr_assert(sslb_was_started(s, 7) && !sslb_was_started(s, N + 1) && sslb_was_started(s, N + 2));
    cr_assert(sslb_was_started(s, 1) && sslb_was_started(s, N));
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

static sslb_rc delete_site(sslb_apphost *ah, void *ctx, sslb_diag *d)
{
    long i = sslb_apphost_find_id(ah, *(const uint32_t *)ctx);
    if (i < 0) return sslb_diagf(d, SSLB_ENOTFOUND, "no site");
    return sslb_apphost_site_delete(ah, (size_t)i, d);
}

/* Two servers (state directories A and B) with one shared configuration. */
Test(was, two_servers_share_one_config_and_keep_their_own_state)
{
    char a[128], b[128], farm[128], path[512];
    sslb_server *sa, *sb;
    sslb_apphost *ha, *hb;
    sslb_diag dg = {{0}};
    struct notes ns = {0};
    sslb_bstatus st;

    snprintf(a, sizeof a, "%s/A", dir);
    snprintf(b, sizeof b, "%s/B", dir);
    snprintf(farm, sizeof farm, "%s/farm", dir);
    cr_assert_eq(mkdir(a, 0700), 0);
    cr_assert_eq(mkdir(b, 0700), 0);
    cr_assert_eq(mkdir(farm, 0700), 0);
    sa = open_server(a);
    sb = open_server(b);
    add_address(sa, "10.10.10.1");
    add_address(sa, "10.10.10.2");
    add_address(sb, "10.10.10.3");
    add_address(sb, "10.10.10.4");
    write_sites(farm, SITE("Site1", 2, "", BIND("https", "10.10.10.1:443:") BIND("https", "10.10.10.3:443:"))
                          SITE("Site2", 3, "", BIND("https", "10.10.10.1:443:")));
    cr_assert_eq(sslb_server_shared_enable(sa, farm, 0, NULL, NULL, &dg), SSLB_OK, "%s", dg.text);
    cr_assert_eq(sslb_server_shared_enable(sb, farm, 0, NULL, NULL, &dg), SSLB_OK, "%s", dg.text);
    ha = open_config(a);
    hb = open_config(b);
    snprintf(path, sizeof path, "%s/applicationHost.config", farm);
    cr_assert_str_eq(sslb_apphost_path(ha), path);
    cr_assert_str_eq(sslb_apphost_path(hb), path);

    /* on A, Site2's only binding clashes with Site1's; on B it is foreign and Site2 starts */
    reconcile(sa, ha, 0, &ns);
    reconcile(sb, hb, 0, &ns);
    assert_state(a, "2 Started\n3 Stopped\n");
    assert_state(b, "2 Started\n3 Started\n");
    sslb_was_binding_status(sa, ha, 0, 1, &st);
    cr_assert_eq(st.live, SSLB_FOREIGN);
    sslb_was_binding_status(sb, hb, 0, 0, &st);
    cr_assert_eq(st.live, SSLB_FOREIGN);

    /* stopping on A leaves B alone */
    cr_assert_eq(sslb_was_stop(sa, ha, 0, &dg), SSLB_OK);
    assert_state(a, "2 Stopped\n3 Stopped\n");
    assert_state(b, "2 Started\n3 Started\n");
    cr_assert(sslb_was_started(sb, 2));

    /* B deletes Site2 in the shared file; each server forgets it on its own reconcile */
    uint32_t gone = 3;
    cr_assert_eq(sslb_apphost_change(hb, delete_site, &gone, &dg), SSLB_OK, "%s", dg.text);
    reconcile(sb, hb, 3, &ns);
    assert_state(b, "2 Started\n");
    assert_state(a, "2 Stopped\n3 Stopped\n");
    cr_assert_eq(sslb_apphost_refresh(ha, &dg), SSLB_OK);
    reconcile(sa, ha, 0, &ns);
    assert_state(a, "2 Stopped\n");
    /* one note in all: on A, Site2 could not start (W3SVC's words name its binding) */
    assert_one_note(&ns, 3, "https://*:443/");
    sslb_apphost_close(ha);
    sslb_apphost_close(hb);
    sslb_server_close(sa);
    sslb_server_close(sb);
}

/* A site without an http or https binding is not W3SVC's (MWA's Site.State throws 0x800710D8 for
 * it): it is never started, keeps no sites.state line, and neither start nor stop changes
 * anything. When it gets a binding it is a new site, which serverAutoStart starts; when it loses
 * its last one its line goes. A site whose bindings are all foreign starts (they are ignored here). */
Test(was, a_site_without_an_http_binding_is_not_w3svcs)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    sslb_diag dg = {{0}};
    uint32_t other = 99;

    write_sites(dir,
                SITE("Default Web Site", 1, "",
                     BIND("http", "*:80:")) SITE("Empty", 4, "", "") SITE("Tcp", 5, "", BIND("net.tcp", "808:*"))
                    SITE("Far", 6, "", BIND("https", "10.9.9.9:443:")) "            <site name=\"Bare\" id=\"7\" />\n");
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "1 Started\n6 Started\n");
    for (uint32_t id = 4; id <= 7; id++) {
        if (id == 6) continue;
        cr_assert(!sslb_was_started(s, id));
        dg.text[0] = '\0';
        cr_assert_eq(sslb_was_can_start(s, ah, site_of(ah, id), &other, &dg), SSLB_ENOTFOUND, "site %u", id);
        cr_assert(strstr(dg.text, "no http or https binding"), "%s", dg.text);
        cr_assert_eq(sslb_was_start(s, ah, site_of(ah, id), &other, &dg), SSLB_ENOTFOUND);
        cr_assert_eq(sslb_was_stop(s, ah, site_of(ah, id), &dg), SSLB_ENOTFOUND);
    }
    assert_state(dir, "1 Started\n6 Started\n");
    cr_assert_eq(sslb_was_stop(s, ah, site_of(ah, 6), &dg), SSLB_OK, "%s", dg.text);
    cr_assert_eq(sslb_was_start(s, ah, site_of(ah, 6), &other, &dg), SSLB_OK, "%s", dg.text);
    sslb_apphost_close(ah);

    /* Empty gets a binding: a new site to W3SVC, started; Far loses its only one: forgotten */
    write_sites(dir, SITE("Default Web Site", 1, "", BIND("http", "*:80:")) SITE("Empty", 4, "", BIND("http", "*:81:"))
                         SITE("Tcp", 5, "", BIND("net.tcp", "808:*")) SITE("Far", 6, "", ""));
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "1 Started\n4 Started\n");
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

/* WAS reads a site's effective bindings: those it inherits from <siteDefaults> clash like its own,
 * make a site without a <bindings> of its own W3SVC's, and a <clear /> drops them. */
#define DEFAULTS_8000                                                                                                  \
    "            <siteDefaults>\n                <bindings>\n    " BIND(                                               \
        "http", "*:8000:") "                </bindings>\n            </siteDefaults>\n"
#define CLEARED_8001 "                    <clear />\n" BIND("http", "*:8001:")

Test(was, inherited_site_defaults_bindings_count)
{
    sslb_server *s = open_server(dir);
    sslb_apphost *ah;
    sslb_bstatus st;

    write_sites(dir, "            <site name=\"A\" id=\"1\" />\n"
                     "            <site name=\"B\" id=\"2\" />\n" SITE("C", 3, "", CLEARED_8001) DEFAULTS_8000);
    ah = open_config(dir);
    reconcile(s, ah, 0, NULL);
    assert_state(dir, "1 Started\n2 Stopped\n3 Started\n");
    sslb_was_binding_status(s, ah, site_of(ah, 2), 0, &st);
    cr_assert_eq(st.live, SSLB_LIVE);
    cr_assert_eq(st.clash_site, 1);
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

/* ---- sites.state follows sites, not ids ---------------------------------------------------------- */

/* Every old state is read before any is written: a swap, a chain, a site gone, a new one. */
Test(was, follow_moves_states_with_their_sites)
{
    char path[512];
    sslb_diag dg = {{0}};
    FILE *f;
    snprintf(path, sizeof path, "%s/sites.state", dir);
    f = fopen(path, "w");
    cr_assert(f);
    fputs("2 Started\n3 Stopped\n4 Started\n5 Stopped\n9 Started\n", f);
    cr_assert_eq(fclose(f), 0);
    sslb_server *s = open_server(dir);
    /* 2 <-> 3 swapped, 4 deleted and a new site takes 4, 5 gone, 6 new */
    const uint32_t from[] = {2, 3, 4, 0, 5, 0}, to[] = {3, 2, 0, 4, 0, 6};
    cr_assert_eq(sslb_was_follow(s, 6, from, to, &dg), SSLB_OK, "%s", dg.text);
    assert_state(dir, "9 Started\n3 Started\n2 Stopped\n");
    cr_assert(sslb_was_started(s, 3) && !sslb_was_started(s, 2) && !sslb_was_started(s, 4));
    sslb_server_close(s);
}

/* ---- a switch of configuration: redirection.config and the states it moves, one change --------- */

static void put(const char *d, const char *name, const char *text)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", d, name);
    f = fopen(path, "wb");
    cr_assert(f, "%s", path);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

static int exists(const char *d, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", d, name);
    return access(path, F_OK) == 0;
}

#define REDIR_ON                                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n    <configurationRedirection enabled=\"true\" "     \
    "path=\"/farm\" />\n</configuration>\n"
#define REDIR_OFF                                                                                                      \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n    <configurationRedirection enabled=\"false\" "    \
    "path=\"/farm\" />\n</configuration>\n"

/* dir/farm made, and dir's redirection.config enabling it as the shared directory; farm (n
 * bytes) receives its path. */
static void redirect_to_farm(char *farm, size_t n)
{
    char redir[1024];
    snprintf(farm, n, "%s/farm", dir);
    cr_assert_eq(mkdir(farm, 0700), 0);
    snprintf(redir, sizeof redir,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n    <configurationRedirection "
             "enabled=\"true\" path=\"%s\" />\n</configuration>\n",
             farm);
    put(dir, "redirection.config", redir);
}

/* sites.state.next: "after FILE <SHA-256 of text>", states, "end" (trailer: 0 leaves it off). */
static void put_next(const char *d, const char *file, const char *text, const char *states, int trailer)
{
    uint8_t h[SSLB__SHA256_LEN];
    char hex[2 * SSLB__SHA256_LEN + 1], all[1024];
    sslb__sha256(text, strlen(text), h);
    for (size_t i = 0; i < sizeof h; i++) snprintf(hex + 2 * i, 3, "%02x", h[i]);
    snprintf(all, sizeof all, "after %s %s\n%s%s", file, hex, states, trailer ? "end\n" : "");
    put(d, "sites.state.next", all);
}

/* A switch killed after redirection.config: its states are the ones, for readers at once and in
 * sites.state at the next change (which removes sites.state.next). */
Test(was, a_switch_killed_after_redirection_is_finished)
{
    sslb_addr a;
    sslb_diag dg = {{0}};

    put(dir, "redirection.config", REDIR_ON);
    put(dir, "sites.state", "2 Started\n3 Stopped\n");
    put_next(dir, "redirection.config", REDIR_ON, "3 Started\n2 Stopped\n", 1);
    sslb_server *s = open_server(dir);
    cr_assert(sslb_was_started(s, 3) && !sslb_was_started(s, 2), "a reader takes the switch's states");
    assert_state(dir, "2 Started\n3 Stopped\n"); /* a reader changes nothing */
    cr_assert(exists(dir, "sites.state.next"));
    cr_assert_eq(sslb_addr_parse("10.0.0.9", &a, NULL), SSLB_OK);
    cr_assert_eq(sslb_server_address_add(s, &a, &dg), SSLB_OK, "%s", dg.text);
    assert_state(dir, "3 Started\n2 Stopped\n");
    cr_assert(!exists(dir, "sites.state.next"), "finished: the file goes");
    cr_assert(sslb_was_started(s, 3) && !sslb_was_started(s, 2));
    sslb_server_close(s);
}

/* Killed before redirection.config (it holds another text), or while sites.state.next was written
 * (no "end"), or a file no change writes (by hand: its hash right, but "end" glued to a state line
 * or other spaces in its first line): the change was not made; the file goes at the next change,
 * sites.state untouched. */
Test(was, a_switch_killed_before_redirection_is_dropped)
{
    sslb_addr a;
    sslb_diag dg = {{0}};

    cr_assert_eq(sslb_addr_parse("10.0.0.9", &a, NULL), SSLB_OK);
    put(dir, "redirection.config", REDIR_OFF);
    put(dir, "sites.state", "2 Started\n3 Stopped\n");
    for (int i = 0; i < 9; i++) {
        if (i == 0) put_next(dir, "redirection.config", REDIR_ON, "3 Started\n2 Stopped\n", 1);
        else if (i == 1) put_next(dir, "redirection.config", REDIR_OFF, "3 Started\n2 Stopped\n", 0);
        else if (i == 2) put_next(dir, "bindings.reg", REDIR_OFF, "3 Started\n", 1);
        else if (i == 3) put(dir, "sites.state.next", "");
        else if (i == 4) put(dir, "sites.state.next", "after redirection.config 00\nend\n");
        else if (i == 5) put(dir, "sites.state.next", "end\n");
        else if (i == 6) put_next(dir, "redirection.config", REDIR_OFF, "3 Started\n2 Stoppedend\n", 0);
        else put_next(dir, i == 7 ? " redirection.config" : "\tredirection.config", REDIR_OFF, "3 Started\n", 1);
        sslb_server *s = open_server(dir);
        cr_assert(sslb_was_started(s, 2) && !sslb_was_started(s, 3), "case %d: sites.state's states", i);
        cr_assert_eq(i % 2 ? sslb_server_address_delete(s, &a, &dg) : sslb_server_address_add(s, &a, &dg), SSLB_OK,
                     "case %d: %s", i, dg.text);
        cr_assert(!exists(dir, "sites.state.next"), "case %d: dropped, the file goes", i);
        assert_state(dir, "2 Started\n3 Stopped\n");
        sslb_server_close(s);
    }
}

/* A switch whose redirection.config is there but whose states are damaged (by hand: sslbind
 * writes it whole before redirection.config) is refused, named, and left as it is. */
Test(was, a_damaged_switch_is_refused_and_kept)
{
    sslb_server *s = NULL;
    sslb_diag dg = {{0}};

    put(dir, "redirection.config", REDIR_ON);
    put(dir, "sites.state", "2 Started\n");
    put_next(dir, "redirection.config", REDIR_ON, "3 Started\nnonsense\n", 1);
    cr_assert_eq(sslb_server_open(dir, &s, &dg), SSLB_ECORRUPT);
    cr_assert(strstr(dg.text, "sites.state.next:3: expected '<site id> Started|Stopped'"), "%s", dg.text);
    cr_assert(exists(dir, "sites.state.next"));
    assert_state(dir, "2 Started\n");
}

/* A journal for applicationHost.config while redirection.config (which says which one) is
 * damaged: whether the change was made cannot be told, so it is neither finished nor dropped (a
 * dropped change made would leave the renumbered sites the states of the old ids): every open is
 * refused, naming both files, until redirection.config is corrected. */
Test(was, a_journal_whose_file_cannot_be_found_is_refused_and_kept)
{
    sslb_server *s = NULL;
    sslb_diag dg = {{0}};

    write_sites(dir, SITE("A", 3, "", BIND("http", "*:82:")));
    char path[512], text[8192];
    snprintf(path, sizeof path, "%s/applicationHost.config", dir);
    FILE *f = fopen(path, "rb");
    cr_assert(f);
    text[fread(text, 1, sizeof text - 1, f)] = '\0';
    fclose(f);
    put(dir, "sites.state", "2 Stopped\n");
    put_next(dir, "applicationHost.config", text, "3 Stopped\n", 1);
    put(dir, "redirection.config", "<configuration><configurationRedirection enabled=\"maybe\" /></configuration>");
    cr_assert_eq(sslb_server_open(dir, &s, &dg), SSLB_ECORRUPT);
    cr_assert(strstr(dg.text, "sites.state.next: cannot tell whether its change was made: ") &&
                  strstr(dg.text, "redirection.config: configurationRedirection needs"),
              "%s", dg.text);
    cr_assert(exists(dir, "sites.state.next"));
    assert_state(dir, "2 Stopped\n");
    put(dir, "redirection.config", REDIR_OFF);
    s = open_server(dir);
    cr_assert_eq(sslb_was_settle(s, &dg), SSLB_OK, "%s", dg.text);
    cr_assert(!exists(dir, "sites.state.next"));
    assert_state(dir, "3 Stopped\n");
    sslb_server_close(s);
}

/* The switch through the API: redirection.config written, the states moved in sites.state, no
 * sites.state.next left; a switch that moves nothing writes none. */
Test(was, enable_and_disable_move_the_states)
{
    char farm[600], path[700];
    sslb_diag dg = {{0}};

    snprintf(farm, sizeof farm, "%s/farm", dir);
    cr_assert_eq(mkdir(farm, 0700), 0);
    write_sites(farm, SITE("A", 3, "", BIND("http", "*:82:")));
    put(dir, "sites.state", "2 Started\n3 Stopped\n");
    sslb_server *s = open_server(dir);
    const uint32_t from[] = {2, 3}, to[] = {3, 0}; /* A: 2 -> 3; B (3) is not in the farm */
    cr_assert_eq(sslb_server_shared_enable(s, farm, 2, from, to, &dg), SSLB_OK, "%s", dg.text);
    assert_state(dir, "3 Started\n");
    cr_assert(!exists(dir, "sites.state.next"));
    char got[4096];
    cr_assert_eq(sslb_server_shared_dir(s, got, sizeof got), 1);
    cr_assert_str_eq(got, farm);
    const uint32_t back_from[] = {3}, back_to[] = {2};
    cr_assert_eq(sslb_server_shared_disable(s, 1, back_from, back_to, &dg), SSLB_OK, "%s", dg.text);
    assert_state(dir, "2 Started\n");
    cr_assert_eq(sslb_server_shared_dir(s, got, sizeof got), 0);
    cr_assert_eq(sslb_server_shared_enable(s, farm, 0, NULL, NULL, &dg), SSLB_OK, "%s", dg.text);
    assert_state(dir, "2 Started\n");
    snprintf(path, sizeof path, "%s/sites.state.next", dir);
    cr_assert_neq(access(path, F_OK), 0);
    sslb_server_close(s);
}

/* An edit that renumbers sites (A 2 -> 3, B 3 -> 2): the moves wait in sites.state.next until the
 * edit is written, and are sites.state when sslb_apphost_change returns (made under its lock);
 * an edit that fails leaves them to be dropped (sslb_was_settle). */
struct renumber {
    sslb_server *s;
    int fail;
};

static sslb_rc renumber(sslb_apphost *ah, void *ctx, sslb_diag *d)
{
    const struct renumber *r = ctx;
    const uint32_t from[] = {2, 3}, to[] = {3, 2};
    sslb_rc rc;
    if ((rc = sslb_apphost_site_set(ah, 0, "id", "9", d)) != SSLB_OK ||
        (rc = sslb_apphost_site_set(ah, 1, "id", "2", d)) != SSLB_OK ||
        (rc = sslb_apphost_site_set(ah, 0, "id", "3", d)) != SSLB_OK ||
        (rc = sslb_was_follow_edit(r->s, ah, 2, from, to, d)) != SSLB_OK)
        return rc;
    cr_assert(exists(dir, "sites.state.next"), "the moves wait");
    char path[512], *journal;
    snprintf(path, sizeof path, "%s/sites.state.next", dir);
    journal = slurp(path, NULL);
    cr_assert(!strstr(journal, "\nsite "), "a swap hands each new id from another site: no name record\n%s", journal);
    free(journal);
    cr_assert(sslb_was_started(r->s, 2) && !sslb_was_started(r->s, 3), "the states of the file as it is");
    return r->fail ? SSLB_EINVAL : SSLB_OK;
}

Test(was, an_edit_that_renumbers_moves_the_states_with_it)
{
    sslb_diag dg = {{0}};
    const uint32_t from[] = {2}, to[] = {3};

    write_sites(dir, SITE("A", 2, "", BIND("http", "*:82:")) SITE("B", 3, "", BIND("http", "*:83:")));
    put(dir, "sites.state", "2 Started\n3 Stopped\n");
    sslb_server *s = open_server(dir);
    sslb_apphost *ah = open_config(dir);
    cr_assert_eq(sslb_was_follow_edit(s, ah, 1, from, to, &dg), SSLB_EINVAL, "only under the hold");
    cr_assert_eq(sslb_was_hold(s, &dg), SSLB_OK, "%s", dg.text);
    cr_assert_eq(sslb_was_follow_edit(s, ah, 1, from, to, &dg), SSLB_EINVAL, "only inside an edit");
    cr_assert(!exists(dir, "sites.state.next"));
    struct renumber r = {s, 1};
    cr_assert_eq(sslb_apphost_change(ah, renumber, &r, &dg), SSLB_EINVAL);
    cr_assert_eq(sslb_was_settle(s, &dg), SSLB_OK, "%s", dg.text);
    cr_assert(!exists(dir, "sites.state.next"), "a failed edit: its moves dropped");
    assert_state(dir, "2 Started\n3 Stopped\n");
    r.fail = 0;
    cr_assert_eq(sslb_apphost_change(ah, renumber, &r, &dg), SSLB_OK, "%s", dg.text);
    cr_assert_eq(sslb_apphost_site(ah, site_of(ah, 3))->name[0], 'A');
    cr_assert(!exists(dir, "sites.state.next"), "finished before the configuration's lock is released");
    assert_state(dir, "3 Started\n2 Stopped\n");
    cr_assert(sslb_was_started(s, 3) && !sslb_was_started(s, 2));
    sslb_was_release(s);
    sslb_apphost_close(ah);
    sslb_server_close(s);
}

/* ---- an edit's journal against another server's edit of the farm's file ------------------------ */

/* applicationHost.config's text holding these <site> elements (write_sites' text). */
#define CONFIG(sites)                                                                                                  \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n    <system.applicationHost>\n"                      \
    "        <sites>\n" sites "        </sites>\n    </system.applicationHost>\n</configuration>\n"
/* Before the edit: "My Site" (a name with spaces) at 2, started; B at 3, stopped. */
#define BEFORE CONFIG(SITE("My Site", 2, "", BIND("http", "*:82:")) SITE("B", 3, "", BIND("http", "*:83:")))
/* The edit renumbers "My Site" to 9; its journal names it. */
#define EDITED CONFIG(SITE("My Site", 9, "", BIND("http", "*:82:")) SITE("B", 3, "", BIND("http", "*:83:")))
#define EDIT_STATES "3 Stopped\n9 Started\n"
#define NAMED "site 9 My Site\n"

/* Opens the server on the journal as it is: whether its states are taken (reader and settle
 * alike), and the journal gone once settled, sites.state then the journal's or as it was. */
static void expect_journal(int taken, const char *why)
{
    sslb_diag dg = {{0}};
    sslb_server *s = open_server(dir);
    cr_assert_eq(sslb_was_started(s, 9), taken, "%s: a reader", why);
    cr_assert_eq(sslb_was_started(s, 2), !taken, "%s: a reader", why);
    cr_assert_eq(sslb_was_settle(s, &dg), SSLB_OK, "%s: %s", why, dg.text);
    cr_assert(!exists(dir, "sites.state.next"), "%s: settled, the journal goes", why);
    assert_state(dir, taken ? EDIT_STATES : "2 Started\n3 Stopped\n");
    cr_assert_eq(sslb_was_started(s, 9), taken, "%s: settled", why);
    sslb_server_close(s);
    s = open_server(dir);
    cr_assert_eq(sslb_was_started(s, 9), taken, "%s: read back", why);
    sslb_server_close(s);
}

/* The edit's journal (records, then EDIT_STATES) over sites.state as before it, the farm's file
 * holding config: expect_journal. */
static void journal_case(const char *records, const char *config, int taken, const char *why)
{
    char states[256];
    snprintf(states, sizeof states, "%s%s", records, EDIT_STATES);
    put(dir, "sites.state", "2 Started\n3 Stopped\n");
    put_next(dir, "applicationHost.config", EDITED, states, 1);
    put(dir, "applicationHost.config", config);
    expect_journal(taken, why);
}

/* B with one binding more: another server's edit. */
#define B_EDITED SITE("B", 3, "", BIND("http", "*:83:") BIND("http", "*:84:"))

/* Killed after the farm's file, then another server adds a binding to B: the text is no longer
 * the one the journal hashed, but "My Site" is at 9 under its name, so the change was made. A
 * journal without the name (hash only, as before) is dropped in the same case. */
Test(was, a_journal_made_then_another_edit_is_taken_by_its_names)
{
    const char *now = CONFIG(SITE("My Site", 9, "", BIND("http", "*:82:")) B_EDITED);
    journal_case(NAMED, now, 1, "made, then another edit");
    journal_case("", now, 0, "made, then another edit, no name record");
    journal_case(NAMED, EDITED, 1, "made, the file as the edit left it");
}

/* Killed before the farm's file (it still holds the sites as they were), then another server's
 * edit: "My Site" is at 2, not 9, so the change was not made and the journal is dropped. */
Test(was, a_journal_not_made_then_another_edit_is_dropped)
{
    journal_case(NAMED, CONFIG(SITE("My Site", 2, "", BIND("http", "*:82:")) B_EDITED), 0,
                 "not made, then another edit");
    journal_case(NAMED, BEFORE, 0, "not made, the file as it was");
}

/* The change was made, but another server then renamed, renumbered or deleted the site it named
 * (or the file no longer reads as a configuration): the names do not hold, the journal is dropped
 * (what is still lost: docs/iis.md). The name is compared exactly, case included. */
Test(was, a_journal_whose_named_site_changed_since_is_dropped)
{
    static const char *const now[] = {
        CONFIG(SITE("Other", 9, "", BIND("http", "*:82:")) SITE("B", 3, "", BIND("http", "*:83:"))),
        CONFIG(SITE("my site", 9, "", BIND("http", "*:82:")) SITE("B", 3, "", BIND("http", "*:83:"))),
        CONFIG(SITE("My Site", 10, "", BIND("http", "*:82:")) SITE("B", 3, "", BIND("http", "*:83:"))),
        CONFIG(SITE("B", 3, "", BIND("http", "*:83:"))),
    };
    for (size_t i = 0; i < sizeof now / sizeof *now; i++) {
        char why[32];
        snprintf(why, sizeof why, "case %zu", i);
        journal_case(NAMED, now[i], 0, why);
    }
}

/* A command's reader load and its locked load decide one journal against one text: the
 * configuration is read for the name records once, not twice (review 25 F6: 200 MB took 0.75 ->
 * 4.69 s); and again when its text changed between the two loads (here the site renamed by
 * another server: the change is then dropped, as a_journal_whose_named_site_changed_since_is_
 * dropped's). */
Test(was, a_journal_decided_by_its_names_reads_the_configuration_once_per_text)
{
    const char *const made = CONFIG(SITE("My Site", 9, "", BIND("http", "*:82:")) B_EDITED),
                      *const renamed = CONFIG(SITE("Other", 9, "", BIND("http", "*:82:")) B_EDITED);
    char states[256];
    sslb_diag dg = {{0}};

    snprintf(states, sizeof states, "%s%s", NAMED, EDIT_STATES);
    for (int change = 0; change < 2; change++) {
        put(dir, "sites.state", "2 Started\n3 Stopped\n");
        put_next(dir, "applicationHost.config", EDITED, states, 1);
        put(dir, "applicationHost.config", made);
        sslb_server *s = open_server(dir);
        cr_assert_eq(sslb__server_name_checks(s), 1, "the reader's load decides by the names");
        cr_assert(sslb_was_started(s, 9));
        if (change) put(dir, "applicationHost.config", renamed);
        cr_assert_eq(sslb_was_settle(s, &dg), SSLB_OK, "%s", dg.text);
        cr_assert_eq(sslb__server_name_checks(s), 1u + (unsigned)change, "%s",
                     change ? "another text: decided again" : "the same text: the reader's answer taken");
        cr_assert(!exists(dir, "sites.state.next"));
        assert_state(dir, change ? "2 Started\n3 Stopped\n" : EDIT_STATES);
        cr_assert_eq(sslb_was_started(s, 9), !change);
        sslb_server_close(s);
    }
}

/* Whether the change was made cannot be told while the configuration does not read as one (not
 * the text the journal hashed) or a farm's file is not there (its share moved or not mounted:
 * it may come back holding the change): the journal is neither finished nor dropped, every
 * open is refused naming it, and once the file is back, the change is decided (review 25 F2: a
 * command that goes on without the configuration, `iis address add`, dropped a change made). */
static void refused_until(const char *file, const char *why)
{
    sslb_server *s = NULL;
    sslb_diag dg = {{0}};

    cr_assert_eq(sslb_server_open(dir, &s, &dg), SSLB_ECORRUPT, "%s", why);
    cr_assert(strstr(dg.text, "sites.state.next: cannot tell whether its change was made: ") &&
                  strstr(dg.text, "applicationHost.config: ") && strstr(dg.text, "removing sites.state.next drops"),
              "%s: the message names both files and the way out: %s", why, dg.text);
    cr_assert(exists(dir, "sites.state.next"), "%s: kept", why);
    assert_state(dir, "2 Started\n3 Stopped\n");
    put(dir, file, EDITED);
    expect_journal(1, why);
}

Test(was, a_journal_whose_configuration_does_not_read_or_is_gone_is_refused_and_kept)
{
    static const char *const damaged[] = {
        CONFIG(SITE("My Site", 9, "", BIND("http", "*:82:")) SITE("B", 9, "", BIND("http", "*:83:"))),
        "<configuration><system.applicationHost><sites><site name=\"My Site\" id=\"9\">",
    };
    char farm[600];

    for (size_t i = 0; i < 2; i++)
        for (int named = 0; named < 2; named++) {
            char why[64];
            snprintf(why, sizeof why, "damaged %zu, %s", i, named ? "named" : "hash only");
            put(dir, "sites.state", "2 Started\n3 Stopped\n");
            put_next(dir, "applicationHost.config", EDITED, named ? NAMED EDIT_STATES : EDIT_STATES, 1);
            put(dir, "applicationHost.config", damaged[i]);
            refused_until("applicationHost.config", why);
        }
    /* a farm's file not there */
    redirect_to_farm(farm, sizeof farm);
    put(dir, "sites.state", "2 Started\n3 Stopped\n");
    put_next(dir, "applicationHost.config", EDITED, NAMED EDIT_STATES, 1);
    refused_until("farm/applicationHost.config", "the farm's file not there");
}

/* A name record not as write_next writes it is a damaged journal: not made, even when the file
 * holds the very text it hashed; and a redirection.config journal has none. */
Test(was, a_damaged_name_record_is_not_made)
{
    static const char *const records[] = {
        "site 09 My Site\n", "site 9\n",         "site 9 \n",         "site x My Site\n",
        "site  9 My Site\n", "site 9 My/Site\n", "sites 9 My Site\n", "site 4294967296 A\n",
        "site 9 My\tSite\n", "site\n",           "site 0 My Site\n",  NAMED "site\n",
    };
    for (size_t i = 0; i < sizeof records / sizeof *records; i++) {
        char why[64];
        snprintf(why, sizeof why, "record %zu", i);
        journal_case(records[i], EDITED, 0, why);
    }
    put(dir, "sites.state", "2 Started\n3 Stopped\n");
    put(dir, "redirection.config", REDIR_OFF);
    put_next(dir, "redirection.config", REDIR_OFF, NAMED EDIT_STATES, 1);
    expect_journal(0, "a name record in a switch's journal");
}

/* What an edit writes: the renumbered site's new id and name when that id was free before it;
 * hash only when the new id was another moved site's (a chain: B 9 -> 10, then A 2 -> 9). */
struct named_edit {
    sslb_server *s;
    int chain;
};

static sslb_rc named_edit(sslb_apphost *ah, void *ctx, sslb_diag *d)
{
    const struct named_edit *e = ctx;
    const uint32_t from[] = {2}, to[] = {9}, cfrom[] = {9, 2}, cto[] = {10, 9};
    char path[512], *journal;
    sslb_rc rc;
    if (e->chain && (rc = sslb_apphost_site_set(ah, site_of(ah, 9), "id", "10", d)) != SSLB_OK) return rc;
    if ((rc = sslb_apphost_site_set(ah, site_of(ah, 2), "id", "9", d)) != SSLB_OK ||
        (rc = sslb_was_follow_edit(e->s, ah, e->chain ? 2 : 1, e->chain ? cfrom : from, e->chain ? cto : to, d)) !=
            SSLB_OK)
        return rc;
    snprintf(path, sizeof path, "%s/sites.state.next", dir);
    journal = slurp(path, NULL);
    if (e->chain) cr_assert(!strstr(journal, "\nsite "), "9 was B's before the edit: no name record\n%s", journal);
    else cr_assert(strstr(journal, "\n" NAMED), "the journal names the site\n%s", journal);
    free(journal);
    return SSLB_OK;
}

Test(was, an_edit_names_its_renumbered_site_when_its_new_id_was_free)
{
    sslb_diag dg = {{0}};

    for (int chain = 0; chain < 2; chain++) {
        if (chain)
            write_sites(dir, SITE("My Site", 2, "", BIND("http", "*:82:")) SITE("B", 9, "", BIND("http", "*:83:")));
        else put(dir, "applicationHost.config", BEFORE);
        put(dir, "sites.state", chain ? "2 Started\n9 Stopped\n" : "2 Started\n3 Stopped\n");
        sslb_server *s = open_server(dir);
        sslb_apphost *ah = open_config(dir);
        cr_assert_eq(sslb_was_hold(s, &dg), SSLB_OK, "%s", dg.text);
        struct named_edit e = {s, chain};
        cr_assert_eq(sslb_apphost_change(ah, named_edit, &e, &dg), SSLB_OK, "%s", dg.text);
        cr_assert(!exists(dir, "sites.state.next"));
        assert_state(dir, chain ? "10 Stopped\n9 Started\n" : EDIT_STATES);
        sslb_was_release(s);
        sslb_apphost_close(ah);
        sslb_server_close(s);
    }
}

/* The configuration a server runs, one answer for the handle, the journal and the shell: its own
 * (absolute), the farm's, or none while redirection.config is damaged. */
Test(was, config_path_is_the_one_sslb_apphost_open_opens)
{
    char path[4096], farm[600];
    sslb_server *s = open_server(dir);
    sslb_apphost *ah = open_config(dir);

    cr_assert_eq(sslb_server_config_path(s, path, sizeof path), 0);
    cr_assert_str_eq(path, sslb_apphost_path(ah));
    cr_assert_eq(path[0], '/');
    sslb_apphost_close(ah);
    redirect_to_farm(farm, sizeof farm);
    write_sites(farm, SITE("A", 3, "", BIND("http", "*:82:")));
    ah = open_config(dir);
    cr_assert_eq(sslb_server_config_path(s, path, sizeof path), 1);
    cr_assert_str_eq(path, sslb_apphost_path(ah));
    cr_assert(strncmp(path, farm, strlen(farm)) == 0, "%s", path);
    sslb_apphost_close(ah);
    cr_assert_eq(sslb_server_config_path(s, path, 8), -1, "a buffer too small: no path cut short");
    cr_assert_str_eq(path, "");
    put(dir, "redirection.config", "<configuration><configurationRedirection enabled=\"maybe\" /></configuration>");
    cr_assert_eq(sslb_server_config_path(s, path, sizeof path), -1);
    cr_assert_str_eq(path, "");
    sslb_server_close(s);
}
