/* fuzz_shell.c — whole command lines through the shell: the input is a script of up to 8 lines,
 * each run with shell_exec_line() in order on one shell, as `sslbind -f` or a pipe would (so
 * contexts, abbreviations, tags, quoting, and the handlers behind them: http, cert, sim, iis
 * and appcmd). fuzz_appcmd.c is the same harness with "appcmd " before every line.
 *
 * Every input starts from the same emulated machine, copied afresh from a template made once:
 * certificates in MY, WebHosting and the central store, a binding of each kind, an IIS
 * configuration with three sites, an extra server address. Output goes to /dev/null.
 *
 * Commands write files where they are told to (cert import/export file=, iis sharedconfig
 * path=, appcmd /apphostconfig:), so an input naming an absolute path or ".." there is skipped:
 * the working directory is a scratch directory, and relative paths stay in it. */
#include <string.h>

#include "fuzz_util.h"
#include "shell.h"

#ifndef FUZZ_APPCMD
#define FUZZ_NAME "shell"
#define FUZZ_PREFIX ""
#else
#define FUZZ_NAME "appcmd"
#define FUZZ_PREFIX "appcmd "
#endif

#define MAX_LINES 8

static char tmpl[PATH_MAX], work[PATH_MAX], state[PATH_MAX], cwd[PATH_MAX];
static FILE *devnull;

#define APPID "appid={4dc3e181-e14b-4a21-b022-59fc669b0914}"
static const char *const setup[] = {
    "cert import file=" SSLB_FUZZ_DATA "/certs/contoso.pem",  /* 2006557039ef547eb88124f0ef5d7e7d1639adff */
    "cert import file=" SSLB_FUZZ_DATA "/certs/shop.pem",     /* 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5 */
    "cert import file=" SSLB_FUZZ_DATA "/certs/wildcard.pem", /* 010517b077e0d5d32e656fc03b04cf8e8350c851 */
    "cert import file=" SSLB_FUZZ_DATA "/certs/fabrikam.pfx password=secret store=ccs", /* www.fabrikam.com.pfx */
    "cert import file=" SSLB_FUZZ_DATA
    "/certs/multi.pem store=WebHosting", /* 5e046e74a02fabfb83ebb199232b5239056dc1e2 */
    "http add sslcert ipport=0.0.0.0:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff " APPID,
    "http add sslcert hostnameport=shop.contoso.com:443 certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5 " APPID
    " certstorename=MY",
    "http add sslcert ccs=8443 " APPID,
    "http add sslcert scopedccs=www.fabrikam.com:443 " APPID,
    "http add sslcert ipport=[2001:db8::1]:443 certhash=010517b077e0d5d32e656fc03b04cf8e8350c851 "
    "appid={00112233-4455-6677-8899-aabbccddeeff} clientcertnegotiation=enable",
    "iis address add address=10.10.10.1",
    "appcmd add site /name:www /id:2 /bindings:https/*:443:www.contoso.com /physicalPath:C:\\sites\\www",
    "appcmd add site /name:shop /id:3 /bindings:https/*:443:shop.contoso.com,http/*:80:shop.contoso.com",
    "appcmd add site /name:ip /id:4 /bindings:https/10.10.10.1:443:,https/10.10.10.2:443:",
};

/* Lower-cased, without double quotes: how the words of the input read once split (conservatively:
 * a check on this text may refuse more than needed, never less). */
static char *normalise(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    size_t n = 0;
    if (!s) abort();
    for (size_t i = 0; i < size; i++) /* NULs dropped too: the lines after one still run */
        if (data[i] != '"' && data[i] != '\0')
            s[n++] = (char)(data[i] >= 'A' && data[i] <= 'Z' ? data[i] - 'A' + 'a' : data[i]);
    s[n] = '\0';
    return s;
}

/* 1 when a value after one of the path-taking tags is absolute or climbs out with "..". */
static int names_outside_path(const uint8_t *data, size_t size)
{
    static const char *const keys[] = {"file=", "path=", "apphostconfig"};
    char *s = normalise(data, size);
    int bad = 0;

    for (size_t k = 0; !bad && k < sizeof keys / sizeof *keys; k++) {
        for (const char *p = s; !bad && (p = strstr(p, keys[k])); p++) {
            const char *v = p + strlen(keys[k]);
            if (k == 2 && *v) v++; /* the ':' or '=' after appcmd's parameter name */
            const char *end = strpbrk(v, "\n");
            size_t vl = end ? (size_t)(end - v) : strlen(v);
            if (*v == '/' || *v == '~') bad = 1;
            for (size_t i = 0; !bad && i + 1 < vl; i++)
                if (v[i] == '.' && v[i + 1] == '.') bad = 1;
        }
    }
    free(s);
    return bad;
}

static void shell_start(struct shell *sh, const char *dir)
{
    sslb_diag d;

    memset(sh, 0, sizeof *sh);
    sh->state_dir = dir;
    sh->out = devnull;
    sh->err = devnull;
    if (sslb_store_open(dir, &sh->store, &d) != SSLB_OK) {
        fprintf(stderr, "fuzz_" FUZZ_NAME ": %s\n", d.text);
        abort();
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *root = fz_scratch(FUZZ_NAME);
    char tstate[PATH_MAX], tcwd[PATH_MAX];
    struct shell sh;

    (void)argc;
    (void)argv;
    if (!(devnull = fopen("/dev/null", "w"))) abort();
    fz_join(tmpl, sizeof tmpl, root, "template");
    fz_join(work, sizeof work, root, "work");
    fz_join(state, sizeof state, work, "state");
    fz_join(cwd, sizeof cwd, work, "cwd");
    fz_join(tstate, sizeof tstate, tmpl, "state");
    fz_join(tcwd, sizeof tcwd, tmpl, "cwd");
    if (mkdir(tmpl, 0700) != 0 || mkdir(tcwd, 0700) != 0) abort();
    /* files a relative file= can name */
    fz_copytree(SSLB_FUZZ_DATA "/certs", tcwd);
    shell_start(&sh, tstate);
    for (size_t i = 0; i < sizeof setup / sizeof *setup; i++)
        if (shell_exec_line(&sh, setup[i], strlen(setup[i])) != 0)
            fprintf(stderr, "fuzz_" FUZZ_NAME ": setting up, this failed: %s\n", setup[i]);
    shell_close(&sh);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const size_t plen = strlen(FUZZ_PREFIX);
    struct shell sh;
    size_t pos = 0;

    if (names_outside_path(data, size)) return 0;
    fz_rmtree(work);
    if (fz_copytree(tmpl, work) != 0 || chdir(cwd) != 0) abort();
    shell_start(&sh, state);
    for (int n = 0; n < MAX_LINES && pos < size && !sh.quit; n++) {
        const uint8_t *nl = memchr(data + pos, '\n', size - pos);
        size_t len = nl ? (size_t)(nl - (data + pos)) : size - pos;
        if (len > (1u << 20)) break; /* (libFuzzer's inputs are far shorter) */
        /* an exact-size heap copy, no NUL after it: shell_exec_line takes len bytes, and a read
         * past them is an ASan report */
        char *l = malloc(plen + len ? plen + len : 1);
        if (!l) abort();
        memcpy(l, FUZZ_PREFIX, plen);
        if (len) memcpy(l + plen, data + pos, len);
        shell_exec_line(&sh, l, plen + len);
        free(l);
        pos += len + 1;
    }
    shell_close(&sh);
    return 0;
}
