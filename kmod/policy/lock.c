// SPDX-License-Identifier: GPL-2.0
/*
 * The lock: once set, no rule, mode or geometry change until reboot
 * (ioctl.c refuses them), and no unload. The module holds a reference on
 * itself, so rmmod is refused; a forced unload (rmmod -f ignores
 * references, and Debian's kernels allow it) is refused by the hook on
 * delete_module, which stays in place while locked whatever the rules say.
 *
 * The hook refuses every forced unload, not only of c2audit: the module's
 * name is in the caller's memory, which another thread could change
 * between our read and the kernel's; the flags are in a register. Every
 * refused attempt is audited with a CONFIG record.
 */
#include <linux/fcntl.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/syscall.h>

#include "capture.h"
#include "hooks.h"
#include "lock.h"
#include "main.h"
#include "policy.h"

/* The hook on delete_module (hooks.c) must send @d's calls to us. */
bool c2a_lock_guards(const struct c2a_sysdesc *d)
{
	return d->sysid == C2A_SYS_delete_module && READ_ONCE(c2a.locked);
}

/* Whether @name, read from the caller's memory, is this module's. */
static bool c2a_names_us(const char __user *uname)
{
	char name[MODULE_NAME_LEN];

	if (strncpy_from_user(name, uname, sizeof(name)) <= 0)
		return false;
	name[sizeof(name) - 1] = '\0';
	return !strcmp(name, KBUILD_MODNAME);
}

/*
 * In the wrapper of a delete_module while locked, in place of the call:
 * -EPERM, audited, for a forced unload or one that names us; any other
 * goes on. A racing thread that renames the module in between only turns
 * our -EPERM into the kernel's "in use" (our own reference).
 */
long c2a_lock_refuse(void)
{
	unsigned long args[6];

	syscall_get_arguments(current, task_pt_regs(current), args);
	if (!(args[1] & O_TRUNC) &&
	    !c2a_names_us((const char __user *)args[0]))
		return 0;
	c2a_emit_config(C2A_CFG_UNLOAD, -EPERM, 0, 0, NULL);
	return -EPERM;
}

/*
 * Whether the current delete_module names this module, read without
 * faulting (the hook's handler is atomic). Such a call is not sent through
 * a wrapper, whose reference on the module would make the unload fail:
 * when it succeeds, c2a_exit() says who unloaded the module.
 */
bool c2a_lock_unloads_us(void)
{
	char name[sizeof(KBUILD_MODNAME)];
	unsigned long args[6];

	if (READ_ONCE(c2a.locked))
		return false;
	syscall_get_arguments(current, task_pt_regs(current), args);
	if (copy_from_user_nofault(name, (const char __user *)args[0],
				   sizeof(name)))
		return false;
	return !memcmp(name, KBUILD_MODNAME, sizeof(name));
}

/* Called with config_lock held; irreversible once it succeeds. */
int c2a_lock(void)
{
	int err;

	/* delete_module is hooked from now on, whatever the rules want. */
	WRITE_ONCE(c2a.locked, true);
	err = c2a_hooks_guard();
	if (err) {
		WRITE_ONCE(c2a.locked, false);
		c2a_hooks_guard();
		return err;
	}
	__module_get(THIS_MODULE);
	return 0;
}
