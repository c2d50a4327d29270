/*
 * report.c - how a program reports why it stops, on stderr, and the exit
 * status that goes with it: `wasm2native: error: MESSAGE` (1) when it
 * cannot start, `wasm trap: TEXT[ in function NAME[ at offset 0xN]]` and
 * the Wasm backtrace (134) on a trap,
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

/* Function `func` of `m` as messages name it: the import it is, its
 * name (w2n_rt_func_name), else #N. */
static void print_function(const w2n_rt_module *m, uint32_t func)
{
	const w2n_rt_import *im = import_of(m, func);
	const char *name = w2n_rt_func_name(m, func);
	if (im)
		fprintf(stderr, "%s.%s", im->module, im->name);
	else if (name)
		fputs(name, stderr);
	else
		fprintf(stderr, "#%u", func);
}

/* The Wasm frames, innermost first, each at its module offset
 * (docs/backtraces.md). */
static void print_backtrace(const w2n_rt_error *err)
{
	fputs("wasm backtrace:\n", stderr);
	for (uint32_t i = 0; i < err->nframes; i++) {
		const w2n_rt_frame *f = &err->frames[i];
		if (f->offset != UINT32_MAX)
			fprintf(stderr, "  %3u: 0x%06x ", i, f->offset);
		else
			fprintf(stderr, "  %3u: %8s ", i, "?");
		print_function(f->module, f->func);
		fputc('\n', stderr);
	}
	if (err->more_frames)
		fputs("  ...: deeper frames left out\n", stderr);
}

/* `wasm trap: TEXT`, then the function (or import) and the offset when
 * known, then the backtrace. */
static int report_trap(const w2n_rt_error *err)
{
	const w2n_rt_module *m = err->module;
	fprintf(stderr, "wasm trap: %s", err->message);
	if (m && err->func < m->nfuncs) {
		fputs(import_of(m, err->func) ? " " : " in function ", stderr);
		print_function(m, err->func);
	}
	const w2n_rt_frame *top = err->nframes ? &err->frames[0] : NULL;
	if (top && top->module == m && top->func == err->func &&
	    top->offset != UINT32_MAX)
		fprintf(stderr, " at offset 0x%x", top->offset);
	fputc('\n', stderr);
	if (err->nframes)
		print_backtrace(err);
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
