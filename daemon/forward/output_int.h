/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_OUTPUT_INT_H
#define C2A_OUTPUT_INT_H

/* Inside the outputs: what the set, the worker and each type share. */

#include <pthread.h>
#include <stdbool.h>

#include "buf.h"
#include "fields.h"
#include "lua_filter.h"
#include "outputs.h"
#include "record.h"
#include "trail_follow.h"

struct outputs;

/*
 * Records copied once per outputs_submit(), shared by every output's
 * queue; kept for the next copy when the last reference goes.
 */
struct obatch {
	unsigned int refs;	/* atomic */
	size_t n, cap;
	struct outputs *set;
	struct obatch *next;	/* in the set's pool */
	struct c2a_record recs[];
};

struct qent {
	struct obatch *b;	/* NULL: a seal */
	uint64_t events;	/* heads among its records */
	struct trail_seal_info *seal;	/* the output's own copy */
};

/* One message for an output's type: an event's, or a seal's. */
struct output_msg {
	const struct buf *body;	/* the JSON object */
	uint64_t time_ns;	/* the event's (the seal's) time */
	const char *type;	/* "syscall", ... "seal": RFC 5424's MSGID */
	bool warning;		/* loss markers: severity warning */
	const char *id;		/* unique: the record's CPU-SEQ-NS, or the seal's */
};

struct output;

/*
 * What a type does. open() and close() run in the thread that starts and
 * stops the set; the others in the output's worker thread.
 */
/* A thread's scheduler statistics, as last read. */
struct sched_sample {
	unsigned long long run_ns, wait_ns;
};

struct output_ops {
	int (*open)(struct output *o, char *err, size_t errlen);
	/* One event's (a seal's) message, after the filters. */
	void (*deliver)(struct output *o, const struct output_msg *m);
	void (*idle)(struct output *o);		/* the queue ran empty */
	void (*reopen)(struct output *o);
	void (*stop)(struct output *o);		/* no more events: drain */
	void (*close)(struct output *o);
	void (*stats)(struct output *o, struct output_stats *st);
};

extern const struct output_ops output_file_ops;
extern const struct output_ops output_syslog_ops;
extern const struct output_ops output_remote_ops;

struct output {
	const struct output_conf *conf;
	const struct output_ops *ops;
	pthread_t worker;
	bool started;

	pthread_mutex_t lock;	/* the queue and the flags below */
	pthread_cond_t cond;
	struct qent *ring;
	size_t cap, head, count;
	uint64_t queued;	/* records in the ring */
	bool waiting, lingering, deferring, stopping, reopen;
	bool busy;		/* the worker holds a batch, or owes idle() */

	struct output_stats st;	/* counters: atomic adds (stat_add) */

	/* the worker's own */
	struct sched_sample sched;
	struct evt_asm assembler;
	struct lua_filter *lua;
	struct fields fields;
	struct buf body;
	void *priv;		/* the type's state */
};

static inline void stat_add(uint64_t *counter, uint64_t n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

static inline uint64_t stat_get(const uint64_t *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

/* A worker woken for fewer records than this lingers for more. */
#define LINGER_RECORDS	1024

/* The queue (outputs.c): o->lock held to pop; a batch's last unref frees. */
struct qent output_queue_pop(struct output *o);
void output_batch_unref(struct obatch *b);
/* Lets go of what a queue entry holds (its batch, or its seal). */
void output_qent_free(struct qent e);

/* The worker (output_worker.c); a seal's message (output_seal.c). */
void output_seal_msg(struct output *o, const struct trail_seal_info *s);
void output_on_event(const struct evt *ev, void *ctx);
void *output_worker_main(void *arg);

/*
 * Starts a thread that takes no signals (those are the daemon's), at
 * PRIORITY (struct output_conf's).
 */
int output_thread_start(pthread_t *t, void *(*fn)(void *), void *arg,
			int priority);
bool output_cpu_busy(struct sched_sample *s);

/* The record's id in messages: CPU-SEQ-NS, unique across loads and boots. */
void output_record_id(const struct c2a_record *rec, char *out, size_t len);

#endif
