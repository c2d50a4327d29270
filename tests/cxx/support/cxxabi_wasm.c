/*
 * cxxabi_wasm.c - the smallest C++ exception runtime for programs built
 * with clang -fwasm-exceptions, linked into the wasm32 build of the
 * programs in this folder.  Debian's libc++abi for wasm32-wasi is built
 * without exception support (it has no __cxa_throw), so this file stands
 * in for the missing part of it and for libunwind's Wasm part; the rest
 * comes from libc++abi.
 *
 * What clang emits, and what it expects here:
 * - `throw x` calls __cxa_allocate_exception and __cxa_throw, which
 *   throws the Wasm tag __cpp_exception (tag 0 of the object file) with
 *   one i32: the address of the exception's header.
 * - A catch block catches __cpp_exception, stores its landing pad's index
 *   and its LSDA (GCC_except_table) in __wasm_lpad_context, calls
 *   _Unwind_CallPersonality, and reads back the selector: the matching
 *   catch clause's type index, compared with each clause's index; no
 *   match rethrows.
 * - Cleanups (destructors) are catch_all blocks that end in rethrow.
 *
 * Only what the tests need: matching by type identity along single
 * inheritance (__si_class_type_info), catch (...), rethrow (`throw;`),
 * nested catches.  No multiple or virtual inheritance, no pointer
 * conversions, no exception specifications, no threads.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The personality's results, as in the Itanium ABI. */
enum { URC_HANDLER_FOUND = 6, URC_CONTINUE_UNWIND = 8 };

/* DWARF pointer encodings that clang uses for wasm32. */
enum { PE_ABSPTR = 0x00, PE_ULEB128 = 0x01, PE_UDATA4 = 0x03, PE_OMIT = 0xff };

/* Written by the compiler before _Unwind_CallPersonality, read after. */
struct lpad_context {
	uintptr_t lpad_index;
	const uint8_t *lsda;
	uintptr_t selector;
} __wasm_lpad_context;

/* std::type_info and the two kinds of class type_info used here: the
 * vtable pointer tells which one a type_info is. */
struct type_info {
	const void *vtable;
	const char *name;
};
struct si_type_info {
	struct type_info base;
	const struct type_info *parent;
};

/* The vtable of __cxxabiv1::__si_class_type_info (libc++abi's, which
 * also has the type_info objects of the fundamental types, operator
 * delete and std::terminate); type_info objects point two words in. */
extern const void *const _ZTVN10__cxxabiv120__si_class_type_infoE[];
#define SI_VTABLE ((const void *)(_ZTVN10__cxxabiv120__si_class_type_infoE + 2))

/* Before every thrown object. */
struct exception {
	const struct type_info *type;
	void *(*destroy)(void *);      /* on Wasm, destructors return this */
	struct exception *next_caught; /* the stack of caught exceptions */
	int handlers;                  /* active catch blocks */
	int rethrown;
	uint32_t pad[3]; /* keeps the object 16-byte aligned */
};

static struct exception *caught; /* innermost caught exception */

static struct exception *header_of(void *object)
{
	return (struct exception *)object - 1;
}

void *__cxa_allocate_exception(size_t size)
{
	struct exception *e = calloc(1, sizeof *e + size);
	if (!e)
		abort();
	return e + 1;
}

void __cxa_free_exception(void *object)
{
	free(header_of(object));
}

_Noreturn static void throw_header(struct exception *e)
{
	__builtin_wasm_throw(0, e);
}

_Noreturn void __cxa_throw(void *object, const struct type_info *type,
                           void *(*destroy)(void *))
{
	struct exception *e = header_of(object);
	e->type = type;
	e->destroy = destroy;
	throw_header(e);
}

void *__cxa_begin_catch(void *thrown)
{
	struct exception *e = thrown;
	if (e->handlers++ == 0) {
		e->next_caught = caught;
		caught = e;
	}
	e->rethrown = 0;
	return e + 1;
}

void __cxa_end_catch(void)
{
	struct exception *e = caught;
	if (!e || --e->handlers > 0)
		return;
	caught = e->next_caught;
	if (e->rethrown)
		return;
	if (e->destroy)
		e->destroy(e + 1);
	free(e);
}

_Noreturn void __cxa_rethrow(void)
{
	struct exception *e = caught;
	if (!e)
		abort();
	e->rethrown = 1;
	throw_header(e);
}

void *__cxa_get_exception_ptr(void *thrown)
{
	return (struct exception *)thrown + 1;
}

static uintptr_t read_uleb(const uint8_t **p)
{
	uintptr_t v = 0;
	unsigned shift = 0;
	uint8_t b;
	do {
		b = *(*p)++;
		v |= (uintptr_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return v;
}

static intptr_t read_sleb(const uint8_t **p)
{
	intptr_t v = 0;
	unsigned shift = 0;
	uint8_t b;
	do {
		b = *(*p)++;
		v |= (intptr_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	if (shift < 8 * sizeof v && (b & 0x40))
		v |= -((intptr_t)1 << shift);
	return v;
}

/* Whether a catch clause for `want` catches an object of type `have`:
 * the same type (the same name: weak type_info objects may be
 * duplicated) or one of its single-inheritance bases. */
static int type_catches(const struct type_info *want,
                        const struct type_info *have)
{
	while (have) {
		if (have == want || strcmp(have->name, want->name) == 0)
			return 1;
		if (have->vtable != SI_VTABLE)
			return 0;
		have = ((const struct si_type_info *)have)->parent;
	}
	return 0;
}

/* The type index of the first clause of the action chain at `action`
 * that catches `e`, or 0. */
static uintptr_t match_actions(const uint8_t *action, const uint8_t *types,
                               const struct exception *e)
{
	for (;;) {
		intptr_t filter = read_sleb(&action);
		const uint8_t *next = action;
		intptr_t displacement = read_sleb(&action);
		if (filter > 0) {
			const struct type_info *want;
			memcpy(&want, types - (uintptr_t)filter * 4, 4);
			if (!want || type_catches(want, e->type))
				return (uintptr_t)filter;
		}
		if (displacement == 0)
			return 0;
		action = next + displacement;
	}
}

/* Sets the selector of __wasm_lpad_context for exception `thrown` at
 * the landing pad the compiler stored there. */
int _Unwind_CallPersonality(void *thrown)
{
	struct lpad_context *cx = &__wasm_lpad_context;
	const uint8_t *p = cx->lsda;
	const uint8_t *types = NULL;
	cx->selector = 0;
	if (*p++ != PE_OMIT)
		abort(); /* clang never emits a landing pad base for Wasm */
	uint8_t ttype_encoding = *p++;
	if (ttype_encoding != PE_OMIT) {
		if (ttype_encoding != PE_ABSPTR && ttype_encoding != PE_UDATA4)
			abort();
		uintptr_t offset = read_uleb(&p);
		types = p + offset;
	}
	if (*p++ != PE_ULEB128)
		abort();
	uintptr_t length = read_uleb(&p);
	const uint8_t *actions = p + length;
	while (p < actions) {
		uintptr_t index = read_uleb(&p);
		uintptr_t action = read_uleb(&p);
		if (index != cx->lpad_index)
			continue;
		if (action == 0)
			return URC_CONTINUE_UNWIND;
		cx->selector =
		    match_actions(actions + action - 1, types, thrown);
		return cx->selector ? URC_HANDLER_FOUND : URC_CONTINUE_UNWIND;
	}
	return URC_CONTINUE_UNWIND;
}

/* What a cleanup that throws ends in. */
_Noreturn void __clang_call_terminate(void *thrown)
{
	(void)thrown;
	abort();
}
