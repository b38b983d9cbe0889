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
#define FIELD_TEXT	112	/* the longest: every loss reason; all MAY_* bits and unknown ones */

#define FIELDS_SCRATCH	12288	/* a user record's keys and decoded values */

struct fields {
	unsigned int n;
	struct field f[FIELDS_MAX];
	/* formatted numbers; the last for one past FIELDS_MAX, thrown away */
	char text[FIELDS_MAX + 1][FIELD_TEXT];
	size_t scratch_used;
	char scratch[FIELDS_SCRATCH];
};

void fields_build(const struct evt *ev, struct fields *out);
const struct field *fields_get(const struct fields *f, const char *key);

/* For the builders of fields_user.c: a field, and room for its text. */
void fields_add(struct fields *f, const char *key, enum fld_kind kind,
		const char *val, size_t len);
char *fields_text(struct fields *f);
/* fields_user.c: a C2A_REC_USER record's own fields (after the header). */
void fields_add_user(const struct evt *ev, struct fields *out);

const char *arch_name(unsigned int arch);
const char *record_type_name(unsigned int type);
const char *loss_reason_name(unsigned int bit);
void format_time(unsigned long long ns, char *out, size_t len);

#endif
