/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_PATHS_H
#define _C2A_PATHS_H

#include <linux/types.h>

#include "c2audit.h"

struct c2a_builder;
struct inode;
struct path;

/* A string copied from user memory into a builder buffer. */
struct c2a_ustr {
	const char *s;		/* NULL when it could not be read */
	u32 len;
	u8 flags;		/* C2A_STRF_* */
};

long c2a_d_path_into(const struct path *path, char *buf);
void c2a_add_dpath(struct c2a_builder *b, u8 type, const char *p, long len,
		   u8 flags);
void c2a_add_path(struct c2a_builder *b, u8 type, const struct path *path);
void c2a_add_path_flags(struct c2a_builder *b, u8 type,
			const struct path *path, u8 flags);
long c2a_path_string(const struct path *dir, const char *name, u32 nlen,
		     char *buf, u8 *flags);
void c2a_add_resolved(struct c2a_builder *b, u8 type, struct c2a_object *obj,
		      int dirfd, const struct c2a_ustr *name, bool follow,
		      bool empty);
void c2a_add_ustr(struct c2a_builder *b, u8 type, const struct c2a_ustr *u);
void c2a_read_user_string(struct c2a_builder *b, const char __user *src,
			  struct c2a_ustr *out);
void c2a_object_set(struct c2a_object *o, const struct inode *inode);
void c2a_object_copy(struct c2a_object *to, const struct c2a_object *from);

#endif /* _C2A_PATHS_H */
