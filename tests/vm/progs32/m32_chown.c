// SPDX-License-Identifier: GPL-2.0
/*
 * m32_chown PATH: i386's two chown calls on PATH, the 16-bit one (182)
 * then chown32 (212), which Linux audit's rules tell apart by number.
 * Prints its pid first.
 */
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: m32_chown PATH\n");
		return 2;
	}
	printf("%d\n", getpid());
	fflush(stdout);
	/* to the caller's own ids, which any owner may do */
	if (syscall(182, argv[1], getuid() & 0xffff, getgid() & 0xffff) ||
	    syscall(212, argv[1], getuid(), getgid())) {
		perror("chown");
		return 1;
	}
	return 0;
}
