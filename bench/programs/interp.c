/*
 * interp: a switch-dispatched bytecode interpreter.  A stack machine with
 * 64-bit values, 8 registers and ~24 opcodes runs two programs built by a
 * small assembler: Collatz step counts for 1..SIZE, and a sum of
 * Euclid's gcd over a grid.  Stresses the dispatch switch (a jump table
 * with an unpredictable indirect branch), the operand stack in memory
 * and short-lived values.  Checksum: each program's result and the
 * number of instructions executed.
 *
 * bench-quick: 3000
 */
#include "common.h"

enum op {
	OP_HALT,
	OP_PUSH,
	OP_LOAD,
	OP_STORE,
	OP_INC,
	OP_DUP,
	OP_DROP,
	OP_SWAP,
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_DIV,
	OP_MOD,
	OP_AND,
	OP_OR,
	OP_XOR,
	OP_SHL,
	OP_SHR,
	OP_LT,
	OP_LE,
	OP_EQ,
	OP_JMP,
	OP_JZ,
	OP_JNZ,
};

#define CODE_MAX 256
#define LABEL_MAX 16

typedef struct {
	int32_t code[CODE_MAX];
	int32_t n;
	int32_t label_at[LABEL_MAX];
	int32_t fixup_at[CODE_MAX], fixup_label[CODE_MAX], nfixups;
} assembler;

static void emit(assembler *a, enum op op)
{
	a->code[a->n++] = op;
}

static void emit_arg(assembler *a, enum op op, int32_t arg)
{
	a->code[a->n++] = op;
	a->code[a->n++] = arg;
}

static void emit_jump(assembler *a, enum op op, int32_t label)
{
	a->code[a->n++] = op;
	a->fixup_at[a->nfixups] = a->n;
	a->fixup_label[a->nfixups++] = label;
	a->code[a->n++] = -1;
}

static void place(assembler *a, int32_t label)
{
	a->label_at[label] = a->n;
}

static void resolve_labels(assembler *a)
{
	for (int32_t i = 0; i < a->nfixups; i++)
		a->code[a->fixup_at[i]] = a->label_at[a->fixup_label[i]];
}

typedef struct {
	int64_t result;
	uint64_t steps;
} run_result;

static run_result run(const int32_t *code, int64_t *reg)
{
	int64_t stack[64];
	int32_t sp = 0, pc = 0;
	uint64_t steps = 0;
	for (;;) {
		steps++;
		int32_t op = code[pc++];
		switch (op) {
		case OP_HALT: {
			run_result r = {sp > 0 ? stack[sp - 1] : 0, steps};
			return r;
		}
		case OP_PUSH: stack[sp++] = code[pc++]; break;
		case OP_LOAD: stack[sp++] = reg[code[pc++]]; break;
		case OP_STORE: reg[code[pc++]] = stack[--sp]; break;
		case OP_INC: reg[code[pc++]]++; break;
		case OP_DUP:
			stack[sp] = stack[sp - 1];
			sp++;
			break;
		case OP_DROP: sp--; break;
		case OP_SWAP: {
			int64_t t = stack[sp - 1];
			stack[sp - 1] = stack[sp - 2];
			stack[sp - 2] = t;
			break;
		}
		case OP_ADD:
			sp--;
			stack[sp - 1] += stack[sp];
			break;
		case OP_SUB:
			sp--;
			stack[sp - 1] -= stack[sp];
			break;
		case OP_MUL:
			sp--;
			stack[sp - 1] *= stack[sp];
			break;
		case OP_DIV:
			sp--;
			stack[sp - 1] /= stack[sp];
			break;
		case OP_MOD:
			sp--;
			stack[sp - 1] %= stack[sp];
			break;
		case OP_AND:
			sp--;
			stack[sp - 1] &= stack[sp];
			break;
		case OP_OR:
			sp--;
			stack[sp - 1] |= stack[sp];
			break;
		case OP_XOR:
			sp--;
			stack[sp - 1] ^= stack[sp];
			break;
		case OP_SHL:
			sp--;
			stack[sp - 1] <<= stack[sp];
			break;
		case OP_SHR:
			sp--;
			stack[sp - 1] >>= stack[sp];
			break;
		case OP_LT:
			sp--;
			stack[sp - 1] = stack[sp - 1] < stack[sp];
			break;
		case OP_LE:
			sp--;
			stack[sp - 1] = stack[sp - 1] <= stack[sp];
			break;
		case OP_EQ:
			sp--;
			stack[sp - 1] = stack[sp - 1] == stack[sp];
			break;
		case OP_JMP: pc = code[pc]; break;
		case OP_JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
		case OP_JNZ: pc = stack[--sp] ? code[pc] : pc + 1; break;
		default: {
			run_result bad = {-1, steps};
			return bad;
		}
		}
	}
}

/* r0 = limit, r1 = i, r2 = total steps, r3 = x. */
static void assemble_collatz(assembler *a)
{
	enum { NEXT_I, LOOP_X, EVEN, STEPPED, DONE_X };
	emit_arg(a, OP_PUSH, 1);
	emit_arg(a, OP_STORE, 1);
	place(a, NEXT_I);
	emit_arg(a, OP_LOAD, 1);
	emit_arg(a, OP_STORE, 3);
	place(a, LOOP_X);
	emit_arg(a, OP_LOAD, 3);
	emit_arg(a, OP_PUSH, 1);
	emit(a, OP_EQ);
	emit_jump(a, OP_JNZ, DONE_X);
	emit_arg(a, OP_LOAD, 3);
	emit_arg(a, OP_PUSH, 1);
	emit(a, OP_AND);
	emit_jump(a, OP_JZ, EVEN);
	emit_arg(a, OP_LOAD, 3);
	emit_arg(a, OP_PUSH, 3);
	emit(a, OP_MUL);
	emit_arg(a, OP_PUSH, 1);
	emit(a, OP_ADD);
	emit_arg(a, OP_STORE, 3);
	emit_jump(a, OP_JMP, STEPPED);
	place(a, EVEN);
	emit_arg(a, OP_LOAD, 3);
	emit_arg(a, OP_PUSH, 1);
	emit(a, OP_SHR);
	emit_arg(a, OP_STORE, 3);
	place(a, STEPPED);
	emit_arg(a, OP_INC, 2);
	emit_jump(a, OP_JMP, LOOP_X);
	place(a, DONE_X);
	emit_arg(a, OP_INC, 1);
	emit_arg(a, OP_LOAD, 1);
	emit_arg(a, OP_LOAD, 0);
	emit(a, OP_LE);
	emit_jump(a, OP_JNZ, NEXT_I);
	emit_arg(a, OP_LOAD, 2);
	emit(a, OP_HALT);
	resolve_labels(a);
}

/* r0 = limit, r1 = a, r2 = b, r4 = sum; gcd(a, b) for a <= limit, b < 40. */
static void assemble_gcd(assembler *a)
{
	enum { NEXT_A, NEXT_B, EUCLID, GOT_GCD };
	emit_arg(a, OP_PUSH, 1);
	emit_arg(a, OP_STORE, 1);
	place(a, NEXT_A);
	emit_arg(a, OP_PUSH, 1);
	emit_arg(a, OP_STORE, 2);
	place(a, NEXT_B);
	emit_arg(a, OP_LOAD, 1);
	emit_arg(a, OP_LOAD, 2);
	place(a, EUCLID); /* stack: x y */
	emit(a, OP_DUP);
	emit_jump(a, OP_JZ, GOT_GCD);
	/* x y -> y (x % y), with r5 and r6 as scratch. */
	emit(a, OP_SWAP);
	emit(a, OP_DUP);
	emit_arg(a, OP_STORE, 5);
	emit(a, OP_SWAP);
	emit(a, OP_DUP);
	emit_arg(a, OP_STORE, 6);
	emit(a, OP_MOD);
	emit_arg(a, OP_LOAD, 6);
	emit(a, OP_SWAP);
	emit_jump(a, OP_JMP, EUCLID);
	place(a, GOT_GCD);
	emit(a, OP_DROP);
	emit_arg(a, OP_LOAD, 4);
	emit(a, OP_ADD);
	emit_arg(a, OP_STORE, 4);
	emit_arg(a, OP_INC, 2);
	emit_arg(a, OP_LOAD, 2);
	emit_arg(a, OP_PUSH, 40);
	emit(a, OP_LT);
	emit_jump(a, OP_JNZ, NEXT_B);
	emit_arg(a, OP_INC, 1);
	emit_arg(a, OP_LOAD, 1);
	emit_arg(a, OP_LOAD, 0);
	emit(a, OP_LE);
	emit_jump(a, OP_JNZ, NEXT_A);
	emit_arg(a, OP_LOAD, 4);
	emit(a, OP_HALT);
	resolve_labels(a);
}

int main(int argc, char **argv)
{
	int32_t limit = bench_size(argc, argv, 120000);
	static assembler collatz, gcd;
	assemble_collatz(&collatz);
	assemble_gcd(&gcd);
	int64_t reg[8] = {limit, 0, 0, 0, 0, 0, 0, 0};
	run_result c = run(collatz.code, reg);
	int64_t reg2[8] = {limit / 2, 0, 0, 0, 0, 0, 0, 0};
	run_result g = run(gcd.code, reg2);
	printf("interp limit=%d collatz=%lld (%llu ops) gcd=%lld (%llu ops)\n",
	       (int)limit, (long long)c.result, (unsigned long long)c.steps,
	       (long long)g.result, (unsigned long long)g.steps);
	return 0;
}
