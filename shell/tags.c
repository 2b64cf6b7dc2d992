/* tags.c — the one tag=value parser: unknown, repeated, missing and malformed tags, for every
 * command. Values are converted with the core's parsers, so a refusal names the tag, the value
 * and what was expected. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

static const struct tagdef *find_tag(const struct tagdef *defs, const char *tag, size_t len)
{
    for (const struct tagdef *d = defs; d->tag; d++)
        if (strlen(d->tag) == len && sslb_ascii_ncasecmp(d->tag, tag, len) == 0) return d;
    return NULL;
}

/* The length in bytes of the control character s starts with, 0 when it starts none: C0
 * (tab included), DEL, and C1 (U+0080..U+009F, UTF-8 C2 80..C2 9F: U+009B is a one-character
 * CSI some terminals act on). */
static size_t control_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if ((*u < 0x20 && *u) || *u == 0x7f) return 1;
    if (u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f) return 2;
    return 0;
}

/* Valid UTF-8 (RFC 3629: no overlong form, surrogate or value above U+10FFFF) with no control
 * characters (C0, DEL, C1): what a value may hold. */
const char *text_problem(const char *s)
{
    size_t n = strlen(s);

    for (size_t i = 0; i < n; i++)
        if (control_at(s + i)) return "has a control character";
    return sslb_utf8_valid(s, n, NULL) ? NULL : "is not valid UTF-8";
}

int numeric_last_label(const char *host)
{
    const char *last = strrchr(host, '.');
    last = last ? last + 1 : host;
    if (!*last) return 0;
    if (last[0] == '0' && (last[1] == 'x' || last[1] == 'X')) /* WHATWG: hexadecimal, "0x" alone too */
        return last[2 + strspn(last + 2, "0123456789abcdefABCDEF")] == '\0';
    return last[strspn(last, "0123456789")] == '\0';
}

void echo_safe(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        size_t k = *r == '\t' ? 0 : control_at(r);
        if (k) {
            *w++ = '?';
            r += k;
        } else *w++ = *r++;
    }
    *w = '\0';
}

/* ---- characters pasted from web pages and word processors ------------------------------------ */

/* What a web page or a word processor shows in place of ASCII, and what the command line wants:
 * the value looks right on screen and is refused, or names nothing that exists. (An invisible
 * character in a thumbprint is the core's to name: sslb_certhash_parse.) */
static const struct {
    const char *utf8;
    unsigned cp;
    const char *name, *type;
} pasted_chars[] = {
    {"\xc2\xa0", 0x00a0, "NO-BREAK SPACE", "a space"},
    {"\xe2\x80\x90", 0x2010, "HYPHEN", "-"},
    {"\xe2\x80\x91", 0x2011, "NON-BREAKING HYPHEN", "-"},
    {"\xe2\x80\x92", 0x2012, "FIGURE DASH", "-"},
    {"\xe2\x80\x93", 0x2013, "EN DASH", "-"},
    {"\xe2\x80\x94", 0x2014, "EM DASH", "-"},
    {"\xe2\x80\x98", 0x2018, "LEFT SINGLE QUOTATION MARK", "'"},
    {"\xe2\x80\x99", 0x2019, "RIGHT SINGLE QUOTATION MARK", "'"},
    {"\xe2\x80\x9c", 0x201c, "LEFT DOUBLE QUOTATION MARK", "\""},
    {"\xe2\x80\x9d", 0x201d, "RIGHT DOUBLE QUOTATION MARK", "\""},
    {"\xe2\x80\xaf", 0x202f, "NARROW NO-BREAK SPACE", "a space"},
    {"\xe2\x88\x92", 0x2212, "MINUS SIGN", "-"},
};
#define PASTED_COUNT (sizeof pasted_chars / sizeof pasted_chars[0])
_Static_assert(PASTED_COUNT <= 32, "pasted_watch keeps the characters seen in one 32-bit mask");

/* The index in pasted_chars of the character s starts with, -1 for none. */
static int pasted_at(const char *s)
{
    for (unsigned k = 0; k < PASTED_COUNT; k++)
        if (strncmp(s, pasted_chars[k].utf8, strlen(pasted_chars[k].utf8)) == 0) return (int)k;
    return -1;
}

const char *pasted_char(const char *s, unsigned *cp, const char **type)
{
    int k = pasted_at(s);
    if (k < 0) return NULL;
    *cp = pasted_chars[k].cp;
    *type = pasted_chars[k].type;
    return pasted_chars[k].name;
}

/* The characters of pasted_chars word holds, as a mask of their indexes. */
static uint32_t pasted_in(const char *word)
{
    uint32_t seen = 0;
    for (const char *s = word; *s; s++) {
        int k = pasted_at(s);
        if (k >= 0) seen |= 1u << k;
    }
    return seen;
}

/* A word as a PowerShell script writes it for netsh: holding backticks, PowerShell's escape
 * character (appid=`{…`}, 1), its value in single quotes (appid='{…}', 2), or the whole word
 * ('appid={…}', 3). PowerShell removes them; cmd.exe passes them on. 0 for none of these; fix
 * (n bytes): the word PowerShell would pass. */
static int pwsh_word(const char *w, char *fix, size_t n)
{
    const char *eq = strchr(w, '='), *v = eq ? eq + 1 : w;
    size_t wl = strlen(w), vl = strlen(v), l = 0;
    int kind = 2;

    if (strchr(w, '`')) {
        for (const char *s = w; *s && l + 1 < n; s++) {
            if (*s == '`' && !*++s) break; /* `x is x; a last ` continues the line */
            fix[l++] = *s;
        }
        fix[l] = '\0';
        return l ? 1 : 0; /* a lone ` (a line's continuation): nothing to type instead */
    }
    if (wl >= 2 && w[0] == '\'' && w[wl - 1] == '\'') v = w, vl = wl, kind = 3;
    else if (vl < 2 || v[0] != '\'' || v[vl - 1] != '\'') return 0;
    snprintf(fix, n, "%.*s%.*s", (int)(v - w), w, (int)(vl - 2), v + 1);
    return kind;
}

/* 'word' in quotes for a note, cut after 60 bytes at a character's start ("..." then). */
static void quoted_word(char *out, size_t n, const char *w)
{
    size_t len = strlen(w), m = len > 60 ? 60 : len;

    while (m < len && m && ((unsigned char)w[m] & 0xc0) == 0x80) m--; /* whole characters */
    snprintf(out, n, "'%.*s%s'", (int)m, w, m < len ? "..." : "");
}

/* pasted_watch's note for netsh's words as PowerShell writes them (pwsh_word). */
static void pwsh_watch(struct shell *sh, int argc, char **argv)
{
    static const char *const what[] = {"", "backticks, PowerShell's escape character", "single quotes around its value",
                                       "single quotes around the whole word"};
    char fix[SHELL_MAX_LINE], shown[96], typed[96];
    int i = 0, kind = 0, more = 0;

    while (i < argc && (text_problem(argv[i]) || !(kind = pwsh_word(argv[i], fix, sizeof fix)))) i++;
    if (!kind) return;
    quoted_word(shown, sizeof shown, argv[i]);
    quoted_word(typed, sizeof typed, fix);
    for (int j = i + 1; j < argc; j++) more += !text_problem(argv[j]) && pwsh_word(argv[j], fix, sizeof fix) != 0;
    snprintf(sh->pasted, sizeof sh->pasted,
             "note: %s holds %s: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as "
             "cmd.exe does; type %.*s instead.%s",
             shown, what[kind], (int)strlen(typed) - 2, typed + 1,
             more == 0   ? ""
             : more == 1 ? " Another word is written so too."
                         : " Other words are written so too.");
}

void pasted_watch(struct shell *sh, int argc, char **argv, int appcmd)
{
    char shown[96];
    size_t l = 0, cap = sizeof sh->pasted;
    uint32_t seen = 0;
    int i = 0, more = 0;

    sh->pasted[0] = '\0';
    sh->pasted_cp = 0;
    if (sh->quiet) return; /* completing: nothing is said */
    while (i < argc && !(seen = pasted_in(argv[i]))) i++;
    if (!seen) {
        if (!appcmd) pwsh_watch(sh, argc, argv); /* appcmd's own syntax has single quotes */
        return;
    }
    for (int j = i + 1; j < argc; j++) more += pasted_in(argv[j]) != 0;
    if (text_problem(
            argv[i])) { /* never echo what is not printable text (nor number it: callers pass parts of a line) */
        snprintf(shown, sizeof shown, "a word that is not printable text");
    } else {
        quoted_word(shown, sizeof shown, argv[i]);
    }
    l += (size_t)snprintf(sh->pasted + l, cap - l, "note: %s holds ", shown);
    int kinds = 0;
    for (unsigned k = 0; k < PASTED_COUNT && l < cap; k++)
        if (seen & 1u << k)
            l += (size_t)snprintf(sh->pasted + l, cap - l, "%sU+%04X %s where %s belongs", kinds++ ? ", " : "",
                                  pasted_chars[k].cp, pasted_chars[k].name, pasted_chars[k].type);
    if (l < cap)
        l += (size_t)snprintf(sh->pasted + l, cap - l,
                              ": %s, as web pages and word processors print %s (often pasted from one); type the "
                              "ASCII %s instead.",
                              kinds > 1 ? "typographic characters" : "a typographic character",
                              kinds > 1 ? "them" : "it", kinds > 1 ? "ones" : "one");
    for (unsigned k = 0; k < PASTED_COUNT; k++)
        if (seen == 1u << k) sh->pasted_cp = pasted_chars[k].cp, sh->pasted_name = pasted_chars[k].name;
    int k = pasted_at(argv[i]);
    if (appcmd && k >= 0 && strcmp(pasted_chars[k].type, "-") == 0 && l < cap)
        l += (size_t)snprintf(sh->pasted + l, cap - l,
                              " appcmd takes a word that starts with neither - nor / for the identifier (the site's "
                              "name), not for a parameter.");
    if (more && l < cap)
        snprintf(sh->pasted + l, cap - l, " %s such characters too.",
                 more == 1 ? "Another word holds" : "Other words hold");
}

/* netsh's words for a boolean: "enable" → 1, "disable" → 0, in any case (the core knows only
 * the bit; the words are netsh's, so they live here). */
static sslb_rc parse_enable(const char *text, int *on, sslb_diag *d)
{
    if (sslb_ascii_casecmp(text, "enable") == 0) {
        *on = 1;
        return SSLB_OK;
    }
    if (sslb_ascii_casecmp(text, "disable") == 0) {
        *on = 0;
        return SSLB_OK;
    }
    return sslb_diagf(d, SSLB_EINVAL, "'%.32s': expected enable or disable", text);
}

/* A script's answer to a question IIS Manager asks: "yes" → 1, "no" → 0, in any case. */
static sslb_rc parse_yes(const char *text, int *yes, sslb_diag *d)
{
    if (sslb_ascii_casecmp(text, "yes") == 0 || sslb_ascii_casecmp(text, "no") == 0) {
        *yes = sslb_ascii_casecmp(text, "yes") == 0;
        return SSLB_OK;
    }
    return sslb_diagf(d, SSLB_EINVAL, "'%.32s': expected yes or no", text);
}

static int convert(struct tagval *tv, sslb_diag *d)
{
    switch (tv->def->type) {
    case T_IPPORT:
    case T_HOSTPORT:
    case T_CCS:
    case T_SCOPEDCCS:
        return sslb_key_parse((sslb_kind)(tv->def->type - T_IPPORT), tv->text, &tv->v.key, d);
    case T_HASH:
        return sslb_certhash_parse(tv->text, tv->v.hash, d);
    case T_GUID:
        return sslb_guid_parse(tv->text, &tv->v.guid, d);
    case T_U32:
        return sslb_u32_parse(tv->text, &tv->v.u32, d);
    case T_BOOL:
        return parse_enable(tv->text, &tv->v.on, d);
    case T_YESNO:
        return parse_yes(tv->text, &tv->v.on, d);
    default:
        return sslb_string_check(tv->text, d);
    }
}

/* netsh takes a parameter without its tag, in its usage's order ("show sslcert 0.0.0.0:443");
 * sslbind does not, but names the tag a word would be: the first of defs' key, hash and GUID
 * tags whose value it parses as (ipport before hostnameport, then ccs, certhash, appid). The
 * text to add to the refusal, "" when none fits. */
static const char *tagless_hint(const struct tagdef *defs, const char *word, char *buf, size_t n)
{
    static const enum tagtype order[] = {T_IPPORT, T_HOSTPORT, T_CCS, T_SCOPEDCCS, T_HASH, T_GUID};

    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        for (const struct tagdef *def = defs; def->tag; def++) {
            struct tagval tv = {.def = def, .text = word};
            sslb_diag d;
            if (def->type != order[k] || convert(&tv, &d) != SSLB_OK) continue;
            snprintf(buf, n,
                     " (netsh takes a value without its tag, in its usage's order; sslbind wants the tag: did you "
                     "mean %s=%.60s?)",
                     def->tag, word);
            return buf;
        }
    return "";
}

/* Whether tag (len bytes) is a tag of some command: one another command takes. */
static int known_elsewhere(const char *tag, size_t len)
{
    static const struct cmd_row *const tables[] = {http_rows, cert_rows, sim_rows, iis_rows};
    const int *counts[] = {&http_nrows, &cert_nrows, &sim_nrows, &iis_nrows};

    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (int r = 0; r < *counts[t]; r++)
            if (tables[t][r].tags && find_tag(tables[t][r].tags, tag, len)) return 1;
    return 0;
}

/* "ipport, hostnameport, ccs": the tags of defs, for a refusal of another. */
static const char *tag_list(const struct tagdef *defs, char *buf, size_t n)
{
    size_t l = 0;

    buf[0] = '\0';
    for (const struct tagdef *def = defs; def->tag && l < n; def++)
        l += (size_t)snprintf(buf + l, n - l, "%s%s", l ? ", " : "", def->tag);
    return buf;
}

enum tagres tags_parse(struct shell *sh, const struct tagdef *defs, int argc, char **argv, struct parsed *out)
{
    out->n = 0;
    for (int i = 0; i < argc; i++) {
        pasted_watch(sh, 1, argv + i, 0); /* a refusal of this word names what was pasted into it */
        const char *eq = strchr(argv[i], '=');
        const struct tagdef *def;
        const char *problem;
        struct tagval *tv;
        sslb_diag d;
        char hint[1024];

        if (!eq) {
            if (text_problem(argv[i]))
                explain(sh, "argument %d: expected tag=value (it holds bytes that are not printable UTF-8 text)",
                        i + 1);
            else if (shell_operator(argv[i]) && shell_quoted(sh, argv[i]))
                explain(sh,
                        "'%.60s': expected tag=value (in double quotes, so cmd.exe passes it to netsh as a word, not "
                        "as %s: drop the quotes, or the word)",
                        argv[i], shell_operator(argv[i]) == 1 ? "a redirection" : "what joins commands");
            else if (shell_operator(argv[i])) /* no netsh word in front: shell_syntax did not take it */
                explain(sh,
                        "'%.60s': expected tag=value (%s, which cmd.exe or PowerShell reads before netsh starts; "
                        "netsh's own shell takes it for a parameter: start the line with netsh, as a script does, "
                        "or drop it)",
                        argv[i], shell_operator(argv[i]) == 1 ? "a redirection" : "what joins commands");
            else explain(sh, "'%.60s': expected tag=value%s", argv[i], tagless_hint(defs, argv[i], hint, sizeof hint));
            return TAGS_BAD;
        }
        if (!(def = find_tag(defs, argv[i], (size_t)(eq - argv[i])))) {
            if (text_problem(argv[i])) explain(sh, "unknown tag (it holds bytes that are not printable UTF-8 text)");
            else if (known_elsewhere(argv[i], (size_t)(eq - argv[i])))
                explain(sh, "%.*s: not a tag of this command, which takes %s", (int)(eq - argv[i]), argv[i],
                        tag_list(defs, hint, sizeof hint));
            else explain(sh, "unknown tag '%.*s'", (int)(eq - argv[i] > 60 ? 60 : eq - argv[i]), argv[i]);
            return TAGS_BAD;
        }
        if ((problem = text_problem(eq + 1))) {
            explain(sh, "%s: the value %s", def->tag, problem);
            return TAGS_BAD;
        }
        if (tags_get(out, def->tag)) {
            explain(sh, "%s: given twice", def->tag);
            return TAGS_BAD;
        }
        if (out->n == SHELL_MAX_WORDS) { /* a command line may be longer than a shell line */
            explain(sh, "too many tags: at most %d", SHELL_MAX_WORDS);
            return TAGS_BAD;
        }
        tv = &out->tv[out->n++];
        tv->def = def;
        tv->text = eq + 1;
        if (convert(tv, &d) != SSLB_OK) {
            explain(sh, "%s: %s", def->tag, d.text);
            return TAGS_BAD;
        }
    }
    pasted_watch(sh, argc, argv, 0); /* the command's own refusals (or a missing tag) name them too */
    for (const struct tagdef *d = defs; d->tag; d++)
        if (d->required && !tags_get(out, d->tag)) {
            explain(sh, "%s: required", d->tag);
            return TAGS_MISSING;
        }
    return TAGS_OK;
}

const struct tagval *tags_get(const struct parsed *p, const char *tag)
{
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->tv[i].def->tag, tag) == 0) return &p->tv[i];
    return NULL;
}

/* ---- output helpers ----------------------------------------------------------------------- */

void out_field(FILE *f, const char *label, const char *fmt, ...)
{
    int pad = 29 - (int)strlen(label);
    va_list ap;

    fprintf(f, "    %s%*s: ", label, pad < 1 ? 1 : pad, "");
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
}

void out_message(FILE *f, const char *line1, const char *line2)
{
    fprintf(f, "\n%s\n", line1);
    if (line2) fprintf(f, "%s\n", line2);
    fputc('\n', f);
}

char *format_whole(const char *fmt, va_list ap)
{
    va_list again;
    char *text = NULL;
    int n;

    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    if (n >= 0 && (text = malloc((size_t)n + 1))) vsnprintf(text, (size_t)n + 1, fmt, ap);
    return text;
}

void explain(struct shell *sh, const char *fmt, ...)
{
    char loc[600] = "", *text;
    size_t need;
    va_list ap;

    if (sh->quiet) return;
    sh->explained++;
    va_start(ap, fmt);
    text = format_whole(fmt, ap); /* the whole text, however long: never cut short */
    va_end(ap);
    if (!text) {
        fprintf(sh->err, "sslbind: (an explanation that could not be formatted: out of memory)\n");
        return;
    }
    if (sh->where) snprintf(loc, sizeof loc, "%s:%zu: ", sh->where, sh->line);
    need = strlen("sslbind: ") + strlen(loc) + strlen(text) + 2;
    if (sh->pendlen + need > sh->pendcap) {
        size_t cap = sh->pendcap ? 2 * sh->pendcap : 1024;
        char *p;
        while (cap < sh->pendlen + need) cap *= 2;
        if (!(p = realloc(sh->pending, cap))) { /* out of memory: say it now rather than never */
            fprintf(sh->err, "sslbind: %s%s\n", loc, text);
            free(text);
            return;
        }
        sh->pending = p;
        sh->pendcap = cap;
    }
    sh->pendlen += (size_t)snprintf(sh->pending + sh->pendlen, sh->pendcap - sh->pendlen, "sslbind: %s%s\n", loc, text);
    if (sh->pasted_cp) { /* the explanation names the one character already: the note would repeat it */
        char cp[12];
        snprintf(cp, sizeof cp, "U+%04X", sh->pasted_cp);
        if (strstr(text, cp) && strstr(text, sh->pasted_name)) sh->pasted[0] = '\0';
    }
    free(text);
    if (sh->pasted[0]) { /* once, after the command's first explanation (pasted_watch) */
        char note[sizeof sh->pasted];
        memcpy(note, sh->pasted, sizeof note);
        sh->pasted[0] = '\0';
        explain(sh, "%s", note);
    }
}

void shell_flush(struct shell *sh)
{
    sh->pasted[0] = '\0'; /* the command ended: its words are no one's now */
    errno = 0;
    if (fflush(sh->out) != 0 && !sh->out_errno) sh->out_errno = errno ? errno : EIO;
    if (sh->pendlen) {
        fwrite(sh->pending, 1, sh->pendlen, sh->err);
        sh->pendlen = 0;
    }
    fflush(sh->err);
}

void shell_close(struct shell *sh)
{
    shell_flush(sh);
    if (sh->store) sslb_store_close(sh->store);
    if (sh->table) sslb_table_destroy(sh->table);
    if (sh->certs) sslb_certstore_close(sh->certs);
    sslb_apphost_close(sh->apphost);
    sslb_server_close(sh->server);
    free(sh->pending);
    sh->store = NULL;
    sh->table = NULL;
    sh->certs = NULL;
    sh->apphost = NULL;
    sh->server = NULL;
    sh->pending = NULL;
    sh->pendlen = sh->pendcap = 0;
}

/* Length of the UTF-8 character at s (n bytes left), 0 when no valid one starts there. */
static size_t utf8_char(const char *s, size_t n)
{
    unsigned char c = (unsigned char)*s;
    size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

    return len <= n && sslb_utf8_valid(s, len, NULL) ? len : 0;
}

/* Valid JSON whatever s holds: a byte that does not start a valid UTF-8 character is written
 * as U+FFFD, so a string that slipped past the checks cannot break the document. */
void out_json_string(FILE *f, const char *s)
{
    size_t n, len;

    if (!s) {
        fputs("null", f);
        return;
    }
    n = strlen(s);
    fputc('"', f);
    for (size_t i = 0; i < n; i += len ? len : 1) {
        unsigned char c = (unsigned char)s[i];
        len = utf8_char(s + i, n - i);
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20 || c == 0x7f) fprintf(f, "\\u%04x", c);
        else if (len) fwrite(s + i, 1, len, f);
        else fputs("\\ufffd", f);
    }
    fputc('"', f);
}
