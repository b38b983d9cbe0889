// SPDX-License-Identifier: GPL-2.0
/*
 * The executable's path of every record, resolved once per process.
 *
 * d_path() of mm->exe_file for every event costs as much as the object's
 * own path, and gives the same string each time unless something it reads
 * changed. Its result depends on nothing but:
 *
 * - the file's dentry and mount, fixed for the file's life;
 * - the caller's root directory (chroot, pivot_root);
 * - the names of the dentries and the mount tree on the way up, which
 *   change only under rename_lock (d_move, d_exchange) and mount_lock
 *   (every change to the tree), each bumping its sequence count;
 * - whether the file's dentry is unlinked (" (deleted)"), which unlink
 *   changes without either lock;
 * - the dentry's d_dname operation (pseudo files): such paths are never
 *   kept.
 *
 * A slot keeps a path with a reference to the file and to the root it was
 * resolved for, and both sequence counts, so pointer equality with the
 * caller's exe_file and root is identity (neither can be freed and reused
 * while held), and the path is given again only when the counts and the
 * unlinked state are what they were: exactly what d_path() would print.
 *
 * The references keep a filesystem busy, so they must not outlive the
 * process: a slot is emptied when a task of its mm leaves it
 * (exit_mm_release, exec_mm_release) or replaces its exe_file, hooked as
 * the syscalls are (ftrace, then a wrapper in the task, which may sleep:
 * fput and path_put there release as the kernel's own exit does, before
 * the parent is told). Without those hooks nothing is kept.
 */
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/ftrace.h>
#include <linux/hash.h>
#include <linux/mm_types.h>
#include <linux/module.h>
#include <linux/path.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/seqlock.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "capture.h"
#include "paths.h"
#include "subject.h"

/* Processes whose paths are kept at once; another in the slot evicts one. */
#define C2A_EXE_BITS		9
/* Longer paths are resolved each time. */
#define C2A_EXE_ROOM		208

struct c2a_exe_slot {
	spinlock_t lock;
	struct mm_struct *mm;	/* the process it was kept for: the key */
	struct file *exe;	/* referenced */
	struct path root;	/* referenced */
	unsigned int rename_seq;
	unsigned int mount_seq;
	bool deleted;
	u16 len;
	char path[C2A_EXE_ROOM];
};

static struct c2a_exe_slot *c2a_exe_slots;
static seqlock_t *c2a_mount_lock;	/* not exported: found by name */
static bool c2a_exe_on;			/* the forget hooks are on */

static struct c2a_exe_slot *c2a_exe_slot(const struct mm_struct *mm)
{
	return &c2a_exe_slots[hash_ptr(mm, C2A_EXE_BITS)];
}

/* The sequence counts now; false while a writer holds either lock. */
static bool c2a_exe_seqs(unsigned int *rename_seq, unsigned int *mount_seq)
{
	*rename_seq = raw_read_seqcount(&rename_lock.seqcount);
	*mount_seq = raw_read_seqcount(&c2a_mount_lock->seqcount);
	return !((*rename_seq | *mount_seq) & 1);
}

/* The caller's root, pointers only: to compare with a held one. */
static void c2a_fs_root_peek(struct fs_struct *fs, struct path *root)
{
	unsigned int seq;

	do {
		seq = read_seqcount_begin(&fs->seq);
		*root = fs->root;
	} while (read_seqcount_retry(&fs->seq, seq));
}

static void c2a_exe_release(struct file *exe, struct path *root)
{
	if (!exe)
		return;
	fput(exe);
	path_put(root);
}

/* The kept path of @mm's executable into @buf, or -ENOENT. */
static long c2a_exe_kept(struct mm_struct *mm, char *buf)
{
	struct c2a_exe_slot *s = c2a_exe_slot(mm);
	unsigned int rename_seq, mount_seq;
	struct path root;
	long len = -ENOENT;

	if (READ_ONCE(s->mm) != mm || !current->fs)
		return -ENOENT;
	c2a_fs_root_peek(current->fs, &root);
	if (!c2a_exe_seqs(&rename_seq, &mount_seq))
		return -ENOENT;
	spin_lock(&s->lock);
	if (s->mm == mm && s->exe == rcu_access_pointer(mm->exe_file) &&
	    path_equal(&s->root, &root) && s->rename_seq == rename_seq &&
	    s->mount_seq == mount_seq &&
	    d_unlinked(s->exe->f_path.dentry) == s->deleted) {
		memcpy(buf, s->path, s->len + 1);
		len = s->len;
	}
	spin_unlock(&s->lock);
	return len;
}

/* Keeps @len bytes of @buf as @exe's path under @root (held, now the slot's). */
static void c2a_exe_keep(struct mm_struct *mm, struct file *exe,
			 struct path *root, unsigned int rename_seq,
			 unsigned int mount_seq, bool deleted,
			 const char *buf, long len)
{
	struct c2a_exe_slot *s = c2a_exe_slot(mm);
	struct file *old_exe;
	struct path old_root;

	get_file(exe);
	spin_lock(&s->lock);
	old_exe = s->exe;
	old_root = s->root;
	WRITE_ONCE(s->mm, mm);
	s->exe = exe;
	s->root = *root;
	s->rename_seq = rename_seq;
	s->mount_seq = mount_seq;
	s->deleted = deleted;
	s->len = len;
	memcpy(s->path, buf, len + 1);
	spin_unlock(&s->lock);
	c2a_exe_release(old_exe, &old_root);
}

/*
 * @exe's path into @buf with d_path(), kept for @mm when nothing it read
 * changed meanwhile.
 */
static long c2a_exe_resolve(struct mm_struct *mm, struct file *exe, char *buf)
{
	struct dentry *dentry = exe->f_path.dentry;
	unsigned int rename_seq, mount_seq, rs, ms, fs_seq = 0;
	struct fs_struct *fs = current->fs;
	bool deleted = d_unlinked(dentry);
	struct path root;
	bool keep;
	long len;

	keep = READ_ONCE(c2a_exe_on) && fs &&
	       !(dentry->d_op && dentry->d_op->d_dname) &&
	       c2a_exe_seqs(&rename_seq, &mount_seq);
	if (keep) {
		/* No chroot from here to the end: d_path() used this root. */
		fs_seq = read_seqcount_begin(&fs->seq);
		get_fs_root(fs, &root);
	}
	len = c2a_d_path_into(&exe->f_path, buf);
	if (!keep)
		return len;
	if (len >= 0 && len < C2A_EXE_ROOM &&
	    !read_seqcount_retry(&fs->seq, fs_seq) &&
	    c2a_exe_seqs(&rs, &ms) && rs == rename_seq && ms == mount_seq &&
	    d_unlinked(dentry) == deleted)
		c2a_exe_keep(mm, exe, &root, rename_seq, mount_seq, deleted,
			     buf, len);
	else
		path_put(&root);
	return len;
}

/* In the task, which may sleep: an event's EXE string, if it has one. */
void c2a_subject_add_exe(struct c2a_builder *b)
{
	struct mm_struct *mm = current->mm;
	struct file *exe;
	char *buf;
	long len;

	if (!mm)
		return;
	buf = c2a_builder_buf(b);
	if (!buf) {
		c2a_add_dpath(b, C2A_STR_EXE, NULL, -ENOMEM, 0);
		return;
	}
	len = c2a_exe_kept(mm, buf);
	if (len < 0) {
		exe = c2a_mm_exe_file(mm);
		if (!exe)
			return;
		len = c2a_exe_resolve(mm, exe, buf);
		fput(exe);
	}
	c2a_add_dpath(b, C2A_STR_EXE, buf, len, 0);
}

static void c2a_exe_forget(struct mm_struct *mm)
{
	struct c2a_exe_slot *s = c2a_exe_slot(mm);
	struct file *exe = NULL;
	struct path root = {};

	spin_lock(&s->lock);
	if (s->mm == mm) {
		exe = s->exe;
		root = s->root;
		s->exe = NULL;
		s->root = (struct path){};
		WRITE_ONCE(s->mm, NULL);
	}
	spin_unlock(&s->lock);
	c2a_exe_release(exe, &root);
}

/* The kernel functions after which a process's slot must be empty. */
struct c2a_exe_hook {
	const char *symbol;
	u8 mm_arg;		/* the argument that is the mm */
	unsigned long addr;
	unsigned long resume;	/* past its ftrace call, once seen */
};

static struct c2a_exe_hook c2a_exe_hooks[] = {
	{ "exit_mm_release", 1 },	/* (tsk, mm) */
	{ "exec_mm_release", 1 },	/* (tsk, old mm) */
	{ "replace_mm_exe_file", 0 },	/* (mm, new file): prctl */
};

static unsigned long c2a_exe_wrap(unsigned long a0, unsigned long a1,
				  unsigned long a2, unsigned long a3,
				  unsigned long a4, const struct c2a_exe_hook *h)
{
	unsigned long ret;

	c2a_exe_forget((struct mm_struct *)(h->mm_arg ? a1 : a0));
	ret = c2a_call_orig(a0, a1, a2, a3, a4, READ_ONCE(h->resume));
	module_put(THIS_MODULE);
	return ret;
}

static struct c2a_exe_hook *c2a_exe_hook_at(unsigned long ip)
{
	unsigned int i;

	/* ftrace's ip is after the ENDBR with IBT. */
	for (i = 0; i < ARRAY_SIZE(c2a_exe_hooks); i++)
		if (ip == c2a_exe_hooks[i].addr ||
		    ip - ENDBR_INSN_SIZE == c2a_exe_hooks[i].addr)
			return &c2a_exe_hooks[i];
	return NULL;
}

/* Atomic: only a process with a slot goes through the wrapper. */
static void notrace c2a_exe_entry(unsigned long ip, unsigned long parent_ip,
				  struct ftrace_ops *op,
				  struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	struct c2a_exe_hook *h;
	struct mm_struct *mm;

	if (!regs || within_module(parent_ip, THIS_MODULE))
		return;
	h = c2a_exe_hook_at(ip);
	if (!h)
		return;
	mm = (struct mm_struct *)regs_get_kernel_argument(regs, h->mm_arg);
	if (READ_ONCE(c2a_exe_slot(mm)->mm) != mm ||
	    !try_module_get(THIS_MODULE))
		return;
	if (unlikely(!h->resume))
		WRITE_ONCE(h->resume, c2a_past_fentry(ip));
	regs->r9 = (unsigned long)h;
	instruction_pointer_set(regs, (unsigned long)c2a_exe_wrap);
}

static struct ftrace_ops c2a_exe_ops = {
	.func = c2a_exe_entry,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
		 FTRACE_OPS_FL_RECURSION | FTRACE_OPS_FL_PERMANENT,
};

int c2a_exe_init(void)
{
	unsigned int i;

	c2a_exe_slots = kvcalloc(1U << C2A_EXE_BITS, sizeof(*c2a_exe_slots),
				 GFP_KERNEL);
	if (!c2a_exe_slots)
		return -ENOMEM;
	for (i = 0; i < 1U << C2A_EXE_BITS; i++)
		spin_lock_init(&c2a_exe_slots[i].lock);
	return 0;
}

/* Keeps paths only if every hook that empties a slot is on. */
void c2a_exe_hook(unsigned long (*lookup)(const char *name))
{
	const char *what = "mount_lock";
	unsigned int i;
	int err = -ENOENT;

	c2a_mount_lock = (seqlock_t *)lookup(what);
	if (!c2a_mount_lock)
		goto off;
	for (i = 0; i < ARRAY_SIZE(c2a_exe_hooks); i++) {
		struct c2a_exe_hook *h = &c2a_exe_hooks[i];

		what = h->symbol;
		h->addr = lookup(h->symbol);
		err = h->addr ? ftrace_set_filter_ip(&c2a_exe_ops, h->addr,
						     0, 0) : -ENOENT;
		if (err)
			goto off_filter;
	}
	what = "the hooks";
	err = register_ftrace_function(&c2a_exe_ops);
	if (err)
		goto off_filter;
	WRITE_ONCE(c2a_exe_on, true);
	return;

off_filter:
	ftrace_free_filter(&c2a_exe_ops);
off:
	pr_info("executable paths resolved for every event: %s not hooked (%d)\n",
		what, err);
}

void c2a_exe_unhook(void)
{
	if (!c2a_exe_on)
		return;
	WRITE_ONCE(c2a_exe_on, false);
	unregister_ftrace_function(&c2a_exe_ops);
	ftrace_free_filter(&c2a_exe_ops);
}

/* At unload, once no capture runs: lets go of what the slots hold. */
void c2a_exe_exit(void)
{
	unsigned int i;

	if (!c2a_exe_slots)
		return;
	for (i = 0; i < 1U << C2A_EXE_BITS; i++) {
		struct c2a_exe_slot *s = &c2a_exe_slots[i];

		c2a_exe_release(s->exe, &s->root);
	}
	kvfree(c2a_exe_slots);
	c2a_exe_slots = NULL;
}
