// SPDX-License-Identifier: GPL-2.0
/* c2audit tail: read records straight from the module and print them. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "dev.h"
#include "fields.h"
#include "log.h"
#include "record.h"
#include "render.h"

#define TAIL_BATCH	256	/* records per read() */

static volatile sig_atomic_t tail_stop;

static void on_signal(int sig)
{
	(void)sig;
	tail_stop = 1;
}

static void print_event(const struct evt *ev, void *ctx)
{
	struct buf *line = ctx;
	struct fields f;

	fields_build(ev, &f);
	buf_reset(line);
	render_text(&f, line);
	buf_addc(line, '\n');
	fwrite(line->data, 1, line->len, stdout);
}

/* Reads until the rings are empty (or, following, until a signal). */
static int tail_loop(int fd, bool follow, struct evt_asm *a)
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
		for (size_t i = 0; i < n / sizeof(*recs); i++)
			evt_asm_feed(a, &recs[i]);
		fflush(stdout);
	}
	free(recs);
	return EXIT_OK;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit tail [-f]\n"
		"\n"
		"Attach to the module as its reader and print the records waiting in\n"
		"its rings, one line of key=value per event, then exit. Records read\n"
		"here are not in the audit trail: use it when c2auditd is not running.\n"
		"\n"
		"  -f, --follow   keep printing new records until interrupted\n"
		"\n"
		"Needs CAP_AUDIT_READ. Only one reader may be attached at a time.\n");
}

int cmd_tail(const struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "follow", no_argument, NULL, 'f' },
		{ 0 }
	};
	struct sigaction sa = { .sa_handler = on_signal };
	struct buf line = { 0 };
	struct evt_asm a;
	bool follow = false;
	int c, fd, ret;

	while ((c = cmd_getopt(argc, argv, "f", opts, usage, &ret)) != -1) {
		if (c == CMD_DONE)
			return ret;
		follow = true;
	}
	ret = cmd_no_operands(argc, usage);
	if (ret)
		return ret;
	fd = dev_open_reader(cli->device, !follow);
	if (fd < 0)
		return EXIT_FAIL;
	/* No SA_RESTART: a signal ends a blocking read() with EINTR. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	evt_asm_init(&a, print_event, &line);
	ret = tail_loop(fd, follow, &a);
	evt_asm_flush(&a);
	evt_asm_free(&a);
	buf_free(&line);
	close(fd);
	return ret;
}
