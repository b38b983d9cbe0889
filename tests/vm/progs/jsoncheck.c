// SPDX-License-Identifier: GPL-2.0
/*
 * jsoncheck: every line of standard input is one valid JSON object (RFC
 * 8259, strings valid UTF-8); with KEY, prints that key's top-level value
 * of each line as it stands in the JSON text. Exit 1 at the first bad line.
 *
 * usage: jsoncheck [KEY]
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

struct parser {
	const char *p;
	const char *end;
	int depth;
};

static bool value(struct parser *ps);

static void ws(struct parser *ps)
{
	while (ps->p < ps->end && strchr(" \t\r\n", *ps->p))
		ps->p++;
}

static bool lit(struct parser *ps, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, s, n))
		return false;
	ps->p += n;
	return true;
}

static bool hex4(struct parser *ps)
{
	for (int i = 0; i < 4; i++, ps->p++)
		if (ps->p >= ps->end || !strchr("0123456789abcdefABCDEF", *ps->p))
			return false;
	return true;
}

static bool string(struct parser *ps)
{
	if (!lit(ps, "\""))
		return false;
	while (ps->p < ps->end) {
		unsigned char c = *ps->p;
		size_t u;

		if (c == '"') {
			ps->p++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			ps->p++;
			if (ps->p >= ps->end)
				return false;
			if (*ps->p == 'u') {
				ps->p++;
				if (!hex4(ps))
					return false;
				continue;
			}
			if (!strchr("\"\\/bfnrt", *ps->p))
				return false;
			ps->p++;
			continue;
		}
		u = utf8_valid_len((const unsigned char *)ps->p, ps->end - ps->p);
		if (!u)
			return false;
		ps->p += u;
	}
	return false;
}

static bool number(struct parser *ps)
{
	const char *start = ps->p;

	lit(ps, "-");
	if (lit(ps, "0")) {
		/* no leading zeros */
	} else if (ps->p < ps->end && *ps->p >= '1' && *ps->p <= '9') {
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	} else {
		return false;
	}
	if (lit(ps, ".")) {
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return false;
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	return ps->p > start;
}

static bool members(struct parser *ps, char close, bool keyed)
{
	ws(ps);
	if (lit(ps, (char[]){ close, 0 }))
		return true;
	for (;;) {
		ws(ps);
		if (keyed) {
			if (!string(ps))
				return false;
			ws(ps);
			if (!lit(ps, ":"))
				return false;
		}
		if (!value(ps))
			return false;
		ws(ps);
		if (lit(ps, (char[]){ close, 0 }))
			return true;
		if (!lit(ps, ","))
			return false;
	}
}

static bool value(struct parser *ps)
{
	bool ok;

	ws(ps);
	if (ps->p >= ps->end || ++ps->depth > 64)
		return false;
	if (*ps->p == '{')
		ok = (ps->p++, members(ps, '}', true));
	else if (*ps->p == '[')
		ok = (ps->p++, members(ps, ']', false));
	else if (*ps->p == '"')
		ok = string(ps);
	else
		ok = lit(ps, "true") || lit(ps, "false") || lit(ps, "null") ||
		     number(ps);
	ps->depth--;
	return ok;
}

/* The text of top-level KEY's value in a line already known valid. */
static void print_key(const char *line, size_t len, const char *key)
{
	struct parser ps = { line + 1, line + len, 0 };

	for (;;) {
		const char *k, *v;

		ws(&ps);
		k = ps.p;
		if (!string(&ps))
			return;
		ws(&ps);
		lit(&ps, ":");
		ws(&ps);
		v = ps.p;
		value(&ps);
		if ((size_t)(ps.p - v) && (size_t)(v - k) >= strlen(key) + 2 &&
		    !strncmp(k + 1, key, strlen(key)) && k[strlen(key) + 1] == '"') {
			printf("%.*s\n", (int)(ps.p - v), v);
			return;
		}
		ws(&ps);
		if (!lit(&ps, ","))
			return;
	}
}

int main(int argc, char **argv)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;

	while ((n = getline(&line, &cap, stdin)) > 0) {
		struct parser ps = { line, line + n - (line[n - 1] == '\n'), 0 };

		lineno++;
		ws(&ps);
		if (ps.p >= ps.end || *ps.p != '{' || !value(&ps) ||
		    (ws(&ps), ps.p != ps.end)) {
			fprintf(stderr, "jsoncheck: line %ld is not one JSON object: %s",
				lineno, line);
			return 1;
		}
		if (argc > 1)
			print_key(line, ps.end - line, argv[1]);
	}
	free(line);
	return 0;
}
