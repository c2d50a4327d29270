/*
 * instance.h - the embedding API of the runtime: creating memories and
 * tables, instantiating a compiled module (its w2n_rt_module descriptor),
 * calling its functions with traps caught, and reading its exports.  Used
 * by the executable entry point (main.c), the WASI shim and test harnesses;
 * generated code only ever sees w2n_rt.h.
 *
 * Lifetimes: memories and tables are reference counted; an instance keeps
 * every memory and table it uses (defined or imported) alive.  Functions
 * and globals are not: an instance whose functions or globals another
 * instance imports must outlive that instance.
 */
#ifndef W2N_RT_INSTANCE_H
#define W2N_RT_INSTANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "w2n_rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Implementation limit on table sizes (elements), as in wasmtime. */
#define W2N_RT_TABLE_LIMIT 10000000u

/* What a resolver provides for one import. */
typedef struct w2n_rt_extern {
	uint32_t kind;           /* W2N_RT_EXTERN_* */
	w2n_rt_globaltype gtype; /* globals: type of *u.global, canonical
	                          * (w2n_rt_canon_valtype) */
	union {
		w2n_rt_func func;      /* its type_id is checked */
		w2n_rt_table *table;   /* from w2n_rt_table_new */
		w2n_rt_memory *memory; /* from w2n_rt_memory_new */
		w2n_rt_value *global;  /* storage, outlives the instance */
		w2n_rt_tag *tag;       /* outlives the instance; its type_id
		                        * is checked */
	} u;
} w2n_rt_extern;

enum { W2N_RT_ERROR_MAX = 256 };

/* Kinds of failure (errors.def). */
typedef enum w2n_rt_error_kind {
#define W2N_RT_ERROR(kind) W2N_RT_ERROR_##kind,
#include "errors.def"
#undef W2N_RT_ERROR
	W2N_RT_ERROR_COUNT
} w2n_rt_error_kind;

/* Why an instantiation or a call failed.  Everything but the message is
 * set where the failure is decided, for the caller to act on. */
/* One Wasm frame of a trap's backtrace (docs/backtraces.md). */
typedef struct w2n_rt_frame {
	const w2n_rt_module *module;
	uint32_t func;   /* function index in `module` */
	uint32_t offset; /* module offset of its instruction, UINT32_MAX:
	                  * unknown (compiled -g0, or source lines) */
} w2n_rt_frame;
enum { W2N_RT_FRAMES_MAX = 64 };

/* How messages name function `func` of `m` (< m->nfuncs): its
 * name-section name, else the name of an export of it, else NULL. */
const char *w2n_rt_func_name(const w2n_rt_module *m, uint32_t func);

typedef struct w2n_rt_error {
	uint32_t kind; /* W2N_RT_ERROR_* */
	uint32_t trap; /* W2N_TRAP_*, or W2N_TRAP_NONE if not a trap */
	uint32_t func; /* trapping function's index, UINT32_MAX unknown */
	const w2n_rt_module *module; /* module of `func`, NULL unknown */
	/* A failed instantiation: the instance was kept alive, as its init
	 * or start trapped and its functions may be referenced from outside
	 * (see w2n_rt_free_failed_instances); else it was freed. */
	bool kept;
	/* An uncaught exception (kind EXCEPTION): its tag and values, held
	 * by the thread until its next uncaught exception or its end. */
	const w2n_rt_exception *exception;
	char message[W2N_RT_ERROR_MAX]; /* traps: the traps.def text */
	/* Traps: the Wasm frames, innermost (the trapping instruction)
	 * first; more_frames: deeper ones were left out. */
	w2n_rt_frame frames[W2N_RT_FRAMES_MAX];
	uint32_t nframes;
	bool more_frames;
} w2n_rt_error;

/* Fills `err` (may be NULL) with `kind` (not a trap) and a message.
 * Returns false, for a failing caller to return. */
bool w2n_rt_error_set(w2n_rt_error *err, w2n_rt_error_kind kind,
                      const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Resolves `import` of the instance being built (`inst`: its header is
 * filled, and it is the caller to give host closures).  `type` is the
 * import's declared type for function imports, NULL otherwise.  Returns
 * false when it cannot provide the import, with `err` filled by
 * w2n_rt_error_set (LINK, RESOURCE or HOST); left alone, the runtime says
 * "unknown import: MODULE.NAME" (LINK).  A wrong kind or type found by
 * the runtime gives "incompatible import type: MODULE.NAME" (LINK).
 */
typedef bool w2n_rt_resolve_fn(void *env, w2n_rt_instance *inst,
                               const w2n_rt_import *import,
                               const w2n_rt_functype *type, w2n_rt_extern *out,
                               w2n_rt_error *err);

/* ---- Instances ---- */

/* What one instance may take (w2n_rt_instantiate_limited). */
typedef struct w2n_rt_resource_limits {
	uint64_t max_memory_bytes; /* a memory's size; UINT64_MAX: none */
	uint64_t max_table_elems;  /* a table's size; UINT64_MAX: none */
	uint64_t max_stack_bytes;  /* native stack of its Wasm code; 0:
	                            * the calling thread's stack */
} w2n_rt_resource_limits;

/* No limits. */
void w2n_rt_resource_limits_init(w2n_rt_resource_limits *l);

/*
 * Instantiates `m` (spec 4.5.4): checks the descriptor, resolves every
 * import through `resolve` (may be NULL when there are none) and matches
 * it (spec 4.5.2), builds funcs, memories, tables, globals and segments,
 * then runs m->init and the start function with traps caught.  Returns
 * the instance, or NULL with `err` (may be NULL) filled.  A trap in init
 * or start keeps its effects on imported objects; the failed instance is
 * then kept alive (err->kept; see w2n_rt_free_failed_instances) when its
 * functions may be referenced from outside.
 */
w2n_rt_instance *w2n_rt_instantiate(const w2n_rt_module *m,
                                    w2n_rt_resolve_fn *resolve, void *env,
                                    w2n_rt_error *err);

/*
 * As w2n_rt_instantiate, with `limits` (NULL: none): the instance's own
 * memories and tables must start within them (else HOST error: "memory 0
 * of N bytes exceeds the instance's limit of M bytes"); memory.grow and
 * table.grow by its code return -1 past them; its calls, init and start
 * run on a stack of max_stack_bytes.
 */
w2n_rt_instance *
w2n_rt_instantiate_limited(const w2n_rt_module *m, w2n_rt_resolve_fn *resolve,
                           void *env, const w2n_rt_resource_limits *limits,
                           w2n_rt_error *err);

/* Frees an instance and drops its references to memories and tables.
 * NULL is allowed. */
void w2n_rt_instance_free(w2n_rt_instance *inst);

/* Frees the instances whose instantiation trapped but were kept alive
 * because imported tables or globals may reference their functions.  Call
 * only when nothing can reach those references any more. */
void w2n_rt_free_failed_instances(void);

/*
 * Calls `f` with the arguments in vals[0..nparams) of type
 * `type_index` of inst's module, storing the results in vals[0..nresults)
 * (vals needs max(nparams, nresults) entries).  Traps are caught: returns
 * false with `err` (may be NULL) filled.  Thread-safe and re-entrant (host
 * functions may call it).  A function whose type differs from the type
 * given is not called: W2N_TRAP_INDIRECT_CALL_MISMATCH.
 */
bool w2n_rt_invoke(w2n_rt_instance *inst, const w2n_rt_func *f,
                   uint32_t type_index, w2n_rt_value *vals, w2n_rt_error *err);

/* The export of `m` called `name`, or NULL. */
const w2n_rt_export *w2n_rt_find_export(const w2n_rt_module *m,
                                        const char *name);

/* The same for a name of `len` bytes that may contain NUL. */
const w2n_rt_export *w2n_rt_find_export_n(const w2n_rt_module *m,
                                          const char *name, size_t len);

/* Function `index` of the instance (&funcs[index]); NULL if out of range. */
w2n_rt_func *w2n_rt_instance_func(w2n_rt_instance *inst, uint32_t index);

/* Storage of global `index` (a w2n_rt_value); NULL if out of range. */
void *w2n_rt_instance_global(w2n_rt_instance *inst, uint32_t index);

/* Table `index` of the instance; NULL if out of range. */
w2n_rt_table *w2n_rt_instance_table(w2n_rt_instance *inst, uint32_t index);
/* Tag `index` of the instance (its own or the one it imported). */
w2n_rt_tag *w2n_rt_instance_tag(w2n_rt_instance *inst, uint32_t index);

/* A new exception object of `tag` with copies of n values (not raised),
 * or NULL when out of memory. */
w2n_rt_exception *w2n_rt_exn_new(w2n_rt_tag *tag, const w2n_rt_value *values,
                                 uint32_t n);

/* For a host function (w2n_rt_host_fn) to throw: sets the exception the
 * runtime raises in its caller once it has returned non-zero (host.c),
 * replacing any earlier one; dropped when it returns 0. */
void w2n_rt_set_pending(w2n_rt_exception *exn);

/*
 * Makes `out` a function of `type` (an import type of inst's module) that
 * calls the host function `fn` with `env`, through type->host_adapter;
 * `inst` is the caller fn receives.  The closure belongs to `inst` and is
 * freed with it.  False when out of memory.
 */
bool w2n_rt_host_func(w2n_rt_instance *inst, const w2n_rt_functype *type,
                      w2n_rt_host_fn *fn, void *env, w2n_rt_func *out);

/* ---- Types ---- */

/*
 * The canonical id of the function type with `nparams` parameters and
 * `nresults` results whose W2N_RT_* codes are types[0..nparams+nresults).
 * Equal signatures get equal ids in the whole process; ids are never 0,
 * except that 0 is returned when out of memory.  Thread-safe.
 */
uint32_t w2n_rt_type_id(uint32_t nparams, uint32_t nresults,
                        const uint8_t *types);

/* The same for a signature with typed or non-nullable references: refs
 * NULL, or the canonical form of each value type (w2n_rt_canon_valtype;
 * W2N_RT_REF_SELF as the index of a reference to the type itself). */
uint32_t w2n_rt_type_id_refs(uint32_t nparams, uint32_t nresults,
                             const uint8_t *types, const uint32_t *refs);
enum { W2N_RT_REF_SELF = (1u << (32 - W2N_RT_REF_INDEX_SHIFT)) - 1 };

/* Value type `t` of the module of `inst` (w2n_rt.h's full form) with its
 * type index, if any, replaced by the type's canonical id, so that types
 * of different modules compare (after fill of the type ids). */
uint32_t w2n_rt_canon_valtype(const w2n_rt_instance *inst, uint32_t t);

/* Whether canonical value type `a` matches `b` (spec 3.0, "Matching"):
 * equal, or references with (ref ht) <: (ref null ht) and typed function
 * references below (ref null func). */
bool w2n_rt_valtype_sub(uint32_t a, uint32_t b);

/* ---- Memories and tables ---- */

/*
 * A new memory of `min_pages` pages (zeroed) for code compiled with the
 * `bounds` strategy, with a reference count of 1.  The maximum is
 * `max_pages` if has_max, 65536 otherwise.  GUARD memories reserve
 * W2N_RT_GUARD_RESERVE bytes of address space and never move; EXPLICIT
 * ones may move when they grow.  NULL if the limits are invalid
 * (min > max, max > 65536), GUARD is asked on a 32-bit host, or memory
 * runs out.
 */
w2n_rt_memory *w2n_rt_memory_new(uint64_t min_pages, uint64_t max_pages,
                                 uint32_t has_max, uint32_t bounds);

/*
 * A new 64-bit memory (memory64: address type i64) of `min_pages` pages,
 * at most `max_pages` if has_max, 2^48 otherwise.  It serves modules of
 * either strategy, whose code checks every access to it explicitly, and
 * may move when it grows.  NULL if the limits are invalid (min > max,
 * max > 2^48), or the host cannot map it.
 */
w2n_rt_memory *w2n_rt_memory_new64(uint64_t min_pages, uint64_t max_pages,
                                   uint32_t has_max);

/* Whether `mem` is a 64-bit memory (w2n_rt_memory_new64). */
bool w2n_rt_memory_is64(const w2n_rt_memory *mem);

/*
 * A new shared memory (threads) of `min_pages` of at most `max_pages`
 * pages, a 64-bit one when addr64, for code compiled with `bounds`.  Its
 * base never moves, in either strategy: it reserves its maximum up front
 * (GUARD: the usual reservation; EXPLICIT or 64-bit: max_pages, or as
 * much of it as the host's address space gives, past which it does not
 * grow) and opens pages as it grows.  Growth is serialized by a lock and
 * its size published atomically, so that every thread sees it.  NULL as
 * for w2n_rt_memory_new and w2n_rt_memory_new64.
 */
w2n_rt_memory *w2n_rt_memory_new_shared(uint64_t min_pages, uint64_t max_pages,
                                        uint32_t bounds, uint32_t addr64);

/* Whether `mem` is shared (w2n_rt_memory_new_shared). */
bool w2n_rt_memory_is_shared(const w2n_rt_memory *mem);

/* The byte size of `mem`, read atomically (another thread may grow a
 * shared memory at any time). */
uint64_t w2n_rt_memory_size(const w2n_rt_memory *mem);

/* Takes one more reference to `mem`. */
void w2n_rt_memory_retain(w2n_rt_memory *mem);

/* Drops one reference; the last one frees the memory.  NULL is allowed. */
void w2n_rt_memory_free(w2n_rt_memory *mem);

/* Grows `mem` by `delta` pages: the old size in pages, or -1 past the
 * maximum or when out of memory.  Thread-safe for a shared memory only. */
int64_t w2n_rt_memory_grow_by(w2n_rt_memory *mem, uint64_t delta);

/* Whether `mem` was created with a maximum. */
bool w2n_rt_memory_has_max(const w2n_rt_memory *mem);

/* Address space a GUARD memory reserves: any 32-bit address plus any
 * 32-bit offset plus an access of up to 16 bytes stays inside. */
#define W2N_RT_GUARD_RESERVE ((UINT64_C(1) << 33) + 2 * UINT64_C(65536))

/*
 * A new table of `min` null elements of `elem_type` (W2N_RT_FUNCREF or
 * W2N_RT_EXTERNREF) with a reference count of 1.  Unbounded when !has_max
 * (max becomes UINT32_MAX).  NULL if min > max, the limits do not fit in
 * 32 bits, min exceeds W2N_RT_TABLE_LIMIT, or memory runs out.
 */
w2n_rt_table *w2n_rt_table_new(uint64_t min, uint64_t max, uint32_t has_max,
                               uint32_t elem_type);

/* A new 64-bit table (table64: address type i64): as w2n_rt_table_new,
 * but any u64 limits are valid (unbounded: UINT64_MAX); its size is still
 * bounded by W2N_RT_TABLE_LIMIT. */
w2n_rt_table *w2n_rt_table_new64(uint64_t min, uint64_t max, uint32_t has_max,
                                 uint32_t elem_type);

/* Whether `t` is a 64-bit table (w2n_rt_table_new64). */
bool w2n_rt_table_is64(const w2n_rt_table *t);

/* The maximum `t` was created with (UINT32_MAX or UINT64_MAX when it has
 * none); its `max` member holds it capped at UINT32_MAX. */
uint64_t w2n_rt_table_max(const w2n_rt_table *t);

/* Takes one more reference to `t`. */
void w2n_rt_table_retain(w2n_rt_table *t);

/* Drops one reference; the last one frees the table.  NULL is allowed. */
void w2n_rt_table_free(w2n_rt_table *t);

/* Grows `t` by `delta` elements set to `init`: the old size, or -1 past
 * the maximum, W2N_RT_TABLE_LIMIT or when out of memory. */
int64_t w2n_rt_table_grow_by(w2n_rt_table *t, uint32_t delta, void *init);

/* Whether `t` was created with a maximum. */
bool w2n_rt_table_has_max(const w2n_rt_table *t);

/* ---- Interruption (interrupt.c; docs/interruption.md) ---- */

/* Bumps the process-wide epoch by one.  Any thread; async-signal-safe. */
void w2n_rt_epoch_increment(void);

/* Makes code of `inst` compiled --interruptible=epoch stop (call the
 * handler, or trap "interrupted") once the epoch has advanced `ticks`
 * from now (0: at its next check).  Any thread; code running meanwhile
 * sees it from its next function entry.  New instances have no
 * deadline. */
void w2n_rt_set_epoch_deadline(w2n_rt_instance *inst, uint64_t ticks);

/* The fuel left to code of `inst` compiled --interruptible=fuel (capped
 * at INT64_MAX; new instances have INT64_MAX; UINT64_MAX for code not
 * compiled interruptible), and setting it.  This and the deadline do
 * nothing to code not compiled interruptible. */
uint64_t w2n_rt_fuel(const w2n_rt_instance *inst);
void w2n_rt_set_fuel(w2n_rt_instance *inst, uint64_t fuel);

/* Asked, on the running thread, when the deadline passed (kind
 * W2N_TRAP_INTERRUPTED) or the fuel ran out (W2N_TRAP_OUT_OF_FUEL):
 * returns how many more ticks (from now) or how much more fuel to give,
 * or 0 to let the code trap.  It must not call into `inst`. */
typedef uint64_t w2n_rt_interrupt_fn(void *env, w2n_rt_instance *inst,
                                     uint32_t kind);
void w2n_rt_set_interrupt_handler(w2n_rt_instance *inst,
                                  w2n_rt_interrupt_fn *fn, void *env);

/* ---- Traps ---- */

/* The spec testsuite's text for a trap kind ("unreachable", ...). */
const char *w2n_rt_trap_text(uint32_t kind);

#ifdef __cplusplus
}
#endif
#endif
