/* test_certstore_recovery.c — what a change to the stores leaves when it fails or dies, and what
 * readers see meanwhile: a file a change replaces is read from its backup ("<file>.prev", listed
 * in DIR/certs/.writing) until the commit, put back by the next writer when the change died and
 * removed after a commit; a store directory a failed or dead import made goes with it. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "sslb/certstore.h"

#define DATA SSLB_TEST_DATA "/certs/"

static char dir[64];
static sslb_certstore *cs;

static void setup(void)
{
    scratch_make(dir, sizeof dir, "certsrec");
    cr_assert_eq(sslb_certstore_open(dir, &cs, NULL), SSLB_OK);
}

static void teardown(void)
{
    sslb_certstore_close(cs);
    scratch_remove(dir);
}

TestSuite(recovery, .init = setup, .fini = teardown);

static void certs_path(char *path, size_t n, const char *rel)
{
    cr_assert_lt((size_t)snprintf(path, n, "%s/certs/%.200s", dir, rel), n);
}

static void write_text(const char *rel, const char *text)
{
    char path[512];
    FILE *f;
    certs_path(path, sizeof path, rel);
    cr_assert(f = fopen(path, "w"), "%s", path);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

static void copy(const char *from_rel, const char *to_rel)
{
    char from[512], to[512], buf[4096];
    size_t n;
    certs_path(from, sizeof from, from_rel);
    certs_path(to, sizeof to, to_rel);
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    cr_assert(in && out, "%s -> %s", from, to);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) cr_assert_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    cr_assert_eq(fclose(out), 0);
}

static int exists(const char *rel)
{
    char path[512];
    struct stat st;
    certs_path(path, sizeof path, rel);
    return lstat(path, &st) == 0;
}

static int same_file(const char *a_rel, const char *b_rel)
{
    char a[512], b[512], ba[8192], bb[8192];
    certs_path(a, sizeof a, a_rel);
    certs_path(b, sizeof b, b_rel);
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    cr_assert(fa && fb, "%s, %s", a, b);
    size_t na = fread(ba, 1, sizeof ba, fa), nb = fread(bb, 1, sizeof bb, fb);
    fclose(fa);
    fclose(fb);
    return na == nb && memcmp(ba, bb, na) == 0;
}

/* The thumbprint of the nth certificate (0: the first) of a PEM file, computed here. */
static void nth_thumb(const char *path, int nth, uint8_t out[20])
{
    FILE *f = fopen(path, "r");
    X509 *x = NULL;
    unsigned n = 0;
    cr_assert(f, "%s", path);
    for (int i = 0; i <= nth; i++) {
        X509_free(x);
        cr_assert(x = PEM_read_X509(f, NULL, NULL, NULL));
    }
    fclose(f);
    cr_assert_eq(X509_digest(x, EVP_sha1(), out, &n), 1);
    X509_free(x);
}

static sslb_certinfo create(const char *store, const char *subject)
{
    sslb_certinfo i;
    sslb_diag d = {{0}};
    cr_assert_eq(sslb_cert_create(cs, store, subject, NULL, 30, &i, &d), SSLB_OK, "%s", d.text);
    return i;
}

static sslb_rc import(const char *file, const char *store, sslb_diag *d)
{
    sslb_certinfo info[4];
    size_t n = 0;
    return sslb_cert_import(cs, store, file, NULL, info, 4, &n, d);
}

/* The next writer: finds a dead writer's mark under the lock and finishes its change. */
static void next_writer(void)
{
    create("Other", "next.contoso.com");
}

static int count(void *ctx, const sslb_certinfo *i)
{
    (void)i;
    ++*(int *)ctx;
    return 0;
}

static int listed(const char *store)
{
    int n = 0;
    cr_assert_eq(sslb_cert_list(cs, store, count, &n, NULL), SSLB_OK);
    return n;
}

/* A central store file a dead change replaced: every reader reads its backup, as it was before;
 * the next writer puts it back. */
Test(recovery, a_file_a_dead_change_replaced_is_read_from_its_backup_then_put_back)
{
    const sslb_central *cen = sslb_certstore_central(cs);
    sslb_certinfo before = create("CCS", "www.contoso.com");
    uint8_t th[20], contoso[20];
    sslb_cert *c;
    sslb_diag d = {{0}};

    copy("ccs/www.contoso.com.pfx", "before.pfx");
    cr_assert_eq(import(DATA "contoso.pem", "CCS", &d), SSLB_OK, "%s", d.text); /* replaces it */
    nth_thumb(DATA "contoso.pem", 0, contoso);
    cr_assert(cen->find(cen->ctx, "www.contoso.com", th) && memcmp(th, contoso, 20) == 0);
    /* as a change killed after its rename leaves it: the former content kept and listed */
    copy("before.pfx", "ccs/www.contoso.com.pfx.prev");
    write_text(".writing", "ccs/www.contoso.com.pfx.prev\n");
    cr_assert(cen->find(cen->ctx, "www.contoso.com", th), "resolve reads the file as committed");
    cr_assert(memcmp(th, before.thumb, 20) == 0, "the backup, not the replacement");
    cr_assert_eq(sslb_cert_load(cs, "CCS", contoso, &c), SSLB_ENOTFOUND, "the replacement is not there yet");
    cr_assert_eq(sslb_cert_load(cs, "CCS", before.thumb, &c), SSLB_OK);
    sslb_cert_free(c);
    cr_assert_eq(listed("CCS"), 1);
    next_writer();
    cr_assert(same_file("ccs/www.contoso.com.pfx", "before.pfx"), "the next writer puts the file back");
    cr_assert_not(exists("ccs/www.contoso.com.pfx.prev"));
    cr_assert_not(exists(".writing"));
    cr_assert(cen->find(cen->ctx, "www.contoso.com", th) && memcmp(th, before.thumb, 20) == 0);
}

/* A backup gone (the change committed or was rolled back while the reader read): the file as it
 * is. A committed change's list (.touching) with a backup: the next writer removes the backup and
 * keeps the new file. */
Test(recovery, a_committed_change_keeps_its_files_and_loses_its_backups)
{
    const sslb_central *cen = sslb_certstore_central(cs);
    uint8_t th[20], contoso[20];
    char path[512];
    sslb_diag d = {{0}};

    create("CCS", "www.contoso.com");
    copy("ccs/www.contoso.com.pfx", "before.pfx");
    cr_assert_eq(import(DATA "contoso.pem", "CCS", &d), SSLB_OK, "%s", d.text);
    nth_thumb(DATA "contoso.pem", 0, contoso);
    write_text(".writing", "ccs/www.contoso.com.pfx.prev\n"); /* listed, but no backup */
    cr_assert(cen->find(cen->ctx, "www.contoso.com", th) && memcmp(th, contoso, 20) == 0, "the file as it is");
    certs_path(path, sizeof path, ".writing");
    cr_assert_eq(unlink(path), 0);
    copy("ccs/www.contoso.com.pfx", "after.pfx");
    copy("before.pfx", "ccs/www.contoso.com.pfx.prev");
    write_text(".touching", "ccs/www.contoso.com.pfx.prev\n");
    cr_assert(cen->find(cen->ctx, "www.contoso.com", th) && memcmp(th, contoso, 20) == 0, "committed: the new file");
    next_writer();
    cr_assert(same_file("ccs/www.contoso.com.pfx", "after.pfx"), "the next writer keeps the committed file");
    cr_assert_not(exists("ccs/www.contoso.com.pfx.prev"), "and removes its backup");
    cr_assert_not(exists(".touching"));
}

/* A backup no mark lists (a writer killed between the backup and the line): the next writer
 * that finds a dead writer's mark sweeps it; the file stays as it is. */
Test(recovery, a_backup_no_mark_lists_is_swept)
{
    sslb_certinfo i = create("MY", "www.contoso.com");
    char key[128], prev[140];
    snprintf(key, sizeof key, "my/%s.key", sslb_certhash_format(i.thumb, (char[41]){0}));
    snprintf(prev, sizeof prev, "%s.prev", key);
    copy(key, "key.before");
    write_text(prev, "-----BEGIN PRIVATE KEY-----\n");
    write_text(".writing", "");
    next_writer();
    cr_assert_not(exists(prev));
    cr_assert(same_file(key, "key.before"));
    cr_assert_eq(sslb_cert_check_usable(cs, "MY", i.thumb, NULL), SSLB_OK);
}

/* A key whose file holds other bytes (another encoding of the same key), replaced by an import
 * that then fails: put back byte for byte, no backup left, nothing else written. */
Test(recovery, a_failed_import_puts_a_replaced_file_back)
{
    uint8_t leaf[20], ca[20];
    char key[128], crt[128], path[512];
    sslb_diag d = {{0}};
    EVP_PKEY *k;
    FILE *f;

    cr_assert_eq(import(DATA "chain-leaf.pem", "MY", &d), SSLB_OK, "%s", d.text);
    nth_thumb(DATA "chain-leaf.pem", 0, leaf);
    nth_thumb(DATA "chain-leaf.pem", 1, ca);
    snprintf(key, sizeof key, "my/%s.key", sslb_certhash_format(leaf, (char[41]){0}));
    snprintf(crt, sizeof crt, "my/%s.crt", sslb_certhash_format(leaf, (char[41]){0}));
    certs_path(path, sizeof path, key);
    cr_assert(f = fopen(path, "r"));
    cr_assert(k = PEM_read_PrivateKey(f, NULL, NULL, NULL));
    fclose(f);
    BIO *b = BIO_new_file(path, "w");
    cr_assert(b && PEM_write_bio_PrivateKey_traditional(b, k, NULL, NULL, 0, NULL, NULL));
    BIO_free(b);
    EVP_PKEY_free(k);
    copy(key, "key.before");
    cr_assert_eq(sslb_cert_delete(cs, "CA", ca, NULL), SSLB_OK);
    snprintf(path, sizeof path, "%s/certs/ca/%s.crt", dir, sslb_certhash_format(ca, (char[41]){0}));
    cr_assert_eq(mkdir(path, 0700), 0); /* the CA's file cannot be written */
    cr_assert_eq(import(DATA "chain-leaf.pem", "MY", &d), SSLB_EWRITE);
    cr_assert(same_file(key, "key.before"), "the key's former bytes are back");
    snprintf(path, sizeof path, "%s.prev", key);
    cr_assert_not(exists(path), "no backup stays");
    snprintf(path, sizeof path, "%s.prev", crt);
    cr_assert_not(exists(path));
    cr_assert_not(exists(".writing"));
    cr_assert_eq(sslb_cert_check_usable(cs, "MY", leaf, &d), SSLB_OK, "%s", d.text);
}

/* An import into a new store that fails (its root's file cannot be written) leaves no store:
 * neither the one named nor CA, made for the chain's CA. */
Test(recovery, a_failed_import_into_a_new_store_leaves_no_store)
{
    uint8_t root[20];
    char path[512];
    sslb_diag d = {{0}};

    nth_thumb(DATA "chain-leaf.pem", 2, root);
    certs_path(path, sizeof path, "root");
    cr_assert_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/certs/root/%s.crt", dir, sslb_certhash_format(root, (char[41]){0}));
    cr_assert_eq(mkdir(path, 0700), 0);
    cr_assert_eq(import(DATA "chain-leaf.pem", "WebHosting", &d), SSLB_EWRITE);
    cr_assert_not(exists("webhosting"), "the store the import made is gone with it");
    cr_assert_not(exists("ca"), "and so is CA, made for the chain's CA");
    cr_assert(exists("root"), "a store that was there stays");
    cr_assert_eq(listed(NULL), 0);
    cr_assert_eq(rmdir(path), 0);
    cr_assert_eq(import(DATA "chain-leaf.pem", "WebHosting", &d), SSLB_OK, "%s", d.text);
    cr_assert(exists("webhosting/.name"));
    cr_assert_eq(listed("WebHosting"), 1);
    cr_assert_eq(listed(NULL), 3);
}

/* A dead change's new store ("<store>/" in the mark) goes when it holds nothing but its name; a
 * store with anything else in it, or not a store name, stays. */
Test(recovery, a_dead_change_s_new_store_is_removed_when_empty)
{
    char path[512];
    sslb_certinfo i = create("Kept", "www.contoso.com");

    (void)i;
    certs_path(path, sizeof path, "webhosting");
    cr_assert_eq(mkdir(path, 0700), 0);
    write_text("webhosting/.name", "WebHosting");
    write_text("webhosting/.name.tmp.42.0badf00d", "WebHosting");
    certs_path(path, sizeof path, "notes");
    cr_assert_eq(mkdir(path, 0700), 0);
    write_text("notes/readme.txt", "mine");
    write_text(".writing", "webhosting/\nkept/\nnotes/\n../certs/\n.lock/\nwebhosting/x/\n");
    next_writer();
    cr_assert_not(exists("webhosting"), "the dead import's store is gone");
    cr_assert(exists("kept/.name"), "a store with a certificate stays, with its name");
    cr_assert_eq(listed("Kept"), 1);
    cr_assert(exists("notes/readme.txt"), "a directory with anything else stays");
    cr_assert(exists(".lock"));
}

/* A change killed after it listed a backup and before it renamed the new content in: the backup
 * is the file itself under a second name (a hard link). The next writer leaves the file and
 * removes the second name. */
Test(recovery, a_backup_still_linked_to_its_file_goes)
{
    sslb_certinfo i = create("MY", "www.contoso.com");
    char key[128], prev[140], a[512], b[512];
    struct stat st;

    snprintf(key, sizeof key, "my/%s.key", sslb_certhash_format(i.thumb, (char[41]){0}));
    snprintf(prev, sizeof prev, "%s.prev", key);
    copy(key, "key.before");
    certs_path(a, sizeof a, key);
    certs_path(b, sizeof b, prev);
    cr_assert_eq(link(a, b), 0);
    write_text(".writing", "my/x.crt\n");
    certs_path(a, sizeof a, ".writing");
    FILE *f = fopen(a, "a");
    cr_assert(f);
    fprintf(f, "%s\n", prev);
    fclose(f);
    cr_assert_eq(sslb_cert_check_usable(cs, "MY", i.thumb, NULL), SSLB_OK, "read through the backup: the same");
    next_writer();
    cr_assert_not(exists(prev));
    cr_assert(same_file(key, "key.before"));
    certs_path(a, sizeof a, key);
    cr_assert_eq(stat(a, &st), 0);
    cr_assert_eq(st.st_nlink, 1);
    cr_assert_eq(sslb_cert_check_usable(cs, "MY", i.thumb, NULL), SSLB_OK);
}
