/*
 * host.c - an example host for wasm2native plugins: loads the plugin
 * built from collatz.wat, lists what it imports and exports, gives it a
 * host function (env.log_i32) and calls its export in a loop, printing
 * the results; the last call traps on purpose, and the trap comes back
 * as an error value.
 *
 *   cc host.c $(pkg-config --cflags --libs wasm2native) -o host
 *   ./host collatz.so
 */
#include <stdio.h>
#include <string.h>

#include <wasm2native.h>

/* What log_i32 collects: the numbers of one sequence, as text. */
typedef struct trail {
	char text[512];
	size_t len;
} trail;

/* env.log_i32: appends its argument to the trail passed as env. */
static int log_i32(void *env, w2n_instance *caller, const w2n_value *args,
                   w2n_value *results)
{
	trail *t = env;
	(void)caller;
	(void)results;
	int n = snprintf(t->text + t->len, sizeof t->text - t->len, " %d",
	                 args[0].i32);
	if (n < 0 || (size_t)n >= sizeof t->text - t->len)
		return 1; /* too long: trap */
	t->len += (size_t)n;
	return 0;
}

static void list_interface(const w2n_module *m)
{
	char type[128];
	for (uint32_t i = 0; i < w2n_module_import_count(m); i++) {
		w2n_import_desc d;
		w2n_module_import(m, i, &d);
		w2n_extern_type_string(&d.type, type, sizeof type);
		printf("import %s.%s %s\n", d.module, d.name, type);
	}
	for (uint32_t i = 0; i < w2n_module_export_count(m); i++) {
		w2n_export_desc d;
		w2n_module_export(m, i, &d);
		w2n_extern_type_string(&d.type, type, sizeof type);
		printf("export %s %s\n", d.name, type);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s PLUGIN\n", argv[0]);
		return 2;
	}
	w2n_error err;
	w2n_module *m = w2n_module_load(argv[1], &err);
	if (!m) {
		fprintf(stderr, "host: %s\n", err.message);
		return 1;
	}
	list_interface(m);

	trail t;
	w2n_valtype i32 = W2N_I32;
	w2n_functype log_type = {1, 0, &i32, NULL}; /* (param i32) */
	w2n_imports *im = w2n_imports_new();
	w2n_instance *inst = NULL;
	if (im && w2n_imports_add_func(im, "env", "log_i32", &log_type, log_i32,
	                               &t, &err))
		inst = w2n_instantiate(m, im, &err);
	if (!inst) {
		fprintf(stderr, "host: %s\n", err.message);
		return 1;
	}
	for (int32_t n = 6; n >= 0; n--) {
		w2n_value arg = w2n_i32(n), result;
		t.len = 0;
		t.text[0] = '\0';
		if (w2n_call(inst, "collatz", &arg, 1, &result, 1, &err))
			printf("collatz(%d) = %d steps:%s\n", n, result.i32,
			       t.text);
		else
			printf("collatz(%d): %s: %s\n", n,
			       err.kind == W2N_ERROR_TRAP ? "trap" : "error",
			       err.message);
	}
	w2n_instance_free(inst);
	w2n_imports_free(im);
	w2n_module_free(m);
	return 0;
}
