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
 * Loss: the kernel's count of lost messages (AUDIT_GET status.lost),
 * asked for at most every second while messages come, and the socket's
 * buffer overflowing (ENOBUFS), each make a loss record of the stream.
 * Own, a third: when c2auditd's socket stays full, the kernel gives up
 * sending a message after a few tries and hands it to its log, then
 * drops it unless booted with audit=1, without counting it lost. Every
 * message it sends has the next serial number (a multi-record event
 * shares one; what its backlog refuses never gets one), and c2auditd is
 * the only reader: a gap in the serials is that many messages gone.
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
	struct amsg parsed;	/* the message's stamp */
	struct {
		struct nlmsghdr nlh;
		char text[USERMSG_TEXT_MAX + 1024];
	} msg;
};

/* AUDIT_GET, answered on @fd among the messages; no ack wanted. */
static int ask_status(int fd)
{
	struct nlmsghdr nlh = {
		.nlmsg_len = NLMSG_LENGTH(0),
		.nlmsg_type = AUDIT_GET,
		.nlmsg_flags = NLM_F_REQUEST,
	};
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	return sendto(fd, &nlh, nlh.nlmsg_len, 0, (struct sockaddr *)&to,
		      sizeof(to)) < 0 ? -1 : 0;
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
 * Own: the kernel drops its audit daemon when a send to it fails (its
 * socket stayed full: auditd_reset()), and from then on gives its
 * messages to its log until a daemon registers. Registered again, the
 * messages come again; those it logged meanwhile show as a serial gap.
 */
static void still_daemon(struct kaudit *k, const struct audit_status *st)
{
	if (!k->own || st->pid == (uint32_t)getpid())
		return;
	k->resets++;
	if (audit_set_pid(k->fd, getpid(), WAIT_NO) < 0)
		log_warnx("kernel audit: it dropped c2auditd as its audit daemon (pid now %u), and registering again failed",
			  st->pid);
	else
		log_warnx("kernel audit: it dropped c2auditd as its audit daemon (a send to its full socket failed): registered again");
}

static size_t on_status(struct kaudit *k, const struct nlmsghdr *nlh,
			struct c2a_record *out)
{
	const struct audit_status *st = NLMSG_DATA(nlh);
	uint32_t grew;

	if (nlh->nlmsg_len < NLMSG_LENGTH(offsetof(struct audit_status, backlog)))
		return 0;
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
	n = usermsg_records(nlh->nlmsg_type, NLMSG_DATA(nlh), len, k->seq,
			    clock_ns(CLOCK_REALTIME), out + lost,
			    USERMSG_RECORDS_MAX);
	k->seq += n;
	return lost + n;
}

static void status_if_due(struct kaudit *k)
{
	uint64_t now = mono_ns();

	if (now - k->status_ns < STATUS_EVERY_NS)
		return;
	k->status_ns = now;
	if (ask_status(k->own ? k->fd : k->ctl))
		log_warn("kernel audit: asking for its status");
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
			log_warnx("kernel audit: its messages overflowed the socket's buffer: some are lost");
			n += loss(k, 0, C2A_LOSS_SOCKBUF, buf + n);
			/* the kernel may have dropped us as its daemon: look now */
			k->status_ns = mono_ns();
			if (ask_status(k->own ? k->fd : k->ctl))
				log_warn("kernel audit: asking for its status");
			continue;
		}
		if (got < 0 && errno != EAGAIN && errno != EINTR)
			log_warn("kernel audit: recv");
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
 * At a stop: the kernel's lost count once more, its answer waited for a
 * while (the next kaudit_read() takes it), so that a loss since the
 * last look is in the trail before it is sealed.
 */
void kaudit_last_status(struct daemon *d)
{
	struct kaudit *k = d->ka;
	struct pollfd pfd;

	if (!k)
		return;
	pfd = (struct pollfd){ .fd = k->own ? k->fd : k->ctl, .events = POLLIN };
	k->status_ns = mono_ns();
	if (ask_status(pfd.fd)) {
		log_warn("kernel audit: asking for its status");
		return;
	}
	poll(&pfd, 1, 200);
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
	/* The kernel's audit stays enabled, with its rule: what comes
	 * until the next start goes to the kernel's log (and, booted with
	 * audit=1, waits in its hold queue for the next daemon). */
	if (k->own)
		audit_set_pid(k->fd, 0, WAIT_NO);
	kaudit_free(k);
	d->ka = NULL;
}
