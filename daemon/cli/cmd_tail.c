// SPDX-License-Identifier: GPL-2.0
/*
 * c2audit tail: the newest events of the trail, and (-f) those that follow,
 * across rotations; or, with --device, records taken straight from the
 * module as its reader, for hosts where c2auditd does not run.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "conf.h"
#include "dev_audit.h"
#include "fields.h"
#include "log.h"
#include "record.h"
#include "render.h"
#include "trail_scan.h"
#include "trail.h"
#include "trail_follow.h"

#define TAIL_BATCH	256	/* records per read() of the device */
#define TAIL_POLL_MS	200	/* how often a followed trail is looked at */

static volatile sig_atomic_t tail_stop;

static void on_signal(int sig)
{
	(void)sig;
	tail_stop = 1;
}

struct tail {
	struct filter filter;
	bool json;
	bool raw;		/* --device --raw: records as they came */
	bool live;		/* print at once; else keep the last lines */
	unsigned int nlast;
	struct buf *last;	/* nlast lines, a ring */
	unsigned long long seen;
	struct review_check chk;
	const struct trail_key *key;
	struct review_stats st;	/* damage met in the trail */
};

static void tail_event(const struct evt *ev, void *ctx)
{
	struct tail *t = ctx;
	struct buf *line;
	struct fields f;

	if (!filter_match(&t->filter, ev))
		return;
	if (!t->live && !t->nlast)
		return;
	line = &t->last[t->live ? 0 : t->seen++ % t->nlast];
	fields_build(ev, &f);
	buf_reset(line);
	if (t->json)
		render_json(&f, line);
	else
		render_text(&f, line);
	buf_addc(line, '\n');
	if (t->live)
		fwrite(line->data, 1, line->len, stdout);
}

static void print_last(struct tail *t)
{
	unsigned long long from = t->seen > t->nlast ? t->seen - t->nlast : 0;

	for (unsigned long long i = from; i < t->seen; i++) {
		struct buf *line = &t->last[i % t->nlast];

		fwrite(line->data, 1, line->len, stdout);
	}
	t->live = true;
	fflush(stdout);
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Where -f starts: the newest file of @dir, from its start. */
static bool newest_pos(const char *dir, struct trail_pos *pos)
{
	uint64_t seq = trail_newest(dir);

	*pos = (struct trail_pos){ .seq = seq };
	return seq;
}

/* The trail from its newest file on, file after file (trail_follow.c). */
static int follow_trail(struct tail *t, const char *dir, bool follow)
{
	struct trail_follower *f = NULL;
	struct trail_pos from;
	struct evt_asm a;

	evt_asm_init(&a, tail_event, t);
	while (!tail_stop) {
		if (!f && newest_pos(dir, &from))
			f = trail_follow_open(dir, t->key, !t->chk.no_verify,
					      &from);
		if (f)
			review_follow(f, &a, &t->st, &tail_stop);
		if (!t->live) {
			if (!f)
				log_warnx("%s: no trail files yet", dir);
			print_last(t);
		}
		if (!follow)
			break;
		fflush(stdout);
		sleep_ms(TAIL_POLL_MS);
	}
	evt_asm_flush(&a);
	evt_asm_free(&a);
	trail_follow_close(f);
	return t->st.damaged_files || t->st.unreadable_files ||
	       t->st.unchecked_files ? EXIT_FAIL : EXIT_OK;
}

static int tail_trail(struct tail *t, const char *conf_path, bool follow)
{
	struct trail_key key;
	struct conf conf;
	int ret;

	if (review_load_conf(&conf, conf_path))
		return EXIT_FAIL;
	t->key = review_key(&t->chk, &conf, &key);
	t->last = calloc(t->nlast ? t->nlast : 1, sizeof(*t->last));
	if (!t->last)
		fatal("out of memory");
	ret = follow_trail(t, conf.log_dir, follow);
	for (unsigned int i = 0; i < (t->nlast ? t->nlast : 1); i++)
		buf_free(&t->last[i]);
	free(t->last);
	trail_key_free(&key);
	return ret;
}

static void write_raw(const void *p, size_t n)
{
	if (fwrite(p, 1, n, stdout) != n)
		fatal("standard output");
}

/* Reads until the rings are empty (or, following, until a signal). */
static int device_loop(int fd, bool follow, struct tail *t, struct evt_asm *a)
{
	struct c2a_record *recs = calloc(TAIL_BATCH, sizeof(*recs));

	if (!recs)
		fatal("out of memory");
	while (!tail_stop) {
		ssize_t n = read(fd, recs, TAIL_BATCH * sizeof(*recs));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN && !follow)
			break;
		if (n < 0) {
			log_warn("read records");
			free(recs);
			return EXIT_FAIL;
		}
		if (t->raw)
			write_raw(recs, n);
		else
			for (size_t i = 0; i < n / sizeof(*recs); i++)
				evt_asm_feed(a, &recs[i]);
		fflush(stdout);
	}
	free(recs);
	return EXIT_OK;
}

static int tail_device(struct tail *t, const char *device, bool follow)
{
	struct buf line = { 0 };
	struct evt_asm a;
	int fd, ret;

	fd = dev_open_reader(device, !follow);
	if (fd < 0)
		return EXIT_FAIL;
	t->live = true;
	t->last = &line;
	evt_asm_init(&a, tail_event, t);
	ret = device_loop(fd, follow, t, &a);
	evt_asm_flush(&a);
	evt_asm_free(&a);
	buf_free(&line);
	close(fd);
	return ret;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit tail [-f] [-n N] [--json] [--conf FILE]\n"
		"                    [--no-verify | --key-file FILE] [FILTERS]\n"
		"       c2audit tail --device [-f] [--json | --raw] [FILTERS]\n"
		"\n"
		"Print the last N events of the audit trail (of its newest file), and with\n"
		"-f the events c2auditd appends after them, across rotations and daemon\n"
		"restarts, until interrupted. Lines as `c2audit report` prints them;\n"
		"the hash chain is checked as they are read, as report does.\n"
		"\n"
		"With --device, attach to the module as its reader instead and print the\n"
		"records waiting in its rings (with -f, those that follow too). Records\n"
		"read that way are in no trail: use it only where c2auditd does not run\n"
		"(only one reader may be attached; it needs CAP_AUDIT_READ). --raw writes\n"
		"the records unchanged, for `c2audit report FILE` later.\n"
		"\n"
		"  -f, --follow   keep printing new events until interrupted\n"
		"  -n, --lines N  events to print first (default 10; 0 for none)\n"
		"  --json         JSON lines instead of key=value\n"
		"  --conf FILE    c2auditd's configuration, for its log directory\n"
		"                 and key file (default " CONF_PATH ")\n"
		"  --device       read from the module (--device=PATH: that device)\n"
		"  --raw          with --device: raw records to standard output\n");
	review_check_usage(out);
	fprintf(out, "\n");
	review_filter_usage(out);
	fprintf(out,
		"\n"
		"Exit status: 0, or 1 when a file was damaged, unreadable or could\n"
		"not be checked (what was read is still printed), 2 usage error.\n");
}

static int parse_lines(const char *s, unsigned int *n)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || v > 1000000) {
		log_warnx("--lines: '%s' is not a number of events (0..1000000)", s);
		return -1;
	}
	*n = v;
	return 0;
}

int cmd_tail(const struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "follow", no_argument, NULL, 'f' },
		{ "lines", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "conf", required_argument, NULL, 'c' },
		{ "device", optional_argument, NULL, 'D' },
		{ "raw", no_argument, NULL, 'r' },
		REVIEW_CHECK_OPTIONS,
		REVIEW_FILTER_OPTIONS,
		{ 0 }
	};
	struct sigaction sa = { .sa_handler = on_signal };
	struct tail t = { .nlast = 10 };
	const char *conf = CONF_PATH, *device = NULL;
	bool follow = false;
	int c, ret;

	filter_init(&t.filter);
	while ((c = cmd_getopt(argc, argv, "fn:", opts, usage, &ret)) != -1) {
		if (c == CMD_DONE)
			goto out;
		ret = EXIT_USAGE;
		if (c == 'f')
			follow = true;
		else if (c == 'n') {
			if (parse_lines(optarg, &t.nlast))
				goto out;
		} else if (c == 'j')
			t.json = true;
		else if (c == 'c')
			conf = optarg;
		else if (c == 'D')
			device = optarg ? optarg : cli->device;
		else if (c == 'r')
			t.raw = true;
		else if (review_check_option(&t.chk, c, optarg))
			continue;
		else if (review_filter_option(&t.filter, c, optarg) < 0)
			goto out;
	}
	ret = cmd_no_operands(argc, usage);
	if (ret)
		goto out;
	ret = EXIT_USAGE;
	if (t.raw && (!device || t.json)) {
		log_warnx("--raw goes with --device, and not with --json");
		goto out;
	}
	/* No SA_RESTART: a signal ends a blocking read() with EINTR. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (device)
		ret = tail_device(&t, device, follow);
	else
		ret = tail_trail(&t, conf, follow);
	if (fflush(stdout)) {
		log_warn("standard output");
		ret = EXIT_FAIL;
	}
out:
	filter_free(&t.filter);
	return ret;
}
