/*
 * diag_check.h - the unit tests' checks: tests/check.h and a check of the
 * first diagnostic a frontend call reported.
 */
#ifndef W2N_TEST_DIAG_CHECK_H
#define W2N_TEST_DIAG_CHECK_H

#include "../check.h"
#include "diag.h"

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

#define CHECK_DIAG(diags, code, offset)                                        \
	check_diag_at((diags), (code), (offset), __FILE__, __LINE__)

#endif
