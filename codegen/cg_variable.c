/*
 * cg_variable.c - locals, globals (spec 4.4.5) and reference instructions
 * (4.4.2).  A defined global lives in the instance's global storage and is
 * addressed directly; an imported one through its storage pointer.
 */
#include "cg_internal.h"

/* Address of global `index`'s storage. */
static LLVMValueRef global_addr(cg_ctx *cx, cg_func *fx, uint32_t index)
{
	const ir_module *m = cx->m;
	if (index >= m->nglobal_imports)
		return cg_vmctx_addr(cx, fx, CG_VM_GLOBAL_STORAGE,
		                     index - m->nglobal_imports);
	LLVMValueRef slot = cg_vmctx_addr(cx, fx, CG_VM_GLOBALS, index);
	return cg_load_vm(cx, cx->t_ptr, slot);
}

static void local_op(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMValueRef slot = fx->locals[in->imm.index];
	LLVMTypeRef t =
	    cg_valtype(cx, ir_local_type(cx->m, fx->f, in->imm.index));
	switch (in->op) {
	case OP_LOCAL_GET:
		cg_push(fx, LLVMBuildLoad2(cx->b, t, slot, ""));
		return;
	case OP_LOCAL_SET: LLVMBuildStore(cx->b, cg_pop(fx), slot); return;
	default: /* OP_LOCAL_TEE */
		LLVMBuildStore(cx->b, cg_top(fx), slot);
		return;
	}
}

static void global_op(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_global *g = &cx->m->globals[in->imm.index];
	LLVMValueRef addr = global_addr(cx, fx, in->imm.index);
	if (in->op == OP_GLOBAL_GET) {
		LLVMTypeRef t = cg_valtype(cx, g->type.type);
		LLVMValueRef v = cg_load_vm(cx, t, addr);
		LLVMSetAlignment(v, 8);
		cg_push(fx, v);
	} else {
		LLVMSetAlignment(cg_store_vm(cx, cg_pop(fx), addr), 8);
	}
}

LLVMValueRef cg_func_ref(cg_ctx *cx, cg_func *fx, uint32_t index)
{
	return cg_vmctx_addr(cx, fx, CG_VM_FUNCS, index);
}

void cg_variable(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (in->op) {
	case OP_LOCAL_GET:
	case OP_LOCAL_SET:
	case OP_LOCAL_TEE: local_op(cx, fx, in); return;
	case OP_GLOBAL_GET:
	case OP_GLOBAL_SET: global_op(cx, fx, in); return;
	case OP_REF_NULL: cg_push(fx, LLVMConstNull(cx->t_ptr)); return;
	case OP_REF_IS_NULL: {
		LLVMValueRef v = cg_pop(fx);
		LLVMValueRef z = LLVMBuildIsNull(cx->b, v, "");
		cg_push(fx, LLVMBuildZExt(cx->b, z, cx->t_i32, ""));
		return;
	}
	case OP_REF_FUNC:
		cg_push(fx, cg_func_ref(cx, fx, in->imm.index));
		return;
	case OP_REF_AS_NON_NULL:
		cg_trap_if(cx, fx, LLVMBuildIsNull(cx->b, cg_top(fx), ""),
		           W2N_TRAP_NULL_REFERENCE);
		return;
	default: W2N_UNREACHABLE();
	}
}
