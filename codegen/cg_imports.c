/*
 * cg_imports.c - function imports resolved when the program is linked
 * rather than when it is instantiated: a host C function (named by
 * cg_import_symbol), or a stub for an import nobody provides (trap, or
 * return zeros).  The descriptor's import_code table points at them; the
 * runtime binds those slots itself.  Also the exported functions as C
 * callable symbols for host code linked into the same program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_internal.h"

/* Appends `s` with every byte but [A-Za-z0-9] written as _hh. */
static size_t escape(const char *s, size_t len, char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		             (c >= '0' && c <= '9');
		if (plain) {
			out[n++] = (char)c;
		} else {
			out[n++] = '_';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		}
	}
	return n;
}

/*
 * w2n_import_MODULE__NAME with both parts escaped: an escape is `_`
 * followed by two hex digits, so `__` occurs only as the separator and
 * distinct imports always get distinct symbols.
 */
char *cg_import_symbol(const char *module, size_t module_len, const char *name,
                       size_t name_len)
{
	static const char prefix[] = "w2n_import_";
	char *s = w2n_xmalloc(sizeof prefix + 3 * (module_len + name_len) + 2);
	size_t n = sizeof prefix - 1;
	memcpy(s, prefix, n);
	n += escape(module, module_len, s + n);
	s[n++] = '_';
	s[n++] = '_';
	n += escape(name, name_len, s + n);
	s[n] = '\0';
	return s;
}

char *cg_export_symbol(const char *name, size_t name_len)
{
	static const char prefix[] = "w2n_export_";
	char *s = w2n_xmalloc(sizeof prefix + 3 * name_len);
	size_t n = sizeof prefix - 1;
	memcpy(s, prefix, n);
	n += escape(name, name_len, s + n);
	s[n] = '\0';
	return s;
}

/* A function of the import's Wasm type that traps or returns zeros. */
static LLVMValueRef emit_stub(cg_ctx *cx, uint32_t func, bool trap)
{
	const ir_func *f = &cx->m->funcs[func];
	const ir_functype *t = &cx->m->types[f->type_index];
	char name[48];
	snprintf(name, sizeof name, "w2n_unresolved_%u", func);
	LLVMValueRef fn =
	    LLVMAddFunction(cx->mod, name, cx->functypes[f->type_index]);
	LLVMSetLinkage(fn, LLVMInternalLinkage);
	LLVMPositionBuilderAtEnd(
	    cx->b, LLVMAppendBasicBlockInContext(cx->ctx, fn, "entry"));
	if (trap) {
		/* The function index names the import in the message. */
		LLVMValueRef args[] = {LLVMGetParam(fn, 0), cg_i32(cx, func),
		                       cg_i32(cx, W2N_TRAP_UNKNOWN_IMPORT),
		                       cg_i32(cx, UINT32_MAX)};
		cg_call_helper(cx, CG_HELPER_TRAP, args, 4);
		LLVMBuildUnreachable(cx->b);
		return fn;
	}
	if (t->nresults == 0) {
		LLVMBuildRetVoid(cx->b);
		return fn;
	}
	LLVMTypeRef rt = LLVMGetReturnType(cx->functypes[f->type_index]);
	LLVMBuildRet(cx->b, LLVMConstNull(rt));
	return fn;
}

/* The host's C function for import `func`, declared external. */
static LLVMValueRef host_function(cg_ctx *cx, uint32_t func)
{
	const ir_func *f = &cx->m->funcs[func];
	const ir_import *im = &cx->m->imports[f->import_index];
	char *sym = cg_import_symbol(im->module.str, im->module.len,
	                             im->name.str, im->name.len);
	LLVMValueRef fn = LLVMGetNamedFunction(cx->mod, sym);
	if (!fn)
		fn =
		    LLVMAddFunction(cx->mod, sym, cx->functypes[f->type_index]);
	free(sym);
	return fn;
}

LLVMValueRef cg_import_code_array(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	if (!cx->o->import_policy || m->nfunc_imports == 0)
		return LLVMConstNull(cx->t_ptr);
	LLVMValueRef *v = w2n_xmalloc(m->nfunc_imports * sizeof *v);
	for (uint32_t i = 0; i < m->nfunc_imports; i++) {
		switch (cx->o->import_policy[i]) {
		case CG_IMPORT_HOST: v[i] = host_function(cx, i); break;
		case CG_IMPORT_TRAP: v[i] = emit_stub(cx, i, true); break;
		case CG_IMPORT_ZEROS: v[i] = emit_stub(cx, i, false); break;
		default: v[i] = LLVMConstNull(cx->t_ptr); break;
		}
	}
	LLVMValueRef init = LLVMConstArray2(cx->t_ptr, v, m->nfunc_imports);
	free(v);
	LLVMValueRef g =
	    LLVMAddGlobal(cx->mod, LLVMTypeOf(init), "w2n.import_code");
	LLVMSetInitializer(g, init);
	LLVMSetGlobalConstant(g, true);
	LLVMSetLinkage(g, LLVMPrivateLinkage);
	return g;
}

/* w2n_export_NAME(instance, params...): the export, callable from host
 * code linked into the program (an instance its host functions got). */
static void emit_export_wrapper(cg_ctx *cx, const ir_export *e)
{
	const ir_module *m = cx->m;
	uint32_t type = m->funcs[e->index].type_index;
	char *sym = cg_export_symbol(e->name.str, e->name.len);
	if (LLVMGetNamedFunction(cx->mod, sym)) {
		free(sym);
		return;
	}
	LLVMValueRef fn = LLVMAddFunction(cx->mod, sym, cx->functypes[type]);
	free(sym);
	cg_func fx = {.index = e->index, .type = &m->types[type]};
	cg_func_begin(cx, &fx, fn);
	for (uint32_t i = 0; i < fx.type->nparams; i++)
		cg_push(&fx, LLVMGetParam(fn, i + 1));
	ir_instr call = {.op = OP_CALL, .imm.index = e->index};
	cg_call(cx, &fx, &call);
	uint32_t n = fx.type->nresults;
	if (n == 0)
		LLVMBuildRetVoid(cx->b);
	else if (n == 1)
		LLVMBuildRet(cx->b, cg_pop(&fx));
	else
		LLVMBuildAggregateRet(cx->b, fx.vals + fx.nvals - n, n);
	cg_func_end(&fx);
}

void cg_emit_export_wrappers(cg_ctx *cx)
{
	if (!cx->o->export_wrappers)
		return;
	for (uint32_t i = 0; i < cx->m->nexports; i++)
		if (cx->m->exports[i].kind == IR_EXTERN_FUNC)
			emit_export_wrapper(cx, &cx->m->exports[i]);
}
