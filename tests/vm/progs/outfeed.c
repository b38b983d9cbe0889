// SPDX-License-Identifier: GPL-2.0
/*
 * outfeed: feeds raw records (as collect writes them) through the output
 * set of a configuration, as c2auditd does after writing its trail; then
 * stops the outputs (each remote one draining for its drain_ms) and
 * prints their counters, one line per output, as the state file has them.
 *
 * usage: outfeed -c CONF [-s STATE] [-b RECORDS] [-r RATE] [-m N] FILE...
 *   -c  the configuration ([output NAME] sections)
 *   -s  the state file (default ./outfeed.state)
 *   -b  records per outputs_submit() (default 256)
 *   -r  at most RATE records a second (default: as fast as it can)
 *   -m  after N records, create ./outfeed.mid and wait (up to 120 s) for
 *       ./outfeed.go before going on: a test's handshake
 * SIGTERM or SIGINT stops the feeding early. Exit 1 when the
 * configuration or the files cannot be read.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "outputs.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct feed {
	struct outputs *set;
	size_t batch;
	unsigned long rate;
	unsigned long long mid;		/* 0: no handshake */
	unsigned long long fed;
	struct timespec start;
};

static void pace(struct feed *f)
{
	struct timespec now;
	double due, elapsed;

	if (!f->rate)
		return;
	due = (double)f->fed / f->rate;
	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (now.tv_sec - f->start.tv_sec) +
		  (now.tv_nsec - f->start.tv_nsec) / 1e9;
	if (due > elapsed)
		usleep((useconds_t)((due - elapsed) * 1e6));
}

static void handshake(void)
{
	int fd = open("outfeed.mid", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		fatal("outfeed.mid");
	close(fd);
	for (int i = 0; i < 1200 && !stop; i++) {
		if (!access("outfeed.go", F_OK))
			return;
		usleep(100000);
	}
	fatalx("no outfeed.go after 120 s");
}

static void submit(struct feed *f, struct c2a_record *recs, size_t n)
{
	if (f->mid && f->fed < f->mid && f->fed + n >= f->mid) {
		size_t first = f->mid - f->fed;

		outputs_submit(f->set, recs, first);
		f->fed += first;
		handshake();
		recs += first;
		n -= first;
	}
	outputs_submit(f->set, recs, n);
	f->fed += n;
	pace(f);
}

static int feed_file(struct feed *f, const char *path)
{
	struct c2a_record *recs = calloc(f->batch, sizeof(*recs));
	FILE *in = fopen(path, "re");
	size_t n;

	if (!recs)
		fatal("out of memory");
	if (!in) {
		log_warn("%s", path);
		free(recs);
		return -1;
	}
	while (!stop && (n = fread(recs, sizeof(*recs), f->batch, in)) > 0)
		submit(f, recs, n);
	if (ferror(in))
		log_warn("%s", path);
	fclose(in);
	free(recs);
	return 0;
}

static void print_state(const char *path)
{
	char line[4096];
	FILE *s = fopen(path, "re");

	if (!s)
		fatal("%s", path);
	if (fgets(line, sizeof(line), s))		/* the magic line */
		while (fgets(line, sizeof(line), s))
			fputs(line, stdout);
	fclose(s);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	const char *conf = NULL, *state = "outfeed.state";
	struct feed f = { .batch = 256 };
	struct outputs_conf oc;
	struct timespec done;
	char err[1024];
	int c, status = 0;

	log_init("outfeed");
	while ((c = getopt(argc, argv, "c:s:b:r:m:")) != -1) {
		switch (c) {
		case 'c': conf = optarg; break;
		case 's': state = optarg; break;
		case 'b': f.batch = strtoul(optarg, NULL, 0); break;
		case 'r': f.rate = strtoul(optarg, NULL, 0); break;
		case 'm': f.mid = strtoull(optarg, NULL, 0); break;
		default: return 2;
		}
	}
	if (!conf || optind == argc || !f.batch)
		fatalx("usage: outfeed -c CONF [-s STATE] [-b RECORDS] "
		       "[-r RATE] [-m N] FILE...");
	if (outputs_conf_load(conf, &oc))
		return 1;
	f.set = outputs_start(&oc, state, err, sizeof(err));
	if (!f.set)
		fatalx("%s", err);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	clock_gettime(CLOCK_MONOTONIC, &f.start);
	for (int i = optind; i < argc && !stop; i++)
		if (feed_file(&f, argv[i]))
			status = 1;
	clock_gettime(CLOCK_MONOTONIC, &done);
	/* said before the outputs drain: what feeding cost the feeder */
	fprintf(stderr, "outfeed: %llu records fed in %.3f s\n", f.fed,
		(done.tv_sec - f.start.tv_sec) +
		(done.tv_nsec - f.start.tv_nsec) / 1e9);
	outputs_stop(f.set);
	outputs_conf_free(&oc);
	print_state(state);
	return status;
}
