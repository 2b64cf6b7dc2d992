/* test_table.c — add, update, delete, query, enumerate, assign: http.sys semantics. */
#include <criterion/criterion.h>
#include <stdio.h>
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

TestSuite(table, .init = setup, .fini = teardown);

Test(table, add_then_query_returns_every_field)
{
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 7), got;
    b.params.store_name = "WebHosting";
    b.params.ctl_identifier = "ctl-1";
    b.params.ctl_store_name = "Root";
    b.params.check_mode = SSLB_CHECK_NO_USAGE | SSLB_CHECK_USE_FRESHNESS;
    b.params.revocation_freshness_time = 3600;
    b.params.url_retrieval_timeout = 15000;
    b.params.flags = SSLB_FLAG_REJECT | SSLB_FLAG_DISABLE_QUIC;
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK);
    cr_assert(sslb_key_equal(&got.key, &b.key));
    cr_assert(sslb_params_equal(&got.params, &b.params));
    cr_assert_str_eq(got.params.store_name, "WebHosting");
    cr_assert_eq(sslb_table_count(t), 1);
}

Test(table, add_fails_with_183_when_the_key_exists)
{
    sslb_binding b = mkbind(SSLB_IPPORT, "[2001:db8::1]:443", 1), again, got;
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    again = mkbind(SSLB_IPPORT, "[2001:DB8:0::1]:443", 2);
    cr_assert_eq(sslb_table_add(t, &again, NULL), SSLB_EEXISTS);
    cr_assert_eq(sslb_win32(SSLB_EEXISTS), 183);
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK);
    cr_assert_eq(got.params.certhash[0], 1, "add must never overwrite");
}

Test(table, update_replaces_and_fails_with_2_when_missing)
{
    sslb_binding b = mkbind(SSLB_HOSTPORT, "www.contoso.com:443", 1), got;
    cr_assert_eq(sslb_table_update(t, &b, NULL), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_table_count(t), 0);
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    b = mkbind(SSLB_HOSTPORT, "WWW.contoso.com:443", 9);
    b.params.store_name = "My";
    cr_assert_eq(sslb_table_update(t, &b, NULL), SSLB_OK);
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK);
    cr_assert_eq(got.params.certhash[5], 9);
    cr_assert_str_eq(got.params.store_name, "My");
    cr_assert_eq(sslb_table_count(t), 1);
}

Test(table, delete_removes_and_fails_with_2_when_missing)
{
    sslb_binding b = mkbind(SSLB_CCS, "443", 1), got;
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_table_count(t), 0);
}

Test(table, kinds_are_separate_tables)
{
    put(t, SSLB_HOSTPORT, "www.contoso.com:443", 1);
    put(t, SSLB_SCOPEDCCS, "www.contoso.com:443", 2);
    put(t, SSLB_CCS, "443", 3);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 4);
    put(t, SSLB_IPPORT, "[::]:443", 5);
    cr_assert_eq(sslb_table_count(t), 5);
}

Test(table, invalid_parameters_change_nothing)
{
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 1);
    sslb_diag d;
    b.params.certhash_len = 0;
    cr_assert_eq(sslb_table_add(t, &b, &d), SSLB_EINVAL);
    cr_assert(strstr(d.text, "certhash"));
    b = mkbind(SSLB_CCS, "443", 1);
    b.params.certhash_len = 20;
    cr_assert_eq(sslb_table_add(t, &b, &d), SSLB_EINVAL);
    b.key.port = 0;
    cr_assert_eq(sslb_table_add(t, &b, &d), SSLB_EINVAL);
    cr_assert_eq(sslb_table_count(t), 0);
}

struct collected {
    char keys[16][SSLB_KEYTEXT_MAX];
    int n;
};

static int collect(void *ctx, const sslb_binding *b)
{
    struct collected *c = ctx;
    sslb_key_format(&b->key, c->keys[c->n++], SSLB_KEYTEXT_MAX);
    return 0;
}

Test(table, foreach_follows_show_order)
{
    struct collected c = {.n = 0};
    put(t, SSLB_SCOPEDCCS, "b.example:443", 1);
    put(t, SSLB_CCS, "443", 1);
    put(t, SSLB_HOSTPORT, "Zeta.example:443", 1);
    put(t, SSLB_HOSTPORT, "alpha.example:443", 1);
    put(t, SSLB_IPPORT, "[::]:443", 1);
    put(t, SSLB_IPPORT, "9.0.0.1:443", 1);
    put(t, SSLB_IPPORT, "10.0.0.1:443", 1);
    put(t, SSLB_IPPORT, "0.0.0.0:443", 1);
    cr_assert_eq(sslb_table_foreach(t, collect, &c), 0);
    cr_assert_eq(c.n, 8);
    const char *want[] = {"0.0.0.0:443", "10.0.0.1:443", "9.0.0.1:443", "[::]:443",
                          "alpha.example:443", "zeta.example:443", "443", "b.example:443"};
    for (int i = 0; i < 8; i++) cr_assert_str_eq(c.keys[i], want[i], "position %d", i);
}

static int stop_at_two(void *ctx, const sslb_binding *b)
{
    (void)b;
    return ++*(int *)ctx == 2 ? 42 : 0;
}

Test(table, foreach_stops_when_asked)
{
    int n = 0;
    put(t, SSLB_IPPORT, "10.0.0.1:443", 1);
    put(t, SSLB_IPPORT, "10.0.0.2:443", 1);
    put(t, SSLB_IPPORT, "10.0.0.3:443", 1);
    cr_assert_eq(sslb_table_foreach(t, stop_at_two, &n), 42);
    cr_assert_eq(n, 2);
}

Test(table, grows_and_shrinks_through_many_operations)
{
    char key[64];
    sslb_binding got;
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "10.%d.%d.1:443", i / 256, i % 256);
        put(t, SSLB_IPPORT, key, (uint8_t)i);
    }
    cr_assert_eq(sslb_table_count(t), 5000);
    for (int i = 0; i < 5000; i += 2) {
        sslb_binding b;
        snprintf(key, sizeof key, "10.%d.%d.1:443", i / 256, i % 256);
        b = mkbind(SSLB_IPPORT, key, 0);
        cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    }
    /* tombstones then re-adds: the index must rebuild, not fill up */
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 5000; i += 2) {
            sslb_binding b;
            snprintf(key, sizeof key, "10.%d.%d.1:443", i / 256, i % 256);
            b = mkbind(SSLB_IPPORT, key, 3);
            cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
            cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
        }
    cr_assert_eq(sslb_table_count(t), 2500);
    for (int i = 0; i < 5000; i++) {
        sslb_binding b;
        snprintf(key, sizeof key, "10.%d.%d.1:443", i / 256, i % 256);
        b = mkbind(SSLB_IPPORT, key, 0);
        cr_assert_eq(sslb_table_query(t, &b.key, &got), i % 2 ? SSLB_OK : SSLB_ENOTFOUND, "%s", key);
        if (i % 2) cr_assert_eq(got.params.certhash[0], (uint8_t)i);
    }
}

Test(table, assign_makes_a_copy_change_by_change)
{
    sslb_table *src;
    sslb_binding got, b;
    cr_assert_eq(sslb_table_create(&src), SSLB_OK);
    put(t, SSLB_IPPORT, "10.0.0.1:443", 1); /* only in dst: deleted */
    put(t, SSLB_IPPORT, "10.0.0.2:443", 1); /* in both, changed */
    put(t, SSLB_IPPORT, "10.0.0.3:443", 3); /* in both, same */
    put(src, SSLB_IPPORT, "10.0.0.2:443", 2);
    put(src, SSLB_IPPORT, "10.0.0.3:443", 3);
    put(src, SSLB_HOSTPORT, "a.example:443", 4); /* only in src: added */
    b = mkbind(SSLB_IPPORT, "10.0.0.3:443", 3);
    b.params.store_name = "MY";
    cr_assert_eq(sslb_table_update(src, &b, NULL), SSLB_OK);
    cr_assert_eq(sslb_table_assign(t, src), SSLB_OK);
    cr_assert_eq(sslb_table_count(t), 3);
    b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 0);
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_ENOTFOUND);
    b = mkbind(SSLB_IPPORT, "10.0.0.2:443", 0);
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK);
    cr_assert_eq(got.params.certhash[0], 2);
    b = mkbind(SSLB_IPPORT, "10.0.0.3:443", 0);
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK);
    cr_assert_str_eq(got.params.store_name, "MY");
    cr_assert_eq(sslb_table_count(src), 3);
    sslb_table_destroy(src);
}

Test(table, interned_strings_outlive_updates)
{
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 1), got;
    char name[16];
    snprintf(name, sizeof name, "%s", "WebHosting");
    b.params.store_name = name;
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    snprintf(name, sizeof name, "%s", "Scribbled!");
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK);
    cr_assert_str_eq(got.params.store_name, "WebHosting", "the table keeps its own copy");
}
