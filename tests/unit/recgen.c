// SPDX-License-Identifier: GPL-2.0
/* Records laid out as the module writes them, for the unit tests. */
#include <string.h>

#include "fields.h"
#include "recgen.h"

static void gen_header(struct c2a_record *r, uint16_t type, uint32_t cpu,
		       uint64_t seq)
{
	memset(r, 0, sizeof(*r));
	r->hdr.version = C2A_ABI_VERSION;
	r->hdr.type = type;
	r->hdr.size = C2A_RECORD_SIZE;
	r->hdr.cpu = cpu;
	r->hdr.seq = seq;
	r->hdr.nparts = 1;
	r->hdr.time_ns = 1700000000123456789ULL;
}

size_t gen_event(struct c2a_record *out, size_t max, uint32_t cpu,
		 uint64_t seq, const struct gen_str *strs, size_t nstrs)
{
	struct c2a_record *head = &out[0];
	size_t used = 0, n = 1;

	gen_header(head, C2A_REC_SYSCALL, cpu, seq);
	head->ev.u.sys.sysid = C2A_SYS_openat;
	head->ev.u.sys.arch = C2A_ARCH_X86_64;
	head->ev.u.sys.nr = 257;
	head->ev.u.sys.ret = 3;
	head->ev.subj.pid = 42;
	strcpy(head->ev.subj.comm, "cat");
	for (size_t i = 0; i < nstrs; i++) {
		size_t inl = strs[i].len;

		if (inl > C2A_EVENT_TEXT - used)
			inl = C2A_EVENT_TEXT - used;
		memcpy(head->ev.text + used, strs[i].s, inl);
		used += inl;
		head->ev.str[i] = (struct c2a_strref){
			.type = strs[i].type, .inl = inl, .len = strs[i].len
		};
		for (size_t off = inl; off < strs[i].len && n < max; off += C2A_CONT_DATA) {
			struct c2a_record *c = &out[n];
			size_t len = strs[i].len - off;

			if (len > C2A_CONT_DATA)
				len = C2A_CONT_DATA;
			gen_header(c, C2A_REC_CONT, cpu, seq + n);
			c->hdr.part = n;
			c->cont.strtype = strs[i].type;
			c->cont.len = len;
			c->cont.offset = off;
			c->cont.head_seq = seq;
			memcpy(c->cont.data, strs[i].s + off, len);
			n++;
		}
	}
	for (size_t i = 0; i < n; i++)
		out[i].hdr.nparts = n;
	return n;
}

void gen_loss(struct c2a_record *out, uint32_t cpu, uint64_t seq,
	      uint64_t first, uint64_t count, uint32_t reasons)
{
	gen_header(out, C2A_REC_LOSS, cpu, seq);
	out->loss.first_seq = first;
	out->loss.count = count;
	out->loss.reasons = reasons;
}

const char *field_val(const struct fields *f, const char *key)
{
	/* room for a Linux audit message's whole text */
	static char out[9000];
	const struct field *fl = fields_get(f, key);

	if (!fl)
		return "(absent)";
	memcpy(out, fl->val, fl->len);
	out[fl->len] = '\0';
	return out;
}
