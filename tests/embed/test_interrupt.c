/*
 * test_interrupt.c - interruption and resource limits through the
 * embedding API (docs/interruption.md), on interrupt.wat compiled
 * --interruptible=epoch and --interruptible=fuel: runaway code (an empty
 * loop, exponential recursion without loops) stopped by the epoch from a
 * ticker thread, by a deadline moved from another thread and by fuel;
 * callbacks that extend a deadline or refuel; fuel consumed exactly and
 * the same on every run; memory, table and stack limits.
 *
 * usage: embed_test_interrupt EPOCH_PLUGIN FUEL_PLUGIN
 */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "../check.h"
#include "wasm2native.h"

static atomic_bool stop_ticking;

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
	nanosleep(&ts, NULL);
}

/* Bumps the epoch every millisecond until told to stop. */
static void *ticker(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop_ticking)) {
		sleep_ms(1);
		w2n_epoch_increment();
	}
	return NULL;
}

/* Calls export `name` with one i32 and checks that it trapped `kind`. */
static void expect_trap(w2n_instance *inst, const char *name, int32_t arg,
                        w2n_trap_kind kind)
{
	w2n_error err;
	w2n_value args[1] = {w2n_i32(arg)}, results[1];
	size_t nargs = 1, nresults = 0;
	if (strcmp(name, "spin") == 0)
		nargs = 0;
	else if (strcmp(name, "fork") != 0)
		nresults = 1;
	CHECK(!w2n_call(inst, name, args, nargs, results, nresults, &err));
	CHECK_EQ(err.kind, W2N_ERROR_TRAP);
	CHECK_EQ(err.trap, kind);
}

static int32_t call_i32(w2n_instance *inst, const char *name, int32_t arg)
{
	w2n_error err;
	w2n_value args[1] = {w2n_i32(arg)}, results[1] = {w2n_i32(-99)};
	if (!CHECK(w2n_call(inst, name, args, 1, results, 1, &err)))
		fprintf(stderr, "    %s: %s\n", name, err.message);
	return results[0].i32;
}

static w2n_instance *instantiate(w2n_module *m, const w2n_instance_limits *l)
{
	w2n_error err;
	w2n_instance *inst = w2n_instantiate_with(m, NULL, l, &err);
	if (!CHECK(inst))
		fprintf(stderr, "    %s\n", err.message);
	return inst;
}

/* ---- Epochs ---- */

static void epoch_ticks(w2n_module *m)
{
	check_context("epoch ticks");
	w2n_instance *inst = instantiate(m, NULL);
	pthread_t t;
	atomic_store(&stop_ticking, false);
	pthread_create(&t, NULL, ticker, NULL);
	CHECK(w2n_instance_set_epoch_deadline(inst, 20, NULL));
	expect_trap(inst, "spin", 0, W2N_TRAP_KIND_INTERRUPTED);
	CHECK(w2n_instance_set_epoch_deadline(inst, 20, NULL));
	expect_trap(inst, "fork", 64, W2N_TRAP_KIND_INTERRUPTED);
	/* After a trap the instance works on. */
	CHECK(w2n_instance_set_epoch_deadline(inst, UINT64_MAX, NULL));
	CHECK_EQ(call_i32(inst, "count", 1000), 1000);
	atomic_store(&stop_ticking, true);
	pthread_join(t, NULL);
	w2n_instance_free(inst);
}

/* Moves `inst`'s deadline to now after a while. */
static void *interrupter(void *arg)
{
	sleep_ms(50);
	w2n_instance_set_epoch_deadline(arg, 0, NULL);
	return NULL;
}

/* A deadline moved while the code runs counts from its next function
 * entry (a loop that calls nothing may keep the one it read: the epoch
 * stops such loops). */
static void epoch_moved(w2n_module *m)
{
	check_context("deadline moved from another thread");
	w2n_instance *inst = instantiate(m, NULL);
	pthread_t t;
	pthread_create(&t, NULL, interrupter, inst);
	expect_trap(inst, "fork", 64, W2N_TRAP_KIND_INTERRUPTED);
	pthread_join(t, NULL);
	w2n_instance_free(inst);
}

/* An interrupt callback's plan: give `grant` ticks or fuel for `why`
 * `times` times, then let the code trap; `calls` counts its calls. */
typedef struct plan {
	w2n_trap_kind why;
	uint64_t grant;
	unsigned times, calls;
} plan;

static uint64_t follow(void *env, w2n_instance *inst, w2n_trap_kind why)
{
	plan *p = env;
	(void)inst;
	CHECK_EQ(why, p->why);
	return ++p->calls <= p->times ? p->grant : 0;
}

static void epoch_callback(w2n_module *m)
{
	check_context("epoch callback");
	w2n_instance *inst = instantiate(m, NULL);
	plan extend = {W2N_TRAP_KIND_INTERRUPTED, 1, 3, 0};
	w2n_instance_set_interrupt_callback(inst, follow, &extend);
	pthread_t t;
	atomic_store(&stop_ticking, false);
	pthread_create(&t, NULL, ticker, NULL);
	CHECK(w2n_instance_set_epoch_deadline(inst, 1, NULL));
	expect_trap(inst, "spin", 0, W2N_TRAP_KIND_INTERRUPTED);
	CHECK_EQ(extend.calls, 4);
	atomic_store(&stop_ticking, true);
	pthread_join(t, NULL);
	w2n_instance_free(inst);
}

/* ---- Fuel ---- */

/* The fuel count(n) consumes. */
static uint64_t fuel_of_count(w2n_instance *inst, int32_t n)
{
	CHECK(w2n_instance_set_fuel(inst, 1000000, NULL));
	CHECK_EQ(call_i32(inst, "count", n), n);
	return 1000000 - w2n_instance_fuel(inst);
}

static void fuel(w2n_module *m)
{
	check_context("fuel");
	w2n_instance *inst = instantiate(m, NULL);
	CHECK_EQ(fuel_of_count(inst, 1000), 2 + 8 * 1000);
	CHECK_EQ(fuel_of_count(inst, 1000), fuel_of_count(inst, 1000));
	CHECK(w2n_instance_set_fuel(inst, 100, NULL));
	expect_trap(inst, "count", 1000, W2N_TRAP_KIND_OUT_OF_FUEL);
	CHECK_EQ(w2n_instance_fuel(inst), 0);
	CHECK(w2n_instance_set_fuel(inst, 100000, NULL));
	expect_trap(inst, "spin", 0, W2N_TRAP_KIND_OUT_OF_FUEL);
	CHECK(w2n_instance_set_fuel(inst, 100000, NULL));
	expect_trap(inst, "fork", 64, W2N_TRAP_KIND_OUT_OF_FUEL);

	check_context("refuel");
	plan refuel = {W2N_TRAP_KIND_OUT_OF_FUEL, 1000, 5, 0};
	w2n_instance_set_interrupt_callback(inst, follow, &refuel);
	CHECK(w2n_instance_set_fuel(inst, 100, NULL));
	CHECK_EQ(call_i32(inst, "count", 500), 500); /* 4002: 4 refuels */
	CHECK_EQ(refuel.calls, 4);
	CHECK_EQ(w2n_instance_fuel(inst), 100 + 4 * 1000 - 4002);
	refuel.calls = 0; /* 8002 > 100 + 5 * 1000: the sixth call refuses */
	CHECK(w2n_instance_set_fuel(inst, 100, NULL));
	expect_trap(inst, "count", 1000, W2N_TRAP_KIND_OUT_OF_FUEL);
	CHECK_EQ(refuel.calls, 6);
	w2n_instance_free(inst);
}

/* ---- Limits ---- */

static void memory_and_table_limits(w2n_module *m)
{
	check_context("memory and table limits");
	w2n_instance_limits l;
	w2n_instance_limits_init(&l);
	l.max_memory_bytes = 3 * 65536;
	l.max_table_elems = 3;
	w2n_instance *inst = instantiate(m, &l);
	CHECK_EQ(call_i32(inst, "grow", 3), -1); /* 4 pages: past it */
	CHECK_EQ(call_i32(inst, "grow", 2), 1);  /* 3 pages: at it */
	CHECK_EQ(call_i32(inst, "grow", 1), -1);
	CHECK_EQ(call_i32(inst, "grow", 0), 3);
	CHECK_EQ(call_i32(inst, "table_grow", 3), -1);
	CHECK_EQ(call_i32(inst, "table_grow", 2), 1);
	CHECK_EQ(call_i32(inst, "table_grow", 1), -1);
	w2n_instance_free(inst);

	w2n_error err;
	l.max_memory_bytes = 65535; /* below the initial page */
	CHECK(!w2n_instantiate_with(m, NULL, &l, &err));
	CHECK_EQ(err.kind, W2N_ERROR_USAGE);
	CHECK_STR(err.message, "memory 0 of 65536 bytes exceeds the "
	                       "instance's limit of 65535 bytes");
	w2n_instance_limits_init(&l);
	l.max_table_elems = 0;
	CHECK(!w2n_instantiate_with(m, NULL, &l, &err));
	CHECK_EQ(err.kind, W2N_ERROR_USAGE);
}

static void stack_limit(w2n_module *m)
{
	check_context("stack limit");
	w2n_instance *plain = instantiate(m, NULL);
	CHECK_EQ(call_i32(plain, "deep", 20000), 20000);
	w2n_instance_free(plain);
	w2n_instance_limits l;
	w2n_instance_limits_init(&l);
	l.max_stack_bytes = 64 * 1024;
	w2n_instance *inst = instantiate(m, &l);
	expect_trap(inst, "deep", 20000, W2N_TRAP_KIND_STACK_EXHAUSTED);
	CHECK_EQ(call_i32(inst, "deep", 100), 100); /* and on it goes */
	expect_trap(inst, "deep", 20000, W2N_TRAP_KIND_STACK_EXHAUSTED);
	w2n_instance_free(inst);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s EPOCH_PLUGIN FUEL_PLUGIN\n",
		        argv[0]);
		return 2;
	}
	w2n_error err;
	w2n_module *epoch = w2n_module_load(argv[1], &err);
	w2n_module *fuelled = w2n_module_load(argv[2], &err);
	if (!CHECK(epoch && fuelled)) {
		fprintf(stderr, "    %s\n", err.message);
		return check_report("embed-interrupt");
	}
	CHECK_EQ(w2n_module_interruptible(epoch), W2N_INTERRUPTIBLE_EPOCH);
	CHECK_EQ(w2n_module_interruptible(fuelled), W2N_INTERRUPTIBLE_FUEL);
	epoch_ticks(epoch);
	epoch_moved(epoch);
	epoch_callback(epoch);
	fuel(fuelled);
	w2n_instance *inst = instantiate(epoch, NULL);
	check_context("refused");
	CHECK(!w2n_instance_set_fuel(inst, 1, &err));
	CHECK_EQ(err.kind, W2N_ERROR_USAGE);
	w2n_instance_free(inst);
	memory_and_table_limits(epoch);
	stack_limit(fuelled);
	w2n_module_free(epoch);
	w2n_module_free(fuelled);
	return check_report("embed-interrupt");
}
