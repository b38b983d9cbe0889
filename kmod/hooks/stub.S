/* SPDX-License-Identifier: GPL-2.0 */
#include <linux/linkage.h>
#include <asm/unwind_hints.h>

/*
 * A function that returns at once: a probe that refuses a call points the
 * call's ip here, with the error already in rax.
 */
SYM_FUNC_START(c2a_return_stub)
	RET
SYM_FUNC_END(c2a_return_stub)

/*
 * long c2a_call_orig(a0, a1, a2, a3, a4, fn): calls the hooked function at
 * fn, the instruction after its ftrace call (c2a_past_fentry()), with the
 * five arguments its wrapper was given (hooks.c). Not through an indirect
 * call: with IBT, a function no one takes the address of has its ENDBR
 * sealed at boot, and an indirect call to it faults. Returning to fn, with
 * the address of .Lorig_done below it, reaches it all the same.
 */
SYM_FUNC_START(c2a_call_orig)
	lea	.Lorig_done(%rip), %rax
	push	%rax
	push	%r9
	xor	%r9d, %r9d
	/* As at a function's entry: what RET pops is where it goes. */
	UNWIND_HINT_FUNC
	RET
.Lorig_done:
	/* fn returned here: the stack is as it was at our own entry. */
	UNWIND_HINT_FUNC
	RET
SYM_FUNC_END(c2a_call_orig)
