// SPDX-License-Identifier: GPL-2.0
/*
 * One line of key=value per event. A value that could be misread (spaces,
 * quotes, '=', control bytes, invalid UTF-8, or empty) is quoted and
 * escaped, so a line never breaks and every byte can be recovered.
 */
#include <stdbool.h>
#include <stdio.h>

#include "render.h"

/* Length of the valid UTF-8 sequence at p, or 0 when it is not one. */
size_t utf8_valid_len(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned int cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

static bool plain_byte(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '=';
}

static bool needs_quotes(const char *v, size_t n)
{
	if (!n)
		return true;
	for (size_t i = 0; i < n; i++)
		if (!plain_byte(v[i]))
			return true;
	return false;
}

bool render_quoted(struct buf *out, const char *v, size_t n,
		   enum escape_style style)
{
	const unsigned char *p = (const unsigned char *)v;
	bool exact = true;
	size_t i = 0;

	buf_addc(out, '"');
	while (i < n) {
		size_t u = p[i] >= 0x80 ? utf8_valid_len(p + i, n - i) : 0;
		size_t plain = i;

		/* the common case, a run that needs no escaping, in one copy */
		while (plain < n && p[plain] >= 0x20 && p[plain] < 0x7f &&
		       p[plain] != '"' && p[plain] != '\\')
			plain++;
		if (plain > i) {
			buf_add(out, p + i, plain - i);
			i = plain;
			continue;
		}
		if (u) {
			buf_add(out, p + i, u);
			i += u;
			continue;
		}
		switch (p[i]) {
		case '"':
			buf_adds(out, "\\\"");
			break;
		case '\\':
			buf_adds(out, "\\\\");
			break;
		case '\n':
			buf_adds(out, "\\n");
			break;
		case '\t':
			buf_adds(out, "\\t");
			break;
		default:
			if (p[i] >= 0x80 && style == ESC_JSON) {
				buf_adds(out, "\xef\xbf\xbd");	/* U+FFFD */
				exact = false;
			} else if ((p[i] < 0x20 || p[i] >= 0x7f) &&
				   style == ESC_JSON) {
				buf_printf(out, "\\u%04x", p[i]);
			} else if (p[i] < 0x20 || p[i] >= 0x7f) {
				buf_printf(out, "\\x%02x", p[i]);
			} else {
				buf_addc(out, p[i]);
			}
		}
		i++;
	}
	buf_addc(out, '"');
	return exact;
}

void render_text_value(struct buf *out, const char *v, size_t n)
{
	if (needs_quotes(v, n))
		render_quoted(out, v, n, ESC_TEXT);
	else
		buf_add(out, v, n);
}

/* argv, NUL-separated, as argc=N argv0=... argv1=... */
static void render_list(const struct field *fl, struct buf *out)
{
	size_t start = 0, argc = 0, i;

	for (i = 0; i < fl->len; i++)
		argc += !fl->val[i];
	if (fl->len)
		argc++;
	buf_printf(out, " argc=%zu", argc);
	argc = 0;
	for (i = 0; fl->len && i <= fl->len; i++) {
		if (i < fl->len && fl->val[i])
			continue;
		buf_printf(out, " %s%zu=", fl->key, argc++);
		render_text_value(out, fl->val + start, i - start);
		start = i + 1;
	}
}

void render_text(const struct fields *f, struct buf *out)
{
	for (unsigned int i = 0; i < f->n; i++) {
		const struct field *fl = &f->f[i];

		if (fl->kind == FLD_LIST) {
			render_list(fl, out);
			continue;
		}
		if (i)
			buf_addc(out, ' ');
		buf_adds(out, fl->key);
		buf_addc(out, '=');
		render_text_value(out, fl->val, fl->len);
	}
}
