/*
 * embed_exception.c - exception handling in the embedding API
 * (include/wasm2native.h, docs/exceptions.md): host tags, an instance's
 * exported tags, host functions that throw, and uncaught exceptions as
 * errors.
 *
 * A w2n_tag handle is the runtime's w2n_rt_tag: an instance's tag lives
 * in its instance block (module set); a host's tag is a host_tag whose
 * w2n_rt_tag comes first (module NULL) and which counts references.
 */
#include <pthread.h>
#include <string.h>

#include "embed_internal.h"

struct w2n_tag {
	w2n_rt_tag rt;
};

/* A tag the host made. */
typedef struct host_tag {
	w2n_rt_tag rt; /* first: the handle points here */
	atomic_uint refs;
	w2n_rt_functype type;
	uint8_t types[]; /* the parameters */
} host_tag;

static host_tag *host_tag_of(w2n_tag *tag)
{
	return tag && !tag->rt.module ? (host_tag *)(void *)tag : NULL;
}

/* ---- Tags ---- */

w2n_tag *w2n_tag_new(const w2n_functype *type, w2n_error *err)
{
	w2n_embed_ok(err);
	if (!type || type->nresults || (type->nparams && !type->params))
		return w2n_embed_fail(err, W2N_ERROR_USAGE,
		                      "a tag's type has parameters only"),
		       NULL;
	for (uint32_t i = 0; i < type->nparams; i++)
		if (!w2n_embed_is_valtype(type->params[i]))
			return w2n_embed_fail(err, W2N_ERROR_USAGE,
			                      "invalid value type"),
			       NULL;
	host_tag *t = w2n_rt_calloc(1, sizeof *t + type->nparams);
	uint32_t id = t ? w2n_rt_type_id(type->nparams, 0, type->params) : 0;
	if (!id) {
		w2n_rt_free(t);
		return w2n_embed_fail(err, W2N_ERROR_RESOURCE, "out of memory"),
		       NULL;
	}
	if (type->nparams)
		memcpy(t->types, type->params, type->nparams);
	atomic_init(&t->refs, 1);
	t->type.nparams = type->nparams;
	t->type.types = t->types;
	t->rt.type_id = id;
	t->rt.type = &t->type;
	return (w2n_tag *)(void *)t;
}

bool w2n_embed_tag_retain(w2n_tag *tag)
{
	host_tag *t = host_tag_of(tag);
	if (t)
		atomic_fetch_add(&t->refs, 1);
	return t != NULL;
}

void w2n_tag_free(w2n_tag *tag)
{
	host_tag *t = host_tag_of(tag);
	if (t && atomic_fetch_sub(&t->refs, 1) == 1)
		w2n_rt_free(t);
}

w2n_functype w2n_tag_type(const w2n_tag *tag)
{
	const w2n_rt_functype *t = tag->rt.type;
	return (w2n_functype){t->nparams, 0, t->types, NULL};
}

w2n_rt_tag *w2n_embed_rt_tag(w2n_tag *tag)
{
	return &tag->rt;
}

w2n_tag *w2n_instance_tag(w2n_instance *inst, const char *name)
{
	const w2n_rt_export *e =
	    name ? w2n_rt_find_export(inst->module->rt, name) : NULL;
	if (!e || e->kind != W2N_RT_EXTERN_TAG)
		return NULL;
	return (w2n_tag *)(void *)w2n_rt_instance_tag(inst->rt, e->index);
}

/* ---- Throwing from a host function ---- */

int w2n_throw(w2n_instance *caller, w2n_tag *tag, const w2n_value *values,
              size_t n)
{
	(void)caller; /* the exception is raised in the calling thread */
	const w2n_rt_functype *t = tag ? tag->rt.type : NULL;
	if (!t || n != t->nparams || (n && !values))
		return 1;
	w2n_rt_value small[16] = {{.i64 = 0}}, *vals = small;
	if (n > 16 && !(vals = w2n_rt_malloc(n * sizeof *vals)))
		return 1;
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		ok = ok && values[i].type == t->types[i];
		w2n_embed_value_to(&values[i], &vals[i]);
	}
	w2n_rt_exception *exn =
	    ok ? w2n_rt_exn_new(&tag->rt, vals, (uint32_t)n) : NULL;
	if (vals != small)
		w2n_rt_free(vals);
	if (!exn)
		return 1;
	w2n_rt_set_pending(exn);
	return W2N_HOST_THROW;
}

/* ---- Uncaught exceptions ---- */

/* The values of this thread's last uncaught exception (w2n_error). */
static _Thread_local struct {
	w2n_value *values;
	size_t cap;
} last;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static pthread_key_t key;

static void free_last(void *arg)
{
	(void)arg;
	w2n_rt_free(last.values);
	last.values = NULL;
	last.cap = 0;
}

static void make_key(void)
{
	pthread_key_create(&key, free_last);
}

/* Room for n values in `last`; false when out of memory. */
static bool reserve(size_t n)
{
	if (n <= last.cap)
		return true;
	w2n_value *v = w2n_rt_realloc(last.values, n * sizeof *v);
	if (!v)
		return false;
	pthread_once(&key_once, make_key);
	pthread_setspecific(key, &last);
	last.values = v;
	last.cap = n;
	return true;
}

void w2n_embed_exception_error(const w2n_rt_exception *exn, w2n_error *err)
{
	if (!err || !exn)
		return;
	const w2n_rt_functype *t = exn->tag->type;
	size_t n = exn->nvalues;
	err->exn_tag = (w2n_tag *)(void *)exn->tag;
	if (!n || !reserve(n))
		return;
	for (size_t i = 0; i < n; i++)
		last.values[i] =
		    w2n_embed_value_from(t->types[i], &exn->values[i]);
	err->exn_values = last.values;
	err->exn_nvalues = n;
}
