/*
 * options.h - the wasm2native command line: one table of options
 * (options.def) drives parsing and --help.
 */
#ifndef W2N_OPTIONS_H
#define W2N_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef enum w2n_action {
	W2N_ACTION_COMPILE,     /* the default: an executable, object, ... */
	W2N_ACTION_RUN,         /* `wasm2native run`: compile (cached), run */
	W2N_ACTION_EMIT_HEADER, /* --emit-header */
	W2N_ACTION_VALIDATE,
	W2N_ACTION_INSPECT, /* `--inspect FILE`: print the module note */
	W2N_ACTION_HELP,
	W2N_ACTION_VERSION,
} w2n_action;

typedef enum w2n_output_kind {
	W2N_OUT_EXECUTABLE,
	W2N_OUT_OBJECT,
	W2N_OUT_ASSEMBLY,
	W2N_OUT_LLVM_IR,
	W2N_OUT_SHARED,
} w2n_output_kind;

/* What happens to a function import nobody provides. */
enum {
	W2N_UNKNOWN_ERROR, /* a compile-time error naming it (default) */
	W2N_UNKNOWN_TRAP,  /* --trap-unknown-imports */
	W2N_UNKNOWN_ZEROS, /* --default-values-unknown-imports */
};

typedef struct w2n_options {
	w2n_action action;
	w2n_output_kind output_kind;
	const char *input;
	const char *output; /* NULL: derived from the input's name */
	const char *target; /* NULL: the host */
	const char *cpu, *features;
	unsigned opt_level;
	bool debug_info;    /* -g */
	bool no_line_table; /* -g0 */
	bool debug_offsets; /* --debug-offsets */
	bool keep_memory_routines;
	int bounds;                /* -1: the target's default */
	uint32_t interruptible;    /* W2N_RT_INTERRUPT_* */
	bool pic;                  /* -c for a host program (embedding API) */
	const char *module_symbol; /* NULL: the output kind's default */
	const char *invoke;        /* --invoke: the export a program calls */
	bool verbose;
	/* -d: dump the IR (i), the LLVM IR before optimisation (l), check
	 * the IR (c; debug builds always do). */
	bool dump_ir, dump_llvm, check_ir;
	uint32_t jobs;            /* -j; 0: the number of online CPUs */
	uint32_t partition_size;  /* --partition-size; 0: codegen's default */
	uint32_t slices;          /* --slices; 0: none */
	uint32_t slice;           /* --slice; UINT32_MAX: none */
	bool depfile;             /* -MD or -MF */
	const char *depfile_path; /* -MF, or NULL: OUTPUT.d */
	/* WASI configuration items, "--dir=..." / "--env=..." spellings
	 * normalised to NAME=VALUE form, in command-line order. */
	char **wasi_items;
	size_t nwasi_items;
	/* Host code linked into the program: .c, .o and .a inputs after
	 * the module, -I for compiling them, -L/-l for linking. */
	char **host_inputs;
	size_t nhost_inputs;
	char **compile_args, **link_args;
	size_t ncompile_args, nlink_args;
	int unknown_imports; /* W2N_UNKNOWN_* */
	/* `run`: the program's arguments after the input. */
	char **prog_argv;
	int prog_argc;
} w2n_options;

/* Parses argv.  Returns false with the error recorded in `d`. */
bool w2n_parse_options(int argc, char **argv, w2n_options *o, w2n_diags *d);

/* Frees what w2n_parse_options allocated. */
void w2n_free_options(w2n_options *o);

/* Prints the usage text generated from the option table. */
void w2n_print_help(void);

#endif
