/*
 * types.c - canonical function type ids.  Every signature seen by the
 * process is interned once in a hash table behind a mutex; its id is its
 * position in the table plus one, so ids are small, never 0, and equal
 * exactly when the signatures are equal, whichever module they came from.
 * call_indirect compares these ids, and instantiation checks function
 * imports with them.  A signature with typed references carries, besides
 * its codes, the canonical form of each value type (w2n_rt_canon_valtype:
 * a type index replaced by that type's id, or W2N_RT_REF_SELF for the
 * type itself), so that ids follow type equivalence (spec 3.0) too.
 * Entries live until the process ends.
 */
#include <pthread.h>
#include <string.h>

#include "rt_internal.h"

typedef struct type_entry {
	struct type_entry *next; /* same bucket */
	uint32_t id, hash, nparams, nresults;
	uint32_t *refs; /* NULL, or nparams + nresults canonical types */
	uint8_t types[];
} type_entry;

static struct {
	pthread_mutex_t lock;
	type_entry **buckets;
	uint32_t nbuckets, count;
} interned = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* FNV-1a over the counts, the type codes and the canonical types. */
static uint32_t hash_signature(uint32_t nparams, uint32_t nresults,
                               const uint8_t *types, const uint32_t *refs)
{
	uint32_t h = 2166136261u;
	uint32_t counts[2] = {nparams, nresults};
	const uint8_t *c = (const uint8_t *)counts;
	for (size_t i = 0; i < sizeof counts; i++)
		h = (h ^ c[i]) * 16777619u;
	for (uint64_t i = 0; i < (uint64_t)nparams + nresults; i++)
		h = (h ^ types[i] ^ (refs ? refs[i] >> 8 : 0)) * 16777619u;
	return h;
}

static bool same_signature(const type_entry *e, uint32_t hash, uint32_t nparams,
                           uint32_t nresults, const uint8_t *types,
                           const uint32_t *refs)
{
	size_t n = (size_t)nparams + nresults;
	if (e->hash != hash || e->nparams != nparams ||
	    e->nresults != nresults || (e->refs == NULL) != (refs == NULL))
		return false;
	return n == 0 || (memcmp(e->types, types, n) == 0 &&
	                  (!refs || memcmp(e->refs, refs, n * 4) == 0));
}

/* Doubles the bucket array once the table is fuller than 3/4. */
static bool make_room(void)
{
	if (interned.buckets && interned.count < interned.nbuckets / 4 * 3)
		return true;
	uint32_t n = interned.nbuckets ? interned.nbuckets * 2 : 64;
	type_entry **b = w2n_rt_calloc(n, sizeof *b);
	if (!b)
		return false;
	for (uint32_t i = 0; i < interned.nbuckets; i++) {
		type_entry *e = interned.buckets[i], *next;
		for (; e; e = next) {
			next = e->next;
			e->next = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
		}
	}
	w2n_rt_free(interned.buckets);
	interned.buckets = b;
	interned.nbuckets = n;
	return true;
}

/* Looks the signature up, adding it if new; 0 when out of memory. */
static uint32_t intern(uint32_t hash, uint32_t nparams, uint32_t nresults,
                       const uint8_t *types, const uint32_t *refs)
{
	if (interned.buckets) {
		type_entry *e =
		    interned.buckets[hash & (interned.nbuckets - 1)];
		for (; e; e = e->next)
			if (same_signature(e, hash, nparams, nresults, types,
			                   refs))
				return e->id;
	}
	size_t ntypes = (size_t)nparams + nresults;
	type_entry *e = w2n_rt_malloc(sizeof *e + ntypes);
	uint32_t *copy = refs ? w2n_rt_malloc(ntypes * 4) : NULL;
	if (!e || (refs && !copy) || !make_room()) {
		w2n_rt_free(e);
		w2n_rt_free(copy);
		return 0;
	}
	if (refs)
		memcpy(copy, refs, ntypes * 4);
	e->refs = copy;
	e->id = ++interned.count;
	e->hash = hash;
	e->nparams = nparams;
	e->nresults = nresults;
	if (ntypes)
		memcpy(e->types, types, ntypes);
	type_entry **bucket = &interned.buckets[hash & (interned.nbuckets - 1)];
	e->next = *bucket;
	*bucket = e;
	return e->id;
}

uint32_t w2n_rt_type_id_refs(uint32_t nparams, uint32_t nresults,
                             const uint8_t *types, const uint32_t *refs)
{
	uint32_t hash = hash_signature(nparams, nresults, types, refs);
	pthread_mutex_lock(&interned.lock);
	uint32_t id = intern(hash, nparams, nresults, types, refs);
	pthread_mutex_unlock(&interned.lock);
	return id;
}

uint32_t w2n_rt_type_id(uint32_t nparams, uint32_t nresults,
                        const uint8_t *types)
{
	return w2n_rt_type_id_refs(nparams, nresults, types, NULL);
}

uint32_t w2n_rt_canon_valtype(const w2n_rt_instance *inst, uint32_t t)
{
	if (!(t & W2N_RT_REF_TYPED))
		return t;
	uint32_t index = t >> W2N_RT_REF_INDEX_SHIFT;
	uint32_t low = t & ((1u << W2N_RT_REF_INDEX_SHIFT) - 1);
	return low | w2n_rt_type_ids_of(inst)[index] << W2N_RT_REF_INDEX_SHIFT;
}

bool w2n_rt_valtype_sub(uint32_t a, uint32_t b)
{
	if (a == b)
		return true;
	if ((a & 0xFF) != (b & 0xFF) || (a & 0xFF) < W2N_RT_EXTERNREF ||
	    (a & 0xFF) > W2N_RT_FUNCREF)
		return false;
	if (!(a & W2N_RT_REF_NONNULL) && (b & W2N_RT_REF_NONNULL))
		return false;
	if (!(b & W2N_RT_REF_TYPED))
		return true;
	return (a & W2N_RT_REF_TYPED) &&
	       a >> W2N_RT_REF_INDEX_SHIFT == b >> W2N_RT_REF_INDEX_SHIFT;
}
