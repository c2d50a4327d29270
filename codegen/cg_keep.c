/*
 * cg_keep.c - guard-mode loads keep their traps.  With guard pages a load
 * traps only by executing, and LLVM deletes any load whose value ends up
 * unused: a dead local, a call result dropped after inlining, a select or
 * branch folded away.  So every guard-mode load is followed by a call of
 * a marker, `w2n.keep.TYPE(value)`, that LLVM sees as writing memory no
 * code can read: it may not delete the call, yet alias analysis knows the
 * call touches neither linear memory nor instance data.  After
 * optimisation cg_lower_keeps() removes every marker: a load that still
 * has a live use needs nothing more, one that has none becomes volatile,
 * which the backend never deletes (nor narrows: when the vectoriser
 * loads a group of strided accesses as one wide load, the markers take
 * lanes of it, and the whole load becomes volatile).  At -O0 every guard-mode
 * load is volatile from the start.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "cg_internal.h"

#define KEEP_PREFIX "w2n.keep."

/* Vector widths the loop vectoriser may widen a marker to. */
static const unsigned keep_widths[] = {2, 4, 8, 16, 32, 64};
#define NWIDTHS (sizeof keep_widths / sizeof *keep_widths)

/* `w2n.keep.` followed by the type's text without blanks or brackets. */
static void keep_name(LLVMTypeRef t, char *name, size_t size)
{
	char *ts = LLVMPrintTypeToString(t);
	size_t n = (size_t)snprintf(name, size, "%s", KEEP_PREFIX);
	for (const char *p = ts; *p && n + 1 < size; p++)
		if (*p != ' ' && *p != '<' && *p != '>')
			name[n++] = *p;
	name[n] = 0;
	LLVMDisposeMessage(ts);
}

/* Declares marker `name` with parameters `params`: it writes only memory
 * no code can read, so it may not be deleted and stops no other
 * optimisation. */
static LLVMValueRef declare_keep(cg_ctx *cx, const char *name,
                                 LLVMTypeRef *params, unsigned nparams)
{
	LLVMTypeRef ft = LLVMFunctionType(cx->t_void, params, nparams, false);
	LLVMValueRef fn = LLVMAddFunction(cx->mod, name, ft);
	static const char *const flags[] = {"nounwind", "willreturn", "nosync",
	                                    "nofree", "nocallback"};
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
		cg_add_fn_attribute(cx, fn, flags[i], 0);
	/* memory(inaccessiblemem: readwrite): ModRef (3) for location 1. */
	cg_add_fn_attribute(cx, fn, "memory", 3u << 2);
	return fn;
}

/* Declares the vector marker of `width` lanes of `t`, masked (with a
 * <width x i1> operand, for loops whose loads are conditional) or not;
 * its name goes to `vname`. */
static LLVMValueRef declare_vector_keep(cg_ctx *cx, LLVMTypeRef t,
                                        unsigned width, bool masked,
                                        char *vname, size_t size)
{
	LLVMTypeRef params[2] = {LLVMVectorType(t, width),
	                         LLVMVectorType(cx->t_i1, width)};
	char base[64];
	keep_name(params[0], base, sizeof base);
	snprintf(vname, size, "%s%s", base, masked ? ".masked" : "");
	return declare_keep(cx, vname, params, masked ? 2 : 1);
}

/*
 * A scalar marker names a vector marker for each width, plain and masked,
 * as the loop vectoriser's "vector-function-abi-variant" attribute says,
 * so that loops of guard-mode loads still vectorise, conditional loads
 * included.  The vector markers are kept from dead-function elimination
 * through llvm.compiler.used until cg_lower_keeps() deletes them all.
 */
static void add_vector_variants(cg_ctx *cx, LLVMValueRef fn, LLVMTypeRef t,
                                const char *name)
{
	char list[2 * NWIDTHS * 160] = "", vname[80];
	size_t n = 0;
	for (size_t i = 0; i < 2 * NWIDTHS; i++) {
		bool masked = i >= NWIDTHS;
		unsigned width = keep_widths[i % NWIDTHS];
		assert(cx->nkeep_used < CG_MAX_KEEP_VARIANTS);
		cx->keep_used[cx->nkeep_used++] = declare_vector_keep(
		    cx, t, width, masked, vname, sizeof vname);
		n += (size_t)snprintf(list + n, sizeof list - n,
		                      "%s_ZGV_LLVM_%c%uv_%s(%s)", n ? "," : "",
		                      masked ? 'M' : 'N', width, name, vname);
	}
	static const char key[] = "vector-function-abi-variant";
	LLVMAddAttributeAtIndex(
	    fn, (LLVMAttributeIndex)LLVMAttributeFunctionIndex,
	    LLVMCreateStringAttribute(cx->ctx, key, sizeof key - 1, list,
	                              (unsigned)n));
}

/* The marker function for values of type `t`, declared on first use. */
static LLVMValueRef keep_fn(cg_ctx *cx, LLVMTypeRef t, LLVMTypeRef *ft)
{
	char name[64];
	keep_name(t, name, sizeof name);
	*ft = LLVMFunctionType(cx->t_void, &t, 1, false);
	LLVMValueRef fn = LLVMGetNamedFunction(cx->mod, name);
	if (fn)
		return fn;
	fn = declare_keep(cx, name, &t, 1);
	if (LLVMGetTypeKind(t) != LLVMVectorTypeKind)
		add_vector_variants(cx, fn, t, name);
	return fn;
}

void cg_keep_trap(cg_ctx *cx, LLVMValueRef load)
{
	if (cx->o->bounds != W2N_RT_BOUNDS_GUARD)
		return;
	/* At -O0 no optimiser runs, but instruction selection may still
	 * fold away a use that IR shows (say `and` with 0): every load is
	 * volatile, which costs nothing there and needs no marker. */
	if (cx->o->opt_level == 0) {
		LLVMSetVolatile(load, true);
		return;
	}
	LLVMTypeRef ft;
	LLVMValueRef fn = keep_fn(cx, LLVMTypeOf(load), &ft);
	LLVMBuildCall2(cx->b, ft, fn, &load, 1, "");
}

/* An empty side-effecting asm that takes `v` in a register. */
static void use_in_asm(cg_ctx *cx, LLVMValueRef v)
{
	LLVMTypeRef t = LLVMTypeOf(v);
	LLVMTypeRef ft = LLVMFunctionType(cx->t_void, &t, 1, false);
	LLVMValueRef fn = LLVMGetInlineAsm(ft, "", 0, "r", 1, true, false,
	                                   LLVMInlineAsmDialectATT, false);
	LLVMBuildCall2(cx->b, ft, fn, &v, 1, "");
}

/* Keeps any value alive through empty asms, as integers of at most 64
 * bits (guard mode exists on 64-bit targets only). */
static void use_in_registers(cg_ctx *cx, LLVMValueRef v)
{
	LLVMTypeRef t = LLVMTypeOf(v);
	unsigned long long bits = LLVMSizeOfTypeInBits(cx->td, t);
	if (bits <= 64) {
		LLVMTypeRef it = LLVMIntTypeInContext(cx->ctx, (unsigned)bits);
		use_in_asm(cx, LLVMBuildBitCast(cx->b, v, it, ""));
		return;
	}
	if (bits % 64 == 0 && LLVMGetElementType(t) != cx->t_i64) {
		/* Whole words, one asm each, rather than one per lane. */
		LLVMTypeRef words =
		    LLVMVectorType(cx->t_i64, (unsigned)(bits / 64));
		use_in_registers(cx, LLVMBuildBitCast(cx->b, v, words, ""));
		return;
	}
	for (unsigned i = 0; i < LLVMGetVectorSize(t); i++)
		use_in_registers(
		    cx, LLVMBuildExtractElement(cx->b, v, cg_i32(cx, i), ""));
}

static bool is_keep_fn(LLVMValueRef fn)
{
	size_t len;
	const char *name = LLVMGetValueName2(fn, &len);
	return len > strlen(KEEP_PREFIX) &&
	       !strncmp(name, KEEP_PREFIX, strlen(KEEP_PREFIX));
}

/* Whether `v` is used by anything but markers. */
static bool has_real_use(LLVMValueRef v)
{
	for (LLVMUseRef u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
		LLVMValueRef user = LLVMGetUser(u);
		if (!LLVMIsACallInst(user) ||
		    !is_keep_fn(LLVMGetCalledValue(user)))
			return true;
	}
	return false;
}

/* Whether `v` only picks lanes or bits of its first operand: a
 * bitcast, an extractelement, or a shufflevector of one vector. */
static bool rearranges(LLVMValueRef v)
{
	return LLVMIsABitCastInst(v) || LLVMIsAExtractElementInst(v) ||
	       (LLVMIsAShuffleVectorInst(v) &&
	        LLVMIsUndef(LLVMGetOperand(v, 1)));
}

/* The load whose lanes or bits `v` is, or NULL: when the vectoriser
 * loads a group of strided accesses as one wide load and picks their
 * lanes with shuffles, the markers take the shuffles. */
static LLVMValueRef loaded_by(LLVMValueRef v)
{
	while (rearranges(v))
		v = LLVMGetOperand(v, 0);
	return LLVMIsALoadInst(v) ? v : NULL;
}

/* Replaces the marker `call` by what keeps its value computed. */
static void lower_keep(cg_ctx *cx, LLVMValueRef call)
{
	LLVMValueRef v = LLVMGetOperand(call, 0);
	if (LLVMIsAInstruction(v) && !has_real_use(v)) {
		/* A volatile load keeps all its lanes: the backend neither
		 * deletes nor narrows it. */
		LLVMValueRef load = loaded_by(v);
		if (load) {
			LLVMSetVolatile(load, true);
		} else {
			/* The optimiser turned the load into something
			 * else (a select or phi of loads, say). */
			LLVMPositionBuilderBefore(cx->b, call);
			use_in_registers(cx, v);
		}
	}
	LLVMInstructionEraseFromParent(call);
}

/* Keeps the vector markers declared until cg_lower_keeps(). */
void cg_keep_publish(cg_ctx *cx)
{
	if (!cx->nkeep_used)
		return;
	LLVMTypeRef at = LLVMArrayType2(cx->t_ptr, cx->nkeep_used);
	LLVMValueRef g = LLVMAddGlobal(cx->mod, at, "llvm.compiler.used");
	LLVMSetLinkage(g, LLVMAppendingLinkage);
	LLVMSetSection(g, "llvm.metadata");
	LLVMSetInitializer(
	    g, LLVMConstArray2(cx->t_ptr, cx->keep_used, cx->nkeep_used));
}

/*
 * Requires the optimised module; provides it without markers.  ADCE runs
 * first (the pipeline's last passes may leave dead code, dead phi cycles
 * included, which the backend would then delete with the load), so that
 * "has another use" means "has a live use".
 */
bool cg_lower_keeps(cg_ctx *cx)
{
	LLVMValueRef f = LLVMGetFirstFunction(cx->mod);
	while (f && !is_keep_fn(f))
		f = LLVMGetNextFunction(f);
	if (!f)
		return true;
	if (!cg_run_passes(cx, "function(adce)"))
		return false;
	LLVMValueRef used = LLVMGetNamedGlobal(cx->mod, "llvm.compiler.used");
	if (used)
		LLVMDeleteGlobal(used);
	for (LLVMValueRef next; f; f = next) {
		next = LLVMGetNextFunction(f);
		if (!is_keep_fn(f))
			continue;
		for (LLVMUseRef u = LLVMGetFirstUse(f), nu; u; u = nu) {
			nu = LLVMGetNextUse(u);
			if (LLVMIsACallInst(LLVMGetUser(u)))
				lower_keep(cx, LLVMGetUser(u));
		}
		/* What is left is the dead initializer of llvm.compiler.used.
		 */
		LLVMReplaceAllUsesWith(f, LLVMConstNull(LLVMTypeOf(f)));
		LLVMDeleteFunction(f);
	}
	return true;
}
