/*
 * guest.c - reading and writing guest memory: (c)iovec arrays, strings,
 * filestat records.  Every guest address goes through wasi_mem_ok with
 * 64-bit arithmetic before the host touches it.
 */
#include "wasi_internal.h"

#include <sys/uio.h>

wasi_errno wasi_iovecs(const wasi_call *c, uint32_t iovs, uint32_t n,
                       struct iovec *out, int *count)
{
	if (!wasi_mem_ok(c, iovs, (uint64_t)n * WASI_IOVEC_SIZE))
		return WASI_ERRNO_FAULT;
	uint32_t used = n < WASI_IOV_MAX ? n : WASI_IOV_MAX;
	for (uint32_t i = 0; i < used; i++) {
		uint32_t at = iovs + i * WASI_IOVEC_SIZE;
		uint32_t buf = wasi_load32(c, at + WASI_IOVEC_BUF);
		uint32_t len = wasi_load32(c, at + WASI_IOVEC_LEN);
		if (!wasi_mem_ok(c, buf, len))
			return WASI_ERRNO_FAULT;
		out[i].iov_base = len ? wasi_mem_at(c, buf) : NULL;
		out[i].iov_len = len;
	}
	*count = (int)used;
	return WASI_ERRNO_SUCCESS;
}

wasi_errno wasi_copy_string(const wasi_call *c, uint32_t ptr, uint32_t len,
                            char *dst)
{
	if (!wasi_mem_ok(c, ptr, len))
		return WASI_ERRNO_FAULT;
	if (len > WASI_PATH_MAX)
		return WASI_ERRNO_NAMETOOLONG;
	if (len && memchr(wasi_mem_at(c, ptr), 0, len))
		return WASI_ERRNO_INVAL;
	if (len)
		memcpy(dst, wasi_mem_at(c, ptr), len);
	dst[len] = 0;
	return WASI_ERRNO_SUCCESS;
}

static uint64_t nanoseconds(struct timespec ts)
{
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void wasi_put_filestat(const wasi_call *c, uint32_t ptr, const struct stat *st)
{
	memset(wasi_mem_at(c, ptr), 0, WASI_FILESTAT_SIZE);
	wasi_store64(c, ptr + WASI_FILESTAT_DEV, (uint64_t)st->st_dev);
	wasi_store64(c, ptr + WASI_FILESTAT_INO, (uint64_t)st->st_ino);
	wasi_store8(c, ptr + WASI_FILESTAT_FILETYPE,
	            wasi_filetype_of(-1, st->st_mode));
	wasi_store64(c, ptr + WASI_FILESTAT_NLINK, (uint64_t)st->st_nlink);
	wasi_store64(c, ptr + WASI_FILESTAT_SIZE_, (uint64_t)st->st_size);
	wasi_store64(c, ptr + WASI_FILESTAT_ATIM, nanoseconds(st->st_atim));
	wasi_store64(c, ptr + WASI_FILESTAT_MTIM, nanoseconds(st->st_mtim));
	wasi_store64(c, ptr + WASI_FILESTAT_CTIM, nanoseconds(st->st_ctim));
}
