/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_OUTPUTS_H
#define C2A_OUTPUTS_H

/*
 * Secondary outputs: copies of the audit records for other consumers (a
 * JSON lines file, the local syslog, a remote collector over RFC 5424),
 * each with its own filter. The binary trail stays the primary record:
 * outputs_submit() only copies a batch and queues it for each output's
 * own thread, never waits, and a full queue loses copies (counted),
 * never the trail's.
 *
 * c2audit-forward's side (daemon/forwarder/), in order:
 *
 *	outputs_conf_load(CONF_PATH, &oc);          at start (and -n)
 *	set = outputs_start(&oc, OUTPUTS_STATE_PATH, err, sizeof(err));
 *	loop: read the trail; outputs_submit(set, recs, n), and
 *	      outputs_submit_seal() at each seal; outputs_settled(set):
 *	      move the position;
 *	on SIGHUP: outputs_reopen(set);
 *	at stop: outputs_stop(set); outputs_conf_free(&oc);
 *
 * The configuration syntax is documented in output_conf.c and
 * doc/outputs.md.
 */

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "c2audit.h"
#include "match_filter.h"

/* Counters of every output, rewritten about once a second. */
#define OUTPUTS_STATE_PATH	"/run/c2audit-forward/outputs.state"

enum output_type {
	OUT_FILE,		/* JSON lines to a file, rotated */
	OUT_SYSLOG,		/* the local syslog (/dev/log) */
	OUT_REMOTE,		/* RFC 5424 over TCP (RFC 6587 octet counting),
				   optionally TLS */
};

/*
 * An output's threads run SCHED_IDLE by default: on a busy host they take
 * only CPU time that nothing else wants, so they cannot slow the trail
 * (or the audited programs); they catch up from their queue when the
 * host has slack, and lose (counted) only what overflows it.
 */
#define OUTPUT_PRIO_IDLE	(-1)

/* What to do with a record that does not fit a queue or a spool. */
enum output_full {
	FULL_DROP_OLDEST,	/* make room by dropping the oldest */
	FULL_DROP_NEWEST,	/* drop the one that does not fit */
};

struct output_conf {
	char name[64];
	enum output_type type;
	const char *file;	/* the config file, for messages */
	unsigned int line;	/* where the section starts */

	/* every output */
	uint64_t queue;		/* records waiting for the output's thread */
	enum output_full queue_full;
	int priority;		/* its threads' nice 0-19, or OUTPUT_PRIO_IDLE */
	struct match_filter match;
	char lua[PATH_MAX];	/* "": no script */
	char lua_function[64];
	uint64_t lua_instructions;	/* per record */
	uint64_t lua_memory;	/* bytes for the script's state */

	/* file */
	char path[PATH_MAX];
	uint64_t max_size;	/* rotate beyond this many bytes; 0: never */
	unsigned int rotate;	/* old files kept: PATH.1 .. PATH.N */

	/* syslog and remote */
	int facility;		/* LOG_* >> 3 */
	int severity;		/* LOG_* for records; loss markers: warning */
	char app_name[49];	/* APP-NAME / the tag */
	char socket[108];	/* syslog: the local socket (sun_path) */

	/* remote */
	char host[256];
	char port[16];
	char hostname[256];	/* HOSTNAME in the messages; "": gethostname */
	char sd_id[33];		/* SD-ID carrying the record's id */
	bool tls;
	char tls_ca[PATH_MAX];
	char tls_cert[PATH_MAX];	/* client certificate, optional */
	char tls_key[PATH_MAX];
	char tls_name[256];	/* name the server's certificate must have */
	bool tls_verify;
	uint64_t confirm_bytes;	/* confirm by a close after this much; 0: never */
	unsigned int confirm_idle_ms;
	unsigned int timeout_ms;	/* connect, handshake, write, confirm */
	unsigned int backoff_min_ms;
	unsigned int backoff_max_ms;
	char spool_dir[PATH_MAX];	/* "": memory only */
	uint64_t spool_mem;	/* bytes held in memory */
	uint64_t spool_max;	/* bytes on disk */
	enum output_full spool_full;
	unsigned int drain_ms;	/* at stop: how long to try to deliver */
};

struct outputs_conf {
	struct output_conf *out;
	size_t n;
};

/*
 * Reads the [output NAME] sections of @path; what comes before the first
 * section belongs to the daemon and is skipped. Every error is logged as
 * FILE:LINE: what; returns -1 if there was any. A missing file is no
 * outputs (0).
 */
int outputs_conf_load(const char *path, struct outputs_conf *c);
void outputs_conf_free(struct outputs_conf *c);
/* c2auditd -n: loads the scripts and TLS files once; -1 (logged) if any fails. */
int outputs_check(const struct outputs_conf *c);

/* Counters of one output (monotonic, except the gauges). */
struct output_stats {
	uint64_t submitted;	/* events handed to it */
	uint64_t filtered;	/* dropped on purpose by its filter */
	uint64_t dropped;	/* lost: queue or spool full, undeliverable */
	uint64_t delivered;	/* written (file, syslog); confirmed (remote) */
	uint64_t sent;		/* messages written out, resent ones included */
	uint64_t resent;	/* sent again after a connection was lost */
	uint64_t spooled;	/* messages that went through the disk spool */
	uint64_t script_errors;	/* records that passed unfiltered */
	uint64_t reconnects;	/* connections made after the first */
	uint64_t errors;	/* I/O, connect and TLS failures */
	uint64_t rotations;
	uint64_t queued;	/* gauge: records waiting in the queue */
	uint64_t spool_bytes;	/* gauge: bytes waiting in the spool */
	uint64_t spool_disk;	/* gauge: of which on disk */
	bool connected;		/* gauge (remote) */
};

struct outputs;

/*
 * Opens every output (files, scripts, spools) and starts its threads.
 * Connections are made by the threads, so a collector that is down does
 * not stop the start. NULL with @err set when an output cannot be opened.
 * @state_path may be NULL (no state file).
 */
struct outputs *outputs_start(const struct outputs_conf *c,
			      const char *state_path, char *err,
			      size_t errlen);

/*
 * Queues a copy of @n records for every output. Never blocks on an
 * output; a full queue takes its output's queue_full action.
 */
void outputs_submit(struct outputs *set, const struct c2a_record *recs,
		    size_t n);

/*
 * Queues the seal of a trail file for every output, after the records
 * submitted before it: each sends it as a message of its own (type
 * "seal"; doc/outputs.md), past its filters.
 */
struct trail_seal_info;
void outputs_submit_seal(struct outputs *set, const struct trail_seal_info *s);
/* The JSON object of a seal's message. */
struct buf;
void output_seal_body(const struct trail_seal_info *s, struct buf *out);

/*
 * True when every output has done with all it was given: its queue is
 * empty, its worker idle after writing out (file, syslog), and (remote)
 * every message confirmed, nothing left in its spool. c2audit-forward
 * moves its position in the trail only then.
 */
bool outputs_settled(struct outputs *set);

/* Reopens the outputs' files (after an external rotation). */
void outputs_reopen(struct outputs *set);

size_t outputs_count(const struct outputs *set);
const char *outputs_name(const struct outputs *set, size_t i);
void outputs_get_stats(struct outputs *set, size_t i,
		       struct output_stats *st);

/*
 * Stops taking records, lets each output deliver what it has (a remote
 * one for up to its drain_ms), keeps what it could not in its spool
 * directory for the next start, writes the state file a last time and
 * frees everything.
 */
void outputs_stop(struct outputs *set);

#endif
