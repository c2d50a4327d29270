/*
 * input.c - the module in: the input file read whole, then decoded and
 * validated by the frontend; debug builds (and -d c) check the IR before
 * codegen sees it, -d i dumps it.
 */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "report.h"
#include "sha256.h"

/* Offsets in the IR are 32-bit; larger inputs are refused up front. */
#define MAX_INPUT ((size_t)UINT32_MAX)

uint8_t *w2n_read_file(const char *path, size_t *len, w2n_diags *d)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct stat st;
	if (!f) {
		w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_READ, "%s",
		          strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0)
		memset(&st, 0, sizeof st);
	if (S_ISDIR(st.st_mode)) {
		w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_READ,
		          "is a directory");
		fclose(f);
		return NULL;
	}
	/* A regular file is read into one buffer of its size; a pipe grows
	 * one by doubling. */
	size_t cap = 1 << 16, n = 0;
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size < MAX_INPUT)
		cap = (size_t)st.st_size + 1;
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

/* Debug builds check the IR between the frontend and codegen. */
#ifdef NDEBUG
enum { CHECK_IR_ALWAYS = 0 };
#else
enum { CHECK_IR_ALWAYS = 1 };
#endif

/* A broken IR promise is a bug of ours, not bad input. */
static void check_ir(const ir_module *m)
{
	char why[256];
	if (!ir_check(m, why, sizeof why))
		w2n_bug(__FILE__, __LINE__, why);
}

ir_module *w2n_load(const w2n_options *o, w2n_diags *d, uint8_t digest[32])
{
	w2n_phase_clock clock = {o->verbose, w2n_now()};
	size_t len;
	uint8_t *bytes = w2n_read_file(o->input, &len, d);
	if (!bytes)
		return NULL;
	w2n_sha256 hash;
	w2n_sha256_init(&hash);
	w2n_sha256_update(&hash, bytes, len);
	w2n_sha256_final(&hash, digest);
	w2n_phase(&clock, "read");
	ir_module *m = dec_module(bytes, len, d);
	free(bytes);
	w2n_phase(&clock, "decode");
	if (m && !val_module(m, d)) {
		ir_module_free(m);
		m = NULL;
	}
	w2n_phase(&clock, "validate");
	if (m && (o->check_ir || CHECK_IR_ALWAYS))
		check_ir(m);
	if (m && o->dump_ir)
		ir_dump(m, stderr);
	return m;
}
