/* apphost_backup.c — appcmd's BACKUP object: copies of this server's own IIS configuration files
 * in DIR/backup/NAME/, made whole before they are listed, and read back whole for a restore.
 *
 * A backup is written in DIR/backup/:writing.PID (each file durably) and renamed to its name
 * (without replacing anything), then the directory is fsync'd: a writer killed at any moment
 * leaves no backup or the whole one, and the next writer removes what it left. A delete renames
 * the backup to DIR/backup/:deleting.PID first, so it leaves every listing at once. ':' is in no
 * backup's name (Windows refuses it in a directory name), so these never collide with one. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sslb/apphost.h"
#include "sslb/param.h"
#include "sslb/statedir.h"

#include "apphost_int.h"
#include "ascii_int.h"
#include "file_int.h"

/* The files of a backup: this server's own, as IIS's backup holds them (administration.config and
 * the schema files, which sslbind does not have, are not among them). */
static const char *const backup_files[] = {"applicationHost.config", "redirection.config"};
#define NFILES (sizeof backup_files / sizeof backup_files[0])

sslb_rc sslb_backup_name_check(const char *name, sslb_diag *d)
{
    static const char *const devices[] = {"CON", "PRN", "AUX", "NUL"};
    size_t n = name ? strlen(name) : 0;

    if (!n) return sslb_diagf(d, SSLB_EINVAL, "a backup's name cannot be empty");
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return sslb_diagf(d, SSLB_EINVAL, "a backup's name cannot be \"%s\": it names a directory already", name);
    size_t bad;
    if (!sslb_utf8_valid(name, n, &bad))
        return sslb_diagf(d, SSLB_EINVAL,
                          "a backup's name is text: it is not valid UTF-8 (byte 0x%02x at position %zu)",
                          (unsigned char)name[bad], bad + 1);
    if (n > 200) return sslb_diagf(d, SSLB_EINVAL, "a backup's name is at most 200 bytes (this one has %zu)", n);
    for (const char *p = name; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 32 || c == 127)
            return sslb_diagf(d, SSLB_EINVAL, "a backup's name cannot hold a control character (byte 0x%02x)", c);
        if (strchr("\\/:*?\"<>|", c))
            return sslb_diagf(d, SSLB_EINVAL,
                              "a backup's name is a Windows directory name, which cannot hold '%c' (none of \\ / : * "
                              "? \" < > |)",
                              c);
    }
    if (name[n - 1] == '.' || name[n - 1] == ' ')
        return sslb_diagf(d, SSLB_EINVAL, "a backup's name cannot end in a %s: Windows drops it from a directory name",
                          name[n - 1] == '.' ? "dot" : "space");
    /* a device name, alone or before an extension (NUL.txt is NUL too) */
    size_t stem = strcspn(name, ".");
    for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++)
        if (stem == 3 && sslb__ncasecmp(name, devices[i], 3) == 0)
            return sslb_diagf(d, SSLB_EINVAL, "a backup's name cannot be %.3s, a Windows device name", name);
    if (stem == 4 && (sslb__ncasecmp(name, "COM", 3) == 0 || sslb__ncasecmp(name, "LPT", 3) == 0) && name[3] >= '1' &&
        name[3] <= '9')
        return sslb_diagf(d, SSLB_EINVAL, "a backup's name cannot be %.4s, a Windows device name", name);
    return SSLB_OK;
}

/* DIR/backup, absolute, in out (made when make is set and it is missing): SSLB_OK, else d says why. */
static sslb_rc backup_dir(const char *state_dir, int make, char *out, size_t n, sslb_diag *d)
{
    char abs[PATH_MAX];
    sslb_rc rc;

    if ((rc = sslb_path_absolute(state_dir, "the state directory", abs, sizeof abs, d)) != SSLB_OK) return rc;
    if ((size_t)snprintf(out, n, "%s/backup", abs) >= n)
        return sslb_diagf(d, SSLB_EINVAL, "the backup directory's path is too long");
    if (!make) return SSLB_OK;
    if (sslb__mkdir(out, 0700) != 0) {
        if (errno == EEXIST) return SSLB_OK;
        return sslb_diagf(d, sslb__write_rc(errno), "cannot create %s: %s", out, strerror(errno));
    }
    if (sslb__fsync_dir(abs) != 0) return sslb_diagf(d, SSLB_EWRITE, "%s: cannot sync: %s", abs, strerror(errno));
    return SSLB_OK;
}

/* nftw's step of remove_tree: each entry after what it holds, links never followed. */
static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

/* Removes dir/sub and all it holds (a backup holds files only, but a hand may have put a
 * directory in one: it goes too, or the rename away would leave it for ever). 0, else -1 (errno). */
static int remove_tree(const char *dir, const char *sub)
{
    char p[PATH_MAX];

    if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, sub) >= sizeof p) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return nftw(p, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 || errno == ENOENT ? 0 : -1;
}

/* Under the lock: what writers that died left (":writing.*", ":deleting.*"). */
static void sweep(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;

    if (!dp) return;
    while ((e = readdir(dp)))
        if (strncmp(e->d_name, ":writing.", 9) == 0 || strncmp(e->d_name, ":deleting.", 10) == 0)
            remove_tree(dir, e->d_name);
    closedir(dp);
}

/* The stored name of backup name in dir, any ASCII case, in out: 1; 0 when none; -1 (errno) when
 * the directory cannot be read. */
static int find(const char *dir, const char *name, char *out, size_t n)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    int r = 0;

    if (!dp) return errno == ENOENT ? 0 : -1;
    while ((e = readdir(dp)) && !r)
        if (!strchr(e->d_name, ':') && sslb__casecmp(e->d_name, name) == 0 &&
            sslb_backup_name_check(e->d_name, NULL) == SSLB_OK) {
            snprintf(out, n, "%s", e->d_name);
            r = 1;
        }
    closedir(dp);
    return r;
}

/* Copies state_dir's file `file` into tmp when it is there: SSLB_OK, else d says why. */
static sslb_rc copy_in(const char *state_dir, const char *file, const char *tmp, sslb_diag *d)
{
    char src[PATH_MAX + 64], dst[PATH_MAX + 64];
    struct sslb__bytes b;
    char *buf;

    snprintf(src, sizeof src, "%s/%s", state_dir, file);
    if (sslb__read_all(src, &buf, &b.n, NULL) != 0) {
        if (errno == ENOENT) return SSLB_OK;
        return sslb_diagf(d, SSLB_EREAD, "%s: %s", src, sslb__read_why(errno));
    }
    b.p = buf;
    snprintf(dst, sizeof dst, "%s/%s", tmp, file);
    int r = sslb__replace(dst, 0600, sslb__fill_bytes, &b, NULL);
    int err = errno;
    free(buf);
    if (r != 0) return sslb_diagf(d, sslb__write_rc(err), "%s: cannot write: %s", dst, strerror(err));
    return SSLB_OK;
}

sslb_rc sslb_backup_add(const char *state_dir, const char *name, char *made, size_t n, sslb_diag *d)
{
    char dir[PATH_MAX], lock[PATH_MAX + 8], tmp[PATH_MAX + 32], final[PATH_MAX + 256], stored[256], stamp[32];
    int fd;
    sslb_rc rc;

    if (!name || !name[0]) { /* appcmd's name for a backup made without one: the time, local */
        time_t now = time(NULL);
        struct tm tm;
        if (!localtime_r(&now, &tm) || !strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm))
            return sslb_diagf(d, SSLB_EINVAL, "cannot read the clock for the backup's name");
        name = stamp;
    }
    if ((rc = sslb_backup_name_check(name, d)) != SSLB_OK) return rc;
    if ((rc = sslb_state_dir_check(state_dir, d)) != SSLB_OK) return rc;
    if ((rc = backup_dir(state_dir, 1, dir, sizeof dir, d)) != SSLB_OK) return rc;
    snprintf(lock, sizeof lock, "%s/:lock", dir);
    if ((rc = sslb__lock(lock, "the IIS configuration backups", SSLB_EWRITE, &fd, d)) != SSLB_OK) return rc;
    sweep(dir);
    int f = find(dir, name, stored, sizeof stored);
    if (f != 0) {
        rc = f > 0 ? sslb_diagf(d, SSLB_EEXISTS, "a backup named \"%s\" exists already (appcmd list backup shows them)",
                                stored)
                   : sslb_diagf(d, SSLB_EREAD, "%s: %s", dir, strerror(errno));
        close(fd);
        return rc;
    }
    snprintf(tmp, sizeof tmp, "%s/:writing.%ld", dir, (long)getpid());
    snprintf(final, sizeof final, "%s/%s", dir, name);
    if (sslb__mkdir(tmp, 0700) != 0) {
        rc = sslb_diagf(d, sslb__write_rc(errno), "cannot create %s: %s", tmp, strerror(errno));
        close(fd);
        return rc;
    }
    rc = SSLB_OK;
    for (size_t i = 0; i < NFILES && rc == SSLB_OK; i++) rc = copy_in(state_dir, backup_files[i], tmp, d);
    if (rc == SSLB_OK && sslb__fsync_dir(tmp) != 0)
        rc = sslb_diagf(d, sslb__write_rc(errno), "%s: cannot sync: %s", tmp, strerror(errno));
    /* the one moment the backup appears, whole; never over another (a name made meanwhile by hand) */
    if (rc == SSLB_OK && renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_NOREPLACE) != 0)
        rc = errno == EEXIST
                 ? sslb_diagf(d, SSLB_EEXISTS, "%s exists already", final)
                 : sslb_diagf(d, sslb__write_rc(errno), "cannot rename %s to %s: %s", tmp, final, strerror(errno));
    if (rc == SSLB_OK && sslb__fsync_dir(dir) != 0)
        rc = sslb_diagf(d, SSLB_EWRITE, "%s: cannot sync: %s", dir, strerror(errno));
    if (rc != SSLB_OK) remove_tree(dir, strrchr(tmp, '/') + 1);
    else snprintf(made, n, "%s", name);
    close(fd);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return sslb__casecmp(*(char *const *)a, *(char *const *)b);
}

void sslb_backup_names_free(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++) free(names[i]);
    free(names);
}

sslb_rc sslb_backup_list(const char *state_dir, char ***names, size_t *n, sslb_diag *d)
{
    char dir[PATH_MAX];
    DIR *dp;
    struct dirent *e;
    size_t cap = 0, count = 0;
    char **list = NULL;
    sslb_rc rc;

    *names = NULL;
    *n = 0;
    if ((rc = backup_dir(state_dir, 0, dir, sizeof dir, d)) != SSLB_OK) return rc;
    if (!(dp = opendir(dir))) {
        if (errno == ENOENT) return SSLB_OK;
        return sslb_diagf(d, sslb__denied_or(errno, SSLB_EREAD), "%s: %s", dir, strerror(errno));
    }
    while ((e = readdir(dp))) {
        struct stat st;
        char p[PATH_MAX + 256];
        if (strchr(e->d_name, ':') || sslb_backup_name_check(e->d_name, NULL) != SSLB_OK) continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (lstat(p, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
        if (count == cap) {
            size_t c = cap ? 2 * cap : 8;
            char **m = realloc(list, c * sizeof *m);
            if (!m) goto oom;
            list = m;
            cap = c;
        }
        char *one = strdup(e->d_name);
        if (!one) goto oom;
        list[count++] = one;
    }
    closedir(dp);
    if (count) qsort(list, count, sizeof *list, by_name);
    *names = list;
    *n = count;
    return SSLB_OK;
oom:
    *names = list;
    *n = count;
    closedir(dp);
    sslb_backup_names_free(*names, *n);
    *names = NULL;
    *n = 0;
    return SSLB_ENOMEM;
}

sslb_rc sslb_backup_delete(const char *state_dir, const char *name, sslb_diag *d)
{
    char dir[PATH_MAX], lock[PATH_MAX + 8], from[PATH_MAX + 256], to[PATH_MAX + 32], stored[256];
    int fd, f;
    sslb_rc rc;

    if ((rc = sslb_state_dir_check(state_dir, d)) != SSLB_OK) return rc;
    if ((rc = backup_dir(state_dir, 0, dir, sizeof dir, d)) != SSLB_OK) return rc;
    if ((f = find(dir, name, stored, sizeof stored)) <= 0)
        return f == 0 ? sslb_diagf(d, SSLB_ENOTFOUND, "no backup is named \"%s\" (appcmd list backup shows them)", name)
                      : sslb_diagf(d, SSLB_EREAD, "%s: %s", dir, strerror(errno));
    snprintf(lock, sizeof lock, "%s/:lock", dir);
    if ((rc = sslb__lock(lock, "the IIS configuration backups", SSLB_EWRITE, &fd, d)) != SSLB_OK) return rc;
    sweep(dir);
    if ((f = find(dir, name, stored, sizeof stored)) <= 0) { /* deleted meanwhile */
        close(fd);
        return f == 0 ? sslb_diagf(d, SSLB_ENOTFOUND, "no backup is named \"%s\" (appcmd list backup shows them)", name)
                      : sslb_diagf(d, SSLB_EREAD, "%s: %s", dir, strerror(errno));
    }
    snprintf(from, sizeof from, "%s/%s", dir, stored);
    snprintf(to, sizeof to, "%s/:deleting.%ld", dir, (long)getpid());
    if (rename(from, to) != 0) rc = sslb_diagf(d, sslb__write_rc(errno), "cannot remove %s: %s", from, strerror(errno));
    else if (sslb__fsync_dir(dir) != 0) rc = sslb_diagf(d, SSLB_EWRITE, "%s: cannot sync: %s", dir, strerror(errno));
    if (rc == SSLB_OK) remove_tree(dir, strrchr(to, '/') + 1); /* gone already: what stays is swept next time */
    close(fd);
    return rc;
}

void sslb_backup_free(sslb_backup *b)
{
    free(b->config);
    b->config = NULL;
}

sslb_rc sslb_backup_read(const char *state_dir, const char *name, sslb_backup *out, sslb_diag *d)
{
    char dir[PATH_MAX], path[PATH_MAX + 300], one[PATH_MAX + 256];
    int f;
    sslb_rc rc;

    memset(out, 0, sizeof *out);
    if ((rc = backup_dir(state_dir, 0, dir, sizeof dir, d)) != SSLB_OK) return rc;
    if ((f = find(dir, name, out->name, sizeof out->name)) <= 0)
        return f == 0 ? sslb_diagf(d, SSLB_ENOTFOUND, "no backup is named \"%s\" (appcmd list backup shows them)", name)
                      : sslb_diagf(d, SSLB_EREAD, "%s: %s", dir, strerror(errno));
    snprintf(one, sizeof one, "%s/%s", dir, out->name);
    snprintf(path, sizeof path, "%s/applicationHost.config", one);
    if (sslb__read_all(path, &out->config, &out->len, NULL) != 0) {
        out->config = NULL;
        if (errno != ENOENT)
            return sslb_diagf(d, SSLB_ECORRUPT, "the backup is damaged: %s: %s", path, sslb__read_why(errno));
    } else {
        sslb_apphost *check = NULL;
        sslb_diag why = {{0}};
        char *copy = malloc(out->len + 1);
        if (!copy) {
            sslb_backup_free(out);
            return SSLB_ENOMEM;
        }
        memcpy(copy, out->config, out->len + 1);
        if ((rc = sslb__apphost_from_text(path, copy, out->len, &check, &why)) != SSLB_OK) {
            sslb_backup_free(out);
            return rc == SSLB_ECORRUPT ? sslb_diagf(d, rc, "the backup is damaged: %s: %s", path, why.text) : rc;
        }
        sslb_apphost_close(check);
    }
    snprintf(path, sizeof path, "%s/redirection.config", one);
    struct stat st;
    out->has_redirection = stat(path, &st) == 0;
    sslb_diag why = {{0}};
    int on = sslb__redirection(one, out->shared_dir, sizeof out->shared_dir, &why);
    if (on < 0) {
        sslb_backup_free(out);
        return sslb_diagf(d, SSLB_ECORRUPT, "the backup is damaged: %s", why.text);
    }
    out->shared = on == 1;
    if (!out->config && !out->has_redirection) {
        return sslb_diagf(d, SSLB_ECORRUPT,
                          "the backup is damaged: %s holds neither applicationHost.config nor redirection.config", one);
    }
    return SSLB_OK;
}
