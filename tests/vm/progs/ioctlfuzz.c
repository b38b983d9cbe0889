// SPDX-License-Identifier: GPL-2.0
/*
 * ioctlfuzz COUNT SEED: throws COUNT random ioctls at /dev/audit: random
 * command numbers (ours and others), sizes, directions, and arguments
 * (NULL, unmapped, kernel addresses, a struct running into an unmapped
 * page, random bytes, plausible structs). It never locks the module and
 * never sets the panic failure action; afterwards it restores drop mode,
 * auditing and a rule auditing every call, and checks the device works.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "c2audit.h"

#define DEV C2A_DEVICE

static unsigned char *area;	/* two pages, the second unmapped */
static long page;
static int counts[200];

static uint32_t rnd(void)
{
	return (uint32_t)random();
}

/* Plausible values: mostly small, sometimes any. */
static void fill(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i += 4) {
		uint32_t v = rnd() % 4 ? rnd() % 8 : rnd();

		memcpy(p + i, &v, n - i < 4 ? n - i : 4);
	}
}

static unsigned long pick_cmd(uint32_t *size)
{
	unsigned int nr = rnd() % 3 ? 1 + rnd() % 0x12 : rnd() % 256;
	unsigned int dir = rnd() % 4;
	unsigned int type = rnd() % 8 ? C2A_IOC_MAGIC : rnd() % 256;

	*size = rnd() % 3 ? 8 + rnd() % 200 : rnd() % 16384;
	return _IOC(dir, type, nr, *size);
}

static void *pick_arg(unsigned long cmd, uint32_t size)
{
	unsigned char *p;
	uint32_t off;

	switch (rnd() % 8) {
	case 0:
		return NULL;
	case 1:
		return (void *)(uintptr_t)(rnd() % 4096);
	case 2:
		return (void *)0xffffffff81000000UL;
	case 3:	/* runs into the unmapped page */
		return area + page - (rnd() % 64);
	}
	off = size < (uint32_t)page ? rnd() % (page - size + 1) : 0;
	p = area + off;
	fill(p, size < (uint32_t)page - off ? size : page - off);
	if (rnd() % 2 && size >= 4 && off + 4 <= (uint32_t)page)
		memcpy(p, &size, 4);	/* a size field that agrees */
	if (_IOC_TYPE(cmd) == C2A_IOC_MAGIC && _IOC_NR(cmd) == 0x0c &&
	    size >= 8 && off + 8 <= (uint32_t)page)
		memset(p + 4, 0xff, 4);	/* a lock that is never valid */
	if (_IOC_TYPE(cmd) == C2A_IOC_MAGIC && _IOC_NR(cmd) == 0x06 &&
	    size >= 12 && off + 12 <= (uint32_t)page)
		p[8] &= 1;		/* failure: none or log, never panic */
	return p;
}

/* Leaves the module as a test expects it. */
static int restore(int wr)
{
	struct c2a_overflow o = { .size = sizeof(o), .failure = C2A_FAIL_LOG,
				  .block_timeout_ms = 30000 };
	struct c2a_enable en = { .size = sizeof(en), .enabled = 1 };
	struct c2a_rule all = { .size = sizeof(all), .action = C2A_ACT_AUDIT };
	struct c2a_rules_load l = { .size = sizeof(l), .count = 1,
				    .rule_size = sizeof(all),
				    .rules_ptr = (uintptr_t)&all };

	if (ioctl(wr, C2A_IOC_SET_OVERFLOW, &o) ||
	    ioctl(wr, C2A_IOC_RULES_LOAD, &l) ||
	    ioctl(wr, C2A_IOC_SET_ENABLED, &en)) {
		perror("restore the module's settings");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc == 3 ? atol(argv[1]) : 0;
	char buf[C2A_RECORD_SIZE * 64];
	struct c2a_status st = { .size = sizeof(st) };
	int fds[3], rd;

	if (n <= 0)
		return 2;
	srandom(atoi(argv[2]));
	page = sysconf(_SC_PAGESIZE);
	area = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED || mprotect(area + page, page, PROT_NONE))
		return 1;
	/* As the reader, nothing this process does is audited or waits. */
	rd = open(DEV, O_RDONLY | O_NONBLOCK);
	fds[0] = rd;
	fds[1] = open(DEV, O_WRONLY);
	fds[2] = open(DEV, O_ACCMODE);
	if (rd < 0 || fds[1] < 0 || fds[2] < 0) {
		perror(DEV);
		return 1;
	}
	for (long i = 0; i < n; i++) {
		uint32_t size;
		unsigned long cmd = pick_cmd(&size);
		int r = ioctl(fds[rnd() % 3], cmd, pick_arg(cmd, size));

		counts[r < 0 ? errno % 200 : 0]++;
		/* An observer's descriptor (C2A_IOC_OBSERVE) */
		if (r > 2 && r != fds[0] && r != fds[1] && r != fds[2])
			close(r);
		if (i % 64 == 0)
			while (read(rd, buf, sizeof(buf)) > 0)
				;
	}
	for (int e = 0; e < 200; e++)
		if (counts[e])
			printf("%s: %d\n", e ? strerrorname_np(e) : "ok", counts[e]);
	if (restore(fds[1]) || ioctl(fds[2], C2A_IOC_GET_STATUS, &st)) {
		perror("the device after fuzzing");
		return 1;
	}
	printf("after %ld ioctls: %u rules, auditing %s\n", n, st.nr_rules,
	       st.flags & C2A_ST_ENABLED ? "on" : "off");
	return 0;
}
