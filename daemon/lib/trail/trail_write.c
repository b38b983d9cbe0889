// SPDX-License-Identifier: GPL-2.0
/* Writing a trail file: header, frames chained by hash, the seal. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "clock_ns.h"
#include "log.h"
#include "trail.h"
#include "trail_chain.h"

struct trail_writer {
	int fd;
	char *path;
	uint64_t seq;
	struct trail_chain chain;
	__u8 mac[TRAIL_MAC_LEN];	/* chain value after the last frame */
	uint64_t index;		/* frames written */
	uint64_t size;		/* bytes written */
	uint64_t records;
	bool sealed;
	__u8 *buf;		/* the frames of one append, encoded */
	size_t cap;		/* frames it has room for */
};

/* The boot id's 32 hex digits as 16 bytes (zero if unreadable). */
static void read_boot_id(__u8 id[16])
{
	char text[64], *p = text;
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "re");
	unsigned int i = 0, byte;

	memset(id, 0, 16);
	if (!f)
		return;
	if (fgets(text, sizeof(text), f))
		while (i < 16 && *p && *p != '\n') {
			if (*p == '-') {
				p++;
				continue;
			}
			if (sscanf(p, "%2x", &byte) != 1)
				break;
			id[i++] = byte;
			p += 2;
		}
	fclose(f);
}

static void header_fill(struct trail_file_header *h, uint64_t seq,
			const struct trail_prev *prev,
			const struct trail_key *key)
{
	struct utsname u;

	memset(h, 0, sizeof(*h));
	memcpy(h->magic, TRAIL_MAGIC, sizeof(h->magic));
	h->version = TRAIL_VERSION;
	h->header_size = TRAIL_HEADER_SIZE;
	h->frame_size = TRAIL_FRAME_MAX;
	h->abi_version = C2A_ABI_VERSION;
	h->record_size = C2A_RECORD_SIZE;
	h->file_seq = seq;
	h->created_ns = clock_ns(CLOCK_REALTIME);
	read_boot_id(h->boot_id);
	if (!uname(&u))
		memcpy(h->host, u.nodename,
		       strnlen(u.nodename, sizeof(h->host)));
	if (key) {
		h->flags |= TRAIL_HF_HMAC;
		memcpy(h->key_id, key->id, TRAIL_KEY_ID_LEN);
	}
	if (prev && prev->present) {
		h->flags |= TRAIL_HF_PREV;
		if (prev->unsealed)
			h->flags |= TRAIL_HF_PREV_UNSEALED;
		h->prev_seq = prev->seq;
		h->prev_frames = prev->tail.frames;
		h->prev_size = prev->tail.size;
		memcpy(h->prev_mac, prev->tail.mac, TRAIL_MAC_LEN);
	}
}

static int write_all(int fd, const void *p, size_t n, off_t off)
{
	while (n) {
		ssize_t w = pwrite(fd, p, n, off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p = (const char *)p + w;
		n -= w;
		off += w;
	}
	return 0;
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

/*
 * An unnamed file, given its name once the header is on disk, so nobody
 * sees a file without a whole header. Where O_TMPFILE is not supported
 * the file is created under its name directly.
 */
static int create_file(const char *dir, const char *path,
		       const struct trail_file_header *h)
{
	char proc[64];
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0640);
	bool named = fd < 0;	/* the name exists, and goes on failure */
	int e;

	if (named && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL))
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0640);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) || write_all(fd, h, sizeof(*h), 0) ||
	    fdatasync(fd))
		goto fail;
	if (!named) {
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) &&
		    linkat(fd, "", AT_FDCWD, path, AT_EMPTY_PATH))
			goto fail;
		named = true;
	}
	if (sync_dir(dir))
		goto fail;
	return fd;
fail:
	e = errno;
	if (named)
		unlink(path);
	close(fd);
	errno = e;
	return -1;
}

struct trail_writer *trail_create(const char *dir, uint64_t seq,
				  const struct trail_prev *prev,
				  const struct trail_key *key, char *err,
				  size_t errlen)
{
	struct trail_writer *w = calloc(1, sizeof(*w));
	struct trail_file_header h;

	if (!w)
		fatal("out of memory");
	w->path = trail_file_path(dir, seq);
	w->seq = seq;
	chain_init(&w->chain, key);
	header_fill(&h, seq, prev, key);
	chain_header(&w->chain, &h, h.mac);
	w->fd = create_file(dir, w->path, &h);
	if (w->fd < 0) {
		int e = errno;

		snprintf(err, errlen, "create %s: %s", w->path, strerror(e));
		chain_free(&w->chain);
		free(w->path);
		free(w);
		errno = e;
		return NULL;
	}
	memcpy(w->mac, h.mac, TRAIL_MAC_LEN);
	w->size = TRAIL_HEADER_SIZE;
	return w;
}

static void reserve(struct trail_writer *w, size_t n)
{
	if (n <= w->cap)
		return;
	free(w->buf);
	w->buf = malloc(n * TRAIL_FRAME_MAX);
	if (!w->buf)
		fatal("out of memory");
	w->cap = n;
}

/*
 * Makes frames of the @n bodies at @bodies (C2A_RECORD_SIZE bytes each,
 * records or the seal), chains them after the last one and writes them;
 * on failure cuts the file back to where it was.
 */
static int write_frames(struct trail_writer *w, const void *bodies, size_t n,
			unsigned int kind)
{
	__u8 mac[TRAIL_MAC_LEN];
	size_t len = 0;
	int e;

	reserve(w, n);
	memcpy(mac, w->mac, TRAIL_MAC_LEN);
	for (size_t i = 0; i < n; i++) {
		__u8 *f = w->buf + len;
		size_t flen = trail_frame_encode((const __u8 *)bodies +
						 i * C2A_RECORD_SIZE,
						 w->index + 1 + i, kind, f);
		__u8 *fmac = f + flen - TRAIL_MAC_LEN;

		chain_frame(&w->chain, mac, f, flen - TRAIL_MAC_LEN, fmac);
		memcpy(mac, fmac, TRAIL_MAC_LEN);
		len += flen;
	}
	if (!write_all(w->fd, w->buf, len, w->size)) {
		memcpy(w->mac, mac, TRAIL_MAC_LEN);
		w->index += n;
		w->size += len;
		return 0;
	}
	e = errno;
	/* Shrinking needs no space: the file stays whole frames. */
	if (ftruncate(w->fd, w->size))
		log_warn("%s: cut back to %" PRIu64 " bytes after a failed write",
			 w->path, w->size);
	errno = e;
	return -1;
}

int trail_append(struct trail_writer *w, const struct c2a_record *recs,
		 size_t n)
{
	if (w->sealed) {
		errno = EBADF;
		return -1;
	}
	if (!n)
		return 0;
	if (write_frames(w, recs, n, TRAIL_FRAME_RECORD))
		return -1;
	w->records += n;
	return 0;
}

int trail_sync(struct trail_writer *w)
{
	return fdatasync(w->fd);
}

int trail_seal(struct trail_writer *w, enum trail_seal_reason why)
{
	struct trail_seal s = {
		.frames = w->index,
		.time_ns = clock_ns(CLOCK_REALTIME),
		.reason = why,
	};

	if (w->sealed)
		return 0;
	if (write_frames(w, &s, 1, TRAIL_FRAME_SEAL) || fdatasync(w->fd))
		return -1;
	w->sealed = true;
	return 0;
}

void trail_writer_prev(const struct trail_writer *w, struct trail_prev *prev)
{
	memset(prev, 0, sizeof(*prev));
	prev->present = true;
	prev->unsealed = !w->sealed;
	prev->seq = w->seq;
	prev->tail.frames = w->index;
	prev->tail.size = w->size;
	prev->tail.sealed = w->sealed;
	memcpy(prev->tail.mac, w->mac, TRAIL_MAC_LEN);
}

void trail_writer_close(struct trail_writer *w)
{
	if (!w)
		return;
	close(w->fd);
	chain_free(&w->chain);
	free(w->buf);
	free(w->path);
	free(w);
}

const char *trail_writer_path(const struct trail_writer *w)
{
	return w->path;
}

uint64_t trail_writer_seq(const struct trail_writer *w)
{
	return w->seq;
}

uint64_t trail_writer_size(const struct trail_writer *w)
{
	return w->size;
}

uint64_t trail_writer_records(const struct trail_writer *w)
{
	return w->records;
}

/*
 * How @path ended: its last whole frame, whether that is the seal. Read
 * through (frames have no fixed size), without checking the chain: the
 * reviewer's verify does that.
 */
static int scan_tail(const char *path, struct trail_prev *prev, char *err,
		     size_t errlen)
{
	struct trail_reader *r = trail_open(path, NULL, 0, err, errlen);
	const struct c2a_record *rec;
	enum trail_step step;

	if (!r)
		return -1;
	do
		step = trail_next(r, &rec);
	while (step == TRAIL_RECORD || step == TRAIL_DAMAGE);
	if (step == TRAIL_ERROR) {
		snprintf(err, errlen, "%s: %s", path, trail_damage(r));
		trail_close(r);
		return -1;
	}
	trail_get_tail(r, &prev->tail);
	prev->unsealed = !prev->tail.sealed;
	trail_close(r);
	return 0;
}

int trail_prev_scan(const char *dir, struct trail_prev *prev, char *err,
		    size_t errlen)
{
	struct trail_files files;
	int ret;

	memset(prev, 0, sizeof(*prev));
	if (trail_list(dir, &files, err, errlen))
		return -1;
	if (!files.n) {
		trail_files_free(&files);
		return 0;
	}
	prev->seq = files.f[files.n - 1].seq;
	ret = scan_tail(files.f[files.n - 1].path, prev, err, errlen);
	prev->present = !ret;
	trail_files_free(&files);
	return ret;
}
