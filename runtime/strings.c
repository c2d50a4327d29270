/*
 * strings.c - the C library's string routines for a module's own
 * (codegen/cg_idiom.c compiles a module's strlen, strcmp, ... into calls
 * of these).  A module built against wasi-libc carries musl's routines
 * as plain byte loops; these run them on the host's vectorised memchr
 * and memmem, or a word at a time, with musl's results.
 *
 * Each routine is specified as musl's reads: the bytes of its operands
 * in order, up to where the result is decided.  A read at or past the end
 * of memory 0 traps (out of bounds memory access), so a routine traps
 * exactly when the module's own would.  Two differences, both for
 * operands C gives undefined behaviour: for a haystack with no terminator
 * in memory, strstr returns a match that musl's may read past (it reads
 * ahead) and trap; and with a 4 GiB memory, where a read past the last
 * byte would wrap around to address 0 in Wasm, these trap.
 */
/* memmem: _GNU_SOURCE (meson) */
#include <string.h>

#include "instance.h"
#include "rt_internal.h"

/* Memory 0's bytes, and how many lie at and after `at`. */
typedef struct bytes {
	w2n_rt_instance *inst;
	const uint8_t *base;
	uint64_t size;
} bytes;

static bytes memory0(w2n_rt_instance *inst)
{
	const w2n_rt_memory *mem = w2n_rt_memories_of(inst)[0];
	/* w2n_rt_memory_size's load, here where every call pays for it. */
	return (bytes){inst, mem->base,
	               __atomic_load_n(&mem->size, __ATOMIC_ACQUIRE)};
}

static uint64_t available(bytes m, uint32_t at)
{
	return at < m.size ? m.size - at : 0;
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

_Noreturn static void out_of_bounds(bytes m)
{
	w2n_rt_trap(m.inst, UINT32_MAX, W2N_TRAP_OOB_MEMORY, UINT32_MAX);
}

/* The offset of the first `c` in the n bytes at `at`, or -1. */
static int64_t find_byte(bytes m, uint32_t at, int c, uint64_t n)
{
	if (n == 0)
		return -1;
	const uint8_t *p = memchr(m.base + at, c, (size_t)n);
	return p ? p - (m.base + at) : -1;
}

/* The length of the string at `at`; traps when it has no terminator. */
static uint32_t string_length(bytes m, uint32_t at)
{
	int64_t n = find_byte(m, at, 0, available(m, at));
	if (n < 0)
		out_of_bounds(m);
	return (uint32_t)n;
}

/* A walk over the string at `s` in windows of growing size, so that a
 * search costs the bytes up to its result, as musl's does, not the
 * string's length: each extend() moves to the next window, bytes [start,
 * end) after s, which hold no terminator; `terminated`: the byte at end
 * is the terminator, and the walk is over. */
typedef struct window {
	uint64_t start, end, size;
	bool terminated;
} window;

enum { FIRST_WINDOW = 256 };

static void extend(bytes m, uint32_t s, window *w)
{
	uint64_t avail = available(m, s);
	if (w->end == avail) /* the next byte to read is past the end */
		out_of_bounds(m);
	uint64_t limit = min64(w->end + w->size, avail);
	int64_t z = find_byte(m, s + (uint32_t)w->end, 0, limit - w->end);
	w->start = w->end;
	w->end = z >= 0 ? w->start + (uint64_t)z : limit;
	w->terminated = z >= 0;
	w->size *= 2;
}

static uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* A word whose lowest set bit lies in the first zero byte of v on a
 * little-endian machine (bits above it may be set too: the subtraction
 * borrows). */
static uint64_t zero_bytes(uint64_t v)
{
	return (v - 0x0101010101010101u) & ~v & 0x8080808080808080u;
}

/* Within the 8 bytes at a and b, which `marks` (the difference of their
 * words, with zero_bytes for strings) shows hold a mismatch: its index. */
static uint64_t mismatch_in_word(const uint8_t *a, const uint8_t *b,
                                 uint64_t marks, bool strings)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	(void)a, (void)b, (void)strings;
	return (uint64_t)__builtin_ctzll(marks) / 8;
#else
	(void)marks;
	uint64_t j = 0;
	while (a[j] == b[j] && !(strings && a[j] == 0))
		j++;
	return j;
#endif
}

/* The first i < n at which a[i] != b[i], or, with `strings`, a[i] is the
 * terminator; n if none.  A word at a time. */
static inline uint64_t first_mismatch(const uint8_t *a, const uint8_t *b,
                                      uint64_t n, bool strings)
{
	uint64_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x = load64(a + i);
		uint64_t marks = x ^ load64(b + i);
		if (strings)
			marks |= zero_bytes(x);
		if (marks)
			return i +
			       mismatch_in_word(a + i, b + i, marks, strings);
	}
	for (; i < n; i++)
		if (a[i] != b[i] || (strings && a[i] == 0))
			return i;
	return n;
}

/* The result of comparing `n` bytes at a and b: musl's memcmp (strings
 * false) or strncmp (true); traps when the bytes it reads run past the
 * end of memory before the result is decided. */
static inline int32_t compare(bytes m, uint32_t a, uint32_t b, uint64_t n,
                              bool strings)
{
	uint64_t within = min64(n, min64(available(m, a), available(m, b)));
	uint64_t i = first_mismatch(m.base + a, m.base + b, within, strings);
	if (i < within)
		return (int32_t)m.base[a + i] - (int32_t)m.base[b + i];
	if (within < n)
		out_of_bounds(m);
	return 0;
}

uint32_t w2n_rt_strlen(w2n_rt_instance *inst, uint32_t s)
{
	return string_length(memory0(inst), s);
}

uint32_t w2n_rt_memchr(w2n_rt_instance *inst, uint32_t s, uint32_t c,
                       uint32_t n)
{
	bytes m = memory0(inst);
	uint64_t within = min64(n, available(m, s));
	int64_t i = find_byte(m, s, (uint8_t)c, within);
	if (i >= 0)
		return s + (uint32_t)i;
	if (within < n)
		out_of_bounds(m);
	return 0;
}

uint32_t w2n_rt_strnlen(w2n_rt_instance *inst, uint32_t s, uint32_t n)
{
	uint32_t z = w2n_rt_memchr(inst, s, 0, n);
	return z ? z - s : n;
}

uint32_t w2n_rt_strchrnul(w2n_rt_instance *inst, uint32_t s, uint32_t c)
{
	bytes m = memory0(inst);
	window w = {.size = FIRST_WINDOW};
	do {
		extend(m, s, &w);
		int64_t at = find_byte(m, s + (uint32_t)w.start, (uint8_t)c,
		                       w.end - w.start);
		if (at >= 0)
			return s + (uint32_t)(w.start + (uint64_t)at);
	} while (!w.terminated);
	return s + (uint32_t)w.end;
}

uint32_t w2n_rt_strchr(w2n_rt_instance *inst, uint32_t s, uint32_t c)
{
	uint32_t at = w2n_rt_strchrnul(inst, s, c);
	return memory0(inst).base[at] == (uint8_t)c ? at : 0;
}

int32_t w2n_rt_memcmp(w2n_rt_instance *inst, uint32_t a, uint32_t b, uint32_t n)
{
	return compare(memory0(inst), a, b, n, false);
}

int32_t w2n_rt_strcmp(w2n_rt_instance *inst, uint32_t a, uint32_t b)
{
	return compare(memory0(inst), a, b, UINT64_MAX, true);
}

/* musl reads up to n bytes of each, and stops at the n-th. */
int32_t w2n_rt_strncmp(w2n_rt_instance *inst, uint32_t a, uint32_t b,
                       uint32_t n)
{
	return compare(memory0(inst), a, b, n, true);
}

uint32_t w2n_rt_strstr(w2n_rt_instance *inst, uint32_t h, uint32_t n)
{
	bytes m = memory0(inst);
	uint32_t nlen = string_length(m, n);
	if (nlen == 0)
		return h;
	const uint8_t *hay = m.base + h;
	window w = {.size = FIRST_WINDOW};
	uint64_t from = 0; /* no match begins before */
	do {
		extend(m, h, &w);
		if (w.end - from < nlen)
			continue;
		const uint8_t *at = memmem(hay + from, (size_t)(w.end - from),
		                           m.base + n, nlen);
		if (at)
			return h + (uint32_t)(at - hay);
		from = w.end - nlen + 1;
	} while (!w.terminated);
	return 0;
}
