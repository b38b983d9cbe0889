// SPDX-License-Identifier: GPL-2.0
/*
 * kmsg N TEXT: sends N messages of type AUDIT_USER to the kernel's audit,
 * as fast as it can, through libaudit (text=TEXT-1 ... text=TEXT-N), to
 * overrun its backlog. Prints how many the kernel refused.
 */
#include <libaudit.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	char text[128];
	long n, refused = 0;
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
		snprintf(text, sizeof(text), "%s-%ld", argv[2], i);
		if (audit_log_user_message(fd, AUDIT_USER, text, NULL, NULL,
					   NULL, 1) <= 0)
			refused++;
	}
	audit_close(fd);
	printf("%ld\n", refused);
	return 0;
}
