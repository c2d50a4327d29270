/*
 * parts.h - the module's object from its partitions (codegen.h): compiled
 * on -j threads, or taken from slice files compiled elsewhere, and joined
 * by `ld.lld -r` when there are several.
 */
#ifndef W2N_PARTS_H
#define W2N_PARTS_H

#include <stdbool.h>

#include "codegen.h"
#include "diag.h"
#include "options.h"

/* Whether `path` is a slice file (an archive whose first member is the
 * slice header). */
bool w2n_is_slice_file(const char *path);

/*
 * Writes the module's relocatable object to `obj`.  Partitions held by
 * the slice files `slices[0..nslices)` are taken from them (each must
 * come from the same module and code options); the others are compiled
 * here.  The result does not depend on -j or on which slices were given.
 */
bool w2n_build_object(const w2n_options *o, const ir_module *m,
                      const cg_options *co, const uint8_t digest[32],
                      char *const *slices, size_t nslices, const char *obj,
                      w2n_diags *d);

/* --slice=K: compiles slice K of --slices=N into the slice file `out`. */
bool w2n_build_slice(const w2n_options *o, const ir_module *m,
                     const cg_options *co, const uint8_t digest[32],
                     const char *out, w2n_diags *d);

/* -v: the codegen phase's time and peak memory, then the CPU time of
 * its phases over `n` partitions. */
void w2n_report_codegen(const w2n_options *o, double t0, uint32_t n,
                        const cg_stats *st);

#endif
