/*
 * link.h - linking plugins and programs (link.c).
 */
#ifndef W2N_LINK_H
#define W2N_LINK_H

#include <stdbool.h>
#include <stddef.h>

#include "codegen.h"
#include "diag.h"
#include "host.h"
#include "options.h"

/* The directory holding the target's runtime libraries (wasi-libc-shim/
 * and runtime/ below it): $WASM2NATIVE_RUNTIME_DIR/TRIPLE when set;
 * for an installed wasm2native, PREFIX/lib/wasm2native/TRIPLE (meson
 * install of build/ and of each build-cross/TRIPLE); else the build tree
 * for the host and build-cross/TRIPLE for the others (scripts/setup.sh). */
void w2n_runtime_root(const cg_target *t, char *dir, size_t n);

/* The archives a program links, below w2n_runtime_root(), in link
 * order: the WASI shim with main(), then the runtime it calls. */
enum { W2N_RUNTIME_ARCHIVES = 2 };
extern const char *const w2n_runtime_archives[W2N_RUNTIME_ARCHIVES];

/* A plugin: the object alone; the host process provides the runtime. */
bool w2n_link_shared(const cg_target *t, const char *obj, const char *out,
                     w2n_diags *d);

/* A program: the object, host code, the WASI shim with main(), the runtime
 * (and -L/-l), linked by the target's C compiler into `out`. */
bool w2n_link_executable(const w2n_options *o, const cg_target *t,
                         const char *obj, const w2n_host_link *host,
                         const char *out, w2n_diags *d);

#endif
