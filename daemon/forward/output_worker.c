// SPDX-License-Identifier: GPL-2.0
/*
 * An output's worker: takes batches off its queue, puts events back
 * together, filters them (match, then Lua), renders them as JSON and
 * hands them to the output's type to deliver.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "log.h"
#include "output_int.h"
#include "render.h"
#include "timeout.h"

/*
 * A worker woken for a few records waits this long for more before it
 * formats and writes them: one write and one wake-up of the sender for a
 * handful of events each cost more than the events.
 */
#define LINGER_MS	50
/*
 * SCHED_IDLE alone does not keep an output off a busy CPU: CFS gives an
 * idle-policy thread a share whenever the tasks it competes with sleep
 * and wake often (~8% of the one CPU per output in make bench's
 * fork+exec workload, the audited programs slowed as much). So an
 * output at idle priority also puts its work off while the CPU is busy,
 * DEFER_MS at a time, as long as its queue is less than half full.
 */
#define DEFER_MS	100

static void report_script_error(struct output *o)
{
	bool first;
	const char *msg = lua_filter_error(o->lua, &first);

	stat_add(&o->st.script_errors, 1);
	if (first)
		log_warnx("output %s: script error, records pass unfiltered: %s",
			  o->conf->name, msg);
}

/* The body of the event as this output passes it, false when filtered. */
static bool filter_event(struct output *o, const struct evt *ev)
{
	fields_build(ev, &o->fields);
	if (!match_fields(&o->conf->match, &o->fields))
		return false;
	if (o->lua) {
		switch (lua_filter_run(o->lua, &o->fields, &o->body)) {
		case LUA_DROP:
			return false;
		case LUA_REPLACE:
			return true;
		case LUA_ERROR:
			report_script_error(o);
			break;
		case LUA_PASS:
			break;
		}
	}
	buf_reset(&o->body);
	render_json(&o->fields, &o->body);
	return true;
}

void output_on_event(const struct evt *ev, void *ctx)
{
	struct output *o = ctx;
	char id[64];
	struct output_msg m = {
		.body = &o->body,
		.time_ns = ev->rec.hdr.time_ns,
		.type = record_type_name(ev->rec.hdr.type),
		.warning = ev->rec.hdr.type == C2A_REC_LOSS,
		.id = id,
	};

	if (!filter_event(o, ev)) {
		stat_add(&o->st.filtered, 1);
		return;
	}
	output_record_id(&ev->rec, id, sizeof(id));
	o->ops->deliver(o, &m);
}

static void run_batch(struct output *o, struct qent e)
{
	uint64_t invalid = o->assembler.invalid;

	if (e.seal) {
		output_seal_msg(o, e.seal);
		free(e.seal);
		return;
	}
	for (size_t i = 0; i < e.b->n; i++)
		evt_asm_feed(&o->assembler, &e.b->recs[i]);
	/* a record that does not validate is counted, never passed on */
	stat_add(&o->st.dropped, o->assembler.invalid - invalid);
	output_batch_unref(e.b);
}

/*
 * With o->lock held: waits while @more holds, for @ms at most, with @flag
 * set, which tells queue_push() when the wait is over early.
 */
static void wait_while(struct output *o, bool (*more)(const struct output *),
		       bool *flag, unsigned int ms)
{
	struct timespec until;

	deadline_in(&until, CLOCK_MONOTONIC, ms);
	*flag = true;
	while (more(o) &&
	       pthread_cond_timedwait(&o->cond, &o->lock, &until) != ETIMEDOUT)
		;
	*flag = false;
}

static bool too_few(const struct output *o)
{
	return o->queued < LINGER_RECORDS && !o->stopping && !o->reopen;
}

static bool may_defer(const struct output *o)
{
	return o->conf->priority == OUTPUT_PRIO_IDLE && !o->stopping &&
	       !o->reopen && o->queued * 2 < o->conf->queue;
}

/*
 * With o->lock held and batches queued: true when the worker put them
 * off for DEFER_MS, the CPU being busy.
 */
static bool defer(struct output *o)
{
	bool busy;

	if (!may_defer(o))
		return false;
	pthread_mutex_unlock(&o->lock);
	busy = output_cpu_busy(&o->sched);
	pthread_mutex_lock(&o->lock);
	if (!busy)
		return false;
	wait_while(o, may_defer, &o->deferring, DEFER_MS);
	return true;
}

void *output_worker_main(void *arg)
{
	struct output *o = arg;
	bool dirty = false, lingered = false;

	pthread_mutex_lock(&o->lock);
	for (;;) {
		if (o->reopen) {
			o->reopen = false;
			pthread_mutex_unlock(&o->lock);
			o->ops->reopen(o);
			pthread_mutex_lock(&o->lock);
			continue;
		}
		if (o->count && !lingered && too_few(o)) {
			wait_while(o, too_few, &o->lingering, LINGER_MS);
			lingered = true;
			continue;
		}
		if (o->count && defer(o))
			continue;
		if (o->count) {
			struct qent e = output_queue_pop(o);

			o->busy = true;
			pthread_mutex_unlock(&o->lock);
			run_batch(o, e);
			dirty = true;
			pthread_mutex_lock(&o->lock);
			continue;
		}
		lingered = false;
		if (o->stopping)
			break;
		if (dirty) {
			pthread_mutex_unlock(&o->lock);
			o->ops->idle(o);
			dirty = false;
			pthread_mutex_lock(&o->lock);
			continue;
		}
		o->busy = false;
		o->waiting = true;
		pthread_cond_wait(&o->cond, &o->lock);
		o->waiting = false;
	}
	pthread_mutex_unlock(&o->lock);
	evt_asm_flush(&o->assembler);
	o->ops->stop(o);
	return NULL;
}
