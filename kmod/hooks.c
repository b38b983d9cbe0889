// SPDX-License-Identifier: GPL-2.0
/*
 * kretprobes on the syscalls' entry points. Only syscalls some audit rule
 * selects are hooked: others cost nothing. The entry probe walks the rules
 * as far as who and what allow and saves the arguments; the return probe
 * takes the outcome into the walk, builds the raw capture and queues the
 * rest on the task (capture.c).
 *
 * While an observer is attached (observer.c) every syscall is hooked, and
 * a call is followed if the rules may audit it or an observer follows its
 * task. Only the first kind counts for the trail: its calls in flight, and
 * the misses of probes some rule wants.
 */
#include <linux/audit.h>
#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "capture.h"
#include "hooks.h"
#include "lsm.h"
#include "main.h"
#include "observer.h"
#include "policy.h"

/*
 * One per entry point. A probe can be registered, removed and registered
 * again as the rules change; its counts carry over.
 */
struct c2a_probe {
	struct kretprobe krp;
	const struct c2a_sysdesc *desc;
	u8 arch;
	u8 variant;
	bool registered;
	atomic_t inflight;	/* calls the rules may audit, between entry and return */
	struct c2a_misses misses;
};

static const struct c2a_systable *const c2a_systables[] = {
	&c2a_sys_files, &c2a_sys_exec, &c2a_sys_procs, &c2a_sys_ids,
	&c2a_sys_net, &c2a_sys_system, &c2a_sys_uring,
};

/* Guards the probes' registration and counts. */
static DEFINE_MUTEX(c2a_hooks_lock);
static struct c2a_probe *c2a_probes;
static unsigned int c2a_nr_probes;
static unsigned int c2a_instances;
static bool c2a_hooks_observed;		/* observers want every syscall */

/* Whether the current task's events are recorded at all. */
bool c2a_audits_current(void)
{
	if (!READ_ONCE(c2a.enabled))
		return false;
	if (current->flags & PF_KTHREAD)
		return false;
	return current->tgid != READ_ONCE(c2a.reader_tgid);
}

static struct c2a_probe *c2a_probe_of(struct kretprobe_instance *ri)
{
	return container_of(get_kretprobe(ri), struct c2a_probe, krp);
}

/* Who is calling, as the rules see it: the task as the call found it. */
void c2a_who_fill(struct c2a_who *w)
{
	const struct cred *cred = current_cred();

	w->uid = from_kuid(&init_user_ns, cred->uid);
	w->euid = from_kuid(&init_user_ns, cred->euid);
	w->gid = from_kgid(&init_user_ns, cred->gid);
	w->auid = from_kuid(&init_user_ns, audit_get_loginuid(current));
	rcu_read_lock();
	w->ppid = task_tgid_nr(rcu_dereference(current->real_parent));
	rcu_read_unlock();
}

void c2a_entry_facts(const struct c2a_entry *e, long ret,
		     struct c2a_facts *f)
{
	*f = (struct c2a_facts){
		.sysid = e->sysid, .arch = e->arch,
		.uid = e->who.uid, .euid = e->who.euid,
		.auid = e->who.auid, .gid = e->who.gid,
		.tgid = current->tgid, .ppid = e->who.ppid,
		.ret = ret,
	};
}

static int c2a_sys_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct c2a_probe *p = c2a_probe_of(ri);
	struct c2a_entry *e = (struct c2a_entry *)ri->data;
	struct pt_regs *uregs = task_pt_regs(current);
	bool trail = c2a_audits_current();
	struct c2a_facts f;

	e->observed = c2a_observed(C2A_LSM_none);
	if (!trail && !e->observed)
		return 1;
	e->sysid = p->desc->sysid;
	e->arch = p->arch;
	e->variant = p->variant;
	e->nr = syscall_get_nr(current, uregs);
	if (e->arch == C2A_ARCH_X86_64 && (e->nr & __X32_SYSCALL_BIT))
		e->arch = C2A_ARCH_X32;
	syscall_get_arguments(current, uregs, e->args);
	if (p->desc->at_entry && !p->desc->at_entry(e, regs))
		return 1;
	c2a_who_fill(&e->who);
	c2a_entry_facts(e, 0, &f);
	e->walk = (struct c2a_walk){ .verdict = C2A_NOT_AUDITED };
	if (trail)
		c2a_policy_walk(&e->walk, &f, C2A_STAGE_ENTRY, NULL);
	if (e->walk.verdict == C2A_NOT_AUDITED && !e->observed)
		return 1;
	e->time_ns = ktime_get_real_ns();
	if (e->walk.verdict != C2A_NOT_AUDITED)
		atomic_inc(&p->inflight);
	return 0;
}

static int c2a_sys_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct c2a_probe *p = c2a_probe_of(ri);
	struct c2a_entry *e = (struct c2a_entry *)ri->data;
	long ret = regs_return_value(regs);
	struct c2a_capture *cap;
	struct c2a_facts f;

	if (e->walk.verdict != C2A_NOT_AUDITED)
		atomic_dec(&p->inflight);
	if (p->variant & C2A_V_INT)
		ret = (int)ret;
	if (p->desc->retried && p->desc->retried(ret))
		return 0;
	if (e->walk.verdict == C2A_PENDING) {
		c2a_entry_facts(e, ret, &f);
		c2a_policy_walk(&e->walk, &f, C2A_STAGE_RETURN, NULL);
	}
	if (e->walk.verdict == C2A_NOT_AUDITED && !e->observed)
		return 0;
	cap = c2a_capture_alloc();
	if (!cap) {
		if (e->walk.verdict != C2A_NOT_AUDITED)
			c2a_loss(1, C2A_LOSS_NOMEM);
		if (e->observed)
			c2a_observe_loss(1, C2A_LOSS_NOMEM);
		return 0;
	}
	cap->desc = p->desc;
	cap->e = *e;
	cap->ret = ret;
	if (p->desc->at_return)
		p->desc->at_return(cap);
	c2a_capture_queue(cap);
	return 0;
}

/* The probe's syscall, or one of those it carries, is wanted. */
static bool c2a_probe_wanted(const struct c2a_probe *p,
			     const unsigned long *wanted)
{
	const u16 *s = p->desc->carries;

	if (test_bit(p->desc->sysid, wanted))
		return true;
	while (s && *s)
		if (test_bit(*s++, wanted))
			return true;
	return false;
}

/* A symbol this kernel lacks is reported, not fatal. */
static void c2a_probe_register(struct c2a_probe *p)
{
	const char *symbol = p->krp.kp.symbol_name;
	int err;

	memset(&p->krp, 0, sizeof(p->krp));
	p->krp.kp.symbol_name = symbol;
	p->krp.entry_handler = c2a_sys_entry;
	p->krp.handler = c2a_sys_return;
	p->krp.data_size = sizeof(struct c2a_entry);
	/* Enough instances for every CPU to have several calls asleep. */
	p->krp.maxactive = c2a_instances ? c2a_instances :
			   max_t(int, p->desc->maxactive,
				 max_t(int, 64, 16 * num_possible_cpus()));
	err = register_kretprobe(&p->krp);
	p->registered = !err;
	c2a_misses_registered(&p->misses);
	if (err && !(p->variant & C2A_V_QUIET))
		pr_warn("%s: not hooked (%d)\n", symbol, err);
}

static u64 c2a_krp_missed(const struct kretprobe *krp)
{
	return krp->nmissed + krp->kp.nmissed;
}

void c2a_misses_registered(struct c2a_misses *m)
{
	m->base = 0;
}

void c2a_misses_unregistered(struct c2a_misses *m, const struct kretprobe *krp)
{
	if (m->audited)
		m->before += c2a_krp_missed(krp) - m->base;
}

void c2a_misses_audit(struct c2a_misses *m, const struct kretprobe *krp,
		      bool registered, bool audited)
{
	if (m->audited == audited)
		return;
	if (registered && audited)
		m->base = c2a_krp_missed(krp);
	else if (registered)
		m->before += c2a_krp_missed(krp) - m->base;
	m->audited = audited;
}

u64 c2a_misses_count(const struct c2a_misses *m, const struct kretprobe *krp,
		     bool registered)
{
	if (registered && m->audited)
		return m->before + c2a_krp_missed(krp) - m->base;
	return m->before;
}

static void c2a_probe_set_audited(struct c2a_probe *p, bool audited)
{
	c2a_misses_audit(&p->misses, &p->krp, p->registered, audited);
}

static bool c2a_probe_needed(const struct c2a_probe *p,
			     const unsigned long *wanted)
{
	return c2a_hooks_observed || (wanted && c2a_probe_wanted(p, wanted));
}

/*
 * Registers the probes of the syscalls @wanted (of every syscall while
 * observers are attached) that are not yet hooked.
 */
void c2a_hooks_add(const unsigned long *wanted)
{
	unsigned int i;

	mutex_lock(&c2a_hooks_lock);
	for (i = 0; i < c2a_nr_probes; i++) {
		struct c2a_probe *p = &c2a_probes[i];

		if (!p->registered && c2a_probe_needed(p, wanted))
			c2a_probe_register(p);
		c2a_probe_set_audited(p, c2a_probe_wanted(p, wanted));
	}
	mutex_unlock(&c2a_hooks_lock);
}

/*
 * Removes the probes @drop says, in one batch. Calls they were following
 * for the trail will never reach the return probe: their records are
 * lost, and counted as missed. c2a_hooks_lock held.
 */
static u64 c2a_hooks_remove(bool (*drop)(const struct c2a_probe *p,
					 const void *arg), const void *arg)
{
	struct kretprobe **batch;
	unsigned int i, n = 0;
	u64 lost = 0;

	batch = kcalloc(c2a_nr_probes, sizeof(*batch), GFP_KERNEL | __GFP_NOFAIL);
	for (i = 0; i < c2a_nr_probes; i++) {
		struct c2a_probe *p = &c2a_probes[i];

		if (p->registered && drop(p, arg))
			batch[n++] = &p->krp;
	}
	unregister_kretprobes(batch, n);
	for (i = 0; i < n; i++) {
		struct c2a_probe *p = container_of(batch[i], struct c2a_probe, krp);

		c2a_misses_unregistered(&p->misses, &p->krp);
		p->registered = false;
		lost += atomic_xchg(&p->inflight, 0);
	}
	kfree(batch);
	return lost;
}

static bool c2a_probe_unneeded(const struct c2a_probe *p, const void *wanted)
{
	return !c2a_probe_needed(p, wanted);
}

/*
 * Removes the probes of syscalls no longer @wanted (all of them when
 * NULL), but while observers are attached only at NULL.
 */
void c2a_hooks_prune(const unsigned long *wanted)
{
	unsigned int i;
	u64 lost;

	mutex_lock(&c2a_hooks_lock);
	if (!wanted)
		c2a_hooks_observed = false;
	lost = c2a_hooks_remove(c2a_probe_unneeded, wanted);
	for (i = 0; wanted && i < c2a_nr_probes; i++)
		c2a_probe_set_audited(&c2a_probes[i],
				      c2a_probe_wanted(&c2a_probes[i], wanted));
	mutex_unlock(&c2a_hooks_lock);
	if (lost && wanted)
		c2a_loss(lost, C2A_LOSS_MISSED);
}

static bool c2a_probe_of_sys(const struct c2a_probe *p, const void *sysid)
{
	return p->desc->sysid == *(const u16 *)sysid;
}

/* Removes the probes of one syscall even while observers want them (lock.c). */
void c2a_hooks_unhook(u16 sysid)
{
	u64 lost;

	mutex_lock(&c2a_hooks_lock);
	lost = c2a_hooks_remove(c2a_probe_of_sys, &sysid);
	mutex_unlock(&c2a_hooks_lock);
	if (lost)
		c2a_loss(lost, C2A_LOSS_MISSED);
}

/*
 * Observers attached (@on) want every syscall hooked; when the last goes,
 * only what the rules want stays.
 */
void c2a_hooks_observe(bool on)
{
	DECLARE_BITMAP(wanted, C2A_SYS_COUNT);

	mutex_lock(&c2a.config_lock);
	c2a_policy_wanted(wanted);
	mutex_lock(&c2a_hooks_lock);
	c2a_hooks_observed = on;
	mutex_unlock(&c2a_hooks_lock);
	if (on)
		c2a_hooks_add(wanted);
	else
		c2a_hooks_prune(wanted);
	mutex_unlock(&c2a.config_lock);
}

static unsigned int c2a_entrypoints_count(void)
{
	unsigned int i, j, k, n = 0;

	for (i = 0; i < ARRAY_SIZE(c2a_systables); i++)
		for (j = 0; j < c2a_systables[i]->count; j++)
			for (k = 0; k < C2A_MAX_ENTRIES; k++)
				n += !!c2a_systables[i]->descs[j].entry[k].symbol;
	return n;
}

/* Prepares a probe per entry point; none is registered yet. */
int c2a_hooks_init(unsigned int instances)
{
	unsigned int i, j, k;
	struct c2a_probe *p;

	c2a_instances = instances;
	c2a_nr_probes = c2a_entrypoints_count();
	c2a_probes = kcalloc(c2a_nr_probes, sizeof(*c2a_probes), GFP_KERNEL);
	if (!c2a_probes)
		return -ENOMEM;
	p = c2a_probes;
	for (i = 0; i < ARRAY_SIZE(c2a_systables); i++) {
		const struct c2a_systable *t = c2a_systables[i];

		for (j = 0; j < t->count; j++) {
			const struct c2a_sysdesc *d = &t->descs[j];

			for (k = 0; k < C2A_MAX_ENTRIES && d->entry[k].symbol;
			     k++, p++) {
				p->desc = d;
				p->arch = d->entry[k].arch;
				p->variant = d->entry[k].variant;
				p->krp.kp.symbol_name = d->entry[k].symbol;
			}
		}
	}
	return 0;
}

/* Hooks what the first policy wants. */
void c2a_hooks_start(void)
{
	DECLARE_BITMAP(wanted, C2A_SYS_COUNT);

	mutex_lock(&c2a.config_lock);
	c2a_policy_wanted(wanted);
	mutex_unlock(&c2a.config_lock);
	c2a_hooks_add(wanted);
}

/* On return every probe handler has finished; queued captures may remain. */
void c2a_hooks_exit(void)
{
	c2a_hooks_prune(NULL);
	kfree(c2a_probes);
}

unsigned int c2a_hooks_count(void)
{
	unsigned int i, n = 0;

	mutex_lock(&c2a_hooks_lock);
	for (i = 0; i < c2a_nr_probes; i++)
		n += c2a_probes[i].registered;
	mutex_unlock(&c2a_hooks_lock);
	return n;
}

/*
 * Calls the probes could not follow: no free kretprobe instance, or a probe
 * hit while another ran. Counted whether or not the call would have been
 * audited, so loss is never under-reported.
 */
u64 c2a_hooks_missed(void)
{
	unsigned int i;
	u64 sum = 0;

	mutex_lock(&c2a_hooks_lock);
	for (i = 0; i < c2a_nr_probes; i++) {
		const struct c2a_probe *p = &c2a_probes[i];

		sum += c2a_misses_count(&p->misses, &p->krp, p->registered);
	}
	mutex_unlock(&c2a_hooks_lock);
	return sum + c2a_lsm_missed();
}
