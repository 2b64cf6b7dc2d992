/* test_resolve.c — every rule of spec/lookup.md, probe by probe. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "sslb/table.h"

static sslb_table *t;

static void setup(void)
{
    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
}

static void teardown(void)
{
    sslb_table_destroy(t);
}

TestSuite(resolve, .init = setup, .fini = teardown);

/* Resolves and returns the mark of the certificate served (its first hash byte), or -1 for none. */
static int serve(const char *local, uint16_t port, const char *sni, sslb_match *m, sslb_trace *tr)
{
    sslb_addr a = mkaddr(local);
    sslb_rc rc = sslb_table_resolve(t, &a, port, sni, sni ? strlen(sni) : 0, m, tr);
    if (rc == SSLB_ENOTFOUND) return -1;
    cr_assert_eq(rc, SSLB_OK);
    return m->certhash[0];
}

Test(resolve, exact_ip_beats_sni)
{
    sslb_match m;
    put(t, SSLB_IPPORT, "10.0.0.1:443", 1);
    put(t, SSLB_HOSTPORT, "www.contoso.com:443", 2);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, NULL), 1);
    cr_assert_eq(m.step, 1);
    cr_assert_eq(serve("10.0.0.2", 443, "www.contoso.com", &m, NULL), 2);
    cr_assert_eq(m.step, 2);
}

Test(resolve, sni_beats_wildcard)
{
    sslb_match m;
    put(t, SSLB_IPPORT, "0.0.0.0:443", 1);
    put(t, SSLB_HOSTPORT, "www.contoso.com:443", 2);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, NULL), 2);
    cr_assert_eq(serve("10.0.0.1", 443, "other.contoso.com", &m, NULL), 1);
    cr_assert_eq(m.step, 5);
    cr_assert_eq(serve("10.0.0.1", 443, NULL, &m, NULL), 1, "no SNI: only IP:port can answer");
}

Test(resolve, host_names_compare_case_insensitively)
{
    sslb_match m;
    put(t, SSLB_HOSTPORT, "WWW.Contoso.com:443", 2);
    cr_assert_eq(serve("10.0.0.1", 443, "www.CONTOSO.com", &m, NULL), 2);
    cr_assert_str_eq(m.binding.key.host, "www.contoso.com");
}

Test(resolve, wildcard_v4_serves_ipv6_clients_but_v6_wildcard_not_ipv4)
{
    sslb_match m;
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    cr_assert_eq(serve("2001:db8::5", 443, NULL, &m, NULL), 4);
    cr_assert_eq(m.step, 5);
    sslb_table_destroy(t);
    sslb_table_create(&t);
    put(t, SSLB_IPPORT, "[::]:443", 6);
    cr_assert_eq(serve("2001:db8::5", 443, NULL, &m, NULL), 6);
    cr_assert_eq(m.step, 4);
    cr_assert_eq(serve("10.0.0.1", 443, NULL, &m, NULL), -1, "[::] must not serve an IPv4 client");
}

Test(resolve, v6_wildcard_is_tried_before_v4_wildcard)
{
    sslb_match m;
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    put(t, SSLB_IPPORT, "[::]:443", 6);
    cr_assert_eq(serve("2001:db8::5", 443, NULL, &m, NULL), 6);
    cr_assert_eq(serve("10.0.0.9", 443, NULL, &m, NULL), 4);
}

Test(resolve, ipv4_mapped_client_is_looked_up_as_ipv4)
{
    sslb_match m;
    sslb_addr a;
    put(t, SSLB_IPPORT, "10.0.0.1:443", 1);
    put(t, SSLB_IPPORT, "[::]:443", 6);
    /* build the mapped address by hand, as a socket would hand it over */
    memset(&a, 0, sizeof a);
    a.family = 6;
    a.bytes[10] = a.bytes[11] = 0xff;
    a.bytes[12] = 10;
    a.bytes[15] = 1;
    cr_assert_eq(sslb_table_resolve(t, &a, 443, NULL, 0, &m, NULL), SSLB_OK);
    cr_assert_eq(m.certhash[0], 1);
    a.bytes[15] = 2;
    cr_assert_eq(sslb_table_resolve(t, &a, 443, NULL, 0, &m, NULL), SSLB_ENOTFOUND,
                 "an IPv4 client (mapped) is not served by [::]");
}

Test(resolve, port_must_match)
{
    sslb_match m;
    put(t, SSLB_IPPORT, "0.0.0.0:443", 1);
    put(t, SSLB_HOSTPORT, "www.contoso.com:443", 2);
    cr_assert_eq(serve("10.0.0.1", 8443, "www.contoso.com", &m, NULL), -1);
}

Test(resolve, no_binding_fails_with_full_trace)
{
    sslb_match m;
    sslb_trace tr;
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, &tr), -1);
    cr_assert_geq(tr.count, 5);
    for (unsigned i = 0; i < tr.count; i++) cr_assert_eq(tr.probe[i].outcome, SSLB_PROBE_SKIPPED);
    cr_assert_eq(tr.probe[0].why, SSLB_WHY_PORT_EMPTY);
}

Test(resolve, trace_names_each_probe)
{
    sslb_match m;
    sslb_trace tr;
    put(t, SSLB_IPPORT, "10.0.0.9:443", 1);
    put(t, SSLB_HOSTPORT, "other.contoso.com:443", 1);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    cr_assert_eq(serve("10.0.0.1", 443, "WWW.contoso.com", &m, &tr), 4);
    cr_assert_eq(tr.count, 5);
    cr_assert_eq(tr.probe[0].step, 1);
    cr_assert_eq(tr.probe[0].outcome, SSLB_PROBE_MISS);
    cr_assert_str_eq(tr.probe[0].key, "10.0.0.1:443");
    cr_assert_eq(tr.probe[1].step, 2);
    cr_assert_eq(tr.probe[1].table, SSLB_HOSTPORT);
    cr_assert_eq(tr.probe[1].outcome, SSLB_PROBE_MISS);
    cr_assert_str_eq(tr.probe[1].key, "www.contoso.com:443");
    cr_assert_eq(tr.probe[2].step, 3);
    cr_assert_eq(tr.probe[2].outcome, SSLB_PROBE_SKIPPED);
    cr_assert_eq(tr.probe[2].why, SSLB_WHY_PORT_EMPTY);
    cr_assert_eq(tr.probe[3].step, 4);
    cr_assert_eq(tr.probe[3].why, SSLB_WHY_CLIENT_IPV4);
    cr_assert_eq(tr.probe[4].step, 5);
    cr_assert_eq(tr.probe[4].outcome, SSLB_PROBE_HIT);
    cr_assert_str_eq(tr.probe[4].key, "0.0.0.0:443");
}

Test(resolve, sni_skipped_without_sni_and_for_invalid_names)
{
    sslb_match m;
    sslb_trace tr;
    put(t, SSLB_HOSTPORT, "www.contoso.com:443", 2);
    cr_assert_eq(serve("10.0.0.1", 443, NULL, &m, &tr), -1);
    cr_assert_eq(tr.probe[1].outcome, SSLB_PROBE_SKIPPED);
    cr_assert_eq(tr.probe[1].why, SSLB_WHY_NO_SNI);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com.", &m, &tr), -1);
    cr_assert_eq(tr.probe[1].why, SSLB_WHY_BAD_SNI);
    cr_assert_eq(serve("10.0.0.1", 443, "www\xff.contoso.com", &m, &tr), -1);
    cr_assert_eq(tr.probe[1].why, SSLB_WHY_BAD_SNI);
}

Test(resolve, reject_binding_matches_like_any_other)
{
    sslb_match m;
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 1);
    b.params.flags = SSLB_FLAG_REJECT;
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    cr_assert_eq(serve("10.0.0.1", 443, NULL, &m, NULL), 1, "a reject binding must not fall through");
    cr_assert(m.binding.params.flags & SSLB_FLAG_REJECT);
}

Test(resolve, wildcard_local_address_skips_exact_probe)
{
    sslb_match m;
    sslb_trace tr;
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    cr_assert_eq(serve("0.0.0.0", 443, NULL, &m, &tr), 4);
    cr_assert_eq(tr.probe[0].why, SSLB_WHY_WILDCARD_LOCAL);
}

Test(resolve, deleted_binding_no_longer_answers)
{
    sslb_match m;
    sslb_binding b = mkbind(SSLB_HOSTPORT, "www.contoso.com:443", 2);
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, NULL), 2);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, NULL), 4);
}

/* The strings of a match are its own: the pool entry they came from is freed once no binding
 * uses it (after a grace period), and the TLS endpoint loads the certificate from the match's
 * store name after resolve has returned, while another thread reloads the table. */
Test(resolve, a_match_keeps_its_strings_after_the_binding_changes)
{
    sslb_match m;
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 1);
    b.params.store_name = "WebHosting";
    b.params.ctl_identifier = "ctl-1";
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    cr_assert_eq(serve("10.0.0.1", 443, NULL, &m, NULL), 1);
    b.params.store_name = "My";
    b.params.ctl_identifier = NULL;
    cr_assert_eq(sslb_table_update(t, &b, NULL), SSLB_OK); /* "WebHosting", "ctl-1" now unused */
    sslb_table_quiesce(t);                                 /* … and freed */
    cr_assert(m.binding.params.store_name >= (const char *)&m &&
                  m.binding.params.store_name < (const char *)(&m + 1),
              "the store name points into the match, not into the table");
    cr_assert_str_eq(m.binding.params.store_name, "WebHosting");
    cr_assert_str_eq(m.binding.params.ctl_identifier, "ctl-1");
    cr_assert_null(m.binding.params.ctl_store_name);
    cr_assert_eq(serve("10.0.0.1", 443, NULL, &m, NULL), 1);
    cr_assert_str_eq(m.binding.params.store_name, "My");
    cr_assert_null(m.binding.params.ctl_identifier);
}

/* ---- CCS: a fake central store holding a few files ---- */

struct fake_ccs {
    const char *files[4];
    int calls;
};

static int fake_find(void *ctx, const char *name, uint8_t thumb[SSLB_CERTHASH_LEN])
{
    struct fake_ccs *c = ctx;
    c->calls++;
    for (int i = 0; i < 4 && c->files[i]; i++)
        if (strcmp(c->files[i], name) == 0) {
            memset(thumb, 0xc0 + i, SSLB_CERTHASH_LEN);
            return 1;
        }
    return 0;
}

Test(resolve, ccs_finds_the_exact_file_first)
{
    struct fake_ccs c = {{"www.contoso.com", "_.contoso.com"}, 0};
    sslb_central cen = {fake_find, &c};
    sslb_match m;
    sslb_trace tr;
    sslb_table_set_central(t, &cen);
    put(t, SSLB_CCS, "443", 0);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, &tr), 0xc0);
    cr_assert(m.central);
    cr_assert_str_eq(m.central_file, "www.contoso.com.pfx");
    cr_assert_eq(m.step, 3);
}

Test(resolve, ccs_falls_back_to_the_wildcard_file)
{
    struct fake_ccs c = {{"www.contoso.com", "_.contoso.com"}, 0};
    sslb_central cen = {fake_find, &c};
    sslb_match m;
    sslb_trace tr;
    sslb_table_set_central(t, &cen);
    put(t, SSLB_CCS, "443", 0);
    cr_assert_eq(serve("10.0.0.1", 443, "shop.contoso.com", &m, &tr), 0xc1);
    cr_assert_str_eq(m.central_file, "_.contoso.com.pfx");
    cr_assert_eq(c.calls, 2);
    /* the trace shows the CCS hit, the missing exact file, then the wildcard file */
    cr_assert_str_eq(tr.probe[tr.count - 2].key, "shop.contoso.com.pfx");
    cr_assert_eq(tr.probe[tr.count - 2].outcome, SSLB_PROBE_MISS);
    cr_assert_str_eq(tr.probe[tr.count - 1].key, "_.contoso.com.pfx");
    cr_assert_eq(tr.probe[tr.count - 1].outcome, SSLB_PROBE_HIT);
}

Test(resolve, ccs_without_file_falls_through_to_wildcards)
{
    struct fake_ccs c = {{"www.contoso.com"}, 0};
    sslb_central cen = {fake_find, &c};
    sslb_match m;
    sslb_trace tr;
    sslb_table_set_central(t, &cen);
    put(t, SSLB_CCS, "443", 0);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    cr_assert_eq(serve("10.0.0.1", 443, "a.fabrikam.com", &m, &tr), 4);
    cr_assert_eq(m.step, 5);
    cr_assert_eq(c.calls, 2);
    cr_assert_not(m.central);
    cr_assert_eq(serve("10.0.0.1", 443, "fabrikam", &m, &tr), 4, "a one-label name has no wildcard file");
}

Test(resolve, scoped_ccs_is_probed_before_ccs)
{
    struct fake_ccs c = {{"www.contoso.com"}, 0};
    sslb_central cen = {fake_find, &c};
    sslb_match m;
    sslb_trace tr;
    sslb_table_set_central(t, &cen);
    put(t, SSLB_SCOPEDCCS, "www.contoso.com:443", 0);
    put(t, SSLB_CCS, "443", 0);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, &tr), 0xc0);
    cr_assert_eq(m.binding.key.kind, SSLB_SCOPEDCCS);
}

Test(resolve, ccs_needs_sni)
{
    struct fake_ccs c = {{"www.contoso.com"}, 0};
    sslb_central cen = {fake_find, &c};
    sslb_match m;
    sslb_table_set_central(t, &cen);
    put(t, SSLB_CCS, "443", 0);
    cr_assert_eq(serve("10.0.0.1", 443, NULL, &m, NULL), -1);
    cr_assert_eq(c.calls, 0);
}

Test(resolve, ccs_without_central_store_falls_through)
{
    sslb_match m;
    sslb_trace tr;
    put(t, SSLB_CCS, "443", 0);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, &tr), 4);
    int seen = 0;
    for (unsigned i = 0; i < tr.count; i++)
        if (tr.probe[i].why == SSLB_WHY_NO_CENTRAL) seen = 1;
    cr_assert(seen);
}

Test(resolve, exact_sni_beats_ccs)
{
    struct fake_ccs c = {{"www.contoso.com"}, 0};
    sslb_central cen = {fake_find, &c};
    sslb_match m;
    sslb_table_set_central(t, &cen);
    put(t, SSLB_CCS, "443", 0);
    put(t, SSLB_HOSTPORT, "www.contoso.com:443", 2);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, NULL), 2);
    cr_assert_eq(c.calls, 0);
}

Test(resolve, sni_of_every_length_matches_in_any_case)
{
    char name[SSLB_HOST_MAX + 1], upper[SSLB_HOST_MAX + 1], key[SSLB_HOST_MAX + 8];
    sslb_match m;
    sslb_addr a = mkaddr("10.0.0.1");
    unsigned seed = 5;

    for (size_t len = 1; len <= SSLB_HOST_MAX; len++) {
        sslb_binding b;
        for (size_t i = 0; i < len; i++) name[i] = (i % 10 == 9 && i + 1 < len) ? '.' : (char)('a' + rand_r(&seed) % 26);
        name[len] = '\0';
        for (size_t i = 0; i <= len; i++) upper[i] = (rand_r(&seed) & 1) && name[i] >= 'a' ? (char)(name[i] - 32) : name[i];
        snprintf(key, sizeof key, "%s:443", upper);
        b = mkbind(SSLB_HOSTPORT, key, (uint8_t)len);
        cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK, "%s", key);
        for (size_t i = 0; i <= len; i++) upper[i] = (rand_r(&seed) & 1) && name[i] >= 'a' ? (char)(name[i] - 32) : name[i];
        cr_assert_eq(sslb_table_resolve(t, &a, 443, upper, len, &m, NULL), SSLB_OK, "length %zu: %s", len, upper);
        cr_assert_eq(m.certhash[0], (uint8_t)len);
        cr_assert_eq(m.binding.key.host_len, len);
        cr_assert_str_eq(m.binding.key.host, name);
    }
    cr_assert_eq(sslb_table_resolve(t, &a, 443, "x.", 2, &m, NULL), SSLB_ENOTFOUND);
}

Test(resolve, an_invalid_sni_never_reaches_the_central_store)
{
    struct fake_ccs c = {{"www.contoso.com"}, 0};
    sslb_central cen = {fake_find, &c};
    sslb_match m;
    sslb_table_set_central(t, &cen);
    put(t, SSLB_CCS, "443", 0);
    cr_assert_eq(serve("10.0.0.1", 443, "../../etc/passwd", &m, NULL), -1);
    cr_assert_eq(serve("10.0.0.1", 443, "a..b", &m, NULL), -1);
    cr_assert_eq(c.calls, 0);
    cr_assert_eq(serve("10.0.0.1", 443, "WWW.contoso.com", &m, NULL), 0xc0);
}
