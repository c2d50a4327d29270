/*
 * test_fd.c - descriptors: stdio through pipes, reading and writing,
 * offsets, fdstat and rights, filestat, hints, preopen descriptions,
 * close and renumber, and bounds checks on every guest pointer.
 */
#include "wasi_test.h"

#include <errno.h>

enum { DIR_FD = 3 };

/* Reads what the host side of a pipe holds (up to n - 1 bytes). */
static const char *drain(int fd, char *buf, size_t n)
{
	ssize_t got = read(fd, buf, n - 1);
	buf[got > 0 ? got : 0] = 0;
	return buf;
}

static void stdio_pipes(void)
{
	int in[2], out[2];
	char buf[64];
	if (pipe(in) != 0 || pipe(out) != 0)
		abort();
	wasi_ctx *ctx = ctx_with_dir(NULL, NULL, in[0], out[1], -1);
	fake *f = fake_new(ctx, 1);
	uint32_t n = g_alloc(f, 4);
	check_case = "stdio write";
	uint32_t a = g_str(f, "hello, "), b = g_str(f, "world\n");
	uint32_t iovs = g_alloc(f, 16);
	g_put32(f, iovs, a);
	g_put32(f, iovs + 4, 7);
	g_put32(f, iovs + 8, b);
	g_put32(f, iovs + 12, 6);
	CHECK_OK(wasi_fd_write(INST(f), 1, I(iovs), 2, I(n)));
	CHECK_EQ(g_u32(f, n), 13);
	CHECK(strcmp(drain(out[0], buf, sizeof buf), "hello, world\n") == 0);
	CHECK_ERR(wasi_fd_write(INST(f), 2, I(iovs), 1, I(n)), BADF);

	check_case = "stdio read";
	CHECK_EQ(write(in[1], "input", 5), 5);
	uint32_t rb = g_alloc(f, 16);
	CHECK_OK(wasi_fd_read(INST(f), 0, I(g_iov(f, rb, 16)), 1, I(n)));
	CHECK_EQ(g_u32(f, n), 5);
	CHECK(memcmp(g_ptr(f, rb), "input", 5) == 0);
	/* the write end of a pipe: the host refuses */
	CHECK_ERR(wasi_fd_read(INST(f), 1, I(g_iov(f, rb, 16)), 1, I(n)), BADF);

	check_case = "stdio fdstat";
	uint32_t st = g_alloc(f, WASI_FDSTAT_SIZE);
	CHECK_OK(wasi_fd_fdstat_get(INST(f), 1, I(st)));
	CHECK_EQ(g_ptr(f, st)[WASI_FDSTAT_FILETYPE], WASI_FILETYPE_UNKNOWN);
	uint64_t base = g_u64(f, st + WASI_FDSTAT_BASE);
	CHECK(base & WASI_RIGHT(FD_WRITE));
	CHECK(base & WASI_RIGHT(POLL_FD_READWRITE));
	CHECK(!(base & (WASI_RIGHT(FD_SEEK) | WASI_RIGHT(FD_TELL))));
	uint32_t off = g_alloc(f, 8);
	CHECK_ERR(wasi_fd_seek(INST(f), 1, 0, WASI_WHENCE_SET, I(off)),
	          NOTCAPABLE);

	check_case = "stdio close";
	/* closing guest fd 1 closes the shim's duplicate, not the host's */
	CHECK_OK(wasi_fd_close(INST(f), 1));
	CHECK_ERR(wasi_fd_close(INST(f), 1), BADF);
	CHECK_ERR(t_write(f, 1, "x"), BADF);
	CHECK_EQ(write(out[1], "still", 5), 5);
	CHECK(strcmp(drain(out[0], buf, sizeof buf), "still") == 0);
	fake_free(f);
	wasi_ctx_free(ctx);
	close(in[0]);
	close(in[1]);
	close(out[0]);
	close(out[1]);
}

static const uint64_t FILE_RW =
    WASI_RIGHT(FD_READ) | WASI_RIGHT(FD_WRITE) | WASI_RIGHT(FD_SEEK) |
    WASI_RIGHT(FD_TELL) | WASI_RIGHT(FD_FILESTAT_GET) |
    WASI_RIGHT(FD_FILESTAT_SET_SIZE) | WASI_RIGHT(FD_FILESTAT_SET_TIMES) |
    WASI_RIGHT(FD_ADVISE) | WASI_RIGHT(FD_ALLOCATE) | WASI_RIGHT(FD_SYNC) |
    WASI_RIGHT(FD_DATASYNC) | WASI_RIGHT(FD_FDSTAT_SET_FLAGS);

static void offsets(fake *f, uint32_t fd)
{
	uint32_t n = g_alloc(f, 4), off = g_alloc(f, 8);
	uint32_t buf = g_alloc(f, 16), iov = g_iov(f, buf, 16);
	check_case = "offsets";
	CHECK_OK(t_write(f, fd, "0123456789"));
	CHECK_OK(wasi_fd_tell(INST(f), I(fd), I(off)));
	CHECK_EQ(g_u64(f, off), 10);
	CHECK_OK(wasi_fd_seek(INST(f), I(fd), -4, WASI_WHENCE_CUR, I(off)));
	CHECK_EQ(g_u64(f, off), 6);
	CHECK_OK(wasi_fd_read(INST(f), I(fd), I(iov), 1, I(n)));
	CHECK_EQ(g_u32(f, n), 4);
	CHECK(memcmp(g_ptr(f, buf), "6789", 4) == 0);
	CHECK_ERR(wasi_fd_seek(INST(f), I(fd), -100, WASI_WHENCE_CUR, I(off)),
	          INVAL);
	CHECK_ERR(wasi_fd_seek(INST(f), I(fd), 0, 3, I(off)), INVAL);
	CHECK_OK(wasi_fd_seek(INST(f), I(fd), 0, WASI_WHENCE_END, I(off)));
	CHECK_EQ(g_u64(f, off), 10);
	/* pread/pwrite leave the offset alone */
	CHECK_OK(wasi_fd_pread(INST(f), I(fd), I(iov), 1, 2, I(n)));
	CHECK_EQ(g_u32(f, n), 8);
	CHECK(memcmp(g_ptr(f, buf), "23456789", 8) == 0);
	memcpy(g_ptr(f, buf), "ab", 2);
	CHECK_OK(
	    wasi_fd_pwrite(INST(f), I(fd), I(g_iov(f, buf, 2)), 1, 0, I(n)));
	CHECK_OK(wasi_fd_tell(INST(f), I(fd), I(off)));
	CHECK_EQ(g_u64(f, off), 10);
	CHECK_OK(wasi_fd_pread(INST(f), I(fd), I(iov), 1, 0, I(n)));
	CHECK(memcmp(g_ptr(f, buf), "ab23456789", 10) == 0);
	CHECK_ERR(wasi_fd_pread(INST(f), I(fd), I(iov), 1, -1, I(n)), INVAL);
}

static void attributes(fake *f, uint32_t fd)
{
	uint32_t fs = g_alloc(f, WASI_FILESTAT_SIZE);
	check_case = "filestat";
	CHECK_OK(wasi_fd_filestat_get(INST(f), I(fd), I(fs)));
	CHECK_EQ(g_ptr(f, fs)[WASI_FILESTAT_FILETYPE],
	         WASI_FILETYPE_REGULAR_FILE);
	CHECK_EQ(g_u64(f, fs + WASI_FILESTAT_SIZE_), 10);
	CHECK_EQ(g_u64(f, fs + WASI_FILESTAT_NLINK), 1);
	CHECK_OK(wasi_fd_filestat_set_size(INST(f), I(fd), 100));
	CHECK_OK(wasi_fd_filestat_get(INST(f), I(fd), I(fs)));
	CHECK_EQ(g_u64(f, fs + WASI_FILESTAT_SIZE_), 100);
	CHECK_ERR(wasi_fd_filestat_set_size(INST(f), I(fd), -1), INVAL);
	uint64_t atim = g_u64(f, fs + WASI_FILESTAT_ATIM);
	CHECK_OK(wasi_fd_filestat_set_times(INST(f), I(fd), 0, 123456789000,
	                                    WASI_FST_MTIM));
	CHECK_OK(wasi_fd_filestat_get(INST(f), I(fd), I(fs)));
	CHECK_EQ(g_u64(f, fs + WASI_FILESTAT_MTIM), 123456789000);
	CHECK_EQ(g_u64(f, fs + WASI_FILESTAT_ATIM), atim);
	CHECK_ERR(wasi_fd_filestat_set_times(INST(f), I(fd), 1, 2,
	                                     WASI_FST_MTIM | WASI_FST_MTIM_NOW),
	          INVAL);
	CHECK_ERR(wasi_fd_filestat_set_times(INST(f), I(fd), 1, 2,
	                                     WASI_FST_ATIM | WASI_FST_ATIM_NOW),
	          INVAL);
	CHECK_ERR(wasi_fd_filestat_set_times(INST(f), I(fd), 1, 2, 16), INVAL);

	check_case = "hints";
	CHECK_OK(wasi_fd_advise(INST(f), I(fd), 0, 10, WASI_ADVICE_SEQUENTIAL));
	CHECK_ERR(wasi_fd_advise(INST(f), I(fd), 0, 10, 6), INVAL);
	CHECK_OK(wasi_fd_allocate(INST(f), I(fd), 90, 20));
	CHECK_OK(wasi_fd_filestat_get(INST(f), I(fd), I(fs)));
	CHECK_EQ(g_u64(f, fs + WASI_FILESTAT_SIZE_), 110);
	CHECK_OK(wasi_fd_sync(INST(f), I(fd)));
	CHECK_OK(wasi_fd_datasync(INST(f), I(fd)));
}

static void flags_and_rights(fake *f, uint32_t fd)
{
	uint32_t st = g_alloc(f, WASI_FDSTAT_SIZE), off = g_alloc(f, 8);
	check_case = "fdstat flags";
	CHECK_OK(wasi_fd_fdstat_set_flags(INST(f), I(fd), WASI_FDFLAG_APPEND));
	CHECK_OK(wasi_fd_fdstat_get(INST(f), I(fd), I(st)));
	CHECK_EQ(g_u32(f, st) >> 16, WASI_FDFLAG_APPEND);
	CHECK_OK(wasi_fd_seek(INST(f), I(fd), 0, WASI_WHENCE_SET, I(off)));
	CHECK_OK(t_write(f, fd, "END"));
	CHECK_OK(wasi_fd_tell(INST(f), I(fd), I(off)));
	CHECK_EQ(g_u64(f, off), 113);
	CHECK_OK(wasi_fd_fdstat_set_flags(INST(f), I(fd), 0));
	CHECK_ERR(wasi_fd_fdstat_set_flags(INST(f), I(fd), WASI_FDFLAG_SYNC),
	          NOTSUP);
	CHECK_ERR(wasi_fd_fdstat_set_flags(INST(f), I(fd), 0x20), INVAL);

	check_case = "rights";
	CHECK_OK(wasi_fd_fdstat_get(INST(f), I(fd), I(st)));
	uint64_t base = g_u64(f, st + WASI_FDSTAT_BASE);
	CHECK_EQ(base, FILE_RW);
	CHECK_OK(wasi_fd_fdstat_set_rights(
	    INST(f), I(fd), (int64_t)(base & ~WASI_RIGHT(FD_WRITE)), 0));
	CHECK_ERR(t_write(f, fd, "x"), NOTCAPABLE);
	CHECK_ERR(wasi_fd_fdstat_set_rights(INST(f), I(fd), (int64_t)base, 0),
	          NOTCAPABLE);
	CHECK_OK(wasi_fd_fdstat_set_rights(INST(f), I(fd), 0, 0));
	CHECK_ERR(wasi_fd_tell(INST(f), I(fd), I(off)), NOTCAPABLE);
	CHECK_ERR(wasi_fd_sync(INST(f), I(fd)), NOTCAPABLE);
	CHECK_ERR(wasi_fd_advise(INST(f), I(fd), 0, 0, 0), NOTCAPABLE);
	CHECK_ERR(wasi_fd_allocate(INST(f), I(fd), 0, 1), NOTCAPABLE);
	CHECK_ERR(wasi_fd_filestat_get(INST(f), I(fd), I(st)), NOTCAPABLE);
	/* fdstat needs no right */
	CHECK_OK(wasi_fd_fdstat_get(INST(f), I(fd), I(st)));
}

/* Operations a directory descriptor refuses (dir_fd_op_failures). */
static void directory_refusals(fake *f)
{
	uint32_t n = g_alloc(f, 4), off = g_alloc(f, 8);
	uint32_t iov = g_iov(f, g_alloc(f, 8), 8);
	check_case = "directory fd";
	CHECK_ERR(wasi_fd_read(INST(f), DIR_FD, I(iov), 1, I(n)), NOTCAPABLE);
	CHECK_ERR(wasi_fd_write(INST(f), DIR_FD, I(iov), 1, I(n)), NOTCAPABLE);
	CHECK_ERR(wasi_fd_pread(INST(f), DIR_FD, I(iov), 1, 0, I(n)),
	          NOTCAPABLE);
	CHECK_ERR(wasi_fd_seek(INST(f), DIR_FD, 0, WASI_WHENCE_CUR, I(off)),
	          NOTCAPABLE);
	CHECK_ERR(wasi_fd_tell(INST(f), DIR_FD, I(off)), NOTCAPABLE);
	CHECK_ERR(wasi_fd_allocate(INST(f), DIR_FD, 0, 1), NOTCAPABLE);
	CHECK_ERR(wasi_fd_filestat_set_size(INST(f), DIR_FD, 0), NOTCAPABLE);
	uint32_t fs = g_alloc(f, WASI_FILESTAT_SIZE);
	CHECK_OK(wasi_fd_filestat_get(INST(f), DIR_FD, I(fs)));
	CHECK_EQ(g_ptr(f, fs)[WASI_FILESTAT_FILETYPE], WASI_FILETYPE_DIRECTORY);
}

static void preopens(fake *f)
{
	uint32_t st = g_alloc(f, 8), name = g_alloc(f, 16);
	check_case = "prestat";
	CHECK_OK(wasi_fd_prestat_get(INST(f), DIR_FD, I(st)));
	CHECK_EQ(g_ptr(f, st)[0], WASI_PREOPEN_DIR);
	CHECK_EQ(g_u32(f, st + 4), 5);
	CHECK_ERR(wasi_fd_prestat_dir_name(INST(f), DIR_FD, I(name), 4),
	          NAMETOOLONG);
	CHECK_OK(wasi_fd_prestat_dir_name(INST(f), DIR_FD, I(name), 16));
	CHECK(memcmp(g_ptr(f, name), "/work", 5) == 0);
	CHECK_ERR(
	    wasi_fd_prestat_dir_name(INST(f), DIR_FD, I(fake_end(f) - 4), 5),
	    FAULT);
	CHECK_ERR(wasi_fd_prestat_get(INST(f), 0, I(st)), BADF);
	CHECK_ERR(wasi_fd_prestat_get(INST(f), 4, I(st)), BADF);
	CHECK_ERR(wasi_fd_prestat_get(INST(f), DIR_FD, I(fake_end(f) - 4)),
	          FAULT);
}

/* Guest pointers at or across the end of memory are faults, with no
 * effect. */
static void bounds(fake *f, uint32_t fd)
{
	uint32_t end = fake_end(f), n = g_alloc(f, 4), off = g_alloc(f, 8);
	uint32_t buf = g_alloc(f, 8);
	check_case = "bounds";
	CHECK_ERR(
	    wasi_fd_write(INST(f), I(fd), I(g_iov(f, end - 3, 4)), 1, I(n)),
	    FAULT);
	CHECK_ERR(wasi_fd_write(INST(f), I(fd), I(g_iov(f, end, 1)), 1, I(n)),
	          FAULT);
	CHECK_ERR(
	    wasi_fd_write(INST(f), I(fd), I(g_iov(f, 0xFFFFFFFF, 2)), 1, I(n)),
	    FAULT);
	CHECK_ERR(wasi_fd_write(INST(f), I(fd), I(end - 4), 1, I(n)), FAULT);
	CHECK_ERR(wasi_fd_write(INST(f), I(fd), I(g_iov(f, buf, 1)),
	                        I(0x20000000), I(n)),
	          FAULT);
	CHECK_ERR(
	    wasi_fd_write(INST(f), I(fd), I(g_iov(f, buf, 1)), 1, I(end - 2)),
	    FAULT);
	CHECK_ERR(
	    wasi_fd_read(INST(f), I(fd), I(g_iov(f, end - 1, 2)), 1, I(n)),
	    FAULT);
	CHECK_ERR(wasi_fd_tell(INST(f), I(fd), I(end - 7)), FAULT);
	CHECK_ERR(wasi_fd_fdstat_get(INST(f), I(fd), I(end - 23)), FAULT);
	CHECK_ERR(wasi_fd_filestat_get(INST(f), I(fd), I(end - 63)), FAULT);
	/* an empty buffer exactly at the end is fine */
	CHECK_OK(wasi_fd_write(INST(f), I(fd), I(g_iov(f, end, 0)), 1, I(n)));
	CHECK_EQ(g_u32(f, n), 0);
	CHECK_OK(wasi_fd_tell(INST(f), I(fd), I(end - 8)));
	(void)off;
}

static void close_and_renumber(fake *f, uint32_t fd)
{
	uint32_t other, st = g_alloc(f, WASI_FDSTAT_SIZE);
	check_case = "renumber";
	CHECK_OK(t_open(f, DIR_FD, 0, "other", WASI_O_CREAT,
	                WASI_RIGHT(FD_READ), 0, 0, &other));
	/* onto a number that is not open: BADF, and nothing moves */
	CHECK_ERR(wasi_fd_renumber(INST(f), I(fd), 99), BADF);
	CHECK_OK(wasi_fd_fdstat_get(INST(f), I(fd), I(st)));
	CHECK_ERR(wasi_fd_renumber(INST(f), 99, I(fd)), BADF);
	CHECK_ERR(wasi_fd_renumber(INST(f), I(fd), -1), BADF);
	CHECK_OK(wasi_fd_renumber(INST(f), I(fd), I(fd)));
	/* onto an open one, which is closed */
	CHECK_OK(wasi_fd_renumber(INST(f), I(other), I(fd)));
	CHECK_ERR(wasi_fd_fdstat_get(INST(f), I(other), I(st)), BADF);
	CHECK_OK(wasi_fd_fdstat_get(INST(f), I(fd), I(st)));
	CHECK_EQ(g_u64(f, st + WASI_FDSTAT_BASE), WASI_RIGHT(FD_READ));
	/* the lowest free number comes back */
	uint32_t again;
	CHECK_OK(t_open(f, DIR_FD, 0, "other", 0, 0, 0, 0, &again));
	CHECK_EQ(again, other);
	CHECK_OK(wasi_fd_close(INST(f), I(again)));
	CHECK_OK(wasi_fd_close(INST(f), I(fd)));
	CHECK_ERR(wasi_fd_close(INST(f), I(fd)), BADF);
	CHECK_ERR(wasi_fd_close(INST(f), -1), BADF);
	/* closing a preopen is allowed */
	CHECK_OK(wasi_fd_close(INST(f), DIR_FD));
	CHECK_ERR(wasi_fd_prestat_get(INST(f), DIR_FD, I(st)), BADF);
}

int main(void)
{
	stdio_pipes();
	const char *dir = scratch_dir("fd");
	char copy[600];
	snprintf(copy, sizeof copy, "%s", dir);
	wasi_ctx *ctx = ctx_with_dir(copy, "/work", 0, 1, 2);
	fake *f = fake_new(ctx, 1);
	uint32_t fd;
	CHECK_OK(
	    t_open(f, DIR_FD, 0, "file", WASI_O_CREAT, FILE_RW, 0, 0, &fd));
	offsets(f, fd);
	attributes(f, fd);
	bounds(f, fd);
	flags_and_rights(f, fd);
	directory_refusals(f);
	preopens(f);
	close_and_renumber(f, fd);
	fake_free(f);
	wasi_ctx_free(ctx);
	remove_tree(copy);
	return check_report("wasi-fd");
}
