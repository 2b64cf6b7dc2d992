/* cert.c — the `cert` context: the emulated machine's certificate stores (our extension). */
#include <stdlib.h>
#include <string.h>

#include "shell.h"

static const char *store_of(const struct parsed *p)
{
    const struct tagval *tv = tags_get(p, "store");
    return tv ? tv->text : "MY";
}

/* A store's name as output spells it: as the command gave it (store=WebHosting), compared
 * case-insensitively with the stored name; the default store as netsh names it, MY; else as
 * stored (lower case: a listing of every store has no spelling to go by). */
static const char *store_shown(const char *given, const char *stored)
{
    if (given && sslb_ascii_casecmp(given, stored) == 0) return given;
    if (sslb_ascii_casecmp(stored, "MY") == 0) return "MY";
    return stored;
}

void out_json_list(FILE *f, const char *list)
{
    int n = 0;

    fputc('[', f);
    while (list && *list) {
        const char *end = strstr(list, ", ");
        int len = end ? (int)(end - list) : (int)strlen(list);
        char item[1024];
        snprintf(item, sizeof item, "%.*s", len, list);
        fputs(n++ ? ", " : "", f);
        out_json_string(f, item);
        list += len + (end ? 2 : 0);
    }
    fputc(']', f);
}

/* A certificate's DNS names as a JSON array, whole names all: from c, else from info's text
 * when it holds them all, else from the certificate loaded again (info->dnsnames_more). */
void out_json_dnsnames(FILE *f, sslb_certstore *cs, const sslb_certinfo *info, const sslb_cert *c)
{
    sslb_cert *own = NULL;
    char name[4 * SSLB_HOST_MAX + 8];

    if (!c && info->dnsnames_more && cs && sslb_cert_load(cs, info->store, info->thumb, &own) == SSLB_OK) c = own;
    if (!c) { /* all of them, or (the file gone meanwhile) those shown, without ", and N more" */
        char shown[sizeof info->dnsnames], *more;
        snprintf(shown, sizeof shown, "%s", info->dnsnames);
        if (info->dnsnames_more && (more = strstr(shown, ", and "))) *more = '\0';
        out_json_list(f, shown);
        return;
    }
    fputc('[', f);
    for (unsigned i = 0; sslb_cert_dnsname(c, i, name, sizeof name); i++) {
        fputs(i ? ", " : "", f);
        out_json_string(f, name);
    }
    fputc(']', f);
    sslb_cert_free(own);
}

/* json=enable of create, import and show: {"certificates": [{…}, …]}, one object per
 * certificate, "certhash" as http add sslcert takes it. */
static void json_cert(FILE *f, sslb_certstore *cs, int n, const char *store, const sslb_certinfo *i)
{
    char th[41];

    fprintf(f, "%s\n    {\n      \"certhash\": \"%s\",\n      \"store\": ", n ? "," : "",
            sslb_certhash_format(i->thumb, th));
    out_json_string(f, store);
    fputs(",\n      \"file\": ", f);
    out_json_string(f, i->file[0] ? i->file : NULL);
    fputs(",\n      \"subject\": ", f);
    out_json_string(f, i->subject);
    fputs(",\n      \"dnsnames\": ", f);
    out_json_dnsnames(f, cs, i, NULL);
    fputs(",\n      \"ipaddresses\": ", f);
    out_json_list(f, i->ipaddrs);
    fputs(",\n      \"notbefore\": ", f);
    out_json_string(f, i->not_before);
    fputs(",\n      \"notafter\": ", f);
    out_json_string(f, i->not_after);
    fprintf(f, ",\n      \"privatekey\": %s\n    }", i->has_key ? "true" : "false");
}

static void json_open(FILE *f)
{
    fputs("{\n  \"certificates\": [", f);
}

static void json_close(FILE *f, int n)
{
    fputs(n ? "\n  ]\n}\n" : "]\n}\n", f);
}

static int want_json(const struct parsed *p)
{
    const struct tagval *tv = tags_get(p, "json");
    return tv && tv->v.on;
}

/* Checks the store= tag; 0 if fine. */
static int store_ok(struct shell *sh, const struct parsed *p)
{
    sslb_diag d;
    if (sslb_store_name_check(store_of(p), &d) == SSLB_OK) return 0;
    explain(sh, "store: %s", d.text);
    out_message(sh->out, sslb_strerror(SSLB_EINVAL), NULL);
    return 1;
}

/* Parses the tags of a command that takes password=. "password=" with nothing after it is an
 * empty password (an empty-password .pfx), which the tag parser, refusing empty values, would
 * not let through: that word is taken out before parsing and *password set to "". Otherwise
 * *password is the tag's text, or NULL when there is none. 0 if parsed. */
static int parse_with_password(struct shell *sh, const struct cmd_row *row, int argc, char **argv, struct parsed *p,
                               const char **password)
{
    char *words[SHELL_MAX_WORDS];
    const struct tagval *tv;
    int n = 0, empty = 0;

    for (int i = 0; i < argc; i++) {
        if (sslb_ascii_casecmp(argv[i], "password=") == 0) {
            if (empty++) {
                explain(sh, "password: given twice");
                return complain(sh, row, TAGS_BAD);
            }
            continue;
        }
        if (n == SHELL_MAX_WORDS) { /* more words than a row has tags: some are repeated */
            explain(sh, "too many words: at most %d", SHELL_MAX_WORDS);
            return complain(sh, row, TAGS_BAD);
        }
        words[n++] = argv[i];
    }
    if (parse_or_complain(sh, row, n, words, p)) return 1;
    tv = tags_get(p, "password");
    if (empty && tv) {
        explain(sh, "password: given twice");
        return complain(sh, row, TAGS_BAD);
    }
    *password = empty ? "" : tv ? tv->text : NULL;
    return 0;
}

static void print_hash_line(struct shell *sh, const sslb_certinfo *info)
{
    char th[41];
    out_field(sh->out, "Certificate Hash", "%s", sslb_certhash_format(info->thumb, th));
}

/* A central store file a create or import replaced (a renewal, or a mistake): said, since the
 * certificate and key it held are gone. */
static void note_replaced(struct shell *sh, const sslb_certinfo *info)
{
    char th[41];
    if (info->replaced == 1)
        explain(sh, "replaced %s, which held %s (its certificate and key are gone from the central store)", info->file,
                sslb_certhash_format(info->replaced_thumb, th));
    else if (info->replaced == 2)
        explain(sh, "replaced %s, which did not read as a .pfx with a certificate", info->file);
}

static int cmd_create(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    const struct tagval *names, *days, *ca, *issuer, *istore;
    sslb_certstore *cs;
    sslb_certinfo info;
    struct parsed p;
    sslb_diag d = {{0}};
    uint32_t ndays = 365;
    sslb_rc rc;

    if (parse_or_complain(sh, row, argc, argv, &p) || store_ok(sh, &p)) return 1;
    if (!(cs = shell_certs(sh))) return 1;
    names = tags_get(&p, "dnsnames");
    days = tags_get(&p, "days");
    /* parsed here, not as a T_U32, so that a word that is no number names days' range too */
    if (days && sslb_u32_parse(days->text, &ndays, &d) != SSLB_OK) {
        explain(sh, "days: '%.32s': expected a whole number of days from 1 to 36500", days->text);
        return report_failure(sh, SSLB_EINVAL, NULL);
    }
    if (ndays < 1 || ndays > 36500) {
        explain(sh, "days: %u is not in 1..36500", ndays);
        return report_failure(sh, SSLB_EINVAL, NULL);
    }
    ca = tags_get(&p, "ca");
    issuer = tags_get(&p, "issuer");
    istore = tags_get(&p, "issuerstore");
    if (istore && !issuer) {
        explain(sh, "issuerstore: names the store of issuer=, which is not given");
        return report_failure(sh, SSLB_EINVAL, NULL);
    }
    if (istore && sslb_store_name_check(istore->text, &d) != SSLB_OK) {
        explain(sh, "issuerstore: %s", d.text);
        return report_failure(sh, SSLB_EINVAL, NULL);
    }
    rc = sslb_cert_create_issued(cs, store_of(&p), tags_get(&p, "subject")->text, names ? names->text : NULL,
                                 (int)ndays, ca && ca->v.on, istore ? istore->text : NULL,
                                 issuer ? issuer->v.hash : NULL, &info, &d);
    if (rc != SSLB_OK) return report_failure(sh, rc, &d);
    if (want_json(&p)) {
        json_open(sh->out);
        json_cert(sh->out, cs, 0, store_shown(store_of(&p), info.store), &info);
        json_close(sh->out, 1);
    } else {
        print_hash_line(sh, &info);
    }
    note_replaced(sh, &info);
    return 0;
}

/* At most this many certificates of one key in one file: more is refused with a message. */
#define IMPORT_MAX 256

/* Where a CA certificate of an imported file went, in words: "(store CA)", or the .pfx of the
 * central store that holds it. */
static void print_chain_line(struct shell *sh, const sslb_certinfo *info, const char *given)
{
    const char *label = "CA Certificate";
    char th[41];

    if (info->file[0]) out_field(sh->out, label, "%s (inside %s)", sslb_certhash_format(info->thumb, th), info->file);
    else
        out_field(sh->out, label, "%s (store %s)", sslb_certhash_format(info->thumb, th),
                  store_shown(given, info->store));
}

static int cmd_import(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    const char *pw;
    sslb_certstore *cs;
    sslb_certinfo *info, *chain;
    struct parsed p;
    sslb_diag d = {{0}};
    size_t n, nchain;
    sslb_rc rc;

    if (parse_with_password(sh, row, argc, argv, &p, &pw) || store_ok(sh, &p)) return 1;
    if (!(cs = shell_certs(sh))) return 1;
    if (!(info = calloc(IMPORT_MAX + SSLB_IMPORT_CHAIN_MAX, sizeof *info)))
        return report_failure(sh, SSLB_ENOMEM, NULL);
    chain = info + IMPORT_MAX;
    rc = sslb_cert_import_chain(cs, store_of(&p), tags_get(&p, "file")->text, pw, info, IMPORT_MAX, &n, chain,
                                SSLB_IMPORT_CHAIN_MAX, &nchain, &d);
    if (rc == SSLB_OK && want_json(&p)) {
        json_open(sh->out);
        for (size_t i = 0; i < n; i++)
            json_cert(sh->out, cs, (int)i, store_shown(store_of(&p), info[i].store), &info[i]);
        fputs(n ? "\n  ],\n  \"chain\": [" : "],\n  \"chain\": [", sh->out);
        for (size_t i = 0; i < nchain; i++)
            json_cert(sh->out, cs, (int)i, store_shown(store_of(&p), chain[i].store), &chain[i]);
        json_close(sh->out, (int)nchain);
    } else if (rc == SSLB_OK) {
        for (size_t i = 0; i < n; i++) print_hash_line(sh, &info[i]);
        for (size_t i = 0; i < nchain; i++) print_chain_line(sh, &chain[i], store_of(&p));
    }
    for (size_t i = 0; rc == SSLB_OK && i < n; i++) note_replaced(sh, &info[i]);
    free(info);
    return rc == SSLB_OK ? 0 : report_failure(sh, rc, &d);
}

/* export and delete: a certificate named by store and hash, one core call, one message.
 * export with password= writes a .pfx with the key, without it the certificate alone, PEM. */
static int by_hash(struct shell *sh, const struct cmd_row *row, int argc, char **argv, int export)
{
    const char *pw = NULL, *file;
    const uint8_t *hash;
    sslb_certstore *cs;
    struct parsed p;
    sslb_diag d = {{0}};
    sslb_rc rc;

    if ((export ? parse_with_password(sh, row, argc, argv, &p, &pw) : parse_or_complain(sh, row, argc, argv, &p)) ||
        store_ok(sh, &p))
        return 1;
    if (!(cs = shell_certs(sh))) return 1;
    hash = tags_get(&p, "certhash")->v.hash;
    file = export ? tags_get(&p, "file")->text : NULL;
    rc = !export ? sslb_cert_delete(cs, store_of(&p), hash, &d)
         : pw    ? sslb_cert_export_pfx(cs, store_of(&p), hash, file, pw, &d)
                 : sslb_cert_export(cs, store_of(&p), hash, file, &d);
    if (rc != SSLB_OK) return report_failure(sh, rc, &d);
    out_message(sh->out, export ? "Certificate successfully exported" : "Certificate successfully deleted", NULL);
    return 0;
}

static int cmd_export(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return by_hash(sh, row, argc, argv, 1);
}

static int cmd_delete(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    return by_hash(sh, row, argc, argv, 0);
}

struct show_ctx {
    FILE *f;
    sslb_certstore *cs;
    const uint8_t *only; /* NULL: all */
    const char *store;   /* store= as given, or NULL */
    int json;
    int shown;
};

static int show_one(void *ctx, const sslb_certinfo *i)
{
    struct show_ctx *s = ctx;
    char th[41];

    if (s->only && memcmp(s->only, i->thumb, SSLB_CERTHASH_LEN) != 0) return 0;
    if (s->json) {
        json_cert(s->f, s->cs, s->shown++, store_shown(s->store, i->store), i);
        return 0;
    }
    s->shown++;
    out_field(s->f, "Certificate Store Name", "%s", store_shown(s->store, i->store));
    out_field(s->f, "Certificate Hash", "%s", sslb_certhash_format(i->thumb, th));
    if (i->file[0]) out_field(s->f, "Central Store File", "%s", i->file);
    out_field(s->f, "Subject", "%s", i->subject);
    out_field(s->f, "DNS Names", "%s", i->dnsnames[0] ? i->dnsnames : "(none)");
    if (i->ipaddrs[0]) out_field(s->f, "IP Addresses", "%s", i->ipaddrs);
    out_field(s->f, "Valid From", "%s", i->not_before);
    out_field(s->f, "Valid Until", "%s", i->not_after);
    out_field(s->f, "Private Key", "%s", i->has_key ? "Yes" : "No");
    fputc('\n', s->f);
    return 0;
}

static int cmd_show(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    const struct tagval *store, *hash;
    struct show_ctx s = {sh->out, NULL, NULL, NULL, 0, 0};
    sslb_certstore *cs;
    struct parsed p;
    sslb_diag d = {{0}};
    sslb_rc rc;

    if (parse_or_complain(sh, row, argc, argv, &p)) return 1;
    store = tags_get(&p, "store");
    if (store && store_ok(sh, &p)) return 1;
    s.json = want_json(&p);
    /* JSON stays one object: a failure is an empty list, exit 1 and standard error's reason */
    if (s.json && (rc = shell_open_certs(sh)) != SSLB_OK) {
        json_open(sh->out);
        json_close(sh->out, 0);
        return 1;
    }
    if (!(cs = shell_certs(sh))) return 1;
    s.cs = cs;
    hash = tags_get(&p, "certhash");
    s.only = hash ? hash->v.hash : NULL;
    s.store = store ? store->text : NULL;
    if (s.json) json_open(sh->out);
    else fputs("\nCertificate stores:\n-------------------\n\n", sh->out);
    rc = sslb_cert_list(cs, store ? store->text : NULL, show_one, &s, &d);
    if (s.json) json_close(sh->out, s.shown);
    if (rc != SSLB_OK && s.json) explain(sh, "%s", d.text);
    if (rc != SSLB_OK) return s.json ? 1 : report_failure(sh, rc, &d);
    if (hash && !s.shown) {
        if (!s.json) fprintf(sh->out, "%s\n\n", sslb_strerror(SSLB_ENOTFOUND));
        explain(sh, "no certificate %s in %s%s", hash->text, store ? "store " : "any store", store ? store->text : "");
        return 1;
    }
    return 0;
}

#define STORE_TAG(def)                                                                                                 \
    {                                                                                                                  \
        "store", T_STRING, 0, "<name>", "Certificate store (default " def "; ccs: the Central Certificate Store)."     \
    }
#define JSON_TAG                                                                                                       \
    {                                                                                                                  \
        "json", T_BOOL, 0, "enable|disable",                                                                           \
            "Print the certificates as JSON: {\"certificates\": [{\"certhash\": …}]}."                               \
    }

static const struct tagdef create_tags[] = {
    {"subject", T_STRING, 1, "<host name>", "The certificate's subject CN, a host name; *.contoso.com for a wildcard."},
    {"dnsnames", T_STRING, 0, "<name>[,<name>…]",
     "Its subjectAltName DNS names (default: the subject; none: no names; IP literals allowed)."},
    STORE_TAG("MY"),
    {"days", T_STRING, 0, "<n>", "Days of validity from now, 1 to 36500 (default 365)."},
    {"ca", T_BOOL, 0, "enable|disable",
     "A CA certificate (it signs others; its subject may be any name: \"Contoso Root CA\")."},
    {"issuer", T_HASH, 0, "<sha1 hex>", "Signed by this CA certificate's key (default: self-signed)."},
    {"issuerstore", T_STRING, 0, "<name>", "The issuer's store (default: CA, then Root, then MY)."},
    JSON_TAG,
    {NULL, 0, 0, NULL, NULL}};
static const struct tagdef import_tags[] = {
    {"file", T_STRING, 1, "<path>", "A PEM file with the certificate and its private key, or a PKCS#12 (.pfx) file."},
    {"password", T_STRING, 0, "<text>", "The password of the .pfx file or of the PEM private key."},
    STORE_TAG("MY"),
    JSON_TAG,
    {NULL, 0, 0, NULL, NULL}};
static const struct tagdef export_tags[] = {
    {"certhash", T_HASH, 1, "<sha1 hex>", "The certificate's thumbprint."},
    {"file", T_STRING, 1, "<path>",
     "Where to write: the certificate alone, PEM (for curl --cacert); with password=, a .pfx with its key."},
    {"password", T_STRING, 0, "<text>",
     "Writes a PKCS#12 (.pfx) file, mode 0600, protected by this password (password= alone: an empty one)."},
    STORE_TAG("MY"),
    {NULL, 0, 0, NULL, NULL}};
static const struct tagdef show_tags[] = {STORE_TAG("every store"),
                                          {"certhash", T_HASH, 0, "<sha1 hex>", "Show only this certificate."},
                                          JSON_TAG,
                                          {NULL, 0, 0, NULL, NULL}};
static const struct tagdef delete_tags[] = {
    {"certhash", T_HASH, 1, "<sha1 hex>", "The certificate's thumbprint."}, STORE_TAG("MY"), {NULL, 0, 0, NULL, NULL}};

const struct cmd_row cert_rows[] = {
    {CTX_CERT, "create", NULL, cmd_create, create_tags, "Creates a key and a self-signed server certificate.", NULL,
     "Remarks: Makes an EC P-256 key and a self-signed certificate for a TLS server and stores\n"
     "         both; prints the certificate hash to give to http add sslcert certhash=.\n"
     "         With ca=enable, a CA certificate; with issuer=, signed by that CA\n"
     "         certificate's key instead of its own: a chain without other tools.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      cert create subject=www.contoso.com\n"
     "      cert create subject=*.contoso.com store=WebHosting days=90\n"
     "      cert create subject=www.contoso.com dnsnames=www.contoso.com,contoso.com store=ccs\n"
     "      cert create subject=www.contoso.com json=enable\n"
     "      cert create subject=\"Contoso Root CA\" ca=enable store=Root\n"
     "      cert create subject=www.contoso.com issuer=0102030405060708090a0b0c0d0e0f1011121314\n"},
    {CTX_CERT, "delete", NULL, cmd_delete, delete_tags, "Deletes a certificate and its key from a store.", NULL,
     "Examples:\n"
     "\n"
     "      cert delete certhash=0102030405060708090a0b0c0d0e0f1011121314\n"},
    {CTX_CERT, "export", NULL, cmd_export, export_tags,
     "Writes a certificate to a PEM file, or with its key to a .pfx.", NULL,
     "Remarks: Without password=, writes the certificate alone, PEM: what a client trusts.\n"
     "         With password=, writes a PKCS#12 (.pfx) file holding the certificate and its\n"
     "         private key (mode 0600), and its chain from the CA and Root stores (as Windows\n"
     "         exports by default), which cert import reads on another server: the way\n"
     "         to put one certificate on every server of a farm. password= with nothing after\n"
     "         it means an empty password. A certificate whose private key is not in the\n"
     "         store cannot be exported with password=.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      cert export certhash=0102030405060708090a0b0c0d0e0f1011121314 file=contoso.pem\n"
     "      curl --cacert contoso.pem https://www.contoso.com/\n"
     "      cert export certhash=0102030405060708090a0b0c0d0e0f1011121314 file=site1.pfx password=secret\n"
     "      sslbind --state server2 cert import file=site1.pfx password=secret\n"},
    {CTX_CERT, "import", NULL, cmd_import, import_tags, "Imports a certificate with its key (PEM or .pfx).", NULL,
     "Remarks: Stores each certificate of the file whose private key is in the file too, and\n"
     "         prints its hash. Into store=ccs, the file is named after the certificate's\n"
     "         first DNS name (_.contoso.com.pfx for *.contoso.com).\n"
     "         The file's other certificates (its chain) go, without a key, to store Root\n"
     "         (self-signed) or CA (intermediates), as Windows' import puts them; into\n"
     "         store=ccs they stay inside the .pfx. Into store=CA or store=Root a file\n"
     "         without a private key is accepted.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      cert import file=www.contoso.com.pem\n"
     "      cert import file=contoso.pfx password=secret store=WebHosting\n"},
    {CTX_CERT, "show", NULL, cmd_show, show_tags, "Displays the certificates of the machine's stores.", NULL,
     "Examples:\n"
     "\n"
     "      cert show\n"
     "      cert show store=ccs\n"
     "      cert show certhash=0102030405060708090a0b0c0d0e0f1011121314\n"
     "      cert show store=WebHosting json=enable\n"},
};
const int cert_nrows = (int)(sizeof cert_rows / sizeof cert_rows[0]);
