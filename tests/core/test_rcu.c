/* test_rcu.c — readers resolve while a writer adds, updates and deletes (run under TSan too).
 *
 * Every binding carries (key index, version) in its hash and AppId; the writer publishes a key's
 * version before it writes it. A reader checks that each answer is a binding the table really
 * held: the right key, an untorn record (hash and AppId agree), a version already published and
 * never older than one this reader saw before. Keys that are only ever updated must never be
 * missing.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "sslb/table.h"

#define NKEYS 64
#define STABLE 32 /* keys 0..31 are only updated; 32..63 are deleted and re-added */
#define WRITES 20000
#define READERS 3

struct world {
    sslb_table *t;
    uint32_t published[NKEYS]; /* atomic: highest version written for each key */
    int done;                  /* atomic */
    long reads[READERS], hits[READERS];
    char failure[256];         /* first failure, written once under fail_lock */
    pthread_mutex_t fail_lock;
};

static void key_name(int k, char *buf, size_t n, int sni)
{
    if (sni)
        snprintf(buf, n, "host%d.contoso.com", k);
    else
        snprintf(buf, n, "10.0.%d.%d", k / 8, k % 8 + 1);
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

static void *reader(void *p)
{
    struct reader_arg *ra = p;
    struct world *w = ra->w;
    uint32_t seen[NKEYS] = {0};
    unsigned seed = (unsigned)ra->id * 7919u + 1;
    sslb_match m;

    while (!__atomic_load_n(&w->done, __ATOMIC_ACQUIRE)) {
        int k = (int)(rand_r(&seed) % NKEYS);
        char host[80];
        sslb_addr a;
        sslb_rc rc;
        key_name(k, host, sizeof host, 0);
        if (k % 2) {
            a = mkaddr("10.9.9.9");
            key_name(k, host, sizeof host, 1);
            rc = sslb_table_resolve(w->t, &a, 443, host, strlen(host), &m, NULL);
        } else {
            a = mkaddr(host);
            rc = sslb_table_resolve(w->t, &a, 443, NULL, 0, &m, NULL);
        }
        w->reads[ra->id]++;
        if (rc == SSLB_ENOTFOUND) {
            if (k < STABLE && seen[k]) failf(w, "stable key %d went missing (reader %d)", k, ra->id);
            continue;
        }
        w->hits[ra->id]++;
        uint32_t v, v2;
        memcpy(&v, m.certhash + 1, 4);
        memcpy(&v2, m.binding.params.appid.b, 4);
        if (m.certhash[0] != k || m.binding.params.appid.b[4] != k)
            failf(w, "key %d answered with key %d's binding", k, m.certhash[0]);
        for (int i = 5; i < 20; i += 5)
            if (m.certhash[i] != k || memcmp(m.certhash + i + 1, &v, 4) != 0)
                failf(w, "key %d: torn hash at %d (version %u)", k, i, v);
        if (v2 != v) failf(w, "key %d: hash version %u but AppId version %u", k, v, v2);
        if (v > __atomic_load_n(&w->published[k], __ATOMIC_ACQUIRE))
            failf(w, "key %d: version %u was never written", k, v);
        if (v < seen[k]) failf(w, "key %d: went back from version %u to %u", k, seen[k], v);
        seen[k] = v;
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
        present[k] = 1;
    }
    for (int i = 0; i < WRITES; i++) {
        int k = (int)(rand_r(&seed) % NKEYS);
        uint32_t v = w->published[k] + 1;
        sslb_binding b = versioned(k, v);
        if (k >= STABLE && present[k] && rand_r(&seed) % 3 == 0) {
            if (sslb_table_delete(w->t, &b.key) != SSLB_OK) failf(w, "delete of key %d failed", k);
            present[k] = 0;
            continue;
        }
        __atomic_store_n(&w->published[k], v, __ATOMIC_RELEASE);
        sslb_rc rc = present[k] ? sslb_table_update(w->t, &b, NULL) : sslb_table_add(w->t, &b, NULL);
        if (rc != SSLB_OK) failf(w, "write of key %d failed: %s", k, sslb_rcname(rc));
        present[k] = 1;
    }
    __atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
    return NULL;
}

Test(rcu, readers_only_ever_see_bindings_the_table_held, .timeout = 300)
{
    struct world w;
    pthread_t rt[READERS], wt;
    struct reader_arg ra[READERS];

    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.fail_lock, NULL);
    cr_assert_eq(sslb_table_create(&w.t), SSLB_OK);
    for (int i = 0; i < READERS; i++) {
        ra[i] = (struct reader_arg){&w, i};
        pthread_create(&rt[i], NULL, reader, &ra[i]);
    }
    pthread_create(&wt, NULL, writer, &w);
    pthread_join(wt, NULL);
    for (int i = 0; i < READERS; i++) pthread_join(rt[i], NULL);
    cr_assert_str_eq(w.failure, "", "%s", w.failure);
    for (int i = 0; i < READERS; i++) cr_assert_gt(w.hits[i], 0, "reader %d never hit", i);
    sslb_table_destroy(w.t);
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

    while (!__atomic_load_n(&w->done, __ATOMIC_ACQUIRE)) {
        if (sslb_table_resolve(w->t, &a, 443, NULL, 0, &m, NULL) != SSLB_OK || m.certhash[0] != 0x77)
            __atomic_fetch_add(&w->bad, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

Test(rcu, growth_never_hides_an_existing_binding, .timeout = 300)
{
    struct grow_world w = {0};
    pthread_t rt[2];
    char key[64];

    cr_assert_eq(sslb_table_create(&w.t), SSLB_OK);
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
    sslb_table_destroy(w.t);
}
