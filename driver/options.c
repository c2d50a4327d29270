/*
 * options.c - command-line parsing from the option table.
 */
#include "options.h"

#include <stdio.h>
#include <string.h>

typedef enum option_id {
#define W2N_OPTION(id, spelling, takes_value, value, help) OPT_##id,
#include "options.def"
#undef W2N_OPTION
	OPT_COUNT
} option_id;

typedef struct option_info {
	const char *spelling;
	bool takes_value;
	const char *value;
	const char *help;
} option_info;

static const option_info options[OPT_COUNT] = {
#define W2N_OPTION(id, spelling, takes_value, value, help) \
	[OPT_##id] = {spelling, takes_value, value, help},
#include "options.def"
#undef W2N_OPTION
};

void w2n_print_help(void)
{
	printf("usage: wasm2native [options] INPUT.wasm\n\noptions:\n");
	for (int i = 0; i < OPT_COUNT; i++) {
		char left[64];
		snprintf(left, sizeof left, "%s%s%s", options[i].spelling,
		         options[i].takes_value ? " " : "", options[i].value);
		printf("  %-24s %s\n", left, options[i].help);
	}
}

static int find_option(const char *arg)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (strcmp(arg, options[i].spelling) == 0)
			return i;
	return -1;
}

static bool set_action(w2n_options *o, w2n_action a)
{
	if (o->action != W2N_ACTION_NONE && o->action != a) {
		fprintf(stderr, "wasm2native: error: conflicting options\n");
		return false;
	}
	o->action = a;
	return true;
}

static bool apply_option(w2n_options *o, option_id id)
{
	switch (id) {
	case OPT_VALIDATE:
		return set_action(o, W2N_ACTION_VALIDATE);
	case OPT_HELP:
		return set_action(o, W2N_ACTION_HELP);
	case OPT_VERSION:
		return set_action(o, W2N_ACTION_VERSION);
	case OPT_COUNT:
		break;
	}
	return false;
}

static bool set_input(w2n_options *o, const char *arg)
{
	if (o->input) {
		fprintf(stderr, "wasm2native: error: more than one input file "
		                "('%s' and '%s')\n", o->input, arg);
		return false;
	}
	o->input = arg;
	return true;
}

bool w2n_parse_options(int argc, char **argv, w2n_options *o)
{
	memset(o, 0, sizeof *o);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (arg[0] != '-' || strcmp(arg, "-") == 0) {
			if (!set_input(o, arg))
				return false;
			continue;
		}
		int id = find_option(arg);
		if (id < 0) {
			fprintf(stderr, "wasm2native: error: unknown option "
			                "'%s' (see --help)\n", arg);
			return false;
		}
		if (!apply_option(o, (option_id)id))
			return false;
	}
	if (o->action == W2N_ACTION_HELP || o->action == W2N_ACTION_VERSION)
		return true;
	if (!o->input) {
		fprintf(stderr, "wasm2native: error: no input file "
		                "(see --help)\n");
		return false;
	}
	if (o->action == W2N_ACTION_NONE) {
		fprintf(stderr, "wasm2native: error: nothing to do: code "
		                "generation is not built yet; use --validate\n");
		return false;
	}
	return true;
}
