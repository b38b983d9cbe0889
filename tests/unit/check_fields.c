// SPDX-License-Identifier: GPL-2.0
#include <stdint.h>
#include <string.h>

#include "fields.h"
#include "recgen.h"
#include "suites.h"

static struct evt event_of(const struct c2a_record *r)
{
	struct evt ev = { .rec = *r };

	return ev;
}

START_TEST(time_is_rfc3339_utc_with_ns)
{
	char t[40];

	format_time(1700000000123456789ULL, t, sizeof(t));
	ck_assert_str_eq(t, "2023-11-14T22:13:20.123456789Z");
	format_time(5, t, sizeof(t));
	ck_assert_str_eq(t, "1970-01-01T00:00:00.000000005Z");
}
END_TEST

START_TEST(syscall_fields)
{
	struct c2a_record r;
	struct fields f;
	struct evt ev;

	gen_event(&r, 1, 1, 7, NULL, 0);
	r.ev.subj.auid = 1000;
	r.ev.subj.ppid = 1;
	strcpy(r.ev.key, "identity");
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "type"), "syscall");
	ck_assert_str_eq(field_val(&f, "seq"), "7");
	ck_assert_str_eq(field_val(&f, "cpu"), "1");
	ck_assert_str_eq(field_val(&f, "syscall"), "openat");
	ck_assert_str_eq(field_val(&f, "arch"), "x86_64");
	ck_assert_str_eq(field_val(&f, "exit"), "3");
	ck_assert_str_eq(field_val(&f, "success"), "yes");
	ck_assert_str_eq(field_val(&f, "err"), "(absent)");
	ck_assert_str_eq(field_val(&f, "pid"), "42");
	ck_assert_str_eq(field_val(&f, "auid"), "1000");
	ck_assert_str_eq(field_val(&f, "comm"), "cat");
	ck_assert_str_eq(field_val(&f, "key"), "identity");
	ck_assert_str_eq(field_val(&f, "time"), "2023-11-14T22:13:20.123456789Z");

	r.ev.u.sys.ret = -13;
	r.ev.u.sys.arch = C2A_ARCH_I386;
	r.hdr.flags = C2A_RF_TRUNC;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "success"), "no");
	ck_assert_str_eq(field_val(&f, "err"), "EACCES");
	ck_assert_str_eq(field_val(&f, "arch"), "i386");
	ck_assert_str_eq(field_val(&f, "truncated"), "yes");
}
END_TEST

/* The object of the calls added since the first list: signals, time. */
START_TEST(object_fields_of_appended_calls)
{
	struct c2a_object *o;
	struct c2a_record r;
	struct fields f;
	struct evt ev;

	gen_event(&r, 1, 1, 7, NULL, 0);
	o = &r.ev.u.sys.obj;
	r.ev.u.sys.sysid = C2A_SYS_rt_tgsigqueueinfo;
	o->target.pid = 4242;
	o->target.sig = 10;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "target_pid"), "4242");
	ck_assert_str_eq(field_val(&f, "sig"), "10");

	/* A pidfd's target is not known: no target_pid rather than 0. */
	r.ev.u.sys.sysid = C2A_SYS_pidfd_send_signal;
	o->target.pid = 0;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "target_pid"), "(absent)");
	ck_assert_str_eq(field_val(&f, "sig"), "10");

	r.ev.u.sys.sysid = C2A_SYS_process_vm_writev;
	o->target.pid = 77;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "target_pid"), "77");
	ck_assert_str_eq(field_val(&f, "sig"), "(absent)");

	memset(o, 0, sizeof(*o));
	r.ev.u.sys.sysid = C2A_SYS_stime;
	o->time.sec = 1700000000;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "new_time"), "2023-11-14T22:13:20.000000000Z");
	ck_assert_str_eq(field_val(&f, "clock"), "0");

	r.ev.u.sys.sysid = C2A_SYS_clock_adjtime;
	o->time.clock = 11;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "clock"), "11");
	ck_assert_str_eq(field_val(&f, "new_time"), "(absent)");
}
END_TEST

START_TEST(lsm_fields)
{
	struct c2a_record r;
	struct fields f;
	struct evt ev;

	gen_event(&r, 1, 0, 9, NULL, 0);
	r.hdr.type = C2A_REC_LSM;
	memset(&r.ev.u, 0, sizeof(r.ev.u));
	r.ev.u.lsm.hook = C2A_LSM_inode_permission;
	r.ev.u.lsm.lflags = C2A_LSMF_DECISION;
	r.ev.u.lsm.result = -13;
	r.ev.u.lsm.nr = 257;
	r.ev.u.lsm.arch = C2A_ARCH_X86_64;
	r.ev.u.lsm.ino = 17;
	r.ev.u.lsm.mode = 0100600;
	r.ev.u.lsm.mask = 0x24;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "type"), "lsm");
	ck_assert_str_eq(field_val(&f, "hook"), "inode_permission");
	ck_assert_str_eq(field_val(&f, "result"), "-13");
	ck_assert_str_eq(field_val(&f, "decision"), "denied");
	ck_assert_str_eq(field_val(&f, "err"), "EACCES");
	ck_assert_str_eq(field_val(&f, "in_syscall"), "openat");
	ck_assert_str_eq(field_val(&f, "ino"), "17");
	ck_assert_str_eq(field_val(&f, "mode"), "0100600");
	ck_assert_str_eq(field_val(&f, "mask"), "read,open");
	ck_assert_str_eq(field_val(&f, "syscall"), "(absent)");

	/* A hook with no decision has no result; capabilities by name. */
	r.ev.u.lsm.hook = C2A_LSM_capable;
	r.ev.u.lsm.cap = 21;
	r.ev.u.lsm.nr = C2A_NR_NONE;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "cap"), "sys_admin");
	ck_assert_str_eq(field_val(&f, "in_syscall"), "(absent)");
	r.ev.u.lsm.hook = C2A_LSM_bprm_committing_creds;
	r.ev.u.lsm.lflags = 0;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "result"), "(absent)");
	ck_assert_str_eq(field_val(&f, "decision"), "(absent)");
}
END_TEST

START_TEST(loss_fields)
{
	struct c2a_record r;
	struct fields f;
	struct evt ev;

	gen_loss(&r, 0, 101, 51, 50, C2A_LOSS_RING_FULL | C2A_LOSS_MISSED);
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "type"), "lost");
	ck_assert_str_eq(field_val(&f, "first_seq"), "51");
	ck_assert_str_eq(field_val(&f, "count"), "50");
	ck_assert_str_eq(field_val(&f, "reasons"), "ring_full,missed");
	ck_assert_str_eq(field_val(&f, "pid"), "(absent)");
}
END_TEST

/* Issue 25, found by UBSan and ASan: values at the edges of their types. */
START_TEST(int_min_result_is_no_errno)
{
	struct c2a_record r;
	struct fields f;
	struct evt ev;

	gen_event(&r, 1, 0, 3, NULL, 0);
	r.hdr.type = C2A_REC_CONFIG;
	memset(&r.ev.u, 0, sizeof(r.ev.u));
	r.ev.u.cfg.item = C2A_CFG_LOCK;
	r.ev.u.cfg.result = INT32_MIN;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "result"), "-2147483648");
	ck_assert_str_eq(field_val(&f, "err"), "(absent)");
	r.ev.u.cfg.result = -1;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "err"), "EPERM");

	r.hdr.type = C2A_REC_LSM;
	memset(&r.ev.u, 0, sizeof(r.ev.u));
	r.ev.u.lsm.hook = C2A_LSM_file_open;
	r.ev.u.lsm.lflags = C2A_LSMF_DECISION;
	r.ev.u.lsm.result = INT32_MIN;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "result"), "-2147483648");
	ck_assert_str_eq(field_val(&f, "decision"), "denied");
	ck_assert_str_eq(field_val(&f, "err"), "(absent)");
}
END_TEST

START_TEST(every_loss_reason_and_mask_bit_is_named)
{
	struct c2a_record r;
	struct fields f;
	struct evt ev;

	gen_loss(&r, 0, 101, 51, 50, 0x1ff);
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "reasons"),
			 "ring_full,nomem,missed,nocontext,timeout,noreader,killed,disabled,halting");
	/* Unknown bits are not named, and write nothing past the text. */
	r.loss.reasons = 0xffffffff;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "reasons"),
			 "ring_full,nomem,missed,nocontext,timeout,noreader,killed,disabled,halting,backlog,sockbuf,serial_gap");

	gen_event(&r, 1, 0, 9, NULL, 0);
	r.hdr.type = C2A_REC_LSM;
	memset(&r.ev.u, 0, sizeof(r.ev.u));
	r.ev.u.lsm.hook = C2A_LSM_inode_permission;
	r.ev.u.lsm.mask = 0xffffffff;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "mask"),
			 "exec,write,read,append,access,open,chdir,not_block,0xffffff00");
	r.ev.u.lsm.hook = C2A_LSM_file_mprotect;
	r.ev.u.lsm.prot = 0xffffffff;
	r.ev.u.lsm.arg = 0;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "prot"), "read,write,exec,0xfffffff8");
	ck_assert_str_eq(field_val(&f, "applied"), "none");
}
END_TEST

START_TEST(new_time_before_1970_and_out_of_range)
{
	struct c2a_record r;
	struct fields f;
	struct evt ev;

	gen_event(&r, 1, 0, 5, NULL, 0);
	r.ev.u.sys.sysid = C2A_SYS_settimeofday;
	r.ev.u.sys.obj.time.sec = -1;
	r.ev.u.sys.obj.time.nsec = 0;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "new_time"), "1969-12-31T23:59:59.000000000Z");
	r.ev.u.sys.obj.time.sec = 1700000000;
	r.ev.u.sys.obj.time.nsec = 1000000000;	/* EINVAL to the kernel */
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "new_time"), "@1700000000.1000000000");
	r.ev.u.sys.obj.time.sec = INT64_MAX;
	r.ev.u.sys.obj.time.nsec = 0;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "new_time"), "@9223372036854775807.0");
	/* All four arguments, not cut at 40 bytes. */
	r.ev.u.sys.args[0] = r.ev.u.sys.args[1] = ~0ULL;
	r.ev.u.sys.args[2] = r.ev.u.sys.args[3] = ~0ULL;
	ev = event_of(&r);
	fields_build(&ev, &f);
	ck_assert_str_eq(field_val(&f, "args"),
			 "0xffffffffffffffff,0xffffffffffffffff,0xffffffffffffffff,0xffffffffffffffff");
}
END_TEST

Suite *fields_suite(void)
{
	Suite *s = suite_create("fields");
	TCase *core = tcase_create("Core");

	tcase_add_test(core, time_is_rfc3339_utc_with_ns);
	tcase_add_test(core, syscall_fields);
	tcase_add_test(core, object_fields_of_appended_calls);
	tcase_add_test(core, loss_fields);
	tcase_add_test(core, lsm_fields);
	tcase_add_test(core, int_min_result_is_no_errno);
	tcase_add_test(core, every_loss_reason_and_mask_bit_is_named);
	tcase_add_test(core, new_time_before_1970_and_out_of_range);
	suite_add_tcase(s, core);
	return s;
}
