/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_ACTED_H
#define _C2A_ACTED_H

#include <linux/path.h>
#include <linux/types.h>

#include "c2audit.h"

struct c2a_builder;
struct c2a_capture;

/*
 * An object as the call acted on it, taken in the VFS's security check:
 * its path as the caller's root saw it then, and the object itself,
 * referenced until the capture is freed, for its inode after the call;
 * its mount too, else an unmount (a lazy one, by another task) could free
 * the filesystem under the dentry while the record waits for the ring.
 * An object found by the call's own lookup is not held (that lookup may
 * be umount's, which a reference on its mount would make fail): its inode
 * is taken at once (@obj).
 */
struct c2a_acted {
	char *str;			/* PATH_MAX bytes */
	long len;			/* of str, or -errno */
	u8 flags;			/* C2A_STRF_* */
	bool set;
	bool have_obj;			/* @obj taken, nothing held */
	struct path path;		/* referenced, or none */
	struct c2a_object obj;
};

#define C2A_ACTED_SLOTS		2	/* path, path2 */

bool c2a_acted_add(struct c2a_capture *cap, unsigned int slot,
		   struct c2a_builder *b, u8 type, struct c2a_object *obj);
void c2a_acted_free(struct c2a_capture *cap);

#endif /* _C2A_ACTED_H */
