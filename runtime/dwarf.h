/*
 * dwarf.h - reading DWARF sections (lines.c, inlines.c): a bounds-checked
 * reader of little-endian integers and LEB128, and what one lookup of
 * code addresses asks of them.
 */
#ifndef W2N_RT_DWARF_H
#define W2N_RT_DWARF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rt_internal.h"

/* A byte range being read; `p` past `end` means a read ran off it. */
typedef struct reader {
	const uint8_t *p, *end;
} reader;

static inline bool ok(const reader *r, uint64_t n)
{
	return r->p <= r->end && (uint64_t)(r->end - r->p) >= n;
}

static inline uint64_t read_le(reader *r, unsigned n)
{
	uint64_t v = 0;
	if (!ok(r, n)) {
		r->p = r->end + 1;
		return 0;
	}
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += n;
	return v;
}

static inline uint64_t read_uleb(reader *r)
{
	uint64_t v = 0;
	for (unsigned shift = 0; ok(r, 1); shift += 7) {
		uint8_t b = *r->p++;
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
	r->p = r->end + 1;
	return 0;
}

static inline int64_t read_sleb(reader *r)
{
	int64_t v = 0;
	unsigned shift = 0;
	uint8_t b = 0x80;
	while ((b & 0x80) && ok(r, 1)) {
		b = *r->p++;
		if (shift < 64)
			v |= (int64_t)((uint64_t)(b & 0x7f) << shift);
		shift += 7;
	}
	if (b & 0x80)
		r->p = r->end + 1;
	else if (shift < 64 && (b & 0x40))
		v |= -((int64_t)1 << shift);
	return v;
}

/* The next unit of a section (32-bit DWARF) into `unit`; false at the
 * end, or at a 64-bit or truncated unit (not wasm2native's). */
static inline bool next_unit(reader *all, reader *unit)
{
	if (!ok(all, 4))
		return false;
	uint64_t len = read_le(all, 4);
	if (len >= 0xfffffff0u || !ok(all, len))
		return false;
	*unit = (reader){all->p, all->p + (size_t)len};
	all->p += (size_t)len;
	return true;
}

/* Code addresses to find (relative to their object's link-time
 * addresses), ascending, and where each one's location goes. */
typedef struct query {
	uint64_t *addr;
	w2n_rt_location **loc;
	uint32_t n;
} query;

/* The first query at or above `lo`. */
static inline uint32_t first_query(const query *q, uint64_t lo)
{
	uint32_t a = 0, b = q->n;
	while (a < b) {
		uint32_t mid = a + (b - a) / 2;
		if (q->addr[mid] < lo)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

/* Runs the line programs of .debug_line (`lines`) for the queries'
 * lines (lines.c), and the units of .debug_info for their inlined calls
 * (inlines.c). */
void w2n_rt_dwarf_lines(reader lines, const query *q);
void w2n_rt_dwarf_inlines(reader info, reader abbrev, reader ranges,
                          const query *q);

#endif
