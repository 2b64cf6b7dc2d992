/* http.c — the `http` context: add, update, delete and show sslcert, as netsh does them. */
#include <stdlib.h>
#include <string.h>

#include "shell.h"

/* The on/off parameters: tag, where the bit lives, and how show prints it. One table serves
 * the parser (tag) and `show` (label, in netsh's order; `json=enable` prints the raw words). */
struct onoff {
    const char *tag; /* NULL: no netsh tag sets it (it comes from the registry) */
    const char *label;
    int in_check_mode; /* bit of DefaultCertCheckMode, else of DefaultFlags */
    uint32_t bit;
    int bit_means_on; /* 1: bit set = enabled; 0: bit set = disabled (verify, usage check) */
    int set_style;    /* 1: prints Set / Not Set; 0: Enabled / Disabled */
    int since_2025;   /* a line only Windows Server 2025's layout prints */
};

/* Two DefaultCertCheckMode bits behind lines of Windows Server 2025's show sslcert. No public
 * header or document names them (HTTP_SERVICE_CONFIG_SSL_PARAM documents 1, 2, 4 and 0x10000):
 * these values are our choice, the next free bits; they round-trip through bindings.reg as part
 * of DefaultSslCertCheckMode like every other bit. No netsh tag is known to set them. */
#define CHECK_CACHED_URLS_ONLY 0x8u
#define CHECK_DISABLE_AIA 0x10u

static const struct onoff onoffs[] = {
    {"verifyclientcertrevocation", "Verify Client Certificate Revocation", 1, SSLB_CHECK_NO_REVOCATION, 0, 0, 0},
    {"verifyrevocationwithcachedclientcertonly", "Verify Revocation Using Cached Client Certificate Only", 1,
     SSLB_CHECK_CACHED_ONLY, 1, 0, 0},
    /* set by revocationfreshnesstime=N, N > 0 */
    {NULL, "Use Revocation Freshness Time", 1, SSLB_CHECK_USE_FRESHNESS, 1, 0, 1},
    {NULL, "Verify Revocation Using Cached URLs Only", 1, CHECK_CACHED_URLS_ONLY, 1, 0, 1},
    {NULL, "Disable Authority Info Access", 1, CHECK_DISABLE_AIA, 1, 0, 1},
    {"usagecheck", "Usage Check", 1, SSLB_CHECK_NO_USAGE, 0, 0, 0},
    /* show prints freshness, timeout and the CTL lines here */
    {"dsmapperusage", "DS Mapper Usage", 0, SSLB_FLAG_DS_MAPPER, 1, 0, 0},
    {"clientcertnegotiation", "Negotiate Client Certificate", 0, SSLB_FLAG_NEGOTIATE_CLIENT_CERT, 1, 0, 0},
    {"reject", "Reject Connections", 0, SSLB_FLAG_REJECT, 1, 0, 0},
    {"disablehttp2", "Disable HTTP2", 0, SSLB_FLAG_DISABLE_HTTP2, 1, 1, 0},
    {"disablequic", "Disable QUIC", 0, SSLB_FLAG_DISABLE_QUIC, 1, 1, 0},
    {"disabletls12", "Disable TLS1.2", 0, SSLB_FLAG_DISABLE_TLS12, 1, 1, 0},
    {"disabletls13", "Disable TLS1.3", 0, SSLB_FLAG_DISABLE_TLS13, 1, 1, 0},
    {"disableocspstapling", "Disable OCSP Stapling", 0, SSLB_FLAG_DISABLE_OCSP_STAPLING, 1, 1, 0},
    {"enabletokenbinding", "Enable Token Binding", 0, SSLB_FLAG_ENABLE_TOKEN_BINDING, 1, 1, 0},
    {"logextendedevents", "Log Extended Events", 0, SSLB_FLAG_LOG_EXTENDED_EVENTS, 1, 1, 0},
    {"disablelegacytls", "Disable Legacy TLS Versions", 0, SSLB_FLAG_DISABLE_LEGACY_TLS, 1, 1, 0},
    {"enablesessionticket", "Enable Session Ticket", 0, SSLB_FLAG_ENABLE_SESSION_TICKET, 1, 1, 0},
    {"disablesessionid", "Disable Session ID", 0, SSLB_FLAG_DISABLE_SESSION_ID, 1, 1, 0},
    /* no netsh tag sets this one; it comes from the registry */
    {NULL, "Enable Caching Client Hello", 0, SSLB_FLAG_CACHE_CLIENT_HELLO, 1, 1, 0},
};
#define N_ONOFF ((int)(sizeof onoffs / sizeof onoffs[0]))
#define N_CHECK_ONOFF 6 /* the check-mode rows, before freshness and timeout */

static int onoff_value(const struct onoff *o, const sslb_params *p)
{
    uint32_t word = o->in_check_mode ? p->check_mode : p->flags;
    int set = (word & o->bit) != 0;
    return o->bit_means_on ? set : !set;
}

static void onoff_apply(const struct onoff *o, sslb_params *p, int on)
{
    uint32_t *word = o->in_check_mode ? &p->check_mode : &p->flags;
    int set = o->bit_means_on ? on : !on;
    *word = set ? (*word | o->bit) : (*word & ~o->bit);
}

/* ---- tags ---------------------------------------------------------------------------------- */

#define KEY_TAGS                                                                                                       \
    {"ipport", T_IPPORT, 0, "<ipaddr:port>",                                                                           \
     "IP address and port of the binding; 0.0.0.0 is every IPv4 and IPv6 address, [::] every IPv6 address."},          \
        {"hostnameport", T_HOSTPORT, 0, "<name:port>",                                                                 \
         "Host name (as the client sends it in SNI) and port of the binding."},                                        \
        {"ccs", T_CCS, 0, "<port>",                                                                                    \
         "Port of a Central Certificate Store binding: the certificate is found by host name."},                       \
    {                                                                                                                  \
        "scopedccs", T_SCOPEDCCS, 0, "<name:port>",                                                                    \
            "Host name and port of a scoped Central Certificate Store binding."                                        \
    }

#define SET_TAGS                                                                                                       \
    {"appid", T_GUID, 1, "<GUID>", "GUID of the application that owns the binding, in braces."},                       \
        {"certhash", T_HASH, 0, "<string>",                                                                            \
         "SHA-1 thumbprint of the certificate: 40 hexadecimal digits. Not for ccs bindings."},                         \
        {"certstorename", T_STRING, 0, "<string>", "Store that holds the certificate (MY when not given)."},           \
        {"verifyclientcertrevocation", T_BOOL, 0, "enable|disable",                                                    \
         "Check client certificates for revocation (default enable)."},                                                \
        {"verifyrevocationwithcachedclientcertonly", T_BOOL, 0, "enable|disable",                                      \
         "Use only cached revocation data for client certificates."},                                                  \
        {"usagecheck", T_BOOL, 0, "enable|disable", "Check the usage of client certificates (default enable)."},       \
        {"revocationfreshnesstime", T_U32, 0, "<u-int>", "Seconds after which cached revocation data is refreshed."},  \
        {"urlretrievaltimeout", T_U32, 0, "<u-int>", "Milliseconds to wait when fetching revocation data."},           \
        {"sslctlidentifier", T_STRING, 0, "<string>",                                                                  \
         "Identifier of the certificate trust list of accepted issuers."},                                             \
        {"sslctlstorename", T_STRING, 0, "<string>", "Store that holds that certificate trust list."},                 \
        {"dsmapperusage", T_BOOL, 0, "enable|disable", "Map client certificates to directory accounts."},              \
        {"clientcertnegotiation", T_BOOL, 0, "enable|disable",                                                         \
         "Ask the client for a certificate during the handshake."},                                                    \
        {"reject", T_BOOL, 0, "enable|disable", "Refuse every connection that matches this binding."},                 \
        {"disablehttp2", T_BOOL, 0, "enable|disable", "Do not offer HTTP/2 on this binding."},                         \
        {"disablequic", T_BOOL, 0, "enable|disable", "Do not offer QUIC (HTTP/3) on this binding."},                   \
        {"disablelegacytls", T_BOOL, 0, "enable|disable", "Refuse TLS versions older than 1.2."},                      \
        {"disabletls12", T_BOOL, 0, "enable|disable", "Refuse TLS 1.2."},                                              \
        {"disabletls13", T_BOOL, 0, "enable|disable", "Refuse TLS 1.3."},                                              \
        {"disableocspstapling", T_BOOL, 0, "enable|disable", "Do not staple OCSP responses."},                         \
        {"enabletokenbinding", T_BOOL, 0, "enable|disable", "Negotiate token binding."},                               \
        {"logextendedevents", T_BOOL, 0, "enable|disable", "Log extended events for this binding."},                   \
        {"enablesessionticket", T_BOOL, 0, "enable|disable", "Resume sessions with TLS session tickets."},             \
    {                                                                                                                  \
        "disablesessionid", T_BOOL, 0, "enable|disable", "Do not resume sessions by session ID."                       \
    }

static const struct tagdef set_tags[] = {KEY_TAGS, SET_TAGS, {NULL, 0, 0, NULL, NULL}};
static const struct tagdef key_tags[] = {KEY_TAGS, {NULL, 0, 0, NULL, NULL}};
static const struct tagdef show_tags[] = {
    KEY_TAGS,
    {"json", T_BOOL, 0, "enable|disable", "Print the bindings as JSON (our extension)."},
    {NULL, 0, 0, NULL, NULL}};

/* Finds the one key tag (*key, NULL if none is given). TAGS_BAD for two keys, TAGS_MISSING
 * for none when one is required; each with an explanation. */
static enum tagres the_key(struct shell *sh, const struct parsed *p, int required, const struct tagval **key)
{
    *key = NULL;
    for (int i = 0; i < p->n; i++) {
        if (p->tv[i].def->type > T_SCOPEDCCS) continue;
        if (*key) {
            explain(sh, "%s and %s: give exactly one of ipport, hostnameport, ccs, scopedccs", (*key)->def->tag,
                    p->tv[i].def->tag);
            return TAGS_BAD;
        }
        *key = &p->tv[i];
    }
    if (!*key && required) {
        explain(sh, "one of ipport, hostnameport, ccs or scopedccs is required");
        return TAGS_MISSING;
    }
    return TAGS_OK;
}

/* ---- results ------------------------------------------------------------------------------- */

int report_sslcert(struct shell *sh, const char *verb, sslb_rc rc, const sslb_diag *d)
{
    char head[80];

    if (rc == SSLB_OK) {
        snprintf(head, sizeof head, "SSL Certificate successfully %s", verb);
        out_message(sh->out, head, NULL);
        return 0;
    }
    if (rc == SSLB_EINVAL) return report_failure(sh, rc, d);
    snprintf(head, sizeof head, "SSL Certificate %s failed, Error: %d",
             strcmp(verb, "deleted") == 0 ? "deletion"
             : strcmp(verb, "added") == 0 ? "add"
                                          : "update",
             sslb_win32(rc));
    out_message(sh->out, head, sslb_strerror(rc));
    if (d && d->text[0]) explain(sh, "%s", d->text);
    else if (rc == SSLB_EEXISTS) explain(sh, "that key is already bound; use update sslcert to change it");
    else if (rc == SSLB_ENOTFOUND) explain(sh, "no binding has that key");
    return 1;
}

/* The library's detail of netsh's 1312 check names no tag: say it is certhash's, and where to look;
 * or, when the store's name is not one a store can have, that (netsh's 1312 stays). */
const sslb_diag *certhash_detail(sslb_diag *d, const char *store)
{
    sslb_diag core = *d, bad = {{0}};

    if (strncmp(core.text, "no certificate ", 15) == 0 && store && sslb_store_name_check(store, &bad) != SSLB_OK)
        sslb_diagf(d, SSLB_ENOCERT, "certhash: %s: certstorename: %s, so no store has that name", core.text, bad.text);
    else if (strncmp(core.text, "no certificate ", 15) == 0)
        sslb_diagf(d, SSLB_ENOCERT, "certhash: %s (sslbind cert show store=%s lists them)", core.text,
                   store ? store : "MY");
    else sslb_diagf(d, SSLB_ENOCERT, "certhash: %s", core.text);
    return d;
}

/* ---- add / update -------------------------------------------------------------------------- */

/* A host name that clients read as an IP address (a dotted quad, or any name whose last label is
 * a number, as URL parsers read 1.2.3, 010.0.0.1 or 0x7f000001: numeric_last_label) never
 * arrives as SNI (RFC 6066 3): a hostnameport or scopedccs binding under it could never match.
 * Refused for new bindings only: one a registry export holds still loads, shows, updates and
 * deletes, as on Windows. */
static int never_sni(struct shell *sh, const struct tagval *key)
{
    const char *host = key->v.key.host, *tag = key->def->tag;
    unsigned port = key->v.key.port;
    sslb_addr a;

    if (!numeric_last_label(host)) return 0;
    if (sslb_addr_parse(host, &a, NULL) != SSLB_OK)
        explain(sh,
                "%s: '%s' ends in a numeric label (all digits, or 0x and hex digits): clients read it as an IP "
                "address and never send it as SNI",
                tag, host);
    else if (key->def->type == T_HOSTPORT)
        explain(sh,
                "%s: '%s' is an IP address: clients never send one as SNI, so it could never match; use ipport=%s:%u",
                tag, host, host, port);
    else
        explain(sh, "%s: '%s' is an IP address: clients never send one as SNI, so it could never match; use ccs=%u",
                tag, host, port);
    return 1;
}

static int set_binding(struct shell *sh, const struct cmd_row *row, int argc, char **argv, sslb_store_op op)
{
    const char *done = op == SSLB_STORE_ADD ? "added" : "updated";
    const struct tagval *key, *tv;
    struct parsed p;
    sslb_binding b;
    enum tagres r, kr;
    sslb_diag d = {{0}};
    sslb_rc rc;

    if ((r = tags_parse(sh, row->tags, argc, argv, &p)) == TAGS_BAD) return complain(sh, row, r);
    if ((kr = the_key(sh, &p, 1, &key)) != TAGS_OK) return complain(sh, row, kr);
    if (r == TAGS_MISSING) return complain(sh, row, r);
    if (op == SSLB_STORE_ADD && key->def->type != T_IPPORT && key->def->type != T_CCS && never_sni(sh, key))
        return complain(sh, row, TAGS_BAD);

    memset(&b, 0, sizeof b);
    b.key = key->v.key;
    sslb_params_init(&b.params);
    if ((tv = tags_get(&p, "certhash"))) {
        b.params.certhash_len = SSLB_CERTHASH_LEN;
        memcpy(b.params.certhash, tv->v.hash, SSLB_CERTHASH_LEN);
    } else if (b.key.kind == SSLB_IPPORT || b.key.kind == SSLB_HOSTPORT) {
        explain(sh, "certhash: required for %s %s binding", b.key.kind == SSLB_IPPORT ? "an" : "a", key->def->tag);
        return complain(sh, row, TAGS_MISSING);
    }
    b.params.appid = tags_get(&p, "appid")->v.guid;
    if ((tv = tags_get(&p, "certstorename"))) b.params.store_name = tv->text;
    if ((tv = tags_get(&p, "sslctlidentifier"))) b.params.ctl_identifier = tv->text;
    if ((tv = tags_get(&p, "sslctlstorename"))) b.params.ctl_store_name = tv->text;
    if ((tv = tags_get(&p, "urlretrievaltimeout"))) b.params.url_retrieval_timeout = tv->v.u32;
    if ((tv = tags_get(&p, "revocationfreshnesstime"))) {
        b.params.revocation_freshness_time = tv->v.u32;
        if (tv->v.u32) b.params.check_mode |= SSLB_CHECK_USE_FRESHNESS;
    }
    for (int i = 0; i < N_ONOFF; i++)
        if (onoffs[i].tag && (tv = tags_get(&p, onoffs[i].tag))) onoff_apply(&onoffs[i], &b.params, tv->v.on);

    if ((rc = shell_sync(sh)) != SSLB_OK) return report_sslcert(sh, done, rc, NULL);
    /* netsh's check: the certificate must be in its store, with its private key (1312). */
    if (b.params.certhash_len && (rc = shell_open_certs(sh)) != SSLB_OK) return report_sslcert(sh, done, rc, NULL);
    if (b.params.certhash_len &&
        (rc = sslb_cert_check_usable(sh->certs, b.params.store_name, b.params.certhash, &d)) != SSLB_OK)
        return report_sslcert(sh, done, rc, certhash_detail(&d, b.params.store_name));
    return report_sslcert(sh, done, sslb_store_apply(sh->store, sh->table, op, &b, &d), &d);
}

static int cmd_add(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return set_binding(sh, row, argc, argv, SSLB_STORE_ADD);
}

static int cmd_update(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return set_binding(sh, row, argc, argv, SSLB_STORE_UPDATE);
}

static int cmd_delete(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    const struct tagval *key;
    struct parsed p;
    sslb_binding b;
    enum tagres r;
    sslb_diag d = {{0}};

    if ((r = tags_parse(sh, row->tags, argc, argv, &p)) == TAGS_BAD) return complain(sh, row, r);
    if ((r = the_key(sh, &p, 1, &key)) != TAGS_OK) return complain(sh, row, r);
    memset(&b, 0, sizeof b);
    b.key = key->v.key;
    sslb_rc rc = shell_sync(sh);
    if (rc != SSLB_OK) return report_sslcert(sh, "deleted", rc, NULL);
    /* the store's reason (a full disk, a lock it cannot take) goes to standard error, as add's */
    return report_sslcert(sh, "deleted", sslb_store_apply(sh->store, sh->table, SSLB_STORE_DELETE, &b, &d), &d);
}

/* ---- show ---------------------------------------------------------------------------------- */

static const char *or_null(const char *s)
{
    return s ? s : "(null)";
}

/* The layouts of show sslcert: Windows Server 2025's (the default) prints three check-mode lines
 * that Windows Server 2022's does not. SSLBIND_LAYOUT=2022 asks for the older one. */
enum layout { LAYOUT_2025, LAYOUT_2022 };

/* The layout SSLBIND_LAYOUT asks for; -1 (explained) for a value that is not 2022 or 2025. */
static int layout_wanted(struct shell *sh)
{
    const char *v = getenv("SSLBIND_LAYOUT");

    if (!v || !v[0] || strcmp(v, "2025") == 0) return LAYOUT_2025;
    if (strcmp(v, "2022") == 0) return LAYOUT_2022;
    explain(sh, "SSLBIND_LAYOUT: '%.40s' is not a layout: expected 2025 (the default) or 2022", v);
    return -1;
}

struct show_ctx {
    FILE *f;
    enum layout layout;
};

static int show_one(void *ctx, const sslb_binding *b)
{
    static const char *const key_labels[SSLB_KIND_COUNT] = {"IP:port", "Hostname:port", "Central Certificate Store",
                                                            "Scoped CCS"};
    const struct show_ctx *s = ctx;
    FILE *f = s->f;
    const sslb_params *p = &b->params;
    char key[SSLB_KEYTEXT_MAX], hash[41], guid[SSLB_GUID_TEXT];

    out_field(f, key_labels[b->key.kind], "%s", sslb_key_format(&b->key, key, sizeof key));
    out_field(f, "Certificate Hash", "%s", p->certhash_len ? sslb_certhash_format(p->certhash, hash) : "(null)");
    out_field(f, "Application ID", "%s", sslb_guid_format(&p->appid, guid));
    out_field(f, "Certificate Store Name", "%s", or_null(p->store_name));
    for (int i = 0; i < N_ONOFF; i++) {
        const struct onoff *o = &onoffs[i];
        int on = onoff_value(o, p);
        if (i == N_CHECK_ONOFF) {
            out_field(f, "Revocation Freshness Time", "%u", p->revocation_freshness_time);
            out_field(f, "URL Retrieval Timeout", "%u", p->url_retrieval_timeout);
            out_field(f, "Ctl Identifier", "%s", or_null(p->ctl_identifier));
            out_field(f, "Ctl Store Name", "%s", or_null(p->ctl_store_name));
        }
        if (o->since_2025 && s->layout == LAYOUT_2022) continue;
        out_field(f, o->label, "%s", o->set_style ? (on ? "Set" : "Not Set") : (on ? "Enabled" : "Disabled"));
    }
    fputs(" Extended Properties:\n", f);
    out_field(f, "PropertyId", "0");
    out_field(f, "Receive Window", "1048576");
    fputs(" Extended Properties:\n", f);
    out_field(f, "PropertyId", "1");
    out_field(f, "Max Settings Per Frame", "2796202");
    out_field(f, "Max Settings Per Minute", "4294967295");
    fputc('\n', f);
    return 0;
}

/* ---- show json=enable: Windows' shape ------------------------------------------------------ */

/* RFC 4648 base64 of n bytes into out (room for 4 * ((n + 2) / 3) + 1). */
static char *base64(const uint8_t *in, size_t n, char *out)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *o = out;

    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
        *o++ = abc[v >> 18 & 63];
        *o++ = abc[v >> 12 & 63];
        *o++ = i + 1 < n ? abc[v >> 6 & 63] : '=';
        *o++ = i + 2 < n ? abc[v & 63] : '=';
    }
    *o = '\0';
    return out;
}

struct json_ctx {
    FILE *f;
    int n;
};

/* One entry of SslCertificateBindings: the key (named after its netsh tag, IpPort as clients
 * read it), ConfigType (the HTTP_SERVICE_CONFIG_ID of its table), then the members of
 * HTTP_SERVICE_CONFIG_SSL_PARAM without their p prefix, the AppId also as GuidString. What is
 * seen in public clients and what is inferred: docs/shell.md. */
static int json_one(void *ctx, const sslb_binding *b)
{
    static const char *const key_names[SSLB_KIND_COUNT] = {"IpPort", "HostnamePort", "Ccs", "ScopedCcs"};
    static const int config_types[SSLB_KIND_COUNT] = {1, 5, 6, 11};
    struct json_ctx *j = ctx;
    FILE *f = j->f;
    const sslb_params *p = &b->params;
    char key[SSLB_KEYTEXT_MAX], guid[SSLB_GUID_TEXT], b64[4 * ((SSLB_CERTHASH_LEN + 2) / 3) + 1];

    fprintf(f, "%s\n    {\n      \"%s\": ", j->n++ ? "," : "", key_names[b->key.kind]);
    out_json_string(f, sslb_key_format(&b->key, key, sizeof key));
    fprintf(f, ",\n      \"ConfigType\": %d,\n      \"SslHashLength\": %u,\n      \"SslHash\": ",
            config_types[b->key.kind], (unsigned)p->certhash_len);
    out_json_string(f, p->certhash_len ? base64(p->certhash, p->certhash_len, b64) : NULL);
    sslb_guid_format(&p->appid, guid);
    fprintf(f, ",\n      \"AppId\": \"%.36s\",\n      \"GuidString\": \"%s\",\n      \"SslCertStoreName\": ", guid + 1,
            guid);
    out_json_string(f, p->store_name);
    fprintf(f,
            ",\n      \"DefaultCertCheckMode\": %u,\n      \"DefaultRevocationFreshnessTime\": %u,\n"
            "      \"DefaultRevocationUrlRetrievalTimeout\": %u,\n      \"DefaultSslCtlIdentifier\": ",
            p->check_mode, p->revocation_freshness_time, p->url_retrieval_timeout);
    out_json_string(f, p->ctl_identifier);
    fputs(",\n      \"DefaultSslCtlStoreName\": ", f);
    out_json_string(f, p->ctl_store_name);
    fprintf(f, ",\n      \"DefaultFlags\": %u\n    }", p->flags);
    return 0;
}

/* The whole answer: {"SslCertificateBindings": [...], "message": ..., "status": <Win32 code>}. */
static void json_close(FILE *f, int n, sslb_rc rc)
{
    fputs(n ? "\n  ],\n  \"message\": " : "],\n  \"message\": ", f);
    out_json_string(f, rc == SSLB_OK ? "The operation completed successfully." : sslb_strerror(rc));
    fprintf(f, ",\n  \"status\": %d\n}\n", rc == SSLB_OK ? 0 : sslb_win32(rc));
}

static int cmd_show(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    const struct tagval *key, *json;
    struct parsed p;
    enum tagres r;
    int as_json, layout = LAYOUT_2025;

    if ((r = tags_parse(sh, row->tags, argc, argv, &p)) != TAGS_OK) return complain(sh, row, r);
    if ((r = the_key(sh, &p, 0, &key)) != TAGS_OK) return complain(sh, row, r);
    json = tags_get(&p, "json");
    as_json = json && json->v.on;
    if (!as_json && (layout = layout_wanted(sh)) < 0) return report_failure(sh, SSLB_EINVAL, NULL);
    sslb_rc rc = shell_sync(sh);
    if (rc != SSLB_OK) {
        if (as_json) {
            fputs("{\n  \"SslCertificateBindings\": [", sh->out);
            json_close(sh->out, 0, rc);
        } else {
            out_message(sh->out, sslb_strerror(rc), NULL);
        }
        return 1; /* shell_sync explained it */
    }
    if (as_json) {
        struct json_ctx j = {sh->out, 0};
        sslb_binding b;
        int found = 1;
        fputs("{\n  \"SslCertificateBindings\": [", sh->out);
        if (key) {
            if ((found = sslb_table_query(sh->table, &key->v.key, &b) == SSLB_OK)) json_one(&j, &b);
        } else {
            sslb_table_foreach(sh->table, json_one, &j);
        }
        json_close(sh->out, j.n, found ? SSLB_OK : SSLB_ENOTFOUND);
        if (!found) explain(sh, "no binding has the key %s", key->text);
        return !found;
    }
    struct show_ctx s = {sh->out, (enum layout)layout};
    fputs("\nSSL Certificate bindings:\n-------------------------\n\n", sh->out);
    if (key) {
        sslb_binding b;
        if (sslb_table_query(sh->table, &key->v.key, &b) != SSLB_OK) {
            fprintf(sh->out, "%s\n\n", sslb_strerror(SSLB_ENOTFOUND));
            explain(sh, "no binding has the key %s", key->text);
            return 1;
        }
        show_one(&s, &b);
        return 0;
    }
    sslb_table_foreach(sh->table, show_one, &s);
    return 0;
}

/* ---- the rows ------------------------------------------------------------------------------ */

#define SSLCERT_KEYS "hostnameport=<name:port> | ipport=<ipaddr:port> | ccs=<port>"

const struct cmd_row http_rows[] = {
    {CTX_HTTP, "add", "sslcert", cmd_add, set_tags, "Adds an SSL server certificate binding.", SSLCERT_KEYS,
     "Remarks: Adds a binding between an endpoint (IP address and port, host name and port,\n"
     "         or a Central Certificate Store port) and a server certificate, with the\n"
     "         client-certificate policy that goes with it. Fails if the endpoint is\n"
     "         already bound. scopedccs=<name:port> may stand in place of the key.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      add sslcert ipport=1.1.1.1:443 certhash=0102030405060708090A0B0C0D0E0F1011121314 "
     "appid={00112233-4455-6677-8899-AABBCCDDEEFF}\n"
     "      add sslcert hostnameport=www.contoso.com:443 certhash=0102030405060708090A0B0C0D0E0F1011121314 "
     "appid={00112233-4455-6677-8899-AABBCCDDEEFF} certstorename=MY\n"
     "      add sslcert ccs=443 appid={00112233-4455-6677-8899-AABBCCDDEEFF}\n"},
    {CTX_HTTP, "delete", "sslcert", cmd_delete, key_tags, "Deletes SSL server certificate bindings.", SSLCERT_KEYS,
     "Remarks: Deletes the binding of one endpoint.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      delete sslcert ipport=1.1.1.1:443\n"
     "      delete sslcert ipport=[fe80::1]:443\n"
     "      delete sslcert hostnameport=www.contoso.com:443\n"
     "      delete sslcert ccs=443\n"},
    {CTX_HTTP, "show", "sslcert", cmd_show, show_tags, "Displays SSL server certificate bindings.", SSLCERT_KEYS,
     "Remarks: Displays one binding, or all of them when no endpoint is given: IP:port\n"
     "         bindings first, then host name, then Central Certificate Store bindings.\n"
     "         The layout is Windows Server 2025's (SSLBIND_LAYOUT=2022: 2022's). With\n"
     "         json=enable, netsh's object {\"SslCertificateBindings\": [...]}.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      show sslcert ipport=1.1.1.1:443\n"
     "      show sslcert hostnameport=www.contoso.com:443\n"
     "      show sslcert\n"
     "      show sslcert json=enable\n"},
    {CTX_HTTP, "update", "sslcert", cmd_update, set_tags, "Updates an SSL server certificate binding.", SSLCERT_KEYS,
     "Remarks: Replaces the whole parameter block of an existing binding in one step: a\n"
     "         handshake sees the old binding or the new one, never none. Parameters not\n"
     "         given take their defaults. Fails if the endpoint is not bound.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      update sslcert ipport=1.1.1.1:443 certhash=0102030405060708090A0B0C0D0E0F1011121314 "
     "appid={00112233-4455-6677-8899-AABBCCDDEEFF}\n"},
};
const int http_nrows = (int)(sizeof http_rows / sizeof http_rows[0]);
