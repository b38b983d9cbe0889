/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_RENDER_H
#define C2A_RENDER_H

#include <stddef.h>

#include "buf.h"
#include "fields.h"

void render_text(const struct fields *f, struct buf *out);
void render_json(const struct fields *f, struct buf *out);
/* "key":"value", and "key_hex":"..." when the value is not valid UTF-8. */
void render_json_pair(struct buf *out, const char *key, const char *v,
		      size_t n);
void render_text_value(struct buf *out, const char *v, size_t n);
size_t utf8_valid_len(const unsigned char *p, size_t n);

#endif
