/* sslb/export.h — SSLB_API marks the functions of the public API: the only symbols the shared
 * libraries export (they are built with -fvisibility=hidden; everything else stays internal). */
#ifndef SSLB_EXPORT_H
#define SSLB_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define SSLB_API __attribute__((visibility("default")))
#else
#define SSLB_API
#endif

#endif
