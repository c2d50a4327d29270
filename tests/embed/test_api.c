/*
 * test_api.c - the embedding API (include/wasm2native.h), part by part,
 * on plugins built from api.wat, api_user.wat, start_trap.wat and
 * wasi.wat, and on api.wat and api_user.wat compiled with
 * `-c --pic --module-symbol=...` and linked into this program, which
 * links the static libwasm2native (and exports its symbols for the
 * plugins).
 *
 * usage: embed_test_api DIR   (DIR holds the plugins NAME.so)
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "../check.h"
#include "wasm2native.h"

/* The descriptors of the modules linked into this program. */
extern const char api_static_module[];
extern const char user_static_module[];

static const char *plugin_dir;

static w2n_module *load(const char *name)
{
	char path[4096];
	w2n_error err;
	snprintf(path, sizeof path, "%s/%s.so", plugin_dir, name);
	w2n_module *m = w2n_module_load(path, &err);
	if (!CHECK(m))
		fprintf(stderr, "    %s\n", err.message);
	return m;
}

/* ---- Host functions of api.wat ---- */

static int host_add(void *env, w2n_instance *caller, const w2n_value *args,
                    w2n_value *results)
{
	(void)env;
	(void)caller;
	CHECK(args[0].type == W2N_I32 && args[1].type == W2N_I32);
	CHECK(results[0].type == W2N_I32);
	results[0].i32 = args[0].i32 + args[1].i32;
	return 0;
}

static int host_fail(void *env, w2n_instance *caller, const w2n_value *args,
                     w2n_value *results)
{
	(void)env, (void)caller, (void)args, (void)results;
	return 1;
}

/* Writes args[1] at args[0] of the caller's memory. */
static int host_poke(void *env, w2n_instance *caller, const w2n_value *args,
                     w2n_value *results)
{
	(void)env, (void)results;
	w2n_memory *mem = w2n_instance_memory(caller, NULL);
	return !mem || !w2n_memory_write(mem, (uint32_t)args[0].i32,
	                                 &args[1].i32, 4, NULL);
}

static const w2n_valtype i32x2[] = {W2N_I32, W2N_I32};

/* The import set of api.wat; *counter is its env.counter. */
static w2n_imports *api_imports(w2n_global **counter)
{
	w2n_error err;
	w2n_imports *im = w2n_imports_new();
	w2n_functype add = {2, 1, i32x2, i32x2};
	w2n_functype none = {0, 0, NULL, NULL};
	w2n_functype poke = {2, 0, i32x2, NULL};
	w2n_value zero = w2n_i64(0);
	*counter = w2n_global_new(&zero, true, &err);
	bool ok = im && *counter &&
	          w2n_imports_add_func(im, "env", "host_add", &add, host_add,
	                               NULL, &err) &&
	          w2n_imports_add_func(im, "env", "host_fail", &none, host_fail,
	                               NULL, &err) &&
	          w2n_imports_add_func(im, "env", "host_poke", &poke, host_poke,
	                               NULL, &err) &&
	          w2n_imports_add_global(im, "env", "counter", *counter, &err);
	if (!CHECK(ok))
		fprintf(stderr, "    %s\n", err.message);
	return im;
}

static w2n_instance *instantiate(w2n_module *m, const w2n_imports *im)
{
	w2n_error err;
	w2n_instance *inst = w2n_instantiate(m, im, &err);
	if (!CHECK(inst))
		fprintf(stderr, "    %s\n", err.message);
	return inst;
}

/* ---- Describing a module ---- */

static void check_import(const w2n_module *m, uint32_t i, const char *module,
                         const char *name, const char *type)
{
	w2n_import_desc d;
	char text[128];
	if (!CHECK(w2n_module_import(m, i, &d)))
		return;
	CHECK_STR(d.module, module);
	CHECK_STR(d.name, name);
	CHECK_EQ(d.name_len, strlen(name));
	w2n_extern_type_string(&d.type, text, sizeof text);
	CHECK_STR(text, type);
}

static void check_export(const w2n_module *m, const char *name,
                         const char *type)
{
	uint32_t i;
	w2n_export_desc d;
	char text[128];
	if (!CHECK(w2n_module_find_export(m, name, strlen(name), &i)) ||
	    !CHECK(w2n_module_export(m, i, &d)))
		return;
	CHECK_STR(d.name, name);
	w2n_extern_type_string(&d.type, text, sizeof text);
	CHECK_STR(text, type);
}

static void test_describe(const w2n_module *m, bool plugin)
{
	CHECK_EQ(w2n_module_import_count(m), 4);
	CHECK_EQ(w2n_module_export_count(m), 15);
	check_import(m, 0, "env", "host_add",
	             "(func (param i32 i32) (result i32))");
	check_import(m, 2, "env", "host_poke", "(func (param i32 i32))");
	check_import(m, 3, "env", "counter", "(global (mut i64))");
	check_export(m, "mem", "(memory 1 4)");
	check_export(m, "tab", "(table 2 funcref)");
	check_export(m, "g", "(global (mut i32))");
	check_export(m, "answer", "(global i32)");
	check_export(m, "swap", "(func (param i64 f32) (result f32 i64))");
	check_export(m, "double_lanes", "(func (param v128) (result v128))");
	uint32_t i;
	CHECK(!w2n_module_find_export(m, "nope", 4, &i));
	w2n_import_desc d;
	CHECK(!w2n_module_import(m, 4, &d));
	w2n_module_info info;
	w2n_module_describe(m, &info);
	CHECK_STR(info.target, W2N_TEST_TARGET);
	CHECK_EQ(info.bounds, W2N_TEST_BOUNDS);
	CHECK_EQ(info.abi_version, w2n_abi_version());
	CHECK_STR(info.compiler, plugin ? w2n_version() : "");
	CHECK_EQ(strlen(info.sha256), plugin ? 64 : 0);
	CHECK_EQ(strlen(info.path) > 0, plugin);
}

/* ---- Calls ---- */

static void test_calls(w2n_instance *inst)
{
	w2n_error err;
	w2n_value args[2] = {w2n_i32(21), w2n_i32(0)}, r[2];
	if (CHECK(w2n_call(inst, "twice", args, 1, r, 1, &err)))
		CHECK(r[0].type == W2N_I32 && r[0].i32 == 42);
	CHECK_EQ(err.kind, W2N_OK);
	args[1] = w2n_i32(3);
	if (CHECK(w2n_call(inst, "add_via_host", args, 2, r, 1, &err)))
		CHECK_EQ(r[0].i32, 24);
	args[0] = w2n_i64(-5);
	args[1] = w2n_f32(1.5f);
	if (CHECK(w2n_call(inst, "swap", args, 2, r, 2, &err)))
		CHECK(r[0].type == W2N_F32 && r[0].f32 == 1.5f &&
		      r[1].type == W2N_I64 && r[1].i64 == -5);
	w2n_value v = {.type = W2N_V128};
	for (int k = 0; k < 16; k++)
		v.v128[k] = (uint8_t)k;
	if (CHECK(w2n_call(inst, "double_lanes", &v, 1, r, 1, &err)))
		CHECK(r[0].type == W2N_V128 && r[0].v128[4] == 8 &&
		      r[0].v128[15] == 30);
	int token;
	args[0] = w2n_externref(&token);
	if (CHECK(w2n_call(inst, "same_ref", args, 1, r, 1, &err)))
		CHECK(r[0].type == W2N_EXTERNREF && r[0].ref == &token);
}

static void expect_error(bool ok, const w2n_error *err, w2n_error_kind kind,
                         const char *message)
{
	CHECK(!ok);
	CHECK_EQ(err->kind, kind);
	CHECK(!strchr(err->message, '\n'));
	if (message)
		CHECK_STR(err->message, message);
}

static void test_call_errors(w2n_instance *inst)
{
	w2n_error err;
	w2n_value args[2] = {w2n_i32(1), w2n_i64(2)}, r[2];
	expect_error(w2n_call(inst, "twice", args, 2, r, 1, &err), &err,
	             W2N_ERROR_USAGE, NULL);
	expect_error(w2n_call(inst, "twice", args, 1, r, 2, &err), &err,
	             W2N_ERROR_USAGE, NULL);
	expect_error(w2n_call(inst, "add_via_host", args, 2, r, 1, &err), &err,
	             W2N_ERROR_USAGE,
	             "add_via_host: argument 1 is i64, expected i32");
	expect_error(w2n_call(inst, "nope", NULL, 0, NULL, 0, &err), &err,
	             W2N_ERROR_USAGE, "no function export \"nope\"");
	expect_error(w2n_call(inst, "g", NULL, 0, NULL, 0, &err), &err,
	             W2N_ERROR_USAGE, "no function export \"g\"");
	expect_error(w2n_call(inst, "fail", NULL, 0, NULL, 0, &err), &err,
	             W2N_ERROR_TRAP, "host function failed");
	CHECK_EQ(err.trap, W2N_TRAP_KIND_HOST);
	expect_error(w2n_call_export_index(inst, 999, NULL, 0, NULL, 0, &err),
	             &err, W2N_ERROR_USAGE, NULL);
	/* The instance is fine after all of that. */
	if (CHECK(w2n_call(inst, "twice", args, 1, r, 1, NULL)))
		CHECK_EQ(r[0].i32, 2);
}

/* ---- Memory ---- */

static void test_memory(w2n_instance *inst)
{
	w2n_error err;
	w2n_memory *mem = w2n_instance_memory(inst, "mem");
	CHECK(mem && mem == w2n_instance_memory(inst, NULL));
	CHECK(!w2n_instance_memory(inst, "tab"));
	if (!mem)
		return;
	CHECK_EQ(w2n_memory_size(mem), 65536);
	int32_t x = 123456, y = 0;
	w2n_value args[2] = {w2n_i32(100), w2n_i32(77)}, r;
	CHECK(w2n_memory_write(mem, 100, &x, 4, &err));
	if (CHECK(w2n_call(inst, "peek", args, 1, &r, 1, &err)))
		CHECK_EQ(r.i32, 123456);
	if (CHECK(w2n_call(inst, "poke_and_peek", args, 2, &r, 1, &err)))
		CHECK_EQ(r.i32, 77);
	CHECK(w2n_memory_read(mem, 100, &y, 4, &err) && y == 77);
	CHECK_EQ(w2n_memory_data(mem)[100], 77);
	expect_error(w2n_memory_write(mem, 65534, &x, 4, &err), &err,
	             W2N_ERROR_USAGE, NULL);
	expect_error(w2n_memory_read(mem, UINT64_MAX - 1, &y, 4, &err), &err,
	             W2N_ERROR_USAGE, NULL);
	CHECK(w2n_memory_read(mem, 65536, &y, 0, &err));
	args[0] = w2n_i32(1);
	if (CHECK(w2n_call(inst, "grow", args, 1, &r, 1, &err)))
		CHECK_EQ(r.i32, 1);
	CHECK_EQ(w2n_memory_size(mem), 2 * 65536);
	CHECK(w2n_memory_write(mem, 2 * 65536 - 4, &x, 4, &err));
	CHECK_EQ(w2n_memory_grow(mem, 2), 2);
	CHECK_EQ(w2n_memory_grow(mem, 1), -1); /* the maximum is 4 */
	args[0] = w2n_i32(4 * 65536);
	if (CHECK(!w2n_call(inst, "peek", args, 1, &r, 1, &err)))
		CHECK_EQ(err.trap, W2N_TRAP_KIND_OOB_MEMORY);
}

/* ---- Globals ---- */

static void test_globals(w2n_instance *inst, w2n_global *counter)
{
	w2n_error err;
	w2n_value v, r;
	if (CHECK(w2n_global_get(inst, "g", &v, &err)))
		CHECK(v.type == W2N_I32 && v.i32 == 7);
	v = w2n_i32(9);
	CHECK(w2n_global_set(inst, "g", &v, &err));
	if (CHECK(w2n_global_get(inst, "g", &v, &err)))
		CHECK_EQ(v.i32, 9);
	expect_error(w2n_global_set(inst, "answer", &v, &err), &err,
	             W2N_ERROR_USAGE, "answer: global is immutable");
	v = w2n_i64(1);
	expect_error(w2n_global_set(inst, "g", &v, &err), &err, W2N_ERROR_USAGE,
	             "g: global is i32, value is i64");
	expect_error(w2n_global_get(inst, "twice", &v, &err), &err,
	             W2N_ERROR_USAGE, NULL);
	if (CHECK(w2n_global_get(inst, "pi", &v, &err)))
		CHECK(v.type == W2N_F64 && v.f64 == 3.25);
	/* The host's global, as the instance sees it. */
	int64_t before = w2n_global_value(counter).i64;
	if (CHECK(w2n_call(inst, "bump_counter", NULL, 0, &r, 1, &err)))
		CHECK_EQ(r.i64, before + 1);
	CHECK_EQ(w2n_global_value(counter).i64, before + 1);
	v = w2n_i64(100);
	CHECK(w2n_global_set_value(counter, &v, &err));
	if (CHECK(w2n_call(inst, "bump_counter", NULL, 0, &r, 1, &err)))
		CHECK_EQ(r.i64, 101);
	v = w2n_i32(1);
	expect_error(w2n_global_set_value(counter, &v, &err), &err,
	             W2N_ERROR_USAGE, NULL);
}

/* Two instances of one module share nothing they do not import. */
static void test_isolation(w2n_module *m, const w2n_imports *im)
{
	w2n_instance *a = instantiate(m, im), *b = instantiate(m, im);
	if (!a || !b)
		return;
	int32_t x = 99, y = 1;
	w2n_value v = w2n_i32(1234);
	CHECK(w2n_memory_write(w2n_instance_memory(a, NULL), 8, &x, 4, NULL));
	CHECK(w2n_memory_read(w2n_instance_memory(b, NULL), 8, &y, 4, NULL));
	CHECK_EQ(y, 0);
	CHECK(w2n_global_set(a, "g", &v, NULL));
	CHECK(w2n_global_get(b, "g", &v, NULL) && v.i32 == 7);
	w2n_instance_free(a);
	w2n_instance_free(b);
}

/* ---- Linking ---- */

/* user imports lib's function, memory, table and global. */
static void test_linking(w2n_module *lib_m, w2n_module *user_m,
                         const w2n_imports *api_im)
{
	w2n_error err;
	w2n_instance *lib = instantiate(lib_m, api_im);
	w2n_imports *im = w2n_imports_new();
	if (!lib || !CHECK(w2n_imports_add_instance(im, "lib", lib, &err)))
		return;
	w2n_instance *user = instantiate(user_m, im);
	w2n_imports_free(im);
	w2n_instance_free(lib); /* user keeps it alive */
	if (!user)
		return;
	w2n_value args[2] = {w2n_i32(4), w2n_i32(0)}, r;
	if (CHECK(w2n_call(user, "call_twice", args, 1, &r, 1, &err)))
		CHECK_EQ(r.i32, 8);
	args[0] = w2n_i32(5);
	if (CHECK(w2n_call(user, "call_table", args, 1, &r, 1, &err)))
		CHECK_EQ(r.i32, 10);
	args[0] = w2n_i32(300);
	args[1] = w2n_i32(1234);
	CHECK(w2n_call(user, "write", args, 2, NULL, 0, &err));
	int32_t y = 0;
	CHECK(w2n_memory_read(w2n_instance_memory(user, NULL), 300, &y, 4,
	                      NULL) &&
	      y == 1234);
	args[0] = w2n_i32(55);
	CHECK(w2n_call(user, "set_g", args, 1, NULL, 0, &err));
	if (CHECK(w2n_call(user, "get_g", NULL, 0, &r, 1, &err)))
		CHECK_EQ(r.i32, 55);
	w2n_instance_free(user);
}

/* ---- Host objects ---- */

static int plus_one_twice(void *env, w2n_instance *caller,
                          const w2n_value *args, w2n_value *results)
{
	(void)caller;
	CHECK(env == (void *)&plugin_dir);
	results[0].i32 = 2 * args[0].i32 + 1;
	return 0;
}

/* An import set providing "lib" from host objects. */
static w2n_imports *host_lib(w2n_bounds bounds, w2n_memory **mem,
                             w2n_global **g)
{
	w2n_error err;
	w2n_limits pages = {1, 2, true, false, false},
	           elems = {2, 2, true, false, false};
	w2n_functype unary = {1, 1, i32x2, i32x2};
	w2n_value init = w2n_i32(3);
	w2n_imports *im = w2n_imports_new();
	*mem = w2n_memory_new(&pages, bounds, &err);
	*g = w2n_global_new(&init, true, &err);
	w2n_table *t = w2n_table_new(W2N_FUNCREF, &elems, &err);
	bool ok = im && *mem && *g && t &&
	          w2n_imports_add_func(im, "lib", "twice", &unary,
	                               plus_one_twice, &plugin_dir, &err) &&
	          w2n_imports_add_memory(im, "lib", "mem", *mem, &err) &&
	          w2n_imports_add_table(im, "lib", "tab", t, &err) &&
	          w2n_imports_add_global(im, "lib", "g", *g, &err);
	if (!CHECK(ok))
		fprintf(stderr, "    %s\n", err.message);
	w2n_table_free(t); /* the set holds it */
	return im;
}

static void test_host_objects(w2n_module *user_m)
{
	w2n_error err;
	w2n_memory *mem;
	w2n_global *g;
	w2n_imports *im = host_lib(W2N_TEST_BOUNDS, &mem, &g);
	w2n_instance *user = instantiate(user_m, im);
	w2n_imports_free(im);
	if (!user)
		return;
	w2n_value args[2] = {w2n_i32(3), w2n_i32(0)}, r;
	if (CHECK(w2n_call(user, "call_twice", args, 1, &r, 1, &err)))
		CHECK_EQ(r.i32, 7);
	args[0] = w2n_i32(0);
	expect_error(w2n_call(user, "call_table", args, 1, &r, 1, &err), &err,
	             W2N_ERROR_TRAP, "uninitialized element");
	args[0] = w2n_i32(8);
	args[1] = w2n_i32(99);
	CHECK(w2n_call(user, "write", args, 2, NULL, 0, &err));
	int32_t y = 0;
	CHECK(w2n_memory_read(mem, 8, &y, 4, &err) && y == 99);
	args[0] = w2n_i32(5);
	CHECK(w2n_call(user, "set_g", args, 1, NULL, 0, &err));
	CHECK_EQ(w2n_global_value(g).i32, 5);
	w2n_memory_free(mem);
	w2n_global_free(g);
	if (CHECK(w2n_call(user, "get_g", NULL, 0, &r, 1, &err)))
		CHECK_EQ(r.i32, 5);
	w2n_instance_free(user);
}

static void test_link_errors(w2n_module *lib_m, w2n_module *user_m)
{
	w2n_error err;
	expect_error(!!w2n_instantiate(user_m, NULL, &err), &err,
	             W2N_ERROR_LINK, "unknown import: lib.twice");
	expect_error(!!w2n_instantiate(lib_m, NULL, &err), &err, W2N_ERROR_LINK,
	             "unknown import: env.host_add");
	/* A function of another type. */
	w2n_imports *im = w2n_imports_new();
	w2n_valtype i64 = W2N_I64;
	w2n_functype wrong = {1, 1, &i64, &i64};
	CHECK(w2n_imports_add_func(im, "lib", "twice", &wrong, plus_one_twice,
	                           NULL, &err));
	expect_error(!!w2n_instantiate(user_m, im, &err), &err, W2N_ERROR_LINK,
	             "incompatible import type: lib.twice");
	w2n_imports_free(im);
	/* A memory of the other strategy than the code's. */
	w2n_memory *mem;
	w2n_global *g;
	w2n_limits one = {1, 2, true, false, false};
	if (W2N_TEST_BOUNDS == W2N_BOUNDS_GUARD) {
		im = host_lib(W2N_BOUNDS_EXPLICIT, &mem, &g);
		expect_error(!!w2n_instantiate(user_m, im, &err), &err,
		             W2N_ERROR_LINK,
		             "incompatible import type: lib.mem");
		w2n_imports_free(im);
		w2n_memory_free(mem);
		w2n_global_free(g);
	} else { /* 32-bit: no address space for guard pages */
		expect_error(!!w2n_memory_new(&one, W2N_BOUNDS_GUARD, &err),
		             &err, W2N_ERROR_RESOURCE, NULL);
		CHECK(strstr(err.message, "guard pages need a 64-bit host"));
	}
	/* Invalid host objects. */
	w2n_limits bad = {3, 2, true, false, false};
	expect_error(!!w2n_memory_new(&bad, W2N_BOUNDS_GUARD, &err), &err,
	             W2N_ERROR_USAGE, NULL);
	expect_error(!!w2n_table_new(W2N_I32, &bad, &err), &err,
	             W2N_ERROR_USAGE, NULL);
}

static void test_start_trap(w2n_module *m, const w2n_imports *im)
{
	w2n_error err;
	expect_error(!!w2n_instantiate(m, im, &err), &err, W2N_ERROR_TRAP,
	             "host function failed");
	CHECK_EQ(err.trap, W2N_TRAP_KIND_HOST);
}

/* ---- WASI ---- */

static void test_wasi_instance(w2n_module *m, const w2n_imports *im, int out_fd,
                               uint32_t code)
{
	w2n_error err;
	w2n_value r, arg = w2n_i32((int32_t)code);
	w2n_instance *inst = instantiate(m, im);
	if (!inst)
		return;
	if (CHECK(w2n_call(inst, "argc", NULL, 0, &r, 1, &err)))
		CHECK_EQ(r.i32, 3);
	if (CHECK(w2n_call(inst, "hello", NULL, 0, &r, 1, &err)))
		CHECK_EQ(r.i32, 0);
	char buf[16] = "";
	CHECK_EQ(read(out_fd, buf, sizeof buf - 1), 6);
	CHECK_STR(buf, "hello\n");
	expect_error(w2n_call(inst, "quit", &arg, 1, NULL, 0, &err), &err,
	             W2N_ERROR_EXIT, NULL);
	CHECK_EQ(err.exit_code, code);
	w2n_instance_free(inst);
}

static void test_wasi(w2n_module *m)
{
	int fds[2];
	if (!CHECK(pipe(fds) == 0))
		return;
	const char *argv[] = {"prog", "x", "y"};
	w2n_wasi_config c;
	w2n_wasi_config_init(&c);
	c.argc = 3;
	c.argv = argv;
	c.stdio[1] = fds[1];
	w2n_imports *im = w2n_imports_new();
	w2n_error err;
	CHECK(w2n_imports_add_wasi(im, &c, &err));
	close(fds[1]); /* the set holds its own duplicate */
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	test_wasi_instance(m, im, fds[0], 3);
	test_wasi_instance(m, im, fds[0], 5);
	w2n_imports_free(im);
	close(fds[0]);
	/* A preopen that is missing fails instantiation. */
	w2n_preopen dir = {"/nonexistent/wasm2native", "/data"};
	c.npreopens = 1;
	c.preopens = &dir;
	c.stdio[1] = 1;
	im = w2n_imports_new();
	CHECK(w2n_imports_add_wasi(im, &c, &err));
	expect_error(!!w2n_instantiate(m, im, &err), &err, W2N_ERROR_USAGE,
	             NULL);
	w2n_imports_free(im);
}

/* ---- Modules linked into the host ---- */

static void test_static(const w2n_imports *api_im)
{
	w2n_error err;
	w2n_module *lib = w2n_module_from_descriptor(api_static_module, &err);
	w2n_module *user = w2n_module_from_descriptor(user_static_module, &err);
	if (!CHECK(lib && user))
		return;
	test_describe(lib, false);
	w2n_instance *inst = instantiate(lib, api_im);
	if (inst) {
		test_calls(inst);
		w2n_instance_free(inst);
	}
	test_linking(lib, user, api_im);
	w2n_module_free(lib);
	w2n_module_free(user);
	static const uint32_t zeros[64];
	char want[128];
	snprintf(want, sizeof want,
	         "module descriptor: built for runtime ABI 0, this runtime "
	         "has ABI %u",
	         w2n_abi_version());
	expect_error(!!w2n_module_from_descriptor(zeros, &err), &err,
	             W2N_ERROR_LOAD, want);
}

/* Wasm 3.0 types in full: typed references (w2n_fulltype) and 64-bit
 * memories and tables, in the text and in the fields. */
static void test_describe_typed(const w2n_module *m)
{
	check_export(m, "pass", "(func (param (ref 0)) (result (ref null 0)))");
	check_export(m, "refs", "(table 2 (ref null 0))");
	check_export(m, "table64", "(table i64 1 funcref)");
	check_export(m, "memory64", "(memory i64 1 2)");
	check_export(m, "seven", "(global (ref 0))");
	uint32_t i;
	w2n_export_desc d;
	if (!CHECK(w2n_module_find_export(m, "pass", 4, &i)) ||
	    !CHECK(w2n_module_export(m, i, &d)) ||
	    !CHECK(d.type.func_fulltypes != NULL))
		return;
	const w2n_fulltype ref_t =
	    W2N_FUNCREF | W2N_REF_TYPED | 0u << W2N_REF_INDEX_SHIFT;
	CHECK_EQ(d.type.func.params[0], W2N_FUNCREF);
	CHECK_EQ(d.type.func_fulltypes[0], ref_t | W2N_REF_NONNULL);
	CHECK_EQ(d.type.func_fulltypes[1], ref_t);
	if (CHECK(w2n_module_find_export(m, "seven", 5, &i)) &&
	    CHECK(w2n_module_export(m, i, &d)))
		CHECK_EQ(d.type.fulltype, ref_t | W2N_REF_NONNULL);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: embed_test_api DIR\n");
		return 2;
	}
	plugin_dir = argv[1];
	w2n_module *lib = load("api"), *user = load("api_user");
	w2n_module *start = load("start_trap"), *wasi = load("wasi");
	w2n_module *typed = load("typed");
	w2n_global *counter;
	w2n_imports *im = api_imports(&counter);
	if (!lib || !user || !start || !wasi || !typed || !im)
		return check_report("embed-api");
	test_describe(lib, true);
	test_describe_typed(typed);
	w2n_instance *inst = instantiate(lib, im);
	if (inst) {
		test_calls(inst);
		test_call_errors(inst);
		test_memory(inst);
		test_globals(inst, counter);
		w2n_instance_free(inst);
	}
	test_isolation(lib, im);
	test_linking(lib, user, im);
	test_host_objects(user);
	test_link_errors(lib, user);
	test_start_trap(start, im);
	test_wasi(wasi);
	test_static(im);
	w2n_imports_free(im);
	w2n_global_free(counter);
	w2n_free_failed_instances();
	w2n_module_free(lib);
	w2n_module_free(user);
	w2n_module_free(start);
	w2n_module_free(wasi);
	w2n_module_free(typed);
	return check_report("embed-api");
}
