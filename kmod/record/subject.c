// SPDX-License-Identifier: GPL-2.0
/* Who did it: the identity of the current task. */
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uidgid.h>

#include "capture.h"
#include "hooks.h"
#include "subject.h"

void c2a_subject_fill(struct c2a_subject *s)
{
	struct c2a_who w;

	c2a_who_fill(&w);
	c2a_subject_from_who(s, &w);
}

/* The ids as @w took them from the current task, which is the subject. */
void c2a_subject_from_who(struct c2a_subject *s, const struct c2a_who *w)
{
	s->pid = task_pid_nr(current);
	s->tgid = task_tgid_nr(current);
	s->sessionid = audit_get_sessionid(current);
	strscpy_pad(s->comm, current->comm, sizeof(s->comm));
	s->ppid = w->ppid;
	s->auid = w->ids[C2A_ID_AUID];
	s->uid = w->ids[C2A_ID_UID];
	s->euid = w->ids[C2A_ID_EUID];
	s->suid = w->ids[C2A_ID_SUID];
	s->fsuid = w->ids[C2A_ID_FSUID];
	s->gid = w->ids[C2A_ID_GID];
	s->egid = w->ids[C2A_ID_EGID];
	s->sgid = w->ids[C2A_ID_SGID];
	s->fsgid = w->ids[C2A_ID_FSGID];
}
