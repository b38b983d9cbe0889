// SPDX-License-Identifier: GPL-2.0
/*
 * Following a log directory: file after file in order, each from its
 * header to its seal, checking as trail_next() does, and waiting at the
 * end of the file being written.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "trail_follow.h"

/* Inside: no step to return, read on. */
#define FOLLOW_ON	((enum follow_step)-1)

struct trail_follower {
	char *dir;
	const struct trail_key *key;
	bool verify;
	struct trail_reader *r;
	char *path;		/* of r */
	uint64_t seq;		/* the file read, or to open next; 0: the oldest */
	uint64_t skip;		/* its frames taken before (a restart) */
	bool skip_mac;		/* ... and the chain value after them */
	uint8_t skip_mac_v[TRAIL_MAC_LEN];
	bool ended_once;	/* it seemed to end unsealed: read once more */
	bool said_keyed;
	bool said_short;
	uint64_t damaged;	/* frames of this file that failed */
	bool have_prev;		/* the file before it was read to its end here */
	uint64_t prev_seq;
	struct trail_tail prev_tail;
	struct trail_pos pos;
	struct trail_seal_info seal;
	char note[1024];
};

static enum follow_step say(struct trail_follower *f, enum follow_step step,
			    const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum follow_step say(struct trail_follower *f, enum follow_step step,
			    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->note, sizeof(f->note), fmt, ap);
	va_end(ap);
	return step;
}

struct trail_follower *trail_follow_open(const char *dir,
					 const struct trail_key *key,
					 bool verify,
					 const struct trail_pos *from)
{
	struct trail_follower *f = calloc(1, sizeof(*f));

	if (!f || !(f->dir = strdup(dir)))
		fatal("out of memory");
	f->key = key;
	f->verify = verify;
	if (from && from->seq) {
		f->pos = *from;
		f->seq = from->done ? from->seq + 1 : from->seq;
		f->skip = from->done ? 0 : from->index;
		f->skip_mac = !from->done && from->has_mac && from->index;
		memcpy(f->skip_mac_v, from->mac, TRAIL_MAC_LEN);
	}
	return f;
}

static void close_file(struct trail_follower *f)
{
	trail_close(f->r);
	free(f->path);
	f->r = NULL;
	f->path = NULL;
}

void trail_follow_close(struct trail_follower *f)
{
	if (!f)
		return;
	close_file(f);
	free(f->dir);
	free(f);
}

const char *trail_follow_note(const struct trail_follower *f)
{
	return f->note;
}

const struct trail_seal_info *trail_follow_seal(const struct trail_follower *f)
{
	return &f->seal;
}

void trail_follow_pos(const struct trail_follower *f, struct trail_pos *pos)
{
	*pos = f->pos;
}

/* The oldest file of the directory numbered above @after (0: none). */
static uint64_t next_existing(const struct trail_follower *f, uint64_t after,
			      char *err, size_t errlen)
{
	struct trail_files files;
	uint64_t seq = 0;

	if (trail_list(f->dir, &files, err, errlen))
		return 0;
	for (size_t i = 0; i < files.n && !seq; i++)
		if (files.f[i].seq > after)
			seq = files.f[i].seq;
	trail_files_free(&files);
	return seq;
}

/* File f->seq is not there: wait for it, or go on to the next there is. */
static enum follow_step file_missing(struct trail_follower *f)
{
	char err[512] = "";
	uint64_t next = next_existing(f, f->seq, err, sizeof(err));
	uint64_t from = f->seq;

	if (*err)
		return say(f, FOLLOW_ERROR, "%s", err);
	if (!next)
		return FOLLOW_WAIT;
	f->seq = next;
	f->skip = 0;
	f->skip_mac = false;
	f->have_prev = false;
	if (!from)	/* the first file of a start from the oldest */
		return FOLLOW_ON;
	f->pos = (struct trail_pos){ .seq = next - 1, .done = true };
	return say(f, FOLLOW_NOTE,
		   "%s: trail files %" PRIu64 "..%" PRIu64 " are gone before they were read (removed by num_logs, or deleted); going on with file %" PRIu64,
		   f->dir, from, next - 1, next);
}

/* Does the header of the file just opened go on from the one read before? */
static enum follow_step check_link(struct trail_follower *f)
{
	const struct trail_file_header *h = trail_header(f->r);

	if (h->file_seq != f->seq)
		return say(f, FOLLOW_DAMAGE, "%s: its header says it is file %llu: renamed or replaced",
			   f->path, (unsigned long long)h->file_seq);
	if (!f->have_prev || !trail_verifying(f->r) ||
	    !(h->flags & TRAIL_HF_PREV))
		return FOLLOW_ON;
	if (h->prev_seq == f->prev_seq &&
	    h->prev_frames == f->prev_tail.frames &&
	    !memcmp(h->prev_mac, f->prev_tail.mac, TRAIL_MAC_LEN))
		return FOLLOW_ON;
	return say(f, FOLLOW_DAMAGE, "%s: it continues file %llu after frame %llu, but that file ended after frame %llu as it was read: changed since",
		   f->path, (unsigned long long)h->prev_seq,
		   (unsigned long long)h->prev_frames,
		   (unsigned long long)f->prev_tail.frames);
}

/*
 * Opens file f->seq: -1 when it is open and nothing needs saying, else
 * what to return (a note about it, or a wait for it).
 */
static enum follow_step open_file(struct trail_follower *f)
{
	char why[512] = "", err[512];
	enum follow_step step;
	struct stat st;

	if (!f->seq && (step = file_missing(f)) != FOLLOW_ON)
		return step;
	f->path = trail_file_path(f->dir, f->seq);
	if (!f->path)
		fatal("out of memory");
	if (f->verify)
		f->r = trail_open(f->path, f->key, TRAIL_VERIFY, why,
				  sizeof(why));
	/*
	 * Not there yet (its writer is about to make it): wait, rather than
	 * try again unchecked and find it made in between.
	 */
	if (!f->r && f->verify && stat(f->path, &st) && errno == ENOENT) {
		close_file(f);
		return file_missing(f);
	}
	/*
	 * There now: made between the open and the look (its writer links
	 * it in whole), so checked like any other; what fails twice is read
	 * unchecked.
	 */
	if (!f->r && f->verify) {
		why[0] = '\0';
		f->r = trail_open(f->path, f->key, TRAIL_VERIFY, why,
				  sizeof(why));
	}
	if (!f->r)
		f->r = trail_open(f->path, NULL, 0, err, sizeof(err));
	if (!f->r) {
		int missing = stat(f->path, &st) && errno == ENOENT;

		close_file(f);
		return missing ? file_missing(f) : say(f, FOLLOW_ERROR, "%s", err);
	}
	f->damaged = 0;
	f->said_short = false;
	f->ended_once = false;
	step = check_link(f);
	if (step != FOLLOW_ON || !*why)
		return step;
	if ((trail_header(f->r)->flags & TRAIL_HF_HMAC) && !f->key) {
		if (f->said_keyed)
			return step;
		f->said_keyed = true;
		return say(f, FOLLOW_NOTE, "%s: the chain is keyed and this reader has no key: the files' order, counts, seals and ends are checked, their hashes only by `c2audit verify` with the key",
			   f->path);
	}
	return say(f, FOLLOW_DAMAGE, "%s; its records are read unchecked", why);
}

/* The file is read to its end, sealed or not: on to the next one. */
static void finish_file(struct trail_follower *f, const struct trail_tail *t)
{
	f->have_prev = true;
	f->prev_seq = f->seq;
	f->prev_tail = *t;
	f->pos = (struct trail_pos){ .seq = f->seq, .index = t->frames,
				     .done = true, .has_mac = true };
	memcpy(f->pos.mac, t->mac, TRAIL_MAC_LEN);
	close_file(f);
	f->seq++;
	f->skip = 0;
	f->skip_mac = false;
}

static void fill_seal(struct trail_follower *f, const struct trail_tail *t)
{
	const struct trail_file_header *h = trail_header(f->r);
	const char *base = strrchr(f->path, '/');
	struct trail_seal_info *s = &f->seal;

	memset(s, 0, sizeof(*s));
	snprintf(s->file, sizeof(s->file), "%s", base ? base + 1 : f->path);
	s->seq = f->seq;
	s->records = t->frames ? t->frames - 1 : 0;
	s->time_ns = t->seal_time_ns;
	s->reason = t->seal_reason;
	s->keyed = h->flags & TRAIL_HF_HMAC;
	s->checked = trail_verifying(f->r);
	s->damaged = f->damaged;
	memcpy(s->key_id, h->key_id, TRAIL_KEY_ID_LEN);
	memcpy(s->mac, t->mac, TRAIL_MAC_LEN);
	memcpy(s->boot_id, h->boot_id, sizeof(s->boot_id));
	memcpy(s->host, h->host, sizeof(h->host));
	s->created_ns = h->created_ns;
}

/* At the end of what the file holds now. */
static enum follow_step at_end(struct trail_follower *f)
{
	struct trail_tail t;
	bool newer;

	trail_get_tail(f->r, &t);
	if (t.frames < f->skip && !f->said_short) {
		f->said_short = true;
		return say(f, FOLLOW_DAMAGE, "%s: it ends after frame %llu, but this reader had read it to frame %llu: cut short or replaced",
			   f->path, (unsigned long long)t.frames,
			   (unsigned long long)f->skip);
	}
	switch (trail_end_state(f->r)) {
	case TRAIL_OPEN:
		f->ended_once = false;
		return FOLLOW_WAIT;
	case TRAIL_SEALED:
		newer = t.frames > f->skip;
		if (newer)
			fill_seal(f, &t);
		finish_file(f, &t);
		return newer ? FOLLOW_SEAL : FOLLOW_ON;
	case TRAIL_UNSEALED:
		break;
	}
	/*
	 * Its writer may have appended, sealed and let go of it between our
	 * last read and our look at its lock: read once more first.
	 */
	if (!f->ended_once) {
		f->ended_once = true;
		return FOLLOW_ON;
	}
	if (trail_newest(f->dir) <= f->seq)
		return FOLLOW_WAIT;	/* its writer died; not restarted yet */
	finish_file(f, &t);
	return say(f, FOLLOW_NOTE, "%s/" TRAIL_NAME_PREFIX "%08" PRIu64 TRAIL_NAME_SUFFIX ": it ends after frame %llu without a seal (its writer stopped without closing it: a crash or a full disk); the next file goes on",
		   f->dir, f->seq - 1, (unsigned long long)t.frames);
}

/* A frame taken: the position moves past it unless it was taken before. */
static bool take(struct trail_follower *f)
{
	struct trail_tail t;

	trail_get_tail(f->r, &t);
	f->ended_once = false;
	if (t.frames <= f->skip)
		return false;
	f->pos = (struct trail_pos){ .seq = f->seq, .index = t.frames,
				     .has_mac = true };
	memcpy(f->pos.mac, t.mac, TRAIL_MAC_LEN);
	return true;
}

/* At the frame a restart goes on after: is it the one read before? */
static bool skip_changed(struct trail_follower *f)
{
	struct trail_tail t;

	trail_get_tail(f->r, &t);
	if (!f->skip_mac || t.frames != f->skip)
		return false;
	f->skip_mac = false;
	return memcmp(t.mac, f->skip_mac_v, TRAIL_MAC_LEN);
}

enum follow_step trail_follow_next(struct trail_follower *f,
				   const struct c2a_record **rec)
{
	enum follow_step step;

	for (;;) {
		*rec = NULL;
		if (!f->r && (step = open_file(f)) != FOLLOW_ON)
			return step;
		if (!f->r)
			continue;
		switch (trail_next(f->r, rec)) {
		case TRAIL_RECORD:
			if (take(f))
				return FOLLOW_RECORD;
			*rec = NULL;
			if (skip_changed(f))
				return say(f, FOLLOW_DAMAGE, "%s: frame %llu is not the one read before the restart (another chain value): the file was changed or replaced",
					   f->path, (unsigned long long)f->skip);
			continue;
		case TRAIL_DAMAGE:
			f->damaged++;
			if (!take(f))
				*rec = NULL;
			return say(f, FOLLOW_DAMAGE, "%s: %s", f->path,
				   trail_damage(f->r));
		case TRAIL_ERROR:
			say(f, FOLLOW_ERROR, "%s: %s", f->path,
			    trail_damage(f->r));
			/* opened again at the position, later */
			f->skip = f->pos.seq == f->seq ? f->pos.index : 0;
			f->skip_mac = false;
			close_file(f);
			return FOLLOW_ERROR;
		case TRAIL_END:
			step = at_end(f);
			if (step != FOLLOW_ON)
				return step;
			continue;
		}
	}
}
