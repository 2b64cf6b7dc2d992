/* fuzz_util.h — what the harnesses share: a private scratch directory (in /dev/shm when there is
 * one, so the fsyncs of the stores cost nothing), copying and removing trees, NUL-terminated
 * copies of the input that end exactly where the input ends (so ASan sees a read past it).
 *
 * The scratch directory is $SSLB_FUZZ_TMP (tools/fuzz/run-all sets it and removes it), else
 * /dev/shm, else $TMPDIR, else /tmp; each process makes its own sslb-fuzz-<name>-XXXXXX inside
 * and removes it at exit. */
#ifndef SSLB_FUZZ_UTIL_H
#define SSLB_FUZZ_UTIL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The data directory of the tests (tests/data): certificates and configurations the harnesses
 * set their machines up with. The build passes it; a checkout's layout is the fallback. */
#ifndef SSLB_FUZZ_DATA
#define SSLB_FUZZ_DATA "tests/data"
#endif

/* dst = a "/" b; aborts rather than truncate a path. */
static inline void fz_join(char *dst, size_t n, const char *a, const char *b)
{
    int r = snprintf(dst, n, "%s/%s", a, b);
    if (r < 0 || (size_t)r >= n) {
        fprintf(stderr, "fuzz: path too long: %s/%s\n", a, b);
        abort();
    }
}

static inline int fz_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP) rmdir(path);
    else unlink(path);
    return 0;
}

/* rm -rf path (never follows symlinks). */
static inline void fz_rmtree(const char *path)
{
    nftw(path, fz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char fz_root[PATH_MAX];

static inline void fz_cleanup(void)
{
    if (fz_root[0]) fz_rmtree(fz_root);
}

/* This process's scratch directory, made on first call (aborts if it cannot be). */
static inline const char *fz_scratch(const char *name)
{
    if (fz_root[0]) return fz_root;
    const char *base = getenv("SSLB_FUZZ_TMP");
    struct stat st;
    if (!base || !*base)
        base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0 ? "/dev/shm"
                                                                                                  : getenv("TMPDIR");
    if (!base || !*base) base = "/tmp";
    snprintf(fz_root, sizeof fz_root, "%s/sslb-fuzz-%s-XXXXXX", base, name);
    if (!mkdtemp(fz_root)) {
        perror(fz_root);
        abort();
    }
    atexit(fz_cleanup);
    return fz_root;
}

/* Writes size bytes to path (created 0600, truncated). 0 or -1. */
static inline int fz_write(const char *path, const void *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const char *p = data;
    if (fd < 0) return -1;
    while (size) {
        ssize_t w = write(fd, p, size);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        p += w;
        size -= (size_t)w;
    }
    return close(fd);
}

/* Copies the regular files and directories of src into dst (made if missing). 0 or -1. */
static inline int fz_copytree(const char *src, const char *dst)
{
    DIR *dir;
    struct dirent *e;
    int rc = 0;

    if (mkdir(dst, 0700) != 0 && errno != EEXIST) return -1;
    if (!(dir = opendir(src))) return -1;
    while ((e = readdir(dir))) {
        char s[PATH_MAX], t[PATH_MAX];
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        fz_join(s, sizeof s, src, e->d_name);
        fz_join(t, sizeof t, dst, e->d_name);
        if (lstat(s, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (fz_copytree(s, t) != 0) rc = -1;
            chmod(t, st.st_mode & 07777);
        } else if (S_ISREG(st.st_mode)) {
            int in = open(s, O_RDONLY | O_CLOEXEC), out;
            char buf[65536];
            ssize_t r;
            if (in < 0) {
                rc = -1;
                continue;
            }
            if ((out = open(t, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, st.st_mode & 07777)) < 0) {
                close(in);
                rc = -1;
                continue;
            }
            while ((r = read(in, buf, sizeof buf)) > 0)
                if (write(out, buf, (size_t)r) != r) rc = -1;
            close(in);
            close(out);
        }
    }
    closedir(dir);
    return rc;
}

/* The whole file at path, NUL-terminated (malloc'd, *len its length), or NULL if it cannot be opened. */
static inline char *fz_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    if (!f) return NULL;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            if (!(buf = realloc(buf, cap + 1))) abort();
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* A NUL-terminated copy of the input: exactly size+1 bytes, so reading past the end is an ASan
 * report. A NUL inside the input ends the string there (callers decide whether that matters). */
static inline char *fz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) abort();
    if (size) memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A copy of data without the trailing NUL: exactly size bytes (for parsers taking a length). */
static inline char *fz_bytes(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1);
    if (!s) abort();
    if (size) memcpy(s, data, size);
    return s;
}

/* A property a harness checks failed: say which, and crash so the fuzzer keeps the input. */
#define FZ_CHECK(cond, ...)                                                                                            \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);                                   \
            fprintf(stderr, __VA_ARGS__);                                                                              \
            fputc('\n', stderr);                                                                                       \
            abort();                                                                                                   \
        }                                                                                                              \
    } while (0)

#endif
