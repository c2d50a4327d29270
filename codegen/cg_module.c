/*
 * cg_module.c - the codegen stage: sets up LLVM for the target, declares
 * every function, lowers the bodies (cg_func.c), adds the descriptor
 * (cg_entry.c), verifies, optimises and writes the output.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Support.h>
#include <llvm-c/Transforms/PassBuilder.h>

#include "cg_internal.h"

LLVMTypeRef cg_valtype(cg_ctx *cx, ir_valtype t)
{
	switch (t) {
	case IR_I32: return cx->t_i32;
	case IR_I64: return cx->t_i64;
	case IR_F32: return cx->t_f32;
	case IR_F64: return cx->t_f64;
	case IR_V128: return cx->t_v128;
	}
	/* Every reference, typed or not, null or not, is a pointer. */
	W2N_ASSERT(ir_valtype_is_ref(t));
	return cx->t_ptr;
}

LLVMValueRef cg_zero(cg_ctx *cx, ir_valtype t)
{
	return LLVMConstNull(cg_valtype(cx, t));
}

LLVMValueRef cg_helper_fn(cg_ctx *cx, cg_helper h, LLVMTypeRef *type)
{
	if (!cx->helpers[h]) {
		const char *symbol;
		bool noreturn;
		LLVMTypeRef ft = cg_helper_type(cx, h, &symbol, &noreturn);
		LLVMValueRef fn = LLVMAddFunction(cx->mod, symbol, ft);
		if (noreturn) {
			cg_add_fn_attribute(cx, fn, "noreturn", 0);
			cg_add_fn_attribute(cx, fn, "cold", 0);
		}
		cx->helpers[h] = fn;
		cx->helper_types[h] = ft;
	}
	if (type)
		*type = cx->helper_types[h];
	return cx->helpers[h];
}

LLVMValueRef cg_call_helper(cg_ctx *cx, cg_helper h, LLVMValueRef *args,
                            unsigned nargs)
{
	LLVMTypeRef ft;
	LLVMValueRef fn = cg_helper_fn(cx, h, &ft);
	return LLVMBuildCall2(cx->b, ft, fn, args, nargs, "");
}

void cg_call_copy(cg_ctx *cx, cg_func *fx, cg_helper h, cg_helper h64,
                  bool wide, uint32_t dst, uint32_t src, LLVMValueRef *dsn)
{
	LLVMValueRef args[6] = {fx->inst, cg_i32(cx, dst), cg_i32(cx, src)};
	for (int i = 0; i < 3; i++)
		args[3 + i] =
		    wide ? LLVMBuildZExt(cx->b, dsn[i], cx->t_i64, "") : dsn[i];
	cg_call_helper(cx, wide ? h64 : h, args, 6);
}

static void init_types(cg_ctx *cx)
{
	LLVMContextRef c = cx->ctx;
	cx->t_void = LLVMVoidTypeInContext(c);
	cx->t_i1 = LLVMInt1TypeInContext(c);
	cx->t_i8 = LLVMInt8TypeInContext(c);
	cx->t_i16 = LLVMInt16TypeInContext(c);
	cx->t_i32 = LLVMInt32TypeInContext(c);
	cx->t_i64 = LLVMInt64TypeInContext(c);
	cx->t_f32 = LLVMFloatTypeInContext(c);
	cx->t_f64 = LLVMDoubleTypeInContext(c);
	cx->t_v128 = LLVMVectorType(cx->t_i32, 4);
	cx->t_ptr = LLVMPointerTypeInContext(c, 0);
	cx->t_intptr = LLVMIntPtrTypeInContext(c, cx->td);
}

/* TBAA: two scalar types under one root, so that linear memory accesses
 * and instance/runtime data are known not to alias. */
static LLVMValueRef tbaa_tag(cg_ctx *cx, LLVMMetadataRef root, const char *name)
{
	LLVMMetadataRef zero = LLVMValueAsMetadata(cg_i64(cx, 0));
	LLVMMetadataRef type_ops[] = {
	    LLVMMDStringInContext2(cx->ctx, name, strlen(name)), root, zero};
	LLVMMetadataRef type = LLVMMDNodeInContext2(cx->ctx, type_ops, 3);
	LLVMMetadataRef tag_ops[] = {type, type, zero};
	return LLVMMetadataAsValue(cx->ctx,
	                           LLVMMDNodeInContext2(cx->ctx, tag_ops, 3));
}

static void init_tbaa(cg_ctx *cx)
{
	const char *root_name = "wasm2native tbaa";
	LLVMMetadataRef root_name_md =
	    LLVMMDStringInContext2(cx->ctx, root_name, strlen(root_name));
	LLVMMetadataRef root = LLVMMDNodeInContext2(cx->ctx, &root_name_md, 1);
	cx->tbaa_kind = LLVMGetMDKindIDInContext(cx->ctx, "tbaa", 4);
	cx->tbaa_memory = tbaa_tag(cx, root, "wasm memory");
	cx->tbaa_vmctx = tbaa_tag(cx, root, "wasm instance");
}

/* The Wasm calling convention of each type (w2n_rt.h). */
static void declare_types(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	cx->functypes = w2n_xmalloc((m->ntypes + 1) * sizeof *cx->functypes);
	for (uint32_t i = 0; i < m->ntypes; i++) {
		const ir_functype *t = &m->types[i];
		LLVMTypeRef *params =
		    w2n_xmalloc((t->nparams + 1) * sizeof *params);
		params[0] = cx->t_ptr;
		for (uint32_t j = 0; j < t->nparams; j++)
			params[j + 1] = cg_valtype(cx, t->params[j]);
		LLVMTypeRef result = cx->t_void;
		if (t->nresults == 1) {
			result = cg_valtype(cx, t->results[0]);
		} else if (t->nresults > 1) {
			LLVMTypeRef *rs = w2n_xmalloc(t->nresults * sizeof *rs);
			for (uint32_t j = 0; j < t->nresults; j++)
				rs[j] = cg_valtype(cx, t->results[j]);
			result = LLVMStructTypeInContext(cx->ctx, rs,
			                                 t->nresults, false);
			free(rs);
		}
		cx->functypes[i] =
		    LLVMFunctionType(result, params, t->nparams + 1, false);
		free(params);
	}
}

static void add_string_attribute(cg_ctx *cx, LLVMValueRef fn, const char *key,
                                 const char *value)
{
	LLVMAddAttributeAtIndex(
	    fn, (LLVMAttributeIndex)LLVMAttributeFunctionIndex,
	    LLVMCreateStringAttribute(cx->ctx, key, (unsigned)strlen(key),
	                              value, (unsigned)strlen(value)));
}

/* The symbol of defined function `index`: local to the module's one
 * object, or, when the module is split into partitions, a hidden symbol
 * named after the descriptor (so that several modules can share a host
 * program) that the partition objects link by. */
static void function_symbol(cg_ctx *cx, uint32_t index, char *name, size_t n)
{
	if (cx->unit->split) {
		snprintf(name, n, "%s.func.%u", cx->o->descriptor_symbol,
		         index);
	} else if (cx->o->debug_full) {
		/* -g: the Wasm name, for perf and other symbol readers.  The
		 * suffix keeps it apart from every C symbol, so that a Wasm
		 * function called memcpy is never taken for the libc one a
		 * libcall names, and demanglers read it as a clone suffix. */
		char wasm[160];
		cg_debug_func_name(cx->m, index, wasm, sizeof wasm);
		snprintf(name, n, "%s.wasm", wasm);
	} else {
		snprintf(name, n, "w2n_func_%u", index);
	}
}

/* Declares a function of the module's code: local to its object, or
 * hidden when the module is split. */
static LLVMValueRef declare_code(cg_ctx *cx, const char *name, LLVMTypeRef type)
{
	LLVMValueRef fn = LLVMAddFunction(cx->mod, name, type);
	if (cx->unit->split)
		LLVMSetVisibility(fn, LLVMHiddenVisibility);
	else
		LLVMSetLinkage(fn, LLVMInternalLinkage);
	/* No tail calls and no tail recursion elimination: runaway
	 * recursion must exhaust the stack and trap, not loop.  (A tail
	 * call instruction is `musttail`, which this does not stop.) */
	add_string_attribute(cx, fn, "disable-tail-calls", "true");
	/* Frames larger than a page probe it, so that stack exhaustion
	 * always hits the guard page. */
	add_string_attribute(cx, fn, "probe-stack", "inline-asm");
	/* A target's default CPU may tune badly: x86-64-v2's tuning turns
	 * rotates into slow SHLD (bench/results/ANALYSIS.md, finding 1), so
	 * the row names the tuning to use unless --cpu says otherwise. */
	if (!cx->o->cpu && cx->o->target->tune_cpu[0])
		add_string_attribute(cx, fn, "tune-cpu",
		                     cx->o->target->tune_cpu);
	return fn;
}

LLVMValueRef cg_func_value(cg_ctx *cx, uint32_t index)
{
	if (cx->funcs[index])
		return cx->funcs[index];
	const ir_module *m = cx->m;
	W2N_ASSERT(!m->funcs[index].imported);
	char name[192];
	function_symbol(cx, index, name, sizeof name);
	cx->funcs[index] =
	    declare_code(cx, name, cx->functypes[m->funcs[index].type_index]);
	return cx->funcs[index];
}

LLVMValueRef cg_func_tail_value(cg_ctx *cx, uint32_t index)
{
	if (cx->tail_funcs[index])
		return cx->tail_funcs[index];
	const ir_module *m = cx->m;
	W2N_ASSERT(m->funcs[index].tail_calls);
	char base[192], name[200];
	function_symbol(cx, index, base, sizeof base);
	snprintf(name, sizeof name, "%s.tail", base);
	cx->tail_funcs[index] =
	    declare_code(cx, name, cg_tail_type(cx, ir_func_type(m, index)));
	return cx->tail_funcs[index];
}

/*
 * LLVM takes any --cpu and --features, warns on stderr (again for every
 * function) about a name it does not know and ignores it.  A compiler
 * must refuse it: the target machine is created with stderr caught, and
 * what LLVM said becomes the error.
 */
static LLVMTargetMachineRef
create_target_machine(LLVMTargetRef target, const char *triple,
                      LLVMTargetMachineOptionsRef tmo, char *said, size_t n)
{
	said[0] = '\0';
	FILE *caught = tmpfile();
	int saved = caught ? dup(STDERR_FILENO) : -1;
	fflush(stderr);
	bool redirected =
	    saved >= 0 && dup2(fileno(caught), STDERR_FILENO) >= 0;
	LLVMTargetMachineRef tm =
	    LLVMCreateTargetMachineWithOptions(target, triple, tmo);
	if (redirected) {
		fflush(stderr);
		dup2(saved, STDERR_FILENO);
		rewind(caught);
		if (fgets(said, (int)n,
		          caught)) /* "... (ignoring processor)" */
			said[strcspn(said, "\n")] = '\0';
		char *ignoring = strstr(said, " (ignoring");
		if (ignoring)
			*ignoring = '\0';
	}
	if (saved >= 0)
		close(saved);
	if (caught)
		fclose(caught);
	return tm;
}

static bool make_target_machine(cg_ctx *cx)
{
	const cg_options *o = cx->o;
	LLVMTargetRef target;
	char *err = NULL;
	if (LLVMGetTargetFromTriple(o->target->llvm_triple, &target, &err)) {
		w2n_error(cx->diags, W2N_NO_OFFSET, W2N_DIAG_CODEGEN,
		          "target %s: %s", o->target->triple, err);
		LLVMDisposeMessage(err);
		return false;
	}
	static const LLVMCodeGenOptLevel levels[] = {
	    LLVMCodeGenLevelNone, LLVMCodeGenLevelLess, LLVMCodeGenLevelDefault,
	    LLVMCodeGenLevelAggressive};
	const char *cpu = o->cpu ? o->cpu : o->target->cpu;
	const char *features = o->features ? o->features : o->target->features;
	char *host_cpu = NULL, *host_features = NULL;
	if (strcmp(cpu, "native") == 0) {
		/* The machine wasm2native runs on, for its own target only. */
		if (o->target != cg_target_host())
			return w2n_error(cx->diags, W2N_NO_OFFSET,
			                 W2N_DIAG_USAGE,
			                 "--cpu=native needs the "
			                 "host's target, not %s",
			                 o->target->triple);
		cpu = host_cpu = LLVMGetHostCPUName();
		if (!o->features)
			features = host_features = LLVMGetHostCPUFeatures();
	}
	LLVMTargetMachineOptionsRef tmo = LLVMCreateTargetMachineOptions();
	LLVMTargetMachineOptionsSetCPU(tmo, cpu);
	LLVMTargetMachineOptionsSetFeatures(tmo, features);
	LLVMTargetMachineOptionsSetABI(tmo, o->target->abi);
	LLVMTargetMachineOptionsSetCodeGenOptLevel(
	    tmo, levels[o->opt_level > 3 ? 3 : o->opt_level]);
	LLVMTargetMachineOptionsSetRelocMode(tmo, LLVMRelocPIC);
	char said[256];
	/* Units compiled at once share stderr while it is caught. */
	static pthread_mutex_t catching = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&catching);
	cx->tm = create_target_machine(target, o->target->llvm_triple, tmo,
	                               said, sizeof said);
	pthread_mutex_unlock(&catching);
	LLVMDisposeTargetMachineOptions(tmo);
	LLVMDisposeMessage(host_cpu);
	LLVMDisposeMessage(host_features);
	if (said[0])
		return w2n_error(cx->diags, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--cpu/--features for %s: %s",
		                 o->target->triple, said);
	cx->td = LLVMCreateTargetDataLayout(cx->tm);
	LLVMSetTarget(cx->mod, o->target->llvm_triple);
	LLVMSetModuleDataLayout(cx->mod, cx->td);
	if (o->target->abi[0]) {
		/* The backend checks that the module agrees with it. */
		const char *abi = o->target->abi;
		LLVMAddModuleFlag(
		    cx->mod, LLVMModuleFlagBehaviorError, "target-abi", 10,
		    LLVMMDStringInContext2(cx->ctx, abi, strlen(abi)));
	}
	return true;
}

static void initialize_targets(void)
{
	/* The register coalescer is quadratic in the live intervals of huge
	 * functions (two thirds of emitting one).  LLVM's own limit stops
	 * joining a "large" interval after 256 joins; here after 16, and an
	 * interval is large from 400 values (not 100), which no function of
	 * bench/'s programs has: their code is the same as without. */
	const char *argv[] = {"wasm2native",
	                      "-large-interval-freq-threshold=16",
	                      "-large-interval-size-threshold=400"};
	LLVMParseCommandLineOptions(3, argv, NULL);
	LLVMInitializeX86TargetInfo();
	LLVMInitializeX86Target();
	LLVMInitializeX86TargetMC();
	LLVMInitializeX86AsmPrinter();
	LLVMInitializeAArch64TargetInfo();
	LLVMInitializeAArch64Target();
	LLVMInitializeAArch64TargetMC();
	LLVMInitializeAArch64AsmPrinter();
	LLVMInitializeRISCVTargetInfo();
	LLVMInitializeRISCVTarget();
	LLVMInitializeRISCVTargetMC();
	LLVMInitializeRISCVAsmPrinter();
	LLVMInitializeARMTargetInfo();
	LLVMInitializeARMTarget();
	LLVMInitializeARMTargetMC();
	LLVMInitializeARMAsmPrinter();
}

void cg_initialize_llvm(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, initialize_targets);
}

static bool verify(cg_ctx *cx)
{
	char *msg = NULL;
	if (!LLVMVerifyModule(cx->mod, LLVMReturnStatusAction, &msg)) {
		LLVMDisposeMessage(msg);
		return true;
	}
	/* A module that passed validation must lower to valid IR. */
	fprintf(stderr, "%s\n", msg);
	LLVMDisposeMessage(msg);
	W2N_UNREACHABLE();
}

bool cg_run_passes(cg_ctx *cx, const char *pipeline)
{
	LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
	LLVMErrorRef e = LLVMRunPasses(cx->mod, pipeline, cx->tm, po);
	LLVMDisposePassBuilderOptions(po);
	if (e) {
		char *msg = LLVMGetErrorMessage(e);
		w2n_error(cx->diags, W2N_NO_OFFSET, W2N_DIAG_CODEGEN, "%s",
		          msg);
		LLVMDisposeErrorMessage(msg);
		return false;
	}
	return true;
}

/* What default<O2> runs from the loop vectoriser on, for the loops
 * cg_version_loops copied after it ran. */
static const char after_versioning[] =
    "function(simplifycfg,instcombine,loop-vectorize,"
    "infer-alignment,loop-load-elim,instcombine,"
    "simplifycfg,slp-vectorizer,vector-combine,instcombine,"
    "loop-unroll<O2>,instcombine,loop-mssa(licm),simplifycfg)";

/* String attributes marking, for the passes after versioning, the
 * functions with copied loops and the functions made optnone (and
 * noinline, which optnone needs) for the time of those passes. */
static const char versioned_key[] = "w2n-versioned";
static const char skipped_key[] = "w2n-skipped";
static const char noinline_key[] = "w2n-noinline-added";

static bool has_string_attribute(LLVMValueRef fn, const char *key)
{
	return LLVMGetStringAttributeAtIndex(
	           fn, (LLVMAttributeIndex)LLVMAttributeFunctionIndex, key,
	           (unsigned)strlen(key)) != NULL;
}

static void remove_string_attribute(LLVMValueRef fn, const char *key)
{
	LLVMRemoveStringAttributeAtIndex(
	    fn, (LLVMAttributeIndex)LLVMAttributeFunctionIndex, key,
	    (unsigned)strlen(key));
}

static unsigned enum_kind(const char *name)
{
	return LLVMGetEnumAttributeKindForName(name, strlen(name));
}

static bool has_enum_attribute(LLVMValueRef fn, const char *name)
{
	return LLVMGetEnumAttributeAtIndex(
	           fn, (LLVMAttributeIndex)LLVMAttributeFunctionIndex,
	           enum_kind(name)) != NULL;
}

void cg_add_fn_attribute(cg_ctx *cx, LLVMValueRef fn, const char *name,
                         uint64_t value)
{
	LLVMAddAttributeAtIndex(
	    fn, (LLVMAttributeIndex)LLVMAttributeFunctionIndex,
	    LLVMCreateEnumAttribute(cx->ctx, enum_kind(name), value));
}

static void set_enum_attribute(cg_ctx *cx, LLVMValueRef fn, const char *name,
                               bool on)
{
	if (on)
		cg_add_fn_attribute(cx, fn, name, 0);
	else
		LLVMRemoveEnumAttributeAtIndex(
		    fn, (LLVMAttributeIndex)LLVMAttributeFunctionIndex,
		    enum_kind(name));
}

void cg_mark_versioned(cg_ctx *cx, LLVMValueRef fn)
{
	add_string_attribute(cx, fn, versioned_key, "");
}

/* Makes every defined function without copied loops optnone, or (`on`
 * false) undoes that and the marks: the passes after versioning, which
 * skip optnone functions, then cost only where loops were copied. */
static void skip_unversioned(cg_ctx *cx, bool on)
{
	for (LLVMValueRef fn = LLVMGetFirstFunction(cx->mod); fn;
	     fn = LLVMGetNextFunction(fn)) {
		if (!LLVMCountBasicBlocks(fn))
			continue;
		if (!on) {
			bool skipped = has_string_attribute(fn, skipped_key);
			if (skipped)
				set_enum_attribute(cx, fn, "optnone", false);
			if (has_string_attribute(fn, noinline_key))
				set_enum_attribute(cx, fn, "noinline", false);
			remove_string_attribute(fn, versioned_key);
			remove_string_attribute(fn, skipped_key);
			remove_string_attribute(fn, noinline_key);
			continue;
		}
		if (has_string_attribute(fn, versioned_key) ||
		    has_enum_attribute(fn, "alwaysinline") ||
		    has_enum_attribute(fn, "optnone"))
			continue;
		if (!has_enum_attribute(fn, "noinline")) {
			set_enum_attribute(cx, fn, "noinline", true);
			add_string_attribute(cx, fn, noinline_key, "");
		}
		set_enum_attribute(cx, fn, "optnone", true);
		add_string_attribute(cx, fn, skipped_key, "");
	}
}

/* At -O2 and up: the inner loops' bounds checks decided before the loop
 * where they can be, and Wasm-shaped exits made countable (cg_version.c);
 * the vectoriser then runs again on the functions with copied loops. */
static bool version_loops(cg_ctx *cx)
{
	if (cx->o->opt_level < 2)
		return true;
	if (!cg_run_passes(cx, "function(loop-simplify,lcssa)"))
		return false;
	if (!cg_version_loops(cx))
		return true;
	skip_unversioned(cx, true);
	bool ok = cg_run_passes(cx, after_versioning);
	skip_unversioned(cx, false);
	return ok;
}

/* Unwind tables for every function the module defines, exact at every
 * instruction, not only at calls: a backtrace starts at any faulting
 * access and unwinds through import stubs and wrappers too
 * (docs/backtraces.md). */
static void add_unwind_tables(cg_ctx *cx)
{
	for (LLVMValueRef fn = LLVMGetFirstFunction(cx->mod); fn;
	     fn = LLVMGetNextFunction(fn))
		if (LLVMCountBasicBlocks(fn))
			cg_add_fn_attribute(cx, fn, "uwtable",
			                    2 /* UWTableKind::Async */);
}

static bool optimize(cg_ctx *cx)
{
	add_unwind_tables(cx);
	char passes[32];
	snprintf(passes, sizeof passes, "default<O%u>",
	         cx->o->opt_level > 3 ? 3 : cx->o->opt_level);
	return cg_run_passes(cx, passes) && version_loops(cx) &&
	       cg_lower_keeps(cx);
}

static bool write_output(cg_ctx *cx, cg_emit emit, const char *path)
{
	char *err = NULL;
	LLVMBool failed;
	if (emit == CG_EMIT_LLVM_IR)
		failed = LLVMPrintModuleToFile(cx->mod, path, &err);
	else
		failed = LLVMTargetMachineEmitToFile(
		    cx->tm, cx->mod, path,
		    emit == CG_EMIT_OBJECT ? LLVMObjectFile : LLVMAssemblyFile,
		    &err);
	if (failed) {
		w2n_error(cx->diags, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
		          "%s: %s", path, err ? err : "?");
		LLVMDisposeMessage(err);
		return false;
	}
	return true;
}

static void dispose(cg_ctx *cx)
{
	free(cx->funcs);
	free(cx->tail_funcs);
	free(cx->functypes);
	if (cx->b)
		LLVMDisposeBuilder(cx->b);
	if (cx->mod)
		LLVMDisposeModule(cx->mod);
	if (cx->td)
		LLVMDisposeTargetData(cx->td);
	if (cx->tm)
		LLVMDisposeTargetMachine(cx->tm);
	if (cx->ctx)
		LLVMContextDispose(cx->ctx);
}

/* A function of another partition small enough to inline, copied into
 * this one as available_externally: the inliner sees its body, the
 * object keeps only the call (ThinLTO's importing, one level deep). */
static bool worth_importing(const cg_ctx *cx, uint32_t index)
{
	/* (A function with a tail entry is two functions: not copied.) */
	return cx->funcs[index] && !cx->m->funcs[index].imported &&
	       !cx->m->funcs[index].tail_calls &&
	       (index < cx->unit->fbegin || index >= cx->unit->fend) &&
	       cx->m->funcs[index].ncode <= CG_IMPORT_MAX_INSTRS;
}

static void import_small_callees(cg_ctx *cx)
{
	const ir_module *m = cx->m;
	uint32_t n = 0;
	uint32_t *wanted = w2n_xmalloc((m->nfuncs + 1) * sizeof *wanted);
	for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
		if (worth_importing(cx, i))
			wanted[n++] = i;
	for (uint32_t k = 0; k < n; k++) {
		cg_function(cx, wanted[k]);
		LLVMSetLinkage(cx->funcs[wanted[k]],
		               LLVMAvailableExternallyLinkage);
	}
	free(wanted);
}

/* The SLP vectoriser is superlinear in the phi webs of huge functions
 * (seconds for one function of an interpreter), where it seldom finds
 * anything; it skips functions marked noimplicitfloat, which otherwise
 * only keeps the backend from using vector registers for copies. */
static void bound_superlinear_passes(cg_ctx *cx, LLVMValueRef fn)
{
	unsigned kind = LLVMGetEnumAttributeKindForName("noimplicitfloat", 15);
	LLVMAddAttributeAtIndex(fn,
	                        (LLVMAttributeIndex)LLVMAttributeFunctionIndex,
	                        LLVMCreateEnumAttribute(cx->ctx, kind, 0));
}

static void lower_unit(cg_ctx *cx)
{
	const cg_unit *u = cx->unit;
	const ir_module *m = cx->m;
	init_types(cx);
	init_tbaa(cx);
	cg_debug_begin(cx);
	cg_layout_build(cx);
	declare_types(cx);
	cx->funcs = w2n_xmalloc((m->nfuncs + 1) * sizeof *cx->funcs);
	memset(cx->funcs, 0, (m->nfuncs + 1) * sizeof *cx->funcs);
	cx->tail_funcs = w2n_xmalloc((m->nfuncs + 1) * sizeof *cx->tail_funcs);
	memset(cx->tail_funcs, 0, (m->nfuncs + 1) * sizeof *cx->tail_funcs);
	/* The unit's own functions first, in index order: their order in
	 * the object. */
	uint32_t first = u->split ? u->fbegin : m->nfunc_imports;
	uint32_t end = u->split ? u->fend : m->nfuncs;
	for (uint32_t i = first; i < end; i++) {
		cg_func_value(cx, i);
		if (m->funcs[i].tail_calls)
			cg_func_tail_value(cx, i);
	}
	for (uint32_t i = u->fbegin; i < u->fend; i++)
		cg_function(cx, i);
	if (u->large)
		bound_superlinear_passes(cx, cx->funcs[u->fbegin]);
	if (u->split && cx->o->opt_level > 0)
		import_small_callees(cx);
	if (u->shared)
		cg_emit_descriptor(cx);
	cg_keep_publish(cx);
	cg_debug_end(cx);
}

/* CPU time of the calling thread: the phases of concurrent units. */
static double thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void lap(double cpu[CG_PHASES], int phase, double *t0)
{
	double t = thread_cpu();
	cpu[phase] += t - *t0;
	*t0 = t;
}

/* -d l: the unit's LLVM IR before optimisation; units dump one at a
 * time. */
static void dump_unit(cg_ctx *cx)
{
	static pthread_mutex_t dumping = PTHREAD_MUTEX_INITIALIZER;
	char *text = LLVMPrintModuleToString(cx->mod);
	pthread_mutex_lock(&dumping);
	fprintf(stderr, "; unit: functions %u to %u\n%s", cx->unit->fbegin,
	        cx->unit->fend, text);
	pthread_mutex_unlock(&dumping);
	LLVMDisposeMessage(text);
}

bool cg_compile_unit(const ir_module *m, const cg_options *o, const cg_unit *u,
                     cg_emit emit, const char *path, double cpu[CG_PHASES],
                     w2n_diags *d)
{
	cg_ctx cx = {.m = m, .o = o, .unit = u, .diags = d};
	double t0 = thread_cpu();
	cg_initialize_llvm();
	cx.ctx = LLVMContextCreate();
	cx.mod = LLVMModuleCreateWithNameInContext("wasm", cx.ctx);
	cx.b = LLVMCreateBuilderInContext(cx.ctx);
	bool ok = make_target_machine(&cx);
	if (ok) {
		lower_unit(&cx);
		if (o->dump_llvm)
			dump_unit(&cx);
		lap(cpu, CG_PHASE_IR, &t0);
		ok = verify(&cx) && optimize(&cx);
		if (ok && (o->target->quirks & CG_QUIRK_F32_VECTOR_FTZ))
			cg_float_split_f32_vectors(&cx);
		lap(cpu, CG_PHASE_OPTIMISE, &t0);
	}
	ok = ok && write_output(&cx, emit, path);
	dispose(&cx);
	lap(cpu, CG_PHASE_EMIT, &t0);
	return ok;
}

bool cg_compile(const ir_module *m, const cg_options *o, cg_emit emit,
                const char *out_path, double cpu[CG_PHASES], w2n_diags *d)
{
	cg_unit whole = {
	    .fbegin = m->nfunc_imports, .fend = m->nfuncs, .shared = true};
	return cg_compile_unit(m, o, &whole, emit, out_path, cpu, d);
}

bool cg_print_abi_layout(const cg_options *o, FILE *out, w2n_diags *d)
{
	cg_ctx cx = {.o = o, .diags = d};
	cg_initialize_llvm();
	cx.ctx = LLVMContextCreate();
	cx.mod = LLVMModuleCreateWithNameInContext("abi", cx.ctx);
	bool ok = make_target_machine(&cx);
	if (ok) {
		init_types(&cx);
		cg_layout_print(&cx, out);
	}
	dispose(&cx);
	return ok;
}

const char *cg_llvm_library(void)
{
	/* A union, as ISO C has no cast from function to object pointer. */
	union {
		LLVMContextRef (*fn)(void);
		void *addr;
	} llvm = {.fn = LLVMContextCreate};
	Dl_info info;
	if (!dladdr(llvm.addr, &info))
		return NULL;
	return info.dli_fname;
}

char *cg_host_cpu_identity(void)
{
	char *cpu = LLVMGetHostCPUName(), *features = LLVMGetHostCPUFeatures();
	size_t n = strlen(cpu) + strlen(features) + 2;
	char *s = w2n_xmalloc(n);
	snprintf(s, n, "%s %s", cpu, features);
	LLVMDisposeMessage(cpu);
	LLVMDisposeMessage(features);
	return s;
}
