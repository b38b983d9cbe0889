// SPDX-License-Identifier: GPL-2.0
/*
 * An event into the ring: the head record and its continuations in one
 * reservation on this CPU's ring; when it is full, dropped with accounting
 * or waiting for room as block mode says (overflow.c). Loss is counted
 * here, and CONFIG records are made and committed here.
 */
#include <linux/limits.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "capture.h"
#include "device.h"
#include "main.h"
#include "overflow.h"
#include "ring.h"
#include "subject.h"

/* The largest event must fit an empty ring of the smallest geometry. */
#define C2A_MAX_PARTS \
	(1 + C2A_STR_SLOTS * DIV_ROUND_UP(PATH_MAX, C2A_CONT_DATA))
static_assert(C2A_MAX_PARTS <= C2A_SLOTS_MIN);

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
void c2a_commit(struct c2a_builder *b)
{
	unsigned long deadline = c2a_block_deadline();
	unsigned long seen;
	struct c2a_ring *full;
	u32 why;

	b->rec->hdr.nparts = b->nparts;
	for (;;) {
		/*
		 * Before the look at the ring: the reader woken below may
		 * free every slot before this task waits, and then no more.
		 */
		seen = c2a_space_seen();
		if (c2a_try_commit(b, &full))
			return;
		why = c2a_block_verdict();
		if (!why) {
			/* Wake the reader now: a ring is full. */
			c2a_reader_kick(U64_MAX);
			why = c2a_block_wait(full, seen, deadline);
		}
		if (why) {
			c2a_loss(b->nparts, why);
			return;
		}
	}
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
	struct c2a_capture *cap = c2a_capture_alloc();
	struct c2a_builder b = { .nparts = 1 };
	struct c2a_config *cfg;
	unsigned int i;

	if (!cap) {
		c2a_loss(1, C2A_LOSS_NOMEM);
		return;
	}
	b.rec = &cap->rec;
	b.own = cap->bufs;
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
	c2a_capture_free(cap);
}

/* A CONFIG record with a rule's @text, or none. */
void c2a_emit_config(u32 item, s32 result, u64 old_val, u64 new_val,
		     const char *text)
{
	struct c2a_cfgstr rule = { C2A_STR_RULE, text };

	c2a_emit_config_strs(item, result, old_val, new_val, &rule, !!text);
}
