// SPDX-License-Identifier: GPL-2.0
/*
 * From a hook's capture to an event: the half of every event made in the
 * audited task once its call is done (the subject, the objects, the rules'
 * last word), committed by commit.c.
 */
#include <linux/file.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "capture.h"
#include "hooks.h"
#include "lsm.h"
#include "main.h"
#include "names.h"
#include "observer.h"
#include "policy.h"
#include "ring.h"
#include "subject.h"

static struct kmem_cache *c2a_capture_cache;

/*
 * As for the builder's buffers (builder.c), a constructor keeps
 * init_on_alloc from clearing the whole capture, most of it string room:
 * c2a_capture_alloc() clears the rest.
 */
static void c2a_capture_ctor(void *p)
{
	struct c2a_capture *cap = p;

	cap->kname_room[0] = '\0';
}

int c2a_capture_init(void)
{
	/* Names are copied into bufs from user memory: whitelisted for usercopy. */
	c2a_capture_cache = kmem_cache_create_usercopy("c2a_capture",
			sizeof(struct c2a_capture), 0, 0,
			offsetof(struct c2a_capture, bufs),
			sizeof_field(struct c2a_capture, bufs),
			c2a_capture_ctor);
	if (!c2a_capture_cache)
		return -ENOMEM;
	if (c2a_builder_init())
		goto err_cache;
	if (c2a_exe_init())
		goto err_builder;
	return 0;

err_builder:
	c2a_builder_exit();
err_cache:
	kmem_cache_destroy(c2a_capture_cache);
	return -ENOMEM;
}

void c2a_capture_exit(void)
{
	c2a_exe_exit();
	c2a_builder_exit();
	kmem_cache_destroy(c2a_capture_cache);
}

/* In the calling task, before the call: may sleep. */
struct c2a_capture *c2a_capture_alloc(void)
{
	struct c2a_capture *cap = kmem_cache_alloc(c2a_capture_cache,
						   GFP_KERNEL);

	if (cap)
		memset(cap, 0, offsetof(struct c2a_capture, kname_room));
	return cap;
}

void c2a_capture_free(struct c2a_capture *cap)
{
	c2a_knames_free(cap);
	c2a_acted_free(cap);
	if (cap->file)
		fput(cap->file);
	if (cap->installed)
		fput(cap->installed);
	kmem_cache_free(c2a_capture_cache, cap);
}

/* The rules' last word, now that paths are known; the key goes in the record. */
static bool c2a_capture_selected(struct c2a_capture *cap, struct c2a_builder *b)
{
	struct c2a_facts f;

	c2a_entry_facts(&cap->e, cap->ret, &f);
	f.exe = b->strs[C2A_STR_EXE];
	f.path = b->strs[C2A_STR_PATH];
	f.path2 = b->strs[C2A_STR_PATH2];
	return c2a_policy_walk(&cap->e.walk, &f, C2A_STAGE_COMMIT,
			       cap->rec.ev.key) == C2A_AUDITED;
}

static void c2a_capture_build(struct c2a_capture *cap)
{
	struct c2a_builder b = { .rec = &cap->rec, .own = cap->bufs,
				 .nparts = 1 };
	struct c2a_record *rec = &cap->rec;
	struct c2a_syscall *sys = &rec->ev.u.sys;
	unsigned int i;
	bool selected;

	c2a_record_init(rec, C2A_REC_SYSCALL);
	rec->hdr.time_ns = cap->e.time_ns;
	/* the task as the call left it, read at its return (hooks.c) */
	c2a_subject_from_who(&rec->ev.subj, &cap->e.who);
	sys->nr = cap->e.nr;
	sys->sysid = cap->e.sysid;
	sys->arch = cap->e.arch;
	sys->ret = cap->ret;
	for (i = 0; i < ARRAY_SIZE(sys->args); i++)
		sys->args[i] = cap->e.args[i];
	c2a_subject_add_exe(&b);
	if (cap->desc->capture)
		cap->desc->capture(cap, &b);
	else
		c2a_capture_objects(cap, &b);
	/* A call only observers follow is never the trail's. */
	selected = cap->e.walk.verdict != C2A_NOT_AUDITED &&
		   c2a_capture_selected(cap, &b);
	if (cap->e.observed)
		c2a_observe_event(&b, C2A_LSM_none);
	if (selected)
		c2a_commit(&b);
	c2a_builder_release(&b);
}

void c2a_pending_get(void)
{
	atomic_inc(&c2a.pending);
}

void c2a_pending_put(void)
{
	if (atomic_dec_and_test(&c2a.pending) && READ_ONCE(c2a.shutdown))
		wake_up(&c2a.pending_wq);
}

/*
 * Builds and commits the event, in the calling task after the call, with
 * no lock held but what the hooked function's caller holds; frees @cap.
 */
void c2a_capture_run(struct c2a_capture *cap)
{
	struct c2a_lsm_self self;

	/* The lookups of the capture are ours, not the task's: no LSM event. */
	c2a_lsm_self_enter(&self);
	c2a_capture_build(cap);
	c2a_lsm_self_leave(&self);
	c2a_capture_free(cap);
}
