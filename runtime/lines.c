/*
 * lines.c - the line table beside generated code (docs/backtraces.md):
 * wasm2native emits a DWARF 4 .debug_line whose lines are module offsets.
 * For code addresses, finds the ELF object holding them
 * (dl_iterate_phdr), maps its file, and runs the line programs of its
 * version 2-4 units once for all of them.  Only after a trap, so nothing
 * is cached.  The file may be anything: every read is bounds-checked,
 * and anything unexpected only means no line.
 */

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dwarf.h"

/* ---- The queries ---- */

/* Gives the queries in [lo, hi) the line `line`. */
static void answer(const query *q, uint64_t lo, uint64_t hi, uint32_t line)
{
	for (uint32_t a = first_query(q, lo); a < q->n && q->addr[a] < hi; a++)
		q->loc[a]->line = line;
}

/* The line program's header fields the state machine needs. */
typedef struct program {
	uint8_t min_inst, line_range, opcode_base;
	int8_t line_base;
	const uint8_t *std_lengths; /* opcode_base - 1 of them */
} program;

/* The registers of DWARF's line state machine (DWARF 4, 6.2.2). */
typedef struct row {
	uint64_t addr;
	int64_t line;
	bool valid; /* a row was emitted in this sequence */
	uint64_t row_addr;
	int64_t row_line;
} row;

static void emit_row(const query *q, row *s)
{
	/* (Line 0 is code of no instruction: merged or made by LLVM.) */
	if (s->valid && s->addr > s->row_addr && s->row_line > 0 &&
	    s->row_line < UINT32_MAX)
		answer(q, s->row_addr, s->addr, (uint32_t)s->row_line);
	s->valid = true;
	s->row_addr = s->addr;
	s->row_line = s->line;
}

static void reset(row *s)
{
	*s = (row){.line = 1};
}

static bool extended_op(reader *r, const query *q, row *s)
{
	uint64_t len = read_uleb(r);
	if (len == 0 || !ok(r, len))
		return false;
	reader op = {r->p, r->p + (size_t)len};
	r->p += (size_t)len;
	switch (read_le(&op, 1)) {
	case 1: /* DW_LNE_end_sequence */
		emit_row(q, s);
		reset(s);
		return true;
	case 2: /* DW_LNE_set_address */
		if (len - 1 != 4 && len - 1 != 8)
			return false;
		s->addr = read_le(&op, (unsigned)(len - 1));
		return true;
	default: return true; /* define_file, set_discriminator... */
	}
}

static bool standard_op(reader *r, const program *h, uint8_t op, row *s,
                        const query *q)
{
	switch (op) {
	case 1: emit_row(q, s); return true;                        /* copy */
	case 2: s->addr += read_uleb(r) * h->min_inst; return true; /* pc */
	case 3: s->line += read_sleb(r); return true;               /* line */
	case 8: /* const_add_pc */
		s->addr += (uint64_t)((255 - h->opcode_base) / h->line_range) *
		           h->min_inst;
		return true;
	case 9: s->addr += read_le(r, 2); return true; /* fixed_advance_pc */
	default:
		/* file, column, negate_stmt, basic_block, prologue_end,
		 * epilogue_begin, isa, or an opcode this reader does not know:
		 * skip its ULEB128 operands */
		for (uint8_t i = 0; i < h->std_lengths[op - 1]; i++)
			read_uleb(r);
		return true;
	}
}

static void run_program(reader *r, const program *h, const query *q)
{
	row s;
	reset(&s);
	while (ok(r, 1)) {
		uint8_t op = *r->p++;
		if (op >= h->opcode_base) { /* special opcode */
			uint8_t adj = (uint8_t)(op - h->opcode_base);
			s.addr += (uint64_t)(adj / h->line_range) * h->min_inst;
			s.line += h->line_base + adj % h->line_range;
			emit_row(q, &s);
		} else if (op == 0) {
			if (!extended_op(r, q, &s))
				return;
		} else if (!standard_op(r, h, op, &s, q)) {
			return;
		}
		if (r->p > r->end)
			return;
	}
}

/* Reads one line program's header from `u`; false for a version this reader
 * does not take (the 5 of C compiled with -g, say) or a bad one. */
static bool read_header(reader *u, program *h)
{
	unsigned version = (unsigned)read_le(u, 2);
	if (version < 2 || version > 4)
		return false;
	uint64_t header_len = read_le(u, 4);
	if (!ok(u, header_len))
		return false;
	reader hd = {u->p, u->p + (size_t)header_len};
	u->p += (size_t)header_len; /* the program */
	h->min_inst = (uint8_t)read_le(&hd, 1);
	if (version >= 4)
		read_le(&hd, 1); /* maximum_operations_per_instruction */
	read_le(&hd, 1);         /* default_is_stmt */
	h->line_base = (int8_t)read_le(&hd, 1);
	h->line_range = (uint8_t)read_le(&hd, 1);
	h->opcode_base = (uint8_t)read_le(&hd, 1);
	h->std_lengths = hd.p;
	return h->line_range && h->opcode_base && ok(&hd, h->opcode_base - 1);
}

void w2n_rt_dwarf_lines(reader all, const query *q)
{
	reader u;
	while (next_unit(&all, &u)) {
		program h;
		if (read_header(&u, &h))
			run_program(&u, &h, q);
	}
}

/* ---- The ELF file ---- */

/* Section `want` of the ELF image `f` (a little-endian file of this
 * machine's class), or an empty reader. */
static reader find_section(const uint8_t *f, size_t size, const char *want)
{
	reader none = {NULL, NULL};
	const ElfW(Ehdr) *eh = (const void *)f;
	if (size < sizeof *eh || memcmp(f, ELFMAG, SELFMAG) != 0 ||
	    f[EI_CLASS] != (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32) ||
	    eh->e_shentsize != sizeof(ElfW(Shdr)) || eh->e_shoff > size ||
	    (size - eh->e_shoff) / sizeof(ElfW(Shdr)) < eh->e_shnum ||
	    eh->e_shstrndx >= eh->e_shnum)
		return none;
	const ElfW(Shdr) *sh = (const void *)(f + eh->e_shoff);
	const ElfW(Shdr) *names = &sh[eh->e_shstrndx];
	size_t len = strlen(want) + 1;
	if (names->sh_offset > size || names->sh_size > size - names->sh_offset)
		return none;
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		const ElfW(Shdr) *s = &sh[i];
		if (s->sh_name >= names->sh_size ||
		    names->sh_size - s->sh_name < len ||
		    memcmp(f + names->sh_offset + s->sh_name, want, len) != 0)
			continue;
		if (s->sh_type == SHT_NOBITS ||
		    (s->sh_flags & SHF_COMPRESSED) || s->sh_offset > size ||
		    s->sh_size > size - s->sh_offset)
			return none;
		return (reader){f + s->sh_offset,
		                f + s->sh_offset + s->sh_size};
	}
	return none;
}

/* The object that holds a code address: its file and load bias. */
typedef struct object {
	uintptr_t pc;
	char path[PATH_MAX];
	uintptr_t bias;
	bool found;
} object;

static int find_object(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	object *o = arg;
	for (unsigned i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
		if (ph->p_type != PT_LOAD || o->pc < lo ||
		    o->pc - lo >= ph->p_memsz)
			continue;
		const char *name = info->dlpi_name;
		snprintf(o->path, sizeof o->path, "%s",
		         name && name[0] ? name : "/proc/self/exe");
		o->bias = info->dlpi_addr;
		o->found = true;
		return 1;
	}
	return 0;
}

/* Resolves the queries of object `o` from its file's DWARF. */
static void locate_in_object(const object *o, const query *q)
{
	int fd = open(o->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	struct stat st;
	void *f = MAP_FAILED;
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		f = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
		         0);
	close(fd);
	if (f == MAP_FAILED)
		return;
	size_t size = (size_t)st.st_size;
	reader lines = find_section(f, size, ".debug_line");
	if (lines.p) {
		w2n_rt_dwarf_lines(lines, q);
		w2n_rt_dwarf_inlines(find_section(f, size, ".debug_info"),
		                     find_section(f, size, ".debug_abbrev"),
		                     find_section(f, size, ".debug_ranges"), q);
	}
	munmap(f, size);
}

/* Sorts the queries by address (insertion sort: a backtrace's few). */
static void sort_queries(query *q)
{
	for (uint32_t i = 1; i < q->n; i++) {
		uint64_t a = q->addr[i];
		w2n_rt_location *l = q->loc[i];
		uint32_t j = i;
		for (; j > 0 && q->addr[j - 1] > a; j--) {
			q->addr[j] = q->addr[j - 1];
			q->loc[j] = q->loc[j - 1];
		}
		q->addr[j] = a;
		q->loc[j] = l;
	}
}

void w2n_rt_locate(const uintptr_t *pcs, w2n_rt_location *locs, uint32_t n)
{
	uint64_t addr[W2N_RT_FRAMES_MAX];
	w2n_rt_location *loc[W2N_RT_FRAMES_MAX];
	uintptr_t bias[W2N_RT_FRAMES_MAX];
	bool pending[W2N_RT_FRAMES_MAX];
	if (n > W2N_RT_FRAMES_MAX)
		n = W2N_RT_FRAMES_MAX;
	for (uint32_t i = 0; i < n; i++)
		locs[i] = (w2n_rt_location){.line = UINT32_MAX};
	object *op = w2n_rt_scratch(sizeof *op); /* PATH_MAX: not the stack */
	if (!op)
		return;
	for (uint32_t i = 0; i < n; i++) {
		*op = (object){.pc = pcs[i]};
		dl_iterate_phdr(find_object, op);
		pending[i] = op->found;
		bias[i] = op->bias;
	}
	/* One pass over each object's DWARF for all its addresses. */
	for (uint32_t i = 0; i < n; i++) {
		if (!pending[i])
			continue;
		*op = (object){.pc = pcs[i]};
		dl_iterate_phdr(find_object, op);
		query q = {addr, loc, 0};
		for (uint32_t j = i; j < n; j++) {
			if (!pending[j] || bias[j] != bias[i])
				continue;
			pending[j] = false;
			q.addr[q.n] = pcs[j] - bias[i];
			q.loc[q.n++] = &locs[j];
		}
		sort_queries(&q);
		if (op->found)
			locate_in_object(op, &q);
	}
	w2n_rt_scratch_free(op, sizeof *op);
}
