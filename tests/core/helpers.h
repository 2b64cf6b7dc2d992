/* helpers.h — small builders shared by the core suites (header-only, no shared state). */
#ifndef SSLB_TEST_HELPERS_H
#define SSLB_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <string.h>

#include "sslb/endpoint.h"
#include "sslb/param.h"
#include "sslb/table.h"

/* A binding of `kind` at key text `key`, whose hash is 20 bytes of `mark` (none for CCS). */
static inline sslb_binding mkbind(sslb_kind kind, const char *key, uint8_t mark)
{
    sslb_binding b;
    sslb_diag d;
    memset(&b, 0, sizeof b);
    cr_assert_eq(sslb_key_parse(kind, key, &b.key, &d), SSLB_OK, "%s: %s", key, d.text);
    sslb_params_init(&b.params);
    if (kind == SSLB_IPPORT || kind == SSLB_HOSTPORT) {
        b.params.certhash_len = SSLB_CERTHASH_LEN;
        memset(b.params.certhash, mark, SSLB_CERTHASH_LEN);
    }
    memset(b.params.appid.b, mark, 16);
    return b;
}

static inline void put(sslb_table *t, sslb_kind kind, const char *key, uint8_t mark)
{
    sslb_binding b = mkbind(kind, key, mark);
    sslb_diag d;
    cr_assert_eq(sslb_table_add(t, &b, &d), SSLB_OK, "add %s: %s", key, d.text);
}

static inline sslb_addr mkaddr(const char *text)
{
    sslb_addr a;
    cr_assert_eq(sslb_addr_parse(text, &a, NULL), SSLB_OK, "%s", text);
    return a;
}

#endif
