/*
 * arena.c - chunked bump allocator and the process-wide allocation hook.
 */
#include "arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_MIN = 64 * 1024, ALIGN = 16 };

struct w2n_arena_chunk {
	w2n_arena_chunk *next;
	size_t used, size;
	_Alignas(ALIGN) unsigned char data[];
};

static long fail_countdown = -1;

void w2n_alloc_fail_after(long n)
{
	fail_countdown = n;
}

/* The single exit for allocation failure, real or injected. */
static void *checked(void *p)
{
	if (fail_countdown == 0) {
		free(p);
		p = NULL;
	} else if (fail_countdown > 0) {
		fail_countdown--;
	}
	if (!p) {
		fputs("wasm2native: error: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

void *w2n_xmalloc(size_t size)
{
	return checked(malloc(size ? size : 1));
}

void *w2n_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q && fail_countdown != 0)
		free(p);
	return checked(q);
}

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

void *w2n_arena_alloc(w2n_arena *a, size_t size)
{
	w2n_arena_chunk *c = a->head;
	if (size > SIZE_MAX / 2)
		checked(NULL);
	size = round_up(size);
	if (c && c->size - c->used >= size) {
		void *p = c->data + c->used;
		c->used += size;
		return p;
	}
	/* A large block gets a chunk of its own, linked behind the head so
	 * that the head's free space stays in use. */
	bool large = size >= CHUNK_MIN / 4;
	size_t cap = large ? size : CHUNK_MIN;
	w2n_arena_chunk *n = w2n_xmalloc(sizeof *n + cap);
	n->used = size;
	n->size = cap;
	a->total += cap;
	if (large && c) {
		n->next = c->next;
		c->next = n;
	} else {
		n->next = c;
		a->head = n;
	}
	return n->data;
}

void *w2n_arena_zalloc(w2n_arena *a, size_t size)
{
	return memset(w2n_arena_alloc(a, size), 0, size);
}

void *w2n_arena_array(w2n_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / 2 / size)
		checked(NULL);
	return w2n_arena_zalloc(a, n * size);
}

void *w2n_arena_dup(w2n_arena *a, const void *p, size_t size)
{
	void *q = w2n_arena_alloc(a, size);
	if (size)
		memcpy(q, p, size);
	return q;
}

void w2n_arena_free(w2n_arena *a)
{
	w2n_arena_chunk *c = a->head;
	while (c) {
		w2n_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}
