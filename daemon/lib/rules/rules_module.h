/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_RULES_MODULE_H
#define C2A_RULES_MODULE_H

#include "rules.h"

/* Rules to and from the module; errors are logged with what to do. */
int ruleio_load(int fd, const struct ruleset *rs);
int ruleio_fetch(int fd, struct ruleset *rs);
int ruleio_add(int fd, const struct rule *r, unsigned int position);
int ruleio_delete(int fd, unsigned int position);
int ruleio_flush(int fd);
int ruleio_lock(int fd);
int ruleio_apply(int fd, const struct ruleset *rs);

#endif
