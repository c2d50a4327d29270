/*
 * compile.c - the driver's pipeline, a straight list of stage calls:
 * load (input.c: read, decode, validate) -> codegen (parts.c) -> link
 * (link.c), into an atomic output (output.c).  What is here decides what
 * the stages are asked for: target, descriptor symbol, entry, imports.
 */
#include "compile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "codegen.h"
#include "frontend.h"
#include "host.h"
#include "input.h"
#include "link.h"
#include "output.h"
#include "parts.h"
#include "report.h"
#include "w2n_rt.h"

int w2n_validate(const w2n_options *o)
{
	w2n_diags d = {.file = o->input};
	uint8_t digest[32];
	ir_module *m = w2n_load(o, &d, digest);
	if (!m)
		return w2n_report(&d);
	ir_module_free(m);
	w2n_diags_free(&d);
	return 0;
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

/* The descriptor's symbol: what wasi-libc-shim/main.c links for
 * executables, w2n_module for plugins and host objects unless
 * --module-symbol names another C identifier. */
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
	bool ok =
	    s[0] != '\0' && strlen(s) < 128 && !(s[0] >= '0' && s[0] <= '9');
	for (const char *p = s; *p; p++)
		ok = ok &&
		     (*p == '_' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'));
	if (!ok)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--module-symbol '%s' is not a C identifier",
		                 s);
	co->descriptor_symbol = s;
	return true;
}

static bool choose_target(const w2n_options *o, cg_options *co, w2n_diags *d)
{
	co->target = o->target ? cg_target_find(o->target) : cg_target_host();
	if (!co->target)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "unknown target '%s' (see --help)",
		                 o->target ? o->target : "host");
	co->bounds =
	    o->bounds >= 0 ? (uint32_t)o->bounds : co->target->default_bounds;
	if (co->bounds == W2N_RT_BOUNDS_GUARD && co->target->pointer_bits < 64)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--bounds-checks=guard needs a 64-bit target");
	co->interruptible = o->interruptible;
	co->cpu = o->cpu;
	co->features = o->features;
	co->opt_level = o->opt_level;
	co->debug_file = o->debug_info || !o->no_line_table ? o->input : NULL;
	co->debug_full = o->debug_info;
	co->keep_memory_routines = o->keep_memory_routines;
	co->dump_llvm = o->dump_llvm;
	co->partition_instrs = o->partition_size;
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
static bool check_entry(const w2n_options *o, const ir_module *m, w2n_diags *d)
{
	if (o->output_kind != W2N_OUT_EXECUTABLE) {
		if (o->invoke)
			return w2n_error(
			    d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
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
                           cg_options *co, uint8_t *policy, w2n_host_link *host,
                           w2n_diags *d)
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
	w2n_phase_clock clock = {o->verbose, w2n_now()};
	if (o->output_kind == W2N_OUT_SHARED)
		ok = ok && w2n_link_shared(co->target, obj, tmp, d);
	else
		ok =
		    ok && w2n_link_executable(o, co->target, obj, host, tmp, d);
	w2n_phase(&clock, "link");
	unlink(obj);
	return ok;
}

/* Moves the slice files among the host inputs of `o` to `slices`; `own`
 * gets the options without them. */
static size_t take_slice_inputs(const w2n_options *o, w2n_options *own,
                                char **slices)
{
	*own = *o;
	own->host_inputs =
	    w2n_xmalloc((o->nhost_inputs + 1) * sizeof *own->host_inputs);
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
static bool check_slicing(const w2n_options *o, size_t nslices, w2n_diags *d)
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
	char **slices = w2n_xmalloc((given->nhost_inputs + 1) * sizeof *slices);
	size_t nslices = take_slice_inputs(given, &own, slices);
	const w2n_options *o = &own;
	w2n_diags d = {.file = o->input};
	cg_options co = {0};
	if (!check_slicing(o, nslices, &d) || !choose_target(o, &co, &d)) {
		free((char *)co.main_config);
		free(own.host_inputs);
		free(slices);
		return w2n_report(&d);
	}
	uint8_t digest[32];
	ir_module *m = w2n_load(o, &d, digest);
	if (!m) {
		free(own.host_inputs);
		free(slices);
		return w2n_report(&d);
	}
	co.input_sha256 = digest;
	/* -g maps through the module's own source lines when it has them. */
	ir_source_lines lines = {0};
	if (o->debug_info && !o->debug_offsets &&
	    ir_source_lines_read(m, &lines))
		co.source_lines = &lines;
	w2n_host_link host = {0};
	uint8_t *policy = w2n_xmalloc(m->nfunc_imports + 1);
	char *out = o->output ? NULL : w2n_default_output(o);
	const char *path = o->output ? o->output : out;
	char *tmp = NULL;
	bool to_stdout = strcmp(path, "-") == 0;
	bool ok = check_entry(o, m, &d) &&
	          choose_imports(o, m, &co, policy, &host, &d);
	if (ok && to_stdout && o->depfile && !o->depfile_path)
		ok = w2n_error(&d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		               "-MD with -o - needs -MF FILE");
	ok = ok &&
	     (tmp = w2n_temp_beside(
	          to_stdout ? P_tmpdir "/wasm2native-out" : path, &d)) != NULL;
	ok = ok && produce(o, m, &co, digest, &host, slices, nslices, tmp, &d);
	if (ok && o->output_kind != W2N_OUT_OBJECT &&
	    o->output_kind != W2N_OUT_ASSEMBLY &&
	    o->output_kind != W2N_OUT_LLVM_IR)
		chmod(tmp, 0755);
	ok = ok && w2n_publish(tmp, path, &d);
	if (!ok && tmp)
		unlink(tmp);
	if (ok && o->depfile && !w2n_write_depfile(given, path, &d)) {
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
	ir_source_lines_free(&lines);
	ir_module_free(m);
	if (!ok)
		return w2n_report(&d);
	w2n_diags_free(&d);
	return 0;
}

int w2n_emit_header_file(const w2n_options *o)
{
	w2n_diags d = {.file = o->input};
	uint8_t digest[32];
	ir_module *m = w2n_load(o, &d, digest);
	if (!m)
		return w2n_report(&d);
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
		return w2n_report(&d);
	w2n_diags_free(&d);
	return 0;
}
