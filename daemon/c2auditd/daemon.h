/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_DAEMON_H
#define C2A_DAEMON_H

/*
 * c2auditd's state, shared by its files (main.c, trail_files.c,
 * disk_actions.c, start_reload.c).
 */

#include <stdbool.h>
#include <stdint.h>

#include "c2audit.h"
#include "conf.h"
#include "trail.h"

/* The trail file being written. */
struct store {
	struct trail_writer *w;	/* NULL when a new file could not be made yet */
	struct trail_prev prev;	/* how the last file ended, for the next header */
	uint64_t next_seq;
	uint64_t last_sync_ns;
	bool dirty;		/* written since the last fdatasync */
};

/* Conditions that take an action (conf.h), each at its start. */
enum cond {
	COND_SPACE_LEFT,
	COND_ADMIN_SPACE_LEFT,
	COND_MAX_LOG_FILE,
	COND_DISK_FULL,
	COND_DISK_ERROR,
	COND_COUNT
};

#define NO_COND		-1

struct daemon {
	const char *conf_path;
	struct conf conf;
	struct trail_key key;	/* key.bytes NULL: unkeyed */
	int rfd;		/* the reader handle on the device */
	struct store store;
	struct c2a_record *buf;	/* one batch */
	size_t buf_cap;		/* records */
	size_t pending;		/* records in buf not written yet */
	unsigned int active;	/* bit per enum cond now met */
	int suspend;		/* the enum cond that stopped reading, or NO_COND */
	uint64_t next_space_check_ns;
	uint64_t space_free;	/* bytes free at the last check */
	uint64_t space_total;	/* of the file system */
	uint64_t bytes;		/* appended in all */
	uint64_t bytes_at_check;	/* ... at the last check */
	bool halting;
	uint64_t written, batches, syncs;
	uint64_t lost;		/* records given up by ignore/syslog */
	uint64_t lost_episode;	/* ... since the last "works again" message */
	uint64_t loss_logged_ns;	/* when records were last said lost */
	bool loss_logging;	/* a "works again" message is owed */
	struct kaudit *ka;	/* Linux audit's messages; NULL: not read */
};

/* trail_files.c: the trail files */
int store_open(struct daemon *d);
int store_write(struct daemon *d, const struct c2a_record *recs, size_t n);
int store_sync(struct daemon *d);
int store_rotate(struct daemon *d, bool prune);
int store_remove_oldest(struct daemon *d);
void store_close(struct daemon *d, enum trail_seal_reason why);

/* disk_actions.c: free space, file size, write errors and their actions */
void cond_after_write(struct daemon *d, bool force_space_check);
void cond_write_failed(struct daemon *d, int err);
void cond_write_ok(struct daemon *d);
bool cond_recheck(struct daemon *d);

/* kaudit.c: Linux audit's messages, from its netlink socket */
int kaudit_start(struct daemon *d);
int kaudit_fd(const struct daemon *d);
/* Records of the messages waiting, into @buf (room for @cap): how many. */
size_t kaudit_read(struct daemon *d, struct c2a_record *buf, size_t cap);
void kaudit_last_status(struct daemon *d);
bool kaudit_settling(struct daemon *d, uint64_t end);
void kaudit_unregister(struct daemon *d);
void kaudit_stop(struct daemon *d);

/* start_reload.c: the log directory, the key, the rules; reload */
int setup_log_dir(const char *dir, const struct conf_group *g);
int setup_key(const struct conf *c, struct trail_key *key);
void setup_rules(const struct conf *c);
void setup_reload(struct daemon *d);

#endif
