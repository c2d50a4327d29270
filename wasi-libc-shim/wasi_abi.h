/*
 * wasi_abi.h - WASI preview1 (wasi_snapshot_preview1) as C: the errno
 * values, rights, flags, the layout of every record in guest memory
 * (wasm32, little-endian, witx natural alignment), and the prototype of
 * every host function, generated from wasi.def.
 *
 * Every constant here is a fact of the witx files (typenames.witx,
 * wasi_snapshot_preview1.witx); nothing is specific to this host.
 */
#ifndef WASI_ABI_H
#define WASI_ABI_H

#include <stdint.h>

/* ---- errno (u16) ---- */

typedef uint16_t wasi_errno;

enum {
#define WASI_ERRNO(name, code, host) WASI_ERRNO_##name = code,
#define WASI_ERRNO_ALIAS(host, name)
#include "errno.def"
#undef WASI_ERRNO
#undef WASI_ERRNO_ALIAS
};

/* ---- rights (u64 flags) ---- */

/* Bit numbers, in witx order; WASI_RIGHT(X) is the mask. */
enum {
	WASI_RIGHT_BIT_FD_DATASYNC,
	WASI_RIGHT_BIT_FD_READ,
	WASI_RIGHT_BIT_FD_SEEK,
	WASI_RIGHT_BIT_FD_FDSTAT_SET_FLAGS,
	WASI_RIGHT_BIT_FD_SYNC,
	WASI_RIGHT_BIT_FD_TELL,
	WASI_RIGHT_BIT_FD_WRITE,
	WASI_RIGHT_BIT_FD_ADVISE,
	WASI_RIGHT_BIT_FD_ALLOCATE,
	WASI_RIGHT_BIT_PATH_CREATE_DIRECTORY,
	WASI_RIGHT_BIT_PATH_CREATE_FILE,
	WASI_RIGHT_BIT_PATH_LINK_SOURCE,
	WASI_RIGHT_BIT_PATH_LINK_TARGET,
	WASI_RIGHT_BIT_PATH_OPEN,
	WASI_RIGHT_BIT_FD_READDIR,
	WASI_RIGHT_BIT_PATH_READLINK,
	WASI_RIGHT_BIT_PATH_RENAME_SOURCE,
	WASI_RIGHT_BIT_PATH_RENAME_TARGET,
	WASI_RIGHT_BIT_PATH_FILESTAT_GET,
	WASI_RIGHT_BIT_PATH_FILESTAT_SET_SIZE,
	WASI_RIGHT_BIT_PATH_FILESTAT_SET_TIMES,
	WASI_RIGHT_BIT_FD_FILESTAT_GET,
	WASI_RIGHT_BIT_FD_FILESTAT_SET_SIZE,
	WASI_RIGHT_BIT_FD_FILESTAT_SET_TIMES,
	WASI_RIGHT_BIT_PATH_SYMLINK,
	WASI_RIGHT_BIT_PATH_REMOVE_DIRECTORY,
	WASI_RIGHT_BIT_PATH_UNLINK_FILE,
	WASI_RIGHT_BIT_POLL_FD_READWRITE,
	WASI_RIGHT_BIT_SOCK_SHUTDOWN,
	WASI_RIGHT_BIT_SOCK_ACCEPT,
	WASI_RIGHT_BIT_COUNT
};

#define WASI_RIGHT(name) (UINT64_C(1) << WASI_RIGHT_BIT_##name)
#define WASI_RIGHTS_ALL ((UINT64_C(1) << WASI_RIGHT_BIT_COUNT) - 1)

/* ---- enums and flags ---- */

/* filetype (u8) */
enum {
	WASI_FILETYPE_UNKNOWN,
	WASI_FILETYPE_BLOCK_DEVICE,
	WASI_FILETYPE_CHARACTER_DEVICE,
	WASI_FILETYPE_DIRECTORY,
	WASI_FILETYPE_REGULAR_FILE,
	WASI_FILETYPE_SOCKET_DGRAM,
	WASI_FILETYPE_SOCKET_STREAM,
	WASI_FILETYPE_SYMBOLIC_LINK,
};

/* clockid (u32) */
enum {
	WASI_CLOCK_REALTIME,
	WASI_CLOCK_MONOTONIC,
	WASI_CLOCK_PROCESS_CPUTIME_ID,
	WASI_CLOCK_THREAD_CPUTIME_ID,
};

enum { WASI_WHENCE_SET, WASI_WHENCE_CUR, WASI_WHENCE_END }; /* u8 */

/* advice (u8) */
enum {
	WASI_ADVICE_NORMAL,
	WASI_ADVICE_SEQUENTIAL,
	WASI_ADVICE_RANDOM,
	WASI_ADVICE_WILLNEED,
	WASI_ADVICE_DONTNEED,
	WASI_ADVICE_NOREUSE,
};

/* fdflags (u16) */
enum {
	WASI_FDFLAG_APPEND = 1 << 0,
	WASI_FDFLAG_DSYNC = 1 << 1,
	WASI_FDFLAG_NONBLOCK = 1 << 2,
	WASI_FDFLAG_RSYNC = 1 << 3,
	WASI_FDFLAG_SYNC = 1 << 4,
	WASI_FDFLAGS_ALL = (1 << 5) - 1,
};

/* fstflags (u16) */
enum {
	WASI_FST_ATIM = 1 << 0,
	WASI_FST_ATIM_NOW = 1 << 1,
	WASI_FST_MTIM = 1 << 2,
	WASI_FST_MTIM_NOW = 1 << 3,
	WASI_FST_ALL = (1 << 4) - 1,
};

enum { WASI_LOOKUP_SYMLINK_FOLLOW = 1 << 0 }; /* lookupflags (u32) */

/* oflags (u16) */
enum {
	WASI_O_CREAT = 1 << 0,
	WASI_O_DIRECTORY = 1 << 1,
	WASI_O_EXCL = 1 << 2,
	WASI_O_TRUNC = 1 << 3,
	WASI_O_ALL = (1 << 4) - 1,
};

/* eventtype (u8) */
enum {
	WASI_EVENT_CLOCK,
	WASI_EVENT_FD_READ,
	WASI_EVENT_FD_WRITE,
};

enum { WASI_EVENT_FD_READWRITE_HANGUP = 1 << 0 }; /* eventrwflags (u16) */
enum { WASI_SUBCLOCK_ABSTIME = 1 << 0 };          /* subclockflags (u16) */
enum { WASI_RECV_PEEK = 1 << 0, WASI_RECV_WAITALL = 1 << 1 }; /* riflags */
enum { WASI_RECV_DATA_TRUNCATED = 1 << 0 };            /* roflags (u16) */
enum { WASI_SHUT_RD = 1 << 0, WASI_SHUT_WR = 1 << 1 }; /* sdflags (u8) */
enum { WASI_PREOPEN_DIR = 0 };                         /* preopentype (u8) */

/* ---- record layouts in guest memory: sizes and field offsets ---- */

/* iovec, ciovec */
enum {
	WASI_IOVEC_BUF = 0, /* u32 pointer */
	WASI_IOVEC_LEN = 4, /* u32 */
	WASI_IOVEC_SIZE = 8,
};

/* dirent; the name follows it */
enum {
	WASI_DIRENT_NEXT = 0,    /* u64 dircookie */
	WASI_DIRENT_INO = 8,     /* u64 */
	WASI_DIRENT_NAMLEN = 16, /* u32 */
	WASI_DIRENT_TYPE = 20,   /* u8 filetype */
	WASI_DIRENT_SIZE = 24,
};

/* fdstat */
enum {
	WASI_FDSTAT_FILETYPE = 0,    /* u8 */
	WASI_FDSTAT_FLAGS = 2,       /* u16 fdflags */
	WASI_FDSTAT_BASE = 8,        /* u64 rights */
	WASI_FDSTAT_INHERITING = 16, /* u64 rights */
	WASI_FDSTAT_SIZE = 24,
};

/* filestat */
enum {
	WASI_FILESTAT_DEV = 0,
	WASI_FILESTAT_INO = 8,
	WASI_FILESTAT_FILETYPE = 16, /* u8 */
	WASI_FILESTAT_NLINK = 24,
	WASI_FILESTAT_SIZE_ = 32,
	WASI_FILESTAT_ATIM = 40,
	WASI_FILESTAT_MTIM = 48,
	WASI_FILESTAT_CTIM = 56,
	WASI_FILESTAT_SIZE = 64,
};

/* prestat */
enum {
	WASI_PRESTAT_TAG = 0,      /* u8 preopentype */
	WASI_PRESTAT_NAME_LEN = 4, /* u32 */
	WASI_PRESTAT_SIZE = 8,
};

/* subscription */
enum {
	WASI_SUB_USERDATA = 0,         /* u64 */
	WASI_SUB_TAG = 8,              /* u8 eventtype */
	WASI_SUB_CLOCK_ID = 16,        /* u32 clockid */
	WASI_SUB_CLOCK_TIMEOUT = 24,   /* u64 */
	WASI_SUB_CLOCK_PRECISION = 32, /* u64 */
	WASI_SUB_CLOCK_FLAGS = 40,     /* u16 subclockflags */
	WASI_SUB_FD = 16,              /* u32 fd */
	WASI_SUB_SIZE = 48,
};

/* event */
enum {
	WASI_EVENT_USERDATA = 0, /* u64 */
	WASI_EVENT_ERROR = 8,    /* u16 errno */
	WASI_EVENT_TYPE = 10,    /* u8 eventtype */
	WASI_EVENT_NBYTES = 16,  /* u64 */
	WASI_EVENT_FLAGS = 24,   /* u16 eventrwflags */
	WASI_EVENT_SIZE = 32,
};

/* ---- signatures, from wasi.def ---- */

/* WASI_MAP(p, a, b, ...) expands to `p##a p##b ...` (1 to 10 items). */
#define WASI_CAT(a, b) WASI_CAT_(a, b)
#define WASI_CAT_(a, b) a##b
#define WASI_LIST(...) __VA_ARGS__
#define WASI_COUNT(...)                                                        \
	WASI_COUNT_(__VA_ARGS__, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define WASI_COUNT_(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, n, ...) n
#define WASI_MAP(p, ...)                                                       \
	WASI_CAT(WASI_MAP_, WASI_COUNT(__VA_ARGS__))(p, __VA_ARGS__)
#define WASI_MAP_1(p, a) p##a
#define WASI_MAP_2(p, a, ...) p##a WASI_MAP_1(p, __VA_ARGS__)
#define WASI_MAP_3(p, a, ...) p##a WASI_MAP_2(p, __VA_ARGS__)
#define WASI_MAP_4(p, a, ...) p##a WASI_MAP_3(p, __VA_ARGS__)
#define WASI_MAP_5(p, a, ...) p##a WASI_MAP_4(p, __VA_ARGS__)
#define WASI_MAP_6(p, a, ...) p##a WASI_MAP_5(p, __VA_ARGS__)
#define WASI_MAP_7(p, a, ...) p##a WASI_MAP_6(p, __VA_ARGS__)
#define WASI_MAP_8(p, a, ...) p##a WASI_MAP_7(p, __VA_ARGS__)
#define WASI_MAP_9(p, a, ...) p##a WASI_MAP_8(p, __VA_ARGS__)
#define WASI_MAP_10(p, a, ...) p##a WASI_MAP_9(p, __VA_ARGS__)

/* C parameter types after the leading `void *ctx`, and result types. */
#define WASI_CPARAM_CTX
#define WASI_CPARAM_I32 , int32_t
#define WASI_CPARAM_I64 , int64_t
#define WASI_CRESULT_I32 int32_t
#define WASI_CRESULT_VOID void

/* Number of Wasm parameters and results of a row. */
#define WASI_NPARAMS(params) (WASI_COUNT(WASI_LIST params) - 1)
#define WASI_NRESULTS_I32 1
#define WASI_NRESULTS_VOID 0

/*
 * One host function per row.  ctx is the calling w2n_rt_instance; its
 * header's `wasi` field is the wasi_ctx.  Pointers and lengths are guest
 * values (wasm32) and are bounds-checked against the instance's memory 0
 * before use; an out-of-bounds one gives WASI_ERRNO_FAULT with no effect.
 * The result is a WASI errno; out-parameters are written only on success.
 */
#define WASI_FUNC(name, result, params)                                        \
	WASI_CRESULT_##result wasi_##name(                                     \
	    void *ctx WASI_MAP(WASI_CPARAM_, WASI_LIST params));
#define WASI_FUNC_IN(module, text, name, result, params)                       \
	WASI_FUNC(name, result, params)
#include "wasi.def"
#undef WASI_FUNC
#undef WASI_FUNC_IN

#endif
