// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "array_size.h"
#include "outputs.h"
#include "suites.h"

static struct outputs_conf c;

/* Loads @text as a configuration file. */
static int parse(const char *text)
{
	char path[] = "/tmp/c2a-outconf-XXXXXX";
	int fd = mkstemp(path), ret;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	ret = outputs_conf_load(path, &c);
	unlink(path);
	return ret;
}

START_TEST(sections_and_defaults)
{
	const char *text =
		"log_dir = /var/log/c2audit   # the daemon's part, skipped\n"
		"\n"
		"[output local]\n"
		"type = file\n"
		"path = /var/log/c2audit/events.json  # a comment\n"
		"max_size = 10M\n"
		"match = syscall=execve,openat\n"
		"match = success=no\n"
		"[output fleet]\n"
		"  type=remote\n"
		"host = collector.example.org\n"
		"tls = yes\n"
		"tls_ca = /etc/ssl/ca.pem\n"
		"queue_full = drop-newest\n"
		"priority = 10\n"
		"lua = /etc/c2audit/fleet.lua\n";

	ck_assert_int_eq(parse(text), 0);
	ck_assert_uint_eq(c.n, 2);
	ck_assert_str_eq(c.out[0].name, "local");
	ck_assert_int_eq(c.out[0].type, OUT_FILE);
	ck_assert_uint_eq(c.out[0].max_size, 10 << 20);
	ck_assert_uint_eq(c.out[0].rotate, 5);
	ck_assert_uint_eq(c.out[0].match.n, 2);
	ck_assert_uint_eq(c.out[0].queue, 65536);
	ck_assert_int_eq(c.out[0].priority, OUTPUT_PRIO_IDLE);
	ck_assert_int_eq(c.out[1].type, OUT_REMOTE);
	ck_assert_str_eq(c.out[1].port, "6514");	/* TLS's */
	ck_assert_str_eq(c.out[1].tls_name, "collector.example.org");
	ck_assert_int_eq(c.out[1].queue_full, FULL_DROP_NEWEST);
	ck_assert_int_eq(c.out[1].priority, 10);
	ck_assert_str_eq(c.out[1].lua_function, "filter");
	ck_assert_str_eq(c.out[1].sd_id, "c2a@32473");
	ck_assert_uint_eq(c.out[1].confirm_bytes, 1 << 20);
	outputs_conf_free(&c);
	ck_assert_int_eq(parse("[output r]\ntype = remote\nhost = h\n"), 0);
	ck_assert_str_eq(c.out[0].port, "514");
	outputs_conf_free(&c);
	ck_assert_int_eq(parse("no = outputs\n"), 0);
	ck_assert_uint_eq(c.n, 0);
	ck_assert_int_eq(outputs_conf_load("/nonexistent/c2auditd.conf", &c), 0);
	ck_assert_uint_eq(c.n, 0);
}
END_TEST

START_TEST(every_error_is_reported)
{
	static const char *const bad[] = {
		"[output a]\npath = /x\n",			/* no type */
		"[output a]\ntype = pipe\n",
		"[output a b]\ntype = file\npath = /x\n",
		"[outputs a]\n",
		"[output a]\ntype = file\n",			/* no path */
		"[output a]\ntype = file\npath = x.json\n",	/* relative */
		"[output a]\ntype = file\npath = /x\nhost = h\n", /* not for files */
		"[output a]\ntype = file\npath = /x\npath = /y\n",
		"[output a]\ntype = file\npath = /x\nbogus = 1\n",
		"[output a]\ntype = file\npath = /x\nmax_size = 10X\n",
		"[output a]\ntype = file\npath = /x\nqueue = 0\n",
		"[output a]\ntype = file\npath = /x\nmatch = =x\n",
		"[output a]\ntype = file\npath = /x\nlua_function = 1x\n",
		"[output a]\ntype = file\npath = /x\nqueue_full = block\n",
		"[output a]\ntype = file\npath = /x\npriority = 20\n",
		"[output a]\ntype = file\npath = /x\npriority = 1K\n",
		"[output a]\ntype = file\npath = /x\npriority = low\n",
		"[output a]\ntype = file\npath = /x\n[output a]\ntype = file\npath = /y\n",
		"[output a]\ntype = syslog\nfacility = local9\n",
		"[output a]\ntype = syslog\nseverity = loud\n",
		"[output a]\ntype = remote\n",			/* no host */
		"[output a]\ntype = remote\nhost = h\ntls = maybe\n",
		"[output a]\ntype = remote\nhost = h\ntls_cert = /c\n",
		"[output a]\ntype = remote\nhost = h\nsd_id = a b\n",
		"[output a]\ntype = remote\nhost = h\nbackoff_min_ms = 9\nbackoff_max_ms = 5\n",
		"[output a]\ntype = remote\nhost = h\nspool_mem = 0\n",
		"[output a]\ntype = file\npath = /x\nno equals sign\n",
		"[output a=b]\n",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		ck_assert_msg(parse(bad[i]) == -1, "%s",
			      bad[i]);
		outputs_conf_free(&c);
	}
}
END_TEST

Suite *output_conf_suite(void)
{
	Suite *s = suite_create("output_conf");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, sections_and_defaults);
	tcase_add_test(tc, every_error_is_reported);
	suite_add_tcase(s, tc);
	return s;
}
