/* servers.c — starting the servers under test and reading what they cost from /proc: CPU
 * seconds (utime + stime) and resident memory of a process and all its descendants (nginx's
 * workers are children of its master). */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tlsbench.h"

/* Fields of /proc/PID/stat after the command: state is field 3, ppid 4, utime 14, stime 15. */
static int read_stat(pid_t pid, pid_t *ppid, unsigned long long *ticks)
{
    char path[64], buf[1024];
    FILE *f;
    size_t n;

    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (!(f = fopen(path, "r"))) return -1;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')'); /* the command may hold blanks and parentheses */
    if (!p) return -1;
    char state;
    int pp;
    unsigned long long ut, st;
    if (sscanf(p + 2, "%c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &state, &pp, &ut, &st) != 4) return -1;
    if (ppid) *ppid = pp;
    if (ticks) *ticks = ut + st;
    return 0;
}

static double status_kib(pid_t pid, const char *file, const char *field)
{
    char path[64], line[256];
    size_t fl = strlen(field);
    FILE *f;
    double v = 0;

    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
    if (!(f = fopen(path, "r"))) return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, fl) == 0) {
            v = strtod(line + fl, NULL);
            break;
        }
    fclose(f);
    return v;
}

int proc_usage(pid_t pid, struct proc_usage *u)
{
    pid_t set[4096];
    int n = 0;
    DIR *d;
    struct dirent *e;
    long hz = sysconf(_SC_CLK_TCK);

    memset(u, 0, sizeof *u);
    if (read_stat(pid, NULL, NULL) != 0) return -1;
    set[n++] = pid;
    /* descendants: every process whose parent is in the set, until no more join */
    for (int grew = 1; grew;) {
        grew = 0;
        if (!(d = opendir("/proc"))) break;
        while ((e = readdir(d)) && n < 4096) {
            pid_t p = (pid_t)strtol(e->d_name, NULL, 10), pp;
            if (p <= 0 || read_stat(p, &pp, NULL) != 0) continue;
            int in = 0, parent = 0;
            for (int i = 0; i < n; i++) {
                in |= set[i] == p;
                parent |= set[i] == pp;
            }
            if (!in && parent) {
                set[n++] = p;
                grew = 1;
            }
        }
        closedir(d);
    }
    for (int i = 0; i < n; i++) {
        unsigned long long t;
        if (read_stat(set[i], NULL, &t) != 0) continue;
        u->cpu_s += (double)t / (double)hz;
        u->rss_kib += status_kib(set[i], "status", "VmRSS:");
        u->pss_kib += status_kib(set[i], "smaps_rollup", "Pss:");
        u->pss_anon_kib += status_kib(set[i], "smaps_rollup", "Pss_Anon:");
        u->nproc++;
    }
    return 0;
}

/* A port of host nobody listens on now (the kernel's choice for port 0); -1 if none. */
int free_port(const char *host)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    int fd, port = -1;

    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *in = (void *)&ss;
    struct sockaddr_in6 *in6 = (void *)&ss;
    if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
        in->sin_family = AF_INET;
        sl = sizeof *in;
    } else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        sl = sizeof *in6;
    } else {
        return -1;
    }
    if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) return -1;
    if (bind(fd, (struct sockaddr *)&ss, sl) == 0 && getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
        port = ntohs(ss.ss_family == AF_INET ? in->sin_port : in6->sin6_port);
    close(fd);
    return port;
}

/* Waits until host:port accepts a TCP connection while pid lives. 0, or -1. */
int wait_listening(pid_t pid, const char *host, int port, double seconds)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *in = (void *)&ss;
    struct sockaddr_in6 *in6 = (void *)&ss;
    if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
        in->sin_family = AF_INET;
        in->sin_port = htons((uint16_t)port);
        sl = sizeof *in;
    } else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        sl = sizeof *in6;
    } else {
        return -1;
    }
    for (int i = 0; i < (int)(seconds * 20); i++) {
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) return -1; /* it exited */
        int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) return -1;
        int r = connect(fd, (struct sockaddr *)&ss, sl);
        close(fd);
        if (r == 0) return 0;
        struct timespec ts = {0, 50000000};
        nanosleep(&ts, NULL);
    }
    return -1;
}

/* Starts argv[0] with standard output and error sent to files. The child's pid, or -1. */
pid_t spawn(char *const argv[], const char *out, const char *err)
{
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        int e = open(err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        int nul = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (o < 0 || e < 0 || nul < 0 || dup2(nul, 0) < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0) _exit(127);
        setpgid(0, 0); /* its own group: stop() ends it and its workers together */
        execv(argv[0], argv);
        _exit(127);
    }
    setpgid(pid, pid);
    return pid;
}

/* SIGTERM to the server's process group, SIGKILL after 5 s; reaps it. */
void stop(pid_t pid)
{
    int status;
    if (pid <= 0) return;
    kill(-pid, SIGTERM);
    for (int i = 0; i < 100; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid) goto reaped;
        struct timespec ts = {0, 50000000};
        nanosleep(&ts, NULL);
    }
    kill(-pid, SIGKILL);
    waitpid(pid, &status, 0);
reaped:
    /* nginx's workers leave when their master does; make sure no one of the group stays */
    for (int i = 0; i < 40 && kill(-pid, 0) == 0; i++) {
        struct timespec ts = {0, 50000000};
        nanosleep(&ts, NULL);
    }
    if (kill(-pid, 0) == 0) kill(-pid, SIGKILL);
}
