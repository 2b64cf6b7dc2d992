/* statedir.h — the emulated machine's default state directory, shared by sslbind and sslbind-tls. */
#ifndef SSLBIND_STATEDIR_H
#define SSLBIND_STATEDIR_H

/* $SSLBIND_STATE, else ${XDG_STATE_HOME:-$HOME/.local/state}/sslbind; malloc'd, NULL if out of memory. */
char *state_dir_default(void);

#endif
