/*
 * fuzz_frontend.c - libFuzzer target for the whole frontend: decode and
 * validate arbitrary bytes, then free everything.  Any crash, sanitizer
 * report, leak or timeout here is a frontend bug, since bad input must
 * only ever end in a diagnostic.  Built by scripts/fuzz.sh, not by meson.
 */
#include <stddef.h>
#include <stdint.h>

#include "frontend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	w2n_diags diags = {.file = "fuzz"};
	ir_module *m = w2n_frontend_load(data, size, &diags);
	/* A module and a diagnostic are exclusive: exactly one must come. */
	if ((m != NULL) == (diags.first != NULL))
		__builtin_trap();
	ir_module_free(m);
	w2n_diags_free(&diags);
	return 0;
}
