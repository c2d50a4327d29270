/*
 * decode_internal.h - state shared by the module decoder (decode.c) and
 * the instruction decoder (decode_code.c).  Private to the decoder.
 */
#ifndef W2N_DECODE_INTERNAL_H
#define W2N_DECODE_INTERNAL_H

#include "cursor.h"
#include "frontend.h"

typedef struct dec_state {
	ir_module *m;
	w2n_diags *diags;
	/* Scratch buffers reused across expressions. */
	ir_instr *instrs;
	uint32_t ninstrs, instrs_cap;
	uint32_t *open_blocks;
	uint32_t nopen, open_cap;
} dec_state;

/*
 * Decodes an expression: instructions up to and including the `end` that
 * closes nesting level 0, linking each block to its else/end.
 * Provides: the instructions copied into the module arena (the final end
 * included), their count and the deepest nesting seen.
 */
bool dec_expr(dec_state *s, dec_cursor *c, const ir_instr **code,
              uint32_t *ncode, uint32_t *max_depth);

/* Reads a value type byte ("malformed value type" otherwise). */
bool dec_valtype(dec_cursor *c, ir_valtype *t);

/* Reads a reference type ("malformed reference type" otherwise). */
bool dec_reftype(dec_cursor *c, ir_valtype *t);

/* Reads the heap type of ref.null as the nullable reference type
 * (ref null ht). */
bool dec_heaptype(dec_cursor *c, ir_valtype *t);

/* Fills m->type_canon once the type section is read (types.c). */
void dec_canon_types(ir_module *m);

/* Decodes the "name" custom section, if present, into function, local and
 * module names.  Malformed name data is ignored, as the spec allows. */
void dec_names(ir_module *m);

/* Where an encoding of a feature not supported yet is read (proposals.def). */
typedef enum dec_site {
	DEC_SITE_LIMITS,
	DEC_SITE_SECTION,
	DEC_SITE_VERSION,
	DEC_SITE_TYPE_FORM,
	DEC_SITE_VALTYPE,
	DEC_SITE_OPCODE,
	DEC_SITE_SIMD_OPCODE,
	DEC_SITE_EXTERN_KIND
} dec_site;

/* " (WHAT: the PROPOSAL proposal is not supported)" when `value` read at
 * `site` belongs to a feature not supported yet (proposals.def), else "";
 * appended to the spec's wording in a refusal. */
const char *dec_unsupported(dec_site site, uint32_t value);

/* Frees the scratch buffers. */
void dec_state_free(dec_state *s);

#endif
