/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_RING_H
#define _C2A_RING_H

#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "c2audit.h"

/*
 * One ring per possible CPU: an array of fixed C2A_RECORD_SIZE slots,
 * a power of two long, indexed by free-running positions.
 *
 *            tail                    head
 *   slots:  [....|rrrrrrrrrrrrrrrrrrrr|.......]
 *                 ^ reader copies out  ^ producers write here
 *
 * Producers of a CPU write at head under @lock with interrupts off, so
 * they serialize with each other and with the reader's loss flush; the
 * single reader consumes at tail without the lock. head is published with
 * a release store after the slots are written and read with an acquire
 * load by the reader; tail is published with a release store after the
 * slots are copied out and read with an acquire load by producers.
 *
 * Ids (hdr.seq) are issued from next_seq: a record takes the next one, a
 * lost record consumes one too and is remembered in lost_first/lost_count
 * until a C2A_REC_LOSS marker reporting it takes the ring's next slot.
 */
struct c2a_ring {
	raw_spinlock_t lock;
	struct c2a_record *slots;
	u32 mask;
	u32 cpu;
	u64 head;
	u64 next_seq;
	u64 lost_first;
	u64 lost_count;
	u32 lost_reasons;
	u64 produced;
	u64 dropped;
	u64 missed;
	u64 high_water;
	/* Producers blocked in block mode, from any CPU: atomic. */
	atomic64_t blocked_now;
	atomic64_t blocked_total;
	atomic64_t blocked_ns;

	/* Written by the reader only. */
	u64 tail ____cacheline_aligned_in_smp;
	u64 delivered;
	u64 delivered_seq;		/* id of the last record copied out */
};

int c2a_ring_init(struct c2a_ring *r, u32 slots, int cpu);
int c2a_rings_alloc(struct c2a_ring __percpu **rings, u32 slots);
void c2a_rings_free(struct c2a_ring __percpu *rings);
int c2a_rings_resize(struct c2a_ring __percpu *rings, u32 slots);

struct c2a_ring *c2a_ring_lock(unsigned long *flags) __acquires(ring);
void c2a_ring_unlock(struct c2a_ring *r, unsigned long flags)
	__releases(ring);
bool c2a_ring_reserve(struct c2a_ring *r, u32 n);
struct c2a_record *c2a_ring_slot(struct c2a_ring *r, u32 i);
void c2a_ring_publish(struct c2a_ring *r, u32 n);
void c2a_ring_drop(struct c2a_ring *r, u64 n, u32 reasons);

u64 c2a_ring_fill(struct c2a_ring *r);
bool c2a_ring_readable(struct c2a_ring *r);
void c2a_ring_flush_loss(struct c2a_ring *r);
long c2a_ring_copy_out(struct c2a_ring *r, char __user *buf, u32 max);

void c2a_record_init(struct c2a_record *rec, u16 type);

#endif /* _C2A_RING_H */
