/*
 * main.h - what the executable entry point (main.c) needs from the WASI
 * shim.  Programs built by `wasm2native in.wasm -o prog` link, in this
 * order, libw2n_main (main.c), the shim's archive, which defines these
 * three functions, and libw2n_rt, which holds weak stand-ins for them
 * (main_default.c) that are pulled in only when no shim defined them.
 * A linker never pulls an archive member to replace a weak definition,
 * so the shim's archive must come before libw2n_rt.
 */
#ifndef W2N_RT_MAIN_H
#define W2N_RT_MAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "instance.h"

/*
 * Creates the WASI context of the program: arguments from argv exactly as
 * main received them (argv[0] included), the environment from environ,
 * and the preopened directories.  Stores it in *wasi_out (may be NULL
 * when there is none).  False with `err` filled on failure.
 */
bool w2n_rt_main_wasi_setup(int argc, char **argv, void **wasi_out,
                            w2n_rt_error *err);

/*
 * The resolver main instantiates the program with (w2n_rt_resolve_fn),
 * `env` being the context from w2n_rt_main_wasi_setup.  It also binds the
 * context to the instance (header->wasi), so that the start function can
 * use WASI.
 */
bool w2n_rt_main_resolve(void *env, w2n_rt_instance *inst,
                         const w2n_rt_import *import,
                         const w2n_rt_functype *type, w2n_rt_extern *out,
                         w2n_rt_error *err);

/* Frees the context from w2n_rt_main_wasi_setup; NULL is allowed. */
void w2n_rt_main_wasi_free(void *wasi);

#endif
