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

#include <getopt.h>
#include <stdio.h>

#define CMD_DONE	-2	/* cmd_getopt(): --help or a bad option, exit now */

/*
 * The next option of a subcommand (-1 when there are no more). --help and
 * unknown options are handled here: their usage is printed, *status set and
 * CMD_DONE returned. @longopts need not list "help".
 */
int cmd_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, void (*usage)(FILE *out),
	       int *status);
/* Fails with usage when operands are left after the options. */
int cmd_no_operands(int argc, void (*usage)(FILE *out));

int cmd_rules(const struct cli *cli, int argc, char **argv);
int cmd_set(const struct cli *cli, int argc, char **argv);
int cmd_report(const struct cli *cli, int argc, char **argv);
int cmd_summary(const struct cli *cli, int argc, char **argv);
int cmd_status(const struct cli *cli, int argc, char **argv);
int cmd_tail(const struct cli *cli, int argc, char **argv);
int cmd_verify(const struct cli *cli, int argc, char **argv);
int cmd_trace(const struct cli *cli, int argc, char **argv);
int cmd_detect(const struct cli *cli, int argc, char **argv);

/* status_outputs.c: the outputs' counters (JSON: a value, or null). */
#include <stdbool.h>
void status_outputs(const char *state_path, bool json);

#endif
