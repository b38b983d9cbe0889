// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "array_size.h"
#include "match_filter.h"
#include "suites.h"

static struct fields f;

static void field(const char *key, enum fld_kind kind, const char *v,
		  size_t len)
{
	f.f[f.n++] = (struct field){ key, kind, v, len };
}

static void setup(void)
{
	memset(&f, 0, sizeof(f));
	field("syscall", FLD_NUM, "openat", 6);
	field("uid", FLD_NUM, "1000", 4);
	field("comm", FLD_STR, "cat", 3);
	field("path", FLD_STR, "/etc/shadow", 11);
	field("argv", FLD_LIST, "ls\0-l\0/tmp", 10);
}

static bool matches(const char *const *specs, size_t n)
{
	struct match_filter m = { 0 };
	char err[256];
	bool hit;

	for (size_t i = 0; i < n; i++)
		ck_assert_msg(!match_add(&m, specs[i], err, sizeof(err)),
			      "%s: %s", specs[i], err);
	hit = match_fields(&m, &f);
	match_free(&m);
	return hit;
}

#define MATCH(...) matches((const char *const[]){ __VA_ARGS__ }, \
	sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

START_TEST(equal_and_alternatives)
{
	ck_assert(MATCH("syscall=openat"));
	ck_assert(MATCH("syscall=execve,openat"));
	ck_assert(!MATCH("syscall=execve"));
	ck_assert(!MATCH("syscall=open"));	/* whole values only */
	ck_assert(MATCH("uid=1000"));
}
END_TEST

START_TEST(negation_and_absent_fields)
{
	ck_assert(MATCH("comm!=bash,sh"));
	ck_assert(!MATCH("comm!=cat"));
	ck_assert(!MATCH("key=files"));		/* absent: no match */
	ck_assert(MATCH("key!=files"));		/* absent: not equal */
}
END_TEST

START_TEST(globs)
{
	ck_assert(MATCH("path=/etc/*"));
	ck_assert(MATCH("path=/etc/sha?ow"));
	ck_assert(MATCH("comm=[bc]at"));
	ck_assert(!MATCH("path=/usr/*"));
	ck_assert(MATCH("path!=/usr/*"));
}
END_TEST

START_TEST(lists_match_any_element)
{
	ck_assert(MATCH("argv=-l"));
	ck_assert(MATCH("argv=/tm*"));
	ck_assert(!MATCH("argv=ls -l"));
	ck_assert(MATCH("argv!=-x"));
}
END_TEST

START_TEST(all_conditions_must_hold)
{
	ck_assert(MATCH("syscall=openat", "uid=1000", "comm!=bash"));
	ck_assert(!MATCH("syscall=openat", "uid=0"));
	ck_assert(MATCH());			/* no condition: everything */
}
END_TEST

START_TEST(bad_conditions)
{
	static const char *const bad[] = { "", "=x", "Key=x", "uid", "uid<3",
					   "uid!x", " uid=1" };
	struct match_filter m = { 0 };
	char err[256];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		err[0] = '\0';
		ck_assert_int_eq(match_add(&m, bad[i], err, sizeof(err)), -1);
		ck_assert_msg(strstr(err, bad[i]) != NULL, "%s", err);
	}
	ck_assert_uint_eq(m.n, 0);
	match_free(&m);
}
END_TEST

Suite *match_suite(void)
{
	Suite *s = suite_create("match");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, equal_and_alternatives);
	tcase_add_test(tc, negation_and_absent_fields);
	tcase_add_test(tc, globs);
	tcase_add_test(tc, lists_match_any_element);
	tcase_add_test(tc, all_conditions_must_hold);
	tcase_add_test(tc, bad_conditions);
	suite_add_tcase(s, tc);
	return s;
}
