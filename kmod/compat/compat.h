/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels c2audit supports, in one place, so the
 * rest of the module is written against one API. Force-included by Kbuild.
 *
 * Supported: Linux 6.1 to 6.12, the range of the kernel matrix (README,
 * "Kernels"; dkms.conf's BUILD_EXCLUSIVE_KERNEL says the same). A feature
 * is probed where the headers allow it; a version is compared only where
 * they do not.
 */
#ifndef _C2A_COMPAT_H
#define _C2A_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "c2audit needs Linux 6.1 or later"
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#error "c2audit is tested on Linux 6.1 to 6.12 only: see README, Kernels, to add one"
#endif

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/rcupdate.h>

/*
 * The executable of @mm, referenced, or NULL; get_mm_exe_file() is not
 * exported. Up to 6.6 get_file_rcu() is a macro taking the file, which
 * fails on a zero count. Since 6.7 files are SLAB_TYPESAFE_BY_RCU and
 * get_file_rcu() is a function taking the __rcu pointer: it retries until
 * the reference it took is on the file the pointer still names.
 */
static inline struct file *c2a_mm_exe_file(struct mm_struct *mm)
{
	struct file *exe;

	rcu_read_lock();
#ifdef get_file_rcu
	exe = rcu_dereference(mm->exe_file);
	if (exe && !get_file_rcu(exe))
		exe = NULL;
#else
	exe = get_file_rcu(&mm->exe_file);
#endif
	rcu_read_unlock();
	return exe;
}

/* A capability set as one mask; kernel_cap_t was two u32 until 6.3. */
static inline u64 c2a_cap_u64(kernel_cap_t cap)
{
#ifdef _KERNEL_CAPABILITY_U32S
	return (u64)cap.cap[1] << 32 | cap.cap[0];
#else
	return cap.val;
#endif
}

/*
 * uprobes. Up to 6.11 uprobe_register() returns an int, the probe is
 * named again by inode and offset to uprobe_unregister(), which returns
 * once no handler runs it (handlers hold the uprobe's register_rwsem).
 * Since 6.12 it returns the uprobe, and uprobe_unregister_nosync() needs
 * uprobe_unregister_sync() after it (handlers run under RCU tasks trace),
 * which may wait for a whole batch. No macro tells the two apart, so the
 * version does.
 */
#include <linux/err.h>
#include <linux/uprobes.h>

struct c2a_uprobe_handle {
	struct inode *inode;
	loff_t offset;
	struct uprobe *uprobe;		/* 6.12 on */
};

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
static inline int c2a_uprobe_register(struct c2a_uprobe_handle *h,
				      struct uprobe_consumer *uc)
{
	h->uprobe = uprobe_register(h->inode, h->offset, 0, uc);
	return PTR_ERR_OR_ZERO(h->uprobe);
}

static inline void c2a_uprobe_unregister_nosync(struct c2a_uprobe_handle *h,
						struct uprobe_consumer *uc)
{
	uprobe_unregister_nosync(h->uprobe, uc);
}

/* After it no handler of a consumer unregistered before runs any more. */
static inline void c2a_uprobe_unregister_sync(void)
{
	uprobe_unregister_sync();
}
#else
static inline int c2a_uprobe_register(struct c2a_uprobe_handle *h,
				      struct uprobe_consumer *uc)
{
	return uprobe_register(h->inode, h->offset, uc);
}

static inline void c2a_uprobe_unregister_nosync(struct c2a_uprobe_handle *h,
						struct uprobe_consumer *uc)
{
	uprobe_unregister(h->inode, h->offset, uc);
}

static inline void c2a_uprobe_unregister_sync(void)
{
}
#endif

#endif /* _C2A_COMPAT_H */
