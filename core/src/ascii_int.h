/* ascii_int.h — locale-free lower-casing and comparing of protocol and file-format words (as
 * curl's strcase.c: tolower() and strcasecmp() change with the caller's locale; under tr_TR "I"
 * is not the upper case of "i"). Internal to the library. */
#ifndef SSLB_ASCII_INT_H
#define SSLB_ASCII_INT_H

#include <stddef.h>

static inline int sslb__lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Compares at most n bytes of a and b ignoring ASCII case; <0, 0, >0. */
static inline int sslb__ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = sslb__lower((unsigned char)a[i]), y = sslb__lower((unsigned char)b[i]);
        if (x != y || !x) return x - y;
    }
    return 0;
}

static inline int sslb__casecmp(const char *a, const char *b)
{
    return sslb__ncasecmp(a, b, (size_t)-1);
}

#endif
