/* route.h — which IIS site serves a request, as http.sys routes the URLs IIS registered: among
 * this server's Started sites, the https binding whose (IP, port, host) matches the connection's
 * local address and port and the request's Host header, most specific first (IP:port:host,
 * *:port:host, then host-less). The table is an immutable snapshot, rebuilt by one thread when
 * applicationHost.config, sites.state or addresses change, and read by any number of workers
 * without a lock (RCU: liburcu's QSBR flavour, as tls/certcache.h).
 */
#ifndef SSLBIND_TLS_ROUTE_H
#define SSLBIND_TLS_ROUTE_H

#include <stdint.h>
#include <urcu/urcu-qsbr.h>

#include "sslb/apphost.h"

struct route {
    char site[256];
    uint32_t id;
    char binding[300]; /* protocol/bindingInformation, as appcmd lists it */
    sslb_bindinfo bi;
};

struct routes {
    struct rcu_head rcu;
    int enabled; /* the state directory has IIS sites: route; else do not */
    size_t n;
    struct route r[];
};

struct router;

/* A router over state_dir. NULL if out of memory. */
struct router *router_open(const char *state_dir);
void router_close(struct router *rt);

/* Rebuilds the snapshot if the IIS files changed since the last call (one stat each). Call from
 * one thread. Returns 0, or -1 with why (keeping the old snapshot), -2 when the failure may go
 * away (out of descriptors or memory: transient_failure): the next call builds again. */
int router_refresh(struct router *rt, char *why, size_t n);

/* The next router_refresh builds again, whatever the files look like (SIGHUP). */
void router_forget(struct router *rt);

/* The applicationHost.config the last build read ("" before one): a redirection may put it
 * outside the state directory. Same thread as router_refresh. */
const char *router_config_path(const struct router *rt);

/* The current snapshot, valid until the calling thread's next quiescent state (it must be
 * registered with liburcu's QSBR flavour and online, as the workers are); no lock, no write.
 * router_put() marks the end of the use. */
const struct routes *router_get(struct router *rt);
void router_put(const struct routes *r);

/* The route for a request on local:port with host (port and case ignored; NULL or "": none),
 * or NULL: http.sys answers 400. */
const struct route *route_match(const struct routes *r, const sslb_addr *local, uint16_t port, const char *host);

#endif
