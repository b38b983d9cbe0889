/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_RECGEN_H
#define C2A_RECGEN_H

#include <stddef.h>
#include <stdint.h>

#include "c2audit.h"

struct fields;

/* A field's value as a string, "(absent)" when the event has none; valid
 * until the next call. */
const char *field_val(const struct fields *f, const char *key);

/* A string to put in a generated event. */
struct gen_str {
	uint8_t type;
	const char *s;
	size_t len;
};

/*
 * Writes a syscall event with the given strings as the module lays it out:
 * inline parts in the head, the rest in continuation records. Returns the
 * number of records written to out (room for max).
 */
size_t gen_event(struct c2a_record *out, size_t max, uint32_t cpu,
		 uint64_t seq, const struct gen_str *strs, size_t nstrs);
void gen_loss(struct c2a_record *out, uint32_t cpu, uint64_t seq,
	      uint64_t first, uint64_t count, uint32_t reasons);

#endif
