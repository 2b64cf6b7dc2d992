/* iis.c — the `iis` context (our extension): what IIS Manager does on one server that appcmd
 * cannot. The machine's addresses, shared configuration, choosing a site binding's certificate
 * (which writes this server's SSL table, as IIS Manager does through http.sys), a per-binding
 * report that explains a farm, and WAS's start and stop of every site. Also the IIS state the
 * appcmd front end shares (shell_iis).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sslb/statedir.h"
#include "shell.h"

#define IIS_APPID "{4dc3e181-e14b-4a21-b022-59fc669b0914}"

/* ---- the IIS state of the shell ------------------------------------------------------------ */

int iis_config_error(struct shell *sh, const sslb_apphost *ah, const sslb_diag *d, int appcmd_style)
{
    const char *detail = sslb_apphost_error_detail(ah);
    long line = sslb_apphost_error_line(ah);

    if (appcmd_style) {
        fprintf(sh->out,
                "ERROR ( message:Configuration error \nFilename: %s\nLine Number: %ld\nDescription: %s\n\n. )\n",
                sslb_apphost_path(ah), line, d->text);
        explain(sh, "appcmd exits 13 on Windows: %s:%ld: %s%s%s; the file is left as it is", sslb_apphost_path(ah),
                line, d->text, detail[0] ? ": " : "", detail);
    } else {
        out_message(sh->out, sslb_strerror(SSLB_ECORRUPT), NULL);
        explain(sh, "%s:%ld: %s%s%s; the file is left as it is", sslb_apphost_path(ah), line, d->text,
                detail[0] ? ": " : "", detail);
    }
    return 1;
}

/* This server's own files (addresses, sites.state, redirection.config): 0, else 1 (said). */
static int iis_server(struct shell *sh, int appcmd_style)
{
    sslb_diag d = {{0}};
    sslb_rc rc;

    if (!sh->server && (rc = sslb_server_open(sh->state_dir, &sh->server, &d)) != SSLB_OK) {
        if (appcmd_style) fprintf(sh->out, "ERROR ( message:%s )\n", sslb_strerror(rc));
        else out_message(sh->out, sslb_strerror(rc), NULL);
        explain(sh, "%s", d.text);
        return 1;
    }
    return 0;
}

int shell_iis_server(struct shell *sh, int appcmd_style)
{
    return iis_server(sh, appcmd_style);
}

/* For the commands that touch only this server's own files (sharedconfig show|disable|enable,
 * address add|delete|show): the server must open, the configuration need not. A damaged or
 * missing (shared) applicationHost.config gets a warning, not a refusal, so a server can leave a
 * broken farm by command. 0, else 1 (said). */
static int iis_server_only(struct shell *sh)
{
    sslb_diag d = {{0}};
    sslb_rc rc;

    if (iis_server(sh, 0)) return 1;
    if (!sh->apphost) rc = sslb_apphost_open(sh->state_dir, NULL, &sh->apphost, &d);
    else rc = sslb_apphost_refresh(sh->apphost, &d);
    if (rc == SSLB_ECORRUPT && sh->apphost) {
        const char *detail = sslb_apphost_error_detail(sh->apphost);
        explain(sh, "warning: %s:%ld: %s%s%s; this command goes on without it", sslb_apphost_path(sh->apphost),
                sslb_apphost_error_line(sh->apphost), d.text, detail[0] ? ": " : "", detail);
        return 0;
    }
    if (rc != SSLB_OK) {
        explain(sh, "warning: %s; this command goes on without it", d.text);
        sslb_apphost_close(sh->apphost);
        sh->apphost = NULL;
        return 0;
    }
    if (sslb_was_catch_up(sh->server, sh->apphost, &d) != SSLB_OK)
        explain(sh, "warning: WAS could not record the sites' state: %s", d.text);
    return 0;
}

int shell_iis(struct shell *sh, int appcmd_style)
{
    sslb_diag d = {{0}};
    sslb_rc rc;

    if (iis_server(sh, appcmd_style)) return 1;
    if (!sh->apphost) {
        rc = sslb_apphost_open(sh->state_dir, NULL, &sh->apphost, &d);
    } else {
        rc = sslb_apphost_refresh(sh->apphost, &d);
    }
    if (rc == SSLB_ECORRUPT && sh->apphost) return iis_config_error(sh, sh->apphost, &d, appcmd_style);
    if (rc != SSLB_OK) {
        if (appcmd_style) fprintf(sh->out, "ERROR ( message:%s )\n", sslb_strerror(rc));
        else out_message(sh->out, sslb_strerror(rc), NULL);
        explain(sh, "%s", d.text);
        sslb_apphost_close(sh->apphost);
        sh->apphost = NULL;
        return 1;
    }
    /* WAS catches up with edits other processes (or servers) made: quietly, as a list must be */
    if (sslb_was_catch_up(sh->server, sh->apphost, &d) != SSLB_OK)
        explain(sh, "warning: WAS could not record the sites' state: %s", d.text);
    return 0;
}

/* Drops the configuration handle: redirection changed which file it is. */
static void iis_reopen(struct shell *sh)
{
    sslb_apphost_close(sh->apphost);
    sh->apphost = NULL;
}

void iis_was_note(void *ctx, uint32_t site_id, const char *url_prefix)
{
    struct shell *sh = ctx;
    explain(sh,
            "The World Wide Web Publishing Service (WWW Service) did not register the URL prefix %s for site %u. The "
            "site has been disabled.",
            url_prefix, site_id);
}

void iis_binding_notes(struct shell *sh, size_t site, const char *only_protocol, const char *only_info)
{
    const sslb_site *s = sslb_apphost_site(sh->apphost, site);
    char ip[64];

    for (size_t i = 0; s && i < s->nbindings; i++) {
        const sslb_sitebinding *b = &s->bindings[i];
        sslb_bstatus st;
        if (only_info &&
            (sslb_ascii_casecmp(b->protocol, only_protocol) != 0 || sslb_ascii_casecmp(b->info, only_info) != 0))
            continue;
        sslb_was_binding_status(sh->server, sh->apphost, site, i, &st);
        if (st.live == SSLB_FOREIGN)
            explain(sh,
                    "note: binding %s/%s is on %s, which is not one of this server's addresses: this server ignores it "
                    "(in a farm, the server that owns it serves it; iis address show lists this server's)",
                    b->protocol, b->info, sslb_addr_format(&st.bi.ip, ip, sizeof ip));
        else if (st.live == SSLB_INVALID)
            explain(sh, "note: binding %s/%s is invalid: %s; the site cannot start until it is fixed", b->protocol,
                    b->info, st.why);
    }
}

int iis_stops(struct shell *sh, size_t site)
{
    const sslb_site *s = sslb_apphost_site(sh->apphost, site);
    sslb_bstatus st;

    /* WAS would have stopped a Started site with an invalid binding already: one now is the
     * change's, and WAS stops the site when it reconciles the change (after_change); an
     * /apphostconfig file's sites are not this server's */
    if (!s || sh->other_config || !sslb_was_started(sh->server, s->id)) return 0;
    for (size_t i = 0; i < s->nbindings; i++) {
        sslb_was_binding_status(sh->server, sh->apphost, site, i, &st);
        if (st.live == SSLB_INVALID) return 1;
    }
    return 0;
}

void iis_stopped_note(struct shell *sh, size_t site, int recorded)
{
    const sslb_site *s = sslb_apphost_site(sh->apphost, site);

    if (!s) return;
    if (recorded)
        explain(sh,
                "note: site \"%s\" was Started: WAS has stopped it, and it stays Stopped until the binding is fixed "
                "and the site started again",
                s->name);
    else /* sites.state still says Started; every command's catch-up stops such a site */
        explain(sh,
                "note: site \"%s\" is Started with an invalid binding: WAS stops it at the next command that can "
                "record the sites' state, and it then stays Stopped until the binding is fixed and the site "
                "started again",
                s->name);
}

/* ---- address ------------------------------------------------------------------------------- */

static int parse_addr_tag(struct shell *sh, const struct parsed *p, sslb_addr *a)
{
    sslb_diag d;
    if (sslb_addr_parse(tags_get(p, "address")->text, a, &d) == SSLB_OK) return 0;
    explain(sh, "address: %s", d.text);
    out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
    return 1;
}

static int address_change(struct shell *sh, const struct cmd_row *row, int argc, char **argv, int add)
{
    struct parsed p;
    sslb_addr a;
    sslb_diag d = {{0}};
    sslb_rc rc;

    if (parse_or_complain(sh, row, argc, argv, &p) || parse_addr_tag(sh, &p, &a) || iis_server_only(sh)) return 1;
    rc = add ? sslb_server_address_add(sh->server, &a, &d) : sslb_server_address_delete(sh->server, &a, &d);
    if (rc != SSLB_OK) return report_failure(sh, rc, &d);
    out_message(sh->out, "Ok.", NULL);
    return 0;
}

static int cmd_address_add(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return address_change(sh, row, argc, argv, 1);
}

static int cmd_address_delete(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return address_change(sh, row, argc, argv, 0);
}

static int cmd_address_show(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    struct parsed p;
    char text[64];

    if (parse_or_complain(sh, row, argc, argv, &p) || iis_server_only(sh)) return 1;
    fputs("\nServer addresses:\n-----------------\n\n", sh->out);
    for (size_t i = 0; i < sslb_server_address_count(sh->server); i++)
        out_field(sh->out, "Address", "%s%s", sslb_addr_format(sslb_server_address(sh->server, i), text, sizeof text),
                  i < 2 ? " (loopback, always)" : "");
    fputc('\n', sh->out);
    return 0;
}

/* ---- sharedconfig -------------------------------------------------------------------------- */

/* path= made absolute (from the current directory), without a trailing slash. */
static int abs_path(struct shell *sh, const char *in, char *out, size_t n)
{
    sslb_diag d = {{0}};
    size_t l;

    if (sslb_path_absolute(in, "path=", out, n, &d) != SSLB_OK) { /* stored absolute (spec/iis.md 10.13) */
        explain(sh, "%s", d.text);
        out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
        return 1;
    }
    l = strlen(out);
    while (l > 1 && out[l - 1] == '/') out[--l] = '\0';
    return 0;
}

enum shared_op { SHARED_ENABLE, SHARED_DISABLE, SHARED_EXPORT };

/* The moves of a switch of configuration (sslb_was_follow's from/to, *n of them; 0 or -1 out of
 * memory): sites.state follows the sites by name (IIS's key for a site) from the configuration
 * left (old) to the one joined (now), both open: a site of both files keeps its state under its id in the
 * new one; a site only the old file had loses its line, and a site only the new one has gets
 * none, so WAS starts it as a new site (spec/iis.md 5.2 step 3) instead of giving it the state
 * of an unrelated site with its id. */
int iis_switch_moves(const sslb_apphost *old, const sslb_apphost *now, uint32_t **from, uint32_t **to, size_t *n)
{
    size_t most = sslb_apphost_count(old) + sslb_apphost_count(now), k = 0;

    *n = 0;
    *from = *to = NULL;
    if (!most) return 0;
    if (!(*from = calloc(most, sizeof **from)) || !(*to = calloc(most, sizeof **to))) {
        free(*from);
        *from = NULL;
        return -1;
    }
    for (size_t i = 0; i < sslb_apphost_count(old); i++) {
        const sslb_site *was = sslb_apphost_site(old, i);
        long j = sslb_apphost_find_name(now, was->name);
        uint32_t id = j >= 0 ? sslb_apphost_site(now, (size_t)j)->id : 0;
        if (id == was->id) continue;
        (*from)[k] = was->id;
        (*to)[k++] = id;
    }
    for (size_t j = 0; j < sslb_apphost_count(now); j++) {
        const sslb_site *st = sslb_apphost_site(now, j);
        if (sslb_apphost_find_name(old, st->name) >= 0) continue;
        (*from)[k] = 0;
        (*to)[k++] = st->id;
    }
    *n = k;
    return 0;
}

/* export: a farm's configuration already in the directory, which its servers run, is replaced
 * only with overwrite=yes (the reassign= of binding cert: a script's answer to the question). */
static int shared_export(struct shell *sh, const struct parsed *p, const char *dir)
{
    const struct tagval *ow = tags_get(p, "overwrite");
    sslb_diag d = {{0}};
    sslb_rc rc = sslb_apphost_export(sh->apphost, dir, ow && ow->v.on, &d);

    if (rc == SSLB_EEXISTS) {
        out_message(sh->out, sslb_strerror(rc), NULL);
        explain(sh, "%s; to replace it with this server's configuration: iis sharedconfig export path=%s overwrite=yes",
                d.text, dir);
        return 1;
    }
    if (rc != SSLB_OK) return report_failure(sh, rc, &d);
    out_message(sh->out, "Ok.", NULL);
    return 0;
}

/* enable, disable and export: one core call each; enable and disable change which file this
 * server reads, so the configuration is opened anew. */
static int shared_change(struct shell *sh, const struct cmd_row *row, int argc, char **argv, enum shared_op op)
{
    struct parsed p;
    char dir[PATH_MAX] = "", target[PATH_MAX + 32];
    sslb_apphost *now = NULL;
    uint32_t *from = NULL, *to = NULL;
    size_t n = 0;
    sslb_diag d = {{0}};
    sslb_rc rc;
    int r, known;

    if (parse_or_complain(sh, row, argc, argv, &p) ||
        (op != SHARED_DISABLE && abs_path(sh, tags_get(&p, "path")->text, dir, sizeof dir)) ||
        (op == SHARED_EXPORT ? shell_iis(sh, 0) : iis_server_only(sh)))
        return 1;
    if (op == SHARED_EXPORT) return shared_export(sh, &p, dir);
    /* the switch and the states it implies are one change for the other processes */
    if ((rc = sslb_was_hold(sh->server, &d)) != SSLB_OK) return report_failure(sh, rc, &d);
    /* a configuration that cannot be read (leaving or joining a damaged farm) names no sites: the
     * states then stay by id, as nothing tells which site had which. Going back to its own file,
     * one not there is made (a fresh install) to follow the sites into. */
    if (op == SHARED_ENABLE) snprintf(target, sizeof target, "%s/applicationHost.config", dir);
    known = sh->apphost && sslb_apphost_refresh(sh->apphost, &(sslb_diag){{0}}) == SSLB_OK &&
            (op == SHARED_ENABLE ? sslb_apphost_open(sh->state_dir, target, &now, &(sslb_diag){{0}})
                                 : sslb_apphost_open_own(sh->state_dir, &now, &(sslb_diag){{0}})) == SSLB_OK;
    if (known && iis_switch_moves(sh->apphost, now, &from, &to, &n) != 0) {
        sslb_apphost_close(now);
        sslb_was_release(sh->server);
        return report_failure(sh, SSLB_ENOMEM, &d);
    }
    rc = op == SHARED_ENABLE ? sslb_server_shared_enable(sh->server, dir, n, from, to, &d)
                             : sslb_server_shared_disable(sh->server, n, from, to, &d);
    sslb_apphost_close(now);
    free(from);
    free(to);
    if (rc != SSLB_OK) {
        sslb_was_release(sh->server);
        return report_failure(sh, rc, &d);
    }
    iis_reopen(sh);
    r = shell_iis(sh, 0);
    sslb_was_release(sh->server);
    if (r) return 1;
    out_message(sh->out, "Ok.", NULL);
    return 0;
}

static int cmd_shared_enable(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return shared_change(sh, row, argc, argv, SHARED_ENABLE);
}

static int cmd_shared_disable(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return shared_change(sh, row, argc, argv, SHARED_DISABLE);
}

static int cmd_shared_export(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return shared_change(sh, row, argc, argv, SHARED_EXPORT);
}

static int cmd_shared_show(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    struct parsed p;
    char dir[PATH_MAX];
    int on;

    if (parse_or_complain(sh, row, argc, argv, &p) || iis_server_only(sh)) return 1;
    on = sslb_server_shared_dir(sh->server, dir, sizeof dir);
    fputs("\nShared configuration:\n---------------------\n\n", sh->out);
    out_field(sh->out, "Enabled", "%s", on > 0 ? "Yes" : on < 0 ? "(redirection.config cannot be read)" : "No");
    if (on > 0) out_field(sh->out, "Path", "%s", dir);
    if (sh->apphost) out_field(sh->out, "Configuration File", "%s", sslb_apphost_path(sh->apphost));
    else if (on > 0) out_field(sh->out, "Configuration File", "%s/applicationHost.config (cannot be read)", dir);
    else out_field(sh->out, "Configuration File", "(cannot be read)");
    fputc('\n', sh->out);
    return 0;
}

/* ---- a binding's SSL key ------------------------------------------------------------------- */

/* The http.sys key IIS Manager derives from a site binding: CCS port, hostname:port or IP:port. */
static int derive_key(const sslb_sitebinding *b, const sslb_bindinfo *bi, sslb_key *k, sslb_diag *d)
{
    if (b->ssl_flags & SSLB_SSLFLAG_CCS) {
        sslb_key_ccs(k, bi->port);
        return 0;
    }
    if (b->ssl_flags & SSLB_SSLFLAG_SNI) {
        if (!bi->host[0]) {
            sslb_diagf(d, SSLB_EINVAL, "an SNI binding (sslFlags %u) needs a host name", b->ssl_flags);
            return -1;
        }
        if (bi->host[0] == '*') { /* IIS 10's "*.domain" (sslb_bindinfo_parse): it routes, it keys nothing */
            const char *domain = bi->host + 2;
            sslb_diagf(d, SSLB_EINVAL,
                       "http.sys keys an SNI binding (sslFlags %u) by one host name and port, and its "
                       "hostname:port table takes no wildcard, so %s has no SSL binding here: use sslFlags 0 with a "
                       "*.%s certificate on the IP:port, or the central certificate store (sslFlags 3, the file "
                       "_.%s.pfx)",
                       b->ssl_flags, bi->host, domain, domain);
            return -1;
        }
        return sslb_key_hostport(k, SSLB_HOSTPORT, bi->host, strlen(bi->host), bi->port, d) == SSLB_OK ? 0 : -1;
    }
    sslb_addr any;
    memset(&any, 0, sizeof any);
    any.family = 4;
    sslb_key_ipport(k, bi->any_ip ? &any : &bi->ip, bi->port);
    return 0;
}

static const char *flags_text(uint32_t f, char *buf, size_t n)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } names[] = {{SSLB_SSLFLAG_DISABLE_HTTP2, "disablehttp2"},
                 {SSLB_SSLFLAG_DISABLE_OCSP, "disableocspstapling"},
                 {SSLB_SSLFLAG_DISABLE_QUIC, "disablequic"},
                 {SSLB_SSLFLAG_DISABLE_TLS13, "disabletls13"},
                 {SSLB_SSLFLAG_DISABLE_LEGACY_TLS, "disablelegacytls"}};
    size_t used = (size_t)snprintf(
        buf, n, "%u (%s)", f,
        f & SSLB_SSLFLAG_CCS   ? (f & SSLB_SSLFLAG_SNI ? "central certificate store, SNI" : "central certificate store")
        : f & SSLB_SSLFLAG_SNI ? "SNI"
                               : "IP:port");
    for (size_t i = 0; i < sizeof names / sizeof names[0] && used < n; i++)
        if (f & names[i].bit) used += (size_t)snprintf(buf + used, n - used, " %s", names[i].name);
    return buf;
}

/* The site= and binding= tags: site index and binding index, or printed failure. */
static int find_binding(struct shell *sh, const struct parsed *p, long *site, long *binding)
{
    const char *name = tags_get(p, "site")->text, *bt = tags_get(p, "binding")->text, *slash = strchr(bt, '/');
    char proto[32];

    if ((*site = sslb_apphost_find_name(sh->apphost, name)) < 0) {
        explain(sh, "site: no site is named \"%s\" (appcmd list sites shows them)", name);
        out_message(sh->out, sslb_strerror(SSLB_ENOTFOUND), NULL);
        return 1;
    }
    if (!slash || slash == bt || (size_t)(slash - bt) >= sizeof proto) {
        explain(sh, "binding: expected protocol/bindingInformation, e.g. https/*:443:www.contoso.com");
        out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
        return 1;
    }
    snprintf(proto, sizeof proto, "%.*s", (int)(slash - bt), bt);
    *binding = sslb_apphost_binding_find(sh->apphost, (size_t)*site, proto, slash + 1);
    if (*binding < 0 && (slash[1] == ':' || (slash[1] == '*' && slash[2] == ':'))) {
        /* a stored ":443:" lists as "*:443:" (appcmd list, binding show): either spelling finds it,
         * the site holding only one of the two (the other is another binding when both are there) */
        char *alt = malloc(strlen(slash) + 1);
        if (!alt) {
            out_message(sh->out, sslb_strerror(SSLB_ENOMEM), NULL);
            return 1;
        }
        if (slash[1] == ':') snprintf(alt, strlen(slash) + 1, "*%s", slash + 1);
        else snprintf(alt, strlen(slash) + 1, "%s", slash + 2);
        *binding = sslb_apphost_binding_find(sh->apphost, (size_t)*site, proto, alt);
        free(alt);
    }
    if (*binding < 0) {
        explain(sh, "binding: site \"%s\" has no binding %s (appcmd list site \"%s\" shows its bindings)",
                sslb_apphost_site(sh->apphost, (size_t)*site)->name, bt,
                sslb_apphost_site(sh->apphost, (size_t)*site)->name);
        out_message(sh->out, sslb_strerror(SSLB_ENOTFOUND), NULL);
        return 1;
    }
    return 0;
}

/* Other site bindings of this server that derive the same SSL key: "www, blog". */
static void sharers(struct shell *sh, size_t site, size_t binding, const sslb_key *k, char *out, size_t n)
{
    size_t used = 0, more = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sslb_apphost_count(sh->apphost); i++) {
        const sslb_site *s = sslb_apphost_site(sh->apphost, i);
        for (size_t j = 0; j < s->nbindings; j++) {
            sslb_bindinfo bi;
            sslb_key other;
            int w;
            if ((i == site && j == binding) || sslb_ascii_casecmp(s->bindings[j].protocol, "https") != 0 ||
                sslb_bindinfo_parse(s->bindings[j].info, &bi, NULL) != SSLB_OK ||
                derive_key(&s->bindings[j], &bi, &other, NULL) != 0 || !sslb_key_equal(&other, k))
                continue;
            /* whole entries only, 40 bytes kept for the count of those left out: never a name cut */
            w = more
                    ? -1
                    : snprintf(out + used, n - used, "%s%s (https/%s)", used ? ", " : "", s->name, s->bindings[j].info);
            if (w < 0 || (size_t)w + 40 >= n - used) {
                out[used] = '\0';
                more++;
            } else {
                used += (size_t)w;
            }
        }
    }
    if (more) snprintf(out + used, n - used, "%s%zu more site%s", used ? " and " : "", more, more == 1 ? "" : "s");
}

/* A default SSL site on port: an IP:port SSL binding (0.0.0.0, [::] or an address of this server). */
static int has_default_ssl_site(struct shell *sh, uint16_t port)
{
    sslb_key k;
    sslb_binding b;
    sslb_addr a;

    memset(&a, 0, sizeof a);
    a.family = 4;
    sslb_key_ipport(&k, &a, port);
    if (sslb_table_query(sh->table, &k, &b) == SSLB_OK) return 1;
    a.family = 6;
    sslb_key_ipport(&k, &a, port);
    if (sslb_table_query(sh->table, &k, &b) == SSLB_OK) return 1;
    for (size_t i = 0; i < sslb_server_address_count(sh->server); i++) {
        sslb_key_ipport(&k, sslb_server_address(sh->server, i), port);
        if (sslb_table_query(sh->table, &k, &b) == SSLB_OK) return 1;
    }
    return 0;
}

/* The SSL binding IIS Manager writes for site binding sb with the certhash= and store= tags
 * (*none: certhash=none, remove it). 0, or 1 after printing why it cannot. */
static int plan_ssl_binding(struct shell *sh, const struct cmd_row *row, const struct parsed *p,
                            const sslb_sitebinding *sb, sslb_binding *b, sslb_bindinfo *bi, int *none)
{
    static const struct {
        uint32_t sslflag, flag;
    } flags[] = {{SSLB_SSLFLAG_DISABLE_HTTP2, SSLB_FLAG_DISABLE_HTTP2},
                 {SSLB_SSLFLAG_DISABLE_OCSP, SSLB_FLAG_DISABLE_OCSP_STAPLING},
                 {SSLB_SSLFLAG_DISABLE_QUIC, SSLB_FLAG_DISABLE_QUIC},
                 {SSLB_SSLFLAG_DISABLE_TLS13, SSLB_FLAG_DISABLE_TLS13},
                 {SSLB_SSLFLAG_DISABLE_LEGACY_TLS, SSLB_FLAG_DISABLE_LEGACY_TLS}};
    const struct tagval *hash_tag = tags_get(p, "certhash"), *store_tag = tags_get(p, "store");
    sslb_diag d = {{0}};

    if (sslb_ascii_casecmp(sb->protocol, "https") != 0) {
        explain(sh, "binding: only an https binding has a certificate");
        return report_failure(sh, SSLB_EINVAL, NULL);
    }
    if (sslb_bindinfo_parse(sb->info, bi, &d) != SSLB_OK) {
        explain(sh, "binding: %s is invalid: %s", sb->info, d.text);
        return report_failure(sh, SSLB_EINVAL, NULL);
    }
    if ((sb->ssl_flags & (SSLB_SSLFLAG_SNI | SSLB_SSLFLAG_CCS)) == SSLB_SSLFLAG_SNI && !bi->host[0]) {
        fputs("The HostName property is required for use with Server Name Indication.\n", sh->out);
        explain(sh, "binding: sslFlags %u asks for SNI, but %s has no host name", sb->ssl_flags, sb->info);
        return 1;
    }
    memset(b, 0, sizeof *b);
    sslb_params_init(&b->params);
    if (derive_key(sb, bi, &b->key, &d) != 0) {
        explain(sh, "binding: %s", d.text);
        return report_failure(sh, SSLB_EINVAL, NULL);
    }
    *none = hash_tag && sslb_ascii_casecmp(hash_tag->text, "none") == 0;
    if (!*none && b->key.kind == SSLB_CCS && hash_tag) {
        explain(sh,
                "certhash: a central certificate store binding (sslFlags %u) takes no hash: the certificate is "
                "found by host name (<host>.pfx); give no certhash=",
                sb->ssl_flags);
        return report_failure(sh, SSLB_EINVAL, NULL);
    }
    if (!*none && b->key.kind != SSLB_CCS) {
        if (!hash_tag) {
            explain(sh, "certhash: required (or none to remove the certificate)");
            return complain(sh, row, TAGS_MISSING);
        }
        if (sslb_certhash_parse(hash_tag->text, b->params.certhash, &d) != SSLB_OK) {
            explain(sh, "certhash: %s", d.text);
            return report_failure(sh, SSLB_EINVAL, NULL);
        }
        b->params.certhash_len = SSLB_CERTHASH_LEN;
        b->params.store_name = store_tag ? store_tag->text : "My";
    }
    sslb_guid_parse(IIS_APPID, &b->params.appid, NULL);
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (sb->ssl_flags & flags[i].sslflag) b->params.flags |= flags[i].flag;
    return 0;
}

/* IIS Manager's question when the key already holds another certificate (cur), and what it is
 * about on standard error: the sites that share the key (others), or, when none does, only the
 * certificate that key serves. 1 (the answer is reassign=yes). */
static int ask_reassign(struct shell *sh, const sslb_key *k, const sslb_binding *cur, const char *keytext,
                        const char *others)
{
    char th[41];

    fputs("At least one other site is using the same HTTPS binding and the binding is configured with a different "
          "certificate. Are you sure that you want to reuse this HTTPS binding and reassign the other site or sites "
          "to use the new certificate?\n",
          sh->out);
    if (!others[0]) /* a lone site's renewal: IIS Manager asks the same question */
        explain(sh,
                "nothing changed: http.sys keys this %sbinding by %s, which already holds the certificate %s; no "
                "other site binding uses that key, so the question is whether to replace that certificate with this "
                "one for every client the key serves; answer with reassign=yes",
                k->kind == SSLB_HOSTPORT ? "SNI " : "", keytext,
                cur->params.certhash_len ? sslb_certhash_format(cur->params.certhash, th) : "(none)");
    else if (k->kind == SSLB_HOSTPORT) /* SNI already: the key is this host name on this port */
        explain(sh,
                "nothing changed: http.sys keys this SNI binding by %s, which already has another certificate, used "
                "by %s. Every binding with this host name on this port shares that key, so reassigning changes the "
                "certificate of all of them; answer with reassign=yes, or use another host name or port",
                keytext, others);
    else
        explain(sh,
                "nothing changed: http.sys keys this binding by %s, which already has another certificate, used by "
                "%s. Without SNI it cannot tell the sites apart, so reassigning changes the certificate of all of "
                "them; answer with reassign=yes, or give this site its own IP or port, or use SNI (sslFlags 1)",
                keytext, others);
    return 1;
}

static int cmd_binding_cert(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    const struct tagval *reassign_tag;
    struct parsed p;
    long site, bidx;
    sslb_bindinfo bi;
    sslb_binding b, cur;
    sslb_diag d = {{0}};
    char keytext[SSLB_KEYTEXT_MAX], others[2048], ip[64];
    int none = 0, reassign = 0, exists;
    sslb_rc rc;

    if (parse_or_complain(sh, row, argc, argv, &p) || shell_iis(sh, 0) || find_binding(sh, &p, &site, &bidx)) return 1;
    if ((reassign_tag = tags_get(&p, "reassign"))) reassign = reassign_tag->v.on;
    if (plan_ssl_binding(sh, row, &p, &sslb_apphost_site(sh->apphost, (size_t)site)->bindings[bidx], &b, &bi, &none))
        return 1;
    sslb_key_format(&b.key, keytext, sizeof keytext);
    if ((rc = shell_sync(sh)) != SSLB_OK) return report_sslcert(sh, "added", rc, NULL);
    exists = sslb_table_query(sh->table, &b.key, &cur) == SSLB_OK;
    sharers(sh, (size_t)site, (size_t)bidx, &b.key, others, sizeof others);
    if (none) {
        rc = sslb_store_apply(sh->store, sh->table, SSLB_STORE_DELETE, &b, &d);
        if (report_sslcert(sh, "deleted", rc, &d)) return 1;
        if (others[0]) explain(sh, "note: %s lost its certificate too: it shared the SSL binding %s", others, keytext);
        return 0;
    }
    if (b.params.certhash_len && (rc = shell_open_certs(sh)) != SSLB_OK)
        return report_sslcert(sh, exists ? "updated" : "added", rc, NULL);
    if (b.params.certhash_len &&
        (rc = sslb_cert_check_usable(sh->certs, b.params.store_name, b.params.certhash, &d)) != SSLB_OK)
        return report_sslcert(sh, exists ? "updated" : "added", rc, certhash_detail(&d, b.params.store_name));
    if (exists && b.params.certhash_len && !reassign &&
        (cur.params.certhash_len != b.params.certhash_len ||
         memcmp(cur.params.certhash, b.params.certhash, SSLB_CERTHASH_LEN) != 0))
        return ask_reassign(sh, &b.key, &cur, keytext, others);
    if (!bi.any_ip && !sslb_server_owns(sh->server, &bi.ip) && b.key.kind == SSLB_IPPORT)
        explain(sh,
                "note: %s is not one of this server's addresses: the SSL binding %s is written on this server, "
                "where no client can reach it; the server that owns the address needs its own",
                sslb_addr_format(&bi.ip, ip, sizeof ip), keytext);
    rc = sslb_store_apply(sh->store, sh->table, exists ? SSLB_STORE_UPDATE : SSLB_STORE_ADD, &b, &d);
    if (report_sslcert(sh, exists ? "updated" : "added", rc, &d)) return 1;
    if (b.key.kind == SSLB_HOSTPORT && !has_default_ssl_site(sh, bi.port))
        fputs("No default SSL site has been created. To support browsers without SNI capabilities, it is recommended "
              "to create a default SSL site.\n",
              sh->out);
    return 0;
}

/* ---- binding show -------------------------------------------------------------------------- */

/* *certs_tried: the certificate stores were asked for once already (a failure is said once). */
static void show_binding(struct shell *sh, size_t site, size_t i, int *certs_tried)
{
    const sslb_site *s = sslb_apphost_site(sh->apphost, site);
    const sslb_sitebinding *b = &s->bindings[i];
    sslb_bstatus st;
    sslb_key k;
    sslb_binding sslb;
    char text[512], key[SSLB_KEYTEXT_MAX], th[41], ipt[64];
    FILE *f = sh->out;

    sslb_was_binding_status(sh->server, sh->apphost, site, i, &st);
    if (st.live == SSLB_OTHER) return;
    out_field(f, "Site", "%s (id:%u, %s)", s->name, s->id, sslb_was_started(sh->server, s->id) ? "Started" : "Stopped");
    out_field(f, "Binding", "%s/%s%s%s", b->protocol, b->info[0] == ':' ? "*" : "", b->info, /* as appcmd lists it */
              b->inherited ? " (inherited from siteDefaults)" : "");
    if (sslb_ascii_casecmp(b->protocol, "https") == 0)
        out_field(f, "SSL Flags", "%s", flags_text(b->ssl_flags, text, sizeof text));
    if (st.live == SSLB_INVALID) out_field(f, "On This Server", "invalid: %s", st.why);
    else if (st.live == SSLB_FOREIGN)
        out_field(f, "On This Server", "foreign: %s is not one of this server's addresses",
                  sslb_addr_format(&st.bi.ip, ipt, sizeof ipt));
    else if (st.clash_site) out_field(f, "On This Server", "clash with site %u", st.clash_site);
    else out_field(f, "On This Server", "live");
    if (sslb_ascii_casecmp(b->protocol, "https") == 0 && st.live != SSLB_INVALID) {
        sslb_diag d;
        if (derive_key(b, &st.bi, &k, &d) != 0) {
            out_field(f, "SSL Binding", "none: %s", d.text);
        } else {
            int found = sslb_table_query(sh->table, &k, &sslb) == SSLB_OK;
            static const char *const kinds[] = {"ipport", "hostnameport", "ccs", "scopedccs"};
            out_field(f, "SSL Binding", "%s=%s - %s", kinds[k.kind], sslb_key_format(&k, key, sizeof key),
                      found ? "found" : "missing");
            if (found && sslb.params.certhash_len && !sh->certs && !*certs_tried) {
                *certs_tried = 1;
                shell_open_certs(sh); /* explains a failure: the listing goes on without them */
            }
            if (found && sslb.params.certhash_len && !sh->certs) {
                out_field(f, "Certificate", "%s in store %s - unknown: the certificate stores cannot be read",
                          sslb_certhash_format(sslb.params.certhash, th),
                          sslb.params.store_name ? sslb.params.store_name : "MY");
            } else if (found && sslb.params.certhash_len) {
                const char *store = sslb.params.store_name ? sslb.params.store_name : "MY";
                sslb_diag unread = {{0}};
                sslb_rc urc = sslb_cert_check_usable(sh->certs, store, sslb.params.certhash, &unread);
                int usable = urc == SSLB_OK;
                if (urc == SSLB_EACCESS || urc == SSLB_EREAD || urc == SSLB_ENOMEM) /* no answer: not "NOT" */
                    out_field(f, "Certificate", "%s in store %s - unknown: %s",
                              sslb_certhash_format(sslb.params.certhash, th), store, unread.text);
                else
                    out_field(f, "Certificate", "%s in store %s - %s", sslb_certhash_format(sslb.params.certhash, th),
                              store, usable ? "in store" : "NOT in store");
                sslb_cert *c = NULL;
                if (usable && st.bi.host[0] && sslb_cert_load(sh->certs, store, sslb.params.certhash, &c) == SSLB_OK) {
                    char why[512];
                    int ok = st.bi.host[0] == '*' ? -1 : sslb_cert_check_name(c, st.bi.host, why, sizeof why);
                    if (ok >= 0) out_field(f, "Name Check", "%s: %s", ok ? "passed" : "failed", why);
                    sslb_cert_free(c);
                } else if (!st.bi.host[0]) {
                    out_field(f, "Name Check", "(no host name in the binding)");
                }
            } else if (found) {
                out_field(f, "Certificate", "central certificate store: chosen by host name at each handshake");
            }
        }
    }
    fputc('\n', f);
}

static int cmd_binding_show(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    const struct tagval *site_tag;
    struct parsed p;
    long only = -1;
    int certs_tried = 0;
    sslb_rc rc;

    if (parse_or_complain(sh, row, argc, argv, &p) || shell_iis(sh, 0)) return 1;
    if ((site_tag = tags_get(&p, "site")) && (only = sslb_apphost_find_name(sh->apphost, site_tag->text)) < 0) {
        explain(sh, "site: no site is named \"%s\"", site_tag->text);
        out_message(sh->out, sslb_strerror(SSLB_ENOTFOUND), NULL);
        return 1;
    }
    if ((rc = shell_sync(sh)) != SSLB_OK) return report_failure(sh, rc, NULL); /* shell_sync explained it */
    fputs("\nIIS site bindings:\n------------------\n\n", sh->out);
    for (size_t i = 0; i < sslb_apphost_count(sh->apphost); i++) {
        if (only >= 0 && (size_t)only != i) continue;
        for (size_t j = 0; j < sslb_apphost_site(sh->apphost, i)->nbindings; j++) show_binding(sh, i, j, &certs_tried);
    }
    return 0;
}

/* ---- start / stop -------------------------------------------------------------------------- */

static int start_stop_all(struct shell *sh, const struct cmd_row *row, int argc, char **argv, int start)
{
    struct parsed p;
    int failed = 0;

    if (parse_or_complain(sh, row, argc, argv, &p) || shell_iis(sh, 0)) return 1;
    for (size_t i = 0; i < sslb_apphost_count(sh->apphost); i++) {
        const sslb_site *s = sslb_apphost_site(sh->apphost, i);
        uint32_t other = 0;
        sslb_diag d = {{0}};
        sslb_rc rc = start ? sslb_was_start(sh->server, sh->apphost, i, &other, &d)
                           : sslb_was_stop(sh->server, sh->apphost, i, &d);
        if (rc == SSLB_OK || (rc == SSLB_ENOTFOUND && !start)) { /* not W3SVC's: it is not running */
            out_field(sh->out, s->name, "%s", start ? "Started" : "Stopped");
            continue;
        }
        failed = 1;
        out_field(sh->out, s->name, "%s",
                  rc == SSLB_EEXISTS     ? "Stopped (800700b7)"
                  : rc == SSLB_EINVAL    ? "Stopped (80070057)"
                  : rc == SSLB_ENOTFOUND ? "Stopped (800710d8)"
                                         : sslb_strerror(rc));
        explain(sh, "%s: %s", s->name, d.text);
    }
    return failed;
}

static int cmd_start(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return start_stop_all(sh, row, argc, argv, 1);
}

static int cmd_stop(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return start_stop_all(sh, row, argc, argv, 0);
}

/* ---- the rows ------------------------------------------------------------------------------ */

static const struct tagdef address_tags[] = {
    {"address", T_STRING, 1, "<ip>", "An IPv4 or IPv6 address of this server."}, {NULL, 0, 0, NULL, NULL}};
static const struct tagdef none_tags[] = {{NULL, 0, 0, NULL, NULL}};
static const struct tagdef path_tags[] = {
    {"path", T_STRING, 1, "<dir>", "The shared directory (relative paths are taken from the current one)."},
    {NULL, 0, 0, NULL, NULL}};
static const struct tagdef export_tags[] = {
    {"path", T_STRING, 1, "<dir>", "The shared directory (relative paths are taken from the current one)."},
    {"overwrite", T_YESNO, 0, "yes|no", "Answer yes to replace an applicationHost.config already there."},
    {NULL, 0, 0, NULL, NULL}};
static const struct tagdef show_tags[] = {{"site", T_STRING, 0, "<name>", "Only this site's bindings."},
                                          {NULL, 0, 0, NULL, NULL}};
static const struct tagdef cert_tags[] = {
    {"site", T_STRING, 1, "<name>", "The site, as appcmd list sites names it."},
    {"binding", T_STRING, 1, "<protocol/bindingInformation>",
     "One of its https bindings, e.g. https/*:443:www.contoso.com."},
    {"certhash", T_STRING, 0, "<sha1 hex>|none", "The certificate (none: remove it). A CCS binding takes none."},
    {"store", T_STRING, 0, "<name>", "Its certificate store (default My)."},
    {"reassign", T_YESNO, 0, "yes|no", "Answer yes to IIS Manager's question when other sites share the binding."},
    {NULL, 0, 0, NULL, NULL}};

const struct cmd_row iis_rows[] = {
    {CTX_IIS, "address", "add", cmd_address_add, address_tags, "Adds an IP address to this server.", NULL,
     "Remarks: IIS serves a site binding on an address only if the server has it; 127.0.0.1\n"
     "         and ::1 always. The address is the server's own (DIR/addresses), never shared.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      iis address add address=10.10.10.1\n"},
    {CTX_IIS, "address", "delete", cmd_address_delete, address_tags, "Deletes an IP address of this server.", NULL,
     "Examples:\n\n      iis address delete address=10.10.10.1\n"},
    {CTX_IIS, "address", "show", cmd_address_show, none_tags, "Shows this server's IP addresses.", NULL,
     "Examples:\n\n      iis address show\n"},
    {CTX_IIS, "binding", "cert", cmd_binding_cert, cert_tags, "Chooses the certificate of a site binding.", NULL,
     "Remarks: What IIS Manager's \"SSL certificate\" drop-down does: writes this server's SSL\n"
     "         binding for the site binding (sslFlags 2: ccs=<port>; 1: hostnameport=<host>:<port>;\n"
     "         else ipport=<IP, * as 0.0.0.0>:<port>), as netsh http add sslcert would. If\n"
     "         other sites share that IP:port with another certificate it asks first.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      iis binding cert site=www binding=https/*:443:www.contoso.com "
     "certhash=0102030405060708090a0b0c0d0e0f1011121314\n"
     "      iis binding cert site=www binding=https/*:443:www.contoso.com certhash=none\n"},
    {CTX_IIS, "binding", "show", cmd_binding_show, show_tags, "Shows each site binding as this server sees it.", NULL,
     "Remarks: For every http and https binding: live on this server, another server's\n"
     "         address (foreign), invalid, or clashing; the SSL binding it needs and whether\n"
     "         this server has it; the certificate and the name check.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      iis binding show\n"
     "      iis binding show site=Site1\n"},
    {CTX_IIS, "sharedconfig", "disable", cmd_shared_disable, none_tags, "Goes back to this server's own configuration.",
     NULL, "Examples:\n\n      iis sharedconfig disable\n"},
    {CTX_IIS, "sharedconfig", "enable", cmd_shared_enable, path_tags,
     "Uses the applicationHost.config of a shared directory.", NULL,
     "Remarks: Writes redirection.config. The directory must hold an applicationHost.config:\n"
     "         export one there first.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      iis sharedconfig enable path=/srv/farm\n"},
    {CTX_IIS, "sharedconfig", "export", cmd_shared_export, export_tags,
     "Copies this server's configuration to a directory.", NULL,
     "Remarks: Creates the directory if missing. An applicationHost.config already there\n"
     "         (a farm's, which its servers run) is replaced only with overwrite=yes: it\n"
     "         says how many sites it holds. The same file again changes nothing.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      iis sharedconfig export path=/srv/farm\n"
     "      iis sharedconfig export path=/srv/farm overwrite=yes\n"},
    {CTX_IIS, "sharedconfig", "show", cmd_shared_show, none_tags, "Shows which configuration this server uses.", NULL,
     "Examples:\n\n      iis sharedconfig show\n"},
    {CTX_IIS, "start", NULL, cmd_start, none_tags, "Starts every site on this server.", NULL,
     "Examples:\n\n      iis start\n"},
    {CTX_IIS, "stop", NULL, cmd_stop, none_tags, "Stops every site on this server.", NULL,
     "Examples:\n\n      iis stop\n"},
};
const int iis_nrows = (int)(sizeof iis_rows / sizeof iis_rows[0]);
