/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_SPOOL_INT_H
#define C2A_SPOOL_INT_H

/*
 * The spool's insides, shared by spool.c (putting, taking, confirming)
 * and spool_load.c (what an earlier run left on disk).
 *
 * A segment file is SEG_MAGIC, then messages, each a 32-bit little-endian
 * length and its bytes; the file "head" holds the segment number and the
 * offset of the first unconfirmed message.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spool.h"

#define SEG_MAGIC	"C2ASPL01"
#define SEG_HDR		8
#define SEG_DEFAULT	(256 * 1024)
#define SEG_MIN		(4 * 1024)
#define MSG_HDR		4

struct seg {
	uint64_t seq;
	bool on_disk;
	char *mem;		/* in memory: cap bytes */
	size_t cap;
	size_t size;		/* end of the last message */
	uint64_t count;		/* messages in it */
	struct seg *next;
};

struct cursor {
	struct seg *seg;
	size_t off;
	uint64_t idx;		/* messages before off */
};

struct spool {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	char *dir;
	uint64_t mem_max, disk_max;
	enum spool_full full;
	size_t seg_size;

	struct seg *first, *last;
	struct cursor head, sent;
	uint64_t unconf_msgs, unconf_bytes;
	uint64_t resend_left;
	uint64_t msgs, bytes;	/* from the head on */
	uint64_t mem_used, disk_used, to_disk;
	uint64_t next_seq;
	int wfd;		/* the last segment's file, when on disk */
	int rfd;		/* a file being read */
	uint64_t rfd_seq;
	bool woken;
	bool write_failed;	/* said once */
};

char *seg_path(const struct spool *sp, uint64_t seq);
void close_fd(int *fd);
void seg_unlink(struct spool *sp, struct seg *s);
void seg_append_list(struct spool *sp, struct seg *s);

/* Takes in the segment files of sp->dir; -1 (errno) when unreadable. */
int spool_load(struct spool *sp);

#endif
