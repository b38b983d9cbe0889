/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_STREAM_H
#define _C2A_STREAM_H

#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/types.h>
#include <linux/wait.h>

/*
 * A stream of whole records read from a descriptor: /dev/audit's reader
 * (device.c) and each observer's (observer.c). Both read and poll alike;
 * each says how it drains its rings, whether records wait, and how a
 * reader about to sleep asks its producers for a wake-up.
 */
struct c2a_stream {
	wait_queue_head_t wq;
	/* up to @want whole records into @buf: how many, or -errno */
	long (*drain)(struct c2a_stream *s, char __user *buf, u32 want);
	bool (*readable)(struct c2a_stream *s);
	void (*wait_prepare)(struct c2a_stream *s);
};

ssize_t c2a_stream_read(struct c2a_stream *s, struct file *file,
			char __user *buf, size_t count);
__poll_t c2a_stream_poll(struct c2a_stream *s, struct file *file,
			 poll_table *wait);

#endif /* _C2A_STREAM_H */
