/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_POLICY_H
#define _C2A_POLICY_H

#include <linux/types.h>

#include "c2audit.h"

/*
 * A call's facts arrive in stages: who and what at entry, the outcome at
 * return, the executable and object paths once the capture has built
 * them, before a slot is spent. Rules are walked as far as the facts
 * allow; the walk resumes at the next stage.
 */
enum c2a_stage {
	C2A_STAGE_ENTRY,
	C2A_STAGE_RETURN,
	C2A_STAGE_COMMIT,
};

enum c2a_verdict {
	C2A_NOT_AUDITED,
	C2A_AUDITED,
	C2A_PENDING,		/* a rule needs the facts of a later stage */
};

struct c2a_facts {
	u16 sysid;
	u16 hook;		/* C2A_LSM_*: an LSM hook's call, not a syscall */
	u8 arch;
	u8 perm;		/* C2A_PERM_* of the call, from C2A_STAGE_RETURN;
				   at the entry too with C2A_PERM_KNOWN */
	u32 nr;			/* in its arch's table */
	u32 ids[C2A_ID_COUNT];	/* enum c2a_idfield */
	pid_t tgid, ppid;
	const unsigned long *args;	/* a0..a3; NULL for an LSM hook */
	long ret;		/* from C2A_STAGE_RETURN */
	const char *exe;	/* from C2A_STAGE_COMMIT; NULL if unknown */
	const char *path, *path2;
};

/* Where a call's walk stands; kept with the call between stages. */
struct c2a_walk {
	u32 gen;		/* of the policy walked; another restarts it */
	u16 pos;		/* in the call's rule list */
	u8 verdict;
};

/*
 * The class of a call as Linux audit's perm= sees it (audit_match_perm):
 * @how_flags is openat2's open_how.flags, read by the caller.
 */
u8 c2a_perm_class(u16 sysid, const unsigned long *args, u64 how_flags);
/* In c2a_facts.perm at the entry: the class is known (from the arguments). */
#define C2A_PERM_KNOWN		0x80

int c2a_policy_init(bool audit_all);
void c2a_policy_exit(void);
u8 c2a_policy_walk(struct c2a_walk *w, const struct c2a_facts *f,
		   enum c2a_stage stage, char *key);
void c2a_policy_wanted(unsigned long *wanted);
unsigned int c2a_policy_count(void);

long c2a_rules_add(const struct c2a_rule *r, int *pos);
long c2a_rules_del(u32 pos);
long c2a_rules_get(struct c2a_rule *r);
long c2a_rules_load(const struct c2a_rules_load *l, unsigned int *old);
long c2a_rules_flush(unsigned int *old);
/* Room for a rule's text in a CONFIG record (longer is cut). */
#define C2A_RULE_TEXT_MAX	8192

int c2a_rule_text(u32 pos, char *buf, size_t len);

#endif /* _C2A_POLICY_H */
