/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_HOOKS_H
#define _C2A_HOOKS_H

#include <linux/types.h>
#include <asm/ftrace.h>

struct c2a_builder;
struct c2a_capture;
struct pt_regs;

#include "c2audit.h"
#include "policy.h"

struct c2a_facts;

/*
 * Calls a hooked function from its wrapper with five arguments (stub.S),
 * at @fn: its first instruction past the ftrace call, c2a_past_fentry().
 */
long c2a_call_orig(unsigned long a0, unsigned long a1, unsigned long a2,
		   unsigned long a3, unsigned long a4, unsigned long fn);

/*
 * A hooked function's first instruction past its ftrace call at @ip (the
 * ip a handler is given): its wrapper calls it there, so that the call
 * does not go through ftrace's trampoline and the handlers a second time.
 */
static inline unsigned long c2a_past_fentry(unsigned long ip)
{
	return ip + MCOUNT_INSN_SIZE;
}

/* The caller as the rules see it, at the call's entry. */
struct c2a_who {
	u32 ids[C2A_ID_COUNT];	/* enum c2a_idfield */
	pid_t ppid;
};

/* What the entry probe saves for the return probe, per call. */
struct c2a_entry {
	u64 time_ns;
	unsigned long args[6];
	u32 nr;
	u16 sysid;
	u8 arch;
	u8 variant;		/* C2A_V_* of the entry point */
	u8 perm;		/* C2A_PERM_* of the call, known at its return */
	bool observed;		/* an observer follows the task */
	unsigned long karg;	/* a kernel pointer argument, kept out of the record */
	struct c2a_who who;
	struct c2a_walk walk;	/* of the rules */
	union {
		u32 before[4];	/* set*id: the ids before the call */
		struct c2a_sockaddr addr;	/* io_uring connect: the kernel's copy */
	};
};

/* How a call names an object by path. */
enum c2a_how {
	C2A_PATH_NONE = 0,
	C2A_FOLLOW,		/* a final symlink is followed */
	C2A_NOFOLLOW,		/* it is not (unless AT_SYMLINK_FOLLOW) */
	C2A_TEXT,		/* a string kept as given, never looked up */
};

/*
 * Argument positions in the tables are 1-based, so that an unset field
 * (0) means "no such argument": C2A_A0 is the first argument.
 */
enum { C2A_A0 = 1, C2A_A1, C2A_A2, C2A_A3, C2A_A4, C2A_A5 };

static inline unsigned long c2a_arg(const struct c2a_entry *e, u8 pos)
{
	return e->args[pos - 1];
}

struct c2a_patharg {
	u8 dirfd;		/* argument holding a directory fd, 0: the cwd */
	u8 name;		/* argument holding the name */
	u8 atflags;		/* argument holding AT_* flags, or 0 */
	u8 how;			/* enum c2a_how; C2A_PATH_NONE: no path */
};

/* Variants of an entry point (c2a_entrypoint.variant) */
#define C2A_V_QUIET	0x01	/* may be absent: do not report */
#define C2A_V_INT	0x02	/* returns int: only eax is the result */
#define C2A_V_TIME32	0x04	/* takes 32-bit time structs */

struct c2a_entrypoint {
	const char *symbol;
	u8 arch;		/* enum c2a_arch */
	u8 variant;		/* C2A_V_* */
};

#define C2A_MAX_ENTRIES	5

/*
 * An audited syscall: where it is hooked and what its record holds. The
 * hooks sit on its entry points; at_entry (optional, atomic: it runs in
 * the hook's handler too) may look at the call before it runs and refuse
 * it; after the call, at_return takes references on the objects the call
 * used, and capture fills the object fields. Without a capture of its own,
 * c2a_capture_objects() fills what path, path2, fd and str name.
 */
struct c2a_sysdesc {
	u16 sysid;
	const u16 *carries;	/* other syscalls this one may carry, 0-ended */
	struct c2a_entrypoint entry[C2A_MAX_ENTRIES];
	struct c2a_patharg path, path2;
	u8 fd;			/* argument holding an fd naming the object */
	u8 str;			/* argument holding one more user string */
	u8 str_type;		/* its enum c2a_str_type */
	u8 fnames;		/* bit i: argument i is a struct filename (io_uring) */
	bool watched;		/* acted.c's checks fill its object (names.c) */
	bool (*at_entry)(struct c2a_entry *e, struct pt_regs *regs);
	bool (*retried)(long ret);	/* this attempt will be made again */
	void (*at_return)(struct c2a_capture *cap);
	void (*capture)(struct c2a_capture *cap, struct c2a_builder *b);
};

struct c2a_systable {
	const struct c2a_sysdesc *descs;
	unsigned int count;
};

extern const struct c2a_systable c2a_sys_files, c2a_sys_exec, c2a_sys_procs,
	c2a_sys_ids, c2a_sys_net, c2a_sys_system, c2a_sys_uring;

/* Entry point helpers for the tables: 64-bit, 32-bit, both. */
#define C2A_X64(name)		{ "__x64_sys_" #name, C2A_ARCH_X86_64, 0 }
#define C2A_IA32(name)		{ "__ia32_sys_" #name, C2A_ARCH_I386, 0 }
#define C2A_IA32C(name)		{ "__ia32_compat_sys_" #name, C2A_ARCH_I386, 0 }
#define C2A_X32C(name)		{ "__x64_compat_sys_" #name, C2A_ARCH_X32, C2A_V_QUIET }
#define C2A_BOTH(name)		{ C2A_X64(name), C2A_IA32(name) }
/* The same, for a syscall newer than some kernel we support. */
#define C2A_X64Q(name)		{ "__x64_sys_" #name, C2A_ARCH_X86_64, C2A_V_QUIET }
#define C2A_IA32Q(name)		{ "__ia32_sys_" #name, C2A_ARCH_I386, C2A_V_QUIET }

/*
 * A kretprobe's misses (lsm.c) count as the trail's loss only while some
 * rule wants the probe: not while only observers have it registered.
 */
struct c2a_misses {
	bool audited;
	u64 before;		/* counted, of earlier periods */
	u64 base;		/* of this registration, not counted */
};

struct kretprobe;

void c2a_misses_registered(struct c2a_misses *m);
void c2a_misses_unregistered(struct c2a_misses *m, const struct kretprobe *krp);
void c2a_misses_audit(struct c2a_misses *m, const struct kretprobe *krp,
		      bool registered, bool audited);
u64 c2a_misses_count(const struct c2a_misses *m, const struct kretprobe *krp,
		     bool registered);

int c2a_hooks_init(void);
void c2a_hooks_exit(void);
void c2a_hooks_start(void);
void c2a_hooks_add(const unsigned long *wanted);
void c2a_hooks_prune(const unsigned long *wanted);
void c2a_hooks_observe(bool on);
unsigned int c2a_hooks_count(void);
unsigned int c2a_hooks_failed(void);
unsigned int c2a_hooks_inflight(void);
int c2a_hooks_guard(void);
bool c2a_audits_current(void);
u64 c2a_hooks_missed(void);
void c2a_entry_facts(const struct c2a_entry *e, long ret, struct c2a_facts *f);

void c2a_capture_objects(struct c2a_capture *cap, struct c2a_builder *b);
void c2a_capture_path_at(struct c2a_capture *cap, struct c2a_builder *b,
			 const struct c2a_patharg *pa, unsigned long at,
			 unsigned int slot, u8 path_type, u8 name_type,
			 struct c2a_object *obj);
void c2a_at_return_fd(struct c2a_capture *cap);
void c2a_at_return_result_fd(struct c2a_capture *cap);
void c2a_capture_net(struct c2a_capture *cap, struct c2a_builder *b);

struct sockaddr_storage;
int c2a_sockaddr_fill(struct c2a_sockaddr *a,
		      const struct sockaddr_storage *ss, int len,
		      const char **path);

bool c2a_audits_current(void);
void c2a_who_fill(struct c2a_who *w);

#endif /* _C2A_HOOKS_H */
