// String and memory functions: strtok, strstr, snprintf truncation,
// memmove with overlap, strncpy padding, comparisons, character classes,
// number parsing with end pointers, sscanf, and a few hand-written string
// algorithms.
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void tokens(void)
{
	char text[] = "  the quick,brown;;fox , jumps over;the lazy dog  ";
	int n = 0;
	for (char *t = strtok(text, " ,;"); t; t = strtok(NULL, " ,;"))
		printf("token %d: [%s]\n", n++, t);
	char csv[] = "a=1&b=22&&c=333";
	char *save;
	for (char *kv = strtok_r(csv, "&", &save); kv;
	     kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		printf("key %.*s value %s\n", (int)(eq - kv), kv, eq + 1);
	}
}

static void searching(void)
{
	const char *hay = "abracadabra, abracadabra!";
	for (const char *p = hay; (p = strstr(p, "abra")); p++)
		printf("abra at %d\n", (int)(p - hay));
	printf("strstr empty: %d\n", (int)(strstr(hay, "") - hay));
	printf("strstr none: %s\n", strstr(hay, "cadabrax") ? "hit" : "null");
	printf("strchr c %d strrchr c %d\n", (int)(strchr(hay, 'c') - hay),
	       (int)(strrchr(hay, 'c') - hay));
	printf("strspn %zu strcspn %zu strpbrk %s\n", strspn(hay, "abr"),
	       strcspn(hay, ",!"), strpbrk(hay, "!,"));
	printf("memchr %d\n", (int)((const char *)memchr(hay, 'd', 25) - hay));
}

static void formatting(void)
{
	char buf[16];
	int n =
	    snprintf(buf, sizeof buf, "%s-%d-%s", "truncated", 12345, "output");
	printf("snprintf wanted %d got [%s] (%zu)\n", n, buf, strlen(buf));
	n = snprintf(NULL, 0, "%08.3f|%x|%o|%#x|%5s|%-5s|", 3.14159, 255u, 8u,
	             255u, "ab", "cd");
	printf("measure only: %d\n", n);
	char big[128];
	snprintf(big, sizeof big, "%08.3f|%x|%o|%#x|%5s|%-5s|%c%%", 3.14159,
	         255u, 8u, 255u, "ab", "cd", 'Z');
	printf("%s\n", big);
	snprintf(big, sizeof big, "[%*d] [%-*d] [%.*s] [%+.3d] [%hhd] [%hd]", 6,
	         42, 6, 42, 3, "abcdef", 7, 300, 70000);
	printf("%s\n", big);
	snprintf(big, sizeof big, "%lld %llu %llx %" PRId64 " %" PRIu32,
	         -9223372036854775807LL - 1, 18446744073709551615ULL,
	         0xdeadbeefcafeULL, (int64_t)-5, (uint32_t)4000000000u);
	printf("%s\n", big);
}

static void moving(void)
{
	char s[32] = "0123456789";
	memmove(s + 2, s, 8);
	printf("memmove right: %s\n", s);
	strcpy(s, "0123456789");
	memmove(s, s + 3, 7);
	printf("memmove left: %s\n", s);
	char pad[8];
	memset(pad, 'x', sizeof pad);
	strncpy(pad, "ab", sizeof pad);
	for (unsigned i = 0; i < sizeof pad; i++)
		printf("%d ", pad[i]);
	printf("\n");
	char cat[32] = "con";
	strcat(cat, "cat");
	strncat(cat, "enation!!!", 7);
	printf("%s %zu\n", cat, strlen(cat));
	char *d = strdup(cat);
	d[0] = (char)toupper((unsigned char)d[0]);
	printf("%s %d %d %d\n", d, sign(strcmp(cat, d)),
	       sign(strncmp(cat, "conc", 4)), sign(memcmp("abc", "abd", 3)));
	free(d);
}

static void parsing(void)
{
	const char *ints[] = {
	    "42",   "-17abc", "0x1F",       "0777",
	    "  +9", "z",      "2147483648", "-9223372036854775809",
	    "zz"};
	for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		char *end;
		errno = 0;
		long long v = strtoll(ints[i], &end, i == 8 ? 36 : 0);
		printf("strtoll(\"%s\") = %lld used %d erange %d\n", ints[i], v,
		       (int)(end - ints[i]), errno == ERANGE);
	}
	printf("strtoul -1: %llu\n",
	       (unsigned long long)strtoull("-1", NULL, 10));
	printf("strtol base 2: %ld\n", strtol("101101", NULL, 2));
	printf("atoi %d atol %ld\n", atoi(" -123x"), atol("99999"));
	int a, b;
	char word[16];
	float f;
	int got = sscanf("12 apples 3.5 and 7", "%d %15s %f and %d", &a, word,
	                 &f, &b);
	printf("sscanf %d: %d %s %.2f %d\n", got, a, word, f, b);
	got = sscanf("x=10,y=-20", "x=%d,y=%d", &a, &b);
	printf("sscanf %d: %d %d\n", got, a, b);
}

/* Reverses the words of s in place. */
static void reverse(char *s, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		char t = s[i];
		s[i] = s[n - 1 - i];
		s[n - 1 - i] = t;
	}
}

static void algorithms(void)
{
	char s[] = "one two three four five";
	reverse(s, strlen(s));
	for (char *w = s; *w;) {
		size_t len = strcspn(w, " ");
		reverse(w, len);
		w += len;
		w += *w == ' ';
	}
	printf("%s\n", s);
	const char *text =
	    "It was the best of times, it was the worst of times";
	int counts[26] = {0};
	for (const char *p = text; *p; p++)
		if (isalpha((unsigned char)*p))
			counts[tolower((unsigned char)*p) - 'a']++;
	for (int i = 0; i < 26; i++)
		if (counts[i])
			printf("%c%d", 'a' + i, counts[i]);
	printf("\n");
	int classes[6] = {0};
	for (int c = 0; c < 128; c++) {
		classes[0] += !!isdigit(c);
		classes[1] += !!isspace(c);
		classes[2] += !!ispunct(c);
		classes[3] += !!isupper(c);
		classes[4] += !!isxdigit(c);
		classes[5] += !!iscntrl(c);
	}
	printf("digit %d space %d punct %d upper %d xdigit %d cntrl %d\n",
	       classes[0], classes[1], classes[2], classes[3], classes[4],
	       classes[5]);
}

int main(void)
{
	tokens();
	searching();
	formatting();
	moving();
	parsing();
	algorithms();
	return 0;
}
