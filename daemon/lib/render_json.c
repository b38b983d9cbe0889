// SPDX-License-Identifier: GPL-2.0
/*
 * One JSON object per event, on one line. JSON strings cannot carry
 * arbitrary bytes, so a value that is not valid UTF-8 is given twice: as
 * text with U+FFFD in place of each bad byte, for people and for tools
 * that only search, and exactly, in hex, under the key KEY_hex.
 */
#include <stdbool.h>
#include <string.h>

#include "render.h"

static bool json_number(const char *v, size_t n)
{
	size_t i = 0;

	if (n && v[0] == '-')
		i++;
	if (i == n || (v[i] == '0' && n - i > 1))
		return false;
	for (; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return false;
	return true;
}

/* Writes v as a JSON string; false when bytes had to be replaced. */
static bool json_string(struct buf *out, const char *v, size_t n)
{
	return render_quoted(out, v, n, ESC_JSON);
}

static void json_hex(struct buf *out, const char *key, const char *v,
		     size_t n)
{
	buf_printf(out, ",\"%s_hex\":\"", key);
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%02x", (unsigned char)v[i]);
	buf_addc(out, '"');
}

/* argv, NUL-separated, as "argv":[...] */
static void json_list(struct buf *out, const struct field *fl, bool hex_ok)
{
	size_t start = 0;
	bool exact = true;

	buf_addc(out, '[');
	for (size_t i = 0; fl->len && i <= fl->len; i++) {
		if (i < fl->len && fl->val[i])
			continue;
		if (start)
			buf_addc(out, ',');
		exact &= json_string(out, fl->val + start, i - start);
		start = i + 1;
	}
	buf_addc(out, ']');
	if (!exact && hex_ok)
		json_hex(out, fl->key, fl->val, fl->len);
}

void render_json_pair(struct buf *out, const char *key, const char *v,
		      size_t n)
{
	json_string(out, key, strlen(key));
	buf_addc(out, ':');
	if (!json_string(out, v, n))
		json_hex(out, key, v, n);
}

/* The value of @fl; the _hex companion (a second pair) when @hex_ok. */
static void json_value(struct buf *out, const struct field *fl, bool hex_ok)
{
	switch (fl->kind) {
	case FLD_LIST:
		json_list(out, fl, hex_ok);
		return;
	case FLD_JSON:
		buf_add(out, fl->val, fl->len);
		return;
	case FLD_NUM:
		if (json_number(fl->val, fl->len)) {
			buf_add(out, fl->val, fl->len);
			return;
		}
		break;
	case FLD_STR:
		break;
	}
	if (!json_string(out, fl->val, fl->len) && hex_ok)
		json_hex(out, fl->key, fl->val, fl->len);
}

void render_json(const struct fields *f, struct buf *out)
{
	buf_addc(out, '{');
	for (unsigned int i = 0; i < f->n; i++) {
		if (i)
			buf_addc(out, ',');
		json_string(out, f->f[i].key, strlen(f->f[i].key));
		buf_addc(out, ':');
		json_value(out, &f->f[i], true);
	}
	buf_addc(out, '}');
}

void render_json_array(const struct fields *f, struct buf *out)
{
	buf_addc(out, '[');
	for (unsigned int i = 0; i < f->n; i++) {
		if (i)
			buf_addc(out, ',');
		json_value(out, &f->f[i], false);
	}
	buf_addc(out, ']');
}
