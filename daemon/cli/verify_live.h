/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_VERIFY_LIVE_H
#define C2A_VERIFY_LIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "c2audit.h"
#include "trail.h"

/* The module's ids (verify_live.c), and the trail's newest of each CPU. */
struct live {
	bool on;
	const char *device;		/* /dev/audit */
	unsigned int n;			/* CPUs */
	struct c2a_cpu_seq *mod;	/* per CPU, from the module */
	uint64_t loaded_ns;		/* when it loaded */
	uint32_t reader;		/* its reader's pid */
	uint64_t *last;			/* per CPU, the trail's newest id */
};

/* Asks the module where its ids stand; -1 when it cannot be asked. */
int live_begin(struct live *lv, const char *device);
void live_see(struct live *lv, const struct c2a_record *rec);
/*
 * One line a CPU whose delivered records are not in the trail of @dir,
 * after giving c2auditd a moment to write them; -1 when there is one.
 */
int live_report(struct live *lv, const char *dir, const struct trail_key *key);
void live_free(struct live *lv);

#endif
