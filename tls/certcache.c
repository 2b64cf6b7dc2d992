/* certcache.c — see certcache.h. */
#include "certcache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <urcu/urcu-qsbr.h>

#include "server.h"
#include "sslb/param.h"

/* An immutable snapshot: the entries, and two open-addressing indexes over them. */
struct snap {
    size_t n;
    struct cc_entry **all; /* owned by whichever snapshot retires them */
    size_t mask;
    const struct cc_entry **byid;   /* (store, thumbprint) */
    const struct cc_entry **byfile; /* central store: file name */
    struct rcu_head rcu;
    struct cc_entry **retired; /* entries this snapshot's successor dropped */
    size_t nretired;
};

struct mark {
    char store[SSLB_STORE_NAME_MAX + 1];
    char name[SSLB_HOST_MAX + 8]; /* "" : the whole store */
};

struct certcache {
    char root[PATH_MAX]; /* DIR/certs */
    sslb_certstore *cs;
    SSL_CTX *ctx;
    struct snap *cur; /* RCU-published */
    sslb_central central;
    /* the writer's */
    struct mark *marks;
    size_t nmarks, capmarks;
    int all;
    /* a read that failed for a transient reason in this commit (any loading thread) */
    pthread_mutex_t why_lock;
    char why[400];
};

/* A read of store/name failed for a reason that may go away (transient_failure): said once per
 * commit, which then publishes nothing and keeps its marks for the next try. */
static void note_transient(struct certcache *cc, const char *store, const char *name, int err)
{
    pthread_mutex_lock(&cc->why_lock);
    if (!cc->why[0])
        snprintf(cc->why, sizeof cc->why, "certificate %s in store %s cannot be read now: %s", name[0] ? name : "(all)",
                 store, err ? strerror(err) : "out of file descriptors");
    pthread_mutex_unlock(&cc->why_lock);
}

static int cert_has_key(const sslb_cert *c)
{
    sslb_certinfo info;
    sslb_cert_info(c, &info);
    return info.has_key;
}

/* Whether the file DIR/certs/store/name+suffix is there (no descriptor needed). */
static int file_there(const struct certcache *cc, const char *store, const char *name, const char *suffix)
{
    char path[PATH_MAX + 400];
    snprintf(path, sizeof path, "%s/%s/%s%s", cc->root, store, name, suffix);
    return faccessat(AT_FDCWD, path, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

static __thread struct snap *pinned;

#ifdef SSLB_TSAN
/* ThreadSanitizer cannot see a grace period: a reader's quiescent state releases this token,
 * and a deferred free acquires it (as the core does for its flavour, core/src/rcu.c). */
void __tsan_release(void *addr);
void __tsan_acquire(void *addr);
static char tsan_token;
#define TSAN_RELEASE() __tsan_release(&tsan_token)
#define TSAN_ACQUIRE() __tsan_acquire(&tsan_token)
#else
#define TSAN_RELEASE() ((void)0)
#define TSAN_ACQUIRE() ((void)0)
#endif

void certcache_quiescent(void)
{
    TSAN_RELEASE();
    urcu_qsbr_quiescent_state();
}

void certcache_offline(void)
{
    TSAN_RELEASE();
    urcu_qsbr_thread_offline();
}

void certcache_online(void)
{
    urcu_qsbr_thread_online();
}

static void lower(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; src[i] && i + 1 < n; i++) dst[i] = (char)(src[i] >= 'A' && src[i] <= 'Z' ? src[i] + 32 : src[i]);
    dst[i] = '\0';
}

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t id_hash(const char *store, const uint8_t *thumb)
{
    uint64_t h = hash_bytes(0xcbf29ce484222325ULL, store, strlen(store) + 1);
    return hash_bytes(h, thumb, SSLB_CERTHASH_LEN);
}

static uint64_t file_hash(const char *file)
{
    return hash_bytes(0xcbf29ce484222325ULL, file, strlen(file));
}

static int is_ccs(const char *store)
{
    return strcmp(store, SSLB_CCS_STORE) == 0;
}

static void entry_free(struct cc_entry *e)
{
    if (!e) return;
    X509_free(e->x);
    EVP_PKEY_free(e->key);
    sk_X509_pop_free(e->chain, X509_free);
    X509_free(e->crt);
    sk_X509_pop_free(e->others, X509_free);
    free(e);
}

static void snap_free(struct snap *s, int with_entries)
{
    if (!s) return;
    if (with_entries)
        for (size_t i = 0; i < s->n; i++) entry_free(s->all[i]);
    for (size_t i = 0; i < s->nretired; i++) entry_free(s->retired[i]);
    free(s->retired);
    free(s->all);
    free(s->byid);
    free(s->byfile);
    free(s);
}

void certcache_retiring(void)
{
    TSAN_RELEASE();
}

void certcache_grace_ended(void)
{
    TSAN_ACQUIRE();
}

static void snap_free_rcu(struct rcu_head *h)
{
    TSAN_ACQUIRE();
    snap_free(caa_container_of(h, struct snap, rcu), 0);
}

/* ---- loading -------------------------------------------------------------------------------- */

/* Judges c as the handshake will (sslb_cert_use on a connection of ctx), keeping the
 * certificate and key it installs. */
static void judge(struct certcache *cc, sslb_cert *c, struct cc_entry *e)
{
    SSL *s = SSL_new(cc->ctx);
    sslb_diag d = {{0}};

    if (!s) {
        snprintf(e->why, sizeof e->why, "OpenSSL cannot make a TLS connection object");
    } else if (sslb_cert_use(c, s, &d) == SSLB_OK && SSL_get_certificate(s) && SSL_get_privatekey(s)) {
        e->x = SSL_get_certificate(s);
        e->key = SSL_get_privatekey(s);
        X509_up_ref(e->x);
        EVP_PKEY_up_ref(e->key);
    } else {
        snprintf(e->why, sizeof e->why, "%.255s",
                 d.text[0] ? d.text : "OpenSSL will not serve it"); /* kept per certificate: 256 bytes */
    }
    SSL_free(s);
    ERR_clear_error();
}

/* The entry of store's file stem name, read now; NULL when there is no such certificate (or out
 * of memory: then *oom has bit 1 set; or a read that failed for a transient reason, out of
 * descriptors for one: bit 2, and said in cc->why). A central-store file that is there but cannot be read or is no
 * PKCS#12 file has an entry without a certificate (found 0, x NULL) and the reason in why. */
static struct cc_entry *load(struct certcache *cc, const char *store, const char *name, int *oom)
{
    struct cc_entry *e = calloc(1, sizeof *e);
    sslb_cert *c = NULL;
    sslb_diag why = {{0}};
    sslb_rc rc;
    int err;

    if (!e) {
        *oom |= 1;
        return NULL;
    }
    snprintf(e->store, sizeof e->store, "%s", store);
    snprintf(e->name, sizeof e->name, "%s", name);
    if (is_ccs(store)) {
        size_t l = strlen(name);
        char host[SSLB_HOST_MAX + 8]; /* the file's stem: "www.contoso.com.pfx" → "www.contoso.com" */
        if (l < 5 || strcmp(name + l - 4, ".pfx") != 0 || l - 4 >= sizeof host) goto none;
        snprintf(host, sizeof host, "%.*s", (int)(l - 4), name);
        errno = 0;
        rc = sslb_cert_load_ccs(cc->cs, host, &c, &why); /* one read, and why it cannot serve */
        err = errno;
        if ((rc == SSLB_EREAD || rc == SSLB_ECORRUPT) && transient_failure(err)) goto transient;
    } else {
        sslb_diag d;
        if (strlen(name) != 2 * SSLB_CERTHASH_LEN || sslb_certhash_parse(name, e->thumb, &d) != SSLB_OK) goto none;
        errno = 0;
        rc = sslb_cert_load(cc->cs, store, e->thumb, &c);
        err = errno;
        /* the core says "not found" for a file it could not open: a file that is there, unread
         * for want of a descriptor, is not a certificate gone (nor a key gone: a keyless one) */
        if (((rc != SSLB_OK && rc != SSLB_ENOMEM && file_there(cc, store, name, ".crt")) ||
             (rc == SSLB_OK && !cert_has_key(c) && file_there(cc, store, name, ".key"))) &&
            transient_failure(err))
            goto transient;
    }
    if (rc == SSLB_ENOMEM) *oom |= 1;
    if ((rc == SSLB_EREAD || rc == SSLB_ECORRUPT) && is_ccs(store)) {
        /* a file that is there and cannot serve: kept, unusable, with the reason for the log of a
         * handshake that missed it (resolve goes on past it as past a missing file), from the
         * read above: the file is not read again to say why */
        snprintf(e->why, sizeof e->why, "%.255s", why.text[0] ? why.text : sslb_strerror(rc));
        ERR_clear_error();
        return e;
    }
    if (rc != SSLB_OK) goto none;
    if (is_ccs(store)) {
        sslb_certinfo info;
        sslb_cert_info(c, &info);
        memcpy(e->thumb, info.thumb, SSLB_CERTHASH_LEN);
    }
    e->found = 1;
    judge(cc, c, e);
    e->crt = sslb_cert_x509(c);
    X509_up_ref(e->crt);
    if (sslb_cert_others(c) && !(e->others = X509_chain_up_ref(sslb_cert_others(c)))) *oom |= 1;
    sslb_cert_free(c);
    if (*oom) {
        entry_free(e);
        return NULL;
    }
    return e;
transient:
    note_transient(cc, store, name, err);
    *oom |= 2;
    /* fall through: nothing made */
none:
    sslb_cert_free(c);
    free(e);
    ERR_clear_error();
    return NULL;
}

/* Growable array of entry pointers. */
struct vec {
    struct cc_entry **v;
    size_t n, cap;
};

static int vec_push(struct vec *a, struct cc_entry *e)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        struct cc_entry **nv = realloc(a->v, cap * sizeof *nv);
        if (!nv) return -1;
        a->v = nv;
        a->cap = cap;
    }
    a->v[a->n++] = e;
    return 0;
}

/* ---- the test signature: the key checked once, and OpenSSL's per-key work done at load -------
 *
 * A key that matches its certificate can still be unable to sign (a damaged private part: the
 * public halves match, the signatures do not verify), and OpenSSL 3 does part of an RSA key's work
 * at its first private operation: the blinding factor (a random r, its inverse modulo n, r^e),
 * ~270 us for RSA-2048, more than the signature itself, and the Montgomery contexts of n, p and q.
 * It keeps two blindings per key: one for the thread that first signed, one shared by every other
 * thread (made by the first of them). Each new entry is therefore signed as TLS signs (RSA: PSS
 * with SHA-256) and the signature verified with the certificate's public key, in one thread (the
 * check), and an RSA key signed once more in another (the shared blinding): a handshake then finds
 * the key ready in whichever worker it runs. */

static const unsigned char test_msg[] = "sslbind-tls: the test signature of a certificate's key, made once at load";

/* Signs test_msg with key (as TLS would: RSA keys with PSS) into sig; verifies it with pub when
 * pub is not NULL. 0; -1 when it cannot sign (why says so); -2 when the signature does not
 * verify. */
static int test_sign(EVP_PKEY *key, EVP_PKEY *pub, char *why, size_t n)
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pc = NULL;
    unsigned char sig[2048];
    size_t len = sizeof sig;
    char mdname[64] = "";
    const char *mdn = NULL;
    int rsa = EVP_PKEY_is_a(key, "RSA"), rc = -1;

    if (EVP_PKEY_get_default_digest_name(key, mdname, sizeof mdname) > 0 && mdname[0] && strcmp(mdname, "UNDEF") != 0)
        mdn = rsa ? "SHA256" : mdname;
    ERR_clear_error();
    if ((size_t)EVP_PKEY_get_size(key) > sizeof sig) {
        snprintf(why, n, "its private key cannot sign: a %d-byte signature is more than this server handles",
                 EVP_PKEY_get_size(key));
        goto out;
    }
    if (!md || EVP_DigestSignInit_ex(md, &pc, mdn, NULL, NULL, key, NULL) != 1 ||
        (rsa && (EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PSS_PADDING) != 1 ||
                 EVP_PKEY_CTX_set_rsa_pss_saltlen(pc, RSA_PSS_SALTLEN_DIGEST) != 1)) ||
        EVP_DigestSign(md, sig, &len, test_msg, sizeof test_msg) != 1) {
        unsigned long err = ERR_peek_last_error();
        char r[160] = "OpenSSL gave no reason";
        if (err) ERR_error_string_n(err, r, sizeof r);
        snprintf(why, n, "its private key cannot sign: %s", r);
        goto out;
    }
    rc = 0;
    if (pub) {
        EVP_MD_CTX_free(md);
        pc = NULL;
        if (!(md = EVP_MD_CTX_new()) || EVP_DigestVerifyInit_ex(md, &pc, mdn, NULL, NULL, pub, NULL) != 1 ||
            (rsa && (EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PSS_PADDING) != 1 ||
                     EVP_PKEY_CTX_set_rsa_pss_saltlen(pc, RSA_PSS_SALTLEN_DIGEST) != 1)) ||
            EVP_DigestVerify(md, sig, len, test_msg, sizeof test_msg) != 1) {
            snprintf(why, n,
                     "its private key is damaged: a test signature does not verify with the certificate's "
                     "public key");
            rc = -2;
        }
    }
out:
    EVP_MD_CTX_free(md);
    ERR_clear_error();
    return rc;
}

/* ---- reading a batch of files -------------------------------------------------------------
 *
 * The files to read (a store's, every store's, or those a change named) are listed first, then
 * read, judged, checked and readied by T threads (at least 2, at most the CPUs): reading and
 * parsing a key costs about as much as its two test signatures, and a start-up with 10 000 RSA
 * keys is then spread over the CPUs. In the first pass thread i reads the files i, i+T, i+2T…
 * and makes each key's checked signature; when every thread has done so, it signs the RSA keys of
 * thread i+1's share again, so each RSA key has signed in two threads alive at once (a thread
 * that has exited may see its id given to the next one made, and count as the same). */

struct job {
    char store[SSLB_STORE_NAME_MAX + 1];
    char name[SSLB_HOST_MAX + 8];
};

struct jobs {
    struct job *v;
    size_t n, cap;
};

static int job_push(struct jobs *a, const char *store, const char *name)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        struct job *nv = realloc(a->v, cap * sizeof *nv);
        if (!nv) return -1;
        a->v = nv;
        a->cap = cap;
    }
    snprintf(a->v[a->n].store, sizeof a->v[a->n].store, "%s", store);
    snprintf(a->v[a->n].name, sizeof a->v[a->n].name, "%s", name);
    a->n++;
    return 0;
}

/* Lists the certificate files of store. 0, or -1 when out of memory, -2 when the directory is
 * there and cannot be read now (out of descriptors: said in cc->why). */
static int list_store(struct certcache *cc, const char *store, struct jobs *out)
{
    char dir[PATH_MAX + 80];
    const char *suffix = is_ccs(store) ? ".pfx" : ".crt";
    struct dirent *de;
    DIR *dp;
    int rc = 0;

    snprintf(dir, sizeof dir, "%s/%s", cc->root, store);
    if (!(dp = opendir(dir))) { /* no such store: nothing in it */
        int err = errno;
        if (err == ENOENT || err == ENOTDIR || !transient_failure(err)) return 0;
        note_transient(cc, store, "", err);
        return -2;
    }
    while (rc == 0 && (de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        char stem[SSLB_HOST_MAX + 8];
        if (de->d_name[0] == '.' || l <= 4 || strcmp(de->d_name + l - 4, suffix) != 0 || l >= sizeof stem) continue;
        snprintf(stem, sizeof stem, "%.*s", is_ccs(store) ? (int)l : (int)(l - 4), de->d_name);
        rc = job_push(out, store, stem);
    }
    closedir(dp);
    return rc;
}

/* Lists every store's files. */
static int list_all(struct certcache *cc, struct jobs *out)
{
    DIR *dp = opendir(cc->root);
    struct dirent *de;
    int rc = 0;

    if (!dp) {
        int err = errno;
        if (err == ENOENT || err == ENOTDIR || !transient_failure(err)) return 0;
        note_transient(cc, "(every store)", "", err);
        return -2;
    }
    while (rc == 0 && (de = readdir(dp))) {
        char path[PATH_MAX + 300];
        struct stat st;
        if (de->d_name[0] == '.' || strlen(de->d_name) > SSLB_STORE_NAME_MAX) continue;
        snprintf(path, sizeof path, "%s/%s", cc->root, de->d_name);
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) continue; /* a link to a store is one */
        rc = list_store(cc, de->d_name, out);
    }
    closedir(dp);
    return rc;
}

struct batch {
    struct certcache *cc;
    const struct job *jobs;
    struct cc_entry **got; /* got[j]: the entry of jobs[j], or NULL */
    size_t n;
    int oom;
    pthread_mutex_t m;
    pthread_cond_t c;
    unsigned nthreads; /* 0 until the caller knows how many started */
    unsigned done;     /* threads past the first pass */
    int stoppable;     /* a stop asked for meanwhile abandons the batch (every store read again) */
    int stopped;       /* atomic: it did */
};

struct batch_arg {
    struct batch *b;
    unsigned me;
};

/* The check of a new entry's key: its private values consistent (the core's check, so that
 * `http add` and `sim` judge the key as the endpoint does: an RSA key with a damaged CRT value
 * still signs, OpenSSL falling back to d, yet is damaged), then a test signature, verified. */
static void check_key(struct cc_entry *e)
{
    char why[256];
    sslb_diag d = {{0}};

    if (!e->x) return;
    if (sslb_cert_key_consistent(e->key, &d) == SSLB_ENOCERT)
        snprintf(why, sizeof why, "its private key is damaged: %.200s", d.text);
    else if (test_sign(e->key, X509_get0_pubkey(e->x), why, sizeof why) == 0) return;
    snprintf(e->why, sizeof e->why, "%s", why);
    /* said at load, not only when a handshake asks for it: the key file is damaged */
    log_line("sslbind-tls: certificate %s in store %s cannot serve: %s", e->name, e->store, why);
    X509_free(e->x);
    EVP_PKEY_free(e->key);
    e->x = NULL;
    e->key = NULL;
}

static void *batch_share(void *p)
{
    const struct batch_arg *a = p;
    struct batch *b = a->b;
    char why[256];
    unsigned nt;
    int oom = 0;

    pthread_mutex_lock(&b->m);
    while (!b->nthreads) pthread_cond_wait(&b->c, &b->m);
    nt = b->nthreads;
    pthread_mutex_unlock(&b->m);
    for (size_t j = a->me; j < b->n && !oom && !__atomic_load_n(&b->stopped, __ATOMIC_RELAXED); j += nt) {
        if (b->stoppable && stop_pending()) { /* one system call a file: nothing beside a key's parse */
            __atomic_store_n(&b->stopped, 1, __ATOMIC_RELAXED);
            break;
        }
        if ((b->got[j] = load(b->cc, b->jobs[j].store, b->jobs[j].name, &oom))) check_key(b->got[j]);
    }
    pthread_mutex_lock(&b->m); /* every entry made and checked: none changes any more */
    b->oom |= oom;
    b->done++;
    pthread_cond_broadcast(&b->c);
    while (b->done < nt) pthread_cond_wait(&b->c, &b->m);
    oom = b->oom;
    pthread_mutex_unlock(&b->m);
    for (size_t j = (a->me + 1) % nt; nt > 1 && !oom && !__atomic_load_n(&b->stopped, __ATOMIC_RELAXED) && j < b->n;
         j += nt) {
        EVP_PKEY *k = b->got[j] ? b->got[j]->key : NULL;
        if (k && (EVP_PKEY_is_a(k, "RSA") || EVP_PKEY_is_a(k, "RSA-PSS"))) (void)test_sign(k, NULL, why, sizeof why);
    }
    return NULL;
}

#define BATCH_THREADS_MAX 16

/* Reads the files of jobs (see above), appending their entries to out in the order of jobs.
 * 0, or -1 when out of memory, -2 when a read failed for a transient reason, -3 when stoppable
 * and a stop was asked for meanwhile (nothing appended). */
static int load_batch(struct certcache *cc, const struct jobs *jobs, struct vec *out, int stoppable)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t want = cpus < 2 ? 2 : cpus > BATCH_THREADS_MAX ? BATCH_THREADS_MAX : (size_t)cpus;
    struct batch b = {.cc = cc, .jobs = jobs->v, .n = jobs->n, .stoppable = stoppable};
    struct batch_arg arg[BATCH_THREADS_MAX];
    pthread_t id[BATCH_THREADS_MAX];
    unsigned started = 0;
    int rc = 0;

    if (jobs->n == 0) return 0;
    if (!(b.got = calloc(jobs->n, sizeof *b.got))) return -1;
    if (want > jobs->n + 1) want = jobs->n + 1; /* one file: two threads, its check and one more signature */
    pthread_mutex_init(&b.m, NULL);
    pthread_cond_init(&b.c, NULL);
    for (unsigned i = 1; i < want; i++) {
        arg[i] = (struct batch_arg){&b, i};
        if (pthread_create(&id[i], NULL, batch_share, &arg[i]) != 0) break; /* fewer threads, same work */
        started++;
    }
    pthread_mutex_lock(&b.m);
    b.nthreads = started + 1;
    pthread_cond_broadcast(&b.c);
    pthread_mutex_unlock(&b.m);
    arg[0] = (struct batch_arg){&b, 0}; /* this thread is one of them */
    batch_share(&arg[0]);
    for (unsigned i = 1; i <= started; i++) pthread_join(id[i], NULL);
    pthread_cond_destroy(&b.c);
    pthread_mutex_destroy(&b.m);
    /* every entry goes to out, or is freed here: on failure the caller frees what it finds in out */
    for (size_t j = 0; j < jobs->n; j++)
        if (b.got[j] && (b.oom || b.stopped || vec_push(out, b.got[j]) != 0)) {
            entry_free(b.got[j]);
            b.oom |= !b.stopped;
        }
    rc = b.oom & 1 ? -1 : b.oom ? -2 : b.stopped ? -3 : 0;
    free(b.got);
    return rc;
}

/* ---- chains ---------------------------------------------------------------------------------- */

/* The certificates an issuer is looked for among, by subject name: the stores of Windows' chain
 * engine's "world" collection, Root, CA, My and Trust (CERT_CHAIN_ENGINE_CONFIG, Remarks,
 * https://learn.microsoft.com/en-us/windows/win32/api/wincrypt/ns-wincrypt-cert_chain_engine_config),
 * ranked as the core's chain for sim and the .pfx export (certstore.c, chain_stores): CA, the
 * entry's .pfx, Root, MY, Trust. */
#define POOL_RANKS 5

struct pool_item {
    unsigned long name; /* X509_subject_name_hash */
    int rank;           /* 0: CA, 2: Root, 3: MY, 4: Trust (1: a .pfx's own, never in the pool) */
    X509 *x;
};

struct pool {
    struct pool_item *v;
    size_t n;
    STACK_OF(X509) * rank[POOL_RANKS]; /* one look-up's candidates by rank (1: NULL, the .pfx's own) */
};

/* The rank of a store's certificates in the pool (store: its directory's name), or -1: not in it. */
static int pool_rank(const char *store)
{
    static const char *const stores[] = {"ca", "", "root", "my", "trust"};
    for (int r = 0; r < POOL_RANKS; r++)
        if (stores[r][0] && strcmp(store, stores[r]) == 0) return r;
    return -1;
}

static int is_pool_store(const char *store)
{
    return pool_rank(store) >= 0;
}

static int item_cmp(const void *a, const void *b)
{
    const struct pool_item *x = a, *y = b;
    return x->name < y->name ? -1 : x->name > y->name ? 1 : x->rank - y->rank;
}

static void pool_free(struct pool *p)
{
    for (int r = 0; r < POOL_RANKS; r++) sk_X509_free(p->rank[r]);
    free(p->v);
}

/* The pool of the entries v[0..n). 0, or -1 when out of memory (then nothing to free). */
static int pool_build(struct pool *p, struct cc_entry **v, size_t n)
{
    int oom = 0;

    *p = (struct pool){0};
    for (int r = 0; r < POOL_RANKS; r++) oom |= r != 1 && !(p->rank[r] = sk_X509_new_null());
    for (size_t i = 0; i < n; i++) p->n += v[i]->crt && is_pool_store(v[i]->store);
    if (oom || (p->n && !(p->v = malloc(p->n * sizeof *p->v)))) {
        pool_free(p);
        return -1;
    }
    p->n = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i]->crt && is_pool_store(v[i]->store))
            p->v[p->n++] = (struct pool_item){X509_subject_name_hash(v[i]->crt), pool_rank(v[i]->store), v[i]->crt};
    if (p->n > 1) qsort(p->v, p->n, sizeof *p->v, item_cmp);
    return 0;
}

/* The next step of e's chain (sslb_cert_chain_next: the core's rules, so that what is served is
 * the chain the simulator describes): the candidates are the pool's certificates of the issuer
 * name of chain's last (else e's), in their ranks, and e's .pfx's own at rank 1. -1 when out of
 * memory. */
static int next_issuer(struct pool *p, const struct cc_entry *e, STACK_OF(X509) * chain, time_t now,
                       sslb_chain_step *step, X509 **up)
{
    int n = chain ? sk_X509_num(chain) : 0;
    unsigned long h = X509_issuer_name_hash(n ? sk_X509_value(chain, n - 1) : e->x);
    STACK_OF(X509) * rank[POOL_RANKS];
    size_t lo = 0, hi = p->n;

    for (int r = 0; r < POOL_RANKS; r++) {
        if (p->rank[r]) sk_X509_zero(p->rank[r]);
        rank[r] = r == 1 ? e->others : p->rank[r];
    }
    while (lo < hi) { /* the first item of that name */
        size_t mid = lo + (hi - lo) / 2;
        if (p->v[mid].name < h) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < p->n && p->v[i].name == h; i++)
        if (!sk_X509_push(rank[p->v[i].rank], p->v[i].x)) return -1;
    *step = sslb_cert_chain_next(e->x, chain, rank, POOL_RANKS, (long long)now, up);
    return 0;
}

/* Builds the chain e is served with (see certcache.h): *chain (NULL when empty) and whether it
 * reaches a root, which is not sent; why says where it stops when it does not. -1 when out of
 * memory. */
static int chain_of(struct pool *p, const struct cc_entry *e, STACK_OF(X509) * *chain, int *complete, char *why,
                    size_t n)
{
    time_t now = time(NULL);

    *chain = NULL;
    *complete = 0;
    why[0] = '\0';
    for (;;) {
        sslb_chain_step step;
        X509 *up;
        if (next_issuer(p, e, *chain, now, &step, &up) != 0) break;
        if (step == SSLB_CHAIN_ROOT) { /* the root: the client has it, it is not sent */
            *complete = 1;
            return 0;
        }
        if (step == SSLB_CHAIN_LONG) {
            snprintf(why, n, "longer than %d certificates", SSLB_CHAIN_MAX);
            return 0;
        }
        if (step == SSLB_CHAIN_NONE) {
            X509 *cur = *chain ? sk_X509_value(*chain, sk_X509_num(*chain) - 1) : e->x;
            char name[160] = "?", of[160] = "?";
            X509_NAME_oneline(X509_get_issuer_name(cur), name, sizeof name);
            X509_NAME_oneline(X509_get_subject_name(cur), of, sizeof of);
            snprintf(why, n, "no certificate of %s (issuer of %s) in store CA%s, Root, MY or Trust", name,
                     cur == e->x ? "the certificate" : of, is_ccs(e->store) ? ", in the .pfx" : "");
            return 0;
        }
        if ((!*chain && !(*chain = sk_X509_new_null())) || !sk_X509_push(*chain, up)) break;
        X509_up_ref(up);
    }
    sk_X509_pop_free(*chain, X509_free);
    *chain = NULL;
    return -1;
}

static int same_chain(STACK_OF(X509) * a, STACK_OF(X509) * b)
{
    int n = a ? sk_X509_num(a) : 0;
    if (n != (b ? sk_X509_num(b) : 0)) return 0;
    for (int i = 0; i < n; i++)
        if (X509_cmp(sk_X509_value(a, i), sk_X509_value(b, i)) != 0) return 0;
    return 1;
}

/* Whether OpenSSL serves x and key with chain as the handshake will (the chain's certificates
 * meet the security level too). */
static int chain_accepted(struct certcache *cc, const struct cc_entry *e, STACK_OF(X509) * chain, char *why, size_t n)
{
    SSL *s = SSL_new(cc->ctx);
    int ok = s && SSL_use_cert_and_key(s, e->x, e->key, chain, 1) == 1;
    if (!ok) {
        unsigned long err = ERR_peek_last_error();
        char r[160] = "out of memory";
        if (err) ERR_error_string_n(err, r, sizeof r);
        snprintf(why, n, "OpenSSL refuses its chain: %s", r);
    }
    SSL_free(s);
    ERR_clear_error();
    return ok;
}

static int ulong_cmp(const void *a, const void *b)
{
    unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
    return x < y ? -1 : x > y;
}

/* Whether an issuer name along e's chain is one of names[0..nn) (sorted). */
static int touches(const struct cc_entry *e, const unsigned long *names, size_t nn)
{
    int n = e->chain ? sk_X509_num(e->chain) : 0;
    for (int i = -1; i < n; i++) {
        unsigned long h = X509_issuer_name_hash(i < 0 ? e->x : sk_X509_value(e->chain, i));
        if (bsearch(&h, names, nn, sizeof *names, ulong_cmp)) return 1;
    }
    return 0;
}

/* The subject names of the pool's certificates that came or went in this commit, sorted: the
 * chains through them are built again. NULL (and *nn 0) when out of memory: then every chain is. */
static unsigned long *changed_names(const struct vec *keep, const struct vec *gone, size_t *nn)
{
    unsigned long *v = malloc((keep->n + gone->n + 1) * sizeof *v);

    *nn = 0;
    if (!v) return NULL;
    for (size_t i = 0; i < keep->n; i++)
        if (!keep->v[i]->published && keep->v[i]->crt && is_pool_store(keep->v[i]->store))
            v[(*nn)++] = X509_subject_name_hash(keep->v[i]->crt);
    for (size_t i = 0; i < gone->n; i++)
        if (gone->v[i]->crt && is_pool_store(gone->v[i]->store)) v[(*nn)++] = X509_subject_name_hash(gone->v[i]->crt);
    if (*nn > 1) qsort(v, *nn, sizeof *v, ulong_cmp);
    return v;
}

static void log_incomplete(const struct cc_entry *e, STACK_OF(X509) * chain, const char *why, int *logged)
{
    char what[SSLB_HOST_MAX + 100], served[200];
    int n = chain ? sk_X509_num(chain) : 0;

    if (++*logged > 8) return; /* the count is said at the end */
    if (is_ccs(e->store)) snprintf(what, sizeof what, "the central store file %s", e->name);
    else snprintf(what, sizeof what, "certificate %s in store %s", e->name, e->store);
    if (n == 0)
        snprintf(served, sizeof served,
                 "serving the certificate alone (a client that trusts only the root refuses it)");
    else
        snprintf(served, sizeof served,
                 "serving it with the %d CA certificate%s found (enough if that issuer is a root "
                 "its clients trust)",
                 n, n == 1 ? "" : "s");
    log_line("sslbind-tls: the chain of %s is incomplete: %s; %s", what, why, served);
}

/* A copy of published entry e serving chain instead (the entry itself is immutable), or NULL. */
static struct cc_entry *entry_with_chain(const struct cc_entry *e, STACK_OF(X509) * chain, int incomplete)
{
    struct cc_entry *n = malloc(sizeof *n);
    STACK_OF(X509) *others = e->others ? X509_chain_up_ref(e->others) : NULL;

    if (!n || (e->others && !others)) {
        free(n);
        sk_X509_pop_free(others, X509_free);
        return NULL;
    }
    *n = *e;
    X509_up_ref(n->x);
    EVP_PKEY_up_ref(n->key);
    if (n->crt) X509_up_ref(n->crt);
    n->others = others;
    n->chain = chain;
    n->incomplete = incomplete;
    n->published = 0;
    return n;
}

/* Builds the chains of the entries of keep that need it: those read anew, and, when a store of
 * the pool changed, those whose chain goes through a name that came or went (or was
 * incomplete). A published entry whose chain changes is replaced by a copy; it goes to gone.
 * Out of memory for one entry: it is served as it was (or without a chain), and said. */
static void build_chains(struct certcache *c, struct vec *keep, struct vec *gone, int pool_changed)
{
    struct pool p;
    unsigned long *names = NULL;
    size_t nn = 0;
    int logged = 0, oom = 0;

    if (pool_build(&p, keep->v, keep->n) != 0) {
        log_line("sslbind-tls: out of memory building certificate chains: serving certificates without them");
        return;
    }
    if (pool_changed) names = changed_names(keep, gone, &nn);
    for (size_t i = 0; i < keep->n; i++) {
        struct cc_entry *e = keep->v[i], *copy;
        STACK_OF(X509) * chain;
        char why[400];
        int complete;
        if (!e->x) continue;
        if (e->published && (!pool_changed || (!e->incomplete && names && !touches(e, names, nn)))) continue;
        if (chain_of(&p, e, &chain, &complete, why, sizeof why) != 0) {
            oom = 1;
            continue;
        }
        if (chain && !chain_accepted(c, e, chain, why, sizeof why)) {
            sk_X509_pop_free(chain, X509_free);
            chain = NULL;
            complete = 0;
        }
        if (!e->published) {
            e->chain = chain;
            e->incomplete = !complete;
            if (!complete) log_incomplete(e, chain, why, &logged);
            continue;
        }
        if (same_chain(chain, e->chain) && e->incomplete == !complete) {
            sk_X509_pop_free(chain, X509_free);
            continue;
        }
        if (!(copy = entry_with_chain(e, chain, !complete)) || vec_push(gone, e) != 0) {
            entry_free(copy); /* frees chain with it */
            if (!copy) sk_X509_pop_free(chain, X509_free);
            oom = 1;
            continue;
        }
        if (!complete && !e->incomplete) log_incomplete(e, chain, why, &logged);
        keep->v[i] = copy;
    }
    if (logged > 8) log_line("sslbind-tls: … and %d more certificates with incomplete chains", logged - 8);
    if (oom) log_line("sslbind-tls: out of memory building certificate chains: some are served without them");
    free(names);
    pool_free(&p);
}

/* ---- snapshots ------------------------------------------------------------------------------ */

static struct snap *snap_build(struct cc_entry **all, size_t n)
{
    struct snap *s = calloc(1, sizeof *s);
    size_t cap = 16;

    if (!s) return NULL;
    while (cap < 2 * n + 16) cap *= 2;
    s->mask = cap - 1;
    s->byid = calloc(cap, sizeof *s->byid);
    s->byfile = calloc(cap, sizeof *s->byfile);
    if (!s->byid || !s->byfile) {
        snap_free(s, 0);
        return NULL;
    }
    s->all = all;
    s->n = n;
    for (size_t i = 0; i < n; i++) {
        const struct cc_entry *e = all[i];
        size_t j = (size_t)id_hash(e->store, e->thumb) & s->mask;
        if (e->found || !is_ccs(e->store)) { /* an unusable central file has no thumbprint: by name only */
            while (s->byid[j]) j = (j + 1) & s->mask;
            s->byid[j] = e;
        }
        if (is_ccs(e->store)) {
            j = (size_t)file_hash(e->name) & s->mask;
            while (s->byfile[j]) j = (j + 1) & s->mask;
            s->byfile[j] = e;
        }
    }
    return s;
}

static struct snap *current(struct certcache *c)
{
    return pinned ? pinned : __atomic_load_n(&c->cur, __ATOMIC_ACQUIRE);
}

void certcache_pin(struct certcache *c)
{
    pinned = __atomic_load_n(&c->cur, __ATOMIC_ACQUIRE);
}

void certcache_unpin(struct certcache *c)
{
    (void)c;
    pinned = NULL;
}

const struct cc_entry *certcache_get(struct certcache *c, const char *store, const uint8_t thumb[SSLB_CERTHASH_LEN])
{
    char st[SSLB_STORE_NAME_MAX + 1];
    const struct snap *s = current(c);

    lower(st, store, sizeof st);
    for (size_t j = (size_t)id_hash(st, thumb) & s->mask; s->byid[j]; j = (j + 1) & s->mask) {
        const struct cc_entry *e = s->byid[j];
        if (memcmp(e->thumb, thumb, SSLB_CERTHASH_LEN) == 0 && strcmp(e->store, st) == 0) return e;
    }
    return NULL;
}

const struct cc_entry *certcache_get_ccs(struct certcache *c, const char *file)
{
    const struct snap *s = current(c);

    for (size_t j = (size_t)file_hash(file) & s->mask; s->byfile[j]; j = (j + 1) & s->mask)
        if (strcmp(s->byfile[j]->name, file) == 0) return s->byfile[j];
    return NULL;
}

/* resolve's central store: "<name>.pfx" in the cache: 1 usable, -1 there and unusable, 0 none.
 * No file is read. */
static int central_find(void *ctx, const char *name, uint8_t thumb[SSLB_CERTHASH_LEN])
{
    char file[SSLB_HOST_MAX + 8];
    const struct cc_entry *e;

    if (strlen(name) > SSLB_HOST_MAX) return 0;
    snprintf(file, sizeof file, "%s.pfx", name);
    if (!(e = certcache_get_ccs(ctx, file))) return 0;
    if (!e->x) return -1; /* there, and cannot serve */
    memcpy(thumb, e->thumb, SSLB_CERTHASH_LEN);
    return 1;
}

const sslb_central *certcache_central(struct certcache *c)
{
    return &c->central;
}

const char *certcache_why(const struct certcache *c)
{
    return c->why;
}

size_t certcache_count(struct certcache *c)
{
    return __atomic_load_n(&c->cur, __ATOMIC_ACQUIRE)->n;
}

/* ---- the writer ----------------------------------------------------------------------------- */

static void add_mark(struct certcache *c, const char *store, const char *name)
{
    if (c->all) return;
    for (size_t i = 0; i < c->nmarks; i++)
        if (strcmp(c->marks[i].store, store) == 0 && (!c->marks[i].name[0] || strcmp(c->marks[i].name, name) == 0))
            return;
    if (c->nmarks == c->capmarks) {
        size_t cap = c->capmarks ? 2 * c->capmarks : 16;
        struct mark *nm = realloc(c->marks, cap * sizeof *nm);
        if (!nm) {
            c->all = 1; /* no room to remember which: read everything again */
            return;
        }
        c->marks = nm;
        c->capmarks = cap;
    }
    lower(c->marks[c->nmarks].store, store, sizeof c->marks[c->nmarks].store);
    snprintf(c->marks[c->nmarks].name, sizeof c->marks[c->nmarks].name, "%s", name);
    c->nmarks++;
}

void certcache_mark_file(struct certcache *c, const char *store, const char *file)
{
    size_t l = strlen(file);
    char stem[SSLB_HOST_MAX + 8];

    if (file[0] == '.' || strlen(store) > SSLB_STORE_NAME_MAX || l >= sizeof stem) return;
    if (strcmp(store, SSLB_CCS_STORE) == 0) {
        if (l <= 4 || strcmp(file + l - 4, ".pfx") != 0) return;
        add_mark(c, store, file);
    } else {
        if (l != 2 * SSLB_CERTHASH_LEN + 4 || (strcmp(file + l - 4, ".crt") != 0 && strcmp(file + l - 4, ".key") != 0))
            return;
        snprintf(stem, sizeof stem, "%.*s", (int)(l - 4), file);
        add_mark(c, store, stem);
    }
}

void certcache_mark_store(struct certcache *c, const char *store)
{
    if (strlen(store) > SSLB_STORE_NAME_MAX || store[0] == '.') return;
    add_mark(c, store, "");
}

void certcache_mark_all(struct certcache *c)
{
    c->all = 1;
}

static int marked(const struct certcache *c, const struct cc_entry *e)
{
    for (size_t i = 0; i < c->nmarks; i++)
        if (strcmp(c->marks[i].store, e->store) == 0 &&
            (!c->marks[i].name[0] || strcmp(c->marks[i].name, e->name) == 0))
            return 1;
    return 0;
}

int certcache_commit(struct certcache *c)
{
    struct snap *old = c->cur, *s;
    struct vec keep = {0}, gone = {0};
    int oom = 0, rc = 0;

    if (!c->all && c->nmarks == 0) return 0;
    c->why[0] = '\0';
    /* what stays, what goes */
    for (size_t i = 0; old && i < old->n && !oom; i++)
        oom = vec_push(c->all || marked(c, old->all[i]) ? &gone : &keep, old->all[i]) != 0;
    /* what is read again: listed, then read (and each key checked and readied) by load_batch */
    struct jobs jobs = {0};
    if (!oom && c->all) oom = (rc = list_all(c, &jobs)) != 0;
    for (size_t i = 0; !oom && !c->all && i < c->nmarks; i++) {
        if (!c->marks[i].name[0]) {
            oom = (rc = list_store(c, c->marks[i].store, &jobs)) != 0;
            continue;
        }
        int whole = 0; /* a file of a store marked whole is read with it */
        for (size_t k = 0; k < c->nmarks; k++)
            whole |= !c->marks[k].name[0] && strcmp(c->marks[k].store, c->marks[i].store) == 0;
        if (!whole) oom = job_push(&jobs, c->marks[i].store, c->marks[i].name) != 0;
    }
    if (!oom) oom = (rc = load_batch(c, &jobs, &keep, c->all)) != 0;
    free(jobs.v);
    if (!oom) {
        int pool_changed = c->all;
        for (size_t i = 0; i < c->nmarks; i++) pool_changed |= is_pool_store(c->marks[i].store);
        build_chains(c, &keep, &gone, pool_changed);
    }
    if (oom || !(s = snap_build(keep.v, keep.n))) {
        /* drop what was loaded or copied anew (entries not in old) */
        for (size_t i = 0; i < keep.n; i++)
            if (!keep.v[i]->published) entry_free(keep.v[i]);
        free(keep.v);
        free(gone.v);
        return rc == -2 || rc == -3 ? rc : -1;
    }
    __atomic_store_n(&c->cur, s, __ATOMIC_RELEASE); /* release: what readers see of s is complete (TSan sees it too) */
    for (size_t i = 0; i < keep.n; i++) keep.v[i]->published = 1; /* the writer's field: readers never read it */
    c->nmarks = 0;
    c->all = 0;
    if (old) {
        old->retired = gone.v;
        old->nretired = gone.n;
        TSAN_RELEASE();
        urcu_qsbr_call_rcu(&old->rcu, snap_free_rcu);
    } else {
        free(gone.v);
    }
    return 0;
}

int certcache_open(struct certcache **out, sslb_certstore *cs, const char *state_dir, SSL_CTX *ctx, char *why, size_t n)
{
    struct certcache *c = calloc(1, sizeof *c);
    int rc;

    *out = NULL;
    if (!c || !(c->cur = snap_build(NULL, 0))) {
        free(c);
        snprintf(why, n, "out of memory");
        return -1;
    }
    pthread_mutex_init(&c->why_lock, NULL);
    snprintf(c->root, sizeof c->root, "%s/certs", state_dir);
    c->cs = cs;
    c->ctx = ctx;
    c->central.find = central_find;
    c->central.ctx = c;
    c->all = 1;
    if ((rc = certcache_commit(c)) != 0) {
        if (rc == -3) snprintf(why, n, "stopped (SIGTERM or SIGINT) while loading the certificates");
        else if (c->why[0]) snprintf(why, n, "%s", c->why);
        else snprintf(why, n, "out of memory loading the certificates");
        certcache_close(c);
        return rc == -3 ? -3 : -1;
    }
    *out = c;
    return 0;
}

void certcache_close(struct certcache *c)
{
    if (!c) return;
    urcu_qsbr_barrier(); /* snapshots retired earlier are freed */
    snap_free(c->cur, 1);
    free(c->marks);
    pthread_mutex_destroy(&c->why_lock);
    free(c);
}
