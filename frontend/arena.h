/*
 * arena.h - bump allocation for data with one owner and one lifetime
 * (a module's IR, a function's scratch data).  Allocation never fails:
 * running out of memory ends the process with a message (w2n_xmalloc).
 */
#ifndef W2N_ARENA_H
#define W2N_ARENA_H

#include <stddef.h>

typedef struct w2n_arena_chunk w2n_arena_chunk;

typedef struct w2n_arena {
	w2n_arena_chunk *head;
	size_t total; /* bytes obtained from malloc, for -v statistics */
} w2n_arena;

/* malloc/realloc that end the process with a message on failure.  Every
 * heap allocation of the compiler goes through these two functions. */
void *w2n_xmalloc(size_t size);
void *w2n_xrealloc(void *p, size_t size);

/* Allocation failure injection for tests: after `n` more successful
 * allocations the next one fails (n < 0: never). */
void w2n_alloc_fail_after(long n);

/* `size` bytes aligned to 16, uninitialised; w2n_arena_zalloc zeroes. */
void *w2n_arena_alloc(w2n_arena *a, size_t size);
void *w2n_arena_zalloc(w2n_arena *a, size_t size);

/* An array of `n` elements of `size` bytes, zeroed; checks overflow. */
void *w2n_arena_array(w2n_arena *a, size_t n, size_t size);

/* Copies `size` bytes into the arena. */
void *w2n_arena_dup(w2n_arena *a, const void *p, size_t size);

/* Frees every chunk; the arena is empty and reusable afterwards. */
void w2n_arena_free(w2n_arena *a);

#endif
