/*
 * diag.c - recording and printing diagnostics.
 */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

static const char *const diag_texts[] = {
#define W2N_DIAG(code, text) text,
#include "diag.def"
#undef W2N_DIAG
};

const char *w2n_diag_text(w2n_diag_code code)
{
	return code < W2N_DIAG_COUNT ? diag_texts[code] : "?";
}

bool w2n_error(w2n_diags *d, uint64_t offset, w2n_diag_code code,
               const char *detail, ...)
{
	w2n_diag *g = w2n_xmalloc(sizeof *g);
	g->next = NULL;
	g->code = code;
	g->offset = offset;
	g->func = UINT32_MAX;
	size_t n = (size_t)snprintf(g->message, sizeof g->message, "%s",
	                            w2n_diag_text(code));
	if (detail && n + 2 < sizeof g->message) {
		va_list ap;
		va_start(ap, detail);
		/* An index reads as "unknown memory 1"; other details
		 * follow a colon. */
		bool number = detail[0] == '%' && detail[1] == 'u';
		memcpy(g->message + n, number ? "  " : ": ", 2);
		n += number ? 1 : 2;
		vsnprintf(g->message + n, sizeof g->message - n, detail, ap);
		va_end(ap);
	}
	if (d->last)
		d->last->next = g;
	else
		d->first = g;
	d->last = g;
	d->count++;
	return false;
}

void w2n_diag_print(const w2n_diags *d, const w2n_diag *g, FILE *out)
{
	const char *file = d->file ? d->file : "wasm2native";
	if (g->offset == W2N_NO_OFFSET)
		fprintf(out, "%s: error: %s\n", file, g->message);
	else
		fprintf(out, "%s:0x%llx: error: %s\n", file,
		        (unsigned long long)g->offset, g->message);
}

void w2n_diags_free(w2n_diags *d)
{
	w2n_diag *g = d->first;
	while (g) {
		w2n_diag *next = g->next;
		free(g);
		g = next;
	}
	d->first = d->last = NULL;
	d->count = 0;
}

void w2n_diags_move(w2n_diags *to, w2n_diags *from)
{
	if (!from->first)
		return;
	if (to->last)
		to->last->next = from->first;
	else
		to->first = from->first;
	to->last = from->last;
	to->count += from->count;
	from->first = from->last = NULL;
	from->count = 0;
}

_Noreturn void w2n_bug(const char *file, int line, const char *what)
{
	fprintf(stderr, "wasm2native: internal error at %s:%d: %s\n", file,
	        line, what);
	abort();
}
