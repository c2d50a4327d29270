/*
 * table.c - tables and the table instructions generated code leaves to
 * the runtime (table.grow, fill, copy, init, elem.drop).  A table is a
 * heap array of element pointers (NULL is the null reference) that may
 * move when it grows; tables are reference counted because instances
 * share them through imports.
 */
#include <stdatomic.h>
#include <string.h>

#include "rt_internal.h"

/* The runtime's table object; a w2n_rt_table * points to its start. */
typedef struct table_obj {
	w2n_rt_table pub;
	atomic_uint refs;
	uint32_t has_max;
} table_obj;

static table_obj *obj_of(const w2n_rt_table *t)
{
	return (table_obj *)(uintptr_t)(const void *)t;
}

w2n_rt_table *w2n_rt_table_new(uint64_t min, uint64_t max, uint32_t has_max,
                               uint32_t elem_type)
{
	if (!has_max)
		max = UINT32_MAX;
	if (min > max || max > UINT32_MAX || min > W2N_RT_TABLE_LIMIT)
		return NULL;
	table_obj *o = w2n_rt_calloc(1, sizeof *o);
	if (!o)
		return NULL;
	o->pub.elems = w2n_rt_calloc((size_t)min, sizeof(void *));
	if (!o->pub.elems) {
		w2n_rt_free(o);
		return NULL;
	}
	o->pub.size = (uint32_t)min;
	o->pub.max = (uint32_t)max;
	o->pub.elem_type = elem_type;
	o->has_max = has_max != 0;
	atomic_init(&o->refs, 1);
	return &o->pub;
}

void w2n_rt_table_retain(w2n_rt_table *t)
{
	atomic_fetch_add(&obj_of(t)->refs, 1);
}

void w2n_rt_table_free(w2n_rt_table *t)
{
	if (!t)
		return;
	table_obj *o = obj_of(t);
	if (atomic_fetch_sub(&o->refs, 1) != 1)
		return;
	w2n_rt_free(t->elems);
	w2n_rt_free(o);
}

bool w2n_rt_table_has_max(const w2n_rt_table *t)
{
	return obj_of(t)->has_max != 0;
}

int64_t w2n_rt_table_grow_by(w2n_rt_table *t, uint32_t delta, void *init)
{
	uint64_t old = t->size, size = old + delta;
	if (size > t->max || size > W2N_RT_TABLE_LIMIT)
		return -1;
	if (delta == 0)
		return (int64_t)old;
	void **elems = w2n_rt_realloc(t->elems, (size_t)size * sizeof *elems);
	if (!elems)
		return -1;
	for (uint64_t i = old; i < size; i++)
		elems[i] = init;
	t->elems = elems;
	t->size = (uint32_t)size;
	return (int64_t)old;
}

/* ---- What generated code calls ---- */

static w2n_rt_table *table_at(w2n_rt_instance *inst, uint32_t index)
{
	return w2n_rt_tables_of(inst)[index];
}

/* Traps unless [at, at + len) lies within `size` elements (64-bit sum). */
static void check_range(w2n_rt_instance *inst, uint64_t at, uint64_t len,
                        uint64_t size)
{
	if (at + len > size)
		w2n_rt_trap(inst, UINT32_MAX, W2N_TRAP_OOB_TABLE);
}

int32_t w2n_rt_table_grow(w2n_rt_instance *inst, uint32_t table, void *init,
                          uint32_t delta)
{
	return (int32_t)w2n_rt_table_grow_by(table_at(inst, table), delta,
	                                     init);
}

void w2n_rt_table_fill(w2n_rt_instance *inst, uint32_t table, uint32_t dst,
                       void *value, uint32_t len)
{
	w2n_rt_table *t = table_at(inst, table);
	check_range(inst, dst, len, t->size);
	for (uint32_t i = 0; i < len; i++)
		t->elems[dst + i] = value;
}

void w2n_rt_table_copy(w2n_rt_instance *inst, uint32_t dst_table,
                       uint32_t src_table, uint32_t dst, uint32_t src,
                       uint32_t len)
{
	w2n_rt_table *to = table_at(inst, dst_table);
	w2n_rt_table *from = table_at(inst, src_table);
	check_range(inst, src, len, from->size);
	check_range(inst, dst, len, to->size);
	if (len)
		memmove(to->elems + dst, from->elems + src,
		        (size_t)len * sizeof(void *));
}

void w2n_rt_table_init(w2n_rt_instance *inst, uint32_t table, uint32_t elem,
                       uint32_t dst, uint32_t src, uint32_t len)
{
	w2n_rt_table *t = table_at(inst, table);
	const w2n_rt_elem_segment *seg = &w2n_rt_elems_of(inst)[elem];
	check_range(inst, src, len, seg->len);
	check_range(inst, dst, len, t->size);
	if (len)
		memcpy(t->elems + dst, seg->items + src,
		       (size_t)len * sizeof(void *));
}

void w2n_rt_elem_drop(w2n_rt_instance *inst, uint32_t elem)
{
	w2n_rt_elems_of(inst)[elem].len = 0;
}
