/* floor.c — the crypto floor: the public-key work a server does in one full handshake, timed
 * with OpenSSL's own EVP calls in this process (thread CPU time, so a busy machine's waits do
 * not count): one signature with the certificate's key (ECDSA P-256 / SHA-256, or RSA-2048
 * PSS / SHA-256 as TLS 1.3 and OpenSSL's TLS 1.2 choose), one X25519 key generation (the
 * server's key share) and one X25519 derivation (the shared secret). Hashing, the key schedule,
 * record encryption and the kernel's TCP work are above the floor: they are the server's own. */
#include <string.h>
#include <time.h>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "tlsbench.h"

double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs op until `seconds` of CPU and at least 20 times; microseconds per call, or -1. */
static double per_call(int (*op)(void *), void *ctx, double seconds)
{
    double t0 = cpu_now(), t;
    long n = 0;
    if (op(ctx) != 0) return -1; /* one unmeasured: first-use setup */
    t0 = cpu_now();
    do {
        for (int i = 0; i < 10; i++)
            if (op(ctx) != 0) return -1;
        n += 10;
        t = cpu_now() - t0;
    } while (t < seconds || n < 20);
    return t / (double)n * 1e6;
}

struct signctx {
    EVP_PKEY *key;
    int pss;
    unsigned char msg[130];
};

static int do_sign(void *p)
{
    struct signctx *s = p;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pc = NULL;
    unsigned char sig[512];
    size_t len = sizeof sig;
    int rc = -1;
    if (md && EVP_DigestSignInit(md, &pc, EVP_sha256(), NULL, s->key) == 1 &&
        (!s->pss || (EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PSS_PADDING) == 1 &&
                     EVP_PKEY_CTX_set_rsa_pss_saltlen(pc, RSA_PSS_SALTLEN_DIGEST) == 1)) &&
        EVP_DigestSign(md, sig, &len, s->msg, sizeof s->msg) == 1)
        rc = 0;
    EVP_MD_CTX_free(md);
    return rc;
}

static int do_keygen(void *p)
{
    EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
    (void)p;
    EVP_PKEY_free(k);
    return k ? 0 : -1;
}

struct derivectx {
    EVP_PKEY *mine, *peer;
};

static int do_derive(void *p)
{
    struct derivectx *d = p;
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(d->mine, NULL);
    unsigned char out[64];
    size_t len = sizeof out;
    int rc = c && EVP_PKEY_derive_init(c) == 1 && EVP_PKEY_derive_set_peer(c, d->peer) == 1 &&
                     EVP_PKEY_derive(c, out, &len) == 1
                 ? 0
                 : -1;
    EVP_PKEY_CTX_free(c);
    return rc;
}

int floor_measure(enum keytype key, double seconds, struct floor_cost *f)
{
    struct signctx s;
    struct derivectx d;
    int rc = -1;

    memset(f, 0, sizeof *f);
    memset(&s, 0, sizeof s);
    memset(s.msg, ' ', 64); /* the TLS 1.3 CertificateVerify input: 64 spaces, context, hash */
    memcpy(s.msg + 64, "TLS 1.3, server CertificateVerify", 33);
    s.msg[97] = 0;
    memset(s.msg + 98, 0xa5, 32);
    s.key = key == KEY_ECDSA ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048);
    s.pss = key == KEY_RSA;
    d.mine = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
    d.peer = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
    if (s.key && d.mine && d.peer && (f->sign_us = per_call(do_sign, &s, seconds)) > 0 &&
        (f->keygen_us = per_call(do_keygen, NULL, seconds)) > 0 &&
        (f->derive_us = per_call(do_derive, &d, seconds)) > 0) {
        f->total_us = f->sign_us + f->keygen_us + f->derive_us;
        rc = 0;
    }
    EVP_PKEY_free(s.key);
    EVP_PKEY_free(d.mine);
    EVP_PKEY_free(d.peer);
    return rc;
}
