// SPDX-License-Identifier: GPL-2.0
/*
 * c2audit-forward: the outputs of c2auditd.conf ([output] sections) as a
 * program of their own, unprivileged. It follows the trail files as
 * c2auditd writes them (read access through log_group), checks their
 * chain as it reads, hands records and seals to the outputs
 * (daemon/forward/) and keeps its place in a position file, so that a
 * restart goes on where the outputs had got to.
 *
 * One thread reads (follow_loop.c); each output has its own threads.
 * Signals only set flags: SIGTERM/SIGINT stop (the outputs drain), SIGHUP
 * reopens the outputs' files.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "forwarder.h"
#include "log.h"

#define STOP_SETTLE_MS	2000	/* at stop, before the outputs' own drain */

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		fwd_reopen = 1;
	else
		fwd_stop = 1;
}

static void install_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit-forward [-d] [-n] [-c FILE] [-p FILE] [-s FILE]\n"
		"       c2audit-forward -h | -V\n"
		"\n"
		"Sends copies of the audit trail to the outputs of c2auditd's\n"
		"configuration ([output] sections: files, syslog, collectors; see\n"
		"doc/outputs.md), following the trail files as c2auditd writes them,\n"
		"each sealed file's last chain value too. It runs as an unprivileged\n"
		"user of c2auditd.conf's log_group, and refuses root.\n"
		"\n"
		"  -c FILE   configuration (default " CONF_PATH ")\n"
		"  -p FILE   position file: where in the trail it is\n"
		"            (default " FORWARD_POSITION ")\n"
		"  -s FILE   the outputs' counters, for `c2audit status`\n"
		"            (default " OUTPUTS_STATE_PATH ")\n"
		"  -d        log to stderr, verbosely (default: syslog)\n"
		"  -n        check the configuration, scripts and TLS files; exit\n"
		"  -h, --help     this help\n"
		"  -V, --version  the version of c2audit-forward\n"
		"\n"
		"Without a position file it starts at the oldest trail file. After a\n"
		"crash it sends again at most the last %d records read.\n"
		"Signals: SIGTERM lets the outputs deliver and stops; SIGHUP reopens\n"
		"the outputs' files. Exit status: 0 stopped, 1 failure, 2 usage.\n",
		FORWARD_WINDOW);
}

struct opts {
	const char *conf, *pos, *state;
	bool debug, check;
};

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "c:p:s:dnhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o->conf = optarg;
			break;
		case 'p':
			o->pos = optarg;
			break;
		case 's':
			o->state = optarg;
			break;
		case 'd':
			o->debug = true;
			break;
		case 'n':
			o->check = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("c2audit-forward %s\n", C2A_VERSION);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return -1;
	}
	return 0;
}

/* The smallest queue bounds the window: a queue never overflows. */
static uint64_t window_of(const struct outputs_conf *oc)
{
	uint64_t w = FORWARD_WINDOW;

	for (size_t i = 0; i < oc->n; i++)
		if (oc->out[i].queue < w)
			w = oc->out[i].queue;
	return w ? w : 1;
}

static int start(struct forwarder *fw, const struct outputs_conf *oc,
		 const struct opts *o, bool verify)
{
	char err[1024];
	struct trail_pos from;
	int ret;

	ret = trail_pos_load(fw->pos_path, &from, err, sizeof(err));
	if (ret < 0) {
		log_warnx("%s: move it away to start again from the oldest trail file",
			  err);
		return -1;
	}
	fw->set = outputs_start(oc, o->state, err, sizeof(err));
	if (!fw->set) {
		log_warnx("%s", err);
		return -1;
	}
	fw->window = window_of(oc);
	fw->batch = calloc(256, sizeof(*fw->batch));
	if (!fw->batch)
		fatal("out of memory");
	/* No key: the key stays with c2auditd and verify (trail_follow.h). */
	fw->follow = trail_follow_open(fw->log_dir, NULL, verify,
				       ret ? NULL : &from);
	fw->closed = fw->given = fw->written = from;
	if (ret)
		log_info("started: %zu outputs, reading %s from its oldest file",
			 outputs_count(fw->set), fw->log_dir);
	else
		log_info("started: %zu outputs, reading %s after file %llu frame %llu",
			 outputs_count(fw->set), fw->log_dir,
			 (unsigned long long)from.seq,
			 (unsigned long long)from.index);
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = { .pos = FORWARD_POSITION, .state = OUTPUTS_STATE_PATH };
	struct forwarder fw = { 0 };
	struct outputs_conf oc;
	struct conf conf;
	int ret;

	log_init("c2audit-forward");
	if (parse_opts(argc, argv, &o))
		return 2;
	log_set_verbose(o.debug);
	if (o.conf ? conf_load(&conf, o.conf) : conf_load_default(&conf))
		return 1;
	if (outputs_conf_load(o.conf ? o.conf : CONF_PATH, &oc))
		return 1;
	if (o.check) {
		ret = outputs_check(&oc);
		if (!ret)
			printf("configuration ok: %zu outputs\n", oc.n);
		outputs_conf_free(&oc);
		return ret ? 1 : 0;
	}
	if (!geteuid()) {
		log_warnx("runs as an unprivileged user that may read the trail (log_group of %s), never as root",
			  o.conf ? o.conf : CONF_PATH);
		return 1;
	}
	if (!oc.n) {
		log_warnx("%s has no [output] sections: nothing to forward",
			  o.conf ? o.conf : CONF_PATH);
		return 1;
	}
	umask(077);
	install_signals();
	fw.log_dir = conf.log_dir;
	fw.pos_path = o.pos;
	if (start(&fw, &oc, &o, conf.forward_verify)) {
		outputs_stop(fw.set);
		return 1;
	}
	if (!o.debug)
		log_to_syslog();
	ret = forward_run(&fw);
	forward_finish(&fw, STOP_SETTLE_MS);
	log_info("stopped: %llu records and %llu seals forwarded",
		 (unsigned long long)fw.forwarded,
		 (unsigned long long)fw.seals);
	trail_follow_close(fw.follow);
	free(fw.batch);
	free(fw.open);
	outputs_conf_free(&oc);
	return ret ? 1 : 0;
}
