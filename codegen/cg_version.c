/*
 * cg_version.c - loop versioning of inner loops, on the optimised LLVM
 * IR, so that Wasm-shaped loops vectorise (docs/memory.md).
 *
 * Explicit bounds checks: a check in a loop cannot be hoisted, since the
 * trap must come at the iteration that makes the bad access, after the
 * stores of the iterations before it; and no LLVM 19 pass removes it from
 * the loops clang's wasm output has (IRCE wants the checked value to step
 * like the exit counter, LoopPredication wants deoptimisation), so a loop
 * with a check is never vectorised.
 *
 * Both strategies: clang's wasm loops count down by 2 to an i32.eq exit
 * (unrolled by 2), a trip count scalar evolution cannot compute, and
 * address i32s zero-extended into 64-bit addresses, which it cannot see
 * as affine because the i32 may wrap.
 *
 * For an innermost loop whose exit test compares two values moving by
 * constant steps, the trip count is computable before the loop, and so
 * are the first and last value of every i32 that moves by a constant
 * step.  The preheader checks that the exit test is met, that the checks
 * of every iteration would pass (zext(x) + C against an invariant memory
 * size) and that the zero-extended i32s do not wrap; then a copy of the
 * loop runs, without those checks, counting its iterations in an i64 and
 * with each zext an i64 induction variable.  Otherwise the original runs,
 * checks and all, so a trap and the memory it leaves are as before.
 * LLVM then vectorises the copy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_internal.h"

enum {
	MAX_BLOCKS = 32,    /* blocks of a loop we look at */
	MAX_INSTRS = 400,   /* instructions of a loop we copy */
	MAX_CHECKS = 32,    /* checks of one loop */
	MAX_STEP = 1 << 16, /* steps beyond this are not worth the sums */
	MAX_ACCESSES = 32,  /* memory accesses of a loop we group */
	MAX_GROUPS = 8      /* groups of accesses told apart */
};

/* One bounds check: the branch, and zext(x) + end > size traps. */
typedef struct check {
	LLVMValueRef br, zext, x, size;
	unsigned long long end;
	long long step;
	bool trap_on_true;
} check;

/* An address zero-extended from an i32 that moves by a constant step:
 * in the copy, an i64 that moves so, without wrapping. */
typedef struct widened {
	LLVMValueRef zext, first;
	long long step;
} widened;

/* A load or store of linear memory at `ptr` + zext(x) + offset, x an
 * affine i32 of the form base + delta (delta a constant, often 0). */
typedef struct access {
	LLVMValueRef in, ptr, base;
	long long delta, step;
	unsigned long long offset, size;
	unsigned group;
} access;

/* Accesses whose addresses lie a constant apart: one base, one step.
 * In the copy, LLVM is told that the groups do not alias one another
 * (the preheader checks that the ranges written do not overlap), so the
 * vectoriser looks for dependences only within a group, where it can
 * order them, and needs no run-time checks of its own. */
typedef struct group {
	LLVMValueRef base;
	long long step, low, high; /* of delta + offset, and + size */
	bool writes;
	LLVMMetadataRef scope;
} group;

typedef struct loop {
	cg_ctx *cx;
	LLVMBasicBlockRef header, latch, pre;
	LLVMBasicBlockRef blocks[MAX_BLOCKS], copies[MAX_BLOCKS];
	unsigned nblocks;
	LLVMValueRef from[MAX_INSTRS], to[MAX_INSTRS];
	unsigned ninstrs;
	check checks[MAX_CHECKS];
	unsigned nchecks;
	widened wide[MAX_CHECKS];
	unsigned nwide;
	access accesses[MAX_ACCESSES];
	unsigned naccesses; /* 0: too many, or of two memories */
	group groups[MAX_GROUPS];
	unsigned ngroups;
	unsigned serial; /* of the loop in the module, for scope names */
	unsigned long long latch_step; /* of the exit test's difference */
	LLVMValueRef trips;            /* i64, in the preheader */
} loop;

static bool in_blocks(const loop *l, LLVMBasicBlockRef bb)
{
	for (unsigned i = 0; i < l->nblocks; i++)
		if (l->blocks[i] == bb)
			return true;
	return false;
}

static bool in_loop(const loop *l, LLVMValueRef v)
{
	return LLVMIsAInstruction(v) &&
	       in_blocks(l, LLVMGetInstructionParent(v));
}

/* The predecessors of `bb`, the parents of the terminators using it. */
static unsigned predecessors(LLVMBasicBlockRef bb, LLVMBasicBlockRef *out,
                             unsigned max)
{
	unsigned n = 0;
	for (LLVMUseRef u = LLVMGetFirstUse(LLVMBasicBlockAsValue(bb)); u;
	     u = LLVMGetNextUse(u)) {
		LLVMValueRef user = LLVMGetUser(u);
		if (!LLVMIsATerminatorInst(user))
			continue;
		LLVMBasicBlockRef p = LLVMGetInstructionParent(user);
		bool seen = false;
		for (unsigned i = 0; i < n && i < max; i++)
			seen |= out[i] == p;
		if (!seen && n++ < max)
			out[n - 1] = p;
	}
	return n;
}

/* The natural loop of the edge latch -> header: the blocks that reach the
 * latch without passing the header.  False when that walk leaves the
 * function's entry (the edge is no back edge) or grows too large. */
static bool natural_loop(loop *l)
{
	l->blocks[0] = l->header;
	l->nblocks = 1;
	LLVMBasicBlockRef work[MAX_BLOCKS];
	unsigned nwork = 0;
	if (l->latch != l->header) {
		l->blocks[l->nblocks++] = l->latch;
		work[nwork++] = l->latch;
	}
	while (nwork) {
		LLVMBasicBlockRef preds[MAX_BLOCKS];
		unsigned n = predecessors(work[--nwork], preds, MAX_BLOCKS);
		if (n == 0 || n > MAX_BLOCKS)
			return false;
		for (unsigned i = 0; i < n; i++) {
			if (in_blocks(l, preds[i]))
				continue;
			if (l->nblocks == MAX_BLOCKS)
				return false;
			l->blocks[l->nblocks++] = preds[i];
			work[nwork++] = preds[i];
		}
	}
	return true;
}

/* Whether the loop's body, without the edges back to the header, has a
 * cycle: then it holds an inner loop, and we leave it. */
static bool has_cycle(const loop *l, unsigned at, unsigned char *state)
{
	state[at] = 1;
	LLVMValueRef term = LLVMGetBasicBlockTerminator(l->blocks[at]);
	unsigned n = LLVMGetNumSuccessors(term);
	for (unsigned i = 0; i < n; i++) {
		LLVMBasicBlockRef s = LLVMGetSuccessor(term, i);
		for (unsigned j = 1; j < l->nblocks; j++)
			if (l->blocks[j] == s &&
			    (state[j] == 1 ||
			     (state[j] == 0 && has_cycle(l, j, state))))
				return true;
	}
	state[at] = 2;
	return false;
}

/* The first instruction of `bb` that is not a phi. */
static LLVMValueRef first_non_phi(LLVMBasicBlockRef bb)
{
	LLVMValueRef in = LLVMGetFirstInstruction(bb);
	while (in && LLVMIsAPHINode(in))
		in = LLVMGetNextInstruction(in);
	return in;
}

/* Whether `bb` only traps: it ends in unreachable, maybe after a few
 * blocks that only branch on (loop-simplify's dedicated exits, whose
 * phis carry the trapping offset to the trap block's). */
static bool leads_to_trap(LLVMBasicBlockRef bb)
{
	for (int hops = 0; hops < 4; hops++) {
		LLVMValueRef term = LLVMGetBasicBlockTerminator(bb);
		if (LLVMIsAUnreachableInst(term))
			return true;
		if (first_non_phi(bb) != term || !LLVMIsABranchInst(term) ||
		    LLVMIsConditional(term))
			return false;
		bb = LLVMGetSuccessor(term, 0);
	}
	return false;
}

static bool const_int(LLVMValueRef v, long long *out)
{
	if (!LLVMIsAConstantInt(v))
		return false;
	*out = LLVMConstIntGetSExtValue(v);
	return true;
}

/* Whether `v` is an add of a constant, *rest + *k. */
static bool plus_constant(LLVMValueRef v, LLVMValueRef *rest, long long *k)
{
	if (!LLVMIsAInstruction(v) || LLVMGetInstructionOpcode(v) != LLVMAdd ||
	    !const_int(LLVMGetOperand(v, 1), k))
		return false;
	*rest = LLVMGetOperand(v, 0);
	return true;
}

/* The step of a header phi from one iteration to the next: its value
 * from the latch is the phi plus a constant. */
static bool phi_step(const loop *l, LLVMValueRef phi, long long *step)
{
	LLVMValueRef next = NULL;
	for (unsigned i = 0; i < LLVMCountIncoming(phi); i++)
		if (LLVMGetIncomingBlock(phi, i) == l->latch)
			next = LLVMGetIncomingValue(phi, i);
	if (!next || !LLVMIsAInstruction(next) ||
	    LLVMGetInstructionOpcode(next) != LLVMAdd)
		return false;
	LLVMValueRef a = LLVMGetOperand(next, 0), b = LLVMGetOperand(next, 1);
	return (a == phi && const_int(b, step)) ||
	       (b == phi && const_int(a, step));
}

/* Whether `v` is affine in the iteration number: loop-invariant, a header
 * phi of constant step, or an add, sub, mul or shl of such by a constant;
 * `step` is its change per iteration, modulo its width. */
static bool affine(const loop *l, LLVMValueRef v, int depth, long long *step)
{
	*step = 0;
	if (!in_loop(l, v))
		return true;
	if (depth > 8 || LLVMGetTypeKind(LLVMTypeOf(v)) != LLVMIntegerTypeKind)
		return false;
	if (LLVMIsAPHINode(v))
		return LLVMGetInstructionParent(v) == l->header &&
		       phi_step(l, v, step);
	LLVMOpcode op = LLVMGetInstructionOpcode(v);
	long long a, b, k;
	if (op != LLVMAdd && op != LLVMSub && op != LLVMMul && op != LLVMShl)
		return false;
	if (!affine(l, LLVMGetOperand(v, 0), depth + 1, &a) ||
	    !affine(l, LLVMGetOperand(v, 1), depth + 1, &b))
		return false;
	switch (op) {
	case LLVMAdd: *step = a + b; break;
	case LLVMSub: *step = a - b; break;
	case LLVMMul:
		if (const_int(LLVMGetOperand(v, 1), &k))
			*step = a * k;
		else if (const_int(LLVMGetOperand(v, 0), &k))
			*step = b * k;
		else
			return a == 0 && b == 0;
		break;
	default: /* LLVMShl */
		if (!const_int(LLVMGetOperand(v, 1), &k) || k < 0 || k > 16)
			return b == 0 && a == 0;
		*step = a * (1ll << k);
	}
	return *step > -MAX_STEP && *step < MAX_STEP;
}

/* Parses zext(x) + end, x an affine i32. */
static bool address_end(const loop *l, LLVMValueRef a, check *c)
{
	c->end = 0;
	LLVMValueRef rest;
	long long k;
	if (plus_constant(a, &rest, &k) && k >= 0) {
		c->end = (unsigned long long)k;
		a = rest;
	}
	if (!LLVMIsAInstruction(a) || LLVMGetInstructionOpcode(a) != LLVMZExt)
		return false;
	c->zext = a;
	c->x = LLVMGetOperand(a, 0);
	return LLVMTypeOf(c->x) == l->cx->t_i32 && affine(l, c->x, 0, &c->step);
}

/* Parses a bounds check: a branch to a trap on zext(x) + end > size, or
 * its inverse, with size invariant. */
static bool parse_check(const loop *l, LLVMValueRef br, check *c)
{
	bool t0 = leads_to_trap(LLVMGetSuccessor(br, 0));
	bool t1 = leads_to_trap(LLVMGetSuccessor(br, 1));
	LLVMValueRef cond = LLVMGetCondition(br);
	if (t0 == t1 || !LLVMIsAICmpInst(cond))
		return false;
	LLVMValueRef a = LLVMGetOperand(cond, 0), b = LLVMGetOperand(cond, 1);
	LLVMIntPredicate p = LLVMGetICmpPredicate(cond);
	if (p == LLVMIntULT || p == LLVMIntUGE) { /* size < end */
		LLVMValueRef t = a;
		a = b;
		b = t;
		p = p == LLVMIntULT ? LLVMIntUGT : LLVMIntULE;
	}
	if ((p != LLVMIntUGT || !t0) && (p != LLVMIntULE || !t1))
		return false;
	c->br = br;
	c->size = b;
	c->trap_on_true = t0;
	return !in_loop(l, b) && address_end(l, a, c);
}

static bool is_widened(const loop *l, LLVMValueRef zext)
{
	for (unsigned i = 0; i < l->nwide; i++)
		if (l->wide[i].zext == zext)
			return true;
	return false;
}

/* Parses a load or store at gep i8 ptr, zext(x) + offset, ptr invariant
 * and x an affine i32 whose zext is widened (so does not wrap in the
 * copy) or invariant. */
static bool parse_access(const loop *l, LLVMValueRef in, access *a)
{
	bool load = LLVMIsALoadInst(in);
	LLVMValueRef gep = LLVMGetOperand(in, load ? 0 : 1);
	if (!LLVMIsAGetElementPtrInst(gep) || LLVMGetNumOperands(gep) != 2 ||
	    LLVMGetGEPSourceElementType(gep) != l->cx->t_i8 ||
	    in_loop(l, LLVMGetOperand(gep, 0)))
		return false;
	LLVMValueRef ea = LLVMGetOperand(gep, 1);
	check c;
	if (!address_end(l, ea, &c))
		return false;
	if (c.step != 0 ? !is_widened(l, c.zext) : in_loop(l, c.x))
		return false;
	a->in = in;
	a->ptr = LLVMGetOperand(gep, 0);
	a->base = c.x;
	a->delta = 0;
	a->step = c.step;
	a->offset = c.end;
	LLVMTypeRef t = LLVMTypeOf(load ? in : LLVMGetOperand(in, 0));
	a->size = LLVMStoreSizeOfType(l->cx->td, t);
	/* x = base + delta: the base that accesses a constant apart share
	 * (widened_first writes zext(x) as zext(base) + delta so). */
	if (in_loop(l, c.x))
		plus_constant(c.x, &a->base, &a->delta);
	return a->offset < MAX_STEP && a->size <= 64;
}

/* Puts the accesses into groups; false when they are too many. */
static bool group_accesses(loop *l)
{
	l->ngroups = 0;
	for (unsigned i = 0; i < l->naccesses; i++) {
		access *a = &l->accesses[i];
		long long low = a->delta + (long long)a->offset;
		long long high = low + (long long)a->size;
		unsigned g = 0;
		while (g < l->ngroups && (l->groups[g].base != a->base ||
		                          l->groups[g].step != a->step))
			g++;
		/* One memory's accesses only: of two, we know nothing. */
		if (a->ptr != l->accesses[0].ptr || g == MAX_GROUPS)
			return false;
		group *gr = &l->groups[g];
		if (g == l->ngroups) {
			l->ngroups++;
			*gr = (group){a->base, a->step, low, high, false, NULL};
		}
		gr->low = low < gr->low ? low : gr->low;
		gr->high = high > gr->high ? high : gr->high;
		gr->writes |= LLVMIsAStoreInst(a->in) != NULL;
		a->group = g;
	}
	return true;
}

/* The accesses of linear memory that parse_access understands (the
 * others get no alias scopes, so no claim is made about them). */
static void find_accesses(loop *l)
{
	l->naccesses = l->ngroups = 0;
	for (unsigned i = 0; i < l->nblocks; i++)
		for (LLVMValueRef in = LLVMGetFirstInstruction(l->blocks[i]);
		     in; in = LLVMGetNextInstruction(in)) {
			if (!LLVMIsALoadInst(in) && !LLVMIsAStoreInst(in))
				continue;
			access a;
			if (!parse_access(l, in, &a))
				continue;
			if (l->naccesses == MAX_ACCESSES) {
				l->naccesses = 0;
				return;
			}
			l->accesses[l->naccesses++] = a;
		}
	if (!group_accesses(l))
		l->naccesses = l->ngroups = 0;
}

/* The loop's checks, and whether its blocks are all we can copy. */
static bool find_checks(loop *l)
{
	l->nchecks = l->nwide = 0;
	unsigned n = 0;
	for (unsigned i = 0; i < l->nblocks; i++)
		for (LLVMValueRef in = LLVMGetFirstInstruction(l->blocks[i]);
		     in; in = LLVMGetNextInstruction(in)) {
			LLVMOpcode op = LLVMGetInstructionOpcode(in);
			if (++n > MAX_INSTRS || op == LLVMInvoke ||
			    op == LLVMCallBr || op == LLVMIndirectBr ||
			    op == LLVMLandingPad)
				return false;
			check c;
			widened w = {.zext = in};
			if (op == LLVMBr && LLVMIsConditional(in) &&
			    l->nchecks < MAX_CHECKS && parse_check(l, in, &c))
				l->checks[l->nchecks++] = c;
			else if (op == LLVMZExt && l->nwide < MAX_CHECKS &&
			         LLVMTypeOf(in) == l->cx->t_i64 &&
			         LLVMTypeOf(LLVMGetOperand(in, 0)) ==
			             l->cx->t_i32 &&
			         affine(l, LLVMGetOperand(in, 0), 0, &w.step) &&
			         w.step != 0)
				l->wide[l->nwide++] = w;
		}
	return true;
}

static LLVMValueRef copy_of(const loop *l, LLVMValueRef v)
{
	for (unsigned i = 0; i < l->ninstrs; i++)
		if (l->from[i] == v)
			return l->to[i];
	return v;
}

static LLVMBasicBlockRef block_copy(const loop *l, LLVMBasicBlockRef bb)
{
	for (unsigned i = 0; i < l->nblocks; i++)
		if (l->blocks[i] == bb)
			return l->copies[i];
	return bb;
}

/* Value `v` of the loop's first iteration, computed at the end of the
 * preheader (affine() accepted it, so it is made of adds, muls, shifts
 * and header phis). */
static LLVMValueRef first_value(loop *l, LLVMValueRef v)
{
	if (!in_loop(l, v))
		return v;
	if (LLVMIsAPHINode(v)) {
		for (unsigned i = 0; i < LLVMCountIncoming(v); i++)
			if (LLVMGetIncomingBlock(v, i) == l->pre)
				return LLVMGetIncomingValue(v, i);
		W2N_UNREACHABLE();
	}
	LLVMValueRef a = first_value(l, LLVMGetOperand(v, 0));
	LLVMValueRef b = first_value(l, LLVMGetOperand(v, 1));
	LLVMValueRef c = LLVMInstructionClone(v);
	/* Computed before the loop, perhaps where the original is not:
	 * no flag may make it poison. */
	LLVMSetNUW(c, false);
	LLVMSetNSW(c, false);
	LLVMSetOperand(c, 0, a);
	LLVMSetOperand(c, 1, b);
	LLVMInsertIntoBuilder(l->cx->b, c);
	return c;
}

static unsigned long long magnitude(long long v)
{
	return v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
}

/* The number of iterations after the first, as an i64 in the preheader:
 * the latch compares two affine i32s, a and b, for (in)equality and
 * leaves when they are equal, so when (a - b) of the first iteration
 * plus k times its step is 0 mod 2^32.  For a step of +-2^n that k is
 * known when (a - b) is a multiple of 2^n (*ok), and else never comes. */
/* Parses the exit test: a == b or a != b, for affine i32s whose
 * difference moves by `d`, a power of two. */
static bool exit_test(loop *l, LLVMValueRef *a, LLVMValueRef *b, long long *d)
{
	LLVMValueRef br = LLVMGetBasicBlockTerminator(l->latch);
	LLVMValueRef cond = LLVMGetCondition(br);
	bool stay_if_true = LLVMGetSuccessor(br, 0) == l->header;
	if (!LLVMIsAICmpInst(cond) ||
	    LLVMGetICmpPredicate(cond) !=
	        (stay_if_true ? LLVMIntNE : LLVMIntEQ))
		return false;
	*a = LLVMGetOperand(cond, 0);
	*b = LLVMGetOperand(cond, 1);
	long long sa, sb;
	if (LLVMTypeOf(*a) != l->cx->t_i32 || !affine(l, *a, 0, &sa) ||
	    !affine(l, *b, 0, &sb))
		return false;
	*d = sa - sb;
	l->latch_step = magnitude(*d);
	return l->latch_step && !(l->latch_step & (l->latch_step - 1));
}

static LLVMValueRef iterations(loop *l, LLVMValueRef *ok)
{
	LLVMValueRef a, b;
	long long d;
	if (!exit_test(l, &a, &b, &d))
		return NULL;
	unsigned long long m = l->latch_step;
	LLVMBuilderRef bld = l->cx->b;
	LLVMValueRef a0 = first_value(l, a), b0 = first_value(l, b);
	LLVMValueRef diff = d > 0 ? LLVMBuildSub(bld, b0, a0, "")
	                          : LLVMBuildSub(bld, a0, b0, "");
	LLVMValueRef low =
	    LLVMBuildAnd(bld, diff, LLVMConstInt(l->cx->t_i32, m - 1, 0), "");
	*ok = LLVMBuildICmp(bld, LLVMIntEQ, low,
	                    LLVMConstInt(l->cx->t_i32, 0, 0), "");
	unsigned shift = 0;
	while ((1ull << shift) != m)
		shift++;
	LLVMValueRef k =
	    LLVMBuildLShr(bld, diff, LLVMConstInt(l->cx->t_i32, shift, 0), "");
	return LLVMBuildZExt(bld, k, l->cx->t_i64, "");
}

static LLVMValueRef ule(cg_ctx *cx, LLVMValueRef a, unsigned long long b,
                        LLVMValueRef limit)
{
	LLVMValueRef sum = LLVMBuildAdd(cx->b, a, cg_i64(cx, b), "");
	return LLVMBuildICmp(cx->b, LLVMIntULE, sum, limit, "");
}

/* Whether check `c` passes in iterations 0 to `k`: x moves by a constant
 * step, so it passes at both ends and x does not wrap between them. */
static LLVMValueRef check_passes(loop *l, const check *c, LLVMValueRef k)
{
	cg_ctx *cx = l->cx;
	LLVMValueRef first =
	    LLVMBuildZExt(cx->b, first_value(l, c->x), cx->t_i64, "");
	if (c->step == 0)
		return ule(cx, first, c->end, c->size);
	unsigned long long m = magnitude(c->step);
	LLVMValueRef span = LLVMBuildMul(cx->b, k, cg_i64(cx, m), "");
	if (c->step < 0) /* from first down to first - span >= 0 */
		return LLVMBuildAnd(
		    cx->b, ule(cx, first, c->end, c->size),
		    LLVMBuildICmp(cx->b, LLVMIntUGE, first, span, ""), "");
	LLVMValueRef last = LLVMBuildAdd(cx->b, first, span, "");
	return LLVMBuildAnd(cx->b, ule(cx, last, c->end, c->size),
	                    ule(cx, last, 0, cg_i64(cx, UINT32_MAX)), "");
}

/* The first value of the i32 that `w` extends, zero-extended: for x0 =
 * s + C (a constant), zext(s) + C, with *ok that s + C does not wrap.
 * Clang's unrolled loops address a[j] and a[j + 1] as s and s + 8: so
 * written, scalar evolution sees one base and the two accesses as
 * neighbours, which the vectoriser can load as one. */
static LLVMValueRef widened_first(loop *l, widened *w, LLVMValueRef *ok)
{
	cg_ctx *cx = l->cx;
	LLVMValueRef x0 = first_value(l, LLVMGetOperand(w->zext, 0)), s0;
	long long c;
	*ok = LLVMConstInt(cx->t_i1, 1, false);
	if (!plus_constant(x0, &s0, &c))
		return LLVMBuildZExt(cx->b, x0, cx->t_i64, "");
	LLVMValueRef s = LLVMBuildZExt(cx->b, s0, cx->t_i64, "");
	if (c < 0) {
		*ok = LLVMBuildICmp(cx->b, LLVMIntUGE, s,
		                    cg_i64(cx, magnitude(c)), "");
		return LLVMBuildNUWSub(cx->b, s, cg_i64(cx, magnitude(c)), "");
	}
	*ok = ule(cx, s, (unsigned long long)c, cg_i64(cx, UINT32_MAX));
	return LLVMBuildNUWAdd(cx->b, s, cg_i64(cx, (unsigned long long)c), "");
}

/* Whether the i32 that `w` extends stays within 0..2^32-1 in
 * iterations 0 to `k` (so its zext moves by the step). */
static LLVMValueRef no_wrap(loop *l, widened *w, LLVMValueRef k)
{
	cg_ctx *cx = l->cx;
	LLVMValueRef ok;
	w->first = widened_first(l, w, &ok);
	LLVMValueRef span =
	    LLVMBuildMul(cx->b, k, cg_i64(cx, magnitude(w->step)), "");
	LLVMValueRef stays =
	    w->step < 0 ? LLVMBuildICmp(cx->b, LLVMIntUGE, w->first, span, "")
	                : ule(cx, LLVMBuildAdd(cx->b, w->first, span, ""), 0,
	                      cg_i64(cx, UINT32_MAX));
	return LLVMBuildAnd(cx->b, ok, stays, "");
}

/* The bytes group `g` accesses in iterations 0 to `k`: [*lo, *hi). */
static void group_range(loop *l, const group *g, LLVMValueRef k,
                        LLVMValueRef *lo, LLVMValueRef *hi)
{
	cg_ctx *cx = l->cx;
	LLVMValueRef base =
	    LLVMBuildZExt(cx->b, first_value(l, g->base), cx->t_i64, "");
	*lo = LLVMBuildAdd(cx->b, base, cg_i64(cx, (uint64_t)g->low), "");
	*hi = LLVMBuildAdd(cx->b, base, cg_i64(cx, (uint64_t)g->high), "");
	LLVMValueRef span =
	    LLVMBuildMul(cx->b, k, cg_i64(cx, magnitude(g->step)), "");
	if (g->step < 0)
		*lo = LLVMBuildSub(cx->b, *lo, span, "");
	else
		*hi = LLVMBuildAdd(cx->b, *hi, span, "");
}

/* Whether the groups that one of a pair writes lie apart; with none
 * written, or one group, nothing to check. */
static LLVMValueRef groups_apart(loop *l, LLVMValueRef k)
{
	cg_ctx *cx = l->cx;
	LLVMValueRef ok = LLVMConstInt(cx->t_i1, 1, false);
	LLVMValueRef lo[MAX_GROUPS], hi[MAX_GROUPS];
	for (unsigned g = 0; g < l->ngroups; g++)
		group_range(l, &l->groups[g], k, &lo[g], &hi[g]);
	for (unsigned g = 0; g < l->ngroups; g++)
		for (unsigned h = g + 1; h < l->ngroups; h++) {
			if (!l->groups[g].writes && !l->groups[h].writes)
				continue;
			LLVMValueRef below =
			    LLVMBuildICmp(cx->b, LLVMIntULE, hi[g], lo[h], "");
			LLVMValueRef above =
			    LLVMBuildICmp(cx->b, LLVMIntULE, hi[h], lo[g], "");
			ok = LLVMBuildAnd(cx->b, ok,
			                  LLVMBuildOr(cx->b, below, above, ""),
			                  "");
		}
	return ok;
}

/* In the copy, each access of a group is in the group's alias scope and
 * aliases no other group's: what groups_apart() checked. */
static void add_scopes(loop *l)
{
	cg_ctx *cx = l->cx;
	if (l->ngroups < 2)
		return;
	char name[48];
	snprintf(name, sizeof name, "w2n.version.%u", l->serial);
	LLVMMetadataRef str =
	    LLVMMDStringInContext2(cx->ctx, name, strlen(name));
	LLVMMetadataRef domain = LLVMMDNodeInContext2(cx->ctx, &str, 1);
	for (unsigned g = 0; g < l->ngroups; g++) {
		snprintf(name, sizeof name, "w2n.version.%u.%u", l->serial, g);
		LLVMMetadataRef ops[] = {
		    LLVMMDStringInContext2(cx->ctx, name, strlen(name)),
		    domain};
		l->groups[g].scope = LLVMMDNodeInContext2(cx->ctx, ops, 2);
	}
	/* Per group, its scope list and the list of all the others. */
	LLVMValueRef own[MAX_GROUPS], others[MAX_GROUPS];
	for (unsigned g = 0; g < l->ngroups; g++) {
		LLVMMetadataRef list[MAX_GROUPS];
		unsigned n = 0;
		for (unsigned h = 0; h < l->ngroups; h++)
			if (h != g)
				list[n++] = l->groups[h].scope;
		own[g] = LLVMMetadataAsValue(
		    cx->ctx,
		    LLVMMDNodeInContext2(cx->ctx, &l->groups[g].scope, 1));
		others[g] = LLVMMetadataAsValue(
		    cx->ctx, LLVMMDNodeInContext2(cx->ctx, list, n));
	}
	unsigned scope_kind =
	    LLVMGetMDKindIDInContext(cx->ctx, "alias.scope", 11);
	unsigned noalias_kind = LLVMGetMDKindIDInContext(cx->ctx, "noalias", 7);
	for (unsigned i = 0; i < l->naccesses; i++) {
		const access *a = &l->accesses[i];
		LLVMValueRef in = copy_of(l, a->in);
		LLVMSetMetadata(in, scope_kind, own[a->group]);
		LLVMSetMetadata(in, noalias_kind, others[a->group]);
	}
}

/* The condition, at the end of the preheader, for the copy to run. */
static LLVMValueRef fast_condition(loop *l)
{
	LLVMValueRef ok = NULL;
	LLVMValueRef k = iterations(l, &ok);
	if (!k)
		return NULL;
	l->trips = LLVMBuildNUWAdd(l->cx->b, k, cg_i64(l->cx, 1), "");
	for (unsigned i = 0; i < l->nchecks; i++)
		ok = LLVMBuildAnd(l->cx->b, ok,
		                  check_passes(l, &l->checks[i], k), "");
	for (unsigned i = 0; i < l->nwide; i++)
		ok = LLVMBuildAnd(l->cx->b, ok, no_wrap(l, &l->wide[i], k), "");
	return LLVMBuildAnd(l->cx->b, ok, groups_apart(l, k), "");
}

/* Copies the loop's instructions into new blocks; phis come out empty
 * and operands still name the originals (fix_copy). */
static void copy_blocks(loop *l, LLVMValueRef fn)
{
	l->ninstrs = 0;
	for (unsigned i = 0; i < l->nblocks; i++) {
		l->copies[i] =
		    LLVMAppendBasicBlockInContext(l->cx->ctx, fn, "unchecked");
		LLVMPositionBuilderAtEnd(l->cx->b, l->copies[i]);
		for (LLVMValueRef in = LLVMGetFirstInstruction(l->blocks[i]);
		     in; in = LLVMGetNextInstruction(in)) {
			LLVMValueRef c;
			if (LLVMIsAPHINode(in)) {
				c = LLVMBuildPhi(l->cx->b, LLVMTypeOf(in), "");
			} else {
				c = LLVMInstructionClone(in);
				LLVMInsertIntoBuilder(l->cx->b, c);
			}
			l->from[l->ninstrs] = in;
			l->to[l->ninstrs++] = c;
		}
	}
}

/* Points copy `c` of `in` at the copies of what `in` uses. */
static void fix_copy(loop *l, LLVMValueRef in, LLVMValueRef c)
{
	if (LLVMIsAPHINode(in)) {
		for (unsigned i = 0; i < LLVMCountIncoming(in); i++) {
			LLVMValueRef v =
			    copy_of(l, LLVMGetIncomingValue(in, i));
			LLVMBasicBlockRef bb =
			    block_copy(l, LLVMGetIncomingBlock(in, i));
			LLVMAddIncoming(c, &v, &bb, 1);
		}
		return;
	}
	unsigned n = (unsigned)LLVMGetNumOperands(c);
	for (unsigned i = 0; i < n; i++) {
		LLVMValueRef v = LLVMGetOperand(c, i);
		if (LLVMValueIsBasicBlock(v))
			v = LLVMBasicBlockAsValue(
			    block_copy(l, LLVMValueAsBasicBlock(v)));
		else
			v = copy_of(l, v);
		LLVMSetOperand(c, i, v);
	}
}

/* The blocks the loop leaves to (the exit, the traps) get, in their
 * phis, the copy's values for the copy's edges. */
static void fix_exits(loop *l)
{
	for (unsigned i = 0; i < l->nblocks; i++) {
		LLVMValueRef term = LLVMGetBasicBlockTerminator(l->blocks[i]);
		unsigned n = LLVMGetNumSuccessors(term);
		for (unsigned j = 0; j < n; j++) {
			LLVMBasicBlockRef s = LLVMGetSuccessor(term, j);
			bool again = false;
			for (unsigned k = 0; k < j; k++)
				again |= LLVMGetSuccessor(term, k) == s;
			if (again || in_blocks(l, s))
				continue;
			for (LLVMValueRef phi = LLVMGetFirstInstruction(s);
			     phi && LLVMIsAPHINode(phi);
			     phi = LLVMGetNextInstruction(phi)) {
				unsigned m = LLVMCountIncoming(phi);
				for (unsigned k = 0; k < m; k++) {
					if (LLVMGetIncomingBlock(phi, k) !=
					    l->blocks[i])
						continue;
					LLVMValueRef v = copy_of(
					    l, LLVMGetIncomingValue(phi, k));
					LLVMAddIncoming(phi, &v, &l->copies[i],
					                1);
				}
			}
		}
	}
}

/* In the copy, the checks branch straight on; its latch loses the
 * original's loop metadata (the two are different loops now). */
static void drop_checks(loop *l)
{
	for (unsigned i = 0; i < l->nchecks; i++)
		LLVMSetCondition(
		    copy_of(l, l->checks[i].br),
		    LLVMConstInt(l->cx->t_i1, !l->checks[i].trap_on_true, 0));
	unsigned kind = LLVMGetMDKindIDInContext(l->cx->ctx, "llvm.loop", 9);
	LLVMSetMetadata(copy_of(l, LLVMGetBasicBlockTerminator(l->latch)), kind,
	                NULL);
}

/* The copy counts its iterations, from 0 to the trip count, in an i64
 * and leaves on that count: an exit test scalar evolution can always
 * compute, where the original's (by 2 down to 0 from a value it cannot
 * see is even, in clang's unrolled loops) stops the vectoriser. */
static LLVMValueRef count_iterations(loop *l)
{
	cg_ctx *cx = l->cx;
	LLVMBasicBlockRef header = l->copies[0];
	LLVMBasicBlockRef latch = block_copy(l, l->latch);
	LLVMValueRef br = LLVMGetBasicBlockTerminator(latch);
	LLVMPositionBuilderBefore(cx->b, LLVMGetFirstInstruction(header));
	LLVMValueRef count = LLVMBuildPhi(cx->b, cx->t_i64, "");
	LLVMPositionBuilderBefore(cx->b, br);
	LLVMValueRef next = LLVMBuildNUWAdd(cx->b, count, cg_i64(cx, 1), "");
	bool stay_if_true = LLVMGetSuccessor(br, 0) == header;
	LLVMSetCondition(br, LLVMBuildICmp(cx->b,
	                                   stay_if_true ? LLVMIntNE : LLVMIntEQ,
	                                   next, l->trips, ""));
	LLVMValueRef values[] = {cg_i64(cx, 0), next};
	LLVMBasicBlockRef blocks[] = {l->pre, latch};
	LLVMAddIncoming(count, values, blocks, 2);
	return count;
}

/* In the copy, each widened zext becomes first + step * count: an
 * affine i64 that cannot wrap, which scalar evolution sees as such (a
 * zext of a wrapping i32 it cannot), so the vectoriser can bound the
 * accesses and order them. */
static void widen(loop *l, LLVMValueRef count)
{
	cg_ctx *cx = l->cx;
	LLVMValueRef at = LLVMGetFirstInstruction(l->copies[0]);
	while (LLVMIsAPHINode(at))
		at = LLVMGetNextInstruction(at);
	LLVMPositionBuilderBefore(cx->b, at);
	for (unsigned i = 0; i < l->nwide; i++) {
		const widened *w = &l->wide[i];
		LLVMValueRef span = LLVMBuildNUWMul(
		    cx->b, count, cg_i64(cx, magnitude(w->step)), "");
		LLVMValueRef v =
		    w->step < 0 ? LLVMBuildNUWSub(cx->b, w->first, span, "")
		                : LLVMBuildNUWAdd(cx->b, w->first, span, "");
		LLVMReplaceAllUsesWith(copy_of(l, w->zext), v);
	}
}

/* Versions a loop whose checks were found: the preheader tests the
 * condition and enters the copy or the original. */
static bool version(loop *l, LLVMValueRef fn)
{
	LLVMValueRef term = LLVMGetBasicBlockTerminator(l->pre);
	LLVMPositionBuilderBefore(l->cx->b, term);
	LLVMValueRef fast = fast_condition(l);
	if (!fast)
		return false;
	copy_blocks(l, fn);
	for (unsigned i = 0; i < l->ninstrs; i++)
		fix_copy(l, l->from[i], l->to[i]);
	fix_exits(l);
	drop_checks(l);
	add_scopes(l);
	widen(l, count_iterations(l));
	LLVMInstructionEraseFromParent(term);
	LLVMPositionBuilderAtEnd(l->cx->b, l->pre);
	LLVMBuildCondBr(l->cx->b, fast, l->copies[0], l->header);
	return true;
}

/* Finds the innermost loop headed by `h`, with a dedicated preheader
 * (loop-simplify made them), and versions it when it has checks. */
static bool try_loop(loop *l, LLVMValueRef fn, LLVMBasicBlockRef h)
{
	LLVMBasicBlockRef preds[2];
	if (predecessors(h, preds, 2) != 2)
		return false;
	l->header = h;
	bool found = false;
	for (unsigned i = 0; i < 2 && !found; i++) {
		l->latch = preds[i];
		l->pre = preds[1 - i];
		found = natural_loop(l) && !in_blocks(l, l->pre);
	}
	LLVMValueRef pre_term = LLVMGetBasicBlockTerminator(l->pre);
	unsigned char state[MAX_BLOCKS] = {0};
	if (!found || !LLVMIsABranchInst(pre_term) ||
	    LLVMIsConditional(pre_term) || has_cycle(l, 0, state) ||
	    !LLVMIsConditional(LLVMGetBasicBlockTerminator(l->latch)) ||
	    !find_checks(l))
		return false;
	LLVMValueRef a, b;
	long long d;
	if (!exit_test(l, &a, &b, &d))
		return false;
	/* Worth a copy: checks to drop, or the exit test by 2 of clang's
	 * unrolled loops, which the vectoriser cannot count (a step of 1 it
	 * can; the steps of 4 and 8 of pointer loops are common enough that
	 * copying them all cost sqlite.wasm a quarter more compile time). */
	if (!l->nchecks && (l->latch_step != 2 || !l->nwide))
		return false;
	find_accesses(l);
	return version(l, fn);
}

unsigned cg_version_loops(cg_ctx *cx)
{
	loop *l = w2n_xmalloc(sizeof *l);
	l->cx = cx;
	unsigned n = 0;
	for (LLVMValueRef fn = LLVMGetFirstFunction(cx->mod); fn;
	     fn = LLVMGetNextFunction(fn)) {
		if (!LLVMCountBasicBlocks(fn))
			continue;
		LLVMBasicBlockRef last = LLVMGetLastBasicBlock(fn);
		unsigned copied = 0;
		for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
		     bb = LLVMGetNextBasicBlock(bb)) {
			l->serial = n + copied;
			copied += try_loop(l, fn, bb);
			if (bb == last)
				break;
		}
		if (copied)
			cg_mark_versioned(cx, fn);
		n += copied;
	}
	free(l);
	return n;
}
