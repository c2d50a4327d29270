/*
 * cg_interrupt.c - the checks of code compiled --interruptible
 * (docs/interruption.md).  At every function entry and loop header, epoch
 * code compares the process-wide epoch with the instance's deadline, and
 * fuel code charges the instructions of the region that starts there;
 * either calls w2n_rt_interrupt, on a cold path, when it is time.
 * Without --interruptible nothing here emits anything.
 */
#include "cg_internal.h"

/* The address of member `field` of the instance's w2n_rt_interrupt. */
static LLVMValueRef field_addr(cg_ctx *cx, cg_func *fx, unsigned field)
{
	return cg_vmctx_addr(cx, fx, CG_VM_INTERRUPT, field);
}

/* Whether the epoch reached the deadline.  The epoch is written by other
 * threads: a volatile load, read again on every check and never deleted
 * (so no loop that checks is free of side effects).  The deadline is an
 * ordinary load, which LLVM may keep in a register in a loop that calls
 * nothing: one load per check, as wasmtime's.  A torn read on 32-bit
 * targets only makes the code call the runtime early; it checks again. */
static LLVMValueRef epoch_due(cg_ctx *cx, cg_func *fx)
{
	LLVMValueRef counter = cg_load_vm(
	    cx, cx->t_ptr, field_addr(cx, fx, CG_RT_interruption_epoch));
	/* Set at instantiation, never changed: LLVM may keep it in a
	 * register across the cold call. */
	LLVMSetMetadata(counter,
	                LLVMGetMDKindIDInContext(cx->ctx, "invariant.load", 14),
	                LLVMMetadataAsValue(
	                    cx->ctx, LLVMMDNodeInContext2(cx->ctx, NULL, 0)));
	LLVMValueRef epoch = cg_load_vm(cx, cx->t_i64, counter);
	LLVMSetVolatile(epoch, true);
	LLVMValueRef deadline = cg_load_vm(
	    cx, cx->t_i64, field_addr(cx, fx, CG_RT_interruption_deadline));
	return LLVMBuildICmp(cx->b, LLVMIntUGE, epoch, deadline, "");
}

/* Charges `cost` fuel; whether it ran out (went below zero). */
static LLVMValueRef fuel_due(cg_ctx *cx, cg_func *fx, uint32_t cost)
{
	LLVMValueRef p = field_addr(cx, fx, CG_RT_interruption_fuel);
	LLVMValueRef left = LLVMBuildSub(cx->b, cg_load_vm(cx, cx->t_i64, p),
	                                 cg_i64(cx, cost), "fuel");
	cg_store_vm(cx, left, p);
	return LLVMBuildICmp(cx->b, LLVMIntSLT, left, cg_i64(cx, 0), "");
}

/* When `due`, calls the runtime, which returns when the host gave more
 * time or fuel (its callback may have grown memories: reload them). */
static void call_when(cg_ctx *cx, cg_func *fx, LLVMValueRef due)
{
	LLVMBasicBlockRef slow = cg_new_block(cx, fx, "interrupt");
	LLVMBasicBlockRef go = cg_new_block(cx, fx, "go");
	LLVMBuildCondBr(cx->b, due, slow, go);
	LLVMPositionBuilderAtEnd(cx->b, slow);
	LLVMValueRef args[] = {fx->inst, cg_i32(cx, fx->index)};
	LLVMValueRef call = cg_call_helper(cx, CG_HELPER_INTERRUPT, args, 2);
	unsigned cold = LLVMGetEnumAttributeKindForName("cold", 4);
	LLVMAddCallSiteAttribute(call,
	                         (LLVMAttributeIndex)LLVMAttributeFunctionIndex,
	                         LLVMCreateEnumAttribute(cx->ctx, cold, 0));
	cg_reload_memory(cx, fx);
	LLVMBuildBr(cx->b, go);
	LLVMPositionBuilderAtEnd(cx->b, go);
}

uint32_t cg_region_cost(const ir_instr *code, const ir_instr *end)
{
	uint32_t cost = 0, depth = 0;
	for (const ir_instr *in = code; in < end; in++) {
		switch (in->op) {
		case OP_LOOP: /* its body is a region of its own */
			cost++;
			for (uint32_t d = 0; ++in < end;) {
				if (in->op == OP_BLOCK || in->op == OP_LOOP ||
				    in->op == OP_IF)
					d++;
				else if (in->op == OP_END && d-- == 0)
					break;
			}
			break;
		case OP_BLOCK:
		case OP_IF: cost++, depth++; break;
		case OP_ELSE: break;
		case OP_END:
			if (depth-- == 0)
				return cost;
			break;
		default: cost++;
		}
	}
	return cost;
}

void cg_interrupt_check(cg_ctx *cx, cg_func *fx, const ir_instr *region)
{
	switch (cx->o->interruptible) {
	case W2N_RT_INTERRUPT_EPOCH:
		call_when(cx, fx, epoch_due(cx, fx));
		return;
	case W2N_RT_INTERRUPT_FUEL: {
		uint32_t cost =
		    cg_region_cost(region, fx->f->code + fx->f->ncode);
		if (cost) /* nothing runs, nothing loops back */
			call_when(cx, fx, fuel_due(cx, fx, cost));
		return;
	}
	}
}
