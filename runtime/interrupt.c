/*
 * interrupt.c - stopping Wasm code that runs too long
 * (docs/interruption.md).  Code compiled --interruptible=epoch compares
 * the process-wide epoch with its instance's deadline at every function
 * entry and loop header; code compiled --interruptible=fuel charges the
 * instructions it is about to run against its instance's fuel.  When the
 * deadline passed or the fuel ran out, it calls w2n_rt_interrupt, which
 * asks the host's handler for more (ticks or fuel) or traps.
 *
 * The epoch is one counter for the process, bumped from any thread (or a
 * signal handler); deadlines and fuel live in each instance block
 * (w2n_rt_interrupt, at layout.interrupt), where generated code reads
 * them with one load each.
 */
#include "rt_internal.h"

/* Ticks since the process started: only ever grows. */
static uint64_t epoch_counter;

/* The instance's interruption state; NULL when its code is not
 * interruptible (descriptors made by hand may not have one). */
static w2n_rt_interruption *interrupt_of(const w2n_rt_instance *inst)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	if (m->interruptible == W2N_RT_INTERRUPT_NONE)
		return NULL;
	return w2n_rt_instance_slot(inst, m->layout.interrupt);
}

static uint64_t epoch_now(void)
{
	return __atomic_load_n(&epoch_counter, __ATOMIC_RELAXED);
}

static uint64_t add_saturating(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

void w2n_rt_epoch_increment(void)
{
	__atomic_fetch_add(&epoch_counter, 1, __ATOMIC_RELAXED);
}

void w2n_rt_interrupt_init(w2n_rt_instance *inst)
{
	w2n_rt_interruption *ir = interrupt_of(inst);
	if (!ir)
		return;
	ir->epoch = &epoch_counter;
	ir->deadline = UINT64_MAX; /* never */
	ir->fuel = INT64_MAX;      /* as good as unlimited */
}

void w2n_rt_set_epoch_deadline(w2n_rt_instance *inst, uint64_t ticks)
{
	/* A store the instance's thread may read at any time: atomic, so
	 * that it never sees half of it. */
	w2n_rt_interruption *ir = interrupt_of(inst);
	if (ir)
		__atomic_store_n(&ir->deadline,
		                 add_saturating(epoch_now(), ticks),
		                 __ATOMIC_RELAXED);
}

void w2n_rt_set_fuel(w2n_rt_instance *inst, uint64_t fuel)
{
	w2n_rt_interruption *ir = interrupt_of(inst);
	if (ir)
		ir->fuel = fuel > INT64_MAX ? INT64_MAX : (int64_t)fuel;
}

uint64_t w2n_rt_fuel(const w2n_rt_instance *inst)
{
	const w2n_rt_interruption *ir = interrupt_of(inst);
	if (!ir)
		return UINT64_MAX; /* not counted */
	return ir->fuel < 0 ? 0 : (uint64_t)ir->fuel;
}

void w2n_rt_set_interrupt_handler(w2n_rt_instance *inst,
                                  w2n_rt_interrupt_fn *fn, void *env)
{
	w2n_rt_instance_state *st = w2n_rt_state(inst);
	st->on_interrupt = fn;
	st->interrupt_env = env;
}

/* What the handler gives for trap `kind` (0: let it trap). */
static uint64_t ask_handler(w2n_rt_instance *inst, uint32_t kind)
{
	w2n_rt_instance_state *st = w2n_rt_state(inst);
	return st->on_interrupt
	           ? st->on_interrupt(st->interrupt_env, inst, kind)
	           : 0;
}

static void epoch_passed(w2n_rt_instance *inst, uint32_t func)
{
	w2n_rt_interruption *ir = interrupt_of(inst);
	uint64_t now = epoch_now();
	if (now < __atomic_load_n(&ir->deadline, __ATOMIC_RELAXED))
		return; /* moved meanwhile, or a torn read of the code's */
	uint64_t more = ask_handler(inst, W2N_TRAP_INTERRUPTED);
	if (!more)
		w2n_rt_trap(inst, func, W2N_TRAP_INTERRUPTED, UINT32_MAX);
	__atomic_store_n(&ir->deadline, add_saturating(now, more),
	                 __ATOMIC_RELAXED);
}

static void fuel_ran_out(w2n_rt_instance *inst, uint32_t func)
{
	w2n_rt_interruption *ir = interrupt_of(inst);
	while (ir->fuel < 0) {
		uint64_t more = ask_handler(inst, W2N_TRAP_OUT_OF_FUEL);
		if (!more) {
			ir->fuel = 0; /* what the host reads: none left */
			w2n_rt_trap(inst, func, W2N_TRAP_OUT_OF_FUEL,
			            UINT32_MAX);
		}
		/* Up to INT64_MAX, in unsigned arithmetic: fuel is negative
		 * here, so INT64_MAX - fuel does not fit an int64_t. */
		uint64_t room = (uint64_t)INT64_MAX - (uint64_t)ir->fuel;
		ir->fuel =
		    (int64_t)((uint64_t)ir->fuel + (more < room ? more : room));
	}
}

void w2n_rt_interrupt(w2n_rt_instance *inst, uint32_t func)
{
	switch (w2n_rt_instance_module(inst)->interruptible) {
	case W2N_RT_INTERRUPT_EPOCH: epoch_passed(inst, func); return;
	case W2N_RT_INTERRUPT_FUEL: fuel_ran_out(inst, func); return;
	}
}
