/* outside.c — a program from outside the project, built against the installed library only
 * (tests/install/install.sh builds it with pkg-config and with find_package): it makes a table,
 * adds a binding, resolves a handshake to it, and checks the answer. Exit 0 when all is right. */
#include <sslb/sslb.h>

#include <stdio.h>
#include <string.h>

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            fprintf(stderr, "outside.c:%d: check failed: %s\n", __LINE__, #cond);                                      \
            return 1;                                                                                                  \
        }                                                                                                              \
    } while (0)

int main(void)
{
    /* the header and the library linked agree on the version */
    CHECK(strcmp(sslb_version(), SSLB_VERSION_STRING) == 0);

    sslb_table *t = NULL;
    CHECK(sslb_table_create(&t) == SSLB_OK);

    sslb_diag d = {""};
    sslb_binding b;
    memset(&b, 0, sizeof b);
    sslb_params_init(&b.params);
    CHECK(sslb_key_parse(SSLB_HOSTPORT, "WWW.Contoso.com:443", &b.key, &d) == SSLB_OK);
    CHECK(sslb_certhash_parse("c361a905a8ae3d68c57712dced365a6c0ad8abfc", b.params.certhash, &d) == SSLB_OK);
    b.params.certhash_len = SSLB_CERTHASH_LEN;
    CHECK(sslb_guid_parse("{4dc3e181-e14b-4a21-b022-59fc669b0914}", &b.params.appid, &d) == SSLB_OK);
    CHECK(sslb_table_add(t, &b, &d) == SSLB_OK);
    CHECK(sslb_table_count(t) == 1);
    /* the same key again: 183, as netsh says */
    CHECK(sslb_table_add(t, &b, &d) == SSLB_EEXISTS);
    CHECK(sslb_win32(SSLB_EEXISTS) == 183);

    /* a bad value is refused with a reason */
    sslb_key bad;
    CHECK(sslb_key_parse(SSLB_IPPORT, "10.0.0.1:0", &bad, &d) == SSLB_EINVAL);
    CHECK(d.text[0] != '\0');

    /* a ClientHello to 10.0.0.1:443 with SNI www.contoso.com finds it, at step 2 */
    sslb_addr local;
    CHECK(sslb_addr_parse("10.0.0.1", &local, &d) == SSLB_OK);
    sslb_match m;
    sslb_trace tr;
    const char *sni = "www.contoso.com";
    CHECK(sslb_table_resolve(t, &local, 443, sni, strlen(sni), &m, &tr) == SSLB_OK);
    CHECK(m.step == 2);
    char hex[41], key[SSLB_KEYTEXT_MAX];
    CHECK(strcmp(sslb_certhash_format(m.certhash, hex), "c361a905a8ae3d68c57712dced365a6c0ad8abfc") == 0);
    CHECK(strcmp(sslb_key_format(&m.binding.key, key, sizeof key), "www.contoso.com:443") == 0);
    CHECK(tr.count >= 2);

    /* another name on that port finds nothing: the handshake would fail */
    const char *other = "shop.contoso.com";
    CHECK(sslb_table_resolve(t, &local, 443, other, strlen(other), &m, NULL) == SSLB_ENOTFOUND);

    sslb_table_destroy(t);
    printf("outside: %s resolved to %s (library %s)\n", sni, hex, sslb_version());
    return 0;
}
