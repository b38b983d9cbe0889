/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_TRACE_H
#define C2A_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "record.h"

/*
 * A traced program's events in the order its threads made them. A syscall
 * record is made as the call returns, with the time it was entered; the
 * LSM hooks that ran inside the call come before it in the stream, each
 * saying which syscall its thread was in. So hooks wait, per thread, for
 * the record of their syscall, then come out between its enter and exit:
 *
 *   TRACE_ENTER  syscall record    (only when hooks ran inside it)
 *   TRACE_HOOK   each of its hooks, in order
 *   TRACE_EXIT   the same record
 *
 * A syscall without hooks is one TRACE_CALL. A hook that ran outside an
 * audited syscall (mmap, read, ...), or whose syscall's record never came
 * (lost, or waited for longer than the caller's limit), is TRACE_ALONE.
 */
enum trace_kind {
	TRACE_CALL,
	TRACE_ENTER,
	TRACE_HOOK,
	TRACE_EXIT,
	TRACE_ALONE,
	TRACE_LOST,	/* a loss marker */
	TRACE_OTHER,	/* any other record */
};

typedef void (*trace_fn)(enum trace_kind kind, const struct evt *ev, void *ctx);

struct trace_thread;

struct trace {
	struct trace_thread *threads;
	size_t nthreads;
	trace_fn out;
	void *ctx;
};

/* Hooks one thread keeps waiting at most; beyond, they go out alone. */
#define TRACE_MAX_WAITING	4096

void trace_init(struct trace *t, trace_fn out, void *ctx);
/* @now: a monotonic clock, ns, for trace_expire(). */
void trace_feed(struct trace *t, const struct evt *ev, uint64_t now);
/* Hooks that have waited since before @before go out alone. */
void trace_expire(struct trace *t, uint64_t before);
void trace_flush(struct trace *t);
void trace_free(struct trace *t);

/* One line of text for an event of @kind, without the newline. */
void trace_render_text(enum trace_kind kind, const struct evt *ev,
		       struct buf *out);

#endif
