/*
 * main.c - the entry point of programs compiled by wasm2native, part of
 * the WASI shim's library so that it calls the shim directly.  Codegen
 * emits the program's descriptor as `w2n_main_module` (and, with --dir or
 * --env, its WASI items as `w2n_main_config`); main makes the program's
 * WASI context (wasi_ctx_from_options), instantiates the module with the
 * shim's resolver, and calls its "_start" export (or else "main").  A
 * program without WASI imports gets a context it never uses.
 * Exit status: 0 when the entry returns (or main's i32 result), 1 with
 * `wasm2native: error: MESSAGE` when the program cannot start, 134 with
 * `wasm trap: TEXT[ in function NAME]` on a trap, also one in the start
 * function, and with `wasm exception: uncaught exception of tag NAME
 * (VALUES)` on an exception nothing caught.  WASI proc_exit calls exit()
 * itself. A program compiled with --invoke NAME calls _initialize (when
 * exported) and then NAME with its arguments read as the parameters, and prints
 * each result on a line, as `wasmtime run --invoke` does.
 * Limit items (--max-memory, --max-table, --max-stack) apply to the
 * instance; --timeout (--fuel) needs a program compiled
 * --interruptible=epoch (fuel): a timer thread bumps the epoch once the
 * time is up, and the program ends with the trap "interrupted".
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <time.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasi_internal.h"

extern const w2n_rt_module w2n_main_module;
/* The compiled-in WASI items (wasi.h, wasi_ctx_from_options); empty
 * unless codegen emitted them (config_default.c). */
extern const char w2n_main_config[];
/* Emitted by codegen for `--invoke NAME`: the export main calls instead of
 * _start.  Weak, so that it is a null address in other programs. */
extern const char w2n_main_invoke[] __attribute__((weak));

/* Whether function `index` of `m` has `nresults` results and no
 * parameters; entry points take nothing. */
static bool entry_type(const w2n_rt_module *m, uint32_t index,
                       uint32_t nresults)
{
	const w2n_rt_functype *t = &m->types[m->func_types[index]];
	return t->nparams == 0 && t->nresults == nresults &&
	       (nresults == 0 || t->types[0] == W2N_RT_I32);
}

/* Calls the entry point; the process's exit status. */
static int run_entry(w2n_rt_instance *inst)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	const w2n_rt_export *e = w2n_rt_find_export(m, "_start");
	if (!e)
		e = w2n_rt_find_export(m, "main");
	if (!e)
		return wasi_report_error("no _start or main export");
	bool returns_i32 = e->kind == W2N_RT_EXTERN_FUNC && e->name[0] == 'm' &&
	                   entry_type(m, e->index, 1);
	if (e->kind != W2N_RT_EXTERN_FUNC ||
	    !(returns_i32 || entry_type(m, e->index, 0))) {
		fprintf(stderr,
		        "wasm2native: error: export %s is not a "
		        "function of type [] -> []\n",
		        e->name);
		return WASI_EXIT_ERROR;
	}
	w2n_rt_value vals[1] = {{.i32 = 0}};
	w2n_rt_error err;
	if (!w2n_rt_invoke(inst, w2n_rt_instance_func(inst, e->index),
	                   m->func_types[e->index], vals, &err))
		return wasi_report(&err);
	return returns_i32 ? vals[0].i32 : 0;
}

static const char *type_name(uint8_t t)
{
	switch (t) {
	case W2N_RT_I32: return "i32";
	case W2N_RT_I64: return "i64";
	case W2N_RT_F32: return "f32";
	default: return "f64";
	}
}

/* Reads argument `s` as a value of type `t`; false when it is not one. */
static bool parse_value(const char *s, uint8_t t, w2n_rt_value *v)
{
	char *end;
	errno = 0;
	if (t == W2N_RT_F32)
		v->f32 = strtof(s, &end);
	else if (t == W2N_RT_F64)
		v->f64 = strtod(s, &end);
	if (t == W2N_RT_F32 || t == W2N_RT_F64)
		return end != s && !*end;
	long long x = strtoll(s, &end, 0);
	if (errno == ERANGE && s[0] != '-') {
		errno = 0;
		x = (long long)strtoull(s, &end, 0);
	}
	if (end == s || *end || errno)
		return false;
	if (t == W2N_RT_I64) {
		v->i64 = x;
		return true;
	}
	v->i32 = (int32_t)(uint32_t)x;
	return x >= INT32_MIN && x <= (long long)UINT32_MAX;
}

/* The shortest decimal that reads back as `d` (digits of a float type). */
static void print_real(double d, int max_digits)
{
	if (isnan(d)) {
		puts("NaN");
		return;
	}
	if (isinf(d)) {
		puts(d < 0 ? "-inf" : "inf");
		return;
	}
	char buf[64];
	for (int p = 1; p <= max_digits; p++) {
		snprintf(buf, sizeof buf, "%.*g", p, d);
		double back = strtod(buf, NULL);
		if (max_digits == 9 ? (float)back == (float)d : back == d)
			break;
	}
	puts(buf);
}

static void print_value(uint8_t t, const w2n_rt_value *v)
{
	switch (t) {
	case W2N_RT_I32: printf("%d\n", v->i32); break;
	case W2N_RT_I64: printf("%lld\n", (long long)v->i64); break;
	case W2N_RT_F32: print_real(v->f32, 9); break;
	default: print_real(v->f64, 17); break;
	}
}

/* Calls export `e` with arguments `args`; the exit status. */
static int invoke_export(w2n_rt_instance *inst, const w2n_rt_export *e,
                         int nargs, char **args)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	const w2n_rt_functype *t = &m->types[m->func_types[e->index]];
	if (nargs != (int)t->nparams) {
		fprintf(stderr,
		        "wasm2native: error: %s takes %u arguments, "
		        "given %d\n",
		        e->name, t->nparams, nargs);
		return WASI_EXIT_ERROR;
	}
	uint32_t n = t->nparams > t->nresults ? t->nparams : t->nresults;
	w2n_rt_value *vals = calloc(n ? n : 1, sizeof *vals);
	int status = vals ? 0 : WASI_EXIT_ERROR;
	for (uint32_t i = 0; vals && !status && i < t->nparams; i++)
		if (!parse_value(args[i], t->types[i], &vals[i])) {
			fprintf(stderr,
			        "wasm2native: error: argument %u of %s: "
			        "'%s' is not a %s\n",
			        i + 1, e->name, args[i],
			        type_name(t->types[i]));
			status = WASI_EXIT_ERROR;
		}
	w2n_rt_error err;
	if (!status &&
	    !w2n_rt_invoke(inst, w2n_rt_instance_func(inst, e->index),
	                   m->func_types[e->index], vals, &err))
		status = wasi_report(&err);
	for (uint32_t i = 0; !status && i < t->nresults; i++)
		print_value(t->types[t->nparams + i], &vals[i]);
	free(vals);
	return status;
}

/* --invoke: _initialize when exported, then the named export. */
static int run_invoke(w2n_rt_instance *inst, int argc, char **argv)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	const w2n_rt_export *init = w2n_rt_find_export(m, "_initialize");
	if (init && init->kind == W2N_RT_EXTERN_FUNC &&
	    entry_type(m, init->index, 0)) {
		w2n_rt_value none[1];
		w2n_rt_error err;
		if (!w2n_rt_invoke(inst,
		                   w2n_rt_instance_func(inst, init->index),
		                   m->func_types[init->index], none, &err))
			return wasi_report(&err);
	}
	const w2n_rt_export *e = w2n_rt_find_export(m, w2n_main_invoke);
	if (!e || e->kind != W2N_RT_EXTERN_FUNC)
		return wasi_report_error("the --invoke export is missing");
	return invoke_export(inst, e, argc - 1, argv + 1);
}

/* The timer thread: one epoch tick when the time is up. */
static void *time_up(void *arg)
{
	uint64_t ns = *(const uint64_t *)arg;
	struct timespec ts = {(time_t)(ns / 1000000000u),
	                      (long)(ns % 1000000000u)};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		continue;
	w2n_rt_epoch_increment();
	return NULL;
}

/* Whether the program was compiled for what a limit item needs. */
static bool interruptible_for(uint64_t asked, uint32_t mode, const char *item)
{
	if (!asked || w2n_main_module.interruptible == mode)
		return true;
	fprintf(stderr,
	        "wasm2native: error: %s needs a program compiled with "
	        "--interruptible=%s\n",
	        item, mode == W2N_RT_INTERRUPT_EPOCH ? "epoch" : "fuel");
	return false;
}

/* Sets the instance's fuel and starts the timer the limits ask for. */
static bool apply_limits(w2n_rt_instance *inst, const wasi_program_limits *l)
{
	static uint64_t timeout_ns; /* the timer thread's, for good */
	pthread_t timer;
	if (l->fuel)
		w2n_rt_set_fuel(inst, l->fuel);
	if (!l->timeout_ns)
		return true;
	timeout_ns = l->timeout_ns;
	w2n_rt_set_epoch_deadline(inst, 1);
	if (pthread_create(&timer, NULL, time_up, &timeout_ns) != 0)
		return false;
	pthread_detach(timer);
	return true;
}

int main(int argc, char **argv)
{
	w2n_rt_error err;
	wasi_program_limits limits;
	wasi_ctx *wasi = wasi_program_from_options(
	    argc, argv, w2n_main_config, getenv("WASM2NATIVE_OPTIONS"), &limits,
	    &err);
	if (!wasi)
		return wasi_report_error(err.message);
	if (!interruptible_for(limits.timeout_ns, W2N_RT_INTERRUPT_EPOCH,
	                       "--timeout") ||
	    !interruptible_for(limits.fuel, W2N_RT_INTERRUPT_FUEL, "--fuel")) {
		wasi_ctx_free(wasi);
		return WASI_EXIT_ERROR;
	}
	signal(SIGPIPE, SIG_IGN); /* writes to a closed pipe give EPIPE */
	w2n_rt_instance *inst = w2n_rt_instantiate_limited(
	    &w2n_main_module, wasi_resolve, wasi, &limits.limits, &err);
	int status = WASI_EXIT_ERROR;
	if (inst && !apply_limits(inst, &limits)) {
		wasi_report_error("cannot start the --timeout timer");
	} else if (inst) {
		((w2n_rt_instance_header *)(void *)inst)->wasi = wasi;
		status = w2n_main_invoke ? run_invoke(inst, argc, argv)
		                         : run_entry(inst);
	} else {
		status = wasi_report(&err);
	}
	w2n_rt_instance_free(inst);
	wasi_ctx_free(wasi);
	return status;
}
