/* test_index.c — the read index with collisions forced, as curl tests its hash with 3 slots.
 *
 * sslb__table_force_hash (core/src/table_int.h) files every key under a hash the test chooses,
 * so keys pile into one 16-slot group: what a lucky hash never shows. Checked here: overflow
 * into the next group, wrap-around from the last group to the first, tombstones reused and
 * probed past, rebuilds, the probe stopping at the first group with an empty slot, whole-key
 * comparison when every tag is the same — and all of it under concurrent readers (also run
 * under ThreadSanitizer: label "threads", so no Criterion fixture here).
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <urcu/urcu-memb.h>

#include "../../core/src/table_int.h"
#include "helpers.h"
#include "sslb/table.h"

#define LAST_GROUP 0x00000000ffffffffull /* low bits all set: the last group of any index */

static sslb_table *forced(uint64_t and_mask, uint64_t or_bits)
{
    sslb_table *t;
    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    cr_assert_eq(sslb__table_force_hash(t, and_mask, or_bits), SSLB_OK);
    return t;
}

static sslb_binding ip_binding(int i)
{
    char key[48];
    snprintf(key, sizeof key, "10.1.%d.%d:443", i / 250, i % 250 + 1);
    return mkbind(SSLB_IPPORT, key, (uint8_t)(i + 1));
}

static void add_ip(sslb_table *t, int i)
{
    sslb_binding b = ip_binding(i);
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK, "add key %d", i);
}

/* Where resolve's probe finds key i, and how many groups it read. */
static long slot_of(sslb_table *t, int i, unsigned *groups)
{
    sslb_binding b = ip_binding(i);
    return sslb__table_probe(t, &b.key, groups);
}

/* Resolves key i's address: its mark (first certificate-hash byte), or -1 for no binding. */
static int serve_ip(sslb_table *t, int i)
{
    char addr[48];
    sslb_addr a;
    sslb_match m;
    snprintf(addr, sizeof addr, "10.1.%d.%d", i / 250, i % 250 + 1);
    a = mkaddr(addr);
    if (sslb_table_resolve(t, &a, 443, NULL, 0, &m, NULL) != SSLB_OK) return -1;
    return m.certhash[0];
}

static sslb__index_info info(sslb_table *t)
{
    sslb__index_info in;
    sslb__table_index_info(t, SSLB_IPPORT, &in);
    return in;
}

/* Resolves addr:port (sni or none) lean, as a small table does (the exact-address filter) and
 * with the probe plan forced (no exact filter), and checks both against the full resolve: the
 * mark served, or -1. */
static int serve_both_ways(sslb_table *t, const char *addr, uint16_t port, const char *sni)
{
    sslb_addr a = mkaddr(addr);
    size_t n = sni ? strlen(sni) : 0;
    sslb_match m;
    sslb_lean l, p;
    sslb_rc rc = sslb_table_resolve(t, &a, port, sni, n, &m, NULL);

    cr_assert_eq(sslb_table_resolve_lean(t, &a, port, sni, n, &l), rc, "%s:%d", addr, port);
    sslb__table_force_prefetch(t, 1);
    cr_assert_eq(sslb_table_resolve_lean(t, &a, port, sni, n, &p), rc, "%s:%d planned", addr, port);
    sslb__table_force_prefetch(t, 0);
    if (rc != SSLB_OK) return -1;
    cr_assert_eq(l.step, m.step, "%s:%d", addr, port);
    cr_assert_eq(p.step, m.step, "%s:%d", addr, port);
    cr_assert_eq(l.certhash[0], m.certhash[0], "%s:%d", addr, port);
    cr_assert_eq(p.certhash[0], m.certhash[0], "%s:%d", addr, port);
    return m.certhash[0];
}

/* Step 1's exact-address filter (index_int.h): every bound address passes it through adds,
 * deletes and growth, and answers are the probe plan's and the full resolve's, for bound and
 * unbound addresses, on a port with IP:port bindings and on one without. */
Test(index, the_exact_address_filter_passes_every_bound_address)
{
    sslb_table *t;
    sslb__index_info in;
    char addr[48];

    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    sslb_binding host = mkbind(SSLB_HOSTPORT, "www.example:443", 250),
                 host2 = mkbind(SSLB_HOSTPORT, "www.example:8443", 251), wild = mkbind(SSLB_IPPORT, "0.0.0.0:443", 252),
                 v6 = mkbind(SSLB_IPPORT, "[2001:db8::7]:443", 253);
    cr_assert_eq(sslb_table_add(t, &host, NULL), SSLB_OK);
    cr_assert_eq(sslb_table_add(t, &host2, NULL), SSLB_OK);
    cr_assert_eq(sslb_table_add(t, &wild, NULL), SSLB_OK);
    /* 8443 without any IP:port binding; 443 with the wildcard only, then bound addresses */
    cr_assert_eq(serve_both_ways(t, "10.1.0.1", 443, NULL), 252);
    cr_assert_eq(serve_both_ways(t, "10.1.0.1", 8443, "www.example"), 251);
    cr_assert_eq(sslb_table_add(t, &v6, NULL), SSLB_OK);
    for (int round = 0; round < 3; round++) {
        int n = round == 0 ? 8 : round == 1 ? 200 : 200; /* round 1: growth; round 2: after deletes */
        if (round < 2)
            for (int i = round ? 8 : 0; i < n; i++) add_ip(t, i);
        sslb__table_index_info(t, SSLB_IPPORT, &in);
        cr_assert_gt(in.exact_words, 0, "a small IP:port index keeps the filter");
        cr_assert_eq(in.exact_misses, 0, "round %d: a bound address ruled out", round);
        for (int i = 0; i < n + 50; i++) { /* bound ones, then unbound ones past them */
            int gone = round == 2 && i % 3 == 0;
            snprintf(addr, sizeof addr, "10.1.%d.%d", i / 250, i % 250 + 1);
            cr_assert_eq(serve_both_ways(t, addr, 443, NULL), i < n && !gone ? (i + 1) & 0xff : 252, "%s", addr);
            cr_assert_eq(serve_both_ways(t, addr, 443, "WWW.example"), i < n && !gone ? (i + 1) & 0xff : 250, "%s",
                         addr);
            cr_assert_eq(serve_both_ways(t, addr, 8443, "www.example"), 251, "%s", addr);
        }
        cr_assert_eq(serve_both_ways(t, "2001:db8::7", 443, "www.example"), 253);
        cr_assert_eq(serve_both_ways(t, "2001:db8::8", 443, "www.example"), 250);
        cr_assert_eq(serve_both_ways(t, "::ffff:10.1.0.3", 443, NULL), 3);
        if (round == 1)
            for (int i = 0; i < n; i += 3) {
                sslb_binding b = ip_binding(i);
                cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
            }
    }
    sslb__table_index_info(t, SSLB_IPPORT, &in);
    cr_assert_eq(in.exact_misses, 0);
    sslb_table_destroy(t);
}

/* Churn of distinct addresses in a small table: without a rebuild, the bits of deleted addresses
 * would fill the exact-address filter until it passed every address (the old cost, never a
 * wrong answer); deletes past index_stale's bound rebuild it, so its bits stay near the live
 * keys', and every bound address still passes it. */
Test(index, churn_of_addresses_keeps_the_exact_address_filter_sparse)
{
    sslb_table *t;
    sslb__index_info in;
    size_t most = 0;
    int rebuilt = 0;

    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    for (int i = 0; i < 16; i++) add_ip(t, i);
    for (int i = 16; i < 5016; i++) {
        sslb_binding gone = ip_binding(i - 16);
        uint32_t gen = info(t).gen;
        cr_assert_eq(sslb_table_delete(t, &gone.key), SSLB_OK);
        add_ip(t, i);
        sslb__table_index_info(t, SSLB_IPPORT, &in);
        cr_assert_gt(in.exact_words, 0, "the index stays small");
        cr_assert_eq(in.exact_misses, 0, "churn %d: a bound address ruled out", i);
        rebuilt += in.gen != gen;
        if (in.exact_bits > most) most = in.exact_bits;
        /* live keys' bits, and at most the stale bound's deleted ones */
        cr_assert_leq(in.exact_bits, in.live + (in.live > in.cap ? in.live : in.cap), "churn %d: %zu bits for %zu keys",
                      i, in.exact_bits, in.live);
    }
    cr_assert_gt(rebuilt, 0, "deletes rebuilt the index");
    for (int i = 0; i < 5016; i++) cr_assert_eq(serve_ip(t, i), i >= 5000 ? (uint8_t)(i + 1) : -1, "key %d", i);
    sslb_table_destroy(t);
}

Test(index, a_full_group_overflows_into_the_next)
{
    sslb_table *t = forced(0, 0); /* one hash, one tag for every key */
    unsigned groups;

    for (int i = 0; i < 20; i++) add_ip(t, i);
    cr_assert_eq(info(t).cap, 32);
    for (int i = 0; i < 20; i++) { /* group 0 fills in order, then group 1 */
        cr_assert_eq(slot_of(t, i, &groups), i, "key %d", i);
        cr_assert_eq(groups, i < 16 ? 1u : 2u, "key %d read %u groups", i, groups);
        cr_assert_eq(serve_ip(t, i), i + 1, "key %d", i);
    }
    cr_assert_eq(slot_of(t, 20, &groups), -1);
    cr_assert_eq(groups, 2, "a miss reads the full group and the next, which has an empty slot");
    sslb_table_destroy(t);
}

Test(index, a_key_takes_its_preferred_slot_when_free)
{
    sslb_table *t = forced(0, 5ull << 32); /* bits 32..35: slot 5 of the group preferred */
    unsigned groups;

    for (int i = 0; i < 14; i++) add_ip(t, i); /* 14 of 16: no growth */
    cr_assert_eq(info(t).cap, 16);
    cr_assert_eq(slot_of(t, 0, &groups), 5);
    cr_assert_eq(slot_of(t, 1, &groups), 4, "then its mate in the aligned pair 4-5");
    for (int i = 2; i < 14; i++) /* then from the preferred slot on: 6..15, around to 0..1 */
        cr_assert_eq(slot_of(t, i, &groups), (4 + i) % 16, "key %d", i);
    for (int i = 0; i < 14; i++) cr_assert_eq(serve_ip(t, i), i + 1);
    sslb_binding b = ip_binding(0);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    add_ip(t, 40); /* slot 5 is free again: preferred over 2 and 3 */
    cr_assert_eq(slot_of(t, 40, &groups), 5);
    b = ip_binding(1);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    add_ip(t, 41); /* the preferred slot taken: its mate, free again, over 2 and 3 */
    cr_assert_eq(slot_of(t, 41, &groups), 4);
    add_ip(t, 42);
    cr_assert_eq(slot_of(t, 42, &groups), 2, "then the next free one, around the group");
    sslb_table_destroy(t);
}

Test(index, the_last_group_wraps_around_to_the_first)
{
    sslb_table *t = forced(0, LAST_GROUP);
    unsigned groups;

    for (int i = 0; i < 20; i++) add_ip(t, i);
    cr_assert_eq(info(t).cap, 32);
    for (int i = 0; i < 20; i++) {
        long want = i < 16 ? 16 + i : i - 16; /* slots 16..31, then 0..3 */
        cr_assert_eq(slot_of(t, i, &groups), want, "key %d", i);
        cr_assert_eq(groups, i < 16 ? 1u : 2u);
        cr_assert_eq(serve_ip(t, i), i + 1);
    }
    cr_assert_eq(slot_of(t, 99, &groups), -1);
    cr_assert_eq(groups, 2);
    sslb_table_destroy(t);
}

Test(index, a_tombstone_is_probed_past_then_reused)
{
    sslb_table *t = forced(0, 0);
    sslb_binding b;
    unsigned groups;
    size_t used;

    for (int i = 0; i < 20; i++) add_ip(t, i);
    b = ip_binding(3);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK); /* slot 3 becomes a tombstone */
    cr_assert_eq(info(t).tombs, 1);
    used = info(t).used;
    for (int i = 16; i < 20; i++) { /* a tombstone does not end a probe: group 0 has no empty */
        cr_assert_eq(slot_of(t, i, &groups), i);
        cr_assert_eq(groups, 2);
        cr_assert_eq(serve_ip(t, i), i + 1);
    }
    cr_assert_eq(serve_ip(t, 3), -1);
    b = ip_binding(17); /* bound beyond the tombstone: still a duplicate */
    cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_EEXISTS);
    cr_assert_eq(sslb_table_update(t, &b, NULL), SSLB_OK);
    add_ip(t, 50); /* a new key takes the first free slot of its probe: the tombstone */
    cr_assert_eq(slot_of(t, 50, &groups), 3);
    cr_assert_eq(info(t).tombs, 0);
    cr_assert_eq(info(t).used, used, "reusing a tombstone uses no new slot");
    cr_assert_eq(serve_ip(t, 50), 51);
    sslb_table_destroy(t);
}

/* The batch reads each probe's first group ahead and resolves from it (resolve.c's stages): a
 * key past that group, or past a tombstone in it, is still found, by the IP probe and by the
 * SNI one, and a key in neither is not; each batched answer is the single resolve's. */
Test(index, the_batch_probes_on_past_the_first_group_it_read)
{
    sslb_table *t = forced(0, 0); /* one hash and tag for every key: group 0 fills, then 1 */
    enum { N = 20, Q = 3 * N + 2 };
    sslb_query q[Q];
    sslb_lean out[Q];
    char names[N + 1][32];
    sslb_addr a[N + 1];

    for (int i = 0; i < N; i++) {
        char key[48];
        add_ip(t, i);
        snprintf(names[i], sizeof names[i], "h%d.example", i);
        snprintf(key, sizeof key, "%s:443", names[i]);
        put(t, SSLB_HOSTPORT, key, (uint8_t)(100 + i));
    }
    snprintf(names[N], sizeof names[N], "h%d.example", N);
    sslb_binding b = ip_binding(3); /* a tombstone in group 0, of each kind */
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    b = mkbind(SSLB_HOSTPORT, "h4.example:443", 0);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    for (int i = 0; i <= N; i++) {
        char addr[48];
        snprintf(addr, sizeof addr, "10.1.%d.%d", i / 250, i % 250 + 1);
        a[i] = mkaddr(addr);
    }
    sslb_addr stranger = mkaddr("10.9.9.9");
    for (int i = 0; i < N; i++) {
        q[3 * i] = (sslb_query){a[i], 443, NULL, 0};                                        /* the IP probe alone */
        q[3 * i + 1] = (sslb_query){stranger, 443, names[i], strlen(names[i])};             /* IP misses, SNI */
        q[3 * i + 2] = (sslb_query){a[i], 443, names[N - 1 - i], strlen(names[N - 1 - i])}; /* both */
    }
    q[Q - 2] = (sslb_query){a[N], 443, names[N], strlen(names[N])};
    q[Q - 1] = (sslb_query){a[N], 443, NULL, 0};
    for (int filtered = 0; filtered < 2; filtered++) {
        if (filtered) cr_assert_eq(sslb__table_force_filter(t, 1), SSLB_OK);
        sslb__table_force_prefetch(t, 1);
        size_t found = sslb_table_resolve_batch(t, Q, q, out), want = 0;
        for (int k = 0; k < Q; k++) {
            sslb_lean one;
            sslb_rc rc = sslb_table_resolve_lean(t, &q[k].local, q[k].port, q[k].sni, q[k].sni_len, &one);
            cr_assert_eq(out[k].rc, rc, "query %d", k);
            want += rc == SSLB_OK;
            if (rc == SSLB_OK) cr_assert_eq(out[k].certhash[0], one.certhash[0], "query %d", k);
        }
        cr_assert_eq(found, want);
        for (int i = 0; i < N; i++) { /* and the answers are the right ones */
            cr_assert_eq(out[3 * i].rc, i == 3 ? SSLB_ENOTFOUND : SSLB_OK, "key %d", i);
            if (i != 3) cr_assert_eq(out[3 * i].certhash[0], i + 1, "key %d", i);
            cr_assert_eq(out[3 * i + 1].rc, i == 4 ? SSLB_ENOTFOUND : SSLB_OK, "name %d", i);
            if (i != 4) cr_assert_eq(out[3 * i + 1].certhash[0], 100 + i, "name %d", i);
            if (i != 3) cr_assert_eq(out[3 * i + 2].certhash[0], i + 1, "key %d before its name", i);
            else cr_assert_eq(out[3 * i + 2].certhash[0], 100 + N - 1 - i, "the name, its address deleted");
        }
        cr_assert_eq(out[Q - 2].rc, SSLB_ENOTFOUND);
        cr_assert_eq(out[Q - 1].rc, SSLB_ENOTFOUND);
    }
    sslb_table_destroy(t);
}

Test(index, a_probe_stops_at_the_first_group_with_an_empty_slot)
{
    sslb_table *t = forced(0xff00000000000000ull, 0); /* one group, but each key its own tag */
    unsigned groups;

    for (int i = 0; i < 10; i++) add_ip(t, i);
    cr_assert_eq(info(t).cap, 16);
    for (int i = 10; i < 40; i++) {
        cr_assert_eq(slot_of(t, i, &groups), -1);
        cr_assert_eq(groups, 1, "the group has an empty slot: the miss ends there");
    }
    for (int i = 10; i < 20; i++) add_ip(t, i); /* 20 keys: group 0 full, 4 in group 1 */
    for (int i = 20; i < 40; i++) {
        cr_assert_eq(slot_of(t, i, &groups), -1);
        cr_assert_eq(groups, 2);
    }
    for (int i = 0; i < 20; i++) cr_assert_eq(serve_ip(t, i), i + 1);
    sslb_table_destroy(t);
}

Test(index, a_delete_leaves_a_tombstone_only_in_a_group_that_was_full)
{
    sslb_table *t = forced(0, 0);
    sslb__index_info in;
    unsigned groups;

    for (int i = 0; i < 10; i++) add_ip(t, i); /* group 0: 10 of 16 */
    for (int i = 0; i < 5; i++) {
        sslb_binding b = ip_binding(i);
        cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    }
    in = info(t);
    cr_assert_eq(in.tombs, 0, "the group has empty slots: no probe ever went past it");
    cr_assert_eq(in.used, 5);
    for (int i = 0; i < 10; i++) cr_assert_eq(serve_ip(t, i), i < 5 ? -1 : i + 1, "key %d", i);
    for (int i = 0; i < 5; i++) add_ip(t, i);

    for (int i = 10; i < 28; i++) add_ip(t, i); /* 28: group 0 full, 12 in group 1 (cap 32, 7/8) */
    in = info(t);
    cr_assert_eq(in.cap, 32);
    cr_assert_eq(in.used, 28);
    sslb_binding b = ip_binding(3);
    cr_assert_eq(slot_of(t, 3, &groups), 3);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK); /* group 0 was full: a tombstone */
    b = ip_binding(20);
    cr_assert_eq(slot_of(t, 20, &groups), 20);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK); /* group 1 has empties: empty again */
    in = info(t);
    cr_assert_eq(in.tombs, 1);
    cr_assert_eq(in.used, 27);
    for (int i = 16; i < 28; i++) { /* the tombstone keeps group 1's keys reachable */
        cr_assert_eq(slot_of(t, i, &groups), i == 20 ? -1 : i, "key %d", i);
        cr_assert_eq(serve_ip(t, i), i == 20 ? -1 : i + 1, "key %d", i);
    }
    add_ip(t, 50); /* the first free slot of its probe: the tombstone */
    cr_assert_eq(slot_of(t, 50, &groups), 3);
    cr_assert_eq(info(t).tombs, 0);
    cr_assert_eq(serve_ip(t, 50), 51);
    sslb_table_destroy(t);
}

/* Real hashes: a churning table keeps few tombstones, a rebuild drops them, and every key stays. */
Test(index, a_rebuild_drops_tombstones_and_keeps_every_key)
{
    sslb_table *t;
    sslb__index_info in;
    unsigned seed = 77;
    static unsigned char live[4000];
    size_t cap0, max_tombs = 0, rebuilds = 0;

    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    memset(live, 0, sizeof live);
    for (int i = 0; i < 1500; i++) {
        add_ip(t, i);
        live[i] = 1;
    }
    cap0 = info(t).cap;
    for (int n = 0; n < 20000; n++) {
        int i = (int)(rand_r(&seed) % 4000);
        sslb_binding b = ip_binding(i);
        size_t cap = info(t).cap;
        if (live[i]) cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
        else cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK);
        live[i] ^= 1;
        in = info(t);
        if (in.tombs > max_tombs) max_tombs = in.tombs;
        if (in.cap != cap) {
            rebuilds++;
            cr_assert_eq(in.tombs, 0, "a rebuild leaves no tombstone");
            cr_assert_eq(in.used, in.live);
        }
        cr_assert(in.used * 8 <= in.cap * 7, "load %zu of %zu", in.used, in.cap);
    }
    for (int i = 0; i < 4000; i++) cr_assert_eq(serve_ip(t, i), live[i] ? (uint8_t)(i + 1) : -1, "key %d", i);
    cr_assert_gt(rebuilds, 0, "the table grew from %zu slots", cap0);
    cr_assert_gt(max_tombs, 0, "some groups filled up");
    sslb_table_destroy(t);
}

/* ---- the read-side filter ----------------------------------------------------------------
 * Large indexes ask a blocked Bloom filter before their tags; sslb__table_force_filter gives
 * small ones one too. A probe the filter stops reads no group (sslb__table_probe's count: 0). */

static sslb_table *filtered(void)
{
    sslb_table *t;
    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    cr_assert_eq(sslb__table_force_filter(t, 1), SSLB_OK);
    cr_assert_gt(info(t).filter_words, 0);
    return t;
}

static sslb_binding host_binding(int i)
{
    char key[64];
    snprintf(key, sizeof key, "h%d.fabrikam.net:443", i);
    return mkbind(SSLB_HOSTPORT, key, (uint8_t)(i + 1));
}

static int serve_host(sslb_table *t, int i)
{
    char name[48];
    sslb_addr a = mkaddr("192.0.2.9");
    sslb_lean l;
    snprintf(name, sizeof name, "H%d.Fabrikam.NET", i);
    if (sslb_table_resolve_lean(t, &a, 443, name, strlen(name), &l) != SSLB_OK) return -1;
    return l.certhash[0];
}

Test(index, the_filter_never_hides_a_present_key_across_adds_deletes_and_growth)
{
    sslb_table *t = filtered();
    static unsigned char live[2][3000];
    unsigned seed = 5;
    uint32_t gen0 = info(t).gen;
    size_t cap0 = info(t).cap, refilters = 0, growths = 0;

    memset(live, 0, sizeof live);
    for (int n = 0; n < 30000; n++) {
        int host = n % 3 == 0, i = (int)(rand_r(&seed) % (n < 6000 ? 3000u : 1200u)); /* then churn fewer keys */
        sslb_binding b = host ? host_binding(i) : ip_binding(i);
        sslb__index_info before, after;
        sslb__table_index_info(t, host ? SSLB_HOSTPORT : SSLB_IPPORT, &before);
        if (live[host][i]) cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
        else cr_assert_eq(sslb_table_add(t, &b, NULL), SSLB_OK); /* an add after a delete: re-add */
        live[host][i] ^= 1;
        sslb__table_index_info(t, host ? SSLB_HOSTPORT : SSLB_IPPORT, &after);
        growths += after.cap != before.cap;
        refilters += after.cap == before.cap && after.gen != before.gen;
        cr_assert_gt(after.filter_words, 0, "every rebuild keeps the forced filter");
        if (n % 97 == 0 || after.gen != before.gen) {
            size_t pref;
            cr_assert_eq(sslb__table_index_scan(t, SSLB_IPPORT, &pref) +
                             sslb__table_index_scan(t, SSLB_HOSTPORT, &pref),
                         0, "op %d: a live key's filter bits are clear", n);
        }
        if (n % 997 == 0)
            for (int j = 0; j < 3000; j++) {
                cr_assert_eq(serve_ip(t, j), live[0][j] ? (uint8_t)(j + 1) : -1, "op %d: IP key %d", n, j);
                cr_assert_eq(serve_host(t, j), live[1][j] ? (uint8_t)(j + 1) : -1, "op %d: host key %d", n, j);
            }
    }
    for (int j = 0; j < 3000; j++) {
        cr_assert_eq(serve_ip(t, j), live[0][j] ? (uint8_t)(j + 1) : -1, "IP key %d", j);
        cr_assert_eq(serve_host(t, j), live[1][j] ? (uint8_t)(j + 1) : -1, "host key %d", j);
    }
    cr_assert_gt(growths, 2, "the indexes grew from %zu slots", cap0);
    cr_assert_gt(refilters, 0, "deletes made some filter stale (gen %u to %u)", gen0, info(t).gen);
    sslb_table_destroy(t);
}

Test(index, stale_filter_bits_trigger_a_rebuild_at_the_same_size)
{
    sslb_table *t = filtered();
    sslb__index_info in;
    unsigned groups;
    size_t cap, rebuilt_at = 0;
    int stopped = 0;

    for (int i = 0; i < 1000; i++) add_ip(t, i);
    in = info(t);
    cap = in.cap;
    cr_assert_eq(in.stale, 0);
    for (int i = 0; i < 800; i++) {
        sslb_binding b = ip_binding(i);
        uint32_t gen = info(t).gen;
        cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
        in = info(t);
        cr_assert_eq(in.cap, cap, "deletes never resize");
        /* the bound: deleted keys' bits past half the live keys and an eighth of the slots */
        cr_assert(!(in.stale > in.live / 2 && in.stale >= in.cap / 8), "delete %d: stale %zu, live %zu", i, in.stale,
                  in.live);
        if (in.gen != gen) {
            cr_assert_eq(in.stale, 0, "a fresh filter");
            cr_assert_eq(in.tombs, 0);
            if (!rebuilt_at) rebuilt_at = (size_t)i + 1;
        }
    }
    cr_assert_gt(rebuilt_at, 0, "stale bits rebuilt the index");
    cr_assert_geq(rebuilt_at, cap / 8, "not before an eighth of the slots' deletes (amortised O(1))");
    /* The rebuilt filter forgot most deleted keys: their probes read no group. */
    for (int i = 0; i < (int)rebuilt_at - 1; i++) {
        cr_assert_eq(slot_of(t, i, &groups), -1);
        stopped += groups == 0;
    }
    cr_assert_gt(stopped, (int)rebuilt_at * 8 / 10, "%d of %zu deleted keys stopped by the filter", stopped,
                 rebuilt_at - 1);
    for (int i = 0; i < 1000; i++) cr_assert_eq(serve_ip(t, i), i < 800 ? -1 : (uint8_t)(i + 1), "key %d", i);
    sslb_table_destroy(t);
}

Test(index, the_filter_stops_most_absent_keys_before_the_tags)
{
    sslb_table *t = filtered();
    unsigned groups;
    int stopped = 0;

    for (int i = 0; i < 2000; i++) add_ip(t, i);
    for (int i = 0; i < 2000; i++) {
        cr_assert_geq(slot_of(t, i, &groups), 0, "key %d", i);
        cr_assert_geq(groups, 1, "a present key is looked up in the tags");
    }
    for (int i = 2000; i < 12000; i++) {
        cr_assert_eq(slot_of(t, i, &groups), -1);
        stopped += groups == 0;
    }
    /* 9 to 13 bits per key, 3 of them set: a few percent false positives */
    cr_assert_gt(stopped, 9000, "%d of 10000 absent keys stopped", stopped);
    sslb_table_destroy(t);
}

Test(index, only_indexes_too_large_for_the_caches_have_a_filter)
{
    sslb_table *t;
    sslb__index_info in;
    int saw_small = 0;

    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    for (int i = 0; i < 62000; i++) {
        add_ip(t, i);
        if (i % 1000) continue;
        in = info(t);
        cr_assert_eq(in.filter_words > 0, in.cap * 64 >= ((size_t)4 << 20), "cap %zu", in.cap);
        saw_small |= in.filter_words == 0;
    }
    in = info(t);
    cr_assert(saw_small);
    cr_assert_gt(in.filter_words, 0, "cap %zu", in.cap);
    cr_assert_eq(sslb__table_index_scan(t, SSLB_IPPORT, &in.live), 0);
    for (int i = 0; i < 62000; i += 7) cr_assert_eq(serve_ip(t, i), (uint8_t)(i + 1), "key %d", i);
    sslb_table_destroy(t);
}

/* A rebuild lays out an unpublished index freely: the keys whose preferred pair of slots has a
 * free slot go there first. Real hashes at load 5/8: about 85 % of the keys in their pair (bins
 * of two; a single preferred slot would hold at most 74 %). */
Test(index, a_rebuild_puts_keys_in_their_preferred_slot_first)
{
    sslb_table *t;
    sslb__index_info in;
    size_t cap, pref;

    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    for (int i = 0; i < 3000; i++) add_ip(t, i);
    cap = info(t).cap;
    for (int i = 3000; info(t).cap == cap; i++) add_ip(t, i); /* up to the next growth */
    in = info(t);
    cr_assert_eq(sslb__table_index_scan(t, SSLB_IPPORT, &pref), 0);
    cr_assert_gt(pref * 100, in.live * 82, "%zu of %zu keys in their preferred pair", pref, in.live);
    sslb_table_destroy(t);
}

/* ---- homes: records in the slot's entry, out of line only until a grace period ends ---- */

static sslb__index_info kind_info(sslb_table *t, sslb_kind k)
{
    sslb__index_info in;
    sslb__table_index_info(t, k, &in);
    return in;
}

Test(index, records_live_at_home_and_come_back_after_an_update)
{
    sslb_table *t;
    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    for (int i = 0; i < 100; i++) add_ip(t, i);
    cr_assert_eq(info(t).over, 0, "added into fresh slots: every record at home");

    for (int i = 0; i < 10; i++) { /* readers may be reading the home: the new record waits out of line */
        sslb_binding b = ip_binding(i);
        memset(b.params.certhash, 200 + i, SSLB_CERTHASH_LEN);
        cr_assert_eq(sslb_table_update(t, &b, NULL), SSLB_OK);
        if (i == 0) cr_assert_eq(info(t).over, 1, "no grace period can have ended yet");
    }
    cr_assert(info(t).over <= 10);
    for (int i = 0; i < 10; i++) cr_assert_eq(serve_ip(t, i), 200 + i, "key %d sees its update", i);
    sslb_table_quiesce(t); /* the grace periods have ended: folded home */
    cr_assert_eq(info(t).over, 0);
    for (int i = 0; i < 100; i++) cr_assert_eq(serve_ip(t, i), i < 10 ? 200 + i : i + 1, "key %d", i);

    for (int round = 0; round < 3; round++) /* updated again and again before any grace period */
        for (int i = 0; i < 10; i++) {
            sslb_binding b = ip_binding(i);
            memset(b.params.certhash, 100 + round * 10 + i, SSLB_CERTHASH_LEN);
            cr_assert_eq(sslb_table_update(t, &b, NULL), SSLB_OK);
            cr_assert_eq(serve_ip(t, i), 100 + round * 10 + i);
        }
    sslb_table_quiesce(t);
    cr_assert_eq(info(t).over, 0);
    for (int i = 0; i < 10; i++) cr_assert_eq(serve_ip(t, i), 120 + i);
    sslb_table_destroy(t);
}

Test(index, a_slot_reused_at_once_keeps_the_new_record_out_of_line_until_the_grace_period)
{
    sslb_table *t = forced(0, 0);
    sslb_binding b;
    unsigned groups;

    for (int i = 0; i < 5; i++) add_ip(t, i);
    b = ip_binding(4);
    cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    add_ip(t, 9); /* the same slot: a reader may still be reading key 4 there */
    cr_assert_eq(slot_of(t, 9, &groups), 4);
    cr_assert_eq(serve_ip(t, 9), 10);
    cr_assert_eq(serve_ip(t, 4), -1);
    sslb_table_quiesce(t);
    cr_assert_eq(info(t).over, 0);
    cr_assert_eq(serve_ip(t, 9), 10);
    sslb_table_destroy(t);
}

/* The event numbers that time the homes' grace periods, past 2^31 and 2^32 events (moved by the
 * test hook as that many updates of other keys would, all past their grace period): folds go on.
 * With 32-bit numbers every older slot then looked busy for good, its fold blocked the ring's
 * head, and no record came home again, not even after a growth. */
static void folds_go_on_after(uint64_t events)
{
    sslb_table *t;
    sslb_binding b;

    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    for (int i = 0; i < 20; i++) add_ip(t, i);
    sslb_table_quiesce(t);
    sslb__table_advance_events(t, events, 1);
    add_ip(t, 300); /* into a slot never used, whose number is from before the jump */
    for (int round = 0; round < 50; round++)
        for (int i = 0; i < 20; i++) {
            b = ip_binding(i);
            memset(b.params.certhash, 100 + round, SSLB_CERTHASH_LEN);
            cr_assert_eq(sslb_table_update(t, &b, NULL), SSLB_OK);
        }
    sslb_table_quiesce(t);
    cr_assert_eq(info(t).over, 0, "after %llu events: %zu records left out of line", (unsigned long long)events,
                 info(t).over);
    cr_assert_eq(info(t).folds, 0, "after %llu events: %zu folds queued", (unsigned long long)events, info(t).folds);
    for (int i = 0; i < 20; i++) cr_assert_eq(serve_ip(t, i), 149, "key %d", i);
    cr_assert_eq(serve_ip(t, 300), (300 + 1) & 0xff);

    for (int i = 400; i < 600; i++) add_ip(t, i); /* a growth, then more updates */
    for (int i = 0; i < 20; i++) {
        b = ip_binding(i);
        memset(b.params.certhash, 7, SSLB_CERTHASH_LEN);
        cr_assert_eq(sslb_table_update(t, &b, NULL), SSLB_OK);
    }
    sslb_table_quiesce(t);
    cr_assert_eq(info(t).over, 0);
    cr_assert_eq(info(t).folds, 0);
    for (int i = 0; i < 20; i++) cr_assert_eq(serve_ip(t, i), 7, "key %d", i);
    sslb_table_destroy(t);
}

Test(index, records_come_home_after_2_to_the_31_events_and_more)
{
    folds_go_on_after(((uint64_t)1 << 31) + 1);
    folds_go_on_after(((uint64_t)1 << 32) - 3);
    folds_go_on_after(((uint64_t)1 << 32) + ((uint64_t)1 << 31) + 7);
}

/* A fold note for an index since rebuilt is dropped at once, whatever its number: a growth
 * right after updates leaves no note behind, and no later one waits behind it. A read-side
 * section stays open throughout, so no note's grace period can end: only dropping the moot
 * notes first (before looking at their numbers) empties the ring before it closes. */
Test(index, a_growth_drops_the_notes_of_the_index_it_replaced)
{
    sslb_table *t;
    sslb_binding b;

    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    for (int i = 0; i < 20; i++) add_ip(t, i);
    cr_assert_eq(serve_ip(t, 0), 1); /* resolve registers this thread with RCU */
    urcu_memb_read_lock();           /* open before the updates: it may be reading the homes */
    for (int i = 0; i < 20; i++) {   /* out of line, each with a note */
        b = ip_binding(i);
        memset(b.params.certhash, 50, SSLB_CERTHASH_LEN);
        cr_assert_eq(sslb_table_update(t, &b, NULL), SSLB_OK);
    }
    cr_assert_gt(info(t).folds, 0, "the updates queued no note");
    for (int i = 400; i < 600; i++) add_ip(t, i); /* a growth, then writes that fold */
    cr_assert_eq(info(t).over, 0, "the rebuilt index holds them at home");
    cr_assert_eq(info(t).folds, 0, "%zu notes of the replaced index left in the ring", info(t).folds);
    urcu_memb_read_unlock();
    sslb_table_quiesce(t);
    cr_assert_eq(info(t).over, 0);
    cr_assert_eq(info(t).folds, 0);
    for (int i = 0; i < 20; i++) cr_assert_eq(serve_ip(t, i), 50, "key %d", i);
    sslb_table_destroy(t);
}

Test(index, long_host_names_live_out_of_line_and_survive_growth)
{
    sslb_table *t;
    char name[128], key[140];
    sslb_addr a = mkaddr("10.9.9.9");
    sslb_match m;

    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    for (int i = 0; i < 60; i++) { /* lengths 40..99: the ones over 79 do not fit at home */
        size_t len = 40 + (size_t)i;
        memset(name, 'a' + i % 26, len);
        name[0] = (char)('a' + i / 26);
        name[len] = '\0';
        name[len / 2] = '.';
        snprintf(key, sizeof key, "%s:443", name);
        put(t, SSLB_HOSTPORT, key, (uint8_t)(i + 1));
    }
    sslb_table_quiesce(t);
    cr_assert_eq(kind_info(t, SSLB_HOSTPORT).over, 20, "names of 80..99 characters");
    for (int i = 0; i < 60; i++) {
        size_t len = 40 + (size_t)i;
        memset(name, 'A' + i % 26, len);
        name[0] = (char)('a' + i / 26);
        name[len] = '\0';
        name[len / 2] = '.';
        cr_assert_eq(sslb_table_resolve(t, &a, 443, name, len, &m, NULL), SSLB_OK, "%s", name);
        cr_assert_eq(m.certhash[0], i + 1);
        cr_assert_eq(m.binding.key.host_len, len);
    }
    sslb_table_destroy(t);
}

/* With every hash and tag equal, only the whole key tells bindings apart: address family,
 * address, host name of the same length, port. */
Test(index, equal_hashes_compare_whole_keys)
{
    sslb_table *t = forced(0, 0);
    sslb_match m;
    sslb_addr a;

    put(t, SSLB_IPPORT, "10.0.0.1:443", 1);
    put(t, SSLB_IPPORT, "[a00:1::]:443", 2); /* the same 16 address bytes, but IPv6 */
    put(t, SSLB_IPPORT, "10.0.0.1:8443", 3);
    put(t, SSLB_HOSTPORT, "a.contoso.com:443", 4);
    put(t, SSLB_HOSTPORT, "b.contoso.com:443", 5);
    put(t, SSLB_CCS, "443", 6);
    put(t, SSLB_CCS, "444", 7);
    a = mkaddr("10.0.0.1");
    cr_assert_eq(sslb_table_resolve(t, &a, 443, NULL, 0, &m, NULL), SSLB_OK);
    cr_assert_eq(m.certhash[0], 1);
    cr_assert_eq(sslb_table_resolve(t, &a, 8443, NULL, 0, &m, NULL), SSLB_OK);
    cr_assert_eq(m.certhash[0], 3);
    a = mkaddr("a00:1::");
    cr_assert_eq(sslb_table_resolve(t, &a, 443, NULL, 0, &m, NULL), SSLB_OK);
    cr_assert_eq(m.certhash[0], 2);
    a = mkaddr("10.9.9.9");
    cr_assert_eq(sslb_table_resolve(t, &a, 443, "B.contoso.com", 13, &m, NULL), SSLB_OK);
    cr_assert_eq(m.certhash[0], 5);
    cr_assert_eq(sslb_table_resolve(t, &a, 443, "c.contoso.com", 13, &m, NULL), SSLB_ENOTFOUND);
    sslb_table_destroy(t);
}

Test(index, forcing_the_hash_needs_an_empty_table)
{
    sslb_table *t;
    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    put(t, SSLB_CCS, "443", 1);
    cr_assert_eq(sslb__table_force_hash(t, 0, 0), SSLB_EINVAL);
    sslb_table_destroy(t);
}

/* ---- under concurrent readers ----------------------------------------------------------------
 * Every key gets one tag and starts its probe in the last group, so probes walk long,
 * overlapping chains that wrap around to group 0. Readers
 * resolve all the time; each answer must be the key asked for, untorn, and the stable keys (IP
 * and SNI, updated all along) must never be missing. Meanwhile the writer runs rounds of:
 * fill the IP index with churning keys (the first round grows it 16 → 32 → 48 → 80), deleting
 * and re-adding one now and then; delete them all (tombstones in the groups that were full, empty
 * slots in the others); the next round reuses the tombstones. Updates of stable keys move their
 * records out of line and back home as grace periods end. */

#define STABLE_KEYS 8 /* IP keys 0..7 and host keys 0..7 */
#define CHURN_KEYS 48 /* IP keys 8..55 */
#define ROUNDS 40
#define CREADERS 2

struct cworld {
    sslb_table *t;
    int done;              /* atomic */
    long bad, hits, reads; /* atomic */
    char first_bad[128];   /* written once, under fail_lock */
    pthread_mutex_t fail_lock;
    uint8_t version[STABLE_KEYS + CHURN_KEYS][2];
    unsigned seed;
    size_t rebuilds, empties, reuses, max_tombs, cap, used;
};

/* Key k, a host name (host 1) or an IP address; certificate hash k, then 19 × version. */
static sslb_binding cbinding(int k, int host, uint8_t version)
{
    sslb_binding b;
    char key[64];
    if (host) snprintf(key, sizeof key, "stable%d.contoso.com:443", k);
    else snprintf(key, sizeof key, "10.2.0.%d:443", k + 1);
    b = mkbind(host ? SSLB_HOSTPORT : SSLB_IPPORT, key, (uint8_t)k);
    for (int i = 1; i < SSLB_CERTHASH_LEN; i++) b.params.certhash[i] = version;
    b.params.appid.b[0] = version;
    return b;
}

static void cbad(struct cworld *w, const char *what, int k, int got)
{
    pthread_mutex_lock(&w->fail_lock);
    if (!w->first_bad[0]) snprintf(w->first_bad, sizeof w->first_bad, "key %d: %s (got key %d)", k, what, got);
    pthread_mutex_unlock(&w->fail_lock);
    __atomic_fetch_add(&w->bad, 1, __ATOMIC_RELAXED);
}

static void *creader(void *p)
{
    struct cworld *w = p;
    unsigned seed = (unsigned)(uintptr_t)&seed;
    sslb_match m;

    while (!__atomic_load_n(&w->done, __ATOMIC_ACQUIRE)) {
        int host = rand_r(&seed) % 4 == 0, torn = 0;
        int k = (int)(rand_r(&seed) % (host ? STABLE_KEYS : STABLE_KEYS + CHURN_KEYS));
        char name[64];
        sslb_addr a;
        sslb_rc rc;
        if (host) {
            snprintf(name, sizeof name, "stable%d.contoso.com", k);
            a = mkaddr("10.9.9.9");
            rc = sslb_table_resolve(w->t, &a, 443, name, strlen(name), &m, NULL);
        } else {
            snprintf(name, sizeof name, "10.2.0.%d", k + 1);
            a = mkaddr(name);
            rc = sslb_table_resolve(w->t, &a, 443, NULL, 0, &m, NULL);
        }
        __atomic_fetch_add(&w->reads, 1, __ATOMIC_RELAXED);
        if (rc != SSLB_OK) {
            if (k < STABLE_KEYS) cbad(w, "missing", k, -1);
            continue;
        }
        for (int i = 2; i < SSLB_CERTHASH_LEN; i++) torn |= m.certhash[i] != m.certhash[1];
        if (m.certhash[0] != k || m.binding.key.kind != (host ? SSLB_HOSTPORT : SSLB_IPPORT))
            cbad(w, "another key's binding", k, m.certhash[0]);
        if (torn || m.binding.params.appid.b[0] != m.certhash[1]) cbad(w, "torn", k, m.certhash[0]);
        __atomic_fetch_add(&w->hits, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

/* One write, then what it did to the IP index. */
static void cwrite(struct cworld *w, int op, int k, int host)
{
    sslb_binding b = cbinding(k, host, ++w->version[k][host]);
    sslb__index_info in;
    size_t tombs;

    sslb__table_index_info(w->t, SSLB_IPPORT, &in);
    tombs = in.tombs;
    if (op == 'a') cr_assert_eq(sslb_table_add(w->t, &b, NULL), SSLB_OK, "add %d", k);
    if (op == 'u') cr_assert_eq(sslb_table_update(w->t, &b, NULL), SSLB_OK, "update %d", k);
    if (op == 'd') cr_assert_eq(sslb_table_delete(w->t, &b.key), SSLB_OK, "delete %d", k);
    sslb__table_index_info(w->t, SSLB_IPPORT, &in);
    if (in.cap != w->cap) w->rebuilds++;
    if (op == 'd' && in.used + 1 == w->used) w->empties++; /* a delete that left no tombstone */
    if (op == 'a' && in.tombs + 1 == tombs && in.used == w->used) w->reuses++;
    if (in.tombs > w->max_tombs) w->max_tombs = in.tombs;
    w->cap = in.cap;
    w->used = in.used;
    if (op != 'u') { /* and a stable key changes too */
        int s = (int)(rand_r(&w->seed) % STABLE_KEYS), h = (int)(rand_r(&w->seed) % 2);
        b = cbinding(s, h, ++w->version[s][h]);
        cr_assert_eq(sslb_table_update(w->t, &b, NULL), SSLB_OK);
    }
}

static void cwriter(struct cworld *w)
{
    for (int round = 0; round < ROUNDS; round++) {
        int k = STABLE_KEYS;
        /* fill: the first round grows 16 → 32 → 48 → 80 slots; later rounds reuse tombstones */
        for (; k < STABLE_KEYS + CHURN_KEYS; k++) {
            cwrite(w, 'a', k, 0);
            if (k % 5 == 0) { /* deleted and re-added at once: an empty slot or a tombstone, reused */
                cwrite(w, 'd', k, 0);
                cwrite(w, 'a', k, 0);
            }
        }
        cr_assert_eq(w->used, STABLE_KEYS + CHURN_KEYS, "round %d filled %zu slots of %zu", round, w->used, w->cap);
        while (k-- > STABLE_KEYS) cwrite(w, 'd', k, 0); /* tombstones in full groups, empties after */
    }
}

Test(index, readers_find_every_binding_while_collisions_churn, .timeout = 300)
{
    struct cworld w;
    pthread_t rt[CREADERS];
    sslb__index_info in;

    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.fail_lock, NULL);
    w.seed = 4242;
    w.t = forced(0, LAST_GROUP);
    for (int k = 0; k < STABLE_KEYS; k++)
        for (int host = 0; host < 2; host++) {
            sslb_binding b = cbinding(k, host, w.version[k][host] = 1);
            cr_assert_eq(sslb_table_add(w.t, &b, NULL), SSLB_OK);
        }
    sslb__table_index_info(w.t, SSLB_IPPORT, &in);
    w.cap = in.cap;
    w.used = in.used;
    for (int i = 0; i < CREADERS; i++) pthread_create(&rt[i], NULL, creader, &w);
    while (__atomic_load_n(&w.reads, __ATOMIC_RELAXED) < 1000) /* the readers run */
        sched_yield();
    cwriter(&w);
    __atomic_store_n(&w.done, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < CREADERS; i++) pthread_join(rt[i], NULL);
    cr_assert_eq(w.bad, 0, "%ld of %ld answers wrong; first: %s", w.bad, w.reads, w.first_bad);
    cr_assert_gt(w.hits, 1000);
    cr_assert_geq(w.rebuilds, 3, "rebuilds: %zu", w.rebuilds);
    cr_assert_geq(w.empties, ROUNDS, "deletes without a tombstone: %zu", w.empties);
    cr_assert_geq(w.reuses, ROUNDS, "tombstones reused: %zu", w.reuses);
    cr_assert_geq(w.max_tombs, CHURN_KEYS / 2, "tombstones at once: %zu", w.max_tombs);
    sslb_table_destroy(w.t);
}

/* The batched resolve against the single lean one, query by query, on tables whose keys collide
 * (forced hashes over several groups), with and without filters, the staged batch forced
 * (sslb__table_force_prefetch: the bench smoke's small tables are resolved one by one), through
 * adds, updates, deletes, long names out of line, IPv6 and mapped addresses, empty SNI, ports
 * with no binding, CCS and scoped CCS; and the central store is never asked inside a read-side
 * section (the batch resolves a query reaching it again after the chunk's section). From review
 * 26. */
static int central_in_section; /* the central store was asked inside a read-side section */

static int diff_find(void *ctx, const char *name, uint8_t thumb[SSLB_CERTHASH_LEN])
{
    (void)ctx;
    size_t n = strlen(name);
    central_in_section |= urcu_memb_read_ongoing(); /* it may touch the disk: never under RCU */
    if (n % 2) {
        memset(thumb, 0xc0 + (int)(n % 16), SSLB_CERTHASH_LEN);
        return 1;
    } /* a file for odd lengths */
    return 0;
}
static sslb_central diff_cen = {diff_find, NULL};

static void diff_name(int v, char *out, size_t n)
{
    int len = v % 3 == 0 ? 100 + v % 140 : 0; /* a third long: out of line */
    if (len) {
        size_t k = (size_t)snprintf(out, n, "n%d.", v);
        while ((int)k < len) {
            out[k] = (char)(k % 50 == 49 ? '.' : 'a' + (k % 26));
            k++;
        }
        if (out[k - 1] == '.') out[k - 1] = 'z';
        snprintf(out + k, n - k, ".example");
    } else snprintf(out, n, "%s%d.example", v % 2 ? "x." : "", v);
}

/* buf: 64 bytes */
static const char *diff_addr(int v, char *buf)
{
    if (v % 4 == 0) snprintf(buf, 64, "10.2.%d.%d", v / 200, v % 200 + 1);
    else if (v % 4 == 1) snprintf(buf, 64, "2001:db8::%x", v + 1);
    else if (v % 4 == 2) snprintf(buf, 64, "10.3.0.%d", v % 250 + 1);
    else snprintf(buf, 64, "fe80::%x", v + 1);
    return buf;
}

Test(index, the_batch_answers_as_the_single_lean_resolve)
{
    static const uint64_t masks[][2] = {{~0ull, 0},
                                        {0xfffffff000000000ull, 0},
                                        {0xff0000f000000000ull, 0},
                                        {0x0000fff000000000ull, 0x4200000000000000ull}};
    static const uint16_t ports[] = {443, 8443, 80, 444};
    unsigned seed = 26;
    long compared = 0, hits = 0, step3 = 0;
    for (int mi = 0; mi < 4; mi++)
        for (int filt = 0; filt < 2; filt++) {
            sslb_table *t = forced(masks[mi][0], masks[mi][1]);
            sslb_table_set_central(t, &diff_cen);
            sslb__table_force_prefetch(t, 1);
            if (filt) cr_assert_eq(sslb__table_force_filter(t, 1), SSLB_OK);
            for (int round = 0; round < 60; round++) {
                for (int op = 0; op < 12; op++) { /* adds, updates (out of line), deletes (tombstones) */
                    char key[400], nm[300], ab[64];
                    int kind = (int)(rand_r(&seed) % 6), v = (int)(rand_r(&seed) % 60);
                    uint16_t port = ports[rand_r(&seed) % 4];
                    if (port == 80) port = 443; /* port 80: never bound */
                    if (kind <= 1) {
                        if (v >= 56) snprintf(key, sizeof key, v % 2 ? "[::]:%u" : "0.0.0.0:%u", port);
                        else if (v % 2) snprintf(key, sizeof key, "[%s]:%u", diff_addr(v, ab), port);
                        else snprintf(key, sizeof key, "%s:%u", diff_addr(v, ab), port);
                        kind = SSLB_IPPORT;
                    } else if (kind <= 3) {
                        diff_name(v, nm, sizeof nm);
                        snprintf(key, sizeof key, "%s:%u", nm, port);
                        kind = SSLB_HOSTPORT;
                    } else if (kind == 4) {
                        if (port != 444) continue;
                        snprintf(key, sizeof key, "%u", port);
                        kind = SSLB_CCS;
                    } else {
                        diff_name(v, nm, sizeof nm);
                        snprintf(key, sizeof key, "%s:%u", nm, port == 443 ? 444 : port);
                        kind = SSLB_SCOPEDCCS;
                    }
                    sslb_binding b = mkbind((sslb_kind)kind, key, (uint8_t)(1 + rand_r(&seed) % 250));
                    if (rand_r(&seed) % 3 == 0) (void)sslb_table_delete(t, &b.key);
                    else if (sslb_table_add(t, &b, NULL) == SSLB_EEXISTS) (void)sslb_table_update(t, &b, NULL);
                }
                if (round % 7 == 3) sslb_table_quiesce(t);
                enum { Q = 50 };
                sslb_query q[Q];
                char sni[Q][300];
                sslb_lean out[Q], one;
                for (int i = 0; i < Q; i++) {
                    char ab[64];
                    int v = (int)(rand_r(&seed) % 64), s = (int)(rand_r(&seed) % 64);
                    const char *a = v >= 60   ? (v % 2 ? "::" : "0.0.0.0")
                                    : v == 59 ? "::ffff:10.2.0.1"
                                              : diff_addr(v, ab);
                    q[i].local = mkaddr(a);
                    q[i].port = ports[rand_r(&seed) % 4];
                    if (s >= 56) sni[i][0] = 0;
                    else {
                        diff_name(s, sni[i], sizeof sni[i]);
                        if (s % 5 == 0)
                            for (char *p = sni[i]; *p; p++) *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
                        if (s % 7 == 0) snprintf(sni[i] + strlen(sni[i]), sizeof sni[i] - strlen(sni[i]), ".");
                    }
                    q[i].sni = sni[i][0] ? sni[i] : NULL;
                    q[i].sni_len = strlen(sni[i]);
                }
                size_t n = 1 + rand_r(&seed) % Q, want = 0;
                size_t got = sslb_table_resolve_batch(t, n, q, out);
                for (size_t i = 0; i < n; i++) {
                    sslb_rc rc = sslb_table_resolve_lean(t, &q[i].local, q[i].port, q[i].sni, q[i].sni_len, &one);
                    cr_assert_eq(out[i].rc, rc, "mask %d filt %d round %d query %zu", mi, filt, round, i);
                    want += rc == SSLB_OK;
                    compared++;
                    if (rc != SSLB_OK) continue;
                    hits++;
                    step3 += one.step == 3;
                    cr_assert_eq(out[i].step, one.step);
                    cr_assert_eq(out[i].kind, one.kind);
                    cr_assert_eq(out[i].central, one.central);
                    cr_assert_eq(memcmp(out[i].certhash, one.certhash, SSLB_CERTHASH_LEN), 0);
                    cr_assert_str_eq(out[i].central_file, one.central_file);
                }
                cr_assert_eq(got, want);
            }
            sslb_table_destroy(t);
        }
    cr_assert_gt(hits, 1000, "compared %ld, hits %ld", compared, hits);
    cr_assert_gt(step3, 100, "step 3 hits %ld", step3);
    cr_assert_not(central_in_section, "the central store was asked inside a read-side section");
}
