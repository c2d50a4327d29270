/*
 * diag.h - diagnostics.  A stage reports bad input by recording a
 * w2n_diag in the session's list and returning false up the chain; the
 * driver prints the first one as `FILE:0xOFFSET: error: MESSAGE`.
 */
#ifndef W2N_DIAG_H
#define W2N_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum w2n_diag_code {
#define W2N_DIAG(code, text) W2N_DIAG_##code,
#include "diag.def"
#undef W2N_DIAG
	W2N_DIAG_COUNT
} w2n_diag_code;

enum { W2N_NO_OFFSET = UINT64_MAX, W2N_DIAG_MESSAGE_MAX = 256 };

typedef struct w2n_diag {
	struct w2n_diag *next;
	w2n_diag_code code;
	uint64_t offset; /* byte offset in the input, or W2N_NO_OFFSET */
	uint32_t func;   /* function index, or UINT32_MAX */
	char message[W2N_DIAG_MESSAGE_MAX]; /* code text plus details */
} w2n_diag;

/* The diagnostics of one compilation session, oldest first. */
typedef struct w2n_diags {
	const char *file; /* input name for printing */
	w2n_diag *first, *last;
	unsigned count;
} w2n_diags;

/* The code's fixed text, e.g. "type mismatch". */
const char *w2n_diag_text(w2n_diag_code code);

/* Records an error at `offset`; `detail` (printf format, may be NULL) is
 * appended to the code's text after ": ", as an explanation ("type
 * mismatch: i32.add expected i32, found i64"). Always returns false, so
 * that a failing check can `return w2n_error(...)`. */
bool w2n_error(w2n_diags *d, uint64_t offset, w2n_diag_code code,
               const char *detail, ...) __attribute__((format(printf, 4, 5)));

/* The same for a detail that names what the text is about, an index or a
 * code (printf format): it follows after a space, "unknown memory 1",
 * "malformed section id 13". */
bool w2n_error_named(w2n_diags *d, uint64_t offset, w2n_diag_code code,
                     const char *name, ...)
    __attribute__((format(printf, 4, 5)));

/* Prints one diagnostic as `file:0xOFFSET: error: message`. */
void w2n_diag_print(const w2n_diags *d, const w2n_diag *g, FILE *out);

/* Appends the diagnostics of `from` (e.g. a worker thread's) to `to`,
 * leaving `from` empty. */
void w2n_diags_move(w2n_diags *to, w2n_diags *from);

/* Frees every recorded diagnostic. */
void w2n_diags_free(w2n_diags *d);

/* Internal invariant broken: a compiler bug, not bad input. */
_Noreturn void w2n_bug(const char *file, int line, const char *what);
#define W2N_UNREACHABLE() w2n_bug(__FILE__, __LINE__, "unreachable")
#define W2N_ASSERT(c) ((c) ? (void)0 : w2n_bug(__FILE__, __LINE__, #c))

#endif
