// C++ exceptions across frames: built with clang -fwasm-exceptions for
// wasm32 (the legacy instructions, and with -wasm-use-legacy-eh=false the
// Wasm 3.0 ones) and natively; both must print the same.
#include <stdio.h>
#include <string.h>

struct Error {
	int code;
	char what[24];
	Error(int c, const char *w) : code(c) { snprintf(what, sizeof what, "%s", w); }
	virtual ~Error() {}
};
struct IoError : Error {
	IoError(int c) : Error(c, "io") {}
};
struct ParseError : Error {
	int line;
	ParseError(int c, int l) : Error(c, "parse"), line(l) {}
};
struct Unrelated {
	double value;
};

static int live_guards;

// Counts construction and destruction: every frame unwound runs it.
struct Guard {
	const char *name;
	int depth;
	Guard(const char *n, int d) : name(n), depth(d) { live_guards++; }
	~Guard()
	{
		live_guards--;
		if (depth % 1000 == 0)
			printf("  unwind %s depth %d\n", name, depth);
	}
};

__attribute__((noinline)) static int dive(int depth, int limit, int kind)
{
	Guard g("dive", depth);
	if (depth == limit) {
		if (kind == 0)
			throw IoError(depth);
		if (kind == 1)
			throw ParseError(depth, depth * 2);
		if (kind == 2)
			throw Unrelated{depth + 0.5};
		throw 42;
	}
	return dive(depth + 1, limit, kind) + 1;
}

static void run_kind(int kind)
{
	try {
		printf("kind %d: %d\n", kind, dive(1, 3000, kind));
	} catch (const ParseError &e) {
		printf("kind %d: ParseError code %d line %d\n", kind, e.code, e.line);
	} catch (const Error &e) {
		printf("kind %d: Error %s code %d\n", kind, e.what, e.code);
	} catch (const Unrelated &u) {
		printf("kind %d: Unrelated %.1f\n", kind, u.value);
	} catch (...) {
		printf("kind %d: something else\n", kind);
	}
	printf("  live guards %d\n", live_guards);
}

__attribute__((noinline)) static void add_context(int n)
{
	try {
		dive(1, n, 0);
	} catch (Error &e) {
		e.code += 1000;
		printf("rethrowing %s %d\n", e.what, e.code);
		throw;
	}
}

static int (*const steps[])(int) = {
    [](int x) { return x + 1; },
    [](int x) -> int {
	    if (x > 5)
		    throw ParseError(x, 7);
	    return x * 2;
    },
};

__attribute__((noinline)) static int indirect(int which, int x)
{
	return steps[which](x);
}

int main()
{
	for (int kind = 0; kind < 4; kind++)
		run_kind(kind);

	try {
		add_context(5);
	} catch (const IoError &e) {
		printf("caught rethrown IoError %d\n", e.code);
	}

	try {
		try {
			throw IoError(1);
		} catch (const Error &e) {
			printf("inner caught %d\n", e.code);
			throw ParseError(2, 3);
		}
	} catch (const ParseError &e) {
		printf("outer caught %d line %d\n", e.code, e.line);
	}

	int sum = 0;
	for (int which = 0; which < 2; which++)
		for (int x = 0; x < 10; x++) {
			try {
				sum += indirect(which, x);
			} catch (const Error &e) {
				sum -= e.code;
			}
		}
	printf("indirect sum %d\n", sum);

	long caught = 0;
	for (int i = 0; i < 200000; i++) {
		try {
			if (i % 3)
				throw IoError(i);
			caught += 2;
		} catch (const Error &e) {
			caught += e.code & 1;
		}
	}
	printf("loop %ld live guards %d\n", caught, live_guards);
	return 0;
}
