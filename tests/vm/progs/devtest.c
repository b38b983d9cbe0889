// SPDX-License-Identifier: GPL-2.0
/*
 * devtest: /dev/audit semantics, one check per subcommand; prints what it
 * saw and exits 0 when the check holds.
 *
 *   ebusy    a second reader is refused with EBUSY, and admitted once the
 *            first is gone
 *   einval   read() with room for less than a record fails with EINVAL;
 *            larger buffers get whole records only
 *   eagain   O_NONBLOCK read() of empty rings fails with EAGAIN
 *   poll     a single record wakes a poll()ing reader within the latency
 *            bound, not never
 *   batch    a burst of records is delivered in few wake-ups, not one each
 *   self     the reader's own syscalls are not audited
 *   ioctl    version, sizes, bad pointers, unknown commands, permissions,
 *            geometry and enable
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "c2audit.h"
#include "check.h"

#define DEV C2A_DEVICE

static char buf[C2A_RECORD_SIZE * 512];

static int open_ok(int flags)
{
	int fd = open(DEV, flags);

	CHECK(fd >= 0, "open %s flags %#x: %s", DEV, flags, strerror(errno));
	return fd;
}

static void set_enabled(bool on)
{
	struct c2a_enable e = { .size = sizeof(e), .enabled = on };
	int fd = open_ok(O_WRONLY);

	CHECK(!ioctl(fd, C2A_IOC_SET_ENABLED, &e), "enable: %s", strerror(errno));
	close(fd);
}

/* Reads until the rings are empty; returns the records read. */
static long drain(int fd)
{
	long total = 0;
	int fl = fcntl(fd, F_GETFL);
	ssize_t n;

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n / C2A_RECORD_SIZE;
	CHECK(n < 0 && errno == EAGAIN, "drain ended with %zd: %s", n,
	      strerror(errno));
	fcntl(fd, F_SETFL, fl);
	return total;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A child that opens a file count times after delay_ms. */
static pid_t spawn_opener(int delay_ms, int count)
{
	pid_t pid = fork();

	CHECK(pid >= 0, "fork");
	if (pid)
		return pid;
	usleep(delay_ms * 1000);
	while (count--)
		close(open("/", O_RDONLY));
	_exit(0);
}

static int t_ebusy(void)
{
	int a = open_ok(O_RDONLY), b;

	b = open(DEV, O_RDONLY);
	CHECK(b < 0 && errno == EBUSY, "second reader: %d %s", b, strerror(errno));
	/* Handles that do not read are not readers. */
	close(open_ok(O_WRONLY));
	close(open_ok(O_ACCMODE));
	close(a);
	b = open_ok(O_RDONLY);
	close(b);
	printf("second reader refused with EBUSY, admitted after close\n");
	return 0;
}

static int t_einval(void)
{
	int fd = open_ok(O_RDONLY | O_NONBLOCK);
	ssize_t n;

	CHECK(read(fd, buf, 0) < 0 && errno == EINVAL, "read 0: %s", strerror(errno));
	CHECK(read(fd, buf, 100) < 0 && errno == EINVAL, "read 100: %s", strerror(errno));
	CHECK(read(fd, buf, C2A_RECORD_SIZE - 1) < 0 && errno == EINVAL,
	      "read %d: %s", C2A_RECORD_SIZE - 1, strerror(errno));
	waitpid(spawn_opener(0, 3), NULL, 0);
	n = read(fd, buf, C2A_RECORD_SIZE + 100);
	CHECK(n == C2A_RECORD_SIZE, "read of a record and a bit gave %zd", n);
	n = read(fd, buf, 2 * C2A_RECORD_SIZE - 1);
	CHECK(n == C2A_RECORD_SIZE, "read of two records less a byte gave %zd", n);
	close(fd);
	printf("short reads refused with EINVAL, whole records only\n");
	return 0;
}

static int t_eagain(void)
{
	int fd = open_ok(O_RDONLY | O_NONBLOCK);

	set_enabled(false);
	drain(fd);
	CHECK(read(fd, buf, sizeof(buf)) < 0 && errno == EAGAIN,
	      "empty read: %s", strerror(errno));
	set_enabled(true);
	close(fd);
	printf("empty rings give EAGAIN\n");
	return 0;
}

static int t_poll(void)
{
	int fd = open_ok(O_RDONLY);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	double start, waited;
	int r;

	drain(fd);
	start = now_ms();
	spawn_opener(200, 1);
	r = poll(&pfd, 1, 5000);
	waited = now_ms() - start - 200;
	CHECK(r == 1 && (pfd.revents & POLLIN), "poll: %d revents %#x", r,
	      pfd.revents);
	CHECK(drain(fd) > 0, "woken with nothing to read");
	wait(NULL);
	close(fd);
	printf("one record woke poll() after about %.0f ms\n", waited);
	return 0;
}

static int t_batch(void)
{
	int fd = open_ok(O_RDONLY);
	long records = 0, reads = 0;
	pid_t child;

	drain(fd);
	child = spawn_opener(100, 200);
	waitpid(child, NULL, 0);
	/* Each read blocks until woken; count the wake-ups it takes. */
	while (records < 200) {
		ssize_t n = read(fd, buf, sizeof(buf));

		CHECK(n > 0, "read: %s", strerror(errno));
		records += n / C2A_RECORD_SIZE;
		reads++;
	}
	close(fd);
	CHECK(reads * 4 <= records, "%ld reads for %ld records", reads, records);
	printf("%ld records in %ld reads\n", records, reads);
	return 0;
}

static int t_self(void)
{
	int fd = open_ok(O_RDONLY);
	long n, mine = 0;

	drain(fd);
	for (int i = 0; i < 50; i++)
		close(open("/", O_RDONLY));
	waitpid(spawn_opener(0, 1), NULL, 0);
	usleep(200 * 1000);
	n = read(fd, buf, sizeof(buf));
	CHECK(n > 0, "no records at all: %s", strerror(errno));
	for (long i = 0; i < n / C2A_RECORD_SIZE; i++) {
		const struct c2a_record *r = (const void *)(buf + i * C2A_RECORD_SIZE);

		if (r->hdr.type == C2A_REC_SYSCALL &&
		    r->ev.subj.tgid == (unsigned int)getpid())
			mine++;
	}
	close(fd);
	CHECK(!mine, "%ld records of the reader itself", mine);
	printf("%ld records, none of the reader's own\n", n / C2A_RECORD_SIZE);
	return 0;
}

static void ioctl_fails(int fd, unsigned long cmd, void *arg, int err,
			const char *what)
{
	int r = ioctl(fd, cmd, arg);

	CHECK(r < 0 && errno == err, "%s: got %d (%s), want %s", what, r,
	      r < 0 ? strerror(errno) : "ok", strerror(err));
}

static struct c2a_status get_status(int fd)
{
	struct c2a_status st = { .size = sizeof(st) };

	CHECK(!ioctl(fd, C2A_IOC_GET_STATUS, &st), "status: %s", strerror(errno));
	return st;
}

static int t_ioctl(void)
{
	int q = open_ok(O_ACCMODE), w = open_ok(O_WRONLY);
	struct c2a_version v = { .size = sizeof(v) };
	struct c2a_geometry g = { .size = sizeof(g), .slots_per_cpu = 128 };
	struct c2a_enable e = { .size = sizeof(e), .enabled = 2 };
	struct { struct c2a_geometry g; __u32 extra; } big = {
		{ sizeof(big), 256 }, 0
	};
	unsigned long big_cmd = _IOW(C2A_IOC_MAGIC, 0x04, big);

	CHECK(!ioctl(q, C2A_IOC_GET_VERSION, &v), "version: %s", strerror(errno));
	CHECK(v.abi_version == C2A_ABI_VERSION && v.record_size == C2A_RECORD_SIZE,
	      "version %u/%u", v.abi_version, v.record_size);
	v.size = sizeof(v) - 4;
	ioctl_fails(q, C2A_IOC_GET_VERSION, &v, EINVAL, "size field unlike the command");
	ioctl_fails(q, _IOR(C2A_IOC_MAGIC, 0x01, __u32), &v, EINVAL, "struct too small");
	ioctl_fails(q, C2A_IOC_GET_VERSION, NULL, EFAULT, "NULL pointer");
	ioctl_fails(q, C2A_IOC_GET_VERSION, (void *)16, EFAULT, "unmapped pointer");
	ioctl_fails(q, _IOR(C2A_IOC_MAGIC, 0x7f, v), &v, ENOTTY, "unknown number");
	ioctl_fails(q, _IOR('x', 0x01, v), &v, ENOTTY, "foreign magic");
	ioctl_fails(q, _IOW(C2A_IOC_MAGIC, 0x01, v), &v, ENOTTY, "wrong direction");
	ioctl_fails(q, C2A_IOC_SET_ENABLED, &e, EPERM, "change on a query handle");
	ioctl_fails(w, C2A_IOC_SET_ENABLED, &e, EINVAL, "enabled=2");
	ioctl_fails(w, C2A_IOC_SET_GEOMETRY, &g, EBUSY, "geometry while enabled");

	set_enabled(false);
	g.slots_per_cpu = 100;
	ioctl_fails(w, C2A_IOC_SET_GEOMETRY, &g, EINVAL, "100 slots");
	g.slots_per_cpu = 1U << 20;
	ioctl_fails(w, C2A_IOC_SET_GEOMETRY, &g, EINVAL, "2^20 slots");
	g.slots_per_cpu = 32;
	ioctl_fails(w, C2A_IOC_SET_GEOMETRY, &g, EINVAL, "32 slots");
	big.extra = 1;
	ioctl_fails(w, big_cmd, &big, EINVAL, "unknown nonzero field");
	big.extra = 0;
	CHECK(!ioctl(w, big_cmd, &big), "newer struct, zero tail: %s", strerror(errno));
	CHECK(get_status(q).slots_per_cpu == 256, "geometry not applied");
	g.slots_per_cpu = 128;
	CHECK(!ioctl(w, C2A_IOC_SET_GEOMETRY, &g), "128 slots: %s", strerror(errno));
	CHECK(get_status(q).slots_per_cpu == 128, "geometry not applied");
	CHECK(!(get_status(q).flags & C2A_ST_ENABLED), "still enabled");
	set_enabled(true);
	CHECK(get_status(q).flags & C2A_ST_ENABLED, "not enabled");
	close(q);
	close(w);
	printf("ioctl sizes, pointers, commands and permissions checked\n");
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} tests[] = {
	{ "ebusy", t_ebusy }, { "einval", t_einval }, { "eagain", t_eagain },
	{ "poll", t_poll }, { "batch", t_batch }, { "self", t_self },
	{ "ioctl", t_ioctl },
};

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; argc == 2 && i < sizeof(tests) / sizeof(tests[0]); i++)
		if (!strcmp(argv[1], tests[i].name))
			return tests[i].fn();
	fprintf(stderr, "usage: devtest ebusy|einval|eagain|poll|batch|self|ioctl\n");
	return 2;
}
