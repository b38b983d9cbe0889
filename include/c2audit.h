/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * c2audit ABI: the records read from /dev/audit and the ioctls that
 * configure the module. Shared verbatim by the kernel module and user space.
 *
 * Every record is exactly C2A_RECORD_SIZE bytes, so read() returns whole
 * records and a trail file is an array of them. A record starts with
 * struct c2a_header; readers must check hdr.version == C2A_ABI_VERSION and
 * hdr.size == C2A_RECORD_SIZE before looking at anything else.
 *
 * Ids: each CPU ring numbers the records it issues 1, 2, 3, ... in
 * hdr.seq. A reader sees every id of a CPU exactly once, either as a record
 * or inside the [first_seq, first_seq + count) range of a C2A_REC_LOSS
 * marker written into the same ring, before the next record.
 *
 * An event whose strings do not fit the head record continues in
 * C2A_REC_CONT records that immediately follow it in the same ring, with
 * consecutive ids (hdr.part counts 1, 2, ...; the head has part 0 and
 * hdr.nparts covering all of them). Strings are never cut silently: a
 * string shortened by a capture limit carries C2A_STRF_TRUNC.
 */
#ifndef _UAPI_C2AUDIT_H
#define _UAPI_C2AUDIT_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define C2A_ABI_VERSION		1
#define C2A_RECORD_SIZE		512
#define C2A_DEVICE		"/dev/audit"

/* Record types (hdr.type) */
enum c2a_rec_type {
	C2A_REC_SYSCALL = 1,	/* body: c2a_event with u.sys */
	C2A_REC_LOSS = 2,	/* body: c2a_loss */
	C2A_REC_CONT = 3,	/* body: c2a_cont, continues the head before it */
	C2A_REC_CONFIG = 4,	/* body: c2a_event with u.cfg */
	C2A_REC_LSM = 5,	/* body: c2a_event with u.lsm */
	C2A_REC_UPROBE = 6,	/* body: c2a_event with u.uprobe */
	C2A_REC_USER = 7,	/* body: c2a_event with u.user; made by c2auditd */
};

/*
 * Messages of Linux's own audit subsystem (C2A_REC_USER): what PAM, login,
 * sshd, sudo, su, useradd, passwd, ... send to the kernel's audit netlink
 * socket (AUDIT_USER_*, through libaudit) and what the kernel emits itself
 * (AVC, APPARMOR_*, ANOM_*, NETFILTER_CFG, ...). The module never makes
 * them: c2auditd reads them from the netlink socket and writes them into
 * the trail's hash chain. They are a stream of their own, hdr.cpu ==
 * C2A_USER_CPU, numbered by c2auditd from 1 at each start in hdr.seq;
 * hdr.time_ns is the kernel's audit time stamp. The subject holds what
 * the message says (pid, uid, auid, ses, comm; what it does not say is
 * (__u32)-1); C2A_STR_RAW holds the message's text as the kernel gave it,
 * C2A_STR_EXE its exe= when it has one. Loss on that path comes as
 * C2A_REC_LOSS records of the same stream (C2A_LOSS_BACKLOG, _SOCKBUF).
 */
#define C2A_USER_CPU		0xffff

struct c2a_user {
	__u16 msgtype;		/* AUDIT_* of <linux/audit.h>: 1112 USER_LOGIN, ... */
	__s16 result;		/* res=: 1 success, 0 failed, -1 none given */
	__u32 audit_msec;	/* the stamp audit(SEC.MSEC:SERIAL) */
	__u64 audit_sec;
	__u64 serial;
	__u8 __reserved[104];
};

/* hdr.flags */
#define C2A_RF_TRUNC		0x0001	/* a string of this event was shortened */
#define C2A_RF_NOUSER		0x0002	/* user memory was unreadable at capture */

struct c2a_header {
	__u16 version;		/* C2A_ABI_VERSION */
	__u16 type;		/* enum c2a_rec_type */
	__u16 size;		/* C2A_RECORD_SIZE */
	__u16 flags;		/* C2A_RF_* */
	__u32 cpu;		/* ring that issued seq */
	__u16 nparts;		/* head: records in this event, head included */
	__u16 part;		/* 0 for the head, n for its n-th continuation */
	__u64 seq;		/* per-CPU id, starts at 1 */
	__u64 time_ns;		/* CLOCK_REALTIME of the event, ns */
};

/* Who: the acting task, ids as seen from the initial user namespace. */
struct c2a_subject {
	__u32 pid;		/* thread id */
	__u32 tgid;		/* process id */
	__u32 ppid;		/* process id of the real parent */
	__u32 auid;		/* loginuid, (__u32)-1 when unset */
	__u32 sessionid;
	__u32 uid, euid, suid, fsuid;
	__u32 gid, egid, sgid, fsgid;
	__u32 __pad;
	char comm[16];		/* NUL-padded */
};

/* Architectures (c2a_syscall.arch) */
enum c2a_arch {
	C2A_ARCH_X86_64 = 1,
	C2A_ARCH_I386 = 2,	/* int 0x80, sysenter, or 32-bit syscall */
	C2A_ARCH_IO_URING = 3,	/* an io_uring operation doing the syscall's work */
	C2A_ARCH_X32 = 4,	/* the x32 ABI of a 64-bit process */
	C2A_ARCH_KERNEL = 5,	/* the kernel's own doing: a program it starts */
};

/* c2a_syscall.nr of io_uring operations and of the kernel's own execs */
#define C2A_NR_NONE		0xffffffffU

struct c2a_sockaddr {
	__u16 family;		/* AF_INET, AF_INET6, AF_UNIX (path in a string) */
	__u16 port;		/* host byte order */
	__u32 scope_id;
	__u8 addr[16];		/* IPv4 in the first four bytes */
};

/*
 * On what: the object as the kernel resolved it. Which of the union's
 * members is valid depends on the syscall (see README's table).
 */
struct c2a_object {
	__u64 ino;		/* inode of the object, 0 when none */
	__u32 dev;		/* its device, new_encode_dev() */
	__u32 mode;
	__u32 ouid, ogid;	/* its owner */
	union {
		struct {
			__u32 pid;	/* kill, tkill, tgkill, ptrace, fork,
					   the sigqueueinfo calls,
					   process_vm_writev: the other task */
			__s32 sig;	/* signal, or ptrace request */
		} target;
		struct {		/* set*id: uid, euid, suid, fsuid (or gids) */
			__u32 before[4];
			__u32 after[4];
		} ids;
		struct {		/* capset: the sets after the call */
			__u64 effective;
			__u64 permitted;
			__u64 inheritable;
		} caps;
		struct c2a_sockaddr addr;	/* connect, bind: requested; accept: peer; listen: local */
		struct {		/* settimeofday, clock_settime, stime:
					   the new time; clock_adjtime: the
					   clock */
			__s64 sec;
			__s64 nsec;
			__s32 clock;
			__u32 __pad;
		} time;
		__u8 __union_size[40];
	};
};

struct c2a_syscall {
	__u32 nr;		/* number in the table of its arch */
	__u16 sysid;		/* arch-independent id, C2A_SYS_* */
	__u16 arch;		/* enum c2a_arch */
	__s64 ret;		/* return value; < 0 is -errno */
	__u64 args[6];		/* raw arguments as the syscall saw them */
	struct c2a_object obj;
};

/*
 * LSM hook events (C2A_REC_LSM): the kernel's security checks, one record
 * per call of a hook, made as the hook returns. Hook ids (c2a_lsm.hook)
 * are C2A_LSM_<name>, the position in this list. Append only: ids are ABI.
 * inode_permission is the VFS's whole check (DAC, ACLs, capabilities, then
 * the LSMs), so that a DAC denial shows; the others are the security_*
 * functions of the same name (cred_prepare: security_prepare_creds).
 */
#define C2A_LSM_HOOKS(X)						\
	X(file_open) X(file_permission) X(file_ioctl) X(mmap_file)	\
	X(file_mprotect) X(inode_permission) X(inode_create)		\
	X(inode_unlink) X(inode_rename) X(inode_setattr)		\
	X(inode_follow_link) X(bprm_check) X(bprm_committing_creds)	\
	X(bprm_committed_creds) X(cred_prepare) X(task_kill)		\
	X(ptrace_access_check) X(capable) X(socket_connect)		\
	X(socket_bind) X(sb_mount) X(kernel_read_file)			\
	X(kernel_module_request)

#define __C2A_LSM_ENUM(name) C2A_LSM_##name,
enum c2a_lsm_hook {
	C2A_LSM_none = 0,
	C2A_LSM_HOOKS(__C2A_LSM_ENUM)
	C2A_LSM_COUNT
};
#undef __C2A_LSM_ENUM

/* c2a_lsm.lflags */
#define C2A_LSMF_DECISION	0x0001	/* the hook decides: result is its verdict */

/*
 * Which fields a hook fills (README, "LSM hooks"): the object's inode
 * (ino, dev, mode, ouid, ogid) and its name (C2A_STR_DENTRY), the
 * directory (ino2, dev2, mode2) of create, unlink and rename, whose new
 * name is C2A_STR_DENTRY2. nr and arch name the syscall the task was in
 * when the hook ran (C2A_NR_NONE: none), so hooks can be put in their
 * syscall; the syscall's own record follows them.
 */
struct c2a_lsm {
	__u16 hook;		/* C2A_LSM_* */
	__u16 lflags;		/* C2A_LSMF_* */
	__s32 result;		/* the hook's decision: 0 allowed, -errno denied */
	__u64 ino;
	__u32 dev;
	__u32 mode;
	__u32 mask;		/* MAY_* for permission hooks */
	__u32 f_mode;		/* FMODE_* of the file */
	__u32 prot;		/* mmap_file, file_mprotect */
	__u32 mflags;		/* mmap flags */
	__u32 target_pid;	/* task_kill, ptrace_access_check */
	__u32 cap;		/* capable: capability number; task_kill: signal */
	__u64 arg;		/* file_ioctl cmd, kernel_read_file id, ... */
	struct c2a_sockaddr addr;	/* socket_connect, socket_bind */
	__u32 ouid, ogid;	/* owner of ino */
	__u64 ino2;		/* create, unlink, rename: the (new) directory */
	__u32 dev2;
	__u32 mode2;		/* of ino2; inode_setattr: the mode asked for */
	__u32 nr;		/* syscall the task was in, or C2A_NR_NONE */
	__u16 arch;		/* its enum c2a_arch */
	__u16 __pad;
	__u8 __reserved[16];
};

/*
 * Calls into a user-space library function (C2A_REC_UPROBE). The strings
 * C2A_STR_LIBRARY (the library's path, as the calling process sees it)
 * and C2A_STR_FUNCTION (the name given when the probe was set) follow.
 */
struct c2a_uprobe {
	__u32 probe_id;		/* id the ioctl returned when the probe was set */
	__u32 dev;		/* library device, new_encode_dev() */
	__u64 offset;		/* file offset of the probed instruction */
	__u64 ino;		/* library inode */
	__u64 ip;		/* address of the probe in the caller */
	__u64 args[6];		/* the function's first arguments (x86-64 ABI) */
	__u8 __reserved[48];
};

/* Configuration changes and refused attempts (C2A_REC_CONFIG) */
struct c2a_config {
	__u32 item;		/* enum c2a_cfg_item */
	__s32 result;		/* 0 applied, -errno refused (e.g. -EPERM when locked) */
	__u64 old_val;
	__u64 new_val;
	__u8 __reserved[104];
};

enum c2a_cfg_item {
	C2A_CFG_ENABLED = 1,
	C2A_CFG_GEOMETRY = 2,	/* slots per CPU */
	C2A_CFG_READER = 3,	/* old/new: reader tgid, 0 when none */
	C2A_CFG_OVERFLOW = 4,	/* overflow mode */
	C2A_CFG_FAILURE = 5,	/* failure action */
	C2A_CFG_BLOCK_TIMEOUT = 6,
	C2A_CFG_RULE_ADD = 7,	/* new: position; C2A_STR_RULE holds the rule */
	C2A_CFG_RULE_DEL = 8,	/* old: position; C2A_STR_RULE holds the rule */
	C2A_CFG_RULE_FLUSH = 9,
	C2A_CFG_LOCK = 10,
	C2A_CFG_UNLOAD = 11,	/* refused unload while locked */
	C2A_CFG_UPROBE = 12,	/* set: new = probe id; removed: old = probe id;
				   C2A_STR_LIBRARY, C2A_STR_FUNCTION name it */
	C2A_CFG_LSM = 13,
	C2A_CFG_STRICT = 14,
	C2A_CFG_RULES_LOAD = 15,	/* old/new: rule counts; each rule follows */
	C2A_CFG_OBSERVER = 16,	/* new: pid an observer follows; old: on detach */
	C2A_CFG_HOOKS = 17,	/* result < 0: hooks not in place, or kprobes disarmed
				 * (new = 1); armed again: result 0, old = 1 */
	C2A_CFG_HALTING = 18,	/* the reader is halting the system: new = 1 */
};

/*
 * Strings of an event. str[i] describes the i-th string; their first
 * str[i].inl bytes are stored back to back in text[], in str[] order, and
 * the remaining len - inl bytes follow in C2A_REC_CONT records.
 * Strings are byte strings (not NUL-terminated; may hold NULs, e.g. argv).
 */
enum c2a_str_type {
	C2A_STR_NONE = 0,
	C2A_STR_EXE = 1,	/* executable of the subject */
	C2A_STR_PATH = 2,	/* object path, absolute, as resolved */
	C2A_STR_NAME = 3,	/* object name as the caller gave it */
	C2A_STR_PATH2 = 4,	/* second object (rename/link/symlink target) */
	C2A_STR_NAME2 = 5,
	C2A_STR_ARGV = 6,	/* execve arguments, NUL-separated */
	C2A_STR_SOCKPATH = 7,	/* unix socket path (abstract: leading NUL) */
	C2A_STR_MODULE = 8,	/* kernel module name */
	C2A_STR_LIBRARY = 9,	/* uprobe: library path */
	C2A_STR_FUNCTION = 10,	/* uprobe: function name */
	C2A_STR_DENTRY = 11,	/* LSM: dentry name */
	C2A_STR_RULE = 12,	/* config: rule text */
	C2A_STR_HOSTNAME = 13,	/* sethostname, setdomainname */
	C2A_STR_XATTR = 14,	/* extended attribute name */
	C2A_STR_FSTYPE = 15,	/* mount: filesystem type */
	C2A_STR_DENTRY2 = 16,	/* LSM: second dentry name (rename: the new one) */
	C2A_STR_FSPARAM = 17,	/* fsconfig: the parameter's name (its key) */
	C2A_STR_FSVALUE = 18,	/* fsconfig: a string parameter's value */
	C2A_STR_RAW = 19,	/* user: the audit message's text, whole */
};

#define C2A_STRF_TRUNC		0x01	/* cut by a capture limit */
/*
 * Read from the caller's memory after the call, not the kernel's own copy
 * taken during it: another thread of the caller may have changed it.
 */
#define C2A_STRF_UREAD		0x02
/*
 * Resolved after the call from the name the kernel used, for a call that
 * failed before the VFS's checks or has none: a symlink or directory
 * swapped in between may make it name another object than the call saw.
 */
#define C2A_STRF_AFTER		0x04
#define C2A_STR_MAX		65536	/* no string is declared longer */

struct c2a_strref {
	__u8 type;		/* enum c2a_str_type */
	__u8 flags;		/* C2A_STRF_* */
	__u16 inl;		/* bytes stored in the head's text[] */
	__u32 len;		/* full length */
};

#define C2A_KEY_LEN		32	/* rule key, NUL-padded, <= 31 bytes */
#define C2A_STR_SLOTS		6
#define C2A_EVENT_TEXT		200

/* Body of C2A_REC_SYSCALL, _CONFIG, _LSM, _UPROBE and _USER */
struct c2a_event {
	struct c2a_subject subj;
	union {
		struct c2a_syscall sys;
		struct c2a_lsm lsm;
		struct c2a_uprobe uprobe;
		struct c2a_config cfg;
		struct c2a_user user;
	} u;
	char key[C2A_KEY_LEN];
	struct c2a_strref str[C2A_STR_SLOTS];
	__u8 text[C2A_EVENT_TEXT];
};

/* Why ids were lost (c2a_loss.reasons, a mask) */
#define C2A_LOSS_RING_FULL	0x01	/* drop mode, or block mode fallback */
#define C2A_LOSS_NOMEM		0x02	/* no memory to capture the event */
#define C2A_LOSS_MISSED		0x04	/* a probe could not run (an LSM hook's kretprobe) */
#define C2A_LOSS_NOCONTEXT	0x08	/* no safe context to finish the capture */
#define C2A_LOSS_TIMEOUT	0x10	/* block mode timed out */
#define C2A_LOSS_NOREADER	0x20	/* block mode, but no reader (or it is stopped) */
#define C2A_LOSS_KILLED		0x40	/* the producer was killed while it waited */
#define C2A_LOSS_DISABLED	0x80	/* auditing was turned off while it waited */
#define C2A_LOSS_HALTING	0x100	/* the reader is halting the system (C2A_IOC_HALTING) */
/* Of the C2A_USER_CPU stream (c2auditd's, not the module's): */
#define C2A_LOSS_BACKLOG	0x200	/* the kernel's audit lost them (its
					   status' lost counter grew) */
#define C2A_LOSS_SOCKBUF	0x400	/* the netlink socket's buffer overflowed
					   (ENOBUFS): how many is unknown, count
					   is 0 */
#define C2A_LOSS_SERIAL		0x800	/* serial numbers never seen: the kernel
					   gave up sending them (its log got
					   them) */

/* Body of C2A_REC_LOSS: ids [first_seq, first_seq + count) of this CPU are gone */
struct c2a_loss {
	__u64 first_seq;
	__u64 count;
	__u32 reasons;
	__u32 __pad;
	__u8 __reserved[456];
};

#define C2A_CONT_DATA		464

/* Body of C2A_REC_CONT: bytes [offset, offset + len) of one string of the head */
struct c2a_cont {
	__u8 strtype;		/* enum c2a_str_type */
	__u8 __pad;
	__u16 len;
	__u32 offset;
	__u64 head_seq;		/* hdr.seq of the head record */
	__u8 data[C2A_CONT_DATA];
};

struct c2a_record {
	struct c2a_header hdr;
	union {
		struct c2a_event ev;
		struct c2a_loss loss;
		struct c2a_cont cont;
	};
};

/*
 * Syscalls the module can audit, with their arch-independent ids
 * (C2A_SYS_<NAME> = position in this list). Append only: ids are ABI.
 */
#define C2A_SYSCALLS(X)							\
	X(open) X(openat) X(openat2) X(creat) X(truncate) X(ftruncate)	\
	X(unlink) X(unlinkat) X(rename) X(renameat) X(renameat2)	\
	X(link) X(linkat) X(symlink) X(symlinkat) X(mkdir) X(mkdirat)	\
	X(rmdir) X(mknod) X(mknodat) X(chmod) X(fchmod) X(fchmodat)	\
	X(chown) X(fchown) X(lchown) X(fchownat) X(setxattr)		\
	X(lsetxattr) X(fsetxattr) X(removexattr) X(lremovexattr)	\
	X(fremovexattr) X(mount) X(umount2) X(chroot) X(pivot_root)	\
	X(execve) X(execveat) X(fork) X(vfork) X(clone) X(clone3)	\
	X(kill) X(tkill) X(tgkill) X(ptrace)				\
	X(setuid) X(setgid) X(setreuid) X(setregid) X(setresuid)	\
	X(setresgid) X(setfsuid) X(setfsgid) X(setgroups) X(capset)	\
	X(socket) X(connect) X(bind) X(listen) X(accept) X(accept4)	\
	X(init_module) X(finit_module) X(delete_module) X(bpf)		\
	X(perf_event_open) X(reboot) X(sethostname) X(setdomainname)	\
	X(settimeofday) X(clock_settime) X(adjtimex) X(swapon)		\
	X(swapoff) X(io_uring_setup) X(open_by_handle_at)		\
	X(name_to_handle_at) X(fchmodat2) X(fsopen) X(fsconfig)	\
	X(fsmount) X(move_mount) X(open_tree) X(mount_setattr)		\
	X(pidfd_send_signal) X(rt_sigqueueinfo) X(rt_tgsigqueueinfo)	\
	X(process_vm_writev) X(clock_adjtime) X(stime) X(kexec_load)	\
	X(kexec_file_load) X(setns) X(unshare)

#define __C2A_SYS_ENUM(name) C2A_SYS_##name,
enum c2a_sysid {
	C2A_SYS_none = 0,
	C2A_SYSCALLS(__C2A_SYS_ENUM)
	C2A_SYS_COUNT
};
#undef __C2A_SYS_ENUM

#define C2A_SYSID_WORDS		4	/* bitmaps of sysids: 256 bits */

/*
 * ioctls. Every argument struct starts with __u32 size = sizeof(the struct
 * as the caller knows it), which must also be the size encoded in the
 * command. The module accepts older (smaller) structs and newer ones whose
 * extra bytes are zero; reserved fields and padding must be zero.
 *
 * Queries work on any open handle. Changes need a handle opened for
 * writing, which in turn needs CAP_AUDIT_CONTROL; reading records needs
 * CAP_AUDIT_READ and a handle opened for reading, of which there is one at
 * a time.
 */
#define C2A_IOC_MAGIC		0xC2

struct c2a_version {
	__u32 size;
	__u32 abi_version;	/* out: C2A_ABI_VERSION of the module */
	__u32 record_size;	/* out: C2A_RECORD_SIZE */
	__u32 nr_sysids;	/* out: C2A_SYS_COUNT the module knows */
	char module_version[32];	/* out: NUL-terminated */
};

/* c2a_status.flags */
#define C2A_ST_ENABLED		0x01
#define C2A_ST_LOCKED		0x02
#define C2A_ST_READER		0x04	/* a reader is attached */
#define C2A_ST_STRICT		0x08	/* block mode waits even with no reader */
#define C2A_ST_DISARMED		0x10	/* kprobes disarmed by root: LSM hooks stopped */
#define C2A_ST_HALTING		0x20	/* a reader halts the system (C2A_IOC_HALTING) */

/* Totals over all CPUs; per CPU in C2A_IOC_GET_STATS */
struct c2a_counters {
	__u64 produced;		/* records written into the ring */
	__u64 delivered;	/* records returned by read() */
	__u64 dropped;		/* ids lost (sum of loss marker counts) */
	__u64 missed;		/* of dropped: events a probe could not see */
	__u64 blocked_now;	/* producers waiting for space now */
	__u64 blocked_total;	/* producers that ever waited */
	__u64 blocked_ns;	/* time producers spent waiting */
	__u64 fill;		/* records waiting in the ring now */
	__u64 high_water;	/* highest fill seen */
};

struct c2a_status {
	__u32 size;
	__u32 flags;		/* out: C2A_ST_* */
	__u32 slots_per_cpu;	/* out: ring geometry */
	__u32 nr_cpus;		/* out: rings (possible CPUs) */
	__u32 reader_pid;	/* out: tgid of the reader, 0 when none */
	__u32 overflow;		/* out: enum c2a_overflow_mode */
	__u32 failure;		/* out: enum c2a_failure_action */
	__u32 block_timeout_ms;	/* out: 0 waits for ever */
	__u32 wakeup_ms;	/* out: reader wake-up latency bound */
	__u32 nr_rules;		/* out */
	struct c2a_counters total;	/* out */
	/* Since size 128: */
	__u32 hooks;		/* out: entry points hooked now */
	__u32 hooks_failed;	/* out: of those the rules want, not hooked */
	__u32 inflight;		/* out: audited calls in progress */
	__u32 __pad;
};

struct c2a_cpu_stats {
	__u32 cpu;
	__u32 online;
	struct c2a_counters c;
};

struct c2a_stats {
	__u32 size;
	__u32 nr_cpus;		/* in: entries at stats_ptr; out: rings */
	__u64 stats_ptr;	/* array of struct c2a_cpu_stats */
};

/*
 * Where each CPU's ids stand (C2A_IOC_GET_SEQS), for checking a trail
 * against the module on a live host: what the reader took must be in it.
 */
struct c2a_cpu_seq {
	__u32 cpu;
	__u32 __pad;
	__u64 issued;		/* the last id issued, 0: none yet */
	__u64 delivered;	/* the id of the last record read() returned, 0: none */
};

struct c2a_seqs {
	__u32 size;
	__u32 nr_cpus;		/* in: entries at seqs_ptr; out: rings */
	__u64 seqs_ptr;		/* array of struct c2a_cpu_seq */
	__u64 loaded_ns;	/* out: CLOCK_REALTIME of the module's load, when
				 * every CPU's ids started again at 1 */
};

struct c2a_geometry {
	__u32 size;
	__u32 slots_per_cpu;	/* power of two, C2A_SLOTS_MIN..C2A_SLOTS_MAX */
};

#define C2A_SLOTS_MIN		64
#define C2A_SLOTS_MAX		(1U << 16)

struct c2a_enable {
	__u32 size;
	__u32 enabled;		/* 0 or 1 */
};

enum c2a_overflow_mode {
	C2A_OVERFLOW_DROP = 0,	/* drop with a loss marker (default) */
	C2A_OVERFLOW_BLOCK = 1,	/* wait for the reader, then the fallback */
};

enum c2a_failure_action {
	C2A_FAIL_NONE = 0,
	C2A_FAIL_LOG = 1,	/* rate-limited kernel log message (default) */
	C2A_FAIL_PANIC = 2,	/* halt rather than lose */
};

/* c2a_overflow.flags */
#define C2A_OVF_STRICT		0x01	/* block even with no reader, or a stopped one */

/*
 * What a producer does when its ring is full. In block mode it waits (at
 * its return to user space, never in a probe) until the reader frees
 * space, up to block_timeout_ms (0: no limit); then, and whenever it may
 * not wait (no reader attached or the reader stopped, unless strict; a
 * kernel thread; the reader's own process; a task that is exiting), its
 * event is lost with accounting. Every loss takes the failure action.
 */
struct c2a_overflow {
	__u32 size;
	__u32 mode;		/* enum c2a_overflow_mode */
	__u32 failure;		/* enum c2a_failure_action */
	__u32 block_timeout_ms;
	__u32 flags;		/* C2A_OVF_* */
	__u32 __pad;
};

/* First published size of each argument struct, the smallest accepted. */
#define C2A_VERSION_SIZE_VER0	48
#define C2A_STATUS_SIZE_VER0	112
#define C2A_STATUS_SIZE_VER1	128	/* hooks, hooks_failed, inflight */
#define C2A_STATS_SIZE_VER0	16
#define C2A_SEQS_SIZE_VER0	24
#define C2A_GEOMETRY_SIZE_VER0	8
#define C2A_ENABLE_SIZE_VER0	8
#define C2A_OVERFLOW_SIZE_VER0	24
#define C2A_RULE_SIZE_VER0	184
#define C2A_RULE_SIZE_VER1	416	/* suid ... nr32 */
#define C2A_RULES_LOAD_SIZE_VER0	24
#define C2A_RULE_REF_SIZE_VER0	8
#define C2A_COMMAND_SIZE_VER0	8
#define C2A_UPROBE_SPEC_SIZE_VER0	72
#define C2A_UPROBE_REF_SIZE_VER0	8

/*
 * Audit rules (Common Criteria FAU_SEL.1). The first rule, in order,
 * whose conditions a call meets decides: audit it, with the rule's key in
 * the record, or exclude it. A call no rule selects is not audited. The
 * module starts with one rule auditing every call (parameter default_rules).
 */
enum c2a_rule_action {
	C2A_ACT_AUDIT = 1,
	C2A_ACT_EXCLUDE = 2,
};

enum c2a_rule_outcome {
	C2A_OUTCOME_ANY = 0,
	C2A_OUTCOME_SUCCESS = 1,
	C2A_OUTCOME_FAILURE = 2,
};

enum c2a_idop {
	C2A_IDOP_ANY = 0,	/* no condition */
	C2A_IDOP_IN = 1,	/* lo <= id <= hi */
	C2A_IDOP_OUT = 2,	/* id < lo or id > hi */
};

/* A condition on a uid or gid; (__u32)-1 is the unset auid. */
struct c2a_idmatch {
	__u32 op;		/* enum c2a_idop */
	__u32 lo;
	__u32 hi;
	__u32 __pad;
};

#define C2A_RULES_MAX		1024

/* c2a_rule.perm: Linux audit's classes (audit_match_perm) */
#define C2A_PERM_EXEC		0x1	/* execve, execveat */
#define C2A_PERM_WRITE		0x2	/* opens for writing, the write class */
#define C2A_PERM_READ		0x4	/* opens for reading */
#define C2A_PERM_ATTR		0x8	/* the attribute change class */

/* c2a_rule.rflags */
#define C2A_RULEF_PATH_EXACT	0x01	/* path= is the object itself, not a tree */
#define C2A_RULEF_NR32		0x02	/* i386 calls: only those in nr32[] */

/* Operators of c2a_argmatch and c2a_fieldcmp (those of auditctl -F) */
enum c2a_cmpop {
	C2A_CMP_NONE = 0,
	C2A_CMP_EQ = 1,
	C2A_CMP_NE = 2,
	C2A_CMP_LT = 3,
	C2A_CMP_LE = 4,
	C2A_CMP_GT = 5,
	C2A_CMP_GE = 6,
	C2A_CMP_MASK = 7,	/* a & val != 0 (auditctl's &) */
	C2A_CMP_BITS = 8,	/* a & val == val (auditctl's &=) */
};

/*
 * A condition on an argument: as Linux audit, on its low 32 bits,
 * unsigned.
 */
struct c2a_argmatch {
	__u32 op;		/* enum c2a_cmpop */
	__u32 val;
};

/* The caller's ids, for comparisons between them (c2a_fieldcmp) */
enum c2a_idfield {
	C2A_ID_NONE = 0,
	C2A_ID_UID, C2A_ID_EUID, C2A_ID_SUID, C2A_ID_FSUID, C2A_ID_AUID,
	C2A_ID_GID, C2A_ID_EGID, C2A_ID_SGID, C2A_ID_FSGID,
	C2A_ID_COUNT
};

struct c2a_fieldcmp {
	__u8 left, right;	/* enum c2a_idfield; both uids or both gids */
	__u16 op;		/* C2A_CMP_EQ or C2A_CMP_NE */
};

#define C2A_RULE_EXITS		8
#define C2A_RULE_ARGS		4
#define C2A_RULE_CMPS		2
#define C2A_NR32_WORDS		8	/* i386 numbers 0..511 */

struct c2a_rule {
	__u32 size;
	__u32 position;		/* add: where (beyond the end: last); get, delete: which */
	__u32 action;		/* enum c2a_rule_action */
	__u32 outcome;		/* enum c2a_rule_outcome */
	__u64 syscalls[C2A_SYSID_WORDS];	/* bit per C2A_SYS_*; none: every call */
	__u32 arches;		/* bit (1 << enum c2a_arch) per arch; 0: any */
	__s32 pid;		/* the calling process; 0: any */
	__s32 ppid;		/* its parent; 0: any */
	__u32 exe_len;		/* get: in, room at exe_ptr; out, the length (if
				   more than the room, nothing was copied) */
	__u64 exe_ptr;		/* the executable's path, exactly */
	__u64 path_ptr;		/* an object path is this one or lies under it */
	__u32 path_len;		/* get: as exe_len */
	__u32 lsm_hooks;	/* bit (1 << C2A_LSM_*) per hook: the rule selects
				   these LSM events, and no syscall (then syscalls,
				   arches, exe and path must be empty) */
	struct c2a_idmatch uid, euid, auid, gid;
	char key[C2A_KEY_LEN];	/* NUL-padded; lands in the records it selects;
				   several keys are separated by ',' */
	/*
	 * Since C2A_RULE_SIZE_VER1: what Linux audit's rules (auditctl) ask
	 * of a call, decided as it does, on the task as the call left it.
	 */
	struct c2a_idmatch suid, fsuid, egid, sgid, fsgid;
	__u32 perm;		/* C2A_PERM_*: what the call does to its object,
				   classified as Linux audit does; 0: any */
	__u32 rflags;		/* C2A_RULEF_* */
	__u32 exit_op;		/* C2A_IDOP_IN: the result is one of exits[];
				   C2A_IDOP_OUT: none of them */
	__u32 nexits;
	__s32 exits[C2A_RULE_EXITS];	/* results, e.g. -EACCES */
	struct c2a_argmatch args[C2A_RULE_ARGS];	/* on a0..a3 */
	struct c2a_fieldcmp cmp[C2A_RULE_CMPS];	/* between the caller's ids */
	__u64 nr32[C2A_NR32_WORDS];	/* C2A_RULEF_NR32: of the i386 calls,
					   those whose number's bit is set */
};

/* Replaces every rule at once, so no call meets a half-loaded rule set. */
struct c2a_rules_load {
	__u32 size;
	__u32 count;		/* rules at rules_ptr */
	__u32 rule_size;	/* sizeof(struct c2a_rule) as the caller has it */
	__u32 __pad;
	__u64 rules_ptr;
};

struct c2a_rule_ref {
	__u32 size;
	__u32 position;
};

/* For commands without arguments; flags must be 0. */
struct c2a_command {
	__u32 size;
	__u32 flags;
};

/*
 * Probes on user-space functions (uprobes): a C2A_REC_UPROBE record each
 * time any process calls the instruction at @offset of the library file,
 * whether it started before or after the probe was set. User space
 * resolves symbols to file offsets. Setting one needs CAP_SYS_ADMIN as
 * well, since a probe at a wrong offset breaks the programs that run it.
 */
#define C2A_UPROBES_MAX		64
#define C2A_UPROBE_FUNC_MAX	128	/* function name, NUL included */

struct c2a_uprobe_spec {
	__u32 size;
	__u32 position;		/* get: which probe, in setting order */
	__u32 probe_id;		/* add, get: out */
	__u32 flags;		/* 0 */
	__u64 offset;		/* file offset of the instruction to probe */
	__u64 path_ptr;		/* the library, an absolute path */
	__u64 function_ptr;	/* a name for the records (the symbol) */
	__u32 path_len;		/* get: in, the room at path_ptr; out, the
				   length (nothing copied if above the room) */
	__u32 function_len;	/* get: as path_len */
	__u64 ino;		/* get: out, the library's inode */
	__u64 hits;		/* get: out, calls recorded or lost */
	__u32 dev;		/* get: out, the library's device */
	__u32 __pad;
};

struct c2a_uprobe_ref {
	__u32 size;
	__u32 probe_id;
};

#define C2A_IOC_GET_VERSION	_IOR(C2A_IOC_MAGIC, 0x01, struct c2a_version)
#define C2A_IOC_GET_STATUS	_IOR(C2A_IOC_MAGIC, 0x02, struct c2a_status)
#define C2A_IOC_GET_STATS	_IOWR(C2A_IOC_MAGIC, 0x03, struct c2a_stats)
#define C2A_IOC_SET_GEOMETRY	_IOW(C2A_IOC_MAGIC, 0x04, struct c2a_geometry)
#define C2A_IOC_SET_ENABLED	_IOW(C2A_IOC_MAGIC, 0x05, struct c2a_enable)
#define C2A_IOC_SET_OVERFLOW	_IOW(C2A_IOC_MAGIC, 0x06, struct c2a_overflow)
#define C2A_IOC_RULE_ADD	_IOW(C2A_IOC_MAGIC, 0x07, struct c2a_rule)
#define C2A_IOC_RULE_DEL	_IOW(C2A_IOC_MAGIC, 0x08, struct c2a_rule_ref)
#define C2A_IOC_RULE_GET	_IOWR(C2A_IOC_MAGIC, 0x09, struct c2a_rule)
#define C2A_IOC_RULES_LOAD	_IOW(C2A_IOC_MAGIC, 0x0a, struct c2a_rules_load)
#define C2A_IOC_RULES_FLUSH	_IOW(C2A_IOC_MAGIC, 0x0b, struct c2a_command)
/* No rule, mode or geometry change and no unload after it, until reboot. */
#define C2A_IOC_LOCK		_IOW(C2A_IOC_MAGIC, 0x0c, struct c2a_command)
#define C2A_IOC_UPROBE_ADD	_IOWR(C2A_IOC_MAGIC, 0x18, struct c2a_uprobe_spec)
#define C2A_IOC_UPROBE_DEL	_IOW(C2A_IOC_MAGIC, 0x19, struct c2a_uprobe_ref)
#define C2A_IOC_UPROBE_GET	_IOWR(C2A_IOC_MAGIC, 0x1a, struct c2a_uprobe_spec)
#define C2A_IOC_UPROBES_FLUSH	_IOW(C2A_IOC_MAGIC, 0x1b, struct c2a_command)
/*
 * The reader is about to halt the system (c2auditd's halt actions) and
 * reads no more: from now on until it detaches, no producer waits for room
 * (block mode, strict or not), its event is lost with C2A_LOSS_HALTING, as
 * the shutdown's own calls would otherwise wait for ever; even once that
 * reader is gone (stopped by the shutdown), until another attaches. Only
 * on the reader's descriptor; allowed when locked.
 */
#define C2A_IOC_HALTING		_IOW(C2A_IOC_MAGIC, 0x1c, struct c2a_command)
#define C2A_IOC_GET_SEQS	_IOWR(C2A_IOC_MAGIC, 0x1d, struct c2a_seqs)

/*
 * Observers (c2audit trace): a copy of the records of one process tree,
 * apart from the audit trail. C2A_IOC_OBSERVE, on any handle of a caller
 * with CAP_AUDIT_READ, returns a new file descriptor (O_RDONLY, close on
 * exec) that read() and poll() as /dev/audit, from a ring of its own; the
 * observation ends when it is closed. It follows the process @pid and
 * every process created from then on by one it follows (threads are part
 * of their process). It gets the records of every syscall the module
 * knows that these processes make, whether or not a rule selects them,
 * and with C2A_OBS_LSM their LSM hook events; the trail still gets only
 * what the rules select, and its ids are untouched. Records are numbered
 * in the observer's own stream (hdr.cpu 0, hdr.seq from 1), in the order
 * they were made; a full ring drops, with a loss marker of that stream:
 * producers never wait for an observer.
 */
#define C2A_OBS_LSM		0x01	/* LSM hook events too */

#define C2A_OBSERVERS_MAX	8
#define C2A_OBS_SLOTS_DEFAULT	1024

struct c2a_observe {
	__u32 size;
	__u32 pid;		/* process to follow, with what it creates */
	__u32 flags;		/* C2A_OBS_* */
	__u32 lsm_hooks;	/* with C2A_OBS_LSM: bit per hook; 0: every hook */
	__u32 slots;		/* its ring: a power of two, C2A_SLOTS_MIN..
				   C2A_SLOTS_MAX; 0: C2A_OBS_SLOTS_DEFAULT */
	__u32 __pad;
};

/* On an observer's descriptor. */
struct c2a_observer_stats {
	__u32 size;
	__u32 processes;	/* out: followed now */
	__u64 produced;		/* out: records written into its ring */
	__u64 delivered;	/* out: records read */
	__u64 dropped;		/* out: ids lost (its loss markers) */
	__u64 untracked;	/* out: processes created that it could not follow */
	__u32 lsm_missing;	/* out: hooks asked for that this kernel lacks */
	__u32 __pad;
};

/* The LSM class: what is hooked, and why. */
struct c2a_lsm_status {
	__u32 size;
	__u32 nr_hooks;		/* out: C2A_LSM_COUNT of the module */
	__u32 registered;	/* out: bit per hook probed now */
	__u32 audited;		/* out: hooks some audit rule selects */
	__u32 observed;		/* out: hooks observers asked for */
	__u32 missing;		/* out: hooks this kernel lacks (probe refused) */
	__u32 observers;	/* out: observers attached */
	__u32 __pad;
	__u64 missed;		/* out: hook calls the probes could not follow */
};

#define C2A_OBSERVE_SIZE_VER0		24
#define C2A_OBSERVER_STATS_SIZE_VER0	48
#define C2A_LSM_STATUS_SIZE_VER0	40

#define C2A_IOC_OBSERVE		_IOW(C2A_IOC_MAGIC, 0x10, struct c2a_observe)
#define C2A_IOC_GET_LSM		_IOR(C2A_IOC_MAGIC, 0x11, struct c2a_lsm_status)
#define C2A_IOC_OBSERVER_STATS	_IOR(C2A_IOC_MAGIC, 0x12, struct c2a_observer_stats)

/* The sizes are the ABI; a change here is a new C2A_ABI_VERSION. */
_Static_assert(sizeof(struct c2a_header) == 32, "c2a_header");
_Static_assert(sizeof(struct c2a_subject) == 72, "c2a_subject");
_Static_assert(sizeof(struct c2a_object) == 64, "c2a_object");
_Static_assert(sizeof(struct c2a_syscall) == 128, "c2a_syscall");
_Static_assert(sizeof(struct c2a_lsm) == 128, "c2a_lsm");
_Static_assert(sizeof(struct c2a_uprobe) == 128, "c2a_uprobe");
_Static_assert(sizeof(struct c2a_config) == 128, "c2a_config");
_Static_assert(sizeof(struct c2a_user) == 128, "c2a_user");
_Static_assert(sizeof(struct c2a_event) == C2A_RECORD_SIZE - 32, "c2a_event");
_Static_assert(sizeof(struct c2a_loss) == C2A_RECORD_SIZE - 32, "c2a_loss");
_Static_assert(sizeof(struct c2a_cont) == C2A_RECORD_SIZE - 32, "c2a_cont");
_Static_assert(sizeof(struct c2a_record) == C2A_RECORD_SIZE, "c2a_record");
_Static_assert(C2A_SYS_COUNT <= C2A_SYSID_WORDS * 64, "sysid bitmap");
_Static_assert(sizeof(struct c2a_counters) == 72, "c2a_counters");
_Static_assert(sizeof(struct c2a_status) == 128, "c2a_status");
_Static_assert(sizeof(struct c2a_cpu_stats) == 80, "c2a_cpu_stats");
_Static_assert(sizeof(struct c2a_cpu_seq) == 24, "c2a_cpu_seq");
_Static_assert(sizeof(struct c2a_seqs) == 24, "c2a_seqs");
_Static_assert(sizeof(struct c2a_overflow) == 24, "c2a_overflow");
_Static_assert(sizeof(struct c2a_idmatch) == 16, "c2a_idmatch");
_Static_assert(sizeof(struct c2a_rule) == C2A_RULE_SIZE_VER1, "c2a_rule");
_Static_assert(sizeof(struct c2a_argmatch) == 8, "c2a_argmatch");
_Static_assert(sizeof(struct c2a_fieldcmp) == 4, "c2a_fieldcmp");
_Static_assert(sizeof(struct c2a_rules_load) == 24, "c2a_rules_load");
_Static_assert(C2A_LSM_COUNT <= 32, "c2a_rule.lsm_hooks");
_Static_assert(sizeof(struct c2a_observe) == 24, "c2a_observe");
_Static_assert(sizeof(struct c2a_observer_stats) == 48, "c2a_observer_stats");
_Static_assert(sizeof(struct c2a_lsm_status) == 40, "c2a_lsm_status");
_Static_assert(sizeof(struct c2a_uprobe_spec) == 72, "c2a_uprobe_spec");
_Static_assert(sizeof(struct c2a_uprobe_ref) == 8, "c2a_uprobe_ref");

#endif /* _UAPI_C2AUDIT_H */
