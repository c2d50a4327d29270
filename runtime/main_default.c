/*
 * main_default.c - weak stand-ins for the WASI shim's entry-point hooks
 * (main.h), so that a program with no imports links and runs before the
 * shim exists: no context, and every import is unknown.  The shim's strong
 * definitions replace these when its objects are linked.
 */
#include "main.h"

__attribute__((weak)) bool w2n_rt_main_wasi_setup(int argc, char **argv,
                                                  void **wasi_out,
                                                  w2n_rt_error *err)
{
	(void)argc;
	(void)argv;
	(void)err;
	*wasi_out = NULL;
	return true;
}

__attribute__((weak)) bool w2n_rt_main_resolve(void *env, w2n_rt_instance *inst,
                                               const w2n_rt_import *import,
                                               const w2n_rt_functype *type,
                                               w2n_rt_extern *out,
                                               w2n_rt_error *err)
{
	(void)env;
	(void)inst;
	(void)import;
	(void)type;
	(void)out;
	(void)err;
	return false;
}

__attribute__((weak)) void w2n_rt_main_wasi_free(void *wasi)
{
	(void)wasi;
}
