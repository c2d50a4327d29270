/*
 * cg_simd.c - fixed-width SIMD (spec 4.4.3) through LLVM vector types.
 */
#include "cg_internal.h"

void cg_simd(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	(void)cx;
	(void)fx;
	(void)in;
	W2N_UNREACHABLE();
}
