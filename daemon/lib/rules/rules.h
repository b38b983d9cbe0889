/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_RULES_H
#define C2A_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "c2audit.h"
#include "uprobes.h"

/*
 * The rules file: one directive per line, '#' to the end of a line is a
 * comment.
 *
 *   audit   [CONDITION...]   audit the calls that meet every condition
 *   exclude [CONDITION...]   do not audit them
 *   set KEY=VALUE...         module settings, as `c2audit set`
 *   uprobe [LIBRARY FUNCTION...]  record calls of library functions
 *                            (uprobes.h)
 *   lock                     lock the configuration until reboot
 *
 * The first audit or exclude line a call meets decides. A CONDITION is
 * NAME=VALUE, or NAME!=VALUE for the ids:
 *
 *   syscall=NAME[,NAME...]   these calls; a class @file, @process,
 *                            @identity, @network or @system stands for its
 *                            calls (default: every audited call)
 *   lsm=HOOK[,HOOK...]       these LSM hooks' events (@all: every hook),
 *                            instead of syscalls: no syscall=, arch=,
 *                            exe= or path= with it. Without lsm= a rule
 *                            is about syscalls only.
 *   arch=ARCH[,ARCH...]      x86_64, i386, x32, io_uring
 *   success=yes|no           calls that succeeded, or failed
 *   uid=ID euid=ID auid=ID gid=ID
 *                            ID is a number, a range N-M, a user or group
 *                            name, or (auid) unset
 *   pid=N ppid=N             the calling process, its parent
 *   exe=/PATH                the executable, exactly
 *   path=/DIR                an object path is DIR or lies under it
 *   key=WORD[,WORD...]       the records' label(s): 1 to 31 of A-Za-z0-9-_.:/
 *
 * and those Linux audit's rules brought (conditions.h), decided as it does:
 *
 *   suid= fsuid= egid= sgid= fsgid=   as uid= and gid=
 *   cmp=ID=ID, cmp=ID!=ID    two of the caller's ids (uid!=euid)
 *   exit=R[,R...]            the result is one of these (-EACCES, -13, 0);
 *                            exit!= none of them
 *   aN=V aN!=V aN<V aN<=V aN>V aN>=V aN&V aN&=V
 *                            argument N (0-3), on its low 32 bits
 *   perm=[rwxa]              what the call does to its object, as Linux
 *                            audit classifies it
 *   file=/PATH               an object path is PATH itself
 *   i386=NAME|NR[,...]       of the i386 calls, only these (by the i386
 *                            table's names or numbers)
 */

/* A rule with its strings (the struct's pointers are set when sent). */
struct rule {
	struct c2a_rule r;
	char *exe;
	char *path;
};

struct ruleset {
	struct rule *rules;
	size_t count;
	char **settings;	/* KEY=VALUE of the set lines, in order */
	size_t nsettings;
	struct uprobe_set uprobes;
	bool lock;
};

#define RULE_MAX_WORDS	64

/* Parses one line; returns 1 for a rule, 0 for none, -1 with @err set. */
int rule_parse_line(const char *line, struct rule *out, char *err,
		    size_t errlen);
int rule_parse_words(char **words, int n, struct rule *out, char *err,
		     size_t errlen);
struct rules_opts {
	bool skip_unsupported;	/* auditctl lines c2audit cannot honour are
				   reported and skipped, not errors */
	FILE *import;		/* if set: each line and what it became */
};

/*
 * Parses a rules file, or a directory's *.rules in order as augenrules
 * merges them (one syntax per file: native, or auditctl's when its
 * directives start with '-'); errors are logged as FILE:LINE: why.
 */
int ruleset_load(const char *path, const struct rules_opts *o,
		 struct ruleset *rs);
int ruleset_parse_file(const char *path, struct ruleset *rs);
bool ruleset_directive(struct ruleset *rs, char **words, int n, char *err,
		       size_t len);
int rule_split_words(char *line, char **words, int max, char *err,
		     size_t len);
void ruleset_add_setting(struct ruleset *rs, const char *kv);
void ruleset_add_rule(struct ruleset *rs, struct rule *r, bool front);
void ruleset_drop_rules(struct ruleset *rs);
bool rule_valid_key(const char *k);
void ruleset_free(struct ruleset *rs);
void rule_free(struct rule *r);

void rule_format(const struct rule *r, struct buf *out);
void rule_put_value(struct buf *out, const char *v);
const char *arch_word(unsigned int arch);
/*
 * One id of the id condition @name (uid, euid, auid, gid): a number, a
 * user or group name, or "unset" (auid only).
 */
bool id_parse(const char *name, const char *s, unsigned int *id);

#endif
