/* certs.c — the benchmark's names and certificates: one self-signed certificate per name
 * (CN and subjectAltName DNS = the name), EC P-256 with a key of its own, or RSA-2048 with a key
 * shared round-robin among the RSA certificates when --rsa-keys says so (generating 10 000 RSA
 * keys takes minutes; sharing a key does not change what a server does per certificate).
 *
 * Everything lives in a directory that doubles as a cache: DIR/<key>/hNNNNNN.pem (certificate,
 * then its key), DIR/<key>/index.txt ("name thumbprint file" per line) and DIR/<key>/meta (how
 * the keys were made). A later run with the same directory reuses what is there and makes only
 * the names it lacks; a different --rsa-keys starts the set again.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "tlsbench.h"

const char *const key_names[KEY_COUNT] = {"ecdsa-p256", "rsa-2048"};

void thumb_hex(const uint8_t t[THUMB_LEN], char out[2 * THUMB_LEN + 1])
{
    for (int i = 0; i < THUMB_LEN; i++) snprintf(out + 2 * i, 3, "%02x", t[i]);
}

int thumb_parse(const char *hex, uint8_t t[THUMB_LEN])
{
    for (int i = 0; i < THUMB_LEN; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) return -1;
        t[i] = (uint8_t)v;
    }
    return hex[2 * THUMB_LEN] == '\0' || hex[2 * THUMB_LEN] == ' ' || hex[2 * THUMB_LEN] == '\n' ? 0 : -1;
}

static int mkdir_p(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0700) != 0 && errno != EEXIST) return -1;
            *p = '/';
        }
    return mkdir(buf, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* A new set: the sslbind stores imported from the old one (main.c's --cache copies) go. */
static void drop_saved_stores(const char *kdir)
{
    DIR *d = opendir(kdir);
    struct dirent *e;
    char path[4400];
    if (!d) return;
    while ((e = readdir(d)))
        if (strncmp(e->d_name, "sslbind-certs-", 14) == 0) {
            snprintf(path, sizeof path, "%s/%s", kdir, e->d_name);
            nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
        }
    closedir(d);
}

static EVP_PKEY *new_key(enum keytype key)
{
    return key == KEY_ECDSA ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048);
}

static int add_ext(X509 *x, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509_EXTENSION *e;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
    if (!(e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value))) return -1;
    int ok = X509_add_ext(x, e, -1);
    X509_EXTENSION_free(e);
    return ok ? 0 : -1;
}

/* A self-signed server certificate for name, written with its key to path; its thumbprint. */
static int make_cert(enum keytype key, const char *name, EVP_PKEY *pk, const char *path, uint8_t thumb[THUMB_LEN])
{
    X509 *x = X509_new();
    X509_NAME *subj = X509_NAME_new();
    BIGNUM *bn = BN_new();
    unsigned char serial[16];
    char san[300];
    unsigned int len = 0;
    int rc = -1;
    FILE *f = NULL;

    if (!x || !subj || !bn || RAND_bytes(serial, sizeof serial) != 1) goto out;
    serial[0] &= 0x7f; /* positive */
    serial[0] |= 0x01;
    snprintf(san, sizeof san, "DNS:%s", name);
    if (!BN_bin2bn(serial, sizeof serial, bn) || !BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) ||
        X509_set_version(x, 2) != 1 || !X509_gmtime_adj(X509_getm_notBefore(x), -86400) ||
        !X509_gmtime_adj(X509_getm_notAfter(x), 825L * 86400) ||
        X509_NAME_add_entry_by_txt(subj, "CN", MBSTRING_ASC, (const unsigned char *)name, -1, -1, 0) != 1 ||
        X509_set_subject_name(x, subj) != 1 || X509_set_issuer_name(x, subj) != 1 || X509_set_pubkey(x, pk) != 1 ||
        add_ext(x, NID_basic_constraints, "critical,CA:FALSE") != 0 ||
        add_ext(x, NID_key_usage,
                key == KEY_RSA ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature") != 0 ||
        add_ext(x, NID_ext_key_usage, "serverAuth") != 0 || add_ext(x, NID_subject_alt_name, san) != 0 ||
        X509_sign(x, pk, EVP_sha256()) == 0 || X509_digest(x, EVP_sha1(), thumb, &len) != 1 || len != THUMB_LEN)
        goto out;
    if (!(f = fopen(path, "w")) || PEM_write_X509(f, x) != 1 ||
        PEM_write_PrivateKey(f, pk, NULL, NULL, 0, NULL, NULL) != 1)
        goto out;
    rc = 0;
out:
    if (f && fclose(f) != 0) rc = -1;
    X509_free(x);
    X509_NAME_free(subj);
    BN_free(bn);
    return rc;
}

/* The shared RSA key number i of the set in kdir, made and saved on first use. */
static EVP_PKEY *shared_key(const char *kdir, size_t i)
{
    char path[4200];
    FILE *f;
    EVP_PKEY *pk = NULL;

    snprintf(path, sizeof path, "%s/key-%03zu.pem", kdir, i);
    if ((f = fopen(path, "r"))) {
        pk = PEM_read_PrivateKey(f, NULL, NULL, NULL);
        fclose(f);
        if (pk) return pk;
    }
    if (!(pk = new_key(KEY_RSA))) return NULL;
    if (!(f = fopen(path, "w")) || PEM_write_PrivateKey(f, pk, NULL, NULL, 0, NULL, NULL) != 1) {
        if (f) fclose(f);
        EVP_PKEY_free(pk);
        return NULL;
    }
    fclose(f);
    return pk;
}

static int alloc_set(struct certset *cs, size_t n)
{
    cs->names = calloc(n, sizeof *cs->names);
    cs->pem = calloc(n, sizeof *cs->pem);
    cs->thumb = calloc(n, sizeof *cs->thumb);
    return cs->names && cs->pem && cs->thumb ? 0 : -1;
}

int certset_make(struct certset *cs, enum keytype key, size_t n, const char *dir, size_t rsa_keys)
{
    char kdir[4096], path[4200], meta[128], line[4400];
    size_t have = 0, shared = key == KEY_RSA ? rsa_keys : 0;
    FILE *f;

    memset(cs, 0, sizeof *cs);
    cs->key = key;
    cs->n = n;
    snprintf(kdir, sizeof kdir, "%s/%s", dir, key_names[key]);
    if (mkdir_p(kdir) != 0) {
        fprintf(stderr, "sslbind-tlsbench: %s: %s\n", kdir, strerror(errno));
        return -1;
    }
    if (alloc_set(cs, n) != 0) return -1;
    snprintf(meta, sizeof meta, "tlsbench-certs 1 key=%s shared-keys=%zu\n", key_names[key], shared);

    /* what the cache already holds, if it was made the same way */
    snprintf(path, sizeof path, "%s/meta", kdir);
    if ((f = fopen(path, "r"))) {
        int same = fgets(line, sizeof line, f) && strcmp(line, meta) == 0;
        fclose(f);
        snprintf(path, sizeof path, "%s/index.txt", kdir);
        if (same && (f = fopen(path, "r"))) {
            while (have < n && fgets(line, sizeof line, f)) {
                char name[256], hex[41], file[4096];
                if (sscanf(line, "%255s %40s %4095s", name, hex, file) != 3) break;
                struct stat st;
                if (thumb_parse(hex, cs->thumb[have]) != 0 || stat(file, &st) != 0) break;
                cs->names[have] = strdup(name);
                cs->pem[have] = strdup(file);
                have++;
            }
            fclose(f);
        } else {
            have = 0;
        }
    }
    if (have == 0) { /* start again */
        drop_saved_stores(kdir);
        snprintf(path, sizeof path, "%s/meta", kdir);
        if (!(f = fopen(path, "w")) || fputs(meta, f) < 0 || fclose(f) != 0) {
            fprintf(stderr, "sslbind-tlsbench: cannot write %s\n", path);
            return -1;
        }
        snprintf(path, sizeof path, "%s/index.txt", kdir);
        if (!(f = fopen(path, "w"))) return -1;
        fclose(f);
    }

    if (have == n) { /* all there: the index (which may hold more, for larger runs) stays as it is */
        cs->nkeys = shared ? (n < shared ? n : shared) : n;
        return 0;
    }
    /* rewrite the index with what was valid (every valid entry: fewer than n were), then append
     * the new ones */
    snprintf(path, sizeof path, "%s/index.txt", kdir);
    if (!(f = fopen(path, "w"))) {
        fprintf(stderr, "sslbind-tlsbench: cannot write %s\n", path);
        return -1;
    }
    for (size_t i = 0; i < have; i++) {
        char hex[41];
        thumb_hex(cs->thumb[i], hex);
        fprintf(f, "%s %s %s\n", cs->names[i], hex, cs->pem[i]);
    }
    drop_saved_stores(kdir); /* stores imported from the set as it was: some of it changes now */
    if (have < n && isatty(2))
        fprintf(stderr, "sslbind-tlsbench: making %zu %s certificates in %s\n", n - have, key_names[key], kdir);
    EVP_PKEY **keys = shared ? calloc(shared, sizeof *keys) : NULL;
    int rc = 0;
    for (size_t i = have; i < n; i++) {
        char name[64], file[4200], hex[41];
        EVP_PKEY *pk;
        snprintf(name, sizeof name, "h%06zu.tlsbench.test", i);
        snprintf(file, sizeof file, "%s/h%06zu.pem", kdir, i);
        if (shared) {
            size_t k = i % shared;
            if (!keys[k]) keys[k] = shared_key(kdir, k);
            pk = keys[k];
            if (pk) EVP_PKEY_up_ref(pk);
        } else {
            pk = new_key(key);
        }
        if (!pk || make_cert(key, name, pk, file, cs->thumb[i]) != 0) {
            fprintf(stderr, "sslbind-tlsbench: cannot make the certificate of %s in %s\n", name, kdir);
            EVP_PKEY_free(pk);
            rc = -1;
            break;
        }
        EVP_PKEY_free(pk);
        cs->names[i] = strdup(name);
        cs->pem[i] = strdup(file);
        thumb_hex(cs->thumb[i], hex);
        fprintf(f, "%s %s %s\n", name, hex, file);
        if (isatty(2) && i % 500 == 0) fprintf(stderr, "\r\033[K  %zu/%zu", i, n);
    }
    if (isatty(2) && have < n) fputs("\r\033[K", stderr);
    for (size_t k = 0; k < shared; k++) EVP_PKEY_free(keys[k]);
    free(keys);
    if (fclose(f) != 0) rc = -1;
    cs->nkeys = shared ? (n < shared ? n : shared) : n;
    return rc;
}

void certset_free(struct certset *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        if (cs->names) free(cs->names[i]);
        if (cs->pem) free(cs->pem[i]);
    }
    free(cs->names);
    free(cs->pem);
    free(cs->thumb);
    memset(cs, 0, sizeof *cs);
}
