// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lua_filter.h"
#include "render.h"
#include "suites.h"

static char script[64];
static struct fields f;
static struct buf json;
static char err[512];

static void field(const char *key, enum fld_kind kind, const char *v,
		  size_t len)
{
	f.f[f.n++] = (struct field){ key, kind, v, len };
}

static void setup(void)
{
	memset(&f, 0, sizeof(f));
	field("type", FLD_NUM, "syscall", 7);
	field("seq", FLD_NUM, "17", 2);
	field("exit", FLD_NUM, "-2", 2);
	field("mode", FLD_NUM, "0644", 4);
	field("comm", FLD_STR, "ca\"t", 4);
	field("argv", FLD_LIST, "ls\0-l", 5);
	field("path", FLD_STR, "/tmp/\xff", 6);
}

static struct lua_filter *load(const char *src, uint64_t instructions,
			       uint64_t memory)
{
	struct lua_filter_conf c = { .path = script, .function = "filter",
				     .instructions = instructions,
				     .memory = memory, .name = "test" };
	struct lua_filter *lf;
	int fd;

	strcpy(script, "/tmp/c2a-lua-XXXXXX");
	fd = mkstemp(script);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, src, strlen(src)), (ssize_t)strlen(src));
	close(fd);
	lf = lua_filter_open(&c, err, sizeof(err));
	unlink(script);
	return lf;
}

static struct lua_filter *good(const char *src)
{
	struct lua_filter *lf = load(src, 100000, 8 << 20);

	ck_assert_msg(lf != NULL, "%s", err);
	return lf;
}

START_TEST(pass_and_drop)
{
	struct lua_filter *lf = good(
		"function filter(r)\n"
		"  if r.comm == 'ca\"t' and r.seq == 17 and r.argv[2] == '-l' then\n"
		"    return r.exit == -2 and r.mode == '0644'\n"
		"  end\n"
		"  error('not as expected')\n"
		"end\n");

	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_PASS);
	f.f[1].val = "18";
	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_ERROR);
	f.f[1].val = "17";
	f.f[2].val = "0";
	f.f[2].len = 1;
	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_DROP);
	lua_filter_close(lf);
	lf = good("function filter(r) end\n");
	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_PASS);
	lua_filter_close(lf);
}
END_TEST

START_TEST(unchanged_table_is_the_same_json)
{
	struct lua_filter *lf = good("function filter(r) return r end\n");
	struct buf want = { 0 };

	render_json(&f, &want);
	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_REPLACE);
	/* but the hex of the invalid byte: a table cannot say it is exact */
	ck_assert_str_eq(buf_cstr(&json),
		"{\"type\":\"syscall\",\"seq\":17,\"exit\":-2,\"mode\":\"0644\","
		"\"comm\":\"ca\\\"t\",\"argv\":[\"ls\",\"-l\"],"
		"\"path\":\"/tmp/\xef\xbf\xbd\",\"path_hex\":\"2f746d702fff\"}");
	ck_assert_str_eq(buf_cstr(&json), buf_cstr(&want));
	buf_free(&want);
	lua_filter_close(lf);
}
END_TEST

START_TEST(transformed_keys_in_order)
{
	struct lua_filter *lf = good(
		"function filter(r)\n"
		"  r.argv = nil; r.path = nil; r.mode = nil\n"
		"  r.zeta = 1.5; r.alpha = true\n"
		"  r.nested = { list = { 1, 'two', false }, obj = { k = 'v' }, e = {} }\n"
		"  r.seq = r.seq + 1\n"
		"  return r\n"
		"end\n");

	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_REPLACE);
	ck_assert_str_eq(buf_cstr(&json),
		"{\"type\":\"syscall\",\"seq\":18,\"exit\":-2,\"comm\":\"ca\\\"t\","
		"\"alpha\":true,\"nested\":{\"e\":{},\"list\":[1,\"two\",false],"
		"\"obj\":{\"k\":\"v\"}},\"zeta\":1.5}");
	lua_filter_close(lf);
}
END_TEST

START_TEST(errors_say_where_once)
{
	struct lua_filter *lf = good(
		"function filter(r)\n"
		"  if r.seq == 17 then\n"
		"    return r.nothing.x\n"
		"  end\n"
		"  return 'yes'\n"
		"end\n");
	const char *msg;
	bool first;

	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_ERROR);
	msg = lua_filter_error(lf, &first);
	ck_assert_msg(strstr(msg, ":3: attempt to index") != NULL, "%s", msg);
	ck_assert(first);
	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_ERROR);
	lua_filter_error(lf, &first);
	ck_assert(!first);
	f.f[1].val = "99";
	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_ERROR);
	msg = lua_filter_error(lf, &first);
	ck_assert_msg(strstr(msg, ":1: filter() returned a string") != NULL,
		      "%s", msg);
	ck_assert(first);
	lua_filter_close(lf);
}
END_TEST

START_TEST(tables_that_cannot_be_json)
{
	struct lua_filter *lf = good(
		"function filter(r)\n"
		"  if r.seq == 17 then r.f = print return r end\n"
		"  if r.seq == 1 then local t = {} t.t = t return t end\n"
		"  return { [3] = 'sparse' }\n"
		"end\n");
	bool first;

	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_ERROR);
	ck_assert_ptr_nonnull(strstr(lua_filter_error(lf, &first),
				     "function at key f"));
	f.f[1].val = "1";
	f.f[1].len = 1;
	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_ERROR);
	ck_assert_ptr_nonnull(strstr(lua_filter_error(lf, &first), "too deep"));
	f.f[1].val = "2";
	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_ERROR);
	ck_assert_ptr_nonnull(strstr(lua_filter_error(lf, &first),
				     "not a string"));
	lua_filter_close(lf);
}
END_TEST

START_TEST(instructions_bounded)
{
	struct lua_filter *lf = load(
		"function filter(r)\n"
		"  if r.seq == 17 then\n"
		"    while true do end\n"
		"  end\n"
		"  return true\n"
		"end\n", 50000, 8 << 20);
	bool first;

	ck_assert_ptr_nonnull(lf);
	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_ERROR);
	ck_assert_ptr_nonnull(strstr(lua_filter_error(lf, &first),
				     ":3: instruction limit (50000) exceeded"));
	/* the state is fine afterwards, and the budget is per call */
	f.f[1].val = "1";
	f.f[1].len = 1;
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_PASS);
	lua_filter_close(lf);
}
END_TEST

START_TEST(memory_bounded)
{
	struct lua_filter *lf = load(
		"local t = {}\n"
		"function filter(r)\n"
		"  t[#t + 1] = string.rep('x', 1 << 20)\n"
		"  return true\n"
		"end\n", 100000000, 4 << 20);
	bool first;
	int i;

	ck_assert_ptr_nonnull(lf);
	for (i = 0; i < 10; i++)
		if (lua_filter_run(lf, &f, &json) == LUA_ERROR)
			break;
	ck_assert_int_lt(i, 10);
	ck_assert_ptr_nonnull(strstr(lua_filter_error(lf, &first), "memory"));
	lua_filter_close(lf);
}
END_TEST

START_TEST(sandboxed)
{
	struct lua_filter *lf = good(
		"function filter(r)\n"
		"  return io == nil and os.execute == nil and os.remove == nil\n"
		"     and load == nil and dofile == nil and require == nil\n"
		"     and type(os.time()) == 'number' and string.format('%d', 1) == '1'\n"
		"end\n");

	ck_assert_int_eq(lua_filter_run(lf, &f, &json), LUA_PASS);
	lua_filter_close(lf);
}
END_TEST

START_TEST(load_errors)
{
	ck_assert_ptr_null(load("function filter(r)\n  return (\nend\n", 1000, 1 << 20));
	ck_assert_msg(strstr(err, ":3:") != NULL, "%s", err);
	ck_assert_ptr_null(load("function other(r) end\n", 1000, 1 << 20));
	ck_assert_msg(strstr(err, "defines no function 'filter'") != NULL, "%s", err);
	ck_assert_ptr_null(load("while true do end\n", 1000, 1 << 20));
	ck_assert_msg(strstr(err, ":1: instruction limit") != NULL, "%s", err);
}
END_TEST

Suite *lua_suite(void)
{
	Suite *s = suite_create("lua");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, pass_and_drop);
	tcase_add_test(tc, unchanged_table_is_the_same_json);
	tcase_add_test(tc, transformed_keys_in_order);
	tcase_add_test(tc, errors_say_where_once);
	tcase_add_test(tc, tables_that_cannot_be_json);
	tcase_add_test(tc, instructions_bounded);
	tcase_add_test(tc, memory_bounded);
	tcase_add_test(tc, sandboxed);
	tcase_add_test(tc, load_errors);
	suite_add_tcase(s, tc);
	return s;
}
