/*
 * cg_internal.h - what the codegen files share: the per-compilation
 * context (cg_ctx), the per-function state (cg_func) and the emitters of
 * each instruction family.  Every emitter takes (cg_ctx *cx, cg_func *fx,
 * const ir_instr *in).
 */
#ifndef W2N_CG_INTERNAL_H
#define W2N_CG_INTERNAL_H

#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>

#include "codegen.h"
#include "frontend.h"
#include "w2n_rt.h"

/* Where things live in an instance block, for the target (w2n_rt_layout). */
typedef struct cg_layout {
	LLVMTypeRef vmctx; /* the instance block as an LLVM struct */
	w2n_rt_layout rt;
} cg_layout;

/* abi.def's rows for codegen: the runtime structs (CG_RT_func, ...),
 * the number of each member (CG_RT_func_code, ...) and the runtime
 * functions generated code calls (CG_HELPER_TRAP, ...). */
#define W2N_RT_FIELD(name, kind, field)
#define W2N_RT_END(name)
#define W2N_RT_HELPER(id, symbol, flags, result, params)
typedef enum cg_rt_struct {
#define W2N_RT_STRUCT(name) CG_RT_##name,
#include "abi.def"
#undef W2N_RT_STRUCT
	CG_RT_STRUCTS
} cg_rt_struct;
#undef W2N_RT_FIELD
#undef W2N_RT_END

/* clang-format off */
#define W2N_RT_STRUCT(name) enum {
#define W2N_RT_FIELD(name, kind, field) CG_RT_##name##_##field,
#define W2N_RT_END(name) CG_RT_##name##_FIELDS };
/* clang-format on */
#include "abi.def"
#undef W2N_RT_STRUCT
#undef W2N_RT_FIELD
#undef W2N_RT_END
#undef W2N_RT_HELPER

/* Runtime functions generated code calls, declared on first use. */
#define W2N_RT_STRUCT(name)
#define W2N_RT_FIELD(name, kind, field)
#define W2N_RT_END(name)
typedef enum cg_helper {
#define W2N_RT_HELPER(id, symbol, flags, result, params) CG_HELPER_##id,
#include "abi.def"
#undef W2N_RT_HELPER
	CG_HELPER_COUNT
} cg_helper;
#undef W2N_RT_STRUCT
#undef W2N_RT_FIELD
#undef W2N_RT_END

/* What one LLVM module holds: a partition of the module's functions,
 * or all of them (cg_partition.c). */
typedef struct cg_unit {
	uint32_t fbegin, fend; /* the defined functions lowered here */
	bool shared;           /* also the module-wide parts: descriptor,
	                        * init, trampolines, note, wrappers */
	bool split;            /* other units hold the other functions */
	bool large;            /* one function of CG_LARGE_FUNC_INSTRS or
	                        * more, optimised without what is
	                        * superlinear in its size (cg_partition.c) */
} cg_unit;

/* Functions of other partitions up to this many instructions are copied
 * into a partition that calls them, for inlining: about what LLVM's
 * inline threshold (225, 5 per instruction) lets through.  Larger
 * copies cost compile time (7% more CPU on Ruby at 120) and are seldom
 * inlined. */
enum { CG_IMPORT_MAX_INSTRS = 48 };
/* A function of this many instructions or more is a partition of its
 * own (cg_unit.large). */
enum { CG_LARGE_FUNC_INSTRS = 4000 };

/* What the CPU compiled for can do, asked of LLVM (cg_cpu.c). */
typedef enum cg_cpu_fact {
	CG_CPU_FMA,   /* a fused multiply-add instruction */
	CG_CPU_SSSE3, /* x86's SSSE3 (pshufb, pmulhrsw, pmaddubsw) */
	CG_CPU_FACTS
} cg_cpu_fact;

typedef struct cg_ctx {
	const ir_module *m;
	const cg_options *o;
	const cg_unit *unit;
	w2n_diags *diags;

	LLVMContextRef ctx;
	LLVMModuleRef mod;
	LLVMBuilderRef b;
	LLVMTargetMachineRef tm;
	LLVMTargetDataRef td;

	/* Basic types. */
	LLVMTypeRef t_void, t_i1, t_i8, t_i16, t_i32, t_i64, t_f32, t_f64,
	    t_v128, t_ptr, t_intptr;

	LLVMTypeRef *functypes; /* Wasm calling convention, per type index */
	LLVMValueRef *funcs;    /* defined functions, by function index,
	                         * declared on first use (cg_func_value) */
	/* Their tail entries (cg_tail.c), the same way (cg_func_tail_value). */
	LLVMValueRef *tail_funcs;
	LLVMValueRef helpers[CG_HELPER_COUNT];
	LLVMTypeRef helper_types[CG_HELPER_COUNT];

	/* The runtime structs of abi.def for the target. */
	LLVMTypeRef t_rt[CG_RT_STRUCTS];

	cg_layout layout;

	/* The vector forms of the guard-mode load markers (cg_keep.c). */
#define CG_MAX_KEEP_VARIANTS 80
	LLVMValueRef keep_used[CG_MAX_KEEP_VARIANTS];
	unsigned nkeep_used;

	/* TBAA: linear memory never aliases instance or runtime data. */
	LLVMValueRef tbaa_memory, tbaa_vmctx;
	unsigned tbaa_kind;

	/* cg_cpu_has's answers: 0 not asked yet, 1 yes, -1 no. */
	signed char cpu_facts[CG_CPU_FACTS];

	/* -g (cg_debug.c): NULL dib without it. */
	LLVMDIBuilderRef dib;
	LLVMMetadataRef di_file, di_fn_type;
} cg_ctx;

/* An open block on the control stack. */
typedef struct cg_block {
	uint16_t op; /* OP_BLOCK, OP_LOOP, OP_IF; or OP_END for
	              * the function body */
	const ir_valtype *params, *results;
	uint32_t nparams, nresults;
	uint32_t height;          /* value stack height below the params */
	LLVMBasicBlockRef branch; /* where br goes: loop header or end */
	LLVMBasicBlockRef end;
	LLVMBasicBlockRef else_bb; /* if: the false edge, until else */
	LLVMValueRef *phis;        /* at `branch`: loop params or results */
	LLVMValueRef *end_phis;    /* results at `end` (== phis unless loop) */
	LLVMValueRef *if_params;   /* if: params, for the else arm */
	bool seen_else;
	/* Exception handling (cg_exception.c): the block whose handler
	 * catches what calls here throw (CG_NO_HANDLER: the caller).  A
	 * try or try_table's own: its landing pad (made on first use), the
	 * slot holding the exception being dispatched, and for a legacy try
	 * the next test of its dispatch chain (NULL after catch_all). */
	uint32_t handler;
	const ir_instr *try_in;
	LLVMBasicBlockRef pad, next;
	LLVMValueRef slot;
	/* A legacy try whose handlers may rethrow (keep_exn): the exception
	 * its handler holds, freed when the handler is entered again, falls
	 * through or the function returns (cg_exception_leave). */
	LLVMValueRef held;
	bool in_catch, keep_exn;
} cg_block;
enum { CG_NO_HANDLER = UINT32_MAX };

typedef struct cg_func {
	const ir_func *f;
	uint32_t index; /* function index */
	const ir_functype *type;
	LLVMValueRef fn;
	LLVMValueRef inst;    /* the instance (parameter 0) */
	bool tail;            /* fn is the function's tail entry */
	LLVMValueRef results; /* tail entry: its results pointer */
	LLVMValueRef *locals; /* allocas, params first */
	uint32_t nlocals;

	LLVMValueRef *vals;
	uint32_t nvals, vals_cap;
	cg_block *blocks;
	uint32_t nblocks, blocks_cap;

	/* Code after an unconditional branch until the end of its block is
	 * dead; nested blocks inside it are skipped by depth. */
	bool dead;
	uint32_t dead_depth;

	/* Each memory's base and size, cached in allocas (promoted to SSA)
	 * and reloaded after calls and memory.grow; memory 0's slots exist
	 * in a module without memories too. */
	LLVMValueRef *mem_base, *mem_size;

	uint32_t offset; /* of the instruction being lowered */
	LLVMBasicBlockRef entry;

	/* One held-exception slot per legacy try of the body, in code order
	 * (cg_exception.c), null at entry; how many tries have opened. */
	LLVMValueRef *held;
	uint32_t nheld, tries_opened;

	LLVMMetadataRef di_scope; /* -g: the function's DISubprogram */
	uint32_t di_file;         /* its source file, UINT32_MAX: none */
} cg_func;

/* ---- cg_module.c ---- */
LLVMTypeRef cg_valtype(cg_ctx *cx, ir_valtype t);
LLVMValueRef cg_helper_fn(cg_ctx *cx, cg_helper h, LLVMTypeRef *type);
/* Adds enum attribute `name` (with `value`, 0 for a flag) to `fn`. */
void cg_add_fn_attribute(cg_ctx *cx, LLVMValueRef fn, const char *name,
                         uint64_t value);
LLVMValueRef cg_call_helper(cg_ctx *cx, cg_helper h, LLVMValueRef *args,
                            unsigned nargs);
/* memory.copy and table.copy: helper `h`(inst, dst, src, d, s, n), or when
 * `wide` (a 64-bit memory or table is involved) `h64` with dsn = {d, s,
 * n} zero-extended to i64 (an i64 stays itself). */
void cg_call_copy(cg_ctx *cx, cg_func *fx, cg_helper h, cg_helper h64,
                  bool wide, uint32_t dst, uint32_t src, LLVMValueRef *dsn);
LLVMValueRef cg_zero(cg_ctx *cx, ir_valtype t);
/* Defined function `index`, declared in this module on first use. */
LLVMValueRef cg_func_value(cg_ctx *cx, uint32_t index);
/* The tail entry of defined function `index` (one with tail_calls), the
 * same way. */
LLVMValueRef cg_func_tail_value(cg_ctx *cx, uint32_t index);
void cg_initialize_llvm(void);
/* Lowers, optimises and writes one unit; adds the CPU time of each
 * phase to `cpu`. */
bool cg_compile_unit(const ir_module *m, const cg_options *o, const cg_unit *u,
                     cg_emit emit, const char *path, double cpu[CG_PHASES],
                     w2n_diags *d);
/* Runs an LLVM pass pipeline (text form) over the module. */
bool cg_run_passes(cg_ctx *cx, const char *pipeline);

/* ---- cg_interrupt.c: --interruptible (docs/interruption.md) ---- */
/* The fuel the region of code starting at `code` costs: its instructions
 * up to the `end` closing the block it is in (or `end`), but `else` and
 * `end`, counting a nested loop as one (its body is a region of its own). */
uint32_t cg_region_cost(const ir_instr *code, const ir_instr *end);
/* At a function entry or loop header whose region starts at `region`
 * (in fx->f->code): the check of the module's interruption mode, if any. */
void cg_interrupt_check(cg_ctx *cx, cg_func *fx, const ir_instr *region);

/* ---- cg_version.c: explicit bounds checks out of inner loops ---- */
/* After optimisation, in explicit mode (loops in loop-simplify and LCSSA
 * form): gives each innermost loop whose bounds checks can be decided
 * before it a copy without them, run when they would all pass; returns
 * the number of loops copied. */
unsigned cg_version_loops(cg_ctx *cx);
/* Notes that `fn` has copied loops: the passes after versioning run on
 * such functions alone (cg_module.c). */
void cg_mark_versioned(cg_ctx *cx, LLVMValueRef fn);

/* ---- cg_keep.c: guard-mode loads keep their traps ---- */
/* In guard mode, marks `load` (a linear-memory load) as one that must run
 * even when its value is unused. */
void cg_keep_trap(cg_ctx *cx, LLVMValueRef load);
/* Before optimisation: declares what the marks need module-wide. */
void cg_keep_publish(cg_ctx *cx);
/* After optimisation: replaces the marks by volatile loads where needed. */
bool cg_lower_keeps(cg_ctx *cx);

/* ---- cg_layout.c ---- */
/* Builds t_rt (abi.def's structs as LLVM types) and the layout of the
 * module's instance block. */
void cg_layout_build(cg_ctx *cx);
/* The lines of cg_print_abi_layout for cx's target. */
void cg_layout_print(cg_ctx *cx, FILE *out);
/* Address of member `field` of the runtime struct `s` at `p`. */
LLVMValueRef cg_rt_member(cg_ctx *cx, cg_rt_struct s, LLVMValueRef p,
                          unsigned field);
/* The same by name: CG_RT_ADDR(cx, memory, p, base). */
#define CG_RT_ADDR(cx, s, p, field)                                            \
	cg_rt_member(cx, CG_RT_##s, p, CG_RT_##s##_##field)
/* The LLVM type of runtime function `h`, its symbol and whether it never
 * returns (abi.def). */
LLVMTypeRef cg_helper_type(cg_ctx *cx, cg_helper h, const char **symbol,
                           bool *noreturn);
/* A constant of runtime struct `s` from one value per member, in the
 * order of abi.def (designated by CG_RT_s_member). */
LLVMValueRef cg_rt_const(cg_ctx *cx, cg_rt_struct s, LLVMValueRef *fields,
                         unsigned n);
/* Address of field `field` (an index in the vmctx struct) of the instance,
 * element `index` of it when it is an array. */
LLVMValueRef cg_vmctx_addr(cg_ctx *cx, cg_func *fx, unsigned field,
                           uint32_t index);
enum {
	CG_VM_HEADER,
	CG_VM_MEMORIES,
	CG_VM_TABLES,
	CG_VM_GLOBALS,
	CG_VM_FUNCS,
	CG_VM_TYPE_IDS,
	CG_VM_ELEMS,
	CG_VM_DATAS,
	CG_VM_GLOBAL_STORAGE,
	CG_VM_TAIL_ARGS, /* w2n_rt_value[cg_tail_slots] */
	CG_VM_TAGS,
	CG_VM_TAG_STORAGE,
	CG_VM_INTERRUPT, /* w2n_rt_interruption: last, so that adding it moved
	                  * nothing before it */
	CG_VM_FIELDS
};
/* A load or store of instance or runtime data (TBAA "vmctx"). */
LLVMValueRef cg_load_vm(cg_ctx *cx, LLVMTypeRef t, LLVMValueRef ptr);
/* The same for data set before any of the instance's code runs and never
 * changed after (!invariant.load: LLVM may hoist it across anything). */
LLVMValueRef cg_load_vm_invariant(cg_ctx *cx, LLVMTypeRef t, LLVMValueRef ptr);
LLVMValueRef cg_store_vm(cg_ctx *cx, LLVMValueRef v, LLVMValueRef ptr);

/* ---- cg_debug.c: DWARF (every function does nothing with -g0) ---- */
void cg_debug_begin(cg_ctx *cx);
void cg_debug_end(cg_ctx *cx);
/* A function's name in the debug info: its name-section name, else
 * func[N]. */
void cg_debug_func_name(const ir_module *m, uint32_t index, char *name,
                        size_t n);
void cg_debug_function(cg_ctx *cx, cg_func *fx);
/* What follows was lowered from instruction `in` (with -g; else only if
 * it may trap or call, or is a loop). */
void cg_debug_at(cg_ctx *cx, cg_func *fx, const ir_instr *in);
void cg_debug_function_end(cg_ctx *cx, cg_func *fx);

/* ---- cg_func.c ---- */
void cg_push(cg_func *fx, LLVMValueRef v);
LLVMValueRef cg_pop(cg_func *fx);
LLVMValueRef cg_top(cg_func *fx);
/* A cold block that raises `kind` at the instruction being lowered
 * (fx->offset), for the current block to branch to. */
LLVMBasicBlockRef cg_trap_block(cg_ctx *cx, cg_func *fx, uint32_t kind);
/* Branches to the trap block when `cond` holds, else continues. */
void cg_trap_if(cg_ctx *cx, cg_func *fx, LLVMValueRef cond, uint32_t kind);
LLVMBasicBlockRef cg_new_block(cg_ctx *cx, cg_func *fx, const char *name);
/* Lowers instructions [0, n) of `code`. */
void cg_emit_code(cg_ctx *cx, cg_func *fx, const ir_instr *code, uint32_t n);
/* Prepares fx for emitting into `fn`, whose parameter 0 is the instance. */
void cg_func_begin(cg_ctx *cx, cg_func *fx, LLVMValueRef fn);
void cg_func_end(cg_func *fx);
/* Compiles defined function `index` into cx->funcs[index]. */
void cg_function(cg_ctx *cx, uint32_t index);

/* ---- cg_idiom.c ---- */
/* When function fx is the C library's memcpy, memmove, memset or one of
 * its string routines, emits its body as a call of the runtime's routine
 * and returns true. */
bool cg_idiom_body(cg_ctx *cx, cg_func *fx);

/* ---- instruction families (cg_func.c dispatches on the FAMILY column) */
/* Opens the function body's block, whose end returns. */
void cg_control_enter_body(cg_ctx *cx, cg_func *fx, const ir_instr *in);
void cg_control(cg_ctx *cx, cg_func *fx, const ir_instr *in);
void cg_call(cg_ctx *cx, cg_func *fx, const ir_instr *in);
void cg_variable(cg_ctx *cx, cg_func *fx, const ir_instr *in);
void cg_memory(cg_ctx *cx, cg_func *fx, const ir_instr *in);
void cg_table(cg_ctx *cx, cg_func *fx, const ir_instr *in);
void cg_numeric(cg_ctx *cx, cg_func *fx, const ir_instr *in);
void cg_convert(cg_ctx *cx, cg_func *fx, const ir_instr *in);
void cg_simd(cg_ctx *cx, cg_func *fx, const ir_instr *in);
void cg_atomic(cg_ctx *cx, cg_func *fx, const ir_instr *in);
/* Whether the families lowered through tables of operations have a rule
 * for the operation (and types or shape) of an opcode's row. */
bool cg_numeric_lowers(const ir_opcode_info *info);
bool cg_convert_lowers(const ir_opcode_info *info);
bool cg_simd_lowers(const ir_opcode_info *info);

/* Reloads the cached memory bases and sizes (after calls, memory.grow). */
void cg_reload_memory(cg_ctx *cx, cg_func *fx);
/* Calls a function of Wasm type `type` through code and ctx pointers. */
void cg_emit_call(cg_ctx *cx, cg_func *fx, uint32_t type, LLVMValueRef fn,
                  LLVMValueRef ctx);
/* The same with the arguments given: args[0] the ctx, then the
 * parameters; pushes the results. */
void cg_emit_call_args(cg_ctx *cx, cg_func *fx, uint32_t type, LLVMValueRef fn,
                       LLVMValueRef *args);
/* Returns the function's results from the top of the value stack. */
void cg_emit_return(cg_ctx *cx, cg_func *fx);
/* The rest of the current block is dead (after br, return, ...). */
void cg_set_dead(cg_func *fx);

/* ---- cg_control.c: blocks, for cg_exception.c ---- */
/* Opens a block of type `t` for `in` on the control stack. */
cg_block *cg_open_block(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                        const ir_functype *t);
/* Closes the innermost block and continues after it. */
void cg_leave_block(cg_ctx *cx, cg_func *fx);
/* Falls through to `b`'s end with its results, if reachable. */
void cg_fall_through(cg_ctx *cx, cg_func *fx, cg_block *b);

/* ---- cg_exception.c: exception handling (docs/exceptions.md) ---- */
void cg_exception(cg_ctx *cx, cg_func *fx, const ir_instr *in);
/* A call of `fn`: an invoke when a handler of this function is active
 * (then the builder continues in the normal successor). */
LLVMValueRef cg_call_or_invoke(cg_ctx *cx, cg_func *fx, LLVMTypeRef ft,
                               LLVMValueRef fn, LLVMValueRef *args,
                               unsigned nargs);
/* The end of a legacy try's handlers, before the block closes. */
void cg_exception_end(cg_ctx *cx, cg_func *fx);
/* At function entry: the held-exception slots of the body's legacy tries. */
void cg_exception_begin(cg_ctx *cx, cg_func *fx);
/* Before the frame is left by a return or a tail call: frees what the
 * legacy handlers hold. */
void cg_exception_leave(cg_ctx *cx, cg_func *fx);

/* ---- cg_tail.c: tail calls (docs/tail-calls.md) ---- */
/* The type of the tail entries of functions of type `t`. */
LLVMTypeRef cg_tail_type(cg_ctx *cx, const ir_functype *t);
/* Slots of an instance's tail argument area: none when no function
 * makes tail calls, else the most parameters of the module's types. */
uint32_t cg_tail_slots(const ir_module *m);
/* Parameter `i` of the tail entry being compiled. */
LLVMValueRef cg_tail_param(cg_ctx *cx, cg_func *fx, uint32_t i);
/* Returns `vals`, the function's results, from a tail entry. */
void cg_tail_return(cg_ctx *cx, cg_func *fx, LLVMValueRef *vals);
/* The body of the ordinary entry of function `index` (one with
 * tail_calls): a call of its tail entry. */
void cg_tail_wrapper(cg_ctx *cx, uint32_t index);
/* In init: sets the `tail` member of the w2n_rt_func of each of the
 * module's functions that has a tail entry. */
void cg_tail_init(cg_ctx *cx, cg_func *fx);
/* return_call of function `index`, with its arguments on the stack. */
void cg_return_call(cg_ctx *cx, cg_func *fx, uint32_t index);
/* A tail call of `func`, a w2n_rt_func * of Wasm type `type` (not null,
 * its type checked), with its arguments on the stack: through its tail
 * entry when it has one, else an ordinary call and return.  What
 * return_call_indirect does after the table lookup, and
 * return_call_ref after the null check. */
void cg_return_call_func(cg_ctx *cx, cg_func *fx, uint32_t type,
                         LLVMValueRef func);
/* Element `index` (of the table's address type) of `table`, trapping
 * with `trap` past its size. */
LLVMValueRef cg_table_element(cg_ctx *cx, cg_func *fx, uint32_t table,
                              LLVMValueRef index, uint32_t trap);
/* The address of that element's slot, trapping the same way. */
LLVMValueRef cg_table_slot(cg_ctx *cx, cg_func *fx, uint32_t table,
                           LLVMValueRef index, uint32_t trap);
/* Pointer into linear memory `memory` for an access of `size` bytes at
 * address `addr` (of the memory's address type) + `offset`, trapping when
 * out of bounds. */
LLVMValueRef cg_memory_address(cg_ctx *cx, cg_func *fx, uint32_t memory,
                               LLVMValueRef addr, uint64_t offset,
                               uint32_t size);
/* Whether memory `memory` (table `table`) has the address type i64. */
bool cg_memory_is64(cg_ctx *cx, uint32_t memory);
/* Whether `memory`'s base never moves, so that nothing of it is reloaded
 * after calls and its size is read afresh where needed: a 32-bit memory
 * under guard pages (runtime/memory.c), or a shared memory under either
 * strategy (docs/threads.md). */
bool cg_memory_fixed(cg_ctx *cx, uint32_t memory);
/* Gives `load`, a load of memory `memory`'s byte size, the range the
 * module's limits allow (the runtime keeps it within them; memory never
 * shrinks), so that LLVM removes the checks of addresses below the
 * minimum: static data, C globals at constant addresses. */
void cg_memory_size_range(cg_ctx *cx, LLVMValueRef load, uint32_t memory);
/* The w2n_rt_memory of `memory`. */
LLVMValueRef cg_memory_object(cg_ctx *cx, cg_func *fx, uint32_t memory);
bool cg_table_is64(cg_ctx *cx, uint32_t table);
/* Loads and stores of linear memory (alignment 1, TBAA "memory"). */
LLVMValueRef cg_load_memory(cg_ctx *cx, LLVMTypeRef t, LLVMValueRef ptr);
void cg_store_memory(cg_ctx *cx, LLVMValueRef v, LLVMValueRef ptr);

/* ref.func: a pointer to the function's w2n_rt_func in this instance. */
LLVMValueRef cg_func_ref(cg_ctx *cx, cg_func *fx, uint32_t index);

/* A call of the overloaded intrinsic `name` at type `t`. */
LLVMValueRef cg_intrinsic(cg_ctx *cx, const char *name, LLVMTypeRef t,
                          LLVMValueRef *args, unsigned nargs);
/* A call of an intrinsic overloaded on its result and operand types (a
 * conversion such as llvm.fptosi.sat). */
LLVMValueRef cg_cast_intrinsic(cg_ctx *cx, const char *name, LLVMTypeRef result,
                               LLVMValueRef x);
/* The i1 (vector) comparison a, b of a comparison row (EQ, LT... with its
 * SIGN), on integer or float operands or lanes as the row says. */
LLVMValueRef cg_compare(cg_ctx *cx, const ir_opcode_info *info, LLVMValueRef a,
                        LLVMValueRef b);

/* ---- cg_float.c: float operations for scalars and vectors ---- */
/* Quiets the signalling NaNs (lanes) of `v`, where LLVM's folds or
 * lowering would let one through. */
LLVMValueRef cg_quiet_nan(cg_ctx *cx, LLVMValueRef v);
/* Wasm fmin/fmax (max selects) of two floats or float vectors. */
LLVMValueRef cg_float_minmax(cg_ctx *cx, LLVMValueRef a, LLVMValueRef b,
                             bool max);
/* Rounding `oper` (CEIL, FLOOR, TRUNC, NEAREST) of a float or float
 * vector, with Wasm's NaN rules. */
LLVMValueRef cg_float_round(cg_ctx *cx, ir_operation oper, LLVMValueRef a);
/* CG_QUIRK_F32_VECTOR_FTZ: splits every f32 vector operation of the
 * module into lanes; run after optimisation. */
void cg_float_split_f32_vectors(cg_ctx *cx);

/* ---- cg_cpu.c ---- */
/* Whether the unit's CPU (its --cpu and --features) has `f`; probed once
 * per unit, on first use. */
bool cg_cpu_has(cg_ctx *cx, cg_cpu_fact f);

/* ---- cg_imports.c: imports bound at link time, exports for C ---- */
/* The descriptor's import_code table (a null pointer when none). */
LLVMValueRef cg_import_code_array(cg_ctx *cx);
/* w2n_export_NAME functions for host code linked into the program. */
void cg_emit_export_wrappers(cg_ctx *cx);

/* ---- cg_entry.c: descriptor, init, trampolines, adapters ---- */
void cg_emit_descriptor(cg_ctx *cx);

/* ---- cg_note.c: the module note (note/note.h) ---- */
void cg_emit_note(cg_ctx *cx);

/* An i32/i64 constant. */
static inline LLVMValueRef cg_i32(cg_ctx *cx, uint32_t v)
{
	return LLVMConstInt(cx->t_i32, v, false);
}
static inline LLVMValueRef cg_i64(cg_ctx *cx, uint64_t v)
{
	return LLVMConstInt(cx->t_i64, v, false);
}

#endif
