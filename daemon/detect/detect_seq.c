// SPDX-License-Identifier: GPL-2.0
/*
 * The sequences of one process (detect.h): which files it opened, which
 * of them it made a copy of, and whether the original then went.
 */
#include <string.h>

#include "detect_int.h"

static bool fresh(const struct det_track *t, const struct det_seqconf *c,
		  uint64_t now)
{
	return now < t->opened || now - t->opened <= c->window;
}

static struct det_track *find_x(struct det_seq *s, uint64_t x)
{
	for (int i = 0; i < DET_TRACKS; i++)
		if (s->t[i].state != DET_FREE && s->t[i].x == x)
			return &s->t[i];
	return NULL;
}

/* A free slot, else the one opened longest ago. */
static struct det_track *take_slot(struct det_seq *s)
{
	struct det_track *old = &s->t[0];

	for (int i = 0; i < DET_TRACKS; i++) {
		if (s->t[i].state == DET_FREE)
			return &s->t[i];
		if (s->t[i].opened < old->opened)
			old = &s->t[i];
	}
	return old;
}

void det_seq_open(struct det_seq *s, const struct det_event *e)
{
	struct det_track *t = find_x(s, e->obj);

	if (!t) {
		t = take_slot(s);
		*t = (struct det_track){
			.x = e->obj, .x_dir = e->obj_dir, .state = DET_OPENED,
		};
	}
	t->opened = e->time_ns;
}

static bool related(const struct det_track *t, const struct det_seqconf *c,
		    const struct det_event *y)
{
	switch (c->relation) {
	case DET_REL_NAME:
		return y->obj_stem == t->x;
	case DET_REL_ANY:
		return true;
	default:
		return y->obj_dir == t->x_dir;
	}
}

/* The copy belongs to the latest original it may be a copy of. */
void det_seq_create(struct det_seq *s, const struct det_seqconf *c,
		    const struct det_event *e)
{
	struct det_track *best = NULL;

	for (int i = 0; i < DET_TRACKS; i++) {
		struct det_track *t = &s->t[i];

		if (t->state != DET_OPENED || t->x == e->obj ||
		    !fresh(t, c, e->time_ns) || !related(t, c, e))
			continue;
		if (!best || t->opened > best->opened)
			best = t;
	}
	if (!best)
		return;
	best->y = e->obj;
	best->state = DET_CREATED;
}

static const char *matched(struct det_track *t, const struct det_seqconf *c,
			   uint64_t now, uint32_t pattern, const char *name)
{
	bool ok = (c->patterns & pattern) && fresh(t, c, now);

	t->state = DET_FREE;
	return ok ? name : NULL;
}

/* A copy that goes again was a temporary: its original waits for another. */
static void copy_gone(struct det_seq *s, uint64_t y)
{
	for (int i = 0; i < DET_TRACKS; i++)
		if (s->t[i].state == DET_CREATED && s->t[i].y == y)
			s->t[i].state = DET_OPENED;
}

const char *det_seq_delete(struct det_seq *s, const struct det_seqconf *c,
			   const struct det_event *e)
{
	struct det_track *t = find_x(s, e->obj);

	copy_gone(s, e->obj);
	if (!t)
		return NULL;
	if (t->state != DET_CREATED) {
		t->state = DET_FREE;
		return NULL;
	}
	return matched(t, c, e->time_ns, DET_PAT_COPY_DELETE, "copy-delete");
}

/* The copy under a new name is still the copy. */
static void copy_moved(struct det_seq *s, uint64_t from, uint64_t to)
{
	for (int i = 0; i < DET_TRACKS; i++)
		if (s->t[i].state == DET_CREATED && s->t[i].y == from)
			s->t[i].y = to;
}

const char *det_seq_rename(struct det_seq *s, const struct det_seqconf *c,
			   const struct det_event *e)
{
	struct det_track *t = find_x(s, e->obj2);

	if (t && t->state == DET_CREATED && t->y == e->obj)
		return matched(t, c, e->time_ns, DET_PAT_RENAME_OVER,
			       "rename-over");
	/* Something else replaced the original: its track ends. */
	if (t)
		t->state = DET_FREE;
	t = find_x(s, e->obj);
	if (t && t->state == DET_CREATED)
		return matched(t, c, e->time_ns, DET_PAT_RENAME_AWAY,
			       "rename-away");
	/* The original under a new name: follow it. */
	if (t)
		t->x = e->obj2;
	copy_moved(s, e->obj, e->obj2);
	return NULL;
}
