/*
 * cg_call.c - call and call_indirect (spec 4.4.8), and the dispatch of
 * their tail forms (cg_tail.c).  Defined functions are called directly
 * with this instance; imported ones through their w2n_rt_func slot;
 * call_indirect checks the table bound, null and the canonical type id
 * before calling.
 */
#include <stdlib.h>

#include "cg_internal.h"

void cg_emit_call_args(cg_ctx *cx, cg_func *fx, uint32_t type, LLVMValueRef fn,
                       LLVMValueRef *args)
{
	const ir_functype *t = &cx->m->types[type];
	LLVMValueRef r = LLVMBuildCall2(cx->b, cx->functypes[type], fn, args,
	                                t->nparams + 1, "");
	if (t->nresults == 1)
		cg_push(fx, r);
	for (uint32_t i = 0; t->nresults > 1 && i < t->nresults; i++)
		cg_push(fx, LLVMBuildExtractValue(cx->b, r, i, ""));
	/* The callee may have grown (or, for explicit bounds checks, moved)
	 * memory. */
	cg_reload_memory(cx, fx);
}

void cg_emit_call(cg_ctx *cx, cg_func *fx, uint32_t type, LLVMValueRef fn,
                  LLVMValueRef ctx)
{
	const ir_functype *t = &cx->m->types[type];
	LLVMValueRef *args = w2n_xmalloc((t->nparams + 1) * sizeof *args);
	args[0] = ctx;
	for (uint32_t i = t->nparams; i > 0; i--)
		args[i] = cg_pop(fx);
	cg_emit_call_args(cx, fx, type, fn, args);
	free(args);
}

static void call_func(cg_ctx *cx, cg_func *fx, uint32_t index)
{
	const ir_func *f = &cx->m->funcs[index];
	if (!f->imported) {
		cg_emit_call(cx, fx, f->type_index, cg_func_value(cx, index),
		             fx->inst);
		return;
	}
	LLVMValueRef slot = cg_func_ref(cx, fx, index);
	LLVMValueRef code =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, func, slot, code));
	LLVMValueRef ctx =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, func, slot, ctx));
	cg_emit_call(cx, fx, f->type_index, code, ctx);
}

LLVMValueRef cg_table_element(cg_ctx *cx, cg_func *fx, uint32_t table,
                              LLVMValueRef index, uint32_t trap)
{
	LLVMValueRef tp = cg_load_vm(
	    cx, cx->t_ptr, cg_vmctx_addr(cx, fx, CG_VM_TABLES, table));
	LLVMValueRef size =
	    cg_load_vm(cx, cx->t_i32, CG_RT_ADDR(cx, table, tp, size));
	LLVMValueRef oob = LLVMBuildICmp(cx->b, LLVMIntUGE, index, size, "");
	cg_trap_if(cx, fx, oob, trap);
	LLVMValueRef elems =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, table, tp, elems));
	LLVMValueRef wide = LLVMBuildZExt(cx->b, index, cx->t_intptr, "");
	LLVMValueRef p =
	    LLVMBuildInBoundsGEP2(cx->b, cx->t_ptr, elems, &wide, 1, "");
	return cg_load_vm(cx, cx->t_ptr, p);
}

/* The w2n_rt_func that call_indirect's operand selects, checked: in the
 * table, not null, of the instruction's type. */
static LLVMValueRef indirect_callee(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	uint32_t type = in->imm.index2.a, table = in->imm.index2.b;
	LLVMValueRef index = cg_pop(fx);
	LLVMValueRef f =
	    cg_table_element(cx, fx, table, index, W2N_TRAP_UNDEFINED_ELEMENT);
	cg_trap_if(cx, fx, LLVMBuildIsNull(cx->b, f, ""),
	           W2N_TRAP_UNINITIALIZED_ELEMENT);
	LLVMValueRef want = cg_load_vm(
	    cx, cx->t_i32, cg_vmctx_addr(cx, fx, CG_VM_TYPE_IDS, type));
	LLVMValueRef got =
	    cg_load_vm(cx, cx->t_i32, CG_RT_ADDR(cx, func, f, type_id));
	cg_trap_if(cx, fx, LLVMBuildICmp(cx->b, LLVMIntNE, want, got, ""),
	           W2N_TRAP_INDIRECT_CALL_MISMATCH);
	return f;
}

static void call_indirect(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMValueRef f = indirect_callee(cx, fx, in);
	LLVMValueRef code =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, func, f, code));
	LLVMValueRef ctx =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, func, f, ctx));
	cg_emit_call(cx, fx, in->imm.index2.a, code, ctx);
}

void cg_call(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (in->op) {
	case OP_CALL: call_func(cx, fx, in->imm.index); return;
	case OP_CALL_INDIRECT: call_indirect(cx, fx, in); return;
	case OP_RETURN_CALL: cg_return_call(cx, fx, in->imm.index); return;
	case OP_RETURN_CALL_INDIRECT:
		cg_return_call_func(cx, fx, in->imm.index2.a,
		                    indirect_callee(cx, fx, in));
		return;
	default: W2N_UNREACHABLE();
	}
}
