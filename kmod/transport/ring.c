// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU rings of fixed-size records, ids and loss markers. See ring.h
 * for the layout and the ordering rules.
 */
#include <linux/minmax.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "main.h"
#include "ring.h"

void c2a_record_init(struct c2a_record *rec, u16 type)
{
	memset(rec, 0, sizeof(*rec));
	rec->hdr.version = C2A_ABI_VERSION;
	rec->hdr.type = type;
	rec->hdr.size = C2A_RECORD_SIZE;
	rec->hdr.nparts = 1;
}

static struct c2a_record *c2a_slots_alloc(u32 slots, int cpu)
{
	return vzalloc_node(array_size(slots, sizeof(struct c2a_record)),
			    cpu_to_node(cpu));
}

/* A ring of @slots records whose ids say they come from @cpu. */
int c2a_ring_init(struct c2a_ring *r, u32 slots, int cpu)
{
	raw_spin_lock_init(&r->lock);
	r->cpu = cpu;
	r->next_seq = 1;
	r->mask = slots - 1;
	r->slots = c2a_slots_alloc(slots, cpu);
	return r->slots ? 0 : -ENOMEM;
}

int c2a_rings_alloc(struct c2a_ring __percpu **rings, u32 slots)
{
	struct c2a_ring __percpu *all;
	int cpu;

	all = alloc_percpu(struct c2a_ring);
	if (!all)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		if (c2a_ring_init(per_cpu_ptr(all, cpu), slots, cpu)) {
			c2a_rings_free(all);
			return -ENOMEM;
		}
	}
	*rings = all;
	return 0;
}

void c2a_rings_free(struct c2a_ring __percpu *rings)
{
	int cpu;

	for_each_possible_cpu(cpu)
		vfree(per_cpu_ptr(rings, cpu)->slots);
	free_percpu(rings);
}

/* Moves the records waiting in r into fresh, which then replaces r's slots. */
static void c2a_ring_move(struct c2a_ring *r, struct c2a_record *fresh,
			  u32 slots)
{
	u32 fill = r->head - r->tail;
	u32 i;

	for (i = 0; i < fill; i++)
		fresh[i] = r->slots[(r->tail + i) & r->mask];
	r->slots = fresh;
	r->mask = slots - 1;
	WRITE_ONCE(r->tail, 0);
	WRITE_ONCE(r->head, fill);
	r->high_water = fill;
}

/*
 * Gives every ring @slots slots, keeping the records they hold. The caller
 * holds the read lock, so no copy-out is under way. A ring holding more
 * records than fit keeps its old slots and the call fails with -EBUSY.
 */
int c2a_rings_resize(struct c2a_ring __percpu *rings, u32 slots)
{
	struct c2a_record **fresh;
	unsigned long flags;
	int cpu, err = 0;

	fresh = kcalloc(nr_cpu_ids, sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		fresh[cpu] = c2a_slots_alloc(slots, cpu);
		if (!fresh[cpu]) {
			err = -ENOMEM;
			goto out_free;
		}
	}
	for_each_possible_cpu(cpu) {
		struct c2a_ring *r = per_cpu_ptr(rings, cpu);
		struct c2a_record *old = r->slots;

		raw_spin_lock_irqsave(&r->lock, flags);
		if (r->head - r->tail <= slots) {
			c2a_ring_move(r, fresh[cpu], slots);
			fresh[cpu] = old;
		} else {
			err = -EBUSY;
		}
		raw_spin_unlock_irqrestore(&r->lock, flags);
	}
out_free:
	for_each_possible_cpu(cpu)
		vfree(fresh[cpu]);
	kfree(fresh);
	return err;
}

/* Locks this CPU's ring; interrupts stay off until c2a_ring_unlock(). */
struct c2a_ring *c2a_ring_lock(unsigned long *flags)
	__acquires(ring)
{
	struct c2a_ring *r;

	local_irq_save(*flags);
	r = this_cpu_ptr(c2a.rings);
	raw_spin_lock(&r->lock);
	return r;
}

void c2a_ring_unlock(struct c2a_ring *r, unsigned long flags)
	__releases(ring)
{
	raw_spin_unlock(&r->lock);
	local_irq_restore(flags);
}

static u32 c2a_ring_free_slots(struct c2a_ring *r)
{
	/* Pairs with smp_store_release() in c2a_ring_copy_out(). */
	u64 tail = smp_load_acquire(&r->tail);

	return r->mask + 1 - (u32)(r->head - tail);
}

struct c2a_record *c2a_ring_slot(struct c2a_ring *r, u32 i)
{
	return &r->slots[(r->head + i) & r->mask];
}

/* Stamps ids on the n slots at head and makes them visible to the reader. */
void c2a_ring_publish(struct c2a_ring *r, u32 n)
{
	u64 fill;
	u32 i;

	for (i = 0; i < n; i++) {
		struct c2a_record *rec = c2a_ring_slot(r, i);

		rec->hdr.seq = r->next_seq + i;
		rec->hdr.cpu = r->cpu;
	}
	r->next_seq += n;
	r->produced += n;
	/* Pairs with smp_load_acquire() in c2a_ring_copy_out(). */
	smp_store_release(&r->head, r->head + n);
	fill = r->head - READ_ONCE(r->tail);
	if (fill > r->high_water)
		r->high_water = fill;
}

static void c2a_ring_write_loss(struct c2a_ring *r)
{
	struct c2a_record *rec = c2a_ring_slot(r, 0);

	c2a_record_init(rec, C2A_REC_LOSS);
	rec->hdr.time_ns = ktime_get_real_ns();
	rec->loss.first_seq = r->lost_first;
	rec->loss.count = r->lost_count;
	rec->loss.reasons = r->lost_reasons;
	r->lost_count = 0;
	r->lost_reasons = 0;
	c2a_ring_publish(r, 1);
}

/*
 * Makes room for an event of n records, writing first the marker of any
 * loss not yet reported so it precedes the next record. False when the
 * ring cannot take marker and event together.
 */
bool c2a_ring_reserve(struct c2a_ring *r, u32 n)
{
	u32 need = n + (r->lost_count ? 1 : 0);

	lockdep_assert_held(&r->lock);
	if (c2a_ring_free_slots(r) < need)
		return false;
	if (r->lost_count)
		c2a_ring_write_loss(r);
	return true;
}

/* Consumes n ids for records that will never be written. */
void c2a_ring_drop(struct c2a_ring *r, u64 n, u32 reasons)
{
	lockdep_assert_held(&r->lock);
	if (!r->lost_count)
		r->lost_first = r->next_seq;
	r->lost_count += n;
	r->lost_reasons |= reasons;
	r->next_seq += n;
	r->dropped += n;
	if (reasons & C2A_LOSS_MISSED)
		r->missed += n;
}

u64 c2a_ring_fill(struct c2a_ring *r)
{
	return READ_ONCE(r->head) - READ_ONCE(r->tail);
}

bool c2a_ring_readable(struct c2a_ring *r)
{
	return c2a_ring_fill(r) || READ_ONCE(r->lost_count);
}

/*
 * Reports a loss even when no record follows it for a while, so a reader
 * that has caught up learns of the gap without waiting for new events.
 */
void c2a_ring_flush_loss(struct c2a_ring *r)
{
	unsigned long flags;

	if (!READ_ONCE(r->lost_count))
		return;
	raw_spin_lock_irqsave(&r->lock, flags);
	if (r->lost_count && c2a_ring_free_slots(r))
		c2a_ring_write_loss(r);
	raw_spin_unlock_irqrestore(&r->lock, flags);
}

/*
 * Copies up to max whole records to user memory and frees their slots.
 * Returns the number copied, or -EFAULT when none could be.
 */
long c2a_ring_copy_out(struct c2a_ring *r, char __user *buf, u32 max)
{
	/* Pairs with smp_store_release() in c2a_ring_publish(). */
	u64 head = smp_load_acquire(&r->head);
	u64 tail = r->tail;
	u32 n = min_t(u64, head - tail, max);
	u32 done = 0;
	bool fault = false;

	while (done < n) {
		u32 idx = (tail + done) & r->mask;
		u32 chunk = min(n - done, r->mask + 1 - idx);
		size_t bytes = (size_t)chunk * C2A_RECORD_SIZE;
		size_t left;

		left = copy_to_user(buf + (size_t)done * C2A_RECORD_SIZE,
				    &r->slots[idx], bytes);
		done += (bytes - left) / C2A_RECORD_SIZE;
		if (left) {
			fault = true;
			break;
		}
	}
	if (!done)
		return fault ? -EFAULT : 0;
	/* Before the slot is freed: a producer may then fill it. */
	WRITE_ONCE(r->delivered_seq,
		   r->slots[(tail + done - 1) & r->mask].hdr.seq);
	/* Pairs with smp_load_acquire() in c2a_ring_free_slots(). */
	smp_store_release(&r->tail, tail + done);
	WRITE_ONCE(r->delivered, r->delivered + done);
	return done;
}
