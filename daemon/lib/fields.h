/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_FIELDS_H
#define C2A_FIELDS_H

#include <stddef.h>

#include "record.h"

/*
 * An event as named fields, the common ground of the text and JSON
 * renderers and of the filters. Values point into the event or into the
 * fields' own storage, so both must outlive the use.
 */
enum fld_kind {
	FLD_NUM,		/* a number or a fixed word: never needs quoting */
	FLD_STR,		/* bytes as captured: may need escaping */
	FLD_LIST,		/* NUL-separated strings (argv) */
	FLD_JSON,		/* JSON text already (a filter script's nested
				   value, a boolean, a fraction) */
};

struct field {
	const char *key;
	enum fld_kind kind;
	const char *val;
	size_t len;
};

#define FIELDS_MAX	64
#define FIELD_TEXT	80	/* the longest: all MAY_* bits and unknown ones */

struct fields {
	unsigned int n;
	struct field f[FIELDS_MAX];
	/* formatted numbers; the last for one past FIELDS_MAX, thrown away */
	char text[FIELDS_MAX + 1][FIELD_TEXT];
};

void fields_build(const struct evt *ev, struct fields *out);
const struct field *fields_get(const struct fields *f, const char *key);

const char *arch_name(unsigned int arch);
const char *record_type_name(unsigned int type);
const char *loss_reason_name(unsigned int bit);
void format_time(unsigned long long ns, char *out, size_t len);

#endif
