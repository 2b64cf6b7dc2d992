/* fuzz_certmark.c — the certificate stores' write mark (DIR/certs/.writing), the list of a
 * committed change's touches (DIR/certs/.touching) and the generation (DIR/certs/.generation), as
 * a dead (or hostile) writer may leave them, read by a lock-free reader and acted on by the next
 * writer (see docs/architecture.md, "The certificate stores: all or nothing").
 *
 * The machine: stores MY (two certificates with keys), CA and Root (a chain's), WebHosting, an
 * "Other" store and the central store (one .pfx), made once; beside DIR/certs, a bindings.reg and
 * a directory "outside" holding files a sweep would take for its own (a key without certificate,
 * a backup, temporary files). Every input starts from a fresh copy of it.
 *
 * Input: one selector byte, then up to four sections separated by NUL bytes: .writing, .touching,
 * .generation (a section not given: that file absent), then files to add to the stores first, one
 * "<store>/<name>" a line (a copy of a certificate; only in a store directory of the copy, a new
 * name, never "." or ".." or a "/" in the name). Selector bits:
 *   0  DIR/certs/lnk is a symbolic link to DIR/outside: a store reached through a link, which
 *      readers and writers follow alike (the state directory is the user's own), so DIR/outside
 *      is then that store's, checked as one below (its .crt and .pfx files stay unless named);
 *   1  each .writing line "<store>/<file>.prev" naming a file of the stores gets its backup (a
 *      hard link, as a writer makes it) before the reader runs;
 *   2  .writing is a directory, not a file;
 *   3-4 the writer's change: 0 import of a certificate MY holds already (no file written), 1
 *      import into a new store, 2 delete of Other's certificate, 3 import of a new certificate
 *      into MY.
 * Checks: the reader's listing (lock-free, then again through a lookup of each certificate) shows
 * every certificate the mark does not name, and none the mark lists as created; then the writer's
 * change (whose first step is the rollback of the fuzzed mark) succeeds or fails with a
 * terminated message, and afterwards no file outside DIR/certs has changed (bytes, type, mtime:
 * no touch either), every certificate the mark did not name ("<store>/<file>" or
 * "<store>/<file>.prev") is there with its bytes, and so is the key of each of them; a successful
 * change leaves no mark, and a listing after it shows the same certificates again plus the
 * change's own (minus the one it deleted). */
#include <ctype.h>
#include <string.h>
#include <sys/time.h>

#include "fuzz_util.h"
#include "sslb/certstore.h"

static char tpl[PATH_MAX], work[PATH_MAX], certs[PATH_MAX];

/* A file of the template: its path relative to the state directory, its bytes, its mtime. */
struct tfile {
    char rel[PATH_MAX];
    char *data;
    size_t len;
    int dir;
    struct timespec mtime; /* in the copy of this input (outside DIR/certs) */
};
#define MAX_FILES 128
static struct tfile files[MAX_FILES];
static size_t nfiles;
static char other_thumb[41]; /* the certificate the delete removes */
static size_t a_cert;        /* files[a_cert]: a certificate, what add_files copies */

static int ends(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Records every file and directory under dir (rel: its path relative to the state directory). */
static void record(const char *dir, const char *rel)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    if (!dp) abort();
    while ((e = readdir(dp))) {
        char p[PATH_MAX], r[PATH_MAX];
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        fz_join(p, sizeof p, dir, e->d_name);
        if (*rel) fz_join(r, sizeof r, rel, e->d_name);
        else snprintf(r, sizeof r, "%s", e->d_name);
        if (lstat(p, &st) != 0 || nfiles == MAX_FILES) abort();
        struct tfile *f = &files[nfiles++];
        snprintf(f->rel, sizeof f->rel, "%s", r);
        f->dir = S_ISDIR(st.st_mode);
        if (f->dir) record(p, r);
        else if (!(f->data = fz_slurp(p, &f->len))) abort();
    }
    closedir(dp);
}

static void must_import(sslb_certstore *cs, const char *store, const char *file, const char *password,
                        sslb_certinfo *info)
{
    char path[PATH_MAX];
    size_t n = 0;
    sslb_diag d;
    sslb_certinfo one[SSLB_IMPORT_CHAIN_MAX + 1];
    fz_join(path, sizeof path, SSLB_FUZZ_DATA "/certs", file);
    if (sslb_cert_import(cs, store, path, password, one, SSLB_IMPORT_CHAIN_MAX + 1, &n, &d) != SSLB_OK) {
        fprintf(stderr, "fuzz_certmark: import %s into %s: %s\n", file, store, d.text);
        abort();
    }
    if (info) *info = one[0];
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *root = fz_scratch("certmark");
    char p[PATH_MAX];
    sslb_certstore *cs = NULL;
    sslb_certinfo other;
    sslb_diag d;
    (void)argc;
    (void)argv;
    fz_join(tpl, sizeof tpl, root, "tpl");
    fz_join(work, sizeof work, root, "work");
    fz_join(certs, sizeof certs, work, "certs");
    if (mkdir(tpl, 0700) != 0 || sslb_certstore_open(tpl, &cs, &d) != SSLB_OK) abort();
    must_import(cs, "MY", "contoso.pem", NULL, NULL);
    must_import(cs, "MY", "chain-leaf.pem", NULL, NULL); /* its CA and root into CA and Root */
    must_import(cs, "WebHosting", "fabrikam.pem", NULL, NULL);
    must_import(cs, "Other", "cnonly.pem", NULL, &other);
    must_import(cs, "ccs", "fabrikam.pem", NULL, NULL);
    sslb_certstore_close(cs);
    for (int i = 0; i < 20; i++) snprintf(other_thumb + 2 * i, 3, "%02x", other.thumb[i]);
    /* beside the stores: what a sweep or a rollback gone astray would take for its own */
    fz_join(p, sizeof p, tpl, "bindings.reg");
    if (fz_write(p, "Windows Registry Editor Version 5.00\r\n", 38) != 0) abort();
    fz_join(p, sizeof p, tpl, "outside");
    if (mkdir(p, 0700) != 0) abort();
    static const char *const decoys[] = {"0123456789abcdef0123456789abcdef01234567.key",
                                         "0123456789abcdef0123456789abcdef01234567.crt.prev",
                                         "a.crt",
                                         "a.crt.prev",
                                         "a.crt.tmp.1",
                                         "b.pfx",
                                         "b.pfx.prev",
                                         ".name",
                                         ".name.tmp.1"};
    for (size_t i = 0; i < sizeof decoys / sizeof *decoys; i++) {
        char q[PATH_MAX];
        fz_join(q, sizeof q, p, decoys[i]);
        if (fz_write(q, decoys[i], strlen(decoys[i])) != 0) abort();
    }
    record(tpl, "");
    while (a_cert < nfiles && !ends(files[a_cert].rel, ".crt")) a_cert++;
    if (a_cert == nfiles) abort();
    return 0;
}

/* ---- the mark as the harness reads it ---- */

struct lines {
    const char *buf;
    size_t len;
};

static int lists(const struct lines *l, const char *rel, const char *suffix)
{
    size_t n = strlen(rel), sl = strlen(suffix);
    const char *line, *end;
    for (line = l->buf; line && line < l->buf + l->len; line = end + 1) {
        if (!(end = memchr(line, '\n', (size_t)(l->buf + l->len - line)))) end = l->buf + l->len;
        if ((size_t)(end - line) == n + sl && memcmp(line, rel, n) == 0 && memcmp(line + n, suffix, sl) == 0) return 1;
    }
    return 0;
}

/* rel relative to DIR/certs ("my/<hash>.crt") of a template path ("certs/my/<hash>.crt"), or NULL. */
static const char *in_stores(const char *rel)
{
    return strncmp(rel, "certs/", 6) == 0 && strchr(rel + 6, '/') ? rel + 6 : NULL;
}

/* 1 when the mark names the store file r (relative to DIR/certs) as created or replaced. */
static int named(const struct lines *w, const char *r)
{
    return lists(w, r, "") || lists(w, r, ".prev");
}

/* A key's certificate file (r: "<store>/<hash>.key") is named. */
static int key_cert_named(const struct lines *w, const char *r)
{
    char crt[PATH_MAX];
    size_t n = strlen(r);
    snprintf(crt, sizeof crt, "%.*s.crt", (int)(n - 4), r);
    return named(w, crt);
}

/* ---- the listing ---- */

#define MAX_LISTED 64
struct listing {
    size_t n;
    char rel[MAX_LISTED][PATH_MAX]; /* "<store lower-cased>/<hash>.crt" or "ccs/<host>.pfx" */
};

static int list_cb(void *ctx, const sslb_certinfo *info)
{
    struct listing *l = ctx;
    char store[sizeof info->store];
    FZ_CHECK(memchr(info->store, '\0', sizeof info->store) && memchr(info->file, '\0', sizeof info->file) &&
                 memchr(info->subject, '\0', sizeof info->subject) &&
                 memchr(info->dnsnames, '\0', sizeof info->dnsnames),
             "a listed certificate's description is not terminated");
    FZ_CHECK(l->n < MAX_LISTED, "more certificates listed than the stores hold");
    for (size_t i = 0; i <= strlen(info->store); i++) store[i] = (char)tolower((unsigned char)info->store[i]);
    if (info->file[0]) {
        snprintf(l->rel[l->n], PATH_MAX, "%s/%s", store, info->file);
    } else {
        int k = snprintf(l->rel[l->n], PATH_MAX, "%s/", store);
        for (int i = 0; i < 20; i++) k += snprintf(l->rel[l->n] + k, 3, "%02x", info->thumb[i]);
        snprintf(l->rel[l->n] + k, PATH_MAX - (size_t)k, ".crt");
    }
    l->n++;
    return 0;
}

static int listed(const struct listing *l, const char *r)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->rel[i], r) == 0) return 1;
    return 0;
}

/* Every certificate of the template that w does not name is listed, and (hidden) none that w lists
 * as created (skip: a path the change itself may remove). */
static void check_listing(sslb_certstore *cs, const struct lines *w, const char *skip, int hidden, const char *when)
{
    static struct listing l;
    sslb_diag d;
    l.n = 0;
    FZ_CHECK(sslb_cert_list(cs, NULL, list_cb, &l, &d) == SSLB_OK, "%s: the listing fails: %s", when, d.text);
    for (size_t i = 0; i < nfiles; i++) {
        const char *r = in_stores(files[i].rel);
        if (!r || files[i].dir || !(ends(r, ".crt") || ends(r, ".pfx")) || named(w, r)) continue;
        if (skip && strstr(r, skip)) continue;
        FZ_CHECK(listed(&l, r), "%s: the certificate %s, which the mark does not name, is not listed", when, r);
    }
    for (size_t i = 0; hidden && i < l.n; i++)
        FZ_CHECK(!lists(w, l.rel[i], ""), "%s: %s is listed, which the mark lists as created", when, l.rel[i]);
}

/* ---- the input ---- */

/* Writes the section [p, p+n) to certs/name. */
static void put(const char *name, const uint8_t *p, size_t n)
{
    char path[PATH_MAX];
    fz_join(path, sizeof path, certs, name);
    if (fz_write(path, p, n) != 0) abort();
}

/* The files the input adds to the stores: "<store>/<name>" lines, a copy of contoso's certificate each. */
static void add_files(const char *s, size_t n)
{
    const char *line, *end;
    for (line = s; line < s + n; line = end + 1) {
        char rel[256], path[PATH_MAX];
        struct stat st;
        if (!(end = memchr(line, '\n', (size_t)(s + n - line)))) end = s + n;
        size_t len = (size_t)(end - line);
        const char *slash = memchr(line, '/', len);
        if (!slash || len >= sizeof rel || memchr(line, '\0', len)) continue;
        memcpy(rel, line, len);
        rel[len] = '\0';
        char *name = rel + (slash - line) + 1;
        *(name - 1) = '\0';
        if (!*rel || !*name || strchr(name, '/') || strcmp(rel, ".") == 0 || strcmp(rel, "..") == 0 ||
            strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        fz_join(path, sizeof path, certs, rel);
        if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode)) continue; /* a real store directory only */
        fz_join(path + strlen(path), sizeof path - strlen(path), "", name);
        if (lstat(path, &st) == 0) continue; /* a new name only */
        (void)fz_write(path, files[a_cert].data, files[a_cert].len);
    }
}

/* Backups for the mark's "<store>/<file>.prev" lines that name a file of the stores. */
static void make_backups(const char *s, size_t n)
{
    const char *line, *end;
    for (line = s; line < s + n; line = end + 1) {
        char path[PATH_MAX], prev[PATH_MAX + 8];
        struct stat st;
        if (!(end = memchr(line, '\n', (size_t)(s + n - line)))) end = s + n;
        size_t len = (size_t)(end - line);
        if (len <= 5 || len > 200 || memcmp(end - 5, ".prev", 5) != 0 || memchr(line, '\0', len)) continue;
        if ((size_t)snprintf(path, sizeof path, "%s/%.*s", certs, (int)(len - 5), line) >= sizeof path) continue;
        if (strstr(path + strlen(certs), "/..") || strstr(path + strlen(certs), "/lnk/")) continue;
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
        snprintf(prev, sizeof prev, "%s.prev", path);
        if (link(path, prev) != 0) continue; /* a backup already there (named twice) stays */
    }
}

/* Nothing outside DIR/certs changed, and every template file in the stores the mark does not name
 * is there with its bytes (a key: when its certificate is not named either). */
static void check_after_writer(const struct lines *w, const char *skip, int linked)
{
    for (size_t i = 0; i < nfiles; i++) {
        const struct tfile *f = &files[i];
        const char *r = in_stores(f->rel);
        char path[PATH_MAX];
        struct stat st;
        fz_join(path, sizeof path, work, f->rel);
        if (!r) {
            if (strncmp(f->rel, "certs/", 6) == 0 || strcmp(f->rel, "certs") == 0) continue; /* .lock etc. */
            if (linked && strncmp(f->rel, "outside/", 8) == 0) { /* the store lnk, reached by its link */
                char r2[PATH_MAX];
                snprintf(r2, sizeof r2, "lnk/%s", f->rel + 8);
                /* a certificate or .pfx there stays unless the mark names it; the rest (a key
                 * without its certificate, backups, temporary files) is what a sweep takes */
                if (f->dir || !(ends(r2, ".crt") || ends(r2, ".pfx")) || named(w, r2)) continue;
                FZ_CHECK(lstat(path, &st) == 0 && S_ISREG(st.st_mode),
                         "the store file %s (through its link), not named by the mark, is gone", r2);
                size_t len = 0;
                char *now = fz_slurp(path, &len);
                FZ_CHECK(now && len == f->len && memcmp(now, f->data, len) == 0, "%s changed", r2);
                free(now);
                continue;
            }
            FZ_CHECK(lstat(path, &st) == 0, "%s, outside DIR/certs, is gone", f->rel);
            FZ_CHECK((S_ISDIR(st.st_mode) != 0) == f->dir, "%s, outside DIR/certs, changed type", f->rel);
            if (f->dir) continue;
            FZ_CHECK(st.st_mtim.tv_sec == f->mtime.tv_sec && st.st_mtim.tv_nsec == f->mtime.tv_nsec,
                     "%s, outside DIR/certs, was touched", f->rel);
        } else {
            if (f->dir || (skip && strstr(r, skip))) continue;
            if (ends(r, ".crt") || ends(r, ".pfx")) {
                if (named(w, r)) continue;
            } else if (ends(r, ".key")) {
                if (named(w, r) || key_cert_named(w, r)) continue;
            } else {
                continue; /* .name: its store may go when the mark names it and it holds nothing else */
            }
            FZ_CHECK(lstat(path, &st) == 0 && S_ISREG(st.st_mode), "the store file %s, not named by the mark, is gone",
                     r);
        }
        size_t len = 0;
        char *now = fz_slurp(path, &len);
        FZ_CHECK(now && len == f->len && memcmp(now, f->data, len) == 0, "%s changed", f->rel);
        free(now);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *sec[4] = {NULL, NULL, NULL, NULL};
    size_t seclen[4] = {0, 0, 0, 0};
    sslb_certstore *cs = NULL;
    sslb_diag d;
    char path[PATH_MAX];
    char *wcopy;
    struct lines w = {NULL, 0};

    if (size < 1) return 0;
    unsigned sel = data[0];
    data++;
    size--;
    for (int i = 0, start = 0; i < 4 && (size_t)start <= size; i++) {
        const uint8_t *nul = memchr(data + start, '\0', size - (size_t)start);
        size_t end = nul ? (size_t)(nul - data) : size;
        sec[i] = data + start;
        seclen[i] = end - (size_t)start;
        if (!nul) break;
        start = (int)end + 1;
    }

    fz_rmtree(work);
    if (fz_copytree(tpl, work) != 0) abort();
    for (size_t i = 0; i < nfiles; i++) { /* the copy's times, which no writer may touch outside DIR/certs */
        struct stat st;
        if (strncmp(files[i].rel, "certs", 5) == 0) continue;
        fz_join(path, sizeof path, work, files[i].rel);
        if (lstat(path, &st) != 0) abort();
        files[i].mtime = st.st_mtim;
    }
    if (sel & 1) {
        fz_join(path, sizeof path, certs, "lnk");
        if (symlink("../outside", path) != 0) abort();
    }
    if (sec[3]) add_files((const char *)sec[3], seclen[3]);
    if (sec[0]) {
        if (sel & 4) {
            fz_join(path, sizeof path, certs, ".writing");
            if (mkdir(path, 0700) != 0) abort();
        } else {
            put(".writing", sec[0], seclen[0]);
            if (sel & 2) make_backups((const char *)sec[0], seclen[0]);
        }
        wcopy = fz_bytes(sec[0], seclen[0]);
        w.buf = wcopy;
        w.len = seclen[0];
    } else {
        wcopy = NULL;
    }
    if (sec[1]) put(".touching", sec[1], seclen[1]);
    if (sec[2]) put(".generation", sec[2], seclen[2]);
    if (sel & 4) w.len = 0; /* a directory: no lines */

    FZ_CHECK(sslb_certstore_open(work, &cs, &d) == SSLB_OK, "open: %s", d.text);
    /* a reader */
    check_listing(cs, &w, NULL, 1, "before the writer");
    /* the writer: its rollback of the mark first */
    static const char *const ops[] = {"import again", "import into a new store", "delete", "import new"};
    unsigned op = (sel >> 3) & 3;
    const char *skip = NULL;
    sslb_certinfo info[SSLB_IMPORT_CHAIN_MAX + 1];
    size_t n = 0;
    sslb_rc rc;
    switch (op) {
    case 0:
        fz_join(path, sizeof path, SSLB_FUZZ_DATA "/certs", "contoso.pem");
        rc = sslb_cert_import(cs, "MY", path, NULL, info, SSLB_IMPORT_CHAIN_MAX + 1, &n, &d);
        break;
    case 1:
        fz_join(path, sizeof path, SSLB_FUZZ_DATA "/certs", "iponly.pem");
        rc = sslb_cert_import(cs, "Fresh", path, NULL, info, SSLB_IMPORT_CHAIN_MAX + 1, &n, &d);
        break;
    case 2: {
        uint8_t thumb[SSLB_CERTHASH_LEN];
        for (int i = 0; i < SSLB_CERTHASH_LEN; i++) {
            unsigned v;
            sscanf(other_thumb + 2 * i, "%2x", &v);
            thumb[i] = (uint8_t)v;
        }
        rc = sslb_cert_delete(cs, "Other", thumb, &d);
        skip = other_thumb;
        break;
    }
    default:
        fz_join(path, sizeof path, SSLB_FUZZ_DATA "/certs", "kuonly.pem");
        rc = sslb_cert_import(cs, "MY", path, NULL, info, SSLB_IMPORT_CHAIN_MAX + 1, &n, &d);
        break;
    }
    FZ_CHECK(memchr(d.text, '\0', sizeof d.text) != NULL, "%s: the message is not terminated", ops[op]);
    check_after_writer(&w, skip, sel & 1);
    if (rc == SSLB_OK) {
        struct stat st;
        fz_join(path, sizeof path, certs, ".writing");
        FZ_CHECK(lstat(path, &st) != 0, "%s succeeded and left the mark", ops[op]);
        /* the mark rolled back: what it named as created is gone, so the listing checks all but that */
        check_listing(cs, &w, skip, 0, "after the writer");
        if (op == 2) {
            static struct listing l;
            l.n = 0;
            char r[PATH_MAX];
            snprintf(r, sizeof r, "other/%s.crt", other_thumb);
            FZ_CHECK(sslb_cert_list(cs, NULL, list_cb, &l, &d) == SSLB_OK && !listed(&l, r), "deleted, yet listed");
        } else {
            FZ_CHECK(n >= 1, "%s succeeded with no certificate", ops[op]);
            sslb_cert *c = NULL;
            FZ_CHECK(sslb_cert_load(cs, op == 1 ? "Fresh" : "MY", info[0].thumb, &c) == SSLB_OK,
                     "%s succeeded, yet its certificate does not load", ops[op]);
            sslb_cert_free(c);
        }
    }
    sslb_certstore_close(cs);
    free(wcopy);
    return 0;
}
