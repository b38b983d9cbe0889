// SPDX-License-Identifier: GPL-2.0
/*
 * From a hook's capture to records in the ring: the half of every event
 * made in the audited task once its call is done.
 */
#include <linux/file.h>
#include <linux/limits.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "capture.h"
#include "device.h"
#include "hooks.h"
#include "lsm.h"
#include "main.h"
#include "names.h"
#include "observer.h"
#include "overflow.h"
#include "policy.h"
#include "ring.h"
#include "subject.h"

/* The largest event must fit an empty ring of the smallest geometry. */
#define C2A_MAX_PARTS \
	(1 + C2A_STR_SLOTS * DIV_ROUND_UP(PATH_MAX, C2A_CONT_DATA))
static_assert(C2A_MAX_PARTS <= C2A_SLOTS_MIN);

static struct kmem_cache *c2a_capture_cache;
static struct kmem_cache *c2a_buf_cache;

int c2a_capture_init(void)
{
	c2a_capture_cache = KMEM_CACHE(c2a_capture, 0);
	if (!c2a_capture_cache)
		return -ENOMEM;
	/* Strings are copied in from user memory: whitelist for usercopy. */
	c2a_buf_cache = kmem_cache_create_usercopy("c2a_strbuf", PATH_MAX, 0, 0,
						   0, PATH_MAX, NULL);
	if (!c2a_buf_cache) {
		kmem_cache_destroy(c2a_capture_cache);
		return -ENOMEM;
	}
	return 0;
}

void c2a_capture_exit(void)
{
	kmem_cache_destroy(c2a_buf_cache);
	kmem_cache_destroy(c2a_capture_cache);
}

/* In the calling task, before the call: may sleep. */
struct c2a_capture *c2a_capture_alloc(void)
{
	return kmem_cache_zalloc(c2a_capture_cache, GFP_KERNEL);
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

/* Accounts n events lost before they could take ids in a ring. */
void c2a_loss(u64 n, u32 reasons)
{
	unsigned long flags;
	struct c2a_ring *r = c2a_ring_lock(&flags);

	c2a_ring_drop(r, n, reasons);
	c2a_ring_unlock(r, flags);
	c2a_reader_kick(U64_MAX);
	c2a_report_loss(n, reasons);
}

char *c2a_builder_buf(struct c2a_builder *b)
{
	char *buf;

	if (b->nbufs == C2A_BUILDER_BUFS)
		return NULL;
	buf = kmem_cache_alloc(c2a_buf_cache, GFP_KERNEL);
	if (buf)
		b->bufs[b->nbufs++] = buf;
	return buf;
}

static void c2a_builder_release(struct c2a_builder *b)
{
	while (b->nbufs)
		kmem_cache_free(c2a_buf_cache, b->bufs[--b->nbufs]);
}

/*
 * Adds a string to the event. @s must stay valid until the commit: it is
 * a builder buffer, or memory the capture holds a reference on.
 */
void c2a_builder_add(struct c2a_builder *b, u8 type, const char *s, u32 len,
		     u8 flags)
{
	struct c2a_strref *ref = &b->rec->ev.str[b->nstr];
	struct c2a_spill *sp = &b->spill[b->nspill];
	u32 inl;

	if (WARN_ON_ONCE(b->nstr == C2A_STR_SLOTS))
		return;
	b->nstr++;
	if (type < ARRAY_SIZE(b->strs))
		b->strs[type] = s;
	inl = min(len, (u32)C2A_EVENT_TEXT - b->text_used);
	memcpy(b->rec->ev.text + b->text_used, s, inl);
	b->text_used += inl;
	ref->type = type;
	ref->flags = flags;
	ref->inl = inl;
	ref->len = len;
	if (flags & C2A_STRF_TRUNC)
		b->rec->hdr.flags |= C2A_RF_TRUNC;
	if (inl == len)
		return;
	sp->data = s + inl;
	sp->offset = inl;
	sp->len = len - inl;
	sp->type = type;
	b->nspill++;
	b->nparts += DIV_ROUND_UP(len - inl, C2A_CONT_DATA);
}

void c2a_builder_add_cstr(struct c2a_builder *b, u8 type, const char *s)
{
	c2a_builder_add(b, type, s, strlen(s), 0);
}

/* Writes the continuation records of every spilled string. */
static void c2a_write_conts(struct c2a_ring *r, struct c2a_builder *b)
{
	const struct c2a_record *head = b->rec;
	u32 part = 1, i, off;

	for (i = 0; i < b->nspill; i++) {
		const struct c2a_spill *sp = &b->spill[i];

		for (off = 0; off < sp->len; off += C2A_CONT_DATA, part++) {
			struct c2a_record *rec = c2a_ring_slot(r, part);
			u32 len = min_t(u32, sp->len - off, C2A_CONT_DATA);

			c2a_record_init(rec, C2A_REC_CONT);
			rec->hdr.time_ns = head->hdr.time_ns;
			rec->hdr.nparts = b->nparts;
			rec->hdr.part = part;
			rec->cont.strtype = sp->type;
			rec->cont.len = len;
			rec->cont.offset = sp->offset + off;
			rec->cont.head_seq = r->next_seq;
			memcpy(rec->cont.data, sp->data + off, len);
		}
	}
}

/* Writes the event into @r, whose lock the caller holds, if it has room. */
bool c2a_ring_put(struct c2a_ring *r, struct c2a_builder *b)
{
	if (!c2a_ring_reserve(r, b->nparts))
		return false;
	memcpy(c2a_ring_slot(r, 0), b->rec, sizeof(*b->rec));
	c2a_write_conts(r, b);
	c2a_ring_publish(r, b->nparts);
	return true;
}

/* Copies the event into this CPU's ring, if there is room; the lock is dropped. */
static bool c2a_try_commit(struct c2a_builder *b, struct c2a_ring **full)
{
	unsigned long flags;
	struct c2a_ring *r = c2a_ring_lock(&flags);
	u64 fill;

	if (!c2a_ring_put(r, b)) {
		c2a_ring_unlock(r, flags);
		*full = r;
		return false;
	}
	fill = c2a_ring_fill(r);
	c2a_ring_unlock(r, flags);
	c2a_reader_kick(fill);
	return true;
}

/* Commits from a context that may not wait (a probe): a full ring drops. */
void c2a_commit_nowait(struct c2a_builder *b)
{
	struct c2a_ring *full;

	b->rec->hdr.nparts = b->nparts;
	if (!c2a_try_commit(b, &full))
		c2a_loss(b->nparts, C2A_LOSS_RING_FULL);
}

/*
 * Commits the event, waiting for room when block mode lets this task wait
 * (overflow.c); an event that cannot be committed is lost with accounting.
 */
static void c2a_commit(struct c2a_builder *b)
{
	unsigned long deadline = c2a_block_deadline();
	struct c2a_ring *full;
	u32 why;

	b->rec->hdr.nparts = b->nparts;
	while (!c2a_try_commit(b, &full)) {
		why = c2a_block_verdict();
		if (!why) {
			/* Wake the reader now: a ring is full. */
			c2a_reader_kick(U64_MAX);
			why = c2a_block_wait(full, deadline);
		}
		if (why) {
			c2a_loss(b->nparts, why);
			return;
		}
	}
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
	struct c2a_builder b = { .rec = &cap->rec, .nparts = 1 };
	struct c2a_record *rec = &cap->rec;
	struct c2a_syscall *sys = &rec->ev.u.sys;
	unsigned int i;
	bool selected;

	c2a_record_init(rec, C2A_REC_SYSCALL);
	rec->hdr.time_ns = cap->e.time_ns;
	c2a_subject_fill(&rec->ev.subj);
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

/* Commits an event built outside this file, and releases its buffers. */
void c2a_builder_commit(struct c2a_builder *b)
{
	c2a_commit(b);
	c2a_builder_release(b);
}

/*
 * A CONFIG record, made in the task changing the configuration (or
 * refused), with @n strings that must stay valid until the call returns.
 */
void c2a_emit_config_strs(u32 item, s32 result, u64 old_val, u64 new_val,
			  const struct c2a_cfgstr *strs, unsigned int n)
{
	/* A capture gives the room: only its record is used. */
	struct c2a_capture *cap = kmem_cache_zalloc(c2a_capture_cache, GFP_KERNEL);
	struct c2a_builder b = { .nparts = 1 };
	struct c2a_config *cfg;
	unsigned int i;

	if (!cap) {
		c2a_loss(1, C2A_LOSS_NOMEM);
		return;
	}
	b.rec = &cap->rec;
	cfg = &b.rec->ev.u.cfg;
	c2a_record_init(b.rec, C2A_REC_CONFIG);
	b.rec->hdr.time_ns = ktime_get_real_ns();
	c2a_subject_fill(&b.rec->ev.subj);
	cfg->item = item;
	cfg->result = result;
	cfg->old_val = old_val;
	cfg->new_val = new_val;
	c2a_subject_add_exe(&b);
	for (i = 0; i < n; i++)
		c2a_builder_add_cstr(&b, strs[i].type, strs[i].s);
	c2a_commit(&b);
	c2a_builder_release(&b);
	kmem_cache_free(c2a_capture_cache, cap);
}

/* A CONFIG record with a rule's @text, or none. */
void c2a_emit_config(u32 item, s32 result, u64 old_val, u64 new_val,
		     const char *text)
{
	struct c2a_cfgstr rule = { C2A_STR_RULE, text };

	c2a_emit_config_strs(item, result, old_val, new_val, &rule, !!text);
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
