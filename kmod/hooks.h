/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_HOOKS_H
#define _C2A_HOOKS_H

#include <linux/types.h>

struct c2a_builder;
struct c2a_capture;

/*
 * How one syscall is hooked and what its record holds. The probes sit on
 * the syscall's entry points (64-bit and 32-bit); at_return runs in the
 * return probe, in atomic context, to take references on objects the call
 * produced; capture runs later in the task and fills the object fields.
 */
struct c2a_sysdesc {
	const char *x64;
	const char *ia32;
	u16 sysid;
	s8 dirfd_arg;		/* argument holding a directory fd, or -1 */
	s8 name_arg;		/* argument holding the path name */
	s8 argv_arg;		/* argument holding argv, or -1 */
	void (*at_return)(struct c2a_capture *cap);
	void (*capture)(struct c2a_capture *cap, struct c2a_builder *b);
};

extern const struct c2a_sysdesc c2a_sysdescs[];
extern const unsigned int c2a_nr_sysdescs;

int c2a_hooks_init(void);
void c2a_hooks_exit(void);
unsigned int c2a_hooks_count(void);

#endif /* _C2A_HOOKS_H */
