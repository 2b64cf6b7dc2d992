/* fuzz_farmfiles.c — a farm server's own files: DIR/addresses, DIR/sites.state,
 * DIR/redirection.config (configurationRedirection) and DIR/sites.state.next (the journal of a
 * change that moves site states), read by sslb_server_open and the shared configuration's calls
 * (core/src/was.c), and written back by their changes.
 *
 * Input: the four files' bytes, in that order, separated by the two bytes 0x00 0xff (a file
 * whose part is absent is absent; a NUL alone stays in the file; inputs of three parts, from
 * before the journal, read as before), then, as a fifth part, DIR/applicationHost.config's
 * (absent: APPHOST_TEXT, as for inputs from before its sites counted), so that a journal can name
 * it and its sites too.
 * Checks, beyond no crash, leak or UB:
 * - a refusal names the file it refuses, its message is terminated, and nothing was written;
 * - sites.state.next: an unlocked open writes nothing; the states are the journal's when it is
 *   whole (its format, docs/iis.md) and the file it names holds the text of its SHA-256 or, for
 *   applicationHost.config, a configuration (as sslb_apphost_open reads one) that has every site
 *   its name records name, at that id under that name (as libxml reads it here), else
 *   sites.state's; a journal for applicationHost.config whose text is not the hashed one and does
 *   not read as a configuration, or for a shared one not there, is refused by the open; after a
 *   locked operation (sslb_was_settle) the journal is gone, the states are the same, sites.state
 *   reads back to them (and is untouched when the journal was not made);
 * - addresses: every address the file lists is owned; an address added is written, read back
 *   by a fresh open with every other address, and its delete gives the first set again;
 * - sites.state: every id the file lists has its state; moving the first id's state to a new id
 *   (sslb_was_follow) writes a file of "<id> Started|Stopped" lines that reads back with the new
 *   id in its state, the old one gone and every other id as it was;
 * - redirection.config: when the file (as libxml reads it) enables redirection to an absolute
 *   path, the directory the server reports is that path (trailing slashes off), whole, or the
 *   file is refused: never a path cut short; a disable writes a file that reads back disabled with
 *   that same path; a file that enables one is reported shared or refused, never taken for off; a
 *   file that is refused is left as it was by the disable. */
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/sha.h>
#include <string.h>

#include "fuzz_util.h"
#include "sslb/apphost.h"

#define NFILES 5 /* the input's four parts, then applicationHost.config (never written) */
#define NPARTS 5 /* the fifth: applicationHost.config's text */
static char work[PATH_MAX], paths[NFILES][PATH_MAX];
static const char *const names[NFILES] = {"addresses", "sites.state", "redirection.config", "sites.state.next",
                                          "applicationHost.config"};
/* DIR/applicationHost.config: its SHA-256 is 4caaf9e3… (the corpus's journals that name it) */
static const char APPHOST_TEXT[] = "<configuration />\n";

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *root = fz_scratch("farmfiles");
    (void)argc;
    (void)argv;
    fz_join(work, sizeof work, root, "state");
    for (int i = 0; i < NFILES; i++) fz_join(paths[i], sizeof paths[i], work, names[i]);
    xmlSetGenericErrorFunc(NULL, silent);
    return 0;
}

/* The files as they are now, to compare after a call that must not write. */
struct files {
    char *data[NFILES];
    size_t len[NFILES];
};

static void files_take(struct files *f)
{
    for (int i = 0; i < NFILES; i++) f->data[i] = fz_slurp(paths[i], &f->len[i]);
}

static int file_same(const struct files *f, int i)
{
    size_t len = 0;
    char *now = fz_slurp(paths[i], &len);
    int same = !now == !f->data[i] && (!now || (len == f->len[i] && memcmp(now, f->data[i], len) == 0));
    free(now);
    return same;
}

static int files_same(const struct files *f)
{
    int same = 1;
    for (int i = 0; i < NFILES; i++) same &= file_same(f, i);
    return same;
}

static void files_free(struct files *f)
{
    for (int i = 0; i < NFILES; i++) free(f->data[i]);
}

/* configurationRedirection as libxml reads the file: 1 when enabled="true" with an absolute path
 * (*path: a copy, trailing slashes off), 0 otherwise, -1 when there is no such element. */
static int redirection_oracle(const char *buf, size_t len, char **path)
{
    xmlDocPtr doc = len && len <= 1 << 20 ? xmlReadMemory(buf, (int)len, NULL, NULL,
                                                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
                                          : NULL;
    xmlNodePtr root, c;
    int r = -1;
    *path = NULL;
    if (!doc) return -1;
    if ((root = xmlDocGetRootElement(doc)) && xmlStrcmp(root->name, (const xmlChar *)"configuration") == 0)
        for (c = root->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, (const xmlChar *)"configurationRedirection") != 0)
                continue;
            xmlChar *en = xmlGetProp(c, (const xmlChar *)"enabled"), *p = xmlGetProp(c, (const xmlChar *)"path");
            r = 0;
            if (en && xmlStrcasecmp(en, (const xmlChar *)"true") == 0 && p && p[0] == '/') {
                size_t l = strlen((const char *)p);
                while (l > 1 && p[l - 1] == '/') l--;
                p[l] = '\0';
                *path = strdup((const char *)p);
                r = 1;
            } else if (p) {
                *path = strdup((const char *)p);
            }
            xmlFree(en);
            xmlFree(p);
            break;
        }
    xmlFreeDoc(doc);
    return r;
}

/* sites.state as accepted: the ids and states, in file order (the file was accepted by the server). */
#define MAX_IDS 512
struct states {
    size_t n;
    uint32_t id[MAX_IDS];
    int started[MAX_IDS];
};

static void states_read(const char *buf, size_t len, struct states *s)
{
    const char *line, *end;
    s->n = 0;
    for (line = buf; line && line < buf + len && s->n < MAX_IDS; line = end + 1) {
        char text[8192], word[16];
        unsigned long id;
        if (!(end = memchr(line, '\n', (size_t)(buf + len - line)))) end = buf + len;
        size_t n = (size_t)(end - line);
        if (n >= sizeof text) n = sizeof text - 1;
        memcpy(text, line, n);
        text[n] = '\0';
        if (sscanf(text, "%lu %15s", &id, word) != 2) continue;
        s->id[s->n] = (uint32_t)id;
        s->started[s->n++] = strcmp(word, "Started") == 0;
    }
}

static void check_refusal(sslb_rc rc, const sslb_diag *d, const char *what)
{
    FZ_CHECK(memchr(d->text, '\0', sizeof d->text) != NULL, "%s: the message is not terminated", what);
    FZ_CHECK(rc == SSLB_ENOMEM || strstr(d->text, work) != NULL, "%s: the refusal (%d) names no file: %s", what,
             (int)rc, d->text);
}

/* A name record "site ID NAME" (line[0, n), no LF) as docs/iis.md describes it: 1 and *id,
 * *name, *nlen when ID is 1 to 4294967295 without a leading zero and NAME is not empty and holds
 * no control character nor any of \ / ? ; : @ & = + $ , | " < > (a site name, as appcmd allows
 * one); else 0. */
static int record_oracle(const char *line, size_t n, unsigned long *id, const char **name, size_t *nlen)
{
    size_t i = 5;
    *id = 0;
    if (n < 7 || memcmp(line, "site ", 5) != 0 || line[5] == '0') return 0;
    for (; i < n && line[i] >= '0' && line[i] <= '9' && i < 16; i++) *id = *id * 10 + (unsigned long)(line[i] - '0');
    if (i == 5 || *id > 4294967295ul || i + 1 >= n || line[i] != ' ') return 0;
    *name = line + i + 1;
    *nlen = n - i - 1;
    for (size_t k = 0; k < *nlen; k++)
        if ((unsigned char)(*name)[k] < 0x20 || strchr("\\/?;:@&=+$,|\"<>", (*name)[k])) return 0;
    return 1;
}

/* Whether the site with id (its attribute, digits only, as a number) in the sites section of the
 * configuration doc is named name[0, nlen) exactly: the first <system.applicationHost> with a
 * <sites>, its <site> children (elements without a namespace prefix). */
static int site_oracle(xmlDocPtr doc, unsigned long id, const char *name, size_t nlen)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), sites = NULL;
    for (xmlNodePtr g = root ? root->children : NULL; g && !sites; g = g->next)
        if (g->type == XML_ELEMENT_NODE && !(g->ns && g->ns->prefix) &&
            xmlStrcmp(g->name, (const xmlChar *)"system.applicationHost") == 0)
            for (xmlNodePtr c = g->children; c && !sites; c = c->next)
                if (c->type == XML_ELEMENT_NODE && !(c->ns && c->ns->prefix) &&
                    xmlStrcmp(c->name, (const xmlChar *)"sites") == 0)
                    sites = c;
    for (xmlNodePtr c = sites ? sites->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || (c->ns && c->ns->prefix) || xmlStrcmp(c->name, (const xmlChar *)"site") != 0)
            continue;
        xmlChar *i = xmlGetProp(c, (const xmlChar *)"id"), *nm = xmlGetProp(c, (const xmlChar *)"name");
        unsigned long v = 0;
        int digits = i && *i, same = 0;
        for (const xmlChar *p = i; digits && *p && v <= 4294967295ul; p++)
            digits = *p >= '0' && *p <= '9' ? (v = v * 10 + (unsigned long)(*p - '0'), 1) : 0;
        if (digits && v == id) same = nm && strlen((const char *)nm) == nlen && memcmp(nm, name, nlen) == 0 ? 1 : -1;
        xmlFree(i);
        xmlFree(nm);
        if (same) return same > 0;
    }
    return 0;
}

/* Whether every record of recs[0, n) (whole lines, record_oracle's; none: 0) names a site of
 * the configuration path holds, as libxml finds it at its id under its name; -1 when path does
 * not read as a configuration (sslb_apphost_open: what a configuration is). */
static int names_oracle(const char *path, const char *recs, size_t n)
{
    sslb_apphost *ah = NULL;
    sslb_diag d;
    size_t tlen = 0;
    int hold = sslb_apphost_open(work, path, &ah, &d) == SSLB_OK;
    char *text = hold ? fz_slurp(path, &tlen) : NULL;

    if (!hold) return -1;
    xmlDocPtr doc = text && tlen <= 1 << 20 ? xmlReadMemory(text, (int)tlen, NULL, NULL,
                                                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
                                            : NULL;
    sslb_apphost_close(ah);
    hold = doc != NULL && n > 0;
    for (const char *p = recs, *nl; hold && p < recs + n; p = nl + 1) {
        const char *name;
        size_t nlen;
        unsigned long id;
        nl = memchr(p, '\n', (size_t)(recs + n - p));
        hold = record_oracle(p, (size_t)(nl - p), &id, &name, &nlen) && site_oracle(doc, id, name, nlen);
    }
    xmlFreeDoc(doc);
    free(text);
    return hold;
}

/* sites.state.next as docs/iis.md describes it, read again here: 1 when it is whole — a first
 * line "after NAME HASH" (NAME redirection.config or applicationHost.config, HASH 64 lower-case
 * hex digits), then, for applicationHost.config, the lines that begin "site", each a name record
 * (record_oracle), then state lines, then a last line "end" — and NAME's file holds text whose
 * SHA-256 is HASH, or, with name records, a configuration where each holds (names_oracle)
 * (applicationHost.config: the shared directory's when the server reports one (shared 1, dir),
 * DIR's when it reports none (0), nothing when it cannot tell (-1)). -1, whether the change was
 * made cannot be told, when applicationHost.config's text is not HASH's and does not read as a
 * configuration, or the shared directory's is not there. The state lines are (*lines, *n). */
static int journal_made(const char *buf, size_t len, int shared, const char *dir, const char **lines, size_t *n)
{
    static const char *const files[2] = {"redirection.config", "applicationHost.config"};
    const char *nl, *name, *sp;
    char path[PATH_MAX + 64], hex[2 * SHA256_DIGEST_LENGTH + 1];
    unsigned char h[SHA256_DIGEST_LENGTH];
    size_t head, tlen = 0, nl_at;
    int which = -1;

    if (!buf) return 0;
    nl = memchr(buf, '\n', len);
    name = buf + 6;
    if (!nl || len < 6 || memcmp(buf, "after ", 6) != 0) return 0;
    nl_at = (size_t)(nl - buf);
    head = nl_at + 1;
    if (!(sp = memchr(name, ' ', (size_t)(nl - name)))) return 0;
    for (int i = 0; i < 2; i++)
        if ((size_t)(sp - name) == strlen(files[i]) && memcmp(name, files[i], strlen(files[i])) == 0) which = i;
    if (which < 0 || (size_t)(nl - sp - 1) != 2 * SHA256_DIGEST_LENGTH) return 0;
    for (const char *c = sp + 1; c < nl; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f'))) return 0;
    /* the last line is "end", after the header or after a line's LF */
    if (len < head + 4 || memcmp(buf + len - 4, "end\n", 4) != 0 || (len - 4 > head && buf[len - 5] != '\n')) return 0;
    size_t recs = head;
    while (recs + 4 <= len - 4 && memcmp(buf + recs, "site", 4) == 0) {
        const char *e = memchr(buf + recs, '\n', len - 4 - recs), *rn;
        size_t rl;
        unsigned long id;
        if (which != 1 || !record_oracle(buf + recs, (size_t)(e - buf) - recs, &id, &rn, &rl)) return 0;
        recs = (size_t)(e - buf) + 1;
    }
    if (which == 0) snprintf(path, sizeof path, "%s", paths[2]);
    else if (shared == 1) snprintf(path, sizeof path, "%s/applicationHost.config", dir);
    else if (shared == 0) snprintf(path, sizeof path, "%s", paths[4]);
    else return 0;
    char *text = fz_slurp(path, &tlen);
    if (!text) return which == 1 && shared == 1 ? -1 : 0;
    SHA256((const unsigned char *)text, tlen, h);
    free(text);
    for (size_t i = 0; i < sizeof h; i++) snprintf(hex + 2 * i, 3, "%02x", h[i]);
    *lines = buf + recs;
    *n = len - 4 - recs;
    if (memcmp(hex, sp + 1, 2 * SHA256_DIGEST_LENGTH) == 0) return 1;
    return which == 1 ? names_oracle(path, buf + head, recs - head) : 0;
}

/* Every id of want has its state in s, and every id of other that want lacks has none. */
static void states_expect(const sslb_server *s, const struct states *want, const struct states *other, const char *when)
{
    for (size_t i = 0; i < want->n; i++)
        FZ_CHECK(sslb_was_started(s, want->id[i]) == want->started[i], "%s: site %u: not in the expected state", when,
                 want->id[i]);
    for (size_t i = 0; i < other->n; i++) {
        int listed = 0;
        for (size_t k = 0; k < want->n && !listed; k++) listed = want->id[k] == other->id[i];
        FZ_CHECK(listed || !sslb_was_started(s, other->id[i]), "%s: site %u: started by the file not expected", when,
                 other->id[i]);
    }
}

/* The journal, as an open read it and as a locked operation leaves it (see the file's header):
 * 0, or 1 when the locked operation was refused (rightly: nothing written). */
static int check_journal(sslb_server *s, const struct files *f)
{
    static struct states want, other;
    char dir[PATH_MAX];
    const char *lines = NULL;
    size_t n = 0;
    int shared = sslb_server_shared_dir(s, dir, sizeof dir), made;
    sslb_server *again = NULL;
    sslb_diag d;
    sslb_rc rc;

    made = journal_made(f->data[3], f->len[3], shared, dir, &lines, &n);
    FZ_CHECK(made >= 0,
             "an open took a journal whose change cannot be told (its configuration does not read or is gone)");
    states_read(made ? lines : f->data[1], made ? n : f->len[1], &want);
    states_read(made ? f->data[1] : NULL, made ? f->len[1] : 0, &other);
    states_expect(s, &want, &other, made ? "the journal made, an open" : "an open");
    if ((rc = sslb_was_settle(s, &d)) != SSLB_OK) {
        check_refusal(rc, &d, "settle");
        FZ_CHECK(files_same(f), "a refused settle changed a file: %s", d.text);
        return 1;
    }
    FZ_CHECK(access(paths[3], F_OK) != 0 && errno == ENOENT, "sites.state.next left after a locked operation");
    states_expect(s, &want, &other, made ? "the journal made, settled" : "settled");
    for (int i = 0; i < NFILES; i++)
        FZ_CHECK(i == 3 || (made && i == 1) || file_same(f, i), "settle changed %s", names[i]);
    FZ_CHECK(sslb_server_open(work, &again, &d) == SSLB_OK, "the settled states do not read back: %s", d.text);
    states_expect(again, &want, &other, made ? "the journal made, read back" : "read back");
    sslb_server_close(again);
    return 0;
}

static void check_addresses(sslb_server *s, const char *buf, size_t len)
{
    sslb_diag d;
    sslb_addr extra, list[64];
    size_t n = sslb_server_address_count(s), m = n < 64 ? n : 64;
    sslb_server *again = NULL;

    FZ_CHECK(n >= 2, "fewer than the two loopback addresses");
    for (size_t i = 0; i < m; i++) list[i] = *sslb_server_address(s, i);
    /* each line the file lists (the file was accepted) is owned */
    for (const char *line = buf, *end; buf && line < buf + len; line = end + 1) {
        char text[128];
        sslb_addr a;
        if (!(end = memchr(line, '\n', (size_t)(buf + len - line)))) end = buf + len;
        size_t l = (size_t)(end - line);
        if (l && line[l - 1] == '\r') l--;
        if (!l || line[0] == '#' || l >= sizeof text) continue;
        memcpy(text, line, l);
        text[l] = '\0';
        if (sslb_addr_parse(text, &a, NULL) != SSLB_OK) continue;
        FZ_CHECK(sslb_server_owns(s, &a), "the address '%s' of the file is not owned", text);
    }
    /* add one, read back, delete it */
    sslb_addr_parse("192.0.2.77", &extra, NULL);
    if (sslb_server_owns(s, &extra)) return;
    FZ_CHECK(sslb_server_address_add(s, &extra, &d) == SSLB_OK, "address add: %s", d.text);
    FZ_CHECK(sslb_server_open(work, &again, &d) == SSLB_OK, "the addresses written do not read back: %s", d.text);
    FZ_CHECK(sslb_server_address_count(again) == n + 1 && sslb_server_owns(again, &extra),
             "%zu addresses read back, %zu expected", sslb_server_address_count(again), n + 1);
    for (size_t i = 0; i < m; i++) FZ_CHECK(sslb_server_owns(again, &list[i]), "address %zu lost by a rewrite", i);
    sslb_server_close(again);
    FZ_CHECK(sslb_server_address_delete(s, &extra, &d) == SSLB_OK, "address delete: %s", d.text);
    FZ_CHECK(sslb_server_open(work, &again, &d) == SSLB_OK, "the addresses written do not read back: %s", d.text);
    FZ_CHECK(sslb_server_address_count(again) == n && !sslb_server_owns(again, &extra),
             "the delete did not undo the add");
    sslb_server_close(again);
}

static void check_states(sslb_server *s, const char *buf, size_t len)
{
    static struct states before, written;
    const uint32_t fresh = 4000000001u;
    sslb_server *again = NULL;
    sslb_diag d;
    size_t wlen = 0;
    char *text;

    states_read(buf, len, &before);
    for (size_t i = 0; i < before.n; i++)
        FZ_CHECK(sslb_was_started(s, before.id[i]) == before.started[i], "site %u: not in the file's state",
                 before.id[i]);
    if (!before.n) return;
    for (size_t i = 0; i < before.n; i++)
        if (before.id[i] == fresh) return;
    uint32_t from = before.id[0], to = fresh;
    FZ_CHECK(sslb_was_follow(s, 1, &from, &to, &d) == SSLB_OK, "follow: %s", d.text);
    FZ_CHECK(sslb_server_open(work, &again, &d) == SSLB_OK, "sites.state written does not read back: %s", d.text);
    FZ_CHECK(sslb_was_started(again, fresh) == before.started[0], "the moved state is not read back");
    FZ_CHECK(!sslb_was_started(again, from), "the old id kept its state");
    for (size_t i = 1; i < before.n; i++)
        FZ_CHECK(sslb_was_started(again, before.id[i]) == before.started[i], "site %u changed", before.id[i]);
    sslb_server_close(again);
    text = fz_slurp(paths[1], &wlen);
    FZ_CHECK(text != NULL, "sites.state not written");
    states_read(text, wlen, &written);
    size_t lines = 0;
    for (size_t i = 0; i < wlen; i++) lines += text[i] == '\n';
    FZ_CHECK(lines == written.n && lines == before.n && wlen > 0 && text[wlen - 1] == '\n',
             "sites.state written with %zu lines for %zu ids", lines, before.n);
    free(text);
}

static void check_redirection(sslb_server *s, const char *buf, size_t len)
{
    char dir[PATH_MAX], *want = NULL, *after = NULL;
    int on = sslb_server_shared_dir(s, dir, sizeof dir), oracle = buf ? redirection_oracle(buf, len, &want) : -1;
    struct files f;
    sslb_diag d;
    sslb_rc rc;

    if (on == 1) {
        FZ_CHECK(memchr(dir, '\0', sizeof dir) && dir[0] == '/', "shared directory '%.80s' not absolute", dir);
        FZ_CHECK(oracle == 1 && strcmp(dir, want) == 0,
                 "the server reports the shared directory '%.80s…' (%zu bytes), the file names '%.80s…' (%zu bytes)",
                 dir, strlen(dir), want ? want : "(none)", want ? strlen(want) : 0);
    }
    files_take(&f);
    rc = sslb_server_shared_disable(s, 0, NULL, NULL, &d);
    FZ_CHECK(on == 1 || rc != SSLB_OK || oracle != 1,
             "the file enables '%.80s', which the server neither reports nor refuses", want);
    if (rc != SSLB_OK) {
        check_refusal(rc, &d, "disable");
        FZ_CHECK(files_same(&f), "a refused disable changed a file: %s", d.text);
    } else if (on == 1) {
        size_t alen = 0;
        char *text = fz_slurp(paths[2], &alen);
        FZ_CHECK(text != NULL, "redirection.config gone after a disable");
        FZ_CHECK(redirection_oracle(text, alen, &after) == 0 && after && strcmp(after, dir) == 0,
                 "the disabled redirection.config names '%.80s', not '%.80s'", after ? after : "(none)", dir);
        FZ_CHECK(sslb_server_shared_dir(s, dir, sizeof dir) == 0, "still shared after a disable");
        free(text);
    } else {
        FZ_CHECK(files_same(&f), "a disable of a server not shared changed a file");
    }
    files_free(&f);
    free(want);
    free(after);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *part[NPARTS] = {NULL};
    size_t partlen[NPARTS] = {0};
    sslb_server *s = NULL;
    struct files f;
    sslb_diag d;
    sslb_rc rc;

    for (size_t i = 0, start = 0; i < NPARTS; i++) {
        const uint8_t *sep = NULL;
        for (size_t k = start; k + 1 < size; k++)
            if (data[k] == 0 && data[k + 1] == 0xff) {
                sep = data + k;
                break;
            }
        part[i] = data + start;
        partlen[i] = sep ? (size_t)(sep - part[i]) : size - start;
        if (!sep) break;
        start = (size_t)(sep - data) + 2;
    }
    fz_rmtree(work);
    if (mkdir(work, 0700) != 0) abort();
    for (int i = 0; i < NPARTS; i++)
        if (part[i] && (i > 0 || partlen[i] > 0) && fz_write(paths[i], part[i], partlen[i]) != 0) abort();
    if (!part[4] && fz_write(paths[4], APPHOST_TEXT, sizeof APPHOST_TEXT - 1) != 0) abort();

    files_take(&f);
    rc = sslb_server_open(work, &s, &d);
    if (rc != SSLB_OK) {
        check_refusal(rc, &d, "open");
        FZ_CHECK(files_same(&f), "a refused open changed a file");
        files_free(&f);
        return 0;
    }
    FZ_CHECK(files_same(&f), "an open changed a file");
    if (!check_journal(s, &f)) {
        files_free(&f); /* the journal settled: sites.state may be its states now */
        files_take(&f);
        check_redirection(s, f.data[2], f.len[2]);
        check_addresses(s, f.data[0], f.len[0]);
        check_states(s, f.data[1], f.len[1]);
    }
    files_free(&f);
    sslb_server_close(s);
    return 0;
}
