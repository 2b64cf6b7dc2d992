/* test_certstore_faults.c — the certificate stores when OpenSSL or the disk fail them, forced
 * through the linker (-Wl,--wrap=X509_digest,--wrap=fsync,--wrap=unlink: only the library's own
 * calls are redirected here): a thumbprint that cannot be computed stores nothing, and every
 * change to a store directory is made durable with an fsync of that directory. (--wrap=
 * PKCS12_parse counts the parses of a .pfx: a read of one parses it once.) */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "sslb/certstore.h"

#define DATA SSLB_TEST_DATA "/certs/"

/* Each test runs in a process of its own: these are the test's, not shared between tests. */
static int fail_digest;
static int pkcs12_parses; /* calls of PKCS12_parse */
static struct stat synced[256];
static int nsynced;

int __real_X509_digest(const X509 *x, const EVP_MD *md, unsigned char *out, unsigned int *len);
int __wrap_X509_digest(const X509 *x, const EVP_MD *md, unsigned char *out, unsigned int *len);
int __real_PKCS12_parse(PKCS12 *p12, const char *pass, EVP_PKEY **pkey, X509 **cert, STACK_OF(X509) * *ca);
int __wrap_PKCS12_parse(PKCS12 *p12, const char *pass, EVP_PKEY **pkey, X509 **cert, STACK_OF(X509) * *ca);
int __real_fsync(int fd);
int __wrap_fsync(int fd);
int __real_unlink(const char *path);
int __wrap_unlink(const char *path);

/* Backups ("<file>.prev") removed, and whether the last one's directory was fsync'd since. */
static int backups_unlinked, backup_unsynced;
static struct stat backup_dir;
static char dir[64];

int __wrap_unlink(const char *path)
{
    int rc = __real_unlink(path);
    size_t n = strlen(path);
    const char *slash = strrchr(path, '/');
    char d[512];

    if (rc == 0 && n > 5 && strcmp(path + n - 5, ".prev") == 0 && slash) {
        snprintf(d, sizeof d, "%.*s", (int)(slash - path), path);
        backup_unsynced = stat(d, &backup_dir) == 0;
        backups_unlinked++;
    }
    return rc;
}

int __wrap_X509_digest(const X509 *x, const EVP_MD *md, unsigned char *out, unsigned int *len)
{
    return fail_digest ? 0 : __real_X509_digest(x, md, out, len);
}

int __wrap_PKCS12_parse(PKCS12 *p12, const char *pass, EVP_PKEY **pkey, X509 **cert, STACK_OF(X509) * *ca)
{
    pkcs12_parses++;
    return __real_PKCS12_parse(p12, pass, pkey, cert, ca);
}

static int files_synced; /* regular files fsync'd (temporary files about to be renamed) */
static int marked_first; /* at the first: DIR/certs/.writing existed, and DIR/certs was fsync'd */
static int was_synced(const char *path);

static int fail_mark_sync; /* an fsync of a directory while DIR/certs/.writing exists fails (EIO) */

int __wrap_fsync(int fd)
{
    struct stat st;
    if (fail_mark_sync && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        char mark[128];
        snprintf(mark, sizeof mark, "%s/certs/.writing", dir);
        if (access(mark, F_OK) == 0) {
            errno = EIO;
            return -1;
        }
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) && nsynced < 256) synced[nsynced++] = st;
    if (backup_unsynced && fstat(fd, &st) == 0 && st.st_dev == backup_dir.st_dev && st.st_ino == backup_dir.st_ino)
        backup_unsynced = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && files_synced++ == 0) {
        char mark[128], certs[128];
        snprintf(mark, sizeof mark, "%s/certs/.writing", dir);
        snprintf(certs, sizeof certs, "%s/certs", dir);
        marked_first = access(mark, F_OK) == 0 && was_synced(certs);
    }
    return __real_fsync(fd);
}

/* 1 if the directory path was fsync'd since the counter was reset. */
static int was_synced(const char *path)
{
    struct stat st;
    cr_assert_eq(stat(path, &st), 0, "%s", path);
    for (int i = 0; i < nsynced; i++)
        if (synced[i].st_dev == st.st_dev && synced[i].st_ino == st.st_ino) return 1;
    return 0;
}

static sslb_certstore *cs;

static void setup(void)
{
    scratch_make(dir, sizeof dir, "faults");
    cr_assert_eq(sslb_certstore_open(dir, &cs, NULL), SSLB_OK);
}

static void teardown(void)
{
    sslb_certstore_close(cs);
    scratch_remove(dir);
}

TestSuite(certstore_faults, .init = setup, .fini = teardown);

static int entries(const char *path)
{
    DIR *dp = opendir(path);
    struct dirent *e;
    int n = 0;
    if (!dp) return 0;
    while ((e = readdir(dp)))
        if (e->d_name[0] != '.') n++;
    closedir(dp);
    return n;
}

Test(certstore_faults, a_thumbprint_that_cannot_be_computed_stores_nothing)
{
    sslb_certinfo info[4];
    size_t n = 9;
    sslb_diag d = {{0}};
    char my[128];

    fail_digest = 1;
    cr_assert_eq(sslb_cert_import(cs, "MY", DATA "contoso.pem", NULL, info, 4, &n, &d), SSLB_ENOMEM,
                 "it used to be stored under a thumbprint of uninitialised bytes");
    cr_assert(strstr(d.text, "thumbprint"), "%s", d.text);
    cr_assert_eq(n, 0);
    cr_assert_eq(sslb_cert_create(cs, "MY", "www.contoso.com", NULL, 30, info, &d), SSLB_ENOMEM);
    cr_assert(strstr(d.text, "thumbprint"), "%s", d.text);
    snprintf(my, sizeof my, "%s/certs/my", dir);
    cr_assert_eq(entries(my), 0, "nothing written");
}

Test(certstore_faults, a_certificate_that_cannot_be_named_is_not_listed_nor_loaded)
{
    sslb_certinfo i[4];
    size_t n;
    sslb_cert *c;
    sslb_diag d = {{0}};
    cr_assert_eq(sslb_cert_import(cs, "MY", DATA "contoso.pem", NULL, i, 4, &n, &d), SSLB_OK, "%s", d.text);
    fail_digest = 1;
    cr_assert_eq(sslb_cert_load(cs, "MY", i[0].thumb, &c), SSLB_ENOTFOUND);
    cr_assert_eq(sslb_cert_check_usable(cs, "MY", i[0].thumb, &d), SSLB_ENOCERT);
}

Test(certstore_faults, a_new_store_and_a_deletion_are_durable)
{
    sslb_certinfo i[4];
    size_t n;
    char certs[128], store[128];

    snprintf(certs, sizeof certs, "%s/certs", dir);
    snprintf(store, sizeof store, "%s/certs/fresh", dir);
    nsynced = 0;
    cr_assert_eq(sslb_cert_import(cs, "Fresh", DATA "contoso.pem", NULL, i, 4, &n, NULL), SSLB_OK);
    cr_assert(was_synced(certs), "the new store's directory entry in certs/ is fsync'd");
    cr_assert(was_synced(store), "the new files' entries are fsync'd");
    nsynced = 0;
    cr_assert_eq(sslb_cert_delete(cs, "Fresh", i[0].thumb, NULL), SSLB_OK);
    cr_assert(was_synced(store), "the removal is fsync'd");
}

/* A writer killed mid-import is found by its mark: the mark is on disk before the first temporary
 * file is, and gone once the write is over. */
Test(certstore_faults, the_writing_mark_is_durable_before_any_temporary_file)
{
    sslb_certinfo i[4];
    size_t n;
    char mark[128];

    cr_assert_eq(sslb_cert_import(cs, "MY", DATA "shop.pem", NULL, i, 4, &n, NULL), SSLB_OK); /* MY exists */
    nsynced = 0;
    files_synced = 0;
    cr_assert_eq(sslb_cert_import(cs, "MY", DATA "contoso.pem", NULL, i, 4, &n, NULL), SSLB_OK);
    cr_assert(files_synced > 0);
    cr_assert(marked_first, "DIR/certs/.writing exists, fsync'd, when the first temporary file is");
    snprintf(mark, sizeof mark, "%s/certs/.writing", dir);
    cr_assert_eq(access(mark, F_OK), -1, "and is gone after the import");
}

Test(certstore_faults, opening_a_new_machine_makes_certs_durable)
{
    char other[128];
    sslb_certstore *o;

    snprintf(other, sizeof other, "%s/B", dir);
    cr_assert_eq(mkdir(other, 0700), 0);
    nsynced = 0;
    cr_assert_eq(sslb_certstore_open(other, &o, NULL), SSLB_OK);
    cr_assert(was_synced(other), "DIR is fsync'd after DIR/certs is made");
    sslb_certstore_close(o);
}

/* A commit removes the backups of the files it replaced, which may hold private keys: their
 * removal is fsync'd (a power loss must not bring one back). */
Test(certstore_faults, a_commit_s_removal_of_its_backups_is_durable)
{
    sslb_certinfo i[4];
    size_t n;
    sslb_diag d = {{0}};

    cr_assert_eq(sslb_cert_create(cs, "CCS", "www.contoso.com", NULL, 30, i, &d), SSLB_OK, "%s", d.text);
    backups_unlinked = 0;
    cr_assert_eq(sslb_cert_import(cs, "CCS", DATA "contoso.pem", NULL, i, 4, &n, &d), SSLB_OK, "%s", d.text);
    cr_assert_gt(backups_unlinked, 0, "the import replaced www.contoso.com.pfx");
    cr_assert_not(backup_unsynced, "the directory is fsync'd after the backup's removal");
}

static char *gen_text(const char *path)
{
    static char buf[64];
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    buf[n] = '\0';
    return buf;
}

/* A change whose mark cannot be made durable (here the directory's fsync fails; in the field
 * `ulimit -n 5` fails it with EMFILE, review 35 F5) changes nothing: no file, no mark, and not
 * the generation either, which readers compare. */
Test(certstore_faults, a_change_that_cannot_make_its_mark_leaves_the_generation)
{
    sslb_certinfo i[4];
    size_t n;
    sslb_diag d = {{0}};
    char gen[128], mark[128], my[128], before[64];

    cr_assert_eq(sslb_cert_import(cs, "MY", DATA "shop.pem", NULL, i, 4, &n, &d), SSLB_OK, "%s", d.text);
    snprintf(gen, sizeof gen, "%s/certs/.generation", dir);
    snprintf(mark, sizeof mark, "%s/certs/.writing", dir);
    snprintf(my, sizeof my, "%s/certs/my", dir);
    snprintf(before, sizeof before, "%s", gen_text(gen));
    cr_assert_str_eq(before, "2\n");
    fail_mark_sync = 1;
    cr_assert_eq(sslb_cert_create(cs, "MY", "new.contoso.com", NULL, 30, &i[1], &d), SSLB_EWRITE);
    cr_assert(strstr(d.text, ".writing"), "%s", d.text);
    cr_assert_str_eq(gen_text(gen), before, "create: the generation as it was");
    cr_assert_eq(sslb_cert_import(cs, "MY", DATA "contoso.pem", NULL, &i[1], 3, &n, &d), SSLB_EWRITE);
    cr_assert_str_eq(gen_text(gen), before, "import: the generation as it was");
    cr_assert_eq(sslb_cert_delete(cs, "MY", i[0].thumb, &d), SSLB_EWRITE);
    cr_assert_str_eq(gen_text(gen), before, "delete: the generation as it was");
    cr_assert_eq(access(mark, F_OK), -1, "no mark left");
    cr_assert_eq(entries(my), 2, "shop's certificate and key, nothing else");
    fail_mark_sync = 0;
    cr_assert_eq(sslb_cert_create(cs, "MY", "new.contoso.com", NULL, 30, &i[1], &d), SSLB_OK, "%s", d.text);
    cr_assert_str_eq(gen_text(gen), "4\n", "the next change moves it on by one change");
}

/* A central store file that holds a certificate and no private key (PKCS12_parse: no key, the
 * certificate among the others) is read with one parse: a parse that succeeds without a key read
 * a file without one (OpenSSL fails the whole parse when a key's bag cannot be decoded, memory
 * included), so no second parse is needed to tell it from one that ran out of memory. */
Test(certstore_faults, a_keyless_central_store_file_is_parsed_once)
{
    char path[256];
    sslb_cert *c = NULL;
    sslb_diag why = {{0}};
    FILE *in, *out;
    int ch;

    snprintf(path, sizeof path, "%s/certs/ccs", dir);
    cr_assert_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/certs/ccs/www.contoso.com.pfx", dir);
    cr_assert((in = fopen(DATA "cert-only.pfx", "rb")) && (out = fopen(path, "wb")));
    while ((ch = fgetc(in)) != EOF) fputc(ch, out);
    fclose(in);
    cr_assert_eq(fclose(out), 0);
    pkcs12_parses = 0;
    cr_assert_eq(sslb_cert_load_ccs(cs, "www.contoso.com", &c, &why), SSLB_ECORRUPT);
    cr_assert_eq(pkcs12_parses, 1, "parsed %d times", pkcs12_parses);
    cr_assert_str_eq(why.text, "it is a PKCS#12 file without a private key", "what it is, said");
}
