/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_OBSERVER_H
#define _C2A_OBSERVER_H

#include <linux/types.h>

#include "c2audit.h"

struct c2a_builder;

long c2a_observe(const struct c2a_observe *req);
unsigned int c2a_observers_count(void);

/*
 * For producers, in any context: whether an observer follows the current
 * task (and, for @hook other than C2A_LSM_none, asked for that hook's
 * events); a copy of an event for each such observer; a loss for each.
 */
bool c2a_observed(u16 hook);
void c2a_observe_event(struct c2a_builder *b, u16 hook);
void c2a_observe_loss(u64 n, u32 reasons);

#endif /* _C2A_OBSERVER_H */
