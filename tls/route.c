/* route.c — see route.h. */
#include "route.h"
#include "certcache.h"
#include "server.h"
#include "sslb/param.h"

#include <openssl/evp.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <urcu/urcu-qsbr.h>

#define WATCHED 4

struct router {
    char dir[PATH_MAX];
    struct routes *cur;        /* RCU-published (liburcu QSBR, as the certificate cache) */
    struct stat seen[WATCHED]; /* redirection.config, addresses, sites.state, the config */
    int have[WATCHED];
    unsigned char digest[WATCHED][EVP_MAX_MD_SIZE]; /* SHA-256 of the bytes: what (inode, size, mtime) misses */
    unsigned int digest_len[WATCHED];
    char config[PATH_MAX];
    int known;
    int transient; /* the last build failed for a reason that may go away (transient_failure) */
};

static struct routes *empty_routes(void)
{
    return calloc(1, sizeof(struct routes));
}

struct router *router_open(const char *state_dir)
{
    struct router *rt = calloc(1, sizeof *rt);
    if (!rt) return NULL;
    snprintf(rt->dir, sizeof rt->dir, "%s", state_dir);
    if (!(rt->cur = empty_routes())) {
        free(rt);
        return NULL;
    }
    return rt;
}

void router_put(const struct routes *r)
{
    (void)r; /* nothing to release: the snapshot lives until the reader's next quiescent state */
}

static void free_rcu(struct rcu_head *h)
{
    certcache_grace_ended(); /* the workers' quiescent states, for TSan */
    free(caa_container_of(h, struct routes, rcu));
}

void router_close(struct router *rt)
{
    if (!rt) return;
    urcu_qsbr_barrier(); /* snapshots replaced earlier are freed */
    free(rt->cur);
    free(rt);
}

const char *router_config_path(const struct router *rt)
{
    return rt->config;
}

const struct routes *router_get(struct router *rt)
{
    return __atomic_load_n(&rt->cur, __ATOMIC_ACQUIRE);
}

/* SHA-256 of the file at path into out (*n bytes); 0, or -1 if it cannot be read or is not a
 * regular file. A FIFO is opened without waiting for a writer (O_NONBLOCK) and refused, as a
 * device is (a link to /dev/zero would be read for ever): the build that follows says why, in the
 * core's words, and no worker waits here holding the watch's mutex (review 30 F0). */
static int file_digest(const char *path, unsigned char *out, unsigned int *n)
{
    unsigned char buf[65536];
    ssize_t got = 0;
    int ok, fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    EVP_MD_CTX *ctx;

    if (fd < 0) return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !(ctx = EVP_MD_CTX_new())) {
        close(fd);
        return -1;
    }
    ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    while (ok && ((got = read(fd, buf, sizeof buf)) > 0 || (got < 0 && errno == EINTR)))
        if (got > 0) ok = EVP_DigestUpdate(ctx, buf, (size_t)got) == 1;
    ok = ok && got == 0 && EVP_DigestFinal_ex(ctx, out, n) == 1;
    EVP_MD_CTX_free(ctx);
    close(fd);
    return ok ? 0 : -1;
}

/* Whether any watched file differs from what the last build saw (and remembers what it sees).
 * Called once per change the watcher reports, never per request: the bytes are compared too (as
 * a digest), since an in-place edit can keep inode, size and mtime (touch -r, or a file system
 * with coarse times such as an SMB share in a farm). */
static int files_changed(struct router *rt)
{
    char paths[WATCHED][PATH_MAX + 32];
    int changed = !rt->known;

    snprintf(paths[0], sizeof paths[0], "%s/redirection.config", rt->dir);
    snprintf(paths[1], sizeof paths[1], "%s/addresses", rt->dir);
    snprintf(paths[2], sizeof paths[2], "%s/sites.state", rt->dir);
    snprintf(paths[3], sizeof paths[3], "%s", rt->config[0] ? rt->config : "");
    if (!rt->config[0]) snprintf(paths[3], sizeof paths[3], "%s/applicationHost.config", rt->dir);
    for (int i = 0; i < WATCHED; i++) {
        struct stat st;
        unsigned char dg[EVP_MAX_MD_SIZE];
        unsigned int dl = 0;
        int have = stat(paths[i], &st) == 0;
        if (have && file_digest(paths[i], dg, &dl) != 0) dl = 0; /* unreadable: the build says why */
        if (have != rt->have[i] || (have && (st.st_ino != rt->seen[i].st_ino || st.st_size != rt->seen[i].st_size ||
                                             st.st_mtim.tv_sec != rt->seen[i].st_mtim.tv_sec ||
                                             st.st_mtim.tv_nsec != rt->seen[i].st_mtim.tv_nsec || !dl ||
                                             dl != rt->digest_len[i] || memcmp(dg, rt->digest[i], dl) != 0)))
            changed = 1;
        rt->have[i] = have;
        if (have) rt->seen[i] = st;
        rt->digest_len[i] = dl;
        if (dl) memcpy(rt->digest[i], dg, dl);
    }
    rt->known = 1;
    return changed;
}

static struct routes *build(struct router *rt, char *why, size_t n)
{
    char local[PATH_MAX + 32];
    sslb_apphost *ah = NULL;
    sslb_server *srv = NULL;
    sslb_diag d = {{0}};
    struct routes *r = NULL;
    size_t count = 0;
    struct stat st;

    snprintf(local, sizeof local, "%s/applicationHost.config", rt->dir);
    rt->transient = 0;
    if (!rt->have[0] && stat(local, &st) != 0) return empty_routes(); /* no IIS here: do not create one */
    errno = 0;
    if (sslb_server_open(rt->dir, &srv, &d) != SSLB_OK || (sslb_apphost_open(rt->dir, NULL, &ah, &d) != SSLB_OK)) {
        rt->transient = transient_failure(errno);
        snprintf(why, n, "%s%s%s", ah ? sslb_apphost_path(ah) : "", ah ? ": " : "", d.text);
        goto out;
    }
    snprintf(rt->config, sizeof rt->config, "%s", sslb_apphost_path(ah));
    for (size_t i = 0; i < sslb_apphost_count(ah); i++) count += sslb_apphost_site(ah, i)->nbindings;
    if (!(r = calloc(1, sizeof *r + count * sizeof r->r[0]))) {
        rt->transient = 1;
        goto out;
    }
    r->enabled = 1;
    for (size_t i = 0; i < sslb_apphost_count(ah); i++) {
        const sslb_site *s = sslb_apphost_site(ah, i);
        if (!sslb_was_started(srv, s->id)) continue;
        for (size_t j = 0; j < s->nbindings; j++) {
            sslb_bstatus bs;
            struct route *e = &r->r[r->n];
            if (sslb_ascii_casecmp(s->bindings[j].protocol, "https") != 0) continue;
            sslb_was_binding_status(srv, ah, i, j, &bs);
            if (bs.live != SSLB_LIVE) continue;
            snprintf(e->site, sizeof e->site, "%s", s->name);
            e->id = s->id;
            snprintf(e->binding, sizeof e->binding, "%s/%s", s->bindings[j].protocol, s->bindings[j].info);
            e->bi = bs.bi;
            r->n++;
        }
    }
out:
    sslb_apphost_close(ah);
    sslb_server_close(srv);
    return r;
}

void router_forget(struct router *rt)
{
    rt->known = 0;
}

int router_refresh(struct router *rt, char *why, size_t n)
{
    struct routes *r, *old;

    char before[PATH_MAX];

    if (!files_changed(rt)) return 0;
    snprintf(before, sizeof before, "%s", rt->config);
    why[0] = '\0';
    if (!(r = build(rt, why, n))) {
        if (!why[0]) snprintf(why, n, "out of memory");
        rt->known = 0; /* built again at the next call, whatever the files look like then */
        return rt->transient ? -2 : -1;
    }
    if (strcmp(before, rt->config) != 0) rt->have[3] = -1; /* redirected: watch the new file from the next call */
    old = rt->cur;
    __atomic_store_n(&rt->cur, r, __ATOMIC_RELEASE); /* release: r whole before readers see it */
    certcache_retiring();
    urcu_qsbr_call_rcu(&old->rcu, free_rcu);
    return 0;
}

/* The host part of a Host header, lower-cased, without its port: "[::1]:8443" → "[::1]". */
static void host_only(const char *in, char *out, size_t n)
{
    size_t l = 0;
    const char *end;

    if (!in) in = "";
    end = in[0] == '[' ? strchr(in, ']') : strrchr(in, ':');
    if (in[0] == '[') end = end ? end + 1 : in + strlen(in);
    else if (!end) end = in + strlen(in);
    for (const char *p = in; p < end && l + 1 < n; p++) out[l++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    while (l && out[l - 1] == '.') l--; /* www.contoso.com. is www.contoso.com */
    out[l] = '\0';
}

static int host_matches(const char *pattern, const char *host)
{
    size_t pl = strlen(pattern), hl = strlen(host);
    if (pattern[0] == '*' && pattern[1] == '.') { /* IIS 10: *.contoso.com, one label or more */
        return hl > pl - 1 && sslb_ascii_casecmp(host + hl - (pl - 1), pattern + 1) == 0;
    }
    return sslb_ascii_casecmp(pattern, host) == 0;
}

const struct route *route_match(const struct routes *r, const sslb_addr *local, uint16_t port, const char *host)
{
    char h[SSLB_HOST_MAX + 8];

    host_only(host, h, sizeof h);
    /* most specific first: IP:port:host, *:port:host, IP:port:*.dom, *:port:*.dom, IP:port:, *:port: */
    for (int pass = 0; pass < 6; pass++) {
        int want_any = pass & 1, kind = pass / 2; /* 0 exact host, 1 wildcard host, 2 no host */
        for (size_t i = 0; i < r->n; i++) {
            const struct route *e = &r->r[i];
            int is_wild = e->bi.host[0] == '*';
            if (e->bi.port != port || e->bi.any_ip != want_any) continue;
            if (!want_any && (e->bi.ip.family != local->family || memcmp(e->bi.ip.bytes, local->bytes, 16) != 0))
                continue;
            if (kind == 2 ? e->bi.host[0] != '\0'
                          : !e->bi.host[0] || is_wild != (kind == 1) || !h[0] || !host_matches(e->bi.host, h))
                continue;
            return e;
        }
    }
    return NULL;
}
