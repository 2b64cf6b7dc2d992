/* was.c — one server's view of the (maybe shared) sites, as WAS has it: the server's addresses
 * (DIR/addresses), which sites run here (DIR/sites.state), which bindings are live, foreign or
 * invalid, clashes between started sites, and where the configuration lives (redirection.config).
 * Nothing here writes the SSL table: WAS never creates SSL certificate bindings.
 */
#include "sslb/apphost.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

/* uthash: out of memory comes back (the element is not added, its hh.tbl is NULL), never exit() */
#define HASH_NONFATAL_OOM 1
#include <uthash.h>

#include "apphost_int.h"
#include "ascii_int.h"
#include "file_int.h"
#include "sha256_int.h"
#include "sslb/statedir.h"

/* What DIR/iis.lock guards, in its lock-timeout message. */
#define WAS_STATE "this server's IIS state (addresses, sites.state, redirection.config)"

struct state {
    uint32_t id;
    int started;
};

struct sslb_server {
    char dir[PATH_MAX];
    char addrpath[PATH_MAX + 16], statepath[PATH_MAX + 16], redirpath[PATH_MAX + 24], lockpath[PATH_MAX + 16];
    char nextpath[PATH_MAX + 24]; /* sites.state.next: a change's states until it is finished */
    sslb_addr *addrs;             /* the two loopback addresses first */
    size_t naddrs;
    struct state *st;
    size_t nst;
    int held;   /* DIR/iis.lock held across a change (sslb_was_hold), else -1 */
    size_t *ix; /* st by id: open addressing, ixcap (a power of two) slots of index + 1, 0 empty */
    size_t ixcap;
    struct view *view; /* for sslb_was_binding_status: allocated with the server, filled on demand */
    /* names_hold's last answer (0 or 1) and what it was asked about: the journal's bytes and the
     * configuration's text, by their hashes. The answer depends on nothing else, so the locked
     * load that follows a reader's (a command) takes it instead of parsing the whole
     * configuration again (review 25 F6: 200 MB, 0.75 -> 4.69 s). checks: parses made. */
    struct {
        char journal[2 * SSLB__SHA256_LEN + 1], text[2 * SSLB__SHA256_LEN + 1];
        int hold; /* -1: none yet */
        unsigned checks;
    } names;
};

/* The endpoint index and started[] of one configuration model, kept between calls of
 * sslb_was_binding_status (a report calls it for every binding: rebuilt per call, a report was
 * quadratic in the bindings). Dropped whenever this server's addresses or states change. */
struct view {
    struct ep *idx;
    char *started;
    uint64_t generation; /* sslb__apphost_generation of the model, 0: none */
};

static void view_drop(struct view *v);

/* ---- sites.state by id -------------------------------------------------------------------------- */

static size_t id_slot(const sslb_server *s, uint32_t id)
{
    size_t mask = s->ixcap - 1, i = ((size_t)id * 2654435761u) & mask;
    while (s->ix[i] && s->st[s->ix[i] - 1].id != id) i = (i + 1) & mask;
    return i;
}

/* Indexes st[k] (grows the index when half full): 0, 1 if its id is indexed already, -1 on ENOMEM. */
static int ix_add(sslb_server *s, size_t k)
{
    if (2 * (s->nst + 1) > s->ixcap) {
        size_t cap = s->ixcap ? 2 * s->ixcap : 64;
        while (2 * (s->nst + 1) > cap) cap *= 2;
        size_t *nix = calloc(cap, sizeof *nix);
        if (!nix) return -1;
        free(s->ix);
        s->ix = nix;
        s->ixcap = cap;
        for (size_t j = 0; j < k; j++) s->ix[id_slot(s, s->st[j].id)] = j + 1;
    }
    size_t i = id_slot(s, s->st[k].id);
    if (s->ix[i]) return 1;
    s->ix[i] = k + 1;
    return 0;
}

/* Indexes st[] anew (after entries were dropped): -1 on ENOMEM. */
static int ix_rebuild(sslb_server *s)
{
    size_t n = s->nst;
    if (s->ix) memset(s->ix, 0, s->ixcap * sizeof *s->ix);
    s->nst = 0;
    for (size_t k = 0; k < n; k++, s->nst++)
        if (ix_add(s, k) < 0) return -1;
    return 0;
}

/* ---- bindingInformation ----------------------------------------------------------------- */

sslb_rc sslb_bindinfo_parse(const char *info, sslb_bindinfo *out, sslb_diag *d)
{
    const char *hc = strrchr(info, ':'), *pc;
    char ip[64], port[16];
    size_t iplen;
    sslb_diag pd;

    memset(out, 0, sizeof *out);
    if (!hc || hc == info) return sslb_diagf(d, SSLB_EINVAL, "expected IP:port:host (the port is missing)");
    for (pc = hc - 1; pc > info && *pc != ':'; pc--) {
    }
    if (*pc != ':') return sslb_diagf(d, SSLB_EINVAL, "expected IP:port:host (the port is missing)");
    if ((size_t)(hc - pc - 1) >= sizeof port)
        return sslb_diagf(d, SSLB_EINVAL, "the port is not a number from 1 to 65535");
    snprintf(port, sizeof port, "%.*s", (int)(hc - pc - 1), pc + 1);
    if (sslb_port_parse(port, &out->port, &pd) != SSLB_OK)
        return sslb_diagf(d, SSLB_EINVAL, "the port '%s' is not a number from 1 to 65535", port);
    iplen = (size_t)(pc - info);
    if (iplen == 0 || (iplen == 1 && info[0] == '*')) {
        out->any_ip = 1;
    } else {
        if (iplen >= sizeof ip) return sslb_diagf(d, SSLB_EINVAL, "Invalid IP address.");
        snprintf(ip, sizeof ip, "%.*s", (int)iplen, info);
        if (ip[0] != '[' && strchr(ip, ':'))
            return sslb_diagf(d, SSLB_EINVAL, "Invalid IP address. (an IPv6 address must be in brackets: [%s])", ip);
        if (sslb_addr_parse(ip, &out->ip, &pd) != SSLB_OK)
            return sslb_diagf(d, SSLB_EINVAL, "Invalid IP address. ('%s': %s)", ip, pd.text);
    }
    if (hc[1]) {
        const char *h = hc + 1;
        size_t hl = strlen(h);
        int wild = hl > 2 && h[0] == '*' && h[1] == '.';
        if (hl > SSLB_HOST_MAX) /* "*." + a name must fit out->host too */
            return sslb_diagf(d, SSLB_EINVAL, "the host name '%.80s' is longer than %d characters", h, SSLB_HOST_MAX);
        if (sslb_host_parse(h + (wild ? 2 : 0), hl - (wild ? 2 : 0), out->host + (wild ? 2 : 0), &pd) != SSLB_OK)
            return sslb_diagf(d, SSLB_EINVAL, "the host name '%.80s' is not valid: %s", h, pd.text);
        if (wild) memcpy(out->host, "*.", 2);
    }
    return SSLB_OK;
}

/* ---- files of the server -------------------------------------------------------------------- */

static void forget(sslb_server *s)
{
    if (s->view) view_drop(s->view);
    free(s->addrs);
    free(s->st);
    free(s->ix);
    s->addrs = NULL;
    s->st = NULL;
    s->ix = NULL;
    s->naddrs = s->nst = s->ixcap = 0;
}

/* This server's own files, which every IIS command may rewrite (its WAS reconciliation rewrites
 * sites.state): a symbolic link at one is refused when they are read, before any command changes
 * anything, never replaced (a farm shares applicationHost.config through redirection.config; a
 * link shared by several servers would be silently forked by the next change). */
#define OWN_FILE_INSTEAD "each server keeps its own: make it a regular file"

/* The next line of buf[*pos..len) (sslb__read_all's: NUL at buf[len]), its LF and a CR before it
 * cut off, NUL-terminated in place; NULL at the end. *lineno counts every line, empty ones too,
 * so a message names the line an editor shows. -1 in *nul when the line holds a NUL byte: text
 * after it would be read as gone (and a rewrite would drop it), so the file is refused. */
static char *next_line(char *buf, size_t len, size_t *pos, size_t *lineno, int *nul)
{
    char *line = buf + *pos, *nl;
    size_t n;

    if (*pos >= len) return NULL;
    nl = memchr(line, '\n', len - *pos);
    n = nl ? (size_t)(nl - line) : len - *pos;
    *pos += n + (nl ? 1 : 0);
    (*lineno)++;
    *nul = memchr(line, '\0', n) ? -1 : 0;
    if (n && line[n - 1] == '\r') n--;
    line[n] = '\0';
    return line;
}

static int fill_addrs(FILE *f, void *ctx)
{
    const sslb_server *s = ctx;
    char text[64];
    for (size_t i = 2; i < s->naddrs; i++) fprintf(f, "%s\n", sslb_addr_format(&s->addrs[i], text, sizeof text));
    return ferror(f) ? -1 : 0;
}

static int fill_state(FILE *f, void *ctx)
{
    const sslb_server *s = ctx;
    for (size_t i = 0; i < s->nst; i++) fprintf(f, "%u %s\n", s->st[i].id, s->st[i].started ? "Started" : "Stopped");
    return ferror(f) ? -1 : 0;
}

/* path written durably by fill(f, ctx) (sslb__replace). */
static sslb_rc save(const char *path, int (*fill)(FILE *, void *), void *ctx, sslb_diag *d)
{
    if (sslb__replace(path, 0600, fill, ctx, NULL) != 0) /* a read-only state is denied access (5), as its lock */
        return sslb_diagf(d, sslb__denied_or(errno, SSLB_EWRITE), "%s: cannot write: %s", path, strerror(errno));
    return SSLB_OK;
}

/* The state lines of buf[pos..len) (path's, from line lineno + 1) into st[], which is empty. */
static sslb_rc parse_states(sslb_server *s, const char *path, char *buf, size_t len, size_t pos, size_t lineno,
                            sslb_diag *d)
{
    char *line;
    int nul = 0;

    while ((line = next_line(buf, len, &pos, &lineno, &nul))) {
        char word[16];
        unsigned long id;
        int used = 0;
        if (!*line && !nul) continue; /* an empty line (an editor's last one) */
        if (nul || sscanf(line, "%10lu %15s%n", &id, word, &used) != 2 || line[used] || id == 0 || id > UINT32_MAX ||
            (strcmp(word, "Started") != 0 && strcmp(word, "Stopped") != 0))
            return sslb_diagf(d, SSLB_ECORRUPT, "%s:%zu: expected '<site id> Started|Stopped'", path, lineno);
        struct state *ns = realloc(s->st, (s->nst + 1) * sizeof *ns);
        if (!ns) return SSLB_ENOMEM;
        s->st = ns;
        s->st[s->nst] = (struct state){(uint32_t)id, word[2] == 'a'};
        int dup = ix_add(s, s->nst);
        if (dup < 0) return SSLB_ENOMEM;
        if (dup) /* sslbind never writes an id twice: which line would be right is anyone's guess */
            return sslb_diagf(d, SSLB_ECORRUPT, "%s:%zu: site %lu is listed twice; keep one line", path, lineno, id);
        s->nst++;
    }
    return SSLB_OK;
}

/* A change of a file that moves site states (a switch of configuration: redirection.config; an
 * edit that renumbers sites: applicationHost.config) first writes the states to come, by the
 * ids of the file as changed, to sites.state.next: a line "after FILE HASH" (the SHA-256 of the
 * text FILE is about to hold), for an edit the lines "site ID NAME" of the sites it renumbers
 * (below), the state lines, a line "end"; then FILE, then sites.state; then it removes
 * sites.state.next. Killed in between, the change was made when FILE holds that text, or, as
 * another server of a farm may edit the shared file before this one's next command, when every
 * site the journal names is at its id under its name in FILE as it is now: the states of
 * sites.state.next are then the ones, else sites.state's. The next load under the lock finishes
 * the change (sites.state written, the file removed) or drops it. */
enum next_file { NEXT_REDIRECTION, NEXT_CONFIG };
static const char *const next_name[] = {"redirection.config", "applicationHost.config"};

/* The path of the file sites.state.next waits for: redirection.config, or the configuration it
 * names (this server's own when none). 1 for a farm's shared configuration, else 0; -1 when
 * redirection.config cannot be read (d says why). */
static int next_target(const sslb_server *s, enum next_file which, char *path, size_t n, sslb_diag *d)
{
    int r;

    if (which == NEXT_REDIRECTION) {
        snprintf(path, n, "%s", s->redirpath);
        return 0;
    }
    return (r = sslb__config_path(s->dir, 0, path, n, d)) < 0 ? -1 : r;
}

static void hash_hex(const void *text, size_t n, char hex[2 * SSLB__SHA256_LEN + 1])
{
    uint8_t h[SSLB__SHA256_LEN];
    sslb__sha256(text, n, h);
    for (size_t i = 0; i < sizeof h; i++) snprintf(hex + 2 * i, 3, "%02x", h[i]);
}

/* A name record of sites.state.next, line[0, n) without its LF: "site ID NAME", ID a site id
 * (decimal, no leading zero), then the rest of the line is the name, spaces and all. 0 and *id,
 * *name (line's bytes, *nlen of them); 1, not of that form. */
static int record_split(const char *line, size_t n, uint32_t *id, const char **name, size_t *nlen)
{
    uint64_t v = 0;
    size_t i = 5;

    if (n < 5 || memcmp(line, "site ", 5) != 0 || i >= n || line[i] < '1' || line[i] > '9') return 1;
    for (; i < n && line[i] >= '0' && line[i] <= '9'; i++)
        if ((v = v * 10 + (uint64_t)(line[i] - '0')) > UINT32_MAX) return 1;
    if (i + 1 >= n || line[i] != ' ' || memchr(line + i + 1, '\0', n - i - 1)) return 1;
    *id = (uint32_t)v;
    *name = line + i + 1;
    *nlen = n - i - 1;
    return 0;
}

/* record_split, and the name one sslb_site_name_check allows (so it holds no LF and no control
 * character): what next_made checks of each record before any is used. 0; 1, a damaged record;
 * -1 out of memory. */
static int record_parse(const char *line, size_t n, uint32_t *id, const char **name, size_t *nlen)
{
    char *copy;
    int bad;

    if (record_split(line, n, id, name, nlen)) return 1;
    if (!(copy = malloc(*nlen + 1))) return -1;
    memcpy(copy, *name, *nlen);
    copy[*nlen] = '\0';
    bad = sslb_site_name_check(copy, NULL) != SSLB_OK;
    free(copy);
    return bad;
}

/* Whether every name record of recs[0, n) (whole lines, each checked by record_parse) holds in
 * text (malloc'd, NUL-terminated, taken: it becomes the parsed handle's), path's content as read
 * (other than the journal's): it has a site at the record's id
 * under exactly its name. 1, or 0 (none when n is 0); -1 when the text does not read as a
 * configuration (damaged: whether the change was made cannot be told until it is corrected, and
 * a change made, dropped, would give its sites the states of the ids they had, review 25 F2) or
 * out of memory, d says why. The text is read without the configuration's lock, which this
 * process may hold already (an edit's settle runs under it, and a lock of another open file
 * would wait for it): the file is replaced by rename, so text is one version of it. */
static int names_hold(const char *path, char *text, size_t tlen, const char *recs, size_t n, sslb_diag *d)
{
    sslb_apphost *ah;
    sslb_diag why = {{0}};
    sslb_rc rc = sslb__apphost_from_text(path, text, tlen, &ah, &why);
    int hold = n > 0;

    if (rc == SSLB_ENOMEM) {
        sslb_diagf(d, SSLB_ENOMEM, "%s: out of memory reading it", path);
        return -1;
    }
    if (rc != SSLB_OK) {
        sslb_diagf(d, SSLB_ECORRUPT, "%s: %s", path, why.text);
        return -1;
    }
    for (const char *p = recs, *nl; hold && p < recs + n; p = nl + 1) {
        const char *name;
        size_t nlen;
        uint32_t id;
        nl = memchr(p, '\n', (size_t)(recs + n - p));
        if (record_split(p, (size_t)(nl - p), &id, &name, &nlen)) { /* never: next_made parsed them */
            hold = 0;
            break;
        }
        long k = sslb_apphost_find_id(ah, id);
        const sslb_site *st = k >= 0 ? sslb_apphost_site(ah, (size_t)k) : NULL;
        hold = st && strlen(st->name) == nlen && memcmp(st->name, name, nlen) == 0;
    }
    sslb_apphost_close(ah);
    return hold;
}

/* Where sites.state.next's state lines are: buf[pos, end), from line lineno + 1. */
struct journal {
    size_t pos, end, lineno;
};

/* 1 when buf (sites.state.next, len bytes) is whole and its change was made: its file holds the
 * text it names, or (an edit's journal with name records) every site it names is at its id
 * under its name in the file as it is now; j says where its state lines are. 0: the change was
 * not made (or the journal is not whole, which a kill cannot leave, as it is written by rename,
 * but a hand can; or this server's own file is not there, which a change made never leaves).
 * -1 when that file cannot be read, or, for applicationHost.config, found (redirection.config
 * damaged, a farm's file not there) or read as a configuration (damaged, and not the text the
 * journal names): whether the change was made cannot be told (d says why), and dropping a
 * change made would give its sites the states of the ids they had. Whole is exactly what write_next writes, its
 * first line "after NAME HASH", then "site ID NAME" lines (applicationHost.config's only, each
 * as record_parse reads it), its last "end": a file only like it (other spaces, "end" glued to
 * a state line, a damaged name record) is a damaged one, not a change to finish. Readers and the
 * locked finisher decide here alike. */
static int next_made(sslb_server *s, const char *buf, size_t len, struct journal *j, sslb_diag *d)
{
    static const char after[] = "after ";
    char want[2 * SSLB__SHA256_LEN + 1], got[sizeof want], path[PATH_MAX + 64], *text;
    const char *nl = memchr(buf, '\n', len), *name = buf + sizeof after - 1, *sp;
    size_t tlen, head, p, nrec = 0;
    int which = -1, made, shared;

    if (!nl || nl < name || memcmp(buf, after, sizeof after - 1) != 0 ||
        !(sp = memchr(name, ' ', (size_t)(nl - name))) || (size_t)(nl - sp - 1) != sizeof want - 1)
        return 0;
    for (int i = 0; i < 2; i++)
        if ((size_t)(sp - name) == strlen(next_name[i]) && memcmp(name, next_name[i], (size_t)(sp - name)) == 0)
            which = i;
    memcpy(want, sp + 1, sizeof want - 1);
    want[sizeof want - 1] = '\0';
    head = (size_t)(nl - buf) + 1;
    if (which < 0 || strspn(want, "0123456789abcdef") != sizeof want - 1 || len < head + 4 ||
        memcmp(buf + len - 4, "end\n", 4) != 0 || (len - 4 > head && buf[len - 5] != '\n'))
        return 0;
    /* the name records: each line before "end" that begins "site" (no state line does) */
    for (p = head; p < len - 4 && len - 4 - p >= 4 && memcmp(buf + p, "site", 4) == 0; nrec++) {
        const char *rn, *e = memchr(buf + p, '\n', len - 4 - p); /* found: buf[len - 5] is an LF */
        size_t rl;
        uint32_t id;
        int r = which == NEXT_CONFIG ? record_parse(buf + p, (size_t)(e - buf) - p, &id, &rn, &rl) : 1;
        if (r < 0) {
            sslb_diagf(d, SSLB_ENOMEM, "out of memory");
            return -1;
        }
        if (r) return 0;
        p = (size_t)(e - buf) + 1;
    }
    if ((shared = next_target(s, (enum next_file)which, path, sizeof path, d)) < 0) return -1;
    if (sslb__read_all(path, &text, &tlen, NULL) != 0) {
        /* a farm's file not there (its share moved or not mounted) may come back holding the
         * change: only this server's own files are never left missing by a change made */
        if (errno == ENOENT && !shared) return 0;
        sslb_diagf(d, SSLB_EREAD, "%s: %s", path, sslb__read_why(errno));
        return -1;
    }
    hash_hex(text, tlen, got);
    made = strcmp(got, want) == 0;
    if (!made && which == NEXT_CONFIG) {
        char jh[sizeof want];
        hash_hex(buf, len, jh);
        if (s->names.hold >= 0 && strcmp(jh, s->names.journal) == 0 && strcmp(got, s->names.text) == 0) {
            made = s->names.hold;
            free(text);
        } else {
            s->names.checks++;
            if ((made = names_hold(path, text, tlen, buf + head, p - head, d)) >= 0) { /* text taken */
                memcpy(s->names.journal, jh, sizeof jh);
                memcpy(s->names.text, got, sizeof got);
                s->names.hold = made;
            }
        }
    } else {
        free(text);
    }
    *j = (struct journal){p, len - 4, 1 + nrec};
    return made;
}

/* The states in st[] (a change's) written to sites.state, then sites.state.next removed (a kill
 * before that leaves the file, which the next load finishes again: the same states). */
static sslb_rc finish_next(sslb_server *s, sslb_diag *d)
{
    sslb_rc rc = save(s->statepath, fill_state, s, d);
    if (rc != SSLB_OK) return rc;
    if (unlink(s->nextpath) != 0)
        return sslb_diagf(d, SSLB_EWRITE, "%s: cannot remove: %s", s->nextpath, strerror(errno));
    sslb__fsync_dir(s->dir);
    return SSLB_OK;
}

/* sites.state, or the states of a change made but not finished (sites.state.next); locked, the
 * change is finished, or dropped when it was not made. */
static sslb_rc load_states(sslb_server *s, int locked, sslb_diag *d)
{
    char *buf = NULL;
    size_t len;
    sslb_rc rc = SSLB_OK;

    if (sslb__read_all(s->nextpath, &buf, &len, NULL) == 0) {
        sslb_diag why = {{0}};
        struct journal j = {0, 0, 0};
        int made = next_made(s, buf, len, &j, &why);
        if (made > 0) rc = parse_states(s, s->nextpath, buf, j.end, j.pos, j.lineno, d);
        free(buf);
        if (made < 0) /* redirection.config damaged, applicationHost.config unreadable: told, kept */
            return sslb_diagf(d, SSLB_ECORRUPT,
                              "%s: cannot tell whether its change was made: %s (once that file is corrected or "
                              "back, the next command decides; removing sites.state.next drops the change)",
                              s->nextpath, why.text);
        if (made) return locked && rc == SSLB_OK ? finish_next(s, d) : rc;
        if (locked && unlink(s->nextpath) != 0)
            return sslb_diagf(d, SSLB_EWRITE, "%s: cannot remove the states of a change that was not made: %s",
                              s->nextpath, strerror(errno));
    } else if (errno != ENOENT) {
        return sslb_diagf(d, SSLB_EREAD, "%s: %s", s->nextpath, sslb__read_why(errno));
    }
    if (sslb__read_all(s->statepath, &buf, &len, NULL) != 0)
        return errno == ENOENT ? SSLB_OK : sslb_diagf(d, SSLB_EREAD, "%s: %s", s->statepath, sslb__read_why(errno));
    rc = parse_states(s, s->statepath, buf, len, 0, 0, d);
    free(buf);
    return rc;
}

/* Reads addresses and sites.state (missing files: defaults), or the states of a change not yet
 * finished (load_states). locked: under DIR/iis.lock, which lets it finish or drop that change. */
static sslb_rc load(sslb_server *s, int locked, sslb_diag *d)
{
    char *buf = NULL, *line;
    size_t len, lineno = 0, pos = 0;
    int nul = 0;
    sslb_rc rc;

    forget(s);
    if ((rc = sslb__refuse_link(s->addrpath, SSLB_EREAD, OWN_FILE_INSTEAD, d)) != SSLB_OK ||
        (rc = sslb__refuse_link(s->statepath, SSLB_EREAD, OWN_FILE_INSTEAD, d)) != SSLB_OK ||
        (rc = sslb__refuse_link(s->nextpath, SSLB_EREAD, OWN_FILE_INSTEAD, d)) != SSLB_OK)
        return rc;
    if (!(s->addrs = calloc(2, sizeof *s->addrs))) return SSLB_ENOMEM;
    sslb_addr_parse("127.0.0.1", &s->addrs[0], NULL);
    sslb_addr_parse("::1", &s->addrs[1], NULL);
    s->naddrs = 2;
    if (sslb__read_all(s->addrpath, &buf, &len, NULL) == 0) {
        while ((line = next_line(buf, len, &pos, &lineno, &nul))) {
            sslb_addr a;
            sslb_diag pd;
            if (nul) {
                free(buf);
                return sslb_diagf(d, SSLB_ECORRUPT, "%s:%zu: the line holds a NUL byte", s->addrpath, lineno);
            }
            if (!*line || *line == '#') continue;
            if (sslb_addr_parse(line, &a, &pd) != SSLB_OK) {
                free(buf);
                return sslb_diagf(d, SSLB_ECORRUPT, "%s:%zu: %s", s->addrpath, lineno, pd.text);
            }
            if (sslb_server_owns(s, &a)) continue;
            sslb_addr *na = realloc(s->addrs, (s->naddrs + 1) * sizeof *na);
            if (!na) {
                free(buf);
                return SSLB_ENOMEM;
            }
            s->addrs = na;
            s->addrs[s->naddrs++] = a;
        }
        free(buf);
    } else if (errno != ENOENT) {
        return sslb_diagf(d, SSLB_EREAD, "%s: %s", s->addrpath, sslb__read_why(errno));
    }
    return load_states(s, locked, d);
}

/* DIR/iis.lock in *fd: a new hold of it, or, while sslb_was_hold holds it, a duplicate of that
 * descriptor (closing it keeps the lock: flock belongs to the open file, which the hold keeps). */
static sslb_rc take_lock(sslb_server *s, int wait, int *fd, sslb_diag *d)
{
    if (s->held >= 0) {
        if ((*fd = fcntl(s->held, F_DUPFD_CLOEXEC, 0)) < 0)
            return sslb_diagf(d, SSLB_EWRITE, "%s: %s", s->lockpath, strerror(errno));
        return SSLB_OK;
    }
    /* without the wait, only a holder is SSLB_ELOCKED: a lock file that cannot be used (a link, a
     * directory) is another failure, which the catch-up must not take for a writer at work (nor,
     * being SSLB_EWRITE, for a state it may not write: SSLB_EACCESS) */
    return wait ? sslb__lock(s->lockpath, WAS_STATE, SSLB_EWRITE, fd, d)
                : sslb__lock_now(s->lockpath, WAS_STATE, SSLB_EWRITE, fd, d);
}

/* Runs a change of the server's files under its lock, on freshly read contents. */
static int lock_and_load_now(sslb_server *s, int wait, sslb_rc *rc, sslb_diag *d)
{
    int fd;

    if ((*rc = take_lock(s, wait, &fd, d)) != SSLB_OK) return -1;
    /* redirection.config and sites.state.next are written only by a change that moves states: one
     * killed while writing them would leave their temporary files until the next such change */
    sslb__sweep_temporaries(s->redirpath);
    sslb__sweep_temporaries(s->nextpath);
    if ((*rc = load(s, 1, d)) != SSLB_OK) {
        close(fd);
        return -1;
    }
    return fd;
}

static int lock_and_load(sslb_server *s, sslb_rc *rc, sslb_diag *d)
{
    return lock_and_load_now(s, 1, rc, d);
}

sslb_rc sslb_server_open(const char *state_dir, sslb_server **out, sslb_diag *d)
{
    sslb_server *s;
    sslb_rc rc;

    *out = NULL;
    if (strlen(state_dir) >= PATH_MAX) return sslb_diagf(d, SSLB_EINVAL, "state directory path is too long");
    if ((rc = sslb_state_dir_check(state_dir, d)) != SSLB_OK) return rc;
    if (!(s = calloc(1, sizeof *s)) || !(s->view = calloc(1, sizeof *s->view))) {
        free(s);
        return SSLB_ENOMEM;
    }
    s->held = -1;
    s->names.hold = -1;
    snprintf(s->dir, sizeof s->dir, "%s", state_dir);
    snprintf(s->addrpath, sizeof s->addrpath, "%s/addresses", state_dir);
    snprintf(s->statepath, sizeof s->statepath, "%s/sites.state", state_dir);
    snprintf(s->redirpath, sizeof s->redirpath, "%s/redirection.config", state_dir);
    snprintf(s->nextpath, sizeof s->nextpath, "%s/sites.state.next", state_dir);
    snprintf(s->lockpath, sizeof s->lockpath, "%s/iis.lock", state_dir);
    if ((rc = load(s, 0, d)) != SSLB_OK) {
        sslb_server_close(s);
        return rc;
    }
    *out = s;
    return SSLB_OK;
}

unsigned sslb__server_name_checks(const sslb_server *s)
{
    return s->names.checks;
}

sslb_rc sslb_was_hold(sslb_server *s, sslb_diag *d)
{
    if (s->held >= 0) return SSLB_OK;
    return sslb__lock(s->lockpath, WAS_STATE, SSLB_EWRITE, &s->held, d);
}

void sslb_was_release(sslb_server *s)
{
    if (s->held < 0) return;
    close(s->held);
    s->held = -1;
}

void sslb_server_close(sslb_server *s)
{
    if (!s) return;
    sslb_was_release(s);
    forget(s);
    free(s->view);
    free(s);
}

size_t sslb_server_address_count(const sslb_server *s)
{
    return s->naddrs;
}

const sslb_addr *sslb_server_address(const sslb_server *s, size_t i)
{
    return i < s->naddrs ? &s->addrs[i] : NULL;
}

int sslb_server_owns(const sslb_server *s, const sslb_addr *a)
{
    for (size_t i = 0; i < s->naddrs; i++)
        if (s->addrs[i].family == a->family && memcmp(s->addrs[i].bytes, a->bytes, 16) == 0) return 1;
    return 0;
}

sslb_rc sslb_server_address_add(sslb_server *s, const sslb_addr *a, sslb_diag *d)
{
    char text[64];
    sslb_rc rc;
    int fd;

    if (sslb_addr_is_wildcard(a))
        return sslb_diagf(d, SSLB_EINVAL, "%s is a wildcard, not an address of a network interface",
                          sslb_addr_format(a, text, sizeof text));
    if ((fd = lock_and_load(s, &rc, d)) < 0) return rc;
    if (sslb_server_owns(s, a)) {
        rc = sslb_diagf(d, SSLB_EEXISTS, "%s is already one of this server's addresses",
                        sslb_addr_format(a, text, sizeof text));
    } else {
        sslb_addr *na = realloc(s->addrs, (s->naddrs + 1) * sizeof *na);
        if (!na) {
            rc = SSLB_ENOMEM;
        } else {
            s->addrs = na;
            s->addrs[s->naddrs++] = *a;
            view_drop(s->view);
            rc = save(s->addrpath, fill_addrs, s, d);
        }
    }
    if (rc != SSLB_OK) load(s, 1, NULL);
    close(fd);
    return rc;
}

sslb_rc sslb_server_address_delete(sslb_server *s, const sslb_addr *a, sslb_diag *d)
{
    char text[64];
    sslb_rc rc;
    int fd;

    if ((fd = lock_and_load(s, &rc, d)) < 0) return rc;
    rc = sslb_diagf(d, SSLB_ENOTFOUND, "%s is not one of this server's addresses",
                    sslb_addr_format(a, text, sizeof text));
    for (size_t i = 0; i < s->naddrs; i++) {
        if (s->addrs[i].family != a->family || memcmp(s->addrs[i].bytes, a->bytes, 16) != 0) continue;
        if (i < 2) {
            rc = sslb_diagf(d, SSLB_EINVAL, "%s (loopback) is always this server's", text);
            break;
        }
        memmove(&s->addrs[i], &s->addrs[i + 1], (s->naddrs - i - 1) * sizeof *s->addrs);
        s->naddrs--;
        view_drop(s->view);
        rc = save(s->addrpath, fill_addrs, s, d);
        break;
    }
    if (rc != SSLB_OK) load(s, 1, NULL);
    close(fd);
    return rc;
}

/* ---- shared configuration: redirection.config ------------------------------------------------ */

int sslb__redirection(const char *state_dir, char *out, size_t n, sslb_diag *d)
{
    char path[PATH_MAX + 24], *buf;
    size_t len;
    xmlDocPtr doc;
    xmlNodePtr root, c;
    int r = 0;

    snprintf(path, sizeof path, "%s/redirection.config", state_dir);
    if (sslb__read_all(path, &buf, &len, NULL) != 0) {
        if (errno == ENOENT) return 0;
        sslb_diagf(d, SSLB_EREAD, "%s: %s", path, sslb__read_why(errno));
        return -1;
    }
    long line;
    char why[160];
    if (sslb__xml_prolog_check(buf, len, &line, why, sizeof why) != 0) {
        free(buf);
        sslb_diagf(d, SSLB_ECORRUPT, "%s:%ld: not a redirection.config: %s", path, line, why);
        return -1;
    }
    doc = len <= INT_MAX
              ? xmlReadMemory(buf, (int)len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
              : NULL;
    free(buf);
    if (!doc || doc->intSubset || doc->extSubset || !(root = xmlDocGetRootElement(doc)) ||
        xmlStrcmp(root->name, (const xmlChar *)"configuration") != 0) {
        if (doc) xmlFreeDoc(doc);
        sslb_diagf(d, SSLB_ECORRUPT, "%s: not a redirection.config (well-formed XML under <configuration>)", path);
        return -1;
    }
    for (c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, (const xmlChar *)"configurationRedirection") != 0)
            continue;
        xmlChar *en = xmlGetProp(c, (const xmlChar *)"enabled"), *p = xmlGetProp(c, (const xmlChar *)"path");
        int on = 0;
        if (en && sslb__bool_parse((const char *)en, &on) != 0) on = -1;
        if (on == 1 && p && p[0] == '/') {
            size_t l = strlen((const char *)p);
            while (l > 1 && p[l - 1] == '/') l--; /* "farm/" names the directory farm */
            if (l < n) {
                snprintf(out, n, "%.*s", (int)l, (const char *)p);
                r = 1;
            } else { /* cut short, it would name another directory (and a disable would write that) */
                sslb_diagf(d, SSLB_ECORRUPT,
                           "%s: configurationRedirection's path is %zu bytes long, more than a path can be (%zu): "
                           "nothing read or changed; correct the path in the file",
                           path, l, n - 1);
                r = -1;
            }
        } else if (on == 1 || on < 0) {
            sslb_diagf(d, SSLB_ECORRUPT,
                       "%s: configurationRedirection needs enabled=\"true|false\" and an absolute path", path);
            r = -1;
        }
        xmlFree(en);
        xmlFree(p);
        break;
    }
    xmlFreeDoc(doc);
    return r;
}

struct redir {
    const char *path;
    int enabled;
};

/* redirection.config is read through a link (as applicationHost.config is), but never replaced:
 * servers linked to one redirection.config would all leave (or join) the farm with this one. */
#define REDIRECTION_INSTEAD "redirection.config is each server's own: make it a regular file"

static int fill_redirection(FILE *f, void *ctx)
{
    const struct redir *r = ctx;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n    <configSections>\n"
          "        <section name=\"configurationRedirection\" />\n    </configSections>\n"
          "    <configurationRedirection enabled=\"",
          f);
    fputs(r->enabled ? "true" : "false", f);
    fputs("\" path=\"", f);
    for (const char *p = r->path; *p; p++) {
        if (*p == '&') fputs("&amp;", f);
        else if (*p == '<') fputs("&lt;", f);
        else if (*p == '>') fputs("&gt;", f);
        else if (*p == '"') fputs("&quot;", f);
        else fputc(*p, f);
    }
    fputs("\" />\n</configuration>\n", f);
    return ferror(f) ? -1 : 0;
}

static sslb_rc move_states(sslb_server *s, size_t n, const uint32_t *from, const uint32_t *to, int *moved);

/* sites.state.next's content: the line naming the file and its text's hash, an edit's name
 * records (when ah), the states, "end". */
struct next {
    sslb_server *s;
    enum next_file which;
    char hex[2 * SSLB__SHA256_LEN + 1];
    const sslb_apphost *ah; /* the edited configuration, whose renumbered sites are named; or NULL */
    size_t n;
    const uint32_t *from, *to;
};

/* Whether a move of an edit renumbers a site (not an added or a deleted one, not a stay): the
 * moves whose sites a journal names. */
static int renumbers(uint32_t from, uint32_t to)
{
    return from && to && from != to;
}

/* Whether an edit's journal can name the sites it renumbers (from[i] and to[i] both set and
 * different) as "site TO NAME" lines, which next_made takes as made when they all hold in the
 * file as it is: 1 when there is one at least and, for each, its site is in ah (the edited
 * configuration) at TO with a name a line can hold, and TO was no moved site's id before the
 * edit (no from[j] is TO). Then no site held TO before the edit (one that did and stayed would
 * hold it still; one that moved away or went is some from[j]), so "NAME at TO" cannot hold in
 * the text before it, whatever else another server edits after. Else 0: hash only (an id handed
 * from one site to another, as in a swap, could hold the same name at the same id before). */
static int names_sound(const sslb_apphost *ah, size_t n, const uint32_t *from, const uint32_t *to)
{
    size_t renumbered = 0;

    for (size_t i = 0; i < n; i++) {
        if (!renumbers(from[i], to[i])) continue;
        for (size_t j = 0; j < n; j++)
            if (from[j] == to[i]) return 0;
        long k = sslb_apphost_find_id(ah, to[i]);
        if (k < 0 || sslb_site_name_check(sslb_apphost_site(ah, (size_t)k)->name, NULL) != SSLB_OK) return 0;
        renumbered++;
    }
    return renumbered > 0;
}

static int fill_next(FILE *f, void *ctx)
{
    const struct next *x = ctx;
    fprintf(f, "after %s %s\n", next_name[x->which], x->hex);
    for (size_t i = 0; x->ah && i < x->n; i++)
        if (renumbers(x->from[i], x->to[i]))
            fprintf(f, "site %u %s\n", x->to[i],
                    sslb_apphost_site(x->ah, (size_t)sslb_apphost_find_id(x->ah, x->to[i]))->name);
    if (fill_state(f, x->s) != 0) return -1;
    fputs("end\n", f);
    return ferror(f) ? -1 : 0;
}

/* sites.state.next for a change of which that leaves it holding text (n bytes): the states in
 * st[], durable before the change is written (load_states says how a kill is recovered); for an
 * edit (ah, the configuration as edited, with its moves), the names of its renumbered sites when
 * names_sound. */
static sslb_rc write_next(sslb_server *s, enum next_file which, const char *text, size_t n, const sslb_apphost *ah,
                          size_t nmoves, const uint32_t *from, const uint32_t *to, sslb_diag *d)
{
    struct next x = {s, which, {0}, NULL, nmoves, from, to};
    if (ah && names_sound(ah, nmoves, from, to)) x.ah = ah;
    hash_hex(text, n, x.hex);
    return save(s->nextpath, fill_next, &x, d);
}

/* Writes redirection.config as r says and moves the site states (sslb_was_follow's from/to) as
 * one change, under the lock: states are never left by the ids of the configuration this
 * server no longer reads. */
static sslb_rc shared_switch(sslb_server *s, struct redir *r, size_t n, const uint32_t *from, const uint32_t *to,
                             sslb_diag *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m;
    int fd, moved = 0, bad;
    sslb_rc rc;

    if ((fd = lock_and_load(s, &rc, d)) < 0) return rc;
    if ((rc = sslb__refuse_link(s->redirpath, SSLB_EWRITE, REDIRECTION_INSTEAD, d)) != SSLB_OK ||
        (rc = move_states(s, n, from, to, &moved)) != SSLB_OK)
        goto out;
    if (!(m = open_memstream(&text, &len))) {
        rc = SSLB_ENOMEM;
        goto out;
    }
    bad = fill_redirection(m, r);
    if (fclose(m) != 0 || bad) {
        rc = SSLB_ENOMEM;
        goto out;
    }
    if (moved && (rc = write_next(s, NEXT_REDIRECTION, text, len, NULL, 0, NULL, NULL, d)) != SSLB_OK) goto out;
    if (sslb__replace(s->redirpath, 0600, sslb__fill_bytes, &(struct sslb__bytes){text, len}, NULL) != 0) {
        rc = sslb_diagf(d, SSLB_EWRITE, "%s: cannot write: %s", s->redirpath, strerror(errno));
        if (moved) unlink(s->nextpath);
        goto out;
    }
    /* the switch is made: a failure here leaves sites.state.next, which the next command of this
     * server finishes (load_states) */
    if (moved) finish_next(s, NULL);
out:
    if (rc != SSLB_OK) load(s, 1, NULL);
    free(text);
    close(fd);
    return rc;
}

sslb_rc sslb_server_shared_enable(sslb_server *s, const char *dir, size_t n, const uint32_t *from, const uint32_t *to,
                                  sslb_diag *d)
{
    char cfg[PATH_MAX + 32];

    if (dir[0] != '/') return sslb_diagf(d, SSLB_EINVAL, "the shared directory must be an absolute path");
    snprintf(cfg, sizeof cfg, "%s/applicationHost.config", dir);
    if (access(cfg, R_OK) != 0)
        return sslb_diagf(d, SSLB_ENOTFOUND, "%s does not exist: export a configuration there first", cfg);
    return shared_switch(s, &(struct redir){dir, 1}, n, from, to, d);
}

sslb_rc sslb_server_shared_disable(sslb_server *s, size_t n, const uint32_t *from, const uint32_t *to, sslb_diag *d)
{
    char dir[PATH_MAX];
    int on;

    if ((on = sslb__redirection(s->dir, dir, sizeof dir, d)) < 0) return SSLB_ECORRUPT;
    if (on == 0) return SSLB_OK;
    return shared_switch(s, &(struct redir){dir, 0}, n, from, to, d);
}

int sslb_server_config_path(const sslb_server *s, char *path, size_t n)
{
    int r = sslb__config_path(s->dir, 0, path, n, NULL);
    if (r < 0 && n) path[0] = '\0';
    return r < 0 ? -1 : r;
}

int sslb_server_shared_dir(const sslb_server *s, char *dir, size_t n)
{
    int r = sslb__redirection(s->dir, dir, n, NULL); /* 1, 0 or -1, as this function's */
    if (r != 1 && n) dir[0] = '\0';
    return r;
}

/* ---- site state and bindings ------------------------------------------------------------------ */

static struct state *state_of(const sslb_server *s, uint32_t id)
{
    if (!s->ixcap) return NULL;
    size_t i = s->ix[id_slot(s, id)];
    return i ? &s->st[i - 1] : NULL;
}

int sslb_was_started(const sslb_server *s, uint32_t id)
{
    const struct state *st = state_of(s, id);
    return st && st->started;
}

static int is_web(const char *protocol)
{
    return sslb__casecmp(protocol, "http") == 0 || sslb__casecmp(protocol, "https") == 0;
}

/* Whether W3SVC knows site st: it has an http or https binding (live, foreign or invalid). A site
 * without one is not W3SVC's: IIS cannot start it, nor tell its state (MWA's Site.State throws
 * 0x800710D8 "The object identifier does not represent a valid object" for an FTP-only site until
 * an http binding is added), so this server keeps no sites.state line for it, and when it gets a
 * binding it is a new site, which serverAutoStart starts. */
static int w3svc_knows(const sslb_site *st)
{
    for (size_t k = 0; k < st->nbindings; k++)
        if (is_web(st->bindings[k].protocol)) return 1;
    return 0;
}

/* Why site st cannot be started or stopped: W3SVC does not know it (SSLB_ENOTFOUND). */
static sslb_rc not_w3svcs(const sslb_site *st, sslb_diag *d)
{
    return sslb_diagf(d, SSLB_ENOTFOUND,
                      "site %u has no http or https binding, so W3SVC does not know it (add one with "
                      "/+bindings.[protocol='http',bindingInformation='*:80:'])",
                      st->id);
}

/* Liveness without clashes. */
static void classify(const sslb_server *s, const sslb_sitebinding *b, sslb_bstatus *out)
{
    sslb_diag d;

    memset(out, 0, sizeof *out);
    if (!is_web(b->protocol)) {
        out->live = SSLB_OTHER;
        return;
    }
    if (sslb_bindinfo_parse(b->info, &out->bi, &d) != SSLB_OK) {
        out->live = SSLB_INVALID;
        snprintf(out->why, sizeof out->why, "%s", d.text);
        return;
    }
    out->live = out->bi.any_ip || sslb_server_owns(s, &out->bi.ip) ? SSLB_LIVE : SSLB_FOREIGN;
}

static int same_endpoint(const sslb_bindinfo *a, const sslb_bindinfo *b)
{
    if (a->port != b->port || a->any_ip != b->any_ip || sslb__casecmp(a->host, b->host) != 0) return 0;
    return a->any_ip || (a->ip.family == b->ip.family && memcmp(a->ip.bytes, b->ip.bytes, 16) == 0);
}

/* The Started site (by the started[] view) other than `site` holding a live binding equal to bi. */
static uint32_t clash_with(const sslb_server *s, const sslb_apphost *ah, size_t site, const sslb_bindinfo *bi,
                           const char *started)
{
    for (size_t j = 0; j < sslb_apphost_count(ah); j++) {
        const sslb_site *o = sslb_apphost_site(ah, j);
        if (j == site || !started[j]) continue;
        for (size_t k = 0; k < o->nbindings; k++) {
            sslb_bstatus ob;
            classify(s, &o->bindings[k], &ob);
            if (ob.live == SSLB_LIVE && same_endpoint(&ob.bi, bi)) return o->id;
        }
    }
    return 0;
}

/* The live web bindings of every site by endpoint (IP or any, port, host lower-cased: what
 * same_endpoint compares): a clash check looks its endpoint up instead of parsing every binding
 * of every other site, so reconciliation is linear in the bindings, not quadratic. */
struct ep {
    UT_hash_handle hh;
    size_t *sites; /* the sites holding a binding on this endpoint: ascending, each once */
    size_t n, cap;
    size_t keylen;
    char key[];
};

#define EP_KEY_MAX (2 + 16 + 2 + SSLB_HOST_MAX)

static size_t ep_key(const sslb_bindinfo *bi, char *key)
{
    size_t n = 0;
    key[n++] = (char)(bi->any_ip != 0);
    if (!bi->any_ip) {
        key[n++] = (char)bi->ip.family;
        memcpy(key + n, bi->ip.bytes, 16);
        n += 16;
    }
    key[n++] = (char)(bi->port >> 8);
    key[n++] = (char)(bi->port & 0xFF);
    for (const char *h = bi->host; *h && n < EP_KEY_MAX; h++) key[n++] = (char)sslb__lower((unsigned char)*h);
    return n;
}

static void ep_free(struct ep **idx)
{
    struct ep *e, *tmp;
    HASH_ITER(hh, *idx, e, tmp)
    {
        HASH_DEL(*idx, e);
        free(e->sites);
        free(e);
    }
}

static sslb_rc ep_build(const sslb_server *s, const sslb_apphost *ah, struct ep **idx)
{
    char key[EP_KEY_MAX];

    *idx = NULL;
    for (size_t i = 0; i < sslb_apphost_count(ah); i++) {
        const sslb_site *st = sslb_apphost_site(ah, i);
        for (size_t k = 0; k < st->nbindings; k++) {
            sslb_bstatus b;
            struct ep *e;
            classify(s, &st->bindings[k], &b);
            if (b.live != SSLB_LIVE) continue;
            size_t kl = ep_key(&b.bi, key);
            HASH_FIND(hh, *idx, key, kl, e);
            if (!e) {
                if (!(e = calloc(1, sizeof *e + kl))) goto oom;
                memcpy(e->key, key, kl);
                e->keylen = kl;
                HASH_ADD(hh, *idx, key[0], kl, e);
                if (!e->hh.tbl) {
                    free(e);
                    goto oom;
                }
            }
            if (e->n && e->sites[e->n - 1] == i) continue;
            if (e->n == e->cap) {
                size_t nc = e->cap ? 2 * e->cap : 2, *ns = realloc(e->sites, nc * sizeof *ns);
                if (!ns) goto oom;
                e->sites = ns;
                e->cap = nc;
            }
            e->sites[e->n++] = i;
        }
    }
    return SSLB_OK;
oom:
    ep_free(idx);
    return SSLB_ENOMEM;
}

/* clash_with through the index: the first Started site other than `site` on bi's endpoint. */
static uint32_t ep_clash(struct ep *idx, const sslb_apphost *ah, size_t site, const sslb_bindinfo *bi,
                         const char *started)
{
    char key[EP_KEY_MAX];
    size_t kl = ep_key(bi, key);
    struct ep *e;

    HASH_FIND(hh, idx, key, kl, e);
    for (size_t j = 0; e && j < e->n; j++)
        if (e->sites[j] != site && started[e->sites[j]]) return sslb_apphost_site(ah, e->sites[j])->id;
    return 0;
}

static void view_drop(struct view *v)
{
    if (!v) return;
    ep_free(&v->idx);
    free(v->started);
    v->started = NULL;
    v->generation = 0;
}

/* started[] as sites.state has it. NULL if out of memory. */
static char *started_view(const sslb_server *s, const sslb_apphost *ah)
{
    size_t n = sslb_apphost_count(ah);
    char *v = calloc(n + 1, 1);
    for (size_t i = 0; v && i < n; i++) v[i] = (char)sslb_was_started(s, sslb_apphost_site(ah, i)->id);
    return v;
}

void sslb_was_binding_status(const sslb_server *s, const sslb_apphost *ah, size_t site, size_t binding,
                             sslb_bstatus *out)
{
    const sslb_site *st = sslb_apphost_site(ah, site);
    char *started;

    memset(out, 0, sizeof *out);
    if (!st || binding >= st->nbindings) {
        out->live = SSLB_INVALID;
        return;
    }
    classify(s, &st->bindings[binding], out);
    if (out->live != SSLB_LIVE) return;
    struct view *v = s->view;
    uint64_t gen = sslb__apphost_generation(ah);
    if (v->generation != gen || !v->started) {
        view_drop(v);
        if ((v->started = started_view(s, ah)) && ep_build(s, ah, &v->idx) == SSLB_OK) v->generation = gen;
        else view_drop(v);
    }
    if (v->started) {
        out->clash_site = ep_clash(v->idx, ah, site, &out->bi, v->started);
    } else if ((started = started_view(s, ah))) { /* out of memory for the index: the slow way */
        out->clash_site = clash_with(s, ah, site, &out->bi, started);
        free(started);
    }
}

/* Whether site can start beside the started[] sites; *bidx the binding at fault. With idx (the
 * endpoints of every site), clashes are looked up there. */
static sslb_rc check_site(const sslb_server *s, const sslb_apphost *ah, size_t site, const char *started,
                          struct ep *idx, uint32_t *other, size_t *bidx, sslb_diag *d)
{
    const sslb_site *st = sslb_apphost_site(ah, site);

    *other = 0;
    *bidx = 0;
    if (!w3svc_knows(st)) return not_w3svcs(st, d);
    for (size_t k = 0; k < st->nbindings; k++) {
        sslb_bstatus b;
        classify(s, &st->bindings[k], &b);
        *bidx = k;
        if (b.live == SSLB_INVALID)
            return sslb_diagf(d, SSLB_EINVAL, "binding %s/%s is invalid: %s", st->bindings[k].protocol,
                              st->bindings[k].info, b.why);
        if (b.live == SSLB_LIVE &&
            (*other = idx ? ep_clash(idx, ah, site, &b.bi, started) : clash_with(s, ah, site, &b.bi, started)))
            return sslb_diagf(d, SSLB_EEXISTS, "binding %s/%s is already registered by site %u, which is started",
                              st->bindings[k].protocol, st->bindings[k].info, *other);
    }
    return SSLB_OK;
}

sslb_rc sslb_was_can_start(const sslb_server *s, const sslb_apphost *ah, size_t site, uint32_t *other, sslb_diag *d)
{
    char *started;
    size_t bidx;
    sslb_rc rc;

    *other = 0;
    if (site >= sslb_apphost_count(ah)) return sslb_diagf(d, SSLB_ENOTFOUND, "no such site");
    if (!(started = started_view(s, ah))) return SSLB_ENOMEM;
    rc = check_site(s, ah, site, started, NULL, other, &bidx, d);
    free(started);
    return rc;
}

static sslb_rc set_state(sslb_server *s, uint32_t id, int started)
{
    struct state *st = state_of(s, id), *ns;
    view_drop(s->view);
    if (st) {
        st->started = started;
        return SSLB_OK;
    }
    if (!(ns = realloc(s->st, (s->nst + 1) * sizeof *ns))) return SSLB_ENOMEM;
    s->st = ns;
    s->st[s->nst] = (struct state){id, started};
    if (ix_add(s, s->nst) < 0) return SSLB_ENOMEM;
    s->nst++;
    return SSLB_OK;
}

static sslb_rc start_stop(sslb_server *s, const sslb_apphost *ah, size_t site, int start, uint32_t *other, sslb_diag *d)
{
    const sslb_site *st = sslb_apphost_site(ah, site);
    sslb_rc rc;
    int fd;

    if (other) *other = 0;
    if (!st) return sslb_diagf(d, SSLB_ENOTFOUND, "no such site");
    if (!w3svc_knows(st)) return not_w3svcs(st, d); /* neither started nor stopped: nothing changes */
    if ((fd = lock_and_load(s, &rc, d)) < 0) return rc;
    if (sslb_was_started(s, st->id) == start && state_of(s, st->id)) {
        close(fd);
        return SSLB_OK;
    }
    if (start) rc = sslb_was_can_start(s, ah, site, other ? other : &(uint32_t){0}, d);
    if (rc == SSLB_OK && (rc = set_state(s, st->id, start)) == SSLB_OK) rc = save(s->statepath, fill_state, s, d);
    if (rc != SSLB_OK) load(s, 1, NULL);
    close(fd);
    return rc;
}

sslb_rc sslb_was_start(sslb_server *s, const sslb_apphost *ah, size_t site, uint32_t *other, sslb_diag *d)
{
    return start_stop(s, ah, site, 1, other, d);
}

sslb_rc sslb_was_stop(sslb_server *s, const sslb_apphost *ah, size_t site, sslb_diag *d)
{
    return start_stop(s, ah, site, 0, NULL, d);
}

/* The states of st[] moved as sslb_was_follow says, in memory: SSLB_OK with *moved 1 when a
 * line changed (0: no line named an id that moved: every move a new site's, or a site WAS has
 * no state for), else SSLB_ENOMEM (st[] then partly moved: load it again). */
static sslb_rc move_states(sslb_server *s, size_t n, const uint32_t *from, const uint32_t *to, int *moved)
{
    signed char *was; /* from[i]'s state before: -1 no line, else started */
    size_t kept = 0;
    sslb_rc rc = SSLB_OK;

    *moved = 0;
    if (n == 0) return SSLB_OK;
    if (!(was = malloc(n))) return SSLB_ENOMEM;
    for (size_t i = 0; i < n; i++) { /* every old state first: ids may swap or chain */
        const struct state *st = from[i] ? state_of(s, from[i]) : NULL;
        was[i] = st ? (signed char)st->started : -1;
    }
    for (size_t k = 0; k < s->nst; k++) { /* the lines of every id that changed hands go */
        int drop = 0;
        for (size_t i = 0; i < n && !drop; i++) drop = s->st[k].id == from[i] || s->st[k].id == to[i];
        if (!drop) s->st[kept++] = s->st[k];
    }
    if (kept != s->nst) {
        *moved = 1;
        s->nst = kept;
        view_drop(s->view);
        if (ix_rebuild(s) != 0) rc = SSLB_ENOMEM;
        for (size_t i = 0; i < n && rc == SSLB_OK; i++) /* each site's state under its new id */
            if (to[i] && was[i] >= 0) rc = set_state(s, to[i], was[i]);
    }
    free(was);
    return rc;
}

sslb_rc sslb_was_follow(sslb_server *s, size_t n, const uint32_t *from, const uint32_t *to, sslb_diag *d)
{
    sslb_rc rc;
    int fd, moved;

    if (n == 0) return SSLB_OK;
    if ((fd = lock_and_load(s, &rc, d)) < 0) return rc;
    /* nothing moved: nothing to write. A rewrite of the same lines would only leave, when killed,
     * a temporary file that no later command sweeps, as none of them needs to write sites.state. */
    if ((rc = move_states(s, n, from, to, &moved)) == SSLB_OK && moved) rc = save(s->statepath, fill_state, s, d);
    if (rc != SSLB_OK) load(s, 1, NULL);
    close(fd);
    return rc;
}

/* The edit's moves, once it is written or its write failed (sslb_apphost_change still holding the
 * configuration's lock, so no edit of another server of a farm comes between): sites.state.next
 * becomes sites.state, or, the file not holding the edit, is dropped. A failure here leaves it,
 * for the next command of this server to finish. */
static void settle_after_write(void *ctx)
{
    sslb_was_settle(ctx, NULL);
}

sslb_rc sslb_was_follow_edit(sslb_server *s, sslb_apphost *ah, size_t n, const uint32_t *from, const uint32_t *to,
                             sslb_diag *d)
{
    const char *text;
    size_t len;
    sslb_rc rc;
    int fd, moved = 0;

    if (s->held < 0) return sslb_diagf(d, SSLB_EINVAL, "the moves of an edit need this server's state held");
    if (!sslb__apphost_in_change(ah)) return sslb_diagf(d, SSLB_EINVAL, "the moves of an edit are made inside it");
    if (n == 0) return SSLB_OK;
    if ((fd = lock_and_load(s, &rc, d)) < 0) return rc;
    text = sslb__apphost_text(ah, &len);
    if ((rc = move_states(s, n, from, to, &moved)) == SSLB_OK && moved)
        rc = write_next(s, NEXT_CONFIG, text, len, ah, n, from, to, d);
    /* the states stay those of the file as it is until the edit is written */
    load(s, 0, NULL);
    close(fd);
    if (rc == SSLB_OK && moved) sslb__apphost_after_write(ah, settle_after_write, s);
    return rc;
}

sslb_rc sslb_was_settle(sslb_server *s, sslb_diag *d)
{
    sslb_rc rc;
    int fd = lock_and_load(s, &rc, d);
    if (fd >= 0) close(fd);
    return rc;
}

/* "https://<host or *>:443/" for a binding, as W3SVC names the URL prefix it could not register. */
static void url_prefix(const sslb_sitebinding *b, char *out, size_t n)
{
    sslb_bindinfo bi;
    if (sslb_bindinfo_parse(b->info, &bi, NULL) == SSLB_OK)
        snprintf(out, n, "%s://%s:%u/", b->protocol, bi.host[0] ? bi.host : "*", bi.port);
    else snprintf(out, n, "%s://%s/", b->protocol, b->info);
}

static sslb_rc reconcile(sslb_server *s, const sslb_apphost *ah, uint32_t edited_id, sslb_was_note_fn note, void *ctx,
                         int wait, sslb_diag *d);
static sslb_rc decide_states(sslb_server *s, const sslb_apphost *ah, uint32_t edited_id, sslb_was_note_fn note,
                             void *ctx, int *changed);

sslb_rc sslb_was_reconcile(sslb_server *s, const sslb_apphost *ah, uint32_t edited_id, sslb_was_note_fn note, void *ctx,
                           sslb_diag *d)
{
    return reconcile(s, ah, edited_id, note, ctx, 1, d);
}

sslb_rc sslb_was_catch_up(sslb_server *s, const sslb_apphost *ah, sslb_diag *d)
{
    sslb_diag held = {{0}};
    sslb_rc rc = reconcile(s, ah, 0, NULL, NULL, 0, &held);
    int changed;
    /* another process holds the state: a writer, which reconciles its own change under the lock */
    if (rc == SSLB_ELOCKED) return SSLB_OK;
    /* this process may not write it (a read-only copy, another user's state): WAS's decisions are
     * made in memory only, so a reader shows the states the catch-up would have recorded (a site
     * not recorded yet: serverAutoStart decides), quietly, as a list must; nothing is written */
    if (rc == SSLB_EACCESS) {
        if (!sslb_apphost_changed(ah) && decide_states(s, ah, 0, NULL, NULL, &changed) != SSLB_OK) load(s, 0, NULL);
        return SSLB_OK;
    }
    if (rc != SSLB_OK && d) *d = held;
    return rc;
}

/* WAS's decisions on s's states (loaded) for the configuration ah: forgets sites that are gone,
 * stops started sites that can no longer run (the edited one loses a clash, else the later), and
 * gives the sites it has not seen a state (serverAutoStart decides). *changed: s's states differ
 * from before. Writes nothing: reconcile saves them; a catch-up that may not write keeps them in
 * memory. */
static sslb_rc decide_states(sslb_server *s, const sslb_apphost *ah, uint32_t edited_id, sslb_was_note_fn note,
                             void *ctx, int *changed)
{
    size_t n = sslb_apphost_count(ah), kept = 0;
    char *started = NULL, *keep = NULL, prefix[SSLB_HOST_MAX + 64];
    struct ep *idx = NULL;
    sslb_rc rc = SSLB_OK;

    *changed = 0;
    if (!(keep = calloc(s->nst + 1, 1))) return SSLB_ENOMEM;
    for (size_t i = 0; i < n; i++) { /* forget sites that are gone, or W3SVC's no more */
        const sslb_site *site = sslb_apphost_site(ah, i);
        const struct state *st = state_of(s, site->id);
        if (st && w3svc_knows(site)) keep[st - s->st] = 1;
    }
    for (size_t i = 0; i < s->nst; i++) {
        if (keep[i]) s->st[kept++] = s->st[i];
        else *changed = 1;
    }
    s->nst = kept;
    view_drop(s->view);
    if (*changed && ix_rebuild(s) != 0) {
        rc = SSLB_ENOMEM;
        goto out;
    }
    if (!(started = started_view(s, ah)) || ep_build(s, ah, &idx) != SSLB_OK) {
        rc = SSLB_ENOMEM;
        goto out;
    }
    /* stop started sites that can no longer run: the edited site loses a clash, else the later.
     * Stopping a site never makes another clash, so the sites before i stay good: i is checked
     * again (it may clash with a third site) and the walk goes on, never back to the start. */
    for (size_t i = 0; i < n;) {
        uint32_t other;
        size_t bidx;
        const sslb_site *st = sslb_apphost_site(ah, i);
        if (!started[i]) {
            i++;
            continue;
        }
        sslb_rc why = check_site(s, ah, i, started, idx, &other, &bidx, NULL);
        if (why == SSLB_OK) {
            i++;
            continue;
        }
        size_t loser = i;
        long j = other ? sslb_apphost_find_id(ah, other) : -1;
        if (j >= 0 && (sslb_apphost_site(ah, (size_t)j)->id == edited_id || (st->id != edited_id && (size_t)j > i)))
            loser = (size_t)j;
        const sslb_site *ls = sslb_apphost_site(ah, loser);
        if (loser != i) { /* the clashing binding of the loser */
            sslb_bindinfo mine;
            sslb_bindinfo_parse(st->bindings[bidx].info, &mine, NULL);
            for (bidx = 0; bidx < ls->nbindings; bidx++) {
                sslb_bindinfo o;
                if (is_web(ls->bindings[bidx].protocol) &&
                    sslb_bindinfo_parse(ls->bindings[bidx].info, &o, NULL) == SSLB_OK && same_endpoint(&o, &mine))
                    break;
            }
            if (bidx == ls->nbindings) bidx = 0;
        }
        started[loser] = 0;
        if ((rc = set_state(s, ls->id, 0)) != SSLB_OK) goto out;
        *changed = 1;
        if (note && why == SSLB_EEXISTS) { /* an invalid binding has had its own note */
            url_prefix(&ls->bindings[bidx], prefix, sizeof prefix);
            note(ctx, ls->id, prefix);
        }
    }
    /* sites WAS has not seen on this server yet: serverAutoStart decides */
    for (size_t i = 0; i < n; i++) {
        const sslb_site *st = sslb_apphost_site(ah, i);
        uint32_t other;
        size_t bidx;
        if (state_of(s, st->id) || !w3svc_knows(st)) continue; /* known, or not W3SVC's: no line */
        sslb_rc why = st->auto_start ? check_site(s, ah, i, started, idx, &other, &bidx, NULL) : SSLB_EINVAL;
        started[i] = why == SSLB_OK;
        if ((rc = set_state(s, st->id, started[i])) != SSLB_OK) goto out;
        *changed = 1;
        if (why == SSLB_EEXISTS && note) { /* W3SVC could not register a URL another site holds */
            url_prefix(&st->bindings[bidx], prefix, sizeof prefix);
            note(ctx, st->id, prefix);
        }
    }
out:
    ep_free(&idx);
    free(keep);
    free(started);
    return rc;
}

static sslb_rc reconcile(sslb_server *s, const sslb_apphost *ah, uint32_t edited_id, sslb_was_note_fn note, void *ctx,
                         int wait, sslb_diag *d)
{
    int fd, changed = 0;
    sslb_rc rc;

    if ((fd = lock_and_load_now(s, wait, &rc, d)) < 0) return rc;
    /* A view older than the file (another process changed it since ah was read, maybe while this
     * one waited for the lock) would forget the state of sites it does not know yet: a site added
     * and started meanwhile would come back Stopped. The writer of the newer file reconciles its
     * change itself (under this lock, so after sites.state says what it did), or the next command
     * does: leave sites.state as it is. */
    if (sslb_apphost_changed(ah)) {
        close(fd);
        return SSLB_OK;
    }
    if ((rc = decide_states(s, ah, edited_id, note, ctx, &changed)) == SSLB_OK && changed)
        rc = save(s->statepath, fill_state, s, d);
    if (rc != SSLB_OK) load(s, 1, NULL);
    close(fd);
    return rc;
}
