/*
 * check.h - the C tests' assertion kit, shared by tests/unit (which adds
 * diagnostics, diag_check.h), tests/runtime, tests/embed and tests/wasi
 * (which adds WASI errnos, wasi_test.h).  A failed CHECK prints its file,
 * line, condition and the case being run, and the test carries on, so one
 * run lists every broken case; check_report() prints `NAME: P passed,
 * F failed` and gives the exit status.  The counters are atomic: threads
 * may check too.
 */
#ifndef W2N_TEST_CHECK_H
#define W2N_TEST_CHECK_H

#include <inttypes.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static atomic_uint check_passed, check_failed;
static const char *check_case; /* the case being run, or NULL */

/* Names the case that following failures belong to (NULL: none). */
static inline void check_context(const char *name)
{
	check_case = name;
}

static inline bool check_record(bool ok, const char *file, int line,
                                const char *what)
{
	if (ok) {
		atomic_fetch_add(&check_passed, 1);
		return true;
	}
	atomic_fetch_add(&check_failed, 1);
	fprintf(stderr, "%s:%d: check failed: %s", file, line, what);
	if (check_case)
		fprintf(stderr, " [%s]", check_case);
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

static inline bool check_string(const char *got, const char *want,
                                const char *file, int line, const char *what)
{
	if (check_record(got && strcmp(got, want) == 0, file, line, what))
		return true;
	fprintf(stderr, "    got \"%s\", want \"%s\"\n", got ? got : "(null)",
	        want);
	return false;
}

#define CHECK(cond) check_record((cond), __FILE__, __LINE__, #cond)
#define CHECK_EQ(got, want)                                                    \
	check_equal((uint64_t)(got), (uint64_t)(want), __FILE__, __LINE__,     \
	            #got " == " #want)
#define CHECK_STR(got, want)                                                   \
	check_string((got), (want), __FILE__, __LINE__, #got " == " #want)

/* Prints the summary line; the exit status for main. */
static inline int check_report(const char *name)
{
	unsigned passed = atomic_load(&check_passed);
	unsigned failed = atomic_load(&check_failed);
	printf("%s: %u passed, %u failed\n", name, passed, failed);
	return failed ? 1 : 0;
}

#endif
