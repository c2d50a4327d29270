// RUN: dir
// More file-system behaviour in a directory given as the first argument:
// a directory of 600 entries read with readdir (several reads of the
// underlying directory stream) and rewinddir, 64-bit offsets (a sparse
// file past 4 GiB), timestamps set and read back, hard and symbolic links,
// open flags and their errors, renaming over a file, growing with
// ftruncate, fsync, isatty.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *base;

static const char *path(const char *name)
{
	static char buf[4][512];
	static int turn;
	char *p = buf[turn++ & 3];
	snprintf(p, sizeof buf[0], "%s/%s", base, name);
	return p;
}

static void touch(const char *name, const char *text)
{
	int fd = open(path(name), O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0) {
		printf("cannot create %s\n", name);
		return;
	}
	write(fd, text, strlen(text));
	close(fd);
}

static void many_entries(void)
{
	mkdir(path("many"), 0755);
	char name[64];
	for (int i = 0; i < 600; i++) {
		snprintf(name, sizeof name,
		         "many/entry-with-a-longish-name-%04d", i);
		touch(name, "");
	}
	DIR *d = opendir(path("many"));
	int count = 0, dots = 0;
	long long sum = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
			dots++;
			continue;
		}
		count++;
		sum += atoi(e->d_name + strlen("entry-with-a-longish-name-"));
	}
	printf("readdir: %d entries (index sum %lld), %d dot entries\n", count,
	       sum, dots);
	rewinddir(d);
	int again = 0;
	while ((e = readdir(d)))
		again += e->d_name[0] != '.';
	printf("after rewinddir: %d entries\n", again);
	closedir(d);
}

static void big_offsets(void)
{
	int fd = open(path("sparse"), O_CREAT | O_RDWR | O_TRUNC, 0644);
	long long far = 5LL << 30;
	printf("lseek 5 GiB: %lld\n", (long long)lseek(fd, far, SEEK_SET));
	printf("write: %zd\n", write(fd, "x", 1));
	struct stat st;
	fstat(fd, &st);
	printf("size %lld\n", (long long)st.st_size);
	char c = 0;
	printf("pread at 5 GiB: %zd '%c'\n", pread(fd, &c, 1, far), c);
	printf("lseek end -1: %lld\n", (long long)lseek(fd, -1, SEEK_END));
	printf("ftruncate to 10: %d\n", ftruncate(fd, 10));
	fstat(fd, &st);
	printf("size %lld\n", (long long)st.st_size);
	close(fd);
}

static void timestamps(void)
{
	touch("stamped", "time");
	struct timespec times[2] = {{1000000000, 123456789}, {1234567890, 500}};
	printf("utimensat: %d\n",
	       utimensat(AT_FDCWD, path("stamped"), times, 0));
	struct stat st;
	stat(path("stamped"), &st);
	printf("atime %lld.%09ld mtime %lld.%09ld\n",
	       (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	       (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	int fd = open(path("stamped"), O_RDWR);
	/* Only the access time is omitted: Debian's wasi-libc (2022-05)
	 * rejects UTIME_OMIT for the modification time with EINVAL, and
	 * reads through a NULL times pointer, whatever the host. */
	struct timespec later[2] = {{0, UTIME_OMIT}, {2000000000, 0}};
	printf("futimens: %d\n", futimens(fd, later));
	fstat(fd, &st);
	printf("atime %lld mtime %lld\n", (long long)st.st_atim.tv_sec,
	       (long long)st.st_mtim.tv_sec);
	close(fd);
}

static void links(void)
{
	touch("original", "linked contents");
	printf("link: %d\n", link(path("original"), path("hard")));
	struct stat st;
	stat(path("original"), &st);
	printf("nlink %lld\n", (long long)st.st_nlink);
	printf("symlink: %d\n", symlink("original", path("soft")));
	char target[64] = {0};
	ssize_t n = readlink(path("soft"), target, sizeof target - 1);
	printf("readlink: %zd [%s]\n", n, n > 0 ? target : "");
	lstat(path("soft"), &st);
	printf("lstat is link %d\n", S_ISLNK(st.st_mode));
	stat(path("soft"), &st);
	printf("stat through link: regular %d size %lld\n", S_ISREG(st.st_mode),
	       (long long)st.st_size);
	printf("unlink original: %d\n", unlink(path("original")));
	stat(path("hard"), &st);
	printf("hard link survives: size %lld nlink %lld\n",
	       (long long)st.st_size, (long long)st.st_nlink);
	int fd = open(path("soft"), O_RDONLY);
	int err = errno;
	printf("open dangling link: %s enoent %d\n", fd < 0 ? "fails" : "opens",
	       fd < 0 && err == ENOENT);
}

static void flags(void)
{
	touch("exists", "abc");
	int fd = open(path("exists"), O_CREAT | O_EXCL | O_WRONLY, 0644);
	int err = errno;
	printf("O_EXCL on existing: %d eexist %d\n", fd, err == EEXIST);
	fd = open(path("exists"), O_RDONLY | O_DIRECTORY);
	err = errno;
	printf("O_DIRECTORY on file: %d enotdir %d\n", fd, err == ENOTDIR);
	fd = open(path("missing"), O_RDONLY);
	err = errno;
	printf("open missing: %d enoent %d\n", fd, err == ENOENT);
	fd = open(path("exists"), O_WRONLY | O_APPEND);
	write(fd, "def", 3);
	lseek(fd, 0, SEEK_SET);
	write(fd, "ghi", 3);
	close(fd);
	fd = open(path("exists"), O_RDONLY);
	char buf[16] = {0};
	read(fd, buf, sizeof buf - 1);
	printf("after O_APPEND writes: %s\n", buf);
	printf("fsync: %d\n", fsync(fd));
	close(fd);
	fd = open(path("many"), O_RDONLY | O_DIRECTORY);
	ssize_t r = read(fd, buf, 4);
	err = errno;
	/* POSIX says EISDIR; WASI hosts refuse the read right on a directory
	 * descriptor instead (EBADF), as Node's WASI does too. */
	printf("read on a directory: %zd eisdir or ebadf %d\n", r,
	       r < 0 && (err == EISDIR || err == EBADF));
	close(fd);
	fd = open(path("exists"), O_RDWR | O_TRUNC);
	struct stat st;
	fstat(fd, &st);
	printf("O_TRUNC size %lld\n", (long long)st.st_size);
	ftruncate(fd, 3000);
	fstat(fd, &st);
	pread(fd, buf, 4, 2990);
	printf("grown to %lld, tail bytes %d %d %d %d\n", (long long)st.st_size,
	       buf[0], buf[1], buf[2], buf[3]);
	close(fd);
}

static void renames(void)
{
	touch("from", "new text");
	touch("to", "old text, longer");
	printf("rename over: %d\n", rename(path("from"), path("to")));
	FILE *f = fopen(path("to"), "r");
	char buf[32] = {0};
	fgets(buf, sizeof buf, f);
	fclose(f);
	printf("to: %s; from exists %d\n", buf,
	       access(path("from"), F_OK) == 0);
	mkdir(path("d1"), 0755);
	touch("d1/inside", "x");
	printf("rename dir: %d\n", rename(path("d1"), path("d2")));
	printf("moved file exists %d\n", access(path("d2/inside"), R_OK) == 0);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	base = argv[1];
	printf("isatty stdout %d\n", isatty(1));
	many_entries();
	big_offsets();
	timestamps();
	links();
	flags();
	renames();
	printf("chdir %d\n", chdir(base));
	char cwd[512];
	printf("getcwd matches argument %d\n",
	       getcwd(cwd, sizeof cwd) && !strcmp(cwd, base));
	return 0;
}
