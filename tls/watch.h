/* watch.h — changes to the emulated machine, noticed without reading a file at a handshake.
 *
 * One inotify instance watches the state directory (bindings.reg and the IIS files), DIR/certs
 * (stores made or removed), every store's directory, and the directory of a redirected
 * applicationHost.config. The kernel queues an event before the rename or write that caused it
 * returns, so once a command has returned its change is in the queue. watch_sync(), called at
 * every ClientHello and every request, asks the kernel whether the queue holds anything (one
 * ioctl, and an epoll_wait for the anchors' queue and the mount table, below): nothing pending,
 * it returns at once; else one thread, under a mutex, reads the events and applies them —
 * bindings.reg refreshed into the
 * table (once per change of the file: a damaged file is read once, not at every connection),
 * the changed certificates read into the cache, the IIS sites rebuilt — while the others wait
 * for it, so none serves what came before. A queue overflow reads everything again. A second
 * instance watches the anchors: every name on the state directory's path, each in the directory
 * before it, and every name on the paths of the links it, DIR/certs, the stores and the shared
 * configuration are reached through (a link's target not there yet included); such a name
 * replaced or made makes every watch again (watch.c, rewatch), as does a mount or an unmount that
 * changed one of those paths (checked by identity, as after lost events).
 */
#ifndef SSLBIND_TLS_WATCH_H
#define SSLBIND_TLS_WATCH_H

#include "server.h"

/* Starts watching sv's state directory, state_dir an absolute path (main.c makes it one at the
 * start, so that every rewatch names the same directory). 0, or -1 with why. */
int watch_open(struct server *sv, const char *state_dir, char *why, size_t n);
void watch_close(struct watch *w);
/* After the router's first build: the directory of a redirected configuration is watched too. */
void watch_started(struct server *sv);

/* Applies whatever changed since the last call (see above). The calling thread must be
 * registered with liburcu's QSBR flavour and online. */
void watch_sync(struct server *sv);
/* SIGHUP: the table, every certificate and the IIS sites read again now, whatever the events
 * said (as after a queue overflow); logged. Same thread requirements as watch_sync. */
void watch_reread(struct server *sv);

#endif
