// SPDX-License-Identifier: GPL-2.0
/*
 * What an unprivileged user would try against the audit module.
 *
 * attack fifo PATH N: N threads (in processes of 1000: a blocked open
 *	holds an fd) open the FIFO PATH for reading, with no writer: each
 *	waits in open(2) until one comes. Prints "waiting" once every thread
 *	has been started, then waits for them all.
 * attack accept PORT N: N threads (in processes of 1000) wait in accept(2)
 *	on a loopback socket; prints "waiting", then connects N times to
 *	release them, and waits for them all.
 * attack vfork N FIFO: N processes each vfork() a child that opens FIFO
 *	for reading, so that N parents wait in vfork(2) (and N children in
 *	open(2)) until a writer comes; prints "waiting" once all are
 *	started.
 * attack flip DIR N: in DIR, which holds files "a" and "b", renames N
 *	times the file a name buffer names to "dN", while a second thread
 *	flips the buffer between "a" and "b"; after each rename it finds out
 *	which file went (the kernel's answer) and prints "dN a|b", then
 *	puts the file back.
 * attack swap DIR N: in DIR, with directories x and y and symlinks link
 *	and other (to x and y), unlinks N times link/fN while a second thread
 *	swaps the two symlinks; fN was made in both x and y, and after each
 *	unlink it prints "fN x|y", the directory the kernel removed it from.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static const char *fifo;

static void *fifo_reader(void *arg)
{
	int fd = open(fifo, O_RDONLY);

	(void)arg;
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* Each blocked call may hold an fd: so many threads in one process at most. */
#define THREADS_PER_PROC	1000

/* In a child: @n threads run @fn, then the child exits. */
static void run_threads(long n, void *(*fn)(void *))
{
	pthread_t *t = calloc(n, sizeof(*t));
	pthread_attr_t attr;
	long i;

	CHECK(t, "calloc");
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < n; i++)
		CHECK(!pthread_create(&t[i], &attr, fn, NULL), "thread %ld", i);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	exit(0);
}

/* @n threads running @fn, in as many child processes as they need. */
static long spawn_threads(long n, void *(*fn)(void *))
{
	long left, procs = 0;

	for (left = n; left > 0; left -= THREADS_PER_PROC, procs++) {
		pid_t pid = fork();

		CHECK(pid >= 0, "fork: %s", strerror(errno));
		if (!pid)
			run_threads(left < THREADS_PER_PROC ? left :
				    THREADS_PER_PROC, fn);
	}
	return procs;
}

/* Waits for the @procs children of spawn_threads(); all must succeed. */
static void reap_threads(long procs)
{
	long ok = 0, n = procs;
	int status;

	while (n-- > 0)
		if (wait(&status) > 0 && WIFEXITED(status) && !WEXITSTATUS(status))
			ok++;
	CHECK(ok == procs, "%ld processes of threads failed", procs - ok);
}

static int fifo_attack(const char *path, long n)
{
	long procs;

	fifo = path;
	procs = spawn_threads(n, fifo_reader);
	sleep(3);
	printf("waiting\n");
	fflush(stdout);
	reap_threads(procs);
	printf("%ld opened\n", n);
	return 0;
}

static int listener;

static void *acceptor(void *arg)
{
	int c = accept(listener, NULL, NULL);

	(void)arg;
	if (c >= 0)
		close(c);
	return NULL;
}

static int accept_attack(int port, long n)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	long procs;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listener = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(listener >= 0, "socket: %s", strerror(errno));
	CHECK(!bind(listener, (struct sockaddr *)&a, sizeof(a)) &&
	      !listen(listener, 4096), "bind/listen: %s", strerror(errno));
	procs = spawn_threads(n, acceptor);
	sleep(3);
	printf("waiting\n");
	fflush(stdout);
	/* Released once the caller says so: a line on stdin. */
	getchar();
	for (long i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0);

		CHECK(c >= 0 && !connect(c, (struct sockaddr *)&a, sizeof(a)),
		      "connect %ld: %s", i, strerror(errno));
		close(c);
	}
	reap_threads(procs);
	printf("%ld accepted\n", n);
	return 0;
}

static int vfork_attack(long n, const char *path)
{
	long i;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		CHECK(pid >= 0, "fork: %s", strerror(errno));
		if (!pid) {
			if (!vfork())
				_exit(open(path, O_RDONLY) < 0);
			_exit(0);
		}
	}
	printf("waiting\n");
	fflush(stdout);
	while (wait(NULL) > 0)
		;
	printf("%ld vforked\n", n);
	return 0;
}

static char flip_buf[2] = "a";
static atomic_int flip_stop;

static void *flipper(void *arg)
{
	(void)arg;
	while (!atomic_load_explicit(&flip_stop, memory_order_relaxed))
		flip_buf[0] = flip_buf[0] == 'a' ? 'b' : 'a';
	return NULL;
}

static int flip_attack(const char *dir, long n)
{
	char dst[32];
	pthread_t t;
	long i;

	CHECK(!chdir(dir), "chdir %s: %s", dir, strerror(errno));
	CHECK(!pthread_create(&t, NULL, flipper, NULL), "thread");
	for (i = 0; i < n; i++) {
		const char *gone;

		snprintf(dst, sizeof(dst), "d%ld", i);
		if (rename(flip_buf, dst))
			continue;
		gone = access("a", F_OK) ? "a" : "b";
		printf("%s %s\n", dst, gone);
		CHECK(!rename(dst, gone), "rename %s back: %s", dst,
		      strerror(errno));
	}
	atomic_store(&flip_stop, 1);
	pthread_join(t, NULL);
	return 0;
}

static void *swapper(void *arg)
{
	(void)arg;
	while (!atomic_load_explicit(&flip_stop, memory_order_relaxed))
		syscall(SYS_renameat2, AT_FDCWD, "link", AT_FDCWD, "other",
			RENAME_EXCHANGE);
	return NULL;
}

static int make_file(const char *dir, const char *name)
{
	char p[64];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	return close(fd);
}

static int swap_attack(const char *dir, long n)
{
	char name[32], via[48], other[48];
	pthread_t t;
	long i;

	CHECK(!chdir(dir), "chdir %s: %s", dir, strerror(errno));
	CHECK(!pthread_create(&t, NULL, swapper, NULL), "thread");
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "f%ld", i);
		CHECK(!make_file("x", name) && !make_file("y", name),
		      "create %s: %s", name, strerror(errno));
		snprintf(via, sizeof(via), "link/%s", name);
		if (unlink(via))
			continue;
		snprintf(via, sizeof(via), "x/%s", name);
		snprintf(other, sizeof(other), "y/%s", name);
		printf("%s %s\n", name, access(via, F_OK) ? "x" : "y");
		unlink(access(via, F_OK) ? other : via);
	}
	atomic_store(&flip_stop, 1);
	pthread_join(t, NULL);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "fifo"))
		return fifo_attack(argv[2], strtol(argv[3], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "accept"))
		return accept_attack(atoi(argv[2]), strtol(argv[3], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "vfork"))
		return vfork_attack(strtol(argv[2], NULL, 0), argv[3]);
	if (argc == 4 && !strcmp(argv[1], "flip"))
		return flip_attack(argv[2], strtol(argv[3], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "swap"))
		return swap_attack(argv[2], strtol(argv[3], NULL, 0));
	fprintf(stderr, "usage: attack fifo PATH N | accept PORT N | vfork N FIFO | flip DIR N | swap DIR N\n");
	return 2;
}
