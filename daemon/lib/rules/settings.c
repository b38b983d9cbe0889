// SPDX-License-Identifier: GPL-2.0
/* Reading, parsing and applying the module's settings. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "array_size.h"
#include "dev_audit.h"
#include "log.h"
#include "parse.h"
#include "settings.h"

static const char *const overflow_names[] = { "drop", "block" };
static const char *const failure_names[] = { "none", "log", "panic" };

const char *overflow_name(unsigned int mode)
{
	return mode < ARRAY_SIZE(overflow_names) ? overflow_names[mode] : "unknown";
}

const char *failure_name(unsigned int action)
{
	return action < ARRAY_SIZE(failure_names) ? failure_names[action] : "unknown";
}

int settings_read(int fd, struct settings *s)
{
	struct c2a_status st;

	if (dev_get_status(fd, &st))
		return -1;
	*s = (struct settings){
		.enabled = st.flags & C2A_ST_ENABLED,
		.overflow = {
			.size = sizeof(s->overflow),
			.mode = st.overflow,
			.failure = st.failure,
			.block_timeout_ms = st.block_timeout_ms,
			.flags = st.flags & C2A_ST_STRICT ? C2A_OVF_STRICT : 0,
		},
		.slots = st.slots_per_cpu,
	};
	return 0;
}

static int lookup(const char *const *names, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], v))
			return i;
	return -1;
}

static bool parse_uint(const char *v, unsigned int *out)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || end == v || *end || n > UINT_MAX || *v == '-')
		return false;
	*out = n;
	return true;
}

/* Applies one KEY=VALUE to @s; false, with what is wrong in @err, if bad. */
bool settings_check(struct settings *s, const char *kv, char *err, size_t len)
{
	const char *eq = strchr(kv, '=');
	const char *v = eq ? eq + 1 : "";
	size_t klen = eq ? (size_t)(eq - kv) : strlen(kv);
	bool b;
	int i;

#define KEY(name) (klen == strlen(name) && !strncmp(kv, name, klen))
	if (KEY("enabled") && parse_bool(v, &b)) {
		s->enabled = b;
		s->changed |= SET_ENABLED;
	} else if (KEY("overflow") &&
		   (i = lookup(overflow_names, ARRAY_SIZE(overflow_names), v)) >= 0) {
		s->overflow.mode = i;
		s->changed |= SET_OVERFLOW;
	} else if (KEY("failure") &&
		   (i = lookup(failure_names, ARRAY_SIZE(failure_names), v)) >= 0) {
		s->overflow.failure = i;
		s->changed |= SET_OVERFLOW;
	} else if (KEY("block_timeout") &&
		   parse_uint(v, &s->overflow.block_timeout_ms)) {
		s->changed |= SET_OVERFLOW;
	} else if (KEY("strict") && parse_bool(v, &b)) {
		s->overflow.flags = b ? C2A_OVF_STRICT : 0;
		s->changed |= SET_OVERFLOW;
	} else if (KEY("slots") && parse_uint(v, &s->slots)) {
		s->changed |= SET_SLOTS;
	} else {
		snprintf(err, len, "'%s': expected enabled=yes|no, overflow=drop|block, failure=none|log|panic, block_timeout=MS, strict=yes|no or slots=N",
			 kv);
		return false;
	}
#undef KEY
	return true;
}

bool settings_parse(struct settings *s, const char *kv)
{
	char err[512];

	if (settings_check(s, kv, err, sizeof(err)))
		return true;
	log_warnx("%s", err);
	return false;
}

static int set(int fd, unsigned long cmd, void *arg, const char *what)
{
	if (!ioctl(fd, cmd, arg))
		return 0;
	if (errno == EBUSY && cmd == C2A_IOC_SET_GEOMETRY)
		log_warnx("%s: the ring geometry changes only while auditing is disabled (set enabled=no first)",
			  what);
	else
		log_warn("%s", what);
	return -1;
}

/*
 * Applies what changed. A new geometry needs auditing disabled: it is set
 * before auditing is (re-)enabled and after it is disabled.
 */
int settings_apply(int fd, const struct settings *s)
{
	struct c2a_enable en = { .size = sizeof(en), .enabled = s->enabled };
	struct c2a_geometry g = { .size = sizeof(g), .slots_per_cpu = s->slots };
	struct c2a_overflow o = s->overflow;

	if ((s->changed & SET_ENABLED) && !s->enabled &&
	    set(fd, C2A_IOC_SET_ENABLED, &en, "disable auditing"))
		return -1;
	if ((s->changed & SET_SLOTS) &&
	    set(fd, C2A_IOC_SET_GEOMETRY, &g, "set the ring geometry"))
		return -1;
	if ((s->changed & SET_OVERFLOW) &&
	    set(fd, C2A_IOC_SET_OVERFLOW, &o, "set the overflow policy"))
		return -1;
	if ((s->changed & SET_ENABLED) && s->enabled &&
	    set(fd, C2A_IOC_SET_ENABLED, &en, "enable auditing"))
		return -1;
	return 0;
}
