/* rcu_int.h — the core's thin layer over liburcu (memb flavour), shared by table.c.
 *
 * Why a layer: (1) threads are registered with RCU on first use and unregistered at thread exit,
 * so no caller can forget; (2) under ThreadSanitizer the layer tells TSan what a grace period
 * guarantees (every read-side section that began before it has ended), which TSan cannot see
 * through membarrier(2); (3) fork safety for liburcu's call_rcu thread is set up once.
 */
#ifndef SSLB_RCU_INT_H
#define SSLB_RCU_INT_H

#include <urcu/urcu-memb.h>

extern __thread int sslb__rcu_online_flag;
void sslb__rcu_online(void);

#ifdef SSLB_TSAN
void __tsan_release(void *addr);
void __tsan_acquire(void *addr);
extern char sslb__rcu_tsan_token;
#endif

/* Enter a read-side section: no lock, no wait (two thread-local stores). */
static inline void sslb__rcu_read_lock(void)
{
    if (__builtin_expect(!sslb__rcu_online_flag, 0)) sslb__rcu_online();
    urcu_memb_read_lock();
}

static inline void sslb__rcu_read_unlock(void)
{
#ifdef SSLB_TSAN
    __tsan_release(&sslb__rcu_tsan_token);
#endif
    urcu_memb_read_unlock();
}

/* Publication and subscription of RCU-protected pointers. */
#define sslb__rcu_assign(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
#define sslb__rcu_deref(p) __atomic_load_n(&(p), __ATOMIC_ACQUIRE)

/* Calls fn(ptr) once every read-side section that may still see ptr has ended. */
void sslb__rcu_defer(void (*fn)(void *), void *ptr);

/* Waits until every deferred call made so far has run. */
void sslb__rcu_barrier(void);

#endif
