// SPDX-License-Identifier: GPL-2.0
/*
 * The fields of a message of Linux's audit (C2A_REC_USER): its type by
 * name and number, its serial, then its own KEY=VALUE fields in the
 * order it has them (hex-encoded text decoded), and its text whole.
 */
#include <libaudit.h>
#include <stdio.h>
#include <string.h>

#include "array_size.h"
#include "auditmsg.h"
#include "fields.h"

/* Keys of our own that a message's field must not be taken for. */
static const char *const own_keys[] = {
	"type", "seq", "cpu", "time", "msgtype", "msgtype_nr", "serial",
	"success", "raw", "truncated", "incomplete", "damaged",
};

static bool is_own_key(const char *k, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(own_keys); i++)
		if (strlen(own_keys[i]) == n && !memcmp(own_keys[i], k, n))
			return true;
	return false;
}

/* @n bytes of the scratch space, or NULL when it is used up. */
static char *scratch(struct fields *f, size_t n)
{
	char *p;

	if (n > FIELDS_SCRATCH - f->scratch_used)
		return NULL;
	p = f->scratch + f->scratch_used;
	f->scratch_used += n;
	return p;
}

/* The key, NUL-terminated; "msg_" before one that is a key of ours. */
static const char *key_of(struct fields *f, const struct amsg_field *af)
{
	bool own = is_own_key(af->key, af->klen);
	char *k = scratch(f, af->klen + (own ? 5 : 1));

	if (!k)
		return NULL;
	snprintf(k, af->klen + (own ? 5 : 1), "%s%.*s", own ? "msg_" : "",
		 (int)af->klen, af->key);
	return k;
}

static void add_field(struct fields *f, const struct amsg_field *af)
{
	const char *key = key_of(f, af);
	char *v;
	long n;

	if (!key)
		return;
	if (!af->hex) {
		fields_add(f, key, af->quoted ? FLD_STR : FLD_NUM, af->val,
			   af->vlen);
		return;
	}
	v = scratch(f, af->vlen / 2 + 1);
	n = v ? amsg_value(af, v, af->vlen / 2 + 1) : -1;
	if (n < 0)
		fields_add(f, key, FLD_STR, af->val, af->vlen);
	else
		fields_add(f, key, FLD_STR, v, (size_t)n);
}

static void add_msgtype(struct fields *f, unsigned int type)
{
	const char *name = audit_msg_type_to_name(type);
	char *t = fields_text(f);

	/* as ausearch names a type libaudit does not know */
	if (!name) {
		snprintf(t, FIELD_TEXT, "UNKNOWN[%u]", type);
		name = t;
	}
	fields_add(f, "msgtype", FLD_NUM, name, strlen(name));
	t = fields_text(f);
	snprintf(t, FIELD_TEXT, "%u", type);
	fields_add(f, "msgtype_nr", FLD_NUM, t, strlen(t));
}

void fields_add_user(const struct evt *ev, struct fields *out)
{
	const struct c2a_user *u = &ev->rec.ev.u.user;
	const struct evt_str *raw = evt_find_str(ev, C2A_STR_RAW);
	size_t len = raw ? (raw->have < raw->len ? raw->have : raw->len) : 0;
	struct amsg m;
	char *t;

	add_msgtype(out, u->msgtype);
	t = fields_text(out);
	snprintf(t, FIELD_TEXT, "%llu", (unsigned long long)u->serial);
	fields_add(out, "serial", FLD_NUM, t, strlen(t));
	if (u->result >= 0)
		fields_add(out, "success", FLD_NUM, u->result ? "yes" : "no",
			   u->result ? 3 : 2);
	if (!raw)
		return;
	amsg_parse(raw->data, len, &m);
	for (unsigned int i = 0; i < m.n; i++)
		add_field(out, &m.f[i]);
	fields_add(out, "raw", FLD_STR, raw->data, len);
}
