/* file.c — see file_int.h. */
#include "file_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

int sslb__mkdirs(char *path, mode_t mode)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(path, mode) != 0 && errno != EEXIST) {
            *p = '/';
            return -1;
        }
        *p = '/';
    }
    return mkdir(path, mode) != 0 && errno != EEXIST ? -1 : 0;
}

int sslb__lock(const char *lockpath)
{
    /* O_NOFOLLOW: a symbolic link planted at lockpath is refused (ELOOP), never followed;
     * O_NONBLOCK: a FIFO planted there cannot hang the open. */
    int fd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    struct stat sb;
    int bad;

    if (fd < 0) return -1;
    bad = fstat(fd, &sb) != 0 ? errno : !S_ISREG(sb.st_mode) ? EINVAL : 0;
    if (bad) {
        close(fd);
        errno = bad;
        return -1;
    }
    for (int waited = 0;; waited++) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
        if (errno != EWOULDBLOCK || waited >= SSLB__LOCK_WAIT_SECONDS * 100) break;
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    }
    close(fd);
    errno = EWOULDBLOCK;
    return -1;
}

int sslb__read_all(const char *path, char **buf, size_t *len, struct stat *st)
{
    struct stat sb;
    char *b;
    size_t got = 0, cap;
    /* O_NONBLOCK: opening a FIFO would otherwise wait for a writer for ever; it is refused below,
     * and a regular file is then read in blocking mode. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

    *buf = NULL;
    *len = 0;
    if (fd < 0) return -1;
    if (fstat(fd, &sb) != 0) goto fail;
    if (!S_ISREG(sb.st_mode)) {
        errno = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
        goto fail;
    }
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) goto fail;
    cap = (size_t)sb.st_size + 1;
    if (!(b = malloc(cap))) goto fail;
    for (;;) { /* read to the end: the size is a hint, the file may grow meanwhile */
        ssize_t r;
        if (got + 1 == cap) {
            char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
            if (!nb) {
                free(b);
                errno = ENOMEM;
                goto fail;
            }
            b = nb;
            cap *= 2;
        }
        r = read(fd, b + got, cap - 1 - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            free(b);
            goto fail;
        }
        if (r == 0) break;
        got += (size_t)r;
    }
    close(fd);
    b[got] = '\0';
    *buf = b;
    *len = got;
    if (st) *st = sb;
    return 0;
fail: {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
}
}

/* Removes "<path>.tmp.*" files of writers that died mid-write. */
static void sweep_temporaries(const char *path)
{
    char dir[PATH_MAX], prefix[NAME_MAX + 8], victim[PATH_MAX + NAME_MAX + 2];
    const char *slash = strrchr(path, '/');
    DIR *dp;
    struct dirent *e;

    if (slash) snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else snprintf(dir, sizeof dir, ".");
    if (!dir[0]) snprintf(dir, sizeof dir, "/");
    snprintf(prefix, sizeof prefix, "%s.tmp.", slash ? slash + 1 : path);
    if (!(dp = opendir(dir))) return;
    while ((e = readdir(dp)))
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
            snprintf(victim, sizeof victim, "%s/%s", dir, e->d_name);
            unlink(victim);
        }
    closedir(dp);
}

sslb_rc sslb__refuse_link(const char *path, sslb_rc rc, const char *instead, sslb_diag *d)
{
    struct stat st;

    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode)) return SSLB_OK;
    return sslb_diagf(d, rc, "%.200s is a symbolic link, which a change would replace (not its target): nothing written; %s",
                      path, instead);
}

int sslb__replace(const char *path, mode_t mode, int (*fill)(FILE *f, void *ctx), void *ctx, struct stat *st)
{
    char tmp[PATH_MAX + 32], dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    struct stat sb;
    FILE *f;
    int fd, ok, e;

    if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) { /* the last guard: callers say why first */
        errno = ELOOP;
        return -1;
    }
    sweep_temporaries(path);
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)) < 0) return -1;
    if (!(f = fdopen(fd, "w"))) {
        e = errno;
        close(fd);
        unlink(tmp);
        errno = e;
        return -1;
    }
    ok = fill(f, ctx) == 0 && fflush(f) == 0 && fsync(fd) == 0 && fstat(fd, &sb) == 0;
    e = errno;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        if (ok) e = errno;
        unlink(tmp);
        errno = e ? e : EIO;
        return -1;
    }
    if (slash) snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    else snprintf(dir, sizeof dir, ".");
    sslb__fsync_dir(dir);
    if (st) *st = sb;
    return 0;
}

int sslb__fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r;

    if (fd < 0) return -1;
    r = fsync(fd);
    close(fd);
    return r;
}

int sslb__same_version(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}
