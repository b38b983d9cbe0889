// SPDX-License-Identifier: GPL-2.0
/*
 * The detector's processes (detect_int.h): a pool fixed at creation, a
 * hash of tgids over it, and a list from the most recently seen to the
 * least, whose tail makes room for a new process and expires first.
 * Links are pool indexes, -1 for none.
 */
#include <stdlib.h>
#include <string.h>

#include "detect_int.h"

static uint32_t bucket_of(const struct det_procs *t, uint32_t tgid)
{
	return (tgid * 2654435761U) & t->mask;
}

int det_procs_init(struct det_procs *t, uint32_t cap)
{
	uint32_t nb = 1;

	memset(t, 0, sizeof(*t));
	while (nb < 2 * cap)
		nb <<= 1;
	t->pool = calloc(cap, sizeof(*t->pool));
	t->heads = malloc(nb * sizeof(*t->heads));
	if (!t->pool || !t->heads) {
		det_procs_free(t);
		return -1;
	}
	memset(t->heads, 0xff, nb * sizeof(*t->heads));
	t->mask = nb - 1;
	t->cap = cap;
	for (uint32_t i = 0; i < cap; i++)
		t->pool[i].hnext = i + 1 < cap ? (int32_t)i + 1 : -1;
	t->free = cap ? 0 : -1;
	t->lru = t->lru_tail = -1;
	return 0;
}

void det_procs_free(struct det_procs *t)
{
	free(t->pool);
	free(t->heads);
	memset(t, 0, sizeof(*t));
}

static void lru_unlink(struct det_procs *t, int32_t i)
{
	struct det_proc *p = &t->pool[i];

	if (p->prev >= 0)
		t->pool[p->prev].next = p->next;
	else
		t->lru = p->next;
	if (p->next >= 0)
		t->pool[p->next].prev = p->prev;
	else
		t->lru_tail = p->prev;
}

static void lru_push(struct det_procs *t, int32_t i)
{
	struct det_proc *p = &t->pool[i];

	p->prev = -1;
	p->next = t->lru;
	if (t->lru >= 0)
		t->pool[t->lru].prev = i;
	else
		t->lru_tail = i;
	t->lru = i;
}

static void hash_unlink(struct det_procs *t, int32_t i)
{
	int32_t *link = &t->heads[bucket_of(t, t->pool[i].tgid)];

	while (*link != i)
		link = &t->pool[*link].hnext;
	*link = t->pool[i].hnext;
}

/* Returns the slot of the least recently seen process to the free list. */
static void drop_tail(struct det_procs *t)
{
	int32_t i = t->lru_tail;

	lru_unlink(t, i);
	hash_unlink(t, i);
	t->pool[i].hnext = t->free;
	t->free = i;
	t->used--;
}

void det_proc_reset(struct det_proc *p)
{
	struct det_proc keep = *p;

	memset(p, 0, sizeof(*p));
	p->tgid = keep.tgid;
	p->hnext = keep.hnext;
	p->prev = keep.prev;
	p->next = keep.next;
	p->seen = keep.seen;
}

struct det_proc *det_procs_get(struct det_procs *t, uint32_t tgid,
			       uint64_t now)
{
	uint32_t b = bucket_of(t, tgid);
	struct det_proc *p;
	int32_t i;

	for (i = t->heads[b]; i >= 0; i = t->pool[i].hnext)
		if (t->pool[i].tgid == tgid)
			break;
	if (i >= 0) {
		lru_unlink(t, i);
	} else {
		if (t->free < 0) {
			drop_tail(t);
			t->evicted++;
		}
		i = t->free;
		t->free = t->pool[i].hnext;
		p = &t->pool[i];
		memset(p, 0, sizeof(*p));
		p->tgid = tgid;
		p->hnext = t->heads[b];
		t->heads[b] = i;
		t->used++;
	}
	lru_push(t, i);
	p = &t->pool[i];
	if (now > p->seen)
		p->seen = now;
	return p;
}

void det_procs_expire(struct det_procs *t, uint64_t cutoff)
{
	while (t->lru_tail >= 0 && t->pool[t->lru_tail].seen < cutoff) {
		drop_tail(t);
		t->expired++;
	}
}
