/*
 * cg_layout.c - the instance block (w2n_rt.h, w2n_rt_layout) as an LLVM
 * struct for the target: codegen decides the layout, the descriptor tells
 * the runtime, and generated code addresses fields through GEPs on it.
 */
#include "cg_internal.h"

static LLVMTypeRef array_of(LLVMTypeRef t, uint32_t n)
{
	return LLVMArrayType2(t, n);
}

static void build_runtime_types(cg_ctx *cx)
{
	LLVMTypeRef func[] = {cx->t_ptr, cx->t_ptr, cx->t_i32};
	cx->t_rt_func = LLVMStructTypeInContext(cx->ctx, func, 3, false);
	/* w2n_rt_memory: base, size, pages, max_pages, reserved, bounds */
	LLVMTypeRef mem[] = {cx->t_ptr, cx->t_i64, cx->t_i64, cx->t_i64,
	                     cx->t_i64, cx->t_i32};
	cx->t_rt_memory = LLVMStructTypeInContext(cx->ctx, mem, 6, false);
	/* w2n_rt_table: elems, size, max, elem_type */
	LLVMTypeRef table[] = {cx->t_ptr, cx->t_i32, cx->t_i32, cx->t_i32};
	cx->t_rt_table = LLVMStructTypeInContext(cx->ctx, table, 4, false);
	/* w2n_rt_elem_segment and w2n_rt_data_segment: pointer, length */
	LLVMTypeRef seg[] = {cx->t_ptr, cx->t_i32};
	cx->t_rt_elem = LLVMStructTypeInContext(cx->ctx, seg, 2, false);
	cx->t_rt_data = cx->t_rt_elem;
}

void cg_layout_build(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	build_runtime_types(cx);
	LLVMTypeRef value = array_of(cx->t_i64, 2); /* w2n_rt_value */
	LLVMTypeRef fields[CG_VM_FIELDS] = {
		[CG_VM_HEADER] = array_of(cx->t_ptr, 4),
		[CG_VM_MEMORIES] = array_of(cx->t_ptr, m->nmemories),
		[CG_VM_TABLES] = array_of(cx->t_ptr, m->ntables),
		[CG_VM_GLOBALS] = array_of(cx->t_ptr, m->nglobals),
		[CG_VM_FUNCS] = array_of(cx->t_rt_func, m->nfuncs),
		[CG_VM_TYPE_IDS] = array_of(cx->t_i32, m->ntypes),
		[CG_VM_ELEMS] = array_of(cx->t_rt_elem, m->nelems),
		[CG_VM_DATAS] = array_of(cx->t_rt_data, m->ndatas),
		[CG_VM_GLOBAL_STORAGE] =
			array_of(value, m->nglobals - m->nglobal_imports),
	};
	LLVMTypeRef vm = LLVMStructCreateNamed(cx->ctx, "w2n.vmctx");
	LLVMStructSetBody(vm, fields, CG_VM_FIELDS, false);
	cx->layout.vmctx = vm;

	w2n_rt_layout *l = &cx->layout.rt;
	uint64_t size = LLVMABISizeOfType(cx->td, vm);
	l->instance_size = (uint32_t)((size + 15) & ~(uint64_t)15);
#define OFFSET(field) (uint32_t)LLVMOffsetOfElement(cx->td, vm, field)
	l->memories = OFFSET(CG_VM_MEMORIES);
	l->tables = OFFSET(CG_VM_TABLES);
	l->globals = OFFSET(CG_VM_GLOBALS);
	l->funcs = OFFSET(CG_VM_FUNCS);
	l->type_ids = OFFSET(CG_VM_TYPE_IDS);
	l->elems = OFFSET(CG_VM_ELEMS);
	l->datas = OFFSET(CG_VM_DATAS);
	l->global_storage = OFFSET(CG_VM_GLOBAL_STORAGE);
#undef OFFSET
	l->func_size = (uint32_t)LLVMABISizeOfType(cx->td, cx->t_rt_func);
}

LLVMValueRef cg_vmctx_addr(cg_ctx *cx, cg_func *fx, unsigned field,
                           uint32_t index)
{
	LLVMValueRef idx[] = {cg_i32(cx, 0), cg_i32(cx, field),
	                      cg_i32(cx, index)};
	return LLVMBuildInBoundsGEP2(cx->b, cx->layout.vmctx, fx->inst, idx,
	                             3, "");
}

LLVMValueRef cg_load_vm(cg_ctx *cx, LLVMTypeRef t, LLVMValueRef ptr)
{
	LLVMValueRef v = LLVMBuildLoad2(cx->b, t, ptr, "");
	LLVMSetMetadata(v, cx->tbaa_kind, cx->tbaa_vmctx);
	return v;
}

LLVMValueRef cg_store_vm(cg_ctx *cx, LLVMValueRef v, LLVMValueRef ptr)
{
	LLVMValueRef s = LLVMBuildStore(cx->b, v, ptr);
	LLVMSetMetadata(s, cx->tbaa_kind, cx->tbaa_vmctx);
	return s;
}
