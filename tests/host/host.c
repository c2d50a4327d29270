/*
 * host.c - the host side of plugin.c: reads the module's memory with
 * bounds checks and calls back into an export.  Compiled by wasm2native
 * with the module's generated header forced in.
 */
#include <stdio.h>

void w2n_import_env__log_5fstr(w2n_rt_instance *inst, int32_t ptr, int32_t len)
{
	const char *s = w2n_host_memory(inst, (uint32_t)ptr, (uint32_t)len);
	if (!s) {
		printf("host: string out of bounds\n");
		return;
	}
	printf("host: %.*s (square(12) = %d)\n", (int)len, s,
	       w2n_export_square(inst, 12));
	fflush(stdout);
}

int32_t w2n_import_env__checksum(w2n_rt_instance *inst, int32_t ptr,
                                 int32_t len)
{
	const unsigned char *p =
	    w2n_host_memory(inst, (uint32_t)ptr, (uint32_t)len);
	if (!p)
		return -1;
	uint32_t sum = 0;
	for (int32_t i = 0; i < len; i++)
		sum = sum * 31 + p[i];
	return (int32_t)sum;
}

int64_t w2n_import_env__add64(w2n_rt_instance *inst, int64_t a, int64_t b)
{
	(void)inst;
	return a + b;
}
