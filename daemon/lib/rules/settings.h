/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_SETTINGS_H
#define C2A_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "c2audit.h"

/* The module's settings, as one struct to read, change and apply. */
struct settings {
	bool enabled;
	struct c2a_overflow overflow;
	unsigned int slots;
	unsigned int changed;	/* SET_* of what to apply */
};

#define SET_ENABLED	0x01
#define SET_OVERFLOW	0x02
#define SET_SLOTS	0x04

int settings_read(int fd, struct settings *s);
bool settings_check(struct settings *s, const char *kv, char *err, size_t len);
bool settings_parse(struct settings *s, const char *kv);
int settings_apply(int fd, const struct settings *s);
const char *overflow_name(unsigned int mode);
const char *failure_name(unsigned int action);

#endif
