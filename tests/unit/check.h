/*
 * check.h - the unit tests' small assertion kit.  A failed CHECK prints
 * its file, line and the case being run, then the test carries on, so one
 * run lists every broken case.  check_report() prints the
 * `NAME: P passed, F failed` line and gives the exit status.
 */
#ifndef W2N_TEST_CHECK_H
#define W2N_TEST_CHECK_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

typedef struct check_totals {
	unsigned passed, failed;
	const char *context; /* name of the case being run, or NULL */
} check_totals;

static check_totals check_state;

/* Names the case that following failures belong to (NULL: none). */
static inline void check_context(const char *name)
{
	check_state.context = name;
}

static inline bool check_record(bool ok, const char *file, int line,
                                const char *what)
{
	if (ok) {
		check_state.passed++;
		return true;
	}
	check_state.failed++;
	fprintf(stderr, "%s:%d: check failed: %s", file, line, what);
	if (check_state.context)
		fprintf(stderr, " [%s]", check_state.context);
	fputc('\n', stderr);
	return false;
}

static inline bool check_equal(uint64_t got, uint64_t want, const char *file,
                               int line, const char *what)
{
	if (check_record(got == want, file, line, what))
		return true;
	fprintf(stderr,
	        "    got 0x%" PRIx64 " (%" PRId64 "), want 0x%" PRIx64
	        " (%" PRId64 ")\n",
	        got, (int64_t)got, want, (int64_t)want);
	return false;
}

/* The first diagnostic of `d` has code `code` at byte `offset`. */
static inline bool check_diag_at(const w2n_diags *d, w2n_diag_code code,
                                 uint64_t offset, const char *file, int line)
{
	const w2n_diag *g = d->first;
	bool ok = g && g->code == code && g->offset == offset;
	if (check_record(ok, file, line, "diagnostic"))
		return true;
	fprintf(stderr, "    want \"%s\" at 0x%" PRIx64 ", got ",
	        w2n_diag_text(code), offset);
	if (g)
		fprintf(stderr, "\"%s\" at 0x%" PRIx64 "\n", g->message,
		        g->offset);
	else
		fputs("no diagnostic\n", stderr);
	return false;
}

#define CHECK(cond) check_record((cond), __FILE__, __LINE__, #cond)
#define CHECK_EQ(got, want)                                                    \
	check_equal((uint64_t)(got), (uint64_t)(want), __FILE__, __LINE__,     \
	            #got " == " #want)
#define CHECK_DIAG(diags, code, offset)                                        \
	check_diag_at((diags), (code), (offset), __FILE__, __LINE__)

/* Prints the summary line; the exit status for main. */
static inline int check_report(const char *name)
{
	printf("%s: %u passed, %u failed\n", name, check_state.passed,
	       check_state.failed);
	return check_state.failed ? 1 : 0;
}

#endif
