// SPDX-License-Identifier: GPL-2.0
/* c2auditd's trail files: the one being written, rotation, pruning. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock_ns.h"
#include "daemon.h"
#include "log.h"

static const struct trail_key *key_of(const struct daemon *d)
{
	return d->key.bytes ? &d->key : NULL;
}

/* The next number: past the last file made and any file in the directory. */
static void next_seq(struct daemon *d)
{
	struct trail_files files;
	char err[512];

	if (trail_list(d->conf.log_dir, &files, err, sizeof(err)))
		return;
	if (files.n && files.f[files.n - 1].seq >= d->store.next_seq)
		d->store.next_seq = files.f[files.n - 1].seq + 1;
	trail_files_free(&files);
}

static int store_create(struct daemon *d)
{
	struct store *s = &d->store;
	char err[512];

	next_seq(d);
	s->w = trail_create(d->conf.log_dir, s->next_seq, &s->prev, key_of(d),
			    err, sizeof(err));
	if (!s->w) {
		int e = errno;

		log_warnx("%s", err);
		errno = e;
		return -1;
	}
	s->next_seq++;
	s->dirty = false;
	log_info("writing %s", trail_writer_path(s->w));
	return 0;
}

int store_open(struct daemon *d)
{
	struct store *s = &d->store;
	char err[512];

	memset(s, 0, sizeof(*s));
	/* A damaged last file must not stop the trail: verify reports it. */
	if (trail_prev_scan(d->conf.log_dir, &s->prev, err, sizeof(err))) {
		log_warnx("%s: the new file cannot describe it", err);
		s->prev.present = false;
	} else if (s->prev.present && s->prev.unsealed) {
		log_warnx("trail file %llu was not sealed (its writer stopped without closing it); continuing after its record %llu",
			  (unsigned long long)s->prev.seq,
			  (unsigned long long)s->prev.tail.frames);
	}
	s->next_seq = s->prev.seq + 1;
	s->last_sync_ns = mono_ns();
	return store_create(d);
}

int store_write(struct daemon *d, const struct c2a_record *recs, size_t n)
{
	struct store *s = &d->store;
	uint64_t size;

	if (!s->w && store_create(d))
		return -1;
	size = trail_writer_size(s->w);
	if (trail_append(s->w, recs, n))
		return -1;
	d->bytes += trail_writer_size(s->w) - size;
	s->dirty = true;
	return 0;
}

int store_sync(struct daemon *d)
{
	struct store *s = &d->store;

	if (!s->w || !s->dirty)
		return 0;
	if (trail_sync(s->w))
		return -1;
	s->dirty = false;
	s->last_sync_ns = mono_ns();
	d->syncs++;
	return 0;
}

/*
 * Removes the oldest files until @keep are left besides the one being
 * written; the number removed, or -1.
 */
static int prune(struct daemon *d, size_t keep, const char *why)
{
	const char *current = d->store.w ? trail_writer_path(d->store.w) : "";
	struct trail_files files;
	char err[512];
	size_t old = 0;
	int removed = 0;

	if (trail_list(d->conf.log_dir, &files, err, sizeof(err))) {
		log_warnx("%s", err);
		return -1;
	}
	for (size_t i = 0; i < files.n; i++)
		old += strcmp(files.f[i].path, current) != 0;
	for (size_t i = 0; i < files.n && old > keep; i++) {
		if (!strcmp(files.f[i].path, current))
			continue;
		old--;
		if (unlink(files.f[i].path)) {
			log_warn("remove %s", files.f[i].path);
			continue;
		}
		log_info("removed %s (%s)", files.f[i].path, why);
		removed++;
	}
	trail_files_free(&files);
	return removed;
}

/* The oldest file but the one being written: -1 if there is none. */
int store_remove_oldest(struct daemon *d)
{
	struct trail_files files;
	char err[512];
	size_t n = 0;

	if (!trail_list(d->conf.log_dir, &files, err, sizeof(err))) {
		n = files.n;
		trail_files_free(&files);
	}
	/* The directory lists the file being written too. */
	if (d->store.w && n)
		n--;
	if (!n)
		return -1;
	return prune(d, n - 1, "disk full") > 0 ? 0 : -1;
}

static void store_end(struct daemon *d, enum trail_seal_reason why)
{
	struct store *s = &d->store;

	if (!s->w)
		return;
	if (trail_seal(s->w, why))
		log_warn("%s: not sealed; the next file's header says where it ends",
			 trail_writer_path(s->w));
	trail_writer_prev(s->w, &s->prev);
	trail_writer_close(s->w);
	s->w = NULL;
}

/*
 * Seals the file and starts the next one, first removing the oldest files
 * beyond num_logs when @prune: on a full disk that is what makes room.
 * -1 (errno) when the new file could not be made; the next write tries
 * again.
 */
int store_rotate(struct daemon *d, bool prune_old)
{
	char why[32];

	store_end(d, TRAIL_SEAL_ROTATE);
	snprintf(why, sizeof(why), "num_logs=%u", d->conf.num_logs);
	if (prune_old && d->conf.num_logs)
		prune(d, d->conf.num_logs - 1, why);
	return store_create(d);
}

void store_close(struct daemon *d, enum trail_seal_reason why)
{
	store_end(d, why);
}
