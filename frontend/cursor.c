/*
 * cursor.c - bounded reads and LEB128 decoding (spec 5.2.2).
 */
#include "cursor.h"

#include <string.h>

dec_cursor dec_cursor_init(const uint8_t *bytes, size_t len, w2n_diags *d)
{
	static const uint8_t empty[1];
	if (!bytes) /* no pointer arithmetic on NULL */
		bytes = empty, len = 0;
	dec_cursor c = {bytes, bytes, bytes + len, d, W2N_DIAG_UNEXPECTED_END};
	return c;
}

uint64_t dec_offset(const dec_cursor *c)
{
	return (uint64_t)(c->pos - c->file);
}

static bool ran_off_end(dec_cursor *c)
{
	return w2n_error(c->diags, dec_offset(c), c->end_code, NULL);
}

bool dec_sized(dec_cursor *c, dec_cursor *sub)
{
	uint64_t off = dec_offset(c);
	uint32_t len;
	if (!dec_u32(c, &len))
		return false;
	if (len > dec_remaining(c))
		return w2n_error(c->diags, off, W2N_DIAG_LENGTH_OUT_OF_BOUNDS,
		                 NULL);
	*sub = *c;
	sub->end = c->pos + len;
	sub->end_code = W2N_DIAG_UNEXPECTED_END_SECTION;
	c->pos += len;
	return true;
}

bool dec_u8(dec_cursor *c, uint8_t *out)
{
	if (c->pos >= c->end)
		return ran_off_end(c);
	*out = *c->pos++;
	return true;
}

bool dec_bytes(dec_cursor *c, size_t n, const uint8_t **out)
{
	if (n > dec_remaining(c))
		return w2n_error(c->diags, dec_offset(c),
		                 W2N_DIAG_LENGTH_OUT_OF_BOUNDS, NULL);
	*out = c->pos;
	c->pos += n;
	return true;
}

bool dec_fail_at_end(dec_cursor *c)
{
	c->pos = c->end;
	return ran_off_end(c);
}

bool dec_fixed(dec_cursor *c, size_t n, const uint8_t **out)
{
	if (n > dec_remaining(c))
		return dec_fail_at_end(c);
	*out = c->pos;
	c->pos += n;
	return true;
}

bool dec_peek_u8(const dec_cursor *c, uint8_t *out)
{
	if (dec_at_end(c))
		return false;
	*out = *c->pos;
	return true;
}

size_t dec_peek(const dec_cursor *c, size_t n, const uint8_t **out)
{
	*out = c->pos;
	return n < dec_remaining(c) ? n : dec_remaining(c);
}

/*
 * Reads an LEB128 number of `bits` bits.  For the last permitted byte,
 * the bits beyond `bits` must be zero (unsigned) or copies of the sign bit
 * (signed); a continuation bit there means the encoding is too long.
 */
static bool read_leb(dec_cursor *c, unsigned bits, bool is_signed,
                     uint64_t *out)
{
	unsigned max_bytes = (bits + 6) / 7;
	uint64_t result = 0;
	for (unsigned i = 0;; i++) {
		uint8_t b;
		if (!dec_u8(c, &b))
			return false;
		unsigned shift = 7 * i;
		result |= (uint64_t)(b & 0x7F) << shift;
		if (i == max_bytes - 1) {
			uint64_t off = dec_offset(c) - 1;
			if (b & 0x80)
				return w2n_error(c->diags, off,
				                 W2N_DIAG_INT_TOO_LONG, NULL);
			unsigned used = bits - shift; /* payload bits in b */
			uint8_t extra = (uint8_t)((b & 0x7F) >> used);
			uint8_t want = 0;
			if (is_signed && (b >> (used - 1)) & 1)
				want = (uint8_t)(0x7F >> used);
			if (extra != want)
				return w2n_error(c->diags, off,
				                 W2N_DIAG_INT_TOO_LARGE, NULL);
			if (is_signed && want && bits < 64)
				result |= ~(uint64_t)0 << bits;
			if (is_signed && want && bits == 64)
				result |= (uint64_t)b << 63;
			break;
		}
		if (!(b & 0x80)) {
			if (is_signed && (b & 0x40) && shift + 7 < 64)
				result |= ~(uint64_t)0 << (shift + 7);
			break;
		}
	}
	*out = result;
	return true;
}

bool dec_u32(dec_cursor *c, uint32_t *out)
{
	uint64_t v;
	if (!read_leb(c, 32, false, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

bool dec_u64(dec_cursor *c, uint64_t *out)
{
	return read_leb(c, 64, false, out);
}

bool dec_s32(dec_cursor *c, int32_t *out)
{
	uint64_t v;
	if (!read_leb(c, 32, true, &v))
		return false;
	*out = (int32_t)(uint32_t)v;
	return true;
}

bool dec_s33(dec_cursor *c, int64_t *out)
{
	uint64_t v;
	if (!read_leb(c, 33, true, &v))
		return false;
	*out = (int64_t)v;
	return true;
}

bool dec_s64(dec_cursor *c, int64_t *out)
{
	uint64_t v;
	if (!read_leb(c, 64, true, &v))
		return false;
	*out = (int64_t)v;
	return true;
}

static bool read_le(dec_cursor *c, unsigned n, uint64_t *out)
{
	const uint8_t *p;
	if (!dec_fixed(c, n, &p))
		return false;
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	*out = v;
	return true;
}

bool dec_f32(dec_cursor *c, uint32_t *bits)
{
	uint64_t v = 0;
	if (!read_le(c, 4, &v))
		return false;
	*bits = (uint32_t)v;
	return true;
}

bool dec_f64(dec_cursor *c, uint64_t *bits)
{
	return read_le(c, 8, bits);
}

/* Length of the UTF-8 sequence starting at p (0 if malformed). */
static size_t utf8_sequence(const uint8_t *p, size_t left)
{
	uint8_t b = p[0];
	size_t n;
	uint32_t cp, min;
	if (b < 0x80)
		return 1;
	if ((b & 0xE0) == 0xC0)
		n = 2, cp = b & 0x1F, min = 0x80;
	else if ((b & 0xF0) == 0xE0)
		n = 3, cp = b & 0x0F, min = 0x800;
	else if ((b & 0xF8) == 0xF0)
		n = 4, cp = b & 0x07, min = 0x10000;
	else
		return 0;
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

size_t dec_utf8_check(const uint8_t *bytes, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t n = utf8_sequence(bytes + i, len - i);
		if (!n)
			return i;
		i += n;
	}
	return len;
}
