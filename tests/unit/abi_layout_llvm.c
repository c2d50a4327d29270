/*
 * abi_layout_llvm.c - prints the runtime structs of runtime/abi.def as
 * codegen lays them out for the target named in argv[1]
 * (cg_print_abi_layout); abi_layout.py compares the lines with
 * abi_layout_c.c's, built by that target's C compiler.
 */
#include <stdio.h>

#include "codegen.h"

int main(int argc, char **argv)
{
	const cg_target *t = argc == 2 ? cg_target_find(argv[1]) : NULL;
	if (!t) {
		fprintf(stderr, "usage: abi_layout_llvm TRIPLE (a target)\n");
		return 2;
	}
	cg_options o = {.target = t};
	w2n_diags d = {0};
	bool ok = cg_print_abi_layout(&o, stdout, &d);
	for (const w2n_diag *g = d.first; g; g = g->next)
		w2n_diag_print(&d, g, stderr);
	w2n_diags_free(&d);
	return ok ? 0 : 1;
}
