// SPDX-License-Identifier: GPL-2.0
/*
 * The objects a call acted on, taken while it acts. A name resolved again
 * after the call can lead somewhere else (a symlink or a directory swapped
 * in between); the VFS's security checks (security_path_*, security_sb_*)
 * are given the very directory and entry the call is about to change,
 * under the locks that keep them so. For a watched call (names.c) their
 * wrapper keeps a reference on the directory (or the object), the entry's
 * name and the inode's identity; the record is built from those.
 *
 * The first check of each kind in a call fills its slot: slot 0 is the
 * record's path, slot 1 its path2 (the new name of a rename or a link).
 */
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/mount.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/xattr.h>

#include "acted.h"
#include "capture.h"
#include "hooks.h"
#include "names.h"
#include "paths.h"

/*
 * Takes, for slot @slot, @dentry and its path: @dir's with the entry's
 * name, or (@dir NULL) @path's own; @hold: the dentry and its mount are
 * kept for the inode after the call, else the inode is taken now. Called
 * under the directory's or the inode's lock, which reclaim may want: no
 * allocation may wait for I/O.
 */
static void c2a_acted_take(struct c2a_capture *cap, unsigned int slot,
			   const struct path *dir, const struct path *path,
			   struct dentry *dentry, bool hold)
{
	struct c2a_acted *a = &cap->acted[slot];
	unsigned int nofs;

	if (!dentry || (!dir && !path))
		return;
	/*
	 * Found by the call's own lookup first (chmod, chown, ...), checked
	 * now as it is acted on: held, for the inode the call leaves.
	 */
	if (a->set && hold && a->have_obj && !a->path.dentry) {
		a->path.mnt = mntget(dir ? dir->mnt : path->mnt);
		a->path.dentry = dget(dentry);
		a->have_obj = false;
	}
	if (a->set)
		return;
	nofs = memalloc_nofs_save();
	a->str = c2a_strbuf_alloc(GFP_KERNEL);
	memalloc_nofs_restore(nofs);
	if (!a->str)
		return;
	if (dir)
		a->len = c2a_path_string(dir, dentry->d_name.name,
					 dentry->d_name.len, a->str, &a->flags);
	else
		a->len = c2a_path_string(path, NULL, 0, a->str, &a->flags);
	if (hold) {
		a->path.mnt = mntget(dir ? dir->mnt : path->mnt);
		a->path.dentry = dget(dentry);
	} else if (d_really_is_positive(dentry)) {
		c2a_object_set(&a->obj, d_inode(dentry));
		a->have_obj = true;
	}
	a->set = true;
}

static void c2a_acted_entry(struct c2a_capture *cap, unsigned int slot,
			    const struct path *dir, struct dentry *dentry)
{
	if (dir)
		c2a_acted_take(cap, slot, dir, NULL, dentry, true);
}

static void c2a_acted_path(struct c2a_capture *cap, unsigned int slot,
			   const struct path *path)
{
	if (path)
		c2a_acted_take(cap, slot, NULL, path, path->dentry, true);
}

#define ARG(i, type)	((type)args[i])

/* (dir, dentry, ...): unlink, rmdir, mkdir, mknod, symlink */
static void c2a_before_entry(struct c2a_capture *cap,
			     const unsigned long *args)
{
	c2a_acted_entry(cap, 0, ARG(0, const struct path *),
			ARG(1, struct dentry *));
}

/* (path, ...): truncate, chmod, chown, chroot */
static void c2a_before_path(struct c2a_capture *cap, const unsigned long *args)
{
	c2a_acted_path(cap, 0, ARG(0, const struct path *));
}

/* (old_dir, old_dentry, new_dir, new_dentry, flags) */
static void c2a_before_rename(struct c2a_capture *cap,
			      const unsigned long *args)
{
	c2a_acted_entry(cap, 0, ARG(0, const struct path *),
			ARG(1, struct dentry *));
	c2a_acted_entry(cap, 1, ARG(2, const struct path *),
			ARG(3, struct dentry *));
}

/* (old_dentry, new_dir, new_dentry): the old one is on new_dir's mount. */
static void c2a_before_link(struct c2a_capture *cap, const unsigned long *args)
{
	const struct path *dir = ARG(1, const struct path *);
	struct path old;

	if (dir) {
		old = (struct path){ .mnt = dir->mnt,
				     .dentry = ARG(0, struct dentry *) };
		c2a_acted_path(cap, 0, &old);
	}
	c2a_acted_entry(cap, 1, dir, ARG(2, struct dentry *));
}

/* (dev_name, path, type, flags, data): the mount point */
static void c2a_before_mount(struct c2a_capture *cap, const unsigned long *args)
{
	c2a_acted_path(cap, 0, ARG(1, const struct path *));
}

/* (old_path, new_path): pivot_root(new_root, put_old) */
static void c2a_before_pivot(struct c2a_capture *cap, const unsigned long *args)
{
	c2a_acted_path(cap, 0, ARG(1, const struct path *));
	c2a_acted_path(cap, 1, ARG(0, const struct path *));
}

/*
 * (task, info, sig, cred): the task a signal goes to, as the kernel found
 * it (pidfd_send_signal names it by an fd). Called under RCU: only a pid
 * is kept.
 */
static void c2a_before_kill(struct c2a_capture *cap, const unsigned long *args)
{
	const struct task_struct *t = ARG(0, const struct task_struct *);

	if (t && !cap->target)
		cap->target = task_tgid_nr((struct task_struct *)t);
}

/* Does @f hold the name @pa's argument gave? */
static bool c2a_names_arg(const struct c2a_capture *cap,
			  const struct c2a_patharg *pa, const struct filename *f)
{
	unsigned long arg;

	if (!pa->how || pa->how == C2A_TEXT || !pa->name)
		return false;
	arg = c2a_arg(&cap->e, pa->name);
	/* io_uring's helpers are given the struct filename itself */
	if (cap->desc->fnames & BIT(pa->name - 1))
		return arg == (unsigned long)f;
	return f->uptr && arg == (unsigned long)f->uptr;
}

/*
 * (dfd, name, flags, path, root), after: the object a name argument led
 * to, as the call's own lookup found it (user_path_at(), vfs_statx()):
 * so the calls with no security check of their own (name_to_handle_at,
 * removexattr, umount2) name what they acted on, not what a second
 * lookup finds once a symlink or a directory was swapped. The name is
 * still the caller's, which holds it until the lookup returns. Nothing is
 * held (see struct c2a_acted): umount2's mount must not look busy.
 */
static void c2a_after_lookup(struct c2a_capture *cap,
			     const unsigned long *args, unsigned long ret)
{
	const struct filename *f = ARG(1, const struct filename *);
	const struct path *path = ARG(3, const struct path *);
	const struct c2a_sysdesc *d = cap->desc;
	unsigned int slot;

	if ((int)ret || IS_ERR_OR_NULL(f) || !path)
		return;
	if (c2a_names_arg(cap, &d->path, f))
		slot = 0;
	else if (c2a_names_arg(cap, &d->path2, f))
		slot = 1;
	else
		return;
	c2a_acted_take(cap, slot, NULL, path, path->dentry, false);
}

static bool c2a_has_path(const struct c2a_capture *cap)
{
	const struct c2a_sysdesc *d = cap->desc;

	return (d->path.how && d->path.how != C2A_TEXT) ||
	       (d->path2.how && d->path2.how != C2A_TEXT);
}

/* The calls whose result is an fd (objects.c). */
static bool c2a_returns_fd(const struct c2a_capture *cap)
{
	return cap->desc->at_return == c2a_at_return_result_fd;
}

/*
 * (fd, file): the first file the call puts into the fd table, as it puts
 * it there; c2a_at_return_result_fd() takes it if its fd is the result.
 */
static void c2a_before_fd_install(struct c2a_capture *cap,
				  const unsigned long *args)
{
	struct file *file = ARG(1, struct file *);

	if (cap->installed || !file)
		return;
	cap->installed = get_file(file);
	cap->installed_fd = ARG(0, unsigned int);
}

static bool c2a_sets_xattr(const struct c2a_capture *cap)
{
	return cap->desc->str_type == C2A_STR_XATTR;
}

/* (mnt): the mount the call is about to write on (setxattr's object's). */
static void c2a_before_want_write(struct c2a_capture *cap,
				  const unsigned long *args)
{
	cap->want_mnt = ARG(0, struct vfsmount *);
}

/*
 * The start of struct xattr_ctx (fs/internal.h, the same from 6.1 to 6.12):
 * read without trusting it, a wrong layout costs a name, not the kernel.
 */
struct c2a_xattr_ctx {
	const void __user *value;
	void *kvalue;
	size_t size;
	const char *kname;		/* struct xattr_name: char[256] */
};

/*
 * (idmap, dentry, ctx): the object, on the mount the call made writable
 * just before (path_setxattr() and io_uring's (f)setxattr call
 * mnt_want_write() on the path's mount; fsetxattr(2) does not, and its
 * file stays the fd's), and the kernel's copy of the attribute's name.
 */
static void c2a_before_setxattr(struct c2a_capture *cap,
				const unsigned long *args)
{
	const struct c2a_xattr_ctx *ctx = ARG(2, const struct c2a_xattr_ctx *);
	struct dentry *dentry = ARG(1, struct dentry *);
	const char *kname;
	long len;

	if (cap->want_mnt && dentry) {
		struct path path = { .mnt = cap->want_mnt, .dentry = dentry };

		c2a_acted_path(cap, 0, &path);
	}
	if (cap->xname || !ctx || get_kernel_nofault(kname, &ctx->kname))
		return;
	cap->xname = kmalloc(XATTR_NAME_MAX + 1, GFP_NOFS);
	if (!cap->xname)
		return;
	/* struct xattr_name is the whole array: all of it can be read. */
	if (copy_from_kernel_nofault(cap->xname, kname, XATTR_NAME_MAX + 1)) {
		kfree(cap->xname);
		cap->xname = NULL;
		return;
	}
	len = strnlen(cap->xname, XATTR_NAME_MAX + 1);
	cap->xname[min_t(long, len, XATTR_NAME_MAX)] = '\0';
	cap->xname_len = min_t(long, len, XATTR_NAME_MAX);
}

struct c2a_inner c2a_acted_inners[] = {
	{ "security_path_unlink", .before = c2a_before_entry },
	{ "security_path_rmdir", .before = c2a_before_entry },
	{ "security_path_mkdir", .before = c2a_before_entry },
	{ "security_path_mknod", .before = c2a_before_entry },
	{ "security_path_symlink", .before = c2a_before_entry },
	{ "security_path_link", .before = c2a_before_link },
	{ "security_path_rename", .before = c2a_before_rename },
	{ "security_path_truncate", .before = c2a_before_path },
	{ "security_path_chmod", .before = c2a_before_path },
	{ "security_path_chown", .before = c2a_before_path },
	{ "security_path_chroot", .before = c2a_before_path },
	{ "security_sb_mount", .before = c2a_before_mount },
	{ "security_sb_pivotroot", .before = c2a_before_pivot },
	{ "security_task_kill", .before = c2a_before_kill },
	{ "filename_lookup", .after = c2a_after_lookup,
	  .wants = c2a_has_path },
	{ "fd_install", .before = c2a_before_fd_install,
	  .wants = c2a_returns_fd },
	{ "mnt_want_write", .before = c2a_before_want_write,
	  .wants = c2a_sets_xattr },
	{ "do_setxattr", .before = c2a_before_setxattr,
	  .wants = c2a_sets_xattr },
	{ }
};

/*
 * Adds slot @slot's object as a string of @type (C2A_STR_NONE: none) and,
 * when @obj is not NULL, its inode as the call left it; false when the
 * call left the slot empty (it failed before the check, or took another
 * way). An entry the call removed keeps its inode while we hold it.
 */
bool c2a_acted_add(struct c2a_capture *cap, unsigned int slot,
		   struct c2a_builder *b, u8 type, struct c2a_object *obj)
{
	const struct c2a_acted *a = &cap->acted[slot];

	if (!a->set)
		return false;
	if (obj && a->path.dentry && d_really_is_positive(a->path.dentry))
		c2a_object_set(obj, d_inode(a->path.dentry));
	else if (obj && a->have_obj)
		c2a_object_copy(obj, &a->obj);
	if (type == C2A_STR_NONE)
		return true;
	if (a->len < 0)
		c2a_builder_add(b, type, "", 0, C2A_STRF_TRUNC);
	else
		c2a_builder_add(b, type, a->str, a->len, a->flags);
	return true;
}

void c2a_acted_free(struct c2a_capture *cap)
{
	unsigned int i;

	for (i = 0; i < C2A_ACTED_SLOTS; i++) {
		struct c2a_acted *a = &cap->acted[i];

		if (!a->set)
			continue;
		path_put(&a->path);
		c2a_strbuf_free(a->str);
		*a = (struct c2a_acted){};
	}
	kfree(cap->xname);
	cap->xname = NULL;
}
