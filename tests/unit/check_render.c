// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "render.h"
#include "suites.h"

static const char *esc(const char *v, size_t n)
{
	static struct buf b;

	buf_reset(&b);
	render_text_value(&b, v, n);
	return buf_cstr(&b);
}

#define ESC(lit) esc(lit, sizeof(lit) - 1)

START_TEST(plain_values_stay_bare)
{
	ck_assert_str_eq(ESC("/etc/passwd"), "/etc/passwd");
	ck_assert_str_eq(ESC("-1"), "-1");
}
END_TEST

START_TEST(ambiguous_values_are_quoted)
{
	ck_assert_str_eq(ESC(""), "\"\"");
	ck_assert_str_eq(ESC("a b"), "\"a b\"");
	ck_assert_str_eq(ESC("k=v"), "\"k=v\"");
	ck_assert_str_eq(ESC("say \"hi\""), "\"say \\\"hi\\\"\"");
	ck_assert_str_eq(ESC("back\\slash"), "\"back\\\\slash\"");
}
END_TEST

START_TEST(control_bytes_never_break_a_line)
{
	ck_assert_str_eq(ESC("a\nb"), "\"a\\nb\"");
	ck_assert_str_eq(ESC("a\tb"), "\"a\\tb\"");
	ck_assert_str_eq(ESC("a\rb"), "\"a\\x0db\"");
	ck_assert_str_eq(ESC("\x01\x7f"), "\"\\x01\\x7f\"");
	ck_assert_str_eq(ESC("nul\0byte"), "\"nul\\x00byte\"");
}
END_TEST

START_TEST(utf8_is_kept_and_invalid_bytes_escaped)
{
	ck_assert_str_eq(ESC("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
	ck_assert_str_eq(ESC("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");
	ck_assert_str_eq(ESC("bad\xff"), "\"bad\\xff\"");
	/* overlong '/', a surrogate, a truncated sequence */
	ck_assert_str_eq(ESC("\xc0\xaf"), "\"\\xc0\\xaf\"");
	ck_assert_str_eq(ESC("\xed\xa0\x80"), "\"\\xed\\xa0\\x80\"");
	ck_assert_str_eq(ESC("\xe2\x82"), "\"\\xe2\\x82\"");
}
END_TEST

START_TEST(utf8_validation_limits)
{
	ck_assert_uint_eq(utf8_valid_len((const unsigned char *)"\xf4\x8f\xbf\xbf", 4), 4);
	ck_assert_uint_eq(utf8_valid_len((const unsigned char *)"\xf4\x90\x80\x80", 4), 0);
	ck_assert_uint_eq(utf8_valid_len((const unsigned char *)"\xe0\x9f\xbf", 3), 0);
	ck_assert_uint_eq(utf8_valid_len((const unsigned char *)"\xc3\xa9", 1), 0);
}
END_TEST

static const char *line_of(struct fields *f)
{
	static struct buf b;

	buf_reset(&b);
	render_text(f, &b);
	return buf_cstr(&b);
}

START_TEST(argv_lists_are_split)
{
	struct fields f = { .n = 2 };

	f.f[0] = (struct field){ "type", FLD_NUM, "syscall", 7 };
	f.f[1] = (struct field){ "argv", FLD_LIST, "ls\0-l\0a b", 9 };
	ck_assert_str_eq(line_of(&f),
			 "type=syscall argc=3 argv0=ls argv1=-l argv2=\"a b\"");
	f.f[1].len = 0;
	ck_assert_str_eq(line_of(&f), "type=syscall argc=0");
	f.f[1] = (struct field){ "argv", FLD_LIST, "x\0", 2 };
	ck_assert_str_eq(line_of(&f), "type=syscall argc=2 argv0=x argv1=\"\"");
}
END_TEST

Suite *render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *core = tcase_create("Core");
	TCase *limits = tcase_create("Limits");

	tcase_add_test(core, plain_values_stay_bare);
	tcase_add_test(core, ambiguous_values_are_quoted);
	tcase_add_test(core, argv_lists_are_split);
	tcase_add_test(limits, control_bytes_never_break_a_line);
	tcase_add_test(limits, utf8_is_kept_and_invalid_bytes_escaped);
	tcase_add_test(limits, utf8_validation_limits);
	suite_add_tcase(s, core);
	suite_add_tcase(s, limits);
	return s;
}
