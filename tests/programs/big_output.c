// Several megabytes of stdout through printf, fwrite, puts and putchar,
// with a checksum of everything written at the end.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t crc_table[256];
static uint32_t crc = 0xffffffffu;

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

static void crc_add(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		crc =
		    crc_table[(crc ^ (unsigned char)p[i]) & 0xff] ^ (crc >> 8);
}

int main(void)
{
	crc_init();
	char line[128];
	unsigned long long total = 0;
	/* 150,000 formatted lines, about 5.5 MB. */
	for (uint32_t i = 0; i < 150000; i++) {
		int n = snprintf(line, sizeof line, "%07u %08x %-10s|%+.3e\n",
		                 i, i * 2654435761u, i % 3 ? "fizz" : "buzz",
		                 (double)i / 7.0);
		fputs(line, stdout);
		crc_add(line, (size_t)n);
		total += (unsigned long long)n;
	}
	/* 1 MiB in one fwrite. */
	static char block[1 << 20];
	for (size_t i = 0; i < sizeof block; i++)
		block[i] = (char)(i % 64 == 63 ? '\n' : 'A' + (i * 7) % 26);
	size_t w = fwrite(block, 1, sizeof block, stdout);
	crc_add(block, w);
	total += w;
	/* Single characters. */
	for (int i = 0; i < 100000; i++) {
		char c = i % 80 == 79 ? '\n' : (char)('0' + i % 10);
		putchar(c);
		crc_add(&c, 1);
		total++;
	}
	puts("end");
	crc_add("end\n", 4);
	total += 4;
	printf("total %llu bytes, crc32 %08x\n", total, crc ^ 0xffffffffu);
	return 0;
}
