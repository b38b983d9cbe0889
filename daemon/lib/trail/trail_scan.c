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
#include "trail_follow.h"

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
		"  --euid ID        effective uid (number or user name)\n"
		"  --auid ID        login uid (number, user name, or unset)\n"
		"  --session ID     login session id (number, or unset)\n"
		"  --pid PID        process (thread or thread group) id\n"
		"  --ppid PID       parent process id\n"
		"  --comm NAME      command name, exact or a glob ('ls*')\n"
		"  --exe PATH       executable, exact or a glob ('/usr/bin/*')\n"
		"  --syscall NAME   syscall name (open, execve, ...)\n"
		"  --key KEY        key of the rule that selected the event (one of\n"
		"                   its keys, when it has several)\n"
		"  --exit RESULT    a syscall's result: -EACCES (or EACCES), -13, 0\n"
		"  --path PATH      object path or second path: a directory and all\n"
		"                   below it (/etc), or a glob ('/home/*/.ssh/*')\n"
		"  --type TYPE      record type: syscall, lost, config, lsm, uprobe,\n"
		"                   user (messages of Linux's audit: logins, sudo, ...)\n"
		"  --msgtype TYPE   user records of that message type, by name as\n"
		"                   ausearch -m takes it (USER_LOGIN, USER_AUTH, AVC,\n"
		"                   ...) or number\n"
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
		{ ROPT_EUID, FILTER_EUID, "euid" },
		{ ROPT_PPID, FILTER_PPID, "ppid" },
		{ ROPT_SESSION, FILTER_SESSION, "session" },
		{ ROPT_EXIT, FILTER_EXIT, "exit" },
		{ ROPT_MSGTYPE, FILTER_MSGTYPE, "msgtype" },
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

void review_check_usage(FILE *out)
{
	fprintf(out,
		"  --no-verify    do not check the trail's hash chain while reading\n"
		"                 (faster; `c2audit verify` checks it on its own)\n"
		"  --key-file FILE\n"
		"                 the key of a keyed chain; default: key_file of\n"
		"                 c2auditd.conf\n");
}

int review_check_option(struct review_check *chk, int c, const char *arg)
{
	if (c == ROPT_NO_VERIFY)
		chk->no_verify = true;
	else if (c == ROPT_KEY_FILE)
		chk->key_file = arg;
	else
		return 0;
	return 1;
}

const struct trail_key *review_key(const struct review_check *chk,
				   const struct conf *c, struct trail_key *key)
{
	const char *path = chk && chk->key_file ? chk->key_file :
			   c && c->key_file[0] ? c->key_file : NULL;
	char err[512];

	memset(key, 0, sizeof(*key));
	if (!path || (chk && chk->no_verify))
		return NULL;
	if (trail_key_load(path, key, err, sizeof(err))) {
		log_warnx("%s: keyed trail files are read unchecked", err);
		return NULL;
	}
	return key;
}

struct trail_reader *review_open(const char *path, const struct trail_key *key,
				 bool verify, struct review_stats *st)
{
	struct trail_reader *r = NULL;
	char why[512], err[512];

	if (verify) {
		r = trail_open(path, key, TRAIL_VERIFY, why, sizeof(why));
		if (r)
			return r;
	}
	r = trail_open(path, NULL, 0, err, sizeof(err));
	if (!r) {
		log_warnx("%s", err);
		st->unreadable_files++;
		return NULL;
	}
	if (!verify)
		return r;
	/* It is a trail file, but its chain cannot be checked. */
	log_warnx("%s; its records are shown unchecked (--no-verify: do not check)",
		  why);
	st->unchecked_files++;
	return r;
}

static void feed_damaged(const struct c2a_record *rec, struct evt_asm *a,
			 struct review_stats *st)
{
	st->records++;
	st->damaged_records++;
	a->damaged = true;
	evt_asm_feed(a, rec);
	a->damaged = false;
}

void review_damage(const char *path, struct trail_reader *r,
		   const struct c2a_record *rec, struct evt_asm *a,
		   struct review_stats *st)
{
	log_warnx("%s: %s%s; run `c2audit verify %s`", path, trail_damage(r),
		  rec ? " (shown, marked damaged=yes)" : "", path);
	if (rec)
		feed_damaged(rec, a, st);
}

/* How a trail file ended, for the header of the next one to confirm. */
struct file_end {
	bool opened;
	uint64_t seq;		/* its header's file number */
	struct trail_tail tail;
	enum trail_end_state end;
};

/* In a log directory, does file @h go on where @prev ended? */
static int check_link(const char *path, const struct trail_file_header *h,
		      const struct file_end *prev, struct review_stats *st)
{
	if (!prev || !prev->opened || !(h->flags & TRAIL_HF_PREV))
		return 0;
	if (h->prev_seq != prev->seq) {
		log_warnx("%s: it continues file %llu, but the file before it is %llu: files in between are missing; run `c2audit verify`",
			  path, (unsigned long long)h->prev_seq,
			  (unsigned long long)prev->seq);
		st->missing_files++;
		return -1;
	}
	if (prev->end == TRAIL_OPEN ||
	    (h->prev_frames == prev->tail.frames &&
	     h->prev_size == prev->tail.size &&
	     !memcmp(h->prev_mac, prev->tail.mac, TRAIL_MAC_LEN)))
		return 0;
	log_warnx("%s: it continues file %llu from record %llu (%llu bytes), but that ends after record %llu (%llu bytes): cut short, or added to; run `c2audit verify`",
		  path, (unsigned long long)h->prev_seq,
		  (unsigned long long)h->prev_frames,
		  (unsigned long long)h->prev_size,
		  (unsigned long long)prev->tail.frames,
		  (unsigned long long)prev->tail.size);
	st->damaged_files++;
	return -1;
}

/* What reading trail files needs: the checking, and the previous file. */
struct review_in {
	bool verify;
	const struct trail_key *key;
	struct file_end prev;	/* in a log directory: the file before */
};

static int read_trail(const char *path, struct review_in *in, bool linked,
		      struct evt_asm *a, struct review_stats *st)
{
	const struct c2a_record *rec;
	struct trail_reader *r;
	bool read_on = true;
	unsigned int damaged = 0;
	int ret = 0;

	r = review_open(path, in->key, in->verify, st);
	if (!r) {
		in->prev.opened = false;
		return -1;
	}
	if (in->verify && !trail_verifying(r))
		ret = -1;
	if (linked && trail_verifying(r) &&
	    check_link(path, trail_header(r), &in->prev, st))
		ret = -1;
	while (read_on) {
		switch (trail_next(r, &rec)) {
		case TRAIL_RECORD:
			st->records++;
			evt_asm_feed(a, rec);
			continue;
		case TRAIL_DAMAGE:
			if (!damaged++)
				st->damaged_files++;
			ret = -1;
			review_damage(path, r, rec, a, st);
			continue;
		case TRAIL_ERROR:
			log_warnx("%s: %s", path, trail_damage(r));
			st->unreadable_files++;
			ret = -1;
			break;
		case TRAIL_END:
			break;
		}
		read_on = false;
	}
	in->prev = (struct file_end){ .opened = true,
				      .seq = trail_header(r)->file_seq,
				      .end = trail_end_state(r) };
	trail_get_tail(r, &in->prev.tail);
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

static int read_file(const char *path, struct review_in *in,
		     struct evt_asm *a, struct review_stats *st)
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
		return read_trail(path, in, false, a, st);
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

/* After the last file of log directory @dir: did it say another follows? */
static int check_end(const char *dir, const char *path,
		     const struct review_in *in, struct review_stats *st)
{
	char why[200];

	if (!in->verify || !in->prev.opened ||
	    !trail_end_problem(in->prev.seq, &in->prev.tail, why, sizeof(why)) ||
	    trail_newest(dir) > in->prev.seq)
		return 0;
	log_warnx("%s: %s; run `c2audit verify`", path, why);
	st->missing_files++;
	return -1;
}

static int read_log_dir(const struct conf *conf, const char *conf_path,
			struct review_in *in, struct evt_asm *a,
			struct review_stats *st)
{
	struct trail_files files;
	char err[512];
	int ret = 0;

	if (trail_list(conf->log_dir, &files, err, sizeof(err))) {
		log_warnx("%s", err);
		return -1;
	}
	if (!files.n)
		log_warnx("%s: no trail files (is c2auditd running? see %s)",
			  conf->log_dir, conf_path);
	for (size_t i = 0; i < files.n; i++)
		ret |= read_trail(files.f[i].path, in, true, a, st);
	if (files.n)
		ret |= check_end(conf->log_dir, files.f[files.n - 1].path, in,
				 st);
	trail_files_free(&files);
	return ret;
}

int review_read(char **files, int nfiles, const char *conf_path,
		const struct review_check *chk, struct evt_asm *a,
		struct review_stats *st)
{
	struct review_in in = { .verify = !chk || !chk->no_verify };
	bool need_conf = !nfiles || (in.verify && !(chk && chk->key_file));
	bool have_conf = false;
	struct trail_key key;
	struct conf conf;
	int ret = 0;

	memset(st, 0, sizeof(*st));
	if (need_conf) {
		have_conf = !review_load_conf(&conf, conf_path);
		if (!have_conf)
			ret = -1;
	}
	in.key = review_key(chk, have_conf ? &conf : NULL, &key);
	if (!nfiles && have_conf)
		ret |= read_log_dir(&conf, conf_path, &in, a, st);
	for (int i = 0; i < nfiles; i++)
		ret |= read_file(files[i], &in, a, st);
	evt_asm_flush(a);
	trail_key_free(&key);
	return ret ? -1 : 0;
}

static void follow_damage(struct trail_follower *f,
			  const struct c2a_record *rec, struct evt_asm *a,
			  struct review_stats *st)
{
	st->damaged_files++;
	log_warnx("%s%s; run `c2audit verify`", trail_follow_note(f),
		  rec && a ? " (shown, marked damaged=yes)" : "");
	if (rec && a)
		feed_damaged(rec, a, st);
}

bool review_follow(struct trail_follower *f, struct evt_asm *a,
		   struct review_stats *st, const volatile sig_atomic_t *stop)
{
	const struct c2a_record *rec;

	while (!*stop) {
		switch (trail_follow_next(f, &rec)) {
		case FOLLOW_RECORD:
			if (a) {
				st->records++;
				evt_asm_feed(a, rec);
			}
			continue;
		case FOLLOW_SEAL:
			continue;
		case FOLLOW_DAMAGE:
			follow_damage(f, rec, a, st);
			continue;
		case FOLLOW_NOTE:
			log_warnx("%s", trail_follow_note(f));
			continue;
		case FOLLOW_ERROR:
			log_warnx("%s", trail_follow_note(f));
			st->unreadable_files++;
			return false;
		case FOLLOW_WAIT:
			return true;
		}
	}
	return true;
}
