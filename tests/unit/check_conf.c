// SPDX-License-Identifier: GPL-2.0
/* c2auditd.conf parsing: every key, and bad lines with their errors. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "suites.h"

static char err[1024];
static uint64_t seen;

static void line_ok(struct conf *c, const char *line)
{
	err[0] = '\0';
	ck_assert_msg(conf_line(c, line, &seen, err, sizeof(err)) == 0,
		      "'%s': %s", line, err);
}

static void line_bad(const char *line, const char *want)
{
	struct conf c;
	uint64_t s = 0;

	conf_init(&c);
	err[0] = '\0';
	ck_assert_msg(conf_line(&c, line, &s, err, sizeof(err)) == -1,
		      "'%s' was accepted", line);
	ck_assert_msg(strstr(err, want), "'%s': error '%s' lacks '%s'", line,
		      err, want);
}

START_TEST(defaults_are_documented_ones)
{
	struct conf c;
	char flush[32];

	conf_init(&c);
	ck_assert_str_eq(c.log_dir, "/var/log/c2audit");
	ck_assert_str_eq(c.rules_file, "/etc/c2audit/rules.d");
	ck_assert_str_eq(c.key_file, "");
	ck_assert_str_eq(c.device, "/dev/audit");
	conf_flush_name(&c, flush, sizeof(flush));
	ck_assert_str_eq(flush, "batch");
	ck_assert_uint_eq(c.max_log_file, 8 << 20);
	ck_assert_uint_eq(c.num_logs, 5);
	ck_assert_int_eq(c.disk_full_action, ACT_SUSPEND);
	ck_assert_int_eq(c.admin_space_left_action, ACT_SUSPEND);
	ck_assert(!c.forward_verify);
	ck_assert_int_eq(conf_check(&c, err, sizeof(err)), 0);
}
END_TEST

START_TEST(every_key_is_parsed)
{
	struct conf c;
	char flush[32];

	conf_init(&c);
	seen = 0;
	line_ok(&c, "log_dir = /srv/audit   # the trail");
	line_ok(&c, "rules_file=none");
	line_ok(&c, "  key_file =\t/etc/c2audit/trail.key  ");
	line_ok(&c, "device = /dev/audit2");
	line_ok(&c, "flush = interval:250");
	line_ok(&c, "read_batch = 4096");
	line_ok(&c, "max_log_file = 512K");
	line_ok(&c, "max_log_file_action = keep_logs");
	line_ok(&c, "num_logs = 0");
	line_ok(&c, "space_left = 10%");
	line_ok(&c, "space_left_action = rotate");
	line_ok(&c, "admin_space_left = 5%");
	line_ok(&c, "admin_space_left_action = halt");
	line_ok(&c, "disk_full_action = ignore");
	line_ok(&c, "disk_error_action = suspend");
	line_ok(&c, "forward_verify = yes");
	line_ok(&c, "# only a comment");
	line_ok(&c, "   ");
	ck_assert_str_eq(c.log_dir, "/srv/audit");
	ck_assert_str_eq(c.rules_file, "");
	ck_assert_str_eq(c.key_file, "/etc/c2audit/trail.key");
	ck_assert_str_eq(c.device, "/dev/audit2");
	conf_flush_name(&c, flush, sizeof(flush));
	ck_assert_str_eq(flush, "interval:250");
	ck_assert_uint_eq(c.read_batch, 4096);
	ck_assert_uint_eq(c.max_log_file, 512 << 10);
	ck_assert_int_eq(c.max_log_file_action, ACT_KEEP_LOGS);
	ck_assert_uint_eq(c.num_logs, 0);
	ck_assert_uint_eq(c.space_left.percent, 10);
	ck_assert_int_eq(c.space_left_action, ACT_ROTATE);
	ck_assert_uint_eq(c.admin_space_left.percent, 5);
	ck_assert_int_eq(c.admin_space_left_action, ACT_HALT);
	ck_assert_int_eq(c.disk_full_action, ACT_IGNORE);
	ck_assert_int_eq(c.disk_error_action, ACT_SUSPEND);
	ck_assert(c.forward_verify);
	ck_assert_int_eq(conf_check(&c, err, sizeof(err)), 0);
}
END_TEST

START_TEST(sizes_and_units)
{
	struct conf c;

	conf_init(&c);
	seen = 0;
	line_ok(&c, "max_log_file = 3");
	ck_assert_uint_eq(c.max_log_file, 3 << 20);
	seen = 0;
	line_ok(&c, "max_log_file = 2g");
	ck_assert_uint_eq(c.max_log_file, 2ULL << 30);
	seen = 0;
	line_ok(&c, "max_log_file = 0");
	ck_assert_uint_eq(c.max_log_file, 0);
	line_ok(&c, "space_left = 100K");
	ck_assert_uint_eq(c.space_left.bytes, 100 << 10);
	ck_assert_uint_eq(c.space_left.percent, 0);
	line_ok(&c, "flush = none");
	ck_assert(!c.log_group.set);
	line_ok(&c, "log_group = 0");
	ck_assert(c.log_group.set);
	ck_assert_uint_eq(c.log_group.gid, 0);
	seen = 0;
	line_ok(&c, "log_group = root");
	ck_assert_str_eq(c.log_group.name, "root");
	seen = 0;
	line_ok(&c, "log_group = none");
	ck_assert(!c.log_group.set);
}
END_TEST

START_TEST(bad_lines_say_what_was_expected)
{
	line_bad("log_dir", "'log_dir': expected KEY = VALUE");
	line_bad("logdir = /x", "unknown key 'logdir'; the keys are log_dir, log_group, rules_file");
	line_bad("log_dir = relative/dir", "expected an absolute path");
	line_bad("forward_verify = 1", "forward_verify = '1': expected yes or no");
	line_bad("forward_verify = Yes", "expected yes or no");
	line_bad("log_group = no-such-group-here", "expected a group of this system");
	line_bad("log_group = 4294967295", "expected a group of this system");
	line_bad("log_dir =", "log_dir = '': expected an absolute path");
	line_bad("rules_file = rules.conf", "an absolute path, or none");
	line_bad("flush = always", "expected none, batch or interval:MS");
	line_bad("flush = interval:", "interval:MS");
	line_bad("flush = interval:0", "interval:MS");
	line_bad("flush = interval:10ms", "interval:MS");
	line_bad("read_batch = 0", "1 to 65536");
	line_bad("read_batch = 70000", "1 to 65536");
	line_bad("read_batch = -5", "1 to 65536");
	line_bad("max_log_file = 10T", "NK, NM, NG");
	line_bad("max_log_file = 10 M", "NK, NM, NG");
	line_bad("max_log_file = 99999999999999999999", "NK, NM, NG");
	line_bad("max_log_file = 17179869184G", "NK, NM, NG");
	line_bad("space_left = 100%", "percentage N% below 100");
	line_bad("space_left = -1%", "percentage");
	line_bad("num_logs = many", "0 (keep all) to 100000");
	line_bad("disk_full_action = panic", "ignore, syslog, suspend, rotate, keep_logs or halt");
	line_bad("disk_full_action = SUSPEND", "ignore, syslog");
}
END_TEST

START_TEST(a_key_given_twice_is_an_error)
{
	struct conf c;

	conf_init(&c);
	seen = 0;
	line_ok(&c, "num_logs = 3");
	err[0] = '\0';
	ck_assert_int_eq(conf_line(&c, "num_logs = 4", &seen, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "num_logs is set twice"), "%s", err);
}
END_TEST

START_TEST(keys_are_checked_together)
{
	struct conf c;

	conf_init(&c);
	c.num_logs = 1;
	ck_assert_int_eq(conf_check(&c, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "num_logs = 1"), "%s", err);
	conf_init(&c);
	c.admin_space_left.bytes = c.space_left.bytes + 1;
	ck_assert_int_eq(conf_check(&c, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "admin_space_left is more than space_left"), "%s", err);
	/* Thresholds in different units cannot be compared. */
	c.space_left = (struct conf_space){ .percent = 5 };
	ck_assert_int_eq(conf_check(&c, err, sizeof(err)), 0);
}
END_TEST

/* conf_load() reports every bad line as FILE:LINE on stderr. */
START_TEST(file_errors_name_file_and_line)
{
	char path[] = "/tmp/check_conf-XXXXXX", log[] = "/tmp/check_conf-log-XXXXXX";
	const char *text = "# c2auditd.conf\n"
			   "flush = batch\n"
			   "num_logs = 3\n"
			   "bogus = 1\n"
			   "\n"
			   "num_logs = 4\n"
			   "disk_full_action = explode\n";
	char out[4096] = { 0 };
	struct conf c;
	int fd = mkstemp(path), lfd = mkstemp(log);

	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	dup2(lfd, STDERR_FILENO);
	ck_assert_int_eq(conf_load(&c, path), -1);
	ck_assert_int_ge(pread(lfd, out, sizeof(out) - 1, 0), 0);
	ck_assert_msg(strstr(out, ":4: unknown key 'bogus'"), "%s", out);
	ck_assert_msg(strstr(out, ":6: num_logs is set twice"), "%s", out);
	ck_assert_msg(strstr(out, ":7: disk_full_action = 'explode'"), "%s", out);
	ck_assert_msg(strstr(out, path), "%s", out);
	ck_assert_int_eq(conf_load(&c, "/nonexistent/c2auditd.conf"), -1);
	unlink(path);
	unlink(log);
}
END_TEST

START_TEST(good_file_loads)
{
	char path[] = "/tmp/check_conf-XXXXXX";
	const char *text = "log_dir = /srv/trail\nflush = none\n";
	struct conf c;
	int fd = mkstemp(path);

	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	ck_assert_int_eq(conf_load(&c, path), 0);
	ck_assert_str_eq(c.log_dir, "/srv/trail");
	ck_assert_int_eq(c.flush, FLUSH_NONE);
	/* Unset keys keep their defaults. */
	ck_assert_uint_eq(c.num_logs, 5);
	unlink(path);
}
END_TEST

/* The sample file documents the defaults: it must say what the code does. */
START_TEST(sample_file_gives_the_defaults)
{
	struct conf c, d;

	conf_init(&d);
	ck_assert_int_eq(conf_load(&c, "etc/c2auditd.conf"), 0);
	ck_assert_mem_eq(&c, &d, sizeof(c));
}
END_TEST

Suite *conf_suite(void)
{
	Suite *s = suite_create("conf");
	TCase *core = tcase_create("Core"), *errors = tcase_create("Errors");

	tcase_add_test(core, defaults_are_documented_ones);
	tcase_add_test(core, every_key_is_parsed);
	tcase_add_test(core, sizes_and_units);
	tcase_add_test(core, good_file_loads);
	tcase_add_test(core, sample_file_gives_the_defaults);
	tcase_add_test(errors, bad_lines_say_what_was_expected);
	tcase_add_test(errors, a_key_given_twice_is_an_error);
	tcase_add_test(errors, keys_are_checked_together);
	tcase_add_test(errors, file_errors_name_file_and_line);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}
