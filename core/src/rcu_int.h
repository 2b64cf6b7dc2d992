/* rcu_int.h — the core's thin layer over liburcu (memb flavour), shared by table.c.
 *
 * Why a layer: (1) threads are registered with RCU on first use and unregistered at thread exit,
 * so no caller can forget (a thread the application registered with liburcu memb before is
 * left to it: neither registered again nor unregistered); (2) under ThreadSanitizer the layer tells TSan what a grace
 * period guarantees (every read-side section that began before it has ended), which TSan cannot see through
 * membarrier(2); (3) fork safety for liburcu's call_rcu thread is set up once; (4) the read-side section costs a
 * handful of instructions on the resolve path (below).
 */
#ifndef SSLB_RCU_INT_H
#define SSLB_RCU_INT_H

#include <urcu/urcu-memb.h>

/* The inline fast path below is liburcu memb's own read-side (static/urcu-memb.h, which
 * _LGPL_SOURCE exposes) with its one run-time test, whether urcu_memb_smp_mb_slave() is a
 * compiler barrier (sys_membarrier: the writer's grace period makes the fences) or a fence,
 * answered once per thread instead of three times per section. Under TSan the layer calls
 * liburcu's functions. */
#if defined(_LGPL_SOURCE) && !defined(SSLB_TSAN)
#define SSLB_RCU_INLINE 1
#endif

/* 0 until the calling thread is registered with liburcu (sslb__rcu_online); then 1 when the
 * inline fast path applies (liburcu found sys_membarrier), 2 when readers go through liburcu's
 * own functions. Set once per thread. Initial-exec: read with one instruction instead of a
 * __tls_get_addr call in the shared library (4 bytes of glibc's static TLS reserve, which a
 * dlopen of libsslb.so can use as for any library built so). */
extern __thread int sslb__rcu_online_flag __attribute__((tls_model("initial-exec")));
void sslb__rcu_online(void);
void sslb__rcu_read_lock_slow(void);

#ifdef SSLB_TSAN
void __tsan_release(void *addr);
void __tsan_acquire(void *addr);
extern char sslb__rcu_tsan_token;
#endif

/* A read-side section as its enterer keeps it: the thread's reader counter when the inline fast
 * path applies, else NULL. The flag that chooses the path is set once per thread, so leaving
 * needs neither to test it again nor to find the thread-local counter again. */
typedef unsigned long *sslb__rcu_section;

/* Enter a read-side section: no lock, no wait (a load and a thread-local store). */
static inline __attribute__((always_inline)) sslb__rcu_section sslb__rcu_enter(void)
{
#ifdef SSLB_RCU_INLINE
    if (__builtin_expect(sslb__rcu_online_flag == 1, 1)) {
        unsigned long *ctr = &URCU_TLS(urcu_memb_reader).ctr, tmp;
        /* opaque to the compiler, which would otherwise compute the address again to leave */
        __asm__("" : "+r"(ctr));
        cmm_barrier();
        tmp = _CMM_LOAD_SHARED(*ctr);
        if (caa_likely(!(tmp & URCU_GP_CTR_NEST_MASK))) {
            _CMM_STORE_SHARED(*ctr, _CMM_LOAD_SHARED(urcu_memb_gp.ctr));
            cmm_barrier(); /* urcu_memb_smp_mb_slave() with sys_membarrier */
        } else {
            _CMM_STORE_SHARED(*ctr, tmp + URCU_GP_COUNT);
        }
        return ctr;
    }
#endif
    sslb__rcu_read_lock_slow();
    return NULL;
}

/* Leave the section s entered. */
static inline __attribute__((always_inline)) void sslb__rcu_leave(sslb__rcu_section s)
{
#ifdef SSLB_TSAN
    __tsan_release(&sslb__rcu_tsan_token);
#endif
#ifdef SSLB_RCU_INLINE
    if (__builtin_expect(s != NULL, 1)) {
        unsigned long tmp = _CMM_LOAD_SHARED(*s);
        if (caa_likely((tmp & URCU_GP_CTR_NEST_MASK) == URCU_GP_COUNT)) {
            cmm_barrier(); /* urcu_memb_smp_mb_slave() with sys_membarrier */
            _CMM_STORE_SHARED(*s, tmp - URCU_GP_COUNT);
            cmm_barrier();
            urcu_common_wake_up_gp(&urcu_memb_gp);
        } else {
            _CMM_STORE_SHARED(*s, tmp - URCU_GP_COUNT);
        }
        cmm_barrier();
        return;
    }
#endif
    (void)s;
    urcu_memb_read_unlock();
}

/* The same for callers that do not keep the section (the flag tells the path again). */
static inline __attribute__((always_inline)) void sslb__rcu_read_lock(void)
{
    (void)sslb__rcu_enter();
}

static inline __attribute__((always_inline)) void sslb__rcu_read_unlock(void)
{
#ifdef SSLB_RCU_INLINE
    sslb__rcu_leave(sslb__rcu_online_flag == 1 ? &URCU_TLS(urcu_memb_reader).ctr : NULL);
#else
    sslb__rcu_leave(NULL);
#endif
}

/* Publication and subscription of RCU-protected pointers. */
#define sslb__rcu_assign(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
#define sslb__rcu_deref(p) __atomic_load_n(&(p), __ATOMIC_ACQUIRE)

/* Calls fn(ptr) once every read-side section that may still see ptr has ended. */
void sslb__rcu_defer(void (*fn)(void *), void *ptr);

/* Waits until every deferred call made so far has run. */
void sslb__rcu_barrier(void);

#endif
