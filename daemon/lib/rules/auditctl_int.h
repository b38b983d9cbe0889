/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_AUDITCTL_INT_H
#define C2A_AUDITCTL_INT_H

/* Shared by auditctl.c (lines, calls) and auditctl_fields.c (-F, -C). */
#include <stdbool.h>
#include <stddef.h>

#include <libaudit.h>

#include "auditctl.h"
#include "c2audit.h"
#include "log.h"

#define UID_MAX32	4294967295U

/* A line being translated. */
struct actl {
	struct audit_rule_data *d;
	int list;		/* AUDIT_FILTER_*, or NO_LIST */
	int action;		/* AUDIT_ALWAYS, AUDIT_NEVER */
	bool prepend;		/* -A */
	bool watch;		/* -w */
	bool syscalls;		/* -S */
	char keys[C2A_KEY_LEN * 2];
	char *err;
	size_t len;
};

/* Refused: c2audit cannot do exactly what the line asks. */
#define REFUSE(a, ...) (log_errmsg((a)->err, (a)->len, __VA_ARGS__), ACTL_REFUSED)
/* auditctl itself would reject the line. */
#define ERROR(a, ...) (log_errmsg((a)->err, (a)->len, __VA_ARGS__), ACTL_ERROR)

/* Allowed ids as up to 8 disjoint intervals, in order. */
struct idset {
	int n;
	struct { __u32 lo, hi; } iv[8];
	bool used;
};

/* What a rule asks besides its syscalls: into @r, @path, @exe. */
struct actl_out {
	struct c2a_rule r;
	struct idset ids[C2A_ID_COUNT];
	char *path, *exe;
	bool exit_set;
	unsigned int arch_elf;	/* -F arch=, 0: none */
	bool arch_not;
};

int actl_take_fields(struct actl *a, struct actl_out *o);
int idset_to_match(struct actl *a, const struct idset *s, const char *name,
		   struct c2a_idmatch *m);

#endif
