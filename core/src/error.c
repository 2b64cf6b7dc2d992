/* error.c — code → Win32 number and message, generated from SSLB_ERROR_LIST. */
#include "sslb/error.h"

#include <stdarg.h>
#include <stdio.h>

static const struct {
    const char *name;
    int win32;
    const char *msg;
} errtab[] = {
#define SSLB_X_ROW(name, win32, msg) {#name, win32, msg},
    SSLB_ERROR_LIST(SSLB_X_ROW)
#undef SSLB_X_ROW
};

const char *sslb_strerror(sslb_rc rc)
{
    if ((unsigned)rc >= SSLB_RC_COUNT) return "Unknown error.";
    return errtab[rc].msg;
}

int sslb_win32(sslb_rc rc)
{
    if ((unsigned)rc >= SSLB_RC_COUNT) return -1;
    return errtab[rc].win32;
}

const char *sslb_rcname(sslb_rc rc)
{
    if ((unsigned)rc >= SSLB_RC_COUNT) return "SSLB_E?";
    return errtab[rc].name;
}

sslb_rc sslb_diagf(sslb_diag *d, sslb_rc rc, const char *fmt, ...)
{
    if (d) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(d->text, sizeof d->text, fmt, ap);
        va_end(ap);
    }
    return rc;
}

#include "sslb/version.h"

const char *sslb_version(void)
{
    return SSLB_VERSION_STRING;
}
