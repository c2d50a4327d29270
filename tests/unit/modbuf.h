/*
 * modbuf.h - builds small Wasm binaries in memory for the unit tests.
 * Sizes of sections and bodies are written as padded 5-byte LEB128 (valid
 * in the binary format), so that a test can record `b.len` before writing
 * something and know that offset for sure.
 */
#ifndef W2N_TEST_MODBUF_H
#define W2N_TEST_MODBUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MODBUF_CAP = 1 << 16 };

typedef struct modbuf {
	uint8_t bytes[MODBUF_CAP];
	size_t len;
} modbuf;

/* Section ids (spec 5.5.2). */
/* clang-format off */
enum {
	SEC_CUSTOM = 0, SEC_TYPE, SEC_IMPORT, SEC_FUNCTION, SEC_TABLE,
	SEC_MEMORY, SEC_GLOBAL, SEC_EXPORT, SEC_START, SEC_ELEMENT, SEC_CODE,
	SEC_DATA, SEC_DATA_COUNT, SEC_TAG
};
/* clang-format on */

static inline void mb_put(modbuf *b, const uint8_t *p, size_t n)
{
	if (n > MODBUF_CAP - b->len)
		abort(); /* a test built too big a module */
	if (n)           /* p may be NULL then */
		memcpy(b->bytes + b->len, p, n);
	b->len += n;
}

/* Appends literal bytes: MB(&b, 0x41, 0x00). */
#define MB(b, ...)                                                             \
	mb_put((b), (const uint8_t[]){__VA_ARGS__},                            \
	       sizeof((const uint8_t[]){__VA_ARGS__}))

/* Minimal unsigned LEB128. */
static inline void mb_u32(modbuf *b, uint32_t v)
{
	do {
		uint8_t byte = (uint8_t)(v & 0x7F);
		v >>= 7;
		if (v)
			byte |= 0x80;
		mb_put(b, &byte, 1);
	} while (v);
}

static inline void mb_header(modbuf *b)
{
	MB(b, 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
}

/* Reserves a 5-byte size field; returns where it is for mb_end. */
static inline size_t mb_begin(modbuf *b)
{
	size_t at = b->len;
	MB(b, 0x80, 0x80, 0x80, 0x80, 0x00);
	return at;
}

/* Fills the size field at `at` with the number of bytes written since. */
static inline void mb_end(modbuf *b, size_t at)
{
	size_t n = b->len - at - 5;
	for (int i = 0; i < 5; i++, n >>= 7)
		b->bytes[at + (size_t)i] =
		    (uint8_t)((n & 0x7F) | (i < 4 ? 0x80 : 0));
}

/* Starts section `id`; close it with mb_end(b, returned value). */
static inline size_t mb_section(modbuf *b, uint8_t id)
{
	mb_put(b, &id, 1);
	return mb_begin(b);
}

/* Starts a module of `n` (at most 127) functions of type [] -> []: the
 * header, the type section and the function section (its tables, memory
 * and code come next). */
static inline void mb_void_funcs(modbuf *b, uint8_t n)
{
	b->len = 0;
	mb_header(b);
	size_t s = mb_section(b, SEC_TYPE);
	MB(b, 1, 0x60, 0, 0);
	mb_end(b, s);
	s = mb_section(b, SEC_FUNCTION);
	mb_put(b, &n, 1);
	for (uint8_t i = 0; i < n; i++)
		MB(b, 0);
	mb_end(b, s);
}

/* A name: its length then its bytes. */
static inline void mb_name(modbuf *b, const char *s)
{
	size_t n = strlen(s);
	mb_u32(b, (uint32_t)n);
	mb_put(b, (const uint8_t *)s, n);
}

#endif
