/* store.c — DIR/bindings.reg as a store: the handle, loading, knowing when another process
 * changed the file, and durable, locked changes. The registry format itself is reg.c's. */
#include "sslb/store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file_int.h"
#include "sha256_int.h"
#include "sslb/statedir.h"
#include "reg_int.h"

/* How long after a file's mtime a write can still get the same mtime: file systems stamp files
 * from a coarse clock (a jiffy behind), some to the second or two (FAT, older NFS). A version
 * read at least this long after its mtime is "settled": any later write gets a later mtime. */
#define SETTLE_NS (3 * 1000000000LL)

#define DIGEST_LEN SSLB__SHA256_LEN

struct sslb_store {
    char dir[PATH_MAX];
    char path[PATH_MAX];
    char lockpath[PATH_MAX];
    sslb_diag detail;
    unsigned skipped;
    /* The version of bindings.reg this handle last read or wrote (known = 0: none, reload). */
    int known;
    int existed;
    struct stat version;
    unsigned char digest[DIGEST_LEN]; /* of its content */
    int settled;                      /* see SETTLE_NS; 0: compare the content to be sure */
    sslb_store_test_hook hook;        /* tests only: fails chosen steps of sslb_store_apply */
    void *hook_ctx;
};

static sslb_rc fail(sslb_store *s, sslb_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static sslb_rc fail(sslb_store *s, sslb_rc rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sslb_diagv(&s->detail, rc, fmt, ap);
    va_end(ap);
    return rc;
}

sslb_rc sslb_store_open(const char *dir, sslb_store **out, sslb_diag *d)
{
    sslb_rc rc;
    sslb_store *s;
    char tmp[PATH_MAX];
    struct stat st;

    *out = NULL;
    if (strlen(dir) + 32 >= PATH_MAX) return sslb_diagf(d, SSLB_EINVAL, "state directory path is too long");
    snprintf(tmp, sizeof tmp, "%s", dir);
    if (sslb__mkdirs(tmp, 0700) != 0 || stat(dir, &st) != 0) {
        int e = errno;
        char abs[PATH_MAX];
        /* a relative path from a current directory that was removed: that is what to say */
        if (e == ENOENT && dir[0] != '/' &&
            sslb_path_absolute(dir, "the state directory", abs, sizeof abs, d) != SSLB_OK)
            return SSLB_EINVAL;
        return sslb_diagf(d, SSLB_EACCESS, "cannot create state directory %s: %s", dir, strerror(e));
    }
    if (!S_ISDIR(st.st_mode)) return sslb_diagf(d, SSLB_EINVAL, "%s is not a directory", dir);
    if ((rc = sslb_state_dir_check(dir, d)) != SSLB_OK) return rc;
    if (!(s = calloc(1, sizeof *s))) return SSLB_ENOMEM;
    snprintf(s->dir, sizeof s->dir, "%s", dir);
    snprintf(s->path, sizeof s->path, "%s/bindings.reg", dir);
    snprintf(s->lockpath, sizeof s->lockpath, "%s/bindings.lock", dir);
    *out = s;
    return SSLB_OK;
}

void sslb_store_close(sslb_store *s)
{
    free(s);
}

const char *sslb_store_path(const sslb_store *s)
{
    return s->path;
}

unsigned sslb_store_skipped(const sslb_store *s)
{
    return s->skipped;
}

void sslb_store_set_test_hook(sslb_store *s, sslb_store_test_hook hook, void *ctx)
{
    s->hook = hook;
    s->hook_ctx = ctx;
}

static int injected(sslb_store *s, sslb_store_step step)
{
    return s->hook && s->hook(s->hook_ctx, step) != 0;
}

/* ---- versions ------------------------------------------------------------------------------ */

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void digest(const char *buf, size_t len, unsigned char out[DIGEST_LEN])
{
    sslb__sha256(buf, len, out);
}

/* Records the version this handle now knows: st and the digest of its content (st NULL: the
 * file does not exist), looked at (opened, or written) no earlier than `seen` (ns). */
static void remember(sslb_store *s, const struct stat *st, const unsigned char *dg, long long seen)
{
    static const unsigned char zero[DIGEST_LEN];

    s->known = 1;
    s->existed = st != NULL;
    if (!st) return;
    s->version = *st;
    memcpy(s->digest, dg, DIGEST_LEN);
    s->settled = memcmp(dg, zero, DIGEST_LEN) != 0 &&
                 seen - ((long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec) >= SETTLE_NS;
}

/* ---- loading ------------------------------------------------------------------------------- */

/* Reads bindings.reg: only a regular file (a FIFO would hang the open and the read, /dev/zero
 * would read as an empty table, and a symbolic link would be replaced by the next write).
 * SSLB_ENOTFOUND when it does not exist; else SSLB_OK with a malloc'd buffer, or the failure
 * with the detail on s. */
static sslb_rc read_file(sslb_store *s, char **buf, size_t *len, struct stat *st)
{
    size_t got = 0, cap;
    char *b;
    int fd = open(s->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);

    *buf = NULL;
    if (fd < 0) {
        if (errno == ENOENT) return SSLB_ENOTFOUND;
        if (errno == ELOOP)
            return fail(s, SSLB_EREAD,
                        "%s is a symbolic link: bindings.reg must be a regular file (each change "
                        "replaces it)",
                        s->path);
        return fail(s, SSLB_EREAD, "%s: %s", s->path, strerror(errno));
    }
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        int e = errno;
        close(fd);
        if (S_ISREG(st->st_mode)) return fail(s, SSLB_EREAD, "%s: %s", s->path, strerror(e));
        return fail(s, SSLB_EREAD, "%s is not a regular file (%s): refusing to read or replace it", s->path,
                    S_ISDIR(st->st_mode)                           ? "a directory"
                    : S_ISFIFO(st->st_mode)                        ? "a FIFO"
                    : S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode) ? "a device"
                    : S_ISSOCK(st->st_mode)                        ? "a socket"
                                                                   : "not a file");
    }
    cap = (size_t)st->st_size + 1;
    if (!(b = malloc(cap))) {
        close(fd);
        return SSLB_ENOMEM;
    }
    for (;;) { /* to the end: the size is a hint */
        ssize_t r;
        if (got + 1 == cap) {
            char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
            if (!nb) {
                free(b);
                close(fd);
                return SSLB_ENOMEM;
            }
            b = nb;
            cap *= 2;
        }
        r = read(fd, b + got, cap - 1 - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            int e = errno;
            free(b);
            close(fd);
            return fail(s, SSLB_EREAD, "%s: %s", s->path, strerror(e));
        }
        if (r == 0) break;
        got += (size_t)r;
    }
    close(fd);
    b[got] = '\0';
    *buf = b;
    *len = got;
    return SSLB_OK;
}

/* Makes t hold the file's bindings. With only_if_changed, a file whose version and content
 * are the ones this handle knows is not parsed again. */
static sslb_rc load(sslb_store *s, sslb_table *t, int only_if_changed)
{
    unsigned char dg[DIGEST_LEN];
    struct stat st;
    sslb_table *fresh = NULL;
    char *buf = NULL;
    size_t len = 0;
    sslb_diag d = {{0}};
    long long seen = now_ns();
    sslb_rc rc;

    s->detail.text[0] = '\0';
    rc = read_file(s, &buf, &len, &st);
    if (rc == SSLB_ENOTFOUND) {
        s->skipped = 0;
        if ((rc = sslb_table_create(&fresh)) != SSLB_OK) return rc;
        rc = sslb_table_assign(t, fresh);
        sslb_table_destroy(fresh);
        if (rc != SSLB_OK) return fail(s, rc, "%s", sslb_strerror(rc));
        remember(s, NULL, NULL, seen);
        return SSLB_OK;
    }
    if (rc != SSLB_OK) return rc;
    digest(buf, len, dg);
    if (only_if_changed && s->known && s->existed && sslb__same_version(&st, &s->version) &&
        memcmp(dg, s->digest, DIGEST_LEN) == 0) {
        free(buf);
        remember(s, &st, dg, seen);
        return SSLB_OK;
    }
    s->known = 0; /* from here until remember(): t may not hold what the handle knew */
    if ((rc = sslb_table_create(&fresh)) != SSLB_OK) {
        free(buf);
        return fail(s, rc, "%s", sslb_strerror(rc));
    }
    rc = sslb_reg_parse(buf, len, s->path, fresh, &s->skipped, &d);
    free(buf);
    if (rc == SSLB_OK && injected(s, SSLB_STORE_STEP_LOAD)) rc = SSLB_ENOMEM;
    if (rc == SSLB_OK) rc = sslb_table_assign(t, fresh);
    sslb_table_destroy(fresh);
    if (rc != SSLB_OK) return fail(s, rc, "%s", d.text[0] ? d.text : sslb_strerror(rc));
    remember(s, &st, dg, seen);
    return SSLB_OK;
}

/* The one channel for detail: a failure's text, kept on s while the call runs, goes into d. */
static sslb_rc explained(const sslb_store *s, sslb_rc rc, sslb_diag *d)
{
    if (rc != SSLB_OK) sslb_diagf(d, rc, "%s", s->detail.text[0] ? s->detail.text : sslb_strerror(rc));
    return rc;
}

sslb_rc sslb_store_load(sslb_store *s, sslb_table *t, sslb_diag *d)
{
    s->detail.text[0] = '\0';
    return explained(s, load(s, t, 0), d);
}

static sslb_rc refresh(sslb_store *s, sslb_table *t);

sslb_rc sslb_store_refresh(sslb_store *s, sslb_table *t, sslb_diag *d)
{
    s->detail.text[0] = '\0';
    return explained(s, refresh(s, t), d);
}

static sslb_rc refresh(sslb_store *s, sslb_table *t)
{
    struct stat st;
    int exists;

    if (!s->known) return load(s, t, 0);
    if (lstat(s->path, &st) == 0) exists = 1;
    else if (errno == ENOENT) exists = 0;
    else return load(s, t, 0); /* let the load say what is wrong */
    if (exists != s->existed) return load(s, t, 0);
    if (!exists) return SSLB_OK;
    if (!sslb__same_version(&st, &s->version)) return load(s, t, 0);
    if (s->settled) return SSLB_OK; /* the cheap path of a long-lived reader: one lstat */
    /* The same (device, inode, size, mtime) within a clock tick of the last write may be another
     * file: a replaced file's inode is reused at once. The content says. */
    return load(s, t, 1);
}

/* ---- changes ------------------------------------------------------------------------------- */

struct content {
    const char *buf;
    size_t len;
};

static int fill_content(FILE *f, void *ctx)
{
    const struct content *c = ctx;
    return fwrite(c->buf, 1, c->len, f) == c->len ? 0 : -1;
}

/* Writes the table with the change merged in as the new bindings.reg. */
static sslb_rc write_file(sslb_store *s, sslb_table *t, sslb_store_op op, const sslb_binding *b)
{
    unsigned char dg[DIGEST_LEN];
    struct content c;
    struct stat st;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int ok;

    if (!mem) return fail(s, SSLB_ENOMEM, "%s", sslb_strerror(SSLB_ENOMEM));
    ok = sslb__reg_write_merged(t, mem, op, b) == 0;
    if (fclose(mem) != 0 || !ok) {
        free(buf);
        return fail(s, SSLB_ENOMEM, "%s", sslb_strerror(SSLB_ENOMEM));
    }
    c = (struct content){buf, len};
    if (injected(s, SSLB_STORE_STEP_WRITE) || sslb__replace(s->path, 0600, fill_content, &c, &st) != 0) {
        int e = errno;
        free(buf);
        return fail(s, SSLB_EWRITE, "%s: cannot write: %s", s->path, strerror(e ? e : EIO));
    }
    digest(buf, len, dg);
    free(buf);
    remember(s, &st, dg, now_ns());
    return SSLB_OK;
}

static sslb_rc apply_in_memory(sslb_store *s, sslb_table *t, sslb_store_op op, const sslb_binding *b, sslb_diag *d)
{
    if (injected(s, SSLB_STORE_STEP_MEMORY)) return SSLB_ENOMEM;
    switch (op) {
    case SSLB_STORE_ADD:
        return sslb_table_add(t, b, d);
    case SSLB_STORE_UPDATE:
        return sslb_table_update(t, b, d);
    default:
        return sslb_table_delete(t, &b->key);
    }
}

static sslb_rc apply(sslb_store *s, sslb_table *t, sslb_store_op op, const sslb_binding *b, sslb_diag *d);

/* A store failure's text goes into d like the table's verdicts (which apply writes there). */
sslb_rc sslb_store_apply(sslb_store *s, sslb_table *t, sslb_store_op op, const sslb_binding *b, sslb_diag *d)
{
    sslb_rc rc;
    s->detail.text[0] = '\0';
    rc = apply(s, t, op, b, d);
    if (rc != SSLB_OK && s->detail.text[0]) sslb_diagf(d, rc, "%s", s->detail.text);
    return rc;
}

static sslb_rc apply(sslb_store *s, sslb_table *t, sslb_store_op op, const sslb_binding *b, sslb_diag *d)
{
    sslb_binding cur;
    sslb_rc rc;
    int lockfd;

    s->detail.text[0] = '\0';
    /* Everything the table would refuse is refused before the file is touched. */
    if (b->key.kind >= SSLB_KIND_COUNT || b->key.port == 0)
        return sslb_diagf(d, SSLB_EINVAL, "not a valid binding key");
    if (op != SSLB_STORE_DELETE && (rc = sslb_params_check(b->key.kind, &b->params, d)) != SSLB_OK) return rc;
    sslb_diag ld;
    if ((rc = sslb__lock(s->lockpath, "the binding table", SSLB_EWRITE, &lockfd, &ld)) != SSLB_OK)
        return fail(s, rc, "%s", ld.text);
    if ((rc = refresh(s, t)) != SSLB_OK) goto out;
    rc = sslb_table_query(t, &b->key, &cur);
    if (op == SSLB_STORE_ADD && rc == SSLB_OK) {
        rc = SSLB_EEXISTS;
        goto out;
    }
    if (op != SSLB_STORE_ADD && rc != SSLB_OK) goto out;
    if ((rc = write_file(s, t, op, b)) != SSLB_OK) goto out;
    if ((rc = apply_in_memory(s, t, op, b, d)) != SSLB_OK) {
        /* The file holds the change (other processes see it already) and the table does not:
         * the file is the truth, so the table is reloaded from it. */
        sslb_rc first = rc;
        s->known = 0;
        if ((rc = load(s, t, 0)) != SSLB_OK) {
            s->known = 0; /* the next refresh or apply reloads */
            fail(s, rc,
                 "%s holds the change, but the table could not take it (%s); it is reloaded from the "
                 "file at the next refresh",
                 s->path, sslb_strerror(first));
        }
    }
out:
    close(lockfd); /* releases the lock */
    return rc;
}
