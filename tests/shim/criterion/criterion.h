/* A stand-in for <criterion/criterion.h>, used only by the ThreadSanitizer build.
 *
 * Criterion's runner cannot start under TSan (its shared-memory arena collides with TSan's
 * address-space layout), so the TSan build compiles the same test sources against this header:
 * the subset of Criterion's macros the concurrency suites use, and a plain main() that runs the
 * tests in order and ends with "N passed, N failed". Test sources stay single-source.
 */
#ifndef SSLB_CRITERION_SHIM_H
#define SSLB_CRITERION_SHIM_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct shim_test {
    const char *suite, *name;
    void (*fn)(void);
    struct shim_test *next;
};

static struct shim_test *shim_head, **shim_tail = &shim_head;
static const struct shim_test *shim_current;
static int shim_passed;

static inline void shim_register(struct shim_test *t)
{
    *shim_tail = t;
    shim_tail = &t->next;
}

static inline void shim_fail(const char *file, int line, const char *expr, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "[FAIL] %s::%s: %s:%d: %s\n", shim_current->suite, shim_current->name, file, line, expr);
    va_start(ap, fmt);
    if (fmt[0]) {
        fputs("[----]   ", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    }
    va_end(ap);
    printf("%d passed, 1 failed\n", shim_passed);
    fflush(NULL);
    _Exit(1);
}

#define Test(suite, name, ...)                                                                                         \
    static void suite##_##name(void);                                                                                  \
    static struct shim_test suite##_##name##_t = {#suite, #name, suite##_##name, NULL};                                \
    __attribute__((constructor)) static void suite##_##name##_reg(void)                                                \
    {                                                                                                                  \
        shim_register(&suite##_##name##_t);                                                                            \
    }                                                                                                                  \
    static void suite##_##name(void)

#define cr_assert(cond, ...)                                                                                           \
    do {                                                                                                               \
        if (!(cond)) shim_fail(__FILE__, __LINE__, #cond, "" __VA_ARGS__);                                             \
    } while (0)
#define cr_assert_not(cond, ...) cr_assert(!(cond), __VA_ARGS__)
#define cr_assert_eq(a, b, ...) cr_assert((a) == (b), __VA_ARGS__)
#define cr_assert_neq(a, b, ...) cr_assert((a) != (b), __VA_ARGS__)
#define cr_assert_gt(a, b, ...) cr_assert((a) > (b), __VA_ARGS__)
#define cr_assert_geq(a, b, ...) cr_assert((a) >= (b), __VA_ARGS__)
#define cr_assert_lt(a, b, ...) cr_assert((a) < (b), __VA_ARGS__)
#define cr_assert_leq(a, b, ...) cr_assert((a) <= (b), __VA_ARGS__)
#define cr_assert_str_eq(a, b, ...) cr_assert(strcmp((a), (b)) == 0, __VA_ARGS__)
#define cr_assert_null(p, ...) cr_assert((p) == NULL, __VA_ARGS__)

int main(void)
{
    for (const struct shim_test *t = shim_head; t; t = t->next) {
        shim_current = t;
        t->fn();
        fprintf(stderr, "[PASS] %s::%s\n", t->suite, t->name);
        shim_passed++;
    }
    printf("%d passed, 0 failed\n", shim_passed);
    return 0;
}

#endif
