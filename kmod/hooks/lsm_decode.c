// SPDX-License-Identifier: GPL-2.0
/*
 * What each LSM hook's record holds: its arguments decoded into the
 * fields of struct c2a_lsm. Runs in the hook's return probe, atomic: the
 * objects are the caller's, alive for the call, read without locks (names
 * of dentries as vsprintf's %pd does, under RCU).
 */
#include <linux/binfmts.h>
#include <linux/dcache.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/mm_types.h>
#include <linux/net.h>
#include <linux/path.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uidgid.h>

#include "capture.h"
#include "hooks.h"
#include "lsm.h"
#include "subject.h"

void c2a_lsm_inode(struct c2a_lsm *l, const struct inode *inode)
{
	if (!inode)
		return;
	l->ino = inode->i_ino;
	l->dev = new_encode_dev(inode->i_sb->s_dev);
	l->mode = inode->i_mode;
	l->ouid = c2a_uid(inode->i_uid);
	l->ogid = c2a_gid(inode->i_gid);
}

void c2a_lsm_dir(struct c2a_lsm *l, const struct inode *dir)
{
	if (!dir)
		return;
	l->ino2 = dir->i_ino;
	l->dev2 = new_encode_dev(dir->i_sb->s_dev);
	l->mode2 = dir->i_mode;
}

/*
 * A dentry's name may change under a concurrent rename: an external name
 * stays whole until RCU frees it; an inline one is read within its array.
 */
void c2a_lsm_dentry(struct c2a_lsm_call *c, u8 type, const struct dentry *d)
{
	char *buf = type == C2A_STR_DENTRY2 ? c->s->dentry2 : c->s->dentry;
	const unsigned char *name;
	size_t max = NAME_MAX, n;
	char ch;

	if (!d)
		return;
	rcu_read_lock();
	name = READ_ONCE(d->d_name.name);
	if (name == d->d_iname)
		max = sizeof(d->d_iname) - 1;
	for (n = 0; n < max && (ch = READ_ONCE(name[n])); n++)
		buf[n] = ch;
	rcu_read_unlock();
	c2a_builder_add(c->b, type, buf, n, 0);
}

void c2a_lsm_file(struct c2a_lsm_call *c, const struct file *file)
{
	if (!file)
		return;
	c2a_lsm_inode(c->l, file_inode(file));
	c->l->f_mode = (__force u32)file->f_mode;
	c2a_lsm_dentry(c, C2A_STR_DENTRY, file->f_path.dentry);
}

/* A string of the kernel's (a file name, a module name), copied whole. */
void c2a_lsm_kstr(struct c2a_lsm_call *c, u8 type, const char *s,
		  char *buf, size_t size)
{
	ssize_t n;

	if (!s)
		return;
	n = strscpy(buf, s, size);
	if (n >= 0)
		c2a_builder_add(c->b, type, buf, n, 0);
	else
		c2a_builder_add(c->b, type, buf, size - 1, C2A_STRF_TRUNC);
}

#define ARG(c, i, type)	((type)(c)->a[i])

static void c2a_dec_file(struct c2a_lsm_call *c)
{
	const struct file *file = ARG(c, 0, const struct file *);

	c2a_lsm_file(c, file);
	c->l->arg = file->f_flags;
}

static void c2a_dec_file_permission(struct c2a_lsm_call *c)
{
	c2a_lsm_file(c, ARG(c, 0, const struct file *));
	c->l->mask = ARG(c, 1, u32);
}

static void c2a_dec_file_ioctl(struct c2a_lsm_call *c)
{
	c2a_lsm_file(c, ARG(c, 0, const struct file *));
	c->l->arg = ARG(c, 1, u32);
}

static void c2a_dec_mmap_file(struct c2a_lsm_call *c)
{
	c2a_lsm_file(c, ARG(c, 0, const struct file *));
	c->l->prot = ARG(c, 1, u32);
	c->l->mflags = ARG(c, 2, u32);
}

static void c2a_dec_file_mprotect(struct c2a_lsm_call *c)
{
	const struct vm_area_struct *vma = ARG(c, 0, const struct vm_area_struct *);

	c2a_lsm_file(c, vma->vm_file);
	c->l->prot = ARG(c, 1, u32);	/* asked for */
	c->l->arg = ARG(c, 2, u32);	/* what will be applied */
}

/* inode_permission(idmap, inode, mask) */
static void c2a_dec_inode_permission(struct c2a_lsm_call *c)
{
	c2a_lsm_inode(c->l, ARG(c, 1, const struct inode *));
	c->l->mask = ARG(c, 2, u32);
}

/* In RCU walk the check may say "try again, blocking": that one decides. */
static bool c2a_permission_retried(const unsigned long *a, long ret)
{
	return ret == -ECHILD;
}

static void c2a_dec_inode_create(struct c2a_lsm_call *c)
{
	c2a_lsm_dir(c->l, ARG(c, 0, const struct inode *));
	c2a_lsm_dentry(c, C2A_STR_DENTRY, ARG(c, 1, const struct dentry *));
	c->l->mode = ARG(c, 2, u32);
}

static void c2a_dec_inode_unlink(struct c2a_lsm_call *c)
{
	const struct dentry *d = ARG(c, 1, const struct dentry *);

	c2a_lsm_dir(c->l, ARG(c, 0, const struct inode *));
	c2a_lsm_inode(c->l, d_inode(d));
	c2a_lsm_dentry(c, C2A_STR_DENTRY, d);
}

/* inode_rename(old_dir, old_dentry, new_dir, new_dentry, flags) */
static void c2a_dec_inode_rename(struct c2a_lsm_call *c)
{
	const struct dentry *old = ARG(c, 1, const struct dentry *);

	c2a_lsm_inode(c->l, d_inode(old));
	c2a_lsm_dir(c->l, ARG(c, 2, const struct inode *));
	c2a_lsm_dentry(c, C2A_STR_DENTRY, old);
	c2a_lsm_dentry(c, C2A_STR_DENTRY2, ARG(c, 3, const struct dentry *));
	c->l->mflags = ARG(c, 4, u32);
}

/* inode_setattr(idmap, dentry, attr): both kernels put idmap first. */
static void c2a_dec_inode_setattr(struct c2a_lsm_call *c)
{
	const struct dentry *d = ARG(c, 1, const struct dentry *);
	const struct iattr *attr = ARG(c, 2, const struct iattr *);

	c2a_lsm_inode(c->l, d_inode(d));
	c2a_lsm_dentry(c, C2A_STR_DENTRY, d);
	c->l->mask = attr->ia_valid;
	if (attr->ia_valid & ATTR_MODE)
		c->l->mode2 = attr->ia_mode;
	if (attr->ia_valid & ATTR_SIZE)
		c->l->arg = attr->ia_size;
}

/* inode_follow_link(dentry, inode, rcu) */
static void c2a_dec_inode_follow_link(struct c2a_lsm_call *c)
{
	c2a_lsm_inode(c->l, ARG(c, 1, const struct inode *));
	c2a_lsm_dentry(c, C2A_STR_DENTRY, ARG(c, 0, const struct dentry *));
	c->l->mask = ARG(c, 2, bool);
}

/* The program being executed, and the name execve was given. */
static void c2a_dec_bprm(struct c2a_lsm_call *c)
{
	const struct linux_binprm *bprm = ARG(c, 0, const struct linux_binprm *);

	c2a_lsm_file(c, bprm->file);
	c2a_lsm_kstr(c, C2A_STR_NAME, bprm->filename, c->s->name,
		     sizeof(c->s->name));
}

static void c2a_dec_none(struct c2a_lsm_call *c)
{
}

/* task_kill(p, info, sig, cred) */
static void c2a_dec_task_kill(struct c2a_lsm_call *c)
{
	c->l->target_pid = task_pid_nr(ARG(c, 0, struct task_struct *));
	c->l->cap = ARG(c, 2, u32);
}

static void c2a_dec_ptrace(struct c2a_lsm_call *c)
{
	c->l->target_pid = task_pid_nr(ARG(c, 0, struct task_struct *));
	c->l->mask = ARG(c, 1, u32);
}

/* capable(cred, ns, cap, opts) */
static void c2a_dec_capable(struct c2a_lsm_call *c)
{
	c->l->cap = ARG(c, 2, u32);
	c->l->mask = ARG(c, 3, u32);
}

/* socket_connect and socket_bind(sock, address, addrlen): the kernel's copy */
static void c2a_dec_socket(struct c2a_lsm_call *c)
{
	const struct sockaddr_storage *ss = ARG(c, 1, const struct sockaddr_storage *);
	int len = ARG(c, 2, int);
	const char *path;
	int plen;

	plen = c2a_sockaddr_fill(&c->l->addr, ss, len, &path);
	if (plen <= 0)
		return;
	memcpy(c->s->word, path, min_t(int, plen, sizeof(c->s->word)));
	c2a_builder_add(c->b, C2A_STR_SOCKPATH, c->s->word,
			min_t(int, plen, sizeof(c->s->word)), 0);
}

/* sb_mount(dev_name, path, type, flags, data) */
static void c2a_dec_sb_mount(struct c2a_lsm_call *c)
{
	const struct path *path = ARG(c, 1, const struct path *);

	c2a_lsm_inode(c->l, d_inode(path->dentry));
	c2a_lsm_dentry(c, C2A_STR_DENTRY, path->dentry);
	c2a_lsm_kstr(c, C2A_STR_NAME, ARG(c, 0, const char *), c->s->name,
		     sizeof(c->s->name));
	c2a_lsm_kstr(c, C2A_STR_FSTYPE, ARG(c, 2, const char *), c->s->word,
		     sizeof(c->s->word));
	c->l->mflags = ARG(c, 3, u32);
}

/* kernel_read_file(file, id, contents) */
static void c2a_dec_kernel_read_file(struct c2a_lsm_call *c)
{
	c2a_lsm_file(c, ARG(c, 0, const struct file *));
	c->l->arg = ARG(c, 1, u32);
	c->l->mflags = ARG(c, 2, bool);
}

static void c2a_dec_module_request(struct c2a_lsm_call *c)
{
	c2a_lsm_kstr(c, C2A_STR_MODULE, ARG(c, 0, const char *), c->s->word,
		     sizeof(c->s->word));
}

#define HOOK(name, sym, dec)						\
	[C2A_LSM_##name] = { .symbol = sym, .decision = true, .decode = dec }
#define VOID_HOOK(name, sym, dec)					\
	[C2A_LSM_##name] = { .symbol = sym, .decode = dec }

const struct c2a_lsm_desc c2a_lsm_descs[C2A_LSM_COUNT] = {
	HOOK(file_open, "security_file_open", c2a_dec_file),
	HOOK(file_permission, "security_file_permission",
	     c2a_dec_file_permission),
	HOOK(file_ioctl, "security_file_ioctl", c2a_dec_file_ioctl),
	HOOK(mmap_file, "security_mmap_file", c2a_dec_mmap_file),
	HOOK(file_mprotect, "security_file_mprotect", c2a_dec_file_mprotect),
	[C2A_LSM_inode_permission] = {
		.symbol = "inode_permission", .decision = true,
		.retried = c2a_permission_retried,
		.decode = c2a_dec_inode_permission },
	HOOK(inode_create, "security_inode_create", c2a_dec_inode_create),
	HOOK(inode_unlink, "security_inode_unlink", c2a_dec_inode_unlink),
	HOOK(inode_rename, "security_inode_rename", c2a_dec_inode_rename),
	HOOK(inode_setattr, "security_inode_setattr", c2a_dec_inode_setattr),
	[C2A_LSM_inode_follow_link] = {
		.symbol = "security_inode_follow_link", .decision = true,
		.retried = c2a_permission_retried,
		.decode = c2a_dec_inode_follow_link },
	HOOK(bprm_check, "security_bprm_check", c2a_dec_bprm),
	VOID_HOOK(bprm_committing_creds, "security_bprm_committing_creds",
		  c2a_dec_bprm),
	VOID_HOOK(bprm_committed_creds, "security_bprm_committed_creds",
		  c2a_dec_bprm),
	HOOK(cred_prepare, "security_prepare_creds", c2a_dec_none),
	HOOK(task_kill, "security_task_kill", c2a_dec_task_kill),
	HOOK(ptrace_access_check, "security_ptrace_access_check",
	     c2a_dec_ptrace),
	HOOK(capable, "security_capable", c2a_dec_capable),
	HOOK(socket_connect, "security_socket_connect", c2a_dec_socket),
	HOOK(socket_bind, "security_socket_bind", c2a_dec_socket),
	HOOK(sb_mount, "security_sb_mount", c2a_dec_sb_mount),
	HOOK(kernel_read_file, "security_kernel_read_file",
	     c2a_dec_kernel_read_file),
	HOOK(kernel_module_request, "security_kernel_module_request",
	     c2a_dec_module_request),
};
