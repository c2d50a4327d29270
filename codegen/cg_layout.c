/*
 * cg_layout.c - the instance block (w2n_rt.h, w2n_rt_layout) as an LLVM
 * struct for the target: codegen decides the layout, the descriptor tells
 * the runtime, and generated code addresses fields through GEPs on it.
 */
#include <stdio.h>

#include "cg_internal.h"

static LLVMTypeRef array_of(LLVMTypeRef t, uint32_t n)
{
	return LLVMArrayType2(t, n);
}

/* abi.def's member types, as codes: a struct member is STRUCT_KIND plus
 * its cg_rt_struct. */
enum {
	KIND_U32,
	KIND_I32,
	KIND_U64,
	KIND_I64,
	KIND_PTR,
	KIND_VOID,
	STRUCT_KIND
};
#define W2N_ABI_U32 KIND_U32
#define W2N_ABI_I32 KIND_I32
#define W2N_ABI_U64 KIND_U64
#define W2N_ABI_I64 KIND_I64
#define W2N_ABI_VOID KIND_VOID
#define W2N_ABI_PTR(pointee) KIND_PTR
#define W2N_ABI_STRUCT(name) (STRUCT_KIND + CG_RT_##name)

/* The member types of every runtime struct. */
#define W2N_RT_HELPER(id, symbol, flags, result, params)
/* clang-format off */
#define W2N_RT_STRUCT(name) static const uint8_t members_##name[] = {
#define W2N_RT_FIELD(name, kind, field) kind,
#define W2N_RT_END(name) };
/* clang-format on */
#include "abi.def"
#undef W2N_RT_STRUCT
#undef W2N_RT_FIELD
#undef W2N_RT_END

/* ... and their names, for cg_layout_print. */
/* clang-format off */
#define W2N_RT_STRUCT(name) static const char *const names_##name[] = {
#define W2N_RT_FIELD(name, kind, field) #field,
#define W2N_RT_END(name) };
/* clang-format on */
#include "abi.def"
#undef W2N_RT_STRUCT
#undef W2N_RT_FIELD
#undef W2N_RT_END

static const struct {
	const char *name;
	const uint8_t *kinds;
	const char *const *members;
	unsigned n;
} struct_members[CG_RT_STRUCTS] = {
#define W2N_RT_STRUCT(name)                                                    \
	[CG_RT_##name] = {"w2n_rt_" #name, members_##name, names_##name,       \
	                  sizeof members_##name},
#define W2N_RT_FIELD(name, kind, field)
#define W2N_RT_END(name)
#include "abi.def"
#undef W2N_RT_STRUCT
#undef W2N_RT_FIELD
#undef W2N_RT_END
};

/* The runtime functions' signatures. */
#define W2N_RT_STRUCT(name)
#define W2N_RT_FIELD(name, kind, field)
#define W2N_RT_END(name)
#undef W2N_RT_HELPER
#define ABI_LIST(...) __VA_ARGS__
#define CG_FLAGS_NONE false
#define CG_FLAGS_NORETURN true
#define CG_FLAGS_THROWS true /* noreturn, and may unwind */
enum { MAX_HELPER_PARAMS = 8 };
static const struct {
	const char *symbol;
	bool noreturn;
	uint8_t result, nparams;
	uint8_t params[MAX_HELPER_PARAMS];
} helper_info[CG_HELPER_COUNT] = {
#define W2N_RT_HELPER(id, symbol, flags, result, params)                       \
	[CG_HELPER_##id] = {#symbol,                                           \
	                    CG_FLAGS_##flags,                                  \
	                    result,                                            \
	                    sizeof((uint8_t[]){ABI_LIST params}),              \
	                    {ABI_LIST params}},
#include "abi.def"
#undef W2N_RT_HELPER
};
#undef W2N_RT_STRUCT
#undef W2N_RT_FIELD
#undef W2N_RT_END

static LLVMTypeRef kind_type(cg_ctx *cx, uint8_t kind)
{
	switch (kind) {
	case KIND_U32:
	case KIND_I32: return cx->t_i32;
	case KIND_U64:
	case KIND_I64: return cx->t_i64;
	case KIND_PTR: return cx->t_ptr;
	case KIND_VOID: return cx->t_void;
	}
	W2N_ASSERT(kind >= STRUCT_KIND && kind - STRUCT_KIND < CG_RT_STRUCTS);
	return cx->t_rt[kind - STRUCT_KIND];
}

/* Each struct after the ones it holds, as abi.def orders them. */
static void build_runtime_types(cg_ctx *cx)
{
	for (unsigned s = 0; s < CG_RT_STRUCTS; s++) {
		LLVMTypeRef members[64];
		unsigned n = struct_members[s].n;
		W2N_ASSERT(n <= sizeof members / sizeof members[0]);
		for (unsigned i = 0; i < n; i++)
			members[i] = kind_type(cx, struct_members[s].kinds[i]);
		cx->t_rt[s] =
		    LLVMStructTypeInContext(cx->ctx, members, n, false);
	}
}

LLVMTypeRef cg_helper_type(cg_ctx *cx, cg_helper h, const char **symbol,
                           bool *noreturn)
{
	LLVMTypeRef params[MAX_HELPER_PARAMS];
	unsigned n = helper_info[h].nparams;
	for (unsigned i = 0; i < n; i++)
		params[i] = kind_type(cx, helper_info[h].params[i]);
	*symbol = helper_info[h].symbol;
	*noreturn = helper_info[h].noreturn;
	return LLVMFunctionType(kind_type(cx, helper_info[h].result), params, n,
	                        false);
}

void cg_layout_print(cg_ctx *cx, FILE *out)
{
	build_runtime_types(cx);
	for (unsigned s = 0; s < CG_RT_STRUCTS; s++) {
		LLVMTypeRef t = cx->t_rt[s];
		fprintf(out, "%s size %llu align %u\n", struct_members[s].name,
		        LLVMABISizeOfType(cx->td, t),
		        LLVMABIAlignmentOfType(cx->td, t));
		for (unsigned i = 0; i < struct_members[s].n; i++)
			fprintf(out, "%s.%s offset %llu\n",
			        struct_members[s].name,
			        struct_members[s].members[i],
			        LLVMOffsetOfElement(cx->td, t, i));
	}
}

LLVMValueRef cg_rt_member(cg_ctx *cx, cg_rt_struct s, LLVMValueRef p,
                          unsigned field)
{
	return LLVMBuildStructGEP2(cx->b, cx->t_rt[s], p, field, "");
}

LLVMValueRef cg_rt_const(cg_ctx *cx, cg_rt_struct s, LLVMValueRef *fields,
                         unsigned n)
{
	W2N_ASSERT(n == struct_members[s].n);
	for (unsigned i = 0; i < n; i++)
		W2N_ASSERT(fields[i] &&
		           LLVMTypeOf(fields[i]) ==
		               LLVMStructGetTypeAtIndex(cx->t_rt[s], i));
	return LLVMConstStructInContext(cx->ctx, fields, n, false);
}

void cg_layout_build(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	build_runtime_types(cx);
	LLVMTypeRef value = array_of(cx->t_i64, 2); /* w2n_rt_value */
	LLVMTypeRef fields[CG_VM_FIELDS] = {
	    [CG_VM_HEADER] = cx->t_rt[CG_RT_instance_header],
	    [CG_VM_MEMORIES] = array_of(cx->t_ptr, m->nmemories),
	    [CG_VM_TABLES] = array_of(cx->t_ptr, m->ntables),
	    [CG_VM_GLOBALS] = array_of(cx->t_ptr, m->nglobals),
	    [CG_VM_FUNCS] = array_of(cx->t_rt[CG_RT_func], m->nfuncs),
	    [CG_VM_TYPE_IDS] = array_of(cx->t_i32, m->ntypes),
	    [CG_VM_ELEMS] = array_of(cx->t_rt[CG_RT_elem_segment], m->nelems),
	    [CG_VM_DATAS] = array_of(cx->t_rt[CG_RT_data_segment], m->ndatas),
	    [CG_VM_GLOBAL_STORAGE] =
	        array_of(value, m->nglobals - m->nglobal_imports),
	    [CG_VM_TAIL_ARGS] = array_of(value, cg_tail_slots(m)),
	    [CG_VM_TAGS] = array_of(cx->t_ptr, m->ntags),
	    [CG_VM_TAG_STORAGE] =
	        array_of(cx->t_rt[CG_RT_tag], m->ntags - m->ntag_imports),
	    [CG_VM_INTERRUPT] = cx->t_rt[CG_RT_interruption],
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
	l->tags = OFFSET(CG_VM_TAGS);
	l->tag_storage = OFFSET(CG_VM_TAG_STORAGE);
	l->interrupt = OFFSET(CG_VM_INTERRUPT);
#undef OFFSET
	l->func_size =
	    (uint32_t)LLVMABISizeOfType(cx->td, cx->t_rt[CG_RT_func]);
}

LLVMValueRef cg_vmctx_addr(cg_ctx *cx, cg_func *fx, unsigned field,
                           uint32_t index)
{
	LLVMValueRef idx[] = {cg_i32(cx, 0), cg_i32(cx, field),
	                      cg_i32(cx, index)};
	return LLVMBuildInBoundsGEP2(cx->b, cx->layout.vmctx, fx->inst, idx, 3,
	                             "");
}

LLVMValueRef cg_load_vm(cg_ctx *cx, LLVMTypeRef t, LLVMValueRef ptr)
{
	LLVMValueRef v = LLVMBuildLoad2(cx->b, t, ptr, "");
	LLVMSetMetadata(v, cx->tbaa_kind, cx->tbaa_vmctx);
	return v;
}

LLVMValueRef cg_load_vm_invariant(cg_ctx *cx, LLVMTypeRef t, LLVMValueRef ptr)
{
	LLVMValueRef v = cg_load_vm(cx, t, ptr);
	unsigned kind = LLVMGetMDKindIDInContext(cx->ctx, "invariant.load", 14);
	LLVMSetMetadata(v, kind,
	                LLVMMetadataAsValue(
	                    cx->ctx, LLVMMDNodeInContext2(cx->ctx, NULL, 0)));
	return v;
}

LLVMValueRef cg_store_vm(cg_ctx *cx, LLVMValueRef v, LLVMValueRef ptr)
{
	LLVMValueRef s = LLVMBuildStore(cx->b, v, ptr);
	LLVMSetMetadata(s, cx->tbaa_kind, cx->tbaa_vmctx);
	return s;
}
