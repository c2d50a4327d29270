/*
 * frontend.h - the frontend's interface: bytes in, validated ir_module out.
 * This header, ir.h (with the headers it includes) and diag.h are all that
 * later stages see of frontend/.
 */
#ifndef W2N_FRONTEND_H
#define W2N_FRONTEND_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "diag.h"
#include "ir.h"

/* Implementation limits, beyond the spec's own (docs/ir.md says why). */
enum {
	DEC_MAX_LOCALS = 50000, /* parameters plus declared locals */
	/* Declared locals in the whole module: a local costs codegen far
	 * more than the two bytes that declare 50,000 of them. */
	DEC_MAX_MODULE_LOCALS = 5000000,
};

/*
 * Decodes a binary module (spec 5).
 * Requires: `bytes[0..len)`, which must stay alive only during the call.
 * Provides: a well-formed ir_module (not yet validated) owning copies of
 * everything it needs, or NULL after recording the first malformation in
 * `d`.
 */
ir_module *dec_module(const uint8_t *bytes, size_t len, w2n_diags *d);

/*
 * Validates a decoded module (spec 3).
 * Requires: a module from dec_module.  Provides: true when the module is
 * valid; otherwise false with the first error recorded in `d`.  The module
 * is not changed.
 */
bool val_module(const ir_module *m, w2n_diags *d);

/*
 * Checks the promises of docs/ir.md that later stages rely on without
 * checking (ir_check.c): for debug builds and tests, between stages.
 * Requires: a module val_module accepted.  Provides: true,
 * or false with the first broken promise in why[0..why_size).
 */
bool ir_check(const ir_module *m, char *why, size_t why_size);

/*
 * Writes the module IR as text to `out`, one instruction per line with
 * its byte offset, block links and immediates (wasm2native -d i).
 */
void ir_dump(const ir_module *m, FILE *out);

/*
 * Reads the module's source line table from its .debug_line custom
 * section (source_lines.c) into `out`, which the caller frees with
 * ir_source_lines_free.  Provides: true when there are rows; false when
 * the module has none (malformed debug information is read up to where
 * it breaks, never an error).
 */
bool ir_source_lines_read(const ir_module *m, ir_source_lines *out);
/* The row covering input offset `offset`, or NULL. */
const ir_source_row *ir_source_lines_find(const ir_source_lines *s,
                                          uint32_t offset);
void ir_source_lines_free(ir_source_lines *s);

/* Decode then validate; NULL with a diagnostic on failure. */
ir_module *w2n_frontend_load(const uint8_t *bytes, size_t len, w2n_diags *d);

#endif
