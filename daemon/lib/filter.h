/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_FILTER_H
#define C2A_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "record.h"

/*
 * Which events to show (FAU_SAR.3): several values of one key are ORed,
 * different keys ANDed; a key with no values does not restrict. Loss
 * markers are subject to the time range and the type only: any of the
 * records they stand for might have matched, and a reader must learn of it.
 */
enum filter_key {
	FILTER_UID,		/* uid: numbers or user names */
	FILTER_AUID,		/* auid: numbers, user names, or "unset" */
	FILTER_PID,		/* pid or tgid */
	FILTER_COMM,		/* comm: exact, or a glob */
	FILTER_EXE,		/* executable: exact, or a glob */
	FILTER_SYSCALL,		/* syscall names */
	FILTER_KEY,		/* rule key: exact, one of a rule's keys */
	FILTER_PATH,		/* path or path2: a directory prefix, or a glob */
	FILTER_TYPE,		/* record type: syscall, lost, config, lsm, uprobe, user */
	FILTER_EUID,		/* effective uid: numbers or user names */
	FILTER_PPID,		/* parent process id */
	FILTER_SESSION,		/* login session id, or "unset" */
	FILTER_EXIT,		/* a syscall's result: -EACCES, -13, 0 */
	FILTER_MSGTYPE,		/* user records: the message's type, by name or number */
	FILTER_NKEYS
};

struct filter_values {
	unsigned int n;
	char **str;		/* as given (names resolved for ids) */
	uint64_t *num;		/* ids, pids, sysids, record types */
};

enum filter_outcome { FILTER_ANY, FILTER_SUCCESS, FILTER_FAILURE };

struct filter {
	struct filter_values v[FILTER_NKEYS];
	bool has_since, has_until;
	uint64_t since_ns, until_ns;	/* [since, until) */
	enum filter_outcome outcome;
};

void filter_init(struct filter *f);
void filter_free(struct filter *f);

/*
 * Adds the comma-separated values of @arg to @key. On a bad value returns
 * -1 with a message in @err.
 */
int filter_add(struct filter *f, enum filter_key key, const char *arg,
	       char *err, size_t errlen);

/*
 * A point in time as the user writes it: "now", "today", "yesterday",
 * "@EPOCH", an age ("10m", "-2h", "3d ago"; units s m h d w), a date and
 * time ("2026-11-22", "2026-11-22 10:30[:15]", RFC 3339 with fraction and
 * zone), or a time of today ("10:30"). Local time unless a zone is given.
 */
int filter_parse_time(const char *s, time_t now, uint64_t *ns,
		      char *err, size_t errlen);

bool filter_match(const struct filter *f, const struct evt *ev);

#endif
