/*
 * spec_values.c - wast2json values (see spec_values.h).  Numbers come as
 * decimal strings of their bit patterns; floats may be NaN patterns.
 */
#include "spec_values.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned spec_type_code(const char *name)
{
	static const struct {
		const char *name;
		unsigned code;
	} types[] = {
	    {"i32", W2N_I32},
	    {"i64", W2N_I64},
	    {"f32", W2N_F32},
	    {"f64", W2N_F64},
	    {"v128", W2N_V128},
	    {"funcref", W2N_FUNCREF},
	    {"externref", W2N_EXTERNREF},
	};
	for (size_t i = 0; name && i < sizeof types / sizeof *types; i++)
		if (strcmp(types[i].name, name) == 0)
			return types[i].code;
	return 0;
}

void *spec_extern_ref(unsigned long long n)
{
	/* Offset by one so that ref.extern 0 is not null. */
	return (void *)(uintptr_t)(n + 1);
}

static unsigned lane_bits(const char *lane_type)
{
	if (!lane_type)
		return 0;
	if (strcmp(lane_type, "i8") == 0)
		return 8;
	if (strcmp(lane_type, "i16") == 0)
		return 16;
	if (strcmp(lane_type, "i32") == 0 || strcmp(lane_type, "f32") == 0)
		return 32;
	if (strcmp(lane_type, "i64") == 0 || strcmp(lane_type, "f64") == 0)
		return 64;
	return 0;
}

static void put_lane(uint8_t *v128, unsigned bits, size_t i, uint64_t x)
{
	for (unsigned b = 0; b < bits / 8; b++)
		v128[i * bits / 8 + b] = (uint8_t)(x >> (8 * b));
}

static uint64_t get_lane(const uint8_t *v128, unsigned bits, size_t i)
{
	uint64_t x = 0;
	for (unsigned b = 0; b < bits / 8; b++)
		x |= (uint64_t)v128[i * bits / 8 + b] << (8 * b);
	return x;
}

static bool parse_v128(const json *v, w2n_value *out)
{
	unsigned bits = lane_bits(json_str(v, "lane_type"));
	const json *lanes = json_get(v, "value");
	if (!bits || !lanes || lanes->kind != JSON_ARRAY ||
	    lanes->n != 128 / bits)
		return false;
	for (size_t i = 0; i < lanes->n; i++)
		put_lane(out->v128, bits, i,
		         strtoull(lanes->items[i]->text, NULL, 10));
	return true;
}

bool spec_parse_value(const json *v, w2n_value *out)
{
	unsigned type = spec_type_code(json_str(v, "type"));
	const char *text = json_str(v, "value");
	memset(out, 0, sizeof *out);
	out->type = (w2n_valtype)type;
	if (type == W2N_V128)
		return parse_v128(v, out);
	if (!text)
		return false;
	unsigned long long x = strtoull(text, NULL, 10);
	switch (type) {
	case W2N_I32: out->i32 = (int32_t)(uint32_t)x; return true;
	case W2N_F32: {
		uint32_t bits = (uint32_t)x;
		memcpy(&out->f32, &bits, 4);
		return true;
	}
	case W2N_I64: out->i64 = (int64_t)x; return true;
	case W2N_F64: memcpy(&out->f64, &x, 8); return true;
	case W2N_FUNCREF:
	case W2N_EXTERNREF:
		out->ref =
		    strcmp(text, "null") == 0 ? NULL : spec_extern_ref(x);
		return true;
	}
	return false;
}

/* A float lane's bits against an expected text (bits or NaN pattern). */
static bool match_float(const char *want, uint64_t got, unsigned bits)
{
	uint64_t exp_mask = bits == 32 ? 0x7F800000u : 0x7FF0000000000000u;
	uint64_t quiet = bits == 32 ? 0x00400000u : 0x0008000000000000u;
	uint64_t payload = bits == 32 ? 0x007FFFFFu : 0x000FFFFFFFFFFFFFu;
	bool nan = (got & exp_mask) == exp_mask && (got & payload);
	if (strcmp(want, "nan:canonical") == 0)
		return nan && (got & payload) == quiet;
	if (strcmp(want, "nan:arithmetic") == 0)
		return nan && (got & quiet);
	return got == strtoull(want, NULL, 10);
}

static bool match_v128(const json *want, const w2n_value *got, char *why,
                       size_t n)
{
	const char *lane_type = json_str(want, "lane_type");
	unsigned bits = lane_bits(lane_type);
	const json *lanes = json_get(want, "value");
	if (!bits || !lanes || lanes->kind != JSON_ARRAY)
		return snprintf(why, n, "bad expected v128"), false;
	for (size_t i = 0; i < lanes->n; i++) {
		uint64_t x = get_lane(got->v128, bits, i);
		const char *w = lanes->items[i]->text;
		bool ok =
		    lane_type[0] == 'f'
		        ? match_float(w, x, bits)
		        : x == (strtoull(w, NULL, 10) &
		                (bits == 64 ? ~0ull : (1ull << bits) - 1));
		if (!ok) {
			snprintf(why, n,
			         "v128 lane %zu: expected %s, got %" PRIu64, i,
			         w, x);
			return false;
		}
	}
	return true;
}

bool spec_match_value(const json *want, const w2n_value *got, char *why,
                      size_t n)
{
	unsigned type = got->type;
	const char *text = json_str(want, "value");
	unsigned want_type = spec_type_code(json_str(want, "type"));
	if (want_type != type)
		return snprintf(why, n, "result type differs"), false;
	if (type == W2N_V128)
		return match_v128(want, got, why, n);
	if (!text)
		return snprintf(why, n, "no expected value"), false;
	uint64_t bits = 0;
	bool ok;
	switch (type) {
	case W2N_I32:
		bits = (uint32_t)got->i32;
		ok = bits == (uint32_t)strtoull(text, NULL, 10);
		break;
	case W2N_I64:
		bits = (uint64_t)got->i64;
		ok = bits == strtoull(text, NULL, 10);
		break;
	case W2N_F32: {
		uint32_t b;
		memcpy(&b, &got->f32, 4);
		bits = b;
		ok = match_float(text, bits, 32);
		break;
	}
	case W2N_F64:
		memcpy(&bits, &got->f64, 8);
		ok = match_float(text, bits, 64);
		break;
	default: /* references */
		bits = (uint64_t)(uintptr_t)got->ref;
		ok = strcmp(text, "null") == 0
		         ? got->ref == NULL
		         : (type == W2N_FUNCREF
		                ? got->ref != NULL
		                : got->ref == spec_extern_ref(
		                                  strtoull(text, NULL, 10)));
		break;
	}
	if (!ok)
		snprintf(why, n, "expected %s, got %" PRIu64, text, bits);
	return ok;
}
