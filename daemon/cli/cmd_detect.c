// SPDX-License-Identifier: GPL-2.0
/* c2audit detect: behaviour alerts, live from the module or over records. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "clock_ns.h"
#include "cmd.h"
#include "conf.h"
#include "detect.h"
#include "dev_audit.h"
#include "log.h"
#include "record.h"
#include "trail.h"
#include "trail_follow.h"
#include "trail_scan.h"

#define BATCH		256	/* records per read() */
#define TICK_MS		100	/* the live clock's step */

static volatile sig_atomic_t detect_stop;

static void on_signal(int sig)
{
	(void)sig;
	detect_stop = 1;
}

struct run {
	struct detect *d;
	struct evt_asm a;
	struct buf out;
	bool json;
	enum det_sev level;
	bool major_seen;
	uint64_t feed_ns;	/* time spent in the detector */
};

static void on_alert(const struct det_alert *a, void *ctx)
{
	struct run *r = ctx;

	if (a->severity == DET_MAJ)
		r->major_seen = true;
	if (a->severity < r->level)
		return;
	if (r->json)
		det_out_json(a, &r->out);
	else
		det_out_text(a, &r->out);
	fwrite(r->out.data, 1, r->out.len, stdout);
	buf_reset(&r->out);
}

static void on_event(const struct evt *ev, void *ctx)
{
	struct run *r = ctx;
	uint64_t t0 = clock_ns(CLOCK_MONOTONIC);

	detect_feed(r->d, ev);
	r->feed_ns += clock_ns(CLOCK_MONOTONIC) - t0;
}

static void feed(struct run *r, const struct c2a_record *recs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		evt_asm_feed(&r->a, &recs[i]);
}

static int detect_live(struct run *r, const char *device)
{
	struct c2a_record *recs = calloc(BATCH, sizeof(*recs));
	int fd = dev_open_reader(device, true), ret = EXIT_OK;

	if (!recs)
		fatal("out of memory");
	if (fd < 0) {
		free(recs);
		return EXIT_FAIL;
	}
	while (!detect_stop) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, TICK_MS) < 0 && errno != EINTR) {
			log_warn("poll %s", device);
			ret = EXIT_FAIL;
			break;
		}
		while ((n = read(fd, recs, BATCH * sizeof(*recs))) > 0)
			feed(r, recs, n / sizeof(*recs));
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			log_warn("read %s", device);
			ret = EXIT_FAIL;
			break;
		}
		detect_tick(r->d, clock_ns(CLOCK_REALTIME));
		/* Alerts are worth nothing late. */
		fflush(stdout);
	}
	close(fd);
	free(recs);
	return ret;
}

static void print_stats(const struct run *r, uint64_t cpu_ns)
{
	struct det_stats s;

	detect_get_stats(r->d, &s);
	fprintf(stderr,
		"detect: %llu events, %llu classified, %llu late; %llu OK, %llu MIN, %llu MAJ; %llu matches\n"
		"detect: %llu processes tracked, %llu evicted, %llu expired; %zu bytes of state\n",
		(unsigned long long)s.records, (unsigned long long)s.events,
		(unsigned long long)s.late, (unsigned long long)s.alerts[DET_OK],
		(unsigned long long)s.alerts[DET_MIN],
		(unsigned long long)s.alerts[DET_MAJ],
		(unsigned long long)s.matches, (unsigned long long)s.procs,
		(unsigned long long)s.evicted, (unsigned long long)s.expired,
		s.memory);
	if (s.records)
		fprintf(stderr, "detect: %.0f ns per event in the detector, %.0f ns of CPU per event in all\n",
			(double)r->feed_ns / s.records, (double)cpu_ns / s.records);
}

static uint64_t cpu_used(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000ULL +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000ULL;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit detect [-c FILE] [-o KEY=VALUE]... [--json] [--level OK|MIN|MAJ]\n"
		"                      [--stats] [--no-verify | --key-file FILE]\n"
		"                      [--trail [--conf FILE] | FILE...]\n"
		"\n"
		"Alerts on ransomware-like behaviour: per process, open X -> create X' ->\n"
		"unlink X (or X' renamed over X, or X renamed away), rates of opens,\n"
		"creates, deletes and crypto calls (uprobe records) over sliding windows.\n"
		"Without FILE it attaches to the module as its reader until\n"
		"interrupted; otherwise it reads the trail files (or raw record\n"
		"streams; - is stdin) in order, then exits; --trail reads c2auditd's\n"
		"log directory, oldest file first; --follow follows it from its end,\n"
		"across rotations, beside c2auditd (live, without being the reader).\n"
		"\n"
		"  -c, --config FILE     settings, one KEY=VALUE a line ('#' comments)\n"
		"  -o, --set KEY=VALUE   one setting, after the file's\n"
		"  -j, --json            JSON lines instead of the table\n"
		"  -l, --level LEVEL     show events of processes at LEVEL or above:\n"
		"                        OK (every event), MIN (default), MAJ\n"
		"  -s, --stats           at the end: counts, memory, cost per event\n"
		"  -t, --trail           read c2auditd's trail\n"
		"  -f, --follow          follow c2auditd's trail from its end until\n"
		"                        interrupted (needs read access: log_group)\n"
		"      --conf FILE       c2auditd's configuration, for its log directory\n"
		"                        and key file (default " CONF_PATH ")\n"
		"      --no-verify       do not check the trail's hash chain while reading\n"
		"      --key-file FILE   the key of a keyed chain; default: key_file of\n"
		"                        c2auditd.conf\n"
		"\n"
		"Table: PID TYPE (Open Crea Del Ren Enc) FLAG (OK MIN MAJ) PATT (Match when\n"
		"the event ends a sequence) TRESH (O C D E: that type's rate is at its\n"
		"threshold) FILENAME.\n"
		"\n"
		"Settings (defaults):\n"
		"  window_ms=1000            rate window\n"
		"  threshold.open=100 threshold.create=50 threshold.delete=50\n"
		"  threshold.enc=50          events per window (0: no threshold)\n"
		"  seq_window_ms=10000       a sequence ends this soon after the open\n"
		"  patterns=copy-delete,rename-over,rename-away   (or none)\n"
		"  relation=dir              the copy: in the original's directory;\n"
		"                            name: its name + a suffix; any\n"
		"  match_window_ms=10000 match_major=10   this many matches: MAJ (0: never)\n"
		"  enc_window_ms=10000       a match this near a crypto call: MAJ\n"
		"  max_procs=4096 idle_ms=300000   processes followed at most; idle ones go\n"
		"  reorder_ms=500 reorder_max=2048 how late a record may come, held at most\n"
		"  ignore=/PATH              never flag this executable (repeatable)\n"
		"\n"
		"The events it needs: successful open, openat, creat, unlink, unlinkat,\n"
		"rename*, execve audited, and the uprobe rule statement for Enc.\n"
		"Trail files are checked as they are read, as `c2audit verify` does; a\n"
		"record that fails is still judged, and a warning names it.\n"
		"Exit status: 0 no MAJ alert, 1 a MAJ alert or a failure (a file\n"
		"damaged, unreadable or not checkable, files missing from the log\n"
		"directory: what could be read was judged), 2 usage.\n");
}

static bool parse_level(const char *s, enum det_sev *out)
{
	for (int l = DET_OK; l <= DET_MAJ; l++) {
		if (!strcasecmp(s, det_sev_name(l))) {
			*out = l;
			return true;
		}
	}
	log_warnx("'%s': expected a level OK, MIN or MAJ", s);
	return false;
}

#define GO_ON	-1

/* Where events come from, and what to say at the end. */
struct source {
	bool trail;
	bool follow;
	const char *conf;
	bool stats;
	struct review_check chk;
};

/* Trail files, raw record streams, or c2auditd's log directory. */
static int detect_files(struct run *r, char **files, int n,
			const struct source *src)
{
	struct review_stats st;
	int ret = review_read(files, n, src->conf, &src->chk, &r->a, &st);

	if (r->a.orphans || r->a.invalid)
		log_warnx("%llu continuation records without their event, %llu invalid records",
			  (unsigned long long)r->a.orphans,
			  (unsigned long long)r->a.invalid);
	return ret ? EXIT_FAIL : EXIT_OK;
}

/*
 * c2auditd's log directory as it grows, from its end now: live detection
 * beside the daemon, with the trail's chain checked as it is read.
 */
static int detect_follow(struct run *r, const struct source *src)
{
	struct review_stats st = { 0 };
	struct trail_follower *f = NULL;
	struct trail_key key;
	struct trail_pos from = { 0 };
	const struct trail_key *k;
	struct conf c;

	if (review_load_conf(&c, src->conf))
		return EXIT_FAIL;
	k = review_key(&src->chk, &c, &key);
	while (!detect_stop) {
		if (!f && (from.seq = trail_newest(c.log_dir))) {
			f = trail_follow_open(c.log_dir, k, !src->chk.no_verify,
					      &from);
			/* what was there before: not news */
			review_follow(f, NULL, &st, &detect_stop);
		}
		if (f)
			review_follow(f, &r->a, &st, &detect_stop);
		detect_tick(r->d, clock_ns(CLOCK_REALTIME));
		fflush(stdout);
		poll(NULL, 0, TICK_MS);
	}
	trail_follow_close(f);
	trail_key_free(&key);
	return st.damaged_files || st.unreadable_files ? EXIT_FAIL : EXIT_OK;
}

/* Options into @conf and @r; GO_ON, or the status to exit with now. */
static int parse_options(int argc, char **argv, struct det_config *conf,
			 struct run *r, struct source *src)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "set", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "level", required_argument, NULL, 'l' },
		{ "stats", no_argument, NULL, 's' },
		{ "trail", no_argument, NULL, 't' },
		{ "follow", no_argument, NULL, 'f' },
		{ "conf", required_argument, NULL, 'C' },
		REVIEW_CHECK_OPTIONS,
		{ 0 }
	};
	char err[512];
	int c, status;

	while ((c = cmd_getopt(argc, argv, "c:o:jl:stf", opts, usage,
			       &status)) != -1) {
		switch (c) {
		case CMD_DONE:
			return status;
		case 'c':
			if (det_config_load(conf, optarg))
				return EXIT_USAGE;
			break;
		case 'o':
			if (!det_config_set(conf, optarg, err, sizeof(err))) {
				log_warnx("%s", err);
				return EXIT_USAGE;
			}
			break;
		case 'j':
			r->json = true;
			break;
		case 'l':
			if (!parse_level(optarg, &r->level))
				return EXIT_USAGE;
			break;
		case 't':
			src->trail = true;
			break;
		case 'f':
			src->trail = src->follow = true;
			break;
		case 'C':
			src->conf = optarg;
			break;
		case ROPT_NO_VERIFY:
		case ROPT_KEY_FILE:
			review_check_option(&src->chk, c, optarg);
			break;
		default:
			src->stats = true;
		}
	}
	if (src->trail && optind < argc) {
		log_warnx("--trail reads c2auditd's trail: give it no FILE");
		return EXIT_USAGE;
	}
	return GO_ON;
}

int cmd_detect(const struct cli *cli, int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct source src = { .conf = CONF_PATH };
	struct run r = { .level = DET_MIN };
	struct det_config conf;
	int ret;

	det_config_default(&conf);
	ret = parse_options(argc, argv, &conf, &r, &src);
	if (ret != GO_ON) {
		det_config_free(&conf);
		return ret;
	}
	r.d = detect_new(&conf, on_alert, &r);
	evt_asm_init(&r.a, on_event, &r);
	/* No SA_RESTART: a signal ends a blocking call with EINTR. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (!r.json) {
		det_out_header(&r.out);
		fwrite(r.out.data, 1, r.out.len, stdout);
		buf_reset(&r.out);
		fflush(stdout);
	}
	if (src.follow)
		ret = detect_follow(&r, &src);
	else if (optind == argc && !src.trail)
		ret = detect_live(&r, cli->device);
	else
		ret = detect_files(&r, argv + optind, argc - optind, &src);
	evt_asm_flush(&r.a);
	detect_finish(r.d);
	if (fflush(stdout)) {
		log_warn("standard output");
		ret = EXIT_FAIL;
	}
	if (src.stats)
		print_stats(&r, cpu_used());
	if (!ret && r.major_seen)
		ret = EXIT_FAIL;
	evt_asm_free(&r.a);
	detect_free(r.d);
	buf_free(&r.out);
	det_config_free(&conf);
	return ret;
}
