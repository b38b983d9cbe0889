/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_TRAIL_FOLLOW_H
#define C2A_TRAIL_FOLLOW_H

/*
 * Following a log directory as c2auditd writes it: every frame of every
 * file in order (file N, then N+1: never skipping one that exists), the
 * chain checked as it is read, each seal reported, and a position (file,
 * frame, chain value) that a reader keeps to go on from after a restart.
 * c2audit-forward, `c2audit tail -f` and `c2audit detect --follow` read
 * the trail this way.
 */

#include <stdbool.h>
#include <stdint.h>

#include "c2audit.h"
#include "trail.h"

/* Where a reader of a log directory is: after frame @index of file @seq. */
struct trail_pos {
	uint64_t seq;		/* 0: nowhere yet (start at the oldest file) */
	uint64_t index;		/* the last frame taken; 0: none of this file */
	bool done;		/* the file's seal was taken: go on at seq + 1 */
	bool has_mac;
	uint8_t mac[TRAIL_MAC_LEN];	/* the chain value after frame @index */
};

/*
 * The position file: a few "key value" lines, replaced atomically (a new
 * file, fsync, rename, fsync of the directory) so that a crash leaves the
 * old position or the new one. trail_pos_load(): 1 when there is no file
 * (*pos zeroed), 0 when read, -1 with @err when it is unreadable or wrong.
 */
int trail_pos_load(const char *path, struct trail_pos *pos, char *err,
		   size_t errlen);
int trail_pos_save(const char *path, const struct trail_pos *pos, char *err,
		   size_t errlen);

/* What a sealed file said of itself, for the outputs' seal record. */
struct trail_seal_info {
	char file[64];		/* trail-NNNNNNNN.c2a */
	uint64_t seq;
	uint64_t records;	/* record frames before the seal */
	uint64_t time_ns;	/* when it was sealed */
	uint32_t reason;	/* enum trail_seal_reason */
	bool keyed;		/* the chain is HMAC-SHA-256 */
	bool checked;		/* and this reader checked it */
	uint64_t damaged;	/* frames that failed the check */
	uint8_t key_id[TRAIL_KEY_ID_LEN];
	uint8_t mac[TRAIL_MAC_LEN];	/* the seal's chain value: the file's last */
	uint8_t boot_id[16];
	char host[65];
	uint64_t created_ns;	/* the header's */
};

enum follow_step {
	FOLLOW_RECORD,	/* *rec: the next record */
	FOLLOW_SEAL,	/* a file ended with its seal: trail_follow_seal() */
	FOLLOW_DAMAGE,	/* a frame failed the check (note); *rec is its
			   record when there is one, not to be trusted */
	FOLLOW_NOTE,	/* something to tell (note): files missing, a file
			   that ended unsealed, a chain that cannot be checked */
	FOLLOW_WAIT,	/* nothing new yet: call again later */
	FOLLOW_ERROR,	/* a file cannot be read now (note): call again later */
};

struct trail_follower;

/*
 * Follows log directory @dir from @from (NULL: from its oldest file),
 * checking the chains (@verify) with @key, which may be NULL: files with a
 * keyed chain are then read with their structure checked (order, counts,
 * truncation, seals) but not their hashes, said once.
 */
struct trail_follower *trail_follow_open(const char *dir,
					 const struct trail_key *key,
					 bool verify,
					 const struct trail_pos *from);
void trail_follow_close(struct trail_follower *f);

enum follow_step trail_follow_next(struct trail_follower *f,
				   const struct c2a_record **rec);
/* After FOLLOW_DAMAGE, _NOTE, _ERROR: what, naming the file. */
const char *trail_follow_note(const struct trail_follower *f);
/* After FOLLOW_SEAL. */
const struct trail_seal_info *trail_follow_seal(const struct trail_follower *f);
/* The position after what was returned last. */
void trail_follow_pos(const struct trail_follower *f, struct trail_pos *pos);

#endif
