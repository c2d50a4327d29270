/*
 * compile.h - the compile pipeline of the driver: frontend, codegen,
 * link, with atomic output.
 */
#ifndef W2N_COMPILE_H
#define W2N_COMPILE_H

#include "options.h"

/* Runs the whole compilation for `o`; returns the exit status. */
int w2n_compile(const w2n_options *o);

/* Decodes and validates only; returns the exit status. */
int w2n_validate(const w2n_options *o);

#endif
