// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/audit: one reader drains every CPU's ring with read() and poll();
 * other handles query and configure through ioctl (ioctl.c).
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/poll.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/uaccess.h>

#include "capture.h"
#include "device.h"
#include "hooks.h"
#include "main.h"
#include "overflow.h"
#include "ring.h"

enum {
	C2A_KICK_NOW,		/* a ring passed the watermark: wake at once */
	C2A_KICK_TIMER,		/* the latency timer is armed */
};

/* A reader is woken once a ring holds this much, else by the timer. */
static u64 c2a_watermark(void)
{
	return READ_ONCE(c2a.slots) / 4;
}

/*
 * Called by producers after they publish, from any context: the reader is
 * woken through irq_work, at most once per latency period unless a ring
 * passes the watermark, never once per record.
 */
void c2a_reader_kick(u64 fill)
{
	/* Pairs with smp_mb() in c2a_reader_wait_prepare(). */
	smp_mb();
	if (!READ_ONCE(c2a.reader_waiting))
		return;
	if (fill >= c2a_watermark()) {
		if (!test_and_set_bit(C2A_KICK_NOW, &c2a.kick))
			irq_work_queue(&c2a.kick_work);
	} else if (!test_and_set_bit(C2A_KICK_TIMER, &c2a.kick)) {
		irq_work_queue(&c2a.kick_work);
	}
}

static void c2a_kick_work(struct irq_work *work)
{
	if (test_bit(C2A_KICK_NOW, &c2a.kick))
		wake_up_interruptible(&c2a.stream.wq);
	else
		mod_timer(&c2a.kick_timer,
			  jiffies + msecs_to_jiffies(c2a.wakeup_ms));
}

static void c2a_kick_timer(struct timer_list *t)
{
	wake_up_interruptible(&c2a.stream.wq);
}

/* The reader is about to sleep or poll: ask producers to wake it. */
static void c2a_reader_wait_prepare(struct c2a_stream *s)
{
	WRITE_ONCE(c2a.reader_waiting, true);
	/* Pairs with smp_mb() in c2a_reader_kick(). */
	smp_mb();
}

static bool c2a_readable(struct c2a_stream *s)
{
	int cpu;

	for_each_possible_cpu(cpu)
		if (c2a_ring_readable(per_cpu_ptr(c2a.rings, cpu)))
			return true;
	return false;
}

/*
 * Calls the probes could not follow become loss, with ids and a marker, on
 * the reader's CPU: the probes only count them.
 */
static void c2a_report_missed(void)
{
	u64 missed = c2a_hooks_missed();

	if (missed == c2a.missed_seen)
		return;
	c2a_loss(missed - c2a.missed_seen, C2A_LOSS_MISSED);
	c2a.missed_seen = missed;
}

/*
 * Fills the buffer with whole records, a fair share from each CPU per
 * pass, starting one CPU further each call so no ring waits behind another.
 */
static long c2a_drain(struct c2a_stream *s, char __user *buf, u32 want)
{
	u32 quota = max_t(u32, want / num_possible_cpus(), 1);
	u32 done = 0, i, start;
	bool progress = true;
	long n = 0;

	if (mutex_lock_interruptible(&c2a.read_lock))
		return -ERESTARTSYS;
	WRITE_ONCE(c2a.reader_waiting, false);
	clear_bit(C2A_KICK_NOW, &c2a.kick);
	clear_bit(C2A_KICK_TIMER, &c2a.kick);
	c2a_report_missed();
	start = c2a.next_cpu;
	c2a.next_cpu = (start + 1) % nr_cpu_ids;
	while (done < want && progress) {
		progress = false;
		for (i = 0; i < nr_cpu_ids && done < want; i++) {
			unsigned int cpu = (start + i) % nr_cpu_ids;
			struct c2a_ring *r;

			if (!cpu_possible(cpu))
				continue;
			r = per_cpu_ptr(c2a.rings, cpu);
			c2a_ring_flush_loss(r);
			n = c2a_ring_copy_out(r, buf + (size_t)done * C2A_RECORD_SIZE,
					      min(quota, want - done));
			if (n < 0)
				goto out;
			done += n;
			progress |= n > 0;
		}
	}
out:
	mutex_unlock(&c2a.read_lock);
	if (done)
		c2a_space_freed();
	return done ? done : n;
}

static ssize_t c2a_read(struct file *file, char __user *buf, size_t count,
			loff_t *ppos)
{
	return c2a_stream_read(&c2a.stream, file, buf, count);
}

static __poll_t c2a_poll(struct file *file, poll_table *wait)
{
	if (!(file->f_mode & FMODE_READ))
		return EPOLLERR;
	return c2a_stream_poll(&c2a.stream, file, wait);
}

static int c2a_claim_reader(struct file *file)
{
	if (cmpxchg(&c2a.reader, NULL, file))
		return -EBUSY;
	WRITE_ONCE(c2a.reader_tgid, current->tgid);
	/*
	 * A halt that did not happen: this reader reads again. Not before: the
	 * halting reader is stopped with the rest of the system.
	 */
	WRITE_ONCE(c2a.halting, false);
	rcu_assign_pointer(c2a.reader_task,
			   get_task_struct(current->group_leader));
	c2a_emit_config(C2A_CFG_READER, 0, 0, current->tgid, NULL);
	return 0;
}

static int c2a_open(struct inode *inode, struct file *file)
{
	bool rd = file->f_mode & FMODE_READ;
	bool wr = file->f_mode & FMODE_WRITE;

	/* capable() checks the initial user namespace: no container root. */
	if (rd && !capable(CAP_AUDIT_READ))
		return -EPERM;
	if (wr && !capable(CAP_AUDIT_CONTROL))
		return -EPERM;
	if (!rd && !wr && !capable(CAP_AUDIT_READ) &&
	    !capable(CAP_AUDIT_CONTROL))
		return -EPERM;
	if (rd) {
		int err = c2a_claim_reader(file);

		if (err)
			return err;
	}
	return stream_open(inode, file);
}

static int c2a_release(struct inode *inode, struct file *file)
{
	pid_t tgid = READ_ONCE(c2a.reader_tgid);
	struct task_struct *task;

	if (READ_ONCE(c2a.reader) != file)
		return 0;
	task = rcu_replace_pointer(c2a.reader_task, NULL, true);
	WRITE_ONCE(c2a.reader_waiting, false);
	WRITE_ONCE(c2a.reader_tgid, 0);
	smp_store_release(&c2a.reader, NULL);
	/* Producers waiting for this reader stop waiting, unless strict. */
	wake_up_all(&c2a.space_wq);
	synchronize_rcu();
	put_task_struct(task);
	c2a_emit_config(C2A_CFG_READER, 0, tgid, 0, NULL);
	return 0;
}

bool c2a_file_can_change(const struct file *file)
{
	return file->f_mode & FMODE_WRITE;
}

static const struct file_operations c2a_fops = {
	.owner = THIS_MODULE,
	.open = c2a_open,
	.release = c2a_release,
	.read = c2a_read,
	.poll = c2a_poll,
	.unlocked_ioctl = c2a_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice c2a_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "audit",
	.fops = &c2a_fops,
	.mode = 0600,
};

int c2a_device_init(void)
{
	init_waitqueue_head(&c2a.stream.wq);
	c2a.stream.drain = c2a_drain;
	c2a.stream.readable = c2a_readable;
	c2a.stream.wait_prepare = c2a_reader_wait_prepare;
	init_waitqueue_head(&c2a.space_wq);
	init_irq_work(&c2a.kick_work, c2a_kick_work);
	timer_setup(&c2a.kick_timer, c2a_kick_timer, 0);
	return misc_register(&c2a_misc);
}

void c2a_device_exit(void)
{
	misc_deregister(&c2a_misc);
	irq_work_sync(&c2a.kick_work);
	del_timer_sync(&c2a.kick_timer);
}
