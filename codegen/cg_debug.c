/*
 * cg_debug.c - DWARF.  Without -g, a line table alone: each instruction
 * that calls (a function or the runtime) and, in guard mode, each memory
 * access that may fault is at the line of its module offset, and the
 * instructions between take the location before them, so that
 * backtraces find the offset of a faulting access or a call site
 * (docs/backtraces.md) at little compile time.  (Traps the code checks
 * for pass their offset themselves.)
 * With -g, for debuggers: a compile unit named after the input .wasm,
 * a subprogram per Wasm function under its name-section name (else
 * func[N], as wasm-objdump shows it), and every instruction's location:
 * - by default, the byte offset of the Wasm instruction it was lowered
 *   from, as the line number of the .wasm file: gdb and perf show Wasm
 *   functions by name, and `info line` or a backtrace gives module
 *   offsets (in decimal) that wasm-objdump -d lists;
 * - when the module carries its source language's line table (clang -g)
 *   and the driver passes it (cg_options.source_lines), the source file,
 *   line and column that table gives for that Wasm instruction, so that
 *   gdb shows the original source.
 * Without -g nothing here runs and the code is the same.
 */
#include <llvm-c/DebugInfo.h>
#include <stdio.h>
#include <string.h>

#include "cg_internal.h"

/* What a file name's directory and base are, for the DIFile. */
static void split_path(const char *path, const char **base, size_t *dirlen)
{
	const char *slash = strrchr(path, '/');
	*base = slash ? slash + 1 : path;
	*dirlen = slash ? (size_t)(slash - path) : 0;
}

void cg_debug_begin(cg_ctx *cx)
{
	const char *path = cx->o->debug_file;
	if (!path)
		return;
	const char *base;
	size_t dirlen;
	split_path(path, &base, &dirlen);
	const char *dir = dirlen ? path : ".";
	if (!dirlen)
		dirlen = 1;
	if (!cx->o->debug_full) /* the output never names the directory */
		dirlen = 0;
	cx->dib = LLVMCreateDIBuilder(cx->mod);
	cx->di_file =
	    LLVMDIBuilderCreateFile(cx->dib, base, strlen(base), dir, dirlen);
	char producer[96];
	snprintf(producer, sizeof producer, "wasm2native %s",
	         cx->o->compiler_version ? cx->o->compiler_version : "");
	LLVMDIBuilderCreateCompileUnit(
	    cx->dib, LLVMDWARFSourceLanguageC, cx->di_file, producer,
	    strlen(producer), cx->o->opt_level > 0, "", 0, 0, "", 0,
	    cx->o->debug_full ? LLVMDWARFEmissionFull
	                      : LLVMDWARFEmissionLineTablesOnly,
	    0, false, false, "", 0, "", 0);
	cx->di_fn_type =
	    LLVMDIBuilderCreateSubroutineType(cx->dib, cx->di_file, NULL, 0, 0);
	LLVMTypeRef i32 = LLVMInt32TypeInContext(cx->ctx);
	LLVMAddModuleFlag(cx->mod, LLVMModuleFlagBehaviorWarning,
	                  "Debug Info Version", 18,
	                  LLVMValueAsMetadata(LLVMConstInt(
	                      i32, LLVMDebugMetadataVersion(), 0)));
	LLVMAddModuleFlag(cx->mod, LLVMModuleFlagBehaviorWarning,
	                  "Dwarf Version", 13,
	                  LLVMValueAsMetadata(LLVMConstInt(i32, 4, 0)));
}

void cg_debug_end(cg_ctx *cx)
{
	if (!cx->dib)
		return;
	LLVMDIBuilderFinalize(cx->dib);
	LLVMDisposeDIBuilder(cx->dib);
	cx->dib = NULL;
}

void cg_debug_func_name(const ir_module *m, uint32_t index, char *name,
                        size_t n)
{
	const ir_name *given = &m->funcs[index].name;
	if (given->len)
		snprintf(name, n, "%.*s", (int)given->len, given->str);
	else
		snprintf(name, n, "func[%u]", index);
}

/* The DIFile of source file `i` of the line table (uniqued by LLVM). */
static LLVMMetadataRef source_file(cg_ctx *cx, uint32_t i)
{
	const char *path = cx->o->source_lines->files[i], *base;
	size_t dirlen;
	split_path(path, &base, &dirlen);
	return LLVMDIBuilderCreateFile(cx->dib, base, strlen(base),
	                               dirlen ? path : "", dirlen);
}

/* The source row of input offset `offset`, or NULL (also without). */
static const ir_source_row *source_row(cg_ctx *cx, uint32_t offset)
{
	if (!cx->o->source_lines)
		return NULL;
	const ir_source_row *r =
	    ir_source_lines_find(cx->o->source_lines, offset);
	return r && r->file != UINT32_MAX ? r : NULL;
}

/* The builder's location from here: the instruction at `offset`. */
static void set_location(cg_ctx *cx, cg_func *fx, uint32_t offset)
{
	LLVMMetadataRef scope = fx->di_scope, loc;
	if (cx->o->source_lines) {
		/* A row of another file than the function's is in a block of
		 * that file (inlined headers); no row: line 0, no source. */
		const ir_source_row *r = source_row(cx, offset);
		if (r && r->file != fx->di_file)
			scope = LLVMDIBuilderCreateLexicalBlockFile(
			    cx->dib, scope, source_file(cx, r->file), 0);
		loc = LLVMDIBuilderCreateDebugLocation(
		    cx->ctx, r ? r->line : 0, r ? r->column : 0, scope, NULL);
	} else {
		loc = LLVMDIBuilderCreateDebugLocation(cx->ctx, offset, 0,
		                                       scope, NULL);
	}
	LLVMSetCurrentDebugLocation2(cx->b, loc);
}

void cg_debug_function(cg_ctx *cx, cg_func *fx)
{
	if (!cx->dib)
		return;
	char name[256];
	cg_debug_func_name(cx->m, fx->index, name, sizeof name);
	/* Where the function is: its first instruction's source line, else
	 * its body's offset in the module. */
	uint32_t at = fx->f->ncode ? fx->f->code[0].offset : fx->f->body_offset;
	const ir_source_row *r = source_row(cx, at);
	LLVMMetadataRef file = r ? source_file(cx, r->file) : cx->di_file;
	/* (Backtraces take a fault in the prologue, a stack overflow, to be
	 * at the first instruction.) */
	unsigned line = r                   ? r->line
	                : cx->o->debug_full ? fx->f->body_offset
	                                    : at;
	fx->di_file = r ? r->file : UINT32_MAX;
	fx->di_scope = LLVMDIBuilderCreateFunction(
	    cx->dib, file, name, strlen(name), "", 0, file, line,
	    cx->di_fn_type, true, true, line, LLVMDIFlagPrototyped,
	    cx->o->opt_level > 0);
	LLVMSetSubprogram(fx->fn, fx->di_scope);
	set_location(cx, fx, at);
}

/* Whether instruction `op` needs a row of its own in the line table of
 * backtraces: it calls a function or the runtime (loops may call it to
 * be interrupted), or, in guard mode, accesses memory (a fault). */
static bool needs_row(cg_ctx *cx, ir_opcode op)
{
	const ir_opcode_info *info = &ir_opcodes[op];
	switch (info->family) {
	case IR_FAMILY_CALL:
	case IR_FAMILY_TABLE:
	case IR_FAMILY_EXCEPTION: return true;
	case IR_FAMILY_CONTROL: return op == OP_LOOP;
	default: break;
	}
	switch (info->mem) {
	case IR_MEM_NONE:
	case IR_MEM_SIZE:
	case IR_MEM_DATA_DROP: return false;
	case IR_MEM_LOAD:
	case IR_MEM_STORE:
	case IR_MEM_RMW: return cx->o->bounds == W2N_RT_BOUNDS_GUARD;
	default: return true; /* grow, fill, copy, init, wait, notify */
	}
}

void cg_debug_at(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	if (fx->di_scope && (cx->o->debug_full || needs_row(cx, in->op)))
		set_location(cx, fx, in->offset);
}

void cg_debug_function_end(cg_ctx *cx, cg_func *fx)
{
	if (fx->di_scope)
		LLVMSetCurrentDebugLocation2(cx->b, NULL);
}
