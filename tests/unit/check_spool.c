// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"
#include "suites.h"

static char dir[64];
static struct buf got;

static void setup(void)
{
	strcpy(dir, "/tmp/c2a-spool-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static struct spool *open_spool(const char *d, uint64_t mem, uint64_t disk,
				enum spool_full full)
{
	struct spool_conf c = { .dir = d, .mem_max = mem, .disk_max = disk,
				.full = full, .seg_size = 64 };
	char err[256];
	struct spool *sp = spool_open(&c, err, sizeof(err));

	ck_assert_msg(sp != NULL, "%s", err);
	return sp;
}

static uint64_t put(struct spool *sp, int i)
{
	char msg[32];

	snprintf(msg, sizeof(msg), "message %03d", i);
	return spool_put(sp, msg, strlen(msg));
}

/* The next message must be number @i, sent before or not. */
static void expect(struct spool *sp, int i, bool again)
{
	char want[32];
	bool was;

	snprintf(want, sizeof(want), "message %03d", i);
	ck_assert_int_eq(spool_next(sp, &got, 0, &was), 1);
	ck_assert_str_eq(buf_cstr(&got), want);
	ck_assert_msg(was == again, "message %d again=%d", i, was);
}

static void expect_none(struct spool *sp)
{
	bool was;

	ck_assert_int_eq(spool_next(sp, &got, 0, &was), 0);
}

START_TEST(fifo_in_memory)
{
	struct spool *sp = open_spool(NULL, 1 << 20, 0, SPOOL_DROP_NEWEST);
	struct spool_stats st;

	for (int i = 0; i < 20; i++)
		ck_assert_uint_eq(put(sp, i), 0);
	for (int i = 0; i < 20; i++)
		expect(sp, i, false);
	expect_none(sp);
	spool_get_stats(sp, &st);
	ck_assert_uint_eq(st.msgs, 20);		/* taken, not confirmed */
	ck_assert_uint_eq(spool_confirm(sp), 20);
	spool_get_stats(sp, &st);
	ck_assert_uint_eq(st.msgs, 0);
	ck_assert_uint_eq(st.bytes, 0);
	ck_assert_uint_eq(spool_close(sp), 0);
}
END_TEST

START_TEST(rewind_sends_the_unconfirmed_again)
{
	struct spool *sp = open_spool(NULL, 1 << 20, 0, SPOOL_DROP_NEWEST);

	for (int i = 0; i < 10; i++)
		put(sp, i);
	expect(sp, 0, false);
	expect(sp, 1, false);
	ck_assert_uint_eq(spool_confirm(sp), 2);
	for (int i = 2; i < 7; i++)
		expect(sp, i, false);
	ck_assert_uint_eq(spool_rewind(sp), 5);
	expect(sp, 2, true);
	expect(sp, 3, true);
	/* lost again in the middle of sending them again */
	ck_assert_uint_eq(spool_rewind(sp), 2);
	for (int i = 2; i < 7; i++)
		expect(sp, i, true);
	for (int i = 7; i < 10; i++)
		expect(sp, i, false);
	ck_assert_uint_eq(spool_confirm(sp), 8);
	expect_none(sp);
	ck_assert_uint_eq(spool_rewind(sp), 0);
	expect_none(sp);
	spool_close(sp);
}
END_TEST

START_TEST(memory_bound_drop_newest)
{
	/* 4 segments of 64 bytes, each 4 messages of 4 + 11 bytes */
	struct spool *sp = open_spool(NULL, 256, 0, SPOOL_DROP_NEWEST);
	uint64_t dropped = 0;

	for (int i = 0; i < 30; i++)
		dropped += put(sp, i);
	ck_assert_uint_eq(dropped, 30 - 16);
	for (int i = 0; i < 16; i++)
		expect(sp, i, false);
	expect_none(sp);
	spool_confirm(sp);
	ck_assert_uint_eq(put(sp, 99), 0);	/* room again */
	expect(sp, 99, false);
	spool_close(sp);
}
END_TEST

START_TEST(memory_bound_drop_oldest)
{
	struct spool *sp = open_spool(NULL, 256, 0, SPOOL_DROP_OLDEST);
	uint64_t dropped = 0;

	for (int i = 0; i < 30; i++)
		dropped += put(sp, i);
	/* whole segments of 4 went: 28 made the fourth go */
	ck_assert_uint_eq(dropped, 16);
	for (int i = 16; i < 30; i++)
		expect(sp, i, false);
	expect_none(sp);
	spool_close(sp);
}
END_TEST

START_TEST(drop_oldest_while_unconfirmed)
{
	struct spool *sp = open_spool(NULL, 256, 0, SPOOL_DROP_OLDEST);
	struct spool_stats st;
	uint64_t dropped = 0;

	for (int i = 0; i < 16; i++)
		put(sp, i);
	expect(sp, 0, false);
	expect(sp, 1, false);
	dropped = put(sp, 16);		/* drops 0-3, two of them taken */
	ck_assert_uint_eq(dropped, 4);
	ck_assert_uint_eq(spool_unconfirmed(sp), 0);
	expect(sp, 4, false);
	spool_get_stats(sp, &st);
	ck_assert_uint_eq(st.msgs, 13);
	ck_assert_uint_eq(spool_rewind(sp), 1);
	expect(sp, 4, true);
	spool_close(sp);
}
END_TEST

static unsigned int count_files(const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		if (strlen(e->d_name) > strlen(suffix) &&
		    !strcmp(e->d_name + strlen(e->d_name) - strlen(suffix), suffix))
			n++;
	closedir(d);
	return n;
}

START_TEST(spills_to_disk_in_order)
{
	struct spool *sp = open_spool(dir, 128, 1 << 20, SPOOL_DROP_NEWEST);
	struct spool_stats st;

	for (int i = 0; i < 100; i++)
		ck_assert_uint_eq(put(sp, i), 0);
	spool_get_stats(sp, &st);
	ck_assert_uint_eq(st.msgs, 100);
	ck_assert_uint_eq(st.to_disk, 100 - 8);
	ck_assert_uint_gt(count_files(".seg"), 10);
	for (int i = 0; i < 50; i++)
		expect(sp, i, false);
	spool_confirm(sp);
	/* memory freed: new messages go there, after the files in order */
	for (int i = 100; i < 110; i++)
		ck_assert_uint_eq(put(sp, i), 0);
	for (int i = 50; i < 110; i++)
		expect(sp, i, false);
	spool_confirm(sp);
	ck_assert_uint_eq(count_files(".seg"), 0);
	ck_assert_uint_eq(spool_close(sp), 0);
}
END_TEST

START_TEST(disk_bound)
{
	/* one 64-byte memory segment (3 messages), files up to 200 bytes */
	struct spool *sp = open_spool(dir, 64, 200, SPOOL_DROP_NEWEST);
	struct spool_stats st;
	uint64_t dropped = 0;

	for (int i = 0; i < 40; i++)
		dropped += put(sp, i);
	spool_get_stats(sp, &st);
	ck_assert_uint_le(st.disk_bytes, 200);
	ck_assert_uint_eq(st.msgs + dropped, 40);
	ck_assert_uint_gt(dropped, 20);
	for (uint64_t i = 0; i < st.msgs; i++)
		expect(sp, (int)i, false);
	expect_none(sp);
	spool_close(sp);
}
END_TEST

START_TEST(what_is_left_survives_a_restart)
{
	struct spool *sp = open_spool(dir, 128, 1 << 20, SPOOL_DROP_NEWEST);
	struct spool_stats st;

	for (int i = 0; i < 40; i++)
		put(sp, i);
	for (int i = 0; i < 10; i++)
		expect(sp, i, false);
	spool_confirm(sp);
	for (int i = 10; i < 15; i++)
		expect(sp, i, false);	/* taken, never confirmed */
	ck_assert_uint_eq(spool_close(sp), 30);

	sp = open_spool(dir, 128, 1 << 20, SPOOL_DROP_NEWEST);
	spool_get_stats(sp, &st);
	ck_assert_uint_eq(st.msgs, 30);
	ck_assert_uint_eq(put(sp, 40), 0);
	for (int i = 10; i <= 40; i++)
		expect(sp, i, false);
	spool_confirm(sp);
	ck_assert_uint_eq(spool_close(sp), 0);

	sp = open_spool(dir, 128, 1 << 20, SPOOL_DROP_NEWEST);
	expect_none(sp);
	ck_assert_uint_eq(count_files(".seg"), 0);
	spool_close(sp);
}
END_TEST

START_TEST(memory_segments_are_kept_at_close)
{
	struct spool *sp = open_spool(dir, 1 << 20, 1 << 20, SPOOL_DROP_NEWEST);

	for (int i = 0; i < 5; i++)
		put(sp, i);
	expect(sp, 0, false);
	spool_confirm(sp);
	ck_assert_uint_eq(count_files(".seg"), 0);
	ck_assert_uint_eq(spool_close(sp), 4);
	ck_assert_uint_eq(count_files(".seg"), 2);
	sp = open_spool(dir, 1 << 20, 1 << 20, SPOOL_DROP_NEWEST);
	for (int i = 1; i < 5; i++)
		expect(sp, i, false);
	expect_none(sp);
	spool_close(sp);
}
END_TEST

START_TEST(torn_and_foreign_files)
{
	struct spool *sp = open_spool(dir, 0, 1 << 20, SPOOL_DROP_NEWEST);
	char path[128];
	int fd;

	for (int i = 0; i < 3; i++)
		put(sp, i);
	spool_close(sp);
	/* a writer that died in the middle of a message */
	snprintf(path, sizeof(path), "%s/0000000000000001.seg", dir);
	fd = open(path, O_WRONLY | O_APPEND);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "\x50\0\0\0partial", 11), 11);
	close(fd);
	/* not a spool file */
	snprintf(path, sizeof(path), "%s/0000000000000009.seg", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	ck_assert_int_eq(write(fd, "garbage!", 8), 8);
	close(fd);

	sp = open_spool(dir, 0, 1 << 20, SPOOL_DROP_NEWEST);
	for (int i = 0; i < 3; i++)
		expect(sp, i, false);
	expect_none(sp);
	ck_assert_uint_eq(count_files(".bad"), 1);
	put(sp, 3);			/* numbered after the foreign file */
	expect(sp, 3, false);
	spool_close(sp);
}
END_TEST

Suite *spool_suite(void)
{
	Suite *s = suite_create("spool");
	TCase *tc = tcase_create("Memory");
	TCase *disk = tcase_create("Disk");

	tcase_add_test(tc, fifo_in_memory);
	tcase_add_test(tc, rewind_sends_the_unconfirmed_again);
	tcase_add_test(tc, memory_bound_drop_newest);
	tcase_add_test(tc, memory_bound_drop_oldest);
	tcase_add_test(tc, drop_oldest_while_unconfirmed);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(disk, setup, teardown);
	tcase_add_test(disk, spills_to_disk_in_order);
	tcase_add_test(disk, disk_bound);
	tcase_add_test(disk, what_is_left_survives_a_restart);
	tcase_add_test(disk, memory_segments_are_kept_at_close);
	tcase_add_test(disk, torn_and_foreign_files);
	suite_add_tcase(s, disk);
	return s;
}
