// SPDX-License-Identifier: GPL-2.0
/*
 * The spool: a bounded FIFO of messages in segments, in memory while
 * there is room and in files beyond that, kept until confirmed.
 *
 *   first                                           last
 *   [seg]------->[seg]------------>[seg]----------->[seg]
 *     ^ head        ^ sent
 *   confirmed | taken, unconfirmed | not yet taken  | appended here
 *
 * Cursors are (segment, offset, index); a segment is freed whole once
 * the head leaves it, or dropped whole by drop-oldest.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "spool.h"
#include "spool_int.h"
#include "timeout.h"

static size_t seg_start(const struct seg *s)
{
	return s->on_disk ? SEG_HDR : 0;
}

char *seg_path(const struct spool *sp, uint64_t seq)
{
	char *p;

	if (asprintf(&p, "%s/%016" PRIx64 ".seg", sp->dir, seq) < 0)
		abort();
	return p;
}

void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* --- the head file --------------------------------------------------- */

static void write_head(struct spool *sp)
{
	char tmp[PATH_MAX], path[PATH_MAX], line[64];
	struct seg *s = sp->head.seg;
	int fd, n;

	if (!sp->dir || !s || !s->on_disk)
		return;
	snprintf(path, sizeof(path), "%s/head", sp->dir);
	snprintf(tmp, sizeof(tmp), "%s/head.tmp", sp->dir);
	n = snprintf(line, sizeof(line), "%" PRIu64 " %zu\n", s->seq,
		     sp->head.off);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, line, n) != n || rename(tmp, path)) {
		log_warn("spool %s: head", sp->dir);
		unlink(tmp);
	}
	if (fd >= 0)
		close(fd);
}

/* --- segments ---------------------------------------------------------- */

void seg_unlink(struct spool *sp, struct seg *s)
{
	char *p;

	if (!s->on_disk)
		return;
	p = seg_path(sp, s->seq);
	if (unlink(p) && errno != ENOENT)
		log_warn("spool: remove %s", p);
	free(p);
	if (sp->rfd_seq == s->seq)
		close_fd(&sp->rfd);
	if (sp->last == s)
		close_fd(&sp->wfd);
}

/* Removes the first segment; its messages from the head on are gone. */
static uint64_t drop_first(struct spool *sp)
{
	struct seg *s = sp->first;
	uint64_t lost = s->count - sp->head.idx;

	sp->msgs -= lost;
	sp->bytes -= s->size - sp->head.off;
	if (sp->sent.seg == s) {
		uint64_t after = s->count - sp->sent.idx;

		sp->resend_left -= after < sp->resend_left ? after : sp->resend_left;
		sp->unconf_msgs = sp->unconf_bytes = 0;
	} else {
		sp->unconf_msgs -= lost;
		sp->unconf_bytes -= s->size - sp->head.off;
	}
	seg_unlink(sp, s);
	if (s->on_disk)
		sp->disk_used -= s->size;
	else
		sp->mem_used -= s->cap;
	sp->first = s->next;
	if (!sp->first)
		sp->last = NULL;
	if (sp->sent.seg == s)
		sp->sent = (struct cursor){ sp->first,
			sp->first ? seg_start(sp->first) : 0, 0 };
	sp->head = (struct cursor){ sp->first,
		sp->first ? seg_start(sp->first) : 0, 0 };
	free(s->mem);
	free(s);
	return lost;
}

void seg_append_list(struct spool *sp, struct seg *s)
{
	if (sp->last)
		sp->last->next = s;
	else
		sp->first = s;
	sp->last = s;
	if (!sp->head.seg)
		sp->head = sp->sent = (struct cursor){ s, seg_start(s), 0 };
}

static struct seg *seg_new_mem(struct spool *sp, size_t need)
{
	struct seg *s = calloc(1, sizeof(*s));

	if (!s)
		abort();
	s->cap = need > sp->seg_size ? need : sp->seg_size;
	s->mem = malloc(s->cap);
	if (!s->mem)
		abort();
	s->seq = sp->next_seq++;
	sp->mem_used += s->cap;
	seg_append_list(sp, s);
	return s;
}

static struct seg *seg_new_disk(struct spool *sp)
{
	struct seg *s;
	char *p = seg_path(sp, sp->next_seq);
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC,
		      0600);

	if (fd < 0 || write(fd, SEG_MAGIC, SEG_HDR) != SEG_HDR) {
		if (!sp->write_failed)
			log_warn("spool: create %s", p);
		sp->write_failed = true;
		if (fd >= 0) {
			close(fd);
			unlink(p);
		}
		free(p);
		return NULL;
	}
	free(p);
	s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	s->seq = sp->next_seq++;
	s->on_disk = true;
	s->size = SEG_HDR;
	sp->disk_used += SEG_HDR;
	close_fd(&sp->wfd);
	sp->wfd = fd;
	seg_append_list(sp, s);
	return s;
}

static bool fits_last(const struct spool *sp, size_t need)
{
	const struct seg *s = sp->last;

	if (!s)
		return false;
	if (!s->on_disk)
		return s->size + need <= s->cap;
	return s->size + need <= sp->seg_size && sp->wfd >= 0 &&
	       sp->disk_used + need <= sp->disk_max;
}

static bool mem_room(const struct spool *sp, size_t need)
{
	size_t cap = need > sp->seg_size ? need : sp->seg_size;

	return sp->mem_used + cap <= sp->mem_max;
}

static bool disk_room(const struct spool *sp, size_t need)
{
	return sp->dir && sp->disk_used + SEG_HDR + need <= sp->disk_max;
}

static int seg_write(struct spool *sp, struct seg *s, const void *msg,
		     size_t len)
{
	uint32_t n = (uint32_t)len;
	unsigned char hdr[MSG_HDR] = { n, n >> 8, n >> 16, n >> 24 };

	if (!s->on_disk) {
		memcpy(s->mem + s->size, hdr, MSG_HDR);
		memcpy(s->mem + s->size + MSG_HDR, msg, len);
	} else {
		struct iovec iov[2] = { { hdr, MSG_HDR }, { (void *)msg, len } };
		ssize_t w = writev(sp->wfd, iov, 2);

		if (w != (ssize_t)(MSG_HDR + len)) {
			if (!sp->write_failed)
				log_warn("spool %s: write", sp->dir);
			sp->write_failed = true;
			if (w > 0 && ftruncate(sp->wfd, s->size))
				close_fd(&sp->wfd);
			return -1;
		}
		sp->disk_used += MSG_HDR + len;
		sp->to_disk++;
	}
	s->size += MSG_HDR + len;
	s->count++;
	return 0;
}

uint64_t spool_put(struct spool *sp, const void *msg, size_t len)
{
	size_t need = MSG_HDR + len;
	uint64_t dropped = 0;
	struct seg *s = NULL;

	pthread_mutex_lock(&sp->lock);
	if (fits_last(sp, need)) {
		s = sp->last;
	} else {
		while (!mem_room(sp, need) && !disk_room(sp, need) &&
		       sp->full == SPOOL_DROP_OLDEST && sp->first)
			dropped += drop_first(sp);
		if (mem_room(sp, need))
			s = seg_new_mem(sp, need);
		else if (disk_room(sp, need))
			s = seg_new_disk(sp);
	}
	if (!s || seg_write(sp, s, msg, len)) {
		dropped++;
		goto out;
	}
	sp->msgs++;
	sp->bytes += need;
	pthread_cond_signal(&sp->cond);
out:
	pthread_mutex_unlock(&sp->lock);
	return dropped;
}

/* --- taking ------------------------------------------------------------ */

static bool has_next(struct spool *sp)
{
	struct cursor *c = &sp->sent;

	while (c->seg && c->off == c->seg->size && c->seg->next)
		*c = (struct cursor){ c->seg->next, seg_start(c->seg->next), 0 };
	return c->seg && c->off < c->seg->size;
}

static int read_at(struct spool *sp, struct seg *s, size_t off, void *p,
		   size_t n)
{
	if (!s->on_disk) {
		memcpy(p, s->mem + off, n);
		return 0;
	}
	if (sp->rfd < 0 || sp->rfd_seq != s->seq) {
		char *path = seg_path(sp, s->seq);

		close_fd(&sp->rfd);
		sp->rfd = open(path, O_RDONLY | O_CLOEXEC);
		free(path);
		if (sp->rfd < 0)
			return -1;
		sp->rfd_seq = s->seq;
	}
	return pread(sp->rfd, p, n, off) == (ssize_t)n ? 0 : -1;
}

/* The message at the sent cursor into @out; -1 on a read error. */
static int read_message(struct spool *sp, struct buf *out, size_t *len)
{
	struct cursor *c = &sp->sent;
	unsigned char hdr[MSG_HDR];

	if (read_at(sp, c->seg, c->off, hdr, MSG_HDR))
		return -1;
	*len = hdr[0] | hdr[1] << 8 | hdr[2] << 16 | (size_t)hdr[3] << 24;
	if (*len > c->seg->size - c->off - MSG_HDR)
		return -1;
	buf_reset(out);
	return read_at(sp, c->seg, c->off + MSG_HDR, buf_extend(out, *len), *len);
}

/* Under the lock: waits up to @timeout_ms for a message to take. */
static bool wait_locked(struct spool *sp, unsigned int timeout_ms)
{
	struct timespec until;

	deadline_in(&until, CLOCK_MONOTONIC, timeout_ms);
	while (!sp->woken && !has_next(sp))
		if (pthread_cond_timedwait(&sp->cond, &sp->lock, &until))
			break;
	sp->woken = false;
	return has_next(sp);
}

int spool_next(struct spool *sp, struct buf *out, unsigned int timeout_ms,
	       bool *again)
{
	size_t len;
	int got = 0;

	pthread_mutex_lock(&sp->lock);
	if (!wait_locked(sp, timeout_ms))
		goto out;
	if (read_message(sp, out, &len)) {
		/* a file we wrote cannot be read back: skip the rest of it */
		log_warn("spool %s: segment %" PRIx64 " unreadable, skipped",
			 sp->dir, sp->sent.seg->seq);
		sp->sent.off = sp->sent.seg->size;
		sp->sent.idx = sp->sent.seg->count;
		goto out;
	}
	sp->sent.off += MSG_HDR + len;
	sp->sent.idx++;
	sp->unconf_msgs++;
	sp->unconf_bytes += MSG_HDR + len;
	*again = sp->resend_left > 0;
	if (*again)
		sp->resend_left--;
	got = 1;
out:
	pthread_mutex_unlock(&sp->lock);
	return got;
}

bool spool_wait(struct spool *sp, unsigned int timeout_ms)
{
	bool ready;

	pthread_mutex_lock(&sp->lock);
	ready = wait_locked(sp, timeout_ms);
	pthread_mutex_unlock(&sp->lock);
	return ready;
}

uint64_t spool_unconfirmed(struct spool *sp)
{
	uint64_t n;

	pthread_mutex_lock(&sp->lock);
	n = sp->unconf_bytes;
	pthread_mutex_unlock(&sp->lock);
	return n;
}

uint64_t spool_confirm(struct spool *sp)
{
	uint64_t n;

	pthread_mutex_lock(&sp->lock);
	n = sp->unconf_msgs;
	/* segments the sent cursor has left were wholly delivered */
	while (sp->first && sp->first != sp->sent.seg)
		drop_first(sp);
	if (sp->first) {
		sp->msgs -= sp->sent.idx - sp->head.idx;
		sp->bytes -= sp->sent.off - sp->head.off;
		sp->head = sp->sent;
		if (sp->head.off == sp->first->size)
			drop_first(sp);		/* loses nothing: all taken */
		else
			write_head(sp);
	}
	sp->unconf_msgs = sp->unconf_bytes = 0;
	pthread_mutex_unlock(&sp->lock);
	return n;
}

uint64_t spool_rewind(struct spool *sp)
{
	uint64_t n;

	pthread_mutex_lock(&sp->lock);
	n = sp->unconf_msgs;
	sp->resend_left += n;
	sp->sent = sp->head;
	sp->unconf_msgs = sp->unconf_bytes = 0;
	pthread_mutex_unlock(&sp->lock);
	return n;
}

void spool_wake(struct spool *sp)
{
	pthread_mutex_lock(&sp->lock);
	sp->woken = true;
	pthread_cond_broadcast(&sp->cond);
	pthread_mutex_unlock(&sp->lock);
}

void spool_get_stats(struct spool *sp, struct spool_stats *st)
{
	pthread_mutex_lock(&sp->lock);
	st->msgs = sp->msgs;
	st->bytes = sp->bytes;
	st->disk_bytes = sp->disk_used;
	st->to_disk = sp->to_disk;
	pthread_mutex_unlock(&sp->lock);
}

/* --- opening ---------------------------------------------------------- */

struct spool *spool_open(const struct spool_conf *c, char *err, size_t errlen)
{
	struct spool *sp = calloc(1, sizeof(*sp));

	if (!sp)
		abort();
	sp->mem_max = c->mem_max;
	sp->disk_max = c->disk_max;
	sp->full = c->full;
	/* at least four segments fit in memory, so spool_mem means what it says */
	sp->seg_size = c->seg_size ? c->seg_size : SEG_DEFAULT;
	while (!c->seg_size && sp->seg_size > SEG_MIN &&
	       sp->seg_size * 4 > c->mem_max)
		sp->seg_size /= 2;
	sp->wfd = sp->rfd = -1;
	sp->next_seq = 1;
	pthread_mutex_init(&sp->lock, NULL);
	cond_init_monotonic(&sp->cond);
	if (!c->dir || !*c->dir)
		return sp;
	sp->dir = strdup(c->dir);
	if (!sp->dir)
		abort();
	if ((mkdir(sp->dir, 0700) && errno != EEXIST) || spool_load(sp)) {
		snprintf(err, errlen, "spool directory %s: %s", sp->dir,
			 strerror(errno));
		spool_close(sp);
		return NULL;
	}
	return sp;
}

/* --- closing ----------------------------------------------------------- */

/* Writes a memory segment to its file; it is then on disk. */
static int persist(struct spool *sp, struct seg *s)
{
	char *p = seg_path(sp, s->seq);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	struct iovec iov[2] = { { SEG_MAGIC, SEG_HDR }, { s->mem, s->size } };
	int ret = -1;

	if (fd >= 0 && writev(fd, iov, 2) == (ssize_t)(SEG_HDR + s->size) &&
	    !fsync(fd))
		ret = 0;
	else
		log_warn("spool: write %s", p);
	if (fd >= 0)
		close(fd);
	free(p);
	if (ret)
		return -1;
	s->on_disk = true;
	if (sp->head.seg == s)
		sp->head.off += SEG_HDR;
	return 0;
}

uint64_t spool_close(struct spool *sp)
{
	uint64_t left = sp->msgs;
	int dfd;

	spool_rewind(sp);
	if (sp->dir) {
		for (struct seg *s = sp->first; s; s = s->next)
			if (!s->on_disk && s->count > (sp->head.seg == s ? sp->head.idx : 0))
				persist(sp, s);
		if (sp->wfd >= 0)
			fsync(sp->wfd);
		write_head(sp);
		dfd = open(sp->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	while (sp->first) {
		struct seg *s = sp->first;

		sp->first = s->next;
		free(s->mem);
		free(s);
	}
	close_fd(&sp->wfd);
	close_fd(&sp->rfd);
	pthread_mutex_destroy(&sp->lock);
	pthread_cond_destroy(&sp->cond);
	free(sp->dir);
	free(sp);
	return left;
}
