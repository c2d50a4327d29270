/*
 * spec_runner.c - runs one wast2json command list against wasm2native
 * through the public embedding API only (include/wasm2native.h): each
 * module is compiled to a plugin (--shared) and loaded with
 * w2n_module_load; one import set holds the standard "spectest" host
 * module (host functions, globals, a table and a memory) and every
 * registered instance; actions go through w2n_call and w2n_global_get.
 *
 * usage: spec_runner --compiler PATH --bounds guard|explicit --work DIR
 *                    [--target TRIPLE] [--name NAME] [--valid FILE]
 *                    [--modules DIR] [--verbose] SCRIPT.json
 * --target is passed to the compiler: a runner built for another target
 * (under qemu-user) runs plugins compiled for its own.  --name is what
 * messages call the script (default: the JSON's source_filename).
 * --valid names a file of NAME:LINE lines (tests/spec/superseded.txt): the
 * assert_invalid and assert_malformed commands at those lines of this
 * script, whose module Wasm 3.0 makes valid, must validate instead.
 * --modules names the folder of the script's module files (default: the
 * script's own).
 * Prints each failure as `FAIL script:LINE: command: reason` and finally
 * `spec-script NAME: P passed, F failed, N not applicable`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "json.h"
#include "spec_values.h"
#include "wasm2native.h"

typedef struct loaded {
	char *name; /* "$M", or NULL */
	w2n_instance *inst;
	w2n_module *definition; /* a `module definition`, not instantiated */
} loaded;

typedef struct runner {
	const char *compiler, *bounds, *work, *dir, *script;
	const char *target; /* --target=TRIPLE for the compiler, or NULL */
	bool verbose;
	int passed, failed, not_applicable;
	loaded *mods;
	size_t nmods;
	w2n_instance *current;
	w2n_module **modules; /* every module loaded */
	size_t nmodules;
	/* spectest and the registered instances. */
	w2n_imports *imports;
	/* --valid: lines of this script whose module Wasm 3.0 makes valid */
	const char *valid_file;
	int *valid_lines;
	size_t nvalid_lines;
} runner;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort();
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d)
		abort();
	return d;
}

static void result(runner *r, int line, const char *type, bool ok,
                   const char *why)
{
	if (ok) {
		r->passed++;
		return;
	}
	r->failed++;
	printf("FAIL %s:%d: %s: %s\n", r->script, line, type, why);
}

/* ---- compiling and loading ---- */

/* Runs argv and returns its exit status; its stderr's first line goes to
 * `diag` (n bytes), the rest is dropped. */
static int run(char *const argv[], char *diag, size_t n)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	FILE *err = fdopen(fds[0], "r");
	diag[0] = '\0';
	if (err && fgets(diag, (int)n, err))
		diag[strcspn(diag, "\n")] = '\0';
	char rest[512];
	while (err && fgets(rest, sizeof rest, err))
		;
	err ? fclose(err) : close(fds[0]);
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void module_path(runner *r, const char *file, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", r->dir, file);
}

/* Compiles `file` to a plugin and loads it; NULL with `why` on
 * failure. */
static w2n_module *compile_and_load(runner *r, const char *file, char *why,
                                    size_t n)
{
	char in[4096], out[4096], bounds[64], target[128];
	module_path(r, file, in, sizeof in);
	snprintf(out, sizeof out, "%s/%s.%s.so", r->work, file, r->bounds);
	snprintf(bounds, sizeof bounds, "--bounds-checks=%s", r->bounds);
	if (r->target)
		snprintf(target, sizeof target, "--target=%s", r->target);
	char *argv[] = {
	    (char *)r->compiler,       "--shared", bounds, in, "-o", out,
	    r->target ? target : NULL, NULL};
	char diag[300];
	int status = run(argv, diag, sizeof diag);
	if (status != 0) {
		snprintf(why, n, "wasm2native exited with %d: %s", status,
		         diag);
		return NULL;
	}
	w2n_error err;
	w2n_module *m = w2n_module_load(out, &err);
	if (!m) {
		snprintf(why, n, "w2n_module_load: %s", err.message);
		return NULL;
	}
	r->modules =
	    xrealloc(r->modules, (r->nmodules + 1) * sizeof *r->modules);
	r->modules[r->nmodules++] = m;
	return m;
}

/* ---- the spectest host module ---- */

static int spectest_print(void *env, w2n_instance *caller,
                          const w2n_value *args, w2n_value *results)
{
	(void)env;
	(void)caller;
	(void)args;
	(void)results;
	return 0;
}

static bool add_spectest_funcs(runner *r, w2n_error *err)
{
	/* i = i32, I = i64, f = f32, F = f64 */
	static const struct {
		const char *name, *params;
	} funcs[] = {
	    {"print", ""},           {"print_i32", "i"},
	    {"print_i64", "I"},      {"print_f32", "f"},
	    {"print_f64", "F"},      {"print_i32_f32", "if"},
	    {"print_f64_f64", "FF"},
	};
	for (size_t i = 0; i < sizeof funcs / sizeof *funcs; i++) {
		w2n_valtype params[4];
		uint32_t np = (uint32_t)strlen(funcs[i].params);
		for (uint32_t k = 0; k < np; k++) {
			char c = funcs[i].params[k];
			params[k] = c == 'i'   ? W2N_I32
			            : c == 'I' ? W2N_I64
			            : c == 'f' ? W2N_F32
			                       : W2N_F64;
		}
		w2n_functype type = {np, 0, params, NULL};
		if (!w2n_imports_add_func(r->imports, "spectest", funcs[i].name,
		                          &type, spectest_print, NULL, err))
			return false;
	}
	return true;
}

static bool add_spectest_globals(runner *r, w2n_error *err)
{
	static const char *const names[] = {"global_i32", "global_i64",
	                                    "global_f32", "global_f64"};
	w2n_value values[] = {w2n_i32(666), w2n_i64(666), w2n_f32(666.6f),
	                      w2n_f64(666.6)};
	for (size_t i = 0; i < 4; i++) {
		w2n_global *g = w2n_global_new(&values[i], false, err);
		bool ok = g && w2n_imports_add_global(r->imports, "spectest",
		                                      names[i], g, err);
		w2n_global_free(g); /* the import set holds it */
		if (!ok)
			return false;
	}
	return true;
}

/* spectest's table `name` of 10..20 funcrefs, 64-bit when `addr64`. */
static bool add_spectest_table(runner *r, const char *name, bool addr64,
                               w2n_error *err)
{
	w2n_limits limits = {10, 20, true, addr64, false};
	w2n_table *t = w2n_table_new(W2N_FUNCREF, &limits, err);
	bool ok =
	    t && w2n_imports_add_table(r->imports, "spectest", name, t, err);
	w2n_table_free(t);
	return ok;
}

/* spectest's memory `name` of 1..2 pages, shared when `shared`. */
static bool add_spectest_memory(runner *r, const char *name, bool shared,
                                w2n_bounds bounds, w2n_error *err)
{
	w2n_limits limits = {1, 2, true, false, shared};
	w2n_memory *mem = w2n_memory_new(&limits, bounds, err);
	bool ok = mem && w2n_imports_add_memory(r->imports, "spectest", name,
	                                        mem, err);
	w2n_memory_free(mem);
	return ok;
}

/* The spectest module: print functions, globals, tables of 10..20
 * funcrefs ("table", and "table64" of 3.0) and a memory of 1..2 pages for
 * this run's strategy, and a shared one ("shared_memory", threads). */
static bool add_spectest(runner *r, w2n_error *err)
{
	w2n_bounds bounds = strcmp(r->bounds, "explicit") == 0
	                        ? W2N_BOUNDS_EXPLICIT
	                        : W2N_BOUNDS_GUARD;
	bool ok = add_spectest_table(r, "table", false, err) &&
	          add_spectest_table(r, "table64", true, err) &&
	          add_spectest_memory(r, "memory", false, bounds, err) &&
	          add_spectest_memory(r, "shared_memory", true, bounds, err);
	return ok && add_spectest_funcs(r, err) && add_spectest_globals(r, err);
}

/* ---- modules ---- */

static loaded *find_module(runner *r, const char *name)
{
	for (size_t i = r->nmods; i-- > 0;)
		if (r->mods[i].name && strcmp(r->mods[i].name, name) == 0)
			return &r->mods[i];
	return NULL;
}

static void add_module(runner *r, const char *name, w2n_instance *inst)
{
	r->mods = xrealloc(r->mods, (r->nmods + 1) * sizeof *r->mods);
	r->mods[r->nmods].name = name ? xstrdup(name) : NULL;
	r->mods[r->nmods].inst = inst;
	r->mods[r->nmods].definition = NULL;
	r->nmods++;
}

/* Instantiates `m` (NULL: it failed to load, `why` says why) as the
 * current instance, named `name`; the result of command `what`. */
static void instantiate_as(runner *r, w2n_module *m, const char *name, int line,
                           const char *what, char *why, size_t n)
{
	w2n_instance *inst = NULL;
	w2n_error err;
	if (m && !(inst = w2n_instantiate(m, r->imports, &err)))
		snprintf(why, n, "instantiation failed: %s", err.message);
	r->current = inst;
	add_module(r, name, inst);
	result(r, line, what, inst != NULL, why);
}

static void cmd_module(runner *r, const json *c, int line)
{
	char why[512] = "";
	const char *file = json_str(c, "filename");
	w2n_module *m = compile_and_load(r, file, why, sizeof why);
	const char *definition = json_str(c, "definition");
	if (definition && strcmp(definition, "true") == 0) {
		/* `module definition` (3.0): compiled and loaded, instantiated
		 * by `module instance` commands only. */
		add_module(r, json_str(c, "name"), NULL);
		r->mods[r->nmods - 1].definition = m;
		result(r, line, "module definition", m != NULL, why);
		return;
	}
	instantiate_as(r, m, json_str(c, "name"), line, "module", why,
	               sizeof why);
}

/* The module definition `name` names, or the last one. */
static w2n_module *find_definition(runner *r, const char *name)
{
	for (size_t i = r->nmods; i-- > 0;)
		if (r->mods[i].definition &&
		    (!name ||
		     (r->mods[i].name && strcmp(r->mods[i].name, name) == 0)))
			return r->mods[i].definition;
	return NULL;
}

/* `module instance $I $M` (3.0): a new instance of a module definition.
 * wabt 1.0.41 cannot convert it; run_spec.py takes it back from the
 * .wast source as {"type": "module_instance", "instance", "module"}. */
static void cmd_module_instance(runner *r, const json *c, int line)
{
	char why[512] = "no such module definition";
	instantiate_as(r, find_definition(r, json_str(c, "module")),
	               json_str(c, "instance"), line, "module instance", why,
	               sizeof why);
}

static void cmd_register(runner *r, const json *c, int line)
{
	const char *name = json_str(c, "name");
	w2n_instance *inst = r->current;
	if (name) {
		loaded *l = find_module(r, name);
		inst = l ? l->inst : NULL;
	}
	w2n_error err;
	if (!inst) {
		result(r, line, "register", false, "no such module");
		return;
	}
	/* A register command counts like any other, so that the totals
	 * cover every command of the script. */
	bool ok =
	    w2n_imports_add_instance(r->imports, json_str(c, "as"), inst, &err);
	result(r, line, "register", ok, ok ? "" : err.message);
}

/* Compiling must fail (exit 1, no crash). */
static void cmd_rejected(runner *r, const json *c, int line, const char *type)
{
	const char *mtype = json_str(c, "module_type");
	if (mtype && strcmp(mtype, "binary") != 0) {
		r->not_applicable++;
		return;
	}
	char in[4096];
	module_path(r, json_str(c, "filename"), in, sizeof in);
	char *argv[] = {(char *)r->compiler, "--validate", in, NULL};
	char diag[300];
	int status = run(argv, diag, sizeof diag);
	char why[64];
	snprintf(why, sizeof why, "wasm2native exited with %d, not 1", status);
	result(r, line, type, status == 1, why);
}

/* A 2.0 command that Wasm 3.0 reverses (superseded.txt): the module must
 * validate. */
static void cmd_superseded(runner *r, const json *c, int line)
{
	char in[4096];
	module_path(r, json_str(c, "filename"), in, sizeof in);
	char *argv[] = {(char *)r->compiler, "--validate", in, NULL};
	char diag[300];
	int status = run(argv, diag, sizeof diag);
	char why[400];
	snprintf(why, sizeof why, "valid in Wasm 3.0, but exit %d: %s", status,
	         diag);
	result(r, line, "superseded", status == 0, why);
}

static bool superseded(const runner *r, int line)
{
	for (size_t i = 0; i < r->nvalid_lines; i++)
		if (r->valid_lines[i] == line)
			return true;
	return false;
}

/* The lines of this script that --valid's file lists as SCRIPT:LINE. */
static void load_valid_lines(runner *r)
{
	FILE *f = r->valid_file ? fopen(r->valid_file, "r") : NULL;
	char text[512], name[256];
	int line;
	while (f && fgets(text, sizeof text, f)) {
		char *word = text[0] == '#' ? NULL : strtok(text, " \t\n");
		char *colon = word ? strrchr(word, ':') : NULL;
		if (!colon || sscanf(colon + 1, "%d", &line) != 1)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(colon - word), word);
		if (strcmp(name, r->script) != 0)
			continue;
		r->valid_lines = xrealloc(r->valid_lines,
		                          (r->nvalid_lines + 1) * sizeof(int));
		r->valid_lines[r->nvalid_lines++] = line;
	}
	if (f)
		fclose(f);
}

/* Compiles and instantiates; linking (or, for uninstantiable, a trap)
 * must fail. */
static void cmd_not_instantiable(runner *r, const json *c, int line,
                                 bool want_trap)
{
	const char *type =
	    want_trap ? "assert_uninstantiable" : "assert_unlinkable";
	char why[512] = "";
	w2n_module *m =
	    compile_and_load(r, json_str(c, "filename"), why, sizeof why);
	if (!m) {
		result(r, line, type, false, why);
		return;
	}
	w2n_error err;
	w2n_instance *inst = w2n_instantiate(m, r->imports, &err);
	bool trapped = !inst && err.kind == W2N_ERROR_TRAP;
	bool ok = !inst && trapped == want_trap &&
	          (want_trap || err.kind == W2N_ERROR_LINK);
	snprintf(why, sizeof why, "%s", inst ? "instantiated" : err.message);
	if (inst)
		add_module(r, NULL, inst);
	result(r, line, type, ok, why);
}

/* ---- actions ---- */

typedef struct outcome {
	bool ok;       /* the action ran (no trap, no setup error) */
	w2n_error err; /* when it did not */
	char why[512]; /* when it could not run */
	w2n_value vals[64];
	uint32_t nresults;
} outcome;

static w2n_instance *action_instance(runner *r, const json *action)
{
	const char *name = json_str(action, "module");
	if (!name)
		return r->current;
	loaded *l = find_module(r, name);
	return l ? l->inst : NULL;
}

static bool invoke(w2n_instance *inst, uint32_t index, const w2n_functype *t,
                   const json *args, outcome *o)
{
	w2n_value in[64];
	if (!args || args->n != t->nparams || t->nparams > 64 ||
	    t->nresults > 64)
		return snprintf(o->why, sizeof o->why, "bad arguments"), false;
	for (size_t i = 0; i < args->n; i++)
		if (!spec_parse_value(args->items[i], &in[i]))
			return snprintf(o->why, sizeof o->why, "bad argument"),
			       false;
	o->nresults = t->nresults;
	if (w2n_call_export_index(inst, index, in, args->n, o->vals,
	                          t->nresults, &o->err))
		return true;
	bool trap = o->err.kind == W2N_ERROR_TRAP;
	snprintf(o->why, sizeof o->why, "%s: %s", trap ? "trap" : "error",
	         o->err.message);
	return false;
}

static bool get_global(w2n_instance *inst, uint32_t index, outcome *o)
{
	o->nresults = 1;
	if (!w2n_global_get_export_index(inst, index, &o->vals[0], &o->err))
		return snprintf(o->why, sizeof o->why, "%s", o->err.message),
		       false;
	return true;
}

/* Performs an invoke or get action. */
static void perform(runner *r, const json *action, outcome *o)
{
	memset(o, 0, sizeof *o);
	w2n_instance *inst = action_instance(r, action);
	const json *field = json_get_string(action, "field");
	const char *type = json_str(action, "type");
	if (!inst) {
		snprintf(o->why, sizeof o->why, "no module instance");
		return;
	}
	const w2n_module *m = w2n_instance_module(inst);
	bool is_get = type && strcmp(type, "get") == 0;
	w2n_extern_kind want = is_get ? W2N_EXTERN_GLOBAL : W2N_EXTERN_FUNC;
	uint32_t index;
	w2n_export_desc e;
	if (!field ||
	    !w2n_module_find_export(m, field->text, field->len, &index) ||
	    !w2n_module_export(m, index, &e) || e.type.kind != want) {
		snprintf(o->why, sizeof o->why, "no export \"%s\"",
		         field ? field->text : "");
		return;
	}
	o->ok = is_get ? get_global(inst, index, o)
	               : invoke(inst, index, &e.type.func,
	                        json_get(action, "args"), o);
}

static bool check_results(const json *expected, const outcome *o, char *why,
                          size_t n)
{
	size_t count = expected ? expected->n : 0;
	if (count != o->nresults)
		return snprintf(why, n, "%u results, expected %zu", o->nresults,
		                count),
		       false;
	for (size_t i = 0; i < count; i++)
		if (!spec_match_value(expected->items[i], &o->vals[i], why, n))
			return false;
	return true;
}

/* An `either` assertion (relaxed SIMD): one result, equal to any of the
 * listed values. */
static bool check_either(const json *either, const outcome *o, char *why,
                         size_t n)
{
	if (!either || either->kind != JSON_ARRAY || o->nresults != 1)
		return snprintf(why, n, "%u results, expected one",
		                o->nresults),
		       false;
	for (size_t i = 0; i < either->n; i++)
		if (spec_match_value(either->items[i], &o->vals[0], why, n))
			return true;
	return false;
}

static void cmd_assert_return(runner *r, const json *c, int line)
{
	outcome o;
	perform(r, json_get(c, "action"), &o);
	char why[512];
	const json *either = json_get(c, "either");
	bool ok = o.ok && (either ? check_either(either, &o, why, sizeof why)
	                          : check_results(json_get(c, "expected"), &o,
	                                          why, sizeof why));
	result(r, line, "assert_return", ok, o.ok ? why : o.why);
}

/* The trap's text must match the expected one (either may be longer). */
static bool same_trap_text(const char *got, const char *want)
{
	size_t n = strlen(got), m = strlen(want);
	return strncmp(got, want, n < m ? n : m) == 0 && n && m;
}

static void cmd_assert_trap(runner *r, const json *c, int line,
                            const char *type)
{
	outcome o;
	perform(r, json_get(c, "action"), &o);
	const char *want = json_str(c, "text");
	bool trapped = !o.ok && o.err.kind == W2N_ERROR_TRAP;
	bool ok = trapped && want && same_trap_text(o.err.message, want);
	char why[600];
	snprintf(why, sizeof why, "expected trap \"%s\", got %s",
	         want ? want : "?",
	         o.ok      ? "no trap"
	         : trapped ? o.err.message
	                   : o.why);
	result(r, line, type, ok, why);
}

/* assert_exception: the action ends with an exception nothing caught
 * (W2N_ERROR_EXCEPTION); the scripts name no tag or values. */
static void cmd_assert_exception(runner *r, const json *c, int line)
{
	outcome o;
	perform(r, json_get(c, "action"), &o);
	bool ok = !o.ok && o.err.kind == W2N_ERROR_EXCEPTION;
	char why[600];
	snprintf(why, sizeof why, "expected an uncaught exception, got %s",
	         o.ok ? "none" : o.why);
	result(r, line, "assert_exception", ok, why);
}

static void cmd_action(runner *r, const json *c, int line)
{
	outcome o;
	perform(r, json_get(c, "action"), &o);
	result(r, line, "action", o.ok, o.why);
}

static void run_command(runner *r, const json *c)
{
	const char *type = json_str(c, "type");
	const json *line_v = json_get(c, "line");
	int line = line_v && line_v->text ? atoi(line_v->text) : 0;
	if (!type)
		return;
	if (strcmp(type, "module") == 0)
		cmd_module(r, c, line);
	else if (strcmp(type, "module_instance") == 0)
		cmd_module_instance(r, c, line);
	else if (strcmp(type, "register") == 0)
		cmd_register(r, c, line);
	else if (strcmp(type, "assert_return") == 0)
		cmd_assert_return(r, c, line);
	else if (strcmp(type, "assert_trap") == 0 ||
	         strcmp(type, "assert_exhaustion") == 0)
		cmd_assert_trap(r, c, line, type);
	else if (strcmp(type, "action") == 0)
		cmd_action(r, c, line);
	else if ((strcmp(type, "assert_invalid") == 0 ||
	          strcmp(type, "assert_malformed") == 0) &&
	         superseded(r, line))
		cmd_superseded(r, c, line);
	else if (strcmp(type, "assert_invalid") == 0 ||
	         strcmp(type, "assert_malformed") == 0)
		cmd_rejected(r, c, line, type);
	else if (strcmp(type, "assert_unlinkable") == 0)
		cmd_not_instantiable(r, c, line, false);
	else if (strcmp(type, "assert_uninstantiable") == 0)
		cmd_not_instantiable(r, c, line, true);
	else if (strcmp(type, "assert_exception") == 0)
		cmd_assert_exception(r, c, line);
	else
		result(r, line, type, false, "unknown command");
}

/* ---- main ---- */

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = xrealloc(NULL, cap);
	while ((n += fread(buf + n, 1, cap - n - 1, f)) == cap - 1)
		buf = xrealloc(buf, cap *= 2);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void cleanup(runner *r)
{
	for (size_t i = r->nmods; i-- > 0;) {
		w2n_instance_free(r->mods[i].inst);
		free(r->mods[i].name);
	}
	w2n_imports_free(r->imports);
	w2n_free_failed_instances();
	for (size_t i = 0; i < r->nmodules; i++)
		w2n_module_free(r->modules[i]);
	free(r->mods);
	free(r->modules);
	free(r->valid_lines);
}

static bool parse_args(runner *r, int argc, char **argv, const char **script)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--verbose") == 0)
			r->verbose = true;
		else if (i + 1 < argc && strcmp(a, "--compiler") == 0)
			r->compiler = argv[++i];
		else if (i + 1 < argc && strcmp(a, "--bounds") == 0)
			r->bounds = argv[++i];
		else if (i + 1 < argc && strcmp(a, "--work") == 0)
			r->work = argv[++i];
		else if (i + 1 < argc && strcmp(a, "--target") == 0)
			r->target = argv[++i];
		else if (i + 1 < argc && strcmp(a, "--name") == 0)
			r->script = argv[++i];
		else if (i + 1 < argc && strcmp(a, "--valid") == 0)
			r->valid_file = argv[++i];
		else if (i + 1 < argc && strcmp(a, "--modules") == 0)
			r->dir = argv[++i];
		else
			*script = a;
	}
	return r->compiler && r->bounds && r->work && *script;
}

int main(int argc, char **argv)
{
	runner r = {0};
	const char *path = NULL;
	if (!parse_args(&r, argc, argv, &path)) {
		fprintf(stderr, "usage: spec_runner --compiler PATH --bounds "
		                "guard|explicit --work DIR [--target TRIPLE] "
		                "[--name NAME] [--valid FILE] [--modules DIR] "
		                "SCRIPT.json\n");
		return 2;
	}
	char *text = read_file(path);
	json *doc = text ? json_parse(text) : NULL;
	const json *cmds = json_get(doc, "commands");
	if (!cmds) {
		fprintf(stderr, "spec_runner: cannot read %s\n", path);
		return 2;
	}
	w2n_error err;
	r.imports = w2n_imports_new();
	if (!r.imports || !add_spectest(&r, &err)) {
		fprintf(stderr, "spec_runner: spectest: %s\n",
		        r.imports ? err.message : "out of memory");
		return 2;
	}
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	*(slash ? slash : dir) = '\0';
	if (!r.dir)
		r.dir = slash ? dir : ".";
	if (!r.script)
		r.script = json_str(doc, "source_filename");
	load_valid_lines(&r);
	for (size_t i = 0; i < cmds->n; i++)
		run_command(&r, cmds->items[i]);
	printf("spec-script %s: %d passed, %d failed, %d not applicable\n",
	       r.script, r.passed, r.failed, r.not_applicable);
	cleanup(&r);
	json_free(doc);
	free(text);
	free(dir);
	return r.failed ? 1 : 0;
}
