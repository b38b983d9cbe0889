// SPDX-License-Identifier: GPL-2.0
/*
 * sc_files DIR: every audited file syscall, each made with syscall(2) so
 * the call is exactly the one named, in success and failure, printing the
 * record each must produce (see expect.h). DIR must be empty and absolute.
 */
#include <fcntl.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "expect.h"

static char d[256];

static const char *at(const char *rel)
{
	static char bufs[8][512];
	static int i;
	char *b = bufs[i++ % 8];

	snprintf(b, 512, "%s/%s", d, rel);
	return b;
}

static int dirfd_of(const char *rel)
{
	int fd = open(at(rel), O_RDONLY | O_DIRECTORY);

	if (fd < 0) {
		perror(rel);
		exit(1);
	}
	return fd;
}

static void inode_of(const char *path, bool follow)
{
	struct stat st;

	if ((follow ? stat(path, &st) : lstat(path, &st)) == 0) {
		ex_add("ino", "%lu", (unsigned long)st.st_ino);
		ex_add("mode", "0%o", st.st_mode);
		ex_add("ouid", "%u", st.st_uid);
	}
}

static void dirs_and_nodes(void)
{
	int dfd = dirfd_of(".");

	ex_call("mkdir", SYS_mkdir, at("a"), 0755);
	ex_add("path", "%s", at("a"));
	ex_add("name", "%s", at("a"));
	inode_of(at("a"), false);
	ex_end();
	ex_call("mkdir", SYS_mkdir, at("a"), 0755);
	ex_add("path", "%s", at("a"));
	ex_end();
	ex_call("mkdirat", SYS_mkdirat, dfd, "b", 0700);
	ex_add("path", "%s", at("b"));
	ex_add("name", "b");
	ex_end();
	ex_call("mknod", SYS_mknod, at("fifo"), S_IFIFO | 0600, 0);
	ex_add("path", "%s", at("fifo"));
	ex_add("mode", "010600");
	ex_end();
	ex_call("mknodat", SYS_mknodat, dfd, "fifo2", S_IFIFO | 0640, 0);
	ex_add("path", "%s", at("fifo2"));
	ex_add("name", "fifo2");
	ex_end();
	close(dfd);
}

static void attrs(void)
{
	int afd = dirfd_of("a");
	int fd = open(at("a/f"), O_RDWR | O_CREAT, 0644);

	ex_call("truncate", SYS_truncate, at("a/f"), 10);
	ex_add("path", "%s", at("a/f"));
	ex_add("name", "%s", at("a/f"));
	ex_end();
	ex_call("truncate", SYS_truncate, at("a/none"), 10);
	ex_add("path", "%s", at("a/none"));
	ex_end();
	ex_call("ftruncate", SYS_ftruncate, fd, 5);
	ex_add("path", "%s", at("a/f"));
	inode_of(at("a/f"), true);
	ex_end();
	ex_call("chmod", SYS_chmod, at("a/f"), 0600);
	ex_add("path", "%s", at("a/f"));
	ex_add("mode", "0100600");
	ex_end();
	ex_call("fchmod", SYS_fchmod, fd, 0640);
	ex_add("path", "%s", at("a/f"));
	ex_add("mode", "0100640");
	ex_end();
	ex_call("fchmodat", SYS_fchmodat, afd, "f", 0644);
	ex_add("path", "%s", at("a/f"));
	ex_add("name", "f");
	ex_add("mode", "0100644");
	ex_end();
	ex_call("chown", SYS_chown, at("a/f"), 1000, 1000);
	ex_add("path", "%s", at("a/f"));
	ex_add("ouid", "1000");
	ex_add("ogid", "1000");
	ex_end();
	ex_call("fchown", SYS_fchown, fd, 1001, 1001);
	ex_add("path", "%s", at("a/f"));
	ex_add("ouid", "1001");
	ex_end();
	ex_call("symlink", SYS_symlink, "f", at("a/l"));
	ex_add("path", "%s", at("a/l"));
	ex_add("name", "%s", at("a/l"));
	ex_add("name2", "f");
	ex_end();
	ex_call("lchown", SYS_lchown, at("a/l"), 1002, 1002);
	ex_add("path", "%s", at("a/l"));
	ex_add("ouid", "1002");
	ex_end();
	/* fchownat follows the link unless told not to */
	ex_call("fchownat", SYS_fchownat, afd, "l", 0, 0, 0);
	ex_add("path", "%s", at("a/f"));
	ex_add("name", "l");
	ex_add("ouid", "0");
	ex_end();
	ex_call("fchownat", SYS_fchownat, afd, "l", 0, 0, AT_SYMLINK_NOFOLLOW);
	ex_add("path", "%s", at("a/l"));
	ex_add("name", "l");
	ex_end();
	ex_call("setxattr", SYS_setxattr, at("a/f"), "trusted.c2a", "v", 1, 0);
	ex_add("path", "%s", at("a/f"));
	ex_add("xattr", "trusted.c2a");
	ex_end();
	ex_call("lsetxattr", SYS_lsetxattr, at("a/l"), "trusted.c2a", "v", 1, 0);
	ex_add("path", "%s", at("a/l"));
	ex_add("xattr", "trusted.c2a");
	ex_end();
	ex_call("fsetxattr", SYS_fsetxattr, fd, "trusted.other", "w", 1, 0);
	ex_add("path", "%s", at("a/f"));
	ex_add("xattr", "trusted.other");
	ex_end();
	ex_call("removexattr", SYS_removexattr, at("a/f"), "trusted.c2a");
	ex_add("path", "%s", at("a/f"));
	ex_add("xattr", "trusted.c2a");
	ex_end();
	ex_call("lremovexattr", SYS_lremovexattr, at("a/l"), "trusted.none");
	ex_add("path", "%s", at("a/l"));
	ex_add("xattr", "trusted.none");
	ex_end();
	ex_call("fremovexattr", SYS_fremovexattr, fd, "trusted.other");
	ex_add("path", "%s", at("a/f"));
	ex_add("xattr", "trusted.other");
	ex_end();
	close(fd);
	close(afd);
}

static void links_and_renames(void)
{
	int dfd = dirfd_of("."), afd = dirfd_of("a"), bfd = dirfd_of("b");

	ex_call("symlinkat", SYS_symlinkat, "/etc", dfd, "etclink");
	ex_add("path", "%s", at("etclink"));
	ex_add("name", "etclink");
	ex_add("name2", "/etc");
	ex_end();
	ex_call("link", SYS_link, at("a/f"), at("b/hard"));
	ex_add("path", "%s", at("a/f"));
	ex_add("path2", "%s", at("b/hard"));
	ex_add("name2", "%s", at("b/hard"));
	ex_end();
	ex_call("linkat", SYS_linkat, afd, "l", bfd, "hard2", AT_SYMLINK_FOLLOW);
	ex_add("path", "%s", at("a/f"));
	ex_add("name", "l");
	ex_add("path2", "%s", at("b/hard2"));
	ex_end();
	ex_call("rename", SYS_rename, at("b/hard"), at("b/moved"));
	ex_add("path", "%s", at("b/hard"));
	ex_add("path2", "%s", at("b/moved"));
	inode_of(at("b/moved"), false);
	ex_end();
	ex_call("rename", SYS_rename, at("nothing"), at("x"));
	ex_add("path", "%s", at("nothing"));
	ex_add("path2", "%s", at("x"));
	ex_end();
	ex_call("renameat", SYS_renameat, bfd, "moved", afd, "moved");
	ex_add("path", "%s", at("b/moved"));
	ex_add("path2", "%s", at("a/moved"));
	ex_add("name", "moved");
	ex_end();
	ex_call("renameat2", SYS_renameat2, dfd, "a/moved", dfd, "a/f",
		RENAME_NOREPLACE);
	ex_add("path", "%s", at("a/moved"));
	ex_add("path2", "%s", at("a/f"));
	ex_end();
	close(dfd);
	close(afd);
	close(bfd);
}

static void removals(void)
{
	int dfd = dirfd_of(".");

	ex_call("unlink", SYS_unlink, at("a/moved"));
	ex_add("path", "%s", at("a/moved"));
	ex_end();
	/*
	 * Through a symlinked directory: the record names the real one. A
	 * link whose access time is due cannot be followed from the dentry
	 * cache alone; once read after its creation tick, it can.
	 */
	symlink(at("a"), at("alink"));
	usleep(20 * 1000);
	access(at("alink/."), F_OK);
	ex_call("unlink", SYS_unlink, at("alink/f"));
	ex_add("path", "%s", at("a/f"));
	ex_add("name", "%s", at("alink/f"));
	ex_end();
	/* A relative name climbing out of the cwd. */
	if (chdir(at("a")) == 0) {
		ex_call("unlink", SYS_unlink, "../b/none");
		ex_add("path", "%s", at("b/none"));
		ex_add("name", "../b/none");
		ex_end();
	}
	ex_call("unlinkat", SYS_unlinkat, dfd, "b", AT_REMOVEDIR);
	ex_add("path", "%s", at("b"));
	ex_add("name", "b");
	ex_end();
	unlink(at("b/hard2"));
	ex_call("rmdir", SYS_rmdir, at("b"));
	ex_add("path", "%s", at("b"));
	ex_end();
	close(dfd);
}

static void mounts(void)
{
	pid_t pid;

	mkdir(at("mnt"), 0755);
	ex_call("mount", SYS_mount, "none", at("mnt"), "tmpfs", 0, NULL);
	ex_add("path", "%s", at("mnt"));
	ex_add("name2", "none");
	ex_add("fstype", "tmpfs");
	ex_end();
	ex_call("umount2", SYS_umount2, at("mnt"), 0);
	ex_add("path", "%s", at("mnt"));
	ex_end();
	ex_call("pivot_root", SYS_pivot_root, at("a"), at("a/old"));
	ex_add("path", "%s", at("a"));
	ex_add("name2", "%s", at("a/old"));
	ex_end();
	ex_call("swapon", SYS_swapon, at("fifo"), 0);
	ex_add("path", "%s", at("fifo"));
	ex_end();
	ex_call("swapoff", SYS_swapoff, at("fifo"));
	ex_add("path", "%s", at("fifo"));
	ex_end();
	pid = fork();
	if (pid == 0) {
		ex_call("chroot", SYS_chroot, at("a"));
		ex_add("path", "%s", at("a"));
		ex_end();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

/*
 * A file found by handle; fchmodat2 (from 6.6: skipped where it is
 * ENOSYS, which the module does not hook either).
 */
static void handles_and_modes(void)
{
	static union {
		struct file_handle h;
		char room[sizeof(struct file_handle) + MAX_HANDLE_SZ];
	} fh = { .h.handle_bytes = MAX_HANDLE_SZ };
	int afd = dirfd_of("a"), fd, mnt;
	long r;

	ex_call("name_to_handle_at", SYS_name_to_handle_at, afd, "f", &fh.h,
		&mnt, 0);
	ex_add("path", "%s", at("a/f"));
	ex_add("name", "f");
	inode_of(at("a/f"), true);
	ex_end();
	/* a link is followed only when asked */
	fh.h.handle_bytes = MAX_HANDLE_SZ;
	ex_call("name_to_handle_at", SYS_name_to_handle_at, afd, "l", &fh.h,
		&mnt, AT_SYMLINK_FOLLOW);
	ex_add("path", "%s", at("a/f"));
	ex_add("name", "l");
	ex_end();
	fh.h.handle_bytes = MAX_HANDLE_SZ;
	ex_call("name_to_handle_at", SYS_name_to_handle_at, afd, "l", &fh.h,
		&mnt, 0);
	ex_add("path", "%s", at("a/l"));
	ex_end();
	fh.h.handle_bytes = MAX_HANDLE_SZ;
	ex_call("name_to_handle_at", SYS_name_to_handle_at, afd, "", &fh.h,
		&mnt, AT_EMPTY_PATH);
	ex_add("path", "%s", at("a"));
	ex_end();
	/* the handle of a/f again, to open it by */
	fh.h.handle_bytes = MAX_HANDLE_SZ;
	syscall(SYS_name_to_handle_at, afd, "f", &fh.h, &mnt, 0);
	fd = ex_call("open_by_handle_at", SYS_open_by_handle_at, afd, &fh.h,
		     O_RDONLY);
	ex_add("path", "%s", at("a/f"));
	inode_of(at("a/f"), true);
	ex_end();
	close(fd);
	/* an O_PATH file is the kernel's object too */
	fd = ex_call("open_by_handle_at", SYS_open_by_handle_at, afd, &fh.h,
		     O_PATH);
	ex_add("path", "%s", at("a/f"));
	ex_end();
	close(fd);
	fd = ex_call("openat", SYS_openat, afd, "l", O_PATH | O_NOFOLLOW);
	ex_add("path", "%s", at("a/l"));
	ex_add("name", "l");
	ex_end();
	close(fd);
	fh.h.handle_bytes = 0;
	ex_call("open_by_handle_at", SYS_open_by_handle_at, afd, &fh.h,
		O_RDONLY);
	ex_end();

	r = syscall(SYS_fchmodat2, afd, "f", 0640, 0);
	if (r == 0 || errno != ENOSYS) {
		ex_begin("fchmodat2");
		ex_result(r, errno);
		ex_add("path", "%s", at("a/f"));
		ex_add("name", "f");
		ex_add("mode", "0100640");
		ex_end();
		ex_call("fchmodat2", SYS_fchmodat2, afd, "l", 0600,
			AT_SYMLINK_NOFOLLOW);
		ex_add("path", "%s", at("a/l"));
		ex_add("name", "l");
		ex_end();
		ex_call("fchmodat2", SYS_fchmodat2, afd, "", 0750,
			AT_EMPTY_PATH);
		ex_add("path", "%s", at("a"));
		ex_end();
	}
	close(afd);
}

/*
 * The new mount API: a tmpfs context, its source given as a parameter,
 * made a mount, attached, cloned, made read-only.
 */
static void new_mount_api(void)
{
	struct mount_attr ma = { .attr_set = MOUNT_ATTR_RDONLY };
	long fsfd, mfd, tfd;

	mkdir(at("mnt2"), 0755);
	fsfd = ex_call("fsopen", SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
	ex_add("fstype", "tmpfs");
	ex_end();
	ex_call("fsopen", SYS_fsopen, "c2a-nofs", 0);
	ex_add("fstype", "c2a-nofs");
	ex_end();
	ex_call("fsconfig", SYS_fsconfig, fsfd, FSCONFIG_SET_STRING, "source",
		"c2a-src", 0);
	ex_add("path", "anon_inode:[fscontext]");
	ex_add("fsparam", "source");
	ex_add("fsvalue", "c2a-src");
	ex_end();
	ex_call("fsconfig", SYS_fsconfig, fsfd, FSCONFIG_SET_FLAG, "c2a-nokey",
		NULL, 0);
	ex_add("fsparam", "c2a-nokey");
	ex_end();
	ex_call("fsconfig", SYS_fsconfig, fsfd, FSCONFIG_CMD_CREATE, NULL,
		NULL, 0);
	ex_add("path", "anon_inode:[fscontext]");
	ex_end();
	mfd = ex_call("fsmount", SYS_fsmount, fsfd, FSMOUNT_CLOEXEC, 0);
	ex_add("path", "anon_inode:[fscontext]");
	ex_end();
	ex_call("move_mount", SYS_move_mount, mfd, "", AT_FDCWD, at("mnt2"),
		MOVE_MOUNT_F_EMPTY_PATH);
	ex_add("path", "%s", at("mnt2"));
	ex_add("name", "%s", at("mnt2"));
	ex_end();
	tfd = ex_call("open_tree", SYS_open_tree, AT_FDCWD, at("mnt2"),
		      OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	ex_add("path", "%s", at("mnt2"));
	ex_add("name", "%s", at("mnt2"));
	ex_end();
	ex_call("mount_setattr", SYS_mount_setattr, AT_FDCWD, at("mnt2"), 0,
		&ma, sizeof(ma));
	ex_add("path", "%s", at("mnt2"));
	ex_add("name", "%s", at("mnt2"));
	ex_end();
	ex_call("mount_setattr", SYS_mount_setattr, AT_FDCWD, at("nothing"), 0,
		&ma, sizeof(ma));
	ex_add("path", "%s", at("nothing"));
	ex_end();
	/*
	 * An attached mount moved by name, to where a link points; the link
	 * read once after its creation tick, so that it can be followed from
	 * the dentry cache alone (as in removals()).
	 */
	mkdir(at("mnt3"), 0755);
	symlink(at("mnt3"), at("mlink"));
	usleep(20 * 1000);
	access(at("mlink/."), F_OK);
	ex_call("move_mount", SYS_move_mount, AT_FDCWD, at("mnt2"), AT_FDCWD,
		at("mlink"), MOVE_MOUNT_T_SYMLINKS);
	ex_add("path", "%s", at("mnt3"));
	ex_add("name", "%s", at("mlink"));
	ex_add("path2", "%s", at("mnt2"));
	ex_add("name2", "%s", at("mnt2"));
	ex_end();
	close(tfd);
	close(mfd);
	close(fsfd);
	umount2(at("mnt3"), 0);
	umount2(at("mnt2"), 0);
}

int main(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] != '/') {
		fprintf(stderr, "usage: sc_files ABSOLUTE-EMPTY-DIR\n");
		return 2;
	}
	snprintf(d, sizeof(d), "%s", argv[1]);
	dirs_and_nodes();
	attrs();
	handles_and_modes();
	new_mount_api();
	links_and_renames();
	mounts();
	removals();
	return 0;
}
