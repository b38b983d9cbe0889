// SPDX-License-Identifier: GPL-2.0
/* The uprobe statement of the rules file (uprobes.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array_size.h"
#include "c2audit.h"
#include "elfsym.h"
#include "log.h"
#include "rules.h"
#include "uprobes.h"

static bool valid_function(const char *f)
{
	size_t n = strlen(f);

	if (!n || n >= C2A_UPROBE_FUNC_MAX || isdigit((unsigned char)*f))
		return false;
	for (; *f; f++)
		if (!isalnum((unsigned char)*f) && !strchr("_.$@", *f))
			return false;
	return true;
}

void uprobe_add(struct uprobe_set *set, const char *path,
		const char *function, uint64_t offset)
{
	struct uprobe_probe *p;

	set->probes = realloc(set->probes, (set->count + 1) * sizeof(*p));
	if (!set->probes)
		fatal("out of memory");
	p = &set->probes[set->count++];
	memset(p, 0, sizeof(*p));
	p->path = strdup(path);
	p->function = strdup(function);
	p->offset = offset;
	if (!p->path || !p->function)
		fatal("out of memory");
}

static const struct uprobe_probe *find_probe(const struct uprobe_set *set,
					     const char *path, uint64_t offset)
{
	for (size_t i = 0; i < set->count; i++)
		if (set->probes[i].offset == offset &&
		    !strcmp(set->probes[i].path, path))
			return &set->probes[i];
	return NULL;
}

static bool add_function(struct uprobe_set *set, struct elfsym *e,
			 const char *path, const char *function, char *err,
			 size_t errlen)
{
	const struct uprobe_probe *dup;
	uint64_t offset;

	if (!valid_function(function)) {
		snprintf(err, errlen, "'%s': expected a function name (letters, digits, _ . $ @; up to %d)",
			 function, C2A_UPROBE_FUNC_MAX - 1);
		return false;
	}
	if (elfsym_offset(e, function, &offset, err, errlen))
		return false;
	dup = find_probe(set, path, offset);
	if (dup) {
		snprintf(err, errlen, "%s: %s is probed already%s%s", path,
			 function, strcmp(dup->function, function) ? " as " : "",
			 strcmp(dup->function, function) ? dup->function : "");
		return false;
	}
	if (set->count == C2A_UPROBES_MAX) {
		snprintf(err, errlen, "more than %d uprobes", C2A_UPROBES_MAX);
		return false;
	}
	uprobe_add(set, path, function, offset);
	return true;
}

bool uprobe_parse(struct uprobe_set *set, char **words, int n, char *err,
		  size_t errlen)
{
	static const char *defaults[] = {
		UPROBE_DEFAULT_LIBRARY, UPROBE_DEFAULT_FUNCTIONS
	};
	struct elfsym *e;
	char *path;
	bool ok = true;

	if (n == 1) {
		snprintf(err, errlen, "'uprobe %s': expected functions after the library",
			 words[0]);
		return false;
	}
	if (!n) {
		words = (char **)defaults;
		n = ARRAY_SIZE(defaults);
	}
	path = elfsym_find_library(words[0], err, errlen);
	if (!path)
		return false;
	e = elfsym_open(path, err, errlen);
	for (int i = 1; e && ok && i < n; i++)
		ok = add_function(set, e, path, words[i], err, errlen);
	elfsym_close(e);
	free(path);
	return e && ok;
}

void uprobe_format(const struct uprobe_set *set, struct buf *out)
{
	for (size_t i = 0; i < set->count; i++) {
		const struct uprobe_probe *p = &set->probes[i];

		if (!i || strcmp(p->path, set->probes[i - 1].path)) {
			if (i)
				buf_addc(out, '\n');
			buf_adds(out, "uprobe ");
			rule_put_value(out, p->path);
		}
		buf_printf(out, " %s", p->function);
	}
	if (set->count)
		buf_addc(out, '\n');
}

void uprobe_set_free(struct uprobe_set *set)
{
	for (size_t i = 0; i < set->count; i++) {
		free(set->probes[i].path);
		free(set->probes[i].function);
	}
	free(set->probes);
	set->probes = NULL;
	set->count = 0;
}
