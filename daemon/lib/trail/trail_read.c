// SPDX-License-Identifier: GPL-2.0
/* Reading a trail file in order, checking its chain and structure. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "log.h"
#include "trail.h"
#include "trail_chain.h"

#define READ_BYTES	(256 * TRAIL_FRAME_MAX)	/* per read() at most */

struct trail_reader {
	int fd;
	char *path;
	struct trail_file_header hdr;
	struct trail_chain chain;
	bool verify;
	__u8 mac[TRAIL_MAC_LEN];	/* chain value after the last frame */
	uint64_t index;		/* index of the last frame taken */
	uint64_t off;		/* file offset of the next frame */
	__u8 *buf;		/* the file's bytes from buf_off on */
	uint64_t buf_off;
	size_t have;		/* bytes in buf */
	struct trail_frame frame;	/* the frame last taken, whole */
	bool resync;		/* it follows bytes skipped: its stored mac
				   starts the chain again */
	bool bad_copy;		/* its record's string copies do not add up */
	bool sealed;
	bool torn;		/* a partial frame at the end was reported */
	enum trail_end_state end;
	struct trail_tail tail;
	char damage[320];
};

static bool writer_holds(int fd)
{
	if (flock(fd, LOCK_SH | LOCK_NB))
		return errno == EWOULDBLOCK;
	flock(fd, LOCK_UN);
	return false;
}

/* NULL when the header can be read as this version's, else why not. */
static const char *header_check(const struct trail_file_header *h)
{
	if (memcmp(h->magic, TRAIL_MAGIC, sizeof(h->magic)))
		return "not a c2audit trail file";
	if (h->version != TRAIL_VERSION && h->version != TRAIL_VERSION_WORDS &&
	    h->version != TRAIL_VERSION_FIXED)
		return "trail format version unknown to these tools: install matching tools";
	if (h->header_size != TRAIL_HEADER_SIZE ||
	    h->frame_size != (h->version == TRAIL_VERSION_FIXED ?
			      TRAIL_FRAME_SIZE_V1 : TRAIL_FRAME_MAX))
		return "header or frame size not of this format version";
	if (h->abi_version != C2A_ABI_VERSION ||
	    h->record_size != C2A_RECORD_SIZE)
		return "records of another ABI version: install matching tools";
	return NULL;
}

/* The key and the header's chain value, for a reader that verifies. */
static const char *header_verify(struct trail_reader *r,
				 const struct trail_key *key)
{
	__u8 mac[TRAIL_MAC_LEN];

	if ((r->hdr.flags & TRAIL_HF_HMAC) && !key)
		return "its chain is keyed (HMAC): verifying it needs the key file";
	if (!(r->hdr.flags & TRAIL_HF_HMAC) && key)
		return "its chain is not keyed, but a key was given: it may have been rewritten without the key";
	if (key && memcmp(key->id, r->hdr.key_id, TRAIL_KEY_ID_LEN))
		return "written with another key than the one given";
	chain_header(&r->chain, &r->hdr, mac);
	if (memcmp(mac, r->hdr.mac, TRAIL_MAC_LEN))
		return "header: hash mismatch: the header was changed";
	return NULL;
}

static int reader_init(struct trail_reader *r, const struct trail_key *key,
		       unsigned int flags, char *err, size_t errlen)
{
	ssize_t n = pread(r->fd, &r->hdr, sizeof(r->hdr), 0);
	const char *bad;

	if (n < 0) {
		snprintf(err, errlen, "%s: %s", r->path, strerror(errno));
		return -1;
	}
	if (n < (ssize_t)sizeof(r->hdr))
		bad = n ? "shorter than a trail header: truncated, or not a trail file"
			: "empty: not a trail file";
	else
		bad = header_check(&r->hdr);
	if (!bad && (flags & TRAIL_VERIFY)) {
		r->verify = true;
		chain_init(&r->chain, r->hdr.flags & TRAIL_HF_HMAC ? key : NULL);
		bad = header_verify(r, key);
	}
	if (bad) {
		snprintf(err, errlen, "%s: %s", r->path, bad);
		return -1;
	}
	memcpy(r->mac, r->hdr.mac, TRAIL_MAC_LEN);
	memcpy(r->tail.mac, r->hdr.mac, TRAIL_MAC_LEN);
	r->off = r->buf_off = r->tail.size = TRAIL_HEADER_SIZE;
	return 0;
}

struct trail_reader *trail_open(const char *path, const struct trail_key *key,
				unsigned int flags, char *err, size_t errlen)
{
	struct trail_reader *r = calloc(1, sizeof(*r));

	if (!r || !(r->path = strdup(path)) ||
	    !(r->buf = malloc(READ_BYTES)))
		fatal("out of memory");
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		trail_close(r);
		return NULL;
	}
	if (reader_init(r, key, flags, err, errlen)) {
		trail_close(r);
		return NULL;
	}
	return r;
}

void trail_close(struct trail_reader *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	if (r->verify)
		chain_free(&r->chain);
	free(r->buf);
	free(r->path);
	free(r);
}

const struct trail_file_header *trail_header(const struct trail_reader *r)
{
	return &r->hdr;
}

const char *trail_damage(const struct trail_reader *r)
{
	return r->damage;
}

enum trail_end_state trail_end_state(const struct trail_reader *r)
{
	return r->end;
}

void trail_get_tail(const struct trail_reader *r, struct trail_tail *t)
{
	*t = r->tail;
}

const char *trail_end_problem(uint64_t seq, const struct trail_tail *t,
			      char *buf, size_t len)
{
	if (!t->sealed || t->seal_reason != TRAIL_SEAL_ROTATE)
		return NULL;
	snprintf(buf, len, "the trail ends at file %" PRIu64 ", but file %" PRIu64 " said another follows: newer files were deleted",
		 seq, seq);
	return buf;
}

bool trail_verifying(const struct trail_reader *r)
{
	return r->verify;
}

static enum trail_step damage(struct trail_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static enum trail_step damage(struct trail_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->damage, sizeof(r->damage), fmt, ap);
	va_end(ap);
	return TRAIL_DAMAGE;
}

/* At the end of what can be read now: a partial frame, or nothing. */
static enum trail_step at_end(struct trail_reader *r, size_t partial)
{
	bool open = writer_holds(r->fd);

	r->tail.size = r->off + partial;
	r->tail.partial = partial;
	if (partial && !open && !r->torn) {
		r->torn = true;
		return damage(r, "record %" PRIu64 ": the file ends %zu bytes into it: truncated",
			      r->index + 1, partial);
	}
	r->end = r->sealed ? TRAIL_SEALED : open ? TRAIL_OPEN : TRAIL_UNSEALED;
	return TRAIL_END;
}

/*
 * Points *@p at the file's bytes from r->off, at least @need of them (or
 * as many as the file has: *@avail says how many). Bytes appended since
 * the last call are read too. -1 with errno set on a read error.
 */
static int fill(struct trail_reader *r, size_t need, const __u8 **p,
		size_t *avail)
{
	size_t start = r->off - r->buf_off;

	if (r->have - start < need) {
		/* The bytes not taken yet go to the front, more after them. */
		memmove(r->buf, r->buf + start, r->have - start);
		r->have -= start;
		r->buf_off = r->off;
		start = 0;
		while (r->have < need) {
			ssize_t n = pread(r->fd, r->buf + r->have,
					  READ_BYTES - r->have,
					  r->buf_off + r->have);

			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				return -1;
			if (!n)
				break;
			r->have += n;
		}
	}
	*p = r->buf + start;
	*avail = r->have - start;
	return 0;
}

static enum trail_step read_error(struct trail_reader *r)
{
	int e = errno;

	snprintf(r->damage, sizeof(r->damage), "record %" PRIu64 ": %s",
		 r->index + 1, strerror(e));
	errno = e;
	return TRAIL_ERROR;
}

/*
 * The frame at @p (@avail bytes there) into r->frame: its length; 0 when
 * the file ends inside it; -1 when its head is damaged (version 2 on).
 * A record whose strings cannot be given back sets r->bad_copy.
 */
static long take_frame(struct trail_reader *r, const __u8 *p, size_t avail)
{
	size_t need;
	long len;

	if (r->hdr.version == TRAIL_VERSION_FIXED) {
		if (avail < sizeof(r->frame))
			return 0;
		memcpy(&r->frame, p, sizeof(r->frame));
		return sizeof(r->frame);
	}
	len = trail_frame_decode(p, avail, &r->frame, &need);
	r->bad_copy = len > 0 && r->hdr.version == TRAIL_VERSION &&
		      r->frame.kind == TRAIL_FRAME_RECORD &&
		      trail_body_uncopy(&r->frame.rec);
	return len;
}

/* A version 2 frame's head that can be trusted to start a frame. */
static bool head_plausible(const struct trail_reader *r, const __u8 *p,
			   size_t avail)
{
	struct trail_frame_head h;

	if (avail < sizeof(h))
		return false;
	memcpy(&h, p, sizeof(h));
	return (h.kind == TRAIL_FRAME_RECORD || h.kind == TRAIL_FRAME_SEAL) &&
	       h.index > r->index && trail_frame_head_len(&h);
}

/*
 * A frame head that is not one: its length is lost, and so is where the
 * next frame starts. The bytes up to the next plausible head are skipped
 * (8 at a time: every frame's length is a multiple of 8), and the chain
 * starts again from the frame found.
 */
static enum trail_step skip_damaged(struct trail_reader *r)
{
	uint64_t from = r->off;
	struct trail_frame_head h;
	const __u8 *p;
	size_t avail;

	do {
		r->off += 8;
		if (fill(r, r->hdr.frame_size, &p, &avail))
			return read_error(r);
	} while (avail >= TRAIL_FRAME_HEAD && !head_plausible(r, p, avail));
	r->resync = true;
	if (avail < TRAIL_FRAME_HEAD) {
		r->off += avail;
		r->tail.size = r->off;
		return damage(r, "record %" PRIu64 ": its frame's head is damaged: the %" PRIu64 " bytes from there to the end of the file cannot be read",
			      r->index + 1, r->off - from);
	}
	memcpy(&h, p, sizeof(h));
	return damage(r, "record %" PRIu64 ": its frame's head is damaged: %" PRIu64 " bytes skipped, up to record %llu (records %" PRIu64 "..%llu are lost)",
		      r->index + 1, r->off - from, (unsigned long long)h.index,
		      r->index + 1, (unsigned long long)h.index - 1);
}

/* "record N (cpu C id S)": which record a frame holds, for messages. */
static const char *frame_name(const struct trail_frame *f, uint64_t index,
			      char *out, size_t len)
{
	if (f->kind == TRAIL_FRAME_RECORD)
		snprintf(out, len, "record %" PRIu64 " (cpu %u id %llu)", index,
			 f->rec.hdr.cpu, (unsigned long long)f->rec.hdr.seq);
	else
		snprintf(out, len, "record %" PRIu64, index);
	return out;
}

/*
 * What is wrong with frame @f, which should be number r->index + 1; @raw
 * is it as stored, @flen bytes.
 */
static const char *frame_problem(struct trail_reader *r,
				 const struct trail_frame *f, const __u8 *raw,
				 size_t flen, char *why, size_t len)
{
	uint64_t want = r->index + 1;
	__u8 mac[TRAIL_MAC_LEN];

	if (f->index > want && !r->resync)
		snprintf(why, len, "records %" PRIu64 "..%" PRIu64 " before it are missing (deleted); it is record %llu",
			 want, (uint64_t)f->index - 1,
			 (unsigned long long)f->index);
	else if (f->index < want)
		snprintf(why, len, "out of order: it is record %llu, already passed (reordered or duplicated)",
			 (unsigned long long)f->index);
	else if (r->verify && !r->resync &&
		 (chain_frame(&r->chain, r->mac, raw, flen - TRAIL_MAC_LEN,
			      mac),
		  memcmp(mac, f->mac, TRAIL_MAC_LEN)))
		snprintf(why, len, "hash mismatch: it was changed (or one before it was replaced)");
	else if (r->sealed)
		snprintf(why, len, "after the seal: appended to a closed file");
	else if (r->bad_copy)
		snprintf(why, len, "a string repeats one that is not there");
	else if (f->kind != TRAIL_FRAME_RECORD && f->kind != TRAIL_FRAME_SEAL)
		snprintf(why, len, "unknown frame kind %u", f->kind);
	else if (f->kind == TRAIL_FRAME_SEAL && f->seal.frames != want - 1)
		snprintf(why, len, "the seal counts %llu records before it",
			 (unsigned long long)f->seal.frames);
	else if (f->kind == TRAIL_FRAME_SEAL &&
		 f->seal.reason != TRAIL_SEAL_ROTATE &&
		 f->seal.reason != TRAIL_SEAL_STOP)
		snprintf(why, len, "the seal gives an unknown reason %u",
			 f->seal.reason);
	else
		return NULL;
	return why;
}

enum trail_step trail_next(struct trail_reader *r,
			   const struct c2a_record **rec)
{
	for (;;) {
		const struct trail_frame *f = &r->frame;
		char why[200], name[80];
		const char *problem;
		size_t avail;
		const __u8 *p;
		long len;

		*rec = NULL;
		if (fill(r, r->hdr.frame_size, &p, &avail))
			return read_error(r);
		len = take_frame(r, p, avail);
		if (len < 0)
			return skip_damaged(r);
		if (!len)
			return at_end(r, avail);
		r->off += len;
		frame_name(f, r->index + 1, name, sizeof(name));
		problem = frame_problem(r, f, p, len, why, sizeof(why));
		r->resync = false;
		/* The chain goes on from the stored value: later damage shows on its own. */
		if (f->index > r->index)
			r->index = f->index;
		memcpy(r->mac, f->mac, TRAIL_MAC_LEN);
		r->tail.frames = f->index;
		r->tail.size = r->off;
		r->tail.partial = 0;
		memcpy(r->tail.mac, f->mac, TRAIL_MAC_LEN);
		if (f->kind == TRAIL_FRAME_SEAL) {
			r->sealed = r->tail.sealed = true;
			r->tail.seal_reason = f->seal.reason;
			r->tail.seal_time_ns = f->seal.time_ns;
		}
		if (problem) {
			*rec = f->kind == TRAIL_FRAME_RECORD && !r->bad_copy ?
			       &f->rec : NULL;
			return damage(r, "%s: %s", name, problem);
		}
		if (f->kind == TRAIL_FRAME_RECORD) {
			*rec = &f->rec;
			return TRAIL_RECORD;
		}
	}
}
