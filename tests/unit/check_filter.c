// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "array_size.h"
#include "filter.h"
#include "recgen.h"
#include "render.h"
#include "suites.h"

#define NS	1000000000ULL

/* 2026-11-22T12:00:00Z */
static const time_t now = 1795348800;

static struct filter f;
static struct evt got;
static char err[256];

/* The assembler frees an event's strings once it was handed over. */
static void keep(const struct evt *ev, void *ctx)
{
	static char data[C2A_STR_SLOTS][4096];

	(void)ctx;
	got = *ev;
	for (unsigned int i = 0; i < ev->nstr; i++) {
		ck_assert_uint_lt(ev->str[i].len, sizeof(data[i]));
		memcpy(data[i], ev->str[i].data, ev->str[i].len + 1);
		got.str[i].data = data[i];
	}
}

/* An openat of @path by uid @uid that returned @ret, as the tools see it. */
static const struct evt *event(const char *path, unsigned int uid, long ret)
{
	struct gen_str s[2] = {
		{ C2A_STR_EXE, "/usr/bin/cat", 12 },
		{ C2A_STR_PATH, path, strlen(path) },
	};
	struct c2a_record r[4];
	struct evt_asm a;
	size_t n = gen_event(r, 4, 0, 1, s, 2);

	r[0].ev.subj.uid = uid;
	r[0].ev.subj.auid = uid;
	r[0].ev.subj.euid = uid ? 0 : 1;
	r[0].ev.subj.ppid = 7;
	r[0].ev.subj.sessionid = 3;
	r[0].ev.u.sys.ret = ret;
	strcpy(r[0].ev.key, "files,identity");
	evt_asm_init(&a, keep, NULL);
	for (size_t i = 0; i < n; i++)
		evt_asm_feed(&a, &r[i]);
	evt_asm_flush(&a);
	evt_asm_free(&a);
	return &got;
}

static void setup(void)
{
	filter_init(&f);
}

static void teardown(void)
{
	filter_free(&f);
}

START_TEST(values_of_one_key_are_ored_keys_anded)
{
	ck_assert_int_eq(filter_add(&f, FILTER_UID, "0,1000", err, sizeof(err)), 0);
	ck_assert(filter_match(&f, event("/etc/passwd", 1000, 3)));
	ck_assert(filter_match(&f, event("/etc/passwd", 0, 3)));
	ck_assert(!filter_match(&f, event("/etc/passwd", 5, 3)));
	ck_assert_int_eq(filter_add(&f, FILTER_SYSCALL, "execve", err, sizeof(err)), 0);
	ck_assert(!filter_match(&f, event("/etc/passwd", 0, 3)));
	ck_assert_int_eq(filter_add(&f, FILTER_SYSCALL, "openat", err, sizeof(err)), 0);
	ck_assert(filter_match(&f, event("/etc/passwd", 0, 3)));
}
END_TEST

START_TEST(path_prefix_takes_whole_components)
{
	ck_assert_int_eq(filter_add(&f, FILTER_PATH, "/etc/", err, sizeof(err)), 0);
	ck_assert(filter_match(&f, event("/etc", 0, 3)));
	ck_assert(filter_match(&f, event("/etc/shadow", 0, 3)));
	ck_assert(!filter_match(&f, event("/etcetera/x", 0, 3)));
	ck_assert(!filter_match(&f, event("/var/etc/x", 0, 3)));
}
END_TEST

START_TEST(path_glob)
{
	ck_assert_int_eq(filter_add(&f, FILTER_PATH, "/home/*/.ssh/*", err, sizeof(err)), 0);
	ck_assert(filter_match(&f, event("/home/al/.ssh/id_rsa", 0, 3)));
	ck_assert(!filter_match(&f, event("/home/al/.ssh", 0, 3)));
	filter_free(&f);
	/* a comma belongs to the path, not a list */
	ck_assert_int_eq(filter_add(&f, FILTER_PATH, "/tmp/a,b", err, sizeof(err)), 0);
	ck_assert(filter_match(&f, event("/tmp/a,b", 0, 3)));
}
END_TEST

START_TEST(success_and_failure)
{
	f.outcome = FILTER_FAILURE;
	ck_assert(filter_match(&f, event("/x", 0, -13)));
	ck_assert(!filter_match(&f, event("/x", 0, 3)));
	f.outcome = FILTER_SUCCESS;
	ck_assert(filter_match(&f, event("/x", 0, 3)));
	/* a pointer-sized return is not an error */
	ck_assert(filter_match(&f, event("/x", 0, -5000)));
}
END_TEST

START_TEST(exe_comm_key_pid)
{
	ck_assert_int_eq(filter_add(&f, FILTER_EXE, "/usr/bin/*", err, sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&f, FILTER_COMM, "cat", err, sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&f, FILTER_KEY, "files", err, sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&f, FILTER_PID, "42", err, sizeof(err)), 0);
	ck_assert(filter_match(&f, event("/x", 0, 3)));
	filter_free(&f);
	ck_assert_int_eq(filter_add(&f, FILTER_COMM, "ca", err, sizeof(err)), 0);
	ck_assert(!filter_match(&f, event("/x", 0, 3)));
	filter_free(&f);
	ck_assert_int_eq(filter_add(&f, FILTER_KEY, "file", err, sizeof(err)), 0);
	ck_assert(!filter_match(&f, event("/x", 0, 3)));
}
END_TEST

/* The auditctl-era filters: effective uid, parent, session, result. */
START_TEST(euid_ppid_session_exit_and_several_keys)
{
	ck_assert_int_eq(filter_add(&f, FILTER_EUID, "0", err, sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&f, FILTER_PPID, "7", err, sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&f, FILTER_SESSION, "3", err, sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&f, FILTER_EXIT, "-EACCES,-EPERM", err, sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&f, FILTER_KEY, "identity", err, sizeof(err)), 0);
	ck_assert(filter_match(&f, event("/x", 1000, -13)));
	ck_assert(filter_match(&f, event("/x", 1000, -1)));
	ck_assert(!filter_match(&f, event("/x", 1000, -2)));
	ck_assert(!filter_match(&f, event("/x", 0, -13)));
	filter_free(&f);
	ck_assert_int_eq(filter_add(&f, FILTER_EXIT, "3", err, sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&f, FILTER_SESSION, "unset,4", err, sizeof(err)), 0);
	ck_assert(!filter_match(&f, event("/x", 0, 3)));
	filter_free(&f);
	ck_assert_int_eq(filter_add(&f, FILTER_KEY, "identit", err, sizeof(err)), 0);
	ck_assert(!filter_match(&f, event("/x", 0, 3)));
	ck_assert_int_eq(filter_add(&f, FILTER_EXIT, "-ENOSUCH", err, sizeof(err)), -1);
	ck_assert_int_eq(filter_add(&f, FILTER_PPID, "x", err, sizeof(err)), -1);
}
END_TEST

START_TEST(bad_values_are_refused_with_a_reason)
{
	ck_assert_int_eq(filter_add(&f, FILTER_SYSCALL, "getpid", err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "getpid"));
	ck_assert_int_eq(filter_add(&f, FILTER_PID, "12x", err, sizeof(err)), -1);
	ck_assert_int_eq(filter_add(&f, FILTER_UID, "no-such-user-here", err, sizeof(err)), -1);
	ck_assert_int_eq(filter_add(&f, FILTER_UID, ",", err, sizeof(err)), -1);
	ck_assert_int_eq(filter_add(&f, FILTER_TYPE, "cont", err, sizeof(err)), -1);
	ck_assert_int_eq(filter_add(&f, FILTER_AUID, "unset", err, sizeof(err)), 0);
}
END_TEST

START_TEST(loss_markers_pass_all_but_time_and_type)
{
	struct evt ev = { .nstr = 0 };

	gen_loss(&ev.rec, 0, 9, 3, 6, C2A_LOSS_RING_FULL);
	ck_assert_int_eq(filter_add(&f, FILTER_UID, "1000", err, sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&f, FILTER_PATH, "/etc", err, sizeof(err)), 0);
	f.outcome = FILTER_FAILURE;
	ck_assert(filter_match(&f, &ev));
	f.has_since = true;
	f.since_ns = ev.rec.hdr.time_ns + 1;
	ck_assert(!filter_match(&f, &ev));
	f.has_since = false;
	ck_assert_int_eq(filter_add(&f, FILTER_TYPE, "syscall", err, sizeof(err)), 0);
	ck_assert(!filter_match(&f, &ev));
}
END_TEST

START_TEST(time_range_is_half_open)
{
	const struct evt *ev = event("/x", 0, 3);
	uint64_t t = ev->rec.hdr.time_ns;

	f.has_since = f.has_until = true;
	f.since_ns = t;
	f.until_ns = t + 1;
	ck_assert(filter_match(&f, ev));
	f.until_ns = t;
	ck_assert(!filter_match(&f, ev));
}
END_TEST

static uint64_t when(const char *s)
{
	uint64_t ns = 0;

	ck_assert_msg(!filter_parse_time(s, now, &ns, err, sizeof(err)),
		      "%s: %s", s, err);
	return ns;
}

START_TEST(times_absolute_and_relative)
{
	ck_assert_uint_eq(when("now"), now * NS);
	ck_assert_uint_eq(when("@1700000000"), 1700000000 * NS);
	ck_assert_uint_eq(when("@1700000000.25"), 1700000000 * NS + NS / 4);
	ck_assert_uint_eq(when("2026-11-22T10:00:00Z"), (now - 7200) * NS);
	ck_assert_uint_eq(when("2026-11-22T10:00:00.5Z"), (now - 7200) * NS + NS / 2);
	ck_assert_uint_eq(when("2026-11-22T11:00:00+01:00"), (now - 7200) * NS);
	ck_assert_uint_eq(when("2026-11-22T05:00:00-0500"), (now - 7200) * NS);
	ck_assert_uint_eq(when("15m"), (now - 900) * NS);
	ck_assert_uint_eq(when("-2h"), (now - 7200) * NS);
	ck_assert_uint_eq(when("1d ago"), (now - 86400) * NS);
	ck_assert_uint_eq(when("1w"), (now - 7 * 86400) * NS);
}
END_TEST

START_TEST(times_in_local_time)
{
	setenv("TZ", "UTC", 1);
	tzset();
	ck_assert_uint_eq(when("2026-11-22 10:00"), (now - 7200) * NS);
	ck_assert_uint_eq(when("2026-11-22 10:00:30"), (now - 7170) * NS);
	ck_assert_uint_eq(when("2026-11-22"), (now - 43200) * NS);
	ck_assert_uint_eq(when("10:00"), (now - 7200) * NS);
	ck_assert_uint_eq(when("today"), (now - 43200) * NS);
	ck_assert_uint_eq(when("yesterday"), (now - 43200 - 86400) * NS);
	setenv("TZ", "EST5", 1);
	tzset();
	ck_assert_uint_eq(when("2026-11-22 05:00"), (now - 7200) * NS);
}
END_TEST

START_TEST(bad_times)
{
	uint64_t ns;
	static const char *const bad[] = {
		"", "yesterday-ish", "15x", "2026-13-01", "10:00 pm", "@", "@1.0000000001",
		"2026-11-22T10:00:00+25:00", "5m later", "2026-11-22T10:00:00Zjunk",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(filter_parse_time(bad[i], now, &ns, err, sizeof(err)) == -1,
			      "'%s' was taken", bad[i]);
	ck_assert_ptr_nonnull(strstr(err, "not a time"));
}
END_TEST

static const char *json(const struct evt *ev)
{
	static struct buf b;
	struct fields fl;

	fields_build(ev, &fl);
	buf_reset(&b);
	render_json(&fl, &b);
	return buf_cstr(&b);
}

START_TEST(json_escapes_and_keeps_exact_bytes)
{
	const char *j = json(event("/tmp/a\"b\\c\nd\x01\xff", 1000, -2));

	ck_assert_ptr_nonnull(strstr(j, "\"path\":\"/tmp/a\\\"b\\\\c\\nd\\u0001\xef\xbf\xbd\""));
	ck_assert_ptr_nonnull(strstr(j, "\"path_hex\":\"2f746d7"));
	ck_assert_ptr_nonnull(strstr(j, "5c630a6401ff\""));
	ck_assert_ptr_nonnull(strstr(j, "\"seq\":1,"));
	ck_assert_ptr_nonnull(strstr(j, "\"exit\":-2,"));
	ck_assert_ptr_nonnull(strstr(j, "\"success\":\"no\""));
	ck_assert_ptr_nonnull(strstr(j, "\"type\":\"syscall\""));
	ck_assert_ptr_null(strchr(j, '\n'));
	ck_assert_int_eq(j[0], '{');
	ck_assert_int_eq(j[strlen(j) - 1], '}');
	j = json(event("/tmp/caf\xc3\xa9", 0, 3));
	ck_assert_ptr_nonnull(strstr(j, "\"path\":\"/tmp/caf\xc3\xa9\""));
	ck_assert_ptr_null(strstr(j, "path_hex"));
}
END_TEST

START_TEST(json_argv_is_an_array)
{
	struct gen_str s = { C2A_STR_ARGV, "ls\0-l\0\0x", 8 };
	struct c2a_record r[2];
	struct evt_asm a;
	size_t n = gen_event(r, 2, 0, 1, &s, 1);

	r[0].ev.u.sys.sysid = C2A_SYS_execve;
	evt_asm_init(&a, keep, NULL);
	for (size_t i = 0; i < n; i++)
		evt_asm_feed(&a, &r[i]);
	evt_asm_flush(&a);
	evt_asm_free(&a);
	ck_assert_msg(strstr(json(&got), "\"argv\":[\"ls\",\"-l\",\"\",\"x\"]"), "%s", json(&got));
}
END_TEST

Suite *filter_suite(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("filter");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, values_of_one_key_are_ored_keys_anded);
	tcase_add_test(tc, path_prefix_takes_whole_components);
	tcase_add_test(tc, path_glob);
	tcase_add_test(tc, success_and_failure);
	tcase_add_test(tc, exe_comm_key_pid);
	tcase_add_test(tc, euid_ppid_session_exit_and_several_keys);
	tcase_add_test(tc, bad_values_are_refused_with_a_reason);
	tcase_add_test(tc, loss_markers_pass_all_but_time_and_type);
	tcase_add_test(tc, time_range_is_half_open);
	tcase_add_test(tc, times_absolute_and_relative);
	tcase_add_test(tc, times_in_local_time);
	tcase_add_test(tc, bad_times);
	tcase_add_test(tc, json_escapes_and_keeps_exact_bytes);
	tcase_add_test(tc, json_argv_is_an_array);
	suite_add_tcase(s, tc);
	return s;
}
