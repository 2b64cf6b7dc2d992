/* index.c — the read index of one kind: its layout, the writers' search and fill, and growth
 * (see index_int.h for the reader's probe and docs/architecture.md for why it is safe).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "index_int.h"
#include "table_int.h"

void sslb__pkey_from_key(const sslb_table *t, struct pkey *p, const sslb_key *k)
{
    memset(p, 0, sizeof *p);
    p->kind = k->kind;
    p->family = k->family;
    p->port = k->port;
    p->addr = k->addr;
    p->host = k->host;
    p->host_len = k->host_len;
    switch (k->kind) {
    case SSLB_IPPORT:
        p->hash = sslb__hash_ip(k->family, k->addr, k->port);
        break;
    case SSLB_HOSTPORT:
    case SSLB_SCOPEDCCS:
        p->hash = sslb__hash_host(k->host, k->host_len, k->port);
        break;
    default:
        p->hash = sslb__hash_port(k->port);
        break;
    }
    p->hash = key_hash(t, p->hash);
}

void sslb__pkey_from_rec(struct pkey *p, const struct rec *r)
{
    p->hash = r->hash;
    p->kind = r->kind;
    p->family = r->family;
    p->port = r->port;
    p->addr = r->addr;
    p->host = r->host;
    p->host_len = r->host_len;
}


/* ---- index maintenance (writers, under the mutex) ---------------------------------------- */

/* One block: the header, the tags (cache-line aligned, so a group is one aligned 16-byte
 * load within one line), then the record pointers. */
struct index *sslb__index_new(sslb_table *t, size_t cap)
{
    size_t bytes = 64 + cap + cap * sizeof(struct rec *);
    struct index *ix = sslb__tab_alloc(t, 64, bytes);

    assert(cap >= GROUP && (cap & (cap - 1)) == 0);
    if (!ix) return NULL;
    memset(ix, 0, bytes);
    ix->mask = cap - 1;
    ix->tags = (uint8_t *)ix + 64;
    ix->slots = (struct rec **)(void *)(ix->tags + cap);
    return ix;
}

/* Writer's search: the slot holding k, or -1 with *free_slot the first slot an insert may use
 * (a tombstone or an empty slot, in probe order). */
long sslb__index_locate(const struct index *ix, const struct pkey *k, size_t *free_slot)
{
    size_t g = k->hash & ix->mask & ~(size_t)(GROUP - 1);
    uint8_t tag = tag_of(k->hash);
    long free_at = -1;

    for (;;) {
        int saw_empty = 0;
        for (size_t i = g; i < g + GROUP; i++) {
            uint8_t t = ix->tags[i];
            if (t == TAG_EMPTY || t == TAG_TOMB) {
                if (free_at < 0) free_at = (long)i;
                saw_empty |= t == TAG_EMPTY;
            } else if (t == tag && rec_matches(ix->slots[i], k)) {
                return (long)i;
            }
        }
        if (saw_empty) {
            *free_slot = (size_t)free_at;
            return -1;
        }
        g = (g + GROUP) & ix->mask;
    }
}

void sslb__tag_store(struct index *ix, size_t i, uint8_t v)
{
    __atomic_store_n(&ix->tags[i], v, __ATOMIC_RELEASE);
}

/* Publishes r in slot i: the pointer first, then the tag, so a reader that sees the tag sees r. */
void sslb__index_fill(struct index *ix, size_t i, struct rec *r)
{
    __atomic_store_n(&ix->slots[i], r, __ATOMIC_RELEASE);
    sslb__tag_store(ix, i, tag_of(r->hash));
}

/* A fresh index with room for n records at load 1/2, holding kt's records and no tombstone; not
 * published. NULL when out of memory. */
struct index *sslb__index_rebuilt(sslb_table *t, const struct kindtab *kt, size_t n)
{
    const struct index *old = kt->idx;
    struct index *nx;
    size_t ncap = GROUP;

    while (ncap < 2 * n) ncap *= 2;
    if (!(nx = sslb__index_new(t, ncap))) return NULL;
    for (size_t i = 0; i <= old->mask; i++) {
        if (old->tags[i] > TAG_TOMB) {
            struct pkey k;
            size_t j;
            sslb__pkey_from_rec(&k, old->slots[i]);
            sslb__index_locate(nx, &k, &j);
            nx->slots[j] = old->slots[i]; /* plain stores: nx is not published yet */
            nx->tags[j] = old->tags[i];
        }
    }
    return nx;
}


/* ---- test hooks (table_int.h) ------------------------------------------------------------ */

void sslb__table_index_info(sslb_table *t, sslb_kind kind, sslb__index_info *out)
{
    const struct index *ix;

    memset(out, 0, sizeof *out);
    if ((unsigned)kind >= SSLB_KIND_COUNT) return;
    pthread_mutex_lock(&t->lock);
    ix = t->kind[kind].idx;
    out->cap = ix->mask + 1;
    out->live = t->kind[kind].live;
    out->used = t->kind[kind].used;
    for (size_t i = 0; i <= ix->mask; i++) out->tombs += ix->tags[i] == TAG_TOMB;
    pthread_mutex_unlock(&t->lock);
}

long sslb__table_probe(sslb_table *t, const sslb_key *k, unsigned *groups)
{
    char host[HOST_AREA(SSLB_HOST_MAX)]; /* zero-padded, as resolve pads the SNI */
    struct pkey pk;
    long slot = -1;

    if (groups) *groups = 0;
    if (k->kind >= SSLB_KIND_COUNT || k->host_len > SSLB_HOST_MAX) return -1;
    sslb__pkey_from_key(t, &pk, k);
    memset(host, 0, sizeof host);
    memcpy(host, k->host, k->host_len);
    pk.host = host;
    sslb__rcu_read_lock();
    index_find(&t->kind[k->kind], &pk, &slot, groups);
    sslb__rcu_read_unlock();
    return slot;
}

