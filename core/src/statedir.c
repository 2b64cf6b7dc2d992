/* statedir.c — see sslb/statedir.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sslb/statedir.h"

char *sslb_state_dir_default(void)
{
    const char *env = getenv("SSLBIND_STATE"), *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    char *dir;

    if (env && *env) return strdup(env);
    if (xdg && *xdg) {
        if (asprintf(&dir, "%s/sslbind", xdg) < 0) return NULL;
    } else {
        if (asprintf(&dir, "%s/.local/state/sslbind", home && *home ? home : ".") < 0) return NULL;
    }
    return dir;
}
