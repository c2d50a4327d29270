/*
 * test_poll.c - poll_oneoff over clocks and pipes, the process calls
 * (proc_exit in a child, proc_raise, sched_yield), and sockets handed to
 * the program as stdio (socketpair, and a listening TCP socket).
 */
#include "wasi_test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Subscription i of the array at `subs`. */
static void sub_clock(fake *f, uint32_t subs, int i, uint64_t userdata,
                      uint32_t clock, uint64_t timeout, uint16_t flags)
{
	uint32_t s = subs + (uint32_t)i * WASI_SUB_SIZE;
	g_put64(f, s + WASI_SUB_USERDATA, userdata);
	g_ptr(f, s)[WASI_SUB_TAG] = WASI_EVENT_CLOCK;
	g_put32(f, s + WASI_SUB_CLOCK_ID, clock);
	g_put64(f, s + WASI_SUB_CLOCK_TIMEOUT, timeout);
	memcpy(g_ptr(f, s + WASI_SUB_CLOCK_FLAGS), &flags, 2);
}

static void sub_fd(fake *f, uint32_t subs, int i, uint64_t userdata,
                   uint8_t type, uint32_t fd)
{
	uint32_t s = subs + (uint32_t)i * WASI_SUB_SIZE;
	g_put64(f, s + WASI_SUB_USERDATA, userdata);
	g_ptr(f, s)[WASI_SUB_TAG] = type;
	g_put32(f, s + WASI_SUB_FD, fd);
}

typedef struct event {
	uint64_t userdata, nbytes;
	uint16_t error, flags;
	uint8_t type;
} event;

static event ev(fake *f, uint32_t out, int i)
{
	uint32_t e = out + (uint32_t)i * WASI_EVENT_SIZE;
	event r;
	r.userdata = g_u64(f, e + WASI_EVENT_USERDATA);
	memcpy(&r.error, g_ptr(f, e + WASI_EVENT_ERROR), 2);
	r.type = g_ptr(f, e)[WASI_EVENT_TYPE];
	r.nbytes = g_u64(f, e + WASI_EVENT_NBYTES);
	memcpy(&r.flags, g_ptr(f, e + WASI_EVENT_FLAGS), 2);
	return r;
}

static void clocks(fake *f)
{
	uint32_t subs = g_alloc(f, 4 * WASI_SUB_SIZE);
	uint32_t out = g_alloc(f, 4 * WASI_EVENT_SIZE), n = g_alloc(f, 4);
	check_case = "poll clock";
	sub_clock(f, subs, 0, 42, WASI_CLOCK_MONOTONIC, 20000000, 0);
	uint64_t t0 = now_ns();
	CHECK_OK(wasi_poll_oneoff(INST(f), I(subs), I(out), 1, I(n)));
	CHECK(now_ns() - t0 >= 20000000);
	CHECK_EQ(g_u32(f, n), 1);
	CHECK_EQ(ev(f, out, 0).userdata, 42);
	CHECK_EQ(ev(f, out, 0).type, WASI_EVENT_CLOCK);
	CHECK_EQ(ev(f, out, 0).error, 0);

	check_case = "poll abstime";
	struct timespec rt;
	clock_gettime(CLOCK_REALTIME, &rt);
	uint64_t past = (uint64_t)rt.tv_sec * 1000000000u - 1000000000u;
	sub_clock(f, subs, 0, 1, WASI_CLOCK_REALTIME, past,
	          WASI_SUBCLOCK_ABSTIME);
	sub_clock(f, subs, 1, 2, WASI_CLOCK_MONOTONIC, 5000000000u, 0);
	t0 = now_ns();
	CHECK_OK(wasi_poll_oneoff(INST(f), I(subs), I(out), 2, I(n)));
	CHECK(now_ns() - t0 < 1000000000u);
	CHECK_EQ(g_u32(f, n), 1);
	CHECK_EQ(ev(f, out, 0).userdata, 1);

	check_case = "poll errors";
	CHECK_ERR(wasi_poll_oneoff(INST(f), I(subs), I(out), 0, I(n)), INVAL);
	CHECK_ERR(
	    wasi_poll_oneoff(INST(f), I(subs), I(fake_end(f) - 32), 2, I(n)),
	    FAULT);
	CHECK_ERR(
	    wasi_poll_oneoff(INST(f), I(fake_end(f) - 48), I(out), 2, I(n)),
	    FAULT);
	sub_clock(f, subs, 0, 7, 9, 0, 0); /* no such clock */
	CHECK_OK(wasi_poll_oneoff(INST(f), I(subs), I(out), 1, I(n)));
	CHECK_EQ(g_u32(f, n), 1);
	CHECK_EQ(ev(f, out, 0).error, WASI_ERRNO_INVAL);
}

static void pipes(fake *f, int host_in, int host_out_read)
{
	uint32_t subs = g_alloc(f, 4 * WASI_SUB_SIZE);
	uint32_t out = g_alloc(f, 4 * WASI_EVENT_SIZE), n = g_alloc(f, 4);
	check_case = "poll empty pipe";
	sub_fd(f, subs, 0, 10, WASI_EVENT_FD_READ, 0);
	sub_clock(f, subs, 1, 11, WASI_CLOCK_MONOTONIC, 10000000, 0);
	CHECK_OK(wasi_poll_oneoff(INST(f), I(subs), I(out), 2, I(n)));
	CHECK_EQ(g_u32(f, n), 1);
	CHECK_EQ(ev(f, out, 0).userdata, 11);

	check_case = "poll readable";
	CHECK_EQ(write(host_in, "abc", 3), 3);
	CHECK_OK(wasi_poll_oneoff(INST(f), I(subs), I(out), 2, I(n)));
	CHECK_EQ(g_u32(f, n), 1);
	CHECK_EQ(ev(f, out, 0).userdata, 10);
	CHECK_EQ(ev(f, out, 0).type, WASI_EVENT_FD_READ);
	CHECK_EQ(ev(f, out, 0).nbytes, 3);

	check_case = "poll writable and bad fds";
	sub_fd(f, subs, 0, 20, WASI_EVENT_FD_WRITE, 1);
	sub_fd(f, subs, 1, 21, WASI_EVENT_FD_READ, 77);
	sub_fd(f, subs, 2, 22, WASI_EVENT_FD_WRITE, 3); /* a directory */
	CHECK_OK(wasi_poll_oneoff(INST(f), I(subs), I(out), 3, I(n)));
	CHECK_EQ(g_u32(f, n), 3);
	CHECK_EQ(ev(f, out, 0).userdata, 20);
	CHECK_EQ(ev(f, out, 0).error, 0);
	CHECK_EQ(ev(f, out, 1).error, WASI_ERRNO_BADF);
	CHECK_EQ(ev(f, out, 2).error, WASI_ERRNO_NOTCAPABLE);

	check_case = "poll hangup";
	close(host_out_read);
	sub_fd(f, subs, 0, 30, WASI_EVENT_FD_WRITE, 1);
	CHECK_OK(wasi_poll_oneoff(INST(f), I(subs), I(out), 1, I(n)));
	CHECK_EQ(g_u32(f, n), 1);
	CHECK_EQ(ev(f, out, 0).flags, WASI_EVENT_FD_READWRITE_HANGUP);
	/* SIGPIPE is ignored by main() (main.c); here, by hand */
	CHECK_ERR(t_write(f, 1, "lost"), PIPE);

	check_case = "poll regular file";
	uint32_t file;
	CHECK_OK(t_open(f, 3, 0, "data", WASI_O_CREAT,
	                WASI_RIGHT(FD_READ) | WASI_RIGHT(FD_WRITE) |
	                    WASI_RIGHT(POLL_FD_READWRITE),
	                0, 0, &file));
	CHECK_OK(t_write(f, file, "12345"));
	uint32_t off = g_alloc(f, 8);
	CHECK_ERR(wasi_fd_seek(INST(f), I(file), 0, 0, I(off)), NOTCAPABLE);
	sub_fd(f, subs, 0, 40, WASI_EVENT_FD_READ, file);
	CHECK_OK(wasi_poll_oneoff(INST(f), I(subs), I(out), 1, I(n)));
	CHECK_EQ(g_u32(f, n), 1);
	CHECK_EQ(ev(f, out, 0).nbytes, 0); /* at the end */
	wasi_fd_close(INST(f), I(file));
}

static void process(fake *f)
{
	check_case = "process";
	CHECK_OK(wasi_sched_yield(INST(f)));
	CHECK_ERR(wasi_proc_raise(INST(f), 15), NOSYS);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		wasi_proc_exit(INST(f), 33);
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 33);
	uint32_t code;
	CHECK(!wasi_exit_code(f->block.header.wasi, &code));
}

/* A socketpair as stdio: the program's fd 0 is a stream socket. */
static void sockets(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		abort();
	wasi_ctx *ctx = ctx_with_dir(NULL, NULL, sv[0], 1, -1);
	fake *f = fake_new(ctx, 1);
	uint32_t st = g_alloc(f, WASI_FDSTAT_SIZE), n = g_alloc(f, 4);
	uint32_t ro = g_alloc(f, 4), buf = g_alloc(f, 16);
	check_case = "socket";
	CHECK_OK(wasi_fd_fdstat_get(INST(f), 0, I(st)));
	CHECK_EQ(g_ptr(f, st)[0], WASI_FILETYPE_SOCKET_STREAM);
	memcpy(g_ptr(f, buf), "ping", 4);
	CHECK_OK(wasi_sock_send(INST(f), 0, I(g_iov(f, buf, 4)), 1, 0, I(n)));
	CHECK_EQ(g_u32(f, n), 4);
	char host[8] = "";
	CHECK_EQ(read(sv[1], host, sizeof host), 4);
	CHECK(memcmp(host, "ping", 4) == 0);
	CHECK_ERR(wasi_sock_send(INST(f), 0, I(g_iov(f, buf, 4)), 1, 1, I(n)),
	          INVAL);
	CHECK_EQ(write(sv[1], "pong!", 5), 5);
	CHECK_OK(wasi_sock_recv(INST(f), 0, I(g_iov(f, buf, 16)), 1,
	                        WASI_RECV_PEEK, I(n), I(ro)));
	CHECK_EQ(g_u32(f, n), 5);
	CHECK_OK(wasi_sock_recv(INST(f), 0, I(g_iov(f, buf, 16)), 1, 0, I(n),
	                        I(ro)));
	CHECK_EQ(g_u32(f, n), 5);
	CHECK(memcmp(g_ptr(f, buf), "pong!", 5) == 0);
	CHECK_ERR(
	    wasi_sock_recv(INST(f), 0, I(g_iov(f, buf, 16)), 1, 4, I(n), I(ro)),
	    INVAL);
	CHECK_ERR(wasi_sock_shutdown(INST(f), 0, 0), INVAL);
	CHECK_OK(wasi_sock_shutdown(INST(f), 0, WASI_SHUT_WR));
	CHECK_EQ(read(sv[1], host, sizeof host), 0);
	/* not a socket, no such fd (sock_shutdown-not_sock, -invalid_fd) */
	CHECK_ERR(wasi_sock_shutdown(INST(f), 1, WASI_SHUT_RD), NOTSOCK);
	CHECK_ERR(wasi_sock_shutdown(INST(f), 2, WASI_SHUT_RD), BADF);
	CHECK_ERR(
	    wasi_sock_recv(INST(f), 1, I(g_iov(f, buf, 16)), 1, 0, I(n), I(ro)),
	    NOTSOCK);
	CHECK_ERR(wasi_sock_accept(INST(f), 1, 0, I(n)), NOTSOCK);
	fake_free(f);
	wasi_ctx_free(ctx);
	close(sv[1]);
}

/* A listening socket as stdio: sock_accept gives a new socket fd. */
static void accepting(void)
{
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET,
	                        .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(l, 1) != 0 || getsockname(l, (struct sockaddr *)&a, &len))
		abort();
	wasi_ctx *ctx = ctx_with_dir(NULL, NULL, l, 1, -1);
	fake *f = fake_new(ctx, 1);
	uint32_t fd = g_alloc(f, 4), st = g_alloc(f, WASI_FDSTAT_SIZE);
	check_case = "accept";
	/* the flags are the new socket's; the listener's own decide
	 * whether accepting blocks */
	CHECK_OK(wasi_fd_fdstat_set_flags(INST(f), 0, WASI_FDFLAG_NONBLOCK));
	CHECK_ERR(wasi_sock_accept(INST(f), 0, 0, I(fd)), AGAIN);
	CHECK_OK(wasi_fd_fdstat_set_flags(INST(f), 0, 0));
	CHECK_ERR(wasi_sock_accept(INST(f), 0, WASI_FDFLAG_APPEND, I(fd)),
	          INVAL);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&a, sizeof a) == 0);
	CHECK_OK(wasi_sock_accept(INST(f), 0, WASI_FDFLAG_NONBLOCK, I(fd)));
	CHECK_OK(wasi_fd_fdstat_get(INST(f), I(g_u32(f, fd)), I(st)));
	CHECK_EQ(g_ptr(f, st)[0], WASI_FILETYPE_SOCKET_STREAM);
	CHECK_EQ(g_ptr(f, st)[WASI_FDSTAT_FLAGS], WASI_FDFLAG_NONBLOCK);
	CHECK_OK(t_write(f, g_u32(f, fd), "hi"));
	char host[4] = "";
	CHECK_EQ(read(c, host, sizeof host), 2);
	close(c);
	fake_free(f);
	wasi_ctx_free(ctx);
	close(l);
}

int main(void)
{
	int in[2], out[2];
	signal(SIGPIPE, SIG_IGN);
	if (pipe(in) != 0 || pipe(out) != 0)
		abort();
	const char *dir = scratch_dir("poll");
	char copy[600];
	snprintf(copy, sizeof copy, "%s", dir);
	wasi_ctx *ctx = ctx_with_dir(copy, "/", in[0], out[1], 2);
	close(out[1]);
	fake *f = fake_new(ctx, 1);
	clocks(f);
	g_reset(f);
	pipes(f, in[1], out[0]);
	g_reset(f);
	process(f);
	fake_free(f);
	wasi_ctx_free(ctx);
	close(in[0]);
	close(in[1]);
	sockets();
	accepting();
	remove_tree(copy);
	return check_report("wasi-poll");
}
