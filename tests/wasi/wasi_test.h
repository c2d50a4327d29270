/*
 * wasi_test.h - what the WASI shim tests share: an assertion kit that
 * names WASI errnos, a fake instance (a hand-built module descriptor with
 * one memory slot in its layout and a memory allocated here, standing in
 * for a compiled program), guest-memory helpers, and scratch directories.
 *
 * The checks are tests/check.h's, with CHECK_ERR/CHECK_OK naming errnos.
 */
#ifndef W2N_TEST_WASI_H
#define W2N_TEST_WASI_H

#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"
#include "alloc.h"
#include "wasi.h"

/* ---- checks ---- */

/* A WASI call returned `want` (an errno), or one of two. */
static inline bool check_errno(int32_t got, int32_t want, int32_t or_want,
                               const char *file, int line, const char *what)
{
	if (check_record(got == want || got == or_want, file, line, what))
		return true;
	fprintf(stderr, "    got %s, want %s", wasi_errno_name((uint32_t)got),
	        wasi_errno_name((uint32_t)want));
	if (or_want != want)
		fprintf(stderr, " or %s", wasi_errno_name((uint32_t)or_want));
	fputc('\n', stderr);
	return false;
}

#define CHECK_ERR(call, e)                                                     \
	check_errno((call), WASI_ERRNO_##e, WASI_ERRNO_##e, __FILE__,          \
	            __LINE__, #call)
#define CHECK_ERR2(call, e1, e2)                                               \
	check_errno((call), WASI_ERRNO_##e1, WASI_ERRNO_##e2, __FILE__,        \
	            __LINE__, #call)
#define CHECK_OK(call) CHECK_ERR(call, SUCCESS)

/* ---- a fake instance ---- */

/* The instance block: the header, then memory slot 0, as the layout of
 * fake_module says. */
typedef struct fake_block {
	alignas(16) w2n_rt_instance_header header;
	w2n_rt_memory *memory0;
} fake_block;

static const w2n_rt_module fake_module = {
    .abi_version = W2N_RT_ABI_VERSION,
    .bounds = W2N_RT_BOUNDS_EXPLICIT,
    .name = "fake",
    .nmemories = 1,
    .layout = {.instance_size = sizeof(fake_block),
               .memories = offsetof(fake_block, memory0),
               .func_size = sizeof(w2n_rt_func)},
};

typedef struct fake {
	fake_block block;
	w2n_rt_memory memory;
	uint32_t brk; /* guest bump allocator */
} fake;

enum { FAKE_PAGE = 65536 };

/* A fake instance bound to `ctx` with `pages` pages of zeroed memory. */
static inline fake *fake_new(wasi_ctx *ctx, uint32_t pages)
{
	fake *f = calloc(1, sizeof *f);
	f->memory.size = (uint64_t)pages * FAKE_PAGE;
	f->memory.pages = pages;
	f->memory.max_pages = pages;
	f->memory.base = calloc(1, (size_t)f->memory.size);
	f->memory.bounds = W2N_RT_BOUNDS_EXPLICIT;
	f->block.header.module = &fake_module;
	f->block.header.wasi = ctx;
	f->block.memory0 = &f->memory;
	f->brk = 16; /* keep address 0 unused, as a C program would */
	return f;
}

static inline void fake_free(fake *f)
{
	free(f->memory.base);
	free(f);
}

/* What the shim functions get as ctx. */
#define INST(f) ((void *)&(f)->block)

/* The guest address just past memory: every access there is a fault. */
static inline uint32_t fake_end(const fake *f)
{
	return (uint32_t)f->memory.size;
}

/* `size` bytes of zeroed guest memory, 8-aligned. */
static inline uint32_t g_alloc(fake *f, uint32_t size)
{
	uint32_t p = f->brk;
	f->brk = (f->brk + size + 7) & ~7u;
	if (f->brk > f->memory.size) {
		fprintf(stderr, "fake guest memory exhausted\n");
		abort();
	}
	memset(f->memory.base + p, 0, size);
	return p;
}

/* Frees every guest allocation. */
static inline void g_reset(fake *f)
{
	f->brk = 16;
}

static inline uint8_t *g_ptr(fake *f, uint32_t p)
{
	return f->memory.base + p;
}

/* A copy of `s` (no NUL) in guest memory. */
static inline uint32_t g_str(fake *f, const char *s)
{
	uint32_t n = (uint32_t)strlen(s);
	uint32_t p = g_alloc(f, n + 1);
	memcpy(g_ptr(f, p), s, n);
	return p;
}

static inline uint32_t g_u32(fake *f, uint32_t p)
{
	uint32_t v;
	memcpy(&v, g_ptr(f, p), 4);
	return v;
}

static inline uint64_t g_u64(fake *f, uint32_t p)
{
	uint64_t v;
	memcpy(&v, g_ptr(f, p), 8);
	return v;
}

static inline void g_put32(fake *f, uint32_t p, uint32_t v)
{
	memcpy(g_ptr(f, p), &v, 4);
}

static inline void g_put64(fake *f, uint32_t p, uint64_t v)
{
	memcpy(g_ptr(f, p), &v, 8);
}

/* An iovec array of one buffer. */
static inline uint32_t g_iov(fake *f, uint32_t buf, uint32_t len)
{
	uint32_t iov = g_alloc(f, 8);
	g_put32(f, iov, buf);
	g_put32(f, iov + 4, len);
	return iov;
}

/* ---- calling the shim with host strings ---- */

#define I(x) ((int32_t)(x))

/* path_open of `path` beneath `dir`; the new fd in *out. */
static inline int32_t t_open(fake *f, uint32_t dir, uint32_t lookup,
                             const char *path, uint32_t oflags, uint64_t base,
                             uint64_t inheriting, uint32_t fdflags,
                             uint32_t *out)
{
	uint32_t p = g_str(f, path), o = g_alloc(f, 4);
	int32_t r = wasi_path_open(INST(f), I(dir), I(lookup), I(p),
	                           I(strlen(path)), I(oflags), (int64_t)base,
	                           (int64_t)inheriting, I(fdflags), I(o));
	if (out)
		*out = r == 0 ? g_u32(f, o) : UINT32_MAX;
	return r;
}

/* path_open and fd_close: only the errno. */
static inline int32_t t_try_open(fake *f, uint32_t dir, uint32_t lookup,
                                 const char *path, uint32_t oflags,
                                 uint64_t base)
{
	uint32_t fd;
	int32_t r = t_open(f, dir, lookup, path, oflags, base, 0, 0, &fd);
	if (r == 0)
		wasi_fd_close(INST(f), I(fd));
	return r;
}

#define T_PATH(f, s) I(g_str((f), (s))), I(strlen(s))

static inline int32_t t_mkdir(fake *f, uint32_t dir, const char *path)
{
	return wasi_path_create_directory(INST(f), I(dir), T_PATH(f, path));
}

static inline int32_t t_rmdir(fake *f, uint32_t dir, const char *path)
{
	return wasi_path_remove_directory(INST(f), I(dir), T_PATH(f, path));
}

static inline int32_t t_unlink(fake *f, uint32_t dir, const char *path)
{
	return wasi_path_unlink_file(INST(f), I(dir), T_PATH(f, path));
}

static inline int32_t t_symlink(fake *f, const char *target, uint32_t dir,
                                const char *path)
{
	uint32_t t = g_str(f, target);
	return wasi_path_symlink(INST(f), I(t), I(strlen(target)), I(dir),
	                         T_PATH(f, path));
}

static inline int32_t t_rename(fake *f, uint32_t dir, const char *from,
                               uint32_t to_dir, const char *to)
{
	uint32_t p = g_str(f, from);
	return wasi_path_rename(INST(f), I(dir), I(p), I(strlen(from)),
	                        I(to_dir), T_PATH(f, to));
}

static inline int32_t t_link(fake *f, uint32_t dir, uint32_t lookup,
                             const char *from, uint32_t to_dir, const char *to)
{
	uint32_t p = g_str(f, from);
	return wasi_path_link(INST(f), I(dir), I(lookup), I(p), I(strlen(from)),
	                      I(to_dir), T_PATH(f, to));
}

/* path_filestat_get: the filetype in *type when not NULL. */
static inline int32_t t_stat(fake *f, uint32_t dir, uint32_t lookup,
                             const char *path, uint8_t *type)
{
	uint32_t buf = g_alloc(f, WASI_FILESTAT_SIZE);
	int32_t r = wasi_path_filestat_get(INST(f), I(dir), I(lookup),
	                                   T_PATH(f, path), I(buf));
	if (type)
		*type = r == 0 ? g_ptr(f, buf)[WASI_FILESTAT_FILETYPE] : 0xff;
	return r;
}

/* fd_write of a host string. */
static inline int32_t t_write(fake *f, uint32_t fd, const char *s)
{
	uint32_t n = (uint32_t)strlen(s);
	uint32_t buf = g_alloc(f, n), out = g_alloc(f, 4);
	memcpy(g_ptr(f, buf), s, n);
	return wasi_fd_write(INST(f), I(fd), I(g_iov(f, buf, n)), 1, I(out));
}

/* ---- scratch directories ---- */

/* A fresh directory under $TMPDIR (or /tmp); its path in a static. */
static inline const char *scratch_dir(const char *tag)
{
	static char path[512];
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/w2n-wasi-%s-XXXXXX",
	         tmp && tmp[0] ? tmp : "/tmp", tag);
	if (!mkdtemp(path)) {
		perror("mkdtemp");
		exit(1);
	}
	return path;
}

/* rm -r of a directory tree (never follows symlinks). */
static inline void remove_tree_at(int dir, const char *name)
{
	int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (fd < 0) {
		unlinkat(dir, name, 0);
		return;
	}
	DIR *d = fdopendir(fd);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			remove_tree_at(fd, e->d_name);
	if (d)
		closedir(d);
	unlinkat(dir, name, AT_REMOVEDIR);
}

static inline void remove_tree(const char *path)
{
	remove_tree_at(AT_FDCWD, path);
}

/* A context with one preopen `host` named `guest`, stdio as given. */
static inline wasi_ctx *ctx_with_dir(const char *host, const char *guest,
                                     int in, int out, int err)
{
	wasi_preopen pre = {host, guest};
	wasi_config config;
	w2n_rt_error why;
	wasi_config_init(&config);
	config.npreopens = host ? 1 : 0;
	config.preopens = &pre;
	config.stdio[0] = in;
	config.stdio[1] = out;
	config.stdio[2] = err;
	wasi_ctx *ctx = wasi_ctx_new(&config, &why);
	if (!ctx) {
		fprintf(stderr, "wasi_ctx_new: %s\n", why.message);
		exit(1);
	}
	return ctx;
}

#endif
