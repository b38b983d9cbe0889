// SPDX-License-Identifier: GPL-2.0
/*
 * Probes on user-space library functions (uprobes), set and removed by
 * ioctl: a C2A_REC_UPROBE record for every call, by any process that maps
 * the library, whether it started before or after the probe was set.
 *
 * The handler runs in the calling task as it traps on the breakpoint,
 * before it goes back to user space, inside the uprobe's own locking (a
 * read lock up to 6.11, RCU tasks trace since 6.12). It only copies the
 * registers and queues the rest on the task, like a syscall capture
 * (capture.c): the record is built, and room in the ring waited for, with
 * no uprobe lock held, so removing a probe never waits for a full ring.
 *
 * Lifetime: a probe is referenced by the list and by each hit queued on a
 * task. Removal unregisters it, after which no handler runs it, and drops
 * the list's reference; the last queued hit frees it. The list changes
 * under c2a.config_lock, or at unload, when no ioctl can run.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/kref.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/task_work.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "capture.h"
#include "device.h"
#include "hooks.h"
#include "main.h"
#include "paths.h"
#include "ring.h"
#include "subject.h"
#include "uprobe.h"

struct c2a_uprobe_probe {
	struct list_head node;		/* in c2a_uprobes, or a list being freed */
	struct kref ref;
	struct uprobe_consumer uc;
	struct c2a_uprobe_handle h;	/* inode and offset (compat.h) */
	struct path path;		/* the library, held while probed */
	u32 id;
	u32 dev;
	atomic64_t hits;
	char function[C2A_UPROBE_FUNC_MAX];
};

/* One call, between the breakpoint and its record. */
struct c2a_uprobe_hit {
	struct callback_head work;
	struct c2a_uprobe_probe *probe;	/* referenced */
	struct c2a_record rec;
};

/* config_lock */
static LIST_HEAD(c2a_uprobes);
static unsigned int c2a_nr_uprobes;
static u32 c2a_uprobe_last_id;

static void c2a_uprobe_free(struct kref *ref)
{
	struct c2a_uprobe_probe *p = container_of(ref, struct c2a_uprobe_probe,
						  ref);

	path_put(&p->path);
	kfree(p);
}

static void c2a_uprobe_put(struct c2a_uprobe_probe *p)
{
	kref_put(&p->ref, c2a_uprobe_free);
}

static void c2a_uprobe_hit_free(struct c2a_uprobe_hit *hit)
{
	c2a_uprobe_put(hit->probe);
	kfree(hit);
}

/* In the calling task, on its way back to user space (or out): may sleep. */
static void c2a_uprobe_work(struct callback_head *work)
{
	struct c2a_uprobe_hit *hit = container_of(work, struct c2a_uprobe_hit,
						  work);
	struct c2a_builder b = { .rec = &hit->rec, .nparts = 1 };

	c2a_subject_fill(&hit->rec.ev.subj);
	c2a_subject_add_exe(&b);
	c2a_add_path(&b, C2A_STR_LIBRARY, &hit->probe->path);
	c2a_builder_add_cstr(&b, C2A_STR_FUNCTION, hit->probe->function);
	c2a_builder_commit(&b);
	c2a_uprobe_hit_free(hit);
	c2a_pending_put();
}

static void c2a_uprobe_hit_fill(struct c2a_uprobe_hit *hit,
				const struct c2a_uprobe_probe *p,
				struct pt_regs *regs)
{
	struct c2a_uprobe *u = &hit->rec.ev.u.uprobe;
	unsigned int i;

	c2a_record_init(&hit->rec, C2A_REC_UPROBE);
	hit->rec.hdr.time_ns = ktime_get_real_ns();
	u->probe_id = p->id;
	u->dev = p->dev;
	u->offset = p->h.offset;
	u->ino = p->h.inode->i_ino;
	u->ip = instruction_pointer(regs);
	/* The x86-64 user ABI passes them in the kernel's registers. */
	for (i = 0; i < ARRAY_SIZE(u->args); i++)
		u->args[i] = regs_get_kernel_argument(regs, i);
}

static int c2a_uprobe_handler(struct uprobe_consumer *uc, struct pt_regs *regs)
{
	struct c2a_uprobe_probe *p = container_of(uc, struct c2a_uprobe_probe,
						  uc);
	struct c2a_uprobe_hit *hit;

	if (!c2a_audits_current())
		return 0;
	atomic64_inc(&p->hits);
	hit = kmalloc(sizeof(*hit), GFP_NOWAIT | __GFP_NOWARN);
	if (!hit) {
		c2a_loss(1, C2A_LOSS_NOMEM);
		return 0;
	}
	c2a_uprobe_hit_fill(hit, p, regs);
	/* Never the last reference: removal waits for this handler. */
	kref_get(&p->ref);
	hit->probe = p;
	c2a_pending_get();
	init_task_work(&hit->work, c2a_uprobe_work);
	if (!task_work_add(current, &hit->work, TWA_RESUME))
		return 0;
	c2a_uprobe_hit_free(hit);
	c2a_pending_put();
	c2a_loss(1, C2A_LOSS_NOCONTEXT);
	return 0;
}

/* Copies a user string of @len bytes, none of them NUL, into @buf. */
static int c2a_uprobe_copy_name(char *buf, u32 room, u64 uptr, u32 len)
{
	if (!len || len >= room)
		return -EINVAL;
	if (copy_from_user(buf, u64_to_user_ptr(uptr), len))
		return -EFAULT;
	buf[len] = '\0';
	return strlen(buf) == len ? 0 : -EINVAL;
}

/* The library: an absolute path to a regular file longer than the offset. */
static int c2a_uprobe_lookup(struct c2a_uprobe_probe *p,
			     const struct c2a_uprobe_spec *s)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *inode;
	int err;

	if (!name)
		return -ENOMEM;
	err = c2a_uprobe_copy_name(name, PATH_MAX, s->path_ptr, s->path_len);
	if (!err && name[0] != '/')
		err = -EINVAL;
	if (!err)
		err = kern_path(name, LOOKUP_FOLLOW, &p->path);
	kfree(name);
	if (err)
		return err;
	/* The inode whose pages are mapped, below an overlay. */
	inode = d_real_inode(p->path.dentry);
	if (!S_ISREG(inode->i_mode) || s->offset >= (u64)i_size_read(inode)) {
		path_put(&p->path);
		return -EINVAL;
	}
	p->h.inode = inode;
	p->h.offset = s->offset;
	p->dev = new_encode_dev(inode->i_sb->s_dev);
	return 0;
}

static struct c2a_uprobe_probe *c2a_uprobe_new(const struct c2a_uprobe_spec *s)
{
	struct c2a_uprobe_probe *p = kzalloc(sizeof(*p), GFP_KERNEL);
	int err;

	if (!p)
		return ERR_PTR(-ENOMEM);
	err = c2a_uprobe_copy_name(p->function, sizeof(p->function),
				   s->function_ptr, s->function_len);
	if (!err)
		err = c2a_uprobe_lookup(p, s);
	if (err) {
		kfree(p);
		return ERR_PTR(err);
	}
	kref_init(&p->ref);
	p->uc.handler = c2a_uprobe_handler;
	return p;
}

static struct c2a_uprobe_probe *c2a_uprobe_by_id(u32 id)
{
	struct c2a_uprobe_probe *p;

	list_for_each_entry(p, &c2a_uprobes, node)
		if (p->id == id)
			return p;
	return NULL;
}

static bool c2a_uprobe_exists(const struct c2a_uprobe_probe *new)
{
	struct c2a_uprobe_probe *p;

	list_for_each_entry(p, &c2a_uprobes, node)
		if (p->h.inode == new->h.inode && p->h.offset == new->h.offset)
			return true;
	return false;
}

/* Ids are never 0 and never those of a probe in force. */
static u32 c2a_uprobe_next_id(void)
{
	do {
		c2a_uprobe_last_id++;
	} while (!c2a_uprobe_last_id || c2a_uprobe_by_id(c2a_uprobe_last_id));
	return c2a_uprobe_last_id;
}

static int c2a_uprobe_insert(struct c2a_uprobe_probe *p)
{
	int err;

	lockdep_assert_held(&c2a.config_lock);
	if (c2a_nr_uprobes == C2A_UPROBES_MAX)
		return -ENOSPC;
	if (c2a_uprobe_exists(p))
		return -EEXIST;
	/* Handlers may run as soon as it is registered: the id is theirs. */
	p->id = c2a_uprobe_next_id();
	err = c2a_uprobe_register(&p->h, &p->uc);
	if (err)
		return err;
	kref_get(&p->ref);
	list_add_tail(&p->node, &c2a_uprobes);
	c2a_nr_uprobes++;
	return 0;
}

/* The library as the calling task sees it, in @buf of PATH_MAX bytes. */
static const char *c2a_uprobe_library(const struct c2a_uprobe_probe *p,
				      char *buf)
{
	char *s = d_path(&p->path, buf, PATH_MAX);

	return IS_ERR(s) ? "" : s;
}

static void c2a_uprobe_config(const struct c2a_uprobe_probe *p, u64 old_id,
			      u64 new_id)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct c2a_cfgstr strs[] = {
		{ C2A_STR_LIBRARY, buf ? c2a_uprobe_library(p, buf) : "" },
		{ C2A_STR_FUNCTION, p->function },
	};

	c2a_emit_config_strs(C2A_CFG_UPROBE, 0, old_id, new_id, strs,
			     ARRAY_SIZE(strs));
	kfree(buf);
}

long c2a_uprobe_ioc_add(struct c2a_uprobe_spec *s)
{
	struct c2a_uprobe_probe *p;
	long err;

	if (s->position || s->probe_id || s->flags || s->ino || s->hits ||
	    s->dev || s->__pad)
		return -EINVAL;
	/* A probe at a wrong offset breaks every program that runs it. */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	p = c2a_uprobe_new(s);
	if (IS_ERR(p))
		return PTR_ERR(p);
	err = c2a_change_begin(C2A_CFG_UPROBE);
	if (!err) {
		err = c2a_uprobe_insert(p);
		mutex_unlock(&c2a.config_lock);
	}
	if (!err) {
		s->probe_id = p->id;
		c2a_uprobe_config(p, 0, p->id);
	}
	c2a_uprobe_put(p);
	return err;
}

/* Unregisters every probe of @list; no handler of theirs runs after. */
static void c2a_uprobes_detach(struct list_head *list)
{
	struct c2a_uprobe_probe *p;

	list_for_each_entry(p, list, node)
		c2a_uprobe_unregister_nosync(&p->h, &p->uc);
	if (!list_empty(list))
		c2a_uprobe_unregister_sync();
}

/* Drops the list's reference of every probe of @list, with a record or not. */
static void c2a_uprobes_release(struct list_head *list, bool audit)
{
	struct c2a_uprobe_probe *p, *next;

	list_for_each_entry_safe(p, next, list, node) {
		if (audit)
			c2a_uprobe_config(p, p->id, 0);
		list_del(&p->node);
		c2a_uprobe_put(p);
	}
}

long c2a_uprobe_ioc_del(const struct c2a_uprobe_ref *ref)
{
	struct c2a_uprobe_probe *p;
	LIST_HEAD(gone);
	long err;

	err = c2a_change_begin(C2A_CFG_UPROBE);
	if (err)
		return err;
	p = c2a_uprobe_by_id(ref->probe_id);
	if (p) {
		list_move(&p->node, &gone);
		c2a_nr_uprobes--;
		c2a_uprobes_detach(&gone);
	}
	mutex_unlock(&c2a.config_lock);
	if (!p)
		return -ENOENT;
	c2a_uprobes_release(&gone, true);
	return 0;
}

long c2a_uprobe_ioc_flush(const struct c2a_command *c)
{
	LIST_HEAD(gone);
	long err;

	if (c->flags)
		return -EINVAL;
	err = c2a_change_begin(C2A_CFG_UPROBE);
	if (err)
		return err;
	list_splice_init(&c2a_uprobes, &gone);
	c2a_nr_uprobes = 0;
	c2a_uprobes_detach(&gone);
	mutex_unlock(&c2a.config_lock);
	c2a_uprobes_release(&gone, true);
	return 0;
}

/* Copies @len bytes of @s out if the caller's @room holds them. */
static int c2a_uprobe_copy_out(u64 uptr, u32 *room, const char *s)
{
	u32 len = strlen(s);
	bool fits = len <= *room;

	*room = len;
	if (fits && copy_to_user(u64_to_user_ptr(uptr), s, len))
		return -EFAULT;
	return 0;
}

static int c2a_uprobe_describe(const struct c2a_uprobe_probe *p,
			       struct c2a_uprobe_spec *s, char *buf)
{
	int err;

	s->probe_id = p->id;
	s->offset = p->h.offset;
	s->ino = p->h.inode->i_ino;
	s->dev = p->dev;
	s->hits = atomic64_read(&p->hits);
	err = c2a_uprobe_copy_out(s->path_ptr, &s->path_len,
				  c2a_uprobe_library(p, buf));
	if (err)
		return err;
	return c2a_uprobe_copy_out(s->function_ptr, &s->function_len,
				   p->function);
}

long c2a_uprobe_ioc_get(struct c2a_uprobe_spec *s)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct c2a_uprobe_probe *p;
	u32 i = 0;
	long err = -ENOENT;

	if (!buf)
		return -ENOMEM;
	/* What get fills in may hold anything: only flags and padding count. */
	if (s->flags || s->__pad) {
		kfree(buf);
		return -EINVAL;
	}
	mutex_lock(&c2a.config_lock);
	list_for_each_entry(p, &c2a_uprobes, node) {
		if (i++ == s->position) {
			err = c2a_uprobe_describe(p, s, buf);
			break;
		}
	}
	mutex_unlock(&c2a.config_lock);
	kfree(buf);
	return err;
}

/* At unload: on return no handler runs; hits already queued still may. */
void c2a_uprobes_stop(void)
{
	LIST_HEAD(gone);

	list_splice_init(&c2a_uprobes, &gone);
	c2a_nr_uprobes = 0;
	c2a_uprobes_detach(&gone);
	c2a_uprobes_release(&gone, false);
}
