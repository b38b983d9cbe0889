// SPDX-License-Identifier: GPL-2.0
/*
 * The detector: classification of records, the sequences, windows and
 * thresholds, severity, ordering, expiry and its memory bound, settings,
 * output, and its cost per event.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "detect.h"
#include "detect_int.h"
#include "suites.h"

#define MS	1000000ULL
#define T0	(1700000000ULL * 1000000000ULL)

/* What the detector said, in order. */
struct said {
	int n;
	enum det_sev sev[64];
	const char *pattern[64];
	uint32_t over[64];
	uint8_t type[64];
	uint32_t tgid[64];
	char line[64][512];
	int majors;
};

static void keep(const struct det_alert *a, void *ctx)
{
	struct said *s = ctx;
	struct buf b = { 0 };
	int i = s->n < 64 ? s->n : 63;

	s->n++;
	s->sev[i] = a->severity;
	s->pattern[i] = a->pattern;
	s->over[i] = a->over;
	s->type[i] = a->ev->type;
	s->tgid[i] = a->ev->tgid;
	det_out_text(a, &b);
	snprintf(s->line[i], sizeof(s->line[i]), "%s", buf_cstr(&b));
	buf_free(&b);
	s->majors += a->severity == DET_MAJ;
}

/* An event as the tools assemble it. */
struct mk {
	struct evt ev;
	char exe[64];
};

static void add_str(struct evt *ev, uint8_t type, const char *s)
{
	struct evt_str *str = &ev->str[ev->nstr++];

	str->type = type;
	str->len = str->have = strlen(s);
	str->data = (char *)s;
}

static struct evt *sys_evt(struct mk *m, uint16_t sysid, uint64_t a1,
			   uint64_t a2, uint32_t tgid, uint64_t t_ms,
			   const char *path, const char *path2)
{
	struct c2a_record *r = &m->ev.rec;

	memset(m, 0, sizeof(*m));
	r->hdr.version = C2A_ABI_VERSION;
	r->hdr.type = C2A_REC_SYSCALL;
	r->hdr.size = C2A_RECORD_SIZE;
	r->hdr.nparts = 1;
	r->hdr.time_ns = T0 + t_ms * MS;
	r->hdr.seq = t_ms + 1;
	r->ev.subj.tgid = r->ev.subj.pid = tgid;
	strcpy(r->ev.subj.comm, "prog");
	r->ev.u.sys.sysid = sysid;
	r->ev.u.sys.arch = C2A_ARCH_X86_64;
	r->ev.u.sys.args[1] = a1;
	r->ev.u.sys.args[2] = a2;
	r->ev.u.sys.obj.mode = S_IFREG | 0644;
	snprintf(m->exe, sizeof(m->exe), "/bin/prog%u", tgid % 7 == 6 ? 2 : 1);
	add_str(&m->ev, C2A_STR_EXE, m->exe);
	if (path)
		add_str(&m->ev, C2A_STR_PATH, path);
	if (path2)
		add_str(&m->ev, C2A_STR_PATH2, path2);
	return &m->ev;
}

static void feed_open(struct detect *d, uint32_t tgid, uint64_t t,
		      const char *p)
{
	struct mk m;

	detect_feed(d, sys_evt(&m, C2A_SYS_openat, 0, O_RDONLY, tgid, t, p,
			       NULL));
}

static void feed_create(struct detect *d, uint32_t tgid, uint64_t t,
			const char *p)
{
	struct mk m;

	detect_feed(d, sys_evt(&m, C2A_SYS_openat, 0,
			       O_WRONLY | O_CREAT | O_TRUNC, tgid, t, p, NULL));
}

static void feed_delete(struct detect *d, uint32_t tgid, uint64_t t,
			const char *p)
{
	struct mk m;

	detect_feed(d, sys_evt(&m, C2A_SYS_unlinkat, 0, 0, tgid, t, p, NULL));
}

static void feed_rename(struct detect *d, uint32_t tgid, uint64_t t,
			const char *from, const char *to)
{
	struct mk m;

	detect_feed(d, sys_evt(&m, C2A_SYS_rename, 0, 0, tgid, t, from, to));
}

static void feed_exec(struct detect *d, uint32_t tgid, uint64_t t)
{
	struct mk m;

	detect_feed(d, sys_evt(&m, C2A_SYS_execve, 0, 0, tgid, t, NULL, NULL));
}

static void feed_enc(struct detect *d, uint32_t tgid, uint64_t t)
{
	struct mk m;
	struct evt *ev = sys_evt(&m, 0, 0, 0, tgid, t, NULL, NULL);

	ev->rec.hdr.type = C2A_REC_UPROBE;
	add_str(ev, C2A_STR_LIBRARY, "/usr/lib/x86_64-linux-gnu/libcrypto.so.3");
	add_str(ev, C2A_STR_FUNCTION, "EVP_EncryptInit_ex");
	detect_feed(d, ev);
}

/* A detector with the defaults, but judging at once (no reordering wait). */
static struct detect *new_detect(struct det_config *c, struct said *s)
{
	memset(s, 0, sizeof(*s));
	c->reorder_ms = 0;
	return detect_new(c, keep, s);
}

static struct detect *default_detect(struct said *s)
{
	struct det_config c;

	det_config_default(&c);
	return new_detect(&c, s);
}

/* The ransomware's step: read X, encrypt, write X.aes, unlink X. */
static void encrypt_one(struct detect *d, uint32_t tgid, uint64_t t,
			const char *x, bool enc)
{
	char y[256];

	snprintf(y, sizeof(y), "%s.aes", x);
	feed_open(d, tgid, t, x);
	if (enc)
		feed_enc(d, tgid, t + 1);
	feed_create(d, tgid, t + 2, y);
	feed_delete(d, tgid, t + 3, x);
}

START_TEST(copy_delete_matches)
{
	struct said s;
	struct detect *d = default_detect(&s);

	encrypt_one(d, 100, 0, "/home/u/a.txt", false);
	detect_finish(d);
	ck_assert_int_eq(s.n, 3);
	ck_assert_ptr_null(s.pattern[0]);
	ck_assert_ptr_null(s.pattern[1]);
	ck_assert_str_eq(s.pattern[2], "copy-delete");
	ck_assert_int_eq(s.sev[1], DET_OK);
	ck_assert_int_eq(s.sev[2], DET_MIN);
	detect_free(d);
}
END_TEST

START_TEST(match_with_enc_is_major)
{
	struct said s;
	struct detect *d = default_detect(&s);

	encrypt_one(d, 100, 0, "/home/u/a.txt", true);
	detect_finish(d);
	ck_assert_int_eq(s.n, 4);
	ck_assert_int_eq(s.type[1], DET_ENC);
	ck_assert_int_eq(s.sev[2], DET_OK);
	ck_assert_int_eq(s.sev[3], DET_MAJ);
	ck_assert_str_eq(s.line[3],
			 "100     Del  MAJ  Match ----  /home/u/a.txt\n");
	/* MAJ stays with the process: an innocent event later too. */
	feed_open(d, 100, 60000, "/etc/hosts");
	detect_finish(d);
	ck_assert_int_eq(s.sev[4], DET_MAJ);
	/* Another process is not touched by it. */
	feed_open(d, 101, 60001, "/etc/hosts");
	detect_finish(d);
	ck_assert_int_eq(s.sev[5], DET_OK);
	detect_free(d);
}
END_TEST

START_TEST(enc_far_from_match_is_minor)
{
	struct said s;
	struct detect *d = default_detect(&s);

	feed_enc(d, 100, 0);
	encrypt_one(d, 100, 20000, "/home/u/a.txt", false);
	detect_finish(d);
	ck_assert_int_eq(s.sev[s.n - 1], DET_MIN);
	detect_free(d);
}
END_TEST

START_TEST(rename_over_and_away_match)
{
	struct said s;
	struct detect *d = default_detect(&s);

	feed_open(d, 7, 0, "/d/x");
	feed_create(d, 7, 1, "/d/x.tmp");
	feed_rename(d, 7, 2, "/d/x.tmp", "/d/x");
	feed_open(d, 7, 10, "/d/y");
	feed_create(d, 7, 11, "/d/y.enc");
	feed_rename(d, 7, 12, "/d/y", "/d/.trash");
	detect_finish(d);
	ck_assert_int_eq(s.n, 6);
	ck_assert_str_eq(s.pattern[2], "rename-over");
	ck_assert_str_eq(s.pattern[5], "rename-away");
	ck_assert_str_eq(s.line[2],
			 "7       Ren  MIN  Match ----  /d/x.tmp -> /d/x\n");
	detect_free(d);
}
END_TEST

/* The copy, renamed before the original goes, is still the copy. */
START_TEST(copy_renamed_then_delete_matches)
{
	struct said s;
	struct detect *d = default_detect(&s);

	feed_open(d, 7, 0, "/d/x");
	feed_create(d, 7, 1, "/d/.x.part");
	feed_rename(d, 7, 2, "/d/.x.part", "/d/x.locked");
	feed_delete(d, 7, 3, "/d/x");
	detect_finish(d);
	ck_assert_ptr_null(s.pattern[2]);
	ck_assert_str_eq(s.pattern[3], "copy-delete");
	detect_free(d);
}
END_TEST

START_TEST(incomplete_sequences_do_not_match)
{
	struct said s;
	struct detect *d = default_detect(&s);

	/* created without reading: an extraction */
	feed_create(d, 8, 0, "/d/a");
	feed_delete(d, 8, 1, "/d/a");
	/* read and deleted, nothing written */
	feed_open(d, 8, 2, "/d/b");
	feed_delete(d, 8, 3, "/d/b");
	/* the copy elsewhere: a move across filesystems */
	feed_open(d, 8, 4, "/d/c");
	feed_create(d, 8, 5, "/e/c");
	feed_delete(d, 8, 6, "/d/c");
	/* a temporary made and removed before the original goes */
	feed_open(d, 8, 7, "/d/e");
	feed_create(d, 8, 8, "/d/e.tmp");
	feed_delete(d, 8, 9, "/d/e.tmp");
	feed_delete(d, 8, 10, "/d/e");
	/* written over in place */
	feed_open(d, 8, 11, "/d/f");
	feed_create(d, 8, 12, "/d/f");
	feed_delete(d, 8, 13, "/d/f");
	/* the original replaced by something that is not its copy */
	feed_open(d, 8, 14, "/d/g");
	feed_create(d, 8, 15, "/d/g.new");
	feed_rename(d, 8, 16, "/d/other", "/d/g");
	feed_delete(d, 8, 17, "/d/g");
	detect_finish(d);
	for (int i = 0; i < s.n; i++)
		ck_assert_msg(!s.pattern[i], "event %d: %s", i, s.line[i]);
	detect_free(d);
}
END_TEST

START_TEST(sequence_window_expires)
{
	struct said s;
	struct det_config c;
	struct detect *d;

	det_config_default(&c);
	c.seq_window_ms = 1000;
	d = new_detect(&c, &s);
	feed_open(d, 9, 0, "/d/x");
	feed_create(d, 9, 500, "/d/x.aes");
	feed_delete(d, 9, 1500, "/d/x");
	feed_open(d, 9, 2000, "/d/y");
	feed_create(d, 9, 2500, "/d/y.aes");
	feed_delete(d, 9, 2999, "/d/y");
	detect_finish(d);
	ck_assert_ptr_null(s.pattern[2]);
	ck_assert_str_eq(s.pattern[5], "copy-delete");
	detect_free(d);
}
END_TEST

START_TEST(relation_and_patterns_settings)
{
	struct said s;
	struct det_config c;
	struct detect *d;
	char err[256];

	det_config_default(&c);
	ck_assert(det_config_set(&c, "relation=name", err, sizeof(err)));
	ck_assert(det_config_set(&c, "patterns=copy-delete", err, sizeof(err)));
	d = new_detect(&c, &s);
	feed_open(d, 9, 0, "/d/x");
	feed_create(d, 9, 1, "/d/random");
	feed_delete(d, 9, 2, "/d/x");
	feed_open(d, 9, 3, "/d/y");
	feed_create(d, 9, 4, "/d/y.crypt");
	feed_delete(d, 9, 5, "/d/y");
	feed_open(d, 9, 6, "/d/z");
	feed_create(d, 9, 7, "/d/z.tmp");
	feed_rename(d, 9, 8, "/d/z.tmp", "/d/z");
	detect_finish(d);
	ck_assert_ptr_null(s.pattern[2]);
	ck_assert_str_eq(s.pattern[5], "copy-delete");
	ck_assert_ptr_null(s.pattern[8]);
	detect_free(d);
	det_config_default(&c);
	ck_assert(det_config_set(&c, "relation=any", err, sizeof(err)));
	d = new_detect(&c, &s);
	feed_open(d, 9, 0, "/d/x");
	feed_create(d, 9, 1, "/elsewhere/x");
	feed_delete(d, 9, 2, "/d/x");
	detect_finish(d);
	ck_assert_str_eq(s.pattern[2], "copy-delete");
	detect_free(d);
}
END_TEST

START_TEST(many_matches_are_major)
{
	struct said s;
	struct detect *d = default_detect(&s);
	char x[32];

	for (int i = 0; i < 10; i++) {
		snprintf(x, sizeof(x), "/d/f%d", i);
		encrypt_one(d, 5, i * 10, x, false);
	}
	detect_finish(d);
	ck_assert_int_eq(s.sev[3 * 9 - 1], DET_MIN);
	ck_assert_int_eq(s.sev[3 * 10 - 1], DET_MAJ);
	detect_free(d);
}
END_TEST

START_TEST(exec_and_new_program_reset)
{
	struct said s;
	struct detect *d = default_detect(&s);
	struct mk m;
	struct evt *ev;

	encrypt_one(d, 100, 0, "/d/a", true);
	feed_exec(d, 100, 10);
	feed_open(d, 100, 20, "/d/b");
	encrypt_one(d, 100, 30, "/d/c", true);
	/* another program under the same pid: a pid used again */
	ev = sys_evt(&m, C2A_SYS_openat, 0, O_RDONLY, 100, 40, "/d/e", NULL);
	strcpy(m.exe, "/bin/other");
	ev->str[0].len = ev->str[0].have = strlen(m.exe);
	detect_feed(d, ev);
	detect_finish(d);
	ck_assert_int_eq(s.n, 10);
	ck_assert_int_eq(s.sev[3], DET_MAJ);
	ck_assert_int_eq(s.sev[4], DET_OK);
	ck_assert_int_eq(s.sev[8], DET_MAJ);
	ck_assert_int_eq(s.sev[9], DET_OK);
	detect_free(d);
}
END_TEST

START_TEST(ignored_executable)
{
	struct said s;
	struct det_config c;
	struct detect *d;
	char err[256];

	det_config_default(&c);
	ck_assert(det_config_set(&c, "ignore=/bin/prog1", err, sizeof(err)));
	d = new_detect(&c, &s);
	encrypt_one(d, 100, 0, "/d/a", true);
	encrypt_one(d, 6, 10, "/d/b", true);
	detect_finish(d);
	ck_assert_int_eq(s.n, 4);
	ck_assert_uint_eq(s.tgid[0], 6);
	detect_free(d);
	det_config_free(&c);
}
END_TEST

START_TEST(classification)
{
	struct det_event e;
	struct mk m;
	struct evt *ev;

	ev = sys_evt(&m, C2A_SYS_openat, 0, O_RDWR, 1, 0, "/a", NULL);
	ck_assert(det_classify(ev, &e));
	ck_assert_int_eq(e.type, DET_OPEN);
	ev = sys_evt(&m, C2A_SYS_open, O_RDWR | O_TRUNC, 0, 1, 0, "/a", NULL);
	ck_assert(det_classify(ev, &e));
	ck_assert_int_eq(e.type, DET_CREATE);
	ev = sys_evt(&m, C2A_SYS_creat, 0, 0, 1, 0, "/a", NULL);
	ck_assert(det_classify(ev, &e));
	ck_assert_int_eq(e.type, DET_CREATE);
	/* a file opened by handle is opened all the same */
	ev = sys_evt(&m, C2A_SYS_open_by_handle_at, 0, O_RDONLY, 1, 0, "/a",
		     NULL);
	ck_assert(det_classify(ev, &e));
	ck_assert_int_eq(e.type, DET_OPEN);
	ev = sys_evt(&m, C2A_SYS_open_by_handle_at, 0, O_WRONLY | O_TRUNC, 1, 0,
		     "/a", NULL);
	ck_assert(det_classify(ev, &e));
	ck_assert_int_eq(e.type, DET_CREATE);
	ev = sys_evt(&m, C2A_SYS_open_by_handle_at, 0, O_PATH, 1, 0, "/a", NULL);
	ck_assert(!det_classify(ev, &e));
	/* a log append, a directory, a device, a failure */
	ev = sys_evt(&m, C2A_SYS_openat, 0, O_WRONLY | O_APPEND, 1, 0, "/a", NULL);
	ck_assert(!det_classify(ev, &e));
	ev = sys_evt(&m, C2A_SYS_openat, 0, O_RDONLY | O_DIRECTORY, 1, 0, "/a", NULL);
	ck_assert(!det_classify(ev, &e));
	ev = sys_evt(&m, C2A_SYS_openat, 0, O_RDONLY, 1, 0, "/dev/null", NULL);
	ev->rec.ev.u.sys.obj.mode = S_IFCHR | 0666;
	ck_assert(!det_classify(ev, &e));
	ev = sys_evt(&m, C2A_SYS_openat, 0, O_RDONLY, 1, 0, "/a", NULL);
	ev->rec.ev.u.sys.ret = -2;
	ck_assert(!det_classify(ev, &e));
	/* rmdir through unlinkat, an exchange */
	ev = sys_evt(&m, C2A_SYS_unlinkat, 0, AT_REMOVEDIR, 1, 0, "/a", NULL);
	ck_assert(!det_classify(ev, &e));
	ev = sys_evt(&m, C2A_SYS_renameat2, 0, 0, 1, 0, "/a", "/b");
	ev->rec.ev.u.sys.args[4] = RENAME_EXCHANGE;
	ck_assert(!det_classify(ev, &e));
	/* io_uring: the flags are not in the record */
	ev = sys_evt(&m, C2A_SYS_openat, 0, O_WRONLY | O_CREAT, 1, 0, "/a", NULL);
	ev->rec.ev.u.sys.arch = C2A_ARCH_IO_URING;
	ck_assert(det_classify(ev, &e));
	ck_assert_int_eq(e.type, DET_OPEN);
	/* long names keep their tail */
	char longp[600];
	memset(longp, 'a', sizeof(longp));
	strcpy(longp + 590, "/tail.txt");
	ev = sys_evt(&m, C2A_SYS_unlink, 0, 0, 1, 0, longp, NULL);
	ck_assert(det_classify(ev, &e));
	ck_assert_uint_eq(strlen(e.name), DET_NAME_MAX - 1);
	ck_assert(!strncmp(e.name, "...", 3));
	ck_assert_str_eq(e.name + strlen(e.name) - 9, "/tail.txt");
	ck_assert_uint_eq(e.obj, det_hash(longp, strlen(longp)));
}
END_TEST

START_TEST(windows_slide)
{
	struct det_window w = { 0 };
	uint64_t width = 800 * MS;

	det_window_add(&w, width, T0, 5);
	det_window_add(&w, width, T0 + 300 * MS, 2);
	ck_assert_uint_eq(det_window_count(&w, width, T0 + 400 * MS), 7);
	/* the first bucket has left the window, the second not */
	ck_assert_uint_eq(det_window_count(&w, width, T0 + 850 * MS), 2);
	ck_assert_uint_eq(det_window_count(&w, width, T0 + 1200 * MS), 0);
	/* a time a little in the past counts now */
	det_window_add(&w, width, T0 + 1100 * MS, 1);
	ck_assert_uint_eq(det_window_count(&w, width, T0 + 1200 * MS), 1);
	/* a long silence empties it */
	ck_assert_uint_eq(det_window_count(&w, width, T0 + 100000 * MS), 0);
}
END_TEST

START_TEST(thresholds_rise_and_fall)
{
	struct said s;
	struct det_config c;
	struct detect *d;
	char err[256];

	det_config_default(&c);
	ck_assert(det_config_set(&c, "threshold.open=3", err, sizeof(err)));
	ck_assert(det_config_set(&c, "threshold.delete=2", err, sizeof(err)));
	d = new_detect(&c, &s);
	feed_open(d, 4, 0, "/a");
	feed_open(d, 4, 10, "/b");
	feed_open(d, 4, 20, "/c");
	feed_delete(d, 4, 30, "/x");
	feed_delete(d, 4, 40, "/y");
	feed_open(d, 4, 5000, "/d");
	detect_finish(d);
	ck_assert_uint_eq(s.over[1], 0);
	ck_assert_uint_eq(s.over[2], 1U << DET_OPEN);
	ck_assert_int_eq(s.sev[1], DET_OK);
	ck_assert_int_eq(s.sev[2], DET_MIN);
	ck_assert_str_eq(s.line[4], "4       Del  MIN  -     O-D-  /y\n");
	/* below the thresholds again: MIN does not stay */
	ck_assert_uint_eq(s.over[5], 0);
	ck_assert_int_eq(s.sev[5], DET_OK);
	detect_free(d);
}
END_TEST

START_TEST(order_restored)
{
	struct said s;
	struct det_config c;
	struct detect *d;

	det_config_default(&c);
	d = detect_new(&c, keep, &s);	/* reorder_ms 500 */
	memset(&s, 0, sizeof(s));
	feed_open(d, 3, 0, "/d/x");
	/* the unlink arrives first: its CPU was read first */
	feed_delete(d, 3, 20, "/d/x");
	feed_create(d, 3, 10, "/d/x.aes");
	ck_assert_int_eq(s.n, 0);
	detect_tick(d, T0 + 400 * MS);
	ck_assert_int_eq(s.n, 0);
	detect_tick(d, T0 + 600 * MS);
	ck_assert_int_eq(s.n, 3);
	ck_assert_int_eq(s.type[1], DET_CREATE);
	ck_assert_str_eq(s.pattern[2], "copy-delete");
	detect_free(d);
}
END_TEST

START_TEST(order_bounded)
{
	struct said s;
	struct det_config c;
	struct det_stats st;
	struct detect *d;

	det_config_default(&c);
	c.reorder_max = 2;
	d = detect_new(&c, keep, &s);
	memset(&s, 0, sizeof(s));
	feed_open(d, 3, 0, "/a");
	feed_open(d, 3, 1, "/b");
	ck_assert_int_eq(s.n, 0);
	feed_open(d, 3, 2, "/c");	/* full: the oldest goes */
	ck_assert_int_eq(s.n, 1);
	ck_assert_str_eq(s.line[0], "3       Open OK   -     ----  /a\n");
	detect_tick(d, T0 + 600 * MS);	/* wall clock releases what is due */
	ck_assert_int_eq(s.n, 3);
	feed_open(d, 3, 1, "/late");	/* older than judged ones */
	detect_finish(d);
	detect_get_stats(d, &st);
	ck_assert_uint_eq(st.late, 1);
	detect_free(d);
}
END_TEST

START_TEST(lru_evicts_and_idle_expires)
{
	struct said s;
	struct det_config c;
	struct det_stats st;
	struct detect *d;

	det_config_default(&c);
	c.max_procs = 4;
	c.idle_ms = 1000;
	d = new_detect(&c, &s);
	/* 10's copy is half done when the others push it out */
	feed_open(d, 10, 0, "/d/x");
	feed_create(d, 10, 1, "/d/x.aes");
	for (uint32_t p = 11; p <= 14; p++)
		feed_open(d, p, 2, "/etc/hosts");
	detect_get_stats(d, &st);
	ck_assert_uint_eq(st.procs, 4);
	ck_assert_uint_eq(st.evicted, 1);
	feed_delete(d, 10, 3, "/d/x");
	detect_finish(d);
	ck_assert_ptr_null(s.pattern[s.n - 1]);
	/* 12 is touched, so 13 is the least recent */
	feed_open(d, 12, 4, "/etc/hosts");
	feed_open(d, 20, 5, "/etc/hosts");
	detect_get_stats(d, &st);
	ck_assert_uint_eq(st.evicted, 3);
	/* a second later every one but the newest is idle */
	feed_open(d, 21, 1500, "/etc/hosts");
	detect_finish(d);
	detect_get_stats(d, &st);
	ck_assert_uint_eq(st.procs, 1);
	ck_assert_uint_eq(st.expired, 4);
	detect_free(d);
}
END_TEST

/* A fork bomb's worth of pids: the state does not grow. */
START_TEST(million_pids_bounded)
{
	struct said s;
	struct det_config c;
	struct det_stats before, after;
	struct detect *d;

	det_config_default(&c);
	c.max_procs = 1000;
	d = new_detect(&c, &s);
	detect_get_stats(d, &before);
	for (uint32_t p = 1; p <= 1000000; p++)
		feed_open(d, p, p / 1000, "/etc/hosts");
	detect_finish(d);
	detect_get_stats(d, &after);
	ck_assert_uint_eq(after.procs, 1000);
	ck_assert_uint_eq(after.evicted, 999000);
	ck_assert_uint_eq(after.memory, before.memory);
	ck_assert_uint_lt(sizeof(struct det_proc), 1024);
	detect_free(d);
}
END_TEST

START_TEST(settings)
{
	struct det_config c;
	char err[256], path[] = "/tmp/check_detect_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	det_config_default(&c);
	ck_assert(!det_config_set(&c, "window_ms=5", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "from 10"));
	/* Memory is bounded by what a setting may ask (fuzz_detect: 3 GB) */
	ck_assert(det_config_set(&c, "max_procs=1048576", err, sizeof(err)));
	ck_assert(!det_config_set(&c, "max_procs=1048577", err, sizeof(err)));
	ck_assert(!det_config_set(&c, "nonsense=1", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "unknown setting"));
	ck_assert(!det_config_set(&c, "patterns=copy-delete,bogus", err, sizeof(err)));
	ck_assert(!det_config_set(&c, "ignore=relative", err, sizeof(err)));
	ck_assert(det_config_set(&c, "patterns=none", err, sizeof(err)));
	ck_assert_uint_eq(c.patterns, 0);
	fprintf(f, "# tuned\n  threshold.enc = 7   # crypto\n\nmatch_major=0\n");
	fclose(f);
	ck_assert_int_eq(det_config_load(&c, path), 0);
	ck_assert_uint_eq(c.threshold[DET_ENC], 7);
	ck_assert_uint_eq(c.match_major, 0);
	f = fopen(path, "w");
	fprintf(f, "threshold.open=x\n");
	fclose(f);
	ck_assert_int_eq(det_config_load(&c, path), -1);
	unlink(path);
	det_config_free(&c);
}
END_TEST

START_TEST(json_lines)
{
	struct det_event e = {
		.time_ns = T0, .tgid = 42, .pid = 43, .type = DET_RENAME,
		.comm = "ran\"sim", .name = "/d/a b", .name2 = "/d/\x01",
		.exe_name = "/bin/ransim",
	};
	struct det_alert a = {
		.ev = &e, .severity = DET_MAJ, .pattern = "rename-over",
		.over = 1U << DET_CREATE, .rate = { 1, 2, 3, 4 }, .matches = 5,
	};
	struct buf b = { 0 };

	det_out_json(&a, &b);
	ck_assert_str_eq(buf_cstr(&b),
		"{\"time\":\"2023-11-14T22:13:20.000000000Z\",\"pid\":42,\"tid\":43,"
		"\"comm\":\"ran\\\"sim\",\"exe\":\"/bin/ransim\",\"type\":\"rename\","
		"\"flag\":\"MAJ\",\"match\":true,\"pattern\":\"rename-over\","
		"\"tresh\":\"-C--\",\"rates\":{\"open\":1,\"create\":2,\"delete\":3,"
		"\"enc\":4},\"matches\":5,\"file\":\"/d/a b\",\"file2\":\"/d/\\u0001\","
		"\"cpu\":0,\"seq\":0}\n");
	buf_reset(&b);
	det_out_text(&a, &b);
	ck_assert_str_eq(buf_cstr(&b),
			 "42      Ren  MAJ  Match -C--  \"/d/a b\" -> \"/d/\\x01\"\n");
	buf_free(&b);
}
END_TEST

/* CPU time: the machine may be busy with other work. */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void count_only(const struct det_alert *a, void *ctx)
{
	(void)a;
	(*(uint64_t *)ctx)++;
}

/*
 * The cost of an event, from an assembled record to its alert: 64
 * processes encrypting trees, each step a record, built beforehand.
 * Printed for the report; it fails only far above what the detector
 * costs (microseconds).
 */
#define COST_FILES	256

START_TEST(cost_per_event)
{
	struct mk *m = calloc(COST_FILES * 4, sizeof(*m));
	char (*x)[64] = calloc(COST_FILES, sizeof(*x));
	char (*y)[80] = calloc(COST_FILES, sizeof(*y));
	uint64_t alerts = 0, n = 0;
	struct det_config c;
	struct detect *d;
	double t0, dt;

	for (uint32_t i = 0; i < COST_FILES; i++) {
		uint32_t tgid = 1000 + i % 64;

		snprintf(x[i], sizeof(x[i]), "/home/user%u/docs/file%u.odt", tgid, i);
		snprintf(y[i], sizeof(y[i]), "%s.aes", x[i]);
		sys_evt(&m[4 * i], C2A_SYS_openat, 0, O_RDONLY, tgid, 0, x[i], NULL);
		sys_evt(&m[4 * i + 1], C2A_SYS_openat, 0, O_WRONLY | O_CREAT,
			tgid, 0, y[i], NULL);
		sys_evt(&m[4 * i + 2], C2A_SYS_unlinkat, 0, 0, tgid, 0, x[i], NULL);
		sys_evt(&m[4 * i + 3], C2A_SYS_openat, 0, O_RDONLY, tgid, 0,
			"/usr/lib/locale/locale-archive", NULL);
	}
	det_config_default(&c);
	d = detect_new(&c, count_only, &alerts);
	t0 = now_s();
	for (uint32_t round = 0; round < 200; round++) {
		for (uint32_t i = 0; i < 4 * COST_FILES; i++, n++) {
			m[i].ev.rec.hdr.time_ns = T0 + n * 100000;
			detect_feed(d, &m[i].ev);
		}
	}
	detect_finish(d);
	dt = now_s() - t0;
	printf("detect: %.0f ns per event (%llu events, %llu alerts)\n",
	       dt * 1e9 / n, (unsigned long long)n, (unsigned long long)alerts);
	ck_assert_uint_eq(alerts, n);
	ck_assert_double_lt(dt * 1e9 / n, 20000);
	detect_free(d);
	free(m);
	free(x);
	free(y);
}
END_TEST

Suite *detect_suite(void)
{
	Suite *s = suite_create("detect");
	TCase *core = tcase_create("Sequences");
	TCase *win = tcase_create("Windows");
	TCase *lim = tcase_create("Limits");
	TCase *io = tcase_create("Input and output");
	TCase *cost = tcase_create("Cost");

	tcase_add_test(core, copy_delete_matches);
	tcase_add_test(core, match_with_enc_is_major);
	tcase_add_test(core, enc_far_from_match_is_minor);
	tcase_add_test(core, rename_over_and_away_match);
	tcase_add_test(core, copy_renamed_then_delete_matches);
	tcase_add_test(core, incomplete_sequences_do_not_match);
	tcase_add_test(core, sequence_window_expires);
	tcase_add_test(core, relation_and_patterns_settings);
	tcase_add_test(core, many_matches_are_major);
	tcase_add_test(core, exec_and_new_program_reset);
	tcase_add_test(core, ignored_executable);
	tcase_add_test(win, windows_slide);
	tcase_add_test(win, thresholds_rise_and_fall);
	tcase_add_test(win, order_restored);
	tcase_add_test(lim, order_bounded);
	tcase_add_test(lim, lru_evicts_and_idle_expires);
	tcase_add_test(lim, million_pids_bounded);
	tcase_set_timeout(lim, 60);
	tcase_add_test(cost, cost_per_event);
	tcase_add_test(io, classification);
	tcase_add_test(io, settings);
	tcase_add_test(io, json_lines);
	suite_add_tcase(s, core);
	suite_add_tcase(s, win);
	suite_add_tcase(s, lim);
	suite_add_tcase(s, io);
	suite_add_tcase(s, cost);
	return s;
}
