/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_UPROBES_MODULE_H
#define C2A_UPROBES_MODULE_H

#include <stdbool.h>

#include "uprobes.h"

/* uprobes to and from the module; errors are logged with what to do. */
int uprobeio_fetch(int fd, struct uprobe_set *set);
bool uprobe_set_differs(const struct uprobe_set *have,
			const struct uprobe_set *want);
int uprobeio_apply(int fd, const struct uprobe_set *want);
int uprobeio_flush(int fd);

#endif
