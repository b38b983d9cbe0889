/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_AUDITMSG_H
#define C2A_AUDITMSG_H

/*
 * The text of a message of Linux's audit subsystem, as its netlink socket
 * gives it:
 *
 *   audit(1700000000.123:456): pid=1 uid=0 auid=1000 ses=2 subj=unconfined
 *     msg='op=PAM:authentication grantors=pam_unix acct="root"
 *     exe="/usr/bin/su" hostname=? addr=? terminal=/dev/pts/0 res=success'
 *
 * parsed into its stamp and its KEY=VALUE fields; those inside msg='...'
 * (user space's part) are fields of their own, in order. Words that are
 * no KEY=VALUE (auditctl -m's text, SELinux's "avc:  denied  { read }
 * for") are kept as one field "msg" per run of them. Values are as
 * written: "quoted" and 'quoted' ones without their quotes; an unquoted
 * value of a field that holds untrusted text (acct, exe, cmd, ...) is
 * hex when it had blanks, quotes or control bytes, as libaudit and the
 * kernel encode it (hex is then set).
 *
 * Nothing is copied: keys and values point into the text.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AMSG_FIELDS_MAX	48

struct amsg_field {
	const char *key;
	size_t klen;
	const char *val;
	size_t vlen;
	bool quoted;		/* it was written between quotes */
	bool hex;		/* an encoded untrusted string */
};

struct amsg {
	bool stamped;		/* the text began with audit(SEC.MSEC:SERIAL): */
	uint64_t sec;
	uint32_t msec;
	uint64_t serial;
	unsigned int n;
	bool more;		/* fields beyond AMSG_FIELDS_MAX were left out */
	struct amsg_field f[AMSG_FIELDS_MAX];
};

void amsg_parse(const char *text, size_t len, struct amsg *out);
/* The field named @key (the first), or NULL. */
const struct amsg_field *amsg_get(const struct amsg *m, const char *key);
/*
 * The value of @f as text into @out (room for @len bytes, NUL added):
 * hex decoded. Returns the length, or -1 when it does not fit.
 */
long amsg_value(const struct amsg_field *f, char *out, size_t len);
/* res=success/yes/1: 1; res=failed/no/0: 0; none or other: -1. */
int amsg_result(const struct amsg *m);

#endif
