// SPDX-License-Identifier: GPL-2.0
/*
 * kretprobes on the syscalls' entry points. The entry probe decides
 * whether the call is audited and saves its arguments; the return probe
 * builds the raw capture and queues the rest on the task (capture.c).
 */
#include <linux/cpumask.h>
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "capture.h"
#include "hooks.h"
#include "main.h"

struct c2a_probe {
	struct kretprobe krp;
	const struct c2a_sysdesc *desc;
	u8 arch;
	u8 variant;
};

static const struct c2a_systable *const c2a_systables[] = {
	&c2a_sys_files, &c2a_sys_exec, &c2a_sys_procs, &c2a_sys_ids,
	&c2a_sys_net, &c2a_sys_system, &c2a_sys_uring,
};

static struct c2a_probe *c2a_probes;
static struct kretprobe **c2a_registered;
static unsigned int c2a_nr_registered;

static bool c2a_audits_current(void)
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

static int c2a_sys_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct c2a_probe *p = c2a_probe_of(ri);
	struct c2a_entry *e = (struct c2a_entry *)ri->data;
	struct pt_regs *uregs = task_pt_regs(current);

	if (!c2a_audits_current())
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
	e->time_ns = ktime_get_real_ns();
	return 0;
}

static int c2a_sys_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct c2a_probe *p = c2a_probe_of(ri);
	struct c2a_entry *e = (struct c2a_entry *)ri->data;
	long ret = regs_return_value(regs);
	struct c2a_capture *cap;

	if (p->variant & C2A_V_INT)
		ret = (int)ret;
	if (p->desc->retried && p->desc->retried(ret))
		return 0;
	cap = c2a_capture_alloc();
	if (!cap) {
		c2a_loss(1, C2A_LOSS_NOMEM);
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

/* A symbol this kernel lacks is reported, not fatal. */
static void c2a_probe_register(struct c2a_probe *p, const char *symbol,
			       unsigned int instances)
{
	int err;

	p->krp.kp.symbol_name = symbol;
	p->krp.entry_handler = c2a_sys_entry;
	p->krp.handler = c2a_sys_return;
	p->krp.data_size = sizeof(struct c2a_entry);
	/* Enough instances for every CPU to have several calls asleep. */
	p->krp.maxactive = instances ? instances :
			   max_t(int, p->desc->maxactive,
				 max_t(int, 64, 16 * num_possible_cpus()));
	err = register_kretprobe(&p->krp);
	if (!err)
		c2a_registered[c2a_nr_registered++] = &p->krp;
	else if (!(p->variant & C2A_V_QUIET))
		pr_warn("%s: not hooked (%d)\n", symbol, err);
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

static void c2a_register_table(const struct c2a_systable *t,
			       struct c2a_probe **next, unsigned int instances)
{
	unsigned int i, k;

	for (i = 0; i < t->count; i++) {
		const struct c2a_sysdesc *d = &t->descs[i];

		for (k = 0; k < C2A_MAX_ENTRIES && d->entry[k].symbol; k++) {
			struct c2a_probe *p = (*next)++;

			p->desc = d;
			p->arch = d->entry[k].arch;
			p->variant = d->entry[k].variant;
			c2a_probe_register(p, d->entry[k].symbol, instances);
		}
	}
}

int c2a_hooks_init(unsigned int instances)
{
	unsigned int i, n = c2a_entrypoints_count();
	struct c2a_probe *next;
	int err = -ENOMEM;

	c2a_probes = kcalloc(n, sizeof(*c2a_probes), GFP_KERNEL);
	c2a_registered = kcalloc(n, sizeof(*c2a_registered), GFP_KERNEL);
	if (!c2a_probes || !c2a_registered)
		goto err_free;
	next = c2a_probes;
	for (i = 0; i < ARRAY_SIZE(c2a_systables); i++)
		c2a_register_table(c2a_systables[i], &next, instances);
	if (!c2a_nr_registered) {
		pr_err("no syscall could be hooked\n");
		err = -ENOENT;
		goto err_free;
	}
	return 0;

err_free:
	kfree(c2a_registered);
	kfree(c2a_probes);
	return err;
}

/* On return every probe handler has finished; queued captures may remain. */
void c2a_hooks_exit(void)
{
	unregister_kretprobes(c2a_registered, c2a_nr_registered);
	kfree(c2a_registered);
	kfree(c2a_probes);
}

unsigned int c2a_hooks_count(void)
{
	return c2a_nr_registered;
}

/*
 * Calls the probes could not follow: no free kretprobe instance, or a probe
 * hit while another ran. Counted whether or not the call would have been
 * audited, so loss is never under-reported.
 */
u64 c2a_hooks_missed(void)
{
	u64 sum = 0;
	unsigned int i;

	for (i = 0; i < c2a_nr_registered; i++)
		sum += READ_ONCE(c2a_registered[i]->nmissed) +
		       READ_ONCE(c2a_registered[i]->kp.nmissed);
	return sum;
}
