// SPDX-License-Identifier: GPL-2.0
/*
 * Opening a spool directory: the segments an earlier run left, from the
 * head file's position on. A torn last message (the writer died in it)
 * is cut; a segment that cannot be read is renamed *.bad and skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "spool_int.h"

static int parse_seq(const char *name, uint64_t *seq)
{
	char *end;

	if (strlen(name) != 20 || strcmp(name + 16, ".seg"))
		return -1;
	errno = 0;
	*seq = strtoull(name, &end, 16);
	return errno || end != name + 16 ? -1 : 0;
}

static int cmp_seq(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The numbers of the segment files, sorted; -1 when unreadable. */
static int list_segments(const char *dir, uint64_t **out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	uint64_t seq;

	*out = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (parse_seq(e->d_name, &seq))
			continue;
		*out = realloc(*out, (*n + 1) * sizeof(**out));
		if (!*out)
			abort();
		(*out)[(*n)++] = seq;
	}
	closedir(d);
	if (*n)
		qsort(*out, *n, sizeof(**out), cmp_seq);
	return 0;
}

static void set_aside(struct spool *sp, uint64_t seq, const char *why)
{
	char *p = seg_path(sp, seq), *bad;

	if (asprintf(&bad, "%s.bad", p) < 0)
		abort();
	log_warnx("spool %s: %s: %s; renamed to %s", sp->dir, p, why, bad);
	rename(p, bad);
	free(bad);
	free(p);
}

/*
 * Counts the messages of a segment file, cutting a torn last one (the
 * writer died in the middle of it). Sets *at_idx to the index of the
 * message at offset @at (-1 when @at is not a message boundary).
 */
static int scan_segment(struct spool *sp, struct seg *s, size_t at,
			int64_t *at_idx)
{
	char *p = seg_path(sp, s->seq);
	int fd = open(p, O_RDWR | O_CLOEXEC);
	unsigned char hdr[MSG_HDR];
	struct stat st;
	size_t off = SEG_HDR;
	char magic[SEG_HDR];
	int ret = -1;

	*at_idx = -1;
	if (fd < 0 || fstat(fd, &st))
		goto out;
	if (pread(fd, magic, SEG_HDR, 0) != SEG_HDR ||
	    memcmp(magic, SEG_MAGIC, SEG_HDR)) {
		errno = EINVAL;
		goto out;
	}
	for (;;) {
		size_t len;

		if (off == at)
			*at_idx = (int64_t)s->count;
		if (pread(fd, hdr, MSG_HDR, off) != MSG_HDR)
			break;
		len = hdr[0] | hdr[1] << 8 | hdr[2] << 16 | (size_t)hdr[3] << 24;
		if (off + MSG_HDR + len > (size_t)st.st_size)
			break;
		off += MSG_HDR + len;
		s->count++;
	}
	if (off != (size_t)st.st_size) {
		log_warnx("spool %s: %s ends in a torn message, cut at %zu",
			  sp->dir, p, off);
		if (ftruncate(fd, off))
			goto out;
	}
	s->size = off;
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	free(p);
	return ret;
}

static void read_head(struct spool *sp, uint64_t *seq, size_t *off)
{
	char path[PATH_MAX];
	FILE *f;

	*seq = 0;
	*off = SEG_HDR;
	snprintf(path, sizeof(path), "%s/head", sp->dir);
	f = fopen(path, "re");
	if (!f)
		return;
	if (fscanf(f, "%" SCNu64 " %zu", seq, off) != 2) {
		log_warnx("spool %s: unreadable head file, resending all",
			  sp->dir);
		*seq = 0;
		*off = SEG_HDR;
	}
	fclose(f);
}

static int load_one(struct spool *sp, uint64_t seq, uint64_t head_seq,
		    size_t head_off)
{
	struct seg *s = calloc(1, sizeof(*s));
	int64_t at_idx;

	if (!s)
		abort();
	s->seq = seq;
	s->on_disk = true;
	if (scan_segment(sp, s, seq == head_seq ? head_off : SEG_HDR, &at_idx)) {
		set_aside(sp, seq, strerror(errno));
		free(s);
		return 0;
	}
	if (s->count == 0 || (seq == head_seq && at_idx == (int64_t)s->count)) {
		free(s);
		seg_unlink(sp, &(struct seg){ .seq = seq, .on_disk = true });
		return 0;
	}
	sp->disk_used += s->size;
	seg_append_list(sp, s);
	if (seq == head_seq && at_idx > 0) {
		sp->head = sp->sent = (struct cursor){ s, head_off, at_idx };
	} else if (seq == head_seq && at_idx < 0) {
		log_warnx("spool %s: head not at a message of %016" PRIx64
			  ", resending it whole", sp->dir, seq);
	}
	sp->msgs += s->count - (sp->head.seg == s ? sp->head.idx : 0);
	sp->bytes += s->size - (sp->head.seg == s ? sp->head.off : SEG_HDR);
	return 0;
}

int spool_load(struct spool *sp)
{
	uint64_t *seqs, head_seq;
	size_t n, head_off;

	read_head(sp, &head_seq, &head_off);
	if (list_segments(sp->dir, &seqs, &n))
		return -1;
	/* numbers are never reused, even those of removed segments */
	sp->next_seq = head_seq + 1;
	for (size_t i = 0; i < n; i++) {
		if (seqs[i] >= sp->next_seq)
			sp->next_seq = seqs[i] + 1;
		if (seqs[i] < head_seq)
			seg_unlink(sp, &(struct seg){ .seq = seqs[i], .on_disk = true });
		else
			load_one(sp, seqs[i], head_seq, head_off);
	}
	free(seqs);
	return 0;
}
