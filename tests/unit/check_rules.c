// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "array_size.h"
#include "record.h"
#include "rules.h"
#include "suites.h"

static char err[512];

static struct rule parse_ok(const char *line)
{
	struct rule r;

	err[0] = '\0';
	ck_assert_msg(rule_parse_line(line, &r, err, sizeof(err)) == 1,
		      "'%s': %s", line, err);
	return r;
}

static void parse_bad(const char *line, const char *want)
{
	struct rule r;

	err[0] = '\0';
	ck_assert_int_eq(rule_parse_line(line, &r, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, want), "'%s': error '%s' lacks '%s'", line,
		      err, want);
}

static const char *format(const struct rule *r)
{
	static struct buf b;

	buf_reset(&b);
	rule_format(r, &b);
	return buf_cstr(&b);
}

static bool has_sys(const struct rule *r, unsigned int s)
{
	return r->r.syscalls[s / 64] & (1ULL << (s % 64));
}

START_TEST(conditions_are_parsed)
{
	struct rule r = parse_ok("audit syscall=openat,execve success=no "
				 "arch=i386,x86_64 uid=1000-1999 auid!=unset "
				 "gid=0 pid=42 ppid=7 exe=/usr/bin/su "
				 "path=/etc/ key=identity");

	ck_assert_int_eq(r.r.action, C2A_ACT_AUDIT);
	ck_assert(has_sys(&r, C2A_SYS_openat) && has_sys(&r, C2A_SYS_execve));
	ck_assert(!has_sys(&r, C2A_SYS_open));
	ck_assert_int_eq(r.r.outcome, C2A_OUTCOME_FAILURE);
	ck_assert_uint_eq(r.r.arches, (1u << C2A_ARCH_I386) | (1u << C2A_ARCH_X86_64));
	ck_assert_int_eq(r.r.uid.op, C2A_IDOP_IN);
	ck_assert_uint_eq(r.r.uid.lo, 1000);
	ck_assert_uint_eq(r.r.uid.hi, 1999);
	ck_assert_int_eq(r.r.auid.op, C2A_IDOP_OUT);
	ck_assert_uint_eq(r.r.auid.lo, 4294967295u);
	ck_assert_int_eq(r.r.pid, 42);
	ck_assert_int_eq(r.r.ppid, 7);
	ck_assert_str_eq(r.exe, "/usr/bin/su");
	ck_assert_str_eq(r.path, "/etc");
	ck_assert_str_eq(r.r.key, "identity");
	rule_free(&r);
}
END_TEST

START_TEST(classes_and_names)
{
	struct rule r = parse_ok("exclude syscall=@identity uid=root");

	ck_assert_int_eq(r.r.action, C2A_ACT_EXCLUDE);
	ck_assert(has_sys(&r, C2A_SYS_setuid) && has_sys(&r, C2A_SYS_capset));
	ck_assert(!has_sys(&r, C2A_SYS_socket) && !has_sys(&r, C2A_SYS_ptrace));
	ck_assert_uint_eq(r.r.uid.lo, 0);
	rule_free(&r);
	r = parse_ok("audit   # every call, with a comment");
	ck_assert_str_eq(format(&r), "audit");
	rule_free(&r);
}
END_TEST

/* Calls appended to the list join their class by name, not by place. */
START_TEST(classes_take_appended_calls)
{
	static const char *const names[] = {
		"@file", "@process", "@identity", "@network", "@system",
	};
	struct rule r[ARRAY_SIZE(names)];

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char line[64];

		snprintf(line, sizeof(line), "audit syscall=%s", names[i]);
		r[i] = parse_ok(line);
	}
	ck_assert(has_sys(&r[0], C2A_SYS_fchmodat2) &&
		  has_sys(&r[0], C2A_SYS_move_mount) &&
		  has_sys(&r[0], C2A_SYS_open_by_handle_at));
	ck_assert(has_sys(&r[1], C2A_SYS_pidfd_send_signal) &&
		  has_sys(&r[1], C2A_SYS_process_vm_writev) &&
		  has_sys(&r[1], C2A_SYS_setns) &&
		  has_sys(&r[1], C2A_SYS_unshare));
	ck_assert(has_sys(&r[4], C2A_SYS_kexec_file_load) &&
		  has_sys(&r[4], C2A_SYS_stime) &&
		  has_sys(&r[4], C2A_SYS_clock_adjtime) &&
		  has_sys(&r[4], C2A_SYS_swapon));
	ck_assert(!has_sys(&r[4], C2A_SYS_unshare) &&
		  !has_sys(&r[0], C2A_SYS_kexec_file_load));
	/* Every call is in exactly one class. */
	for (unsigned int s = 1; s < C2A_SYS_COUNT; s++) {
		int n = 0;

		for (size_t i = 0; i < ARRAY_SIZE(names); i++)
			n += has_sys(&r[i], s);
		ck_assert_msg(n == 1, "%s is in %d classes", sys_name(s), n);
	}
	/* `rules list` names a class's members; they read back the same. */
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct rule again = parse_ok(format(&r[i]));

		ck_assert(!memcmp(&again.r, &r[i].r, sizeof(again.r)));
		rule_free(&again);
		rule_free(&r[i]);
	}
}
END_TEST

START_TEST(round_trip)
{
	static const char *const lines[] = {
		"audit",
		"exclude auid=unset",
		"audit syscall=open,openat,openat2 success=no key=failed-open",
		"audit arch=i386,x32 uid!=0-999 euid=0",
		"audit syscall=execve exe=\"/opt/my app/run\" path=/srv/data key=a.b:c/d",
		"exclude gid=100 pid=1 ppid=2",
		"audit lsm=file_open,inode_permission success=no uid=65534 key=denied",
		"exclude lsm=@all uid=0",
		"audit syscall=kill,fchmodat2,move_mount,pidfd_send_signal,stime,kexec_file_load,unshare",
		"audit syscall=pivot_root,open_by_handle_at,fsconfig key=mounts",
		/* Found by fuzz_rules: blanks other than space and tab. */
		"audit exe=\"/opt/m\001\014app/run\" path=\"/a\vb\rc\"",
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		struct rule r = parse_ok(lines[i]), again;
		char *first = strdup(format(&r));

		ck_assert_str_eq(first, lines[i]);
		again = parse_ok(first);
		ck_assert_str_eq(format(&again), first);
		ck_assert(!memcmp(&again.r, &r.r, sizeof(r.r)));
		free(first);
		rule_free(&r);
		rule_free(&again);
	}
}
END_TEST

START_TEST(errors_say_what_is_wrong)
{
	parse_bad("allow syscall=openat", "expected audit or exclude");
	parse_bad("audit syscall=frobnicate", "'frobnicate' is not an audited syscall");
	parse_bad("audit syscall=@nope", "is not an audited syscall or class");
	parse_bad("audit arch=sparc", "'sparc' is not an arch");
	parse_bad("audit success=maybe", "expected yes or no");
	parse_bad("audit uid=abc-def-ghi", "expected a number, a range N-M");
	parse_bad("audit uid=no_such_user_here", "a user name");
	parse_bad("audit gid=no_such_group_here", "a group name");
	parse_bad("audit uid=unset", "a user name");
	parse_bad("audit uid=10-5", "the range 10-5 is empty");
	parse_bad("audit uid=1 uid=2", "'uid' is given twice");
	parse_bad("audit pid=-3", "expected a process id");
	parse_bad("audit pid!=3", "only the ids and exit take !=");
	parse_bad("audit exe=relative/path", "expected an absolute path");
	parse_bad("audit key=has space", "'space': expected NAME=VALUE");
	parse_bad("audit key=", "no value");
	parse_bad("audit key=0123456789012345678901234567890123", "1 to 31");
	parse_bad("audit key=semi;colon", "1 to 31");
	parse_bad("audit color=red", "not a condition");
	parse_bad("audit openat", "expected NAME=VALUE");
	parse_bad("audit exe=\"/unclosed", "a quote is not closed");
	parse_bad("audit lsm=nope", "'nope' is not an LSM hook");
	parse_bad("audit lsm=capable syscall=openat", "lsm= selects hook events only");
	parse_bad("audit arch=i386 lsm=capable", "lsm= selects hook events only");
	parse_bad("audit lsm=file_open path=/etc", "lsm= selects hook events only");
	parse_bad("audit lsm=capable exit=-EPERM", "lsm= selects hook events only");
	parse_bad("audit lsm=capable a0=1", "lsm= selects hook events only");
	parse_bad("audit cmp=uid!=gid", "compares two uids");
	parse_bad("audit cmp=uid<euid", "expected ID=ID or ID!=ID");
	parse_bad("audit a0=1 a0=2", "'a0' is given twice");
	parse_bad("audit a1&zz", "expected a number");
	parse_bad("audit perm=rz", "expected letters of r, w, x, a");
	parse_bad("audit exit=-ENOSUCHERR", "expected a result");
	parse_bad("audit exit=1,2,3,4,5,6,7,8,9", "more than 8 results");
	parse_bad("audit i386=nosuchcall", "not an i386 call");
	parse_bad("audit path=/a file=/a", "'file' and 'path' do not go together");
	parse_bad("audit key=a,,b", "1 to 31");
}
END_TEST

/* The conditions auditctl's rules brought, printed back as parsed. */
START_TEST(auditctl_conditions_round_trip)
{
	static const char *const lines[] = {
		"audit syscall=execve arch=x86_64 euid=0 cmp=uid!=euid key=setuid",
		"audit syscall=open,openat success=no suid=0 fsuid=1-5 egid!=7 sgid=3 fsgid=4 exit=-EACCES,-EPERM",
		"exclude syscall=openat exit!=-ENOENT a0=0x1 a1!=0x2 a2&0x40 a3&=0x3",
		"audit syscall=chown arch=i386 perm=wa i386=chown,chown32 file=/etc/passwd key=a,b",
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		struct rule r = parse_ok(lines[i]);

		ck_assert_str_eq(format(&r), lines[i]);
		rule_free(&r);
	}
}
END_TEST

START_TEST(lsm_hooks_are_parsed)
{
	struct rule r = parse_ok("audit lsm=capable,task_kill");

	ck_assert_uint_eq(r.r.lsm_hooks,
			  (1u << C2A_LSM_capable) | (1u << C2A_LSM_task_kill));
	ck_assert(!has_sys(&r, C2A_SYS_kill));
	rule_free(&r);
	r = parse_ok("audit lsm=@all,capable");
	ck_assert_uint_eq(r.r.lsm_hooks, ((1u << C2A_LSM_COUNT) - 1) & ~1u);
	ck_assert_str_eq(format(&r), "audit lsm=@all");
	rule_free(&r);
}
END_TEST

static const char *write_file(const char *text)
{
	static char path[] = "/tmp/check_rules_XXXXXX";
	int fd;

	strcpy(path, "/tmp/check_rules_XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

START_TEST(files_with_settings_and_lock)
{
	const char *path = write_file(
		"# baseline\n"
		"set overflow=block block_timeout=5000\n"
		"\n"
		"exclude auid=unset   # daemons\n"
		"audit syscall=@system key=system\n"
		"lock\n");
	struct ruleset rs;

	ck_assert_int_eq(ruleset_parse_file(path, &rs), 0);
	ck_assert_uint_eq(rs.count, 2);
	ck_assert_uint_eq(rs.nsettings, 2);
	ck_assert_str_eq(rs.settings[1], "block_timeout=5000");
	ck_assert(rs.lock);
	ck_assert_int_eq(rs.rules[0].r.action, C2A_ACT_EXCLUDE);
	ruleset_free(&rs);
	unlink(path);
}
END_TEST

START_TEST(bad_files_fail_whole)
{
	const char *path = write_file(
		"audit syscall=openat\n"
		"audit syscall=nope\n"
		"set overflow=sometimes\n"
		"lock\n"
		"audit\n");
	struct ruleset rs;

	ck_assert_int_eq(ruleset_parse_file(path, &rs), -1);
	ck_assert_uint_eq(rs.count, 0);
	unlink(path);
	ck_assert_int_eq(ruleset_parse_file("/nonexistent/rules", &rs), -1);
}
END_TEST

Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *core = tcase_create("Core");
	TCase *errors = tcase_create("Errors");

	tcase_add_test(core, conditions_are_parsed);
	tcase_add_test(core, classes_and_names);
	tcase_add_test(core, classes_take_appended_calls);
	tcase_add_test(core, round_trip);
	tcase_add_test(core, lsm_hooks_are_parsed);
	tcase_add_test(core, auditctl_conditions_round_trip);
	tcase_add_test(core, files_with_settings_and_lock);
	tcase_add_test(errors, errors_say_what_is_wrong);
	tcase_add_test(errors, bad_files_fail_whole);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}
