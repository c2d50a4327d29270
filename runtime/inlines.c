/*
 * inlines.c - the calls LLVM inlined, from the DWARF 4 .debug_info that
 * wasm2native emits beside its line table (docs/backtraces.md): each
 * DW_TAG_inlined_subroutine covers the code of one inlined call, and its
 * DW_AT_call_line is the module offset of that call.  For each query,
 * the call lines of the inlined subroutines around it, outermost first
 * (a parent comes before its children in the tree).  Units of other
 * versions (C compiled with -g) are skipped; anything unexpected ends the
 * unit.
 */
#include <string.h>

#include "dwarf.h"

enum {
	TAG_INLINED_SUBROUTINE = 0x1d,
	AT_LOW_PC = 0x11,
	AT_HIGH_PC = 0x12,
	AT_RANGES = 0x55,
	AT_CALL_LINE = 0x59,
	FORM_ADDR = 0x01,
	FORM_INDIRECT = 0x16,
	ABBREV_MAX = 1024, /* LLVM numbers a unit's abbreviations from 1 */
};

/* One abbreviation: its tag, whether DIEs of it have children, and its
 * attribute specifications (pairs of ULEB128, ending with 0, 0). */
typedef struct abbrev {
	uint32_t tag;
	bool children;
	const uint8_t *specs;
} abbrev;

typedef struct unit {
	reader r;          /* the DIEs */
	uint8_t addr_size; /* 4 or 8 */
	const uint8_t *abbrev_end;
	abbrev *ab; /* by code, ab[0] unused */
	uint32_t nab;
	uint64_t base; /* the unit's low_pc: base of its range lists */
	reader ranges; /* .debug_ranges */
} unit;

/* Reads the abbreviation table at `off` of .debug_abbrev. */
static bool read_abbrevs(reader all, uint64_t off, unit *u)
{
	if (off >= (uint64_t)(all.end - all.p))
		return false;
	reader r = {all.p + (size_t)off, all.end};
	u->abbrev_end = all.end;
	u->nab = 0;
	for (;;) {
		uint64_t code = read_uleb(&r);
		if (code == 0)
			return r.p <= r.end;
		if (code >= ABBREV_MAX)
			return false;
		abbrev *a = &u->ab[code];
		a->tag = (uint32_t)read_uleb(&r);
		a->children = read_le(&r, 1) != 0;
		a->specs = r.p;
		if (code >= u->nab)
			u->nab = (uint32_t)code + 1;
		for (uint64_t name = 1, form = 1;
		     ok(&r, 1) && (name || form);) {
			name = read_uleb(&r);
			form = read_uleb(&r);
		}
		if (r.p > r.end)
			return false;
	}
}

/* Reads (or skips) a value of `form`; constants, addresses, offsets and
 * references land in *v.  False for a form DWARF 4 does not have. */
static bool read_form(reader *r, uint64_t form, unsigned addr_size, uint64_t *v)
{
	static const uint8_t fixed[] = {
	    [0x05] = 2, [0x06] = 4, [0x07] = 8, [0x0b] = 1, [0x0c] = 1,
	    [0x0e] = 4, [0x10] = 4, [0x11] = 1, [0x12] = 2, [0x13] = 4,
	    [0x14] = 8, [0x17] = 4, [0x20] = 8};
	uint64_t len;
	*v = 0;
	switch (form) {
	case FORM_ADDR: *v = read_le(r, addr_size); return true;
	case 0x08: /* string */
		while (ok(r, 1) && *r->p)
			r->p++;
		r->p++;
		return true;
	case 0x0d: *v = (uint64_t)read_sleb(r); return true; /* sdata */
	case 0x0f:                                           /* udata */
	case 0x15: *v = read_uleb(r); return true;           /* ref_udata */
	case 0x19: return true;                              /* flag_present */
	case 0x03: len = read_le(r, 2); break;               /* block2 */
	case 0x04: len = read_le(r, 4); break;               /* block4 */
	case 0x09:                                           /* block */
	case 0x18: len = read_uleb(r); break;                /* exprloc */
	case 0x0a: len = read_le(r, 1); break;               /* block1 */
	default:
		if (form >= sizeof fixed || !fixed[form])
			return false;
		*v = read_le(r, fixed[form]);
		return true;
	}
	if (!ok(r, len))
		return false;
	r->p += (size_t)len;
	return true;
}

/* What one DIE says of the code it covers. */
typedef struct die {
	uint64_t low, high, ranges, call_line;
	bool has_low, has_high, high_is_size, has_ranges;
} die;

static bool read_die(unit *u, const abbrev *a, die *d)
{
	reader spec = {a->specs, u->abbrev_end};
	*d = (die){0};
	for (;;) {
		uint64_t name = read_uleb(&spec), form = read_uleb(&spec), v;
		if (spec.p > spec.end)
			return false;
		if (name == 0 && form == 0)
			return u->r.p <= u->r.end;
		if (form == FORM_INDIRECT)
			form = read_uleb(&u->r);
		if (!read_form(&u->r, form, u->addr_size, &v))
			return false;
		switch (name) {
		case AT_LOW_PC:
			d->low = v;
			d->has_low = true;
			break;
		case AT_HIGH_PC:
			d->high = v;
			d->has_high = true;
			d->high_is_size = form != FORM_ADDR;
			break;
		case AT_RANGES:
			d->ranges = v;
			d->has_ranges = true;
			break;
		case AT_CALL_LINE: d->call_line = v; break;
		}
	}
}

/* Adds call line `line` to the queries in [lo, hi). */
static void add_call(const query *q, uint64_t lo, uint64_t hi, uint32_t line)
{
	for (uint32_t a = first_query(q, lo); a < q->n && q->addr[a] < hi;
	     a++) {
		w2n_rt_location *l = q->loc[a];
		if (l->ncalls < W2N_RT_INLINE_MAX)
			l->calls[l->ncalls++] = line;
	}
}

/* An inlined subroutine: its call line to the queries it covers, by its
 * range or its range list. */
static void inlined(const unit *u, const die *d, const query *q)
{
	if (d->call_line >= UINT32_MAX)
		return;
	uint32_t line = (uint32_t)d->call_line;
	if (d->has_low && d->has_high) {
		add_call(q, d->low,
		         d->high_is_size ? d->low + d->high : d->high, line);
		return;
	}
	if (!d->has_ranges ||
	    d->ranges >= (uint64_t)(u->ranges.end - u->ranges.p))
		return;
	reader r = {u->ranges.p + (size_t)d->ranges, u->ranges.end};
	uint64_t base = u->base;
	uint64_t all_ones = u->addr_size == 8 ? UINT64_MAX : UINT32_MAX;
	while (ok(&r, 2 * (size_t)u->addr_size)) {
		uint64_t lo = read_le(&r, u->addr_size);
		uint64_t hi = read_le(&r, u->addr_size);
		if (lo == 0 && hi == 0)
			return;
		if (lo == all_ones)
			base = hi;
		else
			add_call(q, base + lo, base + hi, line);
	}
}

/* Walks the DIEs of one unit. */
static void walk_unit(unit *u, const query *q)
{
	bool first = true;
	while (ok(&u->r, 1)) {
		uint64_t code = read_uleb(&u->r);
		if (code == 0)
			continue; /* the end of a list of children */
		if (code >= u->nab || !u->ab[code].specs)
			return;
		die d;
		if (!read_die(u, &u->ab[code], &d))
			return;
		if (first && d.has_low) /* the unit itself */
			u->base = d.low;
		first = false;
		if (u->ab[code].tag == TAG_INLINED_SUBROUTINE)
			inlined(u, &d, q);
	}
}

void w2n_rt_dwarf_inlines(reader info, reader abbrevs, reader ranges,
                          const query *q)
{
	if (!info.p || !abbrevs.p)
		return;
	unit u = {.ranges = ranges};
	u.ab = w2n_rt_scratch(ABBREV_MAX * sizeof *u.ab);
	if (!u.ab)
		return;
	reader r;
	while (next_unit(&info, &r)) {
		unsigned version = (unsigned)read_le(&r, 2);
		uint64_t abbrev_off = read_le(&r, 4);
		u.addr_size = (uint8_t)read_le(&r, 1);
		if (version < 2 || version > 4 || r.p > r.end ||
		    (u.addr_size != 4 && u.addr_size != 8))
			continue;
		memset(u.ab, 0, ABBREV_MAX * sizeof *u.ab);
		if (!read_abbrevs(abbrevs, abbrev_off, &u))
			continue;
		u.r = r;
		u.base = 0;
		walk_unit(&u, q);
	}
	w2n_rt_scratch_free(u.ab, ABBREV_MAX * sizeof *u.ab);
}
