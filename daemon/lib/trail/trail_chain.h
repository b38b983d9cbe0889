/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_TRAIL_CHAIN_H
#define C2A_TRAIL_CHAIN_H

#include "trail.h"

/* The hash of the chain, SHA-256 or HMAC-SHA-256 (see trail.h). */
struct trail_chain {
	void *md;		/* EVP_MD SHA-256, fetched once */
	void *md_ctx;		/* EVP_MD_CTX, unkeyed */
	void *mac_ctx;		/* EVP_MAC_CTX, keyed */
};

void chain_init(struct trail_chain *c, const struct trail_key *key);
void chain_free(struct trail_chain *c);
/* mac_0 of a header */
void chain_header(struct trail_chain *c, const struct trail_file_header *h,
		  __u8 out[TRAIL_MAC_LEN]);
/*
 * mac_i of a frame, from mac_{i-1}: over the frame's @len bytes before
 * its mac (version 1: offsetof(struct trail_frame, mac)).
 */
void chain_frame(struct trail_chain *c, const __u8 prev[TRAIL_MAC_LEN],
		 const void *frame, size_t len, __u8 out[TRAIL_MAC_LEN]);
/* The first TRAIL_KEY_ID_LEN bytes of SHA-256("c2audit trail key" || key) */
void chain_key_id(const unsigned char *key, size_t len,
		  __u8 id[TRAIL_KEY_ID_LEN]);

#endif
