/*
 * test_source_lines.c - the source line table reader (source_lines.c):
 * a DWARF 4 and a DWARF 5 .debug_line built by hand map the module's
 * instructions to their lines, and every truncation of them reads
 * without error or crash (debug information never makes a module
 * invalid).
 */
#include <string.h>

#include "diag_check.h"
#include "frontend.h"
#include "modbuf.h"

/* Where the code section's contents and the function's instructions are
 * in the module build_module makes. */
typedef struct layout {
	uint32_t code_start, nop1, nop2, end;
} layout;

/* A module of one function `nop nop end` and a .debug_line section. */
static void build_module(modbuf *b, const uint8_t *line, size_t len, layout *at)
{
	mb_void_funcs(b, 1);
	size_t s;
	s = mb_section(b, SEC_CODE);
	at->code_start = (uint32_t)b->len;
	MB(b, 1, 4, 0);
	at->nop1 = (uint32_t)b->len;
	MB(b, 0x01);
	at->nop2 = (uint32_t)b->len;
	MB(b, 0x01);
	at->end = (uint32_t)b->len;
	MB(b, 0x0B);
	mb_end(b, s);
	s = mb_section(b, SEC_CUSTOM);
	mb_name(b, ".debug_line");
	mb_put(b, line, len);
	mb_end(b, s);
}

/* The line program both versions share: line 10 at the first nop
 * (code address 3), line 11 at the second, end after the `end`. */
#define PROGRAM                                                                \
	0, 5, 2, 3, 0, 0, 0, /* DW_LNE_set_address 3 */                        \
	    3, 9,            /* DW_LNS_advance_line +9: line 10 */             \
	    1,               /* DW_LNS_copy */                                 \
	    13 + 6 + 14 * 1, /* special: address +1, line +1 */                \
	    2, 2,            /* DW_LNS_advance_pc 2 */                         \
	    0, 1, 1          /* DW_LNE_end_sequence */

#define STANDARD_LENGTHS 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1

/* clang-format off */
static const uint8_t dwarf4[] = {
	0, 0, 0, 0,        /* unit length (with_lengths) */
	4, 0,              /* version */
	0, 0, 0, 0,        /* header length (with_lengths) */
	1, 1, 1, (uint8_t)-5, 14, 13, STANDARD_LENGTHS,
	'i', 'n', 'c', 0, 0,            /* include_directories */
	'a', '.', 'c', 0, 1, 0, 0, 0,   /* file_names: inc/a.c */
	PROGRAM,
};
static const uint8_t dwarf5[] = {
	0, 0, 0, 0,        /* unit length (with_lengths) */
	5, 0, 4, 0,        /* version, address and segment selector size */
	0, 0, 0, 0,        /* header length (with_lengths) */
	1, 1, 1, (uint8_t)-5, 14, 13, STANDARD_LENGTHS,
	1, 1, 0x08,        /* directory format: path as a string */
	2, 'c', 'w', 'd', 0, 's', 'r', 'c', 0,
	2, 1, 0x08, 2, 0x0b, /* file format: path, directory index (data1) */
	2, 'b', '.', 'c', 0, 1,          /* file 0: src/b.c, and file 1 */
	'b', '.', 'c', 0, 1,             /* the same, as LLVM writes it */
	PROGRAM,
};
static const uint8_t program[] = {PROGRAM};
/* clang-format on */

/* A copy of unit `line` with its unit and header lengths filled in; the
 * header length field is at `field`. */
static uint8_t *with_lengths(const uint8_t *line, size_t len, size_t field)
{
	uint8_t *u = malloc(len);
	memcpy(u, line, len);
	uint32_t unit = (uint32_t)(len - 4);
	uint32_t header = (uint32_t)(len - sizeof program - (field + 4));
	for (int i = 0; i < 4; i++) {
		u[i] = (uint8_t)(unit >> (8 * i));
		u[field + (size_t)i] = (uint8_t)(header >> (8 * i));
	}
	return u;
}

static void check_table(const char *name, const uint8_t *line, size_t len,
                        const char *file)
{
	static modbuf b;
	layout at;
	w2n_diags d = {0};
	check_context(name);
	build_module(&b, line, len, &at);
	ir_module *m = w2n_frontend_load(b.bytes, b.len, &d);
	CHECK(m != NULL && d.first == NULL);
	if (!m)
		return;
	CHECK(m->code_start == at.code_start);
	ir_source_lines s;
	CHECK(ir_source_lines_read(m, &s));
	const ir_source_row *r1 = ir_source_lines_find(&s, at.nop1);
	const ir_source_row *r2 = ir_source_lines_find(&s, at.nop2);
	const ir_source_row *r3 = ir_source_lines_find(&s, at.end);
	CHECK(r1 && r1->line == 10 && r1->file < s.nfiles &&
	      strcmp(s.files[r1->file], file) == 0);
	CHECK(r2 && r2->line == 11);
	CHECK(r3 && r3->line == 11); /* until the end of the sequence */
	CHECK(ir_source_lines_find(&s, at.end + 1) == NULL);
	CHECK(ir_source_lines_find(&s, at.code_start) == NULL);
	ir_source_lines_free(&s);
	ir_module_free(m);
	w2n_diags_free(&d);
}

/* Every prefix of the section: the module loads, the reader returns
 * (ASan and UBSan runs see that it reads nothing outside). */
static void check_truncations(const char *name, const uint8_t *line, size_t len)
{
	static modbuf b;
	layout at;
	check_context(name);
	for (size_t n = 0; n < len; n++) {
		uint8_t *copy = malloc(n ? n : 1);
		memcpy(copy, line, n);
		w2n_diags d = {0};
		build_module(&b, copy, n, &at);
		free(copy);
		ir_module *m = w2n_frontend_load(b.bytes, b.len, &d);
		CHECK(m != NULL);
		ir_source_lines s = {0};
		if (m && ir_source_lines_read(m, &s)) {
			const ir_source_row *r =
			    ir_source_lines_find(&s, at.nop1);
			CHECK(!r || r->line == 10);
		}
		ir_source_lines_free(&s);
		ir_module_free(m);
		w2n_diags_free(&d);
	}
}

int main(void)
{
	uint8_t *v4 = with_lengths(dwarf4, sizeof dwarf4, 6);
	uint8_t *v5 = with_lengths(dwarf5, sizeof dwarf5, 8);
	check_table("DWARF 4", v4, sizeof dwarf4, "inc/a.c");
	check_table("DWARF 5", v5, sizeof dwarf5, "src/b.c");
	check_truncations("DWARF 4 truncated", v4, sizeof dwarf4);
	check_truncations("DWARF 5 truncated", v5, sizeof dwarf5);
	free(v4);
	free(v5);
	return check_report("test_source_lines");
}
