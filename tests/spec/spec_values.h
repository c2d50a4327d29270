/*
 * spec_values.h - parsing wast2json values and comparing results
 * (including nan:canonical / nan:arithmetic and v128 lane shapes).
 */
#ifndef W2N_SPEC_VALUES_H
#define W2N_SPEC_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"
#include "wasm2native.h"

/* The w2n_valtype of a wast2json type name ("i32", "funcref"...), or 0. */
unsigned spec_type_code(const char *name);

/* Parses an argument value (with its type) into `out`; false if
 * malformed. */
bool spec_parse_value(const json *v, w2n_value *out);

/* Whether `got` matches the expected value `want` (type included); on
 * mismatch writes a description into why. */
bool spec_match_value(const json *want, const w2n_value *got, char *why,
                      size_t n);

/* The externref value a test's `ref.extern N` stands for. */
void *spec_extern_ref(unsigned long long n);

#endif
