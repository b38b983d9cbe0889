// SPDX-License-Identifier: GPL-2.0
/*
 * Version 2 frames: a body's nonzero words and a mask of where they go
 * (trail.h). Decoding trusts nothing in the head: the length must be
 * exactly what the mask says, so a damaged head is told from a frame.
 */
#include <string.h>

#include "trail.h"

size_t trail_frame_encode(const void *body, __u64 index, __u32 kind,
			  __u8 *out)
{
	struct trail_frame_head h = { .kind = kind, .index = index };
	size_t len = TRAIL_FRAME_HEAD;
	__u64 w;

	for (unsigned int i = 0; i < TRAIL_BODY_WORDS; i++) {
		memcpy(&w, (const __u8 *)body + 8 * i, 8);
		if (!w)
			continue;
		h.words |= 1ULL << i;
		memcpy(out + len, &w, 8);
		len += 8;
	}
	len += TRAIL_MAC_LEN;
	h.len = len;
	memcpy(out, &h, sizeof(h));
	return len;
}

size_t trail_frame_head_len(const struct trail_frame_head *h)
{
	size_t len = TRAIL_FRAME_MIN +
		     8 * (size_t)__builtin_popcountll(h->words);

	return h->len == len ? len : 0;
}

long trail_frame_decode(const __u8 *p, size_t avail, struct trail_frame *f,
			size_t *need)
{
	__u8 *body = (__u8 *)&f->rec;
	struct trail_frame_head h;
	size_t len, at = TRAIL_FRAME_HEAD;

	*need = TRAIL_FRAME_HEAD;
	if (avail < TRAIL_FRAME_HEAD)
		return 0;
	memcpy(&h, p, sizeof(h));
	len = trail_frame_head_len(&h);
	if (!len)
		return -1;
	*need = len;
	if (avail < len)
		return 0;
	memset(f, 0, sizeof(*f));
	for (unsigned int i = 0; i < TRAIL_BODY_WORDS; i++) {
		if (!(h.words & (1ULL << i)))
			continue;
		memcpy(body + 8 * i, p + at, 8);
		at += 8;
	}
	f->index = h.index;
	f->kind = h.kind;
	memcpy(f->mac, p + at, TRAIL_MAC_LEN);
	return len;
}
