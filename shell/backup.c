/* backup.c — appcmd's BACKUP object: add, list, restore and delete backup, over the core's backups
 * (sslb/apphost.h: copies of this server's own applicationHost.config and redirection.config in
 * DIR/backup/NAME/). A restore puts the configuration back through the same locked, durable
 * writer every appcmd edit uses, and WAS follows it as it follows an edit: sites by name, then
 * the catch-up that starts new sites and stops clashing ones. docs/iis.md, "Backups".
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

#define EXISTS_TEXT                                                                                                    \
    "ERROR ( hresult:800700b7, message:Command execution failed.\nCannot create a file when that file already "        \
    "exists.\n )\n"
#define BAD_NAME_TEXT                                                                                                  \
    "ERROR ( hresult:8007007b, message:Command execution failed.\nThe filename, directory name, or volume label "      \
    "syntax is incorrect.\n )\n"
#define DAMAGED_TEXT "ERROR ( hresult:8007000d, message:Command execution failed.\nThe data is invalid.\n )\n"

const char appcmd_backup_help[] = "Administration of server configuration backups\n"
                                  "\n"
                                  "APPCMD (command) BACKUP <identifier> <-parameter1:value1 ...>\n"
                                  "\n"
                                  "Supported commands:\n"
                                  "\n"
                                  "  list      List server configuration backups\n"
                                  "  add       Add new server configuration backup\n"
                                  "  delete    Delete server configuration backup\n"
                                  "  restore   Restore server configuration from backup\n"
                                  "\n"
                                  "(To get help for each command use /?, e.g. 'appcmd.exe add backup /?'.)\n";

static const struct {
    const char *verb, *text;
} backup_help[] = {
    {"list", "List server configuration backups\n\nAPPCMD list BACKUP [<identifier>]\n\n"
             "Lists the backups of this server's configuration, by name; the identifier, or\n"
             "/name:, names one.\n\nExamples:\n\n  appcmd list backups\n  appcmd list backup MyBackup\n"},
    {"add", "Add new server configuration backup\n\nAPPCMD add BACKUP [<identifier>]\n\n"
            "Copies this server's applicationHost.config and redirection.config into a new\n"
            "backup. Without a name, the backup is named for the time (20060519T172530).\n\n"
            "Examples:\n\n  appcmd add backup\n  appcmd add backup MyBackup\n"},
    {"delete", "Delete server configuration backup\n\nAPPCMD delete BACKUP <identifier>\n\n"
               "Removes the backup.\n\nExamples:\n\n  appcmd delete backup MyBackup\n"},
    {"restore", "Restore server configuration from backup\n\nAPPCMD restore BACKUP <identifier> [/stop:true|false]\n\n"
                "Puts this server's configuration files back as the backup holds them; the\n"
                "sites' states follow as after an edit.\n\nExamples:\n\n  appcmd restore backup MyBackup\n"},
};

static const char *const backup_verbs[] = {"list", "add", "delete", "restore", NULL};

int appcmd_is_backup(const char *object)
{
    return object && (sslb_ascii_casecmp(object, "backup") == 0 || sslb_ascii_casecmp(object, "backups") == 0);
}

/* appcmd's text (out), the Windows exit code and why on standard error: 1. */
static int say(struct shell *sh, int win32, const char *out, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int say(struct shell *sh, int win32, const char *out, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    appcmd_vfail(sh, win32, out, fmt, ap);
    va_end(ap);
    return 1;
}

/* A word typed, echoed: a copy without a terminal's escape sequences ("?" out of memory). */
static char *shown(const char *s)
{
    char *c = strdup(s ? s : "");
    if (c) echo_safe(c);
    return c;
}

static int no_backup(struct shell *sh, const char *name)
{
    char *n = shown(name);
    fprintf(sh->out, "ERROR ( message:Cannot find BACKUP object with identifier \"%s\". )\n", n ? n : "?");
    free(n);
    return say(sh, 1168, "", "no backup has that name (appcmd list backup shows them); nothing changed");
}

/* A core failure in appcmd's words. */
static int failed(struct shell *sh, sslb_rc rc, const sslb_diag *d, const char *name)
{
    switch (rc) {
    case SSLB_ENOTFOUND:
        return no_backup(sh, name);
    case SSLB_EEXISTS:
        return say(sh, 183, EXISTS_TEXT, "%s; nothing changed", d->text);
    case SSLB_EINVAL:
        return say(sh, 123, BAD_NAME_TEXT, "%s; nothing changed", d->text);
    case SSLB_ECORRUPT:
        return say(sh, 13, DAMAGED_TEXT, "%s; nothing changed", d->text);
    default:
        fprintf(sh->out, "ERROR ( message:%s )\n", sslb_strerror(rc));
        return say(sh, sslb_win32(rc) > 0 ? sslb_win32(rc) : 87, "", "%s", d->text);
    }
}

static int help(struct shell *sh, const char *verb)
{
    for (size_t i = 0; verb && *verb && i < sizeof backup_help / sizeof backup_help[0]; i++)
        if (sslb_ascii_casecmp(backup_help[i].verb, verb) == 0) {
            fputs(backup_help[i].text, sh->out);
            explain(sh, "help only: no command was run");
            return 1;
        }
    fputs(appcmd_backup_help, sh->out);
    explain(sh, "help only: no command was run");
    return 1;
}

/* The backup a command names: the identifier or /name: (one, or the same twice); NULL when none.
 * Every other parameter is refused but those in `allowed` ("" none). -1 (said) on a refusal. */
static int name_of(struct shell *sh, const struct appcmd_backup_line *l, const char *const *allowed, const char **name)
{
    *name = l->id;
    for (int i = 0; i < l->np; i++) {
        const char *v = l->values[i] ? l->values[i] : "";
        int ok = 0;
        for (const char *const *a = allowed; *a; a++) ok |= sslb_ascii_casecmp(l->names[i], *a) == 0;
        if (ok) continue;
        if (sslb_ascii_casecmp(l->names[i], "name") != 0 && sslb_ascii_casecmp(l->names[i], "backup.name") != 0) {
            char *n = shown(l->names[i]);
            fprintf(sh->out, "ERROR ( message:Unknown attribute \"%s\".  Replace with -? for help. )\n", n ? n : "?");
            free(n);
            return -say(sh, 87, "", "BACKUP takes its name (the identifier or /name:)%s; nothing changed",
                        allowed[0] ? " and /stop:" : "");
        }
        if (*name && strcmp(*name, v) != 0) {
            char *a = shown(*name), *b = shown(v);
            int r = say(sh, 87, "ERROR ( message:Too many identifiers. )\n",
                        "\"%s\" and \"%s\" name two backups: give one (nothing changed)", a ? a : "?", b ? b : "?");
            free(a);
            free(b);
            return -r;
        }
        *name = v;
    }
    return 0;
}

static int need_name(struct shell *sh)
{
    return say(sh, 87, "ERROR ( message:Must specify the BACKUP object with identifier. )\n",
               "name the backup: appcmd VERB backup \"Name\" (appcmd list backup shows them); nothing changed");
}

/* ---- add, list, delete -------------------------------------------------------------------- */

/* The configuration a backup copies must read: a damaged one could not be restored. 0, else 1 (said). */
static int config_readable(struct shell *sh, int shared)
{
    sslb_apphost *own = NULL;
    sslb_diag d = {{0}};
    sslb_rc rc;

    if (shared) return 0; /* the farm's file is not this server's: not copied, not judged */
    rc = sslb_apphost_open_own(sh->state_dir, &own, &d); /* a fresh install when there is none yet */
    if (rc == SSLB_ECORRUPT && own) {
        iis_config_error(sh, own, &d, 1);
        explain(sh, "a backup of a damaged configuration could not be restored: nothing backed up");
        sslb_apphost_close(own);
        return 1;
    }
    sslb_apphost_close(own);
    if (rc != SSLB_OK) return failed(sh, rc, &d, "");
    return 0;
}

static int cmd_add(struct shell *sh, const struct appcmd_backup_line *l)
{
    static const char *const none[] = {NULL};
    const char *name;
    char made[256], dir[PATH_MAX];
    sslb_diag d = {{0}};
    sslb_rc rc;
    int shared;

    if (name_of(sh, l, none, &name)) return 1;
    if (name && (rc = sslb_backup_name_check(name, &d)) != SSLB_OK) return failed(sh, rc, &d, name);
    if ((shared = sslb_server_shared_dir(sh->server, dir, sizeof dir)) < 0)
        return say(sh, 13, DAMAGED_TEXT,
                   "this server's redirection.config is damaged (iis sharedconfig show says why): nothing backed up");
    if (config_readable(sh, shared)) return 1;
    if ((rc = sslb_backup_add(sh->state_dir, name, made, sizeof made, &d)) != SSLB_OK)
        return failed(sh, rc, &d, name ? name : "");
    fprintf(sh->out, "BACKUP object \"%s\" added\n", made);
    if (shared)
        explain(
            sh,
            "note: this server runs the farm's configuration %s/applicationHost.config, which the backup does not "
            "hold: appcmd backs up this server's own files (redirection.config and its own applicationHost.config); "
            "iis sharedconfig export path=DIR keeps a copy of the farm's",
            dir);
    return 0;
}

static void xml_name(FILE *f, const char *v)
{
    for (; *v; v++) {
        if (*v == '&') fputs("&amp;", f);
        else if (*v == '<') fputs("&lt;", f);
        else if (*v == '>') fputs("&gt;", f);
        else if (*v == '"') fputs("&quot;", f);
        else fputc(*v, f);
    }
}

static int cmd_list(struct shell *sh, const struct appcmd_backup_line *l)
{
    static const char *const none[] = {NULL};
    const char *name;
    char **names;
    size_t n, shown_n = 0;
    sslb_diag d = {{0}};
    sslb_rc rc;

    if (name_of(sh, l, none, &name)) return 1;
    if (l->text && l->text[0] && strcmp(l->text, "*") != 0 && sslb_ascii_casecmp(l->text, "BACKUP.NAME") != 0 &&
        sslb_ascii_casecmp(l->text, "name") != 0) {
        char *t = shown(l->text);
        int r = say(sh, 87, "", "a backup has one attribute, BACKUP.NAME: /text:%s shows nothing", t ? t : "?");
        free(t);
        return r;
    }
    if ((rc = sslb_backup_list(sh->state_dir, &names, &n, &d)) != SSLB_OK) return failed(sh, rc, &d, "");
    if (l->xml) fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<appcmd>\n", sh->out);
    for (size_t i = 0; i < n; i++) {
        if (name && sslb_ascii_casecmp(names[i], name) != 0) continue;
        shown_n++;
        if (l->xml) {
            fputs("    <BACKUP BACKUP.NAME=\"", sh->out);
            xml_name(sh->out, names[i]);
            fputs("\" />\n", sh->out);
        } else if (l->text && strcmp(l->text, "*") == 0) {
            fprintf(sh->out, "BACKUP\n  BACKUP.NAME: %s\n", names[i]);
        } else if (l->text && l->text[0]) {
            fprintf(sh->out, "%s\n", names[i]);
        } else {
            fprintf(sh->out, "BACKUP \"%s\"\n", names[i]);
        }
    }
    if (l->xml) fputs("</appcmd>\n", sh->out);
    sslb_backup_names_free(names, n);
    if (!name || shown_n) return 0;
    char *s = shown(name); /* a name that matches nothing: no output, exit 1, as list site */
    explain(sh, "appcmd exits 1 on Windows: no backup is named %s (appcmd list backups shows them)", s ? s : "?");
    free(s);
    return 1;
}

static int cmd_delete(struct shell *sh, const struct appcmd_backup_line *l)
{
    static const char *const none[] = {NULL};
    const char *name;
    char **names;
    size_t n;
    char stored[256] = "";
    sslb_diag d = {{0}};
    sslb_rc rc;

    if (name_of(sh, l, none, &name)) return 1;
    if (!name) return need_name(sh);
    if (sslb_backup_list(sh->state_dir, &names, &n, &d) == SSLB_OK) { /* the name as stored, for the line */
        for (size_t i = 0; i < n; i++)
            if (sslb_ascii_casecmp(names[i], name) == 0) snprintf(stored, sizeof stored, "%s", names[i]);
        sslb_backup_names_free(names, n);
    }
    if ((rc = sslb_backup_delete(sh->state_dir, name, &d)) != SSLB_OK) return failed(sh, rc, &d, name);
    fprintf(sh->out, "BACKUP object \"%s\" deleted\n", stored[0] ? stored : name);
    return 0;
}

/* ---- restore ------------------------------------------------------------------------------ */

struct restore {
    struct shell *sh;
    sslb_apphost *old; /* the configuration before, when it read (its sites, by name) */
};

/* The edit of a restore of the configuration WAS runs: sites.state follows the sites by name, in
 * the same change (sslb_was_follow_edit), as iis sharedconfig's switch follows them. */
static sslb_rc follow(sslb_apphost *ah, void *ctx, sslb_diag *d)
{
    struct restore *r = ctx;
    uint32_t *from = NULL, *to = NULL;
    size_t n = 0;
    sslb_rc rc;

    if (r->old && iis_switch_moves(r->old, ah, &from, &to, &n) != 0) return SSLB_ENOMEM;
    rc = sslb_was_follow_edit(r->sh->server, ah, n, from, to, d);
    free(from);
    free(to);
    return rc;
}

/* Writes this server's own applicationHost.config from the backup; with follow_states, it is the
 * configuration WAS runs, and the states follow. SSLB_OK, else d says why. */
static sslb_rc restore_own(struct shell *sh, const sslb_backup *b, int follow_states, sslb_diag *d)
{
    struct restore r = {sh, NULL};
    sslb_apphost *target = NULL;
    sslb_rc rc = sslb_apphost_open_own(sh->state_dir, &target, d); /* a damaged file too: it is replaced */

    if (rc != SSLB_OK && rc != SSLB_ECORRUPT) return rc;
    if (!target) return sslb_diagf(d, SSLB_EREAD, "cannot open this server's applicationHost.config");
    /* the sites before, from a second handle (the restore's takes the new text); a damaged file
     * names none: the states then stay by id */
    if (rc == SSLB_OK && follow_states && sslb_apphost_open_own(sh->state_dir, &r.old, &(sslb_diag){{0}}) != SSLB_OK) {
        sslb_apphost_close(r.old);
        r.old = NULL;
    }
    rc = sslb_apphost_restore(target, b->config, b->len, follow_states ? follow : NULL, &r, d);
    sslb_apphost_close(r.old);
    sslb_apphost_close(target);
    return rc;
}

/* Switches shared configuration as the backup's redirection.config says (enable to its
 * directory, or disable), the states following the sites by name from the configuration left. */
static sslb_rc restore_switch(struct shell *sh, const sslb_backup *b, sslb_diag *d)
{
    char target[PATH_MAX + 32];
    sslb_apphost *now = NULL, *left = NULL;
    uint32_t *from = NULL, *to = NULL;
    size_t n = 0;
    sslb_rc rc;

    snprintf(target, sizeof target, "%s/applicationHost.config", b->shared_dir);
    int known = sslb_apphost_open(sh->state_dir, NULL, &left, &(sslb_diag){{0}}) == SSLB_OK &&
                (b->shared ? sslb_apphost_open(sh->state_dir, target, &now, &(sslb_diag){{0}})
                           : sslb_apphost_open_own(sh->state_dir, &now, &(sslb_diag){{0}})) == SSLB_OK;
    if (known && iis_switch_moves(left, now, &from, &to, &n) != 0) rc = SSLB_ENOMEM;
    else
        rc = b->shared ? sslb_server_shared_enable(sh->server, b->shared_dir, n, from, to, d)
                       : sslb_server_shared_disable(sh->server, n, from, to, d);
    sslb_apphost_close(left);
    sslb_apphost_close(now);
    free(from);
    free(to);
    return rc;
}

static int cmd_restore(struct shell *sh, const struct appcmd_backup_line *l)
{
    static const char *const stop[] = {"stop", NULL};
    const char *name;
    char cur[PATH_MAX];
    sslb_backup b;
    sslb_diag d = {{0}};
    sslb_rc rc;
    int shared;

    if (name_of(sh, l, stop, &name)) return 1;
    for (int i = 0; i < l->np; i++)
        if (sslb_ascii_casecmp(l->names[i], "stop") == 0) {
            const char *v = l->values[i] ? l->values[i] : "";
            if (sslb_ascii_casecmp(v, "true") != 0 && sslb_ascii_casecmp(v, "false") != 0) {
                char *s = shown(v);
                fprintf(sh->out, "ERROR ( message:Invalid value \"%s\" for attribute \"stop\". )\n", s ? s : "?");
                free(s);
                return say(sh, 13, "", "/stop: takes true or false; nothing changed");
            }
        }
    if (!name) return need_name(sh);
    if ((shared = sslb_server_shared_dir(sh->server, cur, sizeof cur)) < 0)
        return say(sh, 13, DAMAGED_TEXT,
                   "this server's redirection.config is damaged (iis sharedconfig show says why), which a restore "
                   "would replace by a switch that reads it: correct it, or remove it to run this server's own "
                   "configuration; nothing changed");
    if ((rc = sslb_backup_read(sh->state_dir, name, &b, &d)) != SSLB_OK) return failed(sh, rc, &d, name);
    int to_shared = b.shared, same_farm = shared && to_shared && strcmp(cur, b.shared_dir) == 0;
    if (to_shared && !same_farm) { /* the farm it goes back to must be there, before anything changes */
        char target[PATH_MAX + 32];
        sslb_apphost *farm = NULL;
        snprintf(target, sizeof target, "%s/applicationHost.config", b.shared_dir);
        rc = sslb_apphost_open(sh->state_dir, target, &farm, &d);
        sslb_apphost_close(farm);
        if (rc != SSLB_OK) {
            int r = say(sh, 13, DAMAGED_TEXT,
                        "the backup's redirection.config shares %s, which cannot be read (%s): nothing changed", target,
                        d.text);
            sslb_backup_free(&b);
            return r;
        }
    }
    /* the change and the states it implies are one change for this server's other processes */
    if ((rc = sslb_was_hold(sh->server, &d)) != SSLB_OK) {
        sslb_backup_free(&b);
        return failed(sh, rc, &d, name);
    }
    /* Each file is written while it is not the one WAS runs, but for the own file when it stays
     * the one (then the states follow in the same change): going to a farm switches first, then
     * writes the own file; leaving one writes the own file first, then switches. */
    int switching = shared != to_shared || (shared && !same_farm);
    if (switching && to_shared && !shared) rc = restore_switch(sh, &b, &d);
    if (rc == SSLB_OK && b.config) rc = restore_own(sh, &b, !shared && !to_shared, &d);
    if (rc == SSLB_OK && switching && !(to_shared && !shared)) rc = restore_switch(sh, &b, &d);
    sslb_apphost_close(sh->apphost); /* which file, and its text, may have changed */
    sh->apphost = NULL;
    if (rc != SSLB_OK) {
        sslb_was_release(sh->server);
        int r =
            rc == SSLB_ECORRUPT ? say(sh, 13, DAMAGED_TEXT, "%s; nothing changed", d.text) : failed(sh, rc, &d, name);
        sslb_backup_free(&b);
        return r;
    }
    /* WAS catches up as after an edit: new sites start, clashing ones stop (with W3SVC's words) */
    if ((rc = sslb_apphost_open(sh->state_dir, NULL, &sh->apphost, &d)) == SSLB_OK) {
        if (sslb_was_reconcile(sh->server, sh->apphost, 0, iis_was_note, sh, &d) != SSLB_OK)
            explain(sh, "WAS could not record the sites' state: %s", d.text);
    } else {
        sslb_apphost_close(sh->apphost);
        sh->apphost = NULL;
        explain(sh, "warning: the configuration this server runs cannot be read: %s", d.text);
    }
    sslb_was_release(sh->server);
    fprintf(sh->out, "Restored configuration from backup \"%s\"\n", b.name);
    if (same_farm)
        explain(sh,
                "note: this server runs the farm's configuration %s/applicationHost.config, which a backup does not "
                "hold: the restore put back this server's own files only, and the farm's sites are as they were",
                cur);
    sslb_backup_free(&b);
    return 0;
}

/* ---- dispatch ----------------------------------------------------------------------------- */

int appcmd_backup(struct shell *sh, const struct appcmd_backup_line *l)
{
    const char *verb = l->verb ? l->verb : "";
    int known = 0;

    if (l->help || !verb[0]) return help(sh, verb);
    for (const char *const *v = backup_verbs; *v; v++) known |= sslb_ascii_casecmp(*v, verb) == 0;
    if (!known) {
        char *V = shown(verb);
        for (char *p = V; p && *p; p++) *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        fprintf(sh->out,
                "Command '%s' is not supported on object 'BACKUP'. Run 'appcmd.exe BACKUP /?'\nto display supported "
                "commands.\n",
                V ? V : "?");
        free(V);
        return say(sh, 87, "", "BACKUP takes list, add, delete, restore");
    }
    if (l->apphostconfig) /* a backup is of this server's own files, never another configuration */
        return say(sh, 87, "ERROR ( message:The parameter is incorrect. )\n",
                   "a backup holds this server's own configuration files: /apphostconfig: names another file, which "
                   "BACKUP does not touch (copy that file instead); nothing changed");
    if (shell_iis_server(sh, 1)) return 1;
    if (sslb_ascii_casecmp(verb, "list") == 0) return cmd_list(sh, l);
    if (sslb_ascii_casecmp(verb, "add") == 0) return cmd_add(sh, l);
    if (sslb_ascii_casecmp(verb, "delete") == 0) return cmd_delete(sh, l);
    return cmd_restore(sh, l);
}
