/*
 * cg_tail.c - tail calls (return_call, return_call_indirect; Wasm 3.0,
 * spec 4.4.8) in constant native stack on every target
 * (docs/tail-calls.md).
 *
 * LLVM guarantees a tail call (`musttail`) in the C calling convention
 * only between functions of the same prototype whose arguments and
 * results all travel in registers.  So a function that makes tail calls
 * is compiled into its tail entry, of the one type
 *
 *     RESULT tail(void *ctx, w2n_rt_value *args, w2n_rt_value *results)
 *
 * whose three pointers are registers on every target: its parameters
 * arrive in the argument slots `args` (the tail argument area of the
 * calling instance, read once on entry), and its results leave as the
 * return value when they are one scalar, else through `results`, which
 * each tail call passes on.  Its ordinary entry, of the Wasm calling
 * convention, is a small wrapper that calls the tail entry.  A tail call
 * of a function without a tail entry (one that makes no tail calls, or a
 * host function) is an ordinary call and return: the chain of tail calls
 * ends there, so the stack stays bounded.
 */
#include <stdlib.h>

#include "cg_internal.h"

/* Whether a tail entry of type `t` returns its results through the
 * results pointer: several, or a vector (returned in memory by the C
 * calling convention of RISC-V without the V extension, which LLVM cannot
 * tail call). */
static bool results_in_memory(const ir_functype *t)
{
	return t->nresults > 1 ||
	       (t->nresults == 1 && t->results[0] == IR_V128);
}

LLVMTypeRef cg_tail_type(cg_ctx *cx, const ir_functype *t)
{
	LLVMTypeRef params[] = {cx->t_ptr, cx->t_ptr, cx->t_ptr};
	LLVMTypeRef result = t->nresults == 1 && !results_in_memory(t)
	                         ? cg_valtype(cx, t->results[0])
	                         : cx->t_void;
	return LLVMFunctionType(result, params, 3, false);
}

uint32_t cg_tail_slots(const ir_module *m)
{
	bool any = false;
	for (uint32_t i = m->nfunc_imports; i < m->nfuncs && !any; i++)
		any = m->funcs[i].tail_calls;
	uint32_t n = 0;
	for (uint32_t i = 0; any && i < m->ntypes; i++)
		if (m->types[i].nparams > n)
			n = m->types[i].nparams;
	return n;
}

/* Address of w2n_rt_value slot `i` at `base`. */
static LLVMValueRef slot(cg_ctx *cx, LLVMValueRef base, uint32_t i)
{
	LLVMValueRef off = cg_i64(cx, (uint64_t)i * 16);
	return LLVMBuildInBoundsGEP2(cx->b, cx->t_i8, base, &off, 1, "");
}

/* Slots hold values at alignment 8 (w2n_rt_value), vectors too. */
static LLVMValueRef load_slot(cg_ctx *cx, ir_valtype t, LLVMValueRef base,
                              uint32_t i)
{
	LLVMValueRef v = cg_load_vm(cx, cg_valtype(cx, t), slot(cx, base, i));
	LLVMSetAlignment(v, 8);
	return v;
}

static void store_slot(cg_ctx *cx, LLVMValueRef v, LLVMValueRef base,
                       uint32_t i)
{
	LLVMSetAlignment(cg_store_vm(cx, v, slot(cx, base, i)), 8);
}

LLVMValueRef cg_tail_param(cg_ctx *cx, cg_func *fx, uint32_t i)
{
	return load_slot(cx, fx->type->params[i], LLVMGetParam(fx->fn, 1), i);
}

void cg_tail_return(cg_ctx *cx, cg_func *fx, LLVMValueRef *vals)
{
	const ir_functype *t = fx->type;
	if (!results_in_memory(t)) {
		if (t->nresults == 0)
			LLVMBuildRetVoid(cx->b);
		else
			LLVMBuildRet(cx->b, vals[0]);
		return;
	}
	for (uint32_t i = 0; i < t->nresults; i++)
		store_slot(cx, vals[i], fx->results, i);
	LLVMBuildRetVoid(cx->b);
}

/* The results of a call of a tail entry of type `t`, returned by
 * `r` or left in `results`, returned in the Wasm calling convention. */
static void return_results(cg_ctx *cx, const ir_functype *t, LLVMValueRef r,
                           LLVMValueRef results)
{
	if (!results_in_memory(t)) {
		if (t->nresults == 0)
			LLVMBuildRetVoid(cx->b);
		else
			LLVMBuildRet(cx->b, r);
		return;
	}
	LLVMValueRef *vals = w2n_xmalloc(t->nresults * sizeof *vals);
	for (uint32_t i = 0; i < t->nresults; i++)
		vals[i] = load_slot(cx, t->results[i], results, i);
	if (t->nresults == 1)
		LLVMBuildRet(cx->b, vals[0]);
	else
		LLVMBuildAggregateRet(cx->b, vals, t->nresults);
	free(vals);
}

void cg_tail_wrapper(cg_ctx *cx, uint32_t index)
{
	const ir_functype *t = ir_func_type(cx->m, index);
	LLVMValueRef fn = cg_func_value(cx, index);
	LLVMPositionBuilderAtEnd(
	    cx->b, LLVMAppendBasicBlockInContext(cx->ctx, fn, "entry"));
	cg_func w = {.inst = LLVMGetParam(fn, 0)};
	LLVMValueRef area = cg_vmctx_addr(cx, &w, CG_VM_TAIL_ARGS, 0);
	for (uint32_t i = 0; i < t->nparams; i++)
		store_slot(cx, LLVMGetParam(fn, i + 1), area, i);
	LLVMValueRef results = LLVMConstNull(cx->t_ptr);
	if (results_in_memory(t))
		results = LLVMBuildAlloca(
		    cx->b, LLVMArrayType2(cx->t_v128, t->nresults), "results");
	LLVMValueRef args[] = {w.inst, area, results};
	LLVMValueRef r =
	    LLVMBuildCall2(cx->b, cg_tail_type(cx, t),
	                   cg_func_tail_value(cx, index), args, 3, "");
	return_results(cx, t, r, results);
}

void cg_tail_init(cg_ctx *cx, cg_func *fx)
{
	const ir_module *m = cx->m;
	for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
		if (!m->funcs[i].tail_calls)
			continue;
		LLVMValueRef f = cg_vmctx_addr(cx, fx, CG_VM_FUNCS, i);
		/* The code the runtime stored: an address computed at run
		 * time, so the difference is too, also when the function
		 * lives in another partition's object. */
		LLVMValueRef code =
		    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, func, f, code));
		LLVMValueRef entry = LLVMBuildPtrToInt(
		    cx->b, cg_func_tail_value(cx, i), cx->t_intptr, "");
		LLVMValueRef d = LLVMBuildSub(
		    cx->b, entry,
		    LLVMBuildPtrToInt(cx->b, code, cx->t_intptr, ""), "");
		cg_store_vm(cx, LLVMBuildTrunc(cx->b, d, cx->t_i32, ""),
		            CG_RT_ADDR(cx, func, f, tail));
	}
}

/* Pops the arguments of a call of type `t` into args[1..nparams]. */
static LLVMValueRef *pop_args(cg_func *fx, const ir_functype *t)
{
	LLVMValueRef *args = w2n_xmalloc((t->nparams + 1) * sizeof *args);
	for (uint32_t i = t->nparams; i > 0; i--)
		args[i] = cg_pop(fx);
	return args;
}

/* Jumps to the tail entry `entry` of a function of type `type` with
 * `args` (ctx first): the arguments go to this instance's tail argument
 * area, the results pointer is passed on. */
static void jump(cg_ctx *cx, cg_func *fx, uint32_t type, LLVMValueRef entry,
                 LLVMValueRef *args)
{
	const ir_functype *t = &cx->m->types[type];
	W2N_ASSERT(fx->tail);
	cg_exception_leave(cx, fx); /* the frame ends here */
	LLVMValueRef area = cg_vmctx_addr(cx, fx, CG_VM_TAIL_ARGS, 0);
	for (uint32_t i = 0; i < t->nparams; i++)
		store_slot(cx, args[i + 1], area, i);
	LLVMValueRef targs[] = {args[0], area, fx->results};
	LLVMValueRef r =
	    LLVMBuildCall2(cx->b, cg_tail_type(cx, t), entry, targs, 3, "");
	LLVMSetTailCallKind(r, LLVMTailCallKindMustTail);
	if (LLVMGetTypeKind(LLVMTypeOf(r)) == LLVMVoidTypeKind)
		LLVMBuildRetVoid(cx->b);
	else
		LLVMBuildRet(cx->b, r);
}

/* An ordinary call of `fn` (Wasm convention), then return.  The call is
 * outside any try it is written in (a tail call leaves the try first),
 * so what it throws goes to the caller, not to a handler here. */
static void call_and_return(cg_ctx *cx, cg_func *fx, uint32_t type,
                            LLVMValueRef fn, LLVMValueRef *args)
{
	cg_block *top = &fx->blocks[fx->nblocks - 1];
	uint32_t handler = top->handler;
	top->handler = CG_NO_HANDLER;
	cg_emit_call_args(cx, fx, type, fn, args);
	top->handler = handler;
	cg_emit_return(cx, fx);
}

void cg_return_call_func(cg_ctx *cx, cg_func *fx, uint32_t type,
                         LLVMValueRef func)
{
	LLVMValueRef *args = pop_args(fx, &cx->m->types[type]);
	LLVMValueRef d =
	    cg_load_vm(cx, cx->t_i32, CG_RT_ADDR(cx, func, func, tail));
	LLVMValueRef code =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, func, func, code));
	args[0] = cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, func, func, ctx));
	LLVMBasicBlockRef to_tail = cg_new_block(cx, fx, "tail");
	LLVMBasicBlockRef to_call = cg_new_block(cx, fx, "call");
	LLVMBuildCondBr(cx->b,
	                LLVMBuildICmp(cx->b, LLVMIntNE, d, cg_i32(cx, 0), ""),
	                to_tail, to_call);
	LLVMPositionBuilderAtEnd(cx->b, to_tail);
	LLVMValueRef wide = LLVMBuildSExt(cx->b, d, cx->t_intptr, "");
	jump(cx, fx, type,
	     LLVMBuildGEP2(cx->b, cx->t_i8, code, &wide, 1, "tail.entry"),
	     args);
	LLVMPositionBuilderAtEnd(cx->b, to_call);
	call_and_return(cx, fx, type, code, args);
	free(args);
	cg_set_dead(fx);
}

void cg_return_call(cg_ctx *cx, cg_func *fx, uint32_t index)
{
	const ir_func *f = &cx->m->funcs[index];
	if (f->imported) {
		/* Another module's function may have a tail entry. */
		cg_return_call_func(cx, fx, f->type_index,
		                    cg_func_ref(cx, fx, index));
		return;
	}
	LLVMValueRef *args = pop_args(fx, &cx->m->types[f->type_index]);
	args[0] = fx->inst;
	if (f->tail_calls)
		jump(cx, fx, f->type_index, cg_func_tail_value(cx, index),
		     args);
	else
		call_and_return(cx, fx, f->type_index, cg_func_value(cx, index),
		                args);
	free(args);
	cg_set_dead(fx);
}
