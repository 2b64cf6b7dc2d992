/* replay_main.c — the main() of a harness built without libFuzzer (any compiler): runs
 * LLVMFuzzerTestOneInput on each file named, and on every file of each directory named (sorted,
 * not recursive), once each. A crash, a sanitizer report or a failed check ends the run as
 * it would under libFuzzer; otherwise it prints "<n> inputs replayed" and exits 0. No input at
 * all is an error (a corpus that went missing must not pass as an empty one).
 *
 *   fuzz_endpoint-replay tools/fuzz/corpus/endpoint tools/fuzz/regressions/endpoint
 */
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Under AddressSanitizer, a leak check after each input, as libFuzzer does (at exit, a pointer
 * left in a dead stack frame can hide a leak). */
#if defined(__SANITIZE_ADDRESS__)
#define REPLAY_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REPLAY_LSAN 1
#endif
#endif
#ifdef REPLAY_LSAN
#include <sanitizer/lsan_interface.h>
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static size_t replayed, leaking;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, r;

    if (!f) {
        perror(path);
        return -1;
    }
    do {
        if (len == cap) {
            uint8_t *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (!nb) {
                fclose(f);
                free(buf);
                return -1;
            }
            buf = nb;
        }
        r = fread(buf + len, 1, cap - len, f);
        len += r;
    } while (r > 0);
    fclose(f);
    /* an exact-size copy, as libFuzzer passes it, so a read past the end is caught */
    uint8_t *in = malloc(len ? len : 1);
    if (!in) {
        free(buf);
        return -1;
    }
    if (len) memcpy(in, buf, len);
    free(buf);
    if (getenv("SSLB_FUZZ_VERBOSE")) fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
    LLVMFuzzerTestOneInput(in, len);
    free(in);
    replayed++;
#ifdef REPLAY_LSAN
    if (__lsan_do_recoverable_leak_check()) {
        fprintf(stderr, "replay: %s leaks\n", path);
        leaking++;
    }
#endif
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;

    if (!d) {
        perror(path);
        return -1;
    }
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
            if (!nn) break;
            names = nn;
        }
        size_t l = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(l))) break;
        snprintf(names[n++], l, "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) != 0) {
            perror(names[i]);
            rc = -1;
        } else if (S_ISREG(st.st_mode) && run_file(names[i]) != 0) {
            rc = -1;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);

    /* absolute paths first: a harness may change the working directory */
    for (int i = 1; i < argc; i++)
        if (!paths || !(paths[i] = realpath(argv[i], NULL))) {
            perror(argv[i]);
            return 1;
        }
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            perror(paths[i]);
            rc = 1;
        } else if (S_ISDIR(st.st_mode) ? run_dir(paths[i]) != 0 : run_file(paths[i]) != 0) {
            rc = 1;
        }
        free(paths[i]);
    }
    free(paths);
    printf("%zu inputs replayed\n", replayed);
    if (leaking) {
        fprintf(stderr, "replay: %zu inputs leak\n", leaking);
        return 1;
    }
    if (replayed == 0) {
        fprintf(stderr, "replay: no input\n");
        return 1;
    }
    return rc;
}
