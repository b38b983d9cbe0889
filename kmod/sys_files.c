// SPDX-License-Identifier: GPL-2.0
/*
 * Audited file syscalls. Their objects are described, not coded: which
 * arguments name them by path (with which directory fd and AT_* flags,
 * following a final symlink or not), by fd, or by one more string.
 */
#include "capture.h"
#include "hooks.h"

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
};

const struct c2a_systable c2a_sys_files = {
	c2a_files, ARRAY_SIZE(c2a_files)
};
