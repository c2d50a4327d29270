/*
 * wasi.h - the WASI preview1 host of wasm2native: what natively compiled
 * programs import as `wasi_snapshot_preview1`.
 *
 * An embedder fills a wasi_config (arguments, environment, preopened
 * directories, stdio), makes a wasi_ctx from it, and resolves the imports
 * of an instance with wasi_resolve, which binds the context to the
 * instance.  Compiled executables do all of this in their entry point,
 * main.c, which this library holds (main() of libw2n_wasi.a), from a
 * configuration README.md describes (config.c).
 *
 * The sandbox: every path a program names is resolved beneath a directory
 * descriptor it holds (ultimately a preopen) and can never reach outside
 * it, whatever `..` components or symbolic links it contains.
 */
#ifndef WASI_H
#define WASI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "w2n_rt.h"
#include "instance.h"
#include "wasi_abi.h"

/* The import module name of every WASI preview1 function. */
#define WASI_MODULE "wasi_snapshot_preview1"
/* The module of wasi-threads' thread-spawn. */
#define WASI_THREADS_MODULE "wasi"

/* A host directory made visible to the program as `guest_path`. */
typedef struct wasi_preopen {
	const char *host_path;
	const char *guest_path;
} wasi_preopen;

/* Everything a WASI context starts from.  wasi_ctx_new copies it all. */
typedef struct wasi_config {
	size_t argc;
	const char *const *argv; /* argv[0] is the program name */
	size_t nenv;
	const char *const *env; /* "NAME=VALUE" strings */
	size_t npreopens;
	const wasi_preopen *preopens; /* become fds 3, 4, ... in order */
	int stdio[3];                 /* host fds behind guest fds 0, 1, 2;
	                               * -1 leaves that guest fd closed */
	bool exit_unwinds;            /* proc_exit records its code and traps
	                               * (W2N_TRAP_HOST) instead of exit() */
} wasi_config;

typedef struct wasi_ctx wasi_ctx;

/* An empty configuration: no arguments, no environment, no preopens,
 * stdio on host fds 0, 1, 2, proc_exit ends the process. */
void wasi_config_init(wasi_config *config);

/*
 * A context for one program run.  Opens every preopen (a directory that
 * is missing or not a directory is an error) and duplicates the stdio
 * fds, so closing guest fd 1 never closes the host's stdout.  On failure
 * returns NULL with `err` (may be NULL) filled: W2N_RT_ERROR_RESOURCE
 * when out of memory, W2N_RT_ERROR_HOST when the configuration is
 * refused, with a one-line message.
 */
wasi_ctx *wasi_ctx_new(const wasi_config *config, w2n_rt_error *err);

/*
 * A context configured as compiled executables are (README.md): argv as
 * given, then the items of `compiled` (NUL-separated, ending with an
 * empty item; NULL for none) and of `runtime` (blank-separated, `\`
 * quoting; NULL for none).  NULL with `err` filled on failure, as
 * wasi_ctx_new (a malformed item is W2N_RT_ERROR_HOST).
 */
wasi_ctx *wasi_ctx_from_options(int argc, char **argv, const char *compiled,
                                const char *runtime, w2n_rt_error *err);

/* What a program's items say beyond WASI (docs/interruption.md). */
typedef struct wasi_program_limits {
	/* --max-memory=SIZE, --max-table=N, --max-stack=SIZE */
	w2n_rt_resource_limits limits;
	uint64_t timeout_ns; /* --timeout=DURATION; 0: none */
	uint64_t fuel;       /* --fuel=N; 0: unlimited */
} wasi_program_limits;

/* wasi_ctx_from_options that also fills `out` from the items. */
wasi_ctx *wasi_program_from_options(int argc, char **argv, const char *compiled,
                                    const char *runtime,
                                    wasi_program_limits *out,
                                    w2n_rt_error *err);

/* Closes every descriptor the context holds and frees it.  NULL is a
 * no-op. */
void wasi_ctx_free(wasi_ctx *ctx);

/*
 * Resolves one import of `inst` (the w2n_rt_resolve_fn contract of
 * instance.h; env is a wasi_ctx).  For a function of
 * wasi_snapshot_preview1 whose declared type matches wasi.def, binds the
 * context to the instance (header->wasi = env) and fills `out` with the
 * host function; otherwise returns false with `err` filled: "unknown
 * import: MODULE.NAME" or "incompatible import type: MODULE.NAME"
 * (W2N_RT_ERROR_LINK), or out of memory (W2N_RT_ERROR_RESOURCE).
 */
bool wasi_resolve(void *env, w2n_rt_instance *inst, const w2n_rt_import *import,
                  const w2n_rt_functype *type, w2n_rt_extern *out,
                  w2n_rt_error *err);

/* With exit_unwinds: true once the program called proc_exit, with its
 * code in *code.  Always false otherwise (proc_exit ended the process). */
bool wasi_exit_code(const wasi_ctx *ctx, uint32_t *code);

/* The errno.def name of a WASI errno ("BADF"), or "UNKNOWN". */
const char *wasi_errno_name(uint32_t errno_value);

/* The WASI errno of a host errno (IO when it has none): for host
 * functions that report WASI errnos too. */
wasi_errno wasi_errno_from_host(int host_errno);

/* Test hook: with `on`, resolve paths by the portable component walk
 * even where openat2 works. */
void wasi_sandbox_force_walk(bool on);

#endif
