/*
 * test_table.c - tables: creation limits, growth (spec 4.4.6 table.grow:
 * -1 past the maximum, new slots set to the init value) and the bulk
 * instructions at their exact bounds; a trapping one writes nothing.
 */
#include "fake.h"
#include "../check.h"

static int marker[8]; /* distinct non-null references */
#define REF(i) ((void *)&marker[i])

static void check_new(void)
{
	CHECK(!w2n_rt_table_new(2, 1, 1, W2N_RT_FUNCREF));
	CHECK(!w2n_rt_table_new(0, UINT64_C(1) << 32, 1, W2N_RT_FUNCREF));
	CHECK(!w2n_rt_table_new(W2N_RT_TABLE_LIMIT + 1, 0, 0, W2N_RT_FUNCREF));
	w2n_rt_table *t = w2n_rt_table_new(2, 0, 0, W2N_RT_EXTERNREF);
	if (!CHECK(t))
		return;
	CHECK_EQ(t->size, 2);
	CHECK_EQ(t->max, UINT32_MAX);
	CHECK_EQ(t->elem_type, W2N_RT_EXTERNREF);
	CHECK(!w2n_rt_table_has_max(t));
	CHECK(t->elems[0] == NULL && t->elems[1] == NULL);
	/* Past 2^32 - 1 elements, and past the implementation limit. */
	CHECK_EQ(w2n_rt_table_grow_by(t, UINT32_MAX, NULL), -1);
	CHECK_EQ(w2n_rt_table_grow_by(t, 0xFFFFFFF0u, NULL), -1);
	CHECK_EQ(w2n_rt_table_grow_by(t, W2N_RT_TABLE_LIMIT, NULL), -1);
	CHECK_EQ(t->size, 2);
	w2n_rt_table_retain(t);
	w2n_rt_table_free(t);
	t->elems[0] = REF(0); /* still alive */
	w2n_rt_table_free(t);
	w2n_rt_table_free(NULL);
}

/* 64-bit tables: any u64 limits, the declared maximum kept for import
 * matching and capped for growth; the size limit still holds. */
static void check_new64(void)
{
	CHECK(!w2n_rt_table_new64(2, 1, 1, W2N_RT_FUNCREF));
	CHECK(
	    !w2n_rt_table_new64(W2N_RT_TABLE_LIMIT + 1, 0, 0, W2N_RT_FUNCREF));
	w2n_rt_table *t =
	    w2n_rt_table_new64(1, UINT64_C(1) << 40, 1, W2N_RT_FUNCREF);
	if (!CHECK(t))
		return;
	CHECK(w2n_rt_table_is64(t));
	CHECK_EQ(w2n_rt_table_max(t), UINT64_C(1) << 40);
	CHECK_EQ(t->max, UINT32_MAX);
	CHECK_EQ(w2n_rt_table_grow_by(t, 2, REF(1)), 1);
	CHECK(t->elems[2] == REF(1));
	w2n_rt_table_free(t);
	t = w2n_rt_table_new(0, 0, 0, W2N_RT_FUNCREF);
	if (CHECK(t))
		CHECK(!w2n_rt_table_is64(t) &&
		      w2n_rt_table_max(t) == UINT32_MAX);
	w2n_rt_table_free(t);
}

static void check_grow(void)
{
	w2n_rt_table *t = w2n_rt_table_new(1, 4, 1, W2N_RT_FUNCREF);
	if (!CHECK(t))
		return;
	t->elems[0] = REF(0);
	CHECK(w2n_rt_table_has_max(t));
	CHECK_EQ(w2n_rt_table_grow_by(t, 0, REF(1)), 1);
	CHECK_EQ(w2n_rt_table_grow_by(t, 2, REF(1)), 1);
	CHECK_EQ(t->size, 3);
	CHECK(t->elems[0] == REF(0) && t->elems[1] == REF(1) &&
	      t->elems[2] == REF(1));
	CHECK_EQ(w2n_rt_table_grow_by(t, 2, REF(2)), -1);
	CHECK_EQ(t->size, 3);
	w2n_rt_alloc_fail_after(0);
	CHECK_EQ(w2n_rt_table_grow_by(t, 1, REF(2)), -1);
	CHECK_EQ(t->size, 3);
	CHECK_EQ(w2n_rt_table_grow_by(t, 1, NULL), 3);
	CHECK(t->elems[3] == NULL && t->elems[2] == REF(1));
	CHECK_EQ(w2n_rt_table_grow_by(t, 1, NULL), -1);
	w2n_rt_table_free(t);
	for (long n = 0; n < 2; n++) {
		w2n_rt_alloc_fail_after(n);
		CHECK(!w2n_rt_table_new(1, 1, 1, W2N_RT_FUNCREF));
	}
	w2n_rt_alloc_fail_after(-1);
}

/* ---- The instructions, run as Wasm code ---- */

enum { OP_FILL, OP_COPY, OP_INIT, OP_DROP, OP_GROW };

typedef struct table_op {
	int op;
	uint32_t a, b, c;
	void *ref;
	int32_t result;
} table_op;

static void run_op(w2n_rt_instance *inst, void *arg)
{
	table_op *o = arg;
	switch (o->op) {
	case OP_FILL: w2n_rt_table_fill(inst, 0, o->a, o->ref, o->b); break;
	case OP_COPY: w2n_rt_table_copy(inst, 0, 0, o->a, o->b, o->c); break;
	case OP_INIT: w2n_rt_table_init(inst, 0, 0, o->a, o->b, o->c); break;
	case OP_DROP: w2n_rt_elem_drop(inst, 0); break;
	default: o->result = w2n_rt_table_grow(inst, 0, o->ref, o->a); break;
	}
}

/* Runs the operation as Wasm code: its trap kind, or the result of
 * table.grow. */
static uint32_t op(w2n_rt_instance *inst, int kind, uint32_t a, uint32_t b,
                   uint32_t c, void *ref)
{
	table_op o = {kind, a, b, c, ref, 0};
	w2n_rt_error err;
	if (fake_call(inst, 0, run_op, &o, &err))
		return kind == OP_GROW ? (uint32_t)o.result : W2N_TRAP_NONE;
	return err.trap;
}

#define OOB W2N_TRAP_OOB_TABLE
#define NONE W2N_TRAP_NONE

/* Table of 4; fill's a = dst, b = len. */
static void check_fill(w2n_rt_instance *inst, w2n_rt_table *t)
{
	CHECK_EQ(op(inst, OP_FILL, 4, 0, 0, REF(1)), NONE);
	CHECK_EQ(op(inst, OP_FILL, 5, 0, 0, REF(1)), OOB);
	CHECK_EQ(op(inst, OP_FILL, 3, 2, 0, REF(1)), OOB);
	CHECK(t->elems[3] == NULL);
	CHECK_EQ(op(inst, OP_FILL, UINT32_MAX, 2, 0, REF(1)), OOB);
	CHECK_EQ(op(inst, OP_FILL, 1, 2, 0, REF(1)), NONE);
	CHECK(t->elems[0] == NULL && t->elems[1] == REF(1) &&
	      t->elems[2] == REF(1) && t->elems[3] == NULL);
	CHECK_EQ(op(inst, OP_FILL, 0, 4, 0, NULL), NONE);
	CHECK(t->elems[1] == NULL);
}

static void check_copy(w2n_rt_instance *inst, w2n_rt_table *t)
{
	for (int i = 0; i < 4; i++)
		t->elems[i] = REF(i);
	CHECK_EQ(op(inst, OP_COPY, 1, 0, 3, NULL), NONE);
	CHECK(t->elems[0] == REF(0) && t->elems[1] == REF(0) &&
	      t->elems[3] == REF(2));
	CHECK_EQ(op(inst, OP_COPY, 0, 1, 3, NULL), NONE);
	CHECK(t->elems[0] == REF(0) && t->elems[1] == REF(1) &&
	      t->elems[2] == REF(2) && t->elems[3] == REF(2));
	CHECK_EQ(op(inst, OP_COPY, 4, 0, 0, NULL), NONE);
	CHECK_EQ(op(inst, OP_COPY, 0, 4, 0, NULL), NONE);
	CHECK_EQ(op(inst, OP_COPY, 5, 0, 0, NULL), OOB);
	CHECK_EQ(op(inst, OP_COPY, 0, 5, 0, NULL), OOB);
	CHECK_EQ(op(inst, OP_COPY, 3, 0, 2, NULL), OOB);
	CHECK(t->elems[3] == REF(2));
	CHECK_EQ(op(inst, OP_COPY, 0, UINT32_MAX, 2, NULL), OOB);
	CHECK(t->elems[0] == REF(0));
}

/* Segment 0 has 3 items, which init set to REF(5..7). */
static void check_init(w2n_rt_instance *inst, w2n_rt_table *t)
{
	CHECK_EQ(op(inst, OP_FILL, 0, 4, 0, NULL), NONE);
	CHECK_EQ(op(inst, OP_INIT, 1, 0, 3, NULL), NONE);
	CHECK(t->elems[0] == NULL && t->elems[1] == REF(5) &&
	      t->elems[3] == REF(7));
	CHECK_EQ(op(inst, OP_INIT, 2, 0, 3, NULL), OOB);
	CHECK(t->elems[2] == REF(6));
	CHECK_EQ(op(inst, OP_INIT, 0, 3, 0, NULL), NONE);
	CHECK_EQ(op(inst, OP_INIT, 0, 4, 0, NULL), OOB);
	CHECK_EQ(op(inst, OP_INIT, 0, 1, 3, NULL), OOB);
	CHECK_EQ(op(inst, OP_INIT, 4, 0, 0, NULL), NONE);
	CHECK_EQ(op(inst, OP_INIT, 5, 0, 0, NULL), OOB);
	CHECK_EQ(op(inst, OP_INIT, 0, UINT32_MAX, 1, NULL), OOB);
	CHECK_EQ(op(inst, OP_DROP, 0, 0, 0, NULL), NONE);
	CHECK_EQ(op(inst, OP_DROP, 0, 0, 0, NULL), NONE);
	CHECK_EQ(op(inst, OP_INIT, 0, 0, 0, NULL), NONE);
	CHECK_EQ(op(inst, OP_INIT, 4, 0, 0, NULL), NONE);
	CHECK_EQ(op(inst, OP_INIT, 0, 0, 1, NULL), OOB);
	CHECK_EQ(op(inst, OP_INIT, 0, 1, 0, NULL), OOB);
}

static void check_grow_op(w2n_rt_instance *inst, w2n_rt_table *t)
{
	CHECK_EQ(op(inst, OP_GROW, 2, 0, 0, REF(3)), 4);
	CHECK_EQ(op(inst, OP_GROW, 3, 0, 0, REF(3)), (uint32_t)-1);
	CHECK_EQ(op(inst, OP_GROW, 0, 0, 0, NULL), 6);
	CHECK(t->elems[5] == REF(3));
	CHECK_EQ(op(inst, OP_FILL, 5, 1, 0, NULL), NONE);
	CHECK_EQ(op(inst, OP_FILL, 5, 2, 0, NULL), OOB);
	CHECK_EQ(op(inst, OP_GROW, 2, 0, 0, NULL), 6);
	CHECK_EQ(op(inst, OP_GROW, 1, 0, 0, NULL), (uint32_t)-1);
}

/* m->init: evaluates segment 0's items as codegen's init would. */
static void init_items(w2n_rt_instance *inst)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	w2n_rt_elem_segment *seg = w2n_rt_instance_slot(inst, m->layout.elems);
	for (int i = 0; i < 3; i++)
		seg->items[i] = REF(5 + i);
}

static void check_instructions(void)
{
	fake_module fm;
	fake_init(&fm);
	fake_func(&fm, FT_V_V, FAKE_CODE(fake_run_body), "body");
	fm.m.ntables = 1;
	fm.tables[0] = (w2n_rt_limits){4, 8, 1, W2N_RT_EXTERNREF, 0, 0};
	fm.m.nelems = 1;
	fm.elem_sizes[0] = 3;
	fm.m.init = init_items;
	w2n_rt_error err;
	w2n_rt_instance *inst =
	    w2n_rt_instantiate(fake_finish(&fm), NULL, NULL, &err);
	if (!CHECK(inst))
		return;
	w2n_rt_table *t = w2n_rt_instance_table(inst, 0);
	CHECK(t && t->size == 4 && t->max == 8);
	check_fill(inst, t);
	check_copy(inst, t);
	check_init(inst, t);
	check_grow_op(inst, t);
	w2n_rt_instance_free(inst);
}

int main(void)
{
	check_new();
	check_new64();
	check_grow();
	check_instructions();
	return check_report("rt-table");
}
