/*
 * parts.c - the module's object from its partitions.
 *
 * Partition objects are compiled into a temporary directory on -j threads
 * (codegen), then joined in partition order by `ld.lld -r` (one partition
 * is the object as it is).  A slice file is an ar archive: a header
 * member (w2n-slice) naming the module and the code options it was
 * compiled for, then the objects of its partitions (pN.o).  The final
 * step takes the partitions slices hold and compiles the rest itself,
 * partition 0 (the module-wide part, which depends on link options) at
 * least, so its `ld.lld -r` sees the same objects as a whole build.
 */
#include "parts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "compile.h"
#include "report.h"
#include "sha256.h"
#include "tool.h"

#ifndef W2N_LLD
#define W2N_LLD "ld.lld"
#endif

#define SLICE_HEADER "w2n-slice"
#define AR_MAGIC "!<arch>\n"

typedef struct parts {
	uint32_t count;
	const char *single; /* one partition: compiled straight to this */
	char dir[64];       /* temporary directory of the compiled ones */
	char **paths;       /* each partition's object */
	bool *have;         /* taken from a slice file */
} parts;

/* ---- Partition objects in a temporary directory ---- */

static char *copy(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(w2n_xmalloc(n), s, n);
}

/* `single`, when not NULL, is where a module of one partition goes. */
static bool parts_open(parts *p, uint32_t count, const char *single,
                       w2n_diags *d)
{
	p->count = count;
	p->single = count == 1 ? single : NULL;
	snprintf(p->dir, sizeof p->dir, "/tmp/wasm2native-parts-XXXXXX");
	p->paths = w2n_xmalloc((count + 1) * sizeof *p->paths);
	p->have = w2n_xmalloc(count + 1);
	memset(p->have, 0, count + 1);
	if (!mkdtemp(p->dir)) {
		p->dir[0] = '\0';
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
		                 "temporary directory: %s", strerror(errno));
	}
	for (uint32_t i = 0; i < count; i++) {
		char name[96];
		snprintf(name, sizeof name, "%s/p%u.o", p->dir, i);
		p->paths[i] = copy(p->single ? p->single : name);
	}
	return true;
}

static void parts_close(parts *p)
{
	for (uint32_t i = 0; p->paths && i < p->count; i++) {
		if (!p->single)
			unlink(p->paths[i]);
		free(p->paths[i]);
	}
	if (p->dir[0])
		rmdir(p->dir);
	free(p->paths);
	free(p->have);
}

/* ---- Compiling ---- */

static unsigned jobs(const w2n_options *o)
{
	if (o->jobs)
		return o->jobs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

void w2n_report_codegen(const w2n_options *o, double t0, uint32_t n,
                        const cg_stats *st)
{
	w2n_phase_done(o->verbose, "codegen", t0);
	if (!o->verbose)
		return;
	fprintf(stderr,
	        "wasm2native:   %u partition%s on %u thread%s; CPU: ir "
	        "%.3f s, optimise %.3f s, emit %.3f s; slowest partition %u: "
	        "%.3f s\n",
	        n, n == 1 ? "" : "s", st->threads, st->threads == 1 ? "" : "s",
	        st->cpu[CG_PHASE_IR], st->cpu[CG_PHASE_OPTIMISE],
	        st->cpu[CG_PHASE_EMIT], st->slowest, st->slowest_cpu);
}

/* Compiles the partitions not taken from slices, in runs of consecutive
 * ones. */
static bool compile_missing(const w2n_options *o, const ir_module *m,
                            const cg_options *co, parts *p, w2n_diags *d)
{
	double t0 = w2n_now();
	cg_stats st = {0};
	uint32_t compiled = 0;
	bool ok = true;
	for (uint32_t i = 0; ok && i < p->count;) {
		if (p->have[i]) {
			i++;
			continue;
		}
		uint32_t n = 1;
		while (i + n < p->count && !p->have[i + n])
			n++;
		ok = cg_compile_partitions(m, co, i, n, jobs(o), p->paths + i,
		                           &st, d);
		compiled += n;
		i += n;
	}
	w2n_report_codegen(o, t0, compiled, &st);
	return ok;
}

/* ld.lld: beside the LLVM codegen uses, else on PATH. */
static const char *lld_program(void)
{
	return access(W2N_LLD, X_OK) == 0 ? W2N_LLD : "ld.lld-19";
}

/* Joins the partition objects, in order, into `out`. */
static bool join(const parts *p, const char *out, w2n_diags *d)
{
	char **argv = w2n_xmalloc((p->count + 8) * sizeof *argv);
	size_t n = 0;
	argv[n++] = (char *)lld_program();
	argv[n++] = "-r";
	argv[n++] = "-o";
	argv[n++] = (char *)out;
	for (uint32_t i = 0; i < p->count; i++)
		argv[n++] = p->paths[i];
	argv[n] = NULL;
	bool ok = w2n_run_tool(argv, d);
	free(argv);
	return ok;
}

/* ---- Slice files ---- */

/* What a partition's code depends on besides the module: a slice is only
 * usable by a build with the same key. */
static void slice_key(const ir_module *m, const cg_options *co,
                      const uint8_t digest[32], char key[65])
{
	char hex[65];
	w2n_sha256_hex(digest, 32, hex);
	char text[1024];
	int n =
	    snprintf(text, sizeof text,
	             "wasm2native %s|%s|%s|%s|%s|O%u|bounds %u|%s|%u|%u",
	             W2N_VERSION_STRING, hex, co->target->triple,
	             co->cpu ? co->cpu : "", co->features ? co->features : "",
	             co->opt_level, co->bounds, co->descriptor_symbol,
	             co->partition_instrs, cg_partition_count(m, co));
	w2n_sha256_hex(text, (size_t)n, key);
}

static bool write_member(FILE *f, const char *name, const void *data,
                         size_t len)
{
	char header[61];
	snprintf(header, sizeof header, "%-16s%-12s%-6s%-6s%-8s%-10zu`\n", name,
	         "0", "0", "0", "644", len);
	return fwrite(header, 1, 60, f) == 60 &&
	       fwrite(data, 1, len, f) == len &&
	       (len % 2 == 0 || fputc('\n', f) != EOF);
}

static uint8_t *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	uint8_t *buf = w2n_xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = w2n_xrealloc(buf, cap *= 2);
	}
	bool ok = !ferror(f);
	fclose(f);
	if (!ok) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

bool w2n_build_slice(const w2n_options *o, const ir_module *m,
                     const cg_options *co, const uint8_t digest[32],
                     const char *out, w2n_diags *d)
{
	if (o->slices == 0 || o->slice >= o->slices)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_USAGE,
		                 "--slice=K needs --slices=N with K < N");
	/* Partition 0 belongs to the final step; the function partitions
	 * are shared out in consecutive runs. */
	uint32_t nparts = cg_partition_count(m, co), nfunc = nparts - 1;
	uint32_t first = 1 + (uint32_t)((uint64_t)o->slice * nfunc / o->slices);
	uint32_t end =
	    1 + (uint32_t)((uint64_t)(o->slice + 1) * nfunc / o->slices);
	parts p = {0};
	bool ok = parts_open(&p, nparts, NULL, d);
	for (uint32_t i = 0; ok && i < nparts; i++)
		p.have[i] = i < first || i >= end;
	ok = ok && compile_missing(o, m, co, &p, d);
	FILE *f = ok ? fopen(out, "wb") : NULL;
	if (ok && !f)
		ok = w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
		               "%s: %s", out, strerror(errno));
	if (f) {
		char key[65], header[256];
		slice_key(m, co, digest, key);
		int n = snprintf(header, sizeof header,
		                 "wasm2native slice %u of %u\nkey %s\n",
		                 o->slice, o->slices, key);
		ok = fputs(AR_MAGIC, f) >= 0 &&
		     write_member(f, SLICE_HEADER, header, (size_t)n);
		for (uint32_t i = first; ok && i < end; i++) {
			size_t len;
			uint8_t *obj = read_whole(p.paths[i], &len);
			char name[32];
			snprintf(name, sizeof name, "p%u.o/", i);
			ok = obj && write_member(f, name, obj, len);
			free(obj);
		}
		if (fclose(f) != 0 || !ok)
			ok = w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_CANNOT_WRITE,
			               "%s", out);
	}
	parts_close(&p);
	return ok;
}

bool w2n_is_slice_file(const char *path)
{
	char head[8 + 60];
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	bool yes = fread(head, 1, sizeof head, f) == sizeof head &&
	           memcmp(head, AR_MAGIC, 8) == 0 &&
	           memcmp(head + 8, SLICE_HEADER " ", 10) == 0;
	fclose(f);
	return yes;
}

/* One archive member: its name (without the trailing '/'), data, size. */
typedef struct member {
	char name[17];
	const uint8_t *data;
	size_t len;
} member;

/* The member at *pos, advancing past it; false at the end or when the
 * archive is damaged. */
static bool next_member(const uint8_t *buf, size_t len, size_t *pos, member *mb)
{
	if (*pos + 60 > len || memcmp(buf + *pos + 58, "`\n", 2) != 0)
		return false;
	const char *h = (const char *)buf + *pos;
	size_t n = 0;
	while (n < 16 && h[n] != '/' && h[n] != ' ')
		n++;
	memcpy(mb->name, h, n);
	mb->name[n] = '\0';
	char size[11];
	memcpy(size, h + 48, 10);
	size[10] = '\0';
	char *end;
	unsigned long long s = strtoull(size, &end, 10);
	if (end == size || s > len - *pos - 60)
		return false;
	mb->data = buf + *pos + 60;
	mb->len = (size_t)s;
	*pos += 60 + mb->len + (mb->len & 1);
	return true;
}

static bool write_file(const char *path, const uint8_t *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

/* Takes the partitions of slice file `path` into `p`. */
static bool take_slice(const char *path, const char *key, parts *p,
                       w2n_diags *d)
{
	size_t len, pos = 8;
	uint8_t *buf = read_whole(path, &len);
	member mb;
	bool ok = buf && len >= 8 && next_member(buf, len, &pos, &mb) &&
	          strcmp(mb.name, SLICE_HEADER) == 0;
	const char *k = ok ? memmem(mb.data, mb.len, "\nkey ", 5) : NULL;
	if (!ok || !k || (size_t)(mb.data + mb.len - (const uint8_t *)k) < 69) {
		free(buf);
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_SLICE,
		                 "%s: not a wasm2native slice file", path);
	}
	if (memcmp(k + 5, key, 64) != 0) {
		free(buf);
		return w2n_error(
		    d, W2N_NO_OFFSET, W2N_DIAG_SLICE,
		    "%s: compiled from another module or with other "
		    "options (-O, --target, --cpu, --features, "
		    "--bounds-checks, --module-symbol, version)",
		    path);
	}
	while (ok && pos < len) {
		if (!next_member(buf, len, &pos, &mb)) {
			ok = false;
			break;
		}
		char *end;
		unsigned long i = strtoul(mb.name + 1, &end, 10);
		ok =
		    mb.name[0] == 'p' && strcmp(end, ".o") == 0 && i < p->count;
		ok = ok &&
		     (p->have[i] || write_file(p->paths[i], mb.data, mb.len));
		if (ok)
			p->have[i] = true;
	}
	free(buf);
	return ok || w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_SLICE,
	                       "%s: damaged slice file", path);
}

bool w2n_build_object(const w2n_options *o, const ir_module *m,
                      const cg_options *co, const uint8_t digest[32],
                      char *const *slices, size_t nslices, const char *obj,
                      w2n_diags *d)
{
	parts p = {0};
	bool ok = parts_open(&p, cg_partition_count(m, co), obj, d);
	char key[65];
	if (nslices)
		slice_key(m, co, digest, key);
	for (size_t i = 0; ok && i < nslices; i++)
		ok = take_slice(slices[i], key, &p, d);
	if (ok && p.count > 0)
		p.have[0] = false; /* always compiled here (link options) */
	ok = ok && compile_missing(o, m, co, &p, d);
	if (ok && !p.single)
		ok = join(&p, obj, d);
	parts_close(&p);
	return ok;
}
