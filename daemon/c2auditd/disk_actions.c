// SPDX-License-Identifier: GPL-2.0
/*
 * c2auditd's conditions: space running low, a file at its size limit, the
 * disk full, a write error; each takes its configured action when it
 * begins. Suspending stops reading the device until the condition is gone,
 * so the module's block mode holds producers instead of losing records.
 */
#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock_ns.h"
#include "daemon.h"
#include "dev_audit.h"
#include "log.h"

#define SPACE_CHECK_NS	1000000000ULL	/* statvfs at most once a second */
#define LOSS_LOG_GAP_NS	10000000000ULL	/* a "records are lost" message at most so often */
#define HALT_COMMAND	"/sbin/halt"
#define WHY_LEN		(PATH_MAX + 256)	/* a message naming a path */

static const char *const cond_names[COND_COUNT] = {
	[COND_SPACE_LEFT] = "space_left",
	[COND_ADMIN_SPACE_LEFT] = "admin_space_left",
	[COND_MAX_LOG_FILE] = "max_log_file",
	[COND_DISK_FULL] = "disk_full",
	[COND_DISK_ERROR] = "disk_error",
};

static enum conf_action cond_action(const struct daemon *d, enum cond c)
{
	switch (c) {
	case COND_SPACE_LEFT:
		return d->conf.space_left_action;
	case COND_ADMIN_SPACE_LEFT:
		return d->conf.admin_space_left_action;
	case COND_MAX_LOG_FILE:
		return d->conf.max_log_file_action;
	case COND_DISK_FULL:
		return d->conf.disk_full_action;
	default:
		return d->conf.disk_error_action;
	}
}

static bool is_active(const struct daemon *d, enum cond c)
{
	return d->active & (1u << c);
}

static void suspend(struct daemon *d, enum cond c, const char *why)
{
	log_warnx("%s: suspended: no more records are read until it is resolved (%s_action=suspend)",
		  why, cond_names[c]);
	d->suspend = c;
}

static void resume(struct daemon *d, const char *why)
{
	log_warnx("%s: resumed reading records", why);
	d->suspend = NO_COND;
}

/*
 * Halts the system, as asked: rather than go on without a trail. Nothing
 * more is read meanwhile; so that the shutdown's own audited calls (init's,
 * which is not ours to exempt) do not wait for room in block mode, the
 * module is told first: they are lost, counted, instead.
 */
static void halt_system(struct daemon *d, enum cond c, const char *why)
{
	pid_t pid;
	int status = -1;

	log_warnx("%s: halting the system (%s_action=halt)", why, cond_names[c]);
	d->halting = true;
	d->suspend = c;
	store_sync(d);
	sync();
	dev_halting(d->rfd);
	pid = fork();
	if (pid == 0) {
		execl(HALT_COMMAND, "halt", (char *)NULL);
		_exit(127);
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    !WEXITSTATUS(status))
		return;
	log_warnx("%s failed (status %d): halting directly", HALT_COMMAND,
		  status);
	reboot(RB_HALT_SYSTEM);
	log_warn("halt");
}

/* A rotation as the action of @c; false when no new file could be made. */
static bool rotate_for(struct daemon *d, enum cond c, enum conf_action a,
		       const char *why)
{
	log_warnx("%s: rotating (%s_action=%s)", why, cond_names[c],
		  conf_action_name(a));
	return !store_rotate(d, a == ACT_ROTATE);
}

/* @c begins: its action. */
static void act(struct daemon *d, enum cond c, const char *why)
{
	enum conf_action a = cond_action(d, c);

	d->active |= 1u << c;
	switch (a) {
	case ACT_IGNORE:
		break;
	case ACT_SYSLOG:
		log_warnx("%s", why);
		break;
	case ACT_SUSPEND:
		suspend(d, c, why);
		break;
	case ACT_ROTATE:
	case ACT_KEEP_LOGS:
		if (!rotate_for(d, c, a, why))
			suspend(d, c, "no new trail file could be made");
		break;
	case ACT_HALT:
		halt_system(d, c, why);
		break;
	}
}

/* Free space of the log directory's file system, against a threshold. */
static bool below(const struct statvfs *vfs, const struct conf_space *t)
{
	uint64_t avail = (uint64_t)vfs->f_bavail * vfs->f_frsize;

	if (t->percent)
		return vfs->f_blocks &&
		       vfs->f_bavail * 100 < (uint64_t)t->percent * vfs->f_blocks;
	return avail < t->bytes;
}

static void space_check(struct daemon *d, const struct statvfs *vfs)
{
	static const enum cond conds[] = { COND_SPACE_LEFT, COND_ADMIN_SPACE_LEFT };
	const struct conf_space *t[] = { &d->conf.space_left,
					  &d->conf.admin_space_left };
	char why[WHY_LEN];

	for (size_t i = 0; i < 2; i++) {
		bool low = below(vfs, t[i]);

		if (!low) {
			d->active &= ~(1u << conds[i]);
			continue;
		}
		if (is_active(d, conds[i]))
			continue;
		snprintf(why, sizeof(why), "%s: %" PRIu64 " KiB free, below %s",
			 d->conf.log_dir,
			 (uint64_t)vfs->f_bavail * vfs->f_frsize >> 10,
			 cond_names[conds[i]]);
		act(d, conds[i], why);
	}
}

static uint64_t file_size(const struct daemon *d)
{
	return d->store.w ? trail_writer_size(d->store.w) : 0;
}

static void size_check(struct daemon *d)
{
	char why[WHY_LEN];

	if (!d->conf.max_log_file || file_size(d) < d->conf.max_log_file) {
		d->active &= ~(1u << COND_MAX_LOG_FILE);
		return;
	}
	if (is_active(d, COND_MAX_LOG_FILE))
		return;
	snprintf(why, sizeof(why), "%s reached max_log_file",
		 trail_writer_path(d->store.w));
	act(d, COND_MAX_LOG_FILE, why);
}

static uint64_t threshold(const struct conf_space *t, uint64_t total)
{
	return t->percent ? total / 100 * t->percent : t->bytes;
}

/*
 * Whether what was written since the last look may have taken the free
 * space below a threshold: then it is looked at now, not in a second.
 */
static bool space_may_be_low(const struct daemon *d)
{
	uint64_t a = threshold(&d->conf.space_left, d->space_total);
	uint64_t b = threshold(&d->conf.admin_space_left, d->space_total);
	uint64_t since = d->bytes - d->bytes_at_check;

	return d->space_free < (a > b ? a : b) + since;
}

/* After a batch was written, or the configuration changed. */
void cond_after_write(struct daemon *d, bool force_space_check)
{
	uint64_t now = mono_ns();
	struct statvfs vfs;

	size_check(d);
	if (!force_space_check && now < d->next_space_check_ns &&
	    !space_may_be_low(d))
		return;
	d->next_space_check_ns = now + SPACE_CHECK_NS;
	if (statvfs(d->conf.log_dir, &vfs)) {
		log_warn("statvfs %s", d->conf.log_dir);
		return;
	}
	d->space_free = (uint64_t)vfs.f_bavail * vfs.f_frsize;
	d->space_total = (uint64_t)vfs.f_blocks * vfs.f_frsize;
	d->bytes_at_check = d->bytes;
	space_check(d, &vfs);
}

static void give_up_batch(struct daemon *d)
{
	d->lost += d->pending;
	d->lost_episode += d->pending;
	d->pending = 0;
}

static bool is_full(int err)
{
	return err == ENOSPC || err == EDQUOT;
}

/*
 * rotate or keep_logs on a failed write: a new file, and the batch again;
 * for rotate on a full disk, removing the oldest files one by one until it
 * fits. Suspends when nothing more can be done.
 */
static void rotate_and_retry(struct daemon *d, enum cond c, enum conf_action a,
			     const char *why)
{
	d->active |= 1u << c;
	rotate_for(d, c, a, why);
	while (store_write(d, d->buf, d->pending)) {
		if (a != ACT_ROTATE || !is_full(errno) || store_remove_oldest(d)) {
			suspend(d, c, "still no room after the rotation");
			return;
		}
	}
	cond_write_ok(d);
}

/* Writing the pending batch failed with @err. */
void cond_write_failed(struct daemon *d, int err)
{
	enum cond c = is_full(err) ? COND_DISK_FULL : COND_DISK_ERROR;
	enum conf_action a = cond_action(d, c);
	char why[WHY_LEN];

	snprintf(why, sizeof(why), "writing the trail in %s: %s",
		 d->conf.log_dir, strerror(err));
	if (is_active(d, c)) {
		/* Still failing: ignore and syslog go on without the batch. */
		if (a == ACT_IGNORE || a == ACT_SYSLOG)
			give_up_batch(d);
		else if (d->suspend == NO_COND)
			suspend(d, c, why);
		return;
	}
	if (a == ACT_ROTATE || a == ACT_KEEP_LOGS) {
		rotate_and_retry(d, c, a, why);
		return;
	}
	if (a != ACT_IGNORE && a != ACT_SYSLOG) {
		act(d, c, why);
		return;
	}
	d->active |= 1u << c;
	give_up_batch(d);
	/*
	 * A disk that is nearly full fails and works by turns; one message a
	 * while is enough, and its end gives the count since the last one.
	 */
	if (a == ACT_SYSLOG && (!d->loss_logged_ns ||
				 mono_ns() - d->loss_logged_ns >= LOSS_LOG_GAP_NS)) {
		log_warnx("%s: records are lost until it works again (%s_action=syslog)",
			  why, cond_names[c]);
		d->loss_logged_ns = mono_ns();
		d->loss_logging = true;
	}
}

/* A write worked: a disk full or error episode is over. */
void cond_write_ok(struct daemon *d)
{
	unsigned int mask = (1u << COND_DISK_FULL) | (1u << COND_DISK_ERROR);

	d->written += d->pending;
	d->pending = 0;
	if (!(d->active & mask))
		return;
	d->active &= ~mask;
	if (d->loss_logging) {
		log_warnx("writing the trail works again; %" PRIu64 " records were lost meanwhile",
			  d->lost_episode);
		d->loss_logging = false;
		d->lost_episode = 0;
	} else if (!d->lost_episode && d->suspend == NO_COND) {
		log_warnx("writing the trail works again");
	}
}

/* While suspended, once a second: true when reading may resume. */
bool cond_recheck(struct daemon *d)
{
	struct statvfs vfs;
	enum cond c = d->suspend;

	if (d->halting)
		return false;
	if (c == COND_DISK_FULL || c == COND_DISK_ERROR) {
		if (store_write(d, d->buf, d->pending))
			return false;
		cond_write_ok(d);
		resume(d, "the trail can be written again");
		return true;
	}
	if (c == COND_MAX_LOG_FILE) {
		size_check(d);
		if (is_active(d, c))
			return false;
	} else {
		if (statvfs(d->conf.log_dir, &vfs)) {
			log_warn("statvfs %s", d->conf.log_dir);
			return false;
		}
		if (below(&vfs, c == COND_SPACE_LEFT ? &d->conf.space_left
						     : &d->conf.admin_space_left))
			return false;
		d->active &= ~(1u << c);
	}
	resume(d, cond_names[c]);
	return true;
}
