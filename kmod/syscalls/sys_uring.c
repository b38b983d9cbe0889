// SPDX-License-Identifier: GPL-2.0
/*
 * io_uring operations that do a syscall's work without the syscall: a known
 * way around syscall-hook tracers. They are caught in the VFS and socket
 * helpers every one of them calls, and only when called for io_uring: from
 * an io_uring worker or poll thread, or inline in io_uring_enter(2).
 *
 * The helpers take names as struct filename, the kernel's copy made at
 * submission: the record's names are taken from it (names.c, .fnames),
 * and the arguments saved are laid out as the matching syscall's, with the
 * caller's pointer to each name, so the rest of the capture is the
 * syscall's own. Arguments that are kernel pointers (a struct file, the
 * kernel's copy of an address) are never saved. Their results are the
 * result of the operation, not the fd io_uring posts: 0 or -errno.
 */
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/net.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/socket.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "acted.h"
#include "capture.h"
#include "hooks.h"

static bool c2a_in_io_uring(void)
{
	int nr;

	if (current->flags & PF_IO_WORKER)
		return true;
	nr = syscall_get_nr(current, task_pt_regs(current));
	return (nr & ~__X32_SYSCALL_BIT) == __NR_io_uring_enter;
}

static unsigned long c2a_uptr(unsigned long name)
{
	const struct filename *f = (const struct filename *)name;

	return IS_ERR_OR_NULL(f) ? 0 : (unsigned long)f->uptr;
}

/*
 * Function arguments as the syscall's: @names marks (bitwise) those that
 * are struct filename, replaced by the caller's pointer to the name; the
 * first @kptrs arguments are kernel pointers, not saved.
 */
static bool c2a_uring_args(struct c2a_entry *e, struct pt_regs *regs,
			   unsigned int n, unsigned int names,
			   unsigned int kptrs)
{
	unsigned int i;

	if (!c2a_in_io_uring())
		return false;
	e->nr = C2A_NR_NONE;
	memset(e->args, 0, sizeof(e->args));
	for (i = kptrs; i < n; i++) {
		e->args[i] = regs_get_kernel_argument(regs, i);
		if (names & BIT(i))
			e->args[i] = c2a_uptr(e->args[i]);
	}
	return true;
}

/* do_filp_open(dfd, name, op) as openat(dfd, name) */
static bool c2a_open_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	return c2a_uring_args(e, regs, 2, BIT(1), 0);
}

/* do_unlinkat(dfd, name), do_mkdirat(dfd, name, mode) */
static bool c2a_dfd_name_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	return c2a_uring_args(e, regs, 3, BIT(1), 0);
}

/* do_rmdir(dfd, name) as unlinkat(dfd, name, AT_REMOVEDIR) */
static bool c2a_rmdir_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	if (!c2a_uring_args(e, regs, 2, BIT(1), 0))
		return false;
	e->args[2] = AT_REMOVEDIR;
	return true;
}

/* do_renameat2 and do_linkat(olddfd, old, newdfd, new, flags) */
static bool c2a_two_names_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	return c2a_uring_args(e, regs, 5, BIT(1) | BIT(3), 0);
}

/* do_symlinkat(target, newdfd, linkname) */
static bool c2a_symlink_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	return c2a_uring_args(e, regs, 3, BIT(0) | BIT(2), 0);
}

/*
 * __sys_connect_file(file, kernel address, len, flags): the address is the
 * kernel's copy, gone after the call, so it is kept now.
 */
static bool c2a_connect_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	const struct sockaddr_storage *ss;
	const struct sockaddr_in *in;
	const struct sockaddr_in6 *in6;
	int len;

	if (!c2a_uring_args(e, regs, 4, 0, 2))
		return false;
	e->karg = regs_get_kernel_argument(regs, 0);
	ss = (const void *)regs_get_kernel_argument(regs, 1);
	in = (const void *)ss;
	in6 = (const void *)ss;
	len = e->args[2];
	memset(&e->addr, 0, sizeof(e->addr));
	if (len < (int)sizeof(ss->ss_family))
		return true;
	e->addr.family = ss->ss_family;
	if (ss->ss_family == AF_INET && len >= (int)sizeof(*in)) {
		e->addr.port = ntohs(in->sin_port);
		memcpy(e->addr.addr, &in->sin_addr, sizeof(in->sin_addr));
	} else if (ss->ss_family == AF_INET6 && len >= (int)sizeof(*in6)) {
		e->addr.port = ntohs(in6->sin6_port);
		e->addr.scope_id = in6->sin6_scope_id;
		memcpy(e->addr.addr, &in6->sin6_addr, sizeof(in6->sin6_addr));
	}
	return true;
}

/* __sys_socket_file(family, type, protocol) as socket() */
static bool c2a_socket_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	return c2a_uring_args(e, regs, 3, 0, 0);
}

/*
 * __sys_bind_socket(sock, kernel address, len) (6.11 on): the address is
 * the kernel's copy, kept as connect's is; the socket is kept for its file.
 */
static bool c2a_bind_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	struct c2a_sockaddr a = {};
	const char *path;

	if (!c2a_uring_args(e, regs, 3, 0, 2))
		return false;
	e->karg = regs_get_kernel_argument(regs, 0);
	c2a_sockaddr_fill(&a, (const void *)regs_get_kernel_argument(regs, 1),
			  e->args[2], &path);
	e->addr = a;
	return true;
}

/* __sys_listen_socket(sock, backlog) (6.11 on) */
static bool c2a_listen_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	if (!c2a_uring_args(e, regs, 2, 0, 1))
		return false;
	e->karg = regs_get_kernel_argument(regs, 0);
	return true;
}

/* do_ftruncate(file, length, small) (6.9 on) as ftruncate(fd, length) */
static bool c2a_ftruncate_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	if (!c2a_uring_args(e, regs, 2, 0, 1))
		return false;
	e->karg = regs_get_kernel_argument(regs, 0);
	return true;
}

static bool c2a_accept_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	/* The file, and 6.12's struct proto_accept_arg, are the kernel's. */
	return c2a_uring_args(e, regs, 5, 0, 2);
}

/*
 * io_setxattr(req, issue_flags), io_fsetxattr(...) as setxattr and
 * fsetxattr: nothing of the request is read; the object and the name are
 * taken where the kernel uses them, in do_setxattr() (acted.c).
 */
static bool c2a_xattr_entry(struct c2a_entry *e, struct pt_regs *regs)
{
	return c2a_uring_args(e, regs, 0, 0, 0);
}

static void c2a_capture_xattr(struct c2a_capture *cap, struct c2a_builder *b)
{
	c2a_acted_add(cap, 0, b, C2A_STR_PATH, &cap->rec.ev.u.sys.obj);
	if (cap->xname)
		c2a_builder_add(b, C2A_STR_XATTR, cap->xname, cap->xname_len, 0);
}

/*
 * io_uring first tries an operation without blocking, and when that would
 * block, tries again (in a worker, or when the file is ready). An attempt
 * that would block did nothing: only the one that does the work is audited.
 */
static bool c2a_uring_retried(long ret)
{
	return ret == -EAGAIN || ret == -EINPROGRESS;
}

/* A helper returning a struct file: keep it, and report 0 or -errno. */
static void c2a_file_result(struct c2a_capture *cap)
{
	struct file *f = (struct file *)cap->ret;

	if (IS_ERR_OR_NULL(f)) {
		cap->ret = f ? PTR_ERR(f) : -EBADF;
		return;
	}
	cap->file = get_file(f);
	cap->ret = 0;
}

/* The socket bound or listening: its file, held by the request. */
static void c2a_socket_return(struct c2a_capture *cap)
{
	const struct socket *sock = (const struct socket *)cap->e.karg;

	if (sock && sock->file)
		cap->file = get_file(sock->file);
}

/* The file truncated, held by the request. */
static void c2a_karg_file_return(struct c2a_capture *cap)
{
	cap->file = get_file((struct file *)cap->e.karg);
}

/* The socket connected: io_uring holds it until the helper returns. */
static void c2a_connect_return(struct c2a_capture *cap)
{
	cap->file = get_file((struct file *)cap->e.karg);
}

#define URING(fn, variant)	{ { #fn, C2A_ARCH_IO_URING, variant } }
/* Operations of later kernels than 6.1: absent there, not reported. */
#define URING_NEW(fn, variant)	URING(fn, (variant) | C2A_V_QUIET)
#define P(dfd, nm, how)		{ dfd, nm, 0, how }

static const struct c2a_sysdesc c2a_uring[] = {
	{ .sysid = C2A_SYS_openat, .entry = URING(do_filp_open, 0),
	  .retried = c2a_uring_retried, .at_entry = c2a_open_entry, .at_return = c2a_file_result,
	  .fnames = BIT(1),
	  .path = P(C2A_A0, C2A_A1, C2A_FOLLOW) },
	{ .sysid = C2A_SYS_unlinkat, .entry = URING(do_unlinkat, C2A_V_INT),
	  .retried = c2a_uring_retried, .at_entry = c2a_dfd_name_entry,
	  .fnames = BIT(1),
	  .path = P(C2A_A0, C2A_A1, C2A_NOFOLLOW) },
	{ .sysid = C2A_SYS_unlinkat, .entry = URING(do_rmdir, C2A_V_INT),
	  .retried = c2a_uring_retried, .at_entry = c2a_rmdir_entry,
	  .fnames = BIT(1),
	  .path = P(C2A_A0, C2A_A1, C2A_NOFOLLOW) },
	{ .sysid = C2A_SYS_mkdirat, .entry = URING(do_mkdirat, C2A_V_INT),
	  .retried = c2a_uring_retried, .at_entry = c2a_dfd_name_entry,
	  .fnames = BIT(1),
	  .path = P(C2A_A0, C2A_A1, C2A_NOFOLLOW) },
	{ .sysid = C2A_SYS_renameat2, .entry = URING(do_renameat2, C2A_V_INT),
	  .retried = c2a_uring_retried, .at_entry = c2a_two_names_entry,
	  .fnames = BIT(1) | BIT(3),
	  .path = P(C2A_A0, C2A_A1, C2A_NOFOLLOW),
	  .path2 = P(C2A_A2, C2A_A3, C2A_NOFOLLOW) },
	{ .sysid = C2A_SYS_linkat, .entry = URING(do_linkat, C2A_V_INT),
	  .retried = c2a_uring_retried, .at_entry = c2a_two_names_entry,
	  .fnames = BIT(1) | BIT(3),
	  .path = P(C2A_A0, C2A_A1, C2A_NOFOLLOW),
	  .path2 = P(C2A_A2, C2A_A3, C2A_NOFOLLOW) },
	{ .sysid = C2A_SYS_symlinkat, .entry = URING(do_symlinkat, C2A_V_INT),
	  .retried = c2a_uring_retried, .at_entry = c2a_symlink_entry,
	  .fnames = BIT(0) | BIT(2),
	  .path = P(C2A_A1, C2A_A2, C2A_NOFOLLOW),
	  .path2 = P(0, C2A_A0, C2A_TEXT) },
	{ .sysid = C2A_SYS_connect,
	  .entry = URING(__sys_connect_file, C2A_V_INT),
	  .retried = c2a_uring_retried, .at_entry = c2a_connect_entry, .at_return = c2a_connect_return,
	  .capture = c2a_capture_net },
	{ .sysid = C2A_SYS_socket, .entry = URING(__sys_socket_file, 0),
	  .retried = c2a_uring_retried, .at_entry = c2a_socket_entry,
	  .at_return = c2a_file_result, .capture = c2a_capture_net },
	{ .sysid = C2A_SYS_bind,
	  .entry = URING_NEW(__sys_bind_socket, C2A_V_INT),
	  .retried = c2a_uring_retried, .at_entry = c2a_bind_entry,
	  .at_return = c2a_socket_return, .capture = c2a_capture_net },
	{ .sysid = C2A_SYS_listen,
	  .entry = URING_NEW(__sys_listen_socket, C2A_V_INT),
	  .retried = c2a_uring_retried, .at_entry = c2a_listen_entry,
	  .at_return = c2a_socket_return, .capture = c2a_capture_net },
	{ .sysid = C2A_SYS_ftruncate, .entry = URING_NEW(do_ftruncate, 0),
	  .retried = c2a_uring_retried, .at_entry = c2a_ftruncate_entry,
	  .at_return = c2a_karg_file_return },
	/* always in a worker (REQ_F_FORCE_ASYNC): one attempt */
	{ .sysid = C2A_SYS_setxattr, .entry = URING(io_setxattr, C2A_V_INT),
	  .at_entry = c2a_xattr_entry, .str_type = C2A_STR_XATTR,
	  .watched = true, .capture = c2a_capture_xattr },
	{ .sysid = C2A_SYS_fsetxattr, .entry = URING(io_fsetxattr, C2A_V_INT),
	  .at_entry = c2a_xattr_entry, .str_type = C2A_STR_XATTR,
	  .watched = true, .capture = c2a_capture_xattr },
	{ .sysid = C2A_SYS_accept, .entry = URING(do_accept, 0),
	  .retried = c2a_uring_retried, .at_entry = c2a_accept_entry, .at_return = c2a_file_result,
	  .capture = c2a_capture_net },
};

const struct c2a_systable c2a_sys_uring = {
	c2a_uring, ARRAY_SIZE(c2a_uring)
};
