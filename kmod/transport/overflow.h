/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_OVERFLOW_H
#define _C2A_OVERFLOW_H

#include <linux/types.h>

struct c2a_ring;

u32 c2a_block_verdict(void);
unsigned long c2a_space_seen(void);
u32 c2a_block_wait(struct c2a_ring *r, unsigned long seen,
		   unsigned long deadline);
unsigned long c2a_block_deadline(void);
void c2a_space_freed(void);
void c2a_report_loss(u64 n, u32 reasons);

#endif /* _C2A_OVERFLOW_H */
