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
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <asm/syscall.h>

#include "capture.h"
#include "hooks.h"
#include "main.h"

struct c2a_probe {
	struct kretprobe krp;
	const struct c2a_sysdesc *desc;
	u16 arch;
};

/* Per-call data kept by the kretprobe between entry and return. */
struct c2a_entry {
	u64 time_ns;
	unsigned long args[6];
	u32 nr;
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

static int c2a_sys_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct c2a_entry *e = (struct c2a_entry *)ri->data;
	struct pt_regs *uregs = task_pt_regs(current);

	if (!c2a_audits_current())
		return 1;
	e->time_ns = ktime_get_real_ns();
	e->nr = syscall_get_nr(current, uregs);
	syscall_get_arguments(current, uregs, e->args);
	return 0;
}

static int c2a_sys_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct c2a_probe *p = container_of(get_kretprobe(ri), struct c2a_probe,
					   krp);
	struct c2a_entry *e = (struct c2a_entry *)ri->data;
	struct c2a_capture *cap = c2a_capture_alloc();

	if (!cap) {
		c2a_loss(1, C2A_LOSS_NOMEM);
		return 0;
	}
	cap->desc = p->desc;
	cap->arch = p->arch;
	cap->time_ns = e->time_ns;
	cap->nr = e->nr;
	cap->ret = regs_return_value(regs);
	memcpy(cap->args, e->args, sizeof(cap->args));
	if (p->desc->at_return)
		p->desc->at_return(cap);
	c2a_capture_queue(cap);
	return 0;
}

/* A symbol this kernel lacks is reported, not fatal. */
static void c2a_probe_register(struct c2a_probe *p, const char *symbol)
{
	int err;

	p->krp.kp.symbol_name = symbol;
	p->krp.entry_handler = c2a_sys_entry;
	p->krp.handler = c2a_sys_return;
	p->krp.data_size = sizeof(struct c2a_entry);
	/* Enough instances for every CPU to have several calls asleep. */
	p->krp.maxactive = max_t(int, 64, 16 * num_possible_cpus());
	err = register_kretprobe(&p->krp);
	if (err)
		pr_warn("%s: not hooked (%d)\n", symbol, err);
	else
		c2a_registered[c2a_nr_registered++] = &p->krp;
}

int c2a_hooks_init(void)
{
	unsigned int i, n = 2 * c2a_nr_sysdescs;
	int err = -ENOMEM;

	c2a_probes = kcalloc(n, sizeof(*c2a_probes), GFP_KERNEL);
	c2a_registered = kcalloc(n, sizeof(*c2a_registered), GFP_KERNEL);
	if (!c2a_probes || !c2a_registered)
		goto err_free;
	for (i = 0; i < c2a_nr_sysdescs; i++) {
		const struct c2a_sysdesc *d = &c2a_sysdescs[i];
		struct c2a_probe *p = &c2a_probes[2 * i];

		p[0].desc = d;
		p[0].arch = C2A_ARCH_X86_64;
		c2a_probe_register(&p[0], d->x64);
		if (!d->ia32)
			continue;
		p[1].desc = d;
		p[1].arch = C2A_ARCH_I386;
		c2a_probe_register(&p[1], d->ia32);
	}
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
