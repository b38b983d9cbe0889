/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_DETECT_INT_H
#define C2A_DETECT_INT_H

/* The detector's parts, shared by its files only (detect.h is the API). */

#include "detect.h"

#define NS_PER_MS	1000000ULL

uint64_t det_hash(const char *s, size_t n);

/*
 * A sliding window of DET_BUCKETS buckets: a count over the last width,
 * to within one bucket. Times may go back a little (records of other
 * CPUs): such an event counts in the current bucket.
 */
#define DET_BUCKETS	8

struct det_window {
	uint64_t start;			/* of the current bucket, ns */
	uint32_t n[DET_BUCKETS];
	uint32_t total;
	uint8_t cur;
};

void det_window_add(struct det_window *w, uint64_t width, uint64_t now,
		    uint32_t k);
uint32_t det_window_count(struct det_window *w, uint64_t width, uint64_t now);

/* A file a process opened, on its way through a sequence. */
enum det_track_state { DET_FREE, DET_OPENED, DET_CREATED };

struct det_track {
	uint64_t x, x_dir;		/* the original */
	uint64_t y;			/* its copy, once created */
	uint64_t opened;		/* ns */
	uint8_t state;
};

#define DET_TRACKS	8

struct det_seq {
	struct det_track t[DET_TRACKS];
};

struct det_seqconf {
	uint64_t window;		/* ns */
	uint32_t patterns;
	enum det_relation relation;
};

void det_seq_open(struct det_seq *s, const struct det_event *e);
void det_seq_create(struct det_seq *s, const struct det_seqconf *c,
		    const struct det_event *e);
/* Delete or rename: the name of the sequence it completes, or NULL. */
const char *det_seq_delete(struct det_seq *s, const struct det_seqconf *c,
			   const struct det_event *e);
const char *det_seq_rename(struct det_seq *s, const struct det_seqconf *c,
			   const struct det_event *e);

/* A process's state. */
struct det_proc {
	uint32_t tgid;
	int32_t hnext;			/* hash chain */
	int32_t prev, next;		/* LRU list, most recent first */
	uint64_t seen;			/* latest event time, ns */
	uint64_t exe;
	uint64_t last_enc;		/* ns, 0: never */
	bool major;
	struct det_window rate[DET_NTYPES];
	struct det_window matches;
	struct det_seq seq;
	char exe_name[DET_EXE_MAX];
};

/* A fixed pool of processes, found by tgid, least recently seen evicted. */
struct det_procs {
	struct det_proc *pool;
	int32_t *heads;			/* hash buckets */
	uint32_t mask;
	uint32_t cap, used;
	int32_t free;			/* list through hnext */
	int32_t lru, lru_tail;
	uint64_t evicted, expired;
};

int det_procs_init(struct det_procs *t, uint32_t cap);
void det_procs_free(struct det_procs *t);
/* The process's state, made fresh if it had none; never NULL. */
struct det_proc *det_procs_get(struct det_procs *t, uint32_t tgid,
			       uint64_t now);
/* Drops the state of processes idle since before @cutoff. */
void det_procs_expire(struct det_procs *t, uint64_t cutoff);
void det_proc_reset(struct det_proc *p);

/*
 * Events held until they can be judged in time order: a min-heap of
 * their keys, which name the slots holding them.
 */
struct det_key {
	uint64_t time_ns;
	uint64_t seq;
	uint32_t cpu;
	uint32_t slot;
};

struct det_order {
	struct det_event *slots;
	struct det_key *heap;		/* oldest event first */
	uint32_t *spare;		/* free slot numbers */
	uint32_t n, nspare, cap;
	uint64_t newest;		/* latest time seen */
};

int det_order_init(struct det_order *o, uint32_t cap);
void det_order_free(struct det_order *o);
/*
 * Room for the next event, filled in place, then committed (or left for
 * the next one); NULL when full: then drop the oldest first.
 */
struct det_event *det_order_reserve(struct det_order *o);
void det_order_commit(struct det_order *o);
/* The oldest event if it is at or before @upto; valid until dropped. */
const struct det_event *det_order_peek(const struct det_order *o,
				       uint64_t upto);
void det_order_drop(struct det_order *o);

#endif
