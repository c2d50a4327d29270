/*
 * proposals.c - names the feature behind an encoding the decoder refuses
 * (proposals.def), so that a module from a newer toolchain is told what
 * it uses, not only that a byte is wrong.
 */
#include "decode_internal.h"

static const struct {
	dec_site site;
	uint32_t lo, hi;
	const char *note;
} proposals[] = {
#define W2N_PROPOSAL(site, lo, hi, what, proposal)                             \
	{DEC_SITE_##site, lo, hi,                                              \
	 " (" what ": the " proposal " proposal is not supported)"},
#include "proposals.def"
#undef W2N_PROPOSAL
};

const char *dec_unsupported(dec_site site, uint32_t value)
{
	for (size_t i = 0; i < sizeof proposals / sizeof *proposals; i++)
		if (proposals[i].site == site && proposals[i].lo <= value &&
		    value <= proposals[i].hi)
			return proposals[i].note;
	return "";
}
