/*
 * fd_io.c - moving bytes through descriptors: fd_read, fd_write, fd_pread,
 * fd_pwrite, and the offset (fd_seek, fd_tell).  Writes go straight to
 * the host descriptor; nothing is buffered in the shim.
 */
#include "wasi_internal.h"

#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

typedef enum io_kind { IO_READ, IO_WRITE, IO_PREAD, IO_PWRITE } io_kind;

/* The rights each kind needs (witx: fd_seek extends read and write to
 * their positioned forms). */
static uint64_t io_rights(io_kind kind)
{
	switch (kind) {
	case IO_READ: return WASI_RIGHT(FD_READ);
	case IO_WRITE: return WASI_RIGHT(FD_WRITE);
	case IO_PREAD: return WASI_RIGHT(FD_READ) | WASI_RIGHT(FD_SEEK);
	case IO_PWRITE: return WASI_RIGHT(FD_WRITE) | WASI_RIGHT(FD_SEEK);
	}
	return WASI_RIGHTS_ALL;
}

static ssize_t host_io(int fd, io_kind kind, const struct iovec *iov, int n,
                       off_t offset)
{
	switch (kind) {
	case IO_READ: return readv(fd, iov, n);
	case IO_WRITE: return writev(fd, iov, n);
	case IO_PREAD: return preadv(fd, iov, n, offset);
	case IO_PWRITE: return pwritev(fd, iov, n, offset);
	}
	errno = EINVAL;
	return -1;
}

/* One transfer: checks rights and every buffer, moves the bytes, stores
 * the count at `out`. */
static wasi_errno transfer(void *inst, int32_t fd, int32_t iovs,
                           int32_t iovs_len, uint64_t offset, io_kind kind,
                           int32_t out)
{
	wasi_call c = wasi_call_begin(inst);
	struct iovec iov[WASI_IOV_MAX];
	int n;
	wasi_fd *f;
	wasi_errno err = wasi_fd_get(c.ctx, fd, io_rights(kind), &f);
	if (err)
		return err;
	if (!wasi_mem_ok(&c, wasi_u32(out), 4))
		return WASI_ERRNO_FAULT;
	err = wasi_iovecs(&c, wasi_u32(iovs), wasi_u32(iovs_len), iov, &n);
	if (err)
		return err;
	if (offset > INT64_MAX)
		return WASI_ERRNO_INVAL;
	ssize_t done;
	do
		done = host_io(f->host, kind, iov, n, (off_t)offset);
	while (done < 0 && errno == EINTR);
	if (done < 0)
		return wasi_errno_now();
	wasi_store32(&c, wasi_u32(out), (uint32_t)done);
	return WASI_ERRNO_SUCCESS;
}

int32_t wasi_fd_read(void *inst, int32_t fd, int32_t iovs, int32_t iovs_len,
                     int32_t nread)
{
	return transfer(inst, fd, iovs, iovs_len, 0, IO_READ, nread);
}

int32_t wasi_fd_write(void *inst, int32_t fd, int32_t iovs, int32_t iovs_len,
                      int32_t nwritten)
{
	return transfer(inst, fd, iovs, iovs_len, 0, IO_WRITE, nwritten);
}

int32_t wasi_fd_pread(void *inst, int32_t fd, int32_t iovs, int32_t iovs_len,
                      int64_t offset, int32_t nread)
{
	return transfer(inst, fd, iovs, iovs_len, (uint64_t)offset, IO_PREAD,
	                nread);
}

int32_t wasi_fd_pwrite(void *inst, int32_t fd, int32_t iovs, int32_t iovs_len,
                       int64_t offset, int32_t nwritten)
{
	return transfer(inst, fd, iovs, iovs_len, (uint64_t)offset, IO_PWRITE,
	                nwritten);
}

/* lseek for fd_seek and fd_tell.  fd_seek implies fd_tell; fd_tell alone
 * allows only the seek that does not move (cur + 0). */
static wasi_errno seek(void *inst, int32_t fd, int64_t offset, int whence,
                       int32_t out)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	wasi_errno err = wasi_fd_get(c.ctx, fd, 0, &f);
	if (err)
		return err;
	bool tell = offset == 0 && whence == SEEK_CUR;
	if (!(f->base & WASI_RIGHT(FD_SEEK)) &&
	    !(tell && (f->base & WASI_RIGHT(FD_TELL))))
		return WASI_ERRNO_NOTCAPABLE;
	if (!wasi_mem_ok(&c, wasi_u32(out), 8))
		return WASI_ERRNO_FAULT;
	off_t at = lseek(f->host, (off_t)offset, whence);
	if (at < 0)
		return wasi_errno_now();
	wasi_store64(&c, wasi_u32(out), (uint64_t)at);
	return WASI_ERRNO_SUCCESS;
}

int32_t wasi_fd_seek(void *inst, int32_t fd, int64_t offset, int32_t whence,
                     int32_t newoffset)
{
	switch (whence) {
	case WASI_WHENCE_SET:
		return seek(inst, fd, offset, SEEK_SET, newoffset);
	case WASI_WHENCE_CUR:
		return seek(inst, fd, offset, SEEK_CUR, newoffset);
	case WASI_WHENCE_END:
		return seek(inst, fd, offset, SEEK_END, newoffset);
	default: return WASI_ERRNO_INVAL;
	}
}

int32_t wasi_fd_tell(void *inst, int32_t fd, int32_t offset)
{
	return seek(inst, fd, 0, SEEK_CUR, offset);
}
