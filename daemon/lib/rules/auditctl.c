// SPDX-License-Identifier: GPL-2.0
/*
 * auditctl's rules files: each line parsed with libaudit, auditctl's own
 * parser, into its struct audit_rule_data, then translated into the
 * module's rules. What c2audit cannot honour exactly is refused with why
 * (doc/rules.md has the table); nothing is widened or narrowed silently.
 */
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include <libaudit.h>

#include "array_size.h"
#include "auditctl.h"
#include "auditctl_int.h"
#include "conditions.h"
#include "log.h"
#include "record.h"
#include "rules.h"

/* libaudit's parsing state, which auditctl resets for each line. */
extern int _audit_permadded, _audit_archadded, _audit_syscalladded,
	_audit_exeadded, _audit_filterfsadded;
extern unsigned int _audit_elf;

#define NO_LIST		-1

static void reset_libaudit(void)
{
	_audit_permadded = _audit_archadded = _audit_syscalladded = 0;
	_audit_exeadded = _audit_filterfsadded = 0;
	_audit_elf = 0;
}

/* libaudit's messages for its error numbers (its lib/errormsg.h). */
static const char *libaudit_error(int rc)
{
	static const char *const msgs[] = {
		[1] = "missing operator", [2] = "unknown field",
		[3] = "arch must be given before -S",
		[4] = "machine type not found", [5] = "elf mapping not found",
		[6] = "bit level not supported by the machine",
		[7] = "only on the exit list", [8] = "unknown message type",
		[9] = "msgtype goes with the exclude or user list only",
		[11] = "value too long",
		[12] = "only msgtype, ids, pid, subj_* and exe on the exclude list",
		[13] = "only = and != ", [14] = "permissions are of r, w, x, a",
		[15] = "unknown errno", [16] = "unknown file type",
		[17] = "only on the exit and entry lists",
		[19] = "a key needs a watch, syscall or exe before it",
		[20] = "missing value", [21] = "value must be a number",
		[22] = "missing field name", [24] = "-C: missing field name",
		[25] = "-C: missing value", [26] = "-C: unknown field",
		[27] = "-C: unknown value", [28] = "too many fields",
		[29] = "only =", [30] = "not supported by this kernel",
		[31] = "only on the exclude, user or exit list",
		[32] = "no list given (-a LIST,ACTION before it)",
		[33] = "-C: incompatible comparison",
		[34] = "not valid for this list", [36] = "unknown file system type",
		[37] = "value too large", [38] = "unknown user or group",
	};
	rc = -rc;
	return rc > 0 && rc < (int)ARRAY_SIZE(msgs) && msgs[rc] ? msgs[rc] :
	       "invalid";
}

static int lookup_list(const char *s)
{
	static const struct { const char *name; int list; } lists[] = {
		{ "exit", AUDIT_FILTER_EXIT }, { "task", AUDIT_FILTER_TASK },
		{ "user", AUDIT_FILTER_USER }, { "exclude", AUDIT_FILTER_EXCLUDE },
		{ "filesystem", AUDIT_FILTER_FS },
	};

	for (size_t i = 0; i < ARRAY_SIZE(lists); i++)
		if (!strcmp(s, lists[i].name))
			return lists[i].list;
	return NO_LIST;
}

/* -a LIST,ACTION or ACTION,LIST, as auditctl's audit_rule_setup(). */
static int parse_list_action(struct actl *a, const char *opt)
{
	char buf[64], *comma;
	const char *x, *y;

	if (a->list != NO_LIST)
		return ERROR(a, "one -a, -A or -d per line");
	snprintf(buf, sizeof(buf), "%s", opt);
	comma = strchr(buf, ',');
	if (!comma || strchr(comma + 1, ','))
		return ERROR(a, "'%s': expected LIST,ACTION", opt);
	*comma = '\0';
	x = buf;
	y = comma + 1;
	if (lookup_list(x) != NO_LIST) {
		const char *t = x;

		x = y;
		y = t;
	}
	a->list = lookup_list(y);
	if (!strcmp(x, "always"))
		a->action = AUDIT_ALWAYS;
	else if (!strcmp(x, "never"))
		a->action = AUDIT_NEVER;
	else if (!strcmp(x, "possible"))
		return ERROR(a, "'possible' is deprecated");
	else
		a->list = NO_LIST;
	if (a->list == NO_LIST)
		return ERROR(a, "'%s': expected a list (exit, task, user, exclude, filesystem) and always or never",
			     opt);
	return ACTL_OK;
}

static int add_keys(struct actl *a, const char *k)
{
	size_t have = strlen(a->keys);

	if (have + !!have + strlen(k) >= sizeof(a->keys))
		return REFUSE(a, "the keys are longer than the %d bytes c2audit records",
			      C2A_KEY_LEN - 1);
	if (have)
		strcat(a->keys, ",");
	strcat(a->keys, k);
	return ACTL_OK;
}

static int parse_syscalls(struct actl *a, const char *list)
{
	char *copy = strdup(list), *save = NULL;
	int ret = ACTL_OK;

	if (!copy)
		fatal("out of memory");
	if (a->list != AUDIT_FILTER_EXIT) {
		free(copy);
		return ERROR(a, "-S goes with the exit list (-a always,exit) only");
	}
	if (!_audit_elf)
		_audit_elf = audit_machine_to_elf(audit_detect_machine());
	for (char *s = strtok_r(copy, ",", &save); s && !ret;
	     s = strtok_r(NULL, ",", &save)) {
		int rc = audit_rule_syscallbyname_data(a->d, s);

		if (rc == -1)
			ret = ERROR(a, "syscall name unknown: %s", s);
		else if (rc)
			ret = ERROR(a, "elf type unknown: %#x", _audit_elf);
	}
	_audit_syscalladded = 1;
	free(copy);
	return ret;
}

/*
 * exe= needs Linux audit's feature bitmap, which libaudit asks the
 * kernel for: where that fails (no netlink audit socket), the value is
 * still a path, taken as auditctl would.
 */
static int parse_field(struct actl *a, const char *pair)
{
	char *copy;
	int rc;

	if (a->list == NO_LIST)
		return ERROR(a, "-F: no list given (-a LIST,ACTION before it)");
	if (!strncmp(pair, "key=", 4))
		return add_keys(a, pair + 4);
	copy = strdup(pair);
	if (!copy)
		fatal("out of memory");
	rc = audit_rule_fieldpair_data(&a->d, copy, a->list & AUDIT_FILTER_MASK);
	free(copy);
	if (rc == -30 && (!strncmp(pair, "exe=", 4) || !strncmp(pair, "exe!=", 5))) {
		const char *v = strchr(pair, '=') + 1;
		unsigned int i = a->d->field_count, len = strlen(v);

		if (len >= PATH_MAX)
			return ERROR(a, "'%s': path too long", pair);
		a->d = realloc(a->d, sizeof(*a->d) + a->d->buflen + len);
		if (!a->d)
			fatal("out of memory");
		a->d->fields[i] = AUDIT_EXE;
		a->d->fieldflags[i] = pair[3] == '!' ? AUDIT_NOT_EQUAL : AUDIT_EQUAL;
		a->d->values[i] = len;
		memcpy(a->d->buf + a->d->buflen, v, len);
		a->d->buflen += len;
		a->d->field_count++;
		_audit_exeadded = 1;
		return ACTL_OK;
	}
	if (rc)
		return ERROR(a, "-F %s: %s", pair, libaudit_error(rc));
	return ACTL_OK;
}

/* -w PATH, as auditctl's audit_setup_watch_name(): a directory is a tree. */
static int parse_watch(struct actl *a, const char *arg)
{
	char path[PATH_MAX];
	struct stat st;
	size_t len = strlen(arg);
	int type = AUDIT_WATCH;

	if (a->list != NO_LIST)
		return ERROR(a, "a watch does not go with a syscall rule");
	if (arg[0] != '/' || len >= PATH_MAX)
		return ERROR(a, "'%s': a watch needs an absolute path", arg);
	strcpy(path, arg);
	while (len > 2 && path[len - 1] == '/')
		path[--len] = '\0';
	if (!stat(path, &st) && S_ISDIR(st.st_mode))
		type = AUDIT_DIR;
	if (audit_add_watch_dir(type, &a->d, path))
		return ERROR(a, "'%s': not a watch libaudit takes", arg);
	a->list = AUDIT_FILTER_EXIT;
	a->action = AUDIT_ALWAYS;
	a->watch = true;
	_audit_syscalladded = 1;
	return ACTL_OK;
}

static int parse_perms(struct actl *a, const char *p)
{
	int val = 0;

	if (!a->watch)
		return ERROR(a, "-p needs a watch (-w) before it");
	for (; *p; p++) {
		const char *at = strchr("xwra", tolower((unsigned char)*p));

		if (!at)
			return ERROR(a, "permission '%c': expected r, w, x or a", *p);
		val |= 1 << (at - "xwra");
	}
	audit_update_watch_perms(a->d, val);
	return ACTL_OK;
}

/* Linux audit's HZ, the unit of --backlog_wait_time. */
static long kernel_hz(void)
{
	char path[PATH_MAX], line[256];
	struct utsname u;
	long hz = 0;
	FILE *f;

	if (uname(&u))
		return 0;
	snprintf(path, sizeof(path), "/boot/config-%s", u.release);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "CONFIG_HZ=", 10))
			hz = strtol(line + 10, NULL, 10);
	fclose(f);
	return hz;
}

static bool parse_count(const char *s, unsigned long *n)
{
	char *end;

	errno = 0;
	*n = strtoul(s, &end, 0);
	return isdigit((unsigned char)*s) && !errno && !*end && *n <= UINT_MAX;
}

/* The settings: -e, -f, -b, -r, --backlog_wait_time, -D. */
static int parse_setting(struct actl *a, struct ruleset *rs, char opt,
			 const char *arg, bool in_dir)
{
	static const char *const failures[] = { "none", "log", "panic" };
	char kv[64];
	unsigned long n = 0;
	long hz;

	if (opt != 'D' && !parse_count(arg, &n))
		return ERROR(a, "-%c %s: expected a number", opt, arg);
	switch (opt) {
	case 'e':
		if (n > 2)
			return ERROR(a, "-e %s: expected 0, 1 or 2", arg);
		if (n == 2) {
			rs->lock = true;
			return ACTL_OK;
		}
		ruleset_add_setting(rs, n ? "enabled=yes" : "enabled=no");
		return ACTL_OK;
	case 'f':
		if (n > 2)
			return ERROR(a, "-f %s: expected 0, 1 or 2", arg);
		snprintf(kv, sizeof(kv), "failure=%s", failures[n]);
		ruleset_add_setting(rs, kv);
		return ACTL_OK;
	case 'b':
		/* The module's rings are the backlog; their size is slots=. */
		return ACTL_OK;
	case 'r':
		if (n)
			return REFUSE(a, "-r %s: c2audit never drops records to keep a rate",
				      arg);
		return ACTL_OK;
	case 'w':
		hz = kernel_hz();
		if (!hz)
			return REFUSE(a, "--backlog_wait_time is in the kernel's ticks, and its HZ is unknown (no /boot/config-RELEASE): set overflow=block block_timeout=MS");
		snprintf(kv, sizeof(kv), "block_timeout=%lu", n * 1000 / hz);
		ruleset_add_setting(rs, "overflow=block");
		ruleset_add_setting(rs, kv);
		return ACTL_OK;
	case 'D':
		/* augenrules puts -D first; in one file it drops what came before. */
		if (!in_dir)
			ruleset_drop_rules(rs);
		return ACTL_OK;
	}
	return ACTL_OK;
}

static int translate(struct actl *a, struct ruleset *rs);

/* Options that take a value, as auditctl's getopt string. */
static bool takes_value(char opt)
{
	return strchr("CefrbaAdSFmRwWkpq", opt) != NULL;
}

int actl_parse_words(struct ruleset *rs, char **words, int n, bool in_dir,
		     char *err, size_t len)
{
	struct actl a = {
		.list = NO_LIST, .action = -1, .err = err, .len = len,
	};
	int ret = ACTL_OK;
	bool rule = false;

	set_aumessage_mode(MSG_QUIET, DBG_NO);
	reset_libaudit();
	a.d = audit_rule_create_data();
	if (!a.d)
		fatal("out of memory");
	for (int i = 0; i < n && ret == ACTL_OK; i++) {
		const char *w = words[i], *arg = NULL;
		char opt;

		if (!strncmp(w, "--", 2)) {
			if (!strcmp(w, "--backlog_wait_time")) {
				if (i + 1 == n)
					ret = ERROR(&a, "%s needs a value", w);
				else
					ret = parse_setting(&a, rs, 'w', words[++i], in_dir);
			} else if (!strcmp(w, "--loginuid-immutable")) {
				ret = REFUSE(&a, "--loginuid-immutable is Linux audit's setting of the loginuid, which c2audit reads but does not own: set it with auditctl");
			} else {
				ret = REFUSE(&a, "'%s' is not a rule or a setting c2audit has", w);
			}
			continue;
		}
		if (w[0] != '-' || !w[1]) {
			ret = ERROR(&a, "'%s': expected an option", w);
			break;
		}
		opt = w[1];
		if (takes_value(opt) && w[2]) {
			arg = w + 2;
		} else if (takes_value(opt) && i + 1 < n) {
			arg = words[++i];
		} else if (takes_value(opt)) {
			ret = ERROR(&a, "-%c needs a value", opt);
			break;
		} else if (w[2]) {
			ret = ERROR(&a, "'%s': one option per word", w);
			break;
		}
		switch (opt) {
		case 'a':
		case 'A':
			a.prepend = opt == 'A';
			ret = parse_list_action(&a, arg);
			rule = true;
			break;
		case 'S':
			ret = parse_syscalls(&a, arg);
			a.syscalls = true;
			break;
		case 'F':
			ret = parse_field(&a, arg);
			break;
		case 'C':
			if (a.list == NO_LIST)
				ret = ERROR(&a, "-C: no list given");
			else if ((ret = audit_rule_interfield_comp_data(&a.d, arg,
						a.list & AUDIT_FILTER_MASK)))
				ret = ERROR(&a, "-C %s: %s", arg, libaudit_error(ret));
			break;
		case 'k':
			if (!a.watch && a.list == NO_LIST)
				ret = ERROR(&a, "-k needs a watch or syscall rule before it");
			else
				ret = add_keys(&a, arg);
			break;
		case 'w':
			ret = parse_watch(&a, arg);
			rule = true;
			break;
		case 'p':
			ret = parse_perms(&a, arg);
			break;
		case 'e':
		case 'f':
		case 'b':
		case 'r':
		case 'D':
			ret = parse_setting(&a, rs, opt, arg, in_dir);
			break;
		case 'i':
		case 'c':
			ret = REFUSE(&a, "-%c: auditctl's going on past errors; c2audit loads a rule set whole or not at all (--skip-unsupported skips what it cannot honour)",
				     opt);
			break;
		case 'd':
		case 'W':
			ret = REFUSE(&a, "-%c: deleting a rule from a rules file; c2audit loads the whole set instead",
				     opt);
			break;
		default:
			ret = REFUSE(&a, "-%c is a command of auditctl, not a rule or setting",
				     opt);
			break;
		}
	}
	/* auditctl's handle_request(): no -S is every call. */
	if (ret == ACTL_OK && rule && !a.syscalls)
		audit_rule_syscallbyname_data(a.d, "all");
	if (ret == ACTL_OK && rule)
		ret = translate(&a, rs);
	audit_rule_free_data(a.d);
	return ret;
}

/*
 * Linux audit's classes (include/asm-generic/audit_*.h) in the module's
 * calls, as the module's c2a_perm_class(). Calls of a class the module
 * does not hook are named, so that a rule needing them is refused.
 */
static const unsigned short class_write[] = {
	C2A_SYS_open, C2A_SYS_openat, C2A_SYS_openat2,
	C2A_SYS_rename, C2A_SYS_mkdir, C2A_SYS_rmdir, C2A_SYS_creat,
	C2A_SYS_link, C2A_SYS_unlink, C2A_SYS_symlink, C2A_SYS_mknod,
	C2A_SYS_mkdirat, C2A_SYS_mknodat, C2A_SYS_unlinkat, C2A_SYS_renameat,
	C2A_SYS_linkat, C2A_SYS_symlinkat, C2A_SYS_renameat2, C2A_SYS_swapon,
	C2A_SYS_truncate, C2A_SYS_ftruncate, C2A_SYS_bind, 0
};
static const unsigned short class_read[] = {
	C2A_SYS_open, C2A_SYS_openat, C2A_SYS_openat2, 0
};
static const unsigned short class_exec[] = {
	C2A_SYS_execve, C2A_SYS_execveat, 0
};
static const unsigned short class_attr[] = {
	C2A_SYS_chmod, C2A_SYS_fchmod, C2A_SYS_chown, C2A_SYS_lchown,
	C2A_SYS_fchown, C2A_SYS_setxattr, C2A_SYS_lsetxattr,
	C2A_SYS_fsetxattr, C2A_SYS_removexattr, C2A_SYS_lremovexattr,
	C2A_SYS_fremovexattr, C2A_SYS_fchownat, C2A_SYS_fchmodat,
	C2A_SYS_fchmodat2, C2A_SYS_link, C2A_SYS_linkat, 0
};

static void set_sys(struct c2a_rule *r, unsigned int sysid)
{
	r->syscalls[sysid / 64] |= 1ULL << (sysid % 64);
}

static int perm_syscalls(struct actl *a, struct c2a_rule *r, bool never)
{
	/* An exclusion of calls c2audit never audits is exact. */
	if ((r->perm & C2A_PERM_READ) && !never)
		return REFUSE(a, "perm r: Linux's read class holds readlink, getxattr, listxattr and quotactl, which c2audit does not hook");
	for (const unsigned short *s = class_write; (r->perm & C2A_PERM_WRITE) && *s; s++)
		set_sys(r, *s);
	for (const unsigned short *s = class_exec; (r->perm & C2A_PERM_EXEC) && *s; s++)
		set_sys(r, *s);
	for (const unsigned short *s = class_attr; (r->perm & C2A_PERM_ATTR) && *s; s++)
		set_sys(r, *s);
	for (const unsigned short *s = class_read; (r->perm & C2A_PERM_READ) && *s; s++)
		set_sys(r, *s);
	return ACTL_OK;
}

/* An i386 call's name in the module's: the 16-bit, 32-bit uid and 64-bit time calls are one. */
static int sysid_i386(const char *name)
{
	char base[64];
	size_t n = strlen(name);
	int id = sys_lookup(name);

	if (id > 0)
		return id;
	if (!strcmp(name, "umount"))
		return sys_lookup("umount2");
	if (n > 2 && n < sizeof(base) && (!strcmp(name + n - 2, "32") ||
					   !strcmp(name + n - 2, "64"))) {
		memcpy(base, name, n - 2);
		base[n - 2] = '\0';
		return sys_lookup(base);
	}
	return -1;
}

static bool mask_all(const struct audit_rule_data *d)
{
	for (int i = 0; i < AUDIT_BITMASK_SIZE; i++)
		if (d->mask[i] != ~0U)
			return false;
	return true;
}

/*
 * The calls of @arch whose numbers the rule's mask holds (Linux audit
 * matches a call's number in its own arch's table), into @r.
 */
static int mask_syscalls(struct actl *a, struct c2a_rule *r, int machine,
			 bool i386, bool never)
{
	char unknown[256] = "";
	int nunknown = 0;

	for (int nr = 0; nr < AUDIT_BITMASK_SIZE * 32; nr++) {
		const char *name;
		int id;

		if (!(a->d->mask[nr / 32] & (1U << (nr % 32))))
			continue;
		name = audit_syscall_to_name(nr, machine);
		if (!name)
			continue;
		id = i386 ? sysid_i386(name) : sys_lookup(name);
		if (id <= 0) {
			if (!never && nunknown++ < 4)
				snprintf(unknown + strlen(unknown),
					 sizeof(unknown) - strlen(unknown), "%s%s",
					 *unknown ? ", " : "", name);
			continue;
		}
		set_sys(r, id);
		if (i386 && nr < C2A_NR32_WORDS * 64)
			r->nr32[nr / 64] |= 1ULL << (nr % 64);
	}
	if (i386)
		r->rflags |= C2A_RULEF_NR32;
	if (nunknown)
		return REFUSE(a, "%s%s: c2audit does not hook %s%s", i386 ? "i386 " : "",
			      nunknown > 1 ? "calls" : "call", unknown,
			      nunknown > 4 ? ", ..." : "");
	return ACTL_OK;
}

static void emit(struct actl *a, struct ruleset *rs, const struct actl_out *o,
		 const struct c2a_rule *r)
{
	struct rule rule = { .r = *r };

	rule.r.size = sizeof(rule.r);
	rule.path = o->path ? strdup(o->path) : NULL;
	rule.exe = o->exe ? strdup(o->exe) : NULL;
	if ((o->path && !rule.path) || (o->exe && !rule.exe))
		fatal("out of memory");
	ruleset_add_rule(rs, &rule, a->prepend);
}

static int translate(struct actl *a, struct ruleset *rs)
{
	struct actl_out o = { 0 };
	struct c2a_rule *r = &o.r;
	bool never = a->action == AUDIT_NEVER, all = mask_all(a->d);
	bool want64 = true, want32 = true;
	int ret;

	switch (a->list & AUDIT_FILTER_MASK) {
	case AUDIT_FILTER_EXIT:
		break;
	case AUDIT_FILTER_TASK:
		return REFUSE(a, "the task list decides at fork whether a task is audited at all; c2audit rules decide per call");
	case AUDIT_FILTER_EXCLUDE:
		return REFUSE(a, "the exclude list drops record types; c2audit has no such records to drop");
	case AUDIT_FILTER_USER:
		return REFUSE(a, "the user list filters user-space messages, which c2audit does not take");
	case AUDIT_FILTER_FS:
		return REFUSE(a, "the filesystem list (fstype=) drops records by file system; c2audit rules have no such condition");
	default:
		return REFUSE(a, "only the exit list is c2audit's");
	}
	r->action = never ? C2A_ACT_EXCLUDE : C2A_ACT_AUDIT;
	if (a->keys[0] && !rule_valid_key(a->keys))
		return REFUSE(a, "key '%s': c2audit keys are 1 to 31 of A-Za-z0-9-_.:/", a->keys);
	strcpy(r->key, a->keys);
	ret = actl_take_fields(a, &o);
	for (int f = 1; f < C2A_ID_COUNT && !ret; f++)
		ret = idset_to_match(a, &o.ids[f], cond_id_name(f),
				     cond_idmatch(r, f));
	if (ret)
		goto out;
	if (o.arch_elf) {
		bool is64 = o.arch_elf == AUDIT_ARCH_X86_64;

		if (!is64 && o.arch_elf != AUDIT_ARCH_I386) {
			ret = REFUSE(a, "arch: c2audit audits x86_64 and i386 calls");
			goto out;
		}
		want64 = is64 != o.arch_not;
		want32 = !is64 != o.arch_not;
	}
	/*
	 * Every call: c2audit hooks only its own, so only a watch's classes
	 * (perm=) or an exclusion can be exact.
	 */
	if (all && !never && !r->perm) {
		ret = REFUSE(a, o.path ? "a watch without -p (or a path without perm=) is every call that names the path, stat and readlink too; c2audit hooks fewer: give -p wa, or perm=" :
			     "-S all (or no -S) is every call; c2audit hooks fewer, which would audit less than asked");
		goto out;
	}
	if (all) {
		if (r->perm && (ret = perm_syscalls(a, r, never)))
			goto out;
		r->arches = (want64 ? 1u << C2A_ARCH_X86_64 : 0) |
			    (want32 ? 1u << C2A_ARCH_I386 : 0);
		emit(a, rs, &o, r);
		goto out;
	}
	/* the calls named: each arch's own, by number */
	if (want64) {
		struct c2a_rule r64 = *r;

		r64.arches = 1u << C2A_ARCH_X86_64;
		if ((ret = mask_syscalls(a, &r64, MACH_86_64, false, never)))
			goto out;
		if (r64.syscalls[0] || r64.syscalls[1] || r64.syscalls[2] ||
		    r64.syscalls[3])
			emit(a, rs, &o, &r64);
	}
	if (want32) {
		struct c2a_rule r32 = *r;

		r32.arches = 1u << C2A_ARCH_I386;
		if ((ret = mask_syscalls(a, &r32, MACH_X86, true, never)))
			goto out;
		if (r32.syscalls[0] || r32.syscalls[1] || r32.syscalls[2] ||
		    r32.syscalls[3])
			emit(a, rs, &o, &r32);
	}
out:
	free(o.path);
	free(o.exe);
	return ret;
}

bool actl_is_auditctl_line(const char *line)
{
	while (isspace((unsigned char)*line))
		line++;
	return *line == '-';
}
