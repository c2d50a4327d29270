/*
 * json.h - a small JSON reader for the wast2json command lists: objects,
 * arrays, strings, numbers (kept as text), true/false/null.
 */
#ifndef W2N_TEST_JSON_H
#define W2N_TEST_JSON_H

#include <stddef.h>

typedef enum json_kind {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT
} json_kind;

typedef struct json {
	json_kind kind;
	char *text;          /* strings and numbers; "true"/"false" */
	size_t len;          /* bytes in text (strings may hold NUL) */
	char **keys;         /* objects */
	struct json **items; /* arrays and object values */
	size_t n;
} json;

/* Parses `text`; NULL on a syntax error. */
json *json_parse(const char *text);
void json_free(json *j);

/* Member `key` of an object, or NULL. */
const json *json_get(const json *j, const char *key);
/* Member `key` when it is a string, or NULL. */
const json *json_get_string(const json *j, const char *key);
/* String value of member `key`, or NULL. */
const char *json_str(const json *j, const char *key);

#endif
