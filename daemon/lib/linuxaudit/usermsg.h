/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_USERMSG_H
#define C2A_USERMSG_H

/*
 * A message of Linux's audit subsystem as c2a_records of the C2A_USER_CPU
 * stream (c2audit.h): the head and, for a long text, its continuations.
 */

#include <stddef.h>
#include <stdint.h>

#include "c2audit.h"

/* The longest text kept; the kernel sends at most 8970 bytes. */
#define USERMSG_TEXT_MAX	32768
/* The records the longest message and exe= take, at most. */
#define USERMSG_RECORDS_MAX	(2 + (USERMSG_TEXT_MAX + 4096) / C2A_CONT_DATA)

/*
 * Makes the records of message @type (AUDIT_*) with text @text into @out
 * (room for @max records; USERMSG_RECORDS_MAX always suffice); ids from
 * @seq on. @now_ns stamps a text without audit(...). Returns the number
 * of records, or 0 when they would not fit.
 */
size_t usermsg_records(unsigned int type, const char *text, size_t len,
		       uint64_t seq, uint64_t now_ns, struct c2a_record *out,
		       size_t max);

/*
 * A loss marker of that stream: @count ids from @first_seq are gone
 * (0 when not known), for @reasons (C2A_LOSS_BACKLOG, _SOCKBUF, _SERIAL).
 */
void usermsg_loss(uint64_t seq, uint64_t first_seq, uint64_t count,
		  uint32_t reasons, uint64_t now_ns, struct c2a_record *out);

#endif
