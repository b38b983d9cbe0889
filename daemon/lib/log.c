// SPDX-License-Identifier: GPL-2.0
/* Logging in the OpenNTPD manner: log_warn adds strerror(errno), log_warnx does not. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "log.h"

static struct {
	const char *progname;
	bool syslog;
	bool verbose;
} log_cfg = { .progname = "c2audit" };

void log_init(const char *progname)
{
	log_cfg.progname = progname;
}

void log_to_syslog(void)
{
	openlog(log_cfg.progname, LOG_PID | LOG_NDELAY, LOG_DAEMON);
	log_cfg.syslog = true;
}

void log_set_verbose(bool verbose)
{
	log_cfg.verbose = verbose;
}

static void log_vemit(int prio, const char *err, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (log_cfg.syslog) {
		if (err)
			syslog(prio, "%s: %s", msg, err);
		else
			syslog(prio, "%s", msg);
		return;
	}
	if (err)
		fprintf(stderr, "%s: %s: %s\n", log_cfg.progname, msg, err);
	else
		fprintf(stderr, "%s: %s\n", log_cfg.progname, msg);
}

#define LOG_BODY(prio, err)			\
	do {					\
		va_list ap;			\
		va_start(ap, fmt);		\
		log_vemit(prio, err, fmt, ap);	\
		va_end(ap);			\
	} while (0)

void log_warn(const char *fmt, ...)
{
	const char *err = strerror(errno);

	LOG_BODY(LOG_WARNING, err);
}

void log_warnx(const char *fmt, ...)
{
	LOG_BODY(LOG_WARNING, NULL);
}

void log_info(const char *fmt, ...)
{
	LOG_BODY(LOG_INFO, NULL);
}

void log_debug(const char *fmt, ...)
{
	if (log_cfg.verbose)
		LOG_BODY(LOG_DEBUG, NULL);
}

void fatal(const char *fmt, ...)
{
	const char *err = strerror(errno);

	LOG_BODY(LOG_CRIT, err);
	exit(1);
}

void fatalx(const char *fmt, ...)
{
	LOG_BODY(LOG_CRIT, NULL);
	exit(1);
}

bool log_errmsg(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return false;
}
