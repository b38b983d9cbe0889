// SPDX-License-Identifier: GPL-2.0
/* Linux audit messages as records of c2auditd's own stream. */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "auditmsg.h"
#include "usermsg.h"

static void header(struct c2a_record *r, unsigned int type, uint64_t seq,
		   uint64_t time_ns)
{
	memset(r, 0, sizeof(*r));
	r->hdr.version = C2A_ABI_VERSION;
	r->hdr.type = type;
	r->hdr.size = C2A_RECORD_SIZE;
	r->hdr.cpu = C2A_USER_CPU;
	r->hdr.nparts = 1;
	r->hdr.seq = seq;
	r->hdr.time_ns = time_ns;
}

/* A number field of the message, or (__u32)-1 when it has none. */
static __u32 id_field(const struct amsg *m, const char *key)
{
	const struct amsg_field *f = amsg_get(m, key);
	char buf[16], *end;
	unsigned long v;

	if (!f || amsg_value(f, buf, sizeof(buf)) <= 0)
		return (__u32)-1;
	v = strtoul(buf, &end, 10);
	return *end || v > UINT_MAX ? (__u32)-1 : (__u32)v;
}

static void subject(struct c2a_subject *s, const struct amsg *m)
{
	const struct amsg_field *comm = amsg_get(m, "comm");

	memset(s, 0xff, offsetof(struct c2a_subject, __pad));
	s->__pad = 0;
	memset(s->comm, 0, sizeof(s->comm));
	s->pid = s->tgid = id_field(m, "pid");
	s->uid = id_field(m, "uid");
	s->auid = id_field(m, "auid");
	s->sessionid = id_field(m, "ses");
	s->gid = id_field(m, "gid");
	s->fsuid = id_field(m, "fsuid");
	if (comm)
		amsg_value(comm, s->comm, sizeof(s->comm));
}

/*
 * The strings' bytes after the head's inline part, in continuations: how
 * many, or -1 when they take more than @max.
 */
static long continuations(struct c2a_record *out, size_t max,
			    const struct c2a_record *head,
			    const char *const *data)
{
	size_t n = 0;

	for (unsigned int i = 0; i < C2A_STR_SLOTS && head->ev.str[i].type; i++) {
		const struct c2a_strref *s = &head->ev.str[i];

		for (uint32_t at = s->inl; at < s->len; at += C2A_CONT_DATA) {
			struct c2a_record *c = &out[n++];
			uint32_t len = s->len - at;

			if (n > max)
				return -1;
			if (len > C2A_CONT_DATA)
				len = C2A_CONT_DATA;
			header(c, C2A_REC_CONT, 0, head->hdr.time_ns);
			c->cont.strtype = s->type;
			c->cont.len = len;
			c->cont.offset = at;
			c->cont.head_seq = head->hdr.seq;
			memcpy(c->cont.data, data[i] + at, len);
		}
	}
	return (long)n;
}

/* Adds string @type of @len bytes; what fits goes inline. */
static void add_str(struct c2a_record *r, unsigned int *slot,
		    unsigned int *used, unsigned int type, const char *p,
		    size_t len)
{
	struct c2a_strref *s = &r->ev.str[(*slot)++];
	size_t inl = C2A_EVENT_TEXT - *used;

	if (inl > len)
		inl = len;
	s->type = type;
	s->len = len;
	s->inl = inl;
	memcpy(r->ev.text + *used, p, inl);
	*used += inl;
}

size_t usermsg_records(unsigned int type, const char *text, size_t len,
		       uint64_t seq, uint64_t now_ns, struct c2a_record *out,
		       size_t max)
{
	const struct amsg_field *exe_f;
	struct c2a_record *h = out;
	const char *data[2];
	unsigned int slot = 0, used = 0;
	char exe[PATH_MAX];
	long exe_len = -1;
	struct amsg m;
	long n;

	if (!max)
		return 0;
	if (len > USERMSG_TEXT_MAX)
		len = USERMSG_TEXT_MAX;
	amsg_parse(text, len, &m);
	header(h, C2A_REC_USER, seq,
	       m.stamped ? m.sec * 1000000000ULL + m.msec * 1000000ULL : now_ns);
	if (len == USERMSG_TEXT_MAX)
		h->hdr.flags |= C2A_RF_TRUNC;
	subject(&h->ev.subj, &m);
	h->ev.u.user.msgtype = type;
	h->ev.u.user.result = amsg_result(&m);
	h->ev.u.user.audit_sec = m.sec;
	h->ev.u.user.audit_msec = m.msec;
	h->ev.u.user.serial = m.serial;
	exe_f = amsg_get(&m, "exe");
	if (exe_f)
		exe_len = amsg_value(exe_f, exe, sizeof(exe));
	if (exe_len > 0) {
		data[slot] = exe;
		add_str(h, &slot, &used, C2A_STR_EXE, exe, exe_len);
	}
	data[slot] = text;
	add_str(h, &slot, &used, C2A_STR_RAW, text, len);
	if (len == USERMSG_TEXT_MAX)
		h->ev.str[slot - 1].flags |= C2A_STRF_TRUNC;
	n = continuations(out + 1, max - 1, h, data);
	if (n < 0)
		return 0;
	h->hdr.nparts = 1 + n;
	for (long i = 1; i <= n; i++) {
		out[i].hdr.nparts = h->hdr.nparts;
		out[i].hdr.part = i;
		out[i].hdr.seq = seq + i;
	}
	return 1 + n;
}

void usermsg_loss(uint64_t seq, uint64_t first_seq, uint64_t count,
		  uint32_t reasons, uint64_t now_ns, struct c2a_record *out)
{
	header(out, C2A_REC_LOSS, seq, now_ns);
	out->loss.first_seq = first_seq;
	out->loss.count = count;
	out->loss.reasons = reasons;
}
