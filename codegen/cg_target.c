/*
 * cg_target.c - the targets wasm2native compiles for: the rows of
 * runtime/targets.def as cg_target structures.
 */
#include <string.h>

#include "codegen.h"
#include "w2n_rt.h"

static const cg_target targets[CG_TARGET_COUNT] = {
#define W2N_TARGET(id, triple, llvm_triple, cpu, features, abi, tune_cpu,      \
                   bits, bounds, cc, cc_package, qemu, cpu_family,             \
                   elf_machine, quirks, relaxed)                               \
	[CG_TARGET_##id] = {CG_TARGET_##id, triple, llvm_triple, cpu,          \
	                    features,       abi,    tune_cpu,    bits,         \
	                    bounds,         cc,     cc_package,  quirks,       \
	                    relaxed},
#include "targets.def"
#undef W2N_TARGET
};

const cg_target *cg_target_find(const char *triple)
{
	for (int i = 0; i < CG_TARGET_COUNT; i++)
		if (strcmp(targets[i].triple, triple) == 0)
			return &targets[i];
	return NULL;
}

const cg_target *cg_target_host(void)
{
	return cg_target_find(W2N_HOST_TRIPLE);
}

const cg_target *const *cg_targets(void)
{
	static const cg_target *const list[] = {
#define W2N_TARGET(id, ...) &targets[CG_TARGET_##id],
#include "targets.def"
#undef W2N_TARGET
	    NULL};
	return list;
}
