// SPDX-License-Identifier: GPL-2.0
/*
 * execve and execveat. After a successful exec the caller's memory is gone:
 * name and arguments come from the new image, where exec copied them.
 */
#include <linux/auxvec.h>
#include <linux/compat.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#include "capture.h"
#include "hooks.h"
#include "paths.h"

/* argv beyond this many arguments is flagged as cut */
#define C2A_ARGV_MAX_ARGS	1024

static const void __user *c2a_user_argv(const struct c2a_capture *cap)
{
	u8 pos = cap->e.sysid == C2A_SYS_execveat ? C2A_A2 : C2A_A1;

	return (const void __user *)c2a_arg(&cap->e, pos);
}

static int c2a_get_argp(const void __user *argv, u32 i, bool compat,
			unsigned long *p)
{
	compat_uptr_t p32;

	if (!compat)
		return get_user(*p, (unsigned long __user *)argv + i);
	if (get_user(p32, (compat_uptr_t __user *)argv + i))
		return -EFAULT;
	*p = p32;
	return 0;
}

/* Arguments of a failed execve, still in the caller's memory. */
static void c2a_add_user_argv(struct c2a_capture *cap, struct c2a_builder *b)
{
	const void __user *argv = c2a_user_argv(cap);
	bool compat = cap->e.arch == C2A_ARCH_I386 || cap->e.arch == C2A_ARCH_X32;
	char *buf = c2a_builder_buf(b);
	u32 len = 0, i;
	u8 flags = 0;

	if (!buf)
		return;
	for (i = 0; i < C2A_ARGV_MAX_ARGS; i++) {
		unsigned long p;
		long n;

		if (c2a_get_argp(argv, i, compat, &p))
			goto fault;
		if (!p)
			break;
		if (i && len == PATH_MAX)
			break;
		if (i)
			buf[len++] = '\0';
		n = strncpy_from_user(buf + len, (const char __user *)p,
				      PATH_MAX - len);
		if (n < 0)
			goto fault;
		len += n;
	}
	if (i == C2A_ARGV_MAX_ARGS || len == PATH_MAX)
		flags = C2A_STRF_TRUNC;
	c2a_builder_add(b, C2A_STR_ARGV, buf, len, flags);
	return;
fault:
	b->rec->hdr.flags |= C2A_RF_NOUSER;
	c2a_builder_add(b, C2A_STR_ARGV, buf, len, C2A_STRF_TRUNC);
}

/* Arguments of a successful execve, as the new image's stack holds them. */
static void c2a_add_mm_argv(struct c2a_builder *b, struct mm_struct *mm)
{
	unsigned long start, end;
	char *buf = c2a_builder_buf(b);
	u32 len;
	u8 flags = 0;

	if (!buf)
		return;
	spin_lock(&mm->arg_lock);
	start = mm->arg_start;
	end = mm->arg_end;
	spin_unlock(&mm->arg_lock);
	len = min_t(unsigned long, end - start, PATH_MAX);
	if (end - start > PATH_MAX)
		flags = C2A_STRF_TRUNC;
	if (copy_from_user(buf, (const void __user *)start, len)) {
		b->rec->hdr.flags |= C2A_RF_NOUSER;
		return;
	}
	if (!flags && len && !buf[len - 1])
		len--;
	c2a_builder_add(b, C2A_STR_ARGV, buf, len, flags);
}

/* The name execve was given, which exec placed on the new stack (AT_EXECFN). */
static const char __user *c2a_mm_execfn(struct mm_struct *mm)
{
	unsigned int i;

	for (i = 0; i + 1 < AT_VECTOR_SIZE && mm->saved_auxv[i] != AT_NULL;
	     i += 2)
		if (mm->saved_auxv[i] == AT_EXECFN)
			return (const char __user *)mm->saved_auxv[i + 1];
	return NULL;
}

static void c2a_capture_exec_done(struct c2a_capture *cap,
				  struct c2a_builder *b)
{
	struct mm_struct *mm = current->mm;
	struct file *exe = c2a_mm_exe_file(mm);
	const char __user *execfn = c2a_mm_execfn(mm);
	struct c2a_ustr name = {};

	if (exe) {
		c2a_object_set(&cap->rec.ev.u.sys.obj, file_inode(exe));
		c2a_add_path(b, C2A_STR_PATH, &exe->f_path);
		fput(exe);
	}
	if (execfn)
		c2a_read_user_string(b, execfn, &name);
	c2a_add_ustr(b, C2A_STR_NAME, &name);
	c2a_add_mm_argv(b, mm);
}

static void c2a_capture_exec(struct c2a_capture *cap, struct c2a_builder *b)
{
	if (!current->mm)
		return;
	if (cap->ret == 0) {
		c2a_capture_exec_done(cap, b);
		return;
	}
	c2a_capture_objects(cap, b);
	c2a_add_user_argv(cap, b);
}

/*
 * kernel_execve(): a program the kernel starts itself (modprobe, a
 * core_pattern pipe, other usermode helpers, init), in a task of its own
 * that is no kernel thread. Its arguments are kernel strings: the record
 * takes the new image's, as for a successful execve.
 */
static bool c2a_kernel_exec_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	e->nr = C2A_NR_NONE;
	memset(e->args, 0, sizeof(e->args));
	return true;
}

static const struct c2a_sysdesc c2a_exec[] = {
	{ .sysid = C2A_SYS_execve,
	  .entry = { C2A_X64(execve), C2A_IA32C(execve), C2A_X32C(execve) },
	  .path = { 0, C2A_A0, 0, C2A_FOLLOW },
	  .capture = c2a_capture_exec },
	{ .sysid = C2A_SYS_execveat,
	  .entry = { C2A_X64(execveat), C2A_IA32C(execveat),
		     C2A_X32C(execveat) },
	  .path = { C2A_A0, C2A_A1, C2A_A4, C2A_FOLLOW },
	  .capture = c2a_capture_exec },
	{ .sysid = C2A_SYS_execve,
	  .entry = { { "kernel_execve", C2A_ARCH_KERNEL, C2A_V_INT } },
	  .at_entry = c2a_kernel_exec_entry, .capture = c2a_capture_exec },
};

const struct c2a_systable c2a_sys_exec = { c2a_exec, ARRAY_SIZE(c2a_exec) };
