// SPDX-License-Identifier: GPL-2.0
/* c2audit status: is auditing on, with what settings, and what it counted. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "dev_audit.h"
#include "log.h"
#include "outputs.h"
#include "record.h"
#include "settings.h"

static void print_hooks(const char *label, uint32_t hooks)
{
	printf("%s", label);
	if (!hooks)
		printf(" none");
	for (unsigned int h = 1; h < C2A_LSM_COUNT; h++)
		if (hooks & (1u << h))
			printf(" %s", lsm_hook_name(h));
	printf("\n");
}

/* The LSM class and observers (c2audit trace), when the module has them. */
static void print_lsm_text(int fd)
{
	struct c2a_lsm_status l;

	if (dev_get_lsm(fd, &l))
		return;
	print_hooks("lsm hooks: audited:", l.audited);
	print_hooks("           traced:", l.observed);
	if (l.missing)
		print_hooks("           missing on this kernel:", l.missing);
	printf("observers: %u (c2audit trace)\n", l.observers);
}

static void print_lsm_json(int fd)
{
	struct c2a_lsm_status l;

	if (dev_get_lsm(fd, &l))
		return;
	printf(",\"lsm\":{\"registered\":%u,\"audited\":%u,\"observed\":%u,"
	       "\"missing\":%u,\"missed\":%llu},\"observers\":%u",
	       l.registered, l.audited, l.observed, l.missing,
	       (unsigned long long)l.missed, l.observers);
}

static void print_counters_row(const char *label, const struct c2a_counters *c)
{
	printf("  %-6s %12llu %12llu %10llu %8llu"
	       " %8llu %8llu %8llu\n", label, c->produced,
	       c->delivered, c->dropped, c->missed, c->blocked_now, c->fill,
	       c->high_water);
}

/*
 * Whether root could undo the lock on this boot: only kernel lockdown
 * (integrity or confidentiality) with enforced module signatures keeps
 * root from loading code that unhooks the module or patches it out.
 */
static bool lock_holds_against_root(const char **why)
{
	char lockdown[128] = "", sig[8] = "";
	FILE *f;

	f = fopen("/sys/kernel/security/lockdown", "r");
	if (!f) {
		*why = "kernel lockdown unknown (no securityfs)";
		return false;
	}
	if (!fgets(lockdown, sizeof(lockdown), f))
		lockdown[0] = '\0';
	fclose(f);
	f = fopen("/sys/module/module/parameters/sig_enforce", "r");
	if (f) {
		if (!fgets(sig, sizeof(sig), f))
			sig[0] = '\0';
		fclose(f);
	}
	if (!strstr(lockdown, "[integrity]") &&
	    !strstr(lockdown, "[confidentiality]")) {
		*why = "kernel lockdown is off";
		return false;
	}
	if (sig[0] != 'Y') {
		*why = "module signatures are not enforced";
		return false;
	}
	*why = "kernel lockdown and enforced module signatures";
	return true;
}

static void print_text(int fd, const struct c2a_version *v,
		       const struct c2a_status *st,
		       const struct c2a_cpu_stats *cpus, unsigned int n)
{
	printf("module:    loaded (version %s, ABI %u)\n", v->module_version,
	       v->abi_version);
	printf("auditing:  %s\n", st->flags & C2A_ST_ENABLED ? "enabled" : "disabled");
	const char *why;
	bool holds = lock_holds_against_root(&why);

	printf("locked:    %s", st->flags & C2A_ST_LOCKED ? "yes" : "no");
	printf(" (against root: %s, %s)\n",
	       holds ? "holds" : "only against mistakes", why);
	printf("overflow:  %s", overflow_name(st->overflow));
	if (st->overflow == C2A_OVERFLOW_BLOCK) {
		printf(" (%s, ", st->flags & C2A_ST_STRICT ? "strict" : "not strict");
		if (st->block_timeout_ms)
			printf("timeout %u ms)", st->block_timeout_ms);
		else
			printf("no timeout)");
	}
	printf("\n");
	printf("failure:   %s\n", failure_name(st->failure));
	if (st->flags & C2A_ST_HALTING)
		printf("halting:   yes: the reader is halting the system; nobody waits for room\n");
	printf("hooks:     %u entry points", st->hooks);
	if (st->hooks_failed)
		printf(", %u that rules want NOT HOOKED (see the kernel log)",
		       st->hooks_failed);
	printf("; %u audited calls in progress\n", st->inflight);
	if (st->flags & C2A_ST_DISARMED)
		printf("kprobes:   DISARMED (debugfs kprobes/enabled): LSM hooks and trace's fork probe do not run\n");
	printf("rings:     %u CPUs x %u records (%u KiB each)\n", st->nr_cpus,
	       st->slots_per_cpu, st->slots_per_cpu * C2A_RECORD_SIZE / 1024);
	if (st->reader_pid)
		printf("reader:    pid %u\n", st->reader_pid);
	else
		printf("reader:    none (records wait in the rings)\n");
	printf("wakeup:    %u ms\n", st->wakeup_ms);
	printf("rules:     %u\n", st->nr_rules);
	print_lsm_text(fd);
	printf("\n");
	printf("  %-6s %12s %12s %10s %8s %8s %8s %8s\n", "cpu", "produced",
	       "delivered", "dropped", "missed", "blocked", "fill", "high");
	for (unsigned int i = 0; i < n; i++) {
		char label[16];

		snprintf(label, sizeof(label), "%u", cpus[i].cpu);
		print_counters_row(label, &cpus[i].c);
	}
	print_counters_row("total", &st->total);
	if (st->total.blocked_total)
		printf("\nblocked:   %llu producers waited for room, %.3f s in all\n",
		       st->total.blocked_total, st->total.blocked_ns / 1e9);
	status_outputs(OUTPUTS_STATE_PATH, false);
}

static void print_json_counters(const struct c2a_counters *c)
{
	printf("{\"produced\":%llu,\"delivered\":%llu"
	       ",\"dropped\":%llu,\"missed\":%llu"
	       ",\"blocked_now\":%llu,\"blocked_total\":%llu"
	       ",\"blocked_ns\":%llu,\"fill\":%llu"
	       ",\"high_water\":%llu}", c->produced, c->delivered,
	       c->dropped, c->missed, c->blocked_now, c->blocked_total,
	       c->blocked_ns, c->fill, c->high_water);
}

static void print_json(int fd, const struct c2a_version *v,
		       const struct c2a_status *st,
		       const struct c2a_cpu_stats *cpus, unsigned int n)
{
	const char *why;
	bool holds = lock_holds_against_root(&why);

	printf("{\"loaded\":true,\"version\":\"%s\",\"abi\":%u,\"enabled\":%s,"
	       "\"locked\":%s,\"lock_holds_against_root\":%s,\"overflow\":\"%s\",\"strict\":%s,"
	       "\"block_timeout_ms\":%u,\"failure\":\"%s\","
	       "\"slots_per_cpu\":%u,\"nr_cpus\":%u,\"reader_pid\":%u,"
	       "\"wakeup_ms\":%u,\"rules\":%u,\"hooks\":%u,"
	       "\"hooks_failed\":%u,\"inflight\":%u,\"kprobes_disarmed\":%s,\"halting\":%s,\"total\":", v->module_version,
	       v->abi_version, st->flags & C2A_ST_ENABLED ? "true" : "false",
	       st->flags & C2A_ST_LOCKED ? "true" : "false",
	       holds ? "true" : "false", overflow_name(st->overflow),
	       st->flags & C2A_ST_STRICT ? "true" : "false", st->block_timeout_ms,
	       failure_name(st->failure), st->slots_per_cpu, st->nr_cpus,
	       st->reader_pid, st->wakeup_ms, st->nr_rules, st->hooks,
	       st->hooks_failed, st->inflight,
	       st->flags & C2A_ST_DISARMED ? "true" : "false",
	       st->flags & C2A_ST_HALTING ? "true" : "false");
	print_json_counters(&st->total);
	print_lsm_json(fd);
	printf(",\"cpus\":[");
	for (unsigned int i = 0; i < n; i++) {
		printf("%s{\"cpu\":%u,\"online\":%s,\"counters\":", i ? "," : "",
		       cpus[i].cpu, cpus[i].online ? "true" : "false");
		print_json_counters(&cpus[i].c);
		printf("}");
	}
	printf("],\"outputs\":");
	status_outputs(OUTPUTS_STATE_PATH, true);
	printf("}\n");
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit status [--json]\n"
		"\n"
		"Show whether the module is loaded and auditing, its overflow mode and\n"
		"failure action, the ring geometry, the reader attached to the device,\n"
		"and per-CPU counters: records produced, delivered to the reader,\n"
		"dropped (ids lost, each reported by a loss marker), missed by probes,\n"
		"producers blocked now, records waiting (fill) and the highest fill.\n"
		"Then the counters of c2auditd's outputs, from " OUTPUTS_STATE_PATH ".\n"
		"\n"
		"  --json   one JSON object instead of text\n"
		"\n"
		"Needs CAP_AUDIT_READ or CAP_AUDIT_CONTROL. Exit status 1 when the\n"
		"module is not loaded.\n");
}

int cmd_status(const struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	struct c2a_cpu_stats *cpus;
	struct c2a_version v;
	struct c2a_status st;
	bool json = false;
	unsigned int n;
	int c, fd, status;

	while ((c = cmd_getopt(argc, argv, "", opts, usage, &status)) != -1) {
		if (c == CMD_DONE)
			return status;
		json = true;
	}
	status = cmd_no_operands(argc, usage);
	if (status)
		return status;
	fd = dev_open_query(cli->device);
	if (fd < 0) {
		if (json)
			printf("{\"loaded\":false}\n");
		return EXIT_FAIL;
	}
	if (dev_get_version(fd, &v) || dev_get_status(fd, &st) ||
	    dev_get_stats(fd, &cpus, &n)) {
		close(fd);
		return EXIT_FAIL;
	}
	if (json)
		print_json(fd, &v, &st, cpus, n);
	else
		print_text(fd, &v, &st, cpus, n);
	close(fd);
	free(cpus);
	return EXIT_OK;
}
