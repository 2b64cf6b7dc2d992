/* shell.h — what the shell's files share: the shell state, the command table's row type, the
 * tag=value parser, and the output helpers. Nothing here is exported from the executable.
 */
#ifndef SSLBIND_SHELL_H
#define SSLBIND_SHELL_H

#include <stdio.h>

#include "sslb/apphost.h"
#include "sslb/certstore.h"
#include "sslb/endpoint.h"
#include "sslb/error.h"
#include "sslb/param.h"
#include "sslb/store.h"
#include "sslb/table.h"

#define SHELL_MAX_WORDS 64
#define SHELL_MAX_LINE 8192
#define SHELL_MAX_PUSHD 64 /* netsh's pushd stack, deeper is refused */

/* Contexts: the top level and netsh's sub-contexts. */
enum context { CTX_TOP, CTX_HTTP, CTX_CERT, CTX_SIM, CTX_IIS, CTX_COUNT };

struct shell {
    enum context ctx;
    const char *state_dir;
    sslb_store *store; /* NULL until first needed */
    sslb_table *table;
    sslb_certstore *certs; /* NULL until first needed */
    sslb_apphost *apphost; /* applicationHost.config, NULL until first needed */
    int other_config;      /* 1 while apphost is appcmd's /apphostconfig file: not this server's */
    sslb_server *server;   /* this server's addresses and site state, NULL until first needed */
    int loaded;            /* table holds the store's contents */
    int exit_code;         /* when not 0, the exit status a one-shot command asks for (sim exit=result) */
    int interactive;
    int quit;                             /* exit/quit/bye seen */
    FILE *out;                            /* netsh's text */
    int out_errno;                        /* the first failed flush of out's errno, for the exit */
    FILE *err;                            /* our explanations */
    enum context pushed[SHELL_MAX_PUSHD]; /* pushd's stack of contexts */
    int depth;
    const char *where; /* the script being run ("standard input", a path), else NULL */
    size_t line;       /* its line number, counted from 1 */
    char *pending;     /* explanations of the running command: written after its output */
    size_t pendlen, pendcap;
    char pasted[1024];  /* a note on the typographic characters a word of the command holds, said
                         * after its first explanation (pasted_watch); "" when none */
    unsigned pasted_cp; /* the note's one character, 0 for several: an explanation that names it
                         * already (certhash's "U+00A0 (NO-BREAK SPACE)") needs no note */
    const char *pasted_name;
    unsigned explained; /* explanations so far (a failure without one gets a generic one) */
    int quiet;          /* completing: no output at all */
    /* the words of the line being run that begin in double quotes as typed (">nul" quoted is the
     * program's word, not a redirection: shell_syntax); none outside a pasted line */
    char *const *quoted;
    int nquoted;
};

/* ---- tags ------------------------------------------------------------------------------ */

enum tagtype {
    T_IPPORT,
    T_HOSTPORT,
    T_CCS,
    T_SCOPEDCCS, /* the four key tags, in sslb_kind order */
    T_HASH,
    T_GUID,
    T_STRING,
    T_BOOL,  /* enable|disable: v.on */
    T_YESNO, /* yes|no, the answer to a question (reassign=, overwrite=): v.on */
    T_U32,
};

/* One tag a command accepts. */
struct tagdef {
    const char *tag; /* lower-case, as netsh spells it */
    enum tagtype type;
    int required;      /* missing → "essential parameters"; shown bare in the usage */
    const char *value; /* usage placeholder: "<ip:port>", "enable|disable" */
    const char *help;  /* one line for the Parameters section */
};

struct tagval {
    const struct tagdef *def;
    const char *text; /* the value as typed */
    union {
        sslb_key key;
        uint8_t hash[SSLB_CERTHASH_LEN];
        sslb_guid guid;
        uint32_t u32;
        int on;
    } v;
};

struct parsed {
    int n;
    struct tagval tv[SHELL_MAX_WORDS];
};

/* The outcomes of parsing a command's tags. */
enum tagres { TAGS_OK, TAGS_BAD /* 87 */, TAGS_MISSING /* essential parameters */ };

/* Parses words "tag=value" against defs (terminated by a row with tag NULL): unknown, repeated
 * or malformed tags and values are TAGS_BAD, with one explanation written to sh->err. */
enum tagres tags_parse(struct shell *sh, const struct tagdef *defs, int argc, char **argv, struct parsed *out);

/* The value of tag, or NULL. */
const struct tagval *tags_get(const struct parsed *p, const char *tag);

/* ---- the command table ----------------------------------------------------------------- */

struct cmd_row;
typedef int (*cmd_fn)(struct shell *sh, const struct cmd_row *row, int argc, char **argv);

/* One command: in which context, its words, what it does, its tags and its usage text. The same
 * rows drive dispatch, abbreviation, help and completion. */
struct cmd_row {
    enum context ctx;
    const char *verb;   /* "add" */
    const char *object; /* "sslcert"; NULL when the verb takes tags directly ("cert create") */
    cmd_fn fn;
    const struct tagdef *tags;
    const char *summary;  /* "Adds an SSL server certificate binding." */
    const char *synopsis; /* the key part of the Usage line, NULL: every tag on its own line */
    const char *usage;    /* the text after the generated "Usage:" lines */
};

extern const struct cmd_row http_rows[], cert_rows[], sim_rows[], iis_rows[];
extern const int http_nrows, cert_nrows, sim_nrows, iis_nrows;

/* ---- a line as Windows reads it (winline.c) ---------------------------------------------- */

/* Splits line in place into at most max words as Windows' C runtime splits a command line
 * (double quotes group and go, backslashes before a quote halve, "" inside quotes is a quote).
 * The number of words; -1 for more than max; -2 when a quote is left open and open is NULL, else
 * *open = 1 and the quote ends with the line. Each word starts where it starts in line as typed. */
int shell_split_words(char *line, char **words, int max, int *open);

/* Into out (cap bytes): typed, which argv[0..argc-1] were split from, from word first on without
 * the words argv holds as NULL (what the shell took out), the blanks between words as typed —
 * what netsh's command line holds. When typed does not split into argc words (the one-shot
 * mode's words joined, one holding a blank), the kept words joined by blanks. */
void shell_typed_kept(const char *typed, int argc, char *const *argv, int first, char *out, size_t cap);

/* The launch words in front of the program word: PowerShell's call operator ("&", or "&" glued
 * to netsh's or appcmd's word), cmd.exe's "call", and "cmd /c" (cmd, cmd.exe, a path to it or
 * %ComSpec%, with /d /q /s /a /u /e: /f: /v: /t: before /c, any case). Stops after cmd /c, whose
 * rest is a command line of its own (shell_cmd_c_line). */
struct shell_launch {
    int next;         /* the index of the first word after the launch words (the program's, if any) */
    int cmd_c, cmd_s; /* the last ones were cmd /c, with /s */
    int cmd_k;        /* cmd /k: runs the command, then waits at cmd.exe's prompt (refused) */
    int cmd_alone;    /* cmd without /c or /k: cmd.exe's own prompt (refused) */
    const char *what; /* the last launch words for an explanation ("&", "call", "cmd /c"), NULL if none */
};
/* Reads argv's launch words into *l; "&" glued to a program word is cut off argv's word, and so
 * are the single quotes PowerShell removes from a program's path after "&" ('C:\…\appcmd.exe'). */
void shell_launch_read(int argc, char **argv, struct shell_launch *l);
/* The command line cmd /c runs, written over line (what buf was split from into words[0..n-1]):
 * its words from next on up to the first redirection or joiner (the outer shell's), their quotes
 * as cmd.exe leaves them — a first quote goes with the last one, unless /s is not given (s 0)
 * and there are exactly two, around a program's name with a blank in it and no & < > ( ) @ ^ |,
 * which stay —, then the rest as typed. Its length. */
size_t shell_cmd_c_line(char *line, const char *buf, char *const *words, int n, int next, int s);

/* A word of a pasted line that cmd.exe or PowerShell reads, and the program never sees (no tag,
 * value or site name starts with < > | &): 1 for a redirection (">nul", "2>&1", "> file", "<in",
 * "2>$null", "*>$null"), 2 for what joins commands ("|", "&&", "||", "&"), 0 for the rest. */
int shell_operator(const char *word);
/* argv: the words after program's word ("netsh", "appcmd"). Sets to NULL the words the shell
 * keeps for itself: PowerShell's stop-parsing token (the first --%), each redirection, with its
 * target when apart ("> file"), and a final "| Out-Null", noting on sh->err that it is ignored.
 * A word that began in double quotes (sh->quoted) is the program's, whatever it holds. 0; -1,
 * explained, when a word joins commands or a redirection names no file: the line is refused whole
 * and nothing runs. */
int shell_syntax(struct shell *sh, int argc, char **argv, const char *program);
/* Whether word w of the running line began in double quotes as typed (sh->quoted): the
 * program's, whatever it holds. */
int shell_quoted(const struct shell *sh, const char *w);
/* Moves argv's non-NULL words to its front, in order; their number. */
int shell_compact(int argc, char **argv);

/* Runs one line of text (len bytes, may hold anything); returns 0 on success, 1 on failure. */
int shell_exec_line(struct shell *sh, const char *line, size_t len);

/* Runs one command given as words (argv of the one-shot mode); typed is how it is echoed in
 * "The following command was not found: …". */
int shell_exec_words(struct shell *sh, int argc, char **argv, const char *typed);

/* Runs one command line or words as the three ways to run do: the command, then its
 * explanations on sh->err after its output, prefixed with the script's name and line number when
 * sh->where is set; a failure that explained nothing gets a generic explanation. */
int shell_run_line(struct shell *sh, const char *line, size_t len);
/* 1 when a word of line, split as a command's words are (quotes grouping and removed), is a
 * password= tag (any case), or when the line cannot be split and holds "password": such a line is
 * kept out of the interactive history. */
int shell_line_has_password(const char *line);
int shell_run_words(struct shell *sh, int argc, char **argv, const char *typed);

/* Writes sh->out, then the explanations waiting in sh->pending. */
void shell_flush(struct shell *sh);

/* NULL for valid UTF-8 without control characters (what a value, or a word echoed on standard
 * error, may hold), else what is wrong ("has a control character", "is not valid UTF-8"). */
const char *text_problem(const char *s);

/* Before a command runs: finds the first of its words that holds a character web pages and word
 * processors put where a command line wants ASCII (an en or em dash for -, curly quotes, a
 * no-break space) and readies a note naming each such character, its code point and what to type
 * instead; explain() says it once, after the command's first explanation (a refusal, or a note on
 * a change that will not work), and shell_flush forgets it. appcmd: the note says too that a word
 * starting with such a dash is appcmd's identifier, not a parameter. */
void pasted_watch(struct shell *sh, int argc, char **argv, int appcmd);
/* The name of the typographic character s starts with ("LEFT SINGLE QUOTATION MARK"), its code
 * point in *cp and the ASCII to type instead in *type ("'"); NULL when s starts with none. */
const char *pasted_char(const char *s, unsigned *cp, const char **type);

/* A word typed, made fit to echo on standard output (netsh's "not found", appcmd's "not
 * supported", "Unknown attribute"), in place: every control character but a tab (C0, DEL, C1)
 * becomes one '?', so a typed escape sequence never reaches the terminal (netsh's console shows
 * it, it does not act on it). */
void echo_safe(char *s);

/* Whether host's last label is a number as URL parsers read it (the WHATWG URL standard's "ends
 * in a number": all digits, or 0x and hex digits): a browser takes such a name for an IPv4
 * address (1.2.3 is 1.2.0.3) or refuses it, and never sends it as SNI (RFC 6066 3). add refuses
 * such a hostnameport or scopedccs key, sim such a host=. */
int numeric_last_label(const char *host);

/* Flushes, then closes what the shell opened (table, store, certificate stores, IIS) and frees
 * its buffers; sh can be set up again afterwards. */
void shell_close(struct shell *sh);

/* Names completion may offer after the words already typed (words[0..nwords-1]): abbreviations
 * are resolved as dispatch resolves them, and values come from the machine's state (bound keys,
 * thumbprints, stores). Calls add for each. The interactive shell and --complete use it. */
void shell_complete(struct shell *sh, char **words, int nwords, const char *prefix,
                    void (*add)(void *ctx, const char *word), void *ctx);

const char *shell_prompt(const struct shell *sh);

/* Every context and command of the table with its summary, for --help. */
void shell_print_commands(FILE *f);

/* appcmd's --help text (the program called as appcmd), and completion of its words. */
void appcmd_usage(FILE *f);
void appcmd_complete(struct shell *sh, char **words, int nwords, const char *prefix,
                     void (*add)(void *ctx, const char *word), void *ctx);

/* ---- the IIS layer ---------------------------------------------------------------------- */

/* True when word names appcmd: "appcmd", "appcmd.exe", or a path ending in \appcmd or /appcmd,
 * with or without ".exe" (ASCII case-insensitive): is_program_word(word, "appcmd"). */
int is_appcmd_word(const char *word);
/* True when word runs program name from cmd.exe: the name, or a path ending in \name or /name,
 * with or without ".exe" (PATHEXT), ASCII case-insensitive ("C:\Windows\system32\netsh.exe"). */
int is_program_word(const char *word, const char *name);

/* Runs one appcmd command (the words after the appcmd word); 0 on success, 1 on failure. */
int appcmd_exec(struct shell *sh, int argc, char **argv);

/* Opens (first call) and refreshes the server and its configuration, then lets WAS catch up with
 * changes other processes made (quietly). 0, or 1 after printing the failure: appcmd's
 * configuration-error text when appcmd_style, else netsh's. */
int shell_iis(struct shell *sh, int appcmd_style);
/* This server's own files only (addresses, sites.state): for a command on another configuration
 * (appcmd /apphostconfig:FILE), which must not read, make or judge this server's own. 0, else 1 (said). */
int shell_iis_server(struct shell *sh, int appcmd_style);

/* Prints a damaged configuration's failure (appcmd's "Configuration error" text when
 * appcmd_style, else netsh's 1392) with file and line; returns 1. */
int iis_config_error(struct shell *sh, const sslb_apphost *ah, const sslb_diag *d, int appcmd_style);

/* Prints, on standard error, a note for each binding of site that will not work as it reads:
 * another server's address, or invalid. */
void iis_binding_notes(struct shell *sh, size_t site, const char *only_protocol, const char *only_info);

/* Before a change's reconcile: 1 when WAS will stop site for it (Started, as WAS has it before,
 * with a binding that is invalid now; never a site of an /apphostconfig file). */
int iis_stops(struct shell *sh, size_t site);
/* After the reconcile, for a site iis_stops named (one line a site, however many of its bindings
 * the change touched): that WAS has stopped it when the reconcile recorded the sites' state, else
 * that it is still recorded Started and the next command that can record the state stops it. */
void iis_stopped_note(struct shell *sh, size_t site, int recorded);

/* WAS's note when it stops a site whose bindings now clash (a sslb_was_note_fn; ctx = shell). */
void iis_was_note(void *ctx, uint32_t site_id, const char *url_prefix);

/* The moves of a switch from configuration old to now (sslb_was_follow's from/to, *n of them,
 * malloc'd): sites.state follows the sites by name. 0, or -1 out of memory (iis.c). */
int iis_switch_moves(const sslb_apphost *old, const sslb_apphost *now, uint32_t **from, uint32_t **to, size_t *n);

/* appcmd's failure: out on standard output, then "appcmd exits WIN32 on Windows: <why>" on
 * standard error (the reason echoed safely). Returns 1. */
int appcmd_vfail(struct shell *sh, int win32, const char *out, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* appcmd's BACKUP object (backup.c): a line whose object is backup or backups. */
struct appcmd_backup_line {
    const char *verb, *id;     /* "" for none; the identifier or NULL */
    int np;                    /* the parameters but the general ones */
    const char *const *names;  /* without the leading / or - */
    const char *const *values; /* NULL when there was no ':' */
    int help, xml;             /* /? and /xml */
    const char *text;          /* /text: value, NULL if none */
    const char *apphostconfig; /* /apphostconfig: value, NULL if none */
};
int appcmd_is_backup(const char *object);
/* Runs it: 0, or 1 after printing appcmd's failure. */
int appcmd_backup(struct shell *sh, const struct appcmd_backup_line *l);
extern const char appcmd_backup_help[];

/* ---- output ---------------------------------------------------------------------------- */

/* "    Label<pad>: value\n" with netsh's 29-column padding. */
void out_field(FILE *f, const char *label, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A JSON string (escaped), or null for NULL. */
void out_json_string(FILE *f, const char *s);

/* A list as sslb_certinfo holds it ("a, b"; "" none) as a JSON array of strings (cert.c). */
void out_json_list(FILE *f, const char *list);
void out_json_dnsnames(FILE *f, sslb_certstore *cs, const sslb_certinfo *info, const sslb_cert *c);

/* A netsh message block: an empty line, the lines, an empty line. */
void out_message(FILE *f, const char *line1, const char *line2);

/* vsnprintf into a malloc'd string of the whole text, however long; NULL when out of memory or
 * the format fails. */
char *format_whole(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* "sslbind: …" on standard error, after the command's output (see shell_run_line); in a
 * script, "sslbind: FILE:LINE: …". */
void explain(struct shell *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens the store and loads the table (first call), or reloads it if another process changed
 * bindings.reg. Returns the store's verdict, a failure explained on standard error only (the
 * caller prints netsh's text). Does not open the certificate stores (shell_open_certs). */
sslb_rc shell_sync(struct shell *sh);

/* Opens the certificate stores (first call); SSLB_OK, else the failure explained on standard
 * error only (the caller prints netsh's text: one message per failure). Needed before a resolve
 * that may reach the central store and before any use of sh->certs: shell_sync does not open
 * them. */
sslb_rc shell_open_certs(struct shell *sh);
/* shell_open_certs that also prints netsh's text of a failure; the stores, or NULL. */
sslb_certstore *shell_certs(struct shell *sh);

/* The outcome of a command that failed with rc: netsh's text for rc on standard output, the
 * detail on standard error. Returns 1. */
int report_failure(struct shell *sh, sslb_rc rc, const sslb_diag *d);

/* netsh's outcome of an sslcert change: "SSL Certificate successfully <verb>" (added, updated,
 * deleted), or its failure text and the detail. Returns 0 on success, else 1. */
int report_sslcert(struct shell *sh, const char *verb, sslb_rc rc, const sslb_diag *d);
/* Rewrites d, the detail of sslb_cert_check_usable, as the shell says it (certhash: …); returns d. */
const sslb_diag *certhash_detail(sslb_diag *d, const char *store);

/* Prints netsh's text for a refused command line (87, or the essential-parameters block and the
 * usage). Returns 1. */
int complain(struct shell *sh, const struct cmd_row *row, enum tagres r);

/* Parses tags for row and prints netsh's text for TAGS_BAD / TAGS_MISSING; 0 when parsed. */
int parse_or_complain(struct shell *sh, const struct cmd_row *row, int argc, char **argv, struct parsed *p);

/* Prints the usage text of a row (netsh's layout: Usage, Parameters, Remarks, Examples). */
void print_usage(struct shell *sh, const struct cmd_row *row);

#endif
