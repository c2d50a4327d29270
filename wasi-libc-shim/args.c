/*
 * args.c - the program's view of its arguments and environment, the
 * clocks, and randomness.  Arguments and environment are the strings of
 * the wasi_config, laid out as C's argv: an array of u32 pointers into a
 * buffer of NUL-terminated strings.
 */
#include "wasi_internal.h"

#include <errno.h>
#include <sys/random.h>
#include <time.h>

/* Stores `count` strings as an array of pointers at `array` and their
 * text at `buf` (bytes: the total size with NULs). */
static wasi_errno put_strings(const wasi_call *c, char *const *strings,
                              uint32_t count, uint32_t bytes, uint32_t array,
                              uint32_t buf)
{
	if (!wasi_mem_ok(c, array, (uint64_t)count * 4) ||
	    !wasi_mem_ok(c, buf, bytes))
		return WASI_ERRNO_FAULT;
	uint32_t at = buf;
	for (uint32_t i = 0; i < count; i++) {
		size_t n = strlen(strings[i]) + 1;
		wasi_store32(c, array + 4 * i, at);
		memcpy(wasi_mem_at(c, at), strings[i], n);
		at += (uint32_t)n;
	}
	return WASI_ERRNO_SUCCESS;
}

static wasi_errno put_sizes(const wasi_call *c, uint32_t count, uint32_t bytes,
                            uint32_t count_ptr, uint32_t bytes_ptr)
{
	if (!wasi_mem_ok(c, count_ptr, 4) || !wasi_mem_ok(c, bytes_ptr, 4))
		return WASI_ERRNO_FAULT;
	wasi_store32(c, count_ptr, count);
	wasi_store32(c, bytes_ptr, bytes);
	return WASI_ERRNO_SUCCESS;
}

int32_t wasi_args_get(void *inst, int32_t argv, int32_t argv_buf)
{
	wasi_call c = wasi_call_begin(inst);
	return put_strings(&c, c.ctx->argv, c.ctx->argc, c.ctx->argv_bytes,
	                   wasi_u32(argv), wasi_u32(argv_buf));
}

int32_t wasi_args_sizes_get(void *inst, int32_t argc, int32_t buf_size)
{
	wasi_call c = wasi_call_begin(inst);
	return put_sizes(&c, c.ctx->argc, c.ctx->argv_bytes, wasi_u32(argc),
	                 wasi_u32(buf_size));
}

int32_t wasi_environ_get(void *inst, int32_t environ, int32_t environ_buf)
{
	wasi_call c = wasi_call_begin(inst);
	return put_strings(&c, c.ctx->env, c.ctx->nenv, c.ctx->env_bytes,
	                   wasi_u32(environ), wasi_u32(environ_buf));
}

int32_t wasi_environ_sizes_get(void *inst, int32_t count, int32_t buf_size)
{
	wasi_call c = wasi_call_begin(inst);
	return put_sizes(&c, c.ctx->nenv, c.ctx->env_bytes, wasi_u32(count),
	                 wasi_u32(buf_size));
}

/* The host clock of a WASI clockid; false for an unknown one. */
static bool host_clock(uint32_t id, clockid_t *out)
{
	switch (id) {
	case WASI_CLOCK_REALTIME: *out = CLOCK_REALTIME; return true;
	case WASI_CLOCK_MONOTONIC: *out = CLOCK_MONOTONIC; return true;
	case WASI_CLOCK_PROCESS_CPUTIME_ID:
		*out = CLOCK_PROCESS_CPUTIME_ID;
		return true;
	case WASI_CLOCK_THREAD_CPUTIME_ID:
		*out = CLOCK_THREAD_CPUTIME_ID;
		return true;
	default: return false;
	}
}

static uint64_t timestamp(struct timespec ts)
{
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Either clock call: reads clock `id` with clock_getres or
 * clock_gettime and stores the u64 at `out`. */
static wasi_errno clock_query(void *inst, int32_t id, int32_t out,
                              int (*query)(clockid_t, struct timespec *))
{
	wasi_call c = wasi_call_begin(inst);
	clockid_t clock;
	struct timespec ts;
	if (!host_clock(wasi_u32(id), &clock))
		return WASI_ERRNO_INVAL;
	if (!wasi_mem_ok(&c, wasi_u32(out), 8))
		return WASI_ERRNO_FAULT;
	if (query(clock, &ts) != 0)
		return wasi_errno_now();
	wasi_store64(&c, wasi_u32(out), timestamp(ts));
	return WASI_ERRNO_SUCCESS;
}

int32_t wasi_clock_res_get(void *inst, int32_t id, int32_t resolution)
{
	return clock_query(inst, id, resolution, clock_getres);
}

/* The precision argument is a hint; the host clock is always exact. */
int32_t wasi_clock_time_get(void *inst, int32_t id, int64_t precision,
                            int32_t time)
{
	(void)precision;
	return clock_query(inst, id, time, clock_gettime);
}

int32_t wasi_random_get(void *inst, int32_t buf, int32_t buf_len)
{
	wasi_call c = wasi_call_begin(inst);
	uint32_t at = wasi_u32(buf), len = wasi_u32(buf_len);
	if (!wasi_mem_ok(&c, at, len))
		return WASI_ERRNO_FAULT;
	while (len > 0) {
		ssize_t n = getrandom(wasi_mem_at(&c, at), len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return wasi_errno_now();
		at += (uint32_t)n;
		len -= (uint32_t)n;
	}
	return WASI_ERRNO_SUCCESS;
}
