/*
 * compile.c - the driver's pipeline, a straight list of stage calls:
 * read -> decode+validate (frontend) -> codegen -> link.  Every output is
 * written under a temporary name and renamed into place only when it is
 * complete, so a failure never leaves a partial file behind.
 */
#include "compile.h"

#include <ctype.h>
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "codegen.h"
#include "frontend.h"
#include "host.h"
#include "parts.h"
#include "sha256.h"
#include "w2n_rt.h"

extern char **environ;

#ifndef W2N_VERSION
#define W2N_VERSION "unknown"
#endif
#define W2N_VERSION_STRING W2N_VERSION

#ifndef W2N_BUILD_ROOT
#define W2N_BUILD_ROOT "."
#endif
#ifndef W2N_CROSS_ROOT
#define W2N_CROSS_ROOT "./build-cross"
#endif

/* Offsets in the IR are 32-bit; larger inputs are refused up front. */
#define MAX_INPUT ((size_t)UINT32_MAX)

static uint8_t *read_input(const char *path, size_t *len, w2n_diags *d)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct stat st;
	if (!f) {
		w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_READ, "%s",
		          strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0)
		memset(&st, 0, sizeof st);
	if (S_ISDIR(st.st_mode)) {
		w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_READ,
		          "is a directory");
		fclose(f);
		return NULL;
	}
	/* A regular file is read into one buffer of its size; a pipe grows
	 * one by doubling. */
	size_t cap = 1 << 16, n = 0;
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size < MAX_INPUT)
		cap = (size_t)st.st_size + 1;
	uint8_t *buf = w2n_xmalloc(cap);
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap || n > MAX_INPUT)
			break;
		cap *= 2;
		buf = w2n_xrealloc(buf, cap);
	}
	bool bad = ferror(f) || n > MAX_INPUT;
	int err = errno;
	if (f != stdin)
		fclose(f);
	if (bad) {
		w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_READ, "%s",
		          n > MAX_INPUT ? "larger than 4 GiB" : strerror(err));
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* Prints the diagnostics (stages stop at their first error, so this is
 * one line, except for lists such as every missing import). */
static int report(w2n_diags *d)
{
	for (const w2n_diag *g = d->first; g; g = g->next)
		w2n_diag_print(d, g, stderr);
	w2n_diags_free(d);
	return 1;
}

double w2n_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* -v: each phase's time since the previous one and the process's peak
 * memory so far. */
typedef struct phase_clock {
	bool verbose;
	double t0;
} phase_clock;

void w2n_phase_done(bool verbose, const char *name, double t0)
{
	if (!verbose)
		return;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "wasm2native: %-10s %8.3f s  peak %ld MiB\n", name,
	        w2n_now() - t0, ru.ru_maxrss / 1024);
}

static void phase(void *clock, const char *name)
{
	phase_clock *c = clock;
	w2n_phase_done(c->verbose, name, c->t0);
	c->t0 = w2n_now();
}

/* Reads, decodes and validates, leaving the input's SHA-256 (for the
 * module note) in `digest`; NULL after reporting. */
static ir_module *load(const w2n_options *o, w2n_diags *d, uint8_t digest[32])
{
	phase_clock clock = {o->verbose, w2n_now()};
	size_t len;
	uint8_t *bytes = read_input(o->input, &len, d);
	if (!bytes)
		return NULL;
	w2n_sha256 hash;
	w2n_sha256_init(&hash);
	w2n_sha256_update(&hash, bytes, len);
	w2n_sha256_final(&hash, digest);
	phase(&clock, "read");
	ir_module *m = dec_module(bytes, len, d);
	free(bytes);
	phase(&clock, "decode");
	if (m && !val_module(m, d)) {
		ir_module_free(m);
		m = NULL;
	}
	phase(&clock, "validate");
	return m;
}

int w2n_validate(const w2n_options *o)
{
	w2n_diags d = {.file = o->input};
	uint8_t digest[32];
	ir_module *m = load(o, &d, digest);
	if (!m)
		return report(&d);
	ir_module_free(m);
	w2n_diags_free(&d);
	return 0;
}

/* The output name when -o is absent: the input's name with the extension
 * of the output kind in place of ".wasm". */
static char *default_output(const w2n_options *o)
{
	static const char *const ext[] = {"", ".o", ".s", ".ll", ".so"};
	const char *in = strcmp(o->input, "-") == 0 ? "a.wasm" : o->input;
	const char *base = strrchr(in, '/');
	base = base ? base + 1 : in;
	size_t n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".wasm") == 0)
		n -= 5;
	const char *e = ext[o->output_kind];
	if (o->output_kind == W2N_OUT_EXECUTABLE && strcmp(base + n, "") == 0)
		e = ".out"; /* the input had no extension to drop */
	char *out = w2n_xmalloc(n + strlen(e) + 1);
	memcpy(out, base, n);
	strcpy(out + n, e);
	return out;
}

/* A fresh temporary file beside `path`, for the atomic rename. */
static char *temp_beside(const char *path, w2n_diags *d)
{
	size_t n = strlen(path);
	char *tmp = w2n_xmalloc(n + 16);
	snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE, "%s: %s",
		          path, strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

/* `path` for a Make rule: blanks, '#' and '$' escaped. */
static void write_make_path(FILE *f, const char *path)
{
	for (const char *c = path; *c; c++) {
		if (*c == ' ' || *c == '\t' || *c == '#')
			fputc('\\', f);
		else if (*c == '$')
			fputc('$', f);
		fputc(*c, f);
	}
}

/* -MD/-MF: `OUTPUT: INPUT HOST-INPUTS...`, written atomically.  The
 * runtime libraries belong to the compiler, as libc does to cc -MD. */
static bool write_depfile(const w2n_options *o, const char *out,
                          w2n_diags *d)
{
	char *own = NULL;
	const char *path = o->depfile_path;
	if (!path) {
		own = w2n_xmalloc(strlen(out) + 3);
		sprintf(own, "%s.d", out);
		path = own;
	}
	char *tmp = temp_beside(path, d);
	FILE *f = tmp ? fopen(tmp, "w") : NULL;
	bool ok = f != NULL;
	if (f) {
		write_make_path(f, out);
		fputc(':', f);
		fputc(' ', f);
		write_make_path(f, o->input);
		for (size_t i = 0; i < o->nhost_inputs; i++) {
			fputs(" \\\n  ", f);
			write_make_path(f, o->host_inputs[i]);
		}
		fputc('\n', f);
		ok = !ferror(f);
		ok = fclose(f) == 0 && ok;
	}
	if (tmp && (!ok || rename(tmp, path) != 0)) {
		ok = w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE, "%s: %s",
		               path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(own);
	return ok && tmp;
}

/* Puts the finished output `tmp` in place: renamed to `path`, or for
 * `-o -` copied to standard output. */
static bool publish(const char *tmp, const char *path, w2n_diags *d)
{
	if (strcmp(path, "-") != 0) {
		if (rename(tmp, path) == 0)
			return true;
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
		                 "%s: %s", path, strerror(errno));
	}
	FILE *in = fopen(tmp, "rb");
	char buf[65536];
	size_t n;
	bool ok = in != NULL;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, stdout) == n;
	ok = ok && !ferror(in) && fflush(stdout) == 0;
	if (in)
		fclose(in);
	unlink(tmp);
	return ok || w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
	                       "standard output: %s", strerror(errno));
}

bool w2n_run_tool(char *const argv[], w2n_diags *d)
{
	pid_t pid;
	int err = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	int status;
	if (err)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_LINK,
		                 "cannot run %s: %s", argv[0], strerror(err));
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_LINK,
		                 "%s failed", argv[0]);
	return true;
}

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

/* The directory holding the target's runtime libraries (wasi-libc-shim/
 * and runtime/ below it): $WASM2NATIVE_RUNTIME_DIR/TRIPLE when set;
 * for an installed wasm2native, PREFIX/lib/wasm2native/TRIPLE (meson
 * install of build/ and of each build-cross/TRIPLE); else the build tree
 * for the host and build-cross/TRIPLE for the others (scripts/setup.sh). */
static void runtime_root(const cg_target *t, char *dir, size_t n)
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

/* Whether `prog` can be found on PATH (or is a path that exists). */
static bool on_path(const char *prog)
{
	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	const char *path = getenv("PATH");
	char buf[4096];
	for (const char *p = path ? path : "/usr/bin"; *p;) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, p, prog);
		if (access(buf, X_OK) == 0)
			return true;
		p += n + (colon != NULL);
	}
	return false;
}

/* The target's C compiler, used as the linker; a missing cross compiler
 * names the Debian package that provides it. */
static bool find_linker(const cg_target *t, w2n_diags *d)
{
	if (on_path(t->cc))
		return true;
	return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_LINK,
	                 "%s not found: install the Debian package %s", t->cc,
	                 t->cc_package);
}

/* A plugin: the object alone; the host process provides the runtime. */
static bool link_shared(const cg_target *t, const char *obj, const char *out,
                        w2n_diags *d)
{
	char *argv[] = {(char *)t->cc, "-shared", "-o", (char *)out,
	                (char *)obj, "-lm", NULL};
	return find_linker(t, d) && w2n_run_tool(argv, d);
}

/* The archives a program links, below runtime_root(), in link order:
 * the WASI shim with main(), then the runtime it calls. */
static const char *const runtime_archives[] = {"wasi-libc-shim/libw2n_wasi.a",
                                               "runtime/libw2n_rt.a"};
enum { NARCHIVES = sizeof runtime_archives / sizeof runtime_archives[0] };

/* Links the object with the runtime, the WASI shim and main(). */
static bool link_executable(const w2n_options *o, const cg_target *t,
                            const char *obj, const w2n_host_link *host,
                            const char *out, w2n_diags *d)
{
	char root[4096], libs[NARCHIVES][4200];
	runtime_root(t, root, sizeof root);
	for (int i = 0; i < NARCHIVES; i++)
		snprintf(libs[i], sizeof libs[i], "%s/%s", root,
		         runtime_archives[i]);
	if (!find_linker(t, d))
		return false;
	if (access(libs[0], R_OK) != 0)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_LINK,
		                 "no runtime for %s in %s: run scripts/setup.sh "
		                 "(or install build-cross/%s)",
		                 t->triple, root, t->triple);
	/* The program, host code, the WASI shim with main(), the runtime. */
	size_t n = 0;
	char **argv = w2n_xmalloc((host->nobjects + o->nlink_args + 12) *
	                          sizeof *argv);
	argv[n++] = (char *)t->cc;
	argv[n++] = "-o";
	argv[n++] = (char *)out;
	argv[n++] = (char *)obj;
	for (size_t i = 0; i < host->nobjects; i++)
		argv[n++] = host->objects[i];
	for (int i = 0; i < NARCHIVES; i++)
		argv[n++] = libs[i];
	for (size_t i = 0; i < o->nlink_args; i++)
		argv[n++] = o->link_args[i];
	argv[n++] = "-lpthread";
	argv[n++] = "-lm";
	argv[n] = NULL;
	bool ok = w2n_run_tool(argv, d);
	free(argv);
	return ok;
}

static cg_emit emit_kind(w2n_output_kind k)
{
	switch (k) {
	case W2N_OUT_ASSEMBLY: return CG_EMIT_ASSEMBLY;
	case W2N_OUT_LLVM_IR: return CG_EMIT_LLVM_IR;
	default: return CG_EMIT_OBJECT;
	}
}

/* The --dir/--env items as NUL-separated strings ending with an empty
 * one (w2n_main_config); the caller frees. */
static char *join_items(const w2n_options *o, size_t *len)
{
	size_t n = 1;
	for (size_t i = 0; i < o->nwasi_items; i++)
		n += strlen(o->wasi_items[i]) + 1;
	char *s = w2n_xmalloc(n), *p = s;
	for (size_t i = 0; i < o->nwasi_items; i++) {
		size_t k = strlen(o->wasi_items[i]) + 1;
		memcpy(p, o->wasi_items[i], k);
		p += k;
	}
	*p = '\0';
	*len = n;
	return s;
}

/* The descriptor's symbol: what wasi-libc-shim/main.c links for executables,
 * w2n_module for plugins and host objects unless --module-symbol names
 * another C identifier. */
static bool choose_symbol(const w2n_options *o, cg_options *co, w2n_diags *d)
{
	const char *s = o->module_symbol;
	bool executable = o->output_kind == W2N_OUT_EXECUTABLE;
	if (!s) {
		co->descriptor_symbol =
		    executable || (o->output_kind != W2N_OUT_SHARED && !o->pic)
		        ? "w2n_main_module"
		        : "w2n_module";
		return true;
	}
	if (executable)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--module-symbol needs -c, -S, --emit-llvm or "
		                 "--shared");
	bool ok = s[0] != '\0' && strlen(s) < 128 &&
	          !(s[0] >= '0' && s[0] <= '9');
	for (const char *p = s; *p; p++)
		ok = ok && (*p == '_' || (*p >= 'a' && *p <= 'z') ||
		            (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'));
	if (!ok)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--module-symbol '%s' is not a C identifier", s);
	co->descriptor_symbol = s;
	return true;
}

static bool choose_target(const w2n_options *o, cg_options *co,
                          w2n_diags *d)
{
	co->target = o->target ? cg_target_find(o->target) : cg_target_host();
	if (!co->target)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "unknown target '%s' (see --help)",
		                 o->target ? o->target : "host");
	co->bounds = o->bounds >= 0 ? (uint32_t)o->bounds
	                            : co->target->default_bounds;
	if (co->bounds == W2N_RT_BOUNDS_GUARD && co->target->pointer_bits < 64)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--bounds-checks=guard needs a 64-bit target");
	co->cpu = o->cpu;
	co->features = o->features;
	co->opt_level = o->opt_level;
	co->partition_instrs = o->partition_size;
	co->pic = true;
	co->compiler_version = W2N_VERSION_STRING;
	if (!choose_symbol(o, co, d))
		return false;
	if (o->output_kind == W2N_OUT_EXECUTABLE && o->nwasi_items)
		co->main_config = join_items(o, &co->main_config_len);
	if (o->output_kind == W2N_OUT_EXECUTABLE)
		co->main_invoke = o->invoke;
	return true;
}

/* The exported function `name` of `m`, or NULL. */
static const ir_export *exported_func(const ir_module *m, const char *name)
{
	for (uint32_t i = 0; i < m->nexports; i++) {
		const ir_export *e = &m->exports[i];
		if (e->kind == IR_EXTERN_FUNC && e->name.len == strlen(name) &&
		    !memcmp(e->name.str, name, e->name.len))
			return e;
	}
	return NULL;
}

/* Whether every type in `types` is a number --invoke can read or print. */
static bool numeric_types(const ir_valtype *types, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (types[i] != IR_I32 && types[i] != IR_I64 &&
		    types[i] != IR_F32 && types[i] != IR_F64)
			return false;
	return true;
}

/*
 * A program needs an entry: _start (or main), or the export --invoke
 * names.  A module with neither is a library (a reactor such as
 * ruby.wasm): say so at compile time, not when the program runs.
 */
static bool check_entry(const w2n_options *o, const ir_module *m,
                        w2n_diags *d)
{
	if (o->output_kind != W2N_OUT_EXECUTABLE) {
		if (o->invoke)
			return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
			                 "--invoke makes a program: it does not "
			                 "go with -c, -S, --emit-llvm or --shared");
		return true;
	}
	if (!o->invoke) {
		if (exported_func(m, "_start") || exported_func(m, "main"))
			return true;
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_NO_ENTRY,
		                 "this module is a library "
		                 "(a reactor), not a program; compile it with "
		                 "--shared for the embedding API, or call one "
		                 "export with --invoke NAME");
	}
	const ir_export *e = exported_func(m, o->invoke);
	if (!e)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--invoke %s: no exported function %s",
		                 o->invoke, o->invoke);
	const ir_functype *t = ir_func_type(m, e->index);
	if (!numeric_types(t->params, t->nparams) ||
	    !numeric_types(t->results, t->nresults))
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--invoke %s: only functions of numbers "
		                 "(i32, i64, f32, f64) can be invoked",
		                 o->invoke);
	return true;
}

/*
 * How each function import is provided.  A program links what WASI, host
 * code or the unknown-import policy provides (host.c); a plugin or object
 * leaves imports to the embedder, unless a policy asks for stubs.
 */
static bool choose_imports(const w2n_options *o, const ir_module *m,
                           cg_options *co, uint8_t *policy,
                           w2n_host_link *host, w2n_diags *d)
{
	if (o->output_kind == W2N_OUT_EXECUTABLE) {
		if (!w2n_host_prepare(o, m, co->target, policy, host, d))
			return false;
		co->import_policy = policy;
		co->export_wrappers = o->nhost_inputs > 0;
		return true;
	}
	if (o->nhost_inputs)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "host code (%s) links into programs only",
		                 o->host_inputs[0]);
	return true;
}

/* Codegen into `tmp`, then link it when an executable is wanted. */
static bool produce(const w2n_options *o, const ir_module *m,
                    const cg_options *co, const uint8_t digest[32],
                    const w2n_host_link *host, char *const *slices,
                    size_t nslices, const char *tmp, w2n_diags *d)
{
	if (o->slice != UINT32_MAX)
		return w2n_build_slice(o, m, co, digest, tmp, d);
	if (o->output_kind == W2N_OUT_ASSEMBLY ||
	    o->output_kind == W2N_OUT_LLVM_IR) {
		double t0 = w2n_now();
		cg_stats st = {.threads = 1};
		bool ok = cg_compile(m, co, emit_kind(o->output_kind), tmp,
		                     st.cpu, d);
		for (int ph = 0; ph < CG_PHASES; ph++)
			st.slowest_cpu += st.cpu[ph];
		w2n_report_codegen(o, t0, 1, &st);
		return ok;
	}
	if (o->output_kind == W2N_OUT_OBJECT)
		return w2n_build_object(o, m, co, digest, slices, nslices, tmp,
		                        d);
	char obj[] = "/tmp/wasm2native-XXXXXX.o";
	int fd = mkstemps(obj, 2);
	if (fd < 0)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
		                 "temporary object: %s", strerror(errno));
	close(fd);
	bool ok = w2n_build_object(o, m, co, digest, slices, nslices, obj, d);
	phase_clock clock = {o->verbose, w2n_now()};
	if (o->output_kind == W2N_OUT_SHARED)
		ok = ok && link_shared(co->target, obj, tmp, d);
	else
		ok = ok && link_executable(o, co->target, obj, host, tmp, d);
	phase(&clock, "link");
	unlink(obj);
	return ok;
}

/* Moves the slice files among the host inputs of `o` to `slices`; `own`
 * gets the options without them. */
static size_t take_slice_inputs(const w2n_options *o, w2n_options *own,
                                char **slices)
{
	*own = *o;
	own->host_inputs = w2n_xmalloc((o->nhost_inputs + 1) *
	                               sizeof *own->host_inputs);
	own->nhost_inputs = 0;
	size_t n = 0;
	for (size_t i = 0; i < o->nhost_inputs; i++) {
		if (w2n_is_slice_file(o->host_inputs[i]))
			slices[n++] = o->host_inputs[i];
		else
			own->host_inputs[own->nhost_inputs++] =
				o->host_inputs[i];
	}
	return n;
}

/* --slice and --slices go with the outputs they make sense for. */
static bool check_slicing(const w2n_options *o, size_t nslices,
                          w2n_diags *d)
{
	if (o->slice != UINT32_MAX && o->output_kind != W2N_OUT_OBJECT)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--slice needs -c (a slice file is an input of"
		                 " the final build)");
	if (o->slices && o->slice == UINT32_MAX && nslices == 0)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--slices=N needs --slice=K, or slice files "
		                 "as inputs");
	if (nslices && o->output_kind != W2N_OUT_OBJECT &&
	    o->output_kind != W2N_OUT_EXECUTABLE &&
	    o->output_kind != W2N_OUT_SHARED)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "slice files make objects, programs and "
		                 "plugins, not -S or --emit-llvm");
	return true;
}

int w2n_compile(const w2n_options *given)
{
	w2n_options own;
	char **slices = w2n_xmalloc((given->nhost_inputs + 1) *
	                            sizeof *slices);
	size_t nslices = take_slice_inputs(given, &own, slices);
	const w2n_options *o = &own;
	w2n_diags d = {.file = o->input};
	cg_options co = {0};
	if (!check_slicing(o, nslices, &d) || !choose_target(o, &co, &d)) {
		free((char *)co.main_config);
		free(own.host_inputs);
		free(slices);
		return report(&d);
	}
	uint8_t digest[32];
	ir_module *m = load(o, &d, digest);
	if (!m) {
		free(own.host_inputs);
		free(slices);
		return report(&d);
	}
	co.input_sha256 = digest;
	w2n_host_link host = {0};
	uint8_t *policy = w2n_xmalloc(m->nfunc_imports + 1);
	char *out = o->output ? NULL : default_output(o);
	const char *path = o->output ? o->output : out;
	char *tmp = NULL;
	bool to_stdout = strcmp(path, "-") == 0;
	bool ok = check_entry(o, m, &d) &&
	          choose_imports(o, m, &co, policy, &host, &d);
	if (ok && to_stdout && o->depfile && !o->depfile_path)
		ok = w2n_error(&d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		               "-MD with -o - needs -MF FILE");
	ok = ok && (tmp = temp_beside(to_stdout ? P_tmpdir "/wasm2native-out"
	                                        : path, &d)) != NULL;
	ok = ok && produce(o, m, &co, digest, &host, slices, nslices, tmp, &d);
	if (ok && o->output_kind != W2N_OUT_OBJECT &&
	    o->output_kind != W2N_OUT_ASSEMBLY &&
	    o->output_kind != W2N_OUT_LLVM_IR)
		chmod(tmp, 0755);
	ok = ok && publish(tmp, path, &d);
	if (!ok && tmp)
		unlink(tmp);
	if (ok && o->depfile && !write_depfile(given, path, &d)) {
		if (!to_stdout)
			unlink(path); /* no output without its depfile */
		ok = false;
	}
	free(tmp);
	free(out);
	free(policy);
	w2n_host_link_free(&host);
	free((char *)co.main_config);
	free(own.host_inputs);
	free(slices);
	ir_module_free(m);
	if (!ok)
		return report(&d);
	w2n_diags_free(&d);
	return 0;
}

int w2n_emit_header_file(const w2n_options *o)
{
	w2n_diags d = {.file = o->input};
	uint8_t digest[32];
	ir_module *m = load(o, &d, digest);
	if (!m)
		return report(&d);
	FILE *f = o->output ? fopen(o->output, "w") : stdout;
	bool ok = f != NULL;
	if (ok) {
		w2n_emit_header(m, f);
		ok = (f == stdout ? fflush(f) : fclose(f)) == 0;
	}
	if (!ok)
		w2n_error(&d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE, "%s: %s",
		          o->output ? o->output : "stdout", strerror(errno));
	ir_module_free(m);
	if (!ok)
		return report(&d);
	w2n_diags_free(&d);
	return 0;
}

/* ---- wasm2native run ---- */

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
	uint8_t *b = read_input(path, &n, &ignored);
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
	const cg_target *t = o->target ? cg_target_find(o->target)
	                               : cg_target_host();
	if (!t)
		return;
	char root[4096], lib[4200];
	runtime_root(t, root, sizeof root);
	for (int i = 0; i < NARCHIVES; i++) {
		snprintf(lib, sizeof lib, "%s/%s", root, runtime_archives[i]);
		hash_file(s, lib);
	}
}

/* The cache key: the input's bytes, every option that changes the code,
 * and the compiler, LLVM and runtime that build it. */
static void cache_key(const w2n_options *o, const uint8_t *bytes, size_t len,
                      char key[65])
{
	char flags[512];
	snprintf(flags, sizeof flags, "%s|%s|%s|%s|O%u|b%d|u%d|%s|p%u",
	         W2N_VERSION_STRING, o->target ? o->target : "host",
	         o->cpu ? o->cpu : "", o->features ? o->features : "",
	         o->opt_level, o->bounds, o->unknown_imports,
	         o->invoke ? o->invoke : "", o->partition_size);
	w2n_sha256 s;
	uint8_t d[32];
	w2n_sha256_init(&s);
	w2n_sha256_update(&s, flags, strlen(flags) + 1);
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

int w2n_run(const w2n_options *o)
{
	w2n_diags d = {.file = o->input};
	size_t len;
	char dir[4096], path[4200], key[65];
	uint8_t *bytes = read_input(o->input, &len, &d);
	if (!bytes)
		return report(&d);
	cache_key(o, bytes, len, key);
	free(bytes);
	if (!cache_dir(dir, sizeof dir)) {
		w2n_error(&d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
		          "cache directory %s: %s", dir, strerror(errno));
		return report(&d);
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
	return report(&d);
}
