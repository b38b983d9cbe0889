/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_TRAIL_SCAN_H
#define C2A_TRAIL_SCAN_H

#include <getopt.h>
#include <signal.h>
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
	ROPT_SUCCESS, ROPT_FAILURE, ROPT_NO_VERIFY, ROPT_KEY_FILE,
	ROPT_EUID, ROPT_PPID, ROPT_SESSION, ROPT_EXIT, ROPT_MSGTYPE,
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
	{ "msgtype", required_argument, NULL, ROPT_MSGTYPE },		\
	{ "success", no_argument, NULL, ROPT_SUCCESS },			\
	{ "failure", no_argument, NULL, ROPT_FAILURE },			\
	{ "euid", required_argument, NULL, ROPT_EUID },			\
	{ "ppid", required_argument, NULL, ROPT_PPID },			\
	{ "session", required_argument, NULL, ROPT_SESSION },		\
	{ "exit", required_argument, NULL, ROPT_EXIT }

/*
 * How the review commands check the trail's hash chain as they read it
 * (as `c2audit verify` does): by default with the key of the key_file of
 * c2auditd's configuration, when it has one.
 */
struct review_check {
	bool no_verify;		/* --no-verify: read without checking */
	const char *key_file;	/* --key-file FILE */
};

#define REVIEW_CHECK_OPTIONS						\
	{ "no-verify", no_argument, NULL, ROPT_NO_VERIFY },		\
	{ "key-file", required_argument, NULL, ROPT_KEY_FILE }

/* The check options' help, for a command's usage text. */
void review_check_usage(FILE *out);
/* Applies option @c to @chk: 1 when it was a check option, else 0. */
int review_check_option(struct review_check *chk, int c, const char *arg);

struct conf;
struct trail_key;
/*
 * Loads the key to check keyed chains with into @key: from --key-file,
 * else from @c's key_file (@c may be NULL: no configuration). Returns
 * @key, or NULL when there is none or it cannot be read (a warning says
 * why; keyed files are then read unchecked).
 */
const struct trail_key *review_key(const struct review_check *chk,
				   const struct conf *c, struct trail_key *key);

struct trail_reader;
struct review_stats;
/*
 * Opens trail file @path checking its chain (@verify) with @key (may be
 * NULL); when the chain cannot be checked (a keyed file and no key, the
 * wrong key, a changed header), unchecked, with a warning. NULL (warned)
 * when it cannot be read. Counts in @st.
 */
struct trail_reader *review_open(const char *path, const struct trail_key *key,
				 bool verify, struct review_stats *st);
/*
 * After trail_next() on @r gave TRAIL_DAMAGE: warns, naming @path and the
 * record, and feeds the record, when there is one, to @a marked damaged.
 */
void review_damage(const char *path, struct trail_reader *r,
		   const struct c2a_record *rec, struct evt_asm *a,
		   struct review_stats *st);

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
	uint64_t damaged_records;	/* shown, marked damaged=yes */
	unsigned int damaged_files;
	unsigned int unreadable_files;
	unsigned int unchecked_files;	/* chain not checked: no key, ... */
	unsigned int missing_files;	/* deleted from the log directory */
};

/*
 * Feeds every record of @files (trail files, or raw record streams as
 * `c2audit tail --raw` writes them), in the order given, to @a; with no
 * files, those of the log directory of @conf_path, oldest first. Unless
 * @chk says --no-verify (@chk may be NULL: the defaults), trail files are
 * checked as `c2audit verify` checks them: a record that fails is still
 * fed, as an event marked damaged; for a log directory, files missing
 * between others or after the last are found too. Damage is reported on
 * stderr as it is met (file and record) and reading goes on; then -1.
 */
int review_read(char **files, int nfiles, const char *conf_path,
		const struct review_check *chk, struct evt_asm *a,
		struct review_stats *st);

struct trail_follower;
/*
 * Feeds @a what follower @f (trail_follow.h) has now, until it waits or
 * *@stop is set; damage is warned of (file and record) and the record fed
 * marked damaged, as review_read() does. @a NULL: skip what there is (to
 * start at the end). False when a file cannot be read now (warned).
 */
bool review_follow(struct trail_follower *f, struct evt_asm *a,
		   struct review_stats *st, const volatile sig_atomic_t *stop);

#endif
