// SPDX-License-Identifier: GPL-2.0
/* From an event to its named fields (the keys the tools print and filter on). */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "array_size.h"
#include "fields.h"
#include "sysnr.h"

const char *arch_name(unsigned int arch)
{
	switch (arch) {
	case C2A_ARCH_X86_64:
		return "x86_64";
	case C2A_ARCH_I386:
		return "i386";
	case C2A_ARCH_IO_URING:
		return "io_uring";
	case C2A_ARCH_X32:
		return "x32";
	case C2A_ARCH_KERNEL:
		return "kernel";
	}
	return "unknown";
}

const char *record_type_name(unsigned int type)
{
	switch (type) {
	case C2A_REC_SYSCALL:
		return "syscall";
	case C2A_REC_LOSS:
		return "lost";
	case C2A_REC_CONT:
		return "cont";
	case C2A_REC_CONFIG:
		return "config";
	case C2A_REC_LSM:
		return "lsm";
	case C2A_REC_UPROBE:
		return "uprobe";
	case C2A_REC_USER:
		return "user";
	}
	return "unknown";
}

/* RFC 3339, UTC, with nanoseconds. */
void format_time(unsigned long long ns, char *out, size_t len)
{
	time_t sec = ns / 1000000000ULL;
	struct tm tm;
	size_t n;

	gmtime_r(&sec, &tm);
	n = strftime(out, len, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, len - n, ".%09lluZ", ns % 1000000000ULL);
}

/*
 * A time given as seconds (which may be before 1970) and nanoseconds, as
 * format_time() writes it; "@SEC.NSEC" when it is no date (nanoseconds
 * out of range, a year gmtime cannot hold).
 */
static void format_timespec(long long sec, long long nsec, char *out,
			    size_t len)
{
	time_t t = sec;
	struct tm tm;
	size_t n;

	if (nsec < 0 || nsec >= 1000000000LL || t != sec || !gmtime_r(&t, &tm) ||
	    !(n = strftime(out, len, "%Y-%m-%dT%H:%M:%S", &tm))) {
		snprintf(out, len, "@%lld.%lld", sec, nsec);
		return;
	}
	snprintf(out + n, len - n, ".%09lluZ", (unsigned long long)nsec);
}

/* The errno name of a result that is -errno; NULL for any other value. */
static const char *err_name(long long result)
{
	return result < 0 && result >= -4095 ? strerrorname_np(-result) : NULL;
}

/*
 * Appends an item, after a comma unless it is the first, to @t (FIELD_TEXT
 * bytes) of which @n are used; returns the new length. What does not fit
 * is cut, never written past the end.
 */
static size_t add_item(char *t, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static size_t add_item(char *t, size_t n, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (n >= FIELD_TEXT - 1)
		return n;
	if (n)
		t[n++] = ',';
	va_start(ap, fmt);
	w = vsnprintf(t + n, FIELD_TEXT - n, fmt, ap);
	va_end(ap);
	if (w < 0)
		w = 0;
	n += (size_t)w;
	return n < FIELD_TEXT ? n : FIELD_TEXT - 1;
}

static void add(struct fields *f, const char *key, enum fld_kind kind,
		const char *val, size_t len)
{
	if (f->n == FIELDS_MAX)
		return;
	f->f[f->n++] = (struct field){ key, kind, val, len };
}

static void add_word(struct fields *f, const char *key, const char *word)
{
	add(f, key, FLD_NUM, word, strlen(word));
}

/* Storage for the text of the field added next. */
static char *next_text(struct fields *f)
{
	return f->text[f->n < FIELDS_MAX ? f->n : FIELDS_MAX];
}

static void add_fmt(struct fields *f, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add_fmt(struct fields *f, const char *key, const char *fmt, ...)
{
	char *t = next_text(f);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t, FIELD_TEXT, fmt, ap);
	va_end(ap);
	add_word(f, key, t);
}

/* Most fields are numbers: written without printf, which costs 5x. */
static void add_u64(struct fields *f, const char *key, unsigned long long v)
{
	char *t = next_text(f), digits[20];
	size_t n = 0, len = 0;

	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10));
	while (n)
		t[len++] = digits[--n];
	t[len] = '\0';
	add(f, key, FLD_NUM, t, len);
}

static void add_header(struct fields *f, const struct c2a_record *rec)
{
	char *t;

	add_word(f, "type", record_type_name(rec->hdr.type));
	add_u64(f, "seq", rec->hdr.seq);
	add_u64(f, "cpu", rec->hdr.cpu);
	t = next_text(f);
	format_time(rec->hdr.time_ns, t, FIELD_TEXT);
	add_word(f, "time", t);
}

static void add_subject(struct fields *f, const struct c2a_subject *s)
{
	add_u64(f, "pid", s->pid);
	add_u64(f, "tgid", s->tgid);
	add_u64(f, "ppid", s->ppid);
	add_u64(f, "uid", s->uid);
	add_u64(f, "euid", s->euid);
	add_u64(f, "suid", s->suid);
	add_u64(f, "fsuid", s->fsuid);
	add_u64(f, "gid", s->gid);
	add_u64(f, "egid", s->egid);
	add_u64(f, "sgid", s->sgid);
	add_u64(f, "fsgid", s->fsgid);
	add_u64(f, "auid", s->auid);
	add_u64(f, "ses", s->sessionid);
	add(f, "comm", FLD_STR, s->comm, strnlen(s->comm, sizeof(s->comm)));
}

static void add_dev(struct fields *f, const char *key, unsigned int dev)
{
	add_fmt(f, key, "%u:%u", (dev & 0xfff00) >> 8,
		(dev & 0xff) | ((dev >> 12) & 0xfff00));
}

static void add_inode(struct fields *f, const struct c2a_object *o)
{
	if (!o->ino)
		return;
	add_u64(f, "ino", o->ino);
	add_dev(f, "dev", o->dev);
	add_fmt(f, "mode", "0%o", o->mode);
	add_u64(f, "ouid", o->ouid);
	add_u64(f, "ogid", o->ogid);
}

static void add_sockaddr(struct fields *f, const struct c2a_sockaddr *a)
{
	char *t;

	switch (a->family) {
	case AF_INET:
		add_word(f, "family", "inet");
		t = next_text(f);
		inet_ntop(AF_INET, a->addr, t, FIELD_TEXT);
		add_word(f, "addr", t);
		add_u64(f, "port", a->port);
		break;
	case AF_INET6:
		add_word(f, "family", "inet6");
		t = next_text(f);
		inet_ntop(AF_INET6, a->addr, t, FIELD_TEXT);
		add_word(f, "addr", t);
		add_u64(f, "port", a->port);
		break;
	case AF_UNIX:
		add_word(f, "family", "unix");
		break;
	case AF_UNSPEC:
		break;
	default:
		add_u64(f, "family", a->family);
	}
}

static bool is_gid_call(unsigned int sysid)
{
	return sysid == C2A_SYS_setgid || sysid == C2A_SYS_setregid ||
	       sysid == C2A_SYS_setresgid || sysid == C2A_SYS_setfsgid ||
	       sysid == C2A_SYS_setgroups;
}

/* The ids before the call; the subject has them after it. */
static void add_old_ids(struct fields *f, const struct c2a_syscall *sys)
{
	static const char *const uids[] = {
		"old_uid", "old_euid", "old_suid", "old_fsuid" };
	static const char *const gids[] = {
		"old_gid", "old_egid", "old_sgid", "old_fsgid" };
	const char *const *keys = is_gid_call(sys->sysid) ? gids : uids;

	for (int i = 0; i < 4; i++)
		add_u64(f, keys[i], sys->obj.ids.before[i]);
}

/* What the union of the object holds depends on the call. */
static void add_object(struct fields *f, const struct c2a_syscall *sys)
{
	const struct c2a_object *o = &sys->obj;
	char *t;

	add_inode(f, o);
	switch (sys->sysid) {
	case C2A_SYS_kill:
	case C2A_SYS_tkill:
	case C2A_SYS_tgkill:
	case C2A_SYS_rt_sigqueueinfo:
	case C2A_SYS_rt_tgsigqueueinfo:
		add_fmt(f, "target_pid", "%d", (int)o->target.pid);
		add_fmt(f, "sig", "%d", o->target.sig);
		break;
	case C2A_SYS_pidfd_send_signal:	/* the target is the pidfd's */
		if (o->target.pid)
			add_fmt(f, "target_pid", "%d", (int)o->target.pid);
		add_fmt(f, "sig", "%d", o->target.sig);
		break;
	case C2A_SYS_process_vm_writev:
		add_fmt(f, "target_pid", "%d", (int)o->target.pid);
		break;
	case C2A_SYS_ptrace:
		add_fmt(f, "target_pid", "%d", (int)o->target.pid);
		add_fmt(f, "request", "%d", o->target.sig);
		break;
	case C2A_SYS_fork:
	case C2A_SYS_vfork:
	case C2A_SYS_clone:
	case C2A_SYS_clone3:
		if (o->target.pid)
			add_u64(f, "child_pid", o->target.pid);
		break;
	case C2A_SYS_setuid: case C2A_SYS_setgid: case C2A_SYS_setreuid:
	case C2A_SYS_setregid: case C2A_SYS_setresuid: case C2A_SYS_setresgid:
	case C2A_SYS_setfsuid: case C2A_SYS_setfsgid: case C2A_SYS_setgroups:
		add_old_ids(f, sys);
		break;
	case C2A_SYS_capset:
		add_fmt(f, "cap_effective", "0x%llx", o->caps.effective);
		add_fmt(f, "cap_permitted", "0x%llx", o->caps.permitted);
		add_fmt(f, "cap_inheritable", "0x%llx", o->caps.inheritable);
		break;
	case C2A_SYS_connect: case C2A_SYS_bind: case C2A_SYS_listen:
	case C2A_SYS_accept: case C2A_SYS_accept4:
		add_sockaddr(f, &o->addr);
		break;
	case C2A_SYS_clock_adjtime:
		add_fmt(f, "clock", "%d", o->time.clock);
		break;
	case C2A_SYS_settimeofday:
	case C2A_SYS_clock_settime:
	case C2A_SYS_stime:
		add_fmt(f, "clock", "%d", o->time.clock);
		t = next_text(f);
		format_timespec(o->time.sec, o->time.nsec, t, FIELD_TEXT);
		add_word(f, "new_time", t);
		break;
	}
}

static void add_syscall(struct fields *f, const struct c2a_syscall *sys)
{
	const char *name = sys_name(sys->sysid);
	bool failed = sys->ret < 0 && sys->ret >= -4095;

	if (name)
		add_word(f, "syscall", name);
	else
		add_u64(f, "syscall", sys->sysid);
	if (sys->nr != C2A_NR_NONE)
		add_u64(f, "nr", sys->nr);
	add_word(f, "arch", arch_name(sys->arch));
	add_fmt(f, "exit", "%lld", (long long)sys->ret);
	add_word(f, "success", failed ? "no" : "yes");
	if (failed && strerrorname_np(-sys->ret))
		add_word(f, "err", strerrorname_np(-sys->ret));
	add_fmt(f, "args", "0x%llx,0x%llx,0x%llx,0x%llx", sys->args[0],
		sys->args[1], sys->args[2], sys->args[3]);
}

static void add_strings(struct fields *f, const struct evt *ev)
{
	for (unsigned int i = 0; i < ev->nstr; i++) {
		const struct evt_str *s = &ev->str[i];
		const char *key = str_type_name(s->type);

		add(f, key, s->type == C2A_STR_ARGV ? FLD_LIST : FLD_STR,
		    s->data, s->have < s->len ? s->have : s->len);
	}
}

/*
 * The strings with @flag, by type, as @field: those read from the caller's
 * memory after the call (another thread may have changed them), those
 * resolved after it (a symlink swapped in between may have misled it).
 */
static void add_str_flagged(struct fields *f, const struct evt *ev,
			    uint8_t flag, const char *field)
{
	size_t n = 0;
	char *t = next_text(f);

	t[0] = '\0';
	for (unsigned int i = 0; i < ev->nstr; i++)
		if (ev->str[i].flags & flag)
			n = add_item(t, n, "%s", str_type_name(ev->str[i].type));
	if (n)
		add_word(f, field, t);
}

static void add_flags(struct fields *f, const struct evt *ev)
{
	uint16_t flags = ev->rec.hdr.flags;

	if (flags & C2A_RF_TRUNC)
		add_word(f, "truncated", "yes");
	if (flags & C2A_RF_NOUSER)
		add_word(f, "nouser", "yes");
	add_str_flagged(f, ev, C2A_STRF_UREAD, "unverified");
	/* resolved after the call: a swapped symlink may have misled it */
	add_str_flagged(f, ev, C2A_STRF_AFTER, "resolved_after");
	if (ev->incomplete)
		add_word(f, "incomplete", "yes");
	if (ev->damaged)
		add_word(f, "damaged", "yes");
}

/* The name of loss reason C2A_LOSS_* = 1 << @bit, or NULL past the last. */
const char *loss_reason_name(unsigned int bit)
{
	static const char *const why[] = {
		"ring_full", "nomem", "missed", "nocontext", "timeout",
		"noreader", "killed", "disabled", "halting", "backlog",
		"sockbuf", "serial_gap",
	};

	return bit < ARRAY_SIZE(why) ? why[bit] : NULL;
}

static void add_loss(struct fields *f, const struct c2a_loss *l)
{
	size_t n = 0;
	char *t;

	add_u64(f, "first_seq", l->first_seq);
	add_u64(f, "count", l->count);
	t = next_text(f);
	t[0] = '\0';
	for (unsigned int i = 0; loss_reason_name(i); i++)
		if (l->reasons & (1u << i))
			n = add_item(t, n, "%s", loss_reason_name(i));
	add_word(f, "reasons", t);
}

static const char *const config_items[] = {
	[C2A_CFG_ENABLED] = "enabled",
	[C2A_CFG_GEOMETRY] = "slots",
	[C2A_CFG_READER] = "reader",
	[C2A_CFG_OVERFLOW] = "overflow",
	[C2A_CFG_FAILURE] = "failure",
	[C2A_CFG_BLOCK_TIMEOUT] = "block_timeout",
	[C2A_CFG_RULE_ADD] = "rule_add",
	[C2A_CFG_RULE_DEL] = "rule_delete",
	[C2A_CFG_RULE_FLUSH] = "rules_flush",
	[C2A_CFG_LOCK] = "lock",
	[C2A_CFG_UNLOAD] = "unload",
	[C2A_CFG_UPROBE] = "uprobe",
	[C2A_CFG_LSM] = "lsm",
	[C2A_CFG_STRICT] = "strict",
	[C2A_CFG_RULES_LOAD] = "rules_load",
	[C2A_CFG_OBSERVER] = "observer",
	[C2A_CFG_HOOKS] = "hooks",
	[C2A_CFG_HALTING] = "halting",
};

/* What changed, from what to what, or what was refused (result < 0). */
static void add_config(struct fields *f, const struct c2a_config *c)
{
	if (c->item < ARRAY_SIZE(config_items) &&
	    config_items[c->item])
		add_word(f, "item", config_items[c->item]);
	else
		add_u64(f, "item", c->item);
	add_fmt(f, "result", "%d", c->result);
	if (err_name(c->result))
		add_word(f, "err", err_name(c->result));
	add_u64(f, "old", c->old_val);
	add_u64(f, "new", c->new_val);
}

/* Bits as words, "a,b", or the number when none is known. */
static void add_bits(struct fields *f, const char *key, unsigned int v,
		     const char *const *names, unsigned int nnames)
{
	char *t = next_text(f);
	size_t n = 0;

	t[0] = '\0';
	for (unsigned int i = 0; i < nnames; i++)
		if (v & (1u << i) && names[i])
			n = add_item(t, n, "%s", names[i]);
	if (!n || (v & ~((1u << nnames) - 1)))
		add_item(t, n, "0x%x", n ? v & ~((1u << nnames) - 1) : v);
	add_word(f, key, t);
}

/* MAY_* of the permission hooks */
static void add_may(struct fields *f, unsigned int mask)
{
	static const char *const may[] = {
		"exec", "write", "read", "append", "access", "open", "chdir",
		"not_block",
	};

	add_bits(f, "mask", mask, may, ARRAY_SIZE(may));
}

static void add_prot(struct fields *f, const char *key, unsigned int prot)
{
	static const char *const bits[] = { "read", "write", "exec" };

	if (!prot)
		add_word(f, key, "none");
	else
		add_bits(f, key, prot, bits, 3);
}

/* The capability names of <linux/capability.h>, by number. */
static const char *const cap_names[] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid",
	"kill", "setgid", "setuid", "setpcap", "linux_immutable",
	"net_bind_service", "net_broadcast", "net_admin", "net_raw",
	"ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot",
	"sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
	"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
	"audit_write", "audit_control", "setfcap", "mac_override",
	"mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read",
	"perfmon", "bpf", "checkpoint_restore",
};

/* The syscall the task was in when the hook ran. */
static void add_in_syscall(struct fields *f, const struct c2a_lsm *l)
{
	const char *name = sysnr_name(l->arch, l->nr);

	if (l->nr == C2A_NR_NONE)
		return;
	if (name)
		add_word(f, "in_syscall", name);
	add_u64(f, "in_nr", l->nr);
	add_word(f, "in_arch", arch_name(l->arch));
}

static void add_lsm_inode(struct fields *f, const struct c2a_lsm *l)
{
	if (l->ino) {
		add_u64(f, "ino", l->ino);
		add_dev(f, "dev", l->dev);
		add_fmt(f, "mode", "0%o", l->mode);
		add_u64(f, "ouid", l->ouid);
		add_u64(f, "ogid", l->ogid);
	}
	if (l->ino2) {
		add_u64(f, "dir_ino", l->ino2);
		add_dev(f, "dir_dev", l->dev2);
		add_fmt(f, "dir_mode", "0%o", l->mode2);
	}
}

/* What the union of c2a_lsm holds depends on the hook (c2audit.h). */
static void add_lsm_args(struct fields *f, const struct c2a_lsm *l)
{
	switch (l->hook) {
	case C2A_LSM_file_open:
		add_fmt(f, "flags", "0%o", (unsigned int)l->arg);
		break;
	case C2A_LSM_file_permission:
	case C2A_LSM_inode_permission:
		add_may(f, l->mask);
		break;
	case C2A_LSM_file_ioctl:
		add_fmt(f, "cmd", "0x%llx", (unsigned long long)l->arg);
		break;
	case C2A_LSM_mmap_file:
		add_prot(f, "prot", l->prot);
		add_fmt(f, "flags", "0x%x", l->mflags);
		break;
	case C2A_LSM_file_mprotect:
		add_prot(f, "prot", l->prot);
		add_prot(f, "applied", (unsigned int)l->arg);
		break;
	case C2A_LSM_inode_create:
		add_fmt(f, "new_mode", "0%o", l->mode);
		break;
	case C2A_LSM_inode_rename:
		add_fmt(f, "flags", "0x%x", l->mflags);
		break;
	case C2A_LSM_inode_setattr:
		add_fmt(f, "valid", "0x%x", l->mask);
		if (l->mask & 1)	/* ATTR_MODE */
			add_fmt(f, "new_mode", "0%o", l->mode2);
		if (l->mask & 8)	/* ATTR_SIZE */
			add_u64(f, "new_size", l->arg);
		break;
	case C2A_LSM_inode_follow_link:
		add_word(f, "rcu", l->mask ? "yes" : "no");
		break;
	case C2A_LSM_task_kill:
		add_fmt(f, "target_pid", "%d", (int)l->target_pid);
		add_fmt(f, "sig", "%d", (int)l->cap);
		break;
	case C2A_LSM_ptrace_access_check:
		add_fmt(f, "target_pid", "%d", (int)l->target_pid);
		add_fmt(f, "ptrace_mode", "0x%x", l->mask);
		break;
	case C2A_LSM_capable:
		if (l->cap < ARRAY_SIZE(cap_names))
			add_word(f, "cap", cap_names[l->cap]);
		add_u64(f, "cap_nr", l->cap);
		add_fmt(f, "opts", "0x%x", l->mask);
		break;
	case C2A_LSM_socket_connect:
	case C2A_LSM_socket_bind:
		add_sockaddr(f, &l->addr);
		break;
	case C2A_LSM_sb_mount:
		add_fmt(f, "flags", "0x%x", l->mflags);
		break;
	case C2A_LSM_kernel_read_file:
		add_u64(f, "read_id", l->arg);
		add_word(f, "contents", l->mflags ? "yes" : "no");
		break;
	}
}

static void add_lsm(struct fields *f, const struct c2a_lsm *l)
{
	const char *name = lsm_hook_name(l->hook);

	if (name)
		add_word(f, "hook", name);
	else
		add_u64(f, "hook", l->hook);
	if (l->lflags & C2A_LSMF_DECISION) {
		add_fmt(f, "result", "%d", l->result);
		add_word(f, "decision", l->result ? "denied" : "allowed");
		if (err_name(l->result))
			add_word(f, "err", err_name(l->result));
	}
	add_in_syscall(f, l);
}

/* Where the probe is; the library and function are strings of the event. */
static void add_uprobe(struct fields *f, const struct c2a_uprobe *u)
{
	add_u64(f, "probe_id", u->probe_id);
	add_fmt(f, "offset", "0x%llx", (unsigned long long)u->offset);
	add_fmt(f, "ip", "0x%llx", (unsigned long long)u->ip);
	add_fmt(f, "args", "0x%llx,0x%llx,0x%llx,0x%llx", u->args[0],
		u->args[1], u->args[2], u->args[3]);
}

void fields_build(const struct evt *ev, struct fields *out)
{
	const struct c2a_record *rec = &ev->rec;
	size_t keylen;

	out->n = 0;
	out->scratch_used = 0;
	add_header(out, rec);
	if (rec->hdr.type == C2A_REC_LOSS) {
		add_loss(out, &rec->loss);
		return;
	}
	if (rec->hdr.type == C2A_REC_USER) {
		fields_add_user(ev, out);
		add_flags(out, ev);
		return;
	}
	if (rec->hdr.type == C2A_REC_SYSCALL)
		add_syscall(out, &rec->ev.u.sys);
	else if (rec->hdr.type == C2A_REC_CONFIG)
		add_config(out, &rec->ev.u.cfg);
	else if (rec->hdr.type == C2A_REC_LSM)
		add_lsm(out, &rec->ev.u.lsm);
	else if (rec->hdr.type == C2A_REC_UPROBE)
		add_uprobe(out, &rec->ev.u.uprobe);
	add_subject(out, &rec->ev.subj);
	add_strings(out, ev);
	keylen = strnlen(rec->ev.key, C2A_KEY_LEN);
	if (keylen)
		add(out, "key", FLD_STR, rec->ev.key, keylen);
	if (rec->hdr.type == C2A_REC_SYSCALL)
		add_object(out, &rec->ev.u.sys);
	if (rec->hdr.type == C2A_REC_LSM) {
		add_lsm_inode(out, &rec->ev.u.lsm);
		add_lsm_args(out, &rec->ev.u.lsm);
	}
	if (rec->hdr.type == C2A_REC_UPROBE) {
		add_u64(out, "ino", rec->ev.u.uprobe.ino);
		add_dev(out, "dev", rec->ev.u.uprobe.dev);
	}
	add_flags(out, ev);
}

void fields_add(struct fields *f, const char *key, enum fld_kind kind,
		const char *val, size_t len)
{
	add(f, key, kind, val, len);
}

char *fields_text(struct fields *f)
{
	return next_text(f);
}

const struct field *fields_get(const struct fields *f, const char *key)
{
	for (unsigned int i = 0; i < f->n; i++)
		if (!strcmp(f->f[i].key, key))
			return &f->f[i];
	return NULL;
}
