/*
 * report.h - the driver's output to the user: diagnostics and -v lines.
 */
#ifndef W2N_REPORT_H
#define W2N_REPORT_H

#include <stdbool.h>

#include "diag.h"

/* Prints the diagnostics and frees them; returns the exit status of a
 * failed command (1).  Stages stop at their first error, so this is one
 * line, except for lists such as every missing import. */
int w2n_report(w2n_diags *d);

/* -v: a monotonic clock in seconds, and the line of a phase that began
 * at `t0` (its time and the process's peak memory so far). */
double w2n_now(void);
void w2n_phase_done(bool verbose, const char *name, double t0);

/* Consecutive phases: each w2n_phase prints the time since the previous
 * one (or since the clock was set). */
typedef struct w2n_phase_clock {
	bool verbose;
	double t0;
} w2n_phase_clock;
void w2n_phase(w2n_phase_clock *c, const char *name);

#endif
