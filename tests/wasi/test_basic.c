/*
 * test_basic.c - the context and its configuration: argument and
 * environment layout, clocks, randomness, the errno table, the item
 * format of compiled executables (README.md), setup errors, and the
 * allocation failure paths of wasi_ctx_new.
 */
#include "wasi_test.h"

#include <errno.h>

static void args_and_environ(void)
{
	const char *argv[] = {"prog", "the \"second\" arg", ""};
	const char *env[] = {"a=text", "b=new\nline"};
	wasi_config config;
	check_case = "args";
	wasi_config_init(&config);
	config.argc = 3;
	config.argv = argv;
	config.nenv = 2;
	config.env = env;
	wasi_ctx *ctx = wasi_ctx_new(&config, NULL);
	fake *f = fake_new(ctx, 1);
	uint32_t n = g_alloc(f, 4), size = g_alloc(f, 4);
	CHECK_OK(wasi_args_sizes_get(INST(f), I(n), I(size)));
	CHECK_EQ(g_u32(f, n), 3);
	CHECK_EQ(g_u32(f, size), 5 + 17 + 1);
	uint32_t vec = g_alloc(f, 12), buf = g_alloc(f, 23);
	CHECK_OK(wasi_args_get(INST(f), I(vec), I(buf)));
	CHECK_EQ(g_u32(f, vec), buf);
	CHECK_EQ(g_u32(f, vec + 4), buf + 5);
	CHECK_EQ(g_u32(f, vec + 8), buf + 22);
	CHECK(memcmp(g_ptr(f, buf), "prog\0the \"second\" arg\0\0", 23) == 0);
	/* the last byte of each region must fit */
	CHECK_ERR(wasi_args_get(INST(f), I(vec), I(fake_end(f) - 22)), FAULT);
	CHECK_OK(wasi_args_get(INST(f), I(vec), I(fake_end(f) - 23)));
	CHECK_ERR(wasi_args_get(INST(f), I(fake_end(f) - 8), I(buf)), FAULT);
	CHECK_ERR(wasi_args_sizes_get(INST(f), I(n), I(fake_end(f) - 3)),
	          FAULT);

	check_case = "environ";
	CHECK_OK(wasi_environ_sizes_get(INST(f), I(n), I(size)));
	CHECK_EQ(g_u32(f, n), 2);
	CHECK_EQ(g_u32(f, size), 7 + 11);
	CHECK_OK(wasi_environ_get(INST(f), I(vec), I(buf)));
	CHECK_EQ(g_u32(f, vec + 4), buf + 7);
	CHECK(memcmp(g_ptr(f, buf), "a=text\0b=new\nline\0", 18) == 0);
	CHECK_ERR(wasi_environ_get(INST(f), I(0xFFFFFFFF), I(buf)), FAULT);
	fake_free(f);
	wasi_ctx_free(ctx);
}

static void clocks_and_random(void)
{
	wasi_ctx *ctx = ctx_with_dir(NULL, NULL, 0, 1, 2);
	fake *f = fake_new(ctx, 1);
	uint32_t t = g_alloc(f, 8);
	check_case = "clocks";
	for (uint32_t id = 0; id < 4; id++) {
		CHECK_OK(wasi_clock_res_get(INST(f), I(id), I(t)));
		CHECK(g_u64(f, t) > 0);
		CHECK_OK(wasi_clock_time_get(INST(f), I(id), 0, I(t)));
	}
	CHECK_OK(wasi_clock_time_get(INST(f), WASI_CLOCK_REALTIME, 1, I(t)));
	CHECK(g_u64(f, t) > UINT64_C(1600000000) * 1000000000u);
	uint64_t m1, m2;
	CHECK_OK(wasi_clock_time_get(INST(f), WASI_CLOCK_MONOTONIC, 0, I(t)));
	m1 = g_u64(f, t);
	CHECK_OK(wasi_clock_time_get(INST(f), WASI_CLOCK_MONOTONIC, 0, I(t)));
	m2 = g_u64(f, t);
	CHECK(m2 >= m1);
	CHECK_ERR(wasi_clock_time_get(INST(f), 4, 0, I(t)), INVAL);
	CHECK_ERR(wasi_clock_res_get(INST(f), -1, I(t)), INVAL);
	CHECK_ERR(wasi_clock_time_get(INST(f), 0, 0, I(fake_end(f) - 7)),
	          FAULT);

	check_case = "random";
	uint32_t buf = g_alloc(f, 4096);
	CHECK_OK(wasi_random_get(INST(f), I(buf), 4096));
	int nonzero = 0;
	for (int i = 0; i < 4096; i++)
		nonzero += g_ptr(f, buf)[i] != 0;
	CHECK(nonzero > 3000);
	CHECK_OK(wasi_random_get(INST(f), I(fake_end(f)), 0));
	CHECK_ERR(wasi_random_get(INST(f), I(fake_end(f) - 10), 11), FAULT);
	CHECK_OK(wasi_random_get(INST(f), I(fake_end(f) - 10), 10));
	fake_free(f);
	wasi_ctx_free(ctx);
}

static void errno_table(void)
{
	check_case = "errno";
	CHECK_EQ(wasi_errno_from_host(EBADF), WASI_ERRNO_BADF);
	CHECK_EQ(wasi_errno_from_host(ENOENT), 44);
	CHECK_EQ(wasi_errno_from_host(EXDEV), 75);
	CHECK_EQ(wasi_errno_from_host(EWOULDBLOCK), WASI_ERRNO_AGAIN);
	CHECK_EQ(wasi_errno_from_host(EOPNOTSUPP), WASI_ERRNO_NOTSUP);
	CHECK_EQ(wasi_errno_from_host(ENOTTY), 59);
	CHECK_EQ(wasi_errno_from_host(0x7fff), WASI_ERRNO_IO);
	CHECK_EQ(WASI_ERRNO_FAULT, 21);
	CHECK_EQ(WASI_ERRNO_NOTCAPABLE, 76);
	CHECK(strcmp(wasi_errno_name(WASI_ERRNO_NOTCAPABLE), "NOTCAPABLE") ==
	      0);
	CHECK(strcmp(wasi_errno_name(1), "2BIG") == 0);
	CHECK(strcmp(wasi_errno_name(77), "UNKNOWN") == 0);
	CHECK_EQ(WASI_RIGHT(SOCK_ACCEPT), UINT64_C(1) << 29);
	CHECK_EQ(WASI_RIGHT(PATH_UNLINK_FILE), UINT64_C(1) << 26);
}

/* Reads guest fd `fd`'s preopen name into name[]. */
static bool preopen_name(fake *f, uint32_t fd, char *name, size_t n)
{
	uint32_t st = g_alloc(f, 8), buf = g_alloc(f, 256);
	if (wasi_fd_prestat_get(INST(f), I(fd), I(st)) != 0)
		return false;
	uint32_t len = g_u32(f, st + 4);
	if (len >= n ||
	    wasi_fd_prestat_dir_name(INST(f), I(fd), I(buf), I(len)) != 0)
		return false;
	memcpy(name, g_ptr(f, buf), len);
	name[len] = 0;
	return true;
}

/* The environment of a context as one string "A=1;B=2;". */
static void env_of(fake *f, char *out, size_t n)
{
	uint32_t cnt = g_alloc(f, 4), size = g_alloc(f, 4);
	wasi_environ_sizes_get(INST(f), I(cnt), I(size));
	uint32_t vec = g_alloc(f, 4 * g_u32(f, cnt) + 4);
	uint32_t buf = g_alloc(f, g_u32(f, size) + 1);
	wasi_environ_get(INST(f), I(vec), I(buf));
	out[0] = 0;
	for (uint32_t i = 0; i < g_u32(f, cnt); i++) {
		strncat(out, (char *)g_ptr(f, g_u32(f, vec + 4 * i)),
		        n - strlen(out) - 1);
		strncat(out, ";", n - strlen(out) - 1);
	}
}

static void option_items(const char *dir)
{
	char compiled[2048], runtime[2048], name[700], env[256];
	w2n_rt_error why;
	char *argv[] = {"prog", "x", NULL};
	check_case = "options";
	/* compiled: NUL-separated, ending with an empty item */
	int len = snprintf(compiled, sizeof compiled,
	                   "--dir=%s::/data%c--env=A=1%c--env=B=2%c--dir=%s%c",
	                   dir, 0, 0, 0, dir, 0);
	compiled[len] = 0;
	snprintf(runtime, sizeof runtime,
	         "  --env=B=two\\ words --dir=%s::/data\t--env=W2N_TEST_HOME "
	         "--env=W2N_TEST_UNSET --dir=%s::/x ",
	         dir, dir);
	setenv("W2N_TEST_HOME", "/home/h", 1);
	unsetenv("W2N_TEST_UNSET");
	wasi_ctx *ctx = wasi_ctx_from_options(2, argv, compiled, runtime, &why);
	CHECK(ctx != NULL);
	if (!ctx) {
		fprintf(stderr, "    %s\n", why.message);
		return;
	}
	fake *f = fake_new(ctx, 1);
	CHECK(preopen_name(f, 3, name, sizeof name) &&
	      strcmp(name, "/data") == 0);
	CHECK(preopen_name(f, 4, name, sizeof name) && strcmp(name, dir) == 0);
	CHECK(preopen_name(f, 5, name, sizeof name) && strcmp(name, "/x") == 0);
	CHECK(!preopen_name(f, 6, name, sizeof name));
	env_of(f, env, sizeof env);
	CHECK(strcmp(env, "A=1;B=two words;W2N_TEST_HOME=/home/h;") == 0);
	uint32_t n = g_alloc(f, 4), size = g_alloc(f, 4);
	CHECK_OK(wasi_args_sizes_get(INST(f), I(n), I(size)));
	CHECK_EQ(g_u32(f, n), 2);
	fake_free(f);
	wasi_ctx_free(ctx);
}

/* One setup that must fail with a message containing `want`. */
static void setup_fails(const char *compiled, const char *runtime,
                        const char *want)
{
	w2n_rt_error why = {.message = ""};
	char *argv[] = {"prog", NULL};
	wasi_ctx *ctx = wasi_ctx_from_options(1, argv, compiled, runtime, &why);
	if (!CHECK(ctx == NULL && strstr(why.message, want) != NULL))
		fprintf(stderr, "    why: \"%s\", want \"%s\"\n", why.message,
		        want);
	CHECK_EQ(why.kind, W2N_RT_ERROR_HOST);
	wasi_ctx_free(ctx);
}

static void option_errors(const char *dir)
{
	char file[700], bad[800];
	check_case = "option errors";
	snprintf(file, sizeof file, "%s/plain", dir);
	close(open(file, O_CREAT | O_WRONLY, 0666));
	setup_fails(NULL, "--dir=/nonexistent/w2n", "No such file");
	snprintf(bad, sizeof bad, "--dir=%s::/f", file);
	setup_fails(NULL, bad, "not a directory");
	setup_fails(NULL, "--mapdir=x", "unknown item '--mapdir=x'");
	setup_fails(NULL, "--env==x", "--env needs a NAME");
	setup_fails(NULL, "--dir=::/guest", "bad --dir");
	setup_fails("--bogus\0", NULL, "compiled-in WASI configuration");
	unlink(file);
}

/* Every allocation of wasi_ctx_new can fail: a message, no leak. */
static void allocation_failures(const char *dir)
{
	const char *argv[] = {"prog", "arg"};
	const char *env[] = {"A=1"};
	wasi_preopen pre[] = {{dir, "/"}, {dir, "/b"}};
	wasi_config config;
	check_case = "allocation failures";
	wasi_config_init(&config);
	config.argc = 2;
	config.argv = argv;
	config.nenv = 1;
	config.env = env;
	config.npreopens = 2;
	config.preopens = pre;
	int failures = 0;
	for (long n = 0; n < 64; n++) {
		w2n_rt_error why;
		w2n_rt_alloc_fail_after(n);
		wasi_ctx *ctx = wasi_ctx_new(&config, &why);
		w2n_rt_alloc_fail_after(-1);
		if (!ctx) {
			failures++;
			CHECK_STR(why.message, "out of memory");
			CHECK_EQ(why.kind, W2N_RT_ERROR_RESOURCE);
			continue;
		}
		wasi_ctx_free(ctx);
		break;
	}
	CHECK(failures > 5);
}

int main(void)
{
	const char *dir = scratch_dir("basic");
	char copy[600];
	snprintf(copy, sizeof copy, "%s", dir);
	args_and_environ();
	clocks_and_random();
	errno_table();
	option_items(copy);
	option_errors(copy);
	allocation_failures(copy);
	remove_tree(copy);
	return check_report("wasi-basic");
}
