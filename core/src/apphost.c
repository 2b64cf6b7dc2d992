/* apphost.c — applicationHost.config: read with libxml2, edited surgically, written durably.
 *
 * Two readings of one text. libxml2 checks that the file is well-formed and gives the values
 * (entities decoded) and the lines for errors. A small scanner of the same bytes gives each
 * element's byte span (start tag, end tag, its attributes), so an edit splices new text into the
 * old and leaves every other byte alone. The two are paired by document order: the k-th <site>
 * that libxml2 sees is the k-th the scanner sees. After each edit both are rebuilt from the new
 * text (files are small), so indexes and spans are always those of the current text.
 */
#include "sslb/apphost.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

/* uthash: out of memory comes back (the element is not added, its hh.tbl is NULL), never exit() */
#define HASH_NONFATAL_OOM 1
#include <uthash.h>

#include "apphost_int.h"
#include "ascii_int.h"
#include "file_int.h"
#include "sslb/statedir.h"

#define FRESH_INSTALL                                                                                                  \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                                     \
    "<configuration>\n"                                                                                                \
    "    <system.applicationHost>\n"                                                                                   \
    "        <sites>\n"                                                                                                \
    "            <site name=\"Default Web Site\" id=\"1\">\n"                                                          \
    "                <application path=\"/\">\n"                                                                       \
    "                    <virtualDirectory path=\"/\" physicalPath=\"%SystemDrive%\\inetpub\\wwwroot\" />\n"           \
    "                </application>\n"                                                                                 \
    "                <bindings>\n"                                                                                     \
    "                    <binding protocol=\"http\" bindingInformation=\"*:80:\" />\n"                                 \
    "                </bindings>\n"                                                                                    \
    "            </site>\n"                                                                                            \
    "            <siteDefaults>\n"                                                                                     \
    "                <logFile logFormat=\"W3C\" directory=\"%SystemDrive%\\inetpub\\logs\\LogFiles\" />\n"             \
    "                <traceFailedRequestsLogging directory=\"%SystemDrive%\\inetpub\\logs\\FailedReqLogFiles\" />\n"   \
    "            </siteDefaults>\n"                                                                                    \
    "            <applicationDefaults applicationPool=\"DefaultAppPool\" />\n"                                         \
    "            <virtualDirectoryDefaults allowSubDirConfig=\"true\" />\n"                                            \
    "        </sites>\n"                                                                                               \
    "    </system.applicationHost>\n"                                                                                  \
    "</configuration>\n"

#define MAX_ATTRS 32
#define MAX_DEPTH 256

/* One element of the text, as the scanner found it (byte offsets). */
struct node {
    size_t start;      /* '<' of the start tag */
    size_t name_end;   /* just after the element's name */
    size_t attrs_end;  /* just after the last attribute's closing quote (name_end if none) */
    size_t stag_end;   /* just after the start tag's '>' */
    size_t etag_start; /* '<' of the end tag (stag_end when self-closing) */
    size_t end;        /* just after the element */
    long parent;       /* index, -1 for the root */
    int selfclose;
};

/* What one text means: the libxml2 document, the scanner's elements, the sites. */
struct model {
    xmlDocPtr doc;
    struct node *nodes;
    size_t nnodes;
    long sites_node; /* scanner index of <sites>, -1 if absent */
    long root_node;  /* scanner index of <configuration>, -1 before it is read */
    long group_node; /* the first <system.applicationHost> (where a <sites> is made), -1 if absent */
    sslb_site *sites;
    size_t nsites;
    long *site_node;            /* per site: scanner index of <site> */
    xmlNodePtr *site_x;         /* per site: libxml2 node */
    long *bindings_node;        /* per site: <bindings>, -1 if absent */
    long **binding_node;        /* per site, per binding of the effective list: <binding>, -1 if inherited */
    sslb_sitebinding *defaults; /* <siteDefaults><bindings>: what every site inherits */
    size_t ndefaults;
    char **strings; /* every string the sites point at */
    size_t nstrings, capstrings;
};

struct sslb_apphost {
    char path[PATH_MAX + 64];
    char lockpath[PATH_MAX + 72];
    char *text;
    size_t len;
    struct model m;
    struct stat version;
    int known;
    long err_line;
    char err_detail[256];
    uint64_t generation;            /* which model: unique across handles (see sslb__apphost_generation) */
    void (*after_write)(void *ctx); /* set by an edit (sslb__apphost_after_write), for its change */
    int in_change;                  /* sslb_apphost_change is running its edit */
    void *after_ctx;
};

static uint64_t generations; /* the last generation given */

/* ---- the scanner ---------------------------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static const char *find(const char *t, size_t from, size_t len, const char *what)
{
    size_t wl = strlen(what);
    for (size_t i = from; i + wl <= len; i++)
        if (t[i] == what[0] && memcmp(t + i, what, wl) == 0) return t + i;
    return NULL;
}

/* Walks the attributes of the start tag at t[pos] (just after the name) up to its end. Returns
 * the offset just after the last attribute's value; when want is non-NULL and an attribute has
 * that name, vs and ve receive its value's span (without quotes). *tag_end receives the offset
 * after '>' and *selfclose whether it was "/>". 0 on a malformed tag. */
static size_t attr_walk(const char *t, size_t pos, size_t len, const char *want, size_t *vs, size_t *ve,
                        size_t *tag_end, int *selfclose)
{
    size_t last = pos;

    for (;;) {
        while (pos < len && is_space(t[pos])) pos++;
        if (pos >= len) return 0;
        if (t[pos] == '>' || (t[pos] == '/' && pos + 1 < len && t[pos + 1] == '>')) {
            if (selfclose) *selfclose = t[pos] == '/';
            if (tag_end) *tag_end = pos + (t[pos] == '/' ? 2 : 1);
            return last;
        }
        size_t ns = pos;
        while (pos < len && !is_space(t[pos]) && t[pos] != '=') pos++;
        size_t ne = pos;
        while (pos < len && is_space(t[pos])) pos++;
        if (pos >= len || t[pos] != '=') return 0;
        pos++;
        while (pos < len && is_space(t[pos])) pos++;
        if (pos >= len || (t[pos] != '"' && t[pos] != '\'')) return 0;
        char q = t[pos++];
        const char *close = memchr(t + pos, q, len - pos);
        if (!close) return 0;
        if (want && ne - ns == strlen(want) && memcmp(t + ns, want, ne - ns) == 0) {
            *vs = pos;
            *ve = (size_t)(close - t);
        }
        pos = (size_t)(close - t) + 1;
        last = pos;
    }
}

/* The line of offset at (1-based). */
static long line_of(const char *t, size_t at)
{
    long line = 1;
    for (const char *p = t; (p = memchr(p, '\n', (size_t)(t + at - p))) != NULL; p++) line++;
    return line;
}

/* What IIS configuration files may not be, found before libxml2 sees the text: 0 if none, else -1
 * with the line and the reason. Not UTF-8 (a UTF-16 or UTF-32 text, a declared encoding other
 * than UTF-8: an edit would splice UTF-8 bytes into it), or a DOCTYPE: IIS files never have one,
 * and its entities would be expanded by every read of an attribute (a 100 kB file can expand to
 * gigabytes) and could hold markup the byte scanner does not see. Only the prolog can hold a
 * DOCTYPE, and the prolog is whitespace, the XML declaration, comments and processing
 * instructions: a DOCTYPE this walk does not find is not one libxml2 accepts either. */
int sslb__xml_prolog_check(const char *t, size_t len, long *line, char *why, size_t n)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t pos = 0;
    const char *e;

    *line = 1;
    if ((len >= 4 && memcmp(t, "\0\0\xFE\xFF", 4) == 0) || (len >= 4 && memcmp(t, "\xFF\xFE\0\0", 4) == 0) ||
        (len >= 4 && memcmp(t, "\0\0\0<", 4) == 0) || (len >= 4 && memcmp(t, "<\0\0\0", 4) == 0)) {
        snprintf(why, n, "the file is UTF-32; IIS configuration files are UTF-8");
        return -1;
    }
    if ((len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) ||
        (len >= 2 && ((u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == '<')))) {
        snprintf(why, n, "the file is UTF-16; IIS configuration files are UTF-8 (save it as UTF-8)");
        return -1;
    }
    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) pos = 3;
    if (len - pos >= 6 && memcmp(t + pos, "<?xml", 5) == 0 && is_space(t[pos + 5]) &&
        (e = find(t, pos + 5, len, "?>")) != NULL) { /* the XML declaration: encoding="UTF-8" or none */
        size_t end = (size_t)(e - t), vs = 0, ve = 0;
        for (size_t i = pos + 5; i + 8 <= end; i++) {
            if (memcmp(t + i, "encoding", 8) != 0 || !is_space(t[i - 1])) continue;
            size_t p = i + 8;
            while (p < end && is_space(t[p])) p++;
            if (p >= end || t[p] != '=') continue;
            for (p++; p < end && is_space(t[p]); p++) {
            }
            if (p >= end || (t[p] != '"' && t[p] != '\'')) continue;
            const char *q = memchr(t + p + 1, t[p], end - p - 1);
            if (!q) continue;
            vs = p + 1;
            ve = (size_t)(q - t);
            break;
        }
        if (ve > vs && !(ve - vs == 5 && sslb__ncasecmp(t + vs, "UTF-8", 5) == 0) &&
            !(ve - vs == 4 && sslb__ncasecmp(t + vs, "UTF8", 4) == 0)) {
            *line = line_of(t, vs);
            snprintf(why, n, "encoding \"%.*s\" is declared; IIS configuration files are UTF-8",
                     (int)(ve - vs > 40 ? 40 : ve - vs), t + vs);
            return -1;
        }
        pos = end + 2;
    }
    for (;;) {
        while (pos < len && is_space(t[pos])) pos++;
        if (len - pos >= 4 && memcmp(t + pos, "<!--", 4) == 0 && (e = find(t, pos + 4, len, "-->")) != NULL)
            pos = (size_t)(e - t) + 3;
        else if (len - pos >= 2 && memcmp(t + pos, "<?", 2) == 0 && (e = find(t, pos + 2, len, "?>")) != NULL)
            pos = (size_t)(e - t) + 2;
        else break;
    }
    if (len - pos >= 2 && memcmp(t + pos, "<!", 2) == 0 && !(len - pos >= 4 && memcmp(t + pos, "<!--", 4) == 0)) {
        *line = line_of(t, pos);
        snprintf(why, n, "a DOCTYPE is not allowed in an IIS configuration file (no DTD, no entities)");
        return -1;
    }
    return 0;
}

/* Finds every element of a well-formed text (libxml2 has checked it). -1 if it cannot. */
static int scan(const char *t, size_t len, struct model *m)
{
    long stack[MAX_DEPTH];
    int depth = 0;
    size_t cap = 64, pos = 0;

    if (!(m->nodes = malloc(cap * sizeof *m->nodes))) return -1;
    m->nnodes = 0;
    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) pos = 3;
    while (pos < len) {
        const char *lt = memchr(t + pos, '<', len - pos), *e;
        if (!lt) break;
        pos = (size_t)(lt - t);
        if (len - pos >= 4 && memcmp(lt, "<!--", 4) == 0) {
            if (!(e = find(t, pos + 4, len, "-->"))) return -1;
            pos = (size_t)(e - t) + 3;
        } else if (len - pos >= 9 && memcmp(lt, "<![CDATA[", 9) == 0) {
            if (!(e = find(t, pos + 9, len, "]]>"))) return -1;
            pos = (size_t)(e - t) + 3;
        } else if (len - pos >= 2 && lt[1] == '?') {
            if (!(e = find(t, pos + 2, len, "?>"))) return -1;
            pos = (size_t)(e - t) + 2;
        } else if (len - pos >= 2 && lt[1] == '!') { /* a DOCTYPE: refused before (sslb__xml_prolog_check) */
            return -1;
        } else if (len - pos >= 2 && lt[1] == '/') {
            if (depth == 0 || !(e = memchr(lt, '>', len - pos))) return -1;
            struct node *n = &m->nodes[stack[--depth]];
            n->etag_start = pos;
            n->end = pos = (size_t)(e - t) + 1;
        } else {
            struct node n;
            size_t p = pos + 1;
            while (p < len && !is_space(t[p]) && t[p] != '/' && t[p] != '>') p++;
            n.start = pos;
            n.name_end = p;
            n.parent = depth ? stack[depth - 1] : -1;
            n.attrs_end = attr_walk(t, p, len, NULL, NULL, NULL, &n.stag_end, &n.selfclose);
            if (!n.attrs_end) return -1;
            n.etag_start = n.end = n.stag_end;
            if (m->nnodes == cap) {
                struct node *nn = realloc(m->nodes, 2 * cap * sizeof *nn);
                if (!nn) return -1;
                m->nodes = nn;
                cap *= 2;
            }
            m->nodes[m->nnodes] = n;
            if (!n.selfclose) {
                if (depth == MAX_DEPTH) return -1;
                stack[depth++] = (long)m->nnodes;
            }
            m->nnodes++;
            pos = n.stag_end;
        }
    }
    return depth == 0 ? 0 : -1;
}

static int node_is(const char *t, const struct node *n, const char *name)
{
    size_t l = n->name_end - n->start - 1;
    return l == strlen(name) && memcmp(t + n->start + 1, name, l) == 0;
}

/* The next child of parent named name after index `after` (-1: from the start); -1 if none.
 * Children follow their parent in document order and start before its end: only the parent's
 * own span is walked (a walk from 0 per site made reading quadratic in the sites). */
static long child(const char *t, const struct model *m, long parent, const char *name, long after)
{
    size_t i = (size_t)(after + 1), end = parent >= 0 ? m->nodes[parent].end : SIZE_MAX;
    if (parent >= 0 && i <= (size_t)parent) i = (size_t)parent + 1;
    for (; i < m->nnodes && m->nodes[i].start < end; i++)
        if (m->nodes[i].parent == parent && (!name || node_is(t, &m->nodes[i], name))) return (long)i;
    return -1;
}

static long last_child(const char *t, const struct model *m, long parent, const char *name)
{
    long last = -1;
    for (long c = child(t, m, parent, name, -1); c >= 0; c = child(t, m, parent, name, c)) last = c;
    return last;
}

/* ---- the model ------------------------------------------------------------------------------ */

/* An empty model: no elements, no sites section. */
static void model_init(struct model *m)
{
    memset(m, 0, sizeof *m);
    m->sites_node = m->root_node = m->group_node = -1;
}

static void model_free(struct model *m)
{
    if (m->doc) xmlFreeDoc(m->doc);
    for (size_t i = 0; i < m->nsites; i++) {
        free((void *)m->sites[i].bindings);
        free(m->binding_node ? m->binding_node[i] : NULL);
    }
    for (size_t i = 0; i < m->nstrings; i++) free(m->strings[i]);
    free(m->strings);
    free(m->nodes);
    free(m->sites);
    free(m->site_node);
    free(m->site_x);
    free(m->bindings_node);
    free(m->binding_node);
    free(m->defaults);
    model_init(m);
}

/* A copy of an attribute's value kept by the model; NULL if absent (or out of memory: *oom). */
static const char *keep_prop(struct model *m, xmlNodePtr x, const char *name, int *oom)
{
    xmlChar *v = xmlGetNoNsProp(x, (const xmlChar *)name); /* q:id="…" is not id (nor for the scanner) */
    char *s;

    if (!v) return NULL;
    s = strdup((const char *)v);
    xmlFree(v);
    if (s && m->nstrings == m->capstrings) {
        size_t nc = m->capstrings ? 2 * m->capstrings : 64;
        char **ns = realloc(m->strings, nc * sizeof *ns);
        if (!ns) {
            free(s);
            s = NULL;
        } else {
            m->strings = ns;
            m->capstrings = nc;
        }
    }
    if (!s) {
        *oom = 1;
        return NULL;
    }
    return m->strings[m->nstrings++] = s;
}

/* An element among parent's children that IIS would not recognise where sslbind reads: a
 * namespace prefix (<q:binding>: the byte scanner would not pair it with libxml2's "binding"),
 * or one of the names sslbind reads in another case (<Site>: IIS's names are case-sensitive, so
 * the site would be silently ignored and its id reused). Its line and name, or NULL. */
static xmlNodePtr x_unrecognized(xmlNodePtr parent, char *name, size_t n)
{
    static const char *const known[] = {"sites", "site", "bindings", "binding", "application", "virtualDirectory"};

    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (c->ns && c->ns->prefix) {
            snprintf(name, n, "%.40s:%.80s", (const char *)c->ns->prefix, (const char *)c->name);
            return c;
        }
        for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
            if (sslb__casecmp((const char *)c->name, known[k]) == 0 && strcmp((const char *)c->name, known[k]) != 0) {
                snprintf(name, n, "%.80s", (const char *)c->name);
                return c;
            }
    }
    return NULL;
}

/* x itself when its name is group in another case, else its child named section in another case
 * (a section group's child), else NULL. */
static xmlNodePtr x_case_variant(xmlNodePtr x, const char *group, const char *section)
{
    if (x->type != XML_ELEMENT_NODE || (x->ns && x->ns->prefix)) return NULL;
    if (strcmp((const char *)x->name, group) != 0) return sslb__casecmp((const char *)x->name, group) == 0 ? x : NULL;
    for (xmlNodePtr c = x->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !(c->ns && c->ns->prefix) &&
            sslb__casecmp((const char *)c->name, section) == 0 && strcmp((const char *)c->name, section) != 0)
            return c;
    return NULL;
}

static xmlNodePtr x_child(xmlNodePtr parent, const char *name, xmlNodePtr after)
{
    for (xmlNodePtr c = after ? after->next : parent->children; c; c = c->next) /* <q:name> is not name */
        if (c->type == XML_ELEMENT_NODE && !(c->ns && c->ns->prefix) && xmlStrcmp(c->name, (const xmlChar *)name) == 0)
            return c;
    return NULL;
}

static int parse_uint(const char *s, uint32_t *out)
{
    uint64_t v = 0;
    if (!s || !*s) return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > UINT32_MAX) return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

int sslb__bool_parse(const char *s, int *out)
{
    if (sslb__casecmp(s, "true") == 0) *out = 1;
    else if (sslb__casecmp(s, "false") == 0) *out = 0;
    else return -1;
    return 0;
}

/* A config error: the line and IIS's description (in d), libxml2's words in detail. */
static sslb_rc config_error(sslb_apphost *ah, long line, sslb_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static sslb_rc config_error(sslb_apphost *ah, long line, sslb_diag *d, const char *fmt, ...)
{
    va_list ap;
    sslb_diag tmp;

    ah->err_line = line;
    va_start(ap, fmt);
    sslb_diagv(&tmp, SSLB_ECORRUPT, fmt, ap);
    va_end(ap);
    if (d) *d = tmp;
    return SSLB_ECORRUPT;
}

/* What the reader has seen: site names (ASCII lower-cased) and ids, a site's bindings
 * (protocol, NUL, bindingInformation, lower-cased), each once: duplicates are found in a
 * hash, not by comparing every pair (quadratic in the sites, or a site's bindings). */
struct seen {
    UT_hash_handle hh;
    size_t keylen;
    char key[];
};

struct seen_set {
    struct seen *head;
};

static void seen_clear(struct seen_set *set)
{
    struct seen *e, *tmp;
    HASH_ITER(hh, set->head, e, tmp)
    {
        HASH_DEL(set->head, e);
        free(e);
    }
}

/* Adds the key a + NUL + b (both lower-cased when fold): 1 if it was there, 0 if added, -1 on
 * ENOMEM. */
static int seen_add(struct seen_set *set, const char *a, int fold, const char *b)
{
    size_t la = strlen(a), lb = b ? strlen(b) : 0, kl = la + 1 + lb;
    struct seen *e = malloc(sizeof *e + kl), *found;

    if (!e) return -1;
    for (size_t i = 0; i < la; i++) e->key[i] = fold ? (char)sslb__lower((unsigned char)a[i]) : a[i];
    e->key[la] = '\0';
    for (size_t i = 0; i < lb; i++) e->key[la + 1 + i] = fold ? (char)sslb__lower((unsigned char)b[i]) : b[i];
    e->keylen = kl;
    HASH_FIND(hh, set->head, e->key, kl, found);
    if (found) {
        free(e);
        return 1;
    }
    HASH_ADD(hh, set->head, key[0], kl, e);
    if (!e->hh.tbl) {
        free(e);
        return -1;
    }
    return 0;
}

/* Reads the <binding> element xb as bl[n], checked as IIS's schema has it: both keys present, a
 * uint sslFlags, no other entry of bl[0, n) with the same keys (bset holds theirs; the new key is
 * added). Any other element in a <bindings>
 * is unrecognized: the collection has add (binding) and clear, but no remove directive. */
static sslb_rc read_binding(sslb_apphost *ah, struct model *m, xmlNodePtr xb, sslb_sitebinding *bl, size_t n,
                            struct seen_set *bset, sslb_diag *d)
{
    long bline = xmlGetLineNo(xb);
    sslb_sitebinding *b = &bl[n];
    int oom = 0;

    if (xmlStrcmp(xb->name, (const xmlChar *)"binding") != 0)
        return config_error(ah, bline, d, "Unrecognized element '%.80s'", (const char *)xb->name);
    memset(b, 0, sizeof *b);
    const char *fl = keep_prop(m, xb, "sslFlags", &oom);
    b->protocol = keep_prop(m, xb, "protocol", &oom);
    b->info = keep_prop(m, xb, "bindingInformation", &oom);
    if (oom) return SSLB_ENOMEM;
    if (!b->protocol || !*b->protocol) return config_error(ah, bline, d, "Missing required attribute 'protocol'");
    if (!b->info || !*b->info) return config_error(ah, bline, d, "Missing required attribute 'bindingInformation'");
    if (fl && parse_uint(fl, &b->ssl_flags) != 0)
        return config_error(ah, bline, d, "Invalid unsigned integer '%.80s' for attribute 'sslFlags'", fl);
    b->has_ssl_flags = fl != NULL;
    int dup = seen_add(bset, b->protocol, 1, b->info);
    if (dup < 0) return SSLB_ENOMEM;
    if (dup)
        return config_error(ah, bline, d,
                            "Cannot add duplicate collection entry of type 'binding' with combined key "
                            "attributes 'protocol, bindingInformation' respectively set to '%.40s, %.80s'",
                            b->protocol, b->info);
    return SSLB_OK;
}

/* The bindings of <siteDefaults>, which every site inherits unless its <bindings> clears them. */
static sslb_rc model_defaults(sslb_apphost *ah, xmlNodePtr sites, struct model *m, sslb_diag *d)
{
    xmlNodePtr sd = x_child(sites, "siteDefaults", NULL), xbs = sd ? x_child(sd, "bindings", NULL) : NULL, xb;
    size_t nb = 0;
    struct seen_set bset = {NULL};
    sslb_rc rc = SSLB_OK;

    for (xb = xbs ? xbs->children : NULL; xb; xb = xb->next) nb += xb->type == XML_ELEMENT_NODE;
    if (!(m->defaults = calloc(nb + 1, sizeof *m->defaults))) return SSLB_ENOMEM;
    for (xb = xbs ? xbs->children : NULL; xb && rc == SSLB_OK; xb = xb->next) {
        if (xb->type != XML_ELEMENT_NODE) continue;
        if (xmlStrcmp(xb->name, (const xmlChar *)"clear") == 0) { /* nothing above siteDefaults to clear */
            m->ndefaults = 0;
            seen_clear(&bset);
            continue;
        }
        if ((rc = read_binding(ah, m, xb, m->defaults, m->ndefaults, &bset, d)) == SSLB_OK) m->ndefaults++;
    }
    seen_clear(&bset);
    return rc;
}

/* Reads the sites of the text into m (which the caller zeroed). */
static sslb_rc model_sites_in(sslb_apphost *ah, const char *t, struct model *m, struct seen_set *names,
                              struct seen_set *ids, struct seen_set *bset, sslb_diag *d);

static sslb_rc model_sites(sslb_apphost *ah, const char *t, struct model *m, sslb_diag *d)
{
    struct seen_set names = {NULL}, ids = {NULL}, bset = {NULL};
    sslb_rc rc = model_sites_in(ah, t, m, &names, &ids, &bset, d);
    seen_clear(&names);
    seen_clear(&ids);
    seen_clear(&bset);
    return rc;
}

static sslb_rc model_sites_in(sslb_apphost *ah, const char *t, struct model *m, struct seen_set *names,
                              struct seen_set *ids, struct seen_set *bset, sslb_diag *d)
{
    xmlNodePtr root = xmlDocGetRootElement(m->doc), sah, sites = NULL, xs;
    long root_n = child(t, m, -1, NULL, -1), sah_n, s_n;
    size_t n = 0;
    int oom = 0;
    sslb_rc rc;

    if (!root || xmlStrcmp(root->name, (const xmlChar *)"configuration") != 0 || root_n < 0 ||
        !node_is(t, &m->nodes[root_n], "configuration") || child(t, m, -1, NULL, root_n) >= 0)
        return config_error(ah, root ? xmlGetLineNo(root) : 1, d, "The root element must be <configuration>");
    /* <Sites> or <System.applicationHost>: IIS's names are case-sensitive, so IIS refuses the
     * undeclared section; read as none here, a site added would make a second section beside it */
    for (xmlNodePtr g = root->children; g; g = g->next) {
        xmlNodePtr odd = x_case_variant(g, "system.applicationHost", "sites");
        if (odd)
            return config_error(ah, xmlGetLineNo(odd), d,
                                "The configuration section '%.80s' cannot be read because it is missing a section "
                                "declaration",
                                (const char *)odd->name);
    }
    m->root_node = root_n;
    m->group_node = sah_n = child(t, m, root_n, "system.applicationHost", -1);
    /* the sites section, in whichever section group holds it (the k-th group of both readings) */
    for (sah = x_child(root, "system.applicationHost", NULL); sah && !(sites = x_child(sah, "sites", NULL));
         sah = x_child(root, "system.applicationHost", sah))
        sah_n = child(t, m, root_n, "system.applicationHost", sah_n);
    if (!sites) return SSLB_OK; /* no sites section: no sites (a change that adds a site makes one) */
    /* IIS reads one sites section; a second (in this section group or another) would be ignored
     * and its ids reused by the next add: refused, as IIS does */
    for (xmlNodePtr g = sah; g; g = x_child(root, "system.applicationHost", g)) {
        xmlNodePtr again = x_child(g, "sites", g == sah ? sites : NULL);
        if (again)
            return config_error(ah, xmlGetLineNo(again), d,
                                "There is a duplicate 'system.applicationHost/sites' section defined");
    }
    m->sites_node = sah_n < 0 ? -1 : child(t, m, sah_n, "sites", -1);
    if (sah_n < 0 || m->sites_node < 0) return config_error(ah, 0, d, "internal: the two readings disagree");
    if ((rc = model_defaults(ah, sites, m, d)) != SSLB_OK) return rc;
    char odd[128];
    xmlNodePtr ox = x_unrecognized(sites, odd, sizeof odd);
    if (ox) return config_error(ah, xmlGetLineNo(ox), d, "Unrecognized element '%s'", odd);
    for (xs = x_child(sites, "site", NULL); xs; xs = x_child(sites, "site", xs)) n++;
    m->sites = calloc(n + 1, sizeof *m->sites);
    m->site_node = calloc(n + 1, sizeof *m->site_node);
    m->site_x = calloc(n + 1, sizeof *m->site_x);
    m->bindings_node = calloc(n + 1, sizeof *m->bindings_node);
    m->binding_node = calloc(n + 1, sizeof *m->binding_node);
    if (!m->sites || !m->site_node || !m->site_x || !m->bindings_node || !m->binding_node) return SSLB_ENOMEM;

    s_n = -1;
    for (xs = x_child(sites, "site", NULL); xs; xs = x_child(sites, "site", xs)) {
        sslb_site *s = &m->sites[m->nsites];
        long line = xmlGetLineNo(xs);
        const char *id = keep_prop(m, xs, "id", &oom), *as = keep_prop(m, xs, "serverAutoStart", &oom);
        size_t i = m->nsites++;

        s_n = child(t, m, m->sites_node, "site", s_n);
        if (s_n < 0) return config_error(ah, line, d, "internal: the two readings disagree");
        m->site_node[i] = s_n;
        m->site_x[i] = xs;
        s->line = line;
        s->name = keep_prop(m, xs, "name", &oom);
        if (oom) return SSLB_ENOMEM;
        if (!s->name || !*s->name) return config_error(ah, line, d, "Missing required attribute 'name'");
        if (!id) return config_error(ah, line, d, "Missing required attribute 'id'");
        if (parse_uint(id, &s->id) != 0)
            return config_error(ah, line, d, "Invalid unsigned integer '%.80s' for attribute 'id'", id);
        if (s->id == 0) /* appcmd refuses /id:0 too; WAS would have no name for the site */
            return config_error(
                ah, line, d, "Invalid site id '%.80s' for attribute 'id': a site id is a number from 1 to 4294967295",
                id);
        s->auto_start = 1;
        if (as && sslb__bool_parse(as, &s->auto_start) != 0)
            return config_error(ah, line, d, "Invalid boolean '%.80s' for attribute 'serverAutoStart'", as);
        char idtext[16];
        snprintf(idtext, sizeof idtext, "%u", s->id);
        int dn = seen_add(names, s->name, 1, NULL), di = dn < 0 ? -1 : seen_add(ids, idtext, 0, NULL);
        if (dn < 0 || di < 0) return SSLB_ENOMEM;
        if (dn || di)
            return config_error(ah, line, d,
                                "Cannot add duplicate collection entry of type 'site' with unique key "
                                "attributes 'name, id' respectively set to '%.80s, %u'",
                                s->name, s->id);

        /* bindings: siteDefaults' (inherited), then the site's own, a <clear /> dropping all before it */
        xmlNodePtr xbs = x_child(xs, "bindings", NULL), xb;
        if ((ox = x_unrecognized(xs, odd, sizeof odd)) || (xbs && (ox = x_unrecognized(xbs, odd, sizeof odd))))
            return config_error(ah, xmlGetLineNo(ox), d, "Unrecognized element '%s'", odd);
        if (xbs && (ox = x_child(xs, "bindings", xbs))) /* IIS reads one; the second was silently dropped */
            return config_error(ah, xmlGetLineNo(ox), d, "The element 'bindings' may appear only once in a site");
        long bs_n = child(t, m, s_n, "bindings", -1), b_n = -1;
        size_t nb = 0;
        sslb_sitebinding *bl;
        m->bindings_node[i] = bs_n;
        for (xb = xbs ? xbs->children : NULL; xb; xb = xb->next) nb += xb->type == XML_ELEMENT_NODE;
        if (!(bl = calloc(m->ndefaults + nb + 1, sizeof *bl)) ||
            !(m->binding_node[i] = calloc(m->ndefaults + nb + 1, sizeof(long)))) {
            free(bl);
            return SSLB_ENOMEM;
        }
        s->bindings = bl;
        for (size_t k = 0; k < m->ndefaults; k++) {
            bl[k] = m->defaults[k];
            bl[k].inherited = 1;
            m->binding_node[i][k] = -1;
        }
        s->nbindings = m->ndefaults;
        for (size_t k = 0; k < m->ndefaults; k++)
            if (seen_add(bset, bl[k].protocol, 1, bl[k].info) < 0) return SSLB_ENOMEM;
        for (xb = xbs ? xbs->children : NULL; xb; xb = xb->next) {
            if (xb->type != XML_ELEMENT_NODE) continue;
            long bline = xmlGetLineNo(xb);
            b_n = child(t, m, bs_n, NULL, b_n);
            if (b_n < 0) return config_error(ah, bline, d, "internal: the two readings disagree");
            if (xmlStrcmp(xb->name, (const xmlChar *)"clear") == 0) {
                s->nbindings = 0;
                seen_clear(bset);
                continue;
            }
            if ((rc = read_binding(ah, m, xb, bl, s->nbindings, bset, d)) != SSLB_OK) return rc;
            m->binding_node[i][s->nbindings++] = b_n;
        }
        seen_clear(bset); /* the next site's bindings are its own */
    }
    return SSLB_OK;
}

/* Silences libxml2's default printing to stderr: the library never prints. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* The first error of a parse (the parser goes on after a well-formedness error, and its last
 * error can name a line past the end of the file): where IIS, and the user, look. */
struct first_error {
    long line;
    char text[256];
    int seen;
};

#if LIBXML_VERSION >= 21200
static void keep_first(void *ctx, const xmlError *e)
#else
static void keep_first(void *ctx, xmlErrorPtr e)
#endif
{
    struct first_error *f = ((xmlParserCtxtPtr)ctx)->_private;
    if (f->seen || !e || e->level < XML_ERR_ERROR) return;
    f->seen = 1;
    f->line = e->line;
    snprintf(f->text, sizeof f->text, "%s", e->message ? e->message : "");
}

/* Builds the model of text into *out. */
static sslb_rc build(sslb_apphost *ah, const char *text, size_t len, struct model *out, sslb_diag *d)
{
    struct model m;
    xmlParserCtxtPtr ctxt;
    sslb_rc rc;

    model_init(&m);
    ah->err_line = 0;
    ah->err_detail[0] = '\0';
    long pline;
    if (sslb__xml_prolog_check(text, len, &pline, ah->err_detail, sizeof ah->err_detail) != 0)
        return config_error(ah, pline, d, "Configuration file is not well-formed XML");
    if (len > INT_MAX) return config_error(ah, 0, d, "Configuration file is too large");
    if (!(ctxt = xmlNewParserCtxt())) return SSLB_ENOMEM;
    struct first_error first = {0};
    xmlGenericErrorFunc generic = xmlGenericError;
    void *generic_ctx = xmlGenericErrorContext;
    ctxt->_private = &first; /* serror gets userData, which SAX2 needs to be ctxt: ride in _private */
    ctxt->sax->serror = keep_first;
    xmlSetGenericErrorFunc(NULL, quiet);
    m.doc = xmlCtxtReadMemory(ctxt, text, (int)len, ah->path, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
    xmlSetGenericErrorFunc(generic_ctx, generic); /* the caller's handler, as it was */
    if (!m.doc) {
        snprintf(ah->err_detail, sizeof ah->err_detail, "%s", first.text);
        size_t l = strlen(ah->err_detail);
        while (l && (ah->err_detail[l - 1] == '\n' || ah->err_detail[l - 1] == ' ')) ah->err_detail[--l] = '\0';
        rc = config_error(ah, first.line, d, "Configuration file is not well-formed XML");
        xmlFreeParserCtxt(ctxt);
        return rc;
    }
    xmlFreeParserCtxt(ctxt);
    if (m.doc->intSubset || m.doc->extSubset) { /* the prolog check missed it: never read its entities */
        model_free(&m);
        snprintf(ah->err_detail, sizeof ah->err_detail, "a DOCTYPE is not allowed in an IIS configuration file");
        return config_error(ah, 1, d, "Configuration file is not well-formed XML");
    }
    if (scan(text, len, &m) != 0) {
        model_free(&m);
        return config_error(ah, 0, d, "Configuration file is not well-formed XML");
    }
    if ((rc = model_sites(ah, text, &m, d)) != SSLB_OK) {
        model_free(&m);
        return rc;
    }
    *out = m;
    return SSLB_OK;
}

/* Makes text (malloc'd; taken) the handle's text, if it means something. */
static sslb_rc adopt(sslb_apphost *ah, char *text, size_t len, sslb_diag *d)
{
    struct model m;
    sslb_rc rc = build(ah, text, len, &m, d);

    if (rc != SSLB_OK) {
        free(text);
        return rc;
    }
    model_free(&ah->m);
    free(ah->text);
    ah->m = m;
    ah->text = text;
    ah->len = len;
    ah->generation = __atomic_add_fetch(&generations, 1, __ATOMIC_RELAXED);
    return SSLB_OK;
}

int sslb__apphost_in_change(const sslb_apphost *ah)
{
    return ah->in_change;
}

void sslb__apphost_after_write(sslb_apphost *ah, void (*fn)(void *ctx), void *ctx)
{
    ah->after_write = fn;
    ah->after_ctx = ctx;
}

const char *sslb__apphost_text(const sslb_apphost *ah, size_t *len)
{
    *len = ah->len;
    return ah->text;
}

uint64_t sslb__apphost_generation(const sslb_apphost *ah)
{
    return ah->generation;
}

/* ---- loading ---------------------------------------------------------------------------------- */

static int fill_text(FILE *f, void *ctx)
{
    const sslb_apphost *ah = ctx;
    return fwrite(ah->text, 1, ah->len, f) == ah->len ? 0 : -1;
}

/* Reads the file; adopts it when it differs from what the handle holds. */
static sslb_rc reload(sslb_apphost *ah, sslb_diag *d)
{
    char *buf;
    size_t len;
    struct stat st;
    sslb_rc rc;

    if (sslb__read_all(ah->path, &buf, &len, &st) != 0) {
        if (errno == ENOENT) return sslb_diagf(d, SSLB_ENOTFOUND, "%s does not exist", ah->path);
        return sslb_diagf(d, SSLB_EREAD, "%s: %s", ah->path, sslb__read_why(errno));
    }
    if (ah->text && len == ah->len && memcmp(buf, ah->text, len) == 0) {
        free(buf);
        rc = SSLB_OK;
    } else {
        rc = adopt(ah, buf, len, d);
    }
    if (rc == SSLB_OK) {
        ah->version = st;
        ah->known = 1;
        ah->err_line = 0; /* also when the file is back to the text the handle kept */
        ah->err_detail[0] = '\0';
    }
    return rc;
}

/* A change replaces the file by rename: at a symbolic link (a configuration "shared" by linking
 * it to a farm's file) it would replace the link with a file of its own and leave the link's
 * target, which the other servers read, without the change. Refused, with what to do instead. */
static sslb_rc refuse_link(const sslb_apphost *ah, sslb_diag *d)
{
    struct stat st;

    if (lstat(ah->path, &st) != 0 || !S_ISLNK(st.st_mode)) return SSLB_OK;
    return sslb_diagf(d, SSLB_EWRITE,
                      "%.80s is a symbolic link, which a change would replace (not its target): nothing written; "
                      "share a configuration with iis sharedconfig enable path=<dir>",
                      ah->path);
}

/* First use of this server: a fresh IIS install, written under the lock. */
static sslb_rc fresh_install(sslb_apphost *ah, sslb_diag *d)
{
    int lockfd;
    sslb_rc rc;

    if ((rc = refuse_link(ah, d)) != SSLB_OK) return rc;
    if ((rc = sslb__lock(ah->lockpath, "applicationHost.config", SSLB_EWRITE, &lockfd, d)) != SSLB_OK) return rc;
    rc = reload(ah, d);
    if (rc == SSLB_ENOTFOUND) {
        char *fresh = strdup(FRESH_INSTALL);
        if (!fresh) rc = SSLB_ENOMEM;
        else if ((rc = adopt(ah, fresh, strlen(FRESH_INSTALL), d)) == SSLB_OK) {
            if (sslb__replace(ah->path, 0644, fill_text, ah, &ah->version) != 0)
                rc = sslb_diagf(d, SSLB_EWRITE, "%s: cannot write: %s", ah->path, strerror(errno));
            else ah->known = 1;
        }
    }
    close(lockfd);
    return rc;
}

int sslb__config_path(const char *state_dir, int own, char *path, size_t n, sslb_diag *d)
{
    char shared[PATH_MAX], dir[PATH_MAX];
    int on = own ? 0 : sslb__redirection(state_dir, shared, sizeof shared, d), w;

    if (on < 0) return -1;
    if (on) w = snprintf(path, n, "%s/applicationHost.config", shared);
    else if (sslb_path_absolute(state_dir, "the state directory", dir, sizeof dir, d) != SSLB_OK)
        return -2; /* absolute, as sslb_apphost_path promises */
    else w = snprintf(path, n, "%s/applicationHost.config", dir);
    if (w < 0 || (size_t)w >= n || w >= PATH_MAX) {
        sslb_diagf(d, SSLB_EINVAL, "the configuration file's path is too long");
        return -2;
    }
    return on;
}

/* sslb_apphost_open, or (own) this server's own file whatever redirection.config says. */
static sslb_rc open_config(const char *state_dir, const char *config_path, int own, sslb_apphost **out, sslb_diag *d)
{
    sslb_apphost *ah;
    int local = 0;
    sslb_rc rc;

    *out = NULL;
    if (!config_path && (rc = sslb_state_dir_check(state_dir, d)) != SSLB_OK) return rc;
    if (!(ah = calloc(1, sizeof *ah))) return SSLB_ENOMEM;
    model_init(&ah->m);
    if (config_path) {
        if ((rc = sslb_path_absolute(config_path, "the configuration file", ah->path, sizeof ah->path, d)) != SSLB_OK) {
            free(ah);
            return rc;
        }
    } else {
        int r = sslb__config_path(state_dir, own, ah->path, sizeof ah->path, d);
        if (r < 0) {
            free(ah);
            return r == -1 ? SSLB_ECORRUPT : SSLB_EINVAL;
        }
        local = r == 0;
    }
    snprintf(ah->lockpath, sizeof ah->lockpath, "%s.lock", ah->path);

    rc = reload(ah, d);
    if (rc == SSLB_ENOTFOUND && local) rc = fresh_install(ah, d);
    if (rc != SSLB_OK && rc != SSLB_ECORRUPT) { /* only a damaged file gives a handle to explain it */
        sslb_apphost_close(ah);
        return rc;
    }
    *out = ah;
    return rc;
}

sslb_rc sslb__apphost_from_text(const char *name, char *text, size_t len, sslb_apphost **out, sslb_diag *d)
{
    sslb_apphost *ah;
    sslb_rc rc;

    *out = NULL;
    if (!(ah = calloc(1, sizeof *ah))) {
        free(text);
        return SSLB_ENOMEM;
    }
    model_init(&ah->m);
    snprintf(ah->path, sizeof ah->path, "%s", name);
    if ((rc = adopt(ah, text, len, d)) != SSLB_OK) {
        sslb_apphost_close(ah);
        return rc;
    }
    *out = ah;
    return SSLB_OK;
}

sslb_rc sslb_apphost_open(const char *state_dir, const char *config_path, sslb_apphost **out, sslb_diag *d)
{
    return open_config(state_dir, config_path, 0, out, d);
}

sslb_rc sslb_apphost_open_own(const char *state_dir, sslb_apphost **out, sslb_diag *d)
{
    return open_config(state_dir, NULL, 1, out, d);
}

void sslb_apphost_close(sslb_apphost *ah)
{
    if (!ah) return;
    model_free(&ah->m);
    free(ah->text);
    free(ah);
}

const char *sslb_apphost_path(const sslb_apphost *ah)
{
    return ah->path;
}

long sslb_apphost_error_line(const sslb_apphost *ah)
{
    return ah->err_line;
}

const char *sslb_apphost_error_detail(const sslb_apphost *ah)
{
    return ah->err_detail;
}

int sslb_apphost_changed(const sslb_apphost *ah)
{
    struct stat st;
    if (stat(ah->path, &st) != 0) return ah->known;
    return !ah->known || !sslb__same_version(&st, &ah->version);
}

sslb_rc sslb_apphost_refresh(sslb_apphost *ah, sslb_diag *d)
{
    /* Read and compare rather than trust (inode, size, mtime): a replaced file can repeat them. */
    return reload(ah, d);
}

size_t sslb_apphost_count(const sslb_apphost *ah)
{
    return ah->m.nsites;
}

const sslb_site *sslb_apphost_site(const sslb_apphost *ah, size_t i)
{
    return i < ah->m.nsites ? &ah->m.sites[i] : NULL;
}

const sslb_sitebinding *sslb_apphost_default_bindings(const sslb_apphost *ah, size_t *n)
{
    *n = ah->m.ndefaults;
    return ah->m.defaults;
}

long sslb_apphost_find_name(const sslb_apphost *ah, const char *name)
{
    for (size_t i = 0; i < ah->m.nsites; i++)
        if (sslb__casecmp(ah->m.sites[i].name, name) == 0) return (long)i;
    return -1;
}

long sslb_apphost_find_id(const sslb_apphost *ah, uint32_t id)
{
    for (size_t i = 0; i < ah->m.nsites; i++)
        if (ah->m.sites[i].id == id) return (long)i;
    return -1;
}

/* Whether binding b has the collection's key: protocol and bindingInformation in any (ASCII)
 * case, as IIS compares configuration strings its schema does not declare caseSensitive. */
static int same_key(const sslb_sitebinding *b, const char *protocol, const char *info)
{
    return sslb__casecmp(b->protocol, protocol) == 0 && sslb__casecmp(b->info, info) == 0;
}

long sslb_apphost_binding_find(const sslb_apphost *ah, size_t site, const char *protocol, const char *info)
{
    const sslb_site *s = sslb_apphost_site(ah, site);
    for (size_t i = 0; s && i < s->nbindings; i++)
        if (same_key(&s->bindings[i], protocol, info)) return (long)i;
    return -1;
}

/* Start of the line holding offset at. */
static size_t line_start(const char *t, size_t at)
{
    while (at > 0 && t[at - 1] != '\n' && t[at - 1] != '\r') at--; /* CR: a file with CR-only line ends */
    return at;
}

/* The whitespace before node n on its line (0 if other text precedes it there). */
static size_t indent_of(const char *t, const struct node *n)
{
    size_t ls = line_start(t, n->start);
    for (size_t i = ls; i < n->start; i++)
        if (t[i] != ' ' && t[i] != '\t') return 0;
    return n->start - ls;
}

void sslb_apphost_text(const sslb_apphost *ah, long i, const char **text, size_t *len, size_t *indent)
{
    long n = i < 0 ? ah->m.sites_node : (size_t)i < ah->m.nsites ? ah->m.site_node[i] : -1;

    if (n < 0) {
        *text = "";
        *len = 0;
        *indent = 0;
        return;
    }
    *text = ah->text + ah->m.nodes[n].start;
    *len = ah->m.nodes[n].end - ah->m.nodes[n].start;
    *indent = indent_of(ah->text, &ah->m.nodes[n]);
}

static void walk(xmlNodePtr x, int depth, sslb_element_fn fn, void *ctx)
{
    const char *names[MAX_ATTRS] = {0};
    xmlChar *values[MAX_ATTRS] = {0};
    size_t n = 0;

    for (xmlAttrPtr a = x->properties; a && n < MAX_ATTRS; a = a->next) {
        names[n] = (const char *)a->name;
        values[n] = xmlNodeListGetString(x->doc, a->children, 1);
        if (!values[n]) values[n] = xmlStrdup((const xmlChar *)"");
        n++;
    }
    fn(ctx, depth, (const char *)x->name, n, names, (const char *const *)values);
    for (size_t k = 0; k < n; k++) xmlFree(values[k]);
    for (xmlNodePtr c = x->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) walk(c, depth + 1, fn, ctx);
}

void sslb_apphost_walk(const sslb_apphost *ah, size_t i, sslb_element_fn fn, void *ctx)
{
    xmlNodePtr root, sah, sites;

    if (i < ah->m.nsites) {
        walk(ah->m.site_x[i], 0, fn, ctx);
    } else if (i == SIZE_MAX && ah->m.doc && (root = xmlDocGetRootElement(ah->m.doc)) &&
               (sah = x_child(root, "system.applicationHost", NULL)) && (sites = x_child(sah, "sites", NULL))) {
        walk(sites, 0, fn, ctx);
    }
}

/* ---- edits ---------------------------------------------------------------------------------- */

/* The file's line end: CRLF if it has one, CR if its lines end in CR alone (old Mac), else LF. */
static const char *eol_of(const sslb_apphost *ah)
{
    const char *nl = memchr(ah->text, '\n', ah->len);
    if (!nl) return memchr(ah->text, '\r', ah->len) ? "\r" : "\n";
    return nl > ah->text && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* Replaces text[at, at+del) by ins and rebuilds. */
static sslb_rc splice(sslb_apphost *ah, size_t at, size_t del, const char *ins, size_t inslen, sslb_diag *d)
{
    size_t len = ah->len - del + inslen;
    char *t = malloc(len + 1);
    sslb_rc rc;

    if (!t) return SSLB_ENOMEM;
    memcpy(t, ah->text, at);
    memcpy(t + at, ins, inslen);
    memcpy(t + at + inslen, ah->text + at + del, ah->len - at - del);
    t[len] = '\0';
    sslb_diag why = {{0}};
    if ((rc = adopt(ah, t, len, &why)) == SSLB_ECORRUPT) /* why: d's text cannot be both source and target */
        return sslb_diagf(d, SSLB_EINVAL, "the edit would damage the file (%s)", why.text);
    if (rc != SSLB_OK && d) *d = why;
    return rc;
}

/* A growing string. */
struct buf {
    char *p;
    size_t n, cap;
    int oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (n > SIZE_MAX / 2 - b->n) {
        b->oom = 1;
        return;
    }
    if (b->n + n + 1 > b->cap) {
        size_t nc = (b->n + n + 1) * 2;
        char *np = realloc(b->p, nc);
        if (!np) {
            b->oom = 1;
            return;
        }
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* An attribute value, XML-escaped for an attribute quoted with q. Tab, LF and CR are written as
 * character references: a reader turns them, written as they are, into spaces. */
static void put_escaped(struct buf *b, const char *s, char q)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            puts_(b, "&amp;");
            break;
        case '<':
            puts_(b, "&lt;");
            break;
        case '>':
            puts_(b, "&gt;");
            break;
        case '\t':
            puts_(b, "&#x9;");
            break;
        case '\n':
            puts_(b, "&#xA;");
            break;
        case '\r':
            puts_(b, "&#xD;");
            break;
        default:
            if (*s == q) puts_(b, q == '"' ? "&quot;" : "&apos;");
            else put(b, s, 1);
        }
    }
}

static void put_attr(struct buf *b, const char *name, const char *value)
{
    puts_(b, " ");
    puts_(b, name);
    puts_(b, "=\"");
    put_escaped(b, value, '"');
    puts_(b, "\"");
}

static void put_binding(struct buf *b, const sslb_sitebinding *sb)
{
    char flags[16];
    puts_(b, "<binding");
    put_attr(b, "protocol", sb->protocol);
    put_attr(b, "bindingInformation", sb->info);
    if (sb->has_ssl_flags) {
        snprintf(flags, sizeof flags, "%u", sb->ssl_flags);
        put_attr(b, "sslFlags", flags);
    }
    puts_(b, " />");
}

/* Inserts lines (separated by '\n' in `lines`, nesting given by their own leading spaces) as
 * children of element parent, after element `after` (-1: first). Each line gets the parent's
 * indentation and four spaces, and the file's line end. */
static sslb_rc insert_child(sslb_apphost *ah, long parent, long after, const char *lines, sslb_diag *d)
{
    const struct node *p = &ah->m.nodes[parent];
    const char *eol = eol_of(ah), *t = ah->text;
    size_t pind = indent_of(t, p), at, del = 0;
    struct buf ind = {0}, b = {0};
    sslb_rc rc;

    /* a new element's indentation is its parent's and four spaces (spec/iis.md 5.1), whatever
     * its siblings have: in a tab- or 2-space-indented file they differ */
    put(&ind, t + line_start(t, p->start), pind);
    puts_(&ind, "    ");
    if (p->selfclose) { /* <x a="b" />  ->  <x a="b"> ... </x> */
        at = p->attrs_end;
        del = p->stag_end - p->attrs_end;
        puts_(&b, ">");
    } else {
        at = after >= 0 ? ah->m.nodes[after].end : p->stag_end;
    }
    for (const char *l = lines; *l;) {
        const char *nl = strchr(l, '\n');
        size_t n = nl ? (size_t)(nl - l) : strlen(l);
        puts_(&b, eol);
        put(&b, ind.p, ind.n);
        put(&b, l, n);
        l += n + (nl != NULL);
    }
    if (p->selfclose) {
        puts_(&b, eol);
        put(&b, t + line_start(t, p->start), pind);
        puts_(&b, "</");
        put(&b, t + p->start + 1, p->name_end - p->start - 1);
        puts_(&b, ">");
    } else {
        /* the end tag on the insertion's line (<site …></site>): it goes to a line of its own, at
         * the parent's indentation, as the whole lines of spec/iis.md 5.1 have it */
        size_t k = at;
        int blank = 1;
        for (; k < p->etag_start && t[k] != '\n' && t[k] != '\r'; k++) blank &= t[k] == ' ' || t[k] == '\t';
        if (k == p->etag_start) {
            if (blank) del = p->etag_start - at;
            puts_(&b, eol);
            put(&b, t + line_start(t, p->start), pind);
        }
    }
    if (b.oom || ind.oom) rc = SSLB_ENOMEM;
    else rc = splice(ah, at, del, b.p, b.n, d);
    free(b.p);
    free(ind.p);
    return rc;
}

/* Removes element n: its whole lines when it stands alone on them, else just its bytes. */
static sslb_rc remove_node(sslb_apphost *ah, long n, sslb_diag *d)
{
    const struct node *e = &ah->m.nodes[n];
    const char *t = ah->text;
    size_t from = line_start(t, e->start), to = e->end;
    int alone = 1;

    for (size_t i = from; i < e->start; i++) alone &= t[i] == ' ' || t[i] == '\t';
    while (to < ah->len && (t[to] == ' ' || t[to] == '\t')) to++;
    if (to < ah->len && t[to] == '\r') to++;
    if (alone && to < ah->len && t[to] == '\n') return splice(ah, from, to + 1 - from, "", 0, d);
    if (alone && (to == ah->len || t[to - 1] == '\r')) /* the end, or a CR-only line end */
        return splice(ah, from, to - from, "", 0, d);
    return splice(ah, e->start, e->end - e->start, "", 0, d);
}

/* Sets attribute name of element n to value: replaces its value, or adds it after the last one. */
static sslb_rc set_attr(sslb_apphost *ah, long n, const char *name, const char *value, sslb_diag *d)
{
    const struct node *e = &ah->m.nodes[n];
    size_t vs = 0, ve = 0;
    struct buf b = {0};
    sslb_rc rc;

    attr_walk(ah->text, e->name_end, ah->len, name, &vs, &ve, NULL, NULL);
    if (ve) {
        put_escaped(&b, value, ah->text[vs - 1]); /* for the quote the file uses */
        if (!b.p) puts_(&b, "");
    } else {
        put_attr(&b, name, value);
        vs = ve = e->attrs_end;
    }
    if (b.oom) {
        free(b.p);
        return SSLB_ENOMEM;
    }
    rc = splice(ah, vs, ve - vs, b.p, b.n, d);
    free(b.p);
    return rc;
}

/* ---- the edits the front ends use ------------------------------------------------------------- */

sslb_rc sslb_site_name_check(const char *name, sslb_diag *d)
{
    if (!name || !*name) return sslb_diagf(d, SSLB_EINVAL, "a site name cannot be empty");
    for (const char *p = name; *p; p++)
        if ((unsigned char)*p < 0x20) /* named, not shown: it would act on a terminal */
            return sslb_diagf(d, SSLB_EINVAL, "a site name cannot hold a control character (U+%04X)",
                              (unsigned char)*p);
        else if (strchr("\\/?;:@&=+$,|\"<>", *p))
            return sslb_diagf(d, SSLB_EINVAL, "a site name cannot hold '%c' (none of \\ / ? ; : @ & = + $ , | \" < >)",
                              *p);
    return SSLB_OK;
}

static sslb_rc binding_check(const sslb_sitebinding *b, sslb_diag *d)
{
    if (!b->protocol || !*b->protocol) return sslb_diagf(d, SSLB_EINVAL, "protocol cannot be empty");
    if (strpbrk(b->protocol, ":/"))
        return sslb_diagf(d, SSLB_EINVAL, "protocol '%s' cannot hold ':' or '/' (http, https …)", b->protocol);
    if (!b->info || !*b->info) return sslb_diagf(d, SSLB_EINVAL, "bindingInformation cannot be empty");
    return SSLB_OK;
}

/* A file without a sites section gets one when a site is added, as IIS's configuration system
 * makes a section's element when it first writes to it: an empty <sites /> as the last child of
 * the first <system.applicationHost>, or that group with it as the last child of <configuration>
 * (our choice of place). The site then goes into it as into any <sites>. */
static sslb_rc make_sites(sslb_apphost *ah, sslb_diag *d)
{
    long parent = ah->m.group_node >= 0 ? ah->m.group_node : ah->m.root_node;

    if (ah->m.sites_node >= 0) return SSLB_OK;
    if (parent < 0) return sslb_diagf(d, SSLB_EINVAL, "%s has no <configuration> element", ah->path);
    return insert_child(
        ah, parent, last_child(ah->text, &ah->m, parent, NULL),
        ah->m.group_node >= 0 ? "<sites />" : "<system.applicationHost>\n    <sites />\n</system.applicationHost>", d);
}

sslb_rc sslb_apphost_site_add(sslb_apphost *ah, const char *name, uint32_t id, int auto_start,
                              const char *physical_path, const sslb_sitebinding *bl, size_t nb, sslb_diag *d)
{
    return sslb_apphost_site_insert(ah, SIZE_MAX, name, id, auto_start, physical_path, bl, nb, d);
}

sslb_rc sslb_apphost_site_insert(sslb_apphost *ah, size_t pos, const char *name, uint32_t id, int auto_start,
                                 const char *physical_path, const sslb_sitebinding *bl, size_t nb, sslb_diag *d)
{
    struct buf b = {0};
    char idtext[16];
    sslb_rc rc;

    if ((rc = sslb_site_name_check(name, d)) != SSLB_OK) return rc;
    if (sslb_apphost_find_name(ah, name) >= 0) return sslb_diagf(d, SSLB_EEXISTS, "a site is named \"%s\"", name);
    if (id == 0) return sslb_diagf(d, SSLB_EINVAL, "id: 0 is not a number from 1 to 4294967295");
    if (sslb_apphost_find_id(ah, id) >= 0) return sslb_diagf(d, SSLB_EEXISTS, "site id %u is taken", id);
    for (size_t i = 0; i < nb; i++) {
        if ((rc = binding_check(&bl[i], d)) != SSLB_OK) return rc;
        for (size_t k = 0; k < i; k++)
            if (same_key(&bl[k], bl[i].protocol, bl[i].info))
                return sslb_diagf(d, SSLB_EEXISTS, "binding %s/%s is given twice", bl[i].protocol, bl[i].info);
        for (size_t k = 0; k < ah->m.ndefaults; k++)
            if (same_key(&ah->m.defaults[k], bl[i].protocol, bl[i].info))
                return sslb_diagf(d, SSLB_EEXISTS, "binding %s/%s is inherited from <siteDefaults>", bl[i].protocol,
                                  bl[i].info);
    }
    if (pos != SIZE_MAX && pos > ah->m.nsites)
        return sslb_diagf(d, SSLB_ENOTFOUND, "position %zu is past the end of the sites collection, which holds %zu",
                          pos, ah->m.nsites);
    snprintf(idtext, sizeof idtext, "%u", id);
    puts_(&b, "<site");
    put_attr(&b, "name", name);
    put_attr(&b, "id", idtext);
    if (auto_start >= 0) put_attr(&b, "serverAutoStart", auto_start ? "true" : "false");
    if (!physical_path && nb == 0) {
        puts_(&b, " />");
    } else {
        puts_(&b, ">");
        if (physical_path) {
            puts_(&b, "\n    <application path=\"/\">\n        <virtualDirectory path=\"/\"");
            put_attr(&b, "physicalPath", physical_path);
            puts_(&b, " />\n    </application>");
        }
        if (nb) {
            puts_(&b, "\n    <bindings>");
            for (size_t i = 0; i < nb; i++) {
                puts_(&b, "\n        ");
                put_binding(&b, &bl[i]);
            }
            puts_(&b, "\n    </bindings>");
        }
        puts_(&b, "\n</site>");
    }
    if (b.oom) {
        free(b.p);
        return SSLB_ENOMEM;
    }
    if ((rc = make_sites(ah, d)) == SSLB_OK) {
        const char *t = ah->text;
        long sn = ah->m.sites_node, after;
        if (pos == SIZE_MAX || pos == ah->m.nsites) {
            after = last_child(t, &ah->m, sn, "site"); /* after the last site; none: first */
        } else { /* before site pos: after whatever element precedes it among <sites>'s children */
            long before = ah->m.site_node[pos];
            after = -1;
            for (long c = child(t, &ah->m, sn, NULL, -1); c >= 0 && c < before; c = child(t, &ah->m, sn, NULL, c))
                after = c;
        }
        rc = insert_child(ah, sn, after, b.p, d);
    }
    free(b.p);
    return rc;
}

sslb_rc sslb_apphost_site_delete(sslb_apphost *ah, size_t site, sslb_diag *d)
{
    if (site >= ah->m.nsites) return sslb_diagf(d, SSLB_ENOTFOUND, "no site %zu", site);
    return remove_node(ah, ah->m.site_node[site], d);
}

sslb_rc sslb_apphost_site_set(sslb_apphost *ah, size_t site, const char *attr, const char *value, sslb_diag *d)
{
    uint32_t id;
    int on;
    long other;
    sslb_rc rc;

    if (site >= ah->m.nsites) return sslb_diagf(d, SSLB_ENOTFOUND, "no site %zu", site);
    if (strcmp(attr, "name") == 0) {
        if ((rc = sslb_site_name_check(value, d)) != SSLB_OK) return rc;
        if ((other = sslb_apphost_find_name(ah, value)) >= 0 && (size_t)other != site)
            return sslb_diagf(d, SSLB_EEXISTS, "a site is named \"%s\"", value);
        return set_attr(ah, ah->m.site_node[site], "name", value, d);
    }
    if (strcmp(attr, "id") == 0) {
        if (parse_uint(value, &id) != 0 || id == 0)
            return sslb_diagf(d, SSLB_EINVAL, "id: '%s' is not a number from 1 to 4294967295", value);
        if ((other = sslb_apphost_find_id(ah, id)) >= 0 && (size_t)other != site)
            return sslb_diagf(d, SSLB_EEXISTS, "site id %u is taken", id);
        char text[16];
        snprintf(text, sizeof text, "%u", id);
        return set_attr(ah, ah->m.site_node[site], "id", text, d);
    }
    if (strcmp(attr, "serverAutoStart") == 0) {
        if (sslb__bool_parse(value, &on) != 0)
            return sslb_diagf(d, SSLB_EINVAL, "serverAutoStart: '%s' is not true or false", value);
        return set_attr(ah, ah->m.site_node[site], "serverAutoStart", on ? "true" : "false", d);
    }
    return sslb_diagf(d, SSLB_EINVAL, "a site has no attribute %s", attr);
}

/* How many of site's effective bindings are inherited from <siteDefaults> (they come first). */
static size_t inherited_count(const sslb_apphost *ah, size_t site)
{
    const sslb_site *st = &ah->m.sites[site];
    size_t n = 0;
    while (n < st->nbindings && st->bindings[n].inherited) n++;
    return n;
}

/* Makes the bindings site inherits its own: a <clear /> and a copy of each, first in its
 * <bindings> (made after its applications if it has none). The effective list stays the same,
 * and nothing is inherited any more. IIS's schema gives the bindings collection add and clear
 * directives but no remove, so this is the only way to write a site whose list drops, changes or
 * precedes an inherited entry (our choice; the configuration system does the same when an entry
 * is inserted between inherited ones). */
static sslb_rc localize(sslb_apphost *ah, size_t site, sslb_diag *d)
{
    const sslb_site *st = &ah->m.sites[site];
    size_t ninh = inherited_count(ah, site);
    long bs = ah->m.bindings_node[site], sn = ah->m.site_node[site];
    struct buf b = {0};
    sslb_rc rc;

    if (ninh == 0) return SSLB_OK;
    puts_(&b, bs < 0 ? "<bindings>\n    <clear />" : "<clear />");
    for (size_t k = 0; k < ninh; k++) {
        puts_(&b, bs < 0 ? "\n    " : "\n");
        put_binding(&b, &st->bindings[k]);
    }
    if (bs < 0) puts_(&b, "\n</bindings>");
    rc = b.oom ? SSLB_ENOMEM
               : insert_child(ah, bs >= 0 ? bs : sn, bs >= 0 ? -1 : last_child(ah->text, &ah->m, sn, "application"),
                              b.p, d);
    free(b.p);
    return rc;
}

sslb_rc sslb_apphost_binding_add(sslb_apphost *ah, size_t site, const sslb_sitebinding *sb, sslb_diag *d)
{
    return sslb_apphost_binding_insert(ah, site, SIZE_MAX, sb, d);
}

sslb_rc sslb_apphost_binding_insert(sslb_apphost *ah, size_t site, size_t pos, const sslb_sitebinding *sb, sslb_diag *d)
{
    struct buf b = {0};
    const char *t = ah->text;
    long bs, sn, after;
    sslb_rc rc;

    if (site >= ah->m.nsites) return sslb_diagf(d, SSLB_ENOTFOUND, "no site %zu", site);
    if ((rc = binding_check(sb, d)) != SSLB_OK) return rc;
    if (sslb_apphost_binding_find(ah, site, sb->protocol, sb->info) >= 0)
        return sslb_diagf(d, SSLB_EEXISTS, "the site already has the binding %s/%s", sb->protocol, sb->info);
    if (pos != SIZE_MAX && pos > ah->m.sites[site].nbindings)
        return sslb_diagf(d, SSLB_ENOTFOUND, "position %zu is past the end of the site's %zu bindings", pos,
                          ah->m.sites[site].nbindings);
    /* before an inherited binding: only a list of its own can say that */
    if (pos != SIZE_MAX && pos < inherited_count(ah, site) && (rc = localize(ah, site, d)) != SSLB_OK) return rc;
    t = ah->text;
    bs = ah->m.bindings_node[site];
    sn = ah->m.site_node[site];
    if (bs >= 0) {
        put_binding(&b, sb);
        if (pos == SIZE_MAX || pos == ah->m.sites[site].nbindings) {
            after = last_child(t, &ah->m, bs, NULL);
        } else { /* before binding pos: after whatever element precedes it (a <clear />, or none) */
            long before = ah->m.binding_node[site][pos];
            after = -1;
            for (long c = child(t, &ah->m, bs, NULL, -1); c >= 0 && c < before; c = child(t, &ah->m, bs, NULL, c))
                after = c;
        }
        if (!b.oom) rc = insert_child(ah, bs, after, b.p, d);
    } else { /* the site's first binding: a <bindings> after its applications */
        puts_(&b, "<bindings>\n    ");
        put_binding(&b, sb);
        puts_(&b, "\n</bindings>");
        if (!b.oom) rc = insert_child(ah, sn, last_child(t, &ah->m, sn, "application"), b.p, d);
    }
    if (b.oom) rc = SSLB_ENOMEM;
    free(b.p);
    return rc;
}

/* The child `name` of element (scanner n, libxml x) whose attribute `key` is value (paths compare
 * ASCII case-insensitively, as IIS's do), with its libxml node in *xout; -1 if none. *last gets
 * the last child of that name (-1 if none). */
static long keyed_child(const sslb_apphost *ah, long n, xmlNodePtr x, const char *name, const char *key,
                        const char *value, xmlNodePtr *xout, long *last)
{
    long c = -1, found = -1;
    xmlNodePtr xc = NULL;

    *last = -1;
    for (;;) {
        c = child(ah->text, &ah->m, n, name, c);
        xc = x_child(x, name, xc);
        if (c < 0 || !xc) break;
        *last = c;
        if (found < 0) {
            xmlChar *v = xmlGetProp(xc, (const xmlChar *)key);
            if (v && sslb__casecmp((const char *)v, value) == 0) {
                found = c;
                if (xout) *xout = xc;
            }
            xmlFree(v);
        }
    }
    return found;
}

static sslb_rc path_check(const char *what, const char *path, sslb_diag *d)
{
    if (!path || path[0] != '/')
        return sslb_diagf(d, SSLB_EINVAL, "%s path must start with '/' (got '%s')", what, path ? path : "");
    return SSLB_OK;
}

sslb_rc sslb_apphost_app_add(sslb_apphost *ah, size_t site, const char *path, const char *pool, sslb_diag *d)
{
    struct buf b = {0};
    long last;
    sslb_rc rc;

    if (site >= ah->m.nsites) return sslb_diagf(d, SSLB_ENOTFOUND, "no site %zu", site);
    if ((rc = path_check("an application", path, d)) != SSLB_OK) return rc;
    if (keyed_child(ah, ah->m.site_node[site], ah->m.site_x[site], "application", "path", path, NULL, &last) >= 0)
        return sslb_diagf(d, SSLB_EEXISTS, "site \"%s\" already has the application %s", ah->m.sites[site].name, path);
    puts_(&b, "<application");
    put_attr(&b, "path", path);
    if (pool) put_attr(&b, "applicationPool", pool);
    puts_(&b, " />");
    /* after the site's last application, else first: before its <bindings> */
    rc = b.oom ? SSLB_ENOMEM : insert_child(ah, ah->m.site_node[site], last, b.p, d);
    free(b.p);
    return rc;
}

sslb_rc sslb_apphost_app_delete(sslb_apphost *ah, size_t site, const char *path, sslb_diag *d)
{
    long last, a;

    if (site >= ah->m.nsites) return sslb_diagf(d, SSLB_ENOTFOUND, "no site %zu", site);
    if ((a = keyed_child(ah, ah->m.site_node[site], ah->m.site_x[site], "application", "path", path ? path : "", NULL,
                         &last)) < 0)
        return sslb_diagf(d, SSLB_ENOTFOUND, "site \"%s\" has no application %s", ah->m.sites[site].name,
                          path ? path : "");
    return remove_node(ah, a, d);
}

/* The application of site with this path: scanner index and libxml node; -1 if none. */
static long find_app(const sslb_apphost *ah, size_t site, const char *app_path, xmlNodePtr *x, sslb_diag *d)
{
    long last,
        a = keyed_child(ah, ah->m.site_node[site], ah->m.site_x[site], "application", "path", app_path, x, &last);
    if (a < 0) sslb_diagf(d, SSLB_ENOTFOUND, "site \"%s\" has no application %s", ah->m.sites[site].name, app_path);
    return a;
}

sslb_rc sslb_apphost_vdir_add(sslb_apphost *ah, size_t site, const char *app_path, const char *path,
                              const char *physical_path, sslb_diag *d)
{
    struct buf b = {0};
    xmlNodePtr xa = NULL;
    long a, last;
    sslb_rc rc;

    if (site >= ah->m.nsites) return sslb_diagf(d, SSLB_ENOTFOUND, "no site %zu", site);
    if ((rc = path_check("a virtual directory", path, d)) != SSLB_OK) return rc;
    if ((a = find_app(ah, site, app_path ? app_path : "", &xa, d)) < 0) return SSLB_ENOTFOUND;
    if (keyed_child(ah, a, xa, "virtualDirectory", "path", path, NULL, &last) >= 0)
        return sslb_diagf(d, SSLB_EEXISTS, "application %s of site \"%s\" already has the virtual directory %s",
                          app_path, ah->m.sites[site].name, path);
    puts_(&b, "<virtualDirectory");
    put_attr(&b, "path", path);
    if (physical_path) put_attr(&b, "physicalPath", physical_path);
    puts_(&b, " />");
    rc = b.oom ? SSLB_ENOMEM : insert_child(ah, a, last, b.p, d);
    free(b.p);
    return rc;
}

sslb_rc sslb_apphost_vdir_delete(sslb_apphost *ah, size_t site, const char *app_path, const char *path, sslb_diag *d)
{
    xmlNodePtr xa = NULL;
    long a, v, last;

    if (site >= ah->m.nsites) return sslb_diagf(d, SSLB_ENOTFOUND, "no site %zu", site);
    if ((a = find_app(ah, site, app_path ? app_path : "", &xa, d)) < 0) return SSLB_ENOTFOUND;
    if ((v = keyed_child(ah, a, xa, "virtualDirectory", "path", path ? path : "", NULL, &last)) < 0)
        return sslb_diagf(d, SSLB_ENOTFOUND, "application %s of site \"%s\" has no virtual directory %s", app_path,
                          ah->m.sites[site].name, path ? path : "");
    return remove_node(ah, v, d);
}

/* One of the names in `names` (ASCII case-insensitive), as the schema spells it, or NULL. */
static const char *attr_named(const char *const *names, const char *attr)
{
    for (; attr && *names; names++)
        if (sslb__casecmp(*names, attr) == 0) return *names;
    return NULL;
}

sslb_rc sslb_apphost_app_set(sslb_apphost *ah, size_t site, const char *app_path, const char *attr, const char *value,
                             sslb_diag *d)
{
    static const char *const names[] = {"applicationPool", NULL};
    const char *a = attr_named(names, attr);
    long n;

    if (site >= ah->m.nsites) return sslb_diagf(d, SSLB_ENOTFOUND, "no site %zu", site);
    if (!a) return sslb_diagf(d, SSLB_EINVAL, "sslbind emulates an application's applicationPool only");
    if ((n = find_app(ah, site, app_path ? app_path : "", NULL, d)) < 0) return SSLB_ENOTFOUND;
    return set_attr(ah, n, a, value ? value : "", d);
}

sslb_rc sslb_apphost_vdir_set(sslb_apphost *ah, size_t site, const char *app_path, const char *path, const char *attr,
                              const char *value, sslb_diag *d)
{
    static const char *const names[] = {"physicalPath", "userName", "password", NULL};
    const char *a = attr_named(names, attr);
    xmlNodePtr xa = NULL;
    long n, v, last;

    if (site >= ah->m.nsites) return sslb_diagf(d, SSLB_ENOTFOUND, "no site %zu", site);
    if (!a)
        return sslb_diagf(d, SSLB_EINVAL,
                          "sslbind emulates a virtual directory's physicalPath, userName and password only");
    if ((n = find_app(ah, site, app_path ? app_path : "", &xa, d)) < 0) return SSLB_ENOTFOUND;
    if ((v = keyed_child(ah, n, xa, "virtualDirectory", "path", path ? path : "", NULL, &last)) < 0)
        return sslb_diagf(d, SSLB_ENOTFOUND, "application %s of site \"%s\" has no virtual directory %s", app_path,
                          ah->m.sites[site].name, path ? path : "");
    return set_attr(ah, v, a, value ? value : "", d);
}

sslb_rc sslb_apphost_app_defaults_set(sslb_apphost *ah, size_t site, const char *attr, const char *value, sslb_diag *d)
{
    static const char *const names[] = {"applicationPool", NULL};
    const char *a = attr_named(names, attr);
    long sn, n;
    struct buf b = {0};
    sslb_rc rc;

    if (site >= ah->m.nsites) return sslb_diagf(d, SSLB_ENOTFOUND, "no site %zu", site);
    if (!a) return sslb_diagf(d, SSLB_EINVAL, "sslbind emulates applicationDefaults' applicationPool only");
    sn = ah->m.site_node[site];
    if ((n = child(ah->text, &ah->m, sn, "applicationDefaults", -1)) >= 0)
        return set_attr(ah, n, a, value ? value : "", d);
    /* absent: a new element, the site's last child */
    puts_(&b, "<applicationDefaults");
    put_attr(&b, a, value ? value : "");
    puts_(&b, " />");
    rc = b.oom ? SSLB_ENOMEM : insert_child(ah, sn, last_child(ah->text, &ah->m, sn, NULL), b.p, d);
    free(b.p);
    return rc;
}

sslb_rc sslb_apphost_binding_delete(sslb_apphost *ah, size_t site, size_t binding, sslb_diag *d)
{
    sslb_rc rc;

    if (site >= ah->m.nsites || binding >= ah->m.sites[site].nbindings)
        return sslb_diagf(d, SSLB_ENOTFOUND, "no such binding");
    if (ah->m.binding_node[site][binding] < 0 && (rc = localize(ah, site, d)) != SSLB_OK) return rc;
    return remove_node(ah, ah->m.binding_node[site][binding], d);
}

sslb_rc sslb_apphost_binding_set(sslb_apphost *ah, size_t site, size_t binding, const char *attr, const char *value,
                                 sslb_diag *d)
{
    const sslb_sitebinding *cur;
    sslb_sitebinding nb;
    uint32_t flags;
    long other;

    if (site >= ah->m.nsites || binding >= ah->m.sites[site].nbindings)
        return sslb_diagf(d, SSLB_ENOTFOUND, "no such binding");
    if (ah->m.binding_node[site][binding] < 0) { /* an inherited binding changed here becomes the site's */
        sslb_rc rc = localize(ah, site, d);
        if (rc != SSLB_OK) return rc;
    }
    cur = &ah->m.sites[site].bindings[binding];
    nb = *cur;
    if (strcmp(attr, "sslFlags") == 0) {
        if (parse_uint(value, &flags) != 0)
            return sslb_diagf(d, SSLB_EINVAL, "sslFlags: '%s' is not an unsigned number", value);
        char text[16];
        snprintf(text, sizeof text, "%u", flags);
        return set_attr(ah, ah->m.binding_node[site][binding], "sslFlags", text, d);
    }
    if (strcmp(attr, "protocol") == 0) nb.protocol = value;
    else if (strcmp(attr, "bindingInformation") == 0) nb.info = value;
    else return sslb_diagf(d, SSLB_EINVAL, "a binding has no attribute %s", attr);
    sslb_rc rc = binding_check(&nb, d);
    if (rc != SSLB_OK) return rc;
    if ((other = sslb_apphost_binding_find(ah, site, nb.protocol, nb.info)) >= 0 && (size_t)other != binding)
        return sslb_diagf(d, SSLB_EEXISTS, "the site already has the binding %s/%s", nb.protocol, nb.info);
    return set_attr(ah, ah->m.binding_node[site][binding], attr, value, d);
}

/* ---- transactions ----------------------------------------------------------------------------- */

sslb_rc sslb_apphost_change(sslb_apphost *ah, sslb_apphost_edit_fn fn, void *ctx, sslb_diag *d)
{
    char *before;
    size_t before_len;
    int lockfd;
    sslb_rc rc;

    if ((rc = refuse_link(ah, d)) != SSLB_OK) return rc;
    if ((rc = sslb__lock(ah->lockpath, "applicationHost.config", SSLB_EWRITE, &lockfd, d)) != SSLB_OK) return rc;
    if ((rc = reload(ah, d)) != SSLB_OK) goto out;
    if (!(before = malloc(ah->len + 1))) {
        rc = SSLB_ENOMEM;
        goto out;
    }
    memcpy(before, ah->text, ah->len + 1);
    before_len = ah->len;
    ah->in_change = 1;
    rc = fn(ah, ctx, d);
    ah->in_change = 0;
    if (rc == SSLB_OK && (ah->len != before_len || memcmp(ah->text, before, before_len) != 0)) {
        struct stat st;
        mode_t mode = stat(ah->path, &st) == 0 ? (st.st_mode & 07777) : 0644;
        if (sslb__replace(ah->path, mode, fill_text, ah, &ah->version) != 0)
            rc = sslb_diagf(d, SSLB_EWRITE, "%s: cannot write: %s", ah->path, strerror(errno));
    }
    /* made or not, still under the file's lock: no other edit comes between (a failed write's
     * sites.state.next is dropped there, not left for the next command: review 35 F7) */
    if (ah->after_write) ah->after_write(ah->after_ctx);
    ah->after_write = NULL;
    if (rc != SSLB_OK) { /* back to what the file holds */
        sslb_diag ignored;
        if (adopt(ah, before, before_len, &ignored) != SSLB_OK) ah->known = 0;
    } else {
        free(before);
    }
out:
    close(lockfd);
    return rc;
}

sslb_rc sslb_apphost_restore(sslb_apphost *ah, const char *text, size_t len, sslb_apphost_edit_fn fn, void *ctx,
                             sslb_diag *d)
{
    char *before = NULL, *copy;
    size_t before_len = 0;
    int lockfd, same = 0;
    sslb_rc rc;

    if ((rc = refuse_link(ah, d)) != SSLB_OK) return rc;
    if ((rc = sslb__lock(ah->lockpath, "applicationHost.config", SSLB_EWRITE, &lockfd, d)) != SSLB_OK) return rc;
    /* a damaged file (or none) is what a restore replaces: only a file that cannot be read stops it */
    sslb_diag why = {{0}};
    rc = reload(ah, &why);
    if (rc != SSLB_OK && rc != SSLB_ECORRUPT && rc != SSLB_ENOTFOUND) {
        if (d) *d = why;
        goto out;
    }
    same = rc == SSLB_OK && ah->len == len && memcmp(ah->text, text, len) == 0;
    if (ah->text && !(before = malloc(ah->len + 1))) {
        rc = SSLB_ENOMEM;
        goto out;
    }
    if (before) {
        memcpy(before, ah->text, ah->len + 1);
        before_len = ah->len;
    }
    if (!(copy = malloc(len + 1))) {
        rc = SSLB_ENOMEM;
        goto out;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    if ((rc = adopt(ah, copy, len, &why)) != SSLB_OK) { /* adopt took copy; the handle is as it was */
        if (rc == SSLB_ECORRUPT) rc = sslb_diagf(d, SSLB_ECORRUPT, "the backup's configuration: %s", why.text);
        else if (d) *d = why;
        goto out;
    }
    ah->in_change = 1;
    rc = fn ? fn(ah, ctx, d) : SSLB_OK;
    ah->in_change = 0;
    if (rc == SSLB_OK && !same) {
        struct stat st;
        mode_t mode = stat(ah->path, &st) == 0 ? (st.st_mode & 07777) : 0644;
        if (sslb__replace(ah->path, mode, fill_text, ah, &ah->version) != 0)
            rc = sslb_diagf(d, SSLB_EWRITE, "%s: cannot write: %s", ah->path, strerror(errno));
        else ah->known = 1;
    }
    if (ah->after_write) ah->after_write(ah->after_ctx);
    ah->after_write = NULL;
    if (rc != SSLB_OK) { /* back to what the file holds */
        sslb_diag ignored;
        if (!before || adopt(ah, before, before_len, &ignored) != SSLB_OK) ah->known = 0;
        before = NULL; /* taken */
    } else {
        ah->err_line = 0;
        ah->err_detail[0] = '\0';
    }
out:
    free(before);
    close(lockfd);
    return rc;
}
