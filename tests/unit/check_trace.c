// SPDX-License-Identifier: GPL-2.0
/* c2audit trace's ordering of hooks into their syscalls, and its lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "trace.h"

#define NR_OPENAT	257
#define NR_MMAP		9
#define SEC		1000000000ULL

/* What came out, as "kind:what" words, e.g. "enter:openat hook:file_open". */
static char seen[4096];

static void record_out(enum trace_kind kind, const struct evt *ev, void *ctx)
{
	static const char *const kinds[] = {
		[TRACE_CALL] = "call", [TRACE_ENTER] = "enter",
		[TRACE_HOOK] = "hook", [TRACE_EXIT] = "exit",
		[TRACE_ALONE] = "alone", [TRACE_LOST] = "lost",
		[TRACE_OTHER] = "other",
	};
	const struct c2a_record *r = &ev->rec;
	const char *what = "-";

	(void)ctx;
	if (r->hdr.type == C2A_REC_SYSCALL)
		what = sys_name(r->ev.u.sys.sysid);
	else if (r->hdr.type == C2A_REC_LSM)
		what = lsm_hook_name(r->ev.u.lsm.hook);
	snprintf(seen + strlen(seen), sizeof(seen) - strlen(seen), "%s%s:%s",
		 seen[0] ? " " : "", kinds[kind], what);
}

static struct evt sys_event(uint32_t tid, uint16_t sysid, uint32_t nr,
			    uint64_t t)
{
	struct evt ev = { 0 };

	ev.rec.hdr.type = C2A_REC_SYSCALL;
	ev.rec.hdr.time_ns = t;
	ev.rec.ev.subj.pid = tid;
	ev.rec.ev.u.sys.sysid = sysid;
	ev.rec.ev.u.sys.nr = nr;
	ev.rec.ev.u.sys.arch = C2A_ARCH_X86_64;
	return ev;
}

static struct evt hook_event(uint32_t tid, uint16_t hook, uint32_t nr,
			     uint64_t t)
{
	struct evt ev = { 0 };

	ev.rec.hdr.type = C2A_REC_LSM;
	ev.rec.hdr.time_ns = t;
	ev.rec.ev.subj.pid = tid;
	ev.rec.ev.u.lsm.hook = hook;
	ev.rec.ev.u.lsm.nr = nr;
	ev.rec.ev.u.lsm.arch = C2A_ARCH_X86_64;
	ev.rec.ev.u.lsm.lflags = C2A_LSMF_DECISION;
	return ev;
}

static struct trace t;

static void setup(void)
{
	seen[0] = '\0';
	trace_init(&t, record_out, NULL);
}

static void teardown(void)
{
	trace_free(&t);
}

static void feed(struct evt ev, uint64_t now)
{
	trace_feed(&t, &ev, now);
}

START_TEST(hooks_go_inside_their_syscall)
{
	feed(hook_event(7, C2A_LSM_inode_permission, NR_OPENAT, 20), 1);
	feed(hook_event(7, C2A_LSM_file_open, NR_OPENAT, 30), 1);
	ck_assert_str_eq(seen, "");
	feed(sys_event(7, C2A_SYS_openat, NR_OPENAT, 10), 2);
	ck_assert_str_eq(seen, "enter:openat hook:inode_permission "
			       "hook:file_open exit:openat");
}
END_TEST

START_TEST(a_syscall_without_hooks_is_one_line)
{
	feed(sys_event(7, C2A_SYS_openat, NR_OPENAT, 10), 1);
	ck_assert_str_eq(seen, "call:openat");
	ck_assert_uint_eq(t.nthreads, 0);
}
END_TEST

START_TEST(hooks_outside_audited_calls_go_at_once)
{
	feed(hook_event(7, C2A_LSM_mmap_file, NR_MMAP, 10), 1);
	ck_assert_str_eq(seen, "alone:mmap_file");
	feed(hook_event(7, C2A_LSM_capable, C2A_NR_NONE, 11), 1);
	ck_assert_str_eq(seen, "alone:mmap_file alone:capable");
}
END_TEST

/* Hooks of an earlier call whose record never came are not put in this one. */
START_TEST(earlier_hooks_go_before)
{
	feed(hook_event(7, C2A_LSM_file_open, NR_OPENAT, 5), 1);
	feed(hook_event(7, C2A_LSM_file_open, NR_OPENAT, 15), 1);
	feed(sys_event(7, C2A_SYS_openat, NR_OPENAT, 10), 2);
	ck_assert_str_eq(seen, "alone:file_open enter:openat hook:file_open "
			       "exit:openat");
}
END_TEST

START_TEST(threads_are_kept_apart)
{
	feed(hook_event(7, C2A_LSM_file_open, NR_OPENAT, 20), 1);
	feed(hook_event(8, C2A_LSM_inode_permission, NR_OPENAT, 21), 1);
	feed(sys_event(8, C2A_SYS_openat, NR_OPENAT, 19), 2);
	ck_assert_str_eq(seen, "enter:openat hook:inode_permission exit:openat");
	seen[0] = '\0';
	feed(sys_event(7, C2A_SYS_openat, NR_OPENAT, 18), 2);
	ck_assert_str_eq(seen, "enter:openat hook:file_open exit:openat");
}
END_TEST

/* A new call's hooks: the previous call ended and its record is not coming. */
START_TEST(another_call_ends_the_wait)
{
	feed(hook_event(7, C2A_LSM_file_open, NR_OPENAT, 20), 1);
	feed(hook_event(7, C2A_LSM_bprm_check, 59, 30), 1);
	ck_assert_str_eq(seen, "alone:file_open");
	feed(sys_event(7, C2A_SYS_execve, 59, 25), 2);
	ck_assert_str_eq(seen, "alone:file_open enter:execve hook:bprm_check "
			       "exit:execve");
}
END_TEST

START_TEST(loss_and_expiry_release_waiting_hooks)
{
	struct evt loss = { 0 };

	loss.rec.hdr.type = C2A_REC_LOSS;
	feed(hook_event(7, C2A_LSM_file_open, NR_OPENAT, 20), 1);
	trace_feed(&t, &loss, 2);
	ck_assert_str_eq(seen, "alone:file_open lost:-");
	seen[0] = '\0';
	feed(hook_event(7, C2A_LSM_file_open, NR_OPENAT, 30), 5 * SEC);
	trace_expire(&t, 5 * SEC);
	ck_assert_str_eq(seen, "");
	trace_expire(&t, 6 * SEC);
	ck_assert_str_eq(seen, "alone:file_open");
	ck_assert_uint_eq(t.nthreads, 0);
}
END_TEST

static const char *render(enum trace_kind kind, const struct evt *ev)
{
	static struct buf b;

	buf_reset(&b);
	trace_render_text(kind, ev, &b);
	return buf_cstr(&b);
}

START_TEST(lines_read_like_lsmtrace)
{
	struct evt h = hook_event(7, C2A_LSM_inode_permission, NR_OPENAT, 0);
	struct evt s = sys_event(7, C2A_SYS_openat, NR_OPENAT, 0);
	const char *line;

	strcpy(h.rec.ev.subj.comm, "cat");
	strcpy(s.rec.ev.subj.comm, "cat");
	h.rec.ev.u.lsm.ino = 17;
	h.rec.ev.u.lsm.mode = 0100600;
	h.rec.ev.u.lsm.mask = 0x24;	/* MAY_READ | MAY_OPEN */
	h.rec.ev.u.lsm.result = -13;
	s.rec.ev.u.sys.ret = -13;
	line = render(TRACE_HOOK, &h);
	ck_assert_msg(strstr(line, "      7 cat                  inode_permission ino=17 ") &&
		      strstr(line, " mode=0100600 ") &&
		      strstr(line, " mask=read,open = -13 EACCES"), "%s", line);
	ck_assert_str_eq(render(TRACE_EXIT, &s) + 16,
			 "      7 cat             <- openat = -13 EACCES");
	h.rec.ev.u.lsm.hook = C2A_LSM_mmap_file;
	h.rec.ev.u.lsm.nr = NR_MMAP;
	h.rec.ev.u.lsm.result = 0;
	line = render(TRACE_ALONE, &h);
	ck_assert_msg(strstr(line, "    mmap_file ino=17 ") &&
		      strstr(line, " = 0 [in mmap]"), "%s", line);
}
END_TEST

Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *core = tcase_create("Core");

	tcase_add_checked_fixture(core, setup, teardown);
	tcase_add_test(core, hooks_go_inside_their_syscall);
	tcase_add_test(core, a_syscall_without_hooks_is_one_line);
	tcase_add_test(core, hooks_outside_audited_calls_go_at_once);
	tcase_add_test(core, earlier_hooks_go_before);
	tcase_add_test(core, threads_are_kept_apart);
	tcase_add_test(core, another_call_ends_the_wait);
	tcase_add_test(core, loss_and_expiry_release_waiting_hooks);
	tcase_add_test(core, lines_read_like_lsmtrace);
	suite_add_tcase(s, core);
	return s;
}
