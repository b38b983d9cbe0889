// SPDX-License-Identifier: GPL-2.0
/*
 * Audited file syscalls. Their objects are described, not coded: which
 * arguments name them by path (with which directory fd and AT_* flags,
 * following a final symlink or not), by fd, or by one more string.
 */
#include <linux/fcntl.h>
#include <uapi/linux/mount.h>

#include "capture.h"
#include "hooks.h"
#include "paths.h"

#define E(...)			.entry = { __VA_ARGS__ }
#define P(dfd, nm, fl, how)	{ dfd, nm, fl, how }
#define CWD			0

#define OPEN(call, dfd, nm, ...)					\
	{ .sysid = C2A_SYS_##call, E(__VA_ARGS__),			\
	  .path = P(dfd, nm, 0, C2A_FOLLOW),				\
	  .at_return = c2a_at_return_result_fd }
#define ONE(call, dfd, nm, fl, how, ...)				\
	{ .sysid = C2A_SYS_##call, E(__VA_ARGS__),			\
	  .path = P(dfd, nm, fl, how) }
#define TWO(call, dfd, nm, fl, how, dfd2, nm2, how2, ...)		\
	{ .sysid = C2A_SYS_##call, E(__VA_ARGS__),			\
	  .path = P(dfd, nm, fl, how), .path2 = P(dfd2, nm2, 0, how2) }
#define BYFD(call, ...)							\
	{ .sysid = C2A_SYS_##call, E(__VA_ARGS__), .fd = C2A_A0,	\
	  .at_return = c2a_at_return_fd }
#define XATTR(call, how, ...)						\
	{ .sysid = C2A_SYS_##call, E(__VA_ARGS__),			\
	  .path = P(CWD, C2A_A0, 0, how),				\
	  .str = C2A_A1, .str_type = C2A_STR_XATTR }
#define FXATTR(call, ...)						\
	{ .sysid = C2A_SYS_##call, E(__VA_ARGS__), .fd = C2A_A0,	\
	  .at_return = c2a_at_return_fd,				\
	  .str = C2A_A1, .str_type = C2A_STR_XATTR }

#define F C2A_FOLLOW
#define NF C2A_NOFOLLOW

/*
 * move_mount(from_dfd, from_path, to_dfd, to_path, flags) has flags of its
 * own: MOVE_MOUNT_F_* for the source, the same shifted by 4 (T_*) for the
 * destination. In AT_* terms, for the table's C2A_NOFOLLOW.
 */
static unsigned long c2a_move_at(unsigned long flags, unsigned int shift)
{
	unsigned long at = 0;

	if (flags & (MOVE_MOUNT_F_SYMLINKS << shift))
		at |= AT_SYMLINK_FOLLOW;
	if (flags & (MOVE_MOUNT_F_EMPTY_PATH << shift))
		at |= AT_EMPTY_PATH;
	return at;
}

/* The destination is the object (path), the mount moved there is path2. */
static void c2a_capture_move_mount(struct c2a_capture *cap,
				   struct c2a_builder *b)
{
	const struct c2a_sysdesc *d = cap->desc;
	struct c2a_object *obj = &cap->rec.ev.u.sys.obj;
	unsigned long flags = cap->e.args[4];

	c2a_capture_path_at(cap, b, &d->path, c2a_move_at(flags, 4), 0,
			    C2A_STR_PATH, C2A_STR_NAME, obj);
	c2a_capture_path_at(cap, b, &d->path2, c2a_move_at(flags, 0), 1,
			    C2A_STR_PATH2, C2A_STR_NAME2,
			    obj->ino ? NULL : obj);
}

/*
 * fsconfig(fd, cmd, key, value, aux): the context's fd, the parameter's
 * name, and a string parameter's value (a mount's source, say). The other
 * commands have no key; a value of another kind is not a string.
 */
static void c2a_capture_fsconfig(struct c2a_capture *cap,
				 struct c2a_builder *b)
{
	const char __user *key = (const char __user *)cap->e.args[2];
	const char __user *val = (const char __user *)cap->e.args[3];
	struct c2a_ustr s;

	c2a_capture_objects(cap, b);
	if (!key)
		return;
	c2a_read_user_string(b, key, &s);
	s.flags |= C2A_STRF_UREAD;
	c2a_add_ustr(b, C2A_STR_FSPARAM, &s);
	if (cap->e.args[1] != FSCONFIG_SET_STRING || !val)
		return;
	c2a_read_user_string(b, val, &s);
	s.flags |= C2A_STRF_UREAD;
	c2a_add_ustr(b, C2A_STR_FSVALUE, &s);
}

static const struct c2a_sysdesc c2a_files[] = {
	OPEN(open, CWD, C2A_A0, C2A_X64(open), C2A_IA32C(open)),
	OPEN(openat, C2A_A0, C2A_A1, C2A_X64(openat), C2A_IA32C(openat)),
	OPEN(openat2, C2A_A0, C2A_A1, C2A_X64(openat2), C2A_IA32(openat2)),
	OPEN(creat, CWD, C2A_A0, C2A_X64(creat), C2A_IA32(creat)),
	ONE(truncate, CWD, C2A_A0, 0, F, C2A_X64(truncate),
	    C2A_IA32C(truncate), C2A_IA32(ia32_truncate64)),
	BYFD(ftruncate, C2A_X64(ftruncate), C2A_IA32C(ftruncate),
	     C2A_IA32(ia32_ftruncate64)),
	ONE(unlink, CWD, C2A_A0, 0, NF, C2A_X64(unlink), C2A_IA32(unlink)),
	ONE(unlinkat, C2A_A0, C2A_A1, 0, NF, C2A_X64(unlinkat),
	    C2A_IA32(unlinkat)),
	TWO(rename, CWD, C2A_A0, 0, NF, CWD, C2A_A1, NF,
	    C2A_X64(rename), C2A_IA32(rename)),
	TWO(renameat, C2A_A0, C2A_A1, 0, NF, C2A_A2, C2A_A3, NF,
	    C2A_X64(renameat), C2A_IA32(renameat)),
	TWO(renameat2, C2A_A0, C2A_A1, 0, NF, C2A_A2, C2A_A3, NF,
	    C2A_X64(renameat2), C2A_IA32(renameat2)),
	TWO(link, CWD, C2A_A0, 0, NF, CWD, C2A_A1, NF,
	    C2A_X64(link), C2A_IA32(link)),
	TWO(linkat, C2A_A0, C2A_A1, C2A_A4, NF, C2A_A2, C2A_A3, NF,
	    C2A_X64(linkat), C2A_IA32(linkat)),
	/* The link is the object; its target is a string, never looked up. */
	TWO(symlink, CWD, C2A_A1, 0, NF, CWD, C2A_A0, C2A_TEXT,
	    C2A_X64(symlink), C2A_IA32(symlink)),
	TWO(symlinkat, C2A_A1, C2A_A2, 0, NF, CWD, C2A_A0, C2A_TEXT,
	    C2A_X64(symlinkat), C2A_IA32(symlinkat)),
	ONE(mkdir, CWD, C2A_A0, 0, NF, C2A_X64(mkdir), C2A_IA32(mkdir)),
	ONE(mkdirat, C2A_A0, C2A_A1, 0, NF, C2A_X64(mkdirat),
	    C2A_IA32(mkdirat)),
	ONE(rmdir, CWD, C2A_A0, 0, NF, C2A_X64(rmdir), C2A_IA32(rmdir)),
	ONE(mknod, CWD, C2A_A0, 0, NF, C2A_X64(mknod), C2A_IA32(mknod)),
	ONE(mknodat, C2A_A0, C2A_A1, 0, NF, C2A_X64(mknodat),
	    C2A_IA32(mknodat)),
	ONE(chmod, CWD, C2A_A0, 0, F, C2A_X64(chmod), C2A_IA32(chmod)),
	BYFD(fchmod, C2A_X64(fchmod), C2A_IA32(fchmod)),
	ONE(fchmodat, C2A_A0, C2A_A1, 0, F, C2A_X64(fchmodat),
	    C2A_IA32(fchmodat)),
	ONE(chown, CWD, C2A_A0, 0, F, C2A_X64(chown), C2A_IA32(chown16),
	    C2A_IA32(chown)),
	BYFD(fchown, C2A_X64(fchown), C2A_IA32(fchown16), C2A_IA32(fchown)),
	ONE(lchown, CWD, C2A_A0, 0, NF, C2A_X64(lchown), C2A_IA32(lchown16),
	    C2A_IA32(lchown)),
	ONE(fchownat, C2A_A0, C2A_A1, C2A_A4, F, C2A_X64(fchownat),
	    C2A_IA32(fchownat)),
	XATTR(setxattr, F, C2A_X64(setxattr), C2A_IA32(setxattr)),
	XATTR(lsetxattr, NF, C2A_X64(lsetxattr), C2A_IA32(lsetxattr)),
	FXATTR(fsetxattr, C2A_X64(fsetxattr), C2A_IA32(fsetxattr)),
	XATTR(removexattr, F, C2A_X64(removexattr), C2A_IA32(removexattr)),
	XATTR(lremovexattr, NF, C2A_X64(lremovexattr), C2A_IA32(lremovexattr)),
	FXATTR(fremovexattr, C2A_X64(fremovexattr), C2A_IA32(fremovexattr)),
	/* mount point, the source as given, the filesystem type */
	{ .sysid = C2A_SYS_mount, E(C2A_X64(mount), C2A_IA32(mount)),
	  .path = P(CWD, C2A_A1, 0, F), .path2 = P(CWD, C2A_A0, 0, C2A_TEXT),
	  .str = C2A_A2, .str_type = C2A_STR_FSTYPE },
	/* umount(2) of i386 is umount2(target, 0) */
	ONE(umount2, CWD, C2A_A0, 0, F, C2A_X64(umount), C2A_IA32(umount),
	    C2A_IA32(oldumount)),
	ONE(chroot, CWD, C2A_A0, 0, F, C2A_X64(chroot), C2A_IA32(chroot)),
	TWO(pivot_root, CWD, C2A_A0, 0, F, CWD, C2A_A1, F,
	    C2A_X64(pivot_root), C2A_IA32(pivot_root)),
	ONE(swapon, CWD, C2A_A0, 0, F, C2A_X64(swapon), C2A_IA32(swapon)),
	ONE(swapoff, CWD, C2A_A0, 0, F, C2A_X64(swapoff), C2A_IA32(swapoff)),
	/* The file opened: there is no name, only the handle. */
	{ .sysid = C2A_SYS_open_by_handle_at,
	  E(C2A_X64(open_by_handle_at), C2A_IA32C(open_by_handle_at)),
	  .at_return = c2a_at_return_result_fd },
	/* follows a final symlink only with AT_SYMLINK_FOLLOW */
	ONE(name_to_handle_at, C2A_A0, C2A_A1, C2A_A4, NF,
	    C2A_X64(name_to_handle_at), C2A_IA32(name_to_handle_at)),
	/* fchmodat with flags: from 6.6 */
	ONE(fchmodat2, C2A_A0, C2A_A1, C2A_A3, F, C2A_X64Q(fchmodat2),
	    C2A_IA32Q(fchmodat2)),
	/* The new mount API: a context for a type, set up, made a mount. */
	{ .sysid = C2A_SYS_fsopen, E(C2A_X64(fsopen), C2A_IA32(fsopen)),
	  .str = C2A_A0, .str_type = C2A_STR_FSTYPE },
	{ .sysid = C2A_SYS_fsconfig, E(C2A_X64(fsconfig), C2A_IA32(fsconfig)),
	  .fd = C2A_A0, .at_return = c2a_at_return_fd,
	  .capture = c2a_capture_fsconfig },
	BYFD(fsmount, C2A_X64(fsmount), C2A_IA32(fsmount)),
	{ .sysid = C2A_SYS_move_mount,
	  E(C2A_X64(move_mount), C2A_IA32(move_mount)),
	  .path = P(C2A_A2, C2A_A3, 0, NF), .path2 = P(C2A_A0, C2A_A1, 0, NF),
	  .capture = c2a_capture_move_mount },
	ONE(open_tree, C2A_A0, C2A_A1, C2A_A2, F, C2A_X64(open_tree),
	    C2A_IA32(open_tree)),
	ONE(mount_setattr, C2A_A0, C2A_A1, C2A_A2, F, C2A_X64(mount_setattr),
	    C2A_IA32(mount_setattr)),
};

const struct c2a_systable c2a_sys_files = {
	c2a_files, ARRAY_SIZE(c2a_files)
};
