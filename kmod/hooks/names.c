// SPDX-License-Identifier: GPL-2.0
/*
 * Names as the kernel used them. A syscall copies each name it is given
 * from the caller's memory once, with getname(); reading the caller's
 * memory again later would let another thread of the caller change the
 * name in between, and the record would name a file the call never
 * touched. So, as Linux audit does in getname() (audit_getname), the
 * kernel's copy is kept while the call runs:
 *
 * - a call that names objects is "watched" while its wrapper runs
 *   (hooks.c): its capture is in a table keyed by task (tasktab.h);
 * - getname() and its variants are hooked as the syscalls are (ftrace,
 *   then a wrapper that may sleep); for a watched task, the wrapper copies
 *   the name the kernel made, with the caller's pointer it came from;
 * - the capture finds a name again by the argument that pointed to it.
 *
 * io_uring's helpers are given the names as struct filename, made when the
 * request was submitted: those are taken from the helper's arguments.
 */
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/ftrace.h>
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "capture.h"
#include "hooks.h"
#include "names.h"

static struct c2a_tasktab c2a_watch_tab;

/*
 * Hooks inside a watched call: getname() here, the VFS's security checks
 * in acted.c. Each is called for every task, and goes through the wrapper
 * only for a watched one: before, with the function's arguments, or after,
 * with its result too.
 */
static struct c2a_inner *const c2a_inner_tables[] = {
	c2a_name_inners, c2a_acted_inners,
};

static void c2a_inner_entry(unsigned long ip, unsigned long parent_ip,
			    struct ftrace_ops *op, struct ftrace_regs *fregs);

static struct ftrace_ops c2a_inner_ops = {
	.func = c2a_inner_entry,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
		 FTRACE_OPS_FL_RECURSION | FTRACE_OPS_FL_PERMANENT,
};

/* Filled once at init, before the hooks are on: read without a lock. */
static DEFINE_HASHTABLE(c2a_inner_tab, 6);
static DEFINE_MUTEX(c2a_names_lock);
static bool c2a_names_on;
static unsigned int c2a_inners_found;	/* hooks with a filter entry */

/* The capture the current task is watched for, or NULL. */
struct c2a_capture *c2a_watched(void)
{
	struct c2a_task_entry *e = c2a_tasktab_find(&c2a_watch_tab);

	return e ? container_of(e, struct c2a_capture, watch) : NULL;
}

static bool c2a_names_wanted(const struct c2a_capture *cap)
{
	const struct c2a_sysdesc *d = cap->desc;

	return d->path.how || d->path2.how || d->fd || d->watched ||
	       d->at_return == c2a_at_return_result_fd;
}

/* Keeps a copy of @f's name, the @pos-th argument (0: found by pointer). */
static void c2a_kname_take(struct c2a_capture *cap, const struct filename *f,
			   u8 pos)
{
	struct c2a_kname *k;
	unsigned int i;
	size_t len;

	if (IS_ERR_OR_NULL(f))
		return;
	for (i = 0; i < cap->nknames; i++)
		if (cap->knames[i].id == f && cap->knames[i].pos == pos)
			return;
	if (cap->nknames == C2A_KNAMES)
		return;
	/* getname() refuses a name of PATH_MAX bytes or more. */
	len = strnlen(f->name, PATH_MAX - 1);
	k = &cap->knames[cap->nknames];
	if (len < C2A_KNAME_ROOM - cap->kname_room_used) {
		k->s = cap->kname_room + cap->kname_room_used;
		memcpy(k->s, f->name, len);
		k->s[len] = '\0';
		cap->kname_room_used += len + 1;
	} else {
		k->s = kmemdup_nul(f->name, len, GFP_KERNEL);
		if (!k->s)
			return;
	}
	k->id = f;
	k->uptr = f->uptr;
	k->len = len;
	k->pos = pos;
	k->used = false;
	cap->nknames++;
}

/*
 * Starts watching for the names @cap's call copies; the names io_uring
 * already copied are among @fn_args (cap->desc->fnames).
 */
void c2a_names_watch(struct c2a_capture *cap, struct pt_regs *fn_args)
{
	unsigned int i;

	for (i = 0; i < 6; i++)
		if (cap->desc->fnames & BIT(i))
			c2a_kname_take(cap, (const struct filename *)
				       regs_get_kernel_argument(fn_args, i),
				       i + 1);
	if (c2a_names_wanted(cap))
		c2a_tasktab_add(&c2a_watch_tab, &cap->watch);
}

void c2a_names_unwatch(struct c2a_capture *cap)
{
	c2a_tasktab_del(&c2a_watch_tab, &cap->watch);
}

/*
 * The kernel's copy of the name in argument @pos, whose value was @uptr:
 * io_uring's by position, a syscall's by pointer, each used once (rename
 * may be given one buffer twice: then in the order the kernel read them).
 */
const struct c2a_kname *c2a_kname_find(struct c2a_capture *cap, u8 pos,
				       const void __user *uptr)
{
	unsigned int i;

	for (i = 0; i < cap->nknames; i++) {
		struct c2a_kname *k = &cap->knames[i];

		if (k->used || (k->pos ? k->pos != pos : k->uptr != uptr))
			continue;
		k->used = true;
		return k;
	}
	return NULL;
}

void c2a_knames_free(struct c2a_capture *cap)
{
	const char *room = cap->kname_room;
	char *s;

	while (cap->nknames) {
		s = cap->knames[--cap->nknames].s;
		if (s < room || s >= room + C2A_KNAME_ROOM)
			kfree(s);
	}
}

static void c2a_getname_after(struct c2a_capture *cap,
			      const unsigned long *args, unsigned long ret)
{
	c2a_kname_take(cap, (const struct filename *)ret, 0);
}

/* The functions that copy a name from user memory into a struct filename. */
struct c2a_inner c2a_name_inners[] = {
	{ "getname_flags", .after = c2a_getname_after },
	{ "getname_uflags", .after = c2a_getname_after },
	{ "getname", .after = c2a_getname_after },
	{ }
};

static unsigned long c2a_inner_wrap(unsigned long a0, unsigned long a1,
				    unsigned long a2, unsigned long a3,
				    unsigned long a4, const struct c2a_inner *h)
{
	const unsigned long args[] = { a0, a1, a2, a3, a4 };
	struct c2a_capture *cap = c2a_watched();
	unsigned long ret;

	if (cap && h->before)
		h->before(cap, args);
	ret = c2a_call_orig(a0, a1, a2, a3, a4, READ_ONCE(h->resume));
	if (cap && h->after)
		h->after(cap, args, ret);
	module_put(THIS_MODULE);
	return ret;
}

static struct c2a_inner *c2a_inner_find(unsigned long addr)
{
	struct c2a_inner *h;

	hash_for_each_possible(c2a_inner_tab, h, node, addr)
		if (h->addr == addr)
			return h;
	return NULL;
}

/* ftrace's ip is the function's fentry call, after its ENDBR with IBT. */
static struct c2a_inner *c2a_inner_at(unsigned long ip)
{
	struct c2a_inner *h = c2a_inner_find(ip);

	return h ? h : c2a_inner_find(ip - ENDBR_INSN_SIZE);
}

/* Atomic: only a watched task's calls go through the wrapper. */
static void notrace c2a_inner_entry(unsigned long ip, unsigned long parent_ip,
				    struct ftrace_ops *op,
				    struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	const struct c2a_capture *cap;
	struct c2a_inner *h;

	if (!regs || within_module(parent_ip, THIS_MODULE))
		return;
	cap = c2a_watched();
	if (!cap)
		return;
	h = c2a_inner_at(ip);
	if (!h || (h->wants && !h->wants(cap)) || !try_module_get(THIS_MODULE))
		return;
	if (unlikely(!h->resume))
		WRITE_ONCE(h->resume, c2a_past_fentry(ip));
	regs->r9 = (unsigned long)h;
	instruction_pointer_set(regs, (unsigned long)c2a_inner_wrap);
}

/* Hooks the inner functions while some call may be watched. */
void c2a_names_hook(bool on)
{
	int err;

	mutex_lock(&c2a_names_lock);
	if (on == c2a_names_on || !c2a_inners_found)
		goto out;
	if (on) {
		err = register_ftrace_function(&c2a_inner_ops);
		if (err) {
			pr_warn("getname and the VFS checks not hooked (%d): names are read from user memory, objects looked up again\n",
				err);
			goto out;
		}
	} else {
		unregister_ftrace_function(&c2a_inner_ops);
	}
	c2a_names_on = on;
out:
	mutex_unlock(&c2a_names_lock);
}

int c2a_names_init(unsigned long (*lookup)(const char *name))
{
	unsigned int i;

	c2a_tasktab_init(&c2a_watch_tab);
	for (i = 0; i < ARRAY_SIZE(c2a_inner_tables); i++) {
		struct c2a_inner *h;

		for (h = c2a_inner_tables[i]; h->symbol; h++) {
			h->addr = lookup(h->symbol);
			/* Inlined into its callers by some builds: the others do. */
			if (!h->addr ||
			    ftrace_set_filter_ip(&c2a_inner_ops, h->addr, 0, 0)) {
				h->addr = 0;
				continue;
			}
			hash_add(c2a_inner_tab, &h->node, h->addr);
			c2a_inners_found++;
		}
	}
	if (!c2a_inners_found)
		pr_warn("no getname or VFS check to hook: names are read from user memory, objects looked up again\n");
	return 0;
}

void c2a_names_exit(void)
{
	c2a_names_hook(false);
	ftrace_free_filter(&c2a_inner_ops);
}
