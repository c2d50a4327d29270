/*
 * cg_atomic.c - atomic memory instructions (threads proposal), the ATOMIC
 * family: seq_cst loads and stores, read-modify-writes and cmpxchg that
 * return the old value (narrow forms zero-extended), atomic.fence, and
 * memory.atomic.wait/notify, which call the runtime's parking lot.
 * Input: one 0xFE-prefixed instruction; its row's MEM, OPER and WIDTH say
 * what it does.  Every access checks its alignment first (a misaligned
 * effective address traps "unaligned atomic", as the reference
 * interpreter checks it before the access) and then its bounds as a plain
 * access does (cg_memory_address).  LLVM lowers each to the target's
 * atomic instructions (docs/threads.md has what each target gets).
 */
#include "cg_internal.h"

static const LLVMAtomicOrdering SEQ_CST =
    LLVMAtomicOrderingSequentiallyConsistent;

/* The address of the access of `in` to `addr`, after the alignment and
 * bounds checks. */
static LLVMValueRef atomic_address(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                                   LLVMValueRef addr)
{
	uint32_t width = ir_opcodes[in->op].width;
	uint32_t memory = in->imm.mem.memory;
	if (width > 1) {
		/* addr + offset and addr + (offset mod width) agree in the
		 * low bits, in either address type. */
		LLVMTypeRef t = LLVMTypeOf(addr);
		LLVMValueRef low = LLVMBuildAdd(
		    cx->b, addr,
		    LLVMConstInt(t, in->imm.mem.offset % width, false), "");
		low = LLVMBuildAnd(cx->b, low,
		                   LLVMConstInt(t, width - 1, false), "");
		LLVMValueRef odd = LLVMBuildICmp(cx->b, LLVMIntNE, low,
		                                 LLVMConstInt(t, 0, false), "");
		cg_trap_if(cx, fx, odd, W2N_TRAP_UNALIGNED_ATOMIC);
	}
	return cg_memory_address(cx, fx, memory, addr, in->imm.mem.offset,
	                         width);
}

/* The integer type of the bytes the row accesses. */
static LLVMTypeRef access_type(cg_ctx *cx, const ir_opcode_info *info)
{
	return LLVMIntTypeInContext(cx->ctx, info->width * 8u);
}

/* A value read from memory, zero-extended to the row's result. */
static void push_result(cg_ctx *cx, cg_func *fx, const ir_opcode_info *info,
                        LLVMValueRef v)
{
	LLVMTypeRef t = cg_valtype(cx, ir_letter_type(info->results[0]));
	if (LLVMTypeOf(v) != t)
		v = LLVMBuildZExt(cx->b, v, t, "");
	cg_push(fx, v);
}

/* Tags an atomic access as one of linear memory, of natural alignment. */
static void set_access(cg_ctx *cx, LLVMValueRef v, uint32_t width)
{
	LLVMSetAlignment(v, width);
	LLVMSetMetadata(v, cx->tbaa_kind, cx->tbaa_memory);
}

static void emit_load(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_opcode_info *info = &ir_opcodes[in->op];
	LLVMValueRef p = atomic_address(cx, fx, in, cg_pop(fx));
	LLVMValueRef v = LLVMBuildLoad2(cx->b, access_type(cx, info), p, "");
	LLVMSetOrdering(v, SEQ_CST);
	set_access(cx, v, info->width);
	push_result(cx, fx, info, v);
}

static void emit_store(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_opcode_info *info = &ir_opcodes[in->op];
	LLVMValueRef v = cg_pop(fx);
	LLVMValueRef p = atomic_address(cx, fx, in, cg_pop(fx));
	LLVMTypeRef t = access_type(cx, info);
	if (LLVMTypeOf(v) != t)
		v = LLVMBuildTrunc(cx->b, v, t, "");
	LLVMValueRef s = LLVMBuildStore(cx->b, v, p);
	LLVMSetOrdering(s, SEQ_CST);
	set_access(cx, s, info->width);
}

static LLVMAtomicRMWBinOp rmw_op(ir_operation oper)
{
	switch (oper) {
	case IR_OPER_ADD: return LLVMAtomicRMWBinOpAdd;
	case IR_OPER_SUB: return LLVMAtomicRMWBinOpSub;
	case IR_OPER_AND: return LLVMAtomicRMWBinOpAnd;
	case IR_OPER_OR: return LLVMAtomicRMWBinOpOr;
	case IR_OPER_XOR: return LLVMAtomicRMWBinOpXor;
	case IR_OPER_XCHG: return LLVMAtomicRMWBinOpXchg;
	default: W2N_UNREACHABLE();
	}
}

/* An operand narrowed to the bytes the row accesses (the spec wraps the
 * operands of a narrow RMW, cmpxchg's expected value included). */
static LLVMValueRef pop_operand(cg_ctx *cx, cg_func *fx,
                                const ir_opcode_info *info)
{
	LLVMValueRef v = cg_pop(fx);
	LLVMTypeRef t = access_type(cx, info);
	return LLVMTypeOf(v) == t ? v : LLVMBuildTrunc(cx->b, v, t, "");
}

/* RMW and cmpxchg: the old value. */
static void emit_rmw(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_opcode_info *info = &ir_opcodes[in->op];
	LLVMValueRef v = pop_operand(cx, fx, info), old;
	if (info->oper == IR_OPER_CMPXCHG) {
		LLVMValueRef expected = pop_operand(cx, fx, info);
		LLVMValueRef p = atomic_address(cx, fx, in, cg_pop(fx));
		LLVMValueRef pair = LLVMBuildAtomicCmpXchg(
		    cx->b, p, expected, v, SEQ_CST, SEQ_CST, false);
		set_access(cx, pair, info->width);
		old = LLVMBuildExtractValue(cx->b, pair, 0, "");
	} else {
		LLVMValueRef p = atomic_address(cx, fx, in, cg_pop(fx));
		old = LLVMBuildAtomicRMW(cx->b, rmw_op(info->oper), p, v,
		                         SEQ_CST, false);
		set_access(cx, old, info->width);
	}
	push_result(cx, fx, info, old);
}

/* wait32/wait64 (address, expected, timeout) and notify (address,
 * count): the runtime, at the checked address. */
static void emit_wait_notify(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_opcode_info *info = &ir_opcodes[in->op];
	LLVMValueRef mem = cg_i32(cx, in->imm.mem.memory);
	if (info->mem == IR_MEM_NOTIFY) {
		LLVMValueRef count = cg_pop(fx);
		LLVMValueRef p = atomic_address(cx, fx, in, cg_pop(fx));
		LLVMValueRef args[] = {fx->inst, mem, p, count};
		cg_push(fx,
		        cg_call_helper(cx, CG_HELPER_MEMORY_NOTIFY, args, 4));
		return;
	}
	LLVMValueRef timeout = cg_pop(fx), expected = cg_pop(fx);
	LLVMValueRef p = atomic_address(cx, fx, in, cg_pop(fx));
	LLVMValueRef args[] = {fx->inst, mem, p, expected, timeout};
	cg_helper h = info->width == 8 ? CG_HELPER_MEMORY_WAIT64
	                               : CG_HELPER_MEMORY_WAIT32;
	cg_push(fx, cg_call_helper(cx, h, args, 5));
}

void cg_atomic(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (ir_opcodes[in->op].mem) {
	case IR_MEM_LOAD: emit_load(cx, fx, in); return;
	case IR_MEM_STORE: emit_store(cx, fx, in); return;
	case IR_MEM_RMW: emit_rmw(cx, fx, in); return;
	case IR_MEM_WAIT:
	case IR_MEM_NOTIFY: emit_wait_notify(cx, fx, in); return;
	case IR_MEM_NONE: /* atomic.fence */
		LLVMBuildFence(cx->b, SEQ_CST, false, "");
		return;
	default: W2N_UNREACHABLE();
	}
}
