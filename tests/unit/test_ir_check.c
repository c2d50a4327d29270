/*
 * test_ir_check.c - the IR checker (frontend/ir_check.c).  The module of
 * ir_check.wat (argv[1], compiled by wat2wasm) must pass; then each case
 * loads it afresh, breaks one promise of docs/ir.md in the IR the way a
 * bug would, and expects ir_check to name it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../check.h"
#include "frontend.h"

static uint8_t *bytes;
static size_t nbytes;

static ir_module *load(void)
{
	w2n_diags d = {0};
	ir_module *m = w2n_frontend_load(bytes, nbytes, &d);
	CHECK(m != NULL);
	w2n_diags_free(&d);
	return m;
}

/* The first instruction of function `func` with opcode `op`. */
static ir_instr *find(ir_module *m, uint32_t func, ir_opcode op)
{
	const ir_func *f = &m->funcs[func];
	for (uint32_t i = 0; i < f->ncode; i++)
		if (f->code[i].op == op)
			return (ir_instr *)&f->code[i];
	fprintf(stderr, "no %s in function %u\n", ir_opcodes[op].name, func);
	abort();
}

/* Function indices in ir_check.wat (no function imports). */
enum { F = 0, G = 1 };

static void break_end_link(ir_module *m)
{
	find(m, F, OP_IF)->imm.block.end_index--;
}

static void break_else_link(ir_module *m)
{
	find(m, F, OP_ELSE)->imm.index = 0;
}

static void break_last_end(ir_module *m)
{
	ir_func *f = &m->funcs[F];
	((ir_instr *)&f->code[f->ncode - 1])->op = OP_NOP;
}

static void break_block_type(ir_module *m)
{
	static const ir_blocktype unknown = {.unknown = true,
	                                     .unknown_index = 9};
	find(m, F, OP_BLOCK)->imm.block.type = &unknown;
}

static void break_offsets(ir_module *m)
{
	ir_instr *c = (ir_instr *)m->funcs[F].code;
	c[2].offset = c[1].offset;
}

static void break_label(ir_module *m)
{
	find(m, F, OP_BR_TABLE)->imm.br_table.count = 0;
	((uint32_t *)find(m, F, OP_BR_TABLE)->imm.br_table.labels)[0] = 5;
}

static void break_call(ir_module *m)
{
	find(m, G, OP_CALL)->imm.index = 2;
}

static void break_type(ir_module *m)
{
	find(m, F, OP_CALL_INDIRECT)->imm.index2.a = 9;
}

static void break_memory(ir_module *m)
{
	find(m, F, OP_I32_LOAD)->imm.mem.memory = 1;
}

static void break_data(ir_module *m)
{
	find(m, G, OP_MEMORY_INIT)->imm.index2.a = 1;
}

static void break_global(ir_module *m)
{
	find(m, G, OP_GLOBAL_SET)->imm.index = 2;
}

static void break_depth(ir_module *m)
{
	m->funcs[F].max_depth = 1;
}

static void break_tail_calls(ir_module *m)
{
	m->funcs[G].tail_calls = true;
}

static void break_import(ir_module *m)
{
	m->globals[0].import_index = 1;
}

static void break_export(ir_module *m)
{
	m->exports[0].index = 7;
}

static void break_elem(ir_module *m)
{
	((ir_instr *)m->elems[0].items[0].code)->imm.index = 3;
}

static const struct {
	const char *name;
	void (*breaks)(ir_module *m);
	const char *says; /* part of ir_check's message */
} cases[] = {
    {"end link", break_end_link, "end does not point back"},
    {"else link", break_else_link, "else does not point back"},
    {"last end", break_last_end, "does not end with its end"},
    {"block type", break_block_type, "unresolved block type"},
    {"offsets", break_offsets, "offsets do not increase"},
    {"br_table label", break_label, "label 5 out of range"},
    {"call", break_call, "function 2 out of range"},
    {"call_indirect type", break_type, "type 9 out of range"},
    {"memory", break_memory, "memory 1 out of range"},
    {"data segment", break_data, "data segment 1 out of range"},
    {"global", break_global, "global 2 out of range"},
    {"max_depth", break_depth, "deeper than max_depth"},
    {"tail_calls", break_tail_calls, "tail_calls is set"},
    {"import", break_import, "does not point back at it"},
    {"export", break_export, "export index 7 out of range"},
    {"element item", break_elem, "function 3 out of range"},
};

int main(int argc, char **argv)
{
	FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
	if (!f) {
		fprintf(stderr, "usage: test_ir_check ir_check.wasm\n");
		return 2;
	}
	bytes = malloc(1 << 16);
	nbytes = fread(bytes, 1, 1 << 16, f);
	fclose(f);
	char why[256];
	ir_module *m = load();
	check_context("intact");
	CHECK(m && ir_check(m, why, sizeof why));
	ir_module_free(m);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		check_context(cases[i].name);
		m = load();
		if (!m)
			continue;
		cases[i].breaks(m);
		why[0] = '\0';
		CHECK(!ir_check(m, why, sizeof why));
		CHECK(strstr(why, cases[i].says) != NULL);
		if (!strstr(why, cases[i].says))
			fprintf(stderr, "  said: %s\n", why);
		ir_module_free(m);
	}
	free(bytes);
	return check_report("ir-check");
}
