// RUN: dir
// Files in a directory given as the first argument: stdio and POSIX I/O,
// seeking (including past the end), appending, truncating, stat,
// directories listed with readdir (sorted: the order is the file
// system's), renaming, removing, and the errors for missing files.
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

/* The size of a regular file, -2 for a directory (whose size depends on
 * the file system), -1 when stat fails. */
static long long file_size(const char *name)
{
	struct stat st;
	if (stat(path(name), &st) != 0)
		return -1;
	return S_ISDIR(st.st_mode) ? -2 : (long long)st.st_size;
}

static void with_stdio(void)
{
	FILE *f = fopen(path("lines.txt"), "w");
	for (int i = 1; i <= 5; i++)
		fprintf(f, "line %d: %s\n", i, i % 2 ? "odd" : "even");
	fclose(f);
	f = fopen(path("lines.txt"), "r");
	char line[64];
	while (fgets(line, sizeof line, f))
		printf("read: %s", line);
	printf("eof %d\n", feof(f));
	fclose(f);

	f = fopen(path("lines.txt"), "r+");
	fseek(f, 5, SEEK_SET);
	fputs("ONE", f);
	fseek(f, -8, SEEK_END);
	fputs("EVEN", f);
	fseek(f, 0, SEEK_END);
	printf("ftell at end %ld\n", ftell(f));
	rewind(f);
	char all[256];
	size_t n = fread(all, 1, sizeof all - 1, f);
	all[n] = 0;
	printf("after edits (%zu bytes):\n%s", n, all);
	fclose(f);

	f = fopen(path("lines.txt"), "a");
	fputs("appended\n", f);
	fclose(f);
	printf("size after append %lld\n", file_size("lines.txt"));
}

static void with_posix(void)
{
	int fd = open(path("data.bin"), O_CREAT | O_RDWR | O_TRUNC, 0644);
	unsigned char block[10000];
	for (int i = 0; i < 10000; i++)
		block[i] = (unsigned char)(i * 31 + 7);
	printf("write %zd\n", write(fd, block, sizeof block));
	printf("lseek set %lld\n", (long long)lseek(fd, 1234, SEEK_SET));
	unsigned char got[16];
	printf("read %zd:", read(fd, got, sizeof got));
	for (int i = 0; i < 16; i++)
		printf(" %02x", got[i]);
	printf("\nlseek cur %lld\n", (long long)lseek(fd, 100, SEEK_CUR));
	ssize_t got_n = pread(fd, got, 4, 9998);
	printf("pread %zd first %02x\n", got_n, got[0]);
	printf("pwrite %zd\n", pwrite(fd, "PWRITE", 6, 20));
	/* A write past the end leaves a hole of zeros. */
	printf("lseek end+100 %lld\n", (long long)lseek(fd, 100, SEEK_END));
	printf("write %zd\n", write(fd, "tail", 4));
	printf("pread hole %zd:", pread(fd, got, 6, 10098));
	for (int i = 0; i < 6; i++)
		printf(" %02x", got[i]);
	printf("\n");
	struct stat st;
	fstat(fd, &st);
	printf("fstat size %lld regular %d\n", (long long)st.st_size,
	       S_ISREG(st.st_mode));
	printf("ftruncate %d\n", ftruncate(fd, 100));
	fstat(fd, &st);
	printf("size now %lld\n", (long long)st.st_size);
	lseek(fd, 16, SEEK_SET);
	printf("read %zd: %.6s\n", read(fd, got, 10), got + 4);
	close(fd);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *name)
{
	DIR *d = opendir(path(name));
	if (!d) {
		printf("opendir %s failed\n", name);
		return;
	}
	char *names[64];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 64)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof names[0], by_name);
	printf("%s has %d entries:", name, n);
	for (int i = 0; i < n; i++) {
		char rel[256];
		snprintf(rel, sizeof rel, "%s/%s", name, names[i]);
		printf(" %s(%lld)", names[i], file_size(rel));
		free(names[i]);
	}
	printf("\n");
}

static void directories(void)
{
	printf("mkdir %d\n", mkdir(path("sub"), 0755));
	int rc = mkdir(path("sub"), 0755);
	printf("mkdir again %d eexist %d\n", rc, errno == EEXIST);
	for (int i = 5; i >= 1; i--) {
		char name[32];
		snprintf(name, sizeof name, "sub/file%d", i);
		FILE *f = fopen(path(name), "w");
		for (int j = 0; j < i * 10; j++)
			fputc('a' + j % 26, f);
		fclose(f);
	}
	mkdir(path("sub/inner"), 0755);
	list("sub");
	struct stat st;
	stat(path("sub"), &st);
	printf("sub is dir %d\n", S_ISDIR(st.st_mode));
	printf("rename %d\n", rename(path("sub/file3"), path("sub/renamed")));
	printf("unlink %d\n", unlink(path("sub/file1")));
	rc = unlink(path("sub/file1"));
	printf("unlink missing %d enoent %d\n", rc, errno == ENOENT);
	printf("access renamed %d\n", access(path("sub/renamed"), F_OK));
	rc = rmdir(path("sub"));
	printf("rmdir non-empty %d enotempty %d\n", rc, errno == ENOTEMPTY);
	printf("rmdir inner %d\n", rmdir(path("sub/inner")));
	list("sub");
	FILE *missing = fopen(path("nope/x"), "r");
	printf("fopen missing %s enoent %d\n", missing ? "opened" : "null",
	       errno == ENOENT);
	printf("opendir missing %s\n",
	       opendir(path("nope")) ? "opened" : "null");
	list(".");
}

static void relative(void)
{
	/* After chdir, relative names resolve inside the directory. */
	printf("chdir %d\n", chdir(base));
	FILE *f = fopen("relative.txt", "w");
	fputs("relative contents\n", f);
	fclose(f);
	f = fopen("sub/renamed", "r");
	char buf[64] = {0};
	fgets(buf, sizeof buf, f);
	fclose(f);
	printf("sub/renamed: %s\n", buf);
	printf("relative.txt size %lld\n", file_size("relative.txt"));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: files DIR\n");
		return 2;
	}
	base = argv[1];
	with_stdio();
	with_posix();
	directories();
	relative();
	return 0;
}
