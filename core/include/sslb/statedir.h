/* sslb/statedir.h — where an emulated machine lives when no --state is given, the same for every
 * program (sslbind, appcmd, sslbind-tls), and the check that it is safe to keep private keys in.
 * Lifetimes: the paths returned are malloc'd and belong to the caller (free them). */
#ifndef SSLB_STATEDIR_H
#define SSLB_STATEDIR_H

#include <signal.h>

#include "sslb/error.h"
#include "sslb/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The default state directory, always an absolute path: $SSLBIND_STATE when set (as given), else
 * $XDG_STATE_HOME/sslbind when XDG_STATE_HOME is an absolute path (a relative one is ignored, as
 * the XDG Base Directory specification says), else <home>/.local/state/sslbind, with <home> =
 * $HOME when it is an absolute path, else the user's home directory from the password database.
 * *out is malloc'd (the caller frees it). SSLB_ENOMEM, or SSLB_ENOTFOUND when there is no home
 * directory to use (d says so): never the current directory. */
SSLB_API sslb_rc sslb_state_dir_find(char **out, sslb_diag *d);

/* sslb_state_dir_find without the reason: NULL when it fails. */
SSLB_API char *sslb_state_dir_default(void);

/* Whether the directory path is safe for an emulated machine's files (private keys among them),
 * as ssh judges ~/.ssh: it must be a directory owned by the effective user (or by root) that
 * neither the group nor others may write, or another local user could plant files or symbolic
 * links there, or replace what sslbind writes. SSLB_OK; SSLB_EACCESS when it is not safe, d
 * naming the directory and the fix (chmod 700 …); SSLB_ENOTFOUND when it does not exist;
 * SSLB_EINVAL when it is not a directory. Every part of the library that opens a state
 * directory calls it (certificate stores, bindings.reg, the IIS files). Any thread. */
SSLB_API sslb_rc sslb_state_dir_check(const char *path, sslb_diag *d);

/* path made absolute from the current directory (an absolute one as it is), in out (n bytes), for
 * a path that is stored or compared (a farm's directory, a configuration file); its leading "."
 * and ".." are taken against the current directory's name, so that the result does not go through
 * the current directory ("../farm" from /srv/a is /srv/farm): SSLB_OK, or
 * SSLB_EINVAL when the current directory no longer exists or cannot be named (d: "the current
 * directory no longer exists: give WHAT as an absolute path") or the result does not fit in n
 * or PATH_MAX (d: "WHAT: too long"). Any thread. */
SSLB_API sslb_rc sslb_path_absolute(const char *path, const char *what, char *out, size_t n, sslb_diag *d);

/* A wait for a state directory's lock (SSLBIND_LOCK_WAIT) gives up, as when a signal handler
 * interrupts it (the caller's "interrupted … nothing changed"), while *flag is nonzero; NULL: no
 * flag. An interactive program sets the flag from its SIGINT handler, so that a Ctrl-C that
 * arrives just before the wait, or between two of its sleeps, is not lost. The flag is read,
 * never written; the program clears it. Set it before any thread waits. */
SSLB_API void sslb_lock_wait_flag(volatile sig_atomic_t *flag);
/* 1 while the flag sslb_lock_wait_flag gave is set, else 0: what the library's lock waits ask
 * (every library's, from one flag). Any thread. */
SSLB_API int sslb_lock_wait_interrupted(void);

/* Opens /dev/null on whichever of descriptors 0, 1 and 2 is closed, in the direction that fails
 * (gnulib's stdopen): otherwise the next file or socket a program opens (a lock, bindings.reg, a
 * listening socket, an inotify descriptor) would get the number, and printf or the log would
 * write into it; this way a closed stdout fails its writes (EBADF), which the program reports.
 * Every program calls it first, before any thread starts. */
SSLB_API void sslb_hold_std_fds(void);

#ifdef __cplusplus
}
#endif

#endif
