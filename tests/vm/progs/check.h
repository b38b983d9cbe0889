/* SPDX-License-Identifier: GPL-2.0 */
/* CHECK(cond, fmt, ...): the test programs' assertion: say where, exit 1. */
#ifndef C2A_CHECK_H
#define C2A_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			printf("FAIL %s:%d: ", __func__, __LINE__);	\
			printf(__VA_ARGS__);				\
			printf("\n");					\
			exit(1);					\
		}							\
	} while (0)

#endif
