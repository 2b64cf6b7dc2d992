/* test_table.c — add, update, delete, query, enumerate, assign: http.sys semantics; out of
 * memory, all or nothing, and strings freed when no binding uses them. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/src/table_int.h"
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
    cr_assert(strstr(d.text, "certificate hash"));
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
    const char *want[] = {"0.0.0.0:443",       "10.0.0.1:443",     "9.0.0.1:443", "[::]:443",
                          "alpha.example:443", "zeta.example:443", "443",         "b.example:443"};
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

/* What table.h lets a foreach callback call on its own table (the lock-free functions) works
 * from inside the walk; count on another table too. */
struct inside {
    sslb_table *other;
    int visits, ok;
};

static int resolve_inside(void *ctx, const sslb_binding *b)
{
    struct inside *in = ctx;
    sslb_match m;
    sslb_lean l;
    sslb_query q = {.port = b->key.port};
    q.local.family = b->key.family;
    memcpy(q.local.bytes, b->key.addr, sizeof q.local.bytes);
    in->visits++;
    in->ok += sslb_table_resolve(t, &q.local, q.port, NULL, 0, &m, NULL) == SSLB_OK &&
              sslb_table_resolve_lean(t, &q.local, q.port, NULL, 0, &l) == SSLB_OK &&
              sslb_table_resolve_batch(t, 1, &q, &l) == 1 && l.store_id != 0 &&
              strcmp(sslb_table_store_name(t, l.store_id), "WebHosting") == 0 && sslb_table_count(in->other) == 1;
    return 0;
}

Test(table, a_foreach_callback_may_resolve_its_own_table, .timeout = 30)
{
    struct inside in = {0};
    sslb_binding b;

    cr_assert_eq(sslb_table_create(&in.other), SSLB_OK);
    put(in.other, SSLB_IPPORT, "10.0.0.9:443", 1);
    for (int i = 1; i <= 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "10.0.0.%d:443", i);
        b = mkbind(SSLB_IPPORT, key, (uint8_t)i);
        b.params.store_name = "WebHosting";
        cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    }
    cr_assert_eq(sslb_table_foreach(t, resolve_inside, &in), 0);
    cr_assert_eq(in.visits, 3);
    cr_assert_eq(in.ok, 3);
    sslb_table_destroy(in.other);
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

/* ---- out of memory, all or nothing, strings freed ------------------------------------------
 * sslb__table_fail_alloc_after (table_int.h) fails every allocation of a table's writers after
 * the first n, uthash's included. Each test runs an operation with n = 0, 1, 2 … until it
 * succeeds, and after every SSLB_ENOMEM checks that the table is exactly as before: bindings,
 * interned strings, index sizes. */

/* Everything observable about a table, as text and numbers. */
struct image {
    char *text;
    size_t count, entries, bytes;
    sslb__index_info ix[SSLB_KIND_COUNT];
};

static int image_line(void *ctx, const sslb_binding *b)
{
    char key[SSLB_KEYTEXT_MAX], hash[41], guid[SSLB_GUID_TEXT];
    fprintf(ctx, "%s %s %s %u %u %u %u [%s] [%s] [%s]\n", sslb_key_format(&b->key, key, sizeof key),
            b->params.certhash_len ? sslb_certhash_format(b->params.certhash, hash) : "-",
            sslb_guid_format(&b->params.appid, guid), b->params.check_mode, b->params.revocation_freshness_time,
            b->params.url_retrieval_timeout, b->params.flags, b->params.store_name ? b->params.store_name : "-",
            b->params.ctl_identifier ? b->params.ctl_identifier : "-",
            b->params.ctl_store_name ? b->params.ctl_store_name : "-");
    return 0;
}

static struct image image_of(sslb_table *tb)
{
    struct image im;
    size_t len;
    FILE *f;

    memset(&im, 0, sizeof im);
    sslb__table_fail_alloc_after(tb, -1); /* enumerating allocates */
    cr_assert((f = open_memstream(&im.text, &len)) != NULL);
    cr_assert_eq(sslb_table_foreach(tb, image_line, f), 0);
    fclose(f);
    im.count = sslb_table_count(tb);
    sslb__table_pool_size(tb, &im.entries, &im.bytes);
    for (int k = 0; k < SSLB_KIND_COUNT; k++) sslb__table_index_info(tb, (sslb_kind)k, &im.ix[k]);
    return im;
}

static void image_same(const struct image *a, const struct image *b, const char *what, long n)
{
    cr_assert_str_eq(a->text, b->text, "%s (allocations allowed: %ld): bindings differ", what, n);
    cr_assert_eq(a->count, b->count, "%s (%ld): count", what, n);
    cr_assert_eq(a->entries, b->entries, "%s (%ld): string pool entries %zu, were %zu", what, n, b->entries,
                 a->entries);
    cr_assert_eq(a->bytes, b->bytes, "%s (%ld): string pool bytes", what, n);
    for (int k = 0; k < SSLB_KIND_COUNT; k++) {
        cr_assert_eq(a->ix[k].cap, b->ix[k].cap, "%s (%ld): kind %d capacity", what, n, k);
        cr_assert_eq(a->ix[k].live, b->ix[k].live, "%s (%ld): kind %d records", what, n, k);
        cr_assert_eq(a->ix[k].used, b->ix[k].used, "%s (%ld): kind %d used slots", what, n, k);
    }
}

static void image_free(struct image *im)
{
    free(im->text);
}

/* A binding at 10.0.<i/256>.<i%256>:443 whose strings are new for each (i, tag). */
static sslb_binding numbered(int i, const char *tag, char names[3][64])
{
    char key[64];
    sslb_binding b;
    snprintf(key, sizeof key, "10.0.%d.%d:443", i / 256, i % 256);
    b = mkbind(SSLB_IPPORT, key, (uint8_t)i);
    snprintf(names[0], 64, "Store-%s-%d", tag, i);
    snprintf(names[1], 64, "ctl-%s-%d", tag, i);
    snprintf(names[2], 64, "CtlStore-%s-%d", tag, i);
    b.params.store_name = names[0];
    b.params.ctl_identifier = names[1];
    b.params.ctl_store_name = names[2];
    return b;
}

/* Runs op with 0, 1, 2 … allocations allowed until it succeeds; after each SSLB_ENOMEM the table
 * must be as it was. Returns how many runs failed. */
static long until_it_fits(sslb_table *tb, sslb_rc (*op)(sslb_table *, void *), void *arg, const char *what)
{
    struct image before = image_of(tb);
    long n;

    for (n = 0;; n++) {
        sslb_rc rc;
        sslb__table_fail_alloc_after(tb, n);
        rc = op(tb, arg);
        sslb__table_fail_alloc_after(tb, -1);
        if (rc == SSLB_OK) break;
        cr_assert_eq(rc, SSLB_ENOMEM, "%s (%ld): %s", what, n, sslb_rcname(rc));
        struct image after = image_of(tb);
        image_same(&before, &after, what, n);
        image_free(&after);
    }
    image_free(&before);
    return n;
}

static sslb_rc op_add(sslb_table *tb, void *b)
{
    return sslb_table_add(tb, b, NULL);
}

static sslb_rc op_update(sslb_table *tb, void *b)
{
    return sslb_table_update(tb, b, NULL);
}

static sslb_rc op_assign(sslb_table *tb, void *src)
{
    return sslb_table_assign(tb, src);
}

Test(table, add_out_of_memory_changes_nothing)
{
    char names[3][64];
    sslb_binding b, got;
    long failed;

    for (int i = 0; i < 12; i++) { /* 12 of 16 slots: the 13th add must grow the index */
        b = numbered(i, "old", names);
        cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    }
    b = numbered(12, "new", names);
    failed = until_it_fits(t, op_add, &b, "add");
    cr_assert_geq(failed, 3, "the record, its strings, the bigger index failed (%ld)", failed);
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK);
    cr_assert_str_eq(got.params.ctl_identifier, "ctl-new-12");
    cr_assert_eq(sslb_table_count(t), 13);
}

Test(table, update_out_of_memory_changes_nothing)
{
    char names[3][64];
    sslb_binding b, got;

    b = numbered(1, "old", names);
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    b = numbered(1, "new", names);
    b.params.flags = SSLB_FLAG_REJECT;
    cr_assert_geq(until_it_fits(t, op_update, &b, "update"), 2);
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK);
    cr_assert_str_eq(got.params.store_name, "Store-new-1");
    cr_assert_eq(got.params.flags, SSLB_FLAG_REJECT);
}

/* uthash's own allocations (its table, its buckets, their doubling) fail too: with
 * HASH_NONFATAL_OOM they come back as SSLB_ENOMEM instead of uthash's default exit(). */
Test(table, string_pool_out_of_memory_never_exits_the_host)
{
    char names[3][64];
    sslb_binding b;
    size_t entries, bytes;
    long failed = 0;

    for (int i = 0; i < 1500; i++) { /* enough entries for uthash to double its buckets */
        b = numbered(i, "p", names);
        for (long n = 0;; n++) {
            sslb_rc rc;
            sslb__table_fail_alloc_after(t, n);
            rc = sslb_table_add(t, &b, NULL);
            sslb__table_fail_alloc_after(t, -1);
            if (rc == SSLB_OK) break;
            cr_assert_eq(rc, SSLB_ENOMEM);
            cr_assert_eq(sslb_table_count(t), (size_t)i);
            sslb__table_pool_size(t, &entries, &bytes);
            cr_assert_eq(entries, (size_t)i, "add %d, %ld allocations: %zu pool entries", i, n, entries);
            failed++;
        }
    }
    cr_assert_gt(failed, 3000);
    for (int i = 0; i < 1500; i += 7) {
        sslb_binding got;
        b = numbered(i, "p", names);
        cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK);
        cr_assert_str_eq(got.params.store_name, names[0]);
    }
}

/* assign(a, b) and assign(b, a) at once: both finish (each takes the two tables' mutexes in the
 * same order, whichever is dst). Taken as src then dst, each held one and waited for the other. */
struct crossed {
    sslb_table *dst, *src;
    pthread_barrier_t *start;
};

static void *assign_loop(void *p)
{
    struct crossed *c = p;
    pthread_barrier_wait(c->start);
    for (int i = 0; i < 200000; i++)
        if (sslb_table_assign(c->dst, c->src) != SSLB_OK) return (void *)1;
    return NULL;
}

Test(table, crossed_assigns_at_once_do_not_deadlock, .timeout = 60)
{
    sslb_table *u;
    pthread_barrier_t start;
    pthread_t th[2];
    struct crossed c[2];
    void *ret;

    cr_assert_eq(sslb_table_create(&u), SSLB_OK);
    put(t, SSLB_IPPORT, "10.0.0.1:443", 1);
    put(u, SSLB_IPPORT, "10.0.0.1:443", 1);
    cr_assert_eq(pthread_barrier_init(&start, NULL, 2), 0);
    c[0] = (struct crossed){t, u, &start};
    c[1] = (struct crossed){u, t, &start};
    for (int i = 0; i < 2; i++) cr_assert_eq(pthread_create(&th[i], NULL, assign_loop, &c[i]), 0);
    for (int i = 0; i < 2; i++) {
        cr_assert_eq(pthread_join(th[i], &ret), 0);
        cr_assert_null(ret);
    }
    pthread_barrier_destroy(&start);
    cr_assert_eq(sslb_table_count(t), 1);
    cr_assert_eq(sslb_table_count(u), 1);
    sslb_table_destroy(u);
}

/* The same, made certain: while a foreach holds the lower-addressed table's mutex, an assign
 * copying the other table into it must wait for that mutex first, holding nothing (taken as src
 * then dst, it held the other table's, and the callback's count of that one waited for good). */
struct held {
    sslb_table *low, *high;
    pthread_t th;
    int assigning; /* atomic */
    sslb_rc rc;
};

static void *assign_high_into_low(void *p)
{
    struct held *h = p;
    __atomic_store_n(&h->assigning, 1, __ATOMIC_RELEASE);
    h->rc = sslb_table_assign(h->low, h->high);
    return NULL;
}

static int count_the_other(void *ctx, const sslb_binding *b)
{
    struct held *h = ctx;
    (void)b;
    if (pthread_create(&h->th, NULL, assign_high_into_low, h) != 0) return 2;
    while (!__atomic_load_n(&h->assigning, __ATOMIC_ACQUIRE)) sched_yield();
    usleep(100000); /* the assign is now waiting for a mutex */
    return sslb_table_count(h->high) == 2 ? 1 : 3;
}

Test(table, an_assign_waiting_for_a_busy_table_holds_no_other_mutex, .timeout = 30)
{
    struct held h = {0};
    sslb_table *u;

    cr_assert_eq(sslb_table_create(&u), SSLB_OK);
    h.low = (uintptr_t)t < (uintptr_t)u ? t : u;
    h.high = h.low == t ? u : t;
    put(h.low, SSLB_IPPORT, "10.0.0.1:443", 1);
    put(h.high, SSLB_IPPORT, "10.0.0.1:443", 2);
    put(h.high, SSLB_IPPORT, "10.0.0.2:443", 2);
    cr_assert_eq(sslb_table_foreach(h.low, count_the_other, &h), 1);
    cr_assert_eq(pthread_join(h.th, NULL), 0);
    cr_assert_eq(h.rc, SSLB_OK);
    cr_assert_eq(sslb_table_count(h.low), 2);
    sslb_table_destroy(u);
}

Test(table, assign_is_all_or_nothing_when_out_of_memory)
{
    char names[3][64];
    sslb_table *src;
    sslb_binding b;
    struct image want, got;
    long failed;

    cr_assert_eq(sslb_table_create(&src), SSLB_OK);
    for (int i = 0; i < 30; i++) { /* dst: 0..29; src: 10..59 (10..19 changed, 20..29 the same) */
        b = numbered(i, "same", names);
        cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    }
    for (int i = 10; i < 60; i++) {
        b = numbered(i, i < 20 ? "changed" : i < 30 ? "same" : "added", names);
        cr_assert_eq(sslb_table_add(src, &b, NULL), SSLB_OK);
    }
    put(src, SSLB_HOSTPORT, "www.contoso.com:443", 1);
    put(t, SSLB_CCS, "443", 1);
    failed = until_it_fits(t, op_assign, src, "assign");
    cr_assert_gt(failed, 40, "each record, string and index of the assign failed (%ld)", failed);
    want = image_of(src);
    got = image_of(t);
    cr_assert_str_eq(got.text, want.text);
    cr_assert_eq(got.entries, want.entries);
    image_free(&want);
    image_free(&got);
    sslb_table_destroy(src);
}

/* A long-lived process reloads bindings.reg with new strings (store names, CTL identifiers):
 * the pool must hold only what the current bindings use, however many reloads there were. */
Test(table, strings_no_binding_uses_are_freed_over_many_reloads)
{
    char names[3][64];
    size_t entries, bytes, first_bytes = 0;

    for (int round = 0; round < 200; round++) {
        sslb_table *src;
        char tag[16];
        cr_assert_eq(sslb_table_create(&src), SSLB_OK);
        snprintf(tag, sizeof tag, "r%d", round);
        for (int i = 0; i < 50; i++) {
            sslb_binding b = numbered(i, tag, names);
            cr_assert_eq(sslb_table_add(src, &b, NULL), SSLB_OK);
        }
        cr_assert_eq(sslb_table_assign(t, src), SSLB_OK);
        sslb_table_destroy(src);
        sslb__table_pool_size(t, &entries, &bytes);
        cr_assert_eq(entries, 50, "round %d: %zu pool entries for 50 bindings", round, entries);
        if (round == 0) first_bytes = bytes;
        cr_assert_lt(bytes, first_bytes + 50 * 16, "round %d: pool grew from %zu to %zu", round, first_bytes, bytes);
    }
    sslb_table_quiesce(t); /* the deferred frees have run (ASan/LSan check the rest) */
}

Test(table, a_shared_string_lives_until_its_last_binding_goes)
{
    sslb_binding a = mkbind(SSLB_IPPORT, "10.0.0.1:443", 1);
    sslb_binding b = mkbind(SSLB_HOSTPORT, "www.contoso.com:443", 2), got;
    size_t entries, bytes;

    a.params.store_name = b.params.store_name = "WebHosting";
    cr_assert_eq(sslb_table_add(t, &a, NULL), SSLB_OK);
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
    sslb__table_pool_size(t, &entries, &bytes);
    cr_assert_eq(entries, 1, "one entry for one triple of strings");
    cr_assert_eq(sslb_table_delete(t, &a.key), SSLB_OK);
    cr_assert_eq(sslb_table_query(t, &b.key, &got), SSLB_OK);
    cr_assert_str_eq(got.params.store_name, "WebHosting");
    b.params.store_name = "My"; /* update: the old string goes, the new one comes */
    cr_assert_eq(sslb_table_update(t, &b, NULL), SSLB_OK);
    sslb__table_pool_size(t, &entries, &bytes);
    cr_assert_eq(entries, 1);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    sslb__table_pool_size(t, &entries, &bytes);
    cr_assert_eq(entries, 0);
    cr_assert_eq(bytes, 0);
}

/* The cold part of a parameter block (AppId, check mode, freshness, timeout, strings) is shared
 * by the bindings that have the same values: changing or deleting one never touches another. */
Test(table, bindings_sharing_a_parameter_block_change_alone)
{
    sslb_binding b[3], got;
    const char *keys[3] = {"10.0.0.1:443", "www.contoso.com:443", "10.0.0.2:8443"};
    const sslb_kind kinds[3] = {SSLB_IPPORT, SSLB_HOSTPORT, SSLB_IPPORT};

    for (int i = 0; i < 3; i++) {
        b[i] = mkbind(kinds[i], keys[i], (uint8_t)(i + 1));
        memset(b[i].params.appid.b, 0x42, 16); /* the same AppId and everything else */
        b[i].params.check_mode = SSLB_CHECK_NO_USAGE;
        b[i].params.revocation_freshness_time = 60;
        b[i].params.store_name = "WebHosting";
        cr_assert_eq(sslb_table_add(t, &b[i], NULL), SSLB_OK);
    }
    b[0].params.appid.b[0] = 0x43;
    b[0].params.url_retrieval_timeout = 9;
    cr_assert_eq(sslb_table_update(t, &b[0], NULL), SSLB_OK);
    cr_assert_eq(sslb_table_delete(t, &b[2].key), SSLB_OK);
    sslb_table_quiesce(t); /* what was retired is freed (ASan checks) */
    cr_assert_eq(sslb_table_query(t, &b[0].key, &got), SSLB_OK);
    cr_assert(sslb_params_equal(&got.params, &b[0].params));
    cr_assert_eq(sslb_table_query(t, &b[1].key, &got), SSLB_OK);
    cr_assert(sslb_params_equal(&got.params, &b[1].params), "the other binding kept its block");
    cr_assert_eq(got.params.appid.b[0], 0x42);
    cr_assert_eq(got.params.url_retrieval_timeout, 0);
    cr_assert_eq(sslb_table_query(t, &b[2].key, &got), SSLB_ENOTFOUND);
    b[2].params.flags = SSLB_FLAG_REJECT; /* hot fields differ, cold block shared again */
    cr_assert_eq(sslb_table_add(t, &b[2], NULL), SSLB_OK);
    cr_assert_eq(sslb_table_query(t, &b[2].key, &got), SSLB_OK);
    cr_assert(sslb_params_equal(&got.params, &b[2].params));
}
