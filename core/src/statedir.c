/* statedir.c — see sslb/statedir.h. */
#include "sslb/statedir.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The user's home directory from the password database, as an absolute path in buf; 0 or -1. */
static int passwd_home(char *buf, size_t n)
{
    struct passwd pw, *res = NULL;
    char tmp[4096];

    if (getpwuid_r(geteuid(), &pw, tmp, sizeof tmp, &res) != 0 || !res || !pw.pw_dir || pw.pw_dir[0] != '/') return -1;
    return (size_t)snprintf(buf, n, "%s", pw.pw_dir) < n ? 0 : -1;
}

sslb_rc sslb_state_dir_find(char **out, sslb_diag *d)
{
    const char *env = getenv("SSLBIND_STATE"), *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    char pwhome[1024];
    int r;

    *out = NULL;
    if (env && *env) return (*out = strdup(env)) ? SSLB_OK : SSLB_ENOMEM;
    if (xdg && xdg[0] == '/') { /* the XDG specification: a relative path is invalid, ignore it */
        r = asprintf(out, "%s/sslbind", xdg);
    } else {
        if (!home || home[0] != '/') { /* unset, empty or relative: never the current directory */
            if (passwd_home(pwhome, sizeof pwhome) != 0)
                return sslb_diagf(d, SSLB_ENOTFOUND,
                                  "no state directory: HOME is %s and the user has no home directory in the password "
                                  "database; give --state DIR or set SSLBIND_STATE",
                                  !home    ? "unset"
                                  : !*home ? "empty"
                                           : "not an absolute path");
            home = pwhome;
        }
        r = asprintf(out, "%s/.local/state/sslbind", home);
    }
    if (r < 0) {
        *out = NULL;
        return SSLB_ENOMEM;
    }
    return SSLB_OK;
}

char *sslb_state_dir_default(void)
{
    char *dir;
    return sslb_state_dir_find(&dir, NULL) == SSLB_OK ? dir : NULL;
}

sslb_rc sslb_state_dir_check(const char *path, sslb_diag *d)
{
    struct stat st;
    uid_t me = geteuid();

    if (stat(path, &st) != 0)
        return sslb_diagf(d, errno == ENOENT ? SSLB_ENOTFOUND : SSLB_EACCESS, "cannot use state directory %s: %s", path,
                          strerror(errno));
    if (!S_ISDIR(st.st_mode)) return sslb_diagf(d, SSLB_EINVAL, "%s is not a directory", path);
    if (st.st_uid != me && st.st_uid != 0)
        return sslb_diagf(d, SSLB_EACCESS,
                          "state directory %s belongs to uid %u, not to you (uid %u): its owner could read the "
                          "private keys kept there; use a directory of your own (mode 700)",
                          path, (unsigned)st.st_uid, (unsigned)me);
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return sslb_diagf(d, SSLB_EACCESS,
                          "state directory %s is writable by %s (mode %04o): another user could replace the keys or "
                          "plant files in it; run chmod 700 %s",
                          path,
                          (st.st_mode & S_IWGRP) && (st.st_mode & S_IWOTH) ? "group and others"
                          : st.st_mode & S_IWGRP                           ? "its group"
                                                                           : "others",
                          (unsigned)(st.st_mode & 07777), path);
    return SSLB_OK;
}

/* One flag for every library: file.c, which each shared library holds a copy of, asks through
 * sslb_lock_wait_interrupted (libsslb's, exported). */
static volatile sig_atomic_t *wait_flag;

void sslb_lock_wait_flag(volatile sig_atomic_t *flag)
{
    __atomic_store_n(&wait_flag, flag, __ATOMIC_RELEASE);
}

int sslb_lock_wait_interrupted(void)
{
    volatile sig_atomic_t *f = __atomic_load_n(&wait_flag, __ATOMIC_ACQUIRE);
    return f && *f;
}

void sslb_hold_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (got >= 0 && got != fd) close(got); /* a lower one was closed too: the loop got it first */
    }
}

sslb_rc sslb_path_absolute(const char *path, const char *what, char *out, size_t n, sslb_diag *d)
{
    char cwd[PATH_MAX];
    int w;

    if (path[0] == '/') {
        w = snprintf(out, n, "%s", path);
    } else if (!getcwd(cwd, sizeof cwd)) {
        if (errno == ENOENT)
            return sslb_diagf(d, SSLB_EINVAL, "the current directory no longer exists: give %s as an absolute path",
                              what);
        return sslb_diagf(d, SSLB_EINVAL, "the current directory cannot be named (%s): give %s as an absolute path",
                          strerror(errno), what);
    } else {
        /* its leading "." and ".." taken against the current directory's name, which getcwd gives
         * without links (so ".." is its text's parent, as the kernel would take it): the path
         * then names the same directory once the current one is removed or renamed */
        const char *p = path;
        for (;;) {
            size_t k = p[0] == '.' && (p[1] == '/' || !p[1])                  ? 1
                       : p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]) ? 2
                                                                              : 0;
            if (!k) break;
            if (k == 2) {
                char *s = strrchr(cwd, '/');
                s[s == cwd] = '\0';
            }
            for (p += k; *p == '/'; p++) {
            }
        }
        w = snprintf(out, n, "%s%s%s", cwd, *p && strcmp(cwd, "/") != 0 ? "/" : "", p);
    }
    if (w < 0 || (size_t)w >= n || w >= PATH_MAX) return sslb_diagf(d, SSLB_EINVAL, "%s: too long", what);
    return SSLB_OK;
}
