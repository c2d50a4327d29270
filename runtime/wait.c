/*
 * wait.c - memory.atomic.wait32/wait64 and memory.atomic.notify (threads
 * proposal): a process-wide parking lot.  Waiters are kept per address in
 * a fixed table of buckets hashed by the host address of the waited-on
 * cell; each bucket has a mutex and a list of waiters, each waiter its
 * own condition variable.  The comparison with the expected value and the
 * enqueueing happen under the bucket's lock, and notify takes the same
 * lock, so no wake-up is lost.  One generic scheme serves wait32 and
 * wait64 (a futex would only fit 32-bit cells) on every target.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include "rt_internal.h"

enum {
	BUCKETS = 256,
	WAIT_OK = 0,        /* woken by a notify */
	WAIT_NOT_EQUAL = 1, /* the cell did not hold the expected value */
	WAIT_TIMED_OUT = 2,
};

typedef struct waiter {
	struct waiter *next;
	const void *at;
	pthread_cond_t cond;
	bool woken;
} waiter;

static struct bucket {
	pthread_mutex_t lock;
	waiter *head;
} buckets[BUCKETS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void init_buckets(void)
{
	for (size_t i = 0; i < BUCKETS; i++)
		pthread_mutex_init(&buckets[i].lock, NULL);
}

static struct bucket *bucket_of(const void *at)
{
	uintptr_t a = (uintptr_t)at;
	pthread_once(&buckets_once, init_buckets);
	return &buckets[(a >> 2 ^ a >> 10) % BUCKETS];
}

/* Removes `w` from the list of `b` (held). */
static void unlink_waiter(struct bucket *b, waiter *w)
{
	for (waiter **p = &b->head; *p; p = &(*p)->next)
		if (*p == w) {
			*p = w->next;
			return;
		}
}

/* CLOCK_MONOTONIC now plus `ns`, saturating. */
static struct timespec deadline_after(int64_t ns)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	int64_t sec = ns / 1000000000;
	long rest = (long)(ns % 1000000000);
	t.tv_nsec += rest;
	if (t.tv_nsec >= 1000000000) {
		t.tv_nsec -= 1000000000;
		sec++;
	}
	t.tv_sec = sec > (int64_t)(INT32_MAX) - (int64_t)t.tv_sec
	               ? INT32_MAX
	               : t.tv_sec + (time_t)sec;
	return t;
}

/* Sleeps on `w` (enqueued in `b`, held) until notified or the deadline
 * passes (never for a negative timeout). */
static int sleep_on(struct bucket *b, waiter *w, int64_t timeout)
{
	struct timespec until = {0, 0};
	if (timeout >= 0)
		until = deadline_after(timeout);
	while (!w->woken) {
		if (timeout < 0) {
			pthread_cond_wait(&w->cond, &b->lock);
		} else if (pthread_cond_timedwait(&w->cond, &b->lock, &until) ==
		           ETIMEDOUT) {
			break;
		}
	}
	if (w->woken)
		return WAIT_OK;
	unlink_waiter(b, w);
	return WAIT_TIMED_OUT;
}

/* Waits at `at` while it holds `expected` (read with `width` bytes). */
static int32_t wait_at(w2n_rt_instance *inst, uint32_t memory, void *at,
                       uint64_t expected, unsigned width, int64_t timeout)
{
	if (!w2n_rt_memory_is_shared(w2n_rt_memories_of(inst)[memory]))
		w2n_rt_trap(inst, UINT32_MAX, W2N_TRAP_EXPECTED_SHARED,
		            UINT32_MAX);
	struct bucket *b = bucket_of(at);
	pthread_mutex_lock(&b->lock);
	uint64_t now = width == 8
	                   ? __atomic_load_n((uint64_t *)at, __ATOMIC_SEQ_CST)
	                   : __atomic_load_n((uint32_t *)at, __ATOMIC_SEQ_CST);
	if (now != expected) {
		pthread_mutex_unlock(&b->lock);
		return WAIT_NOT_EQUAL;
	}
	waiter w = {.next = b->head, .at = at, .woken = false};
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&w.cond, &attr);
	pthread_condattr_destroy(&attr);
	b->head = &w;
	int result = sleep_on(b, &w, timeout);
	pthread_mutex_unlock(&b->lock);
	pthread_cond_destroy(&w.cond);
	return result;
}

int32_t w2n_rt_memory_wait32(w2n_rt_instance *inst, uint32_t memory, void *at,
                             uint32_t expected, uint64_t timeout)
{
	return wait_at(inst, memory, at, expected, 4, (int64_t)timeout);
}

int32_t w2n_rt_memory_wait64(w2n_rt_instance *inst, uint32_t memory, void *at,
                             uint64_t expected, uint64_t timeout)
{
	return wait_at(inst, memory, at, expected, 8, (int64_t)timeout);
}

uint32_t w2n_rt_memory_notify(w2n_rt_instance *inst, uint32_t memory, void *at,
                              uint32_t count)
{
	if (!w2n_rt_memory_is_shared(w2n_rt_memories_of(inst)[memory]))
		return 0; /* nobody can wait on an unshared memory */
	struct bucket *b = bucket_of(at);
	uint32_t woken = 0;
	pthread_mutex_lock(&b->lock);
	for (waiter **p = &b->head; *p && woken < count;) {
		waiter *w = *p;
		if (w->at != at) {
			p = &w->next;
			continue;
		}
		*p = w->next;
		w->woken = true;
		pthread_cond_signal(&w->cond);
		woken++;
	}
	pthread_mutex_unlock(&b->lock);
	return woken;
}
