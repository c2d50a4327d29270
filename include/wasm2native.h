/*
 * wasm2native.h - the embedding API of wasm2native: load WebAssembly
 * modules compiled to native code, give them imports, instantiate them
 * any number of times and call them.  The only header a host includes;
 * link with libwasm2native (`pkg-config --cflags --libs wasm2native`).
 *
 * A module comes from a plugin, `wasm2native --shared IN.wasm -o P.so`,
 * loaded with w2n_module_load, or from an object linked into the host,
 * `wasm2native -c --pic [--module-symbol=NAME] IN.wasm`, whose descriptor
 * symbol (default w2n_module) the host passes to
 * w2n_module_from_descriptor.  Plugins resolve the runtime's symbols
 * (w2n_rt_*) from the host process: a host linking libwasm2native
 * statically must export them (-Wl,--export-dynamic).
 *
 *     w2n_error err;
 *     w2n_module *m = w2n_module_load("plugin.so", &err);
 *     w2n_imports *im = w2n_imports_new();
 *     w2n_imports_add_func(im, "env", "log", &type, log_fn, NULL, &err);
 *     w2n_instance *inst = w2n_instantiate(m, im, &err);
 *     w2n_value args[1] = {w2n_i32(7)}, results[1];
 *     if (!w2n_call(inst, "run", args, 1, results, 1, &err))
 *             fprintf(stderr, "%s\n", err.message);
 *     w2n_instance_free(inst);
 *     w2n_imports_free(im);
 *     w2n_module_free(m);
 *
 * Errors: every function that can fail takes a `w2n_error *` (may be
 * NULL) and returns false or NULL after filling it: a kind and a one-line
 * message.  A trap in Wasm code is such an error (W2N_ERROR_TRAP, with
 * its w2n_trap_kind); so is a WASI proc_exit (W2N_ERROR_EXIT).  Nothing
 * the module does crashes or exits the host.
 *
 * Lifetimes: objects are reference counted where others hold them.  An
 * instance keeps its module, the host objects and the instances it
 * imports from alive; an import set keeps what was added to it alive; so
 * each handle can be freed as soon as its creator is done with it.  A
 * funcref stored in a table or global outside its instance does not keep
 * that instance alive.
 *
 * Thread safety:
 *   - Different instances may be used from different threads at once,
 *     also instances of the same module.  Loading, instantiating and
 *     freeing are thread-safe.
 *   - One instance must not be used from two threads at once (calls,
 *     global and memory access); hand it over with the usual
 *     synchronisation.  The same holds for a memory, table or global
 *     shared between instances: Wasm 2.0 has no shared memory.
 *   - An import set may be read by several w2n_instantiate calls at once
 *     when no thread changes it meanwhile.
 *   - A trap unwinds only the thread that trapped, to its innermost
 *     w2n_call; other threads never notice.  Traps are caught with
 *     per-thread state and a process-wide SIGSEGV/SIGBUS handler that
 *     passes faults not in Wasm code on to the handler installed before.
 *   - Stack exhaustion is detected on any thread, whatever its stack size
 *     (256 KiB threads are tested): runaway recursion ends with the trap
 *     "call stack exhausted", not a crash.
 */
#ifndef WASM2NATIVE_H
#define WASM2NATIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Values ---- */

/* Value types, coded as in the binary format. */
typedef uint8_t w2n_valtype;
enum {
	W2N_I32 = 0x7F,
	W2N_I64 = 0x7E,
	W2N_F32 = 0x7D,
	W2N_F64 = 0x7C,
	W2N_V128 = 0x7B,
	W2N_FUNCREF = 0x70,
	W2N_EXTERNREF = 0x6F,
};

/*
 * A value type in full (Wasm 3.0 typed references): for a reference, its
 * abstract heap type in the low byte (W2N_FUNCREF or W2N_EXTERNREF, how
 * the value is passed), W2N_REF_NONNULL when it excludes null, and
 * W2N_REF_TYPED when its heap type is the module's type index
 * `t >> W2N_REF_INDEX_SHIFT`: (ref null func) is W2N_FUNCREF, (ref $3) is
 * W2N_FUNCREF | W2N_REF_NONNULL | W2N_REF_TYPED | 3 << W2N_REF_INDEX_SHIFT.
 * Other types are their w2n_valtype.
 */
typedef uint32_t w2n_fulltype;
enum {
	W2N_REF_NONNULL = 0x100,
	W2N_REF_TYPED = 0x200,
	W2N_REF_INDEX_SHIFT = 10,
};

/*
 * A typed value.  References are opaque pointers, NULL being null: an
 * externref is whatever the host passed in; a funcref received from Wasm
 * may be passed back to Wasm but not called from the host.
 */
typedef struct w2n_value {
	w2n_valtype type;
	union {
		int32_t i32;
		int64_t i64;
		float f32;
		double f64;
		uint8_t v128[16]; /* little-endian lanes */
		void *ref;
	};
} w2n_value;

static inline w2n_value w2n_i32(int32_t v)
{
	w2n_value x;
	x.type = W2N_I32;
	x.i64 = 0;
	x.i32 = v;
	return x;
}

static inline w2n_value w2n_i64(int64_t v)
{
	w2n_value x;
	x.type = W2N_I64;
	x.i64 = v;
	return x;
}

static inline w2n_value w2n_f32(float v)
{
	w2n_value x;
	x.type = W2N_F32;
	x.i64 = 0;
	x.f32 = v;
	return x;
}

static inline w2n_value w2n_f64(double v)
{
	w2n_value x;
	x.type = W2N_F64;
	x.f64 = v;
	return x;
}

static inline w2n_value w2n_externref(void *v)
{
	w2n_value x;
	x.type = W2N_EXTERNREF;
	x.i64 = 0;
	x.ref = v;
	return x;
}

/* ---- Errors ---- */

typedef enum w2n_error_kind {
	W2N_OK = 0,
	W2N_ERROR_LOAD,      /* a module file or descriptor was refused */
	W2N_ERROR_LINK,      /* an import is missing or has the wrong type */
	W2N_ERROR_TRAP,      /* Wasm code trapped: see `trap` */
	W2N_ERROR_EXIT,      /* the program called WASI proc_exit */
	W2N_ERROR_USAGE,     /* no such export, wrong argument types, out of
	                      * bounds, immutable global, ... */
	W2N_ERROR_RESOURCE,  /* out of memory or address space */
	W2N_ERROR_EXCEPTION, /* Wasm code threw an exception nothing caught:
	                      * see `exn_tag` */
} w2n_error_kind;

/* Why Wasm code trapped (the runtime's traps.def, in its order). */
typedef enum w2n_trap_kind {
	W2N_TRAP_KIND_NONE = 0,
	W2N_TRAP_KIND_UNREACHABLE,
	W2N_TRAP_KIND_DIV_BY_ZERO,
	W2N_TRAP_KIND_INT_OVERFLOW,
	W2N_TRAP_KIND_INVALID_CONVERSION,
	W2N_TRAP_KIND_OOB_MEMORY,
	W2N_TRAP_KIND_OOB_TABLE,
	W2N_TRAP_KIND_UNDEFINED_ELEMENT,
	W2N_TRAP_KIND_UNINITIALIZED_ELEMENT,
	W2N_TRAP_KIND_INDIRECT_CALL_MISMATCH,
	W2N_TRAP_KIND_STACK_EXHAUSTED,
	W2N_TRAP_KIND_UNKNOWN_IMPORT,
	W2N_TRAP_KIND_HOST, /* a host function returned non-zero */
	W2N_TRAP_KIND_NULL_REFERENCE,
	W2N_TRAP_KIND_NULL_FUNC_REFERENCE,
	/* threads */
	W2N_TRAP_KIND_UNALIGNED_ATOMIC, /* a misaligned atomic access */
	W2N_TRAP_KIND_EXPECTED_SHARED,  /* wait on an unshared memory */
	/* exception handling */
	W2N_TRAP_KIND_NULL_EXN_REFERENCE, /* throw_ref of null */
	/* interruption (docs/interruption.md) */
	W2N_TRAP_KIND_INTERRUPTED, /* the epoch deadline passed */
	W2N_TRAP_KIND_OUT_OF_FUEL, /* the fuel ran out */
} w2n_trap_kind;

enum { W2N_ERROR_MESSAGE_MAX = 256 };

/* One Wasm frame of a trap's backtrace (docs/backtraces.md).  The
 * strings are the module's: valid while it is loaded. */
typedef struct w2n_frame {
	const char *module;    /* the module's name-section name, or NULL */
	const char *func_name; /* the function's name-section name, else
	                        * the name of an export of it, else NULL */
	uint32_t func;         /* its index in the module's function space */
	/* The byte offset in the module (as wasm-objdump -d shows it) of
	 * the instruction the frame is at: the trapping one in frame 0, a
	 * call in the others; W2N_NO_OFFSET when unknown (code compiled
	 * with -g0, or with -g and the module's source lines). */
	uint32_t offset;
} w2n_frame;
#define W2N_NO_OFFSET UINT32_MAX
enum { W2N_ERROR_FRAMES_MAX = 64 };

typedef struct w2n_tag w2n_tag;

typedef struct w2n_error {
	w2n_error_kind kind;
	w2n_trap_kind trap; /* W2N_ERROR_TRAP: which trap */
	uint32_t exit_code; /* W2N_ERROR_EXIT: the program's exit code */
	/* W2N_ERROR_EXCEPTION: the exception's tag (valid while its instance
	 * or a reference to the host's tag lives; compare it with
	 * w2n_instance_tag's or w2n_tag_new's results) and its values, typed
	 * as the tag's parameters.  The values belong to the calling thread:
	 * valid until its next uncaught exception or its end; copy them to
	 * keep them.  Otherwise NULL, NULL and 0. */
	w2n_tag *exn_tag;
	const w2n_value *exn_values;
	size_t exn_nvalues;
	/* One line.  Traps: the spec testsuite's text ("integer divide by
	 * zero", "out of bounds memory access", ...). */
	char message[W2N_ERROR_MESSAGE_MAX];
	/* W2N_ERROR_TRAP: the Wasm frames on the stack, innermost first
	 * (frames[0] holds the trapping instruction; functions LLVM inlined
	 * have frames of their own); more_frames: deeper ones were left
	 * out.  Otherwise 0 frames. */
	w2n_frame frames[W2N_ERROR_FRAMES_MAX];
	size_t nframes;
	bool more_frames;
} w2n_error;

/* ---- Modules ---- */

typedef struct w2n_module w2n_module;

/*
 * Loads the plugin at `path`.  Before anything is mapped, reads its
 * wasm2native note and refuses, with a W2N_ERROR_LOAD
 * one-line message, a file that is not a plugin (not ELF, no note, an
 * object or an executable), one built for another target or for another
 * runtime ABI (W2N_RT_ABI_VERSION; the compiler's version may differ).
 * Then maps it (dlopen) and checks its descriptor.  Thread-safe.
 */
w2n_module *w2n_module_load(const char *path, w2n_error *err);

/*
 * A module linked into the host: `descriptor` is the address of the
 * descriptor symbol of an object built with `wasm2native -c --pic`
 * (`extern const char w2n_module[];`, or the --module-symbol NAME).
 * Refused (W2N_ERROR_LOAD) when built for another runtime ABI.
 */
w2n_module *w2n_module_from_descriptor(const void *descriptor, w2n_error *err);

/* Drops the caller's reference; the module is unloaded once no instance
 * uses it.  NULL is allowed. */
void w2n_module_free(w2n_module *m);

typedef enum w2n_bounds {
	W2N_BOUNDS_GUARD = 0,    /* guard pages: no checks in the code */
	W2N_BOUNDS_EXPLICIT = 1, /* a compare before each access */
} w2n_bounds;

/* What a module says about itself.  The strings live as long as the
 * module; those from the note are "" for w2n_module_from_descriptor. */
typedef struct w2n_module_info {
	const char *name;     /* from the name section, or "" */
	const char *path;     /* the plugin's path, or "" */
	const char *compiler; /* wasm2native version that compiled it */
	const char *target;   /* target triple */
	const char *sha256;   /* SHA-256 of the input .wasm, in hex */
	w2n_bounds bounds;
	uint32_t abi_version;
} w2n_module_info;

void w2n_module_describe(const w2n_module *m, w2n_module_info *out);

/* How a module's code can be stopped (`wasm2native --interruptible`). */
typedef enum w2n_interruptible {
	W2N_INTERRUPTIBLE_NONE = 0,  /* it cannot: only its process can */
	W2N_INTERRUPTIBLE_EPOCH = 1, /* by an epoch deadline */
	W2N_INTERRUPTIBLE_FUEL = 2,  /* by fuel */
} w2n_interruptible;

/* Whether (and how) the code of `m` can be interrupted.  (Not a member of
 * w2n_module_info, whose size hosts built before it would not have.) */
w2n_interruptible w2n_module_interruptible(const w2n_module *m);

/* ---- Types of imports and exports ---- */

typedef enum w2n_extern_kind {
	W2N_EXTERN_FUNC = 0,
	W2N_EXTERN_TABLE = 1,
	W2N_EXTERN_MEMORY = 2,
	W2N_EXTERN_GLOBAL = 3,
	W2N_EXTERN_TAG = 4, /* exception handling */
} w2n_extern_kind;

typedef struct w2n_limits {
	uint64_t min, max; /* memories: in 64 KiB pages */
	bool has_max;
	bool addr64; /* address type i64: a 64-bit memory or table (memory64,
	              * table64), whose addresses, indices and sizes are i64 */
	bool shared; /* a shared memory (threads): needs has_max */
} w2n_limits;

typedef struct w2n_functype {
	uint32_t nparams, nresults;
	const w2n_valtype *params, *results;
} w2n_functype;

typedef struct w2n_extern_type {
	w2n_extern_kind kind;
	union {
		w2n_functype func;
		struct {
			w2n_valtype elem; /* W2N_FUNCREF or W2N_EXTERNREF */
			w2n_limits limits;
		} table;
		w2n_limits memory;
		struct {
			w2n_valtype type;
			bool mutable_;
		} global;
	};
	/* Reference types in full (w2n_fulltype): a table's element type and
	 * a global's type; for a function NULL, or when a parameter or
	 * result is a typed or non-nullable reference, every parameter then
	 * every result. */
	w2n_fulltype fulltype;
	const w2n_fulltype *func_fulltypes;
} w2n_extern_type;

/* Names are UTF-8 and may contain NUL bytes; they are NUL-terminated too.
 * Pointers are valid as long as the module. */
typedef struct w2n_import_desc {
	const char *module, *name;
	size_t module_len, name_len;
	w2n_extern_type type;
} w2n_import_desc;

typedef struct w2n_export_desc {
	const char *name;
	size_t name_len;
	w2n_extern_type type;
} w2n_export_desc;

uint32_t w2n_module_import_count(const w2n_module *m);
uint32_t w2n_module_export_count(const w2n_module *m);

/* Import or export `index` (below the count; false otherwise). */
bool w2n_module_import(const w2n_module *m, uint32_t index,
                       w2n_import_desc *out);
bool w2n_module_export(const w2n_module *m, uint32_t index,
                       w2n_export_desc *out);

/* The index of the export called name[0..len), for the *_export_index
 * functions below; false when there is none. */
bool w2n_module_find_export(const w2n_module *m, const char *name, size_t len,
                            uint32_t *index);

/* Writes `type` in the text format's notation, e.g. "(func (param i32)
 * (result i64))" or "(memory 1 2)", to buf[0..size) like snprintf;
 * returns the length it needs. */
size_t w2n_extern_type_string(const w2n_extern_type *type, char *buf,
                              size_t size);

/* ---- Host objects: memories, tables, globals ---- */

typedef struct w2n_memory w2n_memory;
typedef struct w2n_table w2n_table;
typedef struct w2n_global w2n_global;

/*
 * A memory of `limits` pages (zeroed) for modules compiled with `bounds`:
 * a GUARD memory serves modules of either strategy (64-bit hosts only),
 * an EXPLICIT one only EXPLICIT modules (w2n_module_info.bounds).  A
 * 64-bit memory (limits.addr64, at most 2^48 pages) serves modules of
 * either strategy, which check every access to it; `bounds` is ignored.
 *
 * A shared memory (limits.shared, with a maximum) is what modules that
 * import a shared memory take (threads).  Instances on several host
 * threads may import the same one and run at the same time: its data
 * never moves (w2n_memory_data stays valid), memory.grow from any thread
 * is serialized and seen by all, atomics and memory.atomic.wait/notify
 * work between the threads.  Each instance itself is used by one thread
 * at a time; make one instance per thread (docs/threads.md).
 */
w2n_memory *w2n_memory_new(const w2n_limits *limits, w2n_bounds bounds,
                           w2n_error *err);

/* Drops the caller's reference to a memory from w2n_memory_new.  NULL is
 * allowed.  Never call it on w2n_instance_memory's result. */
void w2n_memory_free(w2n_memory *mem);

/* The bytes of the memory and their count.  The address may change when
 * the memory grows (EXPLICIT memories). */
uint8_t *w2n_memory_data(w2n_memory *mem);
uint64_t w2n_memory_size(const w2n_memory *mem);

/* Copies len bytes out of or into the memory at `offset`; W2N_ERROR_USAGE
 * when [offset, offset + len) is not inside it. */
bool w2n_memory_read(const w2n_memory *mem, uint64_t offset, void *dst,
                     size_t len, w2n_error *err);
bool w2n_memory_write(w2n_memory *mem, uint64_t offset, const void *src,
                      size_t len, w2n_error *err);

/* Grows the memory by `delta` pages: the old size in pages, or -1 past
 * its maximum or when out of memory. */
int64_t w2n_memory_grow(w2n_memory *mem, uint64_t delta);

/* A table of limits.min null references of type `elem` (a 64-bit table
 * when limits.addr64). */
w2n_table *w2n_table_new(w2n_valtype elem, const w2n_limits *limits,
                         w2n_error *err);

/* Drops the caller's reference (not for w2n_instance_table's result). */
void w2n_table_free(w2n_table *t);

uint32_t w2n_table_size(const w2n_table *t);

/* A global of `init`'s type holding `init`. */
w2n_global *w2n_global_new(const w2n_value *init, bool mutable_,
                           w2n_error *err);

/* Drops the caller's reference.  NULL is allowed. */
void w2n_global_free(w2n_global *g);

/* The global's current value (with its type). */
w2n_value w2n_global_value(const w2n_global *g);

/* Sets a mutable global; W2N_ERROR_USAGE when immutable or when the value
 * has another type. */
bool w2n_global_set_value(w2n_global *g, const w2n_value *v, w2n_error *err);

/* ---- Tags (exception handling, docs/exceptions.md) ---- */

typedef struct w2n_imports w2n_imports;
typedef struct w2n_instance w2n_instance;

/*
 * A new tag whose exceptions carry values of the types type->params
 * (type->nresults must be 0), for Wasm modules to import
 * (w2n_imports_add_tag) and host functions to throw (w2n_throw).  Tags
 * compare by identity: every call makes another tag.
 */
w2n_tag *w2n_tag_new(const w2n_functype *type, w2n_error *err);

/* Drops the caller's reference to a tag from w2n_tag_new.  NULL is
 * allowed; an instance's tag (w2n_instance_tag) is left alone. */
void w2n_tag_free(w2n_tag *tag);

/* The tag's type: its parameters, no results (valid as long as it). */
w2n_functype w2n_tag_type(const w2n_tag *tag);

/* The exported tag `name` of the instance, or NULL.  Borrowed: valid
 * while the instance lives. */
w2n_tag *w2n_instance_tag(w2n_instance *inst, const char *name);

/* What a host function returns after w2n_throw. */
enum { W2N_HOST_THROW = 2 };

/*
 * For a host function to throw a Wasm exception of `tag` with values[0..n)
 * (copied; their types must be the tag's parameters) in its caller:
 * call it, then return its result.  W2N_HOST_THROW when the exception is
 * set up: the runtime raises it once the host function has returned, so
 * that Wasm code can catch it (the host's frames are not unwound); 1 (a
 * trap in the caller, W2N_TRAP_KIND_HOST) when the values do not fit the
 * tag or memory is short.  A host function that returns anything else
 * drops the exception.
 */
int w2n_throw(w2n_instance *caller, w2n_tag *tag, const w2n_value *values,
              size_t n);

/* ---- Import sets ---- */

/*
 * A host function.  args holds the parameters, typed as declared;
 * results has one slot per declared result, its type preset, for the
 * function to fill.  `caller` is the instance whose code called it (for
 * w2n_instance_memory(caller, NULL)); it may call back into Wasm with
 * w2n_call.  Returning non-zero traps in the caller (W2N_TRAP_KIND_HOST),
 * but W2N_HOST_THROW after w2n_throw throws a Wasm exception there.
 */
typedef int w2n_host_fn(void *env, w2n_instance *caller, const w2n_value *args,
                        w2n_value *results);

/* An empty import set; NULL when out of memory. */
w2n_imports *w2n_imports_new(void);

/* Frees the set and drops what it holds.  NULL is allowed. */
void w2n_imports_free(w2n_imports *im);

/*
 * Adds `fn` as MODULE.NAME with the signature `type` (copied); an import
 * of another signature will not link to it.  `env` is passed to every
 * call and must outlive the instances that import the function.
 */
bool w2n_imports_add_func(w2n_imports *im, const char *module, const char *name,
                          const w2n_functype *type, w2n_host_fn *fn, void *env,
                          w2n_error *err);

/* Adds a host memory, table or global as MODULE.NAME (the set takes a
 * reference; instances importing it take their own). */
bool w2n_imports_add_memory(w2n_imports *im, const char *module,
                            const char *name, w2n_memory *mem, w2n_error *err);
bool w2n_imports_add_table(w2n_imports *im, const char *module,
                           const char *name, w2n_table *t, w2n_error *err);
bool w2n_imports_add_global(w2n_imports *im, const char *module,
                            const char *name, w2n_global *g, w2n_error *err);

/* Adds a tag from w2n_tag_new as MODULE.NAME; a tag import of the same
 * type links to it (the set and the instances importing it take
 * references).  An instance's tags are imported with the instance
 * (w2n_imports_add_instance); here they are W2N_ERROR_USAGE. */
bool w2n_imports_add_tag(w2n_imports *im, const char *module, const char *name,
                         w2n_tag *tag, w2n_error *err);

/*
 * Makes every export of `inst` importable as MODULE.EXPORT_NAME: this is
 * how instances are linked (the set takes a reference to the instance).
 * Functions called through such an import run in `inst`.
 */
bool w2n_imports_add_instance(w2n_imports *im, const char *module,
                              w2n_instance *inst, w2n_error *err);

/* The WASI preview1 configuration of a program. */
typedef struct w2n_preopen {
	const char *host_path;  /* a host directory ... */
	const char *guest_path; /* ... seen by the program as this */
} w2n_preopen;

typedef struct w2n_wasi_config {
	size_t argc;
	const char *const *argv; /* argv[0] is the program's name */
	size_t nenv;
	const char *const *env; /* "NAME=VALUE" strings */
	size_t npreopens;
	const w2n_preopen *preopens; /* become fds 3, 4, ... in order */
	int stdio[3];                /* host fds behind fds 0, 1, 2 (the
	                              * import set keeps duplicates); -1
	                              * leaves one closed */
} w2n_wasi_config;

/* No arguments, no environment, no preopens, stdio on fds 0, 1, 2. */
void w2n_wasi_config_init(w2n_wasi_config *config);

/*
 * Provides module "wasi_snapshot_preview1" with `config` (copied).  Every
 * instance gets a WASI context of its own, made from the configuration
 * when it is instantiated (its descriptors, its exit status); the
 * preopens are opened then, and a missing one fails instantiation.
 * proc_exit ends the call with W2N_ERROR_EXIT, not the process.
 */
bool w2n_imports_add_wasi(w2n_imports *im, const w2n_wasi_config *config,
                          w2n_error *err);

/* ---- Instances ---- */

/*
 * Instantiates `m` (spec 4.5.4): resolves every import in `im` (may be
 * NULL when the module has none; later additions take precedence over
 * earlier ones), checks its type (W2N_ERROR_LINK: "unknown import:
 * M.N", "incompatible import type: M.N"), creates the module's own
 * memories, tables and globals, applies its segments and runs its start
 * function (a trap there: W2N_ERROR_TRAP).  Each instance is isolated:
 * it shares only what it imports.
 */
w2n_instance *w2n_instantiate(w2n_module *m, const w2n_imports *im,
                              w2n_error *err);

/*
 * What one instance may take.  Memory and tables: the most bytes (a
 * multiple of 64 KiB pages counts whole pages) and elements each of its
 * own memories and tables may start with or grow to, and each memory or
 * table it grows; memory.grow and table.grow past them return -1, and an
 * instance whose memory or table starts above them is not created
 * (W2N_ERROR_USAGE).  Stack: the most native stack its Wasm code may use
 * (rounded up to whole pages); deeper calls trap "call stack exhausted".
 * Calls then run on a stack of that size the library maps for each
 * outermost call, with a guard page below it (docs/interruption.md).
 */
typedef struct w2n_instance_limits {
	uint64_t max_memory_bytes; /* UINT64_MAX: no limit */
	uint64_t max_table_elems;  /* UINT64_MAX: no limit */
	uint64_t max_stack_bytes;  /* 0: the calling thread's stack */
} w2n_instance_limits;

/* No limits: what w2n_instantiate applies. */
void w2n_instance_limits_init(w2n_instance_limits *limits);

/* w2n_instantiate with `limits` (NULL: none). */
w2n_instance *w2n_instantiate_with(w2n_module *m, const w2n_imports *im,
                                   const w2n_instance_limits *limits,
                                   w2n_error *err);

/* Drops the caller's reference.  NULL is allowed. */
void w2n_instance_free(w2n_instance *inst);

/* ---- Interruption (docs/interruption.md) ---- */

/* Advances the process-wide epoch by one tick.  From any thread, also a
 * signal handler; a timer thread calling it makes ticks of time. */
void w2n_epoch_increment(void);

/*
 * Code of an instance of a module compiled --interruptible=epoch stops
 * once the epoch advanced `ticks` from now (0: at its next function entry
 * or loop iteration): it calls the instance's interrupt callback, or
 * without one traps (W2N_TRAP_KIND_INTERRUPTED).  From any thread; while
 * the instance runs, its code sees the new deadline from its next
 * function entry (a loop that calls nothing may keep the old one; the
 * epoch stops it).  New instances have no deadline.
 * W2N_ERROR_USAGE for a module not compiled so.
 */
bool w2n_instance_set_epoch_deadline(w2n_instance *inst, uint64_t ticks,
                                     w2n_error *err);

/*
 * The fuel of an instance of a module compiled --interruptible=fuel: its
 * code consumes it as it runs (docs/interruption.md says what costs how
 * much) and, running out, calls the interrupt callback or traps
 * (W2N_TRAP_KIND_OUT_OF_FUEL).  New instances have INT64_MAX.  Set it
 * between calls (or from the callback).  W2N_ERROR_USAGE for a module
 * not compiled so.
 */
bool w2n_instance_set_fuel(w2n_instance *inst, uint64_t fuel, w2n_error *err);
/* The fuel left (UINT64_MAX for a module not compiled --interruptible=fuel). */
uint64_t w2n_instance_fuel(const w2n_instance *inst);

/*
 * Called on the instance's thread when its deadline passed (`why`
 * W2N_TRAP_KIND_INTERRUPTED) or its fuel ran out (OUT_OF_FUEL): returns
 * how many ticks from now the new deadline is, or how much fuel to add;
 * 0 lets the code trap.  It must not call into the instance.
 */
typedef uint64_t w2n_interrupt_fn(void *env, w2n_instance *inst,
                                  w2n_trap_kind why);

/* Sets (NULL: removes) the instance's interrupt callback. */
void w2n_instance_set_interrupt_callback(w2n_instance *inst,
                                         w2n_interrupt_fn *fn, void *env);

/*
 * Frees the instances whose start function (or segment initialisation)
 * trapped but which had to be kept because imported tables, globals or
 * functions may have received references to their functions.  Call only
 * when nothing can reach such references any more.
 */
void w2n_free_failed_instances(void);

w2n_module *w2n_instance_module(const w2n_instance *inst);

/* A pointer of the host's, e.g. for host functions to find their state
 * from `caller`. */
void w2n_instance_set_data(w2n_instance *inst, void *data);
void *w2n_instance_data(const w2n_instance *inst);

/*
 * Calls the exported function `name` with args[0..nargs) and stores its
 * results (typed) in results[0..nresults).  W2N_ERROR_USAGE when there is
 * no such function or the counts or argument types differ from its type;
 * W2N_ERROR_TRAP when it traps; W2N_ERROR_EXIT on WASI proc_exit;
 * W2N_ERROR_EXCEPTION when it throws an exception it does not catch (the
 * error's exn_tag and exn_values say which).
 */
bool w2n_call(w2n_instance *inst, const char *name, const w2n_value *args,
              size_t nargs, w2n_value *results, size_t nresults,
              w2n_error *err);

/* The same for export `index` (w2n_module_find_export). */
bool w2n_call_export_index(w2n_instance *inst, uint32_t index,
                           const w2n_value *args, size_t nargs,
                           w2n_value *results, size_t nresults, w2n_error *err);

/* Reads or writes the exported global `name`; setting checks that it is
 * mutable and that the value has its type (W2N_ERROR_USAGE). */
bool w2n_global_get(w2n_instance *inst, const char *name, w2n_value *out,
                    w2n_error *err);
bool w2n_global_set(w2n_instance *inst, const char *name, const w2n_value *v,
                    w2n_error *err);

/* The same for export `index`. */
bool w2n_global_get_export_index(w2n_instance *inst, uint32_t index,
                                 w2n_value *out, w2n_error *err);
bool w2n_global_set_export_index(w2n_instance *inst, uint32_t index,
                                 const w2n_value *v, w2n_error *err);

/* The exported memory or table `name` of the instance (NULL `name`: its
 * memory or table 0, exported or not), or NULL.  Borrowed: valid while
 * the instance lives; do not free. */
w2n_memory *w2n_instance_memory(w2n_instance *inst, const char *name);
w2n_table *w2n_instance_table(w2n_instance *inst, const char *name);

/* ---- Versions ---- */

/* The library's version ("0.1.0") and the runtime ABI it implements (the
 * one plugins must have been compiled for). */
const char *w2n_version(void);
uint32_t w2n_abi_version(void);

#ifdef __cplusplus
}
#endif
#endif
