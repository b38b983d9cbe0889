/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_MATCH_FILTER_H
#define C2A_MATCH_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "fields.h"

/*
 * The plain filter of an output: conditions on the named fields of an
 * event (the keys `c2audit report` prints), all of which must hold.
 *
 *   KEY=V1,V2,...    the field is one of the values
 *   KEY!=V1,V2,...   the field is none of them (or absent)
 *
 * A value with * ? or [ is a glob (fnmatch). A list field (argv) matches
 * when any of its elements does. An absent field matches no KEY=.
 */
struct match_cond {
	char *key;
	bool negate;
	size_t nvals;
	char **vals;
};

struct match_filter {
	size_t n;
	struct match_cond *cond;
};

/* Adds one condition; -1 with @err saying what is wrong. */
int match_add(struct match_filter *m, const char *spec, char *err,
	      size_t errlen);
bool match_fields(const struct match_filter *m, const struct fields *f);
void match_free(struct match_filter *m);

#endif
