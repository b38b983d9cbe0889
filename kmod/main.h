/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_MAIN_H
#define _C2A_MAIN_H

#include <linux/atomic.h>
#include <linux/irq_work.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/wait.h>

#include "c2audit.h"
#include "stream.h"

/* Given by Kbuild: VERSION in the Makefile, PACKAGE_VERSION in DKMS. */
#ifndef C2A_MODULE_VERSION
#error "C2A_MODULE_VERSION is not set: build through the Makefile or DKMS"
#endif

struct c2a_ring;

/*
 * The module's one piece of shared state.
 *
 * Locking: config_lock serializes configuration changes. read_lock is held
 * by the reader while it copies records out and by a geometry change, so
 * ring memory never changes under a copy. Probes and producers read
 * @enabled and @reader_task locklessly; each ring has its own lock for its
 * producers (see ring.h).
 */
struct c2a_state {
	struct mutex config_lock;
	struct mutex read_lock;
	struct c2a_ring __percpu *rings;
	u32 slots;			/* per CPU; config_lock + read_lock */
	bool enabled;
	bool locked;			/* no change and no unload until reboot */
	u64 loaded_ns;			/* CLOCK_REALTIME at load: ids start at 1 */

	struct file *reader;		/* the one handle opened for reading */
	pid_t reader_tgid;		/* its process, for status and records */
	struct task_struct __rcu *reader_task;	/* its leader, referenced: never audited */
	unsigned int next_cpu;		/* where the next read() starts */
	u64 missed_seen;		/* probe misses already reported; read_lock */

	/* Waking the reader: a watermark, else a timer bounds the latency. */
	struct c2a_stream stream;	/* read()/poll(): its wq, how it drains */
	bool reader_waiting;
	unsigned long kick;		/* C2A_KICK_* */
	struct irq_work kick_work;
	struct timer_list kick_timer;
	unsigned int wakeup_ms;

	/* Overflow policy; producers read it locklessly (overflow.c). */
	u32 overflow;			/* enum c2a_overflow_mode */
	u32 failure;			/* enum c2a_failure_action */
	u32 block_timeout_ms;		/* 0: no limit */
	bool strict;
	bool halting;			/* the reader is halting the system */
	wait_queue_head_t space_wq;	/* producers waiting for room */
	unsigned long freed;		/* bumped when the reader frees slots */

	/* Captures queued on tasks and not yet committed; unload waits. */
	atomic_t pending;
	wait_queue_head_t pending_wq;
	bool shutdown;
};

extern struct c2a_state c2a;

/*
 * The current task belongs to the reader's process: compared by the task
 * the module holds a reference on, never reused while held.
 */
static inline bool c2a_is_reader(void)
{
	return rcu_access_pointer(c2a.reader_task) == current->group_leader;
}

#endif /* _C2A_MAIN_H */
