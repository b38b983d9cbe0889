// SPDX-License-Identifier: GPL-2.0
/*
 * sc_net DIR: socket, bind, listen, connect, accept, accept4 on loopback
 * (which must be up) and on a unix socket in DIR.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "expect.h"

#define PORT 5555

static struct sockaddr_in lo(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static void inet_addr_expect(int port)
{
	ex_add("family", "inet");
	ex_add("addr", "127.0.0.1");
	ex_add("port", "%d", port);
	ex_end();
}

static void client(void)
{
	struct sockaddr_in a = lo(PORT);
	long c = ex_call("socket", SYS_socket, AF_INET, SOCK_STREAM, 0);

	ex_end();
	ex_call("connect", SYS_connect, c, &a, sizeof(a));
	inet_addr_expect(PORT);
}

static void inet(void)
{
	struct sockaddr_in a = lo(PORT), peer;
	socklen_t plen = sizeof(peer);
	long s, c;
	pid_t pid;

	s = ex_call("socket", SYS_socket, AF_INET, SOCK_STREAM, 0);
	ex_end();
	ex_call("bind", SYS_bind, s, &a, sizeof(a));
	inet_addr_expect(PORT);
	ex_call("listen", SYS_listen, s, 8);
	inet_addr_expect(PORT);
	pid = fork();
	if (pid == 0) {
		client();
		_exit(0);
	}
	c = ex_call("accept4", SYS_accept4, s, NULL, NULL, 0);
	getpeername(c, (struct sockaddr *)&peer, &plen);
	inet_addr_expect(ntohs(peer.sin_port));
	waitpid(pid, NULL, 0);
	pid = fork();
	if (pid == 0) {
		client();
		_exit(0);
	}
	c = ex_call("accept", SYS_accept, s, NULL, NULL);
	getpeername(c, (struct sockaddr *)&peer, &plen);
	inet_addr_expect(ntohs(peer.sin_port));
	waitpid(pid, NULL, 0);
	a = lo(1);
	c = socket(AF_INET, SOCK_STREAM, 0);
	ex_call("connect", SYS_connect, c, &a, sizeof(a));
	inet_addr_expect(1);
}

static void unix_sockets(const char *dir)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	long s, c;

	snprintf(a.sun_path, sizeof(a.sun_path), "%s/sock", dir);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	ex_call("bind", SYS_bind, s, &a, sizeof(a));
	ex_add("family", "unix");
	ex_add("sockpath", "%s", a.sun_path);
	ex_end();
	listen(s, 1);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	ex_call("connect", SYS_connect, c, &a, sizeof(a));
	ex_add("family", "unix");
	ex_add("sockpath", "%s", a.sun_path);
	ex_end();
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	inet();
	unix_sockets(argv[1]);
	return 0;
}
