/*
 * tool.h - running tools (tool.c).
 */
#ifndef W2N_TOOL_H
#define W2N_TOOL_H

#include <stdbool.h>

#include "diag.h"

/* Runs a tool (compiler, linker) and waits; false with a diagnostic when
 * it cannot run or fails. */
bool w2n_run_tool(char *const argv[], w2n_diags *d);

/* Whether `prog` can be found on PATH (or is a path that exists). */
bool w2n_on_path(const char *prog);

#endif
