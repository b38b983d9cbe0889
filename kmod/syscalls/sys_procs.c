// SPDX-License-Identifier: GPL-2.0
/*
 * Audited process syscalls: the other task each one acts on, and the
 * namespaces a task enters (setns: the namespace's file) or makes.
 */
#include "capture.h"
#include "hooks.h"

static void c2a_capture_target(struct c2a_capture *cap, struct c2a_builder *b)
{
	struct c2a_object *o = &cap->rec.ev.u.sys.obj;
	const unsigned long *a = cap->e.args;

	switch (cap->e.sysid) {
	case C2A_SYS_kill:
	case C2A_SYS_tkill:
	case C2A_SYS_rt_sigqueueinfo:
		o->target.pid = a[0];
		o->target.sig = a[1];
		break;
	case C2A_SYS_tgkill:
	case C2A_SYS_rt_tgsigqueueinfo:
		o->target.pid = a[1];
		o->target.sig = a[2];
		break;
	/*
	 * The target is the fd's: only a second lookup of the fd, which
	 * another thread may have changed in between, would name it.
	 */
	case C2A_SYS_pidfd_send_signal:
		o->target.pid = cap->target;
		o->target.sig = a[1];
		break;
	case C2A_SYS_process_vm_writev:
		o->target.pid = a[0];
		break;
	case C2A_SYS_ptrace:
		o->target.pid = a[1];
		o->target.sig = a[0];
		break;
	default:	/* fork and clone: the child */
		if (cap->ret > 0)
			o->target.pid = cap->ret;
	}
}

#define PROC(call, ...)							\
	{ .sysid = C2A_SYS_##call, .entry = { __VA_ARGS__ },		\
	  .capture = c2a_capture_target }

static const struct c2a_sysdesc c2a_procs[] = {
	PROC(fork, C2A_X64(fork), C2A_IA32(fork)),
	PROC(vfork, C2A_X64(vfork), C2A_IA32(vfork)),
	PROC(clone, C2A_X64(clone), C2A_IA32C(ia32_clone)),
	PROC(clone3, C2A_X64(clone3), C2A_IA32(clone3)),
	PROC(kill, C2A_X64(kill), C2A_IA32(kill)),
	PROC(tkill, C2A_X64(tkill), C2A_IA32(tkill)),
	PROC(tgkill, C2A_X64(tgkill), C2A_IA32(tgkill)),
	PROC(ptrace, C2A_X64(ptrace), C2A_IA32C(ptrace)),
	/* The target is the pidfd's: the kernel's check of the kill says it. */
	{ .sysid = C2A_SYS_pidfd_send_signal,
	  .entry = { C2A_X64(pidfd_send_signal), C2A_IA32(pidfd_send_signal) },
	  .watched = true, .capture = c2a_capture_target },
	/* x32 has compat entry points of its own for the siginfo */
	PROC(rt_sigqueueinfo, C2A_X64(rt_sigqueueinfo),
	     C2A_IA32C(rt_sigqueueinfo), C2A_X32C(rt_sigqueueinfo)),
	PROC(rt_tgsigqueueinfo, C2A_X64(rt_tgsigqueueinfo),
	     C2A_IA32C(rt_tgsigqueueinfo), C2A_X32C(rt_tgsigqueueinfo)),
	PROC(process_vm_writev, C2A_X64(process_vm_writev),
	     C2A_IA32(process_vm_writev)),
	/* the namespace's file: its path names its type and inode */
	{ .sysid = C2A_SYS_setns, .entry = C2A_BOTH(setns), .fd = C2A_A0,
	  .at_return = c2a_at_return_fd },
	/* the flags, in the arguments */
	{ .sysid = C2A_SYS_unshare, .entry = C2A_BOTH(unshare) },
};

const struct c2a_systable c2a_sys_procs = {
	c2a_procs, ARRAY_SIZE(c2a_procs)
};
