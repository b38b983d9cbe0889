/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Expectations a workload prints for `reccheck expect`: one line per record
 * that must exist, "expect<TAB>key=value<TAB>...", values raw (no tabs or
 * newlines). ex_call() records what a call really returned, so each
 * record's outcome is checked against the truth, success or failure.
 */
#ifndef C2A_EXPECT_H
#define C2A_EXPECT_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char ex_line[16384];
static size_t ex_len;

static inline void ex_begin(const char *syscall)
{
	ex_len = snprintf(ex_line, sizeof(ex_line), "expect\tpid=%d\tsyscall=%s",
			  getpid(), syscall);
}

static inline void __attribute__((format(printf, 2, 3)))
ex_add(const char *key, const char *fmt, ...)
{
	va_list ap;

	ex_len += snprintf(ex_line + ex_len, sizeof(ex_line) - ex_len, "\t%s=",
			   key);
	va_start(ap, fmt);
	ex_len += vsnprintf(ex_line + ex_len, sizeof(ex_line) - ex_len, fmt, ap);
	va_end(ap);
}

/* For work a task's helper threads do for it (io_uring workers). */
static inline void ex_begin_tgid(const char *syscall)
{
	ex_len = snprintf(ex_line, sizeof(ex_line), "expect\ttgid=%d\tsyscall=%s",
			  getpid(), syscall);
}

/* The outcome of a raw syscall(2): ret, and errno when ret is -1. */
static inline void ex_result(long ret, int err)
{
	if (ret == -1) {
		ex_add("success", "no");
		ex_add("exit", "%d", -err);
		ex_add("err", "%s", strerrorname_np(err));
	} else {
		ex_add("success", "yes");
		ex_add("exit", "%ld", ret);
	}
}

static inline void ex_end(void)
{
	printf("%s\n", ex_line);
	fflush(stdout);
}

/* Runs a raw syscall and starts its expectation with the outcome. */
#define ex_call(name, ...)						\
	({								\
		long __r;						\
		errno = 0;						\
		__r = syscall(__VA_ARGS__);				\
		ex_begin(name);						\
		ex_result(__r, errno);					\
		__r;							\
	})

#endif
