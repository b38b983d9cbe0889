// SPDX-License-Identifier: GPL-2.0
/* Entries keyed by task: see tasktab.h. */
#include "tasktab.h"

#define C2A_BUCKET(t, task)	(&(t)->b[hash_ptr(task, C2A_TASKTAB_BITS)])

void c2a_tasktab_init(struct c2a_tasktab *t)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t->b); i++) {
		raw_spin_lock_init(&t->b[i].lock);
		INIT_HLIST_HEAD(&t->b[i].head);
	}
}

/* Adds @e for the current task. */
void c2a_tasktab_add(struct c2a_tasktab *t, struct c2a_task_entry *e)
{
	unsigned long flags;

	e->task = current;
	raw_spin_lock_irqsave(&C2A_BUCKET(t, current)->lock, flags);
	hlist_add_head(&e->node, &C2A_BUCKET(t, current)->head);
	raw_spin_unlock_irqrestore(&C2A_BUCKET(t, current)->lock, flags);
}

void c2a_tasktab_del(struct c2a_tasktab *t, struct c2a_task_entry *e)
{
	unsigned long flags;

	if (!e->task)
		return;
	raw_spin_lock_irqsave(&C2A_BUCKET(t, e->task)->lock, flags);
	hlist_del(&e->node);
	raw_spin_unlock_irqrestore(&C2A_BUCKET(t, e->task)->lock, flags);
	e->task = NULL;
}

/* The current task's newest entry, or NULL. */
struct c2a_task_entry *c2a_tasktab_find(struct c2a_tasktab *t)
{
	struct c2a_task_entry *e, *found = NULL;
	unsigned long flags;

	if (hlist_empty(&C2A_BUCKET(t, current)->head))
		return NULL;
	raw_spin_lock_irqsave(&C2A_BUCKET(t, current)->lock, flags);
	hlist_for_each_entry(e, &C2A_BUCKET(t, current)->head, node) {
		if (e->task == current) {
			found = e;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&C2A_BUCKET(t, current)->lock, flags);
	return found;
}
