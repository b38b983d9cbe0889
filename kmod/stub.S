/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A function that returns at once: a probe that refuses a call points the
 * call's ip here, with the error already in rax.
 */
#include <linux/linkage.h>

SYM_FUNC_START(c2a_return_stub)
	RET
SYM_FUNC_END(c2a_return_stub)
