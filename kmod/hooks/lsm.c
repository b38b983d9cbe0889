// SPDX-License-Identifier: GPL-2.0
/*
 * LSM hook events: a kretprobe on each hook (the security_* function, see
 * c2audit.h), registered only while an audit rule selects the hook or an
 * observer asked for it: with neither, no probe is in place.
 *
 * The entry probe decides whether the call is wanted at all (rules or
 * observers) and saves the arguments; the return probe builds the record
 * in a per-CPU scratch and commits it, to the trail when the rules audit
 * it and to the observers that follow the task. Hooks run in atomic
 * context, often under locks, so nothing here sleeps or waits: a full
 * ring drops (block mode cannot apply), and strings are what the kernel
 * already holds (dentry names, the exec's file name), never a path
 * resolved here. The task's executable is in its syscall records.
 */
#include <linux/cred.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "capture.h"
#include "hooks.h"
#include "lsm.h"
#include "main.h"
#include "observer.h"
#include "policy.h"
#include "ring.h"
#include "subject.h"
#include "tasktab.h"

#define C2A_LSM_ALL		GENMASK(C2A_LSM_COUNT - 1, 1)

struct c2a_lsm_probe {
	struct kretprobe krp;
	u16 hook;
	bool registered;
	bool missing;		/* this kernel refused it */
	struct c2a_misses misses;
};

/* What the entry probe saves for the return probe. */
struct c2a_lsm_entry {
	unsigned long a[6];
	struct c2a_walk walk;	/* of the rules, for the trail */
	char key[C2A_KEY_LEN];	/* of the rule that audits it */
	bool observed;
};

#define C2A_LSM_NAME(name) #name,
static const char *const c2a_lsm_names[C2A_LSM_COUNT] = {
	"none", C2A_LSM_HOOKS(C2A_LSM_NAME)
};

/* c2a_lsm_lock guards the probes; the masks are read locklessly. */
static DEFINE_MUTEX(c2a_lsm_lock);
static struct c2a_lsm_probe c2a_lsm_probes[C2A_LSM_COUNT];
static u32 c2a_lsm_audited;		/* hooks the rules select */
static u32 c2a_lsm_observed;		/* hooks observers asked for */
static u32 c2a_lsm_registered;
static struct c2a_lsm_scratch __percpu *c2a_lsm_scratch;

static struct c2a_tasktab c2a_self_tab;

const char *c2a_lsm_name(unsigned int hook)
{
	return hook < C2A_LSM_COUNT ? c2a_lsm_names[hook] : "unknown";
}

void c2a_lsm_self_enter(struct c2a_lsm_self *s)
{
	s->e.task = NULL;
	if (READ_ONCE(c2a_lsm_registered))
		c2a_tasktab_add(&c2a_self_tab, &s->e);
}

void c2a_lsm_self_leave(struct c2a_lsm_self *s)
{
	c2a_tasktab_del(&c2a_self_tab, &s->e);
}

/* The current task is inside the module's own work. */
static bool c2a_lsm_is_self(void)
{
	return c2a_tasktab_find(&c2a_self_tab);
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

static struct c2a_lsm_probe *c2a_lsm_probe_of(struct kretprobe_instance *ri)
{
	return container_of(get_kretprobe(ri), struct c2a_lsm_probe, krp);
}

/* The caller as the rules see it. */
static void c2a_lsm_facts(u16 hook, long ret, struct c2a_facts *f)
{
	struct c2a_who who;

	c2a_who_fill(&who);
	*f = (struct c2a_facts){
		.hook = hook, .tgid = current->tgid, .ppid = who.ppid,
		.ret = ret,
	};
	memcpy(f->ids, who.ids, sizeof(f->ids));
}

/*
 * Who calls is known at entry: the rules decide then, unless a rule asks
 * for the outcome, so a hook the rules select for few callers costs the
 * others no return probe.
 */
static int c2a_lsm_enter(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct c2a_lsm_probe *p = c2a_lsm_probe_of(ri);
	struct c2a_lsm_entry *e = (struct c2a_lsm_entry *)ri->data;
	struct c2a_facts f;
	unsigned int i;

	e->walk = (struct c2a_walk){ .verdict = C2A_NOT_AUDITED };
	if ((READ_ONCE(c2a_lsm_audited) & BIT(p->hook)) && c2a_audits_current()) {
		c2a_lsm_facts(p->hook, 0, &f);
		c2a_policy_walk(&e->walk, &f, C2A_STAGE_ENTRY, e->key);
	}
	e->observed = c2a_observed(p->hook);
	if ((e->walk.verdict == C2A_NOT_AUDITED && !e->observed) ||
	    c2a_lsm_is_self())
		return 1;
	for (i = 0; i < ARRAY_SIZE(e->a); i++)
		e->a[i] = regs_get_kernel_argument(regs, i);
	return 0;
}

/* The syscall the task is in, as its registers say. */
static void c2a_lsm_syscall(struct c2a_lsm *l)
{
	long nr;

	l->nr = C2A_NR_NONE;
	if (current->flags & PF_IO_WORKER) {
		l->arch = C2A_ARCH_IO_URING;
		return;
	}
	nr = syscall_get_nr(current, task_pt_regs(current));
	if (nr < 0)
		return;
	l->nr = nr;
	if (in_ia32_syscall())
		l->arch = C2A_ARCH_I386;
	else if (nr & __X32_SYSCALL_BIT)
		l->arch = C2A_ARCH_X32;
	else
		l->arch = C2A_ARCH_X86_64;
}

static void c2a_lsm_build(struct c2a_lsm_probe *p, struct c2a_lsm_entry *e,
			  long ret, struct c2a_builder *b)
{
	const struct c2a_lsm_desc *d = &c2a_lsm_descs[p->hook];
	struct c2a_lsm_scratch *s = this_cpu_ptr(c2a_lsm_scratch);
	struct c2a_lsm_call call = { .b = b, .a = e->a, .s = s };
	struct c2a_record *rec = &s->rec;

	*b = (struct c2a_builder){ .rec = rec, .nparts = 1 };
	c2a_record_init(rec, C2A_REC_LSM);
	/* When the hook decided: a hook that encloses others comes after them. */
	rec->hdr.time_ns = ktime_get_real_ns();
	c2a_subject_fill(&rec->ev.subj);
	call.l = &rec->ev.u.lsm;
	call.l->hook = p->hook;
	call.l->lflags = d->decision ? C2A_LSMF_DECISION : 0;
	call.l->result = ret;
	c2a_lsm_syscall(call.l);
	d->decode(&call);
}

static int c2a_lsm_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct c2a_lsm_probe *p = c2a_lsm_probe_of(ri);
	struct c2a_lsm_entry *e = (struct c2a_lsm_entry *)ri->data;
	const struct c2a_lsm_desc *d = &c2a_lsm_descs[p->hook];
	long ret = d->decision ? (int)regs_return_value(regs) : 0;
	struct c2a_builder b;
	struct c2a_facts f;
	bool trail;

	if (d->retried && d->retried(e->a, ret))
		return 0;
	if (e->walk.verdict == C2A_PENDING) {
		c2a_lsm_facts(p->hook, ret, &f);
		c2a_policy_walk(&e->walk, &f, C2A_STAGE_RETURN, e->key);
	}
	trail = e->walk.verdict == C2A_AUDITED;
	if (!trail && !e->observed)
		return 0;
	c2a_lsm_build(p, e, ret, &b);
	if (trail)
		memcpy(b.rec->ev.key, e->key, C2A_KEY_LEN);
	if (e->observed)
		c2a_observe_event(&b, p->hook);
	if (trail)
		c2a_commit_nowait(&b);
	return 0;
}

/* A hook this kernel lacks is reported once, not fatal. */
static void c2a_lsm_register(struct c2a_lsm_probe *p)
{
	const char *symbol = c2a_lsm_descs[p->hook].symbol;
	int err;

	memset(&p->krp, 0, sizeof(p->krp));
	p->krp.kp.symbol_name = symbol;
	p->krp.entry_handler = c2a_lsm_enter;
	p->krp.handler = c2a_lsm_return;
	p->krp.data_size = sizeof(struct c2a_lsm_entry);
	p->krp.maxactive = max_t(int, 64, 16 * num_possible_cpus());
	err = register_kretprobe(&p->krp);
	p->registered = !err;
	c2a_misses_registered(&p->misses);
	if (err && !p->missing)
		pr_warn("LSM hook %s (%s): not hooked (%d), its events are not available\n",
			c2a_lsm_names[p->hook], symbol, err);
	p->missing = err;
}

/* Probes exactly the hooks rules or observers want; c2a_lsm_lock held. */
static void c2a_lsm_sync(void)
{
	u32 want = c2a_lsm_audited | c2a_lsm_observed, live = 0;
	struct kretprobe *batch[C2A_LSM_COUNT];
	unsigned int h, n = 0;

	for (h = 1; h < C2A_LSM_COUNT; h++) {
		struct c2a_lsm_probe *p = &c2a_lsm_probes[h];

		if ((want & BIT(h)) && !p->registered)
			c2a_lsm_register(p);
		else if (!(want & BIT(h)) && p->registered)
			batch[n++] = &p->krp;
	}
	unregister_kretprobes(batch, n);
	for (h = 0; h < n; h++) {
		struct c2a_lsm_probe *p =
			container_of(batch[h], struct c2a_lsm_probe, krp);

		c2a_misses_unregistered(&p->misses, &p->krp);
		p->registered = false;
	}
	for (h = 1; h < C2A_LSM_COUNT; h++) {
		struct c2a_lsm_probe *p = &c2a_lsm_probes[h];

		c2a_misses_audit(&p->misses, &p->krp, p->registered,
				 c2a_lsm_audited & BIT(h));
		if (p->registered)
			live |= BIT(h);
	}
	WRITE_ONCE(c2a_lsm_registered, live);
}

/* The hooks the rules select (policy.c, once a policy is published). */
void c2a_lsm_set_audited(u32 hooks)
{
	mutex_lock(&c2a_lsm_lock);
	WRITE_ONCE(c2a_lsm_audited, hooks & C2A_LSM_ALL);
	c2a_lsm_sync();
	mutex_unlock(&c2a_lsm_lock);
}

void c2a_lsm_set_observed(u32 hooks)
{
	mutex_lock(&c2a_lsm_lock);
	WRITE_ONCE(c2a_lsm_observed, hooks & C2A_LSM_ALL);
	c2a_lsm_sync();
	mutex_unlock(&c2a_lsm_lock);
}

u32 c2a_lsm_missing(void)
{
	unsigned int h;
	u32 missing = 0;

	mutex_lock(&c2a_lsm_lock);
	for (h = 1; h < C2A_LSM_COUNT; h++)
		if (c2a_lsm_probes[h].missing)
			missing |= BIT(h);
	mutex_unlock(&c2a_lsm_lock);
	return missing;
}

/* Hook calls the probes could not follow while rules wanted them. */
u64 c2a_lsm_missed(void)
{
	unsigned int h;
	u64 sum = 0;

	mutex_lock(&c2a_lsm_lock);
	for (h = 1; h < C2A_LSM_COUNT; h++) {
		const struct c2a_lsm_probe *p = &c2a_lsm_probes[h];

		sum += c2a_misses_count(&p->misses, &p->krp, p->registered);
	}
	mutex_unlock(&c2a_lsm_lock);
	return sum;
}

void c2a_lsm_status(struct c2a_lsm_status *st)
{
	st->nr_hooks = C2A_LSM_COUNT;
	st->registered = READ_ONCE(c2a_lsm_registered);
	st->audited = READ_ONCE(c2a_lsm_audited);
	st->observed = READ_ONCE(c2a_lsm_observed);
	st->missing = c2a_lsm_missing();
	st->observers = c2a_observers_count();
	st->missed = c2a_lsm_missed();
}

int c2a_lsm_init(void)
{
	unsigned int i;

	c2a_lsm_scratch = alloc_percpu(struct c2a_lsm_scratch);
	if (!c2a_lsm_scratch)
		return -ENOMEM;
	c2a_tasktab_init(&c2a_self_tab);
	for (i = 0; i < C2A_LSM_COUNT; i++)
		c2a_lsm_probes[i].hook = i;
	return 0;
}

/* On return no hook handler runs any more. */
void c2a_lsm_exit(void)
{
	mutex_lock(&c2a_lsm_lock);
	c2a_lsm_audited = 0;
	c2a_lsm_observed = 0;
	c2a_lsm_sync();
	mutex_unlock(&c2a_lsm_lock);
	free_percpu(c2a_lsm_scratch);
}
