/*
 * alloc.c - the single allocation hook (alloc.h) of the runtime, the WASI
 * shim and the embedding library.  Unlike the compiler, none of them
 * exits on allocation failure: it is reported (an instantiation error,
 * -1 from a grow, WASI NOMEM), so embedders and tests see it.  Tests make
 * the Nth allocation fail with w2n_rt_alloc_fail_after; the countdown is
 * atomic, as host threads allocate concurrently.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "rt_internal.h"

/* Allocations left before the injected failure; negative: never. */
static atomic_long fail_countdown = -1;

long w2n_rt_alloc_fail_after(long n)
{
	return atomic_exchange(&fail_countdown, n < 0 ? -1 : n);
}

bool w2n_rt_alloc_injected(void)
{
	long n = atomic_load(&fail_countdown);
	while (n >= 0) {
		if (atomic_compare_exchange_weak(&fail_countdown, &n, n - 1))
			return n == 0;
	}
	return false;
}

void *w2n_rt_malloc(size_t size)
{
	if (w2n_rt_alloc_injected())
		return NULL;
	return malloc(size ? size : 1);
}

void *w2n_rt_calloc(size_t n, size_t size)
{
	if (w2n_rt_alloc_injected())
		return NULL;
	if (n == 0 || size == 0)
		n = size = 1;
	return calloc(n, size);
}

void *w2n_rt_realloc(void *p, size_t size)
{
	if (w2n_rt_alloc_injected())
		return NULL;
	return realloc(p, size ? size : 1);
}

char *w2n_rt_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = w2n_rt_malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

void w2n_rt_free(void *p)
{
	free(p);
}

void *w2n_rt_zalloc16(size_t size)
{
	if (w2n_rt_alloc_injected())
		return NULL;
	size = (size + 15) & ~(size_t)15;
	void *p = aligned_alloc(16, size ? size : 16);
	if (p)
		memset(p, 0, size);
	return p;
}
