/*
 * run.c - `wasm2native run`: the input compiled into a cache keyed by
 * everything that makes the program (input, options, compiler, LLVM,
 * runtime), then executed in place of this process.
 */
#include "run.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "codegen.h"
#include "compile.h"
#include "input.h"
#include "link.h"
#include "report.h"
#include "sha256.h"

/* Where compiled programs are cached: $XDG_CACHE_HOME/wasm2native, else
 * ~/.cache/wasm2native, else a directory per user in /tmp. */
static bool cache_dir(char *dir, size_t n)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	if (xdg && xdg[0])
		snprintf(dir, n, "%s/wasm2native", xdg);
	else if (home && home[0])
		snprintf(dir, n, "%s/.cache/wasm2native", home);
	else
		snprintf(dir, n, "/tmp/wasm2native-cache-%u",
		         (unsigned)getuid());
	char parent[4096];
	snprintf(parent, sizeof parent, "%s", dir);
	char *slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = '\0';
		mkdir(parent, 0755);
	}
	return mkdir(dir, 0755) == 0 || errno == EEXIST;
}

/* Hashes the bytes of file `path` (its name alone when unreadable). */
static void hash_file(w2n_sha256 *s, const char *path)
{
	w2n_diags ignored = {0};
	size_t n = 0;
	uint8_t *b = w2n_read_file(path, &n, &ignored);
	w2n_sha256_update(s, path, strlen(path) + 1);
	if (b)
		w2n_sha256_update(s, b, n);
	free(b);
	w2n_diags_free(&ignored);
}

/* Host code given to `run` is part of what gets cached: its bytes and
 * the flags for compiling and linking it. */
static void hash_host_inputs(const w2n_options *o, w2n_sha256 *s)
{
	for (size_t i = 0; i < o->nhost_inputs; i++)
		hash_file(s, o->host_inputs[i]);
	for (size_t i = 0; i < o->ncompile_args; i++)
		w2n_sha256_update(s, o->compile_args[i],
		                  strlen(o->compile_args[i]) + 1);
	for (size_t i = 0; i < o->nlink_args; i++)
		w2n_sha256_update(s, o->link_args[i],
		                  strlen(o->link_args[i]) + 1);
}

/* Hashes what the file `path` is without reading it: its identity and
 * modification time (for the LLVM library, which is large). */
static void hash_file_identity(w2n_sha256 *s, const char *path)
{
	struct stat st;
	char id[256];
	if (stat(path, &st) != 0)
		memset(&st, 0, sizeof st);
	snprintf(id, sizeof id, "%s|%llu|%llu|%lld|%lld.%09ld", path,
	         (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
	         (long long)st.st_size, (long long)st.st_mtim.tv_sec,
	         st.st_mtim.tv_nsec);
	w2n_sha256_update(s, id, strlen(id) + 1);
}

/*
 * What produces the program, beyond the version string (the same for
 * every build): this compiler's own bytes, the LLVM library it runs, and
 * the runtime archives it links for the target.  Rebuilding any of them
 * gives new cache keys.
 */
static void hash_toolchain(const w2n_options *o, w2n_sha256 *s)
{
	hash_file(s, "/proc/self/exe");
	const char *llvm = cg_llvm_library();
	if (llvm)
		hash_file_identity(s, llvm);
	const cg_target *t =
	    o->target ? cg_target_find(o->target) : cg_target_host();
	if (!t)
		return;
	char root[4096], lib[4200];
	w2n_runtime_root(t, root, sizeof root);
	for (int i = 0; i < W2N_RUNTIME_ARCHIVES; i++) {
		snprintf(lib, sizeof lib, "%s/%s", root,
		         w2n_runtime_archives[i]);
		hash_file(s, lib);
	}
}

/* The cache key: the input's bytes, every option that changes the code,
 * and the compiler, LLVM and runtime that build it. */
static void cache_key(const w2n_options *o, const uint8_t *bytes, size_t len,
                      char key[65])
{
	char flags[512];
	snprintf(flags, sizeof flags, "%s|%s|%s|%s|O%u|b%d|i%u|u%d|%s|p%u|k%d",
	         W2N_VERSION_STRING, o->target ? o->target : "host",
	         o->cpu ? o->cpu : "", o->features ? o->features : "",
	         o->opt_level, o->bounds, o->interruptible, o->unknown_imports,
	         o->invoke ? o->invoke : "", o->partition_size,
	         o->keep_memory_routines);
	w2n_sha256 s;
	uint8_t d[32];
	w2n_sha256_init(&s);
	w2n_sha256_update(&s, flags, strlen(flags) + 1);
	if (o->cpu && strcmp(o->cpu, "native") == 0) {
		/* Code for this machine's CPU is not code for another's. */
		char *id = cg_host_cpu_identity();
		w2n_sha256_update(&s, id, strlen(id) + 1);
		free(id);
	}
	w2n_sha256_update(&s, bytes, len);
	hash_host_inputs(o, &s);
	hash_toolchain(o, &s);
	w2n_sha256_final(&s, d);
	for (int i = 0; i < 32; i++)
		snprintf(key + 2 * i, 3, "%02x", d[i]);
}

/* Appends the --dir/--env items to WASM2NATIVE_OPTIONS, each blank and
 * backslash quoted with a backslash. */
static void export_wasi_items(const w2n_options *o)
{
	const char *old = getenv("WASM2NATIVE_OPTIONS");
	size_t n = (old ? strlen(old) : 0) + 1;
	for (size_t i = 0; i < o->nwasi_items; i++)
		n += 2 * strlen(o->wasi_items[i]) + 1;
	char *s = w2n_xmalloc(n), *p = s;
	p += snprintf(s, n, "%s", old ? old : "");
	for (size_t i = 0; i < o->nwasi_items; i++) {
		if (p != s)
			*p++ = ' ';
		for (const char *q = o->wasi_items[i]; *q; q++) {
			if (isspace((unsigned char)*q) || *q == '\\')
				*p++ = '\\';
			*p++ = *q;
		}
	}
	*p = '\0';
	setenv("WASM2NATIVE_OPTIONS", s, 1);
	free(s);
}

int w2n_run(const w2n_options *given)
{
	w2n_options run = *given;
	const w2n_options *o = &run;
	/* Compiled for the machine it runs on, as other AOT engines do,
	 * unless --cpu or --target says otherwise. */
	if (!run.cpu && !run.target)
		run.cpu = "native";
	w2n_diags d = {.file = o->input};
	size_t len;
	char dir[4096], path[4200], key[65];
	uint8_t *bytes = w2n_read_file(o->input, &len, &d);
	if (!bytes)
		return w2n_report(&d);
	cache_key(o, bytes, len, key);
	free(bytes);
	if (!cache_dir(dir, sizeof dir)) {
		w2n_error(&d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
		          "cache directory %s: %s", dir, strerror(errno));
		return w2n_report(&d);
	}
	snprintf(path, sizeof path, "%s/%s", dir, key);
	if (access(path, X_OK) != 0) {
		w2n_options c = *o;
		c.action = W2N_ACTION_COMPILE;
		c.output_kind = W2N_OUT_EXECUTABLE;
		c.output = path;
		c.nwasi_items = 0; /* given at run time, not compiled in */
		int status = w2n_compile(&c);
		if (status != 0)
			return status;
	}
	export_wasi_items(o);
	char **argv = w2n_xmalloc(((size_t)o->prog_argc + 2) * sizeof *argv);
	argv[0] = (char *)o->input;
	for (int i = 0; i < o->prog_argc; i++)
		argv[i + 1] = o->prog_argv[i];
	argv[o->prog_argc + 1] = NULL;
	execv(path, argv);
	w2n_error(&d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_READ, "cannot run %s: %s",
	          path, strerror(errno));
	free(argv);
	return w2n_report(&d);
}
