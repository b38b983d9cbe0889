// SPDX-License-Identifier: GPL-2.0
/*
 * bw: the benchmark's workloads. NPROC processes repeat one operation for
 * SECONDS, started and stopped together; prints the operations done by all
 * of them and the time they had, measured by the parent:
 *
 *   ops=N secs=S.SSS
 *
 * usage: bw SECONDS NPROC WORKLOAD [ARGS...]
 *   open FILE...      open(O_RDONLY) and close each FILE in turn
 *   spawn PROG [ARG...]  fork, execv PROG (stdout to /dev/null), wait; the
 *                     program must exit 0
 *   create DIR        create DIR/bw.PID, write 512 bytes, close, unlink
 *   getppid           getppid(): a syscall no rule selects
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BW_MAX_PROCS	64

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "bw: %s %s: %s\n", what, arg, strerror(errno));
	_exit(1);
}

/* One operation of each workload; a failure ends the benchmark. */
static void op_open(char **files, int nfiles, uint64_t n)
{
	const char *path = files[n % nfiles];
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die("open", path);
	close(fd);
}

static void op_spawn(char **argv)
{
	int status, null;
	pid_t pid = fork();

	if (pid < 0)
		die("fork", argv[0]);
	if (pid == 0) {
		null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execv(argv[0], argv);
		die("exec", argv[0]);
	}
	/* Our SIGTERM interrupts the wait, not the child: wait on. */
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("wait for", argv[0]);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "bw: %s failed (status 0x%x)\n", argv[0], status);
		_exit(1);
	}
}

static void op_create(const char *path)
{
	static const char block[512];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		die("create", path);
	if (write(fd, block, sizeof(block)) != sizeof(block))
		die("write", path);
	if (close(fd))
		die("close", path);
	if (unlink(path))
		die("unlink", path);
}

static uint64_t work(const char *wl, char **args, int nargs)
{
	char path[4096];
	uint64_t n = 0;

	if (!strcmp(wl, "create"))
		snprintf(path, sizeof(path), "%s/bw.%d", args[0], (int)getpid());
	while (!stop) {
		if (!strcmp(wl, "open"))
			op_open(args, nargs, n);
		else if (!strcmp(wl, "spawn"))
			op_spawn(args);
		else if (!strcmp(wl, "create"))
			op_create(path);
		else
			syscall(SYS_getppid);
		n++;
	}
	return n;
}

/* Waits for the start (the parent closes @go), works, reports to @res. */
static void worker(int go, int res, const char *wl, char **args, int nargs)
{
	struct sigaction sa = { .sa_handler = on_term };
	uint64_t n;
	char c;

	sigaction(SIGTERM, &sa, NULL);
	if (read(go, &c, 1) < 0)
		die("read", "start pipe");
	n = work(wl, args, nargs);
	if (write(res, &n, sizeof(n)) != sizeof(n))
		die("write", "result pipe");
	_exit(0);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_for(double secs)
{
	struct timespec ts = { .tv_sec = (time_t)secs,
			       .tv_nsec = (long)((secs - (time_t)secs) * 1e9) };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static bool valid_workload(const char *wl, int nargs)
{
	if (!strcmp(wl, "getppid"))
		return nargs == 0;
	if (!strcmp(wl, "create"))
		return nargs == 1;
	return (!strcmp(wl, "open") || !strcmp(wl, "spawn")) && nargs >= 1;
}

int main(int argc, char **argv)
{
	pid_t pids[BW_MAX_PROCS];
	int go[2], res[2], nproc, nargs, failed = 0;
	double secs, start, end;
	uint64_t total = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: bw SECONDS NPROC open|spawn|create|getppid [ARGS...]\n");
		return 2;
	}
	secs = strtod(argv[1], NULL);
	nproc = atoi(argv[2]);
	nargs = argc - 4;
	if (secs <= 0 || nproc < 1 || nproc > BW_MAX_PROCS ||
	    !valid_workload(argv[3], nargs)) {
		fprintf(stderr, "bw: bad arguments '%s %s %s' (see the source's header)\n",
			argv[1], argv[2], argv[3]);
		return 2;
	}
	if (pipe(go) || pipe(res))
		die("pipe", "");
	for (int i = 0; i < nproc; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork", "worker");
		if (pids[i] == 0) {
			close(go[1]);
			close(res[0]);
			worker(go[0], res[1], argv[3], argv + 4, nargs);
		}
	}
	close(go[0]);
	close(res[1]);
	start = now();
	close(go[1]);
	sleep_for(secs);
	for (int i = 0; i < nproc; i++)
		kill(pids[i], SIGTERM);
	for (int i = 0; i < nproc; i++) {
		uint64_t n;
		int status;

		if (read(res[0], &n, sizeof(n)) == sizeof(n))
			total += n;
		if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			failed = 1;
	}
	/* The operations under way at the stop were finished and counted. */
	end = now();
	if (failed) {
		fprintf(stderr, "bw: a worker failed\n");
		return 1;
	}
	printf("ops=%llu secs=%.3f\n", (unsigned long long)total, end - start);
	return 0;
}
