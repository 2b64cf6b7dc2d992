/* sslb/store.h — the emulated registry: DIR/bindings.reg, in the format of `reg export`.
 *
 * A store handle belongs to one thread (the control plane). Changes go through
 * sslb_store_apply(), which makes them durable before they are applied in memory:
 * lock (flock on DIR/bindings.lock) → reload if another process replaced the file → check →
 * write a temporary file, fsync, rename over bindings.reg, fsync DIR → apply to the table →
 * unlock. A crash leaves the old or the new file, never a torn one; concurrent processes lose
 * nothing. A damaged file is never overwritten: every call fails, naming file and line.
 */
#ifndef SSLB_STORE_H
#define SSLB_STORE_H

#include <stddef.h>
#include <stdio.h>

#include "sslb/error.h"
#include "sslb/param.h"
#include "sslb/table.h"

typedef struct sslb_store sslb_store;

typedef enum sslb_store_op {
    SSLB_STORE_ADD,
    SSLB_STORE_UPDATE,
    SSLB_STORE_DELETE,
} sslb_store_op;

/* Opens the store in dir, creating dir (mode 0700) if missing. Nothing is read yet. */
sslb_rc sslb_store_open(const char *dir, sslb_store **out, sslb_diag *d);
void sslb_store_close(sslb_store *s);

/* Path of bindings.reg. */
const char *sslb_store_path(const sslb_store *s);

/* Text of the last failure (file and line for a damaged file), "" if none. */
const char *sslb_store_detail(const sslb_store *s);

/* Unknown keys and values skipped by the last load. */
unsigned sslb_store_skipped(const sslb_store *s);

/* Makes t hold the file's bindings (none if the file does not exist yet). On failure t is
 * unchanged. */
sslb_rc sslb_store_load(sslb_store *s, sslb_table *t);

/* Reloads only if another process replaced the file since this handle last read or wrote it. */
sslb_rc sslb_store_refresh(sslb_store *s, sslb_table *t);

/* One change, durable before it is applied to t (see above). Returns the table's verdict
 * (SSLB_EEXISTS, SSLB_ENOTFOUND, SSLB_EINVAL with d) or a store failure (detail on s).
 * For SSLB_STORE_DELETE only b->key is read. */
sslb_rc sslb_store_apply(sslb_store *s, sslb_table *t, sslb_store_op op, const sslb_binding *b,
                         sslb_diag *d);

/* Parses the text of a registry export (UTF-8 or UTF-16LE with BOM, LF or CRLF) and adds its
 * bindings to t, which should be empty. name is used in messages ("bindings.reg:12: ...").
 * *skipped counts unknown keys and values. On SSLB_ECORRUPT, d names the line. */
sslb_rc sslb_reg_parse(const char *buf, size_t len, const char *name, sslb_table *t,
                       unsigned *skipped, sslb_diag *d);

/* Writes t as a registry export (UTF-8, LF) to f. Returns 0 or -1 on a write error. */
int sslb_reg_write(sslb_table *t, FILE *f);

#endif
