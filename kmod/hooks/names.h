/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_NAMES_H
#define _C2A_NAMES_H

#include <linux/list.h>
#include <linux/types.h>

struct c2a_capture;
struct c2a_kname;
struct pt_regs;

/*
 * A function called inside a watched call, hooked for its arguments
 * (before it runs) or its result (after).
 */
struct c2a_inner {
	const char *symbol;
	/* NULL: every watched call; else only the calls it says (atomic) */
	bool (*wants)(const struct c2a_capture *cap);
	void (*before)(struct c2a_capture *cap, const unsigned long *args);
	void (*after)(struct c2a_capture *cap, const unsigned long *args,
		      unsigned long ret);
	unsigned long addr;		/* found at init; 0: not hooked */
	unsigned long resume;		/* past its ftrace call, once seen */
	struct hlist_node node;		/* in names.c's table, by addr */
};

extern struct c2a_inner c2a_name_inners[], c2a_acted_inners[];

struct c2a_capture *c2a_watched(void);

int c2a_names_init(unsigned long (*lookup)(const char *name));
void c2a_names_exit(void);
void c2a_names_hook(bool on);
void c2a_names_watch(struct c2a_capture *cap, struct pt_regs *fn_args);
void c2a_names_unwatch(struct c2a_capture *cap);
const struct c2a_kname *c2a_kname_find(struct c2a_capture *cap, u8 pos,
				       const void __user *uptr);
void c2a_knames_free(struct c2a_capture *cap);

#endif /* _C2A_NAMES_H */
