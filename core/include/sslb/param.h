/* sslb/param.h — the parameter block of one binding, as HTTP_SERVICE_CONFIG_SSL_PARAM holds it,
 * the parsers and formatters of its values (hash, GUID, numbers, enable/disable), and the
 * locale-free text helpers they rest on (ASCII case, UTF-8 validity).
 * All functions here are pure and thread-safe.
 *
 * Lifetimes: a sslb_params holds three string pointers (store name, CTL identifier, CTL store).
 * Given to the table (add, update) they must be valid during that call only: the table keeps
 * its own copies. Received from the table, they point into it, for as long as table.h says
 * (sslb_table_query, sslb_table_foreach, sslb_match). Nothing else here keeps a pointer.
 */
#ifndef SSLB_PARAM_H
#define SSLB_PARAM_H

#include <stddef.h>
#include <stdint.h>

#include "sslb/endpoint.h"
#include "sslb/error.h"
#include "sslb/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SSLB_CERTHASH_LEN 20 /* SHA-1 thumbprint */
#define SSLB_STRING_MAX 255  /* store names, CTL identifier (our limit) */
#define SSLB_GUID_TEXT 39    /* "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" + NUL */

/* DefaultCertCheckMode bits. */
#define SSLB_CHECK_NO_REVOCATION 0x1u
#define SSLB_CHECK_CACHED_ONLY 0x2u
#define SSLB_CHECK_USE_FRESHNESS 0x4u
#define SSLB_CHECK_NO_USAGE 0x10000u

/* DefaultFlags bits. */
#define SSLB_FLAG_DS_MAPPER 0x1u
#define SSLB_FLAG_NEGOTIATE_CLIENT_CERT 0x2u
#define SSLB_FLAG_REJECT 0x8u
#define SSLB_FLAG_DISABLE_HTTP2 0x10u
#define SSLB_FLAG_DISABLE_QUIC 0x20u
#define SSLB_FLAG_DISABLE_TLS13 0x40u
#define SSLB_FLAG_DISABLE_OCSP_STAPLING 0x80u
#define SSLB_FLAG_ENABLE_TOKEN_BINDING 0x100u
#define SSLB_FLAG_LOG_EXTENDED_EVENTS 0x200u
#define SSLB_FLAG_DISABLE_LEGACY_TLS 0x400u
#define SSLB_FLAG_ENABLE_SESSION_TICKET 0x800u
#define SSLB_FLAG_DISABLE_TLS12 0x1000u
#define SSLB_FLAG_DISABLE_SESSION_ID 0x4000u
#define SSLB_FLAG_CACHE_CLIENT_HELLO 0x8000u

/* A GUID in Windows byte order (Data1, Data2, Data3 little-endian, then Data4), the order the
 * registry's AppId value holds. */
typedef struct sslb_guid {
    uint8_t b[16];
} sslb_guid;

typedef struct sslb_params {
    uint8_t certhash_len; /* 0 (a CCS binding has none) or SSLB_CERTHASH_LEN */
    uint8_t certhash[SSLB_CERTHASH_LEN];
    sslb_guid appid;
    uint32_t check_mode;                /* SSLB_CHECK_* */
    uint32_t revocation_freshness_time; /* seconds */
    uint32_t url_retrieval_timeout;     /* milliseconds */
    uint32_t flags;                     /* SSLB_FLAG_* */
    /* NULL when not given. On input the caller owns them; on output (query, resolve, enumerate)
     * they point into the table's string pool and live as long as the table. */
    const char *store_name;
    const char *ctl_identifier;
    const char *ctl_store_name;
} sslb_params;

/* One binding: its key and its parameters. */
typedef struct sslb_binding {
    sslb_key key;
    sslb_params params;
} sslb_binding;

/* netsh's defaults: everything zero / not set (usage check and revocation check enabled). */
SSLB_API void sslb_params_init(sslb_params *p);

/* Checks a parameter block against its key's kind: ipport and hostnameport need a hash, a ccs
 * binding must have none; strings within SSLB_STRING_MAX printable characters. */
SSLB_API sslb_rc sslb_params_check(sslb_kind kind, const sslb_params *p, sslb_diag *d);

/* Field-by-field equality (strings by content). */
SSLB_API int sslb_params_equal(const sslb_params *a, const sslb_params *b);

/* 40 hex digits, either case → 20 bytes. */
SSLB_API sslb_rc sslb_certhash_parse(const char *text, uint8_t out[SSLB_CERTHASH_LEN], sslb_diag *d);
/* 20 bytes → 40 lower-case hex digits; buf holds at least 41 bytes. */
SSLB_API char *sslb_certhash_format(const uint8_t hash[SSLB_CERTHASH_LEN], char *buf);

/* "{00112233-4455-6677-8899-aabbccddeeff}" (braces required, either case). */
SSLB_API sslb_rc sslb_guid_parse(const char *text, sslb_guid *out, sslb_diag *d);
/* Lower-case with braces; buf holds SSLB_GUID_TEXT bytes. */
SSLB_API char *sslb_guid_format(const sslb_guid *g, char *buf);

/* An unsigned decimal number 0..4294967295. */
SSLB_API sslb_rc sslb_u32_parse(const char *text, uint32_t *out, sslb_diag *d);

/* A store name or CTL string: 1..SSLB_STRING_MAX bytes of valid UTF-8 (sslb_utf8_valid) with no
 * control character. */
SSLB_API sslb_rc sslb_string_check(const char *text, sslb_diag *d);

/* ---- text: the same under every locale ---------------------------------------------------
 * The words of netsh, of the registry format and of file names (enable, MY, SslCertHash) compare
 * in ASCII. tolower() and strcasecmp() follow the caller's locale: under tr_TR.UTF-8
 * strcasecmp("DISABLE", "disable") != 0. These never look at the locale; programs built on the
 * library use them for the same reason. */

/* c lower-cased if it is 'A'..'Z'; any other value unchanged. */
SSLB_API int sslb_ascii_lower(int c);

/* Compare ignoring the case of ASCII letters only (at most n bytes for ncasecmp); <0, 0, >0. */
SSLB_API int sslb_ascii_casecmp(const char *a, const char *b);
SSLB_API int sslb_ascii_ncasecmp(const char *a, const char *b, size_t n);

/* 1 when the len bytes at s are valid UTF-8 as RFC 3629 defines it: no overlong form, no
 * surrogate (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence. Else 0, and *bad
 * (when non-NULL) is the offset of the first byte that is not part of a valid character. */
SSLB_API int sslb_utf8_valid(const char *s, size_t len, size_t *bad);

#ifdef __cplusplus
}
#endif

#endif
