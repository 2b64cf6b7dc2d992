/* sslb/statedir.h — where an emulated machine lives when no --state is given, the same for every
 * program (sslbind, appcmd, sslbind-tls). */
#ifndef SSLB_STATEDIR_H
#define SSLB_STATEDIR_H

/* $SSLBIND_STATE, else ${XDG_STATE_HOME:-$HOME/.local/state}/sslbind; malloc'd, NULL if out of
 * memory. The caller frees it. */
char *sslb_state_dir_default(void);

#endif
