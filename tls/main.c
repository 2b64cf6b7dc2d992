/* main.c — sslbind-tls: a real TLS endpoint over the emulated machine. At each ClientHello it
 * asks the core's resolve which binding http.sys would use (local address, port, SNI), serves
 * that binding's certificate from a cache of the machine's stores, and answers HTTP requests
 * saying what it did (routed to IIS sites by their Host header when the machine has some);
 * `openssl s_client` and `curl` can connect to it. Changes other processes make to the table,
 * the stores and the sites are seen by the next handshake (watch.c). This file: options,
 * start-up, listeners, and the exit; the parts are listed in server.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <urcu/urcu-qsbr.h>

#include "certcache.h"
#include "route.h"
#include "server.h"
#include "sesscache.h"
#include "ticketkeys.h"
#include "sslb/param.h"
#include "sslb/statedir.h"
#include "sslb/version.h"
#include "watch.h"

#define MAX_CONNECTIONS 1000000000L /* --max-connections: at most this */
#define MAX_TIMEOUT 86400
#define MAX_SESSION_CACHE 1000000L
/* Schannel's defaults (Microsoft, "Transport Layer Security (TLS) registry settings"):
 * MaximumCacheSize 20 000 elements, ServerCacheTime 10 hours */
#define SESSION_CACHE_DEFAULT 20000L
#define SESSION_TIMEOUT (10 * 3600L)

/* Parses text as an IP:PORT to listen on, port 0 allowed (the system picks one), and binds a
 * listening socket to it; the same address and port given twice is refused (two sockets with
 * SO_REUSEADDR may both bind it while neither listens: it would be said only after the load).
 * keys[0..n-1] are the addresses already bound, keys[n] receives this one. 0, or -1 (said why). */
static int listen_on(const char *text, sslb_key *keys, int n, int *fd_out)
{
    char buf[SSLB_KEYTEXT_MAX + 8];
    size_t l = strlen(text);
    int any_port = l > 2 && strcmp(text + l - 2, ":0") == 0 && l < sizeof buf;
    sslb_key k;
    sslb_diag d;
    struct sockaddr_storage ss;
    socklen_t sl;
    int fd, one = 1;

    /* the core's parser refuses port 0 (no binding has it); a listener may ask for it */
    snprintf(buf, sizeof buf, "%.*s%s", any_port ? (int)(l - 1) : (int)l, text, any_port ? "1" : "");
    if (sslb_key_parse(SSLB_IPPORT, buf, &k, &d) != SSLB_OK) {
        /* a reason that quotes the whole rewritten text quotes what the user typed instead
         * ('::1:0', not '::1:1'); the parser checks the port first, so it cannot be parsed
         * as typed: the address's fault would be reported as port 0's */
        char quoted[sizeof buf + 2], *at;
        snprintf(quoted, sizeof quoted, "'%s'", buf);
        if (any_port && (at = strstr(d.text, quoted)))
            fprintf(stderr, "sslbind-tls: --listen %s: %.*s'%s'%s\n", text, (int)(at - d.text), d.text, text,
                    at + strlen(quoted));
        else fprintf(stderr, "sslbind-tls: --listen %s: %s\n", text, d.text);
        return -1;
    }
    if (any_port) k.port = 0;
    for (int i = 0; i < n && k.port; i++) { /* the same port, the same address or a wildcard (IPv6: V6ONLY) */
        static const uint8_t any[16];
        if (keys[i].port != k.port || keys[i].family != k.family) continue;
        if (memcmp(keys[i].addr, k.addr, 16) == 0) {
            fprintf(stderr, "sslbind-tls: --listen %s: given twice\n", text);
            return -1;
        }
        if (memcmp(keys[i].addr, any, 16) == 0 || memcmp(k.addr, any, 16) == 0) {
            char other[SSLB_KEYTEXT_MAX];
            sslb_key_format(&keys[i], other, sizeof other);
            fprintf(stderr,
                    "sslbind-tls: --listen %s: overlaps --listen %s (a wildcard address takes the port on "
                    "every address)\n",
                    text, other);
            return -1;
        }
    }
    keys[n] = k;
    memset(&ss, 0, sizeof ss);
    if (k.family == 4) {
        struct sockaddr_in *in = (void *)&ss;
        in->sin_family = AF_INET;
        in->sin_port = htons(k.port);
        memcpy(&in->sin_addr, k.addr, 4);
        sl = sizeof *in;
    } else {
        struct sockaddr_in6 *in6 = (void *)&ss;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(k.port);
        memcpy(&in6->sin6_addr, k.addr, 16);
        sl = sizeof *in6;
    }
    if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) < 0) {
        fprintf(stderr, "sslbind-tls: --listen %s: %s\n", text, strerror(errno));
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (k.family == 6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    /* bound now (a port in use is said at once), listening only once the certificates are
     * loaded (see main): a client never waits in the backlog of a server that is still loading */
    if (bind(fd, (struct sockaddr *)&ss, sl) != 0) {
        fprintf(stderr, "sslbind-tls: --listen %s: %s\n", text, strerror(errno));
        close(fd);
        return -1;
    }
    *fd_out = fd;
    return 0;
}

/* "sslbind-tls: listening on 127.0.0.1:34567": the address as bound (the port the system chose
 * for :0), one line per --listen, in their order. */
static void say_listening(int fd)
{
    struct verdict v;
    memset(&v, 0, sizeof v);
    if (verdict_local(&v, fd) == 0) printf("sslbind-tls: listening on %s\n", v.local);
}

static void usage(FILE *f)
{
    fputs("usage: sslbind-tls [--state DIR] --listen IP:PORT [--listen IP:PORT ...] [--workers N]\n"
          "                   [--handshake-timeout SECONDS] [--idle-timeout SECONDS] [--max-connections N]\n"
          "                   [--session-cache N] [--ticket-key-life SECONDS] [--quiet]\n"
          "       sslbind-tls --help | --version\n"
          "Serves TLS on each address with the certificate http.sys would choose, and answers HTTP\n"
          "requests saying which binding and certificate were used (routed to IIS sites by Host).\n"
          "\n"
          "  --state DIR, --state=DIR   the emulated machine (default: $SSLBIND_STATE, else the XDG state\n"
          "                             directory, as for sslbind); a DIR given must exist\n"
          "  --listen IP:PORT           an address to listen on (up to 16); port 0: the system picks a free\n"
          "                             one. Once every address listens, one line per address on standard\n"
          "                             output: \"sslbind-tls: listening on IP:PORT\", the port as bound\n"
          "  --workers N                worker threads, each with its own event loop (default: the number\n"
          "                             of CPUs; 1 to 1024)\n"
          "  --handshake-timeout SECONDS  the whole TLS handshake, from accept (default 10, 1 to 86400);\n"
          "                             also how long a stop waits for connections in flight\n"
          "  --idle-timeout SECONDS     from the handshake or the last answer until a whole request has\n"
          "                             arrived (default 60, 1 to 86400)\n"
          "  --max-connections N        stop (as on SIGTERM) after accepting N connections (default: no\n"
          "                             limit; 1 to 1000000000)\n"
          "  --session-cache N          TLS sessions kept for resumption, at most (default 20000, as\n"
          "                             Schannel's MaximumCacheSize; 0 to 1000000; 0: none, as 0 there)\n"
          "  --ticket-key-life SECONDS  how long a session ticket key lives (default 36000, 2 to 604800):\n"
          "                             it encrypts new tickets for the first half, only decrypts them\n"
          "                             (renewing the ticket) for the second, then it is wiped\n"
          "  --quiet                    no log line per handshake and request on standard error\n"
          "  --help                     this text\n"
          "  --version                  the version\n"
          "SIGTERM or SIGINT: stop accepting, finish the connections in flight, exit 0.\n"
          "SIGHUP: read the binding table, the certificates and the IIS sites again now, serving on.\n",
          f);
}

/* A number from lo to hi, digits only, into *out. 0, or -1 (said why). */
static int parse_num(const char *opt, const char *text, long lo, long hi, long *out)
{
    char *end = NULL;
    long v;

    errno = 0;
    v = text[0] >= '0' && text[0] <= '9' ? strtol(text, &end, 10) : lo - 1;
    if (v < lo || errno == ERANGE || (end && *end) || v > hi) {
        fprintf(stderr, "sslbind-tls: %s: '%s' is not a number from %ld to %ld\n", opt, text, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

/* Thousands of connections: the descriptor limit as high as this process may set it. */
static void raise_nofile(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

/* Opens everything the server needs over state. 0, or -1 (said why); -3 (said) when a stop was
 * asked for while the certificates loaded. */
static int server_open(struct server *sv, const char *state)
{
    char why[600];
    sslb_diag d = {{0}};
    int rc = 0;

    if (sslb_table_create(&sv->table) != SSLB_OK) {
        fprintf(stderr, "sslbind-tls: out of memory\n");
        return -1;
    }
    if (sslb_store_open(state, &sv->store, &d) != SSLB_OK || sslb_certstore_open(state, &sv->certs, &d) != SSLB_OK ||
        sslb_cert_server_ctx(&sv->ctx, &d) != SSLB_OK) {
        fprintf(stderr, "sslbind-tls: %s\n", d.text[0] ? d.text : "out of memory");
        return -1;
    }
    /* idle connections hold no OpenSSL buffers; answers may go out in pieces; the chain is the
     * one the cache built at load: without NO_AUTO_CHAIN OpenSSL searches for one again at every
     * handshake whose certificate has none (a self-signed one): an X509_STORE_CTX and
     * X509_verify_cert over the context's (empty) store, per handshake, in every worker */
    SSL_CTX_set_mode(sv->ctx, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE |
                                  SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_NO_AUTO_CHAIN);
    /* one read(2) takes what the socket holds (a record's header and body, a flight of several
     * records) instead of two per record: the loops read until WANT_READ, so nothing waits in
     * OpenSSL's buffer unseen by epoll */
    SSL_CTX_set_read_ahead(sv->ctx, 1);
    /* Sessions as Schannel keeps them for http.sys: a server-side cache (ours, sharded and
     * bounded: sesscache.c; installed by hello_setup) for session IDs and TLS 1.3's stateful
     * tickets, each session kept at most 10 hours; tickets and the cache per binding (hello.c) */
    SSL_CTX_set_timeout(sv->ctx, SESSION_TIMEOUT);
    if (sv->opt.session_cache == 0) SSL_CTX_set_session_cache_mode(sv->ctx, SSL_SESS_CACHE_OFF);
    else if (!(sv->sessions = sesscache_open((size_t)sv->opt.session_cache))) {
        fprintf(stderr, "sslbind-tls: out of memory\n");
        return -1;
    }
    /* encrypted tickets under keys that rotate (OpenSSL's default: one key for the process's
     * life), every worker reading the same keys */
    if (!(sv->tickets = ticketkeys_open(sv->opt.ticket_key_life, ticketkeys_now_ms(), certcache_retiring,
                                        certcache_grace_ended)) ||
        ticketkeys_install(sv->tickets, sv->ctx) != 0) {
        fprintf(stderr, "sslbind-tls: cannot make the session ticket keys (out of memory, or no random bytes)\n");
        return -1;
    }
    /* a client that closes its side without close_notify after its requests gets their answers
     * and ours, not a decode_error alert */
    SSL_CTX_set_options(sv->ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
    /* watching starts before anything is read: a change made while loading is seen */
    if (watch_open(sv, state, why, sizeof why) != 0 ||
        (rc = certcache_open(&sv->cache, sv->certs, state, sv->ctx, why, sizeof why)) != 0) {
        fprintf(stderr, "sslbind-tls: %s\n", why);
        return rc == -3 ? -3 : -1;
    }
    sslb_table_set_central(sv->table, certcache_central(sv->cache));
    if (!(sv->router = router_open(state)) || router_refresh(sv->router, why, sizeof why) != 0) {
        fprintf(stderr, "sslbind-tls: %s\n", sv->router ? why : "out of memory");
        return -1;
    }
    watch_started(sv);
    if (sslb_store_load(sv->store, sv->table, &d) != SSLB_OK) {
        fprintf(stderr, "sslbind-tls: %s\n", d.text);
        return -1;
    }
    if (hello_setup(sv) != 0) {
        fprintf(stderr, "sslbind-tls: out of memory\n");
        return -1;
    }
    return 0;
}

/* Frees whatever server_open opened: every exit path goes through here. */
static void server_close(struct server *sv)
{
    if (sv->table) sslb_table_set_central(sv->table, NULL);
    sslb_table_destroy(sv->table);
    certcache_close(sv->cache);
    watch_close(sv->watch);
    SSL_CTX_free(sv->ctx); /* before the session cache: freeing the context may remove sessions */
    sesscache_close(sv->sessions);
    ticketkeys_close(sv->tickets); /* no handshake runs: the keys wiped */
    sslb_certstore_close(sv->certs);
    sslb_store_close(sv->store);
    router_close(sv->router);
}

int main(int argc, char **argv)
{
    struct server sv;
    int lfd[TLS_MAX_LISTEN];
    const char *ltext[TLS_MAX_LISTEN];
    sslb_key lkey[TLS_MAX_LISTEN]; /* the addresses bound, to refuse one given twice */
    const char *state = NULL;      /* --state, else sslb_state_dir_find() */
    char *defstate = NULL;
    char absstate[PATH_MAX];
    int nl = 0, status = 1, rcu = 0, rc;
    long num;
    sslb_diag d = {{0}};
    sigset_t sigs;

    sslb_hold_std_fds();
    memset(&sv, 0, sizeof sv);
    sv.opt.max_connections = -1;
    sv.opt.handshake_timeout = 10;
    sv.opt.idle_timeout = 60;
    sv.opt.session_cache = SESSION_CACHE_DEFAULT;
    sv.opt.ticket_key_life = TICKETKEYS_LIFE_DEFAULT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if ((strcmp(a, "--state") == 0 && has && !argv[i + 1][0]) || strcmp(a, "--state=") == 0) {
            fprintf(stderr, "sslbind-tls: --state needs a value (sslbind-tls --help lists the options)\n");
            goto out;
        } else if (strcmp(a, "--state") == 0 && has) {
            state = argv[++i];
        } else if (strncmp(a, "--state=", 8) == 0) { /* as sslbind and appcmd take it */
            state = a + 8;
        } else if (strcmp(a, "--listen") == 0 && has) {
            if (nl == TLS_MAX_LISTEN) {
                fprintf(stderr, "sslbind-tls: --listen %s: at most %d addresses\n", argv[i + 1], TLS_MAX_LISTEN);
                goto out;
            }
            ltext[nl] = argv[++i];
            if (listen_on(ltext[nl], lkey, nl, &lfd[nl]) != 0) goto out;
            nl++;
        } else if (strcmp(a, "--max-connections") == 0 && has) {
            if (parse_num(a, argv[++i], 1, MAX_CONNECTIONS, &sv.opt.max_connections) != 0) goto out;
        } else if (strcmp(a, "--workers") == 0 && has) {
            if (parse_num(a, argv[++i], 1, TLS_MAX_WORKERS, &num) != 0) goto out;
            sv.opt.workers = (int)num;
        } else if (strcmp(a, "--handshake-timeout") == 0 && has) {
            if (parse_num(a, argv[++i], 1, MAX_TIMEOUT, &num) != 0) goto out;
            sv.opt.handshake_timeout = (int)num;
        } else if (strcmp(a, "--idle-timeout") == 0 && has) {
            if (parse_num(a, argv[++i], 1, MAX_TIMEOUT, &num) != 0) goto out;
            sv.opt.idle_timeout = (int)num;
        } else if (strcmp(a, "--session-cache") == 0 && has) {
            if (parse_num(a, argv[++i], 0, MAX_SESSION_CACHE, &sv.opt.session_cache) != 0) goto out;
        } else if (strcmp(a, "--ticket-key-life") == 0 && has) {
            if (parse_num(a, argv[++i], TICKETKEYS_LIFE_MIN, TICKETKEYS_LIFE_MAX, &sv.opt.ticket_key_life) != 0)
                goto out;
        } else if (strcmp(a, "--quiet") == 0) {
            sv.opt.quiet = 1;
        } else if (strcmp(a, "--version") == 0) {
            printf("sslbind-tls %s\n", SSLB_VERSION_STRING);
            status = 0;
            goto out;
        } else if (strcmp(a, "--help") == 0) {
            usage(stdout);
            status = 0;
            goto out;
        } else {
            static const char *const valued[] = {
                "--state",        "--listen",        "--max-connections", "--workers", "--handshake-timeout",
                "--idle-timeout", "--session-cache", "--ticket-key-life"};
            int known = 0;
            for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++) known |= strcmp(a, valued[k]) == 0;
            if (known) fprintf(stderr, "sslbind-tls: %s needs a value (sslbind-tls --help lists the options)\n", a);
            else fprintf(stderr, "sslbind-tls: unknown argument '%s' (sslbind-tls --help lists the options)\n", a);
            goto out;
        }
    }
    if (nl == 0) {
        fprintf(stderr, "sslbind-tls: no --listen IP:PORT: nothing to serve (sslbind-tls --help lists the options)\n");
        goto out;
    }
    if (sv.opt.workers == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        sv.opt.workers = cpus < 1 ? 1 : cpus > TLS_MAX_WORKERS ? TLS_MAX_WORKERS : (int)cpus;
    }
    if (state && *state) { /* a server on a directory that is not there would serve an empty machine */
        struct stat st;
        if (stat(state, &st) != 0 && errno == ENOENT) {
            fprintf(stderr,
                    "sslbind-tls: --state %s: no such state directory (a mistyped name? sslbind --state %s creates "
                    "one)\n",
                    state, state);
            goto out;
        }
    }
    if (!state || !*state) {
        if (sslb_state_dir_find(&defstate, &d) != SSLB_OK) {
            fprintf(stderr, "sslbind-tls: %s\n", d.text[0] ? d.text : "out of memory");
            goto out;
        }
        state = defstate;
    }
    /* taken from the current directory now, once: every reader and the watch's anchors then name
     * the same directory, even after the current directory is removed or renamed */
    if (sslb_path_absolute(state, "--state", absstate, sizeof absstate, &d) != SSLB_OK) {
        fprintf(stderr, "sslbind-tls: %s\n", d.text);
        goto out;
    }
    state = absstate;
    raise_nofile();
    signal(SIGPIPE, SIG_IGN);
    /* SIGTERM and SIGINT (stop) and SIGHUP (read the state directory again) are taken by
     * sigtimedwait in serve(); blocked in every thread */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    urcu_qsbr_register_thread(); /* this thread changes the cache; serve() keeps it offline while it waits */
    rcu = 1;
    if ((rc = server_open(&sv, state)) != 0 || stop_pending()) {
        /* SIGTERM or SIGINT while the certificates loaded: a stop, as in serve(), before a
         * listener listens or the line a supervisor waits for is printed */
        if (rc == -3 || rc == 0) status = 0;
        if (rc == 0) fprintf(stderr, "sslbind-tls: stopped (SIGTERM or SIGINT) while starting\n");
        goto out;
    }
    for (int i = 0; i < nl; i++)
        if (listen(lfd[i], 4096) != 0) { /* another socket bound the port too and listened first */
            fprintf(stderr,
                    "sslbind-tls: --listen %s: %s (another process bound it too, while the certificates "
                    "loaded, and listens there now)\n",
                    ltext[i], strerror(errno));
            goto out;
        }
    for (int i = 0; i < nl; i++) say_listening(lfd[i]);
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) { /* a supervisor waiting for the line would wait for ever */
        fprintf(stderr, "sslbind-tls: standard output: %s\n", errno ? strerror(errno) : "write error");
        goto out;
    }
    log_start(); /* from here a blocked standard error blocks no worker (hello.c) */
    status = serve(&sv, lfd, nl, &sigs) == 0 ? 0 : 1;
    log_stop(2);
out:
    if (rcu) urcu_qsbr_thread_offline(); /* certcache_close waits for grace periods */
    for (int i = 0; i < nl; i++) close(lfd[i]);
    server_close(&sv);
    if (rcu) urcu_qsbr_unregister_thread();
    free(defstate);
    return status;
}
