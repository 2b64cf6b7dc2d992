/* main.c — sslbind's entry point: options, the state directory, and the three ways to run
 * (one command from the arguments, a script from -f or a pipe, the interactive shell). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <editline/readline.h>

#include "shell.h"
#include "sslb/statedir.h"

#define VERSION "0.1.0"

static void usage(FILE *f)
{
    fputs("usage: sslbind [--state DIR] [-f FILE] [CONTEXT… COMMAND [tag=value …]]\n"
          "\n"
          "  --state DIR   the emulated machine's state (default $SSLBIND_STATE, else\n"
          "                ${XDG_STATE_HOME:-$HOME/.local/state}/sslbind)\n"
          "  -f FILE       run each line of FILE as a command, like netsh -f\n"
          "  --help, --version\n"
          "\n"
          "With no command: interactive on a terminal, else commands from standard input.\n"
          "Example: sslbind http show sslcert\n",
          f);
}

/* Runs one line of a script: blank lines and lines starting with # are skipped. 1 if it failed. */
static int run_script_line(struct shell *sh, const char *line, size_t len)
{
    const char *p = line;
    int failed;

    while (p < line + len && (*p == ' ' || *p == '\t')) p++;
    if (p == line + len || *p == '#' || *p == '\n' || *p == '\r') return 0;
    failed = shell_exec_line(sh, line, len);
    fflush(sh->out);
    return failed;
}

/* A script saved as UTF-16 (what Windows editors write, with a byte-order mark): the bytes read
 * so far (head) and the rest of f, converted to UTF-8, then run line by line. */
static int run_utf16_script(struct shell *sh, FILE *f, const char *name, const char *head, size_t headlen)
{
    char *all = NULL, *owned = NULL, chunk[8192];
    const char *text, *line;
    size_t len = 0, textlen, badline, got;
    FILE *mem = open_memstream(&all, &len);
    int failed = 0;
    sslb_rc rc;

    if (!mem) return report_failure(sh, SSLB_ENOMEM, NULL);
    fwrite(head, 1, headlen, mem);
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) fwrite(chunk, 1, got, mem);
    if (fclose(mem) != 0) {
        free(all);
        return report_failure(sh, SSLB_ENOMEM, NULL);
    }
    if (ferror(f)) {
        free(all);
        return 1; /* run_script reports it */
    }
    if ((rc = sslb_text_decode(all, len, &text, &textlen, &owned, &badline)) != SSLB_OK) {
        free(all);
        if (rc == SSLB_ECORRUPT) explain(sh, "%s:%zu: invalid UTF-16 text", name, badline);
        return report_failure(sh, rc == SSLB_ECORRUPT ? SSLB_EINVAL : rc, NULL);
    }
    for (line = text; !sh->quit && line < text + textlen;) {
        const char *nl = memchr(line, '\n', (size_t)(text + textlen - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(text + textlen - line);
        failed |= run_script_line(sh, line, n);
        line += n + (nl != NULL);
    }
    free(owned);
    free(all);
    return failed;
}

/* Runs every line of f (name: for messages); returns 1 if any command failed. Scripts may be
 * UTF-8, with or without a byte-order mark, or UTF-16 with one. */
static int run_script(struct shell *sh, FILE *f, const char *name)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int failed = 0, first = 1, e;

    while (!sh->quit && (len = getline(&line, &cap, f)) >= 0) {
        const char *p = line;
        if (first) {
            const unsigned char *u = (const unsigned char *)line;
            first = 0;
            if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
                failed = run_utf16_script(sh, f, name, line, (size_t)len);
                break;
            }
            if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) p += 3, len -= 3;
        }
        failed |= run_script_line(sh, p, (size_t)len);
    }
    e = errno; /* of the read that stopped the loop, if one failed */
    free(line);
    if (ferror(f)) {
        explain(sh, "%s: %s", name, strerror(e));
        out_message(sh->out, sslb_strerror(SSLB_EREAD), NULL);
        failed = 1;
    }
    return failed;
}

/* -f FILE: netsh's words when the file cannot be run, and ours on standard error. */
static int run_script_file(struct shell *sh, const char *path)
{
    struct stat st;
    FILE *f = fopen(path, "r");
    int rc;

    if (!f || (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))) {
        int e = f ? EISDIR : errno;
        if (f) fclose(f);
        explain(sh, "%s: %s", path, strerror(e));
        out_message(sh->out, sslb_strerror(e == ENOENT || e == ENOTDIR ? SSLB_ENOTFOUND
                                           : e == EACCES || e == EISDIR || e == EPERM ? SSLB_EACCESS
                                                                                     : SSLB_EREAD), NULL);
        return 1;
    }
    rc = run_script(sh, f, path);
    fclose(f);
    return rc;
}

/* ---- interactive --------------------------------------------------------------------------- */

static struct shell *the_shell; /* for libedit's callbacks, which take no context */

/* The completions of the word being typed: as many as the command table offers. */
struct cands {
    char **v;
    int n, cap;
};

static void add_cand(void *ctx, const char *word)
{
    struct cands *c = ctx;
    char *w;

    if (c->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 32;
        char **nv = realloc(c->v, (size_t)cap * sizeof *nv);
        if (!nv) return; /* out of memory: fewer completions */
        c->v = nv;
        c->cap = cap;
    }
    if ((w = strdup(word))) c->v[c->n++] = w;
}

static struct cands current;

static char *cand_generator(const char *text, int state)
{
    static int next;
    (void)text;
    if (state == 0) next = 0;
    return next < current.n ? strdup(current.v[next++]) : NULL;
}

static char **complete(const char *text, int start, int end)
{
    char buf[SHELL_MAX_LINE], *words[SHELL_MAX_WORDS], *save = NULL, *w;
    int n = 0, len = start < (int)sizeof buf - 1 ? start : (int)sizeof buf - 1, only_tag = 0;

    (void)end;
    for (int i = 0; i < current.n; i++) free(current.v[i]);
    current.n = 0;
    memcpy(buf, rl_line_buffer, (size_t)len);
    buf[len] = '\0';
    for (w = strtok_r(buf, " \t", &save); w && n < SHELL_MAX_WORDS; w = strtok_r(NULL, " \t", &save))
        words[n++] = w;
    shell_complete(the_shell, words, n, text, add_cand, &current);
    for (int i = 0; i < current.n; i++) only_tag |= current.v[i][strlen(current.v[i]) - 1] == '=';
    rl_completion_append_character = only_tag && current.n == 1 ? '\0' : ' ';
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, cand_generator);
}

static int run_interactive(struct shell *sh)
{
    char *hist = NULL, *line;
    int failed = 0;

    the_shell = sh;
    sh->interactive = 1;
    if (asprintf(&hist, "%s/history", sh->state_dir) < 0) hist = NULL;
    using_history();
    stifle_history(1000);
    if (hist) read_history(hist);
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t";
    printf("sslbind %s - the http.sys SSL binding table. Type ? for help, exit to leave.\n", VERSION);
    while (!sh->quit && (line = readline(shell_prompt(sh)))) {
        if (line[0]) {
            add_history(line);
            if (hist) write_history(hist);
            failed = shell_exec_line(sh, line, strlen(line));
        }
        free(line);
        fflush(sh->out);
    }
    if (!sh->quit) putchar('\n');
    for (int i = 0; i < current.n; i++) free(current.v[i]);
    free(current.v);
    current = (struct cands){NULL, 0, 0};
    free(hist);
    return failed;
}

int main(int argc, char **argv)
{
    struct shell sh;
    const char *script = NULL;
    char *state = NULL;
    int i, rc = 1, status = 0, as_appcmd;
    sslb_diag d;

    memset(&sh, 0, sizeof sh);
    sh.out = stdout;
    sh.err = stderr;
    {   /* called as appcmd (build/bin/appcmd): appcmd's grammar for the whole command line */
        const char *base = strrchr(argv[0], '/');
        as_appcmd = is_appcmd_word(base ? base + 1 : argv[0]);
    }
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--state") == 0 && i + 1 < argc) {
            free(state);
            state = strdup(argv[++i]);
        } else if (strncmp(argv[i], "--state=", 8) == 0) {
            free(state);
            state = strdup(argv[i] + 8);
        } else if (as_appcmd) {
            break; /* appcmd's own words: /?, -section:…, verbs */
        } else if (strcmp(argv[i], "-f") == 0 && i + 1 < argc) {
            script = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            rc = 0;
            goto done;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("sslbind %s\n", VERSION);
            rc = 0;
            goto done;
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "--state") == 0 || strcmp(argv[i], "-f") == 0) {
            fprintf(stderr, "sslbind: %s needs a value\n", argv[i]);
            goto done;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "sslbind: unknown option '%s'\n", argv[i]);
            usage(stderr);
            goto done;
        } else {
            break;
        }
    }
    if (!state) {
        sslb_rc found = sslb_state_dir_find(&state, &d);
        if (found != SSLB_OK) {
            fprintf(stderr, "sslbind: %s\n", found == SSLB_ENOMEM ? "out of memory" : d.text);
            goto done;
        }
    }
    sh.state_dir = state;
    /* Create the state directory (0700) up front: history and the store live there. */
    if (sslb_store_open(state, &sh.store, &d) != SSLB_OK) {
        fprintf(stderr, "sslbind: %s\n", d.text);
        goto done;
    }

    if (as_appcmd) {
        rc = appcmd_exec(&sh, argc - i, argv + i);
    } else if (i < argc) {
        char typed[SHELL_MAX_LINE];
        size_t n = 0;
        typed[0] = '\0';
        for (int k = i; k < argc && n < sizeof typed; k++)
            n += (size_t)snprintf(typed + n, sizeof typed - n, "%s%s", k > i ? " " : "", argv[k]);
        rc = shell_exec_words(&sh, argc - i, argv + i, typed);
        if (rc && sh.exit_code) status = sh.exit_code; /* sim handshake exit=result */
        if (rc == 0 && !sh.quit && sh.ctx != CTX_TOP && isatty(0)) rc = run_interactive(&sh);
    } else if (script) {
        rc = run_script_file(&sh, script);
    } else if (isatty(0)) {
        rc = run_interactive(&sh);
    } else {
        rc = run_script(&sh, stdin, "standard input");
    }
done:
    fflush(stdout);
    if (sh.store) sslb_store_close(sh.store);
    if (sh.table) sslb_table_destroy(sh.table);
    if (sh.certs) sslb_certstore_close(sh.certs);
    sslb_apphost_close(sh.apphost);
    sslb_server_close(sh.server);
    free(state);
    return status ? status : rc ? 1 : 0;
}
