/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_LOCK_H
#define _C2A_LOCK_H

#include <linux/types.h>

struct c2a_sysdesc;

int c2a_lock(void);
bool c2a_lock_guards(const struct c2a_sysdesc *d);
long c2a_lock_refuse(void);
bool c2a_lock_unloads_us(void);

#endif /* _C2A_LOCK_H */
