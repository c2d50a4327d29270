/*
 * table.c - tables and the table instructions generated code leaves to
 * the runtime (table.grow, fill, copy, init, elem.drop).  A table is a
 * heap array of element pointers (NULL is the null reference) that may
 * move when it grows; tables are reference counted because instances
 * share them through imports.  A 64-bit table (table64) takes i64 indices
 * in generated code; its size stays below W2N_RT_TABLE_LIMIT like any
 * other's, so the 32-bit `size` and `max` of w2n_rt_table hold it (`max`
 * capped at UINT32_MAX; the declared maximum is kept for import matching).
 */
#include <stdatomic.h>
#include <string.h>

#include "rt_internal.h"

/* The runtime's table object; a w2n_rt_table * points to its start. */
typedef struct table_obj {
	w2n_rt_table pub;
	atomic_uint refs;
	uint32_t has_max;
	uint32_t addr64;   /* a 64-bit table (w2n_rt_table_new64) */
	uint64_t declared; /* the maximum it was created with */
} table_obj;

static table_obj *obj_of(const w2n_rt_table *t)
{
	return (table_obj *)(uintptr_t)(const void *)t;
}

/* A table of `min` elements of at most `max` (checked but for the
 * implementation limit). */
static w2n_rt_table *table_new(uint64_t min, uint64_t max, uint32_t has_max,
                               uint32_t elem_type, uint32_t addr64)
{
	if (min > W2N_RT_TABLE_LIMIT)
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
	o->pub.max = max > UINT32_MAX ? UINT32_MAX : (uint32_t)max;
	o->pub.elem_type = elem_type;
	o->has_max = has_max != 0;
	o->addr64 = addr64;
	o->declared = max;
	atomic_init(&o->refs, 1);
	return &o->pub;
}

w2n_rt_table *w2n_rt_table_new(uint64_t min, uint64_t max, uint32_t has_max,
                               uint32_t elem_type)
{
	if (!has_max)
		max = UINT32_MAX;
	if (min > max || max > UINT32_MAX)
		return NULL;
	return table_new(min, max, has_max, elem_type, 0);
}

w2n_rt_table *w2n_rt_table_new64(uint64_t min, uint64_t max, uint32_t has_max,
                                 uint32_t elem_type)
{
	if (!has_max)
		max = UINT64_MAX;
	if (min > max)
		return NULL;
	return table_new(min, max, has_max, elem_type, 1);
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

bool w2n_rt_table_is64(const w2n_rt_table *t)
{
	return obj_of(t)->addr64 != 0;
}

uint64_t w2n_rt_table_max(const w2n_rt_table *t)
{
	return obj_of(t)->declared;
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

/* Traps unless [at, at + len) lies within `size` elements (no sum that
 * could wrap). */
static void check_range(w2n_rt_instance *inst, uint64_t at, uint64_t len,
                        uint64_t size)
{
	if (len > size || at > size - len)
		w2n_rt_trap(inst, UINT32_MAX, W2N_TRAP_OOB_TABLE, UINT32_MAX);
}

int32_t w2n_rt_table_grow(w2n_rt_instance *inst, uint32_t table, void *init,
                          uint32_t delta)
{
	return (int32_t)w2n_rt_table_grow64(inst, table, init, delta);
}

uint64_t w2n_rt_table_grow64(w2n_rt_instance *inst, uint32_t table, void *init,
                             uint64_t delta)
{
	w2n_rt_table *t = table_at(inst, table);
	if (delta > UINT32_MAX || /* past any table's size limit */
	    !w2n_rt_limits_allow_table(inst, t->size, delta))
		return UINT64_MAX;
	return (uint64_t)w2n_rt_table_grow_by(t, (uint32_t)delta, init);
}

/* Checked, [at, at + len) lies in the table: size_t casts are exact. */
void w2n_rt_table_fill64(w2n_rt_instance *inst, uint32_t table, uint64_t dst,
                         void *value, uint64_t len)
{
	w2n_rt_table *t = table_at(inst, table);
	check_range(inst, dst, len, t->size);
	for (size_t i = 0; i < (size_t)len; i++)
		t->elems[(size_t)dst + i] = value;
}

void w2n_rt_table_fill(w2n_rt_instance *inst, uint32_t table, uint32_t dst,
                       void *value, uint32_t len)
{
	w2n_rt_table_fill64(inst, table, dst, value, len);
}

void w2n_rt_table_copy64(w2n_rt_instance *inst, uint32_t dst_table,
                         uint32_t src_table, uint64_t dst, uint64_t src,
                         uint64_t len)
{
	w2n_rt_table *to = table_at(inst, dst_table);
	w2n_rt_table *from = table_at(inst, src_table);
	check_range(inst, src, len, from->size);
	check_range(inst, dst, len, to->size);
	if (len)
		memmove(to->elems + (size_t)dst, from->elems + (size_t)src,
		        (size_t)len * sizeof(void *));
}

void w2n_rt_table_copy(w2n_rt_instance *inst, uint32_t dst_table,
                       uint32_t src_table, uint32_t dst, uint32_t src,
                       uint32_t len)
{
	w2n_rt_table_copy64(inst, dst_table, src_table, dst, src, len);
}

void w2n_rt_table_init64(w2n_rt_instance *inst, uint32_t table, uint32_t elem,
                         uint64_t dst, uint32_t src, uint32_t len)
{
	w2n_rt_table *t = table_at(inst, table);
	const w2n_rt_elem_segment *seg = &w2n_rt_elems_of(inst)[elem];
	check_range(inst, src, len, seg->len);
	check_range(inst, dst, len, t->size);
	if (len)
		memcpy(t->elems + (size_t)dst, seg->items + src,
		       (size_t)len * sizeof(void *));
}

void w2n_rt_table_init(w2n_rt_instance *inst, uint32_t table, uint32_t elem,
                       uint32_t dst, uint32_t src, uint32_t len)
{
	w2n_rt_table_init64(inst, table, elem, dst, src, len);
}

void w2n_rt_elem_drop(w2n_rt_instance *inst, uint32_t elem)
{
	w2n_rt_elems_of(inst)[elem].len = 0;
}
