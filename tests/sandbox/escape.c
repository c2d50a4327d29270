/*
 * escape.c - a WASI program that tries every way out of its preopened
 * directory /sandbox and prints, for each attempt, "refused" or "ESCAPED".
 * run_escape.py prepares the directory (symlinks pointing outside) and
 * checks that nothing escaped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int escaped;

static void report(const char *what, int ok)
{
	printf("%-40s %s\n", what, ok ? "ESCAPED" : "refused");
	escaped += ok;
}

/* Opening a path for reading must fail. */
static void try_open(const char *path)
{
	int fd = open(path, O_RDONLY);
	char what[256];
	snprintf(what, sizeof what, "open %s", path);
	report(what, fd >= 0);
	if (fd >= 0)
		close(fd);
}

/* Creating a file must fail. */
static void try_create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	char what[256];
	snprintf(what, sizeof what, "create %s", path);
	report(what, fd >= 0);
	if (fd >= 0)
		close(fd);
}

static void try_stat(const char *path)
{
	struct stat st;
	char what[256];
	snprintf(what, sizeof what, "stat %s", path);
	report(what, stat(path, &st) == 0);
}

static void try_opendir(const char *path)
{
	DIR *d = opendir(path);
	char what[256];
	snprintf(what, sizeof what, "opendir %s", path);
	report(what, d != NULL);
	if (d)
		closedir(d);
}

int main(void)
{
	/* Inside the sandbox things work, so refusals are not blanket. */
	int fd =
	    open("/sandbox/inside.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	printf("%-40s %s\n", "create /sandbox/inside.txt",
	       fd >= 0 ? "ok" : "FAILED");
	if (fd >= 0)
		close(fd);
	try_open("/sandbox/../outside.txt");
	try_open("/sandbox/sub/../../outside.txt");
	try_open("/etc/passwd");
	try_open("/sandbox/link-to-outside-file");
	try_open("/sandbox/link-to-root/etc/passwd");
	try_open("/sandbox/link-to-parent/outside.txt");
	try_open("/sandbox/chain1/outside.txt");
	try_open("/sandbox/sub/link-up-two/outside.txt");
	try_create("/sandbox/../created-outside.txt");
	try_create("/sandbox/link-to-parent/created-outside.txt");
	try_create("/sandbox/dangling-outside");
	try_stat("/sandbox/link-to-root/etc");
	try_opendir("/sandbox/link-to-parent");
	try_opendir("/sandbox/..");
	report("symlink to /etc then open",
	       symlink("/etc", "/sandbox/newlink") == 0 &&
	           open("/sandbox/newlink/passwd", O_RDONLY) >= 0);
	report("rename into parent",
	       rename("/sandbox/inside.txt", "/sandbox/../moved.txt") == 0);
	printf("escaped: %d\n", escaped);
	return escaped ? 1 : 0;
}
