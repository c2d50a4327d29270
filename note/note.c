/*
 * note.c - the module note (note.h): building its text and bytes for
 * codegen and decoding it.  note_elf.c finds it in ELF files.
 */
#include "note.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2n_rt.h"

const char *w2n_note_interrupt_name(uint32_t mode)
{
	switch (mode) {
	case W2N_RT_INTERRUPT_EPOCH: return "epoch";
	case W2N_RT_INTERRUPT_FUEL: return "fuel";
	default: return "none";
	}
}

const char *w2n_note_bounds_name(uint32_t bounds)
{
	return bounds == W2N_RT_BOUNDS_EXPLICIT ? "explicit" : "guard";
}

/* ---- Text ---- */

static void append(w2n_note_text *t, const char *s, size_t len)
{
	if (t->failed)
		return;
	if (t->len + len + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		while (cap < t->len + len + 1)
			cap *= 2;
		char *p = realloc(t->s, cap);
		if (!p) {
			t->failed = true;
			return;
		}
		t->s = p;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, len);
	t->len += len;
	t->s[t->len] = '\0';
}

static void appendf(w2n_note_text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void appendf(w2n_note_text *t, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		append(t, buf,
		       (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* A name as a text-format string. */
static void append_name(w2n_note_text *t, const char *name, size_t len)
{
	append(t, "\"", 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			appendf(t, "\\%02x", c);
		else
			append(t, &name[i], 1);
	}
	append(t, "\"", 1);
}

static const char *valtype_name(uint8_t code)
{
	switch (code) {
	case W2N_RT_I32: return "i32";
	case W2N_RT_I64: return "i64";
	case W2N_RT_F32: return "f32";
	case W2N_RT_F64: return "f64";
	case W2N_RT_V128: return "v128";
	case W2N_RT_FUNCREF: return "funcref";
	case W2N_RT_EXTERNREF: return "externref";
	default: return "?";
	}
}

/* A value type in full: its name, or for a non-nullable or typed
 * reference "(ref null? HEAP)", a type index as a number. */
static void append_valtype(w2n_note_text *t, uint32_t type)
{
	uint8_t low = (uint8_t)type;
	if (type == low) {
		append(t, " ", 1);
		append(t, valtype_name(low), strlen(valtype_name(low)));
		return;
	}
	appendf(t, " (ref %s", type & W2N_RT_REF_NONNULL ? "" : "null ");
	if (type & W2N_RT_REF_TYPED)
		appendf(t, "%u)", type >> W2N_RT_REF_INDEX_SHIFT);
	else
		appendf(t, "%s)", low == W2N_RT_FUNCREF ? "func" : "extern");
}

/* " (param i32 i64)" or " (result f32)"; nothing when empty.  `full`:
 * NULL, or the same types in full. */
static void append_valtypes(w2n_note_text *t, const char *what,
                            const uint8_t *types, const uint32_t *full,
                            uint32_t n)
{
	if (n == 0)
		return;
	appendf(t, " (%s", what);
	for (uint32_t i = 0; i < n; i++)
		append_valtype(t, full ? full[i] : types[i]);
	append(t, ")", 1);
}

static void append_limits(w2n_note_text *t, const w2n_note_type *type)
{
	if (type->addr64)
		append(t, " i64", 4);
	appendf(t, " %llu", (unsigned long long)type->min);
	if (type->has_max)
		appendf(t, " %llu", (unsigned long long)type->max);
	if (type->shared)
		append(t, " shared", 7);
}

static void append_type(w2n_note_text *t, const w2n_note_type *type)
{
	switch (type->kind) {
	case W2N_RT_EXTERN_FUNC:
	case W2N_RT_EXTERN_TAG: /* (tag (param ...)): no results */
		if (type->kind == W2N_RT_EXTERN_TAG)
			append(t, "(tag", 4);
		else
			append(t, "(func", 5);
		append_valtypes(t, "param", type->params, type->reftypes,
		                type->nparams);
		append_valtypes(t, "result", type->results,
		                type->reftypes ? type->reftypes + type->nparams
		                               : NULL,
		                type->nresults);
		append(t, ")", 1);
		break;
	case W2N_RT_EXTERN_TABLE:
		append(t, "(table", 6);
		append_limits(t, type);
		append_valtype(t, type->elem);
		append(t, ")", 1);
		break;
	case W2N_RT_EXTERN_MEMORY:
		append(t, "(memory", 7);
		append_limits(t, type);
		append(t, ")", 1);
		break;
	default:
		append(t, type->mutable_ ? "(global (mut" : "(global",
		       type->mutable_ ? 12 : 7);
		append_valtype(t, type->valtype);
		append(t, type->mutable_ ? "))" : ")", type->mutable_ ? 2 : 1);
		break;
	}
}

size_t w2n_note_type_string(const w2n_note_type *type, char *buf, size_t size)
{
	w2n_note_text t = {0};
	append_type(&t, type);
	size_t need = t.failed ? 0 : t.len;
	if (size)
		snprintf(buf, size, "%s", t.failed ? "" : t.s);
	w2n_note_text_free(&t);
	return need;
}

/* ---- Encoding ---- */

void w2n_note_begin(w2n_note_text *t, const w2n_note_header *h)
{
	memset(t, 0, sizeof *t);
	appendf(t, "wasm2native %s\nabi %u\ntarget %s\nbounds %s\nsha256 ",
	        h->version, h->abi, h->target, w2n_note_bounds_name(h->bounds));
	for (int i = 0; i < 32; i++)
		appendf(t, "%02x", h->sha256[i]);
	appendf(t, "\nsymbol %s\n", h->symbol);
	if (h->interruptible != W2N_RT_INTERRUPT_NONE)
		appendf(t, "interruptible %s\n",
		        w2n_note_interrupt_name(h->interruptible));
}

void w2n_note_add_import(w2n_note_text *t, const char *module,
                         size_t module_len, const char *name, size_t name_len,
                         const w2n_note_type *type)
{
	append(t, "import ", 7);
	append_name(t, module, module_len);
	append(t, " ", 1);
	append_name(t, name, name_len);
	append(t, " ", 1);
	append_type(t, type);
	append(t, "\n", 1);
}

void w2n_note_add_export(w2n_note_text *t, const char *name, size_t name_len,
                         const w2n_note_type *type)
{
	append(t, "export ", 7);
	append_name(t, name, name_len);
	append(t, " ", 1);
	append_type(t, type);
	append(t, "\n", 1);
}

static void put_word(uint8_t *p, uint32_t v, bool big_endian)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (big_endian ? 24 - 8 * i : 8 * i));
}

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

uint8_t *w2n_note_encode(const w2n_note_text *t, bool big_endian, size_t *len)
{
	size_t namesz = sizeof W2N_NOTE_OWNER;
	size_t descsz = t->len + 1;
	if (t->failed || descsz > UINT32_MAX - 16)
		return NULL;
	size_t total = 12 + align4(namesz) + align4(descsz);
	uint8_t *p = calloc(1, total);
	if (!p)
		return NULL;
	put_word(p, (uint32_t)namesz, big_endian);
	put_word(p + 4, (uint32_t)descsz, big_endian);
	put_word(p + 8, W2N_NOTE_TYPE_MODULE, big_endian);
	memcpy(p + 12, W2N_NOTE_OWNER, namesz);
	memcpy(p + 12 + align4(namesz), t->s, t->len);
	*len = total;
	return p;
}

void w2n_note_text_free(w2n_note_text *t)
{
	free(t->s);
	memset(t, 0, sizeof *t);
}

/* ---- Decoding ---- */

bool w2n_note_fail(char *why, size_t n, const char *fmt, ...)
{
	if (n) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, n, fmt, ap);
		va_end(ap);
	}
	return false;
}

/* Copies a header value into a field of `size` bytes. */
static bool take(char *field, size_t size, const char *value, size_t len)
{
	if (len == 0 || len >= size)
		return false;
	memcpy(field, value, len);
	field[len] = '\0';
	return true;
}

static bool take_abi(uint32_t *abi, const char *value, size_t len)
{
	uint64_t v = 0;
	if (len == 0 || len > 9)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (value[i] < '0' || value[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(value[i] - '0');
	}
	*abi = (uint32_t)v;
	return true;
}

/* One header item; unknown keys are ignored. */
static bool header_item(w2n_note *out, const char *key, size_t key_len,
                        const char *value, size_t len, unsigned *seen)
{
	static const char *const keys[] = {"wasm2native",  "abi",    "target",
	                                   "bounds",       "sha256", "symbol",
	                                   "interruptible"};
	for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strlen(keys[i]) != key_len ||
		    memcmp(keys[i], key, key_len) != 0)
			continue;
		*seen |= 1u << i;
		switch (i) {
		case 0:
			return take(out->version, sizeof out->version, value,
			            len);
		case 1: return take_abi(&out->abi, value, len);
		case 2:
			return take(out->target, sizeof out->target, value,
			            len);
		case 3:
			return take(out->bounds, sizeof out->bounds, value,
			            len);
		case 4: return len == 64 && take(out->sha256, 65, value, len);
		case 6:
			return take(out->interruptible,
			            sizeof out->interruptible, value, len);
		default:
			return take(out->symbol, sizeof out->symbol, value,
			            len);
		}
	}
	return true;
}

bool w2n_note_decode(const char *desc, size_t len, w2n_note *out, char *why,
                     size_t n)
{
	memset(out, 0, sizeof *out);
	strcpy(out->interruptible, "none");
	const char *end = memchr(desc, '\0', len);
	if (!end)
		return w2n_note_fail(
		    why, n, "malformed wasm2native note: unterminated");
	unsigned seen = 0;
	for (const char *line = desc; line < end;) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			return w2n_note_fail(why, n,
			                     "malformed wasm2native note: "
			                     "unterminated item");
		const char *space = memchr(line, ' ', (size_t)(eol - line));
		size_t key_len = space ? (size_t)(space - line) : 0;
		if (key_len == 6 && (memcmp(line, "import", 6) == 0 ||
		                     memcmp(line, "export", 6) == 0)) {
			out->items = line;
			out->items_len = (size_t)(end - line);
			break;
		}
		if (space && !header_item(out, line, key_len, space + 1,
		                          (size_t)(eol - space - 1), &seen))
			return w2n_note_fail(why, n,
			                     "malformed wasm2native note: bad "
			                     "item '%.*s'",
			                     (int)key_len, line);
		line = eol + 1;
	}
	if ((seen & 0x3f) != 0x3f) /* all but interruptible */
		return w2n_note_fail(
		    why, n, "malformed wasm2native note: missing items");
	if (!out->items)
		out->items = end;
	return true;
}
