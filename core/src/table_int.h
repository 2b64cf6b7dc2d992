/* table_int.h — the binding table's test hooks: white-box access for tests/core, compiled into
 * every build (as SQLite's sqlite3_test_control is) so the tests exercise the code that ships.
 * No program calls them. Each acts on one table under its mutex: none is global state.
 */
#ifndef SSLB_TABLE_INT_H
#define SSLB_TABLE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "sslb/table.h"

/* Lets the next n allocations made by t's writers succeed and fails every one after, until
 * called again; n < 0: never fail (the default). Writers then return SSLB_ENOMEM. */
void sslb__table_fail_alloc_after(sslb_table *t, long n);

/* Makes every key's hash (h & and_mask) | or_bits, so a test chooses where keys collide, as curl
 * tests its hash with 3 slots: the low bits choose the first group (and_mask 0: the same group
 * for every key), bits 56..63 the tag. Only on a table that holds no binding (SSLB_EINVAL
 * otherwise) and before readers start; (~0, 0) is the real hash. */
sslb_rc sslb__table_force_hash(sslb_table *t, uint64_t and_mask, uint64_t or_bits);

/* on != 0: resolve and resolve_batch prefetch (the probe plan, the batch's fetching stages) as
 * for a table too large for the caches, whatever t's size, so tests cover those paths; 0: only
 * when an index is large (the default). */
void sslb__table_force_prefetch(sslb_table *t, int on);

/* on != 0: every index of t gets a read-side filter whatever its size (0: only indexes too large
 * for the caches, the default); each index is rebuilt at its size, under readers as a growth is.
 * SSLB_ENOMEM when some rebuild failed (that index stays as it was). */
sslb_rc sslb__table_force_filter(sslb_table *t, int on);

/* One kind's read index. */
typedef struct sslb__index_info {
    size_t cap;          /* slots: a multiple of 16 */
    size_t live;         /* records */
    size_t tombs;        /* tombstones */
    size_t used;         /* records + tombstones: at most 7/8 of cap */
    size_t over;         /* records out of line (not in their slot's home entry) */
    uint32_t gen;        /* rebuilds of this kind (growth, stale filter, test hooks) */
    size_t filter_words; /* 64-bit words of the read-side filter; 0: no filter */
    size_t exact_words;  /* 64-bit words of the exact-address filter; 0: none (all maybe) */
    size_t exact_misses; /* IP:port records with a real address the exact filter rules out (must be 0) */
    size_t exact_bits;   /* bits set in the exact-address filter (bound addresses and deleted ones) */
    size_t stale;        /* deletes since the filters were built */
    size_t folds;        /* the table's queued notes to bring a record home (every kind) */
} sslb__index_info;
void sslb__table_index_info(sslb_table *t, sslb_kind kind, sslb__index_info *out);

/* Hashes every record of one kind (slower than sslb__table_index_info): *pref receives the
 * number in their preferred slot (of their first group); returns the number whose filter bits
 * are not all set (must be 0). */
size_t sslb__table_index_scan(sslb_table *t, sslb_kind kind, size_t *pref);

/* Runs resolve's probe for k, asking the index's filter first as the batch's plan does: the
 * slot holding k, or -1; *groups (when not NULL) is the number of 16-slot groups the probe read
 * (0: the filter ruled k out). Thread-safe like resolve. */
long sslb__table_probe(sslb_table *t, const sslb_key *k, unsigned *groups);

/* Moves t's grace-period event numbers as n updates or deletes of other keys would, so tests
 * reach counts that real updates take hours to (2^31, 2^32): with ended != 0, every grace
 * period is over afterwards (as after the markers: it waits for the one in flight first, so not
 * inside a read-side section), else none of the n events' is. No writer may run meanwhile. */
void sslb__table_advance_events(sslb_table *t, uint64_t n, int ended);

/* The interned-string pool: its entries (one per distinct triple of store name, CTL identifier
 * and CTL store that a binding uses) and the bytes they hold. */
void sslb__table_pool_size(sslb_table *t, size_t *entries, size_t *bytes);

#endif
