// SPDX-License-Identifier: GPL-2.0
/*
 * c2audit trace's lines, like lsmtrace's: one per event, the thread and
 * its command first, a syscall's enter and exit around the hooks that ran
 * inside it. Values are escaped as render_text() escapes them.
 */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "array_size.h"
#include "fields.h"
#include "render.h"
#include "sysnr.h"
#include "trace.h"

/* Keys the line's prefix or its shape already says. */
static bool skipped(const char *key)
{
	static const char *const keys[] = {
		"type", "seq", "cpu", "time", "pid", "tgid", "ppid", "uid",
		"euid", "suid", "fsuid", "gid", "egid", "sgid", "fsgid", "auid",
		"ses", "comm", "exe", "syscall", "nr", "exit", "success", "err",
		"args", "hook", "result", "decision", "in_syscall", "in_nr",
		"in_arch",
	};

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (!strcmp(key, keys[i]))
			return true;
	return false;
}

static void put_value(struct buf *out, const struct field *fl)
{
	render_text_value(out, fl->val, fl->len);
}

static void put_field(struct buf *out, const struct fields *f,
		      const char *key)
{
	const struct field *fl = fields_get(f, key);

	if (fl) {
		buf_addc(out, ' ');
		put_value(out, fl);
	}
}

/* The fields that describe the call or hook, as key=value. */
static void put_details(struct buf *out, const struct fields *f)
{
	struct fields one = { .n = 1 };

	for (unsigned int i = 0; i < f->n; i++) {
		const struct field *fl = &f->f[i];

		if (skipped(fl->key))
			continue;
		if (!strcmp(fl->key, "arch") && !strncmp(fl->val, "x86_64", fl->len))
			continue;
		one.f[0] = *fl;
		/* A list (argv) brings its own separator. */
		if (fl->kind != FLD_LIST)
			buf_addc(out, ' ');
		render_text(&one, out);
	}
}

/* " = RESULT ERRNAME" */
static void put_outcome(struct buf *out, const struct fields *f,
			const char *key)
{
	const struct field *fl = fields_get(f, key);

	if (!fl)
		return;
	buf_adds(out, " =");
	put_field(out, f, key);
	put_field(out, f, "err");
}

static void put_prefix(struct buf *out, const struct c2a_record *rec)
{
	time_t sec = rec->hdr.time_ns / 1000000000ULL;
	char comm[sizeof(rec->ev.subj.comm) + 1] = "";
	struct tm tm;

	gmtime_r(&sec, &tm);
	memcpy(comm, rec->ev.subj.comm, sizeof(rec->ev.subj.comm));
	buf_printf(out, "%02d:%02d:%02d.%06llu %7u %-15s ", tm.tm_hour,
		   tm.tm_min, tm.tm_sec,
		   (unsigned long long)(rec->hdr.time_ns % 1000000000ULL) / 1000,
		   rec->ev.subj.pid, comm);
}

static void put_syscall(struct buf *out, const struct fields *f,
			enum trace_kind kind)
{
	const struct field *name = fields_get(f, "syscall");

	if (kind == TRACE_ENTER)
		buf_adds(out, "-> ");
	else if (kind == TRACE_EXIT)
		buf_adds(out, "<- ");
	if (name)
		put_value(out, name);
	if (kind != TRACE_EXIT)
		put_details(out, f);
	if (kind != TRACE_ENTER)
		put_outcome(out, f, "exit");
}

static void put_hook(struct buf *out, const struct fields *f,
		     const struct c2a_lsm *l, enum trace_kind kind)
{
	const struct field *name = fields_get(f, "hook");

	buf_adds(out, kind == TRACE_HOOK ? "     " : "   ");
	if (name)
		put_value(out, name);
	put_details(out, f);
	put_outcome(out, f, "result");
	if (kind == TRACE_ALONE && l->nr != C2A_NR_NONE) {
		const char *call = sysnr_name(l->arch, l->nr);

		if (call)
			buf_printf(out, " [in %s]", call);
		else
			buf_printf(out, " [in syscall %u]", l->nr);
	}
}

void trace_render_text(enum trace_kind kind, const struct evt *ev,
		       struct buf *out)
{
	const struct c2a_record *rec = &ev->rec;
	struct fields f;

	fields_build(ev, &f);
	if (kind == TRACE_LOST) {
		buf_adds(out, "-- lost");
		put_field(out, &f, "count");
		buf_adds(out, " records:");
		put_field(out, &f, "reasons");
		return;
	}
	put_prefix(out, rec);
	switch (rec->hdr.type) {
	case C2A_REC_SYSCALL:
		put_syscall(out, &f, kind);
		break;
	case C2A_REC_LSM:
		put_hook(out, &f, &rec->ev.u.lsm, kind);
		break;
	default:
		render_text(&f, out);
	}
}
