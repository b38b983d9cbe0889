// SPDX-License-Identifier: GPL-2.0
/* The trail's writer and reader, on good files and damaged ones. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array_size.h"
#include "recgen.h"
#include "suites.h"
#include "trail.h"
#include "trail_chain.h"

#define NREC	20

static char dir[64];
static char err[512];

static void setup(void)
{
	strcpy(dir, "/tmp/check_trail-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/*
 * Record i of the test trail: cpu i % 2, id i / 2 + 1; records 2, 5, 8...
 * named as their paths resolve (their names stored as copies).
 */
static void make_records(struct c2a_record *r, size_t n)
{
	struct gen_str s[] = {
		{ C2A_STR_PATH, "/etc/shadow", 11 },
		{ C2A_STR_NAME, "/etc/shadow", 11 },
	};

	for (size_t i = 0; i < n; i++)
		gen_event(&r[i], 1, i % 2, i / 2 + 1, s, i % 3 == 1 ? 2 : 1);
}

/* Writes file @seq with NREC records in two appends; sealed or not. */
static char *write_file(uint64_t seq, const struct trail_prev *prev,
			const struct trail_key *key, bool seal,
			struct trail_prev *out)
{
	struct c2a_record r[NREC];
	struct trail_writer *w;
	char *path;

	make_records(r, NREC);
	w = trail_create(dir, seq, prev, key, err, sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	ck_assert_int_eq(trail_append(w, r, 5), 0);
	ck_assert_int_eq(trail_append(w, r + 5, NREC - 5), 0);
	ck_assert_int_eq(trail_sync(w), 0);
	ck_assert_uint_eq(trail_writer_records(w), NREC);
	if (seal)
		ck_assert_int_eq(trail_seal(w, TRAIL_SEAL_STOP), 0);
	if (out)
		trail_writer_prev(w, out);
	path = strdup(trail_writer_path(w));
	trail_writer_close(w);
	return path;
}

struct result {
	size_t records;		/* good ones */
	size_t damaged;
	char first[320];	/* the first damage */
	enum trail_end_state end;
};

static struct result read_all(const char *path, const struct trail_key *key,
			      unsigned int flags)
{
	struct trail_reader *r = trail_open(path, key, flags, err, sizeof(err));
	struct c2a_record want[NREC];
	struct result res = { 0 };
	const struct c2a_record *rec;
	enum trail_step s;

	ck_assert_msg(r != NULL, "%s", err);
	make_records(want, NREC);
	while ((s = trail_next(r, &rec)) != TRAIL_END) {
		ck_assert_int_ne(s, TRAIL_ERROR);
		if (s == TRAIL_DAMAGE) {
			if (!res.damaged++)
				snprintf(res.first, sizeof(res.first), "%s",
					 trail_damage(r));
			continue;
		}
		ck_assert_uint_lt(res.records, NREC);
		/* What a verifying reader passes is what was written. */
		if (flags & TRAIL_VERIFY)
			ck_assert_mem_eq(rec, &want[rec->hdr.seq * 2 - 2 + rec->hdr.cpu],
					 sizeof(*rec));
		res.records++;
	}
	res.end = trail_end_state(r);
	trail_close(r);
	return res;
}

static void rewrite(const char *path, off_t off, const void *p, size_t n)
{
	int fd = open(path, O_WRONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, p, n, off), (ssize_t)n);
	close(fd);
}

static void cut(const char *path, off_t size)
{
	ck_assert_int_eq(truncate(path, size), 0);
}

/*
 * The offsets of @path's frames, walking their heads: off[i] is frame
 * i + 1's, off[n] where the last one ends (n returned).
 */
static size_t frame_offs(const char *path, off_t *off, size_t max)
{
	struct trail_frame_head h;
	off_t at = TRAIL_HEADER_SIZE;
	int fd = open(path, O_RDONLY);
	size_t n = 0;

	ck_assert_int_ge(fd, 0);
	while (n < max && pread(fd, &h, sizeof(h), at) == sizeof(h)) {
		ck_assert_uint_ge(h.len, TRAIL_FRAME_MIN);
		ck_assert_uint_le(h.len, TRAIL_FRAME_MAX);
		off[n++] = at;
		at += h.len;
	}
	off[n] = at;
	close(fd);
	return n;
}

/* Where frame @index starts (NREC + 2: where a frame after the seal would). */
static off_t frame_off(const char *path, unsigned int index)
{
	off_t off[NREC + 3];
	size_t n = frame_offs(path, off, NREC + 2);

	ck_assert_uint_le(index, n + 1);
	return off[index - 1];
}

static char *slurp(const char *path, size_t *size)
{
	struct stat st;
	char *p;
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fstat(fd, &st), 0);
	p = malloc(st.st_size);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(pread(fd, p, st.st_size, 0), st.st_size);
	close(fd);
	*size = st.st_size;
	return p;
}

/* @path made of @n pieces: (start, end) byte ranges of @old. */
static void splice_file(const char *path, const char *old, const off_t *piece,
			size_t n)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(fwrite(old + piece[2 * i], 1,
					 piece[2 * i + 1] - piece[2 * i], f),
				  (size_t)(piece[2 * i + 1] - piece[2 * i]));
	ck_assert_int_eq(fclose(f), 0);
}

/* Moves frame @index out of the file (the rest shifts down). */
static void delete_frame(const char *path, unsigned int index)
{
	size_t size;
	char *old = slurp(path, &size);
	off_t piece[] = { 0, frame_off(path, index),
			  frame_off(path, index + 1), size };

	splice_file(path, old, piece, 2);
	free(old);
}

/* Swaps frames @a and @a + 1. */
static void swap_frames(const char *path, unsigned int a)
{
	size_t size;
	char *old = slurp(path, &size);
	off_t fa = frame_off(path, a), fb = frame_off(path, a + 1);
	off_t end = frame_off(path, a + 2);
	off_t piece[] = { 0, fa, fb, end, fa, fb, end, size };

	splice_file(path, old, piece, 4);
	free(old);
}

static void assert_damage(const struct result *res, const char *want)
{
	ck_assert_msg(res->damaged > 0, "no damage found (wanted '%s')", want);
	ck_assert_msg(strstr(res->first, want), "damage '%s' lacks '%s'",
		      res->first, want);
}

START_TEST(written_records_read_back_in_order)
{
	char *path = write_file(1, NULL, NULL, true, NULL);
	struct result res = read_all(path, NULL, TRAIL_VERIFY);
	struct trail_reader *r = trail_open(path, NULL, 0, err, sizeof(err));
	const struct trail_file_header *h = trail_header(r);
	struct stat st;
	mode_t um;

	ck_assert_uint_eq(res.records, NREC);
	ck_assert_uint_eq(res.damaged, 0);
	ck_assert_int_eq(res.end, TRAIL_SEALED);
	ck_assert_uint_eq(h->file_seq, 1);
	ck_assert_uint_eq(h->abi_version, C2A_ABI_VERSION);
	ck_assert(!(h->flags & TRAIL_HF_PREV));
	ck_assert_int_eq(stat(path, &st), 0);
	/* 0640 less the umask: c2auditd's lets log_group read, or no one */
	um = umask(0);
	umask(um);
	ck_assert_uint_eq(st.st_mode & 0777, 0640 & ~um);
	/* Frames of the records' nonzero words: each shorter than whole. */
	{
		off_t off[NREC + 3];
		size_t n = frame_offs(path, off, NREC + 2);

		ck_assert_uint_eq(n, NREC + 1);
		ck_assert_int_eq(off[n], st.st_size);
		for (size_t i = 0; i < n; i++)
			ck_assert_int_lt(off[i + 1] - off[i], TRAIL_FRAME_MAX);
	}
	ck_assert(strstr(path, "/trail-00000001.c2a"));
	trail_close(r);
	free(path);
}
END_TEST

START_TEST(open_file_is_told_from_unsealed_one)
{
	struct c2a_record rec[3];
	const struct c2a_record *got;
	struct trail_writer *w = trail_create(dir, 7, NULL, NULL, err, sizeof(err));
	struct trail_reader *r;
	int n = 0;

	make_records(rec, 3);
	ck_assert_int_eq(trail_append(w, rec, 2), 0);
	r = trail_open(trail_writer_path(w), NULL, TRAIL_VERIFY, err, sizeof(err));
	ck_assert_ptr_nonnull(r);
	while (trail_next(r, &got) == TRAIL_RECORD)
		n++;
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(trail_end_state(r), TRAIL_OPEN);
	/* A reader at the end of an open file reads on as it grows. */
	ck_assert_int_eq(trail_append(w, rec + 2, 1), 0);
	ck_assert_int_eq(trail_next(r, &got), TRAIL_RECORD);
	ck_assert_int_eq(trail_next(r, &got), TRAIL_END);
	/* Its writer gone without a seal: a crash, or a cut at a frame's end. */
	trail_writer_close(w);
	ck_assert_int_eq(trail_next(r, &got), TRAIL_END);
	ck_assert_int_eq(trail_end_state(r), TRAIL_UNSEALED);
	trail_close(r);
}
END_TEST

START_TEST(edited_byte_is_named)
{
	char *path = write_file(1, NULL, NULL, true, NULL);
	char x = 'X';
	struct result res;

	/* A byte of record 7's path: its last word stored. */
	rewrite(path, frame_off(path, 8) - TRAIL_MAC_LEN - 1, &x, 1);
	res = read_all(path, NULL, TRAIL_VERIFY);
	assert_damage(&res, "record 7 (cpu 0 id 4): hash mismatch");
	ck_assert_uint_eq(res.damaged, 1);
	ck_assert_uint_eq(res.records, NREC - 1);
	/* Not verifying, the same file reads whole. */
	res = read_all(path, NULL, 0);
	ck_assert_uint_eq(res.damaged, 0);
	free(path);
}
END_TEST

START_TEST(deleted_record_is_named)
{
	char *path = write_file(1, NULL, NULL, true, NULL);
	struct result res;

	delete_frame(path, 4);
	res = read_all(path, NULL, TRAIL_VERIFY);
	assert_damage(&res, "record 4 (cpu 0 id 3): records 4..4 before it are missing");
	ck_assert_int_eq(res.end, TRAIL_SEALED);
	free(path);
}
END_TEST

START_TEST(reordered_records_are_named)
{
	char *path = write_file(1, NULL, NULL, true, NULL);
	struct result res;

	swap_frames(path, 10);
	res = read_all(path, NULL, TRAIL_VERIFY);
	assert_damage(&res, "record 10 ");
	ck_assert(strstr(res.first, "missing") || strstr(res.first, "out of order"));
	free(path);
}
END_TEST

START_TEST(truncation_is_found)
{
	char *path = write_file(1, NULL, NULL, true, NULL);
	struct result res;

	/* In the middle of record 12 */
	cut(path, frame_off(path, 12) + 100);
	res = read_all(path, NULL, TRAIL_VERIFY);
	assert_damage(&res, "record 12: the file ends 100 bytes into it: truncated");
	ck_assert_uint_eq(res.records, 11);
	ck_assert_int_eq(res.end, TRAIL_UNSEALED);
	/* At a frame's end: no damage inside, but no seal either. */
	cut(path, frame_off(path, 12));
	res = read_all(path, NULL, TRAIL_VERIFY);
	ck_assert_uint_eq(res.damaged, 0);
	ck_assert_int_eq(res.end, TRAIL_UNSEALED);
	free(path);
}
END_TEST

START_TEST(frames_keep_the_nonzero_words)
{
	struct trail_frame f;
	__u8 body[C2A_RECORD_SIZE], out[TRAIL_FRAME_MAX];
	size_t len, need;

	memset(body, 0, sizeof(body));
	len = trail_frame_encode(body, 1, TRAIL_FRAME_RECORD, out);
	ck_assert_uint_eq(len, TRAIL_FRAME_MIN);
	ck_assert_int_eq(trail_frame_decode(out, len, &f, &need), (long)len);
	memset(body, 0xff, sizeof(body));
	len = trail_frame_encode(body, 2, TRAIL_FRAME_SEAL, out);
	ck_assert_uint_eq(len, TRAIL_FRAME_MAX);
	/* Words zero and not: first, last, a lone byte in the middle. */
	memset(body, 0, sizeof(body));
	body[0] = 1;
	body[C2A_RECORD_SIZE - 1] = 2;
	body[203] = 3;
	len = trail_frame_encode(body, 3, TRAIL_FRAME_RECORD, out);
	ck_assert_uint_eq(len, TRAIL_FRAME_MIN + 3 * 8);
	memset(out + len - TRAIL_MAC_LEN, 0xab, TRAIL_MAC_LEN);
	ck_assert_int_eq(trail_frame_decode(out, len, &f, &need), (long)len);
	ck_assert_mem_eq(&f.rec, body, sizeof(body));
	ck_assert_uint_eq(f.index, 3);
	ck_assert_uint_eq(f.kind, TRAIL_FRAME_RECORD);
	ck_assert_uint_eq(f.mac[31], 0xab);
	/* Short: how far it goes, once the head is there. */
	ck_assert_int_eq(trail_frame_decode(out, TRAIL_FRAME_HEAD - 1, &f, &need), 0);
	ck_assert_uint_eq(need, TRAIL_FRAME_HEAD);
	ck_assert_int_eq(trail_frame_decode(out, len - 1, &f, &need), 0);
	ck_assert_uint_eq(need, len);
	/* A length that is not its words' is not a frame's head. */
	out[0] += 8;
	ck_assert_int_eq(trail_frame_decode(out, len, &f, &need), -1);
	out[0] -= 16;
	ck_assert_int_eq(trail_frame_decode(out, len, &f, &need), -1);
}
END_TEST

/* @body framed and read back: the frame's length. */
static size_t frame_round_trip(const struct c2a_record *body)
{
	__u8 out[TRAIL_FRAME_MAX];
	struct trail_frame f;
	size_t len, need;

	len = trail_frame_encode(body, 1, TRAIL_FRAME_RECORD, out);
	ck_assert_int_eq(trail_frame_decode(out, len, &f, &need), (long)len);
	ck_assert_int_eq(trail_body_uncopy(&f.rec), 0);
	ck_assert_mem_eq(&f.rec, body, sizeof(*body));
	return len;
}

START_TEST(repeated_strings_are_stored_once)
{
	struct gen_str s[] = {
		{ C2A_STR_EXE, "/bin/cat", 8 },
		{ C2A_STR_PATH, "/etc/shadow", 11 },
		{ C2A_STR_NAME, "/etc/shadow", 11 },
		{ C2A_STR_PATH2, "/etc/passwd", 11 },
		{ C2A_STR_NAME2, "/etc/passwd", 11 },
	};
	struct c2a_record r[4], copy;
	char big[300];
	size_t whole, copied;

	/* Two copies: 22 bytes of text less, three words. */
	gen_event(r, 1, 0, 1, s, 5);
	copied = frame_round_trip(r);
	s[2].s = "/etc/shadoW";
	s[4].s = "/etc/passwD";
	gen_event(r, 1, 0, 1, s, 5);
	whole = frame_round_trip(r);
	ck_assert_uint_eq(whole - copied, 3 * 8);
	/* Not whole inline (the rest in continuations): kept as it is. */
	memset(big, 'a', sizeof(big));
	s[1] = (struct gen_str){ C2A_STR_PATH, big, sizeof(big) };
	s[2] = (struct gen_str){ C2A_STR_NAME, big, sizeof(big) };
	ck_assert_uint_eq(gen_event(r, 4, 0, 1, s, 3), 3);
	frame_round_trip(r);
	/* Bytes after the strings could not be given back: kept as it is. */
	s[1] = (struct gen_str){ C2A_STR_PATH, "/x", 2 };
	s[2] = (struct gen_str){ C2A_STR_NAME, "/x", 2 };
	gen_event(r, 1, 0, 1, s, 3);
	r->ev.text[150] = 'z';
	frame_round_trip(r);

	/* A copy that names no earlier string of its length is refused. */
	r->ev.text[150] = 0;
	copy = *r;
	copy.ev.str[2].flags |= TRAIL_STRF_COPY;
	copy.ev.str[2].inl = 2;		/* itself */
	ck_assert_int_eq(trail_body_uncopy(&copy), -1);
	copy.ev.str[2].inl = 5;		/* later */
	ck_assert_int_eq(trail_body_uncopy(&copy), -1);
	copy.ev.str[2].inl = 0;		/* "/bin/cat": 8 bytes, not 2 */
	ck_assert_int_eq(trail_body_uncopy(&copy), -1);
	copy = *r;
	copy.ev.str[2].flags |= TRAIL_STRF_COPY;
	copy.ev.str[2].inl = 1;
	copy.ev.str[2].len = copy.ev.str[1].len = 190;	/* past the text */
	copy.ev.str[1].inl = 190;
	ck_assert_int_eq(trail_body_uncopy(&copy), -1);
	/* Not a syscall's record: left alone. */
	copy = *r;
	copy.hdr.type = C2A_REC_LOSS;
	copy.ev.str[2].flags |= TRAIL_STRF_COPY;
	ck_assert_int_eq(trail_body_uncopy(&copy), 0);
}
END_TEST

START_TEST(damaged_head_is_skipped)
{
	char *path = write_file(1, NULL, NULL, true, NULL);
	__u32 len = 12345;
	struct result res;

	rewrite(path, frame_off(path, 5), &len, sizeof(len));
	res = read_all(path, NULL, TRAIL_VERIFY);
	assert_damage(&res, "record 5: its frame's head is damaged: ");
	ck_assert_msg(strstr(res.first, "bytes skipped, up to record 6 (records 5..5 are lost)"),
		      "%s", res.first);
	/* The frames after it are read, and checked: one damage only. */
	ck_assert_uint_eq(res.damaged, 1);
	ck_assert_uint_eq(res.records, NREC - 1);
	ck_assert_int_eq(res.end, TRAIL_SEALED);
	/* The seal's head: nothing whole after it. */
	free(path);
	path = write_file(2, NULL, NULL, true, NULL);
	rewrite(path, frame_off(path, NREC + 1), &len, sizeof(len));
	res = read_all(path, NULL, TRAIL_VERIFY);
	assert_damage(&res, "record 21: its frame's head is damaged: the 80 bytes from there to the end of the file cannot be read");
	ck_assert_uint_eq(res.records, NREC);
	ck_assert_int_eq(res.end, TRAIL_UNSEALED);
	free(path);
}
END_TEST

/* A file of format version 1 (fixed frames), as the tools wrote it before. */
static char *write_v1_file(uint64_t seq)
{
	struct c2a_record r[NREC];
	struct trail_file_header h = {
		.version = TRAIL_VERSION_FIXED,
		.header_size = TRAIL_HEADER_SIZE,
		.frame_size = TRAIL_FRAME_SIZE_V1,
		.abi_version = C2A_ABI_VERSION,
		.record_size = C2A_RECORD_SIZE,
		.file_seq = seq,
	};
	struct trail_frame f;
	struct trail_chain c;
	char *path = trail_file_path(dir, seq);
	FILE *out = fopen(path, "w");
	__u8 mac[TRAIL_MAC_LEN];

	ck_assert_ptr_nonnull(out);
	make_records(r, NREC);
	memcpy(h.magic, TRAIL_MAGIC, sizeof(h.magic));
	chain_init(&c, NULL);
	chain_header(&c, &h, h.mac);
	memcpy(mac, h.mac, TRAIL_MAC_LEN);
	ck_assert_uint_eq(fwrite(&h, sizeof(h), 1, out), 1);
	for (unsigned int i = 0; i <= NREC; i++) {
		memset(&f, 0, sizeof(f));
		if (i < NREC) {
			f.rec = r[i];
			f.kind = TRAIL_FRAME_RECORD;
		} else {
			f.seal.frames = NREC;
			f.seal.reason = TRAIL_SEAL_STOP;
			f.kind = TRAIL_FRAME_SEAL;
		}
		f.index = i + 1;
		chain_frame(&c, mac, &f, offsetof(struct trail_frame, mac), f.mac);
		memcpy(mac, f.mac, TRAIL_MAC_LEN);
		ck_assert_uint_eq(fwrite(&f, sizeof(f), 1, out), 1);
	}
	chain_free(&c);
	ck_assert_int_eq(fclose(out), 0);
	return path;
}

START_TEST(version_1_files_are_still_read)
{
	char *path = write_v1_file(1);
	struct trail_prev prev;
	struct result res = read_all(path, NULL, TRAIL_VERIFY);
	char x = 'X';

	ck_assert_uint_eq(res.records, NREC);
	ck_assert_uint_eq(res.damaged, 0);
	ck_assert_int_eq(res.end, TRAIL_SEALED);
	/* A trail goes on after it in the new format (an upgrade). */
	ck_assert_int_eq(trail_prev_scan(dir, &prev, err, sizeof(err)), 0);
	ck_assert(prev.present && !prev.unsealed);
	ck_assert_uint_eq(prev.tail.frames, NREC + 1);
	ck_assert_uint_eq(prev.tail.size,
			  TRAIL_HEADER_SIZE + (NREC + 1) * TRAIL_FRAME_SIZE_V1);
	/* And an edit in it still shows. */
	rewrite(path, TRAIL_HEADER_SIZE + 6 * TRAIL_FRAME_SIZE_V1 + 100, &x, 1);
	res = read_all(path, NULL, TRAIL_VERIFY);
	assert_damage(&res, "record 7 (cpu 0 id 4): hash mismatch");
	free(path);
}
END_TEST

START_TEST(frames_after_the_seal_are_damage)
{
	char *path = write_file(1, NULL, NULL, true, NULL);
	off_t last = frame_off(path, NREC), seal = frame_off(path, NREC + 1);
	off_t end = frame_off(path, NREC + 2);
	char f[TRAIL_FRAME_MAX];
	int fd = open(path, O_RDWR);
	struct result res;

	/* The last record again, after the seal. */
	ck_assert_int_eq(pread(fd, f, seal - last, last), seal - last);
	ck_assert_int_eq(pwrite(fd, f, seal - last, end), seal - last);
	close(fd);
	res = read_all(path, NULL, 0);
	assert_damage(&res, "record 22 (cpu 1 id 10): out of order");
	free(path);
}
END_TEST

START_TEST(bad_headers_are_refused)
{
	char *path = write_file(1, NULL, NULL, true, NULL);
	struct trail_reader *r;
	__u32 v = 99;
	char c = 'Z';

	rewrite(path, offsetof(struct trail_file_header, host), &c, 1);
	ck_assert_ptr_null(trail_open(path, NULL, TRAIL_VERIFY, err, sizeof(err)));
	ck_assert_msg(strstr(err, "header: hash mismatch"), "%s", err);
	r = trail_open(path, NULL, 0, err, sizeof(err));
	ck_assert_ptr_nonnull(r);
	trail_close(r);
	rewrite(path, offsetof(struct trail_file_header, version), &v, sizeof(v));
	ck_assert_ptr_null(trail_open(path, NULL, 0, err, sizeof(err)));
	ck_assert_msg(strstr(err, "format version unknown"), "%s", err);
	rewrite(path, 0, "NOTATRAI", 8);
	ck_assert_ptr_null(trail_open(path, NULL, 0, err, sizeof(err)));
	ck_assert_msg(strstr(err, "not a c2audit trail file"), "%s", err);
	cut(path, 100);
	ck_assert_ptr_null(trail_open(path, NULL, 0, err, sizeof(err)));
	ck_assert_msg(strstr(err, "shorter than a trail header"), "%s", err);
	cut(path, 0);
	ck_assert_ptr_null(trail_open(path, NULL, 0, err, sizeof(err)));
	ck_assert_msg(strstr(err, "empty"), "%s", err);
	ck_assert_ptr_null(trail_open("/nonexistent/x", NULL, 0, err, sizeof(err)));
	ck_assert_msg(strstr(err, "No such file"), "%s", err);
	free(path);
}
END_TEST

static void make_key(const char *name, const char *bytes, mode_t mode,
		     struct trail_key *key)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, bytes, strlen(bytes)), (ssize_t)strlen(bytes));
	fchmod(fd, mode);
	close(fd);
	if (key)
		ck_assert_msg(!trail_key_load(path, key, err, sizeof(err)), "%s", err);
	else
		ck_assert_int_eq(trail_key_load(path, &(struct trail_key){ 0 },
						err, sizeof(err)), -1);
}

START_TEST(keyed_chain_needs_its_key)
{
	struct trail_key k1, k2;
	struct result res;
	char *path;
	char x = 'X';

	make_key("k1", "0123456789abcdef0123", 0600, &k1);
	make_key("k2", "another key of twenty", 0400, &k2);
	path = write_file(1, NULL, &k1, true, NULL);
	res = read_all(path, &k1, TRAIL_VERIFY);
	ck_assert_uint_eq(res.records, NREC);
	ck_assert_uint_eq(res.damaged, 0);
	ck_assert_ptr_null(trail_open(path, &k2, TRAIL_VERIFY, err, sizeof(err)));
	ck_assert_msg(strstr(err, "another key"), "%s", err);
	ck_assert_ptr_null(trail_open(path, NULL, TRAIL_VERIFY, err, sizeof(err)));
	ck_assert_msg(strstr(err, "needs the key"), "%s", err);
	/* Readable without the key, not verifiable. */
	res = read_all(path, NULL, 0);
	ck_assert_uint_eq(res.records, NREC);
	rewrite(path, frame_off(path, 4) - TRAIL_MAC_LEN - 1, &x, 1);
	res = read_all(path, &k1, TRAIL_VERIFY);
	assert_damage(&res, "record 3 (cpu 0 id 2): hash mismatch");
	free(path);
	/* An unkeyed file where a key is expected may have been rewritten. */
	path = write_file(2, NULL, NULL, true, NULL);
	ck_assert_ptr_null(trail_open(path, &k1, TRAIL_VERIFY, err, sizeof(err)));
	ck_assert_msg(strstr(err, "not keyed"), "%s", err);
	free(path);
	trail_key_free(&k1);
	trail_key_free(&k2);
}
END_TEST

START_TEST(bad_key_files_are_refused)
{
	make_key("short", "tooshort", 0600, NULL);
	ck_assert_msg(strstr(err, "8 bytes"), "%s", err);
	make_key("open", "0123456789abcdef0123", 0644, NULL);
	ck_assert_msg(strstr(err, "mode 0644"), "%s", err);
	ck_assert_int_eq(trail_key_load(dir, &(struct trail_key){ 0 }, err,
					sizeof(err)), -1);
	ck_assert_msg(strstr(err, "not a regular file"), "%s", err);
}
END_TEST

START_TEST(files_are_listed_oldest_first)
{
	const char *names[] = { "trail-00000010.c2a", "trail-00000009.c2a",
				"trail-00000002.c2a", "trail-x.c2a", "notes",
				"trail-00000003.c2a.tmp", "trail-.c2a" };
	struct trail_files files;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char p[128];

		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		close(open(p, O_CREAT | O_WRONLY, 0600));
	}
	ck_assert_int_eq(trail_list(dir, &files, err, sizeof(err)), 0);
	ck_assert_uint_eq(files.n, 3);
	ck_assert_uint_eq(files.f[0].seq, 2);
	ck_assert_uint_eq(files.f[1].seq, 9);
	ck_assert_uint_eq(files.f[2].seq, 10);
	ck_assert(strstr(files.f[2].path, "/trail-00000010.c2a"));
	trail_files_free(&files);
	ck_assert_int_eq(trail_list("/nonexistent", &files, err, sizeof(err)), -1);
}
END_TEST

START_TEST(next_file_describes_the_previous)
{
	struct trail_prev p1, scanned;
	struct trail_reader *r;
	const struct trail_file_header *h;
	char *f1 = write_file(1, NULL, NULL, true, &p1), *f2;

	ck_assert_int_eq(trail_prev_scan(dir, &scanned, err, sizeof(err)), 0);
	ck_assert(scanned.present && !scanned.unsealed);
	ck_assert_uint_eq(scanned.seq, 1);
	ck_assert_uint_eq(scanned.tail.frames, NREC + 1);
	ck_assert_mem_eq(scanned.tail.mac, p1.tail.mac, TRAIL_MAC_LEN);
	ck_assert_uint_eq(scanned.tail.size, p1.tail.size);
	/* The second file is left unsealed: a crash. */
	f2 = write_file(2, &scanned, NULL, false, NULL);
	r = trail_open(f2, NULL, TRAIL_VERIFY, err, sizeof(err));
	h = trail_header(r);
	ck_assert_uint_eq(h->flags & (TRAIL_HF_PREV | TRAIL_HF_PREV_UNSEALED),
			  TRAIL_HF_PREV);
	ck_assert_uint_eq(h->prev_seq, 1);
	ck_assert_uint_eq(h->prev_frames, NREC + 1);
	ck_assert_mem_eq(h->prev_mac, p1.tail.mac, TRAIL_MAC_LEN);
	trail_close(r);
	ck_assert_int_eq(trail_prev_scan(dir, &scanned, err, sizeof(err)), 0);
	ck_assert(scanned.present && scanned.unsealed);
	ck_assert_uint_eq(scanned.seq, 2);
	ck_assert_uint_eq(scanned.tail.frames, NREC);
	free(f1);
	free(f2);
}
END_TEST

/* A write that fails half-way leaves whole frames, and can be retried. */
START_TEST(failed_append_leaves_the_file_whole)
{
	struct rlimit lim;
	struct c2a_record r[NREC];
	struct trail_writer *w;
	struct result res;
	char *path;

	make_records(r, NREC);
	signal(SIGXFSZ, SIG_IGN);
	w = trail_create(dir, 1, NULL, NULL, err, sizeof(err));
	ck_assert_int_eq(trail_append(w, r, 5), 0);
	getrlimit(RLIMIT_FSIZE, &lim);
	lim.rlim_cur = trail_writer_size(w) + 3 * TRAIL_FRAME_MIN + 10;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	ck_assert_int_eq(trail_append(w, r + 5, 10), -1);
	ck_assert_int_eq(errno, EFBIG);
	ck_assert_uint_eq(trail_writer_records(w), 5);
	lim.rlim_cur = lim.rlim_max;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	ck_assert_int_eq(trail_append(w, r + 5, NREC - 5), 0);
	ck_assert_int_eq(trail_seal(w, TRAIL_SEAL_ROTATE), 0);
	path = strdup(trail_writer_path(w));
	trail_writer_close(w);
	res = read_all(path, NULL, TRAIL_VERIFY);
	ck_assert_uint_eq(res.records, NREC);
	ck_assert_uint_eq(res.damaged, 0);
	ck_assert_int_eq(res.end, TRAIL_SEALED);
	free(path);
}
END_TEST

START_TEST(create_refuses_an_existing_name)
{
	char *path = write_file(3, NULL, NULL, true, NULL);

	ck_assert_ptr_null(trail_create(dir, 3, NULL, NULL, err, sizeof(err)));
	ck_assert_msg(strstr(err, "exists"), "%s", err);
	ck_assert_ptr_null(trail_create("/nonexistent", 1, NULL, NULL, err,
					sizeof(err)));
	free(path);
}
END_TEST

Suite *trail_suite(void)
{
	Suite *s = suite_create("trail");
	TCase *core = tcase_create("Core"), *damage = tcase_create("Damage");
	TCase *errors = tcase_create("Errors");

	tcase_add_checked_fixture(core, setup, teardown);
	tcase_add_checked_fixture(damage, setup, teardown);
	tcase_add_checked_fixture(errors, setup, teardown);
	tcase_add_test(core, written_records_read_back_in_order);
	tcase_add_test(core, open_file_is_told_from_unsealed_one);
	tcase_add_test(core, files_are_listed_oldest_first);
	tcase_add_test(core, next_file_describes_the_previous);
	tcase_add_test(damage, edited_byte_is_named);
	tcase_add_test(damage, deleted_record_is_named);
	tcase_add_test(damage, reordered_records_are_named);
	tcase_add_test(damage, truncation_is_found);
	tcase_add_test(damage, frames_after_the_seal_are_damage);
	tcase_add_test(damage, damaged_head_is_skipped);
	tcase_add_test(core, frames_keep_the_nonzero_words);
	tcase_add_test(core, repeated_strings_are_stored_once);
	tcase_add_test(core, version_1_files_are_still_read);
	tcase_add_test(errors, bad_headers_are_refused);
	tcase_add_test(errors, keyed_chain_needs_its_key);
	tcase_add_test(errors, bad_key_files_are_refused);
	tcase_add_test(errors, failed_append_leaves_the_file_whole);
	tcase_add_test(errors, create_refuses_an_existing_name);
	suite_add_tcase(s, core);
	suite_add_tcase(s, damage);
	suite_add_tcase(s, errors);
	return s;
}
