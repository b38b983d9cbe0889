// SPDX-License-Identifier: GPL-2.0
/* The text of a Linux audit message: its stamp and KEY=VALUE fields. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "array_size.h"
#include "auditmsg.h"

/*
 * Fields that carry untrusted text: libaudit and the kernel write them
 * "quoted" when they can, else in hex, unquoted (auparse's escaped type).
 */
static const char *const escaped_keys[] = {
	"acct", "cmd", "comm", "cwd", "data", "dir", "exe", "grp", "key",
	"name", "new_group", "old_group", "path", "proctitle", "root_dir",
	"sw", "unit", "vm", "watch", "cgroup", "device", "new-disk",
	"old-disk", "new-chardev", "old-chardev", "new-fs", "old-fs",
};

static bool is_escaped_key(const char *k, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(escaped_keys); i++)
		if (strlen(escaped_keys[i]) == n && !memcmp(escaped_keys[i], k, n))
			return true;
	return false;
}

static bool is_hex(const char *v, size_t n)
{
	if (!n || n % 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)v[i]) || islower((unsigned char)v[i]))
			return false;
	return true;
}

static bool key_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* "audit(SEC.MSEC:SERIAL): ": its length, or 0 when there is none. */
static size_t parse_stamp(const char *p, size_t len, struct amsg *m)
{
	char tmp[64], *end;
	const char *close;
	size_t n;

	if (len < 7 || memcmp(p, "audit(", 6))
		return 0;
	close = memchr(p, ')', len < sizeof(tmp) ? len : sizeof(tmp));
	if (!close || close - p - 6 >= (long)sizeof(tmp))
		return 0;
	n = close - p - 6;
	memcpy(tmp, p + 6, n);
	tmp[n] = '\0';
	m->sec = strtoull(tmp, &end, 10);
	if (*end != '.')
		return 0;
	m->msec = strtoul(end + 1, &end, 10);
	if (*end != ':')
		return 0;
	m->serial = strtoull(end + 1, &end, 10);
	if (*end)
		return 0;
	m->stamped = true;
	n = close + 1 - p;
	if (n < len && p[n] == ':')
		n++;
	return n;
}

static void add(struct amsg *m, const char *k, size_t kn, const char *v,
		size_t vn, bool quoted, bool hex)
{
	if (m->n == AMSG_FIELDS_MAX) {
		m->more = true;
		return;
	}
	m->f[m->n++] = (struct amsg_field){ k, kn, v, vn, quoted, hex };
}

/* KEY= at @p (within @end): the key's length, or 0. */
static size_t key_at(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && key_char(*q))
		q++;
	return q > p && q < end && *q == '=' ? (size_t)(q - p) : 0;
}

static void parse_fields(const char *p, const char *end, struct amsg *m);

/* A value at @p: quoted, or up to the next blank. Returns past it. */
static const char *value(const char *p, const char *end, const char *k,
			 size_t kn, struct amsg *m)
{
	const char *v = p, *q;

	if (p < end && (*p == '"' || *p == '\'')) {
		q = memchr(p + 1, *p, end - p - 1);
		if (!q)
			q = end;
		/* user space's part of a message: msg='op=... res=...' */
		if (*p == '\'' && kn == 3 && !memcmp(k, "msg", 3))
			parse_fields(p + 1, q, m);
		else
			add(m, k, kn, p + 1, q - p - 1, true, false);
		return q < end ? q + 1 : end;
	}
	while (p < end && !isspace((unsigned char)*p))
		p++;
	add(m, k, kn, v, p - v, false,
	    is_escaped_key(k, kn) && is_hex(v, p - v));
	return p;
}

static void parse_fields(const char *p, const char *end, struct amsg *m)
{
	const char *words = NULL, *words_end = NULL;

	while (p < end) {
		size_t kn;

		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p == end)
			break;
		kn = key_at(p, end);
		if (!kn) {
			/* a word that is no field: part of a run of them */
			if (!words)
				words = p;
			while (p < end && !isspace((unsigned char)*p))
				p++;
			words_end = p;
			continue;
		}
		if (words) {
			add(m, "msg", 3, words, words_end - words, true, false);
			words = NULL;
		}
		p = value(p + kn + 1, end, p, kn, m);
	}
	if (words)
		add(m, "msg", 3, words, words_end - words, true, false);
}

void amsg_parse(const char *text, size_t len, struct amsg *out)
{
	size_t skip;

	memset(out, 0, sizeof(*out));
	/* the kernel's text may end in a NUL or a newline */
	while (len && (!text[len - 1] || text[len - 1] == '\n'))
		len--;
	skip = parse_stamp(text, len, out);
	parse_fields(text + skip, text + len, out);
}

const struct amsg_field *amsg_get(const struct amsg *m, const char *key)
{
	size_t n = strlen(key);

	for (unsigned int i = 0; i < m->n; i++)
		if (m->f[i].klen == n && !memcmp(m->f[i].key, key, n))
			return &m->f[i];
	return NULL;
}

static int hexval(char c)
{
	return c <= '9' ? c - '0' : c - 'A' + 10;
}

long amsg_value(const struct amsg_field *f, char *out, size_t len)
{
	size_t n = f->hex ? f->vlen / 2 : f->vlen;

	if (n >= len)
		return -1;
	if (!f->hex)
		memcpy(out, f->val, n);
	for (size_t i = 0; f->hex && i < n; i++)
		out[i] = (char)(hexval(f->val[2 * i]) << 4 | hexval(f->val[2 * i + 1]));
	out[n] = '\0';
	return (long)n;
}

int amsg_result(const struct amsg *m)
{
	static const char *const yes[] = { "success", "yes", "1" };
	static const char *const no[] = { "failed", "no", "0" };
	const struct amsg_field *f = amsg_get(m, "res");

	if (!f)
		f = amsg_get(m, "success");
	for (size_t i = 0; f && i < ARRAY_SIZE(yes); i++) {
		if (f->vlen == strlen(yes[i]) && !memcmp(f->val, yes[i], f->vlen))
			return 1;
		if (f->vlen == strlen(no[i]) && !memcmp(f->val, no[i], f->vlen))
			return 0;
	}
	return -1;
}
