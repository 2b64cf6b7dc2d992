/* certstore.c — certificate stores on disk, OpenSSL for every certificate operation.
 *
 * Writers (create, import, delete) hold DIR/certs/.lock. Every change is all or nothing, for
 * readers and after a kill -9, through DIR/certs/.writing (see writing_path): the mark lists,
 * each before it is done, every step of a create or import — a file it creates
 * ("<store>/<file>": hidden from readers until the commit), a file it replaces
 * ("<store>/<file>.prev": its former content first kept as that hard link, which readers read
 * instead until the commit), a store directory it makes ("<store>/") — and the commit is the
 * mark's rename to .touching. A writer that finds a dead one's mark rolls its change back (files
 * created removed, backups renamed back, a new store removed if it holds nothing but its name)
 * and removes the temporary files of the files its mark names, and nothing else (a store's
 * directory may hold the user's files: the central store's is their folder of .pfx files). A
 * delete removes the certificate (the commit: it leaves every listing and lookup at once), then
 * its key, which the next writer removes when the delete died between the two ("~<store>/<th>.crt"
 * in its mark); a key that cannot be removed puts the certificate back (kept meanwhile as a
 * backup no reader reads), so that a delete that fails leaves both. A generation (DIR/certs/.generation)
 * that every change, and every rollback of a dead writer's change, makes odd before its first
 * step and even after its commit or rollback lets readers go without the lock (every file is
 * replaced by rename): a reader reads the generation and the mark, then the files (hiding and
 * backups decided from that one mark), then the mark and the generation again, and reads again
 * when either changed, or the generation was odd without a mark (a change that ended meanwhile,
 * committed or rolled back, both leave the mark gone); after a few such reads it takes the shared
 * lock (struct snap). A rollback that cannot put a file back keeps the mark. Every file of the stores is
 * read with O_NOFOLLOW | O_NONBLOCK and must be a regular file: a planted symbolic link or FIFO
 * is never followed nor waited on. */
#include "sslb/certstore.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ascii_int.h"
#include "file_int.h"
#include "sslb/statedir.h"

#define MAX_IMPORT_BYTES (1 << 20)
#define LOCK_FILE ".lock"    /* DIR/certs/.lock: a store name never starts with '.' */
#define MIN_SECURITY_LEVEL 2 /* what TLS clients apply today (Debian's OpenSSL, browsers) */

struct sslb_certstore {
    char root[PATH_MAX - 128]; /* DIR/certs */
    char lockpath[PATH_MAX];
    sslb_central central;
    OSSL_PROVIDER *legacy; /* NULL if OpenSSL has none */
    SSL_CTX *tls;          /* configured as the endpoint's: what "usable" is judged against */
};

struct sslb_cert {
    X509 *x;
    EVP_PKEY *key;           /* NULL: none */
    STACK_OF(X509) * others; /* a central store file's other certificates (its chain); NULL: none */
    uint8_t thumb[SSLB_CERTHASH_LEN];
    char store[SSLB_STORE_NAME_MAX + 1];
    char file[SSLB_HOST_MAX + 8];
};

static int ccs_find(void *ctx, const char *name, uint8_t thumb[SSLB_CERTHASH_LEN]);
static int ossl_out_of_memory(void);
static sslb_rc load_cert(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN], sslb_cert **out,
                         sslb_diag *d);

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

sslb_rc sslb_cert_server_ctx(SSL_CTX **out, sslb_diag *d)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    *out = NULL;
    if (!ctx || SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
        sslb_rc rc = sslb_diagf(d, SSLB_ENOMEM, "OpenSSL cannot make a TLS server context: %s",
                                ossl_reason((char[OSSL_REASON_MAX]){0}));
        SSL_CTX_free(ctx);
        return rc;
    }
    /* OpenSSL's configuration may say less (3.0's built-in default is 1); clients say 2. */
    if (SSL_CTX_get_security_level(ctx) < MIN_SECURITY_LEVEL) SSL_CTX_set_security_level(ctx, MIN_SECURITY_LEVEL);
    *out = ctx;
    return SSLB_OK;
}

sslb_rc sslb_certstore_open(const char *state_dir, sslb_certstore **out, sslb_diag *d)
{
    sslb_certstore *cs;
    sslb_rc rc;

    *out = NULL;
    if (strlen(state_dir) + 8 >= sizeof cs->root) return sslb_diagf(d, SSLB_EINVAL, "state directory path is too long");
    if ((rc = sslb_state_dir_check(state_dir, d)) != SSLB_OK) return rc;
    if (!(cs = calloc(1, sizeof *cs))) return SSLB_ENOMEM;
    snprintf(cs->root, sizeof cs->root, "%s/certs", state_dir);
    snprintf(cs->lockpath, sizeof cs->lockpath, "%s/" LOCK_FILE, cs->root);
    if (sslb__mkdir(cs->root, 0700) == 0) {
        sslb__fsync_dir(state_dir);
    } else if (errno != EEXIST) {
        rc = sslb_diagf(d, SSLB_EACCESS, "cannot create %s: %s", cs->root, strerror(errno));
    } else {
        rc = sslb_state_dir_check(cs->root, d); /* made by someone else, or chmod'ed since */
    }
    if (rc == SSLB_OK) rc = sslb_cert_server_ctx(&cs->tls, d);
    if (rc != SSLB_OK) {
        free(cs);
        return rc;
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
    SSL_CTX_free(cs->tls);
    if (cs->legacy) OSSL_PROVIDER_unload(cs->legacy);
    free(cs);
}

const sslb_central *sslb_certstore_central(sslb_certstore *cs)
{
    return &cs->central;
}

static int name_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
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
        if (!name_char((unsigned char)*p) && *p != ' ')
            return sslb_diagf(
                d, SSLB_EINVAL,
                "store name '%.64s' has the character '%c': only letters, digits, '-', '_', '.' and spaces", name,
                *p >= 0x20 && *p < 0x7f ? *p : '?');
    return SSLB_OK;
}

static void lower_copy(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; src[i] && i + 1 < n; i++) dst[i] = (char)sslb__lower((unsigned char)src[i]);
    dst[i] = '\0';
}

static int is_ccs(const char *store)
{
    return sslb__casecmp(store, SSLB_CCS_STORE) == 0;
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

/* The SHA-1 of the DER certificate: 0, or (out zeroed) -1 when OpenSSL cannot compute it (no
 * SHA-1 in its configuration): such a certificate cannot be named; -2 when it ran out of memory. */
static int thumbprint(X509 *x, uint8_t out[SSLB_CERTHASH_LEN])
{
    unsigned len = 0;

    /* twice: an allocation that failed once (EVP_Digest's context: OpenSSL 3 says nothing) */
    for (int i = 0; i < 2; i++)
        if (X509_digest(x, EVP_sha1(), out, &len) == 1 && len == SSLB_CERTHASH_LEN) {
            ERR_clear_error();
            return 0;
        }
    memset(out, 0, SSLB_CERTHASH_LEN);
    return ossl_out_of_memory() ? -2 : -1; /* the queue emptied */
}

/* n bytes of s with control bytes, backslashes and non-ASCII as \xNN: a name from a certificate
 * or a client is shown, never obeyed by a terminal. */
static int escape(const unsigned char *s, size_t n, char *out, size_t outlen)
{
    size_t k = 0, i = 0;

    if (outlen == 0) return 0;
    for (; i < n && k + 5 <= outlen; i++) /* room for "\xNN" and the NUL */
        if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\') out[k++] = (char)s[i];
        else k += (size_t)snprintf(out + k, outlen - k, "\\x%02x", s[i]);
    out[k] = '\0';
    return i == n; /* 0: cut */
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

/* How write_temp sets the temporary's mode and owner before it is renamed in. */
enum temp_keep {
    TEMP_STORE, /* a file of the stores: `mode`, its owner's read and write whatever the umask */
    TEMP_NEW,   /* a new export file: `mode` under the umask, as open makes it */
    TEMP_KEEP,  /* an export over an existing file: its mode, owner and group (*was) */
};

/* 1 when the temporary of an export could not be made for a reason the directory gives (no
 * permission, a read-only file system, a name too long for it): the file is written in place. */
static int temp_refused(int err)
{
    return err == EACCES || err == EPERM || err == EROFS || err == ENAMETOOLONG;
}

/* Writes data to path through a new temporary file beside it, "<name>.tmp.<pid>.<random>" (for
 * a name too long to take that within NAME_MAX, its first bytes, "~" and a hash of the whole
 * before ".tmp.": sslb__temp_prefix), created with O_EXCL | O_NOFOLLOW (never an existing file,
 * never through a planted symlink) and `mode`, given the mode and owner `keep` says; fsync,
 * rename over path, fsync the directory. A symlink at path is replaced, not followed. On failure
 * path is as it was, the temporary file is gone, and -1 is returned with errno; -2 (TEMP_NEW and
 * TEMP_KEEP only) when the temporary could not stand for the file, before anything was written:
 * not made for a reason of the directory's (temp_refused), or the owner, group or mode of *was
 * not given to it (fchown needs root for another owner). (Not sslb__replace: that one sweeps
 * "<path>.tmp.*" and so needs the file's lock, which an export target in a user's directory has
 * not.) */
static int write_temp(const char *path, const void *data, size_t len, mode_t mode, enum temp_keep keep,
                      const struct stat *was)
{
    char tmp[PATH_MAX], dir[PATH_MAX], prefix[NAME_MAX + 8];
    const char *slash = strrchr(path, '/');
    int fd = -1, ok, e;

    sslb__temp_prefix(path, prefix, sizeof prefix);
    for (unsigned attempt = 0; fd < 0 && attempt < 8; attempt++) {
        uint32_t r = attempt;
        if (RAND_bytes((unsigned char *)&r, sizeof r) != 1) ERR_clear_error();
        if ((size_t)snprintf(tmp, sizeof tmp, "%.*s%s%ld.%08x", slash ? (int)(slash + 1 - path) : 0, path, prefix,
                             (long)getpid(), (unsigned)r) >= sizeof tmp) {
            errno = ENAMETOOLONG;
            return keep == TEMP_STORE ? -1 : -2;
        }
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST) return keep != TEMP_STORE && temp_refused(errno) ? -2 : -1;
    }
    if (fd < 0) return -1;
    if (keep == TEMP_KEEP) { /* fchown first: it may clear the set-id bits fchmod then sets */
        int same = was->st_uid == geteuid() && was->st_gid == getegid();
        if ((!same && fchown(fd, was->st_uid, was->st_gid) != 0) || fchmod(fd, was->st_mode & 07777) != 0) {
            e = errno;
            close(fd);
            unlink(tmp);
            errno = e;
            return -2;
        }
    }
    ok = (keep != TEMP_STORE || sslb__owner_rw(fd) == 0) && write_all(fd, data, len) == 0 && fsync(fd) == 0;
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
    sslb__fsync_dir(dir); /* the rename itself, durable */
    return 0;
}

/* A file of the stores (or a .pfx export) written through write_temp: `mode`, and its owner's
 * read and write put back where the umask took them (0777: review 35 F13). 0, or -1 with errno. */
static int write_atomic(const char *path, const void *data, size_t len, mode_t mode)
{
    return write_temp(path, data, len, mode, TEMP_STORE, NULL);
}

/* Reads a regular file of at most max bytes into a malloc'd buffer (NUL-terminated). Opened with
 * O_NONBLOCK, so a FIFO is refused at once instead of waited on, and with O_NOFOLLOW when
 * nofollow (the stores' own files: a symbolic link planted there is never read). NULL with
 * errno: EINVAL when not a regular file, EFBIG when larger than max. */
static char *read_regular(const char *path, size_t max, int nofollow, size_t *len, mode_t *mode)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0)), e;
    struct stat st;
    char *buf = NULL;
    size_t got = 0, cap;

    if (fd < 0) return NULL;
    if (fstat(fd, &st) != 0) goto fail;
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        goto fail;
    }
    if ((uint64_t)st.st_size > max) {
        errno = EFBIG;
        goto fail;
    }
    cap = (size_t)st.st_size + 1;
    if (!(buf = malloc(cap))) goto fail;
    for (;;) { /* to the end: the size is a hint */
        ssize_t r;
        if (got + 1 == cap) {
            char *nb = cap > max ? NULL : realloc(buf, cap * 2 > max + 1 ? max + 1 : cap * 2);
            if (!nb) {
                errno = cap > max ? EFBIG : ENOMEM;
                goto fail;
            }
            buf = nb;
            cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
        }
        r = read(fd, buf + got, cap - 1 - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) goto fail;
        if (r == 0) break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = '\0';
    *len = got;
    if (mode) *mode = st.st_mode & 07777;
    return buf;
fail:
    e = errno;
    if (buf) OPENSSL_cleanse(buf, got);
    free(buf);
    close(fd);
    errno = e;
    return NULL;
}

static void free_secret(char *buf, size_t len)
{
    if (buf) OPENSSL_cleanse(buf, len);
    free(buf);
}

/* Whether a read of the stores that failed with e means that they cannot be read, rather than
 * that the file is not there (ENOENT, ENOTDIR) or that what is there is no store file, which the
 * stores skip (read_regular's and open's words for a symbolic link, a FIFO, a device, a socket,
 * a file too large: ELOOP, EINVAL, EFBIG, ENXIO). EACCES, EMFILE, ENFILE, ENOMEM, EIO…: a reader
 * that went on would show less than there is (an empty store, a certificate "not found"). */
static int unreadable(int e)
{
    return e != 0 && e != ENOENT && e != ENOTDIR && e != ELOOP && e != EINVAL && e != EFBIG && e != ENXIO;
}

/* A read of path that failed with e, said as the binding table's reads say theirs ("path:
 * strerror"): SSLB_EACCESS (5) when permission is refused, else SSLB_EREAD (30). errno is e on
 * return, for a caller that tells a transient failure from another (sslbind-tls). */
static sslb_rc read_failure(sslb_diag *d, const char *path, int e)
{
    sslb_rc rc = sslb_diagf(d, sslb__denied_or(e, SSLB_EREAD), "%s: %s", path, strerror(e));
    errno = e;
    return rc;
}

/* The code of a write of the stores or of an export that failed with e: SSLB_EACCESS (5) for a
 * permission or a read-only file system, SSLB_EDISKFULL (112) for a full disk (ENOSPC), else
 * SSLB_EWRITE (29), the errno in the explanation. */
static sslb_rc write_rc(int e)
{
    return sslb__write_rc(e);
}

/* A write of the stores (a file, a store directory, the generation, the mark) or of an export
 * that failed with e, said "cannot <verb> path: strerror", coded by write_rc, as a delete says it
 * (remove_failure). */
static sslb_rc write_failure(sslb_diag *d, const char *verb, const char *path, int e)
{
    return sslb_diagf(d, write_rc(e), "cannot %s %s: %s", verb, path, strerror(e));
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

/* ---- what a TLS server can present -------------------------------------------------------- */

/* Bits of security each OpenSSL security level asks for, and the RSA size that gives them. */
static const int level_bits[] = {0, 80, 112, 128, 192, 256};
static const int level_rsa[] = {0, 1024, 2048, 3072, 7680, 15360};

/* Whether TLS clients and the TLS server s (configured as sslb_cert_server_ctx's) accept x with
 * key, whose match is already checked: the key type and curve that TLS 1.2 and 1.3 clients
 * offer, and OpenSSL's security level, which SSL_use_certificate applies as the handshake will.
 * Installs x and key on s. */
static sslb_rc tls_accepts(SSL *s, X509 *x, EVP_PKEY *key, sslb_diag *d)
{
    const char *type = EVP_PKEY_get0_type_name(key);
    int bits = EVP_PKEY_get_bits(key), level = SSL_get_security_level(s);
    char group[64] = "";
    size_t gl = 0;

    if (!type) type = "unknown";
    if (EVP_PKEY_is_a(key, "DSA"))
        return sslb_diagf(d, SSLB_ENOCERT,
                          "DSA %d-bit key: TLS 1.3 has no DSA signature and clients no longer offer DSA cipher suites",
                          bits);
    if (EVP_PKEY_is_a(key, "EC")) {
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &gl) != 1) {
            ERR_clear_error();
            return sslb_diagf(d, SSLB_ENOCERT,
                              "EC key with explicit curve parameters: TLS needs a named curve (P-256, "
                              "P-384 or P-521)");
        }
        if (strcmp(group, "prime256v1") != 0 && strcmp(group, "secp384r1") != 0 && strcmp(group, "secp521r1") != 0)
            return sslb_diagf(d, SSLB_ENOCERT,
                              "EC key on the curve %s: TLS clients verify server signatures on P-256, P-384 and P-521 "
                              "only",
                              group);
    } else if (!EVP_PKEY_is_a(key, "RSA") && !EVP_PKEY_is_a(key, "RSA-PSS") && !EVP_PKEY_is_a(key, "ED25519") &&
               !EVP_PKEY_is_a(key, "ED448")) {
        return sslb_diagf(d, SSLB_ENOCERT, "%s key: not a type TLS clients accept (RSA, EC, Ed25519, Ed448)", type);
    }
    if (SSL_use_certificate(s, x) == 1 && SSL_use_PrivateKey(s, key) == 1 && SSL_check_private_key(s) == 1) {
        ERR_clear_error();
        return SSLB_OK;
    }
    if (level >= 1 && level <= 5 && EVP_PKEY_get_security_bits(key) < level_bits[level]) {
        ERR_clear_error();
        if (EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_is_a(key, "RSA-PSS"))
            return sslb_diagf(d, SSLB_ENOCERT,
                              "RSA %d-bit key: below OpenSSL's security level %d (%d-bit security: RSA keys of %d bits "
                              "or more)",
                              bits, level, level_bits[level], level_rsa[level]);
        return sslb_diagf(d, SSLB_ENOCERT, "%s %d-bit key: below OpenSSL's security level %d (%d-bit security)", type,
                          bits, level, level_bits[level]);
    }
    return sslb_diagf(d, SSLB_ENOCERT, "OpenSSL will not serve it: %s", ossl_reason((char[OSSL_REASON_MAX]){0}));
}

/* Whether key is x's: 1 yes, 0 no, -1 not known for want of memory. X509_check_private_key
 * also fails when OpenSSL runs out of memory (decoding the certificate's public key, which then
 * stays undecoded for the process, or comparing the halves): a key whose public half encodes to
 * the very bytes of the certificate's (no decoding needed) is then its key all the same, and the
 * check's failure is memory's, not "does not belong" (a "Private Key: No" that lied). */
static int key_match(X509 *x, EVP_PKEY *key)
{
    unsigned char *mine = NULL, *its = NULL;
    int nm, ni, r;

    if (X509_check_private_key(x, key) == 1) {
        ERR_clear_error();
        return 1;
    }
    if (ossl_out_of_memory()) return -1;
    nm = i2d_PUBKEY(key, &mine);
    ni = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &its);
    r = nm <= 0 || ni <= 0 ? -1 : nm == ni && memcmp(mine, its, (size_t)nm) == 0 ? -1 : 0;
    OPENSSL_free(mine);
    OPENSSL_free(its);
    ERR_clear_error();
    return r;
}

/* Its private key is there and belongs to it. */
static sslb_rc has_its_key(const sslb_cert *c, sslb_diag *d)
{
    int ok;

    if (!c->key) return sslb_diagf(d, SSLB_ENOCERT, "no private key");
    if ((ok = key_match(c->x, c->key)) < 0) return sslb_diagf(d, SSLB_ENOMEM, "out of memory");
    return ok ? SSLB_OK : sslb_diagf(d, SSLB_ENOCERT, "its private key does not belong to it");
}

/* ---- a whole private key: checked where a key enters and before it is bound ----------------
 *
 * X509_check_private_key (has_its_key) compares the public halves only: a key whose private part
 * is damaged (an RSA private exponent, prime or CRT value altered; an EC scalar that is not its
 * point's) passes it, is stored and bound, and every signature a server made with it would fail
 * (or, for RSA, OpenSSL's CRT self-check would quietly fall back to a d that may be wrong too).
 * key_whole checks, once per import and per 1312 check, never per handshake:
 *  - an RSA key's private values against each other and its modulus: RSA_check_key's relations
 *    without its primality tests, which cost 47 ms for an RSA-2048 key (370 ms for 4096) where
 *    these take microseconds: n = p*q (every prime of a multi-prime key), d*e = 1 modulo each
 *    p-1, each CRT exponent = d modulo p-1, each CRT coefficient the inverse it must be;
 *  - a test signature made with the private key and verified with the certificate's public key,
 *    for every key type that signs; a key that cannot
 *    sign (X25519, DH) gets OpenSSL's pairwise check instead, where it has one. */

static const unsigned char probe_msg[] = "sslbind: a test signature, made to check that a private key is whole";

#define RSA_PRIMES_MAX 10 /* OpenSSL's RSA_MAX_PRIME_NUM is 5: room for more */

/* The RSA relation that does not hold in key, as a phrase; NULL if they all hold (or the key
 * lacks its private values: then the test signature alone checks it). *oom on allocation failure. */
static const char *rsa_disagreement(const EVP_PKEY *key, int *oom)
{
    static const char *const factor[RSA_PRIMES_MAX] = {OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2,
                                                       OSSL_PKEY_PARAM_RSA_FACTOR3, OSSL_PKEY_PARAM_RSA_FACTOR4,
                                                       OSSL_PKEY_PARAM_RSA_FACTOR5, OSSL_PKEY_PARAM_RSA_FACTOR6,
                                                       OSSL_PKEY_PARAM_RSA_FACTOR7, OSSL_PKEY_PARAM_RSA_FACTOR8,
                                                       OSSL_PKEY_PARAM_RSA_FACTOR9, OSSL_PKEY_PARAM_RSA_FACTOR10};
    static const char *const exponent[RSA_PRIMES_MAX] = {OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2,
                                                         OSSL_PKEY_PARAM_RSA_EXPONENT3, OSSL_PKEY_PARAM_RSA_EXPONENT4,
                                                         OSSL_PKEY_PARAM_RSA_EXPONENT5, OSSL_PKEY_PARAM_RSA_EXPONENT6,
                                                         OSSL_PKEY_PARAM_RSA_EXPONENT7, OSSL_PKEY_PARAM_RSA_EXPONENT8,
                                                         OSSL_PKEY_PARAM_RSA_EXPONENT9, OSSL_PKEY_PARAM_RSA_EXPONENT10};
    /* COEFFICIENTk: the inverse of the product of the first k primes modulo prime k+1 */
    static const char *const coefficient[RSA_PRIMES_MAX - 1] = {
        OSSL_PKEY_PARAM_RSA_COEFFICIENT1, OSSL_PKEY_PARAM_RSA_COEFFICIENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT3,
        OSSL_PKEY_PARAM_RSA_COEFFICIENT4, OSSL_PKEY_PARAM_RSA_COEFFICIENT5, OSSL_PKEY_PARAM_RSA_COEFFICIENT6,
        OSSL_PKEY_PARAM_RSA_COEFFICIENT7, OSSL_PKEY_PARAM_RSA_COEFFICIENT8, OSSL_PKEY_PARAM_RSA_COEFFICIENT9};
    BIGNUM *n = NULL, *e = NULL, *d = NULL, *r[RSA_PRIMES_MAX] = {0}, *v = NULL, *t = NULL, *m = NULL, *prod = NULL;
    BN_CTX *ctx = BN_CTX_secure_new();
    const char *bad = NULL;
    int np = 0;

    if (!ctx || !(t = BN_secure_new()) || !(m = BN_secure_new()) || !(prod = BN_secure_new())) {
        *oom = 1;
        goto out;
    }
    if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) != 1 ||
        EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e) != 1 ||
        EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_D, &d) != 1)
        goto out; /* no private exponent to check */
    while (np < RSA_PRIMES_MAX && EVP_PKEY_get_bn_param(key, factor[np], &r[np]) == 1) np++;
    if (np < 2) goto out; /* n, e and d alone: the test signature checks d */
    /* n is the product of the primes, each more than 1 */
    if (!BN_one(prod)) goto oom;
    for (int i = 0; i < np; i++) {
        if (BN_cmp(r[i], BN_value_one()) <= 0 || BN_is_negative(r[i])) {
            bad = "a prime factor is not more than 1";
            goto out;
        }
        if (!BN_mul(prod, prod, r[i], ctx)) goto oom;
    }
    if (BN_cmp(prod, n) != 0) {
        bad = "n is not the product of its primes";
        goto out;
    }
    /* d*e = 1 modulo each p-1, and each CRT exponent is d modulo p-1 */
    for (int i = 0; i < np; i++) {
        if (!BN_sub(m, r[i], BN_value_one()) || !BN_mod_mul(t, d, e, m, ctx)) goto oom;
        if (!BN_is_one(t)) {
            bad = "its private exponent d is not the inverse of e modulo p-1 and q-1";
            goto out;
        }
        if (EVP_PKEY_get_bn_param(key, exponent[i], &v) == 1) {
            if (!BN_nnmod(t, d, m, ctx)) goto oom;
            if (BN_cmp(t, v) != 0) {
                bad = "a CRT exponent is not d modulo p-1";
                goto out;
            }
        }
        BN_clear_free(v);
        v = NULL;
    }
    /* each CRT coefficient times the product of the primes before its own is 1 modulo its own */
    if (!BN_copy(prod, r[0])) goto oom;
    for (int k = 1; k < np; k++) {
        /* OpenSSL's coefficient 1 is q^-1 mod p: its primes' order is (p, q), the inverse is q's */
        const BIGNUM *of = k == 1 ? r[1] : prod, *mod = k == 1 ? r[0] : r[k];
        if (EVP_PKEY_get_bn_param(key, coefficient[k - 1], &v) == 1) {
            if (!BN_mod_mul(t, v, of, mod, ctx)) goto oom;
            if (!BN_is_one(t)) {
                bad = "a CRT coefficient is not the inverse it must be (q^-1 modulo p)";
                goto out;
            }
        }
        BN_clear_free(v);
        v = NULL;
        if (!BN_mul(prod, prod, r[k], ctx)) goto oom;
    }
    goto out;
oom:
    *oom = 1;
out:
    ERR_clear_error();
    BN_free(n);
    BN_free(e);
    BN_clear_free(d);
    for (int i = 0; i < RSA_PRIMES_MAX; i++) BN_clear_free(r[i]);
    BN_clear_free(v);
    BN_clear_free(t);
    BN_clear_free(m);
    BN_clear_free(prod);
    BN_CTX_free(ctx);
    return bad;
}

sslb_rc sslb_cert_key_consistent(const EVP_PKEY *key, sslb_diag *d)
{
    const char *bad;
    int oom = 0;

    if (!EVP_PKEY_is_a(key, "RSA") && !EVP_PKEY_is_a(key, "RSA-PSS")) return SSLB_OK;
    bad = rsa_disagreement(key, &oom);
    if (oom) return sslb_diagf(d, SSLB_ENOMEM, "out of memory checking the private key");
    return bad ? sslb_diagf(d, SSLB_ENOCERT, "%s", bad) : SSLB_OK;
}

/* Signs probe_msg with key (RSA: PKCS#1 v1.5, which a weak key that import stores can make too)
 * and verifies the signature with pub. 0; -1 when key cannot sign (why says so); -2 when the
 * signature does not verify. */
static int test_signature(EVP_PKEY *key, EVP_PKEY *pub, char *why, size_t n)
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pc = NULL;
    size_t len = 0;
    unsigned char *sig = NULL;
    char mdname[64] = "";
    const char *mdn = NULL;
    int rsa = EVP_PKEY_is_a(key, "RSA"), rc = -1, size = EVP_PKEY_get_size(key);

    if (EVP_PKEY_get_default_digest_name(key, mdname, sizeof mdname) > 0 && mdname[0] && strcmp(mdname, "UNDEF") != 0)
        mdn = mdname;
    if (rsa) mdn = size >= 62 ? "SHA256" : "SHA1"; /* PKCS#1 v1.5: room for the digest in a weak key too */
    ERR_clear_error();
    if (!md || size <= 0 || !(sig = malloc((size_t)size))) {
        snprintf(why, n, "out of memory for a test signature");
        goto out;
    }
    len = (size_t)size;
    if (EVP_DigestSignInit_ex(md, &pc, mdn, NULL, NULL, key, NULL) != 1 ||
        EVP_DigestSign(md, sig, &len, probe_msg, sizeof probe_msg) != 1) {
        snprintf(why, n, "the private key cannot make a test signature: %s", ossl_reason((char[OSSL_REASON_MAX]){0}));
        goto out;
    }
    EVP_MD_CTX_free(md);
    pc = NULL;
    rc = -2;
    if (!(md = EVP_MD_CTX_new())) {
        snprintf(why, n, "out of memory for a test signature");
        rc = -1;
    } else if (EVP_DigestVerifyInit_ex(md, &pc, mdn, NULL, NULL, pub, NULL) == 1 &&
               EVP_DigestVerify(md, sig, len, probe_msg, sizeof probe_msg) == 1) {
        rc = 0;
    } else {
        snprintf(why, n, "the private key does not match the certificate: a test signature did not verify");
    }
out:
    free(sig);
    EVP_MD_CTX_free(md);
    ERR_clear_error();
    return rc;
}

/* Whether key, whose public half is x's (has_its_key), is whole: SSLB_OK, else SSLB_ENOCERT and
 * d says why in a phrase ("the private key does not match the certificate: a test signature did
 * not verify …"), SSLB_ENOMEM when out of memory. */
static sslb_rc key_whole(X509 *x, EVP_PKEY *key, sslb_diag *d)
{
    EVP_PKEY *pub = X509_get0_pubkey(x);
    char why[sizeof d->text];
    int rc;

    if (!pub) {
        ERR_clear_error();
        return sslb_diagf(d, SSLB_ENOCERT, "OpenSSL cannot read the certificate's public key");
    }
    {
        sslb_diag rel = {{0}};
        sslb_rc rc2 = sslb_cert_key_consistent(key, &rel);
        if (rc2 == SSLB_ENOMEM) return sslb_diagf(d, rc2, "%s", rel.text);
        if (rc2 != SSLB_OK) return sslb_diagf(d, SSLB_ENOCERT, "the private key is damaged: %s", rel.text);
    }
    /* An RSA key under 368 bits cannot make even a SHA-1 PKCS#1 v1.5 signature: its relations
     * (above) and its public half (has_its_key) are all there is to check; the 1312 check refuses
     * it for its size, as any weak key. */
    if ((EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_is_a(key, "RSA-PSS")) && EVP_PKEY_get_size(key) < 46) return SSLB_OK;
    if (!EVP_PKEY_can_sign(key)) { /* X25519, DH: OpenSSL's own pairwise check, where it has one */
        EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
        rc = pc ? EVP_PKEY_pairwise_check(pc) : -3;
        EVP_PKEY_CTX_free(pc);
        ERR_clear_error();
        if (rc == -3) return sslb_diagf(d, SSLB_ENOMEM, "out of memory checking the private key");
        if (rc == 0 || rc == -1)
            return sslb_diagf(d, SSLB_ENOCERT,
                              "the private key does not match the certificate: its private half "
                              "does not give its public half");
        return SSLB_OK; /* -2: no check for this type */
    }
    rc = test_signature(key, pub, why, sizeof why);
    if (rc == 0) return SSLB_OK;
    return sslb_diagf(d, strncmp(why, "out of memory", 13) == 0 ? SSLB_ENOMEM : SSLB_ENOCERT, "%s", why);
}

sslb_rc sslb_cert_usable(sslb_certstore *cs, const sslb_cert *c, sslb_diag *d)
{
    SSL *s;
    sslb_rc rc;

    if ((rc = has_its_key(c, d)) != SSLB_OK) return rc;
    if (!(s = SSL_new(cs->tls))) {
        ERR_clear_error();
        return sslb_diagf(d, SSLB_ENOMEM, "OpenSSL cannot make a TLS connection object");
    }
    rc = tls_accepts(s, c->x, c->key, d);
    SSL_free(s);
    return rc == SSLB_OK ? key_whole(c->x, c->key, d) : rc;
}

sslb_rc sslb_cert_use(const sslb_cert *c, struct ssl_st *ssl, sslb_diag *d)
{
    sslb_rc rc = has_its_key(c, d);
    return rc == SSLB_OK ? tls_accepts(ssl, c->x, c->key, d) : rc;
}

/* ---- describing a certificate ------------------------------------------------------------ */

static void time_text(const ASN1_TIME *t, char *out, size_t n)
{
    struct tm tm;
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1 || strftime(out, n, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
        snprintf(out, n, "?");
}

/* Fills info; 0, or -1 when whether key is x's could not be told for want of memory (key_match:
 * has_key is then 0, which the caller must not show as an answer). */
static int describe(X509 *x, EVP_PKEY *key, const uint8_t *thumb, const char *store, const char *file,
                    sslb_certinfo *info)
{
    int match;

    GENERAL_NAMES *san = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    BIO *b = BIO_new(BIO_s_mem());
    char *data;
    long n;
    int full = 0; /* a name did not fit: the later ones are counted */

    memset(info, 0, sizeof *info);
    if (thumb) memcpy(info->thumb, thumb, SSLB_CERTHASH_LEN);
    snprintf(info->store, sizeof info->store, "%s", store);
    snprintf(info->file, sizeof info->file, "%s", file ? file : "");
    if (b && X509_NAME_print_ex(b, X509_get_subject_name(x), 0, XN_FLAG_RFC2253) >= 0 &&
        (n = BIO_get_mem_data(b, &data)) > 0)
        snprintf(info->subject, sizeof info->subject, "%.*s", (int)n, data);
    BIO_free(b);
    for (int i = 0; san && i < sk_GENERAL_NAME_num(san); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(san, i);
        if (g->type == GEN_DNS) { /* whole names, and room kept for ", and N more" */
            const ASN1_STRING *s = g->d.dNSName;
            char name[4 * SSLB_HOST_MAX + 8];
            size_t used = strlen(info->dnsnames);
            int whole = escape(ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s), name, sizeof name);
            /* once one does not fit, the later ones are counted (the list stays in order), but a
             * name too long for the list even alone is skipped: the later ones are still listed */
            size_t need = 2 + strlen(name) + sizeof ", and 4294967295 more";
            if (!whole || need > sizeof info->dnsnames) info->dnsnames_more++;
            else if (!full && used + need <= sizeof info->dnsnames)
                snprintf(info->dnsnames + used, sizeof info->dnsnames - used, "%s%s", used ? ", " : "", name);
            else {
                full = 1;
                info->dnsnames_more++;
            }
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
    if (info->dnsnames_more) {
        size_t used = strlen(info->dnsnames);
        snprintf(info->dnsnames + used, sizeof info->dnsnames - used, "%sand %u more", used ? ", " : "",
                 info->dnsnames_more);
    }
    time_text(X509_get0_notBefore(x), info->not_before, sizeof info->not_before);
    time_text(X509_get0_notAfter(x), info->not_after, sizeof info->not_after);
    match = key ? key_match(x, key) : 0;
    info->has_key = match == 1;
    ERR_clear_error();
    return match < 0 ? -1 : 0;
}

void sslb_cert_info(const sslb_cert *c, sslb_certinfo *info)
{
    (void)describe(c->x, c->key, c->thumb, c->store, c->file, info);
}

void sslb_cert_free(sslb_cert *c)
{
    if (!c) return;
    X509_free(c->x);
    EVP_PKEY_free(c->key);
    sk_X509_pop_free(c->others, X509_free);
    free(c);
}

X509 *sslb_cert_x509(const sslb_cert *c)
{
    return c->x;
}

int sslb_cert_dnsname(const sslb_cert *c, unsigned i, char *out, size_t n)
{
    GENERAL_NAMES *san = X509_get_ext_d2i(c->x, NID_subject_alt_name, NULL, NULL);
    int found = 0;

    for (int k = 0; san && k < sk_GENERAL_NAME_num(san) && !found; k++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(san, k);
        if (g->type != GEN_DNS || i--) continue;
        if (!escape(ASN1_STRING_get0_data(g->d.dNSName), (size_t)ASN1_STRING_length(g->d.dNSName), out, n) &&
            n >= 4) /* cut: marked with "...", which no DNS name holds (no empty label) */
            memcpy(out + (strlen(out) < n - 4 ? strlen(out) : n - 4), "...", 4);
        found = 1;
    }
    GENERAL_NAMES_free(san);
    ERR_clear_error();
    return found;
}

STACK_OF(X509) * sslb_cert_others(const sslb_cert *c)
{
    return c->others;
}

/* A certificate whose DNS name (or CN) holds a NUL byte: a program comparing C strings sees the
 * name before the NUL (the "null prefix" attack: www.bank.com\0.evil.example, signed for
 * evil.example). Browsers refuse such a certificate; so does the store. */
static sslb_rc check_no_nul(X509 *x, const char *what, sslb_diag *d)
{
    GENERAL_NAMES *san = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    X509_NAME *subj = X509_get_subject_name(x);
    char shown[4 * 64 + 8];
    sslb_rc rc = SSLB_OK;

    for (int i = 0; san && rc == SSLB_OK && i < sk_GENERAL_NAME_num(san); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(san, i);
        const ASN1_STRING *s = g->d.ia5;
        if (g->type != GEN_DNS || !memchr(ASN1_STRING_get0_data(s), 0, (size_t)ASN1_STRING_length(s))) continue;
        escape(ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s), shown, sizeof shown);
        rc = sslb_diagf(d, SSLB_EINVAL,
                        "%s: the DNS name '%.120s' holds a NUL byte: a client would read it as the name before the "
                        "NUL; browsers refuse such a certificate",
                        what, shown);
    }
    GENERAL_NAMES_free(san);
    for (int i = -1; rc == SSLB_OK && (i = X509_NAME_get_index_by_NID(subj, NID_commonName, i)) >= 0;) {
        unsigned char *utf8 = NULL;
        int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subj, i)));
        if (n > 0 && memchr(utf8, 0, (size_t)n)) {
            escape(utf8, (size_t)n, shown, sizeof shown);
            rc = sslb_diagf(d, SSLB_EINVAL,
                            "%s: the subject CN '%.120s' holds a NUL byte; browsers refuse such a "
                            "certificate",
                            what, shown);
        }
        OPENSSL_free(utf8);
        ERR_clear_error();
    }
    return rc;
}

/* ---- writers: the lock, the sweep, the undo journal ----------------------------------------- */

/* Renames a replaced file's backup back over it. A backup still linked to the file itself (the
 * writer stopped before it renamed the new content in) is one file under two names, which rename
 * leaves both: the backup name is removed. 0, or -1 with errno. */
static int put_back(const char *prev, const char *path)
{
    if (rename(prev, path) != 0) return -1;
    unlink(prev);
    return 0;
}

/* 1 when nothing is at path (lstat: ENOENT): a removal that failed for another reason (unlink
 * in a read-only or foreign directory says EROFS or EACCES for a name that is not there) has
 * nothing to do. errno is kept. */
static int gone(const char *path)
{
    struct stat st;
    int e = errno, none = lstat(path, &st) != 0 && errno == ENOENT;

    errno = e;
    return none;
}

/* fsyncs the directory that holds path. */
static void fsync_parent(const char *path)
{
    char dir[PATH_MAX + 300];
    const char *slash = strrchr(path, '/');

    if (!slash || (size_t)(slash - path) >= sizeof dir) return;
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    sslb__fsync_dir(dir);
}

/* Removes a store directory a change made, when it holds nothing but its name (".name" and that
 * file's temporary files): a failed or killed import into a new store leaves no store behind. */
static void remove_new_store(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    int other = 0;

    if (!dp) return;
    while (!other && (e = readdir(dp)))
        other = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 && strcmp(e->d_name, ".name") != 0 &&
                strncmp(e->d_name, ".name.tmp.", 10) != 0;
    if (!other) {
        rewinddir(dp);
        while ((e = readdir(dp)))
            if (strcmp(e->d_name, ".name") == 0 || strncmp(e->d_name, ".name.tmp.", 10) == 0)
                unlinkat(dirfd(dp), e->d_name, 0);
    }
    closedir(dp);
    if (!other && rmdir(dir) == 0) fsync_parent(dir);
}

/* Where a change keeps path's former content while it replaces it (see put_file): "<path>.prev",
 * or, for a name too long to take ".prev" within NAME_MAX (a central store file of a 247 to
 * 251-byte host name), its first bytes, "~", a hash of the whole and ".prev", the cut
 * sslb__temp_prefix makes (".prev" for its ".tmp."). The mark still says "<file>.prev"; every
 * writer, reader and rollback finds the backup through this. */
static void backup_path(const char *path, char *out, size_t n)
{
    const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
    char prefix[NAME_MAX + 8];

    if (strlen(name) + 5 <= NAME_MAX) {
        snprintf(out, n, "%s.prev", path);
        return;
    }
    sslb__temp_prefix(path, prefix, sizeof prefix); /* "<first bytes>~1a2b3c4d.tmp." */
    snprintf(out, n, "%.*s%.*s.prev", (int)(name - path), path, (int)(strlen(prefix) - 5), prefix);
}

/* DIR/certs/.writing exists while a create, import or delete may leave a half-done change on disk:
 * made (durably) before the first file, gone after the last is renamed or rolled back. It lists,
 * one a line, each step of the change, written (durably) before the step is made:
 *   "<store>/<file>"       a file the change creates: every reader hides it;
 *   "<store>/<file>.prev"  a file the change replaces, its former content kept (a hard link) as
 *                          <file>.prev: every reader reads that instead (read_committed);
 *   "<store>/"             a store directory the change makes (with its .name);
 *   "~<store>/<file>"      a file the change is about to keep a backup of (before it replaces
 *                          the file) or to delete: readers pass it by; the next writer removes
 *                          the backup (a writer killed between the backup and its ".prev" line
 *                          leaves one no other line names) and, for a certificate "<th>.crt" no
 *                          longer there (a delete killed before it removed the key), its key.
 * So the files of a change (an import's leaf, its key, its CA certificates, the .pfx files it
 * replaces) appear together when the mark goes (renamed to .touching when the change wrote
 * files, else removed): its commit; the backups are then removed.
 * A path is listed once: a file the change writes twice (rewritten) keeps its first step, its
 * backup the content from before the change. A rollback walks the lines newest first.
 * A writer that finds the mark under the lock knows that one died mid-change: it removes the
 * files created, renames the backups back (if one cannot be, the mark stays, and so do the
 * backups: no change is made until it can), removes the temporary files of each file and store
 * the mark names (pending_leftovers) and the new store directories that hold nothing but their name;
 * 10 000 imports in a row would otherwise list 10 000 files each. Nothing the mark does not name
 * is removed: a store's directory may hold the user's own files (the central store's is the
 * user's folder of .pfx files), whatever their names. */
static void writing_path(const sslb_certstore *cs, char *path, size_t size)
{
    snprintf(path, size, "%s/.writing", cs->root);
}

/* The files a change under way (or a dead writer's) creates: the mark's lines. */
struct pending {
    char *buf; /* NULL: no change under way */
    size_t len;
};

/* Reads the mark (NULL buf: none): a reader's, through struct snap. 0, or the errno of a read
 * that failed for another reason than "no mark" (unreadable): then no one can tell whether a
 * change is under way, and the reader fails. */
static int pending_read(const sslb_certstore *cs, struct pending *p)
{
    char marker[PATH_MAX + 16];
    writing_path(cs, marker, sizeof marker);
    p->buf = read_regular(marker, MAX_IMPORT_BYTES, 1, &p->len, NULL);
    if (p->buf) return 0;
    p->len = 0;
    return unreadable(errno) ? errno : 0;
}

static void pending_free(struct pending *p)
{
    free(p->buf);
    p->buf = NULL;
    p->len = 0;
}

/* 1 when the mark p lists "<rel><suffix>" (rel: DIR/certs/<store>/<file> relative to DIR/certs). */
static int pending_lists(const struct pending *p, const char *rel, const char *suffix)
{
    size_t n = strlen(rel), sl = strlen(suffix);
    const char *line, *end;

    for (line = p->buf; line && line < p->buf + p->len; line = end + 1) {
        if (!(end = memchr(line, '\n', (size_t)(p->buf + p->len - line)))) end = p->buf + p->len;
        if ((size_t)(end - line) == n + sl && memcmp(line, rel, n) == 0 && memcmp(line + n, suffix, sl) == 0) return 1;
    }
    return 0;
}

/* path relative to DIR/certs, or NULL when it is not below it. */
static const char *store_rel(const sslb_certstore *cs, const char *path)
{
    size_t r = strlen(cs->root);
    return strncmp(path, cs->root, r) == 0 && path[r] == '/' ? path + r + 1 : NULL;
}

/* 1 when the mark lists path (DIR/certs/<store>/<file>) as created, so that no reader may see it yet. */
static int pending_hides(const sslb_certstore *cs, const struct pending *p, const char *path)
{
    const char *rel = store_rel(cs, path);
    return p->buf && rel && pending_lists(p, rel, "");
}

/* DIR/certs/.generation: a counter that every writer of the stores bumps under the lock, to an
 * odd value before the first step of a change (before its mark is made) and to an even one after
 * its commit or rollback (the mark gone); the next writer's rollback of a dead one's change does
 * the same around it. Replaced by rename, never fsynced (only live readers compare it); absent
 * (no writer since the stores were made) it reads 0. See struct snap. */
#define GEN_FILE ".generation"

/* The generation; 0 when there is none. A reader's read that failed (unreadable) sets *err (NULL:
 * a writer's, under the lock, which takes it for 0). */
static unsigned long long gen_read(const sslb_certstore *cs, int *err)
{
    char path[PATH_MAX + 16], *buf;
    size_t len = 0;
    unsigned long long g = 0;

    snprintf(path, sizeof path, "%s/" GEN_FILE, cs->root);
    if (!(buf = read_regular(path, 64, 1, &len, NULL))) {
        if (err && unreadable(errno)) *err = errno;
        return 0;
    }
    for (size_t i = 0; i < len && buf[i] >= '0' && buf[i] <= '9'; i++) g = g * 10 + (unsigned)(buf[i] - '0');
    free(buf);
    return g;
}

/* Under the lock: the generation set to g, replaced by rename. 0, or -1 with errno. */
static int gen_write(const sslb_certstore *cs, unsigned long long g)
{
    char path[PATH_MAX + 16], tmp[PATH_MAX + 32], text[32];
    int fd, n, ok, e;

    snprintf(path, sizeof path, "%s/" GEN_FILE, cs->root);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    n = snprintf(text, sizeof text, "%llu\n", g);
    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600)) < 0) return -1;
    ok = sslb__owner_rw(fd) == 0 && write_all(fd, text, (size_t)n) == 0;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) == 0) return 0;
    e = errno;
    unlink(tmp);
    errno = e;
    return -1;
}

/* Under the lock: the generation to the next odd value (enter: a change begins) or the next
 * even one (leave: it ended). 0, or -1 with errno. */
static int gen_bump(const sslb_certstore *cs, int enter)
{
    unsigned long long g = gen_read(cs, NULL);
    return gen_write(cs, g + (enter ? ((g & 1) ? 2 : 1) : ((g & 1) ? 1 : 2)));
}

/* A reader's view of the stores, taken without the lock (a seqlock): the generation, then the
 * mark, read before the files (snap_begin); the files, read through read_committed and checked
 * against pending_hides of that one mark; then the mark and the generation again (snap_again).
 * What was read is one state of the stores when the generation is the same, the mark is the same
 * (a change under way only appends to it, each line before its step), every backup the mark
 * listed was still there, and, when the generation is odd (a change under way), the mark was
 * there: a change that committed or was rolled back meanwhile (its mark gone, this writer's or
 * the next one's rollback) bumped the generation, or left an odd one without its mark. Else the
 * reader drops what it read and reads again, after a short pause; after SNAP_TRIES such reads it
 * takes the stores' shared lock (which writers take exclusively: no change can run meanwhile)
 * and reads once more. Without a lock file (none, or not a regular file), no writer should hold
 * the lock (a writer makes the file, and refuses to work through anything but a regular one): a
 * backup the mark lists is then read as under the lock (missing: the file itself), and an odd
 * generation without a mark is a killed writer's, but the mark and the generation are still
 * compared after each read (a lock file removed under a live writer must not let its change
 * show). When a writer held it past the lock wait, it goes on reading lock-free, at most
 * SNAP_MAX_TRIES times, then keeps the last read: a reader never fails for want of the lock, nor
 * waits for ever. */
struct snap {
    const sslb_certstore *cs;
    unsigned long long gen;
    struct pending p; /* the mark, as read before the files */
    int torn;         /* a backup the mark lists was gone: the change ended meanwhile */
    int tries;
    int lockfd;  /* the shared lock (-1: none) */
    int settled; /* under the lock, or with no lock file for a writer to hold: a backup the mark
                  * lists and no one made is the file itself, an odd generation without a mark a
                  * killed writer's (without the lock, the mark and the generation are still
                  * compared after the read) */
    int err;     /* the first read that failed (unreadable: the generation, the mark, a file, a
                  * store's directory): its errno, and errpath; then the view ends (snap_again
                  * says 0) and the reader fails (snap_failure) */
    char errpath[PATH_MAX + 16];
};

#define SNAP_TRIES 8
#define SNAP_MAX_TRIES 400

/* Notes a read of path that failed with e, when e means the stores cannot be read (the first
 * one only). */
static void snap_fail(struct snap *s, const char *path, int e)
{
    if (s->err || !unreadable(e)) return;
    s->err = e;
    if ((size_t)snprintf(s->errpath, sizeof s->errpath, "%s", path) >= sizeof s->errpath)
        memcpy(s->errpath + sizeof s->errpath - 4, "...", 4); /* a path cut short says so */
}

static void snap_read(struct snap *s)
{
    char path[PATH_MAX + 16];
    int e = 0;

    s->torn = 0;
    s->gen = gen_read(s->cs, &e);
    snprintf(path, sizeof path, "%s/" GEN_FILE, s->cs->root);
    snap_fail(s, path, e);
    writing_path(s->cs, path, sizeof path);
    snap_fail(s, path, pending_read(s->cs, &s->p));
}

/* The failure the view met (snap_fail), said in d: SSLB_OK when none. errno is its errno. */
static sslb_rc snap_failure(const struct snap *s, sslb_diag *d)
{
    return s->err ? read_failure(d, s->errpath, s->err) : SSLB_OK;
}

static void snap_begin(const sslb_certstore *cs, struct snap *s)
{
    s->cs = cs;
    s->tries = 0;
    s->lockfd = -1;
    s->settled = 0;
    s->err = 0;
    s->errpath[0] = '\0';
    snap_read(s);
}

/* After the files: 0 when what was read stands, else 1 (the view begun again: read again). */
static int snap_again(struct snap *s)
{
    struct pending now;
    char path[PATH_MAX + 16];
    int same = 0, e;

    if (s->lockfd >= 0 || s->err) return 0; /* read under the shared lock: no change ran; or failed */
    if ((e = pending_read(s->cs, &now)) == 0) {
        same = !s->torn && now.len == s->p.len && !now.buf == !s->p.buf &&
               (!now.buf || memcmp(now.buf, s->p.buf, now.len) == 0) && gen_read(s->cs, &e) == s->gen &&
               (!(s->gen & 1) || now.buf || s->settled); /* settled here: no lock file, no writer */
        pending_free(&now);
        if (e) snprintf(path, sizeof path, "%s/" GEN_FILE, s->cs->root);
    } else {
        writing_path(s->cs, path, sizeof path);
    }
    if (e) {
        snap_fail(s, path, e);
        return 0;
    }
    if (same || ++s->tries >= SNAP_MAX_TRIES) return 0;
    if (s->tries == SNAP_TRIES) {
        struct stat st;
        s->lockfd = sslb__lock_shared(s->cs->lockpath);
        s->settled = s->lockfd >= 0 || lstat(s->cs->lockpath, &st) != 0 || !S_ISREG(st.st_mode);
    }
    if (s->lockfd < 0) {
        struct timespec pause = {0, (s->tries < 10 ? s->tries : 10) * 1000000L};
        nanosleep(&pause, NULL);
    }
    pending_free(&s->p);
    snap_read(s);
    return 1;
}

static void snap_end(struct snap *s)
{
    pending_free(&s->p);
    if (s->lockfd >= 0) close(s->lockfd);
    s->lockfd = -1;
    s->settled = 0;
}

/* read_regular (nofollow) of a store file in the view s, a failure that means the stores cannot
 * be read noted in s (snap_fail). errno as read_regular's. */
static char *read_noted(struct snap *s, const char *path, size_t max, size_t *len)
{
    char *buf = read_regular(path, max, 1, len, NULL);
    int e = errno;

    if (!buf) {
        snap_fail(s, path, e);
        errno = e;
    }
    return buf;
}

/* A store file as committed, in the view s: DIR/certs/<store>/<file>, or, while the mark lists
 * "<store>/<file>.prev" (a change under way replaced it and keeps its former content there, see
 * writing_path), that former content; a backup gone means that the change ended meanwhile: the
 * view is torn (snap_again reads again), or, read under the shared lock (no change running), that
 * a rollback was killed after it put the file back: the file. As read_regular (nofollow), with
 * errno. */
static char *read_committed(struct snap *s, const char *path, size_t max, size_t *len)
{
    const char *rel = store_rel(s->cs, path);
    char prev[PATH_MAX + 16], *buf;

    if (!s->p.buf || !rel || !pending_lists(&s->p, rel, ".prev") || strlen(path) + 6 > sizeof prev)
        return read_noted(s, path, max, len);
    backup_path(path, prev, sizeof prev);
    buf = read_regular(prev, max, 1, len, NULL);
    if (buf || errno != ENOENT) {
        if (!buf) snap_fail(s, prev, errno);
        return buf;
    }
    if (!s->settled) {
        s->torn = 1;
        return NULL;
    }
    /* under the lock (or with no lock file), no change runs: a rollback killed after it put the
     * backup back */
    return read_noted(s, path, max, len);
}

/* A line of the mark a sweep may remove: "<store>/<file>", one level below DIR/certs, a
 * certificate, key or .pfx file name (never "..", never a path elsewhere). */
static int pending_line_ok(const char *line, size_t n)
{
    const char *slash = memchr(line, '/', n), *file;
    size_t fl;

    if (!slash || slash == line || line[0] == '.' || n >= PATH_MAX - 1) return 0;
    file = slash + 1;
    fl = (size_t)(line + n - file);
    if (fl < 5 || file[0] == '.' || memchr(file, '/', fl) || memchr(line, '\0', n)) return 0;
    return memcmp(file + fl - 4, ".crt", 4) == 0 || memcmp(file + fl - 4, ".key", 4) == 0 ||
           memcmp(file + fl - 4, ".pfx", 4) == 0;
}

/* For a "~<store>/<th>.crt" line of a dead writer's mark (path: that certificate): when the
 * certificate is gone, the delete that named it removed it and was killed before its key, which
 * is removed now (no listing shows a key without its certificate, no delete reaches it). */
static void delete_key_left(const char *path)
{
    char key[PATH_MAX + 16];
    size_t n = strlen(path);

    if (n < 4 || strcmp(path + n - 4, ".crt") != 0 || n >= sizeof key || !gone(path)) return;
    memcpy(key, path, n - 4);
    memcpy(key + n - 4, ".key", 5);
    if (unlink(key) == 0) fsync_parent(key);
}

/* 1 when name is prefix followed by what write_temp appends to it: a pid, ".", 8 hex digits. */
static int temp_of(const char *name, const char *prefix)
{
    size_t p = strlen(prefix), digits = 0;

    if (strncmp(name, prefix, p) != 0) return 0;
    for (name += p; *name >= '0' && *name <= '9'; name++) digits++;
    if (digits == 0 || *name++ != '.') return 0;
    for (int i = 0; i < 8; i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f'))) return 0;
    return name[8] == '\0';
}

/* Removes from path's directory the temporary files write_temp makes for path and, when backup
 * is set, for its backup (keep_backup's copy where hard links are refused): "<prefix><pid>.<8
 * hex>", sslb__temp_prefix's prefix. 1 when it removed one. */
static int sweep_temps_of(const char *path, int backup)
{
    char dir[PATH_MAX + 16], mine[NAME_MAX + 8], prev[PATH_MAX + 32], theirs[NAME_MAX + 8];
    const char *slash = strrchr(path, '/');
    struct dirent *e;
    DIR *dp;
    int removed = 0;

    if (!slash || (size_t)(slash - path) >= sizeof dir) return 0;
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    sslb__temp_prefix(path, mine, sizeof mine);
    backup_path(path, prev, sizeof prev);
    sslb__temp_prefix(prev, theirs, sizeof theirs);
    if (!(dp = opendir(dir))) return 0;
    while ((e = readdir(dp)))
        if ((temp_of(e->d_name, mine) || (backup && temp_of(e->d_name, theirs))) &&
            unlinkat(dirfd(dp), e->d_name, 0) == 0)
            removed = 1;
    closedir(dp);
    if (removed) sslb__fsync_dir(dir);
    return removed;
}

/* 1 when the mark's line l (n bytes, no newline) is "<store>/", a store name (copied to store):
 * a store directory the change makes. */
static int store_line(const char *l, size_t n, char store[SSLB_STORE_NAME_MAX + 1])
{
    if (n < 2 || n - 1 > SSLB_STORE_NAME_MAX || l[n - 1] != '/' || memchr(l, '/', n - 1) || memchr(l, '\0', n))
        return 0;
    snprintf(store, SSLB_STORE_NAME_MAX + 1, "%.*s", (int)(n - 1), l);
    return sslb_store_name_check(store, NULL) == SSLB_OK;
}

/* DIR/certs/.touching: a committed change's list (the mark renamed), kept until the writer has
 * touched each file it lists; a writer killed before that leaves it, and the next writer does
 * the touches (so that sslbind-tls reads again a file it read while it was hidden). */
static void touching_path(const sslb_certstore *cs, char *path, size_t size)
{
    snprintf(path, size, "%s/.touching", cs->root);
}

/* Under the lock, a dead writer's list (file, as pending_read reads it), newest line first (as
 * undo_rollback does): each valid line's file removed (a change not committed: rolled back) or
 * touched (committed: the touches it owed); a file it replaced ("<store>/<file>.prev") has its
 * backup renamed back (rolled back) or removed (committed); one it was about to back up or delete
 * ("~<store>/<file>") has its backup removed (the ".prev" line, when there is one, newer, put it
 * back first) and, rolled back, a certificate gone its key (delete_key_left). Store directories
 * ("<store>/") are left to pending_leftovers. A file that is not there (gone) needs no removal,
 * and a backup not there no renaming back, whatever unlink or rename says (EROFS, EACCES in a directory that cannot be
 * written: the writer died, or failed, before it made the file). 0, or -1 with errno when a
 * rollback step failed (a backup not renamed back, a created file not removed): the caller keeps
 * the mark, so that the next writer tries again. */
static int pending_finish(sslb_certstore *cs, const char *file, int remove)
{
    struct pending p;
    char path[PATH_MAX + 16], prev[PATH_MAX + 32];
    const char *end, **lines = NULL;
    size_t nl = 0;
    int failed = 0, e = 0;

    p.buf = read_regular(file, MAX_IMPORT_BYTES, 1, &p.len, NULL);
    if (!p.buf) return 0; /* gone, or not a list: nothing to put back */
    for (const char *line = p.buf; line < p.buf + p.len; line = end + 1) { /* the lines' starts */
        if (!(end = memchr(line, '\n', (size_t)(p.buf + p.len - line)))) end = p.buf + p.len;
        if (nl % 64 == 0) {
            const char **nv = realloc(lines, (nl + 64) * sizeof *lines);
            if (!nv) {
                free(lines);
                free(p.buf);
                errno = ENOMEM;
                return -1;
            }
            lines = nv;
        }
        lines[nl++] = line;
    }
    for (size_t i = nl; i-- > 0;) {
        const char *line = lines[i];
        if (!(end = memchr(line, '\n', (size_t)(p.buf + p.len - line)))) end = p.buf + p.len;
        size_t n = (size_t)(end - line);
        int kept = n > 0 && line[0] == '~', replaced = !kept && n > 5 && memcmp(end - 5, ".prev", 5) == 0;
        if (kept) line++, n--;
        if (replaced) n -= 5;
        if (!pending_line_ok(line, n) ||
            (size_t)snprintf(path, sizeof path, "%s/%.*s", cs->root, (int)n, line) >= sizeof path)
            continue;
        backup_path(path, prev, sizeof prev);
        if (kept) { /* a backup no ".prev" line may name (put back already if one did), a delete's key */
            if (unlink(prev) == 0) fsync_parent(prev);
            if (remove && !failed) delete_key_left(path);
        } else if (replaced && remove) {
            if (put_back(prev, path) == 0) fsync_parent(path);
            else if (!gone(prev)) { /* gone: put back already (a rollback killed after it) */ e = errno;
                failed = 1;
            }
        } else if (!remove) {
            if (replaced && unlink(prev) == 0) fsync_parent(prev);
            utimensat(AT_FDCWD, path, NULL, AT_SYMLINK_NOFOLLOW);
        } else if (unlink(path) == 0) {
            fsync_parent(path);
        } else if (!gone(path)) { /* gone: never made, or removed already */
            e = errno;
            failed = 1;
        }
    }
    free(lines);
    free(p.buf);
    errno = e;
    return failed ? -1 : 0;
}

/* Under the lock, after pending_finish, what a dead writer's change (its mark, file) may have left
 * beyond the files it names, and only that. With dirs 0, the temporary files: each file the mark
 * names (created, replaced, "~") is written through a temporary beside it after its line (its
 * backup's copy too), and a new store's ".name" after the store's line; a file of the user's that
 * has such a name and was in a store before the change (a .pfx of their own) is never the
 * change's. With dirs 1 (after that sweep), the store directories an uncommitted change made
 * ("<store>/" lines), removed when they hold nothing but their name. */
static void pending_leftovers(sslb_certstore *cs, const char *file, int dirs)
{
    struct pending p;
    char path[PATH_MAX + 16], store[SSLB_STORE_NAME_MAX + 1];
    const char *line, *end;

    p.buf = read_regular(file, MAX_IMPORT_BYTES, 1, &p.len, NULL);
    for (line = p.buf; line && line < p.buf + p.len; line = end + 1) {
        if (!(end = memchr(line, '\n', (size_t)(p.buf + p.len - line)))) end = p.buf + p.len;
        const char *l = line[0] == '~' ? line + 1 : line;
        size_t n = (size_t)(end - l);
        if (n > 5 && l == line && memcmp(end - 5, ".prev", 5) == 0) n -= 5;
        if (l == line && store_line(l, n, store)) {
            snprintf(path, sizeof path, "%s/%s%s", cs->root, store, dirs ? "" : "/.name");
            if (dirs) remove_new_store(path);
            else sweep_temps_of(path, 0);
        } else if (!dirs && pending_line_ok(l, n) &&
                   (size_t)snprintf(path, sizeof path, "%s/%.*s", cs->root, (int)n, l) < sizeof path) {
            sweep_temps_of(path, 1);
        }
    }
    free(p.buf);
}

/* Takes the stores' lock (DIR/certs/.lock, never through a symbolic link) and, when a writer died
 * mid-write, rolls its change back (the generation odd meanwhile, see struct snap) and sweeps its
 * temporary files. A rollback that cannot be finished (a backup that cannot be renamed back)
 * keeps the mark, its backups and the lock-free readers' view of them, and fails: no change can
 * be made before it is (the next writer tries again). */
static sslb_rc lock_stores(sslb_certstore *cs, int *fd, sslb_diag *d)
{
    char marker[PATH_MAX + 16];
    sslb_rc rc;
    if ((rc = sslb__lock(cs->lockpath, "the certificate stores", SSLB_EACCESS, fd, d)) != SSLB_OK) return rc;
    touching_path(cs, marker, sizeof marker);
    if (faccessat(AT_FDCWD, marker, F_OK, AT_SYMLINK_NOFOLLOW) == 0) { /* a commit's touches owed */
        pending_finish(cs, marker, 0);
        unlink(marker);
    }
    writing_path(cs, marker, sizeof marker);
    if (faccessat(AT_FDCWD, marker, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
        (void)gen_bump(cs, 1);
        if (pending_finish(cs, marker, 1) != 0) {
            int e = errno;
            close(*fd);
            *fd = -1;
            return sslb_diagf(d, write_rc(e),
                              "cannot roll back the change a killed writer left (listed in %s): %s; nothing "
                              "written, the next command tries again",
                              marker, strerror(e));
        }
        pending_leftovers(cs, marker, 0);
        pending_leftovers(cs, marker, 1);
        unlink(marker);
        sslb__fsync_dir(cs->root);
        (void)gen_bump(cs, 0);
    } else if (gen_read(cs, NULL) & 1) { /* a writer killed before its mark was made, or after its commit */
        (void)gen_bump(cs, 0);
    }
    return SSLB_OK;
}

/* The generation as a change found it (see struct snap), for a change that gives up before its
 * first step: put back, a reader that saw it odd meanwhile reads again, and one that did not
 * read the files as they were and are. */
struct gen_was {
    unsigned long long g;
    int had; /* 0: there was no DIR/certs/.generation */
};

/* Under the lock: the generation as w says it was (removed when there was none). */
static void gen_put_back(const sslb_certstore *cs, const struct gen_was *w)
{
    char gen[PATH_MAX + 16];

    snprintf(gen, sizeof gen, "%s/" GEN_FILE, cs->root);
    if (w->had) (void)gen_write(cs, w->g);
    else unlink(gen);
}

/* Under the lock, a change that made its mark and no step (no file created, replaced or removed,
 * no store made: no reader can have seen any): the mark removed and the generation put back,
 * nothing changed. When the generation cannot be put back it stays odd without a mark, for
 * unlock_stores to make even. */
static void give_up(sslb_certstore *cs, const struct gen_was *w)
{
    char marker[PATH_MAX + 16];

    writing_path(cs, marker, sizeof marker);
    if (unlink(marker) == 0) sslb__fsync_dir(cs->root);
    gen_put_back(cs, w);
}

/* Under the lock, before the first temporary file: the mark that says "a write is under way",
 * empty; *markfd (when not NULL) is open on it to append the files the change creates; *was the
 * generation before, for give_up. On failure nothing is changed: the mark, if made, removed, and
 * the generation as it was, or, when it cannot be put back, left odd without a mark for
 * unlock_stores to make even. */
static sslb_rc begin_writing(sslb_certstore *cs, int *markfd, struct gen_was *was, sslb_diag *d)
{
    char marker[PATH_MAX + 16], gen[PATH_MAX + 16];
    int fd, e;

    writing_path(cs, marker, sizeof marker);
    snprintf(gen, sizeof gen, "%s/" GEN_FILE, cs->root);
    was->g = gen_read(cs, NULL);
    was->had = faccessat(AT_FDCWD, gen, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
    if (gen_bump(cs, 1) != 0) /* before the first step: see struct snap */
        return write_failure(d, "write", gen, errno);
    fd = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0 && sslb__owner_rw(fd) != 0) { /* a mark its owner cannot read: the next writer stuck */
        e = errno;
        close(fd);
        unlink(marker);
        fd = -1;
        errno = e;
    }
    if (fd >= 0 && markfd) {
        if (sslb__fsync_dir(cs->root) == 0) {
            *markfd = fd;
            return SSLB_OK;
        }
        e = errno;
        close(fd);
        errno = e;
    } else if (fd >= 0 && close(fd) == 0 && sslb__fsync_dir(cs->root) == 0) {
        return SSLB_OK;
    }
    e = errno;
    if (fd >= 0) unlink(marker); /* empty: no step announced, none made */
    gen_put_back(cs, was);
    return write_failure(d, "write", marker, e);
}

/* Releases the lock; a writer's temporary files are all gone by now, and so goes the mark (when
 * writing: a delete's commit), the generation then even. */
static void unlock_stores(sslb_certstore *cs, int fd, int writing)
{
    char marker[PATH_MAX + 16];
    if (writing) {
        writing_path(cs, marker, sizeof marker);
        if (unlink(marker) == 0) sslb__fsync_dir(cs->root);
        if (gen_read(cs, NULL) & 1) (void)gen_bump(cs, 0);
    }
    close(fd);
}

/* What a failed create or import must put back, in the order it was done (undone newest first),
 * as the mark lists it for the next writer when this one is killed: each file it created
 * (removed), each file it replaced (its former content, kept as "<file>.prev", renamed back) and
 * each store directory it made (removed). */
enum { UNDO_CREATED = 1, UNDO_REPLACED, UNDO_DIR };
struct undo {
    struct undo_entry {
        char path[PATH_MAX + 300]; /* the file, or the store's directory (UNDO_DIR) */
        int kind;
    } * e;
    size_t n, cap;
    int markfd;         /* the mark, open to append (-1: none) */
    struct gen_was was; /* the generation before the change (begin_writing) */
    int made;           /* a step was made (a file written, a store made): a reader may have seen it */
};

#define UNDO_INIT                                                                                                      \
    {                                                                                                                  \
        .markfd = -1                                                                                                   \
    }

/* Notes a step about to be made. -1 if out of memory. */
static int undo_push(struct undo *u, const char *path, int kind)
{
    if (u->n == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 4;
        struct undo_entry *ne = realloc(u->e, cap * sizeof *ne);
        if (!ne) return -1;
        u->e = ne;
        u->cap = cap;
    }
    snprintf(u->e[u->n].path, sizeof u->e[u->n].path, "%s", path);
    u->e[u->n].kind = kind;
    u->n++;
    return 0;
}

static void undo_free(struct undo *u)
{
    free(u->e);
    u->e = NULL;
    u->n = u->cap = 0;
}

/* Appends "<prefix><store>/<file><suffix>" (path relative to DIR/certs) to the mark, durably:
 * before the step it announces. 0, or -1 with errno. */
static int mark_write(const sslb_certstore *cs, int markfd, const char *prefix, const char *path, const char *suffix)
{
    char line[PATH_MAX + 16];
    int n = snprintf(line, sizeof line, "%s%s%s\n", prefix, path + strlen(cs->root) + 1, suffix);

    if (n < 0 || (size_t)n >= sizeof line) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return write_all(markfd, line, (size_t)n) == 0 && fdatasync(markfd) == 0 ? 0 : -1;
}

static int mark_line(const sslb_certstore *cs, const struct undo *u, const char *path, const char *suffix)
{
    return mark_write(cs, u->markfd, "", path, suffix);
}

/* Puts every step back, newest first, then forgets. A created file that is not there (gone) is
 * done, whatever unlink says: the write that failed may have failed for the reason the unlink
 * does (a directory that cannot be written: EROFS, EACCES). 0, or -1 when a step could not be
 * put back (a backup not renamed back, a created file not removed): the mark must stay. */
static int undo_rollback(struct undo *u)
{
    char prev[PATH_MAX + 310];
    int failed = 0;

    for (size_t i = u->n; i-- > 0;) {
        struct undo_entry *e = &u->e[i];
        if (e->kind == UNDO_REPLACED) {
            backup_path(e->path, prev, sizeof prev);
            if (put_back(prev, e->path) == 0) fsync_parent(e->path);
            else failed = 1;
        } else if (e->kind == UNDO_CREATED) {
            /* gone: never made (its write failed) */
            if (unlink(e->path) == 0) fsync_parent(e->path);
            else if (!gone(e->path)) failed = 1;
        } else if (!failed) { /* a store whose files stay is not removed */
            remove_new_store(e->path);
        }
    }
    undo_free(u);
    return failed ? -1 : 0;
}

/* The end of a create or import, under the lock: on failure every step put back (the files it
 * created are hidden and the ones it replaced read from their backups until then); then the mark
 * goes, durably: on success that is the commit, every file of the change visible at once. The
 * backups of the files it replaced are then removed, and the files it wrote touched (their
 * mtime), so that a watcher (sslbind-tls, inotify) that read one while it was hidden (or its
 * backup) reads it again. The generation goes even once the mark is gone (struct snap), or, when
 * the change made no step (no file written, no store made: a store it cannot write, or every
 * file already holding the bytes it would write, put_file), back to what it was (give_up):
 * nothing changed, and no reader (sslbind-tls) reloads the stores for nothing. 1 when a failed change could not be put
 * back whole: the mark stays (and the generation odd), so that readers still read the backups and the next writer tries
 * again; the caller must not remove it. */
static int end_writing(sslb_certstore *cs, struct undo *u, int ok)
{
    char marker[PATH_MAX + 16], touching[PATH_MAX + 16], prev[PATH_MAX + 310];
    int changed = 0, kept_mark = !ok && undo_rollback(u) != 0;

    if (u->markfd >= 0) {
        close(u->markfd);
        u->markfd = -1;
    }
    if (kept_mark) return 1; /* the next writer tries again; readers still read the backups */
    for (size_t i = 0; i < u->n; i++) changed |= u->e[i].kind != UNDO_DIR;
    writing_path(cs, marker, sizeof marker);
    touching_path(cs, touching, sizeof touching);
    if (!u->made) {
        give_up(cs, &u->was); /* nothing written, nothing put back: as if it had not begun */
    } else if (!changed) {
        if (unlink(marker) == 0) sslb__fsync_dir(cs->root);
        (void)gen_bump(cs, 0);
    } else {
        /* the commit; the list kept for the touches (if .touching cannot be made, a directory
         * planted there, the mark is removed: committed all the same, the touches not owed) */
        int kept = rename(marker, touching) == 0;
        if (kept || unlink(marker) == 0) sslb__fsync_dir(cs->root);
        (void)gen_bump(cs, 0);
        for (size_t i = 0; i < u->n; i++)
            if (u->e[i].kind == UNDO_REPLACED) { /* a backup holds a private key: gone durably */
                backup_path(u->e[i].path, prev, sizeof prev);
                if (unlink(prev) == 0) fsync_parent(prev);
            }
        for (size_t i = 0; i < u->n; i++)
            if (u->e[i].kind != UNDO_DIR) utimensat(AT_FDCWD, u->e[i].path, NULL, AT_SYMLINK_NOFOLLOW);
        if (kept) unlink(touching);
    }
    undo_free(u);
    return 0;
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
    if (!name[0] && X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, name, (int)sizeof name) < 0)
        name[0] = '\0';
    if (name[0] == '*' && name[1] == '.') name[0] = '_';
    if (sslb_host_parse(name, strlen(name), host, &sub) != SSLB_OK)
        return sslb_diagf(d, SSLB_EINVAL, "the certificate's name '%.80s' cannot name a central store file: %s", name,
                          sub.text);
    snprintf(out, n, "%s", host);
    return SSLB_OK;
}

/* DIR/certs/<store lower-cased>. With u (a change under way), made (0700) if missing, else
 * checked as the state directory is: a store another user can write is refused before a key is
 * written to it. A store the change makes is listed in the mark ("<store>/") before it is made,
 * and removed when the change fails or dies. A new store keeps the spelling it was first given in
 * DIR/certs/<store>/.name ("WebHosting"), which a listing shows; names still compare
 * case-insensitively (one directory for MY, My and my). */
static sslb_rc store_dir(sslb_certstore *cs, const char *store, char *dir, size_t n, struct undo *u, sslb_diag *d)
{
    char lower[SSLB_STORE_NAME_MAX + 1], name[PATH_MAX + 8];
    struct stat st;
    sslb_rc rc;

    if ((rc = sslb_store_name_check(store, d)) != SSLB_OK) return rc;
    lower_copy(lower, store, sizeof lower);
    snprintf(dir, n, "%s/%s", cs->root, lower);
    if (!u) return SSLB_OK;
    if (lstat(dir, &st) == 0 || errno != ENOENT) return sslb_state_dir_check(dir, d);
    if (undo_push(u, dir, UNDO_DIR) != 0) return sslb_diagf(d, SSLB_ENOMEM, "out of memory");
    if (u->markfd >= 0 && mark_line(cs, u, dir, "/") != 0) {
        int e = errno;
        u->n--;
        writing_path(cs, name, sizeof name);
        return write_failure(d, "write", name, e);
    }
    if (sslb__mkdir(dir, 0700) == 0) {
        u->made = 1;
        snprintf(name, sizeof name, "%s/.name", dir);
        (void)write_atomic(name, store, strlen(store), 0600); /* lost: the listing shows lower case */
        sslb__fsync_dir(cs->root);
        return SSLB_OK;
    }
    u->n--; /* not made: nothing to remove */
    if (errno != EEXIST) return write_failure(d, "create", dir, errno);
    return sslb_state_dir_check(dir, d);
}

/* Keeps path's content as prev (absent), durably: a hard link, or a copy where the file system
 * has none. 0, or -1 with errno. */
static int keep_backup(const char *path, const char *prev)
{
    size_t len = 0;
    char *old;
    int rc, e;

    if (link(path, prev) == 0) {
        fsync_parent(path);
        return 0;
    }
    if (errno != EPERM && errno != EOPNOTSUPP && errno != EMLINK) return -1; /* else: no hard link here */
    if (!(old = read_regular(path, MAX_IMPORT_BYTES, 1, &len, NULL))) return -1;
    rc = write_atomic(prev, old, len, 0600);
    e = errno;
    free_secret(old, len);
    errno = e;
    return rc;
}

/* Writes data to path through write_atomic, each step noted in u and announced in the mark
 * first. A file the change creates is listed ("<store>/<file>") before it is renamed into place,
 * which hides it from every reader until the commit; a file it replaces is first kept as
 * "<file>.prev" (a hard link: its former content, whole) and listed as such, so that every reader
 * reads the backup until the commit and a rollback (this writer's, or the next one's when this
 * one dies) renames it back; a file that holds these bytes already is left as it is. A symbolic
 * link (or anything but a regular file) at path is refused, never replaced: the stores' readers
 * never follow one, and replacing it would silently drop what it points to. A file the change
 * wrote already (created, or replaced and backed up) is written again without a new step: its
 * backup stays the content from before the change, and the mark lists it once. */
static sslb_rc put_file(sslb_certstore *cs, struct undo *u, const char *path, const void *data, size_t len, mode_t mode,
                        sslb_diag *d)
{
    char prev[PATH_MAX + 310];
    struct stat st;
    int exists = lstat(path, &st) == 0;

    for (size_t i = 0; i < u->n; i++)
        if (u->e[i].kind != UNDO_DIR && strcmp(u->e[i].path, path) == 0) {
            if (exists && !S_ISREG(st.st_mode))
                return sslb_diagf(d, SSLB_EWRITE, "%s is not a regular file: nothing written; remove it", path);
            if (write_atomic(path, data, len, mode) != 0) return write_failure(d, "write", path, errno);
            u->made = 1;
            return SSLB_OK;
        }

    if (exists && !S_ISREG(st.st_mode))
        return sslb_diagf(d, SSLB_EWRITE, "%s is %s, which the change would replace: nothing written; remove it", path,
                          S_ISLNK(st.st_mode) ? "a symbolic link" : "not a regular file");
    if (exists && (size_t)st.st_size == len) { /* the same file again (and no more open than it would be)? */
        size_t olen = 0;
        mode_t omode = 0;
        char *old = read_regular(path, MAX_IMPORT_BYTES, 1, &olen, &omode);
        int same = old && olen == len && memcmp(old, data, len) == 0 && (omode & ~mode & 0777) == 0;
        free_secret(old, olen);
        if (same) return SSLB_OK;
    }
    if (undo_push(u, path, exists ? UNDO_REPLACED : UNDO_CREATED) != 0)
        return sslb_diagf(d, SSLB_ENOMEM, "out of memory");
    if (exists) {
        backup_path(path, prev, sizeof prev);
        if (u->markfd >= 0 && mark_write(cs, u->markfd, "~", path, "") != 0) { /* the backup is ours */
            int e = errno;
            u->n--;
            writing_path(cs, prev, sizeof prev);
            return write_failure(d, "write", prev, e);
        }
        if ((unlink(prev) != 0 && errno != ENOENT) || keep_backup(path, prev) != 0) {
            int e = errno;
            u->n--;
            return sslb_diagf(d, write_rc(e), "cannot keep %s as %s before replacing it: %s", path, prev, strerror(e));
        }
    }
    if (u->markfd >= 0 && mark_line(cs, u, path, exists ? ".prev" : "") != 0) {
        int e = errno;
        u->n--;
        if (exists) unlink(prev);
        writing_path(cs, prev, sizeof prev);
        return write_failure(d, "write", prev, e);
    }
    if (write_atomic(path, data, len, mode) != 0) return write_failure(d, "write", path, errno);
    u->made = 1;
    return SSLB_OK;
}

/* 1 when a and b hold the same certificates in the same order (NULL: none). */
static int same_chain(const STACK_OF(X509) * a, const STACK_OF(X509) * b)
{
    int n = a ? sk_X509_num(a) : 0;

    if (n != (b ? sk_X509_num(b) : 0)) return 0;
    for (int i = 0; i < n; i++)
        if (X509_cmp(sk_X509_value(a, i), sk_X509_value(b, i)) != 0) return 0;
    return 1;
}

/* Parses a .pfx (password ""): 1 with *x (and *key, *ca when asked for), else 0 and nothing
 * to free, *shape (NULL allowed) saying how far it went: 0 not PKCS#12, 1 not opened (a password,
 * damage), 2 opened, a key but no certificate of it, 3 opened, no private key at all. OpenSSL's
 * PKCS12_parse names as *x the certificate of the file's key, so a success has a key; the
 * others may be none, and *x without its public key (OpenSSL keeps a certificate whose key it
 * could not decode, and then matches no key to it: 2). 3 is the file, never memory: a key's bag
 * that cannot be decoded (for want of memory too) fails the whole parse (1), so a parse that
 * succeeded without a key read a file without one (load_pfx needs no second parse to tell). */
static int pfx_parse(const char *buf, size_t len, X509 **x, EVP_PKEY **key, STACK_OF(X509) * *ca, int *shape)
{
    BIO *b = BIO_new_mem_buf(buf, (int)len);
    PKCS12 *p12 = b ? d2i_PKCS12_bio(b, NULL) : NULL;
    int ok = p12 && PKCS12_parse(p12, "", key, x, ca);

    if (shape) *shape = !p12 ? 0 : !ok ? 1 : *key ? 2 : 3;
    BIO_free(b);
    PKCS12_free(p12);
    if (ok && *x) return 1;
    if (ca) sk_X509_pop_free(*ca, X509_free);
    X509_free(*x);
    EVP_PKEY_free(*key);
    *x = NULL;
    *key = NULL;
    if (ca) *ca = NULL;
    return 0;
}

/* 1 when a and b are the same private key: their private halves encode alike (EVP_PKEY_eq
 * compares the public halves only: a file whose private half is damaged must not pass for the
 * key that repairs it). */
static int same_private(EVP_PKEY *a, EVP_PKEY *b)
{
    unsigned char *da = NULL, *db = NULL;
    int na = i2d_PrivateKey(a, &da), nb = i2d_PrivateKey(b, &db);
    int same = na > 0 && na == nb && CRYPTO_memcmp(da, db, (size_t)na) == 0;

    if (na > 0) OPENSSL_clear_free(da, (size_t)na);
    if (nb > 0) OPENSSL_clear_free(db, (size_t)nb);
    return same;
}

/* The certificate a central store file holds now (the writer's view, under the stores' lock): 1
 * and its thumbprint, 0 when there is no file, -1 when it does not read as a .pfx with one.
 * *same (when 1) says that it holds what a new file would: the certificate x, its friendly name
 * `name`, the key (public and private halves; or no key, as key), and the chain ca in its order,
 * in a file no more open than the 0600 a new one gets. A .pfx is never made twice with the same
 * bytes (PKCS12_create draws new salts): such a file is left as it is, as put_file leaves a file
 * that holds the bytes it would write. */
static int pfx_holds(const char *path, uint8_t thumb[SSLB_CERTHASH_LEN], X509 *nx, EVP_PKEY *nkey,
                     const STACK_OF(X509) * nca, const char *name, int *same)
{
    size_t len = 0;
    mode_t fmode = 0;
    char *buf = read_regular(path, MAX_IMPORT_BYTES, 1, &len, &fmode);
    int err = buf ? 0 : errno, ok = 0;
    EVP_PKEY *key = NULL;
    X509 *x = NULL;
    STACK_OF(X509) *ca = NULL;
    const unsigned char *alias;
    int alen = 0;

    *same = 0;
    if (buf && pfx_parse(buf, len, &x, &key, &ca, NULL)) {
        ok = thumbprint(x, thumb) == 0;
        alias = X509_alias_get0(x, &alen);
        *same = ok && X509_cmp(x, nx) == 0 &&
                (key ? nkey && EVP_PKEY_eq(key, nkey) == 1 && same_private(key, nkey) : !nkey) && same_chain(ca, nca) &&
                alias && (size_t)alen == strlen(name) && memcmp(alias, name, (size_t)alen) == 0 && (fmode & 077) == 0;
    }
    free_secret(buf, len);
    EVP_PKEY_free(key);
    X509_free(x);
    sk_X509_pop_free(ca, X509_free);
    ERR_clear_error();
    if (err == ENOENT) return 0;
    return ok ? 1 : -1;
}

/* describe of a certificate (thumbprint th in hex) a change is about to store, before its first
 * file: SSLB_ENOMEM when whether key is x's could not be told for want of memory (its printout
 * would say "Private Key: No" of a key that is its own): the change then stops, and its
 * rollback leaves the stores as they were. */
static sslb_rc describe_new(X509 *x, EVP_PKEY *key, const uint8_t *thumb, const char *th, const char *store,
                            const char *file, sslb_certinfo *info, sslb_diag *d)
{
    if (describe(x, key, thumb, store, file, info) == 0) return SSLB_OK;
    return sslb_diagf(d, SSLB_ENOMEM,
                      "certificate %s: out of memory while its private key was checked: nothing changed", th);
}

/* Stores one certificate (thumbprint thumb) with its key, noting in u what it replaces;
 * describes it in info, before anything is written (describe_new). Under the stores' lock. */
static sslb_rc put_cert(sslb_certstore *cs, const char *store, X509 *x, const uint8_t thumb[SSLB_CERTHASH_LEN],
                        EVP_PKEY *key, STACK_OF(X509) * ca, sslb_certinfo *info, struct undo *u, sslb_diag *d)
{
    char dir[PATH_MAX], path[PATH_MAX + 300], th[41], lower[SSLB_STORE_NAME_MAX + 1];
    sslb_rc rc;

    if ((rc = store_dir(cs, store, dir, sizeof dir, u, d)) != SSLB_OK) return rc;
    lower_copy(lower, store, sizeof lower);
    hex(thumb, th);
    if (is_ccs(store)) {
        char name[SSLB_HOST_MAX + 8], file[SSLB_HOST_MAX + 16];
        PKCS12 *p12;
        unsigned char *der = NULL;
        int len;
        if ((rc = ccs_name(x, name, sizeof name, d)) != SSLB_OK) return rc;
        snprintf(file, sizeof file, "%s.pfx", name);
        snprintf(path, sizeof path, "%s/%s", dir, file);
        if ((rc = describe_new(x, key, thumb, th, lower, file, info, d)) != SSLB_OK) return rc;
        p12 = PKCS12_create("", name, key, x, ca, 0, 0, 0, 0, 0);
        len = p12 ? i2d_PKCS12(p12, &der) : -1;
        PKCS12_free(p12);
        uint8_t was[SSLB_CERTHASH_LEN];
        int held, same;
        /* before it is replaced: a renewal says what it replaced */
        held = pfx_holds(path, was, x, key, ca, name, &same);
        if (len <= 0)
            rc = sslb_diagf(d, SSLB_ENOMEM, "cannot encode %s: %s", path, ossl_reason((char[OSSL_REASON_MAX]){0}));
        else if (!same) rc = put_file(cs, u, path, der, (size_t)len, 0600, d);
        if (der) OPENSSL_clear_free(der, (size_t)len);
        if (rc != SSLB_OK) return rc;
        if (held < 0) info->replaced = 2;
        else if (held && memcmp(was, thumb, SSLB_CERTHASH_LEN) != 0) {
            info->replaced = 1;
            memcpy(info->replaced_thumb, was, SSLB_CERTHASH_LEN);
        }
        return rc;
    }
    if ((rc = describe_new(x, key, thumb, th, lower, NULL, info, d)) != SSLB_OK) return rc;
    size_t clen = 0, klen = 0;
    char *cpem = pem_of(write_x509, x, &clen), *kpem = key ? pem_of(write_key, key, &klen) : NULL;
    if (!cpem || (key && !kpem)) {
        free(cpem);
        free_secret(kpem, klen);
        return sslb_diagf(d, SSLB_ENOMEM, "cannot encode the certificate: %s", ossl_reason((char[OSSL_REASON_MAX]){0}));
    }
    snprintf(path, sizeof path, "%s/%s.key", dir, th);
    if (key) rc = put_file(cs, u, path, kpem, klen, 0600, d);
    snprintf(path, sizeof path, "%s/%s.crt", dir, th);
    if (rc == SSLB_OK) rc = put_file(cs, u, path, cpem, clen, 0644, d);
    free_secret(kpem, klen);
    free(cpem);
    return rc;
}

static int is_ip_literal(const char *s, unsigned char *buf)
{
    unsigned char tmp[16];
    return inet_pton(AF_INET, s, buf ? buf : tmp) == 1 || inet_pton(AF_INET6, s, buf ? buf : tmp) == 1;
}

/* A name for a certificate's subjectAltName or subject CN, given by tag: DNS characters and one
 * wildcard, a whole leftmost '*' label over at least two labels (what sslb_cert_check_name and
 * X509_check_host let a client match), or an IP literal. Only for creation: an imported
 * certificate holds what it holds. */
static sslb_rc check_cert_name(const char *tag, const char *name, sslb_diag *d)
{
    size_t n = strlen(name);
    const char *star = strchr(name, '*');

    if (n == 0 || n > SSLB_HOST_MAX)
        return sslb_diagf(d, SSLB_EINVAL, "%s: '%.80s': a DNS name has 1 to 253 characters", tag, name);
    if (is_ip_literal(name, NULL)) return SSLB_OK;
    /* the rules of a binding key and of sim's host= (sslb_host_parse), '*' apart: a name the
     * certificate holds must be one a client can ask for */
    for (const char *p = name; *p; p++) {
        if ((unsigned char)*p >= 0x80) /* the name shown whole or not at all: never cut inside a character */
            return sslb_diagf(d, SSLB_EINVAL,
                              "%s: %s%s%s has a non-ASCII byte: write international names in their xn-- form", tag,
                              n <= 80 ? "'" : "", n <= 80 ? name : "a DNS name", n <= 80 ? "'" : "");
        if (!name_char((unsigned char)*p) && *p != '*')
            return sslb_diagf(d, SSLB_EINVAL, "%s: '%.80s' has the character '%c': not a DNS name", tag, name,
                              *p >= 0x20 && *p < 0x7f ? *p : '?');
    }
    if (name[0] == '.' || name[n - 1] == '.' || strstr(name, ".."))
        return sslb_diagf(d, SSLB_EINVAL, "%s: '%.80s' has an empty label", tag, name);
    for (size_t i = 0, label = 0; i <= n; i++) { /* RFC 1035: 63 octets a label, the wildcard's too */
        if (i < n && name[i] != '.') label++;
        else if (label > SSLB_LABEL_MAX)
            return sslb_diagf(d, SSLB_EINVAL, "%s: '%.80s' has a label longer than %d characters: not a DNS name", tag,
                              name, SSLB_LABEL_MAX);
        else label = 0;
    }
    if (star && (star != name || name[1] != '.' || strchr(name + 1, '*') || !strchr(name + 2, '.')))
        return sslb_diagf(d, SSLB_EINVAL,
                          "%s: '%.80s': a wildcard is a whole leftmost label followed by at least two labels "
                          "(*.contoso.com); no client can match this name",
                          tag, name);
    return SSLB_OK;
}

/* Signs x with key and stores both, under the lock; nothing stays on failure. */
static sslb_rc store_new(sslb_certstore *cs, const char *store, X509 *x, EVP_PKEY *key, sslb_certinfo *info,
                         sslb_diag *d)
{
    uint8_t thumb[SSLB_CERTHASH_LEN];
    struct undo u = UNDO_INIT;
    int lockfd, kept = 0;
    sslb_rc rc;

    if (thumbprint(x, thumb) != 0)
        return sslb_diagf(d, SSLB_ENOMEM, "OpenSSL cannot compute the certificate's SHA-1 thumbprint");
    if ((rc = lock_stores(cs, &lockfd, d)) != SSLB_OK) return rc;
    if ((rc = begin_writing(cs, &u.markfd, &u.was, d)) == SSLB_OK) {
        rc = put_cert(cs, store, x, thumb, key, NULL, info, &u, d);
        kept = end_writing(cs, &u, rc == SSLB_OK);
    }
    unlock_stores(cs, lockfd, !kept);
    return rc;
}

/* A CA certificate's CN: 1 to 64 printable ASCII characters ("Contoso Root CA"). */
static sslb_rc check_ca_name(const char *name, sslb_diag *d)
{
    size_t n = strlen(name);

    if (n == 0 || n > 64) return sslb_diagf(d, SSLB_EINVAL, "subject: a CN has 1 to 64 characters");
    for (const char *p = name; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            return sslb_diagf(d, SSLB_EINVAL, "subject: a CA's name is printable ASCII (letters, digits, spaces, …)");
    return SSLB_OK;
}

/* The issuer of a certificate to make: issuer_thumb in issuer_store, or, when issuer_store is
 * NULL, in CA, then Root, then MY; with its private key, and a CA. *out is the caller's. */
static sslb_rc load_issuer(sslb_certstore *cs, const char *issuer_store, const uint8_t issuer_thumb[SSLB_CERTHASH_LEN],
                           sslb_cert **out, sslb_diag *d)
{
    static const char *const where[] = {SSLB_CA_STORE, SSLB_ROOT_STORE, "MY"};
    char th[41];
    BASIC_CONSTRAINTS *bc;
    int ca;

    hex(issuer_thumb, th);
    *out = NULL;
    if (issuer_store && sslb_store_name_check(issuer_store, d) != SSLB_OK) return SSLB_EINVAL;
    for (size_t i = 0; !*out && i < (issuer_store ? 1 : 3); i++) {
        sslb_rc rc = load_cert(cs, issuer_store ? issuer_store : where[i], issuer_thumb, out, d);
        if (rc == SSLB_ENOMEM) return sslb_diagf(d, SSLB_ENOMEM, "out of memory");
        if (rc != SSLB_OK && rc != SSLB_ENOTFOUND) return rc; /* a store that cannot be read: d says which */
    }
    if (!*out)
        return issuer_store
                   ? sslb_diagf(d, SSLB_ENOTFOUND, "issuer: no certificate %s in store %s", th, issuer_store)
                   : sslb_diagf(d, SSLB_ENOTFOUND,
                                "issuer: no certificate %s in store CA, Root or MY (issuerstore= names another)", th);
    bc = X509_get_ext_d2i((*out)->x, NID_basic_constraints, NULL, NULL);
    ca = bc && bc->ca;
    BASIC_CONSTRAINTS_free(bc);
    ERR_clear_error();
    if (!ca) {
        sslb_cert_free(*out);
        *out = NULL;
        return sslb_diagf(d, SSLB_EINVAL,
                          "issuer: the certificate %s is not a CA certificate (make one with ca=enable)", th);
    }
    if (has_its_key(*out, NULL) != SSLB_OK) {
        sslb_cert_free(*out);
        *out = NULL;
        return sslb_diagf(d, SSLB_EINVAL, "issuer: the certificate %s has no private key here: it cannot sign", th);
    }
    { /* a damaged key (a store edited by hand) would sign certificates no one can verify */
        sslb_diag why = {{0}};
        sslb_rc rc = key_whole((*out)->x, (*out)->key, &why);
        if (rc != SSLB_OK) {
            sslb_cert_free(*out);
            *out = NULL;
            return sslb_diagf(d, rc == SSLB_ENOMEM ? rc : SSLB_EINVAL, "issuer: the certificate %s cannot sign: %s", th,
                              why.text);
        }
    }
    return SSLB_OK;
}

sslb_rc sslb_cert_create_issued(sslb_certstore *cs, const char *store, const char *subject, const char *dnsnames,
                                int days, int ca, const char *issuer_store, const uint8_t *issuer_thumb,
                                sslb_certinfo *info, sslb_diag *d)
{
    char san[4096] = "", list[4096];
    X509 *x = NULL;
    EVP_PKEY *key = NULL;
    X509_EXTENSION *ext;
    X509V3_CTX v3;
    unsigned char serial[16];
    BIGNUM *bn = NULL;
    sslb_cert *issuer = NULL;
    sslb_rc rc;

    if ((rc = sslb_store_name_check(store, d)) != SSLB_OK) return rc;
    if (days < 1 || days > 36500) return sslb_diagf(d, SSLB_EINVAL, "days: %d is not in 1..36500", days);
    if (ca) {
        if ((rc = check_ca_name(subject, d)) != SSLB_OK) return rc;
        if (dnsnames && *dnsnames)
            return sslb_diagf(d, SSLB_EINVAL, "dnsnames: a CA certificate (ca=enable) names no host");
    } else {
        if (strlen(subject) > 64) return sslb_diagf(d, SSLB_EINVAL, "subject: a CN has at most 64 characters");
        if ((rc = check_cert_name("subject", subject, d)) != SSLB_OK) return rc;
        snprintf(list, sizeof list, "%s", dnsnames && *dnsnames ? dnsnames : subject);
    }
    if (!ca && sslb__casecmp(list, "none") != 0) {
        char *save = NULL;
        for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            size_t used = strlen(san);
            while (*t == ' ') t++;
            for (char *e = t + strlen(t); e > t && e[-1] == ' ';) *--e = '\0';
            if ((rc = check_cert_name(dnsnames && *dnsnames ? "dnsnames" : "subject", t, d)) != SSLB_OK) return rc;
            if (used + strlen(t) + 8 >= sizeof san) return sslb_diagf(d, SSLB_EINVAL, "dnsnames: too many names");
            snprintf(san + used, sizeof san - used, "%s%s:%s", used ? "," : "", is_ip_literal(t, NULL) ? "IP" : "DNS",
                     t);
        }
        if (!san[0]) return sslb_diagf(d, SSLB_EINVAL, "dnsnames: expected names separated by commas");
    }
    if (issuer_thumb && (rc = load_issuer(cs, issuer_store, issuer_thumb, &issuer, d)) != SSLB_OK) return rc;

    if (!(key = EVP_EC_gen("P-256")) || !(x = X509_new())) goto ossl;
    if (RAND_bytes(serial, sizeof serial) != 1) goto ossl;
    serial[0] &= 0x7f;
    if (!(bn = BN_bin2bn(serial, sizeof serial, NULL)) || !BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x))) goto ossl;
    if (!X509_set_version(x, 2) || !X509_gmtime_adj(X509_getm_notBefore(x), 0) ||
        !X509_time_adj_ex(X509_getm_notAfter(x), days, 0, NULL) || !X509_set_pubkey(x, key) ||
        !X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_UTF8, (const unsigned char *)subject, -1,
                                    -1, 0) ||
        !X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer->x) : X509_get_subject_name(x)))
        goto ossl;
    X509V3_set_ctx(&v3, issuer ? issuer->x : x, x, NULL, NULL, 0);
    const char *exts[][2] = {
        {"basicConstraints", ca ? "critical,CA:TRUE" : "critical,CA:FALSE"},
        {"keyUsage", ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,keyEncipherment"},
        {"extendedKeyUsage", ca ? "" : "serverAuth"},
        {"subjectKeyIdentifier", "hash"},
        {"authorityKeyIdentifier", issuer ? "keyid" : ""},
        {"subjectAltName", san}};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        if (!exts[i][1][0]) continue;
        if (!(ext = X509V3_EXT_conf(NULL, &v3, exts[i][0], exts[i][1]))) goto ossl;
        int added = X509_add_ext(x, ext, -1);
        X509_EXTENSION_free(ext);
        if (!added) goto ossl;
    }
    if (X509_sign(x, issuer ? issuer->key : key, EVP_sha256()) <= 0) goto ossl;
    rc = store_new(cs, store, x, key, info, d);
    BN_free(bn);
    X509_free(x);
    EVP_PKEY_free(key);
    sslb_cert_free(issuer);
    return rc;
ossl:
    rc = sslb_diagf(d, SSLB_ENOMEM, "OpenSSL could not make the certificate: %s",
                    ossl_reason((char[OSSL_REASON_MAX]){0}));
    BN_free(bn);
    X509_free(x);
    EVP_PKEY_free(key);
    sslb_cert_free(issuer);
    return rc;
}

sslb_rc sslb_cert_create(sslb_certstore *cs, const char *store, const char *subject, const char *dnsnames, int days,
                         sslb_certinfo *info, sslb_diag *d)
{
    return sslb_cert_create_issued(cs, store, subject, dnsnames, days, 0, NULL, NULL, info, d);
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

/* Reads the file to import: a regular file (a FIFO or a device is refused, never waited on) of
 * at most MAX_IMPORT_BYTES. */
static char *read_input(const char *path, size_t *len, sslb_diag *d)
{
    char *buf = read_regular(path, MAX_IMPORT_BYTES, 0, len, NULL);

    if (buf) return buf;
    if (errno == EINVAL || errno == EISDIR)
        sslb_diagf(d, SSLB_EINVAL,
                   "%s is not a regular file (a directory, a FIFO or a device): give a PEM or .pfx file", path);
    else if (errno == EFBIG)
        sslb_diagf(d, SSLB_EINVAL, "%s: larger than %d bytes: not a certificate file", path, MAX_IMPORT_BYTES);
    else sslb_diagf(d, SSLB_EINVAL, "%s: %s", path, strerror(errno));
    return NULL;
}

/* PEM: certificates and a private key, in any order. */
static sslb_rc parse_pem(const char *path, const char *buf, size_t len, const char *password, STACK_OF(X509) * certs,
                         EVP_PKEY **key, int need_key, sslb_diag *d)
{
    struct pw pw = {password, 0};
    BIO *b = BIO_new_mem_buf(buf, (int)len);
    X509 *x;

    if (!b) return SSLB_ENOMEM;
    while ((x = PEM_read_bio_X509(b, NULL, pw_cb, &pw)))
        if (!sk_X509_push(certs, x)) {
            X509_free(x);
            BIO_free(b);
            return SSLB_ENOMEM;
        }
    ERR_clear_error();
    BIO_free(b);
    if (!(b = BIO_new_mem_buf(buf, (int)len))) return SSLB_ENOMEM;
    *key = PEM_read_bio_PrivateKey(b, NULL, pw_cb, &pw);
    BIO_free(b);
    ERR_clear_error();
    if (!*key && pw.asked)
        return sslb_diagf(d, SSLB_EINVAL, "%s: the private key is encrypted and %s", path,
                          password ? "the password is wrong" : "no password= was given");
    if (sk_X509_num(certs) == 0) return sslb_diagf(d, SSLB_EINVAL, "%s: no certificate in this PEM file", path);
    if (!*key && need_key)
        return sslb_diagf(
            d, SSLB_EINVAL,
            "%s: no private key: a server certificate needs its key in the same file (cat cert.pem key.pem); "
            "a CA certificate alone goes to store=CA or store=Root",
            path);
    return SSLB_OK;
}

/* PKCS#12: its certificates (the key's and the others) and its private key. */
static sslb_rc parse_pfx(const char *path, const char *buf, size_t len, const char *password, STACK_OF(X509) * certs,
                         EVP_PKEY **key, int need_key, sslb_diag *d)
{
    BIO *b = BIO_new_mem_buf(buf, (int)len);
    PKCS12 *p12 = b ? d2i_PKCS12_bio(b, NULL) : NULL;
    X509 *x = NULL;
    STACK_OF(X509) *ca = NULL;
    const char *pass = password ? password : "";
    sslb_rc rc = SSLB_OK;

    BIO_free(b);
    if (!p12) {
        ERR_clear_error();
        return sslb_diagf(d, SSLB_EINVAL, "%s: neither a PEM file nor a PKCS#12 (.pfx) file", path);
    }
    if (!PKCS12_verify_mac(p12, pass, -1) && !(password == NULL && PKCS12_verify_mac(p12, NULL, 0))) {
        PKCS12_free(p12);
        ERR_clear_error();
        return sslb_diagf(d, SSLB_EINVAL, "%s: %s", path,
                          password ? "the password is wrong (or the file is damaged)"
                                   : "the file is protected by a password: give password=…");
    }
    if (!PKCS12_parse(p12, pass, key, &x, &ca)) {
        PKCS12_free(p12);
        return sslb_diagf(d, SSLB_EINVAL, "%s: cannot read the PKCS#12 contents: %s", path,
                          ossl_reason((char[OSSL_REASON_MAX]){0}));
    }
    PKCS12_free(p12);
    /* Without a key, PKCS12_parse puts every certificate among the "CA" ones. */
    if (x && !sk_X509_push(certs, x)) {
        X509_free(x);
        rc = SSLB_ENOMEM;
    }
    while (rc == SSLB_OK && ca && sk_X509_num(ca) > 0) {
        X509 *c = sk_X509_shift(ca);
        if (!sk_X509_push(certs, c)) {
            X509_free(c);
            rc = SSLB_ENOMEM;
        }
    }
    sk_X509_pop_free(ca, X509_free);
    if (rc != SSLB_OK) return rc;
    if (sk_X509_num(certs) == 0) return sslb_diagf(d, SSLB_EINVAL, "%s: the .pfx holds no certificate", path);
    if (!*key && need_key)
        return sslb_diagf(d, SSLB_EINVAL,
                          "%s: the .pfx holds a certificate but no private key: a server certificate needs its key "
                          "(export it with its private key); a CA certificate alone goes to store=CA or store=Root",
                          path);
    return SSLB_OK;
}

/* Whether store holds certificates alone (CA certificates: no key), where a file without a private
 * key may be imported, as certutil -addstore does. */
static int is_cert_only_store(const char *store)
{
    return sslb__casecmp(store, SSLB_CA_STORE) == 0 || sslb__casecmp(store, SSLB_ROOT_STORE) == 0;
}

/* Stores x alone (no key) in store, unless it is there already: importing the same CA certificate
 * again changes nothing. Describes it in info. Under the stores' lock. */
static sslb_rc put_ca(sslb_certstore *cs, const char *store, X509 *x, const uint8_t thumb[SSLB_CERTHASH_LEN],
                      sslb_certinfo *info, struct undo *u, sslb_diag *d)
{
    sslb_cert *c;
    sslb_rc rc = load_cert(cs, store, thumb, &c, d);

    if (rc == SSLB_OK) {
        sslb_cert_info(c, info);
        sslb_cert_free(c);
        return SSLB_OK;
    }
    if (rc == SSLB_ENOMEM) return sslb_diagf(d, rc, "out of memory");
    if (rc != SSLB_ENOTFOUND) return rc; /* a store that cannot be read: d says which */
    return put_cert(cs, store, x, thumb, NULL, NULL, info, u, d);
}

/* The certificates of a file that are not its key's: where they go, and their thumbprints. */
struct other {
    X509 *x;
    uint8_t thumb[SSLB_CERTHASH_LEN];
    const char *store; /* CA, Root, the store given (a file without a key), or ccs (inside the .pfx) */
};

sslb_rc sslb_cert_import_chain(sslb_certstore *cs, const char *store, const char *path, const char *password,
                               sslb_certinfo *info, size_t max, size_t *n, sslb_certinfo *chain, size_t chain_max,
                               size_t *nchain, sslb_diag *d)
{
    STACK_OF(X509) *certs = sk_X509_new_null(), *ca = NULL;
    EVP_PKEY *key = NULL;
    struct pick {
        X509 *x;
        uint8_t thumb[SSLB_CERTHASH_LEN];
        char name[SSLB_HOST_MAX + 8]; /* its central store file's name (store=ccs) */
    } *pick = NULL;
    struct other *other = NULL;
    size_t npick = 0, nother = 0, len = 0;
    char *buf = NULL, what[100], pfxname[SSLB_HOST_MAX + 16] = "";
    struct undo u = UNDO_INIT;
    sslb_certinfo scratch;
    sslb_rc rc = SSLB_OK;
    int lockfd = -1, kept = 0, ccs = is_ccs(store), need_key = !is_cert_only_store(store);

    *n = 0;
    if (nchain) *nchain = 0;
    if ((rc = sslb_store_name_check(store, d)) != SSLB_OK) goto out;
    if (!(buf = read_input(path, &len, d))) {
        rc = SSLB_EINVAL;
        goto out;
    }
    if (!certs) {
        rc = SSLB_ENOMEM;
        goto out;
    }
    rc = strstr(buf, "-----BEGIN ") ? parse_pem(path, buf, len, password, certs, &key, need_key, d)
                                    : parse_pfx(path, buf, len, password, certs, &key, need_key, d);
    if (rc != SSLB_OK) goto out;
    if (!(pick = calloc((size_t)sk_X509_num(certs), sizeof *pick)) ||
        !(other = calloc((size_t)sk_X509_num(certs), sizeof *other))) {
        rc = SSLB_ENOMEM;
        goto out;
    }
    for (int i = 0; key && i < sk_X509_num(certs); i++)
        if (X509_check_private_key(sk_X509_value(certs, i), key) == 1) pick[npick++].x = sk_X509_value(certs, i);
    ERR_clear_error();
    if (key && npick == 0) {
        rc = sslb_diagf(d, SSLB_EINVAL, "%s: the private key belongs to none of the certificates in the file", path);
        goto out;
    }
    if (npick > max) {
        rc = sslb_diagf(d, SSLB_EINVAL, "%s holds %zu certificates of its private key: at most %zu in one import", path,
                        npick, max);
        goto out;
    }
    if (key) { /* whole: a key whose private half is damaged (its public half matches) never enters */
        sslb_diag why = {{0}};
        if ((rc = key_whole(pick[0].x, key, &why)) != SSLB_OK) { /* the picks share one public key */
            rc = rc == SSLB_ENOMEM ? sslb_diagf(d, rc, "%s: %s", path, why.text)
                                   : sslb_diagf(d, SSLB_EINVAL, "%s: %s", path, why.text);
            goto out;
        }
    }
    for (size_t i = 0; i < npick; i++) { /* check every certificate before writing anything */
        snprintf(what, sizeof what, "%.60s (certificate %zu)", path, i + 1);
        if (thumbprint(pick[i].x, pick[i].thumb) != 0) {
            rc = sslb_diagf(d, SSLB_ENOMEM, "%s: OpenSSL cannot compute its SHA-1 thumbprint", what);
            goto out;
        }
        if ((rc = check_no_nul(pick[i].x, what, d)) != SSLB_OK) goto out;
        if (ccs && (rc = ccs_name(pick[i].x, pick[i].name, sizeof pick[i].name, d)) != SSLB_OK) goto out;
        if (ccs && i == 0) snprintf(pfxname, sizeof pfxname, "%s.pfx", pick[i].name);
        /* The central store holds one file per host name: two certificates of the file would both
         * be <host>.pfx, the later one replacing the earlier within the import (which would still
         * name both): refused, nothing written. */
        for (size_t k = 0; ccs && k < i; k++)
            if (sslb__casecmp(pick[k].name, pick[i].name) == 0) {
                char a[41], b[41];
                hex(pick[k].thumb, a);
                hex(pick[i].thumb, b);
                rc = sslb_diagf(d, SSLB_EINVAL,
                                "%.60s: certificates %zu (%s) and %zu (%s) would both be the central store file "
                                "%.80s.pfx, which holds one certificate: import a file holding one of them",
                                path, k + 1, a, i + 1, b, pick[i].name);
                goto out;
            }
    }
    /* The other certificates, each once: where Windows' import puts them. Into the central
     * store they stay inside the .pfx written (the file share holds the whole file). */
    for (int i = 0; i < sk_X509_num(certs); i++) {
        X509 *x = sk_X509_value(certs, i);
        struct other *o = &other[nother];
        int seen = 0;
        for (size_t k = 0; k < npick; k++) seen |= pick[k].x == x;
        if (seen) continue;
        if (thumbprint(x, o->thumb) != 0) {
            rc = sslb_diagf(d, SSLB_ENOMEM, "%.60s: OpenSSL cannot compute a certificate's SHA-1 thumbprint", path);
            goto out;
        }
        for (size_t k = 0; k < npick && !seen; k++) seen = memcmp(pick[k].thumb, o->thumb, SSLB_CERTHASH_LEN) == 0;
        for (size_t k = 0; k < nother && !seen; k++) seen = memcmp(other[k].thumb, o->thumb, SSLB_CERTHASH_LEN) == 0;
        if (seen) continue; /* the same certificate twice in the file */
        o->x = x;
        o->store = !key ? store : ccs ? SSLB_CCS_STORE : X509_self_signed(x, 1) == 1 ? SSLB_ROOT_STORE : SSLB_CA_STORE;
        ERR_clear_error();
        nother++;
    }
    if (nother > chain_max) {
        rc = sslb_diagf(d, SSLB_EINVAL, "%s holds %zu other certificates (CA certificates): at most %zu in one import",
                        path, nother, chain_max);
        goto out;
    }
    if (ccs && nother > 0) {
        if (!(ca = sk_X509_new_null())) {
            rc = SSLB_ENOMEM;
            goto out;
        }
        for (size_t i = 0; i < nother; i++)
            if (!sk_X509_push(ca, other[i].x)) { /* borrowed: freed with certs */
                rc = SSLB_ENOMEM;
                goto out;
            }
    }
    if ((rc = lock_stores(cs, &lockfd, d)) != SSLB_OK) goto out;
    if ((rc = begin_writing(cs, &u.markfd, &u.was, d)) != SSLB_OK) goto out;
    for (size_t i = 0; i < npick && rc == SSLB_OK; i++)
        if ((rc = put_cert(cs, store, pick[i].x, pick[i].thumb, key, ca, &info[i], &u, d)) == SSLB_OK) (*n)++;
    for (size_t i = 0; i < nother && rc == SSLB_OK; i++) {
        sslb_certinfo *ci = chain ? &chain[i] : &scratch;
        if (ccs) describe(other[i].x, NULL, other[i].thumb, SSLB_CCS_STORE, pfxname, ci);
        else rc = put_ca(cs, other[i].store, other[i].x, other[i].thumb, ci, &u, d);
        if (rc == SSLB_OK && chain) {
            if (!ccs) snprintf(ci->store, sizeof ci->store, "%s", other[i].store); /* as Windows names it */
            if (nchain) ++*nchain;
        }
    }
    /* all or nothing: every file as it was (a certificate that was there stays), or all visible */
    kept = end_writing(cs, &u, rc == SSLB_OK);
    if (rc != SSLB_OK) {
        *n = 0;
        if (nchain) *nchain = 0;
    }
out:
    undo_free(&u);
    if (lockfd >= 0) unlock_stores(cs, lockfd, !kept);
    free(pick);
    free(other);
    sk_X509_free(ca);
    free_secret(buf, len);
    EVP_PKEY_free(key);
    sk_X509_pop_free(certs, X509_free);
    return rc;
}

sslb_rc sslb_cert_import(sslb_certstore *cs, const char *store, const char *path, const char *password,
                         sslb_certinfo *info, size_t max, size_t *n, sslb_diag *d)
{
    return sslb_cert_import_chain(cs, store, path, password, info, max, n, NULL, SSLB_IMPORT_CHAIN_MAX, NULL, d);
}

/* ---- loading, listing, deleting ----------------------------------------------------------- */

/* 1 when OpenSSL's error queue says an allocation failed anywhere in what it tried (a parse
 * that ran out of memory is no proof that the file holds no certificate); the queue emptied. */
static int ossl_out_of_memory(void)
{
    /* what the default provider always has, and the stores' own files use: a fetch of one that
     * failed ("unsupported") is the library's setup out of memory, not the file (OpenSSL 3 then
     * says only that, and keeps failing the fetch in this process) */
    static const char *const always[] = {"(PBKDF2 ", "(PKCS12KDF ", "(HMAC ",
                                         "(SHA256 ", "(SHA2-256 ",  "(AES-256-CBC "};
    unsigned long e;
    const char *data;
    int oom = 0, flags;

    while ((e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags)) != 0) {
        if (ERR_GET_REASON(e) == ERR_GET_REASON(ERR_R_MALLOC_FAILURE)) oom = 1;
        if (ERR_GET_LIB(e) == ERR_LIB_EVP && ERR_GET_REASON(e) == ERR_R_UNSUPPORTED && (flags & ERR_TXT_STRING))
            for (size_t i = 0; i < sizeof always / sizeof *always; i++)
                if (strstr(data, always[i])) oom = 1;
    }
    return oom;
}

/* 1 when a parse of b that failed failed for want of memory: a BIO not made, OpenSSL's
 * ERR_R_MALLOC_FAILURE, or the same bytes parsed when read again (OpenSSL 3's decoders try each
 * format in turn and may say "unsupported" where one of them ran out of memory: nothing else
 * makes a parse of the same bytes fail once and succeed the next time). */
static int parse_ran_out(BIO *b, int (*parses)(BIO *))
{
    if (!b || ossl_out_of_memory()) return 1;
    if (BIO_reset(b) == 1 && parses(b)) return 1;
    ERR_clear_error();
    return 0;
}

/* 1 when b holds a certificate (parse_ran_out's second try). */
static int parses_x509(BIO *b)
{
    X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    int ok = x != NULL;
    X509_free(x);
    return ok;
}

/* 1 when b holds a private key (parse_ran_out's second try). */
static int parses_key(BIO *b)
{
    struct pw pw = {NULL, 0};
    EVP_PKEY *k = PEM_read_bio_PrivateKey(b, NULL, pw_cb, &pw);
    int ok = k != NULL;
    EVP_PKEY_free(k);
    return ok;
}

/* The certificate (or key) a store file holds, or NULL: not there, or not one. A file read but
 * not parsed for want of memory (parse_ran_out) fails the view with ENOMEM, as a read that fails
 * so does: never taken for a file that holds nothing (review 35 F2). */
static X509 *read_pem_cert(struct snap *s, const char *path)
{
    size_t len;
    char *buf = read_committed(s, path, MAX_IMPORT_BYTES, &len);
    BIO *b = buf ? BIO_new_mem_buf(buf, (int)len) : NULL;
    X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;

    if (!x && buf && parse_ran_out(b, parses_x509)) snap_fail(s, path, ENOMEM);
    if (x && !X509_get0_pubkey(x)) { /* OpenSSL keeps a certificate whose public key it could not decode */
        X509 *again = BIO_reset(b) == 1 ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
        if (again && X509_get0_pubkey(again)) { /* decoded the second time: the first ran out of memory */
            snap_fail(s, path, ENOMEM);
            X509_free(x);
            x = NULL;
        }
        X509_free(again);
    }
    BIO_free(b);
    free(buf);
    ERR_clear_error();
    return x;
}

static EVP_PKEY *read_pem_key(struct snap *s, const char *path)
{
    struct pw pw = {NULL, 0};
    size_t len = 0;
    char *buf = read_committed(s, path, MAX_IMPORT_BYTES, &len);
    BIO *b = buf ? BIO_new_mem_buf(buf, (int)len) : NULL;
    EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, pw_cb, &pw) : NULL;

    if (!k && buf && parse_ran_out(b, parses_key)) snap_fail(s, path, ENOMEM); /* not a keyless certificate */
    BIO_free(b);
    free_secret(buf, len);
    ERR_clear_error();
    return k;
}

/* 1 when a parse of a .pfx that fell short (no certificate, no key, a certificate without its
 * public key, fewer others) fell short for want of memory: ERR_R_MALLOC_FAILURE in the queue, or
 * the same bytes parse to more when read again (parse_ran_out's rule); the queue emptied. */
static int pfx_ran_out(const char *buf, size_t len, const X509 *x, const EVP_PKEY *key, const STACK_OF(X509) * ca,
                       int others)
{
    X509 *x2 = NULL;
    EVP_PKEY *k2 = NULL;
    STACK_OF(X509) *ca2 = NULL;
    int more;

    if (ossl_out_of_memory()) return 1;
    more = pfx_parse(buf, len, &x2, &k2, others ? &ca2 : NULL, NULL) &&
           (!x || (!X509_get0_pubkey(x) && X509_get0_pubkey(x2)) || (!key && k2) ||
            (others && sk_X509_num(ca2) > (ca ? sk_X509_num(ca) : 0)));
    X509_free(x2);
    EVP_PKEY_free(k2);
    sk_X509_pop_free(ca2, X509_free);
    ERR_clear_error();
    return more;
}

/* A central store file: SSLB_OK with *x (and *key, NULL if none; and, when others is not NULL,
 * *others: the file's other certificates, its chain, NULL when it has none), SSLB_ENOTFOUND when
 * there is no such file, SSLB_EREAD when there is one that cannot be read (a directory, a FIFO, a
 * symbolic link, no permission) or whose parse ran out of memory (pfx_ran_out: the view fails
 * with ENOMEM and the path, as a PEM file's does, read_pem_cert; never taken for a damaged file),
 * SSLB_ECORRUPT when it is not a .pfx with a certificate; why (NULL allowed) says which. On
 * failure *x, *key and *others are NULL: nothing to free. */
static sslb_rc load_pfx(struct snap *s, const char *path, X509 **x, EVP_PKEY **key, STACK_OF(X509) * *others,
                        sslb_diag *why)
{
    size_t len = 0;
    char *buf = read_committed(s, path, MAX_IMPORT_BYTES, &len);
    int err = buf ? 0 : errno, ok = 0, shape = 0;
    STACK_OF(X509) *ca = NULL;
    struct stat st;

    *x = NULL;
    *key = NULL;
    if (others) *others = NULL;
    if (buf) {
        ok = pfx_parse(buf, len, x, key, others ? &ca : NULL, &shape);
        if ((!ok ? shape != 3 : !*key || !X509_get0_pubkey(*x)) &&
            pfx_ran_out(buf, len, *x, *key, ca, others != NULL)) {
            if (ok) {
                sk_X509_pop_free(ca, X509_free);
                X509_free(*x);
                EVP_PKEY_free(*key);
                *x = NULL;
                *key = NULL;
            }
            free_secret(buf, len);
            snap_fail(s, path, ENOMEM); /* not a damaged file: the stores cannot be read now */
            return sslb_diagf(why, SSLB_EREAD, "it cannot be read: %s", strerror(ENOMEM));
        }
        ERR_clear_error();
    }
    free_secret(buf, len);
    if (ok) {
        if (others && ca && sk_X509_num(ca) > 0) *others = ca;
        else sk_X509_pop_free(ca, X509_free);
        return SSLB_OK;
    }
    if (err == ENOENT) return sslb_diagf(why, SSLB_ENOTFOUND, "no such file");
    if (err == ENOMEM) return SSLB_ENOMEM;
    if (err == EINVAL && lstat(path, &st) == 0) /* read_regular's word for "not a regular file" */
        return sslb_diagf(why, SSLB_EREAD, "it cannot be read: it is %s",
                          S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
    if (err == ELOOP) return sslb_diagf(why, SSLB_EREAD, "it cannot be read: it is a symbolic link, never followed");
    if (err) return sslb_diagf(why, SSLB_EREAD, "it cannot be read: %s", strerror(err));
    if (shape == 0) return sslb_diagf(why, SSLB_ECORRUPT, "it is not a PKCS#12 file");
    return sslb_diagf(why, SSLB_ECORRUPT, "%s",
                      shape == 3   ? "it is a PKCS#12 file without a private key"
                      : shape == 2 ? "it is a PKCS#12 file without a certificate"
                                   : "it is a PKCS#12 file that opens only with a password, or is damaged");
}

/* Takes x and key (freed on failure). NULL if out of memory. */
static sslb_cert *cert_new(X509 *x, EVP_PKEY *key, const uint8_t thumb[SSLB_CERTHASH_LEN], const char *store,
                           const char *file)
{
    sslb_cert *c = calloc(1, sizeof *c);
    if (!c) {
        X509_free(x);
        EVP_PKEY_free(key);
        return NULL;
    }
    c->x = x;
    c->key = key;
    memcpy(c->thumb, thumb, SSLB_CERTHASH_LEN);
    lower_copy(c->store, store, sizeof c->store);
    snprintf(c->file, sizeof c->file, "%s", file ? file : "");
    return c;
}

/* A certificate of a store by thumbprint, read in one view of the stores (see struct snap):
 * sslb_cert_load, which says why in d when the stores cannot be read. */
static sslb_rc load_cert(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN], sslb_cert **out,
                         sslb_diag *d)
{
    char dir[PATH_MAX], path[PATH_MAX + 64], th[41];
    uint8_t got[SSLB_CERTHASH_LEN];
    struct snap s;
    sslb_rc rc;

    *out = NULL;
    if (store_dir(cs, store, dir, sizeof dir, NULL, NULL) != SSLB_OK) return SSLB_EINVAL;
    hex(thumb, th);
    snap_begin(cs, &s);
    do {
        sslb_cert_free(*out);
        *out = NULL;
        rc = SSLB_ENOTFOUND;
        if (is_ccs(store)) { /* by thumbprint: look through the files */
            DIR *dp = opendir(dir);
            struct dirent *e;
            if (!dp && errno != ENOENT && errno != ENOTDIR) snap_fail(&s, dir, errno);
            while (dp && rc == SSLB_ENOTFOUND && (e = readdir(dp))) {
                size_t l = strlen(e->d_name);
                X509 *cx;
                EVP_PKEY *k;
                STACK_OF(X509) * others;
                if (l < 5 || strcmp(e->d_name + l - 4, ".pfx") != 0 ||
                    (size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path ||
                    pending_hides(cs, &s.p, path) || load_pfx(&s, path, &cx, &k, &others, NULL) != SSLB_OK)
                    continue;
                if (thumbprint(cx, got) == 0 && memcmp(got, thumb, SSLB_CERTHASH_LEN) == 0) {
                    *out = cert_new(cx, k, got, store, e->d_name);
                    rc = *out ? SSLB_OK : SSLB_ENOMEM;
                    if (*out) (*out)->others = others;
                    else sk_X509_pop_free(others, X509_free);
                    continue;
                }
                sk_X509_pop_free(others, X509_free);
                X509_free(cx);
                EVP_PKEY_free(k);
            }
            if (dp) closedir(dp);
            continue;
        }
        X509 *x;
        EVP_PKEY *key = NULL;
        snprintf(path, sizeof path, "%s/%s.crt", dir, th);
        if (pending_hides(cs, &s.p, path) || !(x = read_pem_cert(&s, path))) continue; /* not there (yet) */
        if (thumbprint(x, got) != 0 || memcmp(got, thumb, SSLB_CERTHASH_LEN) != 0) {   /* a file renamed by hand */
            X509_free(x);
            continue;
        }
        snprintf(path, sizeof path, "%s/%s.key", dir, th);
        if (!pending_hides(cs, &s.p, path)) key = read_pem_key(&s, path); /* a key a change adds: not yet */
        if (!key) { /* a delete removes the certificate, then its key: gone meanwhile, not keyless */
            snprintf(path, sizeof path, "%s/%s.crt", dir, th);
            if (faccessat(AT_FDCWD, path, F_OK, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT) {
                X509_free(x);
                continue;
            }
        }
        *out = cert_new(x, key, got, store, NULL);
        rc = *out ? SSLB_OK : SSLB_ENOMEM;
    } while (snap_again(&s));
    snap_end(&s);
    if (s.err) { /* a store that cannot be read is not one without the certificate */
        sslb_cert_free(*out);
        *out = NULL;
        return snap_failure(&s, d);
    }
    return rc;
}

sslb_rc sslb_cert_load(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN], sslb_cert **out)
{
    return load_cert(cs, store, thumb, out, NULL);
}

/* load_cert for a command that names the certificate, each failure said in d: SSLB_ENOTFOUND "no
 * certificate <hash> in store <store>", SSLB_ENOMEM, or the stores' read failure. */
static sslb_rc load_named(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                          sslb_cert **out, sslb_diag *d)
{
    char th[41];
    sslb_rc rc = load_cert(cs, store, thumb, out, d);

    hex(thumb, th);
    if (rc == SSLB_ENOTFOUND || rc == SSLB_EINVAL)
        return sslb_diagf(d, SSLB_ENOTFOUND, "no certificate %s in store %s", th, store);
    return rc == SSLB_ENOMEM ? sslb_diagf(d, rc, "out of memory") : rc;
}

sslb_rc sslb_cert_load_ccs(sslb_certstore *cs, const char *name, sslb_cert **out, sslb_diag *why)
{
    char path[PATH_MAX + 300], file[SSLB_HOST_MAX + 8], host[SSLB_HOST_MAX + 1];
    uint8_t thumb[SSLB_CERTHASH_LEN];
    X509 *x = NULL;
    EVP_PKEY *k = NULL;
    STACK_OF(X509) *others = NULL;
    struct snap s;
    sslb_rc rc;

    *out = NULL;
    if (sslb_host_parse(name, strlen(name), host, NULL) != SSLB_OK) /* never a path */
        return sslb_diagf(why, SSLB_ENOTFOUND, "no such file");
    snprintf(file, sizeof file, "%s.pfx", host);
    snprintf(path, sizeof path, "%s/" SSLB_CCS_STORE "/%s", cs->root, file);
    snap_begin(cs, &s);
    do {
        X509_free(x);
        EVP_PKEY_free(k);
        sk_X509_pop_free(others, X509_free);
        x = NULL;
        k = NULL;
        others = NULL;
        if (pending_hides(cs, &s.p, path)) rc = sslb_diagf(why, SSLB_ENOTFOUND, "no such file"); /* not yet */
        else rc = load_pfx(&s, path, &x, &k, &others, why);
    } while (snap_again(&s));
    snap_end(&s);
    if (s.err && rc != SSLB_EREAD) { /* the mark (or the generation) cannot be read: nor can the file */
        X509_free(x);
        EVP_PKEY_free(k);
        sk_X509_pop_free(others, X509_free);
        rc = sslb_diagf(why, SSLB_EREAD, "it cannot be read: %s: %s", s.errpath, strerror(s.err));
    }
    if (s.err) errno = s.err; /* for a caller that tells a transient failure from another */
    if (rc != SSLB_OK) return rc;
    if (thumbprint(x, thumb) != 0) {
        X509_free(x);
        EVP_PKEY_free(k);
        sk_X509_pop_free(others, X509_free);
        return sslb_diagf(why, SSLB_ECORRUPT, "its certificate cannot be encoded");
    }
    if (!(*out = cert_new(x, k, thumb, SSLB_CCS_STORE, file))) {
        sk_X509_pop_free(others, X509_free);
        return SSLB_ENOMEM;
    }
    (*out)->others = others;
    return SSLB_OK;
}

sslb_rc sslb_cert_check_ccs(sslb_certstore *cs, const char *name, sslb_diag *d)
{
    sslb_diag why = {{0}};
    sslb_cert *c;
    sslb_rc rc;

    if ((rc = sslb_cert_load_ccs(cs, name, &c, &why)) != SSLB_OK)
        return why.text[0] ? sslb_diagf(d, rc, "%s", why.text) : sslb_diagf(d, rc, "%s", sslb_strerror(rc));
    rc = sslb_cert_usable(cs, c, &why);
    sslb_cert_free(c);
    if (rc == SSLB_OK) return SSLB_OK;
    if (rc != SSLB_ENOCERT) return sslb_diagf(d, rc, "%s", why.text);
    if (strcmp(why.text, "no private key") == 0) return sslb_diagf(d, rc, "its certificate has no private key");
    return sslb_diagf(d, rc, "a TLS server cannot present its certificate: %s", why.text);
}

sslb_rc sslb_cert_load_match(sslb_certstore *cs, const sslb_match *m, sslb_cert **out, const char **store_out)
{
    const char *store = m->central                     ? SSLB_CCS_STORE
                        : m->binding.params.store_name ? m->binding.params.store_name
                                                       : "MY";
    size_t n = strlen(m->central_file);

    if (store_out) *store_out = store;
    if (!m->central) return sslb_cert_load(cs, store, m->certhash, out);
    if (n < 5 || strcmp(m->central_file + n - 4, ".pfx") != 0) return SSLB_ENOTFOUND;
    char name[sizeof m->central_file];
    snprintf(name, sizeof name, "%.*s", (int)(n - 4), m->central_file); /* "<host>.pfx" → "<host>" */
    return sslb_cert_load_ccs(cs, name, out, NULL);
}

/* The central store as resolve asks it: a file that a TLS server can present, as the
 * handshake will judge it (a file that cannot serve is no file: resolve goes on). */
static int ccs_find(void *ctx, const char *name, uint8_t thumb[SSLB_CERTHASH_LEN])
{
    sslb_cert *c;
    sslb_rc rc;
    int usable;

    if ((rc = sslb_cert_load_ccs(ctx, name, &c, NULL)) != SSLB_OK) return rc == SSLB_ENOTFOUND ? 0 : -1;
    usable = sslb_cert_usable(ctx, c, NULL) == SSLB_OK;
    if (usable) memcpy(thumb, c->thumb, SSLB_CERTHASH_LEN);
    sslb_cert_free(c);
    return usable ? 1 : -1;
}

sslb_rc sslb_cert_check_usable(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                               sslb_diag *d)
{
    const char *s = store ? store : "MY";
    char th[41];
    sslb_diag why = {{0}};
    sslb_cert *c;
    sslb_rc rc;

    hex(thumb, th);
    if (sslb_store_name_check(s, NULL) != SSLB_OK)
        return sslb_diagf(d, SSLB_ENOCERT, "no certificate %s in store %s", th, s);
    if ((rc = load_named(cs, s, thumb, &c, d)) != SSLB_OK) /* not there: netsh's 1312; unreadable: its own */
        return rc == SSLB_ENOTFOUND ? SSLB_ENOCERT : rc;   /* d: "no certificate <hash> in store <s>" */
    rc = sslb_cert_usable(cs, c, &why);
    sslb_cert_free(c);
    if (rc == SSLB_OK) return SSLB_OK;
    if (rc != SSLB_ENOCERT) return sslb_diagf(d, rc, "%s", why.text);
    if (strcmp(why.text, "no private key") == 0)
        return sslb_diagf(d, SSLB_ENOCERT, "the certificate %s in store %s has no private key", th, s);
    return sslb_diagf(d, SSLB_ENOCERT, "the certificate %s in store %s cannot serve TLS: %s", th, s, why.text);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* Sorted names of dir's entries (ending in suffix, or directories when suffix is NULL) in *out
 * (NULL when none). A missing directory has none (ENOENT, ENOTDIR: no such store); one that cannot
 * be read (EACCES, EMFILE, …) is no empty store: SSLB_EACCESS or SSLB_EREAD (read_failure), and
 * SSLB_ENOMEM; d says which. */
static sslb_rc list_dir(const char *dir, const char *suffix, char ***out, size_t *n, sslb_diag *d)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    char **v = NULL;
    size_t cap = 0;
    struct stat st;
    int err;

    *n = 0;
    *out = NULL;
    if (!dp) return errno == ENOENT || errno == ENOTDIR ? SSLB_OK : read_failure(d, dir, errno);
    for (;;) {
        errno = 0;
        if (!(e = readdir(dp))) break;
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.') continue;
        if (suffix ? (l <= strlen(suffix) || strcmp(e->d_name + l - strlen(suffix), suffix) != 0)
                   : !(e->d_type == DT_DIR ||
                       (e->d_type == DT_UNKNOWN && fstatat(dirfd(dp), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                        S_ISDIR(st.st_mode))))
            continue;
        if (*n == cap) {
            char **nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof *v);
            if (!nv) goto oom;
            v = nv;
        }
        if (!(v[*n] = strdup(e->d_name))) goto oom;
        ++*n;
    }
    if ((err = errno) != 0) { /* readdir's own failure: the listing is not whole */
        closedir(dp);
        free_list(v, *n);
        *n = 0;
        return read_failure(d, dir, err);
    }
    closedir(dp);
    if (*n > 1) qsort(v, *n, sizeof *v, cmp_str);
    *out = v;
    return SSLB_OK;
oom:
    closedir(dp);
    free_list(v, *n);
    *n = 0;
    return sslb_diagf(d, SSLB_ENOMEM, "out of memory");
}

/* The spelling DIR/certs/<lower>/.name keeps, when it is a valid store name equal to lower but for
 * case; else lower itself (a store made before spellings were kept, or a damaged file). */
static void store_spelling(const sslb_certstore *cs, const char *lower, char *out, size_t n)
{
    char path[PATH_MAX + 8], buf[SSLB_STORE_NAME_MAX + 2];
    ssize_t got = -1;
    int fd;

    snprintf(out, n, "%s", lower);
    if ((size_t)snprintf(path, sizeof path, "%s/%s/.name", cs->root, lower) >= sizeof path) return;
    if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0) return;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) got = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (got <= 0 || (size_t)got > SSLB_STORE_NAME_MAX) return;
    buf[got] = '\0';
    if (strlen(buf) == (size_t)got && sslb_store_name_check(buf, NULL) == SSLB_OK && sslb__casecmp(buf, lower) == 0 &&
        (size_t)got < n)
        memcpy(out, buf, (size_t)got + 1); /* the spelling of `lower`, the same length */
}

/* Calls fn(ctx, file, x, k) for each certificate committed in store (its directory's name, lower
 * case) as view sees it: what a writer has not finished is hidden (pending_hides); a central
 * store's .pfx files are read whole, another store's .crt files, with their .key when keys is
 * set. fn borrows x and k (NULL: no key, or keys not asked for); a nonzero return stops. The
 * caller brackets its calls with snap_begin/snap_again/snap_end, so that several stores are read
 * in one view, and asks the view whether a file could not be read (snap_failure). 0, 1 when fn
 * stopped, -1 when the store's directory cannot be read or out of memory (*rc, and d, say which). */
static int each_cert(sslb_certstore *cs, struct snap *view, const char *store, int keys,
                     int (*fn)(void *ctx, const char *file, X509 *x, EVP_PKEY *k), void *ctx, sslb_rc *rc, sslb_diag *d)
{
    char dir[PATH_MAX], path[PATH_MAX + 300], **files;
    int ccs = is_ccs(store), stop = 0;
    size_t nf;

    snprintf(dir, sizeof dir, "%s/%s", cs->root, store);
    if ((*rc = list_dir(dir, ccs ? ".pfx" : ".crt", &files, &nf, d)) != SSLB_OK) return -1;
    for (size_t f = 0; f < nf && !stop; f++) {
        X509 *x = NULL;
        EVP_PKEY *k = NULL;
        snprintf(path, sizeof path, "%s/%s", dir, files[f]);
        if (pending_hides(cs, &view->p, path)) continue;
        if (ccs) {
            if (load_pfx(view, path, &x, &k, NULL, NULL) != SSLB_OK) continue;
            if (!keys) {
                EVP_PKEY_free(k);
                k = NULL;
            }
        } else {
            if (!(x = read_pem_cert(view, path))) continue;
            snprintf(path + strlen(path) - 4, 5, ".key");
            if (keys && !pending_hides(cs, &view->p, path)) k = read_pem_key(view, path);
        }
        stop = fn(ctx, files[f], x, k);
        X509_free(x);
        EVP_PKEY_free(k);
    }
    free_list(files, nf);
    return stop ? 1 : 0;
}

/* The listing's certificates, gathered while no writer is at work (see sslb_cert_list). */
struct infos {
    sslb_certinfo *v;
    size_t n, cap;
};

struct gathering {
    struct infos *out;
    const char *spelled;
    int ccs, oom;
    struct snap *view; /* a key that could not be checked for want of memory fails it */
    const char *dir;   /* the store's directory */
};

static int gather_one(void *ctx, const char *file, X509 *x, EVP_PKEY *k)
{
    struct gathering *g = ctx;
    struct infos *out = g->out;
    uint8_t thumb[SSLB_CERTHASH_LEN];

    int named = thumbprint(x, thumb);

    if (named == -2) {                           /* out of memory: the listing fails, never shows less than there is */
        char path[PATH_MAX + 64 + NAME_MAX + 8]; /* g->dir (gather's), "/", a file name */
        if ((size_t)snprintf(path, sizeof path, "%s/%s", g->dir, file) >= sizeof path)
            snprintf(path, sizeof path, "%s", g->dir);
        snap_fail(g->view, path, ENOMEM);
    }
    if (named != 0) return 0; /* a certificate that cannot be named (SHA-1 refused) is not listed */
    if (out->n == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 16;
        sslb_certinfo *nv = realloc(out->v, cap * sizeof *nv);
        if (!nv) return g->oom = 1;
        out->v = nv;
        out->cap = cap;
    }
    if (describe(x, k, thumb, g->spelled, g->ccs ? file : NULL, &out->v[out->n++]) != 0) {
        char path[PATH_MAX + 64 + NAME_MAX + 8]; /* the key's file: "<hash>.key", or the .pfx that holds it */
        size_t l = strlen(file);
        if ((size_t)snprintf(path, sizeof path, "%s/%.*s%s", g->dir, (int)(g->ccs || l < 4 ? l : l - 4), file,
                             g->ccs ? "" : ".key") >= sizeof path)
            snprintf(path, sizeof path, "%s", g->dir);
        snap_fail(g->view, path, ENOMEM); /* never "Private Key: No" for a key that is its */
    }
    return 0;
}

static sslb_rc gather(sslb_certstore *cs, const char *store, struct infos *out, sslb_diag *d)
{
    size_t ns = 0;
    char **stores = NULL;
    sslb_rc rc = SSLB_OK;

    if (store) {
        if ((rc = sslb_store_name_check(store, d)) != SSLB_OK) return rc;
        if (!(stores = malloc(sizeof *stores)) || !(stores[0] = malloc(SSLB_STORE_NAME_MAX + 1))) {
            free(stores);
            return sslb_diagf(d, SSLB_ENOMEM, "out of memory");
        }
        lower_copy(stores[0], store, SSLB_STORE_NAME_MAX + 1);
        ns = 1;
    }
    struct snap view; /* every store in one view: hiding and backups decided from one mark */
    snap_begin(cs, &view);
again:
    out->n = 0;
    if (!store) { /* the stores too, in the view: a change may make one (CA, for a chain) */
        free_list(stores, ns);
        stores = NULL;
        if ((rc = list_dir(cs->root, NULL, &stores, &ns, d)) != SSLB_OK) {
            snap_end(&view);
            return rc;
        }
    }
    for (size_t s = 0; s < ns && rc == SSLB_OK; s++) {
        char spelled[SSLB_STORE_NAME_MAX + 1];
        store_spelling(cs, stores[s], spelled, sizeof spelled);
        char dir[PATH_MAX + 64];
        snprintf(dir, sizeof dir, "%s/%s", cs->root, stores[s]);
        struct gathering g = {out, spelled, is_ccs(stores[s]), 0, &view, dir};
        if (each_cert(cs, &view, stores[s], 1, gather_one, &g, &rc, d) >= 0 && g.oom)
            rc = sslb_diagf(d, SSLB_ENOMEM, "out of memory");
    }
    if (rc == SSLB_OK && snap_again(&view)) goto again;
    snap_end(&view);
    free_list(stores, ns);
    if (rc == SSLB_OK) rc = snap_failure(&view, d); /* a file, or the mark, that cannot be read */
    return rc;
}

/* A view of several files and directories is not atomic against a writer renaming files into
 * place meanwhile (a chain import: the leaf listed, its CA's directory read before the CA came):
 * the listing is gathered under a shared lock of the stores, which writers take exclusively, and
 * handed to fn after the lock is released (a slow reader of the output never holds up a writer).
 * Without a lock file (no writer ever ran) or when a writer holds it past the lock wait, it is
 * gathered without: a reader never fails for want of the lock. */
sslb_rc sslb_cert_list(sslb_certstore *cs, const char *store, int (*fn)(void *ctx, const sslb_certinfo *info),
                       void *ctx, sslb_diag *d)
{
    struct infos all = {0};
    int lk = sslb__lock_shared(cs->lockpath);
    sslb_rc rc = gather(cs, store, &all, d);

    if (lk >= 0) close(lk);
    for (size_t i = 0; i < all.n && rc == SSLB_OK; i++)
        if (fn(ctx, &all.v[i])) break;
    free(all.v);
    return rc;
}

/* A store file a delete could not remove (e: unlink's errno), named: SSLB_EACCESS (Win32 5) for
 * a permission or a read-only file system, else SSLB_EWRITE (29), as the stores' writes say it. */
static sslb_rc remove_failure(sslb_diag *d, const char *path, int e)
{
    return write_failure(d, "delete", path, e);
}

/* Under the lock, the mark made (begin_writing, which found the generation *was): removes the
 * certificate dir/<th>.crt (the commit: it leaves every listing and lookup at once), then its key
 * dir/<th>.key. A removal that fails leaves both: the certificate, when a key is beside it, is
 * first kept as "<th>.crt.prev" (keep_backup; the mark, markfd, says "~<store>/<th>.crt" first,
 * which no reader reads, so that the next writer removes that backup, and the key when the
 * certificate is gone, when this one dies), renamed back when the key cannot be removed; when the
 * certificate cannot be removed nothing changed (give_up). A file not there (gone) counts as
 * removed, whatever unlink says. *kept is set in the one case that leaves a half: the key not
 * removed and the certificate not put back; then the mark must stay, and the next writer removes
 * the key (as after a delete killed between the two). */
static sslb_rc remove_cert(sslb_certstore *cs, int markfd, const char *dir, const char *th, const struct gen_was *was,
                           int *kept, sslb_diag *d)
{
    char crt[PATH_MAX + 300], key[PATH_MAX + 300], prev[PATH_MAX + 310];
    int keyed, e;

    snprintf(crt, sizeof crt, "%s/%s.crt", dir, th);
    snprintf(key, sizeof key, "%s/%s.key", dir, th);
    backup_path(crt, prev, sizeof prev);
    keyed = !gone(key);
    if (keyed && mark_write(cs, markfd, "~", crt, "") != 0) { /* the next writer's, when this one dies */
        e = errno;
        give_up(cs, was);
        writing_path(cs, prev, sizeof prev);
        return write_failure(d, "write", prev, e);
    }
    if (keyed && !gone(prev) && unlink(prev) != 0 && !gone(prev)) { /* an older delete's: no mark lists it */
        e = errno;
        give_up(cs, was);
        return remove_failure(d, prev, e);
    }
    if (keyed && keep_backup(crt, prev) != 0) {
        e = errno;
        give_up(cs, was);
        return remove_failure(d, crt, e);
    }
    if (unlink(crt) != 0 && !gone(crt)) {
        e = errno;
        if (keyed) unlink(prev);
        give_up(cs, was);
        return remove_failure(d, crt, e);
    }
    if (keyed && unlink(key) != 0 && !gone(key)) {
        e = errno;
        if (rename(prev, crt) == 0) {
            fsync_parent(crt);
            return remove_failure(d, key, e);
        }
        *kept = 1;
        return sslb_diagf(d, write_rc(e),
                          "cannot delete %s: %s; the certificate, deleted, cannot be put back (%s): the next "
                          "change of the stores removes the key",
                          key, strerror(e), strerror(errno));
    }
    if (keyed) unlink(prev);
    sslb__fsync_dir(dir); /* the removal, durable */
    return SSLB_OK;
}

/* A delete of the central store's file: the file removed, or an error that names it. */
static sslb_rc remove_ccs(const char *dir, const char *file, sslb_diag *d)
{
    char path[PATH_MAX + 300];

    snprintf(path, sizeof path, "%s/%s", dir, file);
    if (unlink(path) != 0 && !gone(path)) return remove_failure(d, path, errno);
    sslb__fsync_dir(dir);
    return SSLB_OK;
}

sslb_rc sslb_cert_delete(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN], sslb_diag *d)
{
    char dir[PATH_MAX], th[41];
    struct gen_was was;
    sslb_cert *c;
    sslb_rc rc;
    int lockfd, markfd = -1, kept = 0;

    if ((rc = store_dir(cs, store, dir, sizeof dir, NULL, d)) != SSLB_OK) return rc;
    hex(thumb, th);
    if ((rc = lock_stores(cs, &lockfd, d)) != SSLB_OK) return rc;
    if ((rc = load_named(cs, store, thumb, &c, d)) != SSLB_OK) {
        unlock_stores(cs, lockfd, 0);
        return rc;
    }
    if (is_ccs(store)) {
        rc = remove_ccs(dir, c->file, d);
        sslb_cert_free(c);
        unlock_stores(cs, lockfd, 0);
        return rc;
    }
    sslb_cert_free(c);
    if ((rc = begin_writing(cs, &markfd, &was, d)) == SSLB_OK) {
        rc = remove_cert(cs, markfd, dir, th, &was, &kept, d);
        close(markfd);
    }
    unlock_stores(cs, lockfd, !kept); /* the mark gone (unless kept), the generation even */
    return rc;
}

/* Where a PEM export writes path: the file to replace through a temporary file beside it
 * (write_atomic), in real: path itself when it names a regular file or nothing, the file a
 * symbolic link at path names (the link is followed, not replaced). NULL where a rename cannot
 * stand for the write, which then goes into path as it is: not a regular file (a FIFO, a
 * character device: /dev/stdout to a pipe or a terminal; a directory, which the open refuses),
 * the caller's own standard input, output or error (/dev/stdout to a file: a rename would leave
 * the descriptor on the old file), a symbolic link to nothing (the file is made through it). */
static const char *export_target(const char *path, char *real, size_t n)
{
    struct stat st, fdst;

    if (stat(path, &st) != 0) {
        if (errno != ENOENT || lstat(path, &fdst) == 0) return NULL; /* a dangling link, or stat failed */
    } else if (!S_ISREG(st.st_mode)) {
        return NULL;
    } else {
        for (int fd = 0; fd <= 2; fd++)
            if (fstat(fd, &fdst) == 0 && fdst.st_dev == st.st_dev && fdst.st_ino == st.st_ino) return NULL;
        if (lstat(path, &fdst) == 0 && S_ISLNK(fdst.st_mode)) {
            char buf[PATH_MAX];
            if (!realpath(path, buf) || strlen(buf) >= n) return NULL;
            snprintf(real, n, "%s", buf);
            return real;
        }
    }
    if (strlen(path) >= n) return NULL; /* the open says ENAMETOOLONG */
    snprintf(real, n, "%s", path);
    return real;
}

sslb_rc sslb_cert_export(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                         const char *path, sslb_diag *d)
{
    char th[41], real[PATH_MAX];
    struct stat st;
    sslb_cert *c;
    size_t len = 0;
    char *pem;
    int fd, ok, e;
    sslb_rc rc;

    hex(thumb, th);
    if (sslb_store_name_check(store, d) != SSLB_OK) return SSLB_EINVAL;
    if ((rc = load_named(cs, store, thumb, &c, d)) != SSLB_OK) return rc;
    pem = pem_of(write_x509, c->x, &len);
    sslb_cert_free(c);
    if (!pem) return sslb_diagf(d, SSLB_ENOMEM, "cannot encode the certificate");
    ok = -2;
    if (export_target(path, real, sizeof real) != NULL) {
        /* a rename only where it keeps what the file was: one name, its mode, owner and group */
        if (lstat(real, &st) != 0) ok = errno == ENOENT ? write_temp(real, pem, len, 0644, TEMP_NEW, NULL) : -2;
        else if (S_ISREG(st.st_mode) && st.st_nlink == 1) ok = write_temp(real, pem, len, 0644, TEMP_KEEP, &st);
    }
    if (ok == -2) { /* in place, as before the rename: O_NONBLOCK, so a FIFO without a reader fails (ENXIO) */
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK, 0644);
        ok = fd >= 0 && write_all(fd, pem, len) == 0 ? 0 : -1;
        if (fd >= 0 && close(fd) != 0) ok = -1;
    }
    e = errno;
    free(pem);
    return ok != 0 ? write_failure(d, "write", path, e) : SSLB_OK;
}

static int pool_push(void *ctx, const char *file, X509 *x, EVP_PKEY *k)
{
    STACK_OF(X509) *pool = ctx;
    (void)file;
    (void)k;
    if (!sk_X509_push(pool, x)) return 1;
    X509_up_ref(x);
    return 0;
}

/* Where an issuer is looked for, best first: Windows' chain engine looks in its "world"
 * collection, the machine's stores Root, CA, My and Trust (CERT_CHAIN_ENGINE_CONFIG, Remarks,
 * https://learn.microsoft.com/en-us/windows/win32/api/wincrypt/ns-wincrypt-cert_chain_engine_config),
 * and in the stores the caller adds (a .pfx's own certificates). It does not say an order: ours
 * prefers CA (where an import puts intermediates), then the .pfx's own, Root, then MY (where
 * `cert create ca=enable` puts a CA) and Trust. sslbind-tls ranks its pool the same way
 * (tls/certcache.c, pool_build): the chain sim checks is the chain served. */
static const char *const chain_stores[] = {"ca", "root", "my", "trust"};
static const int chain_rank[] = {0, 2, 3, 4}; /* rank 1: the .pfx's own */
#define CHAIN_RANKS 5

int sslb_cert_better_issuer(X509 *a, X509 *b, long long now)
{
    time_t t = (time_t)now;
    int va = X509_cmp_time(X509_get0_notBefore(a), &t) < 0 && X509_cmp_time(X509_get0_notAfter(a), &t) > 0;
    int vb = X509_cmp_time(X509_get0_notBefore(b), &t) < 0 && X509_cmp_time(X509_get0_notAfter(b), &t) > 0;
    int c;
    if (va != vb) return va;
    if ((c = ASN1_TIME_compare(X509_get0_notBefore(a), X509_get0_notBefore(b))) != 0) return c > 0;
    if ((c = ASN1_TIME_compare(X509_get0_notAfter(a), X509_get0_notAfter(b))) != 0) return c > 0;
    uint8_t ta[SSLB_CERTHASH_LEN], tb[SSLB_CERTHASH_LEN];
    if (thumbprint(a, ta) != 0 || thumbprint(b, tb) != 0) return X509_cmp(a, b) < 0;
    return memcmp(ta, tb, sizeof ta) < 0;
}

/* Whether c issued x: names, key identifiers and key usage (X509_check_issued), and x's
 * signature verified with c's key. The one test of the chain rules (sslb_cert_chain_next) and of
 * where else an issuer is (issuer_anywhere, issued_by_any). */
static int issued(X509 *c, X509 *x)
{
    int ok = X509_check_issued(c, x) == X509_V_OK && X509_verify(x, X509_get0_pubkey(c)) == 1;
    ERR_clear_error();
    return ok;
}

static int self_issued(X509 *x)
{
    return X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) == 0;
}

sslb_chain_step sslb_cert_chain_next(X509 *x, STACK_OF(X509) * chain, STACK_OF(X509) *const *ranks, size_t nranks,
                                     long long now, X509 **up)
{
    int n = chain ? sk_X509_num(chain) : 0;
    X509 *cur = n ? sk_X509_value(chain, n - 1) : x;

    *up = NULL;
    if (self_issued(cur)) return SSLB_CHAIN_ROOT;
    if (n >= SSLB_CHAIN_MAX) return SSLB_CHAIN_LONG;
    for (size_t r = 0; !*up && r < nranks; r++)
        for (int i = 0; ranks[r] && i < sk_X509_num(ranks[r]); i++) {
            X509 *c = sk_X509_value(ranks[r], i);
            int seen = X509_cmp(c, x) == 0;
            for (int k = 0; !seen && k < n; k++) seen = X509_cmp(c, sk_X509_value(chain, k)) == 0;
            if (!seen && (!*up || sslb_cert_better_issuer(c, *up, now)) && issued(c, cur)) *up = c;
        }
    ERR_clear_error();
    return !*up ? SSLB_CHAIN_NONE : self_issued(*up) ? SSLB_CHAIN_ROOT : SSLB_CHAIN_NEXT;
}

/* Reads chain_stores[from..to) into their ranks of pool, in one view. SSLB_OK, SSLB_ENOMEM, or
 * the failure of a store that cannot be read (read_failure); d says which. */
static sslb_rc pool_read(sslb_certstore *cs, STACK_OF(X509) * *pool, size_t from, size_t to, sslb_diag *d)
{
    sslb_rc rc = SSLB_OK;
    struct snap view;

    snap_begin(cs, &view);
    do {
        for (size_t s = from; s < to; s++)
            while (sk_X509_num(pool[chain_rank[s]]) > 0) X509_free(sk_X509_pop(pool[chain_rank[s]]));
        for (size_t s = from; rc == SSLB_OK && s < to; s++)
            if (each_cert(cs, &view, chain_stores[s], 0, pool_push, pool[chain_rank[s]], &rc, d) == 1)
                rc = sslb_diagf(d, SSLB_ENOMEM, "out of memory"); /* pool_push stops when out of memory */
    } while (rc == SSLB_OK && snap_again(&view));
    snap_end(&view);
    return rc == SSLB_OK ? snap_failure(&view, d) : rc;
}

/* The chain of x (sslb_cert_chain_next's rules, from the stores of chain_stores and others in
 * their ranks, up to a self-signed root, included), what Windows' .pfx export adds by default
 * (Export-PfxCertificate -ChainOption BuildChain): NULL when there is none or out of memory (the
 * export then holds the certificate alone). *end (may be NULL) receives the step it ended at:
 * SSLB_CHAIN_ROOT, SSLB_CHAIN_LONG, SSLB_CHAIN_NONE (out of memory too). A store that cannot be
 * read: NULL, *end SSLB_CHAIN_NONE, and *unread (may be NULL) its failure (read_failure, said in
 * d), else SSLB_OK: no chain is built from what could be read. */
static STACK_OF(X509) * store_chain(sslb_certstore *cs, X509 *x, STACK_OF(X509) * others, sslb_chain_step *end,
                                    sslb_rc *unread, sslb_diag *d)
{
    const size_t nstores = sizeof chain_stores / sizeof *chain_stores;
    STACK_OF(X509) * pool[CHAIN_RANKS] = {0}, *chain = NULL;
    time_t now = time(NULL);
    size_t read = 0; /* chain_stores[0..read) are in pool */
    sslb_chain_step step = SSLB_CHAIN_NONE;
    sslb_rc rc = SSLB_OK;
    int oom = 0;

    for (size_t r = 0; r < CHAIN_RANKS; r++) oom |= !(pool[r] = sk_X509_new_null());
    for (int i = 0; !oom && others && i < sk_X509_num(others); i++) /* a .pfx's own CA certificates */
        if (pool_push(pool[1], NULL, sk_X509_value(others, i), NULL)) oom = 1;
    while (!oom) {
        X509 *up;
        step = sslb_cert_chain_next(x, chain, pool, read ? CHAIN_RANKS : 0, now, &up);
        /* Nothing read before a first issuer is looked for (a root needs none); then CA and Root;
         * MY and Trust (MY holds every server certificate: thousands, maybe) only when an issuer
         * is not found there, and then every store is read again, in one view, and the chain
         * built again: never one from two states of the stores. The lower ranks come first
         * anyway, so the chain is the one a pool of every store at once gives. */
        if (step == SSLB_CHAIN_NONE && read < nstores) {
            read = read ? nstores : 2;
            rc = pool_read(cs, pool, 0, read, d);
            oom = rc != SSLB_OK;
            if (rc == SSLB_ENOMEM) rc = SSLB_OK;
            sk_X509_pop_free(chain, X509_free);
            chain = NULL;
            continue;
        }
        if (!up) break;
        if ((!chain && !(chain = sk_X509_new_null())) || !sk_X509_push(chain, up)) {
            step = SSLB_CHAIN_NONE;
            break;
        }
        X509_up_ref(up);
        if (step == SSLB_CHAIN_ROOT) break;
    }
    for (size_t r = 0; r < CHAIN_RANKS; r++) sk_X509_pop_free(pool[r], X509_free);
    if (chain && (sk_X509_num(chain) == 0 || rc != SSLB_OK)) {
        sk_X509_pop_free(chain, X509_free);
        chain = NULL;
    }
    if (end) *end = oom ? SSLB_CHAIN_NONE : step;
    if (unread) *unread = rc;
    return chain;
}

sslb_rc sslb_cert_export_pfx(sslb_certstore *cs, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN],
                             const char *path, const char *password, sslb_diag *d)
{
    char th[41], cn[SSLB_HOST_MAX + 1] = "";
    unsigned char *der = NULL;
    STACK_OF(X509) * chain;
    sslb_cert *c;
    PKCS12 *p12;
    sslb_rc rc = SSLB_OK;
    int len;

    if (!password) return sslb_diagf(d, SSLB_EINVAL, "password: a .pfx export needs one (\"\" for an empty password)");
    hex(thumb, th);
    if (sslb_store_name_check(store, d) != SSLB_OK) return SSLB_EINVAL;
    if ((rc = load_named(cs, store, thumb, &c, d)) != SSLB_OK) return rc;
    if (has_its_key(c, NULL) != SSLB_OK) {
        sslb_cert_free(c);
        return sslb_diagf(d, SSLB_ENOCERT,
                          "the certificate %s in store %s has no private key: a .pfx needs it (without password= "
                          "export writes the certificate alone)",
                          th, store);
    }
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(c->x), NID_commonName, cn, (int)sizeof cn) < 0) cn[0] = '\0';
    /* NULL algorithms and 0 iterations: OpenSSL 3's defaults (AES-256-CBC, PBKDF2, SHA-256 MAC). */
    /* with its chain, as Windows exports by default: the .pfx's own (central store), else built
     * from the CA and Root stores */
    chain = c->others ? X509_chain_up_ref(c->others) : store_chain(cs, c->x, NULL, NULL, &rc, d);
    if (rc != SSLB_OK) { /* a chain store that cannot be read: no .pfx without the chain it would hold */
        sslb_cert_free(c);
        return rc;
    }
    p12 = PKCS12_create(password, cn[0] ? cn : NULL, c->key, c->x, chain, 0, 0, 0, 0, 0);
    len = p12 ? i2d_PKCS12(p12, &der) : -1;
    PKCS12_free(p12);
    sk_X509_pop_free(chain, X509_free);
    sslb_cert_free(c);
    if (len <= 0)
        rc = sslb_diagf(d, SSLB_ENOMEM, "cannot encode the PKCS#12 file: %s", ossl_reason((char[OSSL_REASON_MAX]){0}));
    else if (write_atomic(path, der, (size_t)len, 0600) != 0) rc = write_failure(d, "write", path, errno);
    if (der) OPENSSL_clear_free(der, (size_t)len);
    return rc;
}

/* ---- what the client checks besides the name ---------------------------------------------- */

struct issuer_search {
    X509 *x;
    int found; /* 2: a self-signed root, 1: another issuer, 0: none yet */
};

static int issuer_test(void *ctx, const char *file, X509 *c, EVP_PKEY *k)
{
    struct issuer_search *is = ctx;
    (void)file;
    (void)k;
    if (X509_cmp(c, is->x) != 0 && issued(c, is->x)) is->found = self_issued(c) ? 2 : 1;
    return is->found == 2;
}

/* Where the issuer of x (by name and verified signature) is among every store's certificates,
 * those outside chain_stores too (WebHosting, a store of one's own): 2 and its store in where
 * when it is a self-signed root, 1 when it is another certificate (an intermediate), 0 when
 * there is none; -1 when a store cannot be read or out of memory, d says which. */
static int issuer_anywhere(sslb_certstore *cs, X509 *x, char *where, size_t wn, sslb_diag *d)
{
    char **stores = NULL;
    size_t ns = 0;
    struct issuer_search is = {x, 0};
    sslb_rc rc = SSLB_OK;

    struct snap view;
    snap_begin(cs, &view);
    do {
        is.found = 0;
        free_list(stores, ns);
        stores = NULL;
        ns = 0;
        if ((rc = list_dir(cs->root, NULL, &stores, &ns, d)) != SSLB_OK) break;
        for (size_t s = 0; s < ns && is.found != 2 && rc == SSLB_OK; s++) {
            int before = is.found;
            if (is_ccs(stores[s])) continue;
            if (each_cert(cs, &view, stores[s], 0, issuer_test, &is, &rc, d) < 0) break;
            if (is.found > before) store_spelling(cs, stores[s], where, wn);
        }
    } while (rc == SSLB_OK && snap_again(&view));
    snap_end(&view);
    free_list(stores, ns);
    if (rc == SSLB_OK) rc = snap_failure(&view, d);
    return rc == SSLB_OK ? is.found : -1;
}

/* Whether x, or a certificate of chain, issued top (by name and verified signature). */
static int issued_by_any(X509 *x, STACK_OF(X509) * chain, X509 *top)
{
    int found = 0;
    for (int i = -1; !found && i < (chain ? sk_X509_num(chain) : 0); i++)
        found = issued(i < 0 ? x : sk_X509_value(chain, i), top);
    return found;
}

void sslb_cert_client_checks(sslb_certstore *cs, const sslb_cert *c, sslb_clientchecks *out)
{
    STACK_OF(X509) * chain;
    sslb_chain_step end;
    sslb_rc unread;
    sslb_diag why = {{0}};
    X509 *top;
    char when[32];

    memset(out, 0, sizeof *out);
    if (X509_cmp_current_time(X509_get0_notAfter(c->x)) < 0) {
        time_text(X509_get0_notAfter(c->x), when, sizeof when);
        snprintf(out->validity, sizeof out->validity, "expired on %s", when);
    } else if (X509_cmp_current_time(X509_get0_notBefore(c->x)) > 0) {
        time_text(X509_get0_notBefore(c->x), when, sizeof when);
        snprintf(out->validity, sizeof out->validity, "not valid before %s", when);
    }
    /* what OpenSSL's client applies (X509_PURPOSE_SSL_SERVER): extendedKeyUsage with serverAuth
     * when there is one, a keyUsage that allows a TLS server's key use when there is one */
    if (X509_check_purpose(c->x, X509_PURPOSE_SSL_SERVER, 0) != 1) {
        uint32_t flags = X509_get_extension_flags(c->x);
        if ((flags & EXFLAG_XKUSAGE) && !(X509_get_extended_key_usage(c->x) & XKU_SSL_SERVER))
            snprintf(out->purpose, sizeof out->purpose,
                     "not for a TLS server (its extendedKeyUsage does not include serverAuth)");
        else if ((flags & EXFLAG_KUSAGE) &&
                 !(X509_get_key_usage(c->x) & (KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT)))
            snprintf(out->purpose, sizeof out->purpose,
                     "not for a TLS server (its keyUsage allows neither digitalSignature, keyEncipherment nor "
                     "keyAgreement)");
        else snprintf(out->purpose, sizeof out->purpose, "not for a TLS server (OpenSSL's purpose check)");
    }
    /* the chain a client needs: CA, the .pfx's own, Root, MY, Trust (chain_stores); issuer by
     * name and verified signature, up to a self-signed root (as sslbind-tls builds what it
     * serves); where that stops, the issuer in another store (WebHosting, …) is named */
    chain = store_chain(cs, c->x, c->others, &end, &unread, &why);
    top = chain ? sk_X509_value(chain, sk_X509_num(chain) - 1) : c->x;
    if (unread != SSLB_OK) {
        snprintf(out->chain, sizeof out->chain, "unknown: the stores cannot be read (%.900s)", why.text);
    } else if (!self_issued(top)) {
        char name[160] = "?", of[160] = "?";
        X509_NAME_oneline(X509_get_issuer_name(top), name, sizeof name);
        X509_NAME_oneline(X509_get_subject_name(top), of, sizeof of);
        char where[SSLB_STORE_NAME_MAX + 1] = "?";
        int found;
        int loop = issued_by_any(c->x, chain, top);
        if (end == SSLB_CHAIN_LONG)
            snprintf(out->chain, sizeof out->chain,
                     "incomplete: longer than %d certificates; a client that trusts only the root refuses it",
                     SSLB_CHAIN_MAX);
        else if (loop) /* certificates that issue each other: the chain turns round, no root ends it */
            snprintf(out->chain, sizeof out->chain,
                     "incomplete: %s (issuer of %s) is already in the chain: its certificates issue each other "
                     "in a loop and no root ends it; a client that trusts only a root refuses it",
                     name, top == c->x ? "the certificate" : of);
        else if ((found = issuer_anywhere(cs, top, where, sizeof where, &why)) == 2)
            ; /* the root itself: a client that trusts it has it, a server never sends it */
        else if (found < 0)
            snprintf(out->chain, sizeof out->chain, "unknown: the stores cannot be read (%.900s)", why.text);
        else if (found == 1)
            snprintf(out->chain, sizeof out->chain,
                     "incomplete: %s (issuer of %s) is an intermediate in store %s, not in store CA%s, Root, MY "
                     "or Trust, so the server does not send it; a client that trusts only the root refuses it",
                     name, top == c->x ? "the certificate" : of, where, c->others ? ", the .pfx" : "");
        else
            snprintf(out->chain, sizeof out->chain,
                     "maybe incomplete: %s (issuer of %s) is not on this server; if it is an intermediate, a "
                     "client that has only the root refuses it",
                     name, top == c->x ? "the certificate" : of);
    }
    sk_X509_pop_free(chain, X509_free);
    ERR_clear_error();
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
        hl -= 2; /* the name inside the brackets, and its length */
    }
    describe(c->x, NULL, c->thumb, c->store, c->file, &info);
    if (is_ip_literal(host, NULL)) {
        ok = X509_check_ip_asc(c->x, host, 0) == 1;
        if (!ok)
            snprintf(why, whylen, "%s is an IP address; the certificate's IP addresses are: %s", host,
                     info.ipaddrs[0] ? info.ipaddrs : "none");
        else snprintf(why, whylen, "%s is among the certificate's IP addresses", host);
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
    if (!info.dnsnames[0] && info.ipaddrs[0]) {
        snprintf(why, whylen,
                 "the certificate has no DNS names, only the IP addresses %s and the subject %s (browsers ignore the "
                 "subject CN), so it is valid for no DNS name",
                 info.ipaddrs, info.subject);
        return 0;
    }
    if (!info.dnsnames[0]) {
        snprintf(why, whylen,
                 "the certificate has no DNS names, only the subject %s; browsers ignore the subject CN, so it is "
                 "valid for no name at all",
                 info.subject);
        return 0;
    }
    /* Say why a wildcard did not cover the name, when one was close: every name, not only those
     * info.dnsnames has room for. */
    char t[4 * SSLB_HOST_MAX + 8];
    for (unsigned i = 0; sslb_cert_dnsname(c, i, t, sizeof t); i++) {
        const char *star = strchr(t, '*');
        if (!star) continue;
        if (strcmp(t, "*") == 0 || (t[0] == '*' && t[1] == '.' && !strchr(t + 2, '.'))) {
            /* OpenSSL and browsers want two labels after the '*' (X509_check_host) */
            snprintf(why, whylen,
                     "%s is a wildcard %s, which browsers and OpenSSL refuse: it matches no name; %s is not covered", t,
                     t[1] ? "directly over a top-level domain" : "alone", host);
            return 0;
        }
        if (t[0] == '*' && t[1] == '.') {
            size_t dl = strlen(t + 2), labels = 1;
            if (sslb__casecmp(host, t + 2) == 0) {
                snprintf(why, whylen, "%s does not cover the bare domain %s: a wildcard stands for exactly one label",
                         t, host);
                return 0;
            }
            if (hl > dl + 1 && sslb__casecmp(host + hl - dl, t + 2) == 0 && host[hl - dl - 1] == '.') {
                for (size_t k = 0; k < hl - dl - 1; k++) labels += host[k] == '.';
                if (labels > 1) {
                    snprintf(why, whylen, "%s covers one label only, and %s has %zu labels before %s", t, host, labels,
                             t + 2);
                    return 0;
                }
            }
        } else {
            snprintf(why, whylen, "%s is a partial wildcard, which browsers do not accept; %s is not covered", t, host);
            return 0;
        }
    }
    /* the names, whole, as many as why has room for (then ", and N more") */
    int used = snprintf(why, whylen, "%s is not among the certificate's DNS names: ", host), first = 1;
    unsigned i = 0, more = 0;
    size_t head = (size_t)used;
    int full = 0; /* a name did not fit: the later ones are counted (the list stays in order) */
    for (; used >= 0 && (size_t)used < whylen && sslb_cert_dnsname(c, i, t, sizeof t); i++) {
        size_t need = 2 + strlen(t) + sizeof ", and 4294967295 more";
        if (head + need > whylen) { /* too long even alone: skipped, the later ones still listed */
            more++;
            continue;
        }
        if (full || (size_t)used + need > whylen) {
            more++;
            full = 1;
            continue;
        }
        used += snprintf(why + used, whylen - (size_t)used, "%s%s", first ? "" : ", ", t);
        first = 0;
    }
    if (more && used >= 0 && (size_t)used < whylen)
        snprintf(why + used, whylen - (size_t)used, "%sand %u more", first ? "" : ", ", more);
    return 0;
}
