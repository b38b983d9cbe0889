// SPDX-License-Identifier: GPL-2.0
/*
 * Events back in time order (detect_int.h). A read() returns records CPU
 * by CPU, and a task's records sit on the CPUs it ran on: a thread's
 * creat on one CPU may come after its unlink on another. Events wait in
 * a min-heap until they are reorder_ms older than the newest; the heap
 * moves small keys, not the events.
 */
#include <stdlib.h>

#include "detect_int.h"

int det_order_init(struct det_order *o, uint32_t cap)
{
	o->cap = cap ? cap : 1;
	o->slots = calloc(o->cap, sizeof(*o->slots));
	o->heap = calloc(o->cap, sizeof(*o->heap));
	o->spare = calloc(o->cap, sizeof(*o->spare));
	o->n = 0;
	o->newest = 0;
	if (!o->slots || !o->heap || !o->spare) {
		det_order_free(o);
		return -1;
	}
	for (uint32_t i = 0; i < o->cap; i++)
		o->spare[i] = o->cap - 1 - i;
	o->nspare = o->cap;
	return 0;
}

void det_order_free(struct det_order *o)
{
	free(o->slots);
	free(o->heap);
	free(o->spare);
	o->slots = NULL;
	o->heap = NULL;
	o->spare = NULL;
	o->n = o->nspare = o->cap = 0;
}

static bool before(const struct det_key *a, const struct det_key *b)
{
	if (a->time_ns != b->time_ns)
		return a->time_ns < b->time_ns;
	if (a->cpu != b->cpu)
		return a->cpu < b->cpu;
	return a->seq < b->seq;
}

static void swap(struct det_key *h, uint32_t i, uint32_t j)
{
	struct det_key t = h[i];

	h[i] = h[j];
	h[j] = t;
}

struct det_event *det_order_reserve(struct det_order *o)
{
	return o->nspare ? &o->slots[o->spare[o->nspare - 1]] : NULL;
}

void det_order_commit(struct det_order *o)
{
	uint32_t slot = o->spare[--o->nspare], i = o->n++;
	const struct det_event *e = &o->slots[slot];

	o->heap[i] = (struct det_key){
		.time_ns = e->time_ns, .seq = e->seq, .cpu = e->cpu,
		.slot = slot,
	};
	while (i && before(&o->heap[i], &o->heap[(i - 1) / 2])) {
		swap(o->heap, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
	if (e->time_ns > o->newest)
		o->newest = e->time_ns;
}

static void sift_down(struct det_order *o)
{
	uint32_t i = 0;

	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < o->n && before(&o->heap[l], &o->heap[m]))
			m = l;
		if (r < o->n && before(&o->heap[r], &o->heap[m]))
			m = r;
		if (m == i)
			return;
		swap(o->heap, i, m);
		i = m;
	}
}

const struct det_event *det_order_peek(const struct det_order *o,
				       uint64_t upto)
{
	if (!o->n || o->heap[0].time_ns > upto)
		return NULL;
	return &o->slots[o->heap[0].slot];
}

void det_order_drop(struct det_order *o)
{
	o->spare[o->nspare++] = o->heap[0].slot;
	o->heap[0] = o->heap[--o->n];
	sift_down(o);
}
