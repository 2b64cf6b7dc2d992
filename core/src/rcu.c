/* rcu.c — RCU thread registration, deferred frees and TSan annotations (see rcu_int.h). */
#include <pthread.h>
#include <stdlib.h>

#include "rcu_int.h"
/* liburcu memb's per-thread reader, for its `registered` bit: whether the thread is registered
 * already, by the application (_LGPL_SOURCE builds have it from rcu_int.h; TSan builds call
 * liburcu's functions and take only this declaration). */
#include <urcu/static/urcu-memb.h>

__thread int sslb__rcu_online_flag __attribute__((tls_model("initial-exec")));
#ifdef SSLB_TSAN
char sslb__rcu_tsan_token;
#endif

static pthread_once_t rcu_once = PTHREAD_ONCE_INIT;
static pthread_key_t rcu_key;

/* Runs at the exit of a thread that sslb registered (only those: pthread_setspecific below). */
static void thread_exit(void *unused)
{
    (void)unused;
    if (URCU_TLS(urcu_memb_reader).registered) urcu_memb_unregister_thread();
    sslb__rcu_online_flag = 0;
}

static void rcu_setup(void)
{
    urcu_memb_init();
    pthread_key_create(&rcu_key, thread_exit);
    pthread_atfork(urcu_memb_call_rcu_before_fork, urcu_memb_call_rcu_after_fork_parent,
                   urcu_memb_call_rcu_after_fork_child);
}

void sslb__rcu_online(void)
{
    if (sslb__rcu_online_flag) return;
    pthread_once(&rcu_once, rcu_setup);
    /* A thread the application registered with liburcu memb itself is its to unregister: a
     * second registration is liburcu's assertion failure (or, without asserts, its registry
     * corrupted), and so would be an unregistration at exit after the application's own. */
    if (!URCU_TLS(urcu_memb_reader).registered) {
        urcu_memb_register_thread();
        pthread_setspecific(rcu_key, (void *)1);
    }
#ifdef SSLB_RCU_INLINE
    /* liburcu decided in urcu_memb_init (its constructor; rcu_setup calls it too) whether it
     * uses sys_membarrier, for good: the inline read-side relies on that answer. */
    sslb__rcu_online_flag = urcu_memb_has_sys_membarrier ? 1 : 2;
#else
    sslb__rcu_online_flag = 2;
#endif
}

/* A read-side section's entry when the inline path does not apply: a thread not registered yet,
 * readers without sys_membarrier, TSan. */
void sslb__rcu_read_lock_slow(void)
{
    if (!sslb__rcu_online_flag) sslb__rcu_online();
    urcu_memb_read_lock();
}

struct deferred {
    struct rcu_head head;
    void (*fn)(void *);
    void *ptr;
};

static void run_deferred(struct rcu_head *head)
{
    struct deferred *d = caa_container_of(head, struct deferred, head);
#ifdef SSLB_TSAN
    __tsan_acquire(d);                     /* the hand-off through liburcu's queue */
    __tsan_acquire(&sslb__rcu_tsan_token); /* every read-side section before the grace period */
#endif
    d->fn(d->ptr);
    free(d);
}

/* liburcu runs deferred frees on a thread of its own, made at the first call_rcu, and when that
 * thread cannot be made (RLIMIT_NPROC, a pids cgroup's limit, no room for its stack) it abort()s
 * — in a command that has just written its change (review 35 F1). So before the first one a
 * thread is made and joined here, as liburcu would make it (default attributes: the same stack
 * size); when it cannot be, the process frees each record after waiting out a grace period
 * itself, for the rest of its life: slower for a writer with concurrent readers, never wrong. */
static pthread_once_t worker_once = PTHREAD_ONCE_INIT;
static int reclaim_here;

static void *probe_thread(void *arg)
{
    return arg;
}

static void probe_worker(void)
{
    pthread_t th;

    if (pthread_create(&th, NULL, probe_thread, NULL) != 0) reclaim_here = 1;
    else pthread_join(th, NULL);
}

void sslb__rcu_defer(void (*fn)(void *), void *ptr)
{
    struct deferred *d;

    if (!sslb__rcu_online_flag) sslb__rcu_online();
    pthread_once(&worker_once, probe_worker);
    if (reclaim_here || !(d = malloc(sizeof *d))) {
        /* No thread or no memory for the callback: wait out a grace period here instead. */
        urcu_memb_synchronize_rcu();
#ifdef SSLB_TSAN
        __tsan_acquire(&sslb__rcu_tsan_token);
#endif
        fn(ptr);
        return;
    }
    d->fn = fn;
    d->ptr = ptr;
#ifdef SSLB_TSAN
    __tsan_release(d);
#endif
    urcu_memb_call_rcu(&d->head, run_deferred);
}

void sslb__rcu_barrier(void)
{
    if (!sslb__rcu_online_flag) sslb__rcu_online();
    urcu_memb_barrier();
}
