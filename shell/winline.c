/* winline.c — what Windows does to a line pasted from a script or a document before netsh or
 * appcmd sees it: the C runtime splits it into words; cmd.exe and PowerShell run the program
 * their launch words name (PowerShell's call operator &, cmd /c, call), and keep for themselves
 * the redirections, the words that join commands and PowerShell's stop-parsing token --%. One
 * reading for both front ends: netsh's (commands.c) and appcmd's (appcmd.c). */
#include <stdio.h>
#include <string.h>

#include "shell.h"

/* Splits a line into words at blanks, as Windows' C runtime splits a command line: "double
 * quotes" group, and are removed; backslashes are literal except before a double quote, where
 * 2n of them are n and the quote groups, and 2n+1 are n and a literal quote (\" is "); "" inside
 * quotes is a literal quote. */
int shell_split_words(char *line, char **words, int max, int *open)
{
    int n = 0;
    char *r = line, *w;

    while (*r) {
        while (*r == ' ' || *r == '\t') r++;
        if (!*r) break;
        if (n == max) return -1;
        words[n++] = w = r;
        int quoted = 0;
        for (; *r && (quoted || (*r != ' ' && *r != '\t')); r++) {
            if (*r == '\\') {
                size_t nb = strspn(r, "\\");
                if (r[nb] != '"') {
                    memmove(w, r, nb);
                    w += nb;
                } else {
                    memmove(w, r, nb / 2);
                    w += nb / 2;
                    if (nb % 2) *w++ = '"', nb++; /* \" : a quote that does not group */
                }
                r += nb - 1;
            } else if (*r == '"' && quoted && r[1] == '"') {
                *w++ = '"'; /* "" inside quotes: a literal quote, still quoted (the runtime since VS2008) */
                r++;
            } else if (*r == '"') {
                quoted = !quoted;
            } else {
                *w++ = *r;
            }
        }
        if (quoted) { /* Windows' runtime ends an open quote with the line; netsh lines are refused */
            if (!open) return -2;
            *open = 1;
        }
        if (*r) r++;
        *w = '\0';
    }
    return n;
}

/* Where the word that starts at r (no blank) ends in the line as typed: shell_split_words' reading
 * of quotes and backslashes, without the rewriting. */
static const char *word_end(const char *r)
{
    int quoted = 0;

    for (; *r && (quoted || (*r != ' ' && *r != '\t')); r++) {
        if (*r == '\\') {
            size_t nb = strspn(r, "\\");
            if (r[nb] == '"' && nb % 2) nb++; /* \" : a quote that does not group */
            r += nb - 1;
        } else if (*r == '"' && quoted && r[1] == '"') {
            r++;
        } else if (*r == '"') {
            quoted = !quoted;
        }
    }
    return r;
}

void shell_typed_kept(const char *typed, int argc, char *const *argv, int first, char *out, size_t cap)
{
    const char *r, *e, *prev = typed;
    size_t l = 0;
    int n = 0;

    out[0] = '\0';
    for (r = typed + strspn(typed, " \t"); *r; r = e + strspn(e, " \t")) e = word_end(r), n++;
    if (n != argc) { /* the one-shot mode's words, joined, one of them holding a blank */
        for (int i = first; i < argc && l < cap; i++)
            if (argv[i]) l += (size_t)snprintf(out + l, cap - l, "%s%s", l ? " " : "", argv[i]);
        return;
    }
    n = 0;
    for (r = typed + strspn(typed, " \t"); *r && l < cap; r = e + strspn(e, " \t"), n++) {
        e = word_end(r);
        if (n >= first && argv[n]) /* the blanks before it as typed, then the word */
            l += (size_t)snprintf(out + l, cap - l, "%.*s%.*s", l ? (int)(r - prev) : 0, prev, (int)(e - r), r);
        prev = e;
    }
}

/* ---- launch words: what runs the program ------------------------------------------------------ */

static int is_program(const char *w)
{
    return is_appcmd_word(w) || is_program_word(w, "netsh");
}

/* cmd.exe's switches that may come before /c and change nothing here but /s (quotes): /d /q /s
 * /a /u, and /e: /f: /v: /t: with their values. */
static int cmd_switch(const char *w, int *s)
{
    if (w[0] != '/' || !w[1]) return 0;
    if (!w[2] && strchr("dqsauDQSAU", w[1])) {
        *s |= w[1] == 's' || w[1] == 'S';
        return 1;
    }
    return w[2] == ':' && strchr("efvtEFVT", w[1]) != NULL;
}

void shell_launch_read(int argc, char **argv, struct shell_launch *l)
{
    int i = 0;

    memset(l, 0, sizeof *l);
    while (i < argc) {
        const char *w = argv[i];
        /* PowerShell's call operator; cmd.exe's call */
        if (strcmp(w, "&") == 0 || sslb_ascii_casecmp(w, "call") == 0) {
            l->what = w[0] == '&' ? "&" : "call";
            i++;
            continue;
        }
        if (w[0] == '&' && is_program(w + 1)) { /* &"C:\…\appcmd.exe", &netsh: the operator needs no blank */
            argv[i]++;
            l->what = "&";
            break;
        }
        size_t n = strlen(w);
        if (l->what && l->what[0] == '&' && n > 2 && w[0] == '\'' && w[n - 1] == '\'') {
            /* & 'C:\…\appcmd.exe': PowerShell's quotes around the program's path, which it removes */
            argv[i][n - 1] = '\0';
            if (is_program(w + 1)) argv[i]++;
            else argv[i][n - 1] = '\'';
            break;
        }
        if (is_program_word(w, "cmd") || sslb_ascii_casecmp(w, "%comspec%") == 0) {
            int j = i + 1, s = 0;
            while (j < argc && cmd_switch(argv[j], &s)) j++;
            if (j < argc && (sslb_ascii_casecmp(argv[j], "/c") == 0 || sslb_ascii_casecmp(argv[j], "/k") == 0)) {
                l->cmd_k = argv[j][1] == 'k' || argv[j][1] == 'K';
                l->cmd_c = !l->cmd_k;
                l->cmd_s = s;
                l->what = l->cmd_k ? "cmd /k" : "cmd /c";
                i = j + 1;
            } else {
                l->cmd_alone = 1;
            }
        }
        break;
    }
    l->next = i;
}

/* What cmd /c does to the quotes of the command line after it (rest, no blank first), in place
 * (cmd /?): the first and the last go, unless two stay (shell_cmd_c_line). */
static void cmd_quotes(char *rest, int s)
{
    char *second, *last;
    size_t quotes = 0;

    if (rest[0] != '"') return;
    for (const char *p = rest; *p; p++) quotes += *p == '"';
    second = strchr(rest + 1, '"');
    /* cmd /?: exactly two quotes, no special character and a blank between them, and an
     * executable's name inside (here: netsh's or appcmd's) keep their quotes, unless /s */
    if (!s && quotes == 2 && second && (size_t)(second - rest - 1) == strcspn(rest + 1, "&<>()@^|\"") &&
        strcspn(rest + 1, " \t") < (size_t)(second - rest - 1)) {
        *second = '\0';
        int keep = is_program(rest + 1);
        *second = '"';
        if (keep) return;
    }
    last = strrchr(rest, '"');
    if (last != rest) memmove(last, last + 1, strlen(last + 1) + 1);
    memmove(rest, rest + 1, strlen(rest + 1) + 1);
}

size_t shell_cmd_c_line(char *line, const char *buf, char *const *words, int n, int next, int s)
{
    char tmp[SHELL_MAX_LINE + 1];
    const char *head = line + (words[next] - buf), *head_end = head, *tail = NULL;
    int j = next;
    size_t l;

    while (j < n && !shell_operator(words[j])) j++; /* the outer shell's from there on */
    if (j > next) head_end = word_end(line + (words[j - 1] - buf));
    if (j < n) tail = line + (words[j] - buf);
    l = (size_t)(head_end - head);
    memcpy(tmp, head, l);
    tmp[l] = '\0';
    cmd_quotes(tmp, s);
    l = strlen(tmp);
    if (tail) l += (size_t)snprintf(tmp + l, sizeof tmp - l, "%s%s", l ? " " : "", tail);
    memcpy(line, tmp, l + 1); /* never longer than line was: it only loses words and quotes */
    return l;
}

/* ---- the shell's words among the program's ------------------------------------------------- */

int shell_operator(const char *w)
{
    /* >, >>, <, and a handle's: 2>nul, 2>&1, 0<in (cmd.exe's 0-9), PowerShell's *>$null */
    if (w[0] == '>' || w[0] == '<' || (((w[0] >= '0' && w[0] <= '9') || w[0] == '*') && (w[1] == '>' || w[1] == '<')))
        return 1;
    if (w[0] == '|' || w[0] == '&') return 2;
    return 0;
}

int shell_quoted(const struct shell *sh, const char *w)
{
    for (int i = 0; i < sh->nquoted; i++)
        if (sh->quoted[i] == w) return 1;
    return 0;
}

/* The shell's operator argv[i] is, as shell_operator says; 0 for a word that began in quotes. */
static int operator_at(const struct shell *sh, char *const *argv, int i)
{
    return argv[i] && !shell_quoted(sh, argv[i]) ? shell_operator(argv[i]) : 0;
}

/* PowerShell's "| Out-Null" (or "|Out-Null") ending the line at argv[i]: the words it takes (1 or
 * 2), else 0. It runs no other command: it only discards the output, as a redirection to nul. */
static int out_null(const struct shell *sh, int argc, char *const *argv, int i)
{
    int take;

    if (shell_quoted(sh, argv[i])) return 0;
    if (strcmp(argv[i], "|") == 0) {
        if (i + 1 >= argc || !argv[i + 1] || sslb_ascii_casecmp(argv[i + 1], "Out-Null") != 0) return 0;
        take = 2;
    } else if (argv[i][0] == '|' && sslb_ascii_casecmp(argv[i] + 1, "Out-Null") == 0) {
        take = 1;
    } else {
        return 0;
    }
    for (int j = i + take; j < argc; j++)
        if (argv[j]) return 0; /* more after it: another command's words */
    return take;
}

int shell_syntax(struct shell *sh, int argc, char **argv, const char *program)
{
    char shown[128], target[128];
    int stop = 0;

    for (int i = 0; i < argc; i++)
        if (operator_at(sh, argv, i) == 2 &&
            !out_null(sh, argc, argv, i)) { /* another command's: refused whole, nothing run */
            snprintf(shown, sizeof shown, "%s", argv[i]);
            echo_safe(shown);
            explain(sh,
                    "'%s' joins commands in cmd.exe%s, which sslbind does not run: give each %s command on its own "
                    "line%s; nothing changed",
                    shown, shown[0] == '|' && shown[1] != '|' ? " and PowerShell" : "", program,
                    strcmp(program, "appcmd") == 0 ? " (appcmd /in is not emulated)" : "");
            return -1;
        }
    for (int i = 0; i < argc; i++) {
        if (!argv[i]) continue;
        if (!stop && strcmp(argv[i], "--%") == 0) { /* PowerShell passes the rest as cmd.exe would */
            stop = 1;
            argv[i] = NULL;
            continue;
        }
        int on = out_null(sh, argc, argv, i);
        if (on) {
            explain(sh,
                    "note: '| Out-Null' is PowerShell's, not %s's: it only discards the output: ignored, the output "
                    "comes here (redirect the whole command in your shell instead)",
                    program);
            argv[i] = NULL;
            if (on == 2) argv[i + 1] = NULL;
            break;
        }
        if (operator_at(sh, argv, i) != 1) continue;
        /* the shell's, not the program's: dropped, with its target when apart ("> file") */
        size_t n = strlen(argv[i]);
        int open_end = argv[i][n - 1] == '>' || argv[i][n - 1] == '<';
        int apart = open_end && i + 1 < argc && argv[i + 1];
        snprintf(shown, sizeof shown, "%s", argv[i]);
        if (open_end && !apart) { /* "2>" ending the line: no file */
            echo_safe(shown);
            explain(sh,
                    "'%s' redirects to no file: cmd.exe refuses the line (\"The syntax of the command is incorrect.\") "
                    "and runs nothing; nothing changed",
                    shown);
            return -1;
        }
        snprintf(target, sizeof target, "%s", apart ? argv[i + 1] : "");
        echo_safe(shown);
        echo_safe(target);
        explain(sh,
                "note: '%s%s%s' is %s redirection, not %s's: ignored, the output comes here (redirect the whole "
                "command in your shell instead)",
                shown, apart ? " " : "", target,
                strchr(shown, '$') || strchr(target, '$') || shown[0] == '*' ? "PowerShell's" : "cmd.exe's", program);
        argv[i] = NULL;
        if (apart) argv[++i] = NULL;
    }
    return 0;
}

int shell_compact(int argc, char **argv)
{
    int m = 0;

    for (int i = 0; i < argc; i++)
        if (argv[i]) argv[m++] = argv[i];
    return m;
}
