// SPDX-License-Identifier: GPL-2.0
/*
 * The output set: one bounded queue and one worker thread per output.
 *
 *   daemon thread                       worker of output i (output_worker.c)
 *   trail_append(recs)                  pop a batch
 *   outputs_submit(recs) --copy once--> reassemble events, fields
 *     push to every queue (O(1),        match filter, Lua filter
 *     never waits for a worker)         render JSON, deliver
 *
 * A full queue drops the oldest (or the newest) batch, counting its
 * events, so a stalled output costs the daemon one memcpy per batch.
 */
#include <errno.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "array_size.h"
#include "log.h"
#include "output_conn.h"
#include "output_int.h"
#include "output_state.h"
#include "timeout.h"

#define STATE_EVERY_MS	1000

/* Batches kept for reuse: their pages are there, no fault on the copy. */
#define POOL_MAX	16
#define BATCH_MIN	1024	/* records: c2auditd's default read */

struct outputs {
	struct output *out;
	size_t n;
	pthread_mutex_t pool_lock;
	struct obatch *pool;
	unsigned int pooled;
	char *state_path;
	pthread_t state_thread;
	bool state_started;
	pthread_mutex_t state_lock;
	pthread_cond_t state_cond;
	bool state_stop;
};

static const struct output_ops *ops_of(enum output_type t)
{
	switch (t) {
	case OUT_FILE:
		return &output_file_ops;
	case OUT_SYSLOG:
		return &output_syslog_ops;
	case OUT_REMOTE:
		return &output_remote_ops;
	}
	return NULL;
}

void output_record_id(const struct c2a_record *rec, char *out, size_t len)
{
	snprintf(out, len, "%u-%llu-%llu", rec->hdr.cpu,
		 (unsigned long long)rec->hdr.seq,
		 (unsigned long long)rec->hdr.time_ns);
}

static struct obatch *batch_get(struct outputs *set, size_t n)
{
	struct obatch *b, **p;

	pthread_mutex_lock(&set->pool_lock);
	for (p = &set->pool; *p && (*p)->cap < n; p = &(*p)->next)
		;
	b = *p;
	if (b) {
		*p = b->next;
		set->pooled--;
	}
	pthread_mutex_unlock(&set->pool_lock);
	if (b)
		return b;
	b = malloc(sizeof(*b) + (n > BATCH_MIN ? n : BATCH_MIN) *
		   sizeof(b->recs[0]));
	if (b) {
		b->cap = n > BATCH_MIN ? n : BATCH_MIN;
		b->set = set;
	}
	return b;
}

void output_batch_unref(struct obatch *b)
{
	struct outputs *set = b->set;

	if (__atomic_sub_fetch(&b->refs, 1, __ATOMIC_ACQ_REL))
		return;
	pthread_mutex_lock(&set->pool_lock);
	if (set->pooled < POOL_MAX) {
		b->next = set->pool;
		set->pool = b;
		set->pooled++;
		b = NULL;
	}
	pthread_mutex_unlock(&set->pool_lock);
	free(b);
}

/* --- the queue (the daemon's side) ------------------------------------- */

static void ring_grow(struct output *o)
{
	size_t cap = o->cap ? o->cap * 2 : 64;
	struct qent *r = malloc(cap * sizeof(*r));

	if (!r)
		abort();
	for (size_t i = 0; i < o->count; i++)
		r[i] = o->ring[(o->head + i) % o->cap];
	free(o->ring);
	o->ring = r;
	o->cap = cap;
	o->head = 0;
}

struct qent output_queue_pop(struct output *o)
{
	struct qent e = o->ring[o->head];

	o->head = (o->head + 1) % o->cap;
	o->count--;
	if (e.b)
		o->queued -= e.b->n;
	return e;
}

void output_qent_free(struct qent e)
{
	if (e.b)
		output_batch_unref(e.b);
	free(e.seal);
}

static void queue_push(struct output *o, struct obatch *b, uint64_t events)
{
	struct qent dropped[16];
	size_t ndropped = 0;
	uint64_t max = o->conf->queue;

	pthread_mutex_lock(&o->lock);
	stat_add(&o->st.submitted, events);
	if (o->stopping)
		goto drop_new;
	if (o->queued + b->n > max && o->count) {
		if (o->conf->queue_full == FULL_DROP_NEWEST)
			goto drop_new;
		/* a batch's memory is freed outside the lock, a few at a time */
		while (o->count && o->queued + b->n > max &&
		       ndropped < ARRAY_SIZE(dropped))
			dropped[ndropped++] = output_queue_pop(o);
		if (o->queued + b->n > max && o->count)
			goto drop_new;
	}
	if (o->count == o->cap)
		ring_grow(o);
	o->ring[(o->head + o->count++) % o->cap] = (struct qent){ b, events };
	o->queued += b->n;
	if (o->waiting || (o->lingering && o->queued >= LINGER_RECORDS) ||
	    (o->deferring && o->queued * 2 >= max))
		pthread_cond_signal(&o->cond);
	pthread_mutex_unlock(&o->lock);
	goto free_dropped;
drop_new:
	pthread_mutex_unlock(&o->lock);
	stat_add(&o->st.dropped, events);
	output_batch_unref(b);
free_dropped:
	for (size_t i = 0; i < ndropped; i++) {
		stat_add(&o->st.dropped, dropped[i].events);
		output_qent_free(dropped[i]);
	}
}

/* A seal is never dropped for room: it is one small entry. */
static void queue_push_seal(struct output *o, struct trail_seal_info *s)
{
	pthread_mutex_lock(&o->lock);
	stat_add(&o->st.submitted, 1);
	if (o->stopping) {
		pthread_mutex_unlock(&o->lock);
		stat_add(&o->st.dropped, 1);
		free(s);
		return;
	}
	if (o->count == o->cap)
		ring_grow(o);
	o->ring[(o->head + o->count++) % o->cap] =
		(struct qent){ .events = 1, .seal = s };
	if (o->waiting || o->lingering || o->deferring)
		pthread_cond_signal(&o->cond);
	pthread_mutex_unlock(&o->lock);
}

void outputs_submit_seal(struct outputs *set, const struct trail_seal_info *s)
{
	for (size_t i = 0; set && i < set->n; i++) {
		struct trail_seal_info *copy = malloc(sizeof(*copy));

		if (!copy)
			abort();
		*copy = *s;
		queue_push_seal(&set->out[i], copy);
	}
}

bool outputs_settled(struct outputs *set)
{
	for (size_t i = 0; set && i < set->n; i++) {
		struct output *o = &set->out[i];
		struct output_stats st = { 0 };
		bool idle;

		pthread_mutex_lock(&o->lock);
		idle = !o->count && !o->busy;
		pthread_mutex_unlock(&o->lock);
		if (!idle)
			return false;
		if (o->ops->stats)
			o->ops->stats(o, &st);
		if (st.spool_bytes)
			return false;
	}
	return true;
}

void outputs_submit(struct outputs *set, const struct c2a_record *recs,
		    size_t n)
{
	struct obatch *b;
	uint64_t events = 0;

	if (!set || !set->n || !n)
		return;
	b = batch_get(set, n);
	if (!b) {
		for (size_t i = 0; i < set->n; i++)
			stat_add(&set->out[i].st.dropped, n);
		return;
	}
	memcpy(b->recs, recs, n * sizeof(*recs));
	b->n = n;
	b->refs = set->n;
	for (size_t i = 0; i < n; i++)
		events += recs[i].hdr.type != C2A_REC_CONT;
	for (size_t i = 0; i < set->n; i++)
		queue_push(&set->out[i], b, events);
}

/* --- the state file ---------------------------------------------------- */

static void write_state(struct outputs *set)
{
	struct output_state_row *rows = calloc(set->n, sizeof(*rows));

	if (!rows)
		abort();
	for (size_t i = 0; i < set->n; i++) {
		snprintf(rows[i].name, sizeof(rows[i].name), "%s",
			 set->out[i].conf->name);
		rows[i].type = set->out[i].conf->type;
		outputs_get_stats(set, i, &rows[i].st);
	}
	output_state_write(set->state_path, rows, set->n);
	free(rows);
}

static void *state_main(void *arg)
{
	struct outputs *set = arg;
	struct timespec ts;

	pthread_mutex_lock(&set->state_lock);
	while (!set->state_stop) {
		pthread_mutex_unlock(&set->state_lock);
		write_state(set);
		pthread_mutex_lock(&set->state_lock);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += STATE_EVERY_MS / 1000;
		pthread_cond_timedwait(&set->state_cond, &set->state_lock, &ts);
	}
	pthread_mutex_unlock(&set->state_lock);
	return NULL;
}

/* --- the set ----------------------------------------------------------- */

size_t outputs_count(const struct outputs *set)
{
	return set ? set->n : 0;
}

const char *outputs_name(const struct outputs *set, size_t i)
{
	return set->out[i].conf->name;
}

void outputs_get_stats(struct outputs *set, size_t i, struct output_stats *st)
{
	struct output *o = &set->out[i];
	uint64_t *dst = (uint64_t *)st;
	const uint64_t *src = (const uint64_t *)&o->st;

	memset(st, 0, sizeof(*st));
	/* every counter up to the gauges */
	for (size_t k = 0; k < offsetof(struct output_stats, queued) / 8; k++)
		dst[k] = stat_get(&src[k]);
	pthread_mutex_lock(&o->lock);
	st->queued = o->queued;
	pthread_mutex_unlock(&o->lock);
	if (o->ops->stats)
		o->ops->stats(o, st);
}

/* Sets the worker's @flag (stopping, reopen) and wakes it. */
static void output_tell(struct output *o, bool *flag)
{
	pthread_mutex_lock(&o->lock);
	*flag = true;
	pthread_cond_signal(&o->cond);
	pthread_mutex_unlock(&o->lock);
}

void outputs_reopen(struct outputs *set)
{
	for (size_t i = 0; set && i < set->n; i++)
		output_tell(&set->out[i], &set->out[i].reopen);
}

static struct lua_filter *open_lua(const struct output_conf *c, char *err,
				   size_t errlen)
{
	struct lua_filter_conf lc = {
		.path = c->lua, .function = c->lua_function,
		.instructions = c->lua_instructions, .memory = c->lua_memory,
		.name = c->name,
	};
	struct lua_filter *lf;
	char why[512];

	lf = lua_filter_open(&lc, why, sizeof(why));
	if (!lf)
		snprintf(err, errlen, "output %s: %s", c->name, why);
	return lf;
}

int outputs_check(const struct outputs_conf *c)
{
	int errors = 0;
	char err[1024];

	for (size_t i = 0; i < c->n; i++) {
		const struct output_conf *o = &c->out[i];
		struct lua_filter *lf;
		SSL_CTX *ctx;

		if (*o->lua && !(lf = open_lua(o, err, sizeof(err)))) {
			log_warnx("%s", err);
			errors++;
		} else if (*o->lua) {
			lua_filter_close(lf);
		}
		if (o->type != OUT_REMOTE || !o->tls)
			continue;
		ctx = conn_tls_ctx(o, err, sizeof(err));
		if (!ctx) {
			log_warnx("output %s: %s", o->name, err);
			errors++;
		}
		SSL_CTX_free(ctx);
	}
	return errors ? -1 : 0;
}

static int output_open(struct output *o, const struct output_conf *c,
		       char *err, size_t errlen)
{
	o->conf = c;
	o->ops = ops_of(c->type);
	pthread_mutex_init(&o->lock, NULL);
	cond_init_monotonic(&o->cond);
	evt_asm_init(&o->assembler, output_on_event, o);
	if (*c->lua && !(o->lua = open_lua(c, err, errlen)))
		return -1;
	return o->ops->open(o, err, errlen);
}

struct outputs *outputs_start(const struct outputs_conf *c,
			      const char *state_path, char *err,
			      size_t errlen)
{
	struct outputs *set = calloc(1, sizeof(*set));

	if (!set)
		abort();
	set->out = calloc(c->n ? c->n : 1, sizeof(*set->out));
	if (!set->out)
		abort();
	pthread_mutex_init(&set->state_lock, NULL);
	pthread_cond_init(&set->state_cond, NULL);
	pthread_mutex_init(&set->pool_lock, NULL);
	for (; set->n < c->n; set->n++) {
		struct output *o = &set->out[set->n];

		if (output_open(o, &c->out[set->n], err, errlen))
			goto fail_output;
		if (output_thread_start(&o->worker, output_worker_main, o,
					c->out[set->n].priority)) {
			snprintf(err, errlen, "output %s: thread: %s",
				 c->out[set->n].name, strerror(errno));
			goto fail_output;
		}
		o->started = true;
	}
	if (state_path) {
		set->state_path = strdup(state_path);
		if (!set->state_path || output_thread_start(&set->state_thread,
						     state_main, set, 0)) {
			snprintf(err, errlen, "outputs: state thread failed");
			goto fail;
		}
		set->state_started = true;
	}
	return set;
fail_output:
	set->n++;	/* the one that failed has things to free */
fail:
	outputs_stop(set);
	return NULL;
}

/* After output_tell(o, &o->stopping): waits for the worker's end. */
static void output_stop(struct output *o)
{
	if (o->started)
		pthread_join(o->worker, NULL);
	while (o->count)
		output_qent_free(output_queue_pop(o));
}

static void output_free(struct output *o)
{
	if (o->ops)
		o->ops->close(o);
	if (o->lua)
		lua_filter_close(o->lua);
	evt_asm_free(&o->assembler);
	buf_free(&o->body);
	free(o->ring);
	pthread_mutex_destroy(&o->lock);
	pthread_cond_destroy(&o->cond);
}

void outputs_stop(struct outputs *set)
{
	if (!set)
		return;
	/* all at once: each remote output drains for its drain_ms */
	for (size_t i = 0; i < set->n; i++)
		if (set->out[i].started)
			output_tell(&set->out[i], &set->out[i].stopping);
	for (size_t i = 0; i < set->n; i++)
		output_stop(&set->out[i]);
	if (set->state_started) {
		pthread_mutex_lock(&set->state_lock);
		set->state_stop = true;
		pthread_cond_signal(&set->state_cond);
		pthread_mutex_unlock(&set->state_lock);
		pthread_join(set->state_thread, NULL);
	}
	if (set->state_path)
		write_state(set);	/* the last word: what was left */
	for (size_t i = 0; i < set->n; i++)
		output_free(&set->out[i]);
	while (set->pool) {
		struct obatch *b = set->pool;

		set->pool = b->next;
		free(b);
	}
	pthread_mutex_destroy(&set->pool_lock);
	free(set->state_path);
	free(set->out);
	pthread_mutex_destroy(&set->state_lock);
	pthread_cond_destroy(&set->state_cond);
	free(set);
}
