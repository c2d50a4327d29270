/*
 * abi_layout_c.c - prints the runtime structs of runtime/abi.def as the
 * C compiler lays out w2n_rt.h's declarations, in the lines of
 * cg_print_abi_layout.  Built with each target's C compiler and run
 * there (under qemu-user) by abi_layout.py.
 */
#include <stddef.h>
#include <stdio.h>

#include "w2n_rt.h"

int main(void)
{
#define W2N_RT_STRUCT(name)                                                    \
	printf("w2n_rt_" #name " size %zu align %zu\n", sizeof(w2n_rt_##name), \
	       _Alignof(w2n_rt_##name));
#define W2N_RT_FIELD(name, kind, field)                                        \
	printf("w2n_rt_" #name "." #field " offset %zu\n",                     \
	       offsetof(w2n_rt_##name, field));
#define W2N_RT_END(name)
#define W2N_RT_HELPER(id, symbol, flags, result, params)
#include "abi.def"
	return 0;
}
