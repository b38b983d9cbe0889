/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_LSM_H
#define _C2A_LSM_H

#include <linux/limits.h>
#include <linux/list.h>
#include <linux/types.h>

#include "c2audit.h"
#include "tasktab.h"

struct c2a_builder;
struct dentry;
struct file;
struct inode;
struct task_struct;

int c2a_lsm_init(void);
void c2a_lsm_exit(void);
void c2a_lsm_set_audited(u32 hooks);
void c2a_lsm_set_observed(u32 hooks);
u32 c2a_lsm_missing(void);
u64 c2a_lsm_missed(void);
void c2a_lsm_status(struct c2a_lsm_status *st);
const char *c2a_lsm_name(unsigned int hook);

/*
 * Marks the current task as doing the module's own work (a capture's path
 * lookups), whose hook calls are not the task's: they make no event.
 */
struct c2a_lsm_self {
	struct c2a_task_entry e;
};

void c2a_lsm_self_enter(struct c2a_lsm_self *s);
void c2a_lsm_self_leave(struct c2a_lsm_self *s);

/* Room for a record's strings, per CPU: records are made in the probe. */
struct c2a_lsm_scratch {
	struct c2a_record rec;
	char dentry[NAME_MAX + 1];
	char dentry2[NAME_MAX + 1];
	char name[PATH_MAX];
	char word[128];
};

/* One call of a hook, as its decoder sees it. */
struct c2a_lsm_call {
	struct c2a_builder *b;
	struct c2a_lsm *l;
	const unsigned long *a;		/* the hook's arguments */
	struct c2a_lsm_scratch *s;
};

/*
 * A hook: the kernel function probed, whether it returns a decision,
 * which results are a check the kernel will make again (not recorded),
 * and how its arguments fill the record (lsm_decode.c).
 */
struct c2a_lsm_desc {
	const char *symbol;
	bool decision;
	bool (*retried)(const unsigned long *a, long ret);
	void (*decode)(struct c2a_lsm_call *c);
};

extern const struct c2a_lsm_desc c2a_lsm_descs[C2A_LSM_COUNT];

void c2a_lsm_inode(struct c2a_lsm *l, const struct inode *inode);
void c2a_lsm_dir(struct c2a_lsm *l, const struct inode *dir);
void c2a_lsm_dentry(struct c2a_lsm_call *c, u8 type, const struct dentry *d);
void c2a_lsm_file(struct c2a_lsm_call *c, const struct file *file);
void c2a_lsm_kstr(struct c2a_lsm_call *c, u8 type, const char *s,
		  char *buf, size_t size);

#endif /* _C2A_LSM_H */
