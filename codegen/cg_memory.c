/*
 * cg_memory.c - linear memory instructions (spec 4.4.7), for any of the
 * module's memories.  Every access to a 32-bit memory computes a 64-bit
 * effective address (i32 address + u32 offset, so it cannot wrap) and,
 * with explicit bounds checks, compares its end with the memory's current
 * size.  With guard pages the reservation makes any such address either
 * valid or a fault the runtime turns into a trap.  A 64-bit memory
 * (memory64) is compared under both strategies: no reservation covers
 * 64-bit addresses, and the sum address + offset + size is checked for
 * overflow, so no address wraps (docs/memory.md).
 */
#include "cg_internal.h"

LLVMValueRef cg_load_memory(cg_ctx *cx, LLVMTypeRef t, LLVMValueRef ptr)
{
	LLVMValueRef v = LLVMBuildLoad2(cx->b, t, ptr, "");
	LLVMSetAlignment(v, 1);
	LLVMSetMetadata(v, cx->tbaa_kind, cx->tbaa_memory);
	cg_keep_trap(cx, v);
	return v;
}

/*
 * On targets where a store running into a guard page may write its first
 * bytes before the fault, touch its last byte first: when that faults,
 * nothing has been written, and when it does not, the whole store is in
 * bounds (the accessible part of memory is one prefix).
 */
static void probe_last_byte(cg_ctx *cx, LLVMValueRef v, LLVMValueRef ptr)
{
	unsigned long long size = LLVMABISizeOfType(cx->td, LLVMTypeOf(v));
	if (size < 2 || cx->o->bounds != W2N_RT_BOUNDS_GUARD ||
	    !(cx->o->target->quirks & CG_QUIRK_PARTIAL_STORES))
		return;
	LLVMValueRef off = cg_i64(cx, size - 1);
	LLVMValueRef last =
	    LLVMBuildInBoundsGEP2(cx->b, cx->t_i8, ptr, &off, 1, "");
	LLVMValueRef probe = LLVMBuildLoad2(cx->b, cx->t_i8, last, "");
	LLVMSetVolatile(probe, true);
}

void cg_store_memory(cg_ctx *cx, LLVMValueRef v, LLVMValueRef ptr)
{
	probe_last_byte(cx, v, ptr);
	LLVMValueRef s = LLVMBuildStore(cx->b, v, ptr);
	LLVMSetAlignment(s, 1);
	LLVMSetMetadata(s, cx->tbaa_kind, cx->tbaa_memory);
}

bool cg_memory_is64(cg_ctx *cx, uint32_t memory)
{
	return cx->m->memories[memory].limits.addr64;
}

bool cg_memory_fixed(cg_ctx *cx, uint32_t memory)
{
	return cx->m->memories[memory].limits.shared ||
	       (cx->o->bounds == W2N_RT_BOUNDS_GUARD &&
	        !cg_memory_is64(cx, memory));
}

void cg_memory_size_range(cg_ctx *cx, LLVMValueRef load, uint32_t memory)
{
	const ir_limits *l = &cx->m->memories[memory].limits;
	const uint64_t most_pages = 1ull << 48; /* 2^64 bytes */
	if (l->min == 0 || l->min >= most_pages)
		return;
	uint64_t low = l->min << 16;
	/* [low, 0) wraps: low and up. */
	uint64_t high =
	    l->has_max && l->max < most_pages ? (l->max << 16) + 1 : 0;
	LLVMMetadataRef bounds[] = {LLVMValueAsMetadata(cg_i64(cx, low)),
	                            LLVMValueAsMetadata(cg_i64(cx, high))};
	LLVMSetMetadata(load, LLVMGetMDKindIDInContext(cx->ctx, "range", 5),
	                LLVMMetadataAsValue(
	                    cx->ctx, LLVMMDNodeInContext2(cx->ctx, bounds, 2)));
}

/* The byte size of `memory` for a bounds check or memory.size: the
 * function's cached copy, or for a fixed memory, whose size nothing
 * caches, the memory object's; for a shared memory, which another thread
 * may grow at any time, an atomic load at each use (docs/threads.md). */
static LLVMValueRef memory_size(cg_ctx *cx, cg_func *fx, uint32_t memory)
{
	if (!cg_memory_fixed(cx, memory))
		return LLVMBuildLoad2(cx->b, cx->t_i64, fx->mem_size[memory],
		                      "");
	LLVMValueRef mem = cg_memory_object(cx, fx, memory);
	LLVMValueRef size =
	    cg_load_vm(cx, cx->t_i64, CG_RT_ADDR(cx, memory, mem, size));
	cg_memory_size_range(cx, size, memory);
	if (cx->m->memories[memory].limits.shared) {
		LLVMSetOrdering(size, LLVMAtomicOrderingMonotonic);
		LLVMSetAlignment(size, 8);
	}
	return size;
}

/* The effective address of an access to a 32-bit memory: zero-extended
 * i32 address plus u32 offset, compared with the size in explicit mode. */
static LLVMValueRef address32(cg_ctx *cx, cg_func *fx, uint32_t memory,
                              LLVMValueRef addr, uint64_t offset, uint32_t size)
{
	LLVMValueRef ea = LLVMBuildZExt(cx->b, addr, cx->t_i64, "");
	if (offset)
		ea = LLVMBuildAdd(cx->b, ea, cg_i64(cx, offset), "");
	if (cx->o->bounds == W2N_RT_BOUNDS_EXPLICIT) {
		LLVMValueRef end =
		    LLVMBuildAdd(cx->b, ea, cg_i64(cx, size), "");
		LLVMValueRef limit = memory_size(cx, fx, memory);
		LLVMValueRef oob =
		    LLVMBuildICmp(cx->b, LLVMIntUGT, end, limit, "");
		cg_trap_if(cx, fx, oob, W2N_TRAP_OOB_MEMORY);
	}
	return ea;
}

/* The effective address of an access to a 64-bit memory: traps unless
 * addr + offset + size, summed without wrapping, is within the size. */
static LLVMValueRef address64(cg_ctx *cx, cg_func *fx, uint32_t memory,
                              LLVMValueRef addr, uint64_t offset, uint32_t size)
{
	uint64_t span = offset + size;
	if (span < offset) { /* past 2^64: no address is in bounds */
		cg_trap_if(cx, fx, LLVMConstInt(cx->t_i1, 1, false),
		           W2N_TRAP_OOB_MEMORY);
		return addr;
	}
	LLVMValueRef args[] = {addr, cg_i64(cx, span)};
	LLVMValueRef sum =
	    cg_intrinsic(cx, "llvm.uadd.with.overflow", cx->t_i64, args, 2);
	LLVMValueRef end = LLVMBuildExtractValue(cx->b, sum, 0, "");
	LLVMValueRef wrapped = LLVMBuildExtractValue(cx->b, sum, 1, "");
	LLVMValueRef limit = memory_size(cx, fx, memory);
	LLVMValueRef past = LLVMBuildICmp(cx->b, LLVMIntUGT, end, limit, "");
	cg_trap_if(cx, fx, LLVMBuildOr(cx->b, wrapped, past, ""),
	           W2N_TRAP_OOB_MEMORY);
	if (!offset)
		return addr;
	return LLVMBuildNUWAdd(cx->b, addr, cg_i64(cx, offset), "");
}

/* An i64 of a byte count or checked address, as the target's intptr. */
static LLVMValueRef intptr(cg_ctx *cx, LLVMValueRef v)
{
	if (cx->t_intptr == cx->t_i64)
		return v;
	return LLVMBuildTrunc(cx->b, v, cx->t_intptr, "");
}

/* The host pointer to checked address `ea` (i64) of `memory`. */
static LLVMValueRef memory_pointer(cg_ctx *cx, cg_func *fx, uint32_t memory,
                                   LLVMValueRef ea)
{
	LLVMValueRef base =
	    LLVMBuildLoad2(cx->b, cx->t_ptr, fx->mem_base[memory], "");
	ea = intptr(cx, ea);
	return LLVMBuildInBoundsGEP2(cx->b, cx->t_i8, base, &ea, 1, "");
}

LLVMValueRef cg_memory_address(cg_ctx *cx, cg_func *fx, uint32_t memory,
                               LLVMValueRef addr, uint64_t offset,
                               uint32_t size)
{
	LLVMValueRef ea = cg_memory_is64(cx, memory)
	                      ? address64(cx, fx, memory, addr, offset, size)
	                      : address32(cx, fx, memory, addr, offset, size);
	return memory_pointer(cx, fx, memory, ea);
}

/* The type of the bytes a load or store accesses: the row's value type,
 * or an integer of the row's WIDTH for a narrow one (OPER EXTEND or WRAP).
 * `value` is the letter of the loaded or stored value's type. */
static LLVMTypeRef access_type(cg_ctx *cx, const ir_opcode_info *info,
                               char value)
{
	switch (value) {
	case 'f': return cx->t_f32;
	case 'd': return cx->t_f64;
	default: return LLVMIntTypeInContext(cx->ctx, info->width * 8u);
	}
}

static void emit_load(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_opcode_info *info = &ir_opcodes[in->op];
	LLVMTypeRef t = access_type(cx, info, info->results[0]);
	LLVMValueRef p =
	    cg_memory_address(cx, fx, in->imm.mem.memory, cg_pop(fx),
	                      in->imm.mem.offset, info->width);
	LLVMValueRef v = cg_load_memory(cx, t, p);
	LLVMTypeRef result = cg_valtype(cx, ir_letter_type(info->results[0]));
	bool sext = info->sign == IR_SIGN_S;
	if (info->oper == IR_OPER_EXTEND)
		v = sext ? LLVMBuildSExt(cx->b, v, result, "")
		         : LLVMBuildZExt(cx->b, v, result, "");
	cg_push(fx, v);
}

static void emit_store(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_opcode_info *info = &ir_opcodes[in->op];
	LLVMTypeRef t = access_type(cx, info, info->params[1]);
	LLVMValueRef v = cg_pop(fx);
	LLVMValueRef p =
	    cg_memory_address(cx, fx, in->imm.mem.memory, cg_pop(fx),
	                      in->imm.mem.offset, info->width);
	if (info->oper == IR_OPER_WRAP)
		v = LLVMBuildTrunc(cx->b, v, t, "");
	cg_store_memory(cx, v, p);
}

/* memory.size: pages, an i32 or (64-bit memory) i64. */
static void emit_size(cg_ctx *cx, cg_func *fx, uint32_t memory)
{
	LLVMValueRef size = memory_size(cx, fx, memory);
	LLVMValueRef pages = LLVMBuildLShr(cx->b, size, cg_i64(cx, 16), "");
	if (!cg_memory_is64(cx, memory))
		pages = LLVMBuildTrunc(cx->b, pages, cx->t_i32, "");
	cg_push(fx, pages);
}

static void emit_grow(cg_ctx *cx, cg_func *fx, uint32_t memory)
{
	LLVMValueRef args[] = {fx->inst, cg_i32(cx, memory), cg_pop(fx)};
	cg_helper h = cg_memory_is64(cx, memory) ? CG_HELPER_MEMORY_GROW64
	                                         : CG_HELPER_MEMORY_GROW;
	cg_push(fx, cg_call_helper(cx, h, args, 3));
	cg_reload_memory(cx, fx);
}

/* The host pointer to the `len` bytes (an i64 of an i32) at i32 address
 * `at` of 32-bit memory `memory`, trapping unless they lie within it:
 * 33-bit sums, no wrap. */
static LLVMValueRef checked_range(cg_ctx *cx, cg_func *fx, uint32_t memory,
                                  LLVMValueRef at, LLVMValueRef len)
{
	at = LLVMBuildZExt(cx->b, at, cx->t_i64, "");
	LLVMValueRef end = LLVMBuildNUWAdd(cx->b, at, len, "");
	LLVMValueRef oob = LLVMBuildICmp(cx->b, LLVMIntUGT, end,
	                                 memory_size(cx, fx, memory), "");
	cg_trap_if(cx, fx, oob, W2N_TRAP_OOB_MEMORY);
	return memory_pointer(cx, fx, memory, at);
}

/* memory.fill and memory.copy on 32-bit memories, inline: both ranges
 * checked before any byte is written (spec 4.4.7), then LLVM's memset or
 * memmove, which the backend makes the host's routine, or a few moves
 * for a small constant length. */
static void inline_fill(cg_ctx *cx, cg_func *fx, uint32_t mem, LLVMValueRef d,
                        LLVMValueRef v, LLVMValueRef n)
{
	LLVMValueRef len = LLVMBuildZExt(cx->b, n, cx->t_i64, "");
	LLVMValueRef to = checked_range(cx, fx, mem, d, len);
	LLVMBuildMemSet(cx->b, to, LLVMBuildTrunc(cx->b, v, cx->t_i8, ""),
	                intptr(cx, len), 1);
}

static void inline_copy(cg_ctx *cx, cg_func *fx, uint32_t dst, uint32_t src,
                        LLVMValueRef d, LLVMValueRef s, LLVMValueRef n)
{
	LLVMValueRef len = LLVMBuildZExt(cx->b, n, cx->t_i64, "");
	LLVMValueRef to = checked_range(cx, fx, dst, d, len);
	LLVMValueRef from = checked_range(cx, fx, src, s, len);
	LLVMBuildMemMove(cx->b, to, 1, from, 1, intptr(cx, len));
}

/* memory.fill and memory.copy: inline when only 32-bit memories take
 * part, else the runtime's 64-bit helpers, i32 operands zero-extended;
 * memory.init: the runtime, its 64-bit helper for a 64-bit memory. */
static void emit_bulk(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMValueRef n = cg_pop(fx), s = cg_pop(fx), d = cg_pop(fx);
	uint32_t mem = ir_instr_memory(in);
	bool wide = cg_memory_is64(cx, mem);
	switch (ir_opcodes[in->op].mem) {
	case IR_MEM_FILL: {
		if (!wide) {
			inline_fill(cx, fx, mem, d, s, n);
			return;
		}
		LLVMValueRef args[] = {fx->inst, cg_i32(cx, mem), d, s, n};
		cg_call_helper(cx, CG_HELPER_MEMORY_FILL64, args, 5);
		return;
	}
	case IR_MEM_COPY: {
		uint32_t src = in->imm.index2.b;
		if (!wide && !cg_memory_is64(cx, src)) {
			inline_copy(cx, fx, mem, src, d, s, n);
			return;
		}
		LLVMValueRef dsn[] = {d, s, n};
		cg_call_copy(cx, fx, CG_HELPER_MEMORY_COPY64,
		             CG_HELPER_MEMORY_COPY64, true, mem, src, dsn);
		return;
	}
	default: { /* IR_MEM_INIT */
		LLVMValueRef args[] = {fx->inst,
		                       cg_i32(cx, mem),
		                       cg_i32(cx, in->imm.index2.a),
		                       d,
		                       s,
		                       n};
		cg_call_helper(
		    cx, wide ? CG_HELPER_MEMORY_INIT64 : CG_HELPER_MEMORY_INIT,
		    args, 6);
		return;
	}
	}
}

static void emit_data_drop(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMValueRef args[] = {fx->inst, cg_i32(cx, in->imm.index)};
	cg_call_helper(cx, CG_HELPER_DATA_DROP, args, 2);
}

/* Scalar memory instructions, by their MEM column. */
void cg_memory(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (ir_opcodes[in->op].mem) {
	case IR_MEM_LOAD: emit_load(cx, fx, in); return;
	case IR_MEM_STORE: emit_store(cx, fx, in); return;
	case IR_MEM_SIZE: emit_size(cx, fx, in->imm.memory); return;
	case IR_MEM_GROW: emit_grow(cx, fx, in->imm.memory); return;
	case IR_MEM_FILL:
	case IR_MEM_COPY:
	case IR_MEM_INIT: emit_bulk(cx, fx, in); return;
	case IR_MEM_DATA_DROP: emit_data_drop(cx, fx, in); return;
	default: W2N_UNREACHABLE();
	}
}
