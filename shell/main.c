/* main.c — sslbind's entry point: options, the state directory, and the three ways to run
 * (one command from the arguments, a script from -f or a pipe, the interactive shell). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Runs every line of f; returns 1 if any command failed. */
static int run_script(struct shell *sh, FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int failed = 0;

    while (!sh->quit && (len = getline(&line, &cap, f)) >= 0) {
        const char *p = line;
        while (p < line + len && (*p == ' ' || *p == '\t')) p++;
        if (p == line + len || *p == '#' || *p == '\n' || *p == '\r') continue;
        failed |= shell_exec_line(sh, line, (size_t)len);
        fflush(sh->out);
    }
    free(line);
    return failed;
}

/* ---- interactive --------------------------------------------------------------------------- */

static struct shell *the_shell; /* for libedit's callbacks, which take no context */

struct cands {
    char *v[128];
    int n;
};

static void add_cand(void *ctx, const char *word)
{
    struct cands *c = ctx;
    if (c->n < 128) c->v[c->n++] = strdup(word);
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
    free(hist);
    return failed;
}

int main(int argc, char **argv)
{
    struct shell sh;
    const char *script = NULL;
    char *state = NULL;
    int i, rc, as_appcmd;
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
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("sslbind %s\n", VERSION);
            return 0;
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "--state") == 0 || strcmp(argv[i], "-f") == 0) {
            fprintf(stderr, "sslbind: %s needs a value\n", argv[i]);
            return 1;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "sslbind: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 1;
        } else {
            break;
        }
    }
    if (!state && !(state = sslb_state_dir_default())) {
        fprintf(stderr, "sslbind: out of memory\n");
        return 1;
    }
    sh.state_dir = state;
    /* Create the state directory (0700) up front: history and the store live there. */
    if (sslb_store_open(state, &sh.store, &d) != SSLB_OK) {
        fprintf(stderr, "sslbind: %s\n", d.text);
        return 1;
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
        if (rc == 0 && !sh.quit && sh.ctx != CTX_TOP && isatty(0)) rc = run_interactive(&sh);
    } else if (script) {
        FILE *f = fopen(script, "r");
        if (!f) {
            fprintf(stderr, "sslbind: %s: %s\n", script, strerror(errno));
            rc = 1;
        } else {
            rc = run_script(&sh, f);
            fclose(f);
        }
    } else if (isatty(0)) {
        rc = run_interactive(&sh);
    } else {
        rc = run_script(&sh, stdin);
    }
    fflush(stdout);
    if (sh.store) sslb_store_close(sh.store);
    if (sh.table) sslb_table_destroy(sh.table);
    if (sh.certs) sslb_certstore_close(sh.certs);
    sslb_apphost_close(sh.apphost);
    sslb_server_close(sh.server);
    free(state);
    return rc ? 1 : 0;
}
