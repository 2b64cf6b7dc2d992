/* appcmd.c — appcmd's grammar and texts over the IIS model (sslb/apphost.h): list, add, set,
 * delete, start and stop site; set and list config for system.applicationHost/sites.
 *
 * appcmd is not a netsh context: `VERB OBJECT [ID] /param:value…`, exact verbs, Win32 exit codes.
 * Words arrive as cmd.exe leaves them (double quotes removed, single quotes kept). Output is
 * appcmd's, byte for byte (LF line ends); a failure prints appcmd's text on standard output and,
 * on standard error, the code appcmd exits with on Windows and what was wrong. Each change is one
 * transaction on applicationHost.config, then WAS catches up. Nothing here touches bindings.reg.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shell.h"

#define MAX_KEYS 8

/* ---- words -------------------------------------------------------------------------------- */

/* A word that runs program `name` from cmd.exe: the name alone or a path ending in \name or /name,
 * with or without ".exe" (cmd.exe tries PATHEXT), ASCII case-insensitive. */
int is_program_word(const char *w, const char *name)
{
    size_t n = strlen(w), nl = strlen(name);

    if (n >= 4 && sslb_ascii_casecmp(w + n - 4, ".exe") == 0) n -= 4;
    if (n < nl || sslb_ascii_ncasecmp(w + n - nl, name, nl) != 0) return 0;
    return n == nl || w[n - nl - 1] == '\\' || w[n - nl - 1] == '/';
}

int is_appcmd_word(const char *w)
{
    return is_program_word(w, "appcmd");
}

/* One /name:value parameter. */
struct param {
    char name[512];    /* as typed, without the leading / or - */
    const char *value; /* NULL when there was no ':' outside brackets */
    int used;
};

struct cmdline {
    const char *verb, *object, *id; /* positional words (NULL if absent) */
    struct param *p;                /* one per word at most (parse_line allocates them; cmdline_free) */
    int np;
    int help, xml, config;
    const char *text; /* /text: value, NULL if none */
    const char *apphostconfig;
};

/* A collection indexer: [@position,] key=value, … */
struct indexer {
    int pos; /* -1 none, -2 @start, -3 @end, else N */
    int n;
    char key[MAX_KEYS][64];
    char val[MAX_KEYS][1024];
};

/* An element path: [site].bindings.[binding].attr, each part optional. */
struct epath {
    int has_site;
    struct indexer site;
    int bindings; /* names the bindings collection */
    int has_binding;
    struct indexer binding;
    int has_app, has_vdir; /* [site].[application] and [site].[application].[virtualDirectory] */
    struct indexer app, vdir;
    int app_defaults; /* [site].applicationDefaults.attr */
    char attr[64];    /* "" if none */
};

/* ---- failures ----------------------------------------------------------------------------- */

/* A copy of user text to echo, without a terminal's escape sequences (echo_safe); free it. NULL
 * out of memory: the callers show "?". */
static char *safe_copy(const char *s)
{
    char *c = strdup(s ? s : "");
    if (c) echo_safe(c);
    return c;
}

int appcmd_vfail(struct shell *sh, int win32, const char *out, const char *fmt, va_list ap)
{
    char *why;

    fputs(out, sh->out);
    why = format_whole(fmt, ap); /* the whole reason, however long */
    if (why) echo_safe(why);     /* it may quote what was typed: no terminal escape reaches the screen */
    explain(sh, "appcmd exits %d on Windows: %s", win32, why ? why : "(no memory for the reason)");
    free(why);
    return 1;
}

/* appcmd's text on standard output, the Windows exit code and why on standard error. Returns 1. */
static int fail(struct shell *sh, int win32, const char *out, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(struct shell *sh, int win32, const char *out, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    appcmd_vfail(sh, win32, out, fmt, ap);
    va_end(ap);
    return 1;
}

static int fail_msg(struct shell *sh, int win32, const char *msg, const char *why)
{
    fprintf(sh->out, "ERROR ( message:%s )\n", msg);
    return fail(sh, win32, "", "%s", why);
}

static int no_site(struct shell *sh, const char *id)
{
    char *shown = safe_copy(id);
    fprintf(sh->out, "ERROR ( message:Cannot find SITE object with identifier \"%s\". )\n", shown ? shown : "?");
    free(shown);
    return fail(sh, 1168, "", "no site has that name (appcmd list site shows them)");
}

static int need_id(struct shell *sh)
{
    return fail_msg(sh, 87, "Must specify the SITE object with identifier.",
                    "name the site: appcmd VERB site \"Name\" or /site.name:\"Name\"");
}

/* appcmd's text for a parameter it does not know, the name echoed safely. */
static void print_unknown(struct shell *sh, const char *attr)
{
    char *shown = safe_copy(attr);
    fprintf(sh->out, "ERROR ( message:Unknown attribute \"%s\".  Replace with -? for help. )\n", shown ? shown : "?");
    free(shown);
}

/* An attribute IIS's schema has that sslbind does not emulate: appcmd's text, and why. */
static int not_emulated(struct shell *sh, const char *attr, const char *what)
{
    print_unknown(sh, attr);
    return fail(sh, 87, "", "sslbind does not emulate %s, which IIS has; nothing changed (docs/iis.md)", what);
}

/* The element of a name IIS's sites section has and sslbind does not emulate (review 20, F2):
 * siteDefaults.…, [name='S'].limits.…, logFile.…; NULL for any other name. */
static const char *iis_only(const char *name)
{
    static const char *const elements[] = {"siteDefaults",
                                           "applicationDefaults",
                                           "virtualDirectoryDefaults",
                                           "limits",
                                           "logFile",
                                           "traceFailedRequestsLogging",
                                           "ftpServer",
                                           "hsts",
                                           NULL};
    const char *a = name + (name[0] == '+' || name[0] == '-');
    if (*a == '[') { /* [name='S']. */
        int q = 0;
        for (a++; *a && (q || *a != ']'); a++)
            if (*a == '\'') q = !q;
        if (a[0] != ']' || a[1] != '.') return NULL;
        a += 2;
    }
    size_t n = strcspn(a, ".[");
    for (const char *const *e = elements; *e; e++)
        if (strlen(*e) == n && sslb_ascii_ncasecmp(a, *e, n) == 0 && a[n] == '.') return *e;
    return NULL;
}

static int unknown_attr(struct shell *sh, const char *attr)
{
    const char *el = iis_only(attr);
    if (el && strcmp(el, "applicationDefaults") == 0) { /* a site's own is emulated */
        print_unknown(sh, attr);
        return fail(
            sh, 87, "",
            "sslbind emulates a site's own <applicationDefaults> (set site or add site "
            "/applicationDefaults.applicationPool:P, set config /[name='S'].applicationDefaults.applicationPool:P), "
            "not this one, which IIS has; nothing changed (docs/iis.md)");
    }
    if (el) {
        char what[64];
        snprintf(what, sizeof what, "<%s>", el);
        return not_emulated(sh, attr, what);
    }
    print_unknown(sh, attr);
    return fail(sh, 87, "", "that parameter means nothing to this command");
}

static int invalid_value(struct shell *sh, const char *attr, const char *value, const char *why)
{
    char *v = safe_copy(value), *a = safe_copy(attr);
    fprintf(sh->out, "ERROR ( message:Invalid value \"%s\" for attribute \"%s\". )\n", v ? v : "?", a ? a : "?");
    free(v);
    free(a);
    return fail(sh, 13, "", "%s", why);
}

static int malformed(struct shell *sh, const char *what)
{
    return fail_msg(sh, 87,
                    "Malformed collection indexer; format is [@position,name='value',name2='value2',...].  The "
                    "@position specifier is optional, and be '@start', '@end', or '@N' where N is a numeric index "
                    "into the collection.",
                    what);
}

/* An indexer sslbind cannot hold whole: refused, never cut. */
static int too_large(struct shell *sh, const char *param)
{
    (void)param; /* spec/iis.md section 3: anything but a well-formed indexer is "Malformed" */
    return malformed(sh, "a collection indexer holds at most 8 keys, names of 63 characters and values of 1023");
}

static int not_found_element(struct shell *sh, const char *what)
{
    return fail_msg(sh, 4312, "Cannot find requested collection element.", what);
}

/* not_found_element naming the parameter as typed (terminal-safe) after what; fallback when it
 * cannot be copied. */
static int not_found_param(struct shell *sh, const char *what, const char *param, const char *fallback)
{
    char *shown = safe_copy(param);
    int r = fail(sh, 4312, "ERROR ( message:Cannot find requested collection element. )\n", "%s %s", what,
                 shown ? shown : fallback);
    free(shown);
    return r;
}

/* IIS's duplicate text for a binding; why (NULL: the site has it) on standard error. */
static int dup_binding_why(struct shell *sh, const char *protocol, const char *info, const char *why)
{
    fprintf(sh->out,
            "ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection "
            "entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set "
            "to '%s, %s'\n\n. )\n",
            protocol, info);
    if (why) return fail(sh, 183, "", "%s", why);
    return fail(sh, 183, "", "the site already has the binding %s/%s", protocol, info);
}

static int dup_binding(struct shell *sh, const char *protocol, const char *info)
{
    return dup_binding_why(sh, protocol, info, NULL);
}

/* IIS's duplicate text for a collection with one unique key, "path" (the binding text's shape). */
static int dup_element(struct shell *sh, const char *type, const char *path, const char *why)
{
    fprintf(sh->out,
            "ERROR ( message:New %s object missing required attributes. Cannot add duplicate collection entry of type "
            "'%s' with unique key attribute 'path' set to '%s'\n\n. )\n",
            type, type, path);
    return fail(sh, 183, "", "%s", why);
}

static int dup_site(struct shell *sh, const char *name, const char *why)
{
    fprintf(sh->out, "ERROR ( message:Failed to add duplicate collection element \"%s\". )\n", name);
    return fail(sh, 183, "", "%s", why);
}

/* A core refusal during an edit, in appcmd's words. */
static int edit_failure(struct shell *sh, sslb_rc rc, const sslb_diag *d, const char *what)
{
    switch (rc) {
    case SSLB_EACCESS: /* a read-only state: "Access is denied.", never the edit's own words */
    case SSLB_ECORRUPT:
    case SSLB_EWRITE:
    case SSLB_ELOCKED:
    case SSLB_EREAD:
    case SSLB_ENOMEM: {
        char msg[400];
        snprintf(msg, sizeof msg, "%s", sslb_strerror(rc));
        return fail_msg(sh, sslb_win32(rc), msg, d->text);
    }
    default:
        return fail_msg(sh, sslb_win32(rc) > 0 ? sslb_win32(rc) : 87, what, d->text);
    }
}

/* ---- parsing ------------------------------------------------------------------------------ */

/* The ':' that ends a parameter's name: the first outside [...] and '…'. */
static const char *name_end(const char *s)
{
    int depth = 0, q = 0;
    for (; *s; s++) {
        if (q) {
            if (*s == '\'') q = 0;
        } else if (*s == '\'' && depth) {
            q = 1;
        } else if (*s == '[') {
            depth++;
        } else if (*s == ']') {
            depth--;
        } else if (*s == ':' && depth == 0) {
            return s;
        }
    }
    return NULL;
}

static void cmdline_free(struct cmdline *c)
{
    free(c->p);
    c->p = NULL;
}

/* Splits the words; c->p is allocated (free it with cmdline_free, also after a failure). */
static int parse_line(struct shell *sh, int argc, char **argv, struct cmdline *c)
{
    int npos = 0;

    memset(c, 0, sizeof *c);
    /* cmd.exe's and PowerShell's words, which appcmd.exe never sees: a joiner refuses the line */
    if (shell_syntax(sh, argc, argv, "appcmd")) return 1;
    if (!(c->p = calloc((size_t)argc + 1, sizeof *c->p))) return fail_msg(sh, 8, "Out of memory.", "out of memory");
    for (int i = 0; i < argc; i++) {
        const char *w = argv[i];
        if (!w) continue; /* the shell's (shell_syntax) */
        if (w[0] != '/' && w[0] != '-') {
            if (npos == 0) c->verb = w;
            else if (npos == 1) c->object = w;
            else if (npos == 2) c->id = w;
            else return fail_msg(sh, 87, "Too many identifiers.", "one identifier at most: quote names with spaces");
            npos++;
            continue;
        }
        if (w[1] == '?' && !w[2]) {
            c->help = 1;
            continue;
        }
        struct param *p = &c->p[c->np];
        const char *e = name_end(w + 1);
        size_t nl = e ? (size_t)(e - w - 1) : strlen(w + 1);
        if (nl >= sizeof p->name)
            return fail_msg(sh, 87, "Parameter name too long.", "a parameter name is at most 511 characters");
        memcpy(p->name, w + 1, nl);
        p->name[nl] = '\0';
        p->value = e ? e + 1 : NULL;
        if (p->name[0] == '!') memmove(p->name, p->name + 1, nl); /* "/!debug" escapes a general name */
        else if (sslb_ascii_casecmp(p->name, "xml") == 0) {
            c->xml = 1;
            continue;
        } else if (sslb_ascii_casecmp(p->name, "config") == 0 && (!p->value || strcmp(p->value, "*") == 0)) {
            c->config = 1;
            continue;
        } else if (sslb_ascii_casecmp(p->name, "text") == 0) {
            c->text = p->value ? p->value : "";
            continue;
        } else if (sslb_ascii_casecmp(p->name, "commit") == 0) {
            continue; /* apphost, site, app, url or a path: all of it lives in apphost here */
        } else if (sslb_ascii_casecmp(p->name, "apphostconfig") == 0) {
            if (!p->value || !p->value[0]) /* "/apphostconfig" or "/apphostconfig:": which file? */
                return fail_msg(sh, 87, "Cannot read configuration file",
                                "/apphostconfig: needs the path of an applicationHost.config file, e.g. "
                                "/apphostconfig:/srv/farm/applicationHost.config");
            c->apphostconfig = p->value;
            continue;
        } else if (sslb_ascii_casecmp(p->name, "in") == 0) {
            return fail_msg(sh, 87, "The /in parameter is not supported.", "sslbind does not read appcmd's /in input");
        }
        c->np++;
    }
    /* one positional word is the object ("appcmd list" → Object 'LIST') */
    if (npos == 1) {
        c->object = c->verb;
        c->verb = "";
    }
    return 0;
}

/* Parses an indexer at *s ('['); advances *s past ']'. 0, -1 when malformed, -2 when it holds more
 * than MAX_KEYS keys or a key or value longer than its buffer (refused, never cut). */
static int parse_indexer(const char **s, struct indexer *ix)
{
    const char *p = *s;

    memset(ix, 0, sizeof *ix);
    ix->pos = -1;
    if (*p++ != '[') return -1;
    if (*p == '@') {
        const char *e = p + 1;
        while (*e && *e != ',' && *e != ']') e++;
        if ((size_t)(e - p) == 6 && sslb_ascii_ncasecmp(p, "@start", 6) == 0) ix->pos = -2;
        else if ((size_t)(e - p) == 4 && sslb_ascii_ncasecmp(p, "@end", 4) == 0) ix->pos = -3;
        else {
            long n = 0;
            if (e == p + 1) return -1;
            for (const char *d = p + 1; d < e; d++) {
                if (*d < '0' || *d > '9' || n > 100000) return -1;
                n = n * 10 + (*d - '0');
            }
            ix->pos = (int)n;
        }
        p = e;
        if (*p == ']') {
            *s = p + 1;
            return 0;
        }
        p++;
    }
    for (;;) {
        const char *eq = p;
        size_t kl, vl = 0;
        while (*eq && *eq != '=' && *eq != ',' && *eq != ']') eq++;
        if (*eq != '=' || eq == p) return -1;
        if (ix->n == MAX_KEYS) return -2;
        kl = (size_t)(eq - p);
        if (kl >= sizeof ix->key[0]) return -2;
        memcpy(ix->key[ix->n], p, kl);
        ix->key[ix->n][kl] = '\0';
        p = eq + 1;
        char *v = ix->val[ix->n];
        if (*p == '\'') {
            for (p++;; p++) {
                if (!*p) return -1;
                if (*p == '\'') {
                    if (p[1] != '\'') break;
                    p++; /* '' is one quote */
                }
                if (vl + 1 >= sizeof ix->val[0]) return -2;
                v[vl++] = *p;
            }
            p++;
        } else {
            while (*p && *p != ',' && *p != ']') {
                if (*p == '\'') return -1;
                if (vl + 1 >= sizeof ix->val[0]) return -2;
                v[vl++] = *p++;
            }
        }
        v[vl] = '\0';
        ix->n++;
        if (*p == ']') {
            *s = p + 1;
            return 0;
        }
        if (*p != ',') return -1;
        p++;
    }
}

static const char *ix_get(const struct indexer *ix, const char *key)
{
    for (int i = 0; i < ix->n; i++)
        if (sslb_ascii_casecmp(ix->key[i], key) == 0) return ix->val[i];
    return NULL;
}

/* Parses "[site]." (when site_level is 1), "[application]" and ".[virtualDirectory]" (when
 * site_level is 1 or 2: set site's paths start below the site), else ".bindings", "[binding]"; then
 * ".attr" or ".applicationDefaults.attr". -1 when malformed, -2 when an indexer is too large
 * (parse_indexer). */
static int parse_path(const char *s, int site_level, struct epath *ep)
{
    int r;

    memset(ep, 0, sizeof *ep);
    if (site_level == 1) {
        if (*s != '[') goto attr;
        if ((r = parse_indexer(&s, &ep->site)) != 0) return r;
        ep->has_site = 1;
        if (!*s) return 0;
        if (*s++ != '.') return -1;
    }
    if (site_level) {
        if (*s == '[') { /* the site's default collection: its applications, then their directories */
            if ((r = parse_indexer(&s, &ep->app)) != 0) return r;
            ep->has_app = 1;
            if (s[0] == '.' && s[1] == '[') {
                s++;
                if ((r = parse_indexer(&s, &ep->vdir)) != 0) return r;
                ep->has_vdir = 1;
            }
            if (!*s) return 0;
            if (*s++ != '.') return -1;
            goto attr;
        }
    }
    if (sslb_ascii_ncasecmp(s, "bindings", 8) == 0 && (s[8] == '\0' || s[8] == '.' || s[8] == '[')) {
        ep->bindings = 1;
        s += 8;
        if (*s == '.') s++;
        if (*s == '[') {
            if ((r = parse_indexer(&s, &ep->binding)) != 0) return r;
            ep->has_binding = 1;
            if (!*s) return 0;
            if (*s++ != '.') return -1;
        } else if (!*s) {
            return 0;
        }
    }
attr:
    if (sslb_ascii_ncasecmp(s, "applicationDefaults.", 20) == 0) {
        ep->app_defaults = 1;
        s += 20;
    }
    if (!*s || strlen(s) >= sizeof ep->attr || strchr(s, '[') || strchr(s, ']') || strchr(s, '.')) return -1;
    snprintf(ep->attr, sizeof ep->attr, "%s", s);
    return 0;
}

/* The schema's name of a site or binding attribute, or NULL. */
static const char *schema_attr(const char *a, int binding)
{
    static const char *const site_attrs[] = {"name", "id", "serverAutoStart", NULL};
    static const char *const binding_attrs[] = {"protocol", "bindingInformation", "sslFlags", NULL};
    for (const char *const *n = binding ? binding_attrs : site_attrs; *n; n++)
        if (sslb_ascii_casecmp(*n, a) == 0) return *n;
    return NULL;
}

/* ---- values ------------------------------------------------------------------------------- */

static int parse_u32(const char *s, uint32_t *out)
{
    unsigned long long v = 0;
    if (!*s) return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        v = v * 10 + (unsigned)(*s - '0');
        if (v > 0xffffffffULL) return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

static int parse_bool(const char *s, int *on)
{
    if (sslb_ascii_casecmp(s, "true") == 0) *on = 1;
    else if (sslb_ascii_casecmp(s, "false") == 0) *on = 0;
    else return -1;
    return 0;
}

/* A protocol as stored: non-empty, and no ':' or '/' (those are the friendly form's "http://"). */
static int protocol_ok(const char *p)
{
    return *p && !strpbrk(p, ":/");
}

/* A binding added with a protocol or bindingInformation that starts with a curly quote (pasted:
 * [protocol=‘https’]): only ASCII quotes quote a value, so the quotes are part of it, as
 * Windows' appcmd keeps them (spec/iis.md: any non-empty string), and no client reaches the
 * binding. Accepted, with a note (which says what pasted_watch would have said). */
static void quoted_binding_note(struct shell *sh, const sslb_sitebinding *b)
{
    const char *const attrs[] = {"protocol", "bindingInformation"}, *values[] = {b->protocol, b->info};

    for (int i = 0; i < 2; i++) {
        const char *name, *type;
        unsigned cp;
        if (!(name = pasted_char(values[i], &cp, &type)) || (*type != '\'' && *type != '"')) continue;
        char *shown = safe_copy(values[i]);
        sh->pasted[0] = '\0'; /* said here, for this binding */
        explain(sh,
                "note: the binding's %s %s starts with U+%04X %s, a typographic quote (often pasted from a web "
                "page or a word processor), not %s: it is kept as part of the value, so no client reaches this "
                "binding; type %s instead",
                attrs[i], shown ? shown : "?", cp, name, type, type);
        free(shown);
    }
}

/* A /bindings: value "proto/info[,proto/info…]" (appcmd's raw form) or "proto://host:port[,…]"
 * (its friendly form, http://domain:port: protocol proto, bindingInformation "*:port:host"; no
 * port: 80 for http, 443 for https), as many as given. buf holds the cut value, then the
 * friendly forms' bindingInformation. */
struct blist {
    char *buf;
    sslb_sitebinding *b;
    size_t n;
};

static void blist_free(struct blist *bl)
{
    if (!bl) return;
    free(bl->buf);
    free(bl->b);
    free(bl);
}

/* One friendly item, "host[:port][/]" after "proto://", into out ("*:port:host", n bytes at most:
 * the item's length and 8 always fit); NULL if bad. */
static const char *friendly_info(const char *proto, char *rest, char *out, size_t n)
{
    size_t l = strlen(rest);
    char *colon, *host = rest;
    const char *port;

    if (l && rest[l - 1] == '/') rest[--l] = '\0';
    if (strchr(rest, '/') || strchr(rest, '?') || strchr(rest, '#')) return NULL; /* a path: not a binding */
    if (rest[0] == '[') return NULL; /* an IPv6 address is no host name: the raw form https/[::1]:443: says it */
    colon = strrchr(rest, ':');
    if (colon) {
        *colon = '\0';
        port = colon + 1;
        if (!*port || strspn(port, "0123456789") != strlen(port)) return NULL;
    } else if (sslb_ascii_casecmp(proto, "http") == 0) {
        port = "80";
    } else if (sslb_ascii_casecmp(proto, "https") == 0) {
        port = "443";
    } else {
        return NULL;
    }
    if (strcmp(host, "*") == 0) host = "";
    return (size_t)snprintf(out, n, "*:%s:%s", port, host) < n ? out : NULL;
}

static int parse_blist(struct shell *sh, const char *value, struct blist *bl)
{
    char *save = NULL, *item, *conv;
    size_t len = strlen(value), max = 1, size;

    free(bl->buf);
    free(bl->b);
    bl->n = 0;
    for (const char *c = value; *c; c++) max += *c == ',';
    size = 2 * len + 8 * max + 1; /* the value, then each friendly item converted (8 more bytes at most) */
    if (!(bl->buf = malloc(size)) || !(bl->b = calloc(max, sizeof *bl->b)))
        return fail_msg(sh, 8, "Out of memory.", "out of memory");
    memcpy(bl->buf, value, len + 1);
    conv = bl->buf + len + 1;
    if (!bl->buf[0]) return 0;
    for (item = strtok_r(bl->buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *sep = strstr(item, "://"), *slash = strchr(item, '/');
        const char *info;
        if (sep && sep < slash + 1 && sep > item) { /* friendly form */
            *sep = '\0';
            if (!protocol_ok(item) || !(info = friendly_info(item, sep + 3, conv, (size_t)(bl->buf + size - conv))))
                return invalid_value(sh, "bindings", value,
                                     "expected protocol://host:port (e.g. http://contoso.com:8080) or "
                                     "protocol/bindingInformation (e.g. https/*:443:)");
            conv += strlen(conv) + 1;
        } else {
            if (!slash || slash == item || !slash[1])
                return invalid_value(sh, "bindings", value,
                                     "expected protocol/bindingInformation[,…], e.g. https/*:443:");
            *slash = '\0';
            if (!protocol_ok(item))
                return invalid_value(sh, "bindings", value,
                                     "a protocol cannot hold ':' or '/' (http, https, net.tcp …)");
            info = slash + 1;
        }
        bl->b[bl->n++] = (sslb_sitebinding){.protocol = item, .info = info};
        quoted_binding_note(sh, &bl->b[bl->n - 1]);
    }
    return 0;
}

/* A binding from an indexer's keys. */
static int indexer_binding(struct shell *sh, const struct indexer *ix, sslb_sitebinding *b)
{
    const char *fl;

    memset(b, 0, sizeof *b);
    for (int i = 0; i < ix->n; i++)
        if (!schema_attr(ix->key[i], 1)) return unknown_attr(sh, ix->key[i]);
    b->protocol = ix_get(ix, "protocol");
    b->info = ix_get(ix, "bindingInformation");
    if (!b->protocol || !*b->protocol)
        return invalid_value(sh, "protocol", b->protocol ? b->protocol : "",
                             "a binding needs protocol='http' or 'https'");
    if (!protocol_ok(b->protocol))
        return invalid_value(sh, "protocol", b->protocol, "a protocol cannot hold ':' or '/'");
    if (!b->info || !*b->info)
        return invalid_value(sh, "bindingInformation", b->info ? b->info : "",
                             "a binding needs bindingInformation='IP:port:host', e.g. '*:443:'");
    if ((fl = ix_get(ix, "sslFlags"))) {
        if (parse_u32(fl, &b->ssl_flags) != 0)
            return invalid_value(sh, "sslFlags", fl, "sslFlags is an unsigned number");
        b->has_ssl_flags = 1;
    }
    quoted_binding_note(sh, b);
    return 0;
}

/* ---- the IIS model ---------------------------------------------------------------------------- */

/* The site an identifier names (ASCII case-insensitive), -1 if none. */
static long site_by_name(struct shell *sh, const char *id)
{
    return sslb_apphost_find_name(sh->apphost, id);
}

/* The binding an indexer selects in site, -1 if none: both keys in any (ASCII) case, as IIS
 * compares strings its schema does not declare caseSensitive. */
static long select_binding(struct shell *sh, size_t site, const struct indexer *ix)
{
    const sslb_site *s = sslb_apphost_site(sh->apphost, site);
    const char *pr = ix_get(ix, "protocol"), *in = ix_get(ix, "bindingInformation");

    if (ix->pos != -1 && ix->n == 0) {
        long n = (long)s->nbindings;
        long i = ix->pos == -2 ? 0 : ix->pos == -3 ? n - 1 : ix->pos;
        return i >= 0 && i < n ? i : -1;
    }
    for (size_t i = 0; i < s->nbindings; i++)
        if ((!pr || sslb_ascii_casecmp(pr, s->bindings[i].protocol) == 0) &&
            (!in || sslb_ascii_casecmp(in, s->bindings[i].info) == 0))
            return (long)i;
    return -1;
}

/* The site whose attributes match every key of the indexer (as IIS selects a collection
 * element: [name='Contoso',id='3'] finds nothing when Contoso's id is 2); with no keys, the
 * position. -1 if none. */
static long select_site(struct shell *sh, const struct indexer *ix)
{
    size_t count = sslb_apphost_count(sh->apphost);

    if (ix->n == 0)
        return ix->pos == -2 && count                    ? 0
               : ix->pos == -3                           ? (long)count - 1
               : ix->pos >= 0 && (size_t)ix->pos < count ? ix->pos
                                                         : -1;
    for (size_t i = 0; i < count; i++) {
        const sslb_site *s = sslb_apphost_site(sh->apphost, i);
        int match = 1;
        for (int k = 0; k < ix->n && match; k++) {
            const char *key = ix->key[k], *v = ix->val[k];
            uint32_t n;
            int on;
            if (sslb_ascii_casecmp(key, "name") == 0) match = sslb_ascii_casecmp(v, s->name) == 0;
            else if (sslb_ascii_casecmp(key, "id") == 0) match = parse_u32(v, &n) == 0 && n == s->id;
            else if (sslb_ascii_casecmp(key, "serverAutoStart") == 0)
                match = parse_bool(v, &on) == 0 && on == s->auto_start;
            else match = 0;
        }
        if (match) return (long)i;
    }
    return -1;
}

/* The bindings as list prints them, "http/<star>:80:,https/<star>:443:" (a stored ":…" shows as "<star>:…"). */
static char *bindings_text(const sslb_site *s)
{
    size_t n = 1, used = 0;
    char *out;

    for (size_t i = 0; i < s->nbindings; i++) n += strlen(s->bindings[i].protocol) + strlen(s->bindings[i].info) + 3;
    if (!(out = malloc(n))) return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < s->nbindings; i++)
        used += (size_t)snprintf(out + used, n - used, "%s%s/%s%s", i ? "," : "", s->bindings[i].protocol,
                                 s->bindings[i].info[0] == ':' ? "*" : "", s->bindings[i].info);
    return out;
}

/* A site's state on this server. A site of an /apphostconfig file is not one WAS runs here (its
 * ids are not this server's sites'): Stopped, as IIS shows a site of a configuration WAS does
 * not read. */
static const char *state_text(struct shell *sh, const sslb_site *s)
{
    if (sh->other_config) return "Stopped";
    return sslb_was_started(sh->server, s->id) ? "Started" : "Stopped";
}

/* WAS's notes of a reconcile (iis_was_note's), kept until its states are recorded. */
struct was_notes {
    struct was_note {
        uint32_t site_id;
        char *prefix;
    } * v;
    size_t n;
};

static void keep_was_note(void *ctx, uint32_t site_id, const char *url_prefix)
{
    struct was_notes *w = ctx;
    struct was_note *nv = realloc(w->v, (w->n + 1) * sizeof *nv);
    char *p = strdup(url_prefix);

    if (nv) w->v = nv;
    if (!nv || !p) { /* a note lost to memory: the state is recorded all the same */
        free(p);
        return;
    }
    w->v[w->n].site_id = site_id;
    w->v[w->n++].prefix = p;
}

/* Reconciliation after a change to site id (0: a deletion): 1 when WAS recorded the sites' state
 * (or has none to record: an /apphostconfig file), and then WAS's notes (a site stopped for a
 * clash), printed only then: a note printed before a recording that fails would claim what did
 * not happen. 0, said, when it could not. */
static int after_change(struct shell *sh, uint32_t id)
{
    struct was_notes w = {NULL, 0};
    sslb_diag d = {{0}};
    int ok;
    /* WAS watches this server's configuration only: an edit of an /apphostconfig file changes no
     * site's state (reconciled against that file, sites.state would forget every site of the real
     * one, and a stopped site would start again at the next command) */
    if (sh->other_config) return 1;
    ok = sslb_was_reconcile(sh->server, sh->apphost, id, keep_was_note, &w, &d) == SSLB_OK;
    for (size_t i = 0; i < w.n; i++) {
        if (ok) iis_was_note(sh, w.v[i].site_id, w.v[i].prefix);
        free(w.v[i].prefix);
    }
    free(w.v);
    if (!ok) explain(sh, "WAS could not record the sites' state: %s", d.text);
    return ok;
}

/* ---- list --------------------------------------------------------------------------------- */

static void xml_attr(FILE *f, const char *name, const char *v)
{
    fprintf(f, " %s=\"", name);
    for (; *v; v++) {
        if (*v == '&') fputs("&amp;", f);
        else if (*v == '<') fputs("&lt;", f);
        else if (*v == '>') fputs("&gt;", f);
        else if (*v == '"') fputs("&quot;", f);
        else if (*v == '\n') fputs("&#10;", f); /* raw, a reader would take it for a space */
        else if (*v == '\r') fputs("&#13;", f);
        else if (*v == '\t') fputs("&#9;", f);
        else fputc(*v, f);
    }
    fputc('"', f);
}

/* Prints text re-indented: each line loses `drop` leading blanks and gains `add` spaces. */
static void print_reindented(FILE *f, const char *t, size_t len, size_t drop, size_t add)
{
    int first = 1;
    while (len > 0) {
        const char *nl = memchr(t, '\n', len);
        size_t l = nl ? (size_t)(nl - t) : len, skip = 0;
        if (!first)
            while (skip < drop && skip < l && (t[skip] == ' ' || t[skip] == '\t')) skip++;
        size_t end = l;
        if (end > skip && t[end - 1] == '\r') end--;
        fprintf(f, "%*s%.*s\n", (int)add, "", (int)(end - skip), t + skip);
        first = 0;
        if (!nl) break;
        t += l + 1;
        len -= l + 1;
    }
}

struct textdump {
    FILE *f;
};

static void dump_element(void *ctx, int depth, const char *element, size_t n, const char *const *names,
                         const char *const *values)
{
    struct textdump *t = ctx;
    fprintf(t->f, "%*s[%s]\n", 2 + 2 * depth, "", element);
    for (size_t i = 0; i < n; i++) fprintf(t->f, "%*s%s:\"%s\"\n", 4 + 2 * depth, "", names[i], values[i]);
}

/* The value of one of list's attributes for site s, or NULL if it is not one (or out of memory
 * for the bindings, which *heap then holds: the caller frees it). */
static const char *list_attr(struct shell *sh, const sslb_site *s, const char *a, char *buf, size_t n, char **heap)
{
    if (sslb_ascii_casecmp(a, "SITE.NAME") == 0 || sslb_ascii_casecmp(a, "name") == 0) return s->name;
    if (sslb_ascii_casecmp(a, "SITE.ID") == 0 || sslb_ascii_casecmp(a, "id") == 0) {
        snprintf(buf, n, "%u", s->id);
        return buf;
    }
    if (sslb_ascii_casecmp(a, "bindings") == 0) {
        free(*heap);
        return *heap = bindings_text(s);
    }
    if (sslb_ascii_casecmp(a, "state") == 0) return state_text(sh, s);
    if (sslb_ascii_casecmp(a, "serverAutoStart") == 0) return s->auto_start ? "true" : "false";
    return NULL;
}

/* The attributes list filters on and /text: shows. */
static int is_filter(const char *a)
{
    static const char *const names[] = {"SITE.NAME", "name",  "SITE.ID",         "id",
                                        "bindings",  "state", "serverAutoStart", NULL};
    for (const char *const *n = names; *n; n++)
        if (sslb_ascii_casecmp(*n, a) == 0) return 1;
    return 0;
}

/* appcmd's "$=" filter: pattern p, where '*' stands for any run of characters, matches all of s,
 * ASCII case-insensitively (as the other string filters compare). */
static int wild_match(const char *p, const char *s)
{
    const char *star = NULL, *resume = s;

    while (*s) {
        if (*p == '*') {
            star = ++p;
            resume = s;
        } else if (*p && sslb_ascii_lower((unsigned char)*p) == sslb_ascii_lower((unsigned char)*s)) {
            p++;
            s++;
        } else if (star) { /* the last '*' takes one more character */
            p = star;
            s = ++resume;
        } else {
            return 0;
        }
    }
    while (*p == '*') p++;
    return *p == '\0';
}

/* A filter value with appcmd's range operators ($<, $>, $<=, $>=), which sslbind does not
 * emulate; NULL if there is none. */
static const char *range_filter(const struct cmdline *c)
{
    for (int i = 0; i < c->np; i++) {
        const char *v = c->p[i].value;
        if (v && v[0] == '$' && (v[1] == '<' || v[1] == '>') && sslb_ascii_casecmp(c->p[i].name, "site.name") != 0)
            return c->p[i].name;
    }
    return NULL;
}

/* Whether binding b, as list prints it (protocol/bindingInformation, a leading ':' as "*:"), is
 * text, ASCII case-insensitively. */
static int printed_binding_is(const sslb_sitebinding *b, const char *text)
{
    size_t np = strlen(b->protocol);

    if (sslb_ascii_ncasecmp(text, b->protocol, np) != 0 || text[np] != '/') return 0;
    text += np + 1;
    if (b->info[0] == ':' && *text++ != '*') return 0;
    return sslb_ascii_casecmp(text, b->info) == 0;
}

/* After a list that matched nothing: when a /bindings: value is one binding of a site that has
 * others, says that the filter compares the whole list, and the pattern that finds the site. */
static void hint_whole_bindings(struct shell *sh, const struct cmdline *c)
{
    for (int k = 0; k < c->np; k++) {
        const char *want = c->p[k].value;
        if (sslb_ascii_casecmp(c->p[k].name, "bindings") != 0 || !want || !*want || want[0] == '$') continue;
        for (size_t i = 0; i < sslb_apphost_count(sh->apphost); i++) {
            const sslb_site *s = sslb_apphost_site(sh->apphost, i);
            for (size_t j = 0; j < s->nbindings; j++) {
                if (!printed_binding_is(&s->bindings[j], want)) continue;
                char *name = safe_copy(s->name), *v = safe_copy(want);
                explain(sh,
                        "note: site \"%s\" has %s among other bindings; /bindings: compares the whole list as "
                        "list prints it (docs/iis.md): \"/bindings:$=*%s*\" matches one binding of the list",
                        name ? name : "?", v ? v : "?", v ? v : "?");
                free(name);
                free(v);
                return;
            }
        }
    }
}

static int cmd_list_site(struct shell *sh, struct cmdline *c)
{
    const char *id = c->id;
    char *b = NULL, *heap = NULL, v[64];
    const char *range;
    size_t shown = 0, n = sslb_apphost_count(sh->apphost);
    FILE *f = sh->out;

    for (int i = 0; i < c->np; i++) {
        if (sslb_ascii_casecmp(c->p[i].name, "site.name") == 0) id = c->p[i].value ? c->p[i].value : "";
        else if (!is_filter(c->p[i].name)) return unknown_attr(sh, c->p[i].name);
    }
    if (c->text && *c->text && strcmp(c->text, "*") != 0 && !is_filter(c->text)) return unknown_attr(sh, c->text);
    if ((range = range_filter(c))) { /* nothing listed rather than the wrong sites */
        char *safe = safe_copy(range);
        explain(sh,
                "appcmd on Windows compares /%s: with a range operator ($< or $>); sslbind does not emulate those "
                "(only an exact value, or $= with * wildcards): nothing listed",
                safe ? safe : "?");
        free(safe);
        return 1;
    }
    if (c->xml) fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<appcmd>\n", f);
    for (size_t i = 0; i < n; i++) {
        const sslb_site *s = sslb_apphost_site(sh->apphost, i);
        int match = !id || sslb_ascii_casecmp(id, s->name) == 0;
        for (int k = 0; match && k < c->np; k++) {
            const char *want = c->p[k].value ? c->p[k].value : "";
            uint32_t num;
            int on;
            if (sslb_ascii_casecmp(c->p[k].name, "site.name") == 0) continue;
            if (want[0] == '$' && want[1] == '=') { /* a pattern, on the value as list prints it */
                const char *have = list_attr(sh, s, c->p[k].name, v, sizeof v, &heap);
                match = have && wild_match(want + 2, have);
                continue;
            }
            /* typed values compare as values, as add and set config read them: /id:05 is site 5 */
            if (sslb_ascii_casecmp(c->p[k].name, "id") == 0 || sslb_ascii_casecmp(c->p[k].name, "SITE.ID") == 0) {
                match = parse_u32(want, &num) == 0 && num == s->id;
                continue;
            }
            if (sslb_ascii_casecmp(c->p[k].name, "serverAutoStart") == 0) {
                match = parse_bool(want, &on) == 0 && on == s->auto_start;
                continue;
            }
            const char *have = list_attr(sh, s, c->p[k].name, v, sizeof v, &heap);
            match = have && sslb_ascii_casecmp(have, want) == 0;
        }
        if (!match) continue;
        shown++;
        free(b);
        if (!(b = bindings_text(s))) {
            free(heap);
            return fail_msg(sh, 8, "Out of memory.", "out of memory");
        }
        if (c->xml) {
            fputs("    <SITE", f);
            xml_attr(f, "SITE.NAME", s->name);
            snprintf(v, sizeof v, "%u", s->id);
            xml_attr(f, "SITE.ID", v);
            xml_attr(f, "bindings", b);
            xml_attr(f, "state", state_text(sh, s));
            if (c->config) {
                const char *t;
                size_t len, ind;
                fputs(">\n", f);
                sslb_apphost_text(sh->apphost, (long)i, &t, &len, &ind);
                print_reindented(f, t, len, ind, 8);
                fputs("    </SITE>\n", f);
            } else {
                fputs(" />\n", f);
            }
        } else if (c->config) {
            const char *t;
            size_t len, ind;
            sslb_apphost_text(sh->apphost, (long)i, &t, &len, &ind);
            print_reindented(f, t, len, ind, 0);
        } else if (c->text && strcmp(c->text, "*") == 0) {
            struct textdump td = {f};
            fprintf(f, "SITE\n  SITE.NAME: %s\n  SITE.ID: %u\n  bindings: %s\n  state: %s\n", s->name, s->id, b,
                    state_text(sh, s));
            sslb_apphost_walk(sh->apphost, i, dump_element, &td);
        } else if (c->text && *c->text) {
            const char *val = list_attr(sh, s, c->text, v, sizeof v, &heap);
            fprintf(f, "%s\n", val ? val : "");
        } else {
            fprintf(f, "SITE \"%s\" (id:%u,bindings:%s,state:%s)\n", s->name, s->id, b, state_text(sh, s));
        }
    }
    free(b);
    free(heap);
    if (c->xml) fputs("</appcmd>\n", f);
    if (shown == 0 && (id || c->np)) {
        char *safe = safe_copy(id);
        explain(sh, "appcmd exits 1 on Windows: no site matches%s%s", id ? " " : "", id && safe ? safe : "");
        free(safe);
        hint_whole_bindings(sh, c);
        return 1;
    }
    return 0;
}

/* ---- changes ------------------------------------------------------------------------------ */

/* One planned edit of a transaction. */
enum op {
    OP_ADD_SITE,
    OP_DEL_SITE,
    OP_SET_SITE,
    OP_ADD_BINDING,
    OP_DEL_BINDING,
    OP_SET_BINDING,
    OP_SET_BINDINGS,
    OP_ADD_APP,
    OP_DEL_APP,
    OP_ADD_VDIR,
    OP_DEL_VDIR,
    OP_SET_APP,
    OP_SET_VDIR,
    OP_SET_APPDEF
};

struct edit {
    enum op op;
    const char *param; /* the parameter as typed, for a failure's explanation */
    struct epath path; /* which site / binding */
    const char *attr, *value;
    sslb_sitebinding b;
    struct blist *list;
    /* a site set config adds (/+[name=…,id=…]): each add its own; add site's is the tx's */
    const char *add_name;
    uint32_t add_id;
    int add_auto_start;
    /* what it did, for the notes and WAS: the site, the binding it changed (copies), an id change */
    uint32_t site_id;
    char *note_protocol, *note_info;
};

struct tx {
    struct shell *sh;
    long site;           /* fixed site, or -1: each edit's path names it */
    const char *site_id; /* set/delete site ID: looked up in tx_apply, under the lock, on the file's
                          * current content (an index taken before the lock may name another site) */
    int auto_id;         /* add site without /id: max(existing ids) + 1, also under the lock */
    struct edit *e;      /* one per parameter at most (tx_init) */
    int n;
    /* add site */
    const char *name, *physical_path;
    uint32_t id;
    int auto_start;
    struct blist *bl;
    /* the outcome */
    int failed;          /* 1: the failure text is printed */
    int held;            /* this server's IIS state is held (sslb_was_hold) until tx_free */
    uint32_t touched;    /* the site changed */
    char *site_name;     /* as stored (any length) */
    uint32_t *from, *to; /* the sites moved between ids (tx_move) */
    size_t nmoves, cap;
};

/* A transaction of n edits at most: 0, or 1 (said) out of memory. */
static int tx_init(struct tx *t, struct shell *sh, int n)
{
    memset(t, 0, sizeof *t);
    t->sh = sh;
    if (!(t->e = calloc(n > 0 ? (size_t)n : 1, sizeof *t->e)))
        return fail_msg(sh, 8, "Out of memory.", "out of memory");
    return 0;
}

/* Keeps a copy of the site's name for the success line; 0, or -1 out of memory. */
static int keep_name(struct tx *t, const char *name)
{
    char *c = strdup(name);
    if (!c) return -1;
    free(t->site_name);
    t->site_name = c;
    return 0;
}

static long tx_site(struct tx *t, const struct edit *e)
{
    if (t->site >= 0) return t->site;
    return select_site(t->sh, &e->path.site);
}

/* add site refused as a duplicate: its name or id is taken (appcmd names the new site), or one
 * of its bindings is given twice or is one every site inherits from <siteDefaults> (the binding
 * collection's duplicate, as for a binding the site has). */
static int dup_new_site(struct shell *sh, const struct tx *t, const char *name, uint32_t id, const char *why)
{
    size_t nd;
    const sslb_sitebinding *def = sslb_apphost_default_bindings(sh->apphost, &nd);

    if (sslb_apphost_find_name(sh->apphost, name) < 0 && sslb_apphost_find_id(sh->apphost, id) < 0 && t->bl)
        for (size_t i = 0; i < t->bl->n; i++) {
            const sslb_sitebinding *b = &t->bl->b[i];
            for (size_t k = 0; k < i; k++) /* given twice in /bindings: (review 20, F4) */
                if (sslb_ascii_casecmp(t->bl->b[k].protocol, b->protocol) == 0 &&
                    sslb_ascii_casecmp(t->bl->b[k].info, b->info) == 0) /* as the core compares them */
                    return dup_binding_why(sh, b->protocol, b->info, why);
            for (size_t k = 0; k < nd; k++)
                if (sslb_ascii_casecmp(def[k].protocol, b->protocol) == 0 &&
                    sslb_ascii_casecmp(def[k].info, b->info) == 0)
                    return dup_binding(sh, b->protocol, b->info);
        }
    return dup_site(sh, name, why);
}

/* The sites the transaction moved between ids, in sites.state's terms: the site that had id
 * from[i] (0: a new site) has id to[i] (0: deleted). A renumbered site keeps its state, Started
 * or Stopped; a site deleted and another added with its id in one line is a new site, as after
 * two commands (spec/iis.md section 5.2 step 3). 0, or -1 out of memory. */
static int tx_move(struct tx *t, uint32_t from, uint32_t to)
{
    if (from == to) return 0;
    if (from)
        for (size_t i = 0; i < t->nmoves; i++)
            if (t->to[i] == from) { /* the same site moves again: a chain */
                t->to[i] = to;
                return 0;
            }
    if (t->nmoves == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 8;
        uint32_t *f = realloc(t->from, cap * sizeof *f);
        if (!f) return -1;
        t->from = f;
        uint32_t *o = realloc(t->to, cap * sizeof *o);
        if (!o) return -1;
        t->to = o;
        t->cap = cap;
    }
    t->from[t->nmoves] = from;
    t->to[t->nmoves++] = to;
    return 0;
}

static sslb_rc tx_apply(sslb_apphost *ah, void *ctx, sslb_diag *d)
{
    struct tx *t = ctx;
    struct shell *sh = t->sh;
    sslb_rc rc = SSLB_OK;

    t->nmoves = 0;
    if (t->site_id) {
        if ((t->site = site_by_name(sh, t->site_id)) < 0) {
            t->failed = no_site(sh, t->site_id);
            return SSLB_ENOTFOUND;
        }
        if (keep_name(t, sslb_apphost_site(sh->apphost, (size_t)t->site)->name)) return SSLB_ENOMEM;
    }
    if (t->auto_id) { /* the largest id + 1; after id 4294967295, the smallest free id (our choice) */
        uint32_t max = 0;
        for (size_t i = 0; i < sslb_apphost_count(sh->apphost); i++)
            if (sslb_apphost_site(sh->apphost, i)->id > max) max = sslb_apphost_site(sh->apphost, i)->id;
        if (max < UINT32_MAX) t->id = max + 1;
        else
            for (t->id = 1; sslb_apphost_find_id(sh->apphost, t->id) >= 0; t->id++) continue;
    }
    for (int i = 0; i < t->n && rc == SSLB_OK; i++) {
        struct edit *e = &t->e[i];
        long s = e->op == OP_ADD_SITE ? -1 : tx_site(t, e), b = -1;
        if (e->op != OP_ADD_SITE && s < 0) {
            t->failed = not_found_param(sh, "no site matches", e->param, "that element path");
            return SSLB_ENOTFOUND;
        }
        if (e->op == OP_DEL_BINDING || e->op == OP_SET_BINDING) {
            if ((b = select_binding(sh, (size_t)s, &e->path.binding)) < 0) {
                t->failed = not_found_param(sh, "the site has no binding matching", e->param, "those keys");
                return SSLB_ENOTFOUND;
            }
        }
        switch (e->op) {
        case OP_ADD_SITE: { /* set config's own (e->add_name) at its indexer's position, else add site's */
            const char *nm = e->add_name ? e->add_name : t->name;
            uint32_t id = e->add_name ? e->add_id : t->id;
            int pos = e->add_name ? e->path.site.pos : -1;
            rc = sslb_apphost_site_insert(sh->apphost,
                                          pos == -2  ? 0
                                          : pos >= 0 ? (size_t)pos
                                                     : SIZE_MAX,
                                          nm, id, e->add_name ? e->add_auto_start : t->auto_start,
                                          e->add_name ? NULL : t->physical_path, t->bl ? t->bl->b : NULL,
                                          t->bl ? t->bl->n : 0, d);
            if (rc == SSLB_EEXISTS) t->failed = dup_new_site(sh, t, nm, id, d->text);
            else if (rc == SSLB_ENOTFOUND) t->failed = not_found_element(sh, d->text);
            if (rc == SSLB_OK) {
                t->touched = e->site_id = id;
                if (tx_move(t, 0, id)) return SSLB_ENOMEM;
                if (!e->add_name) t->site = sslb_apphost_find_id(sh->apphost, id); /* add site's next edits */
            }
            break;
        }
        case OP_DEL_SITE: {
            uint32_t gone = sslb_apphost_site(sh->apphost, (size_t)s)->id;
            t->touched = 0;
            if (keep_name(t, sslb_apphost_site(sh->apphost, (size_t)s)->name)) return SSLB_ENOMEM;
            rc = sslb_apphost_site_delete(sh->apphost, (size_t)s, d);
            if (rc == SSLB_OK && tx_move(t, gone, 0)) return SSLB_ENOMEM;
            break;
        }
        case OP_SET_SITE: {
            uint32_t was = sslb_apphost_site(sh->apphost, (size_t)s)->id;
            rc = sslb_apphost_site_set(sh->apphost, (size_t)s, e->attr, e->value, d);
            if (rc == SSLB_OK && tx_move(t, was, sslb_apphost_site(sh->apphost, (size_t)s)->id)) return SSLB_ENOMEM;
            if (rc == SSLB_EEXISTS) t->failed = dup_site(sh, e->value, d->text);
            else if (rc == SSLB_EINVAL && strcmp(e->attr, "name") == 0)
                t->failed = fail_msg(sh, 13, "Invalid site name.", d->text);
            else if (rc == SSLB_EINVAL) t->failed = invalid_value(sh, e->attr, e->value, d->text);
            break;
        }
        case OP_ADD_BINDING: { /* at the indexer's position: @start, @N, else the end */
            int pos = e->path.binding.pos;
            rc = sslb_apphost_binding_insert(sh->apphost, (size_t)s,
                                             pos == -2  ? 0
                                             : pos >= 0 ? (size_t)pos
                                                        : SIZE_MAX,
                                             &e->b, d);
            if (rc == SSLB_EEXISTS) t->failed = dup_binding(sh, e->b.protocol, e->b.info);
            else if (rc == SSLB_ENOTFOUND) t->failed = not_found_element(sh, d->text);
            break;
        }
        case OP_DEL_BINDING:
            rc = sslb_apphost_binding_delete(sh->apphost, (size_t)s, (size_t)b, d);
            break;
        case OP_SET_BINDING:
            rc = sslb_apphost_binding_set(sh->apphost, (size_t)s, (size_t)b, e->attr, e->value, d);
            if (rc == SSLB_EEXISTS) {
                const sslb_sitebinding *cur = &sslb_apphost_site(sh->apphost, (size_t)s)->bindings[b];
                t->failed = strcmp(e->attr, "protocol") == 0 ? dup_binding(sh, e->value, cur->info)
                                                             : dup_binding(sh, cur->protocol, e->value);
            } else if (rc == SSLB_EINVAL) {
                t->failed = invalid_value(sh, e->attr, e->value, d->text);
            } else if (rc == SSLB_OK && strcmp(e->attr, "sslFlags") != 0) { /* the binding it made, for its note */
                const sslb_sitebinding *now = &sslb_apphost_site(sh->apphost, (size_t)s)->bindings[b];
                free(e->note_protocol);
                free(e->note_info);
                e->note_protocol = strdup(now->protocol);
                e->note_info = strdup(now->info);
                if (!e->note_protocol || !e->note_info) return SSLB_ENOMEM;
            }
            break;
        case OP_SET_BINDINGS: {
            const sslb_site *st = sslb_apphost_site(sh->apphost, (size_t)s);
            for (size_t k = st->nbindings; k > 0 && rc == SSLB_OK; k--)
                rc = sslb_apphost_binding_delete(sh->apphost, (size_t)s, k - 1, d);
            for (size_t k = 0; k < e->list->n && rc == SSLB_OK; k++) {
                rc = sslb_apphost_binding_add(sh->apphost, (size_t)s, &e->list->b[k], d);
                if (rc == SSLB_EEXISTS) t->failed = dup_binding(sh, e->list->b[k].protocol, e->list->b[k].info);
            }
            break;
        }
        case OP_ADD_APP:
        case OP_DEL_APP:
        case OP_ADD_VDIR:
        case OP_DEL_VDIR: {
            const char *app = ix_get(&e->path.app, "path"), *dir = ix_get(&e->path.vdir, "path");
            if (e->op == OP_ADD_APP)
                rc = sslb_apphost_app_add(sh->apphost, (size_t)s, app, ix_get(&e->path.app, "applicationPool"), d);
            else if (e->op == OP_DEL_APP) rc = sslb_apphost_app_delete(sh->apphost, (size_t)s, app, d);
            else if (e->op == OP_ADD_VDIR)
                rc = sslb_apphost_vdir_add(sh->apphost, (size_t)s, app, dir, ix_get(&e->path.vdir, "physicalPath"), d);
            else rc = sslb_apphost_vdir_delete(sh->apphost, (size_t)s, app, dir, d);
            if (rc == SSLB_ENOTFOUND) t->failed = not_found_element(sh, d->text);
            else if (rc == SSLB_EEXISTS)
                t->failed = dup_element(sh, e->op == OP_ADD_APP ? "application" : "virtualDirectory",
                                        e->op == OP_ADD_APP ? app : dir, d->text);
            else if (rc == SSLB_EINVAL) t->failed = invalid_value(sh, "path", e->op == OP_ADD_APP ? app : dir, d->text);
            break;
        }
        case OP_SET_APP:
        case OP_SET_VDIR:
        case OP_SET_APPDEF: {
            const char *app = ix_get(&e->path.app, "path"), *dir = ix_get(&e->path.vdir, "path");
            if (e->op == OP_SET_APP) rc = sslb_apphost_app_set(sh->apphost, (size_t)s, app, e->attr, e->value, d);
            else if (e->op == OP_SET_VDIR)
                rc = sslb_apphost_vdir_set(sh->apphost, (size_t)s, app, dir, e->attr, e->value, d);
            else rc = sslb_apphost_app_defaults_set(sh->apphost, (size_t)s, e->attr, e->value, d);
            if (rc == SSLB_ENOTFOUND) t->failed = not_found_element(sh, d->text);
            else if (rc == SSLB_EINVAL) /* a password is never shown */
                t->failed =
                    invalid_value(sh, e->attr, strcmp(e->attr, "password") == 0 ? "********" : e->value, d->text);
            break;
        }
        }
        if (rc == SSLB_OK && e->op != OP_DEL_SITE && e->op != OP_ADD_SITE) {
            const sslb_site *st = sslb_apphost_site(sh->apphost, (size_t)s);
            t->touched = e->site_id = st->id;
            if (keep_name(t, st->name)) return SSLB_ENOMEM;
        }
    }
    /* sites.state follows the sites the transaction moved (tx_move), with the edit as one change:
     * without it WAS would take a renumbered site for a new one (started only if serverAutoStart)
     * and give a site the state of the one that had its id before */
    if (rc == SSLB_OK && t->nmoves && !sh->other_config)
        rc = sslb_was_follow_edit(sh->server, ah, t->nmoves, t->from, t->to, d);
    return rc;
}

/* Runs the transaction; prints the failure if any. 0 or 1. */
static int tx_run(struct shell *sh, struct tx *t)
{
    sslb_diag d = {{0}};
    sslb_rc rc;

    /* This server's IIS state first, held until tx_free: the change and the state it implies
     * (tx_apply's moves, after_change) are one change, or, when the state is held too long by
     * another process, nothing changes (an edit WAS could not follow would start a stopped site
     * that was renumbered, or leave a new site unrecorded). */
    if (!sh->other_config && (rc = sslb_was_hold(sh->server, &d)) != SSLB_OK)
        return edit_failure(sh, rc, &d, "The parameter is incorrect.");
    t->held = !sh->other_config;
    if ((rc = sslb_apphost_change(sh->apphost, tx_apply, t, &d)) == SSLB_OK) return 0;
    if (t->failed) return 1;
    return edit_failure(sh, rc, &d, "The parameter is incorrect.");
}

/* Notes for the bindings a transaction added or changed, then WAS's reconcile (after_change, for
 * site_id; none when reconcile is 0) and, for each site the change gave an invalid binding while
 * it was Started, the note that WAS stopped it: decided before the reconcile (which stops it),
 * printed after it, as what is true then (iis_stopped_note). */
static void tx_notes(struct shell *sh, const struct tx *t, int reconcile, uint32_t site_id)
{
    long *stops = calloc((size_t)t->n + 1, sizeof *stops);
    size_t nstops = 0;
    int recorded;

    for (int i = 0; i < t->n; i++) {
        const struct edit *e = &t->e[i];
        uint32_t id = e->site_id;
        long s = id ? sslb_apphost_find_id(sh->apphost, id) : -1;
        if (s < 0) continue;
        if (e->op == OP_ADD_BINDING && (strchr(e->b.protocol, '"') || strchr(e->b.info, '"')))
            explain(sh,
                    "note: the value %s holds double quotes, which cmd.exe would have removed: did the shell keep "
                    "them? (in bash, put the whole parameter in double quotes and the values in single quotes)",
                    strchr(e->b.protocol, '"') ? e->b.protocol : e->b.info);
        if (e->op == OP_ADD_BINDING) iis_binding_notes(sh, (size_t)s, e->b.protocol, e->b.info);
        else if (e->op == OP_SET_BINDING && e->note_info) /* the binding it changed, not its siblings */
            iis_binding_notes(sh, (size_t)s, e->note_protocol, e->note_info);
        else if (e->op == OP_SET_BINDINGS || e->op == OP_ADD_SITE) iis_binding_notes(sh, (size_t)s, NULL, NULL);
    }
    for (int i = 0; stops && i < t->n; i++) { /* then once a site, however many of its edits the line made */
        uint32_t sid = t->e[i].site_id;
        long s = sid ? sslb_apphost_find_id(sh->apphost, sid) : -1;
        int seen = 0;
        for (int j = 0; j < i && !seen; j++) seen = t->e[j].site_id == sid;
        if (s >= 0 && !seen && iis_stops(sh, (size_t)s)) stops[nstops++] = s;
    }
    recorded = !reconcile || after_change(sh, site_id);
    for (size_t i = 0; i < nstops; i++) iis_stopped_note(sh, (size_t)stops[i], recorded);
    free(stops);
}

/* An attribute of a site's application, virtual directory or <applicationDefaults> (e->path
 * parsed: [path='/'].attr, [path='/'].[path='/'].attr, applicationDefaults.attr): the edit, or
 * printed. The indexers name an element by its path alone. */
static int plan_below_site(struct shell *sh, const char *value, struct edit *e)
{
    static const char *const app_attrs[] = {"applicationPool", NULL},
                             *const vdir_attrs[] = {"physicalPath", "userName", "password", NULL},
                             *const app_iis[] = {"path",
                                                 "enabledProtocols",
                                                 "serviceAutoStartEnabled",
                                                 "serviceAutoStartProvider",
                                                 "preloadEnabled",
                                                 NULL},
                             *const vdir_iis[] = {"path", "logonMethod", "allowSubDirConfig", NULL};
    const char *const *ok = e->path.has_vdir ? vdir_attrs : app_attrs, *const * iis;

    for (int level = 0; !e->path.app_defaults && level < 1 + e->path.has_vdir; level++) {
        const struct indexer *ix = level ? &e->path.vdir : &e->path.app;
        for (int k = 0; k < ix->n; k++)
            if (sslb_ascii_casecmp(ix->key[k], "path") != 0) return unknown_attr(sh, ix->key[k]);
        if (!ix_get(ix, "path"))
            return invalid_value(sh, "path", "",
                                 level ? "a virtual directory needs path='/…'" : "an application needs path='/…'");
    }
    while (*ok && sslb_ascii_casecmp(*ok, e->path.attr) != 0) ok++;
    if (!*ok) {
        for (iis = e->path.has_vdir ? vdir_iis : app_iis; *iis; iis++)
            if (sslb_ascii_casecmp(*iis, e->path.attr) == 0)
                return not_emulated(sh, e->path.attr,
                                    e->path.has_vdir ? "this attribute of a virtual directory"
                                                     : "this attribute of an application");
        return unknown_attr(sh, e->path.attr);
    }
    e->attr = *ok;
    e->value = value ? value : "";
    e->op = e->path.app_defaults ? OP_SET_APPDEF : e->path.has_vdir ? OP_SET_VDIR : OP_SET_APP;
    return 0;
}

/* One parameter of set site, or one add site does not take as its own (add site makes the site,
 * then changes it as set site does): its edit planned as t->e[t->n++], or printed (1). The one
 * table of what set site and add site change. */
static int plan_site_param(struct shell *sh, const struct param *p, struct tx *t)
{
    struct edit *e = &t->e[t->n];
    const char *name = p->name;

    e->param = name;
    if (name[0] == '[' || sslb_ascii_ncasecmp(name, "applicationDefaults.", 20) == 0) {
        int r = parse_path(name, 2, &e->path);
        if (r == -2) return too_large(sh, name);
        if (r != 0 || e->path.bindings || !e->path.attr[0] || (!e->path.has_app && !e->path.app_defaults) ||
            (e->path.has_app && e->path.app_defaults))
            return name[0] == '[' ? malformed(sh, "expected [path='/'].attribute or [path='/'].[path='/'].attribute")
                                  : unknown_attr(sh, name);
        if (plan_below_site(sh, p->value, e)) return 1;
    } else if (name[0] == '+' || name[0] == '-') {
        if (parse_path(name + 1, 0, &e->path) == -2) return too_large(sh, name);
        if (parse_path(name + 1, 0, &e->path) != 0 || !e->path.bindings || !e->path.has_binding || e->path.attr[0])
            return e->path.bindings ? malformed(sh, "expected bindings.[protocol='…',bindingInformation='…']")
                                    : unknown_attr(sh, name);
        if (name[0] == '+') {
            e->op = OP_ADD_BINDING;
            if (indexer_binding(sh, &e->path.binding, &e->b)) return 1;
        } else {
            e->op = OP_DEL_BINDING;
        }
    } else if (sslb_ascii_ncasecmp(name, "bindings", 8) == 0 && (name[8] == '.' || name[8] == '[')) {
        if (parse_path(name, 0, &e->path) == -2) return too_large(sh, name);
        if (parse_path(name, 0, &e->path) != 0 || !e->path.has_binding)
            return malformed(sh, "expected bindings.[protocol='…',bindingInformation='…'].attribute:value");
        if (!e->path.attr[0] || !(e->attr = schema_attr(e->path.attr, 1))) return unknown_attr(sh, e->path.attr);
        if (!p->value) return invalid_value(sh, e->attr, "", "give the new value after a colon");
        e->op = OP_SET_BINDING;
        e->value = p->value;
    } else if (sslb_ascii_casecmp(name, "bindings") == 0) {
        if (!p->value) return invalid_value(sh, "bindings", "", "expected /bindings:protocol/bindingInformation[,…]");
        if (!(e->list = calloc(1, sizeof *e->list))) return fail_msg(sh, 8, "Out of memory.", "out of memory");
        e->op = OP_SET_BINDINGS;
        if (parse_blist(sh, p->value, e->list)) {
            blist_free(e->list);
            e->list = NULL;
            return 1;
        }
    } else if ((e->attr = schema_attr(name, 0))) {
        e->op = OP_SET_SITE;
        e->value = p->value ? p->value : "";
    } else {
        return unknown_attr(sh, name);
    }
    t->n++;
    return 0;
}

/* set site: plans one edit per parameter. */
static int plan_set_site(struct shell *sh, struct cmdline *c, struct tx *t)
{
    for (int i = 0; i < c->np; i++)
        if (sslb_ascii_casecmp(c->p[i].name, "site.name") != 0 && plan_site_param(sh, &c->p[i], t)) return 1;
    return 0;
}

static void tx_free(struct tx *t)
{
    if (t->held) sslb_was_release(t->sh->server);
    for (int i = 0; i < t->n; i++) {
        blist_free(t->e[i].list);
        free(t->e[i].note_protocol);
        free(t->e[i].note_info);
    }
    blist_free(t->bl);
    free(t->site_name);
    free(t->from);
    free(t->to);
    free(t->e);
}

static int cmd_set_site(struct shell *sh, struct cmdline *c, const char *id)
{
    struct tx t;
    int r;

    if (site_by_name(sh, id) < 0) return no_site(sh, id);
    if (tx_init(&t, sh, c->np)) return 1;
    t.site_id = id;
    if ((r = plan_set_site(sh, c, &t)) == 0) {
        if ((r = tx_run(sh, &t)) == 0) {
            fprintf(sh->out, "SITE object \"%s\" changed\n", t.site_name);
            tx_notes(sh, &t, t.n > 0, t.touched);
        }
    }
    tx_free(&t);
    return r;
}

static int cmd_add_site(struct shell *sh, struct cmdline *c)
{
    struct tx t;
    int r = 0, have_id = 0;
    sslb_diag d;

    if (tx_init(&t, sh, c->np + 1)) return 1;
    t.site = -1;
    t.auto_start = -1;
    t.e[0].op = OP_ADD_SITE; /* then the changes set site would make (plan_site_param), in order */
    t.n = 1;
    for (int i = 0; i < c->np && !r; i++) {
        struct param *p = &c->p[i];
        const char *v = p->value ? p->value : "";
        if (sslb_ascii_casecmp(p->name, "name") == 0 || sslb_ascii_casecmp(p->name, "site.name") == 0) t.name = v;
        else if (sslb_ascii_casecmp(p->name, "id") == 0) {
            if (parse_u32(v, &t.id) != 0 || t.id == 0)
                r = invalid_value(sh, "id", v, "a site id is a number from 1 to 4294967295");
            have_id = 1;
        } else if (sslb_ascii_casecmp(p->name, "physicalPath") == 0) t.physical_path = v;
        else if (sslb_ascii_casecmp(p->name, "serverAutoStart") == 0) {
            if (parse_bool(v, &t.auto_start) != 0)
                r = invalid_value(sh, "serverAutoStart", v, "expected true or false");
        } else if (sslb_ascii_casecmp(p->name, "bindings") == 0) {
            if (!t.bl && !(t.bl = calloc(1, sizeof *t.bl))) r = fail_msg(sh, 8, "Out of memory.", "out of memory");
            else r = parse_blist(sh, v, t.bl);
        } else r = plan_site_param(sh, p, &t);
    }
    if (!r && c->id) { /* add site takes its name from /name: alone */
        char *shown = safe_copy(c->id);
        r = fail(sh, 87,
                 t.name ? "ERROR ( message:Too many identifiers. )\n"
                        : "ERROR ( message:Must specify the SITE object with identifier. )\n",
                 "add site takes the new site's name from /name:\"Name\", not from an identifier: %s\"%s\" "
                 "(nothing changed)",
                 t.name ? "drop " : "write /name:", shown ? shown : "?");
        free(shown);
    }
    if (!r && !t.name) r = need_id(sh);
    if (!r && sslb_site_name_check(t.name, &d) != SSLB_OK) r = fail_msg(sh, 13, "Invalid site name.", d.text);
    if (!r) {
        t.auto_id = !have_id; /* max(existing ids) + 1, chosen in tx_apply */
        if ((r = tx_run(sh, &t)) == 0) {
            fprintf(sh->out, "SITE object \"%s\" added\n", t.name);
            if (t.physical_path)
                fprintf(sh->out, "APP object \"%s/\" added\nVDIR object \"%s/\" added\n", t.name, t.name);
            tx_notes(sh, &t, 1, t.id);
        }
    }
    tx_free(&t);
    return r;
}

static int cmd_delete_site(struct shell *sh, const char *id)
{
    struct tx t;
    long s = site_by_name(sh, id);
    int r;

    if (s < 0) return no_site(sh, id);
    if (tx_init(&t, sh, 1)) return 1;
    t.site_id = id;
    t.e[0].op = OP_DEL_SITE;
    t.n = 1;
    if ((r = tx_run(sh, &t)) == 0) {
        fprintf(sh->out, "SITE object \"%s\" deleted\n", t.site_name);
        after_change(sh, 0);
    }
    tx_free(&t);
    return r;
}

static int cmd_start_stop(struct shell *sh, const char *id, int start)
{
    long s = site_by_name(sh, id);
    uint32_t other = 0;
    sslb_diag d = {{0}};
    sslb_rc rc;
    const sslb_site *st;

    if (s < 0) return no_site(sh, id);
    if (sh->other_config) /* WAS runs this server's configuration: another file's site is no site here */
    {
        fputs("ERROR ( message:The parameter is incorrect. )\n", sh->out);
        explain(sh, "sslbind refuses this (87): start and stop act on the sites of this server's configuration; "
                    "/apphostconfig names another file, whose sites WAS does not run here (its ids are not this "
                    "server's sites)");
        return 1;
    }
    st = sslb_apphost_site(sh->apphost, (size_t)s);
    rc = start ? sslb_was_start(sh->server, sh->apphost, (size_t)s, &other, &d)
               : sslb_was_stop(sh->server, sh->apphost, (size_t)s, &d);
    if (rc == SSLB_EEXISTS)
        return fail(sh, 183,
                    "ERROR ( hresult:800700b7, message:Command execution failed.\n"
                    "Cannot create a file when that file already exists.\n )\n",
                    "%s", d.text);
    if (rc == SSLB_EINVAL)
        return fail(sh, 87,
                    "ERROR ( hresult:80070057, message:Command execution failed.\nThe parameter is incorrect.\n )\n",
                    "%s", d.text);
    if (rc == SSLB_ENOTFOUND) /* a site without an http or https binding: W3SVC does not know it */
        return fail(sh, 4312,
                    "ERROR ( hresult:800710d8, message:Command execution failed.\n"
                    "The object identifier does not represent a valid object.\n )\n",
                    "%s", d.text);
    if (rc != SSLB_OK) return edit_failure(sh, rc, &d, "Command execution failed.");
    if (start) fprintf(sh->out, "\"%s\" successfully started.\n", st->name);
    else fprintf(sh->out, "\"%s\" successfully stopped\n", st->name);
    return 0;
}

/* ---- config ------------------------------------------------------------------------------- */

#define APPLIED                                                                                                        \
    "Applied configuration changes to section \"system.applicationHost/sites\" for "                                   \
    "\"MACHINE/WEBROOT/APPHOST\" at configuration commit path \"MACHINE/WEBROOT/APPHOST\"\n"

/* Whether section is in one of IIS's own groups (its schema: system.applicationHost/…,
 * system.webServer/…, system.ftpServer/…), which appcmd on Windows reads and writes. */
static int iis_section(const char *section)
{
    static const char *const groups[] = {"system.applicationHost/", "system.webServer/", "system.ftpServer/"};
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (sslb_ascii_ncasecmp(section, groups[i], strlen(groups[i])) == 0 && section[strlen(groups[i])]) return 1;
    return 0;
}

/* The -section: parameter of list config (list) or set config; 0 if it names the sites section
 * (its index in *at), else printed: appcmd's line, and on standard error whether Windows runs
 * the command (IIS's other sections; list config without -section lists them all). */
static int section_of(struct shell *sh, struct cmdline *c, int *at, int list)
{
    for (int i = 0; i < c->np; i++) {
        if (sslb_ascii_casecmp(c->p[i].name, "section") != 0) continue;
        const char *v = c->p[i].value ? c->p[i].value : "";
        *at = i;
        if (sslb_ascii_casecmp(v, "system.applicationHost/sites") == 0 || sslb_ascii_casecmp(v, "sites") == 0) return 0;
        fprintf(sh->out, "ERROR ( message:Unknown config section \"%s\".  Replace with ? for help. )\n", v);
        if (!iis_section(v)) return fail(sh, 87, "", "sslbind emulates the section system.applicationHost/sites only");
        char *shown = safe_copy(v);
        explain(sh,
                "appcmd on Windows runs this on IIS's section %s (when spelt as IIS's schema spells it); sslbind "
                "does not emulate it (only system.applicationHost/sites)",
                shown ? shown : "?");
        free(shown);
        return 1;
    }
    if (!list)
        return fail_msg(sh, 87, "Must specify the -section parameter.", "add -section:system.applicationHost/sites");
    fputs("ERROR ( message:Must specify the -section parameter. )\n", sh->out);
    explain(sh, "appcmd on Windows lists every section of the configuration; sslbind does not emulate that: add "
                "-section:system.applicationHost/sites, the one it emulates");
    return 1;
}

static int plan_set_config(struct shell *sh, struct cmdline *c, struct tx *t, int section)
{
    for (int i = 0; i < c->np; i++) {
        struct param *p = &c->p[i];
        struct edit *e = &t->e[t->n];
        const char *name = p->name;
        int sign = name[0] == '+' || name[0] == '-' ? name[0] : 0;
        if (i == section) continue;
        e->param = name;
        if (parse_path(name + (sign != 0), 1, &e->path) == -2) return too_large(sh, name);
        if (parse_path(name + (sign != 0), 1, &e->path) != 0 || (!e->path.has_site && !e->path.attr[0]))
            return name[sign != 0] == '[' && !iis_only(name)
                       ? malformed(sh, "expected [name='Site'][.bindings.[…]][.attribute]")
                       : unknown_attr(sh, name);
        if (!e->path.has_site) return unknown_attr(sh, name);
        for (int k = 0; k < e->path.site.n; k++)
            if (!schema_attr(e->path.site.key[k], 0)) return unknown_attr(sh, e->path.site.key[k]);
        if (e->path.has_app) { /* [site].[path='/'] and [site].[path='/'].[path='/',physicalPath='…'] */
            static const char *const app_keys[] = {"path", "applicationPool", NULL}, *const vdir_keys[] = {
                                                                                         "path", "physicalPath", NULL};
            for (int level = 0; level < 1 + e->path.has_vdir; level++) {
                const struct indexer *ix = level ? &e->path.vdir : &e->path.app;
                for (int k = 0; k < ix->n; k++) {
                    const char *const *ok = level ? vdir_keys : app_keys;
                    while (*ok && sslb_ascii_casecmp(*ok, ix->key[k]) != 0) ok++;
                    if (!*ok || (sign != '+' && k > 0)) return unknown_attr(sh, ix->key[k]);
                }
                if (!ix_get(ix, "path"))
                    return invalid_value(sh, "path", "",
                                         level ? "a virtual directory needs path='/…'"
                                               : "an application needs path='/…'");
            }
            if (!sign && e->path.attr[0] && !e->path.app_defaults) { /* an attribute of one of them */
                if (plan_below_site(sh, p->value, e)) return 1;
                t->n++;
                continue;
            }
            if (!sign || e->path.attr[0] || e->path.app_defaults)
                return unknown_attr(sh, e->path.attr[0] ? e->path.attr : name);
            e->op = sign == '+' ? (e->path.has_vdir ? OP_ADD_VDIR : OP_ADD_APP)
                                : (e->path.has_vdir ? OP_DEL_VDIR : OP_DEL_APP);
            t->n++;
            continue;
        }
        if (e->path.app_defaults) { /* [name='S'].applicationDefaults.attr */
            if (sign || e->path.bindings) return malformed(sh, "expected [name='Site'].applicationDefaults.attribute");
            if (plan_below_site(sh, p->value, e)) return 1;
            t->n++;
            continue;
        }
        if (sign == '+' && !e->path.bindings) { /* a new site */
            const char *nm = ix_get(&e->path.site, "name"), *id = ix_get(&e->path.site, "id"),
                       *as = ix_get(&e->path.site, "serverAutoStart");
            sslb_diag d;
            if (!nm || sslb_site_name_check(nm, &d) != SSLB_OK)
                return nm ? fail_msg(sh, 13, "Invalid site name.", d.text) : need_id(sh);
            if (!id || parse_u32(id, &e->add_id) != 0 || e->add_id == 0)
                return invalid_value(sh, "id", id ? id : "", "a site needs id='N', a number from 1 to 4294967295");
            e->add_auto_start = -1;
            if (as && parse_bool(as, &e->add_auto_start) != 0)
                return invalid_value(sh, "serverAutoStart", as, "expected true or false");
            e->add_name = nm;
            e->op = OP_ADD_SITE;
        } else if (sign == '+') {
            if (!e->path.has_binding || e->path.attr[0]) return malformed(sh, "expected [name='Site'].bindings.[…]");
            if (indexer_binding(sh, &e->path.binding, &e->b)) return 1;
            e->op = OP_ADD_BINDING;
        } else if (sign == '-') {
            if (e->path.attr[0] || (e->path.bindings && !e->path.has_binding))
                return malformed(sh, "expected an element");
            e->op = e->path.has_binding ? OP_DEL_BINDING : OP_DEL_SITE;
        } else if (e->path.has_binding) {
            if (!e->path.attr[0] || !(e->attr = schema_attr(e->path.attr, 1))) return unknown_attr(sh, e->path.attr);
            if (!p->value) return invalid_value(sh, e->attr, "", "give the new value after a colon");
            e->op = OP_SET_BINDING;
            e->value = p->value;
        } else {
            if (!e->path.attr[0] || !(e->attr = schema_attr(e->path.attr, 0))) return unknown_attr(sh, e->path.attr);
            e->op = OP_SET_SITE;
            e->value = p->value ? p->value : "";
        }
        t->n++;
    }
    return 0;
}

static int cmd_set_config(struct shell *sh, struct cmdline *c)
{
    struct tx t;
    int section = -1, r;

    if ((r = section_of(sh, c, &section, 0)) || (r = tx_init(&t, sh, c->np))) return r;
    t.site = -1;
    if ((r = plan_set_config(sh, c, &t, section)) == 0 && (r = tx_run(sh, &t)) == 0) {
        fputs(APPLIED, sh->out);
        tx_notes(sh, &t, 1, t.touched);
    }
    tx_free(&t);
    return r;
}

/* /text:* of list config: the section's element as [system.applicationHost/sites], its children
 * two spaces deeper a level, as list site /text:* shows a site. */
static void dump_section(void *ctx, int depth, const char *element, size_t n, const char *const *names,
                         const char *const *values)
{
    dump_element(ctx, depth, depth ? element : "system.applicationHost/sites", n, names, values);
}

/* list config's attributes (the /xml CONFIG element's), or NULL. */
static const char *config_attr(const char *a)
{
    static const char *const kv[][2] = {{"CONFIG.SECTION", "system.applicationHost/sites"},
                                        {"path", "MACHINE/WEBROOT/APPHOST"},
                                        {"overrideMode", "Inherit"},
                                        {"locked", "false"}};
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        if (sslb_ascii_casecmp(kv[i][0], a) == 0) return kv[i][1];
    return NULL;
}

static int cmd_list_config(struct shell *sh, struct cmdline *c)
{
    const char *t;
    size_t len, ind;
    int section = -1, r;

    if ((r = section_of(sh, c, &section, 1))) return r;
    for (int i = 0; i < c->np; i++)
        if (i != section) return unknown_attr(sh, c->p[i].name);
    if (c->text && *c->text && strcmp(c->text, "*") != 0 && !config_attr(c->text)) return unknown_attr(sh, c->text);
    if (c->text && *c->text && !c->xml && !c->config) {
        if (strcmp(c->text, "*") == 0) {
            struct textdump td = {sh->out};
            fprintf(sh->out, "CONFIG\n  CONFIG.SECTION: system.applicationHost/sites\n  path: MACHINE/WEBROOT/APPHOST\n"
                             "  overrideMode: Inherit\n  locked: false\n");
            sslb_apphost_walk(sh->apphost, SIZE_MAX, dump_section, &td);
        } else {
            fprintf(sh->out, "%s\n", config_attr(c->text));
        }
        return 0;
    }
    sslb_apphost_text(sh->apphost, -1, &t, &len, &ind);
    if (c->xml)
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<appcmd>\n    <CONFIG "
              "CONFIG.SECTION=\"system.applicationHost/sites\" path=\"MACHINE/WEBROOT/APPHOST\" "
              "overrideMode=\"Inherit\" locked=\"false\">\n",
              sh->out);
    print_reindented(sh->out, t, len, ind, c->xml ? 8 : 0);
    if (c->xml) fputs("    </CONFIG>\n</appcmd>\n", sh->out);
    return 0;
}

/* ---- help --------------------------------------------------------------------------------- */

static const char general_help[] = "General purpose IIS command line administration tool (sslbind's emulation).\n"
                                   "\n"
                                   "APPCMD (command) (object-type) <identifier> </parameter1:value1 ...>\n"
                                   "\n"
                                   "Supported object types:\n"
                                   "\n"
                                   "  SITE      Administration of virtual sites\n"
                                   "  CONFIG    Administration of general configuration sections\n"
                                   "  BACKUP    Administration of server configuration backups\n"
                                   "\n"
                                   "(To list commands supported by each object use /?, e.g. 'appcmd.exe site /?')\n"
                                   "\n"
                                   "General parameters:\n"
                                   "\n"
                                   "  /?            Display context-sensitive help message.\n"
                                   "  /text<:value> Generate output in text format (default).\n"
                                   "                /text:* shows all object properties in detail view.\n"
                                   "                /text:<attribute> shows the value of the specified\n"
                                   "                attribute for each object.\n"
                                   "  /xml          Generate output in XML format.\n"
                                   "  /config<:*>   Show the configuration of the displayed objects.\n"
                                   "  /commit       Accepted; every setting here lives in MACHINE/WEBROOT/APPHOST.\n"
                                   "  /apphostconfig:<file>  Use this applicationHost.config instead.\n"
                                   "\n"
                                   "Only the site collection of system.applicationHost/sites and the configuration\n"
                                   "backups are emulated; appcmd never touches the SSL certificate bindings (use\n"
                                   "netsh http, or sslbind iis binding cert).\n";

static const char site_help[] = "Administration of virtual sites\n"
                                "\n"
                                "APPCMD (command) SITE <identifier> <-parameter1:value1 ...>\n"
                                "\n"
                                "Supported commands:\n"
                                "\n"
                                "  list      List virtual sites\n"
                                "  set       Configure virtual site\n"
                                "  add       Add new virtual site\n"
                                "  delete    Delete virtual site\n"
                                "  start     Start virtual site\n"
                                "  stop      Stop virtual site\n"
                                "\n"
                                "(To get help for each command use /?, e.g. 'appcmd.exe add site /?'.)\n";

static const char config_help[] = "Administration of general configuration sections\n"
                                  "\n"
                                  "APPCMD (command) CONFIG <identifier> <-parameter1:value1 ...>\n"
                                  "\n"
                                  "Supported commands:\n"
                                  "\n"
                                  "  list      List configuration sections\n"
                                  "  set       Set configuration section\n"
                                  "\n"
                                  "(To get help for each command use /?, e.g. 'appcmd.exe set config /?'.)\n";

static const struct {
    const char *verb, *object, *text;
} command_help[] = {
    {"list", "site",
     "List virtual sites\n\nAPPCMD list SITE <identifier> <-parameter1:value1 ...>\n\n"
     "List the virtual sites on the machine, in the order of the configuration. The\n"
     "identifier, or /site.name:, names one site; /name:, /id:, /bindings:, /state:,\n"
     "/serverAutoStart: filter by attribute: the value as list prints it, or a pattern\n"
     "after $= where * stands for any text.\n\nExamples:\n\n"
     "  appcmd list sites\n  appcmd list site \"Default Web Site\"\n  appcmd list sites /state:Stopped\n"
     "  appcmd list sites /bindings:http/*:80:\n  appcmd list sites \"/bindings:$=*:443:*\"\n"
     "  appcmd list site Site1 /text:*\n  appcmd list sites /xml\n"},
    {"set", "site",
     "Configure virtual site\n\nAPPCMD set SITE <identifier> <-parameter1:value1 ...>\n\n"
     "Add, remove or change bindings, or change the site's name, id or serverAutoStart.\n\nExamples:\n\n"
     "  appcmd set site /site.name:Contoso /+bindings.[protocol='https',bindingInformation='*:443:']\n"
     "  appcmd set site Contoso /-bindings.[protocol='http',bindingInformation='*:80:']\n"
     "  appcmd set site Contoso /bindings.[protocol='https',bindingInformation='*:443:www.contoso.com'].sslFlags:1\n"
     "  appcmd set site Contoso /bindings:http/*:80:,https/*:443:\n"},
    {"add", "site",
     "Add new virtual site\n\nAPPCMD add SITE /name:<name> [/id:<id>] [/bindings:<bindings>] [/physicalPath:<path>]\n"
     "                       [/serverAutoStart:true|false]\n\n"
     "bindings = protocol/bindingInformation[,...] (raw form) or protocol://host:port[,...]\n"
     "(friendly form: http://contoso.com:8080 is http/*:8080:contoso.com). Without /id the\n"
     "next id is the largest one plus 1. /physicalPath also makes the root application.\n"
     "Every other parameter set site takes changes the new site in the same step\n"
     "(/applicationDefaults.applicationPool:, /+bindings.[...], /[path='/'].applicationPool:).\n\nExamples:\n\n"
     "  appcmd add site /name:MySite /id:2 /bindings:http/*:81: /physicalPath:C:\\inetpub\\mysite\n"
     "  appcmd add site /name:Contoso /bindings:http://contoso.com:8080,https://contoso.com\n"
     "  appcmd add site /name:ProGet /physicalPath:C:\\ProGet\\Web /applicationDefaults.applicationPool:ProGet\n"},
    {"delete", "site",
     "Delete virtual site\n\nAPPCMD delete SITE <identifier>\n\n"
     "Removes the site from the configuration; SSL certificate bindings stay as they are.\n"},
    {"start", "site", "Start virtual site\n\nAPPCMD start SITE <identifier>\n\nStarts the site on this server.\n"},
    {"stop", "site", "Stop virtual site\n\nAPPCMD stop SITE <identifier>\n\nStops the site on this server.\n"},
    {"set", "config",
     "Set configuration section\n\nAPPCMD set CONFIG -section:system.applicationHost/sites <-parameter1:value1 ...>\n\n"
     "Examples:\n\n"
     "  appcmd set config -section:system.applicationHost/sites /+\"[name='Contoso',id='2',serverAutoStart='True']\" "
     "/commit:apphost\n"
     "  appcmd set config -section:system.applicationHost/sites "
     "/+\"[name='Contoso'].bindings.[protocol='https',bindingInformation='*:443:']\" /commit:apphost\n"},
    {"list", "config",
     "List configuration sections\n\nAPPCMD list CONFIG -section:system.applicationHost/sites\n\n"
     "Shows the <sites> element as it is stored.\n"},
};

static int help(struct shell *sh, const char *verb, const char *object)
{
    int is_site = object && (sslb_ascii_casecmp(object, "site") == 0 || sslb_ascii_casecmp(object, "sites") == 0);
    int is_config = object && sslb_ascii_casecmp(object, "config") == 0;

    if (verb && *verb && (is_site || is_config))
        for (size_t i = 0; i < sizeof command_help / sizeof command_help[0]; i++)
            if (sslb_ascii_casecmp(command_help[i].verb, verb) == 0 &&
                strcmp(command_help[i].object, is_site ? "site" : "config") == 0) {
                fputs(command_help[i].text, sh->out);
                explain(sh, "help only: no command was run");
                return 1;
            }
    fputs(is_site ? site_help : is_config ? config_help : general_help, sh->out);
    explain(sh, "help only: no command was run");
    return 1;
}

/* ---- dispatch ----------------------------------------------------------------------------- */

/* The word upper-cased (ASCII), as appcmd echoes it; a copy the caller frees, NULL out of memory. */
static char *upper(const char *in)
{
    char *out = strdup(in ? in : "");
    for (char *p = out; p && *p; p++) *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    return out;
}

/* Whether path (an /apphostconfig: file) is the configuration this server runs, its own or the
 * farm's, by any name (another spelling, a link): 1; -1 when it may be (which one it runs cannot
 * be told); else 0. */
static int names_own_config(struct shell *sh, const char *path)
{
    char own[PATH_MAX + 32];
    struct stat a, b;

    /* which file this server runs cannot be told (redirection.config damaged): it may be this
     * one, so the command goes the way of this server's own, which refuses as every command
     * needing that file does (review 25, F4: an edit of the farm's file went round WAS) */
    if (sslb_server_config_path(sh->server, own, sizeof own) < 0) return -1;
    return stat(path, &a) == 0 && stat(own, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Runs a parsed command on the open configuration. */
static int run(struct shell *sh, struct cmdline *c, int is_site)
{
    const char *id = c->id;

    if (!is_site) return sslb_ascii_casecmp(c->verb, "set") == 0 ? cmd_set_config(sh, c) : cmd_list_config(sh, c);
    if (sslb_ascii_casecmp(c->verb, "list") == 0) return cmd_list_site(sh, c);
    if (sslb_ascii_casecmp(c->verb, "add") == 0) return cmd_add_site(sh, c);
    for (int i = 0; i < c->np; i++)
        if (sslb_ascii_casecmp(c->p[i].name, "site.name") == 0) {
            const char *v = c->p[i].value ? c->p[i].value : "";
            if (id && sslb_ascii_casecmp(id, v) != 0) { /* two names: which site is meant? */
                char *a = safe_copy(id), *b = safe_copy(v);
                int r = fail(sh, 87, "ERROR ( message:Too many identifiers. )\n",
                             "the identifier \"%s\" and /site.name:\"%s\" name two sites: give one (nothing changed)",
                             a ? a : "?", b ? b : "?");
                free(a);
                free(b);
                return r;
            }
            id = v;
        }
    if (!id) return need_id(sh);
    if (sslb_ascii_casecmp(c->verb, "set") == 0) return cmd_set_site(sh, c, id);
    for (int i = 0; i < c->np; i++)
        if (sslb_ascii_casecmp(c->p[i].name, "site.name") != 0) return unknown_attr(sh, c->p[i].name);
    if (sslb_ascii_casecmp(c->verb, "delete") == 0) return cmd_delete_site(sh, id);
    return cmd_start_stop(sh, id, sslb_ascii_casecmp(c->verb, "start") == 0);
}

static const char *const site_verbs[] = {"list", "add", "set", "delete", "start", "stop", NULL};
static const char *const config_verbs[] = {"list", "set", NULL};

void appcmd_usage(FILE *f)
{
    fputs("usage: appcmd [--state DIR] [--] VERB OBJECT [IDENTIFIER] [/PARAMETER:VALUE ...]\n"
          "       appcmd --help | --version\n"
          "\n"
          "IIS's appcmd over the emulated server's applicationHost.config (sslbind called as appcmd).\n"
          "\n"
          "  --state DIR   the emulated server (default $SSLBIND_STATE, else\n"
          "                ${XDG_STATE_HOME:-$HOME/.local/state}/sslbind), as for sslbind\n"
          "  --help        this text, on standard output\n"
          "  --version     the version\n"
          "  --            end of options: the words after it are the command\n"
          "\n",
          f);
    fputs("Verbs and objects:\n", f);
    for (const char *const *v = site_verbs; *v; v++) fprintf(f, "  %-6s site\n", *v);
    for (const char *const *v = config_verbs; *v; v++)
        fprintf(f, "  %-6s config -section:system.applicationHost/sites\n", *v);
    fputs("  add    backup [NAME]\n  list   backup[s] [NAME]\n  restore backup NAME [/stop:true|false]\n"
          "  delete backup NAME\n",
          f);
    fputs("\nappcmd's help in appcmd's layout (our wording, for what sslbind emulates): appcmd /?,\n"
          "appcmd site /?, appcmd add site /?. General parameters (appcmd /?):\n\n",
          f);
    fputs(strstr(general_help, "  /?"), f);
}

void appcmd_complete(struct shell *sh, char **words, int nwords, const char *prefix,
                     void (*add)(void *ctx, const char *word), void *ctx)
{
    static const char *const params[] = {"/?",      "/text",           "/text:*",         "/xml",
                                         "/config", "/commit:apphost", "/apphostconfig:", NULL};
    static const char *const site_params[] = {
        "/name:",      "/id:",    "/bindings:",  "/physicalPath:", "/serverAutoStart:",
        "/site.name:", "/state:", "/+bindings.", "/-bindings.",    NULL};
    const char *verb = NULL, *object = NULL;
    int npos = 0;
    size_t plen = strlen(prefix);

#define OFFER(w)                                                                                                       \
    do {                                                                                                               \
        if (sslb_ascii_ncasecmp((w), prefix, plen) == 0) add(ctx, (w));                                                \
    } while (0)
    for (int i = 0; i < nwords; i++)
        if (words[i][0] != '/' && words[i][0] != '-') {
            if (npos == 0) verb = words[i];
            else if (npos == 1) object = words[i];
            npos++;
        }
    if (prefix[0] == '/' || prefix[0] == '-') {
        int config = object && sslb_ascii_casecmp(object, "config") == 0;
        for (const char *const *p = params; *p; p++) OFFER(*p);
        if (config) OFFER("-section:system.applicationHost/sites");
        else if (object)
            for (const char *const *p = site_params; *p; p++) OFFER(*p);
        return;
    }
    if (npos == 0) {
        for (const char *const *v = site_verbs; *v; v++) OFFER(*v);
        OFFER("restore"); /* backup's own verb */
        return;
    }
    if (npos == 1) {
        int site = 0, config = 0;
        for (const char *const *v = site_verbs; *v; v++) site |= sslb_ascii_casecmp(*v, verb) == 0;
        for (const char *const *v = config_verbs; *v; v++) config |= sslb_ascii_casecmp(*v, verb) == 0;
        if (site) OFFER("site");
        if (site && sslb_ascii_casecmp(verb, "list") == 0) OFFER("sites");
        if (config) OFFER("config");
        if (sslb_ascii_casecmp(verb, "list") == 0 || sslb_ascii_casecmp(verb, "add") == 0 ||
            sslb_ascii_casecmp(verb, "delete") == 0 || sslb_ascii_casecmp(verb, "restore") == 0)
            OFFER("backup");
        if (sslb_ascii_casecmp(verb, "list") == 0) OFFER("backups");
        return;
    }
    if (npos == 2 && appcmd_is_backup(object) &&
        (sslb_ascii_casecmp(verb, "restore") == 0 || sslb_ascii_casecmp(verb, "delete") == 0) && sh->state_dir) {
        char **names;
        size_t n;
        sslb_diag d;
        if (sslb_backup_list(sh->state_dir, &names, &n, &d) != SSLB_OK) return;
        for (size_t i = 0; i < n; i++)
            if (!strpbrk(names[i], " \t")) OFFER(names[i]);
        sslb_backup_names_free(names, n);
        return;
    }
    if (npos == 2 && object && (sslb_ascii_casecmp(object, "site") == 0 || sslb_ascii_casecmp(object, "sites") == 0) &&
        sslb_ascii_casecmp(verb, "add") != 0 && sh->state_dir) { /* the sites, from the configuration */
        if (!sh->apphost) { /* read it only if it is there: completing creates nothing */
            char path[4096], redir[4096];
            sslb_diag d;
            snprintf(path, sizeof path, "%s/applicationHost.config", sh->state_dir);
            snprintf(redir, sizeof redir, "%s/redirection.config", sh->state_dir);
            if ((access(path, R_OK) != 0 && access(redir, R_OK) != 0) ||
                sslb_apphost_open(sh->state_dir, NULL, &sh->apphost, &d) != SSLB_OK) {
                sslb_apphost_close(sh->apphost);
                sh->apphost = NULL;
                return;
            }
        }
        for (size_t i = 0; i < sslb_apphost_count(sh->apphost); i++) {
            const char *name = sslb_apphost_site(sh->apphost, i)->name;
            char *quoted;
            if (!name || strchr(name, '"')) continue; /* a quote in a name: typed by hand (\") */
            if (!strpbrk(name, " \t")) {
                OFFER(name);
                continue;
            }
            /* a name with a blank (Default Web Site) is offered quoted, one word, whether the
             * quote is typed yet or not */
            if (prefix[0] == '"' ? sslb_ascii_ncasecmp(name, prefix + 1, plen - 1) != 0
                                 : sslb_ascii_ncasecmp(name, prefix, plen) != 0)
                continue;
            if (asprintf(&quoted, "\"%s\"", name) < 0) continue;
            add(ctx, quoted);
            free(quoted);
        }
    }
#undef OFFER
}

/* Whether object is one of appcmd.exe's own (appcmd /?; singular or plural) that sslbind does
 * not emulate (it emulates SITE, CONFIG and BACKUP): on Windows a command on it runs. */
static int windows_object(const char *object)
{
    static const char *const objects[] = {"site", "app",     "vdir",   "apppool", "config",
                                          "wp",   "request", "module", "trace",   "binding"};
    size_t n = strlen(object);

    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++) {
        size_t l = strlen(objects[i]);
        if (sslb_ascii_ncasecmp(object, objects[i], l) == 0 && (n == l || (n == l + 1 && (object[l] | 0x20) == 's')))
            return 1;
    }
    return 0;
}

/* A line on the BACKUP object, handed to backup.c with its parameters. */
static int run_backup(struct shell *sh, const struct cmdline *c)
{
    const char **names = calloc((size_t)c->np + 1, sizeof *names), **values = calloc((size_t)c->np + 1, sizeof *values);
    int r;

    if (!names || !values) {
        free(names);
        free(values);
        return fail_msg(sh, 8, "Out of memory.", "out of memory");
    }
    for (int i = 0; i < c->np; i++) {
        names[i] = c->p[i].name;
        values[i] = c->p[i].value;
    }
    r = appcmd_backup(sh, &(struct appcmd_backup_line){c->verb, c->id, c->np, names, values, c->help, c->xml, c->text,
                                                       c->apphostconfig});
    free(names);
    free(values);
    return r;
}

/* One line, its words split into *c-> */
static int exec_line(struct shell *sh, int argc, char **argv, struct cmdline *c)
{
    char *V, *O;
    int is_site, r;

    if (argc == 0) {
        fputs(general_help, sh->out);
        explain(sh, "appcmd exits 87 on Windows: give a command, e.g. appcmd list sites");
        return 1;
    }
    if (parse_line(sh, argc, argv, c)) return 1;
    if (appcmd_is_backup(c->object)) return run_backup(sh, c);
    if (c->help || !c->object) return help(sh, c->verb, c->object);
    is_site = sslb_ascii_casecmp(c->object, "site") == 0 || sslb_ascii_casecmp(c->object, "sites") == 0;
    int known = 0;
    for (const char *const *v = is_site ? site_verbs : config_verbs; *v; v++)
        known |= sslb_ascii_casecmp(*v, c->verb) == 0;
    if (!known || (!is_site && sslb_ascii_casecmp(c->object, "config") != 0)) {
        O = upper(c->object);
        V = upper(c->verb);
        if (O) echo_safe(O); /* the words typed, without a terminal's escape sequences */
        if (V) echo_safe(V);
        if (!O || !V) r = fail_msg(sh, 8, "Out of memory.", "out of memory");
        else if (!is_site && sslb_ascii_casecmp(c->object, "config") != 0) {
            fprintf(sh->out, "Object '%s' is not supported.  Run 'appcmd.exe /?' to display supported objects.\n", O);
            if (windows_object(c->object)) { /* the line is the spec's (iis.md 10.14); Windows runs it */
                int common = 0;              /* the verbs every object of appcmd's takes (appcmd /?) */
                for (const char *const *v = config_verbs; *v; v++) common |= sslb_ascii_casecmp(*v, c->verb) == 0;
                explain(
                    sh,
                    "appcmd on Windows has the %s object%s; sslbind does not emulate it (only SITE, CONFIG and BACKUP)",
                    O, common ? " and runs this command" : "");
                r = 1;
            } else {
                r = fail(sh, 87, "", "sslbind emulates the SITE, CONFIG and BACKUP objects");
            }
        } else {
            fprintf(sh->out,
                    "Command '%s' is not supported on object '%s'. Run 'appcmd.exe %s /?'\nto display supported "
                    "commands.\n",
                    V, O, O);
            r = fail(sh, 87, "", "%s takes %s", O, is_site ? "list, add, set, delete, start, stop" : "list, set");
        }
        free(O);
        free(V);
        return r;
    }
    if (!c->apphostconfig) return shell_iis(sh, 1) ? 1 : run(sh, c, is_site);
    /* this server's own configuration is none of this command's: not read, not made (review 20, F3) */
    if (shell_iis_server(sh, 1)) return 1;
    /* the file this server runs, named by path: a command on it, which WAS follows (else a site it
     * renumbered would lose its state, Stopped, and start as a new site) */
    if ((r = names_own_config(sh, c->apphostconfig)) != 0) {
        if (r < 0)
            explain(sh, "/apphostconfig: may name the configuration this server runs, which its damaged "
                        "redirection.config does not tell: refused until it is corrected");
        return shell_iis(sh, 1) ? 1 : run(sh, c, is_site);
    }
    /* /apphostconfig: another file, for this command only */
    sslb_apphost *keep = sh->apphost, *ah = NULL;
    sslb_diag d = {{0}};
    sslb_rc rc = sslb_apphost_open(sh->state_dir, c->apphostconfig, &ah, &d);
    if (rc == SSLB_OK) {
        sh->apphost = ah;
        sh->other_config = 1;
        r = run(sh, c, is_site);
        sh->other_config = 0;
        sh->apphost = keep;
    } else if (rc == SSLB_ECORRUPT && ah) {
        r = iis_config_error(sh, ah, &d, 1);
    } else {
        r = edit_failure(sh, rc, &d, "Cannot read configuration file");
    }
    sslb_apphost_close(ah);
    return r;
}

int appcmd_exec(struct shell *sh, int argc, char **argv)
{
    struct cmdline c;
    int r;

    memset(&c, 0, sizeof c);
    pasted_watch(sh, argc, argv, 1); /* a refusal then names a dash or quote pasted from a document */
    r = exec_line(sh, argc, argv, &c);
    cmdline_free(&c);
    return r;
}
