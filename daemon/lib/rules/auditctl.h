/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_AUDITCTL_H
#define C2A_AUDITCTL_H

#include <stdbool.h>
#include <stddef.h>

struct ruleset;

/*
 * auditctl's rules files (a file whose directives start with '-'), each
 * line parsed by libaudit as auditctl does, and translated into the
 * module's rules, settings and lock.
 */
enum {
	ACTL_OK = 0,
	ACTL_REFUSED = 1,	/* valid, but c2audit cannot honour it exactly */
	ACTL_ERROR = 2,		/* auditctl would reject it too */
};

/*
 * One line's words into @rs; @in_dir: a file of a rules.d directory,
 * whose -D augenrules puts first. ACTL_* with why in @err.
 */
int actl_parse_words(struct ruleset *rs, char **words, int n, bool in_dir,
		     char *err, size_t len);
bool actl_is_auditctl_line(const char *line);

#endif
