/* test_apphost.c — applicationHost.config: the fresh install, each surgical edit as an exact
 * diff, the real files of tests/data/iis byte for byte, transactions, concurrent writers, damaged
 * files, the argument checks, and redirection.config (shared configuration). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "files.h"
#include "sslb/apphost.h"

#define IIS_DATA SSLB_TEST_DATA "/iis/"

static char dir[64];

static void setup(void)
{
    scratch_make(dir, sizeof dir, "apphost");
}

static void teardown(void)
{
    scratch_remove(dir);
}

TestSuite(apphost, .init = setup, .fini = teardown);

/* ---- files and texts ------------------------------------------------------------------------ */

/* Replaces path as another process would: a new file renamed over it. */
static void replace_file(const char *path, const char *buf, size_t len)
{
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.other", path);
    spit(tmp, buf, len);
    cr_assert_eq(rename(tmp, path), 0);
}

static char *cfg_path(const char *d)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/applicationHost.config", d);
    return p;
}

/* The file's bytes equal want (a NUL-terminated text), with a readable message if not. */
static void assert_file(const char *path, const char *want, size_t wantlen)
{
    size_t len;
    char *got = slurp(path, &len);
    size_t i = 0;
    while (i < len && i < wantlen && got[i] == want[i]) i++;
    cr_assert(len == wantlen && i == len,
              "%s differs at byte %zu (lengths %zu, want %zu)\n--- got from there:\n%.300s\n--- want:\n%.300s", path, i,
              len, wantlen, got + (i > 40 ? i - 40 : 0), want + (i > 40 ? i - 40 : 0));
    free(got);
}

static void assert_file_text(const char *path, const char *want)
{
    assert_file(path, want, strlen(want));
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* text with its only occurrence of from replaced by to (malloc'd). */
static char *repl(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    size_t tl = strlen(text), fl = strlen(from), ol = strlen(to);
    char *out;
    cr_assert(at, "'%s' is not in the text", from);
    cr_assert_eq(count_of(text, from), 1, "'%s' is in the text more than once", from);
    out = malloc(tl - fl + ol + 1);
    cr_assert(out);
    memcpy(out, text, (size_t)(at - text));
    memcpy(out + (at - text), to, ol);
    memcpy(out + (at - text) + ol, at + fl, tl - (size_t)(at - text) - fl + 1);
    return out;
}

/* t[0, at) + ins + t[at + del, len): the expected text of an edit (malloc'd, *outlen set). */
static char *splice_text(const char *t, size_t len, size_t at, size_t del, const char *ins, size_t *outlen)
{
    size_t il = strlen(ins), n = len - del + il;
    char *out = malloc(n + 1);
    cr_assert(out);
    memcpy(out, t, at);
    memcpy(out + at, ins, il);
    memcpy(out + at + il, t + at + del, len - at - del);
    out[n] = '\0';
    *outlen = n;
    return out;
}

/* The fresh install of spec §5.1 / §10.7, built here line by line (depth × 4 spaces, LF). */
static char *fresh_text(void)
{
    static const struct {
        int depth;
        const char *text;
    } lines[] = {
        {0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"},
        {0, "<configuration>"},
        {1, "<system.applicationHost>"},
        {2, "<sites>"},
        {3, "<site name=\"Default Web Site\" id=\"1\">"},
        {4, "<application path=\"/\">"},
        {5, "<virtualDirectory path=\"/\" physicalPath=\"%SystemDrive%\\inetpub\\wwwroot\" />"},
        {4, "</application>"},
        {4, "<bindings>"},
        {5, "<binding protocol=\"http\" bindingInformation=\"*:80:\" />"},
        {4, "</bindings>"},
        {3, "</site>"},
        {3, "<siteDefaults>"},
        {4, "<logFile logFormat=\"W3C\" directory=\"%SystemDrive%\\inetpub\\logs\\LogFiles\" />"},
        {4, "<traceFailedRequestsLogging directory=\"%SystemDrive%\\inetpub\\logs\\FailedReqLogFiles\" />"},
        {3, "</siteDefaults>"},
        {3, "<applicationDefaults applicationPool=\"DefaultAppPool\" />"},
        {3, "<virtualDirectoryDefaults allowSubDirConfig=\"true\" />"},
        {2, "</sites>"},
        {1, "</system.applicationHost>"},
        {0, "</configuration>"},
    };
    char *out = calloc(1, 4096);
    size_t n = 0;
    cr_assert(out);
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        n += (size_t)snprintf(out + n, 4096 - n, "%*s%s\n", lines[i].depth * 4, "", lines[i].text);
    cr_assert_lt(n, 4096);
    return out;
}

/* Writes text as DIR/applicationHost.config. */
static void put_config(const char *text)
{
    spit(cfg_path(dir), text, strlen(text));
}

static sslb_apphost *open_ok(const char *state_dir, const char *config_path)
{
    sslb_apphost *ah = NULL;
    sslb_diag d = {{0}};
    sslb_rc rc = sslb_apphost_open(state_dir, config_path, &ah, &d);
    cr_assert_eq(rc, SSLB_OK, "open %s: %s: %s", config_path ? config_path : state_dir, sslb_rcname(rc), d.text);
    cr_assert(ah);
    return ah;
}

/* No file in d other than these (names), e.g. no temporary file left behind. */
static void assert_only_files(const char *d, const char *const *names)
{
    DIR *dp = opendir(d);
    struct dirent *e;
    cr_assert(dp);
    while ((e = readdir(dp))) {
        int known = e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2]));
        for (const char *const *n = names; *n && !known; n++) known = strcmp(*n, e->d_name) == 0;
        cr_assert(known, "unexpected file %s/%s", d, e->d_name);
    }
    closedir(dp);
}

/* ---- edits as data: one transaction runs a list of them ----------------------------------------- */

enum {
    END,
    SITE_ADD,
    SITE_DEL,
    SITE_SET,
    BIND_ADD,
    BIND_DEL,
    BIND_SET,
    FAIL,
    BIND_INSERT,
    APP_ADD,
    APP_DEL,
    VDIR_ADD,
    VDIR_DEL,
    APP_SET,
    VDIR_SET,
    APPDEF_SET,
    SITE_INSERT
};

struct op {
    int kind;
    const char *site; /* the site edited, by name (not SITE_ADD) */
    const char *name; /* SITE_ADD */
    uint32_t id;
    int auto_start;
    const char *path;
    const sslb_sitebinding *bl;
    size_t nb;
    sslb_sitebinding b;       /* BIND_ADD: the new one; BIND_DEL, BIND_SET: its keys */
    const char *attr, *value; /* SITE_SET, BIND_SET, *_SET; value: APP_ADD's application pool */
    size_t pos;               /* BIND_INSERT, SITE_INSERT */
    const char *app, *vdir;   /* APP_*, VDIR_* (path: VDIR_ADD's physical path) */
};

static sslb_rc run_ops(sslb_apphost *ah, void *ctx, sslb_diag *d)
{
    sslb_rc rc = SSLB_OK;
    for (const struct op *o = ctx; o->kind != END && rc == SSLB_OK; o++) {
        long s = o->site ? sslb_apphost_find_name(ah, o->site) : -1, b = -1;
        if (o->site && s < 0) return sslb_diagf(d, SSLB_ENOTFOUND, "test: no site %s", o->site);
        if (o->kind == BIND_DEL || o->kind == BIND_SET) {
            b = sslb_apphost_binding_find(ah, (size_t)s, o->b.protocol, o->b.info);
            if (b < 0) return sslb_diagf(d, SSLB_ENOTFOUND, "test: no binding %s/%s", o->b.protocol, o->b.info);
        }
        switch (o->kind) {
        case SITE_ADD:
            rc = sslb_apphost_site_add(ah, o->name, o->id, o->auto_start, o->path, o->bl, o->nb, d);
            break;
        case SITE_DEL:
            rc = sslb_apphost_site_delete(ah, (size_t)s, d);
            break;
        case SITE_SET:
            rc = sslb_apphost_site_set(ah, (size_t)s, o->attr, o->value, d);
            break;
        case BIND_ADD:
            rc = sslb_apphost_binding_add(ah, (size_t)s, &o->b, d);
            break;
        case BIND_DEL:
            rc = sslb_apphost_binding_delete(ah, (size_t)s, (size_t)b, d);
            break;
        case BIND_SET:
            rc = sslb_apphost_binding_set(ah, (size_t)s, (size_t)b, o->attr, o->value, d);
            break;
        case FAIL:
            rc = sslb_diagf(d, SSLB_EINVAL, "test: the edit fails here");
            break;
        case BIND_INSERT:
            rc = sslb_apphost_binding_insert(ah, (size_t)s, o->pos, &o->b, d);
            break;
        case APP_ADD:
            rc = sslb_apphost_app_add(ah, (size_t)s, o->app, o->value, d);
            break;
        case APP_DEL:
            rc = sslb_apphost_app_delete(ah, (size_t)s, o->app, d);
            break;
        case VDIR_ADD:
            rc = sslb_apphost_vdir_add(ah, (size_t)s, o->app, o->vdir, o->path, d);
            break;
        case VDIR_DEL:
            rc = sslb_apphost_vdir_delete(ah, (size_t)s, o->app, o->vdir, d);
            break;
        case APP_SET:
            rc = sslb_apphost_app_set(ah, (size_t)s, o->app, o->attr, o->value, d);
            break;
        case VDIR_SET:
            rc = sslb_apphost_vdir_set(ah, (size_t)s, o->app, o->vdir, o->attr, o->value, d);
            break;
        case APPDEF_SET:
            rc = sslb_apphost_app_defaults_set(ah, (size_t)s, o->attr, o->value, d);
            break;
        case SITE_INSERT:
            rc = sslb_apphost_site_insert(ah, o->pos, o->name, o->id, o->auto_start, o->path, o->bl, o->nb, d);
            break;
        }
    }
    return rc;
}

static sslb_rc edit(sslb_apphost *ah, const struct op *ops, sslb_diag *d)
{
    return sslb_apphost_change(ah, run_ops, (void *)ops, d);
}

static void edit_ok(sslb_apphost *ah, const struct op *ops)
{
    sslb_diag d = {{0}};
    sslb_rc rc = edit(ah, ops, &d);
    cr_assert_eq(rc, SSLB_OK, "%s: %s", sslb_rcname(rc), d.text);
}

/* The edit fails with want and leaves the file and the handle's sites as they were. */
static void edit_fails(sslb_apphost *ah, const struct op *ops, sslb_rc want)
{
    sslb_diag d = {{0}};
    size_t len, n = sslb_apphost_count(ah);
    char *before = slurp(sslb_apphost_path(ah), &len);
    sslb_rc rc = edit(ah, ops, &d);
    cr_assert_eq(rc, want, "got %s (%s), want %s", sslb_rcname(rc), d.text, sslb_rcname(want));
    cr_assert(d.text[0], "a failure names its cause");
    assert_file(sslb_apphost_path(ah), before, len);
    cr_assert_eq(sslb_apphost_count(ah), n);
    free(before);
}

#define SB(p, i) ((sslb_sitebinding){.protocol = (p), .info = (i)})
#define SBF(p, i, f) ((sslb_sitebinding){.protocol = (p), .info = (i), .ssl_flags = (f), .has_ssl_flags = 1})

/* Opens DIR (fresh install) and returns the handle and the text before any edit. */
static sslb_apphost *fresh(char **text)
{
    sslb_apphost *ah = open_ok(dir, NULL);
    *text = slurp(cfg_path(dir), NULL);
    return ah;
}

/* ---- the fresh install ------------------------------------------------------------------------ */

Test(apphost, fresh_install_is_the_spec_text)
{
    char *want = fresh_text(), path[512];
    struct stat a, b;
    sslb_apphost *ah = open_ok(dir, NULL);
    const sslb_site *s;

    assert_file_text(cfg_path(dir), want);
    cr_assert_str_eq(sslb_apphost_path(ah), cfg_path(dir));
    cr_assert_eq(sslb_apphost_count(ah), 1);
    s = sslb_apphost_site(ah, 0);
    cr_assert_str_eq(s->name, "Default Web Site");
    cr_assert_eq(s->id, 1);
    cr_assert_eq(s->auto_start, 1);
    cr_assert_eq(s->line, 5);
    cr_assert_eq(s->nbindings, 1);
    cr_assert_str_eq(s->bindings[0].protocol, "http");
    cr_assert_str_eq(s->bindings[0].info, "*:80:");
    cr_assert_eq(s->bindings[0].has_ssl_flags, 0);
    cr_assert_eq(sslb_apphost_site(ah, 1), NULL);
    cr_assert_eq(sslb_apphost_error_line(ah), 0);
    cr_assert_eq(sslb_apphost_changed(ah), 0);

    /* a second open reads it and writes nothing */
    snprintf(path, sizeof path, "%s", cfg_path(dir));
    cr_assert_eq(stat(path, &a), 0);
    sslb_apphost *again = open_ok(dir, NULL);
    cr_assert_eq(stat(path, &b), 0);
    cr_assert(a.st_ino == b.st_ino && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec && a.st_mtim.tv_sec == b.st_mtim.tv_sec);
    cr_assert_eq(sslb_apphost_count(again), 1);
    sslb_apphost_close(again);
    sslb_apphost_close(ah);
    free(want);
}

Test(apphost, open_missing_config_path_is_not_found_and_creates_nothing)
{
    char path[512];
    sslb_apphost *ah = (sslb_apphost *)1;
    sslb_diag d = {{0}};
    snprintf(path, sizeof path, "%s/other.config", dir);
    cr_assert_eq(sslb_apphost_open(dir, path, &ah, &d), SSLB_ENOTFOUND);
    cr_assert_eq(ah, NULL, "only a damaged file gives a handle with the failure");
    cr_assert(strstr(d.text, "other.config"), "%s", d.text);
    cr_assert_neq(access(path, F_OK), 0);
    cr_assert_neq(access(cfg_path(dir), F_OK), 0);
}

Test(apphost, text_and_walk_show_the_stored_site)
{
    char *old;
    sslb_apphost *ah = fresh(&old);
    const char *t;
    size_t len, ind;

    sslb_apphost_text(ah, 0, &t, &len, &ind);
    cr_assert_eq(ind, 12);
    cr_assert(len > 20 && strncmp(t, "<site name=\"Default Web Site\" id=\"1\">", 37) == 0);
    cr_assert(strncmp(t + len - 7, "</site>", 7) == 0);
    sslb_apphost_text(ah, -1, &t, &len, &ind);
    cr_assert_eq(ind, 8);
    cr_assert(strncmp(t, "<sites>", 7) == 0 && strncmp(t + len - 8, "</sites>", 8) == 0);
    sslb_apphost_text(ah, 5, &t, &len, &ind);
    cr_assert_eq(len, 0);
    sslb_apphost_close(ah);
    free(old);
}

/* ---- each edit, as a diff of the file ------------------------------------------------------------ */

#define I3 "            "
#define I4 "                "
#define I5 "                    "
#define I6 "                        "

Test(apphost, site_add_minimal_is_one_self_closing_line_after_the_last_site)
{
    char *old, *want;
    sslb_apphost *ah = fresh(&old);
    struct op ops[] = {{SITE_ADD, .name = "Empty", .id = 4, .auto_start = -1}, {.kind = END}};

    edit_ok(ah, ops);
    want = repl(old, I3 "</site>\n", I3 "</site>\n" I3 "<site name=\"Empty\" id=\"4\" />\n");
    assert_file_text(cfg_path(dir), want);
    cr_assert_eq(sslb_apphost_count(ah), 2);
    cr_assert_str_eq(sslb_apphost_site(ah, 1)->name, "Empty");
    cr_assert_eq(sslb_apphost_site(ah, 1)->id, 4);
    cr_assert_eq(sslb_apphost_site(ah, 1)->nbindings, 0);
    cr_assert_eq(sslb_apphost_site(ah, 1)->auto_start, 1);
    cr_assert_eq(sslb_apphost_site(ah, 1)->line, 13);
    sslb_apphost_close(ah);
    free(old);
    free(want);
}

Test(apphost, site_add_full_writes_application_vdir_and_bindings)
{
    char *old, *want, *mid;
    sslb_apphost *ah = fresh(&old);
    sslb_sitebinding bl[] = {SB("https", "*:443:www.contoso.com"), SBF("https", "*:443:shop.contoso.com", 1)};
    struct op ops[] = {{SITE_ADD, .name = "www", .id = 2, .auto_start = 0, .path = "C:\\sites\\www", .bl = bl, .nb = 2},
                       {.kind = END}};
    struct op ops2[] = {{SITE_ADD, .name = "on", .id = 3, .auto_start = 1, .bl = bl, .nb = 1}, {.kind = END}};

    edit_ok(ah, ops);
    mid = repl(old, I3 "</site>\n",
               I3 "</site>\n" I3 "<site name=\"www\" id=\"2\" serverAutoStart=\"false\">\n" I4
                  "<application path=\"/\">\n" I5 "<virtualDirectory path=\"/\" physicalPath=\"C:\\sites\\www\" />\n" I4
                  "</application>\n" I4 "<bindings>\n" I5
                  "<binding protocol=\"https\" bindingInformation=\"*:443:www.contoso.com\" />\n" I5
                  "<binding protocol=\"https\" bindingInformation=\"*:443:shop.contoso.com\" sslFlags=\"1\" />\n" I4
                  "</bindings>\n" I3 "</site>\n");
    assert_file_text(cfg_path(dir), mid);
    const sslb_site *s = sslb_apphost_site(ah, 1);
    cr_assert_eq(s->auto_start, 0);
    cr_assert_eq(s->nbindings, 2);
    cr_assert_eq(s->bindings[1].ssl_flags, 1);
    cr_assert_eq(s->bindings[1].has_ssl_flags, 1);
    cr_assert_eq(s->bindings[0].has_ssl_flags, 0);

    /* bindings without physicalPath; serverAutoStart="true" when asked for */
    edit_ok(ah, ops2);
    want = repl(mid, I3 "</site>\n" I3 "<siteDefaults>",
                I3 "</site>\n" I3 "<site name=\"on\" id=\"3\" serverAutoStart=\"true\">\n" I4 "<bindings>\n" I5
                   "<binding protocol=\"https\" bindingInformation=\"*:443:www.contoso.com\" />\n" I4 "</bindings>\n" I3
                   "</site>\n" I3 "<siteDefaults>");
    assert_file_text(cfg_path(dir), want);
    cr_assert_eq(sslb_apphost_count(ah), 3);
    sslb_apphost_close(ah);
    free(old);
    free(mid);
    free(want);
}

Test(apphost, site_add_into_empty_sites_goes_first)
{
    char *base = fresh_text(), *old, *want;
    /* no site at all: the new one goes before <siteDefaults> */
    old = repl(base,
               I3 "<site name=\"Default Web Site\" id=\"1\">\n" I4 "<application path=\"/\">\n" I5
                  "<virtualDirectory path=\"/\" physicalPath=\"%SystemDrive%\\inetpub\\wwwroot\" />\n" I4
                  "</application>\n" I4 "<bindings>\n" I5
                  "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n" I4 "</bindings>\n" I3 "</site>\n",
               "");
    put_config(old);
    sslb_apphost *ah = open_ok(dir, NULL);
    cr_assert_eq(sslb_apphost_count(ah), 0);
    struct op ops[] = {{SITE_ADD, .name = "A", .id = 1, .auto_start = -1}, {.kind = END}};
    edit_ok(ah, ops);
    want = repl(old, "<sites>\n", "<sites>\n" I3 "<site name=\"A\" id=\"1\" />\n");
    assert_file_text(cfg_path(dir), want);
    sslb_apphost_close(ah);
    free(base);
    free(old);
    free(want);
}

Test(apphost, site_delete_removes_exactly_its_lines)
{
    char *old, *want;
    sslb_apphost *ah = fresh(&old);
    struct op add[] = {{SITE_ADD, .name = "Empty", .id = 4, .auto_start = -1}, {.kind = END}};
    struct op del[] = {{SITE_DEL, .site = "default web site"}, {.kind = END}};
    struct op del2[] = {{SITE_DEL, .site = "Empty"}, {.kind = END}};

    edit_ok(ah, add);
    free(old);
    old = slurp(cfg_path(dir), NULL);
    edit_ok(ah, del);
    want = repl(old,
                I3 "<site name=\"Default Web Site\" id=\"1\">\n" I4 "<application path=\"/\">\n" I5
                   "<virtualDirectory path=\"/\" physicalPath=\"%SystemDrive%\\inetpub\\wwwroot\" />\n" I4
                   "</application>\n" I4 "<bindings>\n" I5
                   "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n" I4 "</bindings>\n" I3 "</site>\n",
                "");
    assert_file_text(cfg_path(dir), want);
    cr_assert_eq(sslb_apphost_count(ah), 1);
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->name, "Empty");

    /* a self-closing site */
    edit_ok(ah, del2);
    free(old);
    old = want;
    want = repl(old, I3 "<site name=\"Empty\" id=\"4\" />\n", "");
    assert_file_text(cfg_path(dir), want);
    cr_assert_eq(sslb_apphost_count(ah), 0);
    sslb_apphost_close(ah);
    free(old);
    free(want);
}

Test(apphost, site_set_name_id_and_server_auto_start)
{
    char *old, *want, *w2, *w3, *w4;
    sslb_apphost *ah = fresh(&old);
    struct op name[] = {{SITE_SET, .site = "Default Web Site", .attr = "name", .value = "Main"}, {.kind = END}};
    struct op id[] = {{SITE_SET, .site = "main", .attr = "id", .value = "7"}, {.kind = END}};
    struct op as1[] = {{SITE_SET, .site = "Main", .attr = "serverAutoStart", .value = "FALSE"}, {.kind = END}};
    struct op as2[] = {{SITE_SET, .site = "Main", .attr = "serverAutoStart", .value = "true"}, {.kind = END}};

    edit_ok(ah, name);
    want = repl(old, "<site name=\"Default Web Site\" id=\"1\">", "<site name=\"Main\" id=\"1\">");
    assert_file_text(cfg_path(dir), want);
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->name, "Main");

    edit_ok(ah, id);
    w2 = repl(want, "<site name=\"Main\" id=\"1\">", "<site name=\"Main\" id=\"7\">");
    assert_file_text(cfg_path(dir), w2);
    cr_assert_eq(sslb_apphost_site(ah, 0)->id, 7);

    /* absent: appended after the last attribute */
    edit_ok(ah, as1);
    w3 = repl(w2, "<site name=\"Main\" id=\"7\">", "<site name=\"Main\" id=\"7\" serverAutoStart=\"false\">");
    assert_file_text(cfg_path(dir), w3);
    cr_assert_eq(sslb_apphost_site(ah, 0)->auto_start, 0);

    /* present: the value replaced */
    edit_ok(ah, as2);
    w4 = repl(w3, "serverAutoStart=\"false\"", "serverAutoStart=\"true\"");
    assert_file_text(cfg_path(dir), w4);
    cr_assert_eq(sslb_apphost_site(ah, 0)->auto_start, 1);

    /* setting a value to what it is changes no byte */
    edit_ok(ah, as2);
    assert_file_text(cfg_path(dir), w4);

    struct op bad_id[] = {{SITE_SET, .site = "Main", .attr = "id", .value = "0"}, {.kind = END}};
    struct op bad_id2[] = {{SITE_SET, .site = "Main", .attr = "id", .value = "x1"}, {.kind = END}};
    struct op bad_bool[] = {{SITE_SET, .site = "Main", .attr = "serverAutoStart", .value = "yes"}, {.kind = END}};
    struct op bad_attr[] = {{SITE_SET, .site = "Main", .attr = "color", .value = "red"}, {.kind = END}};
    edit_fails(ah, bad_id, SSLB_EINVAL);
    edit_fails(ah, bad_id2, SSLB_EINVAL);
    edit_fails(ah, bad_bool, SSLB_EINVAL);
    edit_fails(ah, bad_attr, SSLB_EINVAL);
    sslb_apphost_close(ah);
    free(old);
    free(want);
    free(w2);
    free(w3);
    free(w4);
}

Test(apphost, binding_add_appends_after_the_last_binding)
{
    char *old, *want;
    sslb_apphost *ah = fresh(&old);
    struct op ops[] = {{BIND_ADD, .site = "Default Web Site", .b = SBF("https", "*:443:www.contoso.com", 1)},
                       {.kind = END}};

    edit_ok(ah, ops);
    want = repl(old, I5 "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n",
                I5 "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n" I5
                   "<binding protocol=\"https\" bindingInformation=\"*:443:www.contoso.com\" sslFlags=\"1\" />\n");
    assert_file_text(cfg_path(dir), want);
    const sslb_site *s = sslb_apphost_site(ah, 0);
    cr_assert_eq(s->nbindings, 2);
    cr_assert_str_eq(s->bindings[1].info, "*:443:www.contoso.com");
    cr_assert_eq(s->bindings[1].ssl_flags, 1);
    cr_assert_eq(sslb_apphost_binding_find(ah, 0, "HTTPS", "*:443:www.contoso.com"), 1);
    cr_assert_eq(sslb_apphost_binding_find(ah, 0, "https", "*:443:"), -1);
    sslb_apphost_close(ah);
    free(old);
    free(want);
}

Test(apphost, binding_add_to_a_site_without_bindings_goes_after_its_application)
{
    char *old, *want;
    sslb_apphost *ah = fresh(&old);
    struct op add[] = {{SITE_ADD, .name = "shop", .id = 3, .auto_start = -1, .path = "C:\\sites\\shop"}, {.kind = END}};
    struct op bind[] = {{BIND_ADD, .site = "shop", .b = SB("https", "*:443:shop.contoso.com")}, {.kind = END}};

    edit_ok(ah, add);
    free(old);
    old = slurp(cfg_path(dir), NULL);
    cr_assert_eq(count_of(old, "<bindings>"), 1, "a site without bindings has no <bindings>");
    edit_ok(ah, bind);
    want = repl(old, "C:\\sites\\shop\" />\n" I4 "</application>\n",
                "C:\\sites\\shop\" />\n" I4 "</application>\n" I4 "<bindings>\n" I5
                "<binding protocol=\"https\" bindingInformation=\"*:443:shop.contoso.com\" />\n" I4 "</bindings>\n");
    assert_file_text(cfg_path(dir), want);
    cr_assert_eq(sslb_apphost_site(ah, 1)->nbindings, 1);
    sslb_apphost_close(ah);
    free(old);
    free(want);
}

Test(apphost, binding_add_to_a_self_closing_site_opens_it)
{
    char *old, *want;
    sslb_apphost *ah = fresh(&old);
    struct op add[] = {{SITE_ADD, .name = "Empty", .id = 4, .auto_start = 0}, {.kind = END}};
    struct op bind[] = {{BIND_ADD, .site = "Empty", .b = SB("http", "10.0.0.2:80:")}, {.kind = END}};

    edit_ok(ah, add);
    free(old);
    old = slurp(cfg_path(dir), NULL);
    edit_ok(ah, bind);
    want = repl(old, I3 "<site name=\"Empty\" id=\"4\" serverAutoStart=\"false\" />\n",
                I3 "<site name=\"Empty\" id=\"4\" serverAutoStart=\"false\">\n" I4 "<bindings>\n" I5
                   "<binding protocol=\"http\" bindingInformation=\"10.0.0.2:80:\" />\n" I4 "</bindings>\n" I3
                   "</site>\n");
    assert_file_text(cfg_path(dir), want);
    cr_assert_eq(sslb_apphost_site(ah, 1)->nbindings, 1);
    cr_assert_eq(sslb_apphost_site(ah, 1)->auto_start, 0);
    sslb_apphost_close(ah);
    free(old);
    free(want);
}

Test(apphost, binding_delete_and_the_last_one_leaves_empty_bindings)
{
    char *old, *w1, *w2, *w3;
    sslb_apphost *ah = fresh(&old);
    struct op add[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("https", "*:443:")}, {.kind = END}};
    struct op del1[] = {{BIND_DEL, .site = "Default Web Site", .b = SB("http", "*:80:")}, {.kind = END}};
    struct op del2[] = {{BIND_DEL, .site = "Default Web Site", .b = SB("HTTPS", "*:443:")}, {.kind = END}};
    struct op again[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("http", "*:8080:")}, {.kind = END}};

    edit_ok(ah, add);
    edit_ok(ah, del1);
    w1 = repl(old, I5 "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n",
              I5 "<binding protocol=\"https\" bindingInformation=\"*:443:\" />\n");
    assert_file_text(cfg_path(dir), w1);
    cr_assert_eq(sslb_apphost_site(ah, 0)->nbindings, 1);

    /* the last one: "<bindings>" LF indent "</bindings>" */
    edit_ok(ah, del2);
    w2 = repl(w1,
              I4 "<bindings>\n" I5 "<binding protocol=\"https\" bindingInformation=\"*:443:\" />\n" I4 "</bindings>\n",
              I4 "<bindings>\n" I4 "</bindings>\n");
    assert_file_text(cfg_path(dir), w2);
    cr_assert_eq(sslb_apphost_site(ah, 0)->nbindings, 0);

    /* and a binding added to the empty <bindings> goes inside it */
    edit_ok(ah, again);
    w3 = repl(w2, I4 "<bindings>\n" I4 "</bindings>\n",
              I4 "<bindings>\n" I5 "<binding protocol=\"http\" bindingInformation=\"*:8080:\" />\n" I4 "</bindings>\n");
    assert_file_text(cfg_path(dir), w3);
    sslb_apphost_close(ah);
    free(old);
    free(w1);
    free(w2);
    free(w3);
}

Test(apphost, binding_set_ssl_flags_appends_then_replaces)
{
    char *old, *w1, *w2, *w3;
    sslb_apphost *ah = fresh(&old);
    struct op set1[] = {
        {BIND_SET, .site = "Default Web Site", .b = SB("http", "*:80:"), .attr = "sslFlags", .value = "1"},
        {.kind = END}};
    struct op set2[] = {
        {BIND_SET, .site = "Default Web Site", .b = SB("http", "*:80:"), .attr = "sslFlags", .value = "3"},
        {.kind = END}};
    struct op set3[] = {{BIND_SET, .site = "Default Web Site", .b = SB("http", "*:80:"), .attr = "bindingInformation",
                         .value = "*:443:www.contoso.com"},
                        {.kind = END}};
    struct op bad[] = {{BIND_SET, .site = "Default Web Site", .b = SB("http", "*:443:www.contoso.com"),
                        .attr = "sslFlags", .value = "x"},
                       {.kind = END}};

    edit_ok(ah, set1);
    w1 = repl(old, "<binding protocol=\"http\" bindingInformation=\"*:80:\" />",
              "<binding protocol=\"http\" bindingInformation=\"*:80:\" sslFlags=\"1\" />");
    assert_file_text(cfg_path(dir), w1);
    cr_assert_eq(sslb_apphost_site(ah, 0)->bindings[0].ssl_flags, 1);
    cr_assert_eq(sslb_apphost_site(ah, 0)->bindings[0].has_ssl_flags, 1);

    edit_ok(ah, set2);
    w2 = repl(w1, "sslFlags=\"1\"", "sslFlags=\"3\"");
    assert_file_text(cfg_path(dir), w2);
    cr_assert_eq(sslb_apphost_site(ah, 0)->bindings[0].ssl_flags, 3);

    edit_ok(ah, set3);
    w3 = repl(w2, "bindingInformation=\"*:80:\"", "bindingInformation=\"*:443:www.contoso.com\"");
    assert_file_text(cfg_path(dir), w3);

    edit_fails(ah, bad, SSLB_EINVAL);
    sslb_apphost_close(ah);
    free(old);
    free(w1);
    free(w2);
    free(w3);
}

Test(apphost, attribute_values_are_xml_escaped)
{
    char *old, *want, *w2;
    sslb_apphost *ah = fresh(&old);
    sslb_sitebinding bl[] = {SB("https", "*:443:a&b<c>\"d")};
    struct op add[] = {
        {SITE_ADD, .name = "esc", .id = 9, .auto_start = -1, .path = "C:\\a&b<c>\"d'e", .bl = bl, .nb = 1},
        {.kind = END}};
    struct op set[] = {
        {BIND_SET, .site = "esc", .b = SB("https", "*:443:a&b<c>\"d"), .attr = "bindingInformation", .value = "<&\">"},
        {.kind = END}};

    edit_ok(ah, add);
    want = repl(old, I3 "</site>\n",
                I3 "</site>\n" I3 "<site name=\"esc\" id=\"9\">\n" I4 "<application path=\"/\">\n" I5
                   "<virtualDirectory path=\"/\" physicalPath=\"C:\\a&amp;b&lt;c&gt;&quot;d'e\" />\n" I4
                   "</application>\n" I4 "<bindings>\n" I5
                   "<binding protocol=\"https\" bindingInformation=\"*:443:a&amp;b&lt;c&gt;&quot;d\" />\n" I4
                   "</bindings>\n" I3 "</site>\n");
    assert_file_text(cfg_path(dir), want);
    cr_assert_str_eq(sslb_apphost_site(ah, 1)->bindings[0].info, "*:443:a&b<c>\"d");

    edit_ok(ah, set);
    w2 = repl(want, "*:443:a&amp;b&lt;c&gt;&quot;d", "&lt;&amp;&quot;&gt;");
    assert_file_text(cfg_path(dir), w2);
    cr_assert_str_eq(sslb_apphost_site(ah, 1)->bindings[0].info, "<&\">");
    sslb_apphost_close(ah);
    free(old);
    free(want);
    free(w2);
}

Test(apphost, tabs_and_line_ends_in_values_survive_a_reread)
{
    char *old, *want;
    sslb_apphost *ah = fresh(&old);
    struct op ops[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("https", "*:443:a\tb\r\nc")}, {.kind = END}};
    edit_ok(ah, ops);
    want = repl(old, "\"*:80:\" />\n",
                "\"*:80:\" />\n" I5 "<binding protocol=\"https\" bindingInformation=\"*:443:a&#x9;b&#xD;&#xA;c\" />\n");
    assert_file_text(cfg_path(dir), want);
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->bindings[1].info, "*:443:a\tb\r\nc");
    cr_assert_eq(sslb_apphost_binding_find(ah, 0, "https", "*:443:a\tb\r\nc"), 1);
    sslb_apphost_close(ah);
    free(old);
    free(want);
}

Test(apphost, a_relative_state_dir_gives_an_absolute_config_path)
{
    char want[512];
    cr_assert_eq(chdir(dir), 0);
    cr_assert_eq(mkdir("rel", 0700), 0);
    sslb_apphost *ah = open_ok("rel", NULL);
    snprintf(want, sizeof want, "%s/rel/applicationHost.config", dir);
    cr_assert_str_eq(sslb_apphost_path(ah), want);
    cr_assert_eq(sslb_apphost_count(ah), 1, "the fresh install is written there");
    sslb_apphost_close(ah);
}

Test(apphost, a_relative_config_path_is_made_absolute)
{
    char *t = fresh_text(), want[512];
    cr_assert_eq(chdir(dir), 0);
    spit("my.config", t, strlen(t));
    sslb_apphost *ah = open_ok("/nonexistent", "my.config");
    snprintf(want, sizeof want, "%s/my.config", dir);
    cr_assert_str_eq(sslb_apphost_path(ah), want);
    struct op ops[] = {{SITE_ADD, .name = "x", .id = 2, .auto_start = -1}, {.kind = END}};
    edit_ok(ah, ops);
    snprintf(want, sizeof want, "%s/my.config.lock", dir);
    cr_assert_eq(access(want, F_OK), 0);
    sslb_apphost_close(ah);
    cr_assert_eq(chdir("/"), 0);
    free(t);
}

Test(apphost, a_single_quoted_attribute_keeps_its_quotes)
{
    char *base = fresh_text(), *old, *want;
    old = repl(base, "<site name=\"Default Web Site\" id=\"1\">", "<site name='Default Web Site' id='1'>");
    put_config(old);
    sslb_apphost *ah = open_ok(dir, NULL);
    struct op set[] = {{SITE_SET, .site = "Default Web Site", .attr = "name", .value = "It's"}, {.kind = END}};
    edit_ok(ah, set);
    want = repl(old, "name='Default Web Site'", "name='It&apos;s'");
    assert_file_text(cfg_path(dir), want);
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->name, "It's");
    sslb_apphost_close(ah);
    free(base);
    free(old);
    free(want);
}

Test(apphost, a_value_xml_cannot_hold_is_refused_without_writing)
{
    char *old;
    sslb_apphost *ah = fresh(&old);
    struct op ops[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("https", "*:443:a\001b")}, {.kind = END}};
    edit_fails(ah, ops, SSLB_EINVAL);
    assert_file_text(cfg_path(dir), old);
    cr_assert_eq(sslb_apphost_site(ah, 0)->nbindings, 1);
    sslb_apphost_close(ah);
    free(old);
}

Test(apphost, self_closing_bindings_and_sites_are_opened)
{
    char *base = fresh_text(), *old, *want, *w2;
    old = repl(base,
               I4 "<bindings>\n" I5 "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n" I4 "</bindings>\n",
               I4 "<bindings />\n");
    put_config(old);
    sslb_apphost *ah = open_ok(dir, NULL);
    cr_assert_eq(sslb_apphost_site(ah, 0)->nbindings, 0);
    struct op bind[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("http", "*:80:")}, {.kind = END}};
    edit_ok(ah, bind);
    assert_file_text(cfg_path(dir), base);
    sslb_apphost_close(ah);

    /* <sites /> */
    want = repl(base, "<sites>", "<sites />");
    w2 = malloc(strlen(want) + 1);
    cr_assert(w2);
    {
        /* cut everything between <sites /> and </system.applicationHost> */
        const char *a = strstr(want, "<sites />") + strlen("<sites />"),
                   *b = strstr(want, "\n"
                                     "    </system.applicationHost>");
        memcpy(w2, want, (size_t)(a - want));
        memcpy(w2 + (a - want), b, strlen(b) + 1);
    }
    put_config(w2);
    ah = open_ok(dir, NULL);
    cr_assert_eq(sslb_apphost_count(ah), 0);
    struct op add[] = {{SITE_ADD, .name = "A", .id = 1, .auto_start = -1}, {.kind = END}};
    edit_ok(ah, add);
    free(want);
    want = repl(w2, "<sites />",
                "<sites>\n" I3 "<site name=\"A\" id=\"1\" />\n"
                "        </sites>");
    assert_file_text(cfg_path(dir), want);
    sslb_apphost_close(ah);
    free(base);
    free(old);
    free(want);
    free(w2);
}

Test(apphost, markup_characters_inside_attribute_values_and_comments)
{
    char *base = fresh_text(), *old, *want;
    /* '>' and "/>" are legal inside a value; a comment between sites holds a fake <site> */
    old = repl(base, "physicalPath=\"%SystemDrive%\\inetpub\\wwwroot\"", "physicalPath=\"C:\\a>b/>c\"");
    want = repl(old, I3 "</site>\n", I3 "</site>\n" I3 "<!-- <site name=\"Ghost\" id=\"1\"> -->\n");
    free(old);
    old = want;
    put_config(old);
    sslb_apphost *ah = open_ok(dir, NULL);
    cr_assert_eq(sslb_apphost_count(ah), 1);
    struct op ops[] = {{SITE_SET, .site = "Default Web Site", .attr = "serverAutoStart", .value = "false"},
                       {BIND_ADD, .site = "Default Web Site", .b = SB("https", "*:443:")},
                       {SITE_ADD, .name = "Two", .id = 2, .auto_start = -1},
                       {.kind = END}};
    edit_ok(ah, ops);
    want = repl(old, "Site\" id=\"1\">", "Site\" id=\"1\" serverAutoStart=\"false\">");
    free(old);
    old = want;
    want = repl(old, "\"*:80:\" />\n",
                "\"*:80:\" />\n" I5 "<binding protocol=\"https\" bindingInformation=\"*:443:\" />\n");
    free(old);
    old = want;
    want = repl(old, I3 "</site>\n", I3 "</site>\n" I3 "<site name=\"Two\" id=\"2\" />\n");
    assert_file_text(cfg_path(dir), want);
    sslb_apphost_close(ah);
    free(base);
    free(old);
    free(want);
}

Test(apphost, a_file_on_one_line)
{
    const char *one = "<configuration><system.applicationHost><sites><site name=\"a\" id=\"1\" /></sites>"
                      "</system.applicationHost></configuration>";
    char *want;
    put_config(one);
    sslb_apphost *ah = open_ok(dir, NULL);
    struct op ops[] = {{BIND_ADD, .site = "a", .b = SB("http", "*:80:")}, {.kind = END}};
    edit_ok(ah, ops);
    want = repl(
        one, "<site name=\"a\" id=\"1\" />",
        "<site name=\"a\" id=\"1\">\n    <bindings>\n        <binding protocol=\"http\" bindingInformation=\"*:80:\" />"
        "\n    </bindings>\n</site>");
    assert_file_text(cfg_path(dir), want);
    sslb_apphost_close(ah);
    sslb_apphost *two = open_ok(dir, NULL);
    cr_assert_eq(sslb_apphost_site(two, 0)->nbindings, 1);
    sslb_apphost_close(two);
    free(want);
}

struct walked {
    char text[1024];
};

static void walk_fn(void *ctx, int depth, const char *element, size_t nattrs, const char *const *names,
                    const char *const *values)
{
    struct walked *w = ctx;
    size_t l = strlen(w->text);
    l += (size_t)snprintf(w->text + l, sizeof w->text - l, "%d %s", depth, element);
    for (size_t i = 0; i < nattrs; i++)
        l += (size_t)snprintf(w->text + l, sizeof w->text - l, " %s=%s", names[i], values[i]);
    snprintf(w->text + l, sizeof w->text - l, "\n");
}

Test(apphost, walk_gives_elements_depth_first_with_decoded_values)
{
    char *old;
    sslb_apphost *ah = fresh(&old);
    struct walked w = {{0}};
    struct op ops[] = {
        {BIND_SET, .site = "Default Web Site", .b = SB("http", "*:80:"), .attr = "sslFlags", .value = "2"},
        {SITE_SET, .site = "Default Web Site", .attr = "name", .value = "A'B"},
        {.kind = END}};
    edit_ok(ah, ops);
    sslb_apphost_walk(ah, 0, walk_fn, &w);
    cr_assert_str_eq(w.text, "0 site name=A'B id=1\n"
                             "1 application path=/\n"
                             "2 virtualDirectory path=/ physicalPath=%SystemDrive%\\inetpub\\wwwroot\n"
                             "1 bindings\n"
                             "2 binding protocol=http bindingInformation=*:80: sslFlags=2\n");
    sslb_apphost_close(ah);
    free(old);
}

/* ---- the real files of tests/data/iis ----------------------------------------------------------- */

struct real {
    const char *file;
    size_t nsites;
    const char *first;  /* site 0: deleted */
    const char *second; /* site 1: gets a binding */
    uint32_t second_id;
    size_t second_nb;
    const char *second_b0; /* its first binding's bindingInformation */
    const char *last;      /* deleted last */
    uint32_t last_id;
    int crlf, bom;
};

static const struct real reals[] = {
    {"real-iis-apachecoz.config", 15, "Default Web Site", "TimeHCancun", 3, 2, "*:81:", "MACS_MONTEJO", 12, 0, 0},
    {"real-iis-apachecoz-crlf.config", 15, "Default Web Site", "TimeHCancun", 3, 2, "*:81:", "MACS_MONTEJO", 12, 1, 0},
    {"real-iis-dorik84.config", 2, "Default Web Site", "mysite.tbd", 2, 2, "*:80:mysite.tbd", "mysite.tbd", 2, 1, 0},
    {"real-iisexpress-wcf-to-corewcf.config", 3, "WebSite1", "CoreWCF.SampleService", 2, 1, "*:5000:localhost", "api",
     3, 1, 1},
    {"real-iisexpress-skeframework.config", 7, "WebSite1", "MicrosServices.APIGateway", 2, 2, "*:2476:localhost",
     "MicrosServices.API.RealTimeSystem", 7, 0, 1},
    {"real-iisexpress-skeframework-crlf.config", 7, "WebSite1", "MicrosServices.APIGateway", 2, 2, "*:2476:localhost",
     "MicrosServices.API.RealTimeSystem", 7, 1, 1},
    {"real-iisexpress-jexusmanager.config", 12, "WebSite1", "GuessMeWeb", 2, 2, "*:61902:localhost", "Mono328", 12, 0,
     0},
    {"real-iisexpress-jexusmanager-crlf.config", 12, "WebSite1", "GuessMeWeb", 2, 2, "*:61902:localhost", "Mono328", 12,
     1, 0},
};

/* Offset of `<site name="NAME"` in t. */
static size_t site_at(const char *t, const char *name)
{
    char needle[160];
    const char *p;
    snprintf(needle, sizeof needle, "<site name=\"%s\"", name);
    cr_assert((p = strstr(t, needle)), "no %s", needle);
    return (size_t)(p - t);
}

static size_t line_begin(const char *t, size_t at)
{
    while (at > 0 && t[at - 1] != '\n') at--;
    return at;
}

/* Expected text after removing site NAME: its lines, from its line's start to the line end after
 * its </site>. */
static char *without_site(const char *t, size_t len, const char *name, size_t *outlen)
{
    size_t s = site_at(t, name), from = line_begin(t, s);
    const char *end = strstr(t + s, "</site>");
    cr_assert(end);
    const char *nl = strchr(end, '\n');
    cr_assert(nl);
    return splice_text(t, len, from, (size_t)(nl + 1 - t) - from, "", outlen);
}

static void real_file(const struct real *r)
{
    char src[512], path[512];
    size_t len, wlen;
    char *orig, *want, *now;
    const char *eol = r->crlf ? "\r\n" : "\n";
    sslb_apphost *ah;
    const sslb_site *s;

    snprintf(src, sizeof src, "%s%s", IIS_DATA, r->file);
    snprintf(path, sizeof path, "%s/%s", dir, r->file);
    orig = slurp(src, &len);
    cr_assert_eq(strstr(orig, "\r\n") != NULL, r->crlf, "%s: line ends", r->file);
    cr_assert_eq(memcmp(orig, "\xEF\xBB\xBF", 3) == 0, r->bom, "%s: BOM", r->file);
    spit(path, orig, len);

    ah = open_ok(dir, path);
    cr_assert_str_eq(sslb_apphost_path(ah), path);
    cr_assert_eq(sslb_apphost_count(ah), r->nsites, "%s: %zu sites", r->file, sslb_apphost_count(ah));
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->name, r->first);
    s = sslb_apphost_site(ah, 1);
    cr_assert_str_eq(s->name, r->second);
    cr_assert_eq(s->id, r->second_id);
    cr_assert_eq(s->nbindings, r->second_nb);
    cr_assert_str_eq(s->bindings[0].info, r->second_b0);
    s = sslb_apphost_site(ah, r->nsites - 1);
    cr_assert_str_eq(s->name, r->last);
    cr_assert_eq(s->id, r->last_id);
    cr_assert_neq(access(cfg_path(dir), F_OK), 0, "opening another file creates no local one");

    /* 1. a binding for site 1: one new line after its last binding, in the file's line ends */
    {
        struct op ops[] = {{BIND_ADD, .site = r->second, .b = SBF("https", "*:443:h3.example.com", 1)}, {.kind = END}};
        size_t at = site_at(orig, r->second);
        const char *close = strstr(orig + at, "</bindings>");
        size_t cl = line_begin(orig, (size_t)(close - orig)); /* start of the </bindings> line */
        size_t prev_end = cl - strlen(eol);                   /* end of the last binding's line */
        size_t ind = 0;
        char ins[256];
        while (orig[cl + ind] == ' ') ind++; /* </bindings>'s indentation is its start tag's */
        ind += 4;                            /* a new element: its parent's and four spaces */
        snprintf(ins, sizeof ins,
                 "%s%*s<binding protocol=\"https\" bindingInformation=\"*:443:h3.example.com\" sslFlags=\"1\" />", eol,
                 (int)ind, "");
        edit_ok(ah, ops);
        want = splice_text(orig, len, prev_end, 0, ins, &wlen);
        assert_file(path, want, wlen);
        cr_assert_eq(sslb_apphost_site(ah, 1)->nbindings, r->second_nb + 1);
        free(orig);
        orig = want;
        len = wlen;
    }

    /* 2. the first site removed: its lines and nothing else */
    {
        struct op ops[] = {{SITE_DEL, .site = r->first}, {.kind = END}};
        edit_ok(ah, ops);
        want = without_site(orig, len, r->first, &wlen);
        assert_file(path, want, wlen);
        free(orig);
        orig = want;
        len = wlen;
    }

    /* 3. the last site removed (in two files the one edited in 1) */
    if (r->nsites > 2) {
        struct op ops[] = {{SITE_DEL, .site = r->last}, {.kind = END}};
        edit_ok(ah, ops);
        want = without_site(orig, len, r->last, &wlen);
        assert_file(path, want, wlen);
        free(orig);
        orig = want;
        len = wlen;
    }

    /* the BOM stays first and a second reader sees the same sites */
    now = slurp(path, NULL);
    cr_assert_eq(memcmp(now, "\xEF\xBB\xBF", 3) == 0, r->bom);
    free(now);
    sslb_apphost *two = open_ok(dir, path);
    cr_assert_eq(sslb_apphost_count(two), r->nsites > 2 ? r->nsites - 2 : r->nsites - 1);
    long i = sslb_apphost_find_name(two, r->second);
    cr_assert_eq(i, 0);
    cr_assert_geq(sslb_apphost_binding_find(two, (size_t)i, "https", "*:443:h3.example.com"), 0);
    sslb_apphost_close(two);
    sslb_apphost_close(ah);
    free(orig);
}

Test(apphost, real_files_edited_byte_for_byte)
{
    for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++) real_file(&reals[i]);
}

Test(apphost, real_file_details_from_sources)
{
    char src[512], path[512];
    size_t len;
    char *t;
    sslb_apphost *ah;
    const sslb_site *s;
    long i;

    snprintf(src, sizeof src, "%s%s", IIS_DATA, "real-iis-apachecoz.config");
    snprintf(path, sizeof path, "%s/a.config", dir);
    t = slurp(src, &len);
    spit(path, t, len);
    ah = open_ok(dir, path);
    s = sslb_apphost_site(ah, 0);
    cr_assert_eq(s->nbindings, 5);
    cr_assert_str_eq(s->bindings[0].protocol, "net.tcp");
    cr_assert_str_eq(s->bindings[0].info, "808:*");
    cr_assert_eq(s->line, 208);
    cr_assert_geq(i = sslb_apphost_find_name(ah, "hmm_cancam"), 0);
    s = sslb_apphost_site(ah, (size_t)i);
    cr_assert_eq(s->id, 6);
    cr_assert_str_eq(s->bindings[0].protocol, "https");
    cr_assert_str_eq(s->bindings[0].info, "172.16.4.20:8182:");
    cr_assert(s->bindings[0].has_ssl_flags && s->bindings[0].ssl_flags == 0);
    cr_assert_geq(i = sslb_apphost_find_id(ah, 27), 0);
    s = sslb_apphost_site(ah, (size_t)i);
    cr_assert_str_eq(s->name, "Cliente_Montejo");
    cr_assert_str_eq(s->bindings[1].info, "*:443:host4.mine.nu");
    cr_assert_eq(s->bindings[1].has_ssl_flags, 0);
    cr_assert_eq(sslb_apphost_site(ah, 14)->id, 12);
    cr_assert_eq(sslb_apphost_site(ah, 7)->auto_start, 1, "serverAutoStart absent means true");
    sslb_apphost_close(ah);
    free(t);

    snprintf(src, sizeof src, "%s%s", IIS_DATA, "real-iisexpress-wcf-to-corewcf.config");
    t = slurp(src, &len);
    spit(path, t, len);
    ah = open_ok(dir, path);
    s = sslb_apphost_site(ah, 0);
    cr_assert_eq(s->line, 151);
    cr_assert_str_eq(s->bindings[0].info, ":8080:localhost");
    cr_assert_eq(sslb_apphost_site(ah, 2)->line, 167);
    sslb_apphost_close(ah);
    free(t);
}

/* ---- transactions ------------------------------------------------------------------------------ */

Test(apphost, a_failed_transaction_writes_nothing_and_reverts_the_handle)
{
    char *old;
    struct stat a, b;
    sslb_apphost *ah = fresh(&old);
    struct op ops[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("https", "*:443:")},
                       {SITE_ADD, .name = "x", .id = 2, .auto_start = -1},
                       {.kind = FAIL},
                       {.kind = END}};
    struct op dup[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("https", "*:443:")},
                       {SITE_ADD, .name = "DEFAULT WEB SITE", .id = 5, .auto_start = -1},
                       {.kind = END}};

    cr_assert_eq(stat(cfg_path(dir), &a), 0);
    edit_fails(ah, ops, SSLB_EINVAL);
    edit_fails(ah, dup, SSLB_EEXISTS);
    cr_assert_eq(stat(cfg_path(dir), &b), 0);
    cr_assert(a.st_ino == b.st_ino && a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec,
              "the file was not rewritten");
    assert_file_text(cfg_path(dir), old);
    cr_assert_eq(sslb_apphost_count(ah), 1);
    cr_assert_eq(sslb_apphost_site(ah, 0)->nbindings, 1);
    cr_assert_eq(sslb_apphost_changed(ah), 0);
    assert_only_files(dir, (const char *const[]){"applicationHost.config", "applicationHost.config.lock", NULL});

    /* and the handle still works */
    struct op ok[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("https", "*:443:")}, {.kind = END}};
    edit_ok(ah, ok);
    cr_assert_eq(sslb_apphost_site(ah, 0)->nbindings, 2);
    sslb_apphost_close(ah);
    free(old);
}

Test(apphost, a_second_handle_sees_changes_after_refresh)
{
    char *old;
    sslb_apphost *one = fresh(&old), *two = open_ok(dir, NULL);
    sslb_diag d = {{0}};
    struct op add[] = {{SITE_ADD, .name = "A", .id = 2, .auto_start = -1}, {.kind = END}};
    struct op add2[] = {{SITE_ADD, .name = "B", .id = 3, .auto_start = -1}, {.kind = END}};

    cr_assert_eq(sslb_apphost_changed(two), 0);
    edit_ok(one, add);
    cr_assert_eq(sslb_apphost_changed(one), 0);
    cr_assert_eq(sslb_apphost_changed(two), 1);
    cr_assert_eq(sslb_apphost_count(two), 1, "no reload without refresh");
    cr_assert_eq(sslb_apphost_refresh(two, &d), SSLB_OK, "%s", d.text);
    cr_assert_eq(sslb_apphost_count(two), 2);
    cr_assert_str_eq(sslb_apphost_site(two, 1)->name, "A");
    cr_assert_eq(sslb_apphost_changed(two), 0);

    /* a stale handle's change starts from the file, not from what it last saw */
    edit_ok(one, add2);
    struct op bind[] = {{BIND_ADD, .site = "A", .b = SB("http", "*:81:")}, {.kind = END}};
    edit_ok(two, bind);
    cr_assert_eq(sslb_apphost_count(two), 3);
    cr_assert_eq(sslb_apphost_refresh(one, &d), SSLB_OK);
    cr_assert_eq(sslb_apphost_count(one), 3);
    cr_assert_eq(sslb_apphost_site(one, 1)->nbindings, 1);

    /* a stale handle cannot add what another added meanwhile */
    struct op addb[] = {{SITE_ADD, .name = "b", .id = 9, .auto_start = -1}, {.kind = END}};
    struct op add4[] = {{SITE_ADD, .name = "C", .id = 4, .auto_start = -1}, {.kind = END}};
    edit_ok(one, add4);
    size_t len;
    char *before = slurp(cfg_path(dir), &len);
    cr_assert_eq(edit(two, addb, &d), SSLB_EEXISTS);
    assert_file(cfg_path(dir), before, len);
    cr_assert_eq(sslb_apphost_count(two), 4, "the change reloaded first");
    free(before);
    sslb_apphost_close(one);
    sslb_apphost_close(two);
    free(old);
}

/* ---- concurrent writers ----------------------------------------------------------------------- */

#define WRITERS 4
#define PER_WRITER 50

struct port_arg {
    char info[32];
};

static sslb_rc add_port(sslb_apphost *ah, void *ctx, sslb_diag *d)
{
    sslb_sitebinding b = SB("https", ((struct port_arg *)ctx)->info);
    long s = sslb_apphost_find_name(ah, "Default Web Site");
    if (s < 0) return sslb_diagf(d, SSLB_ENOTFOUND, "no site");
    return sslb_apphost_binding_add(ah, (size_t)s, &b, d);
}

static void writer(int w)
{
    sslb_apphost *ah = NULL;
    if (sslb_apphost_open(dir, NULL, &ah, NULL) != SSLB_OK) _exit(2);
    for (int i = 0; i < PER_WRITER; i++) {
        struct port_arg a;
        snprintf(a.info, sizeof a.info, "*:%d:", 10000 + w * 100 + i);
        if (sslb_apphost_change(ah, add_port, &a, NULL) != SSLB_OK) _exit(3);
    }
    sslb_apphost_close(ah);
    _exit(0);
}

Test(apphost, concurrent_writers_lose_nothing, .timeout = 300)
{
    pid_t pids[WRITERS];
    char *old;
    sslb_apphost *ah = fresh(&old);
    sslb_apphost_close(ah);

    for (int w = 0; w < WRITERS; w++) {
        pids[w] = fork();
        cr_assert_geq(pids[w], 0);
        if (pids[w] == 0) writer(w);
    }
    for (int w = 0; w < WRITERS; w++) {
        int st;
        cr_assert_eq(waitpid(pids[w], &st, 0), pids[w]);
        cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "writer %d failed (status %d)", w, st);
    }
    ah = open_ok(dir, NULL);
    const sslb_site *s = sslb_apphost_site(ah, 0);
    cr_assert_eq(s->nbindings, 1 + WRITERS * PER_WRITER);
    for (int w = 0; w < WRITERS; w++) {
        for (int i = 0; i < PER_WRITER; i++) {
            char info[32];
            snprintf(info, sizeof info, "*:%d:", 10000 + w * 100 + i);
            cr_assert_geq(sslb_apphost_binding_find(ah, 0, "https", info), 0, "lost %s", info);
        }
    }
    assert_only_files(dir, (const char *const[]){"applicationHost.config", "applicationHost.config.lock", NULL});
    /* every line but the new ones is the fresh install's */
    char *now = slurp(cfg_path(dir), NULL);
    cr_assert_eq(count_of(now, "\n"), count_of(old, "\n") + WRITERS * PER_WRITER);
    cr_assert_eq(count_of(now, "\n" I5 "<binding protocol=\"https\" bindingInformation=\"*:"), WRITERS * PER_WRITER);
    free(now);
    sslb_apphost_close(ah);
    free(old);
}

/* ---- damaged files ----------------------------------------------------------------------------- */

struct damage {
    const char *what, *from, *to;
    long line;
};

static const struct damage damages[] = {
    /* the <binding> of line 10 is left open: libxml2 notices at </bindings>, line 11 */
    {"unclosed tag", "bindingInformation=\"*:80:\" />", "bindingInformation=\"*:80:\">", 11},
    {"attribute without quotes", "<binding protocol=\"http\" bindingInformation=\"*:80:\" />",
     "<binding protocol=http bindingInformation=\"*:80:\" />", 10},
    {"duplicate site id", I3 "</site>\n", I3 "</site>\n" I3 "<site name=\"Other\" id=\"1\" />\n", 13},
    {"duplicate site name", I3 "</site>\n", I3 "</site>\n" I3 "<site name=\"DEFAULT web site\" id=\"2\" />\n", 13},
    {"missing bindingInformation", "<binding protocol=\"http\" bindingInformation=\"*:80:\" />",
     "<binding protocol=\"http\" />", 10},
    {"sslFlags not a number", "bindingInformation=\"*:80:\" />", "bindingInformation=\"*:80:\" sslFlags=\"x\" />", 10},
    {"duplicate binding", I5 "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n",
     I5 "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n" I5
        "<binding protocol=\"HTTP\" bindingInformation=\"*:80:\" />\n",
     11},
    {"site id not a number", "id=\"1\"", "id=\"one\"", 5},
    {"serverAutoStart not a bool", "id=\"1\">", "id=\"1\" serverAutoStart=\"yes\">", 5},
};

Test(apphost, damaged_files_are_corrupt_at_their_line_and_never_written)
{
    char *base = fresh_text();
    for (size_t k = 0; k < sizeof damages / sizeof damages[0]; k++) {
        const struct damage *dm = &damages[k];
        char *bad = repl(base, dm->from, dm->to);
        sslb_apphost *ah = NULL;
        sslb_diag d = {{0}};
        sslb_rc rc;
        struct op ops[] = {{SITE_ADD, .name = "new", .id = 50, .auto_start = -1}, {.kind = END}};

        put_config(bad);
        rc = sslb_apphost_open(dir, NULL, &ah, &d);
        cr_assert_eq(rc, SSLB_ECORRUPT, "%s: %s", dm->what, sslb_rcname(rc));
        cr_assert(ah, "%s: the handle is returned", dm->what);
        cr_assert(d.text[0], "%s: the diag says what", dm->what);
        cr_assert_eq(sslb_apphost_error_line(ah), dm->line, "%s: line %ld, want %ld (%s / %s)", dm->what,
                     sslb_apphost_error_line(ah), dm->line, d.text, sslb_apphost_error_detail(ah));
        cr_assert_eq(sslb_apphost_count(ah), 0);
        if (k == 0) /* libxml2's words name the open element and its line */
            cr_assert(strstr(sslb_apphost_error_detail(ah), "binding line 10"), "%s", sslb_apphost_error_detail(ah));
        assert_file_text(cfg_path(dir), bad);
        rc = sslb_apphost_refresh(ah, &d);
        cr_assert_eq(rc, SSLB_ECORRUPT, "%s: refresh", dm->what);
        cr_assert_eq(sslb_apphost_error_line(ah), dm->line);
        memset(&d, 0, sizeof d);
        rc = edit(ah, ops, &d);
        cr_assert_eq(rc, SSLB_ECORRUPT, "%s: change gives %s", dm->what, sslb_rcname(rc));
        assert_file_text(cfg_path(dir), bad);
        assert_only_files(dir, (const char *const[]){"applicationHost.config", "applicationHost.config.lock", NULL});
        sslb_apphost_close(ah);
        free(bad);
    }
    free(base);
}

Test(apphost, a_file_damaged_later_keeps_the_last_good_sites)
{
    char *good, *bad;
    sslb_apphost *ah = fresh(&good);
    sslb_diag d = {{0}};
    struct op ops[] = {{SITE_ADD, .name = "new", .id = 50, .auto_start = -1}, {.kind = END}};

    bad = repl(good, "bindingInformation=\"*:80:\" />", "bindingInformation=\"*:80:\" sslFlags=\"x\" />");
    replace_file(cfg_path(dir), bad, strlen(bad));
    cr_assert_eq(sslb_apphost_changed(ah), 1);
    cr_assert_eq(sslb_apphost_refresh(ah, &d), SSLB_ECORRUPT);
    cr_assert(strstr(d.text, "sslFlags"), "%s", d.text);
    cr_assert_eq(sslb_apphost_error_line(ah), 10);
    cr_assert_eq(sslb_apphost_count(ah), 1, "the last good version stays");
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->name, "Default Web Site");
    cr_assert_eq(edit(ah, ops, &d), SSLB_ECORRUPT);
    assert_file_text(cfg_path(dir), bad);

    /* repaired by someone else: the next refresh reads it */
    replace_file(cfg_path(dir), good, strlen(good));
    cr_assert_eq(sslb_apphost_refresh(ah, &d), SSLB_OK);
    cr_assert_eq(sslb_apphost_error_line(ah), 0);
    cr_assert_str_eq(sslb_apphost_error_detail(ah), "");
    edit_ok(ah, ops);
    cr_assert_eq(sslb_apphost_count(ah), 2);
    sslb_apphost_close(ah);
    free(good);
    free(bad);
}

Test(apphost, not_xml_at_all)
{
    sslb_apphost *ah = NULL;
    sslb_diag d = {{0}};
    put_config("");
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_ECORRUPT);
    cr_assert(ah);
    sslb_apphost_close(ah);
    put_config("\xFF\xFE<\0c\0");
    ah = NULL;
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_ECORRUPT);
    sslb_apphost_close(ah);
    put_config("<?xml version=\"1.0\"?>\n<other>\n</other>\n");
    ah = NULL;
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_ECORRUPT);
    cr_assert_eq(sslb_apphost_error_line(ah), 2);
    sslb_apphost_close(ah);
}

/* ---- argument checks --------------------------------------------------------------------------- */

Test(apphost, duplicates_are_refused)
{
    char *old;
    sslb_apphost *ah = fresh(&old);
    struct op add2[] = {{SITE_ADD, .name = "Two", .id = 2, .auto_start = -1}, {.kind = END}};
    struct op name_ci[] = {{SITE_ADD, .name = "default WEB site", .id = 3, .auto_start = -1}, {.kind = END}};
    struct op id[] = {{SITE_ADD, .name = "Three", .id = 2, .auto_start = -1}, {.kind = END}};
    struct op set_name[] = {{SITE_SET, .site = "Two", .attr = "name", .value = "DEFAULT WEB SITE"}, {.kind = END}};
    struct op set_id[] = {{SITE_SET, .site = "Two", .attr = "id", .value = "1"}, {.kind = END}};
    struct op bind[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("HTTP", "*:80:")}, {.kind = END}};
    sslb_sitebinding twice[] = {SB("https", "*:443:"), SB("https", "*:443:")};
    struct op add_twice[] = {{SITE_ADD, .name = "T", .id = 7, .auto_start = -1, .bl = twice, .nb = 2}, {.kind = END}};
    struct op bset[] = {
        {BIND_ADD, .site = "Default Web Site", .b = SB("https", "*:80:")},
        {BIND_SET, .site = "Default Web Site", .b = SB("https", "*:80:"), .attr = "protocol", .value = "HTTP"},
        {.kind = END}};
    struct op bset2[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("http", "*:81:")},
                         {BIND_SET, .site = "Default Web Site", .b = SB("http", "*:81:"), .attr = "bindingInformation",
                          .value = "*:80:"},
                         {.kind = END}};
    struct op same_name[] = {{SITE_SET, .site = "Two", .attr = "name", .value = "TWO"}, {.kind = END}};

    edit_ok(ah, add2);
    edit_fails(ah, name_ci, SSLB_EEXISTS);
    edit_fails(ah, id, SSLB_EEXISTS);
    edit_fails(ah, set_name, SSLB_EEXISTS);
    edit_fails(ah, set_id, SSLB_EEXISTS);
    edit_fails(ah, bind, SSLB_EEXISTS);
    edit_fails(ah, add_twice, SSLB_EEXISTS);
    edit_fails(ah, bset, SSLB_EEXISTS);
    edit_fails(ah, bset2, SSLB_EEXISTS);
    /* a site may take its own name in another case */
    edit_ok(ah, same_name);
    cr_assert_str_eq(sslb_apphost_site(ah, 1)->name, "TWO");
    sslb_apphost_close(ah);
    free(old);
}

Test(apphost, invalid_site_names_are_refused)
{
    char *old;
    sslb_apphost *ah = fresh(&old);
    const char *bad = "\\/?;:@&=+$,|\"<>";
    sslb_diag d = {{0}};

    for (const char *c = bad; *c; c++) {
        char name[16];
        snprintf(name, sizeof name, "a%cb", *c);
        cr_assert_eq(sslb_site_name_check(name, &d), SSLB_EINVAL, "%s", name);
        struct op add[] = {{SITE_ADD, .name = name, .id = 2, .auto_start = -1}, {.kind = END}};
        struct op set[] = {{SITE_SET, .site = "Default Web Site", .attr = "name", .value = name}, {.kind = END}};
        edit_fails(ah, add, SSLB_EINVAL);
        edit_fails(ah, set, SSLB_EINVAL);
    }
    /* a control character is named, not shown as '?' (review 20, F11) */
    cr_assert_eq(sslb_site_name_check("a\nb", &d), SSLB_EINVAL);
    cr_assert(strstr(d.text, "U+000A") && !strchr(d.text, '?'), "%s", d.text);
    cr_assert_eq(sslb_site_name_check("a\x1b[2Jb", &d), SSLB_EINVAL);
    cr_assert(strstr(d.text, "U+001B") && !strchr(d.text, '\x1b'), "%s", d.text);
    cr_assert_eq(sslb_site_name_check("", &d), SSLB_EINVAL);
    struct op empty[] = {{SITE_ADD, .name = "", .id = 2, .auto_start = -1}, {.kind = END}};
    edit_fails(ah, empty, SSLB_EINVAL);
    cr_assert_eq(sslb_site_name_check("Site 1 (test)_x.y-z#!%*'", &d), SSLB_OK);
    cr_assert_eq(sslb_site_name_check("Default Web Site", &d), SSLB_OK);
    assert_file_text(cfg_path(dir), old);
    sslb_apphost_close(ah);
    free(old);
}

Test(apphost, empty_protocol_or_binding_information_is_refused)
{
    char *old;
    sslb_apphost *ah = fresh(&old);
    sslb_sitebinding e1[] = {SB("", "*:443:")}, e2[] = {SB("https", "")};
    struct op ops[][2] = {
        {{BIND_ADD, .site = "Default Web Site", .b = SB("", "*:443:")}, {.kind = END}},
        {{BIND_ADD, .site = "Default Web Site", .b = SB("https", "")}, {.kind = END}},
        {{BIND_ADD, .site = "Default Web Site", .b = SB(NULL, "*:443:")}, {.kind = END}},
        {{BIND_ADD, .site = "Default Web Site", .b = SB("https", NULL)}, {.kind = END}},
        {{SITE_ADD, .name = "x", .id = 2, .auto_start = -1, .bl = e1, .nb = 1}, {.kind = END}},
        {{SITE_ADD, .name = "x", .id = 2, .auto_start = -1, .bl = e2, .nb = 1}, {.kind = END}},
        {{BIND_SET, .site = "Default Web Site", .b = SB("http", "*:80:"), .attr = "protocol", .value = ""},
         {.kind = END}},
        {{BIND_SET, .site = "Default Web Site", .b = SB("http", "*:80:"), .attr = "bindingInformation", .value = ""},
         {.kind = END}},
        {{BIND_SET, .site = "Default Web Site", .b = SB("http", "*:80:"), .attr = "certificate", .value = "x"},
         {.kind = END}},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) edit_fails(ah, ops[i], SSLB_EINVAL);
    assert_file_text(cfg_path(dir), old);
    sslb_apphost_close(ah);
    free(old);
}

Test(apphost, site_id_zero_is_refused)
{
    char *old;
    sslb_apphost *ah = fresh(&old);
    struct op add[] = {{SITE_ADD, .name = "zero", .id = 0, .auto_start = -1}, {.kind = END}};
    edit_fails(ah, add, SSLB_EINVAL);
    sslb_apphost_close(ah);
    free(old);
}

Test(apphost, out_of_range_indexes_are_not_found)
{
    char *old;
    sslb_apphost *ah = fresh(&old);
    sslb_diag d = {{0}};
    cr_assert_eq(sslb_apphost_site_delete(ah, 1, &d), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_apphost_site_set(ah, 1, "name", "x", &d), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_apphost_binding_add(ah, 1, &SB("http", "*:1:"), &d), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_apphost_binding_delete(ah, 0, 1, &d), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_apphost_binding_set(ah, 0, 1, "sslFlags", "1", &d), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_apphost_binding_find(ah, 3, "http", "*:80:"), -1);
    cr_assert_eq(sslb_apphost_find_name(ah, "nope"), -1);
    cr_assert_eq(sslb_apphost_find_id(ah, 99), -1);
    assert_file_text(cfg_path(dir), old);
    sslb_apphost_close(ah);
    free(old);
}

/* ---- redirection.config ------------------------------------------------------------------------ */

Test(apphost, redirection_points_open_at_the_shared_file)
{
    char shared[128], redir[600], got[4096], *text;
    sslb_server *srv;
    sslb_diag d = {{0}};
    sslb_apphost *ah;

    snprintf(shared, sizeof shared, "%s/farm", dir);
    snprintf(redir, sizeof redir, "%s/redirection.config", dir);
    cr_assert_eq(mkdir(shared, 0755), 0);
    cr_assert_eq(sslb_server_open(dir, &srv, &d), SSLB_OK, "%s", d.text);

    /* no applicationHost.config there yet: refused, nothing written */
    cr_assert_eq(sslb_server_shared_enable(srv, shared, 0, NULL, NULL, &d), SSLB_ENOTFOUND);
    cr_assert_neq(access(redir, F_OK), 0);
    cr_assert_eq(sslb_server_shared_enable(srv, "farm", 0, NULL, NULL, &d), SSLB_EINVAL, "a relative path");
    cr_assert_eq(sslb_server_shared_dir(srv, got, sizeof got), 0);

    /* the farm's file: one site */
    char *base = fresh_text();
    text = repl(base, "Default Web Site", "Farm Site");
    free(base);
    spit(cfg_path(shared), text, strlen(text));
    cr_assert_eq(sslb_server_shared_enable(srv, shared, 0, NULL, NULL, &d), SSLB_OK, "%s", d.text);
    cr_assert_eq(access(redir, F_OK), 0);
    cr_assert_eq(sslb_server_shared_dir(srv, got, sizeof got), 1);
    cr_assert_str_eq(got, shared);

    ah = open_ok(dir, NULL);
    cr_assert_str_eq(sslb_apphost_path(ah), cfg_path(shared));
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->name, "Farm Site");
    cr_assert_neq(access(cfg_path(dir), F_OK), 0, "no local file while shared");
    struct op add[] = {{SITE_ADD, .name = "S2", .id = 2, .auto_start = -1}, {.kind = END}};
    edit_ok(ah, add);
    sslb_apphost_close(ah);
    char lock[600];
    snprintf(lock, sizeof lock, "%s.lock", cfg_path(shared));
    cr_assert_eq(access(lock, F_OK), 0, "the lock is beside the shared file");

    /* a shared file that went away is not silently recreated */
    char moved[600];
    snprintf(moved, sizeof moved, "%s/moved", dir);
    cr_assert_eq(rename(cfg_path(shared), moved), 0);
    ah = (sslb_apphost *)1;
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_ENOTFOUND);
    sslb_apphost_close(ah);
    cr_assert_neq(access(cfg_path(shared), F_OK), 0);
    cr_assert_eq(rename(moved, cfg_path(shared)), 0);

    /* disabled: back to the local file, created fresh */
    cr_assert_eq(sslb_server_shared_disable(srv, 0, NULL, NULL, &d), SSLB_OK, "%s", d.text);
    cr_assert_eq(sslb_server_shared_dir(srv, got, sizeof got), 0);
    ah = open_ok(dir, NULL);
    cr_assert_str_eq(sslb_apphost_path(ah), cfg_path(dir));
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->name, "Default Web Site");
    cr_assert_eq(sslb_apphost_count(ah), 1);
    sslb_apphost_close(ah);
    cr_assert_eq(sslb_server_shared_disable(srv, 0, NULL, NULL, &d), SSLB_OK, "disabling twice is fine");

    /* a trailing slash names the same directory */
    char slash[600];
    snprintf(slash, sizeof slash, "%s/", shared);
    cr_assert_eq(sslb_server_shared_enable(srv, slash, 0, NULL, NULL, &d), SSLB_OK);
    ah = open_ok(dir, NULL);
    cr_assert_str_eq(sslb_apphost_path(ah), cfg_path(shared));
    sslb_apphost_close(ah);
    sslb_server_close(srv);
    free(text);
}

Test(apphost, a_damaged_redirection_config_is_corrupt)
{
    char redir[128];
    sslb_apphost *ah = NULL;
    sslb_diag d = {{0}};
    snprintf(redir, sizeof redir, "%s/redirection.config", dir);
    spit(redir, "<configuration><configurationRedirection enabled=\"maybe\" /></configuration>",
         strlen("<configuration><configurationRedirection enabled=\"maybe\" /></configuration>"));
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_ECORRUPT);
    sslb_apphost_close(ah);
    cr_assert_neq(access(cfg_path(dir), F_OK), 0);
    spit(redir, "<configuration>", strlen("<configuration>"));
    ah = NULL;
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_ECORRUPT);
    sslb_apphost_close(ah);
    /* enabled="false": the local file */
    const char *off = "<configuration><configurationRedirection enabled=\"false\" path=\"/nowhere\" /></configuration>";
    spit(redir, off, strlen(off));
    ah = open_ok(dir, NULL);
    cr_assert_str_eq(sslb_apphost_path(ah), cfg_path(dir));
    sslb_apphost_close(ah);
}

/* A path longer than any path was cut to PATH_MAX - 1 bytes, silently: the server reported another
 * directory, and a disable wrote the shortened path back. Refused now, and nothing is written. */
Test(apphost, a_redirection_path_longer_than_a_path_is_refused_whole)
{
    char redir[128], got[PATH_MAX];
    size_t plen = PATH_MAX + 100, len = 0;
    char *path = malloc(plen + 1), *text = malloc(plen + 200), *after;
    sslb_server *srv;
    sslb_apphost *ah = NULL;
    sslb_diag d = {{0}};

    cr_assert(path && text);
    path[0] = '/';
    memset(path + 1, 'a', plen - 1);
    path[plen] = '\0';
    int n = snprintf(text, plen + 200,
                     "<configuration><configurationRedirection enabled=\"true\" path=\"%s\" /></configuration>", path);
    snprintf(redir, sizeof redir, "%s/redirection.config", dir);
    spit(redir, text, (size_t)n);
    cr_assert_eq(sslb_server_open(dir, &srv, &d), SSLB_OK, "%s", d.text);
    cr_assert_eq(sslb_server_shared_dir(srv, got, sizeof got), -1, "no directory cut short: the file cannot be read");
    cr_assert_eq(sslb_server_shared_disable(srv, 0, NULL, NULL, &d), SSLB_ECORRUPT);
    cr_assert(strstr(d.text, "redirection.config: configurationRedirection's path is 4196 bytes long") &&
                  strstr(d.text, "nothing read or changed"),
              "%s", d.text);
    after = slurp(redir, &len);
    cr_assert(len == (size_t)n && memcmp(after, text, len) == 0, "the file is left as it was");
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_ECORRUPT);
    cr_assert(strstr(d.text, "configurationRedirection's path is"), "%s", d.text);
    sslb_apphost_close(ah);
    cr_assert_neq(access(cfg_path(dir), F_OK), 0, "no local file made instead");

    /* the longest path that fits is read whole (and applicationHost.config beside it is too long) */
    path[PATH_MAX - 1] = '\0';
    n = snprintf(text, plen + 200,
                 "<configuration><configurationRedirection enabled=\"true\" path=\"%s\" /></configuration>", path);
    spit(redir, text, (size_t)n);
    cr_assert_eq(sslb_server_shared_dir(srv, got, sizeof got), 1);
    cr_assert_str_eq(got, path);
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_EINVAL);
    cr_assert(strstr(d.text, "too long"), "%s", d.text);
    sslb_server_close(srv);
    free(after);
    free(path);
    free(text);
}

/* ---- positions, applications, protocols (appcmd's @start/@N, set config's [path='/']) ---------- */

Test(apphost, binding_insert_goes_before_the_binding_at_its_position)
{
    char *old, *want;
    sslb_apphost *ah = fresh(&old);
    struct op ops[] = {{BIND_INSERT, .site = "Default Web Site", .pos = 0, .b = SB("http", "*:99:")},
                       {BIND_INSERT, .site = "Default Web Site", .pos = 1, .b = SB("https", "*:443:")},
                       {BIND_INSERT, .site = "Default Web Site", .pos = SIZE_MAX, .b = SB("http", "*:98:")},
                       {BIND_INSERT, .site = "Default Web Site", .pos = 4, .b = SB("http", "*:97:")},
                       {.kind = END}};
    struct op past[] = {{BIND_INSERT, .site = "Default Web Site", .pos = 6, .b = SB("http", "*:96:")}, {.kind = END}};

    edit_ok(ah, ops);
    want = repl(old, I5 "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n",
                I5 "<binding protocol=\"http\" bindingInformation=\"*:99:\" />\n" I5
                   "<binding protocol=\"https\" bindingInformation=\"*:443:\" />\n" I5
                   "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n" I5
                   "<binding protocol=\"http\" bindingInformation=\"*:98:\" />\n" I5
                   "<binding protocol=\"http\" bindingInformation=\"*:97:\" />\n");
    assert_file_text(cfg_path(dir), want);
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->bindings[0].info, "*:99:");
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->bindings[4].info, "*:97:");
    edit_fails(ah, past, SSLB_ENOTFOUND);
    sslb_apphost_close(ah);
    free(old);
    free(want);
}

/* appcmd's set config "/+[@start,name='A',id='2']": the new <site> goes before the site at its
 * position, among the <site> elements, and the rest of the file stays as it was. */
Test(apphost, site_insert_goes_before_the_site_at_its_position)
{
    char *old, *want;
    sslb_apphost *ah = fresh(&old);
    struct op ops[] = {{SITE_INSERT, .name = "A", .id = 2, .auto_start = -1, .pos = 0},
                       {SITE_INSERT, .name = "B", .id = 3, .auto_start = -1, .pos = 1},
                       {SITE_INSERT, .name = "C", .id = 4, .auto_start = -1, .pos = SIZE_MAX},
                       {SITE_INSERT, .name = "D", .id = 5, .auto_start = 0, .pos = 4},
                       {SITE_INSERT, .name = "E", .id = 6, .auto_start = -1, .pos = 3},
                       {.kind = END}};
    struct op past[] = {{SITE_INSERT, .name = "F", .id = 7, .auto_start = -1, .pos = 7}, {.kind = END}};
    struct op dup[] = {{SITE_INSERT, .name = "a", .id = 8, .auto_start = -1, .pos = 0}, {.kind = END}};
    static const char *const order[] = {"A", "B", "Default Web Site", "E", "C", "D"};

    edit_ok(ah, ops);
    char *mid = repl(old, I3 "<site name=\"Default Web Site\" id=\"1\">\n",
                     I3 "<site name=\"A\" id=\"2\" />\n" I3 "<site name=\"B\" id=\"3\" />\n" I3
                        "<site name=\"Default Web Site\" id=\"1\">\n");
    want = repl(mid, I3 "</site>\n",
                I3 "</site>\n" I3 "<site name=\"E\" id=\"6\" />\n" I3 "<site name=\"C\" id=\"4\" />\n" I3
                   "<site name=\"D\" id=\"5\" serverAutoStart=\"false\" />\n");
    assert_file_text(cfg_path(dir), want);
    cr_assert_eq(sslb_apphost_count(ah), 6);
    for (size_t i = 0; i < 6; i++) cr_assert_str_eq(sslb_apphost_site(ah, i)->name, order[i]);
    cr_assert_eq(sslb_apphost_site(ah, 2)->nbindings, 1, "the site that moved down keeps its bindings");
    edit_fails(ah, past, SSLB_ENOTFOUND);
    edit_fails(ah, dup, SSLB_EEXISTS);
    sslb_apphost_close(ah);
    free(old);
    free(mid);
    free(want);
}

/* Before a site that follows another element (here <siteDefaults>, which a hand-edited file may
 * put first): the new site follows that element, so a comment before the site stays with it. */
Test(apphost, site_insert_follows_the_element_before_that_site)
{
    const char *text = "<configuration>\n  <system.applicationHost>\n    <sites>\n      <siteDefaults />\n"
                       "      <!-- the main site -->\n      <site name=\"M\" id=\"1\" />\n    </sites>\n"
                       "  </system.applicationHost>\n</configuration>\n";
    put_config(text);
    sslb_apphost *ah = open_ok(dir, NULL);
    struct op ops[] = {{SITE_INSERT, .name = "N", .id = 2, .auto_start = -1, .pos = 0}, {.kind = END}};
    edit_ok(ah, ops);
    char *want = repl(text, "<siteDefaults />\n", "<siteDefaults />\n        <site name=\"N\" id=\"2\" />\n");
    assert_file_text(cfg_path(dir), want);
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->name, "N");
    cr_assert_str_eq(sslb_apphost_site(ah, 1)->name, "M");
    sslb_apphost_close(ah);
    free(want);
}

/* A file without a sites section reads as no sites and is left as it is; adding a site makes
 * <sites> (and <system.applicationHost> when it is missing) and changes nothing else. */
Test(apphost, site_add_makes_a_missing_sites_section)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        /* the review's file: one line, a section group without sites */
        {"<configuration><system.applicationHost><applicationPools /></system.applicationHost></configuration>\n",
         "<configuration><system.applicationHost><applicationPools />\n    <sites>\n        <site name=\"N\" "
         "id=\"1\">\n            <bindings>\n                <binding protocol=\"http\" bindingInformation=\"*:80:\" "
         "/>\n            </bindings>\n        </site>\n    </sites>\n</system.applicationHost></configuration>\n"},
        /* no section group: made after the last section, CRLF kept */
        {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<configuration>\r\n    <configSections />\r\n"
         "    <system.webServer />\r\n</configuration>\r\n",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<configuration>\r\n    <configSections />\r\n"
         "    <system.webServer />\r\n    <system.applicationHost>\r\n        <sites>\r\n            <site name=\"N\" "
         "id=\"1\">\r\n                <bindings>\r\n                    <binding protocol=\"http\" "
         "bindingInformation=\"*:80:\" />\r\n                </bindings>\r\n            </site>\r\n        </sites>\r\n"
         "    </system.applicationHost>\r\n</configuration>\r\n"},
        /* an empty, self-closing group; the root self-closing */
        {"<configuration>\n    <system.applicationHost />\n</configuration>\n",
         "<configuration>\n    <system.applicationHost>\n        <sites>\n            <site name=\"N\" id=\"1\">\n"
         "                <bindings>\n                    <binding protocol=\"http\" bindingInformation=\"*:80:\" />\n"
         "                </bindings>\n            </site>\n        </sites>\n    </system.applicationHost>\n"
         "</configuration>\n"},
        {"<configuration />",
         "<configuration>\n    <system.applicationHost>\n        <sites>\n            <site name=\"N\" id=\"1\">\n"
         "                <bindings>\n                    <binding protocol=\"http\" bindingInformation=\"*:80:\" />\n"
         "                </bindings>\n            </site>\n        </sites>\n    </system.applicationHost>\n"
         "</configuration>"},
    };
    sslb_sitebinding bl[] = {SB("http", "*:80:")};
    struct op add[] = {{SITE_ADD, .name = "N", .id = 1, .auto_start = -1, .bl = bl, .nb = 1}, {.kind = END}};
    struct op past[] = {{SITE_INSERT, .name = "N", .id = 1, .auto_start = -1, .pos = 1}, {.kind = END}};
    struct op bad[] = {{SITE_ADD, .name = "N", .id = 0, .auto_start = -1}, {.kind = END}};
    struct op late[] = {{SITE_ADD, .name = "N", .id = 1, .auto_start = -1}, {.kind = FAIL}, {.kind = END}};

    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        put_config(cases[k].text);
        sslb_apphost *ah = open_ok(dir, NULL);
        const char *t;
        size_t len, ind;
        cr_assert_eq(sslb_apphost_count(ah), 0);
        sslb_apphost_text(ah, -1, &t, &len, &ind);
        cr_assert_eq(len, 0, "no sites section: list config shows nothing");
        assert_file_text(cfg_path(dir), cases[k].text); /* reading writes nothing */
        edit_fails(ah, past, SSLB_ENOTFOUND);           /* refused: no section made either */
        edit_fails(ah, bad, SSLB_EINVAL);
        edit_fails(ah, late, SSLB_EINVAL); /* a later edit fails: the section goes with the site */
        edit_ok(ah, add);
        assert_file_text(cfg_path(dir), cases[k].want);
        cr_assert_eq(sslb_apphost_count(ah), 1);
        cr_assert_str_eq(sslb_apphost_site(ah, 0)->name, "N");
        cr_assert_eq(sslb_apphost_site(ah, 0)->nbindings, 1);
        sslb_apphost_close(ah);
        ah = open_ok(dir, NULL); /* and another reader reads it */
        cr_assert_eq(sslb_apphost_count(ah), 1);
        sslb_apphost_close(ah);
    }
}

/* The sites section in a later <system.applicationHost> than the first is read (it was taken for
 * none: no site listed), and a new site goes there, not into a second section made in the first. */
Test(apphost, sites_in_a_later_section_group_are_read_and_edited)
{
    const char *text = "<configuration>\n <system.applicationHost>\n  <log />\n </system.applicationHost>\n"
                       " <system.applicationHost>\n  <sites>\n   <site name=\"S\" id=\"5\" />\n  </sites>\n"
                       " </system.applicationHost>\n</configuration>\n";
    put_config(text);
    sslb_apphost *ah = open_ok(dir, NULL);
    cr_assert_eq(sslb_apphost_count(ah), 1);
    cr_assert_eq(sslb_apphost_site(ah, 0)->id, 5);
    struct op taken[] = {{SITE_ADD, .name = "T", .id = 5, .auto_start = -1}, {.kind = END}};
    struct op add[] = {{SITE_ADD, .name = "T", .id = 6, .auto_start = -1}, {.kind = END}};
    edit_fails(ah, taken, SSLB_EEXISTS);
    edit_ok(ah, add);
    char *want = repl(text, "<site name=\"S\" id=\"5\" />\n",
                      "<site name=\"S\" id=\"5\" />\n      <site name=\"T\" id=\"6\" />\n");
    assert_file_text(cfg_path(dir), want);
    sslb_apphost_close(ah);
    free(want);
}

Test(apphost, applications_and_virtual_directories_are_added_and_removed)
{
    char *old, *want;
    sslb_apphost *ah = fresh(&old);
    struct op site[] = {{SITE_ADD, .name = "Contoso", .id = 2, .auto_start = 1}, {.kind = END}};
    struct op bind[] = {{BIND_ADD, .site = "Contoso", .b = SB("http", "*:80:www.contoso.com")}, {.kind = END}};
    struct op app[] = {{APP_ADD, .site = "Contoso", .app = "/"},
                       {VDIR_ADD, .site = "Contoso", .app = "/", .vdir = "/", .path = "C:\\www"},
                       {APP_ADD, .site = "Contoso", .app = "/shop", .value = "ShopPool"},
                       {.kind = END}};
    struct op del[] = {{VDIR_DEL, .site = "Contoso", .app = "/", .vdir = "/"},
                       {APP_DEL, .site = "Contoso", .app = "/SHOP"},
                       {.kind = END}};

    edit_ok(ah, site);
    edit_ok(ah, bind);
    edit_ok(ah, app);
    want = repl(old, I3 "<siteDefaults>\n",
                I3 "<site name=\"Contoso\" id=\"2\" serverAutoStart=\"true\">\n" I4 "<application path=\"/\">\n" I5
                   "<virtualDirectory path=\"/\" physicalPath=\"C:\\www\" />\n" I4 "</application>\n" I4
                   "<application path=\"/shop\" applicationPool=\"ShopPool\" />\n" I4 "<bindings>\n" I5
                   "<binding protocol=\"http\" bindingInformation=\"*:80:www.contoso.com\" />\n" I4 "</bindings>\n" I3
                   "</site>\n" I3 "<siteDefaults>\n");
    assert_file_text(cfg_path(dir), want);
    {
        struct op dup_app[] = {{APP_ADD, .site = "Contoso", .app = "/Shop"}, {.kind = END}};
        struct op dup_dir[] = {{VDIR_ADD, .site = "Contoso", .app = "/", .vdir = "/"}, {.kind = END}};
        struct op no_app[] = {{VDIR_ADD, .site = "Contoso", .app = "/none", .vdir = "/"}, {.kind = END}};
        struct op bad_path[] = {{APP_ADD, .site = "Contoso", .app = "shop2"}, {.kind = END}};
        struct op no_del[] = {{APP_DEL, .site = "Contoso", .app = "/none"}, {.kind = END}};
        edit_fails(ah, dup_app, SSLB_EEXISTS);
        edit_fails(ah, dup_dir, SSLB_EEXISTS);
        edit_fails(ah, no_app, SSLB_ENOTFOUND);
        edit_fails(ah, bad_path, SSLB_EINVAL);
        edit_fails(ah, no_del, SSLB_ENOTFOUND);
    }
    edit_ok(ah, del);
    free(want);
    want = repl(old, I3 "<siteDefaults>\n",
                I3 "<site name=\"Contoso\" id=\"2\" serverAutoStart=\"true\">\n" I4 "<application path=\"/\">\n" I4
                   "</application>\n" I4 "<bindings>\n" I5
                   "<binding protocol=\"http\" bindingInformation=\"*:80:www.contoso.com\" />\n" I4 "</bindings>\n" I3
                   "</site>\n" I3 "<siteDefaults>\n");
    assert_file_text(cfg_path(dir), want);
    sslb_apphost_close(ah);
    free(old);
    free(want);
}

/* review 20, F1: the attributes Azure Pipelines' IIS task sets on every deployment */
Test(apphost, application_and_virtual_directory_attributes_are_set_in_place)
{
    char *old, *want;
    sslb_apphost *ah = fresh(&old);
    struct op site[] = {{SITE_ADD, .name = "Fab", .id = 2, .auto_start = -1, .path = "C:\\fab"}, {.kind = END}};
    struct op set[] = {{APPDEF_SET, .site = "Fab", .attr = "applicationPool", .value = "FabPool"},
                       {VDIR_SET, .site = "Fab", .app = "/", .vdir = "/", .attr = "PHYSICALPATH", .value = "D:\\new"},
                       {VDIR_SET, .site = "Fab", .app = "/", .vdir = "/", .attr = "userName", .value = ""},
                       {VDIR_SET, .site = "Fab", .app = "/", .vdir = "/", .attr = "password", .value = "p<&\"w"},
                       {APP_SET, .site = "Fab", .app = "/", .attr = "applicationPool", .value = "Pool2"},
                       {APPDEF_SET, .site = "Fab", .attr = "applicationPool", .value = "Pool3"},
                       {.kind = END}};

    edit_ok(ah, site);
    free(old);
    old = slurp(cfg_path(dir), NULL);
    edit_ok(ah, set);
    want = repl(
        old,
        I4 "<application path=\"/\">\n" I5 "<virtualDirectory path=\"/\" physicalPath=\"C:\\fab\" />\n" I4
           "</application>\n",
        I4 "<application path=\"/\" applicationPool=\"Pool2\">\n" I5
           "<virtualDirectory path=\"/\" physicalPath=\"D:\\new\" userName=\"\" password=\"p&lt;&amp;&quot;w\" />\n" I4
           "</application>\n" I4 "<applicationDefaults applicationPool=\"Pool3\" />\n");
    assert_file_text(cfg_path(dir), want);
    {
        struct op no_app[] = {{APP_SET, .site = "Fab", .app = "/none", .attr = "applicationPool", .value = "x"},
                              {.kind = END}};
        struct op no_dir[] = {
            {VDIR_SET, .site = "Fab", .app = "/", .vdir = "/none", .attr = "physicalPath", .value = "x"},
            {.kind = END}};
        struct op other[] = {{VDIR_SET, .site = "Fab", .app = "/", .vdir = "/", .attr = "logonMethod", .value = "x"},
                             {.kind = END}};
        struct op late[] = {{APP_SET, .site = "Fab", .app = "/", .attr = "applicationPool", .value = "x"},
                            {APP_SET, .site = "Fab", .app = "/none", .attr = "applicationPool", .value = "x"},
                            {.kind = END}};
        edit_fails(ah, no_app, SSLB_ENOTFOUND);
        edit_fails(ah, no_dir, SSLB_ENOTFOUND);
        edit_fails(ah, other, SSLB_EINVAL);
        edit_fails(ah, late, SSLB_ENOTFOUND);
        assert_file_text(cfg_path(dir), want);
    }
    sslb_apphost_close(ah);
    free(old);
    free(want);
}

Test(apphost, a_protocol_holding_a_colon_or_slash_is_never_stored)
{
    char *old;
    sslb_apphost *ah = fresh(&old);
    sslb_sitebinding e1[] = {SB("http:", "//contoso.com:8080")};
    struct op ops[][2] = {
        {{BIND_ADD, .site = "Default Web Site", .b = SB("http:", "//contoso.com:8080")}, {.kind = END}},
        {{BIND_ADD, .site = "Default Web Site", .b = SB("ht/tp", "*:81:")}, {.kind = END}},
        {{SITE_ADD, .name = "x", .id = 2, .auto_start = -1, .bl = e1, .nb = 1}, {.kind = END}},
        {{BIND_SET, .site = "Default Web Site", .b = SB("http", "*:80:"), .attr = "protocol", .value = "https:"},
         {.kind = END}},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) edit_fails(ah, ops[i], SSLB_EINVAL);
    assert_file_text(cfg_path(dir), old);
    sslb_apphost_close(ah);
    free(old);
}

/* One line of a test file: lvl times the file's unit u, then extra spaces, then text, LF. */
struct iline {
    int lvl, extra;
    const char *text;
};

static char *lines_text(const char *u, const struct iline *l, size_t n)
{
    char *out = calloc(1, 8192);
    size_t used = 0;
    cr_assert(out);
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < l[i].lvl; k++) used += (size_t)snprintf(out + used, 8192 - used, "%s", u);
        used += (size_t)snprintf(out + used, 8192 - used, "%*s%s\n", l[i].extra, "", l[i].text);
    }
    cr_assert_lt(used, 8192);
    return out;
}

/* spec/iis.md 5.1: a new element's indentation is its parent's and four spaces, whatever its
 * siblings have. Every element the writer creates (site, application, virtualDirectory,
 * bindings, binding), in a file indented with u. */
static void new_elements_indent(const char *u)
{
    static const struct iline before[] = {
        {0, 0, "<configuration>"},
        {1, 0, "<system.applicationHost>"},
        {2, 0, "<sites>"},
        {3, 0, "<site name=\"a\" id=\"1\">"},
        {4, 0, "<application path=\"/\">"},
        {5, 0, "<virtualDirectory path=\"/\" physicalPath=\"C:\\a\" />"},
        {4, 0, "</application>"},
        {4, 0, "<bindings>"},
        {5, 0, "<binding protocol=\"http\" bindingInformation=\"*:80:\" />"},
        {4, 0, "</bindings>"},
        {3, 0, "</site>"},
        {3, 0, "<site name=\"b\" id=\"2\">"},
        {4, 0, "<application path=\"/\">"},
        {4, 0, "</application>"},
        {3, 0, "</site>"},
        {2, 0, "</sites>"},
        {1, 0, "</system.applicationHost>"},
        {0, 0, "</configuration>"},
    };
    static const struct iline after[] = {
        {0, 0, "<configuration>"},
        {1, 0, "<system.applicationHost>"},
        {2, 0, "<sites>"},
        {3, 0, "<site name=\"a\" id=\"1\">"},
        {4, 0, "<application path=\"/\">"},
        {5, 0, "<virtualDirectory path=\"/\" physicalPath=\"C:\\a\" />"},
        {4, 0, "</application>"},
        {3, 4, "<application path=\"/x\" />"}, /* a new application: site's + 4 */
        {4, 0, "<bindings>"},
        {5, 0, "<binding protocol=\"http\" bindingInformation=\"*:80:\" />"},
        {4, 4, "<binding protocol=\"https\" bindingInformation=\"*:443:\" />"}, /* bindings' + 4 */
        {4, 0, "</bindings>"},
        {3, 0, "</site>"},
        {3, 0, "<site name=\"b\" id=\"2\">"},
        {4, 0, "<application path=\"/\">"},
        {4, 4, "<virtualDirectory path=\"/\" physicalPath=\"C:\\b\" />"}, /* application's + 4 */
        {4, 0, "</application>"},
        {3, 4, "<bindings>"}, /* a new <bindings>: site's + 4, not its sibling's */
        {3, 8, "<binding protocol=\"http\" bindingInformation=\"*:81:\" />"},
        {3, 4, "</bindings>"},
        {3, 0, "</site>"},
        {2, 4, "<site name=\"c\" id=\"3\">"}, /* a new site: <sites>' + 4 */
        {2, 8, "<application path=\"/\">"},
        {2, 12, "<virtualDirectory path=\"/\" physicalPath=\"C:\\c\" />"},
        {2, 8, "</application>"},
        {2, 8, "<bindings>"},
        {2, 12, "<binding protocol=\"http\" bindingInformation=\"*:82:\" />"},
        {2, 8, "</bindings>"},
        {2, 4, "</site>"},
        {2, 0, "</sites>"},
        {1, 0, "</system.applicationHost>"},
        {0, 0, "</configuration>"},
    };
    char *text = lines_text(u, before, sizeof before / sizeof before[0]);
    char *want = lines_text(u, after, sizeof after / sizeof after[0]);
    sslb_sitebinding nb[] = {SB("http", "*:82:")};
    struct op ops[] = {{BIND_ADD, .site = "a", .b = SB("https", "*:443:")},
                       {BIND_ADD, .site = "b", .b = SB("http", "*:81:")},
                       {APP_ADD, .site = "a", .app = "/x"},
                       {VDIR_ADD, .site = "b", .app = "/", .vdir = "/", .path = "C:\\b"},
                       {SITE_ADD, .name = "c", .id = 3, .auto_start = -1, .path = "C:\\c", .bl = nb, .nb = 1},
                       {.kind = END}};

    put_config(text);
    sslb_apphost *ah = open_ok(dir, NULL);
    edit_ok(ah, ops);
    assert_file_text(cfg_path(dir), want);
    sslb_apphost_close(ah);
    free(text);
    free(want);
}

Test(apphost, new_elements_take_their_parents_indentation_and_four_spaces)
{
    new_elements_indent("\t");
    new_elements_indent("  ");
}

/* ---- siteDefaults bindings: inherited unless cleared (IIS's collection merge) ---------------------- */

/* A file whose <siteDefaults> has two bindings, and sites that inherit them in each way. */
#define DEFAULTS_FILE(sites)                                                                                           \
    "<configuration>\n    <system.applicationHost>\n        <sites>\n" sites I3 "<siteDefaults>\n" I4                  \
    "<bindings>\n" I5 "<binding protocol=\"http\" bindingInformation=\"*:8000:\" />\n" I5                              \
    "<binding protocol=\"https\" bindingInformation=\"*:443:\" sslFlags=\"0\" />\n" I4 "</bindings>\n" I3              \
    "</siteDefaults>\n        </sites>\n    </system.applicationHost>\n</configuration>\n"

#define S_NONE I3 "<site name=\"None\" id=\"1\">\n" I4 "<application path=\"/\" />\n" I3 "</site>\n"
#define S_OWN                                                                                                          \
    I3 "<site name=\"Own\" id=\"2\">\n" I4 "<bindings>\n" I5                                                           \
       "<binding protocol=\"http\" bindingInformation=\"*:81:\" />\n" I4 "</bindings>\n" I3 "</site>\n"
#define S_CLEAR                                                                                                        \
    I3 "<site name=\"Clear\" id=\"3\">\n" I4 "<bindings>\n" I5 "<clear />\n" I5                                        \
       "<binding protocol=\"http\" bindingInformation=\"*:82:\" />\n" I4 "</bindings>\n" I3 "</site>\n"
#define S_MID                                                                                                          \
    I3 "<site name=\"Mid\" id=\"4\">\n" I4 "<bindings>\n" I5                                                           \
       "<binding protocol=\"http\" bindingInformation=\"*:83:\" />\n" I5 "<clear />\n" I5                              \
       "<binding protocol=\"http\" bindingInformation=\"*:84:\" />\n" I4 "</bindings>\n" I3 "</site>\n"

static void assert_bindings(const sslb_apphost *ah, const char *site, const char *want)
{
    char got[512] = "";
    size_t used = 0;
    long i = sslb_apphost_find_name(ah, site);
    cr_assert_geq(i, 0, "no site %s", site);
    const sslb_site *s = sslb_apphost_site(ah, (size_t)i);
    for (size_t k = 0; k < s->nbindings; k++)
        used += (size_t)snprintf(got + used, sizeof got - used, "%s%s%s/%s", k ? "," : "",
                                 s->bindings[k].inherited ? "^" : "", s->bindings[k].protocol, s->bindings[k].info);
    cr_assert_str_eq(got, want, "site %s: %s, want %s", site, got, want);
}

Test(apphost, site_defaults_bindings_are_inherited_unless_cleared)
{
    size_t nd;
    put_config(DEFAULTS_FILE(S_NONE S_OWN S_CLEAR S_MID));
    sslb_apphost *ah = open_ok(dir, NULL);
    const sslb_sitebinding *def = sslb_apphost_default_bindings(ah, &nd);

    cr_assert_eq(nd, 2);
    cr_assert_str_eq(def[1].info, "*:443:");
    assert_bindings(ah, "None", "^http/*:8000:,^https/*:443:");
    assert_bindings(ah, "Own", "^http/*:8000:,^https/*:443:,http/*:81:");
    assert_bindings(ah, "Clear", "http/*:82:");
    assert_bindings(ah, "Mid", "http/*:84:"); /* a <clear /> drops every entry before it */
    cr_assert_eq(sslb_apphost_binding_find(ah, 1, "HTTPS", "*:443:"), 1);
    cr_assert_eq(sslb_apphost_site(ah, 0)->bindings[1].has_ssl_flags, 1);
    cr_assert_eq(sslb_apphost_binding_find(ah, 2, "https", "*:443:"), -1);
    sslb_apphost_close(ah);
}

Test(apphost, site_defaults_edits_write_the_sites_own_bindings)
{
    const char *file = DEFAULTS_FILE(S_NONE S_OWN S_CLEAR);
    char *want;
    put_config(file);
    sslb_apphost *ah = open_ok(dir, NULL);

    /* appending needs nothing of the inherited ones: a <bindings> of the site's own */
    struct op add[] = {{BIND_ADD, .site = "None", .b = SB("http", "*:90:")}, {.kind = END}};
    edit_ok(ah, add);
    want = repl(file, I4 "<application path=\"/\" />\n",
                I4 "<application path=\"/\" />\n" I4 "<bindings>\n" I5
                   "<binding protocol=\"http\" bindingInformation=\"*:90:\" />\n" I4 "</bindings>\n");
    assert_file_text(cfg_path(dir), want);
    assert_bindings(ah, "None", "^http/*:8000:,^https/*:443:,http/*:90:");

    /* duplicates of inherited ones are duplicates */
    struct op dup[] = {{BIND_ADD, .site = "Own", .b = SB("http", "*:8000:")}, {.kind = END}};
    sslb_sitebinding nb[] = {SB("HTTPS", "*:443:")};
    struct op dup_site[] = {{SITE_ADD, .name = "New", .id = 9, .auto_start = -1, .bl = nb, .nb = 1}, {.kind = END}};
    edit_fails(ah, dup, SSLB_EEXISTS);
    edit_fails(ah, dup_site, SSLB_EEXISTS);

    /* removing an inherited one: a <clear /> and copies of the others (no remove directive) */
    struct op del[] = {{BIND_DEL, .site = "Own", .b = SB("http", "*:8000:")}, {.kind = END}};
    edit_ok(ah, del);
    free(want);
    {
        char *before = repl(file, I4 "<application path=\"/\" />\n",
                            I4 "<application path=\"/\" />\n" I4 "<bindings>\n" I5
                               "<binding protocol=\"http\" bindingInformation=\"*:90:\" />\n" I4 "</bindings>\n");
        want = repl(before, I4 "<bindings>\n" I5 "<binding protocol=\"http\" bindingInformation=\"*:81:\" />\n",
                    I4 "<bindings>\n" I5 "<clear />\n" I5
                       "<binding protocol=\"https\" bindingInformation=\"*:443:\" sslFlags=\"0\" />\n" I5
                       "<binding protocol=\"http\" bindingInformation=\"*:81:\" />\n");
        free(before);
    }
    assert_file_text(cfg_path(dir), want);
    assert_bindings(ah, "Own", "https/*:443:,http/*:81:");

    /* changing an inherited one, and inserting before one, make them the site's own the same way */
    struct op set[] = {{BIND_SET, .site = "None", .b = SB("https", "*:443:"), .attr = "sslFlags", .value = "1"},
                       {.kind = END}};
    edit_ok(ah, set);
    char *w2 = repl(want, I5 "<binding protocol=\"http\" bindingInformation=\"*:90:\" />\n",
                    I5 "<clear />\n" I5 "<binding protocol=\"http\" bindingInformation=\"*:8000:\" />\n" I5
                       "<binding protocol=\"https\" bindingInformation=\"*:443:\" sslFlags=\"1\" />\n" I5
                       "<binding protocol=\"http\" bindingInformation=\"*:90:\" />\n");
    assert_file_text(cfg_path(dir), w2);
    assert_bindings(ah, "None", "http/*:8000:,https/*:443:,http/*:90:");
    cr_assert_eq(sslb_apphost_site(ah, 0)->bindings[1].ssl_flags, 1);
    sslb_apphost_close(ah);
    free(want);
    free(w2);

    /* @start before an inherited binding, on a site with no <bindings> of its own */
    put_config(file);
    ah = open_ok(dir, NULL);
    struct op ins[] = {{BIND_INSERT, .site = "None", .pos = 0, .b = SB("http", "*:91:")}, {.kind = END}};
    edit_ok(ah, ins);
    want = repl(file, I4 "<application path=\"/\" />\n",
                I4 "<application path=\"/\" />\n" I4 "<bindings>\n" I5 "<clear />\n" I5
                   "<binding protocol=\"http\" bindingInformation=\"*:91:\" />\n" I5
                   "<binding protocol=\"http\" bindingInformation=\"*:8000:\" />\n" I5
                   "<binding protocol=\"https\" bindingInformation=\"*:443:\" sslFlags=\"0\" />\n" I4 "</bindings>\n");
    assert_file_text(cfg_path(dir), want);
    assert_bindings(ah, "None", "http/*:91:,http/*:8000:,https/*:443:");
    sslb_apphost_close(ah);
    free(want);
}

Test(apphost, site_defaults_damaged_bindings_are_config_errors)
{
    static const struct {
        const char *what, *sites;
        long line;
        const char *text;
    } bad[] = {
        {"a <remove> (the collection has no remove directive)",
         I3 "<site name=\"R\" id=\"1\">\n" I4 "<bindings>\n" I5
            "<remove protocol=\"http\" bindingInformation=\"*:8000:\" />\n" I4 "</bindings>\n" I3 "</site>\n",
         6, "Unrecognized element 'remove'"},
        {"an own binding equal to an inherited one",
         I3 "<site name=\"D\" id=\"1\">\n" I4 "<bindings>\n" I5
            "<binding protocol=\"http\" bindingInformation=\"*:8000:\" />\n" I4 "</bindings>\n" I3 "</site>\n",
         6, "Cannot add duplicate collection entry of type 'binding'"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char text[4096];
        sslb_apphost *ah = NULL;
        sslb_diag d = {{0}};
        snprintf(text, sizeof text, DEFAULTS_FILE("%s"), bad[k].sites);
        put_config(text);
        cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_ECORRUPT, "%s", bad[k].what);
        cr_assert(strstr(d.text, bad[k].text), "%s: %s", bad[k].what, d.text);
        cr_assert_eq(sslb_apphost_error_line(ah), bad[k].line, "%s: line %ld", bad[k].what,
                     sslb_apphost_error_line(ah));
        sslb_apphost_close(ah);
    }
}

/* ---- hostile files (review 8) ------------------------------------------------------------------ */

/* text as the configuration: refused as corrupt at line, the detail holding want, the file unchanged
 * and an edit refused. */
static void refused_at(const char *text, size_t len, long line, const char *want)
{
    sslb_apphost *ah = NULL;
    sslb_diag d = {{0}};
    struct op ops[] = {{SITE_ADD, .name = "new", .id = 50, .auto_start = -1}, {.kind = END}};

    spit(cfg_path(dir), text, len);
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_ECORRUPT, "%s", text);
    cr_assert(ah);
    cr_assert_eq(sslb_apphost_error_line(ah), line, "line %ld, want %ld: %s", sslb_apphost_error_line(ah), line, text);
    cr_assert(strstr(d.text, want) || strstr(sslb_apphost_error_detail(ah), want), "want '%s' in '%s' / '%s'", want,
              d.text, sslb_apphost_error_detail(ah));
    cr_assert_eq(sslb_apphost_count(ah), 0);
    cr_assert_eq(edit(ah, ops, &d), SSLB_ECORRUPT);
    assert_file(cfg_path(dir), text, len);
    sslb_apphost_close(ah);
}

#define SITES_BODY                                                                                                     \
    "<configuration>\n  <system.applicationHost>\n    <sites>\n"                                                       \
    "      <site name=\"S\" id=\"1\">\n        <bindings>\n"                                                           \
    "          <binding protocol=\"http\" bindingInformation=\"*:80:\" />\n"                                           \
    "        </bindings>\n      </site>\n    </sites>\n  </system.applicationHost>\n</configuration>\n"

Test(apphost, a_doctype_is_refused_at_its_line)
{
    const char *decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    const char *cases[] = {
        "<!DOCTYPE configuration>\n",
        "<!DOCTYPE configuration SYSTEM \"file:///etc/passwd\">\n",
        "<!DOCTYPE configuration [ <!ENTITY e \"*:80:\"> ]>\n",
        /* the decoy: a comment in the internal subset holding "]>" and a copy of the markup */
        "<!DOCTYPE configuration [ <!-- ]> " SITES_BODY " --> ]>\n",
        "<!-- a comment first -->\n<?pi x?>\n<!DOCTYPE configuration [ <!ENTITY s \"<site name='E' id='9'/>\"> ]>\n",
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char text[4096];
        int n = snprintf(text, sizeof text, "%s%s%s", decl, cases[k], SITES_BODY);
        const char *dt = strstr(text, "<!DOCTYPE");
        long line = 1;
        for (const char *p = text; p < dt; p++) line += *p == '\n';
        refused_at(text, (size_t)n, line, "DOCTYPE");
    }
}

/* 20 000 references to a 50 kB entity in one attribute: 110 kB of file, 1 GB if expanded. Refused
 * before anything expands it (a hang here is the test's timeout). */
Test(apphost, quadratic_entity_expansion_is_refused, .timeout = 60)
{
    size_t cap = 200000, n = 0;
    char *t = malloc(cap);
    cr_assert(t);
    n += (size_t)snprintf(t + n, cap - n, "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY a \"");
    for (int i = 0; i < 50000; i++) t[n++] = 'x';
    n += (size_t)snprintf(t + n, cap - n,
                          "\">]>\n<configuration><system.applicationHost><sites>"
                          "<site name=\"S\" id=\"1\"><bindings><binding protocol=\"http\" "
                          "bindingInformation=\"");
    for (int i = 0; i < 20000; i++) n += (size_t)snprintf(t + n, cap - n, "&a;");
    n += (size_t)snprintf(t + n, cap - n, "\" /></bindings></site></sites></system.applicationHost></configuration>\n");
    cr_assert_lt(n, cap);
    refused_at(t, n, 2, "DOCTYPE");

    /* the same through redirection.config: refused, nothing written */
    char redir[128];
    sslb_apphost *ah = NULL;
    sslb_diag d = {{0}};
    unlink(cfg_path(dir));
    snprintf(redir, sizeof redir, "%s/redirection.config", dir);
    n = (size_t)snprintf(t, cap,
                         "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY a \"%s\">]>\n"
                         "<configuration><configurationRedirection enabled=\"true\" path=\"/&a;&a;\" />"
                         "</configuration>\n",
                         "/farm");
    spit(redir, t, n);
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_ECORRUPT);
    cr_assert(strstr(d.text, "DOCTYPE") && strstr(d.text, ":2:"), "%s", d.text);
    cr_assert_neq(access(cfg_path(dir), F_OK), 0);
    sslb_apphost_close(ah);
    free(t);
}

Test(apphost, not_utf8_is_refused_with_its_reason)
{
    const char latin1[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" SITES_BODY;
    const char utf16bom[] = "\xFF\xFE<\0?\0x\0m\0l\0";
    const char utf16le[] = "<\0?\0x\0m\0l\0 \0";
    const char utf16be[] = "\0<\0?\0x\0m\0l";
    const char utf32[] = "\xFF\xFE\0\0<\0\0\0";
    refused_at(latin1, sizeof latin1 - 1, 1, "encoding \"ISO-8859-1\"");
    refused_at(utf16bom, sizeof utf16bom - 1, 1, "UTF-16");
    refused_at(utf16le, sizeof utf16le - 1, 1, "UTF-16");
    refused_at(utf16be, sizeof utf16be - 1, 1, "UTF-16");
    refused_at(utf32, sizeof utf32 - 1, 1, "UTF-32");
    /* UTF-8 in any case, or no declaration at all, is read */
    const char *ok[] = {"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" SITES_BODY,
                        "\xEF\xBB\xBF<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" SITES_BODY, SITES_BODY};
    for (size_t k = 0; k < 3; k++) {
        put_config(ok[k]);
        sslb_apphost *ah = open_ok(dir, NULL);
        cr_assert_eq(sslb_apphost_count(ah), 1);
        sslb_apphost_close(ah);
    }
}

/* A second sites section would be ignored and its ids reused by the next add: IIS refuses it. */
Test(apphost, a_second_sites_section_is_refused)
{
    const char *two_sites = "<?xml version=\"1.0\"?>\n<configuration>\n  <system.applicationHost>\n"
                            "    <sites>\n      <site name=\"S\" id=\"1\" />\n    </sites>\n"
                            "    <sites>\n      <site name=\"T\" id=\"2\" />\n    </sites>\n"
                            "  </system.applicationHost>\n</configuration>\n";
    const char *two_groups = "<?xml version=\"1.0\"?>\n<configuration>\n  <system.applicationHost>\n"
                             "    <sites>\n      <site name=\"S\" id=\"1\" />\n    </sites>\n"
                             "  </system.applicationHost>\n  <system.applicationHost>\n"
                             "    <sites>\n      <site name=\"T\" id=\"2\" />\n    </sites>\n"
                             "  </system.applicationHost>\n</configuration>\n";
    const char *what = "There is a duplicate 'system.applicationHost/sites' section defined";
    refused_at(two_sites, strlen(two_sites), 7, what);
    refused_at(two_groups, strlen(two_groups), 9, what);
    /* a second group without sites is carried through */
    const char *other = "<?xml version=\"1.0\"?>\n<configuration>\n  <system.applicationHost>\n"
                        "    <sites>\n      <site name=\"S\" id=\"1\" />\n    </sites>\n"
                        "  </system.applicationHost>\n  <system.applicationHost>\n    <log />\n"
                        "  </system.applicationHost>\n</configuration>\n";
    put_config(other);
    sslb_apphost *ah = open_ok(dir, NULL);
    cr_assert_eq(sslb_apphost_count(ah), 1);
    sslb_apphost_close(ah);
    /* the section or its group in another case is none of IIS's (its names are case-sensitive):
     * refused, not read as a file without sites (where an add would make a second section) */
    const char *cased = "<?xml version=\"1.0\"?>\n<configuration>\n  <system.applicationHost>\n"
                        "    <Sites>\n      <site name=\"S\" id=\"1\" />\n    </Sites>\n"
                        "  </system.applicationHost>\n</configuration>\n";
    const char *cased_group = "<?xml version=\"1.0\"?>\n<configuration>\n  <system.applicationHost />\n"
                              "  <System.ApplicationHost>\n    <sites />\n  </System.ApplicationHost>\n"
                              "</configuration>\n";
    refused_at(cased, strlen(cased), 4, "The configuration section 'Sites' cannot be read");
    refused_at(cased_group, strlen(cased_group), 4, "section 'System.ApplicationHost' cannot be read");
}

/* Elements sslbind would drop or pair wrongly: a config error naming them, at their line. */
Test(apphost, unrecognized_or_repeated_elements_are_refused)
{
#define HEAD "<?xml version=\"1.0\"?>\n<configuration>\n<system.applicationHost>\n<sites>\n"
#define TAIL "</sites>\n</system.applicationHost>\n</configuration>\n"
    const char *ns = HEAD "<site xmlns:q=\"urn:q\" name=\"S\" id=\"1\">\n<bindings>\n"
                          "<q:binding protocol=\"http\" bindingInformation=\"*:99:\" />\n"
                          "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n</bindings>\n</site>\n" TAIL;
    const char *cased = HEAD "<Site name=\"S\" id=\"1\" />\n" TAIL;
    const char *cased_b = HEAD "<site name=\"S\" id=\"1\">\n<Bindings>\n</Bindings>\n</site>\n" TAIL;
    const char *twice = HEAD "<site name=\"S\" id=\"1\">\n<bindings>\n"
                             "<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n</bindings>\n"
                             "<bindings>\n<binding protocol=\"http\" bindingInformation=\"*:81:\" />\n</bindings>\n"
                             "</site>\n" TAIL;
    refused_at(ns, strlen(ns), 7, "Unrecognized element 'q:binding'");
    refused_at(cased, strlen(cased), 5, "Unrecognized element 'Site'");
    refused_at(cased_b, strlen(cased_b), 6, "Unrecognized element 'Bindings'");
    refused_at(twice, strlen(twice), 9, "'bindings' may appear only once");

    /* a namespaced attribute is not the attribute: both readings agree, and an edit lands right */
    const char *attr = HEAD "<site xmlns:q=\"urn:q\" name=\"S\" id=\"1\">\n<bindings>\n"
                            "<binding q:protocol=\"ftp\" protocol=\"http\" bindingInformation=\"*:80:\" q:x=\"1\" />\n"
                            "</bindings>\n</site>\n" TAIL;
    put_config(attr);
    sslb_apphost *ah = open_ok(dir, NULL);
    cr_assert_eq(sslb_apphost_count(ah), 1);
    cr_assert_str_eq(sslb_apphost_site(ah, 0)->bindings[0].protocol, "http");
    struct op ops[] = {{BIND_SET, .site = "S", .b = SB("http", "*:80:"), .attr = "protocol", .value = "https"},
                       {.kind = END}};
    edit_ok(ah, ops);
    char *want = repl(attr, " protocol=\"http\"", " protocol=\"https\"");
    assert_file_text(cfg_path(dir), want);
    free(want);
    sslb_apphost_close(ah);
#undef HEAD
#undef TAIL
}

/* text with every LF turned into CR (malloc'd). */
static char *lf_to_cr(const char *text)
{
    char *out = strdup(text);
    cr_assert(out);
    for (char *p = out; *p; p++)
        if (*p == '\n') *p = '\r';
    return out;
}

/* A file whose lines end in CR alone: an edit keeps CR, and the new line's indentation. */
Test(apphost, cr_only_line_ends_are_kept)
{
    char *lf = fresh_text(), *cr = lf_to_cr(lf);
    put_config(cr);
    sslb_apphost *ah = open_ok(dir, NULL);
    struct op add[] = {{BIND_ADD, .site = "Default Web Site", .b = SB("https", "*:443:")}, {.kind = END}};
    struct op del[] = {{BIND_DEL, .site = "Default Web Site", .b = SB("https", "*:443:")}, {.kind = END}};
    edit_ok(ah, add);
    char *want_lf = repl(lf, "bindingInformation=\"*:80:\" />\n",
                         "bindingInformation=\"*:80:\" />\n"
                         "                    <binding protocol=\"https\" bindingInformation=\"*:443:\" />\n");
    char *want = lf_to_cr(want_lf);
    assert_file_text(cfg_path(dir), want);
    edit_ok(ah, del);
    assert_file_text(cfg_path(dir), cr);
    sslb_apphost_close(ah);
    free(lf);
    free(cr);
    free(want_lf);
    free(want);
}

/* <site …></site> on one line: the first child goes on lines of its own, and so does </site>, at
 * the site's indentation (spec/iis.md 5.1: whole lines). */
Test(apphost, a_child_of_an_empty_element_on_one_line_breaks_its_end_tag)
{
    const char *text =
        "<configuration>\n  <system.applicationHost>\n    <sites>\n      <site name=\"B\" id=\"2\"></site>\n"
        "      <site name=\"C\" id=\"3\">  </site>\n    </sites>\n  </system.applicationHost>\n"
        "</configuration>\n";
    char *want, *tmp;
    put_config(text);
    sslb_apphost *ah = open_ok(dir, NULL);
    struct op ops[] = {{BIND_ADD, .site = "B", .b = SB("http", "*:82:")},
                       {BIND_ADD, .site = "C", .b = SB("http", "*:83:")},
                       {.kind = END}};
    edit_ok(ah, ops);
    tmp = repl(text, "      <site name=\"B\" id=\"2\"></site>\n",
               "      <site name=\"B\" id=\"2\">\n          <bindings>\n              <binding protocol=\"http\" "
               "bindingInformation=\"*:82:\" />\n          </bindings>\n      </site>\n");
    want = repl(tmp, "      <site name=\"C\" id=\"3\">  </site>\n",
                "      <site name=\"C\" id=\"3\">\n          <bindings>\n              <binding protocol=\"http\" "
                "bindingInformation=\"*:83:\" />\n          </bindings>\n      </site>\n");
    assert_file_text(cfg_path(dir), want);
    sslb_apphost_close(ah);
    free(tmp);
    free(want);
}

/* ---- backups (appcmd's BACKUP object) ---------------------------------------------------------- */

Test(apphost, backup_names_are_windows_directory_names)
{
    static const char *const good[] = {"MyBackup", "20060519T172530", "Before Change", "a.b", ".hidden", "CONSOLE"};
    static const char *const bad[] = {"",     ".",    "..",  "a/b",     "a\\b", "a:b",     "a*",
                                      "a?",   "a\"b", "a<b", "a>b",     "a|b",  "a\tb",    "end.",
                                      "end ", "NUL",  "con", "nul.txt", "COM1", "lpt9.log"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        cr_expect_eq(sslb_backup_name_check(good[i], NULL), SSLB_OK, "%s refused", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sslb_diag d = {{0}};
        cr_expect_eq(sslb_backup_name_check(bad[i], &d), SSLB_EINVAL, "\"%s\" taken", bad[i]);
        cr_expect(d.text[0], "no reason for \"%s\"", bad[i]);
    }
}

Test(apphost, backup_add_list_read_delete)
{
    char made[256], **names;
    size_t n;
    sslb_backup b;
    sslb_diag d = {{0}};
    char *text;
    sslb_apphost *ah = fresh(&text);

    cr_assert_eq(sslb_backup_add(dir, "Zed", made, sizeof made, &d), SSLB_OK, "%s", d.text);
    cr_assert_eq(sslb_backup_add(dir, "alpha", made, sizeof made, &d), SSLB_OK, "%s", d.text);
    cr_expect_eq(sslb_backup_add(dir, "ZED", made, sizeof made, &d), SSLB_EEXISTS); /* any case */
    cr_expect_eq(sslb_backup_add(dir, "a:b", made, sizeof made, &d), SSLB_EINVAL);
    cr_assert_eq(sslb_backup_list(dir, &names, &n, &d), SSLB_OK);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(names[0], "alpha"); /* sorted without case */
    cr_expect_str_eq(names[1], "Zed");
    sslb_backup_names_free(names, n);
    cr_assert_eq(sslb_backup_read(dir, "zed", &b, &d), SSLB_OK, "%s", d.text);
    cr_expect_str_eq(b.name, "Zed");
    cr_assert(b.config);
    cr_expect(b.len == strlen(text) && memcmp(b.config, text, b.len) == 0);
    cr_expect(!b.has_redirection && !b.shared);
    sslb_backup_free(&b);
    cr_expect_eq(sslb_backup_delete(dir, "ZED", &d), SSLB_OK, "%s", d.text);
    cr_expect_eq(sslb_backup_delete(dir, "Zed", &d), SSLB_ENOTFOUND);
    cr_expect_eq(sslb_backup_read(dir, "Zed", &b, &d), SSLB_ENOTFOUND);
    char bdir[128];
    snprintf(bdir, sizeof bdir, "%s/backup", dir);
    assert_only_files(bdir, (const char *const[]){":lock", "alpha", NULL});
    sslb_apphost_close(ah);
    free(text);
}

/* A restore replaces a damaged file (what an edit never does), refuses a text that is no
 * configuration with nothing written, and writes nothing for the text the file holds. */
Test(apphost, restore_replaces_a_damaged_file_and_refuses_a_damaged_text)
{
    char *text;
    sslb_apphost *ah = fresh(&text);
    sslb_diag d = {{0}};
    struct stat before, after;

    cr_assert_eq(stat(cfg_path(dir), &before), 0);
    cr_expect_eq(sslb_apphost_restore(ah, text, strlen(text), NULL, NULL, &d), SSLB_OK, "%s", d.text);
    cr_assert_eq(stat(cfg_path(dir), &after), 0);
    cr_expect_eq(before.st_ino, after.st_ino, "the same text again was written");
    static const char broken[] = "<configuration><system.applicationHost><sites>";
    cr_expect_eq(sslb_apphost_restore(ah, broken, strlen(broken), NULL, NULL, &d), SSLB_ECORRUPT);
    assert_file(cfg_path(dir), text, strlen(text));
    replace_file(cfg_path(dir), broken, strlen(broken));
    cr_expect_eq(sslb_apphost_refresh(ah, &d), SSLB_ECORRUPT);
    cr_expect_eq(sslb_apphost_restore(ah, text, strlen(text), NULL, NULL, &d), SSLB_OK, "%s", d.text);
    assert_file(cfg_path(dir), text, strlen(text));
    cr_expect_eq(sslb_apphost_refresh(ah, &d), SSLB_OK, "%s", d.text);
    cr_expect_eq(sslb_apphost_count(ah), 1);
    sslb_apphost_close(ah);
    free(text);
}
