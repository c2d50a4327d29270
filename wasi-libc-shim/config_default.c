/*
 * config_default.c - the empty compiled-in WASI configuration.  Codegen
 * emits its own w2n_main_config (README.md) when a program is compiled
 * with --dir/--env items; this object, alone in its archive member, is
 * linked only when it did not.
 */

/* NUL-separated items ending with an empty one: here, none. */
extern const char w2n_main_config[];
__attribute__((weak)) const char w2n_main_config[] = "";
