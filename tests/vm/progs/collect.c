// SPDX-License-Identifier: GPL-2.0
/*
 * collect: attach as the reader and append raw records to a file until
 * SIGTERM or SIGINT, then drain what is left and exit. Creates FILE.ready
 * once attached, so a test knows when its workload may start.
 *
 * usage: collect [-b RECORDS] [-d MS] [-p] [-w] FILE
 *   -b  records per read() (default 256)
 *   -d  sleep this long after each read: a reader that cannot keep up
 *   -p  wait with poll() instead of blocking in read()
 *   -w  read nothing until a producer has waited for room (block mode):
 *       a reader slower than any producer, however slow the kernel is
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dev_audit.h"
#include "log.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void wait_for_a_blocked_producer(int dev)
{
	struct c2a_status st;

	while (!stop) {
		if (dev_get_status(dev, &st))
			exit(1);
		if (st.total.blocked_total)
			return;
		usleep(10000);
	}
}

static void write_all(int fd, const void *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			fatal("write");
		p = (const char *)p + w;
		n -= w;
	}
}

static void mark_ready(const char *out)
{
	char ready[4096];
	int fd;

	snprintf(ready, sizeof(ready), "%s.ready", out);
	fd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		fatal("%s", ready);
	close(fd);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	size_t batch = 256;
	unsigned long delay_ms = 0;
	unsigned long long total = 0;
	bool use_poll = false, wait_blocked = false;
	void *buf;
	int c, dev, out;

	log_init("collect");
	while ((c = getopt(argc, argv, "b:d:pw")) != -1) {
		switch (c) {
		case 'b':
			batch = strtoul(optarg, NULL, 0);
			break;
		case 'd':
			delay_ms = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			use_poll = true;
			break;
		case 'w':
			wait_blocked = true;
			break;
		default:
			return 2;
		}
	}
	if (optind + 1 != argc || !batch)
		fatalx("usage: collect [-b RECORDS] [-d MS] [-p] [-w] FILE");
	buf = calloc(batch, C2A_RECORD_SIZE);
	out = open(argv[optind], O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (!buf || out < 0)
		fatal("%s", argv[optind]);
	dev = dev_open_reader(C2A_DEVICE, use_poll);
	if (dev < 0)
		return 1;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	mark_ready(argv[optind]);
	if (wait_blocked)
		wait_for_a_blocked_producer(dev);
	while (!stop) {
		struct pollfd pfd = { .fd = dev, .events = POLLIN };
		ssize_t n;

		if (use_poll && poll(&pfd, 1, -1) < 0 && errno != EINTR)
			fatal("poll");
		n = read(dev, buf, batch * C2A_RECORD_SIZE);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0)
			fatal("read");
		write_all(out, buf, n);
		total += n / C2A_RECORD_SIZE;
		if (delay_ms)
			usleep(delay_ms * 1000);
	}
	/* Drain what producers committed before the stop. */
	fcntl(dev, F_SETFL, O_NONBLOCK);
	for (;;) {
		ssize_t n = read(dev, buf, batch * C2A_RECORD_SIZE);

		if (n <= 0)
			break;
		write_all(out, buf, n);
		total += n / C2A_RECORD_SIZE;
	}
	fprintf(stderr, "collect: %llu records\n", total);
	close(dev);
	return close(out) ? 1 : 0;
}
