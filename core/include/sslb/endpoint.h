/* sslb/endpoint.h — the keys of the binding table: addresses, ports, host names.
 *
 * A key is canonical once parsed: two spellings of one endpoint ("[2001:DB8:0::1]:443" and
 * "[2001:db8::1]:443", "WWW.Contoso.com:443" and "www.contoso.com:443") give byte-identical
 * keys, so they are one binding. Every parser explains a refusal in a sslb_diag.
 * All functions here are pure and thread-safe.
 *
 * Lifetimes: keys and addresses are plain values (copy them freely); no function keeps a pointer
 * to its arguments; formatted text goes into the caller's buffer; sslb_kind_name's strings are
 * static.
 */
#ifndef SSLB_ENDPOINT_H
#define SSLB_ENDPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "sslb/error.h"
#include "sslb/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The four tables of http.sys, in enumeration order. */
typedef enum sslb_kind {
    SSLB_IPPORT = 0,    /* SslBindingInfo:       1.2.3.4:443, [::1]:443, 0.0.0.0:443, [::]:443 */
    SSLB_HOSTPORT = 1,  /* SslSniBindingInfo:    www.contoso.com:443 */
    SSLB_CCS = 2,       /* SslCcsBindingInfo:    443 */
    SSLB_SCOPEDCCS = 3, /* scoped CCS:          www.contoso.com:443 */
    SSLB_KIND_COUNT
} sslb_kind;

#define SSLB_HOST_MAX 253 /* a DNS name, without trailing dot */
#define SSLB_LABEL_MAX 63
#define SSLB_KEYTEXT_MAX 272 /* room for any formatted key, NUL included */

typedef struct sslb_addr {
    uint8_t family;    /* 4 or 6 */
    uint8_t bytes[16]; /* IPv4 in bytes[0..3], the rest zero */
} sslb_addr;

/* A binding key. Zero-filled before use, so keys compare and hash as bytes. */
typedef struct sslb_key {
    uint8_t kind;   /* sslb_kind */
    uint8_t family; /* SSLB_IPPORT: 4 or 6; else 0 */
    uint16_t port;  /* 1..65535 */
    uint8_t addr[16];
    uint8_t host_len;             /* SSLB_HOSTPORT, SSLB_SCOPEDCCS */
    char host[SSLB_HOST_MAX + 1]; /* lower-case, NUL-terminated */
} sslb_key;

/* Parses "1.2.3.4", "2001:db8::1" or "[2001:db8::1]". An IPv4-mapped IPv6 address
 * (::ffff:10.0.0.1) becomes the IPv4 address, as http.sys looks it up. */
SSLB_API sslb_rc sslb_addr_parse(const char *text, sslb_addr *out, sslb_diag *d);

/* True for 0.0.0.0 and [::]. */
SSLB_API int sslb_addr_is_wildcard(const sslb_addr *a);

/* Parses a port, 1..65535, decimal digits only. */
SSLB_API sslb_rc sslb_port_parse(const char *text, uint16_t *out, sslb_diag *d);

/* Checks a DNS host name (labels of letters, digits, '-' and '_', 1..63 characters each,
 * at most 253 in all, ASCII only) and writes its lower-case form to out (SSLB_HOST_MAX+1 bytes).
 * len is the name's length; the name need not be NUL-terminated. */
SSLB_API sslb_rc sslb_host_parse(const char *name, size_t len, char *out, sslb_diag *d);

/* Parses the text of a key of the given kind, as netsh takes it:
 *   SSLB_IPPORT "1.2.3.4:443" or "[::1]:443"; SSLB_HOSTPORT and SSLB_SCOPEDCCS "name:443";
 *   SSLB_CCS "443". */
SSLB_API sslb_rc sslb_key_parse(sslb_kind kind, const char *text, sslb_key *out, sslb_diag *d);

/* Builds keys from parsed parts (zero-filling first). */
SSLB_API void sslb_key_ipport(sslb_key *k, const sslb_addr *a, uint16_t port);
SSLB_API sslb_rc sslb_key_hostport(sslb_key *k, sslb_kind kind, const char *host, size_t len, uint16_t port,
                                   sslb_diag *d);
SSLB_API void sslb_key_ccs(sslb_key *k, uint16_t port);

/* Formats a key canonically ("[2001:db8::1]:443", "www.contoso.com:443", "443") into buf;
 * returns buf. n >= SSLB_KEYTEXT_MAX always suffices. */
SSLB_API char *sslb_key_format(const sslb_key *k, char *buf, size_t n);

/* Formats an address ("10.0.0.1", "2001:db8::1"); n >= 46 suffices. */
SSLB_API char *sslb_addr_format(const sslb_addr *a, char *buf, size_t n);

/* Enumeration order of `show sslcert`: kind first, then the key's text, case-insensitively.
 * Returns <0, 0, >0. */
SSLB_API int sslb_key_compare(const sslb_key *a, const sslb_key *b);

/* Byte equality of two canonical keys. */
SSLB_API int sslb_key_equal(const sslb_key *a, const sslb_key *b);

/* The name of a kind's table as the trace and docs use it ("IP:port", "hostname:port",
 * "CCS", "scoped CCS"). */
SSLB_API const char *sslb_kind_name(sslb_kind kind);

#ifdef __cplusplus
}
#endif

#endif
