/*
 * host.h - linking host C code into a program (issue: host functions
 * beyond WASI): which function imports the host code, WASI, a policy or
 * nobody provides, the C header of the imports and exports, and the
 * objects to link.
 */
#ifndef W2N_HOST_H
#define W2N_HOST_H

#include <stdbool.h>
#include <stdio.h>

#include "codegen.h"
#include "frontend.h"
#include "options.h"

/* What the driver links besides the module's object. */
typedef struct w2n_host_link {
	char **objects; /* host objects and archives, some temporary */
	size_t nobjects;
	char **temps; /* the temporary ones, to unlink */
	size_t ntemps;
} w2n_host_link;

/*
 * Decides, for every function import of `m`, how it is provided
 * (policy[i] = CG_IMPORT_*): WASI functions at instantiation, functions
 * the host inputs define (their C files compiled with the generated
 * header forced in, so a wrong signature is a C error), else the unknown
 * import policy.  Imports nobody provides are errors under the default
 * policy, each named with the prototype to implement.  Imported memories,
 * tables and globals are refused: programs get them only through the
 * embedding API.
 */
bool w2n_host_prepare(const w2n_options *o, const ir_module *m,
                      const cg_target *t, uint8_t *policy, w2n_host_link *link,
                      w2n_diags *d);

/* Unlinks the temporaries and frees `link`. */
void w2n_host_link_free(w2n_host_link *link);

/* Writes the C header: prototypes of the imports the host implements and
 * of the exports it may call (--emit-header). */
void w2n_emit_header(const ir_module *m, FILE *out);

#endif
