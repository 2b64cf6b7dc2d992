/* fuzz_tls.h — what the two harnesses of the TLS endpoint share: the endpoint's own code (the
 * sources of tls/ but main.c are linked in: hello.c's ClientHello callback, http.c's request
 * reader and answer, the certificate cache, route.c; see server.h), and an emulated machine for
 * it to serve. The local address a connection reached is filled into its verdict as the
 * endpoint does at accept (a memory BIO has no socket). See docs/fuzzing.md.
 *
 * The machine: certificates contoso (www.contoso.com), shop, wildcard (*.contoso.com) in MY,
 * fabrikam in the central store; bindings 0.0.0.0:443 (contoso), 10.0.0.2:443 (reject),
 * [::]:443 (wildcard), hostname www.contoso.com:443 and shop.contoso.com:443, a hostname binding
 * whose certificate is missing, CCS 8443, scoped CCS www.fabrikam.com:443; IIS sites with https
 * bindings on *:443 by host, on *.contoso.com, on 10.10.10.1:443 and a host-less one on 8443. */
#ifndef SSLB_FUZZ_TLS_H
#define SSLB_FUZZ_TLS_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "fuzz_util.h"
#include "sslb/apphost.h"
#include "sslb/certstore.h"
#include "sslb/store.h"
#include "sslb/table.h"
#include <openssl/err.h>
#include <urcu/urcu-qsbr.h>

#include "certcache.h"
#include "route.h"
#include "server.h"
#include "watch.h"

static struct server fz_sv;
static char fz_state[PATH_MAX];

/* Local addresses an input can choose (its first byte's two low bits), into the connection's
 * verdict as the endpoint fills it at accept. */
static inline void fz_set_local(unsigned which, struct verdict *v)
{
    static const char *const addrs[] = {"10.0.0.1:443", "10.0.0.2:443", "[2001:db8::1]:443", "10.10.10.1:8443"};
    sslb_diag d;
    sslb_key k;

    if (sslb_key_parse(SSLB_IPPORT, addrs[which & 3], &k, &d) != SSLB_OK) abort();
    memset(&v->addr, 0, sizeof v->addr);
    v->addr.family = k.family;
    memcpy(v->addr.bytes, k.addr, 16);
    v->port = k.port;
    snprintf(v->local, sizeof v->local, "%s", addrs[which & 3]);
}

static void fz_bind(sslb_kind kind, const char *key, const char *hash, uint32_t flags)
{
    sslb_binding b;
    sslb_diag d;

    memset(&b, 0, sizeof b);
    sslb_params_init(&b.params);
    if (sslb_key_parse(kind, key, &b.key, &d) != SSLB_OK ||
        sslb_guid_parse("{4dc3e181-e14b-4a21-b022-59fc669b0914}", &b.params.appid, &d) != SSLB_OK ||
        (hash && sslb_certhash_parse(hash, b.params.certhash, &d) != SSLB_OK)) {
        fprintf(stderr, "fuzz_tls: %s: %s\n", key, d.text);
        abort();
    }
    b.params.certhash_len = hash ? SSLB_CERTHASH_LEN : 0;
    b.params.flags = flags;
    if (sslb_table_add(fz_sv.table, &b, &d) != SSLB_OK) fprintf(stderr, "fuzz_tls: binding %s: %s\n", key, d.text);
}

static void fz_import(const char *file, const char *store, const char *password)
{
    sslb_certinfo info[4];
    size_t n;
    sslb_diag d;

    if (sslb_cert_import(fz_sv.certs, store, file, password, info, 4, &n, &d) != SSLB_OK)
        fprintf(stderr, "fuzz_tls: importing %s: %s\n", file, d.text);
}

static const char fz_sites[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<configuration>\n"
    "  <system.applicationHost>\n"
    "    <sites>\n"
    "      <site name=\"Default Web Site\" id=\"1\"><bindings><binding protocol=\"http\" bindingInformation=\"*:80:\" "
    "/>"
    "</bindings></site>\n"
    "      <site name=\"www\" id=\"2\"><bindings><binding protocol=\"https\" "
    "bindingInformation=\"*:443:www.contoso.com\" />"
    "</bindings></site>\n"
    "      <site name=\"shop\" id=\"3\"><bindings><binding protocol=\"https\" "
    "bindingInformation=\"*:443:shop.contoso.com\" "
    "sslFlags=\"1\" /></bindings></site>\n"
    "      <site name=\"any\" id=\"4\"><bindings><binding protocol=\"https\" "
    "bindingInformation=\"*:443:*.contoso.com\" />"
    "</bindings></site>\n"
    "      <site name=\"ip\" id=\"5\"><bindings><binding protocol=\"https\" bindingInformation=\"10.10.10.1:443:\" />"
    "<binding protocol=\"https\" bindingInformation=\"[2001:db8::1]:443:\" /></bindings></site>\n"
    "      <site name=\"ccs\" id=\"6\"><bindings><binding protocol=\"https\" bindingInformation=\"*:8443:\" "
    "sslFlags=\"3\" />"
    "</bindings></site>\n"
    "    </sites>\n"
    "  </system.applicationHost>\n"
    "</configuration>\n";

/* Builds the machine and the endpoint's server object once. */
static void fz_tls_setup(const char *name)
{
    char path[PATH_MAX + 32], why[600];
    sslb_server *srv = NULL;
    sslb_apphost *ah = NULL;
    sslb_addr a;
    sslb_diag d;

    fz_join(fz_state, sizeof fz_state, fz_scratch(name), "state");
    if (mkdir(fz_state, 0700) != 0) abort();
    memset(&fz_sv, 0, sizeof fz_sv);
    fz_sv.opt.quiet = !getenv("SSLB_FUZZ_VERBOSE");
    urcu_qsbr_register_thread(); /* the cache's readers are QSBR threads */
    if (sslb_table_create(&fz_sv.table) != SSLB_OK || sslb_certstore_open(fz_state, &fz_sv.certs, &d) != SSLB_OK ||
        sslb_cert_server_ctx(&fz_sv.ctx, &d) != SSLB_OK) {
        fprintf(stderr, "fuzz_tls: cannot set up in %s\n", fz_state);
        abort();
    }
    fz_import(SSLB_FUZZ_DATA "/certs/contoso.pem", "MY", NULL);
    fz_import(SSLB_FUZZ_DATA "/certs/shop.pem", "MY", NULL);
    fz_import(SSLB_FUZZ_DATA "/certs/wildcard.pem", "MY", NULL);
    fz_import(SSLB_FUZZ_DATA "/certs/fabrikam.pfx", "ccs", "secret");
    if (certcache_open(&fz_sv.cache, fz_sv.certs, fz_state, fz_sv.ctx, why, sizeof why) != 0) {
        fprintf(stderr, "fuzz_tls: cache: %s\n", why);
        abort();
    }
    sslb_table_set_central(fz_sv.table, certcache_central(fz_sv.cache));
    fz_bind(SSLB_IPPORT, "0.0.0.0:443", "2006557039ef547eb88124f0ef5d7e7d1639adff", 0);
    fz_bind(SSLB_IPPORT, "10.0.0.2:443", "65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5", SSLB_FLAG_REJECT);
    fz_bind(SSLB_IPPORT, "[::]:443", "010517b077e0d5d32e656fc03b04cf8e8350c851", 0);
    fz_bind(SSLB_HOSTPORT, "www.contoso.com:443", "2006557039ef547eb88124f0ef5d7e7d1639adff", 0);
    fz_bind(SSLB_HOSTPORT, "shop.contoso.com:443", "65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5", 0);
    fz_bind(SSLB_HOSTPORT, "missing.contoso.com:443", "0123456789012345678901234567890123456789", 0);
    fz_bind(SSLB_CCS, "8443", NULL, 0);
    fz_bind(SSLB_SCOPEDCCS, "www.fabrikam.com:443", NULL, 0);

    /* IIS: the sites, this server's extra address, WAS starting them */
    fz_join(path, sizeof path, fz_state, "applicationHost.config");
    if (fz_write(path, fz_sites, sizeof fz_sites - 1) != 0) abort();
    if (sslb_server_open(fz_state, &srv, &d) != SSLB_OK || sslb_apphost_open(fz_state, NULL, &ah, &d) != SSLB_OK) {
        fprintf(stderr, "fuzz_tls: IIS: %s\n", d.text);
        abort();
    }
    if (sslb_addr_parse("10.10.10.1", &a, &d) == SSLB_OK) sslb_server_address_add(srv, &a, &d);
    if (sslb_was_reconcile(srv, ah, 0, NULL, NULL, &d) != SSLB_OK) fprintf(stderr, "fuzz_tls: WAS: %s\n", d.text);
    sslb_apphost_close(ah);
    sslb_server_close(srv);
    if (!(fz_sv.router = router_open(fz_state)) || router_refresh(fz_sv.router, why, sizeof why) != 0) {
        fprintf(stderr, "fuzz_tls: router: %s\n", fz_sv.router ? why : "out of memory");
        abort();
    }

    if (hello_setup(&fz_sv) != 0) abort();
}

#endif
