// SPDX-License-Identifier: GPL-2.0
/*
 * Following a log directory (trail_follow.c) and the position file
 * (trail_pos.c): in order across files, a file still being written, a
 * record cut short at the end, rotation between reads, files missing,
 * seals, and a restart from a saved position.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "outputs.h"
#include "recgen.h"
#include "suites.h"
#include "trail_follow.h"

static char dir[64];
static char err[512];
static uint64_t next_id = 1;

static void setup(void)
{
	strcpy(dir, "/tmp/check_follow-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	next_id = 1;
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Appends @n one-record events, ids next_id.. (cpu 0). */
static void append(struct trail_writer *w, size_t n)
{
	struct gen_str s = { C2A_STR_PATH, "/etc/shadow", 11 };

	for (size_t i = 0; i < n; i++) {
		struct c2a_record r;

		ck_assert_uint_eq(gen_event(&r, 1, 0, next_id++, &s, 1), 1);
		ck_assert_int_eq(trail_append(w, &r, 1), 0);
	}
}

static struct trail_writer *create(uint64_t seq, struct trail_writer *before)
{
	struct trail_prev prev;
	struct trail_writer *w;

	if (before)
		trail_writer_prev(before, &prev);
	w = trail_create(dir, seq, before ? &prev : NULL, NULL, err,
			 sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	return w;
}

/* Steps until a wait: the record ids read, seals as 0, in @got. */
static size_t drain(struct trail_follower *f, uint64_t *got, size_t max,
		    unsigned int *notes, unsigned int *damage)
{
	const struct c2a_record *rec;
	size_t n = 0;

	for (;;) {
		switch (trail_follow_next(f, &rec)) {
		case FOLLOW_RECORD:
			ck_assert_uint_lt(n, max);
			got[n++] = rec->hdr.seq;
			continue;
		case FOLLOW_SEAL:
			ck_assert_uint_lt(n, max);
			got[n++] = 0;
			continue;
		case FOLLOW_NOTE:
			if (notes)
				(*notes)++;
			continue;
		case FOLLOW_DAMAGE:
			if (damage)
				(*damage)++;
			if (rec) {
				ck_assert_uint_lt(n, max);
				got[n++] = rec->hdr.seq;
			}
			continue;
		case FOLLOW_ERROR:
			ck_abort_msg("error: %s", trail_follow_note(f));
			break;
		case FOLLOW_WAIT:
			break;
		}
		return n;
	}
}

static void expect_ids(const uint64_t *got, size_t n, uint64_t from,
		       uint64_t to)
{
	ck_assert_uint_eq(n, to - from + 1);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(got[i], from + i);
}

START_TEST(follows_across_rotation)
{
	struct trail_writer *w1 = create(1, NULL), *w2;
	struct trail_follower *f = trail_follow_open(dir, NULL, true, NULL);
	const struct trail_seal_info *s;
	unsigned int damage = 0;
	uint64_t got[64];
	size_t n;

	append(w1, 3);
	n = drain(f, got, 64, NULL, NULL);
	expect_ids(got, n, 1, 3);
	/* rotation between two reads: the rest of 1, its seal, then 2 */
	append(w1, 2);
	ck_assert_int_eq(trail_seal(w1, TRAIL_SEAL_ROTATE), 0);
	w2 = create(2, w1);
	trail_writer_close(w1);
	append(w2, 4);
	n = drain(f, got, 64, NULL, &damage);
	ck_assert_uint_eq(damage, 0);	/* file 2 goes on where 1 ended */
	ck_assert_uint_eq(n, 7);
	ck_assert_uint_eq(got[0], 4);
	ck_assert_uint_eq(got[1], 5);
	ck_assert_uint_eq(got[2], 0);
	for (size_t i = 3; i < 7; i++)
		ck_assert_uint_eq(got[i], i + 3);
	trail_writer_close(w2);
	trail_follow_close(f);

	/* the seal as it was handed on: file 1's name, count and last value */
	f = trail_follow_open(dir, NULL, true, NULL);
	ck_assert_uint_eq(drain(f, got, 64, NULL, NULL), 10);
	trail_follow_close(f);
	f = trail_follow_open(dir, NULL, true, NULL);
	for (const struct c2a_record *rec;
	     trail_follow_next(f, &rec) != FOLLOW_SEAL;)
		;
	s = trail_follow_seal(f);
	ck_assert_str_eq(s->file, "trail-00000001.c2a");
	ck_assert_uint_eq(s->seq, 1);
	ck_assert_uint_eq(s->records, 5);
	ck_assert_uint_eq(s->reason, TRAIL_SEAL_ROTATE);
	ck_assert(s->checked);
	ck_assert(!s->keyed);
	trail_follow_close(f);
}
END_TEST

START_TEST(nothing_yet_then_a_file)
{
	struct trail_follower *f = trail_follow_open(dir, NULL, true, NULL);
	const struct c2a_record *rec;
	struct trail_writer *w;
	uint64_t got[8];

	ck_assert_int_eq(trail_follow_next(f, &rec), FOLLOW_WAIT);
	w = create(1, NULL);
	append(w, 2);
	expect_ids(got, drain(f, got, 8, NULL, NULL), 1, 2);
	trail_writer_close(w);
	trail_follow_close(f);
}
END_TEST

/* A frame half written: waited for while the file is open, never returned torn. */
START_TEST(truncated_last_record)
{
	struct trail_writer *w = create(1, NULL);
	struct trail_follower *f;
	uint64_t got[16];
	unsigned int damage = 0, notes = 0;
	char path[128];
	struct stat st;
	int fd;

	append(w, 3);
	snprintf(path, sizeof(path), "%s/trail-00000001.c2a", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	fd = open(path, O_RDWR);
	ck_assert_int_ge(fd, 0);
	/* the writer still holds it: the end so far, a partial frame after */
	ck_assert_int_eq(ftruncate(fd, st.st_size - 100), 0);
	f = trail_follow_open(dir, NULL, true, NULL);
	expect_ids(got, drain(f, got, 16, &notes, &damage), 1, 2);
	ck_assert_uint_eq(damage, 0);
	trail_follow_close(f);
	/* its writer gone without a seal, and a next file: said, then on */
	close(fd);
	trail_writer_close(w);
	next_id = 4;
	w = create(2, NULL);
	append(w, 1);
	trail_writer_close(w);
	f = trail_follow_open(dir, NULL, true, NULL);
	damage = notes = 0;
	ck_assert_uint_eq(drain(f, got, 16, &notes, &damage), 3);
	ck_assert_uint_eq(got[2], 4);
	ck_assert_uint_eq(damage, 1);	/* the cut frame */
	ck_assert_uint_eq(notes, 1);	/* file 1 ends unsealed */
	trail_follow_close(f);
}
END_TEST

START_TEST(missing_files)
{
	struct trail_writer *w = create(1, NULL), *w2;
	struct trail_follower *f;
	struct trail_pos pos = { .seq = 1, .index = 1 };
	unsigned int notes = 0;
	uint64_t got[16];
	char path[128];

	append(w, 2);
	trail_seal(w, TRAIL_SEAL_ROTATE);
	w2 = create(2, w);
	trail_writer_close(w);
	append(w2, 2);
	trail_seal(w2, TRAIL_SEAL_ROTATE);
	w = create(3, w2);
	trail_writer_close(w2);
	append(w, 2);
	/* files 1 and 2 pruned while the reader was at 1 */
	snprintf(path, sizeof(path), "%s/trail-00000001.c2a", dir);
	ck_assert_int_eq(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/trail-00000002.c2a", dir);
	ck_assert_int_eq(unlink(path), 0);
	f = trail_follow_open(dir, NULL, true, &pos);
	expect_ids(got, drain(f, got, 16, &notes, NULL), 5, 6);
	ck_assert_uint_eq(notes, 1);
	ck_assert_ptr_nonnull(strstr(trail_follow_note(f), "1..2 are gone"));
	trail_follow_close(f);
	trail_writer_close(w);
}
END_TEST

/* A restart from the saved position: nothing again, nothing lost. */
START_TEST(restart_from_position)
{
	struct trail_writer *w = create(1, NULL), *w2;
	struct trail_follower *f = trail_follow_open(dir, NULL, true, NULL);
	struct trail_pos pos, back;
	char pos_path[128];
	uint64_t got[32];

	snprintf(pos_path, sizeof(pos_path), "%s/position", dir);
	ck_assert_int_eq(trail_pos_load(pos_path, &back, err, sizeof(err)), 1);
	append(w, 4);
	expect_ids(got, drain(f, got, 32, NULL, NULL), 1, 4);
	trail_follow_pos(f, &pos);
	ck_assert_uint_eq(pos.seq, 1);
	ck_assert_uint_eq(pos.index, 4);
	ck_assert_int_eq(trail_pos_save(pos_path, &pos, err, sizeof(err)), 0);
	trail_follow_close(f);

	append(w, 2);
	ck_assert_int_eq(trail_pos_load(pos_path, &back, err, sizeof(err)), 0);
	ck_assert_uint_eq(back.index, 4);
	ck_assert(!memcmp(back.mac, pos.mac, sizeof(pos.mac)));
	f = trail_follow_open(dir, NULL, true, &back);
	expect_ids(got, drain(f, got, 32, NULL, NULL), 5, 6);
	trail_seal(w, TRAIL_SEAL_ROTATE);
	w2 = create(2, w);
	trail_writer_close(w);
	ck_assert_uint_eq(drain(f, got, 32, NULL, NULL), 1);	/* the seal */
	trail_follow_pos(f, &pos);
	ck_assert(pos.done);
	ck_assert_int_eq(trail_pos_save(pos_path, &pos, err, sizeof(err)), 0);
	trail_follow_close(f);

	/* after the seal: not again; file 2 from its start */
	append(w2, 1);
	ck_assert_int_eq(trail_pos_load(pos_path, &back, err, sizeof(err)), 0);
	f = trail_follow_open(dir, NULL, true, &back);
	expect_ids(got, drain(f, got, 32, NULL, NULL), 7, 7);
	trail_follow_close(f);
	trail_writer_close(w2);
}
END_TEST

/* A position whose frame has another chain value: the file was replaced. */
START_TEST(position_elsewhere)
{
	struct trail_writer *w = create(1, NULL);
	struct trail_pos pos = { .seq = 1, .index = 2, .has_mac = true };
	struct trail_follower *f;
	unsigned int damage = 0;
	uint64_t got[8];

	append(w, 3);
	memset(pos.mac, 0xab, sizeof(pos.mac));
	f = trail_follow_open(dir, NULL, true, &pos);
	expect_ids(got, drain(f, got, 8, NULL, &damage), 3, 3);
	ck_assert_uint_eq(damage, 1);
	trail_follow_close(f);
	trail_writer_close(w);
}
END_TEST

START_TEST(position_file_errors)
{
	static const char *const bad[] = {
		"",
		"file 3\nframe 2\ndone no\n",
		"# c2audit trail position\nfile 3\nframe 2\n",
		"# c2audit trail position\nfile x\nframe 2\ndone no\n",
		"# c2audit trail position\nfile 3\nframe 2\ndone maybe\n",
		"# c2audit trail position\nfile 3\nframe 2\ndone no\nchain 12\n",
		"# c2audit trail position\nfile 0\nframe 2\ndone no\n",
		"# c2audit trail position\nfile 3\nframe 2\ndone no\nextra 1\n",
	};
	struct trail_pos pos;
	char path[128];

	snprintf(path, sizeof(path), "%s/position", dir);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		FILE *fp = fopen(path, "w");

		ck_assert_ptr_nonnull(fp);
		fputs(bad[i], fp);
		fclose(fp);
		ck_assert_msg(trail_pos_load(path, &pos, err, sizeof(err)) == -1,
			      "taken: %s", bad[i]);
		ck_assert_ptr_nonnull(strstr(err, "not a position file"));
	}
	/* saving leaves no temporary file behind */
	pos = (struct trail_pos){ .seq = 9, .index = 1 };
	ck_assert_int_eq(trail_pos_save(path, &pos, err, sizeof(err)), 0);
	strcat(path, ".tmp");
	ck_assert_int_ne(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/no/such/dir/position", dir);
	ck_assert_int_eq(trail_pos_save(path, &pos, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
}
END_TEST

START_TEST(seal_message)
{
	struct trail_seal_info s = {
		.file = "trail-00000007.c2a", .seq = 7, .records = 42,
		.time_ns = 1795343415123456789ULL, .reason = TRAIL_SEAL_ROTATE,
		.keyed = true, .checked = false, .host = "web\"1",
	};
	struct buf b = { 0 };

	memset(s.mac, 0x11, sizeof(s.mac));
	output_seal_body(&s, &b);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b),
		"{\"type\":\"seal\",\"time\":\"2026-11-22T"));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b), "\"host\":\"web\\\"1\""));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b),
		"\"file\":\"trail-00000007.c2a\",\"file_seq\":7,\"records\":42,\"reason\":\"rotate\",\"chain\":\"hmac-sha256\",\"mac\":\"1111"));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b), "\"checked\":\"no\",\"damaged\":0"));
	buf_free(&b);
}
END_TEST

Suite *follow_suite(void)
{
	Suite *s = suite_create("follow");
	TCase *tc = tcase_create("follow");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, follows_across_rotation);
	tcase_add_test(tc, nothing_yet_then_a_file);
	tcase_add_test(tc, truncated_last_record);
	tcase_add_test(tc, missing_files);
	tcase_add_test(tc, restart_from_position);
	tcase_add_test(tc, position_elsewhere);
	tcase_add_test(tc, position_file_errors);
	tcase_add_test(tc, seal_message);
	suite_add_tcase(s, tc);
	return s;
}
