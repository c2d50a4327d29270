/*
 * fake_prog.c - stands in for a program compiled by wasm2native: defines
 * the w2n_main_module descriptor that wasi-libc-shim/main.c runs.  Built
 * several times (FAKE_PROG selects the module) for run_main_tests.py:
 *   START    "_start" doing what $FAKE_MODE says
 *   MAIN     only "main" ([] -> [i32]), returning 3
 *   IMPORT   an import the WASI shim cannot satisfy
 *   NOENTRY  no entry point
 *   STARTFN  a start function that traps
 */
#include <signal.h>
#include <stdlib.h>

#include "fake.h"

enum { START, MAIN, IMPORT, NOENTRY, STARTFN };

static int32_t do_main(void *ctx)
{
	(void)ctx;
	return 3;
}

/* Function 1: "do_trap". */
static void do_trap(void *ctx)
{
	w2n_rt_trap(ctx, 1, W2N_TRAP_UNREACHABLE, UINT32_MAX);
}

/* Function 2: unnamed. */
static void do_divide(void *ctx)
{
	w2n_rt_trap(ctx, 2, W2N_TRAP_DIV_BY_ZERO, UINT32_MAX);
}

static void do_start(void *ctx)
{
	const char *mode = getenv("FAKE_MODE");
	if (!mode)
		return;
	if (strcmp(mode, "trap") == 0)
		do_trap(ctx);
	if (strcmp(mode, "unnamed") == 0)
		do_divide(ctx);
	if (strcmp(mode, "oob") == 0 && FAKE_HAS_GUARD) { /* a fault */
		volatile uint8_t *base = w2n_rt_instance_memory(ctx, 0)->base;
		(void)base[UINT64_C(1) << 32];
	}
	if (strcmp(mode, "oob") == 0) /* an explicit check, as in 32-bit code */
		w2n_rt_trap(ctx, UINT32_MAX, W2N_TRAP_OOB_MEMORY, UINT32_MAX);
	if (strcmp(mode, "exit") == 0)
		exit(7);
	if (strcmp(mode, "sigpipe") == 0) { /* main() ignores SIGPIPE */
		struct sigaction sa;
		sigaction(SIGPIPE, NULL, &sa);
		exit(sa.sa_handler == SIG_IGN ? 8 : 9);
	}
}

static const w2n_rt_functype types[] = {
    {0, 0, NULL, fake_tramp_v_v, NULL, NULL},
    {0, 1, (const uint8_t[]){W2N_RT_I32}, fake_tramp_v_i, NULL, NULL},
};
static const uint32_t func_types[] = {0, 0, 0, 1};
static void *func_code[4];
static const char *const func_names[] = {"_start", "do_trap", "", "main"};
static const w2n_rt_limits memories[] = {{1, 1, 1, 0, 0, 0}};
static const w2n_rt_import imports[] = {
    {"env", "missing", 3, 7, W2N_RT_EXTERN_FUNC, 0}};
static const w2n_rt_export start_export[] = {
    {"_start", 6, W2N_RT_EXTERN_FUNC, 0}};
static const w2n_rt_export main_export[] = {{"main", 4, W2N_RT_EXTERN_FUNC, 3}};

/* Function pointers cannot be constant void * in ISO C: filled before
 * main.  With IMPORT, function 0 is the import and func_code starts at 1. */
__attribute__((constructor)) static void fill_code(void)
{
	func_code[0] = FAKE_CODE(do_start);
	func_code[1] = FAKE_CODE(do_trap);
	func_code[2] = FAKE_CODE(do_divide);
	func_code[3] = FAKE_CODE(do_main);
}

struct block {
	w2n_rt_instance_header header;
	w2n_rt_memory *memories[1];
	w2n_rt_func funcs[4];
	uint32_t type_ids[2];
};

const w2n_rt_module w2n_main_module = {
    .abi_version = W2N_RT_ABI_VERSION,
    .bounds = FAKE_ANY_BOUNDS,
    .name = "fake_prog",
    .ntypes = 2,
    .types = types,
    .nimports = FAKE_PROG == IMPORT,
    .imports = imports,
    .nfuncs = 4,
    .nfunc_imports = FAKE_PROG == IMPORT,
    .func_types = func_types,
    .func_code = func_code + (FAKE_PROG == IMPORT),
    .func_names = func_names,
    .nmemories = 1,
    .memories = memories,
    .nexports = FAKE_PROG == START || FAKE_PROG == STARTFN || FAKE_PROG == MAIN,
    .exports = FAKE_PROG == MAIN ? main_export : start_export,
    .has_start = FAKE_PROG == STARTFN,
    .start = 1,
    .layout =
        {
            .instance_size = (sizeof(struct block) + 15) & ~(size_t)15,
            .memories = offsetof(struct block, memories),
            .tables = sizeof(struct block),
            .globals = sizeof(struct block),
            .funcs = offsetof(struct block, funcs),
            .type_ids = offsetof(struct block, type_ids),
            .elems = sizeof(struct block),
            .datas = sizeof(struct block),
            .global_storage = sizeof(struct block),
            .func_size = sizeof(w2n_rt_func),
        },
};
