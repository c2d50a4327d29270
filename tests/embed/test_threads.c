/*
 * test_threads.c - the thread-safety rules of include/wasm2native.h, on
 * the plugin built from threads.wat: THREADS workers each instantiate the
 * same module (half of them loading it themselves) from one shared import
 * set and call its exports in a loop, trapping on purpose (divide by
 * zero, out of bounds) between calls whose results they check; two
 * threads with 256 KiB stacks run unbounded recursion at the same time
 * and must get "call stack exhausted", then carry on.
 *
 * usage: embed_test_threads PLUGIN   (prints `NAME: P passed, F failed`)
 */
#include <pthread.h>
#include <stdlib.h>

#include "../check.h"
#include "wasm2native.h"

enum {
	THREADS = 8,
	ROUNDS = 300,
	SMALL_THREADS = 2,
	SMALL_STACK = 256 * 1024,
};

typedef struct worker {
	const char *path;
	w2n_module *shared_module; /* NULL: load one's own */
	const w2n_imports *imports;
	int id;
	unsigned scale_calls; /* host calls made by this worker's instance */
} worker;

/* env.scale: 3 * x, counted in the calling instance's worker, which
 * shows that host calls see their own caller. */
static int scale(void *env, w2n_instance *caller, const w2n_value *args,
                 w2n_value *results)
{
	(void)env;
	worker *w = w2n_instance_data(caller);
	w->scale_calls++;
	results[0].i32 = args[0].i32 * 3;
	return 0;
}

static int64_t expected_sum(int32_t n)
{
	return 3 * (int64_t)n * (n - 1) / 2;
}

static w2n_instance *start(worker *w, w2n_module **own)
{
	w2n_error err;
	*own = NULL;
	w2n_module *m = w->shared_module;
	if (!m && !CHECK(m = *own = w2n_module_load(w->path, &err))) {
		fprintf(stderr, "    %s\n", err.message);
		return NULL;
	}
	w2n_instance *inst = w2n_instantiate(m, w->imports, &err);
	if (!CHECK(inst)) {
		fprintf(stderr, "    %s\n", err.message);
		return NULL;
	}
	w2n_instance_set_data(inst, w);
	return inst;
}

/* A call that must trap with `kind` and `text`. */
static void expect_trap(w2n_instance *inst, const char *name, int32_t a,
                        int32_t b, int nargs, w2n_trap_kind kind,
                        const char *text)
{
	w2n_value args[2] = {w2n_i32(a), w2n_i32(b)}, r;
	w2n_error err;
	CHECK(!w2n_call(inst, name, args, (size_t)nargs, &r, 1, &err));
	CHECK_EQ(err.kind, W2N_ERROR_TRAP);
	CHECK_EQ(err.trap, kind);
	CHECK_STR(err.message, text);
}

static void round_of_calls(worker *w, w2n_instance *inst, int i, int *bumps)
{
	w2n_error err;
	int32_t n = (w->id * 37 + i) % 200;
	w2n_value arg = w2n_i32(n), r;
	unsigned before = w->scale_calls;
	if (CHECK(w2n_call(inst, "sum", &arg, 1, &r, 1, &err)))
		CHECK_EQ(r.i64, expected_sum(n));
	CHECK_EQ(w->scale_calls - before, n);
	if (i % 5 == 0)
		expect_trap(inst, "div", 1, 0, 2, W2N_TRAP_KIND_DIV_BY_ZERO,
		            "integer divide by zero");
	if (i % 7 == 0)
		expect_trap(inst, "load", 65536 - 2, 0, 1,
		            W2N_TRAP_KIND_OOB_MEMORY,
		            "out of bounds memory access");
	w2n_value args[2] = {w2n_i32(100 + w->id), w2n_i32(7)};
	if (CHECK(w2n_call(inst, "div", args, 2, &r, 1, &err)))
		CHECK_EQ(r.i32, (100 + w->id) / 7);
	if (i % 3 == 0 && CHECK(w2n_call(inst, "bump", NULL, 0, &r, 1, &err)))
		CHECK_EQ(r.i32, ++*bumps); /* the global is this instance's */
}

static void *work(void *arg)
{
	worker *w = arg;
	w2n_module *own;
	w2n_instance *inst = start(w, &own);
	int bumps = 0;
	for (int i = 0; inst && i < ROUNDS; i++)
		round_of_calls(w, inst, i, &bumps);
	w2n_instance_free(inst);
	w2n_module_free(own);
	return NULL;
}

/* On a 256 KiB stack: runaway recursion traps, and the thread goes on. */
static void *exhaust(void *arg)
{
	worker *w = arg;
	w2n_module *own;
	w2n_instance *inst = start(w, &own);
	for (int k = 0; inst && k < 3; k++) {
		w2n_value a = w2n_i32(0), r;
		w2n_error err;
		CHECK(!w2n_call(inst, "recurse", &a, 1, &r, 1, &err));
		CHECK_EQ(err.kind, W2N_ERROR_TRAP);
		CHECK_EQ(err.trap, W2N_TRAP_KIND_STACK_EXHAUSTED);
		CHECK_STR(err.message, "call stack exhausted");
		a = w2n_i32(10);
		if (CHECK(w2n_call(inst, "sum", &a, 1, &r, 1, &err)))
			CHECK_EQ(r.i64, expected_sum(10));
	}
	w2n_instance_free(inst);
	w2n_module_free(own);
	return NULL;
}

static bool spawn(pthread_t *t, void *(*fn)(void *), worker *w, size_t stack)
{
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	if (stack)
		pthread_attr_setstacksize(&attr, stack);
	bool ok = CHECK(pthread_create(t, &attr, fn, w) == 0);
	pthread_attr_destroy(&attr);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: embed_test_threads PLUGIN\n");
		return 2;
	}
	w2n_error err;
	w2n_module *m = w2n_module_load(argv[1], &err);
	w2n_imports *im = w2n_imports_new();
	w2n_valtype i32 = W2N_I32;
	w2n_functype type = {1, 1, &i32, &i32};
	if (!m || !im ||
	    !w2n_imports_add_func(im, "env", "scale", &type, scale, NULL,
	                          &err)) {
		fprintf(stderr, "embed_test_threads: %s\n", err.message);
		return 1;
	}
	worker workers[THREADS + SMALL_THREADS];
	pthread_t threads[THREADS + SMALL_THREADS];
	bool started[THREADS + SMALL_THREADS];
	for (int i = 0; i < THREADS + SMALL_THREADS; i++) {
		workers[i] = (worker){argv[1], i % 2 ? m : NULL, im, i, 0};
		started[i] =
		    i < THREADS
		        ? spawn(&threads[i], work, &workers[i], 0)
		        : spawn(&threads[i], exhaust, &workers[i], SMALL_STACK);
	}
	for (int i = 0; i < THREADS + SMALL_THREADS; i++)
		if (started[i])
			pthread_join(threads[i], NULL);
	w2n_imports_free(im);
	w2n_module_free(m);
	return check_report("embed-threads");
}
