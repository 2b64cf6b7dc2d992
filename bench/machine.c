/* machine.c — what the figures were measured on: the CPU model and how many CPUs and cores
 * (/proc/cpuinfo, sysconf), the kernel, and the load average, read at start and at end (a
 * shared machine's other work shows in every figure). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench.h"

/* The value of the first "key : value" line of /proc/cpuinfo whose key is `key`. */
static int cpuinfo_field(const char *key, char *out, size_t size)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    size_t klen = strlen(key);
    int found = 0;

    if (!f) return 0;
    while (!found && fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (!colon || strncmp(line, key, klen) != 0) continue;
        const char *k = line + klen;
        while (k < colon && (*k == ' ' || *k == '\t')) k++;
        if (k != colon) continue; /* a longer key with the same start */
        const char *v = colon + 1;
        while (*v == ' ' || *v == '\t') v++;
        snprintf(out, size, "%s", v);
        out[strcspn(out, "\n")] = '\0';
        found = 1;
    }
    fclose(f);
    return found;
}

void machine_load(double load[3])
{
    FILE *f = fopen("/proc/loadavg", "r");
    load[0] = load[1] = load[2] = -1;
    if (f) {
        if (fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = load[1] = load[2] = -1;
        fclose(f);
    }
}

void machine_probe(struct machine *m)
{
    char buf[64];
    struct utsname u;

    memset(m, 0, sizeof *m);
    if (!cpuinfo_field("model name", m->cpu, sizeof m->cpu)) snprintf(m->cpu, sizeof m->cpu, "unknown CPU");
    m->cpus_online = (int)sysconf(_SC_NPROCESSORS_ONLN);
    m->cpus_configured = (int)sysconf(_SC_NPROCESSORS_CONF);
    m->cores_per_socket = cpuinfo_field("cpu cores", buf, sizeof buf) ? (int)strtol(buf, NULL, 10) : 0;
    if (uname(&u) == 0) snprintf(m->kernel, sizeof m->kernel, "%.40s %.80s", u.sysname, u.release);
    machine_load(m->load_start);
}
