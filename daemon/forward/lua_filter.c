// SPDX-License-Identifier: GPL-2.0
/* An output's Lua filter: a sandboxed state, bounded in time and memory. */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array_size.h"
#include "log.h"
#include "lua_filter.h"
#include "lua_table.h"

#define HOOK_EVERY	1000	/* instructions between two hook calls */
#define MAX_PLACES	64	/* error places remembered (reported once) */

struct lua_filter {
	lua_State *L;
	int fn_ref;
	uint64_t instructions, used;
	uint64_t mem, mem_max;
	char *name;
	char *function;
	char err[512];
	char *places[MAX_PLACES];
	unsigned int nplaces;
};

static struct lua_filter *self(lua_State *L)
{
	return *(struct lua_filter **)lua_getextraspace(L);
}

static void *lf_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct lua_filter *lf = ud;
	void *p;

	if (!ptr)
		osize = 0;
	if (!nsize) {
		free(ptr);
		lf->mem -= osize;
		return NULL;
	}
	if (nsize > osize && lf->mem + (nsize - osize) > lf->mem_max)
		return NULL;
	p = realloc(ptr, nsize);
	if (p)
		lf->mem += nsize - osize;
	return p;
}

/* Stops a script that runs too long, naming where it was. */
static void count_hook(lua_State *L, lua_Debug *ar)
{
	struct lua_filter *lf = self(L);

	lf->used += HOOK_EVERY;
	if (lf->used <= lf->instructions)
		return;
	lua_getinfo(L, "Sl", ar);
	lua_pushfstring(L, "%s:%d: instruction limit (%I) exceeded",
			ar->short_src, ar->currentline,
			(lua_Integer)lf->instructions);
	lua_error(L);
}

static int lf_print(lua_State *L)
{
	struct lua_filter *lf = self(L);
	luaL_Buffer b;
	int n = lua_gettop(L);

	luaL_buffinit(L, &b);
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	log_info("output %s: %s", lf->name, lua_tostring(L, -1));
	return 0;
}

/* os.time, os.date, os.clock, os.difftime: nothing that touches files. */
static void open_os_subset(lua_State *L)
{
	static const char *const keep[] = { "time", "date", "clock", "difftime" };

	luaL_requiref(L, "os", luaopen_os, 0);
	lua_newtable(L);
	for (size_t i = 0; i < ARRAY_SIZE(keep); i++) {
		lua_getfield(L, -2, keep[i]);
		lua_setfield(L, -2, keep[i]);
	}
	lua_setglobal(L, "os");
	lua_pop(L, 1);
}

static void open_sandbox(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base },
		{ LUA_TABLIBNAME, luaopen_table },
		{ LUA_STRLIBNAME, luaopen_string },
		{ LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 },
	};
	static const char *const unsafe[] = { "dofile", "loadfile", "load",
					      "require" };

	for (size_t i = 0; i < ARRAY_SIZE(libs); i++) {
		luaL_requiref(L, libs[i].name, libs[i].func, 1);
		lua_pop(L, 1);
	}
	open_os_subset(L);
	for (size_t i = 0; i < ARRAY_SIZE(unsafe); i++) {
		lua_pushnil(L);
		lua_setglobal(L, unsafe[i]);
	}
	lua_pushcfunction(L, lf_print);
	lua_setglobal(L, "print");
}

/* The message of the error on top of the stack, popped. */
static const char *take_error(struct lua_filter *lf)
{
	const char *msg = lua_tostring(lf->L, -1);

	snprintf(lf->err, sizeof(lf->err), "%s",
		 msg ? msg : "error object is not a string");
	lua_pop(lf->L, 1);
	return lf->err;
}

static int load_script(struct lua_filter *lf, const struct lua_filter_conf *c)
{
	lua_State *L = lf->L;

	if (luaL_loadfilex(L, c->path, "t") != LUA_OK)
		return take_error(lf), -1;
	lf->used = 0;
	if (lua_pcall(L, 0, 0, 0) != LUA_OK)
		return take_error(lf), -1;
	lua_getglobal(L, c->function);
	if (!lua_isfunction(L, -1)) {
		snprintf(lf->err, sizeof(lf->err),
			 "%s: defines no function '%s'", c->path, c->function);
		lua_pop(L, 1);
		return -1;
	}
	lf->fn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

struct lua_filter *lua_filter_open(const struct lua_filter_conf *c,
				   char *err, size_t errlen)
{
	struct lua_filter *lf = calloc(1, sizeof(*lf));

	if (!lf)
		abort();
	lf->instructions = c->instructions;
	lf->mem_max = c->memory;
	lf->name = strdup(c->name);
	lf->function = strdup(c->function);
	lf->L = lua_newstate(lf_alloc, lf);
	if (!lf->name || !lf->function || !lf->L) {
		snprintf(err, errlen, "%s: cannot make a Lua state", c->path);
		lua_filter_close(lf);
		return NULL;
	}
	*(struct lua_filter **)lua_getextraspace(lf->L) = lf;
	lua_sethook(lf->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
	open_sandbox(lf->L);
	if (load_script(lf, c)) {
		snprintf(err, errlen, "%s", lf->err);
		lua_filter_close(lf);
		return NULL;
	}
	return lf;
}

/* What the function returned, on top of the stack. */
static enum lua_verdict verdict(struct lua_filter *lf, const struct fields *f,
				struct buf *json)
{
	lua_State *L = lf->L;
	char why[256];
	lua_Debug ar;

	switch (lua_type(L, -1)) {
	case LUA_TNIL:
		return LUA_PASS;
	case LUA_TBOOLEAN:
		return lua_toboolean(L, -1) ? LUA_PASS : LUA_DROP;
	case LUA_TTABLE:
		buf_reset(json);
		if (!lua_table_json(L, -1, f, json, why, sizeof(why)))
			return LUA_REPLACE;
		break;
	default:
		snprintf(why, sizeof(why), "returned a %s, not true, false "
			 "or a table", luaL_typename(L, -1));
	}
	/* the place of a wrong result: where the function is defined */
	lua_rawgeti(L, LUA_REGISTRYINDEX, lf->fn_ref);
	lua_getinfo(L, ">S", &ar);
	snprintf(lf->err, sizeof(lf->err), "%s:%d: %s() %s", ar.short_src,
		 ar.linedefined, lf->function, why);
	return LUA_ERROR;
}

enum lua_verdict lua_filter_run(struct lua_filter *lf, const struct fields *f,
				struct buf *json)
{
	lua_State *L = lf->L;
	enum lua_verdict v;

	lf->used = 0;
	lua_rawgeti(L, LUA_REGISTRYINDEX, lf->fn_ref);
	lua_push_fields(L, f);
	if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
		take_error(lf);
		lua_settop(L, 0);
		return LUA_ERROR;
	}
	v = verdict(lf, f, json);
	lua_settop(L, 0);
	return v;
}

/* "FILE:LINE" of a message, or the whole message when it has none. */
static size_t place_len(const char *msg)
{
	const char *p = strchr(msg, ':');

	while (p) {
		size_t digits = strspn(p + 1, "0123456789");

		if (digits && p[1 + digits] == ':')
			return p + 1 + digits - msg;
		p = strchr(p + 1, ':');
	}
	return strlen(msg);
}

const char *lua_filter_error(struct lua_filter *lf, bool *first)
{
	size_t n = place_len(lf->err);

	*first = false;
	for (unsigned int i = 0; i < lf->nplaces; i++)
		if (strlen(lf->places[i]) == n && !strncmp(lf->places[i], lf->err, n))
			return lf->err;
	if (lf->nplaces < MAX_PLACES) {
		lf->places[lf->nplaces] = strndup(lf->err, n);
		if (!lf->places[lf->nplaces])
			abort();
		lf->nplaces++;
		*first = true;
	}
	return lf->err;
}

void lua_filter_close(struct lua_filter *lf)
{
	if (lf->L)
		lua_close(lf->L);
	for (unsigned int i = 0; i < lf->nplaces; i++)
		free(lf->places[i]);
	free(lf->name);
	free(lf->function);
	free(lf);
}
