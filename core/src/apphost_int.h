/* apphost_int.h — what apphost.c and was.c share. Internal to the library. */
#ifndef SSLB_APPHOST_INT_H
#define SSLB_APPHOST_INT_H

#include <stddef.h>
#include <stdint.h>

#include "sslb/error.h"

/* "true" / "false", ASCII case-insensitive: 0, else -1. */
int sslb__bool_parse(const char *s, int *out);

/* Where state_dir's redirection.config points: 1 and the directory in out when it is enabled,
 * 0 when absent or disabled, -1 (d says why) when it is damaged. */
int sslb__redirection(const char *state_dir, char *out, size_t n, sslb_diag *d);

/* The configuration state_dir's server runs: "<shared directory>/applicationHost.config" when
 * redirection.config enables one (and not own), else state_dir's own, made absolute. 1 (shared)
 * or 0 (own) and the path in path (n bytes); -1 when redirection.config is damaged, -2 when the
 * path is too long (PATH_MAX or n) or cannot be made absolute (a relative state_dir in a current
 * directory that no longer exists): d says why. The one place that says which file that is, for
 * the handle (sslb_apphost_open), the journal (was.c) and the shell (sslb_server_config_path). */
int sslb__config_path(const char *state_dir, int own, char *path, size_t n, sslb_diag *d);

/* A number that changes whenever the handle's sites may have changed, never the same for two
 * models (any handle): what a cache of a view of the sites is keyed on. */
uint64_t sslb__apphost_generation(const sslb_apphost *ah);
/* 1 while sslb_apphost_change runs its edit on ah. */
int sslb__apphost_in_change(const sslb_apphost *ah);
/* Called inside an edit of sslb_apphost_change: fn(ctx) runs once that change is written (or
 * found to change no byte) or has failed, before the file's lock is released. */
void sslb__apphost_after_write(sslb_apphost *ah, void (*fn)(void *ctx), void *ctx);
/* The text of the model (what the file holds, or will hold once a change's edit is written). */
const char *sslb__apphost_text(const sslb_apphost *ah, size_t *len);

/* A handle on text alone (malloc'd, NUL-terminated, taken whatever the result: the handle keeps
 * it, no copy of a configuration that may be large), read as sslb_apphost_open reads a file
 * (name, where the text came from, only for messages): no file behind it, no lock taken, for
 * reading only (the sites of a text read lock-free, where the configuration's lock may not be
 * taken). SSLB_OK and *out, which sslb_apphost_close frees; else *out NULL: SSLB_ECORRUPT (the
 * text does not read as a configuration, d says why) or SSLB_ENOMEM. */
sslb_rc sslb__apphost_from_text(const char *name, char *text, size_t len, sslb_apphost **out, sslb_diag *d);

/* How many times s read the configuration to decide a journal by its name records (tests). */
unsigned sslb__server_name_checks(const sslb_server *s);

/* Refuses, before libxml2 reads it, a text that is not UTF-8 (UTF-16/32, another declared
 * encoding) or that has a DOCTYPE: 0 if fine, else -1, *line and why (n bytes) say where and why. */
int sslb__xml_prolog_check(const char *t, size_t len, long *line, char *why, size_t n);

#endif
