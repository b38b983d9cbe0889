// SPDX-License-Identifier: GPL-2.0
/*
 * wl: workloads whose every audited action is known. Each prints its pid
 * on the first line so a test can find its records.
 *
 *   wl open PATH [COUNT]   openat(AT_FDCWD, PATH) COUNT times (default 1)
 *   wl openat DIR NAME     openat(fd of DIR, NAME)
 *   wl loop PATH           open and close PATH until killed
 *   wl fresh PATH          openat() with the name on a page not yet touched
 *   wl openat2 PATH ro|wo  openat2() for reading or for writing: its access
 *                          is in user memory (struct open_how)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/openat2.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static void open_close(int dirfd, const char *path)
{
	int fd = openat(dirfd, path, O_RDONLY);

	if (fd >= 0)
		close(fd);
	else
		printf("open %s: %s\n", path, strerror(errno));
}

/* The name lives in a private file mapping that nothing has faulted in. */
static int fresh(const char *path)
{
	char tmpl[] = "/tmp/wl-fresh-XXXXXX";
	size_t len = strlen(path) + 1;
	long page = sysconf(_SC_PAGESIZE);
	int fd = mkstemp(tmpl);
	char *map;

	if (fd < 0 || write(fd, path, len) != (ssize_t)len)
		return 1;
	map = mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	unlink(tmpl);
	if (map == MAP_FAILED)
		return 1;
	open_close(AT_FDCWD, map);
	return 0;
}

static int open_how(const char *path, const char *mode)
{
	struct open_how how = {
		.flags = strcmp(mode, "wo") ? O_RDONLY : O_WRONLY,
	};
	long fd = syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));

	if (fd < 0) {
		printf("openat2 %s: %s\n", path, strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: wl open|openat|loop|fresh|openat2 ARGS\n");
		return 2;
	}
	printf("%d\n", getpid());
	fflush(stdout);
	if (!strcmp(argv[1], "open")) {
		long n = argc > 3 ? strtol(argv[3], NULL, 0) : 1;

		while (n-- > 0)
			open_close(AT_FDCWD, argv[2]);
		return 0;
	}
	if (!strcmp(argv[1], "openat") && argc == 4) {
		int dir = open(argv[2], O_RDONLY | O_DIRECTORY);

		if (dir < 0)
			return 1;
		open_close(dir, argv[3]);
		return 0;
	}
	if (!strcmp(argv[1], "loop")) {
		for (;;)
			open_close(AT_FDCWD, argv[2]);
	}
	if (!strcmp(argv[1], "fresh"))
		return fresh(argv[2]);
	if (!strcmp(argv[1], "openat2") && argc == 4)
		return open_how(argv[2], argv[3]);
	fprintf(stderr, "wl: unknown workload '%s'\n", argv[1]);
	return 2;
}
