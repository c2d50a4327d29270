/*
 * main.c - the entry point of programs compiled by wasm2native.  Codegen
 * emits the program's descriptor as `w2n_main_module`; main sets up WASI
 * (main.h), instantiates the module, and calls its "_start" export (or
 * else "main").  Exit status: 0 when the entry returns (or main's i32
 * result), 1 with `wasm2native: error: MESSAGE` when the program cannot
 * start, 134 with `wasm trap: TEXT[ in function NAME]` on a trap, also
 * one in the start function.  WASI proc_exit calls exit() itself.
 */
#include <stdio.h>

#include "main.h"

extern const w2n_rt_module w2n_main_module;

enum { EXIT_ERROR = 1, EXIT_TRAP = 134 };

static int report_error(const char *message)
{
	fprintf(stderr, "wasm2native: error: %s\n", message);
	return EXIT_ERROR;
}

/* The import that function `func` of `m` is, or NULL. */
static const w2n_rt_import *import_of(const w2n_rt_module *m, uint32_t func)
{
	for (uint32_t i = 0; func < m->nfunc_imports && i < m->nimports; i++)
		if (m->imports[i].kind == W2N_RT_EXTERN_FUNC &&
		    m->imports[i].index == func)
			return &m->imports[i];
	return NULL;
}

/* `wasm trap: TEXT`, then the function (or import) when known. */
static int report_trap(const w2n_rt_error *err)
{
	const w2n_rt_module *m = err->module;
	const w2n_rt_import *im = m ? import_of(m, err->func) : NULL;
	fprintf(stderr, "wasm trap: %s", err->message);
	if (im) {
		fprintf(stderr, " %s.%s", im->module, im->name);
	} else if (m && err->func < m->nfuncs) {
		const char *name =
		    m->func_names ? m->func_names[err->func] : "";
		if (name && name[0])
			fprintf(stderr, " in function %s", name);
		else
			fprintf(stderr, " in function #%u", err->func);
	}
	fputc('\n', stderr);
	return EXIT_TRAP;
}

static int report(const w2n_rt_error *err)
{
	if (err->trap != W2N_TRAP_NONE)
		return report_trap(err);
	return report_error(err->message);
}

/* Whether function `index` of `m` has `nresults` results and no
 * parameters; entry points take nothing. */
static bool entry_type(const w2n_rt_module *m, uint32_t index,
                       uint32_t nresults)
{
	const w2n_rt_functype *t = &m->types[m->func_types[index]];
	return t->nparams == 0 && t->nresults == nresults &&
	       (nresults == 0 || t->types[0] == W2N_RT_I32);
}

/* Calls the entry point; the process's exit status. */
static int run_entry(w2n_rt_instance *inst)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	const w2n_rt_export *e = w2n_rt_find_export(m, "_start");
	if (!e)
		e = w2n_rt_find_export(m, "main");
	if (!e)
		return report_error("no _start or main export");
	bool returns_i32 = e->kind == W2N_RT_EXTERN_FUNC && e->name[0] == 'm' &&
	                   entry_type(m, e->index, 1);
	if (e->kind != W2N_RT_EXTERN_FUNC ||
	    !(returns_i32 || entry_type(m, e->index, 0))) {
		fprintf(stderr,
		        "wasm2native: error: export %s is not a "
		        "function of type [] -> []\n",
		        e->name);
		return EXIT_ERROR;
	}
	w2n_rt_value vals[1] = {{.i32 = 0}};
	w2n_rt_error err;
	if (!w2n_rt_invoke(inst, w2n_rt_instance_func(inst, e->index),
	                   m->func_types[e->index], vals, &err))
		return report(&err);
	return returns_i32 ? vals[0].i32 : 0;
}

int main(int argc, char **argv)
{
	void *wasi = NULL;
	char why[W2N_RT_ERROR_MAX] = "";
	if (!w2n_rt_main_wasi_setup(argc, argv, &wasi, why, sizeof why))
		return report_error(why[0] ? why : "cannot set up WASI");
	w2n_rt_error err;
	w2n_rt_instance *inst = w2n_rt_instantiate(
	    &w2n_main_module, w2n_rt_main_resolve, wasi, &err);
	int status = EXIT_ERROR;
	if (inst) {
		((w2n_rt_instance_header *)(void *)inst)->wasi = wasi;
		status = run_entry(inst);
	} else {
		status = report(&err);
	}
	w2n_rt_instance_free(inst);
	w2n_rt_main_wasi_free(wasi);
	return status;
}
