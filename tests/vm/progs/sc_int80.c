// SPDX-License-Identifier: GPL-2.0
/*
 * sc_int80 DIR: a 64-bit program entering the kernel through int $0x80,
 * which takes the 32-bit entry points: a classic way around hooks on the
 * 64-bit ones. Built without PIE, so its data lies below 4 GiB.
 */
#include <fcntl.h>
#include <stdlib.h>

#include "expect.h"

static char path[512];

static long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

int main(int argc, char **argv)
{
	long ret;

	if (argc != 2)
		return 2;
	snprintf(path, sizeof(path), "%s/int80", argv[1]);
	/* i386's open(2) is number 5 */
	ret = int80(5, (long)path, O_CREAT | O_RDWR, 0600);
	ex_begin("open");
	ex_result(ret < 0 ? -1 : ret, (int)-ret);
	ex_add("arch", "i386");
	ex_add("nr", "5");
	ex_add("path", "%s", path);
	ex_end();
	return ret < 0;
}
