// SPDX-License-Identifier: GPL-2.0
/* Who did it: the identity of the current task. */
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/uidgid.h>

#include "capture.h"
#include "paths.h"
#include "subject.h"

void c2a_subject_fill(struct c2a_subject *s)
{
	const struct cred *cred = current_cred();

	s->pid = task_pid_nr(current);
	s->tgid = task_tgid_nr(current);
	rcu_read_lock();
	s->ppid = task_tgid_nr(rcu_dereference(current->real_parent));
	rcu_read_unlock();
	s->auid = from_kuid(&init_user_ns, audit_get_loginuid(current));
	s->sessionid = audit_get_sessionid(current);
	s->uid = from_kuid(&init_user_ns, cred->uid);
	s->euid = from_kuid(&init_user_ns, cred->euid);
	s->suid = from_kuid(&init_user_ns, cred->suid);
	s->fsuid = from_kuid(&init_user_ns, cred->fsuid);
	s->gid = from_kgid(&init_user_ns, cred->gid);
	s->egid = from_kgid(&init_user_ns, cred->egid);
	s->sgid = from_kgid(&init_user_ns, cred->sgid);
	s->fsgid = from_kgid(&init_user_ns, cred->fsgid);
	strscpy_pad(s->comm, current->comm, sizeof(s->comm));
}

void c2a_subject_add_exe(struct c2a_builder *b)
{
	struct file *exe;

	if (!current->mm)
		return;
	exe = c2a_mm_exe_file(current->mm);
	if (!exe)
		return;
	c2a_add_path(b, C2A_STR_EXE, &exe->f_path);
	fput(exe);
}
