// SPDX-License-Identifier: GPL-2.0
/* Rule sets between the rules file's form and the module's ioctls. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "dev_audit.h"
#include "log.h"
#include "rules_module.h"
#include "settings.h"
#include "uprobes_module.h"

static int rule_ioctl(int fd, unsigned long cmd, void *arg, const char *what)
{
	if (!ioctl(fd, cmd, arg))
		return 0;
	if (errno == EPERM)
		log_warnx("%s: refused: the configuration is locked until reboot (or the device is not open for writing)",
			  what);
	else
		log_warn("%s", what);
	return -1;
}

/* Whether this process has @cap in its effective set. */
static bool has_cap(unsigned int cap)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3] = { 0 };

	if (syscall(SYS_capget, &h, d))
		return false;
	return d[cap / 32].effective & (1U << (cap % 32));
}

/* The module's form of a rule; its strings stay @r's. */
static struct c2a_rule to_module(const struct rule *r)
{
	struct c2a_rule k = r->r;

	k.size = sizeof(k);
	k.exe_ptr = (uintptr_t)r->exe;
	k.exe_len = r->exe ? strlen(r->exe) : 0;
	k.path_ptr = (uintptr_t)r->path;
	k.path_len = r->path ? strlen(r->path) : 0;
	return k;
}

int ruleio_load(int fd, const struct ruleset *rs)
{
	struct c2a_rule *k = calloc(rs->count ? rs->count : 1, sizeof(*k));
	struct c2a_rules_load l = {
		.size = sizeof(l), .count = rs->count, .rule_size = sizeof(*k),
	};
	int ret;

	if (!k)
		fatal("out of memory");
	for (size_t i = 0; i < rs->count; i++)
		k[i] = to_module(&rs->rules[i]);
	l.rules_ptr = (uintptr_t)k;
	ret = rule_ioctl(fd, C2A_IOC_RULES_LOAD, &l, "load the rules");
	free(k);
	return ret;
}

static char *take_string(char *buf, __u32 len)
{
	char *s;

	if (!len)
		return NULL;
	s = strndup(buf, len);
	if (!s)
		fatal("out of memory");
	return s;
}

int ruleio_fetch(int fd, struct ruleset *rs)
{
	static char exe[PATH_MAX], path[PATH_MAX];
	struct c2a_status st;

	memset(rs, 0, sizeof(*rs));
	if (dev_get_status(fd, &st))
		return -1;
	rs->rules = calloc(st.nr_rules ? st.nr_rules : 1, sizeof(*rs->rules));
	if (!rs->rules)
		fatal("out of memory");
	for (unsigned int i = 0; i < st.nr_rules; i++) {
		struct c2a_rule k = {
			.size = sizeof(k), .position = i,
			.exe_ptr = (uintptr_t)exe, .exe_len = sizeof(exe),
			.path_ptr = (uintptr_t)path, .path_len = sizeof(path),
		};
		struct rule *r = &rs->rules[rs->count];

		if (ioctl(fd, C2A_IOC_RULE_GET, &k)) {
			/* The rules changed while they were read. */
			if (errno == ENOENT)
				break;
			log_warn("read rule %u", i);
			ruleset_free(rs);
			return -1;
		}
		r->exe = take_string(exe, k.exe_len);
		r->path = take_string(path, k.path_len);
		k.exe_ptr = k.path_ptr = 0;
		k.exe_len = k.path_len = 0;
		r->r = k;
		rs->count++;
	}
	return 0;
}

int ruleio_add(int fd, const struct rule *r, unsigned int position)
{
	struct c2a_rule k = to_module(r);

	k.position = position;
	return rule_ioctl(fd, C2A_IOC_RULE_ADD, &k, "add the rule");
}

int ruleio_delete(int fd, unsigned int position)
{
	struct c2a_rule_ref ref = { .size = sizeof(ref), .position = position };

	if (!ioctl(fd, C2A_IOC_RULE_DEL, &ref))
		return 0;
	if (errno == ENOENT) {
		log_warnx("there is no rule %u: see `c2audit rules list -n`",
			  position);
		return -1;
	}
	return rule_ioctl(fd, C2A_IOC_RULE_DEL, &ref, "delete the rule");
}

int ruleio_flush(int fd)
{
	struct c2a_command c = { .size = sizeof(c) };

	return rule_ioctl(fd, C2A_IOC_RULES_FLUSH, &c, "flush the rules");
}

int ruleio_lock(int fd)
{
	struct c2a_command c = { .size = sizeof(c) };

	return rule_ioctl(fd, C2A_IOC_LOCK, &c, "lock the configuration");
}

/*
 * What would make a step fail half-way, checked before anything changes:
 * uprobe changes without CAP_SYS_ADMIN, which the module requires for
 * them (a systemd unit's CapabilityBoundingSet may have taken it away).
 * A locked module refuses the first step itself, and audits the attempt.
 */
static int ruleio_check(const struct ruleset *rs, const struct uprobe_set *have)
{
	if (uprobe_set_differs(have, &rs->uprobes) && !has_cap(CAP_SYS_ADMIN)) {
		log_warnx("uprobe statements need CAP_SYS_ADMIN, which this process lacks");
		return -1;
	}
	return 0;
}

/*
 * A rules file's settings, its rules, its uprobes, then its lock, all of
 * them or none: what can be checked is checked first, and when a step
 * still fails, the steps done are undone, so that what was in force
 * before stays (its CONFIG records tell the story).
 */
int ruleio_apply(int fd, const struct ruleset *rs)
{
	struct uprobe_set old_probes = { 0 };
	struct ruleset old_rules = { 0 };
	struct settings before, want;
	int ret = -1;

	if (settings_read(fd, &before) || uprobeio_fetch(fd, &old_probes))
		goto out;
	if (ruleio_check(rs, &old_probes) || ruleio_fetch(fd, &old_rules))
		goto out;
	want = before;
	want.changed = 0;
	for (size_t i = 0; i < rs->nsettings; i++)
		if (!settings_parse(&want, rs->settings[i]))
			goto out;
	before.changed = want.changed;
	if (settings_apply(fd, &want))
		goto undo_settings;
	if (ruleio_load(fd, rs))
		goto undo_settings;
	if (uprobeio_apply(fd, &rs->uprobes))
		goto undo_rules;
	if (rs->lock && ruleio_lock(fd))
		goto undo_uprobes;
	ret = 0;
	goto out;

undo_uprobes:
	uprobeio_apply(fd, &old_probes);
undo_rules:
	ruleio_load(fd, &old_rules);
undo_settings:
	if (settings_apply(fd, &before))
		log_warnx("the settings before could not all be restored: see c2audit status");
out:
	uprobe_set_free(&old_probes);
	ruleset_free(&old_rules);
	return ret;
}
