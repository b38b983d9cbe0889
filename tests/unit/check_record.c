// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "recgen.h"
#include "record.h"
#include "suites.h"

/* What the assembler emitted, kept for the assertions. */
struct seen {
	int n;
	struct evt_str str[8][C2A_STR_SLOTS];
	char *data[8][C2A_STR_SLOTS];
	unsigned int nstr[8];
	bool incomplete[8];
	uint16_t type[8];
	uint32_t cpu[8];
};

static void keep(const struct evt *ev, void *ctx)
{
	struct seen *s = ctx;
	int i = s->n++;

	ck_assert_int_lt(i, 8);
	s->nstr[i] = ev->nstr;
	s->incomplete[i] = ev->incomplete;
	s->type[i] = ev->rec.hdr.type;
	s->cpu[i] = ev->rec.hdr.cpu;
	for (unsigned int j = 0; j < ev->nstr; j++) {
		s->str[i][j] = ev->str[j];
		s->data[i][j] = malloc(ev->str[j].len + 1);
		memcpy(s->data[i][j], ev->str[j].data, ev->str[j].len + 1);
	}
}

/* Frees what keep() copied (a leak under ASan otherwise). */
static void forget(struct seen *s)
{
	for (int i = 0; i < s->n; i++)
		for (unsigned int j = 0; j < s->nstr[i]; j++)
			free(s->data[i][j]);
}

static char *pattern(size_t len)
{
	char *p = malloc(len + 1);

	for (size_t i = 0; i < len; i++)
		p[i] = 'a' + i % 26;
	p[len] = '\0';
	return p;
}

START_TEST(valid_record_passes)
{
	struct c2a_record r[1];
	struct gen_str s = { C2A_STR_PATH, "/etc/passwd", 11 };

	ck_assert_uint_eq(gen_event(r, 1, 0, 1, &s, 1), 1);
	ck_assert_ptr_null(record_check(r));
}
END_TEST

START_TEST(corrupt_records_are_named)
{
	struct c2a_record r, good;
	struct gen_str s = { C2A_STR_PATH, "/x", 2 };

	gen_event(&good, 1, 0, 1, &s, 1);
	r = good;
	r.hdr.version = 99;
	ck_assert_str_eq(record_check(&r), "unsupported ABI version");
	r = good;
	r.hdr.size = 100;
	ck_assert_str_eq(record_check(&r), "bad record size");
	r = good;
	r.hdr.type = 77;
	ck_assert_str_eq(record_check(&r), "unknown record type");
	r = good;
	r.hdr.cpu = 1u << 30;
	ck_assert_str_eq(record_check(&r), "cpu number out of range");
	r = good;
	r.ev.str[0].inl = 3;
	ck_assert_str_eq(record_check(&r), "string longer inline than in whole");
	r = good;
	r.ev.str[0].len = 0xffffffff;
	ck_assert_str_eq(record_check(&r), "string length out of range");
	r = good;
	r.ev.str[0].type = 200;
	ck_assert_str_eq(record_check(&r), "unknown string type");
	r = good;
	for (int i = 0; i < C2A_STR_SLOTS; i++)
		r.ev.str[i] = (struct c2a_strref){ C2A_STR_PATH, 0, 100, 100 };
	ck_assert_str_eq(record_check(&r), "inline strings overflow the record");
	r = good;
	r.hdr.type = C2A_REC_CONT;
	r.hdr.part = 0;
	ck_assert_str_eq(record_check(&r), "bad part numbers");
	r.hdr.part = 1;
	r.hdr.nparts = 2;
	r.cont.len = C2A_CONT_DATA + 1;
	ck_assert_str_eq(record_check(&r), "continuation longer than its record");
}
END_TEST

START_TEST(single_record_event_is_emitted_at_once)
{
	struct c2a_record r[1];
	struct gen_str s[] = { { C2A_STR_EXE, "/bin/cat", 8 },
			       { C2A_STR_PATH, "/etc/passwd", 11 } };
	struct seen seen = { 0 };
	struct evt_asm a;

	gen_event(r, 1, 0, 1, s, 2);
	evt_asm_init(&a, keep, &seen);
	evt_asm_feed(&a, &r[0]);
	ck_assert_int_eq(seen.n, 1);
	ck_assert_uint_eq(seen.nstr[0], 2);
	ck_assert_str_eq(seen.data[0][0], "/bin/cat");
	ck_assert_str_eq(seen.data[0][1], "/etc/passwd");
	ck_assert(!seen.incomplete[0]);
	forget(&seen);
	evt_asm_free(&a);
}
END_TEST

START_TEST(long_strings_are_joined_across_cpus)
{
	struct c2a_record r0[8], r1[8];
	char *p = pattern(1500), *q = pattern(300);
	struct gen_str s0[] = { { C2A_STR_EXE, "/bin/x", 6 },
				{ C2A_STR_PATH, p, 1500 },
				{ C2A_STR_NAME, q, 300 } };
	struct gen_str s1 = { C2A_STR_PATH, "/short", 6 };
	struct seen seen = { 0 };
	struct evt_asm a;
	size_t n0 = gen_event(r0, 8, 0, 10, s0, 3);

	ck_assert_uint_eq(n0, 1 + 3 + 1);
	gen_event(r1, 8, 1, 5, &s1, 1);
	evt_asm_init(&a, keep, &seen);
	/* cpu0's head, then cpu1's whole event, then the rest of cpu0's */
	evt_asm_feed(&a, &r0[0]);
	evt_asm_feed(&a, &r1[0]);
	for (size_t i = 1; i < n0; i++)
		evt_asm_feed(&a, &r0[i]);
	ck_assert_int_eq(seen.n, 2);
	ck_assert_uint_eq(seen.cpu[0], 1);
	ck_assert_str_eq(seen.data[0][0], "/short");
	ck_assert_uint_eq(seen.cpu[1], 0);
	ck_assert_str_eq(seen.data[1][1], p);
	ck_assert_str_eq(seen.data[1][2], q);
	ck_assert(!seen.incomplete[1]);
	ck_assert_uint_eq(a.orphans, 0);
	forget(&seen);
	evt_asm_free(&a);
	free(p);
	free(q);
}
END_TEST

START_TEST(missing_continuations_are_flagged)
{
	struct c2a_record r[8], next[1];
	char *p = pattern(1000);
	struct gen_str s = { C2A_STR_PATH, p, 1000 };
	struct gen_str s2 = { C2A_STR_PATH, "/n", 2 };
	struct seen seen = { 0 };
	struct evt_asm a;
	size_t n = gen_event(r, 8, 0, 1, &s, 1);

	gen_event(next, 1, 0, n + 1, &s2, 1);
	evt_asm_init(&a, keep, &seen);
	evt_asm_feed(&a, &r[0]);
	evt_asm_feed(&a, &r[1]);
	evt_asm_feed(&a, &next[0]);	/* r[2] never came */
	ck_assert_int_eq(seen.n, 2);
	ck_assert(seen.incomplete[0]);
	ck_assert_uint_eq(seen.str[0][0].have, C2A_EVENT_TEXT + C2A_CONT_DATA);
	ck_assert(!seen.incomplete[1]);
	/* A head waiting at the end is flushed as incomplete. */
	evt_asm_feed(&a, &r[0]);
	evt_asm_flush(&a);
	ck_assert_int_eq(seen.n, 3);
	ck_assert(seen.incomplete[2]);
	forget(&seen);
	evt_asm_free(&a);
	free(p);
}
END_TEST

START_TEST(orphans_and_bad_continuations_are_counted)
{
	struct c2a_record r[8];
	char *p = pattern(1000);
	struct gen_str s = { C2A_STR_PATH, p, 1000 };
	struct seen seen = { 0 };
	struct evt_asm a;

	gen_event(r, 8, 0, 1, &s, 1);
	evt_asm_init(&a, keep, &seen);
	evt_asm_feed(&a, &r[1]);		/* no head yet */
	ck_assert_uint_eq(a.orphans, 1);
	evt_asm_feed(&a, &r[0]);
	r[1].cont.head_seq = 999;		/* someone else's */
	evt_asm_feed(&a, &r[1]);
	ck_assert_uint_eq(a.orphans, 2);
	r[1].cont.head_seq = 1;
	r[1].cont.offset = 990;		/* runs past the string */
	evt_asm_feed(&a, &r[1]);
	ck_assert_uint_eq(a.orphans, 3);
	r[0].hdr.size = 3;
	evt_asm_feed(&a, &r[0]);
	ck_assert_uint_eq(a.invalid, 1);
	forget(&seen);
	evt_asm_free(&a);
	free(p);
}
END_TEST

/*
 * Found by fuzzing (issue 25): a head with a 10-byte exe inline and a
 * continuation that sends the same bytes again made have 20, and
 * `c2audit summary` read tens of MB past the 11-byte string.
 */
START_TEST(repeated_continuation_stays_in_the_string)
{
	struct c2a_record r[2];
	struct gen_str s = { C2A_STR_EXE, "/bin/true1", 10 };
	struct seen seen = { 0 };
	struct evt_asm a;

	ck_assert_uint_eq(gen_event(r, 1, 0, 1, &s, 1), 1);
	memset(&r[1], 0, sizeof(r[1]));
	r[1].hdr = r[0].hdr;
	r[1].hdr.type = C2A_REC_CONT;
	r[1].hdr.seq = 2;
	r[1].hdr.part = 1;
	r[0].hdr.nparts = r[1].hdr.nparts = 2;
	r[1].cont.strtype = C2A_STR_EXE;
	r[1].cont.offset = 0;
	r[1].cont.len = 10;
	r[1].cont.head_seq = 1;
	memcpy(r[1].cont.data, "/bin/true1", 10);
	evt_asm_init(&a, keep, &seen);
	evt_asm_feed(&a, &r[0]);
	evt_asm_feed(&a, &r[1]);
	ck_assert_int_eq(seen.n, 1);
	ck_assert(!seen.incomplete[0]);
	ck_assert_uint_eq(seen.str[0][0].len, 10);
	ck_assert_uint_eq(seen.str[0][0].have, 10);
	ck_assert_str_eq(seen.data[0][0], "/bin/true1");
	forget(&seen);
	evt_asm_free(&a);
}
END_TEST

START_TEST(loss_markers_pass_through)
{
	struct c2a_record r;
	struct seen seen = { 0 };
	struct evt_asm a;

	gen_loss(&r, 1, 51, 1, 50, C2A_LOSS_RING_FULL);
	evt_asm_init(&a, keep, &seen);
	evt_asm_feed(&a, &r);
	ck_assert_int_eq(seen.n, 1);
	ck_assert_uint_eq(seen.type[0], C2A_REC_LOSS);
	forget(&seen);
	evt_asm_free(&a);
}
END_TEST

START_TEST(syscall_names_round_trip)
{
	for (unsigned int i = 1; i < C2A_SYS_COUNT; i++)
		ck_assert_int_eq(sys_lookup(sys_name(i)), i);
	ck_assert_str_eq(sys_name(C2A_SYS_openat), "openat");
	ck_assert_ptr_null(sys_name(C2A_SYS_COUNT));
	ck_assert_int_eq(sys_lookup("nosuchcall"), -1);
	ck_assert_str_eq(str_type_name(C2A_STR_PATH2), "path2");
	ck_assert_ptr_null(str_type_name(250));
}
END_TEST

Suite *record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *core = tcase_create("Core");
	TCase *errors = tcase_create("Errors");

	tcase_add_test(core, valid_record_passes);
	tcase_add_test(core, single_record_event_is_emitted_at_once);
	tcase_add_test(core, long_strings_are_joined_across_cpus);
	tcase_add_test(core, loss_markers_pass_through);
	tcase_add_test(core, syscall_names_round_trip);
	tcase_add_test(errors, corrupt_records_are_named);
	tcase_add_test(errors, missing_continuations_are_flagged);
	tcase_add_test(errors, orphans_and_bad_continuations_are_counted);
	tcase_add_test(errors, repeated_continuation_stays_in_the_string);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}
