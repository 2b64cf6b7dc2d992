/* reg_int.h — what the store's locking and durability (store.c) needs from the registry-format
 * reader and writer (reg.c) beyond the public sslb_reg_parse / sslb_reg_write. Internal. */
#ifndef SSLB_REG_INT_H
#define SSLB_REG_INT_H

#include <stdio.h>

#include "sslb/store.h"

/* Writes t as a registry export to f, with one pending change merged in at its place in the
 * enumeration order (change NULL: t as it is). For SSLB_STORE_DELETE only change->key is read;
 * for SSLB_STORE_UPDATE the change replaces the binding of the same key. 0, or -1 when writing
 * or walking the table failed. */
int sslb__reg_write_merged(sslb_table *t, FILE *f, sslb_store_op op, const sslb_binding *change);

#endif
