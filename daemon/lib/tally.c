// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "tally.h"

static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static struct tally_row *slot(struct tally_row *rows, size_t cap,
			      const char *name, size_t len)
{
	size_t i = hash(name, len) & (cap - 1);

	while (rows[i].name && (strlen(rows[i].name) != len ||
				memcmp(rows[i].name, name, len)))
		i = (i + 1) & (cap - 1);
	return &rows[i];
}

static void grow(struct tally *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	struct tally_row *rows = calloc(cap, sizeof(*rows));

	if (!rows)
		fatal("out of memory");
	for (size_t i = 0; i < t->cap; i++)
		if (t->rows[i].name)
			*slot(rows, cap, t->rows[i].name,
			      strlen(t->rows[i].name)) = t->rows[i];
	free(t->rows);
	t->rows = rows;
	t->cap = cap;
}

void tally_add(struct tally *t, const char *name, size_t len, uint64_t events,
	       uint64_t failures)
{
	struct tally_row *r;

	if ((t->n + 1) * 2 > t->cap)
		grow(t);
	r = slot(t->rows, t->cap, name, len);
	if (!r->name) {
		r->name = strndup(name, len);
		if (!r->name)
			fatal("out of memory");
		t->n++;
	}
	r->events += events;
	r->failures += failures;
}

static int by_events(const void *a, const void *b)
{
	const struct tally_row *x = a, *y = b;

	if (x->events != y->events)
		return x->events < y->events ? 1 : -1;
	return strcmp(x->name, y->name);
}

struct tally_row *tally_sorted(const struct tally *t)
{
	struct tally_row *out = calloc(t->n + 1, sizeof(*out));
	size_t n = 0;

	if (!out)
		fatal("out of memory");
	for (size_t i = 0; i < t->cap; i++)
		if (t->rows[i].name)
			out[n++] = t->rows[i];
	qsort(out, n, sizeof(*out), by_events);
	return out;
}

void tally_free(struct tally *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->rows[i].name);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}
