/*
 * inspect.c - `wasm2native --inspect FILE`.  Reads FILE's wasm2native
 * notes (note_elf.c: nothing is loaded or run, so files of every
 * target can be inspected) and prints, for each module:
 *
 *   FILE: shared library, 1 wasm2native module
 *   module w2n_module
 *     compiler wasm2native 0.1.0
 *     abi      2
 *     target   x86_64-linux-gnu
 *     bounds   guard
 *     interruptible epoch      (or fuel, none)
 *     sha256   <SHA-256 of the input .wasm>
 *     import "env" "log_i32" (func (param i32))
 *     export "run" (func (param i32) (result i32))
 */
#include "inspect.h"

#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "diag.h"
#include "note.h"
#include "report.h"

static void print_module(const w2n_note *n)
{
	printf("module %s\n", n->symbol);
	printf("  compiler wasm2native %s\n", n->version);
	printf("  abi      %u\n", n->abi);
	printf("  target   %s\n", n->target);
	printf("  bounds   %s\n", n->bounds);
	printf("  interruptible %s\n", n->interruptible);
	printf("  sha256   %s\n", n->sha256);
	const char *p = n->items, *end = n->items + n->items_len;
	while (p < end) {
		const char *eol = p;
		while (eol < end && *eol != '\n')
			eol++;
		printf("  %.*s\n", (int)(eol - p), p);
		p = eol + 1;
	}
}

static int fail(w2n_diags *d, const char *why)
{
	w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_INSPECT, "%s", why);
	return w2n_report(d);
}

int w2n_inspect(const w2n_options *o)
{
	w2n_diags d = {.file = o->input};
	w2n_note_file f;
	char why[256];
	if (!w2n_note_file_read(o->input, &f, why, sizeof why))
		return fail(&d, why);
	if (f.nnotes == 0) {
		w2n_note_file_free(&f);
		return fail(&d, "no wasm2native note (not an output of "
		                "wasm2native)");
	}
	w2n_note *notes = w2n_xmalloc(f.nnotes * sizeof *notes);
	for (size_t i = 0; i < f.nnotes; i++) {
		if (!w2n_note_decode(f.descs[i], f.desc_lens[i], &notes[i], why,
		                     sizeof why)) {
			free(notes);
			w2n_note_file_free(&f);
			return fail(&d, why);
		}
	}
	printf("%s: %s, %zu wasm2native module%s\n", o->input,
	       w2n_note_file_kind_name(f.kind), f.nnotes,
	       f.nnotes == 1 ? "" : "s");
	for (size_t i = 0; i < f.nnotes; i++)
		print_module(&notes[i]);
	free(notes);
	w2n_note_file_free(&f);
	return 0;
}
