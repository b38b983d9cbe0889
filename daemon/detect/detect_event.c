// SPDX-License-Identifier: GPL-2.0
/* What the detector makes of a record (detect.h): a typed, hashed event. */
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "detect_int.h"

/* FNV-1a, 64 bits: paths are compared by hash, never kept whole. */
uint64_t det_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A name for display: its tail when too long, where the file name is. */
static void keep_name(char *dst, size_t room, const char *s, size_t n)
{
	if (n >= room) {
		memcpy(dst, "...", 3);
		memcpy(dst + 3, s + n - (room - 4), room - 4);
		dst[room - 1] = '\0';
		return;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static bool get_str(const struct evt *ev, unsigned int type, const char **s,
		    size_t *n)
{
	const struct evt_str *str = evt_find_str(ev, type);

	if (!str)
		return false;
	*s = str->data;
	*n = str->have < str->len ? str->have : str->len;
	return *n > 0;
}

/* The object: its path's hash, its directory's, and its name less a suffix. */
static bool set_object(const struct evt *ev, struct det_event *out)
{
	const char *s, *slash, *dot;
	size_t n;

	if (!get_str(ev, C2A_STR_PATH, &s, &n))
		return false;
	out->obj = det_hash(s, n);
	slash = memrchr(s, '/', n);
	out->obj_dir = det_hash(s, slash ? (size_t)(slash - s) : 0);
	dot = memrchr(s, '.', n);
	out->obj_stem = dot && (!slash || dot > slash + 1) ?
			det_hash(s, dot - s) : out->obj;
	keep_name(out->name, sizeof(out->name), s, n);
	return true;
}

static bool set_rename(const struct evt *ev, struct det_event *out)
{
	const char *s;
	size_t n;

	if (!set_object(ev, out) || !get_str(ev, C2A_STR_PATH2, &s, &n))
		return false;
	out->obj2 = det_hash(s, n);
	keep_name(out->name2, sizeof(out->name2), s, n);
	out->type = DET_RENAME;
	return true;
}

/*
 * Read or create, from the open flags. A write-only open that neither
 * creates nor truncates (a log append) is neither.
 */
static bool set_open(const struct evt *ev, unsigned long flags,
		     struct det_event *out)
{
	unsigned int mode = ev->rec.ev.u.sys.obj.mode;
	unsigned long acc = flags & O_ACCMODE;

	if (flags & (O_DIRECTORY | O_PATH) || (mode && !S_ISREG(mode)))
		return false;
	if (acc != O_RDONLY && flags & (O_CREAT | O_TRUNC))
		out->type = DET_CREATE;
	else if (acc != O_WRONLY)
		out->type = DET_OPEN;
	else
		return false;
	return set_object(ev, out);
}

static bool classify_syscall(const struct evt *ev, struct det_event *out)
{
	const struct c2a_syscall *sys = &ev->rec.ev.u.sys;
	/* io_uring's and openat2's flags are not in the record. */
	bool flags_known = sys->arch != C2A_ARCH_IO_URING;

	if (sys->ret < 0)
		return false;
	switch (sys->sysid) {
	case C2A_SYS_open:
		return set_open(ev, flags_known ? sys->args[1] : 0, out);
	case C2A_SYS_openat:
	case C2A_SYS_open_by_handle_at:	/* (mount_fd, handle, flags) */
		return set_open(ev, flags_known ? sys->args[2] : 0, out);
	case C2A_SYS_openat2:
		return set_open(ev, O_RDONLY, out);
	case C2A_SYS_creat:
		return set_open(ev, O_WRONLY | O_CREAT | O_TRUNC, out);
	case C2A_SYS_unlinkat:
		if (sys->args[2] & AT_REMOVEDIR)
			return false;
		/* fall through */
	case C2A_SYS_unlink:
		out->type = DET_DELETE;
		return set_object(ev, out);
	case C2A_SYS_renameat2:
		if (sys->args[4] & RENAME_EXCHANGE)
			return false;
		/* fall through */
	case C2A_SYS_rename:
	case C2A_SYS_renameat:
		return set_rename(ev, out);
	case C2A_SYS_execve:
	case C2A_SYS_execveat:
		out->type = DET_EXEC;
		return true;
	}
	return false;
}

/* Enc: "library:function" for display, the library's path beside it. */
static bool classify_uprobe(const struct evt *ev, struct det_event *out)
{
	const char *lib = "", *fn = "", *base;
	size_t nlib = 0, nfn = 0, nbase;
	char text[DET_NAME_MAX];

	get_str(ev, C2A_STR_LIBRARY, &lib, &nlib);
	get_str(ev, C2A_STR_FUNCTION, &fn, &nfn);
	base = memrchr(lib, '/', nlib);
	base = base ? base + 1 : lib;
	nbase = lib + nlib - base;
	snprintf(text, sizeof(text), "%.*s:%.*s", (int)nbase, base, (int)nfn, fn);
	keep_name(out->name, sizeof(out->name), text, strlen(text));
	keep_name(out->name2, sizeof(out->name2), lib, nlib);
	out->type = DET_ENC;
	return true;
}

bool det_classify(const struct evt *ev, struct det_event *out)
{
	const struct c2a_record *rec = &ev->rec;
	const struct c2a_subject *subj = &rec->ev.subj;
	const char *exe = "";
	size_t n = 0;
	bool ok;

	/* All but the names, which are written as strings. */
	memset(out, 0, offsetof(struct det_event, name));
	out->name[0] = out->name2[0] = '\0';
	if (rec->hdr.type == C2A_REC_SYSCALL)
		ok = classify_syscall(ev, out);
	else if (rec->hdr.type == C2A_REC_UPROBE)
		ok = classify_uprobe(ev, out);
	else
		ok = false;
	if (!ok)
		return false;
	out->time_ns = rec->hdr.time_ns;
	out->seq = rec->hdr.seq;
	out->cpu = rec->hdr.cpu;
	out->tgid = subj->tgid;
	out->pid = subj->pid;
	memcpy(out->comm, subj->comm, sizeof(out->comm));
	out->comm[sizeof(out->comm) - 1] = '\0';
	get_str(ev, C2A_STR_EXE, &exe, &n);
	out->exe = det_hash(exe, n);
	keep_name(out->exe_name, sizeof(out->exe_name), exe, n);
	return true;
}
