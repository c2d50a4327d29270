/*
 * validate_internal.h - what the module validator (validate.c) and the
 * function body validator (validate_code.c) share.  Private to them.
 */
#ifndef W2N_VALIDATE_INTERNAL_H
#define W2N_VALIDATE_INTERNAL_H

#include "frontend.h"

typedef struct val_module_ctx {
	const ir_module *m;
	w2n_diags *diags;
	/* C.refs (spec 3.4.10): functions that a module-level ref.func or an
	 * export declares, so that bodies may take their reference. */
	const bool *declared_refs;
} val_module_ctx;

/* Checks a defined function body (spec 3.4.1 with the algorithm of the
 * spec's validation appendix). */
bool val_func_body(const val_module_ctx *vc, const ir_func *f);

#endif
