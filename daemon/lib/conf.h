/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_CONF_H
#define C2A_CONF_H

/*
 * c2auditd.conf: one KEY = VALUE a line, '#' to the end of a line is a
 * comment, blank lines are ignored; each key at most once. The keys, their
 * values and defaults are in etc/c2auditd.conf, which documents them.
 */

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define CONF_PATH	"/etc/c2audit/c2auditd.conf"
#define CONF_LOG_DIR	"/var/log/c2audit"
#define CONF_RULES	"/etc/c2audit/rules.d"

enum conf_flush {
	FLUSH_NONE,		/* leave it to the kernel's writeback */
	FLUSH_INTERVAL,		/* fdatasync every flush_ms */
	FLUSH_BATCH,		/* fdatasync each batch read (group commit) */
};

/* What to do when a condition is met (space low, disk full, ...) */
enum conf_action {
	ACT_IGNORE,
	ACT_SYSLOG,		/* a warning in syslog */
	ACT_SUSPEND,		/* stop reading until the condition is gone */
	ACT_ROTATE,		/* rotate, removing the oldest beyond num_logs */
	ACT_KEEP_LOGS,		/* rotate, removing nothing */
	ACT_HALT,		/* halt the system */
};

/* Linux audit's messages (logins, sudo, AppArmor, ...): how to get them. */
enum conf_kaudit {
	KAUDIT_AUTO,		/* own, unless an audit daemon is registered */
	KAUDIT_OWN,		/* as the host's audit daemon (AUDIT_SET pid) */
	KAUDIT_BESIDE,		/* read-only, beside auditd (AUDIT_NLGRP_READLOG) */
	KAUDIT_OFF,		/* not at all */
};

/* A free-space threshold: bytes, or a percentage of the file system. */
struct conf_space {
	uint64_t bytes;
	unsigned int percent;	/* used when non-zero */
};

/* log_group: the group that may read the trail (c2audit-forward's) */
struct conf_group {
	bool set;
	gid_t gid;
	char name[64];
};

struct conf {
	char log_dir[PATH_MAX];
	struct conf_group log_group;	/* !set: only c2auditd's user reads */
	char rules_file[PATH_MAX];	/* "": the daemon leaves the rules be */
	char key_file[PATH_MAX];	/* "": the chain is not keyed */
	char device[PATH_MAX];
	enum conf_flush flush;
	unsigned int flush_ms;		/* FLUSH_INTERVAL */
	unsigned int read_batch;	/* records per read() */
	uint64_t max_log_file;		/* bytes; 0: no rotation by size */
	enum conf_action max_log_file_action;
	unsigned int num_logs;		/* files kept by rotation; 0: all */
	struct conf_space space_left;
	enum conf_action space_left_action;
	struct conf_space admin_space_left;
	enum conf_action admin_space_left_action;
	enum conf_action disk_full_action;
	enum conf_action disk_error_action;
	enum conf_kaudit kernel_audit;
	bool forward_verify;		/* c2audit-forward hashes the chain */
};

/* The defaults, as documented. */
void conf_init(struct conf *c);

/*
 * Parses one line into @c; @seen (a bitmask conf_line keeps, start at 0)
 * catches a key given twice. Returns 0, or -1 with @err saying what is
 * wrong and what was expected.
 */
int conf_line(struct conf *c, const char *line, uint64_t *seen, char *err,
	      size_t errlen);
/* Checks the keys together (admin_space_left below space_left, ...). */
int conf_check(const struct conf *c, char *err, size_t errlen);

/*
 * A line of a KEY = VALUE file, in place: '#' starts a comment, blanks
 * around key and value do not count. False for a line with nothing;
 * @value is NULL when there is no '='.
 */
bool conf_split(char *line, char **key, char **value);

/* Takes one line of a file; 0, or -1 with @err saying what is wrong. */
typedef int (*conf_line_fn)(void *ctx, const char *line, char *err,
			    size_t errlen);
/*
 * Gives each line of @path to @fn; errors are logged as FILE:LINE: what
 * @fn said, every one of them. -1 when the file cannot be read or a line
 * was refused.
 */
int conf_read(const char *path, conf_line_fn fn, void *ctx);

/*
 * Loads @path over the defaults. Errors are logged as FILE:LINE: what is
 * wrong, every one of them; returns -1 if there was any (@c is then
 * unspecified).
 */
int conf_load(struct conf *c, const char *path);
/* CONF_PATH if it exists, else the defaults; -1 on a bad file. */
int conf_load_default(struct conf *c);

const char *conf_action_name(enum conf_action a);
const char *conf_kaudit_name(enum conf_kaudit k);
/* "none", "batch", "interval:MS" into @out */
void conf_flush_name(const struct conf *c, char *out, size_t len);

#endif
