/* sesscache.h — the endpoint's server-side TLS session cache: what Schannel's session cache is to
 * http.sys (session-ID resumption in TLS 1.2, and the stateful tickets of TLS 1.3). OpenSSL's own
 * cache is one table behind one lock per SSL_CTX, written by every worker at every full
 * handshake (and flushed under that lock every 255 of them); this one is split into shards by
 * session ID, each with its own mutex, a fixed number of slots and first-in-first-out eviction,
 * so its memory is bounded and two workers rarely meet on a lock; sessions are kept serialized
 * (a fifth of an SSL_SESSION's memory). Installed on the endpoint's
 * context through OpenSSL's external-cache callbacks (SSL_CTX_sess_set_new_cb/get_cb/remove_cb);
 * OpenSSL's internal cache stays unused.
 *
 * Every function may be called from any thread. */
#ifndef SSLBIND_TLS_SESSCACHE_H
#define SSLBIND_TLS_SESSCACHE_H

#include <openssl/ssl.h>
#include <stddef.h>

struct sesscache;

/* Decides, for a connection whose full handshake made sess, whether the cache keeps it (1) or
 * not (0): the binding's flags, applied by hello.c. */
typedef int (*sesscache_want_fn)(SSL *ssl, SSL_SESSION *sess);
/* Whether a cached session may resume on this connection (1) or not (0), from the session
 * context it was made under (ctx[0..len)): against the one the binding set at the ClientHello. */
typedef int (*sesscache_allow_fn)(SSL *ssl, const unsigned char *ctx, unsigned int len);

/* A cache of at most capacity sessions (capacity >= 1; the shards share it as evenly as they
 * can, and never hold more), or NULL when out of memory. */
struct sesscache *sesscache_open(size_t capacity);
/* Frees the cache and the sessions it holds. No connection of a context it is installed on may
 * be handshaking. NULL is a no-op. */
void sesscache_close(struct sesscache *c);
/* Makes c the session cache of ctx (server side, no internal cache, no automatic flush), with
 * want and allow deciding per connection. 0, or -1 (out of memory). */
int sesscache_install(struct sesscache *c, SSL_CTX *ctx, sesscache_want_fn want, sesscache_allow_fn allow);
/* How many sessions the cache holds now (for tests and the log). */
size_t sesscache_count(struct sesscache *c);

#endif
