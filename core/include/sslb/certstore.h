/* sslb/certstore.h — the emulated machine's certificate stores, with OpenSSL doing the crypto.
 *
 * Layout under the state directory (DIR/certs):
 *   <store>/<thumbprint>.crt   the certificate, PEM          (store names lower-cased: MY → my)
 *   <store>/<thumbprint>.key   its private key, PEM, mode 0600
 *   ccs/<host>.pfx             the Central Certificate Store: PKCS#12 (empty password) named by
 *                              host, "_.contoso.com.pfx" for *.contoso.com
 *   .lock                      held by every writer (create, import, delete) of any process
 * The thumbprint is the SHA-1 of the DER certificate, what Windows calls the certificate hash.
 * Creating, importing and deleting belong to one thread; loading (sslb_cert_load*,
 * sslb_cert_check_usable, the central store's find()) and exporting only read the stores and
 * may be called from any number of threads at once. A writer first removes the temporary files
 * that writers killed mid-write left behind (they may hold private keys), under the lock.
 * Every file the stores read must be a regular file, never reached through a symbolic link.
 *
 * Lifetimes (what must outlive what):
 * - a sslb_cert (sslb_cert_load*) is the caller's until sslb_cert_free, and does not depend on
 *   the sslb_certstore it came from: it may outlive it. sslb_cert_use gives the connection its own
 *   references: the sslb_cert may be freed right after;
 * - sslb_certstore_central(cs) points into cs: a table using it (sslb_table_set_central) must be
 *   destroyed, or its central store cleared, before sslb_certstore_close(cs);
 * - sslb_cert_load_match's *store_out points into the match (or to a static "MY"/"ccs"): valid
 *   as long as the match;
 * - a sslb_certinfo is a plain value, filled by copy.
 */
#ifndef SSLB_CERTSTORE_H
#define SSLB_CERTSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "sslb/error.h"
#include "sslb/param.h"
#include "sslb/table.h"
#include "sslb/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SSLB_STORE_NAME_MAX 64
#define SSLB_CCS_STORE "ccs"
#define SSLB_CA_STORE "CA"       /* Intermediate Certification Authorities: certificates alone */
#define SSLB_ROOT_STORE "Root"   /* Trusted Root Certification Authorities: certificates alone */
#define SSLB_IMPORT_CHAIN_MAX 64 /* sslb_cert_import: at most this many CA certificates in one file */

typedef struct sslb_certstore sslb_certstore;
typedef struct sslb_cert sslb_cert; /* one loaded certificate (and its key, if any) */

typedef struct sslb_certinfo {
    uint8_t thumb[SSLB_CERTHASH_LEN];
    char store[SSLB_STORE_NAME_MAX + 1]; /* listing: the store's name as first spelled when it was made
                                          * (compare case-insensitively); else lower case */
    char file[SSLB_HOST_MAX + 8];        /* ccs: "www.contoso.com.pfx"; else "" */
    char subject[256];                   /* "CN=www.contoso.com" */
    char dnsnames[1024];                 /* "www.contoso.com, contoso.com" ("" if none); whole names
                                          * only: those that do not fit are counted in dnsnames_more
                                          * (after one too long even alone, later ones are still
                                          * listed) and the text
                                          * ends ", and N more" ("and N more" when none fit;
                                          * sslb_cert_dnsname gives every name) */
    unsigned dnsnames_more;
    char ipaddrs[256];                  /* IP addresses in subjectAltName ("" if none) */
    char not_before[32], not_after[32]; /* "2026-11-21 21:44:12 UTC" */
    int has_key;
    int replaced; /* create and import into ccs: 1 when the write replaced a <host>.pfx holding another
                   * certificate (replaced_thumb; a renewal), 2 when the file it replaced could not be
                   * read as a .pfx; else 0 (none there, or one holding this certificate) */
    uint8_t replaced_thumb[SSLB_CERTHASH_LEN];
} sslb_certinfo;

/* Opens (creating, mode 0700) DIR/certs. DIR must exist and be safe for private keys
 * (sslb_state_dir_check: owned by the user, writable by no one else), and so must DIR/certs:
 * else SSLB_EACCESS and d names the directory and the fix. */
SSLB_API sslb_rc sslb_certstore_open(const char *state_dir, sslb_certstore **out, sslb_diag *d);
SSLB_API void sslb_certstore_close(sslb_certstore *cs);

/* Store names: 1..64 letters, digits, '-', '_', '.', ' ' (not "." or ".."); compared
 * case-insensitively. "ccs" is the Central Certificate Store. */
SSLB_API sslb_rc sslb_store_name_check(const char *name, sslb_diag *d);

/* Makes a key (EC P-256) and a self-signed server certificate: CN = subject, subjectAltName =
 * dnsnames (comma-separated; NULL or "": the subject; IP literals become IP entries; wildcards
 * allowed), valid from now for `days`. Stores both and describes the result in *info. A file of
 * the stores that cannot be written: SSLB_EACCESS (Win32 5) for a permission or a read-only file
 * system, else SSLB_EWRITE (29), d "cannot write <file>: <reason>"; nothing changed (so for every
 * create and import). */
SSLB_API sslb_rc sslb_cert_create(sslb_certstore *cs, const char *store, const char *subject, const char *dnsnames,
                                  int days, sslb_certinfo *info, sslb_diag *d);
/* The same, and: with ca, a CA certificate (basicConstraints CA:TRUE, keyUsage keyCertSign and
 * cRLSign; subject any 1 to 64 printable ASCII characters, "Contoso Root CA"; no dnsnames);
 * with issuer_thumb (NULL: self-signed), signed by that certificate's key, its issuer name and
 * key identifier the issuer's: the issuer is looked for in issuer_store, or when that is NULL
 * in CA, then Root, then MY, and must be a CA certificate with its private key (else
 * SSLB_ENOTFOUND or SSLB_EINVAL, d says which). What makes a chain for tests and labs without
 * openssl: a root (ca, store Root), an issuing CA (ca, store CA, issuer the root), a server
 * certificate (issuer the issuing CA). */
SSLB_API sslb_rc sslb_cert_create_issued(sslb_certstore *cs, const char *store, const char *subject,
                                         const char *dnsnames, int days, int ca, const char *issuer_store,
                                         const uint8_t *issuer_thumb, sslb_certinfo *info, sslb_diag *d);

/* Imports a PEM file (certificate and its private key) or a PKCS#12 file (.pfx/.p12, with
 * password; NULL = empty). Every certificate whose key is in the file is stored in store, with
 * the key; info[0..*n) describe them. The file's other certificates (its chain) go where
 * Windows' import puts them, certificate alone (no key): a self-signed one (a root) into
 * SSLB_ROOT_STORE, any other (an intermediate) into SSLB_CA_STORE; one already there is left as
 * it is, so importing the same file again changes nothing (nor does any import whose every file
 * already holds the bytes it would write: no file renamed or touched, the generation as it was). Into the central store
 * (ccs) they stay inside the .pfx written instead, which serves them. Into CA or Root a file without a private key is
 * accepted: every certificate of it goes there (certutil -addstore). SSLB_EINVAL (d says why) when path is not a
 * regular file (a FIFO is refused at once), when the file holds no certificate or (but into CA or Root) no private key,
 * when more than max certificates belong to its key or more than SSLB_IMPORT_CHAIN_MAX are others, when a certificate's
 * DNS name or CN holds a NUL byte (browsers refuse those), or when the private key is damaged: its public half is the
 * certificate's, its private half is not (an RSA key's private values disagree with each other or its modulus; a test
 * signature does not verify with the certificate's public key). On failure every file of the stores is as it was before
 * (a certificate that was already there stays). */
SSLB_API sslb_rc sslb_cert_import(sslb_certstore *cs, const char *store, const char *path, const char *password,
                                  sslb_certinfo *info, size_t max, size_t *n, sslb_diag *d);
/* The same, saying where the others went: chain[0..*nchain) describe them, in the file's order
 * (the same certificate twice in the file: once), their store field "CA" or "Root" (the store
 * given, for a file without a key), or "ccs" with file naming the .pfx that holds them; at most
 * chain_max of them (more: SSLB_EINVAL, nothing written). chain and nchain may each be NULL: the
 * descriptions, or their count, not wanted (without chain *nchain stays 0). */
SSLB_API sslb_rc sslb_cert_import_chain(sslb_certstore *cs, const char *store, const char *path, const char *password,
                                        sslb_certinfo *info, size_t max, size_t *n, sslb_certinfo *chain,
                                        size_t chain_max, size_t *nchain, sslb_diag *d);

/* Writes the certificate alone, PEM, to path (what a client trusts: curl --cacert). A new file
 * (mode 0644), or a regular file at path (the one a symlink there names: the link is followed,
 * not replaced) that a rename keeps as it was, is written as sslb_cert_export_pfx writes,
 * through a temporary file beside it, fsync'd and renamed: on failure the file is as it was and
 * nothing new is left. A rename keeps the file when it has one name (no other hard link) and the
 * temporary takes its mode and, changed with fchown where they are not the caller's, its owner
 * and group. Anything else is written in place as it is (O_TRUNC), opened O_NONBLOCK (a FIFO
 * without a reader fails at once): a file with hard links (every name sees the new content), one
 * whose owner or group the caller cannot give (fchown needs root), one in a directory where the
 * temporary cannot be made (no permission, a read-only file system, a name too long) but the
 * file itself is writable, a FIFO, a character device (/dev/stdout to a pipe or a terminal), the
 * caller's own standard input, output or error (/dev/stdout to a file), a symlink to nothing.
 * SSLB_ENOTFOUND if `thumb` is not in `store`; SSLB_EWRITE if the file cannot be written. */
SSLB_API sslb_rc sslb_cert_export(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                                  const char *path, sslb_diag *d);

/* Writes the certificate and its private key to path as a PKCS#12 (.pfx) file protected by
 * password ("" for an empty password; NULL is refused with SSLB_EINVAL), with its chain as
 * Windows exports by default (a central store file's own chain, else the issuers found in the
 * CA and Root stores up to the root, included), with OpenSSL 3's
 * default algorithms and the subject CN as friendly name: the file sslb_cert_import reads back
 * on another machine. The file holds a key, so it is written mode 0600 through a temporary file
 * beside path (O_EXCL | O_NOFOLLOW), fsync'd and renamed over path (a symlink at path is
 * replaced, not followed): on any failure path is as it was and nothing new is left beside it.
 * SSLB_ENOTFOUND if `thumb` is not in `store`; SSLB_ENOCERT if it is there without its private
 * key; SSLB_EWRITE if the file cannot be written; SSLB_EACCESS or SSLB_EREAD when the stores
 * (the certificate's, or those its chain is looked for in) cannot be read. d says which. */
SSLB_API sslb_rc sslb_cert_export_pfx(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                                      const char *path, const char *password, sslb_diag *d);

/* Deletes the certificate `thumb` of `store` and its private key (under the stores' lock): both
 * files, or neither. SSLB_ENOTFOUND if it is not there; SSLB_EACCESS (permission refused, a
 * read-only file system) or SSLB_EWRITE (another reason) when a file cannot be removed, d
 * naming it ("cannot delete <file>: <strerror>"), the certificate and its key then both as they
 * were (but for one case, which d says: the key not removed and the certificate, removed, not
 * put back; the next change of the stores removes the key); SSLB_EACCESS or SSLB_EREAD when the
 * stores cannot be read (as sslb_cert_load). */
SSLB_API sslb_rc sslb_cert_delete(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                                  sslb_diag *d);

/* Calls fn for every certificate of `store` (NULL: every store), stores in name order, then
 * certificates by file name. A non-zero return from fn stops the walk. SSLB_OK when walked (or
 * stopped by fn), SSLB_EINVAL for an invalid store name, SSLB_ENOMEM; SSLB_EACCESS (permission
 * refused) or SSLB_EREAD (EMFILE, EIO…) when a store's directory, a certificate or key it lists,
 * or the stores' own files cannot be read, and fn is then not called (a missing store is an
 * empty one; one that cannot be read is not); d says which, "<path>: <strerror>". Running out
 * of memory while a certificate or key is parsed, named (its SHA-1) or checked against its
 * certificate is such a read ("<hash>.key: Cannot allocate memory"): never a certificate left
 * out, nor one listed without its key (has_key 0) when it has it. */
SSLB_API sslb_rc sslb_cert_list(sslb_certstore *cs, const char *store, int (*fn)(void *ctx, const sslb_certinfo *info),
                                void *ctx, sslb_diag *d);

/* Loads the certificate `thumb` of `store`: SSLB_ENOTFOUND if it is not there; SSLB_EACCESS
 * (permission refused) or SSLB_EREAD (EMFILE, ENOMEM, EIO…) when the store's directory, the
 * certificate or its key, or the stores' own files (.writing, .generation) cannot be read,
 * errno then saying why: a store that cannot be read is never taken for one without the
 * certificate. (A symbolic link, FIFO or device at a store file's name is no certificate.) */
SSLB_API sslb_rc sslb_cert_load(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                                sslb_cert **out);
/* Loads the central store's file "<name>.pfx", reading it once: SSLB_ENOTFOUND if there is none,
 * SSLB_EREAD if it cannot be read (a directory, a FIFO, a symbolic link, no permission; or the
 * stores' mark: errno says why; or its parse ran out of memory: "it cannot be read: Cannot
 * allocate memory", errno ENOMEM, never taken for a damaged file),
 * SSLB_ECORRUPT if it is not a PKCS#12 file with a certificate. why (NULL allowed) says why not,
 * in the words sslb_cert_check_ccs gives: "no such file", "it cannot be read: …", "it is not a
 * PKCS#12 file", … (left as it was when it has no words for it: sslb_strerror(rc) then); a
 * caller that keeps a file that cannot serve needs no second read to say why. */
SSLB_API sslb_rc sslb_cert_load_ccs(sslb_certstore *cs, const char *name, sslb_cert **out, sslb_diag *why);
/* Whether the central store's file "<name>.pfx" can serve TLS, and why not: SSLB_OK; else d says
 * why: SSLB_ENOTFOUND "no such file"; for a file that is there, words that follow "the file is
 * there, but ": SSLB_EREAD "it cannot be read: Permission denied" (strerror, or what it is
 * instead of a file), SSLB_ECORRUPT "it is not a PKCS#12 file" (or one without a certificate,
 * without a private key, or that opens only with a password), SSLB_ENOCERT "its certificate has
 * no private key" or "a TLS server cannot present its certificate: …". What a resolve's
 * SSLB_WHY_FILE_UNUSABLE probe found, as the file is now: sslb_cert_load_ccs (one read) and
 * sslb_cert_usable. */
SSLB_API sslb_rc sslb_cert_check_ccs(sslb_certstore *cs, const char *name, sslb_diag *d);
/* Loads the certificate a resolve result serves: the central store's file for a CCS match,
 * else the binding's hash in its store (MY when the binding names none). *store_out (may be
 * NULL) receives that store's name. SSLB_ENOTFOUND if it is not there; a store that cannot be
 * read fails as sslb_cert_load and sslb_cert_load_ccs do (errno says why). */
SSLB_API sslb_rc sslb_cert_load_match(sslb_certstore *cs, const sslb_match *m, sslb_cert **out, const char **store_out);
SSLB_API void sslb_cert_free(sslb_cert *c);
SSLB_API void sslb_cert_info(const sslb_cert *c, sslb_certinfo *info);
/* The OpenSSL certificate of c, owned by c (X509_up_ref to keep it longer), for a TLS endpoint
 * that builds the chain it serves. */
struct x509_st;
struct stack_st_X509;
SSLB_API struct x509_st *sslb_cert_x509(const sslb_cert *c);
/* The DNS name number i (from 0) of c's subjectAltName, escaped as sslb_certinfo.dnsnames shows
 * it, in out (n >= 4 * SSLB_HOST_MAX + 8 holds any valid one; a longer one, which import does
 * not refuse, is cut and ends with "...", which no DNS name holds): 1, or 0 when c has no name
 * number i. */
SSLB_API int sslb_cert_dnsname(const sslb_cert *c, unsigned i, char *out, size_t n);
/* The other certificates of a central store .pfx (sslb_cert_load_ccs, sslb_cert_load_match): its
 * chain, as the file holds it, owned by c; NULL when it has none. */
SSLB_API struct stack_st_X509 *sslb_cert_others(const sslb_cert *c);
/* 1 when a is the better of two issuers of one certificate found in stores of the same rank,
 * else 0: valid at now first, then the later notBefore, the later notAfter, and last the lower
 * SHA-1 thumbprint (two cross-signed copies of an intermediate often share their dates). A total
 * order: the chain the simulator and `cert export` describe and the chain sslbind-tls serves pick
 * the same issuer whatever order they read the stores in. */
SSLB_API int sslb_cert_better_issuer(struct x509_st *a, struct x509_st *b, long long now);

/* The chain rules, in one place for the chain `cert export` adds and sim checks
 * (sslb_cert_client_checks) and the chain sslbind-tls serves, so that they never disagree: the
 * next step of the chain of x whose issuers found so far are chain (x's issuer first; NULL or
 * empty when none). The certificate whose issuer is looked for is chain's last, else x. Its
 * issuer is a candidate of ranks[0..nranks) (each a stack, NULL when empty) that names it (its
 * subject is that certificate's issuer name, the authority and subject key identifiers agree
 * when both are there, its keyUsage allows keyCertSign when it has one: X509_check_issued) and
 * whose public key verifies that certificate's signature; never x nor one of chain, nor a copy of
 * them (X509_cmp), so a chain never holds a certificate twice; a lower rank first whatever the
 * order, and among one rank's the better by sslb_cert_better_issuer at now. Returns:
 * SSLB_CHAIN_ROOT when that certificate is self-issued (a root: the chain ends; *up NULL) or
 * its issuer is (*up that root, which the caller sends or not); SSLB_CHAIN_LONG when chain holds
 * SSLB_CHAIN_MAX certificates already (*up NULL); SSLB_CHAIN_NEXT with *up the issuer, not a
 * root; SSLB_CHAIN_NONE when no candidate issued it (*up NULL). *up is a candidate, not
 * up-referenced. Leaves OpenSSL's error queue empty. Any thread. */
#define SSLB_CHAIN_MAX 8
typedef enum sslb_chain_step { SSLB_CHAIN_NONE, SSLB_CHAIN_NEXT, SSLB_CHAIN_ROOT, SSLB_CHAIN_LONG } sslb_chain_step;
SSLB_API sslb_chain_step sslb_cert_chain_next(struct x509_st *x, struct stack_st_X509 *chain,
                                              struct stack_st_X509 *const *ranks, size_t nranks, long long now,
                                              struct x509_st **up);

/* netsh's check before it binds: SSLB_OK if `thumb` is in `store` (NULL: MY) and a TLS server
 * can present it (sslb_cert_usable), else SSLB_ENOCERT (1312) and d says which: "no
 * certificate …", "… has no private key", "… cannot serve TLS: RSA 1024-bit key: below
 * OpenSSL's security level 2 …", "… cannot serve TLS: the private key does not match the
 * certificate: a test signature did not verify"; SSLB_EACCESS or SSLB_EREAD ("<path>:
 * <strerror>") when the store cannot be read (sslb_cert_load), which is no missing certificate.
 * Any thread. */
SSLB_API sslb_rc sslb_cert_check_usable(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                                        sslb_diag *d);

/* Whether the TLS endpoint can present c, judged as its handshake will judge it: the private key
 * is there and belongs to the certificate; the key is of a type TLS clients accept (RSA, EC on
 * P-256, P-384 or P-521, Ed25519, Ed448: not DSA, not secp256k1); and OpenSSL accepts it in a
 * context configured as sslb_cert_server_ctx's (at security level 2, RSA needs 2048 bits); and
 * its private half is whole, as sslb_cert_import checks it (an RSA key's private values agree;
 * a test signature verifies with the certificate's public key). SSLB_OK, else SSLB_ENOCERT and d
 * says why in a phrase: "no private key", "RSA 1024-bit key: below OpenSSL's security level 2
 * (…)", "the private key is damaged: …". The central store's find() applies it too, and the
 * simulator must, to agree with the handshake. The test signature costs one private-key
 * operation (about 1 ms for RSA-2048): a check for when a key enters or is bound, not for each
 * handshake (sslb_cert_use does not make it). Any thread. */
SSLB_API sslb_rc sslb_cert_usable(sslb_certstore *cs, const sslb_cert *c, sslb_diag *d);

/* Whether key's private values agree with each other (RSA: n the product of its primes, d the
 * inverse of e modulo each p-1, each CRT exponent d modulo p-1, each CRT coefficient the inverse
 * it must be; other key types and keys without those values: SSLB_OK). A key that fails is
 * damaged even where OpenSSL could still sign with it (its CRT self-check falls back to d), so
 * sslb_cert_usable and import refuse it, and the endpoint checks the same at load: SSLB_ENOCERT
 * with the relation that fails in d ("a CRT exponent is not d modulo p-1"); SSLB_ENOMEM. No
 * signature is made (microseconds). Any thread. */
struct evp_pkey_st;
SSLB_API sslb_rc sslb_cert_key_consistent(const struct evp_pkey_st *key, sslb_diag *d);

/* A TLS server context configured as sslbind's endpoint serves: TLS 1.2 and later, OpenSSL's
 * configured security level but at least 2 (what clients apply). sslb_cert_usable judges
 * certificates against this configuration, so the endpoint creates its context here. The caller
 * frees it with SSL_CTX_free. SSLB_ENOMEM if OpenSSL cannot make it. */
struct ssl_ctx_st;
SSLB_API sslb_rc sslb_cert_server_ctx(struct ssl_ctx_st **out, sslb_diag *d);

/* What a client checks of the served certificate besides its name, each "" when it passes:
 * validity, "expired on 2001-01-01 00:00:00 UTC" or "not valid before …"; purpose, "not for a
 * TLS server: …" (extendedKeyUsage, keyUsage: OpenSSL's X509_PURPOSE_SSL_SERVER); chain, a
 * sentence ending in what the client does, when the chain built from the CA store, the
 * certificate's .pfx and the Root store (issuer by name and verified signature, the rules
 * sslbind-tls serves its chain by) stops before a root and the missing issuer is not a
 * self-signed root in some store (MY included: the root is never sent): "incomplete: … is an
 * intermediate in store …" when it is another store's, "maybe incomplete: … is not on this
 * server; …" when it is nowhere, "incomplete: longer than 8 certificates; …"; "unknown: the
 * stores cannot be read (<path>: <strerror>)" when a store the chain is looked for in cannot. */
typedef struct sslb_clientchecks {
    char validity[64];
    char purpose[128];
    char chain[1024];
} sslb_clientchecks;
SSLB_API void sslb_cert_client_checks(sslb_certstore *cs, const sslb_cert *c, sslb_clientchecks *out);

/* The client's name check (RFC 6125, as browsers do it): host is a DNS name or an IP literal
 * (an IPv6 literal may be in brackets; whatever is in brackets is checked without them).
 * 1 if the certificate is valid for it; else 0 and why says so in a sentence. A CN is never
 * used: a certificate without DNS names matches no name. */
SSLB_API int sslb_cert_check_name(const sslb_cert *c, const char *host, char *why, size_t whylen);

/* Makes an OpenSSL connection present this certificate and its key (a TLS endpoint calls it from
 * its ClientHello callback), with the rules of sslb_cert_usable applied at the connection's own
 * security level. SSLB_ENOCERT if it cannot, and d says why in the same words. */
struct ssl_st;
SSLB_API sslb_rc sslb_cert_use(const sslb_cert *c, struct ssl_st *ssl, sslb_diag *d);

/* The central store as resolve sees it (find "<name>.pfx" with a usable key). */
SSLB_API const sslb_central *sslb_certstore_central(sslb_certstore *cs);

#ifdef __cplusplus
}
#endif

#endif
