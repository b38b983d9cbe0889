/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_OUTPUT_STATE_H
#define C2A_OUTPUT_STATE_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "outputs.h"

/*
 * The outputs' counters as the daemon leaves them for `c2audit status`:
 *
 *   c2audit-outputs 1 pid=PID time=EPOCH
 *   NAME type=TYPE submitted=N filtered=N ... connected=0|1
 *
 * one line per output, rewritten (atomically) about once a second.
 */
struct output_state_row {
	char name[64];
	enum output_type type;
	struct output_stats st;
};

struct output_state {
	pid_t pid;
	time_t written;
	size_t n;
	struct output_state_row *rows;
};

int output_state_write(const char *path, const struct output_state_row *rows,
		       size_t n);
/* -1 with @err when there is no readable state file. */
int output_state_read(const char *path, struct output_state *s, char *err,
		      size_t errlen);
void output_state_free(struct output_state *s);

const char *output_type_name(enum output_type t);

/* The counters by name, in the order shown. */
struct output_stat_key {
	const char *name;
	size_t off;		/* of a uint64_t in struct output_stats */
};
extern const struct output_stat_key output_stat_keys[];
extern const size_t output_stat_nkeys;

#endif
