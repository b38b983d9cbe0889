/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_TIMEOUT_H
#define C2A_TIMEOUT_H

/*
 * Timed waits of the outputs' threads: their deadlines, and condition
 * variables that measure them on the monotonic clock, so that a change of
 * the system's time neither cuts a wait short nor stretches it.
 */
#include <pthread.h>
#include <time.h>

/* @ms from now on @clock (pthread_timedjoin_np takes CLOCK_REALTIME). */
static inline void deadline_in(struct timespec *ts, clockid_t clock,
			       unsigned int ms)
{
	clock_gettime(clock, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

static inline void cond_init_monotonic(pthread_cond_t *cond)
{
	pthread_condattr_t ca;

	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(cond, &ca);
	pthread_condattr_destroy(&ca);
}

#endif
