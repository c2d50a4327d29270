/*
 * cg_cpu.c - what the CPU being compiled for can do, where a lowering
 * depends on it (relaxed SIMD: whether multiply-add fuses, which x86
 * instructions exist).  LLVM's C API cannot say which features a CPU
 * name implies, so the backend is asked directly: a probe function is
 * compiled for the unit's target machine (its CPU and features) and its
 * assembly read.  Every CPU and feature list LLVM accepts is answered as
 * LLVM compiles it, with no list of CPUs to keep, and never from the
 * host.  A unit probes on first use only, so modules that do not ask
 * compile as before.
 */
#include <string.h>

#include <llvm-c/IRReader.h>

#include "cg_internal.h"

/* A probe: a module of one function, and what its assembly contains
 * exactly when the CPU has the fact. */
typedef struct probe {
	const char *ir;
	const char *needle;
	bool needle_means_yes;
} probe;

static const probe probes[CG_CPU_FACTS] = {
    /* Without a fused multiply-add instruction llvm.fma becomes a call
     * of the C library's fmaf. */
    [CG_CPU_FMA] = {"define float @probe(float %a, float %b, float %c) {\n"
                    "  %r = call float @llvm.fma.f32(float %a, float %b,"
                    " float %c)\n"
                    "  ret float %r\n"
                    "}\n"
                    "declare float @llvm.fma.f32(float, float, float)\n",
                    "fmaf", false},
    /* A byte reversal is one pshufb from SSSE3 on; other x86 CPUs and
     * other targets use other instructions. */
    [CG_CPU_SSSE3] = {"define <16 x i8> @probe(<16 x i8> %a) {\n"
                      "  %r = shufflevector <16 x i8> %a, <16 x i8> poison,"
                      " <16 x i32> <i32 15, i32 14, i32 13, i32 12,"
                      " i32 11, i32 10, i32 9, i32 8, i32 7, i32 6,"
                      " i32 5, i32 4, i32 3, i32 2, i32 1, i32 0>\n"
                      "  ret <16 x i8> %r\n"
                      "}\n",
                      "pshufb", true},
};

/* Whether the assembly of probe `p` for cx's target machine contains
 * its needle. */
static bool assembly_contains(cg_ctx *cx, const probe *p)
{
	LLVMMemoryBufferRef src = LLVMCreateMemoryBufferWithMemoryRangeCopy(
	    p->ir, strlen(p->ir), "probe");
	LLVMModuleRef mod;
	char *err = NULL;
	if (LLVMParseIRInContext(cx->ctx, src, &mod, &err))
		W2N_UNREACHABLE(); /* the probes are fixed, valid IR */
	LLVMSetTarget(mod, cx->o->target->llvm_triple);
	LLVMSetModuleDataLayout(mod, cx->td);
	LLVMMemoryBufferRef out = NULL;
	bool found = false;
	if (!LLVMTargetMachineEmitToMemoryBuffer(cx->tm, mod, LLVMAssemblyFile,
	                                         &err, &out)) {
		const char *text = LLVMGetBufferStart(out);
		size_t n = LLVMGetBufferSize(out), k = strlen(p->needle);
		for (size_t i = 0; !found && i + k <= n; i++)
			found = memcmp(text + i, p->needle, k) == 0;
		LLVMDisposeMemoryBuffer(out);
	}
	LLVMDisposeMessage(err);
	LLVMDisposeModule(mod);
	return found;
}

bool cg_cpu_has(cg_ctx *cx, cg_cpu_fact f)
{
	W2N_ASSERT(f < CG_CPU_FACTS);
	if (!cx->cpu_facts[f]) {
		const probe *p = &probes[f];
		bool has = assembly_contains(cx, p) == p->needle_means_yes;
		cx->cpu_facts[f] = has ? 1 : -1;
	}
	return cx->cpu_facts[f] > 0;
}
