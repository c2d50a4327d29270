/*
 * options.c - command-line parsing from the option table.
 */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "codegen.h"
#include "w2n_rt.h"

typedef enum option_id {
#define W2N_OPTION(id, spelling, arg, value, help) OPT_##id,
#include "options.def"
#undef W2N_OPTION
	OPT_COUNT
} option_id;

enum { ARG_NONE, ARG_VALUE };

typedef struct option_info {
	const char *spelling;
	int arg;
	const char *value;
	const char *help;
} option_info;

static const option_info options[OPT_COUNT] = {
#define W2N_OPTION(id, spelling, arg, value, help)                             \
	[OPT_##id] = {spelling, ARG_##arg, value, help},
#include "options.def"
#undef W2N_OPTION
};

/* The --target list, from the target table (runtime/targets.def). */
static void print_targets(void)
{
	printf("\ntargets (--target): default CPU and bounds checks\n");
	for (const cg_target *const *t = cg_targets(); *t; t++)
		printf("  %-26s %s, %s%s\n", (*t)->triple, (*t)->cpu,
		       (*t)->default_bounds == W2N_RT_BOUNDS_GUARD
		           ? "guard pages"
		           : "explicit bounds checks",
		       *t == cg_target_host() ? " (this machine)" : "");
}

void w2n_print_help(void)
{
	printf("usage: wasm2native [options] INPUT.wasm\n"
	       "       wasm2native run [options] INPUT.wasm [ARGS...]\n\n"
	       "Compiles a WebAssembly module to a native executable (or, with"
	       "\n-c/-S/--emit-llvm/--shared, an object, assembly, LLVM IR or"
	       " a\nplugin).  `run` compiles (cached) and runs the program "
	       "with ARGS.\n\noptions:\n");
	for (int i = 0; i < OPT_COUNT; i++) {
		const option_info *p = &options[i];
		char left[64];
		bool is_long = p->spelling[1] == '-';
		snprintf(left, sizeof left, "%s%s%s", p->spelling,
		         p->arg == ARG_NONE ? ""
		         : is_long          ? "="
		                            : " ",
		         p->value);
		printf("  %-26s %s\n", left, p->help);
	}
	print_targets();
}

/* A command-line error, recorded as every other error is. */
static bool fail(w2n_diags *d, const char *fmt, const char *a, const char *b)
{
	char detail[512];
	snprintf(detail, sizeof detail, fmt, a, b);
	return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE, "%s", detail);
}

/* Matches `arg` against option `p`; sets *value for options that take
 * one, consuming the next argument when it is separate. */
static bool match(const option_info *p, int argc, char **argv, int *i,
                  const char **value, bool *missing)
{
	const char *arg = argv[*i];
	size_t n = strlen(p->spelling);
	*missing = false;
	if (strncmp(arg, p->spelling, n) != 0)
		return false;
	if (p->arg == ARG_NONE)
		return arg[n] == '\0';
	bool is_long = p->spelling[1] == '-';
	if (arg[n] == '=' && is_long)
		*value = arg + n + 1;
	else if (arg[n] != '\0' && !is_long)
		*value = arg + n;
	else if (arg[n] != '\0')
		return false;
	else if (*i + 1 < argc)
		*value = argv[++*i];
	else
		*missing = true;
	return true;
}

static bool parse_opt_level(w2n_options *o, const char *v, w2n_diags *d)
{
	if (strlen(v) != 1 || v[0] < '0' || v[0] > '3')
		return fail(d, "invalid optimisation level '-O%s' (0 to 3)", v,
		            "");
	o->opt_level = (unsigned)(v[0] - '0');
	return true;
}

static bool parse_bounds(w2n_options *o, const char *v, w2n_diags *d)
{
	if (strcmp(v, "guard") == 0)
		o->bounds = W2N_RT_BOUNDS_GUARD;
	else if (strcmp(v, "explicit") == 0)
		o->bounds = W2N_RT_BOUNDS_EXPLICIT;
	else
		return fail(d,
		            "invalid --bounds-checks '%s' (guard or explicit)",
		            v, "");
	return true;
}

static bool parse_interruptible(w2n_options *o, const char *v, w2n_diags *d)
{
	if (strcmp(v, "epoch") == 0)
		o->interruptible = W2N_RT_INTERRUPT_EPOCH;
	else if (strcmp(v, "fuel") == 0)
		o->interruptible = W2N_RT_INTERRUPT_FUEL;
	else if (strcmp(v, "none") == 0)
		o->interruptible = W2N_RT_INTERRUPT_NONE;
	else
		return fail(d, "invalid --interruptible '%s' (epoch or fuel)",
		            v, "");
	return true;
}

/* A decimal number in [min, max] for option `name`. */
static bool parse_count(const char *name, const char *v, uint32_t min,
                        uint32_t max, uint32_t *out, w2n_diags *d)
{
	char *end;
	unsigned long n = strtoul(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end || n < min || n > max) {
		char range[48];
		snprintf(range, sizeof range, "%s: %u to %u", v, min, max);
		return fail(d, "invalid %s value %s", name, range);
	}
	*out = (uint32_t)n;
	return true;
}

/* Keeps a WASI item as "--dir=V" or "--env=V", the form the runtime
 * reads (wasi-libc-shim/README.md). */
static bool add_wasi_item(w2n_options *o, const char *prefix, const char *v)
{
	size_t n = strlen(prefix) + strlen(v) + 1;
	char *item = w2n_xmalloc(n);
	snprintf(item, n, "%s%s", prefix, v);
	o->wasi_items = w2n_xrealloc(o->wasi_items, (o->nwasi_items + 1) *
	                                                sizeof *o->wasi_items);
	o->wasi_items[o->nwasi_items++] = item;
	return true;
}

/* Appends a copy of `a` (and `b` when not NULL, as one "ab" string). */
static void add_arg(char ***list, size_t *n, const char *a, const char *b)
{
	size_t len = strlen(a) + (b ? strlen(b) : 0) + 1;
	char *s = w2n_xmalloc(len);
	snprintf(s, len, "%s%s", a, b ? b : "");
	*list = w2n_xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = s;
}

static bool parse_dump(w2n_options *o, const char *v, w2n_diags *d)
{
	for (const char *p = v; *p; p++) {
		switch (*p) {
		case 'i': o->dump_ir = true; break;
		case 'l': o->dump_llvm = true; break;
		case 'c': o->check_ir = true; break;
		default:
			return fail(d,
			            "-d %s: unknown stage letter (see --help)",
			            v, "");
		}
	}
	return true;
}

static bool apply(w2n_options *o, option_id id, const char *v, w2n_diags *d)
{
	switch (id) {
	case OPT_INCLUDE_DIR:
		add_arg(&o->compile_args, &o->ncompile_args, "-I", v);
		return true;
	case OPT_LIBRARY_DIR:
		add_arg(&o->link_args, &o->nlink_args, "-L", v);
		return true;
	case OPT_LIBRARY:
		add_arg(&o->link_args, &o->nlink_args, "-l", v);
		return true;
	case OPT_TRAP_UNKNOWN:
		o->unknown_imports = W2N_UNKNOWN_TRAP;
		return true;
	case OPT_ZERO_UNKNOWN:
		o->unknown_imports = W2N_UNKNOWN_ZEROS;
		return true;
	case OPT_EMIT_HEADER: o->action = W2N_ACTION_EMIT_HEADER; return true;
	case OPT_TIMEOUT:
		if (o->interruptible == W2N_RT_INTERRUPT_NONE)
			o->interruptible = W2N_RT_INTERRUPT_EPOCH;
		return add_wasi_item(o, "--timeout=", v);
	case OPT_FUEL:
		if (o->interruptible == W2N_RT_INTERRUPT_NONE)
			o->interruptible = W2N_RT_INTERRUPT_FUEL;
		return add_wasi_item(o, "--fuel=", v);
	case OPT_MAX_MEMORY: return add_wasi_item(o, "--max-memory=", v);
	case OPT_MAX_TABLE: return add_wasi_item(o, "--max-table=", v);
	case OPT_MAX_STACK: return add_wasi_item(o, "--max-stack=", v);
	case OPT_DIR: return add_wasi_item(o, "--dir=", v);
	case OPT_ENV: return add_wasi_item(o, "--env=", v);
	case OPT_OUTPUT: o->output = v; return true;
	case OPT_DEPS: o->depfile = true; return true;
	case OPT_DEPFILE:
		o->depfile = true;
		o->depfile_path = v;
		return true;
	case OPT_COMPILE: o->output_kind = W2N_OUT_OBJECT; return true;
	case OPT_ASSEMBLY: o->output_kind = W2N_OUT_ASSEMBLY; return true;
	case OPT_EMIT_LLVM: o->output_kind = W2N_OUT_LLVM_IR; return true;
	case OPT_SHARED: o->output_kind = W2N_OUT_SHARED; return true;
	case OPT_PIC: o->pic = true; return true;
	case OPT_MODULE_SYMBOL: o->module_symbol = v; return true;
	case OPT_INSPECT: o->action = W2N_ACTION_INSPECT; return true;
	case OPT_OPT: return parse_opt_level(o, v, d);
	case OPT_DEBUG: o->debug_info = true; return true;
	case OPT_NO_LINE_TABLE: o->no_line_table = true; return true;
	case OPT_DEBUG_OFFSETS: o->debug_offsets = true; return true;
	case OPT_KEEP_MEMORY_ROUTINES:
		o->keep_memory_routines = true;
		return true;
	case OPT_TARGET: o->target = v; return true;
	case OPT_CPU: o->cpu = v; return true;
	case OPT_FEATURES: o->features = v; return true;
	case OPT_BOUNDS: return parse_bounds(o, v, d);
	case OPT_INTERRUPTIBLE: return parse_interruptible(o, v, d);
	case OPT_INVOKE: o->invoke = v; return true;
	case OPT_VALIDATE: o->action = W2N_ACTION_VALIDATE; return true;
	case OPT_VERBOSE: o->verbose = true; return true;
	case OPT_DUMP: return parse_dump(o, v, d);
	case OPT_JOBS: return parse_count("-j", v, 1, 1024, &o->jobs, d);
	case OPT_PARTITION_SIZE:
		return parse_count("--partition-size", v, 1000, 100000000,
		                   &o->partition_size, d);
	case OPT_SLICES:
		return parse_count("--slices", v, 1, 65536, &o->slices, d);
	case OPT_SLICE:
		return parse_count("--slice", v, 0, 65535, &o->slice, d);
	case OPT_HELP: o->action = W2N_ACTION_HELP; return true;
	case OPT_VERSION: o->action = W2N_ACTION_VERSION; return true;
	case OPT_COUNT: break;
	}
	return false;
}

static bool parse_option(w2n_options *o, int argc, char **argv, int *i,
                         w2n_diags *d)
{
	for (int id = 0; id < OPT_COUNT; id++) {
		const char *value = NULL;
		bool missing;
		if (!match(&options[id], argc, argv, i, &value, &missing))
			continue;
		if (missing)
			return fail(d, "option '%s' needs a value (%s)",
			            options[id].spelling, options[id].value);
		return apply(o, (option_id)id, value, d);
	}
	return fail(d, "unknown option '%s' (see --help)", argv[*i], "");
}

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* Whether `path` names host code (C source, object or archive). */
static bool is_host_input(const char *path)
{
	size_t n = strlen(path);
	return n > 2 && path[n - 2] == '.' &&
	       (path[n - 1] == 'c' || path[n - 1] == 'o' || path[n - 1] == 'a');
}

void w2n_free_options(w2n_options *o)
{
	free_list(o->host_inputs, o->nhost_inputs);
	free_list(o->compile_args, o->ncompile_args);
	free_list(o->link_args, o->nlink_args);
	o->host_inputs = o->compile_args = o->link_args = NULL;
	o->nhost_inputs = o->ncompile_args = o->nlink_args = 0;
	for (size_t i = 0; i < o->nwasi_items; i++)
		free(o->wasi_items[i]);
	free(o->wasi_items);
	o->wasi_items = NULL;
	o->nwasi_items = 0;
}

bool w2n_parse_options(int argc, char **argv, w2n_options *o, w2n_diags *d)
{
	memset(o, 0, sizeof *o);
	o->opt_level = 2;
	o->bounds = -1;
	o->slice = UINT32_MAX;
	int first = 1;
	if (argc > 1 && strcmp(argv[1], "run") == 0) {
		o->action = W2N_ACTION_RUN;
		first = 2;
	}
	for (int i = first; i < argc; i++) {
		const char *arg = argv[i];
		if (arg[0] == '-' && arg[1] != '\0') {
			if (!parse_option(o, argc, argv, &i, d))
				return false;
		} else if (is_host_input(arg)) {
			add_arg(&o->host_inputs, &o->nhost_inputs, arg, NULL);
		} else if (o->input) {
			return fail(d,
			            "more than one input module ('%s' and "
			            "'%s')",
			            o->input, arg);
		} else {
			o->input = arg;
			if (o->action == W2N_ACTION_RUN) {
				/* Everything after the module is its own. */
				o->prog_argv = argv + i + 1;
				o->prog_argc = argc - i - 1;
				break;
			}
		}
	}
	if (o->action == W2N_ACTION_HELP || o->action == W2N_ACTION_VERSION)
		return true;
	/* --inspect reads any file, objects too. */
	if (o->action == W2N_ACTION_INSPECT && !o->input &&
	    o->nhost_inputs == 1)
		o->input = o->host_inputs[0];
	if (!o->input)
		return fail(d, "no input file (see --help)%s%s", "", "");
	return true;
}
