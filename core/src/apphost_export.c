/* apphost_export.c — IIS Manager's "Export Configuration": a copy of this server's
 * applicationHost.config into a directory that the farm's servers will share. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sslb/apphost.h"

#include "apphost_int.h"
#include "file_int.h"

/* What an export would replace, said in d: target holds other text, which every server sharing it
 * reads. SSLB_EEXISTS. */
static sslb_rc would_lose(const char *target, char *old, size_t len, sslb_diag *d)
{
    sslb_apphost *was = NULL;
    size_t sites, bindings = 0;

    if (sslb__apphost_from_text(target, old, len, &was, &(sslb_diag){{0}}) != SSLB_OK)
        return sslb_diagf(d, SSLB_EEXISTS,
                          "%s exists already and holds another text (it does not read as a configuration): "
                          "nothing written",
                          target);
    sites = sslb_apphost_count(was);
    for (size_t i = 0; i < sites; i++) bindings += sslb_apphost_site(was, i)->nbindings;
    sslb_apphost_close(was);
    return sslb_diagf(d, SSLB_EEXISTS,
                      "%s exists already and holds another configuration, %zu site%s with %zu binding%s, which "
                      "the servers sharing it run (an overwrite replaces them all with this server's): nothing written",
                      target, sites, sites == 1 ? "" : "s", bindings, bindings == 1 ? "" : "s");
}

/* The first directory on dir's path that is not there, in made ("" when dir is there): what a
 * failed export removes again. */
static void first_missing(const char *dir, char *made, size_t n)
{
    char p[PATH_MAX];
    struct stat st;
    char *slash;

    made[0] = '\0';
    snprintf(p, sizeof p, "%s", dir);
    while (p[0] && stat(p, &st) != 0 && errno == ENOENT) {
        snprintf(made, n, "%s", p);
        if (!(slash = strrchr(p, '/')) || slash == p) break;
        *slash = '\0';
    }
}

/* A failed export leaves nothing behind: the directories it made (each removed only while empty,
 * from dir up to made; a "." or ".." in the text is passed over, not removed) and, when this
 * export holds it (lock not NULL), the lock file in them: one that waited for the lock in vain
 * leaves the file of the export that holds it (review 33 F5, F6). */
static void unmake(const char *dir, const char *made, const char *lock)
{
    char p[PATH_MAX];
    char *slash;

    if (!made[0]) return;
    if (lock) unlink(lock);
    snprintf(p, sizeof p, "%s", dir);
    for (;;) {
        const char *last = (slash = strrchr(p, '/')) ? slash + 1 : p;
        int dots = strcmp(last, ".") == 0 || strcmp(last, "..") == 0 || !last[0];
        if (!dots && rmdir(p) != 0) return;
        if (strcmp(p, made) == 0 || !slash || slash == p) return;
        *slash = '\0';
    }
}

sslb_rc sslb_apphost_export(const sslb_apphost *ah, const char *dir, int overwrite, sslb_diag *d)
{
    char target[PATH_MAX + 32], mk[PATH_MAX], made[PATH_MAX], lock[PATH_MAX + 40];
    struct sslb__bytes b;
    char *buf, *old = NULL;
    size_t oldlen = 0;
    int fd, r = -1;

    if (dir[0] != '/') return sslb_diagf(d, SSLB_EINVAL, "the export directory must be an absolute path");
    if (snprintf(target, sizeof target, "%s/applicationHost.config", dir) >= PATH_MAX)
        return sslb_diagf(d, SSLB_EINVAL, "the export directory's path is too long");
    if (strcmp(target, sslb_apphost_path(ah)) == 0)
        return sslb_diagf(d, SSLB_EINVAL, "%s is the configuration in use already", target);
    if (sslb__read_all(sslb_apphost_path(ah), &buf, &b.n, NULL) != 0)
        return sslb_diagf(d, SSLB_EREAD, "%s: %s", sslb_apphost_path(ah), sslb__read_why(errno));
    b.p = buf;
    snprintf(lock, sizeof lock, "%s.lock", target);
    first_missing(dir, made, sizeof made);
    snprintf(mk, sizeof mk, "%s", dir);
    if (sslb__mkdirs(mk, 0755) != 0) {
        int e = errno;
        free(buf);
        unmake(dir, made, NULL);
        return sslb_diagf(d, SSLB_EACCESS, "cannot create %s: %s", dir, strerror(e));
    }
    sslb_rc rc;
    if ((rc = sslb__lock(lock, "the exported applicationHost.config", SSLB_EWRITE, &fd, d)) != SSLB_OK) {
        free(buf);
        unmake(dir, made, NULL); /* the lock file is another export's, which holds it */
        return rc;
    }
    /* a link there (a farm's file linked into the directory) would be replaced by a file of its
     * own, and the servers reading the link's target left without the export */
    rc = sslb__refuse_link(target, SSLB_EWRITE, "export to the directory the link points to", d);
    /* a configuration there is a farm's, which its servers run: replaced only when the caller
     * says so (the same text again changes nothing); decided under its lock, which every edit of
     * it takes */
    if (rc == SSLB_OK && sslb__read_all(target, &old, &oldlen, NULL) == 0) {
        if (oldlen == b.n && memcmp(old, buf, oldlen) == 0) r = 0;
        else if (!overwrite) {
            rc = would_lose(target, old, oldlen, d);
            old = NULL; /* taken */
        }
    } else if (rc == SSLB_OK && errno != ENOENT) {
        rc = sslb_diagf(d, SSLB_EREAD, "%s: %s", target, sslb__read_why(errno));
    }
    free(old);
    if (rc == SSLB_OK && r != 0) r = sslb__replace(target, 0644, sslb__fill_bytes, &b, NULL);
    int e = errno;
    if (rc != SSLB_OK || r != 0) unmake(dir, made, lock); /* under the lock: nobody uses what it made */
    close(fd);
    free(buf);
    if (rc != SSLB_OK) return rc;
    return r == 0 ? SSLB_OK : sslb_diagf(d, SSLB_EWRITE, "%s: cannot write: %s", target, strerror(e));
}
