/*
 * cg_idiom.c - the C library's memory and string routines compiled into a
 * module.  A producer without bulk memory (clang before LLVM 20 by
 * default, and so Debian's wasi-libc) compiles memcpy, memmove and memset
 * into the module as C loops, and musl's strlen, strcmp, memchr, strstr,
 * ... are byte loops too: several times slower than the host's
 * vectorised routines (bench/ `memmove`, `strsort`, `strsearch`).  A
 * defined function of one of these names (name section) and C types, all
 * i32, in a module whose memory 0 is 32-bit, is compiled as one call of
 * the runtime: memory.copy or memory.fill on memory 0 returning the first
 * argument, or the runtime's routine of the name (runtime/strings.c),
 * which gives musl's results and traps where musl's code would.
 *
 * The differences are only for calls C gives undefined behaviour: a
 * memcpy that runs past the end of memory has written a prefix of its
 * bytes when the loop traps, memory.copy checks first and writes none;
 * strstr's (runtime/strings.c).  --keep-memory-routines compiles the
 * module's own code.
 */
#include <string.h>

#include "cg_internal.h"

/* What a routine runs: a Wasm instruction on memory 0 (memory.copy or
 * memory.fill, whose result is the first parameter), or the runtime's
 * routine `helper`(inst, parameters...), whose result it returns. */
typedef struct idiom {
	const char *name;
	uint32_t nparams;
	ir_opcode instr;
	cg_helper helper;
} idiom;

#define BULK(name, op) {name, 3, op, CG_HELPER_COUNT}
#define ROUTINE(name, n, id) {name, n, OP_NOP, CG_HELPER_##id}
static const idiom idioms[] = {
    BULK("memcpy", OP_MEMORY_COPY),       BULK("memmove", OP_MEMORY_COPY),
    BULK("memset", OP_MEMORY_FILL),       ROUTINE("strlen", 1, STRLEN),
    ROUTINE("strnlen", 2, STRNLEN),       ROUTINE("memchr", 3, MEMCHR),
    ROUTINE("strchr", 2, STRCHR),         ROUTINE("strchrnul", 2, STRCHRNUL),
    ROUTINE("__strchrnul", 2, STRCHRNUL), ROUTINE("memcmp", 3, MEMCMP),
    ROUTINE("bcmp", 3, MEMCMP),           ROUTINE("strcmp", 2, STRCMP),
    ROUTINE("strncmp", 3, STRNCMP),       ROUTINE("strstr", 2, STRSTR),
};
#undef BULK
#undef ROUTINE

static bool all_i32(const ir_valtype *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (v[i] != IR_I32)
			return false;
	return true;
}

static const idiom *idiom_of(const ir_module *m, const ir_func *f)
{
	const ir_functype *t = &m->types[f->type_index];
	/* A function with tail calls has a tail entry others may jump to. */
	if (f->imported || f->tail_calls || m->nmemories == 0 ||
	    m->memories[0].limits.addr64 || t->nresults != 1 ||
	    !all_i32(t->results, 1) || !all_i32(t->params, t->nparams))
		return NULL;
	for (size_t i = 0; i < sizeof idioms / sizeof *idioms; i++)
		if (f->name.len == strlen(idioms[i].name) &&
		    memcmp(f->name.str, idioms[i].name, f->name.len) == 0)
			return t->nparams == idioms[i].nparams ? &idioms[i]
			                                       : NULL;
	return NULL;
}

bool cg_idiom_body(cg_ctx *cx, cg_func *fx)
{
	const ir_func *f = fx->f;
	const idiom *d =
	    cx->o->keep_memory_routines ? NULL : idiom_of(cx->m, f);
	if (!d)
		return false;
	/* All of it is at the function's first instruction, for traps and
	 * -g. */
	uint32_t at = f->code[0].offset;
	for (uint32_t i = 0; i < d->nparams; i++) {
		ir_instr get = {
		    .op = OP_LOCAL_GET, .offset = at, .imm.index = i};
		cg_emit_code(cx, fx, &get, 1);
	}
	if (d->instr != OP_NOP) {
		/* memory 0 (to memory 0), then the first parameter */
		ir_instr op = {.op = d->instr, .offset = at};
		ir_instr first = {.op = OP_LOCAL_GET, .offset = at};
		cg_emit_code(cx, fx, &op, 1);
		cg_emit_code(cx, fx, &first, 1);
	} else {
		LLVMValueRef args[4] = {fx->inst};
		for (uint32_t i = d->nparams; i > 0; i--)
			args[i] = cg_pop(fx);
		fx->offset = at;
		cg_debug_at(cx, fx, &(ir_instr){.op = OP_CALL, .offset = at});
		cg_push(fx,
		        cg_call_helper(cx, d->helper, args, 1 + d->nparams));
	}
	ir_instr end = {.op = OP_END, .offset = at, .imm.index = UINT32_MAX};
	cg_emit_code(cx, fx, &end, 1);
	return true;
}
