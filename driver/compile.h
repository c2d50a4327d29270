/*
 * compile.h - the compile pipeline of the driver: frontend, codegen,
 * link, with atomic output.
 */
#ifndef W2N_COMPILE_H
#define W2N_COMPILE_H

#include "diag.h"
#include "options.h"

/* Runs the whole compilation for `o`; returns the exit status. */
int w2n_compile(const w2n_options *o);

/* `wasm2native run`: compiles the input into the cache unless it is
 * there, then executes it with the program's arguments (does not return
 * on success). */
int w2n_run(const w2n_options *o);

/* --emit-header: the C header for host code, to -o FILE or stdout. */
int w2n_emit_header_file(const w2n_options *o);

/* Runs a tool (compiler, linker) and waits; false with a diagnostic when
 * it cannot run or fails. */
bool w2n_run_tool(char *const argv[], w2n_diags *d);

/* -v: a monotonic clock in seconds, and the line of a phase that began
 * at `t0` (its time and the process's peak memory so far). */
double w2n_now(void);
void w2n_phase_done(bool verbose, const char *name, double t0);

/* Decodes and validates only; returns the exit status. */
int w2n_validate(const w2n_options *o);

#endif
