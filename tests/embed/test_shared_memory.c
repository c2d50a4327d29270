/*
 * test_shared_memory.c - a shared memory of the embedding API
 * (w2n_limits.shared, include/wasm2native.h) that two instances of the
 * plugin built from shared_memory.wat import, each on its own host thread:
 * their atomic increments all land; a page one grows is seen, with what
 * the other stored in it, by the other instance, whose bounds come from
 * the memory; one sleeps in memory.atomic.wait32 until the other's
 * notify wakes it.
 *
 * usage: embed_test_shared_memory PLUGIN   (prints `NAME: P passed, F
 * failed`)
 */
#include <pthread.h>
#include <string.h>

#include "../check.h"
#include "wasm2native.h"

enum { ADDS = 200000 };

typedef struct side {
	w2n_instance *inst;
	int32_t waited; /* what "wait" returned */
} side;

static int32_t call_i32(w2n_instance *inst, const char *name,
                        const w2n_value *args, size_t nargs)
{
	w2n_value r = w2n_i32(-99);
	w2n_error err;
	if (!CHECK(w2n_call(inst, name, args, nargs, &r, 1, &err)))
		fprintf(stderr, "    %s: %s\n", name, err.message);
	return r.i32;
}

static void add(w2n_instance *inst)
{
	w2n_value n = w2n_i32(ADDS);
	w2n_error err;
	CHECK(w2n_call(inst, "add", &n, 1, NULL, 0, &err));
}

/* Thread A: increments, then sleeps until B wakes it. */
static void *run_a(void *p)
{
	side *a = p;
	add(a->inst);
	a->waited = call_i32(a->inst, "wait", NULL, 0);
	return NULL;
}

/* Thread B: increments, then wakes A once A sleeps (notify returns the
 * number woken, 0 until A is parked). */
static void *run_b(void *p)
{
	side *b = p;
	add(b->inst);
	while (call_i32(b->inst, "wake", NULL, 0) == 0)
		;
	return NULL;
}

/* B grows the memory and writes into the new page; A sees both. */
static void check_growth(w2n_instance *a, w2n_instance *b, w2n_memory *mem)
{
	w2n_value one = w2n_i32(1);
	CHECK_EQ(call_i32(b, "grow", &one, 1), 1);
	w2n_value at_v[2] = {w2n_i32(65536 + 100), w2n_i32(77)};
	w2n_error err;
	CHECK(w2n_call(b, "store8", at_v, 2, NULL, 0, &err));
	CHECK_EQ(call_i32(a, "size", NULL, 0), 2);
	CHECK_EQ(call_i32(a, "load8", at_v, 1), 77);
	CHECK_EQ(w2n_memory_size(mem), 2 * 65536);
}

static w2n_instance *instance(w2n_module *m, const w2n_imports *im)
{
	w2n_error err;
	w2n_instance *inst = w2n_instantiate(m, im, &err);
	if (!CHECK(inst))
		fprintf(stderr, "    %s\n", err.message);
	return inst;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: embed_test_shared_memory PLUGIN\n");
		return 2;
	}
	w2n_error err;
	w2n_module *m = w2n_module_load(argv[1], &err);
	w2n_module_info info;
	if (m)
		w2n_module_describe(m, &info);
	w2n_limits limits = {1, 4, true, false, true};
	w2n_memory *mem = m ? w2n_memory_new(&limits, info.bounds, &err) : NULL;
	w2n_imports *im = w2n_imports_new();
	if (!mem || !im ||
	    !w2n_imports_add_memory(im, "env", "memory", mem, &err)) {
		fprintf(stderr, "embed_test_shared_memory: %s\n", err.message);
		return 1;
	}
	/* An unshared memory does not match a shared import. */
	w2n_limits plain = {1, 4, true, false, false};
	w2n_memory *other = w2n_memory_new(&plain, info.bounds, &err);
	w2n_imports *wrong = w2n_imports_new();
	CHECK(other && wrong &&
	      w2n_imports_add_memory(wrong, "env", "memory", other, &err));
	CHECK(!w2n_instantiate(m, wrong, &err));
	side a = {instance(m, im), -1}, b = {instance(m, im), -1};
	pthread_t ta, tb;
	if (a.inst && b.inst &&
	    CHECK(pthread_create(&ta, NULL, run_a, &a) == 0)) {
		if (CHECK(pthread_create(&tb, NULL, run_b, &b) == 0))
			pthread_join(tb, NULL);
		pthread_join(ta, NULL);
		int32_t sum;
		memcpy(&sum, w2n_memory_data(mem), sizeof sum);
		CHECK_EQ(sum, 2 * ADDS);
		CHECK_EQ(a.waited, 0);
		check_growth(a.inst, b.inst, mem);
	}
	w2n_instance_free(a.inst);
	w2n_instance_free(b.inst);
	w2n_imports_free(wrong);
	w2n_memory_free(other);
	w2n_imports_free(im);
	w2n_memory_free(mem);
	w2n_module_free(m);
	return check_report("embed-shared-memory");
}
