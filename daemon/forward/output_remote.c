// SPDX-License-Identifier: GPL-2.0
/*
 * Remote syslog: RFC 5424 messages over TCP or TLS, octet-counted
 * (RFC 6587), each carrying the record's id in its structured data:
 *
 *   <86>1 2026-01-02T03:04:05.123456Z host c2audit - syscall
 *       [c2a@32473 id="CPU-SEQ-NS"] {"type":"syscall",...}
 *
 * The worker formats and puts messages into the spool; a second thread,
 * the sender, takes them out and writes them to the collector.
 *
 * Delivery. Plain syslog has no acknowledgements: bytes written to a
 * socket may still sit in the collector's kernel when it is restarted or
 * dies, and are lost with it. The one thing a collector says is when it
 * closes its side after reading to the end of ours. So the sender keeps
 * every message in the spool until a confirmation: after confirm_bytes
 * (or confirm_idle_ms without new messages) it ends its side (TLS
 * close_notify, then FIN) and waits for the collector to close in turn,
 * with every byte acknowledged; then all sent so far is delivered and
 * the next batch goes over a new connection. A connection lost any other
 * way sends the unconfirmed messages again: a record reaches the
 * collector at least once, and a copy carries the same id, so it is
 * exactly once after removing duplicates by id. confirm_bytes = 0 turns
 * this off: delivered then means written to the socket.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "output_conn.h"
#include "output_int.h"
#include "spool.h"
#include "syslog5424.h"
#include "timeout.h"

#define BATCH_BYTES	(64 * 1024)

struct remote {
	struct output *o;
	const struct output_conf *c;
	SSL_CTX *ctx;
	char hostname[256];
	struct buf msg;		/* the worker's */

	pthread_mutex_t spool_lock;	/* sp against the state thread */
	struct spool *sp;
	struct spool_stats final;	/* once sp is closed */

	pthread_t sender;
	bool sender_started;
	int wake_fd;		/* readable: give up now */
	bool draining, aborted, connected;	/* atomic */

	/* the sender's */
	struct conn conn;
	bool up, ever;
	struct buf wbuf, one;
	uint64_t since_confirm;
	unsigned int backoff;
	unsigned int seed;
	char last_err[256];
};

static bool flag(const bool *f)
{
	return __atomic_load_n(f, __ATOMIC_ACQUIRE);
}

static void set_flag(bool *f, bool v)
{
	__atomic_store_n(f, v, __ATOMIC_RELEASE);
}

/* --- the worker's side ------------------------------------------------- */

static void remote_deliver(struct output *o, const struct output_msg *m)
{
	struct remote *r = o->priv;
	struct sd_param param = { "id", m->id };
	struct rfc5424 h = {
		.facility = o->conf->facility,
		.severity = m->warning ? LOG_WARNING : o->conf->severity,
		.time_ns = m->time_ns,
		.hostname = r->hostname,
		.app_name = o->conf->app_name,
		.msgid = m->type,
		.sd_id = o->conf->sd_id,
		.nparams = 1,
		.params = &param,
	};
	uint64_t dropped;

	buf_reset(&r->msg);
	rfc5424_format(&r->msg, &h, m->body->data, m->body->len);
	dropped = spool_put(r->sp, r->msg.data, r->msg.len);
	if (dropped)
		stat_add(&o->st.dropped, dropped);
}

/* --- the sender -------------------------------------------------------- */

static void note_error(struct remote *r, const char *err)
{
	stat_add(&r->o->st.errors, 1);
	if (strcmp(err, r->last_err))
		log_warnx("output %s: %s", r->c->name, err);
	snprintf(r->last_err, sizeof(r->last_err), "%s", err);
}

/* Waits backoff (half of it to all of it, at random), then doubles it. */
static void sleep_backoff(struct remote *r)
{
	unsigned int ms = r->backoff / 2 + rand_r(&r->seed) % (r->backoff / 2 + 1);
	struct pollfd p = { r->wake_fd, POLLIN, 0 };

	poll(&p, 1, (int)ms);
	r->backoff = r->backoff > r->c->backoff_max_ms / 2 ?
		     r->c->backoff_max_ms : r->backoff * 2;
}

static void set_up(struct remote *r, bool up)
{
	r->up = up;
	set_flag(&r->connected, up);
	r->since_confirm = 0;
}

static void lose(struct remote *r, const char *why)
{
	char msg[512];
	uint64_t n = spool_rewind(r->sp);

	conn_close(&r->conn);
	set_up(r, false);
	snprintf(msg, sizeof(msg), "%s (%" PRIu64 " unconfirmed messages "
		 "to send again)", why, n);
	note_error(r, msg);
	sleep_backoff(r);
}

static void confirm(struct remote *r)
{
	char err[256];

	if (conn_finish(&r->conn, r->c->timeout_ms, err, sizeof(err))) {
		set_up(r, false);
		lose(r, err);
		return;
	}
	stat_add(&r->o->st.delivered, spool_confirm(r->sp));
	set_up(r, false);
	r->backoff = r->c->backoff_min_ms;
}

static void connect_once(struct remote *r)
{
	char err[256];

	if (conn_open(&r->conn, r->c, r->ctx, err, sizeof(err))) {
		note_error(r, err);
		sleep_backoff(r);
		return;
	}
	if (r->ever)
		stat_add(&r->o->st.reconnects, 1);
	if (*r->last_err)
		log_info("output %s: connected to %s port %s", r->c->name,
			 r->c->host, r->c->port);
	*r->last_err = '\0';
	r->ever = true;
	set_up(r, true);
}

/* 1: a batch was written; 0: none to write; -1: the connection was lost. */
static int send_batch(struct remote *r)
{
	unsigned int wait = flag(&r->draining) ? 0 :
			    spool_unconfirmed(r->sp) ? r->c->confirm_idle_ms :
			    1000;
	uint64_t n = 0, again_n = 0;
	char err[256];
	bool again;

	buf_reset(&r->wbuf);
	while (r->wbuf.len < BATCH_BYTES &&
	       spool_next(r->sp, &r->one, n ? 0 : wait, &again)) {
		rfc6587_frame(&r->wbuf, r->one.data, r->one.len);
		n++;
		again_n += again;
	}
	if (!n)
		return 0;
	if (conn_peer_gone(&r->conn)) {
		lose(r, "the collector closed the connection");
		return -1;
	}
	if (conn_write(&r->conn, r->wbuf.data, r->wbuf.len, r->c->timeout_ms,
		       err, sizeof(err))) {
		lose(r, err);
		return -1;
	}
	stat_add(&r->o->st.sent, n);
	stat_add(&r->o->st.resent, again_n);
	r->since_confirm += r->wbuf.len;
	return 1;
}

/* Nothing new to send for a while. false: the sender is done. */
static bool idle(struct remote *r)
{
	if (spool_unconfirmed(r->sp)) {
		confirm(r);
	} else if (flag(&r->draining)) {
		conn_close(&r->conn);
		set_up(r, false);
		return false;
	} else if (conn_peer_gone(&r->conn)) {
		/* nothing was unconfirmed: only the connection is lost */
		conn_close(&r->conn);
		set_up(r, false);
	}
	return true;
}

static void *sender_main(void *arg)
{
	struct remote *r = arg;

	while (!flag(&r->aborted)) {
		if (!r->up) {
			/* draining: the worker has put all there will be */
			if (spool_wait(r->sp, flag(&r->draining) ? 0 : 1000))
				connect_once(r);
			else if (flag(&r->draining))
				break;
			continue;
		}
		switch (send_batch(r)) {
		case 1:
			if (!r->c->confirm_bytes)
				stat_add(&r->o->st.delivered, spool_confirm(r->sp));
			else if (r->since_confirm >= r->c->confirm_bytes)
				confirm(r);
			break;
		case 0:
			if (!flag(&r->aborted) && !idle(r))
				return NULL;
			break;
		}
	}
	conn_close(&r->conn);
	set_up(r, false);
	return NULL;
}

/* --- life -------------------------------------------------------------- */

static int remote_open(struct output *o, char *err, size_t errlen)
{
	const struct output_conf *c = o->conf;
	struct remote *r = calloc(1, sizeof(*r));
	struct spool_conf sc = {
		.dir = c->spool_dir, .mem_max = c->spool_mem,
		.disk_max = c->spool_max,
		.full = c->spool_full == FULL_DROP_OLDEST ? SPOOL_DROP_OLDEST :
			SPOOL_DROP_NEWEST,
	};
	struct spool_stats ss;
	char why[512];

	if (!r)
		abort();
	o->priv = r;
	r->o = o;
	r->c = c;
	r->conn.fd = -1;
	r->backoff = c->backoff_min_ms;
	r->seed = (unsigned int)getpid() ^ (unsigned int)time(NULL);
	pthread_mutex_init(&r->spool_lock, NULL);
	r->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	r->conn.wake_fd = r->wake_fd;
	if (*c->hostname)
		snprintf(r->hostname, sizeof(r->hostname), "%s", c->hostname);
	else
		gethostname(r->hostname, sizeof(r->hostname) - 1);
	if (c->tls && !(r->ctx = conn_tls_ctx(c, why, sizeof(why)))) {
		snprintf(err, errlen, "output %s: %s", c->name, why);
		return -1;
	}
	r->sp = spool_open(&sc, why, sizeof(why));
	if (!r->sp) {
		snprintf(err, errlen, "output %s: %s", c->name, why);
		return -1;
	}
	spool_get_stats(r->sp, &ss);
	if (ss.msgs)
		log_info("output %s: %" PRIu64 " messages of an earlier run "
			 "in %s", c->name, ss.msgs, c->spool_dir);
	if (r->wake_fd < 0 || output_thread_start(&r->sender, sender_main, r,
						 c->priority)) {
		snprintf(err, errlen, "output %s: sender: %s", c->name,
			 strerror(errno));
		return -1;
	}
	r->sender_started = true;
	return 0;
}

/* Lets the sender deliver for up to drain_ms, then stops it. */
static void stop_sender(struct remote *r)
{
	struct timespec until;
	uint64_t one = 1;

	if (!r->sender_started)
		return;
	set_flag(&r->draining, true);
	spool_wake(r->sp);
	deadline_in(&until, CLOCK_REALTIME, r->c->drain_ms);
	if (pthread_timedjoin_np(r->sender, NULL, &until)) {
		set_flag(&r->aborted, true);
		if (write(r->wake_fd, &one, sizeof(one)) < 0)
			log_warn("output %s: wake the sender", r->c->name);
		spool_wake(r->sp);
		pthread_join(r->sender, NULL);
	}
	r->sender_started = false;
}

static void remote_stop(struct output *o)
{
	struct remote *r = o->priv;
	uint64_t left;

	stop_sender(r);
	pthread_mutex_lock(&r->spool_lock);
	spool_get_stats(r->sp, &r->final);
	left = spool_close(r->sp);
	r->sp = NULL;
	pthread_mutex_unlock(&r->spool_lock);
	if (!left)
		return;
	if (*o->conf->spool_dir) {
		log_info("output %s: %" PRIu64 " undelivered messages kept in "
			 "%s for the next start", o->conf->name, left,
			 o->conf->spool_dir);
	} else {
		log_warnx("output %s: %" PRIu64 " messages could not be "
			  "delivered (no spool_dir to keep them)", o->conf->name,
			  left);
		stat_add(&o->st.dropped, left);
	}
}

static void remote_stats(struct output *o, struct output_stats *st)
{
	struct remote *r = o->priv;
	struct spool_stats ss;

	if (!r)
		return;
	pthread_mutex_lock(&r->spool_lock);
	if (r->sp)
		spool_get_stats(r->sp, &ss);
	else
		ss = r->final;
	pthread_mutex_unlock(&r->spool_lock);
	st->spool_bytes = ss.bytes;
	st->spool_disk = ss.disk_bytes;
	st->spooled = ss.to_disk;
	st->connected = flag(&r->connected);
}

static void remote_nothing(struct output *o)
{
	(void)o;
}

static void remote_close(struct output *o)
{
	struct remote *r = o->priv;

	if (!r)
		return;
	stop_sender(r);
	if (r->sp)
		spool_close(r->sp);
	if (r->ctx)
		SSL_CTX_free(r->ctx);
	if (r->wake_fd >= 0)
		close(r->wake_fd);
	pthread_mutex_destroy(&r->spool_lock);
	buf_free(&r->msg);
	buf_free(&r->wbuf);
	buf_free(&r->one);
	free(r);
	o->priv = NULL;
}

const struct output_ops output_remote_ops = {
	.open = remote_open,
	.deliver = remote_deliver,
	.idle = remote_nothing,
	.reopen = remote_nothing,
	.stop = remote_stop,
	.close = remote_close,
	.stats = remote_stats,
};
