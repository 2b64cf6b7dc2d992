/* test_statedir.c — where the state directory is, and the check that keeps another local user
 * out of it (as ssh checks ~/.ssh): a directory someone else owns or may write is refused by
 * every part that opens it, with a message naming it and the fix. Tests run as root in CI, so
 * the owner check chowns to nobody (skipped when not root). */
#include <criterion/criterion.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "sslb/apphost.h"
#include "sslb/certstore.h"
#include "sslb/statedir.h"
#include "sslb/store.h"

static char dir[64];

static void setup(void)
{
    scratch_make(dir, sizeof dir, "state");
}

static void teardown(void)
{
    chmod(dir, 0700);
    scratch_remove(dir);
}

TestSuite(statedir, .init = setup, .fini = teardown);

static void expect_default(const char *want)
{
    char *got = NULL;
    sslb_diag d = {{0}};
    cr_assert_eq(sslb_state_dir_find(&got, &d), SSLB_OK, "%s", d.text);
    cr_assert_str_eq(got, want);
    free(got);
}

static const char *passwd_home(void)
{
    struct passwd *pw = getpwuid(geteuid());
    cr_assert(pw && pw->pw_dir && pw->pw_dir[0] == '/');
    return pw->pw_dir;
}

Test(statedir, default_follows_sslbind_state_then_xdg_then_home)
{
    setenv("SSLBIND_STATE", "/srv/machine1", 1);
    setenv("XDG_STATE_HOME", "/xdg", 1);
    setenv("HOME", "/home/alice", 1);
    expect_default("/srv/machine1");
    unsetenv("SSLBIND_STATE");
    expect_default("/xdg/sslbind");
    unsetenv("XDG_STATE_HOME");
    expect_default("/home/alice/.local/state/sslbind");
    char *legacy = sslb_state_dir_default();
    cr_assert_str_eq(legacy, "/home/alice/.local/state/sslbind", "the same, without the reason");
    free(legacy);
}

Test(statedir, relative_xdg_state_home_is_ignored)
{
    unsetenv("SSLBIND_STATE");
    setenv("XDG_STATE_HOME", "relative/state", 1);
    setenv("HOME", "/home/alice", 1);
    expect_default("/home/alice/.local/state/sslbind");
}

Test(statedir, without_home_the_state_is_not_in_the_current_directory)
{
    char want[1100];
    unsetenv("SSLBIND_STATE");
    unsetenv("XDG_STATE_HOME");
    snprintf(want, sizeof want, "%s/.local/state/sslbind", passwd_home());
    unsetenv("HOME");
    expect_default(want);
    setenv("HOME", "", 1);
    expect_default(want);
    setenv("HOME", "relative", 1);
    expect_default(want);
}

static void refused(const char *why)
{
    sslb_diag d = {{0}};
    sslb_certstore *cs = NULL;

    cr_assert_eq(sslb_state_dir_check(dir, &d), SSLB_EACCESS, "%s accepted", dir);
    cr_assert(strstr(d.text, dir) && strstr(d.text, why), "'%s' lacks the directory or '%s'", d.text, why);
    cr_assert_eq(sslb_certstore_open(dir, &cs, &d), SSLB_EACCESS, "the certificate stores refuse it");
    cr_assert_null(cs);
}

Test(statedir, directory_others_can_write_is_refused)
{
    sslb_diag d = {{0}};
    cr_assert_eq(sslb_state_dir_check(dir, &d), SSLB_OK, "mkdtemp's 0700: %s", d.text);
    cr_assert_eq(chmod(dir, 0755), 0);
    cr_assert_eq(sslb_state_dir_check(dir, &d), SSLB_OK, "readable is fine: the keys are 0600");
    cr_assert_eq(chmod(dir, 0770), 0);
    refused("writable by its group");
    cr_assert_eq(chmod(dir, 0707), 0);
    refused("writable by others");
    refused("chmod 700");
    refused("could replace the keys or plant files in it");
    cr_assert_eq(chmod(dir, 01777), 0);
    refused("group and others");
}

Test(statedir, directory_of_another_user_is_refused)
{
    struct passwd *nobody = getpwnam("nobody");
    if (geteuid() != 0 || !nobody) cr_skip_test("needs root to give the directory away");
    cr_assert_eq(chown(dir, nobody->pw_uid, nobody->pw_gid), 0);
    refused("belongs to uid");
}

Test(statedir, missing_or_not_a_directory)
{
    char path[128];
    FILE *f;
    snprintf(path, sizeof path, "%s/none", dir);
    cr_assert_eq(sslb_state_dir_check(path, NULL), SSLB_ENOTFOUND);
    snprintf(path, sizeof path, "%s/file", dir);
    cr_assert((f = fopen(path, "w")));
    fclose(f);
    cr_assert_eq(sslb_state_dir_check(path, NULL), SSLB_EINVAL);
}

/* Adds 0.0.0.0:443 to the store of directory path. */
static sslb_rc add_binding(const char *path, char *detail, size_t n)
{
    sslb_store *st;
    sslb_table *t;
    sslb_diag d = {{0}};
    sslb_binding b;
    sslb_rc rc;

    cr_assert_eq(sslb_store_open(path, &st, &d), SSLB_OK, "%s", d.text);
    cr_assert_eq(sslb_table_create(&t), SSLB_OK);
    memset(&b, 0, sizeof b);
    cr_assert_eq(sslb_key_parse(SSLB_IPPORT, "0.0.0.0:443", &b.key, &d), SSLB_OK);
    cr_assert_eq(sslb_guid_parse("{00112233-4455-6677-8899-aabbccddeeff}", &b.params.appid, &d), SSLB_OK);
    b.params.certhash_len = SSLB_CERTHASH_LEN;
    rc = sslb_store_apply(st, t, SSLB_STORE_ADD, &b, &d);
    snprintf(detail, n, "%s", d.text);
    sslb_table_destroy(t);
    sslb_store_close(st);
    return rc;
}

Test(statedir, bindings_lock_is_never_followed)
{
    char lock[128], target[128], other[128], detail[SSLB_DIAG_MAX];

    snprintf(other, sizeof other, "%s/ok", dir);
    cr_assert_eq(add_binding(other, detail, sizeof detail), SSLB_OK, "the control: %s", detail);
    snprintf(lock, sizeof lock, "%s/bindings.lock", dir);
    snprintf(target, sizeof target, "%s/elsewhere", dir);
    cr_assert_eq(symlink(target, lock), 0);
    cr_assert_neq(add_binding(dir, detail, sizeof detail), SSLB_OK, "the lock is refused, not followed");
    cr_assert(strstr(detail, "lock"), "%s", detail);
    cr_assert_eq(access(target, F_OK), -1, "nothing created through the link");
}

Test(statedir, a_fifo_among_the_state_files_is_refused_at_once, .timeout = 10)
{
    char path[128];
    sslb_server *srv = NULL;
    sslb_diag d = {{0}};

    snprintf(path, sizeof path, "%s/addresses", dir);
    cr_assert_eq(mkfifo(path, 0600), 0);
    cr_assert_neq(sslb_server_open(dir, &srv, &d), SSLB_OK, "no writer: it used to wait for ever");
    cr_assert(strstr(d.text, path), "%s", d.text);
    sslb_server_close(srv);
}

/* The other parts that open the state directory call sslb_state_dir_check too (store.c, was.c,
 * apphost.c: see the report of issue 9's state-directory work). */
Test(statedir, every_part_that_opens_the_state_directory_refuses_it)
{
    sslb_diag d = {{0}};
    sslb_store *st = NULL;
    sslb_server *srv = NULL;
    sslb_apphost *ah = NULL;

    cr_assert_eq(chmod(dir, 0777), 0);
    cr_assert_eq(sslb_store_open(dir, &st, &d), SSLB_EACCESS, "bindings.reg's store refuses it");
    cr_assert(strstr(d.text, "chmod 700"), "%s", d.text);
    cr_assert_eq(sslb_server_open(dir, &srv, &d), SSLB_EACCESS, "the IIS server's state refuses it");
    cr_assert_eq(sslb_apphost_open(dir, NULL, &ah, &d), SSLB_EACCESS, "applicationHost.config refuses it");
    sslb_store_close(st);
    sslb_server_close(srv);
    sslb_apphost_close(ah);
}

/* A relative path's leading "." and ".." are taken against the current directory's name, so
 * that the absolute path does not go through the current directory (review 32 F2: a server's
 * state named "../state" from a release directory removed later). */
Test(statedir, an_absolute_path_does_not_go_through_the_current_directory)
{
    char cwd[PATH_MAX], real[PATH_MAX], want[PATH_MAX + 64], out[PATH_MAX];
    sslb_diag d = {{0}};
    static const struct {
        const char *in, *tail; /* tail: what follows the scratch directory's real path */
    } cases[] = {
        {"../x/state", "/x/state"}, {"./../x", "/x"}, {"..//..//y", NULL}, {"state/../s", "/a/state/../s"},
        {"./a/./b", "/a/a/./b"},    {"..", ""},       {".", "/a"},         {"s", "/a/s"},
    };

    cr_assert(getcwd(cwd, sizeof cwd));
    cr_assert(realpath(dir, real));
    snprintf(want, sizeof want, "%s/a", real);
    cr_assert_eq(mkdir(want, 0700), 0);
    cr_assert_eq(chdir(want), 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cr_assert_eq(sslb_path_absolute(cases[i].in, "P", out, sizeof out, &d), SSLB_OK, "%s", d.text);
        if (!cases[i].tail) { /* two levels up: the scratch directory's parent */
            char up[PATH_MAX];
            snprintf(up, sizeof up, "%s", real);
            *strrchr(up, '/') = '\0';
            snprintf(want, sizeof want, "%s/y", up);
        } else {
            snprintf(want, sizeof want, "%s%s", real, cases[i].tail);
        }
        cr_expect_str_eq(out, want, "%s", cases[i].in);
    }
    /* from the root, ".." is the root */
    cr_assert_eq(chdir("/"), 0);
    cr_expect_eq(sslb_path_absolute("../../etc", "P", out, sizeof out, &d), SSLB_OK);
    cr_expect_str_eq(out, "/etc");
    cr_expect_eq(sslb_path_absolute("..", "P", out, sizeof out, &d), SSLB_OK);
    cr_expect_str_eq(out, "/");
    cr_assert_eq(chdir(cwd), 0);
    snprintf(want, sizeof want, "%s/a", real);
    rmdir(want);
}
