/*
 * cursor.h - the one bounded reader over input bytes.  Every read in the
 * frontend goes through a dec_cursor; a failed read records a diagnostic
 * at the offending byte and returns false.  Nothing else in frontend/
 * moves raw pointers over the input.
 */
#ifndef W2N_CURSOR_H
#define W2N_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef struct dec_cursor {
	const uint8_t *file; /* start of the whole input, for offsets */
	const uint8_t *pos, *end;
	w2n_diags *diags;
	/* Diagnostic for running off `end`: "unexpected end" for the whole
	 * file, "unexpected end of section or function" inside a section or
	 * function body (the testsuite distinguishes the two).  Reads that
	 * stop at a limit set by an enclosing length get the right one. */
	w2n_diag_code end_code;
} dec_cursor;

/* A cursor over the whole input. */
dec_cursor dec_cursor_init(const uint8_t *bytes, size_t len, w2n_diags *d);

/* Byte offset of the next byte to read. */
uint64_t dec_offset(const dec_cursor *c);
static inline size_t dec_remaining(const dec_cursor *c)
{
	return (size_t)(c->end - c->pos);
}
static inline bool dec_at_end(const dec_cursor *c)
{
	return c->pos >= c->end;
}

/* Reads a u32 size and makes `sub` a cursor over that many following
 * bytes, which `c` skips.  Fails with "length out of bounds", at the size,
 * when fewer remain.  Running off the end of `sub` is "unexpected end of
 * section or function". */
bool dec_sized(dec_cursor *c, dec_cursor *sub);

bool dec_u8(dec_cursor *c, uint8_t *out);
/* The next n bytes; "length out of bounds" when fewer remain (n is a
 * length read from the input). */
bool dec_bytes(dec_cursor *c, size_t n, const uint8_t **out);
/* The next n bytes of a fixed-size field; running off the end when fewer
 * remain, reported at the end (the first missing byte). */
bool dec_fixed(dec_cursor *c, size_t n, const uint8_t **out);

/* Looking ahead without reading: the next byte (false at the end, with
 * nothing recorded), and the next min(n, remaining) bytes (their count). */
bool dec_peek_u8(const dec_cursor *c, uint8_t *out);
size_t dec_peek(const dec_cursor *c, size_t n, const uint8_t **out);

/* Records running off the end of `c`, at its end, where a read of more
 * items than can fit would stop; always false. */
bool dec_fail_at_end(dec_cursor *c);

/* LEB128 with the spec's rules: at most ceil(N/7) bytes ("integer
 * representation too long"), unused bits of the last byte zero for
 * unsigned and a sign extension for signed ("integer too large"). */
bool dec_u32(dec_cursor *c, uint32_t *out);
bool dec_u64(dec_cursor *c, uint64_t *out);
bool dec_s32(dec_cursor *c, int32_t *out);
bool dec_s33(dec_cursor *c, int64_t *out);
bool dec_s64(dec_cursor *c, int64_t *out);

/* Little-endian raw bits of floats. */
bool dec_f32(dec_cursor *c, uint32_t *bits);
bool dec_f64(dec_cursor *c, uint64_t *bits);

/* Index of the first byte of bytes[0..len) that is not part of
 * well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF),
 * or len when all of it is. */
size_t dec_utf8_check(const uint8_t *bytes, size_t len);

#endif
