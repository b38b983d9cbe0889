// SPDX-License-Identifier: GPL-2.0
/* c2audit set: change the module's settings (the CLI's auditctl -e/-f/-b). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"
#include "dev_audit.h"
#include "log.h"
#include "settings.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit set KEY=VALUE...\n"
		"\n"
		"Change the module's settings; the others keep their values.\n"
		"\n"
		"  enabled=yes|no        audit or not\n"
		"  overflow=drop|block   when a ring is full: drop the record (a loss\n"
		"                        marker says so), or make the producer wait\n"
		"  failure=none|log|panic   on any loss: nothing, a kernel log message,\n"
		"                        or halt the system rather than lose\n"
		"  block_timeout=MS      longest a producer waits in block mode, then\n"
		"                        its record is lost (0: no limit)\n"
		"  strict=yes|no         block mode waits even with no reader\n"
		"  slots=N               records per CPU ring (a power of two,\n"
		"                        64..65536); only while auditing is disabled\n"
		"\n"
		"Needs CAP_AUDIT_CONTROL.\n");
}

int cmd_set(const struct cli *cli, int argc, char **argv)
{
	struct settings want;
	int c, fd, status;

	while ((c = cmd_getopt(argc, argv, "", NULL, usage, &status)) != -1)
		if (c == CMD_DONE)
			return status;
	if (optind == argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	fd = dev_open_control(cli->device);
	if (fd < 0)
		return EXIT_FAIL;
	if (settings_read(fd, &want)) {
		close(fd);
		return EXIT_FAIL;
	}
	for (int i = optind; i < argc; i++) {
		if (!settings_parse(&want, argv[i])) {
			close(fd);
			return EXIT_USAGE;
		}
	}
	status = settings_apply(fd, &want) ? EXIT_FAIL : EXIT_OK;
	close(fd);
	return status;
}
