// SPDX-License-Identifier: GPL-2.0
/* The filter options of the review commands, and reading their input. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "array_size.h"
#include "conf.h"
#include "log.h"
#include "trail_scan.h"
#include "trail.h"

void review_filter_usage(FILE *out)
{
	fprintf(out,
		"Filters (several values of one filter, given as a comma-separated list\n"
		"or by repeating it, are ORed; different filters are ANDed):\n"
		"  --since TIME     events at or after TIME\n"
		"  --until TIME     events before TIME\n"
		"                   TIME: 2026-11-22, '2026-11-22 10:30[:15]', RFC 3339\n"
		"                   (2026-11-22T10:30:00.5Z), 10:30 (today), @EPOCH, an age\n"
		"                   (30s, 15m, 2h, 3d, 1w, '2h ago'), today, yesterday, now;\n"
		"                   local time unless a zone is given\n"
		"  --uid ID         real uid (number or user name)\n"
		"  --auid ID        login uid (number, user name, or unset)\n"
		"  --pid PID        process (thread or thread group) id\n"
		"  --comm NAME      command name, exact or a glob ('ls*')\n"
		"  --exe PATH       executable, exact or a glob ('/usr/bin/*')\n"
		"  --syscall NAME   syscall name (open, execve, ...)\n"
		"  --key KEY        key of the rule that selected the event\n"
		"  --path PATH      object path or second path: a directory and all\n"
		"                   below it (/etc), or a glob ('/home/*/.ssh/*')\n"
		"  --type TYPE      record type: syscall, lost, config, lsm, uprobe\n"
		"  --success, --failure\n"
		"                   only calls that succeeded (were refused, failed)\n"
		"Loss markers (type=lost) pass every filter but time and type: the\n"
		"records they stand for might have matched.\n");
}

static int add_time(struct filter *f, bool until, const char *arg)
{
	char err[256];
	uint64_t ns;

	if (filter_parse_time(arg, time(NULL), &ns, err, sizeof(err))) {
		log_warnx("--%s: %s", until ? "until" : "since", err);
		return -1;
	}
	if (until) {
		f->has_until = true;
		f->until_ns = ns;
	} else {
		f->has_since = true;
		f->since_ns = ns;
	}
	return 1;
}

int review_filter_option(struct filter *f, int c, const char *arg)
{
	static const struct {
		int opt;
		enum filter_key key;
		const char *name;
	} keyed[] = {
		{ ROPT_UID, FILTER_UID, "uid" },
		{ ROPT_AUID, FILTER_AUID, "auid" },
		{ ROPT_PID, FILTER_PID, "pid" },
		{ ROPT_COMM, FILTER_COMM, "comm" },
		{ ROPT_EXE, FILTER_EXE, "exe" },
		{ ROPT_SYSCALL, FILTER_SYSCALL, "syscall" },
		{ ROPT_KEY, FILTER_KEY, "key" },
		{ ROPT_PATH, FILTER_PATH, "path" },
		{ ROPT_TYPE, FILTER_TYPE, "type" },
	};
	char err[256];

	switch (c) {
	case ROPT_SINCE:
	case ROPT_UNTIL:
		return add_time(f, c == ROPT_UNTIL, arg);
	case ROPT_SUCCESS:
	case ROPT_FAILURE:
		f->outcome = c == ROPT_SUCCESS ? FILTER_SUCCESS : FILTER_FAILURE;
		return 1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(keyed); i++) {
		if (keyed[i].opt != c)
			continue;
		if (filter_add(f, keyed[i].key, arg, err, sizeof(err))) {
			log_warnx("--%s: %s", keyed[i].name, err);
			return -1;
		}
		return 1;
	}
	return 0;
}

#define READ_BATCH	256	/* records per read() */

/* A raw stream: whole records back to back, nothing else. */
static int read_raw(const char *path, int fd, struct evt_asm *a,
		    struct review_stats *st)
{
	struct c2a_record *recs = calloc(READ_BATCH, sizeof(*recs));
	unsigned long long index = 0;
	int ret = 0;

	if (!recs)
		fatal("out of memory");
	for (;;) {
		ssize_t n = read(fd, recs, READ_BATCH * sizeof(*recs));
		size_t whole;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			log_warn("%s: read", path);
			st->unreadable_files++;
			ret = -1;
			break;
		}
		if (!n)
			break;
		whole = n / sizeof(*recs);
		for (size_t i = 0; i < whole; i++, index++) {
			const char *why = record_check(&recs[i]);

			if (why) {
				log_warnx("%s: record %llu: %s; the rest of the file is skipped",
					  path, index, why);
				st->damaged_files++;
				ret = -1;
				goto out;
			}
			st->records++;
			evt_asm_feed(a, &recs[i]);
		}
		if (whole * sizeof(*recs) != (size_t)n) {
			log_warnx("%s: ends in the middle of record %llu", path, index);
			st->damaged_files++;
			ret = -1;
			break;
		}
	}
out:
	free(recs);
	return ret;
}

static int read_trail(const char *path, struct evt_asm *a,
		      struct review_stats *st)
{
	const struct c2a_record *rec;
	struct trail_reader *r;
	char err[512];
	int ret = 0;

	r = trail_open(path, NULL, 0, err, sizeof(err));
	if (!r) {
		log_warnx("%s", err);
		st->unreadable_files++;
		return -1;
	}
	for (;;) {
		switch (trail_next(r, &rec)) {
		case TRAIL_RECORD:
			st->records++;
			evt_asm_feed(a, rec);
			continue;
		case TRAIL_DAMAGE:
			log_warnx("%s: %s; run `c2audit verify %s`", path,
				  trail_damage(r), path);
			if (!ret)
				st->damaged_files++;
			ret = -1;
			continue;
		case TRAIL_ERROR:
			log_warnx("%s: %s", path, trail_damage(r));
			st->unreadable_files++;
			ret = -1;
			break;
		case TRAIL_END:
			break;
		}
		break;
	}
	trail_close(r);
	return ret;
}

/* A trail file starts with its magic; anything else is taken as raw. */
static bool is_trail(int fd)
{
	char magic[sizeof(TRAIL_MAGIC) - 1];
	bool trail = pread(fd, magic, sizeof(magic), 0) == sizeof(magic) &&
		     !memcmp(magic, TRAIL_MAGIC, sizeof(magic));

	return trail;
}

static int read_file(const char *path, struct evt_asm *a,
		     struct review_stats *st)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	int ret;

	if (fd < 0) {
		log_warn("%s", path);
		st->unreadable_files++;
		return -1;
	}
	if (fd && is_trail(fd)) {
		close(fd);
		return read_trail(path, a, st);
	}
	ret = read_raw(path, fd, a, st);
	if (fd)
		close(fd);
	return ret;
}

int review_load_conf(struct conf *c, const char *path)
{
	return strcmp(path, CONF_PATH) ? conf_load(c, path) :
	       conf_load_default(c);
}

static int read_log_dir(const char *conf_path, struct evt_asm *a,
			struct review_stats *st)
{
	struct trail_files files;
	struct conf conf;
	char err[512];
	int ret = 0;

	if (review_load_conf(&conf, conf_path))
		return -1;
	if (trail_list(conf.log_dir, &files, err, sizeof(err))) {
		log_warnx("%s", err);
		return -1;
	}
	if (!files.n)
		log_warnx("%s: no trail files (is c2auditd running? see %s)",
			  conf.log_dir, conf_path);
	for (size_t i = 0; i < files.n; i++)
		ret |= read_trail(files.f[i].path, a, st);
	trail_files_free(&files);
	return ret;
}

int review_read(char **files, int nfiles, const char *conf_path,
		struct evt_asm *a, struct review_stats *st)
{
	int ret = 0;

	memset(st, 0, sizeof(*st));
	if (!nfiles)
		ret = read_log_dir(conf_path, a, st);
	for (int i = 0; i < nfiles; i++)
		ret |= read_file(files[i], a, st);
	evt_asm_flush(a);
	return ret ? -1 : 0;
}
