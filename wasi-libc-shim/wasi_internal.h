/*
 * wasi_internal.h - what the family files of the shim share: the context
 * and its descriptor table, guest-memory access, errno conversion, and
 * path resolution beneath a directory (sandbox.c).  Every heap allocation
 * goes through the runtime's hook (alloc.h), so that tests fail it.
 */
#ifndef WASI_INTERNAL_H
#define WASI_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "alloc.h"
#include "wasi.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "guest records are stored with memcpy: little-endian hosts only"
#endif

/* One guest file descriptor. */
typedef struct wasi_fd {
	int host;            /* host fd; -1 when this slot is free */
	uint8_t type;        /* WASI_FILETYPE_* */
	uint16_t flags;      /* WASI_FDFLAG_* as last set */
	uint64_t base;       /* rights on this descriptor */
	uint64_t inheriting; /* rights for descriptors opened through it */
	char *preopen;       /* guest name of a preopened directory, or NULL */
} wasi_fd;

/* Tables the descriptor table outgrew: kept until the context is freed,
 * so that a thread still reading one (wasi_fd_get) never reads freed
 * memory (doubling from 8 slots to 2^31 takes 28 steps). */
enum { WASI_FDS_RETIRED = 32 };

struct wasi_ctx {
	char **argv, **env; /* owned strings */
	uint32_t argc, nenv;
	uint32_t argv_bytes, env_bytes; /* sum of strlen + 1 */
	wasi_fd *fds;                   /* indexed by guest fd */
	uint32_t nfds;                  /* slots allocated */
	wasi_fd *retired[WASI_FDS_RETIRED];
	uint32_t nretired;
	bool exit_unwinds, exited;
	uint32_t exit_code;
	/* Threads (wasi-threads) share the context: `lock` serializes
	 * changes to the descriptor table and to `memories`, the memories
	 * the program imports, made once from the import's limits and
	 * given to every thread's instance (threads.c). */
	pthread_mutex_t lock;
	w2n_rt_memory **memories; /* by memory index, owned references */
	uint32_t nmemories;
};

/* The state of one call: the context and guest memory 0 as it is now
 * (memory.grow may move it between calls, never during one). */
typedef struct wasi_call {
	void *inst;
	wasi_ctx *ctx;
	uint8_t *mem;
	uint64_t mem_size;
} wasi_call;

/* Binds a call to the instance that made it. */
wasi_call wasi_call_begin(void *inst);

/* ---- program exit statuses and reports (report.c) ---- */

enum { WASI_EXIT_ERROR = 1, WASI_EXIT_TRAP = 134 };

/* Prints `wasm2native: error: MESSAGE`; returns WASI_EXIT_ERROR. */
int wasi_report_error(const char *message);

/* Prints why a call or instantiation failed: `wasm trap: TEXT[ in
 * function NAME]` (WASI_EXIT_TRAP) or an error (WASI_EXIT_ERROR); returns
 * that status. */
int wasi_report(const w2n_rt_error *err);

/* ---- threads (threads.c) ---- */

/* Resolves a memory import of a program: the context's memory of that
 * index, made from the import's limits (shared when they say so) by the
 * first instance that asks, so that every thread's instance shares it. */
bool wasi_resolve_memory(wasi_ctx *ctx, w2n_rt_instance *inst,
                         const w2n_rt_import *import, w2n_rt_extern *out,
                         w2n_rt_error *err);

/* ---- failures of set-up (ctx.c) ---- */

/* Fills `err` (may be NULL) for an allocation failure: "out of memory",
 * W2N_RT_ERROR_RESOURCE.  Returns false. */
bool wasi_out_of_memory(w2n_rt_error *err);

/* ---- errno ---- */

/* The WASI errno of the current host errno. */
wasi_errno wasi_errno_now(void);

/* ---- guest memory ---- */

/* True when [ptr, ptr + len) lies inside guest memory. */
static inline bool wasi_mem_ok(const wasi_call *c, uint32_t ptr, uint64_t len)
{
	return (uint64_t)ptr + len <= c->mem_size;
}

/* Host address of guest `ptr`; only after wasi_mem_ok. */
static inline uint8_t *wasi_mem_at(const wasi_call *c, uint32_t ptr)
{
	return c->mem + ptr;
}

/* Stores and loads of little-endian fields; only after wasi_mem_ok. */
static inline void wasi_store8(const wasi_call *c, uint32_t ptr, uint8_t v)
{
	c->mem[ptr] = v;
}

static inline void wasi_store16(const wasi_call *c, uint32_t ptr, uint16_t v)
{
	memcpy(c->mem + ptr, &v, sizeof v);
}

static inline void wasi_store32(const wasi_call *c, uint32_t ptr, uint32_t v)
{
	memcpy(c->mem + ptr, &v, sizeof v);
}

static inline void wasi_store64(const wasi_call *c, uint32_t ptr, uint64_t v)
{
	memcpy(c->mem + ptr, &v, sizeof v);
}

static inline uint16_t wasi_load16(const wasi_call *c, uint32_t ptr)
{
	uint16_t v;
	memcpy(&v, c->mem + ptr, sizeof v);
	return v;
}

static inline uint32_t wasi_load32(const wasi_call *c, uint32_t ptr)
{
	uint32_t v;
	memcpy(&v, c->mem + ptr, sizeof v);
	return v;
}

static inline uint64_t wasi_load64(const wasi_call *c, uint32_t ptr)
{
	uint64_t v;
	memcpy(&v, c->mem + ptr, sizeof v);
	return v;
}

/* Guest i32 arguments are unsigned addresses, lengths, flags. */
static inline uint32_t wasi_u32(int32_t v)
{
	return (uint32_t)v;
}

/* Most iovecs one call passes to the host; more make a short transfer,
 * which readv/writev semantics allow. */
enum { WASI_IOV_MAX = 128 };

/*
 * Translates the guest (c)iovec array at `iovs` (n entries) into at most
 * WASI_IOV_MAX host iovecs in out[], checking that every buffer used is
 * inside guest memory.  *count receives the number filled.
 */
struct iovec;
wasi_errno wasi_iovecs(const wasi_call *c, uint32_t iovs, uint32_t n,
                       struct iovec *out, int *count);

/* Stores a host stat as a guest filestat at `ptr` (checked). */
void wasi_put_filestat(const wasi_call *c, uint32_t ptr, const struct stat *st);

/* The WASI filetype of a host stat mode (and socket type, for sockets). */
uint8_t wasi_filetype_of(int host_fd, mode_t mode);

/* The utimensat times of fd/path_filestat_set_times; INVAL for unknown
 * flags or a time given both explicitly and as "now". */
wasi_errno wasi_fst_times(uint64_t atim, uint64_t mtim, uint32_t fst,
                          struct timespec times[2]);

/* ---- descriptor table (ctx.c) ---- */

/* The open descriptor `fd` with every right in `rights`: BADF when fd is
 * not open, NOTCAPABLE when a right is missing. */
wasi_errno wasi_fd_get(wasi_ctx *ctx, int32_t fd, uint64_t rights,
                       wasi_fd **out);

/* Installs host fd `host` in the lowest free slot; on NOMEM closes it. */
wasi_errno wasi_fd_install(wasi_ctx *ctx, int host, uint8_t type,
                           uint16_t flags, uint64_t base, uint64_t inheriting,
                           uint32_t *fd_out);

/* Closes a descriptor and frees its slot. */
void wasi_fd_release(wasi_fd *f);

/* The rights that apply to a descriptor of this filetype. */
uint64_t wasi_rights_for_type(uint8_t type);

/* Fills an entry for host fd `host` from fstat (type, base rights for
 * that type, fdflags from F_GETFL); false when fstat fails. */
bool wasi_fd_describe(int host, wasi_fd *out);

/* ---- paths (sandbox.c) ---- */

/* Longest guest path, and longest path text during symlink expansion. */
enum { WASI_PATH_MAX = 4096 };

/*
 * A guest path resolved beneath a directory descriptor: the directory
 * that holds its last component, and that component.  Operations apply
 * to (dir, name) with *at() calls that never follow `name` (O_NOFOLLOW,
 * AT_SYMLINK_NOFOLLOW), so nothing can lead them outside the sandbox.
 */
typedef struct wasi_path {
	int dir; /* host fd of the directory; owned when `owned` */
	bool owned;
	bool slash;       /* the path ended in '/': it must name a directory */
	const char *name; /* last component (no '/'), "." for `dir` */
	char text[WASI_PATH_MAX + 1]; /* storage behind `name` */
} wasi_path;

/*
 * Resolves guest string [ptr, ptr + len) beneath `base` (a directory
 * descriptor).  Absolute paths and every way out of `base` (`..` at its
 * top, a symlink that is absolute or climbs above it) give NOTCAPABLE;
 * symlinks in the middle are followed, the last component's only with
 * `follow`; more than 40 expansions give LOOP.  On success the caller
 * owns *out and calls wasi_path_done.
 */
wasi_errno wasi_path_resolve(const wasi_call *c, const wasi_fd *base,
                             uint32_t ptr, uint32_t len, bool follow,
                             wasi_path *out);

/* Releases what wasi_path_resolve acquired. */
void wasi_path_done(wasi_path *p);

/* Copies guest string [ptr, ptr + len) to dst[0..len] with a NUL:
 * FAULT out of bounds, INVAL with an embedded NUL, NAMETOOLONG beyond
 * WASI_PATH_MAX. */
wasi_errno wasi_copy_string(const wasi_call *c, uint32_t ptr, uint32_t len,
                            char *dst);

#endif
