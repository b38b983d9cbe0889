/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_TRAIL_SCAN_H
#define C2A_TRAIL_SCAN_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "filter.h"
#include "record.h"

/*
 * What report, summary and tail share: the filter options, and reading
 * the events of trail files in order.
 */
enum {
	ROPT_SINCE = 0x100, ROPT_UNTIL, ROPT_UID, ROPT_AUID, ROPT_PID,
	ROPT_COMM, ROPT_EXE, ROPT_SYSCALL, ROPT_KEY, ROPT_PATH, ROPT_TYPE,
	ROPT_SUCCESS, ROPT_FAILURE,
};

#define REVIEW_FILTER_OPTIONS						\
	{ "since", required_argument, NULL, ROPT_SINCE },		\
	{ "until", required_argument, NULL, ROPT_UNTIL },		\
	{ "uid", required_argument, NULL, ROPT_UID },			\
	{ "auid", required_argument, NULL, ROPT_AUID },			\
	{ "pid", required_argument, NULL, ROPT_PID },			\
	{ "comm", required_argument, NULL, ROPT_COMM },			\
	{ "exe", required_argument, NULL, ROPT_EXE },			\
	{ "syscall", required_argument, NULL, ROPT_SYSCALL },		\
	{ "key", required_argument, NULL, ROPT_KEY },			\
	{ "path", required_argument, NULL, ROPT_PATH },			\
	{ "type", required_argument, NULL, ROPT_TYPE },			\
	{ "success", no_argument, NULL, ROPT_SUCCESS },			\
	{ "failure", no_argument, NULL, ROPT_FAILURE }

/* The filter options' help, for a command's usage text. */
void review_filter_usage(FILE *out);

/*
 * Applies option @c to @f: 1 when it was a filter option, 0 when not one,
 * -1 when its value was bad (the error is printed).
 */
int review_filter_option(struct filter *f, int c, const char *arg);

struct conf;
/*
 * c2auditd's configuration from @path; the default path may be missing
 * (then the defaults hold). -1 when it cannot be read or is wrong.
 */
int review_load_conf(struct conf *c, const char *path);

/* Damage and oddities met while reading; any of them makes exit 1. */
struct review_stats {
	uint64_t records;
	unsigned int damaged_files;
	unsigned int unreadable_files;
};

/*
 * Feeds every record of @files (trail files, or raw record streams as
 * `c2audit tail --raw` writes them), in the order given, to @a; with no
 * files, those of the log directory of @conf_path, oldest first. Damage is
 * reported as it is met and reading goes on with the next file.
 */
int review_read(char **files, int nfiles, const char *conf_path,
		struct evt_asm *a, struct review_stats *st);

#endif
