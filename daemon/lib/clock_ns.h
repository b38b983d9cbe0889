/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_CLOCK_NS_H
#define C2A_CLOCK_NS_H

#include <stdint.h>
#include <time.h>

/*
 * A clock in ns: CLOCK_MONOTONIC (mono_ns()) for spans and deadlines,
 * CLOCK_REALTIME for time stamps.
 */
static inline uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static inline uint64_t mono_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

#endif
