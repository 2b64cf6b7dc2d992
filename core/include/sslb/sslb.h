/* sslb/sslb.h — the whole public API of sslbind's libraries in one include.
 *
 * The libraries (pkg-config module / CMake target):
 *   sslb       (sslb::sslb)  the binding table: error.h, endpoint.h, param.h, table.h, store.h,
 *                            statedir.h, version.h. No OpenSSL, no libxml2.
 *   sslb-cert  (sslb::cert)  the certificate stores over OpenSSL: certstore.h.
 *   sslb-iis   (sslb::iis)   the IIS layer over libxml2: apphost.h.
 * Including a header costs nothing at link time: link the library whose functions you call.
 *
 * Conventions, the same in every header:
 * - A fallible function returns an sslb_rc (sslb/error.h), SSLB_OK on success; its detail goes
 *   into the caller's `sslb_diag *d` (NULL allowed). Functions returning another type say what
 *   a failure looks like (NULL, -1, 0).
 * - An object made by sslb_X_create/open is freed by sslb_X_destroy/close; each header says
 *   what must outlive what, and which pointers into an object stay valid for how long.
 * - Every text is UTF-8; words compare in ASCII, whatever the caller's locale.
 */
#ifndef SSLB_SSLB_H
#define SSLB_SSLB_H

#include "sslb/export.h"
#include "sslb/version.h"
#include "sslb/error.h"
#include "sslb/endpoint.h"
#include "sslb/param.h"
#include "sslb/table.h"
#include "sslb/store.h"
#include "sslb/statedir.h"
#include "sslb/certstore.h"
#include "sslb/apphost.h"

#endif
