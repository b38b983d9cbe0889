// SPDX-License-Identifier: GPL-2.0
/* c2audit: the command-line front end, git-style subcommands. */
#include <stdio.h>
#include <string.h>

#include "array_size.h"
#include "c2audit.h"
#include "cmd.h"
#include "log.h"

static const struct command {
	const char *name;
	int (*fn)(const struct cli *cli, int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "status", cmd_status, "show whether auditing runs, its settings and counters" },
	{ "set", cmd_set, "change the module's settings (overflow, failure action, ...)" },
	{ "rules", cmd_rules, "load, list, add, delete, flush the audit rules; lock" },
	{ "report", cmd_report, "print the audit trail as text or JSON, filtered" },
	{ "summary", cmd_summary, "count the trail's events by syscall, user, program, failure, loss" },
	{ "tail", cmd_tail, "print the newest events of the trail, and follow it" },
	{ "verify", cmd_verify, "check the trail's hash chains: changed, missing, cut records" },
	{ "trace", cmd_trace, "run a command and show its syscalls and LSM checks live" },
	{ "detect", cmd_detect, "alert on ransomware-like behaviour, live or over records" },
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit [--device PATH] COMMAND [ARGS...]\n"
		"\n"
		"Configure the c2audit kernel module and review its audit trail.\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out,
		"\n"
		"Options:\n"
		"  --device PATH  the module's device (default %s)\n"
		"  -h, --help     this help; `c2audit COMMAND --help` for a command's\n"
		"  -V, --version  the version of c2audit\n"
		"\n"
		"Exit status: 0 success, 1 failure or findings, 2 usage error.\n",
		C2A_DEVICE);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "device", required_argument, NULL, 'D' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	struct cli cli = { .device = C2A_DEVICE };
	int c, status;

	log_init("c2audit");
	/* Options stop at the command name; its options are its own. */
	while ((c = cmd_getopt(argc, argv, "V", opts, usage, &status)) != -1) {
		if (c == CMD_DONE)
			return status;
		if (c == 'V') {
			printf("c2audit %s\n", C2A_VERSION);
			return EXIT_OK;
		}
		cli.device = optarg;
	}
	if (optind == argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(argv[optind], commands[i].name))
			continue;
		argv += optind;
		argc -= optind;
		optind = 0;
		return commands[i].fn(&cli, argc, argv);
	}
	log_warnx("'%s' is not a command; see `c2audit --help`", argv[optind]);
	return EXIT_USAGE;
}
