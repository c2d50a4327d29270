/*
 * cg_control.c - structured control flow (spec 4.4.8) and the parametric
 * instructions.  Each Wasm block becomes LLVM blocks whose incoming values
 * meet in phi nodes: a loop's parameters at its header, other blocks'
 * results at their end.
 */
#include <stdlib.h>
#include <string.h>

#include "cg_internal.h"

static cg_block *push_block(cg_func *fx)
{
	if (fx->nblocks == fx->blocks_cap) {
		fx->blocks_cap = fx->blocks_cap ? fx->blocks_cap * 2 : 16;
		fx->blocks = w2n_xrealloc(fx->blocks,
		                          fx->blocks_cap * sizeof *fx->blocks);
	}
	cg_block *b = &fx->blocks[fx->nblocks++];
	memset(b, 0, sizeof *b);
	return b;
}

/* Phi nodes for `types` at the start of `bb`. */
static LLVMValueRef *make_phis(cg_ctx *cx, LLVMBasicBlockRef bb,
                               const ir_valtype *types, uint32_t n)
{
	if (n == 0)
		return NULL;
	LLVMValueRef *phis = w2n_xmalloc(n * sizeof *phis);
	LLVMBasicBlockRef here = LLVMGetInsertBlock(cx->b);
	LLVMPositionBuilderAtEnd(cx->b, bb);
	for (uint32_t i = 0; i < n; i++)
		phis[i] = LLVMBuildPhi(cx->b, cg_valtype(cx, types[i]), "");
	LLVMPositionBuilderAtEnd(cx->b, here);
	return phis;
}

/* Adds the top `n` stack values as incoming from the current block. */
static void add_incoming(cg_ctx *cx, cg_func *fx, LLVMValueRef *phis,
                         uint32_t n)
{
	LLVMBasicBlockRef from = LLVMGetInsertBlock(cx->b);
	for (uint32_t i = 0; i < n; i++) {
		LLVMValueRef v = fx->vals[fx->nvals - n + i];
		LLVMAddIncoming(phis[i], &v, &from, 1);
	}
}

static void free_block(cg_block *b)
{
	if (b->end_phis != b->phis)
		free(b->end_phis);
	free(b->phis);
	free(b->if_params);
}

/* Makes the rest of the current block dead code. */
void cg_set_dead(cg_func *fx)
{
	fx->dead = true;
	fx->dead_depth = 0;
	fx->nvals = fx->blocks[fx->nblocks - 1].height +
	            fx->blocks[fx->nblocks - 1].nparams;
}

cg_block *cg_open_block(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                        const ir_functype *t)
{
	cg_block *b = push_block(fx);
	b->handler = fx->nblocks > 1 ? fx->blocks[fx->nblocks - 2].handler
	                             : CG_NO_HANDLER;
	b->op = in->op;
	b->params = t->params;
	b->nparams = t->nparams;
	b->results = t->results;
	b->nresults = t->nresults;
	b->height = fx->nvals - t->nparams;
	b->end = cg_new_block(cx, fx, "end");
	b->end_phis = make_phis(cx, b->end, t->results, t->nresults);
	b->branch = b->end;
	b->phis = b->end_phis;
	return b;
}

void cg_control_enter_body(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	cg_open_block(
	    cx, fx, in,
	    &(ir_functype){0, fx->type->nresults, NULL, fx->type->results});
	fx->blocks[0].op = OP_END;
}

static void enter_block(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	cg_open_block(cx, fx, in, &in->imm.block.type->type);
}

static void enter_loop(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_functype *t = &in->imm.block.type->type;
	cg_open_block(cx, fx, in, t);
	cg_block *b = &fx->blocks[fx->nblocks - 1];
	b->branch = cg_new_block(cx, fx, "loop");
	b->phis = make_phis(cx, b->branch, t->params, t->nparams);
	add_incoming(cx, fx, b->phis, t->nparams);
	LLVMBuildBr(cx->b, b->branch);
	LLVMPositionBuilderAtEnd(cx->b, b->branch);
	for (uint32_t i = 0; i < t->nparams; i++)
		fx->vals[b->height + i] = b->phis[i];
	cg_interrupt_check(cx, fx, in + 1);
}

static void enter_if(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_functype *t = &in->imm.block.type->type;
	LLVMValueRef cond = cg_pop(fx);
	cg_open_block(cx, fx, in, t);
	cg_block *b = &fx->blocks[fx->nblocks - 1];
	LLVMBasicBlockRef then = cg_new_block(cx, fx, "then");
	b->else_bb = cg_new_block(cx, fx, "else");
	LLVMValueRef nz =
	    LLVMBuildICmp(cx->b, LLVMIntNE, cond, cg_i32(cx, 0), "");
	LLVMBuildCondBr(cx->b, nz, then, b->else_bb);
	if (t->nparams) {
		b->if_params = w2n_xmalloc(t->nparams * sizeof *b->if_params);
		memcpy(b->if_params, fx->vals + b->height,
		       t->nparams * sizeof *b->if_params);
	}
	LLVMPositionBuilderAtEnd(cx->b, then);
}

void cg_fall_through(cg_ctx *cx, cg_func *fx, cg_block *b)
{
	if (fx->dead)
		return;
	add_incoming(cx, fx, b->end_phis, b->nresults);
	LLVMBuildBr(cx->b, b->end);
}

/* Starts the false arm of an if (at `else`, or at `end` when absent). */
static void start_else(cg_ctx *cx, cg_func *fx, cg_block *b)
{
	cg_fall_through(cx, fx, b);
	fx->dead = false;
	fx->nvals = b->height;
	for (uint32_t i = 0; i < b->nparams; i++)
		cg_push(fx, b->if_params[i]);
	LLVMPositionBuilderAtEnd(cx->b, b->else_bb);
	b->seen_else = true;
}

void cg_emit_return(cg_ctx *cx, cg_func *fx)
{
	cg_exception_leave(cx, fx);
	uint32_t n = fx->type->nresults;
	LLVMValueRef *vals = fx->vals + fx->nvals - n;
	if (fx->tail)
		cg_tail_return(cx, fx, vals);
	else if (n == 0)
		LLVMBuildRetVoid(cx->b);
	else if (n == 1)
		LLVMBuildRet(cx->b, vals[0]);
	else
		LLVMBuildAggregateRet(cx->b, vals, n);
}

void cg_leave_block(cg_ctx *cx, cg_func *fx)
{
	cg_block *b = &fx->blocks[fx->nblocks - 1];
	if (b->op == OP_IF && !b->seen_else)
		start_else(cx, fx, b);
	cg_fall_through(cx, fx, b);
	LLVMPositionBuilderAtEnd(cx->b, b->end);
	fx->nvals = b->height;
	bool reachable = LLVMGetFirstUse(LLVMBasicBlockAsValue(b->end)) != NULL;
	for (uint32_t i = 0; i < b->nresults; i++)
		cg_push(fx, b->end_phis[i]);
	fx->dead = !reachable;
	fx->dead_depth = 0;
	bool body = b->op == OP_END;
	free_block(b);
	fx->nblocks--;
	if (!reachable)
		LLVMBuildUnreachable(cx->b); /* nothing branches here */
	else if (body)
		cg_emit_return(cx, fx);
}

/* The block a branch to label `depth` leaves. */
static cg_block *label_block(cg_func *fx, uint32_t depth)
{
	return &fx->blocks[fx->nblocks - 1 - depth];
}

/* The values on top of the stack become the incoming values of `b`'s
 * label (a loop's parameters, another block's results) from here. */
static void add_label_incoming(cg_ctx *cx, cg_func *fx, const cg_block *b)
{
	add_incoming(cx, fx, b->phis,
	             b->op == OP_LOOP ? b->nparams : b->nresults);
}

/* Branches to the block `depth` levels out, with its label's values. */
static void branch_to(cg_ctx *cx, cg_func *fx, uint32_t depth)
{
	cg_block *b = label_block(fx, depth);
	add_label_incoming(cx, fx, b);
	LLVMBuildBr(cx->b, b->branch);
}

/* Branches to label `depth` with its values when `taken`, else goes on
 * in a new block (br_if, br_on_null, br_on_non_null). */
static void branch_if(cg_ctx *cx, cg_func *fx, uint32_t depth,
                      LLVMValueRef taken, const char *name)
{
	cg_block *b = label_block(fx, depth);
	LLVMBasicBlockRef cont = cg_new_block(cx, fx, name);
	add_label_incoming(cx, fx, b);
	LLVMBuildCondBr(cx->b, taken, b->branch, cont);
	LLVMPositionBuilderAtEnd(cx->b, cont);
}

static void emit_br_if(cg_ctx *cx, cg_func *fx, uint32_t depth)
{
	LLVMValueRef cond = cg_pop(fx);
	branch_if(cx, fx, depth,
	          LLVMBuildICmp(cx->b, LLVMIntNE, cond, cg_i32(cx, 0), ""),
	          "br_if.cont");
}

static void emit_br_table(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMValueRef index = cg_pop(fx);
	const uint32_t *labels = in->imm.br_table.labels;
	uint32_t count = in->imm.br_table.count;
	cg_block *def = label_block(fx, labels[count]);
	LLVMValueRef sw = LLVMBuildSwitch(cx->b, index, def->branch, count);
	add_label_incoming(cx, fx, def);
	/* One phi entry per edge, so duplicates of a target repeat it. */
	for (uint32_t i = 0; i < count; i++) {
		cg_block *b = label_block(fx, labels[i]);
		LLVMAddCase(sw, cg_i32(cx, i), b->branch);
		add_label_incoming(cx, fx, b);
	}
}

/* br_on_null: branches with the label's values when the reference on
 * top is null, else continues with it. */
static void emit_br_on_null(cg_ctx *cx, cg_func *fx, uint32_t depth)
{
	LLVMValueRef ref = cg_pop(fx);
	branch_if(cx, fx, depth, LLVMBuildIsNull(cx->b, ref, ""),
	          "br_on_null.cont");
	cg_push(fx, ref);
}

/* br_on_non_null: branches with the label's values, the reference last,
 * when it is not null; else drops it and continues. */
static void emit_br_on_non_null(cg_ctx *cx, cg_func *fx, uint32_t depth)
{
	LLVMValueRef ref = fx->vals[fx->nvals - 1];
	branch_if(cx, fx, depth, LLVMBuildIsNotNull(cx->b, ref, ""),
	          "br_on_non_null.cont");
	cg_pop(fx);
}

/* A dropped value needs nothing: a load keeps its own trap (cg_keep.c). */
static void emit_drop(cg_func *fx)
{
	cg_pop(fx);
}

static void emit_select(cg_ctx *cx, cg_func *fx)
{
	LLVMValueRef cond = cg_pop(fx);
	LLVMValueRef b = cg_pop(fx);
	LLVMValueRef a = cg_pop(fx);
	LLVMValueRef nz =
	    LLVMBuildICmp(cx->b, LLVMIntNE, cond, cg_i32(cx, 0), "");
	cg_push(fx, LLVMBuildSelect(cx->b, nz, a, b, ""));
}

void cg_control(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (in->op) {
	case OP_UNREACHABLE:
		LLVMBuildBr(cx->b, cg_trap_block(cx, fx, W2N_TRAP_UNREACHABLE));
		cg_set_dead(fx);
		return;
	case OP_NOP: return;
	case OP_BLOCK: enter_block(cx, fx, in); return;
	case OP_LOOP: enter_loop(cx, fx, in); return;
	case OP_IF: enter_if(cx, fx, in); return;
	case OP_ELSE: start_else(cx, fx, &fx->blocks[fx->nblocks - 1]); return;
	case OP_END:
		if (fx->blocks[fx->nblocks - 1].op == OP_TRY)
			cg_exception_end(cx, fx);
		cg_leave_block(cx, fx);
		return;
	case OP_BR:
		branch_to(cx, fx, in->imm.index);
		cg_set_dead(fx);
		return;
	case OP_BR_IF: emit_br_if(cx, fx, in->imm.index); return;
	case OP_BR_ON_NULL: emit_br_on_null(cx, fx, in->imm.index); return;
	case OP_BR_ON_NON_NULL:
		emit_br_on_non_null(cx, fx, in->imm.index);
		return;
	case OP_BR_TABLE:
		emit_br_table(cx, fx, in);
		cg_set_dead(fx);
		return;
	case OP_RETURN:
		cg_emit_return(cx, fx);
		cg_set_dead(fx);
		return;
	case OP_DROP: emit_drop(fx); return;
	case OP_SELECT:
	case OP_SELECT_T: emit_select(cx, fx); return;
	default: W2N_UNREACHABLE();
	}
}
