// SPDX-License-Identifier: GPL-2.0
/*
 * blockers N: N threads wait in accept(2) on one loopback socket at the
 * same time, then are released by N connections. With fewer kretprobe
 * instances than N, the probe misses some: that must show as loss.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static int listener;

static void *waiter(void *arg)
{
	int c = accept(listener, NULL, NULL);

	(void)arg;
	if (c >= 0)
		close(c);
	return NULL;
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(5557) };
	int n = argc == 2 ? atoi(argv[1]) : 0;
	pthread_t *t = calloc(n, sizeof(*t));

	if (n <= 0 || !t)
		return 2;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (bind(listener, (struct sockaddr *)&a, sizeof(a)) || listen(listener, n))
		return 1;
	for (int i = 0; i < n; i++)
		pthread_create(&t[i], NULL, waiter, NULL);
	sleep(2);	/* all of them in accept() now */
	for (int i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0);

		if (connect(c, (struct sockaddr *)&a, sizeof(a)))
			return 1;
		close(c);
	}
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	printf("%d accepts\n", n);
	return 0;
}
