/*
 * cg_func.c - lowering one function body: the value stack of LLVM values,
 * locals as allocas (promoted by mem2reg), the cached memory base, trap
 * blocks, and the dispatch of each instruction to its family's emitter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_internal.h"

void cg_push(cg_func *fx, LLVMValueRef v)
{
	if (fx->nvals == fx->vals_cap) {
		fx->vals_cap = fx->vals_cap ? fx->vals_cap * 2 : 64;
		fx->vals = w2n_xrealloc(fx->vals,
		                        fx->vals_cap * sizeof *fx->vals);
	}
	fx->vals[fx->nvals++] = v;
}

LLVMValueRef cg_pop(cg_func *fx)
{
	W2N_ASSERT(fx->nvals > 0);
	return fx->vals[--fx->nvals];
}

LLVMValueRef cg_top(cg_func *fx)
{
	W2N_ASSERT(fx->nvals > 0);
	return fx->vals[fx->nvals - 1];
}

LLVMBasicBlockRef cg_new_block(cg_ctx *cx, cg_func *fx, const char *name)
{
	return LLVMAppendBasicBlockInContext(cx->ctx, fx->fn, name);
}

LLVMBasicBlockRef cg_trap_block(cg_ctx *cx, cg_func *fx, uint32_t kind)
{
	if (fx->trap_blocks[kind])
		return fx->trap_blocks[kind];
	LLVMBasicBlockRef here = LLVMGetInsertBlock(cx->b);
	LLVMBasicBlockRef bb = cg_new_block(cx, fx, "trap");
	LLVMPositionBuilderAtEnd(cx->b, bb);
	LLVMValueRef args[] = {fx->inst, cg_i32(cx, fx->index),
	                       cg_i32(cx, kind)};
	cg_call_helper(cx, CG_HELPER_TRAP, args, 3);
	LLVMBuildUnreachable(cx->b);
	LLVMPositionBuilderAtEnd(cx->b, here);
	fx->trap_blocks[kind] = bb;
	return bb;
}

void cg_trap_if(cg_ctx *cx, cg_func *fx, LLVMValueRef cond, uint32_t kind)
{
	LLVMBasicBlockRef trap = cg_trap_block(cx, fx, kind);
	LLVMBasicBlockRef ok = cg_new_block(cx, fx, "ok");
	LLVMBuildCondBr(cx->b, cond, trap, ok);
	LLVMPositionBuilderAtEnd(cx->b, ok);
}

void cg_reload_memory(cg_ctx *cx, cg_func *fx)
{
	if (cx->m->nmemories == 0)
		return;
	LLVMValueRef slot = cg_vmctx_addr(cx, fx, CG_VM_MEMORIES, 0);
	LLVMValueRef mem = cg_load_vm(cx, cx->t_ptr, slot);
	LLVMValueRef base_p = CG_RT_ADDR(cx, memory, mem, base);
	LLVMValueRef size_p = CG_RT_ADDR(cx, memory, mem, size);
	LLVMBuildStore(cx->b, cg_load_vm(cx, cx->t_ptr, base_p), fx->mem_base);
	LLVMBuildStore(cx->b, cg_load_vm(cx, cx->t_i64, size_p), fx->mem_size);
}

/* Allocas for locals and the memory cache; parameters stored, declared
 * locals zeroed (spec 4.4.10). */
static void set_up_locals(cg_ctx *cx, cg_func *fx)
{
	const ir_functype *t = fx->type;
	fx->nlocals = t->nparams + (fx->f ? fx->f->nlocals : 0);
	fx->locals = w2n_xmalloc((fx->nlocals + 1) * sizeof *fx->locals);
	for (uint32_t i = 0; i < fx->nlocals; i++) {
		ir_valtype vt = ir_local_type(cx->m, fx->f, i);
		fx->locals[i] = LLVMBuildAlloca(cx->b, cg_valtype(cx, vt), "");
		LLVMValueRef init = i < t->nparams
		                            ? LLVMGetParam(fx->fn, i + 1)
		                            : cg_zero(cx, vt);
		LLVMBuildStore(cx->b, init, fx->locals[i]);
	}
}

void cg_func_begin(cg_ctx *cx, cg_func *fx, LLVMValueRef fn)
{
	fx->fn = fn;
	fx->inst = LLVMGetParam(fn, 0);
	fx->entry = cg_new_block(cx, fx, "entry");
	LLVMPositionBuilderAtEnd(cx->b, fx->entry);
	fx->mem_base = LLVMBuildAlloca(cx->b, cx->t_ptr, "mem.base");
	fx->mem_size = LLVMBuildAlloca(cx->b, cx->t_i64, "mem.size");
	if (fx->f)
		set_up_locals(cx, fx);
	cg_reload_memory(cx, fx);
}

void cg_func_end(cg_func *fx)
{
	free(fx->vals);
	free(fx->blocks);
	free(fx->locals);
	memset(fx, 0, sizeof *fx);
}

static void dispatch(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (in->op) {
	case OP_UNREACHABLE: case OP_NOP: case OP_BLOCK: case OP_LOOP:
	case OP_IF: case OP_ELSE: case OP_END: case OP_BR: case OP_BR_IF:
	case OP_BR_TABLE: case OP_RETURN: case OP_DROP: case OP_SELECT:
	case OP_SELECT_T:
		cg_control(cx, fx, in);
		return;
	case OP_CALL: case OP_CALL_INDIRECT:
		cg_call(cx, fx, in);
		return;
	case OP_LOCAL_GET: case OP_LOCAL_SET: case OP_LOCAL_TEE:
	case OP_GLOBAL_GET: case OP_GLOBAL_SET: case OP_REF_NULL:
	case OP_REF_IS_NULL: case OP_REF_FUNC:
		cg_variable(cx, fx, in);
		return;
	case OP_TABLE_GET: case OP_TABLE_SET: case OP_TABLE_SIZE:
	case OP_TABLE_GROW: case OP_TABLE_FILL: case OP_TABLE_COPY:
	case OP_TABLE_INIT: case OP_ELEM_DROP:
		cg_table(cx, fx, in);
		return;
	default:
		break;
	}
	const ir_opcode_info *info = &ir_opcodes[in->op];
	ir_imm_kind kind = (ir_imm_kind)info->imm;
	if (info->prefix == 0xFD)
		cg_simd(cx, fx, in);
	else if (kind == IMM_MEMARG || kind == IMM_MEM0 ||
	         kind == IMM_MEM0_MEM0 || kind == IMM_DATA_MEM0 ||
	         in->op == OP_DATA_DROP)
		cg_memory(cx, fx, in);
	else if (in->op >= OP_I32_WRAP_I64 && in->op <= OP_F64_REINTERPRET_I64)
		cg_convert(cx, fx, in);
	else if (in->op >= OP_I32_TRUNC_SAT_F32_S &&
	         in->op <= OP_I64_TRUNC_SAT_F64_U)
		cg_convert(cx, fx, in);
	else
		cg_numeric(cx, fx, in);
}

/* In dead code only block structure matters: skip everything but the
 * else/end that closes the dead region. */
static bool skip_dead(cg_func *fx, const ir_instr *in)
{
	if (!fx->dead)
		return false;
	switch (in->op) {
	case OP_BLOCK: case OP_LOOP: case OP_IF:
		fx->dead_depth++;
		return true;
	case OP_ELSE:
		return fx->dead_depth > 0;
	case OP_END:
		if (fx->dead_depth > 0) {
			fx->dead_depth--;
			return true;
		}
		return false;
	default:
		return true;
	}
}

void cg_emit_code(cg_ctx *cx, cg_func *fx, const ir_instr *code, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (!skip_dead(fx, &code[i]))
			dispatch(cx, fx, &code[i]);
}

void cg_function(cg_ctx *cx, uint32_t index)
{
	const ir_module *m = cx->m;
	cg_func fx = {.f = &m->funcs[index], .index = index,
	              .type = ir_func_type(m, index)};
	cg_func_begin(cx, &fx, cg_func_value(cx, index));
	/* The body is a block whose end returns (spec 4.4.10). */
	ir_instr body = {.op = OP_BLOCK};
	cg_control_enter_body(cx, &fx, &body);
	cg_emit_code(cx, &fx, fx.f->code, fx.f->ncode);
	cg_func_end(&fx);
}
