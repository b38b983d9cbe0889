// SPDX-License-Identifier: GPL-2.0
/*
 * Linux audit's messages into the trail: what PAM, login, sshd, sudo,
 * su, useradd, passwd send to the kernel's audit socket (AUDIT_USER_*,
 * through libaudit), and what the kernel emits itself (AVC, APPARMOR_*,
 * ANOM_ABEND, NETFILTER_CFG, ...), as C2A_REC_USER records of a stream
 * of their own (usermsg.h), written by the main loop like a batch of
 * the module's.
 *
 * kernel_audit = own: c2auditd is the host's audit daemon (AUDIT_SET pid):
 * the kernel sends every message to it alone, and none to its log. The
 * kernel accepts user space's messages only with its audit enabled, and
 * then would give every new task the per-syscall cost of Linux audit's
 * syscall records: so before enabling it c2auditd puts `-a never,task`
 * first in its rules, and no task gets an audit context. It raises the
 * backlog limit from the kernel's 64.
 *
 * kernel_audit = beside: read-only, beside a running auditd, through the
 * AUDIT_NLGRP_READLOG multicast group (CAP_AUDIT_READ); auditd keeps the
 * kernel's settings and rules (it should have -a never,task too).
 *
 * Loss (doc/linux-audit.md). Every message the kernel accepts takes the
 * next serial number (a multi-record event shares one; what its backlog
 * refuses takes none), and in own mode c2auditd is sent all of them, in
 * serial order: kauditd sends what it retries before what is new. A send
 * to c2auditd's full socket fails after 100 ms (ENOBUFS here, once, and
 * the socket stays "congested" until read empty); the kernel retries the
 * message 5 times on its next pass, then prints it to its log and drops
 * it without counting it (unless booted with audit=1). So own:
 *  - a gap in the serials is that many accepted messages gone (serial_gap);
 *  - the kernel's lost count (AUDIT_GET, asked for at most every second
 *    while messages come, and at a stop) counts what its backlog refused,
 *    and what it dropped after accepting when its retry queue overflowed
 *    or its rate limit hit, which a serial gap shows too (backlog);
 *  - an overrun loses nothing by itself: once the socket is read empty,
 *    c2auditd asks for AUDIT_TRIM, and the kernel's CONFIG_CHANGE
 *    message for it comes after every message it still holds (it only
 *    sends again when a new one comes), so the gap before it is counted
 *    now, and at a stop before c2auditd unregisters.
 * Beside, the multicast group is best effort: an overrun (ENOBUFS) loses
 * an unknown number (sockbuf, count 0), and the kernel's lost count.
 */
#include <errno.h>
#include <fcntl.h>
#include <libaudit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "auditmsg.h"
#include "clock_ns.h"
#include "daemon.h"
#include "log.h"
#include "usermsg.h"

#define RCVBUF		(8 << 20)	/* bytes of messages the socket holds */
#define BACKLOG_LIMIT	8192		/* messages the kernel queues for us */
#define STATUS_EVERY_NS	1000000000ULL

struct kaudit {
	int fd;			/* the messages (own: and the control) */
	int ctl;		/* beside: the control socket, or -1 */
	bool own;
	uint64_t seq;		/* the next id of the stream */
	uint64_t serial;	/* own: the newest serial seen, 0: none yet */
	uint32_t lost;		/* the kernel's lost count, last seen */
	uint64_t status_ns;	/* when it was last asked for */
	uint64_t messages, lost_kernel, overflows, lost_serials;
	uint64_t resets;	/* own: times the kernel dropped us as its daemon */
	uint32_t backlog_limit;	/* the kernel's, last seen */
	bool sync_due;		/* own: overrun; sync once the socket is empty */
	bool sync_sent;		/* own: its CONFIG_CHANGE not back yet */
	bool status_sent;	/* the answer to AUDIT_GET not back yet */
	bool unregistered;	/* own: stopping, no longer its daemon */
	bool locked;		/* its configuration is locked (-e 2) */
	struct amsg parsed;	/* the message's stamp */
	struct {
		struct nlmsghdr nlh;
		char text[USERMSG_TEXT_MAX + 1024];
	} msg;
};

/*
 * A request to the kernel's audit, without an ack: its answer, or its
 * error, comes among the messages (an ack to a full socket would be one
 * more overrun).
 */
static int request(int fd, uint16_t type, const void *data, size_t len)
{
	struct {
		struct nlmsghdr nlh;
		struct audit_status st;
	} req = {
		.nlh = {
			.nlmsg_len = NLMSG_LENGTH(len),
			.nlmsg_type = type,
			.nlmsg_flags = NLM_F_REQUEST,
		},
	};
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	if (len)
		memcpy(&req.st, data, len);
	return sendto(fd, &req, req.nlh.nlmsg_len, 0, (struct sockaddr *)&to,
		      sizeof(to)) < 0 ? -1 : 0;
}

/* AUDIT_GET, answered on @fd among the messages. */
static int ask_status(int fd)
{
	return request(fd, AUDIT_GET, NULL, 0);
}

/*
 * AUDIT_SET pid: the kernel has done it when sendto() returns; a refusal
 * comes as an error among the messages, and shows in the next status.
 */
static int set_pid(int fd, pid_t pid)
{
	struct audit_status st = {
		.mask = AUDIT_STATUS_PID,
		.pid = (uint32_t)pid,
	};

	return request(fd, AUDIT_SET, &st, sizeof(st));
}

/* The kernel's audit status, before the socket is non-blocking. */
static int get_status(int fd, struct audit_status *st)
{
	struct audit_reply rep;

	if (audit_request_status(fd) < 0)
		return -1;
	for (int i = 0; i < 100; i++) {
		if (audit_get_reply(fd, &rep, GET_REPLY_BLOCKING, 0) <= 0)
			return -1;
		if (rep.type == AUDIT_GET) {
			*st = *rep.status;
			return 0;
		}
	}
	errno = ETIMEDOUT;
	return -1;
}

static bool daemon_alive(pid_t pid)
{
	return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

/* -a never,task: first, so that no new task gets an audit context. */
static int never_task(int fd)
{
	struct audit_rule_data *rule = calloc(1, sizeof(*rule));
	int ret;

	if (!rule)
		fatal("out of memory");
	ret = audit_add_rule_data(fd, rule, AUDIT_FILTER_TASK | AUDIT_FILTER_PREPEND,
				  AUDIT_NEVER);
	free(rule);
	/* EEXIST: it is there already (a restart) */
	return ret < 0 && ret != -EEXIST ? ret : 0;
}

static int become_daemon(struct kaudit *k, const struct audit_status *st)
{
	int ret;

	if (audit_set_pid(k->fd, getpid(), WAIT_YES) < 0) {
		log_warnx("kernel audit: cannot register as the audit daemon (AUDIT_SET pid): is another one running? (kernel_audit = beside reads beside it)");
		return -1;
	}
	ret = never_task(k->fd);
	if (ret < 0)
		log_warnx("kernel audit: cannot add the rule -a never,task: %s; Linux audit's syscall records will cost every new task",
			  strerror(-ret));
	if (st->backlog_limit < BACKLOG_LIMIT &&
	    audit_set_backlog_limit(k->fd, BACKLOG_LIMIT) < 0)
		log_warnx("kernel audit: cannot raise the backlog limit to %d",
			  BACKLOG_LIMIT);
	if (st->enabled == 0 && audit_set_enabled(k->fd, 1) < 0) {
		log_warnx("kernel audit: cannot enable it (AUDIT_SET enabled): user space's messages are refused while it is off");
		return -1;
	}
	if (st->enabled == 2)
		log_info("kernel audit: its configuration is locked (-e 2): rules and backlog as they are");
	return 0;
}

static int join_readlog(struct kaudit *k)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1u << (AUDIT_NLGRP_READLOG - 1),
	};

	k->ctl = k->fd;
	k->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (k->fd < 0) {
		log_warn("kernel audit: socket");
		return -1;
	}
	if (bind(k->fd, (struct sockaddr *)&sa, sizeof(sa))) {
		log_warn("kernel audit: joining its read-only group (needs CAP_AUDIT_READ)");
		return -1;
	}
	return 0;
}

static void kaudit_free(struct kaudit *k)
{
	if (k->fd >= 0)
		close(k->fd);
	if (k->ctl >= 0)
		close(k->ctl);
	free(k);
}

int kaudit_start(struct daemon *d)
{
	enum conf_kaudit mode = d->conf.kernel_audit;
	struct audit_status st;
	struct kaudit *k;
	int size = RCVBUF;

	if (mode == KAUDIT_OFF)
		return 0;
	k = calloc(1, sizeof(*k));
	if (!k)
		fatal("out of memory");
	k->ctl = -1;
	k->seq = 1;
	k->fd = audit_open();
	if (k->fd < 0 || get_status(k->fd, &st)) {
		log_warn("kernel audit: its netlink socket");
		/* asked for explicitly, it must work; auto goes on without */
		if (mode == KAUDIT_AUTO) {
			log_warnx("kernel audit: not read (kernel_audit = auto): the trail has no logins, sudo, account changes or MAC denials");
			kaudit_free(k);
			return 0;
		}
		goto fail;
	}
	if (mode == KAUDIT_AUTO)
		mode = daemon_alive(st.pid) ? KAUDIT_BESIDE : KAUDIT_OWN;
	k->own = mode == KAUDIT_OWN;
	if (k->own ? become_daemon(k, &st) : join_readlog(k))
		goto fail;
	if (setsockopt(k->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) &&
	    setsockopt(k->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size)))
		log_warn("kernel audit: socket buffer");
	if (fcntl(k->fd, F_SETFL, O_NONBLOCK))
		log_warn("kernel audit: O_NONBLOCK");
	k->lost = st.lost;
	k->backlog_limit = st.backlog_limit;
	k->locked = st.enabled == 2;
	k->status_ns = mono_ns();
	d->ka = k;
	log_info("kernel audit: %s (kernel_audit = %s), %s, %u messages lost before",
		 k->own ? "reading as the audit daemon" :
			  "reading beside the audit daemon, read-only",
		 conf_kaudit_name(d->conf.kernel_audit),
		 st.enabled ? "audit enabled" :
		 k->own ? "audit enabled now" :
			  "audit off: no messages of user space's until auditd enables it",
		 st.lost);
	return 0;
fail:
	kaudit_free(k);
	return -1;
}

int kaudit_fd(const struct daemon *d)
{
	return d->ka ? d->ka->fd : -1;
}

/* A loss record of the stream: @count ids skipped (0: unknown). */
static size_t loss(struct kaudit *k, uint64_t count, uint32_t why,
		   struct c2a_record *out)
{
	usermsg_loss(k->seq + count, k->seq, count, why, clock_ns(CLOCK_REALTIME),
		     out);
	k->seq += count + 1;
	return 1;
}

/*
 * Own: the kernel drops its audit daemon when a send to it is refused
 * (ECONNREFUSED, EPERM: auditd_reset(); a full socket is not that), and
 * from then on gives its messages to its log until a daemon registers.
 * Should that happen, registered again, the messages come again; those
 * it logged meanwhile show as a serial gap.
 */
static void still_daemon(struct kaudit *k, const struct audit_status *st)
{
	if (!k->own || k->unregistered || st->pid == (uint32_t)getpid())
		return;
	k->resets++;
	if (set_pid(k->fd, getpid()))
		log_warn("kernel audit: it dropped c2auditd as its audit daemon (pid now %u), and registering again failed",
			  st->pid);
	else
		log_warnx("kernel audit: it dropped c2auditd as its audit daemon (pid now %u): registered again",
			  st->pid);
}

static size_t on_status(struct kaudit *k, const struct nlmsghdr *nlh,
			struct c2a_record *out)
{
	const struct audit_status *st = NLMSG_DATA(nlh);
	uint32_t grew;

	if (nlh->nlmsg_len < NLMSG_LENGTH(offsetof(struct audit_status, backlog)))
		return 0;
	k->status_sent = false;
	k->backlog_limit = st->backlog_limit;
	k->locked = st->enabled == 2;
	still_daemon(k, st);
	grew = st->lost - k->lost;
	k->lost = st->lost;
	if (!grew)
		return 0;
	k->lost_kernel += grew;
	log_warnx("kernel audit: the kernel lost %u messages (backlog %u of %u)",
		  grew, st->backlog, st->backlog_limit);
	return loss(k, grew, C2A_LOSS_BACKLOG, out);
}

/* Own: the serials between the newest seen and this message's. */
static size_t serial_gap(struct kaudit *k, uint64_t s, struct c2a_record *out)
{
	uint64_t gap;

	if (!k->own || !s)
		return 0;
	gap = k->serial && s > k->serial + 1 ? s - k->serial - 1 : 0;
	if (s > k->serial)
		k->serial = s;
	if (!gap)
		return 0;
	k->lost_serials += gap;
	log_warnx("kernel audit: %llu messages before serial %llu never came: the kernel gave them to its log (c2auditd's socket was full)",
		  (unsigned long long)gap, (unsigned long long)s);
	return loss(k, gap, C2A_LOSS_SERIAL, out);
}

/*
 * Own, after an overrun, the socket read empty: a request the kernel
 * logs (CONFIG_CHANGE) with the next serial and sends after all it still
 * holds for c2auditd, so that what it dropped meanwhile shows as a serial
 * gap before it. It also wakes kauditd, which sends what waits in its
 * retry queue only when a new message comes. AUDIT_TRIM changes no
 * setting (it prunes the kernel's directory-tree watches of what is no
 * longer mounted); with the configuration locked (-e 2) the kernel
 * refuses it unlogged, but logs the refusal of setting the backlog limit
 * to what it is, which then cannot undo another's change either.
 */
static void sync_request(struct kaudit *k)
{
	struct audit_status st = {
		.mask = AUDIT_STATUS_BACKLOG_LIMIT,
		.backlog_limit = k->backlog_limit,
	};
	int ret;

	k->sync_due = false;
	ret = k->locked ? request(k->fd, AUDIT_SET, &st, sizeof(st)) :
			  request(k->fd, AUDIT_TRIM, NULL, 0);
	if (ret) {
		log_warn("kernel audit: asking it for a record after what it holds");
		return;
	}
	k->sync_sent = true;
}

/* The kernel's record of sync_request()'s (or of another's like it). */
static bool is_sync(const struct kaudit *k, const struct nlmsghdr *nlh,
		    const char *text)
{
	return k->sync_sent && nlh->nlmsg_type == AUDIT_CONFIG_CHANGE &&
	       (strstr(text, " op=trim ") ||
		strstr(text, "op=set audit_backlog_limit="));
}

/* One netlink message into records at @out; how many. */
static size_t on_message(struct kaudit *k, const struct nlmsghdr *nlh,
			 size_t n, struct c2a_record *out)
{
	size_t len, lost;

	if (n < NLMSG_HDRLEN)
		return 0;
	if (nlh->nlmsg_type == AUDIT_GET)
		return on_status(k, nlh, out);
	/*
	 * Acks and our requests' replies come below AUDIT_USER (1005, what
	 * auditctl -m sends; AUDIT_LOGIN, 1006, is the kernel's for a
	 * changed loginuid); EOE only ends a multi-record event.
	 */
	if (nlh->nlmsg_type < AUDIT_USER || nlh->nlmsg_type == AUDIT_EOE)
		return 0;
	/*
	 * The kernel's nlmsg_len of its log messages leaves the header out
	 * (audit_log_end()): the text is what came, up to a NUL.
	 */
	len = strnlen(NLMSG_DATA(nlh), n - NLMSG_HDRLEN);
	k->messages++;
	/* the loss, when there is one, goes before the message */
	amsg_parse(NLMSG_DATA(nlh), len, &k->parsed);
	lost = serial_gap(k, k->parsed.serial, out);
	if (is_sync(k, nlh, NLMSG_DATA(nlh))) {
		k->sync_sent = false;
		log_info("kernel audit: it has sent all it held after the overrun (%llu of its messages never came in all)",
			 (unsigned long long)k->lost_serials);
	}
	n = usermsg_records(nlh->nlmsg_type, NLMSG_DATA(nlh), len, k->seq,
			    clock_ns(CLOCK_REALTIME), out + lost,
			    USERMSG_RECORDS_MAX);
	k->seq += n;
	return lost + n;
}

static void status_now(struct kaudit *k)
{
	k->status_ns = mono_ns();
	if (ask_status(k->own ? k->fd : k->ctl))
		log_warn("kernel audit: asking for its status");
	else
		k->status_sent = true;
}

static void status_if_due(struct kaudit *k)
{
	uint64_t now = mono_ns();

	if (now - k->status_ns < STATUS_EVERY_NS)
		return;
	status_now(k);
}

size_t kaudit_read(struct daemon *d, struct c2a_record *buf, size_t cap)
{
	struct kaudit *k = d->ka;
	struct sockaddr_nl from;
	size_t n = 0;

	while (k && cap - n >= USERMSG_RECORDS_MAX + 2) {
		socklen_t fl = sizeof(from);
		ssize_t got = recvfrom(k->fd, &k->msg, sizeof(k->msg), 0,
				       (struct sockaddr *)&from, &fl);

		if (got < 0 && errno == ENOBUFS) {
			k->overflows++;
			/* unregistered: only an ack did not fit */
			if (k->unregistered)
				continue;
			if (!k->own) {
				log_warnx("kernel audit: its messages overflowed the socket's buffer: some are lost");
				n += loss(k, 0, C2A_LOSS_SOCKBUF, buf + n);
				continue;
			}
			/* what the kernel drops for it shows as a serial gap */
			log_warnx("kernel audit: its messages overflowed the socket's buffer: the kernel retries, then drops them to its log");
			k->sync_due = true;
			continue;
		}
		if (got < 0 && errno != EAGAIN && errno != EINTR)
			log_warn("kernel audit: recv");
		if (got < 0 && errno == EAGAIN && k->sync_due && !k->unregistered) {
			sync_request(k);
			/* the kernel may have dropped us as its daemon: look now */
			status_now(k);
		}
		if (got <= 0)
			break;
		/* only the kernel's word counts */
		if (from.nl_pid != 0)
			continue;
		n += on_message(k, &k->msg.nlh, got, buf + n);
	}
	if (k && n)
		status_if_due(k);
	/* beside: the answer comes on the control socket */
	if (k && !k->own && cap - n >= 1) {
		ssize_t got = recv(k->ctl, &k->msg, sizeof(k->msg), MSG_DONTWAIT);

		if (got > 0 && k->msg.nlh.nlmsg_type == AUDIT_GET)
			n += on_status(k, &k->msg.nlh, buf + n);
	}
	return n;
}

/*
 * At a stop: the kernel's lost count once more, and, after an overrun,
 * what it dropped since (sync_request()), before the trail is sealed.
 * kaudit_settling() then says whether to read on.
 */
void kaudit_last_status(struct daemon *d)
{
	struct kaudit *k = d->ka;

	if (!k)
		return;
	status_now(k);
}

/*
 * Whether an answer is still to come (waited for until @end, 100 ms at a
 * time): the status, the sync's record, or the sync itself, which is
 * asked for once the socket is read empty.
 */
bool kaudit_settling(struct daemon *d, uint64_t end)
{
	struct kaudit *k = d->ka;
	struct pollfd pfd;
	uint64_t now = mono_ns();

	if (!k || now >= end || !(k->status_sent || k->sync_sent || k->sync_due))
		return false;
	if (k->sync_due)
		return true;	/* kaudit_read() asks for it at EAGAIN */
	pfd = (struct pollfd){ .fd = k->own ? k->fd : k->ctl, .events = POLLIN };
	poll(&pfd, 1, end - now > 100000000 ? 100 : (int)((end - now) / 1000000) + 1);
	return true;
}

/*
 * Own: no longer the kernel's audit daemon, so that nothing more comes;
 * what it sent before is still to be read (kaudit_read() until none).
 */
void kaudit_unregister(struct daemon *d)
{
	struct kaudit *k = d->ka;

	if (!k || !k->own)
		return;
	if (k->sync_sent || k->sync_due)
		log_warnx("kernel audit: stopping before it sent all it held: the trail does not count what it dropped since its last overrun");
	/* The kernel's audit stays enabled, with its rule: what comes
	 * until the next start goes to the kernel's log (and, booted with
	 * audit=1, waits in its hold queue for the next daemon). */
	if (set_pid(k->fd, 0))
		log_warn("kernel audit: unregistering as its audit daemon");
	k->sync_due = k->sync_sent = false;
	k->unregistered = true;
}

void kaudit_stop(struct daemon *d)
{
	struct kaudit *k = d->ka;

	if (!k)
		return;
	log_info("kernel audit: %llu messages, %llu lost by the kernel, %llu never sent, %llu socket overflows, dropped as its daemon %llu times",
		 (unsigned long long)k->messages,
		 (unsigned long long)k->lost_kernel,
		 (unsigned long long)k->lost_serials,
		 (unsigned long long)k->overflows,
		 (unsigned long long)k->resets);
	if (!k->unregistered)
		kaudit_unregister(d);
	kaudit_free(k);
	d->ka = NULL;
}
