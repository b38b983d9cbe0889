/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_TASKTAB_H
#define _C2A_TASKTAB_H

#include <linux/hash.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

/*
 * Entries keyed by task, for the few places a probe handler (atomic, any
 * context) must find what the current task is in the middle of: a raw
 * spinlock per bucket, so PREEMPT_RT never sleeps in one. A task adds and
 * removes only its own entries, so it sees them without a race: an empty
 * bucket is a safe "none" without the lock.
 */
#define C2A_TASKTAB_BITS	8

struct c2a_task_entry {
	struct hlist_node node;
	struct task_struct *task;	/* NULL: not in the table */
};

struct c2a_tasktab {
	struct {
		raw_spinlock_t lock;
		struct hlist_head head;
	} b[1 << C2A_TASKTAB_BITS];
};

void c2a_tasktab_init(struct c2a_tasktab *t);
void c2a_tasktab_add(struct c2a_tasktab *t, struct c2a_task_entry *e);
void c2a_tasktab_del(struct c2a_tasktab *t, struct c2a_task_entry *e);
struct c2a_task_entry *c2a_tasktab_find(struct c2a_tasktab *t);

#endif /* _C2A_TASKTAB_H */
