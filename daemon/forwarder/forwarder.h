/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_FORWARDER_H
#define C2A_FORWARDER_H

/* c2audit-forward's state, shared by main.c and follow_loop.c. */

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "outputs.h"
#include "trail_follow.h"

#define FORWARD_POSITION	"/var/lib/c2audit-forward/position"
/*
 * Records read past the written position at most: reading waits there
 * until every output has done with them and the position is written. So
 * a crash sends at most this many again (and never more than the
 * smallest output queue holds).
 */
#define FORWARD_WINDOW		8192

/* Set by the signal handlers, handled by the loop. */
extern volatile sig_atomic_t fwd_stop, fwd_reopen;

struct forwarder {
	const char *log_dir;
	const char *pos_path;
	struct outputs *set;
	struct trail_follower *follow;
	uint64_t window;	/* FORWARD_WINDOW, or less for a small queue */

	struct c2a_record *batch;	/* read, not yet submitted */
	size_t nbatch;

	/* events whose continuations are still to come, by CPU */
	uint16_t *open;
	size_t ncpus;
	unsigned int nopen;

	struct trail_pos closed;	/* after the last record that left no
					   event open: where a restart goes on */
	struct trail_pos given;		/* closed as of the last submit: what
					   the outputs have been handed */
	struct trail_pos written;	/* in the position file */
	uint64_t unwritten;	/* records and seals read since it was written */
	uint64_t written_ns;	/* when, CLOCK_MONOTONIC */
	uint64_t forwarded, seals;
	char last_err[512];
};

/* follow_loop.c: reads the trail into the outputs until fwd_stop. */
int forward_run(struct forwarder *fw);
/* Waits (up to @ms) for the outputs to settle; writes the position. */
void forward_finish(struct forwarder *fw, unsigned int ms);

#endif
