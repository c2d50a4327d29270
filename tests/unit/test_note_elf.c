/*
 * test_note_elf.c - the ELF note reader (note/note_elf.c) on files
 * written here: both classes and byte orders, notes found through the
 * section headers or, without them, the PT_NOTE segments, the kinds of
 * file, extended section numbering, refusals with one line, and every
 * truncation and many corruptions of a good file read without a crash
 * (run under ASan in sanitizer builds).
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../check.h"
#include "note.h"

/* A little ELF writer: fields put at offsets in either byte order. */
typedef struct image {
	uint8_t buf[4096];
	size_t len;
	bool is64, be;
} image;

static void put(image *im, size_t off, uint64_t v, unsigned width)
{
	for (unsigned i = 0; i < width; i++) {
		unsigned shift = 8 * (im->be ? width - 1 - i : i);
		im->buf[off + i] = (uint8_t)(v >> shift);
	}
	if (off + width > im->len)
		im->len = off + width;
}

static void put_word(image *im, size_t off, uint64_t v)
{
	put(im, off, v, im->is64 ? 8 : 4);
}

typedef struct shape {
	bool is64, be;
	uint16_t type, machine;
	bool sections; /* notes through section headers, else PT_NOTE */
	bool interp;   /* a PT_INTERP segment */
	bool extended; /* e_shnum = 0, the count in section 0's sh_size */
} shape;

static const char desc_text[] = "a desc, NUL-terminated";

/* A file of `s`'s shape holding one wasm2native note (desc_text) and one
 * note of another owner before it. */
static void build(image *im, const shape *s)
{
	memset(im, 0, sizeof *im);
	im->is64 = s->is64;
	im->be = s->be;
	memcpy(im->buf, ELFMAG, SELFMAG);
	im->buf[EI_CLASS] = s->is64 ? ELFCLASS64 : ELFCLASS32;
	im->buf[EI_DATA] = s->be ? ELFDATA2MSB : ELFDATA2LSB;
	im->buf[EI_VERSION] = EV_CURRENT;
	put(im, 16, s->type, 2);
	put(im, 18, s->machine, 2);
	/* Notes at 256: GNU's, then ours. */
	size_t notes = 256, off = notes;
	put(im, off, 4, 4), put(im, off + 4, 4, 4), put(im, off + 8, 3, 4);
	memcpy(im->buf + off + 12, "GNU", 4);
	off += 20;
	put(im, off, sizeof W2N_NOTE_OWNER, 4);
	put(im, off + 4, sizeof desc_text, 4);
	put(im, off + 8, W2N_NOTE_TYPE_MODULE, 4);
	memcpy(im->buf + off + 12, W2N_NOTE_OWNER, sizeof W2N_NOTE_OWNER);
	memcpy(im->buf + off + 24, desc_text, sizeof desc_text);
	size_t notes_len = off + 24 + ((sizeof desc_text + 3) & ~3u) - notes;
	im->len = notes + notes_len;
	/* Program headers at 1024, section headers at 2048. */
	unsigned phsz = s->is64 ? 56 : 32, shsz = s->is64 ? 64 : 40;
	size_t ph = 1024, nph = 0;
	if (s->interp)
		put(im, ph + phsz * nph++, PT_INTERP, 4);
	if (!s->sections) {
		size_t p = ph + phsz * nph++;
		put(im, p, PT_NOTE, 4);
		put_word(im, p + (s->is64 ? 8 : 4), notes);
		put_word(im, p + (s->is64 ? 32 : 16), notes_len);
		put_word(im, p + (s->is64 ? 48 : 28), 4);
	}
	put_word(im, s->is64 ? 32 : 28, nph ? ph : 0);
	put(im, s->is64 ? 54 : 42, phsz, 2);
	put(im, s->is64 ? 56 : 44, nph, 2);
	if (s->sections) {
		size_t sh = 2048, note_sh = sh + shsz;
		put_word(im, s->is64 ? 40 : 32, sh);
		put(im, s->is64 ? 58 : 46, shsz, 2);
		put(im, s->is64 ? 60 : 48, s->extended ? 0 : 2, 2);
		put(im, sh + shsz - 1, 0, 1); /* the null section */
		if (s->extended)
			put_word(im, sh + (s->is64 ? 32 : 20), 2);
		put(im, note_sh + 4, SHT_NOTE, 4);
		put_word(im, note_sh + (s->is64 ? 24 : 16), notes);
		put_word(im, note_sh + (s->is64 ? 32 : 20), notes_len);
		put_word(im, note_sh + (s->is64 ? 48 : 32), 4);
		im->len = note_sh + shsz;
	}
	if (im->len < ph + phsz * nph)
		im->len = ph + phsz * nph;
}

static char tmp_path[] = "/tmp/w2n-note-elf-XXXXXX";

static void write_file(const uint8_t *p, size_t len)
{
	FILE *f = fopen(tmp_path, "wb");
	if (!f || fwrite(p, 1, len, f) != len) {
		perror(tmp_path);
		exit(2);
	}
	fclose(f);
}

/* Reads the file, expecting success with one note. */
static void expect_note(const image *im, w2n_note_file_kind kind,
                        unsigned machine)
{
	write_file(im->buf, im->len);
	w2n_note_file f;
	char why[256] = "";
	if (!CHECK(w2n_note_file_read(tmp_path, &f, why, sizeof why))) {
		fprintf(stderr, "    %s\n", why);
		return;
	}
	CHECK_EQ(f.kind, kind);
	CHECK_EQ(f.machine, machine);
	CHECK_EQ(f.elf_class, im->is64 ? ELFCLASS64 : ELFCLASS32);
	if (CHECK_EQ(f.nnotes, 1)) {
		CHECK_EQ(f.desc_lens[0], sizeof desc_text);
		CHECK(strcmp(f.descs[0], desc_text) == 0);
	}
	w2n_note_file_free(&f);
}

/* Reads the file, expecting a refusal naming `text` on one line. */
static void expect_refused(const uint8_t *p, size_t len, const char *text)
{
	write_file(p, len);
	w2n_note_file f;
	char why[256] = "";
	CHECK(!w2n_note_file_read(tmp_path, &f, why, sizeof why));
	CHECK(strstr(why, text) != NULL);
	CHECK(strchr(why, '\n') == NULL);
	CHECK_EQ(f.nnotes, 0);
}

static void test_shapes(void)
{
	image im;
	for (int is64 = 0; is64 < 2; is64++) {
		for (int be = 0; be < 2; be++) {
			check_context(is64 ? (be ? "ELF64 BE" : "ELF64 LE")
			                   : (be ? "ELF32 BE" : "ELF32 LE"));
			shape s = {is64, be,    ET_REL, EM_RISCV,
			           true, false, false};
			build(&im, &s);
			expect_note(&im, W2N_NOTE_FILE_OBJECT, EM_RISCV);
			s = (shape){is64,  be,    ET_DYN, EM_ARM,
			            false, false, false};
			build(&im, &s);
			expect_note(&im, W2N_NOTE_FILE_SHARED, EM_ARM);
			s.interp = true;
			build(&im, &s);
			expect_note(&im, W2N_NOTE_FILE_EXECUTABLE, EM_ARM);
			s = (shape){is64, be,    ET_EXEC, EM_AARCH64,
			            true, false, true};
			build(&im, &s);
			expect_note(&im, W2N_NOTE_FILE_EXECUTABLE, EM_AARCH64);
		}
	}
	check_context(NULL);
}

static void test_refusals(void)
{
	image im;
	shape s = {true, false, ET_DYN, EM_X86_64, true, false, false};
	expect_refused((const uint8_t *)"#!/bin/sh\necho hi\n", 18,
	               "not an ELF file");
	expect_refused((const uint8_t *)"\177ELF", 4, "not an ELF file");
	build(&im, &s);
	im.buf[EI_CLASS] = 7;
	expect_refused(im.buf, im.len, "unknown class or byte order");
	build(&im, &s);
	put_word(&im, 40, 1u << 30); /* section headers past the end */
	expect_refused(im.buf, im.len, "outside the file");
	build(&im, &s);
	put(&im, 60, 0xffff, 2); /* too many to fit */
	expect_refused(im.buf, im.len, "outside the file");
	build(&im, &s);
	expect_refused(im.buf, 40, "outside the file"); /* no full header */
}

/* A note block that runs past the file or a note that runs past its
 * block is ignored, not read. */
static void test_bad_notes(void)
{
	image im;
	shape s = {true, false, ET_REL, EM_X86_64, true, false, false};
	build(&im, &s);
	put(&im, 276 + 4, 1u << 20, 4); /* our note's descsz */
	write_file(im.buf, im.len);
	w2n_note_file f;
	char why[256];
	CHECK(w2n_note_file_read(tmp_path, &f, why, sizeof why));
	CHECK_EQ(f.nnotes, 0);
	w2n_note_file_free(&f);
	build(&im, &s);
	put_word(&im, 2048 + 64 + 32, 1u << 20); /* sh_size of the notes */
	write_file(im.buf, im.len);
	CHECK(w2n_note_file_read(tmp_path, &f, why, sizeof why));
	CHECK_EQ(f.nnotes, 0);
	w2n_note_file_free(&f);
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Every prefix and many corruptions of good files: the reader returns,
 * with at most the one note, and frees what it took. */
static void test_damage(void)
{
	static const shape shapes[] = {
	    {true, false, ET_DYN, EM_X86_64, true, true, false},
	    {false, true, ET_DYN, EM_ARM, false, true, false},
	    {true, true, ET_REL, EM_RISCV, true, false, true},
	};
	unsigned bad = 0;
	for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
		image im, copy;
		build(&im, &shapes[k]);
		for (size_t len = 0; len <= im.len; len += 3) {
			write_file(im.buf, len);
			w2n_note_file f;
			char why[256];
			if (w2n_note_file_read(tmp_path, &f, why, sizeof why))
				bad += f.nnotes > 1;
			w2n_note_file_free(&f);
		}
		for (int i = 0; i < 3000; i++) {
			copy = im;
			for (int j = 0; j < 4; j++) {
				uint64_t r = next_random();
				/* mostly headers and tables, where offsets are
				 */
				size_t at =
				    r % 4 ? (r >> 8) % 64 : (r >> 8) % im.len;
				copy.buf[at] ^= (uint8_t)(1u << (r >> 40) % 8);
				if (r % 5 == 0)
					copy.buf[at] = 0xff;
			}
			write_file(copy.buf, copy.len);
			w2n_note_file f;
			char why[256];
			if (w2n_note_file_read(tmp_path, &f, why, sizeof why))
				bad += f.nnotes > 2;
			w2n_note_file_free(&f);
		}
	}
	CHECK_EQ(bad, 0);
}

int main(void)
{
	int fd = mkstemp(tmp_path);
	if (fd < 0) {
		perror("mkstemp");
		return 2;
	}
	close(fd);
	test_shapes();
	test_refusals();
	test_bad_notes();
	test_damage();
	unlink(tmp_path);
	return check_report("note-elf");
}
