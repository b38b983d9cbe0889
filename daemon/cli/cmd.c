// SPDX-License-Identifier: GPL-2.0
/* Option parsing shared by the subcommands. */
#include <string.h>

#include "cmd.h"

#define CMD_MAX_OPTS	32

int cmd_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, void (*usage)(FILE *out),
	       int *status)
{
	struct option all[CMD_MAX_OPTS + 2] = { 0 };
	char shorts[64];
	size_t n = 0;
	int c;

	while (longopts && longopts[n].name && n < CMD_MAX_OPTS) {
		all[n] = longopts[n];
		n++;
	}
	all[n] = (struct option){ "help", no_argument, NULL, 'h' };
	snprintf(shorts, sizeof(shorts), "+h%s", shortopts);
	c = getopt_long(argc, argv, shorts, all, NULL);
	if (c == 'h') {
		usage(stdout);
		*status = EXIT_OK;
		return CMD_DONE;
	}
	if (c == '?' || c == ':') {
		usage(stderr);
		*status = EXIT_USAGE;
		return CMD_DONE;
	}
	return c;
}

int cmd_no_operands(int argc, void (*usage)(FILE *out))
{
	if (optind == argc)
		return EXIT_OK;
	usage(stderr);
	return EXIT_USAGE;
}
