/* test_resolve.c — every rule of spec/lookup.md, probe by probe. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "sslb/table.h"
#include "../../core/src/table_int.h"

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
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com..", &m, &tr), -1);
    cr_assert_eq(tr.probe[1].why, SSLB_WHY_BAD_SNI);
    cr_assert_eq(serve("10.0.0.1", 443, "www\xff.contoso.com", &m, &tr), -1);
    cr_assert_eq(tr.probe[1].why, SSLB_WHY_BAD_SNI);
}

/* An IP:port (step 1) and a hostname:port (step 2) binding with reject: answers at its probe. */
Test(resolve, reject_binding_matches_like_any_other)
{
    sslb_match m;
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 1), h = mkbind(SSLB_HOSTPORT, "www.contoso.com:443", 2);
    b.params.flags = h.params.flags = SSLB_FLAG_REJECT;
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    cr_assert_eq(sslb_table_add(t, &h, NULL), SSLB_OK);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    cr_assert_eq(serve("10.0.0.1", 443, NULL, &m, NULL), 1, "a reject binding must not fall through");
    cr_assert(m.binding.params.flags & SSLB_FLAG_REJECT);
    cr_assert_eq(serve("10.0.0.2", 443, "WWW.contoso.com", &m, NULL), 2, "a reject binding must not fall through");
    cr_assert_eq(m.step, 2);
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
    cr_assert(m.binding.params.store_name >= (const char *)&m && m.binding.params.store_name < (const char *)(&m + 1),
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
static const char *fake_unusable; /* a file that is there but cannot serve (find says -1) */

static int fake_find(void *ctx, const char *name, uint8_t thumb[SSLB_CERTHASH_LEN])
{
    struct fake_ccs *c = ctx;
    c->calls++;
    if (fake_unusable && strcmp(fake_unusable, name) == 0) return -1;
    for (int i = 0; i < 4 && c->files[i]; i++)
        if (strcmp(c->files[i], name) == 0) {
            memset(thumb, 0xc0 + i, SSLB_CERTHASH_LEN);
            return 1;
        }
    return 0;
}

/* Makes the table's central store c (until the next test's table). */
static void use_ccs(struct fake_ccs *c)
{
    static sslb_central cen;
    cen = (sslb_central){fake_find, c};
    sslb_table_set_central(t, &cen);
}

Test(resolve, ccs_finds_the_exact_file_first)
{
    struct fake_ccs c = {{"www.contoso.com", "_.contoso.com"}, 0};
    sslb_match m;
    sslb_trace tr;
    use_ccs(&c);
    put(t, SSLB_CCS, "443", 0);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, &tr), 0xc0);
    cr_assert(m.central);
    cr_assert_str_eq(m.central_file, "www.contoso.com.pfx");
    cr_assert_eq(m.step, 3);
}

Test(resolve, ccs_falls_back_to_the_wildcard_file)
{
    struct fake_ccs c = {{"www.contoso.com", "_.contoso.com"}, 0};
    sslb_match m;
    sslb_trace tr;
    use_ccs(&c);
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
    sslb_match m;
    sslb_trace tr;
    use_ccs(&c);
    put(t, SSLB_CCS, "443", 0);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    cr_assert_eq(serve("10.0.0.1", 443, "a.fabrikam.com", &m, &tr), 4);
    cr_assert_eq(m.step, 5);
    cr_assert_eq(c.calls, 2);
    cr_assert_not(m.central);
    cr_assert_eq(serve("10.0.0.1", 443, "fabrikam", &m, &tr), 4, "a one-label name has no wildcard file");
}

Test(resolve, ccs_tells_a_file_that_cannot_serve_from_a_missing_one)
{
    struct fake_ccs c = {{"_.contoso.com"}, 0};
    sslb_match m;
    sslb_trace tr;
    fake_unusable = "www.contoso.com";
    use_ccs(&c);
    put(t, SSLB_CCS, "443", 0);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, &tr), 0xc0, "resolve goes on to the wildcard file");
    cr_assert_str_eq(tr.probe[tr.count - 2].key, "www.contoso.com.pfx");
    cr_assert_eq(tr.probe[tr.count - 2].outcome, SSLB_PROBE_MISS);
    cr_assert_eq(tr.probe[tr.count - 2].why, SSLB_WHY_FILE_UNUSABLE);
    c.files[0] = NULL;
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, &tr), -1);
    int seen = 0;
    for (unsigned i = 0; i < tr.count; i++) {
        if (tr.probe[i].table != SSLB_PROBE_CENTRAL) continue;
        seen++;
        cr_assert_eq(tr.probe[i].why, strcmp(tr.probe[i].key, "www.contoso.com.pfx") == 0 ? SSLB_WHY_FILE_UNUSABLE
                                                                                          : SSLB_WHY_FILE_MISSING);
    }
    cr_assert_eq(seen, 2);
    fake_unusable = NULL;
}

/* lookup.md: "A binding with reject=enable matches as usual and then refuses the connection,
 * before any certificate is looked at." A CCS binding (kind SSLB_CCS: port 443; SSLB_SCOPEDCCS:
 * www.contoso.com:443 and nofile.contoso.com:443) with reject answers at its probe, whether or
 * not the central store has a file: the store is never asked, and the wildcards after it are not
 * tried. */
static void reject_ccs(sslb_kind kind)
{
    struct fake_ccs c = {{"www.contoso.com"}, 0};
    sslb_match m;
    sslb_lean l;
    sslb_trace tr;
    sslb_addr a = mkaddr("10.0.0.1");
    const char *const keys[] = {kind == SSLB_CCS ? "443" : "www.contoso.com:443", "nofile.contoso.com:443"};
    for (int i = 0; i < (kind == SSLB_CCS ? 1 : 2); i++) {
        sslb_binding b = mkbind(kind, keys[i], 7); /* a CCS binding has no hash: served, mark 0 */
        b.params.flags = SSLB_FLAG_REJECT;
        cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    }
    use_ccs(&c);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    for (int with_file = 1; with_file >= 0; with_file--) {
        const char *sni = with_file ? "www.contoso.com" : "nofile.contoso.com";
        c.calls = 0;
        cr_assert_eq(serve("10.0.0.1", 443, sni, &m, &tr), 0, "%s: the reject binding answers, not a file or 0.0.0.0",
                     sni);
        cr_assert_eq(m.step, 3);
        cr_assert_eq(m.binding.key.kind, kind);
        cr_assert(m.binding.params.flags & SSLB_FLAG_REJECT);
        cr_assert_not(m.central);
        cr_assert_str_eq(m.central_file, "");
        cr_assert_eq(c.calls, 0, "%s: the central store is not asked", sni);
        /* the trace: the binding's hit, then the central store skipped for reject, and nothing after */
        cr_assert_eq(tr.probe[tr.count - 2].step, 3);
        cr_assert_eq(tr.probe[tr.count - 2].table, kind);
        cr_assert_eq(tr.probe[tr.count - 2].outcome, SSLB_PROBE_HIT);
        cr_assert_eq(tr.probe[tr.count - 1].table, SSLB_PROBE_CENTRAL);
        cr_assert_eq(tr.probe[tr.count - 1].outcome, SSLB_PROBE_SKIPPED);
        cr_assert_eq(tr.probe[tr.count - 1].why, SSLB_WHY_REJECT);
        cr_assert_eq(sslb_table_resolve_lean(t, &a, 443, sni, strlen(sni), &l), SSLB_OK);
        cr_assert_eq(l.step, 3);
        cr_assert(l.flags & SSLB_FLAG_REJECT);
        cr_assert_eq(c.calls, 0, "%s: the lean resolve does not ask it either", sni);
    }
}

Test(resolve, reject_on_a_ccs_binding_refuses_without_a_file_look_up)
{
    reject_ccs(SSLB_CCS);
}

Test(resolve, reject_on_a_scoped_ccs_binding_refuses_without_a_file_look_up)
{
    sslb_match m;
    reject_ccs(SSLB_SCOPEDCCS);
    /* a name no scoped binding holds (and no CCS binding on the port): 0.0.0.0 serves it */
    cr_assert_eq(serve("10.0.0.1", 443, "other.contoso.com", &m, NULL), 4);
}

Test(resolve, scoped_ccs_is_probed_before_ccs)
{
    struct fake_ccs c = {{"www.contoso.com"}, 0};
    sslb_match m;
    sslb_trace tr;
    use_ccs(&c);
    put(t, SSLB_SCOPEDCCS, "www.contoso.com:443", 0);
    put(t, SSLB_CCS, "443", 0);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, &tr), 0xc0);
    cr_assert_eq(m.binding.key.kind, SSLB_SCOPEDCCS);
}

Test(resolve, ccs_needs_sni)
{
    struct fake_ccs c = {{"www.contoso.com"}, 0};
    sslb_match m;
    use_ccs(&c);
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
    sslb_match m;
    use_ccs(&c);
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
        for (size_t i = 0; i < len; i++)
            name[i] = (i % 10 == 9 && i + 1 < len) ? '.' : (char)('a' + rand_r(&seed) % 26);
        name[len] = '\0';
        for (size_t i = 0; i <= len; i++)
            upper[i] = (rand_r(&seed) & 1) && name[i] >= 'a' ? (char)(name[i] - 32) : name[i];
        snprintf(key, sizeof key, "%s:443", upper);
        b = mkbind(SSLB_HOSTPORT, key, (uint8_t)len);
        cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK, "%s", key);
        for (size_t i = 0; i <= len; i++)
            upper[i] = (rand_r(&seed) & 1) && name[i] >= 'a' ? (char)(name[i] - 32) : name[i];
        cr_assert_eq(sslb_table_resolve(t, &a, 443, upper, len, &m, NULL), SSLB_OK, "length %zu: %s", len, upper);
        cr_assert_eq(m.certhash[0], (uint8_t)len);
        cr_assert_eq(m.binding.key.host_len, len);
        cr_assert_str_eq(m.binding.key.host, name);
    }
    cr_assert_eq(sslb_table_resolve(t, &a, 443, "x..", 3, &m, NULL), SSLB_ENOTFOUND);
}

Test(resolve, an_invalid_sni_never_reaches_the_central_store)
{
    struct fake_ccs c = {{"www.contoso.com"}, 0};
    sslb_match m;
    use_ccs(&c);
    put(t, SSLB_CCS, "443", 0);
    cr_assert_eq(serve("10.0.0.1", 443, "../../etc/passwd", &m, NULL), -1);
    cr_assert_eq(serve("10.0.0.1", 443, "a..b", &m, NULL), -1);
    cr_assert_eq(c.calls, 0);
    cr_assert_eq(serve("10.0.0.1", 443, "WWW.contoso.com", &m, NULL), 0xc0);
}

/* A label of 64 characters is not a host name (sslb_host_parse refuses it): found by
 * tools/fuzz/fuzz_table.c, whose model says "invalid SNI" where resolve traced a hostname probe
 * and asked the central store for the name. */
Test(resolve, an_sni_with_a_label_over_63_is_invalid)
{
    struct fake_ccs c = {{"www.contoso.com"}, 0};
    char name[80], ok[80];
    sslb_match m;
    sslb_trace tr;
    use_ccs(&c);
    put(t, SSLB_CCS, "443", 0);
    memset(name, 'c', 64);
    snprintf(name + 64, sizeof name - 64, ".com");
    memset(ok, 'c', 63);
    snprintf(ok + 63, sizeof ok - 63, ".com");

    cr_assert_eq(serve("10.0.0.1", 443, name, &m, NULL), -1, "fast path");
    cr_assert_eq(serve("10.0.0.1", 443, name, &m, &tr), -1);
    cr_assert_eq(tr.probe[1].outcome, SSLB_PROBE_SKIPPED);
    cr_assert_eq(tr.probe[1].why, SSLB_WHY_BAD_SNI);
    cr_assert_eq(c.calls, 0, "the central store is never asked for a name that is not a host name");
    cr_assert_eq(serve("10.0.0.1", 443, ok, &m, &tr), -1);
    cr_assert_eq(tr.probe[1].why, SSLB_WHY_PORT_EMPTY, "63 is a label");
    cr_assert_eq(c.calls, 2, "63 is a label: both files looked for");
}

/* ---- lookup.md "Edge cases": one trailing dot is dropped, two make the SNI invalid ---- */

Test(resolve, one_trailing_dot_is_the_same_name)
{
    sslb_match m;
    sslb_trace tr;
    sslb_lean l;
    sslb_addr a = mkaddr("10.0.0.1");
    put(t, SSLB_HOSTPORT, "www.contoso.com:443", 2);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 5);

    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com.", &m, NULL), 2, "fast path");
    cr_assert_eq(serve("10.0.0.1", 443, "WWW.Contoso.COM.", &m, &tr), 2, "traced, any case");
    cr_assert_eq(m.step, 2);
    cr_assert_str_eq(m.binding.key.host, "www.contoso.com");
    cr_assert_eq(tr.probe[1].step, 2);
    cr_assert_eq(tr.probe[1].outcome, SSLB_PROBE_HIT);
    cr_assert_str_eq(tr.probe[1].key, "www.contoso.com:443", "the key probed has no dot");
    cr_assert(tr.probe[1].note & SSLB_NOTE_SNI_DOT, "the trace says the dot was dropped");
    cr_assert_not(tr.probe[0].note & SSLB_NOTE_SNI_DOT, "the IP probe did not use the SNI");

    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com", &m, &tr), 2);
    cr_assert_not(tr.probe[1].note & SSLB_NOTE_SNI_DOT, "no dot, no note");

    cr_assert_eq(sslb_table_resolve_lean(t, &a, 443, "www.contoso.com.", 16, &l), SSLB_OK);
    cr_assert_eq(l.step, 2);
    cr_assert_eq(l.certhash[0], 2);

    /* a name that misses with its dot dropped says so too */
    cr_assert_eq(serve("10.0.0.1", 443, "other.contoso.com.", &m, &tr), 5);
    cr_assert_eq(tr.probe[1].outcome, SSLB_PROBE_MISS);
    cr_assert(tr.probe[1].note & SSLB_NOTE_SNI_DOT);
}

Test(resolve, two_trailing_dots_or_a_lone_dot_are_an_invalid_sni)
{
    sslb_match m;
    sslb_trace tr;
    put(t, SSLB_HOSTPORT, "www.contoso.com:443", 2);
    put(t, SSLB_HOSTPORT, "com:443", 3);

    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com..", &m, NULL), -1, "fast path");
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com..", &m, &tr), -1);
    cr_assert_eq(tr.probe[1].outcome, SSLB_PROBE_SKIPPED);
    cr_assert_eq(tr.probe[1].why, SSLB_WHY_BAD_SNI);
    cr_assert(tr.probe[1].note & SSLB_NOTE_SNI_DOT);
    cr_assert_eq(serve("10.0.0.1", 443, ".", &m, &tr), -1);
    cr_assert_eq(tr.probe[1].why, SSLB_WHY_BAD_SNI, "a lone dot is a name of nothing");
    cr_assert_eq(serve("10.0.0.1", 443, "com.", &m, NULL), 3);
    cr_assert_eq(serve("10.0.0.1", 443, ".com", &m, &tr), -1, "a leading dot is an empty label");
    cr_assert_eq(tr.probe[1].why, SSLB_WHY_BAD_SNI);
}

Test(resolve, a_longest_name_with_its_dot_still_matches)
{
    char name[SSLB_HOST_MAX + 2], key[SSLB_HOST_MAX + 8];
    sslb_match m;
    sslb_trace tr;
    for (size_t i = 0; i < SSLB_HOST_MAX; i++) name[i] = i % 50 == 49 ? '.' : 'a';
    name[SSLB_HOST_MAX] = '\0';
    snprintf(key, sizeof key, "%s:443", name);
    put(t, SSLB_HOSTPORT, key, 7);
    name[SSLB_HOST_MAX] = '.';
    name[SSLB_HOST_MAX + 1] = '\0';
    cr_assert_eq(serve("10.0.0.1", 443, name, &m, &tr), 7, "253 characters and the root's dot");
    cr_assert(tr.probe[1].note & SSLB_NOTE_SNI_DOT);
}

Test(resolve, the_central_store_is_asked_for_the_name_without_its_dot)
{
    struct fake_ccs c = {{"www.contoso.com", "_.contoso.com"}, 0};
    sslb_match m;
    sslb_trace tr;
    use_ccs(&c);
    put(t, SSLB_CCS, "443", 0);
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com.", &m, &tr), 0xc0);
    cr_assert_str_eq(m.central_file, "www.contoso.com.pfx");
    cr_assert_eq(serve("10.0.0.1", 443, "shop.contoso.com.", &m, NULL), 0xc1);
    cr_assert_str_eq(m.central_file, "_.contoso.com.pfx");
    c.calls = 0;
    cr_assert_eq(serve("10.0.0.1", 443, "www.contoso.com..", &m, NULL), -1);
    cr_assert_eq(c.calls, 0, "an invalid name never reaches the central store");
}

/* ---- the lean result and the batch give resolve's answers ---- */

static const char *const store_names[] = {NULL, "MY", "WebHosting", "Shared Store"};

/* A random table of every kind: addresses in 10.0.0.0/28 and 2001:db8::/124 (and the wildcards),
 * names a-h.example / x.a-h.example, ports 443 and 8443, a few with reject, some store names. */
static void random_table(unsigned *seed, int n)
{
    for (int i = 0; i < n; i++) {
        char key[96];
        int kind = (int)(rand_r(seed) % 4), port = rand_r(seed) % 2 ? 443 : 8443, v = (int)(rand_r(seed) % 18);
        sslb_binding b;
        if (kind == SSLB_IPPORT) {
            int six = rand_r(seed) % 2;
            if (v >= 16) snprintf(key, sizeof key, six ? "[::]:%d" : "0.0.0.0:%d", port);
            else if (six) snprintf(key, sizeof key, "[2001:db8::%x]:%d", v, port);
            else snprintf(key, sizeof key, "10.0.0.%d:%d", v, port);
        } else if (kind == SSLB_CCS) {
            snprintf(key, sizeof key, "%d", port);
        } else {
            snprintf(key, sizeof key, "%s%c.example:%d", v % 2 ? "x." : "", 'a' + v % 8, port);
        }
        b = mkbind((sslb_kind)kind, key, (uint8_t)(1 + rand_r(seed) % 250));
        b.params.flags = rand_r(seed) % 5 == 0 ? SSLB_FLAG_REJECT | SSLB_FLAG_DISABLE_TLS13 : 0;
        b.params.store_name = store_names[rand_r(seed) % 4];
        sslb_rc rc = sslb_table_add(t, &b, NULL);
        cr_assert(rc == SSLB_OK || rc == SSLB_EEXISTS, "%s", key);
    }
}

static void random_query(unsigned *seed, sslb_query *q, char *sni)
{
    static const char *const locals[] = {"10.0.0.1",    "10.0.0.9", "10.0.0.15",       "0.0.0.0",  "2001:db8::3",
                                         "2001:db8::f", "::",       "::ffff:10.0.0.2", "10.9.9.9", "2001:db8::99"};
    int v = (int)(rand_r(seed) % 20);
    memset(q, 0, sizeof *q);
    q->local = mkaddr(locals[rand_r(seed) % 10]);
    q->port = rand_r(seed) % 5 == 0 ? 80 : rand_r(seed) % 2 ? 443 : 8443;
    switch (v % 5) {
    case 0:
        sni[0] = '\0';
        break;
    case 1:
        snprintf(sni, 64, "%s%c.example", v % 2 ? "x." : "", 'a' + v % 10);
        break;
    case 2:
        snprintf(sni, 64, "%s%c.EXAMPLE.", v % 2 ? "X." : "", 'a' + v % 10);
        break;
    case 3:
        snprintf(sni, 64, "z.%c.example", 'a' + v % 10);
        break;
    default:
        snprintf(sni, 64, v % 2 ? "%c.example.." : "../%c", 'a' + v % 10);
        break;
    }
    q->sni = sni[0] ? sni : NULL;
    q->sni_len = strlen(sni);
}

static void same_answer(sslb_rc rc, const sslb_match *m, const sslb_lean *l, const char *what)
{
    cr_assert_eq(l->rc, rc, "%s", what);
    if (rc != SSLB_OK) return;
    cr_assert_eq(l->step, m->step, "%s", what);
    cr_assert_eq(l->central, m->central, "%s", what);
    cr_assert_eq(l->kind, m->binding.key.kind, "%s", what);
    cr_assert_eq(l->flags, m->binding.params.flags, "%s", what);
    cr_assert_eq(memcmp(l->certhash, m->certhash, SSLB_CERTHASH_LEN), 0, "%s", what);
    cr_assert_str_eq(l->central_file, m->central_file, "%s", what);
    const char *sn = sslb_table_store_name(t, l->store_id);
    if (!m->binding.params.store_name) cr_assert_null(sn, "%s", what);
    else cr_assert(sn && strcmp(sn, m->binding.params.store_name) == 0, "%s", what);
}

Test(resolve, lean_and_batch_answer_as_resolve_does)
{
    struct fake_ccs c = {{"a.example", "_.example", "x.c.example"}, 0};
    unsigned seed = 12;
    enum { Q = 61 };
    sslb_query q[Q];
    char sni[Q][64];
    sslb_lean lean[Q], batch[Q];
    sslb_match m[Q];
    sslb_rc rc[Q];
    size_t hits_seen = 0, misses_seen = 0;

    for (int round = 0; round < 120; round++) {
        sslb_table_destroy(t);
        cr_assert_eq(sslb_table_create(&t), SSLB_OK);
        if (round % 3) use_ccs(&c);
        sslb__table_force_prefetch(t, round % 4 >= 2); /* the large tables' probe plan and batch stages too */
        if (round % 8 >= 6) /* ... with the large indexes' read-side filters, which both plans ask */
            cr_assert_eq(sslb__table_force_filter(t, 1), SSLB_OK);
        random_table(&seed, 1 + round % 40);
        for (int i = 0; i < Q; i++) {
            random_query(&seed, &q[i], sni[i]);
            rc[i] = sslb_table_resolve(t, &q[i].local, q[i].port, q[i].sni, q[i].sni_len, &m[i],
                                       round % 2 ? NULL : &(sslb_trace){0});
            memset(&lean[i], 0xa5, sizeof lean[i]);
            cr_assert_eq(sslb_table_resolve_lean(t, &q[i].local, q[i].port, q[i].sni, q[i].sni_len, &lean[i]), rc[i]);
            same_answer(rc[i], &m[i], &lean[i], sni[i]);
            hits_seen += rc[i] == SSLB_OK;
            misses_seen += rc[i] != SSLB_OK;
        }
        if (round % 8 >= 6) { /* the filters may only rule out absent keys: as without a plan */
            sslb__table_force_prefetch(t, 0);
            for (int i = 0; i < Q; i++) {
                sslb_lean plain;
                cr_assert_eq(plain.rc =
                                 sslb_table_resolve_lean(t, &q[i].local, q[i].port, q[i].sni, q[i].sni_len, &plain),
                             rc[i], "%s: the filtered plan answered otherwise", sni[i]);
                same_answer(rc[i], &m[i], &plain, sni[i]);
            }
            sslb__table_force_prefetch(t, 1);
        }
        size_t n = 1 + (size_t)(rand_r(&seed) % Q), found = 0;
        memset(batch, 0x5a, sizeof batch);
        size_t got = sslb_table_resolve_batch(t, n, q, batch);
        for (size_t i = 0; i < n; i++) {
            same_answer(rc[i], &m[i], &batch[i], sni[i]);
            found += rc[i] == SSLB_OK;
        }
        cr_assert_eq(got, found);
        cr_assert_eq(batch[n < Q ? n : Q - 1].rc, n < Q ? (sslb_rc)0x5a5a5a5a : batch[Q - 1].rc,
                     "nothing written past n");
    }
    cr_assert_gt(hits_seen, 1000, "the comparison saw hits of every kind");
    cr_assert_gt(misses_seen, 500);
}

/* The batch's fetches cannot be seen in its answers, only in its code: its first stage starts
 * the fetch of each probe's tags and filter word (2 probes x 2), its second the candidate
 * entries (2 x 2). GCC once deleted the first stage's four: index_fetch_tags, a static inline
 * function whose only effect is a prefetch, was found to have no side effects before it was
 * inlined, and its calls were dropped as dead (the batch then waited for each line in turn). */
Test(resolve, the_compiled_batch_starts_its_fetches)
{
    char exe[4096], cmd[4200], line[512];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    int prefetches = 0, lines = 0;
    FILE *f;

    cr_assert_gt(len, 0);
    exe[len] = '\0';
    snprintf(cmd, sizeof cmd, "objdump -d --no-show-raw-insn --disassemble=sslb_table_resolve_batch '%s' 2>/dev/null",
             exe);
    f = popen(cmd, "r");
    cr_assert_not_null(f);
    while (fgets(line, sizeof line, f)) {
        lines++;
        prefetches += strstr(line, "prefetch") != NULL || strstr(line, "prfm") != NULL; /* x86, arm64 */
    }
    if (pclose(f) != 0 || lines < 20) cr_skip_test("objdump could not disassemble sslb_table_resolve_batch");
    cr_assert_geq(prefetches, 8, "sslb_table_resolve_batch has %d prefetch instructions: the compiler dropped some",
                  prefetches);
}

Test(resolve, store_ids_outlive_the_bindings_that_named_them)
{
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 1);
    sslb_lean l;
    sslb_addr a = mkaddr("10.0.0.1");
    b.params.store_name = "WebHosting";
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    cr_assert_eq(sslb_table_resolve_lean(t, &a, 443, NULL, 0, &l), SSLB_OK);
    const char *name = sslb_table_store_name(t, l.store_id);
    cr_assert_str_eq(name, "WebHosting");
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    sslb_table_quiesce(t);
    cr_assert_eq(sslb_table_store_name(t, l.store_id), name, "the same pointer, still valid");
    cr_assert_str_eq(name, "WebHosting");
    cr_assert_null(sslb_table_store_name(t, 0));
    cr_assert_null(sslb_table_store_name(t, 999999));
    cr_assert_null(sslb_table_store_name(t, 0xffffffffu));
}
