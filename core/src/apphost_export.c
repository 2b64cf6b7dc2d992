/* apphost_export.c — IIS Manager's "Export Configuration": a copy of this server's
 * applicationHost.config into a directory that the farm's servers will share. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sslb/apphost.h"

#include "file_int.h"

sslb_rc sslb_apphost_export(const sslb_apphost *ah, const char *dir, sslb_diag *d)
{
    char target[PATH_MAX + 32], mk[PATH_MAX], lock[PATH_MAX + 40];
    struct sslb__bytes b;
    char *buf;
    int fd, r;

    if (dir[0] != '/') return sslb_diagf(d, SSLB_EINVAL, "the export directory must be an absolute path");
    if (snprintf(target, sizeof target, "%s/applicationHost.config", dir) >= PATH_MAX)
        return sslb_diagf(d, SSLB_EINVAL, "the export directory's path is too long");
    if (strcmp(target, sslb_apphost_path(ah)) == 0)
        return sslb_diagf(d, SSLB_EINVAL, "%s is the configuration in use already", target);
    snprintf(mk, sizeof mk, "%s", dir);
    if (sslb__mkdirs(mk, 0755) != 0) return sslb_diagf(d, SSLB_EACCESS, "cannot create %s: %s", dir, strerror(errno));
    if (sslb__read_all(sslb_apphost_path(ah), &buf, &b.n, NULL) != 0)
        return sslb_diagf(d, SSLB_EREAD, "%s: %s", sslb_apphost_path(ah), strerror(errno));
    b.p = buf;
    snprintf(lock, sizeof lock, "%s.lock", target);
    sslb_rc rc;
    if ((rc = sslb__lock(lock, "the exported applicationHost.config", SSLB_EWRITE, &fd, d)) != SSLB_OK) {
        free(buf);
        return rc;
    }
    /* a link there (a farm's file linked into the directory) would be replaced by a file of its
     * own, and the servers reading the link's target left without the export */
    rc = sslb__refuse_link(target, SSLB_EWRITE, "export to the directory the link points to", d);
    r = rc == SSLB_OK ? sslb__replace(target, 0644, sslb__fill_bytes, &b, NULL) : -1;
    close(fd);
    free(buf);
    if (rc != SSLB_OK) return rc;
    return r == 0 ? SSLB_OK : sslb_diagf(d, SSLB_EWRITE, "%s: cannot write: %s", target, strerror(errno));
}
