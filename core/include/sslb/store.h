/* sslb/store.h — the emulated registry: DIR/bindings.reg, in the format of `reg export`.
 *
 * A store handle belongs to one thread (the control plane). Changes go through
 * sslb_store_apply(), which makes them durable before they are applied in memory:
 * lock (flock on DIR/bindings.lock) → reload if another process changed the file → check →
 * write a temporary file, fsync, rename over bindings.reg, fsync DIR → apply to the table →
 * unlock. A crash leaves the old or the new file, never a torn one; concurrent processes lose
 * nothing. A damaged file is never overwritten: every call fails, naming file and line.
 *
 * File first, then memory. Once the rename is done the change is committed: other processes
 * may already have read it, so it is never taken back. If applying it to the table then fails
 * (out of memory is the one way left: everything the table could refuse is checked before the
 * file is written), the table is reloaded from the file, the truth, and the call succeeds when
 * that works. When the reload fails too, the call returns its failure, the detail says the file
 * holds the change, and the handle forgets the version it knew, so the next refresh or apply
 * reloads: the table never stays behind the file unnoticed. (Applying in memory first would
 * let readers see a change that may never become durable, and undoing it can itself fail.)
 *
 * Noticing another process's change. bindings.reg is only ever replaced (rename) or rewritten
 * as a whole, so a different (device, inode, size, mtime) is a different version. The same four
 * can repeat, though: a replaced file's inode is reused at once, and two writes within one tick
 * of the file system's clock get the same mtime. So a version whose mtime is less than a few
 * seconds older than the moment the handle read or wrote it is not trusted: refresh reads it
 * again and compares a SHA-256 of its content. Once the handle has seen a version well after
 * its mtime, any later write must carry a later mtime, and refresh is one lstat(2) — the cheap
 * path a server that refreshes at every connection takes. (This is git's "racy clean" rule;
 * like git it assumes nobody sets mtimes into the past, and clocks that do not jump back.)
 *
 * bindings.reg must be a regular file: a FIFO, a device, a directory or a symbolic link in its
 * place is refused (SSLB_EREAD, named in the detail), never waited on, read or replaced.
 *
 * Lifetimes: a store handle and a table are independent objects; each call is given both, and
 * neither keeps a pointer to the other (close and destroy in either order). The string of
 * sslb_store_path belongs to the handle: valid until sslb_store_close.
 *
 * Errors: every fallible function returns an sslb_rc and, on failure, explains it in the
 * caller's sslb_diag (NULL allowed): the file and line for a damaged file. sslb_text_decode's *text points into buf
 * (which must outlive it) unless *owned is set, which the caller frees.
 */
#ifndef SSLB_STORE_H
#define SSLB_STORE_H

#include <stddef.h>
#include <stdio.h>

#include "sslb/error.h"
#include "sslb/param.h"
#include "sslb/table.h"
#include "sslb/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sslb_store sslb_store;

typedef enum sslb_store_op {
    SSLB_STORE_ADD,
    SSLB_STORE_UPDATE,
    SSLB_STORE_DELETE,
} sslb_store_op;

/* Opens the store in dir, creating dir (mode 0700) if missing. Nothing is read yet. */
SSLB_API sslb_rc sslb_store_open(const char *dir, sslb_store **out, sslb_diag *d);
SSLB_API void sslb_store_close(sslb_store *s);

/* Path of bindings.reg. */
SSLB_API const char *sslb_store_path(const sslb_store *s);

/* Unknown keys and values skipped by the last load. */
SSLB_API unsigned sslb_store_skipped(const sslb_store *s);

/* Makes t hold the file's bindings (none if the file does not exist yet). On failure t is
 * unchanged and d says why. */
SSLB_API sslb_rc sslb_store_load(sslb_store *s, sslb_table *t, sslb_diag *d);

/* Reloads only if the file is not the version this handle last read or wrote (see above). */
SSLB_API sslb_rc sslb_store_refresh(sslb_store *s, sslb_table *t, sslb_diag *d);

/* One change, durable before it is applied to t (see above). Returns the table's verdict
 * (SSLB_EEXISTS, SSLB_ENOTFOUND, SSLB_EINVAL with d) or a store failure (its detail in d).
 * For SSLB_STORE_DELETE only b->key is read. */
SSLB_API sslb_rc sslb_store_apply(sslb_store *s, sslb_table *t, sslb_store_op op, const sslb_binding *b, sslb_diag *d);

/* Parses the text of a registry export (UTF-8, or UTF-16 with a byte-order mark; LF or CRLF)
 * and adds its bindings to t, which should be empty. name is used in messages
 * ("bindings.reg:12: ..."). *skipped counts unknown keys and values, which may be of any
 * size. On SSLB_ECORRUPT, d names the line. Text without the header (an empty buffer too) is
 * SSLB_ECORRUPT: only a missing file is an empty table. */
SSLB_API sslb_rc sslb_reg_parse(const char *buf, size_t len, const char *name, sslb_table *t, unsigned *skipped,
                                sslb_diag *d);

/* Writes t as a registry export (UTF-8, LF) to f: SSLB_OK, or SSLB_EWRITE when writing to f
 * failed (or the order of the bindings could not be built). f stays the caller's, open. */
SSLB_API sslb_rc sslb_reg_write(sslb_table *t, FILE *f);

/* Decodes the bytes of a text file as Windows tools save it (the reader of bindings.reg and
 * the shell's scripts share it): UTF-16LE or UTF-16BE with a byte-order mark is converted to
 * UTF-8; UTF-8 loses its byte-order mark if it has one. *text and *textlen are the UTF-8 text,
 * NUL-terminated when converted; *owned is what the caller frees (NULL when *text points into
 * buf). SSLB_ECORRUPT with *badline (1-based) for invalid UTF-16: a lone surrogate, a NUL
 * character, an odd number of bytes. UTF-8 is not validated here. Thread-safe. */
SSLB_API sslb_rc sslb_text_decode(const char *buf, size_t len, const char **text, size_t *textlen, char **owned,
                                  size_t *badline);

/* ---- for tests: failures on purpose ---------------------------------------------------------
 * A hook called at each step below that can fail; a non-zero return makes that step fail as if
 * the system had refused it (a write error, out of memory). Per handle, NULL to remove. */
typedef enum sslb_store_step {
    SSLB_STORE_STEP_WRITE,  /* writing the new bindings.reg (SSLB_EWRITE; nothing changed) */
    SSLB_STORE_STEP_MEMORY, /* applying a change to the table after the file holds it (SSLB_ENOMEM) */
    SSLB_STORE_STEP_LOAD,   /* making the table hold a file just parsed (SSLB_ENOMEM) */
} sslb_store_step;
typedef int (*sslb_store_test_hook)(void *ctx, sslb_store_step step);
SSLB_API void sslb_store_set_test_hook(sslb_store *s, sslb_store_test_hook hook, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
