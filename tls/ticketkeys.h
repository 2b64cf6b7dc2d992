/* ticketkeys.h — the keys that encrypt TLS session tickets (RFC 5077; TLS 1.3's encrypted tickets
 * too), made from the CSPRNG and rotated: OpenSSL's default is one key per SSL_CTX, made at start
 * and kept for the process's life, so a key stolen from a long-running server decrypts every
 * ticketed session it ever recorded. Here a key lives --ticket-key-life seconds (L): it encrypts
 * new tickets for the first half of its life, then only decrypts (and the ticket is renewed under
 * the current key) for the second half, then it is wiped (OPENSSL_cleanse). So a ticket resumes
 * for at least L/2 and at most L, and a key stolen at any moment opens sessions at most L old.
 *
 * Readers (the ticket callback, in the workers) take no lock: the key set is published with one
 * pointer store and read in the workers' QSBR read side (as certcache.h's snapshot is); the one
 * writer (the main thread) makes a new set at each rotation and hands the old one to call_rcu,
 * which wipes it after a grace period. A reader also refuses a key past its life by the clock,
 * should the writer be late. */
#ifndef SSLBIND_TLS_TICKETKEYS_H
#define SSLBIND_TLS_TICKETKEYS_H

#include <openssl/evp.h>
#include <openssl/ssl.h>

#define TICKETKEYS_LIFE_DEFAULT 36000L /* 10 hours: Schannel's ServerCacheTime, the session lifetime */
#define TICKETKEYS_LIFE_MIN 2L
#define TICKETKEYS_LIFE_MAX 604800L /* 7 days: the longest ticket lifetime RFC 8446 4.6.1 allows */

struct ticketkeys;

/* A key set whose first key is made now (now_ms: CLOCK_BOOTTIME, in ms), keys living life_s
 * seconds (TICKETKEYS_LIFE_MIN to _MAX). retiring and grace_ended (NULL allowed) are called
 * before a set goes to call_rcu and in the callback that wipes it (certcache_retiring and
 * certcache_grace_ended: what tells ThreadSanitizer about the grace period). NULL when out of
 * memory or when the random generator fails. */
struct ticketkeys *ticketkeys_open(long life_s, long long now_ms, void (*retiring)(void), void (*grace_ended)(void));
/* Wipes and frees every key. The calling thread must be offline (it waits for grace periods), and
 * no handshake may be running. NULL is a no-op. */
void ticketkeys_close(struct ticketkeys *k);
/* Makes k encrypt and decrypt the tickets of ctx (SSL_CTX_set_tlsext_ticket_key_evp_cb). 0, or -1. */
int ticketkeys_install(struct ticketkeys *k, SSL_CTX *ctx);

/* The writer (one thread): rotates when the current key has encrypted for half its life (the
 * previous key retired and wiped then). Returns the milliseconds until the next rotation is due. */
long long ticketkeys_tick(struct ticketkeys *k, long long now_ms);
/* CLOCK_BOOTTIME in milliseconds (a suspend counts): the clock the callback reads, and the writer should pass. */
long long ticketkeys_now_ms(void);
/* How many rotations so far (for tests and the log). */
unsigned long ticketkeys_rotations(const struct ticketkeys *k);

/* The ticket callback's work at now_ms (the callback passes the clock): enc 1, the current key's
 * name into name, a fresh IV into iv, c and h initialised for it: 1 (-1 on error). enc 0: the key
 * called name, if one alive has it: c and h initialised, 1 when it is the current key, 2 when it
 * is an older one (OpenSSL then sends a new ticket under the current key); 0 when none has it
 * (a full handshake). A reader thread must be registered with QSBR and online. */
int ticketkeys_crypt(struct ticketkeys *k, long long now_ms, unsigned char name[16], unsigned char *iv,
                     EVP_CIPHER_CTX *c, EVP_MAC_CTX *h, int enc);

#endif
