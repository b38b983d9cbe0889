// SPDX-License-Identifier: GPL-2.0
/* The key=value filter of an output: conditions on an event's fields. */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match_filter.h"

static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (!p)
		abort();
	return p;
}

static void cond_free(struct match_cond *c)
{
	free(c->key);
	for (size_t i = 0; i < c->nvals; i++)
		free(c->vals[i]);
	free(c->vals);
}

/* Splits "a,b,c" into the condition's values. */
static void cond_values(struct match_cond *c, const char *list)
{
	const char *p = list;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char **v = realloc(c->vals, (c->nvals + 1) * sizeof(*v));

		if (!v)
			abort();
		c->vals = v;
		c->vals[c->nvals++] = xstrndup(p, len);
		if (!comma)
			break;
		p = comma + 1;
	}
}

int match_add(struct match_filter *m, const char *spec, char *err,
	      size_t errlen)
{
	struct match_cond c = { 0 };
	struct match_cond *grown;
	size_t klen = 0;

	while (is_key_char(spec[klen]))
		klen++;
	if (!klen) {
		snprintf(err, errlen, "'%s': expected KEY=VALUE[,VALUE...] "
			 "or KEY!=VALUE[,VALUE...], KEY a field name", spec);
		return -1;
	}
	if (spec[klen] == '!' && spec[klen + 1] == '=') {
		c.negate = true;
	} else if (spec[klen] != '=') {
		snprintf(err, errlen, "'%s': expected = or != after the key "
			 "'%.*s'", spec, (int)klen, spec);
		return -1;
	}
	c.key = xstrndup(spec, klen);
	cond_values(&c, spec + klen + (c.negate ? 2 : 1));
	grown = realloc(m->cond, (m->n + 1) * sizeof(*grown));
	if (!grown)
		abort();
	m->cond = grown;
	m->cond[m->n++] = c;
	return 0;
}

static bool is_glob(const char *v)
{
	return strpbrk(v, "*?[") != NULL;
}

static bool value_matches(const char *pat, const char *v, size_t n)
{
	char stack[256], *s = stack;
	bool hit;

	if (!is_glob(pat))
		return strlen(pat) == n && !memcmp(pat, v, n);
	/* fnmatch needs a C string; a value holding a NUL never matches */
	if (memchr(v, '\0', n))
		return false;
	if (n >= sizeof(stack))
		s = xstrndup(v, n);
	else
		memcpy(s, v, n), s[n] = '\0';
	hit = fnmatch(pat, s, 0) == 0;
	if (s != stack)
		free(s);
	return hit;
}

static bool any_value(const struct match_cond *c, const char *v, size_t n)
{
	for (size_t i = 0; i < c->nvals; i++)
		if (value_matches(c->vals[i], v, n))
			return true;
	return false;
}

/* For a list (argv), any element. */
static bool field_matches(const struct match_cond *c, const struct field *f)
{
	size_t start = 0;

	if (f->kind != FLD_LIST)
		return any_value(c, f->val, f->len);
	for (size_t i = 0; i <= f->len; i++) {
		if (i < f->len && f->val[i])
			continue;
		if ((i > start || i < f->len) &&
		    any_value(c, f->val + start, i - start))
			return true;
		start = i + 1;
	}
	return false;
}

bool match_fields(const struct match_filter *m, const struct fields *f)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct match_cond *c = &m->cond[i];
		const struct field *fl = fields_get(f, c->key);
		bool hit = fl && field_matches(c, fl);

		if (hit == c->negate)
			return false;
	}
	return true;
}

void match_free(struct match_filter *m)
{
	for (size_t i = 0; i < m->n; i++)
		cond_free(&m->cond[i]);
	free(m->cond);
	m->cond = NULL;
	m->n = 0;
}
