/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_LUA_FILTER_H
#define C2A_LUA_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "fields.h"

/*
 * An output's Lua 5.4 filter: a function that gets each event as a table
 * of its fields (numbers as integers, argv as an array of strings) and
 * returns
 *
 *   true or nothing   pass the event unchanged
 *   false             drop it
 *   a table           pass this instead, serialized as a JSON object
 *                     (the event's keys first, in their order, then new
 *                     keys sorted; nested tables become arrays or objects)
 *
 * The script runs in its own state with the base, string, table, math and
 * utf8 libraries and os.time/date/clock/difftime; no io, no loading of
 * code or modules. print() writes to the daemon's log. Each call may run
 * a bounded number of VM instructions, and the state a bounded amount of
 * memory; going past either is an error. An error never drops the event:
 * it passes unfiltered.
 */
struct lua_filter;

struct lua_filter_conf {
	const char *path;
	const char *function;	/* a global the script defines */
	uint64_t instructions;	/* per call */
	uint64_t memory;	/* bytes */
	const char *name;	/* whose filter, for print() */
};

/* Loads and runs the script; NULL with @err (FILE:LINE: what) on error. */
struct lua_filter *lua_filter_open(const struct lua_filter_conf *c,
				   char *err, size_t errlen);

enum lua_verdict {
	LUA_PASS,
	LUA_DROP,
	LUA_REPLACE,		/* @json holds the record to pass instead */
	LUA_ERROR,		/* lua_filter_error() says what; pass unfiltered */
};

enum lua_verdict lua_filter_run(struct lua_filter *lf, const struct fields *f,
				struct buf *json);

/*
 * After LUA_ERROR: "FILE:LINE: what". *@first is true the first time an
 * error is met at that place, so each is reported once.
 */
const char *lua_filter_error(struct lua_filter *lf, bool *first);

void lua_filter_close(struct lua_filter *lf);

#endif
