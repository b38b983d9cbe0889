// SPDX-License-Identifier: GPL-2.0
/* c2audit trace's ordering of hooks into their syscalls (trace.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "sysnr.h"
#include "trace.h"

struct trace_thread {
	uint32_t tid;
	uint64_t since;		/* when its first waiting hook came */
	struct evt **hooks;
	size_t n, cap;
};

void trace_init(struct trace *t, trace_fn out, void *ctx)
{
	memset(t, 0, sizeof(*t));
	t->out = out;
	t->ctx = ctx;
}

static struct trace_thread *thread_find(struct trace *t, uint32_t tid)
{
	for (size_t i = 0; i < t->nthreads; i++)
		if (t->threads[i].tid == tid)
			return &t->threads[i];
	return NULL;
}

static struct trace_thread *thread_get(struct trace *t, uint32_t tid)
{
	struct trace_thread *th = thread_find(t, tid);

	if (th)
		return th;
	th = realloc(t->threads, (t->nthreads + 1) * sizeof(*th));
	if (!th)
		fatal("out of memory");
	t->threads = th;
	th = &t->threads[t->nthreads++];
	memset(th, 0, sizeof(*th));
	th->tid = tid;
	return th;
}

/* Emits and frees hooks [from, to) of @th as @kind. */
static void emit_hooks(struct trace *t, struct trace_thread *th, size_t from,
		       size_t to, enum trace_kind kind)
{
	for (size_t i = from; i < to; i++) {
		t->out(kind, th->hooks[i], t->ctx);
		evt_free(th->hooks[i]);
	}
}

/* Everything waiting on @th goes out alone; the thread is forgotten. */
static void thread_release(struct trace *t, struct trace_thread *th)
{
	emit_hooks(t, th, 0, th->n, TRACE_ALONE);
	free(th->hooks);
	*th = t->threads[--t->nthreads];
}

static bool same_call(const struct c2a_lsm *a, const struct c2a_lsm *b)
{
	return a->nr == b->nr && a->arch == b->arch;
}

/* The hook ran in a syscall whose record is to come. */
static bool in_audited_call(const struct c2a_lsm *l)
{
	const char *name;

	if (l->nr == C2A_NR_NONE)
		return false;
	name = sysnr_name(l->arch, l->nr);
	return name && sys_lookup(name) > 0;
}

static void hook_wait(struct trace *t, const struct evt *ev, uint64_t now)
{
	struct trace_thread *th = thread_get(t, ev->rec.ev.subj.pid);
	struct evt *copy;

	/* Hooks of another call: that call ended, and its record is not coming. */
	if (th->n && (!same_call(&th->hooks[0]->rec.ev.u.lsm, &ev->rec.ev.u.lsm) ||
		      th->n == TRACE_MAX_WAITING)) {
		emit_hooks(t, th, 0, th->n, TRACE_ALONE);
		th->n = 0;
	}
	copy = evt_copy(ev);
	if (!copy)
		fatal("out of memory");
	if (th->n == th->cap) {
		th->cap = th->cap ? th->cap * 2 : 16;
		th->hooks = realloc(th->hooks, th->cap * sizeof(*th->hooks));
		if (!th->hooks)
			fatal("out of memory");
	}
	if (!th->n)
		th->since = now;
	th->hooks[th->n++] = copy;
}

static void hook_seen(struct trace *t, const struct evt *ev, uint64_t now)
{
	struct trace_thread *th;

	if (in_audited_call(&ev->rec.ev.u.lsm)) {
		hook_wait(t, ev, now);
		return;
	}
	th = thread_find(t, ev->rec.ev.subj.pid);
	if (th)
		thread_release(t, th);
	t->out(TRACE_ALONE, ev, t->ctx);
}

/*
 * A syscall's record: the waiting hooks of its thread that ran after it
 * was entered, in the same call, go inside it; earlier ones before it.
 */
static void syscall_seen(struct trace *t, const struct evt *ev)
{
	struct trace_thread *th = thread_find(t, ev->rec.ev.subj.pid);
	const struct c2a_syscall *sys = &ev->rec.ev.u.sys;
	size_t first = 0;

	if (!th) {
		t->out(TRACE_CALL, ev, t->ctx);
		return;
	}
	while (first < th->n) {
		const struct evt *h = th->hooks[first];

		if (h->rec.hdr.time_ns >= ev->rec.hdr.time_ns &&
		    h->rec.ev.u.lsm.nr == sys->nr && h->rec.ev.u.lsm.arch == sys->arch)
			break;
		first++;
	}
	emit_hooks(t, th, 0, first, TRACE_ALONE);
	if (first == th->n) {
		t->out(TRACE_CALL, ev, t->ctx);
	} else {
		t->out(TRACE_ENTER, ev, t->ctx);
		emit_hooks(t, th, first, th->n, TRACE_HOOK);
		t->out(TRACE_EXIT, ev, t->ctx);
	}
	th->n = 0;
	thread_release(t, th);
}

void trace_feed(struct trace *t, const struct evt *ev, uint64_t now)
{
	switch (ev->rec.hdr.type) {
	case C2A_REC_LSM:
		hook_seen(t, ev, now);
		return;
	case C2A_REC_SYSCALL:
		syscall_seen(t, ev);
		return;
	case C2A_REC_LOSS:
		/* The records the hooks wait for may be among the lost. */
		trace_flush(t);
		t->out(TRACE_LOST, ev, t->ctx);
		return;
	}
	t->out(TRACE_OTHER, ev, t->ctx);
}

void trace_expire(struct trace *t, uint64_t before)
{
	for (size_t i = 0; i < t->nthreads;) {
		if (t->threads[i].since < before)
			thread_release(t, &t->threads[i]);
		else
			i++;
	}
}

void trace_flush(struct trace *t)
{
	while (t->nthreads)
		thread_release(t, &t->threads[0]);
}

void trace_free(struct trace *t)
{
	for (size_t i = 0; i < t->nthreads; i++) {
		struct trace_thread *th = &t->threads[i];

		for (size_t j = 0; j < th->n; j++)
			evt_free(th->hooks[j]);
		free(th->hooks);
	}
	free(t->threads);
	memset(t, 0, sizeof(*t));
}
