/* commands.c — netsh's shell habits over the command table: contexts, abbreviations, pushd and
 * popd, help and usage texts, --help's list, completion (Tab and bash's --complete: one
 * completer), the words of a line, and running a line so that its explanations follow its
 * output. Every list here is derived from the rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

/* Room for the names that may start a command in one context (globals, contexts, verbs: about
 * 15 today), and for the objects of one verb (at most 4). Filling stops at the bound, never past
 * it; a command table that outgrew one would lose names from help and dispatch, not memory. */
#define NAMES_MAX 48
#define OBJECTS_MAX 16

static const char *const ctx_names[CTX_COUNT] = {"", "http", "cert", "sim", "iis"};
static const char *const ctx_summaries[CTX_COUNT] = {
    "", "Changes to the `netsh http' context.",
    "Changes to the `sslbind cert' context: the machine's certificate stores.",
    "Changes to the `sslbind sim' context: handshake simulation.",
    "Changes to the `sslbind iis' context: what IIS Manager does on this server."};

/* Commands every context has. */
enum global { G_UP, G_HELPQ, G_BYE, G_EXIT, G_HELP, G_POPD, G_PUSHD, G_QUIT, G_COUNT };
static const struct {
    const char *name;
    const char *summary;
} globals[G_COUNT] = {
    {"..", "Goes up one context level."},
    {"?", "Displays a list of commands."},
    {"bye", "Exits the program."},
    {"exit", "Exits the program."},
    {"help", "Displays a list of commands."},
    {"popd", "Pops a context from the stack."},
    {"pushd", "Pushes current context on stack."},
    {"quit", "Exits the program."},
};

static const struct {
    const char *verb;
    const char *summary;
} verb_summaries[] = {
    {"add", "Adds a configuration entry to a table."},
    {"address", "Adds, deletes or shows this server's IP addresses."},
    {"binding", "Shows site bindings, or chooses a binding's certificate."},
    {"delete", "Deletes a configuration entry from a table."},
    {"sharedconfig", "Enables, disables, shows or exports shared configuration."},
    {"show", "Displays information."},
    {"update", "Updates a configuration entry in a table."},
};

/* Every row of every context. */
static const struct cmd_row *row_at(int i)
{
    if (i < http_nrows) return &http_rows[i];
    i -= http_nrows;
    if (i < cert_nrows) return &cert_rows[i];
    i -= cert_nrows;
    if (i < sim_nrows) return &sim_rows[i];
    i -= sim_nrows;
    return i < iis_nrows ? &iis_rows[i] : NULL;
}

/* ---- names in a context --------------------------------------------------------------------- */

enum name_kind { N_GLOBAL, N_CONTEXT, N_VERB };
struct name {
    const char *text;
    enum name_kind kind;
    int id; /* global, context or -1 */
    const char *summary;
};

/* The names that may start a command in ctx (at most NAMES_MAX), sorted as help lists them. */
static int context_names(enum context ctx, struct name out[NAMES_MAX])
{
    int n = 0;

    _Static_assert(G_COUNT + CTX_COUNT < NAMES_MAX, "room for the verbs");
    for (int g = 0; g < G_COUNT; g++) {
        if (g == G_UP && ctx == CTX_TOP) continue; /* accepted there (exec_from), not listed */
        out[n++] = (struct name){globals[g].name, N_GLOBAL, g, globals[g].summary};
    }
    if (ctx == CTX_TOP)
        for (int c = 1; c < CTX_COUNT; c++) out[n++] = (struct name){ctx_names[c], N_CONTEXT, c, ctx_summaries[c]};
    for (int i = 0; row_at(i) && n < NAMES_MAX; i++) {
        const struct cmd_row *r = row_at(i);
        int seen = 0;
        if (r->ctx != ctx) continue;
        for (int k = 0; k < n; k++) seen |= out[k].kind == N_VERB && strcmp(out[k].text, r->verb) == 0;
        if (seen) continue;
        out[n] = (struct name){r->verb, N_VERB, -1, r->object ? "" : r->summary};
        for (size_t v = 0; r->object && v < sizeof verb_summaries / sizeof verb_summaries[0]; v++)
            if (strcmp(verb_summaries[v].verb, r->verb) == 0) out[n].summary = verb_summaries[v].summary;
        n++;
    }
    for (int i = 1; i < n; i++) /* insertion sort: a handful of names */
        for (int j = i; j > 0 && strcmp(out[j - 1].text, out[j].text) > 0; j--) {
            struct name t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}

/* Exact match, else the one name word is a prefix of. Returns the index, -1 none, -2 ambiguous
 * (candidates explained, unless sh is NULL: completion asks quietly). */
static int match_name(struct shell *sh, const char *word, const char *const *names, int n)
{
    size_t len = strlen(word);
    int found = -1, count = 0;

    for (int i = 0; i < n; i++)
        if (sslb_ascii_casecmp(names[i], word) == 0) return i;
    for (int i = 0; i < n; i++)
        if (len && sslb_ascii_ncasecmp(names[i], word, len) == 0) {
            found = i;
            count++;
        }
    if (count > 1 && !sh) return -2;
    if (count > 1) {
        char list[256];
        size_t used = 0;
        list[0] = '\0';
        for (int i = 0; i < n && used < sizeof list; i++)
            if (sslb_ascii_ncasecmp(names[i], word, len) == 0) {
                int w = snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", names[i]);
                used = w < 0 ? sizeof list : used + (size_t)w; /* snprintf cut it short: stop */
            }
        explain(sh, "'%s' is ambiguous: it could be %s", word, list);
        return -2;
    }
    return found;
}

/* Levenshtein distance, capped, for "did you mean". */
static int distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b), row[32];

    if (la > 30 || lb > 30) return 99;
    for (int j = 0; j <= lb; j++) row[j] = j;
    for (int i = 1; i <= la; i++) {
        int prev = row[0]++;
        for (int j = 1; j <= lb; j++) {
            int cur = row[j];
            int sub = prev + (sslb_ascii_lower((unsigned char)a[i - 1]) != sslb_ascii_lower((unsigned char)b[j - 1]));
            row[j] = sub < row[j] + 1 ? sub : row[j] + 1;
            if (row[j - 1] + 1 < row[j]) row[j] = row[j - 1] + 1;
            prev = cur;
        }
    }
    return row[lb];
}

static int not_found(struct shell *sh, const char *typed, const char *word, const char *const *names, int n)
{
    const char *best = NULL;
    int bestd = 3;

    fprintf(sh->out, "\nThe following command was not found: %s.\n\n", typed);
    for (int i = 0; word && i < n; i++) {
        int d = distance(word, names[i]);
        if (d < bestd && names[i][0] != '.' && names[i][0] != '?') {
            bestd = d;
            best = names[i];
        }
    }
    if (word && text_problem(word)) /* never a terminal's escape sequence on stderr: as unknown tags */
        explain(sh, "unknown command (it holds bytes that are not printable UTF-8 text); type ? for the list");
    else if (best) explain(sh, "unknown command '%s'; did you mean '%s'?", word, best);
    else if (word) explain(sh, "unknown command '%s'; type ? for the list", word);
    return 1;
}

/* A context's name typed inside a context, where it is no command: a pasted "http show sslcert"
 * inside http. netsh's text, then what to do instead of a near miss ("did you mean 'help'"). */
static int context_here(struct shell *sh, const char *typed, enum context ctx, enum context named)
{
    fprintf(sh->out, "\nThe following command was not found: %s.\n\n", typed);
    if (named == ctx)
        explain(sh, "'%s': this is the %s context already: drop '%s', or start the line with netsh", ctx_names[named],
                ctx_names[ctx], ctx_names[named]);
    else
        explain(sh, "'%s' is a context of the top level: type .. first, or start the line with netsh",
                ctx_names[named]);
    return 1;
}

/* ---- help ---------------------------------------------------------------------------------- */

static void help_context(struct shell *sh, enum context ctx)
{
    struct name names[NAMES_MAX];
    int n = context_names(ctx, names);

    fputs("\nThe following commands are available:\n\nCommands in this context:\n", sh->out);
    for (int i = 0; i < n; i++) fprintf(sh->out, "%-14s - %s\n", names[i].text, names[i].summary);
    if (ctx == CTX_TOP) {
        fputs("\nThe following sub-contexts are available:\n", sh->out);
        for (int c = 1; c < CTX_COUNT; c++) fprintf(sh->out, " %s", ctx_names[c]);
        fputc('\n', sh->out);
    }
    fputs("\nTo view help for a command, type the command, followed by a space, and then\n type ?.\n\n", sh->out);
}

static void help_verb(struct shell *sh, enum context ctx, const char *verb)
{
    fputs("\nThe following commands are available:\n\nCommands in this context:\n", sh->out);
    for (int i = 0; row_at(i); i++) {
        const struct cmd_row *r = row_at(i);
        char name[64];
        if (r->ctx != ctx || strcmp(r->verb, verb) != 0) continue;
        snprintf(name, sizeof name, "%s%s%s", r->verb, r->object ? " " : "", r->object ? r->object : "");
        fprintf(sh->out, "%-14s - %s\n", name, r->summary);
    }
    fputc('\n', sh->out);
}

void print_usage(struct shell *sh, const struct cmd_row *row)
{
    FILE *f = sh->out;
    const struct tagdef *t;
    int keys_optional = strcmp(row->verb, "show") == 0;

    fprintf(f, "\nUsage: %s%s%s", row->verb, row->object ? " " : "", row->object ? row->object : "");
    if (row->synopsis) fprintf(f, " %s%s%s", keys_optional ? "[" : "", row->synopsis, keys_optional ? "]" : "");
    fputc('\n', f);
    for (t = row->tags; t->tag; t++) {
        if (row->synopsis && t->type <= T_SCOPEDCCS) continue; /* in the synopsis */
        if (t->required) fprintf(f, "\t%s=%s\n", t->tag, t->value);
        else fprintf(f, "\t[%s=%s]\n", t->tag, t->value);
    }
    fputs("\nParameters:\n\n    Tag                   Value\n", f);
    for (t = row->tags; t->tag; t++) fprintf(f, "    %-21s - %s\n", t->tag, t->help);
    fputc('\n', f);
    fputs(row->usage, f);
    fputc('\n', f);
}

int complain(struct shell *sh, const struct cmd_row *row, enum tagres r)
{
    if (r == TAGS_MISSING) {
        fprintf(sh->out, "\nOne or more essential parameters were not entered.\n"
                         "Verify the required parameters, and reenter them.\n"
                         "The syntax supplied for this command is not valid. Check help for the correct syntax.\n");
        print_usage(sh, row);
    } else {
        out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
    }
    return 1;
}

int parse_or_complain(struct shell *sh, const struct cmd_row *row, int argc, char **argv, struct parsed *p)
{
    enum tagres r = tags_parse(sh, row->tags, argc, argv, p);
    return r == TAGS_OK ? 0 : complain(sh, row, r);
}

int report_failure(struct shell *sh, sslb_rc rc, const sslb_diag *d)
{
    out_message(sh->out, sslb_strerror(rc), NULL);
    if (d && d->text[0]) explain(sh, "%s", d->text);
    return 1;
}

/* ---- running a command ----------------------------------------------------------------------- */

static int is_help(const char *w)
{
    return strcmp(w, "?") == 0 || sslb_ascii_casecmp(w, "help") == 0;
}

/* netsh shows a command's usage when ? (or help) follows it, after its tags too. */
static int asks_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (is_help(argv[i])) return 1;
    return 0;
}

static int exec_from(struct shell *sh, enum context ctx, int argc, char **argv, int i, const char *typed);

/* The line's launch words did not lead to netsh or appcmd: netsh's text (the line as typed, its
 * launch words too), and what is wrong. */
static int launch_refused(struct shell *sh, const char *whole, const char *what, const char *next)
{
    char shown[128];

    fprintf(sh->out, "\nThe following command was not found: %s.\n\n", whole);
    if (strcmp(what, "cmd") == 0) {
        explain(sh, "cmd without /c starts cmd.exe's own prompt, which sslbind does not emulate: write cmd /c "
                    "netsh … or cmd /c appcmd …, or the command alone");
        return 1;
    }
    if (strcmp(what, "cmd /k") == 0) {
        explain(sh, "cmd /k runs the command, then waits at cmd.exe's prompt, which sslbind does not emulate: "
                    "write cmd /c, or the command alone");
        return 1;
    }
    if (!next) {
        explain(sh, "%s: no command follows: write %s netsh … or %s appcmd …", what, what, what);
        return 1;
    }
    snprintf(shown, sizeof shown, "%s", next);
    echo_safe(shown);
    explain(sh, "'%s' after %s is neither netsh nor appcmd, the programs sslbind runs%s", shown, what,
            strcmp(what, "cmd /c") == 0 && strchr(whole, '"')
                ? " (cmd /c takes away the first and the last double quote of the line after it, unless there are "
                  "exactly two, around a program's path: quote the whole command once more, cmd /c \"\"C:\\…\\"
                  "appcmd.exe\" …\")"
                : "");
    return 1;
}

/* A netsh line (argv[k] is netsh's word): runs from the top level, whatever the context, as the
 * spec's "same command without that word"; cmd.exe's and PowerShell's words among it go (noted),
 * and "The following command was not found" echoes what netsh receives. */
static int exec_netsh(struct shell *sh, int argc, char **argv, int k, const char *typed)
{
    char shown[SHELL_MAX_LINE];
    int m;

    if (shell_syntax(sh, argc - k - 1, argv + k + 1, "netsh")) return 1;
    shell_typed_kept(typed, argc, argv, k + 1, shown, sizeof shown);
    m = shell_compact(argc - k - 1, argv + k + 1);
    return exec_from(sh, m ? CTX_TOP : sh->ctx, m, argv + k + 1, 0, shown);
}

static int exec_line(struct shell *sh, const char *line, size_t len, const char *wrapper, const char *whole);

/* wrapper: the launch words a caller took off already ("cmd /c"), NULL if none; whole: the line
 * as typed with them (for a refusal), NULL when typed is. */
static int exec_words(struct shell *sh, int argc, char **argv, const char *typed, const char *wrapper,
                      const char *whole)
{
    struct shell_launch l;
    int k = 0;

    for (;;) { /* "& cmd /c call netsh …": each launch word runs what follows */
        shell_launch_read(argc - k, argv + k, &l);
        k += l.next;
        if (l.what) wrapper = l.what;
        if (!whole) whole = typed;
        if (l.cmd_k || l.cmd_alone) return launch_refused(sh, whole, l.cmd_k ? "cmd /k" : "cmd", NULL);
        if (!l.cmd_c) break;
        if (argc - k == 1 && strpbrk(argv[k], " \t\"")) /* cmd /c "netsh http …": a command line in one word */
            return exec_line(sh, argv[k], strlen(argv[k]), wrapper, whole);
    }
    if (wrapper && (k == argc || (!is_appcmd_word(argv[k]) && !is_program_word(argv[k], "netsh"))))
        return launch_refused(sh, whole, wrapper, k < argc ? argv[k] : NULL);
    if (k < argc && is_appcmd_word(argv[k])) return appcmd_exec(sh, argc - k - 1, argv + k + 1);
    if (k < argc && is_program_word(argv[k], "netsh")) return exec_netsh(sh, argc, argv, k, typed);
    return exec_from(sh, sh->ctx, argc, argv, 0, typed);
}

int shell_exec_words(struct shell *sh, int argc, char **argv, const char *typed)
{
    return exec_words(sh, argc, argv, typed, NULL, NULL);
}

/* pushd [command]: remembers the current context, then runs the command (usually a context
 * to enter) from ctx; a command that fails leaves the stack as it was. */
static int pushd(struct shell *sh, enum context ctx, int argc, char **argv, int i, const char *typed)
{
    int rc;

    if (sh->depth == SHELL_MAX_PUSHD) {
        explain(sh, "pushd: the context stack is full (%d contexts); popd first", SHELL_MAX_PUSHD);
        out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
        return 1;
    }
    sh->pushed[sh->depth++] = sh->ctx;
    if (i == argc) {
        sh->ctx = ctx;
        return 0;
    }
    if ((rc = exec_from(sh, ctx, argc, argv, i, typed)) != 0) sh->depth--;
    return rc;
}

static int popd(struct shell *sh, int argc, int i)
{
    if (i < argc) {
        explain(sh, "popd takes no arguments");
        out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
        return 1;
    }
    if (sh->depth == 0) {
        explain(sh, "popd: the context stack is empty (pushd fills it); staying here");
        return 0;
    }
    sh->ctx = sh->pushed[--sh->depth];
    return 0;
}

static int exec_from(struct shell *sh, enum context ctx, int argc, char **argv, int i, const char *typed)
{
    while (i < argc) {
        struct name names[NAMES_MAX];
        const char *texts[NAMES_MAX];
        int n = context_names(ctx, names), m;

        if (ctx == CTX_TOP && strcmp(argv[i], "..") == 0) { /* nothing above the top: stay, as popd does */
            sh->ctx = CTX_TOP;
            return 0;
        }
        for (int k = 0; k < n; k++) texts[k] = names[k].text;
        if ((m = match_name(sh, argv[i], texts, n)) == -2) return not_found(sh, typed, NULL, texts, 0);
        for (int c = 1; m < 0 && ctx != CTX_TOP && c < CTX_COUNT; c++)
            if (sslb_ascii_casecmp(argv[i], ctx_names[c]) == 0) return context_here(sh, typed, ctx, (enum context)c);
        if (m < 0) return not_found(sh, typed, argv[i], texts, n);
        switch (names[m].kind) {
        case N_CONTEXT:
            ctx = (enum context)names[m].id;
            i++;
            continue;
        case N_GLOBAL:
            switch (names[m].id) {
            case G_UP:
                sh->ctx = CTX_TOP;
                return 0;
            case G_HELP:
            case G_HELPQ:
                help_context(sh, ctx);
                return 0;
            case G_PUSHD:
                return pushd(sh, ctx, argc, argv, i + 1, typed);
            case G_POPD:
                return popd(sh, argc, i + 1);
            default:
                sh->quit = 1;
                return 0;
            }
        case N_VERB: {
            const char *objs[OBJECTS_MAX];
            const struct cmd_row *rows[OBJECTS_MAX];
            int no = 0, o;
            for (int r = 0; row_at(r) && no < OBJECTS_MAX; r++)
                if (row_at(r)->ctx == ctx && strcmp(row_at(r)->verb, names[m].text) == 0) {
                    rows[no] = row_at(r);
                    objs[no++] = row_at(r)->object;
                }
            if (no == 1 && !rows[0]->object) { /* "cert create subject=…": tags follow the verb */
                if (asks_help(argc - i - 1, argv + i + 1)) {
                    print_usage(sh, rows[0]);
                    return 0;
                }
                return rows[0]->fn(sh, rows[0], argc - i - 1, argv + i + 1);
            }
            if (i + 1 >= argc || is_help(argv[i + 1])) {
                help_verb(sh, ctx, names[m].text);
                return 0;
            }
            if ((o = match_name(sh, argv[i + 1], objs, no)) < 0)
                return not_found(sh, typed, o == -2 ? NULL : argv[i + 1], objs, no);
            if (asks_help(argc - i - 2, argv + i + 2)) {
                print_usage(sh, rows[o]);
                return 0;
            }
            return rows[o]->fn(sh, rows[o], argc - i - 2, argv + i + 2);
        }
        }
    }
    sh->ctx = ctx; /* only context words: change context, as netsh does */
    return 0;
}

/* password=, or appcmd's /password: and /[path='/'].[path='/'].password: */
static int word_has_password(const char *w)
{
    if (sslb_ascii_ncasecmp(w, "password=", 9) == 0) return 1;
    for (const char *p = strchr(w, ':'); p; p = strchr(p + 1, ':'))
        if (p - w >= 9 && sslb_ascii_ncasecmp(p - 8, "password", 8) == 0 && strchr("/-.", p[-9])) return 1;
    return 0;
}

int shell_line_has_password(const char *line)
{
    char buf[SHELL_MAX_LINE + 1], *words[SHELL_MAX_WORDS];
    size_t len = strlen(line);
    int n;

    if (len <= SHELL_MAX_LINE) {
        memcpy(buf, line, len + 1);
        if ((n = shell_split_words(buf, words, SHELL_MAX_WORDS, NULL)) >= 0) {
            for (int i = 0; i < n; i++)
                if (word_has_password(words[i])) return 1;
            return 0;
        }
    }
    /* a line the command refuses (too long, an unclosed quote): kept out if it holds the word */
    for (const char *p = line; *p; p++)
        if (sslb_ascii_ncasecmp(p, "password", 8) == 0) return 1;
    return 0;
}

/* wrapper, whole: as exec_words'. */
static int exec_line(struct shell *sh, const char *line, size_t len, const char *wrapper, const char *whole)
{
    char buf[SHELL_MAX_LINE + 1], typed[SHELL_MAX_LINE + 1], *words[SHELL_MAX_WORDS], *kept = NULL;
    struct shell_launch l = {0};
    int n, open, escaped, rc;

    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    if (memchr(line, '\0', len)) {
        explain(sh, "the line holds a NUL byte");
        out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
        return 1;
    }
    if (len > SHELL_MAX_LINE) {
        explain(sh, "the line is %zu bytes long: at most %d allowed", len, SHELL_MAX_LINE);
        out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
        return 1;
    }
    memcpy(typed, line, len); /* the line as typed, blanks around it trimmed (echo_safe'd below) */
    typed[len] = '\0';
    for (;;) {
        while (len && (typed[len - 1] == ' ' || typed[len - 1] == '\t')) typed[--len] = '\0';
        size_t lead = strspn(typed, " \t");
        memmove(typed, typed + lead, len - lead + 1);
        len -= lead;
        memcpy(buf, typed, len + 1);
        open = 0;
        escaped = strstr(buf, "\\\"") != NULL; /* before shell_split_words rewrites buf */
        if ((n = shell_split_words(buf, words, SHELL_MAX_WORDS, &open)) <= 0) break;
        shell_launch_read(n, words, &l);
        if (!l.cmd_c || l.next == n) break;
        /* cmd /c runs the rest of the line as a command line of its own, quotes as cmd.exe leaves them */
        if (!whole && (kept = strdup(typed))) echo_safe(kept), whole = kept; /* a refusal echoes it all */
        len = shell_cmd_c_line(typed, buf, words, n, l.next, l.cmd_s);
        wrapper = "cmd /c";
    }
    char *q[SHELL_MAX_WORDS], *const *outer_q = sh->quoted; /* the words that begin in quotes as typed */
    int nq = 0, outer_nq = sh->nquoted;
    for (int i = 0; i < n; i++)
        if (typed[words[i] - buf] == '"') q[nq++] = words[i];
    echo_safe(typed);
    if (n >= 0 && open && !(l.next < n && is_appcmd_word(words[l.next]))) n = -2;
    if (n < 0) {
        if (n == -1) explain(sh, "too many words: at most %d", SHELL_MAX_WORDS);
        else
            explain(sh, "a double quote is not closed%s",
                    escaped ? " (a backslash before a double quote makes it a "
                              "literal quote: \"C:\\x\\\" is C:\\x\" and "
                              "an open quote; write \"C:\\x\\\\\")"
                            : "");
        out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
        free(kept);
        return 1;
    }
    if (open) /* an appcmd line: what appcmd.exe receives from Windows' runtime */
        explain(sh,
                "a double quote is not closed: read as closed at the end of the line, as Windows' runtime "
                "does for appcmd.exe%s",
                escaped ? " (a backslash before a double quote made it a literal quote: \"C:\\x\\\" is C:\\x\"; "
                          "write \"C:\\x\\\\\" for C:\\x\\)"
                        : "");
    sh->quoted = q;
    sh->nquoted = nq;
    if (n == 0) rc = wrapper ? launch_refused(sh, whole ? whole : typed, wrapper, NULL) : 0;
    else rc = exec_words(sh, n, words, typed, wrapper, whole);
    sh->quoted = outer_q;
    sh->nquoted = outer_nq;
    free(kept);
    return rc;
}

int shell_exec_line(struct shell *sh, const char *line, size_t len)
{
    return exec_line(sh, line, len, NULL, NULL);
}

const char *shell_prompt(const struct shell *sh)
{
    static const char *const prompts[CTX_COUNT] = {"sslbind> ", "sslbind http> ", "sslbind cert> ", "sslbind sim> ",
                                                   "sslbind iis> "};
    return prompts[sh->ctx];
}

/* state_dir is NULL only while completing with no state directory yet (--complete never
 * creates one): there is nothing to read, so no values, and nothing to say. The table's CCS
 * bindings look in the stores once they are open (shell_sync no longer opens them: listing the
 * table needs no certificate, and a state where DIR/certs cannot be made must still list it). */
sslb_rc shell_open_certs(struct shell *sh)
{
    sslb_diag d = {{0}};

    if (!sh->state_dir) return SSLB_ENOTFOUND;
    if (sh->certs) return SSLB_OK;
    if (sslb_certstore_open(sh->state_dir, &sh->certs, &d) != SSLB_OK) {
        explain(sh, "cannot read the certificate stores: %s", d.text);
        return SSLB_EACCESS;
    }
    if (sh->table) sslb_table_set_central(sh->table, sslb_certstore_central(sh->certs));
    return SSLB_OK;
}

sslb_certstore *shell_certs(struct shell *sh)
{
    sslb_rc rc = shell_open_certs(sh);

    if (rc != SSLB_OK && sh->state_dir) out_message(sh->out, sslb_strerror(rc), NULL);
    return sh->certs;
}

sslb_rc shell_sync(struct shell *sh)
{
    sslb_rc rc;
    sslb_diag d = {{0}};

    if (!sh->state_dir) return SSLB_ENOTFOUND; /* completing, no state yet: as shell_certs */
    if (!sh->table) {
        if ((rc = sslb_table_create(&sh->table)) != SSLB_OK) return rc;
        if (sh->certs) sslb_table_set_central(sh->table, sslb_certstore_central(sh->certs)); /* CCS looks here */
    }
    if (!sh->store && (rc = sslb_store_open(sh->state_dir, &sh->store, &d)) != SSLB_OK) {
        explain(sh, "%s", d.text);
        return rc;
    }
    rc = sh->loaded ? sslb_store_refresh(sh->store, sh->table, &d) : sslb_store_load(sh->store, sh->table, &d);
    if (rc != SSLB_OK) explain(sh, "%s", d.text);     /* after the command's netsh text, as every explanation */
    if (rc == SSLB_OK && !sh->loaded && !sh->quiet) { /* completing loads again later, to warn then */
        sh->loaded = 1;
        if (sslb_store_skipped(sh->store))
            explain(sh, "warning: %s: skipped %u keys and values it does not know", sslb_store_path(sh->store),
                    sslb_store_skipped(sh->store));
    }
    return rc;
}

/* ---- running, as the three ways to run do ---------------------------------------------------- */

/* A failure that explained nothing still gets a line on standard error, so a script's log
 * always says which line failed; the paths that reach it are bugs to fix with a real reason. */
static int finish(struct shell *sh, int rc, unsigned before, const char *typed)
{
    if (rc && sh->explained == before) explain(sh, "'%.200s' failed", typed);
    shell_flush(sh);
    return rc;
}

int shell_run_line(struct shell *sh, const char *line, size_t len)
{
    unsigned before = sh->explained;
    char typed[208];
    size_t n = len < sizeof typed - 1 ? len : sizeof typed - 1;

    memcpy(typed, line, n);
    typed[n] = '\0';
    typed[strcspn(typed, "\r\n")] = '\0';
    for (char *c = typed; *c; c++) /* the line as typed, never a control character */
        if ((unsigned char)*c < 0x20 || *c == 0x7f) *c = '?';
    return finish(sh, shell_exec_line(sh, line, len), before, typed);
}

int shell_run_words(struct shell *sh, int argc, char **argv, const char *typed)
{
    unsigned before = sh->explained;
    char shown[SHELL_MAX_LINE];

    snprintf(shown, sizeof shown, "%s", typed);
    echo_safe(shown);
    return finish(sh, shell_exec_words(sh, argc, argv, shown), before, shown);
}

/* ---- --help ---------------------------------------------------------------------------------- */

void shell_print_commands(FILE *f)
{
    struct name names[NAMES_MAX];
    int n = context_names(CTX_TOP, names);

    fputs("Contexts (a context word alone enters it; a command may follow it on one line):\n", f);
    for (int c = 1; c < CTX_COUNT; c++) fprintf(f, "  %-26s %s\n", ctx_names[c], ctx_summaries[c]);
    fputs("\nCommands (abbreviate any word to a unique prefix; add ? for a command's usage):\n", f);
    for (int i = 0; row_at(i); i++) {
        const struct cmd_row *r = row_at(i);
        char name[64];
        snprintf(name, sizeof name, "%s %s%s%s", ctx_names[r->ctx], r->verb, r->object ? " " : "",
                 r->object ? r->object : "");
        fprintf(f, "  %-26s %s\n", name, r->summary);
    }
    fputs("\nIn every context:\n", f);
    for (int i = 0; i < n; i++)
        if (names[i].kind == N_GLOBAL) fprintf(f, "  %-26s %s\n", names[i].text, names[i].summary);
    fprintf(f, "  %-26s %s\n", "..", globals[G_UP].summary);
    fprintf(f, "  %-26s %s\n", "appcmd ...", "A line of IIS's appcmd (see appcmd --help).");
}

/* ---- completion ---------------------------------------------------------------------------- */

struct offer_to {
    const char *prefix;
    void (*add)(void *, const char *);
    void *ctx;
};

static void offer(const char *cand, const char *prefix, void (*add)(void *, const char *), void *ctx)
{
    if (sslb_ascii_ncasecmp(cand, prefix, strlen(prefix)) == 0) add(ctx, cand);
}

/* tag=value for each value, if it starts as typed. */
static void offer_value(const struct offer_to *o, const char *tag, const char *value)
{
    char cand[SSLB_KEYTEXT_MAX + 64];
    int n = snprintf(cand, sizeof cand, "%s=%s", tag, value);
    if (n > 0 && (size_t)n < sizeof cand) offer(cand, o->prefix, o->add, o->ctx);
}

/* The value typed for tag among words (the first one), or NULL. */
static const char *typed_value(char **words, int from, int nwords, const char *tag)
{
    size_t len = strlen(tag);
    for (int w = from; w < nwords; w++)
        if (sslb_ascii_ncasecmp(words[w], tag, len) == 0 && words[w][len] == '=') return words[w] + len + 1;
    return NULL;
}

struct value_walk {
    const struct offer_to *o;
    const char *tag;
    int kind;                               /* bound keys: the sslb_kind wanted */
    char seen[16][SSLB_STORE_NAME_MAX + 1]; /* stores: each offered once */
    int nseen;
};

static int offer_key(void *ctx, const sslb_binding *b)
{
    struct value_walk *w = ctx;
    char key[SSLB_KEYTEXT_MAX];
    if (b->key.kind == w->kind) offer_value(w->o, w->tag, sslb_key_format(&b->key, key, sizeof key));
    return 0;
}

static int offer_thumb(void *ctx, const sslb_certinfo *info)
{
    struct value_walk *w = ctx;
    char hex[2 * SSLB_CERTHASH_LEN + 1];
    if (!info->file[0]) offer_value(w->o, w->tag, sslb_certhash_format(info->thumb, hex));
    return 0;
}

static int offer_store(void *ctx, const sslb_certinfo *info)
{
    struct value_walk *w = ctx;
    for (int i = 0; i < w->nseen; i++)
        if (sslb_ascii_casecmp(w->seen[i], info->store) == 0) return 0;
    if (w->nseen == 16) return 1;
    snprintf(w->seen[w->nseen++], sizeof w->seen[0], "%s", info->store);
    offer_value(w->o, w->tag, info->store);
    return 0;
}

/* Values of tag t of row, from its usage text (enable|disable, yes|no, none) and from the
 * machine's state: bound keys on show/update/delete, thumbprints, store names. */
static void offer_values(struct shell *sh, const struct cmd_row *row, const struct tagdef *t, char **words, int from,
                         int nwords, const struct offer_to *o)
{
    struct value_walk w = {.o = o, .tag = t->tag};
    sslb_diag d;

    for (const char *v = t->value; v && *v;) { /* the literal alternatives of "a|b|<x>" */
        size_t len = strcspn(v, "|");
        char alt[64];
        if (*v != '<' && len < sizeof alt) {
            memcpy(alt, v, len);
            alt[len] = '\0';
            offer_value(o, t->tag, alt);
        }
        v += len + (v[len] == '|');
    }
    if (t->type <= T_SCOPEDCCS) {
        if (row->ctx != CTX_HTTP || strcmp(row->verb, "add") == 0) return; /* keys to bind are new */
        if (shell_sync(sh) != SSLB_OK) return;
        w.kind = (int)(t->type - T_IPPORT);
        sslb_table_foreach(sh->table, offer_key, &w);
    } else if (t->type == T_HASH || strcmp(t->tag, "certhash") == 0) {
        const char *store = typed_value(words, from, nwords, "store");
        if (!store) store = typed_value(words, from, nwords, "certstorename");
        if (!store && !(row->ctx == CTX_CERT && strcmp(row->verb, "show") == 0)) store = "MY";
        if (shell_certs(sh) && (!store || sslb_store_name_check(store, &d) == SSLB_OK))
            sslb_cert_list(sh->certs, store, offer_thumb, &w, &d);
    } else if (strcmp(t->tag, "store") == 0 || strstr(t->tag, "storename")) {
        if (shell_certs(sh)) sslb_cert_list(sh->certs, NULL, offer_store, &w, &d);
        if (strstr(t->tag, "storename") || row->ctx != CTX_CERT || strcmp(row->verb, "show") != 0) {
            static const char *const usual[] = {"MY", "WebHosting"};
            for (size_t i = 0; i < sizeof usual / sizeof usual[0]; i++) {
                struct sslb_certinfo fake;
                memset(&fake, 0, sizeof fake);
                snprintf(fake.store, sizeof fake.store, "%s", usual[i]);
                offer_store(&w, &fake);
            }
        }
    }
}

static FILE *devnull(void)
{
    static FILE *f;
    if (!f) f = fopen("/dev/null", "w");
    return f;
}

static void complete_words(struct shell *sh, char **words, int nwords, const char *prefix,
                           void (*add)(void *ctx, const char *word), void *actx)
{
    enum context ctx = sh->ctx;
    struct name names[NAMES_MAX];
    const char *texts[NAMES_MAX];
    const struct offer_to o = {prefix, add, actx};
    struct shell_launch l;
    int i = 0, n, m;

    do { /* after launch words ("cmd /c", "call", "&"), as exec_words runs the line */
        shell_launch_read(nwords, words, &l);
        words += l.next;
        nwords -= l.next;
    } while (l.cmd_c && l.next);
    if (nwords > 0 && is_appcmd_word(words[0])) {
        appcmd_complete(sh, words + 1, nwords - 1, prefix, add, actx);
        return;
    }
    if (nwords > 0 && is_program_word(words[0], "netsh")) { /* from the top level, as shell_exec_words runs it */
        ctx = CTX_TOP;
        i++;
    }
    for (;;) {
        n = context_names(ctx, names);
        if (i == nwords) {
            for (int k = 0; k < n; k++) offer(names[k].text, prefix, add, actx);
            return;
        }
        for (int k = 0; k < n; k++) texts[k] = names[k].text;
        if ((m = match_name(NULL, words[i], texts, n)) < 0) return;
        if (names[m].kind == N_CONTEXT) {
            ctx = (enum context)names[m].id;
            i++;
            continue;
        }
        if (names[m].kind == N_GLOBAL && names[m].id == G_PUSHD) { /* a command follows */
            i++;
            continue;
        }
        if (names[m].kind != N_VERB) return;
        break;
    }
    /* words[i] is a verb: its rows, then the object typed (abbreviated as dispatch allows) */
    const struct cmd_row *rows[OBJECTS_MAX], *row = NULL;
    const char *objs[OBJECTS_MAX];
    int no = 0, first_tag;
    for (int r = 0; row_at(r) && no < OBJECTS_MAX; r++)
        if (row_at(r)->ctx == ctx && strcmp(row_at(r)->verb, names[m].text) == 0) {
            rows[no] = row_at(r);
            objs[no++] = row_at(r)->object;
        }
    if (no == 1 && !rows[0]->object) {
        row = rows[0];
        first_tag = i + 1;
    } else if (i + 1 == nwords) {
        for (int k = 0; k < no; k++) offer(objs[k], prefix, add, actx);
        return;
    } else {
        int obj = match_name(NULL, words[i + 1], objs, no);
        if (obj < 0) return;
        row = rows[obj];
        first_tag = i + 2;
    }
    const char *eq = strchr(prefix, '=');
    int key_given = 0; /* ipport=, hostnameport=, ccs=, scopedccs=: one of them names the binding */
    for (const struct tagdef *t = row->tags; t->tag; t++)
        if (t->type <= T_SCOPEDCCS && typed_value(words, first_tag, nwords, t->tag)) key_given = 1;
    for (const struct tagdef *t = row->tags; t->tag; t++) {
        if (eq) {
            if ((size_t)(eq - prefix) == strlen(t->tag) && sslb_ascii_ncasecmp(prefix, t->tag, strlen(t->tag)) == 0)
                offer_values(sh, row, t, words, first_tag, nwords, &o);
            continue;
        }
        if (typed_value(words, first_tag, nwords, t->tag)) continue; /* given already */
        if (t->type <= T_SCOPEDCCS && key_given) continue;           /* a command takes one key */
        char cand[96];
        snprintf(cand, sizeof cand, "%s=", t->tag);
        offer(cand, prefix, add, actx);
    }
}

void shell_complete(struct shell *sh, char **words, int nwords, const char *prefix,
                    void (*add)(void *ctx, const char *word), void *actx)
{
    FILE *out = sh->out, *err = sh->err, *null = devnull();
    int quiet = sh->quiet;

    if (!null) return;
    /* nothing a lookup prints (a damaged store, a missing directory) may reach the screen */
    sh->out = sh->err = null;
    sh->quiet = 1;
    complete_words(sh, words, nwords, prefix, add, actx);
    sh->out = out;
    sh->err = err;
    sh->quiet = quiet;
}
