/* sslb/apphost.h — the IIS layer: applicationHost.config (sites and their bindings) and one
 * server's view of it (WAS: its addresses, which sites run, which bindings are live).
 *
 * The configuration is read with libxml2 and changed by surgical edits of its text: every byte an
 * edit does not concern (line ends, BOM, comments, attribute order, other sections) stays as it
 * was. Changes are transactions: sslb_apphost_change() locks the file (a lock file beside it, so
 * servers sharing it edit one at a time), reloads it if another process changed it, runs the
 * caller's edits on the text, and writes it durably once (temporary file, fsync, rename,
 * directory fsync) — or writes nothing if an edit failed. A damaged file is never rewritten.
 *
 * Nothing here touches the http.sys SSL table (bindings.reg): IIS's configuration and WAS never
 * do. Handles belong to one thread.
 *
 * Lifetimes: every pointer a sslb_apphost hands out (sslb_apphost_path, sslb_apphost_site and
 * its bindings' strings, sslb_apphost_text, sslb_apphost_error_detail) is valid until the next
 * load, refresh, change or close of that handle. The strings of a sslb_sitebinding given to an
 * edit are copied into the file: the caller's need to live only during the call. A sslb_server
 * and a sslb_apphost are independent (the WAS functions take both; neither keeps the other);
 * sslb_server_address's pointer is valid until the next address change or close of the server.
 */
#ifndef SSLB_APPHOST_H
#define SSLB_APPHOST_H

#include <stddef.h>
#include <stdint.h>

#include "sslb/endpoint.h"
#include "sslb/error.h"
#include "sslb/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sslb_apphost sslb_apphost;

/* One <binding> of a site, as stored. */
typedef struct sslb_sitebinding {
    const char *protocol; /* "https" */
    const char *info;     /* bindingInformation, "10.10.10.1:443:www.contoso.com" */
    uint32_t ssl_flags;   /* sslFlags (0 when absent) */
    int has_ssl_flags;    /* the attribute is written */
    int inherited;        /* from <siteDefaults><bindings>, not in the site's own (ignored by edits) */
} sslb_sitebinding;

/* One <site>. Pointers stay valid until the next load or edit of the handle. */
typedef struct sslb_site {
    const char *name;
    uint32_t id;
    int auto_start; /* serverAutoStart, default 1 */
    /* The site's effective bindings, as IIS's configuration system merges the collection: those of
     * <siteDefaults><bindings> first (inherited), then its own <bindings> entries; a <clear />
     * drops every entry before it (so one first drops the inherited ones). Everything that reads
     * the bindings (appcmd list, WAS, iis binding, the endpoint's routing) sees this list. */
    size_t nbindings;
    const sslb_sitebinding *bindings;
    long line; /* line of the <site> element */
} sslb_site;

/* sslFlags bits (IIS 8 and later; 4..64 from IIS 10 1809). */
#define SSLB_SSLFLAG_SNI 1u
#define SSLB_SSLFLAG_CCS 2u
#define SSLB_SSLFLAG_DISABLE_HTTP2 4u
#define SSLB_SSLFLAG_DISABLE_OCSP 8u
#define SSLB_SSLFLAG_DISABLE_QUIC 16u
#define SSLB_SSLFLAG_DISABLE_TLS13 32u
#define SSLB_SSLFLAG_DISABLE_LEGACY_TLS 64u

/* ---- the configuration file ------------------------------------------------------------- */

/* Opens the configuration of the server whose state directory is state_dir: config_path if not
 * NULL (appcmd's /apphostconfig), else the file DIR/redirection.config points at, else
 * DIR/applicationHost.config. A missing local file is created as a fresh IIS install; a missing
 * shared one is an error (SSLB_ENOTFOUND). The file is loaded: SSLB_ECORRUPT when it is damaged,
 * with the handle still returned so sslb_apphost_error_line() and the diag can say where (*out is
 * NULL for a damaged redirection.config, which the diag names, and for every other failure). */
SSLB_API sslb_rc sslb_apphost_open(const char *state_dir, const char *config_path, sslb_apphost **out, sslb_diag *d);
/* This server's own DIR/applicationHost.config, whatever redirection.config says (a fresh
 * install written when there is none, as sslb_apphost_open does for it). */
SSLB_API sslb_rc sslb_apphost_open_own(const char *state_dir, sslb_apphost **out, sslb_diag *d);
SSLB_API void sslb_apphost_close(sslb_apphost *ah);

/* The absolute path of the configuration file in use. */
SSLB_API const char *sslb_apphost_path(const sslb_apphost *ah);

/* Line of the last load failure (0 if none or unknown), and libxml2's words for it ("" if none). */
SSLB_API long sslb_apphost_error_line(const sslb_apphost *ah);
SSLB_API const char *sslb_apphost_error_detail(const sslb_apphost *ah);

/* Reloads the file if another process changed it. SSLB_ECORRUPT (d names the problem, the
 * handle keeps the last good version) when it is damaged. */
SSLB_API sslb_rc sslb_apphost_refresh(sslb_apphost *ah, sslb_diag *d);

/* 1 when the file has been replaced since the handle last read or wrote it (a stat, no read). */
SSLB_API int sslb_apphost_changed(const sslb_apphost *ah);

SSLB_API size_t sslb_apphost_count(const sslb_apphost *ah);
SSLB_API const sslb_site *sslb_apphost_site(const sslb_apphost *ah, size_t i);
/* The bindings of <siteDefaults><bindings>, which every site inherits unless it clears them. */
SSLB_API const sslb_sitebinding *sslb_apphost_default_bindings(const sslb_apphost *ah, size_t *n);
/* Index of the site with this name (ASCII case-insensitive) or id; -1 if none. */
SSLB_API long sslb_apphost_find_name(const sslb_apphost *ah, const char *name);
SSLB_API long sslb_apphost_find_id(const sslb_apphost *ah, uint32_t id);

/* The stored text of the <sites> element (i < 0) or of site i, and the column its start tag
 * stands at (its indentation), so a caller can re-indent it. Pointers valid as for sites. */
SSLB_API void sslb_apphost_text(const sslb_apphost *ah, long i, const char **text, size_t *len, size_t *indent);

/* Walks the elements of site i depth-first (the site itself at depth 0), with each element's
 * attributes as name/value pairs (values decoded); i SIZE_MAX walks the <sites> element. */
typedef void (*sslb_element_fn)(void *ctx, int depth, const char *element, size_t nattrs, const char *const *names,
                                const char *const *values);
SSLB_API void sslb_apphost_walk(const sslb_apphost *ah, size_t i, sslb_element_fn fn, void *ctx);

/* Copies the configuration file into dir/applicationHost.config (dir, absolute, is created if
 * missing): IIS Manager's "Export Configuration" before a farm shares it. A file there that holds
 * another text (a farm's configuration, which its servers run) is replaced only with overwrite
 * set: else SSLB_EEXISTS, nothing written, and d says how many sites and bindings it holds; the
 * same text again is SSLB_OK with nothing written. */
SSLB_API sslb_rc sslb_apphost_export(const sslb_apphost *ah, const char *dir, int overwrite, sslb_diag *d);

/* ---- changes ------------------------------------------------------------------------------ */

/* One transaction: lock, reload if changed, fn(ah, ctx, d) makes edits with the functions below
 * (each checks its arguments, edits the text and reparses it; site and binding indexes refer to
 * the state after the previous edit), then one durable write. If fn fails the text reverts and
 * nothing is written; its code is returned. */
typedef sslb_rc (*sslb_apphost_edit_fn)(sslb_apphost *ah, void *ctx, sslb_diag *d);
SSLB_API sslb_rc sslb_apphost_change(sslb_apphost *ah, sslb_apphost_edit_fn fn, void *ctx, sslb_diag *d);

/* A backup's configuration (a whole applicationHost.config) put in place of the file, as one
 * transaction of sslb_apphost_change: lock, text read as a configuration (SSLB_ECORRUPT, nothing
 * written, when it does not read as one), then fn(ah, ctx, d) as an edit (NULL: none; it may call
 * sslb_was_follow_edit: ah holds the new text), then one durable write. Unlike an edit it
 * replaces a damaged file: a restore is how a configuration an edit by hand broke comes back
 * (appcmd restore backup). The same text again writes nothing. */
SSLB_API sslb_rc sslb_apphost_restore(sslb_apphost *ah, const char *text, size_t len, sslb_apphost_edit_fn fn,
                                      void *ctx, sslb_diag *d);

/* Site names IIS accepts: non-empty, none of \ / ? ; : @ & = + $ , | " < > (SSLB_EINVAL). */
SSLB_API sslb_rc sslb_site_name_check(const char *name, sslb_diag *d);

/* Adds a site after the last one: SSLB_EEXISTS if the name or the id is taken, or a binding is
 * given twice or is one the site would inherit from <siteDefaults>. auto_start -1
 * leaves serverAutoStart unwritten. physical_path (or NULL) makes the root application and
 * virtual directory. A file without a sites section gets one (<sites> as the last child of the
 * first <system.applicationHost>, that group made as the last child of <configuration> if the
 * file has none), as IIS's configuration system makes a section's element on its first write. */
SSLB_API sslb_rc sslb_apphost_site_add(sslb_apphost *ah, const char *name, uint32_t id, int auto_start,
                                       const char *physical_path, const sslb_sitebinding *b, size_t nb, sslb_diag *d);
/* Inserts a site before site pos (appcmd's @start = 0, @N = N; SIZE_MAX or the count: after the
 * last site), its element placed among the <site> elements there: as sslb_apphost_site_add, and
 * SSLB_ENOTFOUND if pos is past the end. */
SSLB_API sslb_rc sslb_apphost_site_insert(sslb_apphost *ah, size_t pos, const char *name, uint32_t id, int auto_start,
                                          const char *physical_path, const sslb_sitebinding *b, size_t nb,
                                          sslb_diag *d);
SSLB_API sslb_rc sslb_apphost_site_delete(sslb_apphost *ah, size_t site, sslb_diag *d);
/* Sets "name", "id" or "serverAutoStart" of a site (checked: unique name and id, a uint, a bool). */
SSLB_API sslb_rc sslb_apphost_site_set(sslb_apphost *ah, size_t site, const char *attr, const char *value,
                                       sslb_diag *d);

/* The binding edits work on the effective list (binding indexes are its indexes) and write the
 * site's own <bindings>. Deleting or changing an inherited binding, or inserting before one,
 * first makes the inherited ones the site's own (a <clear /> and a copy of each: the collection
 * has no remove directive), so the effective list changes only as asked.
 * Appends a binding: SSLB_EEXISTS if the site has one (own or inherited) with the same protocol
 * and bindingInformation; SSLB_EINVAL if either is empty. */
SSLB_API sslb_rc sslb_apphost_binding_add(sslb_apphost *ah, size_t site, const sslb_sitebinding *b, sslb_diag *d);
/* Inserts a binding before binding pos (appcmd's @start = 0, @N = N; SIZE_MAX or the count:
 * append): as sslb_apphost_binding_add, and SSLB_ENOTFOUND if pos is past the end. */
SSLB_API sslb_rc sslb_apphost_binding_insert(sslb_apphost *ah, size_t site, size_t pos, const sslb_sitebinding *b,
                                             sslb_diag *d);
SSLB_API sslb_rc sslb_apphost_binding_delete(sslb_apphost *ah, size_t site, size_t binding, sslb_diag *d);
/* Sets "protocol", "bindingInformation" or "sslFlags" of one binding. */
SSLB_API sslb_rc sslb_apphost_binding_set(sslb_apphost *ah, size_t site, size_t binding, const char *attr,
                                          const char *value, sslb_diag *d);
/* Index of the binding of site with these keys (protocol case-insensitive); -1 if none. */
SSLB_API long sslb_apphost_binding_find(const sslb_apphost *ah, size_t site, const char *protocol, const char *info);

/* Applications and their virtual directories (keyed by path, ASCII case-insensitive). A new
 * application goes after the site's last one, else first (before <bindings>); a new virtual
 * directory after the application's last one. pool and physical_path may be NULL (unwritten).
 * SSLB_EEXISTS if the path is taken, SSLB_ENOTFOUND if the application (or, for delete, the
 * element) is missing, SSLB_EINVAL if a path does not start with '/'. */
SSLB_API sslb_rc sslb_apphost_app_add(sslb_apphost *ah, size_t site, const char *path, const char *pool, sslb_diag *d);
SSLB_API sslb_rc sslb_apphost_app_delete(sslb_apphost *ah, size_t site, const char *path, sslb_diag *d);
SSLB_API sslb_rc sslb_apphost_vdir_add(sslb_apphost *ah, size_t site, const char *app_path, const char *path,
                                       const char *physical_path, sslb_diag *d);
SSLB_API sslb_rc sslb_apphost_vdir_delete(sslb_apphost *ah, size_t site, const char *app_path, const char *path,
                                          sslb_diag *d);

/* Sets an attribute of an existing element (set_attr's surgical edit): an application's
 * "applicationPool"; a virtual directory's "physicalPath", "userName" or "password"; the site's
 * <applicationDefaults> "applicationPool" (the element is made, the site's last child, when
 * absent). SSLB_ENOTFOUND if the application or directory is missing, SSLB_EINVAL for another
 * attribute. */
SSLB_API sslb_rc sslb_apphost_app_set(sslb_apphost *ah, size_t site, const char *app_path, const char *attr,
                                      const char *value, sslb_diag *d);
SSLB_API sslb_rc sslb_apphost_vdir_set(sslb_apphost *ah, size_t site, const char *app_path, const char *path,
                                       const char *attr, const char *value, sslb_diag *d);
SSLB_API sslb_rc sslb_apphost_app_defaults_set(sslb_apphost *ah, size_t site, const char *attr, const char *value,
                                               sslb_diag *d);

/* ---- backups: appcmd's BACKUP object ------------------------------------------------------ */

/* A backup is DIR/backup/NAME/ (Windows: %windir%\system32\inetsrv\backup\NAME\), holding copies of
 * this server's own IIS configuration files: applicationHost.config and redirection.config, each
 * when the server has it (in a farm, the shared file is not this server's and is not copied, as
 * appcmd backs up the local files only). A backup is made whole in DIR/backup/:writing.PID and
 * renamed into place, so a listing never shows half of one; a delete renames it away before
 * removing its files. Writers hold DIR/backup/:lock; names holding ':' are never backups. */

/* Names Windows takes for a directory: not empty, not "." or "..", none of \ / : * ? " < > | or
 * a control character, not ending in a dot or a space, not a device name (CON, NUL, COM1 …).
 * SSLB_EINVAL with d saying why. */
SSLB_API sslb_rc sslb_backup_name_check(const char *name, sslb_diag *d);
/* Makes backup name (NULL or "": appcmd's name for the time, local, "20060519T172530"), its name
 * in made (n bytes, 64 at least). SSLB_EEXISTS when a backup has that name in any ASCII case (a
 * Windows directory name), SSLB_EINVAL for a name sslb_backup_name_check refuses. */
SSLB_API sslb_rc sslb_backup_add(const char *state_dir, const char *name, char *made, size_t n, sslb_diag *d);
/* The backups' names, sorted (ASCII case-insensitive): *names (free with sslb_backup_names_free). */
SSLB_API sslb_rc sslb_backup_list(const char *state_dir, char ***names, size_t *n, sslb_diag *d);
SSLB_API void sslb_backup_names_free(char **names, size_t n);
/* Removes backup name (any ASCII case): SSLB_ENOTFOUND when there is none. */
SSLB_API sslb_rc sslb_backup_delete(const char *state_dir, const char *name, sslb_diag *d);

/* What a backup holds, read and checked whole. */
typedef struct sslb_backup {
    char name[256];        /* as stored */
    char *config;          /* its applicationHost.config (NUL-terminated), NULL when it has none */
    size_t len;            /* of config */
    int has_redirection;   /* it has a redirection.config */
    int shared;            /* which enables shared configuration of the directory shared_dir */
    char shared_dir[4096]; /* "" unless shared */
} sslb_backup;
/* Reads backup name (any ASCII case): SSLB_ENOTFOUND when there is none; SSLB_ECORRUPT (d says
 * which file and why) when it holds neither file, or a file that cannot be read or does not read
 * as its kind (an applicationHost.config, a redirection.config). */
SSLB_API sslb_rc sslb_backup_read(const char *state_dir, const char *name, sslb_backup *out, sslb_diag *d);
SSLB_API void sslb_backup_free(sslb_backup *b);

/* ---- a binding's address ------------------------------------------------------------------ */

/* bindingInformation parsed as IIS Manager and WAS read it: "IP:port:host" from the right. */
typedef struct sslb_bindinfo {
    int any_ip; /* "*" or empty: every address */
    sslb_addr ip;
    uint16_t port;
    char host[SSLB_HOST_MAX + 1]; /* lower case; "" for none; "*.contoso.com" allowed */
} sslb_bindinfo;

/* SSLB_EINVAL with d saying why ("Invalid IP address.", port out of range …). */
SSLB_API sslb_rc sslb_bindinfo_parse(const char *info, sslb_bindinfo *out, sslb_diag *d);

/* ---- one server: WAS ---------------------------------------------------------------------- */

typedef struct sslb_server sslb_server;

/* Opens the server of state_dir (its addresses file and sites.state; created on first write). */
SSLB_API sslb_rc sslb_server_open(const char *state_dir, sslb_server **out, sslb_diag *d);
SSLB_API void sslb_server_close(sslb_server *s);

/* This server's addresses: 127.0.0.1 and ::1 always, then those added. */
SSLB_API size_t sslb_server_address_count(const sslb_server *s);
SSLB_API const sslb_addr *sslb_server_address(const sslb_server *s, size_t i);
SSLB_API int sslb_server_owns(const sslb_server *s, const sslb_addr *a);
/* SSLB_EEXISTS / SSLB_ENOTFOUND (or SSLB_EINVAL for the two built-in loopback addresses). */
SSLB_API sslb_rc sslb_server_address_add(sslb_server *s, const sslb_addr *a, sslb_diag *d);
SSLB_API sslb_rc sslb_server_address_delete(sslb_server *s, const sslb_addr *a, sslb_diag *d);

/* Shared configuration: redirection.config. enable requires dir/applicationHost.config; disable
 * goes back to this server's own. The switch moves site states as sslb_was_follow does (n moves;
 * 0: the states stay by id), in one change: a process killed at any moment leaves the old
 * configuration with the old states, or the new one with the moved states (sites.state.next
 * holds them meanwhile; the next command of this server finishes or drops them). */
SSLB_API sslb_rc sslb_server_shared_enable(sslb_server *s, const char *dir, size_t n, const uint32_t *from,
                                           const uint32_t *to, sslb_diag *d);
SSLB_API sslb_rc sslb_server_shared_disable(sslb_server *s, size_t n, const uint32_t *from, const uint32_t *to,
                                            sslb_diag *d);
/* 1 and the directory (a buffer of PATH_MAX) when shared configuration is on; 0 when it is off
 * (no redirection.config, or one that disables it); -1 when redirection.config cannot be read
 * (damaged: what every command that needs it then refuses). dir is "" unless 1. */
SSLB_API int sslb_server_shared_dir(const sslb_server *s, char *dir, size_t n);
/* The configuration this server runs, as sslb_apphost_open(its state directory, NULL, …) opens
 * it: "<shared directory>/applicationHost.config" (1) or its own, absolute (0), in path (a buffer
 * of PATH_MAX at least); -1 (path "") when redirection.config cannot be read or the path is too
 * long. */
SSLB_API int sslb_server_config_path(const sslb_server *s, char *path, size_t n);

/* What a binding is on this server. */
typedef enum sslb_liveness {
    SSLB_LIVE,    /* IP * or one of this server's addresses */
    SSLB_FOREIGN, /* another server's address: ignored here */
    SSLB_INVALID, /* bindingInformation does not parse */
    SSLB_OTHER,   /* not http or https: not WAS's business here */
} sslb_liveness;

typedef struct sslb_bstatus {
    sslb_liveness live;
    sslb_bindinfo bi;
    uint32_t clash_site;     /* a Started site with the same IP:port:host, 0 if none */
    char why[SSLB_DIAG_MAX]; /* for SSLB_INVALID (a diagnostic's whole text) */
} sslb_bstatus;

SSLB_API void sslb_was_binding_status(const sslb_server *s, const sslb_apphost *ah, size_t site, size_t binding,
                                      sslb_bstatus *out);

/* 1 if site id is Started on this server. */
SSLB_API int sslb_was_started(const sslb_server *s, uint32_t id);

/* Why a site cannot start: SSLB_ENOTFOUND (it has no http or https binding, so W3SVC does not know
 * it: 0x800710D8), SSLB_EEXISTS (a live binding is held by Started site *other, 0x800700B7) or
 * SSLB_EINVAL (an invalid binding, 0x80070057), with d naming the binding; SSLB_OK if it can. A
 * site whose bindings are all foreign can start: they are ignored on this server. */
SSLB_API sslb_rc sslb_was_can_start(const sslb_server *s, const sslb_apphost *ah, size_t site, uint32_t *other,
                                    sslb_diag *d);

/* Starts (if it can) or stops a site and records it in sites.state. Starting a Started site and
 * stopping a Stopped one succeed and change nothing. A site without an http or https binding can
 * be neither (SSLB_ENOTFOUND, nothing changes): W3SVC does not know it, and it lists as Stopped. */
SSLB_API sslb_rc sslb_was_start(sslb_server *s, const sslb_apphost *ah, size_t site, uint32_t *other, sslb_diag *d);
SSLB_API sslb_rc sslb_was_stop(sslb_server *s, const sslb_apphost *ah, size_t site, sslb_diag *d);

/* A change moved sites between ids (a renumbering, a site deleted or added in one transaction, a
 * switch to another configuration): sites.state follows the sites, not the ids. For each i, the
 * site that had id from[i] (0: a site new to this server) now has id to[i] (0: gone). Every
 * from[]'s state is read first (ids may swap or chain), the lines of every from[] and to[] are
 * dropped, then to[i] gets from[i]'s line, Started or Stopped, without the start checks:
 * sslb_was_reconcile then stops a started site that can no longer run and starts a new
 * serverAutoStart site (one without a line, as a new site after two commands). */
SSLB_API sslb_rc sslb_was_follow(sslb_server *s, size_t n, const uint32_t *from, const uint32_t *to, sslb_diag *d);

/* sslb_was_follow for an edit, as one change with it: called inside sslb_apphost_change's edit
 * (ah as the edit leaves it; SSLB_EINVAL elsewhere) while sslb_was_hold holds this server's
 * state. The moves wait in
 * sites.state.next until the edit is written, and become sites.state before sslb_apphost_change
 * releases the configuration's lock (a process killed in between: the next command of this
 * server finishes them, or drops them if the edit was not written). An edit that fails leaves
 * them to be dropped by the next command (or sslb_was_settle); the states stay as they were. */
SSLB_API sslb_rc sslb_was_follow_edit(sslb_server *s, sslb_apphost *ah, size_t n, const uint32_t *from,
                                      const uint32_t *to, sslb_diag *d);
/* Reads this server's state anew under its lock: a change's moves made (sslb_was_follow_edit, a
 * switch of configuration) become sites.state, those of a change not made are dropped. */
SSLB_API sslb_rc sslb_was_settle(sslb_server *s, sslb_diag *d);

/* Brings sites.state in line with the configuration, as WAS does on a change notification:
 * forgets sites that no longer exist or have no http or https binding left (W3SVC no longer knows
 * them: when one gets a binding again, it is a new site), starts serverAutoStart sites it has no
 * state for
 * (recording Stopped if they cannot start), and stops a Started site whose live bindings now
 * clash with another Started site's (the edited site loses: edited_id, else the later one in the
 * file) or are invalid. note(ctx, site id, binding prefix) is called for each site stopped, or
 * new serverAutoStart site not started, because another started site holds its URL. When the
 * file has changed since ah was read (sslb_apphost_changed), nothing is done: a stale view would
 * forget the state of sites it does not know. */
typedef void (*sslb_was_note_fn)(void *ctx, uint32_t site_id, const char *url_prefix);
SSLB_API sslb_rc sslb_was_reconcile(sslb_server *s, const sslb_apphost *ah, uint32_t edited_id, sslb_was_note_fn note,
                                    void *ctx, sslb_diag *d);
/* The quiet catch-up a command does before it reads or changes the IIS state (sslb_was_reconcile
 * with no edited site and no notes), without waiting: when another process holds the state, it
 * is a writer that reconciles its own change under the lock, so SSLB_OK at once (a command that
 * must write then waits once, for its own change, not twice). SSLB_OK too when the state may not
 * be written (no permission, a read-only file system): nothing is recorded, nothing is lost. */
SSLB_API sslb_rc sslb_was_catch_up(sslb_server *s, const sslb_apphost *ah, sslb_diag *d);
/* Holds this server's IIS state (DIR/iis.lock, waiting as every writer does) until
 * sslb_was_release or sslb_server_close, so that a change of applicationHost.config and the state
 * it implies (reconcile, a renumbered site's state) are one change for the other processes: an
 * appcmd writer holds it before it edits the file, and fails with nothing changed when it cannot.
 * This process's own WAS calls meanwhile use the hold. */
SSLB_API sslb_rc sslb_was_hold(sslb_server *s, sslb_diag *d);
SSLB_API void sslb_was_release(sslb_server *s);

#ifdef __cplusplus
}
#endif

#endif
