/*
 * cg_table.c - table instructions (spec 4.4.6).  table.get/set/size are
 * inline; the rest call the runtime, which checks bounds as the spec says
 * (its 64-bit helpers for a 64-bit table, table64, whose indices and
 * sizes are i64: the runtime's sizes stay 32-bit, so an i64 index is
 * compared with the zero-extended size).
 */
#include "cg_internal.h"

bool cg_table_is64(cg_ctx *cx, uint32_t table)
{
	return cx->m->tables[table].type.limits.addr64;
}

static LLVMValueRef table_ptr(cg_ctx *cx, cg_func *fx, uint32_t table)
{
	/* The instance's table slots are filled before any code runs. */
	return cg_load_vm_invariant(cx, cx->t_ptr,
	                            cg_vmctx_addr(cx, fx, CG_VM_TABLES, table));
}

/* Whether `table`'s size and elements array never change after
 * instantiation: no table.grow names the table and no other module or
 * host can reach it (no import or export). */
static bool table_fixed(cg_ctx *cx, uint32_t table)
{
	const ir_table *tb = &cx->m->tables[table];
	return !tb->imported && !tb->exported && !tb->grown;
}

/* Table `table`'s elements array: an invariant load for a fixed table,
 * which LLVM then keeps across calls (call_indirect in a loop). */
static LLVMValueRef table_elems(cg_ctx *cx, uint32_t table, LLVMValueRef tp)
{
	LLVMValueRef p = CG_RT_ADDR(cx, table, tp, elems);
	return table_fixed(cx, table) ? cg_load_vm_invariant(cx, cx->t_ptr, p)
	                              : cg_load_vm(cx, cx->t_ptr, p);
}

/* The table's size, of its address type: a fixed table keeps its
 * minimum, a constant. */
static LLVMValueRef table_size(cg_ctx *cx, uint32_t table, LLVMValueRef tp)
{
	const ir_limits *l = &cx->m->tables[table].type.limits;
	LLVMValueRef size =
	    table_fixed(cx, table) && l->min <= UINT32_MAX
	        ? cg_i32(cx, (uint32_t)l->min)
	        : cg_load_vm(cx, cx->t_i32, CG_RT_ADDR(cx, table, tp, size));
	if (cg_table_is64(cx, table))
		size = LLVMBuildZExt(cx->b, size, cx->t_i64, "");
	return size;
}

LLVMValueRef cg_table_slot(cg_ctx *cx, cg_func *fx, uint32_t table,
                           LLVMValueRef index, uint32_t trap)
{
	LLVMValueRef tp = table_ptr(cx, fx, table);
	LLVMValueRef size = table_size(cx, table, tp);
	cg_trap_if(cx, fx, LLVMBuildICmp(cx->b, LLVMIntUGE, index, size, ""),
	           trap);
	LLVMValueRef elems = table_elems(cx, table, tp);
	LLVMValueRef wide =
	    LLVMBuildIntCast2(cx->b, index, cx->t_intptr, false, "");
	return LLVMBuildInBoundsGEP2(cx->b, cx->t_ptr, elems, &wide, 1, "");
}

static void emit_set(cg_ctx *cx, cg_func *fx, uint32_t table)
{
	LLVMValueRef v = cg_pop(fx), index = cg_pop(fx);
	cg_store_vm(cx, v,
	            cg_table_slot(cx, fx, table, index, W2N_TRAP_OOB_TABLE));
}

static void emit_size(cg_ctx *cx, cg_func *fx, uint32_t table)
{
	cg_push(fx, table_size(cx, table, table_ptr(cx, fx, table)));
}

/* table.copy: the 64-bit helper when either table is 64-bit. */
static void emit_copy(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                      LLVMValueRef d, LLVMValueRef s, LLVMValueRef n)
{
	uint32_t dst = in->imm.index2.a, src = in->imm.index2.b;
	LLVMValueRef dsn[] = {d, s, n};
	cg_call_copy(cx, fx, CG_HELPER_TABLE_COPY, CG_HELPER_TABLE_COPY64,
	             cg_table_is64(cx, dst) || cg_table_is64(cx, src), dst, src,
	             dsn);
}

static void emit_runtime_op(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMValueRef c = cg_pop(fx), b = cg_pop(fx), a = cg_pop(fx);
	switch (in->op) {
	case OP_TABLE_FILL: { /* dst, value, len */
		LLVMValueRef args[] = {fx->inst, cg_i32(cx, in->imm.index), a,
		                       b, c};
		cg_call_helper(cx,
		               cg_table_is64(cx, in->imm.index)
		                   ? CG_HELPER_TABLE_FILL64
		                   : CG_HELPER_TABLE_FILL,
		               args, 5);
		return;
	}
	case OP_TABLE_COPY: emit_copy(cx, fx, in, a, b, c); return;
	default: { /* OP_TABLE_INIT: elem a, table b */
		LLVMValueRef args[] = {fx->inst,
		                       cg_i32(cx, in->imm.index2.b),
		                       cg_i32(cx, in->imm.index2.a),
		                       a,
		                       b,
		                       c};
		cg_call_helper(cx,
		               cg_table_is64(cx, in->imm.index2.b)
		                   ? CG_HELPER_TABLE_INIT64
		                   : CG_HELPER_TABLE_INIT,
		               args, 6);
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
		cg_helper h = cg_table_is64(cx, in->imm.index)
		                  ? CG_HELPER_TABLE_GROW64
		                  : CG_HELPER_TABLE_GROW;
		cg_push(fx, cg_call_helper(cx, h, args, 4));
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
