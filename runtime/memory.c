/*
 * memory.c - linear memories and the memory instructions generated code
 * leaves to the runtime (memory.grow, fill, copy, init, data.drop).
 *
 * Two kinds of memory, after the strategy the module was compiled with:
 *   GUARD     reserves W2N_RT_GUARD_RESERVE bytes of PROT_NONE address
 *             space and makes the first `size` bytes readable and
 *             writable; generated code does no bounds checks, an access
 *             past `size` faults and the signal handler (trap.c) turns the
 *             fault into a trap because the address lies in a reservation
 *             of the guard registry below.  The base never moves.
 *   EXPLICIT  maps exactly `size` bytes; growing may move the base, so
 *             generated code reloads it after every call.
 * Both are zero-filled anonymous mappings.  Memories are reference counted
 * because instances share them through imports.
 *
 * A shared memory (threads) never moves in either strategy: EXPLICIT
 * reserves its maximum like GUARD reserves 8 GiB, and grows by opening
 * pages of the reservation, under a lock, publishing `size` atomically
 * (docs/threads.md).
 *
 * A 64-bit memory (memory64) is always EXPLICIT: no reservation can cover
 * 64-bit addresses, so generated code compares every access with `size`
 * under either strategy (codegen/cg_memory.c).  It grows past 4 GiB as
 * far as the host's address space and mremap allow, up to 2^48 pages.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>

#include "rt_internal.h"

enum {
	PAGE_SIZE_WASM = 65536,
	MAX_PAGES = 65536,  /* 4 GiB: the 32-bit address space */
	GUARD_SLOTS = 4096, /* live GUARD memories; 32 TiB of reservations */
};

/* The spec's limit for 64-bit memories (2^64 bytes); the host's address
 * space stops them well before (HOST_MAX_PAGES). */
#define MAX_PAGES64 (UINT64_C(1) << 48)
/* Pages whose byte count fits in a size_t. */
#define HOST_MAX_PAGES ((uint64_t)SIZE_MAX / PAGE_SIZE_WASM)

/* The runtime's memory object; a w2n_rt_memory * points to its start. */
typedef struct memory_obj {
	w2n_rt_memory pub;
	atomic_uint refs;
	uint32_t has_max;
	uint32_t addr64; /* a 64-bit memory (w2n_rt_memory_new64) */
	uint32_t shared; /* a shared memory (w2n_rt_memory_new_shared) */
	int guard_slot;  /* index in guard_slots, or -1 */
	pthread_mutex_t grow_lock; /* a shared memory's growth */
} memory_obj;

/*
 * The guard registry: the reservations of live GUARD memories, read by
 * the signal handler, so lock-free.  A slot's base is 0 when free, 1 while
 * being claimed or released (then `size` is not to be trusted), and the
 * reservation's address when live.
 */
static struct guard_slot {
	_Atomic uintptr_t base;
	_Atomic uintptr_t size;
} guard_slots[GUARD_SLOTS];

bool w2n_rt_guard_contains(uintptr_t addr)
{
	for (size_t i = 0; i < GUARD_SLOTS; i++) {
		uintptr_t base = atomic_load(&guard_slots[i].base);
		if (base <= 1 || addr < base)
			continue;
		if (addr - base < atomic_load(&guard_slots[i].size))
			return true;
	}
	return false;
}

/* Registers a reservation; -1 when the registry is full. */
static int guard_register(void *base, uint64_t size)
{
	for (int i = 0; i < GUARD_SLOTS; i++) {
		uintptr_t expected = 0;
		if (!atomic_compare_exchange_strong(&guard_slots[i].base,
		                                    &expected, 1))
			continue;
		atomic_store(&guard_slots[i].size, (uintptr_t)size);
		atomic_store(&guard_slots[i].base, (uintptr_t)base);
		return i;
	}
	return -1;
}

static void guard_unregister(int slot)
{
	atomic_store(&guard_slots[slot].base, 1);
	atomic_store(&guard_slots[slot].size, 0);
	atomic_store(&guard_slots[slot].base, 0);
}

static memory_obj *obj_of(const w2n_rt_memory *mem)
{
	return (memory_obj *)(uintptr_t)(const void *)mem;
}

/* Reserves the address space of a GUARD memory and opens `bytes`. */
static bool map_guard(memory_obj *o, uint64_t bytes)
{
	if (UINTPTR_MAX < W2N_RT_GUARD_RESERVE * 2 || w2n_rt_alloc_injected())
		return false;
	size_t reserve = (size_t)W2N_RT_GUARD_RESERVE;
	void *p = mmap(NULL, reserve, PROT_NONE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return false;
	if (bytes && mprotect(p, (size_t)bytes, PROT_READ | PROT_WRITE)) {
		munmap(p, reserve);
		return false;
	}
	o->guard_slot = guard_register(p, reserve);
	if (o->guard_slot < 0) {
		munmap(p, reserve);
		return false;
	}
	o->pub.base = p;
	o->pub.reserved = reserve;
	return true;
}

/* Maps exactly `bytes` for an EXPLICIT memory (none when 0). */
static bool map_explicit(memory_obj *o, uint64_t bytes)
{
	if (bytes == 0)
		return true;
	if (bytes > SIZE_MAX || w2n_rt_alloc_injected())
		return false;
	void *p = mmap(NULL, (size_t)bytes, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return false;
	o->pub.base = p;
	o->pub.reserved = bytes;
	return true;
}

/* Reserves up to `max_bytes` for a shared EXPLICIT memory, halving what
 * it asks for down to `bytes` when the host's address space is short (a
 * 32-bit host), and opens `bytes`. */
static bool map_reserved(memory_obj *o, uint64_t bytes, uint64_t max_bytes)
{
	if (w2n_rt_alloc_injected())
		return false;
	uint64_t want = max_bytes < SIZE_MAX ? max_bytes : SIZE_MAX;
	void *p = MAP_FAILED;
	while (want && want >= bytes) {
		p = mmap(NULL, (size_t)want, PROT_NONE,
		         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p != MAP_FAILED || want == bytes)
			break;
		want = want / 2 > bytes ? want / 2 : bytes;
	}
	if (want == 0)
		return true; /* a maximum of 0 pages: nothing to map */
	if (p == MAP_FAILED)
		return false;
	if (bytes && mprotect(p, (size_t)bytes, PROT_READ | PROT_WRITE)) {
		munmap(p, (size_t)want);
		return false;
	}
	o->pub.base = p;
	o->pub.reserved = want;
	return true;
}

/* Maps the memory of `o` after its strategy and sharing. */
static bool map_memory(memory_obj *o, uint64_t bytes, uint64_t max_pages)
{
	if (o->pub.bounds == W2N_RT_BOUNDS_GUARD)
		return map_guard(o, bytes);
	if (o->shared)
		return map_reserved(o, bytes,
		                    max_pages > HOST_MAX_PAGES
		                        ? HOST_MAX_PAGES * PAGE_SIZE_WASM
		                        : max_pages * PAGE_SIZE_WASM);
	return map_explicit(o, bytes);
}

/* A memory of `min_pages` of at most `max_pages` (already checked). */
static w2n_rt_memory *memory_new(uint64_t min_pages, uint64_t max_pages,
                                 uint32_t has_max, uint32_t bounds,
                                 uint32_t addr64, uint32_t shared)
{
	if (min_pages > HOST_MAX_PAGES)
		return NULL;
	memory_obj *o = w2n_rt_calloc(1, sizeof *o);
	if (!o)
		return NULL;
	uint64_t bytes = min_pages * PAGE_SIZE_WASM;
	o->guard_slot = -1;
	o->has_max = has_max != 0;
	o->addr64 = addr64;
	o->shared = shared;
	o->pub.bounds = bounds;
	if (!map_memory(o, bytes, max_pages)) {
		w2n_rt_free(o);
		return NULL;
	}
	pthread_mutex_init(&o->grow_lock, NULL);
	o->pub.size = bytes;
	o->pub.pages = min_pages;
	o->pub.max_pages = max_pages;
	atomic_init(&o->refs, 1);
	return &o->pub;
}

w2n_rt_memory *w2n_rt_memory_new(uint64_t min_pages, uint64_t max_pages,
                                 uint32_t has_max, uint32_t bounds)
{
	if (!has_max)
		max_pages = MAX_PAGES;
	if (min_pages > max_pages || max_pages > MAX_PAGES ||
	    (bounds != W2N_RT_BOUNDS_GUARD && bounds != W2N_RT_BOUNDS_EXPLICIT))
		return NULL;
	return memory_new(min_pages, max_pages, has_max, bounds, 0, 0);
}

w2n_rt_memory *w2n_rt_memory_new64(uint64_t min_pages, uint64_t max_pages,
                                   uint32_t has_max)
{
	if (!has_max)
		max_pages = MAX_PAGES64;
	if (min_pages > max_pages || max_pages > MAX_PAGES64)
		return NULL;
	return memory_new(min_pages, max_pages, has_max, W2N_RT_BOUNDS_EXPLICIT,
	                  1, 0);
}

w2n_rt_memory *w2n_rt_memory_new_shared(uint64_t min_pages, uint64_t max_pages,
                                        uint32_t bounds, uint32_t addr64)
{
	if (min_pages > max_pages ||
	    max_pages > (addr64 ? MAX_PAGES64 : MAX_PAGES) ||
	    (bounds != W2N_RT_BOUNDS_GUARD && bounds != W2N_RT_BOUNDS_EXPLICIT))
		return NULL;
	if (addr64)
		bounds = W2N_RT_BOUNDS_EXPLICIT;
	return memory_new(min_pages, max_pages, 1, bounds, addr64, 1);
}

bool w2n_rt_memory_is_shared(const w2n_rt_memory *mem)
{
	return obj_of(mem)->shared != 0;
}

uint64_t w2n_rt_memory_size(const w2n_rt_memory *mem)
{
	return __atomic_load_n(&mem->size, __ATOMIC_ACQUIRE);
}

void w2n_rt_memory_retain(w2n_rt_memory *mem)
{
	atomic_fetch_add(&obj_of(mem)->refs, 1);
}

void w2n_rt_memory_free(w2n_rt_memory *mem)
{
	if (!mem)
		return;
	memory_obj *o = obj_of(mem);
	if (atomic_fetch_sub(&o->refs, 1) != 1)
		return;
	if (o->guard_slot >= 0)
		guard_unregister(o->guard_slot);
	if (mem->base)
		munmap(mem->base, (size_t)mem->reserved);
	pthread_mutex_destroy(&o->grow_lock);
	w2n_rt_free(o);
}

bool w2n_rt_memory_has_max(const w2n_rt_memory *mem)
{
	return obj_of(mem)->has_max != 0;
}

bool w2n_rt_memory_is64(const w2n_rt_memory *mem)
{
	return obj_of(mem)->addr64 != 0;
}

/* Makes the bytes [size, bytes) of `mem` accessible. */
static bool extend(w2n_rt_memory *mem, uint64_t bytes)
{
	if (w2n_rt_alloc_injected())
		return false;
	if (mem->bounds == W2N_RT_BOUNDS_GUARD || obj_of(mem)->shared) {
		if (bytes > mem->reserved)
			return false; /* a shared memory never moves */
		return mprotect(mem->base + mem->size,
		                (size_t)(bytes - mem->size),
		                PROT_READ | PROT_WRITE) == 0;
	}
	void *p = mem->base ? mremap(mem->base, (size_t)mem->reserved,
	                             (size_t)bytes, MREMAP_MAYMOVE)
	                    : mmap(NULL, (size_t)bytes, PROT_READ | PROT_WRITE,
	                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
	                           -1, 0);
	if (p == MAP_FAILED)
		return false;
	mem->base = p;
	mem->reserved = bytes;
	return true;
}

/* Grows `mem`, whose growth nothing else runs at the same time. */
static int64_t grow_locked(w2n_rt_memory *mem, uint64_t delta)
{
	uint64_t old = mem->pages;
	if (delta > mem->max_pages - old)
		return -1;
	if (delta == 0)
		return (int64_t)old;
	if (old + delta > HOST_MAX_PAGES)
		return -1;
	uint64_t bytes = (old + delta) * PAGE_SIZE_WASM;
	if (!extend(mem, bytes))
		return -1;
	/* Released after the pages opened: a thread that sees the new
	 * size may use them. */
	__atomic_store_n(&mem->size, bytes, __ATOMIC_RELEASE);
	mem->pages = old + delta;
	return (int64_t)old;
}

int64_t w2n_rt_memory_grow_by(w2n_rt_memory *mem, uint64_t delta)
{
	memory_obj *o = obj_of(mem);
	if (!o->shared)
		return grow_locked(mem, delta);
	pthread_mutex_lock(&o->grow_lock);
	int64_t old = grow_locked(mem, delta);
	pthread_mutex_unlock(&o->grow_lock);
	return old;
}

/* ---- What generated code calls ---- */

static w2n_rt_memory *memory_at(w2n_rt_instance *inst, uint32_t index)
{
	return w2n_rt_memories_of(inst)[index];
}

/* Traps unless [at, at + len) lies within `size` bytes (no sum that
 * could wrap). */
static void check_range(w2n_rt_instance *inst, uint64_t at, uint64_t len,
                        uint64_t size)
{
	if (len > size || at > size - len)
		w2n_rt_trap(inst, UINT32_MAX, W2N_TRAP_OOB_MEMORY, UINT32_MAX);
}

int32_t w2n_rt_memory_grow(w2n_rt_instance *inst, uint32_t memory,
                           uint32_t delta_pages)
{
	return (int32_t)w2n_rt_memory_grow64(inst, memory, delta_pages);
}

uint64_t w2n_rt_memory_grow64(w2n_rt_instance *inst, uint32_t memory,
                              uint64_t delta_pages)
{
	w2n_rt_memory *mem = memory_at(inst, memory);
	if (!w2n_rt_limits_allow_memory(inst, mem->pages, delta_pages))
		return UINT64_MAX; /* -1: the host's limit, as a maximum */
	return (uint64_t)w2n_rt_memory_grow_by(mem, delta_pages);
}

/* Checked, [at, at + len) is addressable: size_t casts are exact. */
void w2n_rt_memory_fill64(w2n_rt_instance *inst, uint32_t memory, uint64_t dst,
                          uint32_t value, uint64_t len)
{
	w2n_rt_memory *mem = memory_at(inst, memory);
	check_range(inst, dst, len, w2n_rt_memory_size(mem));
	if (len)
		memset(mem->base + (size_t)dst, (int)(uint8_t)value,
		       (size_t)len);
}

void w2n_rt_memory_copy64(w2n_rt_instance *inst, uint32_t dst_memory,
                          uint32_t src_memory, uint64_t dst, uint64_t src,
                          uint64_t len)
{
	w2n_rt_memory *to = memory_at(inst, dst_memory);
	w2n_rt_memory *from = memory_at(inst, src_memory);
	check_range(inst, src, len, w2n_rt_memory_size(from));
	check_range(inst, dst, len, w2n_rt_memory_size(to));
	if (len)
		memmove(to->base + (size_t)dst, from->base + (size_t)src,
		        (size_t)len);
}

void w2n_rt_memory_init64(w2n_rt_instance *inst, uint32_t memory, uint32_t data,
                          uint64_t dst, uint32_t src, uint32_t len)
{
	w2n_rt_memory *mem = memory_at(inst, memory);
	const w2n_rt_data_segment *seg = &w2n_rt_datas_of(inst)[data];
	check_range(inst, src, len, seg->len);
	check_range(inst, dst, len, w2n_rt_memory_size(mem));
	if (len)
		memcpy(mem->base + (size_t)dst, seg->bytes + src, len);
}

void w2n_rt_memory_init(w2n_rt_instance *inst, uint32_t memory, uint32_t data,
                        uint32_t dst, uint32_t src, uint32_t len)
{
	w2n_rt_memory_init64(inst, memory, data, dst, src, len);
}

void w2n_rt_data_drop(w2n_rt_instance *inst, uint32_t data)
{
	w2n_rt_datas_of(inst)[data].len = 0;
}
