/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_CAPTURE_H
#define _C2A_CAPTURE_H

#include <linux/limits.h>
#include <linux/types.h>

#include "acted.h"
#include "c2audit.h"
#include "hooks.h"
#include "tasktab.h"

struct c2a_ring;
struct file;

/*
 * A name as the kernel copied it from the caller's memory during the call
 * (getname), found again by the argument that pointed to it.
 */
struct c2a_kname {
	const void *id;			/* the struct filename it came from */
	const char __user *uptr;	/* the caller's pointer */
	char *s;			/* our copy, NUL-terminated */
	u32 len;
	u8 pos;				/* argument (C2A_A0...), 0: by uptr */
	bool used;
};

#define C2A_KNAMES		4
/* Room in the capture for the names of a call, most of them short. */
#define C2A_KNAME_ROOM		256
/* Buffers of PATH_MAX in the capture: the executable's path and the object's. */
#define C2A_CAPTURE_BUFS	2

/*
 * An event between its hook and its commit: made by the hook's wrapper in
 * the calling task before the call (hooks.c), filled during and after it,
 * and committed before the call returns.
 */
struct c2a_capture {
	const struct c2a_sysdesc *desc;
	struct file *file;		/* object the call used or made, referenced */
	bool file_after;		/* file looked up by fd after the call */
	struct file *installed;		/* the first fd the call installed, */
	unsigned int installed_fd;	/* referenced, and its number (acted.c) */
	struct vfsmount *want_mnt;	/* of its last mnt_want_write() (acted.c) */
	char *xname;			/* an xattr's name, the kernel's copy */
	u32 xname_len;
	long ret;
	struct c2a_task_entry watch;	/* in names.c's table during the call */
	unsigned int nknames;
	struct c2a_kname knames[C2A_KNAMES];
	u32 kname_room_used;
	struct c2a_acted acted[C2A_ACTED_SLOTS];
	pid_t target;			/* the task a signal went to (acted.c) */
	struct c2a_entry e;		/* what the entry saw */
	struct c2a_record rec;		/* the head record being built */
	/* Not cleared when allocated: each byte is written before it is read. */
	char kname_room[C2A_KNAME_ROOM];	/* the knames' copies, if they fit */
	char bufs[C2A_CAPTURE_BUFS][PATH_MAX];	/* the builder's first buffers */
};

/*
 * Collects the strings of an event: each one's first bytes go inline in
 * the head record's text, the rest into continuation records at commit.
 * Buffers from c2a_builder_buf() live until c2a_builder_release().
 */
#define C2A_BUILDER_BUFS	8

struct c2a_spill {
	const char *data;		/* the bytes past the inline part */
	u32 offset;			/* of data in the whole string */
	u32 len;
	u8 type;
};

struct c2a_builder {
	struct c2a_record *rec;
	char (*own)[PATH_MAX];		/* a capture's bufs, used first; or NULL */
	u32 nown;
	const char *strs[C2A_STR_FSTYPE + 1];	/* each type's string, whole */
	u32 text_used;
	u32 nstr;
	u32 nparts;
	u32 nspill;
	u32 nbufs;
	struct c2a_spill spill[C2A_STR_SLOTS];
	char *bufs[C2A_BUILDER_BUFS];
};

int c2a_capture_init(void);
void c2a_capture_exit(void);
struct c2a_capture *c2a_capture_alloc(void);
void c2a_capture_free(struct c2a_capture *cap);
void c2a_capture_run(struct c2a_capture *cap);
void c2a_pending_get(void);
void c2a_pending_put(void);

/* builder.c */
int c2a_builder_init(void);
void c2a_builder_exit(void);
char *c2a_strbuf_alloc(gfp_t gfp);
void c2a_strbuf_free(char *buf);
char *c2a_builder_buf(struct c2a_builder *b);
void c2a_builder_add(struct c2a_builder *b, u8 type, const char *s, u32 len,
		     u8 flags);
void c2a_builder_add_cstr(struct c2a_builder *b, u8 type, const char *s);
void c2a_builder_release(struct c2a_builder *b);

/* commit.c */
void c2a_commit(struct c2a_builder *b);
void c2a_builder_commit(struct c2a_builder *b);
void c2a_commit_nowait(struct c2a_builder *b);
bool c2a_ring_put(struct c2a_ring *r, struct c2a_builder *b);
void c2a_loss(u64 n, u32 reasons);
void c2a_emit_config(u32 item, s32 result, u64 old_val, u64 new_val,
		     const char *text);

struct c2a_cfgstr {
	u8 type;			/* enum c2a_str_type */
	const char *s;
};

void c2a_emit_config_strs(u32 item, s32 result, u64 old_val, u64 new_val,
			  const struct c2a_cfgstr *strs, unsigned int n);

#endif /* _C2A_CAPTURE_H */
