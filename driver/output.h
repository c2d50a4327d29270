/*
 * output.h - atomic outputs (output.c).
 */
#ifndef W2N_OUTPUT_H
#define W2N_OUTPUT_H

#include <stdbool.h>

#include "diag.h"
#include "options.h"

/* The output name when -o is absent: the input's name with the extension
 * of the output kind in place of ".wasm".  Caller frees. */
char *w2n_default_output(const w2n_options *o);

/* A fresh temporary file beside `path`, for the atomic rename; caller
 * frees the name.  NULL with a diagnostic when it cannot be made. */
char *w2n_temp_beside(const char *path, w2n_diags *d);

/* -MD/-MF: `OUTPUT: INPUT HOST-INPUTS...`, written atomically.  The
 * runtime libraries belong to the compiler, as libc does to cc -MD. */
bool w2n_write_depfile(const w2n_options *o, const char *out, w2n_diags *d);

/* Puts the finished output `tmp` in place: renamed to `path`, or for
 * `-o -` copied to standard output (and removed). */
bool w2n_publish(const char *tmp, const char *path, w2n_diags *d);

#endif
