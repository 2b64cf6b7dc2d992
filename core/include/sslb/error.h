/* sslb/error.h — the one list of sslbind's result codes.
 *
 * Every fallible library function returns an sslb_rc (SSLB_OK, 0, for success). Each code carries
 * the Win32 error number that http.sys / netsh report for the same condition and its system
 * message, so the shell can print netsh's text byte for byte. Codes are stable and never reused.
 *
 * Detail goes through one channel: a failing function that takes a `sslb_diag *d` writes one line
 * into it saying which value was wrong and what was expected (d may be NULL: no detail). There
 * is no other channel for that text; where a caller needs structured facts beside it (the line
 * and libxml2's words of a damaged applicationHost.config, which appcmd lays out in its own
 * error format), the handle offers them as data (sslb_apphost_error_line/_detail).
 *
 * Lifetimes: the strings sslb_strerror and sslb_rcname return are static (valid for ever); a
 * sslb_diag is the caller's, plain memory with no cleanup.
 */
#ifndef SSLB_ERROR_H
#define SSLB_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "sslb/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Each code has an explicit number that is part of the ABI: a code is never renumbered, and a
 * number is never reused. A new code takes the next free number, at the end of the list.
 * (tests/core/test_error.c pins every code's number, Win32 number and name.)
 *
 *          name                 code  win32  message (the Windows system text for that number) */
#define SSLB_ERROR_LIST(X)                                                                                             \
    X(SSLB_OK, 0, 0, "The operation completed successfully.")                                                          \
    X(SSLB_ENOTFOUND, 1, 2, "The system cannot find the file specified.")                                              \
    X(SSLB_EACCESS, 2, 5, "Access is denied.")                                                                         \
    X(SSLB_ENOMEM, 3, 8, "Not enough memory resources are available to process this command.")                         \
    X(SSLB_EWRITE, 4, 29, "The system cannot write to the specified device.")                                          \
    X(SSLB_EREAD, 5, 30, "The system cannot read from the specified device.")                                          \
    X(SSLB_ELOCKED, 6, 33,                                                                                             \
      "The process cannot access the file because another process has locked a portion of the file.")                  \
    X(SSLB_EINVAL, 7, 87, "The parameter is incorrect.")                                                               \
    X(SSLB_EEXISTS, 8, 183, "Cannot create a file when that file already exists.")                                     \
    X(SSLB_ENOCERT, 9, 1312, "A specified logon session does not exist. It may already have been terminated.")         \
    X(SSLB_ECORRUPT, 10, 1392, "The file or directory is corrupted and unreadable.")                                   \
    X(SSLB_EDISKFULL, 11, 112, "There is not enough space on the disk.")

typedef enum sslb_rc {
#define SSLB_X_ENUM(name, code, win32, msg) name = code,
    SSLB_ERROR_LIST(SSLB_X_ENUM)
#undef SSLB_X_ENUM
        SSLB_RC_COUNT /* one more than the last code: the codes are 0 .. SSLB_RC_COUNT - 1 */
} sslb_rc;

/* The Windows system message for rc ("The parameter is incorrect."); never NULL. */
SSLB_API const char *sslb_strerror(sslb_rc rc);

/* The Win32 error number netsh prints for rc (87 for SSLB_EINVAL); -1 for an unknown rc. */
SSLB_API int sslb_win32(sslb_rc rc);

/* A short symbolic name ("SSLB_EINVAL"), for logs and tests. */
SSLB_API const char *sslb_rcname(sslb_rc rc);

/* Detail for a failure: which value was wrong and what was expected. Functions that take a
 * `sslb_diag *` (NULL allowed) fill it on failure and leave it untouched on success. */
#define SSLB_DIAG_MAX 1024 /* a diagnostic's text, NUL included: room for a path and the reason */
typedef struct sslb_diag {
    char text[SSLB_DIAG_MAX];
} sslb_diag;

/* printf into d (if non-NULL); returns rc so callers can `return sslb_diagf(d, SSLB_EINVAL, ...)`. */
SSLB_API sslb_rc sslb_diagf(sslb_diag *d, sslb_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The same with a va_list. A text longer than the diagnostic ends in "...", cut at a character. */
SSLB_API sslb_rc sslb_diagv(sslb_diag *d, sslb_rc rc, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

#ifdef __cplusplus
}
#endif

#endif
