/*
 * output.c - outputs written atomically: each is written under a
 * temporary name beside its path and renamed into place only when
 * complete, so a failure never leaves a partial file behind; the same
 * for the depfile (-MD, -MF).
 */
#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"

char *w2n_default_output(const w2n_options *o)
{
	static const char *const ext[] = {"", ".o", ".s", ".ll", ".so"};
	const char *in = strcmp(o->input, "-") == 0 ? "a.wasm" : o->input;
	const char *base = strrchr(in, '/');
	base = base ? base + 1 : in;
	size_t n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".wasm") == 0)
		n -= 5;
	const char *e = ext[o->output_kind];
	if (o->output_kind == W2N_OUT_EXECUTABLE && strcmp(base + n, "") == 0)
		e = ".out"; /* the input had no extension to drop */
	char *out = w2n_xmalloc(n + strlen(e) + 1);
	memcpy(out, base, n);
	strcpy(out + n, e);
	return out;
}

char *w2n_temp_beside(const char *path, w2n_diags *d)
{
	size_t n = strlen(path);
	char *tmp = w2n_xmalloc(n + 16);
	snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE, "%s: %s",
		          path, strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

/* `path` for a Make rule: blanks, '#' and '$' escaped. */
static void write_make_path(FILE *f, const char *path)
{
	for (const char *c = path; *c; c++) {
		if (*c == ' ' || *c == '\t' || *c == '#')
			fputc('\\', f);
		else if (*c == '$')
			fputc('$', f);
		fputc(*c, f);
	}
}

bool w2n_write_depfile(const w2n_options *o, const char *out, w2n_diags *d)
{
	char *own = NULL;
	const char *path = o->depfile_path;
	if (!path) {
		own = w2n_xmalloc(strlen(out) + 3);
		sprintf(own, "%s.d", out);
		path = own;
	}
	char *tmp = w2n_temp_beside(path, d);
	FILE *f = tmp ? fopen(tmp, "w") : NULL;
	bool ok = f != NULL;
	if (f) {
		write_make_path(f, out);
		fputc(':', f);
		fputc(' ', f);
		write_make_path(f, o->input);
		for (size_t i = 0; i < o->nhost_inputs; i++) {
			fputs(" \\\n  ", f);
			write_make_path(f, o->host_inputs[i]);
		}
		fputc('\n', f);
		ok = !ferror(f);
		ok = fclose(f) == 0 && ok;
	}
	if (tmp && (!ok || rename(tmp, path) != 0)) {
		ok = w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
		               "%s: %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(own);
	return ok && tmp;
}

bool w2n_publish(const char *tmp, const char *path, w2n_diags *d)
{
	if (strcmp(path, "-") != 0) {
		if (rename(tmp, path) == 0)
			return true;
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
		                 "%s: %s", path, strerror(errno));
	}
	FILE *in = fopen(tmp, "rb");
	char buf[65536];
	size_t n;
	bool ok = in != NULL;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, stdout) == n;
	ok = ok && !ferror(in) && fflush(stdout) == 0;
	if (in)
		fclose(in);
	unlink(tmp);
	return ok || w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
	                       "standard output: %s", strerror(errno));
}
