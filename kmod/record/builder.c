// SPDX-License-Identifier: GPL-2.0
/*
 * An event's strings: each one's first bytes inline in the head record's
 * text, the rest remembered for continuation records at commit. The
 * buffers a capture fills (paths, names), PATH_MAX each, are its own
 * first, then from one cache, and live until the event is committed or
 * dropped.
 */
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "capture.h"

static struct kmem_cache *c2a_buf_cache;

/*
 * A constructor makes the slab skip init_on_alloc's zeroing (Debian's
 * default), 4 KiB per buffer and several buffers per event. Nothing reads
 * a buffer past what was written into it: every string is kept with its
 * length, and the record takes only those bytes.
 */
static void c2a_buf_ctor(void *buf)
{
	*(char *)buf = '\0';
}

int c2a_builder_init(void)
{
	/* Strings are copied in from user memory: whitelist for usercopy. */
	c2a_buf_cache = kmem_cache_create_usercopy("c2a_strbuf", PATH_MAX, 0, 0,
						   0, PATH_MAX, c2a_buf_ctor);
	return c2a_buf_cache ? 0 : -ENOMEM;
}

void c2a_builder_exit(void)
{
	kmem_cache_destroy(c2a_buf_cache);
}

/* A PATH_MAX buffer, to be given back with c2a_strbuf_free(). */
char *c2a_strbuf_alloc(gfp_t gfp)
{
	return kmem_cache_alloc(c2a_buf_cache, gfp);
}

void c2a_strbuf_free(char *buf)
{
	if (buf)
		kmem_cache_free(c2a_buf_cache, buf);
}

char *c2a_builder_buf(struct c2a_builder *b)
{
	char *buf;

	if (b->own && b->nown < C2A_CAPTURE_BUFS)
		return b->own[b->nown++];
	if (b->nbufs == C2A_BUILDER_BUFS)
		return NULL;
	buf = c2a_strbuf_alloc(GFP_KERNEL);
	if (buf)
		b->bufs[b->nbufs++] = buf;
	return buf;
}

void c2a_builder_release(struct c2a_builder *b)
{
	while (b->nbufs)
		c2a_strbuf_free(b->bufs[--b->nbufs]);
}

/*
 * Adds a string to the event. @s must stay valid until the commit: it is
 * a builder buffer, or memory the capture holds a reference on.
 */
void c2a_builder_add(struct c2a_builder *b, u8 type, const char *s, u32 len,
		     u8 flags)
{
	struct c2a_strref *ref = &b->rec->ev.str[b->nstr];
	struct c2a_spill *sp = &b->spill[b->nspill];
	u32 inl;

	if (WARN_ON_ONCE(b->nstr == C2A_STR_SLOTS))
		return;
	b->nstr++;
	if (type < ARRAY_SIZE(b->strs))
		b->strs[type] = s;
	inl = min(len, (u32)C2A_EVENT_TEXT - b->text_used);
	memcpy(b->rec->ev.text + b->text_used, s, inl);
	b->text_used += inl;
	ref->type = type;
	ref->flags = flags;
	ref->inl = inl;
	ref->len = len;
	if (flags & C2A_STRF_TRUNC)
		b->rec->hdr.flags |= C2A_RF_TRUNC;
	if (inl == len)
		return;
	sp->data = s + inl;
	sp->offset = inl;
	sp->len = len - inl;
	sp->type = type;
	b->nspill++;
	b->nparts += DIV_ROUND_UP(len - inl, C2A_CONT_DATA);
}

void c2a_builder_add_cstr(struct c2a_builder *b, u8 type, const char *s)
{
	c2a_builder_add(b, type, s, strlen(s), 0);
}
