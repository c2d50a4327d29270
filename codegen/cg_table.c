/*
 * cg_table.c - table instructions (spec 4.4.6).  table.get/set/size are
 * inline; the rest call the runtime, which checks bounds as the spec says.
 */
#include "cg_internal.h"

static LLVMValueRef table_ptr(cg_ctx *cx, cg_func *fx, uint32_t table)
{
	return cg_load_vm(cx, cx->t_ptr,
	                  cg_vmctx_addr(cx, fx, CG_VM_TABLES, table));
}

static void emit_set(cg_ctx *cx, cg_func *fx, uint32_t table)
{
	LLVMValueRef v = cg_pop(fx), index = cg_pop(fx);
	LLVMValueRef tp = table_ptr(cx, fx, table);
	LLVMValueRef size =
	    cg_load_vm(cx, cx->t_i32, CG_RT_ADDR(cx, table, tp, size));
	cg_trap_if(cx, fx, LLVMBuildICmp(cx->b, LLVMIntUGE, index, size, ""),
	           W2N_TRAP_OOB_TABLE);
	LLVMValueRef elems =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, table, tp, elems));
	LLVMValueRef wide = LLVMBuildZExt(cx->b, index, cx->t_intptr, "");
	cg_store_vm(
	    cx, v,
	    LLVMBuildInBoundsGEP2(cx->b, cx->t_ptr, elems, &wide, 1, ""));
}

static void emit_size(cg_ctx *cx, cg_func *fx, uint32_t table)
{
	LLVMValueRef tp = table_ptr(cx, fx, table);
	cg_push(fx, cg_load_vm(cx, cx->t_i32, CG_RT_ADDR(cx, table, tp, size)));
}

static void emit_runtime_op(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMValueRef c = cg_pop(fx), b = cg_pop(fx), a = cg_pop(fx);
	switch (in->op) {
	case OP_TABLE_FILL: { /* dst, value, len */
		LLVMValueRef args[] = {fx->inst, cg_i32(cx, in->imm.index), a,
		                       b, c};
		cg_call_helper(cx, CG_HELPER_TABLE_FILL, args, 5);
		return;
	}
	case OP_TABLE_COPY: {
		LLVMValueRef args[] = {fx->inst,
		                       cg_i32(cx, in->imm.index2.a),
		                       cg_i32(cx, in->imm.index2.b),
		                       a,
		                       b,
		                       c};
		cg_call_helper(cx, CG_HELPER_TABLE_COPY, args, 6);
		return;
	}
	default: { /* OP_TABLE_INIT: elem a, table b */
		LLVMValueRef args[] = {fx->inst,
		                       cg_i32(cx, in->imm.index2.b),
		                       cg_i32(cx, in->imm.index2.a),
		                       a,
		                       b,
		                       c};
		cg_call_helper(cx, CG_HELPER_TABLE_INIT, args, 6);
		return;
	}
	}
}

void cg_table(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (in->op) {
	case OP_TABLE_GET:
		cg_push(fx, cg_table_element(cx, fx, in->imm.index, cg_pop(fx),
		                             W2N_TRAP_OOB_TABLE));
		return;
	case OP_TABLE_SET: emit_set(cx, fx, in->imm.index); return;
	case OP_TABLE_SIZE: emit_size(cx, fx, in->imm.index); return;
	case OP_TABLE_GROW: {
		LLVMValueRef n = cg_pop(fx), init = cg_pop(fx);
		LLVMValueRef args[] = {fx->inst, cg_i32(cx, in->imm.index),
		                       init, n};
		cg_push(fx, cg_call_helper(cx, CG_HELPER_TABLE_GROW, args, 4));
		return;
	}
	case OP_ELEM_DROP: {
		LLVMValueRef args[] = {fx->inst, cg_i32(cx, in->imm.index)};
		cg_call_helper(cx, CG_HELPER_ELEM_DROP, args, 2);
		return;
	}
	default: emit_runtime_op(cx, fx, in);
	}
}
