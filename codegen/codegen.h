/*
 * codegen.h - the codegen stage's interface: a validated ir_module in, an
 * LLVM module out, then an object file, assembly or LLVM IR text.
 * Nothing here is LLVM-typed, so the driver needs no LLVM headers.
 */
#ifndef W2N_CODEGEN_H
#define W2N_CODEGEN_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "ir.h"

/* What LLVM 19's backend gets wrong for a target, worked around by
 * codegen (cg_float.c); found by running the spec tests on each target. */
enum {
	/* "Cannot select" vector llvm.roundeven. */
	CG_QUIRK_NO_VECTOR_ROUNDEVEN = 1 << 0,
	/* "Cannot select" after expanding f64 llvm.minimum/maximum. */
	CG_QUIRK_NO_F64_MINMAX = 1 << 1,
	/* Without hardware rounding (RISC-V before Zfa), ceil, floor, trunc
	 * and roundeven return a NaN operand as it is, signalling or not. */
	CG_QUIRK_ROUNDING_KEEPS_SNAN = 1 << 2,
	/* A misaligned store that runs into a guard page may write its
	 * first bytes before the fault (AArch64, RISC-V). */
	CG_QUIRK_PARTIAL_STORES = 1 << 3,
	/* The vector unit flushes f32 subnormals (ARMv7 NEON): f32 vector
	 * arithmetic runs lane by lane on the scalar FPU. */
	CG_QUIRK_F32_VECTOR_FTZ = 1 << 4,
};

/*
 * Relaxed SIMD (Wasm 3.0, spec 4.3.4 "relaxed operations"): where a
 * target's fastest instructions give another of the results the spec
 * allows than the deterministic profile's (its choice 0), the target's
 * RELAXED column names that choice.  A target without a flag computes the
 * deterministic profile's result.  Each is one of the spec's global
 * parameters, the same for every lane shape; whether multiply-add fuses
 * depends on the CPU, not on the row (cg_cpu_has_fma).
 * docs/relaxed-simd.md has every result per target.
 */
enum {
	/* i8x16.relaxed_swizzle: an index 16..127 reads lane index mod 16
	 * (x86 pshufb; R_swizzle = 1). */
	CG_RELAXED_SWIZZLE_MOD16 = 1 << 0,
	/* i32x4.relaxed_trunc_*_s: a NaN or out-of-range lane gives INT32_MIN
	 * (x86 cvttps2dq, cvttpd2dq; R_trunc_s = 1). */
	CG_RELAXED_TRUNC_INT_MIN = 1 << 1,
	/* *.relaxed_laneselect: each lane by the top bit of its mask lane
	 * (x86 blendv; R_laneselect = 1). */
	CG_RELAXED_LANESELECT_SIGN = 1 << 2,
	/* relaxed_min (max): a < b (a > b) ? a : b, so b when either is NaN
	 * or both are zeros (x86 minps, maxps; R_fmin = R_fmax = 2). */
	CG_RELAXED_MINMAX_SELECT = 1 << 3,
	/* i16x8.relaxed_q15mulr_s: -32768 * -32768 wraps to -32768 (x86
	 * pmulhrsw; R_iq15mulr = 1). */
	CG_RELAXED_Q15MULR_WRAPS = 1 << 4,
	/* relaxed_dot_i8x16_i7x16: the second operand's lanes are unsigned
	 * (x86 pmaddubsw; R_idot = 1). */
	CG_RELAXED_DOT_UNSIGNED = 1 << 5,
};

/* How a function import is provided (cg_options.import_policy). */
enum {
	CG_IMPORT_RESOLVE = 0, /* at instantiation (WASI, embedders) */
	CG_IMPORT_HOST,        /* a host C function linked in */
	CG_IMPORT_TRAP,        /* nobody: calling it traps */
	CG_IMPORT_ZEROS,       /* nobody: calling it returns zeros */
	CG_IMPORT_MISSING,     /* nobody, and that is an error */
};

/* The C symbols of import MODULE.NAME and export NAME for host code:
 * w2n_import_MODULE__NAME and w2n_export_NAME, each part with every byte
 * but [A-Za-z0-9] written as _hh (so `__` only separates).  Caller
 * frees. */
char *cg_import_symbol(const char *module, size_t module_len, const char *name,
                       size_t name_len);
char *cg_export_symbol(const char *name, size_t name_len);

/* One row per supported target: runtime/targets.def, which says what
 * each column means. */
/* The rows of runtime/targets.def by name: CG_TARGET_X86_64, ... */
typedef enum cg_target_id {
#define W2N_TARGET(id, ...) CG_TARGET_##id,
#include "targets.def"
#undef W2N_TARGET
	CG_TARGET_COUNT
} cg_target_id;

typedef struct cg_target {
	cg_target_id id;
	const char *triple;      /* e.g. "x86_64-linux-gnu" */
	const char *llvm_triple; /* what LLVM is told */
	const char *cpu;         /* default CPU */
	const char *features;    /* default features */
	const char *abi;         /* ABI name for LLVM, "" for the default */
	const char *tune_cpu;    /* tuning without --cpu, "" for the CPU's */
	unsigned pointer_bits;
	uint32_t default_bounds; /* W2N_RT_BOUNDS_* */
	const char *cc;          /* C compiler driver used to link */
	const char *cc_package;  /* Debian package that provides it */
	unsigned quirks;         /* CG_QUIRK_* */
	unsigned relaxed;        /* CG_RELAXED_* */
} cg_target;

/* The target named `triple`, or NULL. */
const cg_target *cg_target_find(const char *triple);

/* The target wasm2native runs on (W2N_HOST_TRIPLE, from the build), or
 * NULL on a machine that is not a target. */
const cg_target *cg_target_host(void);

/* Every target, in targets.def's order; NULL-terminated. */
const cg_target *const *cg_targets(void);

typedef enum cg_emit {
	CG_EMIT_OBJECT,
	CG_EMIT_ASSEMBLY,
	CG_EMIT_LLVM_IR,
} cg_emit;

typedef struct cg_options {
	const cg_target *target;
	const char *cpu;        /* NULL: the target's default */
	const char *features;   /* NULL: the target's default */
	unsigned opt_level;     /* 0..3 */
	uint32_t bounds;        /* W2N_RT_BOUNDS_* */
	uint32_t interruptible; /* W2N_RT_INTERRUPT_* */
	bool dump_llvm;         /* each unit's LLVM IR before optimisation,
	                         * to standard error */
	/* Symbol of the module descriptor (w2n_rt_module). */
	const char *descriptor_symbol;
	/* How each function import is provided (CG_IMPORT_*), one entry
	 * per function import; NULL: all at instantiation. */
	const uint8_t *import_policy;
	/* Emit w2n_export_NAME functions (host code is linked in). */
	bool export_wrappers;
	/* For the module note (note/note.h): the compiler's version and
	 * the SHA-256 of the input (32 bytes; NULL: zeros). */
	const char *compiler_version;
	const uint8_t *input_sha256;
	/* Executables: the compiled-in WASI configuration, emitted as
	 * `w2n_main_config` (NUL-separated items ending with an empty one;
	 * wasi-libc-shim/README.md); NULL for none. */
	const char *main_invoke; /* executables: `w2n_main_invoke`, the
	                          * export main calls instead of _start */
	const char *main_config;
	size_t main_config_len;
	/* Instructions per partition (cg_partition_count); 0: 40,000. */
	uint32_t partition_instrs;
	/* Compile memcpy, memmove, memset and the string routines as the
	 * module defines them, not as memory.copy and memory.fill or the
	 * runtime's routines (cg_idiom.c). */
	bool keep_memory_routines;
	/* DWARF for the input at this path (cg_debug.c): with debug_full
	 * (-g) for debuggers; else only the line table of the instructions
	 * that may trap or call, which backtraces read (docs/backtraces.md).
	 * NULL: none (-g0). */
	const char *debug_file;
	bool debug_full;
	/* With it, the module's own source line table: locations in the
	 * source instead of module offsets; NULL: none. */
	const ir_source_lines *source_lines;
} cg_options;

/* The phases of compiling a unit, for -v. */
enum { CG_PHASE_IR, CG_PHASE_OPTIMISE, CG_PHASE_EMIT, CG_PHASES };

/*
 * Compiles all of `m` as one LLVM module and writes the result to
 * `out_path` (assembly and LLVM IR text use this).
 * Requires: a module that passed val_module.  Provides: true and a
 * complete file, or false with a diagnostic (the file may be partial; the
 * driver writes to a temporary name and renames on success).  Adds the
 * CPU seconds of each phase to `cpu`.
 */
bool cg_compile(const ir_module *m, const cg_options *o, cg_emit emit,
                const char *out_path, double cpu[CG_PHASES], w2n_diags *d);

/*
 * Partitions: a module is compiled as partitions of its functions, each
 * an LLVM module of its own, so that several threads (or machines) can
 * compile it and memory holds a few partitions, never the whole module.
 * The partitions depend on the module alone, never on the number of
 * threads, so the objects are the same however they were compiled.
 * Partition 0 holds the module-wide parts (descriptor, initialisation,
 * trampolines, note); a small module is partition 0 alone, compiled as
 * cg_compile does.
 */
uint32_t cg_partition_count(const ir_module *m, const cg_options *o);

typedef struct cg_stats {
	double cpu[CG_PHASES]; /* CPU seconds per phase, over all partitions */
	uint32_t slowest;      /* the partition that took the most CPU */
	double slowest_cpu;
	unsigned threads;
} cg_stats;

/* Compiles partitions [first, first + count) into object files
 * paths[0..count), on up to `jobs` threads.  Same contract as cg_compile;
 * on failure the first failing partition's diagnostic is reported. */
bool cg_compile_partitions(const ir_module *m, const cg_options *o,
                           uint32_t first, uint32_t count, unsigned jobs,
                           char *const *paths, cg_stats *stats, w2n_diags *d);

/* The file of the LLVM library that codegen runs (NULL when unknown), so
 * that caches of compiled code can tell one LLVM build from another. */
const char *cg_llvm_library(void);

/* What --cpu=native means on this machine, "CPU FEATURES", so that caches
 * of code compiled for it can tell one machine from another.  Malloc'd. */
char *cg_host_cpu_identity(void);

/* Whether codegen can lower opcode `op`: its family (the FAMILY column of
 * opcodes.def) has an emitter and, when the family works from tables of
 * operations, a rule for it (for the unit test of opcodes.def). */
bool cg_lowers(uint16_t op);

/* Prints, for o->target, every struct of runtime/abi.def as LLVM lays it
 * out: a line "w2n_rt_NAME size BYTES align BYTES", then one line
 * "w2n_rt_NAME.MEMBER offset BYTES" per member.  tests/unit/abi_layout
 * compares it with what each target's C compiler says of w2n_rt.h. */
bool cg_print_abi_layout(const cg_options *o, FILE *out, w2n_diags *d);

#endif
