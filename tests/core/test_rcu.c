/* test_rcu.c — readers resolve while a writer adds, updates, deletes and reloads (run under TSan
 * too).
 *
 * Every binding carries (key index, version) in its hash and AppId; the writer publishes a key's
 * version before it writes it. Readers use all three read paths: the full copy, the lean result
 * and the batch. A reader checks that each answer is a binding the table really
 * held: the right key, an untorn record (hash and AppId agree), a version already published and
 * never older than one this reader saw before. Keys that are only ever updated must never be
 * missing, nor a key bound all through a resolve. Each test runs again with every index given
 * the large indexes' read-side filter, whose stale bits rebuild the indexes under the readers.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <urcu/urcu-memb.h>

#include "../../core/src/table_int.h"
#include "helpers.h"
#include "sslb/table.h"

#define NKEYS 64
#define STABLE 32 /* keys 0..31 are only updated; 32..63 are deleted and re-added */
#define WRITES 20000
#define READERS 3

struct world {
    sslb_table *t;
    uint32_t published[NKEYS]; /* atomic: highest version written for each key */
    uint32_t life[NKEYS];      /* atomic: odd while the key is bound (bumped after an add, before a delete) */
    int done;                  /* atomic */
    int ready;                 /* atomic: readers that have had a hit */
    long reads[READERS], hits[READERS];
    char failure[256]; /* first failure, written once under fail_lock */
    pthread_mutex_t fail_lock;
};

static void key_name(int k, char *buf, size_t n, int sni)
{
    if (sni) snprintf(buf, n, "host%d.contoso.com", k);
    else snprintf(buf, n, "10.0.%d.%d", k / 8, k % 8 + 1);
}

static sslb_binding versioned(int k, uint32_t v)
{
    char key[80], addr[40];
    sslb_binding b;
    key_name(k, addr, sizeof addr, k % 2);
    snprintf(key, sizeof key, "%s:443", addr);
    b = mkbind(k % 2 ? SSLB_HOSTPORT : SSLB_IPPORT, key, 0);
    for (int i = 0; i < 20; i += 5) {
        b.params.certhash[i] = (uint8_t)k;
        memcpy(b.params.certhash + i + 1, &v, 4);
    }
    memcpy(b.params.appid.b, &v, 4);
    b.params.appid.b[4] = (uint8_t)k;
    return b;
}

static void failf(struct world *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void failf(struct world *w, const char *fmt, ...)
{
    va_list ap;
    pthread_mutex_lock(&w->fail_lock);
    if (!w->failure[0]) {
        va_start(ap, fmt);
        vsnprintf(w->failure, sizeof w->failure, fmt, ap);
        va_end(ap);
    }
    pthread_mutex_unlock(&w->fail_lock);
}

struct reader_arg {
    struct world *w;
    int id;
};

/* Checks one answer for key k: certhash (always), appid (full resolve only; NULL for lean).
 * life0 and life1: w->life[k] before and after the resolve (equal and odd: bound all along). */
static void check_answer(struct world *w, const struct reader_arg *ra, uint32_t *seen, int k, sslb_rc rc,
                         const uint8_t *certhash, const uint8_t *appid, uint32_t life0, uint32_t life1)
{
    uint32_t v, v2;

    w->reads[ra->id]++;
    if (rc == SSLB_ENOTFOUND) {
        if (k < STABLE && seen[k]) failf(w, "stable key %d went missing (reader %d)", k, ra->id);
        if (life0 == life1 && life0 % 2)
            failf(w, "key %d, bound all along, went missing (reader %d, life %u)", k, ra->id, life0);
        return;
    }
    if (w->hits[ra->id]++ == 0) __atomic_fetch_add(&w->ready, 1, __ATOMIC_RELEASE);
    memcpy(&v, certhash + 1, 4);
    if (certhash[0] != k || (appid && appid[4] != k)) failf(w, "key %d answered with key %d's binding", k, certhash[0]);
    for (int i = 5; i < 20; i += 5)
        if (certhash[i] != k || memcmp(certhash + i + 1, &v, 4) != 0)
            failf(w, "key %d: torn hash at %d (version %u)", k, i, v);
    if (appid) {
        memcpy(&v2, appid, 4);
        if (v2 != v) failf(w, "key %d: hash version %u but AppId version %u", k, v, v2);
    }
    if (v > __atomic_load_n(&w->published[k], __ATOMIC_ACQUIRE)) failf(w, "key %d: version %u was never written", k, v);
    if (v < seen[k]) failf(w, "key %d: went back from version %u to %u", k, seen[k], v);
    seen[k] = v;
}

/* The query for key k: its address (IP keys) or its name from an unbound address (host keys). */
static void key_query(int k, sslb_query *q, char *host, size_t n)
{
    memset(q, 0, sizeof *q);
    q->port = 443;
    if (k % 2) {
        q->local = mkaddr("10.9.9.9");
        key_name(k, host, n, 1);
        q->sni = host;
        q->sni_len = strlen(host);
    } else {
        key_name(k, host, n, 0);
        q->local = mkaddr(host);
    }
}

/* Each reader resolves in turn with the full copy, the lean result and batches of up to 8. */
static void *reader(void *p)
{
    struct reader_arg *ra = p;
    struct world *w = ra->w;
    uint32_t seen[NKEYS] = {0};
    unsigned seed = (unsigned)ra->id * 7919u + 1;
    sslb_match m;
    sslb_lean l[8];

    while (!__atomic_load_n(&w->done, __ATOMIC_ACQUIRE)) {
        int how = (int)(rand_r(&seed) % 3), n = how == 2 ? 1 + (int)(rand_r(&seed) % 8) : 1, ks[8];
        char host[8][80];
        sslb_query q[8];
        for (int i = 0; i < n; i++) {
            ks[i] = (int)(rand_r(&seed) % NKEYS);
            key_query(ks[i], &q[i], host[i], sizeof host[i]);
        }
        uint32_t life0[8], life1[8];
        for (int i = 0; i < n; i++) life0[i] = __atomic_load_n(&w->life[ks[i]], __ATOMIC_ACQUIRE);
        if (how == 0) {
            sslb_rc rc = sslb_table_resolve(w->t, &q[0].local, 443, q[0].sni, q[0].sni_len, &m, NULL);
            life1[0] = __atomic_load_n(&w->life[ks[0]], __ATOMIC_ACQUIRE);
            check_answer(w, ra, seen, ks[0], rc, m.certhash, m.binding.params.appid.b, life0[0], life1[0]);
        } else if (how == 1) {
            sslb_rc rc = sslb_table_resolve_lean(w->t, &q[0].local, 443, q[0].sni, q[0].sni_len, &l[0]);
            life1[0] = __atomic_load_n(&w->life[ks[0]], __ATOMIC_ACQUIRE);
            check_answer(w, ra, seen, ks[0], rc, l[0].certhash, NULL, life0[0], life1[0]);
        } else {
            sslb_table_resolve_batch(w->t, (size_t)n, q, l);
            for (int i = 0; i < n; i++) life1[i] = __atomic_load_n(&w->life[ks[i]], __ATOMIC_ACQUIRE);
            for (int i = 0; i < n; i++)
                check_answer(w, ra, seen, ks[i], l[i].rc, l[i].certhash, NULL, life0[i], life1[i]);
        }
    }
    return NULL;
}

static void *writer(void *p)
{
    struct world *w = p;
    unsigned seed = 12345;
    int present[NKEYS] = {0};

    for (int k = 0; k < NKEYS; k++) {
        sslb_binding b = versioned(k, 1);
        __atomic_store_n(&w->published[k], 1, __ATOMIC_RELEASE);
        if (sslb_table_add(w->t, &b, NULL) != SSLB_OK) failf(w, "initial add of key %d failed", k);
        __atomic_fetch_add(&w->life[k], 1, __ATOMIC_RELEASE);
        present[k] = 1;
    }
    while (__atomic_load_n(&w->ready, __ATOMIC_ACQUIRE) < READERS) /* every reader runs */
        sched_yield();
    for (int i = 0; i < WRITES; i++) {
        int k = (int)(rand_r(&seed) % NKEYS);
        uint32_t v = w->published[k] + 1;
        sslb_binding b = versioned(k, v);
        if (k >= STABLE && present[k] && rand_r(&seed) % 3 == 0) {
            __atomic_fetch_add(&w->life[k], 1, __ATOMIC_RELEASE); /* even: may be gone */
            if (sslb_table_delete(w->t, &b.key) != SSLB_OK) failf(w, "delete of key %d failed", k);
            present[k] = 0;
            continue;
        }
        __atomic_store_n(&w->published[k], v, __ATOMIC_RELEASE);
        sslb_rc rc = present[k] ? sslb_table_update(w->t, &b, NULL) : sslb_table_add(w->t, &b, NULL);
        if (rc != SSLB_OK) failf(w, "write of key %d failed: %s", k, sslb_rcname(rc));
        if (!present[k]) __atomic_fetch_add(&w->life[k], 1, __ATOMIC_RELEASE); /* odd: bound */
        present[k] = 1;
    }
    __atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
    return NULL;
}

/* filter: every index gets the large indexes' read-side filter, so deletes and re-adds leave
 * stale bits and rebuild the indexes at their size (a filter rebuild) under the readers. */
static void readers_only_see_held_bindings(int filter)
{
    struct world w;
    pthread_t rt[READERS], wt;
    struct reader_arg ra[READERS];
    sslb__index_info in[2];

    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.fail_lock, NULL);
    cr_assert_eq(sslb_table_create(&w.t), SSLB_OK);
    sslb__table_force_prefetch(w.t, 1); /* readers take the large tables' path (prefetches, batch stages) */
    if (filter) cr_assert_eq(sslb__table_force_filter(w.t, 1), SSLB_OK);
    for (int i = 0; i < READERS; i++) {
        ra[i] = (struct reader_arg){&w, i};
        pthread_create(&rt[i], NULL, reader, &ra[i]);
    }
    pthread_create(&wt, NULL, writer, &w);
    pthread_join(wt, NULL);
    for (int i = 0; i < READERS; i++) pthread_join(rt[i], NULL);
    cr_assert_str_eq(w.failure, "", "%s", w.failure);
    for (int i = 0; i < READERS; i++) cr_assert_gt(w.hits[i], 0, "reader %d never hit", i);
    sslb__table_index_info(w.t, SSLB_IPPORT, &in[0]);
    sslb__table_index_info(w.t, SSLB_HOSTPORT, &in[1]);
    if (filter) { /* the filters went stale and were rebuilt while the readers ran */
        cr_assert_gt(in[0].filter_words, 0);
        cr_assert_geq(in[0].gen + in[1].gen, 10, "rebuilds: %u and %u", in[0].gen, in[1].gen);
        size_t pref;
        cr_assert_eq(
            sslb__table_index_scan(w.t, SSLB_IPPORT, &pref) + sslb__table_index_scan(w.t, SSLB_HOSTPORT, &pref), 0);
    }
    sslb_table_destroy(w.t);
}

Test(rcu, readers_only_ever_see_bindings_the_table_held, .timeout = 300)
{
    readers_only_see_held_bindings(0);
}

Test(rcu, readers_only_ever_see_bindings_the_table_held_through_its_filters, .timeout = 300)
{
    readers_only_see_held_bindings(1);
}

struct grow_world {
    sslb_table *t;
    int done;
    long bad;
};

static void *grow_reader(void *p)
{
    struct grow_world *w = p;
    sslb_addr a = mkaddr("192.0.2.1");
    sslb_match m;

    sslb_query q[4];
    sslb_lean l[4];
    unsigned turn = 0;

    memset(q, 0, sizeof q);
    for (int i = 0; i < 4; i++) {
        q[i].local = a;
        q[i].port = 443;
    }
    while (!__atomic_load_n(&w->done, __ATOMIC_ACQUIRE)) {
        int bad;
        switch (turn++ % 3) {
        case 0:
            bad = sslb_table_resolve(w->t, &a, 443, NULL, 0, &m, NULL) != SSLB_OK || m.certhash[0] != 0x77;
            break;
        case 1:
            bad = sslb_table_resolve_lean(w->t, &a, 443, NULL, 0, &l[0]) != SSLB_OK || l[0].certhash[0] != 0x77;
            break;
        default:
            bad = sslb_table_resolve_batch(w->t, 4, q, l) != 4;
            for (int i = 0; i < 4; i++) bad |= l[i].certhash[0] != 0x77;
        }
        if (bad) __atomic_fetch_add(&w->bad, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

/* filter: with the read-side filter, whose rebuilds (stale bits) the deletes trigger. */
static void growth_never_hides(int filter)
{
    struct grow_world w = {0};
    pthread_t rt[2];
    char key[64];
    sslb__index_info in;

    cr_assert_eq(sslb_table_create(&w.t), SSLB_OK);
    sslb__table_force_prefetch(w.t, 1); /* prefetching readers during growth */
    if (filter) cr_assert_eq(sslb__table_force_filter(w.t, 1), SSLB_OK);
    put(w.t, SSLB_IPPORT, "192.0.2.1:443", 0x77);
    for (int i = 0; i < 2; i++) pthread_create(&rt[i], NULL, grow_reader, &w);
    for (int i = 0; i < 20000; i++) { /* many rebuilds while readers look */
        snprintf(key, sizeof key, "10.%d.%d.%d:443", i / 65536, (i / 256) % 256, i % 256);
        put(w.t, SSLB_IPPORT, key, 1);
    }
    for (int i = 0; i < 20000; i++) {
        sslb_binding b;
        snprintf(key, sizeof key, "10.%d.%d.%d:443", i / 65536, (i / 256) % 256, i % 256);
        b = mkbind(SSLB_IPPORT, key, 1);
        cr_assert_eq(sslb_table_delete(w.t, &b.key), SSLB_OK);
    }
    __atomic_store_n(&w.done, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < 2; i++) pthread_join(rt[i], NULL);
    cr_assert_eq(w.bad, 0, "%ld lookups of an untouched binding failed during growth", w.bad);
    sslb__table_index_info(w.t, SSLB_IPPORT, &in);
    if (filter) cr_assert_geq(in.gen, 15, "growths and filter rebuilds: %u", in.gen);
    sslb_table_destroy(w.t);
}

Test(rcu, growth_never_hides_an_existing_binding, .timeout = 300)
{
    growth_never_hides(0);
}

Test(rcu, growth_and_filter_rebuilds_never_hide_an_existing_binding, .timeout = 300)
{
    growth_never_hides(1);
}

/* ---- strings freed while readers copy them ---------------------------------------------------
 * Each reload (assign) gives every binding new strings ("S<key>-<version>"), so the previous
 * ones are used by no binding any more and are freed after a grace period. A reader's match
 * must still hold the strings of the version it got (they are copied into the match inside the
 * read-side section); ASan and TSan report any read of a string freed too early. */

#define RELOAD_KEYS 16
#define RELOADS 1000

struct reload_world {
    sslb_table *t;
    uint32_t published; /* atomic: the newest version assigned */
    int done;           /* atomic */
    long hits;          /* atomic */
    char failure[256];
    pthread_mutex_t fail_lock;
};

static void reload_fail(struct reload_world *w, const char *what, int k, uint32_t v)
{
    pthread_mutex_lock(&w->fail_lock);
    if (!w->failure[0]) snprintf(w->failure, sizeof w->failure, "key %d version %u: %s", k, v, what);
    pthread_mutex_unlock(&w->fail_lock);
}

static void *reload_reader(void *p)
{
    struct reload_world *w = p;
    unsigned seed = 99;
    sslb_match m;
    char want[64];

    while (!__atomic_load_n(&w->done, __ATOMIC_ACQUIRE)) {
        int k = (int)(rand_r(&seed) % RELOAD_KEYS);
        char addr[40];
        uint32_t v;
        sslb_addr a;
        key_name(2 * k, addr, sizeof addr, 0);
        a = mkaddr(addr);
        if (sslb_table_resolve(w->t, &a, 443, NULL, 0, &m, NULL) != SSLB_OK) {
            reload_fail(w, "missing", k, 0);
            continue;
        }
        memcpy(&v, m.certhash + 1, 4);
        if (v > __atomic_load_n(&w->published, __ATOMIC_ACQUIRE)) reload_fail(w, "never written", k, v);
        snprintf(want, sizeof want, "S%d-%u", 2 * k, v);
        if (!m.binding.params.store_name || strcmp(m.binding.params.store_name, want) != 0)
            reload_fail(w, "store name of another version", k, v);
        snprintf(want, sizeof want, "C%d-%u", 2 * k, v);
        if (!m.binding.params.ctl_identifier || strcmp(m.binding.params.ctl_identifier, want) != 0)
            reload_fail(w, "CTL identifier of another version", k, v);
        __atomic_fetch_add(&w->hits, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

Test(rcu, readers_keep_the_strings_a_reload_frees, .timeout = 300)
{
    struct reload_world w;
    pthread_t rt[2];
    size_t entries, bytes;
    sslb_table *src; /* what a reload parses: here the same table, its strings renewed each time */

    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.fail_lock, NULL);
    cr_assert_eq(sslb_table_create(&w.t), SSLB_OK);
    cr_assert_eq(sslb_table_create(&src), SSLB_OK);
    for (uint32_t v = 1; v <= RELOADS; v++) {
        char names[2][32];
        for (int k = 0; k < RELOAD_KEYS; k++) {
            sslb_binding b = versioned(2 * k, v); /* even keys: IP:port */
            snprintf(names[0], sizeof names[0], "S%d-%u", 2 * k, v);
            snprintf(names[1], sizeof names[1], "C%d-%u", 2 * k, v);
            b.params.store_name = names[0];
            b.params.ctl_identifier = names[1];
            sslb_rc rc = v == 1 ? sslb_table_add(src, &b, NULL) : sslb_table_update(src, &b, NULL);
            cr_assert_eq(rc, SSLB_OK);
        }
        __atomic_store_n(&w.published, v, __ATOMIC_RELEASE);
        cr_assert_eq(sslb_table_assign(w.t, src), SSLB_OK);
        if (v > 1) continue;
        for (int i = 0; i < 2; i++) pthread_create(&rt[i], NULL, reload_reader, &w);
        while (__atomic_load_n(&w.hits, __ATOMIC_RELAXED) < 100) /* the readers run */
            sched_yield();
    }
    sslb_table_destroy(src);
    __atomic_store_n(&w.done, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < 2; i++) pthread_join(rt[i], NULL);
    cr_assert_str_eq(w.failure, "", "%s", w.failure);
    cr_assert_gt(w.hits, 0);
    sslb__table_pool_size(w.t, &entries, &bytes);
    cr_assert_eq(entries, RELOAD_KEYS, "the pool holds the last reload's only (%zu)", entries);
    sslb_table_destroy(w.t);
}

/* A thread already inside a read-side section of its own may resolve: resolve's section nests in
 * the caller's and leaves it open; once the caller leaves too, a grace period completes (a nesting
 * count left behind by any read path would make synchronize_rcu wait for this thread forever). */
Test(rcu, a_resolve_nests_in_the_callers_read_side_section, .timeout = 60)
{
    sslb_table *t;
    sslb_match m;
    sslb_lean l[2];
    sslb_trace tr;
    sslb_query q[2];

    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    put(t, SSLB_IPPORT, "10.0.0.1:443", 7);
    put(t, SSLB_HOSTPORT, "www.contoso.com:443", 8);
    memset(q, 0, sizeof q);
    q[0].local = mkaddr("10.0.0.1");
    q[0].port = 443;
    q[1].local = mkaddr("10.9.9.9");
    q[1].port = 443;
    q[1].sni = "WWW.contoso.com";
    q[1].sni_len = strlen(q[1].sni);
    /* the first resolve registers this thread with RCU */
    cr_assert_eq(sslb_table_resolve(t, &q[0].local, 443, NULL, 0, &m, NULL), SSLB_OK);
    for (int round = 0; round < 2; round++) {
        sslb__table_force_prefetch(t, round); /* the large tables' paths too */
        urcu_memb_read_lock();
        cr_assert(urcu_memb_read_ongoing());
        for (int i = 0; i < 2; i++) {
            cr_assert_eq(sslb_table_resolve(t, &q[i].local, 443, q[i].sni, q[i].sni_len, &m, NULL), SSLB_OK);
            cr_assert_eq(m.certhash[0], 7 + i);
            cr_assert_eq(sslb_table_resolve(t, &q[i].local, 443, q[i].sni, q[i].sni_len, &m, &tr), SSLB_OK);
            cr_assert_eq(sslb_table_resolve_lean(t, &q[i].local, 443, q[i].sni, q[i].sni_len, &l[0]), SSLB_OK);
            cr_assert_eq(l[0].certhash[0], 7 + i);
            cr_assert(urcu_memb_read_ongoing(), "resolve closed the caller's section");
        }
        cr_assert_eq(sslb_table_resolve_batch(t, 2, q, l), 2);
        cr_assert_eq(l[0].certhash[0], 7);
        cr_assert_eq(l[1].certhash[0], 8);
        cr_assert(urcu_memb_read_ongoing(), "resolve_batch closed the caller's section");
        urcu_memb_read_unlock();
        cr_assert(!urcu_memb_read_ongoing(), "a read path left a section open");
        urcu_memb_synchronize_rcu(); /* returns only if no section of this thread is open */
    }
    sslb_table_destroy(t);
}

/* A read-side section held open while 2^31 events happen (moved by the test hook as that many
 * updates of other keys would; none of their grace periods can end): a home the section may be
 * reading is still not rewritten. With 32-bit event numbers the next event after them looked
 * older than the last finished one, and the second update below wrote the home in place. */
struct holder {
    sslb_table *t;
    int in_section, leave; /* atomic */
};

static void *section_holder(void *p)
{
    struct holder *h = p;
    sslb_addr a;
    sslb_lean l;

    if (sslb_addr_parse("10.0.0.1", &a, NULL) != SSLB_OK) return NULL;
    if (sslb_table_resolve_lean(h->t, &a, 443, NULL, 0, &l) != SSLB_OK) return NULL; /* registers */
    urcu_memb_read_lock(); /* open before the updates: it may be reading the home */
    __atomic_store_n(&h->in_section, 1, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&h->leave, __ATOMIC_ACQUIRE)) sched_yield();
    urcu_memb_read_unlock();
    return NULL;
}

Test(rcu, a_home_is_not_rewritten_under_a_section_open_across_2_to_the_31_events, .timeout = 60)
{
    struct holder h = {0};
    sslb__index_info in;
    sslb_match m;
    sslb_addr a = mkaddr("10.0.0.1");
    pthread_t th;

    cr_assert_eq(sslb_table_create(&h.t), SSLB_OK);
    put(h.t, SSLB_IPPORT, "10.0.0.1:443", 1);
    sslb_table_quiesce(h.t);
    cr_assert_eq(pthread_create(&th, NULL, section_holder, &h), 0);
    while (!__atomic_load_n(&h.in_section, __ATOMIC_ACQUIRE)) sched_yield();
    sslb__table_advance_events(h.t, (uint64_t)1 << 31, 0);
    for (uint8_t mark = 2; mark <= 3; mark++) {
        sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", mark);
        cr_assert_eq(sslb_table_update(h.t, &b, NULL), SSLB_OK);
        sslb__table_index_info(h.t, SSLB_IPPORT, &in);
        cr_assert_eq(in.over, 1, "update %d: the home was rewritten under the open section", mark - 1);
        cr_assert_eq(sslb_table_resolve(h.t, &a, 443, NULL, 0, &m, NULL), SSLB_OK);
        cr_assert_eq(m.certhash[0], mark);
    }
    __atomic_store_n(&h.leave, 1, __ATOMIC_RELEASE);
    pthread_join(th, NULL);
    sslb_table_quiesce(h.t); /* the section is over: home at last */
    sslb__table_index_info(h.t, SSLB_IPPORT, &in);
    cr_assert_eq(in.over, 0);
    sslb_table_destroy(h.t);
}

/* Threads the application registers with liburcu memb itself. The rule (sslb/table.h):
 * registered before its first sslb call, a thread stays the application's (sslb neither
 * registers it again nor unregisters it at exit); registered by sslb, it may open sections of
 * its own, but not register again (liburcu refuses a second registration). */
struct app_thread {
    sslb_table *t;
    int register_first;
    int ok; /* the thread's checks passed */
};

static void *app_thread(void *p)
{
    struct app_thread *a = p;
    sslb_addr addr;
    sslb_lean l;

    if (sslb_addr_parse("10.0.0.1", &addr, NULL) != SSLB_OK) return NULL;
    if (a->register_first) urcu_memb_register_thread(); /* the application's own */
    for (int i = 0; i < 3; i++) {
        if (sslb_table_resolve_lean(a->t, &addr, 443, NULL, 0, &l) != SSLB_OK || l.certhash[0] != 7) return NULL;
        urcu_memb_read_lock(); /* its own sections, a resolve nested in one */
        if (sslb_table_resolve_lean(a->t, &addr, 443, NULL, 0, &l) != SSLB_OK) return NULL;
        urcu_memb_read_unlock();
    }
    if (a->register_first) urcu_memb_unregister_thread(); /* before it exits, as liburcu asks */
    a->ok = 1;
    return NULL;
}

static void app_registered_thread(int register_first)
{
    struct app_thread a = {.register_first = register_first};
    sslb_binding b = mkbind(SSLB_IPPORT, "10.0.0.1:443", 7);
    pthread_t th;

    cr_assert_eq(sslb_table_create(&a.t), SSLB_OK);
    cr_assert_eq(sslb_table_add(a.t, &b, NULL), SSLB_OK);
    for (int round = 0; round < 2; round++) { /* a second thread: the registry is intact */
        a.ok = 0;
        cr_assert_eq(pthread_create(&th, NULL, app_thread, &a), 0);
        cr_assert_eq(pthread_join(th, NULL), 0);
        cr_assert(a.ok, "round %d: the thread's resolves failed", round);
        /* a grace period: no thread left registered, none twice, none inside a section */
        urcu_memb_synchronize_rcu();
        cr_assert_eq(sslb_table_update(a.t, &b, NULL), SSLB_OK);
        sslb_table_quiesce(a.t);
    }
    sslb_table_destroy(a.t);
}

Test(rcu, a_thread_the_application_registered_first_stays_its_own, .timeout = 60)
{
    app_registered_thread(1);
}

Test(rcu, a_thread_sslb_registered_takes_the_applications_own_sections, .timeout = 60)
{
    app_registered_thread(0);
}
