/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_CANARY_H
#define _C2A_CANARY_H

#include <linux/types.h>

int c2a_canary_start(void);
void c2a_canary_stop(void);
bool c2a_kprobes_disarmed(void);

#endif /* _C2A_CANARY_H */
