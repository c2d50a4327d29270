/*
 * input.h - reading the input module (input.c).
 */
#ifndef W2N_INPUT_H
#define W2N_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "frontend.h"
#include "options.h"

/* The whole of file `path` ("-": standard input) in a buffer the caller
 * frees; NULL with a diagnostic when it cannot be read or is 4 GiB or
 * more (offsets in the IR are 32-bit). */
uint8_t *w2n_read_file(const char *path, size_t *len, w2n_diags *d);

/* Reads, decodes and validates o->input, leaving the input's SHA-256
 * (for the module note) in `digest`; then checks (debug builds, -d c)
 * and dumps (-d i) the IR.  NULL with a diagnostic on failure. */
ir_module *w2n_load(const w2n_options *o, w2n_diags *d, uint8_t digest[32]);

#endif
