/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_RENDER_H
#define C2A_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "fields.h"

void render_text(const struct fields *f, struct buf *out);
void render_json(const struct fields *f, struct buf *out);
/* The values alone, as a JSON array (no _hex companions: no keys). */
void render_json_array(const struct fields *f, struct buf *out);
/* "key":"value", and "key_hex":"..." when the value is not valid UTF-8. */
void render_json_pair(struct buf *out, const char *key, const char *v,
		      size_t n);
void render_text_value(struct buf *out, const char *v, size_t n);

enum escape_style { ESC_TEXT, ESC_JSON };
/*
 * @v between double quotes: '"', '\\', newline and tab by their C escapes,
 * other control bytes as \xNN (text) or \u00NN (JSON), valid UTF-8 as it
 * is, and a byte that is not valid UTF-8 as \xNN (text: every byte can be
 * recovered) or U+FFFD (JSON, which cannot carry it). False when a byte
 * was replaced.
 */
bool render_quoted(struct buf *out, const char *v, size_t n,
		   enum escape_style style);
size_t utf8_valid_len(const unsigned char *p, size_t n);

#endif
