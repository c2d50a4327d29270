/*
 * test_sandbox.c - attempts to leave a preopened directory, each of which
 * must fail without touching anything outside, and the legitimate paths
 * next to them that must keep working.  Everything runs twice: with
 * openat2 (where the kernel has it) and with the portable walk.
 *
 * Layout of the scratch directory:
 *   outside/secret           what must stay out of reach
 *   root/                    the preopen ("/")
 *   root/file                a regular file
 *   root/sub/                a directory
 *   root/sub/esc -> ../../outside
 *   root/sub/back -> ..      stays inside (root)
 *   root/abs -> /etc         absolute
 *   root/up -> ..            climbs above the root
 *   root/c1 -> c2, root/c2 -> sub/../../outside   a chain leaving
 *   root/dirlink -> ../outside   an intermediate directory outside
 *   root/inside -> sub       a symlink that stays inside
 *   root/loop -> loop        a loop
 */
#include "wasi_test.h"

#include <errno.h>

/* Every right but writing, which a directory refuses (EISDIR). */
static const uint64_t ALL = WASI_RIGHTS_ALL & ~WASI_RIGHT(FD_WRITE);
static char outside_dir[700];

static void build_tree(const char *top)
{
	char p[700];
	snprintf(p, sizeof p, "%s/outside", top);
	mkdir(p, 0777);
	snprintf(outside_dir, sizeof outside_dir, "%s", p);
	snprintf(p, sizeof p, "%s/outside/secret", top);
	close(open(p, O_CREAT | O_WRONLY, 0666));
	snprintf(p, sizeof p, "%s/root", top);
	mkdir(p, 0777);
	int root = open(p, O_RDONLY | O_DIRECTORY);
	close(openat(root, "file", O_CREAT | O_WRONLY, 0666));
	mkdirat(root, "sub", 0777);
	symlinkat("../../outside", root, "sub/esc");
	symlinkat("..", root, "sub/back");
	symlinkat("/etc", root, "abs");
	symlinkat("..", root, "up");
	symlinkat("c2", root, "c1");
	symlinkat("sub/../../outside", root, "c2");
	symlinkat("../outside", root, "dirlink");
	symlinkat("sub", root, "inside");
	symlinkat("loop", root, "loop");
	close(root);
}

/* Number of entries in outside/ (secret only, when nothing leaked). */
static int outside_entries(void)
{
	DIR *d = opendir(outside_dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static void escapes_by_open(fake *f)
{
	const uint32_t R = 3, FOLLOW = WASI_LOOKUP_SYMLINK_FOLLOW;
	check_case = "open";
	CHECK_ERR(t_try_open(f, R, 0, "../x", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "..", WASI_O_DIRECTORY, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "sub/../../x", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "sub/../../root/file", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "/etc/passwd", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "/", WASI_O_DIRECTORY, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "abs/passwd", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, FOLLOW, "abs", WASI_O_DIRECTORY, 0),
	          NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "up/root/file", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, FOLLOW, "up", WASI_O_DIRECTORY, 0),
	          NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "c1/secret", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, FOLLOW, "c1", WASI_O_DIRECTORY, 0),
	          NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "dirlink/secret", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "sub/esc/secret", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, FOLLOW, "sub/esc", WASI_O_DIRECTORY, 0),
	          NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "sub/back/../x", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, 0, "dirlink/new", WASI_O_CREAT,
	                     WASI_RIGHT(FD_WRITE)),
	          NOTCAPABLE);
	CHECK_ERR(t_try_open(f, R, FOLLOW, "loop", 0, 0), LOOP);
	CHECK_ERR(t_try_open(f, R, 0, "loop/x", 0, 0), LOOP);
	/* an embedded NUL would cut the path short on the host */
	uint32_t nul = g_alloc(f, 8), out = g_alloc(f, 4);
	memcpy(g_ptr(f, nul), "file\0x", 6);
	CHECK_ERR(
	    wasi_path_open(INST(f), I(R), 0, I(nul), 6, 0, 0, 0, 0, I(out)),
	    INVAL);
}

static void legitimate_paths(fake *f)
{
	const uint32_t R = 3, FOLLOW = WASI_LOOKUP_SYMLINK_FOLLOW;
	check_case = "inside";
	CHECK_OK(t_try_open(f, R, 0, "file", 0, WASI_RIGHT(FD_READ)));
	CHECK_OK(t_try_open(f, R, 0, "sub/../file", 0, 0));
	CHECK_OK(t_try_open(f, R, 0, "inside/../file", 0, 0));
	CHECK_OK(t_try_open(f, R, 0, "sub/back/file", 0, 0));
	CHECK_OK(t_try_open(f, R, 0, "./sub/./../sub//", 0, 0));
	CHECK_OK(t_try_open(f, R, 0, ".", WASI_O_DIRECTORY, 0));
	CHECK_OK(t_try_open(f, R, FOLLOW, "inside", WASI_O_DIRECTORY, 0));
	CHECK_OK(t_try_open(f, R, FOLLOW, "sub/back", WASI_O_DIRECTORY, 0));
	/* nofollow on a symlink: the link itself cannot be opened */
	CHECK_ERR2(t_try_open(f, R, 0, "inside", WASI_O_DIRECTORY, 0), NOTDIR,
	           LOOP);
	CHECK_ERR(t_try_open(f, R, 0, "inside", 0, 0), LOOP);
	CHECK_ERR(t_try_open(f, R, 0, "abs", 0, 0), LOOP);
	/* a trailing slash on a file means "must be a directory" */
	CHECK_ERR(t_try_open(f, R, 0, "file/", 0, 0), NOTDIR);
	CHECK_ERR(t_try_open(f, R, 0, "file//", 0, 0), NOTDIR);
	CHECK_ERR(t_stat(f, R, 0, "file/", NULL), NOTDIR);
	CHECK_ERR(t_unlink(f, R, "file/"), NOTDIR);
	CHECK_ERR(t_try_open(f, R, 0, "", 0, 0), NOENT);
	/* reading an escaping link's text is allowed: it is only text */
	uint32_t buf = g_alloc(f, 64), used = g_alloc(f, 4);
	CHECK_OK(wasi_path_readlink(INST(f), I(R), T_PATH(f, "abs"), I(buf), 64,
	                            I(used)));
	CHECK_EQ(g_u32(f, used), 4);
	CHECK(memcmp(g_ptr(f, buf), "/etc", 4) == 0);
}

static void escapes_by_other_calls(fake *f)
{
	const uint32_t R = 3, FOLLOW = WASI_LOOKUP_SYMLINK_FOLLOW;
	uint8_t type;
	check_case = "other calls";
	CHECK_ERR(t_stat(f, R, 0, "../root", NULL), NOTCAPABLE);
	CHECK_ERR(t_stat(f, R, FOLLOW, "dirlink", NULL), NOTCAPABLE);
	CHECK_ERR(t_stat(f, R, FOLLOW, "abs", NULL), NOTCAPABLE);
	CHECK_OK(t_stat(f, R, 0, "abs", &type)); /* the link itself */
	CHECK_EQ(type, WASI_FILETYPE_SYMBOLIC_LINK);
	CHECK_ERR(t_stat(f, R, 0, "dirlink/secret", NULL), NOTCAPABLE);
	CHECK_ERR(t_mkdir(f, R, "dirlink/new"), NOTCAPABLE);
	CHECK_ERR(t_mkdir(f, R, "../new"), NOTCAPABLE);
	CHECK_ERR(t_unlink(f, R, "../outside/secret"), NOTCAPABLE);
	CHECK_ERR(t_unlink(f, R, "dirlink/secret"), NOTCAPABLE);
	CHECK_ERR(t_unlink(f, R, "c1/secret"), NOTCAPABLE);
	CHECK_ERR(t_rmdir(f, R, "up/outside"), NOTCAPABLE);
	CHECK_ERR(t_rename(f, R, "file", R, "../stolen"), NOTCAPABLE);
	CHECK_ERR(t_rename(f, R, "file", R, "dirlink/stolen"), NOTCAPABLE);
	CHECK_ERR(t_rename(f, R, "dirlink/secret", R, "mine"), NOTCAPABLE);
	CHECK_ERR(t_link(f, R, 0, "file", R, "dirlink/x"), NOTCAPABLE);
	CHECK_ERR(t_link(f, R, FOLLOW, "c1", R, "x"), NOTCAPABLE);
	CHECK_ERR(t_symlink(f, "/etc/passwd", R, "new_abs"), NOTCAPABLE);
	CHECK_ERR(t_symlink(f, "x", R, "dirlink/new_link"), NOTCAPABLE);
	CHECK_ERR(wasi_path_filestat_set_times(INST(f), I(R), I(FOLLOW),
	                                       T_PATH(f, "abs"), 0, 0,
	                                       WASI_FST_MTIM_NOW),
	          NOTCAPABLE);
	CHECK_EQ(outside_entries(), 1);
}

/* The capability is the descriptor: `..` above a subdirectory fd is out
 * of reach even though the preopen above it is not. */
static void subdirectory_fd(fake *f)
{
	uint32_t sub;
	check_case = "subdirectory fd";
	CHECK_OK(t_open(f, 3, 0, "sub", WASI_O_DIRECTORY, ALL, ALL, 0, &sub));
	CHECK_ERR(t_try_open(f, sub, 0, "../file", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, sub, 0, "back/file", 0, 0), NOTCAPABLE);
	CHECK_ERR(t_try_open(f, sub, WASI_LOOKUP_SYMLINK_FOLLOW, "back",
	                     WASI_O_DIRECTORY, 0),
	          NOTCAPABLE);
	CHECK_OK(wasi_fd_close(INST(f), I(sub)));
}

static void run_all(fake *f)
{
	escapes_by_open(f);
	legitimate_paths(f);
	escapes_by_other_calls(f);
	subdirectory_fd(f);
	g_reset(f);
	check_case = NULL;
}

int main(void)
{
	const char *top = scratch_dir("sandbox");
	char root[700];
	build_tree(top);
	snprintf(root, sizeof root, "%s/root", top);
	wasi_ctx *ctx = ctx_with_dir(root, "/", 0, 1, 2);
	fake *f = fake_new(ctx, 1);
	run_all(f); /* openat2, where the kernel has it */
	wasi_sandbox_force_walk(true);
	run_all(f); /* the portable walk */
	wasi_sandbox_force_walk(false);
	fake_free(f);
	wasi_ctx_free(ctx);
	remove_tree(top);
	return check_report("wasi-sandbox");
}
