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

/* Records the code's text, then `separator` and the detail if any. */
static bool record(w2n_diags *d, uint64_t offset, w2n_diag_code code,
                   const char *separator, const char *detail, va_list ap)
{
	w2n_diag *g = w2n_xmalloc(sizeof *g);
	g->next = NULL;
	g->code = code;
	g->offset = offset;
	g->func = UINT32_MAX;
	size_t n = (size_t)snprintf(g->message, sizeof g->message, "%s",
	                            w2n_diag_text(code));
	size_t sep = strlen(separator);
	if (detail && n + sep < sizeof g->message) {
		memcpy(g->message + n, separator, sep);
		n += sep;
		vsnprintf(g->message + n, sizeof g->message - n, detail, ap);
	}
	if (d->last)
		d->last->next = g;
	else
		d->first = g;
	d->last = g;
	d->count++;
	return false;
}

bool w2n_error(w2n_diags *d, uint64_t offset, w2n_diag_code code,
               const char *detail, ...)
{
	va_list ap;
	va_start(ap, detail);
	record(d, offset, code, ": ", detail, ap);
	va_end(ap);
	return false;
}

bool w2n_error_named(w2n_diags *d, uint64_t offset, w2n_diag_code code,
                     const char *name, ...)
{
	va_list ap;
	va_start(ap, name);
	record(d, offset, code, " ", name, ap);
	va_end(ap);
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
