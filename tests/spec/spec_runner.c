/*
 * spec_runner.c - runs one wast2json command list against wasm2native:
 * each module is compiled to a plugin (--shared), loaded with dlopen and
 * instantiated through the runtime's embedding API, with the standard
 * "spectest" host module and registered modules as import providers.
 *
 * usage: spec_runner --compiler PATH --bounds guard|explicit --work DIR
 *                    [--label L] [--verbose] SCRIPT.json
 * Prints each failure as `FAIL script:LINE: command: reason` and finally
 * `spec-script NAME: P passed, F failed, N not applicable`.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "instance.h"
#include "json.h"
#include "spec_values.h"

typedef struct loaded {
	char *name;          /* "$M", or NULL */
	w2n_rt_instance *inst;
	const w2n_rt_module *module;
} loaded;

typedef struct registered {
	char *as;
	w2n_rt_instance *inst;
} registered;

typedef struct runner {
	const char *compiler, *bounds, *work, *dir, *script;
	bool verbose;
	int passed, failed, not_applicable;
	loaded *mods;
	size_t nmods;
	w2n_rt_instance *current;
	registered *regs;
	size_t nregs;
	void **handles;
	size_t nhandles;
	/* The spectest module's objects. */
	w2n_rt_memory *memory;
	w2n_rt_table *table;
	w2n_rt_value globals[4];
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

static int run(char *const argv[], bool quiet)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (quiet) {
			FILE *devnull = freopen("/dev/null", "w", stderr);
			(void)devnull;
		}
		execv(argv[0], argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status)
	                         : 128 + WTERMSIG(status);
}

static void module_path(runner *r, const char *file, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", r->dir, file);
}

/* Compiles `file` to a plugin; NULL with `why` on failure. */
static const w2n_rt_module *compile_and_load(runner *r, const char *file,
                                             char *why, size_t n)
{
	char in[4096], out[4096], bounds[64];
	module_path(r, file, in, sizeof in);
	snprintf(out, sizeof out, "%s/%s.%s.so", r->work, file, r->bounds);
	snprintf(bounds, sizeof bounds, "--bounds-checks=%s", r->bounds);
	char *argv[] = {(char *)r->compiler, "--shared", bounds, in, "-o",
	                out, NULL};
	int status = run(argv, false);
	if (status != 0) {
		snprintf(why, n, "wasm2native exited with %d", status);
		return NULL;
	}
	void *h = dlopen(out, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(why, n, "dlopen: %s", dlerror());
		return NULL;
	}
	r->handles = xrealloc(r->handles, (r->nhandles + 1) * sizeof(void *));
	r->handles[r->nhandles++] = h;
	const w2n_rt_module *m = dlsym(h, "w2n_module");
	if (!m)
		snprintf(why, n, "no w2n_module symbol");
	return m;
}

/* ---- the spectest host module ---- */

static int spectest_print(void *env, w2n_rt_instance *caller,
                          w2n_rt_value *vals)
{
	(void)env;
	(void)caller;
	(void)vals;
	return 0;
}

static bool spectest_func(runner *r, w2n_rt_instance *inst, const char *name,
                          const w2n_rt_functype *type, w2n_rt_extern *out)
{
	/* i = i32, I = i64, f = f32, F = f64 */
	static const struct {
		const char *name, *params;
	} funcs[] = {
		{"print", ""}, {"print_i32", "i"}, {"print_i64", "I"},
		{"print_f32", "f"}, {"print_f64", "F"},
		{"print_i32_f32", "if"}, {"print_f64_f64", "FF"},
	};
	(void)r;
	for (size_t i = 0; i < sizeof funcs / sizeof *funcs; i++) {
		if (strcmp(funcs[i].name, name) != 0)
			continue;
		uint32_t np = (uint32_t)strlen(funcs[i].params);
		uint8_t codes[4];
		for (uint32_t k = 0; k < np; k++) {
			char c = funcs[i].params[k];
			codes[k] = c == 'i' ? W2N_RT_I32 : c == 'I' ? W2N_RT_I64
			           : c == 'f' ? W2N_RT_F32 : W2N_RT_F64;
		}
		if (type->nparams != np || type->nresults != 0 ||
		    memcmp(type->types, codes, np) != 0)
			return false; /* the runtime then says incompatible */
		out->kind = W2N_RT_EXTERN_FUNC;
		return w2n_rt_host_func(inst, type, spectest_print, NULL,
		                        &out->u.func);
	}
	return false;
}

static bool spectest_global(runner *r, const char *name, w2n_rt_extern *out)
{
	static const struct {
		const char *name;
		uint32_t type;
	} globals[] = {
		{"global_i32", W2N_RT_I32}, {"global_i64", W2N_RT_I64},
		{"global_f32", W2N_RT_F32}, {"global_f64", W2N_RT_F64},
	};
	for (size_t i = 0; i < 4; i++) {
		if (strcmp(globals[i].name, name) != 0)
			continue;
		w2n_rt_value *g = &r->globals[i];
		memset(g, 0, sizeof *g);
		switch (globals[i].type) {
		case W2N_RT_I32: g->i32 = 666; break;
		case W2N_RT_I64: g->i64 = 666; break;
		case W2N_RT_F32: g->f32 = 666.6f; break;
		default: g->f64 = 666.6; break;
		}
		out->kind = W2N_RT_EXTERN_GLOBAL;
		out->gtype.type = globals[i].type;
		out->gtype.mutable_ = 0;
		out->u.global = g;
		return true;
	}
	return false;
}

static bool spectest_import(runner *r, w2n_rt_instance *inst,
                            const w2n_rt_import *im,
                            const w2n_rt_functype *type, w2n_rt_extern *out)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	switch (im->kind) {
	case W2N_RT_EXTERN_FUNC:
		return spectest_func(r, inst, im->name, type, out);
	case W2N_RT_EXTERN_GLOBAL:
		return spectest_global(r, im->name, out);
	case W2N_RT_EXTERN_TABLE:
		if (strcmp(im->name, "table") != 0)
			return false;
		if (!r->table)
			r->table = w2n_rt_table_new(10, 20, 1, W2N_RT_FUNCREF);
		out->kind = W2N_RT_EXTERN_TABLE;
		out->u.table = r->table;
		return r->table != NULL;
	default:
		if (strcmp(im->name, "memory") != 0)
			return false;
		if (!r->memory)
			r->memory = w2n_rt_memory_new(1, 2, 1, m->bounds);
		out->kind = W2N_RT_EXTERN_MEMORY;
		out->u.memory = r->memory;
		return r->memory != NULL;
	}
}

static w2n_rt_instance *find_registered(runner *r, const char *as)
{
	for (size_t i = r->nregs; i-- > 0;)
		if (strcmp(r->regs[i].as, as) == 0)
			return r->regs[i].inst;
	return NULL;
}

/* An export of a registered instance, as the import asks for it. */
static bool registered_import(w2n_rt_instance *from, const w2n_rt_import *im,
                              w2n_rt_extern *out)
{
	const w2n_rt_module *m = w2n_rt_instance_module(from);
	const w2n_rt_export *e = w2n_rt_find_export_n(m, im->name,
	                                              im->name_len);
	if (!e)
		return false;
	out->kind = e->kind;
	switch (e->kind) {
	case W2N_RT_EXTERN_FUNC:
		out->u.func = *w2n_rt_instance_func(from, e->index);
		return true;
	case W2N_RT_EXTERN_TABLE:
		out->u.table = w2n_rt_instance_table(from, e->index);
		return true;
	case W2N_RT_EXTERN_MEMORY:
		out->u.memory = w2n_rt_instance_memory(from, e->index);
		return true;
	default:
		out->gtype = m->globals[e->index];
		out->u.global = w2n_rt_instance_global(from, e->index);
		return true;
	}
}

static bool resolve(void *env, w2n_rt_instance *inst, const w2n_rt_import *im,
                    const w2n_rt_functype *type, w2n_rt_extern *out,
                    char *why, size_t n)
{
	runner *r = env;
	(void)why;
	(void)n;
	if (strcmp(im->module, "spectest") == 0)
		return spectest_import(r, inst, im, type, out);
	w2n_rt_instance *from = strlen(im->module) == im->module_len
	                                ? find_registered(r, im->module)
	                                : NULL;
	return from && registered_import(from, im, out);
}

/* ---- modules ---- */

static loaded *find_module(runner *r, const char *name)
{
	for (size_t i = r->nmods; i-- > 0;)
		if (r->mods[i].name && strcmp(r->mods[i].name, name) == 0)
			return &r->mods[i];
	return NULL;
}

static void add_module(runner *r, const char *name, w2n_rt_instance *inst)
{
	r->mods = xrealloc(r->mods, (r->nmods + 1) * sizeof *r->mods);
	r->mods[r->nmods].name = name ? xstrdup(name) : NULL;
	r->mods[r->nmods].inst = inst;
	r->mods[r->nmods].module = inst ? w2n_rt_instance_module(inst) : NULL;
	r->nmods++;
}

static void cmd_module(runner *r, const json *c, int line)
{
	char why[512] = "";
	const char *file = json_str(c, "filename");
	const w2n_rt_module *m = compile_and_load(r, file, why, sizeof why);
	w2n_rt_instance *inst = NULL;
	w2n_rt_error err = {0};
	if (m && !(inst = w2n_rt_instantiate(m, resolve, r, &err)))
		snprintf(why, sizeof why, "instantiation failed: %s",
		         err.message);
	r->current = inst;
	add_module(r, json_str(c, "name"), inst);
	result(r, line, "module", inst != NULL, why);
}

static void cmd_register(runner *r, const json *c, int line)
{
	const char *name = json_str(c, "name");
	w2n_rt_instance *inst = r->current;
	if (name) {
		loaded *l = find_module(r, name);
		inst = l ? l->inst : NULL;
	}
	if (!inst) {
		result(r, line, "register", false, "no such module");
		return;
	}
	r->regs = xrealloc(r->regs, (r->nregs + 1) * sizeof *r->regs);
	r->regs[r->nregs].as = xstrdup(json_str(c, "as"));
	r->regs[r->nregs].inst = inst;
	r->nregs++;
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
	int status = run(argv, true);
	char why[64];
	snprintf(why, sizeof why, "wasm2native exited with %d, not 1", status);
	result(r, line, type, status == 1, why);
}

/* Compiles and instantiates; linking (or, for uninstantiable, a trap)
 * must fail. */
static void cmd_not_instantiable(runner *r, const json *c, int line,
                                 bool want_trap)
{
	const char *type = want_trap ? "assert_uninstantiable"
	                             : "assert_unlinkable";
	char why[512] = "";
	const w2n_rt_module *m = compile_and_load(r, json_str(c, "filename"),
	                                          why, sizeof why);
	if (!m) {
		result(r, line, type, false, why);
		return;
	}
	w2n_rt_error err = {0};
	w2n_rt_instance *inst = w2n_rt_instantiate(m, resolve, r, &err);
	bool trapped = !inst && err.trap != W2N_TRAP_NONE;
	bool ok = !inst && trapped == want_trap;
	snprintf(why, sizeof why, "%s", inst ? "instantiated" : err.message);
	if (inst)
		add_module(r, NULL, inst);
	result(r, line, type, ok, why);
}

/* ---- actions ---- */

typedef struct outcome {
	bool ok;          /* the action ran (no trap, no setup error) */
	w2n_rt_error err; /* when it trapped */
	char why[512];    /* when it could not run */
	w2n_rt_value vals[64];
	const uint8_t *result_types;
	uint32_t nresults;
	uint8_t global_type; /* result_types of a get */
} outcome;

static w2n_rt_instance *action_instance(runner *r, const json *action)
{
	const char *name = json_str(action, "module");
	if (!name)
		return r->current;
	loaded *l = find_module(r, name);
	return l ? l->inst : NULL;
}

static bool invoke(w2n_rt_instance *inst, const w2n_rt_export *e,
                   const json *args, outcome *o)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	uint32_t type = m->func_types[e->index];
	const w2n_rt_functype *t = &m->types[type];
	if (!args || args->n != t->nparams || t->nparams > 64 ||
	    t->nresults > 64)
		return snprintf(o->why, sizeof o->why, "bad arguments"), false;
	for (size_t i = 0; i < args->n; i++)
		if (!spec_parse_value(args->items[i], &o->vals[i]))
			return snprintf(o->why, sizeof o->why, "bad argument"),
			       false;
	o->result_types = t->types + t->nparams;
	o->nresults = t->nresults;
	if (!w2n_rt_invoke(inst, w2n_rt_instance_func(inst, e->index), type,
	                   o->vals, &o->err))
		return snprintf(o->why, sizeof o->why, "trap: %s",
		                o->err.message),
		       false;
	return true;
}

static bool get_global(w2n_rt_instance *inst, const w2n_rt_export *e,
                       outcome *o)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	memcpy(&o->vals[0], w2n_rt_instance_global(inst, e->index),
	       sizeof o->vals[0]);
	o->global_type = (uint8_t)m->globals[e->index].type;
	o->result_types = &o->global_type;
	o->nresults = 1;
	return true;
}

/* Performs an invoke or get action. */
static void perform(runner *r, const json *action, outcome *o)
{
	memset(o, 0, sizeof *o);
	w2n_rt_instance *inst = action_instance(r, action);
	const json *field = json_get_string(action, "field");
	const char *type = json_str(action, "type");
	if (!inst) {
		snprintf(o->why, sizeof o->why, "no module instance");
		return;
	}
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	const w2n_rt_export *e =
		field ? w2n_rt_find_export_n(m, field->text, field->len) : NULL;
	bool is_get = type && strcmp(type, "get") == 0;
	uint32_t want = is_get ? W2N_RT_EXTERN_GLOBAL : W2N_RT_EXTERN_FUNC;
	if (!e || e->kind != want) {
		snprintf(o->why, sizeof o->why, "no export \"%s\"",
		         field ? field->text : "");
		return;
	}
	o->ok = is_get ? get_global(inst, e, o)
	               : invoke(inst, e, json_get(action, "args"), o);
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
		if (!spec_match_value(expected->items[i], o->result_types[i],
		                      &o->vals[i], why, n))
			return false;
	return true;
}

static void cmd_assert_return(runner *r, const json *c, int line)
{
	outcome o;
	perform(r, json_get(c, "action"), &o);
	char why[512];
	bool ok = o.ok && check_results(json_get(c, "expected"), &o, why,
	                                sizeof why);
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
	bool trapped = !o.ok && o.err.trap != W2N_TRAP_NONE;
	bool ok = trapped && want && same_trap_text(o.err.message, want);
	char why[600];
	snprintf(why, sizeof why, "expected trap \"%s\", got %s",
	         want ? want : "?",
	         o.ok ? "no trap" : trapped ? o.err.message : o.why);
	result(r, line, type, ok, why);
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
	else if (strcmp(type, "register") == 0)
		cmd_register(r, c, line);
	else if (strcmp(type, "assert_return") == 0)
		cmd_assert_return(r, c, line);
	else if (strcmp(type, "assert_trap") == 0 ||
	         strcmp(type, "assert_exhaustion") == 0)
		cmd_assert_trap(r, c, line, type);
	else if (strcmp(type, "action") == 0)
		cmd_action(r, c, line);
	else if (strcmp(type, "assert_invalid") == 0 ||
	         strcmp(type, "assert_malformed") == 0)
		cmd_rejected(r, c, line, type);
	else if (strcmp(type, "assert_unlinkable") == 0)
		cmd_not_instantiable(r, c, line, false);
	else if (strcmp(type, "assert_uninstantiable") == 0)
		cmd_not_instantiable(r, c, line, true);
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
		w2n_rt_instance_free(r->mods[i].inst);
		free(r->mods[i].name);
	}
	w2n_rt_free_failed_instances();
	for (size_t i = 0; i < r->nregs; i++)
		free(r->regs[i].as);
	w2n_rt_memory_free(r->memory);
	w2n_rt_table_free(r->table);
	for (size_t i = 0; i < r->nhandles; i++)
		dlclose(r->handles[i]);
	free(r->mods);
	free(r->regs);
	free(r->handles);
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
		                "guard|explicit --work DIR SCRIPT.json\n");
		return 2;
	}
	char *text = read_file(path);
	json *doc = text ? json_parse(text) : NULL;
	const json *cmds = json_get(doc, "commands");
	if (!cmds) {
		fprintf(stderr, "spec_runner: cannot read %s\n", path);
		return 2;
	}
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	*(slash ? slash : dir) = '\0';
	r.dir = slash ? dir : ".";
	r.script = json_str(doc, "source_filename");
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
