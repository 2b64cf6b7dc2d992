/* sslb/error.h — the one list of sslbind's result codes.
 *
 * Every fallible core function returns an sslb_rc. Each code carries the Win32 error number that
 * http.sys / netsh report for the same condition and its system message, so the shell can print
 * netsh's text byte for byte. Codes are stable and never reused.
 */
#ifndef SSLB_ERROR_H
#define SSLB_ERROR_H

#include <stddef.h>

/*        name                   win32  message (the Windows system text for that number) */
#define SSLB_ERROR_LIST(X)                                                                        \
    X(SSLB_OK,                      0, "The operation completed successfully.")                   \
    X(SSLB_ENOTFOUND,               2, "The system cannot find the file specified.")              \
    X(SSLB_EACCESS,                 5, "Access is denied.")                                       \
    X(SSLB_ENOMEM,                  8, "Not enough memory resources are available to process this command.") \
    X(SSLB_EWRITE,                 29, "The system cannot write to the specified device.")        \
    X(SSLB_EREAD,                  30, "The system cannot read from the specified device.")       \
    X(SSLB_ELOCKED,                33, "The process cannot access the file because another process has locked a portion of the file.") \
    X(SSLB_EINVAL,                 87, "The parameter is incorrect.")                             \
    X(SSLB_EEXISTS,               183, "Cannot create a file when that file already exists.")     \
    X(SSLB_ENOCERT,              1312, "A specified logon session does not exist. It may already have been terminated.") \
    X(SSLB_ECORRUPT,             1392, "The file or directory is corrupted and unreadable.")

typedef enum sslb_rc {
#define SSLB_X_ENUM(name, win32, msg) name,
    SSLB_ERROR_LIST(SSLB_X_ENUM)
#undef SSLB_X_ENUM
    SSLB_RC_COUNT
} sslb_rc;

/* The Windows system message for rc ("The parameter is incorrect."); never NULL. */
const char *sslb_strerror(sslb_rc rc);

/* The Win32 error number netsh prints for rc (87 for SSLB_EINVAL); -1 for an unknown rc. */
int sslb_win32(sslb_rc rc);

/* A short symbolic name ("SSLB_EINVAL"), for logs and tests. */
const char *sslb_rcname(sslb_rc rc);

/* Detail for a failure: which value was wrong and what was expected. Functions that take a
 * `sslb_diag *` (NULL allowed) fill it on failure and leave it untouched on success. */
typedef struct sslb_diag {
    char text[256];
} sslb_diag;

/* printf into d (if non-NULL); returns rc so callers can `return sslb_diagf(d, SSLB_EINVAL, ...)`. */
sslb_rc sslb_diagf(sslb_diag *d, sslb_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
