/*
 * cg_entry.c - everything besides function bodies that a module needs at
 * run time: the init function (globals and segments, in the spec's
 * instantiation order), one call trampoline and one host adapter per
 * function type, and the constant w2n_rt_module descriptor (w2n_rt.h)
 * that tells the runtime all of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_internal.h"

/* ---- Constants ---- */

static LLVMValueRef const_global(cg_ctx *cx, LLVMValueRef init,
                                 const char *name)
{
	LLVMValueRef g = LLVMAddGlobal(cx->mod, LLVMTypeOf(init), name);
	LLVMSetInitializer(g, init);
	LLVMSetGlobalConstant(g, true);
	LLVMSetLinkage(g, LLVMPrivateLinkage);
	LLVMSetUnnamedAddr(g, true);
	return g;
}

static LLVMValueRef const_string(cg_ctx *cx, const char *s, size_t len)
{
	LLVMValueRef init = LLVMConstStringInContext2(cx->ctx, s, len, false);
	return const_global(cx, init, "w2n.str");
}

static LLVMValueRef const_bytes(cg_ctx *cx, const uint8_t *p, size_t len)
{
	if (len == 0)
		return LLVMConstNull(cx->t_ptr);
	LLVMValueRef init =
	    LLVMConstStringInContext2(cx->ctx, (const char *)p, len, true);
	return const_global(cx, init, "w2n.bytes");
}

/* A constant array of `n` values of type `t`, as a pointer (NULL when
 * empty, so that no zero-sized globals appear). */
static LLVMValueRef const_array(cg_ctx *cx, LLVMTypeRef t, LLVMValueRef *vals,
                                uint32_t n, const char *name)
{
	if (n == 0)
		return LLVMConstNull(cx->t_ptr);
	return const_global(cx, LLVMConstArray2(t, vals, n), name);
}

/* A constant of runtime struct w2n_rt_NAME from the array `f`, whose
 * entries are designated by CG_RT_NAME_MEMBER. */
#define RT_CONST(cx, name, f)                                                  \
	cg_rt_const(cx, CG_RT_##name, f, sizeof f / sizeof *f)

/* A constant array of the struct constants v[0..n), as a pointer (NULL
 * when empty); frees v. */
static LLVMValueRef struct_array(cg_ctx *cx, LLVMValueRef *v, uint32_t n,
                                 const char *name)
{
	LLVMValueRef r = n ? const_array(cx, LLVMTypeOf(v[0]), v, n, name)
	                   : LLVMConstNull(cx->t_ptr);
	free(v);
	return r;
}

static LLVMValueRef *value_list(uint32_t n)
{
	return w2n_xmalloc((n ? n : 1) * sizeof(LLVMValueRef));
}

/* ---- Trampolines and host adapters ---- */

/* Address of vals[i] in a w2n_rt_value array. */
static LLVMValueRef value_slot(cg_ctx *cx, LLVMValueRef vals, uint32_t i)
{
	LLVMValueRef off = cg_i64(cx, (uint64_t)i * 16);
	return LLVMBuildInBoundsGEP2(cx->b, cx->t_i8, vals, &off, 1, "");
}

static LLVMValueRef load_value(cg_ctx *cx, ir_valtype t, LLVMValueRef p)
{
	LLVMValueRef v = LLVMBuildLoad2(cx->b, cg_valtype(cx, t), p, "");
	LLVMSetAlignment(v, 8);
	return v;
}

static void store_value(cg_ctx *cx, LLVMValueRef v, LLVMValueRef p)
{
	LLVMSetAlignment(LLVMBuildStore(cx->b, v, p), 8);
}

static LLVMValueRef add_function(cg_ctx *cx, const char *prefix, uint32_t type,
                                 LLVMTypeRef ft)
{
	char name[48];
	snprintf(name, sizeof name, "%s%u", prefix, type);
	LLVMValueRef fn = LLVMAddFunction(cx->mod, name, ft);
	LLVMSetLinkage(fn, LLVMInternalLinkage);
	LLVMPositionBuilderAtEnd(
	    cx->b, LLVMAppendBasicBlockInContext(cx->ctx, fn, "entry"));
	return fn;
}

/* void tramp(const w2n_rt_func *f, w2n_rt_value *vals) */
static LLVMValueRef emit_trampoline(cg_ctx *cx, uint32_t type)
{
	const ir_functype *t = &cx->m->types[type];
	LLVMTypeRef params[] = {cx->t_ptr, cx->t_ptr};
	LLVMTypeRef ft = LLVMFunctionType(cx->t_void, params, 2, false);
	LLVMValueRef fn = add_function(cx, "w2n_call_type_", type, ft);
	LLVMValueRef f = LLVMGetParam(fn, 0), vals = LLVMGetParam(fn, 1);
	LLVMValueRef *args = value_list(t->nparams + 1);
	args[0] =
	    LLVMBuildLoad2(cx->b, cx->t_ptr, CG_RT_ADDR(cx, func, f, ctx), "");
	for (uint32_t i = 0; i < t->nparams; i++)
		args[i + 1] =
		    load_value(cx, t->params[i], value_slot(cx, vals, i));
	LLVMValueRef code =
	    LLVMBuildLoad2(cx->b, cx->t_ptr, CG_RT_ADDR(cx, func, f, code), "");
	LLVMValueRef r = LLVMBuildCall2(cx->b, cx->functypes[type], code, args,
	                                t->nparams + 1, "");
	for (uint32_t i = 0; i < t->nresults; i++) {
		LLVMValueRef v = t->nresults == 1
		                     ? r
		                     : LLVMBuildExtractValue(cx->b, r, i, "");
		store_value(cx, v, value_slot(cx, vals, i));
	}
	LLVMBuildRetVoid(cx->b);
	free(args);
	return fn;
}

/* RESULT adapter(w2n_rt_host_closure *closure, PARAMS...) */
static LLVMValueRef emit_host_adapter(cg_ctx *cx, uint32_t type)
{
	const ir_functype *t = &cx->m->types[type];
	LLVMValueRef fn =
	    add_function(cx, "w2n_host_type_", type, cx->functypes[type]);
	uint32_t n = t->nparams > t->nresults ? t->nparams : t->nresults;
	LLVMTypeRef array =
	    LLVMArrayType2(LLVMArrayType2(cx->t_i64, 2), n ? n : 1);
	LLVMValueRef vals = LLVMBuildAlloca(cx->b, array, "vals");
	LLVMSetAlignment(vals, 16);
	for (uint32_t i = 0; i < t->nparams; i++)
		store_value(cx, LLVMGetParam(fn, i + 1),
		            value_slot(cx, vals, i));
	LLVMValueRef args[] = {LLVMGetParam(fn, 0), vals};
	cg_call_helper(cx, CG_HELPER_CALL_HOST, args, 2);
	LLVMValueRef *rs = value_list(t->nresults);
	for (uint32_t i = 0; i < t->nresults; i++)
		rs[i] = load_value(cx, t->results[i], value_slot(cx, vals, i));
	if (t->nresults == 0)
		LLVMBuildRetVoid(cx->b);
	else if (t->nresults == 1)
		LLVMBuildRet(cx->b, rs[0]);
	else
		LLVMBuildAggregateRet(cx->b, rs, t->nresults);
	free(rs);
	return fn;
}

/* ---- The init function ---- */

/* Evaluates a constant expression with the instruction emitters. */
static LLVMValueRef eval_const(cg_ctx *cx, cg_func *fx, const ir_constexpr *e)
{
	cg_emit_code(cx, fx, e->code, e->ncode);
	return cg_pop(fx);
}

static void init_globals(cg_ctx *cx, cg_func *fx)
{
	const ir_module *m = cx->m;
	for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) {
		LLVMValueRef v = eval_const(cx, fx, &m->globals[i].init);
		LLVMValueRef p = cg_vmctx_addr(cx, fx, CG_VM_GLOBAL_STORAGE,
		                               i - m->nglobal_imports);
		LLVMSetAlignment(cg_store_vm(cx, v, p), 8);
	}
}

/* Tables with an initial element (spec 3.0, module instantiation):
 * their `min` elements are set to it, after the globals it may read. */
static void init_tables(cg_ctx *cx, cg_func *fx)
{
	const ir_module *m = cx->m;
	for (uint32_t i = m->ntable_imports; i < m->ntables; i++) {
		const ir_table *t = &m->tables[i];
		if (!t->has_init)
			continue;
		LLVMValueRef v = eval_const(cx, fx, &t->init);
		LLVMValueRef args[] = {
		    fx->inst, cg_i32(cx, i), cg_i32(cx, 0), v,
		    cg_i32(cx, (uint32_t)t->type.limits.min)};
		cg_call_helper(cx, CG_HELPER_TABLE_FILL, args, 5);
	}
}

/* Evaluates every segment's items into the runtime's item arrays. */
static void init_elem_items(cg_ctx *cx, cg_func *fx)
{
	const ir_module *m = cx->m;
	for (uint32_t i = 0; i < m->nelems; i++) {
		const ir_elem *e = &m->elems[i];
		if (e->nitems == 0)
			continue;
		LLVMValueRef seg = cg_vmctx_addr(cx, fx, CG_VM_ELEMS, i);
		LLVMValueRef items = cg_load_vm(
		    cx, cx->t_ptr, CG_RT_ADDR(cx, elem_segment, seg, items));
		for (uint32_t j = 0; j < e->nitems; j++) {
			LLVMValueRef v = eval_const(cx, fx, &e->items[j]);
			LLVMValueRef idx = LLVMConstInt(cx->t_intptr, j, false);
			cg_store_vm(cx, v,
			            LLVMBuildInBoundsGEP2(cx->b, cx->t_ptr,
			                                  items, &idx, 1, ""));
		}
	}
}

static void apply_elems(cg_ctx *cx, cg_func *fx)
{
	const ir_module *m = cx->m;
	for (uint32_t i = 0; i < m->nelems; i++) {
		const ir_elem *e = &m->elems[i];
		if (e->mode == IR_SEG_PASSIVE)
			continue;
		if (e->mode == IR_SEG_ACTIVE) {
			LLVMValueRef off = eval_const(cx, fx, &e->offset);
			LLVMValueRef args[] = {
			    fx->inst,      cg_i32(cx, e->table),
			    cg_i32(cx, i), off,
			    cg_i32(cx, 0), cg_i32(cx, e->nitems)};
			cg_call_helper(cx,
			               cg_table_is64(cx, e->table)
			                   ? CG_HELPER_TABLE_INIT64
			                   : CG_HELPER_TABLE_INIT,
			               args, 6);
		}
		LLVMValueRef args[] = {fx->inst, cg_i32(cx, i)};
		cg_call_helper(cx, CG_HELPER_ELEM_DROP, args, 2);
	}
}

static void apply_datas(cg_ctx *cx, cg_func *fx)
{
	const ir_module *m = cx->m;
	for (uint32_t i = 0; i < m->ndatas; i++) {
		const ir_data *d = &m->datas[i];
		if (d->mode != IR_SEG_ACTIVE)
			continue;
		LLVMValueRef off = eval_const(cx, fx, &d->offset);
		LLVMValueRef args[] = {fx->inst,      cg_i32(cx, d->memory),
		                       cg_i32(cx, i), off,
		                       cg_i32(cx, 0), cg_i32(cx, d->len)};
		cg_call_helper(cx,
		               cg_memory_is64(cx, d->memory)
		                   ? CG_HELPER_MEMORY_INIT64
		                   : CG_HELPER_MEMORY_INIT,
		               args, 6);
		LLVMValueRef drop[] = {fx->inst, cg_i32(cx, i)};
		cg_call_helper(cx, CG_HELPER_DATA_DROP, drop, 2);
	}
}

static LLVMValueRef emit_init(cg_ctx *cx)
{
	LLVMTypeRef param = cx->t_ptr;
	LLVMTypeRef ft = LLVMFunctionType(cx->t_void, &param, 1, false);
	LLVMValueRef fn = LLVMAddFunction(cx->mod, "w2n_init", ft);
	LLVMSetLinkage(fn, LLVMInternalLinkage);
	/* The descriptor keeps w2n_init, so its alignment is the text
	 * section's: the module's code starts on a page whatever the linker
	 * places before it, and a change to the runtime (main(), its PLT)
	 * never moves the module's loops, whose speed on some CPUs depends
	 * on where they sit (bench/results/ANALYSIS.md: matmul, 30%). */
	LLVMSetAlignment(fn, 4096);
	cg_func fx = {.index = UINT32_MAX,
	              .type = &(ir_functype){0, 0, NULL, NULL}};
	cg_func_begin(cx, &fx, fn);
	cg_tail_init(cx, &fx);
	init_globals(cx, &fx);
	init_tables(cx, &fx);
	init_elem_items(cx, &fx);
	apply_elems(cx, &fx);
	apply_datas(cx, &fx);
	LLVMBuildRetVoid(cx->b);
	cg_func_end(&fx);
	return fn;
}

/* ---- The descriptor ---- */

static LLVMValueRef u32(cg_ctx *cx, uint32_t v)
{
	return cg_i32(cx, v);
}

/* A function type's value types in full (w2n_rt_functype.reftypes):
 * only for a type with non-nullable or typed references, else NULL. */
static LLVMValueRef reftypes_of(cg_ctx *cx, const ir_functype *t)
{
	uint32_t n = t->nparams + t->nresults;
	bool plain = true;
	LLVMValueRef *v = value_list(n);
	for (uint32_t j = 0; j < n; j++) {
		ir_valtype vt =
		    j < t->nparams ? t->params[j] : t->results[j - t->nparams];
		plain = plain && vt == (vt & 0xFF);
		v[j] = u32(cx, vt);
	}
	LLVMValueRef r = plain
	                     ? LLVMConstNull(cx->t_ptr)
	                     : const_array(cx, cx->t_i32, v, n, "w2n.reftypes");
	free(v);
	return r;
}

static LLVMValueRef functype_entry(cg_ctx *cx, uint32_t i)
{
	const ir_functype *t = &cx->m->types[i];
	uint32_t n = t->nparams + t->nresults;
	uint8_t *codes = w2n_xmalloc(n ? n : 1);
	for (uint32_t j = 0; j < t->nparams; j++)
		codes[j] = (uint8_t)t->params[j];
	for (uint32_t j = 0; j < t->nresults; j++)
		codes[t->nparams + j] = (uint8_t)t->results[j];
	LLVMValueRef f[] = {[CG_RT_functype_nparams] = u32(cx, t->nparams),
	                    [CG_RT_functype_nresults] = u32(cx, t->nresults),
	                    [CG_RT_functype_types] = const_bytes(cx, codes, n),
	                    [CG_RT_functype_call] = emit_trampoline(cx, i),
	                    [CG_RT_functype_host_adapter] =
	                        emit_host_adapter(cx, i),
	                    [CG_RT_functype_reftypes] = reftypes_of(cx, t)};
	free(codes);
	return RT_CONST(cx, functype, f);
}

static LLVMValueRef types_array(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	LLVMValueRef *v = value_list(m->ntypes);
	for (uint32_t i = 0; i < m->ntypes; i++)
		v[i] = functype_entry(cx, i);
	return struct_array(cx, v, m->ntypes, "w2n.types");
}

static LLVMValueRef name_string(cg_ctx *cx, ir_name n)
{
	return const_string(cx, n.str ? n.str : "", n.len);
}

static LLVMValueRef imports_array(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	LLVMValueRef *v = value_list(m->nimports);
	for (uint32_t i = 0; i < m->nimports; i++) {
		const ir_import *im = &m->imports[i];
		LLVMValueRef f[] = {
		    [CG_RT_import_module] = name_string(cx, im->module),
		    [CG_RT_import_name] = name_string(cx, im->name),
		    [CG_RT_import_module_len] = u32(cx, im->module.len),
		    [CG_RT_import_name_len] = u32(cx, im->name.len),
		    [CG_RT_import_kind] = u32(cx, im->kind),
		    [CG_RT_import_index] = u32(cx, im->index)};
		v[i] = RT_CONST(cx, import, f);
	}
	return struct_array(cx, v, m->nimports, "w2n.imports");
}

static LLVMValueRef exports_array(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	LLVMValueRef *v = value_list(m->nexports);
	for (uint32_t i = 0; i < m->nexports; i++) {
		const ir_export *e = &m->exports[i];
		LLVMValueRef f[] = {
		    [CG_RT_export_name] = name_string(cx, e->name),
		    [CG_RT_export_name_len] = u32(cx, e->name.len),
		    [CG_RT_export_kind] = u32(cx, e->kind),
		    [CG_RT_export_index] = u32(cx, e->index)};
		v[i] = RT_CONST(cx, export, f);
	}
	return struct_array(cx, v, m->nexports, "w2n.exports");
}

/* func_offsets: each defined function's body offset. */
static LLVMValueRef offsets_array(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	uint32_t n = m->nfuncs - m->nfunc_imports;
	LLVMValueRef *v = value_list(n);
	for (uint32_t i = 0; i < n; i++)
		v[i] = u32(cx, m->funcs[m->nfunc_imports + i].body_offset);
	LLVMValueRef r = const_array(cx, cx->t_i32, v, n, "w2n.func_offsets");
	free(v);
	return r;
}

/* func_tail_code: each defined function's tail entry, or NULL. */
static LLVMValueRef tail_code_array(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	uint32_t n = m->nfuncs - m->nfunc_imports, ntail = 0;
	LLVMValueRef *v = value_list(n);
	for (uint32_t i = 0; i < n; i++) {
		bool tail = m->funcs[m->nfunc_imports + i].tail_calls;
		v[i] = tail ? cg_func_tail_value(cx, m->nfunc_imports + i)
		            : LLVMConstNull(cx->t_ptr);
		ntail += tail;
	}
	LLVMValueRef r =
	    ntail ? const_array(cx, cx->t_ptr, v, n, "w2n.func_tail_code")
	          : LLVMConstNull(cx->t_ptr);
	free(v);
	return r;
}

static LLVMValueRef funcs_arrays(cg_ctx *cx, LLVMValueRef *code,
                                 LLVMValueRef *names)
{
	const ir_module *m = cx->m;
	LLVMValueRef *types = value_list(m->nfuncs);
	LLVMValueRef *fns = value_list(m->nfuncs);
	LLVMValueRef *strs = value_list(m->nfuncs);
	for (uint32_t i = 0; i < m->nfuncs; i++) {
		types[i] = u32(cx, m->funcs[i].type_index);
		strs[i] = name_string(cx, m->funcs[i].name);
		if (i >= m->nfunc_imports)
			fns[i - m->nfunc_imports] = cg_func_value(cx, i);
	}
	LLVMValueRef r =
	    const_array(cx, cx->t_i32, types, m->nfuncs, "w2n.func_types");
	*code = const_array(cx, cx->t_ptr, fns, m->nfuncs - m->nfunc_imports,
	                    "w2n.func_code");
	*names = const_array(cx, cx->t_ptr, strs, m->nfuncs, "w2n.func_names");
	free(types);
	free(fns);
	free(strs);
	return r;
}

/* The type index of every tag (a null pointer when there are none). */
static LLVMValueRef tag_types_array(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	LLVMValueRef *types = value_list(m->ntags);
	for (uint32_t i = 0; i < m->ntags; i++)
		types[i] = u32(cx, m->tags[i].type_index);
	LLVMValueRef r =
	    const_array(cx, cx->t_i32, types, m->ntags, "w2n.tag_types");
	free(types);
	return r;
}

static LLVMValueRef limits_entry(cg_ctx *cx, const ir_limits *l,
                                 uint32_t elem_type)
{
	LLVMValueRef f[] = {[CG_RT_limits_min] = cg_i64(cx, l->min),
	                    [CG_RT_limits_max] = cg_i64(cx, l->max),
	                    [CG_RT_limits_has_max] = u32(cx, l->has_max),
	                    [CG_RT_limits_elem_type] = u32(cx, elem_type),
	                    [CG_RT_limits_addr64] = u32(cx, l->addr64),
	                    [CG_RT_limits_shared] = u32(cx, l->shared)};
	return RT_CONST(cx, limits, f);
}

static LLVMValueRef tables_array(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	LLVMValueRef *v = value_list(m->ntables);
	for (uint32_t i = 0; i < m->ntables; i++)
		v[i] = limits_entry(cx, &m->tables[i].type.limits,
		                    m->tables[i].type.elem);
	return struct_array(cx, v, m->ntables, "w2n.tables");
}

static LLVMValueRef memories_array(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	LLVMValueRef *v = value_list(m->nmemories);
	for (uint32_t i = 0; i < m->nmemories; i++)
		v[i] = limits_entry(cx, &m->memories[i].limits, 0);
	return struct_array(cx, v, m->nmemories, "w2n.memories");
}

static LLVMValueRef globals_array(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	LLVMValueRef *v = value_list(m->nglobals);
	for (uint32_t i = 0; i < m->nglobals; i++) {
		LLVMValueRef f[] = {[CG_RT_globaltype_type] =
		                        u32(cx, m->globals[i].type.type),
		                    [CG_RT_globaltype_mutable_] =
		                        u32(cx, m->globals[i].type.mutable_)};
		v[i] = RT_CONST(cx, globaltype, f);
	}
	return struct_array(cx, v, m->nglobals, "w2n.globals");
}

static LLVMValueRef segments_arrays(cg_ctx *cx, LLVMValueRef *datas)
{
	const ir_module *m = cx->m;
	LLVMValueRef *sizes = value_list(m->nelems);
	for (uint32_t i = 0; i < m->nelems; i++)
		sizes[i] = u32(cx, m->elems[i].nitems);
	LLVMValueRef *d = value_list(m->ndatas);
	for (uint32_t i = 0; i < m->ndatas; i++) {
		LLVMValueRef f[] = {
		    [CG_RT_data_segment_bytes] =
		        const_bytes(cx, m->datas[i].bytes, m->datas[i].len),
		    [CG_RT_data_segment_len] = u32(cx, m->datas[i].len)};
		d[i] = RT_CONST(cx, data_segment, f);
	}
	LLVMValueRef r =
	    const_array(cx, cx->t_i32, sizes, m->nelems, "w2n.elem_sizes");
	*datas = m->ndatas ? const_array(cx, LLVMTypeOf(d[0]), d, m->ndatas,
	                                 "w2n.datas")
	                   : LLVMConstNull(cx->t_ptr);
	free(sizes);
	free(d);
	return r;
}

static LLVMValueRef layout_struct(cg_ctx *cx)
{
	const w2n_rt_layout *l = &cx->layout.rt;
	LLVMValueRef f[] = {
	    [CG_RT_layout_instance_size] = u32(cx, l->instance_size),
	    [CG_RT_layout_memories] = u32(cx, l->memories),
	    [CG_RT_layout_tables] = u32(cx, l->tables),
	    [CG_RT_layout_globals] = u32(cx, l->globals),
	    [CG_RT_layout_funcs] = u32(cx, l->funcs),
	    [CG_RT_layout_type_ids] = u32(cx, l->type_ids),
	    [CG_RT_layout_elems] = u32(cx, l->elems),
	    [CG_RT_layout_datas] = u32(cx, l->datas),
	    [CG_RT_layout_global_storage] = u32(cx, l->global_storage),
	    [CG_RT_layout_func_size] = u32(cx, l->func_size),
	    [CG_RT_layout_tags] = u32(cx, l->tags),
	    [CG_RT_layout_tag_storage] = u32(cx, l->tag_storage),
	    [CG_RT_layout_interrupt] = u32(cx, l->interrupt)};
	return RT_CONST(cx, layout, f);
}

/* The export an executable calls instead of _start (w2n_main_invoke). */
static void emit_main_invoke(cg_ctx *cx)
{
	const char *name = cx->o->main_invoke;
	if (!name)
		return;
	LLVMValueRef s = LLVMConstStringInContext(
	    cx->ctx, name, (unsigned)strlen(name), false);
	LLVMValueRef g =
	    LLVMAddGlobal(cx->mod, LLVMTypeOf(s), "w2n_main_invoke");
	LLVMSetInitializer(g, s);
	LLVMSetGlobalConstant(g, true);
}

/* The compiled-in WASI items of an executable (w2n_main_config). */
static void emit_main_config(cg_ctx *cx)
{
	if (!cx->o->main_config)
		return;
	LLVMValueRef init = LLVMConstStringInContext2(
	    cx->ctx, cx->o->main_config, cx->o->main_config_len, true);
	LLVMValueRef g =
	    LLVMAddGlobal(cx->mod, LLVMTypeOf(init), "w2n_main_config");
	LLVMSetInitializer(g, init);
	LLVMSetGlobalConstant(g, true);
}

void cg_emit_descriptor(cg_ctx *cx)
{
	emit_main_config(cx);
	emit_main_invoke(cx);
	cg_emit_export_wrappers(cx);
	cg_emit_note(cx);
	const ir_module *m = cx->m;
	LLVMValueRef code, names, datas;
	LLVMValueRef func_types = funcs_arrays(cx, &code, &names);
	LLVMValueRef elem_sizes = segments_arrays(cx, &datas);
	LLVMValueRef types = types_array(cx);
	LLVMValueRef init = emit_init(cx);
#define MEMBER(name) [CG_RT_module_##name]
	LLVMValueRef f[] = {
	    MEMBER(abi_version) = u32(cx, W2N_RT_ABI_VERSION),
	    MEMBER(bounds) = u32(cx, cx->o->bounds),
	    MEMBER(name) = name_string(cx, m->name),
	    MEMBER(ntypes) = u32(cx, m->ntypes),
	    MEMBER(types) = types,
	    MEMBER(nimports) = u32(cx, m->nimports),
	    MEMBER(imports) = imports_array(cx),
	    MEMBER(nfuncs) = u32(cx, m->nfuncs),
	    MEMBER(nfunc_imports) = u32(cx, m->nfunc_imports),
	    MEMBER(func_types) = func_types,
	    MEMBER(func_code) = code,
	    MEMBER(func_names) = names,
	    MEMBER(func_tail_code) = tail_code_array(cx),
	    MEMBER(func_offsets) = offsets_array(cx),
	    MEMBER(import_code) = cg_import_code_array(cx),
	    MEMBER(ntables) = u32(cx, m->ntables),
	    MEMBER(ntable_imports) = u32(cx, m->ntable_imports),
	    MEMBER(tables) = tables_array(cx),
	    MEMBER(nmemories) = u32(cx, m->nmemories),
	    MEMBER(nmemory_imports) = u32(cx, m->nmemory_imports),
	    MEMBER(memories) = memories_array(cx),
	    MEMBER(nglobals) = u32(cx, m->nglobals),
	    MEMBER(nglobal_imports) = u32(cx, m->nglobal_imports),
	    MEMBER(globals) = globals_array(cx),
	    MEMBER(nexports) = u32(cx, m->nexports),
	    MEMBER(exports) = exports_array(cx),
	    MEMBER(nelems) = u32(cx, m->nelems),
	    MEMBER(elem_sizes) = elem_sizes,
	    MEMBER(ndatas) = u32(cx, m->ndatas),
	    MEMBER(datas) = datas,
	    MEMBER(ntags) = u32(cx, m->ntags),
	    MEMBER(ntag_imports) = u32(cx, m->ntag_imports),
	    MEMBER(tag_types) = tag_types_array(cx),
	    MEMBER(has_start) = u32(cx, m->has_start),
	    MEMBER(start) = u32(cx, m->start),
	    MEMBER(init) = init,
	    MEMBER(layout) = layout_struct(cx),
	    MEMBER(interruptible) = u32(cx, cx->o->interruptible),
	    MEMBER(line_table) =
	        u32(cx, !cx->o->debug_file    ? W2N_RT_LINES_NONE
	                : cx->o->source_lines ? W2N_RT_LINES_SOURCE
	                                      : W2N_RT_LINES_OFFSETS),
	};
#undef MEMBER
	LLVMValueRef desc = RT_CONST(cx, module, f);
	LLVMValueRef g =
	    LLVMAddGlobal(cx->mod, LLVMTypeOf(desc), cx->o->descriptor_symbol);
	LLVMSetInitializer(g, desc);
	LLVMSetGlobalConstant(g, true);
	LLVMSetAlignment(g, 16);
}
