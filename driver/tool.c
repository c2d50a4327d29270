/*
 * tool.c - running the other programs the driver needs (the target's C
 * compiler to link and to compile host code, ld.lld to join partitions).
 */
#include "tool.h"

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

bool w2n_run_tool(char *const argv[], w2n_diags *d)
{
	pid_t pid;
	int err = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	int status;
	if (err)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_LINK,
		                 "cannot run %s: %s", argv[0], strerror(err));
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return w2n_error(d, W2N_NO_OFFSET, W2N_DIAG_LINK, "%s failed",
		                 argv[0]);
	return true;
}

bool w2n_on_path(const char *prog)
{
	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	const char *path = getenv("PATH");
	char buf[4096];
	for (const char *p = path ? path : "/usr/bin"; *p;) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, p, prog);
		if (access(buf, X_OK) == 0)
			return true;
		p += n + (colon != NULL);
	}
	return false;
}
