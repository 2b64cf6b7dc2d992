/* file_int.h — the file habits every durable file of the core shares: directories made with a
 * mode, an exclusive lock with a bounded wait, whole-file reads, and replacement that survives a
 * crash (temporary file, fsync, rename, directory fsync). Internal to the library. */
#ifndef SSLB_FILE_INT_H
#define SSLB_FILE_INT_H

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

#include "sslb/error.h"

#define SSLB__LOCK_WAIT_SECONDS 30 /* the default wait for a lock; SSLBIND_LOCK_WAIT changes it */
#define SSLB__LOCK_WAIT_MAX 3600   /* the most SSLBIND_LOCK_WAIT may ask for */

/* mkdir -p with mode for every directory it creates; path is modified and restored. 0 or -1. */
int sslb__mkdirs(char *path, mode_t mode);

/* Takes the exclusive flock of lockpath (created 0600), the lock that guards `what` ("the binding
 * table"), waiting at most SSLBIND_LOCK_WAIT seconds (the environment; SSLB__LOCK_WAIT_SECONDS
 * when unset), and records the holder's pid in it. SSLB_OK with *lockfd (close it to unlock), or
 * *lockfd = -1 and d filled:
 *   SSLB_ELOCKED  the wait ran out: "PATH: another process (pid N, NAME) has held WHAT for S
 *                 seconds", the holder named when the kernel shows it alive and holding this lock;
 *                 or a signal handler ran during the wait (the interactive shell's Ctrl-C):
 *                 "PATH: interrupted while another process (pid N, NAME) held WHAT: nothing
 *                 changed";
 *   SSLB_EINVAL   SSLBIND_LOCK_WAIT is not a number of seconds from 0 to SSLB__LOCK_WAIT_MAX;
 *   SSLB_EACCESS  no permission, or a read-only file system (EACCES, EPERM, EROFS): "PATH:
 *                 cannot lock: REASON";
 *   other         anything else, "PATH: cannot lock: REASON": a symbolic link at lockpath is
 *                 never followed (ELOOP), a directory (EISDIR) or anything but a regular file
 *                 (EINVAL) never used. Only contention is SSLB_ELOCKED (Win32 33, "another
 *                 process has locked"): other is never SSLB_ELOCKED (SSLB_EWRITE for a writer). */
sslb_rc sslb__lock(const char *lockpath, const char *what, sslb_rc other, int *lockfd, sslb_diag *d);
/* What a file operation that failed with err is to the user: SSLB_EACCESS (Win32 5, "Access is
 * denied.") for no permission or a read-only file system, else other. A lock that cannot be had
 * for such a reason is never SSLB_ELOCKED (33 says a process holds it: an administrator would go
 * looking for one that does not exist). */
static inline sslb_rc sslb__denied_or(int err, sslb_rc other)
{
    return err == EACCES || err == EPERM || err == EROFS ? SSLB_EACCESS : other;
}
/* The code of a write that failed with err: SSLB_EACCESS (5) as sslb__denied_or says,
 * SSLB_EDISKFULL (112) for a full disk (ENOSPC), else SSLB_EWRITE (29). */
static inline sslb_rc sslb__write_rc(int err)
{
    return err == ENOSPC ? SSLB_EDISKFULL : sslb__denied_or(err, SSLB_EWRITE);
}
/* A shared flock of an existing regular lockpath (never created, never through a link), for a
 * reader that needs a view no writer is changing: the descriptor (close it to unlock), or -1
 * when there is no such file or it could not be had within the lock wait (then read without). */
int sslb__lock_shared(const char *lockpath);
/* sslb__lock without the wait: SSLB_ELOCKED at once when another process holds it. */
sslb_rc sslb__lock_now(const char *lockpath, const char *what, sslb_rc other, int *lockfd, sslb_diag *d);

/* Reads the whole file into a malloc'd, NUL-terminated buffer. 0 on success (*st filled when
 * st is non-NULL); -1 with errno (ENOENT when the file does not exist; EISDIR or EINVAL when it
 * is a directory or not a regular file: a FIFO is refused at once, never waited on). */
int sslb__read_all(const char *path, char **buf, size_t *len, struct stat *st);
/* Why sslb__read_all failed, from its errno, for a message: "not a regular file (a FIFO, a
 * device or a socket)" for one it refused so (EINVAL), else strerror's words. */
const char *sslb__read_why(int err);

/* Writes a new version of path durably: fill(f, ctx) writes the content to a temporary file
 * beside path (O_EXCL, mode `mode`), which is fsync'd and renamed over path, then the directory
 * is fsync'd. fill returns 0 or -1. On failure path is untouched, the temporary file removed,
 * and -1 returned with errno. *st (if non-NULL) describes the new file. Temporary files named
 * "<path>.tmp.*" left by writers that died are removed first: call it under the file's lock. A
 * symbolic link at path is never replaced: -1 with ELOOP (callers refuse it first, with the
 * reason: sslb__refuse_link). */
int sslb__replace(const char *path, mode_t mode, int (*fill)(FILE *f, void *ctx), void *ctx, struct stat *st);

/* A file of the state made under a umask that takes its owner's read or write bit (0477, 0777)
 * would lock every later command out of it: the owner's read and write put back (the rest of
 * the umask kept), for a regular file open on fd. 0, or -1 with errno (review 35 F13). */
int sslb__owner_rw(int fd);
/* mkdir(path, mode), and the owner's read, write and search put back as sslb__owner_rw does.
 * 0, or -1 with mkdir's errno. */
int sslb__mkdir(const char *path, mode_t mode);

/* Removes the "<path>.tmp.*" files of writers that died mid-write (sslb__replace does it first):
 * call it under the file's lock. */
void sslb__sweep_temporaries(const char *path);
/* The start of the names of path's temporaries in its directory: "<name>.tmp.", or, for a name
 * too long to take ".tmp.", a pid and 8 hex digits within NAME_MAX, its first bytes, "~" and a
 * hash of the whole ("~1a2b3c4d.tmp."). */
void sslb__temp_prefix(const char *path, char *out, size_t n);

/* A fill for sslb__replace that writes n bytes from p. */
struct sslb__bytes {
    const char *p;
    size_t n;
};
int sslb__fill_bytes(FILE *f, void *ctx);

/* SSLB_OK when path is not a symbolic link (or does not exist). Else rc, with the reason in d:
 * "<path> is a symbolic link, which a change would replace (not its target): nothing written;
 * <instead>". Every file written by rename-into-place is refused so, before anything changes:
 * a rename over a link would put a file of this server's own in place of the link and leave its
 * target, which others may read, without the change. */
sslb_rc sslb__refuse_link(const char *path, sslb_rc rc, const char *instead, sslb_diag *d);

/* fsync(2) of a directory, so that entries created, renamed or removed in it are durable. 0 or
 * -1 with errno. */
int sslb__fsync_dir(const char *dir);

/* 1 when a and b describe the same version of a file (device, inode, size, mtime). */
int sslb__same_version(const struct stat *a, const struct stat *b);

#endif
