/*
 * sock.c - sockets the program was handed (as stdio, or accepted from
 * one): sock_accept, sock_recv, sock_send, sock_shutdown.  Preview1 has
 * no way to create a socket.  Every call on a descriptor that is not a
 * socket is NOTSOCK, before any rights check.
 */
#include "wasi_internal.h"

#include <errno.h>
#include <sys/socket.h>
#include <sys/uio.h>

static bool is_socket(const wasi_fd *f)
{
	return f->type == WASI_FILETYPE_SOCKET_STREAM ||
	       f->type == WASI_FILETYPE_SOCKET_DGRAM;
}

/* Socket descriptor `fd` with `rights`: BADF, NOTSOCK, NOTCAPABLE. */
static wasi_errno socket_fd(wasi_ctx *ctx, int32_t fd, uint64_t rights,
                            wasi_fd **out)
{
	wasi_errno err = wasi_fd_get(ctx, fd, 0, out);
	if (err)
		return err;
	if (!is_socket(*out))
		return WASI_ERRNO_NOTSOCK;
	if (((*out)->base & rights) != rights)
		return WASI_ERRNO_NOTCAPABLE;
	return WASI_ERRNO_SUCCESS;
}

int32_t wasi_sock_accept(void *inst, int32_t fd, int32_t flags, int32_t out)
{
	wasi_call c = wasi_call_begin(inst);
	uint32_t fl = wasi_u32(flags), accepted;
	wasi_fd *f;
	wasi_errno err = socket_fd(c.ctx, fd, WASI_RIGHT(SOCK_ACCEPT), &f);
	if (err)
		return err;
	if (fl & ~(uint32_t)WASI_FDFLAG_NONBLOCK)
		return WASI_ERRNO_INVAL;
	if (!wasi_mem_ok(&c, wasi_u32(out), 4))
		return WASI_ERRNO_FAULT;
	int host;
	do
		host = accept4(
		    f->host, NULL, NULL,
		    SOCK_CLOEXEC |
		        (fl & WASI_FDFLAG_NONBLOCK ? SOCK_NONBLOCK : 0));
	while (host < 0 && errno == EINTR);
	if (host < 0)
		return wasi_errno_now();
	wasi_fd d;
	if (!wasi_fd_describe(host, &d))
		d.type = WASI_FILETYPE_SOCKET_STREAM;
	err = wasi_fd_install(c.ctx, host, d.type, (uint16_t)fl,
	                      wasi_rights_for_type(d.type), 0, &accepted);
	if (!err)
		wasi_store32(&c, wasi_u32(out), accepted);
	return err;
}

int32_t wasi_sock_recv(void *inst, int32_t fd, int32_t iovs, int32_t iovs_len,
                       int32_t riflags, int32_t nread, int32_t roflags)
{
	wasi_call c = wasi_call_begin(inst);
	uint32_t ri = wasi_u32(riflags);
	struct iovec iov[WASI_IOV_MAX];
	struct msghdr msg = {.msg_iov = iov};
	int n;
	wasi_fd *f;
	wasi_errno err = socket_fd(c.ctx, fd, WASI_RIGHT(FD_READ), &f);
	if (err)
		return err;
	if (ri & ~(uint32_t)(WASI_RECV_PEEK | WASI_RECV_WAITALL))
		return WASI_ERRNO_INVAL;
	if (!wasi_mem_ok(&c, wasi_u32(nread), 4) ||
	    !wasi_mem_ok(&c, wasi_u32(roflags), 2))
		return WASI_ERRNO_FAULT;
	err = wasi_iovecs(&c, wasi_u32(iovs), wasi_u32(iovs_len), iov, &n);
	if (err)
		return err;
	msg.msg_iovlen = (size_t)n;
	int host_flags = (ri & WASI_RECV_PEEK ? MSG_PEEK : 0) |
	                 (ri & WASI_RECV_WAITALL ? MSG_WAITALL : 0);
	ssize_t got;
	do
		got = recvmsg(f->host, &msg, host_flags);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return wasi_errno_now();
	wasi_store32(&c, wasi_u32(nread), (uint32_t)got);
	wasi_store16(&c, wasi_u32(roflags),
	             msg.msg_flags & MSG_TRUNC ? WASI_RECV_DATA_TRUNCATED : 0);
	return WASI_ERRNO_SUCCESS;
}

/* No siflags are defined: they must be zero.  MSG_NOSIGNAL makes a
 * closed peer EPIPE instead of SIGPIPE. */
int32_t wasi_sock_send(void *inst, int32_t fd, int32_t iovs, int32_t iovs_len,
                       int32_t siflags, int32_t nsent)
{
	wasi_call c = wasi_call_begin(inst);
	struct iovec iov[WASI_IOV_MAX];
	struct msghdr msg = {.msg_iov = iov};
	int n;
	wasi_fd *f;
	wasi_errno err = socket_fd(c.ctx, fd, WASI_RIGHT(FD_WRITE), &f);
	if (err)
		return err;
	if (siflags != 0)
		return WASI_ERRNO_INVAL;
	if (!wasi_mem_ok(&c, wasi_u32(nsent), 4))
		return WASI_ERRNO_FAULT;
	err = wasi_iovecs(&c, wasi_u32(iovs), wasi_u32(iovs_len), iov, &n);
	if (err)
		return err;
	msg.msg_iovlen = (size_t)n;
	ssize_t sent;
	do
		sent = sendmsg(f->host, &msg, MSG_NOSIGNAL);
	while (sent < 0 && errno == EINTR);
	if (sent < 0)
		return wasi_errno_now();
	wasi_store32(&c, wasi_u32(nsent), (uint32_t)sent);
	return WASI_ERRNO_SUCCESS;
}

int32_t wasi_sock_shutdown(void *inst, int32_t fd, int32_t how)
{
	wasi_call c = wasi_call_begin(inst);
	wasi_fd *f;
	wasi_errno err = socket_fd(c.ctx, fd, WASI_RIGHT(SOCK_SHUTDOWN), &f);
	if (err)
		return err;
	int host_how;
	switch (wasi_u32(how)) {
	case WASI_SHUT_RD: host_how = SHUT_RD; break;
	case WASI_SHUT_WR: host_how = SHUT_WR; break;
	case WASI_SHUT_RD | WASI_SHUT_WR: host_how = SHUT_RDWR; break;
	default: return WASI_ERRNO_INVAL;
	}
	if (shutdown(f->host, host_how) != 0)
		return wasi_errno_now();
	return WASI_ERRNO_SUCCESS;
}
