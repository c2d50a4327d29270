// RUN: args first "two words" "" ünïcödé -dash --long=option 'quote"d'
// RUN: env GREETING=hello world
// RUN: env EMPTY=
// RUN: env EQUALS=a=b=c
// RUN: env PATHLIKE=/usr/bin:/bin
// RUN: env UNICODE=héllo wörld
// Command-line arguments and environment variables: argv as given,
// getenv for set, empty and unset names, the whole environment (sorted:
// its order is not specified), and setenv/unsetenv/putenv.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void show(const char *name)
{
	const char *v = getenv(name);
	if (v)
		printf("getenv(%s) = [%s] (%zu bytes)\n", name, v, strlen(v));
	else
		printf("getenv(%s) = NULL\n", name);
}

int main(int argc, char **argv)
{
	printf("argc %d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = [%s] (%zu bytes)\n", i, argv[i],
		       strlen(argv[i]));
	printf("argv[argc] is %s\n", argv[argc] ? "not NULL" : "NULL");

	const char *names[] = {"GREETING", "EMPTY", "EQUALS", "PATHLIKE",
	                       "UNICODE",  "UNSET", "HOME",   "PATH"};
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		show(names[i]);

	int n = 0;
	while (environ[n])
		n++;
	char **copy = malloc((size_t)n * sizeof *copy);
	memcpy(copy, environ, (size_t)n * sizeof *copy);
	qsort(copy, (size_t)n, sizeof *copy, by_string);
	printf("environment has %d entries\n", n);
	for (int i = 0; i < n; i++)
		printf("  %s\n", copy[i]);
	free(copy);

	setenv("NEW", "value", 0);
	setenv("GREETING", "replaced", 1);
	setenv("EQUALS", "kept", 0);
	unsetenv("EMPTY");
	static char put[] = "PUT=by putenv";
	putenv(put);
	show("NEW");
	show("GREETING");
	show("EQUALS");
	show("EMPTY");
	show("PUT");
	return 0;
}
