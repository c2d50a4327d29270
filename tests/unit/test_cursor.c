/*
 * test_cursor.c - unit tests of the bounded cursor (frontend/cursor.c):
 * LEB128 of every width against the spec's rules (spec 5.2.2), sized
 * sub-cursors, raw reads, looking ahead and the UTF-8 check, plus the
 * text and printing of diagnostics.  Every failure case checks the
 * recorded diagnostic code and the byte offset it names.
 */
#include <string.h>

#include "diag_check.h"
#include "cursor.h"

typedef enum leb_kind { LEB_U32, LEB_S32, LEB_S33, LEB_S64, LEB_U64 } leb_kind;

/* OK marks a case that must decode; its value is compared as 64 bits
 * (signed results sign-extended). */
#define OK W2N_DIAG_COUNT

typedef struct leb_case {
	const char *name;
	leb_kind kind;
	const uint8_t *bytes;
	size_t len;
	w2n_diag_code code; /* OK, or the expected diagnostic */
	uint64_t value;     /* when OK */
	size_t at;          /* OK: bytes consumed; else: diagnostic offset */
} leb_case;

#define BYTES(...)                                                             \
	(const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})
#define NO_BYTES (const uint8_t *)"", 0

#define LONG W2N_DIAG_INT_TOO_LONG
#define LARGE W2N_DIAG_INT_TOO_LARGE
#define END W2N_DIAG_UNEXPECTED_END

/* clang-format off */
static const leb_case leb_cases[] = {
	/* u32: minimal, padded, maximal, and every way to be too long. */
	{"u32 0", LEB_U32, BYTES(0x00), OK, 0, 1},
	{"u32 127", LEB_U32, BYTES(0x7F), OK, 127, 1},
	{"u32 128", LEB_U32, BYTES(0x80, 0x01), OK, 128, 2},
	{"u32 624485", LEB_U32, BYTES(0xE5, 0x8E, 0x26), OK, 624485, 3},
	{"u32 0 padded to 2", LEB_U32, BYTES(0x80, 0x00), OK, 0, 2},
	{"u32 0 padded to 5", LEB_U32, BYTES(0x80, 0x80, 0x80, 0x80, 0x00),
	 OK, 0, 5},
	{"u32 stops at its end", LEB_U32, BYTES(0x05, 0xFF), OK, 5, 1},
	{"u32 max", LEB_U32, BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0x0F), OK,
	 UINT32_MAX, 5},
	{"u32 unused bit 4", LEB_U32, BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0x1F),
	 LARGE, 0, 4},
	{"u32 unused bits 0x70", LEB_U32,
	 BYTES(0x80, 0x80, 0x80, 0x80, 0x70), LARGE, 0, 4},
	{"u32 6 bytes", LEB_U32, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x00),
	 LONG, 0, 4},
	{"u32 5th byte continues at end", LEB_U32,
	 BYTES(0x80, 0x80, 0x80, 0x80, 0x80), LONG, 0, 4},
	{"u32 empty", LEB_U32, NO_BYTES, END, 0, 0},
	{"u32 truncated after 1", LEB_U32, BYTES(0x80), END, 0, 1},
	{"u32 truncated after 4", LEB_U32, BYTES(0xFF, 0xFF, 0xFF, 0xFF),
	 END, 0, 4},

	/* s32: sign extension from bit 6 of the last byte read. */
	{"s32 0x7F is -1", LEB_S32, BYTES(0x7F), OK, (uint64_t)-1, 1},
	{"s32 63", LEB_S32, BYTES(0x3F), OK, 63, 1},
	{"s32 0x40 is -64", LEB_S32, BYTES(0x40), OK, (uint64_t)-64, 1},
	{"s32 64", LEB_S32, BYTES(0xC0, 0x00), OK, 64, 2},
	{"s32 -128", LEB_S32, BYTES(0x80, 0x7F), OK, (uint64_t)-128, 2},
	{"s32 -123456", LEB_S32, BYTES(0xC0, 0xBB, 0x78), OK,
	 (uint64_t)-123456, 3},
	{"s32 -1 padded to 2", LEB_S32, BYTES(0xFF, 0x7F), OK,
	 (uint64_t)-1, 2},
	{"s32 max", LEB_S32, BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0x07), OK,
	 INT32_MAX, 5},
	{"s32 min", LEB_S32, BYTES(0x80, 0x80, 0x80, 0x80, 0x78), OK,
	 (uint64_t)(int64_t)INT32_MIN, 5},
	{"s32 -1 in 5 bytes (0x70 bits set)", LEB_S32,
	 BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0x7F), OK, (uint64_t)-1, 5},
	{"s32 0 in 5 bytes", LEB_S32, BYTES(0x80, 0x80, 0x80, 0x80, 0x00),
	 OK, 0, 5},
	{"s32 positive with 0x0F (sign bit, no extension)", LEB_S32,
	 BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0x0F), LARGE, 0, 4},
	{"s32 0x70 bits without sign", LEB_S32,
	 BYTES(0x80, 0x80, 0x80, 0x80, 0x70), LARGE, 0, 4},
	{"s32 negative missing one extension bit", LEB_S32,
	 BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0x5F), LARGE, 0, 4},
	{"s32 6 bytes", LEB_S32, BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F),
	 LONG, 0, 4},
	{"s32 truncated", LEB_S32, BYTES(0xFF), END, 0, 1},

	/* s33 (block types): the last byte carries 5 payload bits. */
	{"s33 0x7F is -1", LEB_S33, BYTES(0x7F), OK, (uint64_t)-1, 1},
	{"s33 0x40 is -64", LEB_S33, BYTES(0x40), OK, (uint64_t)-64, 1},
	{"s33 2^32-1", LEB_S33, BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0x0F), OK,
	 UINT32_MAX, 5},
	{"s33 -2^32", LEB_S33, BYTES(0x80, 0x80, 0x80, 0x80, 0x70), OK,
	 (uint64_t)-(INT64_C(1) << 32), 5},
	{"s33 -1 in 5 bytes", LEB_S33, BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0x7F),
	 OK, (uint64_t)-1, 5},
	{"s33 sign without extension", LEB_S33,
	 BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0x1F), LARGE, 0, 4},
	{"s33 extension without sign", LEB_S33,
	 BYTES(0x80, 0x80, 0x80, 0x80, 0x20), LARGE, 0, 4},
	{"s33 6 bytes", LEB_S33, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x00),
	 LONG, 0, 4},
	{"s33 truncated", LEB_S33, BYTES(0x80, 0x80), END, 0, 2},

	/* s64: 10 bytes, the last with one payload bit. */
	{"s64 0x7F is -1", LEB_S64, BYTES(0x7F), OK, (uint64_t)-1, 1},
	{"s64 max", LEB_S64,
	 BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00),
	 OK, INT64_MAX, 10},
	{"s64 min", LEB_S64,
	 BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F),
	 OK, (uint64_t)INT64_MIN, 10},
	{"s64 -1 in 10 bytes", LEB_S64,
	 BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F),
	 OK, (uint64_t)-1, 10},
	{"s64 2^32 (no 32-bit truncation)", LEB_S64,
	 BYTES(0x80, 0x80, 0x80, 0x80, 0x10), OK, UINT64_C(1) << 32, 5},
	{"s64 sign bit without extension", LEB_S64,
	 BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
	 LARGE, 0, 9},
	{"s64 extension without sign bit", LEB_S64,
	 BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7E),
	 LARGE, 0, 9},
	{"s64 11 bytes", LEB_S64,
	 BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	       0x00),
	 LONG, 0, 9},
	{"s64 truncated after 9", LEB_S64,
	 BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80), END,
	 0, 9},

	/* u64 */
	{"u64 0 padded", LEB_U64, BYTES(0x80, 0x00), OK, 0, 2},
	{"u64 2^35", LEB_U64, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x01), OK,
	 UINT64_C(1) << 35, 6},
	{"u64 max", LEB_U64,
	 BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
	 OK, UINT64_MAX, 10},
	{"u64 unused bit", LEB_U64,
	 BYTES(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02),
	 LARGE, 0, 9},
	{"u64 11 bytes", LEB_U64,
	 BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	       0x00),
	 LONG, 0, 9},
	{"u64 truncated", LEB_U64, BYTES(0x80, 0x80, 0x80), END, 0, 3},
};
/* clang-format on */

/* Runs one read of `kind`; the value widened to 64 bits. */
static bool read_kind(dec_cursor *c, leb_kind kind, uint64_t *value)
{
	uint32_t u32 = 0;
	int32_t s32 = 0;
	int64_t s64 = 0;
	bool ok;
	switch (kind) {
	case LEB_U32:
		ok = dec_u32(c, &u32);
		*value = u32;
		return ok;
	case LEB_S32:
		ok = dec_s32(c, &s32);
		*value = (uint64_t)(int64_t)s32;
		return ok;
	case LEB_S33:
		ok = dec_s33(c, &s64);
		*value = (uint64_t)s64;
		return ok;
	case LEB_S64:
		ok = dec_s64(c, &s64);
		*value = (uint64_t)s64;
		return ok;
	case LEB_U64: return dec_u64(c, value);
	}
	return false;
}

static void run_leb_case(const leb_case *t)
{
	w2n_diags d = {0};
	dec_cursor c = dec_cursor_init(t->bytes, t->len, &d);
	uint64_t value = 0;
	check_context(t->name);
	bool ok = read_kind(&c, t->kind, &value);
	if (t->code == OK) {
		CHECK(ok);
		CHECK_EQ(value, t->value);
		CHECK_EQ(dec_offset(&c), t->at);
		CHECK(d.first == NULL);
	} else {
		CHECK(!ok);
		CHECK_DIAG(&d, t->code, t->at);
		CHECK_EQ(d.count, 1);
	}
	w2n_diags_free(&d);
}

/* Offsets count from the start of the file, not of the cursor. */
static void test_offsets_are_file_offsets(void)
{
	static const uint8_t bytes[] = {0xAA, 0xBB, 0x80, 0x80,
	                                0x80, 0x80, 0x80, 0x00};
	w2n_diags d = {0};
	dec_cursor c = dec_cursor_init(bytes, sizeof bytes, &d);
	uint8_t b;
	uint32_t v;
	check_context("offset after two bytes");
	CHECK(dec_u8(&c, &b) && b == 0xAA);
	CHECK(dec_u8(&c, &b) && b == 0xBB);
	CHECK_EQ(dec_offset(&c), 2);
	CHECK(!dec_u32(&c, &v));
	CHECK_DIAG(&d, W2N_DIAG_INT_TOO_LONG, 6);
	w2n_diags_free(&d);
}

/* dec_sized: bounds of the sub-cursor and its end-of-data code. */
static void test_sized(void)
{
	static const uint8_t ok_bytes[] = {0x03, 0xAA, 0xBB, 0xCC, 0xDD};
	static const uint8_t long_bytes[] = {0x00, 0x04, 0xAA, 0xBB, 0xCC};
	static const uint8_t bad_size[] = {0x80};
	w2n_diags d = {0};
	dec_cursor c = dec_cursor_init(ok_bytes, sizeof ok_bytes, &d), sub;
	uint8_t b;
	const uint8_t *p;

	check_context("dec_sized in bounds");
	CHECK(dec_sized(&c, &sub));
	CHECK_EQ(dec_offset(&sub), 1);
	CHECK_EQ(dec_remaining(&sub), 3);
	CHECK_EQ(dec_offset(&c), 4);
	CHECK(dec_u8(&c, &b) && b == 0xDD && dec_at_end(&c));
	CHECK(dec_bytes(&sub, 3, &p) && p == ok_bytes + 1);
	CHECK(!dec_u8(&sub, &b));
	CHECK_DIAG(&d, W2N_DIAG_UNEXPECTED_END_SECTION, 4);
	w2n_diags_free(&d);

	check_context("dec_sized length out of bounds");
	c = dec_cursor_init(long_bytes, sizeof long_bytes, &d);
	CHECK(dec_u8(&c, &b));
	CHECK(!dec_sized(&c, &sub));
	CHECK_DIAG(&d, W2N_DIAG_LENGTH_OUT_OF_BOUNDS, 1);
	w2n_diags_free(&d);

	check_context("dec_sized bad size");
	c = dec_cursor_init(bad_size, sizeof bad_size, &d);
	CHECK(!dec_sized(&c, &sub));
	CHECK_DIAG(&d, W2N_DIAG_UNEXPECTED_END, 1);
	w2n_diags_free(&d);

	check_context("dec_sized of zero at end");
	static const uint8_t zero[] = {0x00};
	c = dec_cursor_init(zero, sizeof zero, &d);
	CHECK(dec_sized(&c, &sub) && dec_at_end(&sub) && dec_at_end(&c));
	CHECK(d.first == NULL);
}

/* dec_u8, dec_bytes and the raw float reads. */
static void test_raw_reads(void)
{
	static const uint8_t bytes[] = {0x01, 0x00, 0xC0, 0x7F, 0x01, 0x00,
	                                0x00, 0x00, 0x00, 0x00, 0xF8, 0xFF};
	w2n_diags d = {0};
	dec_cursor c = dec_cursor_init(bytes, sizeof bytes, &d);
	uint32_t f32 = 0;
	uint64_t f64 = 0;
	const uint8_t *p;

	check_context("floats keep their bits");
	CHECK(dec_f32(&c, &f32));
	CHECK_EQ(f32, 0x7FC00001);
	CHECK(dec_f64(&c, &f64));
	CHECK_EQ(f64, UINT64_C(0xFFF8000000000001));
	CHECK(dec_at_end(&c) && d.first == NULL);

	check_context("dec_bytes past the end");
	c = dec_cursor_init(bytes, sizeof bytes, &d);
	CHECK(dec_bytes(&c, 2, &p) && p == bytes);
	CHECK(!dec_bytes(&c, 11, &p));
	CHECK_DIAG(&d, W2N_DIAG_LENGTH_OUT_OF_BOUNDS, 2);
	w2n_diags_free(&d);

	check_context("dec_f32 truncated");
	c = dec_cursor_init(bytes, 3, &d);
	CHECK(!dec_f32(&c, &f32));
	CHECK(d.first && d.first->code == W2N_DIAG_UNEXPECTED_END);
	w2n_diags_free(&d);
}

/* Looking ahead reads nothing; a fixed-size field that does not fit runs
 * off the end, reported at the end (the first missing byte). */
static void test_peek_and_fixed(void)
{
	static const uint8_t bytes[] = {0x00, 0x61, 0x73};
	w2n_diags d = {0};
	dec_cursor c = dec_cursor_init(bytes, sizeof bytes, &d);
	const uint8_t *p;
	uint8_t b;

	check_context("peeking");
	CHECK(dec_peek_u8(&c, &b) && b == 0x00);
	CHECK(dec_peek(&c, 4, &p) == 3 && p == bytes);
	CHECK(dec_peek(&c, 2, &p) == 2 && p == bytes);
	CHECK_EQ(dec_offset(&c), 0);
	CHECK(dec_fixed(&c, 2, &p) && p == bytes && dec_offset(&c) == 2);
	CHECK(d.first == NULL);

	check_context("fixed field past the end");
	CHECK(!dec_fixed(&c, 2, &p));
	CHECK_DIAG(&d, W2N_DIAG_UNEXPECTED_END, 3);
	CHECK(dec_at_end(&c) && !dec_peek_u8(&c, &b));
	CHECK_EQ(d.count, 1); /* peeking at the end records nothing */
	w2n_diags_free(&d);

	check_context("dec_fail_at_end");
	c = dec_cursor_init(bytes, sizeof bytes, &d);
	CHECK(!dec_fail_at_end(&c));
	CHECK_DIAG(&d, W2N_DIAG_UNEXPECTED_END, 3);
	w2n_diags_free(&d);
}

typedef struct utf8_case {
	const char *name;
	const uint8_t *bytes;
	size_t len;
	size_t bad; /* index of the first bad byte, or len */
} utf8_case;

/* clang-format off */
static const utf8_case utf8_cases[] = {
	{"empty", NO_BYTES, 0},
	{"ASCII", BYTES('h', 'e', 'l', 'l', 'o'), 5},
	{"NUL is a character", BYTES(0x00), 1},
	{"2-byte U+00E9", BYTES(0xC3, 0xA9), 2},
	{"2-byte U+0080 (smallest)", BYTES(0xC2, 0x80), 2},
	{"3-byte U+20AC", BYTES(0xE2, 0x82, 0xAC), 3},
	{"3-byte U+0800 (smallest)", BYTES(0xE0, 0xA0, 0x80), 3},
	{"3-byte U+D7FF (before surrogates)", BYTES(0xED, 0x9F, 0xBF), 3},
	{"3-byte U+E000 (after surrogates)", BYTES(0xEE, 0x80, 0x80), 3},
	{"3-byte U+FFFF", BYTES(0xEF, 0xBF, 0xBF), 3},
	{"4-byte U+1F600", BYTES(0xF0, 0x9F, 0x98, 0x80), 4},
	{"4-byte U+10FFFF (largest)", BYTES(0xF4, 0x8F, 0xBF, 0xBF), 4},
	{"mixed", BYTES('a', 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 'z'), 7},
	{"overlong 2-byte NUL", BYTES(0xC0, 0x80), 0},
	{"overlong 2-byte U+007F", BYTES('a', 0xC1, 0xBF), 1},
	{"overlong 3-byte", BYTES(0xE0, 0x9F, 0xBF), 0},
	{"overlong 3-byte NUL", BYTES(0xE0, 0x80, 0x80), 0},
	{"overlong 4-byte", BYTES(0xF0, 0x8F, 0xBF, 0xBF), 0},
	{"surrogate U+D800", BYTES('x', 'y', 0xED, 0xA0, 0x80), 2},
	{"surrogate U+DFFF", BYTES(0xED, 0xBF, 0xBF), 0},
	{"U+110000", BYTES(0xF4, 0x90, 0x80, 0x80), 0},
	{"lead byte 0xF5", BYTES(0xF5, 0x80, 0x80, 0x80), 0},
	{"lead byte 0xF8", BYTES(0xF8, 0x88, 0x80, 0x80, 0x80), 0},
	{"byte 0xFF", BYTES('a', 0xFF), 1},
	{"truncated 2-byte", BYTES('a', 0xC3), 1},
	{"truncated 3-byte", BYTES(0xE2, 0x82), 0},
	{"truncated 4-byte", BYTES('a', 'b', 0xF0, 0x9F, 0x98), 2},
	{"stray continuation", BYTES('a', 'b', 0x80), 2},
	{"continuation first", BYTES(0xBF, 'a'), 0},
	{"bad continuation", BYTES('x', 0xE2, 0x28, 0xA1), 1},
	{"extra continuation", BYTES(0xC3, 0xA9, 0xA9), 2},
};
/* clang-format on */

static void run_utf8_case(const utf8_case *t)
{
	check_context(t->name);
	CHECK_EQ(dec_utf8_check(t->bytes, t->len), t->bad);
}

/* Diagnostic text and printing (diag.c). */
static void test_diag_messages(void)
{
	w2n_diags d = {.file = "m.wasm"};
	check_context("diagnostic messages");
	CHECK(!w2n_error(&d, 0x10, W2N_DIAG_TYPE_MISMATCH, NULL));
	CHECK(!w2n_error_named(&d, 3, W2N_DIAG_UNKNOWN_MEMORY, "%u", 1u));
	CHECK(!w2n_error(&d, 4, W2N_DIAG_TYPE_MISMATCH, "%u values left", 2u));
	CHECK(
	    !w2n_error(&d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_READ, "%s", "gone"));
	CHECK_EQ(d.count, 4);
	CHECK(strcmp(d.first->message, "type mismatch") == 0);
	CHECK(strcmp(d.first->next->message, "unknown memory 1") == 0);
	/* The caller says how a detail joins the text, not its format. */
	CHECK(strcmp(d.first->next->next->message,
	             "type mismatch: 2 values left") == 0);
	CHECK(strcmp(d.last->message, "cannot read file: gone") == 0);

	char buf[256] = {0};
	FILE *f = fmemopen(buf, sizeof buf - 1, "w");
	CHECK(f != NULL);
	if (f) {
		w2n_diag_print(&d, d.first, f);
		w2n_diag_print(&d, d.last, f);
		fclose(f);
	}
	CHECK(strcmp(buf, "m.wasm:0x10: error: type mismatch\n"
	                  "m.wasm: error: cannot read file: gone\n") == 0);
	w2n_diags_free(&d);
	CHECK(d.first == NULL && d.last == NULL && d.count == 0);
}

int main(void)
{
	for (size_t i = 0; i < sizeof leb_cases / sizeof leb_cases[0]; i++)
		run_leb_case(&leb_cases[i]);
	for (size_t i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++)
		run_utf8_case(&utf8_cases[i]);
	check_context(NULL);
	test_offsets_are_file_offsets();
	test_sized();
	test_raw_reads();
	test_peek_and_fixed();
	test_diag_messages();
	return check_report("test_cursor");
}
