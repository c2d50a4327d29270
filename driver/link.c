/*
 * link.c - linking what codegen made: a plugin is the object alone; a
 * program links the object, host code and the target's runtime archives
 * (found in the build tree, build-cross/TRIPLE or an installation) with
 * the target's C compiler.
 */
#include "link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "tool.h"

#ifndef W2N_BUILD_ROOT
#define W2N_BUILD_ROOT "."
#endif
#ifndef W2N_CROSS_ROOT
#define W2N_CROSS_ROOT "./build-cross"
#endif
#ifndef W2N_RUNTIME_SANITIZE
#define W2N_RUNTIME_SANITIZE ""
#endif

/* An installed wasm2native (not the one in the build tree) finds the
 * runtimes installed beside it: BINDIR/../lib/wasm2native.  NULL when
 * running from the build tree or when there is none. */
static const char *installed_runtimes(char *dir, size_t n)
{
	char exe[4096];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return NULL;
	exe[len] = '\0';
	char *slash = strrchr(exe, '/');
	*slash = '\0';
	char build[4096];
	if (realpath(W2N_BUILD_ROOT, build) && strcmp(build, exe) == 0)
		return NULL;
	int w = snprintf(dir, n, "%s/../lib/wasm2native", exe);
	return w > 0 && (size_t)w < n && access(dir, F_OK) == 0 ? dir : NULL;
}

void w2n_runtime_root(const cg_target *t, char *dir, size_t n)
{
	const char *env = getenv("WASM2NATIVE_RUNTIME_DIR");
	char installed[2048];
	if (env && env[0])
		snprintf(dir, n, "%s/%s", env, t->triple);
	else if (installed_runtimes(installed, sizeof installed))
		snprintf(dir, n, "%s/%s", installed, t->triple);
	else if (t == cg_target_host())
		snprintf(dir, n, "%s", W2N_BUILD_ROOT);
	else
		snprintf(dir, n, "%s/%s", W2N_CROSS_ROOT, t->triple);
}

/* The target's C compiler, used as the linker; a missing cross compiler
 * names the Debian package that provides it. */
static bool find_linker(const cg_target *t, w2n_diags *d)
{
	if (w2n_on_path(t->cc))
		return true;
	return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_LINK,
	                 "%s not found: install the Debian package %s", t->cc,
	                 t->cc_package);
}

/* A flag the target's linker needs, or NULL: on 32-bit ARM, one unwind
 * table entry per function, so that backtraces find each function by
 * the start of its entry (the linker merges equal neighbours). */
static char *target_link_flag(const cg_target *t)
{
	return t->id == CG_TARGET_ARM ? "-Wl,--no-merge-exidx-entries" : NULL;
}

bool w2n_link_shared(const cg_target *t, const char *obj, const char *out,
                     w2n_diags *d)
{
	char *argv[] = {(char *)t->cc,       "-shared",   "-o",
	                (char *)out,         (char *)obj, "-lm",
	                target_link_flag(t), NULL};
	return find_linker(t, d) && w2n_run_tool(argv, d);
}

const char *const w2n_runtime_archives[W2N_RUNTIME_ARCHIVES] = {
    "wasi-libc-shim/libw2n_wasi.a", "runtime/libw2n_rt.a"};

bool w2n_link_executable(const w2n_options *o, const cg_target *t,
                         const char *obj, const w2n_host_link *host,
                         const char *out, w2n_diags *d)
{
	char root[4096], libs[W2N_RUNTIME_ARCHIVES][4200];
	w2n_runtime_root(t, root, sizeof root);
	for (int i = 0; i < W2N_RUNTIME_ARCHIVES; i++)
		snprintf(libs[i], sizeof libs[i], "%s/%s", root,
		         w2n_runtime_archives[i]);
	if (!find_linker(t, d))
		return false;
	if (access(libs[0], R_OK) != 0)
		return w2n_error(
		    d, W2N_NO_OFFSET, W2N_DIAG_LINK,
		    "no runtime for %s in %s: run scripts/setup.sh "
		    "(or install build-cross/%s)",
		    t->triple, root, t->triple);
	/* The program, host code, the WASI shim with main(), the runtime. */
	size_t n = 0;
	char **argv =
	    w2n_xmalloc((host->nobjects + o->nlink_args + 12) * sizeof *argv);
	argv[n++] = (char *)t->cc;
	argv[n++] = "-o";
	argv[n++] = (char *)out;
	argv[n++] = (char *)obj;
	for (size_t i = 0; i < host->nobjects; i++)
		argv[n++] = host->objects[i];
	for (int i = 0; i < W2N_RUNTIME_ARCHIVES; i++)
		argv[n++] = libs[i];
	for (size_t i = 0; i < o->nlink_args; i++)
		argv[n++] = o->link_args[i];
	/* This build tree's runtime was built with sanitizers: so is the
	 * program, or their runtime would be missing. */
	if (W2N_RUNTIME_SANITIZE[0] && strcmp(root, W2N_BUILD_ROOT) == 0)
		argv[n++] = "-fsanitize=" W2N_RUNTIME_SANITIZE;
	argv[n++] = "-lpthread";
	argv[n++] = "-lm";
	argv[n++] = target_link_flag(t);
	argv[n] = NULL;
	bool ok = w2n_run_tool(argv, d);
	free(argv);
	return ok;
}
