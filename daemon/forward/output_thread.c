// SPDX-License-Identifier: GPL-2.0
/*
 * The outputs' threads: they take no signals (those are the daemon's)
 * and run at their output's priority, SCHED_IDLE by default, so that they
 * yield the CPU to the daemon's thread and the audited programs.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "log.h"
#include "output_int.h"

struct thread_start {
	void *(*fn)(void *);
	void *arg;
	int priority;
};

static void set_priority(int priority)
{
	struct sched_param sp = { 0 };
	int ret;

	if (priority == OUTPUT_PRIO_IDLE) {
		ret = pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp);
		if (ret)
			log_warnx("outputs: SCHED_IDLE: %s", strerror(ret));
	} else if (priority &&
		   setpriority(PRIO_PROCESS, (id_t)gettid(), priority)) {
		log_warn("outputs: nice %d", priority);
	}
}

static void *thread_main(void *p)
{
	struct thread_start ts = *(struct thread_start *)p;

	free(p);
	set_priority(ts.priority);
	return ts.fn(ts.arg);
}

int output_thread_start(pthread_t *t, void *(*fn)(void *), void *arg,
			int priority)
{
	struct thread_start *ts = malloc(sizeof(*ts));
	sigset_t all, old;
	int ret;

	if (!ts)
		abort();
	*ts = (struct thread_start){ fn, arg, priority };
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ret = pthread_create(t, NULL, thread_main, ts);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (ret) {
		free(ts);
		errno = ret;	/* the callers report strerror(errno) */
		return -1;
	}
	return 0;
}

/*
 * Whether the CPU was busy with other work since the last call: the
 * calling thread waited to run longer than it ran. False when its
 * scheduler statistics cannot be read (no CONFIG_SCHED_INFO).
 */
bool output_cpu_busy(struct sched_sample *s)
{
	unsigned long long run, wait;
	char text[128];
	ssize_t n;
	bool busy;
	int fd;

	fd = open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return false;
	text[n] = '\0';
	if (sscanf(text, "%llu %llu", &run, &wait) != 2)
		return false;
	busy = wait - s->wait_ns > run - s->run_ns;
	s->run_ns = run;
	s->wait_ns = wait;
	return busy;
}
