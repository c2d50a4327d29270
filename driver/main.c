/*
 * main.c - the wasm2native driver: read the input, run the stages in
 * order, report the first diagnostic.  Exit status 0 on success, 1 on any
 * error in the input or the command line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "frontend.h"
#include "options.h"

#ifndef W2N_VERSION
#define W2N_VERSION "unknown"
#endif

/* Offsets in the IR are 32-bit; larger inputs are refused up front. */
#define MAX_INPUT ((size_t)UINT32_MAX)

/* Reads the whole file; NULL after recording a diagnostic. */
static uint8_t *read_input(const char *path, size_t *len, w2n_diags *d)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct stat st;
	if (!f) {
		w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_READ, "%s",
		          strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_READ,
		          "is a directory");
		fclose(f);
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	uint8_t *buf = w2n_xmalloc(cap);
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap || n > MAX_INPUT)
			break;
		cap *= 2;
		buf = w2n_xrealloc(buf, cap);
	}
	bool bad = ferror(f) || n > MAX_INPUT;
	int err = errno;
	if (f != stdin)
		fclose(f);
	if (bad) {
		w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_READ, "%s",
		          n > MAX_INPUT ? "larger than 4 GiB" : strerror(err));
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static int report(w2n_diags *d)
{
	if (d->first)
		w2n_diag_print(d, d->first, stderr);
	w2n_diags_free(d);
	return 1;
}

static int validate(const w2n_options *o)
{
	w2n_diags d = {.file = o->input};
	size_t len;
	uint8_t *bytes = read_input(o->input, &len, &d);
	if (!bytes)
		return report(&d);
	ir_module *m = w2n_frontend_load(bytes, len, &d);
	free(bytes);
	if (!m)
		return report(&d);
	ir_module_free(m);
	w2n_diags_free(&d);
	return 0;
}

int main(int argc, char **argv)
{
	w2n_options o;
	if (!w2n_parse_options(argc, argv, &o))
		return 1;
	switch (o.action) {
	case W2N_ACTION_HELP:
		w2n_print_help();
		return 0;
	case W2N_ACTION_VERSION:
		printf("wasm2native %s\n", W2N_VERSION);
		return 0;
	case W2N_ACTION_VALIDATE:
		return validate(&o);
	case W2N_ACTION_NONE:
		break;
	}
	return 1;
}
