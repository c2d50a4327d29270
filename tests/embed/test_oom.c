/*
 * test_oom.c - allocation failure injection through the embedding API:
 * for n = 0, 1, ... the runtime's (n+1)th allocation fails while a host
 * builds an import set, instantiates the plugin of api.wat, calls it and
 * frees everything.  Every failure must come back as an error (with a
 * message), never a crash; under ASan, nothing may leak.  Ends when a
 * whole round succeeds.
 *
 * usage: embed_test_oom PLUGIN   (api.so)
 */
#include "../check.h"
#include "wasm2native.h"

/* The runtime's test hook (runtime/instance.h), exported with the rest
 * of w2n_*: after n more allocations, the next one fails. */
void w2n_rt_alloc_fail_after(long n);

static int host_add(void *env, w2n_instance *caller, const w2n_value *args,
                    w2n_value *results)
{
	(void)env, (void)caller;
	results[0].i32 = args[0].i32 + args[1].i32;
	return 0;
}

/* A step of a host's life: when it fails, the error must say why. */
static bool step(bool ok, const w2n_error *err)
{
	if (!ok)
		CHECK(err->kind != W2N_OK && err->message[0] != '\0');
	return ok;
}

/* One host's life; true when every step succeeded. */
static bool round_trip(w2n_module *m)
{
	static const w2n_valtype i32x2[] = {W2N_I32, W2N_I32};
	w2n_functype add = {2, 1, i32x2, i32x2}, none = {0, 0, NULL, NULL};
	w2n_functype poke = {2, 0, i32x2, NULL};
	w2n_value zero = w2n_i64(0), args[2] = {w2n_i32(2), w2n_i32(3)}, r;
	w2n_error err;
	w2n_wasi_config wasi;
	w2n_wasi_config_init(&wasi);
	w2n_imports *im = w2n_imports_new(); /* NULL: out of memory */
	w2n_global *g = NULL;
	w2n_instance *inst = NULL;
	bool ok = im && step((g = w2n_global_new(&zero, true, &err)), &err);
	ok = ok && step(w2n_imports_add_func(im, "env", "host_add", &add,
	                                     host_add, NULL, &err),
	                &err);
	ok = ok && step(w2n_imports_add_func(im, "env", "host_fail", &none,
	                                     host_add, NULL, &err),
	                &err);
	ok = ok && step(w2n_imports_add_func(im, "env", "host_poke", &poke,
	                                     host_add, NULL, &err),
	                &err);
	ok = ok && step(w2n_imports_add_global(im, "env", "counter", g, &err),
	                &err);
	ok = ok && step(w2n_imports_add_wasi(im, &wasi, &err), &err);
	ok = ok && step((inst = w2n_instantiate(m, im, &err)), &err);
	ok = ok &&
	     step(w2n_call(inst, "add_via_host", args, 2, &r, 1, &err), &err);
	ok = ok && CHECK_EQ(r.i32, 5);
	w2n_instance_free(inst);
	w2n_global_free(g);
	w2n_imports_free(im);
	w2n_free_failed_instances();
	return ok;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: embed_test_oom PLUGIN\n");
		return 2;
	}
	w2n_error err;
	w2n_module *m = w2n_module_load(argv[1], &err);
	if (!CHECK(m)) {
		fprintf(stderr, "    %s\n", err.message);
		return check_report("embed-oom");
	}
	long n = 0;
	for (; n < 10000; n++) {
		w2n_rt_alloc_fail_after(n);
		bool done = round_trip(m);
		w2n_rt_alloc_fail_after(-1);
		if (done)
			break;
	}
	CHECK(n > 5 && n < 10000); /* some failed, and then it worked */
	printf("embed-oom: a round needs %ld allocations\n", n);
	w2n_module_free(m);
	return check_report("embed-oom");
}
