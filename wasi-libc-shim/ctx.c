/*
 * ctx.c - the WASI context: its creation from a wasi_config (arguments,
 * environment, preopened directories, stdio), the guest descriptor table
 * and its rights, and errno conversion (errno.def).
 */
#include "wasi_internal.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

/* ---- errno ---- */

static const struct {
	int host;
	wasi_errno wasi;
} host_errnos[] = {
#define WASI_ERRNO(name, code, host) {host, WASI_ERRNO_##name},
#define WASI_ERRNO_ALIAS(host, name) {host, WASI_ERRNO_##name},
#include "errno.def"
#undef WASI_ERRNO
#undef WASI_ERRNO_ALIAS
};

static const char *const errno_names[] = {
#define WASI_ERRNO(name, code, host) [code] = #name,
#define WASI_ERRNO_ALIAS(host, name)
#include "errno.def"
#undef WASI_ERRNO
#undef WASI_ERRNO_ALIAS
};

wasi_errno wasi_errno_from_host(int host_errno)
{
	size_t n = sizeof host_errnos / sizeof host_errnos[0];
	for (size_t i = 0; i < n; i++)
		if (host_errnos[i].host != 0 &&
		    host_errnos[i].host == host_errno)
			return host_errnos[i].wasi;
	return WASI_ERRNO_IO;
}

wasi_errno wasi_errno_now(void)
{
	return wasi_errno_from_host(errno);
}

const char *wasi_errno_name(uint32_t errno_value)
{
	size_t n = sizeof errno_names / sizeof errno_names[0];
	if (errno_value < n && errno_names[errno_value])
		return errno_names[errno_value];
	return "UNKNOWN";
}

/* ---- rights and descriptor descriptions ---- */

#define PATH_RIGHTS                                                            \
	(WASI_RIGHT(PATH_CREATE_DIRECTORY) | WASI_RIGHT(PATH_CREATE_FILE) |    \
	 WASI_RIGHT(PATH_LINK_SOURCE) | WASI_RIGHT(PATH_LINK_TARGET) |         \
	 WASI_RIGHT(PATH_OPEN) | WASI_RIGHT(PATH_READLINK) |                   \
	 WASI_RIGHT(PATH_RENAME_SOURCE) | WASI_RIGHT(PATH_RENAME_TARGET) |     \
	 WASI_RIGHT(PATH_FILESTAT_GET) | WASI_RIGHT(PATH_FILESTAT_SET_SIZE) |  \
	 WASI_RIGHT(PATH_FILESTAT_SET_TIMES) | WASI_RIGHT(PATH_SYMLINK) |      \
	 WASI_RIGHT(PATH_REMOVE_DIRECTORY) | WASI_RIGHT(PATH_UNLINK_FILE))

/* What a directory descriptor can do itself; no read, write or seek, so
 * that a program reopening a preopen with its own rights gets a
 * directory and not EISDIR. */
#define DIR_RIGHTS                                                             \
	(PATH_RIGHTS | WASI_RIGHT(FD_READDIR) | WASI_RIGHT(FD_DATASYNC) |      \
	 WASI_RIGHT(FD_SYNC) | WASI_RIGHT(FD_FDSTAT_SET_FLAGS) |               \
	 WASI_RIGHT(FD_FILESTAT_GET) | WASI_RIGHT(FD_FILESTAT_SET_TIMES))

#define STREAM_RIGHTS                                                          \
	(WASI_RIGHT(FD_READ) | WASI_RIGHT(FD_WRITE) |                          \
	 WASI_RIGHT(FD_FDSTAT_SET_FLAGS) | WASI_RIGHT(FD_FILESTAT_GET) |       \
	 WASI_RIGHT(FD_FILESTAT_SET_TIMES) | WASI_RIGHT(POLL_FD_READWRITE))

#define FILE_RIGHTS                                                            \
	(STREAM_RIGHTS | WASI_RIGHT(FD_DATASYNC) | WASI_RIGHT(FD_SEEK) |       \
	 WASI_RIGHT(FD_SYNC) | WASI_RIGHT(FD_TELL) | WASI_RIGHT(FD_ADVISE) |   \
	 WASI_RIGHT(FD_ALLOCATE) | WASI_RIGHT(FD_FILESTAT_SET_SIZE))

#define SOCKET_RIGHTS                                                          \
	(STREAM_RIGHTS | WASI_RIGHT(SOCK_SHUTDOWN) | WASI_RIGHT(SOCK_ACCEPT))

/* Character devices get no seek or tell rights: wasi-libc's isatty()
 * is "a character device without them". */
uint64_t wasi_rights_for_type(uint8_t type)
{
	switch (type) {
	case WASI_FILETYPE_DIRECTORY: return DIR_RIGHTS;
	case WASI_FILETYPE_REGULAR_FILE:
	case WASI_FILETYPE_BLOCK_DEVICE: return FILE_RIGHTS;
	case WASI_FILETYPE_SOCKET_STREAM:
	case WASI_FILETYPE_SOCKET_DGRAM: return SOCKET_RIGHTS;
	default: return STREAM_RIGHTS;
	}
}

uint8_t wasi_filetype_of(int host_fd, mode_t mode)
{
	if (S_ISREG(mode))
		return WASI_FILETYPE_REGULAR_FILE;
	if (S_ISDIR(mode))
		return WASI_FILETYPE_DIRECTORY;
	if (S_ISCHR(mode))
		return WASI_FILETYPE_CHARACTER_DEVICE;
	if (S_ISBLK(mode))
		return WASI_FILETYPE_BLOCK_DEVICE;
	if (S_ISLNK(mode))
		return WASI_FILETYPE_SYMBOLIC_LINK;
	if (S_ISSOCK(mode) && host_fd >= 0) {
		int type = 0;
		socklen_t len = sizeof type;
		if (getsockopt(host_fd, SOL_SOCKET, SO_TYPE, &type, &len) ==
		        0 &&
		    type == SOCK_DGRAM)
			return WASI_FILETYPE_SOCKET_DGRAM;
		return WASI_FILETYPE_SOCKET_STREAM;
	}
	return WASI_FILETYPE_UNKNOWN; /* pipes among them */
}

/* The fdflags a host F_GETFL value shows. */
static uint16_t fdflags_of(int fl)
{
	uint16_t flags = 0;
	if (fl & O_APPEND)
		flags |= WASI_FDFLAG_APPEND;
	if (fl & O_NONBLOCK)
		flags |= WASI_FDFLAG_NONBLOCK;
	if ((fl & O_SYNC) == O_SYNC)
		flags |= WASI_FDFLAG_SYNC;
	else if (fl & O_DSYNC)
		flags |= WASI_FDFLAG_DSYNC;
	return flags;
}

bool wasi_fd_describe(int host, wasi_fd *out)
{
	struct stat st;
	if (fstat(host, &st) != 0)
		return false;
	int fl = fcntl(host, F_GETFL);
	out->host = host;
	out->type = wasi_filetype_of(host, st.st_mode);
	out->flags = fl < 0 ? 0 : fdflags_of(fl);
	out->base = wasi_rights_for_type(out->type);
	out->inheriting =
	    out->type == WASI_FILETYPE_DIRECTORY ? WASI_RIGHTS_ALL : 0;
	out->preopen = NULL;
	return true;
}

/* ---- the descriptor table ---- */

wasi_errno wasi_fd_get(wasi_ctx *ctx, int32_t fd, uint64_t rights,
                       wasi_fd **out)
{
	/* Another thread may be growing the table: a count, then a table
	 * at least that long (reserve_slot publishes them in that order). */
	uint32_t n = __atomic_load_n(&ctx->nfds, __ATOMIC_ACQUIRE);
	wasi_fd *fds = __atomic_load_n(&ctx->fds, __ATOMIC_ACQUIRE);
	if (fd < 0 || (uint32_t)fd >= n || fds[fd].host < 0)
		return WASI_ERRNO_BADF;
	wasi_fd *f = &fds[fd];
	if ((f->base & rights) != rights)
		return WASI_ERRNO_NOTCAPABLE;
	*out = f;
	return WASI_ERRNO_SUCCESS;
}

/* Makes slot `fd` exist; new slots are free. */
static bool reserve_slot(wasi_ctx *ctx, uint32_t fd)
{
	if (fd < ctx->nfds)
		return true;
	uint32_t n = ctx->nfds ? ctx->nfds : 8;
	while (n <= fd)
		n *= 2;
	wasi_fd *fds = ctx->nretired < WASI_FDS_RETIRED
	                   ? w2n_rt_malloc(n * sizeof *fds)
	                   : NULL;
	if (!fds)
		return false;
	if (ctx->nfds)
		memcpy(fds, ctx->fds, ctx->nfds * sizeof *fds);
	for (uint32_t i = ctx->nfds; i < n; i++)
		fds[i] = (wasi_fd){.host = -1};
	if (ctx->fds)
		ctx->retired[ctx->nretired++] = ctx->fds;
	/* Published whole: the slots, then how many there are. */
	__atomic_store_n(&ctx->fds, fds, __ATOMIC_RELEASE);
	__atomic_store_n(&ctx->nfds, n, __ATOMIC_RELEASE);
	return true;
}

/* Guest fds stay below 2^31 (path_open's promise); the table grows by
 * doubling well before that. */
static uint32_t lowest_free(const wasi_ctx *ctx)
{
	uint32_t fd = 0;
	while (fd < ctx->nfds && ctx->fds[fd].host >= 0)
		fd++;
	return fd;
}

/* Two threads opening at once take different slots (ctx->lock). */
wasi_errno wasi_fd_install(wasi_ctx *ctx, int host, uint8_t type,
                           uint16_t flags, uint64_t base, uint64_t inheriting,
                           uint32_t *fd_out)
{
	pthread_mutex_lock(&ctx->lock);
	uint32_t fd = lowest_free(ctx);
	if (fd > INT32_MAX || !reserve_slot(ctx, fd)) {
		pthread_mutex_unlock(&ctx->lock);
		close(host);
		return fd > INT32_MAX ? WASI_ERRNO_MFILE : WASI_ERRNO_NOMEM;
	}
	ctx->fds[fd] = (wasi_fd){.host = host,
	                         .type = type,
	                         .flags = flags,
	                         .base = base,
	                         .inheriting = inheriting};
	pthread_mutex_unlock(&ctx->lock);
	*fd_out = fd;
	return WASI_ERRNO_SUCCESS;
}

void wasi_fd_release(wasi_fd *f)
{
	close(f->host);
	w2n_rt_free(f->preopen);
	*f = (wasi_fd){.host = -1};
}

/* ---- calls ---- */

/* The instance must have been bound (wasi_resolve does it). */
wasi_call wasi_call_begin(void *inst)
{
	w2n_rt_instance_header *h = inst;
	w2n_rt_memory *mem = w2n_rt_instance_memory(inst, 0);
	assert(h->wasi != NULL);
	return (wasi_call){
	    .inst = inst,
	    .ctx = h->wasi,
	    .mem = mem ? mem->base : NULL,
	    .mem_size = mem ? w2n_rt_memory_size(mem) : 0,
	};
}

/* ---- creation ---- */

bool wasi_out_of_memory(w2n_rt_error *err)
{
	return w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE, "out of memory");
}

void wasi_config_init(wasi_config *config)
{
	*config = (wasi_config){.stdio = {0, 1, 2}};
}

/* Copies `count` strings; *bytes gets the sum of their sizes with NULs,
 * which must fit the guest's u32 size. */
static bool copy_strings(const char *const *src, size_t count, char ***dst,
                         uint32_t *bytes, w2n_rt_error *err)
{
	uint64_t total = 0;
	if (count > UINT32_MAX / 4)
		return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
		                        "too many arguments or variables");
	*dst = w2n_rt_calloc(count, sizeof **dst);
	if (!*dst)
		return wasi_out_of_memory(err);
	for (size_t i = 0; i < count; i++) {
		(*dst)[i] = w2n_rt_strdup(src[i]);
		if (!(*dst)[i])
			return wasi_out_of_memory(err);
		total += strlen(src[i]) + 1;
	}
	if (total > UINT32_MAX)
		return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
		                        "arguments or environment too large");
	*bytes = (uint32_t)total;
	return true;
}

/* Guest fd `fd` becomes a duplicate of host fd `host` (-1: closed). */
static bool add_stdio(wasi_ctx *ctx, uint32_t fd, int host, w2n_rt_error *err)
{
	if (!reserve_slot(ctx, fd))
		return wasi_out_of_memory(err);
	if (host < 0)
		return true;
	int dup = fcntl(host, F_DUPFD_CLOEXEC, 3);
	if (dup < 0 && errno == EBADF)
		return true; /* the host has no such fd: leave it closed */
	if (dup < 0 || !wasi_fd_describe(dup, &ctx->fds[fd])) {
		int e = errno;
		if (dup >= 0)
			close(dup);
		return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
		                        "stdio fd %d: %s", host, strerror(e));
	}
	return true;
}

/* Guest fd `fd` becomes preopen `p` (a directory, or an error). */
static bool add_preopen(wasi_ctx *ctx, uint32_t fd, const wasi_preopen *p,
                        w2n_rt_error *err)
{
	int host = open(p->host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (host < 0 && errno == ENOTDIR)
		return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
		                        "preopen %s: not a directory",
		                        p->host_path);
	if (host < 0)
		return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
		                        "preopen %s: %s", p->host_path,
		                        strerror(errno));
	char *name =
	    w2n_rt_strdup(p->guest_path ? p->guest_path : p->host_path);
	if (!name || !reserve_slot(ctx, fd)) {
		w2n_rt_free(name);
		close(host);
		return wasi_out_of_memory(err);
	}
	ctx->fds[fd] = (wasi_fd){
	    .host = host,
	    .type = WASI_FILETYPE_DIRECTORY,
	    .base = DIR_RIGHTS,
	    .inheriting = WASI_RIGHTS_ALL,
	    .preopen = name,
	};
	return true;
}

/* Preopens take 3, 4, ... even when a stdio fd is closed. */
static bool populate(wasi_ctx *ctx, const wasi_config *config,
                     w2n_rt_error *err)
{
	ctx->argc = (uint32_t)config->argc;
	ctx->nenv = (uint32_t)config->nenv;
	if (!copy_strings(config->argv, config->argc, &ctx->argv,
	                  &ctx->argv_bytes, err) ||
	    !copy_strings(config->env, config->nenv, &ctx->env, &ctx->env_bytes,
	                  err))
		return false;
	if (config->npreopens > (size_t)INT32_MAX - 3)
		return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
		                        "too many preopens");
	for (uint32_t fd = 0; fd < 3; fd++)
		if (!add_stdio(ctx, fd, config->stdio[fd], err))
			return false;
	for (size_t i = 0; i < config->npreopens; i++)
		if (!add_preopen(ctx, 3 + (uint32_t)i, &config->preopens[i],
		                 err))
			return false;
	return true;
}

wasi_ctx *wasi_ctx_new(const wasi_config *config, w2n_rt_error *err)
{
	wasi_ctx *ctx = w2n_rt_calloc(1, sizeof *ctx);
	if (!ctx) {
		wasi_out_of_memory(err);
		return NULL;
	}
	pthread_mutex_init(&ctx->lock, NULL);
	ctx->exit_unwinds = config->exit_unwinds;
	if (!populate(ctx, config, err)) {
		wasi_ctx_free(ctx);
		return NULL;
	}
	return ctx;
}

static void free_strings(char **s, uint32_t count)
{
	if (!s)
		return;
	for (uint32_t i = 0; i < count; i++)
		w2n_rt_free(s[i]);
	w2n_rt_free(s);
}

void wasi_ctx_free(wasi_ctx *ctx)
{
	if (!ctx)
		return;
	for (uint32_t fd = 0; fd < ctx->nfds; fd++)
		if (ctx->fds[fd].host >= 0)
			wasi_fd_release(&ctx->fds[fd]);
	w2n_rt_free(ctx->fds);
	for (uint32_t i = 0; i < ctx->nretired; i++)
		w2n_rt_free(ctx->retired[i]);
	for (uint32_t i = 0; i < ctx->nmemories; i++)
		w2n_rt_memory_free(ctx->memories[i]);
	w2n_rt_free(ctx->memories);
	pthread_mutex_destroy(&ctx->lock);
	free_strings(ctx->argv, ctx->argc);
	free_strings(ctx->env, ctx->nenv);
	w2n_rt_free(ctx);
}

bool wasi_exit_code(const wasi_ctx *ctx, uint32_t *code)
{
	if (!ctx->exited)
		return false;
	*code = ctx->exit_code;
	return true;
}
