/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_LOG_H
#define C2A_LOG_H

#include <stdbool.h>

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

#endif
