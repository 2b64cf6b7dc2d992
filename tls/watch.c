/* watch.c — see watch.h. */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "certcache.h"
#include "route.h"

enum { W_STATE, W_CERTS, W_STORE, W_CONFDIR };

/* Which file a path names: there or not, its device, inode and type, and its birth time where the
 * file system keeps one, which tells a directory made again with the same inode number (ext4
 * gives a removed directory's number to the next one) from the one before. */
struct ident {
    int there;
    unsigned dev_major, dev_minor;
    unsigned long long ino;
    unsigned type;
    long long btime_s;
    unsigned btime_ns;
};

/* path's ident (follow: through a link at its end, else the link itself) */
static struct ident ident_of(const char *path, int follow)
{
    struct statx sx;
    struct ident id = {0};

    if (statx(AT_FDCWD, path, follow ? 0 : AT_SYMLINK_NOFOLLOW, STATX_TYPE | STATX_INO | STATX_BTIME, &sx) != 0)
        return id;
    id.there = 1;
    id.dev_major = sx.stx_dev_major;
    id.dev_minor = sx.stx_dev_minor;
    id.ino = sx.stx_ino;
    id.type = sx.stx_mode & S_IFMT;
    if (sx.stx_mask & STATX_BTIME) {
        id.btime_s = sx.stx_btime.tv_sec;
        id.btime_ns = sx.stx_btime.tv_nsec;
    }
    return id;
}

static int ident_same(const struct ident *a, const struct ident *b)
{
    return a->there == b->there && a->dev_major == b->dev_major && a->dev_minor == b->dev_minor && a->ino == b->ino &&
           a->type == b->type && a->btime_s == b->btime_s && a->btime_ns == b->btime_ns;
}

struct wd {
    int wd, kind;
    char store[SSLB_STORE_NAME_MAX + 1];
    struct ident id; /* the directory watched, when the watch was made (mains_moved) */
};

struct anchor {
    int wd;
    char name[NAME_MAX + 1];
    char *path;      /* the directory's path and name: what anchors_moved looks at again */
    struct ident id; /* what the path was at the walk (the link itself, for a link) */
    char *target;    /* a link's target then */
};

struct watch {
    int fd;
    pthread_mutex_t lock;
    int busy; /* atomic: a thread has taken events out of the queue and not yet applied them */
    char state[PATH_MAX], certs[PATH_MAX], confdir[PATH_MAX];
    struct wd *w;
    size_t n, cap;
    /* The anchors: a name in a directory whose replacement means the watches must be made again
     * (rewatch): every name on the state directory's path, and on the path of each link's target
     * that the watched directories are reached through. On their own inotify instance, read under
     * their own mutex and matched by name, so that other names' events there (a busy home
     * directory) never send a handshake to wait for the watch's lock. */
    int afd;
    int mfd; /* /proc/self/mountinfo: a mount or unmount anywhere, polled with the anchors */
    int aep; /* epoll over afd and mfd: one call at a handshake asks both */
    pthread_mutex_t alock;
    struct anchor *a;
    size_t na, capa;
    char **unwatched; /* the directories an anchor could not watch, each said once */
    size_t nunwatched;
    int replaced;  /* atomic: an anchor's name changed: rewatch at the next sync */
    int abusy;     /* atomic: a thread has taken anchor events out and not yet judged them */
    int achecking; /* atomic: threads in anchors_check (a mount's event goes to one only) */
    int recheck;   /* atomic: events lost or a mount: the watched directories looked at again */
    int gone;      /* the state directory was not there at the last rewatch (said once) */
    /* what the events said, until applied (a failure for a transient reason keeps it) */
    int table, router;
    int pending;        /* atomic: something failed for a transient reason and waits for a retry */
    long long retry_at; /* atomic: not retried before this (CLOCK_MONOTONIC, ms) */
    unsigned failing;   /* F_* of the parts whose failure episode was logged */
    int force;          /* SIGHUP: bindings.reg read whatever its version */
};

enum { F_TABLE = 1, F_ROUTER = 2, F_CERTS = 4 };
#define RETRY_MS 1000

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One line when a part starts failing for a transient reason, one when it recovers: never one
 * per retry. */
static void episode(struct watch *w, unsigned part, int failed, const char *what, const char *why)
{
    if (failed && !(w->failing & part)) {
        w->failing |= part;
        log_line("sslbind-tls: cannot apply a change to %s now: %s (still serving what came before; retried every "
                 "second)",
                 what, why);
    } else if (!failed && (w->failing & part)) {
        w->failing &= ~part;
        log_line("sslbind-tls: the change to %s is applied now", what);
    }
}

#define DIR_EVENTS                                                                                                     \
    (IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

/* Watches the directory at path. A symbolic link there is followed, as every reader and writer of
 * the state directory follows it (a state directory, DIR/certs or a store on another volume): the
 * directory watched is its target, and a link replaced later is an event in its parent. */
static int add(struct watch *w, const char *path, int kind, const char *store)
{
    int wd = inotify_add_watch(w->fd, path, DIR_EVENTS | IN_ONLYDIR);

    if (wd < 0) return -1;
    for (size_t i = 0; i < w->n; i++) /* seen again as the same thing; a second store name linked to
                                         the same directory is an entry of its own (both marked) */
        if (w->w[i].wd == wd && w->w[i].kind == kind && strcmp(w->w[i].store, store ? store : "") == 0) return 0;
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 16;
        struct wd *nw = realloc(w->w, cap * sizeof *nw);
        if (!nw) return -1;
        w->w = nw;
        w->cap = cap;
    }
    w->w[w->n].wd = wd;
    w->w[w->n].kind = kind;
    w->w[w->n].id = ident_of(path, 1);
    snprintf(w->w[w->n].store, sizeof w->w[w->n].store, "%s", store ? store : "");
    w->n++;
    return 0;
}

/* 1 when a watched directory's path no longer names the directory its watch follows (a volume
 * mounted over a store or DIR/certs, or unmounted from it; a store made again where its removal
 * and making were lost). Called with the watch's lock held. */
static int mains_moved(struct watch *w)
{
    char path[PATH_MAX + 300];

    for (size_t i = 0; i < w->n; i++) {
        const struct wd *x = &w->w[i];
        if (x->kind == W_STATE) snprintf(path, sizeof path, "%s", w->state);
        else if (x->kind == W_CERTS) snprintf(path, sizeof path, "%s", w->certs);
        else if (x->kind == W_CONFDIR) snprintf(path, sizeof path, "%s", w->confdir);
        else snprintf(path, sizeof path, "%s/%s", w->certs, x->store);
        struct ident now = ident_of(path, 1);
        if (!ident_same(&now, &x->id)) return 1;
    }
    return 0;
}

static struct wd *find(struct watch *w, int wd)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->w[i].wd == wd) return &w->w[i];
    return NULL;
}

static void forget(struct watch *w, int wd)
{
    for (size_t i = 0; i < w->n;)
        if (w->w[i].wd == wd) w->w[i] = w->w[--w->n];
        else i++;
}

/* ---- anchors ----------------------------------------------------------------------------- */

#define ANCHOR_EVENTS (IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_ONLYDIR)

/* What a's path is now, in a: there or not, its device, inode and type, a link's target. */
static void identify(struct anchor *a)
{
    char t[PATH_MAX];
    ssize_t n;

    a->id = ident_of(a->path, 0);
    a->target = NULL;
    if (a->id.there && a->id.type == S_IFLNK && (n = readlink(a->path, t, sizeof t - 1)) >= 0) {
        t[n] = '\0';
        a->target = strdup(t);
    }
}

/* 1 when an anchored path is not what it was at the walk (a directory on the way renamed over, a
 * link pointed elsewhere, a volume mounted or unmounted there). Asked when events were lost or
 * the mount table changed: a few dozen statx calls, where a rewatch reads every certificate.
 * Called with alock held. */
static int anchors_moved(struct watch *w)
{
    for (size_t i = 0; i < w->na; i++) {
        struct anchor now = {.path = w->a[i].path}, *was = &w->a[i];
        identify(&now);
        int same = ident_same(&now.id, &was->id) && !now.target == !was->target &&
                   (!now.target || strcmp(now.target, was->target) == 0);
        free(now.target);
        if (!same) return 1;
    }
    return 0;
}

/* dir's place in the list of directories said to be unwatchable, or w->nunwatched. */
static size_t unwatched_at(const struct watch *w, const char *dir)
{
    size_t i = 0;
    while (i < w->nunwatched && strcmp(w->unwatched[i], dir) != 0) i++;
    return i;
}

/* 1 when dir was said to be unwatchable before; else it is remembered, and 0: each such
 * directory is said once while it stays so, not at every rewatch (nor again when two of them
 * alternate); anchor_at forgets it once it can be watched. */
static int said_unwatchable(struct watch *w, const char *dir)
{
    char *copy, **grown;

    if (unwatched_at(w, dir) < w->nunwatched) return 1;
    if (!(copy = strdup(dir)) || !(grown = realloc(w->unwatched, (w->nunwatched + 1) * sizeof *grown))) {
        free(copy);
        return 0; /* said again next time: no harm */
    }
    w->unwatched = grown;
    w->unwatched[w->nunwatched++] = copy;
    return 0;
}

/* name in the directory dir (a path with no link in it), anchored. Called with alock held. */
static void anchor_at(struct watch *w, const char *dir, const char *name)
{
    char path[PATH_MAX + NAME_MAX + 2];
    int wd;

    if (w->na == w->capa) {
        size_t cap = w->capa ? 2 * w->capa : 8;
        struct anchor *na = realloc(w->a, cap * sizeof *na);
        if (!na) return; /* seen at a SIGHUP only */
        w->a = na;
        w->capa = cap;
    }
    if ((wd = inotify_add_watch(w->afd, dir, ANCHOR_EVENTS)) < 0) {
        int err = errno;
        if (!said_unwatchable(w, dir))
            log_line("sslbind-tls: cannot watch %s: %s (%s replaced there is seen at a SIGHUP only)", dir,
                     strerror(err), name);
        return;
    }
    size_t u = unwatched_at(w, dir);
    if (u < w->nunwatched) { /* watchable again: said again if it stops being so */
        free(w->unwatched[u]);
        w->unwatched[u] = w->unwatched[--w->nunwatched];
    }
    for (size_t i = 0; i < w->na; i++)
        if (w->a[i].wd == wd && strcmp(w->a[i].name, name) == 0) return; /* anchored already */
    snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", name);
    struct anchor *a = &w->a[w->na];
    if (!(a->path = strdup(path))) return; /* seen at a SIGHUP only */
    snprintf(a->name, sizeof a->name, "%s", name);
    a->wd = wd;
    identify(a);
    w->na++;
}

/* Every anchor forgotten: its watch removed (their IN_IGNORED match none), its memory freed. */
static void anchors_clear(struct watch *w)
{
    for (size_t i = 0; i < w->na; i++) {
        inotify_rm_watch(w->afd, w->a[i].wd); /* a wd twice: EINVAL, nothing */
        free(w->a[i].path);
        free(w->a[i].target);
    }
    w->na = 0;
}

#define ANCHOR_LINKS 40 /* links followed in one walk: the kernel's limit (MAXSYMLINKS) */

/* Every name the directory at path (absolute; links and ".." allowed) is reached by, anchored:
 * each component in the directory before it, where a component is a symbolic link the names of
 * its target's path too (walked as the kernel walks a path: the target put in place of the link,
 * up to ANCHOR_LINKS links, past which the kernel resolves nothing either), so that a directory
 * or a link replaced anywhere on the way (a release's "current" link pointed at the next release,
 * /srv/app renamed over by a new one) is seen. The walk stops at a component that is not there,
 * anchored: its making is seen (a store's link made before its target). No recursion: a
 * worker's stack may be small. Called with alock held. */
static void anchor_path(struct watch *w, const char *path)
{
    char cur[PATH_MAX] = "/", next[PATH_MAX], rest[PATH_MAX], target[PATH_MAX], name[NAME_MAX + 1];
    const char *p, *e;
    struct stat st;
    int links = 0;

    if (path[0] != '/' || (size_t)snprintf(rest, sizeof rest, "%s", path) >= sizeof rest) return;
    for (p = rest;; p = e) {
        while (*p == '/') p++;
        if (!*p) return;
        for (e = p; *e && *e != '/'; e++) {
        }
        size_t len = (size_t)(e - p);
        if (len > NAME_MAX) return;
        if (len == 1 && p[0] == '.') continue;
        if (len == 2 && p[0] == '.' && p[1] == '.') { /* cur holds no link: its parent is its text's */
            char *s = strrchr(cur, '/');
            s[s == cur] = '\0';
            continue;
        }
        memcpy(name, p, len);
        name[len] = '\0';
        anchor_at(w, cur, name);
        if ((size_t)snprintf(next, sizeof next, "%s/%s", strcmp(cur, "/") ? cur : "", name) >= sizeof next ||
            lstat(next, &st) != 0)
            return; /* not there: its making is an event of the anchor just made */
        if (S_ISDIR(st.st_mode)) {
            memcpy(cur, next, sizeof cur);
            continue;
        }
        if (!S_ISLNK(st.st_mode)) return;
        /* the link's target in its place: what follows the link walked after it */
        ssize_t n = readlink(next, target, sizeof target - 1);
        if (n <= 0) return;
        if (++links > ANCHOR_LINKS) return; /* ELOOP for every reader too: nothing to serve there */
        target[n] = '\0';
        if ((size_t)snprintf(next, sizeof next, "%s%s", target, e) >= sizeof next) return;
        memcpy(rest, next, sizeof rest);
        if (target[0] == '/') snprintf(cur, sizeof cur, "/"); /* else from the link's directory, cur */
        e = rest;
    }
}

/* When path is a symbolic link, every name its target is reached by is anchored (anchor_path),
 * the target there or not: the directory a link leads to can be replaced, or made, where no
 * watch of ours sees it. Called with alock held. */
static void anchor_link(struct watch *w, const char *path)
{
    char target[PATH_MAX], abs[PATH_MAX];
    const char *slash = strrchr(path, '/');
    ssize_t n;

    /* not the link's own name: its directory's watch sees that (a store linked in or removed) */
    if (!slash || (n = readlink(path, target, sizeof target - 1)) <= 0) return;
    target[n] = '\0';
    if (target[0] == '/') anchor_path(w, target);
    else if ((size_t)snprintf(abs, sizeof abs, "%.*s/%s", (int)(slash - path), path, target) < sizeof abs)
        anchor_path(w, abs);
}

/* anchor_link, taking alock (the watch's lock held: the order is lock, then alock). */
static void anchor_link_locked(struct watch *w, const char *path)
{
    pthread_mutex_lock(&w->alock);
    anchor_link(w, path);
    pthread_mutex_unlock(&w->alock);
}

/* fn(w, "DIR/certs/NAME", NAME) for each name in DIR/certs a store can have (none when it cannot
 * be read). */
static void each_store_name(struct watch *w, void (*fn)(struct watch *w, const char *path, const char *name))
{
    struct dirent *de;
    DIR *dp;

    if (!(dp = opendir(w->certs))) return;
    while ((de = readdir(dp))) {
        char path[PATH_MAX + 300];
        if (de->d_name[0] == '.' || strlen(de->d_name) > SSLB_STORE_NAME_MAX) continue;
        snprintf(path, sizeof path, "%s/%s", w->certs, de->d_name);
        fn(w, path, de->d_name);
    }
    closedir(dp);
}

/* A store's name: a link to a store, there or not yet, has its target's names anchored (its
 * target replaced or made is seen). */
static void anchor_store_link(struct watch *w, const char *path, const char *name)
{
    (void)name;
    anchor_link(w, path);
}

/* Every name the state directory is reached by, DIR/certs's link's target's and each store
 * link's target's, anchored (watch_confdir anchors the shared configuration's directory). Called
 * with alock held. */
static void anchors_make(struct watch *w)
{
    anchor_path(w, w->state); /* absolute since the start (main.c), links unresolved: a link is a name too */
    anchor_link(w, w->certs);
    each_store_name(w, anchor_store_link);
}

/* anchors_make, taking alock (the watch's lock held: the order is lock, then alock). */
static void anchors_make_locked(struct watch *w)
{
    pthread_mutex_lock(&w->alock);
    anchors_make(w);
    pthread_mutex_unlock(&w->alock);
}

/* The anchors made after the watches they guard (watch_open, rewatch): when inotify's watches
 * run short (max_user_watches), the stores' and the state directory's own watches, which every
 * command's change is seen by, are made first, and an anchor that cannot be made is only a
 * replacement on the way seen at a SIGHUP (review 32 F6). A directory replaced between the
 * watches and the anchors is what mains_moved tells: then everything is watched again at the
 * next sync. Called with the watch's lock held, or before the workers start. */
static void anchors_after(struct watch *w)
{
    anchors_make_locked(w);
    if (mains_moved(w)) __atomic_store_n(&w->replaced, 1, __ATOMIC_SEQ_CST);
}

/* Reads the anchors' events and the mount table's, if any, and raises replaced when one names an
 * anchored name, or, when events were lost or something was mounted, when anchors_moved says an
 * anchored path changed: a busy directory on the way (/tmp) that overflows the queue costs a few
 * lstat calls, not a reading of every certificate (review 32 F4). */
static void anchors_check(struct watch *w)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    struct epoll_event evs[2];
    ssize_t len;
    int n, moved = 0;

    /* as watch_sync's busy: a thread that took the events out raised abusy before reading them,
     * so one that finds the queue empty waits for its verdict (replaced) under alock. A mount's
     * event is taken by epoll_wait itself, before anything can be raised: a thread that finds
     * nothing while another is in here waits for it too (review 33 F4). */
    __atomic_add_fetch(&w->achecking, 1, __ATOMIC_SEQ_CST);
    if ((n = epoll_wait(w->aep, evs, 2, 0)) <= 0 && !__atomic_load_n(&w->abusy, __ATOMIC_SEQ_CST) &&
        __atomic_load_n(&w->achecking, __ATOMIC_SEQ_CST) == 1) {
        __atomic_sub_fetch(&w->achecking, 1, __ATOMIC_SEQ_CST);
        return;
    }
    for (int i = 0; i < n; i++) moved |= evs[i].data.fd == w->mfd; /* reported once per change */
    pthread_mutex_lock(&w->alock);
    __atomic_store_n(&w->abusy, 1, __ATOMIC_SEQ_CST);
    while ((len = read(w->afd, buf, sizeof buf)) > 0)
        for (char *p = buf; p < buf + len;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            for (size_t i = 0; ev->len && i < w->na; i++)
                if (w->a[i].wd == ev->wd && strcmp(w->a[i].name, ev->name) == 0)
                    __atomic_store_n(&w->replaced, 1, __ATOMIC_SEQ_CST);
            if (ev->mask & IN_Q_OVERFLOW) moved = 1;
            p += sizeof *ev + ev->len;
        }
    if (moved && !__atomic_load_n(&w->replaced, __ATOMIC_SEQ_CST)) {
        if (anchors_moved(w)) __atomic_store_n(&w->replaced, 1, __ATOMIC_SEQ_CST);
        else __atomic_store_n(&w->recheck, 1, __ATOMIC_SEQ_CST); /* the watches' own paths, under their lock */
    }
    __atomic_store_n(&w->abusy, 0, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&w->alock);
    __atomic_sub_fetch(&w->achecking, 1, __ATOMIC_SEQ_CST);
}

/* A store's name: the directory it names watched (a link to a store is one). */
static void watch_store(struct watch *w, const char *path, const char *name)
{
    struct stat st;

    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) return;
    if (add(w, path, W_STORE, name) != 0)
        log_line("sslbind-tls: cannot watch %s: %s (changes to it are not seen)", path, strerror(errno));
}

/* Watches DIR/certs and every store in it (their links' targets are anchored by anchors_make). */
static void watch_stores(struct server *sv)
{
    struct watch *w = sv->watch;

    if (add(w, w->certs, W_CERTS, NULL) != 0) { /* no DIR/certs yet: its creation is an event */
        if (errno != ENOENT)
            log_line("sslbind-tls: cannot watch %s: %s (changes to the certificate stores are not seen)", w->certs,
                     strerror(errno));
        return;
    }
    each_store_name(w, watch_store);
}

/* The directory of a redirected applicationHost.config, watched too. */
static void watch_confdir(struct server *sv)
{
    struct watch *w = sv->watch;
    const char *cfg = router_config_path(sv->router);
    char dir[PATH_MAX];
    const char *slash;

    if (!cfg || !cfg[0] || !(slash = strrchr(cfg, '/'))) return;
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - cfg), cfg);
    if (strcmp(dir, w->state) == 0 || strcmp(dir, w->confdir) == 0) return;
    for (size_t i = 0; i < w->n; i++)
        if (w->w[i].kind == W_CONFDIR) {
            inotify_rm_watch(w->fd, w->w[i].wd);
            forget(w, w->w[i].wd);
            break;
        }
    snprintf(w->confdir, sizeof w->confdir, "%s", dir);
    if (add(w, dir, W_CONFDIR, NULL) != 0) {
        log_line("sslbind-tls: cannot watch %s: %s (changes to the shared configuration are not seen)", dir,
                 strerror(errno));
        return;
    }
    /* a share redeployed by rename (config.new over config) makes every watch again too */
    pthread_mutex_lock(&w->alock);
    anchor_path(w, dir);
    pthread_mutex_unlock(&w->alock);
}

/* Every watch made again by its path, and everything read again: the state directory (or a
 * directory a link leads to) replaced by rename (a restore from a backup), removed and made
 * again, a link pointed elsewhere, or a SIGHUP. Until then the watches followed the former
 * directories' inodes while every reader reads by path (review 30 F3b, review 31 F1). A state
 * directory that is not there (moved away, the restore's first half) is said once, and what was
 * loaded goes on being served until one is there again: nothing is read from an empty path.
 * Called with the watch's lock held. */
static void rewatch(struct server *sv)
{
    struct watch *w = sv->watch;
    struct stat st;

    for (size_t i = 0; i < w->n; i++) inotify_rm_watch(w->fd, w->w[i].wd); /* a wd twice: EINVAL, nothing */
    w->n = 0;
    w->confdir[0] = '\0'; /* made again after the sites' build (apply) */
    pthread_mutex_lock(&w->alock);
    __atomic_store_n(&w->replaced, 0, __ATOMIC_SEQ_CST);
    anchors_clear(w);
    pthread_mutex_unlock(&w->alock);
    if (stat(w->state, &st) != 0 || !S_ISDIR(st.st_mode)) {
        if (!w->gone)
            log_line("sslbind-tls: the state directory %s is not there (%s): serving what was loaded until it is",
                     w->state, stat(w->state, &st) != 0 ? strerror(errno) : "not a directory");
        w->gone = 1;
        w->table = w->router = 0; /* nothing to read: what came before stays */
        anchors_after(w);         /* its return is an event of these */
        return;
    }
    if (w->gone) log_line("sslbind-tls: the state directory %s is there again: reading it", w->state);
    w->gone = 0;
    if (add(w, w->state, W_STATE, NULL) != 0)
        log_line("sslbind-tls: cannot watch %s: %s (changes are seen at a SIGHUP only)", w->state, strerror(errno));
    watch_stores(sv);
    anchors_after(w);
    w->table = w->router = w->force = 1;
    router_forget(sv->router);
    certcache_mark_all(sv->cache);
}

static int is_iis_file(const char *name)
{
    return strcmp(name, "applicationHost.config") == 0 || strcmp(name, "sites.state") == 0 ||
           strcmp(name, "addresses") == 0 || strcmp(name, "redirection.config") == 0;
}

static void event(struct server *sv, const struct inotify_event *ev)
{
    struct watch *w = sv->watch;
    struct wd *x;
    const char *name = ev->len ? ev->name : "";

    if (ev->mask & IN_Q_OVERFLOW) { /* events were lost: everything again */
        w->table = w->router = 1;
        certcache_mark_all(sv->cache);
        return;
    }
    if (!(x = find(w, ev->wd))) return;
    switch (x->kind) {
    case W_STATE:
        if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) rewatch(sv); /* moved away: the path's, if any */
        else if (strcmp(name, "bindings.reg") == 0 && !(ev->mask & IN_CREATE)) w->table = 1;
        else if (is_iis_file(name)) w->router = 1;
        else if (strcmp(name, "certs") == 0 &&
                 (ev->mask & (IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM | IN_ATTRIB))) {
            /* a directory or a link to one (IN_ISDIR is not set for a link); its mode or owner
             * changed (IN_ATTRIB): what can be watched and read now is not what could be */
            watch_stores(sv);
            anchors_make_locked(w); /* its target's names, and its stores' links' */
            certcache_mark_all(sv->cache);
        }
        break;
    case W_CONFDIR:
        w->router = 1;
        break;
    case W_CERTS:
        if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
            if (ev->mask & IN_IGNORED) forget(w, ev->wd);
            certcache_mark_all(sv->cache);
        } else if ((ev->mask & (IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM | IN_ATTRIB)) && name[0] &&
                   name[0] != '.') {
            /* a store made, renamed or removed, or a link to one (not IN_ISDIR); or its mode or
             * owner changed: a store that could not be read or watched may be now, or the reverse */
            if ((ev->mask & (IN_CREATE | IN_MOVED_TO | IN_ATTRIB)) && strlen(name) <= SSLB_STORE_NAME_MAX) {
                char path[PATH_MAX + 300];
                snprintf(path, sizeof path, "%s/%s", w->certs, name);
                watch_store(w, path, name);
                anchor_link_locked(w, path); /* a link to a store, made yet or not, as anchors_make */
            }
            certcache_mark_store(sv->cache, name);
        }
        break;
    case W_STORE: /* every store name that leads to this directory */
        for (size_t i = 0; i < w->n; i++) {
            if (w->w[i].wd != ev->wd || w->w[i].kind != W_STORE) continue;
            if ((ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) || ((ev->mask & IN_ATTRIB) && !name[0]))
                certcache_mark_store(sv->cache, w->w[i].store); /* gone, or its own mode or owner changed */
            else if (name[0]) certcache_mark_file(sv->cache, w->w[i].store, name);
        }
        if (ev->mask & IN_IGNORED) forget(w, ev->wd);
        break;
    }
}

/* Reads every queued event. 1 if there were any. */
static int drain(struct server *sv)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    int any = 0;
    ssize_t len;

    while ((len = read(sv->watch->fd, buf, sizeof buf)) > 0) {
        any = 1;
        for (char *p = buf; p < buf + len;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            event(sv, ev);
            p += sizeof *ev + ev->len;
        }
    }
    return any;
}

/* Applies what the events said. 0, or -1 when a stop was asked for while every store was read
 * again: nothing more is applied (the server stops; what is served meanwhile stays). */
static int apply(struct server *sv)
{
    struct watch *w = sv->watch;
    char why[600];
    int rc, again = 0;

    /* the certificates first: a binding the table gains is served with its certificate */
    if ((rc = certcache_commit(sv->cache)) == -3) return -1;
    if (rc != 0) { /* the marks stay: retried */
        again = 1;
        episode(w, F_CERTS, 1, "the certificates",
                rc == -2 ? certcache_why(sv->cache) : "out of memory reloading certificates");
    } else {
        episode(w, F_CERTS, 0, "the certificates", "");
    }
    if (w->table) {
        sslb_diag d = {{0}};
        errno = 0;
        sslb_rc trc =
            w->force ? sslb_store_load(sv->store, sv->table, &d) : sslb_store_refresh(sv->store, sv->table, &d);
        int transient = trc != SSLB_OK && (trc == SSLB_ENOMEM || transient_failure(errno));
        if (transient) { /* kept pending: the table in memory is served meanwhile */
            again = 1;
            episode(w, F_TABLE, 1, "the binding table", d.text[0] ? d.text : sslb_strerror(trc));
        } else {
            w->table = w->force = 0;
            episode(w, F_TABLE, 0, "the binding table", "");
            if (trc != SSLB_OK) log_line("sslbind-tls: keeping the table in memory: %s", d.text);
        }
    }
    if (w->router) {
        rc = router_refresh(sv->router, why, sizeof why);
        if (rc == -2) {
            again = 1;
            episode(w, F_ROUTER, 1, "the IIS sites", why);
        } else {
            w->router = 0;
            episode(w, F_ROUTER, 0, "the IIS sites", "");
            if (rc != 0) log_line("sslbind-tls: keeping the sites in memory: %s", why);
            watch_confdir(sv);
        }
    }
    if (again) __atomic_store_n(&w->retry_at, mono_ms() + RETRY_MS, __ATOMIC_RELAXED);
    __atomic_store_n(&w->pending, again, __ATOMIC_RELEASE);
    return 0;
}

void watch_sync(struct server *sv)
{
    struct watch *w = sv->watch;
    int n = 0;

    if (!w) return;
    anchors_check(w); /* other names' events taken here, without the watch's lock */
    /* first the queue, then the flag: a thread that took the events out has raised the flag
     * before it read them, so one of the two is seen; a change that failed for a transient
     * reason is tried again once its second has passed (by the main thread at the latest) */
    if (!(ioctl(w->fd, FIONREAD, &n) == 0 && n > 0) && !__atomic_load_n(&w->busy, __ATOMIC_SEQ_CST) &&
        !__atomic_load_n(&w->replaced, __ATOMIC_SEQ_CST) && !__atomic_load_n(&w->recheck, __ATOMIC_SEQ_CST) &&
        !(__atomic_load_n(&w->pending, __ATOMIC_ACQUIRE) &&
          mono_ms() >= __atomic_load_n(&w->retry_at, __ATOMIC_RELAXED)))
        return;
    pthread_mutex_lock(&w->lock);
    __atomic_store_n(&w->busy, 1, __ATOMIC_SEQ_CST);
    int retry = w->pending && mono_ms() >= w->retry_at;
    if (__atomic_exchange_n(&w->recheck, 0, __ATOMIC_SEQ_CST) && mains_moved(w))
        __atomic_store_n(&w->replaced, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&w->replaced, __ATOMIC_SEQ_CST)) {
        log_line("sslbind-tls: a directory or link on the way to %s changed (renamed over, removed, made, pointed "
                 "elsewhere or mounted on): watching and reading everything again",
                 w->state);
        rewatch(sv);
        retry = 1; /* applied below, even when no event is queued */
    }
    while ((drain(sv) || retry) && apply(sv) == 0) retry = 0;
    __atomic_store_n(&w->busy, 0, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&w->lock);
}

void watch_reread(struct server *sv)
{
    struct watch *w = sv->watch;

    if (!w) return;
    log_line("sslbind-tls: SIGHUP: reading the binding table, the certificates and the IIS sites again");
    pthread_mutex_lock(&w->lock);
    /* first what commands changed before the signal, as watch_sync applies it: the handshakes
     * and requests that arrive meanwhile wait for it (busy), as a command that returned promises */
    __atomic_store_n(&w->busy, 1, __ATOMIC_SEQ_CST);
    while (drain(sv) && apply(sv) == 0) {
    }
    /* the watches made again too (a directory replaced where inotify did not see it), and the
     * IN_IGNORED this queues taken out, while busy is still up: left queued, they would send
     * every worker's next handshake and request to wait for this lock for the whole reread */
    rewatch(sv);
    drain(sv);
    /* then everything read again: no command waits on that, so busy is down and the workers serve
     * on with what is loaded (RCU snapshots, swapped when ready), not stalled for the seconds
     * thousands of certificates take; one that sees a command's events queued meanwhile waits
     * for the lock, and busy is up again from the moment they are taken out until applied */
    __atomic_store_n(&w->busy, 0, __ATOMIC_SEQ_CST);
    int stopped;
    for (;;) {
        stopped = apply(sv) != 0;
        __atomic_store_n(&w->busy, 1, __ATOMIC_SEQ_CST);
        if (stopped || !drain(sv)) break;
    }
    __atomic_store_n(&w->busy, 0, __ATOMIC_SEQ_CST);
    /* before a worker that waited can log; a SIGTERM meanwhile is not held up by the rest */
    log_line(stopped ? "sslbind-tls: SIGHUP: reading again abandoned: stopping" : "sslbind-tls: SIGHUP: read again");
    pthread_mutex_unlock(&w->lock);
}

int watch_open(struct server *sv, const char *state_dir, char *why, size_t n)
{
    struct watch *w = calloc(1, sizeof *w);

    if (!w) {
        snprintf(why, n, "out of memory");
        return -1;
    }
    pthread_mutex_init(&w->lock, NULL);
    pthread_mutex_init(&w->alock, NULL);
    snprintf(w->state, sizeof w->state, "%s", state_dir);
    snprintf(w->certs, sizeof w->certs, "%s/certs", state_dir);
    w->afd = w->mfd = w->aep = -1;
    sv->watch = w;
    if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0 || add(w, state_dir, W_STATE, NULL) != 0 ||
        (w->afd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0 || (w->aep = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
        epoll_ctl(w->aep, EPOLL_CTL_ADD, w->afd, &(struct epoll_event){.events = EPOLLIN, .data.fd = w->afd}) != 0) {
        snprintf(why, n, "cannot watch %s for changes (inotify): %s", state_dir, strerror(errno));
        return -1;
    }
    /* without /proc, a mount on the way is seen at a SIGHUP only */
    if ((w->mfd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC)) >= 0 &&
        epoll_ctl(w->aep, EPOLL_CTL_ADD, w->mfd, &(struct epoll_event){.events = EPOLLPRI, .data.fd = w->mfd}) != 0) {
        close(w->mfd);
        w->mfd = -1;
    }
    watch_stores(sv);
    anchors_after(w);
    return 0;
}

void watch_started(struct server *sv)
{
    if (sv->watch) watch_confdir(sv);
}

void watch_close(struct watch *w)
{
    if (!w) return;
    if (w->fd >= 0) close(w->fd);
    if (w->afd >= 0) {
        anchors_clear(w);
        close(w->afd);
    }
    if (w->mfd >= 0) close(w->mfd);
    if (w->aep >= 0) close(w->aep);
    pthread_mutex_destroy(&w->lock);
    pthread_mutex_destroy(&w->alock);
    for (size_t i = 0; i < w->nunwatched; i++) free(w->unwatched[i]);
    free(w->unwatched);
    free(w->a);
    free(w->w);
    free(w);
}
