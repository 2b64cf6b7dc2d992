/* file.c — see file_int.h. */
#include "file_int.h"
#include "sslb/statedir.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

int sslb__owner_rw(int fd)
{
    struct stat st;

    if (fstat(fd, &st) != 0) return -1;
    if (!S_ISREG(st.st_mode) || (st.st_mode & (S_IRUSR | S_IWUSR)) == (S_IRUSR | S_IWUSR)) return 0;
    return fchmod(fd, (st.st_mode & 07777) | S_IRUSR | S_IWUSR);
}

int sslb__mkdir(const char *path, mode_t mode)
{
    struct stat st;

    if (mkdir(path, mode) != 0) return -1;
    if (stat(path, &st) == 0 && (st.st_mode & S_IRWXU) != S_IRWXU) (void)chmod(path, (st.st_mode & 07777) | S_IRWXU);
    return 0;
}

int sslb__mkdirs(char *path, mode_t mode)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (sslb__mkdir(path, mode) != 0 && errno != EEXIST) {
            *p = '/';
            return -1;
        }
        *p = '/';
    }
    return sslb__mkdir(path, mode) != 0 && errno != EEXIST ? -1 : 0;
}

/* The wait for a lock: SSLB__LOCK_WAIT_SECONDS, or SSLBIND_LOCK_WAIT's whole seconds (0 to
 * SSLB__LOCK_WAIT_MAX; unset or empty: the default). -1 with d filled for any other value. */
static int lock_wait(int *secs, sslb_diag *d)
{
    const char *v = getenv("SSLBIND_LOCK_WAIT");
    int n = 0;

    *secs = SSLB__LOCK_WAIT_SECONDS;
    if (!v || !v[0]) return 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9' || (n = n * 10 + (*p - '0')) > SSLB__LOCK_WAIT_MAX) {
            sslb_diagf(d, SSLB_EINVAL, "SSLBIND_LOCK_WAIT: '%.40s' is not a number of seconds from 0 to %d", v,
                       SSLB__LOCK_WAIT_MAX);
            return -1;
        }
    }
    *secs = n;
    return 0;
}

/* The holder's record at the start of a lock file: its pid, right-aligned, fixed width, so that
 * each holder overwrites the whole record in one pwrite and a reader never needs the lock. */
#define HOLDER_LEN 12

static void record_holder(int fd, const struct stat *sb)
{
    char rec[HOLDER_LEN + 1];

    if (sb->st_nlink != 1) return; /* a hard link planted at the lock: nothing written through it */
    snprintf(rec, sizeof rec, "%*ld\n", HOLDER_LEN - 1, (long)getpid());
    if (pwrite(fd, rec, HOLDER_LEN, 0) != HOLDER_LEN || (sb->st_size > HOLDER_LEN && ftruncate(fd, HOLDER_LEN) != 0))
        return; /* best effort: the lock holds without its record (a full disk) */
}

/* 1 when /proc/locks shows a flock(2) of the file sb held by pid (0: by anyone; *pid then names
 * the first holder it shows). Blocked waiters ("->") are no holders. */
static int holds_lock(const struct stat *sb, long *pid)
{
    FILE *f = fopen("/proc/locks", "re");
    char line[256];
    int found = 0;

    if (!f) return 0;
    while (!found && fgets(line, sizeof line, f)) {
        unsigned maj, min;
        unsigned long long ino;
        long p;
        char kind[16], mode[16];
        if (sscanf(line, "%*d: %15s %*s %15s %ld %x:%x:%llu", kind, mode, &p, &maj, &min, &ino) != 6) continue;
        if (strcmp(kind, "FLOCK") != 0 || strcmp(mode, "WRITE") != 0 || ino != (unsigned long long)sb->st_ino ||
            maj != major(sb->st_dev) || min != minor(sb->st_dev) || p <= 0 || (*pid && p != *pid))
            continue;
        *pid = p;
        found = 1;
    }
    fclose(f);
    return found;
}

/* "(pid 1234, appcmd) " for the live holder of the lock fd (whose file is sb), else "". The pid the
 * holder recorded is named only when the kernel shows that process holding this very lock (a
 * holder that died released it; its pid may be another process's by now); else the holder the
 * kernel shows (a holder that records nothing, such as flock(1)), if it is alive. Where the
 * kernel's device number for the file differs from stat's (btrfs subvolumes), nobody is named:
 * never a guess. */
static void describe_holder(int fd, const struct stat *sb, char *out, size_t n)
{
    char rec[HOLDER_LEN + 1] = "", comm[64] = "", path[64];
    long pid = 0;
    char *end;
    ssize_t r = pread(fd, rec, HOLDER_LEN, 0);
    FILE *f;

    out[0] = '\0';
    if (r == HOLDER_LEN && rec[HOLDER_LEN - 1] == '\n') {
        rec[HOLDER_LEN - 1] = '\0';
        pid = strtol(rec, &end, 10);
        if (*end || pid <= 0) pid = 0;
    }
    if (!pid || !holds_lock(sb, &pid)) {
        pid = 0;
        if (!holds_lock(sb, &pid)) return;
    }
    snprintf(path, sizeof path, "/proc/%ld/comm", pid);
    if (!(f = fopen(path, "re"))) return; /* gone meanwhile */
    if (fgets(comm, sizeof comm, f)) comm[strcspn(comm, "\n")] = '\0';
    fclose(f);
    for (char *c = comm; *c; c++) /* a process names itself: printable ASCII only in our message */
        if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e) *c = '?';
    if (comm[0]) snprintf(out, n, "(pid %ld, %s) ", pid, comm);
    else snprintf(out, n, "(pid %ld) ", pid);
}

/* Takes flock(fd, op) within secs seconds of start (CLOCK_MONOTONIC), trying every 10 ms: 0, or
 * the errno (EWOULDBLOCK when the wait ran out with another process holding it; EINTR when a
 * signal handler ran during the wait, or the program's flag (sslb_lock_wait_flag) is set, such as
 * the interactive shell's Ctrl-C: the caller gives up, nothing changed). */
static int flock_within(int fd, int op, int secs, const struct timespec *start)
{
    struct timespec now;

    for (;;) {
        if (flock(fd, op | LOCK_NB) == 0) return 0;
        if (errno != EWOULDBLOCK) return errno;
        if (sslb_lock_wait_interrupted()) return EINTR; /* a Ctrl-C before the wait, or between sleeps */
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start->tv_sec + (now.tv_nsec - start->tv_nsec) / 1e9 >= secs) return EWOULDBLOCK;
        /* never restarted, SA_RESTART or not (signal(7)) */
        if (nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL) != 0 && errno == EINTR) return EINTR;
    }
}

/* Whether the file locked (sb) is still the one at lockpath: one removed (or replaced) while this
 * process waited for it gives it a lock that the next process, which locks the file now at
 * lockpath, never meets. */
static int still_at(const char *lockpath, const struct stat *sb)
{
    struct stat now;
    return lstat(lockpath, &now) == 0 && now.st_dev == sb->st_dev && now.st_ino == sb->st_ino;
}

/* Why a lock file cannot be locked, in words: a symbolic link (O_NOFOLLOW's ELOOP) or a FIFO, a
 * device or a socket (EINVAL below) said as what it is, not as strerror's "Too many levels of
 * symbolic links" or "Invalid argument" (review 35 N1, N2). */
static const char *lock_why(const char *lockpath, int err)
{
    struct stat st;

    if (err == ELOOP && lstat(lockpath, &st) == 0 && S_ISLNK(st.st_mode)) /* not a loop on the way */
        return "it is a symbolic link, which is never followed";
    return sslb__read_why(err);
}

static sslb_rc lock_for(const char *lockpath, const char *what, sslb_rc other, int wait, int *lockfd, sslb_diag *d)
{
    /* O_NOFOLLOW: a symbolic link planted at lockpath is refused (ELOOP), never followed;
     * O_NONBLOCK: a FIFO planted there cannot hang the open. */
    int fd, bad, secs = 0, replaced = 0;
    struct stat sb;
    struct timespec start;
    char holder[96];

    assert(other != SSLB_ELOCKED); /* 33 is contention's alone */
    *lockfd = -1;
    if (wait && lock_wait(&secs, d) != 0) return SSLB_EINVAL;
    clock_gettime(CLOCK_MONOTONIC, &start);
again:
    if ((fd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600)) < 0) {
        bad = errno;
        return sslb_diagf(d, sslb__denied_or(bad, other), "%s: cannot lock: %s", lockpath, lock_why(lockpath, bad));
    }
    bad = fstat(fd, &sb) != 0 ? errno : !S_ISREG(sb.st_mode) ? S_ISDIR(sb.st_mode) ? EISDIR : EINVAL : 0;
    if (bad) {
        close(fd);
        return sslb_diagf(d, sslb__denied_or(bad, other), "%s: cannot lock: %s", lockpath, lock_why(lockpath, bad));
    }
    (void)sslb__owner_rw(fd); /* made under a umask such as 0777: its owner's again */
    if ((bad = flock_within(fd, LOCK_EX, secs, &start)) == 0) {
        if (!still_at(lockpath, &sb)) { /* lock the file now there instead, within the same wait */
            close(fd);
            if (++replaced < 100) goto again;
            return sslb_diagf(d, other, "%s: cannot lock: the file keeps being removed or replaced", lockpath);
        }
        record_holder(fd, &sb);
        *lockfd = fd;
        return SSLB_OK;
    }
    if (bad != EWOULDBLOCK && bad != EINTR) {
        close(fd);
        return sslb_diagf(d, sslb__denied_or(bad, other), "%s: cannot lock: %s", lockpath, strerror(bad));
    }
    describe_holder(fd, &sb, holder, sizeof holder);
    close(fd);
    if (bad == EINTR)
        return sslb_diagf(d, SSLB_ELOCKED, "%s: interrupted while another process %sheld %s: nothing changed", lockpath,
                          holder, what);
    return sslb_diagf(d, SSLB_ELOCKED, "%s: another process %shas held %s for %d second%s", lockpath, holder, what,
                      secs, secs == 1 ? "" : "s");
}

sslb_rc sslb__lock(const char *lockpath, const char *what, sslb_rc other, int *lockfd, sslb_diag *d)
{
    return lock_for(lockpath, what, other, 1, lockfd, d);
}

sslb_rc sslb__lock_now(const char *lockpath, const char *what, sslb_rc other, int *lockfd, sslb_diag *d)
{
    return lock_for(lockpath, what, other, 0, lockfd, d);
}

int sslb__lock_shared(const char *lockpath)
{
    struct timespec start;
    struct stat sb;
    int fd, secs;

    if (lock_wait(&secs, NULL) != 0) return -1;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int replaced = 0; replaced < 100; replaced++) {
        if ((fd = open(lockpath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)) < 0) return -1;
        if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || flock_within(fd, LOCK_SH, secs, &start) != 0) {
            close(fd);
            return -1;
        }
        if (still_at(lockpath, &sb)) return fd;
        close(fd);
    }
    return -1;
}

const char *sslb__read_why(int err)
{
    return err == EINVAL ? "not a regular file (a FIFO, a device or a socket)" : strerror(err);
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
fail : {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
}
}

void sslb__temp_prefix(const char *path, char *out, size_t n)
{
    const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
    size_t len = strlen(name);

    if (len + 5 + 24 <= NAME_MAX) { /* ".tmp." and what follows it: a pid, a dot, 8 hex digits */
        snprintf(out, n, "%s.tmp.", name);
        return;
    }
    uint32_t h = 2166136261u; /* FNV-1a of the whole name: two long names cut alike differ here */
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)name[i]) * 16777619u;
    snprintf(out, n, "%.*s~%08x.tmp.", NAME_MAX - 5 - 24 - 9, name, (unsigned)h);
}

void sslb__sweep_temporaries(const char *path)
{
    char dir[PATH_MAX], prefix[NAME_MAX + 8], victim[PATH_MAX + NAME_MAX + 2];
    const char *slash = strrchr(path, '/');
    DIR *dp;
    struct dirent *e;

    if (slash) snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else snprintf(dir, sizeof dir, ".");
    if (!dir[0]) snprintf(dir, sizeof dir, "/");
    sslb__temp_prefix(path, prefix, sizeof prefix);
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
    return sslb_diagf(d, rc,
                      "%.200s is a symbolic link, which a change would replace (not its target): nothing written; %s",
                      path, instead);
}

int sslb__fill_bytes(FILE *f, void *ctx)
{
    const struct sslb__bytes *b = ctx;
    return fwrite(b->p, 1, b->n, f) == b->n ? 0 : -1;
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
    sslb__sweep_temporaries(path);
    char prefix[NAME_MAX + 8];
    sslb__temp_prefix(path, prefix, sizeof prefix);
    snprintf(tmp, sizeof tmp, "%.*s%s%ld", slash ? (int)(slash + 1 - path) : 0, path, prefix, (long)getpid());
    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)) < 0) return -1;
    /* the owner's read and write first: the umask may have taken them (0477, 0777) */
    if (sslb__owner_rw(fd) != 0 || !(f = fdopen(fd, "w"))) {
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
