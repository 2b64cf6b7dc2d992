/* certcache.h — every certificate of the machine's stores, loaded and checked once, kept ready
 * to serve: (store, thumbprint) for the stores, and the file name for the central store.
 *
 * Readers (the ClientHello callback, the central store's find() inside resolve) take no lock and
 * read no file: they look the entry up in an immutable snapshot published with liburcu (the QSBR
 * flavour: the workers own their loops, so each announces a quiescent state once per turn of
 * its loop and goes offline while it waits in epoll_wait; reading costs nothing). A reader
 * thread must be registered (urcu_qsbr_register_thread) and online.
 *
 * Writers (one at a time: the caller serialises them, watch.c does) mark what changed — one file
 * of a store, a whole store, everything — and commit: only the marked files are read again, a
 * new snapshot is published with one pointer store, and what it replaced is freed after a grace
 * period (the SSL objects that use a certificate hold their own references).
 */
#ifndef SSLBIND_TLS_CERTCACHE_H
#define SSLBIND_TLS_CERTCACHE_H

#include <openssl/ssl.h>
#include <stdint.h>

#include "sslb/certstore.h"
#include "sslb/table.h"

struct cc_entry {
    char store[SSLB_STORE_NAME_MAX + 1]; /* lower case, as the directory */
    char name[SSLB_HOST_MAX + 8];        /* the file's stem: the thumbprint in hex, or "<host>.pfx" in ccs */
    uint8_t thumb[SSLB_CERTHASH_LEN];
    int found; /* 0: the certificate could not be read (a .crt without
                  .key is found, and unusable) */
    X509 *x;   /* NULL unless usable */
    EVP_PKEY *key;
    STACK_OF(X509) * chain; /* sent after x: its intermediates, root excluded; NULL: none */
    char why[256];          /* why it cannot serve, when x is NULL */
    /* the writer's */
    X509 *crt;               /* the certificate, usable or not (CA and Root: the pool) */
    STACK_OF(X509) * others; /* a central store file's other certificates */
    int incomplete;          /* usable, and no chain up to a root was found */
    int published;           /* in a published snapshot */
};

struct certcache;

/* Opens the cache over cs and loads every store (ctx: how the handshake will judge a
 * certificate). 0, or -1 with why; -3 (with why) when a stop was asked for while it loaded
 * (stop_pending): thousands of certificates take seconds, which a Ctrl-C need not wait for. */
int certcache_open(struct certcache **out, sslb_certstore *cs, const char *state_dir, SSL_CTX *ctx, char *why,
                   size_t n);
void certcache_close(struct certcache *c);

/* The central store as resolve sees it: a usable "<name>.pfx" of the cache. */
const sslb_central *certcache_central(struct certcache *c);

/* ---- readers -------------------------------------------------------------------------------- */

/* A reader thread's quiescent state (once per turn of its loop), and going offline (before it
 * sleeps) and online again: liburcu's QSBR calls, told to ThreadSanitizer too. */
void certcache_quiescent(void);
void certcache_offline(void);
void certcache_online(void);
/* ThreadSanitizer cannot see a grace period, nor liburcu's queue of callbacks: a writer calls
 * certcache_retiring() right before it hands something to call_rcu (its writes come before the
 * callback), and every QSBR callback that frees what readers read (the cache's snapshots, the
 * router's) calls certcache_grace_ended() first (the readers' quiescent states came before it).
 * Nothing outside a TSan build. */
void certcache_retiring(void);
void certcache_grace_ended(void);

/* Pins the current snapshot for this thread: lookups until certcache_unpin() see the same one
 * (the central store's find() inside resolve included). */
void certcache_pin(struct certcache *c);
void certcache_unpin(struct certcache *c);
/* The entry of thumb in store (any case), or NULL when the store has no such file. */
const struct cc_entry *certcache_get(struct certcache *c, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN]);
/* The central store's file ("www.contoso.com.pfx"), or NULL. */
const struct cc_entry *certcache_get_ccs(struct certcache *c, const char *file);

/* ---- the writer ------------------------------------------------------------------------------ */

/* The chain a usable certificate is served with is built when it is loaded, and again when the CA
 * or Root store changes: its issuer by subject name and a verified signature, from the CA store
 * first, then the other certificates of its own .pfx (central store), then Root, MY, Trust; up to a
 * self-signed root, which is not sent; at most SSLB_CHAIN_MAX certificates, never one twice (the
 * rules of sslb_cert_chain_next, the core's). A chain that stops short is served as far as it
 * goes (the leaf alone, often) and logged once. */

void certcache_mark_file(struct certcache *c, const char *store, const char *file); /* "<hex>.crt", ".key", ".pfx" */
void certcache_mark_store(struct certcache *c, const char *store);
void certcache_mark_all(struct certcache *c);
/* Reads what was marked and publishes the result. 0; -1 when out of memory, -2 when a file that
 * is there could not be read for a reason that may go away (out of descriptors, EIO: see
 * transient_failure; certcache_why says which): then nothing is published, the old snapshot
 * stays, and so do the marks, for the next commit (the caller retries). */
int certcache_commit(struct certcache *c);
/* (-3 as well, nothing published, the marks kept, when every store was to be read again — a
 * start, a SIGHUP, a queue overflow — and a stop was asked for meanwhile: the stop is not held
 * up by the seconds the rest would take.) */
/* After a commit that returned -2: which read failed and why. */
const char *certcache_why(const struct certcache *c);
size_t certcache_count(struct certcache *c);

#endif
