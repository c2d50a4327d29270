/*
 * host.c - the embedding API's side of the backtrace test: loads the
 * plugin built from traps.wat, calls run(N) for each N given, and prints
 * the error's frames as a program prints its backtrace
 * (wasi-libc-shim/report.c), for run_backtrace.py to check alike.
 * usage: bt_host PLUGIN N...
 */
#include <stdio.h>
#include <stdlib.h>

#include "wasm2native.h"

static void print_frame(size_t i, const w2n_frame *f)
{
	if (f->offset != W2N_NO_OFFSET)
		printf("  %3zu: 0x%06x ", i, f->offset);
	else
		printf("  %3zu: %8s ", i, "?");
	if (f->func_name)
		printf("%s\n", f->func_name);
	else
		printf("#%u\n", f->func);
}

/* env.fail: a host function that fails (W2N_TRAP_KIND_HOST). */
static int fail(void *env, w2n_instance *caller, const w2n_value *args,
                w2n_value *results)
{
	(void)env, (void)caller, (void)args, (void)results;
	return 1;
}

/* One call of run(n): its trap and frames, or why it did not trap. */
static void run_case(w2n_instance *inst, int n)
{
	w2n_value arg = w2n_i32(n);
	w2n_error err;
	if (w2n_call(inst, "run", &arg, 1, NULL, 0, &err)) {
		printf("case %d: no trap\n", n);
		return;
	}
	if (err.kind != W2N_ERROR_TRAP || err.nframes == 0) {
		printf("case %d: %s, %zu frames\n", n, err.message,
		       err.nframes);
		return;
	}
	const w2n_frame *top = &err.frames[0];
	printf("wasm trap: %s in function %s", err.message,
	       top->func_name ? top->func_name : "?");
	if (top->offset != W2N_NO_OFFSET)
		printf(" at offset 0x%x", top->offset);
	printf("\nwasm backtrace:\n");
	for (size_t i = 0; i < err.nframes; i++)
		print_frame(i, &err.frames[i]);
	if (err.more_frames)
		printf("  ...: deeper frames left out\n");
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bt_host PLUGIN N...\n");
		return 2;
	}
	w2n_error err;
	w2n_functype none = {0, 0, NULL, NULL};
	w2n_imports *im = w2n_imports_new();
	w2n_module *m = w2n_module_load(argv[1], &err);
	w2n_instance *inst =
	    m && im &&
	            w2n_imports_add_func(im, "env", "fail", &none, fail, NULL,
	                                 &err)
	        ? w2n_instantiate(m, im, &err)
	        : NULL;
	if (!inst) {
		fprintf(stderr, "bt_host: %s\n", err.message);
		return 1;
	}
	for (int i = 2; i < argc; i++) {
		run_case(inst, atoi(argv[i]));
		fflush(stdout);
	}
	w2n_instance_free(inst);
	w2n_imports_free(im);
	w2n_module_free(m);
	return 0;
}
