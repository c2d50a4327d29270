/*
 * spec_values.h - parsing wast2json values and comparing results
 * (including nan:canonical / nan:arithmetic and v128 lane shapes).
 */
#ifndef W2N_SPEC_VALUES_H
#define W2N_SPEC_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"
#include "w2n_rt.h"

/* The W2N_RT_* code of a wast2json type name ("i32", "funcref"...), or 0. */
unsigned spec_type_code(const char *name);

/* Parses an argument value into `out`; false if malformed. */
bool spec_parse_value(const json *v, w2n_rt_value *out);

/* Whether `got` (of type code `type`) matches the expected value `want`;
 * on mismatch writes a description into why. */
bool spec_match_value(const json *want, unsigned type, const w2n_rt_value *got,
                      char *why, size_t n);

/* The externref value a test's `ref.extern N` stands for. */
void *spec_extern_ref(unsigned long long n);

#endif
