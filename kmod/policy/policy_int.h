/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_POLICY_INT_H
#define C2A_POLICY_INT_H

/*
 * A compiled policy, shared by policy.c (building and publishing one) and
 * policy_match.c (deciding a call against the live one).
 */
#include <linux/bitmap.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "policy.h"

#define C2A_NOPOS		0xffff

struct c2a_krule {
	struct c2a_rule r;	/* as given, its pointers cleared */
	char *exe;		/* NUL-terminated, or NULL: any */
	char *path;		/* NUL-terminated, or NULL: any */
	u8 stage;		/* the first stage that knows all it asks */
	bool has_ids;		/* asks about the caller's ids */
	bool has_args;		/* about the call's arguments */
};

struct c2a_policy {
	struct rcu_head rcu;
	u32 gen;
	u32 count;
	struct c2a_krule *rules;	/* count of them, in order */
	u16 *by_sys[C2A_SYS_COUNT];	/* positions, ending in C2A_NOPOS */
	DECLARE_BITMAP(wanted, C2A_SYS_COUNT);	/* an audit rule selects it */
	u16 *by_lsm[C2A_LSM_COUNT];	/* the same for LSM hooks (lsm= rules) */
	u32 lsm_wanted;
};

/* The live policy: replaced under c2a.config_lock, read under RCU. */
extern struct c2a_policy __rcu *c2a_policy;

#endif
