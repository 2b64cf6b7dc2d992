/* files.h — scratch directories and whole-file reads, for the suites that touch the disk
 * (header-only, no shared state). */
#ifndef SSLB_TEST_FILES_H
#define SSLB_TEST_FILES_H

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Makes a fresh directory "/tmp/sslb-<tag>-XXXXXX" and writes its path into dir. */
static inline void scratch_make(char *dir, size_t size, const char *tag)
{
    int n = snprintf(dir, size, "/tmp/sslb-%s-XXXXXX", tag);
    cr_assert(n > 0 && (size_t)n < size, "scratch path too long for %s", tag);
    cr_assert(mkdtemp(dir), "mkdtemp %s", dir);
}

static inline int scratch_unlink(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)ftw;
    return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* Removes dir and everything under it (symbolic links are removed, not followed). */
static inline void scratch_remove(const char *dir)
{
    cr_assert_eq(nftw(dir, scratch_unlink, 16, FTW_DEPTH | FTW_PHYS), 0, "cannot remove %s", dir);
}

/* The whole file, NUL-terminated (malloc'd; *len its length if len); NULL if it cannot be opened. */
static inline char *slurp_maybe(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f) return NULL;
    cr_assert_eq(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    cr_assert(n >= 0);
    rewind(f);
    buf = malloc((size_t)n + 1);
    cr_assert(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n, "short read of %s", path);
    buf[n] = '\0';
    fclose(f);
    if (len) *len = (size_t)n;
    return buf;
}

/* The same, for a file that must exist. */
static inline char *slurp(const char *path, size_t *len)
{
    char *buf = slurp_maybe(path, len);
    cr_assert(buf, "cannot open %s", path);
    return buf;
}

/* Writes len bytes of buf as the whole file at path. */
static inline void spit(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert(f, "cannot write %s", path);
    cr_assert_eq(fwrite(buf, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
}

#endif
