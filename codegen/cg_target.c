/*
 * cg_target.c - the targets wasm2native compiles for, one row each.
 */
#include <string.h>

#include "codegen.h"
#include "w2n_rt.h"

static const cg_target targets[] = {
	{"x86_64-linux-gnu", "x86_64-pc-linux-gnu", "x86-64-v2", "", "", 64,
	 W2N_RT_BOUNDS_GUARD, "cc", "gcc", 0},
	{"aarch64-linux-gnu", "aarch64-unknown-linux-gnu", "generic", "+neon",
	 "", 64, W2N_RT_BOUNDS_GUARD, "aarch64-linux-gnu-gcc",
	 "gcc-aarch64-linux-gnu", CG_QUIRK_PARTIAL_STORES},
	{"riscv64-linux-gnu", "riscv64-unknown-linux-gnu", "generic-rv64",
	 "+m,+a,+f,+d,+c", "lp64d", 64, W2N_RT_BOUNDS_GUARD,
	 "riscv64-linux-gnu-gcc", "gcc-riscv64-linux-gnu",
	 CG_QUIRK_ROUNDING_KEEPS_SNAN | CG_QUIRK_PARTIAL_STORES},
	/* NEON flushes f32 subnormals to zero, which Wasm forbids: f32
	 * arithmetic stays on VFP (-neonfp for scalars, the FTZ quirk for
	 * vectors), the rest of SIMD runs on NEON. */
	{"arm-linux-gnueabihf", "armv7a-unknown-linux-gnueabihf", "cortex-a7",
	 "+vfp4,+neon,-neonfp", "", 32, W2N_RT_BOUNDS_EXPLICIT,
	 "arm-linux-gnueabihf-gcc", "gcc-arm-linux-gnueabihf",
	 CG_QUIRK_NO_VECTOR_ROUNDEVEN | CG_QUIRK_NO_F64_MINMAX |
	     CG_QUIRK_F32_VECTOR_FTZ},
};

enum { NTARGETS = sizeof targets / sizeof targets[0] };

const cg_target *cg_target_find(const char *triple)
{
	for (int i = 0; i < NTARGETS; i++)
		if (strcmp(targets[i].triple, triple) == 0)
			return &targets[i];
	return NULL;
}

const cg_target *cg_target_host(void)
{
#if defined(__x86_64__)
	return &targets[0];
#elif defined(__aarch64__)
	return &targets[1];
#elif defined(__riscv) && __riscv_xlen == 64
	return &targets[2];
#elif defined(__arm__)
	return &targets[3];
#else
	return NULL;
#endif
}

const cg_target *const *cg_targets(void)
{
	static const cg_target *const list[] = {
		&targets[0], &targets[1], &targets[2], &targets[3], NULL};
	return list;
}
