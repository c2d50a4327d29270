/*
 * fd_meta.c - everything about a descriptor but its bytes: closing and
 * renumbering, fdstat (type, flags, rights), filestat, hints (advise,
 * allocate, sync), preopen descriptions, and directory listings.
 */
#include "wasi_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int32_t wasi_fd_close(void *inst, int32_t fd)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	wasi_errno err = wasi_fd_get(c.ctx, fd, 0, &f);
	if (!err)
		wasi_fd_release(f);
	return err;
}

/* Both must be open (witx: `to` is the descriptor to overwrite): a `to`
 * that is not open is BADF, as the official testsuite's renumber test
 * requires and wasmtime's preview1 does since mid-2026. */
int32_t wasi_fd_renumber(void *inst, int32_t fd, int32_t to)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *from, *dst;
	wasi_errno err = wasi_fd_get(c.ctx, fd, 0, &from);
	if (!err)
		err = wasi_fd_get(c.ctx, to, 0, &dst);
	if (err || from == dst)
		return err;
	wasi_fd_release(dst);
	*dst = *from;
	*from = (wasi_fd){.host = -1};
	return WASI_ERRNO_SUCCESS;
}

/* ---- fdstat ---- */

int32_t wasi_fd_fdstat_get(void *inst, int32_t fd, int32_t out)
{
	wasi_call c = wasi_call_begin(inst);
	uint32_t at = wasi_u32(out);
	wasi_fd *f;
	wasi_errno err = wasi_fd_get(c.ctx, fd, 0, &f);
	if (err)
		return err;
	if (!wasi_mem_ok(&c, at, WASI_FDSTAT_SIZE))
		return WASI_ERRNO_FAULT;
	memset(wasi_mem_at(&c, at), 0, WASI_FDSTAT_SIZE);
	wasi_store8(&c, at + WASI_FDSTAT_FILETYPE, f->type);
	wasi_store16(&c, at + WASI_FDSTAT_FLAGS, f->flags);
	wasi_store64(&c, at + WASI_FDSTAT_BASE, f->base);
	wasi_store64(&c, at + WASI_FDSTAT_INHERITING, f->inheriting);
	return WASI_ERRNO_SUCCESS;
}

/* Linux changes O_APPEND and O_NONBLOCK after open, never the sync
 * flags: asking to change those is NOTSUP. */
int32_t wasi_fd_fdstat_set_flags(void *inst, int32_t fd, int32_t flags)
{
	wasi_call c = wasi_call_begin(inst);
	const uint16_t sync =
	    WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC;
	uint32_t want = wasi_u32(flags);
	wasi_fd *f;
	wasi_errno err =
	    wasi_fd_get(c.ctx, fd, WASI_RIGHT(FD_FDSTAT_SET_FLAGS), &f);
	if (err)
		return err;
	if (want & ~(uint32_t)WASI_FDFLAGS_ALL)
		return WASI_ERRNO_INVAL;
	if ((want & sync) != (f->flags & sync))
		return WASI_ERRNO_NOTSUP;
	int fl = fcntl(f->host, F_GETFL);
	if (fl < 0)
		return wasi_errno_now();
	fl &= ~(O_APPEND | O_NONBLOCK);
	fl |= (want & WASI_FDFLAG_APPEND ? O_APPEND : 0) |
	      (want & WASI_FDFLAG_NONBLOCK ? O_NONBLOCK : 0);
	if (fcntl(f->host, F_SETFL, fl) != 0)
		return wasi_errno_now();
	f->flags = (uint16_t)want;
	return WASI_ERRNO_SUCCESS;
}

/* Rights only ever shrink. */
int32_t wasi_fd_fdstat_set_rights(void *inst, int32_t fd, int64_t base,
                                  int64_t inheriting)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	wasi_errno err = wasi_fd_get(c.ctx, fd, 0, &f);
	if (err)
		return err;
	if (((uint64_t)base & ~f->base) ||
	    ((uint64_t)inheriting & ~f->inheriting))
		return WASI_ERRNO_NOTCAPABLE;
	f->base = (uint64_t)base;
	f->inheriting = (uint64_t)inheriting;
	return WASI_ERRNO_SUCCESS;
}

/* ---- filestat ---- */

int32_t wasi_fd_filestat_get(void *inst, int32_t fd, int32_t out)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	struct stat st;
	wasi_errno err =
	    wasi_fd_get(c.ctx, fd, WASI_RIGHT(FD_FILESTAT_GET), &f);
	if (err)
		return err;
	if (!wasi_mem_ok(&c, wasi_u32(out), WASI_FILESTAT_SIZE))
		return WASI_ERRNO_FAULT;
	if (fstat(f->host, &st) != 0)
		return wasi_errno_now();
	wasi_put_filestat(&c, wasi_u32(out), &st);
	return WASI_ERRNO_SUCCESS;
}

int32_t wasi_fd_filestat_set_size(void *inst, int32_t fd, int64_t size)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	wasi_errno err =
	    wasi_fd_get(c.ctx, fd, WASI_RIGHT(FD_FILESTAT_SET_SIZE), &f);
	if (err)
		return err;
	if (size < 0)
		return WASI_ERRNO_INVAL;
	if (ftruncate(f->host, (off_t)size) != 0)
		return wasi_errno_now();
	return WASI_ERRNO_SUCCESS;
}

static struct timespec time_of(uint64_t ns)
{
	return (struct timespec){.tv_sec = (time_t)(ns / 1000000000u),
	                         .tv_nsec = (long)(ns % 1000000000u)};
}

wasi_errno wasi_fst_times(uint64_t atim, uint64_t mtim, uint32_t fst,
                          struct timespec times[2])
{
	if ((fst & ~(uint32_t)WASI_FST_ALL) ||
	    ((fst & WASI_FST_ATIM) && (fst & WASI_FST_ATIM_NOW)) ||
	    ((fst & WASI_FST_MTIM) && (fst & WASI_FST_MTIM_NOW)))
		return WASI_ERRNO_INVAL;
	times[0] = time_of(atim);
	times[1] = time_of(mtim);
	if (fst & WASI_FST_ATIM_NOW)
		times[0].tv_nsec = UTIME_NOW;
	else if (!(fst & WASI_FST_ATIM))
		times[0].tv_nsec = UTIME_OMIT;
	if (fst & WASI_FST_MTIM_NOW)
		times[1].tv_nsec = UTIME_NOW;
	else if (!(fst & WASI_FST_MTIM))
		times[1].tv_nsec = UTIME_OMIT;
	return WASI_ERRNO_SUCCESS;
}

int32_t wasi_fd_filestat_set_times(void *inst, int32_t fd, int64_t atim,
                                   int64_t mtim, int32_t fst_flags)
{
	wasi_call c = wasi_call_begin(inst);
	struct timespec times[2];
	wasi_fd *f;
	wasi_errno err =
	    wasi_fd_get(c.ctx, fd, WASI_RIGHT(FD_FILESTAT_SET_TIMES), &f);
	if (!err)
		err = wasi_fst_times((uint64_t)atim, (uint64_t)mtim,
		                     wasi_u32(fst_flags), times);
	if (err)
		return err;
	if (futimens(f->host, times) != 0)
		return wasi_errno_now();
	return WASI_ERRNO_SUCCESS;
}

/* ---- hints and syncing ---- */

int32_t wasi_fd_advise(void *inst, int32_t fd, int64_t offset, int64_t len,
                       int32_t advice)
{
	static const int host_advice[] = {
	    [WASI_ADVICE_NORMAL] = POSIX_FADV_NORMAL,
	    [WASI_ADVICE_SEQUENTIAL] = POSIX_FADV_SEQUENTIAL,
	    [WASI_ADVICE_RANDOM] = POSIX_FADV_RANDOM,
	    [WASI_ADVICE_WILLNEED] = POSIX_FADV_WILLNEED,
	    [WASI_ADVICE_DONTNEED] = POSIX_FADV_DONTNEED,
	    [WASI_ADVICE_NOREUSE] = POSIX_FADV_NOREUSE,
	};
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	wasi_errno err = wasi_fd_get(c.ctx, fd, WASI_RIGHT(FD_ADVISE), &f);
	if (err)
		return err;
	if (wasi_u32(advice) > WASI_ADVICE_NOREUSE || offset < 0 || len < 0)
		return WASI_ERRNO_INVAL;
	int e = posix_fadvise(f->host, (off_t)offset, (off_t)len,
	                      host_advice[advice]);
	return e ? wasi_errno_from_host(e) : WASI_ERRNO_SUCCESS;
}

int32_t wasi_fd_allocate(void *inst, int32_t fd, int64_t offset, int64_t len)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	wasi_errno err = wasi_fd_get(c.ctx, fd, WASI_RIGHT(FD_ALLOCATE), &f);
	if (err)
		return err;
	if (offset < 0 || len < 0)
		return WASI_ERRNO_INVAL;
	int e = posix_fallocate(f->host, (off_t)offset, (off_t)len);
	return e ? wasi_errno_from_host(e) : WASI_ERRNO_SUCCESS;
}

/* fd_sync and fd_datasync. */
static int32_t sync_fd(void *inst, int32_t fd, uint64_t right,
                       int (*host_sync)(int))
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	wasi_errno err = wasi_fd_get(c.ctx, fd, right, &f);
	if (err)
		return err;
	return host_sync(f->host) == 0 ? WASI_ERRNO_SUCCESS : wasi_errno_now();
}

int32_t wasi_fd_datasync(void *inst, int32_t fd)
{
	return sync_fd(inst, fd, WASI_RIGHT(FD_DATASYNC), fdatasync);
}

int32_t wasi_fd_sync(void *inst, int32_t fd)
{
	return sync_fd(inst, fd, WASI_RIGHT(FD_SYNC), fsync);
}

/* ---- preopens ---- */

/* A descriptor that is not a preopen is BADF, which ends wasi-libc's
 * scan of fds 3, 4, ... at startup. */
static wasi_errno preopen_of(wasi_call *c, int32_t fd, wasi_fd **out)
{
	wasi_errno err = wasi_fd_get(c->ctx, fd, 0, out);
	if (!err && !(*out)->preopen)
		err = WASI_ERRNO_BADF;
	return err;
}

int32_t wasi_fd_prestat_get(void *inst, int32_t fd, int32_t out)
{
	wasi_call c = wasi_call_begin(inst);
	uint32_t at = wasi_u32(out);
	wasi_fd *f;
	wasi_errno err = preopen_of(&c, fd, &f);
	if (err)
		return err;
	if (!wasi_mem_ok(&c, at, WASI_PRESTAT_SIZE))
		return WASI_ERRNO_FAULT;
	memset(wasi_mem_at(&c, at), 0, WASI_PRESTAT_SIZE);
	wasi_store8(&c, at + WASI_PRESTAT_TAG, WASI_PREOPEN_DIR);
	wasi_store32(&c, at + WASI_PRESTAT_NAME_LEN,
	             (uint32_t)strlen(f->preopen));
	return WASI_ERRNO_SUCCESS;
}

/* Writes the name without a NUL; a shorter buffer is NAMETOOLONG. */
int32_t wasi_fd_prestat_dir_name(void *inst, int32_t fd, int32_t path,
                                 int32_t path_len)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	wasi_errno err = preopen_of(&c, fd, &f);
	if (err)
		return err;
	size_t n = strlen(f->preopen);
	if (wasi_u32(path_len) < n)
		return WASI_ERRNO_NAMETOOLONG;
	if (!wasi_mem_ok(&c, wasi_u32(path), n))
		return WASI_ERRNO_FAULT;
	memcpy(wasi_mem_at(&c, wasi_u32(path)), f->preopen, n);
	return WASI_ERRNO_SUCCESS;
}

/* ---- directory listings ---- */

/*
 * Cookies are the host's own directory offsets (getdents64 d_off: the
 * position after an entry, which lseek accepts back), so a cookie stays
 * valid across calls and after entries are added or removed, exactly as
 * telldir/seekdir would.  0 is the start.
 */

static uint8_t dirent_type(int dir, const struct dirent64 *e)
{
	struct stat st;
	switch (e->d_type) {
	case DT_REG: return WASI_FILETYPE_REGULAR_FILE;
	case DT_DIR: return WASI_FILETYPE_DIRECTORY;
	case DT_LNK: return WASI_FILETYPE_SYMBOLIC_LINK;
	case DT_CHR: return WASI_FILETYPE_CHARACTER_DEVICE;
	case DT_BLK: return WASI_FILETYPE_BLOCK_DEVICE;
	case DT_SOCK: return WASI_FILETYPE_SOCKET_STREAM;
	case DT_FIFO: return WASI_FILETYPE_UNKNOWN;
	default:
		if (fstatat(dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			return WASI_FILETYPE_UNKNOWN;
		return wasi_filetype_of(-1, st.st_mode);
	}
}

/* Appends one entry at buf + used, cut at buf_len; the new `used`. */
static uint32_t put_dirent(const wasi_call *c, uint32_t buf, uint32_t buf_len,
                           uint32_t used, int dir, const struct dirent64 *e)
{
	uint8_t head[WASI_DIRENT_SIZE] = {0};
	uint32_t namlen = (uint32_t)strlen(e->d_name);
	uint64_t next = (uint64_t)e->d_off, ino = (uint64_t)e->d_ino;
	memcpy(head + WASI_DIRENT_NEXT, &next, 8);
	memcpy(head + WASI_DIRENT_INO, &ino, 8);
	memcpy(head + WASI_DIRENT_NAMLEN, &namlen, 4);
	head[WASI_DIRENT_TYPE] = dirent_type(dir, e);
	uint32_t room = buf_len - used;
	uint32_t n = room < WASI_DIRENT_SIZE ? room : WASI_DIRENT_SIZE;
	memcpy(wasi_mem_at(c, buf + used), head, n);
	used += n;
	room -= n;
	n = room < namlen ? room : namlen;
	memcpy(wasi_mem_at(c, buf + used), e->d_name, n);
	return used + n;
}

/* Fills the buffer from the directory's current position on. */
static wasi_errno list(const wasi_call *c, int dir, uint32_t buf,
                       uint32_t buf_len, uint32_t *used)
{
	_Alignas(struct dirent64) char host[8192];
	*used = 0;
	while (*used < buf_len) {
		ssize_t n = getdents64(dir, host, sizeof host);
		if (n < 0)
			return wasi_errno_now();
		if (n == 0)
			break;
		for (ssize_t pos = 0; pos < n && *used < buf_len;) {
			const struct dirent64 *e = (void *)(host + pos);
			*used = put_dirent(c, buf, buf_len, *used, dir, e);
			pos += e->d_reclen;
		}
	}
	return WASI_ERRNO_SUCCESS;
}

int32_t wasi_fd_readdir(void *inst, int32_t fd, int32_t buf, int32_t buf_len,
                        int64_t cookie, int32_t bufused)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	uint32_t used;
	wasi_errno err = wasi_fd_get(c.ctx, fd, WASI_RIGHT(FD_READDIR), &f);
	if (err)
		return err;
	if (!wasi_mem_ok(&c, wasi_u32(buf), wasi_u32(buf_len)) ||
	    !wasi_mem_ok(&c, wasi_u32(bufused), 4))
		return WASI_ERRNO_FAULT;
	if (cookie < 0)
		return WASI_ERRNO_INVAL;
	if (lseek(f->host, (off_t)cookie, SEEK_SET) < 0)
		return wasi_errno_now();
	err = list(&c, f->host, wasi_u32(buf), wasi_u32(buf_len), &used);
	if (err)
		return err;
	wasi_store32(&c, wasi_u32(bufused), used);
	return WASI_ERRNO_SUCCESS;
}
