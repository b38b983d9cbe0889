// SPDX-License-Identifier: GPL-2.0
/*
 * A full ring: drop with accounting, or block the producer until the
 * reader makes room. A producer blocks only in its own task, in its hook's
 * wrapper after the call (hooks.c), holding no lock of its own; never a
 * kernel thread, the reader's process or one it started, or an exiting
 * task. Unless strict, nobody waits for a reader that is not there or
 * cannot run (a thread stopped, traced or frozen, the process exiting or
 * dumping core): the reader's admin must be able to run `kill -CONT`
 * without that very kill waiting for the reader.
 */
#include <linux/jiffies.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>

#include "main.h"
#include "overflow.h"
#include "ring.h"

/* A waiting producer looks again this often at the reader's state. */
#define C2A_BLOCK_SLICE		(HZ / 10)

/*
 * A thread of the reader that cannot run until someone else acts: stopped
 * by a signal or a debugger, frozen by the cgroup v2 freezer (t->frozen)
 * or the legacy one (TASK_FROZEN). Any one of them may be the one that
 * reads, or hold what it needs.
 */
static bool c2a_thread_held(const struct task_struct *t)
{
	return task_is_stopped_or_traced(t) || t->frozen ||
	       (READ_ONCE(t->__state) & TASK_FROZEN);
}

/*
 * Whether the reader can make progress: attached, not exiting or dumping
 * core, and no thread of it held (c2a_thread_held()).
 */
static bool c2a_reader_present(void)
{
	const struct task_struct *leader, *t;
	bool ok = false;

	rcu_read_lock();
	leader = rcu_dereference(c2a.reader_task);
	if (!leader || !pid_alive(leader))
		goto out;
	if (leader->signal->core_state ||
	    (leader->signal->flags & SIGNAL_GROUP_EXIT))
		goto out;
	ok = true;
	for_each_thread(leader, t) {
		if (c2a_thread_held(t)) {
			ok = false;
			break;
		}
	}
out:
	rcu_read_unlock();
	return ok;
}

/*
 * The current task is the reader's process, or one it started (c2auditd's
 * halt and disk-full actions run /sbin/halt and scripts): the reader may
 * wait for them, so they never wait for the reader. Known by the reader's
 * task, which the module holds: a number could be another process's.
 */
static bool c2a_reader_kin(void)
{
	const struct task_struct *t, *parent, *reader;
	bool kin = false;

	rcu_read_lock();
	reader = rcu_dereference(c2a.reader_task);
	for (t = current; reader && t->pid; t = parent) {
		if (t->group_leader == reader) {
			kin = true;
			break;
		}
		parent = rcu_dereference(t->real_parent);
		if (t == parent)
			break;
	}
	rcu_read_unlock();
	return kin;
}

/* 0 when the current task may wait for room, else why its event is lost. */
u32 c2a_block_verdict(void)
{
	if (READ_ONCE(c2a.overflow) != C2A_OVERFLOW_BLOCK)
		return C2A_LOSS_RING_FULL;
	/* The reader emits CONFIG records: it cannot wait for itself. */
	if (current->flags & (PF_KTHREAD | PF_EXITING) || c2a_reader_kin())
		return C2A_LOSS_NOCONTEXT;
	if (READ_ONCE(c2a.shutdown))
		return C2A_LOSS_NOREADER;
	/* Even strict: the reader will not read again, the system goes down. */
	if (READ_ONCE(c2a.halting))
		return C2A_LOSS_HALTING;
	/* Turning auditing off must let rmmod through (hooks.c). */
	if (!READ_ONCE(c2a.enabled))
		return C2A_LOSS_DISABLED;
	if (READ_ONCE(c2a.strict) || c2a_reader_present())
		return 0;
	return C2A_LOSS_NOREADER;
}

unsigned long c2a_block_deadline(void)
{
	u32 ms = READ_ONCE(c2a.block_timeout_ms);

	return ms ? jiffies + msecs_to_jiffies(ms) : 0;
}

/*
 * How often the reader has freed slots, read before a producer looks for
 * room: pairs with c2a_space_freed(), so room made after this is seen by
 * the look or changes the count.
 */
unsigned long c2a_space_seen(void)
{
	return smp_load_acquire(&c2a.freed);
}

/*
 * Waits until the reader frees slots after @seen (c2a_space_seen() before
 * the ring was found full: room made in between is not waited for), the
 * verdict changes, @deadline (0: none) passes, or the task is killed.
 * Returns 0 to try again, or why the event is lost. The time is charged
 * to @r, the ring that was full.
 */
u32 c2a_block_wait(struct c2a_ring *r, unsigned long seen,
		   unsigned long deadline)
{
	u64 start = ktime_get_ns();
	u32 why = 0;
	long ret;

	atomic64_inc(&r->blocked_now);
	atomic64_inc(&r->blocked_total);
	for (;;) {
		long slice = C2A_BLOCK_SLICE;

		if (deadline) {
			if (time_after_eq(jiffies, deadline)) {
				why = C2A_LOSS_TIMEOUT;
				break;
			}
			slice = min_t(long, slice, deadline - jiffies);
		}
		ret = wait_event_killable_timeout(c2a.space_wq,
				READ_ONCE(c2a.freed) != seen ||
				c2a_block_verdict(), slice);
		if (ret < 0) {
			why = C2A_LOSS_KILLED;
			break;
		}
		if (READ_ONCE(c2a.freed) != seen || c2a_block_verdict())
			break;
	}
	atomic64_dec(&r->blocked_now);
	atomic64_add(ktime_get_ns() - start, &r->blocked_ns);
	return why;
}

/* The reader freed slots: producers waiting for room try again. */
void c2a_space_freed(void)
{
	/* After the slots it freed: pairs with c2a_space_seen(). */
	smp_store_release(&c2a.freed, c2a.freed + 1);
	/* wq_has_sleeper() pairs with the waiters' prepare_to_wait(). */
	if (wq_has_sleeper(&c2a.space_wq))
		wake_up_all(&c2a.space_wq);
}

/* The failure action, taken for every loss; any context, no lock held. */
void c2a_report_loss(u64 n, u32 reasons)
{
	switch (READ_ONCE(c2a.failure)) {
	case C2A_FAIL_LOG:
		pr_warn_ratelimited("lost %llu audit records (reasons %#x)\n",
				    n, reasons);
		break;
	case C2A_FAIL_PANIC:
		panic("c2audit: %llu audit records lost (reasons %#x)", n,
		      reasons);
	}
}
