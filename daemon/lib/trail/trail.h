/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_TRAIL_H
#define C2A_TRAIL_H

/*
 * The audit trail on disk: files of c2a_records, as the module wrote
 * them, each carrying a hash chain so that any change, removal,
 * reordering or truncation is detectable (Common Criteria FAU_STG.1).
 *
 * A log directory holds trail-NNNNNNNN.c2a files, NNNNNNNN the file's
 * sequence number: 1, 2, 3, ... across rotations and restarts, never
 * reused. Rotation never renames a file; it seals the current one and
 * starts the next number, and removes the oldest when there are too many.
 *
 * A file is a header and then frames, all little-endian:
 *
 *   offset 0     struct trail_file_header   (TRAIL_HEADER_SIZE bytes)
 *   offset 512   frame 1
 *   ...          frame 2, 3, ...
 *                the seal: a last frame of kind TRAIL_FRAME_SEAL, written
 *                when the file is closed (rotation, daemon stop)
 *
 * A frame holds one c2a_record (kind TRAIL_FRAME_RECORD) or the seal (its
 * body: C2A_RECORD_SIZE bytes either way), its index in the file (1, 2,
 * 3, ...) and the chain value after it. Since version 2 a frame keeps
 * only the body's nonzero 8-byte words: a record is mostly zeros (unused
 * text, ids of root, padding), and every byte stored is a byte hashed,
 * written and synced. Its head says which words it holds:
 *
 *   struct trail_frame_head   (TRAIL_FRAME_HEAD bytes: len, kind, index,
 *                              words: bit i set = body word i follows)
 *   the body words whose bit is set, in order (8 bytes each)
 *   mac                       (TRAIL_MAC_LEN bytes)
 *
 * so len = TRAIL_FRAME_HEAD + 8 * popcount(words) + TRAIL_MAC_LEN, and
 * the words not stored are zero. Since version 3 a syscall record's string
 * that repeats an earlier one whole (the name as given that is the path
 * as resolved: most opens) keeps no text: its strref's flags have
 * TRAIL_STRF_COPY and its inl is the slot it repeats, and the strings
 * after it move up. Version 2 files (no copies) and version 1 files (fixed frames of
 * TRAIL_FRAME_SIZE_V1 bytes: the body whole, index, kind, mac: struct
 * trail_frame) are still read and verified.
 *
 *   mac_0 = H(header bytes [0, offsetof(mac)))        stored in header.mac
 *   mac_i = H(mac_{i-1} || frame_i bytes [0, len - TRAIL_MAC_LEN))
 *           (version 1: frame_i bytes [0, offsetof(mac)))
 *
 * H is SHA-256, or HMAC-SHA-256 under a key when the header has
 * TRAIL_HF_HMAC (key_id then names the key: the first bytes of
 * SHA-256("c2audit trail key" || key)). An unkeyed chain catches accidents
 * and edits that leave the chain alone; only a keyed one resists someone
 * who rewrites the chain after an edit, as long as the key stays secret.
 *
 * Each file's header also describes how the file before it ended (its
 * number, frames, size, last chain value), so a whole file removed from
 * the middle of the trail, or the end of an older file cut off, shows too;
 * and so does a file whose writer died before sealing it, which is then
 * complete up to what the next header says.
 *
 * The file being written is locked (flock LOCK_EX) by its writer: a reader
 * that finds the lock knows the file simply has not ended yet.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "c2audit.h"

#define TRAIL_MAGIC		"C2ATRAIL"	/* 8 bytes, no NUL */
#define TRAIL_VERSION		3
#define TRAIL_VERSION_WORDS	2	/* no string copies: read, never written */
#define TRAIL_VERSION_FIXED	1	/* fixed frames: read, never written */
/*
 * Version 3: the flag of a string whose text is that of the earlier
 * string in slot inl (the module never sets it).
 */
#define TRAIL_STRF_COPY		0x80
#define TRAIL_HEADER_SIZE	512
#define TRAIL_MAC_LEN		32
#define TRAIL_KEY_ID_LEN	8
#define TRAIL_FRAME_SIZE_V1	(C2A_RECORD_SIZE + 48)
#define TRAIL_BODY_WORDS	(C2A_RECORD_SIZE / 8)
#define TRAIL_FRAME_HEAD	24
#define TRAIL_FRAME_MIN		(TRAIL_FRAME_HEAD + TRAIL_MAC_LEN)
#define TRAIL_FRAME_MAX		(TRAIL_FRAME_MIN + C2A_RECORD_SIZE)
#define TRAIL_NAME_PREFIX	"trail-"
#define TRAIL_NAME_SUFFIX	".c2a"

/* trail_file_header.flags */
#define TRAIL_HF_HMAC		0x01	/* the chain is HMAC-SHA-256 keyed */
#define TRAIL_HF_PREV		0x02	/* prev_* describe the file before this one */
#define TRAIL_HF_PREV_UNSEALED	0x04	/* ... which was never sealed (its
					   writer died, or the disk was full) */

struct trail_file_header {
	char magic[8];		/* TRAIL_MAGIC */
	__u32 version;		/* TRAIL_VERSION */
	__u32 header_size;	/* TRAIL_HEADER_SIZE */
	__u32 frame_size;	/* the largest frame: TRAIL_FRAME_MAX
				   (version 1: TRAIL_FRAME_SIZE_V1) */
	__u32 abi_version;	/* C2A_ABI_VERSION of the records */
	__u32 record_size;	/* C2A_RECORD_SIZE */
	__u32 flags;		/* TRAIL_HF_* */
	__u64 file_seq;		/* the NNNNNNNN of the file's name */
	__u64 created_ns;	/* CLOCK_REALTIME */
	__u8 boot_id[16];	/* /proc/sys/kernel/random/boot_id */
	char host[64];		/* nodename, NUL-padded */
	__u8 key_id[TRAIL_KEY_ID_LEN];	/* TRAIL_HF_HMAC: which key */
	__u64 prev_seq;		/* TRAIL_HF_PREV: the previous file's number, */
	__u64 prev_frames;	/* its last frame's index (0: it had none), */
	__u64 prev_size;	/* its size in bytes, */
	__u8 prev_mac[TRAIL_MAC_LEN];	/* and its last chain value */
	__u8 __reserved[288];	/* zero */
	__u8 mac[TRAIL_MAC_LEN];	/* mac_0 */
};

enum trail_frame_kind {
	TRAIL_FRAME_RECORD = 1,
	TRAIL_FRAME_SEAL = 2,
};

enum trail_seal_reason {
	TRAIL_SEAL_ROTATE = 1,	/* the next file continues the trail */
	TRAIL_SEAL_STOP = 2,	/* the daemon stopped */
};

/* Body of the last frame of a closed file */
struct trail_seal {
	__u64 frames;		/* frames before the seal */
	__u64 time_ns;		/* CLOCK_REALTIME when sealed */
	__u32 reason;		/* enum trail_seal_reason */
	__u32 __pad;
	__u8 __reserved[C2A_RECORD_SIZE - 24];	/* zero */
};

/* A frame as read: the body whole (version 1's frame on disk) */
struct trail_frame {
	union {
		struct c2a_record rec;	/* TRAIL_FRAME_RECORD */
		struct trail_seal seal;	/* TRAIL_FRAME_SEAL */
	};
	__u64 index;		/* 1, 2, 3, ... within the file */
	__u32 kind;		/* enum trail_frame_kind */
	__u32 __pad;		/* zero */
	__u8 mac[TRAIL_MAC_LEN];	/* mac_index */
};

/* The head of a version 2 frame on disk */
struct trail_frame_head {
	__u32 len;		/* bytes of the frame, its mac included */
	__u32 kind;		/* enum trail_frame_kind */
	__u64 index;		/* 1, 2, 3, ... within the file */
	__u64 words;		/* bit i: the body's word i is stored */
};

_Static_assert(sizeof(struct trail_file_header) == TRAIL_HEADER_SIZE,
	       "trail_file_header");
_Static_assert(sizeof(struct trail_seal) == C2A_RECORD_SIZE, "trail_seal");
_Static_assert(sizeof(struct trail_frame) == TRAIL_FRAME_SIZE_V1, "trail_frame");
/* Either version's chain covers a frame's bytes but its last, the mac. */
_Static_assert(offsetof(struct trail_frame, mac) ==
	       TRAIL_FRAME_SIZE_V1 - TRAIL_MAC_LEN, "trail_frame.mac");
_Static_assert(sizeof(struct trail_frame_head) == TRAIL_FRAME_HEAD,
	       "trail_frame_head");
_Static_assert(TRAIL_BODY_WORDS == 64, "trail_frame_head.words");

/* --- frames (trail_frame.c) ---------------------------------------------- */

/*
 * Makes @body (C2A_RECORD_SIZE bytes) the version 2 frame @index of
 * @kind in @out (TRAIL_FRAME_MAX bytes), its mac left to fill: the
 * frame's length.
 */
size_t trail_frame_encode(const void *body, __u64 index, __u32 kind,
			  __u8 *out);
/* The length @h's words give its frame, or 0 when its len says otherwise. */
size_t trail_frame_head_len(const struct trail_frame_head *h);
/*
 * The version 2 frame at @p, of which @avail bytes are there, into @f:
 * its length; 0 when it goes on past @avail (the head says how far when
 * at least TRAIL_FRAME_HEAD bytes are there: *@need); -1 when its head
 * is not a frame's (a length that does not match its words).
 */
long trail_frame_decode(const __u8 *p, size_t avail, struct trail_frame *f,
			size_t *need);
/*
 * Gives a version 3 record read from a frame its copied strings back:
 * 0, or -1 when a copy does not name an earlier string of its length.
 */
int trail_body_uncopy(struct c2a_record *rec);

/* --- keys (trail_key.c) ------------------------------------------------ */

struct trail_key {
	unsigned char *bytes;
	size_t len;
	__u8 id[TRAIL_KEY_ID_LEN];
};

#define TRAIL_KEY_MIN		16	/* bytes */
#define TRAIL_KEY_MAX		4096

/*
 * Reads a key file: its bytes are the key (TRAIL_KEY_MIN..TRAIL_KEY_MAX of
 * them; `head -c 32 /dev/urandom` makes one). It must be a regular file
 * that only its owner may read or write. On failure @err says why.
 */
int trail_key_load(const char *path, struct trail_key *key, char *err,
		   size_t errlen);
void trail_key_free(struct trail_key *key);

/* --- the files of a log directory (trail_dir.c) ------------------------- */

struct trail_file {
	char *path;		/* DIR/trail-NNNNNNNN.c2a */
	uint64_t seq;		/* NNNNNNNN */
};

struct trail_files {
	struct trail_file *f;
	size_t n;
};

/*
 * The trail files of @dir, oldest first (by number, which rotation only
 * ever increases). Other names are ignored. Returns 0 (n may be 0), or -1
 * with @err set when the directory cannot be read.
 */
int trail_list(const char *dir, struct trail_files *out, char *err,
	       size_t errlen);
void trail_files_free(struct trail_files *files);
/*
 * The number of the newest trail file of @dir now (0: none, or the
 * directory cannot be read): whether c2auditd started another file since
 * the directory was listed, between sealing one and creating the next.
 */
uint64_t trail_newest(const char *dir);
/* DIR/trail-NNNNNNNN.c2a, malloc'd */
char *trail_file_path(const char *dir, uint64_t seq);

/* --- reading (trail_read.c) ---------------------------------------------- */

struct trail_reader;

/* trail_open() flags */
#define TRAIL_VERIFY	0x01	/* check the chain; a keyed file needs the key */

/*
 * Opens a trail file and checks its header (magic, versions, sizes; with
 * TRAIL_VERIFY its chain value and key). NULL with @err set (naming the
 * file) when it is not a readable trail file. @key may be NULL: then a
 * keyed file can be read but not verified, and TRAIL_VERIFY refuses it.
 */
struct trail_reader *trail_open(const char *path, const struct trail_key *key,
				unsigned int flags, char *err, size_t errlen);
void trail_close(struct trail_reader *r);

const struct trail_file_header *trail_header(const struct trail_reader *r);

enum trail_step {
	TRAIL_RECORD,	/* *rec points to the next record (valid until the
			   next call) */
	TRAIL_END,	/* no more frames: see trail_end_state() */
	TRAIL_DAMAGE,	/* damage: trail_damage() says what and where; *rec
			   is the damaged frame's record when there is one
			   (not to be trusted), else NULL. The next call goes
			   on after it. */
	TRAIL_ERROR,	/* read error (errno set); trail_damage() says more */
};

/*
 * The next record of the file, in the order written. The seal is checked
 * here and not returned. Damage found: a frame whose chain value does not
 * match (the record, or its index, was changed), an index out of sequence
 * (records deleted, reordered or duplicated), a frame cut short at the
 * end (truncation), a bad seal, frames after the seal. After damage the
 * chain is picked up again from the stored value, so later damage is
 * reported on its own. After TRAIL_END a file still being written may be
 * read on: the next call returns what was appended since.
 */
enum trail_step trail_next(struct trail_reader *r,
			   const struct c2a_record **rec);

/* After TRAIL_DAMAGE or TRAIL_ERROR: "record N: why", N the frame index. */
const char *trail_damage(const struct trail_reader *r);

enum trail_end_state {
	TRAIL_SEALED,	/* closed properly: complete */
	TRAIL_OPEN,	/* its writer holds it: the end so far */
	TRAIL_UNSEALED,	/* no seal and no writer: truncated at a frame
			   boundary, or its writer died; the next file's
			   header (prev_*) tells which */
};

/* After TRAIL_END. */
enum trail_end_state trail_end_state(const struct trail_reader *r);

/* Where the file ended (as the next file's header describes it). */
struct trail_tail {
	uint64_t frames;	/* index of the last whole frame */
	uint64_t size;		/* bytes in the file */
	uint8_t mac[TRAIL_MAC_LEN];	/* the last whole frame's stored mac */
	bool sealed;
	uint32_t partial;	/* bytes of an unfinished frame after it */
	uint32_t seal_reason;	/* sealed: enum trail_seal_reason */
	uint64_t seal_time_ns;	/* sealed: when (the seal's time_ns) */
};

void trail_get_tail(const struct trail_reader *r, struct trail_tail *t);
/*
 * For the last file of a trail, number @seq, that ended as @t: NULL when
 * the trail may end there, else why not (in @buf). A file sealed for
 * rotation said that another follows it: when none does, the newest files
 * were deleted. Nothing in the older files shows that otherwise.
 */
const char *trail_end_problem(uint64_t seq, const struct trail_tail *t,
			      char *buf, size_t len);
/* True when the chain is being checked (TRAIL_VERIFY was given). */
bool trail_verifying(const struct trail_reader *r);

/* --- writing (trail_write.c) --------------------------------------------- */

/* How the newest file of a directory ended, for the next file's header. */
struct trail_prev {
	bool present;		/* there was a previous file */
	bool unsealed;		/* it was never sealed */
	uint64_t seq;
	struct trail_tail tail;
};

/*
 * Looks at the newest trail file of @dir (without checking its chain: the
 * reviewer's verify does that) to continue the trail after it. @prev is
 * all zero when there is none. -1 with @err set when the directory or that
 * file cannot be read; prev->seq then still numbers the newest file.
 */
int trail_prev_scan(const char *dir, struct trail_prev *prev, char *err,
		    size_t errlen);

struct trail_writer;

/*
 * Creates DIR/trail-SEQ.c2a, mode 0640 less the umask (c2auditd's: 077,
 * or 027 with log_group), with its header (describing
 * @prev, which may be NULL), locks it, and makes it appear whole (the
 * header is on disk before the name is). @key NULL: an unkeyed chain.
 * NULL with @err and errno set on failure (EEXIST: the name is taken).
 */
struct trail_writer *trail_create(const char *dir, uint64_t seq,
				  const struct trail_prev *prev,
				  const struct trail_key *key, char *err,
				  size_t errlen);

/*
 * Appends @n records as frames, in one write. All or nothing: on failure
 * (-1, errno set: ENOSPC, EIO, ...) the file and the chain are as before,
 * so the same records can be appended again later.
 */
int trail_append(struct trail_writer *w, const struct c2a_record *recs,
		 size_t n);
/* fdatasync: what was appended is on disk. */
int trail_sync(struct trail_writer *w);
/* Appends the seal and syncs; -1 (errno) if that failed. */
int trail_seal(struct trail_writer *w, enum trail_seal_reason why);
/* Describes the file for the header of the one after it. */
void trail_writer_prev(const struct trail_writer *w, struct trail_prev *prev);
/* Closes the file, sealed or not, and releases its lock. */
void trail_writer_close(struct trail_writer *w);

const char *trail_writer_path(const struct trail_writer *w);
uint64_t trail_writer_seq(const struct trail_writer *w);
uint64_t trail_writer_size(const struct trail_writer *w);
uint64_t trail_writer_records(const struct trail_writer *w);

#endif
