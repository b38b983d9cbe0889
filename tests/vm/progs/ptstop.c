// SPDX-License-Identifier: GPL-2.0
/*
 * ptstop TID: holds thread TID in a ptrace stop, as a debugger does
 * (PTRACE_SEIZE, PTRACE_INTERRUPT), until SIGTERM or SIGINT; then lets it
 * go. Says "stopped" once the thread is in the stop.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t done;

static void on_signal(int sig)
{
	(void)sig;
	done = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	pid_t tid;
	int status;

	if (argc != 2) {
		fprintf(stderr, "usage: ptstop TID\n");
		return 2;
	}
	tid = atoi(argv[1]);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (ptrace(PTRACE_SEIZE, tid, 0, 0) || ptrace(PTRACE_INTERRUPT, tid, 0, 0)) {
		fprintf(stderr, "ptstop: %d: %s\n", tid, strerror(errno));
		return 1;
	}
	if (waitpid(tid, &status, __WALL) != tid || !WIFSTOPPED(status)) {
		fprintf(stderr, "ptstop: %d did not stop\n", tid);
		return 1;
	}
	printf("stopped\n");
	fflush(stdout);
	while (!done)
		pause();
	if (ptrace(PTRACE_DETACH, tid, 0, 0)) {
		fprintf(stderr, "ptstop: detach %d: %s\n", tid, strerror(errno));
		return 1;
	}
	return 0;
}
