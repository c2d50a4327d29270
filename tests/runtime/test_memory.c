/*
 * test_memory.c - linear memories: creation limits, growth, and the bulk
 * instructions (spec 4.4.7) at their exact bounds, for both bounds
 * strategies.  A trapping operation must write nothing.
 */
#include <stdlib.h>

#include "fake.h"
#include "../check.h"

enum { PAGE = 65536 };

static void check_new_limits(void)
{
	CHECK(!w2n_rt_memory_new(2, 1, 1, W2N_RT_BOUNDS_EXPLICIT));
	CHECK(!w2n_rt_memory_new(0, 65537, 1, W2N_RT_BOUNDS_EXPLICIT));
	CHECK(!w2n_rt_memory_new(65537, 0, 0, W2N_RT_BOUNDS_GUARD));
	CHECK(!w2n_rt_memory_new(0, 0, 0, 7));
	w2n_rt_memory *mem = w2n_rt_memory_new(0, 0, 0, W2N_RT_BOUNDS_EXPLICIT);
	if (!CHECK(mem))
		return;
	CHECK_EQ(mem->max_pages, 65536);
	CHECK_EQ(mem->size, 0);
	CHECK(!w2n_rt_memory_has_max(mem));
	CHECK_EQ(w2n_rt_memory_grow_by(mem, 1), 0);
	CHECK_EQ(mem->size, PAGE);
	mem->base[PAGE - 1] = 1;
	w2n_rt_memory_free(mem);
}

/* Growth for one strategy: old size back, -1 past the maximum with
 * nothing changed, new pages zeroed; GUARD memories do not move. */
static void check_grow(uint32_t bounds)
{
	w2n_rt_memory *mem = w2n_rt_memory_new(1, 3, 1, bounds);
	if (!CHECK(mem))
		return;
	uint8_t *base = mem->base;
	CHECK(w2n_rt_memory_has_max(mem));
	CHECK_EQ(mem->bounds, bounds);
	CHECK_EQ(mem->pages, 1);
	CHECK_EQ(mem->base[PAGE - 1], 0);
	mem->base[PAGE - 1] = 0x5A;
	CHECK_EQ(w2n_rt_memory_grow_by(mem, 0), 1);
	CHECK_EQ(w2n_rt_memory_grow_by(mem, 3), -1);
	CHECK_EQ(mem->pages, 1);
	CHECK_EQ(w2n_rt_memory_grow_by(mem, 2), 1);
	CHECK_EQ(mem->size, 3 * PAGE);
	CHECK_EQ(mem->base[PAGE - 1], 0x5A);
	CHECK_EQ(mem->base[3 * PAGE - 1], 0);
	mem->base[3 * PAGE - 1] = 1;
	CHECK_EQ(w2n_rt_memory_grow_by(mem, 1), -1);
	if (bounds == W2N_RT_BOUNDS_GUARD) {
		CHECK(mem->base == base);
		CHECK_EQ(mem->reserved, W2N_RT_GUARD_RESERVE);
	}
	w2n_rt_memory_free(mem);
}

/* The whole 4 GiB and not a page more; a 32-bit host cannot. */
static void check_grow_to_4gib(uint32_t bounds)
{
	w2n_rt_memory *mem = w2n_rt_memory_new(0, 0, 0, bounds);
	if (!CHECK(mem))
		return;
	if (!FAKE_HAS_GUARD) {
		CHECK_EQ(w2n_rt_memory_grow_by(mem, 65536), -1);
		CHECK_EQ(mem->size, 0);
		w2n_rt_memory_free(mem);
		return;
	}
	CHECK_EQ(w2n_rt_memory_grow_by(mem, 65536), 0);
	CHECK_EQ(mem->size, UINT64_C(1) << 32);
	mem->base[(UINT64_C(1) << 32) - 1] = 1;
	CHECK_EQ(w2n_rt_memory_grow_by(mem, 1), -1);
	CHECK_EQ(w2n_rt_memory_grow_by(mem, 0), 65536);
	w2n_rt_memory_free(mem);
}

/* 64-bit memories: limits up to 2^48 pages, always EXPLICIT (their code
 * checks every access), growing past 4 GiB on 64-bit hosts; growth that
 * would overflow the byte count fails. */
static void check_memory64(void)
{
	CHECK(!w2n_rt_memory_new64(2, 1, 1));
	CHECK(!w2n_rt_memory_new64(0, (UINT64_C(1) << 48) + 1, 1));
	w2n_rt_memory *mem = w2n_rt_memory_new64(1, 0, 0);
	if (!CHECK(mem))
		return;
	CHECK(w2n_rt_memory_is64(mem));
	CHECK_EQ(mem->bounds, W2N_RT_BOUNDS_EXPLICIT);
	CHECK_EQ(mem->max_pages, UINT64_C(1) << 48);
	CHECK_EQ(w2n_rt_memory_grow_by(mem, (UINT64_C(1) << 48) - 1), -1);
	CHECK_EQ(w2n_rt_memory_grow_by(mem, UINT64_MAX), -1);
	CHECK_EQ(mem->size, PAGE);
	if (FAKE_HAS_GUARD) { /* a 64-bit host */
		CHECK_EQ(w2n_rt_memory_grow_by(mem, 65536), 1);
		CHECK_EQ(mem->size, (UINT64_C(1) << 32) + PAGE);
		mem->base[(size_t)mem->size - 1] = 1;
	}
	w2n_rt_memory_free(mem);
	mem = w2n_rt_memory_new(1, 1, 1, W2N_RT_BOUNDS_EXPLICIT);
	if (CHECK(mem))
		CHECK(!w2n_rt_memory_is64(mem));
	w2n_rt_memory_free(mem);
}

static void check_alloc_failure(uint32_t bounds)
{
	for (long n = 0; n < 2; n++) {
		w2n_rt_alloc_fail_after(n);
		CHECK(!w2n_rt_memory_new(1, 2, 1, bounds));
	}
	w2n_rt_alloc_fail_after(-1);
	w2n_rt_memory *mem = w2n_rt_memory_new(1, 2, 1, bounds);
	if (!CHECK(mem))
		return;
	w2n_rt_alloc_fail_after(0);
	CHECK_EQ(w2n_rt_memory_grow_by(mem, 1), -1);
	CHECK_EQ(mem->pages, 1);
	CHECK_EQ(w2n_rt_memory_grow_by(mem, 1), 1);
	w2n_rt_memory_free(mem);
}

static void check_refcount(void)
{
	w2n_rt_memory *mem = w2n_rt_memory_new(1, 1, 1, FAKE_ANY_BOUNDS);
	if (!CHECK(mem))
		return;
	w2n_rt_memory_retain(mem);
	w2n_rt_memory_free(mem);
	mem->base[0] = 1; /* still alive: ASan would complain */
	CHECK_EQ(mem->base[0], 1);
	w2n_rt_memory_free(mem);
	w2n_rt_memory_free(NULL);
}

/* ---- The instructions, run as Wasm code ---- */

enum { OP_FILL, OP_COPY, OP_INIT, OP_DROP, OP_GROW };

typedef struct mem_op {
	int op;
	uint32_t a, b, c, seg;
	int32_t result;
} mem_op;

static void run_op(w2n_rt_instance *inst, void *arg)
{
	mem_op *o = arg;
	switch (o->op) {
	/* u32 operands zero-extended, as codegen passes a 32-bit memory's */
	case OP_FILL: w2n_rt_memory_fill64(inst, 0, o->a, o->b, o->c); break;
	case OP_COPY: w2n_rt_memory_copy64(inst, 0, 0, o->a, o->b, o->c); break;
	case OP_INIT:
		w2n_rt_memory_init(inst, 0, o->seg, o->a, o->b, o->c);
		break;
	case OP_DROP: w2n_rt_data_drop(inst, o->seg); break;
	default: o->result = w2n_rt_memory_grow(inst, 0, o->a); break;
	}
}

/* Runs the operation as Wasm code: its trap kind, W2N_TRAP_NONE if none. */
static uint32_t op(w2n_rt_instance *inst, int kind, uint32_t a, uint32_t b,
                   uint32_t c, uint32_t seg)
{
	mem_op o = {kind, a, b, c, seg, 0};
	w2n_rt_error err;
	if (fake_call(inst, 0, run_op, &o, &err))
		return kind == OP_GROW ? (uint32_t)o.result : W2N_TRAP_NONE;
	CHECK_EQ(err.func, UINT32_MAX);
	return err.trap;
}

#define OOB W2N_TRAP_OOB_MEMORY
#define NONE W2N_TRAP_NONE

static void check_fill(w2n_rt_instance *inst, uint8_t *mem)
{
	CHECK_EQ(op(inst, OP_FILL, PAGE, 0xAA, 0, 0), NONE);
	CHECK_EQ(op(inst, OP_FILL, PAGE + 1, 0xAA, 0, 0), OOB);
	CHECK_EQ(op(inst, OP_FILL, PAGE - 1, 0x11, 1, 0), NONE);
	CHECK_EQ(mem[PAGE - 1], 0x11);
	CHECK_EQ(op(inst, OP_FILL, PAGE - 1, 0x22, 2, 0), OOB);
	CHECK_EQ(mem[PAGE - 1], 0x11);
	CHECK_EQ(op(inst, OP_FILL, UINT32_MAX, 0x22, 2, 0), OOB);
	CHECK_EQ(op(inst, OP_FILL, 2, 0x33, UINT32_MAX, 0), OOB);
	CHECK_EQ(mem[2], 0);
	CHECK_EQ(op(inst, OP_FILL, 10, 0x1FF, 3, 0), NONE);
	CHECK(mem[9] == 0 && mem[10] == 0xFF && mem[12] == 0xFF &&
	      mem[13] == 0);
	CHECK_EQ(op(inst, OP_FILL, 0, 0, PAGE, 0), NONE);
	CHECK_EQ(mem[PAGE - 1], 0);
}

static void check_copy(w2n_rt_instance *inst, uint8_t *mem)
{
	for (uint8_t i = 0; i < 8; i++)
		mem[i] = i;
	CHECK_EQ(op(inst, OP_COPY, 2, 0, 6, 0), NONE); /* overlap, forward */
	CHECK(mem[1] == 1 && mem[2] == 0 && mem[7] == 5);
	CHECK_EQ(op(inst, OP_COPY, 0, 2, 6, 0), NONE); /* overlap, backward */
	CHECK(mem[0] == 0 && mem[1] == 1 && mem[5] == 5 && mem[6] == 4);
	CHECK_EQ(op(inst, OP_COPY, PAGE, 0, 0, 0), NONE);
	CHECK_EQ(op(inst, OP_COPY, 0, PAGE, 0, 0), NONE);
	CHECK_EQ(op(inst, OP_COPY, PAGE + 1, 0, 0, 0), OOB);
	CHECK_EQ(op(inst, OP_COPY, 0, PAGE + 1, 0, 0), OOB);
	mem[PAGE - 1] = 0x77;
	CHECK_EQ(op(inst, OP_COPY, PAGE - 1, 0, 2, 0), OOB);
	CHECK_EQ(mem[PAGE - 1], 0x77);
	CHECK_EQ(op(inst, OP_COPY, 0, PAGE - 1, 2, 0), OOB);
	CHECK_EQ(mem[0], 0);
	CHECK_EQ(op(inst, OP_COPY, 0, UINT32_MAX, 2, 0), OOB);
	CHECK_EQ(op(inst, OP_COPY, UINT32_MAX, 0, 2, 0), OOB);
	CHECK_EQ(op(inst, OP_COPY, PAGE - 1, 0, 1, 0), NONE);
	CHECK_EQ(mem[PAGE - 1], 0);
}

/* Segment 0 is "abcd", segment 1 is empty. */
static void check_init(w2n_rt_instance *inst, uint8_t *mem)
{
	CHECK_EQ(op(inst, OP_INIT, 100, 0, 4, 0), NONE);
	CHECK(memcmp(mem + 100, "abcd", 4) == 0);
	CHECK_EQ(op(inst, OP_INIT, PAGE - 4, 0, 4, 0), NONE);
	CHECK_EQ(mem[PAGE - 1], 'd');
	mem[PAGE - 3] = 0;
	CHECK_EQ(op(inst, OP_INIT, PAGE - 3, 0, 4, 0), OOB);
	CHECK_EQ(mem[PAGE - 3], 0);
	CHECK_EQ(op(inst, OP_INIT, 0, 4, 0, 0), NONE);
	CHECK_EQ(op(inst, OP_INIT, 0, 5, 0, 0), OOB);
	CHECK_EQ(op(inst, OP_INIT, 0, 2, 3, 0), OOB);
	CHECK_EQ(mem[0], 0);
	CHECK_EQ(op(inst, OP_INIT, 0, UINT32_MAX, 2, 0), OOB);
	CHECK_EQ(op(inst, OP_INIT, PAGE, 0, 0, 0), NONE);
	CHECK_EQ(op(inst, OP_INIT, PAGE + 1, 0, 0, 0), OOB);
	CHECK_EQ(op(inst, OP_INIT, 0, 0, 0, 1), NONE);
	CHECK_EQ(op(inst, OP_INIT, 0, 0, 1, 1), OOB);
	/* A dropped segment is a zero-length one. */
	CHECK_EQ(op(inst, OP_DROP, 0, 0, 0, 0), NONE);
	CHECK_EQ(op(inst, OP_DROP, 0, 0, 0, 0), NONE);
	CHECK_EQ(op(inst, OP_INIT, 0, 0, 0, 0), NONE);
	CHECK_EQ(op(inst, OP_INIT, 0, 0, 1, 0), OOB);
	CHECK_EQ(op(inst, OP_INIT, 0, 1, 0, 0), OOB);
	CHECK_EQ(op(inst, OP_INIT, PAGE, 0, 0, 0), NONE);
}

/* memory.grow from Wasm code; fill then reaches the new end. */
static void check_grow_op(w2n_rt_instance *inst)
{
	CHECK_EQ(op(inst, OP_GROW, 1, 0, 0, 0), 1);
	CHECK_EQ(op(inst, OP_GROW, 2, 0, 0, 0), (uint32_t)-1);
	CHECK_EQ(op(inst, OP_GROW, 0, 0, 0, 0), 2);
	CHECK_EQ(op(inst, OP_FILL, 2 * PAGE - 1, 9, 1, 0), NONE);
	CHECK_EQ(op(inst, OP_FILL, 2 * PAGE - 1, 9, 2, 0), OOB);
	w2n_rt_memory *mem = w2n_rt_instance_memory(inst, 0);
	CHECK_EQ(mem->base[2 * PAGE - 1], 9);
	CHECK_EQ(op(inst, OP_GROW, 1, 0, 0, 0), 2);
	CHECK_EQ(op(inst, OP_GROW, 1, 0, 0, 0), (uint32_t)-1);
}

/* ---- The C library's string routines (runtime/strings.c) ---- */

enum {
	S_STRLEN,
	S_STRNLEN,
	S_MEMCHR,
	S_STRCHR,
	S_STRCHRNUL,
	S_MEMCMP,
	S_STRCMP,
	S_STRNCMP,
	S_STRSTR
};

typedef struct str_op {
	int which;
	uint32_t a, b, c;
	int64_t result;
} str_op;

static void run_str(w2n_rt_instance *inst, void *arg)
{
	str_op *o = arg;
	switch (o->which) {
	case S_STRLEN: o->result = w2n_rt_strlen(inst, o->a); break;
	case S_STRNLEN: o->result = w2n_rt_strnlen(inst, o->a, o->b); break;
	case S_MEMCHR: o->result = w2n_rt_memchr(inst, o->a, o->b, o->c); break;
	case S_STRCHR: o->result = w2n_rt_strchr(inst, o->a, o->b); break;
	case S_STRCHRNUL: o->result = w2n_rt_strchrnul(inst, o->a, o->b); break;
	case S_MEMCMP: o->result = w2n_rt_memcmp(inst, o->a, o->b, o->c); break;
	case S_STRCMP: o->result = w2n_rt_strcmp(inst, o->a, o->b); break;
	case S_STRNCMP:
		o->result = w2n_rt_strncmp(inst, o->a, o->b, o->c);
		break;
	default: o->result = w2n_rt_strstr(inst, o->a, o->b); break;
	}
}

/* The routine's result, or -1 - its trap kind. */
static int64_t str(w2n_rt_instance *inst, int which, uint32_t a, uint32_t b,
                   uint32_t c)
{
	str_op o = {which, a, b, c, 0};
	w2n_rt_error err;
	if (fake_call(inst, 0, run_str, &o, &err))
		return o.result;
	return -1 - (int64_t)err.trap;
}

#define TRAPS (-1 - (int64_t)W2N_TRAP_OOB_MEMORY)

/* Strings at 16 "hello", 32 "help", 48 "hello", 64 "lo", 80 "xx", 96
 * "" and 8 bytes of 'x' without a terminator at the end of memory; a
 * long string of 'a' at 1024 with "needle" at the ends of windows. */
static void check_strings(w2n_rt_instance *inst, uint8_t *mem)
{
	const uint32_t end = PAGE - 8;
	memcpy(mem + 16, "hello", 6);
	memcpy(mem + 32, "help", 5);
	memcpy(mem + 48, "hello", 6);
	memcpy(mem + 64, "lo", 3);
	memcpy(mem + 80, "xx", 3);
	mem[96] = 0;
	memset(mem + end, 'x', 8);
	CHECK_EQ(str(inst, S_STRLEN, 16, 0, 0), 5);
	CHECK_EQ(str(inst, S_STRLEN, end, 0, 0), TRAPS);
	CHECK_EQ(str(inst, S_STRLEN, PAGE, 0, 0), TRAPS);
	CHECK_EQ(str(inst, S_STRNLEN, end, 8, 0), 8);
	CHECK_EQ(str(inst, S_STRNLEN, end, 9, 0), TRAPS);
	CHECK_EQ(str(inst, S_STRNLEN, PAGE + 5, 0, 0), 0);
	CHECK_EQ(str(inst, S_MEMCHR, 16, 'l', 5), 18);
	CHECK_EQ(str(inst, S_MEMCHR, 16, 'z', 5), 0);
	CHECK_EQ(str(inst, S_MEMCHR, 16, 'l' + 256, 5), 18);
	CHECK_EQ(str(inst, S_MEMCHR, end, 'x', 100), end);
	CHECK_EQ(str(inst, S_MEMCHR, end, 'y', 8), 0);
	CHECK_EQ(str(inst, S_MEMCHR, end, 'y', 9), TRAPS);
	CHECK_EQ(str(inst, S_STRCHR, 16, 'l', 0), 18);
	CHECK_EQ(str(inst, S_STRCHR, 16, 'z', 0), 0);
	CHECK_EQ(str(inst, S_STRCHR, 16, 0, 0), 21);
	CHECK_EQ(str(inst, S_STRCHR, end, 'x', 0), end);
	CHECK_EQ(str(inst, S_STRCHR, end, 'y', 0), TRAPS);
	CHECK_EQ(str(inst, S_STRCHRNUL, 16, 'z', 0), 21);
	CHECK_EQ(str(inst, S_MEMCMP, 16, 48, 6), 0);
	CHECK_EQ(str(inst, S_MEMCMP, 16, 32, 5), 'l' - 'p');
	CHECK_EQ(str(inst, S_MEMCMP, end, 16, 8), 'x' - 'h');
	CHECK_EQ(str(inst, S_MEMCMP, end, end, 9), TRAPS);
	CHECK_EQ(str(inst, S_MEMCMP, PAGE + 9, PAGE, 0), 0);
	CHECK_EQ(str(inst, S_STRCMP, 16, 48, 0), 0);
	CHECK_EQ(str(inst, S_STRCMP, 16, 32, 0), 'l' - 'p');
	CHECK_EQ(str(inst, S_STRCMP, 32, 16, 0), 'p' - 'l');
	CHECK_EQ(str(inst, S_STRCMP, 16, end, 0), 'h' - 'x');
	CHECK_EQ(str(inst, S_STRCMP, 96, 16, 0), -'h');
	CHECK_EQ(str(inst, S_STRCMP, end, end, 0), TRAPS);
	CHECK_EQ(str(inst, S_STRNCMP, 16, 32, 3), 0);
	CHECK_EQ(str(inst, S_STRNCMP, 16, 32, 4), 'l' - 'p');
	CHECK_EQ(str(inst, S_STRNCMP, end, end, 8), 0);
	CHECK_EQ(str(inst, S_STRNCMP, end, end, 9), TRAPS);
	CHECK_EQ(str(inst, S_STRNCMP, PAGE, PAGE + 3, 0), 0);
	CHECK_EQ(str(inst, S_STRSTR, 16, 64, 0), 19);
	CHECK_EQ(str(inst, S_STRSTR, 16, 32, 0), 0);
	CHECK_EQ(str(inst, S_STRSTR, PAGE + 4, 96, 0), PAGE + 4);
	CHECK_EQ(str(inst, S_STRSTR, end, 64, 0), TRAPS);
	CHECK_EQ(str(inst, S_STRSTR, end, 80, 0), end);
	CHECK_EQ(str(inst, S_STRSTR, 64, end, 0), TRAPS);
	/* Matches found across the growing windows: at 253 (the first
	 * ends at 256) and at 2500. */
	memset(mem + 1024, 'a', 3000);
	mem[1024 + 3000] = 0;
	memcpy(mem + 1024 + 253, "needle", 6);
	memcpy(mem + 112, "needle", 7);
	CHECK_EQ(str(inst, S_STRSTR, 1024, 112, 0), 1024 + 253);
	memset(mem + 1024 + 253, 'a', 6);
	memcpy(mem + 1024 + 2500, "needle", 6);
	CHECK_EQ(str(inst, S_STRSTR, 1024, 112, 0), 1024 + 2500);
	CHECK_EQ(str(inst, S_STRSTR, 1024 + 2501, 112, 0), 0);
	CHECK_EQ(str(inst, S_STRCHR, 1024, 'n', 0), 1024 + 2500);
}

static void check_instructions(uint32_t bounds)
{
	fake_module fm;
	fake_init(&fm);
	fm.m.bounds = bounds;
	fake_func(&fm, FT_V_V, FAKE_CODE(fake_run_body), "body");
	fm.m.nmemories = 1;
	fm.memories[0] = (w2n_rt_limits){1, 3, 1, 0, 0, 0};
	fm.m.ndatas = 2;
	fm.datas[0] = (w2n_rt_data_segment){(const uint8_t *)"abcd", 4};
	fm.datas[1] = (w2n_rt_data_segment){NULL, 0};
	w2n_rt_error err;
	w2n_rt_instance *inst =
	    w2n_rt_instantiate(fake_finish(&fm), NULL, NULL, &err);
	if (!CHECK(inst)) {
		fprintf(stderr, "    %s\n", err.message);
		return;
	}
	uint8_t *mem = w2n_rt_instance_memory(inst, 0)->base;
	check_fill(inst, mem);
	check_copy(inst, mem);
	check_init(inst, mem);
	check_strings(inst, mem);
	check_grow_op(inst);
	w2n_rt_instance_free(inst);
}

int main(void)
{
	static const uint32_t strategies[] = {W2N_RT_BOUNDS_EXPLICIT,
	                                      W2N_RT_BOUNDS_GUARD};
	check_new_limits();
	check_memory64();
	check_refcount();
	if (!FAKE_HAS_GUARD)
		CHECK(!w2n_rt_memory_new(1, 1, 1, W2N_RT_BOUNDS_GUARD));
	for (size_t i = 0; i < (FAKE_HAS_GUARD ? 2u : 1u); i++) {
		check_grow(strategies[i]);
		check_grow_to_4gib(strategies[i]);
		check_alloc_failure(strategies[i]);
		check_instructions(strategies[i]);
	}
	return check_report("rt-memory");
}
