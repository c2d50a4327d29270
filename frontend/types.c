/*
 * types.c - type equivalence and subtyping of the module IR (spec 3.0,
 * "Type Equivalence" and "Matching").  Without GC's recursion groups and
 * declared subtypes, every function type is a recursion group of its own
 * and is final: two types are equivalent when they have the same shape,
 * with references to earlier types going to equivalent types and a
 * reference of a type to itself matching only a reference of the other
 * to itself.  The decoder fills ir_module.type_canon once; later
 * comparisons of type indices compare their canonical entries.
 */
#include <stdlib.h>

#include "decode_internal.h"

/* A reference of type `self` to `k`, as it takes part in equivalence:
 * itself, a canonical earlier type, or (an invalid forward reference,
 * which validation rejects) the index itself. */
static uint64_t heap_key(const uint32_t *canon, uint32_t self, uint32_t k)
{
	if (k == self)
		return UINT64_MAX;
	return k < self ? canon[k] : (uint64_t)k << 32;
}

static bool same_valtype(const uint32_t *canon, ir_valtype a, uint32_t sa,
                         ir_valtype b, uint32_t sb)
{
	uint32_t low = (1u << IR_REF_INDEX_SHIFT) - 1;
	if ((a & low) != (b & low))
		return false;
	if (!ir_valtype_typed(a))
		return true;
	return heap_key(canon, sa, ir_valtype_index(a)) ==
	       heap_key(canon, sb, ir_valtype_index(b));
}

static bool same_valtypes(const uint32_t *canon, const ir_valtype *a,
                          uint32_t sa, const ir_valtype *b, uint32_t sb,
                          uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (!same_valtype(canon, a[i], sa, b[i], sb))
			return false;
	return true;
}

static bool same_functype(const ir_module *m, const uint32_t *canon, uint32_t i,
                          uint32_t j)
{
	const ir_functype *a = &m->types[i], *b = &m->types[j];
	return a->nparams == b->nparams && a->nresults == b->nresults &&
	       same_valtypes(canon, a->params, i, b->params, j, a->nparams) &&
	       same_valtypes(canon, a->results, i, b->results, j, a->nresults);
}

/* FNV-1a over what same_functype compares. */
static uint32_t hash_functype(const ir_module *m, const uint32_t *canon,
                              uint32_t i)
{
	const ir_functype *t = &m->types[i];
	uint32_t h = 2166136261u ^ t->nparams;
	uint32_t n = t->nparams + t->nresults;
	for (uint32_t k = 0; k < n; k++) {
		ir_valtype v =
		    k < t->nparams ? t->params[k] : t->results[k - t->nparams];
		uint64_t key = v & ((1u << IR_REF_INDEX_SHIFT) - 1);
		if (ir_valtype_typed(v))
			key ^= heap_key(canon, i, ir_valtype_index(v)) << 12;
		h = (h ^ (uint32_t)key ^ (uint32_t)(key >> 32)) * 16777619u;
	}
	return h;
}

void dec_canon_types(ir_module *m)
{
	uint32_t *canon = w2n_arena_array(&m->arena, m->ntypes ? m->ntypes : 1,
	                                  sizeof *canon);
	/* Open addressing over the representatives, at most half full. */
	uint32_t nslots = 16;
	while (nslots < 2 * (uint64_t)m->ntypes)
		nslots *= 2;
	uint32_t *slots = w2n_xmalloc(nslots * sizeof *slots);
	for (uint32_t s = 0; s < nslots; s++)
		slots[s] = UINT32_MAX;
	for (uint32_t i = 0; i < m->ntypes; i++) {
		uint32_t s = hash_functype(m, canon, i) & (nslots - 1);
		while (slots[s] != UINT32_MAX &&
		       !same_functype(m, canon, slots[s], i))
			s = (s + 1) & (nslots - 1);
		if (slots[s] == UINT32_MAX)
			slots[s] = i;
		canon[i] = slots[s];
	}
	free(slots);
	m->type_canon = canon;
}

bool ir_valtype_sub(const ir_module *m, ir_valtype a, ir_valtype b)
{
	if (a == b)
		return true;
	if (!ir_valtype_is_ref(a) || !ir_valtype_is_ref(b) ||
	    (a & 0xFF) != (b & 0xFF))
		return false;
	if (ir_valtype_nullable(a) && !ir_valtype_nullable(b))
		return false;
	if (!ir_valtype_typed(b))
		return true;
	return ir_valtype_typed(a) && m->type_canon[ir_valtype_index(a)] ==
	                                  m->type_canon[ir_valtype_index(b)];
}
