/*
 * validate_code.c - validation of function bodies (spec 3.3, following the
 * algorithm of the spec's appendix "Validation Algorithm"): an operand
 * stack of value types and a control stack of open blocks, with the
 * polymorphic stack after unconditional branches, and the set of
 * non-defaultable locals that are initialised (spec 3.0, "Local
 * Initialization").
 */
#include <stdlib.h>
#include <string.h>

#include "validate_internal.h"

/* An operand type; VAL_UNKNOWN is the bottom type of unreachable code,
 * VAL_BOT_REF the reference to the bottom heap type that ref.as_non_null
 * and br_on_null make of it (a subtype of every reference type). */
typedef ir_valtype val_type;
enum { VAL_UNKNOWN = 0, VAL_BOT_REF = IR_REF_NONNULL };

typedef struct ctrl_frame {
	uint16_t op; /* OP_BLOCK, OP_LOOP, OP_IF, OP_ELSE, OP_TRY,
	              * OP_TRY_TABLE, OP_CATCH, OP_CATCH_ALL */
	const ir_valtype *params, *results;
	uint32_t nparams, nresults;
	uint32_t height;      /* operand stack height at entry */
	uint32_t init_height; /* initialised locals at entry */
	bool unreachable;
} ctrl_frame;

typedef struct body_ctx {
	const val_module_ctx *vc;
	const ir_module *m;
	const ir_func *f;
	uint32_t nlocals; /* parameters plus declared locals */
	val_type *vals;
	uint32_t nvals, vals_cap;
	ctrl_frame *ctrls;
	uint32_t nctrls, ctrls_cap;
	/* Non-defaultable locals: whether each local is set, and those set
	 * since the function began, in order, so that a block's end unsets
	 * the ones set inside it.  NULL when the function has none. */
	bool *local_set;
	uint32_t *inits;
	uint32_t ninits, inits_cap;
	const ir_instr *in; /* instruction being checked, for offsets */
} body_ctx;

static bool fail(body_ctx *b, w2n_diag_code code, const char *detail)
{
	return w2n_error(b->vc->diags, b->in->offset, code, "%s", detail);
}

/* An error naming the index it is about: "unknown local 7". */
static bool fail_index(body_ctx *b, w2n_diag_code code, uint32_t index)
{
	return w2n_error_named(b->vc->diags, b->in->offset, code, "%u", index);
}

static const char *type_name(val_type t, char buf[IR_VALTYPE_NAME_MAX])
{
	if (t == VAL_UNKNOWN)
		return "unknown";
	return t == VAL_BOT_REF ? "(ref bot)" : ir_valtype_name(t, buf);
}

static bool mismatch(body_ctx *b, val_type want, val_type got)
{
	char wbuf[IR_VALTYPE_NAME_MAX], gbuf[IR_VALTYPE_NAME_MAX];
	return w2n_error(b->vc->diags, b->in->offset, W2N_DIAG_TYPE_MISMATCH,
	                 "%s expected %s, found %s", ir_opcodes[b->in->op].name,
	                 type_name(want, wbuf),
	                 got == VAL_UNKNOWN && b->nvals == 0
	                     ? "nothing"
	                     : type_name(got, gbuf));
}

static bool is_ref(val_type t)
{
	return t == VAL_UNKNOWN || t == VAL_BOT_REF || ir_valtype_is_ref(t);
}

/* Whether an operand of type `got` may stand where `want` is expected. */
static bool matches(const body_ctx *b, val_type got, val_type want)
{
	if (got == VAL_UNKNOWN || want == VAL_UNKNOWN)
		return true;
	if (got == VAL_BOT_REF)
		return ir_valtype_is_ref(want);
	return ir_valtype_sub(b->m, got, want);
}

static void push(body_ctx *b, val_type t)
{
	if (b->nvals == b->vals_cap) {
		b->vals_cap = b->vals_cap ? b->vals_cap * 2 : 64;
		b->vals = w2n_xrealloc(b->vals, b->vals_cap * sizeof *b->vals);
	}
	b->vals[b->nvals++] = t;
}

/* Pops any operand; fails on an empty stack outside unreachable code. */
static bool pop_any(body_ctx *b, val_type *out)
{
	ctrl_frame *top = &b->ctrls[b->nctrls - 1];
	if (b->nvals == top->height) {
		if (top->unreachable) {
			*out = VAL_UNKNOWN;
			return true;
		}
		return w2n_error(b->vc->diags, b->in->offset,
		                 W2N_DIAG_TYPE_MISMATCH,
		                 "%s expected an operand, found nothing",
		                 ir_opcodes[b->in->op].name);
	}
	*out = b->vals[--b->nvals];
	return true;
}

static bool pop_expect(body_ctx *b, val_type want, val_type *out)
{
	val_type got = VAL_UNKNOWN;
	if (!pop_any(b, &got))
		return false;
	if (!matches(b, got, want))
		return mismatch(b, want, got);
	if (out)
		*out = got == VAL_UNKNOWN ? want : got;
	return true;
}

static bool pop(body_ctx *b, val_type want)
{
	return pop_expect(b, want, NULL);
}

static bool pop_types(body_ctx *b, const ir_valtype *types, uint32_t n)
{
	for (uint32_t i = n; i-- > 0;)
		if (!pop(b, (val_type)types[i]))
			return false;
	return true;
}

static void push_types(body_ctx *b, const ir_valtype *types, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		push(b, (val_type)types[i]);
}

static void push_ctrl(body_ctx *b, uint16_t op, const ir_functype *t)
{
	if (b->nctrls == b->ctrls_cap) {
		b->ctrls_cap = b->ctrls_cap ? b->ctrls_cap * 2 : 16;
		b->ctrls =
		    w2n_xrealloc(b->ctrls, b->ctrls_cap * sizeof *b->ctrls);
	}
	ctrl_frame *c = &b->ctrls[b->nctrls++];
	c->op = op;
	c->params = t->params;
	c->nparams = t->nparams;
	c->results = t->results;
	c->nresults = t->nresults;
	c->height = b->nvals;
	c->init_height = b->ninits;
	c->unreachable = false;
	push_types(b, t->params, t->nparams);
}

/* Pops the top frame after checking that its results are on the stack. */
static bool pop_ctrl(body_ctx *b, ctrl_frame *out)
{
	ctrl_frame *c = &b->ctrls[b->nctrls - 1];
	if (!pop_types(b, c->results, c->nresults))
		return false;
	if (b->nvals != c->height)
		return w2n_error(b->vc->diags, b->in->offset,
		                 W2N_DIAG_TYPE_MISMATCH,
		                 "%u values left on the stack at block end",
		                 b->nvals - c->height);
	*out = *c;
	b->nctrls--;
	/* Locals set inside the block are unset after it. */
	for (; b->ninits > c->init_height; b->ninits--)
		b->local_set[b->inits[b->ninits - 1]] = false;
	return true;
}

static void set_unreachable(body_ctx *b)
{
	ctrl_frame *c = &b->ctrls[b->nctrls - 1];
	b->nvals = c->height;
	c->unreachable = true;
}

/* Types a branch to frame `c` carries: a loop's parameters, else results. */
static const ir_valtype *label_types(const ctrl_frame *c, uint32_t *n)
{
	*n = c->op == OP_LOOP ? c->nparams : c->nresults;
	return c->op == OP_LOOP ? c->params : c->results;
}

static bool label_frame(body_ctx *b, uint32_t depth, ctrl_frame **out)
{
	if (depth >= b->nctrls)
		return fail_index(b, W2N_DIAG_UNKNOWN_LABEL, depth);
	*out = &b->ctrls[b->nctrls - 1 - depth];
	return true;
}

/* A value type in an instruction: a heap type index must name a type. */
static bool check_valtype(body_ctx *b, ir_valtype t)
{
	if (ir_valtype_typed(t) && ir_valtype_index(t) >= b->m->ntypes)
		return fail_index(b, W2N_DIAG_UNKNOWN_TYPE,
		                  ir_valtype_index(t));
	return true;
}

static bool sub_types(const body_ctx *b, const ir_valtype *x, uint32_t nx,
                      const ir_valtype *y, uint32_t ny);

/* The parameter types of tag `tag`; false with "unknown tag" when the
 * module has no such tag. */
static bool tag_type(body_ctx *b, uint32_t tag, const ir_functype **t)
{
	if (tag >= b->m->ntags)
		return fail_index(b, W2N_DIAG_UNKNOWN_TAG, tag);
	*t = &b->m->types[b->m->tags[tag].type_index];
	return true;
}

/* [ts] <: the types of label `k->label` (spec 3.0, "catch"): a catch
 * delivers the tag's values, the _ref forms an exnref after them. */
static bool check_catch(body_ctx *b, const ir_catch *k)
{
	const ir_functype *t = NULL;
	ctrl_frame *c = NULL;
	uint32_t n, nvals = 0;
	if ((k->kind <= IR_CATCH_REF && !tag_type(b, k->tag, &t)) ||
	    !label_frame(b, k->label, &c))
		return false;
	const ir_valtype *types = label_types(c, &n);
	if (t)
		nvals = t->nparams;
	bool ref = k->kind == IR_CATCH_REF || k->kind == IR_CATCH_ALL_REF;
	if (n != nvals + ref ||
	    (t && !sub_types(b, t->params, nvals, types, nvals)) ||
	    (ref && !matches(b, IR_EXNREF, types[nvals])))
		return fail(b, W2N_DIAG_TYPE_MISMATCH,
		            "catch clause does not match its label's types");
	return true;
}

static bool check_catches(body_ctx *b, const ir_blocktype *bt)
{
	for (uint32_t i = 0; i < bt->ncatches; i++)
		if (!check_catch(b, &bt->catches[i]))
			return false;
	return true;
}

/* block, loop, if: the block type, resolved by the decoder, must name a
 * type of the module (spec 3.2.8), as must a reference type it is. */
static bool check_block(body_ctx *b)
{
	const ir_blocktype *bt = b->in->imm.block.type;
	if (bt->unknown)
		return fail_index(b, W2N_DIAG_UNKNOWN_TYPE, bt->unknown_index);
	if (bt->type.nresults == 1 && !check_valtype(b, bt->type.results[0]))
		return false;
	if (b->in->op == OP_IF && !pop(b, IR_I32))
		return false;
	if (b->in->op == OP_TRY_TABLE && !check_catches(b, bt))
		return false;
	if (!pop_types(b, bt->type.params, bt->type.nparams))
		return false;
	push_ctrl(b, b->in->op, &bt->type);
	return true;
}

static bool check_else(body_ctx *b)
{
	ctrl_frame c;
	if (!pop_ctrl(b, &c))
		return false;
	ir_functype t = {c.nparams, c.nresults, c.params, c.results};
	push_ctrl(b, OP_ELSE, &t);
	return true;
}

/* [a*] <: [b*] (spec 3.0, "Matching" of result types). */
static bool sub_types(const body_ctx *b, const ir_valtype *x, uint32_t nx,
                      const ir_valtype *y, uint32_t ny)
{
	if (nx != ny)
		return false;
	for (uint32_t i = 0; i < nx; i++)
		if (!matches(b, x[i], y[i]))
			return false;
	return true;
}

static bool check_end(body_ctx *b)
{
	ctrl_frame c;
	if (!pop_ctrl(b, &c))
		return false;
	/* An if without else must leave its parameters as its results. */
	if (c.op == OP_IF &&
	    !sub_types(b, c.params, c.nparams, c.results, c.nresults))
		return fail(b, W2N_DIAG_TYPE_MISMATCH,
		            "if without else must not change the stack type");
	push_types(b, c.results, c.nresults);
	return true;
}

/* Legacy catch $t and catch_all: end the try body or the previous
 * catch, and start a handler that gets the tag's values (catch_all
 * none), with the try's results. */
static bool check_legacy_catch(body_ctx *b)
{
	const ir_functype *t = NULL;
	ctrl_frame *top = &b->ctrls[b->nctrls - 1];
	if (top->op != OP_TRY && top->op != OP_CATCH)
		return fail(b, W2N_DIAG_TYPE_MISMATCH,
		            "catch after catch_all or outside try");
	if (b->in->op == OP_CATCH && !tag_type(b, b->in->imm.index, &t))
		return false;
	ctrl_frame c;
	if (!pop_ctrl(b, &c))
		return false;
	ir_functype h = {t ? t->nparams : 0, c.nresults, t ? t->params : NULL,
	                 c.results};
	push_ctrl(b, b->in->op, &h);
	return true;
}

/* delegate l: ends a try body (the decoder checked it has no catch);
 * l is a label outside the try. */
static bool check_delegate(body_ctx *b)
{
	ctrl_frame c, *target = NULL;
	if (!pop_ctrl(b, &c) || !label_frame(b, b->in->imm.index, &target))
		return false;
	push_types(b, c.results, c.nresults);
	return true;
}

/* rethrow l: l must be a legacy catch or catch_all handler. */
static bool check_rethrow(body_ctx *b)
{
	ctrl_frame *c = NULL;
	if (!label_frame(b, b->in->imm.index, &c))
		return false;
	if (c->op != OP_CATCH && c->op != OP_CATCH_ALL)
		return fail_index(b, W2N_DIAG_RETHROW_LABEL, b->in->imm.index);
	set_unreachable(b);
	return true;
}

static bool check_throw(body_ctx *b)
{
	const ir_functype *t = NULL;
	if (!tag_type(b, b->in->imm.index, &t) ||
	    !pop_types(b, t->params, t->nparams))
		return false;
	set_unreachable(b);
	return true;
}

static bool check_throw_ref(body_ctx *b)
{
	if (!pop(b, IR_EXNREF))
		return false;
	set_unreachable(b);
	return true;
}

static bool check_br(body_ctx *b)
{
	ctrl_frame *c = NULL;
	uint32_t n;
	if (!label_frame(b, b->in->imm.index, &c))
		return false;
	const ir_valtype *types = label_types(c, &n);
	if (!pop_types(b, types, n))
		return false;
	set_unreachable(b);
	return true;
}

static bool check_br_if(body_ctx *b)
{
	ctrl_frame *c = NULL;
	uint32_t n;
	if (!label_frame(b, b->in->imm.index, &c) || !pop(b, IR_I32))
		return false;
	const ir_valtype *types = label_types(c, &n);
	if (!pop_types(b, types, n))
		return false;
	push_types(b, types, n);
	return true;
}

/* Checks that the top of the stack matches `types` without popping
 * (spec appendix: push_vals(pop_vals(types))): values missing below the
 * frame's height count as unknown in unreachable code. */
static bool peek_types(body_ctx *b, const ir_valtype *types, uint32_t n)
{
	ctrl_frame *top = &b->ctrls[b->nctrls - 1];
	for (uint32_t i = 0; i < n; i++) {
		val_type want = (val_type)types[n - 1 - i];
		if (b->nvals - top->height <= i) {
			if (top->unreachable)
				return true;
			return w2n_error(
			    b->vc->diags, b->in->offset, W2N_DIAG_TYPE_MISMATCH,
			    "%s expected an operand, found nothing",
			    ir_opcodes[b->in->op].name);
		}
		val_type got = b->vals[b->nvals - 1 - i];
		if (!matches(b, got, want))
			return mismatch(b, want, got);
	}
	return true;
}

static bool check_br_table(body_ctx *b)
{
	const uint32_t *labels = b->in->imm.br_table.labels;
	uint32_t count = b->in->imm.br_table.count;
	ctrl_frame *def = NULL;
	uint32_t arity;
	if (!pop(b, IR_I32) || !label_frame(b, labels[count], &def))
		return false;
	label_types(def, &arity);
	for (uint32_t i = 0; i < count; i++) {
		ctrl_frame *c = NULL;
		uint32_t n;
		if (!label_frame(b, labels[i], &c))
			return false;
		const ir_valtype *types = label_types(c, &n);
		if (n != arity)
			return fail(b, W2N_DIAG_TYPE_MISMATCH,
			            "br_table labels differ in arity");
		if (!peek_types(b, types, n))
			return false;
	}
	uint32_t n;
	const ir_valtype *types = label_types(def, &n);
	if (!pop_types(b, types, n))
		return false;
	set_unreachable(b);
	return true;
}

static bool check_return(body_ctx *b)
{
	const ir_functype *t = &b->m->types[b->f->type_index];
	if (!pop_types(b, t->results, t->nresults))
		return false;
	set_unreachable(b);
	return true;
}

/* Whether the results of `t` match `own`'s: as many, each a subtype. */
static bool results_match(body_ctx *b, const ir_functype *t,
                          const ir_functype *own)
{
	if (t->nresults != own->nresults)
		return false;
	for (uint32_t i = 0; i < t->nresults; i++)
		if (!ir_valtype_sub(b->m, t->results[i], own->results[i]))
			return false;
	return true;
}

/* return_call, return_call_indirect and return_call_ref (spec 3.0,
 * 3.3.8): the callee's results must match the caller's; the instruction
 * then ends the block like return, so what follows is stack-polymorphic. */
static bool apply_tail_call(body_ctx *b, const ir_functype *t)
{
	const ir_functype *own = &b->m->types[b->f->type_index];
	if (!results_match(b, t, own))
		return fail(b, W2N_DIAG_TYPE_MISMATCH,
		            "tail call's results differ from the function's");
	if (!pop_types(b, t->params, t->nparams))
		return false;
	set_unreachable(b);
	return true;
}

static bool apply_call(body_ctx *b, const ir_functype *t)
{
	if (ir_opcodes[b->in->op].oper == IR_OPER_TAIL)
		return apply_tail_call(b, t);
	if (!pop_types(b, t->params, t->nparams))
		return false;
	push_types(b, t->results, t->nresults);
	return true;
}

static bool check_call(body_ctx *b)
{
	uint32_t fi = b->in->imm.index;
	if (fi >= b->m->nfuncs)
		return fail_index(b, W2N_DIAG_UNKNOWN_FUNCTION, fi);
	return apply_call(b, ir_func_type(b->m, fi));
}

static bool table_index(body_ctx *b, uint32_t t, ir_valtype *elem)
{
	if (t >= b->m->ntables)
		return fail_index(b, W2N_DIAG_UNKNOWN_TABLE, t);
	*elem = b->m->tables[t].type.elem;
	return true;
}

/* The address type of a table in range: its indices and sizes. */
static val_type table_addr(body_ctx *b, uint32_t t)
{
	return (val_type)ir_addr_type(&b->m->tables[t].type.limits);
}

/* The type of a length between two tables or memories (table.copy,
 * memory.copy): the smaller of their address types (spec 3.3.6-3.3.7). */
static val_type min_addr(val_type x, val_type y)
{
	return x == IR_I64 && y == IR_I64 ? IR_I64 : IR_I32;
}

static bool check_call_indirect(body_ctx *b)
{
	uint32_t type = b->in->imm.index2.a;
	ir_valtype elem = IR_FUNCREF;
	if (!table_index(b, b->in->imm.index2.b, &elem))
		return false;
	if (!ir_valtype_sub(b->m, elem, IR_FUNCREF))
		return fail(b, W2N_DIAG_TYPE_MISMATCH,
		            "call_indirect through a table of externref");
	if (type >= b->m->ntypes)
		return fail_index(b, W2N_DIAG_UNKNOWN_TYPE, type);
	if (!pop(b, table_addr(b, b->in->imm.index2.b)))
		return false;
	return apply_call(b, &b->m->types[type]);
}

/* call_ref $t (spec 3.0): [t1* (ref null $t)] -> [t2*]. */
static bool check_call_ref(body_ctx *b)
{
	uint32_t type = b->in->imm.index;
	if (type >= b->m->ntypes)
		return fail_index(b, W2N_DIAG_UNKNOWN_TYPE, type);
	if (!pop(b, ir_valtype_ref(type, true)))
		return false;
	return apply_call(b, &b->m->types[type]);
}

static bool is_numeric_or_vector(val_type t)
{
	return t == VAL_UNKNOWN || !is_ref(t);
}

static bool check_select(body_ctx *b)
{
	val_type t1 = VAL_UNKNOWN, t2 = VAL_UNKNOWN;
	if (!pop(b, IR_I32) || !pop_any(b, &t1) || !pop_any(b, &t2))
		return false;
	if (!is_numeric_or_vector(t1) || !is_numeric_or_vector(t2))
		return fail(b, W2N_DIAG_TYPE_MISMATCH,
		            "select without a type needs numeric operands");
	if (t1 != t2 && t1 != VAL_UNKNOWN && t2 != VAL_UNKNOWN)
		return mismatch(b, t1, t2);
	push(b, t1 == VAL_UNKNOWN ? t2 : t1);
	return true;
}

static bool check_select_t(body_ctx *b)
{
	if (b->in->imm.select.count != 1)
		return fail(b, W2N_DIAG_RESULT_ARITY,
		            "select takes exactly one type");
	val_type t = b->in->imm.select.type;
	if (!check_valtype(b, t) || !pop(b, IR_I32) || !pop(b, t) || !pop(b, t))
		return false;
	push(b, t);
	return true;
}

static bool local_index(body_ctx *b, val_type *t)
{
	uint32_t i = b->in->imm.index;
	if (i >= b->nlocals)
		return fail_index(b, W2N_DIAG_UNKNOWN_LOCAL, i);
	*t = (val_type)ir_local_type(b->m, b->f, i);
	return true;
}

/* A non-defaultable local is set until the end of the current block. */
static void set_local(body_ctx *b, uint32_t i)
{
	if (!b->local_set || b->local_set[i])
		return;
	b->local_set[i] = true;
	if (b->ninits == b->inits_cap) {
		b->inits_cap = b->inits_cap ? b->inits_cap * 2 : 16;
		b->inits =
		    w2n_xrealloc(b->inits, b->inits_cap * sizeof *b->inits);
	}
	b->inits[b->ninits++] = i;
}

static bool check_local(body_ctx *b)
{
	val_type t = VAL_UNKNOWN;
	uint32_t i = b->in->imm.index;
	if (!local_index(b, &t))
		return false;
	switch (b->in->op) {
	case OP_LOCAL_GET:
		if (b->local_set && !b->local_set[i])
			return fail_index(b, W2N_DIAG_UNINITIALIZED_LOCAL, i);
		push(b, t);
		return true;
	case OP_LOCAL_SET: set_local(b, i); return pop(b, t);
	default: /* OP_LOCAL_TEE */
		if (!pop(b, t))
			return false;
		set_local(b, i);
		push(b, t);
		return true;
	}
}

static bool check_global(body_ctx *b)
{
	uint32_t i = b->in->imm.index;
	if (i >= b->m->nglobals)
		return fail_index(b, W2N_DIAG_UNKNOWN_GLOBAL, i);
	const ir_globaltype *g = &b->m->globals[i].type;
	if (b->in->op == OP_GLOBAL_GET) {
		push(b, g->type);
		return true;
	}
	if (!g->mutable_)
		return fail_index(b, W2N_DIAG_IMMUTABLE_GLOBAL, i);
	return pop(b, g->type);
}

static bool elem_index(body_ctx *b, uint32_t e, ir_valtype *type)
{
	if (e >= b->m->nelems)
		return fail_index(b, W2N_DIAG_UNKNOWN_ELEM, e);
	*type = b->m->elems[e].type;
	return true;
}

/* table.copy d s n, table.init d s n: d (and s of a copy) are indices of
 * their tables, n of a copy of both; a segment's s and n are i32. */
static bool check_table_copy_init(body_ctx *b)
{
	ir_valtype dst = IR_FUNCREF, src = IR_FUNCREF;
	bool copy = b->in->op == OP_TABLE_COPY;
	uint32_t table = copy ? b->in->imm.index2.a : b->in->imm.index2.b;
	bool ok = copy ? table_index(b, table, &dst) &&
	                     table_index(b, b->in->imm.index2.b, &src)
	               : table_index(b, table, &dst) &&
	                     elem_index(b, b->in->imm.index2.a, &src);
	if (!ok)
		return false;
	if (!ir_valtype_sub(b->m, src, dst))
		return fail(b, W2N_DIAG_TYPE_MISMATCH,
		            "element types of source and destination differ");
	val_type d = table_addr(b, table);
	val_type s = copy ? table_addr(b, b->in->imm.index2.b) : IR_I32;
	return pop(b, min_addr(d, s)) && pop(b, s) && pop(b, d);
}

static bool check_table(body_ctx *b)
{
	ir_valtype t = IR_FUNCREF;
	if (b->in->op == OP_ELEM_DROP)
		return elem_index(b, b->in->imm.index, &t);
	if (b->in->op == OP_TABLE_COPY || b->in->op == OP_TABLE_INIT)
		return check_table_copy_init(b);
	if (!table_index(b, b->in->imm.index, &t))
		return false;
	val_type at = table_addr(b, b->in->imm.index);
	switch (b->in->op) {
	case OP_TABLE_GET:
		if (!pop(b, at))
			return false;
		push(b, t);
		return true;
	case OP_TABLE_SET: return pop(b, t) && pop(b, at);
	case OP_TABLE_SIZE: push(b, at); return true;
	case OP_TABLE_GROW:
		if (!pop(b, at) || !pop(b, t))
			return false;
		push(b, at);
		return true;
	default: /* OP_TABLE_FILL */
		return pop(b, at) && pop(b, t) && pop(b, at);
	}
}

/* Pops a reference (spec 3.0 appendix, pop_ref): unknown in unreachable
 * code. */
static bool pop_ref(body_ctx *b, val_type *t)
{
	if (!pop_any(b, t))
		return false;
	if (!is_ref(*t))
		return mismatch(b, IR_FUNCREF, *t);
	return true;
}

/* The non-nullable form of reference type `t`: (ref bot) for unknown. */
static val_type non_null(val_type t)
{
	return t == VAL_UNKNOWN ? VAL_BOT_REF : t | IR_REF_NONNULL;
}

static bool check_ref_func(body_ctx *b)
{
	uint32_t fi = b->in->imm.index;
	if (fi >= b->m->nfuncs)
		return fail_index(b, W2N_DIAG_UNKNOWN_FUNCTION, fi);
	if (!b->vc->declared_refs[fi])
		return fail_index(b, W2N_DIAG_UNDECLARED_FUNC_REF, fi);
	push(b, ir_valtype_ref(b->m->funcs[fi].type_index, false));
	return true;
}

static bool check_ref(body_ctx *b)
{
	val_type t = VAL_UNKNOWN;
	switch (b->in->op) {
	case OP_REF_NULL:
		if (!check_valtype(b, b->in->imm.type))
			return false;
		push(b, b->in->imm.type);
		return true;
	case OP_REF_IS_NULL:
		if (!pop_ref(b, &t))
			return false;
		push(b, IR_I32);
		return true;
	case OP_REF_AS_NON_NULL:
		if (!pop_ref(b, &t))
			return false;
		push(b, non_null(t));
		return true;
	default: /* OP_REF_FUNC */ return check_ref_func(b);
	}
}

/* br_on_null l (spec 3.0): [t* (ref null ht)] -> [t* (ref ht)] where
 * label l takes [t*]. */
static bool check_br_on_null(body_ctx *b)
{
	ctrl_frame *c = NULL;
	val_type t = VAL_UNKNOWN;
	uint32_t n;
	if (!label_frame(b, b->in->imm.index, &c) || !pop_ref(b, &t))
		return false;
	const ir_valtype *types = label_types(c, &n);
	if (!pop_types(b, types, n))
		return false;
	push_types(b, types, n);
	push(b, non_null(t));
	return true;
}

/* br_on_non_null l (spec 3.0): [t* (ref null ht)] -> [t*] where label l
 * takes [t* t'] and (ref ht) <: t'. */
static bool check_br_on_non_null(body_ctx *b)
{
	ctrl_frame *c = NULL;
	val_type t = VAL_UNKNOWN;
	uint32_t n;
	if (!label_frame(b, b->in->imm.index, &c))
		return false;
	const ir_valtype *types = label_types(c, &n);
	if (n == 0 || !ir_valtype_is_ref(types[n - 1]))
		return fail(b, W2N_DIAG_TYPE_MISMATCH,
		            "br_on_non_null needs a label ending in a "
		            "reference");
	if (!pop_ref(b, &t))
		return false;
	if (!matches(b, non_null(t), types[n - 1]))
		return mismatch(b, types[n - 1], non_null(t));
	if (!pop_types(b, types, n - 1))
		return false;
	push_types(b, types, n - 1);
	return true;
}

static bool data_index(body_ctx *b, uint32_t d)
{
	if (d >= b->m->data_count)
		return fail_index(b, W2N_DIAG_UNKNOWN_DATA, d);
	return true;
}

/* The lane immediate of a lane instruction (spec 3.3.3): below the lane
 * count of its shape. */
static bool check_lane(body_ctx *b, uint8_t lane)
{
	const ir_opcode_info *info = &ir_opcodes[b->in->op];
	if (lane >= ir_shapes[info->shape].lanes)
		return fail(b, W2N_DIAG_LANE_INDEX, info->name);
	return true;
}

static bool memory_index(body_ctx *b, uint32_t mem)
{
	if (mem >= b->m->nmemories)
		return fail_index(b, W2N_DIAG_UNKNOWN_MEMORY, mem);
	return true;
}

/* The address type of a memory in range: its addresses and sizes. */
static val_type memory_addr(body_ctx *b, uint32_t mem)
{
	return (val_type)ir_addr_type(&b->m->memories[mem].limits);
}

/* A memarg (spec 3.3.7): alignment at most natural, exactly natural for
 * an atomic instruction (threads proposal, 3.3.x), an offset the memory's
 * address type can hold. */
static bool check_memarg(body_ctx *b, const ir_opcode_info *info)
{
	uint32_t natural = 0;
	while ((1u << natural) < info->width)
		natural++;
	if (info->family == IR_FAMILY_ATOMIC &&
	    b->in->imm.mem.align_log2 != natural)
		return fail(b, W2N_DIAG_ATOMIC_ALIGNMENT, info->name);
	if (b->in->imm.mem.align_log2 > natural)
		return fail(b, W2N_DIAG_ALIGNMENT, info->name);
	if (memory_addr(b, b->in->imm.mem.memory) == IR_I32 &&
	    b->in->imm.mem.offset > UINT32_MAX)
		return fail(b, W2N_DIAG_OFFSET_RANGE, info->name);
	return true;
}

/* Memory index, data index, alignment, offset and lane immediates of a
 * memory instruction (spec 3.3.7); its operand types then come from the
 * opcode table (check_simple), memory.copy's from check_memory_copy. */
static bool check_memory_immediates(body_ctx *b)
{
	const ir_opcode_info *info = &ir_opcodes[b->in->op];
	ir_imm_kind kind = (ir_imm_kind)info->imm;
	ir_mem_kind mem = (ir_mem_kind)info->mem;
	if (ir_mem_uses_data(mem) &&
	    !data_index(b, kind == IMM_DATA_MEMIDX ? b->in->imm.index2.a
	                                           : b->in->imm.index))
		return false;
	if (!ir_mem_uses_memory(mem))
		return true;
	if (!memory_index(b, ir_instr_memory(b->in)) ||
	    (kind == IMM_MEMIDX2 && !memory_index(b, b->in->imm.index2.b)))
		return false;
	if ((kind == IMM_MEMARG || kind == IMM_MEMARG_LANE) &&
	    !check_memarg(b, info))
		return false;
	return kind != IMM_MEMARG_LANE || check_lane(b, b->in->imm.mem.lane);
}

/* memory.copy d s n: d and s addresses of their memories, n a length in
 * both (the smaller address type). */
static bool check_memory_copy(body_ctx *b)
{
	val_type d = memory_addr(b, b->in->imm.index2.a);
	val_type s = memory_addr(b, b->in->imm.index2.b);
	return pop(b, min_addr(d, s)) && pop(b, s) && pop(b, d);
}

/* The type of a letter of a PARAMS or RESULTS column; `a` is the address
 * type of the instruction's memory. */
static val_type letter_type(body_ctx *b, char c)
{
	if (c == 'a')
		return memory_addr(b, ir_instr_memory(b->in));
	return (val_type)ir_letter_type(c);
}

/* Opcodes typed by their opcodes.def row alone. */
static bool check_simple(body_ctx *b)
{
	const ir_opcode_info *info = &ir_opcodes[b->in->op];
	ir_imm_kind kind = (ir_imm_kind)info->imm;
	if (kind == IMM_LANE && !check_lane(b, b->in->imm.lane))
		return false;
	/* A shuffle picks from the lanes of both operands. */
	unsigned both = 2u * ir_shapes[info->shape].lanes;
	if (kind == IMM_SHUFFLE)
		for (int i = 0; i < 16; i++)
			if (b->in->imm.shuffle[i] >= both)
				return fail(b, W2N_DIAG_LANE_INDEX, info->name);
	size_t np = strlen(info->params);
	for (size_t i = np; i-- > 0;)
		if (!pop(b, letter_type(b, info->params[i])))
			return false;
	for (const char *r = info->results; *r; r++)
		push(b, letter_type(b, *r));
	return true;
}

static bool check_instr(body_ctx *b)
{
	switch (b->in->op) {
	case OP_UNREACHABLE: set_unreachable(b); return true;
	case OP_BLOCK:
	case OP_LOOP:
	case OP_IF: return check_block(b);
	case OP_ELSE: return check_else(b);
	case OP_END: return check_end(b);
	case OP_TRY:
	case OP_TRY_TABLE: return check_block(b);
	case OP_CATCH:
	case OP_CATCH_ALL: return check_legacy_catch(b);
	case OP_DELEGATE: return check_delegate(b);
	case OP_RETHROW: return check_rethrow(b);
	case OP_THROW: return check_throw(b);
	case OP_THROW_REF: return check_throw_ref(b);
	case OP_BR: return check_br(b);
	case OP_BR_IF: return check_br_if(b);
	case OP_BR_TABLE: return check_br_table(b);
	case OP_RETURN: return check_return(b);
	case OP_CALL:
	case OP_RETURN_CALL: return check_call(b);
	case OP_CALL_INDIRECT:
	case OP_RETURN_CALL_INDIRECT: return check_call_indirect(b);
	case OP_CALL_REF:
	case OP_RETURN_CALL_REF: return check_call_ref(b);
	case OP_BR_ON_NULL: return check_br_on_null(b);
	case OP_BR_ON_NON_NULL: return check_br_on_non_null(b);
	case OP_DROP: {
		val_type t = VAL_UNKNOWN;
		return pop_any(b, &t);
	}
	case OP_SELECT: return check_select(b);
	case OP_SELECT_T: return check_select_t(b);
	case OP_LOCAL_GET:
	case OP_LOCAL_SET:
	case OP_LOCAL_TEE: return check_local(b);
	case OP_GLOBAL_GET:
	case OP_GLOBAL_SET: return check_global(b);
	case OP_TABLE_GET:
	case OP_TABLE_SET:
	case OP_TABLE_SIZE:
	case OP_TABLE_GROW:
	case OP_TABLE_FILL:
	case OP_TABLE_COPY:
	case OP_TABLE_INIT:
	case OP_ELEM_DROP: return check_table(b);
	case OP_REF_NULL:
	case OP_REF_IS_NULL:
	case OP_REF_AS_NON_NULL:
	case OP_REF_FUNC: return check_ref(b);
	default:
		if (ir_opcodes[b->in->op].mem != IR_MEM_NONE &&
		    !check_memory_immediates(b))
			return false;
		if (b->in->op == OP_MEMORY_COPY)
			return check_memory_copy(b);
		return check_simple(b);
	}
}

/* Declared locals: heap types name types; non-defaultable ones start
 * unset (b->local_set, only when there are some). */
static bool set_up_locals(body_ctx *b)
{
	uint32_t nparams = b->nlocals - b->f->nlocals;
	for (uint32_t i = 0; i < b->f->nlocals; i++) {
		ir_valtype t = b->f->locals[i];
		if (!check_valtype(b, t))
			return false;
		if (ir_valtype_defaultable(t))
			continue;
		if (!b->local_set) {
			b->local_set = w2n_xmalloc(b->nlocals);
			memset(b->local_set, 1, b->nlocals);
		}
		b->local_set[nparams + i] = false;
	}
	return true;
}

bool val_func_body(const val_module_ctx *vc, const ir_func *f)
{
	const ir_functype *t = &vc->m->types[f->type_index];
	body_ctx b = {
	    .vc = vc, .m = vc->m, .f = f, .nlocals = t->nparams + f->nlocals};
	/* The function's own frame: a block from [] to its results. */
	ir_functype frame = {0, t->nresults, NULL, t->results};
	b.in = &f->code[0];
	push_ctrl(&b, OP_BLOCK, &frame);
	bool ok = set_up_locals(&b);
	for (uint32_t i = 0; ok && i < f->ncode; i++) {
		b.in = &f->code[i];
		ok = check_instr(&b);
	}
	free(b.vals);
	free(b.ctrls);
	free(b.local_set);
	free(b.inits);
	return ok;
}
