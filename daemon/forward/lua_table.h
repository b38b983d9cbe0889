/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_LUA_TABLE_H
#define C2A_LUA_TABLE_H

#include <lua.h>

#include "buf.h"
#include "fields.h"

/* Nested tables deeper than this cannot be serialized. */
#define LUA_TABLE_DEPTH	16

/* Pushes the event's fields as a table. */
void lua_push_fields(lua_State *L, const struct fields *f);

/*
 * Serializes the table at @idx as JSON into @out, through render_json():
 * keys of @order first in its order, then the others sorted. -1 with @err
 * saying what could not be serialized.
 */
int lua_table_json(lua_State *L, int idx, const struct fields *order,
		   struct buf *out, char *err, size_t errlen);

#endif
