/*
 * config.c - the WASI configuration of a compiled executable, for its
 * entry point (main.c).
 *
 * Items (README.md): `--dir=HOST[::GUEST]` preopens HOST as GUEST (HOST
 * when GUEST is absent); `--env=NAME=VALUE` sets a variable, `--env=NAME`
 * passes the host's value of NAME if it has one.  They come from the
 * compiled-in list w2n_main_config (NUL-separated, ending with an empty
 * item) and then from WASM2NATIVE_OPTIONS (separated by blanks, `\`
 * quoting the next character).  A later --env of the same NAME or --dir
 * of the same GUEST replaces the earlier one in place.  Nothing else
 * reaches the program: no host environment, no directory.
 *
 * Items that limit the program (docs/interruption.md), the last one of
 * each counting: `--timeout=DURATION` (ns, us, ms, s, m; seconds without
 * a unit), `--fuel=N`, `--max-memory=SIZE`, `--max-stack=SIZE` (bytes,
 * or K, M, G for KiB, MiB, GiB) and `--max-table=N`.
 */
#include "wasi_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct options {
	char **env; /* "NAME=VALUE", owned */
	size_t nenv;
	wasi_preopen *dirs; /* host and guest strings, owned */
	size_t ndirs;
	const char *origin; /* where the items come from, for messages */
	wasi_program_limits *limits;
} options;

/* Grows an array of `size`-byte items by one; false when out of memory. */
static bool grow(void *array, size_t count, size_t size)
{
	void **p = array;
	void *q = w2n_rt_realloc(*p, (count + 1) * size);
	if (q)
		*p = q;
	return q != NULL;
}

/* Sets "NAME=VALUE" (owned by the caller until it succeeds). */
static bool set_env(options *o, char *entry, w2n_rt_error *err)
{
	size_t name_len = (size_t)(strchr(entry, '=') - entry);
	for (size_t i = 0; i < o->nenv; i++) {
		if (strncmp(o->env[i], entry, name_len + 1) == 0) {
			w2n_rt_free(o->env[i]);
			o->env[i] = entry;
			return true;
		}
	}
	if (!grow(&o->env, o->nenv, sizeof *o->env))
		return wasi_out_of_memory(err);
	o->env[o->nenv++] = entry;
	return true;
}

/* `--env=NAME=VALUE`, or `--env=NAME` to pass the host's value. */
static bool add_env(options *o, const char *spec, w2n_rt_error *err)
{
	const char *eq = strchr(spec, '=');
	const char *host = eq ? NULL : getenv(spec);
	if (spec[0] == '=' || !spec[0])
		return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
		                        "%s: --env needs a NAME", o->origin);
	if (!eq && !host)
		return true; /* not set on the host: nothing to pass */
	size_t len = strlen(spec) + (eq ? 0 : 1 + strlen(host));
	char *entry = w2n_rt_malloc(len + 1);
	if (!entry)
		return wasi_out_of_memory(err);
	if (eq)
		memcpy(entry, spec, len + 1);
	else
		snprintf(entry, len + 1, "%s=%s", spec, host);
	if (!set_env(o, entry, err)) {
		w2n_rt_free(entry);
		return false;
	}
	return true;
}

/* `--dir=HOST[::GUEST]`; the first "::" separates them. */
static bool add_dir(options *o, const char *spec, w2n_rt_error *err)
{
	const char *sep = strstr(spec, "::");
	size_t host_len = sep ? (size_t)(sep - spec) : strlen(spec);
	if (host_len == 0 || (sep && !sep[2]))
		return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
		                        "%s: bad --dir=%s (HOST[::GUEST])",
		                        o->origin, spec);
	char *host = w2n_rt_malloc(host_len + 1);
	char *guest = w2n_rt_strdup(sep ? sep + 2 : spec);
	if (!host || !guest || !grow(&o->dirs, o->ndirs, sizeof *o->dirs)) {
		w2n_rt_free(host);
		w2n_rt_free(guest);
		return wasi_out_of_memory(err);
	}
	memcpy(host, spec, host_len);
	host[host_len] = 0;
	size_t i = 0;
	while (i < o->ndirs && strcmp(o->dirs[i].guest_path, guest) != 0)
		i++;
	if (i == o->ndirs)
		o->ndirs++;
	else {
		w2n_rt_free((char *)(uintptr_t)o->dirs[i].host_path);
		w2n_rt_free((char *)(uintptr_t)o->dirs[i].guest_path);
	}
	o->dirs[i] = (wasi_preopen){host, guest};
	return true;
}

/* A unit a number may carry, and what it multiplies by. */
typedef struct unit {
	const char *suffix;
	uint64_t scale;
} unit;

static const unit size_units[] = {
    {"", 1}, {"K", 1u << 10}, {"M", 1u << 20}, {"G", 1u << 30}, {NULL, 0}};
static const unit count_units[] = {{"", 1}, {NULL, 0}};
static const unit duration_units[] = {
    {"ns", 1},         {"us", 1000},        {"ms", 1000000}, {"s", 1000000000u},
    {"", 1000000000u}, {"m", 60000000000u}, {NULL, 0}};

/* The items that limit the program: name, units, and the member set. */
static const struct {
	const char *name;
	const unit *units;
	size_t offset;
} limit_items[] = {
    {"--timeout=", duration_units, offsetof(wasi_program_limits, timeout_ns)},
    {"--fuel=", count_units, offsetof(wasi_program_limits, fuel)},
    {"--max-memory=", size_units,
     offsetof(wasi_program_limits, limits.max_memory_bytes)},
    {"--max-table=", count_units,
     offsetof(wasi_program_limits, limits.max_table_elems)},
    {"--max-stack=", size_units,
     offsetof(wasi_program_limits, limits.max_stack_bytes)},
};

/* Decimal digits and one of `units`'s suffixes; false when it is not
 * that or does not fit in 64 bits. */
static bool parse_scaled(const char *s, const unit *units, uint64_t *out)
{
	char *end;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	unsigned long long n = strtoull(s, &end, 10);
	if (errno)
		return false;
	for (const unit *u = units; u->suffix; u++)
		if (strcmp(end, u->suffix) == 0) {
			if (n > UINT64_MAX / u->scale)
				return false;
			*out = n * u->scale;
			return true;
		}
	return false;
}

/* A limit item, when `item` is one (*known set). */
static bool add_limit(options *o, const char *item, bool *known,
                      w2n_rt_error *err)
{
	size_t n = sizeof limit_items / sizeof limit_items[0];
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(limit_items[i].name);
		if (strncmp(item, limit_items[i].name, len) != 0)
			continue;
		*known = true;
		uint64_t *to =
		    (uint64_t *)((char *)o->limits + limit_items[i].offset);
		if (!parse_scaled(item + len, limit_items[i].units, to))
			return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
			                        "%s: bad %s", o->origin, item);
		return true;
	}
	return true;
}

static bool add_item(options *o, const char *item, w2n_rt_error *err)
{
	if (strncmp(item, "--dir=", 6) == 0)
		return add_dir(o, item + 6, err);
	if (strncmp(item, "--env=", 6) == 0)
		return add_env(o, item + 6, err);
	bool known = false;
	bool ok = add_limit(o, item, &known, err);
	if (known)
		return ok;
	return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
	                        "%s: unknown item '%s' (expected "
	                        "--dir=HOST[::GUEST], --env=NAME[=VALUE] or a "
	                        "limit: --timeout, --fuel, --max-memory, "
	                        "--max-table, --max-stack)",
	                        o->origin, item);
}

/* The compiled-in list: NUL-separated items up to an empty one. */
static bool add_list(options *o, const char *list, w2n_rt_error *err)
{
	o->origin = "compiled-in WASI configuration";
	for (const char *p = list; p && *p; p += strlen(p) + 1)
		if (!add_item(o, p, err))
			return false;
	return true;
}

/* Copies the next blank-separated word of *p (with `\` quoting) into
 * word[0..]; false at the end.  Blanks are spaces and tabs only, so a
 * newline can sit in an --env value. */
static bool next_word(const char **p, char *word)
{
	const char *s = *p;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return false;
	while (*s && *s != ' ' && *s != '\t') {
		if (*s == '\\' && s[1])
			s++;
		*word++ = *s++;
	}
	*word = 0;
	*p = s;
	return true;
}

/* The run-time list: blank-separated items. */
static bool add_words(options *o, const char *text, w2n_rt_error *err)
{
	o->origin = "WASM2NATIVE_OPTIONS";
	if (!text)
		return true;
	char *word = w2n_rt_malloc(strlen(text) + 1);
	if (!word)
		return wasi_out_of_memory(err);
	bool ok = true;
	while (ok && next_word(&text, word))
		ok = add_item(o, word, err);
	w2n_rt_free(word);
	return ok;
}

static void options_free(options *o)
{
	for (size_t i = 0; i < o->nenv; i++)
		w2n_rt_free(o->env[i]);
	for (size_t i = 0; i < o->ndirs; i++) {
		w2n_rt_free((char *)(uintptr_t)o->dirs[i].host_path);
		w2n_rt_free((char *)(uintptr_t)o->dirs[i].guest_path);
	}
	w2n_rt_free(o->env);
	w2n_rt_free(o->dirs);
}

wasi_ctx *wasi_ctx_from_options(int argc, char **argv, const char *compiled,
                                const char *runtime, w2n_rt_error *err)
{
	wasi_program_limits ignored;
	return wasi_program_from_options(argc, argv, compiled, runtime,
	                                 &ignored, err);
}

wasi_ctx *wasi_program_from_options(int argc, char **argv, const char *compiled,
                                    const char *runtime,
                                    wasi_program_limits *out, w2n_rt_error *err)
{
	options o = {.limits = out};
	memset(out, 0, sizeof *out);
	w2n_rt_resource_limits_init(&out->limits);
	wasi_ctx *ctx = NULL;
	if (add_list(&o, compiled, err) && add_words(&o, runtime, err)) {
		wasi_config config;
		wasi_config_init(&config);
		config.argc = argc > 0 ? (size_t)argc : 0;
		config.argv = (const char *const *)argv;
		config.nenv = o.nenv;
		config.env = (const char *const *)o.env;
		config.npreopens = o.ndirs;
		config.preopens = o.dirs;
		ctx = wasi_ctx_new(&config, err);
	}
	options_free(&o);
	return ctx;
}
