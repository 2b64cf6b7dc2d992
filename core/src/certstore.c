/* certstore.c — certificate stores on disk, OpenSSL for every certificate operation. */
#include "sslb/certstore.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_IMPORT_BYTES (1 << 20)

struct sslb_certstore {
    char root[PATH_MAX - 128]; /* DIR/certs */
    sslb_central central;
    OSSL_PROVIDER *legacy;     /* NULL if OpenSSL has none */
};

struct sslb_cert {
    X509 *x;
    EVP_PKEY *key; /* NULL: none */
    char store[SSLB_STORE_NAME_MAX + 1];
    char file[SSLB_HOST_MAX + 8];
};

static int ccs_find(void *ctx, const char *name, uint8_t thumb[SSLB_CERTHASH_LEN]);

/* The OpenSSL error queue's last reason, for messages (written into the caller's buffer: the
 * library keeps no state of its own). */
#define OSSL_REASON_MAX 160
static const char *ossl_reason(char buf[OSSL_REASON_MAX])
{
    unsigned long e = ERR_peek_last_error();
    if (!e) return "unknown error";
    ERR_error_string_n(e, buf, OSSL_REASON_MAX);
    ERR_clear_error();
    return buf;
}

sslb_rc sslb_certstore_open(const char *state_dir, sslb_certstore **out, sslb_diag *d)
{
    sslb_certstore *cs;

    *out = NULL;
    if (strlen(state_dir) + 8 >= sizeof cs->root) return sslb_diagf(d, SSLB_EINVAL, "state directory path is too long");
    if (!(cs = calloc(1, sizeof *cs))) return SSLB_ENOMEM;
    snprintf(cs->root, sizeof cs->root, "%s/certs", state_dir);
    if (mkdir(cs->root, 0700) != 0 && errno != EEXIST) {
        sslb_diagf(d, SSLB_EACCESS, "cannot create %s: %s", cs->root, strerror(errno));
        free(cs);
        return SSLB_EACCESS;
    }
    /* Windows exports .pfx files with legacy ciphers (3DES, RC2): load the legacy provider
     * beside the default one when it is there. */
    cs->legacy = OSSL_PROVIDER_try_load(NULL, "legacy", 1);
    ERR_clear_error();
    cs->central.find = ccs_find;
    cs->central.ctx = cs;
    *out = cs;
    return SSLB_OK;
}

void sslb_certstore_close(sslb_certstore *cs)
{
    if (!cs) return;
    if (cs->legacy) OSSL_PROVIDER_unload(cs->legacy);
    free(cs);
}

const sslb_central *sslb_certstore_central(sslb_certstore *cs)
{
    return &cs->central;
}

sslb_rc sslb_store_name_check(const char *name, sslb_diag *d)
{
    size_t n = strlen(name);

    if (n == 0) return sslb_diagf(d, SSLB_EINVAL, "expected a store name, found nothing");
    if (n > SSLB_STORE_NAME_MAX)
        return sslb_diagf(d, SSLB_EINVAL, "store name is %zu characters: at most %d", n, SSLB_STORE_NAME_MAX);
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || name[0] == '.' || name[0] == ' ')
        return sslb_diagf(d, SSLB_EINVAL, "store name '%s' is not a plain name", name);
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.' && *p != ' ')
            return sslb_diagf(d, SSLB_EINVAL,
                              "store name '%.64s' has the character '%c': only letters, digits, '-', '_', '.' and spaces",
                              name, *p >= 0x20 && *p < 0x7f ? *p : '?');
    return SSLB_OK;
}

static void lower_copy(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; src[i] && i + 1 < n; i++) dst[i] = (char)tolower((unsigned char)src[i]);
    dst[i] = '\0';
}

static int is_ccs(const char *store)
{
    return strcasecmp(store, SSLB_CCS_STORE) == 0;
}

static void hex(const uint8_t *b, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < SSLB_CERTHASH_LEN; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * SSLB_CERTHASH_LEN] = '\0';
}

static void thumbprint(X509 *x, uint8_t out[SSLB_CERTHASH_LEN])
{
    unsigned len = 0;
    X509_digest(x, EVP_sha1(), out, &len);
}

/* ---- files ------------------------------------------------------------------------------- */

/* Writes len bytes, retrying short writes and EINTR. 0 or -1 with errno. */
static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;

    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Writes data to path through a new temporary file beside it, "<path>.tmp.<pid>.<random>",
 * created with O_EXCL | O_NOFOLLOW (never an existing file, never through a planted symlink)
 * and `mode`; fsync, rename over path, fsync the directory. A symlink at path is replaced, not
 * followed. On failure path is as it was, the temporary file is gone, and -1 is returned with
 * errno. (Not sslb__replace: that one sweeps "<path>.tmp.*" and so needs the file's lock,
 * which an export target in a user's directory has not.) */
static int write_atomic(const char *path, const void *data, size_t len, mode_t mode)
{
    char tmp[PATH_MAX], dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    int fd = -1, ok, e;

    for (unsigned attempt = 0; fd < 0 && attempt < 8; attempt++) {
        uint32_t r = attempt;
        if (RAND_bytes((unsigned char *)&r, sizeof r) != 1) ERR_clear_error();
        if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp.%ld.%08x", path, (long)getpid(), (unsigned)r) >= sizeof tmp) {
            errno = ENAMETOOLONG;
            return -1;
        }
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST) return -1;
    }
    if (fd < 0) return -1;
    ok = write_all(fd, data, len) == 0 && fsync(fd) == 0;
    e = ok ? 0 : errno;
    if (close(fd) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = 0;
        e = errno;
    }
    if (!ok) {
        unlink(tmp);
        errno = e ? e : EIO;
        return -1;
    }
    if (slash) snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    else snprintf(dir, sizeof dir, ".");
    if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) { /* the rename itself, durable */
        fsync(fd);
        close(fd);
    }
    return 0;
}

static char *read_file(const char *path, size_t *len, sslb_diag *d)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    size_t n;

    if (!f) {
        sslb_diagf(d, SSLB_ENOTFOUND, "%s: %s", path, strerror(errno));
        return NULL;
    }
    buf = malloc(MAX_IMPORT_BYTES + 1);
    n = buf ? fread(buf, 1, MAX_IMPORT_BYTES + 1, f) : 0;
    fclose(f);
    if (!buf || n > MAX_IMPORT_BYTES) {
        free(buf);
        sslb_diagf(d, SSLB_EINVAL, "%s: larger than %d bytes: not a certificate file", path, MAX_IMPORT_BYTES);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static char *pem_of(int (*writer)(BIO *, void *), void *obj, size_t *len)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *data, *out = NULL;
    long n;

    if (b && writer(b, obj) == 1 && (n = BIO_get_mem_data(b, &data)) > 0 && (out = malloc((size_t)n))) {
        memcpy(out, data, (size_t)n);
        *len = (size_t)n;
    }
    BIO_free(b);
    return out;
}

static int write_x509(BIO *b, void *x)
{
    return PEM_write_bio_X509(b, x);
}

static int write_key(BIO *b, void *k)
{
    return PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
}

/* ---- describing a certificate ------------------------------------------------------------ */

static void time_text(const ASN1_TIME *t, char *out, size_t n)
{
    struct tm tm;
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1 || strftime(out, n, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
        snprintf(out, n, "?");
}

static void describe(X509 *x, EVP_PKEY *key, const char *store, const char *file, sslb_certinfo *info)
{
    GENERAL_NAMES *san = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    BIO *b = BIO_new(BIO_s_mem());
    char *data;
    long n;

    memset(info, 0, sizeof *info);
    thumbprint(x, info->thumb);
    snprintf(info->store, sizeof info->store, "%s", store);
    snprintf(info->file, sizeof info->file, "%s", file ? file : "");
    if (b && X509_NAME_print_ex(b, X509_get_subject_name(x), 0, XN_FLAG_RFC2253) >= 0 &&
        (n = BIO_get_mem_data(b, &data)) > 0)
        snprintf(info->subject, sizeof info->subject, "%.*s", (int)n, data);
    BIO_free(b);
    for (int i = 0; san && i < sk_GENERAL_NAME_num(san); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(san, i);
        if (g->type == GEN_DNS) {
            const ASN1_STRING *s = g->d.dNSName;
            size_t used = strlen(info->dnsnames);
            snprintf(info->dnsnames + used, sizeof info->dnsnames - used, "%s%.*s", used ? ", " : "",
                     ASN1_STRING_length(s), (const char *)ASN1_STRING_get0_data(s));
        } else if (g->type == GEN_IPADD) {
            const ASN1_OCTET_STRING *s = g->d.iPAddress;
            char ip[INET6_ADDRSTRLEN] = "?";
            size_t used = strlen(info->ipaddrs);
            if (ASN1_STRING_length(s) == 4 || ASN1_STRING_length(s) == 16)
                inet_ntop(ASN1_STRING_length(s) == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(s), ip, sizeof ip);
            snprintf(info->ipaddrs + used, sizeof info->ipaddrs - used, "%s%s", used ? ", " : "", ip);
        }
    }
    GENERAL_NAMES_free(san);
    time_text(X509_get0_notBefore(x), info->not_before, sizeof info->not_before);
    time_text(X509_get0_notAfter(x), info->not_after, sizeof info->not_after);
    info->has_key = key && X509_check_private_key(x, key) == 1;
    ERR_clear_error();
}

void sslb_cert_info(const sslb_cert *c, sslb_certinfo *info)
{
    describe(c->x, c->key, c->store, c->file, info);
}

void sslb_cert_free(sslb_cert *c)
{
    if (!c) return;
    X509_free(c->x);
    EVP_PKEY_free(c->key);
    free(c);
}

/* ---- storing ----------------------------------------------------------------------------- */

/* The central store's file name for a certificate: its first DNS name, else its CN, with a
 * leading "*." written "_.", as IIS names CCS files. */
static sslb_rc ccs_name(X509 *x, char *out, size_t n, sslb_diag *d)
{
    GENERAL_NAMES *san = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    char name[SSLB_HOST_MAX + 8] = "", host[SSLB_HOST_MAX + 1];
    sslb_diag sub;

    for (int i = 0; san && i < sk_GENERAL_NAME_num(san) && !name[0]; i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(san, i);
        if (g->type == GEN_DNS)
            snprintf(name, sizeof name, "%.*s", ASN1_STRING_length(g->d.dNSName),
                     (const char *)ASN1_STRING_get0_data(g->d.dNSName));
    }
    GENERAL_NAMES_free(san);
    if (!name[0])
        X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, name, (int)sizeof name);
    if (name[0] == '*' && name[1] == '.') name[0] = '_';
    if (sslb_host_parse(name, strlen(name), host, &sub) != SSLB_OK)
        return sslb_diagf(d, SSLB_EINVAL, "the certificate's name '%.80s' cannot name a central store file: %s", name,
                          sub.text);
    snprintf(out, n, "%s", host);
    return SSLB_OK;
}

static sslb_rc store_dir(sslb_certstore *cs, const char *store, char *dir, size_t n, int create, sslb_diag *d)
{
    char lower[SSLB_STORE_NAME_MAX + 1];
    sslb_rc rc;

    if ((rc = sslb_store_name_check(store, d)) != SSLB_OK) return rc;
    lower_copy(lower, store, sizeof lower);
    snprintf(dir, n, "%s/%s", cs->root, lower);
    if (create && mkdir(dir, 0700) != 0 && errno != EEXIST)
        return sslb_diagf(d, SSLB_EWRITE, "cannot create %s: %s", dir, strerror(errno));
    return SSLB_OK;
}

/* Stores one certificate with its key; describes it in info. */
static sslb_rc put_cert(sslb_certstore *cs, const char *store, X509 *x, EVP_PKEY *key, sslb_certinfo *info,
                        sslb_diag *d)
{
    char dir[PATH_MAX], path[PATH_MAX + 300], th[41], lower[SSLB_STORE_NAME_MAX + 1];
    uint8_t thumb[SSLB_CERTHASH_LEN];
    sslb_rc rc;

    if ((rc = store_dir(cs, store, dir, sizeof dir, 1, d)) != SSLB_OK) return rc;
    lower_copy(lower, store, sizeof lower);
    thumbprint(x, thumb);
    hex(thumb, th);
    if (is_ccs(store)) {
        char name[SSLB_HOST_MAX + 8];
        PKCS12 *p12;
        unsigned char *der = NULL;
        int len;
        if ((rc = ccs_name(x, name, sizeof name, d)) != SSLB_OK) return rc;
        p12 = PKCS12_create("", name, key, x, NULL, 0, 0, 0, 0, 0);
        len = p12 ? i2d_PKCS12(p12, &der) : -1;
        PKCS12_free(p12);
        snprintf(path, sizeof path, "%s/%s.pfx", dir, name);
        if (len <= 0 || write_atomic(path, der, (size_t)len, 0600) != 0) {
            OPENSSL_free(der);
            return sslb_diagf(d, SSLB_EWRITE, "cannot write %s: %s", path, errno ? strerror(errno) : ossl_reason((char[OSSL_REASON_MAX]){0}));
        }
        OPENSSL_free(der);
        snprintf(path, sizeof path, "%s.pfx", name);
        describe(x, key, lower, path, info);
        return SSLB_OK;
    }
    size_t clen = 0, klen = 0;
    char *cpem = pem_of(write_x509, x, &clen), *kpem = key ? pem_of(write_key, key, &klen) : NULL;
    if (!cpem || (key && !kpem)) {
        free(cpem);
        free(kpem);
        return sslb_diagf(d, SSLB_ENOMEM, "cannot encode the certificate: %s", ossl_reason((char[OSSL_REASON_MAX]){0}));
    }
    snprintf(path, sizeof path, "%s/%s.key", dir, th);
    if (key && write_atomic(path, kpem, klen, 0600) != 0) rc = sslb_diagf(d, SSLB_EWRITE, "cannot write %s: %s", path, strerror(errno));
    snprintf(path, sizeof path, "%s/%s.crt", dir, th);
    if (rc == SSLB_OK && write_atomic(path, cpem, clen, 0644) != 0) {
        rc = sslb_diagf(d, SSLB_EWRITE, "cannot write %s: %s", path, strerror(errno));
        snprintf(path, sizeof path, "%s/%s.key", dir, th);
        unlink(path);
    }
    OPENSSL_cleanse(kpem, klen);
    free(cpem);
    free(kpem);
    if (rc == SSLB_OK) describe(x, key, lower, NULL, info);
    return rc;
}

static int is_ip_literal(const char *s, unsigned char *buf)
{
    unsigned char tmp[16];
    return inet_pton(AF_INET, s, buf ? buf : tmp) == 1 || inet_pton(AF_INET6, s, buf ? buf : tmp) == 1;
}

/* A name for a certificate's subjectAltName: DNS characters and '*' (the client judges
 * wildcards), or an IP literal. */
static sslb_rc check_cert_name(const char *name, sslb_diag *d)
{
    size_t n = strlen(name);

    if (n == 0 || n > SSLB_HOST_MAX) return sslb_diagf(d, SSLB_EINVAL, "'%.80s': a DNS name has 1 to 253 characters", name);
    if (is_ip_literal(name, NULL)) return SSLB_OK;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.' && *p != '*')
            return sslb_diagf(d, SSLB_EINVAL, "'%.80s' has the character '%c': not a DNS name", name,
                              *p >= 0x20 && *p < 0x7f ? *p : '?');
    if (name[0] == '.' || name[n - 1] == '.' || strstr(name, ".."))
        return sslb_diagf(d, SSLB_EINVAL, "'%.80s' has an empty label", name);
    return SSLB_OK;
}

sslb_rc sslb_cert_create(sslb_certstore *cs, const char *store, const char *subject, const char *dnsnames, int days,
                         sslb_certinfo *info, sslb_diag *d)
{
    char san[4096] = "", list[4096];
    X509 *x = NULL;
    EVP_PKEY *key = NULL;
    X509_EXTENSION *ext;
    X509V3_CTX v3;
    unsigned char serial[16];
    BIGNUM *bn = NULL;
    sslb_rc rc;

    if ((rc = sslb_store_name_check(store, d)) != SSLB_OK) return rc;
    if (days < 1 || days > 36500) return sslb_diagf(d, SSLB_EINVAL, "days: %d is not in 1..36500", days);
    if (strlen(subject) > 64) return sslb_diagf(d, SSLB_EINVAL, "subject: a CN has at most 64 characters");
    if ((rc = check_cert_name(subject, d)) != SSLB_OK) return rc;
    snprintf(list, sizeof list, "%s", dnsnames && *dnsnames ? dnsnames : subject);
    if (strcasecmp(list, "none") != 0) {
        char *save = NULL;
        for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            size_t used = strlen(san);
            while (*t == ' ') t++;
            for (char *e = t + strlen(t); e > t && e[-1] == ' ';) *--e = '\0';
            if ((rc = check_cert_name(t, d)) != SSLB_OK) return rc;
            if (used + strlen(t) + 8 >= sizeof san) return sslb_diagf(d, SSLB_EINVAL, "dnsnames: too many names");
            snprintf(san + used, sizeof san - used, "%s%s:%s", used ? "," : "", is_ip_literal(t, NULL) ? "IP" : "DNS", t);
        }
        if (!san[0]) return sslb_diagf(d, SSLB_EINVAL, "dnsnames: expected names separated by commas");
    }

    if (!(key = EVP_EC_gen("P-256")) || !(x = X509_new())) goto ossl;
    if (RAND_bytes(serial, sizeof serial) != 1) goto ossl;
    serial[0] &= 0x7f;
    if (!(bn = BN_bin2bn(serial, sizeof serial, NULL)) || !BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x))) goto ossl;
    if (!X509_set_version(x, 2) || !X509_gmtime_adj(X509_getm_notBefore(x), 0) ||
        !X509_time_adj_ex(X509_getm_notAfter(x), days, 0, NULL) || !X509_set_pubkey(x, key) ||
        !X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_UTF8, (const unsigned char *)subject, -1,
                                    -1, 0) ||
        !X509_set_issuer_name(x, X509_get_subject_name(x)))
        goto ossl;
    X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
    const char *exts[][2] = {{"basicConstraints", "critical,CA:FALSE"},
                             {"keyUsage", "critical,digitalSignature,keyEncipherment"},
                             {"extendedKeyUsage", "serverAuth"},
                             {"subjectKeyIdentifier", "hash"},
                             {"subjectAltName", san}};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        if (!exts[i][1][0]) continue;
        if (!(ext = X509V3_EXT_conf(NULL, &v3, exts[i][0], exts[i][1]))) goto ossl;
        int added = X509_add_ext(x, ext, -1);
        X509_EXTENSION_free(ext);
        if (!added) goto ossl;
    }
    if (X509_sign(x, key, EVP_sha256()) <= 0) goto ossl;
    rc = put_cert(cs, store, x, key, info, d);
    BN_free(bn);
    X509_free(x);
    EVP_PKEY_free(key);
    return rc;
ossl:
    rc = sslb_diagf(d, SSLB_ENOMEM, "OpenSSL could not make the certificate: %s", ossl_reason((char[OSSL_REASON_MAX]){0}));
    BN_free(bn);
    X509_free(x);
    EVP_PKEY_free(key);
    return rc;
}

/* ---- import ------------------------------------------------------------------------------ */

struct pw {
    const char *text;
    int asked;
};

static int pw_cb(char *buf, int size, int rwflag, void *u)
{
    struct pw *p = u;
    (void)rwflag;
    p->asked = 1;
    if (!p->text) return -1; /* never prompt on the terminal */
    snprintf(buf, (size_t)size, "%s", p->text);
    return (int)strlen(buf);
}

sslb_rc sslb_cert_import(sslb_certstore *cs, const char *store, const char *path, const char *password,
                         sslb_certinfo *info, size_t max, size_t *n, sslb_diag *d)
{
    STACK_OF(X509) *certs = sk_X509_new_null();
    EVP_PKEY *key = NULL;
    X509 *pick[16];
    size_t npick = 0, len = 0;
    char *buf = NULL;
    sslb_rc rc = SSLB_OK;
    BIO *b = NULL;

    *n = 0;
    if ((rc = sslb_store_name_check(store, d)) != SSLB_OK) goto out;
    if (!(buf = read_file(path, &len, d))) {
        rc = SSLB_EINVAL;
        goto out;
    }
    if (!certs || !(b = BIO_new_mem_buf(buf, (int)len))) {
        rc = SSLB_ENOMEM;
        goto out;
    }
    if (strstr(buf, "-----BEGIN ")) { /* PEM: certificates and a private key, in any order */
        struct pw pw = {password, 0};
        X509 *x;
        while ((x = PEM_read_bio_X509(b, NULL, pw_cb, &pw))) sk_X509_push(certs, x);
        ERR_clear_error();
        BIO_free(b);
        b = BIO_new_mem_buf(buf, (int)len);
        key = PEM_read_bio_PrivateKey(b, NULL, pw_cb, &pw);
        if (!key && pw.asked) {
            rc = sslb_diagf(d, SSLB_EINVAL, "%s: the private key is encrypted and %s", path,
                            password ? "the password is wrong" : "no password= was given");
            goto out;
        }
        ERR_clear_error();
        if (sk_X509_num(certs) == 0) {
            rc = sslb_diagf(d, SSLB_EINVAL, "%s: no certificate in this PEM file", path);
            goto out;
        }
        if (!key) {
            rc = sslb_diagf(d, SSLB_EINVAL,
                            "%s: no private key: a server certificate needs its key in the same file (cat cert.pem key.pem)",
                            path);
            goto out;
        }
    } else { /* PKCS#12 */
        PKCS12 *p12 = d2i_PKCS12_bio(b, NULL);
        X509 *x = NULL;
        STACK_OF(X509) *ca = NULL;
        const char *pass = password ? password : "";
        if (!p12) {
            rc = sslb_diagf(d, SSLB_EINVAL, "%s: neither a PEM file nor a PKCS#12 (.pfx) file", path);
            goto out;
        }
        if (!PKCS12_verify_mac(p12, pass, -1) && !(password == NULL && PKCS12_verify_mac(p12, NULL, 0))) {
            PKCS12_free(p12);
            rc = sslb_diagf(d, SSLB_EINVAL, "%s: %s", path,
                            password ? "the password is wrong (or the file is damaged)"
                                     : "the file is protected by a password: give password=…");
            goto out;
        }
        if (!PKCS12_parse(p12, pass, &key, &x, &ca)) {
            PKCS12_free(p12);
            rc = sslb_diagf(d, SSLB_EINVAL, "%s: cannot read the PKCS#12 contents: %s", path, ossl_reason((char[OSSL_REASON_MAX]){0}));
            goto out;
        }
        PKCS12_free(p12);
        sk_X509_pop_free(ca, X509_free);
        if (x) sk_X509_push(certs, x);
        if (!x || !key) {
            rc = sslb_diagf(d, SSLB_EINVAL, "%s: the .pfx holds no %s", path, x ? "private key" : "certificate");
            goto out;
        }
    }
    for (int i = 0; i < sk_X509_num(certs) && npick < 16; i++)
        if (X509_check_private_key(sk_X509_value(certs, i), key) == 1) pick[npick++] = sk_X509_value(certs, i);
    ERR_clear_error();
    if (npick == 0) {
        rc = sslb_diagf(d, SSLB_EINVAL, "%s: the private key belongs to none of the certificates in the file", path);
        goto out;
    }
    if (is_ccs(store)) { /* check every name before writing anything */
        char name[SSLB_HOST_MAX + 8];
        for (size_t i = 0; i < npick; i++)
            if ((rc = ccs_name(pick[i], name, sizeof name, d)) != SSLB_OK) goto out;
    }
    for (size_t i = 0; i < npick && *n < max; i++) {
        if ((rc = put_cert(cs, store, pick[i], key, &info[*n], d)) != SSLB_OK) {
            for (size_t k = 0; k < *n; k++) sslb_cert_delete(cs, store, info[k].thumb, NULL); /* nothing stays */
            *n = 0;
            goto out;
        }
        (*n)++;
    }
out:
    BIO_free(b);
    if (buf) OPENSSL_cleanse(buf, len);
    free(buf);
    EVP_PKEY_free(key);
    sk_X509_pop_free(certs, X509_free);
    return rc;
}

/* ---- loading, listing, deleting ----------------------------------------------------------- */

static X509 *read_pem_cert(const char *path)
{
    FILE *f = fopen(path, "r");
    X509 *x = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
    if (f) fclose(f);
    return x;
}

static EVP_PKEY *read_pem_key(const char *path)
{
    struct pw pw = {NULL, 0};
    FILE *f = fopen(path, "r");
    EVP_PKEY *k = f ? PEM_read_PrivateKey(f, NULL, pw_cb, &pw) : NULL;
    if (f) fclose(f);
    ERR_clear_error();
    return k;
}

static sslb_rc load_pfx(const char *path, X509 **x, EVP_PKEY **key)
{
    FILE *f = fopen(path, "rb");
    PKCS12 *p12 = f ? d2i_PKCS12_fp(f, NULL) : NULL;
    int ok;

    if (f) fclose(f);
    if (!p12) return f ? SSLB_ECORRUPT : SSLB_ENOTFOUND;
    ok = PKCS12_parse(p12, "", key, x, NULL);
    PKCS12_free(p12);
    ERR_clear_error();
    return ok && *x ? SSLB_OK : SSLB_ECORRUPT;
}

static sslb_cert *cert_new(X509 *x, EVP_PKEY *key, const char *store, const char *file)
{
    sslb_cert *c = calloc(1, sizeof *c);
    if (!c) {
        X509_free(x);
        EVP_PKEY_free(key);
        return NULL;
    }
    c->x = x;
    c->key = key;
    lower_copy(c->store, store, sizeof c->store);
    snprintf(c->file, sizeof c->file, "%s", file ? file : "");
    return c;
}

sslb_rc sslb_cert_load(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN], sslb_cert **out)
{
    char dir[PATH_MAX], path[PATH_MAX + 64], th[41];
    uint8_t got[SSLB_CERTHASH_LEN];
    X509 *x;

    *out = NULL;
    if (store_dir(cs, store, dir, sizeof dir, 0, NULL) != SSLB_OK) return SSLB_EINVAL;
    if (is_ccs(store)) { /* by thumbprint: look through the files */
        DIR *dp = opendir(dir);
        struct dirent *e;
        sslb_rc rc = SSLB_ENOTFOUND;
        while (dp && rc == SSLB_ENOTFOUND && (e = readdir(dp))) {
            size_t l = strlen(e->d_name);
            X509 *cx = NULL;
            EVP_PKEY *k = NULL;
            if (l < 5 || strcmp(e->d_name + l - 4, ".pfx") != 0) continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (load_pfx(path, &cx, &k) == SSLB_OK) {
                thumbprint(cx, got);
                if (memcmp(got, thumb, SSLB_CERTHASH_LEN) == 0) {
                    *out = cert_new(cx, k, store, e->d_name);
                    rc = *out ? SSLB_OK : SSLB_ENOMEM;
                    continue;
                }
            }
            X509_free(cx);
            EVP_PKEY_free(k);
        }
        if (dp) closedir(dp);
        return rc;
    }
    hex(thumb, th);
    snprintf(path, sizeof path, "%s/%s.crt", dir, th);
    if (!(x = read_pem_cert(path))) return SSLB_ENOTFOUND;
    thumbprint(x, got);
    if (memcmp(got, thumb, SSLB_CERTHASH_LEN) != 0) { /* a file renamed by hand */
        X509_free(x);
        return SSLB_ENOTFOUND;
    }
    snprintf(path, sizeof path, "%s/%s.key", dir, th);
    *out = cert_new(x, read_pem_key(path), store, NULL);
    return *out ? SSLB_OK : SSLB_ENOMEM;
}

sslb_rc sslb_cert_load_ccs(sslb_certstore *cs, const char *name, sslb_cert **out)
{
    char path[PATH_MAX + 300], file[SSLB_HOST_MAX + 8], host[SSLB_HOST_MAX + 1];
    X509 *x = NULL;
    EVP_PKEY *k = NULL;
    sslb_rc rc;

    *out = NULL;
    if (sslb_host_parse(name, strlen(name), host, NULL) != SSLB_OK) return SSLB_ENOTFOUND; /* never a path */
    snprintf(file, sizeof file, "%s.pfx", host);
    snprintf(path, sizeof path, "%s/" SSLB_CCS_STORE "/%s", cs->root, file);
    if ((rc = load_pfx(path, &x, &k)) != SSLB_OK) {
        X509_free(x);
        EVP_PKEY_free(k);
        return rc == SSLB_ECORRUPT ? SSLB_ECORRUPT : SSLB_ENOTFOUND;
    }
    *out = cert_new(x, k, SSLB_CCS_STORE, file);
    return *out ? SSLB_OK : SSLB_ENOMEM;
}

sslb_rc sslb_cert_load_match(sslb_certstore *cs, const sslb_match *m, sslb_cert **out, const char **store_out)
{
    const char *store = m->central ? SSLB_CCS_STORE : m->binding.params.store_name ? m->binding.params.store_name : "MY";
    size_t n = strlen(m->central_file);

    if (store_out) *store_out = store;
    if (!m->central) return sslb_cert_load(cs, store, m->certhash, out);
    if (n < 5 || strcmp(m->central_file + n - 4, ".pfx") != 0) return SSLB_ENOTFOUND;
    char name[sizeof m->central_file];
    snprintf(name, sizeof name, "%.*s", (int)(n - 4), m->central_file); /* "<host>.pfx" → "<host>" */
    return sslb_cert_load_ccs(cs, name, out);
}

static int ccs_find(void *ctx, const char *name, uint8_t thumb[SSLB_CERTHASH_LEN])
{
    sslb_cert *c;
    int usable;

    if (sslb_cert_load_ccs(ctx, name, &c) != SSLB_OK) return 0;
    usable = c->key && X509_check_private_key(c->x, c->key) == 1;
    ERR_clear_error();
    if (usable) thumbprint(c->x, thumb);
    sslb_cert_free(c);
    return usable;
}

sslb_rc sslb_cert_check_usable(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                               sslb_diag *d)
{
    const char *s = store ? store : "MY";
    char th[41];
    sslb_cert *c;
    int usable;

    hex(thumb, th);
    if (sslb_store_name_check(s, NULL) != SSLB_OK || sslb_cert_load(cs, s, thumb, &c) != SSLB_OK)
        return sslb_diagf(d, SSLB_ENOCERT, "certhash: no certificate %s in store %s (sslbind cert show store=%s lists them)",
                          th, s, s);
    usable = c->key && X509_check_private_key(c->x, c->key) == 1;
    ERR_clear_error();
    sslb_cert_free(c);
    if (!usable) return sslb_diagf(d, SSLB_ENOCERT, "certhash: the certificate %s in store %s has no private key", th, s);
    return SSLB_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of dir's entries (ending in suffix, or directories when suffix is NULL). */
static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    char **v = NULL;
    size_t cap = 0;

    *n = 0;
    while (dp && (e = readdir(dp))) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.') continue;
        if (suffix ? (l <= strlen(suffix) || strcmp(e->d_name + l - strlen(suffix), suffix) != 0)
                   : e->d_type != DT_DIR)
            continue;
        if (*n == cap) {
            char **nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof *v);
            if (!nv) break;
            v = nv;
        }
        v[(*n)++] = strdup(e->d_name);
    }
    if (dp) closedir(dp);
    if (*n > 1) qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

int sslb_cert_list(sslb_certstore *cs, const char *store, int (*fn)(void *ctx, const sslb_certinfo *info), void *ctx)
{
    size_t ns = 0, nf;
    char **stores, **files, dir[PATH_MAX], path[PATH_MAX + 300];
    int ret = 0;

    if (store) {
        char lower[SSLB_STORE_NAME_MAX + 1];
        if (sslb_store_name_check(store, NULL) != SSLB_OK) return 0;
        lower_copy(lower, store, sizeof lower);
        stores = malloc(sizeof *stores);
        if (!stores) return 0;
        stores[0] = strdup(lower);
        ns = 1;
    } else {
        stores = list_dir(cs->root, NULL, &ns);
    }
    for (size_t s = 0; s < ns && ret == 0; s++) {
        int ccs = is_ccs(stores[s]);
        snprintf(dir, sizeof dir, "%s/%s", cs->root, stores[s]);
        files = list_dir(dir, ccs ? ".pfx" : ".crt", &nf);
        for (size_t f = 0; f < nf && ret == 0; f++) {
            X509 *x = NULL;
            EVP_PKEY *k = NULL;
            sslb_certinfo info;
            snprintf(path, sizeof path, "%s/%s", dir, files[f]);
            if (ccs) {
                if (load_pfx(path, &x, &k) != SSLB_OK) continue;
            } else {
                if (!(x = read_pem_cert(path))) continue;
                snprintf(path + strlen(path) - 4, 5, ".key");
                k = read_pem_key(path);
            }
            describe(x, k, stores[s], ccs ? files[f] : NULL, &info);
            X509_free(x);
            EVP_PKEY_free(k);
            ret = fn(ctx, &info);
        }
        free_list(files, nf);
    }
    free_list(stores, ns);
    return ret;
}

sslb_rc sslb_cert_delete(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN], sslb_diag *d)
{
    char dir[PATH_MAX], path[PATH_MAX + 300], th[41];
    sslb_cert *c;
    sslb_rc rc;

    if ((rc = store_dir(cs, store, dir, sizeof dir, 0, d)) != SSLB_OK) return rc;
    hex(thumb, th);
    if (sslb_cert_load(cs, store, thumb, &c) != SSLB_OK)
        return sslb_diagf(d, SSLB_ENOTFOUND, "no certificate %s in store %s", th, store);
    if (is_ccs(store)) {
        snprintf(path, sizeof path, "%s/%s", dir, c->file);
        unlink(path);
    } else {
        snprintf(path, sizeof path, "%s/%s.crt", dir, th);
        unlink(path);
        snprintf(path, sizeof path, "%s/%s.key", dir, th);
        unlink(path);
    }
    sslb_cert_free(c);
    return SSLB_OK;
}

sslb_rc sslb_cert_export(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN], const char *path,
                         sslb_diag *d)
{
    char th[41];
    sslb_cert *c;
    size_t len = 0;
    char *pem;
    int fd, ok;

    hex(thumb, th);
    if (sslb_store_name_check(store, d) != SSLB_OK) return SSLB_EINVAL;
    if (sslb_cert_load(cs, store, thumb, &c) != SSLB_OK)
        return sslb_diagf(d, SSLB_ENOTFOUND, "no certificate %s in store %s", th, store);
    pem = pem_of(write_x509, c->x, &len);
    sslb_cert_free(c);
    if (!pem) return sslb_diagf(d, SSLB_ENOMEM, "cannot encode the certificate");
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ok = fd >= 0 && write(fd, pem, len) == (ssize_t)len;
    if (fd >= 0) ok = close(fd) == 0 && ok;
    free(pem);
    if (!ok) return sslb_diagf(d, SSLB_EWRITE, "cannot write %s: %s", path, strerror(errno));
    return SSLB_OK;
}

sslb_rc sslb_cert_export_pfx(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                             const char *path, const char *password, sslb_diag *d)
{
    char th[41], cn[SSLB_HOST_MAX + 1] = "";
    unsigned char *der = NULL;
    sslb_cert *c;
    PKCS12 *p12;
    sslb_rc rc = SSLB_OK;
    int len, usable;

    if (!password) return sslb_diagf(d, SSLB_EINVAL, "password: a .pfx export needs one (\"\" for an empty password)");
    hex(thumb, th);
    if (sslb_store_name_check(store, d) != SSLB_OK) return SSLB_EINVAL;
    if (sslb_cert_load(cs, store, thumb, &c) != SSLB_OK)
        return sslb_diagf(d, SSLB_ENOTFOUND, "no certificate %s in store %s", th, store);
    usable = c->key && X509_check_private_key(c->x, c->key) == 1;
    ERR_clear_error();
    if (!usable) {
        sslb_cert_free(c);
        return sslb_diagf(d, SSLB_ENOCERT,
                          "the certificate %s in store %s has no private key: a .pfx needs it (without password= "
                          "export writes the certificate alone)",
                          th, store);
    }
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(c->x), NID_commonName, cn, (int)sizeof cn) < 0) cn[0] = '\0';
    /* NULL algorithms and 0 iterations: OpenSSL 3's defaults (AES-256-CBC, PBKDF2, SHA-256 MAC). */
    p12 = PKCS12_create(password, cn[0] ? cn : NULL, c->key, c->x, NULL, 0, 0, 0, 0, 0);
    len = p12 ? i2d_PKCS12(p12, &der) : -1;
    PKCS12_free(p12);
    sslb_cert_free(c);
    if (len <= 0)
        rc = sslb_diagf(d, SSLB_ENOMEM, "cannot encode the PKCS#12 file: %s", ossl_reason((char[OSSL_REASON_MAX]){0}));
    else if (write_atomic(path, der, (size_t)len, 0600) != 0)
        rc = sslb_diagf(d, SSLB_EWRITE, "cannot write %s: %s", path, strerror(errno));
    if (der) OPENSSL_clear_free(der, (size_t)len);
    return rc;
}

sslb_rc sslb_cert_use(const sslb_cert *c, struct ssl_st *ssl)
{
    int ok = c->key && SSL_use_certificate(ssl, c->x) == 1 && SSL_use_PrivateKey(ssl, c->key) == 1 &&
             SSL_check_private_key(ssl) == 1;
    ERR_clear_error();
    return ok ? SSLB_OK : SSLB_ENOCERT;
}

/* ---- the client's name check -------------------------------------------------------------- */

int sslb_cert_check_name(const sslb_cert *c, const char *host, char *why, size_t whylen)
{
    const unsigned flags = X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT;
    char ipbuf[INET6_ADDRSTRLEN + 2];
    sslb_certinfo info;
    size_t hl = strlen(host);
    int ok;

    if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']' && hl - 2 < sizeof ipbuf) { /* [v6] */
        memcpy(ipbuf, host + 1, hl - 2);
        ipbuf[hl - 2] = '\0';
        host = ipbuf;
    }
    describe(c->x, NULL, c->store, c->file, &info);
    if (is_ip_literal(host, NULL)) {
        ok = X509_check_ip_asc(c->x, host, 0) == 1;
        if (!ok)
            snprintf(why, whylen, "%s is an IP address; the certificate's IP addresses are: %s", host,
                     info.ipaddrs[0] ? info.ipaddrs : "none");
        else
            snprintf(why, whylen, "%s is among the certificate's IP addresses", host);
        ERR_clear_error();
        return ok;
    }
    char *peer = NULL;
    ok = X509_check_host(c->x, host, hl, flags, &peer) == 1;
    ERR_clear_error();
    if (ok) {
        snprintf(why, whylen, "%s matches the DNS name %s", host, peer ? peer : "?");
        OPENSSL_free(peer);
        return 1;
    }
    if (!info.dnsnames[0]) {
        snprintf(why, whylen,
                 "the certificate has no DNS names, only the subject %s; browsers ignore the subject CN, so it is "
                 "valid for no name at all",
                 info.subject);
        return 0;
    }
    /* Say why a wildcard did not cover the name, when one was close. */
    char names[sizeof info.dnsnames], *save = NULL;
    snprintf(names, sizeof names, "%s", info.dnsnames);
    for (char *t = strtok_r(names, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        const char *star = strchr(t, '*');
        if (!star) continue;
        if (t[0] == '*' && t[1] == '.') {
            size_t dl = strlen(t + 2);
            if (strcasecmp(host, t + 2) == 0) {
                snprintf(why, whylen, "%s does not cover the bare domain %s: a wildcard stands for exactly one label", t, host);
                return 0;
            }
            if (hl > dl + 1 && strcasecmp(host + hl - dl, t + 2) == 0 && host[hl - dl - 1] == '.') {
                snprintf(why, whylen, "%s covers one label only, and %s has more than one before %s", t, host, t + 2);
                return 0;
            }
        } else {
            snprintf(why, whylen, "%s is a partial wildcard, which browsers do not accept; %s is not covered", t, host);
            return 0;
        }
    }
    snprintf(why, whylen, "%s is not among the certificate's DNS names: %s", host, info.dnsnames);
    return 0;
}
