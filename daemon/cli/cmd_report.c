// SPDX-License-Identifier: GPL-2.0
/* c2audit report: the audit trail as text or JSON lines, filtered. */
#include <stdlib.h>

#include "cmd.h"
#include "conf.h"
#include "fields.h"
#include "log.h"
#include "render.h"
#include "trail_scan.h"

struct report {
	struct filter filter;
	bool json;
	struct buf line;
	unsigned long long shown;
};

static void report_event(const struct evt *ev, void *ctx)
{
	struct report *r = ctx;
	struct fields f;

	if (!filter_match(&r->filter, ev))
		return;
	fields_build(ev, &f);
	buf_reset(&r->line);
	if (r->json)
		render_json(&f, &r->line);
	else
		render_text(&f, &r->line);
	buf_addc(&r->line, '\n');
	fwrite(r->line.data, 1, r->line.len, stdout);
	r->shown++;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit report [--json] [--conf FILE] [--no-verify | --key-file FILE]\n"
		"                      [FILTERS] [FILE...]\n"
		"\n"
		"Print the events of the audit trail, oldest first, one per line: as\n"
		"key=value pairs (values with spaces, quotes, control bytes or invalid\n"
		"UTF-8 are quoted and escaped, so every byte of a name can be recovered)\n"
		"or, with --json, as one JSON object per line (a value that is not valid\n"
		"UTF-8 comes with an exact KEY_hex copy). Keys include type, seq, cpu,\n"
		"time (RFC 3339, UTC, ns), syscall, arch, exit, success, pid, ppid, uid,\n"
		"euid, gid, auid, ses, comm, exe, path, path2, key; loss markers\n"
		"(type=lost) give cpu, first_seq, count and reasons.\n"
		"\n"
		"FILE... are trail files (or raw record streams; - is standard input),\n"
		"read in the order given; without any, every file of c2auditd's log\n"
		"directory, across rotations, oldest first. The hash chain of trail\n"
		"files is checked as they are read, as `c2audit verify` does: a\n"
		"record that fails it is printed with damaged=yes, and a warning names\n"
		"the file and the record.\n"
		"\n"
		"  --json         JSON lines instead of key=value\n"
		"  --conf FILE    c2auditd's configuration, for its log directory\n"
		"                 and key file (default " CONF_PATH ")\n");
	review_check_usage(out);
	fprintf(out, "\n");
	review_filter_usage(out);
	fprintf(out,
		"\n"
		"Exit status: 0 when every file was read whole and its chain checked\n"
		"intact, 1 when one was unreadable, damaged, could not be checked, or\n"
		"files are missing from the log directory (what was read is still\n"
		"printed; `c2audit verify` tells more), 2 usage error.\n");
}

int cmd_report(const struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "conf", required_argument, NULL, 'c' },
		REVIEW_CHECK_OPTIONS,
		REVIEW_FILTER_OPTIONS,
		{ 0 }
	};
	struct review_check chk = { .no_verify = false };
	struct report r = { .json = false };
	const char *conf = CONF_PATH;
	struct review_stats st;
	struct evt_asm a;
	int c, ret, status = EXIT_OK;

	(void)cli;
	filter_init(&r.filter);
	while ((c = cmd_getopt(argc, argv, "", opts, usage, &ret)) != -1) {
		if (c == CMD_DONE)
			goto out;
		if (c == 'j')
			r.json = true;
		else if (c == 'c')
			conf = optarg;
		else if (review_check_option(&chk, c, optarg))
			continue;
		else if (review_filter_option(&r.filter, c, optarg) < 0) {
			ret = EXIT_USAGE;
			goto out;
		}
	}
	evt_asm_init(&a, report_event, &r);
	if (review_read(argv + optind, argc - optind, conf, &chk, &a, &st))
		status = EXIT_FAIL;
	if (a.orphans || a.invalid)
		log_warnx("%llu continuation records without their event, %llu invalid records",
			  (unsigned long long)a.orphans,
			  (unsigned long long)a.invalid);
	evt_asm_free(&a);
	buf_free(&r.line);
	if (fflush(stdout)) {
		log_warn("standard output");
		status = EXIT_FAIL;
	}
	ret = status;
out:
	filter_free(&r.filter);
	return ret;
}
