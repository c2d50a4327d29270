// A small interpreter: a tokenizer and compiler from a tiny language
// (integer variables, while, if, print, functions with parameters and
// recursion) to bytecode for a stack machine, run by a switch loop.
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum op {
	OP_PUSH,
	OP_LOAD,
	OP_STORE,
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_DIV,
	OP_MOD,
	OP_LT,
	OP_EQ,
	OP_NOT,
	OP_JMP,
	OP_JZ,
	OP_PRINT,
	OP_CALL,
	OP_RET,
	OP_POP,
	OP_HALT,
};

static const char *const op_names[] = {
    "push", "load", "store", "add", "sub",   "mul",  "div", "mod", "lt",
    "eq",   "not",  "jmp",   "jz",  "print", "call", "ret", "pop", "halt",
};

enum { MAX_CODE = 4096, MAX_VARS = 32, MAX_FUNCS = 16, STACK = 4096 };

static int32_t code[MAX_CODE];
static int ncode;
static int op_counts[OP_HALT + 1];

/* ---- Lexer ---- */
static const char *p;
static char tok[32];

static void next_token(void)
{
	while (isspace((unsigned char)*p))
		p++;
	int n = 0;
	if (isalnum((unsigned char)*p)) {
		while (isalnum((unsigned char)*p) && n < 31)
			tok[n++] = *p++;
	} else if (*p) {
		tok[n++] = *p++;
		if ((tok[0] == '=' || tok[0] == '<' || tok[0] == '!') &&
		    *p == '=')
			tok[n++] = *p++;
	}
	tok[n] = 0;
}

static int accept(const char *s)
{
	if (strcmp(tok, s))
		return 0;
	next_token();
	return 1;
}

static void expect(const char *s)
{
	if (!accept(s)) {
		printf("parse error: expected '%s', found '%s'\n", s, tok);
		exit(1);
	}
}

/* ---- Symbols: variables are per function, slots in the frame ---- */
static char vars[MAX_VARS][32];
static int nvars;
static char funcs[MAX_FUNCS][32];
static int func_addr[MAX_FUNCS], func_params[MAX_FUNCS], nfuncs;
static int func_locals[MAX_FUNCS];

static int var_slot(const char *name)
{
	for (int i = 0; i < nvars; i++)
		if (!strcmp(vars[i], name))
			return i;
	strcpy(vars[nvars], name);
	return nvars++;
}

static int func_index(const char *name)
{
	for (int i = 0; i < nfuncs; i++)
		if (!strcmp(funcs[i], name))
			return i;
	return -1;
}

static void emit(int32_t x)
{
	code[ncode++] = x;
}

/* ---- Parser / code generator ---- */
static void expression(void);

static void primary(void)
{
	if (isdigit((unsigned char)tok[0])) {
		emit(OP_PUSH);
		emit(atoi(tok));
		next_token();
	} else if (accept("(")) {
		expression();
		expect(")");
	} else if (accept("-")) {
		emit(OP_PUSH);
		emit(0);
		primary();
		emit(OP_SUB);
	} else if (accept("!")) {
		primary();
		emit(OP_NOT);
	} else {
		char name[32];
		strcpy(name, tok);
		next_token();
		if (accept("(")) {
			int f = func_index(name), args = 0;
			if (!accept(")")) {
				do {
					expression();
					args++;
				} while (accept(","));
				expect(")");
			}
			emit(OP_CALL);
			emit(f);
			emit(args);
		} else {
			emit(OP_LOAD);
			emit(var_slot(name));
		}
	}
}

static void product(void)
{
	primary();
	for (;;) {
		int op = accept("*")   ? OP_MUL
		         : accept("/") ? OP_DIV
		         : accept("%") ? OP_MOD
		                       : -1;
		if (op < 0)
			return;
		primary();
		emit(op);
	}
}

static void sum(void)
{
	product();
	for (;;) {
		int op = accept("+") ? OP_ADD : accept("-") ? OP_SUB : -1;
		if (op < 0)
			return;
		product();
		emit(op);
	}
}

static void expression(void)
{
	sum();
	if (accept("<")) {
		sum();
		emit(OP_LT);
	} else if (accept("==")) {
		sum();
		emit(OP_EQ);
	} else if (accept("!=")) {
		sum();
		emit(OP_EQ);
		emit(OP_NOT);
	}
}

static void statement(void);

static void block(void)
{
	expect("{");
	while (!accept("}"))
		statement();
}

static void statement(void)
{
	if (accept("print")) {
		expression();
		emit(OP_PRINT);
		expect(";");
	} else if (accept("while")) {
		int top = ncode;
		expression();
		emit(OP_JZ);
		int patch = ncode;
		emit(0);
		block();
		emit(OP_JMP);
		emit(top);
		code[patch] = ncode;
	} else if (accept("if")) {
		expression();
		emit(OP_JZ);
		int patch = ncode;
		emit(0);
		block();
		if (accept("else")) {
			emit(OP_JMP);
			int over = ncode;
			emit(0);
			code[patch] = ncode;
			block();
			code[over] = ncode;
		} else {
			code[patch] = ncode;
		}
	} else if (accept("return")) {
		expression();
		emit(OP_RET);
		expect(";");
	} else {
		char name[32];
		strcpy(name, tok);
		next_token();
		expect("=");
		expression();
		emit(OP_STORE);
		emit(var_slot(name));
		expect(";");
	}
}

/* program := {"fn" name "(" params ")" block} block */
static int compile(const char *text)
{
	p = text;
	next_token();
	emit(OP_JMP);
	int patch = ncode;
	emit(0);
	while (accept("fn")) {
		int f = nfuncs++;
		strcpy(funcs[f], tok);
		next_token();
		func_addr[f] = ncode;
		nvars = 0;
		expect("(");
		if (!accept(")")) {
			do {
				var_slot(tok);
				next_token();
			} while (accept(","));
			expect(")");
		}
		func_params[f] = nvars;
		block();
		emit(OP_PUSH);
		emit(0);
		emit(OP_RET);
		func_locals[f] = nvars;
	}
	code[patch] = ncode;
	nvars = 0;
	block();
	emit(OP_HALT);
	return nvars;
}

/* ---- Machine ---- */
static int64_t stack[STACK];

static void run(int main_locals)
{
	int sp = 0, fp = 0, pc = 0;
	sp = main_locals;
	for (;;) {
		int op = code[pc++];
		op_counts[op]++;
		switch (op) {
		case OP_PUSH: stack[sp++] = code[pc++]; break;
		case OP_LOAD: stack[sp++] = stack[fp + code[pc++]]; break;
		case OP_STORE: stack[fp + code[pc++]] = stack[--sp]; break;
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
		case OP_LT:
			sp--;
			stack[sp - 1] = stack[sp - 1] < stack[sp];
			break;
		case OP_EQ:
			sp--;
			stack[sp - 1] = stack[sp - 1] == stack[sp];
			break;
		case OP_NOT: stack[sp - 1] = !stack[sp - 1]; break;
		case OP_JMP: pc = code[pc]; break;
		case OP_JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
		case OP_PRINT: printf("%lld\n", (long long)stack[--sp]); break;
		case OP_CALL: {
			int f = code[pc++], args = code[pc++];
			int new_fp = sp - args;
			/* Frame: locals, then saved pc and fp. */
			sp = new_fp + func_locals[f];
			stack[sp++] = pc;
			stack[sp++] = fp;
			fp = new_fp;
			pc = func_addr[f];
			break;
		}
		case OP_RET: {
			int64_t v = stack[--sp];
			int f_locals = 0;
			for (int i = 0; i < nfuncs; i++)
				if (func_addr[i] <= pc)
					f_locals = func_locals[i];
			int old_fp = fp;
			pc = (int)stack[fp + f_locals];
			fp = (int)stack[fp + f_locals + 1];
			sp = old_fp;
			stack[sp++] = v;
			break;
		}
		case OP_POP: sp--; break;
		case OP_HALT: return;
		}
	}
}

static const char program[] =
    "fn fib(n) { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); }\n"
    "fn gcd(a, b) { while b != 0 { t = a % b; a = b; b = t; } return a; }\n"
    "fn isprime(n) {\n"
    "  if n < 2 { return 0; }\n"
    "  d = 2;\n"
    "  while d * d < n + 1 { if n % d == 0 { return 0; } d = d + 1; }\n"
    "  return 1;\n"
    "}\n"
    "fn collatz(n) { s = 0; while n != 1 {\n"
    "  if n % 2 == 0 { n = n / 2; } else { n = 3 * n + 1; } s = s + 1; }\n"
    "  return s; }\n"
    "{\n"
    "  i = 0; while i < 20 { print fib(i); i = i + 1; }\n"
    "  print gcd(1071, 462); print gcd(17, 5);\n"
    "  count = 0; n = 0;\n"
    "  while n < 2000 { count = count + isprime(n); n = n + 1; }\n"
    "  print count;\n"
    "  best = 0; arg = 0; n = 1;\n"
    "  while n < 3000 { c = collatz(n); if best < c { best = c; arg = n; }\n"
    "    n = n + 1; }\n"
    "  print arg; print best;\n"
    "  print -7 / 2; print -7 % 2; print !0; print !(3 == 3);\n"
    "  x = 1; k = 0; while k < 62 { x = x * 2; k = k + 1; } print x;\n"
    "}\n";

int main(void)
{
	int locals = compile(program);
	printf("compiled %d words, %d functions\n", ncode, nfuncs);
	run(locals);
	for (int i = 0; i <= OP_HALT; i++)
		if (op_counts[i])
			printf("%-6s %d\n", op_names[i], op_counts[i]);
	return 0;
}
