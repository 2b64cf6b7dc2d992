/* test_certstore_recovery.c — what a change to the stores leaves when it fails or dies, and what
 * readers see meanwhile: a file a change replaces is read from its backup ("<file>.prev", listed
 * in DIR/certs/.writing) until the commit, put back by the next writer when the change died and
 * removed after a commit; a store directory a failed or dead import made goes with it. A reader
 * racing a writer (a thread) is interleaved through the linker (-Wl,--wrap=open,--wrap=rename:
 * the library's own calls come here; open's other names too, for _FORTIFY_SOURCE turns an open
 * whose flags are not a constant into __open_2, and _FILE_OFFSET_BITS=64 into open64): the writer stops before its
 * commit or its rollback, the reader lets it go on at its Nth open, for every N; a rename made to fail stands for a
 * backup that cannot be put back. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

/* A backup no ".prev" line lists (a writer killed between the backup and that line): the mark
 * says "~<store>/<file>" before the backup is made, and the next writer that finds it removes
 * the backup; the file stays as it is. */
Test(recovery, a_backup_no_mark_lists_is_swept)
{
    sslb_certinfo i = create("MY", "www.contoso.com");
    char key[128], prev[140], mark[160];
    snprintf(key, sizeof key, "my/%s.key", sslb_certhash_format(i.thumb, (char[41]){0}));
    snprintf(prev, sizeof prev, "%s.prev", key);
    snprintf(mark, sizeof mark, "~%s\n", key);
    copy(key, "key.before");
    write_text(prev, "-----BEGIN PRIVATE KEY-----\n");
    write_text(".writing", mark);
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

/* A store that is a symbolic link to a directory elsewhere (the user's own link: the state
 * directory is theirs) is followed by the rollback as by the import: a dead import's files there
 * go, as in any store (a rollback that did not follow it left them for good). */
Test(recovery, a_dead_change_in_a_store_reached_by_a_link_is_rolled_back)
{
    sslb_certinfo i = create("Linked", "www.contoso.com");
    char elsewhere[128], path[512], crt[128], key[128], hex[41];

    snprintf(elsewhere, sizeof elsewhere, "%s/elsewhere", dir);
    certs_path(path, sizeof path, "linked");
    cr_assert_eq(rename(path, elsewhere), 0);
    cr_assert_eq(symlink("../elsewhere", path), 0);
    cr_assert_eq(listed("Linked"), 1, "read through the link");
    /* a second certificate a killed import left there, listed in the mark as created */
    sslb_certhash_format(i.thumb, hex);
    snprintf(crt, sizeof crt, "linked/%s.crt", hex);
    snprintf(key, sizeof key, "linked/%s.key", hex);
    copy(crt, "linked/0123456789abcdef0123456789abcdef01234567.crt");
    copy(key, "linked/0123456789abcdef0123456789abcdef01234567.key");
    write_text(".writing", "linked/0123456789abcdef0123456789abcdef01234567.key\n"
                           "linked/0123456789abcdef0123456789abcdef01234567.crt\n");
    cr_assert_eq(listed("Linked"), 1, "the dead import's certificate is hidden");
    /* and a delete's key, its certificate removed, the delete killed before the key */
    write_text("linked/fedcba9876543210fedcba9876543210fedcba98.key", "a key without its certificate");
    write_text("linked/fedcba9876543210fedcba9876543210fedcba98.crt.prev", "the deleted certificate");
    certs_path(path, sizeof path, ".writing");
    FILE *f = fopen(path, "a");
    cr_assert(f);
    fputs("~linked/fedcba9876543210fedcba9876543210fedcba98.crt\n", f);
    cr_assert_eq(fclose(f), 0);
    next_writer();
    cr_assert_not(exists("linked/fedcba9876543210fedcba9876543210fedcba98.crt.prev"));
    cr_assert_not(exists("linked/fedcba9876543210fedcba9876543210fedcba98.key"), "swept through the link");
    cr_assert_not(exists("linked/0123456789abcdef0123456789abcdef01234567.crt"), "rolled back through the link");
    cr_assert_not(exists("linked/0123456789abcdef0123456789abcdef01234567.key"));
    cr_assert(exists(crt) && exists(key), "the store's own certificate stays");
    cr_assert_eq(listed("Linked"), 1);
}

/* A mark that lists a backup no one made, with no lock file a writer could hold (removed, or
 * something else in its place): no change can be running, so a reader reads the file itself, at
 * once, as under the lock (it used to read again and again, lock-free, for seconds, then list
 * nothing of that store). */
static void reads_without_a_lock_file(int make_directory)
{
    sslb_certinfo i = create("MY", "www.contoso.com");
    char mark[128], lock[512];
    sslb_cert *c;
    int n = snprintf(mark, sizeof mark, "my/");

    for (int k = 0; k < 20; k++) n += snprintf(mark + n, sizeof mark - (size_t)n, "%02x", i.thumb[k]);
    snprintf(mark + n, sizeof mark - (size_t)n, ".crt.prev\n");
    certs_path(lock, sizeof lock, ".lock");
    cr_assert_eq(unlink(lock), 0);
    if (make_directory) cr_assert_eq(mkdir(lock, 0700), 0);
    write_text(".writing", mark);
    cr_assert_eq(listed("MY"), 1, "the certificate is listed");
    cr_assert_eq(sslb_cert_load(cs, "MY", i.thumb, &c), SSLB_OK);
    sslb_cert_free(c);
}

Test(recovery, a_reader_without_a_lock_file_reads_the_file_a_mark_lists_as_backed_up)
{
    reads_without_a_lock_file(0);
}

Test(recovery, a_reader_with_a_directory_for_a_lock_file_reads_the_file_a_mark_lists_as_backed_up)
{
    reads_without_a_lock_file(1);
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

/* ---- a writer stopped, a reader racing it ------------------------------------------------- */

int __real_open(const char *path, int flags, ...);
int __wrap_open(const char *path, int flags, ...);
int __real_open64(const char *path, int flags, ...);
int __wrap_open64(const char *path, int flags, ...);
int __real___open_2(const char *path, int flags);
int __wrap___open_2(const char *path, int flags);
int __real___open64_2(const char *path, int flags);
int __wrap___open64_2(const char *path, int flags);
int __real_rename(const char *from, const char *to);
int __wrap_rename(const char *from, const char *to);

static sem_t at_stop, go_on, writer_done;
static const char *stop_from, *stop_to; /* the writer stops before the rename from "…<stop_from>"
                                         * or to "…<stop_to>" (NULL: never), once */
static const char *fail_from;           /* a rename from "…<fail_from>" fails (EIO) while set */
static pthread_t reader;
static int reader_opens = -1, release_at; /* the reader's opens under dir; at the Nth, the writer goes on */
static int released;

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

int __wrap_rename(const char *from, const char *to)
{
    if ((stop_from && ends_with(from, stop_from)) || (stop_to && ends_with(to, stop_to))) {
        stop_from = stop_to = NULL;
        sem_post(&at_stop);
        sem_wait(&go_on);
    }
    if (fail_from && ends_with(from, fail_from)) {
        errno = EIO;
        return -1;
    }
    return __real_rename(from, to);
}

/* A read-only open of a path ending in fail_suffix fails with fail_errno while set: a store file,
 * or the mark, that cannot be read (EACCES for another user's, EMFILE under ulimit -n). */
static const char *fail_suffix;
static int fail_errno;

static int failed_open(const char *path, int flags)
{
    if (!fail_suffix || (flags & O_ACCMODE) != O_RDONLY || !ends_with(path, fail_suffix)) return 0;
    errno = fail_errno;
    return 1;
}

/* Every name open goes by (the fortified ones take no mode: they are called without O_CREAT). */
static void seen_open(const char *path)
{
    if (reader_opens >= 0 && pthread_equal(pthread_self(), reader) && strncmp(path, dir, strlen(dir)) == 0 &&
        ++reader_opens == release_at) {
        released = 1;
        sem_post(&go_on);
        sem_wait(&writer_done);
    }
}

static mode_t open_mode(int flags, va_list ap)
{
    /* O_TMPFILE holds O_DIRECTORY's bit: a mode comes with O_CREAT or the whole of O_TMPFILE only */
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int __wrap_open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    seen_open(path);
    if (failed_open(path, flags)) return -1;
    return __real_open(path, flags, mode);
}

int __wrap_open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    seen_open(path);
    if (failed_open(path, flags)) return -1;
    return __real_open64(path, flags, mode);
}

int __wrap___open_2(const char *path, int flags)
{
    seen_open(path);
    if (failed_open(path, flags)) return -1;
    return __real___open_2(path, flags);
}

int __wrap___open64_2(const char *path, int flags)
{
    seen_open(path);
    if (failed_open(path, flags)) return -1;
    return __real___open64_2(path, flags);
}

/* A PEM file: one new EC key and a self-signed certificate for each DNS name given (NULL-ended). */
static void make_pem(const char *path, const char *const *names)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    FILE *f = fopen(path, "w");
    cr_assert(key && f);
    for (int i = 0; names[i]; i++) {
        X509 *x = X509_new();
        char san[128];
        cr_assert(x);
        X509_set_version(x, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(x), i + 1);
        X509_gmtime_adj(X509_getm_notBefore(x), 0);
        X509_gmtime_adj(X509_getm_notAfter(x), (long)(30 + i) * 86400);
        X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC, (const unsigned char *)names[i], -1,
                                   -1, 0);
        X509_set_issuer_name(x, X509_get_subject_name(x));
        X509_set_pubkey(x, key);
        snprintf(san, sizeof san, "DNS:%s", names[i]);
        X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, NULL, NID_subject_alt_name, san);
        cr_assert(ext && X509_add_ext(x, ext, -1));
        X509_EXTENSION_free(ext);
        cr_assert(X509_sign(x, key, EVP_sha256()) > 0);
        cr_assert(PEM_write_X509(f, x));
        X509_free(x);
    }
    cr_assert(PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL));
    cr_assert_eq(fclose(f), 0);
    EVP_PKEY_free(key);
}

struct job {
    const char *file; /* an import into the central store, or (NULL) the next writer: a create in Other */
    sslb_rc rc;
};

static void *import_job(void *arg)
{
    struct job *j = arg;
    sslb_certinfo info[4];
    size_t n = 0;
    j->rc = j->file ? sslb_cert_import(cs, "CCS", j->file, NULL, info, 4, &n, NULL)
                    : sslb_cert_create(cs, "Other", "next.contoso.com", NULL, 30, info, NULL);
    sem_post(&writer_done);
    return NULL;
}

/* Starts the job (an import of file into the central store, or the next writer) that stops before the rename named (as
 * stop_from / stop_to), and returns once it has stopped. */
static pthread_t start_stopped(struct job *j, const char *from, const char *to)
{
    pthread_t t;
    cr_assert_eq(sem_init(&at_stop, 0, 0), 0);
    cr_assert_eq(sem_init(&go_on, 0, 0), 0);
    cr_assert_eq(sem_init(&writer_done, 0, 0), 0);
    stop_from = from;
    stop_to = to;
    cr_assert_eq(pthread_create(&t, NULL, import_job, j), 0);
    sem_wait(&at_stop);
    reader = pthread_self();
    released = 0;
    return t;
}

/* After the reader: the writer goes on (if the reader did not let it) and ends. */
static void finish(pthread_t t, int n)
{
    reader_opens = -1;
    if (!released) {
        sem_post(&go_on);
        sem_wait(&writer_done);
    }
    cr_assert_eq(pthread_join(t, NULL), 0, "at open %d", n);
    sem_destroy(&at_stop);
    sem_destroy(&go_on);
    sem_destroy(&writer_done);
}

/* The central store's listing, "<file> <hash>" sorted, in buf. */
struct lines {
    char v[8][80];
    int n;
};

static int collect(void *ctx, const sslb_certinfo *i)
{
    struct lines *l = ctx;
    char th[41];
    if (l->n < 8) snprintf(l->v[l->n++], sizeof l->v[0], "%.30s %.40s", i->file, sslb_certhash_format(i->thumb, th));
    return 0;
}

static int collect_thumb(void *ctx, const sslb_certinfo *i)
{
    *(sslb_certinfo *)ctx = *i;
    return 0;
}

static void ccs_listing(char *buf, size_t n)
{
    struct lines l = {.n = 0};
    cr_assert_eq(sslb_cert_list(cs, "CCS", collect, &l, NULL), SSLB_OK);
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < l.n && k < n; i++) /* the listing is sorted by file */
        k += (size_t)snprintf(buf + k, n - k, "%s;", l.v[i]);
}

/* A listing without the lock (a writer holds it past the wait) while an import that replaces
 * a.contoso.com.pfx and creates b.contoso.com.pfx commits, at each of the listing's opens: the
 * central store before, or after, never the new a with b still hidden. */
Test(recovery, a_lock_free_listing_racing_a_commit_shows_before_or_after)
{
    char pem[128], before[1024], after[1024], mid[1024];
    struct job j = {pem, SSLB_OK};

    setenv("SSLBIND_LOCK_WAIT", "0", 1);
    snprintf(pem, sizeof pem, "%s/two.pem", dir);
    make_pem(pem, (const char *const[]){"a.contoso.com", "b.contoso.com", NULL});
    create("CCS", "a.contoso.com");
    copy("ccs/a.contoso.com.pfx", "a.before");
    ccs_listing(before, sizeof before);
    cr_assert_eq(import(pem, "CCS", NULL), SSLB_OK);
    ccs_listing(after, sizeof after);
    cr_assert_str_neq(before, after);
    int n;
    for (n = 1; n < 200; n++) {
        certs_path(mid, sizeof mid, "ccs/b.contoso.com.pfx");
        cr_assert_eq(unlink(mid), 0);
        copy("a.before", "ccs/a.contoso.com.pfx");
        pthread_t t = start_stopped(&j, NULL, "/.touching"); /* stopped before its commit */
        release_at = n;
        reader_opens = 0;
        ccs_listing(mid, sizeof mid);
        int was_released = released;
        finish(t, n);
        cr_assert_eq(j.rc, SSLB_OK);
        cr_assert(strcmp(mid, before) == 0 || strcmp(mid, after) == 0,
                  "committed at the listing's open %d: %s (before: %s; after: %s)", n, mid, before, after);
        if (!was_released) break; /* the listing ran to its end before the commit: every open tried */
    }
    cr_assert_gt(n, 3, "the listing opened files");
}

/* A lookup without the lock while an import that replaced a.contoso.com.pfx is rolled back (its
 * second file cannot be written), the rollback let go at each of the lookup's opens: the file as
 * it was, never the content the import wrote and put back. */
Test(recovery, a_lock_free_lookup_racing_a_rollback_never_sees_the_rolled_back_file)
{
    const sslb_central *cen = sslb_certstore_central(cs);
    char pem[128], path[512];
    struct job j = {pem, SSLB_OK};
    uint8_t th[20];
    sslb_certinfo before;

    snprintf(pem, sizeof pem, "%s/two.pem", dir);
    make_pem(pem, (const char *const[]){"a.contoso.com", "b.contoso.com", NULL});
    before = create("CCS", "a.contoso.com");
    certs_path(path, sizeof path, "ccs/b.contoso.com.pfx");
    cr_assert_eq(mkdir(path, 0700), 0); /* b's file cannot be written: the import fails */
    int n;
    for (n = 1; n < 200; n++) {
        pthread_t t = start_stopped(&j, ".pfx.prev", NULL); /* stopped before it puts a back */
        release_at = n;
        reader_opens = 0;
        int found = cen->find(cen->ctx, "a.contoso.com", th);
        int was_released = released;
        finish(t, n);
        cr_assert_eq(j.rc, SSLB_EWRITE);
        cr_assert_eq(found, 1, "at the lookup's open %d", n);
        cr_assert(memcmp(th, before.thumb, 20) == 0,
                  "rolled back at the lookup's open %d: the file read is the import's", n);
        if (!was_released) break;
    }
    cr_assert_gt(n, 1);
    cr_assert_not(exists(".writing"));
    cr_assert_not(exists("ccs/a.contoso.com.pfx.prev"));
}

/* Two certificates of one key and one host name into the central store: both would be
 * a.contoso.com.pfx, the import naming both while one file holds one. Refused, nothing written,
 * whether the file was there or not. */
Test(recovery, two_certificates_of_one_host_into_the_central_store_are_refused)
{
    char pem[128];
    sslb_diag d = {{0}};

    snprintf(pem, sizeof pem, "%s/same.pem", dir);
    make_pem(pem, (const char *const[]){"a.contoso.com", "A.contoso.com", NULL});
    create("CCS", "other.contoso.com");
    cr_assert_eq(import(pem, "CCS", &d), SSLB_EINVAL);
    cr_assert(strstr(d.text, "certificates 1 (") && strstr(d.text, "and 2 (") &&
                  strstr(d.text, "would both be the central store file a.contoso.com.pfx"),
              "%s", d.text);
    cr_assert_not(exists("ccs/a.contoso.com.pfx"));
    cr_assert_not(exists(".writing"));
    create("CCS", "a.contoso.com");
    copy("ccs/a.contoso.com.pfx", "a.before");
    cr_assert_eq(import(pem, "CCS", &d), SSLB_EINVAL);
    cr_assert(same_file("ccs/a.contoso.com.pfx", "a.before"));
    cr_assert_not(exists("ccs/a.contoso.com.pfx.prev"));
    cr_assert_eq(listed("CCS"), 2);
}

/* A dead change's mark that lists one file created, then replaced (what an older version wrote
 * for a .pfx written twice in one import): the next writer walks it newest first, as a rollback
 * does: the backup (the first content, never committed) renamed back, then the file removed:
 * nothing stays. */
Test(recovery, a_dead_change_is_rolled_back_newest_first)
{
    create("CCS", "www.contoso.com");
    copy("ccs/www.contoso.com.pfx", "ccs/a.contoso.com.pfx.prev"); /* never committed */
    copy("ccs/www.contoso.com.pfx", "ccs/a.contoso.com.pfx");
    write_text(".writing", "ccs/a.contoso.com.pfx\nccs/a.contoso.com.pfx.prev\n");
    cr_assert_eq(listed("CCS"), 1, "the created file is hidden");
    next_writer();
    cr_assert_not(exists("ccs/a.contoso.com.pfx"), "a file no change committed stays");
    cr_assert_not(exists("ccs/a.contoso.com.pfx.prev"));
    cr_assert_not(exists(".writing"));
    cr_assert_eq(listed("CCS"), 1);
}

/* A dead change's backup that cannot be renamed back (a directory stands at the file): the mark
 * and the backup stay, readers read the backup, no change is made meanwhile; once it can, the
 * next writer puts the file back. */
Test(recovery, a_rollback_that_cannot_put_a_file_back_keeps_the_mark)
{
    const sslb_central *cen = sslb_certstore_central(cs);
    sslb_certinfo before = create("CCS", "www.contoso.com");
    char path[512];
    uint8_t th[20];
    sslb_diag d = {{0}};
    sslb_certinfo i;

    copy("ccs/www.contoso.com.pfx", "before.pfx");
    copy("ccs/www.contoso.com.pfx", "ccs/www.contoso.com.pfx.prev");
    certs_path(path, sizeof path, "ccs/www.contoso.com.pfx");
    cr_assert_eq(unlink(path), 0);
    cr_assert_eq(mkdir(path, 0700), 0);
    write_text("ccs/www.contoso.com.pfx/x", "in the way");
    write_text(".writing", "ccs/www.contoso.com.pfx.prev\n");
    cr_assert_eq(sslb_cert_create(cs, "Other", "next.contoso.com", NULL, 30, &i, &d), SSLB_EWRITE);
    cr_assert(strstr(d.text, "cannot roll back"), "%s", d.text);
    cr_assert(exists(".writing"), "the mark stays");
    cr_assert(same_file("ccs/www.contoso.com.pfx.prev", "before.pfx"), "and so does the backup");
    cr_assert_not(exists("other"), "nothing written");
    cr_assert(cen->find(cen->ctx, "www.contoso.com", th) == 1 && memcmp(th, before.thumb, 20) == 0,
              "readers read the backup");
    certs_path(path, sizeof path, "ccs/www.contoso.com.pfx/x");
    cr_assert_eq(unlink(path), 0);
    certs_path(path, sizeof path, "ccs/www.contoso.com.pfx");
    cr_assert_eq(rmdir(path), 0);
    next_writer();
    cr_assert(same_file("ccs/www.contoso.com.pfx", "before.pfx"), "put back");
    cr_assert_not(exists("ccs/www.contoso.com.pfx.prev"));
    cr_assert_not(exists(".writing"));
}

/* The same with a dead writer's change: an import killed before its commit (a.contoso.com.pfx
 * replaced, its backup listed, the generation odd) rolled back by the next writer, let go at each
 * of the lookup's opens: the file as it was before, never the dead import's. */
Test(recovery, a_lock_free_lookup_racing_the_next_writer_s_rollback_never_sees_the_dead_change)
{
    const sslb_central *cen = sslb_certstore_central(cs);
    char pem[128];
    struct job j = {NULL, SSLB_OK};
    uint8_t th[20];
    sslb_certinfo before, other;

    snprintf(pem, sizeof pem, "%s/one.pem", dir);
    make_pem(pem, (const char *const[]){"a.contoso.com", NULL});
    before = create("CCS", "a.contoso.com");
    copy("ccs/a.contoso.com.pfx", "a.before");
    cr_assert_eq(import(pem, "CCS", NULL), SSLB_OK);
    copy("ccs/a.contoso.com.pfx", "a.dead");
    int n;
    for (n = 1; n < 200; n++) {
        if (exists("other")) cr_assert_eq(sslb_cert_delete(cs, "Other", other.thumb, NULL), SSLB_OK);
        copy("a.dead", "ccs/a.contoso.com.pfx");
        copy("a.before", "ccs/a.contoso.com.pfx.prev");
        write_text(".writing", "ccs/a.contoso.com.pfx.prev\n");
        write_text(".generation", "1001\n"); /* a change under way */
        cr_assert(cen->find(cen->ctx, "a.contoso.com", th) == 1 && memcmp(th, before.thumb, 20) == 0);
        pthread_t t = start_stopped(&j, ".pfx.prev", NULL); /* the next writer, before it puts a back */
        release_at = n;
        reader_opens = 0;
        int found = cen->find(cen->ctx, "a.contoso.com", th);
        int was_released = released;
        finish(t, n);
        cr_assert_eq(j.rc, SSLB_OK);
        cr_assert(same_file("ccs/a.contoso.com.pfx", "a.before"), "rolled back");
        cr_assert_eq(found, 1, "at the lookup's open %d", n);
        cr_assert(memcmp(th, before.thumb, 20) == 0, "rolled back at the lookup's open %d: the dead import's file read",
                  n);
        cr_assert_eq(sslb_cert_list(cs, "Other", collect_thumb, &other, NULL), SSLB_OK);
        if (!was_released) break;
    }
    cr_assert_gt(n, 1);
}

/* An import that fails (its second file cannot be written) and then cannot rename its backup of
 * the first back: the mark and the backup stay, every reader reads the file as it was, and the
 * next writer puts it back. */
Test(recovery, a_failed_import_that_cannot_put_a_file_back_keeps_the_mark)
{
    const sslb_central *cen = sslb_certstore_central(cs);
    char pem[128], path[512];
    uint8_t th[20];
    sslb_certinfo before;

    snprintf(pem, sizeof pem, "%s/two.pem", dir);
    make_pem(pem, (const char *const[]){"a.contoso.com", "b.contoso.com", NULL});
    before = create("CCS", "a.contoso.com");
    copy("ccs/a.contoso.com.pfx", "a.before");
    certs_path(path, sizeof path, "ccs/b.contoso.com.pfx");
    cr_assert_eq(mkdir(path, 0700), 0); /* b's file cannot be written: the import fails */
    fail_from = "/a.contoso.com.pfx.prev";
    cr_assert_eq(import(pem, "CCS", NULL), SSLB_EWRITE);
    fail_from = NULL;
    cr_assert(exists(".writing"), "the mark stays");
    cr_assert(same_file("ccs/a.contoso.com.pfx.prev", "a.before"), "and the backup");
    cr_assert_not(same_file("ccs/a.contoso.com.pfx", "a.before"), "the import's file is still in place");
    cr_assert(cen->find(cen->ctx, "a.contoso.com", th) == 1 && memcmp(th, before.thumb, 20) == 0,
              "readers read the backup");
    cr_assert_eq(listed("CCS"), 1);
    next_writer();
    cr_assert(same_file("ccs/a.contoso.com.pfx", "a.before"), "the next writer puts it back");
    cr_assert_not(exists("ccs/a.contoso.com.pfx.prev"));
    cr_assert_not(exists(".writing"));
}

/* A store that cannot be read is no store without the certificate (review 35 F2): a read that
 * fails for another reason than ENOENT is said, with the path and why, as the binding table's
 * reads say theirs (5 for a permission, 30 else), and no reader takes it for "not there". */
static void assert_unreadable(const sslb_certinfo *mine, sslb_rc want, const char *path_end, const char *why)
{
    sslb_diag d = {{0}};
    sslb_cert *c = (sslb_cert *)1;
    int n = 0;

    cr_assert_eq(sslb_cert_list(cs, NULL, count, &n, &d), want, "listing: %s", d.text);
    cr_assert_eq(n, 0, "nothing listed from a partial read");
    cr_assert(strstr(d.text, path_end) && strstr(d.text, why), "%s", d.text);
    errno = 0;
    cr_assert_eq(sslb_cert_load(cs, "MY", mine->thumb, &c), want, "a load is not \"not found\"");
    cr_assert_eq(errno, fail_errno, "errno says why: %s", strerror(errno));
    cr_assert_null(c);
    d.text[0] = '\0';
    cr_assert_eq(sslb_cert_check_usable(cs, "MY", mine->thumb, &d), want, "no 1312: %s", d.text);
    cr_assert(strstr(d.text, path_end) && strstr(d.text, why), "%s", d.text);
    cr_assert_eq(sslb_cert_export(cs, "MY", mine->thumb, "/dev/null", &d), want, "%s", d.text);
    cr_assert_eq(sslb_cert_delete(cs, "MY", mine->thumb, &d), want, "%s", d.text);
    fail_suffix = NULL;
    cr_assert_eq(listed(NULL), 1, "and nothing was deleted");
}

Test(recovery, a_mark_that_cannot_be_read_fails_every_reader)
{
    sslb_certinfo mine = create("MY", "www.contoso.com");

    fail_suffix = "/certs/.writing";
    fail_errno = EMFILE;
    assert_unreadable(&mine, SSLB_EREAD, "/certs/.writing", "Too many open files");
}

/* The certificate's file ("crt") or its key's ("key") cannot be opened: errno e. */
static void file_unreadable(const char *ext, int e, sslb_rc want, const char *why)
{
    sslb_certinfo mine = create("MY", "www.contoso.com");
    char name[64];

    snprintf(name, sizeof name, "/%.40s.%s", sslb_certhash_format(mine.thumb, (char[41]){0}), ext);
    fail_suffix = name;
    fail_errno = e;
    assert_unreadable(&mine, want, name, why);
}

Test(recovery, a_certificate_that_cannot_be_read_fails_every_reader)
{
    file_unreadable("crt", EACCES, SSLB_EACCESS, "Permission denied");
}

Test(recovery, a_key_that_cannot_be_read_is_no_missing_key)
{
    file_unreadable("key", ENFILE, SSLB_EREAD, "Too many open files in system");
}

Test(recovery, a_central_store_file_behind_an_unreadable_mark_cannot_be_read)
{
    sslb_diag why = {{0}};
    sslb_cert *c;

    create("ccs", "www.contoso.com");
    fail_suffix = "/certs/.writing";
    fail_errno = EMFILE;
    cr_assert_eq(sslb_cert_load_ccs(cs, "www.contoso.com", &c, &why), SSLB_EREAD);
    cr_assert_eq(errno, EMFILE);
    cr_assert(strstr(why.text, "it cannot be read: ") && strstr(why.text, ".writing: Too many open files"), "%s",
              why.text);
    fail_suffix = NULL;
    cr_assert_eq(sslb_cert_load_ccs(cs, "www.contoso.com", &c, &why), SSLB_OK, "%s", why.text);
    sslb_cert_free(c);
}

/* The central store's directory is the user's own folder of .pfx files: a dead writer's sweep
 * removes only what that writer may have made (its mark's lines say which files: their
 * temporaries "<file>.tmp.<pid>.<8 hex>", their backups when the mark says it kept one), never a
 * file of the user's that has the shape of one, nor a key whose certificate no dead delete named. */
Test(recovery, a_user_s_files_shaped_like_leftovers_survive_a_dead_writer_s_sweep)
{
    static const char *const mine[] = {
        "ccs/x~0123abcd.prev",
        "ccs/x~0123abcd.tmp.42.0badf00d",
        "ccs/old.contoso.com.pfx.prev",
        "ccs/old.contoso.com.pfx.tmp.42.0badf00d",
        "ccs/old.contoso.com.pfx.prev.tmp.42.0badf00d",
        "ccs/notes.key.tmp.1",
        "ccs/notes.crt.tmp.1",
        "ccs/.name.tmp.42.0badf00d",
        "ccs/0123456789abcdef0123456789abcdef01234567.key",
        "ccs/0123456789abcdef0123456789abcdef01234567.key.prev",
        "my/fedcba9876543210fedcba9876543210fedcba98.key",
    };
    sslb_certinfo i = create("CCS", "www.contoso.com");

    (void)i;
    create("MY", "www.contoso.com");
    for (size_t k = 0; k < sizeof mine / sizeof *mine; k++) write_text(mine[k], "mine\n");
    /* a writer killed while it wrote new.contoso.com.pfx: its line, and its temporary */
    write_text(".writing", "ccs/new.contoso.com.pfx\n");
    write_text("ccs/new.contoso.com.pfx.tmp.4242.12345678", "half");
    next_writer();
    for (size_t k = 0; k < sizeof mine / sizeof *mine; k++) cr_assert(exists(mine[k]), "%s stays", mine[k]);
    cr_assert_not(exists("ccs/new.contoso.com.pfx.tmp.4242.12345678"), "the dead writer's temporary goes");
    cr_assert_eq(listed("CCS"), 1);
}
