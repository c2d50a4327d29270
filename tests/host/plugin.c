/*
 * plugin.c - a WASI program importing functions from the module "env",
 * implemented by host.c and linked into one executable by wasm2native.
 */
#include <stdio.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(name)))

IMPORT("log_str") void log_str(const char *s, int len);
IMPORT("checksum") unsigned checksum(const void *p, int len);
IMPORT("add64") long long add64(long long a, long long b);

__attribute__((export_name("square"))) int square(int x)
{
	return x * x;
}

int main(void)
{
	static const char msg[] = "hello from the module";
	static const unsigned char data[] = {1, 2, 3, 4, 250};
	log_str(msg, (int)strlen(msg));
	printf("checksum %u\n", checksum(data, (int)sizeof data));
	printf("checksum of an out-of-bounds range %u\n",
	       checksum((const void *)0x7ffffff0, 1000));
	printf("add64 %lld\n", add64(1LL << 40, 7));
	return 0;
}
