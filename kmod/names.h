/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_NAMES_H
#define _C2A_NAMES_H

#include <linux/types.h>

struct c2a_capture;
struct c2a_kname;
struct pt_regs;

int c2a_names_init(unsigned long (*lookup)(const char *name));
void c2a_names_exit(void);
void c2a_names_hook(bool on);
void c2a_names_watch(struct c2a_capture *cap, struct pt_regs *fn_args);
void c2a_names_unwatch(struct c2a_capture *cap);
const struct c2a_kname *c2a_kname_find(struct c2a_capture *cap, u8 pos,
				       const void __user *uptr);
void c2a_knames_free(struct c2a_capture *cap);

#endif /* _C2A_NAMES_H */
