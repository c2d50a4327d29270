/*
 * report.c - what the driver tells the user: every error through one path
 * (a w2n_diags list printed by w2n_report, the command line's included)
 * and, with -v, each phase's time and peak memory.
 */
#include "report.h"

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

int w2n_report(w2n_diags *d)
{
	for (const w2n_diag *g = d->first; g; g = g->next)
		w2n_diag_print(d, g, stderr);
	w2n_diags_free(d);
	return 1;
}

double w2n_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void w2n_phase_done(bool verbose, const char *name, double t0)
{
	if (!verbose)
		return;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "wasm2native: %-10s %8.3f s  peak %ld MiB\n", name,
	        w2n_now() - t0, ru.ru_maxrss / 1024);
}

void w2n_phase(w2n_phase_clock *c, const char *name)
{
	w2n_phase_done(c->verbose, name, c->t0);
	c->t0 = w2n_now();
}
