/*
 * trap.c - traps.  Every entry into Wasm code (w2n_rt_invoke,
 * instantiation's init and start) goes through w2n_rt_run_protected,
 * which pushes a sigsetjmp point on a per-thread chain.  A trap unwinds to
 * the innermost point on its thread: w2n_rt_trap from generated code or
 * runtime helpers, or the SIGSEGV/SIGBUS handler when a fault hits a GUARD
 * memory's reservation (out of bounds memory access) or the thread's stack
 * guard (call stack exhausted).  Any other fault is passed on to the
 * previous handler or the default action, so real crashes still crash.
 *
 * The trap path (w2n_rt_trap, the signal handler) never allocates: all it
 * touches is this thread's state, set up by the first protected call.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "rt_internal.h"

/* Our signal stack per thread, the smallest foreign one we reuse, and
 * how far above and below a thread's stack low end a fault counts as
 * running off the stack (below: the guard gap). */
enum {
	ALTSTACK_SIZE = 64 * 1024,
	ALTSTACK_MIN = 16 * 1024,
	STACK_SLACK_ABOVE = 64 * 1024,
	STACK_SLACK_BELOW = 1024 * 1024,
};

/* One protected call in progress. */
typedef struct trap_point {
	sigjmp_buf env;
	struct trap_point *prev;
} trap_point;

/* Everything the trap path needs of one thread. */
typedef struct thread_state {
	trap_point *top; /* innermost protected call, NULL outside Wasm */
	w2n_rt_exception *uncaught; /* the last uncaught exception */
	uint32_t kind, func;        /* the trap being delivered */
	uint32_t offset;            /* its module offset, if it said */
	const w2n_rt_module *module;
	w2n_rt_trace *trace; /* its frames (allocated: TLS stays small) */
	uintptr_t stack_lo, stack_guard; /* stack low end, guard size */
	void *altstack; /* our mapping, or NULL if we reuse another */
	size_t altstack_len;
	bool ready;
} thread_state;

/* Initial-exec TLS: reading it in the signal handler never allocates. */
static _Thread_local thread_state tls
    __attribute__((tls_model("initial-exec")));

/* Process-wide set-up, done once (pthread_once). */
static pthread_once_t setup_once = PTHREAD_ONCE_INIT;
static pthread_key_t thread_key;
static bool setup_ok;
static struct sigaction previous_segv, previous_bus;

static const char *const trap_texts[W2N_TRAP_COUNT] = {
    [W2N_TRAP_NONE] = "no trap",
#define W2N_TRAP(code, text) [W2N_TRAP_##code] = text,
#include "traps.def"
#undef W2N_TRAP
};

const char *w2n_rt_trap_text(uint32_t kind)
{
	if (kind >= W2N_TRAP_COUNT)
		return "unknown trap";
	return trap_texts[kind];
}

/* ---- Errors ---- */

bool w2n_rt_error_set(w2n_rt_error *err, w2n_rt_error_kind kind,
                      const char *fmt, ...)
{
	if (!err)
		return false;
	err->kind = kind;
	err->trap = W2N_TRAP_NONE;
	err->func = UINT32_MAX;
	err->module = NULL;
	err->kept = false;
	err->exception = NULL;
	err->nframes = 0;
	err->more_frames = false;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return false;
}

void w2n_rt_error_trap(w2n_rt_error *err, uint32_t kind,
                       const w2n_rt_module *module, uint32_t func)
{
	if (!err)
		return;
	w2n_rt_error_set(err, W2N_RT_ERROR_TRAP, "%s", w2n_rt_trap_text(kind));
	err->trap = kind;
	err->module = module;
	err->func = func;
}

/* ---- The trap path ---- */

/* Records the trap and its frames in `ts` and jumps to its innermost
 * point; `fault`: the faulting instruction of a signal, else 0. */
static _Noreturn void unwind(thread_state *ts, const w2n_rt_module *module,
                             uint32_t func, uint32_t kind, uint32_t offset,
                             uintptr_t fault)
{
	ts->kind = kind;
	ts->func = func;
	ts->module = module;
	ts->offset = offset;
	w2n_rt_trace_capture(ts->trace, fault, ts->top);
	siglongjmp(ts->top->env, 1);
}

/* A trap with nowhere to go: a bug in the embedder, not in the program. */
static _Noreturn void trap_outside_wasm(uint32_t kind)
{
	static const char head[] = "wasm2native: trap outside w2n_rt_invoke: ";
	const char *text = w2n_rt_trap_text(kind);
	if (write(STDERR_FILENO, head, sizeof head - 1) < 0 ||
	    write(STDERR_FILENO, text, strlen(text)) < 0 ||
	    write(STDERR_FILENO, "\n", 1) < 0)
		abort();
	abort();
}

_Noreturn void w2n_rt_trap(w2n_rt_instance *inst, uint32_t func, uint32_t kind,
                           uint32_t offset)
{
	thread_state *ts = &tls;
	if (!ts->top)
		trap_outside_wasm(kind);
	unwind(ts, inst ? w2n_rt_instance_module(inst) : NULL, func, kind,
	       offset, 0);
}

void *w2n_rt_protected_boundary(void)
{
	return tls.top;
}

_Noreturn void w2n_rt_deliver_exception(w2n_rt_exception *exn)
{
	thread_state *ts = &tls;
	if (!ts->top) {
		static const char msg[] =
		    "wasm2native: exception outside w2n_rt_invoke\n";
		if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
			abort();
		abort();
	}
	if (ts->uncaught)
		w2n_rt_exn_free(ts->uncaught);
	ts->uncaught = exn;
	siglongjmp(ts->top->env, 2);
}

/* Whether a fault at `addr` is this thread running off its stack: in the
 * guard gap below the stack's low end (or just above, for slack in how
 * the bounds of the main thread's stack were computed). */
static bool in_stack_guard(const thread_state *ts, uintptr_t addr)
{
	uintptr_t lo = ts->stack_lo;
	uintptr_t below = STACK_SLACK_BELOW + ts->stack_guard;
	if (lo == 0)
		return false;
	uintptr_t bottom = lo > below ? lo - below : 0;
	return addr >= bottom && addr < lo + STACK_SLACK_ABOVE;
}

/* Hands a fault that is not a trap to whoever had the signal before us;
 * with no previous handler, restores the default action so that the
 * faulting instruction, executed again on return, kills the process. */
static void pass_on(int sig, siginfo_t *info, void *uctx)
{
	const struct sigaction *old =
	    sig == SIGSEGV ? &previous_segv : &previous_bus;
	if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction) {
		old->sa_sigaction(sig, info, uctx);
		return;
	}
	if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler != SIG_DFL &&
	    old->sa_handler != SIG_IGN) {
		old->sa_handler(sig);
		return;
	}
	signal(sig, SIG_DFL);
	if (info->si_code <= 0) /* sent by kill(), not a fault: resend */
		raise(sig);
}

/* The instruction a fault interrupted, from the signal's context. */
static uintptr_t fault_pc(const void *uctx)
{
	const mcontext_t *mc = &((const ucontext_t *)uctx)->uc_mcontext;
#if defined(__x86_64__)
	return (uintptr_t)mc->gregs[REG_RIP];
#elif defined(__aarch64__)
	return (uintptr_t)mc->pc;
#elif defined(__riscv)
	return (uintptr_t)mc->__gregs[REG_PC];
#elif defined(__arm__)
	return (uintptr_t)mc->arm_pc;
#else
	(void)mc;
	return 0; /* no backtrace */
#endif
}

static void on_fault(int sig, siginfo_t *info, void *uctx)
{
	thread_state *ts = &tls;
	uintptr_t addr = (uintptr_t)info->si_addr;
	if (ts->top && info->si_code > 0) { /* a fault, not kill() */
		uint32_t kind =
		    w2n_rt_guard_contains(addr) ? W2N_TRAP_OOB_MEMORY
		    : in_stack_guard(ts, addr)  ? W2N_TRAP_STACK_EXHAUSTED
		                                : W2N_TRAP_NONE;
		if (kind != W2N_TRAP_NONE)
			unwind(ts, NULL, UINT32_MAX, kind, UINT32_MAX,
			       fault_pc(uctx));
	}
	pass_on(sig, info, uctx);
}

/* ---- Set-up ---- */

/* Thread exit (pthread key destructor): drop our signal stack. */
static void thread_exit(void *arg)
{
	thread_state *ts = arg;
	if (ts->altstack) {
		stack_t cur;
		size_t page = (size_t)sysconf(_SC_PAGESIZE);
		if (sigaltstack(NULL, &cur) == 0 &&
		    cur.ss_sp == (char *)ts->altstack + page) {
			stack_t off = {.ss_flags = SS_DISABLE};
			sigaltstack(&off, NULL);
		}
		munmap(ts->altstack, ts->altstack_len);
		ts->altstack = NULL;
	}
	ts->ready = false;
	if (ts->trace)
		munmap(ts->trace, sizeof *ts->trace);
	ts->trace = NULL;
	if (ts->uncaught)
		w2n_rt_exn_free(ts->uncaught);
	ts->uncaught = NULL;
}

/*
 * Installs the fault handlers for the whole process.  SA_ONSTACK: stack
 * overflow faults need the alternate stack.  SA_NODEFER with an empty
 * mask: unwinding out of the handler with siglongjmp leaves the signal
 * mask as it was, so sigsetjmp need not save it (a system call per
 * protected call otherwise).
 */
static void setup_process(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	setup_ok = pthread_key_create(&thread_key, thread_exit) == 0 &&
	           sigaction(SIGSEGV, &sa, &previous_segv) == 0 &&
	           sigaction(SIGBUS, &sa, &previous_bus) == 0;
}

/* Gives this thread a signal stack, unless it has a big enough one. */
static bool setup_altstack(thread_state *ts)
{
	stack_t cur;
	if (sigaltstack(NULL, &cur) == 0 && !(cur.ss_flags & SS_DISABLE) &&
	    cur.ss_size >= ALTSTACK_MIN)
		return true;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t len = page + ALTSTACK_SIZE; /* a guard page below */
	if (w2n_rt_alloc_injected())
		return false;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return false;
	stack_t st = {.ss_sp = p + page, .ss_size = ALTSTACK_SIZE};
	if (mprotect(p, page, PROT_NONE) != 0 || sigaltstack(&st, NULL) != 0) {
		munmap(p, len);
		return false;
	}
	ts->altstack = p;
	ts->altstack_len = len;
	return true;
}

/* Gives this thread the buffer its traps record their frames in. */
static bool setup_trace(thread_state *ts)
{
	if (ts->trace)
		return true;
	if (w2n_rt_alloc_injected())
		return false;
	void *p = mmap(NULL, sizeof *ts->trace, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return false;
	ts->trace = p;
	return true;
}

/* Records this thread's stack bounds; unknown bounds (0) only mean that
 * stack overflow crashes instead of trapping. */
static void find_stack_bounds(thread_state *ts)
{
	pthread_attr_t attr;
	void *addr;
	size_t size, guard = 0;
	if (pthread_getattr_np(pthread_self(), &attr) != 0)
		return;
	if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
		pthread_attr_getguardsize(&attr, &guard);
		ts->stack_lo = (uintptr_t)addr;
		ts->stack_guard = guard;
	}
	pthread_attr_destroy(&attr);
}

/* Makes the process and this thread ready to catch traps. */
static bool setup_thread(thread_state *ts, w2n_rt_error *err)
{
	pthread_once(&setup_once, setup_process);
	if (!setup_ok) {
		w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
		                 "cannot install the trap handlers");
		return false;
	}
	if (!setup_altstack(ts)) {
		w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
		                 "out of memory: signal stack");
		return false;
	}
	if (!setup_trace(ts)) {
		thread_exit(ts);
		w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
		                 "out of memory: backtrace buffer");
		return false;
	}
	find_stack_bounds(ts);
	if (pthread_setspecific(thread_key, ts) != 0) {
		thread_exit(ts);
		w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
		                 "out of memory: thread state");
		return false;
	}
	ts->ready = true;
	return true;
}

bool w2n_rt_thread_setup(w2n_rt_error *err)
{
	return tls.ready || setup_thread(&tls, err);
}

void w2n_rt_stack_bounds_swap(uintptr_t *lo, uintptr_t *guard)
{
	thread_state *ts = &tls;
	uintptr_t old_lo = ts->stack_lo, old_guard = ts->stack_guard;
	ts->stack_lo = *lo;
	ts->stack_guard = *guard;
	*lo = old_lo;
	*guard = old_guard;
}

/* ---- Protected calls ---- */

bool w2n_rt_run_protected(w2n_rt_protected_fn *fn, void *arg, w2n_rt_error *err)
{
	thread_state *ts = &tls;
	if (!ts->ready && !setup_thread(ts, err))
		return false;
	trap_point point;
	point.prev = ts->top;
	switch (sigsetjmp(point.env, 0)) { /* 1: a trap, 2: an exception */
	case 0: break;
	case 2:
		ts->top = point.prev;
		w2n_rt_error_exception(err, ts->uncaught);
		return false;
	default:
		ts->top = point.prev;
		w2n_rt_error_trap(err, ts->kind, ts->module, ts->func);
		if (err)
			w2n_rt_trace_resolve(ts->trace, ts->offset, err);
		return false;
	}
	ts->top = &point;
	atomic_signal_fence(memory_order_seq_cst);
	fn(arg);
	atomic_signal_fence(memory_order_seq_cst);
	ts->top = point.prev;
	return true;
}
