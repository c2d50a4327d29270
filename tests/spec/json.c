/*
 * json.c - recursive-descent JSON reader (see json.h).  Test code: out of
 * memory aborts.
 */
#include "json.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
	const char *p;
} reader;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		abort();
	return p;
}

static void skip_space(reader *r)
{
	while (isspace((unsigned char)*r->p))
		r->p++;
}

static json *new_value(json_kind kind)
{
	json *j = xrealloc(NULL, sizeof *j);
	memset(j, 0, sizeof *j);
	j->kind = kind;
	return j;
}

static json *parse_value(reader *r);

/* A string body after the opening quote; \uXXXX is kept as UTF-8. */
static char *parse_string(reader *r, size_t *len)
{
	size_t cap = 16, n = 0;
	char *s = xrealloc(NULL, cap);
	while (*r->p && *r->p != '"') {
		char c = *r->p++;
		if (c == '\\') {
			char e = *r->p++;
			switch (e) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': {
				unsigned cp = (unsigned)strtoul(
				    (char[5]){r->p[0], r->p[1], r->p[2],
				              r->p[3], 0},
				    NULL, 16);
				r->p += 4;
				char buf[4];
				int k = 0;
				if (cp < 0x80) {
					buf[k++] = (char)cp;
				} else if (cp < 0x800) {
					buf[k++] = (char)(0xC0 | cp >> 6);
					buf[k++] = (char)(0x80 | (cp & 0x3F));
				} else {
					buf[k++] = (char)(0xE0 | cp >> 12);
					buf[k++] =
					    (char)(0x80 | (cp >> 6 & 0x3F));
					buf[k++] = (char)(0x80 | (cp & 0x3F));
				}
				for (int i = 0; i < k; i++) {
					if (n + 2 > cap)
						s = xrealloc(s, cap *= 2);
					s[n++] = buf[i];
				}
				continue;
			}
			default: c = e; break;
			}
		}
		if (n + 2 > cap)
			s = xrealloc(s, cap *= 2);
		s[n++] = c;
	}
	if (*r->p != '"') {
		free(s);
		return NULL;
	}
	r->p++;
	s[n] = '\0';
	*len = n;
	return s;
}

static bool append(json *j, char *key, json *v)
{
	j->items = xrealloc(j->items, (j->n + 1) * sizeof *j->items);
	if (j->kind == JSON_OBJECT)
		j->keys = xrealloc(j->keys, (j->n + 1) * sizeof *j->keys);
	if (key)
		j->keys[j->n] = key;
	j->items[j->n++] = v;
	return true;
}

static json *parse_container(reader *r, json_kind kind, char close)
{
	json *j = new_value(kind);
	skip_space(r);
	if (*r->p == close) {
		r->p++;
		return j;
	}
	for (;;) {
		char *key = NULL;
		size_t key_len;
		skip_space(r);
		if (kind == JSON_OBJECT) {
			if (*r->p++ != '"' ||
			    !(key = parse_string(r, &key_len)))
				goto bad;
			skip_space(r);
			if (*r->p++ != ':') {
				free(key);
				goto bad;
			}
		}
		json *v = parse_value(r);
		if (!v) {
			free(key);
			goto bad;
		}
		append(j, key, v);
		skip_space(r);
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p++ == close)
			return j;
		goto bad;
	}
bad:
	json_free(j);
	return NULL;
}

static json *parse_word(reader *r)
{
	const char *start = r->p;
	while (*r->p && (isalnum((unsigned char)*r->p) || *r->p == '-' ||
	                 *r->p == '+' || *r->p == '.'))
		r->p++;
	size_t n = (size_t)(r->p - start);
	if (n == 0)
		return NULL;
	json_kind kind = JSON_NUMBER;
	if (n == 4 && strncmp(start, "null", 4) == 0)
		kind = JSON_NULL;
	else if ((n == 4 && strncmp(start, "true", 4) == 0) ||
	         (n == 5 && strncmp(start, "false", 5) == 0))
		kind = JSON_BOOL;
	json *j = new_value(kind);
	j->text = xrealloc(NULL, n + 1);
	memcpy(j->text, start, n);
	j->text[n] = '\0';
	return j;
}

static json *parse_value(reader *r)
{
	skip_space(r);
	switch (*r->p) {
	case '{': r->p++; return parse_container(r, JSON_OBJECT, '}');
	case '[': r->p++; return parse_container(r, JSON_ARRAY, ']');
	case '"': {
		r->p++;
		size_t len;
		char *s = parse_string(r, &len);
		if (!s)
			return NULL;
		json *j = new_value(JSON_STRING);
		j->text = s;
		j->len = len;
		return j;
	}
	default: return parse_word(r);
	}
}

json *json_parse(const char *text)
{
	reader r = {text};
	return parse_value(&r);
}

void json_free(json *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->n; i++) {
		json_free(j->items[i]);
		if (j->keys)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->text);
	free(j);
}

const json *json_get(const json *j, const char *key)
{
	if (!j || j->kind != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < j->n; i++)
		if (strcmp(j->keys[i], key) == 0)
			return j->items[i];
	return NULL;
}

const json *json_get_string(const json *j, const char *key)
{
	const json *v = json_get(j, key);
	return v && v->kind == JSON_STRING ? v : NULL;
}

const char *json_str(const json *j, const char *key)
{
	const json *v = json_get_string(j, key);
	return v ? v->text : NULL;
}
