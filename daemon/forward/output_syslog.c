// SPDX-License-Identifier: GPL-2.0
/*
 * The local syslog: one datagram per event on the syslog socket, in the
 * form syslog(3) sends ("<PRI>Mmm dd hh:mm:ss TAG[PID]: JSON"), from a
 * socket of our own so that the daemon's own openlog() is left alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "output_int.h"

#define SEND_TIMEOUT_S	5

struct syslog_out {
	int fd;
	pid_t pid;
	struct buf msg;
	int last_errno;		/* said once until it changes */
};

static void say_once(struct output *o, struct syslog_out *s, const char *what)
{
	if (errno != s->last_errno)
		log_warn("output %s: %s %s", o->conf->name, what, o->conf->socket);
	s->last_errno = errno;
}

static int syslog_connect(struct output *o, struct syslog_out *s)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = SEND_TIMEOUT_S };

	if (s->fd >= 0)
		close(s->fd);
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", o->conf->socket);
	s->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return -1;
	/* a stalled syslogd may cost records (counted), never a hang */
	setsockopt(s->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(s->fd, (struct sockaddr *)&sun, sizeof(sun))) {
		say_once(o, s, "connect");
		close(s->fd);
		s->fd = -1;
		return -1;
	}
	return 0;
}

static int syslog_open(struct output *o, char *err, size_t errlen)
{
	struct syslog_out *s = calloc(1, sizeof(*s));

	(void)err;
	(void)errlen;
	if (!s)
		abort();
	s->fd = -1;
	s->pid = getpid();
	o->priv = s;
	/* syslogd may come later: connect again on each record until then */
	syslog_connect(o, s);
	return 0;
}

static void format(struct output *o, struct syslog_out *s,
		   const struct output_msg *m)
{
	time_t sec = m->time_ns / 1000000000ULL;
	int sev = m->warning ? LOG_WARNING : o->conf->severity;
	char when[32];
	struct tm tm;

	localtime_r(&sec, &tm);
	strftime(when, sizeof(when), "%h %e %T", &tm);
	buf_reset(&s->msg);
	buf_printf(&s->msg, "<%d>%s %s[%d]: ", o->conf->facility * 8 + sev,
		   when, o->conf->app_name, (int)s->pid);
	buf_add(&s->msg, m->body->data, m->body->len);
}

static bool try_send(struct syslog_out *s)
{
	return s->fd >= 0 && send(s->fd, s->msg.data, s->msg.len, MSG_NOSIGNAL) ==
	       (ssize_t)s->msg.len;
}

static void syslog_deliver(struct output *o, const struct output_msg *m)
{
	struct syslog_out *s = o->priv;

	format(o, s, m);
	if (!try_send(s)) {
		/* syslogd restarted (a new socket), or was not there yet */
		if (s->fd < 0 || errno == ECONNREFUSED || errno == ENOTCONN ||
		    errno == ENOENT) {
			if (!syslog_connect(o, s))
				stat_add(&o->st.reconnects, 1);
			if (try_send(s))
				goto sent;
		}
		if (s->fd >= 0)
			say_once(o, s, "send to");
		stat_add(&o->st.errors, 1);
		stat_add(&o->st.dropped, 1);
		return;
	}
sent:
	s->last_errno = 0;
	stat_add(&o->st.sent, 1);
	stat_add(&o->st.delivered, 1);
}

static void syslog_nothing(struct output *o)
{
	(void)o;
}

static void syslog_close(struct output *o)
{
	struct syslog_out *s = o->priv;

	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	buf_free(&s->msg);
	free(s);
	o->priv = NULL;
}

const struct output_ops output_syslog_ops = {
	.open = syslog_open,
	.deliver = syslog_deliver,
	.idle = syslog_nothing,
	.reopen = syslog_nothing,
	.stop = syslog_nothing,
	.close = syslog_close,
};
