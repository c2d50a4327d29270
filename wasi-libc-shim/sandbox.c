/*
 * sandbox.c - resolving guest paths beneath a directory descriptor.
 *
 * A path is split into its directory part and its last component.  The
 * directory part is opened beneath the starting descriptor (the `root`):
 * with openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS) where the kernel
 * has it, else by walking it one component at a time with
 * openat(O_PATH | O_DIRECTORY | O_NOFOLLOW), keeping every directory on
 * the way open so that `..` returns to the very directory it came from
 * (never re-resolved, so renames cannot move the walk outside), refusing
 * `..` at the root, and expanding symbolic links by hand: an absolute
 * target is refused, a relative one is spliced into the rest of the path.
 * Both ways refuse the same things, and both count at most 40 expansions.
 *
 * The last component is then followed by hand when the caller asks
 * (LOOKUPFLAGS_SYMLINK_FOLLOW) by re-resolving "dir/target".  Callers
 * operate on (directory, last component) with *at() calls that do not
 * follow it, so a symlink swapped in after resolution makes the call fail
 * (ELOOP, ENOTDIR), never escape.
 */
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

enum {
	SYMLOOP_MAX = 40, /* expansions per resolution, as Linux */
	WALK_DEPTH = 256, /* directories the walk keeps open */
	OPENAT2_RETRIES = 8,
};

static atomic_bool force_walk, no_openat2;

void wasi_sandbox_force_walk(bool on)
{
	atomic_store(&force_walk, on);
}

/* ---- the portable walk ---- */

typedef struct walker {
	int fds[WALK_DEPTH]; /* fds[0] is the root (not owned) */
	int depth;
	int *links;
	char path[WASI_PATH_MAX + 1];  /* what is left to resolve */
	char spare[WASI_PATH_MAX + 1]; /* a link target and that rest */
} walker;

/* Replaces the path with the link target (in w->spare, n bytes)
 * followed by what is left from position `rest` on. */
static wasi_errno splice_link(walker *w, size_t n, size_t rest)
{
	if (n > WASI_PATH_MAX)
		return WASI_ERRNO_NAMETOOLONG;
	if (++*w->links > SYMLOOP_MAX)
		return WASI_ERRNO_LOOP;
	if (n == 0)
		return WASI_ERRNO_NOENT;
	if (w->spare[0] == '/')
		return WASI_ERRNO_NOTCAPABLE;
	size_t tail = strlen(w->path + rest);
	if (n + 1 + tail > WASI_PATH_MAX)
		return WASI_ERRNO_NAMETOOLONG;
	w->spare[n] = '/';
	memcpy(w->spare + n + 1, w->path + rest, tail + 1);
	memcpy(w->path, w->spare, n + 1 + tail + 1);
	return WASI_ERRNO_SUCCESS;
}

/* Steps into component `name` of the current directory.  When it is a
 * symlink, *link gets the length of its target (in w->spare), else -1. */
static wasi_errno step(walker *w, const char *name, ssize_t *link)
{
	int cur = w->fds[w->depth];
	*link = -1;
	if (strcmp(name, "..") == 0) {
		if (w->depth == 0)
			return WASI_ERRNO_NOTCAPABLE;
		close(cur);
		w->depth--;
		return WASI_ERRNO_SUCCESS;
	}
	int fd =
	    openat(cur, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		if (w->depth + 1 == WALK_DEPTH) {
			close(fd);
			return WASI_ERRNO_NAMETOOLONG;
		}
		w->fds[++w->depth] = fd;
		return WASI_ERRNO_SUCCESS;
	}
	int e = errno;
	if (e != ENOTDIR && e != ELOOP)
		return wasi_errno_from_host(e);
	*link = readlinkat(cur, name, w->spare, sizeof w->spare);
	if (*link < 0)
		return wasi_errno_from_host(e); /* not a symlink after all */
	return WASI_ERRNO_SUCCESS;
}

/* Resolves every component of w->path. */
static wasi_errno walk_components(walker *w)
{
	size_t pos = 0;
	for (;;) {
		while (w->path[pos] == '/')
			pos++;
		if (!w->path[pos])
			return WASI_ERRNO_SUCCESS;
		size_t start = pos;
		while (w->path[pos] && w->path[pos] != '/')
			pos++;
		char saved = w->path[pos];
		w->path[pos] = 0;
		ssize_t link = -1;
		wasi_errno err = WASI_ERRNO_SUCCESS;
		if (strcmp(w->path + start, ".") != 0)
			err = step(w, w->path + start, &link);
		w->path[pos] = saved;
		if (!err && link >= 0) {
			err = splice_link(w, (size_t)link, pos);
			pos = 0;
		}
		if (err)
			return err;
	}
}

/* Opens directory `path` beneath `root` by the walk; *out is root itself
 * when the path leads back to it. */
static wasi_errno walk(int root, const char *path, int *links, int *out)
{
	walker *w = w2n_rt_malloc(sizeof *w);
	if (!w)
		return WASI_ERRNO_NOMEM;
	w->fds[0] = root;
	w->depth = 0;
	w->links = links;
	memcpy(w->path, path, strlen(path) + 1);
	wasi_errno err = walk_components(w);
	if (!err)
		*out = w->fds[w->depth--];
	while (w->depth > 0)
		close(w->fds[w->depth--]);
	w2n_rt_free(w);
	return err;
}

/* ---- openat2 ---- */

/* Opens directory `path` beneath `root` with openat2; false (and *err
 * untouched) when this kernel cannot, so the walk must. */
static bool beneath_openat2(int root, const char *path, int *out,
                            wasi_errno *err)
{
	struct open_how how = {
	    .flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
	    .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	if (atomic_load(&force_walk) || atomic_load(&no_openat2))
		return false;
	for (int i = 0; i < OPENAT2_RETRIES; i++) {
		long fd = syscall(SYS_openat2, root, path, &how, sizeof how);
		if (fd >= 0) {
			*out = (int)fd;
			*err = WASI_ERRNO_SUCCESS;
			return true;
		}
		if (errno == EAGAIN) /* a rename raced with ".." */
			continue;
		/* EPERM: seccomp filters that predate openat2; an O_PATH
		 * open never needs more than search permission (EACCES) */
		if (errno == ENOSYS || errno == E2BIG || errno == EINVAL ||
		    errno == EPERM) {
			atomic_store(&no_openat2, true);
			return false;
		}
		*err =
		    errno == EXDEV ? WASI_ERRNO_NOTCAPABLE : wasi_errno_now();
		return true;
	}
	return false;
}

static wasi_errno open_beneath(int root, const char *path, int *links, int *out)
{
	wasi_errno err;
	if (beneath_openat2(root, path, out, &err))
		return err;
	return walk(root, path, links, out);
}

/* ---- the last component ---- */

/* Splits p->text into the directory part (*dir_part, "" for the root)
 * and p->name, noting and dropping trailing slashes.  A path ending in
 * "." or ".." names a directory: all of it is the directory part. */
static void split(wasi_path *p, char **dir_part)
{
	size_t n = strlen(p->text);
	p->slash = false;
	while (n > 0 && p->text[n - 1] == '/') {
		p->text[--n] = 0;
		p->slash = true;
	}
	char *last = strrchr(p->text, '/');
	char *name = last ? last + 1 : p->text;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		*dir_part = p->text;
		p->name = ".";
		return;
	}
	*dir_part = last ? p->text : p->text + n; /* "" when no slash */
	if (last)
		*last = 0;
	p->name = name;
}

/* The path text becomes dir_part/target[/]. */
static wasi_errno replace_with_target(wasi_path *p, const char *dir_part,
                                      const char *target, size_t n)
{
	char next[WASI_PATH_MAX + 1];
	size_t d = strlen(dir_part);
	size_t total = d + (d ? 1 : 0) + n + (p->slash ? 1 : 0);
	if (target[0] == '/')
		return WASI_ERRNO_NOTCAPABLE;
	if (total > WASI_PATH_MAX)
		return WASI_ERRNO_NAMETOOLONG;
	memcpy(next, dir_part, d);
	if (d)
		next[d++] = '/';
	memcpy(next + d, target, n);
	d += n;
	if (p->slash)
		next[d++] = '/';
	next[d] = 0;
	memcpy(p->text, next, d + 1);
	return WASI_ERRNO_SUCCESS;
}

/* Opens the directory part of p->text; with `follow`, expands the last
 * component while it is a symlink.  *links counts expansions. */
static wasi_errno resolve_text(int root, wasi_path *p, bool follow, int *links)
{
	for (;;) {
		char *dir_part;
		split(p, &dir_part);
		p->dir = root;
		p->owned = false;
		if (dir_part[0]) {
			wasi_errno err =
			    open_beneath(root, dir_part, links, &p->dir);
			if (err)
				return err;
			p->owned = p->dir != root;
		}
		if (!follow || strcmp(p->name, ".") == 0)
			return WASI_ERRNO_SUCCESS;
		/* not a symlink (or absent): the operation decides */
		char target[WASI_PATH_MAX + 1];
		ssize_t n = readlinkat(p->dir, p->name, target, sizeof target);
		if (n < 0)
			return WASI_ERRNO_SUCCESS;
		wasi_path_done(p);
		if ((size_t)n > WASI_PATH_MAX)
			return WASI_ERRNO_NAMETOOLONG;
		if (++*links > SYMLOOP_MAX)
			return WASI_ERRNO_LOOP;
		if (n == 0)
			return WASI_ERRNO_NOENT;
		wasi_errno err =
		    replace_with_target(p, dir_part, target, (size_t)n);
		if (err)
			return err;
	}
}

wasi_errno wasi_path_resolve(const wasi_call *c, const wasi_fd *base,
                             uint32_t ptr, uint32_t len, bool follow,
                             wasi_path *out)
{
	out->dir = -1;
	out->owned = false;
	if (base->type != WASI_FILETYPE_DIRECTORY)
		return WASI_ERRNO_NOTDIR;
	wasi_errno err = wasi_copy_string(c, ptr, len, out->text);
	if (err)
		return err;
	if (len == 0)
		return WASI_ERRNO_NOENT;
	if (out->text[0] == '/')
		return WASI_ERRNO_NOTCAPABLE;
	int links = 0;
	err = resolve_text(base->host, out, follow, &links);
	if (err)
		wasi_path_done(out);
	return err;
}

void wasi_path_done(wasi_path *p)
{
	if (p->owned)
		close(p->dir);
	p->owned = false;
	p->dir = -1;
}
