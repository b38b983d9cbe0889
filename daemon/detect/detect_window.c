// SPDX-License-Identifier: GPL-2.0
/* Sliding-window counts for the detector's rates (detect_int.h). */
#include <string.h>

#include "detect_int.h"

/* Moves the window to @now, emptying the buckets it leaves behind. */
static void advance(struct det_window *w, uint64_t width, uint64_t now)
{
	uint64_t bucket = width / DET_BUCKETS ? width / DET_BUCKETS : 1;
	uint64_t steps;

	if (!w->start) {
		w->start = now - now % bucket;
		return;
	}
	if (now < w->start + bucket)
		return;
	steps = (now - w->start) / bucket;
	if (steps >= DET_BUCKETS) {
		memset(w->n, 0, sizeof(w->n));
		w->total = 0;
	} else {
		for (uint64_t i = 0; i < steps; i++) {
			w->cur = (w->cur + 1) % DET_BUCKETS;
			w->total -= w->n[w->cur];
			w->n[w->cur] = 0;
		}
	}
	w->start += steps * bucket;
}

void det_window_add(struct det_window *w, uint64_t width, uint64_t now,
		    uint32_t k)
{
	advance(w, width, now);
	w->n[w->cur] += k;
	w->total += k;
}

uint32_t det_window_count(struct det_window *w, uint64_t width, uint64_t now)
{
	advance(w, width, now);
	return w->total;
}
