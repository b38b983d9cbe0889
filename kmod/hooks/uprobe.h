/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_UPROBE_H
#define _C2A_UPROBE_H

#include "c2audit.h"

void c2a_uprobes_stop(void);

/* ioctls; the caller has copied the struct in and copies it out. */
long c2a_uprobe_ioc_add(struct c2a_uprobe_spec *s);
long c2a_uprobe_ioc_del(const struct c2a_uprobe_ref *ref);
long c2a_uprobe_ioc_get(struct c2a_uprobe_spec *s);
long c2a_uprobe_ioc_flush(const struct c2a_command *c);

#endif /* _C2A_UPROBE_H */
