/* ascii_int.h — locale-free character classes, lower-casing and comparing of protocol and
 * file-format words (as curl's strcase.c: tolower(), isalnum() and strcasecmp() change with the
 * caller's locale; under tr_TR "I" is not the upper case of "i", and under a single-byte locale
 * isalnum(0xe9) is true). Internal to the library; programs use the public sslb_ascii_* of
 * sslb/param.h, which are these. */
#ifndef SSLB_ASCII_INT_H
#define SSLB_ASCII_INT_H

#include <stddef.h>

static inline int sslb__lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline int sslb__upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

static inline int sslb__isdigit(int c)
{
    return c >= '0' && c <= '9';
}

static inline int sslb__isalpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int sslb__isalnum(int c)
{
    return sslb__isalpha(c) || sslb__isdigit(c);
}

/* The value of a hexadecimal digit (either case), or -1. */
static inline int sslb__hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static inline int sslb__isxdigit(int c)
{
    return sslb__hexval(c) >= 0;
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
