/* error.c — code → Win32 number and message, generated from SSLB_ERROR_LIST. */
#include "sslb/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct errrow {
    int code;
    const char *name;
    int win32;
    const char *msg;
};

static const struct errrow errtab[] = {
#define SSLB_X_ROW(name, code, win32, msg) {code, #name, win32, msg},
    SSLB_ERROR_LIST(SSLB_X_ROW)
#undef SSLB_X_ROW
};

/* The codes are numbered explicitly; they must be 0 .. SSLB_RC_COUNT - 1, each once. */
#define SSLB_X_COUNT(name, code, win32, msg) +1
_Static_assert(0 SSLB_ERROR_LIST(SSLB_X_COUNT) == SSLB_RC_COUNT, "error codes must be numbered 0 .. SSLB_RC_COUNT - 1");
#undef SSLB_X_COUNT

/* The row of rc, found by its number (the list's order is not the numbers' order by rule). */
static const struct errrow *row(sslb_rc rc)
{
    for (size_t i = 0; i < sizeof errtab / sizeof errtab[0]; i++)
        if (errtab[i].code == (int)rc) return &errtab[i];
    return NULL;
}

const char *sslb_strerror(sslb_rc rc)
{
    const struct errrow *r = row(rc);
    return r ? r->msg : "Unknown error.";
}

int sslb_win32(sslb_rc rc)
{
    const struct errrow *r = row(rc);
    return r ? r->win32 : -1;
}

const char *sslb_rcname(sslb_rc rc)
{
    const struct errrow *r = row(rc);
    return r ? r->name : "SSLB_E?";
}

sslb_rc sslb_diagv(sslb_diag *d, sslb_rc rc, const char *fmt, va_list ap)
{
    if (d) {
        int n = vsnprintf(d->text, sizeof d->text, fmt, ap);
        if (n >= (int)sizeof d->text) { /* cut: say so, at a character's start, never mid-UTF-8 */
            size_t end = sizeof d->text - 4;
            while (end > 0 && ((unsigned char)d->text[end] & 0xc0) == 0x80) end--;
            memcpy(d->text + end, "...", 4);
        }
    }
    return rc;
}

sslb_rc sslb_diagf(sslb_diag *d, sslb_rc rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sslb_diagv(d, rc, fmt, ap);
    va_end(ap);
    return rc;
}

#include "sslb/version.h"

const char *sslb_version(void)
{
    return SSLB_VERSION_STRING;
}
