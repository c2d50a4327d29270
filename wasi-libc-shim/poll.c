/*
 * poll.c - waiting and the process: poll_oneoff (clock and fd readiness
 * subscriptions over ppoll), proc_exit, proc_raise, sched_yield.
 */
#include "wasi_internal.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* What one subscription became. */
typedef struct sub_state {
	uint64_t deadline; /* clocks: CLOCK_MONOTONIC ns, else UINT64_MAX */
	int pfd;           /* index in the pollfd array, or -1 */
	bool ready;        /* an event is due now */
	uint16_t error;    /* its error, if ready */
	uint16_t flags;    /* eventrwflags */
	uint64_t nbytes;
} sub_state;

static uint64_t clock_ns(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void ready(sub_state *s, uint16_t error)
{
	s->ready = true;
	s->error = error;
}

/* A clock subscription: its deadline on the monotonic clock. */
static void prepare_clock(const wasi_call *c, uint32_t sub, sub_state *s)
{
	uint32_t id = wasi_load32(c, sub + WASI_SUB_CLOCK_ID);
	uint64_t timeout = wasi_load64(c, sub + WASI_SUB_CLOCK_TIMEOUT);
	uint16_t flags = wasi_load16(c, sub + WASI_SUB_CLOCK_FLAGS);
	if (id != WASI_CLOCK_REALTIME && id != WASI_CLOCK_MONOTONIC) {
		ready(s, WASI_ERRNO_INVAL);
		return;
	}
	uint64_t now = clock_ns(id == WASI_CLOCK_REALTIME ? CLOCK_REALTIME
	                                                  : CLOCK_MONOTONIC);
	uint64_t rel = timeout;
	if (flags & WASI_SUBCLOCK_ABSTIME)
		rel = timeout > now ? timeout - now : 0;
	uint64_t mono = clock_ns(CLOCK_MONOTONIC);
	s->deadline = rel > UINT64_MAX - mono ? UINT64_MAX - 1 : mono + rel;
}

/* Bytes ready in a regular file: from the offset to the end. */
static uint64_t file_remaining(int fd)
{
	struct stat st;
	off_t at = lseek(fd, 0, SEEK_CUR);
	if (at < 0 || fstat(fd, &st) != 0 || st.st_size < at)
		return 0;
	return (uint64_t)(st.st_size - at);
}

/* An fd subscription: at once for errors and regular files (always
 * ready), else one more pollfd. */
static void prepare_fd(const wasi_call *c, uint32_t sub, bool read,
                       sub_state *s, struct pollfd *pfds, uint32_t *npfds)
{
	int32_t fd = (int32_t)wasi_load32(c, sub + WASI_SUB_FD);
	uint64_t rights = WASI_RIGHT(POLL_FD_READWRITE) |
	                  (read ? WASI_RIGHT(FD_READ) : WASI_RIGHT(FD_WRITE));
	wasi_fd *f;
	wasi_errno err = wasi_fd_get(c->ctx, fd, rights, &f);
	if (err) {
		ready(s, err);
	} else if (f->type == WASI_FILETYPE_REGULAR_FILE) {
		ready(s, WASI_ERRNO_SUCCESS);
		s->nbytes = read ? file_remaining(f->host) : 0;
	} else {
		s->pfd = (int)*npfds;
		pfds[(*npfds)++] = (struct pollfd){
		    .fd = f->host, .events = read ? POLLIN : POLLOUT};
	}
}

/* Reads every subscription; true when some event is already due. */
static bool prepare(const wasi_call *c, uint32_t in, uint32_t n, sub_state *s,
                    struct pollfd *pfds, uint32_t *npfds)
{
	bool due = false;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t sub = in + i * WASI_SUB_SIZE;
		s[i] = (sub_state){.deadline = UINT64_MAX, .pfd = -1};
		switch (c->mem[sub + WASI_SUB_TAG]) {
		case WASI_EVENT_CLOCK: prepare_clock(c, sub, &s[i]); break;
		case WASI_EVENT_FD_READ:
			prepare_fd(c, sub, true, &s[i], pfds, npfds);
			break;
		case WASI_EVENT_FD_WRITE:
			prepare_fd(c, sub, false, &s[i], pfds, npfds);
			break;
		default: ready(&s[i], WASI_ERRNO_INVAL); break;
		}
		due |= s[i].ready;
	}
	return due;
}

/* Marks what ppoll reported and the clocks that have expired; true when
 * anything is due. */
static bool collect(sub_state *s, uint32_t n, const struct pollfd *pfds)
{
	uint64_t now = clock_ns(CLOCK_MONOTONIC);
	bool due = false;
	for (uint32_t i = 0; i < n; i++) {
		short re = s[i].pfd >= 0 ? pfds[s[i].pfd].revents : 0;
		if (re & POLLNVAL)
			ready(&s[i], WASI_ERRNO_BADF);
		else if (re & (POLLIN | POLLOUT | POLLHUP | POLLERR))
			ready(&s[i], WASI_ERRNO_SUCCESS);
		if (re & (POLLHUP | POLLERR))
			s[i].flags = WASI_EVENT_FD_READWRITE_HANGUP;
		if ((re & POLLIN) && pfds[s[i].pfd].events == POLLIN) {
			int avail = 0;
			if (ioctl(pfds[s[i].pfd].fd, FIONREAD, &avail) == 0)
				s[i].nbytes = (uint64_t)(avail > 0 ? avail : 0);
		}
		if (s[i].deadline != UINT64_MAX && s[i].deadline <= now)
			ready(&s[i], WASI_ERRNO_SUCCESS);
		due |= s[i].ready;
	}
	return due;
}

/* Waits until an fd is ready or the earliest deadline; at once when
 * `due`. */
static wasi_errno wait_events(sub_state *s, uint32_t n, struct pollfd *pfds,
                              uint32_t npfds, bool due)
{
	for (;;) {
		uint64_t deadline = UINT64_MAX;
		for (uint32_t i = 0; i < n; i++)
			if (s[i].deadline < deadline)
				deadline = s[i].deadline;
		uint64_t now = clock_ns(CLOCK_MONOTONIC);
		uint64_t rel = due || deadline <= now ? 0 : deadline - now;
		struct timespec ts = {.tv_sec = (time_t)(rel / 1000000000u),
		                      .tv_nsec = (long)(rel % 1000000000u)};
		bool forever = !due && deadline == UINT64_MAX;
		if (ppoll(pfds, npfds, forever ? NULL : &ts, NULL) < 0 &&
		    errno != EINTR)
			return wasi_errno_now();
		if (collect(s, n, pfds) || due)
			return WASI_ERRNO_SUCCESS;
	}
}

/* Writes the due events; their count. */
static uint32_t emit(const wasi_call *c, uint32_t in, uint32_t out, uint32_t n,
                     const sub_state *s)
{
	uint32_t count = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (!s[i].ready)
			continue;
		uint32_t sub = in + i * WASI_SUB_SIZE;
		uint32_t ev = out + count++ * WASI_EVENT_SIZE;
		memset(wasi_mem_at(c, ev), 0, WASI_EVENT_SIZE);
		wasi_store64(c, ev + WASI_EVENT_USERDATA,
		             wasi_load64(c, sub + WASI_SUB_USERDATA));
		wasi_store16(c, ev + WASI_EVENT_ERROR, s[i].error);
		wasi_store8(c, ev + WASI_EVENT_TYPE,
		            c->mem[sub + WASI_SUB_TAG]);
		wasi_store64(c, ev + WASI_EVENT_NBYTES, s[i].nbytes);
		wasi_store16(c, ev + WASI_EVENT_FLAGS, s[i].flags);
	}
	return count;
}

int32_t wasi_poll_oneoff(void *inst, int32_t in, int32_t out,
                         int32_t nsubscriptions, int32_t nevents)
{
	wasi_call c = wasi_call_begin(inst);
	uint32_t n = wasi_u32(nsubscriptions), npfds = 0;
	if (n == 0)
		return WASI_ERRNO_INVAL;
	if (!wasi_mem_ok(&c, wasi_u32(in), (uint64_t)n * WASI_SUB_SIZE) ||
	    !wasi_mem_ok(&c, wasi_u32(out), (uint64_t)n * WASI_EVENT_SIZE) ||
	    !wasi_mem_ok(&c, wasi_u32(nevents), 4))
		return WASI_ERRNO_FAULT;
	sub_state *s = w2n_rt_calloc(n, sizeof *s);
	struct pollfd *pfds = w2n_rt_calloc(n, sizeof *pfds);
	wasi_errno err = WASI_ERRNO_NOMEM;
	if (s && pfds) {
		bool due = prepare(&c, wasi_u32(in), n, s, pfds, &npfds);
		err = wait_events(s, n, pfds, npfds, due);
	}
	if (!err)
		wasi_store32(&c, wasi_u32(nevents),
		             emit(&c, wasi_u32(in), wasi_u32(out), n, s));
	w2n_rt_free(s);
	w2n_rt_free(pfds);
	return err;
}

/* Writes reach their descriptors at once, so there is nothing to flush;
 * exit() runs only the host's own atexit handlers. */
void wasi_proc_exit(void *inst, int32_t code)
{
	wasi_call c = wasi_call_begin(inst);
	if (c.ctx && c.ctx->exit_unwinds) {
		c.ctx->exited = true;
		c.ctx->exit_code = wasi_u32(code);
		w2n_rt_trap(inst, UINT32_MAX, W2N_TRAP_HOST, UINT32_MAX);
	}
	exit(code);
}

/* Signals are not part of the sandbox. */
int32_t wasi_proc_raise(void *inst, int32_t sig)
{
	(void)inst;
	(void)sig;
	return WASI_ERRNO_NOSYS;
}

int32_t wasi_sched_yield(void *inst)
{
	(void)inst;
	sched_yield();
	return WASI_ERRNO_SUCCESS;
}
