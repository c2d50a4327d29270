/*
 * string_routines.c - the C library's string routines, as a module built
 * against wasi-libc calls them (musl's code in the module).  run_idiom.py
 * compiles the module with wasm2native twice: by default, where these
 * functions run as the runtime's routines (codegen/cg_idiom.c), and with
 * --keep-memory-routines, where the module's own code runs; both must
 * print the same and trap alike.
 *
 * Without arguments: every routine on many random operands over a small
 * alphabet (long equal prefixes, terminators anywhere), with exact
 * results (comparisons are musl's byte differences, not only signs),
 * printed per routine as a hash.  With an argument K: case K of EDGES,
 * operands that end at the end of memory (a page grown for the case, of
 * non-zero bytes): the call traps exactly when musl's code reads past it.
 * (Not among them: a haystack without a terminator that holds a match,
 * where the two may differ, runtime/strings.c.)
 */
#define _GNU_SOURCE /* strchrnul */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Through volatile pointers, so that clang calls the library for every
 * routine (it knows their meaning and folds what it can see). */
static size_t (*volatile p_strlen)(const char *) = strlen;
static size_t (*volatile p_strnlen)(const char *, size_t) = strnlen;
static void *(*volatile p_memchr)(const void *, int, size_t) = memchr;
static char *(*volatile p_strchr)(const char *, int) = strchr;
static char *(*volatile p_strchrnul)(const char *, int) = strchrnul;
static int (*volatile p_memcmp)(const void *, const void *, size_t) = memcmp;
static int (*volatile p_bcmp)(const void *, const void *, size_t) = bcmp;
static int (*volatile p_strcmp)(const char *, const char *) = strcmp;
static int (*volatile p_strncmp)(const char *, const char *, size_t) = strncmp;
static char *(*volatile p_strstr)(const char *, const char *) = strstr;

enum { BUF = 4096, ROUNDS = 40000 };
static char buf[BUF + 64];

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t below(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* Offsets into buf, -1 for NULL, so that hashes do not depend on where
 * the buffer is. */
static int64_t at(const void *p)
{
	return p ? (const char *)p - buf : -1;
}

static uint64_t hashes[10];
static void mix(int k, int64_t v)
{
	hashes[k] = (hashes[k] ^ (uint64_t)v) * 0x100000001b3u;
}

static void fill_random(void)
{
	/* Runs of one letter and rare terminators give long equal prefixes
	 * and strings that end at any byte of a word. */
	static const char alphabet[] = "aaaaaaab";
	for (int i = 0; i < BUF; i++)
		buf[i] = below(40) == 0 ? 0 : alphabet[below(8)];
	buf[BUF] = 0;
}

static void random_round(void)
{
	uint32_t ia = below(BUF), ib = below(BUF);
	if (below(4) == 0) { /* near each other: overlapping operands */
		uint32_t d = below(16);
		ib = ia + 8 >= d ? ia + 8 - d : ia;
	}
	const char *a = buf + ia, *b = buf + (ib < BUF ? ib : ia);
	size_t n = below(4) == 0 ? below(200) : below(24);
	int c = below(3) == 0 ? 0 : "ab"[below(2)];
	/* The needle: a short piece of the buffer, so that it is found. */
	char needle[8];
	size_t nl = below(6);
	memcpy(needle, buf + below(BUF), nl);
	needle[nl] = 0;
	if (b + n > buf + BUF || a + n > buf + BUF)
		n = 0;
	mix(0, (int64_t)p_strlen(a));
	mix(1, (int64_t)p_strnlen(a, n));
	mix(2, at(p_memchr(a, c, n)));
	mix(3, at(p_strchr(a, c)));
	mix(4, at(p_strchrnul(a, c)));
	mix(5, p_memcmp(a, b, n));
	mix(6, p_bcmp(a, b, n) != 0);
	mix(7, p_strcmp(a, b));
	mix(8, p_strncmp(a, b, n));
	mix(9, at(p_strstr(a, needle)));
}

/* The last `len` bytes of a fresh page at the end of memory, all 'a'. */
static char *memory_end(size_t len)
{
	uintptr_t old = __builtin_wasm_memory_grow(0, 1);
	if (old == (uintptr_t)-1)
		abort();
	char *page = (char *)(old * 65536);
	memset(page, 'a', 65536);
	return page + 65536 - len;
}

static void edge(int k)
{
	char *e = memory_end(16); /* 16 bytes of 'a', then the end */
	char ok[] = "aaaaaaaaaaaaaaaa";
	char other[] = "aaaaaaaaaaaaaaab";
	char *past = e + 16;
	switch (k) {
	case 0: printf("%zu\n", p_strlen(e)); break;
	case 1: printf("%zu\n", p_strlen(past)); break;
	case 2: printf("%zu\n", p_strnlen(e, 16)); break;
	case 3: printf("%zu\n", p_strnlen(e, 17)); break;
	case 4:
		printf("%lld\n",
		       (long long)((char *)p_memchr(e, 'a', 100) - e));
		break;
	case 5: printf("%p\n", p_memchr(e, 'b', 16)); break;
	case 6: printf("%p\n", p_memchr(e, 'b', 17)); break;
	case 7: printf("%lld\n", (long long)(p_strchr(e, 'a') - e)); break;
	case 8: printf("%p\n", (void *)p_strchr(e, 'b')); break;
	case 9: printf("%p\n", (void *)p_strchrnul(e, 0)); break;
	case 10: printf("%d\n", p_memcmp(e, ok, 16)); break;
	case 11: printf("%d\n", p_memcmp(e, other, 17)); break;
	case 12: printf("%d\n", p_memcmp(ok, e, 17)); break;
	case 13: printf("%d\n", p_memcmp(past, past + 1000, 0)); break;
	case 14: printf("%d\n", p_strcmp(e, other)); break;
	case 15: printf("%d\n", p_strcmp(ok, e)); break;
	case 16: printf("%d\n", p_strncmp(e, ok, 16)); break;
	case 17: printf("%d\n", p_strncmp(ok, e, 17)); break;
	case 18: printf("%d\n", p_strncmp(past, e, 0)); break;
	case 19: printf("%d\n", p_bcmp(e, other, 17)); break;
	case 20: printf("%p\n", (void *)p_strstr(e, "b")); break;
	case 21: printf("%p\n", (void *)p_strstr(ok, e)); break;
	case 22:
		printf("%lld\n", (long long)(p_strstr(past, "") - past));
		break;
	case 23:
		printf("%lld\n", (long long)(p_strstr(other, "ab") - other));
		break;
	default: printf("no case %d\n", k); exit(2);
	}
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		edge(atoi(argv[1]));
		return 0;
	}
	static const char *const names[] = {
	    "strlen", "strnlen", "memchr", "strchr",  "strchrnul",
	    "memcmp", "bcmp",    "strcmp", "strncmp", "strstr"};
	for (int r = 0; r < ROUNDS; r++) {
		if (r % 1000 == 0)
			fill_random();
		random_round();
	}
	for (int k = 0; k < 10; k++)
		printf("%-9s %016llx\n", names[k],
		       (unsigned long long)hashes[k]);
	return 0;
}
