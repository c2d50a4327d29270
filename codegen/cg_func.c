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
		fx->vals =
		    w2n_xrealloc(fx->vals, fx->vals_cap * sizeof *fx->vals);
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
	/* A block of its own per trapping instruction, which passes its
	 * offset: a block shared by a function's traps of a kind would take
	 * the offset through a phi, whose copies land on the hot path of
	 * every check (sha256 6% slower in explicit mode).  Only constants,
	 * so that no register stays live for the traps (the instance is
	 * found from the frame); the backend merges the blocks' tails. */
	LLVMBasicBlockRef here = LLVMGetInsertBlock(cx->b);
	LLVMBasicBlockRef bb = cg_new_block(cx, fx, "trap");
	LLVMPositionBuilderAtEnd(cx->b, bb);
	LLVMValueRef args[] = {LLVMConstNull(cx->t_ptr), cg_i32(cx, fx->index),
	                       cg_i32(cx, kind), cg_i32(cx, fx->offset)};
	cg_call_helper(cx, CG_HELPER_TRAP, args, 4);
	LLVMBuildUnreachable(cx->b);
	LLVMPositionBuilderAtEnd(cx->b, here);
	return bb;
}

void cg_trap_if(cg_ctx *cx, cg_func *fx, LLVMValueRef cond, uint32_t kind)
{
	LLVMBasicBlockRef trap = cg_trap_block(cx, fx, kind);
	LLVMBasicBlockRef ok = cg_new_block(cx, fx, "ok");
	LLVMBuildCondBr(cx->b, cond, trap, ok);
	LLVMPositionBuilderAtEnd(cx->b, ok);
}

LLVMValueRef cg_memory_object(cg_ctx *cx, cg_func *fx, uint32_t memory)
{
	/* The instance's memory slots are filled before any code runs. */
	return cg_load_vm_invariant(
	    cx, cx->t_ptr, cg_vmctx_addr(cx, fx, CG_VM_MEMORIES, memory));
}

/* Loads memory `i`'s base and size into its slots; mem2reg makes SSA
 * values of them, and LLVM drops the loads nothing reads.  A fixed
 * memory's base is an invariant load, and its size is not cached:
 * memory.size reads it afresh (cg_memory.c). */
static void load_memory(cg_ctx *cx, cg_func *fx, uint32_t i)
{
	LLVMValueRef mem = cg_memory_object(cx, fx, i);
	LLVMValueRef base_p = CG_RT_ADDR(cx, memory, mem, base);
	if (cg_memory_fixed(cx, i)) {
		LLVMBuildStore(cx->b,
		               cg_load_vm_invariant(cx, cx->t_ptr, base_p),
		               fx->mem_base[i]);
		return;
	}
	LLVMValueRef size_p = CG_RT_ADDR(cx, memory, mem, size);
	LLVMBuildStore(cx->b, cg_load_vm(cx, cx->t_ptr, base_p),
	               fx->mem_base[i]);
	LLVMValueRef size = cg_load_vm(cx, cx->t_i64, size_p);
	cg_memory_size_range(cx, size, i);
	LLVMBuildStore(cx->b, size, fx->mem_size[i]);
}

/* After a call or memory.grow: the memories whose base or size may have
 * changed; a fixed memory's base cannot (cg_memory_fixed). */
void cg_reload_memory(cg_ctx *cx, cg_func *fx)
{
	for (uint32_t i = 0; i < cx->m->nmemories; i++)
		if (!cg_memory_fixed(cx, i))
			load_memory(cx, fx, i);
}

/* One base and one size slot per memory, memory 0's also without. */
static void set_up_memory_cache(cg_ctx *cx, cg_func *fx)
{
	uint32_t n = cx->m->nmemories ? cx->m->nmemories : 1;
	fx->mem_base = w2n_xmalloc(n * sizeof *fx->mem_base);
	fx->mem_size = w2n_xmalloc(n * sizeof *fx->mem_size);
	for (uint32_t i = 0; i < n; i++) {
		fx->mem_base[i] = LLVMBuildAlloca(cx->b, cx->t_ptr, "mem.base");
		fx->mem_size[i] = LLVMBuildAlloca(cx->b, cx->t_i64, "mem.size");
	}
}

/* A parameter's value on entry (read from the argument slots by a tail
 * entry), or zero for a declared local. */
static LLVMValueRef local_init(cg_ctx *cx, cg_func *fx, uint32_t i,
                               ir_valtype vt)
{
	if (i >= fx->type->nparams)
		return cg_zero(cx, vt);
	return fx->tail ? cg_tail_param(cx, fx, i)
	                : LLVMGetParam(fx->fn, i + 1);
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
		LLVMBuildStore(cx->b, local_init(cx, fx, i, vt), fx->locals[i]);
	}
}

void cg_func_begin(cg_ctx *cx, cg_func *fx, LLVMValueRef fn)
{
	fx->fn = fn;
	fx->inst = LLVMGetParam(fn, 0);
	if (fx->f)
		cg_debug_function(cx, fx);
	if (fx->tail)
		fx->results = LLVMGetParam(fn, 2);
	fx->entry = cg_new_block(cx, fx, "entry");
	LLVMPositionBuilderAtEnd(cx->b, fx->entry);
	set_up_memory_cache(cx, fx);
	if (fx->f)
		set_up_locals(cx, fx);
	cg_exception_begin(cx, fx);
	for (uint32_t i = 0; i < cx->m->nmemories; i++)
		load_memory(cx, fx, i);
}

void cg_func_end(cg_func *fx)
{
	free(fx->vals);
	free(fx->blocks);
	free(fx->locals);
	free(fx->mem_base);
	free(fx->mem_size);
	free(fx->held);
	memset(fx, 0, sizeof *fx);
}

/*
 * The emitter of each instruction family (the FAMILY column of
 * opcodes.def), and for the families lowered through tables of
 * operations, whether an opcode has a row in them.
 */
static const struct {
	void (*emit)(cg_ctx *cx, cg_func *fx, const ir_instr *in);
	bool (*lowers)(const ir_opcode_info *info); /* NULL: all do */
} families[IR_FAMILY_COUNT] = {
    [IR_FAMILY_CONTROL] = {cg_control, NULL},
    [IR_FAMILY_CALL] = {cg_call, NULL},
    [IR_FAMILY_PARAMETRIC] = {cg_control, NULL},
    [IR_FAMILY_VARIABLE] = {cg_variable, NULL},
    [IR_FAMILY_REFERENCE] = {cg_variable, NULL},
    [IR_FAMILY_TABLE] = {cg_table, NULL},
    [IR_FAMILY_MEMORY] = {cg_memory, NULL},
    [IR_FAMILY_NUMERIC] = {cg_numeric, cg_numeric_lowers},
    [IR_FAMILY_CONVERT] = {cg_convert, cg_convert_lowers},
    [IR_FAMILY_VECTOR] = {cg_simd, cg_simd_lowers},
    [IR_FAMILY_ATOMIC] = {cg_atomic, NULL},
    [IR_FAMILY_EXCEPTION] = {cg_exception, NULL},
};

bool cg_lowers(uint16_t op)
{
	const ir_opcode_info *info = &ir_opcodes[op];
	if (info->family >= IR_FAMILY_COUNT || !families[info->family].emit)
		return false;
	return !families[info->family].lowers ||
	       families[info->family].lowers(info);
}

/* In dead code only block structure matters: skip everything but the
 * else/end that closes the dead region. */
static bool skip_dead(cg_func *fx, const ir_instr *in)
{
	if (!fx->dead)
		return false;
	switch (in->op) {
	case OP_BLOCK:
	case OP_LOOP:
	case OP_IF:
	case OP_TRY:
	case OP_TRY_TABLE: fx->dead_depth++; return true;
	case OP_ELSE:
	case OP_CATCH:
	case OP_CATCH_ALL: return fx->dead_depth > 0;
	case OP_END:
	case OP_DELEGATE:
		if (fx->dead_depth > 0) {
			fx->dead_depth--;
			return true;
		}
		return false;
	default: return true;
	}
}

void cg_emit_code(cg_ctx *cx, cg_func *fx, const ir_instr *code, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (skip_dead(fx, &code[i]))
			continue;
		fx->offset = code[i].offset;
		cg_debug_at(cx, fx, &code[i]);
		families[ir_opcodes[code[i].op].family].emit(cx, fx, &code[i]);
	}
}

void cg_function(cg_ctx *cx, uint32_t index)
{
	const ir_module *m = cx->m;
	const ir_func *f = &m->funcs[index];
	cg_func fx = {.f = f,
	              .index = index,
	              .type = ir_func_type(m, index),
	              .tail = f->tail_calls};
	/* A function that makes tail calls is compiled into its tail entry,
	 * called by a wrapper of the Wasm calling convention (cg_tail.c). */
	cg_func_begin(cx, &fx,
	              fx.tail ? cg_func_tail_value(cx, index)
	                      : cg_func_value(cx, index));
	/* The body is a block whose end returns (spec 4.4.10). */
	ir_instr body = {.op = OP_BLOCK};
	cg_control_enter_body(cx, &fx, &body);
	cg_interrupt_check(cx, &fx, f->code);
	if (!cg_idiom_body(cx, &fx))
		cg_emit_code(cx, &fx, f->code, f->ncode);
	cg_debug_function_end(cx, &fx);
	cg_func_end(&fx);
	if (f->tail_calls)
		cg_tail_wrapper(cx, index);
}
