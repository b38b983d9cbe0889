/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_BUF_H
#define C2A_BUF_H

#include <stddef.h>

/* A growable byte buffer; aborts the program when memory runs out. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_reset(struct buf *b);
void buf_free(struct buf *b);
void buf_add(struct buf *b, const void *p, size_t n);
/* Makes room for @n more bytes at the end and returns where they go. */
void *buf_extend(struct buf *b, size_t n);

static inline void buf_addc(struct buf *b, char c)
{
	if (b->len + 1 < b->cap)
		b->data[b->len++] = c;
	else
		buf_add(b, &c, 1);
}

void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *b);

#endif
