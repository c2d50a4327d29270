/*
 * test_alloc.c - allocation failure injection (STYLE.md section 5).  For
 * n = 0, 1, 2, ... a forked child makes the allocation after the first n
 * fail (w2n_alloc_fail_after) and loads a module with the frontend.  Each
 * child must either finish the load with the right result, or end through
 * the one out-of-memory exit: status 1 and exactly the message
 * "wasm2native: error: out of memory".  Never a signal, never other
 * output.  The loop stops at the first n whose child finishes.
 */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "diag_check.h"
#include "frontend.h"
#include "modbuf.h"

#define OK W2N_DIAG_COUNT

enum {
	CHILD_DONE = 0,  /* the load finished with the expected result */
	CHILD_OOM = 1,   /* w2n_xmalloc's exit */
	CHILD_WRONG = 2, /* the load finished with another result */
	MAX_ALLOCS = 100000,
};

static const char oom_message[] = "wasm2native: error: out of memory\n";

/* In the child: the load, with the n-th allocation failing. */
static int child_load(const modbuf *b, long n, w2n_diag_code want)
{
	w2n_diags d = {.file = "alloc"};
	w2n_alloc_fail_after(n);
	ir_module *m = w2n_frontend_load(b->bytes, b->len, &d);
	bool done =
	    want == OK ? m && !d.first : !m && d.first && d.first->code == want;
	ir_module_free(m);
	w2n_diags_free(&d);
	return done ? CHILD_DONE : CHILD_WRONG;
}

/* Reads the child's stderr to the end into buf (truncated to cap - 1). */
static size_t read_all(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	for (;;) {
		char scratch[256];
		ssize_t got = read(fd, scratch, sizeof scratch);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		for (ssize_t i = 0; i < got && n + 1 < cap; i++)
			buf[n++] = scratch[i];
	}
	buf[n] = '\0';
	return n;
}

/* Runs one child; returns its exit status, or -1 after a failed check. */
static int run_child(const modbuf *b, long n, w2n_diag_code want)
{
	int fds[2];
	if (!CHECK(pipe(fds) == 0))
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (!CHECK(pid >= 0))
		return -1;
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDERR_FILENO);
		close(fds[1]);
		exit(child_load(b, n, want));
	}
	close(fds[1]);
	char err[4096];
	read_all(fds[0], err, sizeof err);
	close(fds[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!CHECK(WIFEXITED(status))) {
		fprintf(stderr, "    n=%ld: signal %d\n", n,
		        WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		return -1;
	}
	int code = WEXITSTATUS(status);
	bool ok = code == CHILD_DONE
	              ? err[0] == '\0'
	              : code == CHILD_OOM && strcmp(err, oom_message) == 0;
	if (!CHECK(ok)) {
		fprintf(stderr, "    n=%ld: exit %d, stderr: %s\n", n, code,
		        err);
		return -1;
	}
	return code;
}

/* Fails allocation 0, 1, 2, ... until a load gets through. */
static void sweep(const char *name, const modbuf *b, w2n_diag_code want)
{
	long n;
	check_context(name);
	for (n = 0; n < MAX_ALLOCS; n++) {
		int code = run_child(b, n, want);
		if (code != CHILD_OOM)
			break;
	}
	CHECK(n > 0 && n < MAX_ALLOCS);
	printf("%s: %ld injected failures before the load finished\n", name, n);
}

static void build_types_imports(modbuf *b)
{
	size_t s = mb_section(b, SEC_TYPE);
	MB(b, 3, 0x60, 0, 0, 0x60, 1, 0x7F, 1, 0x7F, 0x60, 2, 0x7F, 0x7E, 0);
	mb_end(b, s);
	s = mb_section(b, SEC_IMPORT);
	MB(b, 2);
	mb_name(b, "env"), mb_name(b, "f"), MB(b, 0, 1);
	mb_name(b, "env"), mb_name(b, "g"), MB(b, 3, 0x7F, 0);
	mb_end(b, s);
	s = mb_section(b, SEC_FUNCTION);
	MB(b, 3, 1, 0, 2);
	mb_end(b, s);
	s = mb_section(b, SEC_TABLE);
	MB(b, 1, 0x70, 0, 4);
	mb_end(b, s);
	s = mb_section(b, SEC_MEMORY);
	MB(b, 1, 1, 1, 2);
	mb_end(b, s);
	s = mb_section(b, SEC_GLOBAL);
	MB(b, 2, 0x7F, 1, 0x23, 0, 0x0B, 0x70, 0, 0xD2, 2, 0x0B);
	mb_end(b, s);
	s = mb_section(b, SEC_EXPORT);
	MB(b, 3);
	mb_name(b, "a"), MB(b, 0, 1);
	mb_name(b, "mem"), MB(b, 2, 0);
	mb_name(b, "b"), MB(b, 0, 2);
	mb_end(b, s);
}

/* Function 1: [i32] -> [i32] with blocks, a loop, br_table, memory and
 * table access; functions 2 and 3 small; `bad` breaks function 3. */
static void build_code(modbuf *b, bool bad)
{
	size_t s = mb_section(b, SEC_ELEMENT);
	MB(b, 2, 0, 0x41, 0, 0x0B, 2, 1, 2, 1, 0x00, 1, 3);
	mb_end(b, s);
	s = mb_section(b, SEC_DATA_COUNT);
	MB(b, 2);
	mb_end(b, s);
	s = mb_section(b, SEC_CODE);
	MB(b, 3);
	size_t f = mb_begin(b);
	MB(b, 1, 2, 0x7E, 0x02, 0x7F, 0x03, 0x40, 0x20, 0, 0x0D, 0, 0x0B, 0x20,
	   0, 0x20, 0, 0x0E, 2, 0, 1, 0, 0x41, 0, 0x28, 2, 0, 0x41, 0, 0x41, 0,
	   0x41, 0, 0xFC, 0x08, 1, 0, 0xFC, 0x09, 1, 0x41, 0, 0x25, 0, 0x1A,
	   0x0B, 0x0B);
	mb_end(b, f);
	f = mb_begin(b);
	MB(b, 0, 0x41, 1, 0x10, 0, 0x1A, 0x0B);
	mb_end(b, f);
	f = mb_begin(b);
	if (bad)
		MB(b, 0, 0x41, 0, 0x0B); /* leaves a value behind */
	else
		MB(b, 0, 0xD2, 1, 0x1A, 0x0B);
	mb_end(b, f);
	mb_end(b, s);
	s = mb_section(b, SEC_DATA);
	MB(b, 2, 0, 0x41, 8, 0x0B, 2, 'h', 'i', 1, 3, 'a', 'b', 'c');
	mb_end(b, s);
}

static void build_names(modbuf *b)
{
	size_t s = mb_section(b, SEC_CUSTOM);
	mb_name(b, "name");
	MB(b, 0, 2, 1, 'M', 1, 8, 2, 1, 1, 'x', 3, 2, 'y', 'z');
	MB(b, 2, 8, 1, 1, 2, 0, 1, 'p', 1, 1, 'q');
	mb_end(b, s);
	s = mb_section(b, SEC_CUSTOM);
	mb_name(b, "other");
	MB(b, 1, 2, 3);
	mb_end(b, s);
}

static void build_module(modbuf *b, bool bad)
{
	b->len = 0;
	mb_header(b);
	build_types_imports(b);
	build_code(b, bad);
	build_names(b);
}

/* One function big enough to grow every buffer: deep nesting (the
 * decoder's and validator's block stacks), a tall operand stack and more
 * instructions than one arena chunk holds. */
static void build_big_module(modbuf *b)
{
	mb_void_funcs(b, 1);
	size_t s;
	s = mb_section(b, SEC_CODE);
	MB(b, 1);
	size_t f = mb_begin(b);
	MB(b, 0);
	for (int i = 0; i < 100; i++)
		MB(b, 0x02, 0x40);
	for (int i = 0; i < 200; i++)
		MB(b, 0x41, 0);
	for (int i = 0; i < 199; i++)
		MB(b, 0x6A);
	MB(b, 0x1A);
	for (int i = 0; i < 100; i++)
		MB(b, 0x0B);
	for (int i = 0; i < 4000; i++)
		MB(b, 0x01);
	MB(b, 0x0B);
	mb_end(b, f);
	mb_end(b, s);
}

int main(void)
{
	static modbuf b;
	build_module(&b, false);
	{
		/* The module itself must load, or the sweep proves nothing. */
		w2n_diags d = {0};
		ir_module *m = w2n_frontend_load(b.bytes, b.len, &d);
		CHECK(m != NULL);
		if (d.first)
			fprintf(stderr, "    %s at 0x%llx\n", d.first->message,
			        (unsigned long long)d.first->offset);
		ir_module_free(m);
		w2n_diags_free(&d);
	}
	sweep("valid module", &b, OK);
	build_module(&b, true);
	sweep("invalid module", &b, W2N_DIAG_TYPE_MISMATCH);
	static const uint8_t truncated[] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00,
	                                    0x00, 0x00, 0x01, 0x05, 0x01};
	b.len = 0;
	mb_put(&b, truncated, sizeof truncated);
	sweep("malformed module", &b, W2N_DIAG_LENGTH_OUT_OF_BOUNDS);
	build_big_module(&b);
	sweep("big module", &b, OK);
	check_context(NULL);
	return check_report("test_alloc");
}
