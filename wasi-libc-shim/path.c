/*
 * path.c - operations on paths beneath a directory descriptor: open,
 * create, stat, link, rename, remove.  Each resolves its path with
 * sandbox.c and applies one *at() call to (directory, last component)
 * that does not follow a symlink there.
 *
 * A trailing '/' is never passed to the host (the kernel would follow a
 * symlink named by the last component, even for lstat-like calls); it
 * is emulated: the path must then name a directory.
 */
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* Directory descriptor `fd` with `rights`, and the guest path resolved
 * beneath it: BADF, NOTDIR, NOTCAPABLE, INVAL (lookup flags), or what
 * resolution says. */
static wasi_errno at_path(const wasi_call *c, int32_t fd, uint64_t rights,
                          uint32_t lookup, int32_t path, int32_t len,
                          wasi_path *p)
{
	wasi_fd *f;
	p->owned = false;
	wasi_errno err = wasi_fd_get(c->ctx, fd, 0, &f);
	if (err)
		return err;
	if (f->type != WASI_FILETYPE_DIRECTORY)
		return WASI_ERRNO_NOTDIR;
	if ((f->base & rights) != rights)
		return WASI_ERRNO_NOTCAPABLE;
	if (lookup & ~(uint32_t)WASI_LOOKUP_SYMLINK_FOLLOW)
		return WASI_ERRNO_INVAL;
	return wasi_path_resolve(c, f, wasi_u32(path), wasi_u32(len),
	                         lookup & WASI_LOOKUP_SYMLINK_FOLLOW, p);
}

/* For a path that ended in '/': NOTDIR unless it names a directory. */
static wasi_errno must_be_dir(const wasi_path *p)
{
	struct stat st;
	if (fstatat(p->dir, p->name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return wasi_errno_now();
	return S_ISDIR(st.st_mode) ? WASI_ERRNO_SUCCESS : WASI_ERRNO_NOTDIR;
}

/* For a path that ended in '/' where a directory is also an error:
 * `if_dir` for a directory, else as must_be_dir. */
static wasi_errno dir_means(const wasi_path *p, wasi_errno if_dir)
{
	wasi_errno err = must_be_dir(p);
	return err ? err : if_dir;
}

/* For a new name (link, symlink) that ended in '/': it cannot be made,
 * EXIST when the name is taken, NOENT when not. */
static wasi_errno new_name_with_slash(const wasi_path *p)
{
	struct stat st;
	if (fstatat(p->dir, p->name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return WASI_ERRNO_EXIST;
	return errno == ENOENT ? WASI_ERRNO_NOENT : wasi_errno_now();
}

static wasi_errno host_result(int r)
{
	return r == 0 ? WASI_ERRNO_SUCCESS : wasi_errno_now();
}

int32_t wasi_path_create_directory(void *inst, int32_t fd, int32_t path,
                                   int32_t len)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_path p;
	wasi_errno err = at_path(&c, fd, WASI_RIGHT(PATH_CREATE_DIRECTORY), 0,
	                         path, len, &p);
	if (!err)
		err = host_result(mkdirat(p.dir, p.name, 0777));
	wasi_path_done(&p);
	return err;
}

int32_t wasi_path_filestat_get(void *inst, int32_t fd, int32_t flags,
                               int32_t path, int32_t len, int32_t out)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_path p;
	struct stat st;
	if (!wasi_mem_ok(&c, wasi_u32(out), WASI_FILESTAT_SIZE))
		return WASI_ERRNO_FAULT;
	wasi_errno err = at_path(&c, fd, WASI_RIGHT(PATH_FILESTAT_GET),
	                         wasi_u32(flags), path, len, &p);
	if (!err)
		err = host_result(
		    fstatat(p.dir, p.name, &st, AT_SYMLINK_NOFOLLOW));
	if (!err && p.slash && !S_ISDIR(st.st_mode))
		err = WASI_ERRNO_NOTDIR;
	if (!err)
		wasi_put_filestat(&c, wasi_u32(out), &st);
	wasi_path_done(&p);
	return err;
}

int32_t wasi_path_filestat_set_times(void *inst, int32_t fd, int32_t flags,
                                     int32_t path, int32_t len, int64_t atim,
                                     int64_t mtim, int32_t fst_flags)
{
	wasi_call c = wasi_call_begin(inst);
	struct timespec times[2];
	wasi_path p;
	wasi_errno err = wasi_fst_times((uint64_t)atim, (uint64_t)mtim,
	                                wasi_u32(fst_flags), times);
	if (err)
		return err;
	err = at_path(&c, fd, WASI_RIGHT(PATH_FILESTAT_SET_TIMES),
	              wasi_u32(flags), path, len, &p);
	if (!err && p.slash)
		err = must_be_dir(&p);
	if (!err)
		err = host_result(
		    utimensat(p.dir, p.name, times, AT_SYMLINK_NOFOLLOW));
	wasi_path_done(&p);
	return err;
}

/* linkat(..., 0) links the source itself, never what it points to; with
 * SYMLINK_FOLLOW resolution has already replaced it by its target. */
int32_t wasi_path_link(void *inst, int32_t old_fd, int32_t old_flags,
                       int32_t old_path, int32_t old_len, int32_t new_fd,
                       int32_t new_path, int32_t new_len)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_path from, to;
	to.owned = false;
	wasi_errno err = at_path(&c, old_fd, WASI_RIGHT(PATH_LINK_SOURCE),
	                         wasi_u32(old_flags), old_path, old_len, &from);
	if (!err)
		err = at_path(&c, new_fd, WASI_RIGHT(PATH_LINK_TARGET), 0,
		              new_path, new_len, &to);
	if (!err && from.slash) /* a directory cannot be linked */
		err = dir_means(&from, WASI_ERRNO_PERM);
	if (!err && to.slash)
		err = new_name_with_slash(&to);
	if (!err)
		err = host_result(
		    linkat(from.dir, from.name, to.dir, to.name, 0));
	wasi_path_done(&from);
	wasi_path_done(&to);
	return err;
}

int32_t wasi_path_readlink(void *inst, int32_t fd, int32_t path, int32_t len,
                           int32_t buf, int32_t buf_len, int32_t bufused)
{
	wasi_call c = wasi_call_begin(inst);
	uint32_t at = wasi_u32(buf), room = wasi_u32(buf_len);
	char target[WASI_PATH_MAX + 1];
	wasi_path p;
	if (!wasi_mem_ok(&c, at, room) ||
	    !wasi_mem_ok(&c, wasi_u32(bufused), 4))
		return WASI_ERRNO_FAULT;
	wasi_errno err =
	    at_path(&c, fd, WASI_RIGHT(PATH_READLINK), 0, path, len, &p);
	if (!err && p.slash) /* a directory is no symlink */
		err = dir_means(&p, WASI_ERRNO_INVAL);
	ssize_t n = err ? -1 : readlinkat(p.dir, p.name, target, sizeof target);
	if (!err && n < 0)
		err = wasi_errno_now();
	if (!err) {
		uint32_t copied = (size_t)n < room ? (uint32_t)n : room;
		memcpy(wasi_mem_at(&c, at), target, copied);
		wasi_store32(&c, wasi_u32(bufused), copied);
	}
	wasi_path_done(&p);
	return err;
}

int32_t wasi_path_remove_directory(void *inst, int32_t fd, int32_t path,
                                   int32_t len)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_path p;
	wasi_errno err = at_path(&c, fd, WASI_RIGHT(PATH_REMOVE_DIRECTORY), 0,
	                         path, len, &p);
	if (!err && unlinkat(p.dir, p.name, AT_REMOVEDIR) != 0)
		err = errno == EEXIST ? WASI_ERRNO_NOTEMPTY : wasi_errno_now();
	wasi_path_done(&p);
	return err;
}

int32_t wasi_path_rename(void *inst, int32_t fd, int32_t old_path,
                         int32_t old_len, int32_t new_fd, int32_t new_path,
                         int32_t new_len)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_path from, to;
	to.owned = false;
	wasi_errno err = at_path(&c, fd, WASI_RIGHT(PATH_RENAME_SOURCE), 0,
	                         old_path, old_len, &from);
	if (!err)
		err = at_path(&c, new_fd, WASI_RIGHT(PATH_RENAME_TARGET), 0,
		              new_path, new_len, &to);
	if (!err && (from.slash || to.slash))
		err = must_be_dir(&from);
	if (!err)
		err =
		    host_result(renameat(from.dir, from.name, to.dir, to.name));
	wasi_path_done(&from);
	wasi_path_done(&to);
	return err;
}

/* The link's text is stored as given; an absolute one could only ever
 * be refused by resolution, so it is refused now. */
int32_t wasi_path_symlink(void *inst, int32_t old_path, int32_t old_len,
                          int32_t fd, int32_t new_path, int32_t new_len)
{
	wasi_call c = wasi_call_begin(inst);
	char target[WASI_PATH_MAX + 1];
	wasi_path p;
	wasi_errno err =
	    wasi_copy_string(&c, wasi_u32(old_path), wasi_u32(old_len), target);
	if (err)
		return err;
	if (target[0] == '/')
		return WASI_ERRNO_NOTCAPABLE;
	err =
	    at_path(&c, fd, WASI_RIGHT(PATH_SYMLINK), 0, new_path, new_len, &p);
	if (!err && p.slash)
		err = new_name_with_slash(&p);
	if (!err)
		err = host_result(symlinkat(target, p.dir, p.name));
	wasi_path_done(&p);
	return err;
}

int32_t wasi_path_unlink_file(void *inst, int32_t fd, int32_t path, int32_t len)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_path p;
	wasi_errno err =
	    at_path(&c, fd, WASI_RIGHT(PATH_UNLINK_FILE), 0, path, len, &p);
	if (!err && p.slash) /* a file with '/' is NOTDIR, a directory ISDIR */
		err = dir_means(&p, WASI_ERRNO_ISDIR);
	if (!err)
		err = host_result(unlinkat(p.dir, p.name, 0));
	wasi_path_done(&p);
	return err;
}

/* ---- path_open ---- */

/* Rights path_open needs on the directory: PATH_OPEN and what the
 * oflags ask in its base; the sync fdflags in its inheriting rights. */
static wasi_errno open_rights(const wasi_fd *dir, uint32_t oflags,
                              uint32_t fdflags)
{
	uint64_t base = WASI_RIGHT(PATH_OPEN), inheriting = 0;
	if (oflags & WASI_O_CREAT)
		base |= WASI_RIGHT(PATH_CREATE_FILE);
	if (oflags & WASI_O_TRUNC)
		base |= WASI_RIGHT(PATH_FILESTAT_SET_SIZE);
	if (fdflags & WASI_FDFLAG_DSYNC)
		inheriting |= WASI_RIGHT(FD_DATASYNC);
	if (fdflags & (WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC))
		inheriting |= WASI_RIGHT(FD_SYNC);
	if ((dir->base & base) != base ||
	    (dir->inheriting & inheriting) != inheriting)
		return WASI_ERRNO_NOTCAPABLE;
	return WASI_ERRNO_SUCCESS;
}

/* Host open(2) flags; the access mode follows the read and write rights
 * the new descriptor will have. */
static int host_open_flags(uint32_t oflags, uint32_t fdflags, uint64_t base,
                           bool slash)
{
	bool read = base & (WASI_RIGHT(FD_READ) | WASI_RIGHT(FD_READDIR));
	bool write = base & WASI_RIGHT(FD_WRITE);
	int fl = O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
	fl |= write ? (read ? O_RDWR : O_WRONLY) : O_RDONLY;
	fl |= oflags & WASI_O_CREAT ? O_CREAT : 0;
	fl |= oflags & WASI_O_EXCL ? O_EXCL : 0;
	fl |= oflags & WASI_O_TRUNC ? O_TRUNC : 0;
	fl |= oflags & WASI_O_DIRECTORY || slash ? O_DIRECTORY : 0;
	fl |= fdflags & WASI_FDFLAG_APPEND ? O_APPEND : 0;
	fl |= fdflags & WASI_FDFLAG_DSYNC ? O_DSYNC : 0;
	fl |= fdflags & WASI_FDFLAG_NONBLOCK ? O_NONBLOCK : 0;
	fl |= fdflags & WASI_FDFLAG_RSYNC ? O_RSYNC : 0;
	fl |= fdflags & WASI_FDFLAG_SYNC ? O_SYNC : 0;
	return fl;
}

/* Opens the resolved path; the new descriptor's rights are those asked
 * for that the directory may hand down and that apply to what was
 * opened (a directory gets no seek right, a file no path rights). */
static wasi_errno open_at(wasi_call *c, const wasi_fd *dir, const wasi_path *p,
                          uint32_t oflags, uint64_t base, uint64_t inheriting,
                          uint32_t fdflags, uint32_t *fd)
{
	base &= dir->inheriting;
	inheriting &= dir->inheriting;
	int host =
	    openat(p->dir, p->name,
	           host_open_flags(oflags, fdflags, base, p->slash), 0666);
	wasi_fd d;
	if (host < 0)
		return wasi_errno_now();
	if (!wasi_fd_describe(host, &d)) {
		close(host);
		return wasi_errno_now();
	}
	return wasi_fd_install(c->ctx, host, d.type, (uint16_t)fdflags,
	                       base & wasi_rights_for_type(d.type), inheriting,
	                       fd);
}

int32_t wasi_path_open(void *inst, int32_t fd, int32_t dirflags, int32_t path,
                       int32_t path_len, int32_t oflags, int64_t base,
                       int64_t inheriting, int32_t fdflags, int32_t out)
{
	wasi_call c = wasi_call_begin(inst);
	uint32_t of = wasi_u32(oflags), ff = wasi_u32(fdflags), opened = 0;
	wasi_fd *dir;
	wasi_path p;
	if (!wasi_mem_ok(&c, wasi_u32(out), 4))
		return WASI_ERRNO_FAULT;
	if ((of & ~(uint32_t)WASI_O_ALL) || (ff & ~(uint32_t)WASI_FDFLAGS_ALL))
		return WASI_ERRNO_INVAL;
	wasi_errno err = wasi_fd_get(c.ctx, fd, 0, &dir);
	if (!err && dir->type == WASI_FILETYPE_DIRECTORY)
		err = open_rights(dir, of, ff);
	if (err)
		return err;
	err = at_path(&c, fd, WASI_RIGHT(PATH_OPEN), wasi_u32(dirflags), path,
	              path_len, &p);
	if (!err)
		err = open_at(&c, dir, &p, of, (uint64_t)base,
		              (uint64_t)inheriting, ff, &opened);
	wasi_path_done(&p);
	if (!err)
		wasi_store32(&c, wasi_u32(out), opened);
	return err;
}
