/* sslb/table.h — the SSL binding table of http.sys: four tables, their operations, and resolve.
 *
 * Threads. Any number of threads may call sslb_table_resolve() at any time, concurrently with
 * one another and with writers: resolve takes no lock and never waits (RCU). Writers (add,
 * update, delete, assign) serialise on the table's mutex and never block readers. Memory a
 * reader may still see is freed only after every reader that could see it has finished.
 * Control-plane reads (query, count, foreach) take the writers' mutex.
 *
 * A thread is registered with RCU (liburcu, memb flavour) on its first call; it is unregistered
 * when it exits. An application that uses liburcu memb itself may register a thread before the
 * thread's first sslb call: sslb then neither registers it again nor unregisters it, and the
 * application keeps it registered for as long as the thread calls sslb, and unregisters it
 * before it exits. A thread sslb registered is registered for the rest of its life: the
 * application may open read-side sections of its own on it (a resolve nests in them), but must
 * neither register it (liburcu refuses a second registration: an assertion failure) nor
 * unregister it.
 *
 * Lifetimes (what must outlive what):
 * - the table owns copies of everything added to it; sslb_table_destroy frees it all, once no
 *   thread is inside resolve on it;
 * - the central store given to sslb_table_set_central (the struct and its ctx, e.g. a
 *   sslb_certstore) must outlive the table, or be cleared (NULL) first, with no resolve running;
 * - strings of a binding from sslb_table_query: until the next write (add, update, delete,
 *   assign) on the table; from sslb_table_foreach: while fn runs; a sslb_match is self-contained
 *   (its strings live inside it, for as long as the match);
 * - a table keeps no pointer to a store (sslb/store.h) or anything else of the caller's.
 */
#ifndef SSLB_TABLE_H
#define SSLB_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "sslb/endpoint.h"
#include "sslb/error.h"
#include "sslb/param.h"
#include "sslb/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sslb_table sslb_table;

/* The Central Certificate Store as resolve sees it; implemented by the certificate store.
 * find() looks for the file "<name>.pfx" (name is "www.contoso.com" or "_.contoso.com") and,
 * when it exists and holds a usable certificate, writes its thumbprint and returns 1; 0 when
 * there is no such file; -1 when there is one that cannot serve (it cannot be read, is not a
 * PKCS#12 file, has no usable key: the trace's SSLB_WHY_FILE_UNUSABLE; the certificate store's
 * sslb_cert_check_ccs says why). Resolve goes on after 0 and -1 alike.
 * It is called from resolving threads, so it must be thread-safe. */
typedef struct sslb_central {
    int (*find)(void *ctx, const char *name, uint8_t thumb[SSLB_CERTHASH_LEN]);
    void *ctx;
} sslb_central;

SSLB_API sslb_rc sslb_table_create(sslb_table **out);
/* Frees the table. No thread may be inside resolve on it any more. */
SSLB_API void sslb_table_destroy(sslb_table *t);

/* Sets (or, with NULL, clears) the central store. Call before readers start. */
SSLB_API void sslb_table_set_central(sslb_table *t, const sslb_central *c);

/* add: SSLB_EEXISTS if the key is bound. update: replaces the whole parameter block in one step
 * (a concurrent resolve sees the old or the new binding, never neither); SSLB_ENOTFOUND if the
 * key is not bound. delete: SSLB_ENOTFOUND if not bound. SSLB_EINVAL (with d) when the
 * parameters do not suit the key's kind; SSLB_ENOMEM when out of memory. On failure nothing
 * changed. The table keeps its own copy of the strings; one no binding uses any more is freed. */
SSLB_API sslb_rc sslb_table_add(sslb_table *t, const sslb_binding *b, sslb_diag *d);
SSLB_API sslb_rc sslb_table_update(sslb_table *t, const sslb_binding *b, sslb_diag *d);
SSLB_API sslb_rc sslb_table_delete(sslb_table *t, const sslb_key *k);

/* Copies the binding of key k to out; SSLB_ENOTFOUND if none. The strings in out->params point
 * into the table: valid until the next add, update, delete or assign on it (which may free
 * strings no binding uses any more); copy them to keep them longer. */
SSLB_API sslb_rc sslb_table_query(sslb_table *t, const sslb_key *k, sslb_binding *out);

SSLB_API size_t sslb_table_count(sslb_table *t);

/* Calls fn for every binding in the enumeration order of `show sslcert` (ipport, hostnameport,
 * ccs, scoped ccs; each sorted by key text, case-insensitively). fn runs under this table's
 * mutex, which is not recursive: on this table fn may call only the lock-free functions
 * (sslb_table_resolve, sslb_table_resolve_lean, sslb_table_resolve_batch,
 * sslb_table_store_name); any other (query, count, foreach, add, update, delete, assign with
 * this table on either side, set_central, quiesce) waits for the mutex for ever. Functions on
 * other tables are fine, as long as no other thread holds one of their mutexes while it waits
 * for this one (a foreach on another table calling into this one). The binding's strings are
 * valid while fn runs. A non-zero return from fn stops the walk and is returned. SSLB_ENOMEM if
 * the order could not be built. */
typedef int (*sslb_visit_fn)(void *ctx, const sslb_binding *b);
SSLB_API int sslb_table_foreach(sslb_table *t, sslb_visit_fn fn, void *ctx);

/* Makes dst hold exactly src's bindings, change by change: bindings in both are updated in
 * place (never missing to a reader), others added or deleted. All or nothing: everything that
 * can fail is prepared before the first change is published, so on failure (SSLB_ENOMEM) dst is
 * as it was. src is not changed. Holds both tables' mutexes, taken in one fixed order (by
 * address), so assign(a, b) and assign(b, a) may run at once. */
SSLB_API sslb_rc sslb_table_assign(sslb_table *dst, sslb_table *src);

/* ---- resolve ---------------------------------------------------------------------------- */

typedef enum sslb_outcome {
    SSLB_PROBE_HIT,
    SSLB_PROBE_MISS,
    SSLB_PROBE_SKIPPED,
} sslb_outcome;

/* Why a probe was skipped (or, for a miss, a note). */
typedef enum sslb_why {
    SSLB_WHY_NONE,
    SSLB_WHY_NO_SNI,         /* the client sent no SNI */
    SSLB_WHY_BAD_SNI,        /* the SNI is not a valid host name: nothing can match it */
    SSLB_WHY_PORT_EMPTY,     /* this table has no binding on this port */
    SSLB_WHY_CLIENT_IPV4,    /* [::]:P serves IPv6 clients only */
    SSLB_WHY_WILDCARD_LOCAL, /* the local address is itself a wildcard */
    SSLB_WHY_NO_CENTRAL,     /* a CCS binding matched but no central store is configured */
    SSLB_WHY_FILE_MISSING,   /* central store: no such file */
    SSLB_WHY_FILE_UNUSABLE,  /* central store: the file exists but cannot serve (unreadable, not
                              * PKCS#12, no usable key; sslb_cert_check_ccs says why) */
    SSLB_WHY_REJECT,         /* central store: not asked, the CCS binding has reject=enable (it
                              * refuses before any certificate is looked at) */
} sslb_why;

#define SSLB_PROBE_CENTRAL 255 /* probe.table value for a central-store file probe */

/* probe.note bits. */
#define SSLB_NOTE_SNI_DOT                                                                                              \
    0x01 /* the SNI ended with one dot, dropped for this probe (as common servers                                      \
          * treat it: "www.contoso.com." is "www.contoso.com"; two                                                     \
          * trailing dots make the SNI invalid: SSLB_WHY_BAD_SNI) */

typedef struct sslb_probe {
    uint8_t step;               /* the step of resolve: 1 exact, 2 SNI, 3 CCS, 4 [::], 5 0.0.0.0 */
    uint8_t table;              /* sslb_kind, or SSLB_PROBE_CENTRAL */
    uint8_t outcome;            /* sslb_outcome */
    uint8_t why;                /* sslb_why */
    uint8_t note;               /* SSLB_NOTE_* bits: set on the probes of steps 2 and 3 that used the SNI */
    char key[SSLB_KEYTEXT_MAX]; /* "10.0.0.1:443", "www.contoso.com:443", "_.contoso.com.pfx" */
} sslb_probe;

#define SSLB_TRACE_MAX 12
typedef struct sslb_trace {
    unsigned count;
    sslb_probe probe[SSLB_TRACE_MAX];
} sslb_trace;

typedef struct sslb_match {
    uint8_t step;                          /* the step that matched */
    uint8_t central;                       /* 1: the certificate came from the central store */
    uint8_t certhash[SSLB_CERTHASH_LEN];   /* the certificate to serve */
    char central_file[SSLB_HOST_MAX + 16]; /* central: "www.contoso.com.pfx" */
    sslb_binding binding;                  /* the binding used (a copy) */
    /* The binding's strings, copied: binding.params's store name and CTL strings point here, so
     * they stay valid as long as this sslb_match, whatever writers do to the table meanwhile (a
     * struct copy's pointers still point into the original). */
    char strings[3 * (SSLB_STRING_MAX + 2)];
} sslb_match;

/* Chooses the binding for a TLS ClientHello arriving on local address `local`, port `port`,
 * with SNI name `sni` (NULL or sni_len 0: the client sent none), following http.sys's order (docs/architecture.md,
 * "From a handshake to a certificate"). An SNI with one trailing dot is the same name without it ("www.contoso.com." is
 * "www.contoso.com"; the trace marks the probes that used it with SSLB_NOTE_SNI_DOT); with two,
 * or a lone ".", it is an invalid SNI (SSLB_WHY_BAD_SNI).
 * SSLB_OK and *out filled when a probe matched; SSLB_ENOTFOUND when none did (the handshake
 * fails). A binding with reject=enable is returned like any other: the caller refuses.
 * trace (NULL allowed: the fast path) receives every probe. Thread-safe, lock-free. */
SSLB_API sslb_rc sslb_table_resolve(sslb_table *t, const sslb_addr *local, uint16_t port, const char *sni,
                                    size_t sni_len, sslb_match *out, sslb_trace *trace);

/* ---- the handshake's fast path: a lean result, one query or many ------------------------- */

/* What a TLS endpoint needs of a resolve, without a copy of the binding: about 64 bytes written
 * (central_file only for a CCS match). Same answers as sslb_table_resolve: step, central and
 * certhash are the match's; kind is match.binding.key.kind; flags its params.flags (SSLB_FLAG_*);
 * store_id names its params.store_name (see sslb_table_store_name). */
typedef struct sslb_lean {
    sslb_rc rc;      /* resolve_batch: SSLB_OK or SSLB_ENOTFOUND for this query */
    uint8_t step;    /* the step that matched (1..5, as in sslb_probe) */
    uint8_t central; /* 1: the certificate came from the central store */
    uint8_t kind;    /* the matched binding's sslb_kind */
    uint8_t reserved;
    uint32_t flags;                        /* the binding's SSLB_FLAG_* (SSLB_FLAG_REJECT: refuse) */
    uint32_t store_id;                     /* 0: no certificate store name given (netsh's default, MY) */
    uint8_t certhash[SSLB_CERTHASH_LEN];   /* the certificate to serve */
    char central_file[SSLB_HOST_MAX + 16]; /* central: "www.contoso.com.pfx"; else "" */
} sslb_lean;

/* sslb_table_resolve without the binding's copy and without a trace: the handshake's path.
 * SSLB_OK and *out filled, or SSLB_ENOTFOUND. Thread-safe, lock-free, like resolve. */
SSLB_API sslb_rc sslb_table_resolve_lean(sslb_table *t, const sslb_addr *local, uint16_t port, const char *sni,
                                         size_t sni_len, sslb_lean *out);

/* The certificate store name of a store_id (NULL for 0 or an id the table never gave). Store
 * names are interned once per table and never freed before the table: the pointer stays valid
 * as long as the table, whatever writers do meanwhile. Thread-safe, lock-free. */
SSLB_API const char *sslb_table_store_name(sslb_table *t, uint32_t store_id);

/* One ClientHello of a batch. */
typedef struct sslb_query {
    sslb_addr local;
    uint16_t port;
    const char *sni; /* NULL or sni_len 0: no SNI */
    size_t sni_len;
} sslb_query;

/* Resolves n ClientHellos at once, as n calls of sslb_table_resolve_lean would (out[i].rc says
 * each one's outcome), but with their memory accesses interleaved: the index groups and records
 * of all of them are fetched together, so n lookups wait for memory about as long as one.
 * Returns the number of queries that matched. Thread-safe, lock-free. */
SSLB_API size_t sslb_table_resolve_batch(sslb_table *t, size_t n, const sslb_query *q, sslb_lean *out);

/* Waits until memory retired by earlier writes has been freed, and brings every record that
 * waited out of line for a grace period back to its slot (tests, benchmarks, shutdown). Takes
 * the writers' mutex: not from inside a foreach callback. */
SSLB_API void sslb_table_quiesce(sslb_table *t);

#ifdef __cplusplus
}
#endif

#endif
