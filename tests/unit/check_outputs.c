// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outputs.h"
#include "recgen.h"
#include "trail_follow.h"
#include "suites.h"

#define EVENTS	3000

static char dir[64];
static struct outputs_conf oc;

static void setup(void)
{
	strcpy(dir, "/tmp/c2a-outputs-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];

	outputs_conf_free(&oc);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Writes @text, each @ standing for the test's directory, and loads it. */
static void load(const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/c2auditd.conf", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (; *text; text++)
		if (*text == '@')
			fputs(dir, f);
		else
			fputc(*text, f);
	fclose(f);
	ck_assert_int_eq(outputs_conf_load(path, &oc), 0);
}

static unsigned long lines(const char *name)
{
	char path[128], *line = NULL;
	size_t cap = 0;
	unsigned long n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (getline(&line, &cap, f) > 0)
		n++;
	free(line);
	fclose(f);
	return n;
}

/* EVENTS events, each with a path long enough for a continuation. */
static void feed(struct outputs *set)
{
	static char path[400];
	struct c2a_record r[8];

	memset(path, 'p', sizeof(path) - 1);
	for (uint64_t i = 0, seq = 1; i < EVENTS; i++) {
		struct gen_str s = { C2A_STR_PATH, path, sizeof(path) - 1 };
		size_t n = gen_event(r, 8, 0, seq, &s, 1);

		r[0].ev.u.sys.ret = i % 3 ? 3 : -2;
		seq += n;
		outputs_submit(set, r, n);
	}
}

/* The counters once the worker has taken all that was submitted. */
static void settle(struct outputs *set, size_t i, struct output_stats *st)
{
	for (int tries = 0; tries < 500; tries++) {
		outputs_get_stats(set, i, st);
		if (!st->queued && st->delivered + st->filtered + st->dropped ==
		    st->submitted)
			return;
		usleep(10000);
	}
	ck_abort_msg("the counters never add up");
}

START_TEST(every_event_delivered_or_filtered)
{
	struct output_stats st;
	struct outputs *set;
	char err[256];

	/*
	 * At nice 0, not the default SCHED_IDLE: on a busy machine (CI with
	 * guests running) idle threads may wait longer than a test does.
	 */
	load("[output all]\ntype = file\npath = @/all.json\npriority = 0\n"
	     "[output ok]\ntype = file\npath = @/ok.json\nmatch = success=yes\n"
	     "priority = 0\n");
	set = outputs_start(&oc, NULL, err, sizeof(err));
	ck_assert_msg(set != NULL, "%s", err);
	ck_assert_uint_eq(outputs_count(set), 2);
	ck_assert_str_eq(outputs_name(set, 1), "ok");
	feed(set);
	settle(set, 1, &st);
	ck_assert_uint_eq(st.submitted, EVENTS);
	ck_assert_uint_eq(st.filtered, EVENTS / 3);
	ck_assert_uint_eq(st.dropped, 0);
	outputs_stop(set);
	ck_assert_uint_eq(lines("all.json"), EVENTS);
	ck_assert_uint_eq(lines("ok.json"), EVENTS - EVENTS / 3);
}
END_TEST

/*
 * A file left in the middle of a line (its writer killed mid-write) is cut
 * back to its last whole line; outputs_settled() only once all is
 * written; a seal goes past the filter, after the records before it.
 */
START_TEST(torn_file_repaired_settled_seal)
{
	struct trail_seal_info seal = { .file = "trail-00000002.c2a", .seq = 2 };
	struct outputs *set;
	char err[256], path[128], text[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/ok.json", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("{\"a\":1}\n{\"b\":", f);
	fclose(f);
	load("[output ok]\ntype = file\npath = @/ok.json\nmatch = success=yes\n"
	     "priority = 0\n");
	set = outputs_start(&oc, NULL, err, sizeof(err));
	ck_assert_msg(set != NULL, "%s", err);
	ck_assert_uint_eq(lines("ok.json"), 1);
	feed(set);
	outputs_submit_seal(set, &seal);
	for (int tries = 0; tries < 500 && !outputs_settled(set); tries++)
		usleep(10000);
	ck_assert(outputs_settled(set));
	ck_assert_uint_eq(lines("ok.json"), 1 + EVENTS - EVENTS / 3 + 1);
	outputs_stop(set);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(text, sizeof(text), f));
	ck_assert_str_eq(text, "{\"a\":1}\n");
	fclose(f);
	snprintf(text, sizeof(text), "tail -n 1 %s | grep -q '^{\"type\":\"seal\"'", path);
	ck_assert_int_eq(system(text), 0);
}
END_TEST

START_TEST(a_full_queue_drops_and_counts)
{
	struct output_stats st;
	struct outputs *set;
	char err[256], state[128];

	/* room for one event (2 records) at a time */
	load("[output a]\ntype = file\npath = @/a.json\nqueue = 2\n"
	     "queue_full = drop-newest\npriority = 0\n");
	snprintf(state, sizeof(state), "%s/state", dir);
	set = outputs_start(&oc, state, err, sizeof(err));
	ck_assert_ptr_nonnull(set);
	feed(set);
	settle(set, 0, &st);
	ck_assert_uint_eq(st.submitted, EVENTS);
	ck_assert_uint_eq(st.filtered, 0);
	outputs_stop(set);
	ck_assert_uint_eq(lines("a.json"), st.delivered);
	ck_assert_uint_eq(lines("state"), 2);	/* the header, one output */
}
END_TEST

Suite *outputs_suite(void)
{
	Suite *s = suite_create("outputs");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_event_delivered_or_filtered);
	tcase_add_test(tc, a_full_queue_drops_and_counts);
	tcase_add_test(tc, torn_file_repaired_settled_seal);
	suite_add_tcase(s, tc);
	return s;
}
