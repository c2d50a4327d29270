/*
 * test_exceptions.c - exception handling in the embedding API
 * (include/wasm2native.h, docs/exceptions.md) on the plugin of
 * exceptions.wat: an uncaught exception is W2N_ERROR_EXCEPTION with its
 * tag and values; a host tag is importable; a host function throws with
 * w2n_throw, caught by Wasm code or reaching the host again.
 *
 * usage: embed_test_exceptions PLUGIN
 */
#include "../check.h"
#include "wasm2native.h"

static w2n_tag *host_tag;

/* host.throw(v): throws host_tag with (v, 2.5). */
static int host_throw(void *env, w2n_instance *caller, const w2n_value *args,
                      w2n_value *results)
{
	(void)env;
	(void)results;
	w2n_value v[] = {w2n_i32(args[0].i32), w2n_f64(2.5)};
	return w2n_throw(caller, host_tag, v, 2);
}

static w2n_imports *imports(void)
{
	static const w2n_valtype i32[] = {W2N_I32};
	static const w2n_valtype i32_f64[] = {W2N_I32, W2N_F64};
	w2n_functype tag_type = {2, 0, i32_f64, NULL};
	w2n_functype throw_type = {1, 0, i32, NULL};
	w2n_error err;
	host_tag = w2n_tag_new(&tag_type, &err);
	w2n_imports *im = w2n_imports_new();
	CHECK(host_tag && im);
	CHECK(w2n_imports_add_tag(im, "host", "tag", host_tag, &err));
	CHECK(w2n_imports_add_func(im, "host", "throw", &throw_type, host_throw,
	                           NULL, &err));
	return im;
}

static void test_tag_objects(w2n_instance *inst)
{
	check_context("tag objects");
	w2n_tag *e = w2n_instance_tag(inst, "e");
	CHECK(e && w2n_instance_tag(inst, "empty") != e);
	CHECK(!w2n_instance_tag(inst, "throw"));
	CHECK(!w2n_instance_tag(inst, "nothing"));
	w2n_functype t = w2n_tag_type(e);
	CHECK(t.nparams == 2 && t.nresults == 0);
	CHECK(t.params[0] == W2N_I32 && t.params[1] == W2N_I64);
	/* a tag of results, an instance's tag as an import: refused */
	w2n_error err;
	static const w2n_valtype i32[] = {W2N_I32};
	w2n_functype bad = {0, 1, NULL, i32};
	CHECK(!w2n_tag_new(&bad, &err) && err.kind == W2N_ERROR_USAGE);
	w2n_imports *im = w2n_imports_new();
	CHECK(!w2n_imports_add_tag(im, "m", "e", e, &err) &&
	      err.kind == W2N_ERROR_USAGE);
	w2n_imports_free(im);
	w2n_tag_free(e); /* an instance's: left alone */
}

static void test_uncaught(w2n_instance *inst)
{
	check_context("uncaught");
	w2n_value args[] = {w2n_i32(7), w2n_i64(-5000000000)};
	w2n_error err;
	CHECK(!w2n_call(inst, "throw", args, 2, NULL, 0, &err));
	CHECK(err.kind == W2N_ERROR_EXCEPTION);
	CHECK(err.exn_tag == w2n_instance_tag(inst, "e"));
	CHECK(err.exn_nvalues == 2 && err.exn_values);
	if (err.exn_nvalues == 2) {
		CHECK(err.exn_values[0].type == W2N_I32 &&
		      err.exn_values[0].i32 == 7);
		CHECK(err.exn_values[1].type == W2N_I64 &&
		      err.exn_values[1].i64 == -5000000000);
	}
	CHECK(strstr(err.message, "uncaught exception of tag \"e\" "
	                          "(i32 7, i64 -5000000000)") != NULL);
	CHECK(!w2n_call(inst, "throw_empty", NULL, 0, NULL, 0, &err));
	CHECK(err.kind == W2N_ERROR_EXCEPTION && err.exn_nvalues == 0);
	CHECK(err.exn_tag == w2n_instance_tag(inst, "empty"));
	/* a later success clears the fields */
	w2n_value r;
	args[0] = w2n_i32(1);
	CHECK(w2n_call(inst, "catch_host", args, 1, &r, 1, &err));
	CHECK(err.kind == W2N_OK && !err.exn_tag && !err.exn_nvalues);
}

static void test_host_throw(w2n_instance *inst)
{
	check_context("host throw");
	w2n_value arg = w2n_i32(40), r;
	w2n_error err;
	CHECK(w2n_call(inst, "catch_host", &arg, 1, &r, 1, &err));
	CHECK(r.type == W2N_I32 && r.i32 == 42);
	/* not caught by Wasm: back to the host, tag and values intact */
	CHECK(!w2n_call(inst, "pass_host", &arg, 1, NULL, 0, &err));
	CHECK(err.kind == W2N_ERROR_EXCEPTION && err.exn_tag == host_tag);
	CHECK(err.exn_nvalues == 2 && err.exn_values[0].i32 == 40 &&
	      err.exn_values[1].type == W2N_F64 &&
	      err.exn_values[1].f64 == 2.5);
	CHECK(strstr(err.message, "of a host tag (i32 40, f64 2.5)") != NULL);
	/* values that do not fit the tag: a trap */
	w2n_value wrong = w2n_i64(1);
	CHECK(w2n_throw(NULL, host_tag, &wrong, 1) == 1);
	/* many calls: nothing piles up */
	for (int i = 0; i < 10000; i++)
		if (!CHECK(w2n_call(inst, "catch_host", &arg, 1, &r, 1, &err)))
			break;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: embed_test_exceptions PLUGIN\n");
		return 2;
	}
	w2n_error err;
	w2n_module *m = w2n_module_load(argv[1], &err);
	w2n_imports *im = imports();
	w2n_instance *inst = m ? w2n_instantiate(m, im, &err) : NULL;
	if (!CHECK(inst)) {
		fprintf(stderr, "    %s\n", err.message);
		return check_report("embed-exceptions");
	}
	test_tag_objects(inst);
	test_uncaught(inst);
	test_host_throw(inst);
	/* the instance holds the host's tag */
	w2n_imports_free(im);
	w2n_tag_free(host_tag);
	w2n_value arg = w2n_i32(1), r;
	CHECK(w2n_call(inst, "catch_host", &arg, 1, &r, 1, &err) && r.i32 == 3);
	w2n_instance_free(inst);
	w2n_module_free(m);
	return check_report("embed-exceptions");
}
