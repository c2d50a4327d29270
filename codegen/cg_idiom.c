/*
 * cg_idiom.c - the C library's memory routines compiled into a module.
 * A producer without bulk memory (clang before LLVM 20 by default, and
 * so Debian's wasi-libc) compiles memcpy, memmove and memset into the
 * module as C loops, several times slower than the host's vectorised
 * routines (bench/ `memmove`).  A defined function named memcpy, memmove
 * or memset (name section) with the C type (i32 i32 i32) -> i32, in a
 * module whose memory 0 is 32-bit, is compiled as Wasm's memory.copy or
 * memory.fill on memory 0 returning its first argument: what the C
 * function does, run by the runtime with the host's memmove and memset.
 *
 * The difference is only for a call that traps: the loop has written a
 * prefix of its bytes when it reaches the end of memory, memory.copy
 * checks first and writes none.  C gives such a call undefined
 * behaviour; --keep-memory-routines compiles the module's own code.
 */
#include <string.h>

#include "cg_internal.h"

typedef enum idiom { IDIOM_NONE, IDIOM_COPY, IDIOM_FILL } idiom;

static idiom idiom_of(const ir_module *m, const ir_func *f)
{
	static const struct {
		const char *name;
		idiom kind;
	} names[] = {
	    {"memcpy", IDIOM_COPY},
	    {"memmove", IDIOM_COPY},
	    {"memset", IDIOM_FILL},
	};
	const ir_functype *t = &m->types[f->type_index];
	/* A function with tail calls has a tail entry others may jump to. */
	if (f->imported || f->tail_calls || m->nmemories == 0 ||
	    m->memories[0].limits.addr64 || t->nparams != 3 ||
	    t->nresults != 1 || t->results[0] != IR_I32)
		return IDIOM_NONE;
	for (uint32_t i = 0; i < 3; i++)
		if (t->params[i] != IR_I32)
			return IDIOM_NONE;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (f->name.len == strlen(names[i].name) &&
		    memcmp(f->name.str, names[i].name, f->name.len) == 0)
			return names[i].kind;
	return IDIOM_NONE;
}

const ir_func *cg_idiom_func(cg_ctx *cx, uint32_t index, ir_func *own,
                             ir_instr code[CG_IDIOM_CODE])
{
	const ir_func *f = &cx->m->funcs[index];
	idiom kind =
	    cx->o->keep_memory_routines ? IDIOM_NONE : idiom_of(cx->m, f);
	if (kind == IDIOM_NONE)
		return f;
	/* local.get 0, 1, 2; memory.copy 0 0 or memory.fill 0; local.get 0;
	 * end: all at the function's first instruction, for traps and -g. */
	uint32_t at = f->code[0].offset;
	for (uint32_t i = 0; i < 3; i++)
		code[i] = (ir_instr){
		    .op = OP_LOCAL_GET, .offset = at, .imm.index = i};
	code[3] = kind == IDIOM_COPY ? (ir_instr){.op = OP_MEMORY_COPY,
	                                          .offset = at,
	                                          .imm.index2 = {0, 0}}
	                             : (ir_instr){.op = OP_MEMORY_FILL,
	                                          .offset = at,
	                                          .imm.memory = 0};
	code[4] = (ir_instr){.op = OP_LOCAL_GET, .offset = at, .imm.index = 0};
	code[5] =
	    (ir_instr){.op = OP_END, .offset = at, .imm.index = UINT32_MAX};
	*own = *f;
	own->code = code;
	own->ncode = CG_IDIOM_CODE;
	own->max_depth = 1;
	own->tail_calls = false;
	return own;
}
