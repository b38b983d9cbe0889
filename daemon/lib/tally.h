/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_TALLY_H
#define C2A_TALLY_H

#include <stddef.h>
#include <stdint.h>

/* Counts of events and failures by a name (a syscall, a user, a program). */
struct tally_row {
	char *name;
	uint64_t events;
	uint64_t failures;
};

struct tally {
	struct tally_row *rows;	/* open addressing; name NULL when free */
	size_t cap;
	size_t n;
};

void tally_add(struct tally *t, const char *name, size_t len, uint64_t events,
	       uint64_t failures);
/* The rows, most events first (ties by name); the caller frees the array. */
struct tally_row *tally_sorted(const struct tally *t);
void tally_free(struct tally *t);

#endif
