/*
 * inspect.h - `wasm2native --inspect FILE`: the module notes of an object,
 * executable or plugin of any target (note/note.h), read with libelf.
 */
#ifndef W2N_INSPECT_H
#define W2N_INSPECT_H

#include "options.h"

/* Prints the notes of o->input; returns the exit status (1 with a
 * one-line error when the file has none or cannot be read). */
int w2n_inspect(const w2n_options *o);

#endif
