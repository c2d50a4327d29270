/*
 * note_elf.c - finding wasm2native notes in ELF files (note.h), for
 * `wasm2native --inspect` and the plugin loader.
 *
 * A reader of our own rather than libelf, so that the embedding library
 * builds for every target (Debian has no libelf for riscv64).  It needs
 * little: the header, the section or program headers and the notes, of
 * either class and byte order.  Every offset is checked against the
 * file's size before use, and only those parts are read: a plugin's
 * code is not.  Reads go through pread rather than a mapping: a file
 * truncated meanwhile must not raise SIGBUS, which the runtime takes for
 * a trap (such a file reads as zeros past its new end).
 */
#include "note.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The targets' ELF machines, to tell whether a file is this host's
 * (W2N_HOST_TRIPLE, from the build). */
static const struct target_machine {
	const char *triple;
	unsigned machine;
} target_machines[] = {
#define W2N_TARGET(id, triple, llvm_triple, cpu, features, abi, tune_cpu,      \
                   bits, bounds, cc, cc_package, qemu, cpu_family,             \
                   elf_machine, quirks, relaxed)                               \
	{triple, elf_machine},
#include "targets.def"
#undef W2N_TARGET
};

static const struct target_machine *host_row(void)
{
	size_t n = sizeof target_machines / sizeof target_machines[0];
	for (size_t i = 0; i < n; i++)
		if (strcmp(target_machines[i].triple, W2N_HOST_TRIPLE) == 0)
			return &target_machines[i];
	return NULL;
}

#define HOST_CLASS (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32)

const char *w2n_note_host_target(void)
{
	const struct target_machine *host = host_row();
	return host ? host->triple : NULL;
}

const char *w2n_note_file_kind_name(w2n_note_file_kind kind)
{
	switch (kind) {
	case W2N_NOTE_FILE_OBJECT: return "object file";
	case W2N_NOTE_FILE_EXECUTABLE: return "executable";
	case W2N_NOTE_FILE_SHARED: return "shared library";
	default: return "ELF file";
	}
}

/* An open file, how to read its fields, and a window of it read on
 * demand (the tables and notes are walked in order). */
typedef struct elf_view {
	int fd;
	uint64_t size;
	bool big_endian;
	bool is64;
	uint64_t win_off;
	size_t win_len;
	unsigned char win[4096];
} elf_view;

/* Reads [off, off + len) of the file into buf; zeros past its end. */
static void read_at(const elf_view *v, uint64_t off, void *buf, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t r = pread(v->fd, (char *)buf + got, len - got,
		                  (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	memset((char *)buf + got, 0, len - got);
}

/* The `len` (at most the window's size) bytes at `off`. */
static const unsigned char *bytes_at(elf_view *v, uint64_t off, size_t len)
{
	if (off < v->win_off || off + len > v->win_off + v->win_len) {
		v->win_off = off;
		v->win_len = sizeof v->win;
		read_at(v, off, v->win, v->win_len);
	}
	return v->win + (off - v->win_off);
}

/* True when [off, off + len) lies inside the file. */
static bool inside(const elf_view *v, uint64_t off, uint64_t len)
{
	return off <= v->size && len <= v->size - off;
}

/* An unsigned field of `width` bytes at `off`; callers check bounds. */
static uint64_t field(elf_view *v, uint64_t off, unsigned width)
{
	const unsigned char *p = bytes_at(v, off, width);
	uint64_t x = 0;
	for (unsigned i = 0; i < width; i++) {
		unsigned b = v->big_endian ? i : width - 1 - i;
		x = x << 8 | p[b];
	}
	return x;
}

/* A field of an address-sized type: 8 bytes in ELF64, 4 in ELF32. */
static uint64_t word(elf_view *v, uint64_t off)
{
	return field(v, off, v->is64 ? 8 : 4);
}

/* Offsets of the fields read, by class (the ELF specification's
 * Elf32_* and Elf64_* layouts). */
typedef struct elf_layout {
	unsigned ehdr_size, e_phoff, e_shoff, e_phentsize, e_phnum, e_shentsize,
	    e_shnum;
	unsigned phdr_size, p_offset, p_filesz, p_align;
	unsigned shdr_size, sh_type, sh_offset, sh_size, sh_info, sh_addralign;
} elf_layout;

static const elf_layout layout32 = {
    52, 28, 32, 42, 44, 46, 48, 32, 4, 16, 28, 40, 4, 16, 20, 28, 32,
};
static const elf_layout layout64 = {
    64, 32, 40, 54, 56, 58, 60, 56, 8, 32, 48, 64, 4, 24, 32, 44, 48,
};

/* The section and program header tables, with extended numbering
 * (e_shnum = 0 and e_phnum = PN_XNUM take their counts from section 0)
 * resolved. */
typedef struct elf_tables {
	uint64_t shoff, shnum, phoff, phnum;
} elf_tables;

static bool read_tables(elf_view *v, const elf_layout *l, elf_tables *t)
{
	t->shoff = word(v, l->e_shoff);
	t->shnum = field(v, l->e_shnum, 2);
	t->phoff = word(v, l->e_phoff);
	t->phnum = field(v, l->e_phnum, 2);
	if ((t->shoff && field(v, l->e_shentsize, 2) != l->shdr_size) ||
	    (t->phoff && t->phnum &&
	     field(v, l->e_phentsize, 2) != l->phdr_size))
		return false;
	if (t->shoff && (t->shnum == 0 || t->phnum == PN_XNUM)) {
		if (!inside(v, t->shoff, l->shdr_size))
			return false;
		if (t->shnum == 0)
			t->shnum = word(v, t->shoff + l->sh_size);
		if (t->phnum == PN_XNUM)
			t->phnum = field(v, t->shoff + l->sh_info, 4);
	}
	if (!t->shoff)
		t->shnum = 0;
	if (!t->phoff)
		t->phnum = 0;
	return (t->shnum <= v->size / l->shdr_size &&
	        inside(v, t->shoff, t->shnum * l->shdr_size)) &&
	       (t->phnum <= v->size / l->phdr_size &&
	        inside(v, t->phoff, t->phnum * l->phdr_size));
}

/* A position-independent executable is ET_DYN too; it asks for an
 * interpreter, a library does not. */
static w2n_note_file_kind kind_of(elf_view *v, const elf_layout *l,
                                  const elf_tables *t)
{
	uint64_t type = field(v, offsetof(Elf64_Ehdr, e_type), 2);
	if (type == ET_REL)
		return W2N_NOTE_FILE_OBJECT;
	if (type == ET_EXEC)
		return W2N_NOTE_FILE_EXECUTABLE;
	if (type != ET_DYN)
		return W2N_NOTE_FILE_OTHER;
	for (uint64_t i = 0; i < t->phnum; i++)
		if (field(v, t->phoff + i * l->phdr_size, 4) == PT_INTERP)
			return W2N_NOTE_FILE_EXECUTABLE;
	return W2N_NOTE_FILE_SHARED;
}

static bool add_desc(const elf_view *v, w2n_note_file *f, uint64_t desc,
                     size_t len)
{
	char **descs = realloc(f->descs, (f->nnotes + 1) * sizeof *descs);
	if (descs)
		f->descs = descs;
	size_t *lens = realloc(f->desc_lens, (f->nnotes + 1) * sizeof *lens);
	if (lens)
		f->desc_lens = lens;
	char *copy = malloc(len + 1);
	if (!descs || !lens || !copy) {
		free(copy);
		return false;
	}
	read_at(v, desc, copy, len);
	copy[len] = '\0';
	f->descs[f->nnotes] = copy;
	f->desc_lens[f->nnotes++] = len;
	return true;
}

static uint64_t align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

/* Every wasm2native note in the block [off, off + size) of the file;
 * name and desc are padded to `align` (4, or 8 for 8-aligned notes).  A
 * block that overruns the file or a malformed note ends the walk. */
static bool collect(elf_view *v, w2n_note_file *f, uint64_t off, uint64_t size,
                    uint64_t align)
{
	if (!inside(v, off, size))
		return true;
	align = align == 8 ? 8 : 4;
	uint64_t end = off + size;
	while (end - off >= 12) {
		uint64_t namesz = field(v, off, 4);
		uint64_t descsz = field(v, off + 4, 4);
		uint64_t type = field(v, off + 8, 4);
		uint64_t name = off + 12;
		uint64_t desc = name + align_up(namesz, align);
		uint64_t next = desc + align_up(descsz, align);
		if (desc > end || next > end)
			return true;
		if (type == W2N_NOTE_TYPE_MODULE &&
		    namesz == sizeof W2N_NOTE_OWNER &&
		    memcmp(bytes_at(v, name, sizeof W2N_NOTE_OWNER),
		           W2N_NOTE_OWNER, sizeof W2N_NOTE_OWNER) == 0 &&
		    !add_desc(v, f, desc, (size_t)descsz))
			return false;
		off = next;
	}
	return true;
}

/* Notes from the section headers, or from the PT_NOTE segments when a
 * file has no section headers.  False only when out of memory. */
static bool read_notes(elf_view *v, const elf_layout *l, const elf_tables *t,
                       w2n_note_file *f)
{
	for (uint64_t i = 0; i < t->shnum; i++) {
		uint64_t sh = t->shoff + i * l->shdr_size;
		if (field(v, sh + l->sh_type, 4) == SHT_NOTE &&
		    !collect(v, f, word(v, sh + l->sh_offset),
		             word(v, sh + l->sh_size),
		             word(v, sh + l->sh_addralign)))
			return false;
	}
	for (uint64_t i = 0; t->shnum == 0 && i < t->phnum; i++) {
		uint64_t ph = t->phoff + i * l->phdr_size;
		if (field(v, ph, 4) == PT_NOTE &&
		    !collect(v, f, word(v, ph + l->p_offset),
		             word(v, ph + l->p_filesz),
		             word(v, ph + l->p_align)))
			return false;
	}
	return true;
}

static bool read_elf(elf_view *v, w2n_note_file *f, char *why, size_t n)
{
	unsigned char id[EI_NIDENT];
	read_at(v, 0, id, sizeof id);
	if (v->size < EI_NIDENT || memcmp(id, ELFMAG, SELFMAG) != 0)
		return w2n_note_fail(why, n, "not an ELF file");
	if ((id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64) ||
	    (id[EI_DATA] != ELFDATA2LSB && id[EI_DATA] != ELFDATA2MSB))
		return w2n_note_fail(why, n,
		                     "malformed ELF file: unknown "
		                     "class or byte order");
	v->is64 = id[EI_CLASS] == ELFCLASS64;
	v->big_endian = id[EI_DATA] == ELFDATA2MSB;
	const elf_layout *l = v->is64 ? &layout64 : &layout32;
	elf_tables t;
	if (v->size < l->ehdr_size || !read_tables(v, l, &t))
		return w2n_note_fail(why, n,
		                     "malformed ELF file: header "
		                     "tables outside the file");
	f->kind = kind_of(v, l, &t);
	f->machine = (unsigned)field(v, offsetof(Elf64_Ehdr, e_machine), 2);
	f->elf_class = id[EI_CLASS];
	const struct target_machine *host = host_row();
	f->host_machine =
	    host && f->machine == host->machine && f->elf_class == HOST_CLASS;
	return read_notes(v, l, &t, f) ||
	       w2n_note_fail(why, n, "out of memory");
}

bool w2n_note_file_read(const char *path, w2n_note_file *f, char *why, size_t n)
{
	memset(f, 0, sizeof *f);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return w2n_note_fail(why, n, "%s", strerror(errno));
	struct stat st;
	bool ok;
	if (fstat(fd, &st) != 0)
		ok = w2n_note_fail(why, n, "%s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		ok = w2n_note_fail(why, n, "not a regular file");
	else {
		elf_view v = {.fd = fd, .size = (uint64_t)st.st_size};
		ok = read_elf(&v, f, why, n);
	}
	close(fd);
	if (!ok)
		w2n_note_file_free(f);
	return ok;
}

void w2n_note_file_free(w2n_note_file *f)
{
	for (size_t i = 0; i < f->nnotes; i++)
		free(f->descs[i]);
	free(f->descs);
	free(f->desc_lens);
	memset(f, 0, sizeof *f);
}
