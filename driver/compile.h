/*
 * compile.h - the compile pipeline of the driver: frontend, codegen,
 * link, with atomic output.
 */
#ifndef W2N_COMPILE_H
#define W2N_COMPILE_H

#include "options.h"

/* Runs the whole compilation for `o`; returns the exit status. */
int w2n_compile(const w2n_options *o);

/* `wasm2native run`: compiles the input into the cache unless it is
 * there, then executes it with the program's arguments (does not return
 * on success). */
int w2n_run(const w2n_options *o);

/* Decodes and validates only; returns the exit status. */
int w2n_validate(const w2n_options *o);

#endif
