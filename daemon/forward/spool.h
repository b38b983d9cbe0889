/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_SPOOL_H
#define C2A_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * A remote output's messages between the thread that makes them and the
 * one that sends them: a FIFO of segments, each in memory or in a file of
 * the spool directory, bounded in both. Messages stay in it after they
 * were sent until the collector confirms them, so a lost connection sends
 * the unconfirmed ones again (spool_rewind). At close what is left goes
 * to the directory, and the next open starts with it.
 *
 * A segment file DIR/SSSSSSSSSSSSSSSS.seg (SSS the segment's number, hex)
 * is "C2ASPL01" and then messages, each a 32-bit little-endian length and
 * its bytes. DIR/head says "SEQ OFFSET": what lies before is confirmed.
 *
 * Thread-safe: one thread puts, another takes, confirms and rewinds.
 */
struct spool;

enum spool_full {
	SPOOL_DROP_OLDEST,	/* drop the oldest segment to make room */
	SPOOL_DROP_NEWEST,	/* drop the message that does not fit */
};

struct spool_conf {
	const char *dir;	/* NULL or "": memory only */
	uint64_t mem_max;	/* bytes of segments in memory */
	uint64_t disk_max;	/* bytes of segment files */
	enum spool_full full;
	size_t seg_size;	/* 0: the default (256 KiB) */
};

struct spool_stats {
	uint64_t msgs;		/* waiting: unsent or unconfirmed */
	uint64_t bytes;
	uint64_t disk_bytes;	/* of which in files */
	uint64_t to_disk;	/* messages ever put into a file */
};

/* Opens (creating the directory) and loads what an earlier run left. */
struct spool *spool_open(const struct spool_conf *c, char *err, size_t errlen);

/*
 * Appends a message. Returns how many messages were dropped to obey the
 * bounds: this one (drop-newest, or a write error) or older ones.
 */
uint64_t spool_put(struct spool *sp, const void *msg, size_t len);

/*
 * Copies the next message not yet sent into @out (replacing its content)
 * and moves past it; waits up to @timeout_ms for one. Returns 1 with
 * *@again telling whether it was sent before (after a rewind), 0 when
 * there was none in time or spool_wake() was called.
 */
int spool_next(struct spool *sp, struct buf *out, unsigned int timeout_ms,
	       bool *again);
/* Waits up to @timeout_ms until there is a message to take. */
bool spool_wait(struct spool *sp, unsigned int timeout_ms);
/* Bytes of messages taken by spool_next() and not yet confirmed. */
uint64_t spool_unconfirmed(struct spool *sp);
/* Everything taken so far was delivered; returns how many messages. */
uint64_t spool_confirm(struct spool *sp);
/* Takes the unconfirmed messages again; returns how many. */
uint64_t spool_rewind(struct spool *sp);
/* Ends a wait in spool_next(). */
void spool_wake(struct spool *sp);

void spool_get_stats(struct spool *sp, struct spool_stats *st);

/*
 * Rewinds, writes what is left to the directory (when there is one) and
 * frees the spool. Returns the messages left behind.
 */
uint64_t spool_close(struct spool *sp);

#endif
