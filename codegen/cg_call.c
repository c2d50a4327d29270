/*
 * cg_call.c - call, call_indirect and call_ref (spec 4.4.8), and the
 * dispatch of their tail forms (cg_tail.c).  Defined functions are called
 * directly with this instance; imported ones through their w2n_rt_func
 * slot; call_indirect checks the table bound, null and the canonical type
 * id before calling; call_ref only null, as validation proved the
 * reference's type.
 */
#include <stdlib.h>

#include "cg_internal.h"

void cg_emit_call_args(cg_ctx *cx, cg_func *fx, uint32_t type, LLVMValueRef fn,
                       LLVMValueRef *args)
{
	const ir_functype *t = &cx->m->types[type];
	LLVMValueRef r = cg_call_or_invoke(cx, fx, cx->functypes[type], fn,
	                                   args, t->nparams + 1);
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

/* Calls the function of Wasm type `type` that the w2n_rt_func at `f`
 * (a function reference, not null) describes. */
static void call_through(cg_ctx *cx, cg_func *fx, uint32_t type, LLVMValueRef f)
{
	LLVMValueRef code =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, func, f, code));
	LLVMValueRef ctx =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, func, f, ctx));
	cg_emit_call(cx, fx, type, code, ctx);
}

static void call_func(cg_ctx *cx, cg_func *fx, uint32_t index)
{
	const ir_func *f = &cx->m->funcs[index];
	if (!f->imported) {
		cg_emit_call(cx, fx, f->type_index, cg_func_value(cx, index),
		             fx->inst);
		return;
	}
	call_through(cx, fx, f->type_index, cg_func_ref(cx, fx, index));
}

LLVMValueRef cg_table_element(cg_ctx *cx, cg_func *fx, uint32_t table,
                              LLVMValueRef index, uint32_t trap)
{
	LLVMValueRef p = cg_table_slot(cx, fx, table, index, trap);
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
	/* The type ids are filled before any code runs. */
	LLVMValueRef want = cg_load_vm_invariant(
	    cx, cx->t_i32, cg_vmctx_addr(cx, fx, CG_VM_TYPE_IDS, type));
	LLVMValueRef got =
	    cg_load_vm(cx, cx->t_i32, CG_RT_ADDR(cx, func, f, type_id));
	cg_trap_if(cx, fx, LLVMBuildICmp(cx->b, LLVMIntNE, want, got, ""),
	           W2N_TRAP_INDIRECT_CALL_MISMATCH);
	return f;
}

/* call_ref's operand: of type (ref null $t), so only null needs a
 * check. */
static LLVMValueRef ref_callee(cg_ctx *cx, cg_func *fx)
{
	LLVMValueRef f = cg_pop(fx);
	cg_trap_if(cx, fx, LLVMBuildIsNull(cx->b, f, ""),
	           W2N_TRAP_NULL_FUNC_REFERENCE);
	return f;
}

void cg_call(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (in->op) {
	case OP_CALL: call_func(cx, fx, in->imm.index); return;
	case OP_CALL_INDIRECT:
		call_through(cx, fx, in->imm.index2.a,
		             indirect_callee(cx, fx, in));
		return;
	case OP_CALL_REF:
		call_through(cx, fx, in->imm.index, ref_callee(cx, fx));
		return;
	case OP_RETURN_CALL: cg_return_call(cx, fx, in->imm.index); return;
	case OP_RETURN_CALL_INDIRECT:
		cg_return_call_func(cx, fx, in->imm.index2.a,
		                    indirect_callee(cx, fx, in));
		return;
	case OP_RETURN_CALL_REF:
		cg_return_call_func(cx, fx, in->imm.index, ref_callee(cx, fx));
		return;
	default: W2N_UNREACHABLE();
	}
}
