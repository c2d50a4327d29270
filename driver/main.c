/*
 * main.c - the wasm2native command: parse options, run the pipeline
 * (compile.c) or another action.  Exit status 0 on success, 1 on any
 * error in the input or the command line.
 */
#include <stdio.h>

#include "compile.h"
#include "inspect.h"
#include "options.h"
#include "report.h"
#include "run.h"

int main(int argc, char **argv)
{
	w2n_options o;
	w2n_diags d = {0};
	int status = 1;
	if (!w2n_parse_options(argc, argv, &o, &d)) {
		w2n_free_options(&o);
		return w2n_report(&d);
	}
	switch (o.action) {
	case W2N_ACTION_HELP:
		w2n_print_help();
		status = 0;
		break;
	case W2N_ACTION_VERSION:
		printf("wasm2native %s\n", W2N_VERSION);
		status = 0;
		break;
	case W2N_ACTION_VALIDATE: status = w2n_validate(&o); break;
	case W2N_ACTION_INSPECT: status = w2n_inspect(&o); break;
	case W2N_ACTION_EMIT_HEADER: status = w2n_emit_header_file(&o); break;
	case W2N_ACTION_RUN: status = w2n_run(&o); break;
	case W2N_ACTION_COMPILE: status = w2n_compile(&o); break;
	}
	w2n_free_options(&o);
	return status;
}
