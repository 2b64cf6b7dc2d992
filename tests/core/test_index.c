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

Test(index, a_rebuild_drops_tombstones_and_keeps_every_key)
{
    sslb_table *t = forced(0, 0);
    sslb__index_info in;

    for (int i = 0; i < 12; i++) add_ip(t, i); /* 12 of 16: the most a 16-slot index holds */
    for (int i = 0; i < 10; i++) {
        sslb_binding b = ip_binding(i);
        cr_assert_eq(sslb_table_delete(t, &b.key), SSLB_OK);
    }
    in = info(t);
    cr_assert_eq(in.cap, 16);
    cr_assert_eq(in.tombs, 10);
    cr_assert_eq(in.used, 12);
    add_ip(t, 12); /* used would pass 3/4: rebuild, at the same size, without the tombstones */
    in = info(t);
    cr_assert_eq(in.cap, 16);
    cr_assert_eq(in.tombs, 0);
    cr_assert_eq(in.live, 3);
    cr_assert_eq(in.used, 3);
    for (int i = 0; i < 13; i++) cr_assert_eq(serve_ip(t, i), i < 10 ? -1 : i + 1, "key %d", i);
    for (int i = 13; i < 23; i++) add_ip(t, i); /* 13 live: grows to 32 */
    in = info(t);
    cr_assert_eq(in.cap, 32);
    cr_assert_eq(in.live, 13);
    for (int i = 10; i < 23; i++) cr_assert_eq(serve_ip(t, i), i + 1, "key %d", i);
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
 * Every key gets one tag and starts its probe in one of the last two groups (bit 4 of its real
 * hash chooses), so probes walk long, overlapping chains that wrap around to group 0. Readers
 * resolve all the time; each answer must be the key asked for, untorn, and the stable keys (IP
 * and SNI, updated all along) must never be missing. Meanwhile the writer runs rounds of:
 * fill the IP index with churning keys to 3/4 (growth rebuilds 32 → 64), deleting and re-adding
 * one now and then (a tombstone reused); delete them all (tombstones); the next round's first
 * add rebuilds without them, smaller. */

#define STABLE_KEYS 8 /* IP keys 0..7 and host keys 0..7 */
#define CHURN_KEYS 48 /* IP keys 8..55 */
#define ROUNDS 40
#define CREADERS 2
#define TWO_LAST_GROUPS 0x10ull, (LAST_GROUP & ~0x10ull)

struct cworld {
    sslb_table *t;
    int done;              /* atomic */
    long bad, hits, reads; /* atomic */
    char first_bad[128];   /* written once, under fail_lock */
    pthread_mutex_t fail_lock;
    uint8_t version[STABLE_KEYS + CHURN_KEYS][2];
    unsigned seed;
    size_t rebuilds, shrinks, reuses, max_tombs, cap, used;
};

/* Key k, a host name (host 1) or an IP address; certificate hash k, then 19 × version. */
static sslb_binding cbinding(int k, int host, uint8_t version)
{
    sslb_binding b;
    char key[64];
    if (host)
        snprintf(key, sizeof key, "stable%d.contoso.com:443", k);
    else
        snprintf(key, sizeof key, "10.2.0.%d:443", k + 1);
    b = mkbind(host ? SSLB_HOSTPORT : SSLB_IPPORT, key, (uint8_t)k);
    for (int i = 1; i < SSLB_CERTHASH_LEN; i++) b.params.certhash[i] = version;
    b.params.appid.b[0] = version;
    return b;
}

static void cbad(struct cworld *w, const char *what, int k, int got)
{
    pthread_mutex_lock(&w->fail_lock);
    if (!w->first_bad[0])
        snprintf(w->first_bad, sizeof w->first_bad, "key %d: %s (got key %d)", k, what, got);
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
    if (in.cap != w->cap || in.used < w->used) w->rebuilds++; /* only a rebuild lowers used */
    if (in.cap < w->cap) w->shrinks++;
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
        do { /* the first add of a round meets last round's tombstones: a rebuild, smaller */
            cwrite(w, 'a', k, 0);
            if (k % 5 == 0 && w->used * 4 < w->cap * 3) { /* a tombstone, reused at once */
                cwrite(w, 'd', k, 0);
                cwrite(w, 'a', k, 0);
            }
            k++;
        } while (!(w->cap == 64 && w->used * 4 == w->cap * 3) && k < STABLE_KEYS + CHURN_KEYS);
        cr_assert_eq(w->used, 48, "round %d filled %zu slots of %zu", round, w->used, w->cap);
        while (k-- > STABLE_KEYS) cwrite(w, 'd', k, 0);
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
    w.t = forced(TWO_LAST_GROUPS);
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
    cr_assert_geq(w.shrinks, ROUNDS - 1, "rebuilds that dropped the tombstones: %zu", w.shrinks);
    cr_assert_geq(w.rebuilds, 2 * ROUNDS - 1, "rebuilds: %zu", w.rebuilds);
    cr_assert_geq(w.reuses, ROUNDS, "tombstones reused: %zu", w.reuses);
    cr_assert_geq(w.max_tombs, CHURN_KEYS / 2, "tombstones at once: %zu", w.max_tombs);
    sslb_table_destroy(w.t);
}
