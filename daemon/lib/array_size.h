/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_ARRAY_SIZE_H
#define C2A_ARRAY_SIZE_H

/* The number of elements of an array (not of a pointer), as the kernel's. */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
