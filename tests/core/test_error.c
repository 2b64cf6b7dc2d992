/* test_error.c — the error list: Win32 numbers and netsh's texts. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sslb/error.h"

Test(error, win32_numbers_match_netsh)
{
    cr_assert_eq(sslb_win32(SSLB_OK), 0);
    cr_assert_eq(sslb_win32(SSLB_ENOTFOUND), 2);
    cr_assert_eq(sslb_win32(SSLB_EINVAL), 87);
    cr_assert_eq(sslb_win32(SSLB_EEXISTS), 183);
    cr_assert_eq(sslb_win32(SSLB_ENOCERT), 1312);
    cr_assert_eq(sslb_win32(SSLB_RC_COUNT), -1);
}

Test(error, messages_are_windows_texts)
{
    cr_assert_str_eq(sslb_strerror(SSLB_ENOTFOUND), "The system cannot find the file specified.");
    cr_assert_str_eq(sslb_strerror(SSLB_EINVAL), "The parameter is incorrect.");
    cr_assert_str_eq(sslb_strerror(SSLB_EEXISTS), "Cannot create a file when that file already exists.");
    cr_assert_str_eq(sslb_strerror(SSLB_ENOCERT),
                     "A specified logon session does not exist. It may already have been terminated.");
    cr_assert_str_eq(sslb_strerror((sslb_rc)999), "Unknown error.");
}

Test(error, every_code_has_a_distinct_number_and_name)
{
    for (int a = 0; a < SSLB_RC_COUNT; a++) {
        cr_assert(strlen(sslb_strerror((sslb_rc)a)) > 0);
        cr_assert(strncmp(sslb_rcname((sslb_rc)a), "SSLB_", 5) == 0);
        for (int b = a + 1; b < SSLB_RC_COUNT; b++) cr_assert_neq(sslb_win32((sslb_rc)a), sslb_win32((sslb_rc)b));
    }
}

/* The codes' numbers are ABI: a program built against one version of the library compares
 * results with another. Every code is pinned here — number, Win32 number, name — so renumbering
 * one, or reusing a number, fails. A new code is added at the end, with a new row here. */
Test(error, every_code_is_pinned)
{
    static const struct {
        sslb_rc rc;
        int number, win32;
        const char *name;
    } pin[] = {
        {SSLB_OK, 0, 0, "SSLB_OK"},
        {SSLB_ENOTFOUND, 1, 2, "SSLB_ENOTFOUND"},
        {SSLB_EACCESS, 2, 5, "SSLB_EACCESS"},
        {SSLB_ENOMEM, 3, 8, "SSLB_ENOMEM"},
        {SSLB_EWRITE, 4, 29, "SSLB_EWRITE"},
        {SSLB_EREAD, 5, 30, "SSLB_EREAD"},
        {SSLB_ELOCKED, 6, 33, "SSLB_ELOCKED"},
        {SSLB_EINVAL, 7, 87, "SSLB_EINVAL"},
        {SSLB_EEXISTS, 8, 183, "SSLB_EEXISTS"},
        {SSLB_ENOCERT, 9, 1312, "SSLB_ENOCERT"},
        {SSLB_ECORRUPT, 10, 1392, "SSLB_ECORRUPT"},
        {SSLB_EDISKFULL, 11, 112, "SSLB_EDISKFULL"},
    };
    size_t n = sizeof pin / sizeof pin[0];
    cr_assert_eq((size_t)SSLB_RC_COUNT, n, "a code was added without pinning it here (or one was removed)");
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq((int)pin[i].rc, pin[i].number, "%s is %d, pinned %d", pin[i].name, (int)pin[i].rc, pin[i].number);
        cr_assert_eq(sslb_win32(pin[i].rc), pin[i].win32, "%s", pin[i].name);
        cr_assert_str_eq(sslb_rcname(pin[i].rc), pin[i].name);
        cr_assert_str_eq(sslb_rcname((sslb_rc)pin[i].number), pin[i].name);
    }
    /* the numbers are 0 .. SSLB_RC_COUNT - 1, each once: nothing answers outside them */
    cr_assert_str_eq(sslb_rcname((sslb_rc)-1), "SSLB_E?");
    cr_assert_str_eq(sslb_rcname(SSLB_RC_COUNT), "SSLB_E?");
    cr_assert_eq(sslb_win32((sslb_rc)-1), -1);
}

Test(error, diagf_formats_and_returns_the_code)
{
    sslb_diag d;
    cr_assert_eq(sslb_diagf(&d, SSLB_EINVAL, "port %d", 0), SSLB_EINVAL);
    cr_assert_str_eq(d.text, "port 0");
    cr_assert_eq(sslb_diagf(NULL, SSLB_EEXISTS, "x"), SSLB_EEXISTS);
}

/* A reason longer than the diagnostic is cut visibly ("..."), and never inside a UTF-8 character. */
Test(error, diagf_marks_a_cut_at_a_character_start)
{
    static char v[3 * SSLB_DIAG_MAX];
    sslb_diag d;

    memset(v, 'a', sizeof v - 1);
    sslb_diagf(&d, SSLB_EINVAL, "value '%s' is too long", v);
    cr_assert_eq(strlen(d.text), SSLB_DIAG_MAX - 1);
    cr_assert_str_eq(d.text + SSLB_DIAG_MAX - 4, "...");
    cr_assert_eq(strncmp(d.text, "value 'aaa", 10), 0);
    for (size_t i = 0; i + 1 < sizeof v; i += 2) memcpy(v + i, "\xc3\xa9", 2); /* é, two bytes each */
    v[sizeof v - 1] = '\0';
    for (int lead = 0; lead < 2; lead++) { /* the cut falls on either byte of a character */
        sslb_diagf(&d, SSLB_EINVAL, "%.*s%s", lead, "x", v);
        size_t n = strlen(d.text);
        cr_assert_str_eq(d.text + n - 3, "...");
        size_t body = n - 3 - (size_t)lead;
        cr_assert_eq(body % 2, 0, "a character cut in two (%zu bytes of é)", body);
        cr_assert((unsigned char)d.text[n - 4] == 0xa9);
    }
}

#include "sslb/version.h"

/* The version is written once (CMakeLists.txt's project()); header and library agree. */
Test(version, header_and_library_agree)
{
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", SSLB_VERSION_MAJOR, SSLB_VERSION_MINOR, SSLB_VERSION_PATCH);
    cr_assert_str_eq(SSLB_VERSION_STRING, want);
    cr_assert_str_eq(sslb_version(), SSLB_VERSION_STRING);
    cr_assert_eq(SSLB_VERSION_NUMBER, (SSLB_VERSION_MAJOR << 16) | (SSLB_VERSION_MINOR << 8) | SSLB_VERSION_PATCH);
}
