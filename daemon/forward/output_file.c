// SPDX-License-Identifier: GPL-2.0
/*
 * JSON lines to a file, one event a line, rotated by size: PATH becomes
 * PATH.1, PATH.1 becomes PATH.2, ... up to PATH.N (rotate = N), as
 * logrotate would; reopen (SIGHUP) follows a rotation done by others.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "output_int.h"

#define FLUSH_AT	(64 * 1024)

struct file_out {
	int fd;
	uint64_t size;
	struct buf pending;	/* lines not yet written */
	uint64_t npending;
	int last_errno;		/* said once until it changes */
};

/*
 * The end of the last whole line of @fd, of @size bytes: a writer killed
 * in the middle of a write leaves part of a line (the rest comes again
 * after its restart, from the trail).
 */
static off_t whole_lines(int fd, off_t size)
{
	char chunk[4096];
	off_t end = size;

	while (end > 0) {
		size_t n = end < (off_t)sizeof(chunk) ? (size_t)end : sizeof(chunk);

		if (pread(fd, chunk, n, end - n) != (ssize_t)n)
			return size;	/* cannot tell: leave it */
		for (size_t i = n; i > 0; i--)
			if (chunk[i - 1] == '\n')
				return end - n + i;
		end -= n;
	}
	return 0;
}

/* Cuts a torn last line off. */
static void file_repair(struct output *o, struct file_out *f, off_t size)
{
	off_t keep = whole_lines(f->fd, size);

	if (keep == size)
		return;
	if (ftruncate(f->fd, keep)) {
		log_warn("output %s: %s: cutting off a torn last line",
			 o->conf->name, o->conf->path);
		return;
	}
	log_warnx("output %s: %s ended %lld bytes into a line (its writer was killed while writing): cut back to its last whole line; that event comes again",
		  o->conf->name, o->conf->path, (long long)(size - keep));
	f->size = keep;
}

static int file_open_fd(struct output *o, struct file_out *f)
{
	struct stat st;

	f->fd = open(o->conf->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
		     0600);
	if (f->fd < 0 || fstat(f->fd, &st)) {
		if (errno != f->last_errno)
			log_warn("output %s: %s", o->conf->name, o->conf->path);
		f->last_errno = errno;
		if (f->fd >= 0)
			close(f->fd);
		f->fd = -1;
		return -1;
	}
	f->size = st.st_size;
	if (S_ISREG(st.st_mode) && st.st_size)
		file_repair(o, f, st.st_size);
	return 0;
}

static int file_open(struct output *o, char *err, size_t errlen)
{
	struct file_out *f = calloc(1, sizeof(*f));

	if (!f)
		abort();
	o->priv = f;
	if (file_open_fd(o, f)) {
		snprintf(err, errlen, "output %s: %s: %s", o->conf->name,
			 o->conf->path, strerror(errno));
		return -1;
	}
	return 0;
}

static void rotate(struct output *o, struct file_out *f)
{
	const char *path = o->conf->path;
	char from[PATH_MAX + 16], to[PATH_MAX + 16];

	close(f->fd);
	f->fd = -1;
	for (unsigned int i = o->conf->rotate; i > 1; i--) {
		snprintf(from, sizeof(from), "%s.%u", path, i - 1);
		snprintf(to, sizeof(to), "%s.%u", path, i);
		if (rename(from, to) && errno != ENOENT)
			log_warn("output %s: rename %s", o->conf->name, from);
	}
	snprintf(to, sizeof(to), "%s.1", path);
	if (o->conf->rotate ? rename(path, to) : unlink(path))
		log_warn("output %s: rotate %s", o->conf->name, path);
	stat_add(&o->st.rotations, 1);
	file_open_fd(o, f);
}

static void file_flush(struct output *o)
{
	struct file_out *f = o->priv;
	size_t off = 0;

	if (!f->npending)
		return;
	if (f->fd < 0)
		file_open_fd(o, f);
	while (f->fd >= 0 && off < f->pending.len) {
		ssize_t w = write(f->fd, f->pending.data + off,
				  f->pending.len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			if (errno != f->last_errno)
				log_warn("output %s: write %s", o->conf->name,
					 o->conf->path);
			f->last_errno = errno;
			stat_add(&o->st.errors, 1);
			break;
		}
		off += w;
		f->size += w;
	}
	if (off == f->pending.len) {
		stat_add(&o->st.delivered, f->npending);
		stat_add(&o->st.sent, f->npending);
		f->last_errno = 0;
	} else {
		/* whole lines only were written, or the file would be torn */
		stat_add(&o->st.dropped, f->npending);
		if (off && f->fd >= 0 && ftruncate(f->fd, f->size - off) == 0)
			f->size -= off;
	}
	buf_reset(&f->pending);
	f->npending = 0;
	if (f->fd >= 0 && o->conf->max_size && f->size >= o->conf->max_size)
		rotate(o, f);
}

static void file_deliver(struct output *o, const struct output_msg *m)
{
	struct file_out *f = o->priv;

	buf_add(&f->pending, m->body->data, m->body->len);
	buf_addc(&f->pending, '\n');
	f->npending++;
	if (f->pending.len >= FLUSH_AT ||
	    (o->conf->max_size && f->size + f->pending.len >= o->conf->max_size))
		file_flush(o);
}

static void file_reopen(struct output *o)
{
	struct file_out *f = o->priv;

	file_flush(o);
	if (f->fd >= 0)
		close(f->fd);
	file_open_fd(o, f);
}

static void file_close(struct output *o)
{
	struct file_out *f = o->priv;

	if (!f)
		return;
	if (f->fd >= 0)
		close(f->fd);
	buf_free(&f->pending);
	free(f);
	o->priv = NULL;
}

const struct output_ops output_file_ops = {
	.open = file_open,
	.deliver = file_deliver,
	.idle = file_flush,
	.reopen = file_reopen,
	.stop = file_flush,
	.close = file_close,
};
