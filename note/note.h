/*
 * note.h - the module note: an ELF note that codegen puts in every object,
 * executable and plugin it writes, saying which compiler, runtime ABI,
 * target and bounds strategy the code was built for, which input it came
 * from and what the module imports and exports.  The format is encoded
 * and decoded here and nowhere else: codegen encodes (and emits the bytes
 * through LLVM), `wasm2native --inspect` and the plugin loader
 * (w2n_module_load) read files with w2n_note_file_read (note_elf.c, a
 * reader of its own so that the library builds for every target).  Not
 * part of the runtime that executables link (w2n_rt).
 *
 * One note, in section .note.wasm2native, in the target's byte order:
 *   u32 namesz = 12, u32 descsz, u32 type = W2N_NOTE_TYPE_MODULE,
 *   "wasm2native\0", then desc padded with NULs to a multiple of 4.
 * desc is UTF-8 text ending with a NUL, one `key value` item a line:
 *   wasm2native 0.1.0                  compiler version
 *   abi 2                              W2N_RT_ABI_VERSION
 *   target x86_64-linux-gnu
 *   bounds guard                       or explicit
 *   sha256 <64 hex digits>             of the input .wasm
 *   symbol w2n_module                  the descriptor's symbol
 *   interruptible epoch                or fuel; absent: none (optional)
 *   import "env" "log" (func (param i32))
 *   export "mem" (memory 1 2)
 * Types are written in the text format's notation.  Names are quoted as
 * text-format strings: `"`, `\` and bytes below 0x20 or equal to 0x7f are
 * escaped as \hh, so an item never holds a newline or a NUL.  Readers
 * ignore keys they do not know.  Linking several objects concatenates
 * their notes; every note describes one module.
 */
#ifndef W2N_NOTE_H
#define W2N_NOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Internal to libwasm2native: not exported from it. */
#pragma GCC visibility push(hidden)

#define W2N_NOTE_SECTION ".note.wasm2native"
#define W2N_NOTE_OWNER "wasm2native"
enum { W2N_NOTE_TYPE_MODULE = 1 };

/* ---- Encoding (codegen) and type text (also the embedding API) ---- */

/* The type of an import or export, whatever produced it.  Value types in
 * a u32 are in full (w2n_rt.h: typed references written "(ref null 3)",
 * with the module's type index). */
typedef struct w2n_note_type {
	uint32_t kind;                   /* W2N_RT_EXTERN_* */
	uint32_t nparams, nresults;      /* functions */
	const uint8_t *params, *results; /* W2N_RT_* value type codes */
	const uint32_t *reftypes; /* NULL, or params then results in full */
	uint32_t elem;            /* tables: a reference type */
	uint64_t min, max;        /* tables and memories */
	bool has_max;
	bool addr64;      /* address type i64: "(memory i64 1 2)" */
	bool shared;      /* a shared memory: "(memory 1 2 shared)" */
	uint32_t valtype; /* globals */
	bool mutable_;
} w2n_note_type;

/* A growing NUL-terminated text; `failed` once an allocation failed. */
typedef struct w2n_note_text {
	char *s;
	size_t len, cap;
	bool failed;
} w2n_note_text;

/* What the header items say. */
typedef struct w2n_note_header {
	const char *version, *target, *symbol;
	uint32_t abi, bounds;   /* W2N_RT_BOUNDS_* */
	uint32_t interruptible; /* W2N_RT_INTERRUPT_* */
	uint8_t sha256[32];
} w2n_note_header;

/* Starts a desc with the header items; free with w2n_note_text_free. */
void w2n_note_begin(w2n_note_text *t, const w2n_note_header *h);

/* Appends one `import` or `export` item. */
void w2n_note_add_import(w2n_note_text *t, const char *module,
                         size_t module_len, const char *name, size_t name_len,
                         const w2n_note_type *type);
void w2n_note_add_export(w2n_note_text *t, const char *name, size_t name_len,
                         const w2n_note_type *type);

/*
 * The complete note (header, owner name, desc, padding) for the desc in
 * `t`, with its words in big- or little-endian order.  Returns a malloc'd
 * buffer of *len bytes, or NULL when out of memory.
 */
uint8_t *w2n_note_encode(const w2n_note_text *t, bool big_endian, size_t *len);

void w2n_note_text_free(w2n_note_text *t);

/* Writes `type` in the text format's notation ("(func (param i32))") to
 * buf[0..size) like snprintf; returns the length it needs. */
size_t w2n_note_type_string(const w2n_note_type *type, char *buf, size_t size);

/* ---- Decoding ---- */

/* A decoded desc.  `items` points into the desc: its import and export
 * lines, items_len bytes, each ending with a newline. */
typedef struct w2n_note {
	char version[32];
	char target[64];
	char bounds[16];
	char sha256[65];
	char symbol[128];
	char interruptible[8]; /* "none" when the note does not say */
	uint32_t abi;
	const char *items;
	size_t items_len;
} w2n_note;

/* Decodes a desc of `len` bytes (NUL-padded).  False with a one-line
 * reason in why[0..n) when a header item is missing or malformed. */
bool w2n_note_decode(const char *desc, size_t len, w2n_note *out, char *why,
                     size_t n);

/* Writes a one-line reason into why[0..n) and returns false. */
bool w2n_note_fail(char *why, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- Reading files (note_elf.c) ---- */

typedef enum w2n_note_file_kind {
	W2N_NOTE_FILE_OBJECT,     /* ET_REL */
	W2N_NOTE_FILE_EXECUTABLE, /* ET_EXEC, or ET_DYN with an interpreter */
	W2N_NOTE_FILE_SHARED,     /* ET_DYN without one: a library */
	W2N_NOTE_FILE_OTHER,
} w2n_note_file_kind;

/* What an ELF file holds: its kind and machine, and a copy of the desc
 * (NUL-terminated) of every wasm2native note in it. */
typedef struct w2n_note_file {
	w2n_note_file_kind kind;
	unsigned machine;   /* e_machine */
	unsigned elf_class; /* ELFCLASS32 or ELFCLASS64 */
	bool host_machine;  /* machine and class are those of this host */
	size_t nnotes;
	char **descs;
	size_t *desc_lens;
} w2n_note_file;

/* Reads the ELF file at `path`.  False with a one-line reason (no file,
 * not an ELF file, ...) in why[0..n); a file without notes is no error
 * (nnotes = 0).  Thread-safe. */
bool w2n_note_file_read(const char *path, w2n_note_file *f, char *why,
                        size_t n);

void w2n_note_file_free(w2n_note_file *f);

/* "object file", "executable", "shared library" or "ELF file". */
const char *w2n_note_file_kind_name(w2n_note_file_kind kind);

/* The target triple this code runs on (the runtime's own), or NULL. */
const char *w2n_note_host_target(void);

/* "none", "epoch" or "fuel" for a W2N_RT_INTERRUPT_* value. */
const char *w2n_note_interrupt_name(uint32_t mode);

/* "guard" or "explicit" for a W2N_RT_BOUNDS_* value. */
const char *w2n_note_bounds_name(uint32_t bounds);

#pragma GCC visibility pop

#endif
