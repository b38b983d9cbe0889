// SPDX-License-Identifier: GPL-2.0
/*
 * kmsg N TEXT: sends N messages of type AUDIT_USER to the kernel's audit,
 * as fast as it can (text TEXT-1 ... TEXT-N), to overrun its backlog and
 * its daemon's socket. No ack is asked for, so that each message costs
 * one sendto(): the kernel has taken it, or refused it, when that
 * returns, and a refusal comes back as an error. Prints how many the
 * kernel refused.
 */
#include <errno.h>
#include <libaudit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* the errors the kernel sent back for messages sent */
static long refusals(int fd)
{
	struct {
		struct nlmsghdr nlh;
		struct nlmsgerr err;
		char more[256];
	} rep;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long n = 0;

	while (poll(&pfd, 1, 200) > 0) {
		ssize_t got = recv(fd, &rep, sizeof(rep), MSG_DONTWAIT);

		if (got < 0 && errno == EAGAIN)
			continue;
		if (got < 0) {
			perror("kmsg: recv");
			return -1;
		}
		if ((size_t)got >= NLMSG_LENGTH(sizeof(rep.err)) &&
		    rep.nlh.nlmsg_type == NLMSG_ERROR && rep.err.error)
			n++;
	}
	return n;
}

int main(int argc, char **argv)
{
	struct {
		struct nlmsghdr nlh;
		char text[256];
	} req;
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	long n, refused;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: kmsg N TEXT\n");
		return 2;
	}
	n = atol(argv[1]);
	fd = audit_open();
	if (fd < 0) {
		perror("kmsg: audit_open");
		return 1;
	}
	for (long i = 1; i <= n; i++) {
		int len = snprintf(req.text, sizeof(req.text),
				   "%s-%ld exe=\"/bin/kmsg\" hostname=? addr=? terminal=? res=success",
				   argv[2], i);

		memset(&req.nlh, 0, sizeof(req.nlh));
		req.nlh.nlmsg_len = NLMSG_LENGTH(len + 1);
		req.nlh.nlmsg_type = AUDIT_USER;
		req.nlh.nlmsg_flags = NLM_F_REQUEST;
		req.nlh.nlmsg_seq = i;
		if (sendto(fd, &req, req.nlh.nlmsg_len, 0, (struct sockaddr *)&to,
			   sizeof(to)) < 0) {
			perror("kmsg: sendto");
			return 1;
		}
	}
	refused = refusals(fd);
	audit_close(fd);
	if (refused < 0)
		return 1;
	printf("%ld\n", refused);
	return 0;
}
