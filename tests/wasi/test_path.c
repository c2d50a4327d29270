/*
 * test_path.c - path operations in a preopened scratch directory:
 * path_open and its rights, create/remove, rename, links and symlinks,
 * stat and times, trailing slashes, and fd_readdir with cookies.  The
 * expected errnos are those of wasi-testsuite's Rust tests on Linux.
 */
#include "wasi_test.h"

enum { D = 3 }; /* the preopen */

static const uint64_t DIR_RIGHTS = WASI_RIGHTS_ALL & ~WASI_RIGHT(FD_WRITE);
static const uint32_t FOLLOW = WASI_LOOKUP_SYMLINK_FOLLOW;

static uint64_t base_rights(fake *f, uint32_t fd)
{
	uint32_t st = g_alloc(f, WASI_FDSTAT_SIZE);
	wasi_fd_fdstat_get(INST(f), I(fd), I(st));
	return g_u64(f, st + WASI_FDSTAT_BASE);
}

static void open_rights(fake *f)
{
	uint32_t fd;
	check_case = "open rights";
	CHECK_OK(t_open(f, D, 0, "f", WASI_O_CREAT,
	                WASI_RIGHT(FD_READ) | WASI_RIGHT(PATH_OPEN), 0, 0,
	                &fd));
	CHECK_EQ(base_rights(f, fd), WASI_RIGHT(FD_READ)); /* no path rights */
	CHECK_ERR(t_write(f, fd, "x"), NOTCAPABLE);
	wasi_fd_close(INST(f), I(fd));
	CHECK_ERR(t_try_open(f, D, 0, "f", WASI_O_CREAT | WASI_O_EXCL, 0),
	          EXIST);
	CHECK_ERR(t_try_open(f, D, 0, "f", WASI_O_DIRECTORY, 0), NOTDIR);
	CHECK_ERR(t_try_open(f, D, 0, "missing", 0, 0), NOENT);
	CHECK_ERR(t_try_open(f, D, 0, "f", 0x10, 0), INVAL);
	/* a directory opened with seek: the right is dropped, not refused */
	CHECK_OK(t_mkdir(f, D, "d"));
	CHECK_OK(t_open(f, D, 0, "d", WASI_O_DIRECTORY,
	                WASI_RIGHT(FD_SEEK) | WASI_RIGHT(FD_READDIR), 0, 0,
	                &fd));
	CHECK_EQ(base_rights(f, fd), WASI_RIGHT(FD_READDIR));
	CHECK_ERR(t_try_open(f, fd, 0, "x", WASI_O_CREAT, 0), NOTCAPABLE);
	wasi_fd_close(INST(f), I(fd));
	/* writing a directory is EISDIR (path_open_preopen) */
	CHECK_ERR(t_try_open(f, D, 0, ".", WASI_O_DIRECTORY,
	                     WASI_RIGHT(FD_READ) | WASI_RIGHT(FD_WRITE)),
	          ISDIR);
	CHECK_OK(t_try_open(f, D, 0, ".", 0, DIR_RIGHTS));
	/* a file fd is no directory (path_open_dirfd_not_dir) */
	CHECK_OK(t_open(f, D, 0, "f", 0, 0, 0, 0, &fd));
	CHECK_ERR(t_try_open(f, fd, 0, "x", WASI_O_CREAT, 0), NOTDIR);
	wasi_fd_close(INST(f), I(fd));
	CHECK_OK(t_unlink(f, D, "f"));
	CHECK_OK(t_rmdir(f, D, "d"));
}

/* Truncation needs PATH_FILESTAT_SET_SIZE on the directory
 * (truncation_rights); rights handed down shrink with the directory's
 * inheriting rights. */
static void directory_rights(fake *f)
{
	uint32_t dir, fd, st = g_alloc(f, WASI_FDSTAT_SIZE);
	check_case = "directory rights";
	CHECK_OK(t_mkdir(f, D, "r"));
	CHECK_OK(t_open(f, D, 0, "r", WASI_O_DIRECTORY, DIR_RIGHTS,
	                WASI_RIGHTS_ALL, 0, &dir));
	CHECK_OK(t_try_open(f, dir, 0, "file", WASI_O_CREAT | WASI_O_TRUNC, 0));
	uint64_t base = base_rights(f, dir);
	CHECK_OK(wasi_fd_fdstat_set_rights(
	    INST(f), I(dir),
	    (int64_t)(base & ~WASI_RIGHT(PATH_FILESTAT_SET_SIZE)),
	    (int64_t)(WASI_RIGHTS_ALL & ~WASI_RIGHT(FD_WRITE))));
	CHECK_ERR(t_try_open(f, dir, 0, "file", WASI_O_TRUNC, 0), NOTCAPABLE);
	CHECK_OK(t_open(f, dir, 0, "file", 0,
	                WASI_RIGHT(FD_READ) | WASI_RIGHT(FD_WRITE), 0, 0, &fd));
	CHECK_EQ(base_rights(f, fd), WASI_RIGHT(FD_READ));
	CHECK_ERR(wasi_fd_fdstat_set_rights(INST(f), I(dir), (int64_t)base, 0),
	          NOTCAPABLE);
	CHECK_OK(wasi_fd_fdstat_get(INST(f), I(dir), I(st)));
	CHECK_EQ(g_ptr(f, st)[0], WASI_FILETYPE_DIRECTORY);
	wasi_fd_close(INST(f), I(fd));
	CHECK_OK(wasi_fd_fdstat_set_rights(INST(f), I(dir), 0, 0));
	CHECK_ERR(t_unlink(f, dir, "file"), NOTCAPABLE);
	CHECK_ERR(t_mkdir(f, dir, "x"), NOTCAPABLE);
	wasi_fd_close(INST(f), I(dir));
	CHECK_OK(t_unlink(f, D, "r/file"));
	CHECK_OK(t_rmdir(f, D, "r"));
}

static void create_and_remove(fake *f)
{
	check_case = "create/remove";
	CHECK_OK(t_mkdir(f, D, "dir"));
	CHECK_ERR(t_mkdir(f, D, "dir"), EXIST);
	CHECK_OK(t_mkdir(f, D, "dir/nested/"));
	CHECK_OK(t_try_open(f, D, 0, "dir/nested/file", WASI_O_CREAT, 0));
	CHECK_OK(t_try_open(f, D, 0, "dir/.//nested/../../dir/nested///./file",
	                    0, 0));
	CHECK_OK(t_try_open(f, D, 0, "dir/nested///", 0, 0));
	CHECK_ERR(t_try_open(f, D, 0, "dir/nested/file/", 0, 0), NOTDIR);
	CHECK_ERR(t_rmdir(f, D, "dir"), NOTEMPTY);
	CHECK_ERR(t_rmdir(f, D, "dir/nested/file"), NOTDIR);
	CHECK_ERR(t_rmdir(f, D, "dir/nested/file/"), NOTDIR);
	CHECK_ERR(t_unlink(f, D, "dir/nested"), ISDIR);
	CHECK_ERR(t_unlink(f, D, "dir/nested/"), ISDIR);
	CHECK_ERR(t_unlink(f, D, "dir/nested/file/"), NOTDIR);
	CHECK_OK(t_unlink(f, D, "dir/nested/file"));
	CHECK_ERR(t_unlink(f, D, "dir/nested/file"), NOENT);
	CHECK_OK(t_rmdir(f, D, "dir/nested/"));
	CHECK_OK(t_rmdir(f, D, "dir"));
	CHECK_ERR(t_rmdir(f, D, "."), INVAL);
}

static void renames(fake *f)
{
	check_case = "rename";
	CHECK_OK(t_mkdir(f, D, "source"));
	CHECK_OK(t_rename(f, D, "source/", D, "target"));
	CHECK_OK(t_rename(f, D, "target", D, "source/"));
	CHECK_OK(t_rename(f, D, "source/", D, "target/"));
	CHECK_OK(t_mkdir(f, D, "source"));
	CHECK_OK(t_rename(f, D, "source", D, "target")); /* onto an empty dir */
	CHECK_OK(t_mkdir(f, D, "source"));
	CHECK_OK(t_try_open(f, D, 0, "target/file", WASI_O_CREAT, 0));
	CHECK_ERR(t_rename(f, D, "source", D, "target"), NOTEMPTY);
	CHECK_ERR(t_rename(f, D, "source", D, "target/file"), NOTDIR);
	CHECK_ERR(t_rename(f, D, "target/file", D, "source"), ISDIR);
	CHECK_ERR(t_rename(f, D, "target/file/", D, "moved"), NOTDIR);
	CHECK_ERR(t_rename(f, D, "target/file", D, "moved/"), NOTDIR);
	CHECK_OK(t_rename(f, D, "target/file", D, "moved"));
	CHECK_ERR(t_try_open(f, D, 0, "target/file", 0, 0), NOENT);
	CHECK_OK(t_try_open(f, D, 0, "moved", WASI_O_CREAT, 0));
	CHECK_OK(t_rename(f, D, "moved", D, "again"));
	CHECK_OK(t_unlink(f, D, "again"));
	CHECK_OK(t_rmdir(f, D, "source"));
	CHECK_OK(t_rmdir(f, D, "target"));
}

static void links(fake *f)
{
	uint32_t a, b, sa = g_alloc(f, 64), sb = g_alloc(f, 64);
	check_case = "links";
	CHECK_OK(t_try_open(f, D, 0, "file", WASI_O_CREAT, 0));
	CHECK_OK(t_link(f, D, 0, "file", D, "link"));
	CHECK_OK(
	    t_open(f, D, 0, "file", 0, WASI_RIGHT(FD_FILESTAT_GET), 0, 0, &a));
	CHECK_OK(
	    t_open(f, D, 0, "link", 0, WASI_RIGHT(FD_FILESTAT_GET), 0, 0, &b));
	CHECK_OK(wasi_fd_filestat_get(INST(f), I(a), I(sa)));
	CHECK_OK(wasi_fd_filestat_get(INST(f), I(b), I(sb)));
	CHECK(memcmp(g_ptr(f, sa), g_ptr(f, sb), 64) == 0);
	CHECK_EQ(g_u64(f, sa + WASI_FILESTAT_NLINK), 2);
	wasi_fd_close(INST(f), I(a));
	wasi_fd_close(INST(f), I(b));
	CHECK_ERR(t_link(f, D, 0, "file", D, "link"), EXIST);
	CHECK_ERR(t_link(f, D, 0, "file", D, "file"), EXIST);
	CHECK_OK(t_unlink(f, D, "link"));
	CHECK_ERR(t_link(f, D, 0, "file", D, "link/"), NOENT);
	CHECK_OK(t_mkdir(f, D, "dir"));
	CHECK_ERR(t_link(f, D, 0, "file", D, "dir"), EXIST);
	CHECK_ERR2(t_link(f, D, 0, "dir", D, "link"), PERM, ACCES);
	CHECK_ERR2(t_link(f, D, 0, "dir/", D, "link"), PERM, ACCES);
	CHECK_OK(t_rmdir(f, D, "dir"));
	/* links to dangling symlinks and loops link the symlink itself */
	CHECK_OK(t_symlink(f, "target", D, "sym"));
	CHECK_OK(t_link(f, D, 0, "sym", D, "link"));
	CHECK_ERR(t_link(f, D, FOLLOW, "sym", D, "link2"), NOENT);
	CHECK_ERR(t_link(f, D, 0, "file", D, "sym"), EXIST);
	CHECK_OK(t_unlink(f, D, "sym"));
	CHECK_OK(t_unlink(f, D, "link"));
	CHECK_OK(t_symlink(f, "file", D, "sym"));
	CHECK_OK(t_link(f, D, FOLLOW, "sym", D, "link")); /* links "file" */
	uint8_t type;
	CHECK_OK(t_stat(f, D, 0, "link", &type));
	CHECK_EQ(type, WASI_FILETYPE_REGULAR_FILE);
	CHECK_OK(t_unlink(f, D, "link"));
	CHECK_OK(t_unlink(f, D, "sym"));
	CHECK_OK(t_unlink(f, D, "file"));
}

static void symlinks(fake *f)
{
	uint32_t buf = g_alloc(f, 16), used = g_alloc(f, 4);
	uint8_t type;
	check_case = "symlinks";
	CHECK_OK(t_try_open(f, D, 0, "target", WASI_O_CREAT, 0));
	CHECK_OK(t_symlink(f, "target", D, "symlink"));
	CHECK_OK(wasi_path_readlink(INST(f), D, T_PATH(f, "symlink"), I(buf),
	                            10, I(used)));
	CHECK_EQ(g_u32(f, used), 6);
	CHECK(memcmp(g_ptr(f, buf), "target\0\0\0\0", 10) == 0);
	CHECK_OK(wasi_path_readlink(INST(f), D, T_PATH(f, "symlink"), I(buf), 4,
	                            I(used)));
	CHECK_EQ(g_u32(f, used), 4);
	CHECK_ERR(wasi_path_readlink(INST(f), D, T_PATH(f, "target"), I(buf),
	                             10, I(used)),
	          INVAL);
	CHECK_ERR(wasi_path_readlink(INST(f), D, T_PATH(f, "symlink"),
	                             I(fake_end(f) - 2), 3, I(used)),
	          FAULT);
	CHECK_OK(t_stat(f, D, 0, "symlink", &type));
	CHECK_EQ(type, WASI_FILETYPE_SYMBOLIC_LINK);
	CHECK_OK(t_stat(f, D, FOLLOW, "symlink", &type));
	CHECK_EQ(type, WASI_FILETYPE_REGULAR_FILE);
	CHECK_ERR(t_try_open(f, D, 0, "symlink", 0, 0), LOOP);
	CHECK_OK(t_try_open(f, D, FOLLOW, "symlink", 0, 0));
	CHECK_ERR(t_try_open(f, D, FOLLOW, "symlink", WASI_O_DIRECTORY, 0),
	          NOTDIR);
	CHECK_ERR(t_symlink(f, "x", D, "symlink"), EXIST);
	CHECK_ERR(t_symlink(f, "x", D, "target/"), EXIST);
	CHECK_ERR(t_symlink(f, "x", D, "fresh/"), NOENT);
	CHECK_ERR(t_symlink(f, "/", D, "fresh"), NOTCAPABLE);
	/* times on the link itself, or through it */
	CHECK_OK(wasi_path_filestat_set_times(
	    INST(f), D, 0, T_PATH(f, "symlink"), 0, 5000, WASI_FST_MTIM));
	uint32_t st = g_alloc(f, WASI_FILESTAT_SIZE);
	CHECK_OK(
	    wasi_path_filestat_get(INST(f), D, 0, T_PATH(f, "symlink"), I(st)));
	CHECK_EQ(g_u64(f, st + WASI_FILESTAT_MTIM), 5000);
	CHECK_OK(
	    wasi_path_filestat_get(INST(f), D, 0, T_PATH(f, "target"), I(st)));
	CHECK(g_u64(f, st + WASI_FILESTAT_MTIM) != 5000);
	CHECK_OK(wasi_path_filestat_set_times(INST(f), D, I(FOLLOW),
	                                      T_PATH(f, "symlink"), 0, 7000,
	                                      WASI_FST_MTIM));
	CHECK_OK(
	    wasi_path_filestat_get(INST(f), D, 0, T_PATH(f, "target"), I(st)));
	CHECK_EQ(g_u64(f, st + WASI_FILESTAT_MTIM), 7000);
	CHECK_ERR(
	    wasi_path_filestat_set_times(INST(f), D, 0, T_PATH(f, "target"), 0,
	                                 0, WASI_FST_ATIM | WASI_FST_ATIM_NOW),
	    INVAL);
	CHECK_ERR(
	    wasi_path_filestat_get(INST(f), D, 2, T_PATH(f, "target"), I(st)),
	    INVAL);
	CHECK_ERR(wasi_path_filestat_get(INST(f), D, 0, T_PATH(f, "target"),
	                                 I(fake_end(f) - 8)),
	          FAULT);
	/* a dangling symlink and a loop */
	CHECK_OK(t_symlink(f, "nowhere", D, "dangling"));
	CHECK_ERR2(t_try_open(f, D, 0, "dangling", WASI_O_DIRECTORY, 0), NOTDIR,
	           LOOP);
	CHECK_ERR(t_try_open(f, D, 0, "dangling", 0, 0), LOOP);
	CHECK_ERR(t_try_open(f, D, FOLLOW, "dangling", 0, 0), NOENT);
	CHECK_OK(t_try_open(f, D, FOLLOW, "dangling", WASI_O_CREAT, 0));
	CHECK_OK(t_stat(f, D, 0, "nowhere", &type)); /* created through it */
	CHECK_OK(t_symlink(f, "loop", D, "loop"));
	CHECK_ERR(t_try_open(f, D, 0, "loop", 0, 0), LOOP);
	CHECK_ERR(t_try_open(f, D, FOLLOW, "loop", 0, 0), LOOP);
	CHECK_ERR(t_stat(f, D, FOLLOW, "loop", &type), LOOP);
	const char *names[] = {"target", "symlink", "dangling", "nowhere",
	                       "loop"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		CHECK_OK(t_unlink(f, D, names[i]));
}

/* ---- fd_readdir ---- */

typedef struct entry {
	uint64_t next, ino;
	uint32_t namlen;
	uint8_t type;
	char name[64];
} entry;

/* One fd_readdir call from `cookie` into a buffer of `size` bytes; the
 * complete entries in out[] (*count), true when the buffer was not
 * filled (the end). */
static bool read_dir(fake *f, uint32_t fd, uint64_t cookie, uint32_t size,
                     entry *out, int *count)
{
	uint32_t buf = g_alloc(f, size), used = g_alloc(f, 4);
	*count = 0;
	if (!CHECK_OK(wasi_fd_readdir(INST(f), I(fd), I(buf), I(size),
	                              (int64_t)cookie, I(used))))
		return true;
	uint32_t n = g_u32(f, used), pos = 0;
	while (pos + WASI_DIRENT_SIZE <= n) {
		entry *e = &out[*count];
		uint8_t *p = g_ptr(f, buf + pos);
		memcpy(&e->next, p + WASI_DIRENT_NEXT, 8);
		memcpy(&e->ino, p + WASI_DIRENT_INO, 8);
		memcpy(&e->namlen, p + WASI_DIRENT_NAMLEN, 4);
		e->type = p[WASI_DIRENT_TYPE];
		if (pos + WASI_DIRENT_SIZE + e->namlen > n || e->namlen >= 64)
			break; /* cut short: read again from the last cookie */
		memcpy(e->name, p + WASI_DIRENT_SIZE, e->namlen);
		e->name[e->namlen] = 0;
		pos += WASI_DIRENT_SIZE + e->namlen;
		(*count)++;
	}
	return n < size;
}

static void readdir_small(fake *f, uint32_t dir)
{
	entry e[8];
	int n;
	uint32_t st = g_alloc(f, WASI_FILESTAT_SIZE);
	check_case = "readdir empty";
	CHECK(read_dir(f, dir, 0, 256, e, &n));
	CHECK_EQ(n, 2);
	CHECK_OK(wasi_fd_filestat_get(INST(f), I(dir), I(st)));
	for (int i = 0; i < n; i++) {
		CHECK(strcmp(e[i].name, ".") == 0 ||
		      strcmp(e[i].name, "..") == 0);
		CHECK_EQ(e[i].type, WASI_FILETYPE_DIRECTORY);
		if (strcmp(e[i].name, ".") == 0)
			CHECK_EQ(e[i].ino, g_u64(f, st + WASI_FILESTAT_INO));
	}
	check_case = "readdir cookie";
	CHECK_OK(t_try_open(f, dir, 0, "file", WASI_O_CREAT, 0));
	CHECK(read_dir(f, dir, 0, 256, e, &n));
	CHECK_EQ(n, 3);
	int count;
	entry rest[8];
	CHECK(read_dir(f, dir, e[1].next, 256, rest, &count));
	CHECK_EQ(count, 1);
	CHECK(strcmp(rest[0].name, e[2].name) == 0);
	CHECK(read_dir(f, dir, e[2].next, 256, rest, &count));
	CHECK_EQ(count, 0);
	/* a buffer too small for one entry gets its first bytes */
	CHECK(!read_dir(f, dir, 0, 10, rest, &count));
	CHECK_EQ(count, 0);
	CHECK_OK(t_unlink(f, dir, "file"));
}

/* Many entries through a small buffer, resuming from cookies: every
 * name exactly once. */
static void readdir_many(fake *f, uint32_t dir)
{
	enum { FILES = 300 };
	char name[32];
	static bool seen[FILES];
	entry e[16];
	int n, total = 0, dots = 0;
	uint64_t cookie = 0;
	check_case = "readdir many";
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof name, "file.%d", i);
		CHECK_OK(t_try_open(f, dir, 0, name, WASI_O_CREAT, 0));
	}
	for (int calls = 0; calls < 10000; calls++) {
		g_reset(f);
		bool end = read_dir(f, dir, cookie, 128, e, &n);
		for (int i = 0; i < n; i++) {
			int k;
			if (e[i].name[0] == '.')
				dots++;
			else if (sscanf(e[i].name, "file.%d", &k) == 1 &&
			         k >= 0 && k < FILES && !seen[k])
				seen[k] = true;
			else
				CHECK(!"an entry seen twice or unknown");
			total++;
			cookie = e[i].next;
		}
		if (end)
			break;
	}
	CHECK_EQ(total, FILES + 2);
	CHECK_EQ(dots, 2);
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof name, "file.%d", i);
		CHECK_OK(t_unlink(f, dir, name));
	}
}

static void readdir_tests(fake *f)
{
	uint32_t dir;
	CHECK_OK(t_mkdir(f, D, "list"));
	CHECK_OK(
	    t_open(f, D, 0, "list", WASI_O_DIRECTORY, DIR_RIGHTS, 0, 0, &dir));
	readdir_small(f, dir);
	readdir_many(f, dir);
	check_case = "readdir errors";
	uint32_t used = g_alloc(f, 4);
	CHECK_ERR(wasi_fd_readdir(INST(f), I(dir), I(fake_end(f) - 10), 11, 0,
	                          I(used)),
	          FAULT);
	CHECK_ERR(wasi_fd_readdir(INST(f), I(dir), 64, 8, -1, I(used)), INVAL);
	CHECK_ERR(wasi_fd_readdir(INST(f), 0, 64, 8, 0, I(used)), NOTCAPABLE);
	wasi_fd_close(INST(f), I(dir));
	CHECK_OK(t_rmdir(f, D, "list"));
}

int main(void)
{
	const char *dir = scratch_dir("path");
	char copy[600];
	snprintf(copy, sizeof copy, "%s", dir);
	wasi_ctx *ctx = ctx_with_dir(copy, "/", 0, 1, 2);
	fake *f = fake_new(ctx, 4);
	open_rights(f);
	directory_rights(f);
	create_and_remove(f);
	renames(f);
	links(f);
	symlinks(f);
	readdir_tests(f);
	fake_free(f);
	wasi_ctx_free(ctx);
	remove_tree(copy);
	return check_report("wasi-path");
}
