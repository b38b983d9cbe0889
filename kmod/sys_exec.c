// SPDX-License-Identifier: GPL-2.0
/*
 * The audited syscalls: where each is hooked and how its object is
 * captured.
 */
#include <linux/auxvec.h>
#include <linux/compat.h>
#include <linux/fcntl.h>
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

static int c2a_dirfd(const struct c2a_capture *cap)
{
	if (cap->desc->dirfd_arg < 0)
		return AT_FDCWD;
	return (int)cap->args[cap->desc->dirfd_arg];
}

static const char __user *c2a_uname(const struct c2a_capture *cap)
{
	return (const char __user *)cap->args[cap->desc->name_arg];
}

/* A name that was looked up: resolved from the result, else as given. */
static void c2a_add_named_object(struct c2a_capture *cap,
				 struct c2a_builder *b, struct file *result)
{
	struct c2a_ustr name;

	c2a_read_user_string(b, c2a_uname(cap), &name);
	if (result) {
		c2a_object_set(&cap->rec.ev.u.sys.obj, file_inode(result));
		c2a_add_path(b, C2A_STR_PATH, &result->f_path);
	} else {
		c2a_add_at_path(b, C2A_STR_PATH, c2a_dirfd(cap), &name);
	}
	c2a_add_ustr(b, C2A_STR_NAME, &name);
}

static void c2a_open_at_return(struct c2a_capture *cap)
{
	if (cap->ret >= 0)
		cap->file = fget(cap->ret);
}

static void c2a_capture_open(struct c2a_capture *cap, struct c2a_builder *b)
{
	c2a_add_named_object(cap, b, cap->file);
}

/* Arguments of a failed execve, still in the caller's memory. */
static void c2a_add_user_argv(struct c2a_capture *cap, struct c2a_builder *b)
{
	const void __user *argv = (const void __user *)cap->args[cap->desc->argv_arg];
	bool compat = cap->arch == C2A_ARCH_I386;
	char *buf = c2a_builder_buf(b);
	u32 len = 0, i;
	u8 flags = 0;

	if (!buf)
		return;
	for (i = 0; i < C2A_ARGV_MAX_ARGS; i++) {
		unsigned long p;
		compat_uptr_t p32;
		long n;

		if (compat ? get_user(p32, (compat_uptr_t __user *)argv + i) :
			     get_user(p, (unsigned long __user *)argv + i))
			goto fault;
		if (compat)
			p = p32;
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

/*
 * After a successful execve the caller's memory is gone: name and
 * arguments come from the new image, where exec copied them.
 */
static void c2a_capture_exec(struct c2a_capture *cap, struct c2a_builder *b)
{
	if (!current->mm)
		return;
	if (cap->ret == 0) {
		c2a_capture_exec_done(cap, b);
		return;
	}
	c2a_add_named_object(cap, b, NULL);
	c2a_add_user_argv(cap, b);
}

#define C2A_OPEN(name, compat, dirfd, namearg)				\
	{ "__x64_sys_" #name, compat, C2A_SYS_##name, dirfd, namearg, -1,	\
	  c2a_open_at_return, c2a_capture_open }
#define C2A_EXEC(name, compat, dirfd, namearg, argv)			\
	{ "__x64_sys_" #name, compat, C2A_SYS_##name, dirfd, namearg, argv,	\
	  NULL, c2a_capture_exec }

const struct c2a_sysdesc c2a_sysdescs[] = {
	C2A_OPEN(open, "__ia32_compat_sys_open", -1, 0),
	C2A_OPEN(openat, "__ia32_compat_sys_openat", 0, 1),
	C2A_OPEN(openat2, "__ia32_sys_openat2", 0, 1),
	C2A_OPEN(creat, "__ia32_sys_creat", -1, 0),
	C2A_EXEC(execve, "__ia32_compat_sys_execve", -1, 0, 1),
	C2A_EXEC(execveat, "__ia32_compat_sys_execveat", 0, 1, 2),
};

const unsigned int c2a_nr_sysdescs = ARRAY_SIZE(c2a_sysdescs);
