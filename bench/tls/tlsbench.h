/* tlsbench.h — sslbind-tlsbench: full TLS handshakes against sslbind-tls, nginx and HAProxy
 * on loopback, with the same certificates and the same load, and the crypto floor measured in
 * the same run. See docs/performance.md ("The handshake benchmark"). */
#ifndef SSLB_TLSBENCH_H
#define SSLB_TLSBENCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <openssl/ssl.h>

#define THUMB_LEN 20 /* SHA-1 of the DER certificate: what netsh calls the certificate hash */

enum keytype { KEY_ECDSA, KEY_RSA, KEY_COUNT };
extern const char *const key_names[KEY_COUNT]; /* "ecdsa-p256", "rsa-2048" */

/* The names of one key type and, per name, its own certificate: files and thumbprints. */
struct certset {
    enum keytype key;
    size_t n;
    char **names;                /* "n00000.tlsbench.test" … */
    char **pem;                  /* absolute path: certificate then private key, PEM */
    uint8_t (*thumb)[THUMB_LEN]; /* SHA-1 of each certificate */
    size_t nkeys;                /* distinct private keys among them */
};

/* certs.c: makes (or finds in dir, a cache) n names with a certificate each. rsa_keys: how
 * many RSA keys the RSA certificates share round-robin (0: one each). 0, or -1 (said why). */
int certset_make(struct certset *cs, enum keytype key, size_t n, const char *dir, size_t rsa_keys);
void certset_free(struct certset *cs);
void thumb_hex(const uint8_t t[THUMB_LEN], char out[2 * THUMB_LEN + 1]);
int thumb_parse(const char *hex, uint8_t t[THUMB_LEN]);

/* load.c: the load generator. */
struct load_cfg {
    const char *host; /* numeric IPv4 or IPv6 address */
    int port;
    int tls;            /* 12 or 13: both the least and the most the client offers */
    char *const *names; /* SNI of each name, and the certificate expected for it */
    const uint8_t (*thumb)[THUMB_LEN];
    size_t nnames;
    size_t handshakes; /* how many connections in all */
    int concurrency;   /* connections in flight */
    int threads;       /* client threads, each with its own epoll loop */
    uint64_t seed;     /* connection k asks for name pick(seed, k): same for every server */
    int request;       /* send one HTTP request and read the answer to the end */
    double timeout;    /* seconds per connection */
    int inject_fault;  /* expect a wrong thumbprint once: the check must catch it */
};

struct load_result {
    size_t ok, errors, wrong, http_bad; /* errors: every failed connection; http_bad: those whose answer was not 200 */
    double seconds, hs_per_s;
    double p50_us, p90_us, p99_us, max_us; /* connect() to handshake done, successful ones */
    char first_error[256], first_wrong[320];
};

int load_run(const struct load_cfg *cfg, struct load_result *res);
/* The client's context, as every connection of the load makes it: TLS `tls` (12 or 13) only,
 * no session kept or offered, X25519 and P-256 offered, no verification (thumbprints are). */
SSL_CTX *load_client_ctx(int tls);
/* The request each connection sends, for `name`: its length (snprintf's). */
int load_request(char *buf, size_t n, const char *name);
/* A numeric IPv4 or IPv6 address and a port: 0, or -1 when host is not one. */
int load_sockaddr(const char *host, int port, struct sockaddr_storage *ss, socklen_t *sl);

/* n connections to host:port that send nothing (fds: n slots, -1 where none). Returns how many
 * completed their TCP handshake within wait_s; idle_held: how many the server has not closed. */
int idle_open(const char *host, int port, int n, int *fds, double wait_s);
int idle_held(const int *fds, int n);
void idle_close(int *fds, int n);
size_t load_pick(uint64_t seed, size_t k, size_t n);

/* servers.c: starting and watching the servers. */
struct proc_usage {
    double cpu_s;   /* utime + stime of the process and its descendants */
    double rss_kib; /* VmRSS summed over them */
    double pss_kib; /* Pss (smaps_rollup) summed over them: shared pages counted once */
    /* Pss_Anon summed: the anonymous part (heaps; shared only by a fork, as nginx's master
     * shares its certificates with its workers), without the libraries' file pages, whose
     * share moves as the other servers start and stop; 0 where the kernel does not say */
    double pss_anon_kib;
    int nproc;
};
int proc_usage(pid_t pid, struct proc_usage *u);
int free_port(const char *host);
int wait_listening(pid_t pid, const char *host, int port, double seconds);
pid_t spawn(char *const argv[], const char *out, const char *err);
void stop(pid_t pid);

/* floor.c: what one handshake's server-side public-key work costs, measured with OpenSSL. */
struct floor_cost {
    double sign_us;   /* one CertificateVerify (TLS 1.3) / ServerKeyExchange (1.2) signature */
    double keygen_us; /* the server's X25519 key share */
    double derive_us; /* the X25519 shared secret */
    double total_us;
};
int floor_measure(enum keytype key, double seconds, struct floor_cost *f);
double cpu_now(void); /* this thread's CPU time, seconds */

/* What one connection of the load moves, seen from the server: in each of its turns (woken by
 * the client's bytes, it reads them all and answers before it waits again) the bytes it reads
 * and then writes; the last turn ends with the server's close. tail: what the client still
 * sends after the last answer (its close_notify). */
#define TURNS_MAX 6
struct turns {
    int n;
    size_t in[TURNS_MAX], out[TURNS_MAX], tail;
};

/* What to get wrong on purpose (--inject-floor-fault): each must be caught, and no floor said. */
enum floor_fault { FAULT_NONE, FAULT_VERSION, FAULT_CERT, FAULT_BYTES };

/* libfloor.c: the server side of one whole connection of the load (handshake, request, answer,
 * close_notify) done by OpenSSL in memory: median server CPU per connection. */
struct lib_floor {
    double us;          /* server CPU per connection, median of the batches' */
    size_t connections; /* timed, over all batches */
    int batches;
    double timer_us;    /* the cost of one reading of the thread's CPU clock, taken off each */
    char cipher[64];    /* what was negotiated */
    struct turns shape; /* of one connection, for the transport floor */
};
int libfloor_measure(enum keytype key, int tls, const char *pem, const char *name, const uint8_t thumb[THUMB_LEN],
                     double seconds, enum floor_fault fault, struct lib_floor *f, char *why, size_t whylen);

/* tcpfloor.c: the same turns as plain TCP on loopback, the server an epoll loop as sslbind-tls's
 * workers: median server-thread CPU per connection. */
struct tcp_floor {
    double us;
    size_t connections; /* timed, over all batches */
    int batches;
    size_t syscalls; /* the server's system calls per connection, as counted */
};
int tcpfloor_measure(const char *host, const struct turns *t, int concurrency, double seconds, enum floor_fault fault,
                     struct tcp_floor *f, char *why, size_t whylen);

#endif
