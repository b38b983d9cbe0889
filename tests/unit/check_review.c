// SPDX-License-Identifier: GPL-2.0
/*
 * What the review tools and verify make of trails someone changed: files
 * deleted at the end, records edited, strings sent twice (issue 25).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "fields.h"
#include "recgen.h"
#include "trail_scan.h"
#include "suites.h"
#include "trail.h"

#define NREC	6

static char dir[64];
static char conf_path[96];
static char err[512];

static void setup(void)
{
	FILE *f;

	strcpy(dir, "/tmp/check_review-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(conf_path, sizeof(conf_path), "%s/c2auditd.conf", dir);
	f = fopen(conf_path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "log_dir = %s\n", dir);
	fclose(f);
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Files 1..@n, each of NREC records, sealed as c2auditd seals them. */
static void write_trail(unsigned int n, const struct trail_key *key)
{
	struct gen_str s = { C2A_STR_PATH, "/etc/shadow", 11 };
	struct trail_prev prev = { .present = false };
	struct c2a_record r[NREC];

	for (unsigned int i = 0; i < NREC; i++)
		gen_event(&r[i], 1, 0, i + 1, &s, 1);
	for (unsigned int seq = 1; seq <= n; seq++) {
		struct trail_writer *w;

		w = trail_create(dir, seq, seq > 1 ? &prev : NULL, key, err,
				 sizeof(err));
		ck_assert_msg(w != NULL, "%s", err);
		ck_assert_int_eq(trail_append(w, r, NREC), 0);
		ck_assert_int_eq(trail_seal(w, seq < n ? TRAIL_SEAL_ROTATE :
					    TRAIL_SEAL_STOP), 0);
		trail_writer_prev(w, &prev);
		trail_writer_close(w);
	}
}

static char *file_path(uint64_t seq)
{
	return trail_file_path(dir, seq);
}

/* Reads file @seq whole; the problem with ending the trail there, or "". */
static const char *end_problem(uint64_t seq, const struct trail_key *key)
{
	static char why[256];
	const struct c2a_record *rec;
	struct trail_reader *r;
	struct trail_tail t;
	char *path = file_path(seq);
	enum trail_step s;

	r = trail_open(path, key, TRAIL_VERIFY, err, sizeof(err));
	ck_assert_msg(r != NULL, "%s", err);
	while ((s = trail_next(r, &rec)) == TRAIL_RECORD)
		;
	ck_assert_int_eq(s, TRAIL_END);
	ck_assert_int_eq(trail_end_state(r), TRAIL_SEALED);
	trail_get_tail(r, &t);
	trail_close(r);
	free(path);
	return trail_end_problem(seq, &t, why, sizeof(why)) ? why : "";
}

static void make_key(struct trail_key *key)
{
	char path[96];
	FILE *f;

	snprintf(path, sizeof(path), "%s/key", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("0123456789abcdef0123456789abcdef", f);
	fclose(f);
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_msg(!trail_key_load(path, key, err, sizeof(err)), "%s", err);
}

START_TEST(deleted_newest_file_is_found)
{
	struct trail_key key;
	char *third;

	if (_i)
		make_key(&key);
	write_trail(3, _i ? &key : NULL);
	/* Stopped: the trail may end there; rotated: another must follow. */
	ck_assert_str_eq(end_problem(3, _i ? &key : NULL), "");
	third = file_path(3);
	ck_assert_int_eq(unlink(third), 0);
	ck_assert_str_eq(end_problem(2, _i ? &key : NULL),
			 "the trail ends at file 2, but file 2 said another follows: newer files were deleted");
	free(third);
	if (_i)
		trail_key_free(&key);
}
END_TEST

START_TEST(unknown_seal_reason_is_damage)
{
	struct trail_writer *w;
	struct c2a_record r;
	struct gen_str s = { C2A_STR_PATH, "/x", 2 };
	const struct c2a_record *rec;
	struct trail_reader *rd;
	char *path;
	enum trail_step step;
	int damaged = 0;

	gen_event(&r, 1, 0, 1, &s, 1);
	w = trail_create(dir, 1, NULL, NULL, err, sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	ck_assert_int_eq(trail_append(w, &r, 1), 0);
	ck_assert_int_eq(trail_seal(w, 7), 0);
	trail_writer_close(w);
	path = file_path(1);
	rd = trail_open(path, NULL, TRAIL_VERIFY, err, sizeof(err));
	ck_assert_msg(rd != NULL, "%s", err);
	while ((step = trail_next(rd, &rec)) != TRAIL_END)
		if (step == TRAIL_DAMAGE) {
			damaged++;
			ck_assert_msg(strstr(trail_damage(rd), "unknown reason 7"),
				      "%s", trail_damage(rd));
		}
	ck_assert_int_eq(damaged, 1);
	trail_close(rd);
	free(path);
}
END_TEST

/* What the review tools were fed. */
struct seen {
	unsigned int events, damaged;
	char damaged_comm[16];
	uint32_t exe_len, exe_have;
};

static void keep(const struct evt *ev, void *ctx)
{
	struct seen *s = ctx;
	const struct evt_str *exe = evt_find_str(ev, C2A_STR_EXE);
	struct fields f;

	s->events++;
	fields_build(ev, &f);
	if (ev->damaged) {
		s->damaged++;
		memcpy(s->damaged_comm, ev->rec.ev.subj.comm, 16);
		ck_assert_ptr_nonnull(fields_get(&f, "damaged"));
	} else {
		ck_assert_ptr_null(fields_get(&f, "damaged"));
	}
	if (exe) {
		s->exe_len = exe->len;
		s->exe_have = exe->have;
	}
}

/* review_read() of the log directory (no @file) or of @file. */
static int review(const char *file, const struct review_check *chk,
		  struct seen *seen, struct review_stats *st)
{
	char *files[1] = { (char *)file };
	struct evt_asm a;
	int ret;

	memset(seen, 0, sizeof(*seen));
	evt_asm_init(&a, keep, seen);
	ret = review_read(files, file ? 1 : 0, conf_path, chk, &a, st);
	evt_asm_free(&a);
	return ret;
}

static void key_path(char *out, size_t len)
{
	snprintf(out, len, "%s/key", dir);
}

/*
 * Where byte @at of frame @index's body is in @f, a nonzero word's byte
 * (frames keep only those: trail.h).
 */
static off_t body_byte(FILE *f, unsigned int index, size_t at)
{
	struct trail_frame_head h;
	off_t off = TRAIL_HEADER_SIZE;
	__u64 below = (1ULL << (at / 8)) - 1;

	for (;;) {
		ck_assert_int_eq(fseek(f, off, SEEK_SET), 0);
		ck_assert_uint_eq(fread(&h, sizeof(h), 1, f), 1);
		if (h.index == index)
			break;
		off += h.len;
	}
	ck_assert(h.words & (1ULL << (at / 8)));
	return off + TRAIL_FRAME_HEAD +
	       8 * __builtin_popcountll(h.words & below) + at % 8;
}

/* The example: comm of record 3 of file 2 edited from cat to bat. */
START_TEST(edited_record_is_shown_marked)
{
	struct review_check chk = { .no_verify = false };
	struct review_stats st;
	struct trail_key key;
	struct seen seen;
	char kpath[96], *second;
	FILE *f;

	if (_i) {
		make_key(&key);
		key_path(kpath, sizeof(kpath));
		chk.key_file = kpath;
	}
	write_trail(3, _i ? &key : NULL);
	ck_assert_int_eq(review(NULL, &chk, &seen, &st), 0);
	ck_assert_uint_eq(seen.events, 3 * NREC);
	ck_assert_uint_eq(seen.damaged, 0);
	second = file_path(2);
	f = fopen(second, "r+");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, body_byte(f, 3, offsetof(struct c2a_record,
							     ev.subj.comm)),
			       SEEK_SET), 0);
	ck_assert_int_eq(fputc('b', f), 'b');
	fclose(f);

	ck_assert_int_eq(review(NULL, &chk, &seen, &st), -1);
	ck_assert_uint_eq(seen.events, 3 * NREC);
	ck_assert_uint_eq(seen.damaged, 1);
	ck_assert_str_eq(seen.damaged_comm, "bat");
	ck_assert_uint_eq(st.damaged_files, 1);
	ck_assert_uint_eq(st.damaged_records, 1);
	/* The same, reading the file by name. */
	ck_assert_int_eq(review(second, &chk, &seen, &st), -1);
	ck_assert_uint_eq(seen.damaged, 1);
	/* --no-verify: as before, for speed. */
	chk.no_verify = true;
	ck_assert_int_eq(review(NULL, &chk, &seen, &st), 0);
	ck_assert_uint_eq(seen.damaged, 0);
	free(second);
	if (_i)
		trail_key_free(&key);
}
END_TEST

START_TEST(review_finds_files_missing)
{
	struct review_stats st;
	struct seen seen;
	char *path;

	write_trail(3, NULL);
	path = file_path(3);
	ck_assert_int_eq(unlink(path), 0);
	free(path);
	ck_assert_int_eq(review(NULL, NULL, &seen, &st), -1);
	ck_assert_uint_eq(seen.events, 2 * NREC);
	ck_assert_uint_eq(st.missing_files, 1);

	teardown();
	setup();
	write_trail(3, NULL);
	path = file_path(2);
	ck_assert_int_eq(unlink(path), 0);
	free(path);
	ck_assert_int_eq(review(NULL, NULL, &seen, &st), -1);
	ck_assert_uint_eq(seen.events, 2 * NREC);
	ck_assert_uint_eq(st.missing_files, 1);
}
END_TEST

/* A keyed trail and no key: read, but said to be unchecked. */
START_TEST(keyed_trail_without_key_is_unchecked)
{
	struct review_check chk = { .no_verify = false };
	struct review_stats st;
	struct trail_key key;
	struct seen seen;
	char *path;

	make_key(&key);
	write_trail(1, &key);
	trail_key_free(&key);
	path = file_path(1);
	ck_assert_int_eq(review(path, &chk, &seen, &st), -1);
	ck_assert_uint_eq(seen.events, NREC);
	ck_assert_uint_eq(st.unchecked_files, 1);
	chk.no_verify = true;
	ck_assert_int_eq(review(path, &chk, &seen, &st), 0);
	free(path);
}
END_TEST

/*
 * The over-read of `c2audit summary`, as a trail: its chain is intact (the
 * writer chains what it is given), and the exe stays within its length.
 */
START_TEST(repeated_continuation_in_an_intact_trail)
{
	struct gen_str s = { C2A_STR_EXE, "/bin/true1", 10 };
	struct trail_writer *w;
	struct review_stats st;
	struct c2a_record r[2];
	struct seen seen;
	char *path;

	gen_event(r, 1, 0, 1, &s, 1);
	memset(&r[1], 0, sizeof(r[1]));
	r[1].hdr = r[0].hdr;
	r[1].hdr.type = C2A_REC_CONT;
	r[1].hdr.seq = 2;
	r[1].hdr.part = 1;
	r[0].hdr.nparts = r[1].hdr.nparts = 2;
	r[1].cont.strtype = C2A_STR_EXE;
	r[1].cont.len = 10;
	r[1].cont.head_seq = 1;
	memcpy(r[1].cont.data, "/bin/true1", 10);
	w = trail_create(dir, 1, NULL, NULL, err, sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	ck_assert_int_eq(trail_append(w, r, 2), 0);
	ck_assert_int_eq(trail_seal(w, TRAIL_SEAL_STOP), 0);
	trail_writer_close(w);
	path = file_path(1);
	ck_assert_int_eq(review(path, NULL, &seen, &st), 0);
	ck_assert_uint_eq(seen.events, 1);
	ck_assert_uint_eq(seen.exe_len, 10);
	ck_assert_uint_eq(seen.exe_have, 10);
	free(path);
}
END_TEST

Suite *review_suite(void)
{
	Suite *s = suite_create("review");
	TCase *verify = tcase_create("Verify");
	TCase *reading = tcase_create("Reading");

	tcase_add_checked_fixture(verify, setup, teardown);
	tcase_add_loop_test(verify, deleted_newest_file_is_found, 0, 2);
	tcase_add_test(verify, unknown_seal_reason_is_damage);
	suite_add_tcase(s, verify);
	tcase_add_checked_fixture(reading, setup, teardown);
	tcase_add_loop_test(reading, edited_record_is_shown_marked, 0, 2);
	tcase_add_test(reading, review_finds_files_missing);
	tcase_add_test(reading, keyed_trail_without_key_is_unchecked);
	tcase_add_test(reading, repeated_continuation_in_an_intact_trail);
	suite_add_tcase(s, reading);
	return s;
}
