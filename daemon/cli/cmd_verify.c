// SPDX-License-Identifier: GPL-2.0
/* c2audit verify: the trail's hash chains, within and across files. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "conf.h"
#include "log.h"
#include "trail.h"
#include "verify_live.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit verify [--key FILE] [--live|--no-live] [FILE|DIR...]\n"
		"\n"
		"Checks the audit trail's hash chains: each file's header, every record\n"
		"in order and the seal that closes the file, and that each file goes on\n"
		"where the one before it ended. Finds a changed byte, a record removed,\n"
		"reordered or duplicated, a file cut short, a file missing from the\n"
		"middle of a directory, or the newest files of a directory deleted\n"
		"(its last file was sealed for rotation). The default is the files of\n"
		"c2auditd's log_dir (" CONF_PATH "), oldest first.\n"
		"\n"
		"  --key FILE   the key of a keyed (HMAC) chain; default: key_file of\n"
		"               c2auditd.conf\n"
		"  --live       also check the trail against the module loaded now: for\n"
		"               each CPU, the last record the module handed its reader\n"
		"               must be in the trail (a trail whose newest records were\n"
		"               cut, files and chains intact, shows here). The default\n"
		"               without FILE|DIR when the module is loaded with a reader;\n"
		"               meaningful when c2auditd has been its only reader since\n"
		"               it loaded\n"
		"  --no-live    do not\n"
		"\n"
		"One line per file: ok, or DAMAGED with the first bad record and why.\n"
		"A file c2auditd is writing ends where it has got to. A file whose\n"
		"writer died before sealing it is complete if the next file says it\n"
		"ended there.\n"
		"\n"
		"Exit status: 0 intact, 1 damage (or a file that cannot be read or\n"
		"checked), 2 usage error.\n");
}

/* A file of the trail as verified. */
struct vfile {
	const char *path;
	uint64_t name_seq;	/* from its name; 0 for a name not of the trail */
	bool opened;
	struct trail_file_header hdr;
	struct trail_tail tail;
	enum trail_end_state end;
	uint64_t records, problems;
	char first[400];	/* the first problem */
};

static void problem(struct vfile *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct vfile *f, const char *fmt, ...)
{
	va_list ap;

	if (!f->problems++) {
		va_start(ap, fmt);
		vsnprintf(f->first, sizeof(f->first), fmt, ap);
		va_end(ap);
	}
}

/* Reads the whole file, checking as it goes. */
static void check_file(struct vfile *f, const struct trail_key *key,
		       struct live *lv)
{
	const struct c2a_record *rec;
	struct trail_reader *r;
	enum trail_step s;
	char err[600];

	r = trail_open(f->path, key, TRAIL_VERIFY, err, sizeof(err));
	if (!r) {
		/* The path is at the start of the message already. */
		problem(f, "%s", err + strlen(f->path) + 2);
		return;
	}
	f->opened = true;
	f->hdr = *trail_header(r);
	if (f->name_seq && f->hdr.file_seq != f->name_seq)
		problem(f, "its header says it is file %llu: renamed?",
			(unsigned long long)f->hdr.file_seq);
	while ((s = trail_next(r, &rec)) != TRAIL_END) {
		if (s == TRAIL_RECORD) {
			f->records++;
			live_see(lv, rec);
		} else if (s == TRAIL_ERROR) {
			problem(f, "%s", trail_damage(r));
			break;
		} else if (!(trail_get_tail(r, &f->tail), f->tail.partial)) {
			problem(f, "%s", trail_damage(r));
		}
	}
	trail_get_tail(r, &f->tail);
	f->end = trail_end_state(r);
	trail_close(r);
}

static bool same_end(const struct vfile *f, const struct trail_file_header *n)
{
	return n->prev_frames == f->tail.frames && n->prev_size == f->tail.size &&
	       !memcmp(n->prev_mac, f->tail.mac, TRAIL_MAC_LEN);
}

/*
 * How @f ended, told by the header of @next (the file after it, or NULL):
 * a sealed file must be continued from its seal, an unsealed one is only
 * whole if the next file says it ended just there.
 */
static void check_end(struct vfile *f, const struct vfile *next)
{
	const struct trail_file_header *n = next && next->opened ? &next->hdr : NULL;

	if (n && (!(n->flags & TRAIL_HF_PREV) || n->prev_seq != f->hdr.file_seq))
		n = NULL;
	if (f->end == TRAIL_OPEN)
		return;
	if (n && !same_end(f, n)) {
		char end[80];

		if (f->tail.partial)
			snprintf(end, sizeof(end), "%u bytes into record %" PRIu64,
				 f->tail.partial, f->tail.frames + 1);
		else
			snprintf(end, sizeof(end), "after record %" PRIu64,
				 f->tail.frames);
		problem(f, "it ends %s (%" PRIu64 " bytes), but the next file continues from record %llu (%llu bytes): cut short, or added to",
			end, f->tail.size, (unsigned long long)n->prev_frames,
			(unsigned long long)n->prev_size);
		return;
	}
	if (f->end == TRAIL_SEALED && f->tail.partial)
		problem(f, "%u bytes after the seal: added to a closed file",
			f->tail.partial);
	else if (f->end == TRAIL_SEALED)
		return;
	else if (!n)
		problem(f, "it ends %s record %" PRIu64 " without a seal: truncated, or its writer died",
			f->tail.partial ? "inside" : "after",
			f->tail.frames + !!f->tail.partial);
}

/*
 * The newest file of directory @dir: did it say that another follows (and
 * none has been started since the directory was listed)?
 */
static void check_last(struct vfile *f, const char *dir)
{
	char why[200];

	if (trail_end_problem(f->hdr.file_seq, &f->tail, why, sizeof(why)) &&
	    trail_newest(dir) <= f->name_seq)
		problem(f, "%s", why);
}

/* Files of one directory must follow one another. */
static void check_link(struct vfile *f, const struct vfile *prev)
{
	if (!f->opened || !(f->hdr.flags & TRAIL_HF_PREV))
		return;
	if (prev && prev->opened && f->hdr.prev_seq != prev->hdr.file_seq)
		problem(f, "it continues file %llu, but the file before it is %llu: files in between are missing",
			(unsigned long long)f->hdr.prev_seq,
			(unsigned long long)prev->hdr.file_seq);
}

static void report(const struct vfile *f)
{
	const char *how = f->end == TRAIL_OPEN ? ", being written" :
			  f->end == TRAIL_SEALED ? ", sealed" :
			  f->tail.partial ? ", not sealed: its writer stopped in a write, as the next file records" :
			  ", not sealed: its writer stopped, as the next file records";

	if (f->problems)
		printf("%s: DAMAGED: %s%s\n", f->path, f->first,
		       f->problems > 1 ? " (and more after it)" : "");
	else
		printf("%s: ok: %" PRIu64 " records%s\n", f->path, f->records, how);
}

struct vlist {
	struct vfile *f;
	size_t n;
	bool linked;		/* from a directory: consecutive files */
	const char *dir;	/* that directory */
	struct live live;	/* the module's ids, when checked against */
};

static void add_file(struct vlist *l, const char *path, uint64_t seq)
{
	l->f = realloc(l->f, (l->n + 1) * sizeof(*l->f));
	if (!l->f)
		fatal("out of memory");
	l->f[l->n++] = (struct vfile){ .path = strdup(path), .name_seq = seq };
	if (!l->f[l->n - 1].path)
		fatal("out of memory");
}

static int add_dir(struct vlist *l, const char *dir)
{
	struct trail_files files;
	char err[512];
	size_t n;

	if (trail_list(dir, &files, err, sizeof(err))) {
		log_warnx("%s", err);
		return -1;
	}
	if (!files.n)
		log_warnx("%s: no trail files (trail-NNNNNNNN.c2a) in it", dir);
	for (size_t i = 0; i < files.n; i++)
		add_file(l, files.f[i].path, files.f[i].seq);
	l->linked = true;
	l->dir = dir;
	n = files.n;
	trail_files_free(&files);
	return n ? 0 : -1;
}

static int collect(struct vlist *l, int argc, char **argv, struct conf *c)
{
	struct stat st;
	int ret = 0;

	if (!argc)
		return add_dir(l, c->log_dir);
	for (int i = 0; i < argc; i++) {
		if (stat(argv[i], &st)) {
			log_warn("%s", argv[i]);
			ret = -1;
		} else if (S_ISDIR(st.st_mode)) {
			ret |= add_dir(l, argv[i]);
		} else {
			add_file(l, argv[i], 0);
		}
	}
	if (argc > 1)
		l->linked = false;
	return ret;
}

static int verify(struct vlist *l, const struct trail_key *key)
{
	uint64_t records = 0, bad = 0;

	for (size_t i = 0; i < l->n; i++)
		check_file(&l->f[i], key, &l->live);
	for (size_t i = 0; i < l->n; i++) {
		struct vfile *f = &l->f[i], *next = i + 1 < l->n ? &l->f[i + 1] : NULL;

		if (f->opened)
			check_end(f, next);
		if (l->linked)
			check_link(f, i ? &l->f[i - 1] : NULL);
		if (l->linked && !next && f->opened)
			check_last(f, l->dir);
		report(f);
		records += f->records;
		bad += f->problems > 0;
	}
	if (bad)
		printf("damage in %" PRIu64 " of %zu files\n", bad, l->n);
	else
		printf("%zu files, %" PRIu64 " records: intact\n", l->n, records);
	if (l->live.on &&
	    live_report(&l->live, l->linked ? l->dir : NULL, key))
		bad++;
	return bad ? EXIT_FAIL : EXIT_OK;
}

enum live_mode { LIVE_AUTO, LIVE_ON, LIVE_OFF };

/*
 * Asks the module before the trail is read, so that what it handed out
 * has been written by the time the trail is. Automatic only when there
 * is a module with a reader; asked for, it must work.
 */
static int start_live(struct live *lv, enum live_mode mode, const struct conf *c)
{
	if (mode == LIVE_OFF || (mode == LIVE_AUTO && access(c->device, F_OK)))
		return 0;
	if (live_begin(lv, c->device))
		return mode == LIVE_ON ? -1 : 0;
	if (mode == LIVE_AUTO && !lv->reader)
		live_free(lv);
	return 0;
}

int cmd_verify(const struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "live", no_argument, NULL, 'l' },
		{ "no-live", no_argument, NULL, 'L' },
		{ 0 }
	};
	struct trail_key key = { 0 };
	struct vlist l = { 0 };
	enum live_mode live = LIVE_AUTO;
	const char *key_file = NULL;
	struct conf c;
	char err[512];
	int ch, ret;

	(void)cli;
	while ((ch = cmd_getopt(argc, argv, "", opts, usage, &ret)) != -1) {
		if (ch == CMD_DONE)
			return ret;
		if (ch == 'l')
			live = LIVE_ON;
		else if (ch == 'L')
			live = LIVE_OFF;
		else
			key_file = optarg;
	}
	if (live == LIVE_AUTO && optind < argc)
		live = LIVE_OFF;
	if (conf_load_default(&c))
		return EXIT_FAIL;
	if (!key_file && c.key_file[0])
		key_file = c.key_file;
	if (key_file && trail_key_load(key_file, &key, err, sizeof(err))) {
		log_warnx("%s", err);
		return EXIT_FAIL;
	}
	if (start_live(&l.live, live, &c)) {
		trail_key_free(&key);
		return EXIT_FAIL;
	}
	ret = collect(&l, argc - optind, argv + optind, &c) ? EXIT_FAIL : EXIT_OK;
	if (l.n && verify(&l, key_file ? &key : NULL))
		ret = EXIT_FAIL;
	for (size_t i = 0; i < l.n; i++)
		free((char *)l.f[i].path);
	free(l.f);
	live_free(&l.live);
	trail_key_free(&key);
	return ret;
}
