/*
 * compile.h - the compile pipeline of the driver: frontend, codegen,
 * link, with atomic output (compile.c).
 */
#ifndef W2N_COMPILE_H
#define W2N_COMPILE_H

#include "diag.h"
#include "options.h"

#ifndef W2N_VERSION
#define W2N_VERSION "unknown"
#endif
/* The compiler's version, in notes, slice keys and cache keys. */
#define W2N_VERSION_STRING W2N_VERSION

/* Runs the whole compilation for `o`; returns the exit status. */
int w2n_compile(const w2n_options *o);

/* --emit-header: the C header for host code, to -o FILE or stdout. */
int w2n_emit_header_file(const w2n_options *o);

/* Decodes and validates only; returns the exit status. */
int w2n_validate(const w2n_options *o);

#endif
