/*
 * run.h - `wasm2native run` (run.c).
 */
#ifndef W2N_RUN_H
#define W2N_RUN_H

#include "options.h"

/* Compiles the input into the cache unless it is there, then executes it
 * with the program's arguments (does not return on success); returns the
 * exit status of a failure. */
int w2n_run(const w2n_options *o);

#endif
