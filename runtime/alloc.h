/*
 * alloc.h - the one allocation hook of everything that compiled programs
 * and libwasm2native link: the runtime, the WASI shim and the embedding
 * library allocate through these functions only, so that a test can make
 * the Nth allocation of any of them fail (w2n_rt_alloc_fail_after) and
 * see where that failure ends up.  None of them exits when memory runs
 * out: each reports the failure to its caller (an error, -1, WASI NOMEM).
 * The compiler has a hook of its own (frontend/arena.h).
 */
#ifndef W2N_RT_ALLOC_H
#define W2N_RT_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * malloc, calloc and realloc through the failure-injection hook: NULL on
 * failure, real or injected (realloc then leaves `p` alone).  Zero sizes
 * give a valid unique pointer.  Thread-safe.
 */
void *w2n_rt_malloc(size_t size);
void *w2n_rt_calloc(size_t n, size_t size);
void *w2n_rt_realloc(void *p, size_t size);

/* A copy of the string `s` from w2n_rt_malloc, or NULL. */
char *w2n_rt_strdup(const char *s);

/* Frees what the functions above returned; NULL is allowed. */
void w2n_rt_free(void *p);

/*
 * Failure injection for tests: after `n` more successful allocations
 * (the functions above, and the runtime's mappings of memories and
 * signal stacks) the next one fails, and the ones after it succeed
 * again; n < 0 turns injection off.  Returns what was left of the
 * countdown it replaces: >= 0 when that failure has not happened yet,
 * negative when it has (or injection was off).
 */
long w2n_rt_alloc_fail_after(long n);

#ifdef __cplusplus
}
#endif
#endif
