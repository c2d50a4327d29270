/*
 * source_lines.c - the source-language line table a module may carry
 * (clang -g puts DWARF in custom sections: .debug_line, and .debug_str /
 * .debug_line_str for DWARF 5 names), read into rows keyed by the byte
 * offset of Wasm instructions in the input, for codegen's -g.  In Wasm
 * DWARF an address is an offset into the code section's contents
 * (tool-conventions, Debugging.md).  Debug information never makes a
 * module invalid: anything malformed ends the reading and what was read
 * so far is used.
 */
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "frontend.h"

enum {
	LNS_COPY = 1,
	LNS_ADVANCE_PC = 2,
	LNS_ADVANCE_LINE = 3,
	LNS_SET_FILE = 4,
	LNS_SET_COLUMN = 5,
	LNS_CONST_ADD_PC = 8,
	LNS_FIXED_ADVANCE_PC = 9,
	LNE_END_SEQUENCE = 1,
	LNE_SET_ADDRESS = 2,
	LNCT_PATH = 1,
	LNCT_DIRECTORY_INDEX = 2,
	FORM_BLOCK2 = 0x03,
	FORM_BLOCK4 = 0x04,
	FORM_DATA2 = 0x05,
	FORM_DATA4 = 0x06,
	FORM_DATA8 = 0x07,
	FORM_STRING = 0x08,
	FORM_BLOCK = 0x09,
	FORM_BLOCK1 = 0x0a,
	FORM_DATA1 = 0x0b,
	FORM_UDATA = 0x0f,
	FORM_STRP = 0x0e,
	FORM_LINE_STRP = 0x1f,
	FORM_DATA16 = 0x1e,
};

/* The sections a line table refers to. */
typedef struct dwarf {
	const ir_custom *line, *str, *line_str;
	uint32_t code_start; /* file offset of the code section's contents */
} dwarf;

/* One unit's header, as far as the program needs it. */
typedef struct unit_header {
	uint16_t version;
	uint8_t min_inst, line_base, line_range, opcode_base;
	const uint8_t *opcode_lengths;
	uint32_t ndirs, nfiles, first_file; /* DWARF 5 counts files from 0 */
	const char **dirs;
	uint32_t *file_ids; /* the unit's files in out->files */
} unit_header;

/* Whether the sections' contents are there at all. */
static const ir_custom *custom(const ir_module *m, const char *name)
{
	for (uint32_t i = 0; i < m->ncustoms; i++)
		if (m->customs[i].name.len == strlen(name) &&
		    !memcmp(m->customs[i].name.str, name,
		            m->customs[i].name.len))
			return &m->customs[i];
	return NULL;
}

static bool read_fixed(dec_cursor *c, unsigned n, uint64_t *out)
{
	const uint8_t *p;
	if (!dec_fixed(c, n, &p))
		return false;
	*out = 0;
	for (unsigned i = n; i-- > 0;)
		*out = *out << 8 | p[i];
	return true;
}

/* A NUL-terminated string in the cursor. */
static bool read_cstring(dec_cursor *c, const char **out)
{
	const uint8_t *p;
	size_t n = dec_peek(c, dec_remaining(c), &p);
	const uint8_t *nul = memchr(p, 0, n);
	if (!nul)
		return false;
	*out = (const char *)p;
	return dec_bytes(c, (size_t)(nul - p) + 1, &p);
}

/* The string at `offset` of a string section. */
static const char *section_string(const ir_custom *s, uint64_t offset)
{
	if (!s || offset >= s->len ||
	    !memchr(s->bytes + offset, 0, s->len - offset))
		return NULL;
	return (const char *)s->bytes + offset;
}

/* A value of `form` in a DWARF 5 entry format: strings go to *str,
 * numbers to *num; others are skipped. */
static bool read_form(const dwarf *dw, dec_cursor *c, uint64_t form,
                      unsigned offset_size, const char **str, uint64_t *num)
{
	uint64_t v = 0;
	const uint8_t *p;
	switch (form) {
	case FORM_STRING: return read_cstring(c, str);
	case FORM_LINE_STRP:
	case FORM_STRP:
		if (!read_fixed(c, offset_size, &v))
			return false;
		*str = section_string(
		    form == FORM_STRP ? dw->str : dw->line_str, v);
		return *str != NULL;
	case FORM_UDATA: return dec_u64(c, num);
	case FORM_DATA1: return read_fixed(c, 1, num);
	case FORM_DATA2: return read_fixed(c, 2, num);
	case FORM_DATA4: return read_fixed(c, 4, num);
	case FORM_DATA8: return read_fixed(c, 8, num);
	case FORM_DATA16: return dec_fixed(c, 16, &p);
	case FORM_BLOCK1: return read_fixed(c, 1, &v) && dec_bytes(c, v, &p);
	case FORM_BLOCK2: return read_fixed(c, 2, &v) && dec_bytes(c, v, &p);
	case FORM_BLOCK4: return read_fixed(c, 4, &v) && dec_bytes(c, v, &p);
	case FORM_BLOCK: return dec_u64(c, &v) && dec_bytes(c, v, &p);
	default: return false;
	}
}

/* `dir`/`name`, or `name` when absolute or without a directory. */
static const char *join_path(ir_source_lines *out, const char *dir,
                             const char *name)
{
	if (!dir || !dir[0] || name[0] == '/')
		return name;
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = w2n_arena_alloc(&out->arena, n);
	strcpy(s, dir);
	strcat(s, "/");
	strcat(s, name);
	return s;
}

/* Adds a file to the table; its index. */
static uint32_t add_file(ir_source_lines *out, const char *path)
{
	for (uint32_t i = 0; i < out->nfiles; i++)
		if (strcmp(out->files[i], path) == 0)
			return i;
	if ((out->nfiles & (out->nfiles - 1)) == 0) /* 0, 1, 2, 4, ... */
		out->files = w2n_xrealloc(out->files,
		                          (out->nfiles ? 2 * out->nfiles : 1) *
		                              sizeof *out->files);
	out->files[out->nfiles] = path;
	return out->nfiles++;
}

/* DWARF 2-4: include_directories then file_names, each list ending with
 * an empty string; directory 0 is the unit's own. */
static bool read_v4_names(ir_source_lines *out, dec_cursor *c, unit_header *h)
{
	const char *s;
	h->dirs = NULL;
	for (h->ndirs = 1;; h->ndirs++) {
		if (!read_cstring(c, &s))
			return false;
		if (!s[0])
			break;
		h->dirs =
		    w2n_xrealloc(h->dirs, (h->ndirs + 1) * sizeof *h->dirs);
		h->dirs[h->ndirs] = s;
	}
	h->first_file = 1;
	for (h->nfiles = 0;; h->nfiles++) {
		uint64_t dir, skip;
		if (!read_cstring(c, &s))
			return false;
		if (!s[0])
			return true;
		if (!dec_u64(c, &dir) || !dec_u64(c, &skip) ||
		    !dec_u64(c, &skip))
			return false;
		const char *d = dir > 0 && dir < h->ndirs ? h->dirs[dir] : NULL;
		h->file_ids = w2n_xrealloc(
		    h->file_ids, (h->nfiles + 1) * sizeof *h->file_ids);
		h->file_ids[h->nfiles] = add_file(out, join_path(out, d, s));
	}
}

/* DWARF 5: an entry format, then the entries; calls back per entry with
 * its path and directory index. */
static bool read_v5_entries(const dwarf *dw, dec_cursor *c,
                            unsigned offset_size, uint32_t *count,
                            const char ***paths, uint64_t **dir_of)
{
	uint8_t nformats;
	uint64_t format[2 * 16], n;
	if (!dec_u8(c, &nformats) || nformats > 16)
		return false;
	for (unsigned i = 0; i < 2u * nformats; i++)
		if (!dec_u64(c, &format[i]))
			return false;
	if (!dec_u64(c, &n) || n > dec_remaining(c))
		return false;
	*count = (uint32_t)n;
	*paths = w2n_xmalloc((n + 1) * sizeof **paths);
	*dir_of = w2n_xmalloc((n + 1) * sizeof **dir_of);
	for (uint64_t e = 0; e < n; e++) {
		(*paths)[e] = "";
		(*dir_of)[e] = 0;
		for (unsigned i = 0; i < nformats; i++) {
			const char *str = NULL;
			uint64_t num = 0;
			if (!read_form(dw, c, format[2 * i + 1], offset_size,
			               &str, &num))
				return false;
			if (format[2 * i] == LNCT_PATH && str)
				(*paths)[e] = str;
			else if (format[2 * i] == LNCT_DIRECTORY_INDEX)
				(*dir_of)[e] = num;
		}
	}
	return true;
}

static bool read_v5_names(const dwarf *dw, ir_source_lines *out, dec_cursor *c,
                          unsigned offset_size, unit_header *h)
{
	const char **names = NULL;
	uint64_t *dirs_of = NULL;
	bool ok =
	    read_v5_entries(dw, c, offset_size, &h->ndirs, &h->dirs, &dirs_of);
	free(dirs_of);
	dirs_of = NULL;
	ok = ok &&
	     read_v5_entries(dw, c, offset_size, &h->nfiles, &names, &dirs_of);
	if (ok) {
		h->first_file = 0;
		h->file_ids =
		    w2n_xmalloc((h->nfiles + 1) * sizeof *h->file_ids);
		for (uint32_t i = 0; i < h->nfiles; i++) {
			const char *d =
			    dirs_of[i] < h->ndirs ? h->dirs[dirs_of[i]] : NULL;
			h->file_ids[i] =
			    add_file(out, join_path(out, d, names[i]));
		}
	}
	free(names);
	free(dirs_of);
	return ok;
}

/* The line program's state. */
typedef struct line_state {
	uint64_t address;
	uint32_t file, line, column;
} line_state;

static void start_sequence(line_state *st)
{
	*st = (line_state){.file = 1, .line = 1};
}

static void add_row(const dwarf *dw, ir_source_lines *out, const unit_header *h,
                    const line_state *st, bool end)
{
	uint64_t at = st->address + dw->code_start;
	if (at > UINT32_MAX)
		return; /* a tombstone of a function the linker dropped */
	uint32_t file = st->file - h->first_file;
	if (out->nrows == out->rows_cap) {
		out->rows_cap = out->rows_cap ? 2 * out->rows_cap : 256;
		out->rows =
		    w2n_xrealloc(out->rows, out->rows_cap * sizeof *out->rows);
	}
	ir_source_row *r = &out->rows[out->nrows++];
	r->offset = (uint32_t)at;
	r->file = end || file >= h->nfiles ? UINT32_MAX : h->file_ids[file];
	r->line = end ? 0 : st->line;
	r->column = st->column;
}

static bool run_extended(const dwarf *dw, ir_source_lines *out, dec_cursor *c,
                         const unit_header *h, line_state *st)
{
	uint64_t len, addr;
	uint8_t op;
	const uint8_t *p;
	if (!dec_u64(c, &len) || len == 0 || !dec_u8(c, &op))
		return false;
	switch (op) {
	case LNE_END_SEQUENCE:
		add_row(dw, out, h, st, true);
		start_sequence(st);
		return true;
	case LNE_SET_ADDRESS:
		if (len - 1 > 8 || !read_fixed(c, (unsigned)(len - 1), &addr))
			return false;
		st->address = addr;
		return true;
	default: return dec_bytes(c, len - 1, &p);
	}
}

static bool run_standard(dec_cursor *c, const unit_header *h, uint8_t op,
                         line_state *st)
{
	uint64_t u;
	int64_t s;
	switch (op) {
	case LNS_ADVANCE_PC:
		if (!dec_u64(c, &u))
			return false;
		st->address += u * h->min_inst;
		return true;
	case LNS_ADVANCE_LINE:
		if (!dec_s64(c, &s))
			return false;
		st->line = (uint32_t)((int64_t)st->line + s);
		return true;
	case LNS_SET_FILE:
		if (!dec_u64(c, &u))
			return false;
		st->file = (uint32_t)u;
		return true;
	case LNS_SET_COLUMN:
		if (!dec_u64(c, &u))
			return false;
		st->column = (uint32_t)u;
		return true;
	case LNS_CONST_ADD_PC:
		st->address +=
		    (uint64_t)((255 - h->opcode_base) / h->line_range) *
		    h->min_inst;
		return true;
	case LNS_FIXED_ADVANCE_PC:
		if (!read_fixed(c, 2, &u))
			return false;
		st->address += u;
		return true;
	default:
		/* Operands we do not need: as many ULEBs as the header says. */
		for (unsigned i = 0; i < h->opcode_lengths[op - 1]; i++)
			if (!dec_u64(c, &u))
				return false;
		return true;
	}
}

static bool run_program(const dwarf *dw, ir_source_lines *out, dec_cursor *c,
                        const unit_header *h)
{
	line_state st;
	start_sequence(&st);
	while (!dec_at_end(c)) {
		uint8_t op;
		if (!dec_u8(c, &op))
			return false;
		if (op >= h->opcode_base) {
			unsigned adj = op - h->opcode_base;
			st.address +=
			    (uint64_t)(adj / h->line_range) * h->min_inst;
			st.line =
			    (uint32_t)((int)st.line + (int8_t)h->line_base +
			               (int)(adj % h->line_range));
			add_row(dw, out, h, &st, false);
		} else if (op == 0) {
			if (!run_extended(dw, out, c, h, &st))
				return false;
		} else if (op == LNS_COPY) {
			add_row(dw, out, h, &st, false);
		} else if (!run_standard(c, h, op, &st)) {
			return false;
		}
	}
	return true;
}

/* One unit's header, names and program, read as far as they are well
 * formed: false when the unit cannot be read at all. */
static bool read_unit_body(const dwarf *dw, ir_source_lines *out,
                           dec_cursor unit, unsigned offset_size);

/* One unit; false only when its length is unreadable, as then no unit
 * after it can be found. */
static bool read_unit(const dwarf *dw, ir_source_lines *out, dec_cursor *c)
{
	uint64_t len;
	unsigned offset_size = 4;
	const uint8_t *p;
	if (!read_fixed(c, 4, &len))
		return false;
	if (len == 0xffffffff) {
		offset_size = 8;
		if (!read_fixed(c, 8, &len))
			return false;
	}
	if (len > dec_remaining(c) || !dec_fixed(c, (size_t)len, &p))
		return false;
	dec_cursor unit = *c;
	unit.pos = p;
	unit.end = p + len;
	read_unit_body(dw, out, unit, offset_size);
	return true;
}

static bool read_unit_body(const dwarf *dw, ir_source_lines *out,
                           dec_cursor unit, unsigned offset_size)
{
	const uint8_t *p;
	uint64_t header_len;
	unit_header h = {0};
	uint64_t version;
	uint8_t max_ops, is_stmt;
	if (!read_fixed(&unit, 2, &version) || version < 2 || version > 5)
		return false;
	h.version = (uint16_t)version;
	if (h.version == 5 && !dec_fixed(&unit, 2, &p)) /* address sizes */
		return false;
	if (!read_fixed(&unit, offset_size, &header_len) ||
	    header_len > dec_remaining(&unit))
		return false;
	dec_cursor program = unit;
	program.pos = unit.pos + header_len;
	if (!dec_u8(&unit, &h.min_inst) ||
	    (h.version >= 4 && !dec_u8(&unit, &max_ops)) ||
	    !dec_u8(&unit, &is_stmt) || !dec_u8(&unit, &h.line_base) ||
	    !dec_u8(&unit, &h.line_range) || !dec_u8(&unit, &h.opcode_base) ||
	    h.line_range == 0 || h.opcode_base == 0 ||
	    !dec_fixed(&unit, h.opcode_base - 1u, &h.opcode_lengths))
		return false;
	bool ok = h.version == 5
	              ? read_v5_names(dw, out, &unit, offset_size, &h)
	              : read_v4_names(out, &unit, &h);
	ok = ok && run_program(dw, out, &program, &h);
	free(h.dirs);
	free(h.file_ids);
	return ok;
}

static int by_offset(const void *a, const void *b)
{
	const ir_source_row *x = a, *y = b;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	/* The end of a sequence before a row that starts another. */
	return (x->line != 0) - (y->line != 0);
}

bool ir_source_lines_read(const ir_module *m, ir_source_lines *out)
{
	memset(out, 0, sizeof *out);
	dwarf dw = {.line = custom(m, ".debug_line"),
	            .str = custom(m, ".debug_str"),
	            .line_str = custom(m, ".debug_line_str"),
	            .code_start = m->code_start};
	if (!dw.line || !m->code_start)
		return false;
	w2n_diags quiet = {0};
	dec_cursor c = dec_cursor_init(dw.line->bytes, dw.line->len, &quiet);
	while (!dec_at_end(&c) && read_unit(&dw, out, &c))
		;
	w2n_diags_free(&quiet);
	if (out->nrows == 0)
		return false;
	qsort(out->rows, out->nrows, sizeof *out->rows, by_offset);
	return true;
}

const ir_source_row *ir_source_lines_find(const ir_source_lines *s,
                                          uint32_t offset)
{
	/* The last row at or before `offset`. */
	uint32_t lo = 0, hi = s->nrows;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (s->rows[mid].offset <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || s->rows[lo - 1].line == 0)
		return NULL;
	return &s->rows[lo - 1];
}

void ir_source_lines_free(ir_source_lines *s)
{
	free(s->rows);
	free(s->files);
	w2n_arena_free(&s->arena);
	memset(s, 0, sizeof *s);
}
