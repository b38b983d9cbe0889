// SPDX-License-Identifier: GPL-2.0
/*
 * The syscalls' entry points (and the io_uring helpers that do their work),
 * hooked through ftrace. Only syscalls some audit rule selects are hooked:
 * the others cost nothing.
 *
 * The ftrace handler runs in atomic context and only decides: when the
 * rules (or an observer) may want the call, it sends the call through
 * c2a_wrap(), an ordinary function in the calling task, which prepares the
 * capture, calls the original, and builds and commits the record on its
 * way back, where it may sleep and allocate. Nothing is shared between the
 * calls in flight: a call that blocks for ever holds its own capture and a
 * reference on the module ("in use" to rmmod), nothing another caller
 * needs; a kretprobe's fixed pool of instances is what a user could fill.
 *
 *   caller -> fn (fentry) -> ftrace -> c2a_ftrace_entry(): ip = c2a_wrap
 *          -> c2a_wrap() -> c2a_call_begin()
 *                        -> c2a_call_orig(fn past its fentry) -> fn
 *                        -> c2a_call_end(): record -> ring
 *          <- fn's result
 */
#include <linux/audit.h>
#include <linux/bitmap.h>
#include <linux/cred.h>
#include <linux/ftrace.h>
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/openat2.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "capture.h"
#include "hooks.h"
#include "lock.h"
#include "lsm.h"
#include "main.h"
#include "names.h"
#include "observer.h"
#include "policy.h"
#include "subject.h"

/* One per entry point; hooked and unhooked as the rules change. */
struct c2a_probe {
	const struct c2a_sysdesc *desc;
	const char *symbol;
	unsigned long addr;		/* 0: this kernel lacks it */
	unsigned long resume;		/* past its ftrace call, once seen */
	struct hlist_node node;		/* in c2a_probe_tab, by address */
	u8 arch;
	u8 variant;
	bool hooked;			/* in the ftrace filter */
	bool failed;			/* ftrace refused it */
};

static const struct c2a_systable *const c2a_systables[] = {
	&c2a_sys_files, &c2a_sys_exec, &c2a_sys_procs, &c2a_sys_ids,
	&c2a_sys_net, &c2a_sys_system, &c2a_sys_uring,
};

/*
 * c2a_hooks_lock guards the filter and the probes' state. The table is
 * filled at init and only read afterwards, by the handler too.
 */
static DEFINE_MUTEX(c2a_hooks_lock);
static DEFINE_HASHTABLE(c2a_probe_tab, 9);
static struct c2a_probe *c2a_probes;
static unsigned int c2a_nr_probes;
static bool c2a_hooks_observed;		/* observers want every syscall */
static bool c2a_ops_registered;

/* Calls followed between their entry and their record (c2a_wrap). */
static atomic_t c2a_inflight = ATOMIC_INIT(0);

static void c2a_ftrace_entry(unsigned long ip, unsigned long parent_ip,
			     struct ftrace_ops *op, struct ftrace_regs *fregs);

/*
 * PERMANENT: while hooks are in place, `sysctl kernel.ftrace_enabled=0`
 * is refused instead of silently disarming them.
 */
static struct ftrace_ops c2a_ops = {
	.func = c2a_ftrace_entry,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
		 FTRACE_OPS_FL_RECURSION | FTRACE_OPS_FL_PERMANENT,
};

/* Whether the current task's events are recorded at all. */
bool c2a_audits_current(void)
{
	if (!READ_ONCE(c2a.enabled))
		return false;
	if (current->flags & PF_KTHREAD)
		return false;
	return !c2a_is_reader();
}

/* Who is calling, as the rules see it: the task as the call found it. */
void c2a_who_fill(struct c2a_who *w)
{
	const struct cred *cred = current_cred();

	w->ids[C2A_ID_NONE] = 0;
	w->ids[C2A_ID_UID] = c2a_uid(cred->uid);
	w->ids[C2A_ID_EUID] = c2a_uid(cred->euid);
	w->ids[C2A_ID_SUID] = c2a_uid(cred->suid);
	w->ids[C2A_ID_FSUID] = c2a_uid(cred->fsuid);
	w->ids[C2A_ID_AUID] = c2a_uid(audit_get_loginuid(current));
	w->ids[C2A_ID_GID] = c2a_gid(cred->gid);
	w->ids[C2A_ID_EGID] = c2a_gid(cred->egid);
	w->ids[C2A_ID_SGID] = c2a_gid(cred->sgid);
	w->ids[C2A_ID_FSGID] = c2a_gid(cred->fsgid);
	rcu_read_lock();
	w->ppid = task_tgid_nr(rcu_dereference(current->real_parent));
	rcu_read_unlock();
}

void c2a_entry_facts(const struct c2a_entry *e, long ret,
		     struct c2a_facts *f)
{
	*f = (struct c2a_facts){
		.sysid = e->sysid, .arch = e->arch, .perm = e->perm,
		.nr = e->nr, .tgid = current->tgid, .ppid = e->who.ppid,
		.args = e->args, .ret = ret,
	};
	memcpy(f->ids, e->who.ids, sizeof(f->ids));
}

/*
 * At the call's return, in the task: exit rules decide on the task as the
 * call left it (an execve of a set-uid program, a setuid), and on what the
 * call did to its object (perm=), for which openat2's flags are read.
 */
static void c2a_return_facts(struct c2a_entry *e)
{
	struct open_how __user *how;
	u64 flags = 0;

	c2a_who_fill(&e->who);
	/* an io_uring operation's arguments are not the caller's pointers */
	if (e->sysid == C2A_SYS_openat2 && e->arch != C2A_ARCH_IO_URING) {
		how = (struct open_how __user *)e->args[2];
		if (get_user(flags, &how->flags))
			flags = 0;
	}
	e->perm = c2a_perm_class(e->sysid, e->args, flags);
}

/*
 * Fills @e for a call of @p's function with arguments @fn_args, and walks
 * the rules as far as the entry allows. False when the call is followed
 * neither for the trail nor for an observer.
 */
static bool c2a_entry_fill(const struct c2a_probe *p, struct c2a_entry *e,
			   struct pt_regs *fn_args)
{
	struct pt_regs *uregs = task_pt_regs(current);
	struct c2a_facts f;
	bool trail;

	/*
	 * A program the kernel starts is exec'd by a task that is a kernel
	 * thread's child, still flagged as one until the exec.
	 */
	if (p->arch == C2A_ARCH_KERNEL)
		trail = READ_ONCE(c2a.enabled);
	else
		trail = c2a_audits_current();

	e->observed = c2a_observed(C2A_LSM_none);
	if (!trail && !e->observed)
		return false;
	e->sysid = p->desc->sysid;
	e->arch = p->arch;
	e->variant = p->variant;
	e->nr = syscall_get_nr(current, uregs);
	if (e->arch == C2A_ARCH_X86_64 && (e->nr & __X32_SYSCALL_BIT))
		e->arch = C2A_ARCH_X32;
	syscall_get_arguments(current, uregs, e->args);
	if (p->desc->at_entry && !p->desc->at_entry(e, fn_args))
		return false;
	/* openat2's access is in user memory, read at the return only */
	e->perm = e->sysid == C2A_SYS_openat2 ? 0 :
		  c2a_perm_class(e->sysid, e->args, 0) | C2A_PERM_KNOWN;
	c2a_who_fill(&e->who);
	c2a_entry_facts(e, 0, &f);
	e->walk = (struct c2a_walk){ .verdict = C2A_NOT_AUDITED };
	if (trail)
		c2a_policy_walk(&e->walk, &f, C2A_STAGE_ENTRY, NULL);
	return e->walk.verdict != C2A_NOT_AUDITED || e->observed;
}

static struct c2a_probe *c2a_probe_find(unsigned long addr)
{
	struct c2a_probe *p;

	hash_for_each_possible(c2a_probe_tab, p, node, addr)
		if (p->addr == addr)
			return p;
	return NULL;
}

/* ftrace's ip is the function's fentry call, after its ENDBR with IBT. */
static struct c2a_probe *c2a_probe_at(unsigned long ip)
{
	struct c2a_probe *p = c2a_probe_find(ip);

	return p ? p : c2a_probe_find(ip - ENDBR_INSN_SIZE);
}

static long c2a_wrap(unsigned long a0, unsigned long a1, unsigned long a2,
		     unsigned long a3, unsigned long a4,
		     const struct c2a_probe *p);

/*
 * Atomic, and on every call of a hooked function: decides, and sends the
 * calls that may be audited through c2a_wrap(), with the probe in r9, the
 * sixth argument's register (no hooked function takes more than five).
 * The calls the wrapper makes itself come back here and pass.
 */
static void notrace c2a_ftrace_entry(unsigned long ip, unsigned long parent_ip,
				     struct ftrace_ops *op,
				     struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	struct c2a_probe *p;
	struct c2a_entry e;

	if (!regs || within_module(parent_ip, THIS_MODULE))
		return;
	p = c2a_probe_at(ip);
	if (!p || (!c2a_entry_fill(p, &e, regs) && !c2a_lock_guards(p->desc)))
		return;
	if (p->desc->sysid == C2A_SYS_delete_module && c2a_lock_unloads_us())
		return;
	/* Unloading: the call runs unaudited; c2a_exit() says what it missed. */
	if (!try_module_get(THIS_MODULE))
		return;
	if (unlikely(!p->resume))
		WRITE_ONCE(p->resume, c2a_past_fentry(ip));
	regs->r9 = (unsigned long)p;
	instruction_pointer_set(regs, (unsigned long)c2a_wrap);
}

/* Before the call: the capture, when the rules (or an observer) want it. */
static struct c2a_capture *c2a_call_begin(const struct c2a_probe *p,
					  struct pt_regs *fn_args)
{
	struct c2a_capture *cap;
	struct c2a_entry e;

	if (!c2a_entry_fill(p, &e, fn_args))
		return NULL;
	cap = c2a_capture_alloc();
	if (!cap) {
		/* A call only observers follow is no loss of the trail's. */
		if (e.walk.verdict != C2A_NOT_AUDITED)
			c2a_loss(1, C2A_LOSS_NOMEM);
		if (e.observed)
			c2a_observe_loss(1, C2A_LOSS_NOMEM);
		return NULL;
	}
	cap->e = e;
	cap->desc = p->desc;
	cap->e.time_ns = ktime_get_real_ns();
	c2a_names_watch(cap, fn_args);
	atomic_inc(&c2a_inflight);
	return cap;
}

/* After the call: the outcome into the rules, then the record. */
static void c2a_call_end(const struct c2a_probe *p, struct c2a_capture *cap,
			 long ret)
{
	struct c2a_facts f;

	c2a_names_unwatch(cap);
	atomic_dec(&c2a_inflight);
	if (p->variant & C2A_V_INT)
		ret = (int)ret;
	if (p->desc->retried && p->desc->retried(ret))
		goto out;
	c2a_return_facts(&cap->e);
	if (cap->e.walk.verdict == C2A_PENDING) {
		c2a_entry_facts(&cap->e, ret, &f);
		c2a_policy_walk(&cap->e.walk, &f, C2A_STAGE_RETURN, NULL);
	}
	if (cap->e.walk.verdict == C2A_NOT_AUDITED && !cap->e.observed)
		goto out;
	cap->ret = ret;
	if (p->desc->at_return)
		p->desc->at_return(cap);
	c2a_capture_run(cap);
	return;
out:
	c2a_capture_free(cap);
}

/*
 * The hooked function's stand-in, in the calling task with no lock held
 * but those of the function's caller: it may sleep. It holds a module
 * reference from the handler on.
 */
static long c2a_wrap(unsigned long a0, unsigned long a1, unsigned long a2,
		     unsigned long a3, unsigned long a4,
		     const struct c2a_probe *p)
{
	struct pt_regs fn_args = {
		.di = a0, .si = a1, .dx = a2, .cx = a3, .r8 = a4,
	};
	struct c2a_capture *cap = c2a_call_begin(p, &fn_args);
	long ret = c2a_lock_guards(p->desc) ? c2a_lock_refuse() : 0;

	if (!ret)
		ret = c2a_call_orig(a0, a1, a2, a3, a4, READ_ONCE(p->resume));

	if (cap)
		c2a_call_end(p, cap, ret);
	/*
	 * What is left of this function after the put runs before the module
	 * can go: c2a_exit() waits for RCU-tasks.
	 */
	module_put(THIS_MODULE);
	return ret;
}

/* The probe's syscall, or one of those it carries, is wanted. */
static bool c2a_probe_wanted(const struct c2a_probe *p,
			     const unsigned long *wanted)
{
	const u16 *s = p->desc->carries;

	if (!wanted)
		return false;
	if (test_bit(p->desc->sysid, wanted))
		return true;
	while (s && *s)
		if (test_bit(*s++, wanted))
			return true;
	return false;
}

static bool c2a_probe_needed(const struct c2a_probe *p,
			     const unsigned long *wanted)
{
	return p->addr && !p->failed &&
	       (c2a_hooks_observed || c2a_probe_wanted(p, wanted) ||
		c2a_lock_guards(p->desc));
}

/*
 * Hooks or unhooks one function. ftrace refuses a function another
 * IPMODIFY user (a live patch) has: that is reported, never fatal.
 */
static int c2a_probe_set(struct c2a_probe *p, bool on)
{
	int err = ftrace_set_filter_ip(&c2a_ops, p->addr, !on, 0);

	if (!err) {
		p->hooked = on;
	} else if (on) {
		p->failed = true;
		if (!(p->variant & C2A_V_QUIET))
			pr_warn("%s: not hooked (%d)\n", p->symbol, err);
	}
	return err;
}

/*
 * Brings the hooks to what @wanted (and the observers) need. An ops with
 * an empty filter would trace every function: the filter never empties
 * while registered (hooks are added before others are removed), and the
 * ops is unregistered instead when nothing is needed. c2a_hooks_lock held.
 */
static void c2a_hooks_sync(const unsigned long *wanted)
{
	unsigned int i, n = 0;
	int err;

	for (i = 0; i < c2a_nr_probes; i++) {
		struct c2a_probe *p = &c2a_probes[i];

		if (c2a_probe_needed(p, wanted) && !p->hooked)
			c2a_probe_set(p, true);
		n += p->hooked && c2a_probe_needed(p, wanted);
	}
	c2a_names_hook(n > 0);
	if (!n) {
		if (c2a_ops_registered)
			unregister_ftrace_function(&c2a_ops);
		c2a_ops_registered = false;
		for (i = 0; i < c2a_nr_probes; i++)
			if (c2a_probes[i].hooked)
				c2a_probe_set(&c2a_probes[i], false);
		return;
	}
	for (i = 0; i < c2a_nr_probes; i++) {
		struct c2a_probe *p = &c2a_probes[i];

		if (p->hooked && !c2a_probe_needed(p, wanted))
			c2a_probe_set(p, false);
	}
	if (c2a_ops_registered)
		return;
	err = register_ftrace_function(&c2a_ops);
	if (err) {
		pr_warn("syscall hooks not in place (%d): auditing nothing\n",
			err);
		c2a_emit_config(C2A_CFG_HOOKS, err, 0, 0, NULL);
		return;
	}
	c2a_ops_registered = true;
}

/* Hooks what @wanted (and the observers) need, no more. */
void c2a_hooks_add(const unsigned long *wanted)
{
	mutex_lock(&c2a_hooks_lock);
	c2a_hooks_sync(wanted);
	mutex_unlock(&c2a_hooks_lock);
}

/*
 * The same: unhooking never loses a call, whose wrapper runs on. NULL
 * unhooks everything, observers or not.
 */
void c2a_hooks_prune(const unsigned long *wanted)
{
	mutex_lock(&c2a_hooks_lock);
	if (!wanted)
		c2a_hooks_observed = false;
	c2a_hooks_sync(wanted);
	mutex_unlock(&c2a_hooks_lock);
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
	c2a_hooks_sync(wanted);
	mutex_unlock(&c2a_hooks_lock);
	mutex_unlock(&c2a.config_lock);
}

/*
 * kallsyms_lookup_name() is not exported; a kprobe finds where it is,
 * once, and it finds the rest.
 */
static unsigned long (*c2a_lookup_name)(const char *name);

static int c2a_lookup_init(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	int err = register_kprobe(&kp);

	if (err)
		return err;
	c2a_lookup_name = (void *)kp.addr;
	unregister_kprobe(&kp);
	return 0;
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

static void c2a_probe_init(struct c2a_probe *p, const struct c2a_sysdesc *d,
			   const struct c2a_entrypoint *ep)
{
	p->desc = d;
	p->symbol = ep->symbol;
	p->arch = ep->arch;
	p->variant = ep->variant;
	p->addr = c2a_lookup_name(ep->symbol);
	if (p->addr)
		hash_add(c2a_probe_tab, &p->node, p->addr);
	else if (!(p->variant & C2A_V_QUIET))
		pr_warn("%s: not in this kernel, not hooked\n", p->symbol);
}

/* Prepares a probe per entry point; none is hooked yet. */
int c2a_hooks_init(void)
{
	unsigned int i, j, k;
	struct c2a_probe *p;
	int err;

	err = c2a_lookup_init();
	if (err) {
		pr_err("cannot find kallsyms_lookup_name (%d)\n", err);
		return err;
	}
	c2a_names_init(c2a_lookup_name);
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
			     k++, p++)
				c2a_probe_init(p, d, &d->entry[k]);
		}
	}
	c2a_exe_hook(c2a_lookup_name);
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

/*
 * On return no handler runs and no call is sent to a wrapper any more;
 * calls in a wrapper hold the module, so there are none at unload.
 */
void c2a_hooks_exit(void)
{
	c2a_hooks_prune(NULL);
	c2a_names_exit();
	c2a_exe_unhook();
	ftrace_free_filter(&c2a_ops);
	kfree(c2a_probes);
}

/*
 * Brings the hooks to what the lock needs (lock.c): 0 when the 64-bit
 * delete_module is hooked, or what kept it from being. config_lock held.
 */
int c2a_hooks_guard(void)
{
	DECLARE_BITMAP(wanted, C2A_SYS_COUNT);
	unsigned int i;
	int err = -ENOENT;

	c2a_policy_wanted(wanted);
	mutex_lock(&c2a_hooks_lock);
	c2a_hooks_sync(wanted);
	for (i = 0; i < c2a_nr_probes; i++) {
		const struct c2a_probe *p = &c2a_probes[i];

		if (p->desc->sysid == C2A_SYS_delete_module &&
		    p->arch == C2A_ARCH_X86_64 && p->hooked && c2a_ops_registered)
			err = 0;
	}
	mutex_unlock(&c2a_hooks_lock);
	return err;
}

/* Entry points hooked now. */
unsigned int c2a_hooks_count(void)
{
	unsigned int i, n = 0;

	mutex_lock(&c2a_hooks_lock);
	for (i = 0; i < c2a_nr_probes; i++)
		n += c2a_probes[i].hooked && c2a_ops_registered;
	mutex_unlock(&c2a_hooks_lock);
	return n;
}

/* Entry points some rule wants that could not be hooked. */
unsigned int c2a_hooks_failed(void)
{
	DECLARE_BITMAP(wanted, C2A_SYS_COUNT);
	unsigned int i, n = 0;

	mutex_lock(&c2a.config_lock);
	c2a_policy_wanted(wanted);
	mutex_unlock(&c2a.config_lock);
	mutex_lock(&c2a_hooks_lock);
	for (i = 0; i < c2a_nr_probes; i++) {
		const struct c2a_probe *p = &c2a_probes[i];

		if (!c2a_probe_wanted(p, wanted) || (p->variant & C2A_V_QUIET))
			continue;
		n += !p->addr || p->failed ||
		     (p->hooked && !c2a_ops_registered);
	}
	mutex_unlock(&c2a_hooks_lock);
	return n;
}

/* Calls in flight through a wrapper now. */
unsigned int c2a_hooks_inflight(void)
{
	return atomic_read(&c2a_inflight);
}

/*
 * Calls the hooks could not follow. The syscall hooks follow every call;
 * only the LSM hooks' kretprobes can miss.
 */
u64 c2a_hooks_missed(void)
{
	return c2a_lsm_missed();
}
