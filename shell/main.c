/* main.c — sslbind's entry point: options, the state directory, and the three ways to run
 * (one command from the arguments, a script from -f or a pipe, the interactive shell). */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <editline/readline.h>

#include "shell.h"
#include "sslb/statedir.h"
#include "sslb/version.h"

static void usage(FILE *f)
{
    fputs("usage: sslbind [--state DIR] [-f FILE] [CONTEXT... COMMAND [tag=value ...]]\n"
          "       sslbind --help | --version\n"
          "\n"
          "netsh's http ... sslcert commands over an emulated http.sys binding table, the machine's\n"
          "certificate stores, a handshake simulator and IIS's appcmd.\n"
          "\n"
          "Options:\n"
          "  --state DIR   the emulated machine's state (default $SSLBIND_STATE, else\n"
          "                ${XDG_STATE_HOME:-$HOME/.local/state}/sslbind), created mode 0700\n"
          "  -f FILE       run each line of FILE as a command, like netsh -f; an error names\n"
          "                FILE:LINE on standard error\n"
          "  --help, -h    this text, on standard output\n"
          "  --version     the version\n"
          "  --            end of options: the words after it are the command\n"
          "\n"
          "Ways to run: a command on the command line runs it and exits (0 success, 1 failure);\n"
          "-f FILE or a pipe on standard input runs each line (blank and # lines skipped) and\n"
          "exits 1 if any failed; with no command on a terminal it is interactive (Tab completes,\n"
          "Ctrl-C clears the line, Ctrl-D or exit leaves). Standard output carries netsh's text;\n"
          "standard error explains, after it, what netsh never says.\n"
          "\n",
          f);
    shell_print_commands(f);
    fputs("\nExamples:\n"
          "  sslbind http show sslcert\n"
          "  sslbind cert create subject=www.contoso.com\n"
          "  sslbind http add sslcert ipport=0.0.0.0:443 certhash=<hash> appid={4dc3e181-e14b-4a21-b022-59fc669b0914}\n"
          "  sslbind -f bindings.netsh\n"
          "\n"
          "Manual: man sslbind. Bash completion: shell/completion/sslbind.bash.\n",
          f);
}

/* Runs one line of a script: blank lines and lines starting with # are skipped. 1 if it failed. */
static int run_script_line(struct shell *sh, const char *line, size_t len)
{
    const char *p = line;
    int failed;

    while (p < line + len && (*p == ' ' || *p == '\t')) p++;
    if (p == line + len || *p == '#' || *p == '\n' || *p == '\r') return 0;
    failed = shell_run_line(sh, line, len);
    return failed;
}

/* A UTF-16 script is converted whole before it runs; past this size it is refused rather than
 * held (a stream with no end, `sslbind < /dev/zero` after a byte-order mark, would be held until
 * memory ran out). 2 bytes a character: a million lines of netsh commands is well under it. */
#define UTF16_SCRIPT_MAX ((size_t)256 << 20)

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
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && ftell(mem) <= (long)UTF16_SCRIPT_MAX)
        fwrite(chunk, 1, got, mem);
    if (fclose(mem) != 0) {
        free(all);
        return report_failure(sh, SSLB_ENOMEM, NULL);
    }
    if (ferror(f)) {
        free(all);
        return 1; /* run_script reports it */
    }
    if (len > UTF16_SCRIPT_MAX) {
        free(all);
        explain(sh, "%s: a UTF-16 script of more than %zu MiB: convert it to UTF-8, which is read line by line", name,
                UTF16_SCRIPT_MAX >> 20);
        report_failure(sh, SSLB_EINVAL, NULL);
        shell_flush(sh);
        return 1;
    }
    if ((rc = sslb_text_decode(all, len, &text, &textlen, &owned, &badline)) != SSLB_OK) {
        free(all);
        if (rc == SSLB_ECORRUPT) explain(sh, "%s:%zu: invalid UTF-16 text", name, badline);
        report_failure(sh, rc == SSLB_ECORRUPT ? SSLB_EINVAL : rc, NULL);
        shell_flush(sh);
        return 1;
    }
    sh->where = name;
    sh->line = 0;
    for (line = text; !sh->quit && line < text + textlen;) {
        const char *nl = memchr(line, '\n', (size_t)(text + textlen - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(text + textlen - line);
        sh->line++;
        failed |= run_script_line(sh, line, n);
        line += n + (nl != NULL);
    }
    sh->where = NULL;
    free(owned);
    free(all);
    return failed;
}

/* A line of a script as run_script reads it: at most LINE_KEEP of its bytes held, however long it
 * is (a line longer than the shell takes is refused whole, and its length and whether it holds a
 * NUL are all the refusal needs). getline held it all: a script without a newline (`sslbind <
 * /dev/zero`) grew its buffer until memory ran out, and under a memory limit the failed
 * allocation read as the end of the script (the rest not run, exit status 0). */
#define LINE_KEEP (SHELL_MAX_LINE + 8) /* a byte-order mark, CR LF and a byte over the limit */

struct script_line {
    char buf[LINE_KEEP];
    size_t kept;  /* bytes in buf */
    size_t total; /* bytes of the line, its newline included */
    size_t tail;  /* of them, the CRs and LF that end it */
    int nul;      /* it holds a NUL byte */
    int late;     /* its first byte past buf that is not a space or a tab; -1: none */
    int utf16;    /* the script's first two bytes are a UTF-16 byte-order mark (kept: 2) */
};

/* Reads the next line of f into *l; 0 at the end (or a read error: the caller checks ferror). */
static int read_line(FILE *f, struct script_line *l, int first)
{
    int c;

    l->kept = l->total = l->tail = 0;
    l->nul = l->utf16 = 0;
    l->late = -1;
    while ((c = getc_unlocked(f)) != EOF) {
        if (l->kept < LINE_KEEP) l->buf[l->kept++] = (char)c;
        else if (l->late < 0 && c != ' ' && c != '\t') l->late = c;
        l->total++;
        l->nul |= c == 0;
        l->tail = c == '\r' || c == '\n' ? l->tail + 1 : 0;
        if (c == '\n') break;
        if (first && l->total == 2 &&
            (((unsigned char)l->buf[0] == 0xff && (unsigned char)l->buf[1] == 0xfe) ||
             ((unsigned char)l->buf[0] == 0xfe && (unsigned char)l->buf[1] == 0xff))) {
            l->utf16 = 1;
            break;
        }
    }
    return l->total > 0;
}

/* run_script_line's test of a line too long to hold: blank, or a comment, however long. */
static int blank_or_comment(const struct script_line *l, size_t bom)
{
    int lead = l->late;
    for (size_t i = bom; i < l->kept; i++)
        if (l->buf[i] != ' ' && l->buf[i] != '\t') {
            lead = (unsigned char)l->buf[i];
            break;
        }
    return lead < 0 || lead == '#' || lead == '\n' || lead == '\r';
}

/* Runs every line of f (name: for messages); returns 1 if any command failed. Scripts may be
 * UTF-8, with or without a byte-order mark, or UTF-16 with one. */
static int run_script(struct shell *sh, FILE *f, const char *name)
{
    struct script_line *l = malloc(sizeof *l);
    int failed = 0, first = 1, e = 0;

    if (!l) return report_failure(sh, SSLB_ENOMEM, NULL);
    sh->where = name;
    sh->line = 0;
    errno = 0;
    while (!sh->quit && read_line(f, l, first)) {
        const char *p = l->buf;
        size_t len = l->kept, bom = 0;
        sh->line++;
        if (first) {
            const unsigned char *u = (const unsigned char *)l->buf;
            first = 0;
            if (l->utf16) {
                sh->where = NULL;
                failed = run_utf16_script(sh, f, name, l->buf, l->kept);
                break;
            }
            if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) bom = 3;
        }
        size_t text = l->total - l->tail - bom; /* what shell_exec_line measures: no CR or LF at the end */
        if (text <= SHELL_MAX_LINE) {           /* held whole (CRs past buf are all it lacks) */
            failed |= run_script_line(sh, p + bom, len - bom);
        } else if (!blank_or_comment(l, bom)) { /* refused as shell_exec_line refuses a line it holds */
            if (l->nul) explain(sh, "the line holds a NUL byte");
            else explain(sh, "the line is %zu bytes long: at most %d allowed", text, SHELL_MAX_LINE);
            out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
            shell_flush(sh);
            failed = 1;
        }
    }
    e = errno; /* of the read that stopped the loop, if one failed */
    sh->where = NULL;
    free(l);
    if (ferror(f)) {
        out_message(sh->out, sslb_strerror(SSLB_EREAD), NULL);
        explain(sh, "%s: %s", name, strerror(e));
        shell_flush(sh);
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
        out_message(sh->out,
                    sslb_strerror(e == ENOENT || e == ENOTDIR                ? SSLB_ENOTFOUND
                                  : e == EACCES || e == EISDIR || e == EPERM ? SSLB_EACCESS
                                                                             : SSLB_EREAD),
                    NULL);
        if (e == EISDIR) /* Windows opens no directory as a file: netsh's own text is 5's */
            explain(sh,
                    "%s: is a directory, not a script (Windows refuses to open a directory as a file: hence "
                    "Access is denied)",
                    path);
        else explain(sh, "%s: %s", path, strerror(e));
        shell_flush(sh);
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

/* Splits line[0..len) into words at blanks (the words before the one being completed). */
static int words_before(const char *line, int len, char *buf, size_t bufsize, char **words)
{
    char *save = NULL, *w;
    int n = 0;

    if (len > (int)bufsize - 1) len = (int)bufsize - 1;
    memcpy(buf, line, (size_t)len);
    buf[len] = '\0';
    for (w = strtok_r(buf, " \t", &save); w && n < SHELL_MAX_WORDS; w = strtok_r(NULL, " \t", &save)) words[n++] = w;
    return n;
}

static char **complete(const char *text, int start, int end)
{
    char buf[SHELL_MAX_LINE], *words[SHELL_MAX_WORDS];
    int n, only_tag = 0;

    (void)end;
    for (int i = 0; i < current.n; i++) free(current.v[i]);
    current.n = 0;
    n = words_before(rl_line_buffer, start, buf, sizeof buf, words);
    shell_complete(the_shell, words, n, text, add_cand, &current);
    for (int i = 0; i < current.n; i++) only_tag |= current.v[i][strlen(current.v[i]) - 1] == '=';
    rl_completion_append_character = only_tag && current.n == 1 ? '\0' : ' ';
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, cand_generator);
}

/* Ctrl-C: the terminal sends SIGINT. At the prompt the handler is installed without SA_RESTART:
 * the read below returns EINTR and the line is given up. While a command runs it is installed
 * with SA_RESTART: a write blocked on a paused or slow terminal goes on (an EINTR would be a
 * sticky write error of stdout, the rest of the output lost), and only a wait that returns EINTR
 * whatever the flag (the lock wait's sleep, core/src/file.c) gives up. */
static volatile sig_atomic_t interrupted;
static int line_cancelled;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* What read_char returns for bytes that are no UTF-8 character: U+0080, a C1 control, which
 * libedit's key map leaves unassigned: it rings the bell and inserts nothing. So what the screen
 * shows is what runs, as -f refuses such bytes (a U+FFFD in their place would be shown and run as
 * another character). */
#define NOT_UTF8 0x80

/* libedit's character source: one UTF-8 character as its code point, or '\n' ending the line
 * when Ctrl-C interrupted the read (the line is then discarded), or -1 at end of input. The
 * decoder is strict (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF; a byte
 * that ends a broken sequence is kept for the next call, never swallowed. */
static int read_char(FILE *f)
{
    static int pending = -1; /* the byte that ended a broken sequence */
    unsigned char b[4];
    int need = 0, got = 0, fd = fileno(f);

    for (;;) {
        ssize_t r;
        if (interrupted) {
            interrupted = 0;
            line_cancelled = 1;
            pending = -1;
            return '\n';
        }
        if (pending >= 0) {
            b[got] = (unsigned char)pending;
            pending = -1;
            r = 1;
        } else {
            r = read(fd, b + got, 1);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) return got ? NOT_UTF8 : -1;
        }
        if (got++ == 0) {
            if (b[0] < 0x80) return b[0];
            need = b[0] >= 0xc2 && b[0] <= 0xdf   ? 2
                   : b[0] >= 0xe0 && b[0] <= 0xef ? 3
                   : b[0] >= 0xf0 && b[0] <= 0xf4 ? 4
                                                  : 0;
            if (!need) return NOT_UTF8; /* a continuation byte, C0/C1 (overlong) or F5-FF */
            continue;
        }
        {
            unsigned char c = b[got - 1];
            /* the second byte's range rules out overlongs, surrogates and what is above U+10FFFF */
            unsigned lo = got != 2 ? 0x80 : b[0] == 0xe0 ? 0xa0 : b[0] == 0xf0 ? 0x90 : 0x80;
            unsigned hi = got != 2 ? 0xbf : b[0] == 0xed ? 0x9f : b[0] == 0xf4 ? 0x8f : 0xbf;
            if (c < lo || c > hi) {
                if ((c & 0xc0) != 0x80) pending = c; /* not a continuation: it starts what follows */
                return NOT_UTF8;
            }
        }
        if (got == need) {
            int cp = need == 2 ? b[0] & 0x1f : need == 3 ? b[0] & 0x0f : b[0] & 0x07;
            for (int i = 1; i < need; i++) cp = (cp << 6) | (b[i] & 0x3f);
            return cp;
        }
    }
}

static int run_interactive(struct shell *sh)
{
    struct sigaction sa, sa_cmd, old;
    char *hist = NULL, *line;
    int failed = 0, edfd = dup(fileno(stdout));
    FILE *edout = edfd >= 0 ? fdopen(edfd, "w") : NULL;

    the_shell = sh;
    sh->interactive = 1;
    if (asprintf(&hist, "%s/history", sh->state_dir) < 0) hist = NULL;
    { /* only a regular file (or none yet): opening a FIFO there would wait for a writer for ever */
        struct stat st;
        if (hist && stat(hist, &st) == 0 && !S_ISREG(st.st_mode)) {
            fprintf(stderr, "sslbind: %s is not a regular file: no history kept\n", hist);
            free(hist);
            hist = NULL;
        }
    }
    /* libedit edits wide characters: UTF-8 in and out whatever the user's locale (C.UTF-8 maps
     * ASCII case as C does; nothing else here depends on the locale). */
    setlocale(LC_CTYPE, "C.UTF-8");
    rl_getc_function = read_char; /* before using_history(), which initializes libedit */
    /* libedit's echo and prompt on a stream of their own (the same file): a write of the echo
     * that fails (Ctrl-C while Ctrl-S paused the terminal: EINTR) must not leave stdout's
     * sticky error, which would fail the session at its end (close_stdout). */
    if (edout) rl_outstream = edout;
    else if (edfd >= 0) close(edfd);
    using_history();
    stifle_history(1000);
    if (hist) read_history(hist);
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t";
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint; /* no SA_RESTART: the read must return */
    sigemptyset(&sa.sa_mask);
    sa_cmd = sa;
    sa_cmd.sa_flags = SA_RESTART; /* a command's writes are not cut short */
    sigaction(SIGINT, &sa, &old);
    /* a Ctrl-C that lands just before a command's lock wait, or between two of its sleeps, ends
     * it too (the flag is cleared before each line) */
    sslb_lock_wait_flag(&interrupted);
    printf("sslbind %s - the http.sys SSL binding table. Type ? for help, exit to leave.\n", SSLB_VERSION_STRING);
    fflush(stdout);
    for (;;) {
        interrupted = 0;
        line_cancelled = 0;
        if (edout) clearerr(edout);
        if (sh->quit || !(line = readline(shell_prompt(sh)))) break;
        if (line_cancelled) { /* Ctrl-C: forget the line, a fresh prompt */
            free(line);
            continue;
        }
        if (line[0]) {
            /* a password= tag (cert import|export's PKCS#12 password, quoted or not) stays out
             * of the history file, as database clients do */
            if (!shell_line_has_password(line)) {
                add_history(line);
                if (hist) write_history(hist);
            }
            sigaction(SIGINT, &sa_cmd, NULL);
            int f = shell_run_line(sh, line, strlen(line));
            /* exit, quit, bye: the status stays the previous command's, as at Ctrl-D and in a
             * script (and in bash) */
            if (f || !sh->quit) failed = f;
            fflush(sh->out);
            sigaction(SIGINT, &sa, NULL);
        }
        free(line);
        fflush(sh->out);
    }
    sigaction(SIGINT, &old, NULL);
    sslb_lock_wait_flag(NULL);
    if (!sh->quit) putchar('\n');
    for (int i = 0; i < current.n; i++) free(current.v[i]);
    free(current.v);
    current = (struct cands){NULL, 0, 0};
    free(hist);
    if (edout) fflush(edout); /* left open: libedit keeps it until the exit */
    return failed;
}

/* ---- --complete: the bash completion's back end ------------------------------------------------ */

static void print_cand(void *ctx, const char *word)
{
    (void)ctx;
    puts(word);
}

/* sslbind --complete CWORD WORD0 WORD1 …: prints, one a line, the words that may stand at index
 * CWORD of the command line WORD0 … (WORD0 the program's name; the word at CWORD, if any, is the
 * prefix typed). The same completer as the interactive shell's; the state is --state's if the line
 * gives one, else the default, and only read, never created. */
static int complete_cmdline(struct shell *sh, char *state, int cword, int argc, char **argv)
{
    static const char *const options[] = {"--state", "-f", "--help", "--version", "--", NULL};
    const char *base, *prefix;
    char *words[SHELL_MAX_WORDS];
    int i = 1, n = 0, as_appcmd;
    struct stat st;
    sslb_diag d;

    if (argc < 1 || cword < 1 || cword > argc) {
        free(state);
        return 0;
    }
    base = strrchr(argv[0], '/');
    as_appcmd = is_appcmd_word(base ? base + 1 : argv[0]);
    prefix = cword < argc ? argv[cword] : "";
    for (; i < cword; i++) { /* options before the command */
        if (strcmp(argv[i], "--state") == 0 || strcmp(argv[i], "-f") == 0) {
            if (i + 1 >= cword) { /* its value is being typed: a file or directory, bash completes it */
                free(state);
                return 0;
            }
            if (argv[i][1] == '-') {
                free(state);
                state = strdup(argv[i + 1]);
            }
            i++;
        } else if (strncmp(argv[i], "--state=", 8) == 0) {
            free(state);
            state = strdup(argv[i] + 8);
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (argv[i][0] != '-') {
            break;
        }
    }
    if (i == cword && prefix[0] == '-') {
        for (const char *const *o = options; *o; o++)
            if ((!as_appcmd || strcmp(*o, "-f") != 0) && strncmp(*o, prefix, strlen(prefix)) == 0) puts(*o);
        free(state);
        return 0;
    }
    if (!state && sslb_state_dir_find(&state, &d) != SSLB_OK) state = NULL;
    if (state && stat(state, &st) == 0 && S_ISDIR(st.st_mode)) sh->state_dir = state; /* else no values */
    for (; i < cword && n < SHELL_MAX_WORDS; i++) words[n++] = argv[i];
    if (as_appcmd) appcmd_complete(sh, words, n, prefix, print_cand, NULL);
    else shell_complete(sh, words, n, prefix, print_cand, NULL);
    fflush(stdout);
    sh->state_dir = NULL;
    free(state);
    return 0;
}

/* Flushes and closes standard output, as the last step of every run: output that could not be
 * written (a full disk, /dev/full, a closed stdout) is a failure the caller must see, even after
 * a command whose change was made. seen: the errno of an earlier failed flush (shell_flush's),
 * else 0. 0, or 1 after naming the error on stderr. */
static int close_stdout(const char *prog, int seen)
{
    int err = seen, failed = seen != 0;

    errno = 0;
    if (fflush(stdout) != 0) {
        if (!err) err = errno;
        failed = 1;
    }
    failed |= ferror(stdout) != 0;
    if (fclose(stdout) != 0) {
        if (!err) err = errno;
        failed = 1;
    }
    if (!failed) return 0;
    /* A write that failed before the end, with nothing left to flush, leaves no errno behind. */
    fprintf(stderr, "%s: standard output: %s\n", prog, err ? strerror(err) : "write error");
    return 1;
}

static int unknown_option(const char *prog, const char *opt)
{
    fprintf(stderr, "%s: unknown option '%s' (%s --help lists the options)\n", prog, opt, prog);
    return 1;
}

/* A state directory named by --state or SSLBIND_STATE is made when missing, but not its parents:
 * a mistyped name (--state /srv/sslbnd/a) would otherwise be a new, empty machine, silently.
 * 1 (said) when DIR is missing and so is its parent. */
static int parent_missing(const char *prog, const char *dir)
{
    char parent[4096];
    struct stat st;
    size_t n = strlen(dir);

    if (stat(dir, &st) == 0 || errno != ENOENT || n >= sizeof parent) return 0;
    memcpy(parent, dir, n + 1);
    while (n > 1 && parent[n - 1] == '/') parent[--n] = '\0';
    char *slash = strrchr(parent, '/');
    if (!slash) return 0; /* relative, in the current directory: there */
    if (slash == parent) slash[1] = '\0';
    else *slash = '\0';
    if (stat(parent, &st) == 0 || errno != ENOENT) return 0;
    fprintf(stderr,
            "%s: state directory %s: %s does not exist (sslbind makes the state directory when it is missing, not "
            "its parents: is the name mistyped?)\n",
            prog, dir, parent);
    return 1;
}

int main(int argc, char **argv)
{
    struct shell sh;
    const char *script = NULL, *prog;
    char *state = NULL;
    int i, rc = 1, status = 0, as_appcmd;
    sslb_diag d;

    sslb_hold_std_fds();
    /* A file-size limit (ulimit -f) makes a write past it fail with EFBIG, said as error 29 and
     * nothing changed, instead of SIGXFSZ killing the command without a word, reads too (WAS
     * records its state): review 35 F4. */
    signal(SIGXFSZ, SIG_IGN);
    memset(&sh, 0, sizeof sh);
    sh.out = stdout;
    sh.err = stderr;
    { /* called as appcmd (build/bin/appcmd): appcmd's grammar for the whole command line */
        const char *base = strrchr(argv[0], '/');
        as_appcmd = is_appcmd_word(base ? base + 1 : argv[0]);
    }
    prog = as_appcmd ? "appcmd" : "sslbind";
    for (i = 1; i < argc; i++) {
        if ((strcmp(argv[i], "--state") == 0 && i + 1 < argc && !argv[i + 1][0]) || strcmp(argv[i], "--state=") == 0) {
            fprintf(stderr, "%s: --state needs a value\n", prog); /* an empty name: no directory */
            goto done;
        } else if ((strcmp(argv[i], "--state") == 0 && i + 1 < argc) || strncmp(argv[i], "--state=", 8) == 0) {
            free(state);
            if (!(state = strdup(argv[i][7] ? argv[i] + 8 : argv[++i]))) { /* not the default instead */
                fprintf(stderr, "%s: out of memory\n", prog);
                goto done;
            }
        } else if (strcmp(argv[i], "--help") == 0 || (!as_appcmd && strcmp(argv[i], "-h") == 0)) {
            if (as_appcmd) appcmd_usage(stdout);
            else usage(stdout);
            rc = 0;
            goto done;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("%s %s\n", prog, SSLB_VERSION_STRING);
            rc = 0;
            goto done;
        } else if (strcmp(argv[i], "--complete") == 0 && i + 1 < argc) { /* hidden: bash completion */
            char *end;
            long cword = strtol(argv[i + 1], &end, 10);
            if (*end || end == argv[i + 1] || cword < 0 || cword > SHELL_MAX_WORDS) {
                fprintf(stderr, "%s: --complete CWORD WORD0 WORD1...: CWORD is an index, 0 to %d\n", prog,
                        SHELL_MAX_WORDS);
                goto done;
            }
            rc = complete_cmdline(&sh, state, (int)cword, argc - i - 2, argv + i + 2);
            state = NULL; /* complete_cmdline took it */
            goto done;
        } else if ((strcmp(argv[i], "--state") == 0 || (!as_appcmd && strcmp(argv[i], "-f") == 0)) && i + 1 >= argc) {
            fprintf(stderr, "%s: %s needs a value\n", prog, argv[i]);
            goto done;
        } else if (as_appcmd && strcmp(argv[i], "--") == 0) { /* as for sslbind: ends the options */
            i++;
            break;
        } else if (as_appcmd && argv[i][0] == '-' && argv[i][1] == '-' && argv[i][2]) {
            unknown_option(prog, argv[i]);
            goto done;
        } else if (as_appcmd) {
            break; /* appcmd's own words: /?, -section:…, verbs */
        } else if (strcmp(argv[i], "-f") == 0) {
            if (script) { /* the last would win, and the first script's commands never run, silently */
                fprintf(stderr,
                        "%s: -f is given twice (%s, then %s): one script a run; run each with its own -f, or "
                        "join them (cat A B | %s)\n",
                        prog, script, argv[i + 1], prog);
                goto done;
            }
            script = argv[++i];
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (argv[i][0] == '-' && argv[i][1] && !(argv[i][1] == '-' && !argv[i][2])) {
            unknown_option(prog, argv[i]);
            goto done;
        } else {
            break;
        }
    }
    if (script && i < argc) {
        fprintf(stderr, "%s: -f %s runs a script: a command cannot follow it ('%s')\n", prog, script, argv[i]);
        goto done;
    }
    const char *env_state = getenv("SSLBIND_STATE");
    int named = state || (env_state && *env_state); /* not the XDG default, whose parents may be new */
    if (!state) {
        sslb_rc found = sslb_state_dir_find(&state, &d);
        if (found != SSLB_OK) {
            fprintf(stderr, "%s: %s\n", prog, found == SSLB_ENOMEM ? "out of memory" : d.text);
            goto done;
        }
    }
    if (named && parent_missing(prog, state)) goto done;
    sh.state_dir = state;
    /* Create the state directory (0700) up front: history and the store live there. */
    if (sslb_store_open(state, &sh.store, &d) != SSLB_OK) {
        fprintf(stderr, "%s: %s\n", prog, d.text);
        goto done;
    }

    if (as_appcmd) {
        unsigned before = sh.explained;
        rc = appcmd_exec(&sh, argc - i, argv + i);
        if (rc && sh.explained == before) explain(&sh, "appcmd failed");
    } else if (i < argc) {
        char typed[SHELL_MAX_LINE];
        size_t n = 0;
        typed[0] = '\0';
        for (int k = i; k < argc && n < sizeof typed; k++)
            n += (size_t)snprintf(typed + n, sizeof typed - n, "%s%s", k > i ? " " : "", argv[k]);
        rc = shell_run_words(&sh, argc - i, argv + i, typed);
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
    shell_close(&sh);
    free(state);
    if (close_stdout(prog, sh.out_errno)) return 1;
    return status ? status : rc ? 1 : 0;
}
