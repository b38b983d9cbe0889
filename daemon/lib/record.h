/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_RECORD_H
#define C2A_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "c2audit.h"

/* One string of an event, joined from the head and its continuations. */
struct evt_str {
	uint8_t type;		/* enum c2a_str_type */
	uint8_t flags;		/* C2A_STRF_* */
	uint32_t len;		/* full length, per the head */
	uint32_t have;		/* bytes received so far */
	char *data;		/* len + 1 bytes, NUL-terminated */
};

/* An event as the tools see it: a record plus its whole strings. */
struct evt {
	struct c2a_record rec;	/* the head, or a loss/other record */
	unsigned int nstr;
	struct evt_str str[C2A_STR_SLOTS];
	uint16_t parts_seen;
	bool incomplete;	/* some continuation records never came */
	bool damaged;		/* a record of it failed the trail's chain check */
};

typedef void (*evt_fn)(const struct evt *ev, void *ctx);

/*
 * Puts events back together. Heads and continuations of one CPU arrive in
 * order, but a read() may end in the middle of an event and records of
 * other CPUs may come in between, so state is kept per CPU.
 */
struct evt_asm {
	struct evt **pending;	/* by CPU */
	size_t ncpus;
	struct evt *user;	/* of the C2A_USER_CPU stream */
	evt_fn emit;
	void *ctx;
	uint64_t orphans;	/* continuation records with no head */
	uint64_t invalid;	/* records that failed validation */
	bool damaged;		/* set by a reader of the trail: the records fed
				   now failed its chain check */
};

const char *record_check(const struct c2a_record *rec);
const char *sys_name(unsigned int sysid);
int sys_lookup(const char *name);
const char *str_type_name(unsigned int type);
const char *lsm_hook_name(unsigned int hook);
int lsm_hook_lookup(const char *name);

void evt_asm_init(struct evt_asm *a, evt_fn emit, void *ctx);
void evt_asm_feed(struct evt_asm *a, const struct c2a_record *rec);
void evt_asm_flush(struct evt_asm *a);
void evt_asm_free(struct evt_asm *a);

const struct evt_str *evt_find_str(const struct evt *ev, unsigned int type);
struct evt *evt_copy(const struct evt *ev);
void evt_free(struct evt *ev);

#endif
