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
        for (int b = a + 1; b < SSLB_RC_COUNT; b++)
            cr_assert_neq(sslb_win32((sslb_rc)a), sslb_win32((sslb_rc)b));
    }
}

Test(error, diagf_formats_and_returns_the_code)
{
    sslb_diag d;
    cr_assert_eq(sslb_diagf(&d, SSLB_EINVAL, "port %d", 0), SSLB_EINVAL);
    cr_assert_str_eq(d.text, "port 0");
    cr_assert_eq(sslb_diagf(NULL, SSLB_EEXISTS, "x"), SSLB_EEXISTS);
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
