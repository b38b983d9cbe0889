/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_LOCK_H
#define _C2A_LOCK_H

int c2a_lock(void);

#endif /* _C2A_LOCK_H */
