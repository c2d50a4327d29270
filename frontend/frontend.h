/*
 * frontend.h - the frontend's interface: bytes in, validated ir_module out.
 * This header, ir.h (with the headers it includes) and diag.h are all that
 * later stages see of frontend/.
 */
#ifndef W2N_FRONTEND_H
#define W2N_FRONTEND_H

#include <stddef.h>
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

/* Decode then validate; NULL with a diagnostic on failure. */
ir_module *w2n_frontend_load(const uint8_t *bytes, size_t len, w2n_diags *d);

#endif
