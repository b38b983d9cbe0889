// SPDX-License-Identifier: GPL-2.0
/*
 * c2audit-forward's loop: read the trail (trail_follow.c), hand the
 * records and seals to the outputs in batches, and move the position in
 * the position file only past what every output has done with.
 *
 * Reading stops FORWARD_WINDOW records past the written position until
 * the outputs settle; the trail on disk is the queue, so nothing is ever
 * dropped for room here, and a restart sends again at most the window.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock_ns.h"
#include "forwarder.h"
#include "log.h"

#define BATCH		256	/* records per outputs_submit() */
#define POLL_MS		100	/* how often a trail at its end is looked at */
#define SETTLE_POLL_MS	10
#define WRITE_EVERY_NS	1000000000ULL	/* at most, while little comes */

volatile sig_atomic_t fwd_stop, fwd_reopen;

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void submit(struct forwarder *fw)
{
	if (fw->nbatch)
		outputs_submit(fw->set, fw->batch, fw->nbatch);
	fw->nbatch = 0;
	fw->given = fw->closed;
}

/*
 * Which events are not whole yet, as the outputs' reassembly sees them:
 * a head opens its CPU's event for its continuations (a new head on the
 * CPU ends the one before, whole or not).
 */
static void track(struct forwarder *fw, const struct c2a_record *rec)
{
	uint32_t cpu = rec->hdr.cpu;
	uint16_t left;

	if (cpu >= fw->ncpus) {
		size_t n = cpu + 16;
		uint16_t *p = realloc(fw->open, n * sizeof(*p));

		if (!p)
			fatal("out of memory");
		memset(p + fw->ncpus, 0, (n - fw->ncpus) * sizeof(*p));
		fw->open = p;
		fw->ncpus = n;
	}
	left = fw->open[cpu];
	if (rec->hdr.type == C2A_REC_CONT) {
		if (left)
			left--;
	} else {
		left = rec->hdr.nparts > 1 ? rec->hdr.nparts - 1 : 0;
	}
	fw->nopen += (left && !fw->open[cpu]);
	fw->nopen -= (!left && fw->open[cpu]);
	fw->open[cpu] = left;
}

static void take_record(struct forwarder *fw, const struct c2a_record *rec)
{
	fw->batch[fw->nbatch++] = *rec;
	fw->unwritten++;
	fw->forwarded++;
	track(fw, rec);
	if (fw->nbatch == BATCH)
		submit(fw);
}

static bool same_pos(const struct trail_pos *a, const struct trail_pos *b)
{
	return a->seq == b->seq && a->index == b->index && a->done == b->done;
}

static void write_pos(struct forwarder *fw)
{
	char err[512];

	if (trail_pos_save(fw->pos_path, &fw->given, err, sizeof(err))) {
		log_warnx("position not saved (a restart sends again what came since): %s",
			  err);
		return;
	}
	fw->written = fw->given;
	fw->unwritten = 0;
	fw->written_ns = mono_ns();
	log_debug("position: file %llu frame %llu%s",
		  (unsigned long long)fw->given.seq,
		  (unsigned long long)fw->given.index,
		  fw->given.done ? " (done)" : "");
}

/*
 * Once every output has done with all it was given, the position moves:
 * at once when the window is full, else at most once a second (each
 * write is an fsync and a rename).
 */
static void maybe_write(struct forwarder *fw, bool force)
{
	bool due;

	if (!outputs_settled(fw->set))
		return;
	if (force && fw->nopen && same_pos(&fw->given, &fw->written)) {
		/*
		 * A whole window and still an event waits for continuations
		 * (they were lost, on a CPU that has been quiet since): its
		 * outputs hold it; the position goes past it.
		 */
		trail_follow_pos(fw->follow, &fw->closed);
		fw->given = fw->closed;
		memset(fw->open, 0, fw->ncpus * sizeof(*fw->open));
		fw->nopen = 0;
	}
	if (same_pos(&fw->given, &fw->written)) {
		if (force)
			fw->unwritten = 0;
		return;
	}
	due = force || fw->unwritten >= fw->window / 2 ||
	      mono_ns() - fw->written_ns >= WRITE_EVERY_NS;
	if (due)
		write_pos(fw);
}

/* Says a problem once, not at every retry. */
static void say_error(struct forwarder *fw, const char *msg)
{
	if (!strcmp(msg, fw->last_err))
		return;
	snprintf(fw->last_err, sizeof(fw->last_err), "%s", msg);
	log_warnx("%s (trying again)%s", msg, strstr(msg, strerror(EACCES)) ?
		  "; the trail is read through c2auditd.conf's log_group: is this user in it?" : "");
}

static void take_seal(struct forwarder *fw)
{
	const struct trail_seal_info *s = trail_follow_seal(fw->follow);

	submit(fw);
	outputs_submit_seal(fw->set, s);
	fw->unwritten++;
	fw->seals++;
	log_info("%s sealed (%s) after %llu records%s", s->file,
		 s->reason == TRAIL_SEAL_ROTATE ? "rotated" : "stopped",
		 (unsigned long long)s->records,
		 s->damaged ? ", some of them damaged" : "");
}

/* One step of the follower; false when there is nothing to read now. */
static bool read_step(struct forwarder *fw)
{
	const struct c2a_record *rec;
	enum follow_step step = trail_follow_next(fw->follow, &rec);

	switch (step) {
	case FOLLOW_RECORD:
		take_record(fw, rec);
		break;
	case FOLLOW_SEAL:
		take_seal(fw);
		break;
	case FOLLOW_DAMAGE:
		log_warnx("%s%s; run `c2audit verify`",
			  trail_follow_note(fw->follow),
			  rec ? " (forwarded all the same)" : "");
		if (rec)
			take_record(fw, rec);
		break;
	case FOLLOW_NOTE:
		log_warnx("%s", trail_follow_note(fw->follow));
		break;
	case FOLLOW_ERROR:
		say_error(fw, trail_follow_note(fw->follow));
		return false;
	case FOLLOW_WAIT:
		fw->last_err[0] = '\0';
		return false;
	}
	if (!fw->nopen)
		trail_follow_pos(fw->follow, &fw->closed);
	if (!fw->nbatch)	/* a seal, or a full batch: all handed on */
		fw->given = fw->closed;
	return true;
}

int forward_run(struct forwarder *fw)
{
	while (!fwd_stop) {
		if (fwd_reopen) {
			fwd_reopen = 0;
			outputs_reopen(fw->set);
		}
		if (fw->unwritten >= fw->window) {
			/* the window is full: only the outputs can move it */
			submit(fw);
			maybe_write(fw, true);
			if (fw->unwritten >= fw->window)
				sleep_ms(SETTLE_POLL_MS);
			continue;
		}
		if (read_step(fw))
			continue;
		/*
		 * Before handing on what this round read: were the outputs
		 * done with the rounds before? (After it, they never are
		 * while records keep coming.)
		 */
		maybe_write(fw, false);
		submit(fw);
		sleep_ms(fw->last_err[0] ? 10 * POLL_MS : POLL_MS);
	}
	return 0;
}

void forward_finish(struct forwarder *fw, unsigned int ms)
{
	uint64_t end = mono_ns() + ms * 1000000ULL;

	submit(fw);
	while (!outputs_settled(fw->set) && mono_ns() < end)
		sleep_ms(SETTLE_POLL_MS);
	/*
	 * What is not settled now the outputs' stop delivers, keeps in a
	 * spool directory for their next start, or counts as dropped: past
	 * it either way.
	 */
	outputs_stop(fw->set);
	fw->set = NULL;
	if (!same_pos(&fw->given, &fw->written))
		write_pos(fw);
}
