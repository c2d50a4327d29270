/*
 * exception.c - Wasm exceptions (docs/exceptions.md).  An exception is a
 * heap object: the w2n_rt_exception generated code reads (tag, values)
 * followed by the unwinder's header.  throw raises it with the platform
 * unwinder (libgcc's _Unwind_RaiseException, the ARM EHABI one on 32-bit
 * ARM); our personality routine reads the call-site table (LSDA) LLVM
 * emits for generated code and stops at the first landing pad, which
 * compares the tag itself.  An exception never unwinds past the innermost
 * protected call (trap.c): before raising, we walk the frames below it,
 * and when none has a landing pad for its call site, the exception is
 * delivered to the protected call as an uncaught exception instead, the
 * way traps are.
 *
 * Lifetime: a handler that catches without _ref frees the object
 * (w2n_rt_exn_free); an exnref keeps it (w2n_rt_exn_capture) on this
 * thread's list until the thread ends; a legacy catch that may rethrow
 * holds it in a slot of its frame until it is done with it
 * (codegen/cg_exception.c, docs/exceptions.md).
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unwind.h>

#include "rt_internal.h"

#ifdef __ARM_EABI_UNWINDER__
typedef _Unwind_Control_Block unwind_header;
#else
typedef struct _Unwind_Exception unwind_header;
#endif

/* An exception: the part generated code reads, the unwinder's header,
 * the captured-list links and the values. */
typedef struct exn_object {
	w2n_rt_exception pub;           /* first: exnref points here */
	struct exn_object *prev, *next; /* captured list, when captured */
	unwind_header uw;
	w2n_rt_value values[];
} exn_object;

static const char exn_class[8] = {'W', '2', 'N', '\0', 'W', 'A', 'S', 'M'};

/* Exceptions exnrefs hold on this thread; freed when the thread ends. */
static _Thread_local exn_object *captured;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static pthread_key_t captured_key;

static exn_object *object_of(w2n_rt_exception *e)
{
	return (exn_object *)(void *)e;
}

static exn_object *object_of_header(unwind_header *uw)
{
	return (exn_object *)(void *)((char *)uw - offsetof(exn_object, uw));
}

static bool is_ours(const unwind_header *uw)
{
	return memcmp(&uw->exception_class, exn_class, sizeof exn_class) == 0;
}

/* ---- The call-site table (LSDA) ---- */

enum {
	PE_ABSPTR = 0x00,
	PE_ULEB128 = 0x01,
	PE_UDATA2 = 0x02,
	PE_UDATA4 = 0x03,
	PE_UDATA8 = 0x04,
	PE_SLEB128 = 0x09,
	PE_SDATA2 = 0x0a,
	PE_SDATA4 = 0x0b,
	PE_SDATA8 = 0x0c,
	PE_PCREL = 0x10,
	PE_INDIRECT = 0x80,
	PE_OMIT = 0xff,
};

/* A LEB128 number at *p (moved past it), sign-extended when `is_signed`. */
static uintptr_t read_leb(const uint8_t **p, bool is_signed)
{
	uintptr_t v = 0;
	unsigned shift = 0;
	uint8_t b;
	do {
		b = *(*p)++;
		v |= (uintptr_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	if (is_signed && shift < 8 * sizeof v && (b & 0x40))
		v |= ~(uintptr_t)0 << shift;
	return v;
}

static uintptr_t read_uleb(const uint8_t **p)
{
	return read_leb(p, false);
}

/* A value of DWARF pointer encoding `enc` at *p (moved past it). */
static uintptr_t read_encoded(const uint8_t **p, uint8_t enc)
{
	const uint8_t *start = *p;
	uintptr_t v;
	switch (enc & 0x0f) {
	case PE_ABSPTR:
		memcpy(&v, *p, sizeof v);
		*p += sizeof v;
		break;
	case PE_ULEB128: v = read_uleb(p); break;
	case PE_SLEB128: v = read_leb(p, true); break;
#define FIXED(type)                                                            \
	{                                                                      \
		type x;                                                        \
		memcpy(&x, *p, sizeof x);                                      \
		*p += sizeof x;                                                \
		v = (uintptr_t)x;                                              \
		break;                                                         \
	}
	case PE_UDATA2: FIXED(uint16_t)
	case PE_UDATA4: FIXED(uint32_t)
	case PE_UDATA8: FIXED(uint64_t)
	case PE_SDATA2: FIXED(int16_t)
	case PE_SDATA4: FIXED(int32_t)
	case PE_SDATA8: FIXED(int64_t)
#undef FIXED
	default: abort();
	}
	if (v && (enc & 0x70) == PE_PCREL)
		v += (uintptr_t)start;
	if (v && (enc & PE_INDIRECT))
		v = *(const uintptr_t *)v;
	return v;
}

/* The landing pad the LSDA at `lsda` gives the call before `ip` in the
 * function starting at `func`, or 0 (no handler there). */
static uintptr_t landing_pad(const uint8_t *lsda, uintptr_t func, uintptr_t ip)
{
	const uint8_t *p = lsda;
	uint8_t lp_enc = *p++;
	uintptr_t lp_start =
	    lp_enc == PE_OMIT ? func : read_encoded(&p, lp_enc);
	uint8_t ttype_enc = *p++;
	if (ttype_enc != PE_OMIT)
		read_uleb(&p);
	uint8_t cs_enc = *p++;
	uintptr_t len = read_uleb(&p);
	const uint8_t *end = p + len;
	while (p < end) {
		uintptr_t start = read_encoded(&p, cs_enc);
		uintptr_t size = read_encoded(&p, cs_enc);
		uintptr_t lp = read_encoded(&p, cs_enc);
		read_uleb(&p); /* action: every pad of ours catches all */
		if (ip < func + start)
			return 0;
		if (ip < func + start + size)
			return lp ? lp_start + lp : 0;
	}
	return 0;
}

/* Whether the frame of `ctx` has an LSDA.  On ARM, one of the compact
 * model (C code: the personality's index, bit 31 set, where a generic
 * entry has the offset of its personality routine) has none, and what
 * _Unwind_GetLanguageSpecificData returns for it is no LSDA at all. */
static bool frame_is_ours(struct _Unwind_Context *ctx)
{
#ifdef __ARM_EABI_UNWINDER__
	const _Unwind_Control_Block *ucbp =
	    (const _Unwind_Control_Block *)_Unwind_GetGR(ctx, 12);
	const uint32_t *ehtp = (const uint32_t *)ucbp->pr_cache.ehtp;
	return !(*ehtp & 0x80000000u);
#else
	(void)ctx;
	return true;
#endif
}

/* The landing pad for the frame of `ctx`, or 0. */
static uintptr_t frame_landing_pad(struct _Unwind_Context *ctx)
{
	if (!frame_is_ours(ctx))
		return 0;
	const uint8_t *lsda =
	    (const uint8_t *)_Unwind_GetLanguageSpecificData(ctx);
	if (!lsda)
		return 0;
	int before = 0;
	uintptr_t ip = _Unwind_GetIPInfo(ctx, &before);
	if (!before)
		ip--;
	return landing_pad(lsda, _Unwind_GetRegionStart(ctx), ip);
}

/* ---- The personality routine ---- */

/* Makes the frame continue at its landing pad with the exception. */
static _Unwind_Reason_Code install(struct _Unwind_Context *ctx, exn_object *obj,
                                   uintptr_t lp)
{
	_Unwind_SetGR(ctx, __builtin_eh_return_data_regno(0),
	              (uintptr_t)&obj->pub);
	_Unwind_SetGR(ctx, __builtin_eh_return_data_regno(1), 1);
	_Unwind_SetIP(ctx, lp);
	return _URC_INSTALL_CONTEXT;
}

#ifdef __ARM_EABI_UNWINDER__
/* EHABI: one routine for both phases; it must unwind the frame itself
 * (__gnu_unwind_frame) when it does not stop there. */
_Unwind_Reason_Code w2n_rt_personality(_Unwind_State state,
                                       _Unwind_Control_Block *ucbp,
                                       struct _Unwind_Context *ctx);
_Unwind_Reason_Code w2n_rt_personality(_Unwind_State state,
                                       _Unwind_Control_Block *ucbp,
                                       struct _Unwind_Context *ctx)
{
	_Unwind_SetGR(ctx, 12, (_Unwind_Ptr)ucbp);
	uintptr_t lp = is_ours(ucbp) ? frame_landing_pad(ctx) : 0;
	switch (state & _US_ACTION_MASK) {
	case _US_VIRTUAL_UNWIND_FRAME:
		if (lp) {
			ucbp->barrier_cache.sp = _Unwind_GetGR(ctx, 13);
			return _URC_HANDLER_FOUND;
		}
		break;
	case _US_UNWIND_FRAME_STARTING:
		if (lp && ucbp->barrier_cache.sp == _Unwind_GetGR(ctx, 13))
			return install(ctx, object_of_header(ucbp), lp);
		break;
	default: break;
	}
	if (__gnu_unwind_frame(ucbp, ctx) != _URC_OK)
		return _URC_FAILURE;
	return _URC_CONTINUE_UNWIND;
}
#else
_Unwind_Reason_Code w2n_rt_personality(int version, _Unwind_Action actions,
                                       uint64_t cls, unwind_header *uw,
                                       struct _Unwind_Context *ctx);
_Unwind_Reason_Code w2n_rt_personality(int version, _Unwind_Action actions,
                                       uint64_t cls, unwind_header *uw,
                                       struct _Unwind_Context *ctx)
{
	(void)cls;
	if (version != 1)
		return _URC_FATAL_PHASE1_ERROR;
	uintptr_t lp = is_ours(uw) ? frame_landing_pad(ctx) : 0;
	if (!lp || (actions & _UA_FORCE_UNWIND))
		return _URC_CONTINUE_UNWIND;
	if (actions & _UA_SEARCH_PHASE)
		return _URC_HANDLER_FOUND;
	return install(ctx, object_of_header(uw), lp);
}
#endif

/* ---- Raising ---- */

/* The frame address compared with the boundary: the CFA, or on ARM
 * (whose unwinder has none) the stack pointer. */
static uintptr_t frame_address(struct _Unwind_Context *ctx)
{
#ifdef __ARM_EABI_UNWINDER__
	return _Unwind_GetGR(ctx, 13);
#else
	return _Unwind_GetCFA(ctx);
#endif
}

typedef struct search {
	uintptr_t boundary;
	bool found;
} search;

static _Unwind_Reason_Code search_frame(struct _Unwind_Context *ctx, void *arg)
{
	search *s = arg;
	if (frame_address(ctx) > s->boundary)
		return _URC_END_OF_STACK; /* the protected call's frame */
	if (frame_landing_pad(ctx)) {
		s->found = true;
		return _URC_END_OF_STACK;
	}
	return _URC_NO_REASON;
}

static void cleanup(_Unwind_Reason_Code reason, unwind_header *uw)
{
	(void)reason;
	w2n_rt_free(object_of_header(uw));
}

/* Raises `obj`: to a landing pad below the innermost protected call,
 * else to that call as uncaught. */
static _Noreturn void raise_object(exn_object *obj)
{
	search s = {(uintptr_t)w2n_rt_protected_boundary(), false};
	if (s.boundary) {
		_Unwind_Backtrace(search_frame, &s);
		if (s.found) {
			memset(&obj->uw, 0, sizeof obj->uw);
			memcpy(&obj->uw.exception_class, exn_class,
			       sizeof exn_class);
			obj->uw.exception_cleanup = cleanup;
			_Unwind_RaiseException(&obj->uw);
		}
	}
	w2n_rt_deliver_exception(&obj->pub);
}

void w2n_rt_throw(w2n_rt_instance *inst, w2n_rt_tag *tag, w2n_rt_value *values,
                  uint32_t n)
{
	exn_object *obj =
	    w2n_rt_malloc(sizeof *obj + (size_t)n * sizeof obj->values[0]);
	if (!obj)
		w2n_rt_trap(inst, UINT32_MAX, W2N_TRAP_STACK_EXHAUSTED,
		            UINT32_MAX);
	obj->pub.tag = tag;
	obj->pub.values = obj->values;
	obj->pub.nvalues = n;
	obj->pub.captured = 0;
	obj->prev = obj->next = NULL;
	if (n)
		memcpy(obj->values, values, n * sizeof obj->values[0]);
	raise_object(obj);
}

void w2n_rt_throw_ref(w2n_rt_instance *inst, w2n_rt_exception *exn)
{
	if (!exn)
		w2n_rt_trap(inst, UINT32_MAX, W2N_TRAP_NULL_EXN_REFERENCE,
		            UINT32_MAX);
	raise_object(object_of(exn));
}

/* ---- Lifetime ---- */

static void free_captured(void *arg)
{
	(void)arg;
	while (captured) {
		exn_object *next = captured->next;
		w2n_rt_free(captured);
		captured = next;
	}
}

static void make_key(void)
{
	pthread_key_create(&captured_key, free_captured);
}

void w2n_rt_exn_free(w2n_rt_exception *exn)
{
	if (exn && !exn->captured)
		w2n_rt_free(object_of(exn));
}

void w2n_rt_exn_capture(w2n_rt_exception *exn)
{
	exn_object *obj = object_of(exn);
	if (exn->captured)
		return;
	pthread_once(&key_once, make_key);
	if (!captured)
		pthread_setspecific(captured_key, &captured);
	exn->captured = 1;
	obj->prev = NULL;
	obj->next = captured;
	if (captured)
		captured->prev = obj;
	captured = obj;
}

w2n_rt_exception *w2n_rt_exn_new(w2n_rt_tag *tag, const w2n_rt_value *values,
                                 uint32_t n)
{
	exn_object *obj =
	    w2n_rt_malloc(sizeof *obj + (size_t)n * sizeof obj->values[0]);
	if (!obj)
		return NULL;
	memset(obj, 0, sizeof *obj);
	obj->pub.tag = tag;
	obj->pub.values = obj->values;
	obj->pub.nvalues = n;
	if (n)
		memcpy(obj->values, values, n * sizeof obj->values[0]);
	return &obj->pub;
}

_Noreturn void w2n_rt_raise(w2n_rt_exception *exn)
{
	raise_object(object_of(exn));
}

/* ---- Reporting ---- */

/* What messages call tag `t`: by an export or import name of its
 * module, else its index; a host's tag has neither. */
static void tag_name(const w2n_rt_tag *t, char *buf, size_t n)
{
	const w2n_rt_module *m = t->module;
	for (uint32_t i = 0; m && i < m->nexports; i++)
		if (m->exports[i].kind == W2N_RT_EXTERN_TAG &&
		    m->exports[i].index == t->index) {
			snprintf(buf, n, "tag \"%s\"", m->exports[i].name);
			return;
		}
	for (uint32_t i = 0; m && i < m->nimports; i++)
		if (m->imports[i].kind == W2N_RT_EXTERN_TAG &&
		    m->imports[i].index == t->index) {
			snprintf(buf, n, "tag \"%s.%s\"", m->imports[i].module,
			         m->imports[i].name);
			return;
		}
	if (m)
		snprintf(buf, n, "tag %" PRIu32, t->index);
	else
		snprintf(buf, n, "a host tag");
}

/* Appends value `v` of type `type` (a W2N_RT_* code) to buf[*at..n). */
static void format_value(char *buf, size_t n, size_t *at, uint8_t type,
                         const w2n_rt_value *v)
{
	char s[64];
	switch (type) {
	case W2N_RT_I32: snprintf(s, sizeof s, "i32 %" PRId32, v->i32); break;
	case W2N_RT_I64: snprintf(s, sizeof s, "i64 %" PRId64, v->i64); break;
	case W2N_RT_F32: snprintf(s, sizeof s, "f32 %.9g", v->f32); break;
	case W2N_RT_F64: snprintf(s, sizeof s, "f64 %.17g", v->f64); break;
	case W2N_RT_V128: {
		uint32_t w[4];
		memcpy(w, v->v128, sizeof w);
		snprintf(s, sizeof s, "v128 i32x4 0x%08x 0x%08x 0x%08x 0x%08x",
		         w[0], w[1], w[2], w[3]);
		break;
	}
	default:
		if (v->ref)
			snprintf(s, sizeof s, "ref %p", v->ref);
		else
			snprintf(s, sizeof s, "ref.null");
	}
	int k = snprintf(buf + *at, n - *at, "%s%s", *at ? ", " : "", s);
	if (k > 0)
		*at = *at + (size_t)k < n ? *at + (size_t)k : n - 1;
}

void w2n_rt_error_exception(w2n_rt_error *err, const w2n_rt_exception *exn)
{
	if (!err)
		return;
	char name[W2N_RT_ERROR_MAX / 2], values[W2N_RT_ERROR_MAX / 2] = "";
	tag_name(exn->tag, name, sizeof name);
	const w2n_rt_functype *t = exn->tag->type;
	size_t at = 0;
	for (uint32_t i = 0; t && i < exn->nvalues && i < t->nparams; i++)
		format_value(values, sizeof values, &at, t->types[i],
		             &exn->values[i]);
	w2n_rt_error_set(err, W2N_RT_ERROR_EXCEPTION,
	                 "uncaught exception of %s%s%s%s", name, at ? " (" : "",
	                 values, at ? ")" : "");
	err->exception = exn;
}
