// SPDX-License-Identifier: GPL-2.0
/*
 * Linux audit's messages: the parser (auditmsg.c) on texts as PAM, sudo,
 * login, auditctl, AppArmor and the kernel send them, their records
 * (usermsg.c) and their fields (fields_user.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditmsg.h"
#include "conf.h"
#include "fields.h"
#include "filter.h"
#include "recgen.h"
#include "render.h"
#include "suites.h"
#include "usermsg.h"

/* su, pam_unix, a good password (Debian 12, su from util-linux) */
static const char su_auth[] =
	"audit(1701862400.123:245): pid=1234 uid=1000 auid=1000 ses=3 "
	"subj=unconfined msg='op=PAM:authentication grantors=pam_rootok,pam_unix "
	"acct=\"root\" exe=\"/usr/bin/su\" hostname=? addr=? terminal=/dev/pts/0 "
	"res=success'";
/* login, an unknown user: acct in hex, as libaudit encodes it */
static const char login_fail[] =
	"audit(1701862410.5:250): pid=812 uid=0 auid=4294967295 ses=4294967295 "
	"subj=unconfined msg='op=login acct=28756E6B6E6F776E207573657229 "
	"exe=\"/usr/bin/login\" hostname=c2a addr=? terminal=/dev/ttyS0 res=failed'";
/* sudo: the command is hex, it has blanks */
static const char sudo_cmd[] =
	"audit(1701862420.000:260): pid=2201 uid=1000 auid=1000 ses=3 "
	"subj=unconfined msg='cwd=\"/home/user\" cmd=6C73202D6C202F726F6F74 "
	"exe=\"/usr/bin/sudo\" terminal=pts/0 res=success'";
/* auditctl -m 'hello world' */
static const char auditctl_m[] =
	"audit(1701862430.001:270): pid=5 uid=0 auid=4294967295 ses=4294967295 "
	"subj=unconfined msg='hello world comm=\"auditctl\" "
	"exe=\"/usr/sbin/auditctl\" hostname=? addr=? terminal=ttyS0 res=success'";
/* AppArmor, kernel made */
static const char apparmor[] =
	"audit(1701862440.500:300): apparmor=\"DENIED\" operation=\"open\" "
	"class=\"file\" profile=\"c2a-deny\" name=\"/etc/hostname\" pid=3120 "
	"comm=\"cat\" requested_mask=\"r\" denied_mask=\"r\" fsuid=0 ouid=0";
/* a crash, kernel made */
static const char anom_abend[] =
	"audit(1701862450.002:301): auid=4294967295 uid=0 gid=0 ses=4294967295 "
	"subj=unconfined pid=4012 comm=\"segv\" exe=\"/bin/segv\" sig=11 res=1";
/* SELinux: words that are no fields first */
static const char avc[] =
	"audit(1701862460.123:99): avc:  denied  { read } for  pid=1 "
	"comm=\"cat\" name=\"shadow\" dev=\"vda\" ino=123 "
	"scontext=system_u:system_r:init_t:s0 tclass=file permissive=0";

static char *value(const struct amsg *m, const char *key)
{
	static char out[4096];
	const struct amsg_field *f = amsg_get(m, key);

	if (!f)
		return "(absent)";
	ck_assert_int_ge(amsg_value(f, out, sizeof(out)), 0);
	return out;
}

START_TEST(stamp_and_pam_fields)
{
	struct amsg m;

	amsg_parse(su_auth, strlen(su_auth), &m);
	ck_assert(m.stamped);
	ck_assert_uint_eq(m.sec, 1701862400);
	ck_assert_uint_eq(m.msec, 123);
	ck_assert_uint_eq(m.serial, 245);
	ck_assert_str_eq(value(&m, "pid"), "1234");
	ck_assert_str_eq(value(&m, "auid"), "1000");
	ck_assert_str_eq(value(&m, "op"), "PAM:authentication");
	ck_assert_str_eq(value(&m, "grantors"), "pam_rootok,pam_unix");
	ck_assert_str_eq(value(&m, "acct"), "root");
	ck_assert_str_eq(value(&m, "exe"), "/usr/bin/su");
	ck_assert_str_eq(value(&m, "hostname"), "?");
	ck_assert_str_eq(value(&m, "terminal"), "/dev/pts/0");
	ck_assert_str_eq(value(&m, "res"), "success");
	ck_assert_str_eq(value(&m, "msg"), "(absent)");
	ck_assert_int_eq(amsg_result(&m), 1);
	/* msg='...' is flattened, in order */
	ck_assert_int_eq(m.n, 13);
	ck_assert(m.f[4].klen == 4 && !memcmp(m.f[4].key, "subj", 4));
	ck_assert(m.f[5].klen == 2 && !memcmp(m.f[5].key, "op", 2));
}
END_TEST

START_TEST(hex_values_decoded)
{
	struct amsg m;

	amsg_parse(login_fail, strlen(login_fail), &m);
	ck_assert_uint_eq(m.msec, 5);
	ck_assert(amsg_get(&m, "acct")->hex);
	ck_assert_str_eq(value(&m, "acct"), "(unknown user)");
	ck_assert_str_eq(value(&m, "hostname"), "c2a");
	ck_assert_int_eq(amsg_result(&m), 0);
	amsg_parse(sudo_cmd, strlen(sudo_cmd), &m);
	ck_assert_str_eq(value(&m, "cmd"), "ls -l /root");
	ck_assert_str_eq(value(&m, "cwd"), "/home/user");
	/* a quoted value is never hex, nor one of a field that is no text */
	amsg_parse("audit(1.2:3): acct=\"ABCD\" ses=AB",
		   strlen("audit(1.2:3): acct=\"ABCD\" ses=AB"), &m);
	ck_assert(!amsg_get(&m, "acct")->hex);
	ck_assert(!amsg_get(&m, "ses")->hex);
}
END_TEST

START_TEST(words_and_kernel_messages)
{
	struct amsg m;

	amsg_parse(auditctl_m, strlen(auditctl_m), &m);
	ck_assert_str_eq(value(&m, "msg"), "hello world");
	ck_assert_str_eq(value(&m, "comm"), "auditctl");
	ck_assert_str_eq(value(&m, "terminal"), "ttyS0");
	amsg_parse(apparmor, strlen(apparmor), &m);
	ck_assert_str_eq(value(&m, "apparmor"), "DENIED");
	ck_assert_str_eq(value(&m, "profile"), "c2a-deny");
	ck_assert_str_eq(value(&m, "name"), "/etc/hostname");
	ck_assert_str_eq(value(&m, "denied_mask"), "r");
	ck_assert_int_eq(amsg_result(&m), -1);
	amsg_parse(anom_abend, strlen(anom_abend), &m);
	ck_assert_str_eq(value(&m, "sig"), "11");
	ck_assert_int_eq(amsg_result(&m), 1);
	amsg_parse(avc, strlen(avc), &m);
	ck_assert_str_eq(value(&m, "msg"), "avc:  denied  { read } for");
	ck_assert_str_eq(value(&m, "tclass"), "file");
	ck_assert_str_eq(value(&m, "scontext"), "system_u:system_r:init_t:s0");
}
END_TEST

START_TEST(odd_texts)
{
	static const char *const texts[] = {
		"", "audit(", "audit(1.2:3)", "audit(x.y:z): a=b", "a=", "=b",
		"msg='unterminated", "k=\"unterminated", "audit(1.2:3): msg=''",
		"   ", "a=b\n\0",
	};
	struct amsg m;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		amsg_parse(texts[i], strlen(texts[i]), &m);
	amsg_parse("audit(x.y:z): a=b", 17, &m);
	ck_assert(!m.stamped);
	ck_assert_str_eq(value(&m, "msg"), "audit(x.y:z):");
	amsg_parse("k=\"unterminated", 15, &m);
	ck_assert_str_eq(value(&m, "k"), "unterminated");
	amsg_parse("a=b\n", 4, &m);
	ck_assert_str_eq(value(&m, "a"), "b");
}
END_TEST

struct got {
	struct evt *ev;
	int n;
};

static void keep(const struct evt *ev, void *ctx)
{
	struct got *g = ctx;

	evt_free(g->ev);
	g->ev = evt_copy(ev);
	g->n++;
}

/* Records made of @text, put back together as the review tools do. */
static struct evt *round_trip(unsigned int type, const char *text,
			      size_t len, size_t *nrec)
{
	static struct c2a_record recs[USERMSG_RECORDS_MAX];
	struct got g = { NULL, 0 };
	struct evt_asm a;

	*nrec = usermsg_records(type, text, len, 7, 99, recs,
				USERMSG_RECORDS_MAX);
	ck_assert_uint_gt(*nrec, 0);
	evt_asm_init(&a, keep, &g);
	for (size_t i = 0; i < *nrec; i++) {
		ck_assert_ptr_null(record_check(&recs[i]));
		evt_asm_feed(&a, &recs[i]);
	}
	evt_asm_flush(&a);
	evt_asm_free(&a);
	ck_assert_int_eq(g.n, 1);
	ck_assert_uint_eq(a.orphans + a.invalid, 0);
	return g.ev;
}

START_TEST(records_and_fields)
{
	struct fields f;
	struct evt *ev;
	size_t n;

	ev = round_trip(1112, login_fail, strlen(login_fail), &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(ev->rec.hdr.cpu, C2A_USER_CPU);
	ck_assert_uint_eq(ev->rec.hdr.seq, 7);
	ck_assert_uint_eq(ev->rec.hdr.time_ns, 1701862410005000000ULL);
	ck_assert_uint_eq(ev->rec.ev.subj.pid, 812);
	ck_assert_uint_eq(ev->rec.ev.subj.uid, 0);
	ck_assert_uint_eq(ev->rec.ev.subj.auid, 4294967295U);
	ck_assert_uint_eq(ev->rec.ev.subj.euid, 4294967295U);
	ck_assert_int_eq(ev->rec.ev.u.user.result, 0);
	ck_assert_uint_eq(ev->rec.ev.u.user.serial, 250);
	fields_build(ev, &f);
	ck_assert_str_eq(field_val(&f, "type"), "user");
	ck_assert_str_eq(field_val(&f, "msgtype"), "USER_LOGIN");
	ck_assert_str_eq(field_val(&f, "msgtype_nr"), "1112");
	ck_assert_str_eq(field_val(&f, "serial"), "250");
	ck_assert_str_eq(field_val(&f, "success"), "no");
	ck_assert_str_eq(field_val(&f, "acct"), "(unknown user)");
	ck_assert_str_eq(field_val(&f, "exe"), "/usr/bin/login");
	ck_assert_str_eq(field_val(&f, "terminal"), "/dev/ttyS0");
	ck_assert_str_eq(field_val(&f, "raw"), login_fail);
	ck_assert_str_eq(field_val(&f, "incomplete"), "(absent)");
	ck_assert_str_eq(evt_find_str(ev, C2A_STR_EXE)->data, "/usr/bin/login");
	evt_free(ev);

	ev = round_trip(1107, apparmor, strlen(apparmor), &n);
	fields_build(ev, &f);
	ck_assert_str_eq(field_val(&f, "msgtype"), "USER_AVC");
	ck_assert_str_eq(field_val(&f, "comm"), "cat");
	ck_assert_str_eq(ev->rec.ev.subj.comm, "cat");
	ck_assert_str_eq(field_val(&f, "success"), "(absent)");
	evt_free(ev);
	ev = round_trip(64000, anom_abend, strlen(anom_abend), &n);
	fields_build(ev, &f);
	ck_assert_str_eq(field_val(&f, "msgtype"), "UNKNOWN[64000]");
	evt_free(ev);
}
END_TEST

/* A message as long as the kernel sends, and its text back byte for byte. */
START_TEST(long_message)
{
	static char text[8970];
	struct buf b = { 0 };
	struct fields f;
	struct evt *ev;
	size_t n, len;

	len = (size_t)snprintf(text, sizeof(text),
			       "audit(1.2:3): pid=1 msg='op=x data=\"");
	memset(text + len, 'a', sizeof(text) - len - 3);
	memcpy(text + sizeof(text) - 3, "\"'", 2);
	len = sizeof(text) - 1;
	text[len] = '\0';
	ev = round_trip(1100, text, len, &n);
	ck_assert_uint_eq(n, 1 + (len - C2A_EVENT_TEXT + C2A_CONT_DATA - 1) / C2A_CONT_DATA);
	fields_build(ev, &f);
	ck_assert_uint_eq(fields_get(&f, "raw")->len, len);
	ck_assert_uint_eq(fields_get(&f, "data")->len, len - 38);
	render_json(&f, &b);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b), "\"msgtype\":\"USER_AUTH\""));
	buf_free(&b);
	evt_free(ev);
	/* no room: nothing, rather than a cut message */
	ck_assert_uint_eq(usermsg_records(1100, text, len, 1, 1,
					  (struct c2a_record[3]){ 0 }, 3), 0);
}
END_TEST

START_TEST(filters)
{
	struct filter flt;
	char err[256];
	struct evt *ev;
	size_t n;

	filter_init(&flt);
	ck_assert_int_eq(filter_add(&flt, FILTER_TYPE, "user", err, sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&flt, FILTER_MSGTYPE, "USER_LOGIN,1100", err,
				    sizeof(err)), 0);
	ck_assert_int_eq(filter_add(&flt, FILTER_MSGTYPE, "NO_SUCH", err,
				    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "'NO_SUCH'"));
	ev = round_trip(1112, login_fail, strlen(login_fail), &n);
	ck_assert(filter_match(&flt, ev));
	flt.outcome = FILTER_FAILURE;
	ck_assert(filter_match(&flt, ev));
	flt.outcome = FILTER_SUCCESS;
	ck_assert(!filter_match(&flt, ev));
	evt_free(ev);
	ev = round_trip(1101, su_auth, strlen(su_auth), &n);
	ck_assert(!filter_match(&flt, ev));
	evt_free(ev);
	filter_free(&flt);
}
END_TEST

START_TEST(conf_kernel_audit)
{
	uint64_t seen = 0;
	struct conf c;
	char err[512];

	conf_init(&c);
	ck_assert_int_eq(c.kernel_audit, KAUDIT_AUTO);
	ck_assert_int_eq(conf_line(&c, "kernel_audit = beside", &seen, err,
				   sizeof(err)), 0);
	ck_assert_int_eq(c.kernel_audit, KAUDIT_BESIDE);
	ck_assert_str_eq(conf_kaudit_name(c.kernel_audit), "beside");
	seen = 0;
	ck_assert_int_eq(conf_line(&c, "kernel_audit = yes", &seen, err,
				   sizeof(err)), -1);
	ck_assert_str_eq(err, "kernel_audit = 'yes': expected auto, own, beside or off");
}
END_TEST

Suite *usermsg_suite(void)
{
	Suite *s = suite_create("usermsg");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, stamp_and_pam_fields);
	tcase_add_test(tc, hex_values_decoded);
	tcase_add_test(tc, words_and_kernel_messages);
	tcase_add_test(tc, odd_texts);
	tcase_add_test(tc, records_and_fields);
	tcase_add_test(tc, long_message);
	tcase_add_test(tc, filters);
	tcase_add_test(tc, conf_kernel_audit);
	suite_add_tcase(s, tc);
	return s;
}
