/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_SUBJECT_H
#define _C2A_SUBJECT_H

#include <linux/uidgid.h>

#include "c2audit.h"

struct c2a_builder;
struct c2a_who;

/*
 * An id as records and rules state it: as the initial user namespace sees
 * it. That namespace's map is the identity (kernel/user.c), so this is
 * from_kuid(&init_user_ns, k) without its extent search, which an event
 * would otherwise run some thirty times.
 */
static inline u32 c2a_uid(kuid_t k)
{
	return __kuid_val(k);
}

static inline u32 c2a_gid(kgid_t k)
{
	return __kgid_val(k);
}

void c2a_subject_fill(struct c2a_subject *s);
void c2a_subject_from_who(struct c2a_subject *s, const struct c2a_who *w);
void c2a_subject_add_exe(struct c2a_builder *b);

/* exe.c: the executable's path, kept per process. */
int c2a_exe_init(void);
void c2a_exe_hook(unsigned long (*lookup)(const char *name));
void c2a_exe_unhook(void);
void c2a_exe_exit(void);

#endif /* _C2A_SUBJECT_H */
