/*
 * test_trap.c - traps: w2n_rt_trap unwinding to the innermost
 * w2n_rt_invoke with kind, function and module; nested host -> Wasm calls;
 * GUARD memory faults and stack exhaustion turned into traps by the
 * signal handler, also on a thread with a 256 KiB stack and on threads
 * trapping at the same time; faults that are not traps still crashing.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fake.h"
#include "recurse.h"
#include "../check.h"

enum { F_HOST, F_BODY, F_RECURSE, F_READ, F_DIVIDE, NFUNCS };
enum { PAGE = 65536 };

/* ---- The module: functions standing in for generated code ---- */

/* [i64] -> [i64]: the byte at memory 0 + offset, unchecked (GUARD). */
static int64_t read_at(void *ctx, int64_t offset)
{
	volatile uint8_t *base = w2n_rt_instance_memory(ctx, 0)->base;
	return base[offset];
}

/* [i32] -> [i32]: 100 / x, trapping as generated code does. */
static int32_t divide(void *ctx, int32_t x)
{
	if (x == 0)
		w2n_rt_trap(ctx, F_DIVIDE, W2N_TRAP_DIV_BY_ZERO, UINT32_MAX);
	return 100 / x;
}

/* How the host import behaves (env of the closure). */
typedef struct host_env {
	int fail;             /* return non-zero after the inner calls */
	w2n_rt_error inner;   /* the nested trapping call's error */
	int32_t inner_result; /* the nested good call's result */
	bool inner_ok[2];
} host_env;

/* The host import: calls back into the caller, once trapping, once not. */
static int host_nested(void *envp, w2n_rt_instance *caller, w2n_rt_value *vals)
{
	host_env *env = envp;
	w2n_rt_value v[1] = {{.i32 = 0}};
	w2n_rt_func *divide_fn = w2n_rt_instance_func(caller, F_DIVIDE);
	env->inner_ok[0] =
	    w2n_rt_invoke(caller, divide_fn, FT_I_I, v, &env->inner);
	v[0].i32 = 5;
	env->inner_ok[1] = w2n_rt_invoke(caller, divide_fn, FT_I_I, v, NULL);
	env->inner_result = v[0].i32;
	vals[0].i32 = 7;
	return env->fail;
}

static host_env the_host_env;

static bool resolve_host(void *env, w2n_rt_instance *inst,
                         const w2n_rt_import *import,
                         const w2n_rt_functype *type, w2n_rt_extern *out,
                         w2n_rt_error *err)
{
	(void)import;
	(void)err;
	out->kind = W2N_RT_EXTERN_FUNC;
	return w2n_rt_host_func(inst, type, host_nested, env, &out->u.func);
}

static fake_module the_module;

static w2n_rt_instance *new_instance(void)
{
	fake_module *fm = &the_module;
	fake_init(fm);
	fm->m.bounds = FAKE_ANY_BOUNDS;
	fake_import(fm, "env", "host", W2N_RT_EXTERN_FUNC, 0);
	fm->m.nfuncs = fm->m.nfunc_imports = 1;
	fm->func_types[F_HOST] = FT_I_I;
	fake_func(fm, FT_V_V, FAKE_CODE(fake_run_body), "body");
	fake_func(fm, FT_I_I, FAKE_CODE(recurse_deep), "recurse");
	fake_func(fm, FT_L_L, FAKE_CODE(read_at), "read_at");
	fake_func(fm, FT_I_I, FAKE_CODE(divide), "divide");
	fm->m.nmemories = 1;
	fm->memories[0] = (w2n_rt_limits){1, 4, 1, 0, 0, 0};
	w2n_rt_error err;
	w2n_rt_instance *inst = w2n_rt_instantiate(
	    fake_finish(fm), resolve_host, &the_host_env, &err);
	if (!inst) {
		fprintf(stderr, "cannot instantiate: %s\n", err.message);
		exit(1);
	}
	return inst;
}

/* Calls function `index` of type `type` with one argument; the trap kind
 * (W2N_TRAP_NONE if it returned, then *result is set). */
static uint32_t call1(w2n_rt_instance *inst, uint32_t index, uint32_t type,
                      int64_t arg, int64_t *result, w2n_rt_error *err)
{
	w2n_rt_value vals[1];
	w2n_rt_error own;
	if (!err)
		err = &own;
	if (type == FT_L_L)
		vals[0].i64 = arg;
	else
		vals[0].i32 = (int32_t)arg;
	if (!w2n_rt_invoke(inst, w2n_rt_instance_func(inst, index), type, vals,
	                   err))
		return err->trap;
	if (result)
		*result = type == FT_L_L ? vals[0].i64 : vals[0].i32;
	return W2N_TRAP_NONE;
}

/* ---- w2n_rt_trap ---- */

/* Traps `depth` C calls down. */
static void trap_below(w2n_rt_instance *inst, uint32_t kind, int depth)
{
	if (kind == W2N_TRAP_NONE)
		return;
	if (depth > 0)
		trap_below(inst, kind, depth - 1);
	w2n_rt_trap(inst, F_BODY, kind, UINT32_MAX);
}

static void trap_deep(w2n_rt_instance *inst, void *arg)
{
	trap_below(inst, *(const uint32_t *)arg, 3);
}

static void check_trap_kinds(w2n_rt_instance *inst)
{
	for (uint32_t kind = 1; kind < W2N_TRAP_COUNT; kind++) {
		w2n_rt_error err;
		CHECK(!fake_call(inst, F_BODY, trap_deep, &kind, &err));
		CHECK_EQ(err.trap, kind);
		CHECK_EQ(err.func, F_BODY);
		CHECK(err.module == &the_module.m);
		CHECK_STR(err.message, w2n_rt_trap_text(kind));
	}
	int64_t r = 0;
	CHECK_EQ(call1(inst, F_DIVIDE, FT_I_I, 4, &r, NULL), W2N_TRAP_NONE);
	CHECK_EQ(r, 25);
	CHECK_STR(w2n_rt_trap_text(W2N_TRAP_NONE), "no trap");
	CHECK_STR(w2n_rt_trap_text(W2N_TRAP_COUNT), "unknown trap");
	CHECK_STR(w2n_rt_trap_text(W2N_TRAP_STACK_EXHAUSTED),
	          "call stack exhausted");
	CHECK_STR(w2n_rt_trap_text(W2N_TRAP_OOB_MEMORY),
	          "out of bounds memory access");
}

/* body -> host import -> (divide traps, divide returns) -> body goes on */
static void call_host(w2n_rt_instance *inst, void *arg)
{
	const w2n_rt_func *host = w2n_rt_instance_func(inst, F_HOST);
	int32_t (*fn)(void *, int32_t);
	FAKE_LOAD(fn, host);
	*(int32_t *)arg = fn(host->ctx, 1);
}

static void check_nested(w2n_rt_instance *inst)
{
	host_env *env = &the_host_env;
	int32_t got = 0;
	w2n_rt_error err;
	env->fail = 0;
	CHECK(fake_call(inst, F_BODY, call_host, &got, &err));
	CHECK_EQ(got, 7);
	CHECK(!env->inner_ok[0] && env->inner_ok[1]);
	CHECK_EQ(env->inner.trap, W2N_TRAP_DIV_BY_ZERO);
	CHECK_EQ(env->inner.func, F_DIVIDE);
	CHECK_EQ(env->inner_result, 20);
	env->fail = 1;
	CHECK(!fake_call(inst, F_BODY, call_host, &got, &err));
	CHECK_EQ(err.trap, W2N_TRAP_HOST);
	CHECK(env->inner_ok[1]);
}

/* ---- Faults ---- */

static void check_guard(w2n_rt_instance *inst)
{
	w2n_rt_error err;
	int64_t r = -1;
	CHECK_EQ(call1(inst, F_READ, FT_L_L, INT64_C(5) << 30, NULL, &err),
	         W2N_TRAP_OOB_MEMORY);
	/* The fault's function, found by its code (backtrace.c). */
	CHECK_EQ(err.func, F_READ);
	CHECK(err.module == w2n_rt_instance_module(inst));
	CHECK(err.nframes >= 1 && err.frames[0].func == F_READ);
	CHECK_STR(err.message, "out of bounds memory access");
	CHECK_EQ(call1(inst, F_READ, FT_L_L, PAGE, NULL, &err),
	         W2N_TRAP_OOB_MEMORY);
	CHECK_EQ(call1(inst, F_READ, FT_L_L, (int64_t)W2N_RT_GUARD_RESERVE - 1,
	               NULL, &err),
	         W2N_TRAP_OOB_MEMORY);
	CHECK_EQ(call1(inst, F_READ, FT_L_L, PAGE - 1, &r, &err),
	         W2N_TRAP_NONE);
	CHECK_EQ(r, 0);
	w2n_rt_memory *mem = w2n_rt_instance_memory(inst, 0);
	CHECK_EQ(w2n_rt_memory_grow(inst, 0, 1), 1);
	mem->base[PAGE] = 9;
	CHECK_EQ(call1(inst, F_READ, FT_L_L, PAGE, &r, &err), W2N_TRAP_NONE);
	CHECK_EQ(r, 9);
	CHECK_EQ(call1(inst, F_READ, FT_L_L, 2 * PAGE, NULL, &err),
	         W2N_TRAP_OOB_MEMORY);
}

/* Unbounded recursion traps, again and again, and calls work after. */
static void check_recursion(w2n_rt_instance *inst)
{
	for (int i = 0; i < 3; i++) {
		w2n_rt_error err;
		CHECK_EQ(call1(inst, F_RECURSE, FT_I_I, 0, NULL, &err),
		         W2N_TRAP_STACK_EXHAUSTED);
		CHECK_STR(err.message, "call stack exhausted");
	}
	int64_t r = 0;
	CHECK_EQ(call1(inst, F_DIVIDE, FT_I_I, 50, &r, NULL), W2N_TRAP_NONE);
	CHECK_EQ(r, 2);
}

static void *small_stack_thread(void *arg)
{
	w2n_rt_instance *inst = arg;
	check_recursion(inst);
	check_trap_kinds(inst);
	if (FAKE_HAS_GUARD)
		CHECK_EQ(
		    call1(inst, F_READ, FT_L_L, INT64_C(5) << 30, NULL, NULL),
		    W2N_TRAP_OOB_MEMORY);
	stack_t st;
	CHECK(sigaltstack(NULL, &st) == 0 && !(st.ss_flags & SS_DISABLE));
	return NULL;
}

/* Runs fn(inst) on a new thread with a `stack`-byte stack, joined. */
static void on_thread(size_t stack, void *(*fn)(void *), w2n_rt_instance *inst)
{
	pthread_attr_t attr;
	pthread_t th;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, stack);
	CHECK(pthread_create(&th, &attr, fn, inst) == 0);
	pthread_join(th, NULL);
	pthread_attr_destroy(&attr);
}

/* ---- Threads trapping at the same time ---- */

enum { ROUNDS = 2000 };

typedef struct racer {
	w2n_rt_instance *inst;
	bool guard; /* fault in GUARD memory, else w2n_rt_trap */
	unsigned wrong;
} racer;

static void *race(void *arg)
{
	racer *r = arg;
	for (int i = 0; i < ROUNDS; i++) {
		w2n_rt_error err;
		int64_t v = 0;
		if (r->guard) {
			uint32_t k = call1(r->inst, F_READ, FT_L_L,
			                   INT64_C(6) << 30, NULL, &err);
			r->wrong +=
			    k != W2N_TRAP_OOB_MEMORY || err.func != F_READ;
		} else {
			uint32_t k =
			    call1(r->inst, F_DIVIDE, FT_I_I, 0, NULL, &err);
			r->wrong +=
			    k != W2N_TRAP_DIV_BY_ZERO || err.func != F_DIVIDE;
		}
		r->wrong += call1(r->inst, F_DIVIDE, FT_I_I, 10, &v, NULL) !=
		                W2N_TRAP_NONE ||
		            v != 10;
	}
	return NULL;
}

static void check_concurrent(w2n_rt_instance *inst)
{
	racer r[4] = {{inst, FAKE_HAS_GUARD, 0},
	              {inst, false, 0},
	              {inst, FAKE_HAS_GUARD, 0},
	              {inst, false, 0}};
	pthread_t th[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, race, &r[i]);
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK_EQ(r[i].wrong, 0);
	}
}

/* Many short-lived threads: each sets up and (at exit) drops its signal
 * stack. */
static void *trap_once(void *arg)
{
	w2n_rt_instance *inst = arg;
	CHECK_EQ(call1(inst, F_DIVIDE, FT_I_I, 0, NULL, NULL),
	         W2N_TRAP_DIV_BY_ZERO);
	return NULL;
}

static void check_thread_churn(w2n_rt_instance *inst)
{
	for (int i = 0; i < 50; i++)
		on_thread(128 * 1024, trap_once, inst);
}

/* ---- Faults that are not traps still kill the process ---- */

static void fault_null(w2n_rt_instance *inst, void *arg)
{
	(void)inst;
	(void)arg;
	static volatile uintptr_t address = 16; /* opaque to the compiler */
	*(volatile int *)address = 1;
}

static void self_kill(w2n_rt_instance *inst, void *arg)
{
	(void)inst;
	(void)arg;
	kill(getpid(), SIGSEGV);
}

/* Runs `what` in a child process; the signal that ended it, or 0. */
static int child_signal(w2n_rt_instance *inst, int what)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		switch (what) {
		case 0: fault_null(inst, NULL); break;
		case 1: fake_call(inst, F_BODY, fault_null, NULL, NULL); break;
		case 2: fake_call(inst, F_BODY, self_kill, NULL, NULL); break;
		default: w2n_rt_trap(inst, 0, W2N_TRAP_UNREACHABLE, UINT32_MAX);
		}
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void check_real_crashes(w2n_rt_instance *inst)
{
	CHECK_EQ(child_signal(inst, 0), SIGSEGV); /* outside Wasm */
	CHECK_EQ(child_signal(inst, 1), SIGSEGV); /* inside, not a trap */
	CHECK_EQ(child_signal(inst, 2), SIGSEGV); /* sent, not a fault */
	CHECK_EQ(child_signal(inst, 3), SIGABRT); /* trap outside invoke */
}

int main(void)
{
	w2n_rt_instance *inst = new_instance();
	check_trap_kinds(inst);
	check_nested(inst);
	if (FAKE_HAS_GUARD) /* read_at reads unchecked: guard memory only */
		check_guard(inst);
	check_recursion(inst);
	on_thread(256 * 1024, small_stack_thread, inst);
	check_concurrent(inst);
	check_thread_churn(inst);
	if (!getenv("W2N_TEST_NO_FORK"))
		check_real_crashes(inst);
	w2n_rt_instance_free(inst);
	return check_report("rt-trap");
}
