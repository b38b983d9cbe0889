/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_LOG_H
#define C2A_LOG_H

#include <stdbool.h>
#include <stddef.h>

/* Messages go to stderr, or to syslog once log_to_syslog() is called. */
void log_init(const char *progname);
void log_to_syslog(void);
void log_set_verbose(bool verbose);

void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/*
 * One line saying what is wrong, into @err for the caller to log with its
 * context (a file and line); returns false, for parsers to return it.
 */
bool log_errmsg(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
