/*
 * test_link.c - the shim as compiled programs meet it: a hand-built
 * module descriptor importing WASI functions is instantiated by the real
 * runtime through wasi_resolve (also with a context made as main.c makes
 * a program's), and the imports are called the way generated code calls
 * them, through w2n_rt_invoke.
 */
#include "wasi_test.h"

/* ---- the module: imports fd_write, proc_exit, args_sizes_get ---- */

enum { F_WRITE, F_EXIT, F_SIZES, NFUNCS };

typedef struct link_block {
	alignas(16) w2n_rt_instance_header header;
	w2n_rt_memory *memories[1];
	w2n_rt_func funcs[NFUNCS];
	uint32_t type_ids[NFUNCS];
} link_block;

/* A function's code pointer as a callable of type `fn`. */
#define LOAD(fn, f) memcpy(&(fn), &(f)->code, sizeof(fn))

static void tramp_iiii_i(const w2n_rt_func *f, w2n_rt_value *v)
{
	int32_t (*fn)(void *, int32_t, int32_t, int32_t, int32_t);
	LOAD(fn, f);
	v[0].i32 = fn(f->ctx, v[0].i32, v[1].i32, v[2].i32, v[3].i32);
}

static void tramp_i_v(const w2n_rt_func *f, w2n_rt_value *v)
{
	void (*fn)(void *, int32_t);
	LOAD(fn, f);
	fn(f->ctx, v[0].i32);
}

static void tramp_ii_i(const w2n_rt_func *f, w2n_rt_value *v)
{
	int32_t (*fn)(void *, int32_t, int32_t);
	LOAD(fn, f);
	v[0].i32 = fn(f->ctx, v[0].i32, v[1].i32);
}

static const uint8_t t_iiii_i[] = {W2N_RT_I32, W2N_RT_I32, W2N_RT_I32,
                                   W2N_RT_I32, W2N_RT_I32};
static const uint8_t t_i_v[] = {W2N_RT_I32};
static const uint8_t t_ii_i[] = {W2N_RT_I32, W2N_RT_I32, W2N_RT_I32};

static const w2n_rt_functype types[] = {
    {4, 1, t_iiii_i, tramp_iiii_i, NULL, NULL},
    {1, 0, t_i_v, tramp_i_v, NULL, NULL},
    {2, 1, t_ii_i, tramp_ii_i, NULL, NULL},
};
static const uint32_t func_types[] = {0, 1, 2};
static const char *const func_names[] = {"", "", ""};
static const w2n_rt_limits memories[] = {{1, 1, 1, 0, 0, 0}};

/* A module importing `imports` (NFUNCS functions of types 0, 1, 2). */
static w2n_rt_module module_with(const w2n_rt_import *imports)
{
	return (w2n_rt_module){
	    .abi_version = W2N_RT_ABI_VERSION,
	    .bounds = W2N_RT_BOUNDS_EXPLICIT,
	    .name = "link",
	    .ntypes = 3,
	    .types = types,
	    .nimports = NFUNCS,
	    .imports = imports,
	    .nfuncs = NFUNCS,
	    .nfunc_imports = NFUNCS,
	    .func_types = func_types,
	    .func_names = func_names,
	    .nmemories = 1,
	    .memories = memories,
	    .layout = {.instance_size = sizeof(link_block),
	               .memories = offsetof(link_block, memories),
	               .tables = sizeof(link_block),
	               .globals = sizeof(link_block),
	               .funcs = offsetof(link_block, funcs),
	               .type_ids = offsetof(link_block, type_ids),
	               .elems = sizeof(link_block),
	               .datas = sizeof(link_block),
	               .global_storage = sizeof(link_block),
	               .func_size = sizeof(w2n_rt_func)},
	};
}

#define WASI_IMPORT(name, index)                                               \
	{"wasi_snapshot_preview1", name, 22, sizeof name - 1,                  \
	 W2N_RT_EXTERN_FUNC,       index}

static const w2n_rt_import good_imports[] = {
    WASI_IMPORT("fd_write", F_WRITE),
    WASI_IMPORT("proc_exit", F_EXIT),
    WASI_IMPORT("args_sizes_get", F_SIZES),
};

/* Instantiation with these three imports must fail with `want`. */
static void refused(wasi_ctx *ctx, const char *m0, const char *n0,
                    const char *n1, const char *want)
{
	w2n_rt_import imports[NFUNCS];
	memcpy(imports, good_imports, sizeof imports);
	imports[0].module = m0;
	imports[0].module_len = (uint32_t)strlen(m0);
	imports[0].name = n0;
	imports[0].name_len = (uint32_t)strlen(n0);
	imports[1].name = n1;
	imports[1].name_len = (uint32_t)strlen(n1);
	w2n_rt_module m = module_with(imports);
	w2n_rt_error err;
	w2n_rt_instance *inst = w2n_rt_instantiate(&m, wasi_resolve, ctx, &err);
	if (!CHECK(inst == NULL && strcmp(err.message, want) == 0))
		fprintf(stderr, "    got \"%s\", want \"%s\"\n",
		        inst ? "an instance" : err.message, want);
	CHECK(inst || err.kind == W2N_RT_ERROR_LINK);
	w2n_rt_instance_free(inst);
}

static void resolve_errors(wasi_ctx *ctx)
{
	check_case = "resolve errors";
	refused(ctx, "env", "fd_write", "proc_exit",
	        "unknown import: env.fd_write");
	refused(ctx, "wasi_snapshot_preview1", "no_such_call", "proc_exit",
	        "unknown import: wasi_snapshot_preview1.no_such_call");
	refused(ctx, "wasi_unstable", "fd_write", "proc_exit",
	        "unknown import: wasi_unstable.fd_write");
	/* a name that only matches up to an embedded NUL */
	static const char nul_name[] = "fd_write\0x";
	w2n_rt_import nul[NFUNCS];
	memcpy(nul, good_imports, sizeof nul);
	nul[0].name = nul_name;
	nul[0].name_len = sizeof nul_name - 1;
	w2n_rt_module m = module_with(nul);
	w2n_rt_error err;
	w2n_rt_instance *inst = w2n_rt_instantiate(&m, wasi_resolve, ctx, &err);
	CHECK(inst == NULL && strstr(err.message, "unknown import") != NULL);
	/* proc_exit declared as (i32 i32 i32 i32) -> i32 */
	refused(ctx, "wasi_snapshot_preview1", "proc_exit", "fd_write",
	        "incompatible import type: wasi_snapshot_preview1.proc_exit");
}

/* Writes "hi\n" through the imported fd_write at guest address 64. */
static bool call_write(w2n_rt_instance *inst, w2n_rt_error *err)
{
	w2n_rt_memory *mem = w2n_rt_instance_memory(inst, 0);
	memcpy(mem->base + 64, "hi\n", 3);
	uint32_t iov[2] = {64, 3};
	memcpy(mem->base + 16, iov, 8);
	w2n_rt_value v[4] = {{.i32 = 1}, {.i32 = 16}, {.i32 = 1}, {.i32 = 32}};
	bool ok =
	    w2n_rt_invoke(inst, w2n_rt_instance_func(inst, F_WRITE), 0, v, err);
	return ok && v[0].i32 == 0;
}

static void instantiate_and_call(void)
{
	int out[2];
	char buf[8] = "";
	if (pipe(out) != 0)
		abort();
	wasi_config config;
	wasi_config_init(&config);
	config.stdio[1] = out[1];
	config.exit_unwinds = true;
	wasi_ctx *ctx = wasi_ctx_new(&config, NULL);
	resolve_errors(ctx);

	check_case = "instantiate";
	w2n_rt_module m = module_with(good_imports);
	w2n_rt_error err;
	w2n_rt_instance *inst = w2n_rt_instantiate(&m, wasi_resolve, ctx, &err);
	if (!CHECK(inst != NULL)) {
		fprintf(stderr, "    %s\n", err.message);
		return;
	}
	CHECK(((w2n_rt_instance_header *)(void *)inst)->wasi == ctx);
	CHECK(call_write(inst, &err));
	CHECK_EQ(read(out[0], buf, sizeof buf), 3);
	CHECK(memcmp(buf, "hi\n", 3) == 0);

	check_case = "proc_exit unwinds";
	uint32_t code = 0;
	w2n_rt_value v[1] = {{.i32 = 5}};
	CHECK(!w2n_rt_invoke(inst, w2n_rt_instance_func(inst, F_EXIT), 1, v,
	                     &err));
	CHECK_EQ(err.trap, W2N_TRAP_HOST);
	CHECK(wasi_exit_code(ctx, &code));
	CHECK_EQ(code, 5);
	w2n_rt_instance_free(inst);
	wasi_ctx_free(ctx);
	close(out[0]);
	close(out[1]);
}

/* What main.c does for a program: a context from its options (here
 * WASM2NATIVE_OPTIONS's), instantiation with wasi_resolve. */
static void program_context(const char *dir)
{
	char options[800];
	char *argv[] = {"prog", "a", "b", NULL};
	w2n_rt_error why;
	check_case = "program context";
	snprintf(options, sizeof options, "--dir=%s::/ --env=K=V", dir);
	wasi_ctx *wasi = wasi_ctx_from_options(3, argv, NULL, options, &why);
	CHECK(wasi != NULL);
	w2n_rt_module m = module_with(good_imports);
	w2n_rt_error err;
	w2n_rt_instance *inst =
	    wasi ? w2n_rt_instantiate(&m, wasi_resolve, wasi, &err) : NULL;
	CHECK(inst != NULL);
	if (inst) {
		w2n_rt_value v[2] = {{.i32 = 0}, {.i32 = 4}};
		CHECK(w2n_rt_invoke(inst, w2n_rt_instance_func(inst, F_SIZES),
		                    2, v, &err));
		uint32_t argc;
		memcpy(&argc, w2n_rt_instance_memory(inst, 0)->base, 4);
		CHECK_EQ(argc, 3);
	}
	w2n_rt_instance_free(inst);
	wasi_ctx_free(wasi);

	check_case = "program context errors";
	wasi = wasi_ctx_from_options(1, argv, NULL, "--dir=/nonexistent/w2n::/",
	                             &why);
	CHECK(wasi == NULL);
	CHECK(strstr(why.message, "preopen /nonexistent/w2n") != NULL);
	CHECK_EQ(why.kind, W2N_RT_ERROR_HOST);
}

int main(void)
{
	const char *dir = scratch_dir("link");
	char copy[600];
	snprintf(copy, sizeof copy, "%s", dir);
	instantiate_and_call();
	program_context(copy);
	remove_tree(copy);
	return check_report("wasi-link");
}
