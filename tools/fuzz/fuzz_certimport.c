/* fuzz_certimport.c — certificate import: sslb_cert_import on PEM (certificates and keys in any
 * order, encrypted keys), DER and PKCS#12 bytes, into a fresh certificate store each time.
 *
 * Input: one selector byte, then the file's bytes. Selector bits 0-1: the password (none, "",
 * "secret", "wrong"); bits 2-3: the store (MY, ccs, WebHosting, MY).
 * For what is imported: every certificate reported loads back from the store with its key, the
 * store lists it, netsh's usable check answers (yes, or 1312 for a key too weak to serve), the browser's name check
 * runs on it, and it exports as PEM and as a .pfx that imports again, elsewhere, with the same thumbprint. A refusal
 * leaves the store empty (nothing is written on failure). */
#include <string.h>

#include "fuzz_util.h"
#include "sslb/certstore.h"

#define MAX_IMPORT 16

static char work[PATH_MAX], input[PATH_MAX], exported[PATH_MAX], pfx[PATH_MAX], other[PATH_MAX];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *root = fz_scratch("certimport");
    (void)argc;
    (void)argv;
    fz_join(work, sizeof work, root, "work");
    fz_join(input, sizeof input, root, "input");
    fz_join(exported, sizeof exported, root, "exported.pem");
    fz_join(pfx, sizeof pfx, root, "exported.pfx");
    fz_join(other, sizeof other, root, "other");
    return 0;
}

static int count_cb(void *ctx, const sslb_certinfo *info)
{
    FZ_CHECK(memchr(info->subject, '\0', sizeof info->subject) && memchr(info->dnsnames, '\0', sizeof info->dnsnames) &&
                 memchr(info->ipaddrs, '\0', sizeof info->ipaddrs) && memchr(info->file, '\0', sizeof info->file),
             "a listed certificate's description is not terminated");
    ++*(size_t *)ctx;
    return 0;
}

static int terminated(const sslb_certinfo *i)
{
    return memchr(i->store, '\0', sizeof i->store) && memchr(i->file, '\0', sizeof i->file) &&
           memchr(i->subject, '\0', sizeof i->subject) && memchr(i->dnsnames, '\0', sizeof i->dnsnames) &&
           memchr(i->ipaddrs, '\0', sizeof i->ipaddrs) && memchr(i->not_before, '\0', sizeof i->not_before) &&
           memchr(i->not_after, '\0', sizeof i->not_after);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const passwords[] = {NULL, "", "secret", "wrong"};
    static const char *const stores[] = {"MY", "ccs", "WebHosting", "MY"};
    sslb_certinfo info[MAX_IMPORT];
    sslb_certstore *cs = NULL;
    size_t n = 0, listed = 0;
    sslb_diag d;
    sslb_rc rc;

    if (size < 1) return 0;
    const char *password = passwords[data[0] & 3], *store = stores[(data[0] >> 2) & 3];
    int ccs = strcmp(store, "ccs") == 0;

    fz_rmtree(work);
    fz_rmtree(other);
    if (fz_write(input, data + 1, size - 1) != 0) abort();
    if (mkdir(work, 0700) != 0 || sslb_certstore_open(work, &cs, &d) != SSLB_OK) {
        fprintf(stderr, "fuzz_certimport: %s: %s\n", work, d.text);
        abort();
    }
    memset(info, 0, sizeof info);
    rc = sslb_cert_import(cs, store, input, password, info, MAX_IMPORT, &n, &d);
    FZ_CHECK(memchr(d.text, '\0', sizeof d.text) != NULL, "diag not terminated");
    if (rc != SSLB_OK) {
        FZ_CHECK(sslb_cert_list(cs, NULL, count_cb, &listed, &d) == SSLB_OK && listed == 0,
                 "a refused import (%s) left %zu certificates", d.text, listed);
        sslb_certstore_close(cs);
        return 0;
    }
    FZ_CHECK(n >= 1 && n <= MAX_IMPORT, "import succeeded with %zu certificates", n);
    FZ_CHECK(sslb_cert_list(cs, store, count_cb, &listed, &d) == SSLB_OK && listed >= 1, "imported, yet %zu listed",
             listed);
    for (size_t i = 0; i < n; i++) {
        sslb_cert *c = NULL;
        sslb_certinfo ci;
        char why[256];

        FZ_CHECK(terminated(&info[i]), "certinfo %zu not terminated", i);
        FZ_CHECK(info[i].has_key, "certificate %zu imported without its key", i);
        if (ccs) {
            char name[sizeof info[i].file];
            size_t fl = strlen(info[i].file);
            FZ_CHECK(fl > 4 && strcmp(info[i].file + fl - 4, ".pfx") == 0, "central store file '%s'", info[i].file);
            memcpy(name, info[i].file, fl - 4);
            name[fl - 4] = '\0';
            FZ_CHECK(strchr(name, '/') == NULL && strcmp(name, "..") != 0, "central store file name '%s'", name);
            rc = sslb_cert_load_ccs(cs, name, &c, NULL);
        } else {
            rc = sslb_cert_load(cs, store, info[i].thumb, &c);
        }
        FZ_CHECK(rc == SSLB_OK, "imported certificate %zu does not load (rc %d)", i, (int)rc);
        sslb_cert_info(c, &ci);
        FZ_CHECK(terminated(&ci) && memcmp(ci.thumb, info[i].thumb, sizeof ci.thumb) == 0,
                 "loaded another certificate");
        (void)sslb_cert_check_name(c, "www.contoso.com", why, sizeof why);
        (void)sslb_cert_check_name(c, "10.0.0.1", why, sizeof why);
        (void)sslb_cert_check_name(c, "[2001:db8::1]", why, sizeof why);
        FZ_CHECK(memchr(why, '\0', sizeof why) != NULL, "name check's reason not terminated");
        sslb_cert_free(c);
        if (!ccs) {
            sslb_certstore *cs2 = NULL;
            sslb_certinfo back[MAX_IMPORT];
            size_t nb = 0;
            /* usable, or refused as a server certificate the handshake could not use (weak key) */
            rc = sslb_cert_check_usable(cs, store, info[i].thumb, &d);
            FZ_CHECK(rc == SSLB_OK || rc == SSLB_ENOCERT, "imported, then the usable check gives %d: %s", (int)rc,
                     d.text);
            FZ_CHECK(sslb_cert_export(cs, store, info[i].thumb, exported, &d) == SSLB_OK, "PEM export: %s", d.text);
            /* only the first: PKCS#12 export and import run a key derivation each */
            if (i > 0) continue;
            FZ_CHECK(sslb_cert_export_pfx(cs, store, info[i].thumb, pfx, "pw", &d) == SSLB_OK, "pfx export: %s",
                     d.text);
            FZ_CHECK(mkdir(other, 0700) == 0 && sslb_certstore_open(other, &cs2, &d) == SSLB_OK, "%s", d.text);
            rc = sslb_cert_import(cs2, "MY", pfx, "pw", back, MAX_IMPORT, &nb, &d);
            FZ_CHECK(rc == SSLB_OK && nb == 1 && memcmp(back[0].thumb, info[i].thumb, sizeof back[0].thumb) == 0,
                     "an exported .pfx does not import back as the same certificate: %s", rc ? d.text : "");
            sslb_certstore_close(cs2);
        }
    }
    sslb_certstore_close(cs);
    return 0;
}
