/*
 * cg_note.c - the module note (note/note.h): one constant in section
 * .note.wasm2native naming the compiler, runtime ABI, target, bounds
 * strategy, input hash and descriptor symbol, and listing the module's
 * imports and exports with their types, so that `wasm2native --inspect`
 * and the plugin loader can read them from any output without running it.
 * The bytes come from note.c; this file only turns the IR into its types
 * and places the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_internal.h"
#include "note.h"

/* Value type codes of a function type, params then results (the IR keeps
 * them as ir_valtype, the note as bytes). */
static uint8_t *type_codes(const ir_functype *t)
{
	uint32_t n = t->nparams + t->nresults;
	uint8_t *codes = w2n_xmalloc(n ? n : 1);
	for (uint32_t i = 0; i < t->nparams; i++)
		codes[i] = (uint8_t)t->params[i];
	for (uint32_t i = 0; i < t->nresults; i++)
		codes[t->nparams + i] = (uint8_t)t->results[i];
	return codes;
}

/* The value types of `t` in full when one is a non-nullable or typed
 * reference, else NULL; after the codes in *codes, which it reallocates
 * (the caller frees it). */
static const uint32_t *full_types(const ir_functype *t, uint8_t **codes)
{
	uint32_t n = t->nparams + t->nresults;
	bool plain = true;
	for (uint32_t i = 0; i < n; i++) {
		ir_valtype v =
		    i < t->nparams ? t->params[i] : t->results[i - t->nparams];
		plain = plain && v == (uint8_t)v;
	}
	if (plain)
		return NULL;
	/* Room for n codes, padding, then n words. */
	size_t at = (n + 3) & ~(size_t)3;
	*codes = w2n_xrealloc(*codes, at + n * sizeof(uint32_t));
	uint32_t *full = (uint32_t *)(void *)(*codes + at);
	for (uint32_t i = 0; i < n; i++)
		full[i] =
		    i < t->nparams ? t->params[i] : t->results[i - t->nparams];
	return full;
}

static void limits_of(w2n_note_type *nt, const ir_limits *l)
{
	nt->min = l->min;
	nt->max = l->max;
	nt->has_max = l->has_max;
	nt->addr64 = l->addr64;
	nt->shared = l->shared;
}

/* The type of entity `index` of `kind`; *codes is what the caller frees. */
static w2n_note_type entity_type(const ir_module *m, ir_extern_kind kind,
                                 uint32_t index, uint8_t **codes)
{
	w2n_note_type nt;
	memset(&nt, 0, sizeof nt);
	nt.kind = (uint32_t)kind;
	*codes = NULL;
	switch (kind) {
	case IR_EXTERN_FUNC:
	case IR_EXTERN_TAG: { /* a tag's type is a function type too */
		const ir_functype *t =
		    &m->types[kind == IR_EXTERN_FUNC
		                  ? m->funcs[index].type_index
		                  : m->tags[index].type_index];
		*codes = type_codes(t);
		nt.reftypes = full_types(t, codes);
		nt.nparams = t->nparams;
		nt.nresults = t->nresults;
		nt.params = *codes;
		nt.results = *codes + t->nparams;
		break;
	}
	case IR_EXTERN_TABLE:
		nt.elem = m->tables[index].type.elem;
		limits_of(&nt, &m->tables[index].type.limits);
		break;
	case IR_EXTERN_MEMORY:
		limits_of(&nt, &m->memories[index].limits);
		break;
	default:
		nt.valtype = m->globals[index].type.type;
		nt.mutable_ = m->globals[index].type.mutable_;
		break;
	}
	return nt;
}

/* The note's text: header items, then every import and export. */
static void describe(cg_ctx *cx, w2n_note_text *t)
{
	const ir_module *m = cx->m;
	w2n_note_header h = {
	    .version =
	        cx->o->compiler_version ? cx->o->compiler_version : "unknown",
	    .target = cx->o->target->triple,
	    .symbol = cx->o->descriptor_symbol,
	    .abi = W2N_RT_ABI_VERSION,
	    .bounds = cx->o->bounds,
	    .interruptible = cx->o->interruptible,
	};
	if (cx->o->input_sha256)
		memcpy(h.sha256, cx->o->input_sha256, sizeof h.sha256);
	w2n_note_begin(t, &h);
	for (uint32_t i = 0; i < m->nimports; i++) {
		const ir_import *im = &m->imports[i];
		uint8_t *codes;
		w2n_note_type nt = entity_type(m, im->kind, im->index, &codes);
		w2n_note_add_import(t, im->module.str, im->module.len,
		                    im->name.str, im->name.len, &nt);
		free(codes);
	}
	for (uint32_t i = 0; i < m->nexports; i++) {
		const ir_export *e = &m->exports[i];
		uint8_t *codes;
		w2n_note_type nt = entity_type(m, e->kind, e->index, &codes);
		w2n_note_add_export(t, e->name.str, e->name.len, &nt);
		free(codes);
	}
}

/* Keeps `g` through optimisation although nothing references it. */
static void mark_used(cg_ctx *cx, LLVMValueRef g)
{
	LLVMValueRef init = LLVMConstArray2(cx->t_ptr, &g, 1);
	LLVMValueRef used =
	    LLVMAddGlobal(cx->mod, LLVMTypeOf(init), "llvm.used");
	LLVMSetInitializer(used, init);
	LLVMSetLinkage(used, LLVMAppendingLinkage);
	LLVMSetSection(used, "llvm.metadata");
}

void cg_emit_note(cg_ctx *cx)
{
	w2n_note_text t;
	describe(cx, &t);
	size_t len;
	bool big = LLVMByteOrder(cx->td) == LLVMBigEndian;
	uint8_t *bytes = w2n_note_encode(&t, big, &len);
	w2n_note_text_free(&t);
	if (!bytes) {
		fputs("wasm2native: out of memory\n", stderr);
		abort();
	}
	LLVMValueRef init =
	    LLVMConstStringInContext2(cx->ctx, (const char *)bytes, len, true);
	free(bytes);
	LLVMValueRef g = LLVMAddGlobal(cx->mod, LLVMTypeOf(init), "w2n.note");
	LLVMSetInitializer(g, init);
	LLVMSetGlobalConstant(g, true);
	LLVMSetLinkage(g, LLVMInternalLinkage);
	LLVMSetSection(g, W2N_NOTE_SECTION);
	LLVMSetAlignment(g, 4);
	mark_used(cx, g);
}
