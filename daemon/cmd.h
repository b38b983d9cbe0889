/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_CMD_H
#define C2A_CMD_H

/* What every subcommand gets from the command line before its own name. */
struct cli {
	const char *device;
};

/* Exit codes scripts can trust. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* failure, or findings (damage, matches) */
	EXIT_USAGE = 2,
};

int cmd_status(const struct cli *cli, int argc, char **argv);
int cmd_tail(const struct cli *cli, int argc, char **argv);

#endif
