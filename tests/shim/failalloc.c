/* failalloc.c — an LD_PRELOAD shim for the tests: the FAIL_AT-th call of malloc, calloc or
 * realloc (counted together, from the shim's constructor on; with FAIL_FROM=SUFFIX, from the
 * first open of a path ending in SUFFIX on) returns NULL with ENOMEM, once; FAIL_COUNT set prints
 * "allocations N" to standard error at exit, for a test that tries each K up to N. Not for
 * sanitizer builds (they replace the allocator themselves). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *(*next_malloc)(size_t);
static void *(*next_calloc)(size_t, size_t);
static void *(*next_realloc)(void *, size_t);
static void (*next_free)(void *);
static long calls, fail_at = -1;
static int ready, count;
static const char *from; /* FAIL_FROM: nothing counted before such a path is opened */
static int (*next_open)(const char *, int, ...);
static int (*next_openat)(int, const char *, int, ...);
/* dlsym's own allocations, made before the next allocator is known: never freed */
static char early[16384];
static size_t early_used;

static int fails(void)
{
    if (!ready || from) return 0;
    if (++calls != fail_at) return 0;
    errno = ENOMEM;
    return 1;
}

static void *early_alloc(size_t n)
{
    void *p = early + early_used;
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof early - early_used) return NULL;
    early_used += n;
    return p;
}

static void at_exit(void)
{
    char m[64];
    int l = snprintf(m, sizeof m, "allocations %ld\n", calls);
    if (count && write(2, m, (size_t)l) < 0) return;
}

__attribute__((constructor)) static void start(void)
{
    const char *at = getenv("FAIL_AT");
    next_malloc = dlsym(RTLD_NEXT, "malloc");
    next_calloc = dlsym(RTLD_NEXT, "calloc");
    next_realloc = dlsym(RTLD_NEXT, "realloc");
    next_free = dlsym(RTLD_NEXT, "free");
    next_open = dlsym(RTLD_NEXT, "open");
    next_openat = dlsym(RTLD_NEXT, "openat");
    if (at) fail_at = strtol(at, NULL, 10);
    from = getenv("FAIL_FROM");
    count = getenv("FAIL_COUNT") != NULL;
    atexit(at_exit);
    ready = 1;
}

void *malloc(size_t n)
{
    if (!next_malloc) return early_alloc(n);
    return fails() ? NULL : next_malloc(n);
}

void *calloc(size_t a, size_t b)
{
    if (!next_calloc) return early_alloc(a * b); /* static: zeroed */
    return fails() ? NULL : next_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
    if (!next_realloc) return NULL;
    return n && fails() ? NULL : next_realloc(p, n);
}

void free(void *p)
{
    if (!p || ((char *)p >= early && (char *)p < early + sizeof early)) return;
    if (next_free) next_free(p);
}

static void opened(const char *path)
{
    size_t n = from ? strlen(from) : 0, l = strlen(path);
    if (from && l >= n && strcmp(path + l - n, from) == 0) from = NULL;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (mode_t)va_arg(ap, int);
    va_end(ap);
    opened(path);
    return next_open(path, flags, mode);
}

int open64(const char *path, int flags, ...) __attribute__((alias("open")));

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (mode_t)va_arg(ap, int);
    va_end(ap);
    opened(path);
    return next_openat(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...) __attribute__((alias("openat")));

/* What _FORTIFY_SOURCE builds call for an open whose flags are not known at compile time (the
 * gcc Release build): the same path seen. */
int __open_2(const char *path, int flags);
int __openat_2(int dirfd, const char *path, int flags);

int __open_2(const char *path, int flags)
{
    opened(path);
    return next_open(path, flags);
}

int __openat_2(int dirfd, const char *path, int flags)
{
    opened(path);
    return next_openat(dirfd, path, flags);
}
