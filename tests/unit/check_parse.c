// SPDX-License-Identifier: GPL-2.0
/* The words several parsers share (parse.h), and their callers' use. */
#include <string.h>

#include "array_size.h"
#include "parse.h"
#include "settings.h"
#include "suites.h"

START_TEST(bool_words)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	bool b;

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		b = false;
		ck_assert_msg(parse_bool(yes[i], &b) && b, "'%s'", yes[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(no); i++) {
		b = true;
		ck_assert_msg(parse_bool(no[i], &b) && !b, "'%s'", no[i]);
	}
}
END_TEST

START_TEST(bool_bad_words_leave_the_value)
{
	static const char *const bad[] = { "", "Yes", "2", "y", "onn", "yes " };
	bool b = true;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(!parse_bool(bad[i], &b) && b, "'%s' taken", bad[i]);
}
END_TEST

/* settings_check (c2audit set, rules.conf's set) takes the same words. */
START_TEST(settings_take_bool_words)
{
	struct settings s;
	char err[512];

	memset(&s, 0, sizeof(s));
	ck_assert(settings_check(&s, "enabled=yes", err, sizeof(err)));
	ck_assert(s.enabled);
	ck_assert(settings_check(&s, "enabled=false", err, sizeof(err)));
	ck_assert(!s.enabled);
	ck_assert(settings_check(&s, "strict=on", err, sizeof(err)));
	ck_assert(!settings_check(&s, "enabled=maybe", err, sizeof(err)));
	ck_assert_msg(strstr(err, "enabled=maybe"), "error '%s'", err);
}
END_TEST

Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *core = tcase_create("Core"), *errors = tcase_create("Errors");

	tcase_add_test(core, bool_words);
	tcase_add_test(core, settings_take_bool_words);
	tcase_add_test(errors, bool_bad_words_leave_the_value);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}
