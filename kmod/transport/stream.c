// SPDX-License-Identifier: GPL-2.0
/*
 * read() and poll() of a record stream (stream.h): whole records only,
 * blocking unless O_NONBLOCK, never a wake-up per record (the producers
 * wake a reader only once it said it waits).
 */
#include <linux/kernel.h>

#include "c2audit.h"
#include "stream.h"

ssize_t c2a_stream_read(struct c2a_stream *s, struct file *file,
			char __user *buf, size_t count)
{
	u32 want = min_t(size_t, count, INT_MAX) / C2A_RECORD_SIZE;
	long n;

	if (!want)
		return -EINVAL;
	for (;;) {
		n = s->drain(s, buf, want);
		if (n)
			return n < 0 ? n : n * C2A_RECORD_SIZE;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		s->wait_prepare(s);
		if (wait_event_interruptible(s->wq, s->readable(s)))
			return -ERESTARTSYS;
	}
}

__poll_t c2a_stream_poll(struct c2a_stream *s, struct file *file,
			 poll_table *wait)
{
	poll_wait(file, &s->wq, wait);
	s->wait_prepare(s);
	return s->readable(s) ? EPOLLIN | EPOLLRDNORM : 0;
}
