/*
 * test_oom.c - allocation failure injection through the embedding API.
 * The runtime, the WASI shim and the embedding library allocate through
 * one hook (runtime/alloc.h); for n = 0, 1, ... its (n+1)th allocation
 * fails during one round of a host's life:
 *   - api.so: an import set with host functions and a global, the
 *     instance, a call through a host function;
 *   - wasi.so: WASI with arguments, a variable and a preopen, the
 *     instance (its WASI context), calls of args_sizes_get, fd_write and
 *     poll_oneoff;
 * each plugin loaded and everything freed within the round.  Every
 * failure must come back as an error with a message (or, inside a WASI
 * call, as NOMEM to the program), never as a crash or a success; under
 * ASan, nothing may leak.  A sweep ends at the first round that makes
 * no (n+1)th allocation.
 *
 * usage: embed_test_oom API_PLUGIN WASI_PLUGIN   (api.so wasi.so)
 */
#include <fcntl.h>
#include <unistd.h>

#include "../check.h"
#include "wasm2native.h"

/* The hook's test entry (runtime/alloc.h), exported with the rest of
 * w2n_*: after n more allocations the next one fails; returns what was
 * left of the previous countdown (negative: the failure happened). */
long w2n_rt_alloc_fail_after(long n);

/* WASI's errno for out of memory (wasi-libc-shim/errno.def). */
enum { WASI_NOMEM = 48 };

/* Where a round can fail, for the summary. */
typedef enum stage {
	LOAD,
	IMPORTS,
	INSTANTIATE,
	CALL,
	WASI_IMPORTS,
	WASI_INSTANTIATE,
	WASI_CALL,
	NSTAGES
} stage;

static const char *const stage_names[NSTAGES] = {
    "load",         "imports",          "instantiate", "call",
    "wasi imports", "wasi instantiate", "wasi calls"};

static unsigned failures[NSTAGES];

/* A step of a host's life: when it fails, the error must say why. */
static bool step(bool ok, const w2n_error *err, stage where)
{
	if (ok)
		return true;
	if (err)
		CHECK(err->kind != W2N_OK && err->message[0] != '\0');
	failures[where]++;
	return false;
}

static int host_add(void *env, w2n_instance *caller, const w2n_value *args,
                    w2n_value *results)
{
	(void)env, (void)caller;
	results[0].i32 = args[0].i32 + args[1].i32;
	return 0;
}

/* The imports of api.wat: host functions and a global. */
static bool add_host_imports(w2n_imports *im, w2n_global *g, w2n_error *err)
{
	static const w2n_valtype i32x2[] = {W2N_I32, W2N_I32};
	w2n_functype add = {2, 1, i32x2, i32x2}, none = {0, 0, NULL, NULL};
	w2n_functype poke = {2, 0, i32x2, NULL};
	return w2n_imports_add_func(im, "env", "host_add", &add, host_add, NULL,
	                            err) &&
	       w2n_imports_add_func(im, "env", "host_fail", &none, host_add,
	                            NULL, err) &&
	       w2n_imports_add_func(im, "env", "host_poke", &poke, host_add,
	                            NULL, err) &&
	       w2n_imports_add_global(im, "env", "counter", g, err);
}

/* api.so's life; true when every step succeeded. */
static bool api_round(const char *path)
{
	w2n_value zero = w2n_i64(0), args[2] = {w2n_i32(2), w2n_i32(3)}, r;
	w2n_error err;
	w2n_imports *im = w2n_imports_new(); /* NULL: out of memory */
	w2n_module *m = NULL;
	w2n_global *g = NULL;
	w2n_instance *inst = NULL;
	bool ok = step(im != NULL, NULL, IMPORTS) &&
	          step((m = w2n_module_load(path, &err)), &err, LOAD);
	ok = ok && step((g = w2n_global_new(&zero, true, &err)), &err, IMPORTS);
	ok = ok && step(add_host_imports(im, g, &err), &err, IMPORTS);
	ok = ok &&
	     step((inst = w2n_instantiate(m, im, &err)), &err, INSTANTIATE);
	ok = ok && step(w2n_call(inst, "add_via_host", args, 2, &r, 1, &err),
	                &err, CALL);
	ok = ok && CHECK_EQ(r.i32, 5);
	w2n_instance_free(inst);
	w2n_global_free(g);
	w2n_imports_free(im);
	w2n_module_free(m);
	w2n_free_failed_instances();
	return ok;
}

/* Calls export `name` ([] -> [i32], a WASI errno or count): false when
 * the call failed or WASI ran out of memory. */
static bool wasi_call(w2n_instance *inst, const char *name, int32_t want)
{
	w2n_error err;
	w2n_value r;
	if (!step(w2n_call(inst, name, NULL, 0, &r, 1, &err), &err, WASI_CALL))
		return false;
	if (r.i32 == WASI_NOMEM)
		return step(false, NULL, WASI_CALL);
	return CHECK_EQ(r.i32, want);
}

/* wasi.so's life, its stdout on `out`; true when every step succeeded. */
static bool wasi_round(const char *path, int out)
{
	const char *argv[] = {"prog", "a", "b"}, *env[] = {"K=V"};
	w2n_preopen dir = {".", "/work"};
	w2n_wasi_config c = {.argc = 3,
	                     .argv = argv,
	                     .nenv = 1,
	                     .env = env,
	                     .npreopens = 1,
	                     .preopens = &dir,
	                     .stdio = {-1, out, -1}};
	w2n_error err;
	w2n_imports *im = w2n_imports_new();
	w2n_module *m = NULL;
	w2n_instance *inst = NULL;
	bool ok = step(im != NULL, NULL, WASI_IMPORTS) &&
	          step((m = w2n_module_load(path, &err)), &err, LOAD);
	ok = ok && step(w2n_imports_add_wasi(im, &c, &err), &err, WASI_IMPORTS);
	ok = ok && step((inst = w2n_instantiate(m, im, &err)), &err,
	                WASI_INSTANTIATE);
	ok = ok && wasi_call(inst, "argc", 3) && wasi_call(inst, "hello", 0) &&
	     wasi_call(inst, "nap", 0);
	w2n_instance_free(inst);
	w2n_imports_free(im);
	w2n_module_free(m);
	w2n_free_failed_instances();
	return ok;
}

/* Fails allocation 0, 1, ... of a round in turn, up to the first round
 * that makes no (n+1)th allocation; prints where the failures were
 * reported and returns n, the round's allocations. */
static long sweep(const char *name, char **plugins, int out)
{
	long n = 0;
	bool done = false;
	memset(failures, 0, sizeof failures);
	for (; n < 10000; n++) {
		w2n_rt_alloc_fail_after(n);
		done = api_round(plugins[0]) && wasi_round(plugins[1], out);
		if (w2n_rt_alloc_fail_after(-1) >= 0)
			break; /* fewer than n + 1 allocations: all failed */
		CHECK(!done);  /* the failure was reported */
	}
	CHECK(done);
	printf("embed-oom: %s sweep, %ld rounds failed in", name, n);
	for (int i = 0; i < NSTAGES; i++)
		printf("%s %s %u", i ? "," : "", stage_names[i], failures[i]);
	printf("\n");
	return n;
}

/*
 * Two sweeps.  The first starts cold: the type ids interned and this
 * thread's signal stack made on first use fail too, and as each of
 * these succeeds once and is never made again, the rounds after it
 * allocate one fewer time.  The second runs on the warm process, where a
 * round allocates the same way each time: it fails every index.
 */
int main(int argc, char **argv)
{
	int out = open("/dev/null", O_WRONLY);
	if (argc != 3 || out < 0) {
		fprintf(stderr,
		        "usage: embed_test_oom API_PLUGIN WASI_PLUGIN\n");
		return 2;
	}
	long cold = sweep("cold", argv + 1, out);
	long warm = sweep("warm", argv + 1, out);
	CHECK(warm > 5 && warm == cold); /* both end on a warm round */
	printf("embed-oom: a round makes %ld allocations\n", warm);
	close(out);
	return check_report("embed-oom");
}
