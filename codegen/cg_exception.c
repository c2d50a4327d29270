/*
 * cg_exception.c - exception handling (docs/exceptions.md): throw,
 * throw_ref, try_table and the legacy try/catch/catch_all/delegate/
 * rethrow.  Inside a handler's range every call that can throw is an
 * invoke whose unwind edge goes to the handler's landing pad, which
 * catches everything (clause `catch ptr null`; our personality routine,
 * runtime/exception.c, stops at any landing pad) and stores the exception
 * in the handler's slot.  The handler's dispatch compares the tag with
 * its clauses, and otherwise passes the exception to the enclosing
 * handler of the function, or raises it again to the caller.
 */
#include <stdlib.h>

#include "cg_internal.h"

static cg_block *top_block(cg_func *fx)
{
	return &fx->blocks[fx->nblocks - 1];
}

/* An alloca in the entry block. */
static LLVMValueRef entry_alloca(cg_ctx *cx, cg_func *fx, LLVMTypeRef t)
{
	LLVMBasicBlockRef here = LLVMGetInsertBlock(cx->b);
	LLVMValueRef first = LLVMGetFirstInstruction(fx->entry);
	if (first)
		LLVMPositionBuilderBefore(cx->b, first);
	else
		LLVMPositionBuilderAtEnd(cx->b, fx->entry);
	LLVMValueRef a = LLVMBuildAlloca(cx->b, t, "");
	LLVMPositionBuilderAtEnd(cx->b, here);
	return a;
}

/* The landing pad of the handler of block `h`: stores the exception in
 * the handler's slot and goes to its dispatch (made on first use). */
static LLVMBasicBlockRef handler_pad(cg_ctx *cx, cg_func *fx, uint32_t h)
{
	cg_block *b = &fx->blocks[h];
	if (b->pad)
		return b->pad;
	LLVMTypeRef pers_t = LLVMFunctionType(cx->t_i32, NULL, 0, true);
	LLVMValueRef pers = LLVMGetNamedFunction(cx->mod, "w2n_rt_personality");
	if (!pers)
		pers = LLVMAddFunction(cx->mod, "w2n_rt_personality", pers_t);
	LLVMSetPersonalityFn(fx->fn, pers);
	LLVMBasicBlockRef here = LLVMGetInsertBlock(cx->b);
	b->pad = cg_new_block(cx, fx, "lpad");
	LLVMPositionBuilderAtEnd(cx->b, b->pad);
	LLVMTypeRef members[] = {cx->t_ptr, cx->t_i32};
	LLVMTypeRef lp_t = LLVMStructTypeInContext(cx->ctx, members, 2, false);
	LLVMValueRef lp = LLVMBuildLandingPad(cx->b, lp_t, pers, 1, "");
	LLVMAddClause(lp, LLVMConstNull(cx->t_ptr));
	LLVMBuildStore(cx->b, LLVMBuildExtractValue(cx->b, lp, 0, ""), b->slot);
	LLVMBuildBr(cx->b, b->else_bb); /* the dispatch */
	LLVMPositionBuilderAtEnd(cx->b, here);
	return b->pad;
}

LLVMValueRef cg_call_or_invoke(cg_ctx *cx, cg_func *fx, LLVMTypeRef ft,
                               LLVMValueRef fn, LLVMValueRef *args,
                               unsigned nargs)
{
	uint32_t h = fx->nblocks ? top_block(fx)->handler : CG_NO_HANDLER;
	if (h == CG_NO_HANDLER)
		return LLVMBuildCall2(cx->b, ft, fn, args, nargs, "");
	LLVMBasicBlockRef pad = handler_pad(cx, fx, h);
	LLVMBasicBlockRef cont = cg_new_block(cx, fx, "invoke.cont");
	LLVMValueRef r =
	    LLVMBuildInvoke2(cx->b, ft, fn, args, nargs, cont, pad, "");
	LLVMPositionBuilderAtEnd(cx->b, cont);
	return r;
}

/* Calls runtime helper `h`, which raises; the rest is dead. */
static void call_raise(cg_ctx *cx, cg_func *fx, cg_helper h, LLVMValueRef *args,
                       unsigned nargs)
{
	LLVMTypeRef ft;
	LLVMValueRef fn = cg_helper_fn(cx, h, &ft);
	cg_call_or_invoke(cx, fx, ft, fn, args, nargs);
	LLVMBuildUnreachable(cx->b);
	cg_set_dead(fx);
}

/* The w2n_rt_tag * of tag `tag` in this instance. */
static LLVMValueRef tag_ptr(cg_ctx *cx, cg_func *fx, uint32_t tag)
{
	return cg_load_vm(cx, cx->t_ptr,
	                  cg_vmctx_addr(cx, fx, CG_VM_TAGS, tag));
}

static const ir_functype *tag_type(cg_ctx *cx, uint32_t tag)
{
	return &cx->m->types[cx->m->tags[tag].type_index];
}

/* throw $tag: the values go to the runtime in w2n_rt_value slots. */
static void emit_throw(cg_ctx *cx, cg_func *fx, uint32_t tag)
{
	const ir_functype *t = tag_type(cx, tag);
	LLVMTypeRef value = LLVMArrayType2(cx->t_i64, 2);
	LLVMValueRef arr = LLVMConstNull(cx->t_ptr);
	if (t->nparams)
		arr = entry_alloca(cx, fx, LLVMArrayType2(value, t->nparams));
	for (uint32_t i = t->nparams; i-- > 0;) {
		LLVMValueRef idx[] = {cg_i32(cx, 0), cg_i32(cx, i)};
		LLVMValueRef p = LLVMBuildInBoundsGEP2(
		    cx->b, LLVMArrayType2(value, t->nparams), arr, idx, 2, "");
		/* w2n_rt_value slots are 8-byte aligned, a v128 too */
		LLVMSetAlignment(LLVMBuildStore(cx->b, cg_pop(fx), p), 8);
	}
	LLVMValueRef args[] = {fx->inst, tag_ptr(cx, fx, tag), arr,
	                       cg_i32(cx, t->nparams)};
	call_raise(cx, fx, CG_HELPER_THROW, args, 4);
}

static void emit_throw_ref(cg_ctx *cx, cg_func *fx, LLVMValueRef exn)
{
	LLVMValueRef args[] = {fx->inst, exn};
	call_raise(cx, fx, CG_HELPER_THROW_REF, args, 2);
}

/* Pushes the values of `exn`, an exception of tag `tag`. */
static void push_values(cg_ctx *cx, cg_func *fx, LLVMValueRef exn, uint32_t tag)
{
	const ir_functype *t = tag_type(cx, tag);
	if (!t->nparams)
		return;
	LLVMValueRef vals =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, exception, exn, values));
	LLVMTypeRef value = LLVMArrayType2(cx->t_i64, 2);
	for (uint32_t i = 0; i < t->nparams; i++) {
		LLVMValueRef idx = cg_i32(cx, i);
		LLVMValueRef p =
		    LLVMBuildInBoundsGEP2(cx->b, value, vals, &idx, 1, "");
		LLVMValueRef v =
		    cg_load_vm(cx, cg_valtype(cx, t->params[i]), p);
		LLVMSetAlignment(v, 8);
		cg_push(fx, v);
	}
}

static void call_helper1(cg_ctx *cx, cg_helper h, LLVMValueRef exn)
{
	cg_call_helper(cx, h, &exn, 1);
}

/* Whether the exception in `exn` has tag `tag`; branches to `yes` if
 * so, else continues in a new block. */
static void test_tag(cg_ctx *cx, cg_func *fx, LLVMValueRef exn, uint32_t tag,
                     LLVMBasicBlockRef yes)
{
	LLVMValueRef got =
	    cg_load_vm(cx, cx->t_ptr, CG_RT_ADDR(cx, exception, exn, tag));
	LLVMValueRef eq =
	    LLVMBuildICmp(cx->b, LLVMIntEQ, got, tag_ptr(cx, fx, tag), "");
	LLVMBasicBlockRef no = cg_new_block(cx, fx, "catch.next");
	LLVMBuildCondBr(cx->b, eq, yes, no);
	LLVMPositionBuilderAtEnd(cx->b, no);
}

/* No clause of the handler of block `from` matched `exn`: passes it to
 * the handler enclosing it in this function, or raises it again. */
static void pass_on(cg_ctx *cx, cg_func *fx, uint32_t outer, LLVMValueRef exn)
{
	if (outer == CG_NO_HANDLER) {
		LLVMValueRef args[] = {fx->inst, exn};
		cg_call_helper(cx, CG_HELPER_THROW_REF, args, 2);
		LLVMBuildUnreachable(cx->b);
		return;
	}
	cg_block *o = &fx->blocks[outer];
	LLVMBuildStore(cx->b, exn, o->slot);
	LLVMBuildBr(cx->b, o->else_bb);
}

/* Opens a try or try_table block with a handler of its own. */
static cg_block *open_try(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	cg_block *b = cg_open_block(cx, fx, in, &in->imm.block.type->type);
	b->try_in = in;
	b->slot = entry_alloca(cx, fx, cx->t_ptr);
	b->else_bb = cg_new_block(cx, fx, "dispatch"); /* the pad's target */
	b->handler = fx->nblocks - 1;
	return b;
}

/* One catch clause of try_table: delivers the tag's values (and the
 * exnref for the _ref forms) to its label. */
static void emit_catch_clause(cg_ctx *cx, cg_func *fx, uint32_t self,
                              const ir_catch *k, LLVMValueRef exn)
{
	cg_block *target = &fx->blocks[self - 1 - k->label];
	uint32_t base = fx->nvals;
	if (k->kind <= IR_CATCH_REF)
		push_values(cx, fx, exn, k->tag);
	if (k->kind == IR_CATCH_REF || k->kind == IR_CATCH_ALL_REF) {
		call_helper1(cx, CG_HELPER_EXN_CAPTURE, exn);
		cg_push(fx, exn);
	} else {
		call_helper1(cx, CG_HELPER_EXN_FREE, exn);
	}
	LLVMBasicBlockRef from = LLVMGetInsertBlock(cx->b);
	for (uint32_t i = base; i < fx->nvals; i++)
		LLVMAddIncoming(target->phis[i - base], &fx->vals[i], &from, 1);
	LLVMBuildBr(cx->b, target->branch);
	fx->nvals = base;
}

/* try_table's dispatch, emitted when it opens (its labels are outside
 * it, so they exist already). */
static void emit_try_table(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	uint32_t outer = top_block(fx)->handler;
	cg_block *b = open_try(cx, fx, in);
	uint32_t self = fx->nblocks - 1;
	const ir_blocktype *bt = in->imm.block.type;
	LLVMBasicBlockRef here = LLVMGetInsertBlock(cx->b);
	LLVMPositionBuilderAtEnd(cx->b, b->else_bb);
	LLVMValueRef exn = LLVMBuildLoad2(cx->b, cx->t_ptr, b->slot, "");
	for (uint32_t i = 0; i < bt->ncatches; i++) {
		const ir_catch *k = &bt->catches[i];
		LLVMBasicBlockRef yes = cg_new_block(cx, fx, "catch");
		if (k->kind <= IR_CATCH_REF)
			test_tag(cx, fx, exn, k->tag, yes);
		else
			LLVMBuildBr(cx->b, yes);
		LLVMBasicBlockRef no = LLVMGetInsertBlock(cx->b);
		LLVMPositionBuilderAtEnd(cx->b, yes);
		emit_catch_clause(cx, fx, self, k, exn);
		LLVMPositionBuilderAtEnd(cx->b, no);
		if (k->kind >= IR_CATCH_ALL)
			break; /* what follows never runs */
	}
	if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(cx->b)))
		pass_on(cx, fx, outer, exn);
	LLVMPositionBuilderAtEnd(cx->b, here);
}

/* Whether the legacy try `in` (in code `f`) has a rethrow in it: then its
 * handlers keep the exception until they fall through. */
static bool has_rethrow(const ir_func *f, const ir_instr *in)
{
	for (const ir_instr *p = in; p < f->code + in->imm.block.end_index; p++)
		if (p->op == OP_RETHROW)
			return true;
	return false;
}

void cg_exception_begin(cg_ctx *cx, cg_func *fx)
{
	fx->nheld = fx->f ? fx->f->legacy_tries : 0;
	if (!fx->nheld)
		return;
	fx->held = w2n_xmalloc(fx->nheld * sizeof *fx->held);
	for (uint32_t i = 0; i < fx->nheld; i++) {
		fx->held[i] = LLVMBuildAlloca(cx->b, cx->t_ptr, "held");
		LLVMBuildStore(cx->b, LLVMConstNull(cx->t_ptr), fx->held[i]);
	}
}

/* Frees the exception held in `held` and empties it. */
static void release(cg_ctx *cx, LLVMValueRef held)
{
	call_helper1(cx, CG_HELPER_EXN_FREE,
	             LLVMBuildLoad2(cx->b, cx->t_ptr, held, ""));
	LLVMBuildStore(cx->b, LLVMConstNull(cx->t_ptr), held);
}

void cg_exception_leave(cg_ctx *cx, cg_func *fx)
{
	for (uint32_t i = 0; i < fx->nheld; i++)
		release(cx, fx->held[i]);
}

static void emit_try(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	uint32_t k = fx->tries_opened++;
	cg_block *b = open_try(cx, fx, in);
	b->next = b->else_bb;
	b->keep_exn = has_rethrow(fx->f, in);
	b->held = fx->held[k];
}

/* Ends the arm before a legacy catch (the try body or a handler). */
static void end_arm(cg_ctx *cx, cg_func *fx, cg_block *b)
{
	if (!fx->dead && b->in_catch && b->keep_exn)
		release(cx, b->held);
	cg_fall_through(cx, fx, b);
}

/* catch $tag and catch_all: the next test of the dispatch chain, and the
 * handler's code from here, outside the try's own handler. */
static void emit_legacy_catch(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	cg_block *b = top_block(fx);
	end_arm(cx, fx, b);
	fx->dead = false;
	fx->nvals = b->height;
	b->in_catch = true;
	b->handler = fx->blocks[fx->nblocks - 2].handler;
	LLVMBasicBlockRef body = cg_new_block(cx, fx, "catch");
	LLVMPositionBuilderAtEnd(cx->b, b->next);
	if (in->op == OP_CATCH) {
		LLVMValueRef exn =
		    LLVMBuildLoad2(cx->b, cx->t_ptr, b->slot, "");
		test_tag(cx, fx, exn, in->imm.index, body);
		b->next = LLVMGetInsertBlock(cx->b);
	} else {
		LLVMBuildBr(cx->b, body);
		b->next = NULL;
	}
	LLVMPositionBuilderAtEnd(cx->b, body);
	LLVMValueRef exn = LLVMBuildLoad2(cx->b, cx->t_ptr, b->slot, "");
	if (in->op == OP_CATCH)
		push_values(cx, fx, exn, in->imm.index);
	if (!b->keep_exn) {
		call_helper1(cx, CG_HELPER_EXN_FREE, exn);
		return;
	}
	/* What this handler held the last time was left behind by a branch
	 * out of it: nothing else can reach it now. */
	release(cx, b->held);
	LLVMBuildStore(cx->b, exn, b->held);
}

/* The end of the dispatch chain of the try on top: what no catch took
 * goes to the handler of `outer` (or the caller). */
static void finish_chain(cg_ctx *cx, cg_func *fx, uint32_t outer)
{
	cg_block *b = top_block(fx);
	if (!b->next)
		return;
	LLVMBasicBlockRef here = LLVMGetInsertBlock(cx->b);
	LLVMPositionBuilderAtEnd(cx->b, b->next);
	pass_on(cx, fx, outer, LLVMBuildLoad2(cx->b, cx->t_ptr, b->slot, ""));
	b->next = NULL;
	LLVMPositionBuilderAtEnd(cx->b, here);
}

void cg_exception_end(cg_ctx *cx, cg_func *fx)
{
	cg_block *b = top_block(fx);
	if (b->in_catch && b->keep_exn && !fx->dead)
		release(cx, b->held);
	finish_chain(cx, fx, fx->blocks[fx->nblocks - 2].handler);
}

/* delegate l: what the try body throws goes to the handler in effect in
 * the block l levels outside the try. */
static void emit_delegate(cg_ctx *cx, cg_func *fx, uint32_t depth)
{
	uint32_t target = fx->blocks[fx->nblocks - 2 - depth].handler;
	finish_chain(cx, fx, target);
	cg_leave_block(cx, fx);
}

/* rethrow l: raises again the exception the handler l levels out holds.
 * Whoever catches it next owns it: the handlers the rethrow leaves, up
 * to l, stop holding it (each holds it or an older one it caught again
 * or left). */
static void emit_rethrow(cg_ctx *cx, cg_func *fx, uint32_t depth)
{
	cg_block *b = &fx->blocks[fx->nblocks - 1 - depth];
	LLVMValueRef exn = LLVMBuildLoad2(cx->b, cx->t_ptr, b->slot, "");
	for (uint32_t i = fx->nblocks - 1 - depth; i < fx->nblocks; i++) {
		cg_block *h = &fx->blocks[i];
		if (!h->in_catch || !h->keep_exn)
			continue;
		LLVMValueRef v = LLVMBuildLoad2(cx->b, cx->t_ptr, h->held, "");
		LLVMValueRef same = LLVMBuildICmp(cx->b, LLVMIntEQ, v, exn, "");
		LLVMBuildStore(cx->b,
		               LLVMBuildSelect(cx->b, same,
		                               LLVMConstNull(cx->t_ptr), v, ""),
		               h->held);
	}
	emit_throw_ref(cx, fx, exn);
}

void cg_exception(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (in->op) {
	case OP_THROW: emit_throw(cx, fx, in->imm.index); return;
	case OP_THROW_REF: emit_throw_ref(cx, fx, cg_pop(fx)); return;
	case OP_TRY_TABLE: emit_try_table(cx, fx, in); return;
	case OP_TRY: emit_try(cx, fx, in); return;
	case OP_CATCH:
	case OP_CATCH_ALL: emit_legacy_catch(cx, fx, in); return;
	case OP_DELEGATE: emit_delegate(cx, fx, in->imm.index); return;
	case OP_RETHROW: emit_rethrow(cx, fx, in->imm.index); return;
	default: W2N_UNREACHABLE();
	}
}
