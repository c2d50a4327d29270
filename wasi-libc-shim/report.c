/*
 * report.c - how a program reports why it stops, on stderr, and the exit
 * status that goes with it: `wasm2native: error: MESSAGE` (1) when it
 * cannot start, `wasm trap: TEXT[ in function NAME]` (134) on a trap,
 * `wasm exception: uncaught exception of tag "x" (i32 7)` (134) on an
 * exception nothing caught, on the main thread (main.c) as on a thread
 * wasi-threads spawned (threads.c).
 */
#include <stdio.h>

#include "wasi_internal.h"

int wasi_report_error(const char *message)
{
	fprintf(stderr, "wasm2native: error: %s\n", message);
	return WASI_EXIT_ERROR;
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
	return WASI_EXIT_TRAP;
}

int wasi_report(const w2n_rt_error *err)
{
	if (err->kind == W2N_RT_ERROR_TRAP)
		return report_trap(err);
	if (err->kind == W2N_RT_ERROR_EXCEPTION) {
		/* the runtime's message names the tag and its values */
		fprintf(stderr, "wasm exception: %s\n", err->message);
		return WASI_EXIT_TRAP;
	}
	return wasi_report_error(err->message);
}
