// SPDX-License-Identifier: GPL-2.0
/*
 * Version 2 and 3 frames: a body's nonzero words and a mask of where they
 * go (trail.h); version 3 first drops the text of a string that repeats
 * another. Decoding trusts nothing in the head: the length must be
 * exactly what the mask says, so a damaged head is told from a frame;
 * nor in the body: a copy must name an earlier string of its length.
 */
#include <stdbool.h>
#include <string.h>

#include "trail.h"

/*
 * The slot before @k whose string is @k's, both whole inline and not
 * copies themselves, or -1.
 */
static int copy_source(const struct c2a_record *rec, const unsigned int *off,
		       const int *from, unsigned int k)
{
	const struct c2a_strref *s = &rec->ev.str[k];

	if (!s->len || s->inl != s->len)
		return -1;
	for (unsigned int j = 0; j < k; j++) {
		const struct c2a_strref *t = &rec->ev.str[j];

		if (from[j] < 0 && t->inl == s->len && t->len == s->len &&
		    !memcmp(rec->ev.text + off[j], rec->ev.text + off[k],
			    s->len))
			return (int)j;
	}
	return -1;
}

static bool all_zero(const void *p, size_t n)
{
	static const __u8 zero[C2A_EVENT_TEXT];

	return !memcmp(p, zero, n);
}

/*
 * Version 3: a syscall record's string that repeats an earlier one whole
 * (a name as given that is the path as resolved, the common case) keeps
 * no bytes in the text: its flags get TRAIL_STRF_COPY and its inl the
 * slot it repeats. False when there is none, or the record is not one
 * whose text can be given back exactly (then it is stored as it is).
 */
static bool body_copy(const struct c2a_record *rec, struct c2a_record *out)
{
	unsigned int off[C2A_STR_SLOTS], at = 0, to = 0, n, i;
	int from[C2A_STR_SLOTS];
	bool copies = false;

	if (rec->hdr.type != C2A_REC_SYSCALL)
		return false;
	for (n = 0; n < C2A_STR_SLOTS && rec->ev.str[n].type; n++) {
		const struct c2a_strref *s = &rec->ev.str[n];

		if (s->inl > s->len || s->inl > C2A_EVENT_TEXT - at ||
		    (s->flags & TRAIL_STRF_COPY))
			return false;
		off[n] = at;
		from[n] = copy_source(rec, off, from, n);
		copies |= from[n] >= 0;
		at += s->inl;
	}
	/* What follows the strings is zero, or it could not be given back. */
	if (!copies || !all_zero(rec->ev.text + at, C2A_EVENT_TEXT - at))
		return false;
	*out = *rec;
	for (i = 0; i < n; i++) {
		struct c2a_strref *s = &out->ev.str[i];

		if (from[i] >= 0) {
			s->flags |= TRAIL_STRF_COPY;
			s->inl = (__u16)from[i];
			continue;
		}
		memmove(out->ev.text + to, out->ev.text + off[i], s->inl);
		to += s->inl;
	}
	memset(out->ev.text + to, 0, C2A_EVENT_TEXT - to);
	return true;
}

int trail_body_uncopy(struct c2a_record *rec)
{
	char text[C2A_EVENT_TEXT];
	unsigned int off[C2A_STR_SLOTS], at = 0, to = 0, i;
	bool copied = false;

	if (rec->hdr.type != C2A_REC_SYSCALL)
		return 0;
	for (i = 0; i < C2A_STR_SLOTS && rec->ev.str[i].type; i++) {
		struct c2a_strref *s = &rec->ev.str[i];
		const struct c2a_strref *t;

		off[i] = to;
		if (!(s->flags & TRAIL_STRF_COPY)) {
			/* to >= at: a copy adds to one, not the other */
			if (s->inl > C2A_EVENT_TEXT - to)
				return -1;
			memcpy(text + to, rec->ev.text + at, s->inl);
			at += s->inl;
			to += s->inl;
			continue;
		}
		if (s->inl >= i)
			return -1;
		t = &rec->ev.str[s->inl];
		if (!s->len || t->inl != t->len || t->len != s->len ||
		    s->len > C2A_EVENT_TEXT - to)
			return -1;
		memcpy(text + to, text + off[s->inl], s->len);
		to += s->len;
		s->inl = (__u16)s->len;
		s->flags &= ~TRAIL_STRF_COPY;
		copied = true;
	}
	if (!copied)
		return 0;
	if (!all_zero(rec->ev.text + at, C2A_EVENT_TEXT - at))
		return -1;
	memset(text + to, 0, C2A_EVENT_TEXT - to);
	memcpy(rec->ev.text, text, C2A_EVENT_TEXT);
	return 0;
}

size_t trail_frame_encode(const void *body, __u64 index, __u32 kind,
			  __u8 *out)
{
	struct trail_frame_head h = { .kind = kind, .index = index };
	size_t len = TRAIL_FRAME_HEAD;
	struct c2a_record copy;
	__u64 w;

	if (kind == TRAIL_FRAME_RECORD && body_copy(body, &copy))
		body = &copy;

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
