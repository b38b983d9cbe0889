// SPDX-License-Identifier: GPL-2.0
/*
 * The objects of the common calls, filled from the table's description of
 * the call: paths and names, an fd, one more string.
 */
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>

#include "capture.h"
#include "hooks.h"
#include "names.h"
#include "paths.h"

/*
 * The file an fd argument names, when the VFS's check did not say what
 * the call acted on (acted.c): looked up again, after the call, and said
 * so (another thread may have put another file at that fd meanwhile).
 */
void c2a_at_return_fd(struct c2a_capture *cap)
{
	if (cap->acted[0].set)
		return;
	cap->file = fget(c2a_arg(&cap->e, cap->desc->fd));
	cap->file_after = true;
}

/*
 * The file whose fd the call returned, as the call installed it (acted.c):
 * the fd table is the process's, and another thread may close and reuse
 * the fd the moment it is in. Looked up again only if fd_install() could
 * not be hooked; an O_PATH file too (openat's, open_by_handle_at's).
 */
void c2a_at_return_result_fd(struct c2a_capture *cap)
{
	if (cap->ret < 0)
		return;
	if (cap->installed && cap->installed_fd == cap->ret) {
		cap->file = cap->installed;
		cap->installed = NULL;
		return;
	}
	cap->file = fget_raw(cap->ret);
	cap->file_after = true;
}

static bool c2a_follows(const struct c2a_patharg *pa, unsigned long at)
{
	if (pa->how == C2A_FOLLOW)
		return !(at & AT_SYMLINK_NOFOLLOW);
	return at & AT_SYMLINK_FOLLOW;
}

/*
 * The name in argument @pos: the kernel's copy when the call made one
 * (names.c), else what the caller's memory holds now, flagged as such.
 */
static void c2a_capture_name(struct c2a_capture *cap, struct c2a_builder *b,
			     u8 pos, struct c2a_ustr *name)
{
	const char __user *u = (const char __user *)c2a_arg(&cap->e, pos);
	const struct c2a_kname *k = c2a_kname_find(cap, pos, u);

	if (k) {
		*name = (struct c2a_ustr){ .s = k->s, .len = k->len };
		return;
	}
	c2a_read_user_string(b, u, name);
	name->flags |= C2A_STRF_UREAD;
}

/*
 * A path argument: the name as given, and the object it names made
 * absolute, looked up as the AT_* flags @at say (a call with flags of its
 * own, move_mount's, says what they mean in AT_* terms). @obj, when not
 * NULL, receives the inode's identity.
 */
void c2a_capture_path_at(struct c2a_capture *cap, struct c2a_builder *b,
			 const struct c2a_patharg *pa, unsigned long at,
			 unsigned int slot, u8 path_type, u8 name_type,
			 struct c2a_object *obj)
{
	int dirfd = pa->dirfd ? (int)c2a_arg(&cap->e, pa->dirfd) : AT_FDCWD;
	struct c2a_ustr name;

	c2a_capture_name(cap, b, pa->name, &name);
	/* Nothing to resolve when the call's result already named it. */
	if (pa->how != C2A_TEXT && (path_type != C2A_STR_NONE || obj) &&
	    !c2a_acted_add(cap, slot, b, path_type, obj))
		c2a_add_resolved(b, path_type, obj, dirfd, &name,
				 c2a_follows(pa, at), at & AT_EMPTY_PATH);
	c2a_add_ustr(b, name_type, &name);
}

static void c2a_capture_patharg(struct c2a_capture *cap, struct c2a_builder *b,
				const struct c2a_patharg *pa, unsigned int slot,
				u8 path_type, u8 name_type,
				struct c2a_object *obj)
{
	unsigned long at = pa->atflags ? c2a_arg(&cap->e, pa->atflags) : 0;

	c2a_capture_path_at(cap, b, pa, at, slot, path_type, name_type, obj);
}

/*
 * The call's one more string: an xattr's name as the kernel copied it
 * (acted.c), else what the caller's memory holds now, flagged as such.
 */
static void c2a_capture_str(struct c2a_capture *cap, struct c2a_builder *b)
{
	const struct c2a_sysdesc *d = cap->desc;
	struct c2a_ustr s;

	if (d->str_type == C2A_STR_XATTR && cap->xname) {
		c2a_builder_add(b, d->str_type, cap->xname, cap->xname_len, 0);
		return;
	}
	c2a_read_user_string(b, (const char __user *)c2a_arg(&cap->e, d->str),
			     &s);
	s.flags |= C2A_STRF_UREAD;
	c2a_add_ustr(b, d->str_type, &s);
}

void c2a_capture_objects(struct c2a_capture *cap, struct c2a_builder *b)
{
	const struct c2a_sysdesc *d = cap->desc;
	struct c2a_object *obj = &cap->rec.ev.u.sys.obj;

	bool have = false;

	if (cap->file) {
		c2a_object_set(obj, file_inode(cap->file));
		c2a_add_path_flags(b, C2A_STR_PATH, &cap->file->f_path,
				   cap->file_after ? C2A_STRF_AFTER : 0);
		have = true;
	} else if (d->fd) {
		have = c2a_acted_add(cap, 0, b, C2A_STR_PATH, obj);
	}
	/* The call's result, when it has one, already said what the path is. */
	if (d->path.how)
		c2a_capture_patharg(cap, b, &d->path, 0,
				    have ? C2A_STR_NONE : C2A_STR_PATH,
				    C2A_STR_NAME, have ? NULL : obj);
	if (d->path2.how)
		c2a_capture_patharg(cap, b, &d->path2, 1, C2A_STR_PATH2,
				    C2A_STR_NAME2, obj->ino ? NULL : obj);
	if (d->str)
		c2a_capture_str(cap, b);
}
