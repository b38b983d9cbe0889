// SPDX-License-Identifier: GPL-2.0
/*
 * Events to Lua tables and back. The way back builds struct fields and
 * lets render_json() write them, so a filtered record is JSON of the same
 * kind as any other: the same escaping, the same _hex for invalid UTF-8.
 */
#include <errno.h>
#include <inttypes.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua_table.h"
#include "render.h"

/* A decimal integer as JSON writes it, within int64. */
static bool as_integer(const char *v, size_t n, long long *out)
{
	char tmp[24], *end;
	size_t i = v[0] == '-';

	if (!n || n >= sizeof(tmp) || i == n || (v[i] == '0' && n - i > 1))
		return false;
	for (size_t j = i; j < n; j++)
		if (v[j] < '0' || v[j] > '9')
			return false;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	errno = 0;
	*out = strtoll(tmp, &end, 10);
	return !errno && end == tmp + n;
}

static void push_list(lua_State *L, const struct field *fl)
{
	size_t start = 0;
	lua_Integer k = 1;

	lua_newtable(L);
	for (size_t i = 0; fl->len && i <= fl->len; i++) {
		if (i < fl->len && fl->val[i])
			continue;
		lua_pushlstring(L, fl->val + start, i - start);
		lua_rawseti(L, -2, k++);
		start = i + 1;
	}
}

void lua_push_fields(lua_State *L, const struct fields *f)
{
	lua_createtable(L, 0, f->n);
	for (unsigned int i = 0; i < f->n; i++) {
		const struct field *fl = &f->f[i];
		long long v;

		if (fl->kind == FLD_LIST)
			push_list(L, fl);
		else if (fl->kind == FLD_NUM && as_integer(fl->val, fl->len, &v))
			lua_pushinteger(L, v);
		else
			lua_pushlstring(L, fl->val, fl->len);
		lua_setfield(L, -2, fl->key);
	}
}

/* --- back to JSON ------------------------------------------------------ */

/* Text made along the way, freed when the whole record is written. */
struct conv {
	lua_State *L;
	char **text;
	size_t ntext;
	char *err;
	size_t errlen;
};

static const char *keep(struct conv *c, char *s)
{
	char **t = realloc(c->text, (c->ntext + 1) * sizeof(*t));

	if (!t || !s)
		abort();
	c->text = t;
	c->text[c->ntext++] = s;
	return s;
}

static int conv_err(struct conv *c, const char *key, const char *what)
{
	snprintf(c->err, c->errlen,
		 "returned a table that cannot be JSON: %s%s%s", what,
		 key ? " at key " : "", key ? key : "");
	return -1;
}

static int table_json(struct conv *c, int idx, const struct fields *order,
		      struct buf *out, int depth);

/* The value on top of the stack as field @fl (key already set). */
static int value_field(struct conv *c, struct field *fl, int depth)
{
	lua_State *L = c->L;
	struct buf nested = { 0 };
	char *s;

	switch (lua_type(L, -1)) {
	case LUA_TSTRING:
		fl->kind = FLD_STR;
		fl->val = lua_tolstring(L, -1, &fl->len);
		return 0;
	case LUA_TBOOLEAN:
		fl->kind = FLD_JSON;
		fl->val = lua_toboolean(L, -1) ? "true" : "false";
		fl->len = strlen(fl->val);
		return 0;
	case LUA_TNUMBER:
		if (lua_isinteger(L, -1)) {
			if (asprintf(&s, "%lld", (long long)lua_tointeger(L, -1)) < 0)
				abort();
		} else if (isfinite(lua_tonumber(L, -1))) {
			if (asprintf(&s, "%.17g", (double)lua_tonumber(L, -1)) < 0)
				abort();
		} else {
			s = strdup("null");
		}
		fl->kind = FLD_JSON;
		fl->val = keep(c, s);
		fl->len = strlen(s);
		return 0;
	case LUA_TTABLE:
		if (table_json(c, lua_gettop(L), NULL, &nested, depth + 1)) {
			buf_free(&nested);
			return -1;
		}
		fl->kind = FLD_JSON;
		fl->len = nested.len;
		fl->val = keep(c, nested.data);
		return 0;
	}
	return conv_err(c, fl->key, lua_typename(L, lua_type(L, -1)));
}

/* 1..n and nothing else: an array. */
static bool is_array(lua_State *L, int idx, lua_Integer *n)
{
	lua_Integer count = 0;

	*n = (lua_Integer)lua_rawlen(L, idx);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 ||
		    lua_tointeger(L, -1) > *n) {
			lua_pop(L, 1);
			return false;
		}
		count++;
	}
	return count == *n && *n > 0;
}

static int array_json(struct conv *c, int idx, lua_Integer n, struct buf *out,
		      int depth)
{
	struct fields f = { 0 };
	int top = lua_gettop(c->L);

	if (n > FIELDS_MAX)
		return conv_err(c, NULL, "an array of more than 64 values");
	lua_checkstack(c->L, (int)n + 2);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(c->L, idx, i);
		f.f[f.n].key = "";
		if (value_field(c, &f.f[f.n], depth))
			return lua_settop(c->L, top), -1;
		f.n++;
	}
	render_json_array(&f, out);
	lua_settop(c->L, top);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys in the order written: @order's first, then the rest sorted. */
static int object_keys(struct conv *c, int idx, const struct fields *order,
		       const char **keys, unsigned int *n)
{
	lua_State *L = c->L;
	unsigned int first;

	*n = 0;
	for (unsigned int i = 0; order && i < order->n; i++) {
		lua_getfield(L, idx, order->f[i].key);
		if (!lua_isnil(L, -1))
			keys[(*n)++] = order->f[i].key;
		lua_pop(L, 1);
	}
	first = *n;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		const char *k;

		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING) {
			lua_pop(L, 1);
			return conv_err(c, NULL, "a key that is not a string");
		}
		k = lua_tostring(L, -1);
		if (order && fields_get(order, k))
			continue;
		if (*n == FIELDS_MAX) {
			lua_pop(L, 1);
			return conv_err(c, NULL, "more than 64 keys");
		}
		keys[(*n)++] = k;
	}
	qsort(keys + first, *n - first, sizeof(*keys), cmp_str);
	return 0;
}

static int table_json(struct conv *c, int idx, const struct fields *order,
		      struct buf *out, int depth)
{
	const char *keys[FIELDS_MAX];
	struct fields f = { 0 };
	lua_Integer n;
	int top = lua_gettop(c->L);

	if (depth > LUA_TABLE_DEPTH)
		return conv_err(c, NULL, "tables nested too deep (or a cycle)");
	if (is_array(c->L, idx, &n))
		return array_json(c, idx, n, out, depth);
	if (object_keys(c, idx, order, keys, &f.n))
		return -1;
	lua_checkstack(c->L, (int)f.n + 2);
	for (unsigned int i = 0; i < f.n; i++) {
		lua_getfield(c->L, idx, keys[i]);
		f.f[i].key = keys[i];
		if (value_field(c, &f.f[i], depth))
			return lua_settop(c->L, top), -1;
	}
	render_json(&f, out);
	lua_settop(c->L, top);
	return 0;
}

int lua_table_json(lua_State *L, int idx, const struct fields *order,
		   struct buf *out, char *err, size_t errlen)
{
	struct conv c = { .L = L, .err = err, .errlen = errlen };
	int ret;

	ret = table_json(&c, lua_absindex(L, idx), order, out, 0);
	for (size_t i = 0; i < c.ntext; i++)
		free(c.text[i]);
	free(c.text);
	return ret;
}
