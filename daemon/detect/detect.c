// SPDX-License-Identifier: GPL-2.0
/*
 * The detector's engine (detect.h): events in time order, each judged
 * against its process's state, and an alert for each.
 */
#include <stdlib.h>
#include <string.h>

#include "detect_int.h"
#include "log.h"

struct detect {
	struct det_config conf;		/* without its ignore list: */
	uint64_t *ignore;		/* hashes of the executables ignored */
	size_t nignore;
	det_alert_fn fn;
	void *ctx;
	struct det_seqconf seq;
	uint64_t window, match_window, enc_window, idle, reorder;	/* ns */
	uint64_t judged;		/* time of the latest event judged */
	struct det_procs procs;
	struct det_order order;
	struct det_stats stats;
};

struct detect *detect_new(const struct det_config *c, det_alert_fn fn,
			  void *ctx)
{
	struct detect *d = calloc(1, sizeof(*d));

	if (!d)
		fatal("out of memory");
	d->conf = *c;
	d->conf.ignore = NULL;
	d->conf.nignore = 0;
	d->nignore = c->nignore;
	d->ignore = calloc(c->nignore ? c->nignore : 1, sizeof(*d->ignore));
	if (!d->ignore || det_procs_init(&d->procs, c->max_procs) ||
	    det_order_init(&d->order, c->reorder_max))
		fatal("out of memory for the detector's state");
	for (size_t i = 0; i < c->nignore; i++)
		d->ignore[i] = det_hash(c->ignore[i], strlen(c->ignore[i]));
	d->fn = fn;
	d->ctx = ctx;
	d->seq = (struct det_seqconf){
		.window = c->seq_window_ms * NS_PER_MS,
		.patterns = c->patterns, .relation = c->relation,
	};
	d->window = c->window_ms * NS_PER_MS;
	d->match_window = c->match_window_ms * NS_PER_MS;
	d->enc_window = c->enc_window_ms * NS_PER_MS;
	d->idle = c->idle_ms * NS_PER_MS;
	d->reorder = c->reorder_ms * NS_PER_MS;
	d->stats.memory = sizeof(*d) + c->nignore * sizeof(*d->ignore) +
		(size_t)c->max_procs * sizeof(struct det_proc) +
		(size_t)(d->procs.mask + 1) * sizeof(*d->procs.heads) +
		(size_t)c->reorder_max * (sizeof(struct det_event) +
					  sizeof(struct det_key) + sizeof(uint32_t));
	return d;
}

void detect_free(struct detect *d)
{
	if (!d)
		return;
	det_procs_free(&d->procs);
	det_order_free(&d->order);
	free(d->ignore);
	free(d);
}

static bool ignored(const struct detect *d, uint64_t exe)
{
	for (size_t i = 0; i < d->nignore; i++)
		if (d->ignore[i] == exe)
			return true;
	return false;
}

/* What the process's event did to its sequences: the one it ended, if any. */
static const char *step(struct detect *d, struct det_proc *p,
			const struct det_event *e)
{
	switch (e->type) {
	case DET_OPEN:
		det_seq_open(&p->seq, e);
		return NULL;
	case DET_CREATE:
		det_seq_create(&p->seq, &d->seq, e);
		return NULL;
	case DET_DELETE:
		return det_seq_delete(&p->seq, &d->seq, e);
	case DET_RENAME:
		return det_seq_rename(&p->seq, &d->seq, e);
	case DET_ENC:
		p->last_enc = e->time_ns;
		return NULL;
	}
	return NULL;
}

static bool enc_near(const struct detect *d, const struct det_proc *p,
		     uint64_t now)
{
	if (!p->last_enc)
		return false;
	return now <= p->last_enc || now - p->last_enc <= d->enc_window;
}

static enum det_sev severity(struct detect *d, struct det_proc *p,
			     const struct det_alert *a, uint64_t now)
{
	uint32_t major = d->conf.match_major;

	if (a->matches && ((major && a->matches >= major) || enc_near(d, p, now)))
		p->major = true;
	if (p->major)
		return DET_MAJ;
	return a->over || a->matches ? DET_MIN : DET_OK;
}

static void alert(struct detect *d, struct det_proc *p,
		  const struct det_event *e, const char *pattern)
{
	struct det_alert a = { .ev = e, .pattern = pattern };
	uint64_t now = e->time_ns;

	for (int t = 0; t < DET_NTYPES; t++) {
		a.rate[t] = det_window_count(&p->rate[t], d->window, now);
		if (d->conf.threshold[t] && a.rate[t] >= d->conf.threshold[t])
			a.over |= 1U << t;
	}
	a.matches = det_window_count(&p->matches, d->match_window, now);
	a.severity = severity(d, p, &a, now);
	d->stats.alerts[a.severity]++;
	d->fn(&a, d->ctx);
}

static void judge(struct detect *d, const struct det_event *e)
{
	uint64_t now = e->time_ns;
	const char *pattern;
	struct det_proc *p;

	if (now < d->judged)
		d->stats.late++;
	else
		d->judged = now;
	det_procs_expire(&d->procs, d->judged > d->idle ? d->judged - d->idle : 0);
	p = det_procs_get(&d->procs, e->tgid, now);
	/* A new program, or another process under a pid used again. */
	if (p->exe != e->exe || e->type == DET_EXEC) {
		det_proc_reset(p);
		p->exe = e->exe;
		memcpy(p->exe_name, e->exe_name, sizeof(p->exe_name));
	}
	if (e->type == DET_EXEC)
		return;
	pattern = step(d, p, e);
	if (e->type < DET_NTYPES)
		det_window_add(&p->rate[e->type], d->window, now, 1);
	if (pattern) {
		det_window_add(&p->matches, d->match_window, now, 1);
		d->stats.matches++;
	}
	alert(d, p, e, pattern);
}

static void release(struct detect *d, uint64_t upto)
{
	const struct det_event *e;

	while ((e = det_order_peek(&d->order, upto))) {
		judge(d, e);
		det_order_drop(&d->order);
	}
}

/* Room for an event; when full, the oldest cannot wait any longer. */
static struct det_event *reserve(struct detect *d)
{
	struct det_event *e = det_order_reserve(&d->order);

	if (e)
		return e;
	release(d, d->order.heap[0].time_ns);
	return det_order_reserve(&d->order);
}

/* The event in the reserved slot joins the others; what is due is judged. */
static void commit(struct detect *d, const struct det_event *e)
{
	d->stats.events++;
	if (ignored(d, e->exe))
		return;
	det_order_commit(&d->order);
	if (d->order.newest > d->reorder)
		release(d, d->order.newest - d->reorder);
}

void detect_feed_event(struct detect *d, const struct det_event *e)
{
	*reserve(d) = *e;
	commit(d, e);
}

void detect_feed(struct detect *d, const struct evt *ev)
{
	struct det_event *e = reserve(d);

	d->stats.records++;
	if (det_classify(ev, e))
		commit(d, e);
}

void detect_tick(struct detect *d, uint64_t now_ns)
{
	if (now_ns > d->reorder)
		release(d, now_ns - d->reorder);
}

void detect_finish(struct detect *d)
{
	release(d, UINT64_MAX);
}

void detect_get_stats(const struct detect *d, struct det_stats *s)
{
	*s = d->stats;
	s->procs = d->procs.used;
	s->evicted = d->procs.evicted;
	s->expired = d->procs.expired;
}
