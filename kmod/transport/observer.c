// SPDX-License-Identifier: GPL-2.0
/*
 * Observers: a copy of the records of one process tree for `c2audit
 * trace`, apart from the audit trail, which gets exactly what it would
 * get without them.
 *
 * An observer is a file of its own (anon inode) with one ring, shared by
 * every CPU under its lock so its stream is in the order events were made.
 * It follows a process, by the struct pid of its thread group, which a
 * reference keeps from being reused, and every process created by one it
 * follows: a probe on wake_up_new_task() adds the child before it ever
 * runs, so descendants stay followed whoever becomes their parent later.
 * Producers copy events into it without waiting; a full ring drops, with
 * a loss marker of its own stream.
 *
 * While any observer is attached, every syscall probe is registered (the
 * trail still gets only what the rules select), the fork probe, and the
 * LSM hooks observers asked for (lsm.c). The last one to go removes them.
 */
#include <linux/anon_inodes.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/irq_work.h>
#include <linux/kprobes.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/poll.h>
#include <linux/ptrace.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/llist.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>

#include "capture.h"
#include "hooks.h"
#include "lsm.h"
#include "observer.h"
#include "ring.h"
#include "stream.h"

#define C2A_OBS_HASH_BITS	6
/* Processes one observer follows at most; dead ones are forgotten first. */
#define C2A_OBS_PROCS_MAX	16384
#define C2A_OBS_GC_AT		(C2A_OBS_PROCS_MAX / 2)

struct c2a_observer;

/*
 * A process an observer follows. They come from a pool made when the
 * observer attaches: the fork probe that adds them runs in atomic
 * context, where PREEMPT_RT allows no allocation.
 */
struct c2a_obs_proc {
	struct hlist_node node;
	struct pid *pid;		/* of the thread group, referenced */
	struct c2a_observer *obs;
	union {
		struct rcu_head rcu;
		struct llist_node free;
	};
};

/*
 * Locking: @lock guards the process table's writers (the fork probe, in
 * any context, and the reader's clean-up); lookups walk it under RCU.
 * The ring has its own lock (ring.h); read_lock makes its one consumer.
 */
struct c2a_observer {
	struct c2a_ring ring;
	u32 slot;			/* in c2a_obs[] */
	u32 flags;			/* C2A_OBS_* */
	u32 lsm_hooks;			/* with C2A_OBS_LSM: bit per hook */
	pid_t root;			/* the pid it was asked to follow */
	struct mutex read_lock;
	struct c2a_stream stream;	/* its reader's read() and poll() */
	bool waiting;			/* the reader sleeps or polls */
	struct irq_work kick;
	raw_spinlock_t lock;
	struct hlist_head procs[1 << C2A_OBS_HASH_BITS];
	atomic_t nprocs;
	atomic64_t untracked;
	struct c2a_obs_proc *pool;	/* C2A_OBS_PROCS_MAX of them */
	struct llist_head free;		/* of the pool; taken under @lock */
};

/* Attached observers, published with RCU; c2a_obs_lock for changes. */
static struct c2a_observer __rcu *c2a_obs[C2A_OBSERVERS_MAX];
static DEFINE_MUTEX(c2a_obs_lock);
static unsigned int c2a_obs_count;	/* read locklessly by producers */

static int c2a_fork_seen(struct kprobe *kp, struct pt_regs *regs);

static struct kprobe c2a_fork_probe;
static bool c2a_fork_hooked;		/* c2a_obs_lock */

static struct hlist_head *c2a_obs_bucket(struct c2a_observer *obs,
					 const struct pid *pid)
{
	return &obs->procs[hash_ptr(pid, C2A_OBS_HASH_BITS)];
}

/* Called under RCU. */
static bool c2a_obs_follows(struct c2a_observer *obs, const struct pid *pid)
{
	struct c2a_obs_proc *p;

	hlist_for_each_entry_rcu(p, c2a_obs_bucket(obs, pid), node)
		if (p->pid == pid)
			return true;
	return false;
}

/* Follows @pid too; any context. A process it cannot follow is counted. */
static void c2a_obs_add(struct c2a_observer *obs, struct pid *pid)
{
	struct c2a_obs_proc *p = NULL;
	struct llist_node *n;
	unsigned long flags;

	raw_spin_lock_irqsave(&obs->lock, flags);
	n = llist_del_first(&obs->free);
	if (n) {
		p = llist_entry(n, struct c2a_obs_proc, free);
		p->pid = get_pid(pid);
		hlist_add_head_rcu(&p->node, c2a_obs_bucket(obs, pid));
		atomic_inc(&obs->nprocs);
	}
	raw_spin_unlock_irqrestore(&obs->lock, flags);
	if (!p)
		atomic64_inc(&obs->untracked);
}

/* Back to the pool, once no lookup can see it. */
static void c2a_obs_proc_free(struct rcu_head *head)
{
	struct c2a_obs_proc *p = container_of(head, struct c2a_obs_proc, rcu);

	put_pid(p->pid);
	llist_add(&p->free, &p->obs->free);
}

/* Forgets processes that are gone (reaped); from the reader, process context. */
static void c2a_obs_gc(struct c2a_observer *obs)
{
	struct c2a_obs_proc *p;
	struct hlist_node *tmp;
	unsigned long flags;
	unsigned int i;

	if (atomic_read(&obs->nprocs) < C2A_OBS_GC_AT)
		return;
	raw_spin_lock_irqsave(&obs->lock, flags);
	for (i = 0; i < ARRAY_SIZE(obs->procs); i++) {
		hlist_for_each_entry_safe(p, tmp, &obs->procs[i], node) {
			if (pid_has_task(p->pid, PIDTYPE_TGID))
				continue;
			hlist_del_rcu(&p->node);
			atomic_dec(&obs->nprocs);
			call_rcu(&p->rcu, c2a_obs_proc_free);
		}
	}
	raw_spin_unlock_irqrestore(&obs->lock, flags);
}

/*
 * A new process (not a thread) is about to run for the first time: its
 * creator's observers follow it too. Runs in the creator's context.
 */
static int c2a_fork_seen(struct kprobe *kp, struct pt_regs *regs)
{
	struct task_struct *child =
		(struct task_struct *)regs_get_kernel_argument(regs, 0);
	struct pid *parent = task_tgid(current);
	struct c2a_observer *obs;
	unsigned int i;

	if (same_thread_group(child, current))
		return 0;
	rcu_read_lock();
	for (i = 0; i < C2A_OBSERVERS_MAX; i++) {
		obs = rcu_dereference(c2a_obs[i]);
		if (obs && c2a_obs_follows(obs, parent))
			c2a_obs_add(obs, task_tgid(child));
	}
	rcu_read_unlock();
	return 0;
}

unsigned int c2a_observers_count(void)
{
	return READ_ONCE(c2a_obs_count);
}

static bool c2a_obs_wants(struct c2a_observer *obs, u16 hook)
{
	if (hook == C2A_LSM_none)
		return true;
	return (obs->flags & C2A_OBS_LSM) && (obs->lsm_hooks & BIT(hook));
}

bool c2a_observed(u16 hook)
{
	struct c2a_observer *obs;
	struct pid *pid;
	bool found = false;
	unsigned int i;

	if (!READ_ONCE(c2a_obs_count) || (current->flags & PF_KTHREAD))
		return false;
	pid = task_tgid(current);
	rcu_read_lock();
	for (i = 0; i < C2A_OBSERVERS_MAX && !found; i++) {
		obs = rcu_dereference(c2a_obs[i]);
		found = obs && c2a_obs_wants(obs, hook) &&
			c2a_obs_follows(obs, pid);
	}
	rcu_read_unlock();
	return found;
}

static void c2a_obs_kick(struct c2a_observer *obs)
{
	/* Pairs with smp_mb() in c2a_obs_wait_prepare(). */
	smp_mb();
	if (READ_ONCE(obs->waiting))
		irq_work_queue(&obs->kick);
}

static void c2a_obs_kick_work(struct irq_work *work)
{
	struct c2a_observer *obs = container_of(work, struct c2a_observer, kick);

	wake_up_interruptible(&obs->stream.wq);
}

/* Copies the event into @obs's ring, or counts it lost there. */
static void c2a_obs_put(struct c2a_observer *obs, struct c2a_builder *b)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&obs->ring.lock, flags);
	if (!c2a_ring_put(&obs->ring, b))
		c2a_ring_drop(&obs->ring, b->nparts, C2A_LOSS_RING_FULL);
	raw_spin_unlock_irqrestore(&obs->ring.lock, flags);
	c2a_obs_kick(obs);
}

/* Any context; never waits for the observer's reader. */
void c2a_observe_event(struct c2a_builder *b, u16 hook)
{
	struct c2a_observer *obs;
	struct pid *pid;
	unsigned int i;

	if (!READ_ONCE(c2a_obs_count))
		return;
	b->rec->hdr.nparts = b->nparts;
	pid = task_tgid(current);
	rcu_read_lock();
	for (i = 0; i < C2A_OBSERVERS_MAX; i++) {
		obs = rcu_dereference(c2a_obs[i]);
		if (obs && c2a_obs_wants(obs, hook) && c2a_obs_follows(obs, pid))
			c2a_obs_put(obs, b);
	}
	rcu_read_unlock();
}

void c2a_observe_loss(u64 n, u32 reasons)
{
	struct c2a_observer *obs;
	unsigned long flags;
	struct pid *pid;
	unsigned int i;

	if (!READ_ONCE(c2a_obs_count))
		return;
	pid = task_tgid(current);
	rcu_read_lock();
	for (i = 0; i < C2A_OBSERVERS_MAX; i++) {
		obs = rcu_dereference(c2a_obs[i]);
		if (!obs || !c2a_obs_follows(obs, pid))
			continue;
		raw_spin_lock_irqsave(&obs->ring.lock, flags);
		c2a_ring_drop(&obs->ring, n, reasons);
		raw_spin_unlock_irqrestore(&obs->ring.lock, flags);
		c2a_obs_kick(obs);
	}
	rcu_read_unlock();
}

static void c2a_obs_wait_prepare(struct c2a_stream *s)
{
	struct c2a_observer *obs = container_of(s, struct c2a_observer, stream);

	WRITE_ONCE(obs->waiting, true);
	/* Pairs with smp_mb() in c2a_obs_kick(). */
	smp_mb();
}

static bool c2a_obs_readable(struct c2a_stream *s)
{
	struct c2a_observer *obs = container_of(s, struct c2a_observer, stream);

	return c2a_ring_readable(&obs->ring);
}

static long c2a_obs_drain(struct c2a_stream *s, char __user *buf, u32 want)
{
	struct c2a_observer *obs = container_of(s, struct c2a_observer, stream);
	long n;

	if (mutex_lock_interruptible(&obs->read_lock))
		return -ERESTARTSYS;
	WRITE_ONCE(obs->waiting, false);
	c2a_obs_gc(obs);
	c2a_ring_flush_loss(&obs->ring);
	n = c2a_ring_copy_out(&obs->ring, buf, want);
	mutex_unlock(&obs->read_lock);
	return n;
}

static ssize_t c2a_obs_read(struct file *file, char __user *buf, size_t count,
			    loff_t *ppos)
{
	struct c2a_observer *obs = file->private_data;

	return c2a_stream_read(&obs->stream, file, buf, count);
}

static __poll_t c2a_obs_poll(struct file *file, poll_table *wait)
{
	struct c2a_observer *obs = file->private_data;

	return c2a_stream_poll(&obs->stream, file, wait);
}

static void c2a_obs_stats(struct c2a_observer *obs,
			  struct c2a_observer_stats *st)
{
	st->processes = atomic_read(&obs->nprocs);
	st->produced = READ_ONCE(obs->ring.produced);
	st->delivered = READ_ONCE(obs->ring.delivered);
	st->dropped = READ_ONCE(obs->ring.dropped);
	st->untracked = atomic64_read(&obs->untracked);
	if (obs->flags & C2A_OBS_LSM)
		st->lsm_missing = obs->lsm_hooks & c2a_lsm_missing();
}

/* The one ioctl of an observer's descriptor, sized like those of /dev/audit. */
static long c2a_obs_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct c2a_observer_stats st = {};
	void __user *uarg = (void __user *)arg;
	u32 usize;

	if (_IOC_TYPE(cmd) != _IOC_TYPE(C2A_IOC_OBSERVER_STATS) ||
	    _IOC_NR(cmd) != _IOC_NR(C2A_IOC_OBSERVER_STATS) ||
	    _IOC_DIR(cmd) != _IOC_DIR(C2A_IOC_OBSERVER_STATS))
		return -ENOTTY;
	if (get_user(usize, (u32 __user *)uarg))
		return -EFAULT;
	if (usize != _IOC_SIZE(cmd) || usize < C2A_OBSERVER_STATS_SIZE_VER0)
		return -EINVAL;
	c2a_obs_stats(file->private_data, &st);
	st.size = min_t(u32, usize, sizeof(st));
	if (copy_to_user(uarg, &st, st.size))
		return -EFAULT;
	if (usize > sizeof(st) && clear_user(uarg + sizeof(st), usize - sizeof(st)))
		return -EFAULT;
	return 0;
}

/* Which LSM hooks the attached observers want; c2a_obs_lock held. */
static u32 c2a_obs_lsm_union(void)
{
	struct c2a_observer *obs;
	unsigned int i;
	u32 hooks = 0;

	for (i = 0; i < C2A_OBSERVERS_MAX; i++) {
		obs = rcu_dereference_protected(c2a_obs[i],
						lockdep_is_held(&c2a_obs_lock));
		if (obs && (obs->flags & C2A_OBS_LSM))
			hooks |= obs->lsm_hooks;
	}
	return hooks;
}

/* A kprobe is registered again from a clean struct, as in hooks.c. */
static int c2a_fork_hook(void)
{
	int err;

	memset(&c2a_fork_probe, 0, sizeof(c2a_fork_probe));
	c2a_fork_probe.symbol_name = "wake_up_new_task";
	c2a_fork_probe.pre_handler = c2a_fork_seen;
	err = register_kprobe(&c2a_fork_probe);
	if (err)
		pr_warn("%s: not hooked, cannot follow new processes (%d)\n",
			c2a_fork_probe.symbol_name, err);
	c2a_fork_hooked = !err;
	return err;
}

/* The probes the attached observers need; c2a_obs_lock held. */
static int c2a_obs_probes_update(void)
{
	int err;

	if (c2a_obs_count && !c2a_fork_hooked) {
		err = c2a_fork_hook();
		if (err)
			return err;
	}
	c2a_hooks_observe(c2a_obs_count > 0);
	c2a_lsm_set_observed(c2a_obs_lsm_union());
	if (!c2a_obs_count && c2a_fork_hooked) {
		unregister_kprobe(&c2a_fork_probe);
		c2a_fork_hooked = false;
	}
	return 0;
}

static void c2a_obs_free(struct c2a_observer *obs)
{
	struct c2a_obs_proc *p;
	unsigned int i;

	/* Processes forgotten earlier go back to the pool first. */
	rcu_barrier();
	for (i = 0; i < ARRAY_SIZE(obs->procs); i++)
		hlist_for_each_entry(p, &obs->procs[i], node)
			put_pid(p->pid);
	kvfree(obs->pool);
	vfree(obs->ring.slots);
	kfree(obs);
}

static int c2a_obs_pool_init(struct c2a_observer *obs)
{
	unsigned int i;

	obs->pool = kvcalloc(C2A_OBS_PROCS_MAX, sizeof(*obs->pool),
			     GFP_KERNEL);
	if (!obs->pool)
		return -ENOMEM;
	for (i = 0; i < C2A_OBS_PROCS_MAX; i++) {
		obs->pool[i].obs = obs;
		llist_add(&obs->pool[i].free, &obs->free);
	}
	return 0;
}

static void c2a_obs_detach(struct c2a_observer *obs)
{
	mutex_lock(&c2a_obs_lock);
	RCU_INIT_POINTER(c2a_obs[obs->slot], NULL);
	WRITE_ONCE(c2a_obs_count, c2a_obs_count - 1);
	c2a_obs_probes_update();
	mutex_unlock(&c2a_obs_lock);
	/* No producer is still copying into it, nor will its kick come later. */
	synchronize_rcu();
	irq_work_sync(&obs->kick);
}

static int c2a_obs_release(struct inode *inode, struct file *file)
{
	struct c2a_observer *obs = file->private_data;
	pid_t root;

	/* One that failed to attach was freed by c2a_observe(). */
	if (!obs)
		return 0;
	root = obs->root;
	c2a_obs_detach(obs);
	c2a_obs_free(obs);
	c2a_emit_config(C2A_CFG_OBSERVER, 0, root, 0, NULL);
	return 0;
}

static const struct file_operations c2a_obs_fops = {
	.owner = THIS_MODULE,
	.release = c2a_obs_release,
	.read = c2a_obs_read,
	.poll = c2a_obs_poll,
	.unlocked_ioctl = c2a_obs_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static bool c2a_observe_valid(const struct c2a_observe *req)
{
	u32 hooks = GENMASK(C2A_LSM_COUNT - 1, 1);

	if (req->__pad || req->flags & ~C2A_OBS_LSM || !req->pid ||
	    req->pid > INT_MAX)
		return false;
	if (req->lsm_hooks & ~hooks ||
	    (req->lsm_hooks && !(req->flags & C2A_OBS_LSM)))
		return false;
	return !req->slots || (is_power_of_2(req->slots) &&
			       req->slots >= C2A_SLOTS_MIN &&
			       req->slots <= C2A_SLOTS_MAX);
}

/* A new observer following the thread group of @pid; its reference is taken. */
static struct c2a_observer *c2a_obs_new(const struct c2a_observe *req,
					struct pid *pid)
{
	struct c2a_observer *obs = kzalloc(sizeof(*obs), GFP_KERNEL);
	u32 slots = req->slots ? req->slots : C2A_OBS_SLOTS_DEFAULT;

	if (!obs)
		return NULL;
	if (c2a_ring_init(&obs->ring, slots, 0)) {
		kfree(obs);
		return NULL;
	}
	if (c2a_obs_pool_init(obs)) {
		vfree(obs->ring.slots);
		kfree(obs);
		return NULL;
	}
	obs->flags = req->flags;
	obs->lsm_hooks = req->lsm_hooks;
	if ((obs->flags & C2A_OBS_LSM) && !obs->lsm_hooks)
		obs->lsm_hooks = GENMASK(C2A_LSM_COUNT - 1, 1);
	obs->root = req->pid;
	mutex_init(&obs->read_lock);
	init_waitqueue_head(&obs->stream.wq);
	obs->stream.drain = c2a_obs_drain;
	obs->stream.readable = c2a_obs_readable;
	obs->stream.wait_prepare = c2a_obs_wait_prepare;
	init_irq_work(&obs->kick, c2a_obs_kick_work);
	raw_spin_lock_init(&obs->lock);
	c2a_obs_add(obs, pid);
	if (!atomic_read(&obs->nprocs)) {
		c2a_obs_free(obs);
		return NULL;
	}
	return obs;
}

static int c2a_obs_attach(struct c2a_observer *obs)
{
	unsigned int i;
	int err;

	mutex_lock(&c2a_obs_lock);
	for (i = 0; i < C2A_OBSERVERS_MAX; i++)
		if (!rcu_access_pointer(c2a_obs[i]))
			break;
	if (i == C2A_OBSERVERS_MAX) {
		mutex_unlock(&c2a_obs_lock);
		return -EBUSY;
	}
	obs->slot = i;
	rcu_assign_pointer(c2a_obs[i], obs);
	WRITE_ONCE(c2a_obs_count, c2a_obs_count + 1);
	err = c2a_obs_probes_update();
	if (err) {
		RCU_INIT_POINTER(c2a_obs[i], NULL);
		WRITE_ONCE(c2a_obs_count, c2a_obs_count - 1);
		c2a_obs_probes_update();
	}
	mutex_unlock(&c2a_obs_lock);
	if (err)
		synchronize_rcu();
	return err;
}

/* The thread group @nr names in the caller's pid namespace, referenced. */
static struct pid *c2a_obs_find(pid_t nr)
{
	struct pid *pid = find_get_pid(nr);
	bool leader;

	if (!pid)
		return NULL;
	rcu_read_lock();
	leader = pid_task(pid, PIDTYPE_TGID);
	rcu_read_unlock();
	if (leader)
		return pid;
	put_pid(pid);
	return NULL;
}

/* C2A_IOC_OBSERVE: returns the observer's new descriptor. */
long c2a_observe(const struct c2a_observe *req)
{
	struct c2a_observer *obs;
	struct file *file;
	struct pid *pid;
	int fd, err;

	if (!c2a_observe_valid(req))
		return -EINVAL;
	if (!capable(CAP_AUDIT_READ))
		return -EPERM;
	pid = c2a_obs_find(req->pid);
	if (!pid)
		return -ESRCH;
	obs = c2a_obs_new(req, pid);
	put_pid(pid);
	if (!obs)
		return -ENOMEM;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		err = fd;
		goto err_free;
	}
	file = anon_inode_getfile("[c2audit-observer]", &c2a_obs_fops, obs,
				  O_RDONLY);
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		goto err_fd;
	}
	stream_open(file_inode(file), file);
	err = c2a_obs_attach(obs);
	if (err) {
		/* Its release must not detach what was never attached. */
		file->private_data = NULL;
		fput(file);
		goto err_fd;
	}
	c2a_emit_config(C2A_CFG_OBSERVER, 0, 0, req->pid, NULL);
	fd_install(fd, file);
	return fd;

err_fd:
	put_unused_fd(fd);
err_free:
	c2a_obs_free(obs);
	return err;
}
