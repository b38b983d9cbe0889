// SPDX-License-Identifier: GPL-2.0
/*
 * The lock: once set, no rule, mode or geometry change until reboot
 * (ioctl.c refuses them), and no unload. The module is pinned against
 * rmmod, and since Debian's kernels allow a forced one (rmmod -f ignores
 * the pin), a probe refuses delete_module("c2audit") itself with EPERM.
 * Every refused attempt is audited with a CONFIG record.
 */
#include <linux/bitmap.h>
#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/task_work.h>
#include <linux/uaccess.h>
#include <asm/syscall.h>

#include "capture.h"
#include "hooks.h"
#include "lock.h"
#include "main.h"
#include "policy.h"

void c2a_return_stub(void);

static struct kprobe c2a_unload_guards[] = {
	{ .symbol_name = "__x64_sys_delete_module" },
	{ .symbol_name = "__ia32_sys_delete_module" },
};

static void c2a_refusal_work(struct callback_head *work)
{
	kfree(work);
	c2a_emit_config(C2A_CFG_UNLOAD, -EPERM, 0, 0, NULL);
	c2a_pending_put();
}

/* The CONFIG record is made as the refused task returns to user space. */
static void c2a_refusal_queue(void)
{
	struct callback_head *work = kzalloc(sizeof(*work),
					     GFP_NOWAIT | __GFP_NOWARN);

	if (!work) {
		c2a_loss(1, C2A_LOSS_NOMEM);
		return;
	}
	c2a_pending_get();
	init_task_work(work, c2a_refusal_work);
	if (task_work_add(current, work, TWA_RESUME)) {
		kfree(work);
		c2a_pending_put();
		c2a_loss(1, C2A_LOSS_NOCONTEXT);
	}
}

/*
 * Reads the module name delete_module was given, without faulting: false
 * when it cannot be read (then the call is refused, to be safe).
 */
static bool c2a_unload_target(char *name, size_t len)
{
	unsigned long args[6];
	const char __user *u;
	size_t first;

	syscall_get_arguments(current, task_pt_regs(current), args);
	u = (const char __user *)args[0];
	first = min_t(size_t, len, PAGE_SIZE - offset_in_page(u));
	if (copy_from_user_nofault(name, u, first))
		return false;
	if (!memchr(name, '\0', first) && first < len &&
	    copy_from_user_nofault(name + first, u + first, len - first))
		return false;
	name[len - 1] = '\0';
	return true;
}

static int c2a_guard_unload(struct kprobe *kp, struct pt_regs *regs)
{
	char name[MODULE_NAME_LEN];

	if (c2a_unload_target(name, sizeof(name)) &&
	    strcmp(name, KBUILD_MODNAME))
		return 0;
	/* Return from delete_module at once, with -EPERM. */
	regs_set_return_value(regs, -EPERM);
	instruction_pointer_set(regs, (unsigned long)c2a_return_stub);
	c2a_refusal_queue();
	return 1;
}

/* Called with config_lock held; irreversible. */
int c2a_lock(void)
{
	DECLARE_BITMAP(wanted, C2A_SYS_COUNT);
	unsigned int i;
	int err;

	/*
	 * The probes auditing delete_module must run before the guard, which
	 * ends the call: kprobes on one address run newest first, so those
	 * are registered again after it.
	 */
	c2a_policy_wanted(wanted);
	c2a_hooks_unhook(C2A_SYS_delete_module);
	for (i = 0; i < ARRAY_SIZE(c2a_unload_guards); i++)
		c2a_unload_guards[i].pre_handler = c2a_guard_unload;
	err = register_kprobe(&c2a_unload_guards[0]);
	if (!err)
		/* A kernel without 32-bit support has no 32-bit entry to guard. */
		register_kprobe(&c2a_unload_guards[1]);
	c2a_hooks_add(wanted);
	if (err)
		return err;
	__module_get(THIS_MODULE);
	WRITE_ONCE(c2a.locked, true);
	return 0;
}
