/*
 * test_load.c - w2n_module_load refuses what is not a plugin for this
 * runtime with one line (W2N_ERROR_LOAD) and without mapping the file.
 * Besides the files named on the command line, it crafts copies of a
 * good plugin in WORK: one whose note names another target, one whose
 * note names another runtime ABI, one truncated.
 *
 * usage: embed_test_load GOOD_PLUGIN WORK [PATH|EXPECTED-TEXT]...
 */
#include <stdlib.h>

#include "../check.h"
#include "wasm2native.h"

static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *p = n > 0 ? malloc((size_t)n) : NULL;
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	fclose(f);
	*len = p ? (size_t)n : 0;
	return p;
}

static bool write_all(const char *path, const unsigned char *p, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(p, 1, len, f) == len;
	return (f ? fclose(f) == 0 : false) && ok;
}

/* Whether `path` is mapped into this process. */
static bool mapped(const char *path)
{
	char real[4096], line[8192];
	FILE *maps = fopen("/proc/self/maps", "r");
	bool found = false;
	if (!maps || !realpath(path, real))
		return maps ? fclose(maps), false : false;
	while (!found && fgets(line, sizeof line, maps)) {
		char *name = strchr(line, '/'); /* the mapping's file */
		line[strcspn(line, "\n")] = '\0';
		found = name && strcmp(name, real) == 0;
	}
	fclose(maps);
	return found;
}

static void expect_refused(const char *path, const char *text)
{
	w2n_error err;
	w2n_module *m = w2n_module_load(path, &err);
	if (!CHECK(!m)) {
		fprintf(stderr, "    %s was loaded\n", path);
		w2n_module_free(m);
		return;
	}
	CHECK_EQ(err.kind, W2N_ERROR_LOAD);
	CHECK(!strchr(err.message, '\n'));
	if (!CHECK(strstr(err.message, text)))
		fprintf(stderr, "    \"%s\" lacks \"%s\"\n", err.message, text);
	CHECK(!mapped(path));
	printf("refused: %s\n", err.message);
}

/* A copy of the plugin with `from` in its note replaced by `to` (of the
 * same length), refused with `text`. */
static void crafted(const unsigned char *plugin, size_t len, const char *work,
                    const char *name, const char *from, const char *to,
                    const char *text)
{
	char path[4096];
	unsigned char *copy = malloc(len);
	size_t n = strlen(from);
	if (!CHECK(copy && strlen(to) == n))
		return;
	memcpy(copy, plugin, len);
	unsigned char *hit = NULL;
	for (size_t i = 0; !hit && i + n <= len; i++)
		if (memcmp(copy + i, from, n) == 0)
			hit = copy + i;
	snprintf(path, sizeof path, "%s/%s", work, name);
	if (CHECK(hit)) {
		memcpy(hit, to, n);
		if (CHECK(write_all(path, copy, len)))
			expect_refused(path, text);
	}
	free(copy);
}

/* "\ntarget ARCH-" of the host's triple, and the same with another
 * architecture of the same length. */
static void other_target(const char *triple, char *from, char *to, size_t n)
{
	size_t arch = strcspn(triple, "-");
	char other[16] = "zzzzzzzzzzzzzzz";
	if (arch == 6)
		memcpy(other, "mips64", 7);
	else if (arch == 7)
		memcpy(other, "sparc64", 8);
	else if (arch < sizeof other)
		other[arch] = '\0';
	snprintf(from, n, "\ntarget %.*s-", (int)arch, triple);
	snprintf(to, n, "\ntarget %s-", other);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: embed_test_load GOOD_PLUGIN WORK "
		                "[PATH|TEXT]...\n");
		return 2;
	}
	w2n_error err;
	w2n_module *good = w2n_module_load(argv[1], &err);
	char from[64] = "", to[64] = "";
	if (CHECK(good)) {
		CHECK(mapped(argv[1])); /* so that !mapped() means something */
		w2n_module_info info;
		w2n_module_describe(good, &info);
		other_target(info.target, from, to, sizeof from);
	} else {
		fprintf(stderr, "    %s\n", err.message);
	}
	w2n_module_free(good);
	size_t len = 0;
	unsigned char *plugin = read_all(argv[1], &len);
	if (CHECK(plugin)) {
		crafted(plugin, len, argv[2], "other-target.so", from, to,
		        "this host is");
		/* The ABI number with its last digit changed. */
		char abi[32], other_abi[32];
		snprintf(abi, sizeof abi, "\nabi %u\n", w2n_abi_version());
		memcpy(other_abi, abi, sizeof abi);
		size_t last = strlen(abi) - 2;
		other_abi[last] = abi[last] == '9' ? '8' : '9';
		crafted(plugin, len, argv[2], "other-abi.so", abi, other_abi,
		        "built for runtime ABI");
		char path[4096];
		snprintf(path, sizeof path, "%s/truncated.so", argv[2]);
		if (CHECK(write_all(path, plugin, len < 200 ? len : 200)))
			expect_refused(path, "truncated.so: ");
	}
	free(plugin);
	for (int i = 3; i < argc; i++) {
		char *sep = strchr(argv[i], '|');
		if (!CHECK(sep))
			continue;
		*sep = '\0';
		expect_refused(argv[i], sep + 1);
	}
	return check_report("embed-load");
}
