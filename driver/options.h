/*
 * options.h - the wasm2native command line: one table of options
 * (options.def) drives parsing and --help.
 */
#ifndef W2N_OPTIONS_H
#define W2N_OPTIONS_H

#include <stdbool.h>

typedef enum w2n_action {
	W2N_ACTION_NONE,
	W2N_ACTION_VALIDATE,
	W2N_ACTION_HELP,
	W2N_ACTION_VERSION,
} w2n_action;

typedef struct w2n_options {
	w2n_action action;
	const char *input;
} w2n_options;

/* Parses argv.  Returns false after printing a one-line error. */
bool w2n_parse_options(int argc, char **argv, w2n_options *o);

/* Prints the usage text generated from the option table. */
void w2n_print_help(void);

#endif
