// SPDX-License-Identifier: GPL-2.0
/*
 * On what: object paths as the kernel resolves them, and names as the
 * caller gave them.
 *
 * A name is made absolute by joining it to its base directory (the cwd or
 * a directory fd), then looked up again after the call, from the dentry
 * cache only: LOOKUP_CACHED never waits for I/O, a network filesystem or a
 * FUSE daemon (which may be the very task being audited). The object found
 * gives the canonical path and the inode; when it no longer exists (or
 * never did), its parent directory is resolved instead; when even that
 * fails, the joined name stands, as given.
 */
#include <linux/dcache.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/kdev_t.h>
#include <linux/limits.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>

#include "capture.h"
#include "paths.h"
#include "subject.h"

/*
 * Resolves @path into @buf, of PATH_MAX bytes, starting at its first byte;
 * returns the length or -errno.
 */
long c2a_d_path_into(const struct path *path, char *buf)
{
	char *p = d_path(path, buf, PATH_MAX);
	long len;

	if (IS_ERR(p))
		return PTR_ERR(p);
	len = buf + PATH_MAX - 1 - p;
	memmove(buf, p, len + 1);
	return len;
}

/* The same into a new builder buffer. */
static long c2a_d_path(struct c2a_builder *b, const struct path *path,
		       char **out)
{
	char *buf = c2a_builder_buf(b);

	if (!buf)
		return -ENOMEM;
	*out = buf;
	return c2a_d_path_into(path, buf);
}

void c2a_add_dpath(struct c2a_builder *b, u8 type, const char *p, long len,
		   u8 flags)
{
	if (len < 0)
		c2a_builder_add(b, type, "", 0, flags | C2A_STRF_TRUNC);
	else
		c2a_builder_add(b, type, p, len, flags);
}

void c2a_add_path_flags(struct c2a_builder *b, u8 type,
			const struct path *path, u8 flags)
{
	char *p;
	long len = c2a_d_path(b, path, &p);

	c2a_add_dpath(b, type, p, len, flags);
}

void c2a_add_path(struct c2a_builder *b, u8 type, const struct path *path)
{
	c2a_add_path_flags(b, type, path, 0);
}

void c2a_add_ustr(struct c2a_builder *b, u8 type, const struct c2a_ustr *u)
{
	if (u->s && type != C2A_STR_NONE)
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
		buf[out->len] = '\0';
		out->flags = C2A_STRF_TRUNC;
	}
}

/*
 * The directory a relative name of an *at() call is looked up from; an
 * O_PATH fd (what open_tree and fsmount return) is one too.
 */
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
	f = fget_raw(dirfd);
	if (!f)
		return -EBADF;
	*base = f->f_path;
	path_get(base);
	fput(f);
	return 0;
}

/*
 * @name joined to the path of @len bytes in @buf, of PATH_MAX bytes, cut
 * (and flagged) where it does not fit; returns the new length. d_path()
 * gives up to PATH_MAX - 1 bytes: at that length not even the '/' fits.
 */
static long c2a_join_into(char *buf, long len, const char *name, u32 nlen,
			  u8 *flags)
{
	long room = PATH_MAX - 1 - len - (len > 1);
	u32 n;

	if (room <= 0) {
		if (nlen)
			*flags |= C2A_STRF_TRUNC;
		return len;
	}
	if (len > 1)
		buf[len++] = '/';
	n = min_t(u32, nlen, room);
	if (n < nlen)
		*flags |= C2A_STRF_TRUNC;
	memcpy(buf + len, name, n);
	len += n;
	buf[len] = '\0';
	return len;
}

/* @name joined to @base's path, NUL-terminated, in a builder buffer. */
static long c2a_join(struct c2a_builder *b, const struct path *base,
		     const struct c2a_ustr *name, char **out, u8 *flags)
{
	long len = c2a_d_path(b, base, out);

	if (len < 0)
		return len;
	return c2a_join_into(*out, len, name->s, name->len, flags);
}

/*
 * The path of @dir, and @name in it when not NULL, into @buf of PATH_MAX
 * bytes: the length, or -errno.
 */
long c2a_path_string(const struct path *dir, const char *name, u32 nlen,
		     char *buf, u8 *flags)
{
	long len = c2a_d_path_into(dir, buf);

	if (len < 0 || !name)
		return len;
	return c2a_join_into(buf, len, name, nlen, flags);
}

static int c2a_lookup(const char *abs, unsigned int flags, struct path *out)
{
	return kern_path(abs, flags | LOOKUP_CACHED, out);
}

/*
 * The object is gone (or never was): name it by its resolved parent
 * directory and its last component. False when that cannot be done.
 */
static bool c2a_add_via_parent(struct c2a_builder *b, u8 type, char *abs,
			       u8 flags)
{
	struct path dir;
	const char *last;
	char *slash, *p;
	long dlen;
	u32 n;
	bool ok;

	slash = strrchr(abs, '/');
	if (!slash || !strcmp(slash, "/.") || !strcmp(slash, "/.."))
		return false;
	last = slash + 1;
	*slash = '\0';
	ok = !c2a_lookup(slash == abs ? "/" : abs,
			 LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
	*slash = '/';
	if (!ok)
		return false;
	dlen = c2a_d_path(b, &dir, &p);
	path_put(&dir);
	n = strlen(last);
	if (dlen < 0 || dlen + 1 + n > PATH_MAX - 1)
		return false;
	if (dlen > 1)
		p[dlen++] = '/';
	memcpy(p + dlen, last, n);
	p[dlen + n] = '\0';
	c2a_builder_add(b, type, p, dlen + n, flags);
	return true;
}

/*
 * Adds @found, the object the name @abs (NULL: none) led to. An io_uring
 * operation's capture is built after its completion is posted, so the
 * submitter may have unlinked the object in between: d_path() then says
 * "(deleted)", and the name it had is @abs.
 */
static void c2a_add_found(struct c2a_builder *b, u8 type,
			  struct c2a_object *obj, const struct path *found,
			  char *abs, u8 flags)
{
	char *p;
	long len;

	if (obj)
		c2a_object_set(obj, d_inode(found->dentry));
	if (type == C2A_STR_NONE)
		return;
	len = c2a_d_path(b, found, &p);
	if (abs && d_unlinked(found->dentry) &&
	    c2a_add_via_parent(b, type, abs, flags))
		return;
	c2a_add_dpath(b, type, p, len, flags);
}

/*
 * Adds, as a string of @type, the object @name (relative to @dirfd) names,
 * and its inode to @obj when not NULL. @follow: a final symlink is
 * followed; @empty: an empty name means the directory fd itself.
 */
void c2a_add_resolved(struct c2a_builder *b, u8 type, struct c2a_object *obj,
		      int dirfd, const struct c2a_ustr *name, bool follow,
		      bool empty)
{
	struct path base, found;
	u8 flags = name->flags, late;
	char *abs;
	long len;

	if (!name->s)
		return;
	if (c2a_base_dir(dirfd, &base)) {
		c2a_add_ustr(b, type, name);
		return;
	}
	late = (name->flags & C2A_STRF_UREAD) | C2A_STRF_AFTER;
	if (empty && !name->len) {
		c2a_add_found(b, type, obj, &base, NULL, late);
		path_put(&base);
		return;
	}
	if (name->s[0] == '/') {
		abs = c2a_builder_buf(b);
		len = abs ? name->len : -ENOMEM;
		if (abs)
			memcpy(abs, name->s, len + 1);
	} else {
		len = c2a_join(b, &base, name, &abs, &flags);
	}
	path_put(&base);
	if (len < 0) {
		c2a_add_ustr(b, type, name);
		return;
	}
	while (len > 1 && abs[len - 1] == '/')
		abs[--len] = '\0';
	if (!(flags & C2A_STRF_TRUNC) &&
	    !c2a_lookup(abs, follow ? LOOKUP_FOLLOW : 0, &found)) {
		c2a_add_found(b, type, obj, &found, abs, late);
		path_put(&found);
		return;
	}
	if (type == C2A_STR_NONE ||
	    (!(flags & C2A_STRF_TRUNC) &&
	     c2a_add_via_parent(b, type, abs, late)))
		return;
	c2a_builder_add(b, type, abs, len, flags | C2A_STRF_AFTER);
}

void c2a_object_set(struct c2a_object *o, const struct inode *inode)
{
	o->ino = inode->i_ino;
	o->dev = new_encode_dev(inode->i_sb->s_dev);
	o->mode = inode->i_mode;
	o->ouid = c2a_uid(inode->i_uid);
	o->ogid = c2a_gid(inode->i_gid);
}

/* The inode's identity of @from, to @to (whose other fields stay). */
void c2a_object_copy(struct c2a_object *to, const struct c2a_object *from)
{
	to->ino = from->ino;
	to->dev = from->dev;
	to->mode = from->mode;
	to->ouid = from->ouid;
	to->ogid = from->ogid;
}
