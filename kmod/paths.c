// SPDX-License-Identifier: GPL-2.0
/*
 * On what: object paths as the kernel resolved them, and names as the
 * caller gave them, made absolute against the cwd or a directory fd.
 */
#include <linux/dcache.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/kdev_t.h>
#include <linux/limits.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>

#include "capture.h"
#include "paths.h"

/*
 * Resolves @path into a new builder buffer, starting at its first byte;
 * returns the length or -errno.
 */
static long c2a_d_path(struct c2a_builder *b, const struct path *path,
		       char **out)
{
	char *buf = c2a_builder_buf(b);
	char *p;
	long len;

	if (!buf)
		return -ENOMEM;
	p = d_path(path, buf, PATH_MAX);
	if (IS_ERR(p))
		return PTR_ERR(p);
	len = buf + PATH_MAX - 1 - p;
	memmove(buf, p, len);
	*out = buf;
	return len;
}

void c2a_add_path(struct c2a_builder *b, u8 type, const struct path *path)
{
	char *p;
	long len = c2a_d_path(b, path, &p);

	if (len < 0)
		c2a_builder_add(b, type, "", 0, C2A_STRF_TRUNC);
	else
		c2a_builder_add(b, type, p, len, 0);
}

void c2a_add_ustr(struct c2a_builder *b, u8 type, const struct c2a_ustr *u)
{
	if (u->s)
		c2a_builder_add(b, type, u->s, u->len, u->flags);
}

void c2a_read_user_string(struct c2a_builder *b, const char __user *src,
			  struct c2a_ustr *out)
{
	char *buf = c2a_builder_buf(b);
	long n;

	*out = (struct c2a_ustr){};
	if (!buf) {
		*out = (struct c2a_ustr){ .s = "", .flags = C2A_STRF_TRUNC };
		return;
	}
	n = strncpy_from_user(buf, src, PATH_MAX);
	if (n < 0) {
		b->rec->hdr.flags |= C2A_RF_NOUSER;
		return;
	}
	out->s = buf;
	out->len = n;
	if (n == PATH_MAX) {
		out->len = PATH_MAX - 1;
		out->flags = C2A_STRF_TRUNC;
	}
}

/* The directory a relative name of an *at() call is looked up from. */
static int c2a_base_dir(int dirfd, struct path *base)
{
	struct file *f;

	if (dirfd == AT_FDCWD) {
		if (!current->fs)
			return -ENOENT;
		get_fs_pwd(current->fs, base);
		return 0;
	}
	if (!current->files)
		return -EBADF;
	f = fget(dirfd);
	if (!f)
		return -EBADF;
	*base = f->f_path;
	path_get(base);
	fput(f);
	return 0;
}

/*
 * Adds @name made absolute: unchanged when it starts with '/', else joined
 * to the path of its base directory. The join is textual, as the name was
 * not (or not wholly) resolved by the call.
 */
void c2a_add_at_path(struct c2a_builder *b, u8 type, int dirfd,
		     const struct c2a_ustr *name)
{
	struct path base;
	u8 flags = name->flags;
	char *p;
	long len;
	u32 n;

	if (!name->s)
		return;
	if (name->s[0] == '/' || c2a_base_dir(dirfd, &base)) {
		c2a_add_ustr(b, type, name);
		return;
	}
	len = c2a_d_path(b, &base, &p);
	path_put(&base);
	if (len < 0) {
		c2a_add_ustr(b, type, name);
		return;
	}
	if (len > 1)
		p[len++] = '/';
	n = min_t(u32, name->len, PATH_MAX - 1 - len);
	if (n < name->len)
		flags |= C2A_STRF_TRUNC;
	memcpy(p + len, name->s, n);
	c2a_builder_add(b, type, p, len + n, flags);
}

void c2a_object_set(struct c2a_object *o, const struct inode *inode)
{
	o->ino = inode->i_ino;
	o->dev = new_encode_dev(inode->i_sb->s_dev);
	o->mode = inode->i_mode;
	o->ouid = from_kuid(&init_user_ns, inode->i_uid);
	o->ogid = from_kgid(&init_user_ns, inode->i_gid);
}
