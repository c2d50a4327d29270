/*
 * decode_code.c - instructions and expressions (spec 5.4).  Turns the bytes
 * of a function body or constant expression into ir_instr records with
 * decoded immediates and matching block structure.  Types are not checked
 * here; that is the validator's job.
 */
#include <stdlib.h>
#include <string.h>

#include "decode_internal.h"

/*
 * A heap type (spec 5.3.x of 3.0, "Heap Types"): func or extern as one
 * byte, or a type index as a non-negative s33, as the low byte and index
 * bits of a nullable reference type.  Other abstract heap types belong to
 * GC and exception handling.
 */
static bool read_heaptype(dec_cursor *c, w2n_diag_code code, ir_valtype *t)
{
	uint64_t off = dec_offset(c);
	uint8_t b;
	int64_t idx;
	if (!dec_peek_u8(c, &b))
		return dec_u8(c, &b); /* records the end */
	if (b == IR_FUNCREF || b == IR_EXTERNREF || b == IR_EXNREF) {
		*t = b;
		return dec_u8(c, &b);
	}
	if (b >= 0x40 && b < 0x80)
		return w2n_error(c->diags, off, code, "0x%02x%s", b,
		                 dec_unsupported(DEC_SITE_VALTYPE, b));
	if (!dec_s33(c, &idx))
		return false;
	if (idx < 0)
		return w2n_error(c->diags, off, code, "heap type %lld",
		                 (long long)idx);
	if (idx >= IR_REF_INDEX_LIMIT)
		return w2n_error_named(c->diags, off, W2N_DIAG_UNKNOWN_TYPE,
		                       "%lld", (long long)idx);
	*t = ir_valtype_ref((uint32_t)idx, true);
	return true;
}

/* A reference type: funcref, externref, or 0x63 (ref null ht) and 0x64
 * (ref ht) with a heap type; `code` names what else the byte may not
 * be. */
static bool read_reftype(dec_cursor *c, uint8_t b, uint64_t off,
                         w2n_diag_code code, ir_valtype *t)
{
	switch (b) {
	case IR_FUNCREF:
	case IR_EXTERNREF:
	case IR_EXNREF: *t = b; return true;
	case 0x63:
	case 0x64:
		if (!read_heaptype(c, code, t))
			return false;
		if (b == 0x64)
			*t |= IR_REF_NONNULL;
		return true;
	default:
		return w2n_error(c->diags, off, code, "0x%02x%s", b,
		                 dec_unsupported(DEC_SITE_VALTYPE, b));
	}
}

bool dec_valtype(dec_cursor *c, ir_valtype *t)
{
	uint64_t off = dec_offset(c);
	uint8_t b;
	if (!dec_u8(c, &b))
		return false;
	switch (b) {
	case IR_I32:
	case IR_I64:
	case IR_F32:
	case IR_F64:
	case IR_V128: *t = b; return true;
	default: return read_reftype(c, b, off, W2N_DIAG_MALFORMED_VALTYPE, t);
	}
}

bool dec_reftype(dec_cursor *c, ir_valtype *t)
{
	uint64_t off = dec_offset(c);
	uint8_t b;
	return dec_u8(c, &b) &&
	       read_reftype(c, b, off, W2N_DIAG_MALFORMED_REFTYPE, t);
}

bool dec_heaptype(dec_cursor *c, ir_valtype *t)
{
	return read_heaptype(c, W2N_DIAG_MALFORMED_REFTYPE, t);
}

void dec_state_free(dec_state *s)
{
	free(s->instrs);
	free(s->open_blocks);
	s->instrs = NULL;
	s->open_blocks = NULL;
}

static ir_instr *push_instr(dec_state *s)
{
	if (s->ninstrs == s->instrs_cap) {
		s->instrs_cap = s->instrs_cap ? s->instrs_cap * 2 : 256;
		s->instrs =
		    w2n_xrealloc(s->instrs, s->instrs_cap * sizeof *s->instrs);
	}
	ir_instr *in = &s->instrs[s->ninstrs++];
	memset(in, 0, sizeof *in);
	return in;
}

static void push_open(dec_state *s, uint32_t index)
{
	if (s->nopen == s->open_cap) {
		s->open_cap = s->open_cap ? s->open_cap * 2 : 64;
		s->open_blocks = w2n_xrealloc(
		    s->open_blocks, s->open_cap * sizeof *s->open_blocks);
	}
	s->open_blocks[s->nopen++] = index;
}

/* The block types [] -> [] and [] -> [t] for every value type t, shared
 * by all modules. */
static const ir_valtype value_types[] = {
    IR_I32, IR_I64, IR_F32, IR_F64, IR_V128, IR_FUNCREF, IR_EXTERNREF};
#define VALUE_BLOCK(i)                                                         \
	{                                                                      \
		.type = { 0, 1, NULL, &value_types[i] }                        \
	}
static const ir_blocktype empty_block;
static const ir_blocktype value_blocks[] = {
    VALUE_BLOCK(0), VALUE_BLOCK(1), VALUE_BLOCK(2), VALUE_BLOCK(3),
    VALUE_BLOCK(4), VALUE_BLOCK(5), VALUE_BLOCK(6),
};

/* [] -> [t]: a shared record, or for the reference types that have
 * none, one in the module's arena. */
static const ir_blocktype *value_block(ir_module *m, ir_valtype t)
{
	for (size_t i = 0; i < sizeof value_types / sizeof *value_types; i++)
		if (value_types[i] == t)
			return &value_blocks[i];
	ir_valtype *result = w2n_arena_alloc(&m->arena, sizeof *result);
	ir_blocktype *bt = w2n_arena_zalloc(&m->arena, sizeof *bt);
	*result = t;
	bt->type.nresults = 1;
	bt->type.results = result;
	return bt;
}

/* Type index `idx` as a block type: the module's, or an unknown one for
 * the validator to reject. */
static const ir_blocktype *indexed_block(ir_module *m, uint32_t idx)
{
	if (idx < m->ntypes)
		return &m->blocktypes[idx];
	ir_blocktype *bt = w2n_arena_zalloc(&m->arena, sizeof *bt);
	bt->unknown = true;
	bt->unknown_index = idx;
	return bt;
}

/* Block type (spec 5.4.1): 0x40, a value type, or an s33 type index;
 * resolved to the block's parameters and results. */
static bool read_blocktype(dec_state *s, dec_cursor *c, const ir_blocktype **bt)
{
	uint64_t off = dec_offset(c);
	uint8_t b;
	if (!dec_peek_u8(c, &b))
		return dec_u8(c, &b); /* records the end */
	if (b == 0x40) {
		*bt = &empty_block;
		return dec_u8(c, &b);
	}
	if (b >= 0x40 && b < 0x80) {
		ir_valtype t;
		if (!dec_valtype(c, &t))
			return false;
		*bt = value_block(s->m, t);
		return true;
	}
	int64_t idx;
	if (!dec_s33(c, &idx))
		return false;
	if (idx < 0 || idx > UINT32_MAX)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_VALTYPE,
		                 NULL);
	*bt = indexed_block(s->m, (uint32_t)idx);
	return true;
}

/* One catch clause of try_table: its kind, a tag for catch and
 * catch_ref, and a label. */
static bool read_catch(dec_cursor *c, ir_catch *k)
{
	uint64_t off = dec_offset(c);
	uint8_t kind;
	if (!dec_u8(c, &kind))
		return false;
	if (kind > IR_CATCH_ALL_REF)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_CATCH,
		                 "0x%02x", kind);
	k->kind = kind;
	if (kind <= IR_CATCH_REF && !dec_u32(c, &k->tag))
		return false;
	return dec_u32(c, &k->label);
}

/* try_table's immediates: a block type and vec(catch), kept in a block
 * type record of the instruction's own. */
static bool read_try_table(dec_state *s, dec_cursor *c, ir_instr *in)
{
	const ir_blocktype *bt;
	uint32_t n;
	if (!read_blocktype(s, c, &bt) || !dec_u32(c, &n))
		return false;
	if (n > dec_remaining(c) / 2) /* each clause takes two bytes */
		return dec_fail_at_end(c);
	ir_blocktype *own = w2n_arena_zalloc(&s->m->arena, sizeof *own);
	*own = *bt;
	ir_catch *catches =
	    w2n_arena_array(&s->m->arena, n ? n : 1, sizeof *catches);
	for (uint32_t i = 0; i < n; i++)
		if (!read_catch(c, &catches[i]))
			return false;
	own->ncatches = n;
	own->catches = catches;
	in->imm.block.type = own;
	return true;
}

static bool read_br_table(dec_state *s, dec_cursor *c, ir_instr *in)
{
	uint32_t n;
	if (!dec_u32(c, &n))
		return false;
	if (n > dec_remaining(c)) /* each label takes a byte at least */
		return dec_fail_at_end(c);
	uint32_t *labels =
	    w2n_arena_array(&s->m->arena, (size_t)n + 1, sizeof *labels);
	for (uint32_t i = 0; i <= n; i++)
		if (!dec_u32(c, &labels[i]))
			return false;
	in->imm.br_table.count = n;
	in->imm.br_table.labels = labels;
	return true;
}

/*
 * memarg (spec 5.4.6): alignment flags, a memory index when bit 6 of the
 * flags is set (multiple memories), and a u64 offset.  Flags of 128 or
 * more are malformed; the alignment is their low 6 bits.
 */
static bool read_memarg(dec_cursor *c, ir_instr *in)
{
	uint64_t off = dec_offset(c);
	uint32_t flags;
	if (!dec_u32(c, &flags))
		return false;
	if (flags >= 128)
		return w2n_error(c->diags, off, W2N_DIAG_MEMOP_FLAGS, "0x%x",
		                 flags);
	in->imm.mem.align_log2 = (uint8_t)(flags & 63);
	if ((flags & 64) && !dec_u32(c, &in->imm.mem.memory))
		return false;
	return dec_u64(c, &in->imm.mem.offset);
}

static bool read_select_types(dec_cursor *c, ir_instr *in)
{
	uint32_t n;
	if (!dec_u32(c, &n))
		return false;
	in->imm.select.count = n;
	for (uint32_t i = 0; i < n; i++) {
		ir_valtype t;
		if (!dec_valtype(c, &t))
			return false;
		if (i == 0)
			in->imm.select.type = t;
	}
	return true;
}

static bool read_fixed(dec_cursor *c, uint8_t *out, size_t n)
{
	const uint8_t *p;
	if (!dec_fixed(c, n, &p))
		return false;
	memcpy(out, p, n);
	return true;
}

/* atomic.fence's reserved byte (threads proposal, binary format). */
static bool read_zero_byte(dec_cursor *c)
{
	uint64_t off = dec_offset(c);
	uint8_t b;
	if (!dec_u8(c, &b))
		return false;
	if (b != 0)
		return w2n_error(c->diags, off, W2N_DIAG_ZERO_BYTE, NULL);
	return true;
}

/* Reads the immediates of `in` according to its opcode's IMM kind. */
static bool read_immediates(dec_state *s, dec_cursor *c, ir_instr *in)
{
	ir_imm_kind kind = (ir_imm_kind)ir_opcodes[in->op].imm;
	switch (kind) {
	case IMM_NONE: return true;
	case IMM_BLOCK: return read_blocktype(s, c, &in->imm.block.type);
	case IMM_TRY_TABLE: return read_try_table(s, c, in);
	case IMM_INDEX: return dec_u32(c, &in->imm.index);
	case IMM_INDEX2:
		return dec_u32(c, &in->imm.index2.a) &&
		       dec_u32(c, &in->imm.index2.b);
	case IMM_BR_TABLE: return read_br_table(s, c, in);
	case IMM_MEMARG: return read_memarg(c, in);
	case IMM_MEMARG_LANE:
		return read_memarg(c, in) && dec_u8(c, &in->imm.mem.lane);
	case IMM_LANE: return dec_u8(c, &in->imm.lane);
	case IMM_SHUFFLE: return read_fixed(c, in->imm.shuffle, 16);
	case IMM_I32: return dec_s32(c, &in->imm.i32);
	case IMM_I64: return dec_s64(c, &in->imm.i64);
	case IMM_F32: return dec_f32(c, &in->imm.f32_bits);
	case IMM_F64: return dec_f64(c, &in->imm.f64_bits);
	case IMM_V128: return read_fixed(c, in->imm.v128, 16);
	case IMM_REFTYPE: return dec_heaptype(c, &in->imm.type);
	case IMM_SELECT_T: return read_select_types(c, in);
	case IMM_MEMIDX: return dec_u32(c, &in->imm.memory);
	case IMM_DATA_MEMIDX:
	case IMM_MEMIDX2:
		return dec_u32(c, &in->imm.index2.a) &&
		       dec_u32(c, &in->imm.index2.b);
	case IMM_ZERO: return read_zero_byte(c);
	}
	W2N_UNREACHABLE();
}

static bool read_opcode(dec_cursor *c, ir_instr *in)
{
	uint8_t b;
	uint32_t code;
	if (!dec_u8(c, &b))
		return false;
	uint8_t prefix = 0;
	code = b;
	if (b == 0xFC || b == 0xFD || b == 0xFE) {
		prefix = b;
		if (!dec_u32(c, &code))
			return false;
	}
	ir_opcode op = ir_opcode_lookup(prefix, code);
	if (op == OP_INVALID) {
		if (prefix)
			return w2n_error(
			    c->diags, in->offset, W2N_DIAG_ILLEGAL_OPCODE,
			    "0x%02x 0x%x%s", prefix, code,
			    prefix == 0xFD
			        ? dec_unsupported(DEC_SITE_SIMD_OPCODE, code)
			        : "");
		return w2n_error(c->diags, in->offset, W2N_DIAG_ILLEGAL_OPCODE,
		                 "0x%02x%s", b,
		                 dec_unsupported(DEC_SITE_OPCODE, b));
	}
	in->op = (uint16_t)op;
	return true;
}

/* Links block structure: opening, else and end.  Returns false on an
 * `else` outside an `if`; sets *done at the function-level end. */
static bool link_blocks(dec_state *s, dec_cursor *c, uint32_t idx,
                        uint32_t *max_depth, bool *done)
{
	ir_instr *in = &s->instrs[idx];
	switch (in->op) {
	case OP_BLOCK:
	case OP_LOOP:
	case OP_IF:
	case OP_TRY:
	case OP_TRY_TABLE:
		push_open(s, idx);
		if (s->nopen > *max_depth)
			*max_depth = s->nopen;
		return true;
	case OP_ELSE: {
		ir_instr *open =
		    s->nopen ? &s->instrs[s->open_blocks[s->nopen - 1]] : NULL;
		if (!open || open->op != OP_IF || open->imm.block.else_index)
			return w2n_error(c->diags, in->offset,
			                 W2N_DIAG_ILLEGAL_OPCODE,
			                 "else without matching if");
		open->imm.block.else_index = idx;
		in->imm.index = s->open_blocks[s->nopen - 1];
		return true;
	}
	case OP_CATCH:
	case OP_CATCH_ALL: {
		ir_instr *open =
		    s->nopen ? &s->instrs[s->open_blocks[s->nopen - 1]] : NULL;
		if (!open || open->op != OP_TRY)
			return w2n_error(
			    c->diags, in->offset, W2N_DIAG_ILLEGAL_OPCODE,
			    "%s without matching try", ir_opcodes[in->op].name);
		if (!open->imm.block.else_index)
			open->imm.block.else_index = idx;
		return true;
	}
	case OP_DELEGATE:
		/* Closes its try as end does; a try with catches cannot. */
		if (!s->nopen ||
		    s->instrs[s->open_blocks[s->nopen - 1]].op != OP_TRY ||
		    s->instrs[s->open_blocks[s->nopen - 1]]
		        .imm.block.else_index)
			return w2n_error(c->diags, in->offset,
			                 W2N_DIAG_ILLEGAL_OPCODE,
			                 "delegate without matching try");
		s->instrs[s->open_blocks[--s->nopen]].imm.block.end_index = idx;
		s->instrs[s->open_blocks[s->nopen]].imm.block.else_index = idx;
		return true;
	case OP_END:
		if (s->nopen == 0) {
			in->imm.index = UINT32_MAX;
			*done = true;
			return true;
		}
		uint32_t opener = s->open_blocks[--s->nopen];
		ir_instr *open = &s->instrs[opener];
		open->imm.block.end_index = idx;
		if (!open->imm.block.else_index)
			open->imm.block.else_index = idx;
		in->imm.index = opener;
		return true;
	default: return true;
	}
}

bool dec_expr(dec_state *s, dec_cursor *c, const ir_instr **code,
              uint32_t *ncode, uint32_t *max_depth)
{
	bool done = false;
	s->ninstrs = 0;
	s->nopen = 0;
	*max_depth = 0;
	while (!done) {
		ir_instr *in = push_instr(s);
		in->offset = (uint32_t)dec_offset(c);
		if (!read_opcode(c, in) || !read_immediates(s, c, in) ||
		    !link_blocks(s, c, s->ninstrs - 1, max_depth, &done))
			return false;
	}
	*ncode = s->ninstrs;
	*code = w2n_arena_dup(&s->m->arena, s->instrs,
	                      s->ninstrs * sizeof *s->instrs);
	return true;
}
