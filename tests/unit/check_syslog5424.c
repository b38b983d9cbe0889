// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "array_size.h"
#include "suites.h"
#include "syslog5424.h"

static struct buf out;

static const char *fmt(const struct rfc5424 *h, const char *msg)
{
	buf_reset(&out);
	rfc5424_format(&out, h, msg, strlen(msg));
	return buf_cstr(&out);
}

START_TEST(header_sd_and_msg)
{
	struct sd_param p[] = { { "id", "0-17-1700000000123456789" } };
	struct rfc5424 h = {
		.facility = 10, .severity = 6,
		.time_ns = 1700000000123456789ULL,
		.hostname = "host.example.org", .app_name = "c2audit",
		.msgid = "syscall", .sd_id = "c2a@32473", .nparams = 1,
		.params = p,
	};

	ck_assert_str_eq(fmt(&h, "{\"a\":1}"),
		"<86>1 2023-11-14T22:13:20.123456Z host.example.org c2audit - "
		"syscall [c2a@32473 id=\"0-17-1700000000123456789\"] {\"a\":1}");
}
END_TEST

START_TEST(nil_values_and_no_msg)
{
	struct rfc5424 h = { .facility = 0, .severity = 0, .time_ns = 0 };

	ck_assert_str_eq(fmt(&h, ""), "<0>1 1970-01-01T00:00:00.000000Z - - - - -");
	h.facility = 23;
	h.severity = 7;
	ck_assert_str_eq(fmt(&h, "x"), "<191>1 1970-01-01T00:00:00.000000Z - - - - - x");
}
END_TEST

START_TEST(param_values_escaped)
{
	struct sd_param p[] = { { "a", "q\"b\\s]e" }, { "b", "" } };
	struct rfc5424 h = { .sd_id = "x@1", .nparams = 2, .params = p };

	ck_assert_str_eq(fmt(&h, ""), "<0>1 1970-01-01T00:00:00.000000Z - - - - "
			 "[x@1 a=\"q\\\"b\\\\s\\]e\" b=\"\"]");
}
END_TEST

START_TEST(header_fields_printable_and_bounded)
{
	char app[80];
	struct rfc5424 h = { .hostname = "a b\tc\xc3\xa9", .app_name = app,
			     .msgid = "0123456789012345678901234567890123456789" };

	memset(app, 'a', sizeof(app) - 1);
	app[sizeof(app) - 1] = '\0';
	ck_assert_str_eq(fmt(&h, ""), "<0>1 1970-01-01T00:00:00.000000Z a_b_c__ "
			 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa - "
			 "01234567890123456789012345678901 -");
}
END_TEST

START_TEST(sd_names)
{
	ck_assert(sd_name_valid("c2a@32473"));
	ck_assert(sd_name_valid("id"));
	ck_assert(!sd_name_valid(""));
	ck_assert(!sd_name_valid("a b"));
	ck_assert(!sd_name_valid("a=b"));
	ck_assert(!sd_name_valid("a]"));
	ck_assert(!sd_name_valid("a\""));
	ck_assert(!sd_name_valid("012345678901234567890123456789012"));
}
END_TEST

START_TEST(octet_counting_frames)
{
	const char *msg;
	size_t len;
	long used;

	buf_reset(&out);
	rfc6587_frame(&out, "<1>1 - - - - - hello", 20);
	rfc6587_frame(&out, "abc", 3);
	ck_assert_str_eq(buf_cstr(&out), "20 <1>1 - - - - - hello3 abc");
	used = rfc6587_unframe(out.data, out.len, &msg, &len);
	ck_assert_int_eq(used, 23);
	ck_assert_uint_eq(len, 20);
	ck_assert(!memcmp(msg, "<1>1 - - - - - hello", 20));
	used = rfc6587_unframe(out.data + 23, out.len - 23, &msg, &len);
	ck_assert_int_eq(used, 5);
	ck_assert(!memcmp(msg, "abc", 3));
}
END_TEST

START_TEST(unframe_partial_and_bad)
{
	const char *msg;
	size_t len;

	ck_assert_int_eq(rfc6587_unframe("12", 2, &msg, &len), 0);
	ck_assert_int_eq(rfc6587_unframe("5 abc", 5, &msg, &len), 0);
	ck_assert_int_eq(rfc6587_unframe("", 0, &msg, &len), 0);
	ck_assert_int_eq(rfc6587_unframe("05 abcde", 8, &msg, &len), -1);
	ck_assert_int_eq(rfc6587_unframe("0 ", 2, &msg, &len), -1);
	ck_assert_int_eq(rfc6587_unframe("<1>1 x", 6, &msg, &len), -1);
	ck_assert_int_eq(rfc6587_unframe("3x abc", 6, &msg, &len), -1);
	ck_assert_int_eq(rfc6587_unframe("1234567890 x", 12, &msg, &len), -1);
}
END_TEST

START_TEST(parse_what_format_wrote)
{
	struct sd_param p[] = { { "id", "1-2-3" }, { "odd", "a]b\"c" } };
	struct rfc5424 h = {
		.facility = 4, .severity = 5, .time_ns = 1700000000999999999ULL,
		.hostname = "h", .app_name = "app", .procid = "77",
		.msgid = "lost", .sd_id = "c2a@32473", .nparams = 2, .params = p,
	};
	struct rfc5424_parsed r;
	struct buf v = { 0 };
	char err[128];

	fmt(&h, "{\"x\":\"a b\"} tail");
	ck_assert_int_eq(rfc5424_parse(out.data, out.len, &r, err, sizeof(err)), 0);
	ck_assert_int_eq(r.pri, 37);
	ck_assert_str_eq(r.timestamp, "2023-11-14T22:13:20.999999Z");
	ck_assert_str_eq(r.hostname, "h");
	ck_assert_str_eq(r.app_name, "app");
	ck_assert_str_eq(r.procid, "77");
	ck_assert_str_eq(r.msgid, "lost");
	ck_assert_str_eq(r.msg, "{\"x\":\"a b\"} tail");
	ck_assert(rfc5424_sd_value(&r, "c2a@32473", "id", &v));
	ck_assert_str_eq(buf_cstr(&v), "1-2-3");
	ck_assert(rfc5424_sd_value(&r, "c2a@32473", "odd", &v));
	ck_assert_str_eq(buf_cstr(&v), "a]b\"c");
	ck_assert(!rfc5424_sd_value(&r, "c2a@32473", "none", &v));
	ck_assert(!rfc5424_sd_value(&r, "c2a", "id", &v));
	rfc5424_parsed_free(&r);
	buf_free(&v);
}
END_TEST

START_TEST(parse_rejects)
{
	static const char *const bad[] = {
		"<86>2 - - - - - -",		/* version */
		"<192>1 - - - - - -",		/* PRI */
		"86>1 - - - - - -",
		"<86>1 - - - - -",		/* no SD */
		"<86>1 - - - - [x@1 a=\"b\"",	/* unterminated */
		"<86>1 - - - - [x@1]junk",
		"<86>1 - - - - x",
	};
	struct rfc5424_parsed r;
	char err[128];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(rfc5424_parse(bad[i], strlen(bad[i]), &r, err,
					    sizeof(err)) == -1, "%s", bad[i]);
	ck_assert_int_eq(rfc5424_parse("<86>1 - - - - - -", 17, &r, err,
				       sizeof(err)), 0);
	ck_assert_str_eq(r.sd, "-");
	ck_assert_uint_eq(r.msglen, 0);
	rfc5424_parsed_free(&r);
}
END_TEST

Suite *syslog5424_suite(void)
{
	Suite *s = suite_create("syslog5424");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, header_sd_and_msg);
	tcase_add_test(tc, nil_values_and_no_msg);
	tcase_add_test(tc, param_values_escaped);
	tcase_add_test(tc, header_fields_printable_and_bounded);
	tcase_add_test(tc, sd_names);
	tcase_add_test(tc, octet_counting_frames);
	tcase_add_test(tc, unframe_partial_and_bad);
	tcase_add_test(tc, parse_what_format_wrote);
	tcase_add_test(tc, parse_rejects);
	suite_add_tcase(s, tc);
	return s;
}
