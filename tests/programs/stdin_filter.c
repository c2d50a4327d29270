// RUN: stdin stdin_filter.stdin
// Reads stdin: lines through a small fgets buffer (so long lines arrive
// in pieces), then counts of lines, words and bytes, numbers found with
// strtol, ROT13 and reversal of each line, and getchar/ungetc at EOF.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	static char text[1 << 16];
	size_t len = 0;
	char piece[32];
	int pieces = 0;
	while (fgets(piece, sizeof piece, stdin)) {
		size_t n = strlen(piece);
		memcpy(text + len, piece, n);
		len += n;
		pieces++;
	}
	text[len] = 0;
	printf("read %zu bytes in %d pieces, eof %d error %d\n", len, pieces,
	       feof(stdin), ferror(stdin));
	int lines = 0, words = 0, in_word = 0;
	for (size_t i = 0; i < len; i++) {
		lines += text[i] == '\n';
		if (isspace((unsigned char)text[i]))
			in_word = 0;
		else if (!in_word) {
			in_word = 1;
			words++;
		}
	}
	printf("lines %d words %d final newline %d\n", lines, words,
	       len && text[len - 1] == '\n');
	long total = 0;
	int numbers = 0;
	for (char *p = text; *p;) {
		if (isdigit((unsigned char)*p) ||
		    (*p == '-' && isdigit((unsigned char)p[1]))) {
			total += strtol(p, &p, 10);
			numbers++;
		} else {
			p++;
		}
	}
	printf("%d numbers, sum %ld\n", numbers, total);
	int number = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		size_t n = strlen(line);
		printf("%2d rot13: ", ++number);
		for (size_t i = 0; i < n; i++) {
			int c = (unsigned char)line[i];
			if (isalpha(c))
				c = (tolower(c) - 'a' + 13) % 26 +
				    (isupper(c) ? 'A' : 'a');
			putchar(c);
		}
		printf("\n   reversed: ");
		for (size_t i = n; i > 0; i--)
			putchar(line[i - 1]);
		putchar('\n');
	}
	printf("getchar at eof %d\n", getchar() == EOF);
	return 0;
}
